# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kzr_global_optspecs
    string join \n o/output= q/quiet v/verbose no-color log-format= h/help V/version
end

function __fish_kzr_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kzr_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kzr_using_subcommand
    set -l cmd (__fish_kzr_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kzr -n "__fish_kzr_needs_command" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_needs_command" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_needs_command" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_needs_command" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kzr -n "__fish_kzr_needs_command" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "build" -d 'Build a kustomization or a set of manifests and print the objects'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "man" -d 'Print the kzr(1) man page, or write every page to a directory'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand build" -s k -l kustomize -d 'Kustomization directory (same as DIR)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand build" -s f -l filename -d 'Manifest file or directory; repeatable; - reads stdin' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand build" -l reorder -d 'Output order: kustomize\'s legacy kind order, or the order resources were listed' -r -f -a "legacy\t''
none\t''"
complete -c kzr -n "__fish_kzr_using_subcommand build" -l load-restrictor -d 'Whether a kustomization may read files outside its own directory' -r -f -a "LoadRestrictionsRootOnly\t''
LoadRestrictionsNone\t''"
complete -c kzr -n "__fish_kzr_using_subcommand build" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand build" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand build" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand build" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand build" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kzr -n "__fish_kzr_using_subcommand build" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand completion" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand completion" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand completion" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand completion" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand completion" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand completion" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand completion" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand man" -l dir -d 'Write kzr.1 and one kzr-VERB.1 per verb into this directory' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand man" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand man" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand man" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand man" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand man" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand man" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand man" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build completion man help" -f -a "build" -d 'Build a kustomization or a set of manifests and print the objects'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build completion man help" -f -a "completion" -d 'Print a shell completion script'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build completion man help" -f -a "man" -d 'Print the kzr(1) man page, or write every page to a directory'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build completion man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
