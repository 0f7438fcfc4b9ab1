#!/usr/bin/env bats
# One big file named alone is cut into segments searched by several workers
# (src/pipeline/split.c).  Its output must be byte for byte what one worker prints:
# the references are the same search with -j1 (never split) and over
# standard input (never mapped).  The Makefile also runs this file under
# ThreadSanitizer.

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/faults

# A 37 MB file (split needs 32 MiB) of numbered lines, a NEEDLE every
# 997th line, built once for the file; variants get a NUL or lose the
# final newline.
setup_file()
{
	cd "$BATS_FILE_TMPDIR" || return 1
	awk 'BEGIN { for (i = 1; i <= 2000000; i++)
		printf "%d some text %s\n", i, (i % 997 == 0 ? "NEEDLE here" : "") }' >big
}

setup()
{
	cd "$BATS_TEST_TMPDIR" || return 1
	ln -s "$BATS_FILE_TMPDIR/big" big
}

# same_as_one_worker FILE ARGS...: -j 4 on FILE prints what -j1 and (unless
# -H or --binary, which name the file, is among ARGS) stdin print, on stdout and stderr, with the same exit
# status.  Leaves $output, $stderr and $lines of the -j 4 run.
same_as_one_worker()
{
	local file=$1
	shift
	run --separate-stderr "$ISOGREP" -j 1 "$@" "$file"
	local one_out=$output one_err=$stderr one_status=$status
	if [[ " $* " != *" -H "* && " $* " != *" --binary "* ]]; then
		run --separate-stderr "$ISOGREP" -j 4 "$@" <"$file"
		[ "$output" = "$one_out" ] || { echo "stdin differs from -j1 for $*"; false; }
		[ "$status" -eq "$one_status" ]
	fi
	run --separate-stderr "$ISOGREP" -j 4 "$@" "$file"
	[ "$status" -eq "$one_status" ] || { echo "-j1 status $one_status, split $status"; false; }
	[ "$output" = "$one_out" ] || { echo "stdout differs from -j1 for $*"; false; }
	[ "$stderr" = "$one_err" ] || { echo "stderr: split '$stderr', -j1 '$one_err'"; false; }
}

@test "split: -n lines, in order, numbered as one worker numbers them" {
	same_as_one_worker big -n NEEDLE
	[ "${#lines[@]}" -eq 2006 ]
	[ "${lines[0]}" = "997:997 some text NEEDLE here" ]
	[ "${lines[2005]}" = "1999982:1999982 some text NEEDLE here" ]
}

@test "split: -c, -v -c, -o -n, -i and a regex agree with one worker" {
	same_as_one_worker big -c NEEDLE
	[ "$output" = 2006 ]
	same_as_one_worker big -v -c 'e'
	[ "$output" = 0 ]
	same_as_one_worker big -o -n 'NEE\w+'
	same_as_one_worker big -n -i 'needle HERE'
	same_as_one_worker big -n '^19999\d\d '
	[ "${#lines[@]}" -eq 100 ]
	same_as_one_worker big -H -n 'NEEDLE'
}

@test "split: every line selected (-v of a rare string), numbered right" {
	run -0 bash -c '"$ISOGREP" -j 4 -n -v NEEDLE big | sha1sum'
	local split=$output
	run -0 bash -c '"$ISOGREP" -j 1 -n -v NEEDLE big | sha1sum'
	[ "$output" = "$split" ]
}

@test "split: a NUL in the middle: the text part prints, then binary file matches" {
	head -n 1000000 big >nul
	printf 'binary\0here NEEDLE\n' >>nul
	tail -n 1000000 big >>nul
	same_as_one_worker nul -n NEEDLE
	[ "${lines[-1]}" = "999991:999991 some text NEEDLE here" ]
	[[ $stderr == *"nul: binary file matches"* ]]
	same_as_one_worker nul --binary -n NEEDLE
	same_as_one_worker nul -a -c NEEDLE
	[ "$output" = 2007 ]
}

@test "split: a NUL in the first 64 KiB: binary from the start" {
	printf 'x\0y\n' >head
	cat big >>head
	same_as_one_worker head -n NEEDLE
	[ -z "$output" ]
	[[ $stderr == *"head: binary file matches"* ]]
}

@test "split: a last line without a newline, and a long last line" {
	cp big tail
	printf 'the end NEEDLE' >>tail
	same_as_one_worker tail -n NEEDLE
	[ "${lines[-1]}" = "2000001:the end NEEDLE" ]
	head -c 40000000 big >long
	head -c 9000000 /dev/zero | tr '\0' 'a' >>long
	printf 'NEEDLE\n' >>long
	same_as_one_worker long -c NEEDLE
}

@test "split: the file cut short while the output is blocked: an error, exit 2, whole lines" {
	# Bigger than the results the printer can hold back while blocked.
	cat big big big big >shrinking
	cut_short_while_blocked shrinking '^[0-9]+:[0-9]+ some text ' -j 2 -n some
}
