/*
 * dyn_lifecycle_fork - lifecycle_fork.c linked dynamically on both sides: a dynamically linked
 * program behaves as its static twin (issue 6).
 */
#include "lifecycle_fork.c"
