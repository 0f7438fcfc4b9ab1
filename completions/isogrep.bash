# bash completion for isogrep (generated: isogrep --generate bash)
_isogrep()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-t|-T|--type|--type-not)
		COMPREPLY=($(compgen -W "$(isogrep --type-list 2>/dev/null | cut -d: -f1)" -- "$cur"))
		return;;
	-f|--file|--ignore-file)
		COMPREPLY=($(compgen -f -- "$cur"))
		return;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-e --regexp -f --file --and --not --all-match -F --fixed-strings -E --extended-regexp -G --basic-regexp -P --perl-regexp -i --ignore-case -S --smart-case --case-sensitive -w --word-regexp -x --line-regexp -v --invert-match -n --line-number -H --with-filename -h --no-filename -c --count -l --files-with-matches -L --files-without-match -o --only-matching -q --quiet -m --max-count -s --no-messages -a --text -r --recursive -R --dereference-recursive -j --threads --no-ignore --no-ignore-vcs --no-ignore-dot --no-ignore-global --no-ignore-parent --hidden -u --unrestricted --ignore-file -g --glob --iglob -t --type -T --type-not --type-add --type-list -d --max-depth --follow --one-file-system --max-filesize --files -0 --null --name --full-path --type-entry --size --changed-within --changed-before --include --exclude --exclude-from --exclude-dir --sort --sortr --stats --json -I --ignore-binary --binary-files --binary -U --multiline --multiline-dotall -z --search-zip --null-data -A --after-context -B --before-context -C --context --context-separator --no-context-separator --group-separator --no-group-separator --passthru --color --colour --colors --heading --no-heading -N --no-line-number -p --pretty --hyperlink-format -M --max-columns --max-columns-preview --trim --column --vimgrep -b --byte-offset --count-matches --include-zero --field-match-separator --field-context-separator --replace --line-buffered --block-buffered --label --crlf --match-limit --depth-limit --grep-mode --no-config --generate --help -V --version " -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -o filenames -F _isogrep isogrep
