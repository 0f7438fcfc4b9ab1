/*
 * gitconfig.h - the one git setting isogrep reads: core.excludesFile.
 */
#ifndef ISOGREP_GITCONFIG_H
#define ISOGREP_GITCONFIG_H

/*
 * The path of git's global excludes file: core.excludesFile from the user's
 * git configuration ($XDG_CONFIG_HOME/git/config, ~/.gitconfig), else
 * $XDG_CONFIG_HOME/git/ignore (~/.config/git/ignore).  A leading "~/" is
 * expanded.  Returns a malloc'd string, or NULL when there is no home.
 * git itself is never run.
 */
char *gitconfig_excludes_file(void);

#endif
