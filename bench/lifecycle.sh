# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # shares variables and functions with bench/run
# bench/lifecycle.sh: the process-lifecycle benchmarks, sourced by bench/run
# (it uses bench/run's run_once, median, fmt, bar_mark, ... and variables).
#
# Each program of bench/lifecycle/ is built for riscv64 and natively, both
# static, and run under taskbox, under qemu-riscv64 and on the host kernel
# pinned to one CPU (taskset -c 0), interleaved, timed from the host (guest
# clocks are virtual). Method, per operation:
#
#   - a program doing the operation N times runs with N and with 2N; the
#     difference of the two wall times over N is the time of one operation,
#     without start-up and exit. Each repetition gives one such difference
#     (its N and 2N runs are back to back); the tables show the median.
#     N is per configuration, so that N operations take a tenth of a second
#     or more everywhere without making qemu's runs minutes long; where a
#     configuration's N differs from native's, one untimed native run at
#     that N (and 2N) gives the output its runs must print.
#   - zombies: 0, 5,000 and 10,000 children exit, then are reaped; the
#     program's first line marks the end of the barrier (timeit -m), so the
#     host times the reaping alone as well as the whole run. Time per child
#     at K = (time at K - time at 0) / K.
#   - sleepers: the host memory of the benchmark's host processes while K
#     and then 2K children sleep, in one run; the difference over K.

# key | N for taskbox | N for qemu | N for native | label.
# Sizes: the N run takes 0.2-2 s in each configuration (2026-11); more for
# taskbox than the bare minimum, as the 2 CPUs of the machine are shared.
# exec_chain and ctx_ring: 0.2-0.6 s (2026-11, busy machine: an exec about
# 190 µs under taskbox, 700 natively; a hop 1.1 µs under taskbox, 12 under
# qemu, 8 natively).
lifecycle_ops=(
	"fork_exit|20000|500|2000|fork+exit+wait"
	"fork_exec|500|500|500|fork+exec+wait"
	"vfork_exec|500|500|500|vfork+exec+wait"
	"exec_chain|2000|500|500|exec of a cached binary (execve of itself)"
	"pipe_pingpong|400000|50000|50000|pipe round trip"
	"ctx_ring|300000|30000|50000|context switch (token hop, ring of 8 processes)"
)
zombie_counts=(5000 10000) # and 0, for the start-up
sleepers_k=200             # sleeping children, then twice as many
lifecycle_keys="fork_exit fork_exec vfork_exec exec_chain pipe_pingpong ctx_ring zombies sleepers"

# op_n CFG: the N of configuration CFG in the fields nt, nq, nn.
op_n() {
	case $1 in
	taskbox) echo "$nt" ;;
	qemu) echo "$nq" ;;
	native) echo "$nn" ;;
	esac
}

# op_keys: the keys of the current operation's runs: KEY.N and KEY.2N of
# every configuration's N, each once.
op_keys() {
	local m
	for m in "$nt" "$((2 * nt))" "$nq" "$((2 * nq))" "$nn" "$((2 * nn))"; do
		echo "$key.$m"
	done | awk '!seen[$0]++'
}

# Why qemu-riscv64 cannot run a riscv64 program's execve() here, or nothing:
# qemu-user passes execve to the host kernel, which needs a binfmt_misc
# handler for riscv64 ELF files (Debian's qemu-user-binfmt) to run one.
qemu_exec_problem() {
	local f
	for f in /proc/sys/fs/binfmt_misc/*; do
		[[ -f $f ]] || continue
		grep -qs '^enabled' "$f" && grep -qsi -e riscv64 -e '0200f300' "$f" && return 0
	done
	echo "qemu-riscv64 passes execve() to the host kernel, and this host has no" \
		"binfmt_misc handler for riscv64 programs (its execve() fails with ENOEXEC)"
}

skip() {
	echo "$3" >"$tmp/$1.$2.skipped"
}

# Fails KEY's taskbox and qemu runs whose output differs from the native
# run's (or when the native run failed).
check_outputs() {
	local key=$1 cfg
	for cfg in taskbox qemu; do
		[[ -e $tmp/$key.$cfg.failed || -e $tmp/$key.$cfg.skipped ]] && continue
		[[ -e $tmp/$key.$cfg.out ]] || continue
		if [[ ! -e $tmp/$key.native.out ]]; then
			fail "$key" "$cfg" "output not checked: the native run failed"
		elif ! cmp -s "$tmp/$key.$cfg.out" "$tmp/$key.native.out"; then
			fail "$key" "$cfg" "output differs from native: $(head -n 1 "$tmp/$key.$cfg.out" | cut -c1-160)"
		fi
	done
}

# Status of a row made of several keys: "ok", or the FAILED reasons.
# Skipped configurations are not failures (the row shows "—" and a note).
status_of_keys() {
	local key cfg reasons=""
	for key in "$@"; do
		for cfg in "${configs[@]}"; do
			[[ -e $tmp/$key.$cfg.failed ]] || continue
			[[ $reasons == *"$cfg: "* ]] && continue
			reasons+="${reasons:+; }$cfg: $(cat "$tmp/$key.$cfg.failed")"
		done
	done
	[[ -z $reasons ]] && echo "ok" || echo "**FAILED** ($reasons)"
}

# ok KEY... CFG: true when CFG neither failed nor was skipped for every KEY.
cfg_ok() {
	local cfg=${!#} key
	for key in "${@:1:$#-1}"; do
		[[ -e $tmp/$key.$cfg.failed || -e $tmp/$key.$cfg.skipped ]] && return 1
	done
	return 0
}

# pair_diff A B DIVISOR OUT: OUT gets (B_i - A_i) / DIVISOR for each pair of
# lines of A and B (the runs of one repetition).
pair_diff() {
	[[ -s $1 && -s $2 ]] || { : >"$4"; return; }
	paste -d ' ' "$1" "$2" | awk -v d="$3" 'NF == 2 { printf "%.9f\n", ($2 - $1) / d }' >"$4"
}

# ---- timed operations -----------------------------------------------------

measure_ops() {
	local op key nt nq nn label i cfg n m qemu_why k
	qemu_why=$(qemu_exec_problem)
	for op in "${lifecycle_ops[@]}"; do
		IFS='|' read -r key nt nq nn label <<<"$op"
		selected "$key" || continue
		if [[ -n $qemu_why && $key == *exec* ]]; then
			skip "$key.$nq" qemu "$qemu_why"
			skip "$key.$((2 * nq))" qemu "$qemu_why"
		fi
		log "$key: $life_runs runs each of taskbox (N=$nt), qemu (N=$nq), native (N=$nn) with N and 2N"
		for ((i = 1; i <= life_runs; i++)); do
			for cfg in "${configs[@]}"; do
				n=$(op_n "$cfg")
				cfg_ok "$key.$n" "$key.$((2 * n))" "$cfg" || continue
				run_once "$key.$n" "$cfg" "lifecycle/$key" "$n"
				run_once "$key.$((2 * n))" "$cfg" "lifecycle/$key" "$((2 * n))"
			done
		done
		# The native output for every N that another configuration ran.
		for cfg in taskbox qemu; do
			n=$(op_n "$cfg")
			for m in "$n" "$((2 * n))"; do
				[[ -e $tmp/$key.$m.$cfg.out && ! -e $tmp/$key.$m.native.out ]] || continue
				log "$key: native run with N=$m for the output to check"
				run_once "$key.$m" native "lifecycle/$key" "$m"
			done
		done
		while read -r k; do
			check_outputs "$k"
		done < <(op_keys)
		for cfg in "${configs[@]}"; do
			n=$(op_n "$cfg")
			if cfg_ok "$key.$n" "$key.$((2 * n))" "$cfg"; then
				pair_diff "$tmp/$key.$n.$cfg.times" "$tmp/$key.$((2 * n)).$cfg.times" "$n" "$tmp/$key.$cfg.op"
			else
				: >"$tmp/$key.$cfg.op"
			fi
		done
	done
}

measure_zombies() {
	local i cfg k
	selected zombies || return 0
	log "zombies: $zombie_runs runs each of taskbox, qemu, native with 0 ${zombie_counts[*]} children"
	for ((i = 1; i <= zombie_runs; i++)); do
		for cfg in "${configs[@]}"; do
			for k in 0 "${zombie_counts[@]}"; do
				run_once "zombies.$k" "$cfg" lifecycle/zombies "$k" mark
			done
		done
	done
	for k in 0 "${zombie_counts[@]}"; do
		check_outputs "zombies.$k"
	done
	for cfg in "${configs[@]}"; do
		for k in "${zombie_counts[@]}"; do
			if cfg_ok zombies.0 "zombies.$k" "$cfg"; then
				pair_diff "$tmp/zombies.0.$cfg.times" "$tmp/zombies.$k.$cfg.times" "$k" "$tmp/zombies.$k.$cfg.all"
				pair_diff "$tmp/zombies.0.$cfg.reaps" "$tmp/zombies.$k.$cfg.reaps" "$k" "$tmp/zombies.$k.$cfg.reap"
			else
				: >"$tmp/zombies.$k.$cfg.all"
				: >"$tmp/zombies.$k.$cfg.reap"
			fi
		done
	done
}

# ---- memory per sleeping process -------------------------------------------

# Prints PID and its descendants.
process_tree() {
	ps -e -o pid=,ppid= | awk -v root="$1" '
		{ parent[$1] = $2 }
		END {
			in_tree[root] = 1
			do {
				added = 0
				for (p in parent)
					if (!(p in in_tree) && (parent[p] in in_tree)) { in_tree[p] = 1; added = 1 }
			} while (added)
			for (p in in_tree) print p
		}'
}

# mem_sample CFG PID: prints "PSS PRIVATE_DIRTY KERNEL" in KiB: the summed
# Pss and Private_Dirty of PID's host process tree, and the host kernel's
# memory for it: for taskbox (one host process) its page tables (VmPTE), for
# qemu and native (a host process per guest process) the machine's
# Slab + KernelStack + PageTables from /proc/meminfo.
mem_sample() {
	local cfg=$1 pid=$2 p files=() kern
	for p in $(process_tree "$pid"); do
		files+=("/proc/$p/smaps_rollup")
	done
	if [[ $cfg == taskbox ]]; then
		kern=$(awk '/^VmPTE:/ { print $2 }' "/proc/$pid/status")
	else
		kern=$(awk '/^(Slab|KernelStack|PageTables):/ { k += $2 } END { print k }' /proc/meminfo)
	fi
	cat "${files[@]}" 2>/dev/null | awk -v kern="$kern" '
		/^Pss:/ { pss += $2 } /^Private_Dirty:/ { pd += $2 }
		END { print pss + 0, pd + 0, kern }'
}

# Waits until file $1 has a line "$2" while process $3 lives; false on
# timeout or exit.
wait_line() {
	local deadline=$((SECONDS + timeout))
	while ((SECONDS < deadline)); do
		grep -qx "$2" "$1" 2>/dev/null && return 0
		kill -0 "$3" 2>/dev/null || { grep -qx "$2" "$1" 2>/dev/null; return; }
		sleep 0.02
	done
	return 1
}

# One run of sleepers under CFG: samples at K and at 2K sleeping children,
# appends the per-child differences to $tmp/sleepers.CFG.{pss,pd,kern}.
mem_run() {
	local cfg=$1 k=$sleepers_k fifo=$tmp/fifo pid fd s1 s2 why="" cmd st a b
	[[ -e $tmp/sleepers.$cfg.failed ]] && return 0
	set_command "$cfg" lifecycle/sleepers "$k"
	rm -f "$fifo"
	mkfifo "$fifo" || { fail sleepers "$cfg" "mkfifo failed"; return 0; }
	"${cmd[@]}" <"$fifo" >"$tmp/stdout" 2>"$tmp/stderr" &
	pid=$!
	exec {fd}>"$fifo"
	if ! wait_line "$tmp/stdout" "ready $k" "$pid"; then
		why="no \"ready $k\" line"
	else
		s1=$(mem_sample "$cfg" "$pid")
		# In a subshell: a dead reader must not kill bench/run with SIGPIPE.
		(trap '' PIPE; echo more >&"$fd") 2>/dev/null
		if ! wait_line "$tmp/stdout" "ready $((2 * k))" "$pid"; then
			why="no \"ready $((2 * k))\" line"
		else
			s2=$(mem_sample "$cfg" "$pid")
		fi
	fi
	[[ -n $why ]] && kill -KILL "$pid" 2>/dev/null
	exec {fd}>&-
	wait "$pid"
	st=$?
	if [[ -z $why && $st != 0 ]]; then
		why="exit status $st"
	elif [[ -z $why && -e $tmp/sleepers.$cfg.out ]] && ! cmp -s "$tmp/stdout" "$tmp/sleepers.$cfg.out"; then
		why="output differs between its own runs"
	fi
	if [[ -n $why ]]; then
		[[ -s $tmp/stderr ]] && why="$why; stderr: $(head -n 1 "$tmp/stderr" | cut -c1-160)"
		fail sleepers "$cfg" "$why"
		return 0
	fi
	[[ -e $tmp/sleepers.$cfg.out ]] || cp "$tmp/stdout" "$tmp/sleepers.$cfg.out"
	read -r -a a <<<"$s1"
	read -r -a b <<<"$s2"
	awk -v a="${a[0]}" -v b="${b[0]}" -v k="$k" 'BEGIN { printf "%.3f\n", (b - a) / k }' >>"$tmp/sleepers.$cfg.pss"
	awk -v a="${a[1]}" -v b="${b[1]}" -v k="$k" 'BEGIN { printf "%.3f\n", (b - a) / k }' >>"$tmp/sleepers.$cfg.pd"
	awk -v a="${a[2]}" -v b="${b[2]}" -v k="$k" 'BEGIN { printf "%.3f\n", (b - a) / k }' >>"$tmp/sleepers.$cfg.kern"
}

# The guest pages taskbox copied per sleeping child: "pages copied" of
# taskbox run --stats with K children and with 2K (4 KiB pages), in KiB.
taskbox_private_dirty() {
	local k=$sleepers_k c1 c2
	[[ -e $tmp/sleepers.taskbox.failed ]] && return 0
	set_command taskbox lifecycle/sleepers "$k"
	"$out/timeit" -t "$timeout" "$tmp/result" "${cmd[0]}" run --stats "${cmd[@]:2}" \
		</dev/null >/dev/null 2>"$tmp/stats"
	c1=$(sed -n 's/^pages copied: *\([0-9]*\).*/\1/p' "$tmp/stats")
	printf 'more\n' >"$tmp/more"
	"$out/timeit" -t "$timeout" "$tmp/result" "${cmd[0]}" run --stats "${cmd[@]:2}" \
		<"$tmp/more" >/dev/null 2>"$tmp/stats"
	c2=$(sed -n 's/^pages copied: *\([0-9]*\).*/\1/p' "$tmp/stats")
	[[ -n $c1 && -n $c2 ]] || return 0
	awk -v a="$c1" -v b="$c2" -v k="$k" 'BEGIN { printf "%.3f\n", (b - a) * 4 / k }' >"$tmp/sleepers.taskbox.guestpd"
}

measure_sleepers() {
	local i cfg
	selected sleepers || return 0
	log "sleepers: $mem_runs runs each of taskbox, qemu, native with $sleepers_k and $((2 * sleepers_k)) sleeping children"
	for ((i = 1; i <= mem_runs; i++)); do
		for cfg in "${configs[@]}"; do
			mem_run "$cfg"
		done
	done
	check_outputs sleepers
	taskbox_private_dirty
}

measure_lifecycle() {
	load_before=$(cut -d ' ' -f 1 /proc/loadavg)
	measure_ops
	measure_zombies
	measure_sleepers
	load_after=$(cut -d ' ' -f 1 /proc/loadavg)
}

# ---- report ---------------------------------------------------------------

# us FILE: median of seconds in FILE, in microseconds ("" if none).
us() {
	local m
	m=$(median "$1")
	[[ -n $m ]] && awk -v s="$m" 'BEGIN { printf "%.6f", s * 1e6 }'
}

# us_range FILE: "min–max" in microseconds, or "—".
us_range() {
	[[ -s $1 ]] || { echo "—"; return; }
	sort -g "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.3g–%.3g\n", lo * 1e6, hi * 1e6 }'
}

# Medians of KiB files (per-child memory), "" if none.
kib() { median "$1" | awk '{ printf "%.1f", $1 }'; }

# commas 10000: 10,000
commas() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# Whether BENCH_ONLY selects one of the timed operations.
ops_selected() {
	local op
	for op in "${lifecycle_ops[@]}"; do
		selected "${op%%|*}" && return 0
	done
	return 1
}

# ratio A B: A / B, "" when either is missing.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.3g", a / b }'; }

# op_result: for the operation $key (its N in $nt $nq $nn), set status, the
# per-operation times t (taskbox), q (qemu) and nat (native), val[$key] (the
# ratio to native, for the bars) and failed_any: what each row of a report
# table of the lifecycle or signal section starts from.
op_result() {
	# shellcheck disable=SC2046 # op_keys prints one key a line, no spaces
	status=$(status_of_keys $(op_keys))
	[[ $status == ok ]] || failed_any=1
	t=$(us "$tmp/$key.taskbox.op")
	q=$(us "$tmp/$key.qemu.op")
	nat=$(us "$tmp/$key.native.op")
	val[$key]=$([[ $status == ok ]] && ratio "$nat" "$t")
}

report_lifecycle() {
	local op key nt nq nn label t q nat st qnote="" status k cfg tz row
	local -A val
	echo "## Process lifecycle"
	echo
	if [[ -z ${header_done:-} ]]; then
		header_lines
	else
		echo "- Same command, machine and versions as above."
	fi
	echo "- Method: each program runs with N and with 2N iterations; the difference" \
		"of the two wall times over N is the time of one operation, free of start-up" \
		"and exit. N is per configuration (second table), large enough for a tenth" \
		"of a second or more. Each repetition runs N and 2N back to back and gives one" \
		"difference; $life_runs repetitions per configuration, interleaved" \
		"(taskbox, qemu, native, taskbox, ...); the tables show medians." \
		"Programs: bench/lifecycle/, built static for riscv64 and natively" \
		"(\`cc -O2 -static\`). Native runs on the host kernel pinned to one CPU" \
		"(\`taskset -c 0\`), the host's best case; taskbox (one host thread) and" \
		"qemu-riscv64 (one host process per guest process) are not pinned." \
		"Ratios are native or qemu time over taskbox time: above 1x, taskbox is faster."
	echo "- Load average (1 minute) of the machine before and after the lifecycle runs:" \
		"${load_before:-?} and ${load_after:-?}, on $(nproc) CPUs: with other work running," \
		"the min–max ranges below are wide and a bar near its limit can go either way."
	echo
	if ops_selected; then
		echo "### fork, exec, wait, pipes and context switches"
		echo
		echo "| operation | taskbox µs | qemu µs | native µs (1 CPU) | taskbox vs native | taskbox vs qemu | status |"
		echo "|---|---:|---:|---:|---:|---:|---|"
		: >"$tmp/op-rows"
		for op in "${lifecycle_ops[@]}"; do
			IFS='|' read -r key nt nq nn label <<<"$op"
			selected "$key" || continue
			op_result
			if [[ -e $tmp/$key.$nq.qemu.skipped ]]; then
				qnote=$(cat "$tmp/$key.$nq.qemu.skipped")
				status="$status (qemu: not run, see below)"
			fi
			printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" \
				"$(fmt '%.3g' "$t")" "$(fmt '%.3g' "$q")" "$(fmt '%.3g' "$nat")" \
				"$(fmt '%sx' "$(ratio "$nat" "$t")")" "$(fmt '%sx' "$(ratio "$q" "$t")")" "$status"
			# shellcheck disable=SC2016 # backquotes are markdown
			printf '| %s | %s | %s | %s | `%s` | %s | %s | %s |\n' "$label" "$nt" "$nq" "$nn" \
				"$(head -n 1 "$tmp/$key.$nn.native.out" 2>/dev/null)" \
				"$(us_range "$tmp/$key.taskbox.op")" "$(us_range "$tmp/$key.qemu.op")" \
				"$(us_range "$tmp/$key.native.op")" >>"$tmp/op-rows"
		done
		echo
		[[ -n $qnote ]] && { echo "qemu \"—\" on the exec rows: $qnote."; echo; }
		echo "Each configuration's N (its programs run with N and 2N: \`fork_exit N\`, ...)," \
			"the native output at native's N (every run prints what a native run with the" \
			"same N prints), and the range of the per-operation times over the repetitions:"
		echo
		echo "| operation | taskbox N | qemu N | native N | native output | taskbox min–max µs | qemu min–max µs | native min–max µs |"
		echo "|---|---:|---:|---:|---|---:|---:|---:|"
		cat "$tmp/op-rows"
		echo
	fi

	if selected zombies; then
		status=$(status_of_keys zombies.0 "${zombie_counts[@]/#/zombies.}")
		[[ $status == ok ]] || failed_any=1
		echo "### waitpid over many zombies"
		echo
		echo "\`zombies K\` forks K children that exit at once, waits until all have" \
			"exited, prints a line, then reaps them with waitpid(pid), newest first." \
			"Per child at K: (time at K − time at 0) / K, for the whole run (fork, exit," \
			"reap) and for the reaping alone (from the line's arrival to the end of" \
			"the run, timed by the host: \`timeit -m\`); $zombie_runs repetitions," \
			"medians. Linear: the reaping time per child at $(commas "${zombie_counts[1]}")" \
			"is at most 1.5x that at $(commas "${zombie_counts[0]}") (a walk over the" \
			"remaining children in each waitpid makes it 2x; the host kernel's own" \
			"ratio shows how much of it is noise). Status: $status."
		echo
		echo "| children | taskbox µs per child: reap | whole run | qemu: reap | whole run | native (1 CPU): reap | whole run |"
		echo "|---|---:|---:|---:|---:|---:|---:|"
		for k in "${zombie_counts[@]}"; do
			row="| $(commas "$k")"
			for cfg in "${configs[@]}"; do
				row+=" | $(fmt '%.3g' "$(us "$tmp/zombies.$k.$cfg.reap")") | $(fmt '%.3g' "$(us "$tmp/zombies.$k.$cfg.all")")"
			done
			echo "$row |"
		done
		row="| growth, $(commas "${zombie_counts[1]}") / $(commas "${zombie_counts[0]}")"
		for cfg in "${configs[@]}"; do
			for st in reap all; do
				row+=" | $(fmt '%sx' "$(ratio "$(us "$tmp/zombies.${zombie_counts[1]}.$cfg.$st")" "$(us "$tmp/zombies.${zombie_counts[0]}.$cfg.$st")")")"
			done
		done
		echo "$row |"
		echo
		tz=$([[ $status == ok ]] && ratio "$(us "$tmp/zombies.${zombie_counts[1]}.taskbox.reap")" "$(us "$tmp/zombies.${zombie_counts[0]}.taskbox.reap")")
		val[zombies]=$tz
	fi

	if selected sleepers; then
		status=$(status_of_keys sleepers)
		[[ $status == ok ]] || failed_any=1
		echo "### Memory per sleeping forked process"
		echo
		echo "\`sleepers $sleepers_k\` forks $sleepers_k children that block in read()" \
			"on a pipe, then $sleepers_k more; the host samples its memory with" \
			"$sleepers_k and with $((2 * sleepers_k)) children asleep, in the same run," \
			"and divides the difference by $sleepers_k. Process memory: the summed Pss of" \
			"the benchmark's host processes (/proc/PID/smaps_rollup; for taskbox, one" \
			"process, this is its RSS). Host kernel: for taskbox its page tables" \
			"(VmPTE), as it makes no host process per guest process; for qemu and" \
			"native, where each guest process is a host process, the machine's" \
			"Slab + KernelStack + PageTables (/proc/meminfo; other work on the machine" \
			"adds noise to it). Private dirty: the pages a sleeping child costs" \
			"beyond what it shares: for taskbox the guest pages it copied on write" \
			"(\`--stats\` \"pages copied\", runs with $sleepers_k and" \
			"$((2 * sleepers_k)) children), for native the Private_Dirty of the host" \
			"processes, for qemu the same, which is qemu's own memory as well as the" \
			"guest's. $mem_runs runs per configuration, medians, KiB per sleeping" \
			"process. Status: $status."
		echo
		echo "| KiB per sleeping process | taskbox | qemu | native |"
		echo "|---|---:|---:|---:|"
		local -A tot pd
		for cfg in "${configs[@]}"; do
			local p kk
			p=$(kib "$tmp/sleepers.$cfg.pss")
			kk=$(kib "$tmp/sleepers.$cfg.kern")
			tot[$cfg]=$(awk -v a="$p" -v b="$kk" 'BEGIN { if (a != "" && b != "") printf "%.1f", a + b }')
			if [[ $cfg == taskbox ]]; then
				pd[$cfg]=$(awk '{ printf "%.1f", $1 }' "$tmp/sleepers.taskbox.guestpd" 2>/dev/null)
			else
				pd[$cfg]=$(kib "$tmp/sleepers.$cfg.pd")
			fi
		done
		printf '| host memory, total | %s | %s | %s |\n' "$(fmt '%s' "${tot[taskbox]}")" \
			"$(fmt '%s' "${tot[qemu]}")" "$(fmt '%s' "${tot[native]}")"
		printf '| of which process memory (Pss) | %s | %s | %s |\n' \
			"$(fmt '%s' "$(kib "$tmp/sleepers.taskbox.pss")")" \
			"$(fmt '%s' "$(kib "$tmp/sleepers.qemu.pss")")" "$(fmt '%s' "$(kib "$tmp/sleepers.native.pss")")"
		printf '| of which host kernel | %s | %s | %s |\n' \
			"$(fmt '%s' "$(kib "$tmp/sleepers.taskbox.kern")")" \
			"$(fmt '%s' "$(kib "$tmp/sleepers.qemu.kern")")" "$(fmt '%s' "$(kib "$tmp/sleepers.native.kern")")"
		printf '| private dirty | %s | %s | %s |\n' "$(fmt '%s' "${pd[taskbox]}")" \
			"$(fmt '%s' "${pd[qemu]}")" "$(fmt '%s' "${pd[native]}")"
		local beyond=()
		for cfg in "${configs[@]}"; do
			beyond+=("$(awk -v a="${tot[$cfg]}" -v b="${pd[$cfg]}" 'BEGIN { if (a != "" && b != "") printf "%.1f", a - b }')")
		done
		printf '| beyond private dirty | %s | %s | %s |\n' "$(fmt '%s' "${beyond[0]}")" \
			"$(fmt '%s' "${beyond[1]}")" "$(fmt '%s' "${beyond[2]}")"
		echo
		val[sleepers]=$([[ $status == ok ]] && echo "${beyond[0]}")
	fi

	echo "### Bars"
	echo
	echo "| bar | measured | |"
	echo "|---|---:|---|"
	selected fork_exit &&
		echo "| fork+exit+wait >= 5x native (1 CPU) | $(fmt '%sx' "${val[fork_exit]}") | $(bar_mark "${val[fork_exit]}" '>=' 5) |"
	selected vfork_exec &&
		echo "| vfork+exec+wait >= 2x native (1 CPU) | $(fmt '%sx' "${val[vfork_exec]}") | $(bar_mark "${val[vfork_exec]}" '>=' 2) |"
	selected pipe_pingpong &&
		echo "| pipe round trip >= 5x native (1 CPU) | $(fmt '%sx' "${val[pipe_pingpong]}") | $(bar_mark "${val[pipe_pingpong]}" '>=' 5) |"
	selected sleepers &&
		echo "| host memory per sleeping forked process, beyond its private dirty pages, <= 32 KiB | $(fmt '%s KiB' "${val[sleepers]}") | $(bar_mark "${val[sleepers]}" '<=' 32) |"
	selected zombies &&
		echo "| reaping $(commas "${zombie_counts[1]}") zombies in linear time: reap time per child at $(commas "${zombie_counts[1]}") <= 1.5x that at $(commas "${zombie_counts[0]}") | $(fmt '%sx' "${val[zombies]}") | $(bar_mark "${val[zombies]}" '<=' 1.5) |"
	echo
}
