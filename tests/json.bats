#!/usr/bin/env bats
# --json (issue 12): JSON Lines in ripgrep 15.2's schema.  Every test runs
# ripgrep 15.2 on the same input and compares the records field by field
# (tests/helpers/json_compare.py: keys in order, compact lines; only the
# timings and isogrep's "skipped" summary field are left out).

bats_require_minimum_version 1.5.0
load helpers/common

RG="$BATS_TEST_DIRNAME/../../shared/peers/rg"
COMPARE="$BATS_TEST_DIRNAME/helpers/json_compare.py"

need_rg()
{
	[ -x "$RG" ] || skip "ripgrep 15.2 not found at ../shared/peers/rg"
	"$RG" --version | head -1 | command grep -q '^ripgrep 15\.' ||
	    skip "../shared/peers/rg is not ripgrep 15"
}

# same_json [--ordered] ARGS...: isogrep and rg print the same records
# for ARGS, and exit with the same status.
same_json()
{
	local ordered=
	if [ "$1" = --ordered ]; then
		ordered=--ordered
		shift
	fi
	local st_rg=0 st_iso=0
	"$RG" "$@" >rg.json 2>rg.err || st_rg=$?
	"$ISOGREP" "$@" >iso.json 2>iso.err || st_iso=$?
	if [ "$st_rg" != "$st_iso" ]; then
		printf 'status: isogrep %s, rg %s\n' "$st_iso" "$st_rg"
		cat iso.err
		return 1
	fi
	python3 "$COMPARE" iso.json rg.json $ordered
}

# A tree with several files, lines that are not UTF-8, a name that is
# not UTF-8, JSON's special characters, a file without a final newline,
# and binary files.
mktree()
{
	mkfile t/a.txt 'hello world' 'nothing' 'hello hello hello' 'say "hello"\there'
	mkbytes t/sub/b.txt 'x\377hello y\nhello\001\002\037 \\ / \177\n'
	mkbytes $'t/sub/n\xfeame.txt' 'hello from a bad name\n'
	mkbytes t/sub/utf.txt 'h\303\251llo hello \360\237\230\200 hello\n'
	mkbytes t/nonl.txt 'first\nlast hello'
	mkbytes t/bin.dat 'hello\0binary\nhello\n'
	mkfile t/none.txt 'no match here'
	mkfile t/empty.txt
}

@test "--json on a tree: same records as ripgrep, invalid UTF-8 as bytes" {
	need_rg
	mktree
	same_json --json hello t
	# Every line parses alone, one object per line.
	run --separate-stderr python3 -c '
import json, sys
for line in open("iso.json", "rb"):
    json.loads(line)
' 
	assert_status 0
}


@test "--json: empty matches are submatches, as in ripgrep" {
	need_rg
	# ASCII lines ending in a newline: where ripgrep's empty matches are
	# isogrep's too (format.bats tells the difference).
	mkfile t/a.txt 'hello world' '' 'say "hello"' 'll'
	mkfile t/b.txt 'lol'
	for pat in 'x*' '^' '\b' 'l*'; do
		same_json --json "$pat" t
		same_json --json --replace '<$0>' "$pat" t
	done
}
@test "--json: a single file, a file named alone, standard ripgrep order" {
	need_rg
	mktree
	same_json --ordered --json hello t/a.txt
	same_json --ordered --json hello t/nonl.txt
	same_json --ordered --json hello $'t/sub/n\xfeame.txt'
}

@test "--json with -m, -v, -i, -w, -F, -o and a regex" {
	need_rg
	mktree
	same_json --json -m1 hello t
	same_json --json -v hello t
	same_json --json -i HELLO t
	# (Not the whole tree: whether \xff ends a word differs.)
	same_json --json -w hello t/a.txt t/sub/utf.txt
	same_json --json -F '"hello"' t
	same_json --json -o hello t
	same_json --json 'h\w+o|\\' t
	same_json --json -m2 -v hello t
}

@test "--json with context lines and --replace: same records as ripgrep" {
	need_rg
	mktree
	seq 1 40 | sed 's/^\(.*5\)$/hello \1/' >t/ctx.txt
	same_json --ordered --json -C2 hello t/ctx.txt
	same_json --ordered --json -A1 -B3 hello t/a.txt
	same_json --ordered --json --replace '<$0>' hello t/a.txt
	same_json --ordered --json --replace '${1}!' '(h)ello' t/ctx.txt
	same_json --json -C1 --replace 'X' 'l+' t
}

@test "--json: random lines with every byte JSON escapes, as ripgrep writes them" {
	need_rg
	# Lines of random bytes around the match: control characters, quotes,
	# backslashes, DEL, UTF-8 of every length and stray high bytes (those
	# lines are bytes in base64); short and long runs between escapes.
	python3 -c '
import random, sys
r = random.Random(12)
pieces = [bytes([b]) for b in range(1, 0x20) if b != 10] + [
    b"\"", b"\\", b"\x7f", b"/", "\u00e9".encode(), "\u20ac".encode(),
    "\U0001f600".encode(), b"\xff", b"\xc3", b"\xed\xa0\x80"]
out = []
for i in range(400):
    line = b""
    for _ in range(r.randrange(0, 12)):
        if r.random() < 0.5:
            line += r.choice(pieces)
        else:
            line += b"abcdefghij"[: r.randrange(0, 11)] * r.randrange(1, 4)
        if r.random() < 0.3:
            line += b"needle"
    out.append(line + b"needle" + line[::-1])
sys.stdout.buffer.write(b"\n".join(out) + b"\n")
' >rand.txt
	same_json --ordered --json -a needle rand.txt
	same_json --ordered --json -a -C1 'ee' rand.txt
}

@test "--json: no match is a summary only, exit 1" {
	need_rg
	mktree
	same_json --json absent t
	run --separate-stderr "$ISOGREP" --json absent t
	assert_status 1
	[ "${#lines[@]}" -eq 1 ]
	assert_contains "$output" '"type":"summary"'
}

@test "--json: many files, sorted by path and by time, in ripgrep's order" {
	need_rg
	for i in $(seq 1 60); do
		mkfile "m/d$((i % 7))/f$i" "line one $i" "needle $i" "needle again $i"
	done
	same_json --json needle m
	same_json --ordered --json --sort path needle m
	# Distinct modification times, not in path order.
	for i in $(seq 1 60); do
		touch -d "@$((1600000000 + i * 7919 % 60 * 100))" "m/d$((i % 7))/f$i"
	done
	same_json --ordered --json --sort modified needle m
	same_json --ordered --json --sortr modified needle m
}

@test "--json: a big file split across workers (-j2), and --stats over it" {
	need_rg
	# Over SPLIT_MIN (32 MiB), which would split a plain search.
	awk 'BEGIN { for (i = 0; i < 700000; i++)
		printf "%06d some filler text to make the file big enough\n", i }
		END { print "needle at the end" }' >big.txt
	awk 'NR == 300000 { print "a needle in the middle" } { print }' big.txt >big2.txt
	same_json --ordered -j2 --json needle big2.txt
	same_json --ordered -j2 --json -v 0 big2.txt
	same_json --ordered -j2 --json absent big2.txt
	same_json --ordered -j3 --json '^0000[0-4]' big2.txt
	# Binary data late in the file (ripgrep prints a named binary file
	# whole): the records before it, and its offset.
	{ head -n 400000 big2.txt; printf 'x\0y\n'; tail -n 300001 big2.txt; } >bin.txt
	run --separate-stderr "$ISOGREP" -j2 --json needle bin.txt
	assert_status 0
	[ "${#lines[@]}" -eq 4 ]
	assert_contains "${lines[1]}" '"line_number":300000,'
	local nul
	nul=$(python3 -c 'print(open("bin.txt", "rb").read().index(b"\0"))')
	assert_contains "${lines[2]}" "{\"type\":\"end\",\"data\":{\"path\":{\"text\":\"bin.txt\"},\"binary_offset\":$nul,"
	# --stats over the split (a plain search is split across workers).
	local want='^[0-9]+ (matches|matched lines|files contained matches|files searched|bytes printed|bytes searched)$'
	"$RG" -j2 --stats needle big2.txt | command grep -E "$want" >rg.out
	"$ISOGREP" -j2 --stats needle big2.txt | command grep -E "$want" >iso.out
	cmp iso.out rg.out
}

@test "--json with -c, -l, -L, --count-matches or --files: an error, exit 2" {
	# The issue asks for ripgrep 13's refusal (rg 15.2 lets the last one
	# win): a reader of JSON gets an error, never lines of another format.
	mktree
	for args in '--json -c' '-c --json' '--json -l' '-l --json' \
	    '--files --json' '--json --files-without-match' \
	    '--count-matches --json'; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args hello t
		[ "$status" -eq 2 ] || { echo "$args: $status"; false; }
		[ -z "$output" ] || { echo "$args: $output"; false; }
		case $stderr in
		*"--json cannot be used with '--"*) ;;
		*) echo "$args: $stderr"; false ;;
		esac
	done
	# -q still gives the summary record alone, as in ripgrep.
	run --separate-stderr "$ISOGREP" --json -q hello t
	assert_status 0
	[ "${#lines[@]}" -eq 1 ]
	printf '%s\n' "$output" | python3 -c 'import json, sys
assert json.loads(sys.stdin.read())["type"] == "summary"'
}

@test "--json -q: the summary only, as ripgrep" {
	need_rg
	mktree
	run --separate-stderr "$ISOGREP" --json -q hello t
	assert_status 0
	[ "${#lines[@]}" -eq 1 ]
	assert_contains "$output" '"type":"summary"'
	run --separate-stderr "$ISOGREP" -q --json hello t
	assert_status 0
	assert_contains "$output" '"type":"summary"'
}

@test "--json: the summary lists isogrep's skipped-file reasons" {
	mkfile d/.hid 'foo'
	mkfile d/a 'foo'
	run --separate-stderr "$ISOGREP" --json foo d
	assert_status 0
	run python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
s = recs[-1]
assert s["type"] == "summary", s
assert s["data"]["skipped"]["hidden"] == 1, s
assert s["data"]["stats"]["searches"] == 1, s
' <(printf '%s\n' "$output")
	assert_status 0
}

@test "--stats: ripgrep's block, same numbers, then isogrep's skip reasons" {
	need_rg
	mktree
	# (-L is left out: rg 15.2 prints the matching lines with -L --stats.)
	for args in 'hello t' '-v hello t' '-m1 hello t' 'hello t/a.txt' \
	    '-c hello t' '-l hello t' '--count-matches hello t' \
	    '-c -v hello t' '-l -v hello t'; do
		# shellcheck disable=SC2086
		"$RG" --stats $args | command grep -E '^[0-9]+ (matches|matched lines|files contained matches|files searched|bytes printed|bytes searched)$' >rg.out
		# shellcheck disable=SC2086
		"$ISOGREP" --stats $args | command grep -E '^[0-9]+ (matches|matched lines|files contained matches|files searched|bytes printed|bytes searched)$' >iso.out
		cmp iso.out rg.out || { echo "$args"; diff iso.out rg.out; false; }
	done
	run --separate-stderr "$ISOGREP" --stats hello t/a.txt
	assert_status 0
	assert_contains "$output" $'\n\n5 matches\n3 matched lines\n'
	assert_contains "$output" $' seconds spent searching\n'
	assert_contains "$output" $'0 files skipped: hidden\n'
}

@test "--json on standard input: named <stdin> as in ripgrep; --label names it" {
	need_rg
	mktree
	# A pipe, and stdin as a file (rg and isogrep each read their own copy).
	for how in pipe file; do
		case $how in
		pipe)
			cat t/a.txt | "$RG" --json hello >rg.json
			cat t/a.txt | "$ISOGREP" --json hello >iso.json ;;
		file)
			"$RG" --json -C1 hello <t/a.txt >rg.json
			"$ISOGREP" --json -C1 hello <t/a.txt >iso.json ;;
		esac
		python3 "$COMPARE" iso.json rg.json --ordered || { echo "$how"; false; }
	done
	"$ISOGREP" --json --label app.log hello <t/a.txt >iso.json
	python3 -c 'import json, sys
paths = {json.loads(l)["data"].get("path", {}).get("text") for l in open("iso.json")}
assert paths == {"app.log", None}, paths'
}
