#!/usr/bin/env bats
# Inputs that fight back: files that shrink while read, FIFOs, sockets and
# devices, symlink loops, very deep and very wide trees, few descriptors,
# unreadable entries, files whose size lies, huge and sparse files, NUL
# bytes and invalid UTF-8.  Issue 4 (reliability).

# status, output, stderr and lines are set by bats' `run`;
# bash -c 'SCRIPT' expands the exported $ISOGREP in the child.
# shellcheck disable=SC2016,SC2154

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/faults

teardown()
{
	perm_teardown
	# The big files go at once, not at the end of the run.
	rm -f "$BATS_TEST_TMPDIR"/huge* "$BATS_TEST_TMPDIR"/sparse
}

# not_killed: the last run did not die of a signal (or of timeout).
not_killed()
{
	if [ "$status" -ge 124 ]; then
		echo "killed or timed out: status $status"
		show
		return 1
	fi
}

# --- a file that shrinks while searched -------------------------------------------

@test "a file truncated while searched: no crash" {
	yes 'hello world, a line of text' | head -c 50000000 >orig
	# Counting, printing lines, and the parallel path (two files), each
	# cut short at a different moment.
	for run_args in '0.01 -c h\w+o shrinking' '0.05 -n h\w+o shrinking' \
	    '0.1 -c h\w+o shrinking orig'; do
		# shellcheck disable=SC2086
		set -- $run_args
		local delay=$1
		shift
		cp orig shrinking
		(sleep "$delay"; truncate -s 0 shrinking) &
		run --separate-stderr timeout 20 "$ISOGREP" "$@"
		wait
		not_killed
		[ "$status" -le 2 ] || { echo "isogrep $*"; show; false; }
	done
}

@test "a big (mapped) file cut short while its output is blocked: an error, exit 2, whole lines" {
	# Every line matches, so the output fills the pipe and isogrep waits
	# in write() with the file mapped; then the file loses its pages.
	yes 'a line that matches' | head -c 20000000 >shrinking
	cut_short_while_blocked shrinking '^a line that matches$' matches
}

# --- FIFOs, sockets and devices ----------------------------------------------------

@test "FIFOs, sockets and devices in a walk are skipped without hanging" {
	mkfile d/real 'x real'
	mkfifo d/fifo
	ln -s /dev/zero d/zero-link
	local want=$'d/real:x real'
	if perl -MSocket -e 'socket(S, PF_UNIX, SOCK_STREAM, 0) or die;
	    bind(S, pack_sockaddr_un("d/sock")) or die' 2>/dev/null; then
		[ -S d/sock ]
	fi
	# A character device (a copy of /dev/zero: reading it never ends).
	if [ "$(id -u)" -eq 0 ]; then
		mknod d/cdev c 1 5 2>/dev/null || true
	fi
	for args in 'x d' '-c x d' '--follow x d' '-j 1 x d' '-uuu x d'; do
		# shellcheck disable=SC2086
		run --separate-stderr timeout 10 "$ISOGREP" $args
		case $args in
		-c*) assert_output 'd/real:1' ;;
		*) assert_output "$want" ;;
		esac
		assert_status 0
		assert_no_stderr
	done
	run --separate-stderr timeout 10 "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/real'
	assert_no_stderr
}

@test "a FIFO named on the command line is read" {
	mkfifo fifo
	# The writers give up after 10 s if isogrep never opens the FIFO.
	timeout 10 sh -c "printf 'x from fifo\nnot this\n' >fifo" &
	run --separate-stderr timeout 10 "$ISOGREP" x fifo
	wait
	assert_status 0
	assert_output 'x from fifo'
	assert_no_stderr
	mkfile f 'x from f'
	timeout 10 sh -c "printf 'x from fifo\n' >fifo" &
	run --separate-stderr timeout 10 "$ISOGREP" x fifo f
	wait
	assert_status 0
	assert_sorted_output $'fifo:x from fifo\nf:x from f'
	assert_no_stderr
}

# silent_fifo_run ARGS...: run isogrep -j 2 ARGS in the background, wait
# up to 5 s for output, then SIGTERM it.  Sets status, out and waited.
silent_fifo_run()
{
	"$ISOGREP" -j 2 "$@" >out 2>err &
	local pid=$!
	wait_for_file out 5 && waited=1 || waited=0
	kill -TERM "$pid" 2>/dev/null || true
	end_within 5 "$pid"
}

@test "a FIFO with no writer, named after real files: their lines come, SIGTERM ends it" {
	mkfifo silent
	mkfile real 'x real'
	mkfile other 'x other'
	silent_fifo_run x real other silent
	[ "$waited" -eq 1 ] || { echo "no output within 5 s"; cat out err; false; }
	[ "$status" -eq 143 ] || { echo "exit status $status"; cat err; false; }
	[ "$(sorted <out)" = $'other:x other\nreal:x real' ] || { cat out; false; }
}

@test "a FIFO with no writer, named before real files: their lines still come" {
	mkfifo silent
	mkfile real 'x real'
	mkfile other 'x other'
	silent_fifo_run x silent real other
	[ "$waited" -eq 1 ] || { echo "no output within 5 s"; cat out err; false; }
	[ "$status" -eq 143 ] || { echo "exit status $status"; cat err; false; }
	[ "$(sorted <out)" = $'other:x other\nreal:x real' ] || { cat out; false; }
}

# --- symbolic links -----------------------------------------------------------------

@test "--follow: a symlink loop is reported once, and the walk ends" {
	local i
	for i in $(seq 1 20); do
		mkfile "d/s$((i % 4))/f$i" "x $i"
	done
	ln -s .. d/s1/up
	run --separate-stderr timeout 10 "$ISOGREP" -j 8 --follow x d
	assert_status 2
	[ "${#lines[@]}" -eq 20 ] || { show; false; }
	[ "$(printf '%s\n' "$stderr" | grep -c loop)" -eq 1 ] || { show; false; }
	assert_stderr 'isogrep: d/s1/up: symbolic link loop, not followed'
	run --separate-stderr timeout 10 "$ISOGREP" -j 8 --follow --files d
	assert_status 2
	[ "${#lines[@]}" -eq 20 ] || { show; false; }
	[ "$(printf '%s\n' "$stderr" | grep -c loop)" -eq 1 ] || { show; false; }
}

@test "a dangling link in a tree: reported with --follow, ignored without" {
	mkfile d/real 'x real'
	ln -s nowhere d/dangling
	run --separate-stderr timeout 10 "$ISOGREP" --follow x d
	assert_status 2
	assert_output 'd/real:x real'
	assert_stderr 'isogrep: d/dangling: broken symbolic link'
	run --separate-stderr timeout 10 "$ISOGREP" x d
	assert_status 0
	assert_output 'd/real:x real'
	assert_no_stderr
	run --separate-stderr timeout 10 "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/real'
	assert_no_stderr
}

@test "a loop of 10 symbolic links in a tree with --follow: a loop, as grep -R says" {
	mkfile d/real 'x real'
	local i
	for i in $(seq 1 10); do
		ln -s "l$((i % 10 + 1))" "d/l$i"
	done
	# GNU grep -R follows links too: the same files, the same reason.
	local want
	want=$(command grep -R x d 2>&1 >/dev/null | sed 's/^grep: /isogrep: /' | sorted)
	[ "$(printf '%s\n' "$want" | grep -c 'Too many levels of symbolic links')" -eq 10 ] ||
		{ echo "grep -R said:"; printf '%s\n' "$want"; false; }
	run --separate-stderr timeout 10 "$ISOGREP" --follow x d
	assert_same_as_grep -R x d
	[ "$(printf '%s\n' "$stderr" | sorted)" = "$want" ] ||
		{ printf -- '--- grep -R (as isogrep)\n%s\n' "$want"; show; false; }
	run --separate-stderr timeout 10 "$ISOGREP" --follow --files d
	assert_status 2
	assert_output 'd/real'
	[ "$(printf '%s\n' "$stderr" | sorted)" = "$want" ] || { show; false; }
	# Named on the command line: the same message.
	want=$(command grep x d/l1 2>&1 | sed 's/^grep: /isogrep: /')
	run --separate-stderr timeout 10 "$ISOGREP" x d/l1
	assert_status 2
	assert_stderr "$want"
}

# --- very deep, very wide, few descriptors -----------------------------------------

@test "a tree 2,000 directories deep: found, in bounded memory" {
	# 2,000 levels of a/: a 4,000-byte relative path, just under PATH_MAX.
	# mkdir -p creates it one component at a time (it descends with chdir);
	# a bash loop of `mkdir a; cd a` is quadratic (cd re-resolves the whole
	# logical path, past PATH_MAX the slow way) and takes minutes.
	local p
	p=$(printf 'a/%.0s' $(seq 1 2000))
	mkdir -p "deep/$p"
	printf 'the needle\n' >"deep/${p}f"
	run --separate-stderr timeout 20 "$ISOGREP" -c needle deep
	assert_status 0
	assert_output "deep/${p}f:1"
	assert_no_stderr
	run --separate-stderr timeout 20 "$ISOGREP" --files deep
	assert_status 0
	assert_output "deep/${p}f"
	if have_time; then
		peak_rss timeout 20 "$ISOGREP" -n needle deep
		[ "$(cat rss.out)" = "deep/${p}f:1:the needle" ]
		assert_rss_below 100000 'a 2,000-deep tree'
	fi
}

@test "a directory of 100,000 empty files and one match, in bounded memory" {
	mkdir wide
	(cd wide && seq 1 100000 | xargs touch)
	mkfile wide/match 'the needle'
	run --separate-stderr timeout 60 "$ISOGREP" needle wide
	assert_status 0
	assert_output 'wide/match:the needle'
	assert_no_stderr
	if have_time; then
		peak_rss timeout 60 "$ISOGREP" needle wide
		[ "$(cat rss.out)" = 'wide/match:the needle' ]
		assert_rss_below 100000 'a directory of 100,000 files'
	fi
}

@test "ulimit -n 16: a tree of a few hundred files in nested directories" {
	local i d
	for i in $(seq 0 299); do
		d=t/d$((i % 10))/e$((i % 7))/g$((i % 3))
		mkdir -p "$d"
		printf 'x %d\n' "$i" >"$d/f$i"
	done
	for j in 1 2 8; do
		run --separate-stderr timeout 10 bash -c \
		    'ulimit -n 16; exec "$ISOGREP" -j '"$j"' x t'
		assert_status 0
		assert_no_stderr
		assert_same_as_grep -r x t
	done
}

# --- unreadable entries; a directory as standard input ---------------------------

@test "an unreadable file and an unreadable directory: one message each, exit 2" {
	perm_setup
	mkfile d/a 'x a'
	mkfile d/locked 'x locked'
	mkfile d/ldir/inside 'x inside'
	mkfile d/z/b 'x b'
	chmod 000 d/locked d/ldir
	run --separate-stderr unprivileged timeout 10 "$ISOGREP" x d
	assert_status 2
	assert_sorted_output $'d/a:x a\nd/z/b:x b'
	[ "$(printf '%s\n' "$stderr" | sorted)" = $'isogrep: d/ldir: Permission denied\nisogrep: d/locked: Permission denied' ] || { show; false; }
}

@test "standard input that is a directory: one message, exit 2" {
	mkdir dir
	mkfile f 'x f'
	run --separate-stderr timeout 10 "$ISOGREP" x - <dir
	assert_status 2
	assert_output ''
	assert_stderr 'isogrep: (standard input): Is a directory'
	run --separate-stderr timeout 10 "$ISOGREP" x - f <dir
	assert_status 2
	assert_output 'f:x f'
	assert_stderr 'isogrep: (standard input): Is a directory'
}

# --- files whose size lies ---------------------------------------------------------

@test "a /proc file (st_size 0) is read to its end" {
	[ -r /proc/self/status ] || skip "no /proc"
	run --separate-stderr "$ISOGREP" -c . /proc/self/status
	assert_status 0
	assert_no_stderr
	[ "$output" -gt 5 ] || { show; false; }
	run --separate-stderr "$ISOGREP" -c '^Name:' /proc/self/status
	assert_status 0
	assert_output 1
	# In the parallel path too.
	run --separate-stderr "$ISOGREP" -c '^(Name|Max open files)' /proc/self/status /proc/self/limits
	assert_status 0
	assert_sorted_output $'/proc/self/limits:1\n/proc/self/status:1'
}

# --- huge and sparse files ----------------------------------------------------------

# measured ARGS...: run isogrep ARGS (timeout 60), under /usr/bin/time when
# there is one; sets status, output and stderr like `run --separate-stderr`,
# and RSS_KB (empty without /usr/bin/time).
measured()
{
	status=0
	RSS_KB=
	if have_time; then
		peak_rss timeout 60 "$ISOGREP" "$@" || status=$?
	else
		timeout 60 "$ISOGREP" "$@" >rss.out 2>rss.err || status=$?
	fi
	output=$(cat rss.out)
	stderr=$(cat rss.err)
}

# assert_small_rss WHAT: the last `measured` run stayed under 64 MiB.
assert_small_rss()
{
	[ -z "$RSS_KB" ] || assert_rss_below 65536 "$1"
}

# The two big files are 1 GB, as the issue asks: 16 times the 64 MiB line
# cap and 1,000 times the 1 MiB window a long line is searched in, so
# memory that grew with the file would show.  Writing each takes a few s.

@test "a 1 GB file without a newline: -c, -l, -q in bounded memory; a regex: line too long" {
	# 100 copies of a 10 MB block (much faster than tr on it all).
	head -c 10000000 /dev/zero | tr '\0' a >block
	for i in $(seq 1 100); do cat block; done >huge
	rm block
	printf NEEDLE >>huge
	[ "$(stat -c %s huge)" -eq 1000000006 ]
	measured -c NEEDLE huge
	assert_status 0
	assert_output 1
	assert_no_stderr
	assert_small_rss '-c NEEDLE'
	measured -l NEEDLE huge
	assert_status 0
	assert_output huge
	assert_no_stderr
	assert_small_rss '-l NEEDLE'
	measured -q NEEDLE huge
	assert_status 0
	assert_output ''
	assert_no_stderr
	assert_small_rss '-q NEEDLE'
	measured -c NOTHERE huge
	assert_status 1
	assert_output 0
	assert_no_stderr
	assert_small_rss '-c NOTHERE'
	# A regex is matched against whole lines: this one is 1 GB long.
	run --separate-stderr timeout 60 "$ISOGREP" -c 'NEED.E' huge
	assert_status 2
	assert_contains "$stderr" 'huge: line too long'
}

@test "a 1 GB file of short lines: -c, -l, -q, -n in bounded memory" {
	yes 'a short line of text' | head -n 500000 >block
	for i in $(seq 1 96); do cat block; done >huge
	rm block
	printf 'the NEEDLE line\n' >>huge
	yes 'a short line of text' | head -n 1000 >>huge
	[ "$(stat -c %s huge)" -gt 1000000000 ]
	measured -c NEEDLE huge
	assert_status 0
	assert_output 1
	assert_no_stderr
	assert_small_rss '-c NEEDLE'
	measured -l NEEDLE huge
	assert_status 0
	assert_output huge
	assert_small_rss '-l NEEDLE'
	measured -q NEEDLE huge
	assert_status 0
	assert_output ''
	assert_small_rss '-q NEEDLE'
	measured -n NEEDLE huge
	assert_status 0
	assert_output '48000001:the NEEDLE line'
	assert_small_rss '-n NEEDLE'
}

@test "a tree holding a 40 MB file: memory does not grow with it" {
	have_time || skip "GNU time is not installed"
	# A sanitizer build touches shadow memory for every byte it reads.
	case $ISOGREP in */asan/* | */tsan/*) skip "sanitizer build" ;; esac
	mkdir -p t/small
	for i in $(seq 1 50); do echo "line $i" >"t/small/f$i"; done
	measured -c NEEDLE t
	assert_status 1
	local base=$RSS_KB
	yes 'a short line of text' | head -n 2000000 >t/big
	measured -c NEEDLE t
	assert_status 1
	# Files in a walk are read into one buffer, never mapped whole.
	assert_rss_below $((base + 4096)) "with a 40 MB file (base $base KB)"
}

@test "a sparse 8 TiB file: answered within a second, binary file matches" {
	truncate -s 8T sparse 2>/dev/null || skip "the file system has no 8 TiB files"
	printf 'hello x' | dd of=sparse bs=1 seek=$((4 << 40)) conv=notrunc \
	    status=none
	local t0 t1
	t0=$(now_ms)
	run --separate-stderr timeout 5 "$ISOGREP" x sparse
	t1=$(now_ms)
	assert_status 0
	assert_output ''
	assert_stderr 'isogrep: sparse: binary file matches'
	[ $((t1 - t0)) -lt 1000 ] || { echo "took $((t1 - t0)) ms"; false; }
	run --separate-stderr timeout 5 "$ISOGREP" -c x sparse
	assert_status 0
	assert_output 1
}

# --- NUL bytes ------------------------------------------------------------------------

@test "a NUL in the first 64 KiB: skipped in a walk, the same answer for any -j and stdin" {
	# 36 KB of matching text, a NUL, then more matching lines.
	mkdir d
	{
		yes 'x text line' | head -n 3000
		printf 'bin\0ary x\n'
		yes 'x after' | head -n 100
	} >d/bin
	mkfile d/txt 'x txt'
	for j in 1 2 8; do
		run --separate-stderr "$ISOGREP" -j "$j" x d
		assert_status 0
		assert_output 'd/txt:x txt'
		assert_no_stderr
		run --separate-stderr "$ISOGREP" -j "$j" x d/bin d/txt
		assert_status 0
		assert_output 'd/txt:x txt'
		assert_stderr 'isogrep: d/bin: binary file matches'
		run --separate-stderr "$ISOGREP" -j "$j" x d/bin
		assert_status 0
		assert_output ''
		assert_stderr 'isogrep: d/bin: binary file matches'
		run --separate-stderr "$ISOGREP" -j "$j" -c x d/bin d/txt
		assert_status 0
		assert_sorted_output $'d/bin:3101\nd/txt:1'
	done
	run --separate-stderr "$ISOGREP" x <d/bin
	assert_status 0
	assert_output ''
	assert_stderr 'isogrep: (standard input): binary file matches'
	# Less than a pipe's capacity: written in one go before it is read.
	run --separate-stderr bash -c 'cat d/bin | "$ISOGREP" x'
	assert_status 0
	assert_output ''
	assert_stderr 'isogrep: (standard input): binary file matches'
	run --separate-stderr bash -c 'cat d/bin | "$ISOGREP" -c x'
	assert_status 0
	assert_output 3101
}

@test "a NUL after 100 KiB of text: the text lines print, then binary file matches" {
	{
		yes 'x text line' | head -n 10000
		printf 'no match\n'
		printf 'bin\0ary x\n'
		yes 'x after' | head -n 10
	} >late
	[ "$(stat -c %s late)" -gt 102400 ]
	for args in 'x late' '-j 2 -h x late late'; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ISOGREP" $args
		assert_status 0
		[ "$(printf '%s\n' "$output" | sort -u)" = 'x text line' ] || { show; false; }
		case $args in
		-j*) [ "${#lines[@]}" -eq 20000 ] || { show; false; } ;;
		*) [ "${#lines[@]}" -eq 10000 ] || { show; false; } ;;
		esac
		assert_contains "$stderr" 'isogrep: late: binary file matches'
	done
	# In a walk it is not skipped: the NUL comes too late to tell.
	mkdir d
	mv late d/
	run --separate-stderr "$ISOGREP" -c x d
	assert_status 0
	assert_output 'd/late:10011'
	# No match after the NUL: no message.
	run --separate-stderr "$ISOGREP" -c text d/late
	assert_status 0
	assert_output 10000
	assert_no_stderr
	run --separate-stderr "$ISOGREP" text d/late
	assert_status 0
	assert_no_stderr
	[ "${#lines[@]}" -eq 10000 ] || { show; false; }
}

# --- invalid UTF-8 ----------------------------------------------------------------------

@test "invalid UTF-8: the selected lines are output byte for byte" {
	mkbytes f 'x\xff\xfe y\n\xc3\x28 x\nno\nx \xed\xa0\x80 \xf4\x90\x80\x80\n\xc0\xafx\n'
	printf 'x\xff\xfe y\n\xc3\x28 x\nx \xed\xa0\x80 \xf4\x90\x80\x80\n\xc0\xafx\n' >want
	"$ISOGREP" x f >got
	cmp got want
	"$ISOGREP" -j 2 -h x f f >got2
	cat want want >want2
	cmp got2 want2
	"$ISOGREP" x <f >got3
	cmp got3 want
	# -v and -o keep the bytes too.
	"$ISOGREP" -v x f >got4
	[ "$(cat got4)" = no ]
	"$ISOGREP" -o 'y|\(' f >got5
	printf 'y\n(\n' >want5
	cmp got5 want5
	run --separate-stderr "$ISOGREP" -c x f
	assert_status 0
	assert_output 4
	assert_no_stderr
}
