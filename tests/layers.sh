#!/bin/sh
# tests/layers.sh LAYER... - the layering rule, checked on the sources.
#
# The layers are given lowest first.  A file of src/L/ or include/L/ may
# include "M/x.h" only when M is L or a layer below it; every header of
# include/ compiles alone (it includes what it uses).  Prints each
# violation and exits 1 if there is any.
set -u
cd "$(dirname "$0")/.."
rank() {
	i=0
	for l in $LAYERS; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo -1
}
LAYERS="$*"
bad=0
for layer in $LAYERS; do
	own=$(rank "$layer")
	for f in src/"$layer"/*.c include/"$layer"/*.h; do
		[ -e "$f" ] || continue
		for dep in $(sed -n 's/^#include "\([a-z_]*\)\/[a-z_0-9]*\.h".*/\1/p' "$f" | sort -u); do
			r=$(rank "$dep")
			if [ "$r" -lt 0 ]; then
				echo "$f: includes from unknown layer '$dep'"
				bad=1
			elif [ "$r" -gt "$own" ]; then
				echo "$f: layer '$layer' includes higher layer '$dep'"
				bad=1
			fi
		done
	done
done
for h in include/*/*.h; do
	if ! printf '#include "%s"\n' "${h#include/}" |
	    ${CC:-cc} ${CFLAGS:--Iinclude} -fsyntax-only -x c - 2>/dev/null; then
		echo "$h: does not compile alone"
		bad=1
	fi
done
exit $bad
