//! An API server outage in the middle of a large apply: kube-apiserver is killed after the
//! first objects are written and started again seconds later. The apply rides it out (exit 0,
//! nothing missing) and says once that it is retrying.
//!
//! It needs a control plane of its own (others' tests must not see the outage): the directory
//! holding the `up`/`down` scripts of the workplace's control plane is named by
//! `KZR_TEST_K8S`, which `.ci/run` sets.

use crate::common;
use common::text;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const OBJECTS: usize = 3000;

struct ControlPlane {
    scripts: PathBuf,
    dir: PathBuf,
    kubeconfig: PathBuf,
}

impl ControlPlane {
    fn start(scripts: &Path) -> ControlPlane {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("k8s-outage-{}", std::process::id()));
        let out = Command::new(scripts.join("up"))
            .arg(&dir)
            .output()
            .expect("run up");
        assert!(out.status.success(), "up: {}", text(&out.stderr));
        let kubeconfig = PathBuf::from(text(&out.stdout).trim());
        ControlPlane {
            scripts: scripts.to_path_buf(),
            dir,
            kubeconfig,
        }
    }

    /// Kills kube-apiserver (as a crash would), waits `down_for`, and starts it again on the
    /// same port.
    fn outage(&self, down_for: Duration) {
        let pid = std::fs::read_to_string(self.dir.join("run/apiserver.pid")).unwrap();
        let killed = Command::new("kill")
            .args(["-9", pid.trim()])
            .status()
            .unwrap();
        assert!(killed.success());
        std::thread::sleep(down_for);
        let out = Command::new(self.scripts.join("up"))
            .arg(&self.dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "up again: {}", text(&out.stderr));
    }

    fn kubectl(&self, args: &[&str]) -> String {
        let out = Command::new("kubectl")
            .arg("--kubeconfig")
            .arg(&self.kubeconfig)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "kubectl {args:?}: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    }
}

impl Drop for ControlPlane {
    fn drop(&mut self) {
        let _ = Command::new(self.scripts.join("down"))
            .arg(&self.dir)
            .output();
    }
}

#[test]
fn an_apply_rides_out_an_api_server_restart_in_the_middle() {
    let Ok(scripts) = std::env::var("KZR_TEST_K8S") else {
        assert!(
            std::env::var_os("KZR_TEST_REQUIRE_CLUSTER").is_none(),
            "KZR_TEST_REQUIRE_CLUSTER is set but KZR_TEST_K8S is not"
        );
        eprintln!(
            "outage test skipped: KZR_TEST_K8S (the control plane's up/down scripts) is not set"
        );
        return;
    };
    let cluster = ControlPlane::start(Path::new(&scripts));
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("objects.yaml");
    let objects: Vec<String> = (0..OBJECTS)
        .map(|i| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i:04}\ndata:\n  index: \"{i}\"\n"))
        .collect();
    std::fs::write(&manifest, objects.join("---\n")).unwrap();

    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kzr"))
        .args(["apply", "outage", "-f"])
        .arg(&manifest)
        .arg("--kubeconfig")
        .arg(&cluster.kubeconfig)
        .args(["-n", "default", "--timeout", "5m"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let lines = BufReader::new(stdout).lines();
    let mut created = 0;
    let mut outage_at = None;
    for line in lines {
        let line = line.unwrap();
        if line.ends_with(" created") {
            created += 1;
        }
        if created == OBJECTS / 4 && outage_at.is_none() {
            outage_at = Some(start.elapsed());
            cluster.outage(Duration::from_secs(6));
        }
    }
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert!(
        outage_at.is_some(),
        "the apply ended before the outage: {err}"
    );
    assert!(out.status.success(), "{err}");
    assert_eq!(created, OBJECTS, "{err}");
    assert_eq!(err.matches("retrying").count(), 1, "{err}");
    assert!(err.contains("API server unreachable"), "{err}");

    let names = cluster.kubectl(&[
        "get",
        "configmaps",
        "-n",
        "default",
        "-l",
        "kzr.dev/inventory-name=outage",
        "-o",
        "name",
    ]);
    assert_eq!(names.lines().count(), OBJECTS);
    let inventory = cluster.kubectl(&[
        "get",
        "configmap",
        "inv-outage",
        "-n",
        "default",
        "-o",
        "jsonpath={.data.resources}",
    ]);
    let entries: Vec<serde_json::Value> = serde_json::from_str(&inventory).unwrap();
    assert_eq!(entries.len(), OBJECTS);
    eprintln!(
        "{OBJECTS} objects applied in {:?}, kube-apiserver down for 6 s after {:?}",
        start.elapsed(),
        outage_at.unwrap()
    );
}
