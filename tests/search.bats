#!/usr/bin/env bats
# Core matching: PCRE2 syntax, -e, -f, -F, -i, -S, --case-sensitive, -w, -x,
# -v, per-line semantics and UTF-8.  Single-file searches print bare lines,
# so their order is the file's order.

bats_require_minimum_version 1.5.0
load helpers/common

# --- basic matching -------------------------------------------------------

@test "a literal pattern selects the lines containing it" {
	mkfile f 'foo' 'bar' 'a foo b' 'fo o'
	run --separate-stderr "$ISOGREP" foo f
	assert_status 0
	assert_output $'foo\na foo b'
	assert_no_stderr
	assert_same_as_grep -P foo f
}

@test "no selected line: exit 1, no output" {
	mkfile f 'foo' 'bar'
	run --separate-stderr "$ISOGREP" baz f
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "PCRE2 syntax: classes, quantifiers, alternation, lookaround, backrefs" {
	mkfile f 'abc123' 'abc' 'xyzzy' 'foobar' 'foobaz' 'aa bb' 'ab ba' '2024-01-31'
	run --separate-stderr "$ISOGREP" '\d{3}' f
	assert_status 0
	assert_output $'abc123\n2024-01-31'
	run --separate-stderr "$ISOGREP" 'xyz+y|^abc$' f
	assert_status 0
	assert_output $'abc\nxyzzy'
	run --separate-stderr "$ISOGREP" 'foo(?=baz)' f
	assert_status 0
	assert_output 'foobaz'
	run --separate-stderr "$ISOGREP" '(?<!foo)ba' f
	assert_status 0
	assert_output 'ab ba'
	run --separate-stderr "$ISOGREP" '(\w)\1 (\w)\2' f
	assert_status 0
	assert_output 'aa bb'
	run --separate-stderr "$ISOGREP" '^(?<y>\d{4})-\d\d-\d\d$' f
	assert_status 0
	assert_output '2024-01-31'
	assert_no_stderr
}

@test "PCRE2 syntax agrees with grep -P" {
	mkfile f 'abc123' 'ABC' 'a.c' 'tab	here' 'x+y' 'foo(bar)' 'end\' '[x]'
	for pat in '\d+' 'a.c' 'a\.c' '\t' 'x\+y' '\(bar\)' '\\$' '\[x\]' '(?i)abc' '[[:upper:]]{3}' '\Qa.c\E'; do
		run --separate-stderr "$ISOGREP" "$pat" f
		assert_same_as_grep -P "$pat" f
		assert_no_stderr
	done
}

@test "the empty pattern selects every line, empty ones too" {
	mkfile f 'a' '' 'b'
	run --separate-stderr "$ISOGREP" '' f
	assert_status 0
	assert_output $'a\n\nb'
	assert_no_stderr
	assert_same_as_grep -P '' f
}

@test "\$ alone selects every line; -o prints nothing for empty matches" {
	mkfile f 'a' '' 'b'
	run --separate-stderr "$ISOGREP" -c '$' f
	assert_status 0
	assert_output '3'
	run --separate-stderr "$ISOGREP" -o '$' f
	assert_status 0
	assert_output ''
	assert_no_stderr
	assert_same_as_grep -oP '$' f
}

@test "a file of empty lines" {
	mkbytes f '\n\n\n'
	run --separate-stderr "$ISOGREP" -n '^$' f
	assert_status 0
	assert_output $'1:\n2:\n3:'
	run --separate-stderr "$ISOGREP" -c -v '^$' f
	assert_status 1
	assert_output '0'
	assert_no_stderr
}

@test "-o: many matches on one long line" {
	head -c 20000 /dev/zero | tr '\0' 'a' >f
	echo >>f
	run --separate-stderr "$ISOGREP" -o 'aa' f
	assert_status 0
	[ "${#lines[@]}" -eq 10000 ] || { echo "${#lines[@]} lines"; false; }
	[ "${lines[9999]}" = aa ]
	assert_no_stderr
}

@test "^\$ selects exactly the empty lines" {
	mkfile f 'a' '' 'b' ''
	run --separate-stderr "$ISOGREP" -n '^$' f
	assert_status 0
	assert_output $'2:\n4:'
	assert_no_stderr
}

# --- per-line semantics ------------------------------------------------------

@test "^ and \$ anchor at every line's start and end" {
	mkfile f 'foo' 'bar foo' 'foo bar' 'xfoox'
	run --separate-stderr "$ISOGREP" '^foo' f
	assert_status 0
	assert_output $'foo\nfoo bar'
	run --separate-stderr "$ISOGREP" 'foo$' f
	assert_status 0
	assert_output $'foo\nbar foo'
	run --separate-stderr "$ISOGREP" '^foo$' f
	assert_status 0
	assert_output 'foo'
	assert_no_stderr
}

@test "\\A and \\z anchor at the line, not at the file" {
	mkfile f 'one' 'two' 'three'
	run --separate-stderr "$ISOGREP" '\Atwo\z' f
	assert_status 0
	assert_output 'two'
	assert_no_stderr
}

@test "\\s, [^x], \\n and \\R never match across a newline" {
	mkfile f 'a' 'b' 'a b'
	# Each of these matches only the one-line "a b".
	for pat in 'a\sb' 'a[^x]b' 'a(?s:.)b' 'a\Xb' 'a\s*b' 'a[\s\S]b'; do
		run --separate-stderr "$ISOGREP" -n "$pat" f
		assert_status 0
		assert_output '3:a b'
		assert_no_stderr
	done
	# These could only match the newline between "a" and "b".
	for pat in 'a\nb' 'a\Rb' 'a\v+b' 'a\s*$\s*b' 'a[\n]b' '(?m)a$\n^b' 'a\x0ab' '(?ms)a$.^b'; do
		run --separate-stderr "$ISOGREP" -c "$pat" f
		assert_status 1
		assert_output '0'
		assert_no_stderr
	done
}

@test "a last line without a final newline is matched and printed with one" {
	mkbytes f 'one\nfoo'
	run --separate-stderr "$ISOGREP" 'foo$' f
	assert_status 0
	assert_output 'foo'
	assert_no_stderr
	"$ISOGREP" foo f >out
	printf 'foo\n' | cmp - out
	grep -P foo f | cmp - out
}

@test "CRLF lines: the \\r is part of the line" {
	mkbytes f 'foo\r\nbar\r\n'
	run --separate-stderr "$ISOGREP" -c 'foo$' f
	assert_status 1
	assert_output '0'
	run --separate-stderr "$ISOGREP" -c 'foo\r$' f
	assert_status 0
	assert_output '1'
	run --separate-stderr "$ISOGREP" -c 'foo.$' f
	assert_status 0
	assert_output '1'
	assert_no_stderr
	"$ISOGREP" foo f >out
	printf 'foo\r\n' | cmp - out
	grep -P foo f | cmp - out
}

@test "lines beyond a read block: line numbers and contents agree with grep" {
	# ~1.3 MB, so a line is bound to straddle any read buffer's edge.
	seq 1 200000 | sed 's/$/ padding/' >f
	run --separate-stderr "$ISOGREP" -n '^(1|99999|131072|131073|200000) ' f
	assert_status 0
	assert_output $'1:1 padding\n99999:99999 padding\n131072:131072 padding\n131073:131073 padding\n200000:200000 padding'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -c '7 pad' f
	assert_status 0
	assert_same_as_grep -cP '7 pad' f
}

@test "a very long line (1 MiB) is matched whole" {
	{ head -c 1048576 /dev/zero | tr '\0' 'a'; printf 'NEEDLE\nshort\n'; } >f
	run --separate-stderr "$ISOGREP" -c 'aaaNEEDLE$' f
	assert_status 0
	assert_output '1'
	assert_no_stderr
	"$ISOGREP" NEEDLE f >out
	head -1 f | cmp - out
}

# --- -e and -f ----------------------------------------------------------------

@test "-e: a line matches if any pattern does" {
	mkfile f 'foo' 'bar' 'baz' 'qux'
	run --separate-stderr "$ISOGREP" -e foo -e 'ba[z]' f
	assert_status 0
	assert_output $'foo\nbaz'
	assert_no_stderr
	assert_same_as_grep -E -e foo -e 'ba[z]' f
}

@test "-e: with -e the first positional argument is a path" {
	mkfile foo 'foo' 'bar'
	mkfile bar 'bar'
	run --separate-stderr "$ISOGREP" -e bar foo
	assert_status 0
	assert_output 'bar'
	assert_no_stderr
}

@test "-e: a pattern starting with '-'" {
	mkfile f '-x' 'x' 'a--b'
	run --separate-stderr "$ISOGREP" -e -x f
	assert_status 0
	assert_output '-x'
	run --separate-stderr "$ISOGREP" -e '--' f
	assert_status 0
	assert_output 'a--b'
	assert_no_stderr
}

@test "-e: attached and long forms" {
	mkfile f 'foo' 'bar' 'baz'
	run --separate-stderr "$ISOGREP" -efoo -ebaz f
	assert_status 0
	assert_output $'foo\nbaz'
	run --separate-stderr "$ISOGREP" --regexp=foo --regexp baz f
	assert_status 0
	assert_output $'foo\nbaz'
	assert_no_stderr
}

@test "-e: options and -e after the path" {
	mkfile f 'foo' 'Foo' 'bar'
	run --separate-stderr "$ISOGREP" f -e foo -i
	assert_status 0
	assert_output $'foo\nFoo'
	assert_no_stderr
}

@test "-e: an empty pattern among others selects every line" {
	mkfile f 'foo' 'bar' ''
	run --separate-stderr "$ISOGREP" -c -e foo -e '' f
	assert_status 0
	assert_output '3'
	assert_no_stderr
}

@test "-x and -w apply to each pattern of several" {
	mkfile f 'a' 'ab' 'abc' 'b' 'x b y' 'xa'
	run --separate-stderr "$ISOGREP" -x -e a -e ab f
	assert_status 0
	assert_output $'a\nab'
	run --separate-stderr "$ISOGREP" -x $'b\nab' f
	assert_status 0
	assert_output $'ab\nb'
	run --separate-stderr "$ISOGREP" -w -e b -e xa f
	assert_status 0
	assert_output $'b\nx b y\nxa'
	mkfile pats 'a' 'abc'
	run --separate-stderr "$ISOGREP" -x -f pats f
	assert_status 0
	assert_output $'a\nabc'
	run --separate-stderr "$ISOGREP" -xF -e a -e 'x b y' f
	assert_status 0
	assert_output $'a\nx b y'
	assert_no_stderr
}

@test "a pattern containing a newline is several patterns" {
	mkfile f 'foo' 'bar' 'baz'
	run --separate-stderr "$ISOGREP" $'foo\nbaz' f
	assert_status 0
	assert_output $'foo\nbaz'
	run --separate-stderr "$ISOGREP" -e $'qux\nbar' f
	assert_status 0
	assert_output 'bar'
	assert_no_stderr
}

@test "-f FILE: one pattern per line" {
	mkfile f 'foo' 'bar' 'baz' 'a.c' 'abc'
	mkfile pats 'ba[r]' 'a\.c'
	run --separate-stderr "$ISOGREP" -f pats f
	assert_status 0
	assert_output $'bar\na.c'
	assert_no_stderr
}

@test "-f with --file= and combined with -e" {
	mkfile f 'foo' 'bar' 'baz'
	mkfile pats 'bar'
	run --separate-stderr "$ISOGREP" --file=pats -e foo f
	assert_status 0
	assert_output $'foo\nbar'
	run --separate-stderr "$ISOGREP" --file pats f
	assert_status 0
	assert_output 'bar'
	assert_no_stderr
}

@test "-f -: patterns from standard input" {
	mkfile f 'foo' 'bar' 'baz'
	run --separate-stderr bash -c 'printf "baz\nfoo\n" | "$ISOGREP" -f - f'
	assert_status 0
	assert_output $'foo\nbaz'
	assert_no_stderr
}

@test "-f of an empty file matches nothing" {
	mkfile f 'foo' ''
	mkfile empty
	run --separate-stderr "$ISOGREP" -f empty f
	assert_status 1
	assert_output ''
	assert_no_stderr
	assert_same_as_grep -f empty f
}

@test "-f: an empty line in the file matches every line" {
	mkfile f 'foo' 'bar' ''
	mkfile pats 'nomatch' ''
	run --separate-stderr "$ISOGREP" -c -f pats f
	assert_status 0
	assert_output '3'
	assert_no_stderr
}

@test "-f: a pattern file without a final newline" {
	mkfile f 'foo' 'bar'
	mkbytes pats 'zzz\nbar'
	run --separate-stderr "$ISOGREP" -f pats f
	assert_status 0
	assert_output 'bar'
	assert_no_stderr
}

@test "-f: a missing pattern file is an error" {
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" -f nopats f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'nopats'
}

# --- -F ----------------------------------------------------------------------

@test "-F: metacharacters are literal" {
	mkfile f 'a.*[](){}+?|\^$' 'abc' 'a.c' '^$' 'x|y' '(a)'
	run --separate-stderr "$ISOGREP" -F 'a.*[](){}+?|\^$' f
	assert_status 0
	assert_output 'a.*[](){}+?|\^$'
	run --separate-stderr "$ISOGREP" -F 'a.c' f
	assert_status 0
	assert_output 'a.c'
	run --separate-stderr "$ISOGREP" --fixed-strings '^$' f
	assert_status 0
	assert_output $'a.*[](){}+?|\\^$\n^$'
	run --separate-stderr "$ISOGREP" -F '|' f
	assert_status 0
	assert_output $'a.*[](){}+?|\\^$\nx|y'
	run --separate-stderr "$ISOGREP" -F '\' f
	assert_status 0
	assert_output 'a.*[](){}+?|\^$'
	run --separate-stderr "$ISOGREP" -F '\Q' f
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "-F agrees with grep -F" {
	mkfile f 'a.*[](){}+?|\^$' 'abc' 'a.c' '^$' 'x|y' '(a)' '\E.\Q' '$x'
	for pat in '.' '*' '[' ']' '(' ')' '{' '}' '+' '?' '|' '\' '^' '$' '\E' '\E.\Q' '(a)' '$x'; do
		run --separate-stderr "$ISOGREP" -F "$pat" f
		assert_same_as_grep -F "$pat" f
		assert_no_stderr
	done
}

@test "-F -i is Unicode-aware" {
	mkfile f 'école' 'ÉCOLE.' 'ecole'
	run --separate-stderr "$ISOGREP" -Fi 'ÉCOLE' f
	assert_status 0
	assert_output $'école\nÉCOLE.'
	assert_no_stderr
}

@test "-F: several strings with -e and with a newline" {
	mkfile f 'a+b' 'c.d' 'ab' 'cd'
	run --separate-stderr "$ISOGREP" -F -e 'a+b' -e 'c.d' f
	assert_status 0
	assert_output $'a+b\nc.d'
	run --separate-stderr "$ISOGREP" -F $'a+b\nc.d' f
	assert_status 0
	assert_output $'a+b\nc.d'
	assert_no_stderr
}

@test "-F with -f, -i, -w and -x" {
	mkfile f 'A.B' 'a.b.c' 'xa.by' 'a.b'
	mkfile pats 'a.b'
	run --separate-stderr "$ISOGREP" -F -f pats f
	assert_status 0
	assert_output $'a.b.c\nxa.by\na.b'
	run --separate-stderr "$ISOGREP" -Fi 'a.b' f
	assert_status 0
	assert_output $'A.B\na.b.c\nxa.by\na.b'
	run --separate-stderr "$ISOGREP" -Fw 'a.b' f
	assert_status 0
	assert_output $'a.b.c\na.b'
	run --separate-stderr "$ISOGREP" -Fx 'a.b' f
	assert_status 0
	assert_output 'a.b'
	assert_no_stderr
}

# --- case ----------------------------------------------------------------------

@test "-i and --ignore-case" {
	mkfile f 'Foo' 'FOO' 'foo' 'bar'
	run --separate-stderr "$ISOGREP" -i foo f
	assert_status 0
	assert_output $'Foo\nFOO\nfoo'
	assert_same_as_grep -Pi foo f
	run --separate-stderr "$ISOGREP" --ignore-case FoO f
	assert_status 0
	assert_output $'Foo\nFOO\nfoo'
	assert_no_stderr
}

@test "-i is Unicode-aware" {
	mkfile f 'École' 'école' 'ÉCOLE' 'ecole' 'Straße' 'ΣΊΣΥΦΟΣ'
	run --separate-stderr "$ISOGREP" -i 'école' f
	assert_status 0
	assert_output $'École\nécole\nÉCOLE'
	run --separate-stderr "$ISOGREP" -i 'σίσυφος' f
	assert_status 0
	assert_output 'ΣΊΣΥΦΟΣ'
	assert_no_stderr
}

@test "without -i matching is case-sensitive" {
	mkfile f 'Foo' 'foo'
	run --separate-stderr "$ISOGREP" Foo f
	assert_status 0
	assert_output 'Foo'
	assert_no_stderr
}

@test "-S: case-insensitive for an all-lowercase pattern" {
	mkfile f 'Foo' 'FOO' 'foo' 'bar'
	run --separate-stderr "$ISOGREP" -S foo f
	assert_status 0
	assert_output $'Foo\nFOO\nfoo'
	run --separate-stderr "$ISOGREP" --smart-case 'f.o' f
	assert_status 0
	assert_output $'Foo\nFOO\nfoo'
	assert_no_stderr
}

@test "-S: case-sensitive when the pattern has an uppercase letter" {
	mkfile f 'Foo' 'FOO' 'foo'
	run --separate-stderr "$ISOGREP" -S Foo f
	assert_status 0
	assert_output 'Foo'
	run --separate-stderr "$ISOGREP" -S -F 'F.o' <<<$'f.o\nF.o'
	assert_status 0
	assert_output 'F.o'
	assert_no_stderr
}

@test "-S: a non-ASCII uppercase letter makes it case-sensitive" {
	mkfile f 'école' 'École'
	run --separate-stderr "$ISOGREP" -S 'École' f
	assert_status 0
	assert_output 'École'
	run --separate-stderr "$ISOGREP" -S 'É' <<<'é'
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "--case-sensitive undoes -i and -S; the last of them wins" {
	mkfile f 'Foo' 'foo'
	run --separate-stderr "$ISOGREP" -i --case-sensitive foo f
	assert_status 0
	assert_output 'foo'
	run --separate-stderr "$ISOGREP" -S --case-sensitive foo f
	assert_status 0
	assert_output 'foo'
	run --separate-stderr "$ISOGREP" --case-sensitive -i foo f
	assert_status 0
	assert_output $'Foo\nfoo'
	run --separate-stderr "$ISOGREP" --case-sensitive -S foo f
	assert_status 0
	assert_output $'Foo\nfoo'
	assert_no_stderr
}

@test "-i and -S: the last one wins" {
	mkfile f 'Foo' 'foo'
	# -S last: the uppercase F makes it case-sensitive.
	run --separate-stderr "$ISOGREP" -i -S Foo f
	assert_status 0
	assert_output 'Foo'
	# -i last: case-insensitive despite the uppercase letter.
	run --separate-stderr "$ISOGREP" -S -i Foo f
	assert_status 0
	assert_output $'Foo\nfoo'
	assert_no_stderr
}

# --- -w and -x ----------------------------------------------------------------

@test "-w: the match must be a whole word" {
	mkfile f 'foo bar' 'foobar' 'barfoo' 'a_foo' 'foo-bar' 'foo' '(foo)' 'foo2' 'xfoo foo'
	run --separate-stderr "$ISOGREP" -w foo f
	assert_status 0
	assert_output $'foo bar\nfoo-bar\nfoo\n(foo)\nxfoo foo'
	assert_no_stderr
	assert_same_as_grep -Pw foo f
	run --separate-stderr "$ISOGREP" --word-regexp foo f
	assert_same_as_grep -Pw foo f
}

@test "-w applies to the whole alternation" {
	mkfile f 'ab' 'a' 'b' 'xa by' 'cab'
	run --separate-stderr "$ISOGREP" -w 'a|b' f
	assert_status 0
	assert_output $'a\nb'
	assert_no_stderr
	assert_same_as_grep -Pw 'a|b' f
}

@test "-w agrees with grep -P -w" {
	mkfile f 'foo bar' 'foobar foo' 'foo_bar' '-foo-' 'foo.' 'ffoo foo' 'afoo' '' 'x@foo y' '@foo' 'foo@ @'
	for pat in 'foo' 'fo+' 'o' 'bar' '\w+' 'foo.' 'f.*o' '@foo' 'foo@' '@' '\W'; do
		run --separate-stderr "$ISOGREP" -w "$pat" f
		assert_same_as_grep -Pw "$pat" f
		assert_no_stderr
	done
}

@test "-w: non-ASCII letters are word characters" {
	mkfile f 'café' 'caféine' 'décafé' 'un café noir'
	run --separate-stderr "$ISOGREP" -w 'café' f
	assert_status 0
	assert_output $'café\nun café noir'
	assert_no_stderr
}

@test "-x: the match must be the whole line" {
	mkfile f 'foo' 'foobar' ' foo' 'foo ' 'FOO'
	run --separate-stderr "$ISOGREP" -x foo f
	assert_status 0
	assert_output 'foo'
	assert_same_as_grep -Px foo f
	run --separate-stderr "$ISOGREP" --line-regexp 'fo+' f
	assert_status 0
	assert_output 'foo'
	run --separate-stderr "$ISOGREP" -xi foo f
	assert_status 0
	assert_output $'foo\nFOO'
	assert_no_stderr
}

@test "-x applies to the whole alternation" {
	mkfile f 'a' 'ab' 'abc' 'b'
	run --separate-stderr "$ISOGREP" -x 'a|ab' f
	assert_status 0
	assert_output $'a\nab'
	assert_no_stderr
	assert_same_as_grep -Px 'a|ab' f
}

@test "-x with an empty pattern selects the empty lines" {
	mkfile f 'a' '' 'b'
	run --separate-stderr "$ISOGREP" -nx '' f
	assert_status 0
	assert_output '2:'
	assert_no_stderr
}

# --- -v --------------------------------------------------------------------------

@test "-v selects the non-matching lines" {
	mkfile f 'foo' 'bar' 'foobar' 'baz'
	run --separate-stderr "$ISOGREP" -v foo f
	assert_status 0
	assert_output $'bar\nbaz'
	assert_no_stderr
	assert_same_as_grep -Pv foo f
	run --separate-stderr "$ISOGREP" --invert-match -e foo -e baz f
	assert_status 0
	assert_output 'bar'
}

@test "-v: every line matches, so none is selected: exit 1" {
	mkfile f 'foo' 'foo'
	run --separate-stderr "$ISOGREP" -v foo f
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "-v with -w, -x and -i" {
	mkfile f 'foo' 'foobar' 'FOO' 'foo bar'
	run --separate-stderr "$ISOGREP" -vw foo f
	assert_status 0
	assert_output $'foobar\nFOO'
	run --separate-stderr "$ISOGREP" -vx foo f
	assert_status 0
	assert_output $'foobar\nFOO\nfoo bar'
	run --separate-stderr "$ISOGREP" -vi foo f
	assert_status 1
	assert_output ''
	assert_no_stderr
}

# --- options syntax ------------------------------------------------------------

@test "options after positional arguments are options" {
	mkfile f 'foo' 'Foo'
	run --separate-stderr "$ISOGREP" foo f -i
	assert_status 0
	assert_output $'foo\nFoo'
	run --separate-stderr "$ISOGREP" foo f -n --ignore-case
	assert_status 0
	assert_output $'1:foo\n2:Foo'
	assert_no_stderr
}

@test "-- ends the options: a pattern or a path starting with '-'" {
	mkfile f 'a -x b' 'y'
	mkfile ./-x 'in dash x' 'y'
	run --separate-stderr "$ISOGREP" -- -x f
	assert_status 0
	assert_output 'a -x b'
	run --separate-stderr "$ISOGREP" dash -- -x
	assert_status 0
	assert_output 'in dash x'
	run --separate-stderr "$ISOGREP" -n y -- -x
	assert_status 0
	assert_output '2:y'
	assert_no_stderr
}

@test "short options bundle" {
	mkfile f 'Foo' 'bar' 'foo'
	run --separate-stderr "$ISOGREP" -inH foo f
	assert_status 0
	assert_output $'f:1:Foo\nf:3:foo'
	run --separate-stderr "$ISOGREP" -vc foo f
	assert_status 0
	assert_output '2'
	assert_no_stderr
}

@test "a bundle may end with an option taking an argument" {
	mkfile f 'Foo' 'bar' 'foo'
	run --separate-stderr "$ISOGREP" -nie foo f
	assert_status 0
	assert_output $'1:Foo\n3:foo'
	run --separate-stderr "$ISOGREP" -nim1 foo f
	assert_status 0
	assert_output '1:Foo'
	assert_no_stderr
}

# --- UTF-8 ----------------------------------------------------------------------

@test "UTF-8: . matches one character, not one byte" {
	mkfile f 'é' 'ab' '日本' 'e'
	run --separate-stderr "$ISOGREP" '^.$' f
	assert_status 0
	assert_output $'é\ne'
	run --separate-stderr "$ISOGREP" '^..$' f
	assert_status 0
	assert_output $'ab\n日本'
	run --separate-stderr "$ISOGREP" -o '日.' f
	assert_status 0
	assert_output '日本'
	assert_no_stderr
}

@test "UTF-8: \\w, \\d and [[:alpha:]] are Unicode-aware" {
	mkfile f 'é' '٣' '-' 'ß'
	run --separate-stderr "$ISOGREP" -x '\w' f
	assert_status 0
	assert_output $'é\n٣\nß'
	run --separate-stderr "$ISOGREP" -x '\d' f
	assert_status 0
	assert_output '٣'
	run --separate-stderr "$ISOGREP" -x '[[:alpha:]]' f
	assert_status 0
	assert_output $'é\nß'
	assert_no_stderr
}

@test "UTF-8: \\p{...} properties and \\x{...} code points" {
	mkfile f 'Ωmega' 'omega' 'snow ☃' 'καλη'
	run --separate-stderr "$ISOGREP" '\p{Greek}' f
	assert_status 0
	assert_output $'Ωmega\nκαλη'
	run --separate-stderr "$ISOGREP" '\x{2603}' f
	assert_status 0
	assert_output 'snow ☃'
	assert_no_stderr
}

@test "invalid UTF-8: never an error, valid parts still match, bytes kept" {
	mkbytes f 'ok\n\xff foo \xfe\ncaf\xe9 bar\n\xc3\n\xe2\x82 baz\nplain\n'
	run --separate-stderr "$ISOGREP" foo f
	assert_status 0
	assert_output "$(printf '\xff foo \xfe')"
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -n 'bar$' f
	assert_status 0
	assert_output "$(printf '3:caf\xe9 bar')"
	run --separate-stderr "$ISOGREP" -c 'baz|plain|ok' f
	assert_status 0
	assert_output '3'
	run --separate-stderr "$ISOGREP" -v '[a-z]' f
	assert_status 0
	assert_output "$(printf '\xc3')"
	assert_no_stderr
	# Byte for byte, final newlines included.
	"$ISOGREP" 'foo|bar|baz' f >out
	printf '\xff foo \xfe\ncaf\xe9 bar\n\xe2\x82 baz\n' | cmp - out
}

@test "invalid UTF-8 with -i, -w, -x, -F and -o" {
	mkbytes f '\xff Foo\xfe\nfoo\xff\n\xfffoo\n'
	run --separate-stderr "$ISOGREP" -ci foo f
	assert_status 0
	assert_output '3'
	run --separate-stderr "$ISOGREP" -F -c 'foo' f
	assert_status 0
	assert_output '2'
	run --separate-stderr "$ISOGREP" -x -c 'foo' f
	assert_status 1
	assert_output '0'
	run --separate-stderr "$ISOGREP" -o -i 'f\w+' f
	assert_status 0
	assert_output $'Foo\nfoo\nfoo'
	assert_no_stderr
}

@test "invalid UTF-8 in a directory walk is searched, not skipped" {
	mkbytes d/a 'x\xff\xfe match\n'
	mkfile d/b 'match'
	run --separate-stderr "$ISOGREP" -c match d
	assert_status 0
	assert_sorted_output $'d/a:1\nd/b:1'
	assert_no_stderr
}

@test "-w next to invalid UTF-8 (PCRE2 10.42 JIT bug in whole buffers)" {
	mkbytes f 'a\n\x88b\nfoo bar\n\x88foo\n'
	run --separate-stderr "$ISOGREP" -c -w '^' f
	assert_status 0
	assert_output 2
	run --separate-stderr "$ISOGREP" -n -w 'fo+' f
	assert_status 0
	assert_output $'3:foo bar\n4:\x88foo'
	assert_no_stderr
}

# --- the ASCII DFA (patterns without a required string) -------------------

@test "no required string: the ASCII DFA selects what grep -P selects" {
	# ASCII lines, lines with UTF-8 and invalid bytes (handed to PCRE2),
	# CRLF, empty lines, and a last line without a newline.
	printf '%s\n' 'int x = 1;' 'hello world again' '  tab	bed' '' \
	    'caf\xc3\xa9 au lait' 'abc def ghi jkl mno' 'x\xffyz  abc' \
	    'line\r' 'ALPHA beta' 'alpha Beta' '12 34 56' >f
	printf 'last line' >>f
	local p
	for p in '\w{5}\s+\w{5}' '^\s*$' '\d+\s\d+' '[[:alpha:]]{6,}' \
	    '^(ab|\w\w\w)\s' 'e$' '\r$' '\p{Ll}{4,}\s' '.' '(a|b|c)d?' \
	    '[^\x00-\x7f]' '^$|^x'; do
		run --separate-stderr "$ISOGREP" -a -- "$p" f
		assert_same_as_grep -a -P -- "$p" f
		run --separate-stderr "$ISOGREP" -a -c -- "$p" f
		assert_same_as_grep -a -P -c -- "$p" f
		run --separate-stderr "$ISOGREP" -a -i -c -- "$p" f
		assert_same_as_grep -a -P -i -c -- "$p" f
		run --separate-stderr "$ISOGREP" -a -x -c -- "$p" f
		assert_same_as_grep -a -P -x -c -- "$p" f
	done
}

@test "no required string: \\p{Greek} finds its lines among ASCII ones" {
	{
		for i in $(seq 1 2000); do echo "plain ascii line $i"; done
		printf 'the letter \xce\xb1 here\n'
		printf 'caf\xc3\xa9\n'
		for i in $(seq 1 2000); do echo "more ascii $i"; done
		printf '\xce\xa9 at the end'
	} >g
	run --separate-stderr "$ISOGREP" -n '\p{Greek}' g
	assert_status 0
	assert_output $'2001:the letter \xce\xb1 here\n4003:\xce\xa9 at the end'
	assert_no_stderr
}
