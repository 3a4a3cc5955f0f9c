//! Helpers shared by the integration tests: running kzr and the `kubectl kustomize` oracle.
#![allow(dead_code)]

pub mod apiserver;
pub mod backend;
pub mod fault_proxy;
pub mod oracle;
pub mod plans;
pub mod registry;
pub mod servers;

/// A small app (ConfigMap, Service, Deployment) the cluster and deploy tests apply.
pub const APP: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
"#;

use std::path::Path;
use std::process::{Command, Output};

pub fn kzr(args: &[&str]) -> Output {
    kzr_env(args, &[])
}

pub fn kzr_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kzr"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .output()
        .expect("run kzr")
}

pub fn kzr_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kzr"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run kzr");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// `kubectl kustomize DIR`, the oracle. Panics (failing the test) if kubectl is missing: a
/// differential test that silently skips would prove nothing.
pub fn kubectl_kustomize(dir: &Path) -> Output {
    kubectl_kustomize_args(dir, &[])
}

pub fn kubectl_kustomize_args(dir: &Path, args: &[&str]) -> Output {
    Command::new("kubectl")
        .arg("kustomize")
        .args(args)
        .arg(dir)
        .output()
        .expect("kubectl must be installed: it is the oracle for kzr build")
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Writes `files` (name, content) into a fresh temporary directory.
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

/// Builds `dir` with both tools and asserts identical bytes (or that both fail).
pub fn assert_same_as_kubectl(dir: &Path) {
    let ours = kzr(&["build", dir.to_str().unwrap()]);
    let theirs = kubectl_kustomize(dir);
    assert_eq!(
        ours.status.success(),
        theirs.status.success(),
        "kzr and kubectl disagree on success for {}:\nkzr stderr: {}\nkubectl stderr: {}",
        dir.display(),
        text(&ours.stderr),
        text(&theirs.stderr)
    );
    if theirs.status.success() {
        let (a, b) = (text(&ours.stdout), text(&theirs.stdout));
        if a != b {
            panic!("{}", first_difference(&a, &b));
        }
    }
}

/// The first differing document of two YAML streams, side by side.
pub fn first_difference(kzr: &str, kubectl: &str) -> String {
    let a: Vec<&str> = kzr.split("\n---\n").collect();
    let b: Vec<&str> = kubectl.split("\n---\n").collect();
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (
            a.get(i).copied().unwrap_or(""),
            b.get(i).copied().unwrap_or(""),
        );
        if x != y {
            return format!("document {i} differs\n--- kzr:\n{x:?}\n--- kubectl:\n{y:?}\n--- kzr (raw):\n{x}\n--- kubectl (raw):\n{y}");
        }
    }
    "outputs differ only in trailing bytes".into()
}

/// A refusal: exit 1, nothing on stdout, one `error:` line (besides progress and a hint), no
/// panic; returns the error line.
pub fn refused(out: &Output) -> String {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "stdout: {}", text(&out.stdout));
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(lines.len(), 1, "one error line: {err}");
    lines[0].to_string()
}

/// Runs another tool (skopeo, openssl, cosign…), which must succeed.
pub fn run_tool(cmd: &str, args: &[&str]) -> Output {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        text(&out.stderr)
    );
    out
}
