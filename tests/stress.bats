#!/usr/bin/env bats
# Many workers on many small files, again and again: every run prints the
# same set of lines as a one-worker run, so no result is lost, doubled or
# torn whatever the scheduling.  Issue 4 (reliability).

bats_require_minimum_version 1.5.0
load helpers/common

@test "-j 8 on 100,000 small files in 100 directories, 20 runs: always the -j 1 output" {
	# About 6 s to create and 1 s a run on the 2-core test machine.
	mkdir -p t/d{0..99}
	(cd t && awk 'BEGIN {
		for (i = 0; i < 100000; i++) {
			f = sprintf("d%d/f%d", i % 100, i)
			print "line " i > f
			if (i % 3 == 0)
				print "line two of " i > f
			if (i % 7 == 0)
				print "no match " i > f
			close(f)
		}
	}')
	"$ISOGREP" -j 1 -n line t | sorted >want
	[ "$(wc -l <want)" -eq 133334 ]
	# The reference itself agrees with grep.
	command grep -rn line t | sorted | cmp - want
	local run
	for run in $(seq 1 20); do
		"$ISOGREP" -j 8 -n line t >got 2>err || {
			echo "run $run: exit status $?"; cat err; false; }
		[ ! -s err ] || { echo "run $run: stderr:"; cat err; false; }
		sorted <got | cmp - want || { echo "run $run differs"; false; }
	done
}
