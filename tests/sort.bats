#!/usr/bin/env bats
# --sort=path in bounded memory (issue 9), and --sort/--sortr by time and
# size (issue 12, src/pipeline/order.c).  Results that arrive before
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
	# -c --include-zero and -l name every file first: the same order.
	run --separate-stderr "$ISOGREP" -j2 --sort=path -c --include-zero 'needle \d' t
	assert_status 0
	assert_no_stderr
	[ "${lines[0]}" = 't/aaa/big:0' ]
	[ "$output" = "$("$ISOGREP" -j2 -c --include-zero 'needle \d' t | by_path)" ]
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

# --- --sort/--sortr by modified, accessed, created, size (issue 12) -----------

RG="$BATS_TEST_DIRNAME/../../shared/peers/rg"

need_rg()
{
	[ -x "$RG" ] || skip "ripgrep 15.2 not found at ../shared/peers/rg"
	"$RG" --version | head -1 | command grep -q '^ripgrep 15\.' ||
	    skip "../shared/peers/rg is not ripgrep 15"
}

# meta_tree N: N files under t/ in a few directories, each holding
# "needle I", with sizes that tie in groups; prints nothing.
meta_tree()
{
	mkdir -p t/a/b t/c
	local i dir
	for i in $(seq 1 "$1"); do
		case $((i % 3)) in 0) dir=t ;; 1) dir=t/a/b ;; *) dir=t/c ;; esac
		{ echo "needle $i"; head -c $((i % 7 * 10)) /dev/zero | tr '\0' x; echo; } \
		    >"$dir/f$i"
	done
}

# set_times OPTION N: distinct times (touch OPTION -d @SECONDS) in an order
# that is not the path order, within the last day and after the files'
# modification time (so that reading them leaves their access time be).
set_times()
{
	local now i
	now=$(date +%s)
	command find t -type f | LC_ALL=C sort | while read -r f; do
		i=${f##*/f}
		touch "$1" -d "@$((now - 3600 - (i * 37 % 101) * 60))" "$f"
	done
}

# same_as_rg ARGS...: isogrep -j2 prints what rg prints, byte for byte.
same_as_rg()
{
	"$RG" "$@" >rg.out 2>&1 || true
	run --separate-stderr "$ISOGREP" -j2 "$@"
	assert_no_stderr
	[ "$output" = "$(cat rg.out)" ] || { echo "differs: $*"; diff <(printf '%s\n' "$output") rg.out; false; }
}

@test "--sort/--sortr modified and --sortr path: ripgrep's order, searching and listing" {
	need_rg
	meta_tree 40
	touch -m -d '2020-01-01' t/*/ t/a/b
	set_times -m
	for key in modified path; do
		for flag in --sort --sortr; do
			same_as_rg "$flag" "$key" -n needle t
			same_as_rg "$flag" "$key" --files t
		done
	done
	same_as_rg --sort modified -c needle t
}

@test "--sort/--sortr accessed: ripgrep's order" {
	need_rg
	meta_tree 30
	touch -m -d '2020-01-01' $(command find t -type f)
	# Reading a file whose access time is older than its change time
	# sets it (relatime): the times are set again before each run.
	for flag in --sort --sortr; do
		set_times -a
		"$RG" "$flag" accessed needle t >rg.out
		set_times -a
		run --separate-stderr "$ISOGREP" -j2 "$flag" accessed needle t
		assert_status 0
		[ "$output" = "$(cat rg.out)" ] || { echo "$flag differs"; false; }
	done
}

# by_key FORMAT [sort options]: the files of t in walk (path) order,
# stably sorted by stat's FORMAT (a number).
by_key()
{
	local fmt=$1
	shift
	"$ISOGREP" --files --sort path t | xargs stat -c "$fmt %n" |
	    LC_ALL=C sort -s "$@" -k1,1 | cut -d' ' -f2-
}

@test "--sort/--sortr size (isogrep's): by size, ties in path order" {
	meta_tree 40
	run --separate-stderr "$ISOGREP" -j2 --sort size -l needle t
	assert_status 0
	[ "$output" = "$(by_key %s -n)" ]
	run --separate-stderr "$ISOGREP" -j2 --sortr size --files t
	assert_status 0
	[ "$output" = "$(by_key %s -rn)" ]
}

@test "--sort/--sortr created: by birth time where the file system keeps it" {
	meta_tree 20
	[ "$(stat -c %W t/f3)" != 0 ] || skip "no birth times on this file system"
	run --separate-stderr "$ISOGREP" -j2 --sort created -l needle t
	assert_status 0
	[ "$output" = "$(by_key %.9W -g)" ]
	run --separate-stderr "$ISOGREP" -j2 --sortr created -l needle t
	assert_status 0
	[ "$output" = "$(by_key %.9W -rg)" ]
}

@test "--sort modified: -j1, -j2 and -j8 print the same, over many files" {
	small_files t 1500 3
	set_times -m
	"$ISOGREP" -j1 --sort modified -n 'needle \d' t >want
	[ "$(wc -l <want)" -eq 4500 ]
	for j in 2 8; do
		"$ISOGREP" -j "$j" --sort modified -n 'needle \d' t | cmp - want
	done
}

@test "--sort and --sortr: a bad key is an error" {
	run --separate-stderr "$ISOGREP" --sort mtime x .
	assert_status 2
	assert_contains "$stderr" "invalid argument 'mtime' for --sort"
	run --separate-stderr "$ISOGREP" --sortr bogus x .
	assert_status 2
	assert_contains "$stderr" "invalid argument 'bogus' for --sortr"
}
