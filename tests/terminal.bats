#!/usr/bin/env bats
# Output to a terminal: headings, line numbers and colors by default (as
# ripgrep 15.2 on the same terminal), NO_COLOR and TERM=dumb, hostile
# names and lines made visible without breaking the colors, and a color
# reset when ^C ends a run.  `script` gives a command a pseudo-terminal;
# tmux is a whole terminal, for what a user would see after ^C.

load helpers/common
load helpers/tmux
bats_require_minimum_version 1.5.0

RG="$BATS_TEST_DIRNAME/../../shared/peers/rg"

need_script()
{
	command -v script >/dev/null || skip "script (util-linux) is not available"
	script -qec true /dev/null >/dev/null 2>&1 || skip "script cannot make a terminal here"
}

need_rg()
{
	[ -x "$RG" ] || skip "ripgrep 15.2 is not at ../shared/peers/rg"
	"$RG" --version | head -n 1 | grep -q '^ripgrep 15\.' ||
		skip "../shared/peers/rg is not ripgrep 15"
}

mktree()
{
	mkfile d/a.txt 'foo bar foo' 'nothing' 'xfoo_lock end'
	mkfile d/b.txt 'foo' 'bar' 'foofoo'
	mkfile 'd/sub dir/c.txt' $'  \tfoo here' 'tail foo tail'
	mkfile d/none.txt 'nothing at all'
}

# on_tty PROGRAM ARGS...: PROGRAM's output on a terminal (CRLF kept).
on_tty()
{
	local cmd="" a
	for a in "$@"; do
		cmd+=" $(printf '%q' "$a")"
	done
	script -qec "$cmd" /dev/null </dev/null
}

# same_on_tty ARGS...: isogrep and rg print the same bytes on a terminal.
same_on_tty()
{
	on_tty "$RG" --sort path "$@" >rg.out
	on_tty "$ISOGREP" --sort path "$@" >iso.out
	cmp -s rg.out iso.out || {
		echo "differs from rg on a terminal with: $*"
		diff <(cat -v rg.out) <(cat -v iso.out) | head -n 20
		return 1
	}
}

@test "on a terminal: headings, line numbers and colors, as ripgrep" {
	need_script
	need_rg
	mktree
	export TERM=xterm
	unset NO_COLOR
	same_on_tty foo d
	# The heading and the numbers are there, the files parted by a blank line.
	tr -d '\r' <iso.out | sed 's/\x1b\[[0-9;]*m//g' >plain
	printf '%s\n' d/a.txt '1:foo bar foo' '3:xfoo_lock end' '' d/b.txt '1:foo' \
	    '3:foofoo' '' 'd/sub dir/c.txt' $'1:  \tfoo here' '2:tail foo tail' >want
	cmp plain want || { cat -v plain; false; }
	grep -q $'\033\\[0m\033\\[35md/a.txt\033\\[0m' iso.out
	# Options that change it, on the same terminal.
	for flags in --no-heading -N '-N --no-heading' --color=never --color=always \
	    --color=ansi -p '-p -N' --vimgrep --column -o '-c --include-zero' -l \
	    '--heading -H' \
	    '-n --no-heading' '--trim' '-M 8'; do
		# shellcheck disable=SC2086
		same_on_tty $flags foo d
	done
	# One file: no heading, numbers and colors still.
	same_on_tty foo d/a.txt
	same_on_tty -H foo d/a.txt
}

@test "NO_COLOR and TERM=dumb turn colors off, as in ripgrep; --color=always wins" {
	need_script
	need_rg
	mktree
	for env in 'TERM=dumb' 'TERM=xterm NO_COLOR=1' 'TERM=xterm NO_COLOR='; do
		(
			unset NO_COLOR
			# shellcheck disable=SC2163,SC2086
			export $env
			same_on_tty foo d
			! grep -q $'\033' iso.out
			same_on_tty --color=always foo d
			grep -q $'\033\\[35m' iso.out
		)
	done
	(
		unset TERM NO_COLOR
		same_on_tty foo d
		! grep -q $'\033' iso.out
	)
}

@test "grep mode on a terminal prints as grep: no heading, no colors" {
	need_script
	mktree
	TERM=xterm on_tty "$ISOGREP" --grep-mode -r foo d | tr -d '\r' | sorted >got
	command grep -r foo d | sorted >want
	cmp got want || { cat -v got; false; }
}

# strip_sgr FILE: FILE without the color sequences isogrep writes.
strip_sgr()
{
	sed 's/\x1b\[[0-9;]*m//g' "$1"
}

@test "hostile names and lines: visible escapes, colors unbroken, no raw controls" {
	need_script
	export TERM=xterm
	unset NO_COLOR
	mkdir d
	# A newline, ESC (a color and a title), BEL, DEL, a C1 CSI, a tab.
	printf 'hit \033[31mred\033]0;title\007 \177 \302\233 end\n' >d/$'n\nl'
	printf 'hit plain\n' >d/$'e\033[32mx\033]8;;x\033\\'
	printf 'hit\n' >d/$'c\001\002\037\302\2002'
	on_tty "$ISOGREP" --sort path --hyperlink-format=default hit d >out
	# Every ESC left is a color sequence or the link isogrep made.
	sed -e 's/\x1b\[[0-9;]*m//g' -e 's/\x1b\]8;;[^\x1b]*\x1b\\//g' out >rest
	if grep -q $'[\001-\010\016-\037\177]' rest || grep -q $'\302[\200-\237]' rest; then
		echo "a raw control reached the terminal:"
		cat -v rest
		false
	fi
	tr -d '\r' <rest >plain
	printf '%s\n' 'd/c^A^B^_\u00802' '1:hit' '' 'd/e^[[32mx^[]8;;x^[\' \
	    '1:hit plain' '' 'd/n^Jl' '1:hit ^[[31mred^[]0;title^G ^? \u009b end' >want
	cmp plain want || { diff <(cat -v want) <(cat -v plain); false; }
	# The path and the match keep their colors around the escapes.
	grep -q $'\033\\[0m\033\\[35md/n^Jl\033\\[0m' out
	grep -q $'\033\\[0m\033\\[1m\033\\[31mhit\033\\[0m' out
	# A link's target is percent-encoded: no control inside it either.
	grep -aq '/d/n%0Al' out
	# Without colors, the same visible escapes.
	on_tty "$ISOGREP" --sort path --color=never hit d | tr -d '\r' >plain
	cmp plain want || { diff <(cat -v want) <(cat -v plain); false; }
}

@test "the escapes and -o, --replace, -M and --vimgrep on a terminal" {
	need_script
	export TERM=xterm
	unset NO_COLOR
	printf 'a\033[1mhit\033[0mb hit\n' >f
	for flags in -o '--replace X\033' '-M 5 --max-columns-preview' --vimgrep \
	    --column '--trim' '-b'; do
		# shellcheck disable=SC2086
		on_tty "$ISOGREP" $flags 'hit|\x1b' f >out
		sed 's/\x1b\[[0-9;]*m//g' out >rest
		if grep -q $'\033' rest; then
			echo "a raw ESC with $flags:"
			cat -v out
			false
		fi
	done
}

# A FIFO that gives isogrep three matching lines and then nothing: the
# search waits on it until a signal comes.
slow_fifo()
{
	mkfifo fifo
	# exec: the PID is the sleep's, so stop_writer ends it; fd 3 is bats'.
	(printf 'foo one end\nfoo two end\nfoo three end\n'; exec sleep 30) \
	    >fifo 3>&- &
	echo $! >writer.pid
}

stop_writer()
{
	kill "$(cat writer.pid)" 2>/dev/null || true
}

@test "SIGINT with colors on a terminal: whole records, then a reset" {
	need_script
	env --default-signal=INT true 2>/dev/null ||
		skip "env --default-signal is not available"
	export TERM=xterm
	slow_fifo
	# A background job starts with SIGINT ignored: restore it, as a
	# terminal's ^C would find it.
	script -qec "env --default-signal=INT \"$ISOGREP\" -H foo fifo & p=\$!;
	    sleep 1; kill -INT \$p; wait \$p; echo \"status=\$?\"" /dev/null \
	    </dev/null >out
	stop_writer
	tr -d '\r' <out >got
	grep -q 'status=130$' got || { cat -v got; false; }
	# The records came whole, and a reset followed the last one.
	local all records
	all=$(cat got)
	records=${all%%status=*}
	[ "$(printf '%s' "$records" | sed 's/\x1b\[[0-9;]*m//g')" = \
	    $'fifo\n1:foo one end\n2:foo two end\n3:foo three end' ] ||
		{ printf '%s' "$records" | cat -v; false; }
	[ "${records: -5}" = $'\n\033[0m' ] ||
		{ echo "no reset after the last record:"; printf '%s' "$records" | cat -v; false; }
}

@test "SIGINT without colors writes nothing more" {
	need_script
	env --default-signal=INT true 2>/dev/null ||
		skip "env --default-signal is not available"
	export TERM=dumb
	slow_fifo
	script -qec "env --default-signal=INT \"$ISOGREP\" -H foo fifo & p=\$!;
	    sleep 1; kill -INT \$p; wait \$p; echo \"status=\$?\"" /dev/null \
	    </dev/null >out
	stop_writer
	tr -d '\r' <out >got
	printf '%s\n' fifo '1:foo one end' '2:foo two end' '3:foo three end' \
	    'status=130' >want
	cmp got want || { cat -v got; false; }
}

@test "^C in a real terminal (tmux) leaves it uncolored" {
	command -v tmux >/dev/null || skip "tmux is not installed"
	slow_fifo
	cat >run.sh <<EOF
#!/bin/sh
# ^C reaches the whole foreground group: the shell must live on.
trap : INT
TERM=xterm; export TERM
unset NO_COLOR
"$ISOGREP" --colors 'match:bg:blue' --colors 'highlight:bg:red' foo fifo
echo "status=\$?"
printf 'AFTER\n'
sleep 30
EOF
	chmod +x run.sh
	tmux_start ./run.sh
	# On a timeout, the writer and the terminal go before the test fails.
	tmux_wait_for three 5 && tmux_keys C-c && tmux_wait_for AFTER 5 ||
	    { stop_writer; tmux_stop; false; }
	tmux_screen -e >pane
	tmux_stop
	stop_writer
	grep -q 'status=130' pane || { cat -v pane; false; }
	# What the shell printed after ^C has no color attribute set.
	grep -q '^AFTER' pane || { echo "AFTER is colored:"; cat -v pane; false; }
	# ... while the matches before it were colored (the test can fail).
	grep -q $'\033\\[' pane || { cat -v pane; false; }
}
