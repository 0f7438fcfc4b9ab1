#!/usr/bin/env bats
# File selection: globs, file types, depth, symbolic links, file size, the
# --files mode and --sort=path, the fd-like filters (--name, --type-entry,
# --size, --changed-*), --stats and the "no files were searched" note, binary
# files and --binary, and bad selection arguments.  Each selection flag is
# tried with --files and with a content search.  Listing order is free unless
# --sort=path is given, so other listings are compared sorted.

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/perm

teardown()
{
	perm_teardown
}

# assert_line TEXT LINE: LINE is one whole line of TEXT.
assert_line()
{
	if ! printf '%s\n' "$1" | command grep -Fxq -- "$2"; then
		printf 'expected the line:\n%s\nin:\n%s\n' "$2" "$1"
		return 1
	fi
}

# assert_lines_count TEXT N: TEXT has N lines.
assert_lines_count()
{
	local n
	n=$(printf '%s\n' "$1" | wc -l)
	if [ "$n" -ne "$2" ]; then
		printf 'expected %s lines, got %s in:\n%s\n' "$2" "$n" "$1"
		return 1
	fi
}

# --- globs -----------------------------------------------------------------------

# make_src: a small tree of C, header and other files.
make_src()
{
	mkfile d/a.c 'foo a.c'
	mkfile d/b.c 'foo b.c'
	mkfile d/a.h 'foo a.h'
	mkfile d/README 'foo readme'
	mkfile d/sub/x.c 'foo x.c'
	mkfile d/sub/y.h 'foo y.h'
	mkfile d/sub/deep/z.c 'foo z.c'
	mkfile d/other/sub/w.c 'foo w.c'
}

@test "-g GLOB: only files whose base name matches" {
	make_src
	run --separate-stderr "$ISOGREP" --files -g '*.c' d
	assert_status 0
	assert_sorted_output $'d/a.c\nd/b.c\nd/other/sub/w.c\nd/sub/deep/z.c\nd/sub/x.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --glob='*.h' foo d
	assert_status 0
	assert_sorted_output $'d/a.h:foo a.h\nd/sub/y.h:foo y.h'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --glob '*.h' foo d
	assert_status 0
	assert_sorted_output $'d/a.h:foo a.h\nd/sub/y.h:foo y.h'
	assert_no_stderr
}

@test "-g !GLOB excludes; only negative globs keep the other files" {
	make_src
	run --separate-stderr "$ISOGREP" --files -g '!*.c' d
	assert_status 0
	assert_sorted_output $'d/README\nd/a.h\nd/sub/y.h'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -g '!*.c' -g '!*.h' foo d
	assert_status 0
	assert_output 'd/README:foo readme'
	assert_no_stderr
}

@test "-g is repeatable: any positive glob selects" {
	make_src
	run --separate-stderr "$ISOGREP" --files -g '*.h' -g 'README' d
	assert_status 0
	assert_sorted_output $'d/README\nd/a.h\nd/sub/y.h'
	assert_no_stderr
}

@test "-g: the last matching glob wins" {
	make_src
	run --separate-stderr "$ISOGREP" --files -g '*.c' -g '!b*.c' d
	assert_status 0
	assert_sorted_output $'d/a.c\nd/other/sub/w.c\nd/sub/deep/z.c\nd/sub/x.c'
	assert_no_stderr
	# The other order: *.c matches b.c last and selects it.
	run --separate-stderr "$ISOGREP" --files -g '!b*.c' -g '*.c' d
	assert_status 0
	assert_sorted_output $'d/a.c\nd/b.c\nd/other/sub/w.c\nd/sub/deep/z.c\nd/sub/x.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -g '*.c' -g '!b*.c' foo d
	assert_status 0
	assert_sorted_output $'d/a.c:foo a.c\nd/other/sub/w.c:foo w.c\nd/sub/deep/z.c:foo z.c\nd/sub/x.c:foo x.c'
	assert_no_stderr
}

@test "-g: with a positive glob, files matching no glob are skipped" {
	make_src
	run --separate-stderr "$ISOGREP" --files -g '*.c' -g '!a.c' d
	assert_status 0
	assert_sorted_output $'d/b.c\nd/other/sub/w.c\nd/sub/deep/z.c\nd/sub/x.c'
	assert_no_stderr
}

@test "-g with a slash matches the path relative to the root" {
	make_src
	run --separate-stderr "$ISOGREP" --files -g 'sub/*.c' d
	assert_status 0
	assert_output 'd/sub/x.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -g 'sub/*.c' foo d
	assert_status 0
	assert_output 'd/sub/x.c:foo x.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -g 'sub/**' d
	assert_status 0
	assert_sorted_output $'d/sub/deep/z.c\nd/sub/x.c\nd/sub/y.h'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -g '**/sub/*.c' d
	assert_status 0
	assert_sorted_output $'d/other/sub/w.c\nd/sub/x.c'
	assert_no_stderr
	# Relative to the root searched, not to the current directory.
	cd d
	run --separate-stderr "$ISOGREP" --files -g 'sub/*.c' sub
	assert_status 1
	assert_output ''
	run --separate-stderr "$ISOGREP" --files -g 'deep/*.c' sub
	assert_status 0
	assert_output 'sub/deep/z.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -g 'sub/*.c'
	assert_status 0
	assert_output 'sub/x.c'
	assert_no_stderr
}

@test "-g '!dir' and -g '!dir/' prune a directory" {
	make_src
	run --separate-stderr "$ISOGREP" --files -g '!sub' d
	assert_status 0
	assert_sorted_output $'d/README\nd/a.c\nd/a.h\nd/b.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -g '!sub/' d
	assert_status 0
	assert_sorted_output $'d/README\nd/a.c\nd/a.h\nd/b.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -g '!other/' -g '*.c' foo d
	assert_status 0
	assert_sorted_output $'d/a.c:foo a.c\nd/b.c:foo b.c\nd/sub/deep/z.c:foo z.c\nd/sub/x.c:foo x.c'
	assert_no_stderr
}

@test "-g '!dir' prunes: an unreadable directory under it is not opened" {
	perm_setup
	mkfile d/a 'foo'
	mkfile d/skip/locked/x 'foo'
	chmod 000 d/skip/locked
	run --separate-stderr unprivileged "$ISOGREP" --files -g '!skip' d
	assert_status 0
	assert_output 'd/a'
	assert_no_stderr
	run --separate-stderr unprivileged "$ISOGREP" -g '!skip/' foo d
	assert_status 0
	assert_output 'd/a:foo'
	assert_no_stderr
}

@test "--iglob matches ignoring case; -g does not" {
	mkfile d/a.c 'foo'
	mkfile d/B.C 'foo'
	mkfile d/c.h 'foo'
	run --separate-stderr "$ISOGREP" --files -g '*.C' d
	assert_status 0
	assert_output 'd/B.C'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --iglob '*.C' d
	assert_status 0
	assert_sorted_output $'d/B.C\nd/a.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --iglob='!B.*' foo d
	assert_status 0
	assert_sorted_output $'d/a.c:foo\nd/c.h:foo'
	assert_no_stderr
}

# --- file types --------------------------------------------------------------------

# make_typed: files of several types.
make_typed()
{
	mkfile d/a.c 'foo'
	mkfile d/a.h 'foo'
	mkfile d/s.py 'foo'
	mkfile d/Makefile 'foo'
	mkfile d/sub/rules.mk 'foo'
	mkfile d/sub/x.foo 'foo'
	mkfile d/notes.txt 'foo'
}

@test "-t c selects *.c and *.h; -t make selects Makefile and *.mk" {
	make_typed
	run --separate-stderr "$ISOGREP" --files -t c d
	assert_status 0
	assert_sorted_output $'d/a.c\nd/a.h'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --type=make foo d
	assert_status 0
	assert_sorted_output $'d/Makefile:foo\nd/sub/rules.mk:foo'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -t c -t py d
	assert_status 0
	assert_sorted_output $'d/a.c\nd/a.h\nd/s.py'
	assert_no_stderr
}

@test "-T excludes a type" {
	make_typed
	run --separate-stderr "$ISOGREP" --files -T c d
	assert_status 0
	assert_sorted_output $'d/Makefile\nd/notes.txt\nd/s.py\nd/sub/rules.mk\nd/sub/x.foo'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --type-not=c -T make foo d
	assert_status 0
	assert_sorted_output $'d/notes.txt:foo\nd/s.py:foo\nd/sub/x.foo:foo'
	assert_no_stderr
}

@test "--type-add NAME:GLOB, then -t NAME" {
	make_typed
	run --separate-stderr "$ISOGREP" --files --type-add 'foo:*.foo' -t foo d
	assert_status 0
	assert_output 'd/sub/x.foo'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --type-add='foo:*.foo' -T foo -T c -T make foo d
	assert_status 0
	assert_sorted_output $'d/notes.txt:foo\nd/s.py:foo'
	assert_no_stderr
}

@test "--type-add NAME:include:TYPES" {
	make_typed
	run --separate-stderr "$ISOGREP" --files --type-add 'both:include:c,py' -t both d
	assert_status 0
	assert_sorted_output $'d/a.c\nd/a.h\nd/s.py'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --type-add 'both:include:c,py' -t both foo d
	assert_status 0
	assert_sorted_output $'d/a.c:foo\nd/a.h:foo\nd/s.py:foo'
	assert_no_stderr
}

@test "--type-list: NAME: GLOBS lines sorted by name, no pattern needed" {
	mkfifo fifo
	run --separate-stderr timeout 10 "$ISOGREP" --type-list <>fifo
	assert_status 0
	assert_no_stderr
	assert_line "$output" 'make: *.mak, *.mk, GNUmakefile, Makefile, Makefile.am, Makefile.in, makefile'
	assert_line "$output" 'py: *.py, *.pyi, *.pyw'
	assert_line "$output" 'rust: *.rs'
	# c: *.H, *.c, *.h and perhaps more.
	printf '%s\n' "$output" | command grep -q '^c: \*\.H, \*\.c, .*\*\.h' || { show; false; }
	local names
	names=$(printf '%s\n' "$output" | cut -d: -f1)
	[ "$names" = "$(printf '%s\n' "$names" | LC_ALL=C sort -u)" ] || { echo 'not sorted'; show; false; }
	# Every line is NAME: GLOB, GLOB...
	! printf '%s\n' "$output" | command grep -v '^[A-Za-z0-9_+-]*: [^ ,]*\(, [^ ,]*\)*$' || { show; false; }
}

@test "--type-list shows a --type-add type" {
	run --separate-stderr "$ISOGREP" --type-add 'zzfoo:*.foo' --type-list
	assert_status 0
	assert_no_stderr
	assert_line "$output" 'zzfoo: *.foo'
}

@test "an unknown type: exit 2, the name on stderr" {
	make_typed
	run --separate-stderr "$ISOGREP" -t nosuchtype foo d
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'nosuchtype'
	run --separate-stderr "$ISOGREP" --files -T nosuchtype d
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'nosuchtype'
}

@test "shebang: an executable extensionless script has its interpreter's type" {
	mkfile d/tool '#!/usr/bin/env python3' 'print("foo")'
	mkfile d/plain '#!/usr/bin/env python3' 'print("foo")'
	mkfile d/run '#!/bin/bash' 'echo foo'
	mkfile d/x.py 'foo'
	mkfile d/direct '#!/usr/bin/python3' 'foo'
	mkfile d/envsh '#!/usr/bin/env bash' 'foo'
	mkfile d/posix '#!/bin/sh' 'foo'
	mkfile d/perl '#!/usr/bin/perl -w' 'foo'
	chmod +x d/tool d/run d/direct d/envsh d/posix d/perl
	run --separate-stderr "$ISOGREP" --files -t py d
	assert_status 0
	assert_sorted_output $'d/direct\nd/tool\nd/x.py'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -t sh d
	assert_status 0
	assert_sorted_output $'d/envsh\nd/posix\nd/run'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -t perl d
	assert_status 0
	assert_output 'd/perl'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -t py foo d
	assert_status 0
	assert_sorted_output $'d/direct:foo\nd/tool:print("foo")\nd/x.py:foo'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -T py -T sh -T perl foo d
	assert_status 0
	assert_output 'd/plain:print("foo")'
	assert_no_stderr
}

# --- depth, links, file systems, sizes -------------------------------------------------

# make_deep: files at depths 1, 2 and 3 below d.
make_deep()
{
	mkfile d/top 'foo top'
	mkfile d/a/one 'foo one'
	mkfile d/a/b/two 'foo two'
}

@test "-d/--max-depth" {
	make_deep
	mkfile f 'foo f'
	run --separate-stderr "$ISOGREP" --files -d 0 d
	assert_status 1
	assert_output ''
	run --separate-stderr "$ISOGREP" --files -d 0 f d
	assert_status 0
	assert_output 'f'
	run --separate-stderr "$ISOGREP" --files -d 1 d
	assert_status 0
	assert_output 'd/top'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --max-depth 2 d
	assert_status 0
	assert_sorted_output $'d/a/one\nd/top'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --max-depth=3 d
	assert_status 0
	assert_sorted_output $'d/a/b/two\nd/a/one\nd/top'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -d 2 foo d
	assert_status 0
	assert_sorted_output $'d/a/one:foo one\nd/top:foo top'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -d 0 foo f
	assert_status 0
	assert_output 'foo f'
	assert_no_stderr
	cd d
	run --separate-stderr "$ISOGREP" -d 1 foo </dev/null
	assert_status 0
	assert_output 'top:foo top'
	assert_no_stderr
}

@test "symbolic links in a tree are not followed or listed without --follow" {
	mkfile target/t 'foo t'
	mkfile d/a 'foo a'
	ln -s a d/flink
	ln -s ../target d/dlink
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/a'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/a:foo a'
	assert_no_stderr
}

@test "--follow follows symbolic links to files and directories" {
	mkfile target/t 'foo t'
	mkfile d/a 'foo a'
	ln -s a d/flink
	ln -s ../target d/dlink
	run --separate-stderr "$ISOGREP" --files --follow d
	assert_status 0
	assert_sorted_output $'d/a\nd/dlink/t\nd/flink'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --follow foo d
	assert_status 0
	assert_sorted_output $'d/a:foo a\nd/dlink/t:foo t\nd/flink:foo a'
	assert_no_stderr
}

@test "--follow: a loop is reported once and the walk ends" {
	mkfile d/a 'foo a'
	mkfile d/sub/b 'foo b'
	ln -s .. d/sub/loop
	run --separate-stderr timeout 10 "$ISOGREP" --files --follow d
	assert_status 2
	assert_sorted_output $'d/a\nd/sub/b'
	assert_lines_count "$stderr" 1
	assert_contains "$stderr" 'd/sub/loop'
	run --separate-stderr timeout 10 "$ISOGREP" --follow foo d
	assert_status 2
	assert_sorted_output $'d/a:foo a\nd/sub/b:foo b'
	assert_lines_count "$stderr" 1
	assert_contains "$stderr" 'd/sub/loop'
}

@test "--one-file-system is accepted and lists the same files on one file system" {
	make_deep
	local want
	want=$("$ISOGREP" --files d | LC_ALL=C sort)
	run --separate-stderr "$ISOGREP" --files --one-file-system d
	assert_status 0
	assert_sorted_output "$want"
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --one-file-system foo d
	assert_status 0
	assert_sorted_output $'d/a/b/two:foo two\nd/a/one:foo one\nd/top:foo top'
	assert_no_stderr
}

# text_bytes PATH N: a text file of exactly N bytes (lines of "foo...").
text_bytes()
{
	mkdir -p "$(dirname "$1")"
	yes 'foo 123456789' | head -c "$2" >"$1"
}

@test "--max-filesize skips larger files (K, M, G)" {
	text_bytes d/small 100
	text_bytes d/k1 1024
	text_bytes d/k2 2048
	text_bytes d/m2 $((2 * 1024 * 1024))
	run --separate-stderr "$ISOGREP" --files --max-filesize 1K d
	assert_status 0
	assert_sorted_output $'d/k1\nd/small'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --max-filesize=1000 d
	assert_status 0
	assert_output 'd/small'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --max-filesize 1M d
	assert_status 0
	assert_sorted_output $'d/k1\nd/k2\nd/small'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --max-filesize 1G d
	assert_status 0
	assert_sorted_output $'d/k1\nd/k2\nd/m2\nd/small'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -c --max-filesize 2K foo d
	assert_status 0
	assert_sorted_output $'d/k1:73\nd/k2:147\nd/small:7'
	assert_no_stderr
}

# --- --files -----------------------------------------------------------------------

@test "--files: every file that would be searched, one per line" {
	make_src
	mkfile d/.hidden 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output <<'EOF'
d/README
d/a.c
d/a.h
d/b.c
d/other/sub/w.c
d/sub/deep/z.c
d/sub/x.c
d/sub/y.h
EOF
	assert_no_stderr
}

@test "--files: every positional argument is a path" {
	mkfile foo/a 'x'
	mkfile bar/b 'x'
	mkfile c 'x'
	run --separate-stderr "$ISOGREP" --files foo bar c
	assert_status 0
	assert_sorted_output $'bar/b\nc\nfoo/a'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files foo missing
	assert_status 2
	assert_output 'foo/a'
	assert_stderr 'isogrep: missing: No such file or directory'
}

@test "--files with no path lists . without a ./ prefix, never reading stdin" {
	make_src
	cd d
	local want
	want=$(cat <<'EOF'
README
a.c
a.h
b.c
other/sub/w.c
sub/deep/z.c
sub/x.c
sub/y.h
EOF
)
	run --separate-stderr "$ISOGREP" --files </dev/null
	assert_status 0
	assert_sorted_output "$want"
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files <<<'stdin text'
	assert_status 0
	assert_sorted_output "$want"
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files .
	assert_status 0
	assert_sorted_output "$(printf '%s\n' "$want" | sed 's|^|./|')"
	assert_no_stderr
}

@test "-0/--null ends each listed path with NUL" {
	mkfile d/a 'x'
	mkfile d/sub/b 'x'
	# shellcheck disable=SC2016
	run --separate-stderr bash -c 'set -o pipefail; "$ISOGREP" --files -0 d | tr "\0" "\n"'
	assert_status 0
	assert_sorted_output $'d/a\nd/sub/b'
	assert_no_stderr
	# shellcheck disable=SC2016
	run --separate-stderr bash -c 'set -o pipefail; "$ISOGREP" --files --null --sort=path d | od -An -c | tr -s " " | sed "s/^ //"'
	assert_status 0
	assert_output 'd / a \0 d / s u b / b \0'
	assert_no_stderr
}

@test "--files exit status: 0 if a file is listed, 1 if none" {
	mkfile d/a.c 'x'
	mkdir e
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/a.c'
	run --separate-stderr "$ISOGREP" --files e
	assert_status 1
	assert_output ''
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -g '*.h' d
	assert_status 1
	assert_output ''
}

# make_many: 10 directories of 20 files each, names of one length, so that
# sorting paths and sorting output lines agree.
make_many()
{
	local i j
	for i in 0 1 2 3 4 5 6 7 8 9; do
		mkdir -p "d/d$i"
		for j in 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29; do
			printf 'foo %s %s\nbar\nfoo again\n' "$i" "$j" >"d/d$i/f$j"
		done
	done
}

@test "--sort=path: --files sorted by path" {
	make_many
	local want
	want=$(find d -type f | LC_ALL=C sort)
	run --separate-stderr "$ISOGREP" --files --sort=path d
	assert_status 0
	assert_output "$want"
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --sort path d
	assert_status 0
	assert_output "$want"
	assert_no_stderr
}

@test "--sort=path: a content search sorted by path, lines in file order" {
	make_many
	local want
	want=$(for i in 0 1 2 3 4 5 6 7 8 9; do
		for j in 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29; do
			printf 'd/d%s/f%s:1:foo %s %s\nd/d%s/f%s:3:foo again\n' "$i" "$j" "$i" "$j" "$i" "$j"
		done
	done)
	run --separate-stderr "$ISOGREP" -n --sort=path foo d
	assert_status 0
	assert_output "$want"
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -c --sort=path foo d
	assert_status 0
	assert_output "$(find d -type f | LC_ALL=C sort | sed 's/$/:2/')"
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -l --sort=path foo d
	assert_status 0
	assert_output "$(find d -type f | LC_ALL=C sort)"
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -n --sort=none foo d
	assert_status 0
	assert_sorted_output "$want"
	assert_no_stderr
}

# --- fd-like filters -----------------------------------------------------------------

@test "--name REGEX matches the base name" {
	mkfile d/apple.txt 'foo'
	mkfile d/banana.txt 'foo'
	mkfile d/sub/apricot.c 'foo'
	mkfile d/apdir/kiwi 'foo'
	run --separate-stderr "$ISOGREP" --files --name '^ap' d
	assert_status 0
	assert_sorted_output $'d/apple.txt\nd/sub/apricot.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --name 'an+a' foo d
	assert_status 0
	assert_output 'd/banana.txt:foo'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --name=sub d
	assert_status 1
	assert_output ''
}

@test "--full-path: --name matches the whole path" {
	mkfile d/apple.txt 'foo'
	mkfile d/sub/apricot.c 'foo'
	mkfile d/sub/deep/kiwi 'foo'
	run --separate-stderr "$ISOGREP" --files --full-path --name 'sub/' d
	assert_status 0
	assert_sorted_output $'d/sub/apricot.c\nd/sub/deep/kiwi'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --full-path --name 'deep/[^/]*$' foo d
	assert_status 0
	assert_output 'd/sub/deep/kiwi:foo'
	assert_no_stderr
}

# make_kinds: a regular file, an empty file, an executable, an empty
# directory, a directory with a file and a symbolic link.
make_kinds()
{
	mkfile d/file.txt 'foo file'
	mkfile d/empty
	mkfile d/exe 'foo exe'
	chmod 755 d/exe
	mkdir d/emptydir
	mkfile d/sub/inner.txt 'foo inner'
	ln -s file.txt d/link
}

@test "--type-entry f lists regular files" {
	make_kinds
	local want=$'d/empty\nd/exe\nd/file.txt\nd/sub/inner.txt'
	run --separate-stderr "$ISOGREP" --files --type-entry f d
	assert_status 0
	assert_sorted_output "$want"
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --type-entry=file d
	assert_status 0
	assert_sorted_output "$want"
	assert_no_stderr
}

@test "--type-entry d lists directories, not the root" {
	make_kinds
	run --separate-stderr "$ISOGREP" --files --type-entry d d
	assert_status 0
	assert_sorted_output $'d/emptydir\nd/sub'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --type-entry directory d
	assert_status 0
	assert_sorted_output $'d/emptydir\nd/sub'
	assert_no_stderr
}

@test "--type-entry l lists symbolic links" {
	make_kinds
	run --separate-stderr "$ISOGREP" --files --type-entry l d
	assert_status 0
	assert_output 'd/link'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --type-entry symlink d
	assert_status 0
	assert_output 'd/link'
	assert_no_stderr
}

@test "--type-entry x lists executables" {
	make_kinds
	run --separate-stderr "$ISOGREP" --files --type-entry x d
	assert_status 0
	assert_output 'd/exe'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --type-entry executable d
	assert_status 0
	assert_output 'd/exe'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --type-entry x foo d
	assert_status 0
	assert_output 'd/exe:foo exe'
	assert_no_stderr
}

@test "--type-entry e alone lists empty files and empty directories" {
	make_kinds
	run --separate-stderr "$ISOGREP" --files --type-entry e d
	assert_status 0
	assert_sorted_output $'d/empty\nd/emptydir'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --type-entry empty d
	assert_status 0
	assert_sorted_output $'d/empty\nd/emptydir'
	assert_no_stderr
}

@test "--type-entry lists: f,e empty files only, d,e empty directories only" {
	make_kinds
	run --separate-stderr "$ISOGREP" --files --type-entry f,e d
	assert_status 0
	assert_output 'd/empty'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --type-entry file,empty d
	assert_status 0
	assert_output 'd/empty'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --type-entry d,e d
	assert_status 0
	assert_output 'd/emptydir'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --type-entry f,l d
	assert_status 0
	assert_sorted_output $'d/empty\nd/exe\nd/file.txt\nd/link\nd/sub/inner.txt'
	assert_no_stderr
}

@test "--type-entry f in a content search" {
	make_kinds
	run --separate-stderr "$ISOGREP" --type-entry f foo d
	assert_status 0
	assert_sorted_output $'d/exe:foo exe\nd/file.txt:foo file\nd/sub/inner.txt:foo inner'
	assert_no_stderr
}

# make_sizes: text files of 10, 100, 1024 and 2048 bytes.
make_sizes()
{
	text_bytes d/s10 10
	text_bytes d/s100 100
	text_bytes d/s1024 1024
	text_bytes d/sub/s2048 2048
}

@test "--size +N: at least N; -N: at most N; N: exactly N" {
	make_sizes
	run --separate-stderr "$ISOGREP" --files --size +1k d
	assert_status 0
	assert_sorted_output $'d/s1024\nd/sub/s2048'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --size=-100 d
	assert_status 0
	assert_sorted_output $'d/s10\nd/s100'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --size 1k d
	assert_status 0
	assert_output 'd/s1024'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --size 100 d
	assert_status 0
	assert_output 'd/s100'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --size +2K d
	assert_status 0
	assert_output 'd/sub/s2048'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --size -1M d
	assert_status 0
	assert_sorted_output $'d/s10\nd/s100\nd/s1024\nd/sub/s2048'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --size +1G d
	assert_status 1
	assert_output ''
	run --separate-stderr "$ISOGREP" -c --size -1023 foo d
	assert_status 0
	assert_sorted_output $'d/s10:1\nd/s100:7'
	assert_no_stderr
}

@test "--changed-within and --changed-before a duration" {
	mkfile d/new 'foo new'
	mkfile d/old 'foo old'
	mkfile d/sub/older 'foo older'
	touch -d '3 days ago' d/old
	touch -d '3 weeks ago' d/sub/older
	run --separate-stderr "$ISOGREP" --files --changed-within 2d d
	assert_status 0
	assert_output 'd/new'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --changed-within 10m d
	assert_status 0
	assert_output 'd/new'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --changed-within 2h d
	assert_status 0
	assert_output 'd/new'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --changed-within 1w d
	assert_status 0
	assert_sorted_output $'d/new\nd/old'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --changed-before 2d d
	assert_status 0
	assert_sorted_output $'d/old\nd/sub/older'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --changed-before=1w d
	assert_status 0
	assert_output 'd/sub/older'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --changed-within=4d foo d
	assert_status 0
	assert_sorted_output $'d/new:foo new\nd/old:foo old'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --changed-before 2d --changed-within 1w foo d
	assert_status 0
	assert_output 'd/old:foo old'
	assert_no_stderr
}

@test "--changed-within and --changed-before a date" {
	mkfile d/new 'foo new'
	mkfile d/old 'foo old'
	touch -d '2020-06-15 12:00' d/old
	run --separate-stderr "$ISOGREP" --files --changed-before 2021-01-31 d
	assert_status 0
	assert_output 'd/old'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --changed-within 2021-01-31 d
	assert_status 0
	assert_output 'd/new'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --changed-within 2020-01-01 foo d
	assert_status 0
	assert_sorted_output $'d/new:foo new\nd/old:foo old'
	assert_no_stderr
}

# --- --stats and "no files were searched" ------------------------------------------------

@test "--stats: files searched and skipped by ignore, hidden, binary, size, glob, type" {
	mkfile d/.ignore 'ign.txt'
	mkfile d/ign.txt 'foo'
	mkfile d/.hid 'foo'
	mkbytes d/bin.dat 'foo\n\0\n'
	text_bytes d/big.txt 3000
	mkfile d/x.skip 'foo'
	mkfile d/s.py 'foo'
	mkfile d/a.txt 'foo a'
	mkfile d/sub/b.txt 'no'
	run --separate-stderr "$ISOGREP" --stats -g '!*.skip' -T py --max-filesize 2K foo d
	assert_status 0
	assert_no_stderr
	[ "${lines[0]}" = 'd/a.txt:foo a' ]
	# As ripgrep counts: the binary file passed by is a search too.
	assert_line "$output" '3 files searched'
	assert_line "$output" '1 files skipped: ignored'
	assert_line "$output" '2 files skipped: hidden'
	assert_line "$output" '1 files skipped: binary'
	assert_line "$output" '1 files skipped: too large'
	assert_line "$output" '1 files skipped: filtered by glob'
	assert_line "$output" '1 files skipped: filtered by type'
	assert_line "$output" '0 files skipped: filtered by name'
	assert_line "$output" '0 files skipped: filtered by entry kind'
	assert_line "$output" '0 files skipped: filtered by size'
	assert_line "$output" '0 files skipped: filtered by age'
}

@test "--stats: files skipped by name, entry kind, size, age" {
	text_bytes d/a1 100
	text_bytes d/z1 100
	text_bytes d/b-plain 100
	text_bytes d/c-big 5000
	text_bytes d/d-old 100
	text_bytes d/e2 100
	chmod 755 d/a1 d/z1 d/c-big d/d-old d/e2
	touch -d '3 days ago' d/d-old
	run --separate-stderr "$ISOGREP" --stats --name '^[a-m]' --type-entry x \
	    --size -1k --changed-within 1d -c foo d
	assert_status 0
	assert_no_stderr
	[ "$(printf "%s\n" "${lines[@]:0:2}" | LC_ALL=C sort)" = "$(printf "d/a1:7\nd/e2:7")" ]
	assert_line "$output" '2 files searched'
	assert_line "$output" '0 files skipped: ignored'
	assert_line "$output" '0 files skipped: hidden'
	assert_line "$output" '0 files skipped: binary'
	assert_line "$output" '0 files skipped: too large'
	assert_line "$output" '0 files skipped: filtered by glob'
	assert_line "$output" '0 files skipped: filtered by type'
	assert_line "$output" '1 files skipped: filtered by name'
	assert_line "$output" '1 files skipped: filtered by entry kind'
	assert_line "$output" '1 files skipped: filtered by size'
	assert_line "$output" '1 files skipped: filtered by age'
}

@test "no file searched because of the filters: a note with the counts, exit 1" {
	mkfile d/.ignore 'a' 'b'
	mkfile d/a 'foo'
	mkfile d/b 'foo'
	run --separate-stderr "$ISOGREP" foo d
	assert_status 1
	assert_output ''
	case $stderr in
	'isogrep: no files were searched: 2 ignored, 1 hidden' | \
	    'isogrep: no files were searched: 2 ignored, 1 hidden ('*) ;;
	*) show; false ;;
	esac
	mkfile d/c.c 'foo'
	run --separate-stderr "$ISOGREP" -g '*.h' foo d
	assert_status 1
	assert_output ''
	case $stderr in
	'isogrep: no files were searched: 2 ignored, 1 hidden, 1 filtered by glob' | \
	    'isogrep: no files were searched: 2 ignored, 1 hidden, 1 filtered by glob ('*) ;;
	*) show; false ;;
	esac
}

@test "no note when some file was searched, even without a match" {
	mkfile d/.ignore 'a'
	mkfile d/a 'foo'
	mkfile d/b 'bar'
	run --separate-stderr "$ISOGREP" foo d
	assert_status 1
	assert_output ''
	assert_no_stderr
}

# --- binary files ------------------------------------------------------------------

@test "binary files are skipped in a tree; --binary reports them" {
	mkbytes d/bin1 'foo\n\0\nfoo again\nbar\n'
	mkbytes d/bin2 'bar\0\n'
	mkfile d/text 'foo text'
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/text:foo text'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --binary foo d
	assert_status 0
	assert_sorted_output $'d/bin1: binary file matches (2 lines)\nd/text:foo text'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --binary foo d/bin1 d/bin2
	assert_status 0
	assert_output 'd/bin1: binary file matches (2 lines)'
	run --separate-stderr "$ISOGREP" --binary baz d
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "--binary: only binary files match, exit 0" {
	mkbytes d/bin 'x\0\nneedle\n'
	mkfile d/text 'hay'
	run --separate-stderr "$ISOGREP" needle d
	assert_status 1
	assert_output ''
	run --separate-stderr "$ISOGREP" --binary needle d
	assert_status 0
	# One line: the singular, as isogrep words it.
	assert_output 'd/bin: binary file matches (1 line)'
	assert_no_stderr
}

# --- bad arguments ----------------------------------------------------------------

# assert_bad_args ARGS...: isogrep ARGS... foo f fifo fails at once with
# exit 2, a message naming the bad argument and nothing on stdout; the FIFO
# would block if it were opened.  The last of ARGS is the text that the
# message must contain.
assert_bad_args()
{
	local needle=${*: -1}
	local args=("${@:1:$#-1}")
	run --separate-stderr timeout 10 "$ISOGREP" "${args[@]}" foo f fifo
	assert_status 2
	assert_output ''
	assert_contains "$stderr" "$needle"
	run --separate-stderr timeout 10 "$ISOGREP" --files "${args[@]}" f fifo
	assert_status 2
	assert_output ''
	assert_contains "$stderr" "$needle"
}

@test "bad selection arguments: exit 2 before anything is searched" {
	mkfile f 'foo'
	mkfifo fifo
	assert_bad_args -g '[abc' '[abc'
	assert_bad_args --iglob '[abc' '[abc'
	assert_bad_args --size 10x '10x'
	assert_bad_args --size '' 'size'
	assert_bad_args --max-filesize abc 'abc'
	assert_bad_args --max-filesize 10X '10X'
	assert_bad_args --changed-within 3z '3z'
	assert_bad_args --changed-before 2026-13-45 '2026-13-45'
	assert_bad_args --type-entry q 'q'
	assert_bad_args --type-entry f,bogus 'bogus'
	assert_bad_args --sort=bogus 'bogus'
	assert_bad_args --name '(' '('
	assert_bad_args --type-add 'bad' 'bad'
	assert_bad_args --type-add 'x:include:nosuch' 'nosuch'
	assert_bad_args -d abc 'abc'
	assert_bad_args --max-depth -1 '-1'
	assert_bad_args -t nosuch 'nosuch'
}
