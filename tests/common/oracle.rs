//! The differential check of `kzr build` against `kubectl kustomize` over a fixture tree,
//! and the chart renderer the helm fixtures use.

use super::{first_difference, text};
use std::path::{Path, PathBuf};

/// The outcome of building every kustomization under a directory with both tools.
pub struct Report {
    pub dirs: usize,
    pub both_failed: usize,
    pub failures: Vec<String>,
}

impl Report {
    /// No fixture differs, the tree has at least `dirs` fixtures and at least `both_failed`
    /// of them fail in both tools.
    pub fn assert_matches(&self, dirs: usize, both_failed: usize) {
        assert!(
            self.dirs >= dirs,
            "expected the fixture tree, found {} dirs",
            self.dirs
        );
        self.assert_clean();
        assert!(
            self.both_failed >= both_failed,
            "the error fixtures should fail in both tools ({})",
            self.both_failed
        );
    }

    fn assert_clean(&self) {
        assert!(
            self.failures.is_empty(),
            "{} of {} fixtures differ:\n{}",
            self.failures.len(),
            self.dirs,
            self.failures.join("\n\n")
        );
    }
}

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

/// Builds every directory under `root` that holds a kustomization with `kzr build ARGS DIR`
/// and `kubectl kustomize ARGS DIR`: outputs and `# Warning` lines must be identical, and
/// where kubectl fails kzr must fail with a one-line error.
pub fn compare_tree(root: &Path, args: &[&str]) -> Report {
    let mut dirs = Vec::new();
    kustomization_dirs(root, &mut dirs);
    let mut report = Report {
        dirs: dirs.len(),
        both_failed: 0,
        failures: Vec::new(),
    };
    for dir in &dirs {
        let ours = super::kzr(&[&["build"], args, &[dir.to_str().unwrap()]].concat());
        let theirs = super::kubectl_kustomize_args(dir, args);
        let name = dir.strip_prefix(root).unwrap().display().to_string();
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
                    report.failures.push(format!(
                        "{name}: deprecation warnings differ:\nkzr: {}\nkubectl: {}",
                        text(&ours.stderr),
                        text(&theirs.stderr)
                    ));
                }
            }
            (true, true) => report.failures.push(format!(
                "{name}: {}",
                first_difference(&text(&ours.stdout), &text(&theirs.stdout))
            )),
            (false, false) => {
                report.both_failed += 1;
                let err = text(&ours.stderr);
                assert!(
                    err.starts_with("error: ") && !err.contains("panicked"),
                    "{name}: {err}"
                );
            }
            (a, b) => report.failures.push(format!(
                "{name}: kzr success={a}, kubectl success={b}\nkzr: {}\nkubectl: {}",
                text(&ours.stderr),
                text(&theirs.stderr)
            )),
        }
    }
    report
}

/// The `helm` command the helm fixtures render with: `KZR_TEST_HELM`, else the one
/// `scripts/install-test-helm` installs (helm-python-sdk behind a helm-compatible script).
pub fn test_helm() -> PathBuf {
    if let Some(path) = std::env::var_os("KZR_TEST_HELM") {
        return PathBuf::from(path);
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-helm/bin/helm");
    assert!(
        path.is_file(),
        "{} is missing: run scripts/install-test-helm (or set KZR_TEST_HELM to a helm 3 command)",
        path.display()
    );
    path
}
