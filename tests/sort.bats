#!/usr/bin/env bats
# --sort=path in bounded memory (issue 9): results that arrive before
# their turn are held only up to a budget (src/pipeline/collector.c), after which
# the workers and the walk wait for the printer; a long output is sent in
# parts as it is made.  Whatever the waiting, the output is the unsorted
# output in path order.  The Makefile also runs this file under
# ThreadSanitizer, where peak memory means nothing and is not checked.

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/faults

# by_path: standard input (PATH:... lines) in path order, each path's lines
# kept in their order.  Component order is byte order here: no name below
# holds a byte that sorts before '/'.
by_path()
{
	LC_ALL=C sort -s -t: -k1,1
}

# sanitized: the binary under test is a sanitizer build.
sanitized()
{
	case $ISOGREP in */asan/* | */tsan/*) return 0 ;; esac
	return 1
}

# small_files DIR N LINES: N files in 100 directories under DIR, each of
# LINES lines "needle I line L".
small_files()
{
	mkdir -p "$1"
	(cd "$1" && awk -v n="$2" -v lines="$3" 'BEGIN {
		for (d = 0; d < 100; d++)
			system("mkdir -p d" d)
		for (i = 0; i < n; i++) {
			f = sprintf("d%d/f%d", i % 100, i)
			for (l = 0; l < lines; l++)
				print "needle " i " line " l " of a small file" > f
			close(f)
		}
	}')
}

@test "--sort=path -j2: a slow big first file, 20,000 files after it: under 64 MiB, in path order" {
	have_time || skip "GNU time is not installed"
	# Every line of the big file holds "needle " (so the prefilter stops
	# on each) and none matches: it is searched for a good while, and
	# all the later results arrive ahead of its turn, 60 MB of them.
	mkdir -p t/aaa
	yes 'needle x: a near miss that the regex engine rejects' |
	    head -c "$(sanitized && echo 20M || echo 300M)" >t/aaa/big
	small_files t 20000 64
	local st=0
	peak_rss "$ISOGREP" -j2 --sort=path -n 'needle \d' t || st=$?
	[ "$st" -eq 0 ] || { echo "exit status $st"; cat rss.err; false; }
	[ ! -s rss.err ] || { cat rss.err; false; }
	sanitized || assert_rss_below 65536 '--sort=path -j2'
	"$ISOGREP" -j2 -n 'needle \d' t >unsorted
	[ "$(wc -l <unsorted)" -eq 1280000 ]
	by_path <unsorted | cmp - rss.out
	# -c and -l name every file first: the same order.
	run --separate-stderr "$ISOGREP" -j2 --sort=path -c 'needle \d' t
	assert_status 0
	assert_no_stderr
	[ "${lines[0]}" = 't/aaa/big:0' ]
	[ "$output" = "$("$ISOGREP" -j2 -c 'needle \d' t | by_path)" ]
	run --separate-stderr "$ISOGREP" -j2 --sort=path -l 'needle \d' t
	assert_status 0
	assert_no_stderr
	[ "${#lines[@]}" -eq 20000 ]
	[ "$output" = "$("$ISOGREP" -j2 -l 'needle \d' t | by_path)" ]
}

@test "--sort=path -j2: a first file with 100 MB of output is streamed, not held" {
	have_time || skip "GNU time is not installed"
	mkdir -p t/aaa
	yes 'needle 0 a matching line' |
	    head -c "$(sanitized && echo 10M || echo 100M)" >t/aaa/big
	small_files t 2000 4
	/usr/bin/time -f %M -o rss.kb "$ISOGREP" -j2 --sort=path -n 'needle \d' t \
	    2>err | cksum >got
	[ "${PIPESTATUS[0]}" -eq 0 ] || { tail -n 2 rss.kb; cat err; false; }
	[ ! -s err ] || { cat err; false; }
	RSS_KB=$(tail -n 1 rss.kb)
	sanitized || assert_rss_below 65536 'a first file with 100 MB of output'
	"$ISOGREP" -j2 -n 'needle \d' t | by_path | cksum >want
	cmp want got
}

@test "--sort=path: a file of many parts among others, -j1, -j2 and -j8 alike" {
	# Outputs over 64 KiB go out in parts; here several such files are
	# searched at once, their parts ahead of their turn held in order.
	small_files t 300 3
	for i in 5 50 150 250; do
		yes "needle $i a longer matching line to fill the parts" |
		    head -n 20000 >"t/d$((i % 100))/f$i"
	done
	"$ISOGREP" -j2 -n 'needle \d' t | by_path >want
	[ "$(wc -l <want)" -eq 80888 ]
	for j in 1 2 8; do
		run --separate-stderr "$ISOGREP" -j "$j" --sort=path -n 'needle \d' t
		assert_status 0
		assert_no_stderr
		[ "$output" = "$(cat want)" ] || { echo "-j $j differs"; false; }
	done
}
