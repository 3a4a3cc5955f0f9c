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
complete -c kzr -n "__fish_kzr_needs_command" -f -a "inspect" -d 'Inspect an artifact or an inventory'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "diff" -d 'Show what an apply would change (exit 0 no changes, 1 changes, 2 error)'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "plan" -d 'Show what an apply would change, and optionally save it for `kzr apply --from`'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "apply" -d 'Apply objects with server-side apply, record them in an inventory, prune and wait'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "teardown" -d 'Delete every object an inventory lists, then the inventory'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "get" -d 'List cluster resources kzr manages'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "config" -d 'Validate component configuration, print its JSON Schema or build plan'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "man" -d 'Print the kzr(1) man page, or write every page to a directory'
complete -c kzr -n "__fish_kzr_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand build" -s k -l kustomize -d 'Kustomization directory' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand build" -s f -l filename -d 'Manifest file or directory; repeatable; - reads stdin' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand build" -l reorder -d 'Output order: kustomize\'s legacy kind order, or the order resources were listed' -r -f -a "legacy\t''
none\t''"
complete -c kzr -n "__fish_kzr_using_subcommand build" -l load-restrictor -d 'Whether a kustomization may read files outside its own directory' -r -f -a "LoadRestrictionsRootOnly\t''
LoadRestrictionsNone\t''"
complete -c kzr -n "__fish_kzr_using_subcommand build" -l helm-command -d 'The helm executable to run for helmCharts' -r
complete -c kzr -n "__fish_kzr_using_subcommand build" -l helm-api-versions -d 'Kubernetes API versions for helm\'s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated' -r
complete -c kzr -n "__fish_kzr_using_subcommand build" -l helm-kube-version -d 'Kubernetes version for helm\'s Capabilities.KubeVersion, for charts without their own kubeVersion' -r
complete -c kzr -n "__fish_kzr_using_subcommand build" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand build" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand build" -l enable-helm -d 'Inflate the kustomization\'s helmCharts by running helm'
complete -c kzr -n "__fish_kzr_using_subcommand build" -l helm-debug -d 'Pass --debug to helm template'
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
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l build-plan -d 'Run a build job: read destination and source from this build plan (JSON)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l source-dir -d 'With --build-plan: a checkout of git_source to build from, instead of cloning it' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l source -d 'Where the configuration came from (org.opencontainers.image.source)' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l revision -d 'Its revision, e.g. main/1a2b3c (org.opencontainers.image.revision)' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l created -d 'Creation time (RFC 3339); default SOURCE_DATE_EPOCH, else now' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l age-recipients -d 'Encrypt the content with age to the recipients in this file (age1… lines)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l cosign-key -d 'cosign private key to sign with, natively: cosign\'s encrypted key (password from COSIGN_PASSWORD, else asked on a terminal), or a PKCS#8 or SEC1 EC P-256 PEM key; implies --sign' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s k -l kustomize -d 'Kustomization directory' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s f -l filename -d 'Manifest file or directory; repeatable; - reads stdin' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l reorder -d 'Output order: kustomize\'s legacy kind order, or the order resources were listed' -r -f -a "legacy\t''
none\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l load-restrictor -d 'Whether a kustomization may read files outside its own directory' -r -f -a "LoadRestrictionsRootOnly\t''
LoadRestrictionsNone\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l helm-command -d 'The helm executable to run for helmCharts' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l helm-api-versions -d 'Kubernetes API versions for helm\'s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l helm-kube-version -d 'Kubernetes version for helm\'s Capabilities.KubeVersion, for charts without their own kubeVersion' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l allow-empty -d 'Push even when the sources give no objects (an empty artifact)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l sign -d 'Sign the pushed artifact in cosign\'s format (keyless, through the cosign command, unless --cosign-key is given)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l enable-helm -d 'Inflate the kustomization\'s helmCharts by running helm'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l helm-debug -d 'Pass --debug to helm template'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand push; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help (see more with \'--help\')'
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
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l cosign-key -d 'cosign public key (PEM) to verify signatures with, natively; implies --verify' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand pull; and __fish_seen_subcommand_from artifact" -l verify -d 'Verify the artifact\'s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)'
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
complete -c kzr -n "__fish_kzr_using_subcommand tag; and __fish_seen_subcommand_from artifact" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
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
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l sync-plan -d 'Run a sync job: read source and destination from this sync plan (JSON)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand copy; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help (see more with \'--help\')'
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
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l semver -d 'Only tags matching this semver constraint (>=1.0.0 <2.0.0, ~1.2, ^0.3, 1.x, 1.2 - 1.4, <1 || >=2), highest version first' -r
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from artifacts" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "artifacts" -d 'List the tags of an artifact repository, newest-looking first'
complete -c kzr -n "__fish_kzr_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -f -a "artifact" -d 'Show an artifact\'s metadata, objects and container images'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -f -a "inventory" -d 'Show an inventory: when and from what it was applied, and the objects it lists'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and not __fish_seen_subcommand_from artifact inventory help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l age-identities -d 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l max-size -d 'Refuse artifacts that decompress to more than this many bytes' -r
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l cosign-key -d 'cosign public key (PEM) to verify signatures with, natively; implies --verify' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l verify -d 'Verify the artifact\'s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from artifact" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -s n -l namespace -d 'Default namespace for namespaced objects that carry none, and the inventory\'s namespace unless --inventory-namespace is given (default: the context\'s namespace, else default)' -r
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -l inventory-namespace -d 'Namespace of the inventory ConfigMap' -r
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -l kubeconfig -d 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -l context -d 'kubeconfig context to use' -r
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from inventory" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Show an artifact\'s metadata, objects and container images'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from help" -f -a "inventory" -d 'Show an inventory: when and from what it was applied, and the objects it lists'
complete -c kzr -n "__fish_kzr_using_subcommand inspect; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l prune -d 'Delete objects the previous apply recorded and this one no longer has' -r -f -a "true\t''
false\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l field-manager -d 'Server-side apply field manager' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l concurrency -d 'How many objects of the same kind rank are handled at once' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s k -l kustomize -d 'Kustomization directory' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s f -l filename -d 'Manifest file or directory; repeatable; - reads stdin' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l reorder -d 'Output order: kustomize\'s legacy kind order, or the order resources were listed' -r -f -a "legacy\t''
none\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l load-restrictor -d 'Whether a kustomization may read files outside its own directory' -r -f -a "LoadRestrictionsRootOnly\t''
LoadRestrictionsNone\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l helm-command -d 'The helm executable to run for helmCharts' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l helm-api-versions -d 'Kubernetes API versions for helm\'s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l helm-kube-version -d 'Kubernetes version for helm\'s Capabilities.KubeVersion, for charts without their own kubeVersion' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s a -l artifact -d 'Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]); repeatable, objects are added after -k/-f' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l age-identities -d 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l max-size -d 'Refuse artifacts that decompress to more than this many bytes' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l cosign-key -d 'cosign public key (PEM) to verify signatures with, natively; implies --verify' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s n -l namespace -d 'Default namespace for namespaced objects that carry none, and the inventory\'s namespace unless --inventory-namespace is given (default: the context\'s namespace, else default)' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l inventory-namespace -d 'Namespace of the inventory ConfigMap' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l kubeconfig -d 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l context -d 'kubeconfig context to use' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l force -d 'Delete and recreate objects whose immutable fields changed'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l create-namespace -d 'Create the default and inventory namespaces when missing'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l allow-empty -d 'Go on when the sources give no objects (everything the inventory lists is pruned)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l enable-helm -d 'Inflate the kustomization\'s helmCharts by running helm'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l helm-debug -d 'Pass --debug to helm template'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l verify -d 'Verify the artifact\'s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -a "artifact" -d 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and not __fish_seen_subcommand_from artifact help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l age-identities -d 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l max-size -d 'Refuse artifacts that decompress to more than this many bytes' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l cosign-key -d 'cosign public key (PEM) to verify signatures with, natively; implies --verify' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l verify -d 'Verify the artifact\'s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from artifact" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from help" -f -a "artifact" -d 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)'
complete -c kzr -n "__fish_kzr_using_subcommand diff; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l out -d 'Save the plan to this file' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l prune -d 'Delete objects the previous apply recorded and this one no longer has' -r -f -a "true\t''
false\t''"
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l field-manager -d 'Server-side apply field manager' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l concurrency -d 'How many objects of the same kind rank are handled at once' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -s k -l kustomize -d 'Kustomization directory' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand plan" -s f -l filename -d 'Manifest file or directory; repeatable; - reads stdin' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l reorder -d 'Output order: kustomize\'s legacy kind order, or the order resources were listed' -r -f -a "legacy\t''
none\t''"
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l load-restrictor -d 'Whether a kustomization may read files outside its own directory' -r -f -a "LoadRestrictionsRootOnly\t''
LoadRestrictionsNone\t''"
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l helm-command -d 'The helm executable to run for helmCharts' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l helm-api-versions -d 'Kubernetes API versions for helm\'s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l helm-kube-version -d 'Kubernetes version for helm\'s Capabilities.KubeVersion, for charts without their own kubeVersion' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -s a -l artifact -d 'Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]); repeatable, objects are added after -k/-f' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l age-identities -d 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l max-size -d 'Refuse artifacts that decompress to more than this many bytes' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l cosign-key -d 'cosign public key (PEM) to verify signatures with, natively; implies --verify' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand plan" -s n -l namespace -d 'Default namespace for namespaced objects that carry none, and the inventory\'s namespace unless --inventory-namespace is given (default: the context\'s namespace, else default)' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l inventory-namespace -d 'Namespace of the inventory ConfigMap' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l kubeconfig -d 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l context -d 'kubeconfig context to use' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l deploy-plan -d 'Run a runner\'s deploy job: cluster, namespace, inventory name and objects come from this deploy plan (JSON, see docs/runner.md)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l state -d 'With --deploy-plan: the install state (JSON) the namespace template reads, instead of the plan\'s `state`' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand plan" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l teardown -d 'Preview a teardown of the inventory instead'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l force -d 'Delete and recreate objects whose immutable fields changed'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l create-namespace -d 'Create the default and inventory namespaces when missing'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l allow-empty -d 'Go on when the sources give no objects (everything the inventory lists is pruned)'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l enable-helm -d 'Inflate the kustomization\'s helmCharts by running helm'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l helm-debug -d 'Pass --debug to helm template'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l verify -d 'Verify the artifact\'s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kzr -n "__fish_kzr_using_subcommand plan" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l from -d 'Apply exactly a plan saved by `kzr plan --out` (with --deploy-plan, on its cluster)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l wait -d 'Wait until applied objects are ready' -r -f -a "true\t''
false\t''"
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l prune -d 'Delete objects the previous apply recorded and this one no longer has' -r -f -a "true\t''
false\t''"
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l field-manager -d 'Server-side apply field manager' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l concurrency -d 'How many objects of the same kind rank are handled at once' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l deploy-plan -d 'Run a runner\'s deploy job: cluster, namespace, inventory name and objects come from this deploy plan (JSON, see docs/runner.md)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l state -d 'With --deploy-plan: the install state (JSON) the namespace template reads, instead of the plan\'s `state`' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand apply" -s k -l kustomize -d 'Kustomization directory' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand apply" -s f -l filename -d 'Manifest file or directory; repeatable; - reads stdin' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l reorder -d 'Output order: kustomize\'s legacy kind order, or the order resources were listed' -r -f -a "legacy\t''
none\t''"
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l load-restrictor -d 'Whether a kustomization may read files outside its own directory' -r -f -a "LoadRestrictionsRootOnly\t''
LoadRestrictionsNone\t''"
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l helm-command -d 'The helm executable to run for helmCharts' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l helm-api-versions -d 'Kubernetes API versions for helm\'s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l helm-kube-version -d 'Kubernetes version for helm\'s Capabilities.KubeVersion, for charts without their own kubeVersion' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -s a -l artifact -d 'Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]); repeatable, objects are added after -k/-f' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l age-identities -d 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l max-size -d 'Refuse artifacts that decompress to more than this many bytes' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l cosign-key -d 'cosign public key (PEM) to verify signatures with, natively; implies --verify' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l creds -d 'Registry credentials as user:password (default: Docker\'s config.json, else anonymous)' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l ca-file -d 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand apply" -s n -l namespace -d 'Default namespace for namespaced objects that carry none, and the inventory\'s namespace unless --inventory-namespace is given (default: the context\'s namespace, else default)' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l inventory-namespace -d 'Namespace of the inventory ConfigMap' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l kubeconfig -d 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l context -d 'kubeconfig context to use' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand apply" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l force -d 'Delete and recreate objects whose immutable fields changed'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l create-namespace -d 'Create the default and inventory namespaces when missing'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l allow-empty -d 'Go on when the sources give no objects (everything the inventory lists is pruned)'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l enable-helm -d 'Inflate the kustomization\'s helmCharts by running helm'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l helm-debug -d 'Pass --debug to helm template'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l verify -d 'Verify the artifact\'s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l plain-http -d 'Use plain HTTP (loopback registries do unless --ca-file is given)'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kzr -n "__fish_kzr_using_subcommand apply" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l wait -d 'Wait until the deleted objects are gone' -r -f -a "true\t''
false\t''"
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l field-manager -d 'Server-side apply field manager' -r
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l concurrency -d 'How many objects of the same kind rank are handled at once' -r
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l deploy-plan -d 'Run a runner\'s deploy job: cluster, namespace, inventory name and objects come from this deploy plan (JSON, see docs/runner.md)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l state -d 'With --deploy-plan: the install state (JSON) the namespace template reads, instead of the plan\'s `state`' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -s n -l namespace -d 'Default namespace for namespaced objects that carry none, and the inventory\'s namespace unless --inventory-namespace is given (default: the context\'s namespace, else default)' -r
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l inventory-namespace -d 'Namespace of the inventory ConfigMap' -r
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l kubeconfig -d 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l context -d 'kubeconfig context to use' -r
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l dry-run -d 'Show what would be deleted without deleting anything'
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kzr -n "__fish_kzr_using_subcommand teardown" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -f -a "inventories" -d 'List inventories (kzr\'s and kustomizer\'s)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -f -a "inventory" -d 'List inventories (kzr\'s and kustomizer\'s)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and not __fish_seen_subcommand_from inventories inventory help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -s n -l namespace -d 'Default namespace for namespaced objects that carry none, and the inventory\'s namespace unless --inventory-namespace is given (default: the context\'s namespace, else default)' -r
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -l inventory-namespace -d 'Namespace of the inventory ConfigMap' -r
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -l kubeconfig -d 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -l context -d 'kubeconfig context to use' -r
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -s A -l all-namespaces -d 'List inventories in every namespace'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventories" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -s n -l namespace -d 'Default namespace for namespaced objects that carry none, and the inventory\'s namespace unless --inventory-namespace is given (default: the context\'s namespace, else default)' -r
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -l inventory-namespace -d 'Namespace of the inventory ConfigMap' -r
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -l kubeconfig -d 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)' -r -F
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -l context -d 'kubeconfig context to use' -r
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -l timeout -d 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)' -r
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -s A -l all-namespaces -d 'List inventories in every namespace'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from inventory" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "inventories" -d 'List inventories (kzr\'s and kustomizer\'s)'
complete -c kzr -n "__fish_kzr_using_subcommand get; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -f -a "validate" -d 'Validate a kubernetes_manifest component config (YAML or TOML)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -f -a "schema" -d 'Print the JSON Schema (draft 2020-12) of the kubernetes_manifest block'
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -f -a "build-plan" -d 'Print the kubernetes_manifest_build_plan a component\'s build job receives'
complete -c kzr -n "__fish_kzr_using_subcommand config; and not __fish_seen_subcommand_from validate schema build-plan help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from validate" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from validate" -l fetch -d 'Download manifests given as URLs and validate their content (as build-plan --fetch)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from validate" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from schema" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from schema" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from schema" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from schema" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from schema" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from schema" -s h -l help -d 'Print help'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from schema" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -l component-id -d 'The component\'s id (label component_id)' -r
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -l build-id -d 'The build\'s id (label component_build_id)' -r
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -l component -d 'Which component, when the file has several' -r
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -s o -l output -d 'Output format (each verb accepts a subset)' -r -f -a "yaml\t''
json\t''
text\t''"
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -l log-format -d 'Log line format on stderr' -r -f -a "text\t''
json\t''"
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -l fetch -d 'Download a manifest given as a URL (https://, or http:// on this machine; at most 16 MiB, within 60s) and embed it, recording its URL and sha256 in the plan'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -s q -l quiet -d 'Print only data and errors'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -l no-color -d 'Never use colour (also when NO_COLOR is set)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from build-plan" -s V -l version -d 'Print version'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Validate a kubernetes_manifest component config (YAML or TOML)'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "schema" -d 'Print the JSON Schema (draft 2020-12) of the kubernetes_manifest block'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "build-plan" -d 'Print the kubernetes_manifest_build_plan a component\'s build job receives'
complete -c kzr -n "__fish_kzr_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "build" -d 'Build a kustomization or a set of manifests and print the objects'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "push" -d 'Push an artifact to a registry'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "pull" -d 'Pull an artifact from a registry'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "tag" -d 'Tag an artifact'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "copy" -d 'Copy an artifact between repositories or registries'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "list" -d 'List artifacts'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "inspect" -d 'Inspect an artifact or an inventory'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "diff" -d 'Show what an apply would change (exit 0 no changes, 1 changes, 2 error)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "plan" -d 'Show what an apply would change, and optionally save it for `kzr apply --from`'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "apply" -d 'Apply objects with server-side apply, record them in an inventory, prune and wait'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "teardown" -d 'Delete every object an inventory lists, then the inventory'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "get" -d 'List cluster resources kzr manages'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "config" -d 'Validate component configuration, print its JSON Schema or build plan'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "completion" -d 'Print a shell completion script'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "man" -d 'Print the kzr(1) man page, or write every page to a directory'
complete -c kzr -n "__fish_kzr_using_subcommand help; and not __fish_seen_subcommand_from build push pull tag copy list inspect diff plan apply teardown get config completion man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from push" -f -a "artifact" -d 'Build manifests and push them as an OCI artifact (kustomizer\'s format)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from pull" -f -a "artifact" -d 'Download an artifact and print its manifests (YAML, or a JSON List with -o json)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "artifact" -d 'Put an artifact\'s manifest under another tag in the same repository'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from copy" -f -a "artifact" -d 'Copy an artifact without repacking it, so its digest is preserved'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from list" -f -a "artifacts" -d 'List the tags of an artifact repository, newest-looking first'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from inspect" -f -a "artifact" -d 'Show an artifact\'s metadata, objects and container images'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from inspect" -f -a "inventory" -d 'Show an inventory: when and from what it was applied, and the objects it lists'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from diff" -f -a "artifact" -d 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from get" -f -a "inventories" -d 'List inventories (kzr\'s and kustomizer\'s)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "validate" -d 'Validate a kubernetes_manifest component config (YAML or TOML)'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "schema" -d 'Print the JSON Schema (draft 2020-12) of the kubernetes_manifest block'
complete -c kzr -n "__fish_kzr_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "build-plan" -d 'Print the kubernetes_manifest_build_plan a component\'s build job receives'
