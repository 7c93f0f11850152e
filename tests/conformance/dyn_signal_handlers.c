/*
 * dyn_signal_handlers - signal_handlers.c linked dynamically on both sides: a dynamically linked
 * program behaves as its static twin (issue 6).
 */
#include "signal_handlers.c"
