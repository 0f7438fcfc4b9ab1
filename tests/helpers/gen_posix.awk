# gen_posix.awk - random BRE or ERE patterns, or texts for them.
#
#   awk -v syntax=G|E -v n=N -v seed=S -f gen_posix.awk   N patterns
#   awk -v text=1 -v n=N -v seed=S -f gen_posix.awk       N text lines
#
# Patterns are built from the constructs GNU grep's manual defines (see
# tests/grep_syntax.bats for the few that are left out and why); texts
# from the characters those patterns use.
function pick(list,    a, k) {
	k = split(list, a, " ")
	return a[int(rand() * k) + 1]
}
function atom(depth,    r) {
	r = rand()
	if (r < 0.30) return pick("a b c a b x _ 1 é")
	if (r < 0.36) return "."
	if (r < 0.50) return pick("[ab] [^a] [a-c] []a] [^]a] [[:alpha:]] [[:digit:]] [[:space:]] [[:upper:]] [[:punct:]] [a-] [\\] [.] [*] [[.a.]] [[=b=]] [^[:alnum:]]")
	if (r < 0.58) return pick("\\w \\W \\s \\S")
	if (r < 0.66) return syntax == "G" ? pick("+ ? { } | ( ) \\. \\* \\[ a") : pick("\\+ \\? \\{ \\} \\| \\( \\) \\. \\* \\[ a")
	if (r < 0.80 && depth < 3) {
		ngroup++
		return (syntax == "G" ? "\\(" : "(") regex(depth + 1) (syntax == "G" ? "\\)" : ")")
	}
	# Back-references only outside groups, and only to groups that are
	# not repeated: grep (glibc) matches neither "\(\(.*\)\+\2\)\{2\}"
	# against an empty line nor "\(a*\)\{,2\}_\1" against "a_a".
	if (r < 0.86 && ngroup > 0 && depth == 0 && !repeated)
		return "\\" (int(rand() * ngroup) + 1)
	return pick("a b")
}
function quant(    r) {
	r = rand()
	if (r < 0.55) return ""
	if (r < 0.70) return "*"
	if (syntax == "G")
		return pick("\\+ \\? \\{2\\} \\{1,2\\} \\{,2\\} \\{1,\\} \\{0\\} *")
	return pick("+ ? {2} {1,2} {,2} {1,} {0} * {,}")
}
# Anchors go where grep takes them as anchors, and no quantifier follows.
# Anchors stay out of groups, where grep gets them wrong when the group is
# repeated: "\(^a*\)\{2\}b" does not match "ab", and "(.\<.){2}" (glibc's
# regex, which grep uses for word anchors in a UTF-8 locale) matches "aaA".
function branch(depth,    s, k, i, a, q) {
	s = ""
	if (rand() < 0.15 && depth == 0) s = "^"
	if (rand() < 0.08 && depth == 0) s = s pick("\\< \\b \\B \\`")
	# No empty group: grep -o misses matches of "(^.|()){1,2}x".
	k = int(rand() * 4) + (depth > 0)
	for (i = 0; i < k; i++) {
		a = atom(depth)
		q = quant()
		if (q != "" && a ~ /^\\?\(/)
			repeated = 1
		s = s a q
		if (rand() < 0.05 && depth == 0) s = s pick("\\< \\> \\b \\B")
	}
	if (rand() < 0.08 && depth == 0) s = s pick("\\> \\b \\'")
	if (rand() < 0.15 && depth == 0) s = s "$"
	return s
}
function regex(depth,    s) {
	s = branch(depth)
	while (rand() < 0.2)
		s = s (syntax == "G" ? "\\|" : "|") branch(depth)
	return s
}
BEGIN {
	srand(seed)
	if (text) {
		for (i = 0; i < n; i++) {
			k = int(rand() * 10)
			s = ""
			for (j = 0; j < k; j++)
				s = s pick("a a b b c x _ 1 é É A B \\ . * + ? { } ( ) | [ ] ^ $ : -") (rand() < 0.15 ? " " : "")
			print s
		}
		exit
	}
	for (i = 0; i < n; i++) {
		ngroup = repeated = 0
		print regex(0)
	}
}
