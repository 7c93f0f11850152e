# shellcheck shell=bash
# shellcheck disable=SC2016  # the cases are guest shell programs: no $ expands here
# shellcheck disable=SC2034,SC2154  # PENDING, t and the rest come from tests/system/run
# tests/system/procps.sh: the procps and psmisc cases of the system tests, sourced by
# tests/system/run after signals.sh (run defines t, the oracles qemu and qemu_plain,
# CLEAN_ENV, QEMU, ROOTFS, WORK, GUEST_BASH and PENDING).
#
# Debian's riscv64 procps (ps, top, pgrep, pkill, pmap, free, uptime), psmisc
# (pstree, prtstat) and sysvinit-utils (pidof), dynamically linked, read taskbox's
# /proc over a planted process tree. The judges:
#
# - host_ns: the host's GNU bash runs the same script with the host's tools (procps
#   4.0.2, psmisc 23.6, sysvinit-utils 3.06 on Debian 12) as PID 2 of a new PID
#   namespace with its own /proc (unshare -fp --mount-proc, as root), in a session of
#   its own, under a bash as PID 1: the shape of `taskbox run`, whose init (PID 1)
#   starts PROGRAM in its own session, except that taskbox also has kthreadd (PID 2).
#   The namespace's /proc lists only the planted tree, as taskbox's does.
# - host_init_ns: the host's bash and tools in the host's own PID namespace, for the
#   one case about kthreadd, which only the initial namespace has. It needs a host
#   whose PID namespace is the initial one (a VM or a machine, not a container).
# - qemu_pmap: the same riscv64 pmap under qemu-riscv64 -L ROOTFS, reading its own
#   maps (qemu-user renders the guest's view of them), for the layout that the same
#   riscv64 ld.so gives the same libraries under Linux's mmap.
#
# The planted tree (plant, below), made the same way on both sides by the case's
# bash: the shell, PID 3 here and 2 in the namespace, a session leader; a sleeper
# (`sleep 100 &`); a zombie's parent, a `bash -c` that starts a subshell and then
# execs `sleep 100`, which never waits, so that the subshell, which execs `true`
# once it has seen its parent become sleep, stays a zombie; a stopped job (`sleep
# 100 &`, then kill -STOP once it runs sleep). Nothing waits for a fixed time: the
# script polls /proc/PID/stat with bash builtins until each task is in its state
# (poll, below: a few rounds, 2 seconds at most, and it says so when it gives up).
# A tool runs from `$(asleep; exec TOOL)`: the child waits until the shell is
# asleep reading the command substitution, so every planted task's state is fixed
# when the tool reads /proc, and the tool itself is the only one running.
#
# Outputs are compared where they do not depend on PIDs, times, sizes of the
# machine or the host's other processes: PIDs are replaced by their roles (shell,
# sleeper, zparent, zombie, stopped, init, kthreadd; `tool` for the tool itself),
# numbers by N where only the shape of a line counts, and rows are sorted where
# their order follows PIDs. Each case prints the tools' stderr, which must be empty
# on both sides (no warning about an unreadable /proc file). Where procps 4.0.2 and
# 4.0.4 or psmisc 23.6 and 23.7 print differently, the case says how it normalises.
# Every judge was run 10 times in a row with identical results, and 5 more times
# with the host's CPUs kept busy.

# ------------------------------------------------------------------ the planted tree
# Bash functions that every case's script starts with (the cases' own lines follow).
read -r -d '' PLANT <<'EOF'
# R: PID -> role. PID 1 is init on both sides (a bash in the namespace), 2 kthreadd.
declare -A R=([1]=init [2]=kthreadd)
# st PID: C = its comm, S = its state letter, PP = its parent, from /proc/PID/stat
# (split at blanks: no comm here has one).
st() { read -r _ C S PP _ <"/proc/$1/stat" && C=${C#(} && C=${C%)}; }
# poll COMMAND...: run COMMAND until it succeeds, at most 400 times, 5 ms apart (a
# timed read of a FIFO that no one writes): 2 seconds of the host's time, or of
# taskbox's virtual time, which runs ahead while every task sleeps. Once one poll
# has given up (in a pending case), the next ones give up at once.
F=${TMPDIR:-/tmp}/procps-fifo.$$
mkfifo "$F" && exec {NEVER}<>"$F"; rm -f "$F"
poll() {
	local i
	for ((i = 0; i < ${GIVE_UP:-400}; i++)); do
		"$@" && return 0
		read -r -t 0.005 -u $NEVER
	done
	GIVE_UP=0
	return 1
}
# wait_for PID COMM STATE: poll until PID runs COMM in STATE.
is() { st "$1" && [ "$C" = "$2" ] && [ "$S" = "$3" ]; }
wait_for() { poll is "$@" || echo "gave up waiting for ${R[$1]:-$1} to be $2 in state $3 (is $C $S)"; }
# asleep: in the child of a command substitution, wait until the shell is asleep
# (reading the command substitution's pipe).
asleep() { wait_for $$ bash S; }
# zombie: z = the child of zparent that is a zombie.
zombie() {
	local d
	for d in /proc/[0-9]*; do
		st ${d#/proc/} 2>/dev/null && [ "$PP" = $zp ] && [ "$S" = Z ] && z=${d#/proc/} && return 0
	done
	return 1
}
plant() {
	R[$$]=shell
	sleep 100 & s1=$!; R[$s1]=sleeper
	bash -c '(for ((i = 0; i < 3000; i++)); do read -r c </proc/$$/comm; [ "$c" = sleep ] && break; done; exec true) & exec sleep 100' &
	zp=$!; R[$zp]=zparent
	sleep 100 & stp=$!; R[$stp]=stopped
	wait_for $s1 sleep S; wait_for $zp sleep S; wait_for $stp sleep S
	kill -STOP $stp; wait_for $stp sleep T
	poll zombie || echo "gave up waiting for the zombie"
	R[$z]=zombie
}
unplant() { kill -KILL $s1 $zp $stp; wait; } 2>/dev/null
# rolify: each word of each line of stdin that is a planted PID, alone or with
# punctuation around it, becomes its role; the words are joined by one space.
rolify() {
	local line w out
	set -f
	while IFS= read -r line; do
		out=
		for w in $line; do
			[[ $w =~ ^([^0-9]*)([0-9]+)([^0-9]*)$ ]] && [ -n "${R[${BASH_REMATCH[2]}]}" ] &&
				w=${BASH_REMATCH[1]}${R[${BASH_REMATCH[2]}]}${BASH_REMATCH[3]}
			out+=${out:+ }$w
		done
		printf '%s\n' "$out"
	done
	set +f
}
# shape: numbers (decimal, with decimals, or hexadecimal) become N, with a blank
# after a comma; runs of blanks one space; no blank at either end.
shape() { sed -E 's/0x[0-9a-f]+/N/g; s/[0-9]+([.,][0-9]+)?/N/g; s/,N/, N/g; s/[[:space:]]+/ /g; s/^ //; s/ $//'; }
# tree [MAXDEPTH]: pstree -A output as one node a line, indented by depth, with
# name(PID) as name(role) and PID 1 as (init) (its name is init's or a bash). A
# node's depth follows from its column: pstree starts a node's children at the
# column after its name and its "---" or "-+-", on its line and on the "|-" and
# "`-" lines below. (The columns themselves depend on the PIDs' widths.)
tree() {
	local line pre rest tok c d name pid
	local -A at=()
	while IFS= read -r line; do
		pre=${line%%[!\ \|\`-]*}
		c=${#pre}
		d=${at[$c]:-0}
		rest=${line:c}
		while [ -n "$rest" ]; do
			tok=${rest%%-[-+]-*}
			rest=${rest:${#tok}+3}
			c=$((c + ${#tok} + 3))
			name=${tok%(*}; pid=${tok##*(}; pid=${pid%)}
			if [ "$pid" = 1 ]; then tok="(init)"; elif [ -n "$pid" ]; then tok="$name(${R[$pid]:-tool})"; fi
			[ "$d" -le "${1:-99}" ] && printf '%*s%s\n' $((2 * d)) '' "$tok"
			d=$((d + 1)); at[$c]=$d
		done
	done
}
# Where the tools' stderr goes; each case prints it (errors), and it must be empty.
E=${TMPDIR:-/tmp}/procps-stderr.$$
: >"$E"
errors() { echo "stderr: [$(<"$E")]"; }
EOF

# The host's bash on the case's script in a new PID namespace with its own /proc,
# under a bash as PID 1, in a session of its own; TMPDIR private (for $E).
host_ns() {
	pid_ns_ok || return 77
	"${CLEAN_ENV[@]}" TMPDIR="$(mktemp -d "$WORK/tmp.XXXXXX")" \
		unshare -fp --mount-proc /bin/bash -c '/usr/bin/setsid /bin/bash "$@"; exit $?' init "${@:2}"
}
# The host's bash on the case's script in the host's own PID namespace.
host_init_ns() { "${CLEAN_ENV[@]}" TMPDIR="$(mktemp -d "$WORK/tmp.XXXXXX")" /bin/bash "${@:2}"; }

# pcase NAME ORACLE SCRIPT: a case whose script starts with PLANT.
pcase() { t "$1" "$2" "$GUEST_BASH" -c "$PLANT
$3"; }

# ------------------------------------------------------------------ ps

# ps -eo pid,ppid,pgid,sid,stat,comm,args over the planted tree: the zombie as Z
# with `[true] <defunct>`, the stopped job as T, each with its parent, group and
# session by role. Rows of the shell's session only (init and kthreadd differ: a
# bash and none in the namespace), sorted by role; the shell's args cut to their
# first 12 characters (the script follows). host_ns.
pcase procps-ps-tree host_ns 'plant
out=$(asleep; exec ps -eo pid,ppid,pgid,sid,stat,comm,args 2>"$E")
{
	read -r h; echo $h
	while read -r pid ppid pgid sid stat comm args; do
		[ "$sid" = $$ ] || continue
		[ $pid = $$ ] && args=${args:0:12}
		echo "${R[$pid]:-tool} ${R[$ppid]:-tool} ${R[$pgid]:-tool} ${R[$sid]:-tool} $stat $comm $args"
	done | sort
} <<<"$out"
errors; unplant'

# Once its parent is killed (and reaped by the shell), the zombie is reparented to
# init and reaped: ps lists neither any more (polled: the zombie's /proc directory
# goes away). host_ns.
pcase procps-ps-reaped host_ns 'plant
kill -KILL $zp; wait $zp
gone() { [ ! -e /proc/$z ]; }; poll gone || echo "gave up waiting for the zombie to go"
out=$(asleep; exec ps -o pid,stat,comm -s $$ 2>"$E")
{ read -r h; echo $h; while read -r pid stat comm; do echo "${R[$pid]:-tool} $stat $comm"; done | sort; } <<<"$out"
errors; unplant'

# More of ps's columns that are neither PIDs nor times nor sizes, for the planted
# tasks (not ps's own row: its signal masks are procps's): terminal, its group,
# user and group, nice, priority, class, real-time priority, threads, and the
# signal sets (pending, caught, ignored, blocked: bash catches SIGCHLD, ignores
# SIGQUIT; its background jobs ignore SIGINT and SIGQUIT). The wchan column is
# left out: it names kernel functions (pipe_read, anon_pipe_read, ...). host_ns.
pcase procps-ps-fields host_ns 'plant
out=$(asleep; exec ps -o pid,stat,tt,tpgid,uid,user,gid,group,ni,pri,cls,rtprio,nlwp,pending,caught,ignored,blocked,comm -s $$ 2>"$E")
{
	read -r h; echo $h
	while read -r -a f; do
		# Signals 32 and 33 (glibc keeps them) may arrive ignored from whoever
		# started the judge: not part of what is compared.
		f[15]=$(printf %016x $((16#${f[15]} & ~0x180000000)))
		[ -n "${R[$f]}" ] && echo "${R[$f]} ${f[*]:1}"
	done | sort
} <<<"$out"
errors; unplant'

# Niceness: renice (busybox's in the guest, util-linux's on the host) moves the
# sleeper down to 5 and the stopped job up to -4 (as root); ps shows the nice and
# priority columns and the N and < marks of STAT; top its NI and PR. host_ns.
pcase procps-ps-nice host_ns 'plant
renice -n 5 -p $s1 >/dev/null; renice -n -4 -p $stp >/dev/null
out=$(asleep; exec ps -o pid=,ni=,pri=,stat= -s $$ 2>"$E")
top=$(asleep; exec top -b -n 1 -p $s1,$stp 2>"$E")
while read -r pid ni pri stat; do
	[ -n "${R[$pid]}" ] && echo "${R[$pid]} $ni $pri $stat"
done <<<"$out" | sort
while read -r pid user pr ni rest; do
	[ -n "${R[$pid]}" ] && echo "top ${R[$pid]} $pr $ni"
done <<<"$top" | sort
errors; unplant'

# Page faults: every task that has run has taken minor faults (ps min_flt, from
# /proc/PID/stat field 10), on Linux always more than 0. host_ns.
pcase procps-ps-faults host_ns 'plant
out=$(asleep; exec ps -o pid=,min_flt= -s $$ 2>"$E")
while read -r pid flt; do [ -n "${R[$pid]}" ] && [ "$pid" != "$z" ] && echo "${R[$pid]} minor faults > 0: $((flt > 0))"; done <<<"$out" | sort
errors; unplant'

# ------------------------------------------------------------------ pstree

# pstree -p (the tree under PID 1) and pstree -p $$ (the planted subtree): each
# node by role at its depth (see tree), PID 1 as (init). pstree orders a node's
# children by name, then by PID, which follows the order of creation on both
# sides. And pstree $$ without PIDs, compared as it is (3 sleeps of which two are
# alike: "2*[sleep]"). All with -A (ASCII lines) and -l: without -l pstree cuts
# lines at 132 columns, where the PIDs' widths differ. host_ns.
pcase procps-pstree host_ns 'plant
out=$(asleep; exec pstree -A -l -p 2>"$E"); tree <<<"$out"
out=$(asleep; exec pstree -A -l -p $$ 2>>"$E"); tree <<<"$out"
out=$(asleep; exec pstree -A -l $$ 2>>"$E"); echo "$out"
errors; unplant'

# kthreadd's branch: on Linux, pstree -p (rooted at PID 1) leaves kthreadd out, and
# pstree -p 0 draws a root "?()" with two branches, init's and kthreadd's (with
# the kernel's threads under it on the host, none in taskbox: only the first two
# levels are compared, PID 1 without its name). ps shows kthreadd as a child of 0.
# host_init_ns: only the host's initial PID namespace has a kthreadd.
# A host that runs in a container (a PID namespace of its own, as CI's) has no
# kthreadd to judge by: the case runs only where PID 2 is kthreadd.
if [ "$(cat /proc/2/comm 2>/dev/null)" = kthreadd ]; then
pcase procps-pstree-kthreadd host_init_ns 'out=$(pstree -A -l -p 0 2>"$E"); tree 1 <<<"$out" | sort
out=$(pstree -A -l -p 2>>"$E"); echo "kthreadd under PID 1: $(grep -c kthreadd <<<"$out")"
ps -o pid,ppid,pgid,sid,stat,comm,args -p 2 2>>"$E" | shape
errors'
fi

# ------------------------------------------------------------------ top

# top -b -n 1: the summary lines' shapes (numbers as N, "%Cpu(s):100.0 us" as
# "%Cpu(s): N us"; the first line's uptime, "up 0 min", "up 3:46" or "up 2 days,
# 3:46", as UP; "0 user" (procps 4.0.2) and "0 users" (4.0.4) as "N users"); the
# Tasks line's counts as relations with the task rows (total = rows, running = R
# rows, ...: true on both sides, although taskbox also lists kthreadd and its
# init), and running, stopped and zombie as they are (1 each: top, the stopped job,
# the zombie); the header of the rows; and the USER, PR, NI, S and COMMAND of the
# planted tasks and of top, by role. host_ns.
pcase procps-top host_ns 'plant
out=$(asleep; exec top -b -n 1 2>"$E")
declare -A n=([R]=0 [S]=0 [T]=0 [Z]=0 [rows]=0)
rows=()
{
	read -r l; l=$(shape <<<"$l")
	[[ $l =~ ^(top - N:N:N up ).*(, N users?, load average: N, N, N)$ ]] && l="${BASH_REMATCH[1]}UP${BASH_REMATCH[2]}"
	echo "${l/ user,/ users,}"
	read -r tasks
	for i in 1 2 3; do read -r l; shape <<<"$l" | sed "s/:N/: N/"; done
	read -r l; echo "[$l]"
	read -r l; echo $l
	while read -r pid user pr ni virt res shr s cpu mem time comm; do
		n[rows]=$((n[rows] + 1)); n[$s]=$((n[$s] + 1))
		[ -n "${R[$pid]}" ] || [ "$comm" = top ] && rows+=("${R[$pid]:-tool} $user $pr $ni $s $comm")
	done
} <<<"$out"
read -r _ total _ run _ sleep _ stop _ zomb _ <<<"${tasks//,/}"
shape <<<"$tasks"
echo "total = rows: $((total == n[rows])), running = R rows: $((run == n[R])), sleeping = S rows: $((sleep == n[S]))"
echo "stopped = T rows: $((stop == n[T])), zombie = Z rows: $((zomb == n[Z])); R T Z: $run $stop $zomb"
printf "%s\n" "${rows[@]}" | grep -v -e "^init " -e "^kthreadd " | sort
errors; unplant'

# ------------------------------------------------------------------ pgrep, pkill, pidof

# pgrep by parent (-P), with names (-l; the zombie too), with args (-a), by state
# (-r), by session (-s), by full command line (-f), counting (-c), and no match
# (1). PIDs by role, sorted where pgrep lists them by PID. host_ns.
pcase procps-pgrep host_ns 'plant
p() {
	local out rc
	out=$(asleep; exec pgrep "$@" 2>>"$E"); rc=$?
	echo "$(rolify <<<"pgrep $*") -> $rc"
	if [ "$1" = -c ]; then echo "$out"; elif [ -n "$out" ]; then rolify <<<"$out" | sort; fi
}
p -P $$; p -l -P $zp; p -a -P $$; p -r T; p -r Z; p -s $$; p -f "^sleep 100$"; p -c -x sleep; p -x nosuch
errors; unplant'

# pkill -STOP of the shell's sleeping children (-e names each), then ps shows them
# as T; pkill -CONT, then S; pkill -0 of nothing is 1. The states are polled
# before ps runs. host_ns.
pcase procps-pkill host_ns 'plant
pk() { local out rc; out=$(asleep; exec pkill "$@" 2>>"$E"); rc=$?; echo "$(rolify <<<"pkill $*") -> $rc"; [ -z "$out" ] || rolify <<<"$out" | sort; }
states() { local out; out=$(asleep; exec ps -o pid=,stat=,comm= --ppid $$ 2>>"$E"); rolify <<<"$out" | grep -v " ps$" | sort; }
pk -e -STOP -P $$ -x sleep
wait_for $s1 sleep T; wait_for $zp sleep T; states
pk -CONT -P $$ -x sleep
wait_for $s1 sleep S; wait_for $zp sleep S; wait_for $stp sleep S; states
pk -0 -x nosuch
errors; unplant'

# pidof (sysvinit-utils): every sleep, newest first; one (-s); all but one (-o);
# none for the zombie's name (pidof leaves zombies out): 1. host_ns.
pcase procps-pidof host_ns 'plant
p() { local out rc; out=$(asleep; exec pidof "$@" 2>>"$E"); rc=$?; echo "$(rolify <<<"pidof $*") -> $rc: $(rolify <<<"$out")"; }
p sleep; p -s sleep; p -o $s1 sleep; p true; p nosuch
errors; unplant'

# ------------------------------------------------------------------ pmap

# pmap of a dynamically linked program, pmap itself: the mode and size of each
# mapping of the program and of each shared library (ld.so, libc, libproc2, ...),
# grouped by name (the order of the libraries in memory is mmap's: top-down in
# Linux, bottom-up in qemu-user), in order within each. qemu_pmap: the same pmap
# under qemu-riscv64 -L ROOTFS reading its own maps, which qemu-user renders as the
# guest sees them, with the host's path of each file (pmap prints its basename).
qemu_pmap() { local s="${*: -1}"; host_init_ns "${@:1:$#-1}" "${s//exec pmap /exec $QEMU -L $ROOTFS $ROOTFS/usr/bin/pmap }"; }
pcase procps-pmap qemu_pmap 'out=$(exec pmap $BASHPID 2>"$E"); echo "pmap -> $?"
while read -r addr size mode name; do
	[[ $name == pmap || $name == *.so || $name == *.so.* ]] && echo "$name $mode $size"
done <<<"$out" | sort -s -k1,1
errors'

# ------------------------------------------------------------------ killall

# psmisc's killall by name: -v names each process signalled (on stderr, captured
# here), then ps shows T; -s CONT, then S; a name that matches nothing is 1 with
# "no process found" (stderr), and -q keeps quiet. host_ns.
pcase procps-killall host_ns 'plant
states() { local out; out=$(asleep; exec ps -o pid=,stat=,comm= --ppid $$ 2>>"$E"); rolify <<<"$out" | grep -v " ps$" | sort; }
out=$(asleep; exec killall -v -s STOP sleep 2>&1); echo "killall -v -s STOP sleep -> $?"; rolify <<<"$out" | sort
wait_for $s1 sleep T; wait_for $zp sleep T; states
out=$(asleep; exec killall -s CONT sleep 2>>"$E"); echo "killall -s CONT sleep -> $? [$out]"
wait_for $s1 sleep S; wait_for $zp sleep S; wait_for $stp sleep S; states
out=$(killall nosuch 2>&1); echo "killall nosuch -> $? [$out]"
out=$(killall -q nosuch 2>&1); echo "killall -q nosuch -> $? [$out]"
errors; unplant'

# ------------------------------------------------------------------ free, uptime, w, vmstat, prtstat

# free: the header and the row labels (numbers as N), plain, wide (-w), with totals
# (-t), in MiB (-m); and a few relations that /proc/meminfo must keep (free and
# available at most the total). host_ns.
pcase procps-free host_ns 'for o in "" -w -t -m; do free $o 2>>"$E" | shape; done
read -r _ total used free shared bc avail < <(free 2>>"$E" | grep "^Mem:")
echo "free <= total: $((free <= total)), available <= total: $((avail <= total)), used = total - available: $((used == total - avail))"
errors'

# uptime: the shape of its line (the time since boot, "0 min", "3:46" or "2 days,
# 3:46", as UP; "0 user" (procps 4.0.2) and "0 users" (4.0.4) as "N users"), of -s
# (the boot time), and whether -p is "up" and a list of "N unit(s)"; w: the same
# first line and the header (no one is logged in on either side). host_ns.
pcase procps-uptime host_ns 'up() {
	local l; l=$(shape)
	[[ $l =~ ^(N:N:N up ).*(, N users?, load average: N, N, N)$ ]] && l="${BASH_REMATCH[1]}UP${BASH_REMATCH[2]}"
	echo "${l/ user,/ users,}"
}
uptime 2>>"$E" | up
uptime -s 2>>"$E" | shape
p=$(uptime -p 2>>"$E"); [[ $p =~ ^up\ [0-9]+\ (year|week|day|hour|minute)s?(,\ [0-9]+\ (year|week|day|hour|minute)s?)*$ ]]; echo "uptime -p: $?"
out=$(w 2>>"$E"); { read -r l; up <<<"$l"; while read -r l; do shape <<<"$l"; done; } <<<"$out"
errors'

# vmstat -s: every label (numbers as N), from /proc/meminfo, /proc/stat and
# /proc/vmstat. (Plain vmstat is left out: 4.0.4 adds a column, gu.) host_ns.
pcase procps-vmstat host_ns 'vmstat -s 2>>"$E" | shape
errors'

# prtstat of the sleeper, the stopped job and the zombie: every label, and the
# values that are not numbers (the name, the state, the policy), with numbers as N;
# then prtstat -r (raw: one label and value a field). host_ns.
pcase procps-prtstat host_ns 'plant
for p in $s1 $stp $z; do echo "-- ${R[$p]}"; out=$(asleep; exec prtstat $p 2>>"$E"); shape <<<"$out"; done
out=$(asleep; exec prtstat -r $s1 2>>"$E"); shape <<<"$out"
errors; unplant'
