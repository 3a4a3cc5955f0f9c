//! Deciding "unchanged" without asking the server (docs/deploy.md, "The no-op fast path").
//!
//! A server-side apply of `desired` leaves the live object as it is when every field of
//! `desired` already has that value live, and the fields kzr's field manager owns are exactly
//! the fields of `desired` (so nothing it owned before is released, which would remove it).
//! Both are read from the live object alone: its values, and its `managedFields` entry for
//! kzr's manager. Whenever that cannot be shown (a value the server normalises, such as a
//! quantity `1000m` stored as `1`, a list whose merge keys cannot be matched, a manager entry
//! of another API version…) the answer is `false` and the caller asks the server with a
//! dry-run, so this check can make kzr slower but never wrong.

use serde_json::{Map, Value};

/// Whether server-side applying `desired` with `manager` provably changes nothing in `live`.
pub fn provably_unchanged(desired: &Value, live: &Value, manager: &str) -> bool {
    let Some(desired) = desired.as_object() else {
        return false;
    };
    let Some(entry) = our_entry(live, manager) else {
        return false;
    };
    if entry.get("apiVersion") != desired.get("apiVersion")
        || entry.get("fieldsType").and_then(Value::as_str) != Some("FieldsV1")
        || desired.contains_key("status")
    {
        return false;
    }
    // apiVersion, kind, name and namespace identify the object: they are never in a field
    // set, and they must be the live object's own.
    let mut owned = desired.clone();
    for key in ["apiVersion", "kind"] {
        if owned.remove(key).as_ref() != live.get(key) {
            return false;
        }
    }
    if let Some(Value::Object(meta)) = owned.get_mut("metadata") {
        for key in ["name", "namespace"] {
            if let Some(v) = meta.remove(key) {
                let live_value = live["metadata"].get(key).cloned();
                let same = match (key, live_value) {
                    (_, Some(l)) => l == v,
                    ("namespace", None) => v.as_str() == Some(""),
                    _ => false,
                };
                if !same {
                    return false;
                }
            }
        }
        if meta.is_empty() {
            owned.remove("metadata");
        }
    }
    let fields = entry.get("fieldsV1").cloned().unwrap_or(Value::Null);
    map_matches(&owned, live, &fields)
}

/// The one `Apply` entry of `manager` for the main resource; `None` when there is none or
/// more than one.
fn our_entry<'a>(live: &'a Value, manager: &str) -> Option<&'a Map<String, Value>> {
    let entries = live["metadata"]["managedFields"].as_array()?;
    let mut ours = entries.iter().filter_map(Value::as_object).filter(|e| {
        e.get("manager").and_then(Value::as_str) == Some(manager)
            && e.get("operation").and_then(Value::as_str) == Some("Apply")
            && e.get("subresource")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
    });
    let first = ours.next()?;
    ours.next().is_none().then_some(first)
}

/// The children of a field-set node, without `.` (the node itself).
fn children(fields: &Value) -> Vec<(&str, &Value)> {
    match fields {
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| k.as_str() != ".")
            .map(|(k, v)| (k.as_str(), v))
            .collect(),
        _ => Vec::new(),
    }
}

fn matches(desired: &Value, live: &Value, fields: &Value) -> bool {
    match desired {
        Value::Object(d) => map_matches(d, live, fields),
        Value::Array(d) => list_matches(d, live, fields),
        Value::Null => false,
        scalar => children(fields).is_empty() && live == scalar,
    }
}

/// A map: owned exactly key by key, or (a node without children) owned as a whole.
fn map_matches(desired: &Map<String, Value>, live: &Value, fields: &Value) -> bool {
    let Some(live) = live.as_object() else {
        return false;
    };
    let owned = children(fields);
    if owned.is_empty() {
        // An atomic map (e.g. a label selector), or an empty one: only equality is safe.
        return desired == live;
    }
    if owned.len() != desired.len() {
        return false;
    }
    owned.iter().all(|(key, sub)| {
        key.strip_prefix("f:").is_some_and(|name| {
            desired
                .get(name)
                .is_some_and(|d| live.get(name).is_some_and(|l| matches(d, l, sub)))
        })
    })
}

/// A list: atomic (equal as a whole), a set of scalars (`v:`), or a map keyed by merge keys
/// (`k:`), matched element by element in the same order.
fn list_matches(desired: &[Value], live: &Value, fields: &Value) -> bool {
    let Some(live) = live.as_array() else {
        return false;
    };
    let owned = children(fields);
    if owned.is_empty() || owned.iter().all(|(k, _)| k.starts_with("v:")) {
        let same_set = owned.len() == desired.len()
            && owned.iter().all(|(k, _)| {
                serde_json::from_str::<Value>(&k[2..]).is_ok_and(|v| desired.contains(&v))
            });
        return (owned.is_empty() || same_set) && desired == live.as_slice();
    }
    if owned.len() != desired.len() || !owned.iter().all(|(k, _)| k.starts_with("k:")) {
        return false;
    }
    let keys: Vec<(Map<String, Value>, &Value)> = owned
        .iter()
        .filter_map(|(k, sub)| match serde_json::from_str(&k[2..]) {
            Ok(Value::Object(key)) => Some((key, *sub)),
            _ => None,
        })
        .collect();
    if keys.len() != owned.len() {
        return false;
    }
    let mut used = vec![false; keys.len()];
    let mut last_live_index = None;
    for d in desired {
        let Some(d) = d.as_object() else {
            return false;
        };
        // A key field the desired element leaves out was defaulted by the server (a port's
        // protocol): the element still names that key, as long as exactly one key fits.
        let fits =
            |key: &Map<String, Value>| key.iter().all(|(f, v)| d.get(f).is_none_or(|x| x == v));
        let mut candidates = keys.iter().enumerate().filter(|(_, (key, _))| fits(key));
        let (Some((i, (key, sub))), None) = (candidates.next(), candidates.next()) else {
            return false;
        };
        if used[i] {
            return false;
        }
        used[i] = true;
        let mut at = live
            .iter()
            .enumerate()
            .filter(|(_, l)| key.iter().all(|(f, v)| l.get(f).is_some_and(|x| x == v)));
        let (Some((index, l)), None) = (at.next(), at.next()) else {
            return false;
        };
        if last_live_index.is_some_and(|last| index <= last) {
            return false;
        }
        last_live_index = Some(index);
        if !map_matches(d, l, sub) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn live_with(fields: Value, body: Value) -> Value {
        let mut live = body;
        live["metadata"]["managedFields"] = json!([
            {"manager": "kzr", "operation": "Apply", "apiVersion": "apps/v1",
             "fieldsType": "FieldsV1", "fieldsV1": fields},
            {"manager": "kube-controller-manager", "operation": "Update", "subresource": "status",
             "apiVersion": "apps/v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {}}}
        ]);
        live
    }

    fn deployment() -> Value {
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "d", "namespace": "ns", "labels": {"app": "d"}},
            "spec": {"selector": {"matchLabels": {"app": "d"}},
                "template": {"spec": {"containers": [
                    {"name": "c", "image": "nginx", "args": ["a", "b"], "ports": [{"containerPort": 80}]}]}}}})
    }

    fn fields() -> Value {
        json!({"f:metadata": {"f:labels": {"f:app": {}}},
            "f:spec": {"f:selector": {}, "f:template": {"f:spec": {"f:containers": {
                "k:{\"name\":\"c\"}": {".": {}, "f:name": {}, "f:image": {}, "f:args": {},
                    "f:ports": {"k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {".": {}, "f:containerPort": {}}}}}}}}})
    }

    fn live() -> Value {
        let mut body = deployment();
        body["metadata"]["uid"] = json!("u");
        body["metadata"]["annotations"] = json!({"deployment.kubernetes.io/revision": "1"});
        body["spec"]["replicas"] = json!(1);
        let c = &mut body["spec"]["template"]["spec"]["containers"][0];
        c["imagePullPolicy"] = json!("Always");
        c["ports"][0]["protocol"] = json!("TCP");
        body["status"] = json!({"replicas": 1});
        live_with(fields(), body)
    }

    #[test]
    fn the_applied_object_with_server_defaults_is_unchanged() {
        assert!(provably_unchanged(&deployment(), &live(), "kzr"));
    }

    #[test]
    fn a_changed_value_or_a_dropped_field_is_not() {
        let mut d = deployment();
        d["spec"]["template"]["spec"]["containers"][0]["image"] = json!("nginx:2");
        assert!(!provably_unchanged(&d, &live(), "kzr"));
        let mut d = deployment();
        d["metadata"].as_object_mut().unwrap().remove("labels");
        assert!(
            !provably_unchanged(&d, &live(), "kzr"),
            "releasing a label removes it"
        );
        let mut d = deployment();
        d["spec"]["template"]["spec"]["containers"][0]["args"] = json!(["b", "a"]);
        assert!(!provably_unchanged(&d, &live(), "kzr"));
    }

    #[test]
    fn a_field_owned_by_nobody_yet_is_not() {
        let mut d = deployment();
        d["spec"]["replicas"] = json!(1);
        assert!(
            !provably_unchanged(&d, &live(), "kzr"),
            "the value is live, but taking ownership changes managedFields"
        );
    }

    #[test]
    fn another_manager_or_version_falls_back() {
        assert!(!provably_unchanged(&deployment(), &live(), "other"));
        let mut l = live();
        l["metadata"]["managedFields"][0]["apiVersion"] = json!("apps/v1beta1");
        assert!(!provably_unchanged(&deployment(), &l, "kzr"));
        let mut d = deployment();
        d["metadata"]["name"] = json!("e");
        assert!(!provably_unchanged(&d, &live(), "kzr"));
    }

    #[test]
    fn list_elements_must_match_keys_one_to_one_in_order() {
        let two = |first: &str, second: &str| {
            let mut d = deployment();
            d["spec"]["template"]["spec"]["containers"] =
                json!([{"name": first, "image": "i"}, {"name": second, "image": "i"}]);
            d
        };
        let entry = |name: &str| {
            (
                format!("k:{{\"name\":\"{name}\"}}"),
                json!({".": {}, "f:name": {}, "f:image": {}}),
            )
        };
        let mut f = fields();
        let containers: Map<String, Value> = [entry("a"), entry("b")].into_iter().collect();
        f["f:spec"]["f:template"]["f:spec"]["f:containers"] = Value::Object(containers);
        let l = live_with(f, two("a", "b"));
        assert!(provably_unchanged(&two("a", "b"), &l, "kzr"));
        assert!(!provably_unchanged(&two("b", "a"), &l, "kzr"), "reordered");
        assert!(!provably_unchanged(&two("a", "c"), &l, "kzr"));
    }

    #[test]
    fn quantities_the_server_rewrites_fall_back() {
        let mut d = deployment();
        d["spec"]["template"]["spec"]["containers"][0]["resources"] =
            json!({"limits": {"cpu": "1000m"}});
        let mut l = live();
        l["spec"]["template"]["spec"]["containers"][0]["resources"] =
            json!({"limits": {"cpu": "1"}});
        l["metadata"]["managedFields"][0]["fieldsV1"]["f:spec"]["f:template"]["f:spec"]
            ["f:containers"]["k:{\"name\":\"c\"}"]["f:resources"] =
            json!({"f:limits": {"f:cpu": {}}});
        assert!(!provably_unchanged(&d, &l, "kzr"));
    }
}
