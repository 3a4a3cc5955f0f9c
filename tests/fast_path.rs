//! The no-op fast path against the server's own answer. kzr says "unchanged" without a
//! dry-run when `provably_unchanged` holds; here, on generated pairs of (live object, desired
//! object), kubectl's server-side dry-run is the oracle: whenever the fast path says
//! "unchanged", the dry-run must leave every value and kzr's owned field set as they are.
//!
//! Each case applies a base object with kzr's field manager, lets another client change it
//! (or not), changes the desired object (or not), then asks both.

use crate::common;

use common::backend::Backend;
use common::text;
use kzr::cluster::unchanged::provably_unchanged;
use serde_json::{json, Value};

crate::on_both_servers!(fast_path_never_hides_what_a_dry_run_would_change);

const CASES: usize = 48;
const SEED: u64 = 14;
const MANAGER: &str = "kzr";

fn base(kind: usize, name: &str, ns: &str) -> Value {
    let meta = json!({"name": name, "namespace": ns, "labels": {"app": name, "tier": "web"}});
    match kind {
        0 => json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta,
            "data": {"a": "1", "b": "x"}}),
        1 => json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": name}},
                "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [
                    {"name": "web", "image": "nginx:1", "args": ["a", "b"],
                     "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                     "ports": [{"containerPort": 80}, {"containerPort": 443, "name": "https"}]}]}}}}),
        2 => json!({"apiVersion": "v1", "kind": "Service", "metadata": meta,
            "spec": {"selector": {"app": name}, "ports": [
                {"name": "http", "port": 80, "targetPort": 8080},
                {"name": "https", "port": 443}]}}),
        _ => json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": meta,
            "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]}),
    }
}

/// The list the desired-side changes work on, per kind.
fn a_list(o: &mut Value) -> &mut Vec<Value> {
    let path = match o["kind"].as_str() {
        Some("Deployment") => "/spec/template/spec/containers/0/ports",
        Some("Service") => "/spec/ports",
        Some("Role") => "/rules/0/verbs",
        _ => "/metadata/finalizers",
    };
    if o.pointer(path).is_none() {
        o["metadata"]["finalizers"] = json!(["example.com/a", "example.com/b"]);
    }
    o.pointer_mut(path)
        .and_then(Value::as_array_mut)
        .expect("list")
}

/// A change of the desired object (0 = none).
fn change_desired(o: &mut Value, which: usize) {
    match which {
        1 => o["metadata"]["labels"]["extra"] = json!("v"),
        2 => {
            o["metadata"]["labels"]
                .as_object_mut()
                .unwrap()
                .remove("tier");
        }
        3 => match o["kind"].as_str().unwrap() {
            "ConfigMap" => o["data"]["a"] = json!("2"),
            "Deployment" => {
                o["spec"]["template"]["spec"]["containers"][0]["image"] = json!("nginx:2")
            }
            "Service" => o["spec"]["ports"][0]["targetPort"] = json!(8081),
            _ => o["rules"][0]["verbs"][1] = json!("watch"),
        },
        4 => a_list(o).reverse(),
        5 => {
            let list = a_list(o);
            let extra = match list.first() {
                Some(Value::Object(m)) if m.contains_key("containerPort") => {
                    json!({"containerPort": 8443})
                }
                Some(Value::Object(_)) => json!({"name": "extra", "port": 9090}),
                _ => json!("watch"),
            };
            list.push(extra);
        }
        6 => {
            a_list(o).pop();
        }
        // A value equal to what is live already (a server default, or an explicit key
        // field the server filled in): only the ownership changes.
        7 => match o["kind"].as_str().unwrap() {
            "Deployment" => o["spec"]["revisionHistoryLimit"] = json!(10),
            "Service" => o["spec"]["sessionAffinity"] = json!("None"),
            "ConfigMap" => o["immutable"] = json!(false),
            _ => o["rules"][0]["apiGroups"] = json!([""]),
        },
        8 => match o["kind"].as_str().unwrap() {
            "Deployment" => {
                o["spec"]["template"]["spec"]["containers"][0]["ports"][0]["protocol"] =
                    json!("TCP")
            }
            "Service" => o["spec"]["ports"][1]["protocol"] = json!("TCP"),
            _ => o["metadata"]["annotations"] = json!({"note": "n"}),
        },
        _ => {}
    }
}

/// Another client's change of the live object (0 = none).
fn change_live(b: &Backend, desired0: &Value, which: usize) {
    let kind = desired0["kind"].as_str().unwrap().to_lowercase();
    let name = desired0["metadata"]["name"].as_str().unwrap();
    let target = format!("{kind}/{name}");
    let ns = b.ns();
    let run = |args: &[&str], stdin: Option<&str>| {
        let out = b.kubectl(args, stdin);
        assert!(
            out.status.success(),
            "kubectl {args:?}: {}",
            text(&out.stderr)
        );
    };
    let apply_as_other = |labels: Value, force: bool| {
        let partial = json!({"apiVersion": desired0["apiVersion"], "kind": desired0["kind"],
            "metadata": {"name": name, "namespace": ns, "labels": labels}});
        let mut args = vec!["apply", "--server-side", "--field-manager=other", "-f", "-"];
        if force {
            args.push("--force-conflicts");
        }
        run(&args, Some(&partial.to_string()));
    };
    match which {
        1 => run(
            &[
                "patch",
                "-n",
                ns,
                &target,
                "--field-manager=other",
                "--type=merge",
                "-p",
                r#"{"metadata":{"labels":{"tier":"changed"}}}"#,
            ],
            None,
        ),
        2 => run(
            &[
                "label",
                "-n",
                ns,
                &target,
                "--field-manager=other",
                "owner=someone",
            ],
            None,
        ),
        3 => run(
            &[
                "patch",
                "-n",
                ns,
                &target,
                "--field-manager=other",
                "--type=json",
                "-p",
                r#"[{"op":"remove","path":"/metadata/labels/tier"}]"#,
            ],
            None,
        ),
        4 => apply_as_other(json!({"tier": "web"}), false),
        5 => apply_as_other(json!({"tier": "api"}), true),
        6 => {
            let mut smaller = desired0.clone();
            smaller["metadata"]["labels"]
                .as_object_mut()
                .unwrap()
                .remove("tier");
            apply_as(b, &smaller, false);
        }
        _ => {}
    }
}

/// `kubectl apply --server-side` with kzr's field manager; the result, or the dry-run's.
fn apply_as(b: &Backend, object: &Value, dry_run: bool) -> Value {
    let mut args = vec![
        "apply",
        "--server-side",
        "--force-conflicts",
        "--field-manager",
        MANAGER,
        "--show-managed-fields",
        "-o",
        "json",
        "-f",
        "-",
    ];
    if dry_run {
        args.push("--dry-run=server");
    }
    let out = b.kubectl(&args, Some(&object.to_string()));
    assert!(
        out.status.success(),
        "kubectl {args:?}: {}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("kubectl prints JSON")
}

/// The values (without server bookkeeping) and kzr's owned fields.
fn what_apply_keeps(o: &Value) -> (Value, Value) {
    let mut values = o.clone();
    values.as_object_mut().unwrap().remove("status");
    let meta = values["metadata"].as_object_mut().unwrap();
    for key in [
        "managedFields",
        "resourceVersion",
        "generation",
        "uid",
        "creationTimestamp",
    ] {
        meta.remove(key);
    }
    let owned = o["metadata"]["managedFields"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["manager"] == MANAGER && e["operation"] == "Apply")
        .map(|e| e["fieldsV1"].clone())
        .unwrap_or(Value::Null);
    (values, owned)
}

fn fast_path_never_hides_what_a_dry_run_would_change(b: &Backend) {
    let mut rng = fastrand::Rng::with_seed(SEED);
    let (mut fast, mut fast_after_change, mut missed) = (0, 0, 0);
    for case in 0..CASES {
        // The first cases are the plain re-apply of each kind: the fast path must take them.
        let (kind, live_change, desired_change) = if case < 4 {
            (case, 0, 0)
        } else {
            // Half the cases keep the desired object, so another client's change alone is tried.
            let desired_change = if rng.bool() { 0 } else { rng.usize(1..9) };
            (rng.usize(0..4), rng.usize(0..7), desired_change)
        };
        let desired0 = base(kind, &format!("fp-{case}"), b.ns());
        apply_as(b, &desired0, false);
        change_live(b, &desired0, live_change);
        let mut desired = desired0.clone();
        change_desired(&mut desired, desired_change);
        let kind_name = desired["kind"].as_str().unwrap().to_string();
        let live = b
            .object(
                desired["apiVersion"].as_str().unwrap(),
                &kind_name,
                Some(b.ns()),
                &format!("fp-{case}"),
            )
            .expect("the object exists");
        let claimed = provably_unchanged(&desired, &live, MANAGER);
        let answer = apply_as(b, &desired, true);
        let no_op = what_apply_keeps(&answer) == what_apply_keeps(&live);
        assert!(
            !claimed || no_op,
            "case {case} ({kind_name}, live change {live_change}, desired change {desired_change}): \
             the fast path says unchanged, the dry-run changes\n{:#?}\nto\n{:#?}",
            what_apply_keeps(&live),
            what_apply_keeps(&answer)
        );
        if case < 4 {
            assert!(
                claimed,
                "case {case}: a plain re-apply of a {kind_name} must take the fast path"
            );
        }
        fast += usize::from(claimed);
        fast_after_change += usize::from(claimed && (live_change, desired_change) != (0, 0));
        missed += usize::from(!claimed && no_op);
    }
    eprintln!(
        "{CASES} cases: fast path taken {fast} times ({fast_after_change} after a change), \
         dry-run needed to see a no-op {missed} times"
    );
    assert!(
        fast_after_change > 0,
        "the generated changes include ones that keep the object as it is"
    );
}
