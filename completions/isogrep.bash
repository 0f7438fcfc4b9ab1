# bash completion for isogrep (generated: isogrep --generate bash)
# File types, with the --type-add words already on the line (read
# from COMP_LINE: COMP_WORDS splits them at ':' and '=').
_isogrep_types()
{
	local line=$COMP_LINE w adds=()
	local re="--type-add[= ]+('[^']*'|\"[^\"]*\"|[^ ]+)"
	while [[ $line =~ $re ]]; do
		w=${BASH_REMATCH[1]}
		w=${w#[\"\']}
		adds+=(--type-add "${w%[\"\']}")
		line=${line#*"${BASH_REMATCH[0]}"}
	done
	"${COMP_WORDS[0]}" --no-config "${adds[@]}" --type-list 2>/dev/null | cut -d: -f1
}

_isogrep()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	# bash splits --opt=value at '=': the option is before it.
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi
	case $prev in
	-e|--regexp|--and|--not|-g|--glob|--iglob|--type-add|--name|--changed-within|--changed-before|--include|--exclude|--exclude-dir|--context-separator|--group-separator|--colors|--field-match-separator|--field-context-separator|--replace|--label)
		COMPREPLY=()
		return;;
	-m|--max-count|-j|--threads|-d|--max-depth|--max-filesize|--size|-A|--after-context|-B|--before-context|-C|--context|-M|--max-columns|--match-limit|--depth-limit)
		COMPREPLY=()
		return;;
	-f|--file|--ignore-file|--exclude-from)
		COMPREPLY=($(compgen -f -- "$cur"))
		return;;
	-t|--type|-T|--type-not)
		COMPREPLY=($(compgen -W "$(_isogrep_types)" -- "$cur"))
		return;;
	--type-entry)
		COMPREPLY=($(compgen -W "f d l x e" -- "$cur"))
		return;;
	--sort)
		COMPREPLY=($(compgen -W "path modified accessed created size none" -- "$cur"))
		return;;
	--sortr)
		COMPREPLY=($(compgen -W "path modified accessed created size none" -- "$cur"))
		return;;
	--binary-files)
		COMPREPLY=($(compgen -W "binary text without-match" -- "$cur"))
		return;;
	--color)
		COMPREPLY=($(compgen -W "never auto always ansi" -- "$cur"))
		return;;
	--colour)
		COMPREPLY=($(compgen -W "never auto always ansi" -- "$cur"))
		return;;
	--hyperlink-format)
		COMPREPLY=($(compgen -W "default none file grep+ kitty macvim textmate vscode vscode-insiders vscodium" -- "$cur"))
		return;;
	--generate)
		COMPREPLY=($(compgen -W "man bash zsh fish" -- "$cur"))
		return;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-e --regexp -f --file --and --not --all-match -F --fixed-strings -E --extended-regexp -G --basic-regexp -P --perl-regexp -i --ignore-case -S --smart-case --case-sensitive -w --word-regexp -x --line-regexp -v --invert-match -n --line-number -H --with-filename -h --no-filename -c --count -l --files-with-matches -L --files-without-match -o --only-matching -q --quiet -m --max-count -s --no-messages -a --text -r --recursive -R --dereference-recursive -j --threads --no-ignore --no-ignore-vcs --no-ignore-dot --no-ignore-global --no-ignore-parent --hidden -u --unrestricted --ignore-file -g --glob --iglob -t --type -T --type-not --type-add --type-list -d --max-depth --follow --one-file-system --max-filesize --files -0 --null --name --full-path --type-entry --size --changed-within --changed-before --include --exclude --exclude-from --exclude-dir --sort --sortr --stats --json -I --ignore-binary --binary-files --binary -U --multiline --multiline-dotall -z --search-zip --null-data -A --after-context -B --before-context -C --context --context-separator --no-context-separator --group-separator --no-group-separator --passthru --color --colour --colors --heading --no-heading -N --no-line-number -p --pretty --hyperlink-format -M --max-columns --max-columns-preview --trim --column --vimgrep -b --byte-offset --count-matches --include-zero --field-match-separator --field-context-separator --replace --line-buffered --block-buffered --label --crlf --match-limit --depth-limit --grep-mode --no-config --generate --help -V --version " -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -o filenames -o bashdefault -F _isogrep isogrep
