#!/usr/bin/env bats
# Pattern sets (issue 11): several patterns, each its own pattern; lists
# of thousands of strings and regexes; --and, --not, --all-match; errors
# that name the pattern.  Every expected answer comes from GNU grep,
# pcre2grep or a grep pipeline run here on generated input.

bats_require_minimum_version 1.5.0

load helpers/common

# The generated texts are ASCII: both tools agree on case and words.
export LC_ALL=C.UTF-8

# gen_words N SEED: N distinct identifiers, one a line.
gen_words()
{
	awk -v n="$1" -v seed="$2" 'BEGIN {
		srand(seed); split("abcdefghijklmnopqrstuvwxyz_", c, "")
		while (count < n) {
			w = ""; len = 3 + int(rand() * 7)
			for (i = 0; i < len; i++) w = w c[1 + int(rand() * 27)]
			if (!(w in seen)) { seen[w] = 1; print w; count++ }
		}
	}'
}

# gen_text WORDS LINES SEED: lines of words, some from the file WORDS (some
# of those in upper case, some glued to others), some random.
gen_text()
{
	awk -v lines="$2" -v seed="$3" '
	NR == FNR { w[++n] = $0; next }
	END {
		srand(seed); split("abcdefghijklmnopqrstuvwxyz_", c, "")
		for (l = 0; l < lines; l++) {
			out = ""; k = int(rand() * 7)
			for (j = 0; j < k; j++) {
				r = rand()
				if (r < 0.3) t = w[1 + int(rand() * n)]
				else { t = ""; len = 2 + int(rand() * 8)
					for (i = 0; i < len; i++)
						t = t c[1 + int(rand() * 27)] }
				if (rand() < 0.1) t = toupper(t)
				sep = rand() < 0.1 ? "" : " "
				out = out (j ? sep : "") t
			}
			if (rand() < 0.01) out = w[1 + int(rand() * n)]
			print out
		}
	}' "$1" /dev/null
}

# same_as_grep OPTIONS...: isogrep and GNU grep (C locale, ASCII text)
# give the same output for -f list over text.
same_as_grep()
{
	local want
	want=$(LC_ALL=C command grep "$@" -f list text)
	run --separate-stderr "$ISOGREP" "$@" -f list text
	[ "$status" -le 1 ] || { echo "status $status: $stderr"; false; }
	[ "$output" = "$want" ] || {
		echo "options: $*"
		diff <(echo "$want") <(echo "$output") | head -20
		false
	}
}

@test "back-references and group names belong to their own pattern" {
	awk 'BEGIN { srand(3); split("akb", c, "")
		for (l = 0; l < 300; l++) { s = ""
			for (i = 0; i < 6; i++) s = s c[1 + int(rand() * 3)]
			print s } }' >text
	for opts in '' -v -c -o -n; do
		# shellcheck disable=SC2086
		want=$(pcre2grep $opts -e '(k)\1' -e '(a)\1' text)
		# shellcheck disable=SC2086
		run "$ISOGREP" $opts -e '(k)\1' -e '(a)\1' text
		[ "$output" = "$want" ] || { echo "opts: $opts"; false; }
		# shellcheck disable=SC2086
		want=$(pcre2grep $opts -e '(?<n>k)\k<n>' -e '(?<n>a)b' text)
		# shellcheck disable=SC2086
		run "$ISOGREP" $opts -e '(?<n>k)\k<n>' -e '(?<n>a)b' text
		[ "$output" = "$want" ] || { echo "names, opts: $opts"; false; }
	done
	# -E: grep's own back-references, per pattern.
	want=$(command grep -E -e '(k)\1' -e '(a)\1' text)
	run "$ISOGREP" -E -e '(k)\1' -e '(a)\1' text
	[ "$output" = "$want" ]
}

# (-w: pcre2grep's \b and grep's lookarounds agree where a pattern begins
# and ends with a word character.)
@test "verbs and \\Q belong to their own pattern, also with -w" {
	printf '%s\n' a.b axb 'a b' ab 'x(*a' 'é' b QaE >text
	for opts in '' -w -o -v; do
		for pats in "-e \\Qa. -e b" "-e (*UCP)\\w -e x" \
		    "-e \\Qa -e (*UTF)b" "-e \\Qa.b\\E -e \\Qx(*a"; do
			# shellcheck disable=SC2086
			want=$(pcre2grep -u $opts $pats text) || :
			# shellcheck disable=SC2086
			run --separate-stderr "$ISOGREP" $opts $pats text
			[ "$status" -le 1 ] || { echo "$pats: $stderr"; false; }
			[ "$output" = "$want" ] || { echo "$opts $pats"; false; }
		done
	done
}

@test "a pattern that is not UTF-8 leaves -i folding the others' letters" {
	# Joined into one program, the byte pattern took the others out of
	# UTF mode: -i no longer matched É with é (found by fuzz_searcher).
	printf '%s\n' 'CAFÉ' 'café au lait' Cafe 'École' plain 'ÉCOLE x' >text
	for opts in -i '-F -i' '-i -v' '-i -c' '-i -o' '-i -w'; do
		# shellcheck disable=SC2086
		want=$(command grep $opts -e $'\xee' -e café -e éc text) || :
		# shellcheck disable=SC2086
		run "$ISOGREP" $opts -e $'\xee' -e café -e éc text
		[ "$output" = "$want" ] || { echo "$opts"; show; false; }
	done
}

@test "-o: leftmost, then longest across patterns; empty matches hide nothing" {
	awk 'BEGIN { srand(5); split("abcx", c, "")
		for (l = 0; l < 300; l++) { s = ""
			for (i = 0; i < 8; i++) s = s c[1 + int(rand() * 4)]
			print s } }' >text
	for pats in "-e ab -e abc" "-e x* -e ab -e abc" "-e b -e x* -e bc" \
	    "-e a*b -e ab*c -e c" "-e c* -e b*"; do
		# shellcheck disable=SC2086
		want=$(command grep -E -on $pats text) || :
		for syntax in -E -P; do
			# shellcheck disable=SC2086
			run "$ISOGREP" "$syntax" -on $pats text
			[ "$output" = "$want" ] ||
			    { echo "$syntax $pats"; false; }
		done
	done
	want=$(command grep -F -o -e ab -e abc -e bca text)
	run "$ISOGREP" -F -o -e ab -e abc -e bca text
	[ "$output" = "$want" ]
}

@test "5,000 strings: exact answers with -F and -i -w -x -v -c -o" {
	gen_words 5000 11 >list
	gen_text list 4000 12 >text
	for opts in -c "-c -i -w" "-c -x" "-c -v" "-o -i" "-o -w" -n; do
		# shellcheck disable=SC2086
		same_as_grep -F $opts
	done
}

@test "50,000 strings: exact counts with -F and -i -w -x -v, and -o" {
	gen_words 50000 21 >list
	gen_text list 3000 22 >text
	for opts in -c "-c -i -w" "-c -v -x" -o; do
		# shellcheck disable=SC2086
		same_as_grep -F $opts
	done
}

@test "1,000 regexes: the lines grep -E selects, also with -i and -o" {
	gen_words 1000 31 | sed 's/.*/\\b&\\w*\\(/' >list
	gen_words 1000 31 >words
	gen_text words 4000 32 | awk '{ print rand() < 0.3 ? $0 "(x)" : $0 }' \
	    >text
	for opts in -c "-c -i" -o; do
		# shellcheck disable=SC2086
		same_as_grep -E $opts
	done
	run --separate-stderr "$ISOGREP" -P -c -f list text
	[ "$output" = "$(LC_ALL=C command grep -E -c -f list text)" ]
}

@test "--and and --not select what a grep | grep | grep -v pipeline does" {
	gen_words 200 41 >words
	gen_text words 5000 42 >text
	a=$(sed -n 1p words) b=$(sed -n 2p words) c=$(sed -n 3p words)
	want=$(command grep -e "$a" -e "$b" -e "$c" text |
	    command grep -e "$(sed -n 7p words)" -e e |
	    command grep -v -e "$(sed -n 4p words)")
	[ -n "$want" ]
	run "$ISOGREP" -e "$a" -e "$b" -e "$c" --and "$(sed -n 7p words)|e" \
	    --not "$(sed -n 4p words)" text
	[ "$output" = "$want" ]
	# Many conditions, -i -w -F, and counts.
	want=$(command grep -i -w -F -e "$a" -e "$b" -e "$c" text |
	    command grep -i -w -F -e e |
	    command grep -v -i -w -F -e "$(sed -n 5p words)" |
	    command grep -v -i -w -F -e "$(sed -n 6p words)" | wc -l)
	run "$ISOGREP" -c -i -w -F -e "$a" -e "$b" -e "$c" --and e \
	    --not "$(sed -n 5p words)" --not "$(sed -n 6p words)" text
	[ "$output" = "$want" ]
	# Regexes; two --and.
	want=$(command grep -E -e 'a.c' -e '^b' text | command grep -E -e 'e' |
	    command grep -P -e 'o\w' | command grep -v -E -e 'x')
	[ -n "$want" ]
	run "$ISOGREP" -e 'a.c' -e '^b' --and e --and 'o\w' --not x text
	[ "$output" = "$want" ]
	# -v inverts the whole condition.
	want=$(command grep -e "$a" -e "$b" text | command grep -c -e e)
	run "$ISOGREP" -v -c -e "$a" -e "$b" --and e text
	[ "$output" -eq "$(($(wc -l <text) - want))" ]
}

@test "--and and --not: only -e patterns are reported as matches (-o)" {
	printf '%s\n' 'error user=bob' 'error health' 'fatal user=x ok' \
	    'user=y' >text
	want=$(command grep -E -e error -e fatal text | command grep -P 'user=\w+' |
	    command grep -v healthcheck | command grep -oE -e error -e fatal)
	run "$ISOGREP" -o -e error -e fatal --not healthcheck \
	    --and 'user=\w+' text
	[ "$output" = "$want" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "--all-match -l lists the files where every pattern matches" {
	gen_words 30 51 >words
	for i in $(seq 1 40); do
		gen_text words 20 "$((60 + i))" >"f$i"
	done
	a=$(sed -n 1p words) b=$(sed -n 2p words) c=$(sed -n 3p words)
	want=$(for f in $(seq 1 40); do
		command grep -q -e "$a" "f$f" && command grep -q -e "$b" "f$f" &&
		    command grep -q -e "$c" "f$f" && echo "f$f"
	done | sort)
	run "$ISOGREP" --all-match -l -e "$a" -e "$b" -e "$c" -- f*
	[ "$(printf '%s\n' "$output" | sort)" = "$want" ]
	[ -n "$want" ]
	# The lines of those files only, as git grep --all-match prints them.
	f=$(echo "$want" | head -1)
	g=$(for i in $(seq 1 40); do echo "f$i"; done | sort |
	    comm -23 - <(echo "$want") | head -1)
	[ -n "$g" ] && command grep -q -e "$a" -e "$b" -e "$c" "$g"
	run "$ISOGREP" -h --all-match -e "$a" -e "$b" -e "$c" -- "$f" "$g"
	[ "$output" = "$(command grep -e "$a" -e "$b" -e "$c" "$f")" ]
}

@test "--all-match with -v, -c and -l is git grep --all-match's" {
	command -v git >/dev/null || skip "git is not installed"
	gen_words 12 83 >words
	mkdir repo
	for i in $(seq 1 30); do
		gen_text words 6 "$((90 + i))" >"repo/f$i"
	done
	a=$(sed -n 1p words) b=$(sed -n 2p words)
	git -C repo init -q && git -C repo add .
	for opts in "" "-v" "-l" "-v -l" "-c" "-v -c"; do
		want=$(cd repo && git grep --no-color $opts --all-match \
		    -e "$a" -e "$b" | sort)
		got=$(cd repo && "$ISOGREP" --no-heading $opts --all-match \
		    -e "$a" -e "$b" . | sed 's,^\./,,' | sort)
		# A walk leaves out counts of 0, as git grep does.
		[ "$got" = "$want" ] || { echo "$opts: $got != $want"; false; }
	done
	# Some files pass and some fail, both ways.
	[ -n "$(cd repo && git grep -v -l --all-match -e "$a" -e "$b")" ]
	[ -n "$(cd repo && git grep -l -e "$a" -e "$b" |
	    grep -vxF -f <(git grep -l --all-match -e "$a" -e "$b"))" ]
}

@test "a bad pattern in a -f list: its line and text, exit 2, no file read" {
	gen_words 3000 71 >list
	{ head -1234 list; printf 'ok(\001x\n'; tail -n +1235 list; } >bad
	# GNU grep names the same line.
	run --separate-stderr command grep -E -f bad /dev/null
	[[ "$stderr" == *"bad:1235:"* ]]
	run --separate-stderr "$ISOGREP" -E -f bad missing-file
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"bad:1235:"* ]]
	[[ "$stderr" != *missing-file* ]]
	[[ "$stderr" != *$'\001'* ]]
	run --separate-stderr "$ISOGREP" -f bad missing-file
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"bad:1235:"*"ok("* ]]
	[[ "$stderr" != *missing-file* ]]
	[[ "$stderr" != *$'\001'* ]]
	# --and and --not patterns are checked too.
	run --separate-stderr "$ISOGREP" -e a --not '(' missing-file
	[ "$status" -eq 2 ]
	[[ "$stderr" != *missing-file* ]]
}
