
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
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Inspect an artifact')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare artifacts')
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
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('--kustomize', '--kustomize', [CompletionResultType]::ParameterName, 'Kustomization directory')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Manifest file or directory; repeatable; - reads stdin')
            [CompletionResult]::new('--reorder', '--reorder', [CompletionResultType]::ParameterName, 'Output order: kustomize''s legacy kind order, or the order resources were listed')
            [CompletionResult]::new('--load-restrictor', '--load-restrictor', [CompletionResultType]::ParameterName, 'Whether a kustomization may read files outside its own directory')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the configuration came from (org.opencontainers.image.source)')
            [CompletionResult]::new('--revision', '--revision', [CompletionResultType]::ParameterName, 'Its revision, e.g. main/1a2b3c (org.opencontainers.image.revision)')
            [CompletionResult]::new('--created', '--created', [CompletionResultType]::ParameterName, 'Creation time (RFC 3339); default SOURCE_DATE_EPOCH, else now')
            [CompletionResult]::new('--age-recipients', '--age-recipients', [CompletionResultType]::ParameterName, 'Encrypt the content with age to the recipients in this file (age1… lines)')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
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
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
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
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
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
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
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
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;inspect;artifact' {
            [CompletionResult]::new('--age-identities', '--age-identities', [CompletionResultType]::ParameterName, 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Refuse artifacts that decompress to more than this many bytes')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
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
        'kzr;inspect;help' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Show an artifact''s metadata, objects and container images')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;inspect;help;artifact' {
            break
        }
        'kzr;inspect;help;help' {
            break
        }
        'kzr;diff' {
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
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kzr;diff;artifact' {
            [CompletionResult]::new('--age-identities', '--age-identities', [CompletionResultType]::ParameterName, 'age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Refuse artifacts that decompress to more than this many bytes')
            [CompletionResult]::new('--creds', '--creds', [CompletionResultType]::ParameterName, 'Registry credentials as user:password (default: Docker''s config.json, else anonymous)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)')
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
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Inspect an artifact')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare artifacts')
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
            break
        }
        'kzr;help;inspect;artifact' {
            break
        }
        'kzr;help;diff' {
            [CompletionResult]::new('artifact', 'artifact', [CompletionResultType]::ParameterValue, 'Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)')
            break
        }
        'kzr;help;diff;artifact' {
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
