# shellcheck shell=bash
# shellcheck disable=SC2016  # the cases are guest shell programs: no $ expands here
# shellcheck disable=SC2034,SC2154  # PENDING, t and the rest come from tests/system/run
# tests/system/lifecycle.sh: the process-lifecycle cases of the system tests, sourced
# by tests/system/run (which defines t, the oracles qemu and qemu_plain, CLEAN_ENV,
# ROOTFS, WORK, BUSYBOX, GUEST_BASH and PENDING).
#
# Real bash and busybox fork, exec, wait, pipe and signal in taskbox. The judges:
#
# - qemu: the same riscv64 binary under qemu-riscv64 -L ROOTFS, for scripts that use
#   only shell builtins and subshells (no other guest binary: qemu-user would exec
#   the host's). The shell is the same binary, the kernel underneath is the host's
#   Linux, so every difference is taskbox's.
# - host_bash: the host's GNU bash runs the same script with the host's tools, for
#   scripts that exec guest programs (tr, seq, xargs, sort, ...). Fair where the
#   busybox applet and the GNU tool print the same bytes for the input used (each
#   such case was checked against the busybox applet under qemu).
# - qemu_ash: busybox sh itself under qemu-riscv64 (no -L, host paths): for busybox
#   shell semantics. Its applets run inside the same busybox (or, for the few it
#   would exec through /proc/self/exe, which qemu 7 cannot, the host's tool of the
#   same name, which agrees on these inputs).
# - custom host pipelines over ROOTFS with paths rewritten, where the answer is a fact
#   about the guest's file system.
#
# Nothing here depends on timing, PIDs, host names or host files outside ROOTFS:
# background jobs are ordered by sorting, or synchronised through pipes, or are a
# `sleep 100` that cannot end before it is killed (at once, so no case sleeps).
# Every judge was run 12 to 40 times in a row with identical results. A few PENDING
# cases that spin while pending have a short TIMEOUT as a guard.

GUEST_SH=/bin/sh   # busybox sh

# The host's GNU bash (PROG, the guest's bash, is dropped).
host_bash() { "${CLEAN_ENV[@]}" /bin/bash "${@:2}"; }

# Judges that run the host's bash as PID 1 of a new PID namespace need root
# and a host that lets them (a container may not): otherwise they skip
# (exit 77 with "skip: why", see t in run).
pid_ns_ok() {
	unshare -fp --mount-proc true 2>/dev/null && return 0
	echo "skip: this host cannot make a PID namespace (unshare -fp)" >&2
	return 1
}

# busybox sh under qemu, plain host paths, the host PATH for what it execs.
qemu_ash() { "${CLEAN_ENV[@]}" "$QEMU" "$ROOTFS$BUSYBOX" sh "${@:2}"; }

# Cases that write to /tmp: the judge runs the same script with /tmp/ rewritten to
# a private directory of the host (the scripts never print a path), and TMPDIR
# pointed there for the shell's own temporary files (here-documents).
private_tmp() { mktemp -d "$WORK/tmp.XXXXXX"; }
# qemu_tmp PROG -c SCRIPT: the same riscv64 PROG (bash or busybox sh) under qemu.
qemu_tmp() {
	local d prog="$1" script="${*: -1}"
	d="$(private_tmp)"
	"${CLEAN_ENV[@]}" TMPDIR="$d" "$QEMU" "$ROOTFS$prog" "${@:2:$#-2}" "${script//\/tmp\//$d/}"
}
# host_bash_tmp PROG -c SCRIPT: host bash, the same rewrite, and the directory's name
# rewritten back to /tmp in what it prints.
host_bash_tmp() {
	local d script="${*: -1}"
	d="$(private_tmp)"
	"${CLEAN_ENV[@]}" TMPDIR="$d" /bin/bash "${@:2:$#-2}" "${script//\/tmp\//$d/}" | sed "s|$d/|/tmp/|g"
}

# ------------------------------------------------------------------ bash: pipes, fork

# A pipeline into an exec'd guest tool. host_bash: tr a-z A-Z on ASCII is the same in
# busybox and GNU.
t lc-pipe-tr host_bash $GUEST_BASH -c 'echo hi | tr a-z A-Z'

# Nested command substitution (each level a fork reading its child through a pipe),
# backquotes, and the status of an assignment from one. Builtins only: qemu.
t lc-cmdsubst-nested qemu $GUEST_BASH -c 'echo "[$(echo a$(echo b$(echo c$(echo d))))]"
x=$(echo "$(echo "$(echo "$(echo deep)")")"); echo "$x"
echo $(( $(echo 6) * $(echo $(echo 7)) ))
y=`echo back\`echo tick\``; echo "$y"
z=$(exit 9); echo "status $?"
set -e; w=$(false) || echo "caught $?"; echo after'

# Command substitution around exec'd tools, and one that carries 108 KB (more than a
# pipe's capacity) back to the shell. host_bash: seq/tr/wc print the same in busybox
# and GNU for these arguments.
t lc-cmdsubst-external host_bash $GUEST_BASH -c 'echo "$(echo hello | tr a-z A-Z) $(seq 3 | tr "\n" +)"
echo "lines $(echo $(seq 1 30 | wc -l))"
x=$(seq 1 20000); echo "${#x} ${x: -5}"'

# Exit statuses through subshells, including death by SIGKILL of the subshell itself
# (137). Builtins only: qemu (qemu-user dies of the same signal).
t lc-exit-status qemu $GUEST_BASH -c '(exit 3); echo $?
(exit 255); echo $?; (exit 256); echo $?
false; echo $?; ! true; echo $?
(kill -9 $BASHPID); echo $?
(exit 4) || echo "or $?"; (exit 0) && echo and'

# Subshells copy variables, functions and the directory, and change nothing in the
# parent; $BASHPID differs, $$ does not. Builtins only (cd to directories of ROOTFS,
# which qemu -L resolves in ROOTFS; logical paths only): qemu.
t lc-subshell qemu $GUEST_BASH -c 'cd /; x=outer; f() { echo "f sees $x"; }
(x=inner; echo "in $x"; f); echo "out $x"
(cd /usr && echo "$PWD"); echo "$PWD"
( (echo nested) ); echo "$BASH_SUBSHELL $(echo $BASH_SUBSHELL) $( (echo $BASH_SUBSHELL) )"
[ "$$" = "$BASHPID" ] && echo same-pid; ( [ "$$" != "$BASHPID" ] && echo other-pid )
( ( ( exit 6 ) ) ); echo "deep $?"'

# Copy-on-write seen from bash: a coprocess is forked, then the parent rewrites a
# string and a 5,000-element array; the child, released through its pipe only
# afterwards, must still see the values of the fork. Then the reverse: the child's
# writes stay in the child. Builtins only: qemu.
t lc-cow qemu $GUEST_BASH -c 'x=before; a=($(for ((i = 0; i < 5000; i++)); do echo $i; done))
coproc C { read -r _; s=0; for v in "${a[@]}"; do ((s += v)); done; echo "child sees $x, sum $s"; x=child; a=(); read -r _; echo "child now $x ${#a[@]}"; }
x=after; for ((i = 0; i < 5000; i++)); do a[i]=1; done
echo go >&"${C[1]}"; read -r line <&"${C[0]}"; echo "$line"
echo go >&"${C[1]}"; read -r line <&"${C[0]}"; echo "$line"
echo "parent has $x, ${#a[@]} elements, a[9]=${a[9]}"'

# taskbox options before PROG (--seed N, --cpus N, --pid-max N) are for taskbox: these
# oracles drop them and judge the rest.
seeded_host_bash() { while [[ "$1" == --* ]]; do shift 2; done; host_bash "$@"; }

# 50 background jobs writing into one pipe, then `wait`; the order is the
# scheduler's, so the output is sorted: it must be exactly 1..50. host_bash: sort -n
# and tr are the same in busybox and GNU here. Run under three seeds and 4 CPUs.
bg50='for ((i = 1; i <= 50; i++)); do { r=$((i * i)); echo "$i"; } & done; wait; echo "wait $?" >&2'
bg50_out=' | sort -n | tr "\n" " "; echo "status ${PIPESTATUS[*]}"'
t lc-bg-50 host_bash $GUEST_BASH -c "{ $bg50; }$bg50_out"
t lc-bg-50-seed7 seeded_host_bash --seed 7 --cpus 4 $GUEST_BASH -c "{ $bg50; }$bg50_out"
t lc-bg-50-seed99 seeded_host_bash --seed 99 --cpus 3 $GUEST_BASH -c "{ $bg50; }$bg50_out"

# wait PID returns each job's own status, in any order, and again for a job already
# reaped (bash remembers it); a PID that is no child (1, init on both sides) is 127.
# Builtins only: qemu.
t lc-wait-status qemu $GUEST_BASH -c '(exit 1) & a=$!; (exit 2) & b=$!; (exit 3) & c=$!
wait $c; echo "c $?"; wait $a; echo "a $?"; wait $b; echo "b $?"; wait $a; echo "a again $?"
[ "$a" != "$b" ] && [ "$b" != "$c" ] && echo distinct
wait 1; echo "not a child $?"; wait; echo "none $?"'

# wait -n: the status and PID (-p) of the next job to end; a job named by PID; with
# no job left, 127. Only jobs that end by themselves are alive at each wait -n:
# bash has a window (between its scan for dead jobs and its blocking waitpid) in
# which a job reaped by its SIGCHLD handler is missed, and with a `sleep 100` also
# alive, wait -n then hangs about once in 25 runs on Linux too. host_bash: needs
# the sleep program; killed at once, so no real waiting.
t lc-wait-n host_bash $GUEST_BASH -c '(exit 7) & e=$!; wait -n -p who; echo "one job: $? $([ "$who" = "$e" ] && echo named)"
sleep 100 & s=$!; kill $s; wait -n -p who; echo "killed: $? $([ "$who" = "$s" ] && echo named)"
(exit 5) & wait -n $!; echo "by pid: $?"
wait -n; echo "none left: $?"'

# kill $! of a background sleep: SIGTERM's default action kills it, wait reports 143;
# SIGKILL 137; kill -0 sees it alive before and gone after it is reaped. host_bash:
# needs the sleep program.
t lc-kill-bg host_bash $GUEST_BASH -c 'sleep 100 & kill $!; wait $!; echo "TERM $?"
sleep 100 & kill -KILL $!; wait $!; echo "KILL $?"
sleep 100 & p=$!; kill -0 $p && echo alive; kill -s TERM $p; wait $p; echo "reaped $?"
kill -0 $p 2>&-; echo "after reap $?"'

# A disposition of SIG_IGN survives fork and execve: a sleep started under
# `trap "" TERM INT` shrugs off both, and only SIGKILL ends it (137). host_bash: needs
# sleep. (SIG_IGN is in place before the fork, so no signal can come too early. A
# plain `kill -INT` of a background job is left out: bash sets SIGINT to SIG_IGN in
# its asynchronous children after the fork, so whether the sleep dies is a race.)
t lc-signal-ignored host_bash $GUEST_BASH -c 'trap "" TERM INT; sleep 100 & p=$!
kill -TERM $p; kill -INT $p; kill -KILL $p; wait $p; echo "ignored TERM and INT: $?"'

# SIGSTOP then SIGCONT, then SIGTERM: the sleep ends by SIGTERM (143) whichever
# of these it had taken when the next came. host_bash: needs sleep.
t lc-stop-cont host_bash $GUEST_BASH -c 'sleep 100 & p=$!; kill -STOP $p; kill -CONT $p; kill $p; wait $p; echo "stop, cont, term: $?"'

# A process group killed as a whole. With set -m bash puts the coprocess in a new
# process group (setpgid in parent and child, so the group exists before kill
# runs); the group holds the leader and two subshells running sleep. kill -- -PGID
# must end all of them: cat sees EOF on the coprocess's stdout only once every
# holder of the pipe has exited, and a survivor would print. host_bash: needs sleep.
t lc-pgrp-kill host_bash $GUEST_BASH -c 'set -m
coproc G { { sleep 100; echo "inner survived"; } & { sleep 100; echo "inner survived"; } & echo ready; wait; echo "leader survived"; }
pid=$G_PID; exec 5<&"${G[0]}"
read -r line <&5; echo "$line"
kill -- -$pid
cat <&5
wait $pid; echo "leader: $?"'

# Orphans: a grandchild whose parent subshell has already exited still writes into
# the pipe, and the reader's EOF waits for it. Sorted, since the order is the
# scheduler's. host_bash: needs sort.
t lc-orphan-output host_bash $GUEST_BASH -c '( (echo orphan) & (echo orphan 2) & echo parent ) | sort
x=$( ( (echo late) & ) ); echo "captured: $x"'

# Writes of at most PIPE_BUF bytes to a pipe are atomic: 50 concurrent subshells
# each write one 4,001-byte line (bash's printf: one write(2), its stdio buffer
# being the pipe's st_blksize, 4096), and no line comes out torn. host_bash (its
# awk counts as busybox awk does).
t lc-pipe-atomic host_bash $GUEST_BASH -c 'for ((i = 1; i <= 50; i++)); do (printf "%04000d\n" $i) & done |
awk "length(\$0) != 4000 { torn++ } END { print NR \" lines, \" torn + 0 \" torn\" }"'

# A process killing its own parent: the middle shell dies of SIGTERM (143, seen by
# the outer one), its child lives on as an orphan and still writes into the pipe.
# Sorted, since the orphan and the outer shell race. host_bash (its sh for the
# innermost; the script is plain POSIX).
t lc-kill-parent host_bash $GUEST_BASH -c '{ bash -c "sh -c \"kill -TERM \\\$PPID; echo orphan-alive\"; echo middle-never"; echo "outer $?"; } | sort'

# 300 sleeping jobs killed by one kill(1) with 300 PIDs, each waited for by PID
# (bash keeps the status of each reaped job). host_bash: needs sleep.
t lc-kill-many host_bash $GUEST_BASH -c 'for ((i = 0; i < 300; i++)); do sleep 100 & pids+=($!); done; kill "${pids[@]}"
n=0; for p in "${pids[@]}"; do wait $p; [ $? = 143 ] && ((n++)); done; echo "$n killed by SIGTERM"; wait; echo "none left $?"'

# kill -0 on the shell itself and from a subshell. Builtins only: qemu.
t lc-kill-0-self qemu $GUEST_BASH -c 'kill -0 $$; echo "self $?"; kill -0 $BASHPID; echo "bashpid $?"
(kill -0 $$; echo "parent from subshell $?"; kill -0 $BASHPID; echo "subshell self $?")'

# exec redirections of the shell's own descriptors: duplicate, move, close, inherit
# into subshells and command substitutions; a file of ROOTFS opened on fd 5 (qemu -L
# opens it in ROOTFS). Builtins only: qemu.
t lc-exec-fd qemu $GUEST_BASH -c 'exec 3>&1; echo via3 >&3
exec 4>&3 3>&-; echo via4 >&4
{ echo x >&3; } 2>&-; echo "fd 3 closed: $?"
(echo from-subshell >&4); c=$(echo captured; echo around-capture >&4); echo "$c"
exec 4>&-
exec 5</etc/passwd; IFS=: read -r user _ <&5; echo "first user $user"; exec 5<&-
exec 6<&0; exec 0<&-; read -r l; echo "read on closed stdin $?"; exec 0<&6 6<&-'

# exec >FILE in /tmp, back to stdout, append, then read back. Builtins only; the same
# bash under qemu writes a private host directory instead of /tmp.
t lc-exec-file qemu_tmp $GUEST_BASH -c 'exec 3>&1 >/tmp/lc-out; echo line1; echo line2
exec >&3 3>&-; echo "file: $(</tmp/lc-out)"
exec 4>>/tmp/lc-out; echo line3 >&4; exec 4>&-
while read -r l; do echo "[$l]"; done </tmp/lc-out
(exec >/tmp/lc-sub; echo from-subshell); echo "sub: $(</tmp/lc-sub)"'

# A FIFO in /tmp: a blocking open waits for the other end (the writer is a
# background job, the reader the shell), and an O_RDWR open never waits. host_bash
# with /tmp rewritten (mkfifo prints nothing in either implementation).
t lc-fifo host_bash_tmp $GUEST_BASH -c 'mkfifo /tmp/f
(echo through-fifo >/tmp/f) & read -r l </tmp/f; echo "$l"; wait $!; echo "writer $?"
exec 3<>/tmp/f; echo rdwr >&3; read -r l <&3; echo "$l"; exec 3<&-'

# Files created under three umasks. host_bash with /tmp rewritten: stat -c "%a" is
# the same in busybox and GNU.
t lc-umask-create host_bash_tmp $GUEST_BASH -c 'umask 027; : >/tmp/m1; mkdir /tmp/d1
umask 0; : >/tmp/m2; umask 077; mkdir /tmp/d2
stat -c "%a %n" /tmp/m1 /tmp/m2 /tmp/d1 /tmp/d2'

# Background jobs of a non-interactive shell read /dev/null, not the shell's stdin;
# the foreground read gets the first line. Builtins only: qemu (/dev/null is not in
# ROOTFS, so qemu -L opens the host's).
# /dev/stdin and /proc/self/fd/0 reopen the file taskbox's stdin is: a new open
# file description, at offset 0, while the shell's own stdin has moved on.
# Builtins only: qemu.
STDIN="$ROOTFS/etc/group" t lc-dev-stdin qemu $GUEST_BASH -c 'read -r a; read -r b; read -r c </dev/stdin
read -r d </proc/self/fd/0; read -r e; echo "[$a] [$b] [$c] [$d] [$e]"'

# Redirections to /dev/stdout and /proc/self/fd/1 reopen the file taskbox's
# stdout is (here the runner's output file): `>` truncates it and writes from
# its start, `>>` appends, while the shell's own stdout keeps its offset.
# Builtins only: qemu.
t lc-dev-stdout qemu $GUEST_BASH -c 'echo one; echo two >/dev/stdout; echo three
echo four >>/dev/stdout; echo five >/proc/self/fd/1; echo six'

STDIN="$ROOTFS/etc/passwd" t lc-bg-stdin-devnull qemu $GUEST_BASH -c 'read -r x & wait $!; echo "bg read $?"
IFS=: read -r first _; echo "fg read $first"
echo discarded >/dev/null; echo "to /dev/null $?"; read -r n </dev/null; echo "from /dev/null $? [$n]"'

# busybox xargs splitting 100 numbers into runs of 7 (15 lines). host_bash: GNU
# seq/xargs/wc/tail print the same for these arguments.
t lc-xargs host_bash $GUEST_BASH -c 'seq 1 100 | xargs -n 7 echo | wc -l
seq 1 100 | xargs -n 7 echo | tail -n 2
printf "%s\n" c a b | xargs echo x'

# xargs -P 4: four commands at a time, each started with vfork + execve (busybox's
# spawn()), then collected with wait4. Sorted, since their order is the
# scheduler's. host_bash, as above.
t lc-xargs-parallel host_bash $GUEST_BASH -c 'seq 1 40 | xargs -n 3 -P 4 echo | tr " " "\n" | sort -n | tr "\n" " "; echo'

# busybox applets that fork and exec on their own: awk's system(), its command
# pipes in and out, find -exec (one run per file, and a failing one), xargs running
# sh -c. The judge: host bash with the host's awk, find, xargs and sh, the paths
# into the guest root rewritten into ROOTFS and back in what it prints (these awk
# programs print the same in busybox awk, mawk and gawk).
o_spawners() {
	local script="${*: -1}"
	"${CLEAN_ENV[@]}" /bin/bash "${@:2:$#-2}" "${script//\/usr\/share\/doc/$ROOTFS/usr/share/doc}" | sed "s|$ROOTFS/|/|g"
}
t lc-applet-spawn o_spawners $GUEST_BASH -c 'awk "BEGIN { r = system(\"exit 3\"); print \"system\", r; \"echo piped\" | getline x; print x; for (i = 3; i >= 1; i--) print i | \"sort\"; close(\"sort\"); print \"after\" }"
find /usr/share/doc -maxdepth 1 -name "bash*" -exec echo found {} \;
find /usr/share/doc -maxdepth 1 -name "busybox*" -exec sh -c "exit 3" \; ; echo "find $?"
echo "a b c" | xargs -n 1 sh -c "echo [\$0]"
seq 1 3 | xargs -I X sh -c "exit X"; echo "xargs $?"'

# find over the guest root. The judge: the host's find on ROOTFS, paths rewritten
# from ./x to /x, then the same sort | uniq -c (C locale byte order, the same uniq -c
# format as busybox).
o_find_bin() { (cd "$ROOTFS" && find . -maxdepth 2 -name '*bin*' | sed 's|^\./|/|' | sort | uniq -c); }
t lc-find-bin o_find_bin $GUEST_BASH -c "find / -maxdepth 2 -name '*bin*' | sort | uniq -c"

# Pipelines of 5 to 10 stages of exec'd tools, one moving 169 KB through five cats.
# host_bash: each of these busybox applets prints what the GNU tool prints (checked
# stage by stage under qemu).
t lc-pipeline-long host_bash $GUEST_BASH -c 'seq 1 2000 | grep 7 | sort -r | head -n 50 | tr 0-9 a-j | cut -c1-3 | sort | uniq -c | sort -k1,1nr -k2 | head -n 5
seq 1 30000 | cat | cat | cat | cat | cat | wc -c
seq 1 30000 | cat | cat | sha256sum
echo "${PIPESTATUS[*]}"'

# A 50-stage pipeline of cat (51 processes, 50 pipes alive at once), then 2000
# lines through it. host_bash: cat and wc are the same in busybox and GNU.
t lc-pipeline-50 host_bash $GUEST_BASH -c 'p="echo start"; for ((i = 0; i < 50; i++)); do p="$p | cat"; done
eval "$p"; echo "${#PIPESTATUS[@]} stages"
p="seq 1 2000"; for ((i = 0; i < 50; i++)); do p="$p | cat"; done; eval "$p | wc -l"'

# A 10-stage pipeline of subshells passing a number along. Builtins only: qemu.
t lc-pipeline-builtins qemu $GUEST_BASH -c 'inc() { read -r x; echo $((x + 1)); }
echo 0 | inc | inc | inc | inc | inc | inc | inc | inc | inc | (read -r x; echo "end $x"); echo "${PIPESTATUS[*]}"'

# PIPESTATUS and pipefail: the rightmost failing status, negation, and back off.
# Builtins only: qemu.
t lc-pipefail qemu $GUEST_BASH -c 'false | true; echo "default $? ${PIPESTATUS[*]}"
set -o pipefail
false | true; echo "pipefail $? ${PIPESTATUS[*]}"
(exit 2) | (exit 3) | true; echo "rightmost $? ${PIPESTATUS[*]}"
true | (exit 4) | (exit 0) | true | true; echo "middle $? ${PIPESTATUS[*]}"
! (exit 5) | true; echo "negated $?"
set +o pipefail; (exit 6) | (exit 0); echo "off $?"'

# A writer killed by SIGPIPE once its reader exits (141), with and without pipefail.
# host_bash: GNU yes and seq die of SIGPIPE exactly as busybox's do.
t lc-sigpipe host_bash $GUEST_BASH -c 'yes | head -n 3; echo "${PIPESTATUS[*]}"
set -o pipefail; seq 1 100000 | head -n 1; echo "$? ${PIPESTATUS[*]}"'

# EXIT traps (no signal delivery): in the shell, in a subshell, in a command
# substitution, with the exit status they see. Builtins only: qemu.
t lc-trap-exit qemu $GUEST_BASH -c 'trap '\''echo "exit trap, status $?"'\'' EXIT; echo body
(trap "echo sub-trap" EXIT; echo in-sub; exit 3); echo "sub $?"
x=$(trap "echo captured-trap" EXIT; echo cs); echo "[$x]"
(trap "echo removed" EXIT; trap - EXIT; echo no-trap)
exit 4'

# Recursion through command substitution: naive Fibonacci (287 forks) and a
# 40-deep chain of nested command substitutions alive at once. Builtins only: qemu.
t lc-func-recursion qemu $GUEST_BASH -c 'fib() { if (($1 < 2)); then echo $1; else echo $(( $(fib $(($1 - 1))) + $(fib $(($1 - 2))) )); fi; }
fib 11
depth() { if (($1 > 0)); then echo "$(depth $(($1 - 1)))+"; else echo 0; fi; }
depth 40'

# 10,000 iterations of arithmetic with a command substitution every 100: fork under
# a busy parent. Builtins only: qemu.
t lc-arith-loop qemu $GUEST_BASH -c 's=0; for ((i = 1; i <= 10000; i++)); do ((s += i * i % 7)); if ((i % 100 == 0)); then s=$(echo $((s % 1000003))); fi; done; echo $s'

# A fork bomb bounded by the script: 200 concurrent subshells each writing its number,
# then wait; the reader counts and sums them. Then a tree: 10 subshells each forking
# 20 and waiting. Builtins only: qemu.
t lc-fork-bomb qemu $GUEST_BASH -c '{ for ((i = 1; i <= 200; i++)); do (echo $i) & done; wait; echo "wait $?" >&2; } |
{ n=0 s=0; while read -r k; do ((n++, s += k)); done; echo "$n lines, sum $s"; }
for ((i = 0; i < 200; i++)); do ( : ) & done; wait; echo "200 done $?"
for ((i = 0; i < 10; i++)); do ( for ((j = 0; j < 20; j++)); do ( : ) & done; wait ) & done; wait; echo "tree done $?"'

# The same kind of loop, 3 times, under other seeds and CPU counts. host_bash (the
# script is builtins only, so qemu would judge it the same, at ten times the cost
# of qemu-user's forks).
fork_seeds='for ((k = 0; k < 3; k++)); do { for ((i = 1; i <= 100; i++)); do (echo $i) & done; wait; } | { s=0; while read -r v; do ((s += v)); done; echo "$s"; }; done'
t lc-fork-bomb-seed3 seeded_host_bash --seed 3 --cpus 4 $GUEST_BASH -c "$fork_seeds"
t lc-fork-bomb-seed1234 seeded_host_bash --seed 1234 --cpus 1 $GUEST_BASH -c "$fork_seeds"

# PID wrap-around: with --pid-max 300, 1,000 processes reuse PIDs (the shell's
# bookkeeping of $! and wait must follow the new owner of each number). host_bash,
# as for the seeded cases.
t lc-pid-wrap seeded_host_bash --pid-max 300 $GUEST_BASH -c 'for ((k = 0; k < 4; k++)); do { for ((i = 1; i <= 100; i++)); do (echo $i) & done; wait; } | { s=0; while read -r v; do ((s += v)); done; echo "$s"; }; done
for ((i = 0; i < 600; i++)); do x=$(echo $i); done; echo "$x"
sleep 100 & p=$!; kill $p; wait $p; echo "$?"; (exit 3) & wait $!; echo "$?"'

# ulimit -n: the boot value, setting, inheritance by subshells only, and a limit
# that an fd number then exceeds. taskbox boots with Linux's init limits for
# RLIMIT_NOFILE (1024 soft, 4096 hard: INR_OPEN_CUR/INR_OPEN_MAX); the judge, bash
# under qemu, gets the same starting limits from the host (qemu-user passes rlimits
# through; a host whose hard limit is below 4096 cannot give it, and this case
# would fail there). Builtins only.
qemu_nofile() { (ulimit -Sn 1024 && ulimit -Hn 4096 && qemu "$@"); }
t lc-ulimit qemu_nofile $GUEST_BASH -c 'echo "boot $(ulimit -Sn) $(ulimit -Hn)"
ulimit -n 64; echo "set $(ulimit -Sn) $(ulimit -Hn)"
ulimit -Sn 32; (ulimit -Sn 16; echo "sub $(ulimit -Sn)"); echo "parent $(ulimit -Sn)"
(exec 40>&1) 2>&-; echo "fd 40 over the limit: $?"
(exec 20>&1); echo "fd 20 under it: $?"
ulimit -Sn 64; ulimit -Sn 128 2>&-; echo "over the hard limit: $? $(ulimit -Sn)"'

# RLIMIT_FSIZE: a write past the limit is cut short at it, and the next one raises
# SIGXFSZ (153). host_bash with /tmp rewritten (yes, head and wc agree with
# busybox's).
t lc-ulimit-fsize host_bash_tmp $GUEST_BASH -c '(ulimit -f 1; yes | head -c 5000 >/tmp/big); echo "fsize: $? $(wc -c </tmp/big)"'

# RLIMIT_CPU, soft = hard = 1 s of CPU time: SIGKILL at the hard limit (137; Linux
# checks the hard limit first, so no SIGXCPU and no core file). host_bash: the
# loop costs the judge one real second; a virtual CPU second costs taskbox about
# four real ones, and ten or more under the sanitizers, hence a 60-second guard.
# RLIMIT_STACK bounds the stack's growth: a subshell recursing under a 64 KiB
# limit dies of SIGSEGV at the limit, long before the default 8 MiB. host_bash
# (qemu-user gives its guests a fixed stack).
t lc-ulimit-stack host_bash $GUEST_BASH -c '(ulimit -s 64; f() { f; }; f); echo "stack: $?"'

TIMEOUT=60 t lc-ulimit-cpu host_bash $GUEST_BASH -c '(ulimit -t 1; while :; do :; done); echo "cpu: $?"'

# umask: boot value, octal and symbolic forms, subshell isolation. taskbox boots with
# Linux's 0022 (init_fs); the judge, bash under qemu, starts from the same.
qemu_umask() { (umask 0022 && qemu "$@"); }
t lc-umask qemu_umask $GUEST_BASH -c 'umask; umask -S
umask 027; umask; umask -S; (umask 077; umask); umask
umask u=rwx,g=rx,o=; umask; umask -p'

# cd and the logical working directory. Directories of ROOTFS (qemu -L resolves them
# there), logical paths only: qemu.
t lc-cd-logical qemu $GUEST_BASH -c 'cd / && pwd; cd /usr/bin && pwd; cd .. && pwd
cd /usr/share/doc/../../lib && pwd; cd - ; cd /bin && pwd
cd /no-such-directory-here 2>&-; echo "missing $?"; pwd'

# The physical directory through /bin -> usr/bin and /sbin -> usr/sbin. The judge:
# the host's pwd -P in ROOTFS, the ROOTFS prefix removed.
o_cd_physical() { for d in /bin /sbin /usr/bin; do (cd "$ROOTFS$d" && pwd -P | sed "s|^$ROOTFS||"); done; }
t lc-cd-physical o_cd_physical $GUEST_BASH -c 'for d in /bin /sbin /usr/bin; do (cd $d && pwd -P); done'

# type of builtins, keywords, functions, aliases and a missing command. Builtins only
# (the missing command is missing from ROOTFS and host alike): qemu.
t lc-type qemu $GUEST_BASH -c 'type echo if cd; type -t while; f() { :; }; type -t f; type f
alias ll="ls -l"; type ll; type -t no-such-command-taskbox; echo "missing $?"'

# type -a and type -P search PATH in the guest root. The judge: host bash with PATH
# rewritten into ROOTFS, the prefix removed from what it prints.
o_type_path() {
	env -i LC_ALL=C PATH="$ROOTFS/usr/sbin:$ROOTFS/usr/bin:$ROOTFS/sbin:$ROOTFS/bin" /bin/bash "${@:2}" | sed "s|$ROOTFS/|/|g"
}
t lc-type-path o_type_path $GUEST_BASH -c 'type -a sh; type -P busybox tr; command -v seq; hash -r; type -t xargs'

# Here-strings and a small here-document (bash 5.2 passes those through a pipe).
# Builtins only: qemu.
t lc-heredoc-small qemu $GUEST_BASH -c 'read -r a b <<< "x y"; echo "$b$a"
while read -r l; do echo "<$l>"; done <<EOF
one $((1 + 1))
$(echo three)
EOF'

# A 70 KB here-document: more than a pipe holds, so bash writes it to a temporary
# file in $TMPDIR or /tmp. Builtins only; the judge: the same bash under qemu, with
# TMPDIR in a private host directory.
t lc-heredoc-large qemu_tmp $GUEST_BASH -c 'x=$(printf "%070000d" 0); n=0
while IFS= read -r l; do n=$((n + ${#l})); done <<EOF
$x
$x
EOF
echo "$n"'

# Process substitution opens /dev/fd/N. Builtins only: qemu (qemu -L falls back to
# the host's /dev/fd, which is qemu's own fd table, the guest's).
t lc-procsub qemu $GUEST_BASH -c 'read -r v < <(echo procsub); echo "$v"
while read -r l; do echo "[$l]"; done < <(echo a; echo b)'

# A coprocess: two pipes to a forked subshell, its PID and status. Builtins only: qemu.
t lc-coproc qemu $GUEST_BASH -c 'coproc { read -r l; echo "got $l"; exit 5; }
p=$COPROC_PID; echo hello >&"${COPROC[1]}"; read -r r <&"${COPROC[0]}"; echo "$r"
wait $p; echo "coproc $?"'

# Files that are not programs for this machine, executed by bash: an ELF header
# cut short, the header of an x86-64 program, a riscv64 ELF whose program headers
# lie beyond the file. execve fails with ENOEXEC and bash reports 126; a file
# with neither an ELF header nor "#!" is run by bash as a script. Builtins only;
# qemu_tmp (qemu-user hands the guest's execve to the host kernel, for which each
# of these files is as foreign).
t lc-exec-enoexec qemu_tmp $GUEST_BASH -c 'f=/tmp/not-a-program
put() { printf "$1" >$f; chmod +x $f; $f 2>/dev/null; echo "$2 $?"; }
put "\177ELF\2\1\1\0" truncated
put "\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\2\0\76\0\1\0\0\0\0\0\0\0\0\0\0\0\100\0\0\0\0\0\0\0" x86-64
put "\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\2\0\363\0\1\0\0\0\0\0\0\0\0\0\0\0\377\377\0\0\0\0\0\0" riscv64-bad-phoff
put "echo script-without-shebang\n" text'

# exec replacing the shell, and a chain of shells exec'ing shells: the innermost
# status comes back out. host_bash (with the host's sh and tr): the scripts are plain
# POSIX.
t lc-exec-chain host_bash $GUEST_BASH -c 'bash -c "sh -c \"echo deep; exit 7\""; echo "chain $?"
(exec tr a-z A-Z <<< replaced; echo never); echo "exec $?"
exec sh -c "echo last; exit 3"; echo never'

# Large argument lists through execve: one 100 KB argument, 5,000 arguments, and
# xargs packing 20,000 words into as few execs as its limit allows (how many is
# the tool's choice, so only the words are counted). host_bash (its sh and GNU
# xargs): the scripts are plain POSIX.
t lc-exec-args host_bash $GUEST_BASH -c 'x=$(printf "%0100000d" 0); sh -c "echo \${#1}" _ "$x"
set -- $(seq 1 5000); sh -c "echo \$# \$1 \${5000}" _ "$@"
seq 1 20000 | xargs echo | wc -w'

# bash reads its script from a regular file on stdin and hands the rest of that
# file, at the right offset, to the commands it runs (it seeks back before each
# one): the read builtin, then head in a child. host_bash.
LC_SCRIPT_STDIN="$WORK/lc-script-stdin.sh"
cat >"$LC_SCRIPT_STDIN" <<'EOF'
read -r line
data for the read builtin
echo "read: $line"
head -n 1
data for head, a child
echo "after head"
exit 6
EOF
STDIN="$LC_SCRIPT_STDIN" t lc-script-stdin host_bash $GUEST_BASH -s

# jobs lists a running background job (a sleep that cannot have ended), then it is
# killed by its job number. (What jobs prints after the kill races with bash's
# SIGCHLD handling even on Linux: not checked.) host_bash: needs sleep.
t lc-jobs host_bash $GUEST_BASH -c 'sleep 100 & jobs; kill %1; wait %1; echo "waited $?"'

# ------------------------------------------------------------------ busybox sh
# The same kinds of scripts in busybox sh (ash). The judge: busybox sh under qemu
# (qemu_ash), for ash's own semantics. ash's `wait` builtin sleeps in rt_sigsuspend
# until its SIGCHLD handler has run, so only lc-ash-wait uses it: the other cases
# synchronise through pipes (a reader sees EOF once every job holding the pipe's
# write end has exited). Where an ash script runs a non-applet tool under qemu_ash
# (tr, wc, sort), the host's tool stands in for busybox's, and prints the same bytes
# for these inputs (checked under qemu).

# A pipeline into tr, nested command substitution, a subshell's status and its
# private variables. qemu_ash: ash's own semantics.
t lc-ash-pipe-subst qemu_ash $GUEST_SH -c 'echo hi | tr a-z A-Z
echo "[$(echo a$(echo b$(echo c$(echo d))))]"
(exit 3); echo "status $?"; x=1; (x=2; echo "in $x"); echo "out $x"
echo "$(seq 1 5 | tr "\n" " ")"'

# 50 background jobs writing into one pipe: sort sees EOF once all have exited.
# Then 200 concurrent subshells, counted by wc. qemu_ash: sorted and counted, the
# output does not depend on either kernel's scheduling.
t lc-ash-bg-50 qemu_ash $GUEST_SH -c 'i=1; while [ $i -le 50 ]; do echo $i & i=$((i + 1)); done | sort -n | tr "\n" " "; echo
i=0; while [ $i -lt 200 ]; do (echo x) & i=$((i + 1)); done | wc -l'

# kill -0 and kill -9 of a background sleep, without waiting for it. qemu_ash: the
# statuses are kill's own, the same on any Linux.
t lc-ash-kill qemu_ash $GUEST_SH -c 'sleep 100 & p=$!; kill -0 $p && echo alive; kill -9 $p; echo "kill $?"
kill -0 $$; echo "self $?"'

# ash's wait: for $! (a killed sleep: 143), for each job's status, for all.
# qemu_ash: the statuses are the kernel's wait4 reports, read by the same ash.
# A 5-second guard: while pending, ash spins on rt_sigsuspend's ENOSYS.
TIMEOUT=5 t lc-ash-wait qemu_ash $GUEST_SH -c 'sleep 100 & kill $!; wait $!; echo "TERM $?"
(exit 1) & a=$!; (exit 2) & b=$!; wait $b; echo "b $?"; wait $a; echo "a $?"
i=0; while [ $i -lt 100 ]; do (:) & i=$((i + 1)); done; sleep 100 & kill $!; wait; echo "all $?"'

# EXIT traps in the shell and in a subshell, with the status they see. Builtins
# only: qemu_ash.
t lc-ash-trap-exit qemu_ash $GUEST_SH -c 'trap '\''echo "exit trap $?"'\'' EXIT
(trap "echo sub-trap" EXIT; exit 2); echo "sub $?"; exit 5'

# ash's pipefail (a bash extension it copies): builtins and subshells only, so
# qemu_ash.
t lc-ash-pipefail qemu_ash $GUEST_SH -c 'false | true; echo "default $?"
set -o pipefail; false | true; echo "pipefail $?"
(exit 2) | (exit 3) | true; echo "rightmost $?"; ! (exit 4) | true; echo "negated $?"'

# Recursion through command substitution (177 forks) and a 2,000-iteration loop
# with a command substitution every 100. Builtins only: qemu_ash.
t lc-ash-recursion qemu_ash $GUEST_SH -c 'fib() { if [ $1 -lt 2 ]; then echo $1; else echo $(( $(fib $(($1 - 1))) + $(fib $(($1 - 2))) )); fi; }
fib 10
i=0 s=0; while [ $i -lt 2000 ]; do s=$((s + i % 13)); i=$((i + 1)); if [ $((i % 100)) -eq 0 ]; then s=$(echo $((s % 9973))); fi; done; echo "$s"'

# A bounded fork bomb: 200 concurrent subshells; cat sees EOF when the last exits.
# qemu_ash (cat's output is empty either way; the status is ash's).
t lc-ash-fork-bomb qemu_ash $GUEST_SH -c 'i=0; while [ $i -lt 200 ]; do (:) & i=$((i + 1)); done | cat; echo "200 done $?"'

# busybox xargs under ash: runs of 7, and -I. qemu_ash: xargs, seq and echo are
# in-process applets of the same busybox; wc and tr are the host's, which agree.
t lc-ash-xargs qemu_ash $GUEST_SH -c 'seq 1 100 | xargs -n 7 echo | wc -l
seq 1 5 | xargs -I{} echo "<{}>" | tr -d "\n"; echo'

# exec duplicating and closing descriptors, inherited by a subshell. Builtins
# only: qemu_ash.
t lc-ash-exec-fd qemu_ash $GUEST_SH -c 'exec 3>&1; echo via3 >&3; (echo sub >&3); exec 3>&-
exec 4<&0; exec 4<&-; echo done'

# A here-document larger than a pipe's buffer: ash writes it from a forked child.
# qemu_ash (the count is wc's, the same in busybox and GNU).
t lc-ash-heredoc-large qemu_ash $GUEST_SH -c 'x=$(printf "%070000d" 0)
wc -c <<EOF
$x
$x
EOF'

# ash's read builtin, from a pipe, a here-document and a file of ROOTFS (qemu_ash
# has plain host paths, so the judge reads ROOTFS's file through qemu_ash_root).
qemu_ash_root() { local s="${*: -1}"; qemu_ash "${@:1:$#-1}" "${s//\/etc\/passwd/$ROOTFS/etc/passwd}"; }
t lc-ash-read qemu_ash_root $GUEST_SH -c 'echo "a b" | { read -r x y; echo "$y$x"; }
read -r l <<EOF
heredoc line
EOF
echo "$l"; IFS=: read -r u _ </etc/passwd; echo "$u"'

# cd/pwd (logical: the directories exist in ROOTFS and on any host), umask and its
# subshell isolation, type, ulimit -n. Builtins only: qemu_ash.
t lc-ash-misc qemu_ash $GUEST_SH -c 'cd / && pwd; cd /usr && pwd; umask 027; umask; (umask 077; umask); umask
type echo; type cd; f() { :; }; type f; ulimit -Sn 64; ulimit -Sn'
