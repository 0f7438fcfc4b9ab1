#!/usr/bin/env bats
# Scripts written for GNU grep: -r with no path, -m 0.  Each test runs GNU
# grep on the same input as the reference.

bats_require_minimum_version 1.5.0

load helpers/common

@test "-r with no path searches . even when standard input is a pipe" {
	mkfile d/f 'foo' 'bar'
	mkfile g 'foo'
	run --separate-stderr bash -c 'echo foo | "$ISOGREP" -r foo'
	want=$(echo foo | command grep -r foo | LC_ALL=C sort)
	assert_status 0
	assert_no_stderr
	assert_sorted_output "$want"
}

@test "-r in a while-read loop leaves the loop's input alone" {
	mkfile f 'one' 'two'
	mkfile list 'a' 'b' 'c'
	run --separate-stderr bash -c \
	    'while read -r w; do "$ISOGREP" -r -c one >/dev/null; echo "$w"; done <list'
	assert_status 0
	assert_no_stderr
	assert_output "$(while read -r w; do command grep -r -c one >/dev/null; echo "$w"; done <list)"
}

@test "-R follows symbolic links, -r does not (with a path)" {
	mkfile real/f 'foo'
	mkdir d
	ln -s ../real d/link
	run --separate-stderr "$ISOGREP" -R foo d
	assert_same_as_grep -R foo d
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -r foo d
	assert_same_as_grep -r foo d
}

@test "-m 0 opens nothing and exits 1, even for a missing file" {
	mkfile f 'x'
	run --separate-stderr "$ISOGREP" -m0 x missing-file
	assert_same_as_grep -m0 x missing-file
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -m 0 x f
	assert_same_as_grep -m 0 x f
	assert_no_stderr
}
