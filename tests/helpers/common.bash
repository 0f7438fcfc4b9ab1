# shellcheck shell=bash disable=SC2154
# (status, output, stderr and lines are set by bats' `run`.)
# Shared setup for the isogrep bats tests: `load helpers/common`.
#
# ISOGREP is the binary under test.  It defaults to the repository's
# ./isogrep; the Makefile sets it to an absolute path, for example to a
# sanitizer build.  Every test runs in its own empty $BATS_TEST_TMPDIR and
# builds the tiny tree it needs there.
#
# bats may run with standard input being a pipe, and isogrep searches
# standard input when no path is given and stdin is a pipe or a file.  A test
# that means to search the current directory without a path therefore runs
# isogrep with `< /dev/null`.

ISOGREP="${ISOGREP:-$BATS_TEST_DIRNAME/../isogrep}"
# Tests cd into their own directories: make the path absolute.
case $ISOGREP in
/*) ;;
*) ISOGREP="$PWD/$ISOGREP" ;;
esac
export ISOGREP

# Byte order for every sort in the suite, whatever the caller's locale is.
export LC_COLLATE=C

setup()
{
	if [ ! -x "$ISOGREP" ]; then
		echo "isogrep binary not found at $ISOGREP (run make)" >&2
		return 1
	fi
	cd "$BATS_TEST_TMPDIR" || return 1
}

# mkfile PATH [LINE...]: create PATH (and its parent directories) holding
# each LINE followed by a newline; with no LINE the file is empty.
mkfile()
{
	local path=$1
	shift
	mkdir -p "$(dirname "$path")"
	if [ $# -eq 0 ]; then
		: >"$path"
	else
		printf '%s\n' "$@" >"$path"
	fi
}

# mkbytes PATH FORMAT: create PATH holding printf FORMAT's expansion, for
# exact bytes (no final newline, NUL, CR, invalid UTF-8).
mkbytes()
{
	local path=$1
	mkdir -p "$(dirname "$path")"
	# shellcheck disable=SC2059
	printf "$2" >"$path"
}

# sorted: standard input sorted bytewise.
sorted()
{
	LC_ALL=C sort
}

# isogrep_sorted ARGS...: run isogrep, print its standard output sorted and
# return isogrep's exit status (not sort's).  For use with `run`, whose
# stderr capture still sees isogrep's standard error.
isogrep_sorted()
{
	"$ISOGREP" "$@" | LC_ALL=C sort
	return "${PIPESTATUS[0]}"
}

# grep_sorted ARGS...: GNU grep's sorted output, the reference for behaviour
# that the specification says equals grep -P / grep -rP.
grep_sorted()
{
	command grep "$@" | LC_ALL=C sort
	return "${PIPESTATUS[0]}"
}

# show: print the last run's status, stdout and stderr (shown on failure).
show()
{
	printf 'status=%s\n--- stdout\n%s\n--- stderr\n%s\n' \
	    "$status" "$output" "${stderr-}"
}

# assert_status N: the last run exited with status N.
assert_status()
{
	if [ "$status" != "$1" ]; then
		printf 'expected exit status %s\n' "$1"
		show
		return 1
	fi
}

# assert_output [EXPECTED]: the last run's stdout (trailing newlines
# stripped, as `run` does) equals EXPECTED, or standard input if no argument.
assert_output()
{
	local want
	if [ $# -gt 0 ]; then want=$1; else want=$(cat); fi
	if [ "$output" != "$want" ]; then
		printf -- '--- expected stdout\n%s\n' "$want"
		show
		return 1
	fi
}

# assert_sorted_output [EXPECTED]: like assert_output, but the lines of
# stdout are sorted bytewise first (output order across files is free).
assert_sorted_output()
{
	local want got
	if [ $# -gt 0 ]; then want=$1; else want=$(cat); fi
	got=$(printf '%s\n' "$output" | LC_ALL=C sort)
	want=$(printf '%s\n' "$want" | LC_ALL=C sort)
	if [ "$got" != "$want" ]; then
		printf -- '--- expected stdout (sorted)\n%s\n--- got (sorted)\n%s\n' \
		    "$want" "$got"
		show
		return 1
	fi
}

# assert_stderr [EXPECTED]: the last run's stderr equals EXPECTED.
assert_stderr()
{
	local want
	if [ $# -gt 0 ]; then want=$1; else want=$(cat); fi
	if [ "${stderr-}" != "$want" ]; then
		printf -- '--- expected stderr\n%s\n' "$want"
		show
		return 1
	fi
}

# assert_no_stderr: the last run wrote nothing on stderr.
assert_no_stderr()
{
	assert_stderr ''
}

# assert_same_as_grep GREP-ARGS...: the last run's stdout, sorted, equals the
# sorted stdout of `grep GREP-ARGS...` run in the current directory, and the
# grep's exit status equals the last run's.
assert_same_as_grep()
{
	local want gstatus
	want=$(command grep "$@" </dev/null | LC_ALL=C sort; exit "${PIPESTATUS[0]}") && gstatus=0 || gstatus=$?
	local got
	got=$(printf '%s\n' "$output" | LC_ALL=C sort)
	want=$(printf '%s\n' "$want" | LC_ALL=C sort)
	if [ "$got" != "$want" ] || [ "$gstatus" != "$status" ]; then
		printf -- '--- grep %s (status %s, sorted)\n%s\n--- isogrep (sorted)\n%s\n' \
		    "$*" "$gstatus" "$want" "$got"
		show
		return 1
	fi
}

# assert_contains HAYSTACK NEEDLE: NEEDLE is a substring of HAYSTACK.
assert_contains()
{
	case $1 in
	*"$2"*) return 0 ;;
	esac
	printf 'expected to find:\n%s\nin:\n%s\n' "$2" "$1"
	return 1
}
