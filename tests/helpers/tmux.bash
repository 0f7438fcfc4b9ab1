# shellcheck shell=bash
# Drive a program in a real terminal: a detached tmux session on a server
# of the test's own (its socket in $BATS_TEST_TMPDIR), keys typed into it,
# and the screen read back.  `load helpers/tmux` after helpers/common;
# call tmux_stop in teardown.

TMUX_SOCKET="${BATS_TEST_TMPDIR:-/tmp}/tmux.sock"

# tmux_start CMD...: run CMD in a 160x50 terminal (one per test).
tmux_start()
{
	tmux -S "$TMUX_SOCKET" -f /dev/null new-session -d -s t -x 160 -y 50 "$@"
}

# tmux_keys KEY...: type keys (tmux send-keys names: Tab, Enter, C-c).
tmux_keys()
{
	tmux -S "$TMUX_SOCKET" send-keys -t t "$@"
}

# tmux_screen [ARG...]: what the terminal shows now (-e: with its colors).
tmux_screen()
{
	tmux -S "$TMUX_SOCKET" capture-pane -p -t t "$@"
}

# tmux_wait_for ERE [SECONDS]: wait until the screen matches ERE (default
# 10 s); on a timeout print the screen and fail.
tmux_wait_for()
{
	local i limit=$(( ${2:-10} * 10 ))
	for ((i = 0; i < limit; i++)); do
		tmux_screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	echo "timed out waiting for /$1/; the screen was:" >&2
	tmux_screen >&2
	return 1
}

tmux_stop()
{
	tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null || true
}
