#!/usr/bin/env bats
# Shell integration: the man page, --help, --version, usage errors, the
# config file's errors, the completions driven in real bash, zsh and fish
# (in tmux), and make install.

load helpers/common
load helpers/tmux

REPO="$BATS_TEST_DIRNAME/.."

teardown()
{
	tmux_stop
}

# A bin directory whose isogrep is the binary under test, whatever its name.
bin_dir()
{
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -sf "$ISOGREP" "$BATS_TEST_TMPDIR/bin/isogrep"
	echo "$BATS_TEST_TMPDIR/bin"
}

@test "man page: mandoc -Tlint is silent and man renders every section" {
	run mandoc -Tlint -W warning "$REPO/man/isogrep.1"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run env MANWIDTH=80 man -l "$REPO/man/isogrep.1"
	[ "$status" -eq 0 ]
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS 'IGNORE RULES' \
	    'BINARY FILES' 'FILE-FILTER MODE' 'PATTERN SETS AND BOOLEAN QUERIES' \
	    'COMPRESSED FILES AND ARCHIVES' 'GREP MODE' ENVIRONMENT FILES \
	    'EXIT STATUS' EXAMPLES 'SEE ALSO' STANDARDS; do
		grep -qx "$s" <<<"$output" || { echo "no section $s"; false; }
	done
	# The committed page is the one the binary generates.
	"$ISOGREP" --generate man | diff -u "$REPO/man/isogrep.1" -
}

@test "--help: grouped, one line per option, within 80 columns" {
	run "$ISOGREP" --help
	[ "$status" -eq 0 ]
	awk 'length($0) > 80 { print "too long: " $0; bad = 1 } END { exit bad }' <<<"$output"
	# The groups, in order.
	headings=$(grep -E '^[A-Z][a-z ]+:$' <<<"$output" | tr '\n' '|')
	[ "$headings" = "Input:|Matching:|Selection of files:|Output:|Context:|Formats:|Performance:|Other:|" ] ||
	    [[ $headings == Input:\|Matching:\|Selection\ of\ files:\|Output:\|* ]]
	# Each option line starts with its names; none wraps onto a second line.
	! grep -qE '^ {20,}[a-z]' <<<"$output"
	# -h stays grep's --no-filename.
	grep -qE '^  -h, --no-filename ' <<<"$output"
}

@test "every option of --help is in the man page and in each completion" {
	help=$("$ISOGREP" --help)
	longs=$(grep -oE '^ +(-[^ ], )?--[a-z0-9-]+' <<<"$help" | grep -oE -- '--[a-z0-9-]+$' | sort -u)
	shorts=$(grep -oE '^  -[^ -],' <<<"$help" | cut -c4 | sort -u)
	[ -n "$longs" ] && [ -n "$shorts" ]
	man=$(cat "$REPO/man/isogrep.1")
	for o in $longs; do
		n=${o#--}
		grep -qF -- "Fl \\-$n" <<<"$man" || { echo "man: $o"; false; }
		grep -qE -- "(^|[ \"|])$o( |\||\))" "$REPO/completions/isogrep.bash" ||
		    { echo "bash: $o"; false; }
		grep -qE -- "[{'(,]$o[]=,+}[]" "$REPO/completions/_isogrep" ||
		    { echo "zsh: $o"; false; }
		grep -qE -- " -l $n( |$)" "$REPO/completions/isogrep.fish" ||
		    { echo "fish: $o"; false; }
	done
	for s in $shorts; do
		grep -qE -- "Fl $s( |$)" <<<"$man" || { echo "man: -$s"; false; }
		grep -qF -- " -s $s " "$REPO/completions/isogrep.fish" ||
		    { echo "fish: -$s"; false; }
	done
	# And the other way round: nothing is completed that --help lacks.
	for n in $(grep -E '^complete ' "$REPO/completions/isogrep.fish" | grep -oE ' -l [a-z0-9-]+' | cut -d' ' -f3); do
		grep -qxF -- "--$n" <<<"$longs" || { echo "fish only: --$n"; false; }
	done
	for o in $(grep -oE "[{'(]--[a-z0-9-]+" "$REPO/completions/_isogrep" | cut -c2- | sort -u); do
		grep -qxF -- "$o" <<<"$longs" || { echo "zsh only: $o"; false; }
	done
	# The man page documents both modes: its options are those of the two.
	both=$( { "$ISOGREP" --help; "$ISOGREP" --grep-mode --help; } |
	    grep -oE '^ +(-[^ ], )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+$' | sort -u)
	for n in $(grep -oE '^\.It Fl [^ ]+( Ar [^ ]+)? , Fl \\-[a-z0-9-]+|^\.It Fl \\-[a-z0-9-]+' <<<"$man" |
	    grep -oE '\\-[a-z0-9-]+$' | cut -c3-); do
		grep -qxF -- "--$n" <<<"$both" || { echo "man only: --$n"; false; }
	done
}

@test "--version names isogrep, PCRE2 with its JIT, the allocator and the SIMD level" {
	run "$ISOGREP" --version
	[ "$status" -eq 0 ]
	[[ ${lines[0]} =~ ^isogrep\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	pcre=$(pcre2grep --version | grep -oE '[0-9]+\.[0-9]+')
	grep -qE "^PCRE2 $pcre .*\(JIT (available|unavailable)\)$" <<<"$output"
	grep -qE '^(jemalloc [0-9]+\.[0-9]+\.[0-9]+|allocator: libc malloc)' <<<"$output"
	grep -qE '^SIMD: (AVX2|SSE2|none)' <<<"$output"
}

@test "usage errors: one line naming the option, a pointer to --help, exit 2" {
	run "$ISOGREP" --no-such-option x
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "isogrep: unknown option '--no-such-option'" ]
	grep -qF "Try 'isogrep --help'" <<<"$output"
	run "$ISOGREP" --colr=never x
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "isogrep: unknown option '--colr=never' (did you mean '--color'?)" ]
	run "$ISOGREP" --hiden x
	[ "${lines[0]}" = "isogrep: unknown option '--hiden' (did you mean '--hidden'?)" ]
	run "$ISOGREP" x --max-count
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "isogrep: option '--max-count' needs an argument" ]
}

@test "config file: a bad line is an error naming the file and the line" {
	printf '%s\n' '# defaults' '--hidden' '' '--max-count=many' >cfg
	run env ISOGREP_CONFIG_PATH=cfg "$ISOGREP" x /dev/null
	[ "$status" -eq 2 ]
	[[ ${lines[0]} == "isogrep: config file cfg line 4: "*"'many'"* ]]
	printf '%s\n' '--hidden' '--hiden' >cfg
	run env ISOGREP_CONFIG_PATH=cfg "$ISOGREP" x /dev/null
	[ "$status" -eq 2 ]
	[[ ${lines[0]} == "isogrep: config file cfg line 2: unknown option '--hiden'"* ]]
	# The same option on the command line names no file.
	run env ISOGREP_CONFIG_PATH= "$ISOGREP" --hiden x /dev/null
	[[ ${lines[0]} == "isogrep: unknown option '--hiden'"* ]]
}

# The types a completion must offer: those of --type-list.
@test "completion: bash completes options, types (with --type-add) and values" {
	bin=$(bin_dir)
	printf '%s\n' "PS1='$ '" "PATH=$bin:\$PATH" \
	    "source '$REPO/completions/isogrep.bash'" \
	    "bind 'set show-all-if-ambiguous on'" >rc
	tmux_start env HOME="$PWD" TERM=xterm bash --rcfile rc --noprofile -i
	tmux_wait_for '^\$ ?$'
	tmux_keys 'isogrep --hidd' Tab
	tmux_wait_for '^\$ isogrep --hidden ?$'
	tmux_keys C-u 'isogrep --colo' Tab
	tmux_wait_for '--color +(--colors +)?--colour'
	tmux_keys C-u 'isogrep --color=' Tab
	tmux_wait_for 'always +ansi +auto +never'
	tmux_keys C-u "isogrep --type-add 'zzqux:*.zq' -t zzq" Tab
	tmux_wait_for '-t zzqux ?$'
	tmux_keys C-u 'isogrep -t rus' Tab
	tmux_wait_for '^\$ isogrep -t rust ?$'
}

@test "completion: zsh completes options, types (with --type-add) and values" {
	bin=$(bin_dir)
	printf '%s\n' "PS1='$ '" "PATH=$bin:\$PATH" \
	    "fpath=('$REPO/completions' \$fpath)" \
	    'autoload -Uz compinit && compinit -u -D' >.zshrc
	tmux_start env HOME="$PWD" ZDOTDIR="$PWD" TERM=xterm zsh -i
	tmux_wait_for '^\$ ?$'
	tmux_keys 'isogrep --hidd' Tab
	tmux_wait_for '^\$ isogrep --hidden ?$'
	tmux_keys C-u 'isogrep --color=' Tab
	tmux_wait_for 'always +ansi +auto +never|always +auto +ansi +never|ansi +always +auto +never'
	tmux_keys C-u "isogrep --type-add 'zzqux:*.zq' -t zzq" Tab
	tmux_wait_for '-t zzqux ?$'
	tmux_keys C-u 'isogrep -t rus' Tab
	tmux_wait_for '^\$ isogrep -t rust ?$'
}

@test "completion: fish completes options, types (with --type-add) and values" {
	bin=$(bin_dir)
	tmux_start env HOME="$PWD" XDG_CONFIG_HOME="$PWD/cfg" XDG_DATA_HOME="$PWD/data" \
	    TERM=xterm PATH="$bin:$PATH" fish --no-config -i -C \
	    "set -g fish_greeting; set -g fish_autosuggestion_enabled 0; function fish_prompt; echo -n '\$ '; end; set -g fish_complete_path '$REPO/completions' \$fish_complete_path"
	tmux_wait_for '^\$ ?$'
	tmux_keys 'isogrep --hidd' Tab
	tmux_wait_for '^\$ isogrep --hidden ?$'
	tmux_keys C-u 'isogrep --color=' Tab
	tmux_wait_for 'always'
	tmux_wait_for 'never'
	tmux_keys C-u "isogrep --type-add 'zzqux:*.zq' -t zzq" Tab
	tmux_wait_for '-t zzqux ?$'
}

@test "make install puts the binary, man page and completions where shells look; uninstall removes them" {
	prefix="$BATS_TEST_TMPDIR/prefix"
	make -s -C "$REPO" install PREFIX="$prefix" >/dev/null
	for f in bin/isogrep share/man/man1/isogrep.1 \
	    share/bash-completion/completions/isogrep \
	    share/zsh/site-functions/_isogrep \
	    share/fish/vendor_completions.d/isogrep.fish; do
		[ -f "$prefix/$f" ] || { echo "missing $f"; false; }
	done
	# bash-completion finds it by itself under the prefix's share directory.
	printf '%s\n' "PS1='$ '" "PATH=$prefix/bin:\$PATH" \
	    'source /usr/share/bash-completion/bash_completion' \
	    "bind 'set show-all-if-ambiguous on'" >rc
	tmux_start env HOME="$PWD" TERM=xterm XDG_DATA_DIRS="$prefix/share:/usr/share" \
	    bash --rcfile rc --noprofile -i
	tmux_wait_for '^\$ ?$'
	tmux_keys 'isogrep --colo' Tab
	tmux_wait_for '--color +(--colors +)?--colour'
	make -s -C "$REPO" uninstall PREFIX="$prefix" >/dev/null
	[ -z "$(find "$prefix" -type f)" ]
}
