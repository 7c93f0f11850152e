# shellcheck shell=bash
# shellcheck disable=SC2016  # the cases are guest shell programs: no $ expands here
# shellcheck disable=SC2034,SC2154  # PENDING, t and the rest come from tests/system/run
# tests/system/signals.sh: the signal cases of the system tests, sourced by
# tests/system/run after lifecycle.sh (which defines host_bash and qemu_ash; run
# defines t, the oracles qemu and qemu_plain, CLEAN_ENV, ROOTFS, WORK, BUSYBOX,
# GUEST_BASH and PENDING).
#
# Real bash and busybox catch, ignore, reset, wait out and die of signals in
# taskbox: traps (handlers, the frame and sigreturn), traps deferred while a
# foreground child runs, the wait builtin interrupted by a trapped signal, default
# actions, SIG_IGN inherited across fork and execve, stop and continue, job specs,
# busybox timeout and bash's read -t (an ITIMER_REAL timer and SIGALRM). The judges,
# as in lifecycle.sh:
#
# - qemu: the same riscv64 binary under qemu-riscv64 -L ROOTFS, for scripts of
#   shell builtins and subshells. qemu-user turns the guest's signals into the
#   host's, so the host kernel decides; where qemu-user cannot (its top real-time
#   signals, a core-dumping death), the case says so and uses host_bash.
# - host_bash: the host's GNU bash on the same script, with the host's tools, for
#   scripts that exec other programs (sleep, sh) or that qemu cannot judge. The
#   host's bash (5.2.15 on Debian 12) and the guest's (5.2.37) agree on every
#   such script here (each checked against the guest bash under qemu, which
#   differs only where qemu-user cannot deliver a signal).
# - qemu_ash: busybox sh under qemu-riscv64, for busybox's own shell.
# - bb_timeout: busybox's own timeout applet under qemu, for its exit statuses
#   (GNU timeout's differ: 124 where busybox's child dies of the signal, 143).
#
# Nothing here depends on timing: a signal meant to arrive while the shell waits
# is sent again and again until the wait is interrupted, and counted only as "at
# least once"; a foreground child signals its own parent. Every judge was run 25
# times in a row with identical results. Job control (set -m) is left out: with no
# terminal there are no stopped jobs to report or foreground to give, and the
# process groups it makes are lc-pgrp-kill's.
#
# PENDING reasons name what HEAD lacks: it drops a signal caught by a handler
# (a trap) instead of running it, and has no ITIMER_REAL.

# host_bash with core dumps off (the signals that dump core, on the host).
host_bash_nocore() { (ulimit -c 0 && host_bash "$@"); }
# qemu with core dumps off: qemu-user writes a guest core file (qemu_*.core, in
# the current directory) for a guest that dies of SIGSEGV, SIGQUIT, ...
qemu_nocore() { (ulimit -c 0 && qemu "$@"); }

# ------------------------------------------------------------------ bash: traps

# A trapped signal sent to the shell itself runs the trap before the next command;
# the trap runs inside a function as well; trap -p shows it. Builtins only: qemu.
t sig-trap-usr1 qemu $GUEST_BASH -c 'trap '\''echo got USR1'\'' USR1; kill -USR1 $$; echo after
f() { kill -s USR1 $$; echo "in f"; }; f; trap -p USR1
trap '\''echo "got USR2"'\'' USR2; kill -USR2 $BASHPID; kill -n 12 $$; echo done'

# Real-time signals trapped by name and by number. host_bash: qemu-user cannot
# deliver the top real-time signals (the guest bash under qemu rejects RTMAX-1).
t sig-trap-rt host_bash $GUEST_BASH -c 'trap "echo rtmin+1" RTMIN+1; trap "echo rtmax-1" RTMAX-1; trap "echo rt40" 40
kill -s RTMIN+1 $$; kill -s RTMAX-1 $$; kill -s 40 $$; echo after'

# EXIT traps and signals: a TERM trap that exits runs the EXIT trap with its
# status; an untrapped SIGTERM still runs the EXIT trap (bash catches it to do so)
# and then kills the shell (143). In subshells, then in the shell itself. Builtins
# only: qemu.
t sig-trap-exit qemu $GUEST_BASH -c '(trap '\''echo "exit trap $?"'\'' EXIT; trap '\''echo "term trap"; exit 3'\'' TERM; kill -TERM $BASHPID; echo never); echo "trapped TERM: $?"
(trap '\''echo "exit trap $?"'\'' EXIT; kill -TERM $BASHPID; echo never); echo "untrapped TERM: $?"
trap '\''echo "last exit trap"'\'' EXIT; kill -TERM $$; echo never'

# trap - resets a signal to its default action: the second SIGUSR1 kills the
# shell (138). Builtins only: qemu.
t sig-trap-reset qemu $GUEST_BASH -c 'trap '\''echo caught'\'' USR1; kill -USR1 $$; trap - USR1; kill -USR1 $$; echo never'

# Subshells and command substitutions reset caught signals to the default (the
# parent's trap does not run; 138) but keep ignored ones ignored; the parent's
# trap still works afterwards. Builtins only: qemu.
t sig-trap-subshell qemu $GUEST_BASH -c 'trap "echo parent trap" USR1; trap "" USR2
(kill -USR2 $BASHPID; echo "USR2 ignored in subshell"; kill -USR1 $BASHPID; echo survived); echo "subshell $?"
x=$(kill -USR1 $BASHPID; echo cs); echo "command substitution $? [$x]"
kill -USR1 $$; echo after'

# A signal that arrives while bash waits for a foreground command: the trap runs
# once the command has ended, not before. The foreground child (sh -c) signals its
# own parent, sleeps, then prints: its line must come first. host_bash (with the
# host's sh and sleep).
t sig-trap-fg-wait host_bash $GUEST_BASH -c 'trap '\''echo "trapped USR1"'\'' USR1
sh -c '\''kill -USR1 $PPID; sleep 0.2; echo "child done"'\''; echo "foreground status $?"'

# The wait builtin interrupted by a trapped signal returns 128+n at once (138 for
# SIGUSR1); the job it waited for lives on until killed (143). The signal comes from
# a background loop that sends it every 0.1 s until it is killed, so it arrives
# during the wait whenever the first one came early. host_bash: needs sleep.
t sig-wait-trap host_bash $GUEST_BASH -c 'n=0; trap '\''n=$((n + 1))'\'' USR1; sleep 100 & s=$!
(while kill -USR1 $$ 2>/dev/null; do sleep 0.1; done) & k=$!
wait $s; echo "wait $?"; trap "" USR1; [ $n -ge 1 ] && echo trapped
kill $k $s; wait $s; echo "sleep $?"; wait $k; echo "loop $?"'

# SIGCHLD traps run once per child reaped, foreground or background. Builtins
# only: qemu. The background child's trap does not print $?: whether it runs
# before or after `wait` sets $? depends on when the child exits (bash, and
# qemu itself, give either).
t sig-trap-chld qemu $GUEST_BASH -c 'trap "echo chld \$?" CHLD; (exit 1); echo "a $?"; (exit 2); echo "b $?"
trap "echo chld bg" CHLD; { (exit 3) & wait $!; }; echo "c $?"; trap - CHLD; (exit 4); echo done'

# read -t: a read of a pipe that no one writes (a coprocess's output) times out
# with status 142. bash times the read with select(); in POSIX mode and with TMOUT
# with an ITIMER_REAL timer whose SIGALRM handler longjmps out of the read. Builtins
# only: qemu.
t sig-read-timeout qemu $GUEST_BASH -c 'coproc R { read -r _; }
read -t 0.3 x <&"${R[0]}"; echo "select timeout $?"
set -o posix; read -t 0.3 x <&"${R[0]}"; echo "alarm timeout $?"
TMOUT=0.2; read x <&"${R[0]}"; echo "TMOUT $?"; unset TMOUT
echo done >&"${R[1]}"; wait $R_PID; echo "coproc $?"'

# ------------------------------------------------------------------ bash: kill

# kill -l: bash's own table of names and numbers, and conversions both ways (an
# exit status of 128+n gives n's name). Builtins only: qemu (the host's bash prints
# the same).
t sig-kill-l qemu $GUEST_BASH -c 'kill -l; kill -l 15 143 TERM SIGUSR2 RTMIN+1 64'

# kill -0 of the shell itself. Builtins only: qemu.
t sig-kill-0 qemu $GUEST_BASH -c 'kill -0 $$; echo $?'

# A subshell killing itself with SIGKILL (137) and SIGSEGV (139: sent by kill, not
# a fault). Builtins only: qemu (core dumps off: qemu-user dumps the guest's core).
t sig-kill-9-subshell qemu $GUEST_BASH -c '( kill -9 $BASHPID ); echo $?'
t sig-segv-subshell qemu_nocore $GUEST_BASH -c '(kill -SEGV $BASHPID); echo $?'

# Every signal's default action on a subshell that sends it to itself: terminate
# (128+n), terminate with a core dump (the same status), or ignore (CHLD, CONT, URG,
# WINCH). host_bash (core dumps off): qemu-user cannot deliver SIGRTMAX. A bash
# subshell catches SIGINT itself and then dies of it (130).
t sig-default-actions host_bash_nocore $GUEST_BASH -c 'for s in HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT XCPU XFSZ VTALRM PROF IO PWR SYS RTMIN RTMIN+5 RTMAX; do
(kill -s $s $BASHPID; echo "$s survived"); echo "$s $?"; done
for s in CHLD CONT URG WINCH; do (kill -s $s $BASHPID; echo "$s ignored"); echo "$s $?"; done'

# kill %1 of a background sleep in a non-interactive bash (no job control, but job
# specs work): wait %1 reports SIGTERM (143). host_bash: needs sleep.
t sig-kill-job host_bash $GUEST_BASH -c 'sleep 10 & kill %1; wait %1; echo $?'

# SIGSTOP, SIGCONT, then SIGTERM: 143 whichever of them the sleep had taken when
# the next came. host_bash: needs sleep.
t sig-stop-cont host_bash $GUEST_BASH -c 'sleep 10 & pid=$!; kill -STOP $pid; kill -CONT $pid; kill $pid; wait $pid; echo $?'

# A disposition of SIG_IGN survives execve: a bash started under trap '' INT
# ignores SIGINT sent to itself and shows the inherited '' trap; so does sh.
# host_bash (its bash and sh for the inner ones).
t sig-ign-inherit host_bash $GUEST_BASH -c 'trap '\'''\'' INT; bash -c '\''kill -INT $$; echo survived; trap -p INT'\''; echo "status $?"
sh -c '\''kill -INT $$; echo "sh survived"'\'''

# ... but trap - INT in that bash installs bash's own SIGINT handler, which on
# SIGINT puts back SIG_DFL and kills the shell with it (130). host_bash.
t sig-ign-reset host_bash $GUEST_BASH -c 'trap '\'''\'' INT; bash -c '\''trap - INT; kill -INT $$; echo never'\''; echo "reset $?"'

# wait -n for the one background job. host_bash: needs sleep.
t sig-wait-n host_bash $GUEST_BASH -c 'sleep 0.1 & wait -n; echo $?'

# ------------------------------------------------------------------ busybox timeout

# busybox timeout execs the program in its own process and has a grandchild send
# the signal when the time is up, so the shell sees the program die of it: 143
# for SIGTERM, 137 for -s KILL; a program that ends in time gives its own status.
# The judge: the host's bash running the same script with `timeout` being busybox's
# timeout applet under qemu-riscv64 (bb_timeout below). The program it runs
# is the host's, named by absolute path (busybox would run an applet through
# /proc/self/exe, which qemu-user cannot exec).
BB_TIMEOUT_DIR="$WORK/busybox-timeout"
mkdir -p "$BB_TIMEOUT_DIR"
cat >"$BB_TIMEOUT_DIR/timeout" <<EOF
#!/bin/bash
# busybox's timeout under qemu-riscv64: options, the duration, then the program
# (turned into the host's absolute path) and its arguments.
args=()
while [[ \$1 == -* ]]; do
	case \$1 in -s | -k) args+=("\$1" "\$2"); shift 2 ;; *) args+=("\$1"); shift ;; esac
done
args+=("\$1"); prog=\$(type -P "\$2"); shift 2
exec "$QEMU" "$ROOTFS$BUSYBOX" timeout "\${args[@]}" "\$prog" "\$@"
EOF
chmod +x "$BB_TIMEOUT_DIR/timeout"
bb_timeout() { "${CLEAN_ENV[@]}" PATH="$BB_TIMEOUT_DIR:/usr/sbin:/usr/bin:/sbin:/bin" /bin/bash "${@:2}"; }

t sig-timeout bb_timeout $GUEST_BASH -c 'timeout 1 sleep 5; echo "timeout $?"; timeout -s KILL 1 sleep 5; echo "KILL $?"
timeout 5 sh -c "exit 3"; echo "own status $?"'

# Programs that end in time leave busybox's watcher (the grandchild) asleep, an
# orphan that polls kill(parent, 0) once a second and exits once the parent is
# gone: two of them alive when the shell exits. A 10-second guard: while pending,
# taskbox spins until killed.
TIMEOUT=10 t sig-timeout-in-time bb_timeout $GUEST_BASH -c 'timeout 5 true; echo "in time $?"; timeout 5 sh -c "exit 3"; echo "own status $?"'

# ------------------------------------------------------------------ busybox sh

# ash's traps: run for a signal to itself, reset by trap -, then the default
# action kills it (138). Builtins only: qemu_ash.
t sig-ash-trap qemu_ash $GUEST_SH -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after; trap - USR1; kill -USR1 $$; echo never'

# A TERM trap that exits, and the EXIT trap it runs, with the status. qemu_ash.
t sig-ash-trap-exit qemu_ash $GUEST_SH -c 'trap '\''echo "exit trap $?"'\'' EXIT; trap "echo term trap; exit 4" TERM; kill $$; echo never'

# ash's wait interrupted by a trapped signal (140 for SIGUSR2), as for bash above.
# qemu_ash (sleep: busybox's applet or, where ash would exec /proc/self/exe, the
# host's). A 10-second guard: while pending, the wait never ends.
TIMEOUT=10 t sig-ash-wait-trap qemu_ash $GUEST_SH -c 'n=0; trap '\''n=$((n + 1))'\'' USR2; sleep 100 & s=$!
(while kill -USR2 $$; do sleep 0.1; done) 2>/dev/null & k=$!
wait $s; echo "wait $?"; trap "" USR2; [ $n -ge 1 ] && echo trapped
kill $k $s; wait $s; echo "sleep $?"'

# ash's kill -l: busybox's table. Builtins only: qemu_ash.
t sig-ash-kill-l qemu_ash $GUEST_SH -c 'kill -l; kill -l 15; kill -l 143'

# ------------------------------------------------------------------ init (PID 1)

# host_pid1 --pid1 PROG ARGS: the host's bash as PID 1 of a new PID namespace, so
# the host kernel decides what its init ignores (needs root, as CI has).
host_pid1() { pid_ns_ok || return 77; shift; "${CLEAN_ENV[@]}" unshare -fp --mount-proc /bin/bash "${@:2}"; }

# Signals whose disposition is default never reach init from inside its PID
# namespace, SIGKILL included (Linux: SIGNAL_UNKILLABLE in sig_task_ignored);
# a handler it installed still runs, and a child of init dies as usual.
t sig-init-unkillable host_pid1 --pid1 $GUEST_BASH -c 'echo "pid $$"
kill -KILL $$; kill -TERM $$; kill -SEGV $$; kill -USR1 $$; echo "survived all four"
trap "echo caught USR2" USR2; kill -USR2 $$
bash -c "kill -TERM \$\$; echo never"; echo "child: $?"'

# A fault init cannot handle still kills it (Linux: force_sig_info_to_task
# clears SIGNAL_UNKILLABLE; on a machine that is a panic, in a PID namespace
# and in taskbox the end of the run): bash as PID 1 overflowing a 64 KiB stack.
t sig-init-fault host_pid1 --pid1 $GUEST_BASH -c 'ulimit -s 64; echo start; f() { f; }; f; echo never'
