#!/usr/bin/env bats
# Patterns that fight back: catastrophic backtracking, deep recursion in
# JIT code, huge repetition counts, deep nesting and huge pattern lists.
# Each ends with a clear error or a correct answer, never a crash or a
# hang.  Issue 4 (reliability).

# status, output, stderr and lines are set by bats' `run`.
# shellcheck disable=SC2154

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/faults

# a_times N: N letters a.
a_times()
{
	head -c "$1" /dev/zero | tr '\0' a
}

# assert_clean_end: the last run neither crashed nor timed out, and its
# status is 0, 1 or 2; an error (2) comes with a message.
assert_clean_end()
{
	if [ "$status" -gt 2 ]; then
		echo "crashed or timed out"
		show
		return 1
	fi
	if [ "$status" -eq 2 ] && [ -z "$stderr" ]; then
		echo "exit status 2 without a message"
		show
		return 1
	fi
}

# --- the match limit ----------------------------------------------------------------
#
# Patterns without a required string go to the ASCII DFA (src/match/dfa.c), which
# decides (a+)+$ on ASCII lines with no backtracking at all.  The \b in
# (a+)+\b$ keeps these tests on PCRE2 alone: \b changes nothing here but
# is not in the DFA's subset.

@test "catastrophic backtracking on ASCII lines: the DFA decides, no limit hit" {
	printf 'aaa\n%sb\naa\nb\naaaa\n' "$(a_times 40)" >f
	run --separate-stderr timeout 10 "$ISOGREP" -n '(a+)+$' f
	assert_status 0
	assert_output $'1:aaa\n3:aa\n5:aaaa'
	assert_no_stderr
	# Explicit limits are PCRE2's: then PCRE2 matches every line.
	run --separate-stderr timeout 10 "$ISOGREP" -n --match-limit=100000 '(a+)+$' f
	assert_status 2
	assert_output $'1:aaa\n3:aa\n5:aaaa'
	assert_stderr 'isogrep: f:2: match limit exceeded'
}

@test "catastrophic backtracking in one file: FILE:LINE: match limit exceeded, the rest printed" {
	printf 'aaa\n%sb\naa\nb\naaaa\n' "$(a_times 40)" >f
	run --separate-stderr timeout 10 "$ISOGREP" -n '(a+)+\b$' f
	assert_status 2
	assert_output $'1:aaa\n3:aa\n5:aaaa'
	assert_stderr 'isogrep: f:2: match limit exceeded'
	# The line number is right without -n, with -c and from stdin.
	run --separate-stderr timeout 10 "$ISOGREP" -c '(a+)+\b$' f
	assert_status 2
	assert_output 3
	assert_stderr 'isogrep: f:2: match limit exceeded'
	run --separate-stderr timeout 10 "$ISOGREP" '(a+)+\b$' <f
	assert_status 2
	assert_output $'aaa\naa\naaaa'
	assert_stderr 'isogrep: (standard input):2: match limit exceeded'
}

@test "catastrophic backtracking in a tree: the other files printed, exit 2" {
	local i
	mkdir -p d/sub
	printf 'x\nx\naa\nx\n%sb\naaa\n' "$(a_times 40)" >d/sub/bad
	for i in $(seq 1 20); do
		printf 'a%.0s' $(seq 1 "$i") >"d/ok$i"
		printf '\n' >>"d/ok$i"
	done
	run --separate-stderr timeout 10 "$ISOGREP" -j 4 -n '(a+)+\b$' d
	assert_status 2
	assert_stderr 'isogrep: d/sub/bad:5: match limit exceeded'
	[ "${#lines[@]}" -eq 22 ] || { show; false; }
	assert_contains "$output" 'd/sub/bad:3:aa'
	assert_contains "$output" 'd/sub/bad:6:aaa'
	assert_contains "$output" "d/ok20:1:$(a_times 20)"
	# -q stops at the first selected line: exit 0 whatever came before.
	run --separate-stderr timeout 10 "$ISOGREP" -q '(a+)+\b$' d
	assert_status 0
	assert_output ''
}

@test "--match-limit: a tiny limit fails a plain regex, a large one lets a hard one finish" {
	printf '%s x\nshort ax\n' "$(a_times 5000)" >long
	# Lazy .*? steps once per character: 5,000 steps on the long line.
	run --separate-stderr timeout 10 "$ISOGREP" -c 'a.*?x' long
	assert_status 0
	assert_output 2
	assert_no_stderr
	run --separate-stderr timeout 10 "$ISOGREP" -c --match-limit=100 'a.*?x' long
	assert_status 2
	assert_output 1
	assert_stderr 'isogrep: long:1: match limit exceeded'
	run --separate-stderr timeout 10 "$ISOGREP" -c --match-limit 100 'a.*?x' long
	assert_status 2
	assert_stderr 'isogrep: long:1: match limit exceeded'
	# (a+)+\b$ on 24 a's and a b: about 2^24 steps, over PCRE2's default
	# limit of 10,000,000 but well under 10^9.
	printf '%sb\naaa\n' "$(a_times 24)" >hard
	run --separate-stderr timeout 10 "$ISOGREP" -c '(a+)+\b$' hard
	assert_status 2
	assert_output 1
	assert_stderr 'isogrep: hard:1: match limit exceeded'
	run --separate-stderr timeout 10 "$ISOGREP" -c --match-limit=1000000000 '(a+)+\b$' hard
	assert_status 0
	assert_output 1
	assert_no_stderr
}

@test "--match-limit with a bad number: a usage error" {
	mkfile f x
	for n in abc -1 '' 1x; do
		run --separate-stderr "$ISOGREP" --match-limit="$n" x f
		assert_status 2
		assert_output ''
		assert_contains "$stderr" 'match-limit'
	done
}

# --- the JIT stack ------------------------------------------------------------------

@test "deep recursion in JIT code on a 1 MB line: the stack grows, the line matches" {
	{ a_times 1000000 | sed 's/aa/ab/g'; echo c; } >jit
	printf 'abc\nnothing\n' >>jit
	for p in '(a|b)*c' '(?:(a)|b)*c' '^(a|b)*c$'; do
		run --separate-stderr timeout 10 "$ISOGREP" -c "$p" jit
		assert_status 0
		assert_output 2
		assert_no_stderr
	done
	# The matching line is printed whole.
	timeout 10 "$ISOGREP" -m 1 '(a|b)*c' jit >got
	head -n 1 jit | cmp - got
}

# --- patterns too big to compile ---------------------------------------------------

@test "a repetition count of a million: a clear error" {
	mkfile f aaa
	run --separate-stderr timeout 10 "$ISOGREP" 'a{1000000}' f
	assert_clean_end
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'number too big in {} quantifier'
	# The largest count PCRE2 allows compiles and runs.
	run --separate-stderr timeout 10 "$ISOGREP" -c 'a{65535}' f
	assert_clean_end
	assert_status 1
	assert_output 0
	run --separate-stderr timeout 10 "$ISOGREP" -c '(?:a{1000}){1000}' f
	assert_clean_end
	[ "$status" -le 1 ] || assert_contains "$stderr" 'isogrep:'
}

@test "100,000 nested parentheses in a -f file: a clear error, no crash" {
	local open close
	open=$(printf '(%.0s' $(seq 1 100000))
	close=$(printf ')%.0s' $(seq 1 100000))
	printf '%sa%s\n' "$open" "$close" >pat
	mkfile f 'a' 'b'
	run --separate-stderr timeout 10 "$ISOGREP" -f pat f
	assert_clean_end
	if [ "$status" -eq 0 ]; then
		assert_output a
	else
		assert_status 2
		assert_output ''
		assert_contains "$stderr" 'too deeply nested'
		# The message is one line, not the whole 200 KB pattern.
		[ "${#stderr}" -lt 4096 ] || { echo "${#stderr} bytes of message"; false; }
	fi
	# Non-capturing and inside a class: the same.
	open=$(printf '(?:%.0s' $(seq 1 100000))
	printf '%sa%s' "$open" "$close" >pat2
	run --separate-stderr timeout 10 "$ISOGREP" -c -f pat2 f
	assert_clean_end
	[ "$status" -eq 2 ] || assert_output 1
}

@test "a 40,000-line pattern file without a final newline: an error or the right answer" {
	seq 1 40000 | sed 's/^/word/' | head -c -1 >pats
	[ "$(tail -c 9 pats)" = word40000 ]
	printf 'word39999 here\nword40000\nnothing\nword1\nwordx\n' >in
	for opt in '' -F -w -x; do
		# shellcheck disable=SC2086
		run --separate-stderr timeout 10 "$ISOGREP" -c $opt -f pats in
		assert_clean_end
		if [ "$status" -ne 2 ]; then
			assert_status 0
			case $opt in
			-x) assert_output 2 ;;
			*) assert_output 3 ;;
			esac
		fi
	done
	# A small pattern file without a final newline: its last line counts.
	printf 'foo\nword40000' >small
	run --separate-stderr timeout 10 "$ISOGREP" -f small in
	assert_status 0
	assert_output 'word40000'
}
