//! helmCharts: differential tests against `kubectl kustomize --enable-helm`, both running
//! the same real chart renderer (helm-python-sdk behind a helm-compatible script, installed
//! by scripts/install-test-helm), and the helm command line kzr builds compared with the
//! one kubectl builds.

use crate::common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kustomize-helm")
}

#[test]
fn every_helm_fixture_matches_kubectl() {
    let helm = oracle::test_helm();
    let flags = ["--enable-helm", "--helm-command", helm.to_str().unwrap()];
    oracle::compare_tree(&fixtures(), &flags).assert_matches(16, 8);
}

#[test]
fn charts_need_enable_helm_and_a_helm_command() {
    let dir = fixtures().join("defaults");
    let out = kzr(&["build", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("helmCharts: chart \"demo\": must specify --enable-helm")
            && err.contains("hint: pass --enable-helm"),
        "{err}"
    );
    // The same for a chart in a base, with the hint too.
    let overlay = fixtures().join("overlay/prod");
    let err = text(&kzr(&["build", overlay.to_str().unwrap()]).stderr);
    assert!(
        err.contains(
            "base/kustomization.yaml: helmCharts: chart \"demo\": must specify --enable-helm"
        ) && err.contains("hint: pass --enable-helm"),
        "{err}"
    );
    let out = kzr(&[
        "build",
        "--enable-helm",
        "--helm-command",
        "/nonexistent/helm",
        dir.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert!(
        !out.status.success()
            && err.contains("unable to run '/nonexistent/helm version -c --short'")
            && err.contains("is '/nonexistent/helm' installed?"),
        "{err}"
    );
}

/// A fake helm that records its arguments and environment, and prints one ConfigMap (named
/// after the number of calls so far, so every chart makes a different one).
fn recording_helm(dir: &Path, version: &str) -> PathBuf {
    let script = dir.join("helm");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nlog=\"$(dirname \"$0\")/calls.log\"\necho \"$*\" >> \"$log\"\n\
             echo \"config=$HELM_CONFIG_HOME cache=$HELM_CACHE_HOME data=$HELM_DATA_HOME\" >> \"$log\"\n\
             case \"$1\" in\n  version) echo '{version}' ;;\n  template) printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: from-helm-%s\\n' \"$(wc -l < \"$log\" | tr -d ' ')\" ;;\n\
             *) echo \"unexpected $1\" >&2; exit 3 ;;\nesac\n"
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    script
}

/// The calls a fake helm recorded, with temporary directories replaced by `<tmp>`.
fn calls(dir: &Path) -> Vec<String> {
    let log = std::fs::read_to_string(dir.join("calls.log")).unwrap_or_default();
    let tmp = regex::Regex::new(r"/[^ ]*/(kustomize|kzr)-helm-[^/ ]+").unwrap();
    std::fs::remove_file(dir.join("calls.log")).ok();
    log.lines()
        .map(|l| tmp.replace_all(l, "<tmp>").into_owned())
        .collect()
}

#[test]
fn helm_command_lines_match_kubectl() {
    let fake = tempfile::tempdir().unwrap();
    let helm = recording_helm(fake.path(), "v3.14.2+g1234");
    // No chart has its own apiVersions here: kustomize 5.5.0 writes a chart's apiVersions
    // into the --helm-api-versions slice it shares with every chart of the build (a Go
    // slice aliasing bug kzr does not copy; see `own_api_versions_win`).
    let kustomization = r#"helmCharts:
- name: other
- name: pinned
  version: 1.2.3
  repo: oci://registry.example.com/charts/
- name: demo
  releaseName: web
  namespace: apps
  nameTemplate: tpl
  includeCRDs: true
  skipTests: true
  skipHooks: true
  kubeVersion: "1.29"
  additionalValuesFiles: [extra.yaml]
  valuesInline: {replicas: 2}
helmGlobals:
  configHome: /opt/helm-config
"#;
    let k = tree(&[
        ("kustomization.yaml", kustomization),
        ("extra.yaml", "a: 1\n"),
        ("charts/demo/values.yaml", "replicas: 1\n"),
        ("charts/other/values.yaml", "x: 1\n"),
        ("charts/pinned-1.2.3/pinned/values.yaml", "x: 1\n"),
    ]);
    let dir = k.path().to_str().unwrap();
    let flags = [
        "--enable-helm",
        "--helm-command",
        helm.to_str().unwrap(),
        "--helm-api-versions",
        "cli.example.com/v1",
        "--helm-debug",
    ];
    let theirs = Command::new("kubectl")
        .arg("kustomize")
        .args(flags)
        .arg(dir)
        .output()
        .unwrap();
    assert!(theirs.status.success(), "{}", text(&theirs.stderr));
    let kubectl_calls = calls(fake.path());
    let ours = kzr(&[&["build"], &flags[..], &[dir]].concat());
    assert!(ours.status.success(), "{}", text(&ours.stderr));
    assert_eq!(calls(fake.path()), kubectl_calls);
    assert_eq!(text(&ours.stdout), text(&theirs.stdout));
    // The command-line flags are defaults that a chart's own settings replace.
    assert!(
        kubectl_calls
            .iter()
            .any(|c| c.starts_with("template --generate-name")
                && c.contains("--api-versions cli.example.com/v1")
                && c.ends_with("--debug")),
        "{kubectl_calls:?}"
    );
    assert!(
        kubectl_calls.iter().any(|c| c.starts_with("template web")
            && c.contains("--api-versions cli.example.com/v1 --kube-version 1.29")),
        "{kubectl_calls:?}"
    );
    assert!(
        kubectl_calls.iter().any(|c| c
            == "config=/opt/helm-config cache=/opt/helm-config/.cache data=/opt/helm-config/.data"),
        "{kubectl_calls:?}"
    );
}

#[test]
fn temporary_files_are_removed_and_old_helm_is_refused() {
    let fake = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let k = tree(&[
        (
            "kustomization.yaml",
            "helmCharts:\n- name: demo\n  valuesInline: {a: 1}\n",
        ),
        ("charts/demo/values.yaml", "a: 0\n"),
    ]);
    let helm = recording_helm(fake.path(), "v3.14.2");
    let args = [
        "build",
        "--enable-helm",
        "--helm-command",
        helm.to_str().unwrap(),
        k.path().to_str().unwrap(),
    ];
    let out = kzr_env(&args, &[("TMPDIR", tmp.path().to_str().unwrap())]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("name: from-helm-"));
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");

    let helm = recording_helm(fake.path(), "v2.17.0");
    let out = kzr(&[
        "build",
        "--enable-helm",
        "--helm-command",
        helm.to_str().unwrap(),
        k.path().to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert!(
        !out.status.success() && err.contains("requires helm v3 or v4 but got v2.17.0"),
        "{err}"
    );
}

#[test]
fn own_api_versions_win_over_the_command_line() {
    let fake = tempfile::tempdir().unwrap();
    let helm = recording_helm(fake.path(), "v4.0.1");
    let k = tree(&[
        (
            "kustomization.yaml",
            "helmCharts:\n- name: a\n- name: b\n  apiVersions: [own.example.com/v1]\n  kubeVersion: \"1.28\"\n",
        ),
        ("charts/a/values.yaml", "x: 1\n"),
        ("charts/b/values.yaml", "x: 1\n"),
    ]);
    let out = kzr(&[
        "build",
        "--enable-helm",
        "--helm-command",
        helm.to_str().unwrap(),
        "--helm-api-versions",
        "cli.example.com/v1,cli.example.com/v2",
        "--helm-kube-version",
        "1.31",
        k.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let templates: Vec<String> = calls(fake.path())
        .into_iter()
        .filter(|c| c.starts_with("template"))
        .map(|c| c.split(" -f ").nth(1).unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        templates,
        vec![
            "<tmp>/a-kustomize-values.yaml --api-versions cli.example.com/v1 --api-versions cli.example.com/v2 --kube-version 1.31",
            "<tmp>/b-kustomize-values.yaml --api-versions own.example.com/v1 --kube-version 1.28",
        ]
    );
}
