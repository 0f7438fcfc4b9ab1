/*
 * test_posix_syntax.c - the BRE/ERE to PCRE2 translation: tables of
 * (syntax, pattern, PCRE2 text) for each construct, and the patterns grep
 * refuses with its message.  tests/grep_syntax.bats checks what the
 * translations match against GNU grep itself.
 */
#include <string.h>

#include "match/posix_syntax.h"
#include "unit.h"

struct xlat_case {
	enum pattern_syntax syntax;
	const char *pattern;
	const char *pcre2; /* NULL: refused, with message error */
	const char *error;
};

#define G SYNTAX_BRE
#define E SYNTAX_ERE

static void
check_table(const struct xlat_case *cases, size_t n, bool caseless)
{
	for (size_t i = 0; i < n; i++) {
		const struct xlat_case *c = &cases[i];
		struct outbuf out = OUTBUF_INIT;
		char err[POSIX_SYNTAX_ERR_SIZE];
		bool ok = posix_syntax_translate(c->pattern, strlen(c->pattern),
		    c->syntax, caseless, &out, err);

		if (c->pcre2 == NULL) {
			if (ok || strcmp(err, c->error) != 0)
				unit_fail(__FILE__, __LINE__, c->pattern,
				    "want error '%s', got %s '%s'", c->error,
				    ok ? "success" : "error", ok ? "" : err);
		} else if (!ok || out.len != strlen(c->pcre2) ||
		    memcmp(out.data, c->pcre2, out.len) != 0) {
			unit_fail(__FILE__, __LINE__, c->pattern,
			    "want '%s', got '%.*s' %s", c->pcre2,
			    ok ? (int)out.len : 0, ok ? out.data : "", ok ?
			    "" : err);
		}
		outbuf_free(&out);
	}
}

static void
test_operators(void)
{
	static const struct xlat_case cases[] = {
		{G, "a\\|b", "a|b", NULL},
		{G, "a|b+c?", "a\\|b\\+c\\?", NULL},
		{G, "\\(ab\\)\\1", "(ab)\\g{1}", NULL},
		{G, "\\(a\\)\\10", "(a)\\g{1}0", NULL},
		{G, "a\\+b\\?", "a+b?", NULL},
		{G, "a\\{2,3\\}", "a{2,3}", NULL},
		{G, "a\\{,3\\}", "a{0,3}", NULL},
		{E, "a{,3}", "a{0,3}", NULL},
		{E, "a{,}", "a{0,}", NULL},
		{E, "a{2}", "a{2}", NULL},
		{E, "(ab)+|c", "(ab)+|c", NULL},
		{E, "\\(a\\|b\\)", "\\(a\\|b\\)", NULL},
		/* Stacked quantifiers never turn lazy or possessive. */
		{E, "a+?", "(?:a+)?", NULL},
		{G, "a**", "(?:a*)*", NULL},
		{E, "a{1}{2}", "(?:a{1}){2}", NULL},
		/* ERE: a '{' that starts no interval is a literal. */
		{E, "a{1", "a\\{1", NULL},
		{E, "a{x}", "a\\{x\\}", NULL},
		{E, "a)", "a\\)", NULL},
	};

	check_table(cases, UNIT_COUNT(cases), false);
}

static void
test_context(void)
{
	static const struct xlat_case cases[] = {
		/* A quantifier with nothing to repeat. */
		{G, "*a", "\\*a", NULL},
		{G, "\\(*a\\)", "(\\*a)", NULL},
		{G, "^*a", "^\\*a", NULL},
		{G, "\\{1\\}a", "\\{1\\}a", NULL},
		{E, "*a", "a", NULL},
		{E, "a|+b", "a|b", NULL},
		{E, "{1}a", "a", NULL},
		{E, "^*a", "(?:^)*a", NULL},
		/* BRE anchors only at the edges of a branch. */
		{G, "a^b$c", "a\\^b\\$c", NULL},
		{G, "\\(^a$\\)\\|^b$", "(^a$)|^b$", NULL},
		{E, "a^b$c", "a^b$c", NULL},
		{G, "\\<a\\>\\b\\B", "\\b(?=\\w)a\\b(?<=\\w)\\b\\B", NULL},
		{G, "\\`a\\'", "^a$", NULL},
		{G, "\\w\\W\\s\\S", "\\w\\W\\s\\S", NULL},
		{G, "\\y\\.", "y\\.", NULL},
		{G, "a.b", "a.b", NULL},
		{G, "a b\t", "a\\ b\\x{9}", NULL},
	};

	check_table(cases, UNIT_COUNT(cases), false);
}

static void
test_brackets(void)
{
	static const struct xlat_case cases[] = {
		{G, "[]a]", "[\\]a]", NULL},
		{G, "[^]a]", "[^\\n\\]a]", NULL},
		{G, "[\\]", "[\\\\]", NULL},
		{G, "[a-c-]", "[a-c\\-]", NULL},
		{G, "[[:alpha:][:digit:]]", "[[:alpha:]0-9]", NULL},
		{G, "[[.a.][=b=]]", "[ab]", NULL},
		{G, "[[.-.]-z]", "[\\--z]", NULL},
		{G, "[é-ë]", "[é-ë]", NULL},
		{E, "[|*+]", "[\\|\\*\\+]", NULL},
	};
	static const struct xlat_case caseless[] = {
		{G, "[[:upper:]]", "[[:alpha:]]", NULL},
		{G, "[[:lower:]x]", "[[:alpha:]x]", NULL},
	};

	check_table(cases, UNIT_COUNT(cases), false);
	check_table(caseless, UNIT_COUNT(caseless), true);
}

static void
test_errors(void)
{
	static const char unmatched[] = "Unmatched [, [^, [:, [., or [=";
	static const struct xlat_case cases[] = {
		{G, "\\(a", NULL, "Unmatched ( or \\("},
		{E, "(a", NULL, "Unmatched ( or \\("},
		{G, "a\\)", NULL, "Unmatched ) or \\)"},
		{G, "a\\{1", NULL, "Unmatched \\{"},
		{G, "a\\{1,0\\}", NULL, "Invalid content of \\{\\}"},
		{E, "a{1,0}", NULL, "Invalid content of \\{\\}"},
		{E, "a{}", NULL, "Invalid content of \\{\\}"},
		{G, "a\\{99999\\}", NULL, "Regular expression too big"},
		{G, "[a", NULL, unmatched},
		{G, "[[:alpha:", NULL, unmatched},
		{G, "[z-a]", NULL, "Invalid range end"},
		{G, "[[:alpha:]-z]", NULL, "Invalid range end"},
		{G, "[[:foo:]]", NULL, "Invalid character class name"},
		{G, "[[.ab.]]", NULL, "Invalid collation character"},
		{G, "[:space:]", NULL,
		    "character class syntax is [[:space:]], not [:space:]"},
		{G, "a\\", NULL, "Trailing backslash"},
		{G, "\\(a\\)\\2", NULL, "Invalid back reference"},
		{G, "\\(a\\1\\)", NULL, "Invalid back reference"},
		/* A group of a sibling alternative is not visible. */
		{E, "(a)|\\1", NULL, "Invalid back reference"},
	};

	check_table(cases, UNIT_COUNT(cases), false);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_operators),
		UNIT_TEST(test_context),
		UNIT_TEST(test_brackets),
		UNIT_TEST(test_errors),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
