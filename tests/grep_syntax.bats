#!/usr/bin/env bats
# -G and -E: GNU grep's basic and extended regular expressions, checked
# against GNU grep itself on generated patterns and texts.
#
# Both tools run in a UTF-8 locale (isogrep always reads UTF-8).  The
# generator (helpers/gen_posix.awk) leaves out the few places where grep
# itself is inconsistent; it says which and why.

bats_require_minimum_version 1.5.0

load helpers/common

export LC_ALL=C.UTF-8

POSIX_PROBE="${POSIX_PROBE:-$BATS_TEST_DIRNAME/../build/posix_probe}"

# compare_generated SYNTAX N SEED: N random patterns over a random text;
# for each, grep -n and grep -on (or grep's refusal) against the probe's
# answer, which goes through isogrep's translator and matcher.
compare_generated()
{
	local syntax=$1 n=$2 seed=$3 p i=0 st
	awk -v syntax="$syntax" -v n="$n" -v seed="$seed" \
	    -f "$BATS_TEST_DIRNAME/helpers/gen_posix.awk" >patterns
	awk -v text=1 -v n=60 -v seed="$seed" \
	    -f "$BATS_TEST_DIRNAME/helpers/gen_posix.awk" >text
	while IFS= read -r p; do
		i=$((i + 1))
		echo "== $i"
		# No command substitution: a fork per pattern counts here.
		command grep "-$syntax" -n -e "$p" text 2>/dev/null &&
		    st=0 || st=$?
		if [ "$st" -eq 2 ]; then
			echo error
		else
			echo "-- o"
			command grep "-$syntax" -on -e "$p" text 2>/dev/null || :
		fi
	done <patterns >want
	run --separate-stderr "$POSIX_PROBE" "$syntax" patterns text
	assert_status 0
	assert_no_stderr
	printf '%s\n' "$output" >got
	if ! diff want got >diffs; then
		# Name the first patterns that differ.
		awk '/^== /{n=$2} {print n "\t" $0}' want >want.n
		awk '/^== /{n=$2} {print n "\t" $0}' got >got.n
		diff want.n got.n | sed -n 's/^[<>] \([0-9]*\)\t.*/\1/p' |
		    sort -un | head -5 | while read -r i; do
			printf 'pattern %s: %s\n' "$i" "$(sed -n "${i}p" patterns)"
		done
		head -40 diffs
		return 1
	fi
}

@test "-G: 1000 generated BREs select the lines and print the -o matches grep does" {
	[ -x "$POSIX_PROBE" ] || skip "no $POSIX_PROBE (make builds it)"
	compare_generated G 1000 1
}

@test "-E: 1000 generated EREs select the lines and print the -o matches grep does" {
	[ -x "$POSIX_PROBE" ] || skip "no $POSIX_PROBE (make builds it)"
	compare_generated E 1000 2
}

# same_as_grep ARGS...: isogrep with ARGS against grep with ARGS on file f.
same_as_grep()
{
	run --separate-stderr "$ISOGREP" "$@" f
	assert_same_as_grep "$@" f
}

@test "-G, -E, -P, -F: the last one given decides" {
	mkfile f 'a|b' 'a' 'ab' 'aab' 'a+b'
	# grep 3.8 refuses two different ones ("conflicting matchers"):
	# isogrep takes the last, as later greps do.
	run --separate-stderr "$ISOGREP" -E -G 'a|b' f
	assert_same_as_grep -G 'a|b' f
	run --separate-stderr "$ISOGREP" -G -E 'a|b' f
	assert_same_as_grep -E 'a|b' f
	run --separate-stderr "$ISOGREP" -E -F 'a|b' f
	assert_same_as_grep -F 'a|b' f
	run --separate-stderr "$ISOGREP" -F -E 'a+b' f
	assert_same_as_grep -E 'a+b' f
	run --separate-stderr "$ISOGREP" -G -P 'a\|b' f
	assert_same_as_grep -P 'a\|b' f
}

@test "-G and -E: anchors and back-references in groups, alternation, -o longest" {
	mkfile f 'ab' 'abab' 'xab' 'a^b' 'b$a' 'abcabc' 'aa' 'ba'
	same_as_grep -G '\(^a\)'
	same_as_grep -G 'x\|^a'
	same_as_grep -G 'a^b'
	same_as_grep -G 'b$a'
	same_as_grep -G '\(ab\)\1'
	same_as_grep -G -o '\(a\|ab\)\(c\|bcd\)*'
	same_as_grep -E -o 'a|ab|abc'
	same_as_grep -E -o '(a|ab)\1'
	same_as_grep -E -x '(ab)+'
	same_as_grep -E -w 'ab|abab'
	same_as_grep -G -i 'A[[:upper:]]'
	same_as_grep -E -c '^(a|b)$|\<x'
}

@test "-G and -E: a pattern grep refuses is refused with grep's message" {
	mkfile f 'a'
	for p in '\(a' 'a\{1' '[a' 'a\' '\(a\)\2' '[[:foo:]]' '[z-a]'; do
		run --separate-stderr "$ISOGREP" -G "$p" f
		assert_status 2
		[ -z "$output" ]
		assert_stderr "isogrep: $(command grep -G "$p" f 2>&1 >/dev/null | sed 's/^grep: //')"
	done
	run --separate-stderr "$ISOGREP" -E 'a{2,1}' f
	assert_status 2
	assert_stderr 'isogrep: Invalid content of \{\}'
}
