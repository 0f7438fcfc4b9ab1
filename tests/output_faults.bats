#!/usr/bin/env bats
# Output that fails or misbehaves: a reader that stops early, a full disk, a
# closed standard output, an output file that is also an input, and many
# workers writing at once.  Issue 4 (reliability).

# Redirections of isogrep's own stdout run in a child bash -c 'SCRIPT',
# where "$ISOGREP" (exported) expands: hence the single quotes.  status,
# output, stderr and lines are set by bats' `run`.
# shellcheck disable=SC2016,SC2154

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/faults

# big_tree DIR FILES LINES: FILES files of LINES lines "x line J of I" each,
# spread over 50 directories (DIR/dK/fI).
big_tree()
{
	awk -v root="$1" -v files="$2" -v lines="$3" 'BEGIN {
		for (d = 0; d < 50 && d < files; d++)
			system("mkdir -p " root "/d" d)
		for (i = 0; i < files; i++) {
			f = sprintf("%s/d%d/f%d", root, i % 50, i)
			for (j = 1; j <= lines; j++)
				print "x line " j " of " i > f
			close(f)
		}
	}'
}

# --- a reader that stops early ------------------------------------------------

@test "isogrep x big | head -1 ends at once, silently (one file)" {
	yes x | head -n 200000 >big
	timeout 10 "$ISOGREP" x big 2>err | head -n 1 >out
	st=${PIPESTATUS[0]}
	[ "$st" -eq 0 ] || [ "$st" -eq 141 ] || { echo "exit status $st"; cat err; false; }
	[ "$(cat out)" = x ]
	[ ! -s err ] || { echo "stderr:"; cat err; false; }
}

@test "isogrep x tree | head -1 ends at once, silently (2,000 files)" {
	big_tree t 2000 100
	timeout 10 "$ISOGREP" x t 2>err | head -n 1 >out
	st=${PIPESTATUS[0]}
	[ "$st" -eq 0 ] || [ "$st" -eq 141 ] || { echo "exit status $st"; cat err; false; }
	[ "$(wc -l <out)" -eq 1 ]
	grep -qE '^t/d[0-9]+/f[0-9]+:x line 1 of [0-9]+$' out || { cat out; false; }
	[ ! -s err ] || { echo "stderr:"; cat err; false; }
}

# --- a full disk ------------------------------------------------------------------

@test "/dev/full: lines (direct and parallel): write error on standard output, exit 2" {
	[ -w /dev/full ] || skip "/dev/full is not available"
	yes x | head -n 200000 >big
	mkfile d/a x
	mkfile d/b x
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" x big >/dev/full'
	assert_status 2
	assert_contains "$stderr" 'standard output'
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" x d >/dev/full'
	assert_status 2
	assert_contains "$stderr" 'standard output'
	# One small file: the only write is the final flush.
	mkfile f x
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" x f >/dev/full'
	assert_status 2
	assert_contains "$stderr" 'standard output'
}

@test "/dev/full with -c, -l and --files: the error at the final flush is reported" {
	[ -w /dev/full ] || skip "/dev/full is not available"
	mkfile f x
	mkfile d/a x
	mkfile d/b y
	for args in '-c x f' '-l x f' '-c x d' '-l x d' '--files d' '--files f' \
	    '-L x d' '-n x f'; do
		run --separate-stderr timeout 10 bash -c \
		    '"$ISOGREP" '"$args"' >/dev/full'
		[ "$status" -eq 2 ] || { echo "isogrep $args"; assert_status 2; }
		assert_contains "$stderr" 'standard output'
	done
}

@test "/dev/full and a closed stdout: --help, --version, --generate, --type-list fail as grep does" {
	[ -w /dev/full ] || skip "/dev/full is not available"
	local redir want args
	for redir in '>/dev/full' '>&-'; do
		# GNU grep: "grep: write error: ...", and its exit status.
		want=0
		bash -c "command grep --help $redir" 2>/dev/null || want=$?
		[ "$want" -ne 0 ] || { echo "grep --help $redir succeeded?"; return 1; }
		for args in --help --version '--generate man' '--generate bash' \
		    '--generate zsh' '--generate fish' --type-list; do
			run --separate-stderr timeout 10 bash -c \
			    '"$ISOGREP" '"$args $redir"
			[ "$status" -eq "$want" ] ||
				{ echo "isogrep $args $redir: want $want"; show; return 1; }
			assert_contains "$stderr" 'write error: standard output'
			[ -z "$output" ]
		done
	done
}

@test "stdout closed: an error naming standard output, exit 2" {
	yes x | head -n 1000 >big
	mkfile d/a x
	for args in 'x big' 'x d' '-c x big' '-l x d' '--files d'; do
		run --separate-stderr timeout 10 bash -c '"$ISOGREP" '"$args"' >&-'
		[ "$status" -eq 2 ] || { echo "isogrep $args"; assert_status 2; }
		assert_contains "$stderr" 'standard output'
	done
}

@test "stdout closed with -q: nothing to write, exit 0" {
	mkfile f x
	mkfile d/a x
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" -q x f >&-'
	assert_status 0
	assert_no_stderr
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" -q x d >&-'
	assert_status 0
	assert_no_stderr
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" -q nomatch f >&-'
	assert_status 1
	assert_no_stderr
}

# --- the output file is also an input --------------------------------------------

@test "isogrep x f >> f: refused, f unchanged, exit 2" {
	mkfile f 'x1' 'x2'
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" x f >>f'
	assert_status 2
	assert_stderr 'isogrep: f: input file is also the output'
	[ "$(wc -c <f)" -eq 6 ] || { wc -c f; false; }
	# Truncating output (>) is just as much the same file.
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" -n x f g >g'
	assert_status 2
	assert_stderr 'isogrep: g: input file is also the output'
	[ "$(cat g)" = $'f:1:x1\nf:2:x2' ] || { cat g; false; }
}

@test "isogrep x < f >> f: refused, named (standard input), exit 2" {
	mkfile f 'x1' 'x2'
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" x <f >>f'
	assert_status 2
	assert_stderr 'isogrep: (standard input): input file is also the output'
	[ "$(wc -c <f)" -eq 6 ] || { wc -c f; false; }
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" x - <f >>f'
	assert_status 2
	assert_stderr 'isogrep: (standard input): input file is also the output'
	[ "$(wc -c <f)" -eq 6 ] || { wc -c f; false; }
}

@test "isogrep x d >> d/f in a walk: terminates, names d/f, exit 2" {
	mkfile d/f 'x in f'
	mkfile d/g 'x in g'
	mkfile d/sub/h 'x in h'
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" x d >>d/f'
	assert_status 2
	assert_stderr 'isogrep: d/f: input file is also the output'
	# d/f was not read back: its own line is in it once.
	[ "$(grep -c 'x in f' d/f)" -eq 1 ] || { cat d/f; false; }
}

@test "-l and -q may write to a file that is also an input" {
	mkfile f 'x1' 'x2'
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" -l x f >>f'
	assert_status 0
	assert_no_stderr
	[ "$(cat f)" = $'x1\nx2\nf' ] || { cat f; false; }
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" -q x f >>f'
	assert_status 0
	assert_no_stderr
	mkfile d/f 'x in f'
	mkfile d/g 'x in g'
	run --separate-stderr timeout 10 bash -c '"$ISOGREP" -l x d >>d/f'
	assert_status 0
	assert_no_stderr
	[ "$(sed 1d d/f | sorted)" = $'d/f\nd/g' ] || { cat d/f; false; }
}

# --- many workers -----------------------------------------------------------------

@test "-j 16 on 10,000 files: each file's lines whole and in order, as grep -r" {
	big_tree t 10000 10
	run --separate-stderr "$ISOGREP" -j 16 x t
	assert_status 0
	assert_no_stderr
	[ "${#lines[@]}" -eq 100000 ] || { echo "${#lines[@]} lines"; false; }
	# Lines are "PATH:x line J of I": J counts 1..10 within one unbroken
	# run per file, and a path never comes back.
	printf '%s\n' "$output" | awk -F: '
	$1 != cur {
		if ($1 in seen) { printf "%s resumes at line %d\n", $1, NR; bad = 1 }
		if (cur != "" && want != 11) { printf "%s stops at %d\n", cur, want - 1; bad = 1 }
		seen[$1] = 1; cur = $1; want = 1
	}
	{
		split($2, w, " ")
		if (w[3] + 0 != want) { printf "%s: line %s, expected %d\n", $1, w[3], want; bad = 1 }
		want++
	}
	END {
		if (want != 11) { printf "%s stops at %d\n", cur, want - 1; bad = 1 }
		exit bad
	}'
	assert_same_as_grep -r x t
}
