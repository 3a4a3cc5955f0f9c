
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kzr' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kzr'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kzr' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build a kustomization or a set of manifests and print the objects')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push an artifact to a registry')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Pull an artifact from a registry')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Tag an artifact')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy an artifact between repositories or registries')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List artifacts')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Inspect an artifact or an inventory')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what an apply would change (exit 0 no changes, 1 changes, 2 error)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what an apply would change, and optionally save it for `kzr apply --from`')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply objects with server-side apply, record them in an inventory, prune and wait')
            [CompletionResult]::new('teardown', 'teardown', [CompletionResultType]::ParameterValue, 'Delete every object an inventory lists, then the inventory')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'List cluster resources kzr manages')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Validate component configuration, print its JSON Schema or build plan')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the kzr(1) man page, or write every page to a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;build' {
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('--kustomize', '--kustomize', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--reorder', '--reorder', [CompletionResultType]::ParameterName, 'Output order: kustomize''s legacy kind order, or the order resources were listed')
            [CompletionResult]::new('--load-restrictor', '--load-restrictor', [CompletionResultType]::ParameterName, 'Whether a kustomization may read files outside its own directory')
            [CompletionResult]::new('--helm-command', '--helm-command', [CompletionResultType]::ParameterName, 'The helm executable to run for helmCharts')
            [CompletionResult]::new('--helm-api-versions', '--helm-api-versions', [CompletionResultType]::ParameterName, 'Kubernetes API versions for helm''s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated')
            [CompletionResult]::new('--helm-kube-version', '--helm-kube-version', [CompletionResultType]::ParameterName, 'Kubernetes version for helm''s Capabilities.KubeVersion, for charts without their own kubeVersion')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--enable-helm', '--enable-helm', [CompletionResultType]::ParameterName, 'Inflate the kustomization''s helmCharts by running helm')
            [CompletionResult]::new('--helm-debug', '--helm-debug', [CompletionResultType]::ParameterName, 'Pass --debug to helm template')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;push' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Build manifests and push them as an OCI artifact (kustomizer''s format)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;push;artifact' {
            [CompletionResult]::new('--build-plan', '--build-plan', [CompletionResultType]::ParameterName, 'Run a build job: read destination and source from this build plan (JSON)')
            [CompletionResult]::new('--source-dir', '--source-dir', [CompletionResultType]::ParameterName, 'With --build-plan: a checkout of git_source to build from, instead of cloning it')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the configuration came from (org.opencontainers.image.source)')
            [CompletionResult]::new('--revision', '--revision', [CompletionResultType]::ParameterName, 'Its revision, e.g. main/1a2b3c (org.opencontainers.image.revision)')
            [CompletionResult]::new('--created', '--created', [CompletionResultType]::ParameterName, 'Creation time (RFC 3339); default SOURCE_DATE_EPOCH, else now')
            [CompletionResult]::new('--age-recipients', '--age-recipients', [CompletionResultType]::ParameterName, 'Encrypt the content with age to the recipients in this file (age1… lines)')
            [CompletionResult]::new('--cosign-key', '--cosign-key', [CompletionResultType]::ParameterName, 'cosign private key to sign with, natively: cosign''s encrypted key (password from COSIGN_PASSWORD, else asked on a terminal), or a PKCS#8 or SEC1 EC P-256 PEM key; implies --sign')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('--kustomize', '--kustomize', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--reorder', '--reorder', [CompletionResultType]::ParameterName, 'Output order: kustomize''s legacy kind order, or the order resources were listed')
            [CompletionResult]::new('--load-restrictor', '--load-restrictor', [CompletionResultType]::ParameterName, 'Whether a kustomization may read files outside its own directory')
            [CompletionResult]::new('--helm-command', '--helm-command', [CompletionResultType]::ParameterName, 'The helm executable to run for helmCharts')
            [CompletionResult]::new('--helm-api-versions', '--helm-api-versions', [CompletionResultType]::ParameterName, 'Kubernetes API versions for helm''s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated')
            [CompletionResult]::new('--helm-kube-version', '--helm-kube-version', [CompletionResultType]::ParameterName, 'Kubernetes version for helm''s Capabilities.KubeVersion, for charts without their own kubeVersion')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Push even when the sources give no objects (an empty artifact)')
            [CompletionResult]::new('--sign', '--sign', [CompletionResultType]::ParameterName, 'Sign the pushed artifact in cosign''s format (keyless, through the cosign command, unless --cosign-key is given)')
            [CompletionResult]::new('--enable-helm', '--enable-helm', [CompletionResultType]::ParameterName, 'Inflate the kustomization''s helmCharts by running helm')
            [CompletionResult]::new('--helm-debug', '--helm-debug', [CompletionResultType]::ParameterName, 'Pass --debug to helm template')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;push;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Build manifests and push them as an OCI artifact (kustomizer''s format)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;push;help;artifact' {
            break
        }
        'kzr;push;help;help' {
            break
        }
        'kzr;pull' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Download an artifact and print its manifests (YAML, or a JSON List with -o json)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;pull;artifact' {
            [CompletionResult]::new('--age-identities', '--age-identities', [CompletionResultType]::ParameterName, 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Refuse artifacts that decompress to more than this many bytes')
            [CompletionResult]::new('--cosign-key', '--cosign-key', [CompletionResultType]::ParameterName, 'cosign public key (PEM) to verify signatures with, natively; implies --verify')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Verify the artifact''s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;pull;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Download an artifact and print its manifests (YAML, or a JSON List with -o json)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;pull;help;artifact' {
            break
        }
        'kzr;pull;help;help' {
            break
        }
        'kzr;tag' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Put an artifact''s manifest under another tag in the same repository')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;tag;artifact' {
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;tag;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Put an artifact''s manifest under another tag in the same repository')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;tag;help;artifact' {
            break
        }
        'kzr;tag;help;help' {
            break
        }
        'kzr;copy' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Copy an artifact without repacking it, so its digest is preserved')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;copy;artifact' {
            [CompletionResult]::new('--sync-plan', '--sync-plan', [CompletionResultType]::ParameterName, 'Run a sync job: read source and destination from this sync plan (JSON)')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;copy;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Copy an artifact without repacking it, so its digest is preserved')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;copy;help;artifact' {
            break
        }
        'kzr;copy;help;help' {
            break
        }
        'kzr;list' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('artifacts', 'artifacts', [CompletionResultType]::ParameterValue, 'List the tags of an artifact repository, newest-looking first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;list;artifacts' {
            [CompletionResult]::new('--semver', '--semver', [CompletionResultType]::ParameterName, 'Only tags matching this semver constraint (>=1.0.0 <2.0.0, ~1.2, ^0.3, 1.x, 1.2 - 1.4, <1 || >=2), highest version first')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;list;help' {
            [CompletionResult]::new('artifacts', 'artifacts', [CompletionResultType]::ParameterValue, 'List the tags of an artifact repository, newest-looking first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;list;help;artifacts' {
            break
        }
        'kzr;list;help;help' {
            break
        }
        'kzr;inspect' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Show an artifact''s metadata, objects and container images')
            [CompletionResult]::new('inventory', 'inventory', [CompletionResultType]::ParameterValue, 'Show an inventory: when and from what it was applied, and the objects it lists')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;inspect;artifact' {
            [CompletionResult]::new('--age-identities', '--age-identities', [CompletionResultType]::ParameterName, 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Refuse artifacts that decompress to more than this many bytes')
            [CompletionResult]::new('--cosign-key', '--cosign-key', [CompletionResultType]::ParameterName, 'cosign public key (PEM) to verify signatures with, natively; implies --verify')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Verify the artifact''s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;inspect;inventory' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--inventory-namespace', '--inventory-namespace', [CompletionResultType]::ParameterName, 'Namespace of the inventory ConfigMap')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context to use')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;inspect;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Show an artifact''s metadata, objects and container images')
            [CompletionResult]::new('inventory', 'inventory', [CompletionResultType]::ParameterValue, 'Show an inventory: when and from what it was applied, and the objects it lists')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;inspect;help;artifact' {
            break
        }
        'kzr;inspect;help;inventory' {
            break
        }
        'kzr;inspect;help;help' {
            break
        }
        'kzr;diff' {
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete objects the previous apply recorded and this one no longer has')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Server-side apply field manager')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many objects of the same kind rank are handled at once')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('--kustomize', '--kustomize', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--reorder', '--reorder', [CompletionResultType]::ParameterName, 'Output order: kustomize''s legacy kind order, or the order resources were listed')
            [CompletionResult]::new('--load-restrictor', '--load-restrictor', [CompletionResultType]::ParameterName, 'Whether a kustomization may read files outside its own directory')
            [CompletionResult]::new('--helm-command', '--helm-command', [CompletionResultType]::ParameterName, 'The helm executable to run for helmCharts')
            [CompletionResult]::new('--helm-api-versions', '--helm-api-versions', [CompletionResultType]::ParameterName, 'Kubernetes API versions for helm''s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated')
            [CompletionResult]::new('--helm-kube-version', '--helm-kube-version', [CompletionResultType]::ParameterName, 'Kubernetes version for helm''s Capabilities.KubeVersion, for charts without their own kubeVersion')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]); repeatable, objects are added after -k/-f')
            [CompletionResult]::new('--artifact', '--artifact', [CompletionResultType]::ParameterName, 'Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]); repeatable, objects are added after -k/-f')
            [CompletionResult]::new('--age-identities', '--age-identities', [CompletionResultType]::ParameterName, 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Refuse artifacts that decompress to more than this many bytes')
            [CompletionResult]::new('--cosign-key', '--cosign-key', [CompletionResultType]::ParameterName, 'cosign public key (PEM) to verify signatures with, natively; implies --verify')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--inventory-namespace', '--inventory-namespace', [CompletionResultType]::ParameterName, 'Namespace of the inventory ConfigMap')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context to use')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete and recreate objects whose immutable fields changed')
            [CompletionResult]::new('--create-namespace', '--create-namespace', [CompletionResultType]::ParameterName, 'Create the default and inventory namespaces when missing')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Go on when the sources give no objects (everything the inventory lists is pruned)')
            [CompletionResult]::new('--enable-helm', '--enable-helm', [CompletionResultType]::ParameterName, 'Inflate the kustomization''s helmCharts by running helm')
            [CompletionResult]::new('--helm-debug', '--helm-debug', [CompletionResultType]::ParameterName, 'Pass --debug to helm template')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Verify the artifact''s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;diff;artifact' {
            [CompletionResult]::new('--age-identities', '--age-identities', [CompletionResultType]::ParameterName, 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Refuse artifacts that decompress to more than this many bytes')
            [CompletionResult]::new('--cosign-key', '--cosign-key', [CompletionResultType]::ParameterName, 'cosign public key (PEM) to verify signatures with, natively; implies --verify')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Verify the artifact''s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;diff;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;diff;help;artifact' {
            break
        }
        'kzr;diff;help;help' {
            break
        }
        'kzr;plan' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Save the plan to this file')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete objects the previous apply recorded and this one no longer has')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Server-side apply field manager')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many objects of the same kind rank are handled at once')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('--kustomize', '--kustomize', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--reorder', '--reorder', [CompletionResultType]::ParameterName, 'Output order: kustomize''s legacy kind order, or the order resources were listed')
            [CompletionResult]::new('--load-restrictor', '--load-restrictor', [CompletionResultType]::ParameterName, 'Whether a kustomization may read files outside its own directory')
            [CompletionResult]::new('--helm-command', '--helm-command', [CompletionResultType]::ParameterName, 'The helm executable to run for helmCharts')
            [CompletionResult]::new('--helm-api-versions', '--helm-api-versions', [CompletionResultType]::ParameterName, 'Kubernetes API versions for helm''s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated')
            [CompletionResult]::new('--helm-kube-version', '--helm-kube-version', [CompletionResultType]::ParameterName, 'Kubernetes version for helm''s Capabilities.KubeVersion, for charts without their own kubeVersion')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]); repeatable, objects are added after -k/-f')
            [CompletionResult]::new('--artifact', '--artifact', [CompletionResultType]::ParameterName, 'Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]); repeatable, objects are added after -k/-f')
            [CompletionResult]::new('--age-identities', '--age-identities', [CompletionResultType]::ParameterName, 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Refuse artifacts that decompress to more than this many bytes')
            [CompletionResult]::new('--cosign-key', '--cosign-key', [CompletionResultType]::ParameterName, 'cosign public key (PEM) to verify signatures with, natively; implies --verify')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--inventory-namespace', '--inventory-namespace', [CompletionResultType]::ParameterName, 'Namespace of the inventory ConfigMap')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context to use')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('--deploy-plan', '--deploy-plan', [CompletionResultType]::ParameterName, 'Run a runner''s deploy job: cluster, namespace, inventory name and objects come from this deploy plan (JSON, see docs/runner.md)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'With --deploy-plan: the install state (JSON) the namespace template reads, instead of the plan''s `state`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--teardown', '--teardown', [CompletionResultType]::ParameterName, 'Preview a teardown of the inventory instead')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete and recreate objects whose immutable fields changed')
            [CompletionResult]::new('--create-namespace', '--create-namespace', [CompletionResultType]::ParameterName, 'Create the default and inventory namespaces when missing')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Go on when the sources give no objects (everything the inventory lists is pruned)')
            [CompletionResult]::new('--enable-helm', '--enable-helm', [CompletionResultType]::ParameterName, 'Inflate the kustomization''s helmCharts by running helm')
            [CompletionResult]::new('--helm-debug', '--helm-debug', [CompletionResultType]::ParameterName, 'Pass --debug to helm template')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Verify the artifact''s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;apply' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Apply exactly a plan saved by `kzr plan --out` (with --deploy-plan, on its cluster)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until applied objects are ready')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete objects the previous apply recorded and this one no longer has')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Server-side apply field manager')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many objects of the same kind rank are handled at once')
            [CompletionResult]::new('--deploy-plan', '--deploy-plan', [CompletionResultType]::ParameterName, 'Run a runner''s deploy job: cluster, namespace, inventory name and objects come from this deploy plan (JSON, see docs/runner.md)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'With --deploy-plan: the install state (JSON) the namespace template reads, instead of the plan''s `state`')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('--kustomize', '--kustomize', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--reorder', '--reorder', [CompletionResultType]::ParameterName, 'Output order: kustomize''s legacy kind order, or the order resources were listed')
            [CompletionResult]::new('--load-restrictor', '--load-restrictor', [CompletionResultType]::ParameterName, 'Whether a kustomization may read files outside its own directory')
            [CompletionResult]::new('--helm-command', '--helm-command', [CompletionResultType]::ParameterName, 'The helm executable to run for helmCharts')
            [CompletionResult]::new('--helm-api-versions', '--helm-api-versions', [CompletionResultType]::ParameterName, 'Kubernetes API versions for helm''s Capabilities.APIVersions, for charts without their own apiVersions; repeatable or comma-separated')
            [CompletionResult]::new('--helm-kube-version', '--helm-kube-version', [CompletionResultType]::ParameterName, 'Kubernetes version for helm''s Capabilities.KubeVersion, for charts without their own kubeVersion')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]); repeatable, objects are added after -k/-f')
            [CompletionResult]::new('--artifact', '--artifact', [CompletionResultType]::ParameterName, 'Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]); repeatable, objects are added after -k/-f')
            [CompletionResult]::new('--age-identities', '--age-identities', [CompletionResultType]::ParameterName, 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Refuse artifacts that decompress to more than this many bytes')
            [CompletionResult]::new('--cosign-key', '--cosign-key', [CompletionResultType]::ParameterName, 'cosign public key (PEM) to verify signatures with, natively; implies --verify')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--inventory-namespace', '--inventory-namespace', [CompletionResultType]::ParameterName, 'Namespace of the inventory ConfigMap')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context to use')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete and recreate objects whose immutable fields changed')
            [CompletionResult]::new('--create-namespace', '--create-namespace', [CompletionResultType]::ParameterName, 'Create the default and inventory namespaces when missing')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Go on when the sources give no objects (everything the inventory lists is pruned)')
            [CompletionResult]::new('--enable-helm', '--enable-helm', [CompletionResultType]::ParameterName, 'Inflate the kustomization''s helmCharts by running helm')
            [CompletionResult]::new('--helm-debug', '--helm-debug', [CompletionResultType]::ParameterName, 'Pass --debug to helm template')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Verify the artifact''s cosign signature before using it (keyless, through the cosign command, unless --cosign-key is given)')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Use plain HTTP (loopback registries do unless --ca-file is given)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;teardown' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the deleted objects are gone')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Server-side apply field manager')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many objects of the same kind rank are handled at once')
            [CompletionResult]::new('--deploy-plan', '--deploy-plan', [CompletionResultType]::ParameterName, 'Run a runner''s deploy job: cluster, namespace, inventory name and objects come from this deploy plan (JSON, see docs/runner.md)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'With --deploy-plan: the install state (JSON) the namespace template reads, instead of the plan''s `state`')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--inventory-namespace', '--inventory-namespace', [CompletionResultType]::ParameterName, 'Namespace of the inventory ConfigMap')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context to use')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be deleted without deleting anything')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;get' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('inventories', 'inventories', [CompletionResultType]::ParameterValue, 'List inventories (kzr''s and kustomizer''s)')
            [CompletionResult]::new('inventory', 'inventory', [CompletionResultType]::ParameterValue, 'List inventories (kzr''s and kustomizer''s)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;get;inventories' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--inventory-namespace', '--inventory-namespace', [CompletionResultType]::ParameterName, 'Namespace of the inventory ConfigMap')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context to use')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List inventories in every namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List inventories in every namespace')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;get;inventory' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Default namespace for namespaced objects that carry none, and the inventory''s namespace unless --inventory-namespace is given (default: the context''s namespace, else default)')
            [CompletionResult]::new('--inventory-namespace', '--inventory-namespace', [CompletionResultType]::ParameterName, 'Namespace of the inventory ConfigMap')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'kubeconfig context to use')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole verb: connecting, transfers, applying, pruning and waiting (e.g. 90s, 5m, 1h)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List inventories in every namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List inventories in every namespace')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;get;help' {
            [CompletionResult]::new('inventories', 'inventories', [CompletionResultType]::ParameterValue, 'List inventories (kzr''s and kustomizer''s)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;get;help;inventories' {
            break
        }
        'kzr;get;help;help' {
            break
        }
        'kzr;config' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate a kubernetes_manifest component config (YAML or TOML)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema (draft 2020-12) of the kubernetes_manifest block')
            [CompletionResult]::new('build-plan', 'build-plan', [CompletionResultType]::ParameterValue, 'Print the kubernetes_manifest_build_plan a component''s build job receives')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;config;validate' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--fetch', '--fetch', [CompletionResultType]::ParameterName, 'Download manifests given as URLs and validate their content (as build-plan --fetch)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;config;schema' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;config;build-plan' {
            [CompletionResult]::new('--component-id', '--component-id', [CompletionResultType]::ParameterName, 'The component''s id (label component_id)')
            [CompletionResult]::new('--build-id', '--build-id', [CompletionResultType]::ParameterName, 'The build''s id (label component_build_id)')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Which component, when the file has several')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--fetch', '--fetch', [CompletionResultType]::ParameterName, 'Download a manifest given as a URL (https://, or http:// on this machine; at most 16 MiB, within 60s) and embed it, recording its URL and sha256 in the plan')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;config;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate a kubernetes_manifest component config (YAML or TOML)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema (draft 2020-12) of the kubernetes_manifest block')
            [CompletionResult]::new('build-plan', 'build-plan', [CompletionResultType]::ParameterValue, 'Print the kubernetes_manifest_build_plan a component''s build job receives')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;config;help;validate' {
            break
        }
        'kzr;config;help;schema' {
            break
        }
        'kzr;config;help;build-plan' {
            break
        }
        'kzr;config;help;help' {
            break
        }
        'kzr;completion' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write kzr.1 and one kzr-VERB.1 per verb into this directory')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (each verb accepts a subset)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kzr;help' {
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build a kustomization or a set of manifests and print the objects')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push an artifact to a registry')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Pull an artifact from a registry')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Tag an artifact')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy an artifact between repositories or registries')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List artifacts')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Inspect an artifact or an inventory')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what an apply would change (exit 0 no changes, 1 changes, 2 error)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what an apply would change, and optionally save it for `kzr apply --from`')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply objects with server-side apply, record them in an inventory, prune and wait')
            [CompletionResult]::new('teardown', 'teardown', [CompletionResultType]::ParameterValue, 'Delete every object an inventory lists, then the inventory')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'List cluster resources kzr manages')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Validate component configuration, print its JSON Schema or build plan')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the kzr(1) man page, or write every page to a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;help;build' {
            break
        }
        'kzr;help;push' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Build manifests and push them as an OCI artifact (kustomizer''s format)')
            break
        }
        'kzr;help;push;artifact' {
            break
        }
        'kzr;help;pull' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Download an artifact and print its manifests (YAML, or a JSON List with -o json)')
            break
        }
        'kzr;help;pull;artifact' {
            break
        }
        'kzr;help;tag' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Put an artifact''s manifest under another tag in the same repository')
            break
        }
        'kzr;help;tag;artifact' {
            break
        }
        'kzr;help;copy' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Copy an artifact without repacking it, so its digest is preserved')
            break
        }
        'kzr;help;copy;artifact' {
            break
        }
        'kzr;help;list' {
            [CompletionResult]::new('artifacts', 'artifacts', [CompletionResultType]::ParameterValue, 'List the tags of an artifact repository, newest-looking first')
            break
        }
        'kzr;help;list;artifacts' {
            break
        }
        'kzr;help;inspect' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Show an artifact''s metadata, objects and container images')
            [CompletionResult]::new('inventory', 'inventory', [CompletionResultType]::ParameterValue, 'Show an inventory: when and from what it was applied, and the objects it lists')
            break
        }
        'kzr;help;inspect;artifact' {
            break
        }
        'kzr;help;inspect;inventory' {
            break
        }
        'kzr;help;diff' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)')
            break
        }
        'kzr;help;diff;artifact' {
            break
        }
        'kzr;help;plan' {
            break
        }
        'kzr;help;apply' {
            break
        }
        'kzr;help;teardown' {
            break
        }
        'kzr;help;get' {
            [CompletionResult]::new('inventories', 'inventories', [CompletionResultType]::ParameterValue, 'List inventories (kzr''s and kustomizer''s)')
            break
        }
        'kzr;help;get;inventories' {
            break
        }
        'kzr;help;config' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate a kubernetes_manifest component config (YAML or TOML)')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema (draft 2020-12) of the kubernetes_manifest block')
            [CompletionResult]::new('build-plan', 'build-plan', [CompletionResultType]::ParameterValue, 'Print the kubernetes_manifest_build_plan a component''s build job receives')
            break
        }
        'kzr;help;config;validate' {
            break
        }
        'kzr;help;config;schema' {
            break
        }
        'kzr;help;config;build-plan' {
            break
        }
        'kzr;help;completion' {
            break
        }
        'kzr;help;man' {
            break
        }
        'kzr;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
