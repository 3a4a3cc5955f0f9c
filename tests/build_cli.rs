//! `kzr build` end to end: sources, ordering, output formats, and bad input.

use crate::common;
use common::*;

const CM: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: app\ndata:\n  on: yes\n  mode: 0755\n";
const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: app\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        args: [\"--port\", \"8080\"]\n";
const NS: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n";

#[test]
fn files_build_like_an_implicit_kustomization() {
    let dir = tree(&[
        (
            "k/kustomization.yaml",
            "resources:\n- deploy.yaml\n- more/cm.yaml\n- ns.json\n",
        ),
        ("k/deploy.yaml", DEPLOY),
        ("k/more/cm.yaml", CM),
        (
            "k/ns.json",
            r#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"app"}}"#,
        ),
    ]);
    let k = dir.path().join("k");
    let expected = kubectl_kustomize(&k);
    assert!(expected.status.success());
    let p = |f: &str| k.join(f).to_str().unwrap().to_string();
    let ours = kzr(&[
        "build",
        "-f",
        &p("deploy.yaml"),
        "-f",
        &p("more"),
        "-f",
        &p("ns.json"),
    ]);
    assert!(ours.status.success(), "{}", text(&ours.stderr));
    assert_eq!(text(&ours.stdout), text(&expected.stdout));
    // The same directory given as DIR and as -k.
    assert_eq!(kzr(&["build", &p("")]).stdout, expected.stdout);
    assert_eq!(kzr(&["build", "-k", &p("")]).stdout, expected.stdout);
}

#[test]
fn directories_are_walked_in_name_order_and_filtered() {
    let dir = tree(&[
        ("m/b/deploy.yml", DEPLOY),
        ("m/a.yaml", NS),
        ("m/notes.txt", "not yaml"),
        (
            "m/c.json",
            r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}"#,
        ),
    ]);
    let out = kzr(&[
        "build",
        "--reorder",
        "none",
        "-f",
        dir.path().join("m").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let kinds: Vec<String> = text(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("kind: "))
        .map(str::to_string)
        .collect();
    assert_eq!(
        kinds,
        vec!["kind: Namespace", "kind: Deployment", "kind: ConfigMap"]
    );
}

#[test]
fn stdin_and_json_output() {
    let input = format!("{DEPLOY}---\n{NS}");
    let out = kzr_stdin(&["build", "-f", "-", "-o", "json"], input.as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "List");
    assert_eq!(v["apiVersion"], "v1");
    assert_eq!(v["items"][0]["kind"], "Namespace");
    assert_eq!(v["items"][1]["kind"], "Deployment");
    // JSON keeps the manifest's key order.
    let first_key = text(&out.stdout)
        .find("\"apiVersion\": \"apps/v1\"")
        .unwrap();
    let kind_key = text(&out.stdout)[first_key..].find("\"kind\"").unwrap();
    assert!(kind_key > 0);
}

#[test]
fn reorder_none_keeps_input_order() {
    let input = format!("{DEPLOY}---\n{NS}");
    let legacy = kzr_stdin(&["build", "-f", "-"], input.as_bytes());
    let none = kzr_stdin(&["build", "-f", "-", "--reorder", "none"], input.as_bytes());
    assert!(text(&legacy.stdout).starts_with("apiVersion: v1\nkind: Namespace"));
    assert!(text(&none.stdout).starts_with("apiVersion: apps/v1\nkind: Deployment"));
}

fn one_line_error(out: &std::process::Output) -> String {
    assert!(
        !out.status.success(),
        "expected failure, got:\n{}",
        text(&out.stdout)
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].starts_with("error: "), "{err}");
    assert!(
        lines.len() <= 2,
        "one error line plus an optional hint: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    lines[0].to_string()
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let dir = tree(&[(
        "bad.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [a\n",
    )]);
    let err = one_line_error(&kzr(&[
        "build",
        "-f",
        dir.path().join("bad.yaml").to_str().unwrap(),
    ]));
    assert!(err.contains("bad.yaml") && err.contains("line "), "{err}");
}

#[test]
fn templated_manifest_gets_the_hint() {
    let out = kzr_stdin(
        &["build", "-f", "-"],
        b"kind: A\nmetadata:\n  name: {{ .name }}\n  x: [\n",
    );
    one_line_error(&out);
    assert!(
        text(&out.stderr).contains("hint: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn missing_paths_are_named() {
    let err = one_line_error(&kzr(&["build", "-f", "/nonexistent/x.yaml"]));
    assert!(err.contains("/nonexistent/x.yaml"), "{err}");
    let dir = tree(&[("empty/.keep", "")]);
    let empty = dir.path().join("empty");
    let err = one_line_error(&kzr(&["build", empty.to_str().unwrap()]));
    assert!(
        err.contains(empty.to_str().unwrap()) && err.contains("kustomization"),
        "{err}"
    );
    let k = tree(&[("kustomization.yaml", "resources:\n- missing.yaml\n")]);
    let err = one_line_error(&kzr(&["build", k.path().to_str().unwrap()]));
    assert!(err.contains("missing.yaml"), "{err}");
}

#[test]
fn non_utf8_and_nul_bytes_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.yaml");
    std::fs::write(&bad, b"kind: A\nmetadata:\n  name: caf\xe9\n").unwrap();
    let err = one_line_error(&kzr(&["build", "-f", bad.to_str().unwrap()]));
    assert!(
        err.contains("latin1.yaml") && err.contains("UTF-8"),
        "{err}"
    );
    let nul = dir.path().join("nul.yaml");
    std::fs::write(&nul, b"kind: A\nmetadata:\n  name: a\x00b\n").unwrap();
    let err = one_line_error(&kzr(&["build", "-f", nul.to_str().unwrap()]));
    assert!(err.contains("nul.yaml") && err.contains("line 3"), "{err}");
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut bomb =
        String::from("kind: A\nmetadata:\n  name: x\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut prev = "a";
    for n in names {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("{n}: &{n} [{refs}]\n"));
        prev = n;
    }
    let start = std::time::Instant::now();
    let err = one_line_error(&kzr_stdin(&["build", "-f", "-"], bomb.as_bytes()));
    assert!(err.contains("aliases"), "{err}");
    // Not a timing test: only a guard against an exponential blow-up hanging the suite.
    assert!(start.elapsed().as_secs() < 60);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep: String = (0..5000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let input = format!(
        "kind: A\nmetadata:\n  name: x\nv:\n{}",
        deep.replace("\n", "\n  ").trim_end()
    );
    let err = one_line_error(&kzr_stdin(&["build", "-f", "-"], input.as_bytes()));
    assert!(err.contains("nesting too deep"), "{err}");
    let flow = format!(
        "kind: A\nmetadata:\n  name: x\nv: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = one_line_error(&kzr_stdin(&["build", "-f", "-"], flow.as_bytes()));
    assert!(err.contains("nesting too deep"), "{err}");
}

#[test]
fn fifty_megabyte_document_builds_correctly() {
    // One ConfigMap whose data holds ~50 MB across 50,000 keys.
    let mut doc = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n");
    let value = "v".repeat(1000);
    for i in 0..50_000 {
        doc.push_str(&format!("  key{i}: {value}\n"));
    }
    assert!(doc.len() > 50_000_000);
    let out = kzr_stdin(&["build", "-f", "-", "-o", "json"], doc.as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let data = v["items"][0]["data"].as_object().unwrap();
    assert_eq!(data.len(), 50_000);
    assert_eq!(data["key49999"].as_str().unwrap().len(), 1000);
}

#[test]
fn duplicate_objects_are_refused_with_both_places() {
    let input = format!("{NS}---\n{NS}");
    let err = one_line_error(&kzr_stdin(&["build", "-f", "-"], input.as_bytes()));
    assert!(
        err.contains("Namespace/app") && err.contains("<stdin>:1") && err.contains("<stdin>:6"),
        "{err}"
    );
}

#[test]
fn unresolvable_and_unsupported_entries_say_so() {
    // A var whose objref has no apiVersion matches nothing (kustomize compares versions
    // exactly): one line naming the var, with the reason.
    let k = tree(&[
        (
            "kustomization.yaml",
            "vars:\n- name: X\n  objref:\n    kind: Namespace\n    name: app\nresources:\n- ns.yaml\n",
        ),
        ("ns.yaml", NS),
    ]);
    let err = one_line_error(&kzr(&["build", k.path().to_str().unwrap()]));
    assert!(
        err.contains("vars: var 'X'")
            && err.contains("cannot be mapped")
            && err.contains("no apiVersion"),
        "{err}"
    );
    // Remote bases: one line naming the entry once, and a hint to vendor them.
    for entry in [
        "https://github.com/org/repo//base?ref=v1",
        "github.com/org/repo/base?ref=main",
    ] {
        let content = format!("resources:\n- {entry}\n");
        let k = tree(&[("kustomization.yaml", content.as_str())]);
        let out = kzr(&["build", k.path().to_str().unwrap()]);
        let err = one_line_error(&out);
        assert!(
            err.ends_with(&format!(
                "resources: {entry}: remote resources (git or http URLs) are not supported"
            )) && err.matches(entry).count() == 1,
            "{err}"
        );
        assert!(text(&out.stderr).contains("hint: vendor the remote base"));
    }
    let k = tree(&[("kustomization.yaml", "resourcez:\n- ns.yaml\n")]);
    let err = one_line_error(&kzr(&["build", k.path().to_str().unwrap()]));
    assert!(err.contains("unknown field \"resourcez\""), "{err}");
}

#[test]
fn nested_kustomizations_and_their_failures_match_kubectl() {
    let ok = tree(&[
        (
            "overlay/kustomization.yaml",
            "resources:\n- ../base\n- extra.yaml\n",
        ),
        ("overlay/extra.yaml", CM),
        (
            "base/kustomization.yaml",
            "resources:\n- deploy.yaml\n- ns.yaml\n",
        ),
        ("base/deploy.yaml", DEPLOY),
        ("base/ns.yaml", NS),
    ]);
    assert_same_as_kubectl(&ok.path().join("overlay"));
    let outside = tree(&[
        ("k/kustomization.yaml", "resources:\n- ../ns.yaml\n"),
        ("ns.yaml", NS),
    ]);
    assert_same_as_kubectl(&outside.path().join("k"));
    let err = one_line_error(&kzr(&["build", outside.path().join("k").to_str().unwrap()]));
    assert!(err.contains("outside the kustomization root"), "{err}");
    let cycle = tree(&[
        ("a/kustomization.yaml", "resources:\n- ../b\n"),
        ("b/kustomization.yaml", "resources:\n- ../a\n"),
    ]);
    assert_same_as_kubectl(&cycle.path().join("a"));
    let dup = tree(&[
        ("k/kustomization.yaml", "resources:\n- a.yaml\n- b.yaml\n"),
        ("k/a.yaml", NS),
        ("k/b.yaml", NS),
    ]);
    assert_same_as_kubectl(&dup.path().join("k"));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_are_refused() {
    let dir = tree(&[
        ("k/kustomization.yaml", "resources:\n- link.yaml\n"),
        ("secret.yaml", NS),
    ]);
    std::os::unix::fs::symlink(
        dir.path().join("secret.yaml"),
        dir.path().join("k/link.yaml"),
    )
    .unwrap();
    assert_same_as_kubectl(&dir.path().join("k"));
    let err = one_line_error(&kzr(&["build", dir.path().join("k").to_str().unwrap()]));
    assert!(err.contains("outside the kustomization root"), "{err}");
}

/// The load restrictor meets a symlink wherever it is on an entry's path: a symlinked
/// directory or file leading out of the root is refused, one staying inside is followed.
#[cfg(unix)]
#[test]
fn symlinks_anywhere_on_a_path_are_resolved_before_the_root_check() {
    let dir = tree(&[
        ("outside/s.yaml", NS),
        ("outside/s.txt", "s3cret"),
        (
            "k/real/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n",
        ),
        ("k/real/v.txt", "value"),
    ]);
    let k = dir.path().join("k");
    std::os::unix::fs::symlink(dir.path().join("outside"), k.join("out")).unwrap();
    std::os::unix::fs::symlink(k.join("real"), k.join("alias")).unwrap();
    std::os::unix::fs::symlink(k.join("real/cm.yaml"), k.join("cm-link.yaml")).unwrap();
    let refused = [
        "resources:\n- out/s.yaml\n",
        "resources:\n- real/../out/s.yaml\n",
        "configMapGenerator:\n- name: x\n  files: [out/s.txt]\n",
    ];
    for kustomization in refused {
        std::fs::write(k.join("kustomization.yaml"), kustomization).unwrap();
        assert_same_as_kubectl(&k);
        let out = kzr(&["build", k.to_str().unwrap()]);
        let err = one_line_error(&out);
        assert!(
            err.contains("outside the kustomization root"),
            "{kustomization}: {err}"
        );
        assert!(!text(&out.stdout).contains("s3cret"));
    }
    let allowed = [
        "resources:\n- alias/cm.yaml\n",
        "resources:\n- cm-link.yaml\n",
        "resources:\n- real/../real/cm.yaml\n",
        "configMapGenerator:\n- name: x\n  files: [alias/v.txt]\n",
    ];
    for kustomization in allowed {
        std::fs::write(k.join("kustomization.yaml"), kustomization).unwrap();
        assert_same_as_kubectl(&k);
        let out = kzr(&["build", k.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{kustomization}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn help_reads_well_and_usage_errors_exit_2() {
    let out = kzr(&["build", "--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(
        help.contains("Examples:") && help.contains("--reorder"),
        "{help}"
    );
    let out = kzr(&["build", "--reorder", "sideways"]);
    assert_eq!(out.status.code(), Some(2));
    let out = kzr(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nothing to build"));
}

#[test]
fn bundled_examples_match_kubectl() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for dir in ["kustomize/base", "kustomize/overlays/prod"] {
        assert_same_as_kubectl(&root.join(dir));
    }
    let plain = kzr(&["build", "-f", root.join("plain").to_str().unwrap()]);
    assert!(plain.status.success(), "{}", text(&plain.stderr));
    assert_eq!(text(&plain.stdout).matches("\nkind: ").count(), 4);
}

#[test]
fn a_nested_error_names_its_cause_once_and_the_chain_with_clean_paths() {
    let dir = tree(&[
        ("outside.txt", "x: 1\n"),
        ("o1/kustomization.yaml", "resources:\n- ../outside.txt\n"),
        ("o2/kustomization.yaml", "resources:\n- ../o1\n"),
        ("o3/kustomization.yaml", "resources:\n- ../o2\n"),
    ]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kzr"))
        .args(["build", "o3"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = text(&out.stderr);
    let line = err.lines().next().unwrap();
    assert_eq!(
        line,
        format!(
            "error: o1/kustomization.yaml: resources: ../outside.txt: file is outside the kustomization root {} (load restrictor LoadRestrictionsRootOnly) (via o3/kustomization.yaml → o2/kustomization.yaml)",
            dir.path().join("o1").canonicalize().unwrap().display()
        )
    );
    assert_eq!(err.matches("outside.txt").count(), 1, "{err}");
}
