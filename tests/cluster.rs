//! `kzr plan|diff|apply|teardown|get|inspect inventory` end to end against the in-process
//! test API server (tests/common/apiserver), which behaves like kube-apiserver for what kzr
//! uses. The same flows run against a real cluster in tests/real_cluster.rs.

mod common;

use common::apiserver::TestApiServer;
use common::{text, tree, APP};
use serde_json::{json, Value};
use std::process::Output;

const SECRET: &str = r#"apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: hunter2-original
"#;

fn kzr(server: &TestApiServer, args: &[&str]) -> Output {
    let kubeconfig = server.kubeconfig();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--kubeconfig", kubeconfig.to_str().unwrap()]);
    common::kzr(&all)
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "kzr failed ({:?})\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn apply(server: &TestApiServer, dir: &tempfile::TempDir, extra: &[&str]) -> Output {
    let path = dir.path().to_str().unwrap();
    let mut args = vec!["apply", "app", "-f", path, "--timeout", "10s"];
    args.extend(extra);
    kzr(server, &args)
}

fn rv(obj: &Value) -> String {
    obj["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string()
}

fn inventory_ids(server: &TestApiServer, ns: &str) -> Vec<String> {
    let cm = server
        .object("v1", "ConfigMap", Some(ns), "inv-app")
        .expect("inventory exists");
    let entries: Vec<Value> =
        serde_json::from_str(cm["data"]["resources"].as_str().unwrap()).unwrap();
    entries
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn apply_creates_then_leaves_unchanged_objects_unwritten() {
    let server = TestApiServer::start();
    let dir = tree(&[("app.yaml", APP)]);
    let out = ok(&apply(&server, &dir, &[]));
    assert!(out.contains("ConfigMap/default/settings created"), "{out}");
    assert!(out.contains("Deployment/default/web created"), "{out}");
    // Apply order: ConfigMap, Service, Deployment (SPEC §4.6).
    let pos = |s: &str| out.find(s).unwrap();
    assert!(pos("ConfigMap/") < pos("Service/") && pos("Service/") < pos("Deployment/"));

    let cm = server
        .object("v1", "ConfigMap", Some("default"), "settings")
        .unwrap();
    assert_eq!(cm["metadata"]["labels"]["kzr.dev/inventory-name"], "app");
    assert_eq!(
        cm["metadata"]["labels"]["kzr.dev/inventory-namespace"],
        "default"
    );
    assert_eq!(
        inventory_ids(&server, "default"),
        [
            "default_settings__ConfigMap",
            "default_web__Service",
            "default_web_apps_Deployment"
        ]
    );
    let inv = server
        .object("v1", "ConfigMap", Some("default"), "inv-app")
        .unwrap();
    assert_eq!(
        inv["metadata"]["labels"]["app.kubernetes.io/created-by"],
        "kzr"
    );
    assert!(inv["metadata"]["annotations"]["kzr.dev/last-applied-time"].is_string());
    assert!(inv["metadata"]["annotations"]["kzr.dev/checksum"].is_string());

    let before: Vec<String> = ["settings", "web"]
        .iter()
        .map(|n| {
            rv(&server
                .object("v1", "ConfigMap", Some("default"), n)
                .unwrap_or_else(|| server.object("v1", "Service", Some("default"), n).unwrap()))
        })
        .collect();
    let deploy_rv = rv(&server
        .object("apps/v1", "Deployment", Some("default"), "web")
        .unwrap());
    let writes = server.writes();
    let out = ok(&apply(&server, &dir, &[]));
    assert!(
        out.contains("ConfigMap/default/settings unchanged"),
        "{out}"
    );
    assert!(out.contains("Deployment/default/web unchanged"), "{out}");
    // Only the inventory (its last-applied time) was written.
    let log: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.method != "GET" && !r.dry_run)
        .map(|r| format!("{} {}?{}", r.method, r.path, r.query))
        .collect();
    assert_eq!(server.writes() - writes, 1, "{log:#?}");
    let after: Vec<String> = ["settings", "web"]
        .iter()
        .map(|n| {
            rv(&server
                .object("v1", "ConfigMap", Some("default"), n)
                .unwrap_or_else(|| server.object("v1", "Service", Some("default"), n).unwrap()))
        })
        .collect();
    assert_eq!(before, after);
    assert_eq!(
        deploy_rv,
        rv(&server
            .object("apps/v1", "Deployment", Some("default"), "web")
            .unwrap())
    );

    // A drifted object is written, the others are not.
    let changed = APP.replace("mode: fast", "mode: safe");
    std::fs::write(dir.path().join("app.yaml"), changed).unwrap();
    let out = ok(&apply(&server, &dir, &["-o", "json"]));
    let result: Value = serde_json::from_str(&out).unwrap();
    let actions: Vec<(&str, &str)> = result["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["action"].as_str().unwrap()))
        .collect();
    assert!(
        actions.contains(&("ConfigMap/default/settings", "update")),
        "{actions:?}"
    );
    assert!(
        actions.contains(&("Deployment/default/web", "unchanged")),
        "{actions:?}"
    );
    assert_eq!(result["summary"]["update"], 1);
    let cm = server
        .object("v1", "ConfigMap", Some("default"), "settings")
        .unwrap();
    assert_eq!(cm["data"]["mode"], "safe");
}

#[test]
fn namespaces_scope_and_unknown_kinds() {
    let server = TestApiServer::start();
    let objects = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
  namespace: should-be-dropped
rules: []
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
"#;
    let dir = tree(&[("a.yaml", objects)]);
    let path = dir.path().to_str().unwrap();
    let missing = kzr(&server, &["apply", "app", "-f", path, "-n", "team"]);
    assert_eq!(missing.status.code(), Some(1));
    let err = text(&missing.stderr);
    assert!(err.contains("namespace team not found"), "{err}");
    assert!(err.contains("--create-namespace"), "{err}");
    assert_eq!(err.lines().count(), 2, "one error line and one hint: {err}");

    ok(&kzr(
        &server,
        &[
            "apply",
            "app",
            "-f",
            path,
            "-n",
            "team",
            "--create-namespace",
        ],
    ));
    assert!(server.object("v1", "Namespace", None, "team").is_some());
    assert!(server
        .object("v1", "ConfigMap", Some("team"), "c")
        .is_some());
    let role = server
        .object(
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            None,
            "reader",
        )
        .unwrap();
    assert!(role["metadata"].get("namespace").is_none());
    assert_eq!(
        inventory_ids(&server, "team"),
        [
            "_reader_rbac.authorization.k8s.io_ClusterRole",
            "team_c__ConfigMap"
        ]
    );

    let unknown = tree(&[(
        "x.yaml",
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n",
    )]);
    let out = kzr(
        &server,
        &["apply", "app", "-f", unknown.path().to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("Widget/default/w") || err.contains("Widget"),
        "{err}"
    );
    assert!(err.contains("no kind Widget in example.com/v1"), "{err}");
}

const CRD: &str = r#"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
    singular: widget
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  size: 3
"#;

#[test]
fn crd_and_its_objects_in_one_apply() {
    let server = TestApiServer::start();
    server.set_crd_establish_delay(std::time::Duration::from_millis(600));
    let dir = tree(&[("crd.yaml", CRD)]);
    let out = ok(&apply(&server, &dir, &[]));
    assert!(
        out.contains("CustomResourceDefinition/widgets.example.com created"),
        "{out}"
    );
    assert!(out.contains("Widget/default/w created"), "{out}");
    let w = server
        .object("example.com/v1", "Widget", Some("default"), "w")
        .unwrap();
    assert_eq!(w["spec"]["size"], 3);
    // Teardown deletes the CR before the CRD, and the inventory last.
    let out = ok(&kzr(&server, &["teardown", "app"]));
    let w = out.find("Widget/default/w deleted").expect(&out);
    let c = out
        .find("CustomResourceDefinition/widgets.example.com deleted")
        .expect(&out);
    assert!(w < c, "{out}");
    assert!(server
        .object("v1", "ConfigMap", Some("default"), "inv-app")
        .is_none());
}

#[test]
fn prune_respects_owner_labels_and_opt_out() {
    let server = TestApiServer::start();
    let extra = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: old
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: keep
  annotations:
    kzr.dev/prune: disabled
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: adopted-elsewhere
"#;
    let dir = tree(&[("app.yaml", APP), ("extra.yaml", extra)]);
    ok(&apply(&server, &dir, &[]));
    // Someone else took over one object: it no longer carries our owner labels.
    let mut other = server
        .object("v1", "ConfigMap", Some("default"), "adopted-elsewhere")
        .unwrap();
    other["metadata"]["labels"] = json!({"owner": "someone-else"});
    other["metadata"]
        .as_object_mut()
        .unwrap()
        .remove("managedFields");
    server.insert(other, "someone", "Update");

    std::fs::remove_file(dir.path().join("extra.yaml")).unwrap();
    let out = ok(&apply(&server, &dir, &[]));
    assert!(out.contains("ConfigMap/default/old deleted"), "{out}");
    assert!(out.contains("ConfigMap/default/keep skipped"), "{out}");
    assert!(
        out.contains("ConfigMap/default/adopted-elsewhere skipped"),
        "{out}"
    );
    assert!(server
        .object("v1", "ConfigMap", Some("default"), "old")
        .is_none());
    assert!(server
        .object("v1", "ConfigMap", Some("default"), "keep")
        .is_some());
    assert!(server
        .object("v1", "ConfigMap", Some("default"), "adopted-elsewhere")
        .is_some());
    // Skipped objects are dropped from the inventory.
    assert_eq!(inventory_ids(&server, "default").len(), 3);
}

#[test]
fn immutable_fields_need_force() {
    let server = TestApiServer::start();
    let dir = tree(&[("app.yaml", APP)]);
    ok(&apply(&server, &dir, &[]));
    let uid = server
        .object("apps/v1", "Deployment", Some("default"), "web")
        .unwrap()["metadata"]["uid"]
        .clone();
    let changed = APP.replace("app: web", "app: web2");
    std::fs::write(dir.path().join("app.yaml"), changed).unwrap();
    let out = apply(&server, &dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("Deployment/default/web: field spec.selector is immutable"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    let out = ok(&apply(&server, &dir, &["--force"]));
    assert!(out.contains("Deployment/default/web recreated"), "{out}");
    let now = server
        .object("apps/v1", "Deployment", Some("default"), "web")
        .unwrap();
    assert_ne!(now["metadata"]["uid"], uid);
    assert_eq!(now["spec"]["selector"]["matchLabels"]["app"], "web2");
}

#[test]
fn takes_over_kubectl_fields_and_drops_hpa_replicas() {
    let server = TestApiServer::start();
    // Created earlier by `kubectl apply` (client-side).
    server.insert(
        json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "settings", "namespace": "default",
                "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
            "data": {"mode": "fast", "legacy": "yes"}}),
        "kubectl-client-side-apply",
        "Update",
    );
    let hpa = r#"apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 5
"#;
    let dir = tree(&[("app.yaml", APP), ("hpa.yaml", hpa)]);
    let out = ok(&apply(&server, &dir, &[]));
    assert!(
        out.contains("ConfigMap/default/settings configured"),
        "{out}"
    );
    let cm = server
        .object("v1", "ConfigMap", Some("default"), "settings")
        .unwrap();
    let managers: Vec<&str> = cm["metadata"]["managedFields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["manager"].as_str().unwrap())
        .collect();
    assert_eq!(managers, ["kzr"], "{cm}");
    assert!(cm["metadata"]["annotations"]
        .get("kubectl.kubernetes.io/last-applied-configuration")
        .is_none());
    // The field only kubectl set is gone: kzr owned it after the takeover and did not apply it.
    assert!(cm["data"].get("legacy").is_none(), "{cm}");

    let deploy = server
        .object("apps/v1", "Deployment", Some("default"), "web")
        .unwrap();
    let kzr_fields = deploy["metadata"]["managedFields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["manager"] == "kzr")
        .unwrap()["fieldsV1"]
        .clone();
    assert!(
        kzr_fields["f:spec"].get("f:replicas").is_none(),
        "{kzr_fields}"
    );
}

#[test]
fn diff_masks_secrets_and_uses_kubectl_exit_codes() {
    let server = TestApiServer::start();
    let dir = tree(&[("app.yaml", APP), ("secret.yaml", SECRET)]);
    let path = dir.path().to_str().unwrap();
    let out = kzr(&server, &["diff", "app", "-f", path]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("► Secret/default/creds created"),
        "{stdout}"
    );
    assert!(!stdout.contains("hunter2"), "{stdout}");
    ok(&apply(&server, &dir, &[]));

    let out = kzr(&server, &["diff", "app", "-f", path]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "");

    std::fs::write(
        dir.path().join("secret.yaml"),
        SECRET.replace("original", "rotated"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("replicas: 2", "replicas: 3"),
    )
    .unwrap();
    let out = kzr(&server, &["diff", "app", "-f", path]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("► Deployment/default/web drifted"),
        "{stdout}"
    );
    assert!(
        stdout.contains("-  replicas: 2") && stdout.contains("+  replicas: 3"),
        "{stdout}"
    );
    assert!(
        stdout.contains("► Secret/default/creds drifted"),
        "{stdout}"
    );
    assert!(
        stdout.contains("*** (before)") && stdout.contains("*** (after)"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("aHVudGVy") && !stdout.contains("hunter2"),
        "{stdout}"
    );

    let out = kzr(&server, &["diff", "app", "-f", path, "-o", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let items: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let secret = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "Secret/default/creds")
        .unwrap();
    assert_eq!(secret["action"], "update");
    assert_eq!(
        secret["changes"],
        json!([{"path": ".data.password", "before": "*** (before)", "after": "*** (after)"}])
    );
    assert!(!text(&out.stdout).contains("hunter2"));

    // Stale objects show as deleted; errors exit 2.
    std::fs::remove_file(dir.path().join("secret.yaml")).unwrap();
    let stdout = text(&kzr(&server, &["diff", "app", "-f", path]).stdout);
    assert!(
        stdout.contains("► Secret/default/creds deleted"),
        "{stdout}"
    );
    let bad = kzr(&server, &["diff", "app", "-f", "/nonexistent/x.yaml"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn plan_saves_what_apply_from_executes_and_refuses_when_stale() {
    let server = TestApiServer::start();
    let dir = tree(&[("app.yaml", APP)]);
    let path = dir.path().to_str().unwrap();
    ok(&apply(&server, &dir, &[]));
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("replicas: 2", "replicas: 4"),
    )
    .unwrap();
    let plan_file = dir.path().join("plan.json");
    let out = ok(&kzr(
        &server,
        &[
            "plan",
            "app",
            "-f",
            &format!("{path}/app.yaml"),
            "--out",
            plan_file.to_str().unwrap(),
        ],
    ));
    assert!(out.contains("~ Deployment/default/web (update)"), "{out}");
    assert!(out.contains(".spec.replicas: 2 → 4"), "{out}");
    assert!(
        out.contains("Plan: 0 to create, 1 to update, 0 to delete"),
        "{out}"
    );
    // Planning wrote nothing.
    assert_eq!(
        server
            .object("apps/v1", "Deployment", Some("default"), "web")
            .unwrap()["spec"]["replicas"],
        2
    );

    let out = ok(&kzr(
        &server,
        &["apply", "--from", plan_file.to_str().unwrap()],
    ));
    assert!(out.contains("Deployment/default/web configured"), "{out}");
    assert_eq!(
        server
            .object("apps/v1", "Deployment", Some("default"), "web")
            .unwrap()["spec"]["replicas"],
        4
    );

    // The cluster changes after planning: apply --from refuses and names the object.
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("mode: fast", "mode: planned"),
    )
    .unwrap();
    ok(&kzr(
        &server,
        &[
            "plan",
            "app",
            "-f",
            &format!("{path}/app.yaml"),
            "--out",
            plan_file.to_str().unwrap(),
        ],
    ));
    let mut cm = server
        .object("v1", "ConfigMap", Some("default"), "settings")
        .unwrap();
    cm["data"]["mode"] = json!("edited-by-hand");
    cm["metadata"]
        .as_object_mut()
        .unwrap()
        .remove("managedFields");
    server.insert(cm, "kubectl-edit", "Update");
    let out = kzr(&server, &["apply", "--from", plan_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("the cluster changed since the plan was made: ConfigMap/default/settings"),
        "{err}"
    );
    assert_eq!(
        server
            .object("v1", "ConfigMap", Some("default"), "settings")
            .unwrap()["data"]["mode"],
        "edited-by-hand"
    );

    // plan --teardown previews without deleting.
    let out = ok(&kzr(&server, &["plan", "--teardown", "app", "-o", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["delete"], 3);
    assert!(server
        .object("apps/v1", "Deployment", Some("default"), "web")
        .is_some());
}

#[test]
fn teardown_leaves_foreign_objects_and_resumes_after_failure() {
    let server = TestApiServer::start();
    let dir = tree(&[("app.yaml", APP)]);
    ok(&apply(&server, &dir, &[]));
    let mut svc = server
        .object("v1", "Service", Some("default"), "web")
        .unwrap();
    svc["metadata"]["labels"] = json!({});
    svc["metadata"]
        .as_object_mut()
        .unwrap()
        .remove("managedFields");
    server.insert(svc, "someone", "Update");

    // RBAC refuses one delete: a 4xx answer is final (not retried).
    server.fail_next("DELETE", "/configmaps/settings", 1, 403);
    let out = kzr(&server, &["teardown", "app"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("Service/default/web skipped"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("ConfigMap/default/settings: delete failed"),
        "{}",
        text(&out.stderr)
    );
    // The inventory keeps what is left.
    assert_eq!(
        inventory_ids(&server, "default"),
        ["default_settings__ConfigMap"]
    );
    assert!(server
        .object("apps/v1", "Deployment", Some("default"), "web")
        .is_none());

    let out = ok(&kzr(&server, &["teardown", "app"]));
    assert!(out.contains("ConfigMap/default/settings deleted"), "{out}");
    assert!(server
        .object("v1", "ConfigMap", Some("default"), "inv-app")
        .is_none());
    assert!(server
        .object("v1", "Service", Some("default"), "web")
        .is_some());
    let again = kzr(&server, &["teardown", "app"]);
    assert!(text(&again.stderr).contains("inventory app not found in namespace default"));
}

#[test]
fn wait_reports_what_is_not_ready() {
    let server = TestApiServer::start();
    server.stall("Deployment", Some("default"), "web");
    let dir = tree(&[("app.yaml", APP)]);
    let path = dir.path().to_str().unwrap();
    let out = kzr(&server, &["apply", "app", "-f", path, "--timeout", "2s"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("timed out"), "{err}");
    assert!(
        err.contains("Deployment/default/web status: InProgress"),
        "{err}"
    );
    assert!(!err.contains("ConfigMap/default/settings status"), "{err}");
    // Without waiting the same apply succeeds.
    ok(&apply(&server, &dir, &["--wait=false"]));
}

#[test]
fn failure_mid_apply_leaves_a_complete_inventory() {
    let server = TestApiServer::start();
    let dir = tree(&[("app.yaml", APP)]);
    // The real (not dry-run) apply of the Deployment keeps losing its connection: it is
    // retried until the verb's deadline, then reported.
    server.drop_next(
        "PATCH",
        "deployments/web?fieldManager=kzr&force=true",
        10_000,
    );
    let path = dir.path().to_str().unwrap();
    let out = kzr(&server, &["apply", "app", "-f", path, "--timeout", "3s"]);
    assert_ne!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(
        err.contains("Deployment/default/web: apply failed"),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
    assert_eq!(inventory_ids(&server, "default").len(), 3);
    server.clear_faults();
    let out = ok(&apply(&server, &dir, &[]));
    assert!(out.contains("Deployment/default/web created"), "{out}");

    // A single dropped connection is retried.
    server.drop_next("PATCH", "configmaps/settings?fieldManager=kzr", 1);
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("mode: fast", "mode: retried"),
    )
    .unwrap();
    let out = ok(&apply(&server, &dir, &[]));
    assert!(
        out.contains("ConfigMap/default/settings configured"),
        "{out}"
    );
}

#[test]
fn racing_applies_never_corrupt_the_inventory() {
    let server = TestApiServer::start();
    server.delay(
        "PATCH",
        "/configmaps/settings",
        std::time::Duration::from_millis(300),
    );
    let a = tree(&[("app.yaml", APP)]);
    let b_app = APP.replace("mode: fast", "mode: b");
    let b = tree(&[("app.yaml", b_app.as_str())]);
    let kubeconfig = server.kubeconfig();
    let run = |dir: &tempfile::TempDir| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kzr"))
            .args([
                "apply",
                "app",
                "-f",
                dir.path().to_str().unwrap(),
                "--kubeconfig",
            ])
            .arg(&kubeconfig)
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (x, y) = (run(&a), run(&b));
    let outs = [x.wait_with_output().unwrap(), y.wait_with_output().unwrap()];
    assert!(
        outs.iter().any(|o| o.status.success()),
        "one of two racing applies must win"
    );
    for o in outs.iter().filter(|o| !o.status.success()) {
        let err = text(&o.stderr);
        assert!(err.contains("was changed by someone else"), "{err}");
        assert!(
            err.contains("another apply or teardown is running"),
            "{err}"
        );
    }
    // Whatever happened, the inventory is whole and lists the three objects.
    assert_eq!(inventory_ids(&server, "default").len(), 3);
}

#[test]
fn adopts_a_kustomizer_inventory_and_lists_inventories() {
    let server = TestApiServer::start();
    server.insert(
        json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "legacy", "namespace": "default",
                "labels": {"inventory.kustomizer.dev/name": "app", "inventory.kustomizer.dev/namespace": "default"}},
            "data": {"k": "v"}}),
        "kustomizer",
        "Apply",
    );
    server.insert(
        json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "inv-app", "namespace": "default",
                "labels": {"app.kubernetes.io/component": "inventory", "app.kubernetes.io/created-by": "kustomizer", "app.kubernetes.io/name": "app"},
                "annotations": {"inventory.kustomizer.dev/last-applied-time": "2024-01-01T00:00:00Z"}},
            "data": {"resources": "[{\"id\":\"default_legacy__ConfigMap\",\"ver\":\"v1\"}]"}}),
        "kustomizer",
        "Apply",
    );
    let out = ok(&kzr(&server, &["inspect", "inventory", "app"]));
    assert!(out.contains("Inventory: default/app"), "{out}");
    assert!(out.contains("- ConfigMap/default/legacy"), "{out}");
    let dir = tree(&[("app.yaml", APP)]);
    let out = ok(&apply(&server, &dir, &[]));
    assert!(out.contains("ConfigMap/default/legacy deleted"), "{out}");
    let out = ok(&kzr(&server, &["get", "inventories", "-A"]));
    let row = out.lines().find(|l| l.contains(" app ")).expect(&out);
    assert!(row.starts_with("default") && row.contains(" 3 "), "{out}");
    let json: Value =
        serde_json::from_str(&ok(&kzr(&server, &["get", "inventories", "-o", "json"]))).unwrap();
    assert_eq!(json[0]["entries"], 3);
}

#[test]
fn ctrl_c_mid_apply_leaves_every_object_tracked() {
    let server = TestApiServer::start();
    server.delay(
        "PATCH",
        "deployments/web",
        std::time::Duration::from_secs(3),
    );
    let dir = tree(&[("app.yaml", APP)]);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_kzr"))
        .args([
            "apply",
            "app",
            "-f",
            dir.path().to_str().unwrap(),
            "--kubeconfig",
        ])
        .arg(server.kubeconfig())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt while the Deployment's apply is in flight.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !server
        .requests()
        .iter()
        .any(|r| r.path.contains("deployments/web"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "kzr never reached the Deployment"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("interrupted"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        inventory_ids(&server, "default"),
        [
            "default_settings__ConfigMap",
            "default_web__Service",
            "default_web_apps_Deployment"
        ]
    );
}

#[test]
fn teardown_dry_run_changes_nothing() {
    let server = TestApiServer::start();
    let dir = tree(&[("app.yaml", APP)]);
    ok(&apply(&server, &dir, &[]));
    let writes = server.writes();
    let out = ok(&kzr(
        &server,
        &["teardown", "app", "--dry-run", "-o", "json"],
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["delete"], 3, "{v}");
    assert_eq!(v["dryRun"], true);
    assert_eq!(server.writes(), writes);
    assert!(server
        .object("v1", "ConfigMap", Some("default"), "inv-app")
        .is_some());
    // Reverse apply order: Deployment, Service, ConfigMap.
    let ids: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "Deployment/default/web",
            "Service/default/web",
            "ConfigMap/default/settings"
        ]
    );
}
