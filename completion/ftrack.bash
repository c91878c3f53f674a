# bash completion for ftrack(1). ftrack itself says what fits the word
# under the cursor ('ftrack __complete line -- WORD...'): commands,
# subcommands and options from its usage texts, codes from its rules
# tables, and the names (customers, workloads, users, subscriptions, change
# set ids) of the database the line's --db, $FTRACK_DB or the default place
# points to, narrowed by the words before (a customer's subscriptions).

# Removes one level of shell quoting from $1 ('...', "...", \x) into
# _ftrack_word, without expanding anything.
_ftrack_dequote()
{
	local w=$1 c q= i
	_ftrack_word=
	for ((i = 0; i < ${#w}; i++)); do
		c=${w:i:1}
		if [[ -n $q ]]; then
			if [[ $c == "$q" ]]; then
				q=
			elif [[ $q == '"' && $c == '\' && $((i + 1)) -lt ${#w} ]]; then
				i=$((i + 1))
				_ftrack_word+=${w:i:1}
			else
				_ftrack_word+=$c
			fi
		elif [[ $c == "'" || $c == '"' ]]; then
			q=$c
		elif [[ $c == '\' ]]; then
			i=$((i + 1))
			_ftrack_word+=${w:i:1}
		else
			_ftrack_word+=$c
		fi
	done
}

_ftrack()
{
	local i word cur=${COMP_WORDS[COMP_CWORD]} prefix= _ftrack_word
	local -a words=() reply
	# bash splits "--format=json" at '='; ftrack wants the whole word
	for ((i = 1; i <= COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		if [[ ${#words[@]} -gt 0 && ( $word == = ||
		      ${words[${#words[@]} - 1]} == --*= ) ]]; then
			words[${#words[@]} - 1]+=$word
		else
			words+=("$word")
		fi
	done
	[[ $cur == = ]] && prefix='=' && cur=
	for ((i = 0; i < ${#words[@]}; i++)); do
		_ftrack_dequote "${words[i]}"
		words[i]=$_ftrack_word
	done
	_ftrack_dequote "$cur"
	cur=$_ftrack_word
	local IFS=$'\n'
	reply=($(command "${COMP_WORDS[0]}" __complete line -- "${words[@]}" \
		2>/dev/null))
	# names hold spaces: readline quotes them as it does file names
	compopt -o filenames 2>/dev/null
	if [[ ${reply[0]} == files ]]; then
		COMPREPLY=($(compgen -f -- "$cur"))
	else
		COMPREPLY=("${reply[@]:1}")
		[[ -n $prefix ]] && COMPREPLY=("${COMPREPLY[@]/#/=}")
	fi
	return 0
}

complete -F _ftrack ftrack
