# shellcheck shell=bash disable=SC2154,SC2034
# shellcheck source=tests/helpers/perm.bash
source "${BASH_SOURCE[0]%/*}/perm.bash"

# Helpers for the fault tests (output_faults, input_faults, regex_faults,
# signals, security, stress): dropping privileges, measuring peak memory
# and elapsed time, and polling for a background process.  Load after
# helpers/common.

# have_time: GNU time (for the peak resident set size) is installed.
have_time()
{
	[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1
}

# peak_rss CMD...: run CMD with its stdout and stderr going to rss.out and
# rss.err, leave its peak resident set size in KB in $RSS_KB and return its
# exit status.  Needs have_time.
peak_rss()
{
	local st=0
	/usr/bin/time -f %M -o rss.kb "$@" >rss.out 2>rss.err || st=$?
	# GNU time writes "Command exited with non-zero status N" first.
	RSS_KB=$(tail -n 1 rss.kb)
	return "$st"
}

# assert_rss_below KB WHAT: the last peak_rss stayed under KB.
assert_rss_below()
{
	if ! [ "$RSS_KB" -lt "$1" ]; then
		printf '%s: peak RSS %s KB, expected < %s KB\n' "$2" "$RSS_KB" "$1"
		return 1
	fi
}

# now_ms: the time in milliseconds (for elapsed-time checks).
now_ms()
{
	echo $(($(date +%s%N) / 1000000))
}

# wait_for_file FILE SECONDS: wait until FILE is non-empty; false on timeout.
wait_for_file()
{
	local i
	for ((i = 0; i < $2 * 20; i++)); do
		[ -s "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

# end_within SECONDS PID: wait for the background PID to end, SIGKILL it
# after SECONDS (the test then fails on its status, 137); sets status.
end_within()
{
	local i
	for ((i = 0; i < $1 * 100; i++)); do
		kill -0 "$2" 2>/dev/null || break
		sleep 0.01
	done
	kill -KILL "$2" 2>/dev/null || true
	status=0
	wait "$2" || status=$?
}

# reap PID: kill PID (if it still runs) with SIGKILL and wait for it, so a
# failing test leaves no process behind.
reap()
{
	kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# cut_short_while_blocked FILE LINE_ERE ARGS...: run isogrep ARGS FILE with
# its output into a FIFO that is not read, so it blocks in write() with
# FILE mapped; truncate FILE; then read the rest.  The run must end with
# status 2 and "FILE: file shrank while it was read", and what came must be
# whole lines matching LINE_ERE (the first 1000 bytes are dropped unread).
cut_short_while_blocked()
{
	local file=$1 line=$2
	shift 2
	mkfifo out
	"$ISOGREP" "$@" "$file" >out 2>err &
	local pid=$!
	{
		head -c 1000 >/dev/null
		sleep 0.5
		truncate -s 0 "$file"
		cat >rest
	} <out
	local rc=0 odd
	wait "$pid" || rc=$?
	[ "$rc" -eq 2 ] || { echo "status $rc"; cat err; return 1; }
	grep -q "$file: file shrank while it was read" err || { cat err; return 1; }
	odd=$(tail -n +2 rest | grep -cvE "$line" || true)
	[ "$odd" = 0 ] || { echo "odd lines: $odd"; return 1; }
	[ "$(wc -l <rest)" -gt 1000 ] || { echo "only $(wc -l <rest) lines"; return 1; }
	[ "$(tail -c 1 rest | od -An -c | tr -d ' ')" = '\n' ]
}
