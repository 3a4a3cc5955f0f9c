//! `kzr plan|diff|apply|teardown|get|inspect inventory` end to end. Every behaviour runs
//! against both back ends (tests/common/backend.rs): the in-process test double and a real
//! kube-apiserver (`KZR_TEST_KUBECONFIG`; in CI the control plane `.ci/run` starts). What
//! needs the double's fault hooks (injected errors, dropped connections, request logs) runs
//! on the double only, at the end of this file.

use crate::common;

use common::backend::Backend;
use common::{text, tree, APP};
use serde_json::{json, Value};
use std::process::Output;

crate::on_both_servers!(
    apply_creates_then_leaves_unchanged_objects_unwritten,
    namespaces_scope_and_unknown_kinds,
    crd_and_its_objects_in_one_apply,
    prune_respects_owner_labels_and_opt_out,
    immutable_fields_need_force,
    takes_over_kubectl_fields_and_drops_hpa_replicas,
    diff_masks_secrets_and_uses_kubectl_exit_codes,
    plan_saves_what_apply_from_executes_and_refuses_when_stale,
    teardown_leaves_objects_that_are_no_longer_ours,
    wait_reports_what_is_not_ready,
    racing_applies_never_corrupt_the_inventory_or_orphan_objects,
    adopts_a_kustomizer_inventory_and_lists_inventories,
    teardown_dry_run_changes_nothing,
);

const SECRET: &str = r#"apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: hunter2-original
"#;

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

/// `kzr apply app -f DIR`, waiting long enough for a real control plane's controllers.
fn apply(b: &Backend, dir: &tempfile::TempDir, extra: &[&str]) -> Output {
    let path = dir.path().to_str().unwrap();
    let mut args = vec!["apply", "app", "-f", path];
    if !extra.contains(&"--timeout") {
        args.extend(["--timeout", "60s"]);
    }
    args.extend(extra);
    b.kzr(&args)
}

fn rv(obj: &Value) -> String {
    obj["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string()
}

fn apply_creates_then_leaves_unchanged_objects_unwritten(b: &Backend) {
    let ns = b.ns();
    let dir = tree(&[("app.yaml", APP)]);
    let out = ok(&apply(b, &dir, &[]));
    assert!(
        out.contains(&format!("{} created", b.id("ConfigMap", "settings"))),
        "{out}"
    );
    assert!(
        out.contains(&format!("{} created", b.id("Deployment", "web"))),
        "{out}"
    );
    // Apply order: ConfigMap, Service, Deployment.
    let pos = |s: &str| out.find(s).unwrap();
    assert!(pos("ConfigMap/") < pos("Service/") && pos("Service/") < pos("Deployment/"));

    let cm = b.object("v1", "ConfigMap", Some(ns), "settings").unwrap();
    assert_eq!(cm["metadata"]["labels"]["kzr.dev/inventory-name"], "app");
    assert_eq!(cm["metadata"]["labels"]["kzr.dev/inventory-namespace"], ns);
    assert_eq!(
        b.inventory_ids(ns),
        [
            format!("{ns}_settings__ConfigMap"),
            format!("{ns}_web__Service"),
            format!("{ns}_web_apps_Deployment")
        ]
    );
    let inv = b.object("v1", "ConfigMap", Some(ns), "inv-app").unwrap();
    assert_eq!(
        inv["metadata"]["labels"]["app.kubernetes.io/created-by"],
        "kzr"
    );
    assert!(inv["metadata"]["annotations"]["kzr.dev/last-applied-time"].is_string());
    assert!(inv["metadata"]["annotations"]["kzr.dev/checksum"].is_string());

    let versions = |b: &Backend| -> Vec<String> {
        [
            ("v1", "ConfigMap", "settings"),
            ("v1", "Service", "web"),
            ("apps/v1", "Deployment", "web"),
        ]
        .iter()
        .map(|(v, k, n)| rv(&b.object(v, k, Some(ns), n).unwrap()))
        .collect()
    };
    let before = versions(b);
    let writes = b.writes();
    let out = ok(&apply(b, &dir, &[]));
    assert!(
        out.contains(&format!("{} unchanged", b.id("ConfigMap", "settings"))),
        "{out}"
    );
    assert!(
        out.contains(&format!("{} unchanged", b.id("Deployment", "web"))),
        "{out}"
    );
    // Nothing was written but the inventory (its last-applied time).
    assert_eq!(before, versions(b));
    if let (Some(server), Some(writes)) = (b.double_server(), writes) {
        let log: Vec<String> = server
            .requests()
            .iter()
            .filter(|r| r.method != "GET" && !r.dry_run)
            .map(|r| format!("{} {}?{}", r.method, r.path, r.query))
            .collect();
        assert_eq!(server.writes() - writes, 1, "{log:#?}");
    }

    // A drifted object is written, the others are not.
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("mode: fast", "mode: safe"),
    )
    .unwrap();
    let out = ok(&apply(b, &dir, &["-o", "json"]));
    let result: Value = serde_json::from_str(&out).unwrap();
    let actions: Vec<(String, String)> = result["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().into(),
                c["action"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        actions.contains(&(b.id("ConfigMap", "settings"), "update".into())),
        "{actions:?}"
    );
    assert!(
        actions.contains(&(b.id("Deployment", "web"), "unchanged".into())),
        "{actions:?}"
    );
    assert_eq!(result["summary"]["update"], 1);
    let cm = b.object("v1", "ConfigMap", Some(ns), "settings").unwrap();
    assert_eq!(cm["data"]["mode"], "safe");
}

fn namespaces_scope_and_unknown_kinds(b: &Backend) {
    let team = format!("{}-team", b.ns());
    let reader = format!("{}-reader", b.ns());
    let objects = format!(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: {reader}\n  namespace: should-be-dropped\nrules: []\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
    );
    let dir = tree(&[("a.yaml", &objects)]);
    let path = dir.path().to_str().unwrap();
    let missing = b.kzr(&["apply", "app", "-f", path, "-n", &team]);
    assert_eq!(missing.status.code(), Some(1));
    let err = text(&missing.stderr);
    assert!(
        err.contains(&format!("namespace {team} not found")),
        "{err}"
    );
    assert!(err.contains("--create-namespace"), "{err}");
    assert_eq!(err.lines().count(), 2, "one error line and one hint: {err}");

    ok(&b.kzr(&[
        "apply",
        "app",
        "-f",
        path,
        "-n",
        &team,
        "--create-namespace",
    ]));
    assert!(b.object("v1", "Namespace", None, &team).is_some());
    assert!(b.object("v1", "ConfigMap", Some(&team), "c").is_some());
    let role = b
        .object("rbac.authorization.k8s.io/v1", "ClusterRole", None, &reader)
        .unwrap();
    assert!(role["metadata"].get("namespace").is_none());
    assert_eq!(
        b.inventory_ids(&team),
        [
            format!("_{reader}_rbac.authorization.k8s.io_ClusterRole"),
            format!("{team}_c__ConfigMap")
        ]
    );
    ok(&b.kzr(&["teardown", "app", "-n", &team]));
    assert!(b
        .object("rbac.authorization.k8s.io/v1", "ClusterRole", None, &reader)
        .is_none());

    let unknown = tree(&[(
        "x.yaml",
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n",
    )]);
    let out = b.kzr(&["apply", "app", "-f", unknown.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("no kind Widget in example.com/v1"), "{err}");
}

/// A CRD (in a group of the test's own, so tests do not share it) and one of its objects.
fn crd(group: &str) -> String {
    format!(
        r#"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.{group}
spec:
  group: {group}
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
apiVersion: {group}/v1
kind: Widget
metadata:
  name: w
spec:
  size: 3
"#
    )
}

fn crd_and_its_objects_in_one_apply(b: &Backend) {
    if let Some(server) = b.double_server() {
        server.set_crd_establish_delay(std::time::Duration::from_millis(600));
    }
    let group = format!("{}.example.com", b.ns());
    let dir = tree(&[("crd.yaml", &crd(&group))]);
    let out = ok(&apply(b, &dir, &[]));
    assert!(
        out.contains(&format!("CustomResourceDefinition/widgets.{group} created")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{} created", b.id("Widget", "w"))),
        "{out}"
    );
    let w = b
        .object(&format!("{group}/v1"), "Widget", Some(b.ns()), "w")
        .unwrap();
    assert_eq!(w["spec"]["size"], 3);
    // Teardown deletes the CR before the CRD, and the inventory last.
    let out = ok(&b.kzr(&["teardown", "app", "--timeout", "60s"]));
    let w = out
        .find(&format!("{} deleted", b.id("Widget", "w")))
        .expect(&out);
    let c = out
        .find(&format!("CustomResourceDefinition/widgets.{group} deleted"))
        .expect(&out);
    assert!(w < c, "{out}");
    assert!(b
        .object("v1", "ConfigMap", Some(b.ns()), "inv-app")
        .is_none());
}

fn prune_respects_owner_labels_and_opt_out(b: &Backend) {
    let ns = b.ns();
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
    ok(&apply(b, &dir, &[]));
    // Someone else took over one object: it no longer carries our owner labels.
    let mut other = b
        .object("v1", "ConfigMap", Some(ns), "adopted-elsewhere")
        .unwrap();
    other["metadata"]["labels"] = json!({"owner": "someone-else"});
    b.put(other, "someone");

    std::fs::remove_file(dir.path().join("extra.yaml")).unwrap();
    let out = ok(&apply(b, &dir, &[]));
    assert!(
        out.contains(&format!("{} deleted", b.id("ConfigMap", "old"))),
        "{out}"
    );
    assert!(
        out.contains(&format!("{} skipped", b.id("ConfigMap", "keep"))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{} skipped",
            b.id("ConfigMap", "adopted-elsewhere")
        )),
        "{out}"
    );
    assert!(b.object("v1", "ConfigMap", Some(ns), "old").is_none());
    assert!(b.object("v1", "ConfigMap", Some(ns), "keep").is_some());
    assert!(b
        .object("v1", "ConfigMap", Some(ns), "adopted-elsewhere")
        .is_some());
    // Skipped objects are dropped from the inventory.
    assert_eq!(b.inventory_ids(ns).len(), 3);
}

fn immutable_fields_need_force(b: &Backend) {
    let ns = b.ns();
    let dir = tree(&[("app.yaml", APP)]);
    ok(&apply(b, &dir, &[]));
    let uid =
        b.object("apps/v1", "Deployment", Some(ns), "web").unwrap()["metadata"]["uid"].clone();
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("app: web", "app: web2"),
    )
    .unwrap();
    let out = apply(b, &dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}: field spec.selector is immutable",
            b.id("Deployment", "web")
        )),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    let out = ok(&apply(b, &dir, &["--force"]));
    assert!(
        out.contains(&format!("{} recreated", b.id("Deployment", "web"))),
        "{out}"
    );
    let now = b.object("apps/v1", "Deployment", Some(ns), "web").unwrap();
    assert_ne!(now["metadata"]["uid"], uid);
    assert_eq!(now["spec"]["selector"]["matchLabels"]["app"], "web2");
}

fn takes_over_kubectl_fields_and_drops_hpa_replicas(b: &Backend) {
    let ns = b.ns();
    // Created earlier by `kubectl apply` (client-side).
    let settings = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n  legacy: \"yes\"\n";
    match b {
        Backend::Real { .. } => b.kubectl_apply(settings),
        Backend::Double { server, .. } => server.insert(
            json!({"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": "settings", "namespace": ns,
                    "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
                "data": {"mode": "fast", "legacy": "yes"}}),
            "kubectl-client-side-apply",
            "Update",
        ),
    }
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
    let out = ok(&apply(b, &dir, &["--wait=false"]));
    assert!(
        out.contains(&format!("{} configured", b.id("ConfigMap", "settings"))),
        "{out}"
    );
    let cm = b.object("v1", "ConfigMap", Some(ns), "settings").unwrap();
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

    let deploy = b.object("apps/v1", "Deployment", Some(ns), "web").unwrap();
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

fn diff_masks_secrets_and_uses_kubectl_exit_codes(b: &Backend) {
    let dir = tree(&[("app.yaml", APP), ("secret.yaml", SECRET)]);
    let path = dir.path().to_str().unwrap();
    let out = b.kzr(&["diff", "app", "-f", path]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("► {} created", b.id("Secret", "creds"))),
        "{stdout}"
    );
    assert!(!stdout.contains("hunter2"), "{stdout}");
    ok(&apply(b, &dir, &[]));

    let out = b.kzr(&["diff", "app", "-f", path]);
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
    let out = b.kzr(&["diff", "app", "-f", path]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("► {} drifted", b.id("Deployment", "web"))),
        "{stdout}"
    );
    assert!(
        stdout.contains("-  replicas: 2") && stdout.contains("+  replicas: 3"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("► {} drifted", b.id("Secret", "creds"))),
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

    let out = b.kzr(&["diff", "app", "-f", path, "-o", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let items: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let secret = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == b.id("Secret", "creds").as_str())
        .unwrap();
    assert_eq!(secret["action"], "update");
    assert_eq!(
        secret["changes"],
        json!([{"path": ".data.password", "before": "*** (before)", "after": "*** (after)"}])
    );
    assert!(!text(&out.stdout).contains("hunter2"));

    // Stale objects show as deleted; errors exit 2.
    std::fs::remove_file(dir.path().join("secret.yaml")).unwrap();
    let stdout = text(&b.kzr(&["diff", "app", "-f", path]).stdout);
    assert!(
        stdout.contains(&format!("► {} deleted", b.id("Secret", "creds"))),
        "{stdout}"
    );
    let bad = b.kzr(&["diff", "app", "-f", "/nonexistent/x.yaml"]);
    assert_eq!(bad.status.code(), Some(2));
}

fn plan_saves_what_apply_from_executes_and_refuses_when_stale(b: &Backend) {
    let ns = b.ns();
    let dir = tree(&[("app.yaml", APP)]);
    let path = dir.path().to_str().unwrap();
    ok(&apply(b, &dir, &[]));
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("replicas: 2", "replicas: 4"),
    )
    .unwrap();
    let plan_file = dir.path().join("plan.json");
    let plan = |b: &Backend| {
        ok(&b.kzr(&[
            "plan",
            "app",
            "-f",
            &format!("{path}/app.yaml"),
            "--out",
            plan_file.to_str().unwrap(),
        ]))
    };
    let out = plan(b);
    assert!(
        out.contains(&format!("~ {} (update)", b.id("Deployment", "web"))),
        "{out}"
    );
    assert!(out.contains(".spec.replicas: 2 → 4"), "{out}");
    assert!(
        out.contains("Plan: 0 to create, 1 to update, 0 to delete"),
        "{out}"
    );
    let replicas = |b: &Backend| {
        b.object("apps/v1", "Deployment", Some(ns), "web").unwrap()["spec"]["replicas"].clone()
    };
    // Planning wrote nothing.
    assert_eq!(replicas(b), 2);

    let from = [
        "apply",
        "--from",
        plan_file.to_str().unwrap(),
        "--timeout",
        "60s",
    ];
    let out = ok(&b.kzr(&from));
    assert!(
        out.contains(&format!("{} configured", b.id("Deployment", "web"))),
        "{out}"
    );
    assert_eq!(replicas(b), 4);

    // The cluster changes after planning: apply --from refuses and names the object.
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("mode: fast", "mode: planned"),
    )
    .unwrap();
    plan(b);
    let mut cm = b.object("v1", "ConfigMap", Some(ns), "settings").unwrap();
    cm["data"]["mode"] = json!("edited-by-hand");
    b.put(cm, "kubectl-edit");
    let out = b.kzr(&from);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "the cluster changed since the plan was made: {}",
            b.id("ConfigMap", "settings")
        )),
        "{err}"
    );
    assert_eq!(
        b.object("v1", "ConfigMap", Some(ns), "settings").unwrap()["data"]["mode"],
        "edited-by-hand"
    );

    // plan --teardown previews without deleting.
    let out = ok(&b.kzr(&["plan", "--teardown", "app", "-o", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["delete"], 3);
    assert!(b.object("apps/v1", "Deployment", Some(ns), "web").is_some());
}

fn teardown_leaves_objects_that_are_no_longer_ours(b: &Backend) {
    let ns = b.ns();
    let dir = tree(&[("app.yaml", APP)]);
    ok(&apply(b, &dir, &[]));
    let mut svc = b.object("v1", "Service", Some(ns), "web").unwrap();
    svc["metadata"]["labels"] = json!({});
    b.put(svc, "someone");
    let out = ok(&b.kzr(&["teardown", "app", "--timeout", "60s"]));
    assert!(
        out.contains(&format!("{} skipped", b.id("Service", "web"))),
        "{out}"
    );
    assert!(
        out.contains(&format!("{} deleted", b.id("ConfigMap", "settings"))),
        "{out}"
    );
    assert!(b.object("apps/v1", "Deployment", Some(ns), "web").is_none());
    assert!(b.object("v1", "Service", Some(ns), "web").is_some());
    assert!(b.object("v1", "ConfigMap", Some(ns), "inv-app").is_none());
    let again = b.kzr(&["teardown", "app"]);
    assert!(text(&again.stderr).contains(&format!("inventory app not found in namespace {ns}")));
}

/// Pods named `never-ready…` stay Pending on the real control plane (fake-kubelet); the
/// double is told to stall the Deployment.
fn wait_reports_what_is_not_ready(b: &Backend) {
    let app = APP.replace(
        "name: web\nspec:\n  replicas",
        "name: never-ready\nspec:\n  replicas",
    );
    if let Some(server) = b.double_server() {
        server.stall("Deployment", Some(b.ns()), "never-ready");
    }
    let dir = tree(&[("app.yaml", &app)]);
    let out = apply(b, &dir, &["--timeout", "4s"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("timed out after 4s"), "{err}");
    assert!(
        err.contains(&format!(
            "{} status: InProgress",
            b.id("Deployment", "never-ready")
        )),
        "{err}"
    );
    assert!(!err.contains("ConfigMap/"), "{err}");
    // Without waiting the same apply succeeds.
    ok(&apply(b, &dir, &["--wait=false"]));
}

/// Two applies of different object sets race on one inventory: whichever way it goes, every
/// object that carries the inventory's owner labels is listed in the inventory (none is
/// orphaned) and the inventory is whole JSON.
fn racing_applies_never_corrupt_the_inventory_or_orphan_objects(b: &Backend) {
    let ns = b.ns();
    if let Some(server) = b.double_server() {
        // Widen the window between reading and writing the inventory.
        server.delay(
            "PATCH",
            "/configmaps/",
            std::time::Duration::from_millis(300),
        );
    }
    let one = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: only-in-a\n";
    let two = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: only-in-b\n";
    let a = tree(&[("app.yaml", APP), ("one.yaml", one)]);
    let b_dir = tree(&[
        ("app.yaml", &APP.replace("mode: fast", "mode: b")),
        ("two.yaml", two),
    ]);
    for _ in 0..3 {
        let run = |dir: &tempfile::TempDir| {
            b.spawn_kzr(&[
                "apply",
                "app",
                "-f",
                dir.path().to_str().unwrap(),
                "--wait=false",
            ])
        };
        let (x, y) = (run(&a), run(&b_dir));
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
        let listed = b.inventory_ids(ns);
        for name in ["settings", "only-in-a", "only-in-b"] {
            let owned = b
                .object("v1", "ConfigMap", Some(ns), name)
                .is_some_and(|o| o["metadata"]["labels"]["kzr.dev/inventory-name"] == "app");
            if owned {
                let id = format!("{ns}_{name}__ConfigMap");
                assert!(listed.contains(&id), "{id} exists but is not in {listed:?}");
            }
        }
    }
}

fn adopts_a_kustomizer_inventory_and_lists_inventories(b: &Backend) {
    let ns = b.ns();
    b.put(
        json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "legacy", "namespace": ns,
                "labels": {"inventory.kustomizer.dev/name": "app", "inventory.kustomizer.dev/namespace": ns}},
            "data": {"k": "v"}}),
        "kustomizer",
    );
    b.put(
        json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "inv-app", "namespace": ns,
                "labels": {"app.kubernetes.io/component": "inventory", "app.kubernetes.io/created-by": "kustomizer", "app.kubernetes.io/name": "app"},
                "annotations": {"inventory.kustomizer.dev/last-applied-time": "2024-01-01T00:00:00Z"}},
            "data": {"resources": format!("[{{\"id\":\"{ns}_legacy__ConfigMap\",\"ver\":\"v1\"}}]")}}),
        "kustomizer",
    );
    let out = ok(&b.kzr(&["inspect", "inventory", "app"]));
    assert!(out.contains(&format!("Inventory: {ns}/app")), "{out}");
    assert!(
        out.contains(&format!("- {}", b.id("ConfigMap", "legacy"))),
        "{out}"
    );
    let dir = tree(&[("app.yaml", APP)]);
    let out = ok(&apply(b, &dir, &[]));
    assert!(
        out.contains(&format!("{} deleted", b.id("ConfigMap", "legacy"))),
        "{out}"
    );
    let out = ok(&b.kzr(&["get", "inventories", "-A"]));
    let row = out
        .lines()
        .find(|l| l.starts_with(ns) && l.contains(" app "))
        .expect(&out);
    assert!(row.contains(" 3 "), "{out}");
    let json: Value =
        serde_json::from_str(&ok(&b.kzr(&["get", "inventories", "-o", "json"]))).unwrap();
    assert_eq!(json[0]["entries"], 3);
}

fn teardown_dry_run_changes_nothing(b: &Backend) {
    let ns = b.ns();
    let dir = tree(&[("app.yaml", APP)]);
    ok(&apply(b, &dir, &[]));
    let writes = b.writes();
    let inventory_version = rv(&b.object("v1", "ConfigMap", Some(ns), "inv-app").unwrap());
    let out = ok(&b.kzr(&["teardown", "app", "--dry-run", "-o", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["delete"], 3, "{v}");
    assert_eq!(v["dryRun"], true);
    assert_eq!(b.writes(), writes);
    assert_eq!(
        rv(&b.object("v1", "ConfigMap", Some(ns), "inv-app").unwrap()),
        inventory_version
    );
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
            b.id("Deployment", "web"),
            b.id("Service", "web"),
            b.id("ConfigMap", "settings")
        ]
    );
}

// What only the double can do: injected errors, dropped connections, request logs.

#[test]
fn teardown_resumes_after_a_failed_delete() {
    let b = Backend::double("teardown_resumes");
    let server = b.double_server().unwrap();
    let ns = b.ns();
    let dir = tree(&[("app.yaml", APP)]);
    ok(&apply(&b, &dir, &[]));
    // RBAC refuses one delete: a 4xx answer is final (not retried).
    server.fail_next("DELETE", "/configmaps/settings", 1, 403);
    let out = b.kzr(&["teardown", "app"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(&format!("{}: delete failed", b.id("ConfigMap", "settings"))),
        "{}",
        text(&out.stderr)
    );
    // The inventory keeps what is left.
    assert_eq!(b.inventory_ids(ns), [format!("{ns}_settings__ConfigMap")]);
    assert!(b.object("apps/v1", "Deployment", Some(ns), "web").is_none());

    let out = ok(&b.kzr(&["teardown", "app"]));
    assert!(
        out.contains(&format!("{} deleted", b.id("ConfigMap", "settings"))),
        "{out}"
    );
    assert!(b.object("v1", "ConfigMap", Some(ns), "inv-app").is_none());
}

#[test]
fn failure_mid_apply_leaves_a_complete_inventory() {
    let b = Backend::double("failure_mid_apply");
    let server = b.double_server().unwrap();
    let ns = b.ns();
    let dir = tree(&[("app.yaml", APP)]);
    // The real (not dry-run) apply of the Deployment keeps losing its connection: it is
    // retried until the verb's deadline, then reported.
    server.drop_next(
        "PATCH",
        "deployments/web?fieldManager=kzr&force=true",
        10_000,
    );
    let out = apply(&b, &dir, &["--timeout", "3s"]);
    assert_ne!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("{}: apply failed", b.id("Deployment", "web"))),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
    assert_eq!(b.inventory_ids(ns).len(), 3);
    server.clear_faults();
    let out = ok(&apply(&b, &dir, &[]));
    assert!(
        out.contains(&format!("{} created", b.id("Deployment", "web"))),
        "{out}"
    );

    // A single dropped connection is retried.
    server.drop_next("PATCH", "configmaps/settings?fieldManager=kzr", 1);
    std::fs::write(
        dir.path().join("app.yaml"),
        APP.replace("mode: fast", "mode: retried"),
    )
    .unwrap();
    let out = ok(&apply(&b, &dir, &[]));
    assert!(
        out.contains(&format!("{} configured", b.id("ConfigMap", "settings"))),
        "{out}"
    );
}

#[test]
fn ctrl_c_mid_apply_leaves_every_object_tracked() {
    let b = Backend::double("ctrl_c");
    let server = b.double_server().unwrap();
    let ns = b.ns();
    server.delay(
        "PATCH",
        "deployments/web",
        std::time::Duration::from_secs(3),
    );
    let dir = tree(&[("app.yaml", APP)]);
    let child = b.spawn_kzr(&["apply", "app", "-f", dir.path().to_str().unwrap()]);
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
        b.inventory_ids(ns),
        [
            format!("{ns}_settings__ConfigMap"),
            format!("{ns}_web__Service"),
            format!("{ns}_web_apps_Deployment")
        ]
    );
}

// What only a real API server does: admission webhooks, finalizers, namespace lifecycle,
// request size limits.

/// A validating webhook with failurePolicy Fail whose service does not exist, scoped to the
/// test's namespace: every write there fails, and the error names the webhook at once (it
/// is not retried until the deadline).
#[test]
fn a_webhook_that_cannot_be_called_is_named_at_once() {
    let Some(b) = Backend::real("webhook") else {
        return;
    };
    let ns = b.ns();
    let webhook = format!("deny.{ns}.example.com");
    b.kubectl_apply(&format!(
        r#"apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: {ns}-deny
  labels:
    kzr.dev/inventory-namespace: {ns}
webhooks:
- name: {webhook}
  failurePolicy: Fail
  sideEffects: None
  admissionReviewVersions: [v1]
  clientConfig:
    service: {{name: missing, namespace: {ns}, path: /validate}}
  namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {ns}
  objectSelector:
    matchLabels:
      guarded: "yes"
  rules:
  - apiGroups: [""]
    apiVersions: [v1]
    operations: [CREATE, UPDATE]
    resources: [configmaps]
"#
    ));
    let dir = tree(&[(
        "cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    guarded: \"yes\"\n",
    )]);
    let start = std::time::Instant::now();
    let out = apply(&b, &dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("failed calling webhook \"{webhook}\"")),
        "{err}"
    );
    assert!(err.contains(&b.id("ConfigMap", "c")), "{err}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "retried: {err}"
    );
    assert!(!err.contains("retrying"), "{err}");
}

#[test]
fn teardown_waits_for_finalizers_and_names_the_stuck_objects() {
    let Some(b) = Backend::real("finalizers") else {
        return;
    };
    let held = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers:\n  - example.com/hold\n";
    let dir = tree(&[("app.yaml", APP), ("held.yaml", held)]);
    ok(&apply(&b, &dir, &[]));
    let out = b.kzr(&["teardown", "app", "--timeout", "4s"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(err.contains("timed out after 4s"), "{err}");
    assert!(
        err.contains(&format!(
            "{} status: Terminating, waiting for finalizers example.com/hold",
            b.id("ConfigMap", "held")
        )),
        "{err}"
    );
    // The inventory still lists what is left, so a rerun finishes once the finalizer goes.
    assert!(b
        .object("v1", "ConfigMap", Some(b.ns()), "inv-app")
        .is_some());
    let out = b.kubectl(
        &[
            "patch",
            "configmap",
            "held",
            "-n",
            b.ns(),
            "--type=merge",
            "-p",
            r#"{"metadata":{"finalizers":null}}"#,
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    ok(&b.kzr(&["teardown", "app", "--timeout", "60s"]));
    assert!(b.object("v1", "ConfigMap", Some(b.ns()), "held").is_none());
    assert!(b
        .object("v1", "ConfigMap", Some(b.ns()), "inv-app")
        .is_none());
}

#[test]
fn applying_into_a_terminating_namespace_is_refused_in_words() {
    let Some(b) = Backend::real("terminating") else {
        return;
    };
    let ns = b.ns();
    // A finalizer on an object inside keeps the namespace Terminating.
    b.kubectl_apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers:\n  - example.com/hold\n");
    let out = b.kubectl(&["delete", "namespace", ns, "--wait=false"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let dir = tree(&[("app.yaml", APP)]);
    let out = apply(&b, &dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("namespace {ns} is being deleted (Terminating)")),
        "{err}"
    );
    assert!(
        err.contains("hint: wait until the namespace is gone"),
        "{err}"
    );
    b.kubectl(
        &[
            "patch",
            "configmap",
            "held",
            "-n",
            ns,
            "--type=merge",
            "-p",
            r#"{"metadata":{"finalizers":null}}"#,
        ],
        None,
    );
}

/// A CRD bundle of ~5,000 lines: `kubectl apply` (client-side) cannot store its
/// last-applied annotation (262,144 bytes at most); server-side apply has no such limit.
#[test]
fn a_five_thousand_line_crd_applies_server_side() {
    let Some(b) = Backend::real("big_crd") else {
        return;
    };
    let group = format!("{}.example.com", b.ns());
    let mut properties = String::new();
    for i in 0..1700 {
        properties.push_str(&format!(
            "              field{i:04}:\n                type: string\n                description: A long description of field number {i}, repeated to make the schema as big as real operator bundles are ({i}).\n"
        ));
    }
    let crd = format!(
        r#"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.{group}
spec:
  group: {group}
  names: {{kind: Gadget, plural: gadgets, singular: gadget}}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
{properties}"#
    );
    assert!(
        crd.lines().count() > 5000 && crd.len() > 262_144,
        "{} lines",
        crd.lines().count()
    );
    let dir = tree(&[("crd.yaml", &crd)]);
    let client_side = b.kubectl(
        &[
            "apply",
            "-f",
            dir.path().join("crd.yaml").to_str().unwrap(),
            "--dry-run=server",
        ],
        None,
    );
    assert!(
        !client_side.status.success() && text(&client_side.stderr).contains("Too long"),
        "kubectl's client-side apply was expected to fail: {}",
        text(&client_side.stderr)
    );
    let out = ok(&apply(&b, &dir, &[]));
    assert!(
        out.contains(&format!("CustomResourceDefinition/gadgets.{group} created")),
        "{out}"
    );
    let again = ok(&apply(&b, &dir, &[]));
    assert!(
        again.contains(&format!(
            "CustomResourceDefinition/gadgets.{group} unchanged"
        )),
        "{again}"
    );
    ok(&b.kzr(&["teardown", "app", "--timeout", "60s"]));
}

#[test]
fn many_failures_are_reported_by_cause_in_one_short_line() {
    let b = Backend::double("many_failures");
    let server = b.double_server().unwrap();
    let objects: Vec<String> = (0..40)
        .map(|i| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i:02}\n"))
        .collect();
    let dir = tree(&[("objects.yaml", &objects.join("---\n"))]);
    // Every real write of a ConfigMap other than the inventory loses its connection.
    server.drop_next("PATCH", "/configmaps/c", 100_000);
    let path = dir.path().to_str().unwrap();
    let out = b.kzr(&["apply", "app", "-f", path, "--timeout", "3s", "-o", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let line = err.lines().find(|l| l.starts_with("error: ")).unwrap();
    // Short: three causes at most (under load the last objects meet the deadline while
    // retrying, which words their cause differently), each naming three objects.
    assert!(line.len() < 800, "{line}");
    assert!(line.matches("; ").count() <= 4, "{line}");
    assert!(line.contains("40 of 40 objects failed"), "{line}");
    // One cause for (nearly) all of them; the last may meet the deadline instead.
    assert!(
        line.contains("objects: ") && line.contains(" more)"),
        "{line}"
    );
    assert!(
        !line.contains("ServiceError") && !line.contains("os error"),
        "{line}"
    );
    // -o json lists every one of them.
    let v: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(v["failed"].as_array().unwrap().len(), 40, "{v}");
    assert_eq!(v["total"], 40);
}
