#!/usr/bin/env bats
# Ignore rules: which ignore files apply where (.gitignore only inside a git
# work tree; .ignore and .isogrepignore everywhere; .git/info/exclude; git's
# global excludes), gitignore pattern semantics and precedence, ignore files
# above the roots, the --no-ignore* switches, -u/-uu/-uuu, hidden files, an
# unreadable ignore file, and a comparison with git itself.  Most tests list
# files with --files (sorted: listing order is free); some search contents.

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/perm

# Every test runs with an empty HOME and XDG_CONFIG_HOME, so that the global
# git excludes of whoever runs the suite cannot hide files.  A test of the
# global excludes points them at a directory of its own.
setup()
{
	if [ ! -x "$ISOGREP" ]; then
		echo "isogrep binary not found at $ISOGREP (run make)" >&2
		return 1
	fi
	mkdir -p "$BATS_FILE_TMPDIR/home" "$BATS_FILE_TMPDIR/xdg"
	export HOME="$BATS_FILE_TMPDIR/home"
	export XDG_CONFIG_HOME="$BATS_FILE_TMPDIR/xdg"
	export GIT_CONFIG_NOSYSTEM=1
	cd "$BATS_TEST_TMPDIR" || return 1
}

teardown()
{
	perm_teardown
}

# git_quiet ARGS...: git with no user or system configuration.
git_quiet()
{
	command git -c init.defaultBranch=main "$@"
}

# --- which ignore files apply where --------------------------------------------------

@test ".gitignore outside a git work tree: not used, the file is listed" {
	mkfile d/.gitignore '*.log'
	mkfile d/a.log 'foo log'
	mkfile d/b.txt 'foo txt'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/a.log\nd/b.txt'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_sorted_output $'d/a.log:foo log\nd/b.txt:foo txt'
	assert_no_stderr
}

@test ".gitignore inside a git work tree (the root has .git)" {
	mkfile d/.gitignore '*.log'
	mkfile d/a.log 'foo log'
	mkfile d/b.txt 'foo txt'
	git_quiet init -q d
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/b.txt'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/b.txt:foo txt'
	assert_no_stderr
}

@test ".gitignore inside a git work tree whose .git is above the root" {
	git_quiet init -q repo
	mkfile repo/sub/.gitignore '*.log'
	mkfile repo/sub/a.log 'foo log'
	mkfile repo/sub/b.txt 'foo txt'
	run --separate-stderr "$ISOGREP" --files repo/sub
	assert_status 0
	assert_output 'repo/sub/b.txt'
	assert_no_stderr
	cd repo/sub
	run --separate-stderr "$ISOGREP" foo </dev/null
	assert_status 0
	assert_output 'b.txt:foo txt'
	assert_no_stderr
}

@test ".ignore and .isogrepignore apply outside a git work tree" {
	mkfile d/.ignore '*.a'
	mkfile d/sub/.isogrepignore '*.b'
	mkfile d/x.a 'foo'
	mkfile d/x.b 'foo'
	mkfile d/sub/y.a 'foo'
	mkfile d/sub/y.b 'foo'
	mkfile d/sub/y.c 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/x.b\nd/sub/y.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_sorted_output $'d/x.b:foo\nd/sub/y.c:foo'
	assert_no_stderr
}

@test ".ignore and .isogrepignore apply inside a git work tree too" {
	git_quiet init -q d
	mkfile d/.ignore 'one'
	mkfile d/.isogrepignore 'two'
	mkfile d/one 'foo'
	mkfile d/two 'foo'
	mkfile d/three 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/three'
	assert_no_stderr
}

@test ".git/info/exclude applies" {
	git_quiet init -q d
	printf '%s\n' '*.tmp' >>d/.git/info/exclude
	mkfile d/a.tmp 'foo'
	mkfile d/sub/b.tmp 'foo'
	mkfile d/sub/c.txt 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/sub/c.txt'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/sub/c.txt:foo'
	assert_no_stderr
}

@test "global excludes: core.excludesFile from \$HOME/.gitconfig" {
	mkdir home
	printf '[core]\n\texcludesFile = %s\n' "$PWD/home/excludes" >home/.gitconfig
	mkfile home/excludes '*.bak'
	git_quiet init -q repo
	mkfile repo/a.bak 'foo'
	mkfile repo/sub/b.bak 'foo'
	mkfile repo/c.txt 'foo'
	cd repo
	run --separate-stderr env HOME="$BATS_TEST_TMPDIR/home" "$ISOGREP" --files
	assert_status 0
	assert_output 'c.txt'
	assert_no_stderr
	run --separate-stderr env HOME="$BATS_TEST_TMPDIR/home" "$ISOGREP" foo </dev/null
	assert_status 0
	assert_output 'c.txt:foo'
	assert_no_stderr
	run --separate-stderr env HOME="$BATS_TEST_TMPDIR/home" "$ISOGREP" --files --no-ignore-global
	assert_status 0
	assert_sorted_output $'a.bak\nc.txt\nsub/b.bak'
	assert_no_stderr
}

@test "global excludes: core.excludesFile with ~/ is under HOME" {
	mkdir home
	printf '[core]\n\texcludesfile = ~/excludes\n' >home/.gitconfig
	mkfile home/excludes '*.bak'
	git_quiet init -q repo
	mkfile repo/a.bak 'foo'
	mkfile repo/c.txt 'foo'
	cd repo
	run --separate-stderr env HOME="$BATS_TEST_TMPDIR/home" "$ISOGREP" --files
	assert_status 0
	assert_output 'c.txt'
	assert_no_stderr
}

@test "global excludes: the default \$XDG_CONFIG_HOME/git/ignore" {
	mkfile xdg/git/ignore '*.bak'
	git_quiet init -q repo
	mkfile repo/a.bak 'foo'
	mkfile repo/c.txt 'foo'
	cd repo
	run --separate-stderr env XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg" "$ISOGREP" --files
	assert_status 0
	assert_output 'c.txt'
	assert_no_stderr
	run --separate-stderr env XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg" "$ISOGREP" --files --no-ignore-global
	assert_status 0
	assert_sorted_output $'a.bak\nc.txt'
	assert_no_stderr
}

@test "global excludes: without XDG_CONFIG_HOME, \$HOME/.config/git/ignore" {
	mkfile home/.config/git/ignore '*.bak'
	git_quiet init -q repo
	mkfile repo/a.bak 'foo'
	mkfile repo/c.txt 'foo'
	cd repo
	run --separate-stderr env -u XDG_CONFIG_HOME HOME="$BATS_TEST_TMPDIR/home" "$ISOGREP" --files
	assert_status 0
	assert_output 'c.txt'
	assert_no_stderr
}

@test "global excludes are git's: not used outside a git work tree" {
	mkfile xdg/git/ignore '*.bak'
	mkfile d/a.bak 'foo'
	mkfile d/c.txt 'foo'
	run --separate-stderr env XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg" "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/a.bak\nd/c.txt'
	assert_no_stderr
}

# --- gitignore semantics -----------------------------------------------------------------

@test "negation: the last matching rule wins" {
	git_quiet init -q d
	mkfile d/.gitignore '*.log' '!keep.log'
	mkfile d/a.log 'foo'
	mkfile d/keep.log 'foo'
	mkfile d/sub/keep.log 'foo'
	mkfile d/sub/b.log 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/keep.log\nd/sub/keep.log'
	assert_no_stderr
	# The other order: the negation comes first and loses.
	mkfile d/.gitignore '!keep.log' '*.log'
	mkfile d/other 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/other'
	assert_no_stderr
}

@test "anchored /x matches at the .gitignore's directory only; x at any depth" {
	git_quiet init -q d
	mkfile d/.gitignore '/top.txt' 'any.txt'
	mkfile d/top.txt 'foo'
	mkfile d/sub/top.txt 'foo'
	mkfile d/any.txt 'foo'
	mkfile d/sub/any.txt 'foo'
	mkfile d/sub/deeper/any.txt 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/sub/top.txt'
	assert_no_stderr
}

@test "a slash in the middle anchors the pattern too" {
	git_quiet init -q d
	mkfile d/.gitignore 'sub/x.txt'
	mkfile d/sub/x.txt 'foo'
	mkfile d/other/sub/x.txt 'foo'
	mkfile d/x.txt 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/other/sub/x.txt\nd/x.txt'
	assert_no_stderr
}

@test "an anchored pattern in a deeper .gitignore is relative to its directory" {
	git_quiet init -q d
	mkfile d/sub/.gitignore '/x.txt'
	mkfile d/x.txt 'foo'
	mkfile d/sub/x.txt 'foo'
	mkfile d/sub/deeper/x.txt 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/sub/deeper/x.txt\nd/x.txt'
	assert_no_stderr
}

@test "dir/ matches directories only" {
	git_quiet init -q d
	mkfile d/.gitignore 'build/'
	mkfile d/build/out.o 'foo'
	mkfile d/src/build/deep.o 'foo'
	mkfile d/other/build 'foo: a file named build'
	mkfile d/keep.c 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/keep.c\nd/other/build'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_sorted_output $'d/keep.c:foo\nd/other/build:foo: a file named build'
	assert_no_stderr
}

@test "**/x matches x at any depth" {
	git_quiet init -q d
	mkfile d/.gitignore '**/gen'
	mkfile d/gen/a 'foo'
	mkfile d/x/gen/b 'foo'
	mkfile d/x/y/gen 'foo'
	mkfile d/x/generated 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/x/generated'
	assert_no_stderr
}

@test "a/**/b matches b zero or more directories below a" {
	git_quiet init -q d
	mkfile d/.gitignore 'a/**/b'
	mkfile d/a/b 'foo'
	mkfile d/a/x/b 'foo'
	mkfile d/a/x/y/b 'foo'
	mkfile d/a/x/c 'foo'
	mkfile d/z/a/b 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/a/x/c\nd/z/a/b'
	assert_no_stderr
}

@test "d/** matches everything inside d" {
	git_quiet init -q top
	mkfile top/.gitignore 'd/**'
	mkfile top/d/a 'foo'
	mkfile top/d/sub/b 'foo'
	mkfile top/dd/c 'foo'
	mkfile top/e 'foo'
	run --separate-stderr "$ISOGREP" --files top
	assert_status 0
	assert_sorted_output $'top/dd/c\ntop/e'
	assert_no_stderr
}

@test "escaped \\# and \\!, comments and blank lines" {
	git_quiet init -q d
	mkfile d/.gitignore '# a comment' '' '\#hash' '\!bang' '' '   ' '#comment'
	mkfile d/'#hash' 'foo'
	mkfile d/'!bang' 'foo'
	mkfile d/'# a comment' 'foo'
	mkfile d/'#comment' 'foo'
	mkfile d/plain 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/# a comment\nd/#comment\nd/plain'
	assert_no_stderr
}

@test "a deeper .gitignore overrides a shallower one" {
	git_quiet init -q d
	mkfile d/.gitignore '*.log'
	mkfile d/sub/.gitignore '!keep.log'
	mkfile d/keep.log 'foo'
	mkfile d/a.log 'foo'
	mkfile d/sub/keep.log 'foo'
	mkfile d/sub/b.log 'foo'
	mkfile d/sub/deeper/keep.log 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/sub/deeper/keep.log\nd/sub/keep.log'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_sorted_output $'d/sub/deeper/keep.log:foo\nd/sub/keep.log:foo'
	assert_no_stderr
}

@test "in one directory: .isogrepignore over .ignore over .gitignore" {
	git_quiet init -q d
	mkfile d/.gitignore 'a.txt' '!b.txt' 'c.txt'
	mkfile d/.ignore '!a.txt' 'b.txt' 'd.txt'
	mkfile d/.isogrepignore '!d.txt' 'e.txt'
	for f in a b c d e f; do
		mkfile "d/$f.txt" 'foo'
	done
	# a: .gitignore ignores, .ignore re-includes.  b: the reverse.
	# c: only .gitignore.  d: .ignore ignores, .isogrepignore re-includes.
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/a.txt\nd/d.txt\nd/f.txt'
	assert_no_stderr
}

@test "a deeper .gitignore overrides a shallower .ignore" {
	git_quiet init -q d
	mkfile d/.ignore '*.log'
	mkfile d/sub/.gitignore '!keep.log'
	mkfile d/keep.log 'foo'
	mkfile d/sub/keep.log 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/sub/keep.log'
	assert_no_stderr
}

@test "files of an excluded directory cannot be re-included" {
	git_quiet init -q d
	mkfile d/.gitignore 'out/' '!out/keep' '!keep2'
	mkfile d/out/keep 'foo'
	mkfile d/out/keep2 'foo'
	mkfile d/out/.gitignore '!keep3'
	mkfile d/out/keep3 'foo'
	mkfile d/keep2 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/keep2'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -c foo d
	assert_status 0
	assert_output 'd/keep2:1'
	assert_no_stderr
}

@test "/* then !/keep/: only keep/ is listed" {
	git_quiet init -q d
	mkfile d/.gitignore '/*' '!/keep/' '!.gitignore'
	mkfile d/keep/a 'foo'
	mkfile d/keep/sub/b 'foo'
	mkfile d/drop/c 'foo'
	mkfile d/top 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_sorted_output $'d/keep/a\nd/keep/sub/b'
	assert_no_stderr
}

# --- ignore files above the roots --------------------------------------------------------

@test "ignore files above the root within the work tree apply" {
	git_quiet init -q repo
	mkfile repo/.gitignore '*.gen'
	mkfile repo/sub/x.gen 'foo'
	mkfile repo/sub/x.c 'foo'
	mkfile repo/sub/deeper/y.gen 'foo'
	run --separate-stderr "$ISOGREP" --files repo/sub
	assert_status 0
	assert_output 'repo/sub/x.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo repo/sub
	assert_status 0
	assert_output 'repo/sub/x.c:foo'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files ./repo/sub/
	assert_status 0
	assert_output './repo/sub/x.c'
	assert_no_stderr
	cd repo/sub
	run --separate-stderr "$ISOGREP" --files
	assert_status 0
	assert_output 'x.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo </dev/null
	assert_status 0
	assert_output 'x.c:foo'
	assert_no_stderr
	cd deeper
	run --separate-stderr "$ISOGREP" --files ..
	assert_status 0
	assert_output '../x.c'
	assert_no_stderr
}

@test "--no-ignore-parent: ignore files above the root are not used" {
	git_quiet init -q repo
	mkfile repo/.gitignore '*.gen'
	mkfile repo/.ignore '*.dot'
	mkfile repo/sub/.gitignore '*.own'
	mkfile repo/sub/x.gen 'foo'
	mkfile repo/sub/x.dot 'foo'
	mkfile repo/sub/x.own 'foo'
	mkfile repo/sub/x.c 'foo'
	run --separate-stderr "$ISOGREP" --files repo/sub
	assert_status 0
	assert_output 'repo/sub/x.c'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --no-ignore-parent repo/sub
	assert_status 0
	assert_sorted_output $'repo/sub/x.c\nrepo/sub/x.dot\nrepo/sub/x.gen'
	assert_no_stderr
	cd repo/sub
	run --separate-stderr "$ISOGREP" --no-ignore-parent foo </dev/null
	assert_status 0
	assert_sorted_output $'x.c:foo\nx.dot:foo\nx.gen:foo'
	assert_no_stderr
}

@test "a parent's anchored and directory rules are relative to the parent" {
	git_quiet init -q repo
	mkfile repo/.gitignore '/sub/only.txt' 'sub/gen/' '/x.txt'
	mkfile repo/sub/only.txt 'foo'
	mkfile repo/sub/x.txt 'foo'
	mkfile repo/sub/gen/a 'foo'
	mkfile repo/sub/deeper/only.txt 'foo'
	run --separate-stderr "$ISOGREP" --files repo/sub
	assert_status 0
	assert_sorted_output $'repo/sub/deeper/only.txt\nrepo/sub/x.txt'
	assert_no_stderr
	cd repo/sub
	run --separate-stderr "$ISOGREP" --files
	assert_status 0
	assert_sorted_output $'deeper/only.txt\nx.txt'
	assert_no_stderr
}

@test "a parent's .gitignore is not used above the work tree's top" {
	mkfile .gitignore '*.gen'
	git_quiet init -q repo
	mkfile repo/x.gen 'foo'
	mkfile repo/x.c 'foo'
	run --separate-stderr "$ISOGREP" --files repo
	assert_status 0
	assert_sorted_output $'repo/x.c\nrepo/x.gen'
	assert_no_stderr
}

# --- switching rules off -----------------------------------------------------------------

# make_all_kinds: a git work tree `d` where each kind of ignore rule hides one
# file, plus a hidden file and a binary file.  The global excludes file is
# in xdg/, so the runs below set XDG_CONFIG_HOME.
make_all_kinds()
{
	git_quiet init -q d
	mkfile d/.gitignore 'vcs.txt'
	printf '%s\n' 'excl.txt' >>d/.git/info/exclude
	mkfile d/.ignore 'dot.txt'
	mkfile d/.isogrepignore 'iso.txt'
	mkfile xdg/git/ignore 'glob.txt'
	for f in vcs excl dot iso glob keep; do
		mkfile "d/$f.txt" "foo $f"
	done
	mkfile d/.hid 'foo hidden'
	mkbytes d/bin.dat 'foo binary\n\0\n'
}

# files_in ARGS...: run isogrep --files ARGS... d with the tree's global
# excludes.
files_in()
{
	run --separate-stderr env XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg" \
	    "$ISOGREP" --files "$@" d
}

@test "each kind of rule applies by default" {
	make_all_kinds
	files_in
	assert_status 0
	assert_sorted_output $'d/bin.dat\nd/keep.txt'
	assert_no_stderr
}

@test "--no-ignore: no ignore file is used" {
	make_all_kinds
	files_in --no-ignore
	assert_status 0
	assert_sorted_output <<'EOF'
d/bin.dat
d/dot.txt
d/excl.txt
d/glob.txt
d/iso.txt
d/keep.txt
d/vcs.txt
EOF
	assert_no_stderr
}

@test "--no-ignore-vcs: only git's rules are off" {
	make_all_kinds
	files_in --no-ignore-vcs
	assert_status 0
	assert_sorted_output $'d/bin.dat\nd/excl.txt\nd/glob.txt\nd/keep.txt\nd/vcs.txt'
	assert_no_stderr
}

@test "--no-ignore-dot: only .ignore and .isogrepignore are off" {
	make_all_kinds
	files_in --no-ignore-dot
	assert_status 0
	assert_sorted_output $'d/bin.dat\nd/dot.txt\nd/iso.txt\nd/keep.txt'
	assert_no_stderr
}

@test "--no-ignore-global: only the global excludes are off" {
	make_all_kinds
	files_in --no-ignore-global
	assert_status 0
	assert_sorted_output $'d/bin.dat\nd/glob.txt\nd/keep.txt'
	assert_no_stderr
}

@test "-u is --no-ignore (hidden files still skipped)" {
	make_all_kinds
	files_in -u
	assert_status 0
	assert_sorted_output <<'EOF'
d/bin.dat
d/dot.txt
d/excl.txt
d/glob.txt
d/iso.txt
d/keep.txt
d/vcs.txt
EOF
	assert_no_stderr
	files_in --unrestricted
	assert_status 0
	assert_sorted_output <<'EOF'
d/bin.dat
d/dot.txt
d/excl.txt
d/glob.txt
d/iso.txt
d/keep.txt
d/vcs.txt
EOF
	assert_no_stderr
}

@test "-uu adds --hidden (but never .git)" {
	make_all_kinds
	local want
	want=$(cat <<'EOF'
d/.gitignore
d/.hid
d/.ignore
d/.isogrepignore
d/bin.dat
d/dot.txt
d/excl.txt
d/glob.txt
d/iso.txt
d/keep.txt
d/vcs.txt
EOF
)
	files_in -uu
	assert_status 0
	assert_sorted_output "$want"
	assert_no_stderr
	files_in -u -u
	assert_status 0
	assert_sorted_output "$want"
	assert_no_stderr
}

@test "-uu and -uuu in a content search: -uuu also searches binary files" {
	make_all_kinds
	run --separate-stderr env XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg" \
	    "$ISOGREP" -uu foo d
	assert_status 0
	assert_sorted_output <<'EOF'
d/.hid:foo hidden
d/dot.txt:foo dot
d/excl.txt:foo excl
d/glob.txt:foo glob
d/iso.txt:foo iso
d/keep.txt:foo keep
d/vcs.txt:foo vcs
EOF
	assert_no_stderr
	run --separate-stderr env XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg" \
	    "$ISOGREP" -uuu foo d
	assert_status 0
	assert_sorted_output <<'EOF'
d/.hid:foo hidden
d/bin.dat:foo binary
d/dot.txt:foo dot
d/excl.txt:foo excl
d/glob.txt:foo glob
d/iso.txt:foo iso
d/keep.txt:foo keep
d/vcs.txt:foo vcs
EOF
	assert_no_stderr
}

@test "a content search honours the same rules by default" {
	make_all_kinds
	run --separate-stderr env XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg" \
	    "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/keep.txt:foo keep'
	assert_no_stderr
}

@test "--ignore-file adds rules, relative to the root searched" {
	mkfile rules '/top.txt' '*.skip'
	mkfile d/top.txt 'foo'
	mkfile d/sub/top.txt 'foo'
	mkfile d/a.skip 'foo'
	mkfile d/sub/b.skip 'foo'
	mkfile d/keep 'foo'
	run --separate-stderr "$ISOGREP" --files --ignore-file rules d
	assert_status 0
	assert_sorted_output $'d/keep\nd/sub/top.txt'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --ignore-file=rules foo d
	assert_status 0
	assert_sorted_output $'d/keep:foo\nd/sub/top.txt:foo'
	assert_no_stderr
}

@test "--ignore-file rules are overridden by the tree's ignore files" {
	mkfile rules '*.skip'
	mkfile d/sub/.ignore '!keep.skip'
	mkfile d/a.skip 'foo'
	mkfile d/sub/keep.skip 'foo'
	mkfile d/sub/other.skip 'foo'
	run --separate-stderr "$ISOGREP" --files --ignore-file rules d
	assert_status 0
	assert_output 'd/sub/keep.skip'
	assert_no_stderr
}

@test "every --ignore-file counts, however many (here 32, in a git work tree)" {
	git_quiet init -q d
	mkfile d/.gitignore 'g.txt'
	mkfile d/.ignore 'i.txt'
	mkfile d/g.txt
	mkfile d/i.txt
	mkfile d/keep
	mkfile d/x.log
	mkfile d/y.log
	# File i ignores fi; the 31st ignores *.log and the 32nd, later and so
	# stronger, takes y.log back.
	local i args=()
	for i in $(seq 1 30); do
		mkfile "r$i" "f$i"
		mkfile "d/f$i"
		args+=(--ignore-file "r$i")
	done
	mkfile r31 '*.log'
	mkfile r32 '!y.log'
	args+=(--ignore-file r31 --ignore-file r32)
	run --separate-stderr "$ISOGREP" --files "${args[@]}" d
	assert_status 0
	assert_sorted_output $'d/keep\nd/y.log'
	assert_no_stderr
	# The same rules in a search, and with every file of a work tree.
	mkfile d/sub/f17 x
	mkfile d/sub/f30 x
	mkfile d/sub/z x
	run --separate-stderr "$ISOGREP" -l x "${args[@]}" d
	assert_status 0
	assert_output 'd/sub/z'
	assert_no_stderr
}

# --- hidden files ---------------------------------------------------------------------

@test "hidden files and directories are skipped; --hidden includes them" {
	mkfile d/.hid 'foo'
	mkfile d/.hdir/inside 'foo'
	mkfile d/sub/.deep 'foo'
	mkfile d/visible 'foo'
	run --separate-stderr "$ISOGREP" --files d
	assert_status 0
	assert_output 'd/visible'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo d
	assert_status 0
	assert_output 'd/visible:foo'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files --hidden d
	assert_status 0
	assert_sorted_output $'d/.hdir/inside\nd/.hid\nd/sub/.deep\nd/visible'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --hidden foo d
	assert_status 0
	assert_sorted_output $'d/.hdir/inside:foo\nd/.hid:foo\nd/sub/.deep:foo\nd/visible:foo'
	assert_no_stderr
}

@test ". and .. as roots are not hidden" {
	mkfile d/a 'foo'
	mkfile d/.hid 'foo'
	mkdir d/sub
	cd d
	run --separate-stderr "$ISOGREP" --files .
	assert_status 0
	assert_output './a'
	assert_no_stderr
	cd sub
	run --separate-stderr "$ISOGREP" --files ..
	assert_status 0
	assert_output '../a'
	assert_no_stderr
}

@test ".git is never searched or listed, even with --hidden or -uu" {
	git_quiet init -q d
	mkfile d/.git/foo-file 'foo in git'
	mkfile d/.gitignore 'x'
	mkfile d/a 'foo'
	mkfile d/sub/.git/other 'foo'
	run --separate-stderr "$ISOGREP" --files --hidden d
	assert_status 0
	assert_sorted_output $'d/.gitignore\nd/a'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -uu d
	assert_status 0
	assert_sorted_output $'d/.gitignore\nd/a'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files -uuu d
	assert_status 0
	assert_sorted_output $'d/.gitignore\nd/a'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --hidden foo d
	assert_status 0
	assert_output 'd/a:foo'
	assert_no_stderr
	# .git/config holds this string: it must not be found.
	run --separate-stderr "$ISOGREP" -uuu repositoryformatversion d
	assert_status 1
	assert_output ''
}

@test "a hidden file named on the command line is searched" {
	mkfile .hid 'foo hidden'
	mkfile d/.inner 'foo inner'
	run --separate-stderr "$ISOGREP" foo .hid
	assert_status 0
	assert_output 'foo hidden'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" foo .hid d/.inner
	assert_status 0
	assert_sorted_output $'.hid:foo hidden\nd/.inner:foo inner'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --files .hid
	assert_status 0
	assert_output '.hid'
	assert_no_stderr
}

# --- an unreadable ignore file ------------------------------------------------------------

@test "an unreadable .ignore: reported, the walk goes on, exit 2" {
	perm_setup
	mkfile d/.ignore 'a.txt'
	mkfile d/a.txt 'foo a'
	mkfile d/b.txt 'foo b'
	mkfile d/sub/c.txt 'foo c'
	chmod 000 d/.ignore
	run --separate-stderr unprivileged "$ISOGREP" --files d
	assert_status 2
	assert_sorted_output $'d/a.txt\nd/b.txt\nd/sub/c.txt'
	assert_contains "$stderr" 'd/.ignore'
	assert_contains "$stderr" 'Permission denied'
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ] || { show; false; }
	run --separate-stderr unprivileged "$ISOGREP" foo d
	assert_status 2
	assert_sorted_output $'d/a.txt:foo a\nd/b.txt:foo b\nd/sub/c.txt:foo c'
	assert_contains "$stderr" 'd/.ignore'
	assert_contains "$stderr" 'Permission denied'
}

@test "an unreadable .gitignore in a subdirectory: reported, the walk goes on" {
	perm_setup
	git_quiet init -q d
	mkfile d/.gitignore '*.log'
	mkfile d/sub/.gitignore 'x'
	mkfile d/sub/x 'foo x'
	mkfile d/sub/a.log 'foo log'
	mkfile d/y 'foo y'
	chmod 000 d/sub/.gitignore
	run --separate-stderr unprivileged "$ISOGREP" --files d
	assert_status 2
	assert_sorted_output $'d/sub/x\nd/y'
	assert_contains "$stderr" 'd/sub/.gitignore'
	assert_contains "$stderr" 'Permission denied'
}

# --- against git ------------------------------------------------------------------------

# same_as_git: in the current directory (a git work tree), isogrep --files
# --no-ignore-dot --hidden lists what git ls-files --others --cached
# --exclude-standard lists, both sorted (names unquoted, byte for byte).
same_as_git()
{
	local empty="$BATS_TEST_TMPDIR/empty-home" want got
	mkdir -p "$empty"
	want=$(HOME=$empty XDG_CONFIG_HOME=$empty GIT_CONFIG_NOSYSTEM=1 \
	    git -c core.quotePath=false ls-files --others --cached \
	    --exclude-standard | LC_ALL=C sort)
	run --separate-stderr env HOME="$empty" XDG_CONFIG_HOME="$empty" \
	    "$ISOGREP" --files --no-ignore-dot --hidden
	assert_status 0
	assert_no_stderr
	got=$(printf '%s\n' "$output" | LC_ALL=C sort)
	if [ "$got" != "$want" ]; then
		printf -- '--- git ls-files\n%s\n--- isogrep --files\n%s\n' "$want" "$got"
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") || true
		return 1
	fi
}

@test "the same files as git: negations, anchors, directories" {
	git_quiet init -q repo
	cd repo
	mkfile .gitignore '*.o' '!keep.o' '/build' 'logs/' '!logs/important.log' \
	    'doc/*.html' '!doc/index.html' 'tmp*' '!tmp-keep' '\#*' 'a?c' \
	    '[xy].dat'
	mkfile main.c
	mkfile main.o
	mkfile keep.o
	mkfile lib/x.o
	mkfile lib/keep.o
	mkfile build/out
	mkfile lib/build/out
	mkfile logs/important.log
	mkfile logs/other.log
	mkfile src/logs
	mkfile doc/a.html
	mkfile doc/index.html
	mkfile doc/sub/b.html
	mkfile tmp1
	mkfile tmp-keep
	mkfile lib/tmpdir/f
	mkfile '#hash'
	mkfile abc
	mkfile abbc
	mkfile x.dat
	mkfile z.dat
	mkfile .hidden
	mkfile .config/settings
	same_as_git
}

@test "the same files as git: ** patterns and nested .gitignore files" {
	git_quiet init -q repo
	cd repo
	mkfile .gitignore '**/cache' 'a/**/z' 'vendor/**' '!vendor/**/' \
	    '!vendor/keep.go' '*.log'
	mkfile cache/f
	mkfile x/cache/g
	mkfile x/y/cache
	mkfile a/z
	mkfile a/b/z
	mkfile a/b/c/z
	mkfile a/b/c/zz
	mkfile b/a/z
	mkfile vendor/keep.go
	mkfile vendor/drop.go
	mkfile vendor/sub/x.go
	mkfile sub/.gitignore '!*.log' '/local' 'deep/'
	mkfile sub/a.log
	mkfile sub/local
	mkfile sub/x/local
	mkfile sub/deep/f
	mkfile sub/x/deep/f
	mkfile sub/x/.gitignore '*.log'
	mkfile sub/x/b.log
	mkfile top.log
	mkfile d/.gitignore '*' '!*/' '!*.c'
	mkfile d/a.c
	mkfile d/a.h
	mkfile d/e/b.c
	mkfile d/e/b.h
	same_as_git
}

@test "the same files as git: classes, ?, trailing spaces, re-included directories" {
	git_quiet init -q repo
	cd repo
	mkfile .gitignore 'trail  ' 'esc\ ' '[!a]x' '[^b]y' 'r[0-9]' 'q?' \
	    '/**/deep' '!*.keep' 'sub/no*' 'cls[a-c]/' '*.[oa]' 'a*b' \
	    'x/**/z' '!x/**/z' 'w/' '!w/' 'w/*' '!w/k'
	local f
	for f in trail 'trail  ' 'esc ' esc ax bx ay by r1 rx q1 q12 deep1 \
	    x/deep/f deep/g y.keep z sub/a sub/nothing sub/no2 clsb/f clsd/f \
	    m.o m.a m.c sub/x/a_b axxb a/b x/z x/y/z w/k w/j; do
		mkfile "$f"
	done
	same_as_git
}

@test "the same files as git: a BOM, CRLF lines, nested re-inclusion" {
	git_quiet init -q repo
	cd repo
	mkbytes .gitignore '\357\273\277bom\r\ncr\r\n/*\n!/a/\n/a/*\n!/a/b/\n**/foo/bar\nq/**/\na/b/c/\n!.gitignore\n'
	local f
	for f in bom cr top a/x a/b/y a/b/c/z a2/f a/b/foo/bar a/b/foo/baz \
	    a/b/q/r/s a/b/qq; do
		mkfile "$f"
	done
	same_as_git
}

@test "the same files as git: ? and [...] take one byte of a non-ASCII name" {
	git_quiet init -q repo
	cd repo
	# One rule per directory, each over the same names: é is two bytes
	# in UTF-8, 日 three.
	local d rule i=0
	for rule in '?' '??' '???' '[é]' '[é][é]' '[!a]' '[!a]?' '*\251' \
	    '?\251' '[\303]*'; do
		d=d$((i += 1))
		mkbytes "$d/.gitignore" "$rule\n"
		mkfile "$d/é"
		mkfile "$d/日"
		mkfile "$d/a"
		mkfile "$d/ab"
	done
	same_as_git
}
