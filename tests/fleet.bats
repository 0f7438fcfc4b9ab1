#!/usr/bin/env bats
# The fleet recipe of the README ("Many hosts"): GNU parallel runs isogrep
# on each host over ssh and merges the outputs, each line tagged with its
# host (issue 13).  Here two "hosts" are two directories, and a stand-in
# for ssh runs the command in the host's directory the way sshd would (one
# shell command line): the recipe is otherwise run as written.

# status, output, stderr and lines are set by bats' `run`.
# shellcheck disable=SC2154

bats_require_minimum_version 1.5.0
load helpers/common

RG="$BATS_TEST_DIRNAME/../../shared/peers/rg"

# Two hosts' logs, a stand-in for ssh, and isogrep in the PATH of the
# "remote" shells.
make_fleet()
{
	command -v parallel >/dev/null || skip "GNU parallel not installed"
	mkdir -p web1/logs web2/logs/old bin
	awk 'BEGIN { for (i = 1; i <= 500; i++)
		print (i % 37 == 0 ? "ERROR disk " i : "INFO ok " i) }' >web1/logs/app.log
	awk 'BEGIN { for (i = 1; i <= 300; i++)
		print (i % 41 == 0 ? "ERROR net " i : "INFO fine " i) }' >web2/logs/app.log
	printf 'ERROR rotated\nINFO x\n' >web2/logs/old/app.log.1
	cat >ssh <<'EOF'
#!/bin/sh
# ssh HOST [--] WORDS...: run WORDS as one shell command line in ./HOST.
host=$1
shift
[ "$1" = -- ] && shift
cd "$(dirname "$0")/$host" || exit 255
# sshd gives the command the login shell's environment; parallel's remote
# wrapper runs the job with $SHELL, which a CI runner may not set.
SHELL=/bin/sh
export SHELL
exec sh -c "$*"
EOF
	chmod +x ssh
	ln -s "$ISOGREP" bin/isogrep
	export PATH="$PWD/bin:$PATH"
	# The README's recipe needs nothing else: no parallel config, no
	# citation notice.
	export PARALLEL_HOME="$PWD/.parallel"
	mkdir -p "$PARALLEL_HOME"
	touch "$PARALLEL_HOME/will-cite"
}

# fleet ARGS...: the README recipe, `parallel --nonall --tag --line-buffer
# -S HOSTS CMD`, with the stand-in ssh.
fleet()
{
	parallel --ssh "$PWD/ssh" -S web1,web2 --nonall --tag --line-buffer "$@"
}

@test "fleet: -H -n output of two hosts, merged and tagged with the host (vs grep -rHn)" {
	make_fleet
	run --separate-stderr fleet isogrep -H -n ERROR logs
	assert_status 0
	assert_no_stderr
	want=$(for h in web1 web2; do
		(cd "$h" && command grep -r -H -n ERROR logs | sed "s/^/$h\t/")
	done)
	assert_sorted_output "$want"
	# Every line is tagged: host, tab, path:line:text.
	[ "$(printf '%s\n' "$output" | command grep -c -P '^web[12]\tlogs/[^:]+:\d+:ERROR ')" -eq "${#lines[@]}" ]
}

@test "fleet: -c per host and file, and exit status counts hosts without a match" {
	make_fleet
	run --separate-stderr fleet isogrep -c ERROR logs
	assert_status 0
	want=$(for h in web1 web2; do
		(cd "$h" && command grep -r -c ERROR logs | sed "s/^/$h\t/")
	done)
	assert_sorted_output "$want"
	# No host has it: parallel's status is the number of failed jobs.
	run --separate-stderr fleet isogrep NO_SUCH_THING logs
	assert_status 2
	assert_output ''
}

# json_matches: from tagged --json lines on stdin, with the host put into
# each record as the README's sed does, one "host path line text" per match.
json_matches()
{
	sed 's/^\([^\t]*\)\t{/{"host":"\1",/' | python3 -c '
import json, sys
for raw in sys.stdin:
    rec = json.loads(raw)
    assert rec["host"] in ("web1", "web2"), rec
    if rec["type"] == "match":
        d = rec["data"]
        print(rec["host"], d["path"]["text"], d["line_number"],
              d["lines"]["text"].rstrip("\n"))
'
}

@test "fleet: --json lines merged and tagged with the host (vs grep, and rg 15.2's --json)" {
	make_fleet
	local rc=0
	"$ISOGREP" --json x /dev/null >/dev/null 2>&1 || rc=$?
	[ "$rc" -ne 2 ] || skip "isogrep --json is not there yet"
	fleet isogrep --json ERROR logs >merged
	json_matches <merged >got
	for h in web1 web2; do
		(cd "$h" && command grep -r -H -n ERROR logs |
		    sed "s/^/$h /; s/:\([0-9]*\):/ \1 /")
	done | sorted >want
	sorted <got | diff - want
	# Each host's stream is whole: a begin, its matches, an end, a summary.
	[ "$(command grep -c '"type":"summary"' merged)" -eq 2 ]
	if [ -x "$RG" ]; then
		ln -s "$RG" bin/rg
		fleet rg --no-config --json ERROR logs | json_matches | sorted >want_rg
		sorted <got | diff - want_rg
	fi
}
