#!/usr/bin/env bats
# Grep mode: isogrep called through a link named grep (egrep, fgrep) takes
# GNU grep's defaults and options.  Each test links isogrep as grep in its
# own directory and compares with GNU grep on the same input; messages
# differ only in the program name, which is the link's.

bats_require_minimum_version 1.5.0

load helpers/common

setup()
{
	cd "$BATS_TEST_TMPDIR" || return 1
	mkdir bin
	ln -s "$ISOGREP" bin/grep
	ln -s "$ISOGREP" bin/egrep
	ln -s "$ISOGREP" bin/fgrep
	GREP=$(command -v grep)
	export LC_ALL=C.UTF-8
}

# same ARGS...: bin/grep ARGS... and GNU grep ARGS... give the same sorted
# stdout, the same stderr (the program name aside) and the same status.
same()
{
	local want wstatus werr
	want=$("$GREP" "$@" 2>gnu.err </dev/null | LC_ALL=C sort; exit "${PIPESTATUS[0]}") && wstatus=0 || wstatus=$?
	werr=$(sed "s|^$GREP:|grep:|" gnu.err)
	run --separate-stderr bash -c '"$BATS_TEST_TMPDIR"/bin/grep "$@" </dev/null | LC_ALL=C sort; exit "${PIPESTATUS[0]}"' _ "$@"
	if [ "$output" != "$want" ] || [ "$status" != "$wstatus" ] ||
	    [ "$(printf '%s\n' "$stderr" | LC_ALL=C sort)" != "$(printf '%s\n' "$werr" | LC_ALL=C sort)" ]; then
		printf -- '--- GNU grep %s: status %s\n%s\n--- stderr\n%s\n' "$*" "$wstatus" "$want" "$werr"
		show
		return 1
	fi
}

@test "grep's syntax: BRE for grep, ERE for egrep, fixed strings for fgrep" {
	mkfile f 'a+b' 'aab' 'a|b' 'ab' 'x.y' 'xzy'
	same 'a+b' f
	same 'a\+b' f
	same -E 'a+b' f
	same 'x.y' f
	run --separate-stderr bin/egrep 'a+b|x.y' f
	assert_status 0
	assert_output "$("$GREP" -E 'a+b|x.y' f)"
	run --separate-stderr bin/fgrep 'x.y' f
	assert_status 0
	assert_output "$("$GREP" -F 'x.y' f)"
}

@test "directories: an error without -r, -d skip, -d recurse, -r with no path" {
	mkfile d/f 'foo'
	mkfile d/.hidden 'foo'
	mkfile d/.git/config 'foo'
	mkfile d/.gitignore 'f'
	mkfile top 'foo'
	same foo d
	same foo d top
	same -s foo d top
	same -d skip foo d top
	same -d recurse foo d
	same -r foo d
	same -r foo top
	same -r foo d top
	(cd d && same -r foo)
	same -d read foo d
	# A bad ACTION: an error as in grep (grep's wording differs).
	for args in "-d bad" "-D bad"; do
		# shellcheck disable=SC2086
		run --separate-stderr bin/grep $args foo top
		assert_status 2
		assert_output ''
		assert_contains "$stderr" "grep: invalid argument 'bad'"
	done
}

@test "no path reads standard input, even without a pipe" {
	mkfile f 'foo' 'bar'
	run --separate-stderr bash -c 'bin/grep foo < f'
	assert_status 0
	assert_no_stderr
	assert_output "$("$GREP" foo < f)"
}

@test "file names only with several files or -r; no line numbers by default" {
	mkfile a 'foo' 'x'
	mkfile b 'y' 'foo'
	same foo a
	same foo a b
	same -n foo a b
	same -h foo a b
	same -H foo a
	same -c foo a b
	same -l foo a b
	same -L foo a b
}

@test "binary files: reported in a walk, -I skips them, -a prints them" {
	mkbytes d/bin 'foo\0bar\n'
	mkfile d/text 'foo'
	same -r foo d
	same -r -I foo d
	same -r -c -I foo d
	same -a foo d/bin
	same --binary-files=without-match foo d/bin d/text
	same -U foo d/text
	same --binary foo d/text
}

@test "a line of invalid UTF-8 is binary: hidden, and the file reported" {
	mkbytes mid 'ok foo\nfoo \377 bad\nfoo again\n'
	mkbytes sur 'foo \355\240\200\n'
	mkbytes over 'foo \300\200\n'
	mkbytes old 'foo \370\210\200\200\200\n'
	same foo mid
	same -n foo mid
	same -o foo mid
	same -c foo mid
	same -l foo mid
	same -v zzz mid
	same -I foo mid
	same -a foo mid
	same foo sur over old
}

@test "-T (without -n), -y, -Z, -D skip, --color, GREP_COLORS" {
	mkfile a 'foo' '' 'foo'
	mkfile b 'foo'
	same -T foo a b
	same -T '' a b
	same -y FOO a
	same -Z -l foo a b
	same -Z foo a b
	same --color foo a
	same --colour=never foo a
	# No colors yet: --color=always is accepted, and prints none.
	GREP_COLORS='mt=01;32' run --separate-stderr bin/grep --color=always foo a
	assert_status 0
	assert_no_stderr
	assert_output "$("$GREP" --color=never foo a)"
	mkfifo fifo
	same -D skip foo fifo a
}

@test "--include, --exclude, --exclude-dir in grep mode" {
	mkfile a.log 'foo'
	mkfile b.txt 'foo'
	mkfile d/c.log 'foo'
	mkfile d/skip/e.log 'foo'
	same -r --include='*.log' foo .
	same -r --exclude='*.log' foo .
	same -r --exclude-dir=skip foo .
	same --exclude='*.txt' foo a.log b.txt
}

@test "messages and usage carry the name grep mode was called by" {
	run --separate-stderr bin/grep foo missing
	assert_status 2
	assert_stderr "grep: missing: No such file or directory"
	run --separate-stderr bin/egrep foo missing
	assert_status 2
	assert_stderr "egrep: missing: No such file or directory"
	run --separate-stderr bin/grep
	assert_status 2
	assert_output ''
	assert_contains "$stderr" "Usage: grep "
	run --separate-stderr "$ISOGREP" --grep-mode -d skip foo .
	assert_status 1
	assert_no_stderr
}

@test "a script written for GNU grep gives the same output through a grep link" {
	mkfile app/a.log 'ERROR disk' 'ok' 'FATAL healthcheck failed' 'FATAL oom'
	mkfile app/b.txt 'ERROR not a log'
	mkfile app/sub/c.log 'INFO' 'ERROR again'
	mkfile app/.hidden.log 'ERROR hidden'
	script='grep -rEn --include="*.log" "ERROR|FATAL" . | grep -v healthcheck | grep -c .'
	want=$(cd app && bash -c "$script")
	run --separate-stderr bash -c "cd app && PATH=\"$BATS_TEST_TMPDIR/bin:\$PATH\" && $script"
	assert_status 0
	assert_no_stderr
	assert_output "$want"
	[ "$want" = 4 ]
}
