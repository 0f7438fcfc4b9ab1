#!/usr/bin/env bats
# What gets searched: file and directory arguments, standard input and '-',
# the implicit '.', -r, symbolic links, hidden files, binary files and -a.

bats_require_minimum_version 1.5.0
load helpers/common

# --- paths and directories ----------------------------------------------------

@test "a deeply nested tree is walked completely" {
	mkfile d/1/2/3/4/5/6/7/8/9/10/deep 'foo deep'
	mkfile d/1/mid 'foo mid'
	mkfile d/top 'foo top'
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_sorted_output $'d/1/2/3/4/5/6/7/8/9/10/deep:foo deep\nd/1/mid:foo mid\nd/top:foo top'
	assert_no_stderr
	assert_same_as_grep -rP foo d
}

@test "walked files of every size around a read's length are read whole" {
	# A walked file is read without a stat first: a read shorter than
	# asked ends it, and one that fills the 256 KiB buffer looks at its
	# size.  Matches at both ends of each file, against grep.
	python3 - <<'PY'
import os
os.makedirs("d", exist_ok=True)
for size in [0, 1, 4095, 4096, 65536, 262143, 262144, 262145, 524287,
             524288, 524289, 1048576 + 17]:
    body = bytearray(b"x" * size)
    for i in range(99, size, 100):
        body[i] = 0x0A
    if size >= 12:
        body[0:6] = b"foo 1\n"[:6]
        body[size - 6:size] = b"foo 2\n"[:6]
    open("d/f%d" % size, "wb").write(bytes(body))
PY
	run --separate-stderr "$ISOGREP" -rnb foo d
	assert_status 0
	assert_no_stderr
	assert_same_as_grep -rnb foo d
	run --separate-stderr "$ISOGREP" -rc --include-zero x d
	assert_same_as_grep -rc x d
}

@test "an empty directory: exit 1, no output" {
	mkdir empty
	run --separate-stderr "$ISOGREP" foo empty
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "a tree with only empty files and empty directories" {
	mkfile d/a
	mkfile d/sub/b
	mkdir -p d/e1/e2
	run --separate-stderr "$ISOGREP" -c --include-zero x d
	assert_status 1
	assert_sorted_output $'d/a:0\nd/sub/b:0'
	assert_no_stderr
	assert_same_as_grep -rcP x d
}

@test "an absolute path argument: absolute output paths" {
	mkfile d/sub/f 'foo'
	run --separate-stderr "$ISOGREP" foo "$PWD/d"
	assert_status 0
	assert_output "$PWD/d/sub/f:foo"
	run --separate-stderr "$ISOGREP" -H foo "$PWD/d/sub/f"
	assert_status 0
	assert_output "$PWD/d/sub/f:foo"
	assert_no_stderr
}

@test "a path with a parent component is kept as given" {
	mkfile d/sub/f 'foo'
	mkfile e/g 'foo'
	run --separate-stderr "$ISOGREP" foo d/sub/../../e
	assert_status 0
	assert_output 'd/sub/../../e/g:foo'
	assert_no_stderr
}

@test "file names with spaces, colons and non-ASCII characters" {
	mkfile 'd/with space' 'foo 1'
	mkfile 'd/co:lon' 'foo 2'
	mkfile 'd/été/ß' 'foo 3'
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_sorted_output $'d/co:lon:foo 2\nd/with space:foo 1\nd/été/ß:foo 3'
	assert_no_stderr
	assert_same_as_grep -rP foo d
}

@test "hidden files and directories are skipped; --hidden searches them" {
	mkfile d/.hidden 'foo 1'
	mkfile d/.hdir/f 'foo 2'
	mkfile d/.hdir/.h2 'foo 3'
	mkfile d/shown 'foo 5'
	mkfile .top 'foo 4'
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/shown:foo 5'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --hidden foo d
	assert_status 0
	assert_sorted_output $'d/.hdir/.h2:foo 3\nd/.hdir/f:foo 2\nd/.hidden:foo 1\nd/shown:foo 5'
	assert_no_stderr
	assert_same_as_grep -rP foo d
	run --separate-stderr "$ISOGREP" --hidden foo </dev/null
	assert_status 0
	assert_same_as_grep -rP foo
}

@test "a hidden file named on the command line is searched" {
	mkfile .top 'foo 4'
	run --separate-stderr "$ISOGREP" foo .top
	assert_status 0
	assert_output 'foo 4'
	assert_no_stderr
}

@test "the same file named twice is searched twice" {
	mkfile f 'foo'
	run --separate-stderr "$ISOGREP" foo f f
	assert_status 0
	assert_output $'f:foo\nf:foo'
	assert_no_stderr
}

@test "/dev/null as a path: nothing selected" {
	run --separate-stderr "$ISOGREP" foo /dev/null
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "-r and --recursive with paths: the same search as without" {
	mkfile d/sub/f 'foo'
	mkfile d/g 'foo' 'bar'
	run --separate-stderr "$ISOGREP" -r foo d
	assert_status 0
	assert_sorted_output $'d/g:foo\nd/sub/f:foo'
	run --separate-stderr "$ISOGREP" --recursive foo d
	assert_status 0
	assert_sorted_output $'d/g:foo\nd/sub/f:foo'
	run --separate-stderr "$ISOGREP" -rn foo d/g
	assert_status 0
	assert_output '1:foo'
	assert_no_stderr
}

# --- the implicit '.' and standard input --------------------------------------

@test "no path and stdin /dev/null: the current directory is searched" {
	mkfile a 'foo a'
	mkfile sub/b 'foo b' 'bar'
	run --separate-stderr "$ISOGREP" foo </dev/null
	assert_status 0
	assert_sorted_output $'a:foo a\nsub/b:foo b'
	assert_no_stderr
	assert_same_as_grep -rP foo
}

@test "no path, stdin /dev/null, in a subdirectory" {
	mkfile top/a 'foo a'
	mkfile top/sub/b 'foo b'
	cd top/sub
	run --separate-stderr "$ISOGREP" -n foo </dev/null
	assert_status 0
	assert_output 'b:1:foo b'
	assert_no_stderr
}

@test "no path and stdin a pipe: stdin is searched, not the directory" {
	mkfile a 'foo in a file'
	run --separate-stderr bash -c 'printf "foo piped\nbar\n" | "$ISOGREP" foo'
	assert_status 0
	assert_output 'foo piped'
	assert_no_stderr
}

@test "no path and stdin a regular file: stdin is searched" {
	mkfile a 'foo in a file'
	mkfile input 'x' 'foo input' 'y'
	run --separate-stderr "$ISOGREP" -n foo <input
	assert_status 0
	assert_output '2:foo input'
	assert_no_stderr
}

@test "empty standard input: exit 1" {
	mkfile a 'foo'
	run --separate-stderr bash -c 'printf "" | "$ISOGREP" foo'
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "'-' is standard input" {
	mkfile a 'foo in a'
	run --separate-stderr "$ISOGREP" foo - <<<$'bar\nfoo in stdin'
	assert_status 0
	assert_output 'foo in stdin'
	assert_no_stderr
}

@test "'-' with another path: (standard input) as its name" {
	mkfile a 'foo in a'
	run --separate-stderr "$ISOGREP" foo - a <<<'foo in stdin'
	assert_status 0
	assert_sorted_output $'(standard input):foo in stdin\na:foo in a'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -c foo a - <<<'foo in stdin'
	assert_status 0
	assert_sorted_output $'(standard input):1\na:1'
}

@test "'-' when stdin is /dev/null: nothing selected" {
	mkfile a 'foo'
	run --separate-stderr "$ISOGREP" foo - </dev/null
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "stdin: a large piped input is read to its end" {
	run --separate-stderr bash -c 'seq 1 300000 | "$ISOGREP" -n "^(1|150000|300000)\$"'
	assert_status 0
	assert_output $'1:1\n150000:150000\n300000:300000'
	assert_no_stderr
}

@test "stdin: a last line without a newline" {
	run --separate-stderr bash -c 'printf "a\nfoo" | "$ISOGREP" -c foo'
	assert_status 0
	assert_output '1'
	assert_no_stderr
}

# --- symbolic links -------------------------------------------------------------

@test "symlinks inside a walked tree are not followed" {
	mkfile target/t 'foo in target dir'
	mkfile tfile 'foo in target file'
	mkfile d/real 'foo real'
	ln -s ../tfile d/filelink
	ln -s ../target d/dirlink
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/real:foo real'
	assert_no_stderr
	assert_same_as_grep -rP foo d
}

@test "dangling and looping symlinks inside a tree are ignored" {
	mkfile d/real 'foo real'
	ln -s nowhere d/dangling
	ln -s . d/loop
	ln -s ../d d/sub
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/real:foo real'
	assert_no_stderr
	assert_same_as_grep -rP foo d
}

@test "symlinks are not followed in the implicit '.' walk either" {
	mkfile here/real 'foo real'
	mkfile elsewhere/f 'foo elsewhere'
	ln -s ../elsewhere here/link
	ln -s real here/flink
	cd here
	run --separate-stderr "$ISOGREP" foo </dev/null
	assert_status 0
	assert_output 'real:foo real'
	assert_no_stderr
}

@test "a symlink to a file named on the command line is followed" {
	mkfile real 'foo real'
	ln -s real link
	run --separate-stderr "$ISOGREP" foo link
	assert_status 0
	assert_output 'foo real'
	run --separate-stderr "$ISOGREP" -H foo link
	assert_status 0
	assert_output 'link:foo real'
	assert_no_stderr
}

@test "a symlink to a directory named on the command line is followed" {
	mkfile target/sub/f 'foo 1'
	mkfile target/g 'foo 2'
	ln -s target dlink
	run --separate-stderr "$ISOGREP" foo dlink
	assert_status 0
	assert_sorted_output $'dlink/g:foo 2\ndlink/sub/f:foo 1'
	assert_no_stderr
	assert_same_as_grep -rP foo dlink
}

# --- binary files ----------------------------------------------------------------

@test "a binary file in a walk is skipped silently" {
	mkbytes d/bin 'foo\0bar\nfoo\n'
	mkfile d/text 'foo text'
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/text:foo text'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -l foo d
	assert_status 0
	assert_output 'd/text'
	assert_no_stderr
}

@test "a walk with only a matching binary file: exit 1" {
	mkbytes d/bin 'foo\0bar\nfoo\n'
	run --separate-stderr "$ISOGREP" foo d
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "a binary file in the implicit '.' walk is skipped silently" {
	mkbytes bin '\0foo\n'
	mkfile text 'foo text'
	run --separate-stderr "$ISOGREP" foo </dev/null
	assert_status 0
	assert_output 'text:foo text'
	assert_no_stderr
}

@test "a matching binary file named explicitly: a message on stderr, exit 0" {
	mkbytes bin 'foo\0bar\nfoo\n'
	run --separate-stderr "$ISOGREP" foo bin
	assert_status 0
	assert_output ''
	assert_stderr 'isogrep: bin: binary file matches'
	run --separate-stderr "$ISOGREP" -n foo bin
	assert_status 0
	assert_output ''
	assert_stderr 'isogrep: bin: binary file matches'
}

@test "a binary file named with a text file" {
	mkbytes bin 'foo\0bar\nfoo\n'
	mkfile text 'foo text'
	run --separate-stderr "$ISOGREP" foo bin text
	assert_status 0
	assert_output 'text:foo text'
	assert_stderr 'isogrep: bin: binary file matches'
}

@test "a non-matching binary file named explicitly: exit 1, silent" {
	mkbytes bin 'foo\0bar\nfoo\n'
	run --separate-stderr "$ISOGREP" nomatch bin
	assert_status 1
	assert_output ''
	assert_no_stderr
}

@test "-c and -l count and list a binary file named explicitly" {
	mkbytes bin 'foo\0bar\nfoo\nbaz\n'
	run --separate-stderr "$ISOGREP" -c foo bin
	assert_status 0
	assert_output '2'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -l foo bin
	assert_status 0
	assert_output 'bin'
	assert_no_stderr
	assert_same_as_grep -l foo bin
}

@test "-a searches a named binary file as text, bytes kept" {
	mkbytes bin 'foo\0bar\nbaz\nfoo 2\n'
	run --separate-stderr "$ISOGREP" -a -n foo bin
	assert_status 0
	assert_no_stderr
	"$ISOGREP" -a foo bin >out
	printf 'foo\0bar\nfoo 2\n' | cmp - out
	"$ISOGREP" --text foo bin >out
	printf 'foo\0bar\nfoo 2\n' | cmp - out
	grep -aP foo bin | cmp - out
}

@test "-a searches binary files in a walk" {
	mkbytes d/bin 'x\0y\nfoo bin\n'
	mkfile d/text 'foo text'
	run --separate-stderr "$ISOGREP" -a foo d
	assert_status 0
	assert_sorted_output $'d/bin:foo bin\nd/text:foo text'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -a -c 'x' d
	assert_status 0
	assert_sorted_output $'d/bin:1\nd/text:1'
	assert_no_stderr
}

@test "-a: a NUL inside a matching line is output as is" {
	mkbytes d/bin 'a\0foo\0b\n'
	"$ISOGREP" -a foo d >out
	printf 'd/bin:a\0foo\0b\n' | cmp - out
	"$ISOGREP" -a -o 'foo.b' d/bin >out
	printf 'foo\0b\n' | cmp - out
}

@test "a text file with invalid UTF-8 is not binary" {
	mkbytes f '\xff\xfe foo\n'
	run --separate-stderr "$ISOGREP" foo f
	assert_status 0
	assert_output "$(printf '\xff\xfe foo')"
	assert_no_stderr
}
