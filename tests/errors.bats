#!/usr/bin/env bats
# Exit status and error reporting: bad patterns, missing and unreadable paths,
# -s, usage errors, --help and a broken pipe.  Errors never abort the search:
# the other paths are still searched and the exit status becomes 2.

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/perm

teardown()
{
	perm_teardown
}

# --- exit status ------------------------------------------------------------------

@test "exit 0 when a line is selected, 1 when none is" {
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" foo f
	assert_status 0
	assert_output 'foo'
	run --separate-stderr "$ISOGREP" bar f
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "exit 0 when any file of a walk has a selected line" {
	mkfile d/a 'x'
	mkfile d/b 'x'
	mkfile d/c 'foo'
	run --separate-stderr "$ISOGREP" -q foo d
	assert_status 0
	run --separate-stderr "$ISOGREP" -c --include-zero foo d
	assert_status 0
	assert_sorted_output $'d/a:0\nd/b:0\nd/c:1'
	assert_no_stderr
}

# --- bad patterns ---------------------------------------------------------------

@test "a bad pattern: PCRE2's message and offset on stderr, exit 2" {
	mkfile f 'a(b'
	run --separate-stderr "$ISOGREP" 'a(b' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'isogrep:'
	assert_contains "$stderr" 'missing closing parenthesis'
	assert_contains "$stderr" 'at offset 3'
}

@test "other bad patterns and their offsets" {
	mkfile f 'x'
	run --separate-stderr "$ISOGREP" '[a' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'missing terminating ] for character class'
	assert_contains "$stderr" 'at offset 2'
	run --separate-stderr "$ISOGREP" 'a)b' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'unmatched closing parenthesis'
	assert_contains "$stderr" 'at offset 1'
	run --separate-stderr "$ISOGREP" 'a{2,1}' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'numbers out of order in {} quantifier'
	assert_contains "$stderr" 'at offset 5'
	run --separate-stderr "$ISOGREP" '*a' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'quantifier does not follow a repeatable item'
	assert_contains "$stderr" 'at offset 0'
	run --separate-stderr "$ISOGREP" 'x\' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" '\ at end of pattern'
}

# assert_no_raw_controls: the last run's stderr holds no control byte but
# newlines and tabs (ESC, BEL, CR, ... and the C1 controls in UTF-8).
assert_no_raw_controls()
{
	if printf '%s' "$stderr" | LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]'; then
		echo "raw control bytes on stderr:"
		printf '%s\n' "$stderr" | od -c | head -n 10
		return 1
	fi
}

@test "a bad pattern holding control characters: the message shows them escaped" {
	mkfile f x
	run --separate-stderr "$ISOGREP" $'(\e[31m' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" "isogrep: invalid pattern '(^[[31m': "
	assert_no_raw_controls
	# -e, -f and -F -x: every pattern message; a C1 control and DEL too.
	printf '(\a\177\xc2\x9b\n' >pats
	run --separate-stderr "$ISOGREP" -f pats f
	assert_status 2
	assert_contains "$stderr" "invalid pattern '(^G^?\\u009b'"
	assert_no_raw_controls
	# Other messages that quote what the user typed.
	run --separate-stderr "$ISOGREP" --sort=$'p\e]0;t\a' x f
	assert_status 2
	assert_stderr "isogrep: invalid argument 'p^[]0;t^G' for --sort: expected 'path', 'modified', 'accessed', 'created', 'size' or 'none'"
	run --separate-stderr "$ISOGREP" $'--no-such\e[2J' x f
	assert_status 2
	assert_contains "$stderr" "unknown option '--no-such^[[2J'"
	assert_no_raw_controls
	run --separate-stderr "$ISOGREP" -g $'[\r' x f
	assert_status 2
	assert_contains "$stderr" "invalid glob '[^M'"
	assert_no_raw_controls
}

@test "a bad pattern is reported before any file is read" {
	mkfile f 'x'
	mkfifo fifo
	# Opening the FIFO would block: the error must come first.
	run --separate-stderr timeout 10 "$ISOGREP" 'a(b' f missing fifo
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'missing closing parenthesis'
	case $stderr in
	*missing:*) echo "a path was opened before the pattern was compiled"; show; false ;;
	esac
}

@test "a bad pattern with no path does not read stdin or the directory" {
	mkfile f 'a(b'
	mkfifo fifo
	# stdin: a FIFO opened read-write, so reading it would block forever.
	run --separate-stderr timeout 10 "$ISOGREP" 'a(b' <>fifo
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'missing closing parenthesis'
	run --separate-stderr "$ISOGREP" 'a(b' </dev/null
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'missing closing parenthesis'
}

@test "a bad pattern among -e patterns, in -f, with -q or -s: exit 2" {
	mkfile f 'ok'
	mkfile pats 'ok' 'a(b'
	run --separate-stderr "$ISOGREP" -e ok -e 'a(b' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'missing closing parenthesis'
	run --separate-stderr "$ISOGREP" -f pats f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'missing closing parenthesis'
	run --separate-stderr "$ISOGREP" -q 'a(b' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'missing closing parenthesis'
	# -s only silences messages about files.
	run --separate-stderr "$ISOGREP" -s 'a(b' f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'missing closing parenthesis'
}

@test "-F makes a bad regex a valid literal" {
	mkfile f 'a(b' 'ab'
	run --separate-stderr "$ISOGREP" -F 'a(b' f
	assert_status 0
	assert_output 'a(b'
	assert_no_stderr
}

# --- missing paths -------------------------------------------------------------------

@test "a missing path: the message, the others still searched, exit 2" {
	mkfile f 'foo f'
	mkfile g 'foo g'
	run --separate-stderr "$ISOGREP" foo f missing g
	assert_status 2
	assert_sorted_output $'f:foo f\ng:foo g'
	assert_stderr 'isogrep: missing: No such file or directory'
}

@test "a missing path alone: exit 2, no output" {
	run --separate-stderr "$ISOGREP" foo missing
	assert_status 2
	assert_output ''
	assert_stderr 'isogrep: missing: No such file or directory'
}

@test "a missing path is named as given" {
	mkdir d
	run --separate-stderr "$ISOGREP" foo d/no/such/file ./nope
	assert_status 2
	assert_output ''
	[ "$(printf '%s\n' "$stderr" | sort)" = $'isogrep: ./nope: No such file or directory\nisogrep: d/no/such/file: No such file or directory' ] || { show; false; }
	run --separate-stderr "$ISOGREP" foo d/no/such/file
	assert_stderr 'isogrep: d/no/such/file: No such file or directory'
	run --separate-stderr "$ISOGREP" foo d ./nope
	assert_status 2
	assert_stderr 'isogrep: ./nope: No such file or directory'
}

@test "a missing path with a directory and -c, -l, -n" {
	mkfile d/a 'foo'
	mkfile d/b 'bar'
	run --separate-stderr "$ISOGREP" -c --include-zero foo d missing
	assert_status 2
	assert_sorted_output $'d/a:1\nd/b:0'
	assert_stderr 'isogrep: missing: No such file or directory'
	run --separate-stderr "$ISOGREP" -l foo missing d
	assert_status 2
	assert_output 'd/a'
	assert_stderr 'isogrep: missing: No such file or directory'
	run --separate-stderr "$ISOGREP" -n foo missing d/a
	assert_status 2
	assert_output 'd/a:1:foo'
	assert_stderr 'isogrep: missing: No such file or directory'
}

@test "two missing paths: two messages" {
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" foo m1 f m2
	assert_status 2
	assert_output 'f:foo'
	[ "$(printf '%s\n' "$stderr" | sort)" = $'isogrep: m1: No such file or directory\nisogrep: m2: No such file or directory' ] || { show; false; }
}

@test "-s suppresses the message, exit status still 2" {
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" -s foo f missing
	assert_status 2
	assert_output 'f:foo'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --no-messages foo missing
	assert_status 2
	assert_output ''
	assert_no_stderr
}

@test "a missing path with -q and a selected line: exit 0" {
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" -q foo missing f
	assert_status 0
	assert_output ''
	# Whether the message came before the first match is free.
	[ -z "$stderr" ] || assert_stderr 'isogrep: missing: No such file or directory'
	run --separate-stderr "$ISOGREP" -qs foo f missing
	assert_status 0
	assert_output ''
	assert_no_stderr
}

@test "a missing path with -q and no selected line: exit 2" {
	mkfile f 'bar'
	run --separate-stderr "$ISOGREP" -q foo missing f
	assert_status 2
	assert_output ''
	assert_stderr 'isogrep: missing: No such file or directory'
}

@test "a dangling symlink named on the command line is a missing file" {
	ln -s nowhere dangling
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" foo dangling f
	assert_status 2
	assert_output 'f:foo'
	assert_stderr 'isogrep: dangling: No such file or directory'
}

# --- unreadable files and directories ------------------------------------------------

@test "an unreadable file named explicitly: Permission denied, exit 2" {
	perm_setup
	mkfile locked 'foo locked'
	mkfile open 'foo open'
	chmod 000 locked
	chmod 644 open
	run --separate-stderr unprivileged "$ISOGREP" foo locked open
	assert_status 2
	assert_output 'open:foo open'
	assert_stderr 'isogrep: locked: Permission denied'
}

@test "an unreadable file in a walk: Permission denied, the walk goes on" {
	perm_setup
	mkfile d/a 'foo a'
	mkfile d/locked 'foo locked'
	mkfile d/sub/b 'foo b'
	chmod 000 d/locked
	run --separate-stderr unprivileged "$ISOGREP" foo d
	assert_status 2
	assert_sorted_output $'d/a:foo a\nd/sub/b:foo b'
	assert_stderr 'isogrep: d/locked: Permission denied'
}

@test "an unreadable directory in a walk: Permission denied, the walk goes on" {
	perm_setup
	mkfile d/a 'foo a'
	mkfile d/locked/inside 'foo inside'
	mkfile d/z/b 'foo b'
	chmod 000 d/locked
	run --separate-stderr unprivileged "$ISOGREP" foo d
	assert_status 2
	assert_sorted_output $'d/a:foo a\nd/z/b:foo b'
	assert_stderr 'isogrep: d/locked: Permission denied'
}

@test "an unreadable directory named explicitly" {
	perm_setup
	mkfile locked/inside 'foo inside'
	mkfile f 'foo f'
	chmod 000 locked
	run --separate-stderr unprivileged "$ISOGREP" foo locked f
	assert_status 2
	assert_output 'f:foo f'
	assert_stderr 'isogrep: locked: Permission denied'
}

@test "an unreadable file in the implicit '.' walk" {
	perm_setup
	mkfile a 'foo a'
	mkfile locked 'foo locked'
	chmod 000 locked
	run --separate-stderr unprivileged "$ISOGREP" foo </dev/null
	assert_status 2
	assert_output 'a:foo a'
	assert_stderr 'isogrep: locked: Permission denied'
}

@test "-s suppresses Permission denied, exit status still 2" {
	perm_setup
	mkfile d/a 'foo a'
	mkfile d/locked 'foo locked'
	mkfile d/ldir/x 'foo x'
	chmod 000 d/locked d/ldir
	run --separate-stderr unprivileged "$ISOGREP" -s foo d
	assert_status 2
	assert_output 'd/a:foo a'
	assert_no_stderr
}

# --- usage --------------------------------------------------------------------------

@test "--help prints the usage on stdout, exit 0" {
	run --separate-stderr "$ISOGREP" --help
	assert_status 0
	assert_no_stderr
	assert_contains "$output" 'isogrep'
	assert_contains "$output" 'PATTERN'
	for opt in --regexp --file --fixed-strings --ignore-case --smart-case \
	    --case-sensitive --word-regexp --line-regexp --invert-match \
	    --line-number --with-filename --no-filename --count \
	    --files-with-matches --files-without-match --only-matching \
	    --quiet --max-count --no-messages --text --recursive --threads \
	    --help; do
		assert_contains "$output" "$opt"
	done
}

@test "--help needs no pattern and reads no input" {
	mkfifo fifo
	run --separate-stderr timeout 10 "$ISOGREP" --help <>fifo
	assert_status 0
	assert_contains "$output" 'isogrep'
	assert_no_stderr
}

@test "an unknown long option: an error naming it, exit 2" {
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" --frobnicate foo f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'frobnicate'
	run --separate-stderr "$ISOGREP" foo f --frobnicate=3
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'frobnicate'
}

@test "an unknown short option: an error naming it, exit 2" {
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" -% foo f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" '%'
	run --separate-stderr "$ISOGREP" -n% foo f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" '%'
}

@test "a missing option argument: exit 2" {
	mkfile f 'foo'
	for args in 'foo f -m' 'foo f --max-count' '-e' '--regexp' 'foo f -f' 'foo f -j' 'foo f --threads'; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args </dev/null
		assert_status 2
		assert_output ''
		[ -n "$stderr" ] || { echo "no message for: $args"; show; false; }
	done
}

@test "a number too big for its option: out of range, with the range" {
	mkfile f 'foo'
	local n
	for n in 1025 100000 99999999999999999999999; do
		run --separate-stderr "$ISOGREP" -j "$n" foo f
		assert_status 2
		assert_output ''
		assert_stderr "isogrep: invalid argument '$n' for --threads: out of range (1 to 1024)"
	done
	run --separate-stderr "$ISOGREP" --match-limit 4294967296 foo f
	assert_status 2
	assert_stderr "isogrep: invalid argument '4294967296' for --match-limit: out of range (0 to 4294967295)"
	# Not a number at all is still said so; the bounds themselves work.
	run --separate-stderr "$ISOGREP" -j 1x foo f
	assert_status 2
	assert_stderr "isogrep: invalid argument '1x' for --threads: expected a number"
	for n in 0 1 1024; do
		run --separate-stderr "$ISOGREP" -j "$n" foo f
		assert_status 0
		assert_output 'foo'
		assert_no_stderr
	done
}

@test "no pattern at all: exit 2" {
	run --separate-stderr "$ISOGREP" </dev/null
	assert_status 2
	assert_output ''
	[ -n "$stderr" ] || { show; false; }
}

# --- broken pipe ---------------------------------------------------------------------

@test "a broken pipe ends the search at once, silently (one file)" {
	yes x | head -n 200000 >big
	timeout 10 "$ISOGREP" x big 2>err | head -n 1 >out
	st=${PIPESTATUS[0]}
	[ "$st" -eq 0 ] || [ "$st" -eq 141 ] || { echo "exit status $st"; cat err; false; }
	[ "$(cat out)" = x ]
	[ ! -s err ] || { echo "stderr:"; cat err; false; }
}

@test "a broken pipe ends the search at once, silently (a tree)" {
	for i in $(seq 1 40); do
		mkdir -p "d/$((i % 5))"
		yes "line $i" | head -n 10000 >"d/$((i % 5))/f$i"
	done
	timeout 10 "$ISOGREP" -n line d 2>err | head -n 1 >out
	st=${PIPESTATUS[0]}
	[ "$st" -eq 0 ] || [ "$st" -eq 141 ] || { echo "exit status $st"; cat err; false; }
	[ "$(wc -l <out)" -eq 1 ]
	[ ! -s err ] || { echo "stderr:"; cat err; false; }
}

@test "a broken pipe with -o, -c and -l is silent too" {
	yes 'x x' | head -n 200000 >big
	for opt in -o -c -l -n; do
		timeout 10 "$ISOGREP" "$opt" x big big 2>err | head -c 1 >/dev/null
		st=${PIPESTATUS[0]}
		[ "$st" -eq 0 ] || [ "$st" -eq 141 ] || { echo "$opt: exit status $st"; cat err; false; }
		[ ! -s err ] || { echo "$opt: stderr:"; cat err; false; }
	done
}
