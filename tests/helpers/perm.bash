# shellcheck shell=bash
# Dropping privileges for "permission denied" tests: CI runs as root, and
# root reads anything.  Load after helpers/common; a test file that uses
# perm_setup calls perm_teardown from its teardown.

# perm_setup: make a fresh world-traversable directory under /tmp (the bats
# temporary directories may not be traversable by an unprivileged user) and
# cd into it.  Skips the test if privileges cannot be dropped.
perm_setup()
{
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv >/dev/null || skip "setpriv is not available"
	fi
	PERM_DIR=$(mktemp -d /tmp/isogrep-perm.XXXXXX)
	chmod 755 "$PERM_DIR"
	cd "$PERM_DIR" || return 1
	if [ "$(id -u)" -eq 0 ] &&
	    ! setpriv --reuid=65534 --regid=65534 --clear-groups \
	    test -x "$ISOGREP"; then
		skip "$ISOGREP is not executable by uid 65534"
	fi
}

perm_teardown()
{
	if [ -n "${PERM_DIR-}" ] && [ -d "$PERM_DIR" ]; then
		chmod -R u+rwx "$PERM_DIR" 2>/dev/null || true
		rm -rf "$PERM_DIR"
	fi
}

# unprivileged CMD...: run CMD as uid 65534 when root, as is otherwise.
# HOME and XDG_CONFIG_HOME point nowhere: uid 65534 may not be able to
# reach the suite's own, and no user configuration should leak in.
unprivileged()
{
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		    env HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent "$@"
	else
		env HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent "$@"
	fi
}
