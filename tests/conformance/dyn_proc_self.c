/*
 * dyn_proc_self - proc_self.c linked dynamically on both sides: a dynamically linked
 * program behaves as its static twin (issue 6).
 */
#include "proc_self.c"
