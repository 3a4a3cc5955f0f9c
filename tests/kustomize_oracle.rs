//! Differential tests of the kustomize engine: every directory under tests/fixtures/kustomize
//! that holds a kustomization is built by `kzr build` and by `kubectl kustomize`; the outputs
//! must be byte-identical, and where kubectl fails kzr must fail too.

use crate::common;
use common::*;
use std::path::Path;

#[test]
fn every_fixture_matches_kubectl() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kustomize");
    oracle::compare_tree(&root, &[]).assert_matches(41, 8);
}

#[test]
fn load_restrictor_refuses_escapes() {
    let outside = tree(&[
        ("secret.txt", "s3cret"),
        (
            "k/r.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
        ),
    ]);
    let k = outside.path().join("k");
    let abs = outside.path().join("secret.txt");
    for kustomization in [
        "configMapGenerator:\n- name: x\n  files: [../secret.txt]\n".to_string(),
        format!(
            "configMapGenerator:\n- name: x\n  files: [{}]\n",
            abs.display()
        ),
        "resources: [r.yaml]\npatches:\n- path: ../secret.txt\n".to_string(),
        "resources: [../secret.txt]\n".to_string(),
    ] {
        std::fs::write(k.join("kustomization.yaml"), &kustomization).unwrap();
        let ours = kzr(&["build", k.to_str().unwrap()]);
        assert!(
            !kubectl_kustomize(&k).status.success(),
            "kubectl accepted {kustomization}"
        );
        assert!(!ours.status.success(), "kzr accepted {kustomization}");
        assert!(!text(&ours.stdout).contains("s3cret"));
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&abs, k.join("link.txt")).unwrap();
        std::fs::write(
            k.join("kustomization.yaml"),
            "configMapGenerator:\n- name: x\n  files: [link.txt]\n",
        )
        .unwrap();
        let ours = kzr(&["build", k.to_str().unwrap()]);
        assert!(!kubectl_kustomize(&k).status.success());
        assert!(!ours.status.success());
        assert!(
            text(&ours.stderr).contains("outside the kustomization root"),
            "{}",
            text(&ours.stderr)
        );
    }
}

/// `kubectl kustomize --enable-managedby-label` (a deprecated hidden flag) labels every
/// resource as `buildMetadata: [managedByLabel]` does; the engine's
/// `build_with_managed_by_label` must print the same, also where a lower level set the label
/// at several paths (one shared node in kustomize).
#[test]
fn managed_by_label_flag_matches_kubectl() {
    let dir = tree(&[
        (
            "base/kustomization.yaml",
            "resources: [d.yaml]\ncommonLabels:\n  app.kubernetes.io/managed-by: shop\n",
        ),
        (
            "base/d.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: x}]\n",
        ),
        (
            "kustomization.yaml",
            "resources: [base, cm.yaml]\nnamePrefix: p-\n",
        ),
        (
            "cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
        ),
    ]);
    let theirs = kubectl_kustomize_args(dir.path(), &["--enable-managedby-label"]);
    assert!(theirs.status.success(), "{}", text(&theirs.stderr));
    let build = kzr::kustomize::build_with_managed_by_label(
        dir.path(),
        &kzr::kustomize::BuildOptions::default(),
        true,
    )
    .unwrap();
    let ours = kzr::output::objects_to_yaml(&build.objects).unwrap();
    assert_eq!(ours, text(&theirs.stdout));
    assert!(ours.contains("app.kubernetes.io/managed-by: kustomize-(devel)"));
}

/// A fixed slice of the differential fuzzer (`scripts/fuzz-build`): 200 generated
/// kustomization trees of seed 1, each built by kzr and kubectl, must all agree.
#[test]
fn fuzz_slice_matches_kubectl() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(root.join("scripts/fuzz-build"))
        .args(["--kzr", env!("CARGO_BIN_EXE_kzr")])
        .args(["--seed", "1", "--cases", "200", "--jobs", "2"])
        .output()
        .expect("run scripts/fuzz-build (python3)");
    let stdout = text(&out.stdout);
    let summary = stdout.lines().last().unwrap_or_default();
    assert!(
        out.status.success() && summary.ends_with(" 0 failed"),
        "{stdout}\n{}",
        text(&out.stderr)
    );
}
