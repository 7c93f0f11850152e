# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # shares variables and functions with bench/run
# bench/signal.sh: the signal benchmarks, sourced by bench/run after
# bench/lifecycle.sh (it uses bench/run's run_once, median, fmt, bar_mark, ...
# and lifecycle.sh's op_keys, pair_diff, cfg_ok, status_of_keys, us, us_range
# and ratio).
#
# The programs are bench/workloads/sig_pingpong.c, sig_handler.c,
# futex_pingpong.c and kill_pgrp.c, built like the other workloads (riscv64:
# riscv64-linux-gnu-gcc -static -O2; native: cc -O2) and run under taskbox,
# under qemu-riscv64 and on the host kernel pinned to one CPU (taskset -c 0),
# interleaved, timed from the host (guest clocks are virtual). The method is
# the lifecycle one: each program runs with N and with 2N iterations, the
# difference of the two wall times over N is the time of one iteration
# without start-up and exit; each repetition (BENCH_LIFE_RUNS, N and 2N back
# to back) gives one difference, the tables show the median. The programs
# print nothing: a run is good when it exits 0 with empty output (each checks
# that every signal or wake-up it waited for arrived, once).
#
#   sig_pingpong N   two processes pass a signal back and forth N times
#                    (kill, sigsuspend, handler; SIGUSR1 one way, SIGUSR2 back)
#   sig_handler N    N times, tgkill() of the calling thread, delivered to a
#                    handler and back through rt_sigreturn
#   futex_pingpong N two processes pass a turn back and forth N times through
#                    a futex word in shared anonymous memory (FUTEX_WAIT/WAKE)
#   kill_pgrp N      N times, kill(-pgid, SIGUSR1) of a group of 64 children
#                    waiting in sigwaitinfo(), and each child's one-byte
#                    acknowledgement on a pipe before the next kill

# key | N for taskbox | N for qemu | N for native | label.
# Sizes: the N run takes 0.2-0.6 s in each configuration (2 CPUs, 2026-11:
# native 9-12 and 3-5 µs per iteration, qemu 15-20 and 5-7 µs, taskbox with the
# new signal core 1-1.4 and 0.2-0.4 µs). Unpinned, the two processes of
# sig_pingpong on two CPUs cost several times more (native about 60 µs, qemu
# up to 85 µs: cross-CPU wake-ups), so qemu's round trip is noisy.
# kill_pgrp (busy machine): taskbox 50-120 µs a kill, native 0.6-0.8 ms,
# qemu about 0.6 ms but noisy (64 unpinned host processes on 2 CPUs: with
# other work running, one repetition can even come out negative).
signal_ops=(
	"sig_pingpong|200000|20000|50000|signal round trip (kill, sigsuspend, handler; 2 processes)"
	"sig_handler|1000000|50000|100000|signal to self (tgkill), handler and sigreturn"
	"futex_pingpong|200000|20000|50000|futex wake round trip (shared word; 2 processes)"
	"kill_pgrp|4000|400|800|kill of a 64-process group (one kill(-pgid), 64 sigwaitinfo() wake-ups and pipe acks)"
)
signal_keys="sig_pingpong sig_handler futex_pingpong kill_pgrp"

measure_signal() {
	local op key nt nq nn label i cfg n k
	signal_load_before=$(cut -d ' ' -f 1 /proc/loadavg)
	for op in "${signal_ops[@]}"; do
		IFS='|' read -r key nt nq nn label <<<"$op"
		selected "$key" || continue
		log "$key: $life_runs runs each of taskbox (N=$nt), qemu (N=$nq), native (N=$nn) with N and 2N"
		for ((i = 1; i <= life_runs; i++)); do
			for cfg in "${configs[@]}"; do
				n=$(op_n "$cfg")
				cfg_ok "$key.$n" "$key.$((2 * n))" "$cfg" || continue
				run_once "$key.$n" "$cfg" "$key" "$n"
				run_once "$key.$((2 * n))" "$cfg" "$key" "$((2 * n))"
			done
		done
		# The programs print nothing, at any N: no native run to compare with.
		while read -r k; do
			for cfg in "${configs[@]}"; do
				[[ -s $tmp/$k.$cfg.out && ! -e $tmp/$k.$cfg.failed ]] &&
					fail "$k" "$cfg" "printed output: $(head -n 1 "$tmp/$k.$cfg.out" | cut -c1-160)"
			done
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
	signal_load_after=$(cut -d ' ' -f 1 /proc/loadavg)
}

# signal_cell KEY CFG FORMAT VALUE: "failed" when CFG failed at KEY's N or 2N,
# else VALUE in FORMAT (or "—").
signal_cell() {
	local key=$1 cfg=$2 n
	n=$(op_n "$cfg")
	if [[ -e $tmp/$key.$n.$cfg.failed || -e $tmp/$key.$((2 * n)).$cfg.failed ]]; then
		echo "failed"
	else
		fmt "$3" "$4"
	fi
}

report_signal() {
	local op key nt nq nn label t q nat status
	local -A val
	echo "## Signals"
	echo
	if [[ -z ${header_done:-} ]]; then
		header_lines
	else
		echo "- Same command, machine and versions as above."
	fi
	echo "- Method: as for the process lifecycle: each program runs with N and 2N" \
		"iterations, and the difference of the two wall times over N is the time of" \
		"one iteration; $life_runs repetitions per configuration, interleaved" \
		"(taskbox, qemu, native, taskbox, ...); the tables show medians." \
		"Programs: bench/workloads/sig_pingpong.c (two processes pass SIGUSR1 and" \
		"SIGUSR2 back and forth: kill, sigsuspend, an empty handler, with both" \
		"signals blocked outside sigsuspend), bench/workloads/sig_handler.c" \
		"(tgkill of the calling thread, delivered to an empty handler and back" \
		"through rt_sigreturn), futex_pingpong.c (a turn passed back and forth" \
		"through a futex word in shared memory) and kill_pgrp.c (kill(-pgid) of" \
		"64 children waiting in sigwaitinfo(), each of which acknowledges on a" \
		"pipe before the next kill), built like the other workloads. Native runs on" \
		"the host kernel pinned to one CPU (\`taskset -c 0\`); taskbox and" \
		"qemu-riscv64 are not pinned. Ratios are native or qemu time over taskbox" \
		"time: above 1x, taskbox is faster. \"failed\": that configuration's runs" \
		"failed (see the status column)."
	echo "- Load average (1 minute) of the machine before and after the signal runs:" \
		"${signal_load_before:-?} and ${signal_load_after:-?}, on $(nproc) CPUs."
	echo
	echo "| operation | taskbox µs | qemu µs | native µs (1 CPU) | taskbox vs native | taskbox vs qemu | status |"
	echo "|---|---:|---:|---:|---:|---:|---|"
	: >"$tmp/signal-rows"
	for op in "${signal_ops[@]}"; do
		IFS='|' read -r key nt nq nn label <<<"$op"
		selected "$key" || continue
		op_result
		printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" \
			"$(signal_cell "$key" taskbox '%.3g' "$t")" "$(signal_cell "$key" qemu '%.3g' "$q")" \
			"$(signal_cell "$key" native '%.3g' "$nat")" \
			"$(fmt '%sx' "$(ratio "$nat" "$t")")" "$(fmt '%sx' "$(ratio "$q" "$t")")" "$status"
		printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$nt" "$nq" "$nn" \
			"$(us_range "$tmp/$key.taskbox.op")" "$(us_range "$tmp/$key.qemu.op")" \
			"$(us_range "$tmp/$key.native.op")" >>"$tmp/signal-rows"
	done
	echo
	echo "Each configuration's N (its programs run with N and 2N: \`sig_pingpong N\`, ...)" \
		"and the range of the per-iteration times over the repetitions:"
	echo
	echo "| operation | taskbox N | qemu N | native N | taskbox min–max µs | qemu min–max µs | native min–max µs |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	cat "$tmp/signal-rows"
	echo
	if selected sig_pingpong; then
		echo "### Bars"
		echo
		echo "| bar | measured | |"
		echo "|---|---:|---|"
		echo "| signal round trip >= 5x native (1 CPU) | $(fmt '%sx' "${val[sig_pingpong]}") | $(bar_mark "${val[sig_pingpong]}" '>=' 5) |"
		echo
	fi
}
