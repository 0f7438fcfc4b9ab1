#!/usr/bin/env bats
# grep's file options: --include, --exclude, --exclude-from, --exclude-dir,
# -I and --binary-files, in isogrep's own mode.  GNU grep on the same tree
# is the reference.

bats_require_minimum_version 1.5.0

load helpers/common

# A small tree: logs and text at two depths, a directory to prune.
mktree()
{
	mkfile a.log 'foo a'
	mkfile b.txt 'foo b'
	mkfile d/c.log 'foo c'
	mkfile d/sub/e.log 'foo e'
	mkfile d/skip/f.log 'foo f'
	mkfile d/skip/g.txt 'foo g'
}

@test "--include and --exclude select walked files by base name" {
	mktree
	for args in "--include=*.log" "--exclude=*.log" "--include=*.txt --include=c*" \
	    "--include=*.log --exclude=a*" "--exclude=a* --include=*.log" \
	    "--exclude=d/c.log" "--exclude=*[cf].log"; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args foo a.log b.txt d
		# shellcheck disable=SC2086
		assert_same_as_grep -r $args foo a.log b.txt d
		assert_no_stderr
	done
}

@test "--include and --exclude apply to files named on the command line" {
	mktree
	for args in "--exclude=*.log" "--include=*.txt" "--exclude=d/c.log" \
	    "--exclude=c.log" "--exclude=sub" "--include=*.log --exclude=a*"; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" -H $args foo a.log ./d/c.log b.txt
		# shellcheck disable=SC2086
		assert_same_as_grep -H $args foo a.log ./d/c.log b.txt
		assert_no_stderr
		# One file alone takes the direct path.
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args foo ./d/c.log
		# shellcheck disable=SC2086
		assert_same_as_grep $args foo ./d/c.log
	done
	# Standard input is never left out.
	run --separate-stderr bash -c 'echo foo | "$ISOGREP" --exclude="*" foo -'
	assert_status 0
	assert_output "$(echo foo | command grep --exclude='*' foo -)"
}

@test "--exclude-dir prunes directories by name, operands too" {
	mktree
	for args in "--exclude-dir=skip" "--exclude-dir=s*" "--exclude-dir=d" \
	    "--exclude-dir=d/skip" "--exclude-dir=skip --include=*.txt"; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args foo d
		# shellcheck disable=SC2086
		assert_same_as_grep -r $args foo d
	done
	run --separate-stderr "$ISOGREP" --exclude-dir=sub foo d/sub
	assert_same_as_grep -r --exclude-dir=sub foo d/sub
	# The implicit "." is not an operand.
	run --separate-stderr "$ISOGREP" --exclude-dir=. foo </dev/null
	assert_same_as_grep -r --exclude-dir=. foo
	assert_no_stderr
}

@test "--exclude-from reads one glob a line" {
	mktree
	printf '*.txt  \n\nc.log\n' >globs
	run --separate-stderr "$ISOGREP" --exclude-from=globs foo a.log b.txt d
	assert_same_as_grep -r --exclude-from=globs foo a.log b.txt d
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --exclude-from=missing foo a.log
	assert_status 2
	assert_output ''
	assert_contains "$stderr" "missing"
}

@test "-I and --binary-files=without-match skip binary files, named ones too" {
	mkbytes bin.dat 'foo\0bar\n'
	mkfile text 'foo'
	for args in "-I" "--binary-files=without-match" "-I -c" "-I -L" "-I -l" "-a -I"; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args foo bin.dat text
		# shellcheck disable=SC2086
		assert_same_as_grep $args foo bin.dat text
		assert_no_stderr
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args foo bin.dat
		# shellcheck disable=SC2086
		assert_same_as_grep $args foo bin.dat
		assert_no_stderr
	done
}

@test "--binary-files=text and binary" {
	mkbytes bin.dat 'foo\0bar\nfoo\n'
	run --separate-stderr "$ISOGREP" --binary-files=text foo bin.dat
	assert_same_as_grep --binary-files=text foo bin.dat
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -I --binary-files=binary foo bin.dat
	assert_same_as_grep -I --binary-files=binary foo bin.dat
	assert_stderr "isogrep: bin.dat: binary file matches"
	# grep's binary: a walk searches binary files too.
	mkdir d && cp bin.dat d/
	run --separate-stderr "$ISOGREP" --binary-files=binary foo d
	assert_same_as_grep -r --binary-files=binary foo d
	assert_stderr "isogrep: d/bin.dat: binary file matches"
	run --separate-stderr "$ISOGREP" --binary-files=bad foo bin.dat
	assert_status 2
	assert_output ''
	assert_contains "$stderr" "--binary-files"
}
