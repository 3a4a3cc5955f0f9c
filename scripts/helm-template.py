"""A `helm`-compatible command for the subcommands kustomize runs (`version`, `template`),
rendering with PyPI's helm-python-sdk, which embeds the Helm v4 Go SDK as a C library.

No helm binary is packaged for the machines kzr is tested on; this gives the tests (and
`kubectl kustomize`, the oracle) the same real chart renderer. `scripts/install-test-helm`
installs it as `target/test-helm/bin/helm`.

`template` follows `helm template`'s output: CRDs first with `--include-crds`, then the
manifests sorted by Helm's install order, then hooks (without test hooks under
`--skip-tests`, none under `--no-hooks`), each as `---\\n# Source: PATH\\n...`.

The SDK's offline render has no Capabilities options, so `--api-versions` and
`--kube-version` are refused rather than ignored; `pull` and `repo` need a network.
"""

import os
import re
import sys

import helm_python

# kustomize v5.5.0 refuses any helm whose major version is not 3. Helm 4 renders charts
# the way Helm 3 does, so this command reports itself as a Helm 3 compatible client and
# names the SDK it really uses.
VERSION = "v3.99.0-compat+helm-sdk-" + helm_python.helm_sdk_version()

# Helm's releaseutil.InstallOrder.
INSTALL_ORDER = [
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
    "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
    "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
    "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
    "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
    "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
    "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
]
HOOK_ANNOTATION = "helm.sh/hook"
DOCUMENT_SEPARATOR = re.compile(r"(?:^|\s*\n)---\s*")


def fail(message):
    print(f"Error: {message}", file=sys.stderr)
    sys.exit(1)


def merge_values(base, override):
    """Helm's mergeMaps: nested maps merge, anything else is replaced."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_values(out[key], value)
        else:
            out[key] = value
    return out


def parse_template_args(args):
    opts = {
        "name": None, "chart": None, "namespace": "default", "values": [],
        "generate_name": False, "include_crds": False, "skip_tests": False,
        "no_hooks": False,
    }
    positional = []
    i = 0
    with_value = {"--namespace", "-n", "--values", "-f", "--name-template", "--api-versions",
                  "-a", "--kube-version", "--description"}
    while i < len(args):
        arg = args[i]
        if arg.startswith("--") and "=" in arg:
            arg, value = arg.split("=", 1)
            args = args[:i] + [arg, value] + args[i + 1:]
        if arg in with_value:
            if i + 1 >= len(args):
                fail(f"flag needs an argument: {arg}")
            value = args[i + 1]
            i += 2
            if arg in ("--namespace", "-n"):
                opts["namespace"] = value
            elif arg in ("--values", "-f"):
                opts["values"].extend(v for v in value.split(",") if v)
            else:
                fail(f"{arg} is not supported by this helm (helm-python-sdk renders offline "
                     "without Capabilities or name templates)")
            continue
        if arg == "--generate-name" or arg == "-g":
            opts["generate_name"] = True
        elif arg == "--include-crds":
            opts["include_crds"] = True
        elif arg == "--skip-tests":
            opts["skip_tests"] = True
        elif arg == "--no-hooks":
            opts["no_hooks"] = True
        elif arg == "--debug":
            pass
        elif arg.startswith("-"):
            fail(f"unknown flag: {arg}")
        else:
            positional.append(arg)
        i += 1
    # `helm template` presets the release name "release-name", so `--generate-name` has no
    # effect with one argument (the helm bug kustomize's source mentions).
    if len(positional) == 2:
        if opts["generate_name"]:
            fail("cannot set --generate-name and also specify a name")
        opts["name"], opts["chart"] = positional
    elif len(positional) == 1:
        opts["name"], opts["chart"] = "release-name", positional[0]
    else:
        fail("expected [NAME] CHART")
    return opts


def head(document, path):
    try:
        parsed = helm_python.values_from_yaml(document)
    except helm_python.HelmError as e:
        fail(f"YAML parse error on {path}: {e}")
    if not isinstance(parsed, dict):
        return "", {}
    metadata = parsed.get("metadata") or {}
    annotations = metadata.get("annotations") or {} if isinstance(metadata, dict) else {}
    return str(parsed.get("kind") or ""), annotations


def install_rank(kind):
    try:
        return (0, INSTALL_ORDER.index(kind), "")
    except ValueError:
        return (1, 0, kind)


def template(args):
    opts = parse_template_args(args)
    try:
        chart = helm_python.Chart.load(opts["chart"])
    except helm_python.HelmError as e:
        fail(f"{opts['chart']}: {e}")
    values = {}
    for path in opts["values"]:
        try:
            with open(path, encoding="utf-8") as f:
                loaded = helm_python.values_from_yaml(f.read()) or {}
        except OSError as e:
            fail(f"open {path}: {e.strerror}")
        except helm_python.HelmError as e:
            fail(f"failed to parse {path}: {e}")
        values = merge_values(values, loaded)
    try:
        rendered = chart.render(values, name=opts["name"], namespace=opts["namespace"],
                                is_install=True)
    except helm_python.HelmError as e:
        fail(str(e))
    manifests, hooks = [], []
    for path in sorted(rendered):
        content = rendered[path]
        if os.path.basename(path).startswith("_") or path.endswith("NOTES.txt"):
            continue
        if not content.strip():
            continue
        for document in DOCUMENT_SEPARATOR.split(content.strip()):
            if not document:
                continue
            document = document.strip()
            kind, annotations = head(document, path)
            entry = (install_rank(kind), path, document)
            hook = annotations.get(HOOK_ANNOTATION) if isinstance(annotations, dict) else None
            if hook is None:
                manifests.append(entry)
                continue
            events = [e.strip() for e in str(hook).split(",")]
            if opts["skip_tests"] and ("test" in events or "test-success" in events):
                continue
            hooks.append(entry)
    out = []
    if opts["include_crds"]:
        for crd in chart.crds:
            out.append(f"---\n# Source: {crd['filename']}\n{crd['data']}\n")
    manifests.sort(key=lambda e: e[0])
    for _, path, document in manifests:
        out.append(f"---\n# Source: {path}\n{document}\n")
    text = "".join(out).strip() + "\n"
    if not opts["no_hooks"]:
        hooks.sort(key=lambda e: e[0])
        for _, path, document in hooks:
            text += f"---\n# Source: {path}\n{document}\n"
    sys.stdout.write(text)


def main(argv):
    if not argv:
        fail("expected a subcommand (version, template)")
    command, args = argv[0], argv[1:]
    if command == "version":
        print(VERSION)
    elif command == "template":
        template(args)
    else:
        fail(f"'{command}' is not available: this helm only renders local charts offline "
             "(version, template)")


if __name__ == "__main__":
    main(sys.argv[1:])
