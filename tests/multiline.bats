#!/usr/bin/env bats
# -U/--multiline: a match may span lines; each match prints every line it
# spans as one record (-n numbers its first line, -c counts matches),
# compared with pcre2grep -M on generated files, including matches that
# cross the reader's chunks (256 KiB read, 512 KiB mapped).

bats_require_minimum_version 1.5.0
load helpers/common

# same_as_pcre2grep ARGS...: isogrep -U ARGS and pcre2grep -M ARGS print
# the same bytes with the same exit status (on stdin too, when the last
# argument is a file).
same_as_pcre2grep()
{
	local want wstatus
	want=$(pcre2grep -M "$@" </dev/null) && wstatus=0 || wstatus=$?
	run --separate-stderr "$ISOGREP" -U "$@" </dev/null
	if [ "$output" != "$want" ] || [ "$status" != "$wstatus" ]; then
		printf -- '--- pcre2grep -M %s: status %s\n%s\n' "$*" "$wstatus" "$want"
		show
		return 1
	fi
}

# traces FILE N SEED: a log of N entries, some of them Java stack traces
# of up to 250 lines.
traces()
{
	awk -v n="$2" -v seed="$3" 'BEGIN {
		srand(seed)
		for (i = 1; i <= n; i++) {
			r = rand()
			if (r < 0.05) {
				printf "%d ERROR java.lang.IllegalStateException: bad %d\n", i, i
				depth = 1 + int(rand() * 250)
				for (d = 0; d < depth; d++)
					printf "\tat com.example.M%d.call(M.java:%d)\n", d, d + 1
				if (rand() < 0.3)
					printf "Caused by: java.io.IOException: io\n\tat x.y(Z.java:1)\n"
			} else {
				printf "%d INFO request served in %d ms\n", i, int(rand() * 500)
			}
		}
	}' >"$1"
}

@test "multiline: a 200-line stack trace matches as one record" {
	traces f 200 1
	{
		echo "before"
		echo "java.lang.RuntimeException: boom"
		for i in $(seq 1 200); do printf '    at a.b.C%d(C.java:%d)\n' "$i" "$i"; done
		echo "after"
	} >trace
	same_as_pcre2grep -n 'Exception[^\n]*\n(\s+at .*\n)+' trace
	[ "${#lines[@]}" -eq 201 ]
	same_as_pcre2grep -c 'Exception[^\n]*\n(\s+at .*\n)+' trace
	[ "$output" = 1 ]
}

@test "multiline: records, -n, -c, -o, -l, anchors and classes, as pcre2grep -M" {
	traces f 400 2
	for pat in 'Exception[^\n]*\n(\s+at .*\n)+' 'ms\n[0-9]+ ERROR' \
	    '^\tat com\.example\.M0\.call.*\n\tat com\.example\.M1\.' \
	    'served in [0-9]+ ms$\n^[0-9]+ ERROR' 'IOException: io\s+at' \
	    'call\(M\.java:3\)\n'; do
		for args in "" "-n" "-c" "-o" "-l" "-i"; do
			# shellcheck disable=SC2086
			same_as_pcre2grep $args "$pat" f
		done
	done
}

@test "multiline: a match that starts on the last line of the one before" {
	printf 'foo\nbar x foo\nbar\nzzz\nfoo\nbar foo\nbar\n' >f
	for args in "" "-n" "-c" "-o"; do
		# shellcheck disable=SC2086
		same_as_pcre2grep $args 'foo\nbar' f
	done
}

@test "multiline: --multiline-dotall lets . match newlines" {
	printf 'begin 1\nx\ny\nend\nbegin 2\nend\nno\n' >f
	want=$(pcre2grep -M -n '(?s)begin.*?end' f)
	run --separate-stderr "$ISOGREP" -U --multiline-dotall -n 'begin.*?end' f
	assert_status 0
	assert_output "$want"
	# Without it, . stops at the end of a line.
	same_as_pcre2grep -n 'begin.*?end' f
}

@test "multiline: matches across the reader's chunks, file and stdin" {
	# About 9 MB: traces fall across many chunk edges.
	traces f 20000 3
	[ "$(wc -c <f)" -gt 4000000 ]
	for pat in 'Exception[^\n]*\n(\s+at .*\n)+' 'Caused by.*\n.*\n[0-9]+ INFO'; do
		want=$(pcre2grep -M -n "$pat" f | md5sum)
		got=$("$ISOGREP" -U -n "$pat" f | md5sum)
		[ "$got" = "$want" ] || { echo "file differs for $pat"; false; }
		got=$("$ISOGREP" -U -n "$pat" <f | md5sum)
		[ "$got" = "$want" ] || { echo "stdin differs for $pat"; false; }
		want=$(pcre2grep -M -c "$pat" f)
		run --separate-stderr "$ISOGREP" -U -c "$pat" f
		assert_output "$want"
	done
}

@test "multiline: context lines around records, as pcre2grep -M" {
	traces f 300 4
	for args in "-A2" "-B3" "-n -C1"; do
		# shellcheck disable=SC2086
		same_as_pcre2grep $args 'ERROR[^\n]*\n\tat com\.example\.M0[^\n]*\n\tat com' f
	done
}

@test "multiline: a match longer than the window is an error, and cut" {
	# 20 MB of lines that a match could swallow without end.
	awk 'BEGIN { print "start"; for (i = 0; i < 700000; i++) print "line that goes on " i; print "end" }' >f
	run --separate-stderr "$ISOGREP" -U -c 'start(\n.*)*\nend' f
	assert_contains "$stderr" "f: a multiline match is longer than 16 MiB"
	assert_output 0
	assert_status 2
	# Matches after it are still found.
	same_as_pcre2grep -n 'on 699998\nline' f
}

@test "multiline: --replace of a match that takes its line's newline, as ripgrep" {
	rg="$BATS_TEST_DIRNAME/../../shared/peers/rg"
	[ -x "$rg" ] || skip "ripgrep 15.2 is not at ../shared/peers/rg"
	traces f 60 5
	# The match ends in the newline of its line: the template's $0 holds
	# it, and nothing past the line is read (this asked for 2^64 bytes
	# once).  (Matches on lines next to each other would differ: ripgrep
	# joins them into one record, isogrep as pcre2grep -M does not.)
	for pat in 'IOException: io\n' '(ERROR) java[^\n]*\n'; do
		for flags in "--replace <\$1\$0>" "--json --replace <\$0>"; do
			# shellcheck disable=SC2086
			want=$("$rg" -U $flags "$pat" f | command grep -v '"elapsed')
			# shellcheck disable=SC2086
			run --separate-stderr "$ISOGREP" -U $flags "$pat" f
			assert_status 0
			[ -z "$stderr" ]
			got=$(printf '%s\n' "$output" | command grep -v '"elapsed')
			[ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got") | head; false; }
		done
	done
}
