#!/usr/bin/env bats
# Output formats: the path prefix rules, -n, -H, -h, -c, -l, -L, -o, -q, -m
# and their combinations with -v.  Output order across files is free, so any
# output that can come from more than one file is compared sorted.

bats_require_minimum_version 1.5.0
load helpers/common

# A small tree: d/ with a matching file, a non-matching one and a subdir.
make_tree()
{
	mkfile d/a 'foo 1' 'bar' 'foo 2'
	mkfile d/b 'nothing here'
	mkfile d/sub/c 'foofoo' 'foo bar foo'
	mkfile d/sub/deeper/e 'no' 'foo'
}

# --- path prefixes --------------------------------------------------------------

@test "one file argument: bare lines" {
	mkfile f 'foo' 'bar'
	run --separate-stderr "$ISOGREP" foo f
	assert_status 0
	assert_output 'foo'
	assert_no_stderr
}

@test "two file arguments: PATH:LINE" {
	mkfile f 'foo' 'bar'
	mkfile g 'bar' 'foo g'
	run --separate-stderr "$ISOGREP" foo f g
	assert_status 0
	assert_sorted_output $'f:foo\ng:foo g'
	assert_no_stderr
	assert_same_as_grep -P foo f g
}

@test "two file arguments, only one matching: still PATH:LINE" {
	mkfile f 'foo'
	mkfile g 'bar'
	run --separate-stderr "$ISOGREP" foo f g
	assert_status 0
	assert_output 'f:foo'
	assert_no_stderr
}

@test "a directory argument: paths are the argument, then /..." {
	make_tree
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_sorted_output <<'EOF'
d/a:foo 1
d/a:foo 2
d/sub/c:foofoo
d/sub/c:foo bar foo
d/sub/deeper/e:foo
EOF
	assert_no_stderr
	assert_same_as_grep -rP foo d
}

@test "a nested directory argument keeps its path as given" {
	make_tree
	run --separate-stderr "$ISOGREP" foo d/sub/deeper
	assert_status 0
	assert_output 'd/sub/deeper/e:foo'
	run --separate-stderr "$ISOGREP" foo ./d/sub
	assert_status 0
	assert_sorted_output $'./d/sub/c:foofoo\n./d/sub/c:foo bar foo\n./d/sub/deeper/e:foo'
	assert_no_stderr
	assert_same_as_grep -rP foo ./d/sub
}

@test "a directory with a single file still prints its path" {
	mkfile only/f 'foo'
	run --separate-stderr "$ISOGREP" foo only
	assert_status 0
	assert_output 'only/f:foo'
	assert_no_stderr
}

@test "no path argument: . is searched, paths have no ./ prefix" {
	make_tree
	mkfile top 'foo top'
	run --separate-stderr "$ISOGREP" foo </dev/null
	assert_status 0
	assert_sorted_output <<'EOF'
d/a:foo 1
d/a:foo 2
d/sub/c:foofoo
d/sub/c:foo bar foo
d/sub/deeper/e:foo
top:foo top
EOF
	assert_no_stderr
	assert_same_as_grep -rP foo
}

@test "an explicit . : paths start with ./" {
	make_tree
	mkfile top 'foo top'
	run --separate-stderr "$ISOGREP" foo .
	assert_status 0
	assert_sorted_output <<'EOF'
./d/a:foo 1
./d/a:foo 2
./d/sub/c:foofoo
./d/sub/c:foo bar foo
./d/sub/deeper/e:foo
./top:foo top
EOF
	assert_no_stderr
	assert_same_as_grep -rP foo .
}

@test "a file and a directory argument" {
	make_tree
	mkfile f 'foo f'
	run --separate-stderr "$ISOGREP" 'foo \d|foo f' f d
	assert_status 0
	assert_sorted_output $'d/a:foo 1\nd/a:foo 2\nf:foo f'
	assert_no_stderr
	assert_same_as_grep -rP 'foo \d|foo f' f d
}

@test "-H forces the path for a single file" {
	mkfile f 'foo' 'bar'
	run --separate-stderr "$ISOGREP" -H foo f
	assert_status 0
	assert_output 'f:foo'
	run --separate-stderr "$ISOGREP" --with-filename foo f
	assert_status 0
	assert_output 'f:foo'
	assert_no_stderr
	assert_same_as_grep -HP foo f
}

@test "-H on standard input: (standard input)" {
	run --separate-stderr "$ISOGREP" -H foo <<<$'foo\nbar'
	assert_status 0
	assert_output '(standard input):foo'
	assert_no_stderr
}

@test "standard input alone: bare lines" {
	run --separate-stderr "$ISOGREP" foo <<<$'foo\nbar\nfoo 2'
	assert_status 0
	assert_output $'foo\nfoo 2'
	assert_no_stderr
}

@test "-h drops the path for a directory and for several files" {
	make_tree
	run --separate-stderr "$ISOGREP" -h foo d
	assert_status 0
	assert_sorted_output $'foo 1\nfoo 2\nfoofoo\nfoo bar foo\nfoo'
	assert_no_stderr
	assert_same_as_grep -rhP foo d
	mkfile f 'foo f'
	run --separate-stderr "$ISOGREP" --no-filename foo f d/a
	assert_status 0
	assert_sorted_output $'foo f\nfoo 1\nfoo 2'
	assert_no_stderr
}

@test "-h with no path argument" {
	make_tree
	run --separate-stderr "$ISOGREP" -h 'foo \d' </dev/null
	assert_status 0
	assert_sorted_output $'foo 1\nfoo 2'
	assert_no_stderr
}

@test "-H and -h: the last one wins" {
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" -h -H foo f
	assert_status 0
	assert_output 'f:foo'
	run --separate-stderr "$ISOGREP" -H -h foo f
	assert_status 0
	assert_output 'foo'
	assert_no_stderr
}

# --- -n ------------------------------------------------------------------------

@test "-n: NUM:LINE for a single file" {
	mkfile f 'foo' 'bar' 'foo 3' '' 'foo 5'
	run --separate-stderr "$ISOGREP" -n foo f
	assert_status 0
	assert_output $'1:foo\n3:foo 3\n5:foo 5'
	assert_no_stderr
	assert_same_as_grep -nP foo f
	run --separate-stderr "$ISOGREP" --line-number foo f
	assert_status 0
	assert_output $'1:foo\n3:foo 3\n5:foo 5'
}

@test "-n: PATH:NUM:LINE for a directory" {
	make_tree
	run --separate-stderr "$ISOGREP" -n foo d
	assert_status 0
	assert_sorted_output <<'EOF'
d/a:1:foo 1
d/a:3:foo 2
d/sub/c:1:foofoo
d/sub/c:2:foo bar foo
d/sub/deeper/e:2:foo
EOF
	assert_no_stderr
	assert_same_as_grep -rnP foo d
}

@test "-n with -H, -h and stdin" {
	mkfile f 'a' 'foo'
	run --separate-stderr "$ISOGREP" -nH foo f
	assert_status 0
	assert_output 'f:2:foo'
	make_tree
	run --separate-stderr "$ISOGREP" -nh 'foo \d' d
	assert_status 0
	assert_sorted_output $'1:foo 1\n3:foo 2'
	run --separate-stderr "$ISOGREP" -n foo <<<$'x\nfoo'
	assert_status 0
	assert_output '2:foo'
	run --separate-stderr "$ISOGREP" -nH foo <<<$'x\nfoo'
	assert_status 0
	assert_output '(standard input):2:foo'
	assert_no_stderr
}

@test "-n with -v numbers the selected lines in the file" {
	mkfile f 'foo' 'bar' 'foo' 'baz'
	run --separate-stderr "$ISOGREP" -nv foo f
	assert_status 0
	assert_output $'2:bar\n4:baz'
	assert_no_stderr
	assert_same_as_grep -nvP foo f
}

# --- -c ------------------------------------------------------------------------

@test "-c: COUNT for a single file" {
	mkfile f 'foo' 'bar' 'foo foo'
	run --separate-stderr "$ISOGREP" -c foo f
	assert_status 0
	assert_output '2'
	run --separate-stderr "$ISOGREP" --count foo f
	assert_status 0
	assert_output '2'
	assert_no_stderr
	assert_same_as_grep -cP foo f
}

@test "-c with -H on a single file and on stdin" {
	mkfile f 'foo' 'foo'
	run --separate-stderr "$ISOGREP" -cH foo f
	assert_status 0
	assert_output 'f:2'
	run --separate-stderr "$ISOGREP" -cH foo <<<'foo'
	assert_status 0
	assert_output '(standard input):1'
	assert_no_stderr
}

@test "-c: a count of 0 is printed, exit 1" {
	mkfile f 'bar'
	run --separate-stderr "$ISOGREP" -c foo f
	assert_status 1
	assert_output '0'
	assert_no_stderr
}

@test "-c: PATH:COUNT for a walk's files; --include-zero adds those of 0" {
	make_tree
	# Without it, as in ripgrep, the files that count 0 are left out.
	run --separate-stderr "$ISOGREP" -c foo d
	assert_status 0
	[ "$(printf '%s\n' "$output" | LC_ALL=C sort)" = \
	    "$(command grep -rcP foo d | command grep -v ':0$' | LC_ALL=C sort)" ] ||
	    { show; false; }
	run --separate-stderr "$ISOGREP" -c --include-zero foo d
	assert_status 0
	assert_sorted_output <<'EOF'
d/a:2
d/b:0
d/sub/c:2
d/sub/deeper/e:1
EOF
	assert_no_stderr
	assert_same_as_grep -rcP foo d
}

@test "-c with no path, with two files and with -h" {
	make_tree
	run --separate-stderr "$ISOGREP" -c --include-zero foo </dev/null
	assert_status 0
	assert_same_as_grep -rcP foo
	run --separate-stderr "$ISOGREP" -c foo d/a d/b
	assert_status 0
	assert_sorted_output $'d/a:2\nd/b:0'
	run --separate-stderr "$ISOGREP" -ch foo d/a d/b
	assert_status 0
	assert_sorted_output $'2\n0'
	assert_no_stderr
}

@test "-c counts lines, not matches; -c on stdin; -c on an empty file" {
	mkfile f 'foo foo foo'
	run --separate-stderr "$ISOGREP" -c foo f
	assert_status 0
	assert_output '1'
	run --separate-stderr "$ISOGREP" -c foo <<<$'foo\nfoo\nbar'
	assert_status 0
	assert_output '2'
	mkfile empty
	run --separate-stderr "$ISOGREP" -c foo empty
	assert_status 1
	assert_output '0'
	assert_no_stderr
}

@test "-c -v counts the non-matching lines" {
	make_tree
	run --separate-stderr "$ISOGREP" -cv --include-zero foo d
	assert_status 0
	assert_sorted_output <<'EOF'
d/a:1
d/b:1
d/sub/c:0
d/sub/deeper/e:1
EOF
	assert_no_stderr
	assert_same_as_grep -rcvP foo d
}

# --- -l and -L -------------------------------------------------------------------

@test "-l lists the files with a selected line" {
	make_tree
	run --separate-stderr "$ISOGREP" -l foo d
	assert_status 0
	assert_sorted_output $'d/a\nd/sub/c\nd/sub/deeper/e'
	assert_no_stderr
	assert_same_as_grep -rlP foo d
	run --separate-stderr "$ISOGREP" --files-with-matches foo d
	assert_same_as_grep -rlP foo d
}

@test "-l on a single file, on stdin and with no match" {
	mkfile f 'foo' 'foo'
	run --separate-stderr "$ISOGREP" -l foo f
	assert_status 0
	assert_output 'f'
	run --separate-stderr "$ISOGREP" -l foo <<<'foo'
	assert_status 0
	assert_output '(standard input)'
	run --separate-stderr "$ISOGREP" -l nope f
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "-l with no path argument" {
	make_tree
	run --separate-stderr "$ISOGREP" -l 'foo \d' </dev/null
	assert_status 0
	assert_output 'd/a'
	assert_no_stderr
}

@test "-L lists the files without a selected line" {
	make_tree
	run --separate-stderr "$ISOGREP" -L 'foo \d' d
	assert_status 0
	assert_sorted_output $'d/b\nd/sub/c\nd/sub/deeper/e'
	assert_no_stderr
	assert_same_as_grep -rLP 'foo \d' d
	run --separate-stderr "$ISOGREP" --files-without-match 'foo \d' d
	assert_same_as_grep -rLP 'foo \d' d
}

@test "-L exit status: 0 if any line was selected anywhere (grep 3.8)" {
	mkfile a 'foo'
	mkfile b 'bar'
	# a line is selected in a; b is listed: 0
	run --separate-stderr "$ISOGREP" -L foo a b
	assert_status 0
	assert_output 'b'
	assert_same_as_grep -LP foo a b
	# a line is selected, nothing is listed: 0
	run --separate-stderr "$ISOGREP" -L foo a
	assert_status 0
	assert_output ''
	assert_same_as_grep -LP foo a
	# no line selected, b is listed: 1
	run --separate-stderr "$ISOGREP" -L foo b
	assert_status 1
	assert_output 'b'
	assert_same_as_grep -LP foo b
	assert_no_stderr
}

@test "-l -v and -L -v work on the non-matching lines" {
	make_tree
	run --separate-stderr "$ISOGREP" -lv foo d
	assert_status 0
	assert_sorted_output $'d/a\nd/b\nd/sub/deeper/e'
	assert_same_as_grep -rlvP foo d
	run --separate-stderr "$ISOGREP" -Lv foo d
	assert_status 0
	assert_output 'd/sub/c'
	assert_same_as_grep -rLvP foo d
	assert_no_stderr
}

# --- -o ------------------------------------------------------------------------

@test "-o prints each match on its own line" {
	mkfile f 'foo bar foo' 'baz' 'xfoox'
	run --separate-stderr "$ISOGREP" -o 'fo+|ba.' f
	assert_status 0
	assert_output $'foo\nbar\nfoo\nbaz\nfoo'
	assert_no_stderr
	assert_same_as_grep -oP 'fo+|ba.' f
	run --separate-stderr "$ISOGREP" --only-matching 'ba.' f
	assert_status 0
	assert_output $'bar\nbaz'
}

@test "-o skips empty matches" {
	mkfile f 'baaacaa' 'xyz' ''
	run --separate-stderr "$ISOGREP" -o 'a*' f
	assert_status 0
	assert_output $'aaa\naa'
	assert_no_stderr
	assert_same_as_grep -oP 'a*' f
}

@test "-o with -n, -H and a directory" {
	mkfile f 'x' 'ab ab' 'ab'
	run --separate-stderr "$ISOGREP" -on ab f
	assert_status 0
	assert_output $'2:ab\n2:ab\n3:ab'
	assert_same_as_grep -onP ab f
	run --separate-stderr "$ISOGREP" -oH b f
	assert_status 0
	assert_output $'f:b\nf:b\nf:b'
	make_tree
	run --separate-stderr "$ISOGREP" -on 'fo+ \d' d
	assert_status 0
	assert_sorted_output $'d/a:1:foo 1\nd/a:3:foo 2'
	assert_same_as_grep -ronP 'fo+ \d' d
	assert_no_stderr
}

@test "-o with -i, -w and lookaround" {
	mkfile f 'Foo fOO foobar' 'price: $42, $7'
	run --separate-stderr "$ISOGREP" -oi 'foo' f
	assert_status 0
	assert_output $'Foo\nfOO\nfoo'
	run --separate-stderr "$ISOGREP" -owi 'foo' f
	assert_status 0
	assert_output $'Foo\nfOO'
	run --separate-stderr "$ISOGREP" -o '(?<=\$)\d+' f
	assert_status 0
	assert_output $'42\n7'
	assert_same_as_grep -oP '(?<=\$)\d+' f
	assert_no_stderr
}

@test "-o with \\K prints the part after \\K" {
	mkfile f 'key=value' 'other=thing'
	run --separate-stderr "$ISOGREP" -o 'key=\K\w+' f
	assert_status 0
	assert_output 'value'
	assert_no_stderr
	assert_same_as_grep -oP 'key=\K\w+' f
}

@test "-o with UTF-8 matches" {
	mkfile f 'naïve café' 'ascii'
	run --separate-stderr "$ISOGREP" -o '\w*[ïé]\w*' f
	assert_status 0
	assert_output $'naïve\ncafé'
	assert_no_stderr
}

# --- -q ------------------------------------------------------------------------

@test "-q prints nothing; exit 0 on a selected line, 1 otherwise" {
	make_tree
	run --separate-stderr "$ISOGREP" -q foo d
	assert_status 0
	assert_output ''
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --quiet foo d/a
	assert_status 0
	assert_output ''
	run --separate-stderr "$ISOGREP" -q nomatch d
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "-q overrides -c, -l, -L, -n, -o and -H given before it" {
	make_tree
	for opt in -c -l -L -n -o -H; do
		run --separate-stderr "$ISOGREP" "$opt" -q foo d
		assert_status 0
		assert_output ''
		assert_no_stderr
	done
}

@test "-q overrides -c, -l, -L, -n, -o and -H given after it" {
	make_tree
	for opt in -c -l -L -n -o -H; do
		run --separate-stderr "$ISOGREP" -q "$opt" foo d
		assert_status 0
		assert_output ''
		assert_no_stderr
	done
}

@test "-q -v: exit 0 when a non-matching line exists" {
	mkfile f 'foo' 'bar'
	run --separate-stderr "$ISOGREP" -qv foo f
	assert_status 0
	assert_output ''
	mkfile g 'foo'
	run --separate-stderr "$ISOGREP" -qv foo g
	assert_status 1
	assert_output ''
	assert_no_stderr
}

# --- -m ------------------------------------------------------------------------

@test "-m NUM stops a file after NUM selected lines" {
	mkfile f 'foo 1' 'bar' 'foo 2' 'foo 3' 'foo 4'
	run --separate-stderr "$ISOGREP" -m 2 foo f
	assert_status 0
	assert_output $'foo 1\nfoo 2'
	assert_same_as_grep -m 2 -P foo f
	assert_no_stderr
}

@test "-m: the argument forms" {
	mkfile f 'foo 1' 'bar' 'foo 2' 'foo 3'
	for form in '-m2' '-m 2' '--max-count=2' '--max-count 2'; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $form foo f
		assert_status 0
		assert_output $'foo 1\nfoo 2'
		assert_no_stderr
	done
}

@test "-m applies to each file of a directory" {
	make_tree
	run --separate-stderr "$ISOGREP" -m1 -n foo d
	assert_status 0
	assert_sorted_output $'d/a:1:foo 1\nd/sub/c:1:foofoo\nd/sub/deeper/e:2:foo'
	assert_no_stderr
	assert_same_as_grep -r -m1 -nP foo d
}

@test "-m with -c caps the count" {
	mkfile f 'foo' 'foo' 'foo' 'foo'
	run --separate-stderr "$ISOGREP" -c -m 3 foo f
	assert_status 0
	assert_output '3'
	run --separate-stderr "$ISOGREP" -c -m 10 foo f
	assert_status 0
	assert_output '4'
	make_tree
	run --separate-stderr "$ISOGREP" -c -m 1 --include-zero foo d
	assert_status 0
	assert_sorted_output $'d/a:1\nd/b:0\nd/sub/c:1\nd/sub/deeper/e:1'
	assert_same_as_grep -rc -m 1 -P foo d
	assert_no_stderr
}

@test "-m with -v counts the non-matching lines" {
	mkfile f 'foo' 'a' 'foo' 'b' 'c'
	run --separate-stderr "$ISOGREP" -v -m 2 foo f
	assert_status 0
	assert_output $'a\nb'
	assert_same_as_grep -v -m 2 -P foo f
	run --separate-stderr "$ISOGREP" -vc -m 2 foo f
	assert_status 0
	assert_output '2'
	assert_no_stderr
}

@test "-m with -o prints every match of the selected lines" {
	mkfile f 'foo foo' 'foo'
	run --separate-stderr "$ISOGREP" -o -m 1 foo f
	assert_status 0
	assert_output $'foo\nfoo'
	assert_no_stderr
	assert_same_as_grep -o -m 1 -P foo f
}

@test "-m: a negative count or one beyond 64 bits means no limit, as in grep" {
	mkfile f 'foo 1' 'bar' 'foo 2' 'foo 3'
	mkfile g 'foo 4'
	local args
	for args in '-m -1' '-m -5' '-m 99999999999999999999999' \
	    '-m -99999999999999999999999' '-m 18446744073709551616' '-m +2' \
	    '-m 02' '-m 5 -m -1' '-m -1 -m 1' '-m -1 -c' '-m -1 -n'; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args foo f g
		# shellcheck disable=SC2086
		assert_same_as_grep $args -P foo f g || { echo "args: $args"; return 1; }
		assert_no_stderr
	done
	# Leading blanks, as grep's strtoimax takes them.
	run --separate-stderr "$ISOGREP" -m ' 2' foo f
	assert_same_as_grep -m ' 2' -P foo f
	# Not numbers: refused by both.
	for args in '' 1x 0x3 - '2 '; do
		run --separate-stderr "$ISOGREP" -m "$args" foo f
		assert_status 2
		assert_output ''
		assert_stderr "isogrep: invalid argument '$args' for --max-count: expected a number"
		run command grep -m "$args" -P foo f
		[ "$status" -eq 2 ] || { echo "grep -m '$args': status $status"; return 1; }
	done
}

@test "-m 0 prints nothing, not even -c's counts, as grep does" {
	mkfile f 'foo 1' 'bar'
	mkfile g 'foo 2'
	mkfile h 'bar'
	mkfile d/a 'foo'
	local args
	for args in '-c foo f' '-c foo f g h' '-c foo d' '-vc foo f' '-n foo f' \
	    '-l foo f g' '-o foo f' '-q foo f' '-c foo nosuch' '-c foo f nosuch' \
	    '-L foo f g h' '-L foo f nosuch'; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" -m 0 $args
		# shellcheck disable=SC2086
		assert_same_as_grep -r -m 0 -P $args || { echo "args: $args"; return 1; }
	done
	# Standard input is not read.
	run --separate-stderr "$ISOGREP" -m0 -c foo < <(echo foo)
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "-m on standard input" {
	run --separate-stderr "$ISOGREP" -m 1 foo <<<$'foo 1\nfoo 2'
	assert_status 0
	assert_output 'foo 1'
	assert_no_stderr
}

@test "-m stops reading: an endless standard input ends" {
	run --separate-stderr timeout 10 bash -c 'yes foo | "$ISOGREP" -n -m 2 foo'
	assert_status 0
	assert_output $'1:foo\n2:foo'
	assert_no_stderr
}

@test "-q stops at the first selected line: an endless standard input ends" {
	run --separate-stderr timeout 10 bash -c 'yes foo | "$ISOGREP" -q foo'
	assert_status 0
	assert_output ''
	assert_no_stderr
}

@test "-m with -l and -L" {
	make_tree
	run --separate-stderr "$ISOGREP" -l -m 1 foo d
	assert_status 0
	assert_sorted_output $'d/a\nd/sub/c\nd/sub/deeper/e'
	run --separate-stderr "$ISOGREP" -L -m 1 foo d
	assert_status 0
	assert_output 'd/b'
	assert_no_stderr
}
