#!/usr/bin/env bats
# -z/--search-zip: compressed files and archive members, compared with GNU
# grep run on the data the real compressors and archivers decompress or
# extract.

bats_require_minimum_version 1.5.0
load helpers/common

# The text members of every archive, and one binary member.
MEMBERS='a.log sub/b.txt c.c'

# make_src: src/ holds MEMBERS (text with ERROR lines) and bin.dat.
make_src()
{
	mkdir -p src/sub
	seq 1 3000 | awk '{ print ($1 % 7 == 0 ? "ERROR " : "info ") $1 }' > src/a.log
	seq 1 500 | awk '{ print ($1 % 50 == 0 ? "x ERROR y " : "ok ") $1 }' > src/sub/b.txt
	printf 'int main(void)\n{\n\treturn 0; /* ERROR none */\n}\n' > src/c.c
	printf 'ERR\0OR binary\n' > src/bin.dat
}

# need TOOL...: skip when an archiver or compressor is missing.
need()
{
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null || skip "$t is not installed"
	done
}

# members_grep ARCHIVE GREP-ARGS...: GNU grep -H over the extracted text
# members in src/, each name written ARCHIVE{NAME} (ugrep's form).
members_grep()
{
	local archive=$1
	shift
	# shellcheck disable=SC2086
	(cd src && command grep -H "$@" $MEMBERS) |
	    sed "s|^\\([^:]*\\)|$archive{\\1}|"
}

# assert_members ARCHIVE ARGS...: isogrep -z ARGS on ARCHIVE equals GNU
# grep ARGS on the members (sorted: output order is free).
assert_members()
{
	local archive=$1 want got
	shift
	run --separate-stderr "$ISOGREP" -z "$@" "$archive"
	want=$(members_grep "$archive" "$@" | LC_ALL=C sort)
	got=$(printf '%s\n' "$output" | LC_ALL=C sort)
	if [ "$got" != "$want" ]; then
		printf -- '--- grep on the members\n%s\n' "$want"
		show
		return 1
	fi
	assert_status 0
	assert_no_stderr
}

# unpack FILE: FILE decompressed by the tool its name calls for.
unpack()
{
	case $1 in
	*.gz) gzip -dc "$1" ;;
	*.bz2) bzip2 -dc "$1" ;;
	*.zst) zstd -q -dc "$1" ;;
	*) cat "$1" ;;
	esac
}

# --- compressed files ---------------------------------------------------------

@test "every compressor: lines as grep finds them in the decompressed data" {
	need gzip bzip2 xz zstd lz4 compress
	make_src
	gzip -c src/a.log > a.gz
	bzip2 -c src/a.log > a.bz2
	xz -c src/a.log > a.xz
	xz --format=lzma -c src/a.log > a.lzma
	zstd -q -c src/a.log > a.zst
	lz4 -q -c src/a.log > a.lz4
	compress -c src/a.log > a.Z
	for f in a.gz:'gzip -dc' a.bz2:'bzip2 -dc' a.xz:'xz -dc' \
	    a.lzma:'xz --format=lzma -dc' a.zst:'zstd -q -dc' a.lz4:'lz4 -q -dc' \
	    a.Z:'compress -dc'; do
		file=${f%%:*}
		run --separate-stderr "$ISOGREP" -z -n ERROR "$file"
		assert_status 0
		assert_no_stderr
		assert_output "$(${f#*:} < "$file" | command grep -n ERROR)"
		run --separate-stderr "$ISOGREP" -z -c -v ERROR "$file"
		assert_status 0
		assert_output "$(${f#*:} < "$file" | command grep -c -v ERROR)"
	done
}

@test "without -z a compressed file is binary: no decompressed line" {
	make_src
	gzip -c src/a.log > a.gz
	run --separate-stderr "$ISOGREP" 'ERROR 7$' a.gz
	assert_status 1
	assert_output ''
	run --separate-stderr "$ISOGREP" -z 'ERROR 7$' a.gz
	assert_status 0
	assert_output 'ERROR 7'
}

@test "found by its magic bytes, not its name; a plain .gz stays plain" {
	make_src
	gzip -c src/a.log > notes.txt
	cp src/sub/b.txt fake.gz
	bzip2 -c src/sub/b.txt > noext
	run --separate-stderr "$ISOGREP" -z -n ERROR notes.txt fake.gz noext
	assert_status 0
	assert_no_stderr
	assert_sorted_output "$({ gzip -dc notes.txt | command grep -n --label=notes.txt -H ERROR
	    command grep -n -H ERROR fake.gz
	    bzip2 -dc noext | command grep -n --label=noext -H ERROR; })"
}

@test "an empty compressed file is an empty file" {
	: | gzip > empty.gz
	run --separate-stderr "$ISOGREP" -z -c x empty.gz
	assert_status 1
	assert_output "$(gzip -dc empty.gz | command grep -c x)"
	assert_no_stderr
}

@test "data that starts with NUL blocks is no empty tar archive" {
	{ head -c 8192 /dev/zero; printf '\nERROR after zeros\n'; } | gzip > z.gz
	run --separate-stderr "$ISOGREP" -z -a -c ERROR z.gz
	assert_status 0
	assert_output "$(gzip -dc z.gz | command grep -a -c ERROR)"
	assert_no_stderr
	# A tar with no member at all is not a compressed stream either.
	tar cf empty.tar --files-from /dev/null
	run --separate-stderr "$ISOGREP" -z -c x empty.tar
	assert_status 1
	assert_output '0'
}

@test "a compressed file on standard input (a regular file)" {
	make_src
	xz -c src/a.log > a.xz
	run --separate-stderr "$ISOGREP" -z -n 'ERROR 2.$' < a.xz
	assert_status 0
	assert_output "$(xz -dc a.xz | command grep -n 'ERROR 2.$')"
}

@test "a pipe with -z: compressed, plain and a tar.gz, told apart by libarchive" {
	make_src
	run --separate-stderr bash -c 'gzip -c src/a.log | "$ISOGREP" -z -n "ERROR 2.$"'
	assert_status 0
	assert_output "$(command grep -n 'ERROR 2.$' src/a.log)"
	run --separate-stderr bash -c 'cat src/a.log | "$ISOGREP" -z -c ERROR'
	assert_output "$(command grep -c ERROR src/a.log)"
	run --separate-stderr bash -c 'zstd -qc src/a.log | "$ISOGREP" -z -c -v ERROR'
	assert_output "$(command grep -c -v ERROR src/a.log)"
	run --separate-stderr bash -c 'tar czf - src/a.log src/sub/b.txt | "$ISOGREP" -z -c ERROR | LC_ALL=C sort'
	assert_output "$(printf '(standard input){src/a.log}:%s\n(standard input){src/sub/b.txt}:%s' \
	    "$(command grep -c ERROR src/a.log)" "$(command grep -c ERROR src/sub/b.txt)")"
	run --separate-stderr bash -c ': | "$ISOGREP" -z x'
	assert_status 1
}

@test "a rotated set of plain and compressed logs, searched in one go" {
	need gzip bzip2 zstd
	make_src
	cp src/a.log app.log
	cp src/sub/b.txt app.log.1
	gzip -c src/a.log > app.log.2.gz
	bzip2 -c src/sub/b.txt > app.log.3.bz2
	zstd -q -c src/a.log > app.log.4.zst
	run --separate-stderr "$ISOGREP" -z -n ERROR app.log*
	assert_status 0
	assert_no_stderr
	assert_sorted_output "$({ command grep -n -H ERROR app.log app.log.1
	    gzip -dc app.log.2.gz | command grep -n -H --label=app.log.2.gz ERROR
	    bzip2 -dc app.log.3.bz2 | command grep -n -H --label=app.log.3.bz2 ERROR
	    zstd -q -dc app.log.4.zst | command grep -n -H --label=app.log.4.zst ERROR; })"
	# In a walk too, with -j4 so the files go to several workers.
	mkdir logs && mv app.log* logs/
	run --separate-stderr "$ISOGREP" -j4 -z -c ERROR logs
	assert_status 0
	assert_sorted_output "$(for f in logs/app.log*; do
	    printf '%s:%s\n' "$f" "$(unpack "$f" | command grep -c ERROR)"; done)"
}

@test "a big plain file is still searched (and split) as without -z" {
	seq 1 4500000 | awk '{ print ($1 % 100000 == 0 ? "ERROR " : "info ") $1 }' > big.log
	[ "$(stat -c %s big.log)" -gt $((32 * 1024 * 1024)) ]
	run --separate-stderr "$ISOGREP" -z -j2 -n ERROR big.log
	assert_status 0
	assert_output "$(command grep -n ERROR big.log)"
	run --separate-stderr "$ISOGREP" -z -c info big.log
	assert_status 0
	assert_output "$(command grep -c info big.log)"
	assert_no_stderr
}

@test "a search that stops early stops the decompression (-m, -l, -q)" {
	seq 1 300000 | sed 's/^/ERROR line /' > big.txt
	gzip -c big.txt > big.gz
	run --separate-stderr "$ISOGREP" -z -m 3 -n ERROR big.gz
	assert_status 0
	assert_output "$(command grep -m 3 -n ERROR big.txt)"
	run --separate-stderr "$ISOGREP" -z -l ERROR big.gz
	assert_status 0
	assert_output 'big.gz'
	run --separate-stderr "$ISOGREP" -z -q ERROR big.gz
	assert_status 0
	assert_output ''
	run --separate-stderr "$ISOGREP" -z -c 'line 29999.$' big.gz
	assert_status 0
	assert_output "$(command grep -c 'line 29999.$' big.txt)"
	assert_no_stderr
	# -q on an archive: the first member that has a line answers (the
	# summary's count of searches says how many members were read).
	for i in 1 2 3; do echo "ERROR $i" >"m$i.log"; done
	tar czf m.tar.gz m1.log m2.log m3.log
	run --separate-stderr "$ISOGREP" -z --json -q ERROR m.tar.gz
	assert_status 0
	[ "$(printf '%s\n' "$output" | python3 -c 'import json, sys
print(json.load(sys.stdin)["data"]["stats"]["searches"])')" -eq 1 ]
	run --separate-stderr "$ISOGREP" -z --json -q NOTHING m.tar.gz
	assert_status 1
	[ "$(printf '%s\n' "$output" | python3 -c 'import json, sys
print(json.load(sys.stdin)["data"]["stats"]["searches"])')" -eq 3 ]
}

# --- archives -----------------------------------------------------------------

@test "tar, tar.gz, tar.bz2, tar.xz: each member named ARCHIVE{MEMBER}" {
	need tar gzip bzip2 xz
	make_src
	(cd src && tar cf ../x.tar $MEMBERS bin.dat)
	(cd src && tar czf ../x.tar.gz $MEMBERS bin.dat)
	(cd src && tar cjf ../x.tbz2 $MEMBERS bin.dat)
	(cd src && tar cJf ../x.tar.xz $MEMBERS bin.dat)
	for a in x.tar x.tar.gz x.tbz2 x.tar.xz; do
		assert_members "$a" -n ERROR
	done
}

@test "zip, cpio and 7z archives" {
	need zip cpio 7z
	make_src
	(cd src && zip -q ../x.zip $MEMBERS bin.dat)
	(cd src && printf '%s\n' $MEMBERS bin.dat | cpio --quiet -o -H newc > ../x.cpio)
	(cd src && printf '%s\n' $MEMBERS bin.dat | cpio --quiet -o > ../bin.cpio)
	(cd src && printf '%s\n' $MEMBERS bin.dat | cpio --quiet -o -H odc > ../odc.cpio)
	(cd src && 7z a -bd ../x.7z $MEMBERS bin.dat > /dev/null)
	for a in x.zip x.cpio bin.cpio odc.cpio x.7z; do
		assert_members "$a" -n ERROR
	done
}

@test "-l, -c and -v on archive members" {
	need tar gzip
	make_src
	(cd src && tar czf ../x.tgz $MEMBERS)
	assert_members x.tgz -l ERROR
	assert_members x.tgz -c ERROR
	assert_members x.tgz -c -v ERROR
	assert_members x.tgz -n -v -e ERROR -e info -e ok
}

@test "-g and -t select members by name" {
	need tar gzip
	make_src
	(cd src && tar czf ../x.tgz $MEMBERS)
	run --separate-stderr "$ISOGREP" -z -n -g '*.log' ERROR x.tgz
	assert_status 0
	assert_output "$( (cd src && command grep -n -H ERROR a.log) | sed 's|^a.log|x.tgz{a.log}|')"
	run --separate-stderr "$ISOGREP" -z -l -g '!*.log' ERROR x.tgz
	assert_status 0
	assert_sorted_output $'x.tgz{c.c}\nx.tgz{sub/b.txt}'
	run --separate-stderr "$ISOGREP" -z -l -g 'sub/*' ERROR x.tgz
	assert_status 0
	assert_output 'x.tgz{sub/b.txt}'
	run --separate-stderr "$ISOGREP" -z -n -t c ERROR x.tgz
	assert_status 0
	assert_output "$( (cd src && command grep -n -H ERROR c.c) | sed 's|^c.c|x.tgz{c.c}|')"
	assert_no_stderr
}

@test "archives in a walk, several workers; -h drops the names" {
	need tar gzip zip
	make_src
	mkdir d
	(cd src && tar czf ../d/x.tgz $MEMBERS)
	(cd src && zip -q ../d/y.zip $MEMBERS)
	cp src/a.log d/plain.log
	run --separate-stderr "$ISOGREP" -j3 -z -l ERROR d
	assert_status 0
	assert_sorted_output "$(for m in $MEMBERS; do echo "d/x.tgz{$m}"; echo "d/y.zip{$m}"; done
	    echo d/plain.log)"
	run --separate-stderr "$ISOGREP" -z -h 'ERROR 7$' d/x.tgz
	assert_status 0
	assert_output 'ERROR 7'
}

# --- damage -------------------------------------------------------------------

# prefix_of WANT GOT: GOT's lines are the first lines of WANT, at least one.
prefix_of()
{
	local n
	n=$(printf '%s\n' "$2" | wc -l)
	[ -n "$2" ] && [ "$(printf '%s\n' "$1" | head -n "$n")" = "$2" ] || {
		printf -- '--- not a non-empty prefix of\n%s\n--- got\n%s\n' "$1" "$2"
		return 1
	}
}

@test "a truncated gzip file: the lines before, the error, the other files" {
	seq 1 200000 | sed 's/^/ERROR line /' > big.txt
	gzip -c big.txt > full.gz
	head -c $(($(stat -c %s full.gz) / 2)) full.gz > cut.gz
	printf 'ERROR other\n' | gzip > other.gz
	run --separate-stderr "$ISOGREP" -z -n ERROR cut.gz other.gz
	assert_status 2
	assert_contains "$stderr" 'cut.gz: '
	[ "$(printf '%s\n' "$stderr" | wc -l)" = 1 ]
	assert_contains "$output" 'other.gz:1:ERROR other'
	prefix_of "$(command grep -n ERROR big.txt | sed 's/^/cut.gz:/')" \
	    "$(printf '%s\n' "$output" | command grep '^cut\.gz:')"
	# Alone, with the lines streamed as found.
	run --separate-stderr "$ISOGREP" -z -c ERROR cut.gz
	assert_status 2
	[ "$output" -gt 1000 ] && [ "$output" -lt 200000 ]
}

@test "a gzip file whose data changed but still inflates: the CRC says so, as gzip -t" {
	seq 1 3000 | sed 's/^/ERROR line /' > text
	# Stored blocks (level 0): a changed byte of the data inflates
	# without error, to other text; only the CRC tells.
	python3 -c 'import gzip, sys
sys.stdout.buffer.write(gzip.compress(open("text", "rb").read(), 0))' > good.gz
	python3 -c 'import sys
d = bytearray(open("good.gz", "rb").read())
d[len(d) // 2] ^= 0x01
sys.stdout.buffer.write(d)' > bad.gz
	python3 -c 'import sys
d = bytearray(open("good.gz", "rb").read())
d[-8] ^= 0xff
sys.stdout.buffer.write(d)' > badcrc.gz
	printf 'ERROR other\n' | gzip > other.gz
	cat good.gz other.gz > multi.gz
	for f in bad.gz badcrc.gz; do
		! gzip -t "$f" 2>/dev/null
		# Alone (decompressed ahead) and in a list (read in place).
		run --separate-stderr "$ISOGREP" -z -c ERROR "$f"
		assert_status 2
		assert_contains "$stderr" "$f: gzip CRC error"
		[ "$output" = "$(gzip -dc "$f" 2>/dev/null | command grep -c ERROR)" ]
		run --separate-stderr "$ISOGREP" -z -c ERROR "$f" other.gz
		assert_status 2
		assert_contains "$output" 'other.gz:1'
	done
	# Sound files, one member or several (whose last trailer covers only
	# the last member), pass as gzip -t passes them.
	for f in good.gz other.gz multi.gz; do
		gzip -t "$f"
		run --separate-stderr "$ISOGREP" -z -c ERROR "$f"
		assert_status 0
		[ -z "$stderr" ]
		[ "$output" = "$(gzip -dc "$f" | command grep -c ERROR)" ]
	done
}

@test "corrupt xz and bzip2, truncated zstd: the library's error names the file" {
	need xz bzip2 zstd
	seq 1 200000 | sed 's/^/ERROR line /' > big.txt
	for c in xz bzip2; do
		$c -c big.txt > bad
		printf 'XXXXXXXXXXXXXXXX' | dd of=bad bs=1 conv=notrunc \
		    seek=$(($(stat -c %s bad) / 2)) 2>/dev/null
		run --separate-stderr "$ISOGREP" -z -n ERROR bad
		assert_status 2
		assert_contains "$stderr" 'bad: '
		prefix_of "$(command grep -n ERROR big.txt)" "$output"
	done
	# zstd checks its checksum at the end of a frame: cut it short.
	zstd -q -c big.txt > full.zst
	head -c $(($(stat -c %s full.zst) / 2)) full.zst > bad
	run --separate-stderr "$ISOGREP" -z -n ERROR bad
	assert_status 2
	assert_contains "$stderr" 'bad: '
	prefix_of "$(command grep -n ERROR big.txt)" "$output"
}

@test "a truncated tar.gz: members before the damage, then the error" {
	need tar gzip
	mkdir t
	for i in 1 2 3 4 5 6; do
		seq 1 40000 | sed "s/^/ERROR $i /" > t/m$i
	done
	tar czf t.tgz t
	head -c $(($(stat -c %s t.tgz) * 2 / 3)) t.tgz > cut.tgz
	run --separate-stderr "$ISOGREP" -z -l ERROR cut.tgz t.tgz
	assert_status 2
	assert_contains "$stderr" 'cut.tgz'
	assert_contains "$output" 'cut.tgz{t/m1}'
	for i in 1 2 3 4 5 6; do
		assert_contains "$output" "t.tgz{t/m$i}"
	done
}

@test "a zip member with a bad CRC: reported with the member's name" {
	need zip
	make_src
	(cd src && zip -q -0 ../x.zip a.log sub/b.txt)
	# Change one digit of a.log's stored data: its CRC no longer holds.
	off=$(command grep -abo 'info 1000' x.zip | head -n1 | cut -d: -f1)
	printf 'X' | dd of=x.zip bs=1 conv=notrunc seek="$off" 2>/dev/null
	run --separate-stderr "$ISOGREP" -z -c ERROR x.zip
	assert_status 2
	assert_contains "$stderr" 'x.zip{a.log}: '
	assert_contains "$output" "x.zip{sub/b.txt}:$(command grep -c ERROR src/sub/b.txt)"
}

@test "a decompression bomb is searched as a stream in bounded memory" {
	[ -x /usr/bin/time ] || skip '/usr/bin/time is not installed'
	# 64 MiB of lines, compressed once (about 0.3 MiB), then the same
	# gzip member eight times over: 512 MiB from a file of 2.5 MiB.
	yes 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' |
	    head -c 67108864 | gzip -1 > part.gz
	nlines=$(yes 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' |
	    head -c 67108864 | wc -l)
	for i in 1 2 3 4 5 6 7 8; do cat part.gz; done > bomb.gz
	run --separate-stderr /usr/bin/time -f '%M' -o rss "$ISOGREP" -z -c a bomb.gz
	assert_status 0
	assert_output "$((nlines * 8))"
	# Peak RSS in KiB: far below the 512 MiB the file inflates to.
	[ "$(cat rss)" -lt 160000 ] || { cat rss; return 1; }
}
