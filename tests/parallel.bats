#!/usr/bin/env bats
# The parallel search: results are the same for any number of workers, equal
# to grep -r's, and each file's output is written whole (never interleaved
# with another file's).  The Makefile also runs this file under ThreadSanitizer,
# so it must stay fast (well under 20 s there).

bats_require_minimum_version 1.5.0
load helpers/common

# 2,000 files of 3 lines each in nested directories, built once for the file.
setup_file()
{
	local i dir
	mkdir -p "$BATS_FILE_TMPDIR/tree"
	cd "$BATS_FILE_TMPDIR/tree" || return 1
	for i in $(seq 0 9); do
		mkdir -p "t/d$i/e0" "t/d$i/e1/f0" "t/d$i/e2"
	done
	for i in $(seq 1 2000); do
		case $((i % 4)) in
		0) dir="t/d$((i % 10))" ;;
		1) dir="t/d$((i % 10))/e0" ;;
		2) dir="t/d$((i % 10))/e1/f0" ;;
		3) dir="t/d$((i % 10))/e2" ;;
		esac
		printf 'alpha %d\nbeta %d\ngamma %d\n' "$i" "$i" "$i" >"$dir/file$i.txt"
	done
}

setup()
{
	cd "$BATS_FILE_TMPDIR/tree" || return 1
}

# check_whole_files: read PATH:NUM:LINE output on stdin and fail if a file's
# lines are not contiguous (a path comes back after another file's lines
# began) or not in increasing line-number order.
check_whole_files()
{
	awk -F: '
	$1 != cur {
		if ($1 in seen) {
			printf "output of %s resumes at output line %d\n", $1, NR
			bad = 1
		}
		seen[$1] = 1
		cur = $1
		last = 0
	}
	{
		if ($2 + 0 <= last) {
			printf "%s: line %s after line %d (output line %d)\n", $1, $2, last, NR
			bad = 1
		}
		last = $2 + 0
	}
	END { exit bad }'
}

@test "-j 1, -j 2 and -j 8: the same output as grep -r" {
	local want
	want=$(grep_sorted -rP 'alpha|gamma 1\d' t)
	[ "$(printf '%s\n' "$want" | wc -l)" -eq 3110 ]
	for j in 1 2 8; do
		run --separate-stderr "$ISOGREP" -j "$j" 'alpha|gamma 1\d' t
		assert_status 0
		assert_no_stderr
		assert_sorted_output "$want"
	done
}

@test "the default number of workers: the same output as grep -r" {
	run --separate-stderr "$ISOGREP" -n 'beta' t
	assert_status 0
	assert_no_stderr
	assert_same_as_grep -rnP beta t
}

@test "the forms of -j and --threads" {
	local want
	want=$(grep_sorted -rP 'gamma 7' t)
	for form in -j3 '-j 4' --threads=5 '--threads 6'; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $form 'gamma 7' t
		assert_status 0
		assert_no_stderr
		assert_sorted_output "$want"
	done
}

@test "each file's lines are contiguous and in order (-j 8, -j 2)" {
	for j in 8 2; do
		"$ISOGREP" -j "$j" -n . t >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err"
		[ ! -s "$BATS_TEST_TMPDIR/err" ]
		[ "$(wc -l <"$BATS_TEST_TMPDIR/out")" -eq 6000 ]
		check_whole_files <"$BATS_TEST_TMPDIR/out"
	done
}

@test "big files: whole-file output is not interleaved" {
	local i
	cd "$BATS_TEST_TMPDIR"
	mkdir big
	awk 'BEGIN { for (i = 1; i <= 20000; i++) printf "row %d of a longer line to fill the buffers\n", i }' >big/f0
	for i in $(seq 1 11); do
		cp big/f0 "big/f$i"
	done
	"$ISOGREP" -j 4 -n row big >out 2>err
	[ ! -s err ]
	[ "$(wc -l <out)" -eq 240000 ]
	check_whole_files <out
	# And the content is grep's.
	LC_ALL=C sort out >out.sorted
	grep -rnP row big | LC_ALL=C sort | cmp - out.sorted
}

@test "-c, -l and -L with -j 8 equal grep -r" {
	run --separate-stderr "$ISOGREP" -j 8 -c --include-zero 'alpha 1' t
	assert_status 0
	assert_no_stderr
	assert_same_as_grep -rcP 'alpha 1' t
	run --separate-stderr "$ISOGREP" -j 8 -l 'beta 2\d$' t
	assert_status 0
	assert_no_stderr
	assert_same_as_grep -rlP 'beta 2\d$' t
	run --separate-stderr "$ISOGREP" -j 8 -L 'gamma 3' t
	assert_status 0
	assert_no_stderr
	assert_same_as_grep -rLP 'gamma 3' t
}

@test "-m 1 and -v with -j 8 equal grep -r" {
	run --separate-stderr "$ISOGREP" -j 8 -m 1 -n 'a' t
	assert_status 0
	assert_no_stderr
	assert_same_as_grep -r -m 1 -nP 'a' t
	run --separate-stderr "$ISOGREP" -j 8 -v 'alpha|beta|gamma 1' t
	assert_status 0
	assert_no_stderr
	assert_same_as_grep -rvP 'alpha|beta|gamma 1' t
}

@test "no path argument with -j 8: the same as grep -r" {
	run --separate-stderr "$ISOGREP" -j 8 'gamma 19' </dev/null
	assert_status 0
	assert_no_stderr
	assert_same_as_grep -rP 'gamma 19'
}

@test "no selected line in 2,000 files: exit 1; -q: exit 0" {
	run --separate-stderr "$ISOGREP" -j 8 'delta' t
	assert_status 1
	assert_output ''
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -j 8 -q 'gamma 2000$' t
	assert_status 0
	assert_output ''
	assert_no_stderr
}

@test "more workers than files" {
	run --separate-stderr "$ISOGREP" -j 64 -n alpha t/d0/file1000.txt t/d1/e0/file1.txt
	assert_status 0
	assert_no_stderr
	assert_sorted_output $'t/d0/file1000.txt:1:alpha 1000\nt/d1/e0/file1.txt:1:alpha 1'
	run --separate-stderr "$ISOGREP" -j 64 alpha t/d0/file1000.txt
	assert_status 0
	assert_no_stderr
	assert_output 'alpha 1000'
}

@test "several path arguments and a missing one with -j 8" {
	run --separate-stderr "$ISOGREP" -j 8 'alpha 1$|alpha 2$' t/d1 missing t/d2
	assert_status 2
	assert_sorted_output $'t/d1/e0/file1.txt:alpha 1\nt/d2/e1/f0/file2.txt:alpha 2'
	assert_stderr 'isogrep: missing: No such file or directory'
}
