#!/usr/bin/env bats
# Live streams (issue 13): standard input searched as it arrives, with
# --line-buffered and --block-buffered; every option on standard input as
# on a file; --label; -m leaving a seekable standard input just after the
# last selected line, as GNU grep does; --crlf against ripgrep 15.2.

# status, output, stderr and lines are set by bats' `run`.
# shellcheck disable=SC2154

bats_require_minimum_version 1.5.0
load helpers/common

RG="$BATS_TEST_DIRNAME/../../shared/peers/rg"

need_rg()
{
	[ -x "$RG" ] || skip "ripgrep 15.2 not found at ../shared/peers/rg"
}

# wait_for FILE TEXT: wait until FILE holds a line TEXT; fail after 20 s.
# Not a timing test: the bound only keeps a broken build from hanging.
wait_for()
{
	local tries=0
	until command grep -qxF -- "$2" "$1" 2>/dev/null; do
		tries=$((tries + 1))
		if [ "$tries" -gt 400 ]; then
			printf 'never saw "%s" in %s; it holds:\n' "$2" "$1"
			cat "$1"
			return 1
		fi
		sleep 0.05
	done
}

# feed_slowly OUT ARGS...: isogrep ARGS reads the FIFO "in" and writes OUT;
# a writer sends a noise line and a matching line at a time and waits to
# see each match in OUT before it writes the next (the FIFO stays open all
# along, so isogrep cannot have seen the end).  Sets status to isogrep's.
feed_slowly()
{
	local out=$1 pid i w
	shift
	rm -f in
	mkfifo in
	"$ISOGREP" "$@" <in >"$out" 2>err &
	pid=$!
	# bats keeps descriptor 3 for itself: let bash pick one.
	exec {w}>in
	for i in 1 2 3; do
		printf 'noise %s\nERROR %s\n' "$i" "$i" >&"$w"
		# With -n (STREAM_NUMBERED) the match is line 2i.
		if ! wait_for "$out" "${STREAM_PREFIX-}${STREAM_NUMBERED:+$((2 * i)):}ERROR $i"; then
			exec {w}>&-
			kill "$pid" 2>/dev/null
			wait "$pid"
			return 1
		fi
	done
	printf 'last noise\n' >&"$w"
	exec {w}>&-
	status=0
	wait "$pid" || status=$?
}

@test "a FIFO written slowly: each match is out before the writer ends (--line-buffered)" {
	feed_slowly out --line-buffered ERROR
	assert_status 0
	run cat out
	assert_output $'ERROR 1\nERROR 2\nERROR 3'
	[ ! -s err ]
}

@test "a FIFO written slowly: standard input streams by default too" {
	feed_slowly out ERROR
	assert_status 0
	run cat out
	assert_output $'ERROR 1\nERROR 2\nERROR 3'
}

@test "a FIFO written slowly with -n, -o and -v keeps streaming" {
	STREAM_NUMBERED=1 feed_slowly out --line-buffered -n ERROR
	assert_status 0
	run cat out
	assert_output $'2:ERROR 1\n4:ERROR 2\n6:ERROR 3'
	feed_slowly out2 --line-buffered -o 'ERROR \d'
	assert_status 0
	run cat out2
	assert_output $'ERROR 1\nERROR 2\nERROR 3'
	feed_slowly out3 --line-buffered -v noise
	assert_status 0
	run cat out3
	assert_output $'ERROR 1\nERROR 2\nERROR 3'
}

@test "standard input among other paths still streams (parallel search)" {
	mkfile other.txt 'nothing here'
	STREAM_PREFIX='(standard input):' feed_slowly out --line-buffered \
	    ERROR - other.txt
	assert_status 0
	run cat out
	assert_output $'(standard input):ERROR 1\n(standard input):ERROR 2\n(standard input):ERROR 3'
}

@test "--block-buffered: the same lines, written at the end" {
	mkfifo in
	"$ISOGREP" --block-buffered ERROR <in >out &
	printf 'noise\nERROR 1\nERROR 2\n' >in
	wait $!
	run cat out
	assert_output $'ERROR 1\nERROR 2'
	command grep --line-buffered ERROR <<<$'noise\nERROR 1\nERROR 2' >want
	cmp out want
}

@test "--line-buffered output equals grep --line-buffered" {
	seq 1 20000 | sed 's/^/line /' >f
	run --separate-stderr "$ISOGREP" --line-buffered -n '7$' <f
	assert_status 0
	assert_no_stderr
	[ "$output" = "$(command grep --line-buffered -n '7$' <f)" ]
}

@test "a long stream of matches: memory stays bounded" {
	[ -x /usr/bin/time ] || skip "/usr/bin/time not found"
	# 108 MB of matching lines through a pipe, standard input among
	# other paths (the worker path): output goes out as it is made.
	mkfile empty.txt
	# (A sanitizer build holds freed memory in quarantine: keep it small.)
	yes 'ERROR a line of a long log' | head -n 4000000 |
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1" \
	    /usr/bin/time -f %M -o rss "$ISOGREP" ERROR - empty.txt | wc -l >n
	[ "$(cat n)" -eq 4000000 ]
	# Peak RSS in KiB: far below the 108 MB that went through.
	echo "peak RSS $(cat rss) KiB"
	[ "$(tail -n1 rss)" -lt 100000 ]
}

# --- every option on standard input ------------------------------------------

gen_log()
{
	awk 'BEGIN { for (i = 1; i <= 3000; i++)
		printf "%d %s id=%d\n", i, (i % 7 == 0 ? "ERROR disk" : (i % 5 == 0 ? "WARN cpu" : "INFO ok")), i * 13 % 1000 }' >log
}

@test "options on standard input give what they give on the file, and what grep gives" {
	gen_log
	local opts
	for opts in '' -v -c -vc -o -on -n -vn -m3 -vm3 -cm5 -l -L -q -i -w -x \
	    -nm2 -om4; do
		# shellcheck disable=SC2086
		want_file=$("$ISOGREP" -H $opts 'ERROR|id=1\d\b' log; echo "status $?")
		# shellcheck disable=SC2086
		got=$("$ISOGREP" -H --label log $opts 'ERROR|id=1\d\b' <log; echo "status $?")
		if [ "$got" != "$want_file" ]; then
			printf 'opts %s: stdin\n%s\nfile\n%s\n' "$opts" "$got" "$want_file" | head -20
			return 1
		fi
		# shellcheck disable=SC2086
		want_grep=$(command grep -P $opts 'ERROR|id=1\d\b' <log; echo "status $?")
		# shellcheck disable=SC2086
		got=$("$ISOGREP" $opts 'ERROR|id=1\d\b' <log; echo "status $?")
		if [ "$got" != "$want_grep" ]; then
			printf 'opts %s: isogrep\n%s\ngrep\n%s\n' "$opts" "$got" "$want_grep" | head -20
			return 1
		fi
		# The same through a pipe (not seekable, not mapped).
		# shellcheck disable=SC2086
		got=$(cat log | "$ISOGREP" $opts 'ERROR|id=1\d\b'; echo "status $?")
		if [ "$got" != "$want_grep" ]; then
			printf 'opts %s (pipe): isogrep\n%s\ngrep\n%s\n' "$opts" "$got" "$want_grep" | head -20
			return 1
		fi
	done
}

@test "--label names standard input, as grep --label" {
	mkfile f 'one ERROR' 'two'
	local opts
	for opts in -H -Hn -c -Hc -l -L -Hv; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" --label app.log $opts ERROR <f
		want=$(command grep --label app.log $opts ERROR <f)
		[ "$output" = "$want" ] || { echo "opts $opts"; show; echo "grep: $want"; return 1; }
	done
	# With another path, standard input is named by its label.
	mkfile g 'ERROR in g'
	run --separate-stderr "$ISOGREP" --label app.log ERROR - g <f
	assert_status 0
	assert_sorted_output $'app.log:one ERROR\ng:ERROR in g'
	assert_no_stderr
}

@test "--label names only standard input, not a file named on the command line" {
	mkfile f 'ERROR'
	run --separate-stderr "$ISOGREP" --label lbl -H ERROR f
	assert_status 0
	assert_output 'f:ERROR'
}

# --- -m on a seekable standard input ------------------------------------------

@test "-m1 leaves standard input after the selected line: { isogrep -m1; head -1; } < file" {
	seq 1 100 >f
	got=$({ "$ISOGREP" -m1 5; head -n1; } <f)
	want=$({ command grep -m1 5; head -n1; } <f)
	[ "$got" = "$want" ]
	[ "$got" = $'5\n6' ]
}

@test "-m leaves standard input as GNU grep does, with -v, -c, -n, -o" {
	seq 1 2000 | sed 's/^/row /' >f
	local opts
	for opts in -m1 -m3 -vm2 -cm4 -nm2 -om2 -m1000; do
		# shellcheck disable=SC2086
		got=$({ "$ISOGREP" $opts '1\d'; echo "rest: $(head -n2 | tr '\n' ' ')"; } <f)
		# shellcheck disable=SC2086
		want=$({ command grep -P $opts '1\d'; echo "rest: $(head -n2 | tr '\n' ' ')"; } <f)
		if [ "$got" != "$want" ]; then
			printf 'opts %s\nisogrep: %s\ngrep: %s\n' "$opts" "$got" "$want"
			return 1
		fi
	done
}

@test "a while-read loop over isogrep -m1 takes one match per turn, as grep" {
	awk 'BEGIN { for (i = 1; i <= 50; i++) print (i % 10 == 0 ? "hit " i : "miss " i) }' >f
	got=$(while "$ISOGREP" -m1 hit; do :; done <f)
	want=$(while command grep -m1 hit; do :; done <f)
	[ "$got" = "$want" ]
	[ "$(printf '%s\n' "$got" | wc -l)" -eq 5 ]
}

@test "a standard input read partly before: searched from where it stands" {
	# Over 1 MiB, so that a whole file would be mapped.
	awk 'BEGIN { for (i = 1; i <= 200000; i++) printf "line %d\n", i }' >big
	got=$({ head -n 100000 >/dev/null; "$ISOGREP" -n -m2 '^line \d+7$'; } <big)
	want=$({ head -n 100000 >/dev/null; command grep -P -n -m2 '^line \d+7$'; } <big)
	[ "$got" = "$want" ]
	got=$({ head -n 100000 >/dev/null; "$ISOGREP" -c 'line 1'; } <big)
	want=$({ head -n 100000 >/dev/null; command grep -c 'line 1'; } <big)
	[ "$got" = "$want" ]
}

@test "-m on a last line without a newline leaves standard input at its end" {
	mkbytes f 'a\nhit\nb\nhit'
	got=$({ "$ISOGREP" -m2 hit; echo "rest: $(cat)"; } <f)
	want=$({ command grep -m2 hit; echo "rest: $(cat)"; } <f)
	[ "$got" = "$want" ]
}

# --- --crlf against ripgrep 15.2 ---------------------------------------------

crlf_file()
{
	mkbytes c 'abc\r\nxbc\r\nab\r\n\r\nq\nfoo bar\r\nbar foo\r\n \r\n'
}

@test "--crlf: ^ and \$ see CRLF as one line end, printed lines keep their CR (rg 15.2)" {
	need_rg
	crlf_file
	local p
	for p in 'c$' '^x' '^$' 'b.$' '[^a]$' '\s$' '^.*$' 'o$' '^\s*$' \
	    '\w+$' 'bar$' '^bar' 'foo$' 'b$' '.$'; do
		got=$("$ISOGREP" --crlf -n -- "$p" c | od -c)
		want=$("$RG" --no-config --crlf -n -- "$p" c | od -c)
		if [ "$got" != "$want" ]; then
			printf 'pattern %s\nisogrep:\n%s\nrg:\n%s\n' "$p" "$got" "$want"
			return 1
		fi
	done
}

@test "--crlf with -v, -c, -x, -w, -F and on standard input (rg 15.2)" {
	need_rg
	crlf_file
	local opts
	for opts in -v -x -w -F -i -vn; do
		# shellcheck disable=SC2086
		got=$("$ISOGREP" --crlf $opts -- 'bar' c | od -c)
		# shellcheck disable=SC2086
		want=$("$RG" --no-config --crlf $opts -- 'bar' c | od -c)
		[ "$got" = "$want" ] || { printf 'opts %s\n%s\n%s\n' "$opts" "$got" "$want"; return 1; }
	done
	# -c: the same counts, each ended by CRLF as rg --crlf ends it.
	got=$("$ISOGREP" --crlf -c 'c$' <c | od -c)
	want=$("$RG" --no-config --crlf -c 'c$' <c | od -c)
	[ "$got" = "$want" ]
	got=$("$ISOGREP" --crlf 'x.*c$' <c | od -c)
	want=$("$RG" --no-config --crlf 'x.*c$' <c | od -c)
	[ "$got" = "$want" ]
}

@test "--crlf: every record written ends in CRLF, byte for byte as rg 15.2" {
	need_rg
	crlf_file
	mkbytes d/a 'foo\r\nx\r\ny\r\nz\r\nfoo\r\n'
	mkbytes d/b 'last foo'
	local p opts
	for p in 'b.*' '.$' '\w+$' '\S+'; do
		got=$("$ISOGREP" --crlf -o -- "$p" c | od -c)
		want=$("$RG" --no-config --crlf -o -- "$p" c | od -c)
		[ "$got" = "$want" ] || { printf 'pattern %s\n%s\n--\n%s\n' "$p" "$got" "$want"; return 1; }
	done
	# -l, -c, context separators, a last line without its newline,
	# --vimgrep, -b, colors.
	for opts in -l -c '-c -H' -n '-C1 -n' -A1 --vimgrep '-o -b' \
	    '--color=always -n' --passthru; do
		# shellcheck disable=SC2086
		got=$("$ISOGREP" --sort path --crlf $opts foo d | od -c)
		# shellcheck disable=SC2086
		want=$("$RG" --no-config --sort path --crlf $opts foo d | od -c)
		[ "$got" = "$want" ] || { printf 'opts %s\n%s\n--\n%s\n' "$opts" "$got" "$want"; return 1; }
	done
}

@test "without --crlf, \$ does not match before a CR (as rg 15.2)" {
	need_rg
	crlf_file
	got=$("$ISOGREP" -n 'c$' c | od -c)
	want=$("$RG" --no-config -n 'c$' c | od -c)
	[ "$got" = "$want" ]
}

@test "a big file on standard input (split across workers): the same as grep, offset left at its end" {
	# Over SPLIT_MIN (32 MiB): searched in segments by several workers.
	awk 'BEGIN { for (i = 1; i <= 1200000; i++)
		printf "%07d %s\n", i, (i % 9973 == 0 ? "ERROR found here" : "nothing to see in this line") }' >big
	got=$({ "$ISOGREP" -j2 -n 'ERROR \w+'; echo "left: $(wc -c)"; } <big)
	want=$({ command grep -n 'ERROR \w*'; echo "left: $(wc -c)"; } <big)
	[ "$got" = "$want" ]
	got=$("$ISOGREP" -j2 -c --label big.log -H ERROR <big)
	[ "$got" = "big.log:$(command grep -c ERROR big)" ]
	# Read partly before: searched from where it stands.
	got=$({ head -c 1000000 >/dev/null; "$ISOGREP" -j2 -n ERROR; } <big)
	want=$({ head -c 1000000 >/dev/null; command grep -n ERROR; } <big)
	[ "$got" = "$want" ]
}
