//! The kube-apiserver test double (`common::apiserver`) checked against the real kubectl: if
//! kubectl behaves against it as it does against a real cluster, clients tested against the
//! double see real behaviour. Plus raw HTTP checks of the exact bodies.

use crate::common;
use common::apiserver::TestApiServer;
use common::{text, tree};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::process::{Command, Output};
use std::time::Duration;

/// A server and a kubectl pointed at it (own discovery cache, like a fresh machine).
struct Env {
    server: TestApiServer,
    cache: tempfile::TempDir,
    files: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            server: TestApiServer::start(),
            cache: tempfile::tempdir().unwrap(),
            files: tempfile::tempdir().unwrap(),
        }
    }

    fn kubectl(&self, args: &[&str]) -> Output {
        Command::new("kubectl")
            .arg("--kubeconfig")
            .arg(self.server.kubeconfig())
            .args(args)
            .env("KUBECACHEDIR", self.cache.path())
            .env_remove("KUBECTL_EXTERNAL_DIFF")
            .output()
            .expect("kubectl must be installed")
    }

    /// Runs kubectl and asserts success; stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.kubectl(args);
        assert!(
            out.status.success(),
            "kubectl {args:?} failed: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// Runs kubectl and asserts failure; stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.kubectl(args);
        assert!(
            !out.status.success(),
            "kubectl {args:?} should fail: {}",
            text(&out.stdout)
        );
        text(&out.stderr)
    }

    fn file(&self, name: &str, content: &str) -> String {
        let p = self.files.path().join(name);
        std::fs::write(&p, content).unwrap();
        p.display().to_string()
    }

    fn get_json(&self, args: &[&str]) -> Value {
        let mut a = vec!["get"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["-o", "json", "--show-managed-fields"]);
        serde_json::from_str(&self.ok(&a)).unwrap()
    }
}

/// A raw request (JSON response body parsed; text bodies as a JSON string).
fn http(
    s: &TestApiServer,
    method: &str,
    path: &str,
    content_type: &str,
    body: &str,
) -> (u16, Value) {
    let addr = s.url().trim_start_matches("http://").to_string();
    let mut c = std::net::TcpStream::connect(&addr).unwrap();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: raw-test/1.0\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    c.write_all(req.as_bytes()).unwrap();
    let mut resp = String::new();
    c.read_to_string(&mut resp).unwrap();
    let (head, body) = resp.split_once("\r\n\r\n").unwrap();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let v = serde_json::from_str(body).unwrap_or(Value::String(body.to_string()));
    (status, v)
}

const CM: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  key: value\n";

const DEPLOY: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        ports:
        - containerPort: 80
"#;

const CRD: &str = r#"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wd]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              color: {type: string, default: blue}
          status:
            type: object
            x-kubernetes-preserve-unknown-fields: true
"#;

const WIDGET: &str =
    "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n";

fn rv(v: &Value) -> String {
    v["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string()
}

// ---------------------------------------------------------------------------------------
// kubectl

#[test]
fn server_side_apply_creates_then_an_identical_apply_changes_nothing() {
    let e = Env::new();
    let f = e.file("cm.yaml", CM);
    assert_eq!(
        e.ok(&["apply", "--server-side", "-f", &f]),
        "configmap/x serverside-applied\n"
    );
    let first = e.get_json(&["cm", "x"]);
    assert_eq!(first["data"], json!({"key": "value"}));
    assert_eq!(first["metadata"]["namespace"], "default");
    assert_eq!(
        first["metadata"]["managedFields"],
        json!([{
            "apiVersion": "v1",
            "fieldsType": "FieldsV1",
            "fieldsV1": {"f:data": {"f:key": {}}},
            "manager": "kubectl",
            "operation": "Apply",
            "time": first["metadata"]["managedFields"][0]["time"],
        }])
    );
    assert!(first["metadata"]["uid"].as_str().unwrap().len() == 36);

    e.ok(&["apply", "--server-side", "-f", &f]);
    let second = e.get_json(&["cm", "x"]);
    assert_eq!(
        rv(&first),
        rv(&second),
        "a no-op apply must not bump resourceVersion"
    );
    assert_eq!(first, second);
    assert_eq!(
        e.server
            .object("v1", "ConfigMap", Some("default"), "x")
            .unwrap(),
        second
    );
    // Both applies were accepted writes; neither was dry-run.
    assert_eq!(e.server.writes(), 2);
    assert!(e.server.requests().iter().any(|r| r.method == "PATCH"
        && r.query.contains("fieldManager=kubectl")
        && r.status == 201));
}

#[test]
fn diff_server_side_exits_0_when_unchanged_and_1_with_a_diff() {
    let e = Env::new();
    let f = e.file("cm.yaml", CM);
    e.ok(&["apply", "--server-side", "-f", &f]);
    let writes = e.server.writes();
    let out = e.kubectl(&["diff", "--server-side", "-f", &f]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");

    let changed = e.file("cm2.yaml", &CM.replace("key: value", "key: other"));
    let out = e.kubectl(&["diff", "--server-side", "-f", &changed]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let diff = text(&out.stdout);
    assert!(diff.contains("-  key: value\n+  key: other\n"), "{diff}");
    // diff only dry-runs.
    assert_eq!(e.server.writes(), writes);
    assert!(e
        .server
        .requests()
        .iter()
        .any(|r| r.dry_run && r.method == "PATCH"));
    assert_eq!(
        e.server
            .object("v1", "ConfigMap", Some("default"), "x")
            .unwrap()["data"]["key"],
        "value"
    );
}

#[test]
fn apply_reports_a_conflict_with_another_manager_unless_forced() {
    let e = Env::new();
    let f = e.file("cm.yaml", CM);
    e.ok(&["apply", "--server-side", "-f", &f]);
    e.ok(&[
        "patch",
        "cm",
        "x",
        "--type",
        "merge",
        "-p",
        r#"{"data":{"key":"patched"}}"#,
    ]);
    let changed = e.file("cm2.yaml", &CM.replace("key: value", "key: mine"));
    let err = e.fails(&["apply", "--server-side", "-f", &changed]);
    assert!(
        err.contains(
            r#"Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: .data.key"#
        ),
        "{err}"
    );
    assert_eq!(
        e.server
            .object("v1", "ConfigMap", Some("default"), "x")
            .unwrap()["data"]["key"],
        "patched"
    );
    e.ok(&[
        "apply",
        "--server-side",
        "--force-conflicts",
        "-f",
        &changed,
    ]);
    let cm = e.get_json(&["cm", "x"]);
    assert_eq!(cm["data"]["key"], "mine");
    let managers: Vec<&str> = cm["metadata"]["managedFields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["manager"].as_str().unwrap())
        .collect();
    assert_eq!(managers, ["kubectl"], "ownership moved to the applier");
}

#[test]
fn conflict_with_client_side_apply_names_the_manager_like_a_real_server() {
    let e = Env::new();
    e.server.insert(
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "default"}, "data": {"key": "old"}}),
        "kubectl-client-side-apply",
        "Update",
    );
    let f = e.file("cm.yaml", CM);
    let err = e.fails(&["apply", "--server-side", "--field-manager", "kzr", "-f", &f]);
    assert!(
        err.contains(r#"conflict with "kubectl-client-side-apply" using v1: .data.key"#),
        "{err}"
    );
}

#[test]
fn get_delete_and_not_found() {
    let e = Env::new();
    let f = e.file("cm.yaml", CM);
    e.ok(&["apply", "--server-side", "-f", &f]);
    let table = e.ok(&["get", "cm"]);
    assert!(table.starts_with("NAME"), "{table}");
    assert!(table.contains("\nx "), "{table}");
    assert_eq!(e.ok(&["delete", "cm", "x"]), "configmap \"x\" deleted\n");
    let err = e.fails(&["get", "cm", "x"]);
    assert_eq!(
        err,
        "Error from server (NotFound): configmaps \"x\" not found\n"
    );
    let err = e.fails(&["delete", "cm", "x"]);
    assert_eq!(
        err,
        "Error from server (NotFound): configmaps \"x\" not found\n"
    );
    assert!(e
        .server
        .object("v1", "ConfigMap", Some("default"), "x")
        .is_none());
}

#[test]
fn api_resources_lists_the_built_in_kinds() {
    let e = Env::new();
    let out = e.ok(&["api-resources"]);
    for line in [
        "configmaps",
        "deployments",
        "customresourcedefinitions",
        "clusterroles",
        "ingresses",
        "horizontalpodautoscalers",
    ] {
        assert!(out.contains(line), "{line} missing:\n{out}");
    }
    assert!(out.contains("deploy       apps/v1"), "{out}");
    let names = e.ok(&[
        "api-resources",
        "--api-group=rbac.authorization.k8s.io",
        "-o",
        "name",
    ]);
    assert_eq!(
        names,
        "clusterrolebindings.rbac.authorization.k8s.io\nclusterroles.rbac.authorization.k8s.io\nrolebindings.rbac.authorization.k8s.io\nroles.rbac.authorization.k8s.io\n"
    );
}

#[test]
fn crd_then_custom_resource() {
    let e = Env::new();
    e.server.set_crd_establish_delay(Duration::from_millis(300));
    let crd = e.file("crd.yaml", CRD);
    let cr = e.file("cr.yaml", WIDGET);
    e.ok(&["apply", "--server-side", "-f", &crd]);
    // Not established yet: the resource is unknown.
    let err = e.fails(&["apply", "--server-side", "-f", &cr]);
    assert!(err.contains("Widget"), "{err}");
    e.ok(&[
        "wait",
        "--for=condition=Established",
        "crd/widgets.example.com",
        "--timeout=5s",
    ]);
    assert_eq!(
        e.ok(&["apply", "--server-side", "-f", &cr]),
        "widget.example.com/w1 serverside-applied\n"
    );
    let w = e.get_json(&["wd", "w1"]);
    assert_eq!(
        w["spec"],
        json!({"color": "blue", "size": 3}),
        "schema default"
    );
    assert_eq!(w["metadata"]["generation"], 1);
    let names = e.ok(&["get", "widgets", "-o", "name"]);
    assert_eq!(names, "widget.example.com/w1\n");
    assert!(e.ok(&["api-resources"]).contains("widgets"));

    // Fields the schema does not declare are refused, as structured-merge-diff does.
    let bogus = e.file("bogus.yaml", &format!("{WIDGET}  bogus: 1\n"));
    let err = e.fails(&["apply", "--server-side", "-f", &bogus]);
    assert!(
        err.contains("failed to create typed patch object (default/w1; example.com/v1, Kind=Widget): .spec.bogus: field not declared in schema"),
        "{err}"
    );

    // Non-apply writes with strict field validation (kubectl's default) refuse them too.
    let bogus2 = e.file(
        "bogus2.yaml",
        &format!("{}  bogus: 1\n", WIDGET.replace("w1", "w2")),
    );
    let err = e.fails(&["create", "-f", &bogus2]);
    assert!(
        err.contains("strict decoding error: unknown field \"spec.bogus\""),
        "{err}"
    );

    e.ok(&["delete", "crd", "widgets.example.com"]);
    assert!(e
        .server
        .object("example.com/v1", "Widget", Some("default"), "w1")
        .is_none());
    assert!(!e.ok(&["api-resources"]).contains("widgets"));
}

#[test]
fn an_immutable_selector_change_is_refused_with_the_real_message() {
    let e = Env::new();
    let f = e.file("d.yaml", DEPLOY);
    e.ok(&["apply", "--server-side", "-f", &f]);
    let changed = e.file("d2.yaml", &DEPLOY.replace("app: web}", "app: web2}"));
    let err = e.fails(&["apply", "--server-side", "-f", &changed]);
    assert_eq!(
        err,
        "The Deployment \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n"
    );
}

#[test]
fn applying_into_a_missing_namespace_fails() {
    let e = Env::new();
    let f = e.file("cm.yaml", CM);
    let err = e.fails(&["apply", "--server-side", "-n", "nope", "-f", &f]);
    assert_eq!(
        err,
        "Error from server (NotFound): namespaces \"nope\" not found\n"
    );
    e.ok(&[
        "apply",
        "--server-side",
        "-f",
        &e.file(
            "ns.yaml",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: nope\n",
        ),
    ]);
    e.ok(&["apply", "--server-side", "-n", "nope", "-f", &f]);
    let ns = e.get_json(&["ns", "nope"]);
    assert_eq!(ns["status"]["phase"], "Active");
    assert_eq!(
        ns["metadata"]["labels"]["kubernetes.io/metadata.name"],
        "nope"
    );
    // Deleting the namespace deletes what is in it.
    e.ok(&["delete", "ns", "nope"]);
    assert!(e
        .server
        .object("v1", "ConfigMap", Some("nope"), "x")
        .is_none());
    e.fails(&["get", "ns", "nope"]);
}

#[test]
fn deployments_become_ready_unless_stalled() {
    let e = Env::new();
    let f = e.file("d.yaml", DEPLOY);
    e.ok(&["apply", "--server-side", "-f", &f]);
    let out = e.ok(&["rollout", "status", "deployment/web", "--timeout=5s"]);
    assert_eq!(out, "deployment \"web\" successfully rolled out\n");
    let d = e.get_json(&["deploy", "web"]);
    assert_eq!(d["spec"]["replicas"], 1, "defaulted");
    assert_eq!(d["spec"]["strategy"]["rollingUpdate"]["maxSurge"], "25%");
    assert_eq!(d["status"]["observedGeneration"], 1);
    assert_eq!(d["status"]["availableReplicas"], 1);

    e.server.stall("Deployment", Some("default"), "web");
    let bumped = e.file("d3.yaml", &DEPLOY.replace("nginx:1.27", "nginx:1.28"));
    e.ok(&["apply", "--server-side", "-f", &bumped]);
    let out = e.kubectl(&["rollout", "status", "deployment/web", "--timeout=1s"]);
    assert!(!out.status.success());
    let d = e.get_json(&["deploy", "web"]);
    assert_eq!(d["metadata"]["generation"], 2);
    assert_eq!(d["status"]["conditions"][0]["status"], "False");
}

#[test]
fn server_dry_run_changes_nothing() {
    let e = Env::new();
    let f = e.file("cm.yaml", CM);
    assert_eq!(
        e.ok(&["apply", "--server-side", "--dry-run=server", "-f", &f]),
        "configmap/x serverside-applied (server dry run)\n"
    );
    assert!(e
        .server
        .object("v1", "ConfigMap", Some("default"), "x")
        .is_none());
    assert_eq!(e.server.writes(), 0);
    e.ok(&["create", "--dry-run=server", "-f", &f]);
    assert!(e
        .server
        .object("v1", "ConfigMap", Some("default"), "x")
        .is_none());
}

#[test]
fn an_injected_failure_reaches_kubectl_then_the_next_request_succeeds() {
    let e = Env::new();
    let f = e.file("cm.yaml", CM);
    e.server.fail_next("PATCH", "/configmaps/x", 1, 500);
    let err = e.fails(&["apply", "--server-side", "-f", &f]);
    assert!(
        err.contains("Internal error occurred: injected fault"),
        "{err}"
    );
    assert_eq!(e.server.writes(), 0);
    e.ok(&["apply", "--server-side", "-f", &f]);
    let statuses: Vec<u16> = e
        .server
        .requests()
        .iter()
        .filter(|r| r.method == "PATCH")
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [500, 201]);
    assert_eq!(e.server.writes(), 1);

    e.server
        .fail_next("GET", "/api/v1/namespaces/default/configmaps/x", 1, 409);
    let err = e.fails(&["get", "cm", "x"]);
    assert!(err.contains("Error from server (Conflict)"), "{err}");
}

#[test]
fn a_dropped_connection_is_an_error_for_kubectl() {
    let e = Env::new();
    let f = e.file("cm.yaml", CM);
    e.server.drop_next("PATCH", "/configmaps/x", 1);
    let err = e.fails(&["apply", "--server-side", "-f", &f]);
    assert!(err.contains("EOF") || err.contains("connection"), "{err}");
    assert!(e
        .server
        .object("v1", "ConfigMap", Some("default"), "x")
        .is_none());
    let dropped: Vec<_> = e
        .server
        .requests()
        .into_iter()
        .filter(|r| r.status == 0)
        .collect();
    assert_eq!(dropped.len(), 1);
    e.ok(&["apply", "--server-side", "-f", &f]);
}

#[test]
fn delays_slow_down_matching_requests() {
    let e = Env::new();
    e.server.delay(
        "GET",
        "/api/v1/namespaces/default/configmaps",
        Duration::from_millis(400),
    );
    let started = std::time::Instant::now();
    e.fails(&["get", "cm", "x"]);
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[test]
fn kubectl_typed_create_uses_protobuf_which_is_refused() {
    // Documented limitation: protobuf bodies get 415; JSON paths (apply, create -f) work.
    let e = Env::new();
    let err = e.fails(&["create", "namespace", "foo"]);
    assert!(err.contains("UnsupportedMediaType"), "{err}");
    let f = e.file(
        "ns.yaml",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: foo\n",
    );
    assert_eq!(e.ok(&["create", "-f", &f]), "namespace/foo created\n");
}

#[test]
fn kubectl_edit_style_replace_and_json_patch() {
    let e = Env::new();
    let f = e.file("cm.yaml", CM);
    e.ok(&["create", "-f", &f]);
    let cm = e.get_json(&["cm", "x"]);
    assert_eq!(
        cm["metadata"]["managedFields"][0]["manager"],
        "kubectl-create"
    );
    assert_eq!(
        cm["metadata"]["managedFields"][0]["fieldsV1"],
        json!({"f:data": {".": {}, "f:key": {}}})
    );
    let replaced = e.file("r.yaml", &CM.replace("key: value", "key: replaced"));
    e.ok(&["replace", "-f", &replaced]);
    e.ok(&[
        "patch",
        "cm",
        "x",
        "--type",
        "json",
        "-p",
        r#"[{"op":"test","path":"/data/key","value":"replaced"},{"op":"add","path":"/data/other","value":"1"}]"#,
    ]);
    let err = e.fails(&[
        "patch",
        "cm",
        "x",
        "--type",
        "json",
        "-p",
        r#"[{"op":"test","path":"/data/key","value":"nope"}]"#,
    ]);
    assert!(
        err.contains("the server rejected our request due to an error in our request"),
        "{err}"
    );
    let cm = e.get_json(&["cm", "x"]);
    assert_eq!(cm["data"], json!({"key": "replaced", "other": "1"}));
}

// ---------------------------------------------------------------------------------------
// Raw HTTP: exact bodies.

#[test]
fn status_bodies_match_the_real_server() {
    let s = TestApiServer::start();
    let (code, body) = http(&s, "GET", "/api/v1/namespaces/default/configmaps/x", "", "");
    assert_eq!(code, 404);
    assert_eq!(
        body,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": "configmaps \"x\" not found", "reason": "NotFound", "details": {"name": "x", "kind": "configmaps"}, "code": 404})
    );
    let (code, body) = http(
        &s,
        "GET",
        "/apis/apps/v1/namespaces/default/deployments/x",
        "",
        "",
    );
    assert_eq!(code, 404);
    assert_eq!(body["message"], "deployments.apps \"x\" not found");
    assert_eq!(
        body["details"],
        json!({"name": "x", "group": "apps", "kind": "deployments"})
    );
    let (code, body) = http(&s, "GET", "/api/v1/foos", "", "");
    assert_eq!(code, 404);
    assert_eq!(
        body,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": "the server could not find the requested resource", "reason": "NotFound", "details": {}, "code": 404})
    );
    let (code, body) = http(&s, "GET", "/apis/example.com/v1/widgets", "", "");
    assert_eq!((code, body), (404, json!("404 page not found\n")));

    let cm = r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"1"}}"#;
    let (code, created) = http(
        &s,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        "application/json",
        cm,
    );
    assert_eq!(code, 201);
    assert_eq!(
        created["metadata"]["managedFields"][0]["manager"],
        "raw-test"
    );
    let (code, body) = http(
        &s,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        "application/json",
        cm,
    );
    assert_eq!(code, 409);
    assert_eq!(body["message"], "configmaps \"x\" already exists");
    assert_eq!(body["reason"], "AlreadyExists");

    let stale = cm.replace(r#""name":"x""#, r#""name":"x","resourceVersion":"1""#);
    let (code, body) = http(
        &s,
        "PUT",
        "/api/v1/namespaces/default/configmaps/x",
        "application/json",
        &stale,
    );
    assert_eq!(code, 409);
    assert_eq!(
        body["message"],
        "Operation cannot be fulfilled on configmaps \"x\": the object has been modified; please apply your changes to the latest version and try again"
    );

    let (code, body) = http(
        &s,
        "PATCH",
        "/api/v1/namespaces/default/configmaps/x",
        "application/apply-patch+yaml",
        cm,
    );
    assert_eq!(code, 422);
    assert_eq!(
        body,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
            "reason": "Invalid",
            "details": {"group": "meta.k8s.io", "kind": "PatchOptions", "causes": [{"reason": "FieldValueRequired", "message": "Required value: is required for apply patch", "field": "fieldManager"}]},
            "code": 422})
    );

    let (code, body) = http(
        &s,
        "PATCH",
        "/api/v1/namespaces/default/configmaps/x",
        "application/json-patch+json",
        r#"[{"op":"test","path":"/data/a","value":"2"}]"#,
    );
    assert_eq!(code, 422);
    assert_eq!(
        body,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": "the server rejected our request due to an error in our request", "reason": "Invalid", "details": {}, "code": 422})
    );

    let (code, body) = http(
        &s,
        "DELETE",
        "/api/v1/namespaces/default/configmaps/x",
        "application/json",
        r#"{"propagationPolicy":"Background"}"#,
    );
    assert_eq!(code, 200);
    assert_eq!(
        body,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": {"name": "x", "kind": "configmaps", "uid": created["metadata"]["uid"]}})
    );
}

#[test]
fn validation_errors_carry_causes() {
    let s = TestApiServer::start();
    let (code, body) = http(
        &s,
        "POST",
        "/apis/apps/v1/namespaces/default/deployments",
        "application/json",
        r#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"Bad_Name"},"spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"a","image":"i"}]}}}}"#,
    );
    assert_eq!(code, 422);
    assert_eq!(body["reason"], "Invalid");
    assert_eq!(body["details"]["kind"], "Deployment");
    assert_eq!(body["details"]["group"], "apps");
    let fields: Vec<&str> = body["details"]["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "spec.selector",
            "spec.template.metadata.labels",
            "metadata.name"
        ]
    );
    assert!(body["message"].as_str().unwrap().starts_with(
        "Deployment.apps \"Bad_Name\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`, metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"
    ), "{}", body["message"]);

    let (code, body) = http(
        &s,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        "application/json",
        r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"imm"},"immutable":true,"data":{"a":"1"}}"#,
    );
    assert_eq!(code, 201, "{body}");
    let (code, body) = http(
        &s,
        "PATCH",
        "/api/v1/namespaces/default/configmaps/imm",
        "application/merge-patch+json",
        r#"{"data":{"a":"2"}}"#,
    );
    assert_eq!(code, 422);
    assert_eq!(
        body["message"],
        "ConfigMap \"imm\" is invalid: data: Forbidden: field is immutable when `immutable` is set"
    );
}

#[test]
fn apply_prunes_what_the_manager_stopped_applying_and_keeps_shared_fields() {
    let s = TestApiServer::start();
    let path = "/api/v1/namespaces/default/configmaps/x?fieldManager=a";
    let ct = "application/apply-patch+yaml";
    let (code, v1) = http(&s, "PATCH", path, ct, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {l: '1'}\ndata:\n  a: '1'\n  b: '2'\n");
    assert_eq!(code, 201, "{v1}");
    // Manager b co-owns a (same value, no conflict).
    let (code, _) = http(
        &s,
        "PATCH",
        "/api/v1/namespaces/default/configmaps/x?fieldManager=b",
        ct,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: '1'\n",
    );
    assert_eq!(code, 200);
    // a stops applying a, b and the label: b is removed, a stays (b owns it), the label goes.
    let (code, v2) = http(
        &s,
        "PATCH",
        path,
        ct,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  c: '3'\n",
    );
    assert_eq!(code, 200, "{v2}");
    assert_eq!(v2["data"], json!({"a": "1", "c": "3"}));
    assert!(v2["metadata"].get("labels").is_none(), "{v2}");
    let fields_of = |m: &str| {
        v2["metadata"]["managedFields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["manager"] == m)
            .map(|e| e["fieldsV1"].clone())
    };
    assert_eq!(fields_of("a"), Some(json!({"f:data": {"f:c": {}}})));
    assert_eq!(fields_of("b"), Some(json!({"f:data": {"f:a": {}}})));
    // Re-applying the same thing is a no-op.
    let (_, v3) = http(
        &s,
        "PATCH",
        path,
        ct,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  c: '3'\n",
    );
    assert_eq!(rv(&v3), rv(&v2));
    // Dry-run shows the result without storing it or bumping resourceVersion.
    let (_, dry) = http(
        &s,
        "PATCH",
        &format!("{path}&dryRun=All"),
        ct,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  c: '4'\n",
    );
    assert_eq!(dry["data"]["c"], "4");
    assert_eq!(rv(&dry), rv(&v2));
    assert_eq!(
        s.object("v1", "ConfigMap", Some("default"), "x").unwrap()["data"]["c"],
        "3"
    );
    // A resourceVersion in the applied config is a precondition.
    let (code, body) = http(&s, "PATCH", path, ct, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  resourceVersion: '1'\ndata:\n  c: '3'\n");
    assert_eq!(code, 409);
    assert_eq!(body["reason"], "Conflict");
    let (code, body) = http(
        &s,
        "PATCH",
        path,
        ct,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  managedFields: []\n",
    );
    assert_eq!(
        (code, body["message"].clone()),
        (400, json!("metadata.managedFields must be nil"))
    );
    let (code, body) = http(
        &s,
        "PATCH",
        path,
        ct,
        "apiVersion: v2\nkind: ConfigMap\nmetadata:\n  name: x\n",
    );
    assert_eq!(code, 400);
    assert_eq!(
        body["message"],
        "Incorrect version specified in apply patch. Specified patch version: v2, expected: v1"
    );
}

#[test]
fn lists_select_by_label_and_omit_item_kinds() {
    let s = TestApiServer::start();
    for (name, env) in [("a", "prod"), ("b", "dev"), ("c", "prod")] {
        s.insert(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": {"env": env}}}),
            "test",
            "Apply",
        );
    }
    let names = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["metadata"]["name"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, all) = http(&s, "GET", "/api/v1/configmaps", "", "");
    assert_eq!(all["kind"], "ConfigMapList");
    assert_eq!(names(&all), ["a", "b", "c"]);
    assert!(all["items"][0].get("kind").is_none());
    for (sel, want) in [
        ("env%3Dprod", vec!["a", "c"]),
        ("env%3D%3Dprod", vec!["a", "c"]),
        ("env!%3Dprod", vec!["b"]),
        ("env", vec!["a", "b", "c"]),
        ("!env", vec![]),
        ("env%20in%20(dev,x)", vec!["b"]),
        ("env%3Dprod,env!%3Dprod", vec![]),
    ] {
        let (_, v) = http(
            &s,
            "GET",
            &format!("/api/v1/namespaces/default/configmaps?labelSelector={sel}"),
            "",
            "",
        );
        assert_eq!(names(&v), want, "{sel}");
    }
}

#[test]
fn services_get_defaults_and_an_allocated_cluster_ip() {
    let s = TestApiServer::start();
    let (code, svc) = http(
        &s,
        "PATCH",
        "/api/v1/namespaces/default/services/web?fieldManager=kzr",
        "application/apply-patch+yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n",
    );
    assert_eq!(code, 201, "{svc}");
    let spec = &svc["spec"];
    assert_eq!(spec["type"], "ClusterIP");
    assert_eq!(spec["sessionAffinity"], "None");
    assert_eq!(
        spec["ports"],
        json!([{"port": 80, "protocol": "TCP", "targetPort": 80}])
    );
    let ip = spec["clusterIP"].as_str().unwrap();
    assert!(ip.starts_with("10.96."));
    assert_eq!(spec["clusterIPs"], json!([ip]));
    assert_eq!(
        svc["metadata"]["managedFields"][0]["fieldsV1"]["f:spec"]["f:ports"],
        json!({"k:{\"port\":80,\"protocol\":\"TCP\"}": {".": {}, "f:port": {}}})
    );
    let (code, body) = http(
        &s,
        "PATCH",
        "/api/v1/namespaces/default/services/web?fieldManager=kzr",
        "application/merge-patch+json",
        r#"{"spec":{"clusterIP":"10.96.9.9","clusterIPs":["10.96.9.9"]}}"#,
    );
    assert_eq!(code, 422);
    assert_eq!(body["details"]["causes"][0]["field"], "spec.clusterIPs[0]");
}

#[test]
fn secrets_string_data_is_merged_into_data() {
    let s = TestApiServer::start();
    let (code, v) = http(
        &s,
        "POST",
        "/api/v1/namespaces/default/secrets",
        "application/json",
        r#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"user":"admin"}}"#,
    );
    assert_eq!(code, 201);
    assert_eq!(v["data"], json!({"user": "YWRtaW4="}));
    assert_eq!(v["type"], "Opaque");
    assert!(v.get("stringData").is_none());
}

#[test]
fn watch_streams_events() {
    let s = TestApiServer::start();
    let addr = s.url().trim_start_matches("http://").to_string();
    let mut c = std::net::TcpStream::connect(&addr).unwrap();
    c.write_all(format!("GET /api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1 HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    s.insert(
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "w"}}),
        "test",
        "Update",
    );
    let mut out = String::new();
    c.read_to_string(&mut out).unwrap();
    assert!(out.contains("Transfer-Encoding: chunked"), "{out}");
    assert!(
        out.contains(r#"{"type":"ADDED","object":{"kind":"ConfigMap""#),
        "{out}"
    );
}

#[test]
fn kubeconfig_and_files_helpers() {
    // `tree` from common builds manifest directories for kubectl -f DIR.
    let e = Env::new();
    let dir = tree(&[
        ("a.yaml", CM),
        ("b.yaml", &CM.replace("name: x", "name: x2")),
    ]);
    let out = e.ok(&["apply", "--server-side", "-f", dir.path().to_str().unwrap()]);
    assert_eq!(
        out,
        "configmap/x serverside-applied\nconfigmap/x2 serverside-applied\n"
    );
    assert_eq!(e.server.list("v1", "ConfigMap").len(), 2);
    let kc = std::fs::read_to_string(e.server.kubeconfig()).unwrap();
    assert!(kc.contains(&e.server.url()) && kc.contains("token: test-token"));
}

#[test]
fn kube_rs_client_works_against_the_double() {
    use kube::api::{Api, DeleteParams, DynamicObject, ListParams, Patch, PatchParams};
    use kube::core::GroupVersionKind;
    let s = TestApiServer::start();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let kc = kube::config::Kubeconfig::read_from(s.kubeconfig()).unwrap();
        let cfg = kube::Config::from_custom_kubeconfig(kc, &Default::default())
            .await
            .unwrap();
        let client = kube::Client::try_from(cfg).unwrap();
        let discovery = kube::Discovery::new(client.clone()).run().await.unwrap();
        let (ar, caps) = discovery
            .resolve_gvk(&GroupVersionKind::gvk("apps", "v1", "Deployment"))
            .unwrap();
        assert_eq!(caps.scope, kube::discovery::Scope::Namespaced);
        let api: Api<DynamicObject> = Api::namespaced_with(client.clone(), "default", &ar);
        let doc = kzr::yaml::parse_documents(DEPLOY).unwrap().remove(0).value;
        let obj: DynamicObject = serde_json::from_value(doc).unwrap();
        let dry = api
            .patch(
                "web",
                &PatchParams::apply("kzr").force().dry_run(),
                &Patch::Apply(&obj),
            )
            .await
            .unwrap();
        assert!(dry.metadata.resource_version.is_none());
        assert!(s
            .object("apps/v1", "Deployment", Some("default"), "web")
            .is_none());
        let applied = api
            .patch(
                "web",
                &PatchParams::apply("kzr").force(),
                &Patch::Apply(&obj),
            )
            .await
            .unwrap();
        assert_eq!(applied.metadata.generation, Some(1));
        let list = api
            .list(&ListParams::default().labels("app!=other"))
            .await
            .unwrap();
        assert_eq!(list.items.len(), 1);
        let err = api.get("nope").await.unwrap_err();
        match err {
            kube::Error::Api(status) => {
                assert_eq!(status.code, 404);
                assert_eq!(status.message, "deployments.apps \"nope\" not found");
            }
            other => panic!("{other}"),
        }
        api.delete("web", &DeleteParams::background())
            .await
            .unwrap();
        assert!(s
            .object("apps/v1", "Deployment", Some("default"), "web")
            .is_none());
    });
}
