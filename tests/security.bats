#!/usr/bin/env bats
# What a search may read: a walk stays inside its roots unless --follow is
# given, and the only config file is the one ISOGREP_CONFIG_PATH names,
# refused when anyone may write it.  Issue 4 (security).

# status, output, stderr and lines are set by bats' `run`.
# shellcheck disable=SC2154

bats_require_minimum_version 1.5.0
load helpers/common
load helpers/faults

# outside_tree: tree/ with a file of its own, and links out of it to a
# directory and a file in outside/, both holding a match.
outside_tree()
{
	mkfile outside/secret 'x secret'
	mkfile outside/deeper/more 'x more'
	mkfile tree/sub/own 'x own'
	ln -s ../../outside tree/sub/out
	ln -s ../outside/secret tree/sfile
	ln -s "$PWD/outside" tree/abs
}

# --- leaving the tree through a symlink --------------------------------------------

@test "a walk does not leave the tree through a symlink without --follow" {
	outside_tree
	for j in 1 4; do
		run --separate-stderr "$ISOGREP" -j "$j" x tree
		assert_status 0
		assert_output 'tree/sub/own:x own'
		assert_no_stderr
	done
	run --separate-stderr "$ISOGREP" --files tree
	assert_status 0
	assert_output 'tree/sub/own'
	assert_no_stderr
	run --separate-stderr "$ISOGREP" -l -uuu x tree
	assert_status 0
	assert_output 'tree/sub/own'
	# The implicit '.' walk as well.
	cd tree
	run --separate-stderr "$ISOGREP" -c x </dev/null
	assert_status 0
	assert_output 'sub/own:1'
}

@test "with --follow the walk goes through the links" {
	outside_tree
	run --separate-stderr "$ISOGREP" --follow x tree
	assert_status 0
	assert_sorted_output <<-'EOF'
	tree/abs/deeper/more:x more
	tree/abs/secret:x secret
	tree/sfile:x secret
	tree/sub/out/deeper/more:x more
	tree/sub/out/secret:x secret
	tree/sub/own:x own
	EOF
	assert_no_stderr
	run --separate-stderr "$ISOGREP" --follow --files tree
	assert_status 0
	assert_sorted_output <<-'EOF'
	tree/abs/deeper/more
	tree/abs/secret
	tree/sfile
	tree/sub/out/deeper/more
	tree/sub/out/secret
	tree/sub/own
	EOF
}

@test "a root that is a symlink is followed; links below it are not" {
	outside_tree
	ln -s tree rootlink
	run --separate-stderr "$ISOGREP" x rootlink
	assert_status 0
	assert_output 'rootlink/sub/own:x own'
	assert_no_stderr
}

# --- the config file ----------------------------------------------------------------

@test "ISOGREP_CONFIG_PATH: one argument per line, # comments; --no-config disables it" {
	printf '# line numbers, please\n-n\n\n# and that is all\n' >cfg
	chmod 644 cfg
	mkfile f 'a' 'x b'
	ISOGREP_CONFIG_PATH=cfg run --separate-stderr "$ISOGREP" x f
	assert_status 0
	assert_output '2:x b'
	assert_no_stderr
	ISOGREP_CONFIG_PATH=cfg run --separate-stderr "$ISOGREP" --no-config x f
	assert_status 0
	assert_output 'x b'
	assert_no_stderr
	# The command line comes after the file: it wins where flags conflict.
	printf -- '-H\n' >cfg2
	chmod 644 cfg2
	ISOGREP_CONFIG_PATH=cfg2 run --separate-stderr "$ISOGREP" -h x f
	assert_status 0
	assert_output 'x b'
	# An empty ISOGREP_CONFIG_PATH means none.
	ISOGREP_CONFIG_PATH='' run --separate-stderr "$ISOGREP" x f
	assert_status 0
	assert_output 'x b'
}

@test "a world-writable config file is refused: a message, exit 2, nothing searched" {
	printf -- '-n\n' >cfg
	chmod 666 cfg
	mkfile f 'x'
	ISOGREP_CONFIG_PATH=cfg run --separate-stderr "$ISOGREP" x f
	assert_status 2
	assert_output ''
	assert_contains "$stderr" 'cfg'
	assert_contains "$stderr" 'world-writable'
	# --no-config does not even look at it.
	ISOGREP_CONFIG_PATH=cfg run --separate-stderr "$ISOGREP" --no-config x f
	assert_status 0
	assert_output 'x'
	assert_no_stderr
}

@test "a config path that is missing, a directory or a FIFO: an error, no hang" {
	mkfile f 'x'
	mkdir cdir
	mkfifo cfifo
	for cfg in missing cdir cfifo; do
		ISOGREP_CONFIG_PATH=$cfg run --separate-stderr timeout 10 "$ISOGREP" x f
		assert_status 2
		assert_output ''
		assert_contains "$stderr" "$cfg"
	done
}

@test "no other config file is read: HOME, XDG_CONFIG_HOME and the current directory" {
	mkdir -p home/.config/isogrep
	for p in home/.isogreprc home/.isogrep home/.config/isogrep/config \
	    home/.config/isogrep/isogreprc home/.config/isogreprc .isogreprc; do
		printf -- '-n\n' >"$p"
		chmod 644 "$p"
	done
	mkfile f 'a' 'x b'
	run --separate-stderr env -u ISOGREP_CONFIG_PATH HOME="$PWD/home" \
	    XDG_CONFIG_HOME="$PWD/home/.config" "$ISOGREP" x f
	assert_status 0
	assert_output 'x b'
	assert_no_stderr
	# ripgrep's variable means nothing to isogrep.
	run --separate-stderr env -u ISOGREP_CONFIG_PATH \
	    RIPGREP_CONFIG_PATH="$PWD/home/.isogreprc" "$ISOGREP" x f
	assert_status 0
	assert_output 'x b'
}
