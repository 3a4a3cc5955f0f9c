//! Differential tests of the kustomize engine: every directory under tests/fixtures/kustomize
//! that holds a kustomization is built by `kzr build` and by `kubectl kustomize`; the outputs
//! must be byte-identical, and where kubectl fails kzr must fail too.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn kustomization_dirs(root: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    if entries
        .iter()
        .any(|p| p.file_name().is_some_and(|n| n == "kustomization.yaml"))
    {
        out.push(root.to_path_buf());
    }
    for p in entries.into_iter().filter(|p| p.is_dir()) {
        kustomization_dirs(&p, out);
    }
}

#[test]
fn every_fixture_matches_kubectl() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kustomize");
    let mut dirs = Vec::new();
    kustomization_dirs(&root, &mut dirs);
    assert!(
        dirs.len() > 40,
        "expected the fixture tree, found {} dirs",
        dirs.len()
    );
    let mut failures = Vec::new();
    let mut both_failed = 0;
    for dir in &dirs {
        let ours = kzr(&["build", dir.to_str().unwrap()]);
        let theirs = kubectl_kustomize(dir);
        let name = dir.strip_prefix(&root).unwrap().display().to_string();
        match (ours.status.success(), theirs.status.success()) {
            (true, true) if ours.stdout == theirs.stdout => {
                let warnings = |b: &[u8]| -> Vec<String> {
                    text(b)
                        .lines()
                        .filter(|l| l.starts_with("# Warning"))
                        .map(str::to_string)
                        .collect()
                };
                if warnings(&ours.stderr) != warnings(&theirs.stderr) {
                    failures.push(format!(
                        "{name}: deprecation warnings differ:\nkzr: {}\nkubectl: {}",
                        text(&ours.stderr),
                        text(&theirs.stderr)
                    ));
                }
            }
            (true, true) => failures.push(format!(
                "{name}: {}",
                first_difference(&text(&ours.stdout), &text(&theirs.stdout))
            )),
            (false, false) => {
                both_failed += 1;
                let err = text(&ours.stderr);
                assert!(
                    err.starts_with("error: ") && !err.contains("panicked"),
                    "{name}: {err}"
                );
            }
            (a, b) => failures.push(format!(
                "{name}: kzr success={a}, kubectl success={b}\nkzr: {}\nkubectl: {}",
                text(&ours.stderr),
                text(&theirs.stderr)
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
    assert!(
        both_failed >= 8,
        "the error fixtures should fail in both tools ({both_failed})"
    );
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
