//! `kzr config validate|schema|build-plan` end to end, on the fixtures in
//! tests/fixtures/config/.

use crate::common;
use common::*;
use serde_json::{json, Value};
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/config", name]
        .iter()
        .collect();
    p.to_str().unwrap().to_string()
}

fn json_out(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", text(&out.stdout)))
}

/// The error line (the first line on stderr) of a failed run.
fn error_line(out: &std::process::Output) -> String {
    assert!(
        !out.status.success(),
        "expected failure: {}",
        text(&out.stdout)
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let first = stderr.lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("error: "), "{stderr}");
    // At most a hint follows.
    assert!(
        stderr.lines().skip(1).all(|l| l.starts_with("hint: ")),
        "{stderr}"
    );
    first
}

#[test]
fn validate_accepts_the_valid_fixtures() {
    for (name, components) in [
        ("inline.toml", vec!["configmap"]),
        ("kustomize.toml", vec!["kustomize"]),
        ("oci.yaml", vec!["oci"]),
        ("app.yaml", vec!["my-configmap", "my-app", "vendor-app"]),
        ("app.toml", vec!["crds", "guestbook"]),
    ] {
        let f = fixture(name);
        let out = kzr(&["config", "validate", &f]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "text mode prints no data");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with(&format!("{f}: ok (")), "{stderr}");
        assert!(stderr.contains(&components.join(", ")), "{stderr}");

        let out = kzr(&["config", "validate", &f, "-o", "json"]);
        assert!(out.status.success());
        let v = json_out(&out);
        assert_eq!(v["valid"], true);
        assert_eq!(v["components"], json!(components));

        let out = kzr(&["config", "validate", &f, "--quiet"]);
        assert!(out.status.success() && out.stderr.is_empty() && out.stdout.is_empty());
    }
    let v = json_out(&kzr(&[
        "config",
        "validate",
        &fixture("app.yaml"),
        "-o",
        "json",
    ]));
    assert_eq!(v["skipped"], json!(["database"]));
}

#[test]
fn validate_rejects_with_one_line_naming_file_component_and_field() {
    for (name, component, message) in [
        ("no-source.yaml", "web", "one of 'manifest', 'kustomize', or 'oci_artifact' must be specified"),
        ("several-sources.toml", "web", "only one of 'manifest', 'kustomize', or 'oci_artifact' can be specified (found manifest, kustomize)"),
        ("kustomize-no-path.yaml", "guestbook", "kustomize.path is required"),
        ("oci-no-url.toml", "vendor", "oci_artifact.url is required"),
        ("oci-no-version.yaml", "oci-no-version", "oci_artifact requires either tag or digest"),
        ("no-namespace.yaml", "web", "namespace is required"),
    ] {
        let f = fixture(&format!("invalid/{name}"));
        let line = error_line(&kzr(&["config", "validate", &f]));
        assert_eq!(
            line,
            format!("error: {f}: component \"{component}\": {message}"),
            "{name}"
        );
    }
}

#[test]
fn validate_reports_parse_errors_with_file_and_line() {
    let f = fixture("invalid/bad-yaml.yaml");
    let line = error_line(&kzr(&["config", "validate", &f]));
    assert!(
        line.starts_with(&format!("error: {f}: invalid YAML at line 3, column ")),
        "{line}"
    );
    let f = fixture("invalid/bad-toml.toml");
    let line = error_line(&kzr(&["config", "validate", &f]));
    assert!(
        line.starts_with(&format!("error: {f}: invalid TOML at line 3, column ")),
        "{line}"
    );
    let line = error_line(&kzr(&["config", "validate", "/nonexistent/c.toml"]));
    assert!(line.starts_with("error: /nonexistent/c.toml: "), "{line}");
}

#[test]
fn validate_explains_templates() {
    // Unquoted, the action is not YAML; the action is named, not the parse error.
    let f = fixture("invalid/templated-manifest.yaml");
    let out = kzr(&["config", "validate", &f]);
    let line = error_line(&out);
    assert_eq!(
        line,
        format!(
            "error: {f}: component \"web\": manifest: template actions in manifest text, which \
             is not templated (line 6: {{{{ .nuon.inputs.inputs.replicas }}}}): they would be \
             applied as written"
        )
    );
    assert!(text(&out.stderr).contains("hint: move per-install values into a kustomize overlay"));

    // Quoted, they parse, and would be applied literally: every one is found, across lines.
    let f = fixture("invalid/templated-file.toml");
    let out = kzr(&["config", "validate", &f, "-o", "json"]);
    let line = error_line(&out);
    assert!(
        line.contains(
            "component \"db_secret\": manifest (../manifests/per-install-secret.yaml): template \
             actions in manifest text, which is not templated (line 6: {{.nuon.install.id}}; \
             line 8: {{ .nuon.components.rds.outputs.host }}; line 9: \
             {{ .nuon.components.rds.outputs.port }} and 2 more)"
        ),
        "{line}"
    );
    let v = json_out(&out);
    let actions: Vec<(u64, &str)> = v["templateActions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["line"].as_u64().unwrap(), a["action"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            (6, "{{.nuon.install.id}}"),
            (8, "{{ .nuon.components.rds.outputs.host }}"),
            (9, "{{ .nuon.components.rds.outputs.port }}"),
            (10, "{{ .nuon.inputs.inputs.db_user }}"),
            (11, "{{ ternary 3 1 (eq \"true\" .nuon.inputs.inputs.ha) }}"),
        ]
    );

    // `{{ }}` that does not read the platform's data is content (an alerting template).
    let f = fixture("alerting-rules.toml");
    let out = kzr(&["config", "validate", &f]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let f = fixture("invalid/bad-namespace.yaml");
    let line = error_line(&kzr(&["config", "validate", &f]));
    assert!(
        line.contains("component \"web\": namespace: template \"{{ .nuon.install.id | lower }}\": unsupported action"),
        "{line}"
    );
}

#[test]
fn validate_json_describes_the_failure() {
    let f = fixture("invalid/kustomize-no-path.yaml");
    let out = kzr(&["config", "validate", &f, "-o", "json"]);
    error_line(&out);
    let v = json_out(&out);
    assert_eq!(
        v,
        json!({
            "valid": false,
            "file": f,
            "component": "guestbook",
            "field": "kustomize.path",
            "error": format!("{f}: component \"guestbook\": kustomize.path is required"),
        })
    );
}

#[test]
fn schema_is_a_json_schema() {
    let out = kzr(&["config", "schema"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v = json_out(&out);
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(v["required"], json!(["namespace"]));
    for key in [
        "namespace",
        "drift_schedule",
        "manifest",
        "kustomize",
        "oci_artifact",
    ] {
        assert!(v["properties"].get(key).is_some(), "{key}");
    }
    assert_eq!(v["$defs"]["kustomize"]["required"], json!(["path"]));
    assert_eq!(v["$defs"]["oci_artifact"]["required"], json!(["url"]));
    assert_eq!(v["oneOf"].as_array().unwrap().len(), 3);
}

fn build_plan(args: &[&str]) -> Value {
    let mut all = vec!["config", "build-plan"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--component-id", "cmp123", "--build-id", "bld456"]);
    let out = kzr(&all);
    assert!(out.status.success(), "{}", text(&out.stderr));
    json_out(&out)
}

#[test]
fn build_plan_for_each_source_type() {
    let labels = json!({"component_build_id": "bld456", "component_id": "cmp123"});
    assert_eq!(
        build_plan(&[&fixture("inline.toml")]),
        json!({
            "labels": labels,
            "source_type": "inline",
            "inline_manifest": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-config\ndata:\n  key: value\n",
        })
    );
    assert_eq!(
        build_plan(&[&fixture("kustomize.toml")]),
        json!({
            "labels": labels,
            "source_type": "kustomize",
            "kustomize_path": "./kustomize-guestbook",
            "kustomize_config": {
                "patches": ["./patches/resource-limits.yaml"],
                "enable_helm": true,
                "load_restrictor": "none",
            },
        })
    );
    assert_eq!(
        build_plan(&[&fixture("oci.yaml")]),
        json!({
            "labels": labels,
            "source_type": "oci_artifact",
            "oci_artifact_source": {
                "url": "oci://123456789.dkr.ecr.us-west-2.amazonaws.com/manifests",
                "tag": "v1.0.0",
                "digest": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "credentials_ref": "aws-ecr-creds",
            },
        })
    );
    // A manifest given as a path is inlined.
    let v = build_plan(&[&fixture("app.toml"), "--component", "crds"]);
    assert_eq!(v["source_type"], "inline");
    assert!(v["inline_manifest"]
        .as_str()
        .unwrap()
        .starts_with("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"));
    let v = build_plan(&[&fixture("app.yaml"), "--component", "my-app"]);
    assert_eq!(v["kustomize_path"], "./k8s/overlays/production");
}

#[test]
fn build_plan_keys_come_in_go_order() {
    let out = kzr(&[
        "config",
        "build-plan",
        &fixture("kustomize.toml"),
        "--component-id",
        "c",
        "--build-id",
        "b",
    ]);
    let s = text(&out.stdout);
    let pos = |k: &str| {
        s.find(&format!("\"{k}\""))
            .unwrap_or_else(|| panic!("{k}: {s}"))
    };
    assert!(pos("labels") < pos("component_build_id"));
    assert!(pos("component_build_id") < pos("component_id"));
    assert!(pos("component_id") < pos("source_type"));
    assert!(pos("source_type") < pos("kustomize_path"));
    assert!(pos("kustomize_path") < pos("kustomize_config"));
    assert!(pos("patches") < pos("enable_helm"));
    assert!(pos("enable_helm") < pos("load_restrictor"));
}

#[test]
fn build_plan_needs_a_component_when_there_are_several() {
    let f = fixture("app.yaml");
    let line = error_line(&kzr(&[
        "config",
        "build-plan",
        &f,
        "--component-id",
        "c",
        "--build-id",
        "b",
    ]));
    assert_eq!(
        line,
        format!("error: {f}: 3 kubernetes_manifest components (my-configmap, my-app, vendor-app): choose one with --component NAME")
    );
    let line = error_line(&kzr(&[
        "config",
        "build-plan",
        &f,
        "--component",
        "database",
        "--component-id",
        "c",
        "--build-id",
        "b",
    ]));
    assert!(line.ends_with("no kubernetes_manifest component named \"database\" (components: my-configmap, my-app, vendor-app)"), "{line}");
    // An invalid file gets no plan.
    let out = kzr(&[
        "config",
        "build-plan",
        &fixture("invalid/no-source.yaml"),
        "--component-id",
        "c",
        "--build-id",
        "b",
    ]);
    error_line(&out);
    assert!(out.stdout.is_empty());
    // The ids are required.
    let out = kzr(&[
        "config",
        "build-plan",
        &fixture("oci.yaml"),
        "--build-id",
        "b",
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--component-id"));
}

#[test]
fn help_has_examples() {
    for verb in ["validate", "schema", "build-plan"] {
        let out = kzr(&["config", verb, "--help"]);
        assert!(out.status.success());
        assert!(
            text(&out.stdout).contains(&format!("kzr config {verb}")),
            "{verb}"
        );
        assert!(text(&out.stdout).contains("Example"), "{verb}");
    }
}

/// A loopback HTTP server answering by path: `/crds.yaml` (the manifest), `/huge.yaml` (a
/// declared length over the cap), `/away` (a redirect to plain HTTP elsewhere), else 404.
fn manifest_server(manifest: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let response = match path.as_str() {
                "/crds.yaml" => format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{manifest}",
                    manifest.len()
                ),
                "/huge.yaml" => "HTTP/1.1 200 OK\r\nContent-Length: 20000000\r\nConnection: close\r\n\r\n".to_string(),
                "/away" => "HTTP/1.1 302 Found\r\nLocation: http://example.invalid/crds.yaml\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
                _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{addr}")
}

#[test]
fn build_plan_fetches_manifest_urls_when_asked() {
    use sha2::Digest;
    const CRDS: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: downloaded\n";
    let base = manifest_server(CRDS);
    let config = |path: &str| {
        format!("name = \"crds\"\ntype = \"kubernetes_manifest\"\nnamespace = \"app\"\nmanifest = \"{base}{path}\"\n")
    };
    let dir = tree(&[
        ("ok.toml", &config("/crds.yaml")),
        ("missing.toml", &config("/missing.yaml")),
        ("huge.toml", &config("/huge.yaml")),
        ("away.toml", &config("/away")),
        (
            "insecure.toml",
            "name = \"crds\"\ntype = \"kubernetes_manifest\"\nnamespace = \"app\"\nmanifest = \"http://example.invalid/crds.yaml\"\n",
        ),
    ]);
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let ids = ["--component-id", "c", "--build-id", "b"];

    // Without --fetch: refused, with the flag to pass.
    let mut args = vec!["config", "build-plan"];
    let ok = file("ok.toml");
    args.push(&ok);
    args.extend_from_slice(&ids);
    let out = kzr(&args);
    let line = error_line(&out);
    assert!(
        line.ends_with(&format!(
            "component \"crds\": manifest: \"{base}/crds.yaml\" is a URL, and downloading was not asked for"
        )),
        "{line}"
    );
    assert!(
        text(&out.stderr).contains("hint: pass --fetch"),
        "{}",
        text(&out.stderr)
    );

    // With --fetch: embedded, with its URL and digest.
    let v = build_plan(&[&ok, "--fetch"]);
    assert_eq!(v["inline_manifest"], CRDS);
    assert_eq!(v["manifest_url"], format!("{base}/crds.yaml"));
    assert_eq!(
        v["manifest_sha256"],
        format!(
            "sha256:{}",
            hex::encode(sha2::Sha256::digest(CRDS.as_bytes()))
        )
    );
    let validated = kzr(&["config", "validate", &ok, "--fetch"]);
    assert!(validated.status.success(), "{}", text(&validated.stderr));

    // Each bad download is one line naming the URL.
    for (name, expected) in [
        (
            "missing.toml",
            format!("cannot download {base}/missing.yaml: the server answered 404"),
        ),
        (
            "huge.toml",
            format!("cannot download {base}/huge.yaml: larger than 16 MiB"),
        ),
        ("away.toml", format!("cannot download {base}/away: ")),
        (
            "insecure.toml",
            "http://example.invalid/crds.yaml: only https:// URLs are downloaded".to_string(),
        ),
    ] {
        let f = file(name);
        let out = kzr(&[
            "config",
            "build-plan",
            &f,
            "--fetch",
            "--component-id",
            "c",
            "--build-id",
            "b",
        ]);
        let line = error_line(&out);
        assert!(line.contains(&expected), "{name}: {line}");
    }
}
