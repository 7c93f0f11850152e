/*
 * dyn_vdso - vdso.c linked dynamically on both sides: the dynamic loader finds
 * the vDSO too.
 */
#include "vdso.c"
