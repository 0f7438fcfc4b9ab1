#!/usr/bin/env bats
# Context lines (-A, -B, -C, grep's -NUM, --passthru) and the separator
# between groups, compared with GNU grep (and ripgrep where the option is
# ripgrep's) on generated files: overlapping groups, the edges of a file,
# -v, -m, -o, files larger than the reader's chunk (256 KiB) and a file
# big enough to be split across workers (32 MiB).

bats_require_minimum_version 1.5.0
load helpers/common

RG="$BATS_TEST_DIRNAME/../../shared/peers/rg"

# same_as_grep ARGS...: isogrep ARGS and GNU grep ARGS print the same
# bytes (in order) with the same exit status.
same_as_grep()
{
	local want wstatus
	want=$(command grep "$@" </dev/null) && wstatus=0 || wstatus=$?
	run --separate-stderr "$ISOGREP" "$@" </dev/null
	if [ "$output" != "$want" ] || [ "$status" != "$wstatus" ]; then
		printf -- '--- grep %s: status %s\n%s\n' "$*" "$wstatus" "$want"
		show
		return 1
	fi
}

# gen FILE LINES SEED: numbered lines, about one in PERIOD holding "hit"
# (PERIOD defaults to 10), some "hat", the rest filler.
gen()
{
	awk -v n="$2" -v seed="$3" -v period="${4:-10}" 'BEGIN {
		srand(seed)
		for (i = 1; i <= n; i++) {
			r = rand() * period
			if (r < 1) print i " a hit here"
			else if (r < 1.5) print i " hat"
			else printf "%d filler %.*s\n", i, int(rand() * 30), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		}
	}' >"$1"
}

@test "context: -A, -B, -C overlapping and apart, with -n and -H, as grep" {
	gen f 400 1
	for args in "-A1" "-B1" "-C1" "-C2" "-A3 -B1" "-B4" \
	    "-C 1 -A 3" "-A 2 -C 0" "-n -C2" "-H -n -B2" "-c -C2" \
	    "-l -C2" "-q -C2" "--after-context=2" "--context=3"; do
		# shellcheck disable=SC2086
		same_as_grep $args hit f
	done
}

@test "context: a group at the first and the last line, no final newline" {
	printf 'hit 1\nb\nc\nd\ne\nhit 6' >f
	for args in "-B3" "-A3" "-C10" "-n -C1" "-v -C1"; do
		# shellcheck disable=SC2086
		same_as_grep $args hit f
	done
	mkfile one 'hit'
	same_as_grep -C5 hit one
	: >empty
	same_as_grep -C5 hit empty
	same_as_grep -C1 nothing f
}

@test "context: -v selects the others, matching lines become context" {
	gen f 300 2 3
	for args in "-v -A1" "-v -B2" "-v -n -C1" "-v -c -C3"; do
		# shellcheck disable=SC2086
		same_as_grep $args hit f
	done
}

@test "context: -m prints the after-context of the last selected line" {
	gen f 300 3
	for args in "-m1 -A3" "-m3 -C2" "-m5 -n -A10" "-v -m2 -A3" "-m1 -B2" \
	    "-m2 -c -A5"; do
		# shellcheck disable=SC2086
		same_as_grep $args hit f
	done
}

@test "context: -o prints no context lines, only the separators" {
	gen f 200 4
	same_as_grep -o -C1 hit f
	same_as_grep -o -n -A2 'h.t' f
}

@test "context: groups across the reader's chunk edges, file and stdin" {
	# About 3 MB: many 256 KiB chunks; rare matches with long context.
	gen f 120000 5 400
	for args in "-B1" "-A1" "-C3" "-B50" "-A70" "-n -B300 -A5" "-v -C2" \
	    "-m20 -A40" "-n -C25"; do
		# shellcheck disable=SC2086
		same_as_grep $args hit f
		# shellcheck disable=SC2086
		want=$(command grep $args hit f | md5sum)
		# shellcheck disable=SC2086
		got=$("$ISOGREP" $args hit <f | md5sum)
		[ "$got" = "$want" ] || { echo "stdin differs for $args"; false; }
	done
	# A before-context longer than a whole chunk.
	same_as_grep -n -B20000 '^119999 ' f
}

@test "context: several files are parted by the separator too" {
	for i in 1 2 3 4 5 6; do gen "f$i" 50 "$i"; done
	gen nohit 0 1
	for args in "-C1" "-n -A2" "-B1 --no-group-separator" \
	    "--group-separator=::: -A1"; do
		# shellcheck disable=SC2086
		want=$(command grep $args hit f1 f2 nohit f3 f4 f5 f6)
		# shellcheck disable=SC2086
		args=${args/group-separator/context-separator}
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" --sort path $args hit f1 f2 nohit f3 f4 f5 f6
		assert_status 0
		assert_output "$want"
	done
}

@test "context: many files searched in parallel, unsorted: one separator between files" {
	for i in $(seq 1 40); do gen "f$i" 30 "$i"; done
	run --separate-stderr "$ISOGREP" -j4 -n -A1 hit .
	assert_status 0
	[ "${lines[0]}" != "--" ]
	# The same lines and as many separators as grep's, in another order.
	want=$(command grep -rn -A1 hit . | LC_ALL=C sort)
	got=$(printf '%s\n' "$output" | LC_ALL=C sort)
	[ "$got" = "$want" ] || { echo "differs from grep -r"; false; }
}

@test "context: --context-separator and --no-context-separator as grep's group options" {
	gen f 200 6
	want=$(command grep --group-separator='==>' -C1 hit f)
	run --separate-stderr "$ISOGREP" --context-separator='==>' -C1 hit f
	assert_status 0
	assert_output "$want"
	want=$(command grep --no-group-separator -n -A1 hit f)
	run --separate-stderr "$ISOGREP" --no-context-separator -n -A1 hit f
	assert_status 0
	assert_output "$want"
}

@test "context: --context-separator escapes, as ripgrep" {
	[ -x "$RG" ] || skip "ripgrep 15 not found at $RG"
	gen f 100 7
	for sep in '\t|\x41' 'a\\b' '\n'; do
		want=$("$RG" --no-heading -N --context-separator="$sep" -C1 hit f)
		run --separate-stderr "$ISOGREP" --context-separator="$sep" -C1 hit f
		assert_status 0
		assert_output "$want"
	done
}

@test "context: --passthru prints every line, as ripgrep" {
	[ -x "$RG" ] || skip "ripgrep 15 not found at $RG"
	gen f 2000 8 50
	for args in "" "-n" "-v"; do
		# shellcheck disable=SC2086
		want=$("$RG" --no-heading -N --passthru $args hit f)
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" --passthru $args hit f
		assert_status 0
		assert_output "$want"
	done
	# The last of --passthru and -A, -B, -C wins.
	for args in "-A1 --passthru" "--passthru -A1" "--passthru -C0" \
	    "-B2 --passthru -n" "-A0" "-C0 -n"; do
		# shellcheck disable=SC2086
		want=$("$RG" --no-heading -N $args hit f)
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args hit f
		assert_output "$want"
	done
	# Every line, each marked as selected or context.
	same_as_grep -n -C 100000 hit f
	want=$(command grep -n -C 100000 hit f)
	run --separate-stderr "$ISOGREP" -n --passthru hit f
	assert_output "$want"
}

@test "context: a big file that would be split across workers" {
	# 37 MB (a split needs 32 MiB): context keeps it whole, and right.
	awk 'BEGIN { for (i = 1; i <= 2000000; i++)
		printf "%d some text %s\n", i, (i % 99991 == 0 ? "NEEDLE here" : "") }' >big
	for args in "-n -C2" "-B3" "-c -C2"; do
		want=$(command grep $args NEEDLE big | md5sum)
		# shellcheck disable=SC2086
		got=$("$ISOGREP" -j4 $args NEEDLE big | md5sum)
		[ "$got" = "$want" ] || { echo "differs for $args"; false; }
	done
}

@test "context: grep mode's -NUM, -A, -C, and bad lengths" {
	mkdir bin
	ln -s "$ISOGREP" bin/grep
	gen f 300 9
	# grep parts groups of no context too (-A0), ripgrep does not.
	for args in "-2" "-1n" "-n3" "-12" "-A1 -3" "-C 2 -v" "-1 -B4" "-A0" \
	    "-0" "-B 0 -n" "-C0 -m2"; do
		# shellcheck disable=SC2086
		want=$(command grep $args hit f)
		# shellcheck disable=SC2086
		run --separate-stderr bin/grep $args hit f
		assert_status 0
		assert_output "$want"
	done
	for bad in "-A x" "-C -1" "--context=1y"; do
		# shellcheck disable=SC2086
		run --separate-stderr bin/grep $bad hit f
		assert_status 2
		assert_output ''
		assert_contains "$stderr" "invalid context length argument"
	done
}

@test "grep mode: -T -n pads line numbers as GNU grep (width of the file's size)" {
	mkdir bin
	ln -s "$ISOGREP" bin/grep
	printf '1\n2\n3\n4\n5' >f9
	printf '1\n22\n' >f5
	seq 1 300 >s300
	seq 1 3000 >s3k
	head -c 99 s300 >f99
	for f in f9 f5 s300 s3k f99; do
		want=$(command grep -nT -C1 1 "$f")
		run --separate-stderr bin/grep -nT -C1 1 "$f"
		assert_output "$want"
		# Standard input: a file's size, or unknown through a pipe.
		want=$(command grep -nT 1 <"$f")
		run --separate-stderr bin/grep -nT 1 <"$f"
		assert_output "$want"
		want=$(cat "$f" | command grep -nT 1)
		run --separate-stderr bash -c 'cat "$1" | bin/grep -nT 1' _ "$f"
		assert_output "$want"
	done
	want=$(command grep -nTH 1 f9 s3k f5)
	run --separate-stderr bin/grep -nTH 1 f9 s3k f5
	assert_output "$want"
}
