#!/usr/bin/env bats
# Signals and hostile names: SIGINT and SIGTERM end a search within a
# second with only whole lines written, also into a pipe whose reader lags
# or never reads; control characters in names and lines never reach a
# terminal raw; names with newlines stay unambiguous with -0; a file named
# like an option is searched after --.  Issues 4 and 10.

# status, output, stderr and lines are set by bats' `run`.
# shellcheck disable=SC2154

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/faults

# slow_tree: 200 files of 40 lines: 20 selected lines "match fN I" and 20
# lines of 25 a's and a '!' on which '(a|aa)+\b$' fails after about 10^5
# steps (Fibonacci), so a search takes seconds, not milliseconds.  (The \b
# changes no answer; it keeps the pattern from the ASCII DFA, src/match/dfa.c,
# which would decide these lines at once.)
slow_tree()
{
	awk 'BEGIN {
		a = "aaaaaaaaaaaaaaaaaaaaaaaaa!"
		system("mkdir -p t")
		for (f = 0; f < 200; f++) {
			p = sprintf("t/f%d", f)
			for (i = 0; i < 40; i++)
				print (i % 2 == 0 ? "match f" f " " i : a) > p
			close(p)
		}
	}'
}

SLOW_RE='^match|(a|aa)+\b$'

# interrupt SIG: start isogrep on the slow tree in the background, wait
# for its first output, send SIG and wait for the end.  Sets status and
# elapsed (ms from the signal to the end).
interrupt()
{
	local pid t0 t1
	# A background job starts with SIGINT ignored; a user's ^C reaches a
	# foreground process with the default action.  Restore it if env can.
	if env --default-signal=INT true 2>/dev/null; then
		env --default-signal=INT "$ISOGREP" -j 2 "$SLOW_RE" t >out 2>err &
	else
		"$ISOGREP" -j 2 "$SLOW_RE" t >out 2>err &
	fi
	pid=$!
	if ! wait_for_file out 20; then
		reap "$pid"
		echo "no output within 20 s"
		return 1
	fi
	t0=$(now_ms)
	kill -"$1" "$pid"
	end_within 5 "$pid"
	t1=$(now_ms)
	elapsed=$((t1 - t0))
}

# assert_whole_lines: every line of out is one the search could print.
assert_whole_lines()
{
	local bad
	bad=$(grep -cvE '^t/f([0-9]+):match f\1 [0-9]+$' out) || true
	if [ "$bad" -ne 0 ]; then
		echo "$bad broken lines in the output:"
		grep -vE '^t/f([0-9]+):match f\1 [0-9]+$' out | head -n 5
		return 1
	fi
	# The file ends with a newline: no line was cut.
	[ "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\n' ]
}

@test "SIGINT during a search: ends within a second, exit 130, whole lines" {
	slow_tree
	interrupt INT
	[ "$status" -eq 130 ] || { echo "exit status $status"; cat err; false; }
	[ "$elapsed" -lt 1000 ] || { echo "took $elapsed ms after SIGINT"; false; }
	assert_whole_lines
	# It did stop early: far fewer than the 4,000 selected lines.
	[ "$(wc -l <out)" -lt 4000 ]
}

@test "SIGTERM during a search: ends within a second, exit 143, whole lines" {
	slow_tree
	interrupt TERM
	[ "$status" -eq 143 ] || { echo "exit status $status"; cat err; false; }
	[ "$elapsed" -lt 1000 ] || { echo "took $elapsed ms after SIGTERM"; false; }
	assert_whole_lines
	[ "$(wc -l <out)" -lt 4000 ]
}

# term_one_file ARGS...: start isogrep ARGS (one file) in the background,
# send SIGTERM after half a second: exit 143 within a second, whole lines.
term_one_file()
{
	"$ISOGREP" "$@" >out 2>err &
	local pid=$! t0 t1
	# Output to a file is written 64 KiB at a time: there may be none yet.
	sleep 0.5
	t0=$(now_ms)
	kill -TERM "$pid"
	end_within 5 "$pid"
	t1=$(now_ms)
	[ "$status" -eq 143 ] || { echo "exit status $status"; cat err; return 1; }
	[ $((t1 - t0)) -lt 1000 ] || { echo "took $((t1 - t0)) ms"; return 1; }
	if grep -vE '^match f[0-9]+ [0-9]+$' out; then
		echo "broken lines in the output"
		return 1
	fi
	[ ! -s out ] || [ "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\n' ]
}

@test "SIGTERM during a search of one file (the direct path)" {
	slow_tree
	cat t/* >one
	term_one_file "$SLOW_RE" one
}

@test "SIGTERM during a big file split across workers" {
	slow_tree
	# Over split.h's SPLIT_MIN (32 MiB): searched in segments by -j 2.
	for i in $(seq 1 230); do cat t/*; done >big
	[ "$(stat -c %s big)" -gt 33554432 ]
	term_one_file -j 2 "$SLOW_RE" big
}

# --- a signal while the output pipe is full --------------------------------------------

# start_bg ARGS...: isogrep ARGS in the background, its pid in $pid, with
# SIGINT at its default action (a background job starts with it ignored,
# a user's ^C reaches a foreground process with the default action).
start_bg()
{
	if env --default-signal=INT true 2>/dev/null; then
		env --default-signal=INT "$ISOGREP" "$@" &
	else
		"$ISOGREP" "$@" &
	fi
	pid=$!
}

# late_reader SIG DELAY ARGS...: isogrep ARGS writes into a pipe that is
# read only DELAY seconds after the start, into out (as in `isogrep ARGS |
# (sleep DELAY; cat >out)`); SIG comes at 0.5 s, while isogrep is blocked
# in write().  Sets status (isogrep's).
late_reader()
{
	local sig=$1 delay=$2 reader
	shift 2
	rm -f pipe out
	mkfifo pipe
	{ sleep "$delay"; cat >out; } <pipe &
	reader=$!
	start_bg "$@" >pipe 2>err
	sleep 0.5
	kill -"$sig" "$pid"
	end_within 5 "$pid"
	wait "$reader"
}

# assert_numbered_lines [PREFIX]: out is non-empty and holds only whole
# lines "PREFIXN:N" of isogrep -n '3$' over seq's numbers (line N holds N).
assert_numbered_lines()
{
	[ -s out ] || { echo "no output"; return 1; }
	if grep -vE "^${1-}([0-9]*3):\\1\$" out | head -n 3 | grep .; then
		echo "broken lines in the output ($(wc -c <out) bytes)"
		return 1
	fi
	[ "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\n' ] ||
		{ echo "the last line is cut: $(tail -c 20 out)"; return 1; }
}

@test "a signal while the reader of a pipe lags: it reads whole lines only" {
	seq 1 300000 >f
	local try sig want
	# The reader reads after the exit; several tries, with both signals.
	for try in 1 2 3 4; do
		if [ $((try % 2)) -eq 1 ]; then sig=INT want=130; else sig=TERM want=143; fi
		late_reader "$sig" 1 -n '3$' f
		[ "$status" -eq "$want" ] ||
			{ echo "try $try, SIG$sig: status $status"; cat err; return 1; }
		assert_numbered_lines || { echo "try $try, SIG$sig"; return 1; }
	done
	# A directory: the printer isolate writes.
	mkdir d
	mv f d/f
	late_reader TERM 1 -n '3$' d
	[ "$status" -eq 143 ] || { echo "a walk: status $status"; cat err; return 1; }
	assert_numbered_lines d/f: || { echo "a walk"; return 1; }
}

@test "SIGTERM with a reader that never reads: a prompt exit, whole lines in the pipe" {
	seq 1 300000 >f
	mkfifo pipe
	# The test holds the pipe open for reading and writing: never EOF,
	# never a closed reader, and nothing read until isogrep is gone.
	local try t0 t1 fd
	exec {fd}<>pipe
	for try in 1 2 3; do
		start_bg -n '3$' f >pipe 2>err
		sleep 0.5
		t0=$(now_ms)
		kill -TERM "$pid"
		end_within 5 "$pid"
		t1=$(now_ms)
		[ "$status" -eq 143 ] || { echo "try $try: status $status"; cat err; return 1; }
		[ $((t1 - t0)) -lt 1000 ] || { echo "try $try: took $((t1 - t0)) ms"; return 1; }
		# Drain what the pipe holds (cat would wait for more: cut it off).
		timeout 0.5 cat <&"$fd" >out || true
		assert_numbered_lines || { echo "try $try"; return 1; }
	done
	exec {fd}<&-
}

@test "a signal while a line longer than PIPE_BUF is written: the line is finished" {
	# Lines of 10,000 bytes: more than one write each.  The reader starts
	# 0.2 s after the signal, within the time a started line is given.
	local x
	x=$(head -c 10000 /dev/zero | tr '\0' x)
	seq 1 300 | sed "s/\$/ $x/" >f
	late_reader TERM 0.7 x f
	[ "$status" -eq 143 ] || { echo "status $status"; cat err; return 1; }
	[ -s out ] || { echo "no output"; return 1; }
	if grep -vE "^[0-9]+ $x\$" out | cut -c 1-40 | grep .; then
		echo "broken lines in the output ($(wc -c <out) bytes)"
		return 1
	fi
	[ "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\n' ]
}

@test "a signal while --files -0 writes to a lagging pipe: whole NUL-ended names" {
	mkdir d
	# 170 KB of names (17 bytes each): more than a pipe holds.
	(cd d && seq -f 'name-%09g' 1 10000 | xargs touch)
	late_reader TERM 1.5 --files -0 d
	[ "$status" -eq 143 ] || { echo "status $status"; cat err; return 1; }
	[ -s out ] || { echo "no output"; return 1; }
	if tr '\0' '\n' <out | grep -vE '^d/name-[0-9]{9}$' | head -n 3 | grep .; then
		echo "broken names in the output"
		return 1
	fi
	[ "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\0' ]
}

# --- control characters ------------------------------------------------------------

@test "a terminal sees ^[ for ESC in names and lines; a pipe gets the raw bytes" {
	command -v script >/dev/null || skip "script (util-linux) is not available"
	script -qec true /dev/null >/dev/null 2>&1 || skip "script cannot make a terminal here"
	local name=$'a\033[31mx'
	mkdir d
	printf 'hit \033]0;title\007 end\n' >"d/$name"
	mkfile d/plain 'hit plain'
	cd d
	# To a terminal (script gives the command one): ESC and BEL made visible.
	# (Colors, headings and numbers off here: terminal.bats tests those.)
	script -qec "\"$ISOGREP\" --color=never --no-heading -N hit ." /dev/null >../tty.out </dev/null
	tr -d '\r' <../tty.out | sorted >../got
	printf '%s\n' './a^[[31mx:hit ^[]0;title^G end' './plain:hit plain' >../want
	cmp ../got ../want || { cat -v ../got; false; }
	if grep -q $'\033' ../tty.out; then
		echo "a raw ESC reached the terminal"
		false
	fi
	# -l, --files and -c name the file visibly too.
	script -qec "\"$ISOGREP\" --color=never -l hit ." /dev/null >../tty.out </dev/null
	[ "$(tr -d '\r' <../tty.out | sorted)" = $'./a^[[31mx\n./plain' ] || { cat -v ../tty.out; false; }
	script -qec "\"$ISOGREP\" --files ." /dev/null >../tty.out </dev/null
	[ "$(tr -d '\r' <../tty.out | sorted)" = $'./a^[[31mx\n./plain' ] || { cat -v ../tty.out; false; }
	# One file, the direct path: the line itself, and its name with -H.
	script -qec "\"$ISOGREP\" --color=never -N hit a*" /dev/null >../tty.out </dev/null
	[ "$(tr -d '\r' <../tty.out)" = 'hit ^[]0;title^G end' ] || { cat -v ../tty.out; false; }
	script -qec "\"$ISOGREP\" --color=never -Hc hit a*" /dev/null >../tty.out </dev/null
	[ "$(tr -d '\r' <../tty.out)" = 'a^[[31mx:1' ] || { cat -v ../tty.out; false; }
	# To a pipe: byte for byte.
	"$ISOGREP" hit . | sorted >../got
	printf '%s\n' "./$name:hit "$'\033]0;title\007'" end" './plain:hit plain' >../want
	cmp ../got ../want
	"$ISOGREP" -l hit . | sorted >../got
	printf '%s\n' "./$name" './plain' >../want
	cmp ../got ../want
}

@test "a missing file whose name holds ESC: the message shows ^[, never the raw byte" {
	run --separate-stderr "$ISOGREP" x $'miss\033[2Jing'
	assert_status 2
	assert_stderr 'isogrep: miss^[[2Jing: No such file or directory'
	# Also in a walk (an unreadable entry) and for a binary file.
	mkbytes $'bin\033]0;t\007' 'x\0\n'
	run --separate-stderr "$ISOGREP" x $'bin\033]0;t\007'
	assert_status 0
	assert_stderr 'isogrep: bin^[]0;t^G: binary file matches'
	case $stderr in
	*$'\033'* | *$'\007'*) echo "raw control bytes on stderr"; false ;;
	esac
}

@test "names with newlines: -l -0 and --files -0 are NUL-separated, unambiguous" {
	mkfile $'t/a\nb' x
	mkfile t/a x
	mkfile t/b x
	mkfile t/c y
	mkfile $'t/d\n' x
	(cd t && "$ISOGREP" -l -0 x . >../got)
	# NUL-separated records, compared sorted.
	sort -z got | od -An -c >got.txt
	printf './a\0./a\nb\0./b\0./d\n\0' | sort -z | od -An -c >want.txt
	cmp got.txt want.txt || { cat got.txt want.txt; false; }
	[ "$(tr -cd '\0' <got | wc -c)" -eq 4 ]
	(cd t && "$ISOGREP" --files -0 . >../got)
	[ "$(tr -cd '\0' <got | wc -c)" -eq 5 ]
	sort -z got | tr '\0' '\n' >got.txt
	printf './a\n./a\nb\n./b\n./c\n./d\n\n' >want.txt
	cmp got.txt want.txt
	# -c -0 puts a NUL after the name.
	(cd t && "$ISOGREP" -c -0 x $'a\nb' a >../got)
	printf 'a\nb\0001\na\0001\n' >want
	[ "$(sort got)" = "$(sort want)" ] || { od -c got; false; }
}

@test "a file named -x is searched after --" {
	mkfile ./-x 'x in dash-x'
	mkfile ./-n 'x in dash-n'
	run --separate-stderr "$ISOGREP" -- x -x
	assert_status 0
	assert_output 'x in dash-x'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -e x -- -x -n
	assert_status 0
	assert_sorted_output $'-x:x in dash-x\n-n:x in dash-n'
	# Without --, -x is the option (whole line): no pattern given.
	run --separate-stderr "$ISOGREP" -x </dev/null
	assert_status 2
	# A pattern that starts with a dash, after -e or --.
	mkfile f '-v here' 'plain'
	run --separate-stderr "$ISOGREP" -e -v f
	assert_status 0
	assert_output '-v here'
	run --separate-stderr "$ISOGREP" -- -v f
	assert_status 0
	assert_output '-v here'
}
