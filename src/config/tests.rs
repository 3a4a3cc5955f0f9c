use super::*;
use crate::explain::Hint;
use serde_json::json;

const CM: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";

fn yaml(text: &str) -> Result<ConfigFile, ConfigError> {
    parse(text, Format::Yaml, Path::new("dir/web.yaml"))
}

fn toml(text: &str) -> Result<ConfigFile, ConfigError> {
    parse(text, Format::Toml, Path::new("dir/web.toml"))
}

fn one(r: Result<ConfigFile, ConfigError>) -> Component {
    let f = r.unwrap();
    assert_eq!(f.components.len(), 1, "{f:?}");
    f.components.into_iter().next().unwrap()
}

fn err(r: Result<ConfigFile, ConfigError>) -> String {
    r.unwrap_err().to_string()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

#[test]
fn format_follows_the_extension() {
    assert_eq!(Format::from_path(Path::new("a/b.toml")), Format::Toml);
    assert_eq!(Format::from_path(Path::new("a/b.TOML")), Format::Toml);
    assert_eq!(Format::from_path(Path::new("a/b.yaml")), Format::Yaml);
    assert_eq!(Format::from_path(Path::new("a/b.json")), Format::Yaml);
    assert_eq!(Format::from_path(Path::new("a/b")), Format::Yaml);
}

#[test]
fn inline_manifest_yaml_and_toml() {
    let text = format!("namespace: web\nmanifest: |\n{}", indent(CM));
    let c = one(yaml(&text));
    assert_eq!(c.name, "web"); // the file's stem
    assert_eq!(c.namespace, "web");
    assert_eq!(c.source, Source::Manifest(CM.to_string()));
    assert_eq!(c.drift_schedule, None);

    let c = one(toml(&format!(
        "name = \"cm\"\ntype = \"kubernetes_manifest\"\nnamespace = \"web\"\n\
         drift_schedule = \"0 */6 * * *\"\nmanifest = \"\"\"\n{CM}\"\"\"\n"
    )));
    assert_eq!(c.name, "cm");
    assert_eq!(c.source, Source::Manifest(CM.to_string()));
    assert_eq!(c.drift_schedule.as_deref(), Some("0 */6 * * *"));
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("  {l}\n")).collect()
}

#[test]
fn kustomize_block() {
    let c = one(toml(
        "namespace = \"web\"\n[kustomize]\npath = \"overlays/prod\"\npatches = [\"p.yaml\"]\n\
         enable_helm = true\nload_restrictor = \"none\"\n",
    ));
    assert_eq!(
        c.source,
        Source::Kustomize(Kustomize {
            path: "overlays/prod".into(),
            patches: vec!["p.yaml".into()],
            enable_helm: true,
            load_restrictor: Some(LoadRestrictor::None),
        })
    );
    let c = one(yaml(
        "namespace: web\nkustomize: {path: ., load_restrictor: rootOnly}\n",
    ));
    assert_eq!(
        c.source,
        Source::Kustomize(Kustomize {
            path: ".".into(),
            patches: vec![],
            enable_helm: false,
            load_restrictor: Some(LoadRestrictor::RootOnly),
        })
    );
    // Empty and null mean "not set".
    let c = one(yaml(
        "namespace: web\nkustomize: {path: ., load_restrictor: '', patches: null, enable_helm: null}\n",
    ));
    let Source::Kustomize(k) = c.source else {
        panic!()
    };
    assert_eq!(k.load_restrictor, None);
}

#[test]
fn oci_artifact_block() {
    let c = one(yaml(
        "namespace: vendor\noci_artifact:\n  url: oci://ghcr.io/vendor/app\n  tag: v2.3.1\n  \
         credentials_ref: creds\n",
    ));
    assert_eq!(
        c.source,
        Source::OciArtifact(OciArtifact {
            url: "oci://ghcr.io/vendor/app".into(),
            tag: Some("v2.3.1".into()),
            digest: None,
            credentials_ref: Some("creds".into()),
        })
    );
    let digest = format!("sha256:{}", "a".repeat(64));
    let c = one(toml(&format!(
        "namespace = \"v\"\n[oci_artifact]\nurl = \"oci://localhost:5000/app\"\ndigest = \"{digest}\"\n"
    )));
    let Source::OciArtifact(o) = c.source else {
        panic!()
    };
    assert_eq!(o.digest.as_deref(), Some(digest.as_str()));
    assert_eq!(o.tag, None);
}

#[test]
fn the_platform_rules_and_messages() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "namespace: web\n",
            "one of 'manifest', 'kustomize', or 'oci_artifact' must be specified",
            "manifest|kustomize|oci_artifact",
        ),
        (
            // An empty manifest and null blocks do not count, as in Go.
            "namespace: web\nmanifest: ''\nkustomize: null\noci_artifact: ~\n",
            "one of 'manifest', 'kustomize', or 'oci_artifact' must be specified",
            "manifest|kustomize|oci_artifact",
        ),
        (
            "namespace: web\nmanifest: x\nkustomize: {path: .}\n",
            "only one of 'manifest', 'kustomize', or 'oci_artifact' can be specified (found manifest, kustomize)",
            "manifest|kustomize|oci_artifact",
        ),
        (
            "namespace: web\nkustomize: {path: .}\noci_artifact: {url: oci://a.io/b, tag: v1}\n",
            "only one of 'manifest', 'kustomize', or 'oci_artifact' can be specified (found kustomize, oci_artifact)",
            "manifest|kustomize|oci_artifact",
        ),
        (
            "namespace: web\nkustomize: {}\n",
            "kustomize.path is required",
            "kustomize.path",
        ),
        (
            "namespace: web\nkustomize: {path: ''}\n",
            "kustomize.path is required",
            "kustomize.path",
        ),
        (
            "namespace: web\noci_artifact: {tag: v1}\n",
            "oci_artifact.url is required",
            "oci_artifact.url",
        ),
        (
            "namespace: web\noci_artifact: {url: oci://a.io/b}\n",
            "oci_artifact requires either tag or digest",
            "oci_artifact.tag|oci_artifact.digest",
        ),
        (
            "namespace: web\noci_artifact: {url: oci://a.io/b, tag: '', digest: ''}\n",
            "oci_artifact requires either tag or digest",
            "oci_artifact.tag|oci_artifact.digest",
        ),
        ("manifest: x\n", "namespace is required", "namespace"),
        ("namespace: ''\nmanifest: x\n", "namespace is required", "namespace"),
    ];
    for (text, message, field) in cases {
        let e = yaml(text).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("dir/web.yaml: component \"web\": {message}"),
            "{text}"
        );
        assert_eq!(e.field().as_deref(), Some(*field), "{text}");
        assert_eq!(e.component().as_deref(), Some("web"));
    }
}

#[test]
fn the_same_rules_in_toml() {
    let e = err(toml("namespace = \"w\"\nmanifest = \"x\"\n[oci_artifact]\nurl = \"oci://a.io/b\"\ntag = \"v1\"\n"));
    assert_eq!(e, "dir/web.toml: component \"web\": only one of 'manifest', 'kustomize', or 'oci_artifact' can be specified (found manifest, oci_artifact)");
    let e = err(toml("namespace = \"w\"\n[kustomize]\nenable_helm = true\n"));
    assert_eq!(
        e,
        "dir/web.toml: component \"web\": kustomize.path is required"
    );
    let e = err(toml(
        "namespace = \"w\"\n[oci_artifact]\nurl = \"oci://a.io/b\"\n",
    ));
    assert_eq!(
        e,
        "dir/web.toml: component \"web\": oci_artifact requires either tag or digest"
    );
    let e = err(toml("name = \"x\"\nnamespace = \"w\"\n"));
    assert_eq!(e, "dir/web.toml: component \"x\": one of 'manifest', 'kustomize', or 'oci_artifact' must be specified");
}

#[test]
fn rules_are_checked_in_the_platform_order() {
    // Required namespace first, then the source count, then the chosen block.
    assert!(err(yaml("kustomize: {}\n")).ends_with("namespace is required"));
    assert!(err(yaml("namespace: w\nkustomize: {}\noci_artifact: {}\n")).contains("only one of"));
    // The source rules come before the namespace's own checks.
    assert!(err(yaml("namespace: Bad_NS\n")).ends_with("must be specified"));
}

#[test]
fn types_are_checked_and_named() {
    for (text, message) in [
        (
            "namespace: 5\nmanifest: x\n",
            "namespace must be a string, not a number",
        ),
        (
            "namespace: w\nmanifest: [a]\n",
            "manifest must be a string, not a list",
        ),
        (
            "namespace: w\nkustomize: overlays\n",
            "kustomize must be a mapping, not a string",
        ),
        (
            "namespace: w\noci_artifact: true\n",
            "oci_artifact must be a mapping, not a boolean",
        ),
        (
            "namespace: w\ndrift_schedule: 5\nmanifest: x\n",
            "drift_schedule must be a string, not a number",
        ),
        (
            "namespace: w\nkustomize: {path: 1}\n",
            "kustomize.path must be a string, not a number",
        ),
        (
            "namespace: w\nkustomize: {path: ., patches: p}\n",
            "kustomize.patches must be a list of strings, not a string",
        ),
        (
            "namespace: w\nkustomize: {path: ., patches: [1]}\n",
            "kustomize.patches[0] must be a string, not a number",
        ),
        (
            "namespace: w\nkustomize: {path: ., enable_helm: 'yes'}\n",
            "kustomize.enable_helm must be a boolean, not a string",
        ),
        (
            "namespace: w\noci_artifact: {url: 1, tag: v}\n",
            "oci_artifact.url must be a string, not a number",
        ),
        (
            "namespace: w\noci_artifact: {url: oci://a.io/b, tag: 1}\n",
            "oci_artifact.tag must be a string, not a number",
        ),
    ] {
        let e = yaml(text).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("dir/web.yaml: component \"web\": {message}"),
            "{text}"
        );
    }
}

#[test]
fn unknown_keys_in_the_blocks_are_errors() {
    let e = yaml("namespace: w\nkustomize: {path: ., enable_helms: true}\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "dir/web.yaml: component \"web\": unknown field kustomize.enable_helms (expected one of: path, patches, enable_helm, load_restrictor)"
    );
    assert_eq!(e.field().as_deref(), Some("kustomize.enable_helms"));
    let e = err(yaml(
        "namespace: w\noci_artifact: {url: oci://a.io/b, version: v1}\n",
    ));
    assert!(e.ends_with("unknown field oci_artifact.version (expected one of: url, tag, digest, credentials_ref)"), "{e}");
    // Beside the block, the platform's other keys are fine.
    one(yaml(
        "name: w\ntype: kubernetes_manifest\nnamespace: w\nkustomize: {path: .}\n\
         public_repo: {repo: a/b, directory: ., branch: main}\ndependencies: [x]\nmax_auto_retries: 5\n",
    ));
}

#[test]
fn keys_match_case_insensitively() {
    let c = one(yaml(
        "Namespace: w\nKustomize: {Path: ., Enable_Helm: true}\n",
    ));
    let Source::Kustomize(k) = c.source else {
        panic!()
    };
    assert_eq!(k.path, ".");
    assert!(k.enable_helm);
}

#[test]
fn load_restrictor_values() {
    let e = err(yaml(
        "namespace: w\nkustomize: {path: ., load_restrictor: LoadRestrictionsNone}\n",
    ));
    assert!(
        e.ends_with(
            "kustomize.load_restrictor must be 'none' or 'rootOnly', not \"LoadRestrictionsNone\""
        ),
        "{e}"
    );
}

#[test]
fn oci_references_are_checked() {
    let e = err(yaml(
        "namespace: w\noci_artifact: {url: ghcr.io/a/b, tag: v1}\n",
    ));
    assert!(
        e.contains(
            "oci_artifact.url: invalid artifact reference \"ghcr.io/a/b\": must start with oci://"
        ),
        "{e}"
    );
    let e = err(yaml(
        "namespace: w\noci_artifact: {url: 'oci://ghcr.io/a/b:v1', tag: v1}\n",
    ));
    assert!(
        e.contains("oci_artifact.url \"oci://ghcr.io/a/b:v1\" must not include a tag or digest"),
        "{e}"
    );
    let e = err(yaml(
        "namespace: w\noci_artifact: {url: 'oci://ghcr.io/a/b', tag: 'v 1'}\n",
    ));
    assert!(
        e.contains("oci_artifact.tag: invalid artifact reference"),
        "{e}"
    );
    let e = err(yaml(
        "namespace: w\noci_artifact: {url: 'oci://ghcr.io/a/b', digest: 'sha256:xyz'}\n",
    ));
    assert!(
        e.contains("oci_artifact.digest: invalid artifact reference"),
        "{e}"
    );
}

#[test]
fn namespaces_are_labels_or_templates_over_nuon() {
    let m = format!("manifest: |\n{}", indent(CM));
    for ns in [
        "web",
        "{{.nuon.install.id}}",
        "{{ .nuon.install.id }}-dne",
        "a-{{- .nuon.x -}}",
    ] {
        let c = one(yaml(&format!("namespace: '{ns}'\n{m}")));
        assert_eq!(c.namespace, ns);
    }
    let e = err(yaml(&format!("namespace: Web_1\n{m}")));
    assert!(
        e.contains("component \"web\": namespace \"Web_1\" is not a valid namespace name"),
        "{e}"
    );
    let e = yaml(&format!(
        "namespace: '{{{{ .nuon.install.id | lower }}}}'\n{m}"
    ))
    .unwrap_err();
    assert!(e.to_string().contains("component \"web\": namespace: template \"{{ .nuon.install.id | lower }}\": unsupported action"), "{e}");
    assert!(e.hint().is_some());
    assert_eq!(e.field().as_deref(), Some("namespace"));
    let e = err(yaml(&format!("namespace: '{{{{ .install.id }}}}'\n{m}")));
    assert!(
        e.contains("namespace: template path .install.id does not start with .nuon"),
        "{e}"
    );
    let e = err(yaml(&format!("namespace: 'ns-{{{{ .nuon.id'\n{m}")));
    assert!(e.contains("unclosed action"), "{e}");
}

#[test]
fn inline_manifests_must_be_kubernetes_objects() {
    let e = yaml("namespace: w\nmanifest: |\n  apiVersion: v1\n  kind: [\n").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("dir/web.yaml: component \"web\": manifest: line "),
        "{e}"
    );
    let e = yaml("namespace: w\nmanifest: |\n  kind: ConfigMap\n  data:\n    a: {{ .nuon.x }}\n")
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("manifest: template actions in manifest text, which is not templated (line 3: {{ .nuon.x }})"),
        "{e}"
    );
    assert!(e.hint().is_some_and(|h| h.contains("kustomize overlay")));
    let e = err(yaml(
        "namespace: w\nmanifest: |\n  apiVersion: v1\n  metadata: {name: x}\n",
    ));
    assert!(e.ends_with("manifest:1: missing kind"), "{e}");
    let e = err(yaml("namespace: w\nmanifest: |\n  # only a comment\n"));
    assert!(e.ends_with("manifest: no Kubernetes objects"), "{e}");
}

#[test]
fn manifest_file_references_are_read_relative_to_the_config() {
    let c = one(load(&fixture("app.toml")).map(|mut f| {
        f.components.truncate(1);
        f
    }));
    let Source::Manifest(text) = &c.source else {
        panic!()
    };
    assert!(text.contains("kind: CustomResourceDefinition"));
    let e = err(yaml("namespace: w\nmanifest: ./missing.yaml\n"));
    assert!(
        e.contains("manifest: cannot read \"./missing.yaml\" (dir/./missing.yaml)"),
        "{e}"
    );
    let e = err(yaml(
        "namespace: w\nmanifest: https://example.com/crds.yaml\n",
    ));
    assert!(
        e.contains("manifest: \"https://example.com/crds.yaml\" is a URL"),
        "{e}"
    );
    // One-line YAML or JSON is content, not a file name.
    let c = one(yaml("namespace: w\nmanifest: '{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a.json\"}}'\n"));
    assert!(matches!(c.source, Source::Manifest(_)));
}

#[test]
fn component_shapes() {
    // Nested block with name and type.
    let c = one(yaml(&format!(
        "name: cm\ntype: kubernetes_manifest\nkubernetes_manifest:\n  namespace: w\n  manifest: |\n{}",
        indent(&indent(CM))
    )));
    assert_eq!(c.name, "cm");
    // A nested block plus top-level block keys is ambiguous.
    let e = err(yaml(
        "name: cm\nnamespace: w\nkubernetes_manifest: {namespace: w, kustomize: {path: .}}\n",
    ));
    assert!(e.ends_with("component \"cm\": has a kubernetes_manifest block and also top-level namespace: put them in the block"), "{e}");
    // Another type.
    let e = err(yaml("name: db\ntype: helm_chart\n"));
    assert_eq!(
        e,
        "dir/web.yaml: component \"db\": type is \"helm_chart\", not \"kubernetes_manifest\""
    );
    // Not a mapping.
    assert_eq!(
        err(yaml("- a\n")),
        "dir/web.yaml: expected a mapping at the top level, found a list"
    );
    assert_eq!(err(yaml("")), "dir/web.yaml: the file is empty");
    assert_eq!(
        err(yaml("namespace: w\n---\nnamespace: x\n")),
        "dir/web.yaml: has 2 YAML documents (the second at line 3); a config file has one"
    );
    assert_eq!(
        err(yaml("components: {}\n")),
        "dir/web.yaml: components must be a list, not a mapping"
    );
}

#[test]
fn app_files() {
    let f = load(&fixture("app.yaml")).unwrap();
    let names: Vec<&str> = f.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["my-configmap", "my-app", "vendor-app"]);
    assert_eq!(f.other_components, ["database"]);
    assert!(matches!(f.components[0].source, Source::Manifest(_)));
    assert!(matches!(f.components[1].source, Source::Kustomize(_)));
    assert!(matches!(f.components[2].source, Source::OciArtifact(_)));
    assert_eq!(
        f.component(Some("my-app")).unwrap().namespace,
        "{{.nuon.install.id}}"
    );
    let e = f.component(None).unwrap_err();
    assert!(e.to_string().ends_with("app.yaml: 3 kubernetes_manifest components (my-configmap, my-app, vendor-app): choose one with --component NAME"), "{e}");
    let e = f.component(Some("nope")).unwrap_err();
    assert!(e.to_string().ends_with("no kubernetes_manifest component named \"nope\" (components: my-configmap, my-app, vendor-app)"), "{e}");

    let f = load(&fixture("app.toml")).unwrap();
    let names: Vec<&str> = f.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["crds", "guestbook"]);
    assert_eq!(f.other_components, ["infra"]);

    let e = yaml("components:\n- name: a\n  type: kubernetes_manifest\n  namespace: w\n- name: b\n  type: kubernetes_manifest\n  namespace: w\n  kustomize: {}\n").unwrap_err();
    // The first failing component is reported, by name.
    assert_eq!(e.to_string(), "dir/web.yaml: component \"a\": one of 'manifest', 'kustomize', or 'oci_artifact' must be specified");
    let e = yaml("components:\n- type: kubernetes_manifest\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "dir/web.yaml: components[0]: name is required"
    );
    assert_eq!(e.component().as_deref(), Some("components[0]"));
    let e = err(yaml("components:\n- name: a\n  namespace: w\n"));
    assert_eq!(e, "dir/web.yaml: component \"a\": type is required");
    let e = err(yaml(
        "components:\n- {name: a, type: helm_chart}\n- {name: a, type: helm_chart}\n",
    ));
    assert_eq!(
        e,
        "dir/web.yaml: component \"a\": the name is used by another component too"
    );
    let e = err(yaml("components:\n- {name: a, type: helm_chart}\n"));
    assert_eq!(
        e,
        "dir/web.yaml: no kubernetes_manifest component (other components: a)"
    );
    let e = err(yaml("components:\n- 3\n"));
    assert_eq!(
        e,
        "dir/web.yaml: components[0] must be a mapping, not a number"
    );
}

#[test]
fn parse_errors_name_file_and_line() {
    let e = yaml("name: web\nnamespace: [\n  a\nmanifest: x\n").unwrap_err();
    let ConfigError::Yaml { line, .. } = &e else {
        panic!("{e:?}")
    };
    assert!(*line >= 2, "{e}");
    assert!(
        e.to_string()
            .starts_with("dir/web.yaml: invalid YAML at line "),
        "{e}"
    );

    let e = toml("name = \"web\"\nnamespace = \"w\"\n[kustomize\npath = \".\"\n").unwrap_err();
    assert!(matches!(&e, ConfigError::Toml { line: 3, .. }), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("dir/web.toml: invalid TOML at line 3, column "),
        "{e}"
    );
    let e = toml("a = 1\na = 2\n").unwrap_err();
    assert!(matches!(&e, ConfigError::Toml { line: 2, .. }), "{e:?}");
    // Duplicate YAML keys are errors too (go-yaml v3).
    let e = yaml("namespace: a\nnamespace: b\n").unwrap_err();
    assert!(e.to_string().contains("line 2"), "{e}");
}

#[test]
fn missing_files_are_named() {
    let e = load(Path::new("/nonexistent/c.yaml")).unwrap_err();
    assert!(e.to_string().starts_with("/nonexistent/c.yaml: "), "{e}");
}

#[test]
fn build_plans_follow_the_platform_shape() {
    let f = load(&fixture("app.yaml")).unwrap();
    let plan = |name| {
        serde_json::to_value(build_plan(f.component(Some(name)).unwrap(), "cmp1", "bld1")).unwrap()
    };
    let labels = json!({"component_build_id": "bld1", "component_id": "cmp1"});
    assert_eq!(
        plan("my-configmap"),
        json!({
            "labels": labels,
            "source_type": "inline",
            "inline_manifest": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-config\ndata:\n  key: value\n",
        })
    );
    assert_eq!(
        plan("my-app"),
        json!({
            "labels": labels,
            "source_type": "kustomize",
            "kustomize_path": "./k8s/overlays/production",
            "kustomize_config": {"patches": ["./k8s/patches/resource-limits.yaml"]},
        })
    );
    assert_eq!(
        plan("vendor-app"),
        json!({
            "labels": labels,
            "source_type": "oci_artifact",
            "oci_artifact_source": {"url": "oci://ghcr.io/vendor/app-manifests", "tag": "v2.3.1"},
        })
    );
    // Go's key order: struct fields in order, map keys sorted.
    let text =
        serde_json::to_string(&build_plan(f.component(Some("my-app")).unwrap(), "c", "b")).unwrap();
    assert!(text.starts_with("{\"labels\":{\"component_build_id\":\"b\",\"component_id\":\"c\"},\"source_type\":\"kustomize\",\"kustomize_path\""), "{text}");
    // A kustomize block with nothing but the path still has a (empty) config, like Go's pointer.
    let c = one(yaml("namespace: w\nkustomize: {path: .}\n"));
    assert_eq!(
        serde_json::to_value(build_plan(&c, "c", "b")).unwrap()["kustomize_config"],
        json!({})
    );
    let c = one(load(&fixture("kustomize.toml")));
    assert_eq!(
        serde_json::to_value(build_plan(&c, "c", "b")).unwrap()["kustomize_config"],
        json!({"patches": ["./patches/resource-limits.yaml"], "enable_helm": true, "load_restrictor": "none"})
    );
}

#[test]
fn build_plans_read_back_as_written() {
    let f = load(&fixture("app.yaml")).unwrap();
    let c = one(load(&fixture("kustomize.toml")));
    let components = f.components.iter().chain([&c]);
    for component in components {
        let plan = build_plan(component, "cmp1", "bld1");
        let text = serde_json::to_string(&plan).unwrap();
        let back: KubernetesManifestBuildPlan = serde_json::from_str(&text).unwrap();
        assert_eq!(back, plan, "{text}");
    }
}

#[test]
fn the_schema_is_json_and_matches_the_reader() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&schema["properties"]), BLOCK_KEYS);
    assert_eq!(
        keys(&schema["$defs"]["kustomize"]["properties"]),
        KUSTOMIZE_KEYS
    );
    assert_eq!(
        keys(&schema["$defs"]["oci_artifact"]["properties"]),
        OCI_KEYS
    );
    assert_eq!(schema["required"], json!(["namespace"]));
}

#[test]
fn fixtures_are_valid_and_invalid_ones_are_not() {
    for name in [
        "inline.toml",
        "kustomize.toml",
        "oci.yaml",
        "app.yaml",
        "app.toml",
    ] {
        load(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let dir = fixture("invalid");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        assert!(load(&path).is_err(), "{} should be invalid", path.display());
    }
}

#[test]
fn template_actions_are_found_with_their_lines() {
    let text = "a: 1\nb: \"{{ .x }}\" {{.y}}\nc: '{{ f\n  .z }}'\nd: {{ open";
    let found: Vec<(usize, String)> = template_actions(text)
        .into_iter()
        .map(|a| (a.line, a.text))
        .collect();
    assert_eq!(
        found,
        [
            (2, "{{ .x }}".to_string()),
            (2, "{{.y}}".to_string()),
            (3, "{{ f .z }}".to_string()),
            (5, "{{ open".to_string()),
        ]
    );
    assert!(template_actions("plain: text").is_empty());
}
