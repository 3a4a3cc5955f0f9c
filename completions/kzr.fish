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
complete -c kzr -n "__fish_kzr_needs_command" -f -a "push" -d 'Push an artifact to a registry'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "pull" -d 'Pull an artifact from a registry'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "tag" -d 'Tag an artifact'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "copy" -d 'Copy an artifact between repositories or registries'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "list" -d 'List artifacts'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "inspect" -d 'Inspect an artifact'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "diff" -d 'Compare artifacts'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "man" -d 'Print the kzr(1) man page, or write every page to a directory'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand build" -s k -l kustomize -d 'Kustomization directory' -r -F
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
complete -c kzr -n "__fish_kzr_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -f -a "artifact" -d 'Build manifests and push them as an OCI artifact (kustomizer\'s format)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and not __fish_seen_subcommand_from artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s k -l kustomize -d 'Kustomization directory' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s f -l filename -d 'Manifest file or directory; repeatable; - reads stdin' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l reorder -d 'Output order: kustomize\'s legacy kind order, or the order resources were listed' -r -f -a "legacy\t''
none\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l load-restrictor -d 'Whether a kustomization may read files outside its own directory' -r -f -a "LoadRestrictionsRootOnly\t''
LoadRestrictionsNone\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l source -d 'Where the configuration came from (org.opencontainers.image.source)' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l revision -d 'Its revision, e.g. main/1a2b3c (org.opencontainers.image.revision)' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l created -d 'Creation time (RFC 3339); default SOURCE_DATE_EPOCH, else now' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l age-recipients -d 'Encrypt the content with age to the recipients in this file (age1… lines)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Build manifests and push them as an OCI artifact (kustomizer\'s format)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -f -a "artifact" -d 'Download an artifact and print its manifests (YAML, or a JSON List with -o json)'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and not __fish_seen_subcommand_from artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l age-identities -d 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l max-size -d 'Refuse artifacts that decompress to more than this many bytes' -r
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Download an artifact and print its manifests (YAML, or a JSON List with -o json)'
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -f -a "artifact" -d 'Put an artifact\'s manifest under another tag in the same repository'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and not __fish_seen_subcommand_from artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Put an artifact\'s manifest under another tag in the same repository'
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and not __fish_seen_subcommand_from artifact help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand copy; and not __fish_seen_subcommand_from artifact help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand copy; and not __fish_seen_subcommand_from artifact help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and not __fish_seen_subcommand_from artifact help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and not __fish_seen_subcommand_from artifact help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and not __fish_seen_subcommand_from artifact help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and not __fish_seen_subcommand_from artifact help" -f -a "artifact" -d 'Copy an artifact without repacking it, so its digest is preserved'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and not __fish_seen_subcommand_from artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Copy an artifact without repacking it, so its digest is preserved'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and not __fish_seen_subcommand_from artifacts help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand list; and not __fish_seen_subcommand_from artifacts help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand list; and not __fish_seen_subcommand_from artifacts help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand list; and not __fish_seen_subcommand_from artifacts help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and not __fish_seen_subcommand_from artifacts help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and not __fish_seen_subcommand_from artifacts help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand list; and not __fish_seen_subcommand_from artifacts help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand list; and not __fish_seen_subcommand_from artifacts help" -f -a "artifacts" -d 'List the tags of an artifact repository, newest-looking first'
complete -c kzr -n "__fish_kzr_using_subcommand list; and not __fish_seen_subcommand_from artifacts help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "artifacts" -d 'List the tags of an artifact repository, newest-looking first'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact help" -f -a "artifact" -d 'Show an artifact\'s metadata, objects and container images'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l age-identities -d 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l max-size -d 'Refuse artifacts that decompress to more than this many bytes' -r
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Show an artifact\'s metadata, objects and container images'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -f -a "artifact" -d 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l age-identities -d 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l max-size -d 'Refuse artifacts that decompress to more than this many bytes' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "build" -d 'Build a kustomization or a set of manifests and print the objects'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "push" -d 'Push an artifact to a registry'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "pull" -d 'Pull an artifact from a registry'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "tag" -d 'Tag an artifact'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "copy" -d 'Copy an artifact between repositories or registries'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "list" -d 'List artifacts'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "inspect" -d 'Inspect an artifact'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "diff" -d 'Compare artifacts'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "completion" -d 'Print a shell completion script'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "man" -d 'Print the kzr(1) man page, or write every page to a directory'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff completion man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from push" -f -a "artifact" -d 'Build manifests and push them as an OCI artifact (kustomizer\'s format)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from pull" -f -a "artifact" -d 'Download an artifact and print its manifests (YAML, or a JSON List with -o json)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "artifact" -d 'Put an artifact\'s manifest under another tag in the same repository'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from copy" -f -a "artifact" -d 'Copy an artifact without repacking it, so its digest is preserved'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from list" -f -a "artifacts" -d 'List the tags of an artifact repository, newest-looking first'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from inspect" -f -a "artifact" -d 'Show an artifact\'s metadata, objects and container images'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from diff" -f -a "artifact" -d 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)'
