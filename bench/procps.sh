# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # shares variables and functions with bench/run
# bench/procps.sh: ps and /proc listings over many live processes, sourced by
# bench/run after bench/lifecycle.sh and bench/signal.sh (it uses bench/run's
# build, fail, median, fmt, bar_mark, ... and lifecycle.sh's status_of_keys,
# ratio and commas).
#
# bench/procps/psmany.c (riscv64 and native, both static) forks children that
# block in read() on a pipe, 0 of them, then 1,000, then 10,000 (one run grows
# through the levels), and at each level, once ps shows every child asleep
# ('S'), runs R times: the real ps (`ps -e -o pid,stat,comm`, exec of
# /usr/bin/ps, output to /dev/null), the real `ls /proc` (to /dev/null), and
# its own listings of /proc with getdents64. Under taskbox those are the guest
# root's Debian procps (dynamically linked) and busybox ls; natively the
# host's own procps and coreutils ls, over as many host processes (ps -e lists
# the host's other processes too: the per-process figures subtract level 0).
#
# Timing: guest clocks are virtual, so the host times every step:
# bench/procps/linetime.c runs the program and stamps the arrival of each
# line it prints, and psmany prints one line after each step; a step's time
# is the interval between its line and the one before. A ps or ls step covers
# fork, exec, the dynamic loader, the tool's run and waitpid. This is the
# lifecycle section's "difference" method with a baseline instead of N and 2N:
# the time per process at level N is (T(N) - T(0)) / (L(N) - L(0)), L the
# processes the check run of ps listed (N, unless the host's other processes
# came or went; for getdents, the entries), which takes out the start-up of
# the tool; the children's forks, ps's check runs and the teardown are
# outside every step. The getdents step lists /proc
# BUDGET / max(N, 100) times, so each level lists about as many entries; its
# time is per listing.
#
# Both configurations run unpinned (ps is one process reading /proc; the
# children sleep); qemu-riscv64 does not run this section (its execve of a
# riscv64 program needs a binfmt_misc handler, and ps is dynamically linked
# against the guest root's libraries). Memory: a taskbox run copies about
# 60,000 guest pages on write in all (235 MiB, `taskbox run --stats`); it runs
# with --mem 512 MiB (not with 256 MiB), so the default --mem of 1 GiB leaves
# room. taskbox's default --pid-max of 32768 is enough.
# On the host, the section checks how many processes it may add (pid_max,
# threads-max, RLIMIT_NPROC unless root in the initial user namespace, the
# cgroup's pids.max) and caps the native levels there, saying so.

procps_counts=(1000 10000) # and 0, the baseline
procps_reps=3              # ps, ls and listing steps per level per run
procps_budget=200000       # entries per getdents step
procps_margin=500          # host tasks left free beside the native children
procps_keys="procps"
procps_runs=${BENCH_PROCPS_RUNS:-3}
procps_configs=(taskbox native)

procps_build() {
	local ok=0
	mkdir -p "$out/native/procps" "$out/riscv64/procps" || return 1
	build "$here/procps/linetime.c" "$out/linetime" cc -O2 -Wall -Wextra || ok=1
	build "$here/procps/psmany.c" "$out/native/procps/psmany" cc -O2 -static -Wall -Wextra || ok=1
	build "$here/procps/psmany.c" "$out/riscv64/procps/psmany" \
		riscv64-linux-gnu-gcc -static -O2 -Wall -Wextra || ok=1
	return $ok
}

# Sets procps_room (host processes the native run may add) and
# procps_limits (what bounded it, for the report).
procps_host_room() {
	local pm tm used room lim mine path max cur f
	pm=$(cat /proc/sys/kernel/pid_max)
	tm=$(cat /proc/sys/kernel/threads-max)
	used=$(find /proc/[0-9]*/task -maxdepth 1 -mindepth 1 2>/dev/null | wc -l)
	# PIDs wrap to 300: about pid_max - 300 numbers for all tasks.
	room=$((pm - 300 - used))
	((tm - used < room)) && room=$((tm - used))
	procps_limits="pid_max $pm, threads-max $tm, $used host tasks before the runs"
	lim=$(ulimit -u)
	if [[ $lim == unlimited ]]; then
		procps_limits+=", RLIMIT_NPROC unlimited"
	elif ((EUID == 0)) && [[ $(awk 'NR == 1 { print $1, $2, $3 }' /proc/self/uid_map) == "0 0 4294967295" ]]; then
		procps_limits+=", RLIMIT_NPROC $lim (not enforced for root)"
	else
		mine=$(ps -L -u "$EUID" -o lwp= 2>/dev/null | wc -l)
		procps_limits+=", RLIMIT_NPROC $lim with $mine tasks of this user"
		((lim - mine < room)) && room=$((lim - mine))
	fi
	# The cgroup's pids controller (v2, else v1).
	path=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
	f=/sys/fs/cgroup$path/pids.max
	if [[ ! -r $f ]]; then
		path=$(awk -F: '$2 ~ /(^|,)pids(,|$)/ { print $3 }' /proc/self/cgroup)
		f=/sys/fs/cgroup/pids$path/pids.max
	fi
	if [[ -r $f ]]; then
		max=$(cat "$f")
		cur=$(cat "${f%.max}.current" 2>/dev/null || echo 0)
		procps_limits+=", cgroup pids.max $max"
		[[ $max != max ]] && ((max - cur < room)) && room=$((max - cur))
	fi
	procps_room=$((room - procps_margin))
}

# procps_levels CFG: the levels (children) of CFG's runs, the native ones
# capped at procps_room (rounded down to a hundred).
procps_levels() {
	local c cap=$((procps_room / 100 * 100)) prev=0 levels=()
	for c in "${procps_counts[@]}"; do
		if [[ $1 == native ]] && ((c > cap)); then
			((cap > prev)) && levels+=("$cap")
			break
		fi
		levels+=("$c")
		prev=$c
	done
	echo "${levels[*]}"
}

# One run of CFG: appends "KIND N SECONDS" samples (ps, ls, dents per
# listing) and "listed N L" / "entries N E" to $tmp/procps.CFG.samples.
procps_run() {
	local cfg=$1 levels cmd why
	[[ -e $tmp/procps.$cfg.failed ]] && return 0
	levels=$(procps_levels "$cfg")
	if [[ $cfg == taskbox ]]; then
		cmd=("$taskbox" run "$out/riscv64/procps/psmany")
	else
		cmd=("$out/native/procps/psmany")
	fi
	# shellcheck disable=SC2086 # levels: numbers
	"$out/linetime" -t "$timeout" "${cmd[@]}" "$procps_reps" "$procps_budget" $levels \
		</dev/null >"$tmp/procps.lines" 2>"$tmp/stderr"
	why=$(awk -v levels="$levels" -v reps="$procps_reps" -v out="$tmp/procps.run" '
		BEGIN { nl = split("0 " levels, lv, " "); printf "" > out }
		{
			dt = $1 - prev; prev = $1
			if ($2 == "check") {
				checked[$3] = 1
				if ($7 != $3) { print "level " $3 ": " $7 " children asleep"; bad = 1; exit }
				print "listed", $3, $5 > out
			} else if ($2 == "ps" || $2 == "ls") {
				print $2, $3, dt > out; steps[$2, $3]++
			} else if ($2 == "dents") {
				print "dents", $3, dt / $6 > out; steps["dents", $3]++
				print "entries", $3, $8 > out
			} else if ($2 == "done") {
				done = $3 " " $5
			} else if ($2 == "exit") {
				status = $3
			}
		}
		END {
			if (bad) exit
			if (status == "") { print "could not be run"; exit }
			if (status == "timeout") { print "killed after the timeout"; exit }
			if (status != 0) { print "exit status " status; exit }
			for (i = 1; i <= nl; i++)
				if (!checked[lv[i]] || steps["ps", lv[i]] != reps || steps["ls", lv[i]] != reps ||
				    steps["dents", lv[i]] != reps) { print "level " lv[i] " incomplete"; exit }
			n = lv[nl]
			for (i = 0; i < n; i++)
				sum += i % 256
			if (done != n " " sum) print "printed \"done " done "\", not \"done " n " " sum "\""
		}' "$tmp/procps.lines")
	if [[ -n $why ]]; then
		[[ -s $tmp/stderr ]] && why="$why; stderr: $(head -n 1 "$tmp/stderr" | cut -c1-160)"
		fail procps "$cfg" "$why"
		return 0
	fi
	cat "$tmp/procps.run" >>"$tmp/procps.$cfg.samples"
}

measure_procps() {
	local i cfg
	selected procps || return 0
	procps_build || {
		for cfg in "${procps_configs[@]}"; do fail procps "$cfg" "build failed"; done
		return 0
	}
	procps_host_room
	log "procps: $procps_runs runs each of taskbox (0 $(procps_levels taskbox) children)" \
		"and native (0 $(procps_levels native)), $procps_reps ps, ls and getdents steps per level"
	procps_load_before=$(cut -d ' ' -f 1 /proc/loadavg)
	for ((i = 1; i <= procps_runs; i++)); do
		for cfg in "${procps_configs[@]}"; do
			procps_run "$cfg"
		done
	done
}

# ---- report ---------------------------------------------------------------

# procps_med CFG KIND N: the median of CFG's KIND samples at level N.
procps_med() {
	awk -v k="$2" -v n="$3" '$1 == k && $2 == n { print $3 }' "$tmp/procps.$1.samples" \
		2>/dev/null >"$tmp/procps.med"
	median "$tmp/procps.med"
}

# procps_range CFG KIND N: "min–max" in ms of those samples.
procps_range() {
	awk -v k="$2" -v n="$3" '$1 == k && $2 == n { print $3 }' "$tmp/procps.$1.samples" \
		2>/dev/null >"$tmp/procps.med"
	[[ -s $tmp/procps.med ]] || { echo "—"; return; }
	sort -g "$tmp/procps.med" | awk 'NR == 1 { lo = $1 } { hi = $1 }
		END { lo *= 1e3; hi *= 1e3; printf (lo >= 100 ? "%.0f" : "%.3g"), lo; printf (hi >= 100 ? "–%.0f\n" : "–%.3g\n"), hi }'
}

# procps_count KIND: what KIND's steps list: "entries" for getdents, else the
# processes ps listed.
procps_count() { [[ $1 == dents ]] && echo entries || echo listed; }

# procps_per CFG KIND N: microseconds per process listed at level N:
# (T(N) - T(0)) / (L(N) - L(0)), L the processes (or entries) listed, N
# itself unless other processes of the host came or went.
procps_per() {
	local a b la lb
	a=$(procps_med "$1" "$2" 0)
	b=$(procps_med "$1" "$2" "$3")
	la=$(procps_med "$1" "$(procps_count "$2")" 0)
	lb=$(procps_med "$1" "$(procps_count "$2")" "$3")
	awk -v a="$a" -v b="$b" -v la="$la" -v lb="$lb" 'BEGIN {
		if (a != "" && b != "" && la != "" && lb > la) printf "%.6f", (b - a) / (lb - la) * 1e6 }'
}

# ms SECONDS: milliseconds, 3 significant digits without an exponent ("" if none).
ms() { awk -v s="$1" 'BEGIN { if (s != "") { v = s * 1e3; printf (v >= 100 ? "%.0f" : "%.3g"), v } }'; }

# procps_table KIND LABEL UNIT_LABEL: the rows of one tool.
procps_table() {
	local kind=$1 i tl nl tt nt tp np lt ln row
	local -a lv_t lv_n
	read -r -a lv_t <<<"0 $(procps_levels taskbox)"
	read -r -a lv_n <<<"0 $(procps_levels native)"
	echo "| $2 | taskbox: $3 | taskbox ms | taskbox µs per process | host: $3 | host ms | host µs per process | taskbox vs host |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|"
	for ((i = 0; i < ${#lv_t[@]} || i < ${#lv_n[@]}; i++)); do
		tl=${lv_t[i]:-}
		nl=${lv_n[i]:-}
		tt="" nt="" tp="" np="" lt="" ln=""
		if [[ -n $tl ]]; then
			tt=$(procps_med taskbox "$kind" "$tl")
			lt=$(procps_med taskbox "$(procps_count "$kind")" "$tl")
			((tl > 0)) && tp=$(procps_per taskbox "$kind" "$tl")
		fi
		if [[ -n $nl ]]; then
			nt=$(procps_med native "$kind" "$nl")
			ln=$(procps_med native "$(procps_count "$kind")" "$nl")
			((nl > 0)) && np=$(procps_per native "$kind" "$nl")
		fi
		row="| $(commas "${tl:-$nl}")$([[ -n $nl && $nl != "$tl" ]] && echo " (host: $(commas "$nl"))")"
		row+=" | $(commas "$(fmt '%.0f' "$lt")") | $(fmt '%s' "$(ms "$tt")")"
		row+=" | $([[ -n $tp ]] && fmt '%.3g' "$tp" || echo "—")"
		row+=" | $(commas "$(fmt '%.0f' "$ln")") | $(fmt '%s' "$(ms "$nt")")"
		row+=" | $([[ -n $np ]] && fmt '%.3g' "$np" || echo "—")"
		if [[ ${tl:-0} == 0 ]]; then
			row+=" | $(fmt '%sx' "$(ratio "$nt" "$tt")") (whole run) |"
		else
			row+=" | $(fmt '%sx' "$(ratio "$np" "$tp")") |"
		fi
		echo "$row"
	done
	tl=${lv_t[${#lv_t[@]} - 1]}
	nl=${lv_n[${#lv_n[@]} - 1]}
	echo "| growth of the time per process, $(commas "$tl") / $(commas "${lv_t[1]}")$(
		[[ $nl != "$tl" ]] && echo " (host: $(commas "$nl") / $(commas "${lv_n[1]}"))")" \
		"| | | $(fmt '%sx' "$(ratio "$(procps_per taskbox "$kind" "$tl")" "$(procps_per taskbox "$kind" "${lv_t[1]}")")")" \
		"| | | $(fmt '%sx' "$(ratio "$(procps_per native "$kind" "$nl")" "$(procps_per native "$kind" "${lv_n[1]}")")") | |"
}

report_procps() {
	local status nmax cfg kind n ps_growth dents_growth
	local -a lv
	status=$(status_of_keys procps)
	[[ $status == ok ]] || failed_any=1
	echo "## ps and /proc over many processes"
	echo
	if [[ -z ${header_done:-} ]]; then
		header_lines
	else
		echo "- Same command, machine and versions as above."
	fi
	echo "- Method: bench/procps/psmany.c forks children that block in read() on a pipe" \
		"— 0, then $(commas "${procps_counts[0]}"), then $(commas "${procps_counts[1]}")" \
		"in one run — and at each level, once ps shows every child asleep (\`S\`), runs" \
		"$procps_reps times each: \`ps -e -o pid,stat,comm\` (exec of /usr/bin/ps, output" \
		"to /dev/null), \`ls /proc\` (to /dev/null) and its own listings of /proc with" \
		"getdents64. taskbox runs the guest root's Debian procps (dynamically linked) and" \
		"busybox ls; the host runs its own procps and coreutils ls over as many host" \
		"processes (\`ps -e\` also lists the host's other processes: see the listed" \
		"counts). Guest clocks are virtual: the host stamps the arrival of the line" \
		"psmany prints after each step (bench/procps/linetime.c), and a step's time is" \
		"the interval from the line before. A ps or ls step covers fork, exec, the" \
		"dynamic loader, the tool's run and waitpid; the time per process at level N" \
		"is (T(N) − T(0)) / (L(N) − L(0)), L the processes ps listed (for getdents," \
		"the entries): N, unless the host's other processes came or went; this takes" \
		"out the tool's start-up. A getdents step lists" \
		"/proc $procps_budget / max(N, 100) times; its times are per listing." \
		"$procps_runs runs per configuration, interleaved, $((procps_runs * procps_reps))" \
		"steps per tool and level, medians. Neither configuration is pinned;" \
		"qemu-riscv64 does not run this section (its execve of a riscv64 program needs" \
		"a binfmt_misc handler). \"taskbox vs host\" is the host's time per process" \
		"over taskbox's (above 1x, taskbox is faster); at level 0, whole runs. Status: $status."
	echo "- Host limits: $procps_limits; the native runs could add $procps_room processes" \
		"(keeping $procps_margin free)$([[ $(procps_levels native) != "$(procps_levels taskbox)" ]] &&
			echo ", so the host's largest level is $(commas "$(procps_levels native | awk '{ print $NF }')") instead of $(commas "${procps_counts[1]}")")." \
		"Load average (1 minute) before the runs: ${procps_load_before:-?}, on $(nproc)" \
		"CPUs (not after them: the native runs' exiting children raise it)."
	echo
	echo "### ps -e -o pid,stat,comm"
	echo
	procps_table ps "processes added" "listed"
	echo
	echo "### ls /proc"
	echo
	procps_table ls "processes added" "listed by ps"
	echo
	echo "### getdents64 over /proc (one listing)"
	echo
	procps_table dents "processes added" "entries"
	echo
	echo "Range (min–max ms) of the steps:"
	echo
	echo "| tool | processes added | taskbox | host |"
	echo "|---|---:|---:|---:|"
	read -r -a lv <<<"0 $(procps_levels taskbox)"
	for kind in ps ls dents; do
		for n in "${lv[@]}"; do
			echo "| $kind | $(commas "$n") | $(procps_range taskbox "$kind" "$n") |" \
				"$(procps_range native "$kind" "$n") |"
		done
	done
	echo
	nmax=${procps_counts[1]}
	ps_growth=$([[ $status == ok ]] && ratio "$(procps_per taskbox ps "$nmax")" "$(procps_per taskbox ps "${procps_counts[0]}")")
	dents_growth=$([[ $status == ok ]] && ratio "$(procps_per taskbox dents "$nmax")" "$(procps_per taskbox dents "${procps_counts[0]}")")
	echo "### Bars"
	echo
	echo "| bar | measured | |"
	echo "|---|---:|---|"
	echo "| ps in linear time: taskbox's time per process at $(commas "$nmax") <= 1.5x that at $(commas "${procps_counts[0]}") | $(fmt '%sx' "$ps_growth") | $(bar_mark "$ps_growth" '<=' 1.5) |"
	echo "| a listing of /proc in linear time: taskbox's getdents64 time per task at $(commas "$nmax") <= 1.5x that at $(commas "${procps_counts[0]}") | $(fmt '%sx' "$dents_growth") | $(bar_mark "$dents_growth" '<=' 1.5) |"
	echo
}
