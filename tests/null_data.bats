#!/usr/bin/env bats
# --null-data (grep mode: -z): records end in NUL, not newline, on input
# and output, compared with GNU grep -z on generated records that hold
# newlines, in files smaller and larger than the reader's chunk.

bats_require_minimum_version 1.5.0
load helpers/common

setup()
{
	cd "$BATS_TEST_TMPDIR" || return 1
	mkdir bin
	ln -s "$ISOGREP" bin/grep
	export LC_ALL=C.UTF-8
}

# same_z ARGS...: bin/grep -z ARGS and GNU grep -z ARGS print the same
# bytes (compared as hex) with the same exit status.
same_z()
{
	local want wstatus
	want=$(command grep -z "$@" </dev/null | od -An -tx1 -v; exit "${PIPESTATUS[0]}") && wstatus=0 || wstatus=$?
	run --separate-stderr bash -c 'bin/grep -z "$@" </dev/null | od -An -tx1 -v; exit "${PIPESTATUS[0]}"' _ "$@"
	if [ "$output" != "$want" ] || [ "$status" != "$wstatus" ]; then
		printf -- '--- GNU grep -z %s: status %s\n%s\n' "$*" "$wstatus" "$want"
		show
		return 1
	fi
}

# genz FILE N SEED: N NUL-ended records of one to three lines each.
genz()
{
	awk -v n="$2" -v seed="$3" 'BEGIN {
		srand(seed)
		for (i = 1; i <= n; i++) {
			r = rand()
			printf "rec %d%s", i, (r < 0.1 ? " key" : "")
			if (r > 0.5) printf "\nsecond line%s", (r > 0.9 ? " key" : "")
			if (r > 0.8) printf "\n\tthird"
			printf "%c", 0
		}
	}' >"$1"
}

@test "null data: records with newlines, as grep -z" {
	genz f 500 1
	for args in "key" "-c key" "-n key" "-v key" "-o k.y" "-x rec.1" \
	    "-w key" "-i KEY" "-F second" "-E (rec 1|third)" "-P ^rec 4" \
	    "^second" "key\$" "line.key" "-l key" "-L key" "-m3 key" \
	    "-H -n second" "-q key"; do
		# shellcheck disable=SC2086
		same_z $args f
	done
}

@test "null data: context lines, and the separator still ends in a newline" {
	genz f 300 2
	for args in "-A1" "-B2" "-C1 -n" "-v -C1"; do
		# shellcheck disable=SC2086
		same_z $args key f
	done
}

@test "null data: a last record without its NUL, an empty file, NUL only" {
	printf 'a\nb\0key\nc\0key end' >f
	same_z key f
	same_z -c key f
	same_z -v key f
	: >empty
	same_z key empty
	printf '\0\0\0' >nuls
	same_z -c '' nuls
	same_z -n '^$' nuls
}

@test "null data: NUL is no sign of binary data" {
	printf 'one\0two key\0three\n\0' >f
	same_z key f
	same_z -c . f
	# Without -z, the same file is binary.
	want=$(command grep key f 2>&1)
	run bin/grep key f
	assert_output "$want"
}

@test "null data: records across the reader's chunks, file and stdin" {
	genz f 200000 3
	[ "$(wc -c <f)" -gt 1000000 ]
	for args in "key" "-n key" "-c key" "-v -c key" "-n -C2 third"; do
		# shellcheck disable=SC2086
		want=$(command grep -z $args f | md5sum)
		# shellcheck disable=SC2086
		got=$(bin/grep -z $args f | md5sum)
		[ "$got" = "$want" ] || { echo "file differs for $args"; false; }
		# shellcheck disable=SC2086
		got=$(bin/grep -z $args <f | md5sum)
		[ "$got" = "$want" ] || { echo "stdin differs for $args"; false; }
		# shellcheck disable=SC2086
		got=$("$ISOGREP" -j4 --null-data $args f | md5sum)
		[ "$got" = "$want" ] || { echo "--null-data differs for $args"; false; }
	done
}

@test "null data: a walk, and a record of invalid UTF-8 is binary in grep mode" {
	mkdir d
	genz d/a 50 4
	genz d/b 50 5
	printf 'key \x80\0ok key\0' >d/c
	want=$(command grep -rz key d | LC_ALL=C sort | od -An -tx1)
	run --separate-stderr bash -c 'bin/grep -rz key d | LC_ALL=C sort | od -An -tx1'
	assert_output "$want"
	same_z key d/c
	same_z -c key d/c
}

@test "null data: own mode has --null-data; its -z is --search-zip" {
	printf 'a key\0b\0' >f
	run --separate-stderr "$ISOGREP" --null-data key f
	assert_status 0
	[ "$(printf '%s' "$output" | od -An -tx1)" = "$(printf 'a key' | od -An -tx1)" ]
	# -z reads f as a plain file (it is not compressed): a binary one.
	run --separate-stderr "$ISOGREP" -z key f
	assert_status 0
	[ -z "$output" ]
	[[ $stderr == *"f: binary file matches"* ]]
}

@test "null data: \\n, \\s, classes and . inside a record, as grep -z -P and grep -z" {
	genz f 400 11
	# -P: PCRE2 as grep -P reads it; the newline inside a record is
	# matched by \n, \s, [^a], [[:space:]] and \R, not by . \S \N.
	for p in 'd \d+\nsecond' 'line\skey' 'd[^x]sec' '[[:space:]]third' \
	    '\d\Rsec' 'key.sec' '\d\S' 'rec \d+\Nsecond' '(?s)rec 1.*?third' \
	    'line\x0a\tthird' 'second[\s]+line' '^second' 'key$' \
	    '[^\S\n]third'; do
		for opts in -c -o '-o -b' -n; do
			# shellcheck disable=SC2086
			same_z -P $opts "$p" f || { echo "-P $opts $p"; false; }
		done
	done
	# BRE and ERE (grep mode's default and -E): \s and [[:space:]] too,
	# and there . matches it (grep -z's own regex does).
	for p in 'line\skey' 'd[^x]sec' '[[:space:]]third' 'key.sec' \
	    'rec 1.*third' 'rec 2[0-9]*.second'; do
		same_z -c "$p" f || { echo "BRE $p"; false; }
		same_z -E -o "$p" f || { echo "ERE $p"; false; }
	done
	# Own mode: --null-data with several patterns, and a big list
	# (Hyperscan finds the strings, PCRE2 decides).
	# (grep -P takes one pattern: an alternation says the same.)
	want=$(command grep -z -P -c 'd 1\d\nsec|line\skey' f)
	run "$ISOGREP" --null-data -c -e 'd 1\d\nsec' -e 'line\skey' f
	[ "$output" = "$want" ]
	for i in $(seq 100 199); do printf 'rec %d\\nsecond\n' "$i"; done >pats
	want=$(command grep -z -P -c "$(paste -sd'|' pats)" f)
	run "$ISOGREP" --null-data -c -f pats f
	[ "$output" = "$want" ]
}
