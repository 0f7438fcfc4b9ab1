/*
 * gitconfig.c - find git's global excludes file without running git.
 *
 * Only the [core] section's excludesFile key is read, from the two user
 * configuration files git reads (the later one wins, as in git).  Include
 * directives and conditional sections are not followed.
 */
#include "walk/gitconfig.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* "~/x" becomes "$HOME/x"; anything else is copied. */
static char *
expand_home(const char *value)
{
	const char *home = getenv("HOME");
	char *out;

	if (strncmp(value, "~/", 2) == 0 && home != NULL) {
		size_t n = strlen(home) + strlen(value);

		out = malloc(n);
		if (out != NULL)
			snprintf(out, n, "%s%s", home, value + 1);
		return out;
	}
	return strdup(value);
}

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* Look for core.excludesFile in one config file; replaces *found. */
static void
read_config(const char *path, char **found)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	bool in_core = false;

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *s = trim(line);
		char *eq;

		if (*s == '[') {
			char *close = strchr(s, ']');

			if (close != NULL)
				*close = '\0';
			in_core = strcasecmp(trim(s + 1), "core") == 0;
			continue;
		}
		if (!in_core || *s == '#' || *s == ';')
			continue;
		eq = strchr(s, '=');
		if (eq == NULL)
			continue;
		*eq = '\0';
		if (strcasecmp(trim(s), "excludesfile") == 0) {
			char *value = trim(eq + 1);
			size_t len = strlen(value);

			if (len >= 2 && value[0] == '"' && value[len - 1] == '"') {
				value[len - 1] = '\0';
				value++;
			}
			free(*found);
			*found = expand_home(value);
		}
	}
	fclose(f);
}

char *
gitconfig_excludes_file(void)
{
	const char *home = getenv("HOME");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	char base[4096];
	char path[4200];
	char *found = NULL;

	if (xdg != NULL && *xdg != '\0')
		snprintf(base, sizeof(base), "%s", xdg);
	else if (home != NULL)
		snprintf(base, sizeof(base), "%s/.config", home);
	else
		return NULL;
	snprintf(path, sizeof(path), "%s/git/config", base);
	read_config(path, &found);
	if (home != NULL) {
		snprintf(path, sizeof(path), "%s/.gitconfig", home);
		read_config(path, &found);
	}
	if (found == NULL) {
		snprintf(path, sizeof(path), "%s/git/ignore", base);
		found = strdup(path);
	}
	return found;
}
