#!/usr/bin/env bats
# Record formats and colors, compared byte for byte with ripgrep 15.2 run
# here on the same generated tree with the same flags: --color, --colors,
# --heading, -n/-N, -p, --column, --vimgrep, -b, --count-matches,
# --field-*-separator, -M, --max-columns-preview, --trim, --replace and
# --hyperlink-format.  Both tools run with --sort path, so the order of a
# parallel search is the same without forcing one worker.

load helpers/common
bats_require_minimum_version 1.5.0

RG="$BATS_TEST_DIRNAME/../../shared/peers/rg"

need_rg()
{
	[ -x "$RG" ] || skip "ripgrep 15.2 is not at ../shared/peers/rg"
	"$RG" --version | head -n 1 | grep -q '^ripgrep 15\.' ||
		skip "../shared/peers/rg is not ripgrep 15"
	unset RIPGREP_CONFIG_PATH ISOGREP_CONFIG_PATH NO_COLOR
}

# A small tree with several matches per line, Unicode, blanks that --trim
# removes, long lines for -M, groups for --replace, a name with a space.
mktree()
{
	mkfile d/a.txt 'foo bar foo' 'nothing here' 'xfoo_lock' 'caf foo é foo'
	mkfile d/b.txt 'foo' 'bar' 'foofoofoo'
	mkfile 'd/sub dir/c.txt' $'   \tindented foo here' \
	    "$(printf 'a%.0s' $(seq 1 60)) foo tail foo" 'ééééé foo' \
	    'key=value foo=bar_lock'
	mkfile d/none.txt 'nothing at all'
}

# same_as_rg ARGS...: isogrep and rg print the same bytes and exit alike.
same_as_rg()
{
	local rs is
	rs=0 is=0
	"$RG" --sort path "$@" >rg.out 2>rg.err || rs=$?
	"$ISOGREP" --sort path "$@" >iso.out 2>iso.err || is=$?
	if ! cmp -s rg.out iso.out; then
		echo "differs from rg with: $*"
		diff <(cat -v rg.out) <(cat -v iso.out) | head -n 20
		return 1
	fi
	[ "$rs" -eq "$is" ] || { echo "exit $is, rg $rs: $*"; cat iso.err; return 1; }
}

@test "the plain format to a pipe is ripgrep's" {
	need_rg
	mktree
	for flags in '' -n -H -N '-n --no-heading' '--heading' '--heading -n' \
	    -o '-o -n' -c '-c --include-zero' --count-matches \
	    '--count-matches --include-zero' '-c -v --include-zero' -l \
	    '-w -n' '-i -n'; do
		# shellcheck disable=SC2086
		same_as_rg $flags foo d
	done
}

@test "--color=always: ripgrep's sequences, byte for byte" {
	need_rg
	mktree
	for flags in '' -n '-n --heading' '--heading' '-n --column' -o '-o -n' \
	    '-b' '-b -o' '--vimgrep' '-c --include-zero' \
	    '--count-matches --include-zero' -l '-v -n' \
	    '-w -n' '--no-heading -n'; do
		# shellcheck disable=SC2086
		same_as_rg --color=always $flags foo d
		# shellcheck disable=SC2086
		same_as_rg --color=ansi $flags 'fo+|é' d
	done
	same_as_rg --color=never -n foo d
}

@test "-p is --color=always --heading -n, as in ripgrep" {
	need_rg
	mktree
	same_as_rg -p foo d
	same_as_rg -p --no-heading foo d
	same_as_rg -p -N foo d
	same_as_rg --pretty -o foo d
}

@test "--colors: every type, attribute and kind of value, as ripgrep" {
	need_rg
	mktree
	for spec in path:none line:none column:none match:none \
	    'highlight:bg:yellow' 'highlight:fg:white' 'match:fg:blue' \
	    'match:bg:green' 'path:fg:0x1f' 'line:fg:200' 'match:fg:1,2,3' \
	    'match:bg:0x10,0x20,0xff' 'path:style:intense' 'line:style:italic' \
	    'line:style:underline' 'match:style:nobold' 'match:style:bold' \
	    'path:style:nointense' 'match:style:noitalic' 'line:style:nounderline' \
	    'match:fg:Red' 'MATCH:FG:CYAN' 'path:none:x'; do
		same_as_rg --color=always --column -n --colors "$spec" foo d
	done
	# Several specs apply in order; none clears what came before.
	same_as_rg --color=always -n --colors path:fg:red --colors \
	    path:style:intense --colors path:bg:green --colors line:bg:blue \
	    --colors line:style:intense --colors line:style:bold foo d
	same_as_rg --color=always -n --colors match:fg:blue --colors match:none \
	    --colors match:style:underline foo d
	same_as_rg --color=always --heading --colors highlight:bg:yellow \
	    --colors highlight:style:bold -o 'fo+' d
	# No colors, no sequences, whatever the specs say.
	same_as_rg --color=never --colors match:fg:blue -n foo d
}

@test "a bad --colors spec: ripgrep's message, exit 2" {
	need_rg
	mkfile f foo
	for spec in match match:fg foo:fg:red match:xx:red match:fg:purple \
	    match:fg:300 match:fg:0x1g,2,3 match:style:dimmed a:b:c:d \
	    match:fg:1,2 match:fg:; do
		run --separate-stderr "$ISOGREP" --colors "$spec" foo f
		assert_status 2
		rgmsg=$("$RG" --colors "$spec" foo f 2>&1 >/dev/null) || true
		[ "${stderr#isogrep: }" = "${rgmsg#rg: }" ] ||
			{ echo "spec $spec"; echo "isogrep: $stderr"; echo "rg: $rgmsg"; false; }
	done
}

@test "--color: auto, always, never and ansi; a bad value is an error" {
	need_rg
	mktree
	for when in auto always never ansi; do
		same_as_rg --color="$when" -n foo d
		same_as_rg --color "$when" -n foo d
	done
	# NO_COLOR and TERM do not matter off a terminal or with always.
	NO_COLOR=1 TERM=dumb same_as_rg --color=always -n foo d
	run --separate-stderr "$ISOGREP" --color=sometimes foo d
	assert_status 2
	assert_contains "$stderr" "--color"
}

@test "--column, --vimgrep, -b: columns and offsets of lines and of matches" {
	need_rg
	mktree
	for flags in --column '--column -o' '--column -v' --vimgrep \
	    '--vimgrep -o' '--vimgrep -v' -b '-b -o' '-b -n --column' \
	    '-b --column -o' '--vimgrep -N' '--column -N'; do
		# shellcheck disable=SC2086
		same_as_rg $flags 'fo+|é' d
	done
	# One file, no path: the same fields.
	same_as_rg --vimgrep foo d/a.txt
	same_as_rg -b -o foo d/a.txt
}

@test "--count-matches counts matches; --include-zero adds a walk's zero counts" {
	need_rg
	mktree
	same_as_rg --count-matches --include-zero foo d
	same_as_rg --count-matches 'fo' d/b.txt
	same_as_rg --count-matches -v foo d/a.txt
	same_as_rg --count-matches '^' d/a.txt
	same_as_rg --count-matches -H foo d/b.txt
	# A walk's files that count 0 are left out, and --include-zero adds
	# them, as in ripgrep.
	same_as_rg -c nothing-matches d
	same_as_rg -c --include-zero nothing-matches d
	# A file the user names gets its count, 0 too, as in grep (ripgrep
	# prints nothing): `n=$(isogrep -c x file)` works.
	for f in d/a.txt d/b.txt; do
		want=$(command grep -c nothing-matches "$f") || :
		run "$ISOGREP" -c nothing-matches "$f"
		assert_status 1
		[ "$output" = "$want" ]
		want=$(command grep -c -H nothing-matches "$f" d/a.txt) || :
		run "$ISOGREP" -c -H nothing-matches "$f" d/a.txt
		[ "$output" = "$want" ]
	done
	want=$(command grep -c nothing-matches <d/a.txt) || :
	run "$ISOGREP" -c nothing-matches <d/a.txt
	[ "$output" = "$want" ]
}

@test "empty matches: columns, --vimgrep, counts, --replace and colors as ripgrep; -o as grep" {
	need_rg
	mktree
	# ASCII lines that end in a newline: ripgrep steps over a byte after
	# an empty match (isogrep over a character, so that -r never splits
	# one), and at the end of a last line without a newline it finds no
	# empty match (isogrep does, as on every other line).
	mkfile e/a.txt 'foo bar foo' '' 'xfoo_lock oo' 'o'
	mkfile e/b.txt 'ofo foo' 'bar'
	# Patterns that match empty: at every place, at the line start, at
	# word edges, and next to non-empty matches (not right after one).
	for pat in 'x*' '^' '$' '\b' 'o*' 'fo?o?'; do
		for flags in --column --vimgrep --count-matches \
		    '--replace <>' '--color=always' '--passthru --replace #'; do
			# shellcheck disable=SC2086
			same_as_rg $flags "$pat" e
		done
	done
	# Other characters: an empty match at each of their starts (Python's
	# re.sub puts them in the same places).
	mkfile u.txt 'é caf' 'ééé f' '日本'
	want=$(python3 -c 'import re, sys
for l in open(sys.argv[1], encoding="utf-8"):
    print(re.sub("x*", "X", l.rstrip("\n")))' u.txt)
	run "$ISOGREP" --replace X 'x*' u.txt
	[ "$output" = "$want" ]
	want=$(python3 -c 'import re, sys
print(sum(len(re.findall("x*", l.rstrip("\n")))
          for l in open(sys.argv[1], encoding="utf-8")))' u.txt)
	run "$ISOGREP" --count-matches 'x*' u.txt
	[ "$output" = "$want" ]
	# -o leaves empty matches out, as grep -o does (ripgrep prints an
	# empty line for each).
	for pat in 'x*' 'o*' '\bfo*'; do
		want=$(cd e && command grep -r -o -P "$pat" . | sed 's,^\./,,' | sort)
		got=$(cd e && "$ISOGREP" --no-heading -o "$pat" | sort)
		[ "$got" = "$want" ] || { echo "-o $pat: $got != $want"; false; }
	done
}

@test "--field-match-separator and --field-context-separator, with escapes" {
	need_rg
	mktree
	for sep in XX '' '\t' '\x00' '::' '\\'; do
		same_as_rg --field-match-separator="$sep" -n --column foo d
		same_as_rg --field-match-separator "$sep" -b -o foo d
		same_as_rg --field-context-separator="$sep" -n foo d
	done
	same_as_rg --color=always --field-match-separator=' | ' -n foo d
}

@test "-M, --max-columns-preview and --trim, with and without colors" {
	need_rg
	mktree
	for m in 3 5 10 12 40 200; do
		for flags in '' --max-columns-preview '--max-columns-preview -o' \
		    -o '--trim' '--trim --max-columns-preview' \
		    '--color=always' '--color=always --max-columns-preview' \
		    '--color=always --max-columns-preview -o' '--color=always --trim'; do
			# shellcheck disable=SC2086
			same_as_rg -M "$m" $flags -n foo d
		done
	done
	same_as_rg -M 0 -n foo d
	same_as_rg --trim -n --column foo d
	same_as_rg --trim -o -b foo d
	same_as_rg --trim --color=always -n foo d
	run --separate-stderr "$ISOGREP" -M x foo d
	assert_status 2
}

@test "--replace: \$1, \${name}, \$\$, every match, with -o and colors" {
	need_rg
	mktree
	for r in 'X' '' '<$0>' '$1' '[$2|$1]' '${1}x' '$1x' '$$1' '$$' '$' \
	    'a$' '${' '${1' '${k}=${v}' '$k' '$v' '$9' '${name}' '$0Y'; do
		same_as_rg --replace "$r" -n '(\w+)=(\w+)|(?<k>\w)(?<v>o+)' d
		same_as_rg --replace "$r" -o '(\w+)=(\w+)|(?<k>\w)(?<v>o+)' d
		same_as_rg --replace "$r" --color=always -n 'f(o+)' d
		same_as_rg --replace "$r" --vimgrep 'f(o+)' d
	done
	same_as_rg --replace 'REPLACED' -M 5 --max-columns-preview -n foo d
	same_as_rg --replace 'é' --trim -n foo d
}

@test "matches in context lines (-v, past -m): colored, replaced, columns, as ripgrep" {
	need_rg
	mktree
	for flags in '-v -C1' '-v -C1 -n --column' '-v -C1 --replace X' \
	    '-v -C1 -n --column --replace X' '-v -C1 -M10' \
	    '-v -C1 -M10 --max-columns-preview' '-v -M10' \
	    '-v -M10 --max-columns-preview' '-A1 -M5'; do
		for color in always never; do
			# shellcheck disable=SC2086
			same_as_rg --color=$color $flags foo d
		done
	done
}

@test "--hyperlink-format: ripgrep's aliases and custom formats, only with colors" {
	need_rg
	mktree
	for f in default file grep+ kitty macvim textmate vscode vscode-insiders \
	    vscodium none '' 'x://{host}{path}:{line}:{column}' \
	    'my+scheme://{path}#L{line}' 'x:{wslprefix}{path}'; do
		same_as_rg --color=always --hyperlink-format="$f" -n --column foo d
		same_as_rg --color=always --hyperlink-format="$f" --heading foo d
		same_as_rg --color=always --hyperlink-format="$f" --heading -n foo d
		same_as_rg --color=always --hyperlink-format="$f" -o -b foo d
		same_as_rg --color=always --hyperlink-format="$f" -l foo d
		same_as_rg --color=never --hyperlink-format="$f" -n foo d
	done
	# A name that needs percent-encoding, and one file alone.
	same_as_rg --color=always --hyperlink-format=default -H foo 'd/sub dir'
	same_as_rg --color=always --hyperlink-format=vscode -n foo d/a.txt
}

@test "a bad --hyperlink-format: ripgrep's message, exit 2" {
	need_rg
	mkfile f foo
	for f in '{line}' 'bad{x}' 'a{path' '{path}' 'x y://{path}' \
	    '{wslprefix}x:{path}' '{host}'; do
		run --separate-stderr "$ISOGREP" --hyperlink-format="$f" foo f
		assert_status 2
		rgmsg=$("$RG" --hyperlink-format="$f" foo f 2>&1 >/dev/null) || true
		[ "${stderr#isogrep: }" = "${rgmsg#rg: }" ] ||
			{ echo "format $f"; echo "isogrep: $stderr"; echo "rg: $rgmsg"; false; }
	done
}

@test "a big file split across workers: colors, -n, and -H --heading once" {
	need_rg
	# Over the 32 MiB from which one file is split between workers.
	seq -f 'line %010g padding text' 1 1600000 >big
	[ "$(stat -c %s big)" -gt $((32 * 1024 * 1024)) ]
	same_as_rg --color=always -n '0000 padding|line 0000000001' big
	same_as_rg --color=always -n --column -b 'padding' -m 3 big
	same_as_rg -H --heading --color=always -n '00000 padding' big
	same_as_rg -p '00000 padding' big
	same_as_rg --vimgrep --replace '<$0>' '00000 (padding)' big
}
