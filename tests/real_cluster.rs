//! The cluster flows against a real Kubernetes cluster. They run only when
//! `KZR_TEST_KUBECONFIG` names a kubeconfig (its current context is used); otherwise each test
//! says it was skipped. Everything happens in a fresh namespace that is deleted afterwards.

mod common;

use common::{text, tree};
use serde_json::Value;
use std::process::{Command, Output};

const APP: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: real-cluster-secret
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
  replicas: 1
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
        image: registry.k8s.io/pause:3.10
"#;

struct Cluster {
    kubeconfig: String,
    namespace: String,
}

impl Cluster {
    fn from_env(test: &str) -> Option<Cluster> {
        let Ok(kubeconfig) = std::env::var("KZR_TEST_KUBECONFIG") else {
            eprintln!("{test}: skipped, KZR_TEST_KUBECONFIG is not set (point it at a kubeconfig to run the real-cluster suite)");
            return None;
        };
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis();
        Some(Cluster {
            kubeconfig,
            namespace: format!("kzr-test-{}-{}", std::process::id(), stamp % 1_000_000),
        })
    }

    fn kzr(&self, args: &[&str]) -> Output {
        let mut all = args.to_vec();
        all.extend(["--kubeconfig", &self.kubeconfig, "-n", &self.namespace]);
        common::kzr(&all)
    }

    fn kubectl(&self, args: &[&str]) -> Output {
        Command::new("kubectl")
            .args(["--kubeconfig", &self.kubeconfig, "-n", &self.namespace])
            .args(args)
            .output()
            .expect("kubectl")
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("kubectl")
            .args([
                "--kubeconfig",
                &self.kubeconfig,
                "delete",
                "namespace",
                &self.namespace,
                "--wait=false",
                "--ignore-not-found",
            ])
            .output();
    }
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn apply_diff_plan_teardown_on_a_real_cluster() {
    let Some(cluster) = Cluster::from_env("apply_diff_plan_teardown_on_a_real_cluster") else {
        return;
    };
    let dir = tree(&[("app.yaml", APP)]);
    let path = dir.path().to_str().unwrap();
    let out = ok(cluster.kzr(&[
        "apply",
        "app",
        "-f",
        path,
        "--create-namespace",
        "--timeout",
        "3m",
    ]));
    assert!(
        out.contains(&format!("Deployment/{}/web created", cluster.namespace)),
        "{out}"
    );

    let rv = |c: &Cluster| {
        let v: Value = serde_json::from_slice(
            &c.kubectl(&["get", "configmap", "settings", "-o", "json"])
                .stdout,
        )
        .unwrap();
        v["metadata"]["resourceVersion"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let before = rv(&cluster);
    let again: Value =
        serde_json::from_str(&ok(cluster.kzr(&["apply", "app", "-f", path, "-o", "json"])))
            .unwrap();
    assert_eq!(again["summary"]["unchanged"], 4, "{again}");
    assert_eq!(before, rv(&cluster));

    let diff = cluster.kzr(&["diff", "app", "-f", path]);
    assert_eq!(diff.status.code(), Some(0), "{}", text(&diff.stdout));
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("mode: fast", "mode: slow")
            .replace("real-cluster-secret", "rotated"),
    )
    .unwrap();
    let diff = cluster.kzr(&["diff", "app", "-f", path]);
    assert_eq!(diff.status.code(), Some(1));
    let shown = text(&diff.stdout);
    assert!(
        shown.contains("drifted")
            && !shown.contains("rotated")
            && !shown.contains("real-cluster-secret"),
        "{shown}"
    );

    let plan = dir.path().join("plan.json");
    ok(cluster.kzr(&[
        "plan",
        "app",
        "-f",
        &format!("{path}/app.yaml"),
        "--out",
        plan.to_str().unwrap(),
    ]));
    ok(cluster.kzr(&["apply", "--from", plan.to_str().unwrap()]));
    let cm: Value = serde_json::from_slice(
        &cluster
            .kubectl(&["get", "configmap", "settings", "-o", "json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(cm["data"]["mode"], "slow");

    let out = ok(cluster.kzr(&["teardown", "app", "--timeout", "3m"]));
    assert!(out.contains("deleted"), "{out}");
    let gone = cluster.kubectl(&["get", "configmap", "inv-app"]);
    assert!(!gone.status.success());
}
