//! Comparing a live object with its server-side dry-run: normalisation, the drift check,
//! Secret masking and field-level changes (docs/deploy.md, "Drift and diff normalisation").

use crate::plan::FieldChange;
use serde_json::{Map, Value};

/// Fields that change on every write or belong to the server, dropped before comparing.
const VOLATILE_METADATA: [&str; 5] = [
    "managedFields",
    "resourceVersion",
    "generation",
    "uid",
    "creationTimestamp",
];

/// A copy without server bookkeeping (`managedFields`, `resourceVersion`, `generation`, `uid`,
/// `creationTimestamp`) and without `status`.
pub fn normalise(obj: &Value) -> Value {
    let mut out = obj.clone();
    if let Some(map) = out.as_object_mut() {
        map.remove("status");
        if let Some(Value::Object(meta)) = map.get_mut("metadata") {
            for key in VOLATILE_METADATA {
                meta.remove(key);
            }
        }
    }
    out
}

/// Whether applying would change the live object: labels, annotations, or anything outside
/// `metadata` and `status` differ.
pub fn drifted(live: &Value, dry_run: &Value) -> bool {
    let meta = |o: &Value, key: &str| o["metadata"].get(key).cloned().unwrap_or(Value::Null);
    let empty_as_null = |v: Value| match v {
        Value::Object(m) if m.is_empty() => Value::Null,
        v => v,
    };
    for key in ["labels", "annotations"] {
        if empty_as_null(meta(live, key)) != empty_as_null(meta(dry_run, key)) {
            return true;
        }
    }
    let body = |o: &Value| -> Map<String, Value> {
        o.as_object()
            .map(|m| {
                m.iter()
                    .filter(|(k, _)| *k != "metadata" && *k != "status")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    body(live) != body(dry_run)
}

fn is_secret(obj: &Value) -> bool {
    obj["kind"].as_str() == Some("Secret") && obj["apiVersion"].as_str() == Some("v1")
}

const MASK: &str = "***";
const MASK_BEFORE: &str = "*** (before)";
const MASK_AFTER: &str = "*** (after)";

/// Masks Secret `data` and `stringData` values in place: `***` when equal or on one side only,
/// `*** (before)` / `*** (after)` when they differ. Either side may be absent.
pub fn mask_secrets(before: Option<&mut Value>, after: Option<&mut Value>) {
    let secret =
        before.as_deref().is_some_and(is_secret) || after.as_deref().is_some_and(is_secret);
    if !secret {
        return;
    }
    let (mut before, mut after) = (before, after);
    for field in ["data", "stringData"] {
        let old: Map<String, Value> = before
            .as_deref()
            .and_then(|b| b[field].as_object().cloned())
            .unwrap_or_default();
        let new: Map<String, Value> = after
            .as_deref()
            .and_then(|a| a[field].as_object().cloned())
            .unwrap_or_default();
        let mask_side = |side: Option<&mut Value>,
                         this: &Map<String, Value>,
                         other: &Map<String, Value>,
                         changed: &str| {
            let Some(Value::Object(values)) = side.and_then(|s| s.get_mut(field)) else {
                return;
            };
            for (key, value) in values.iter_mut() {
                let differs = other.get(key).is_some_and(|o| Some(o) != this.get(key));
                *value = Value::String(if differs { changed } else { MASK }.to_string());
            }
        };
        mask_side(before.as_deref_mut(), &old, &new, MASK_BEFORE);
        mask_side(after.as_deref_mut(), &new, &old, MASK_AFTER);
    }
}

/// Leaf-level differences between two (normalised, masked) objects, as `.a.b[0].c` paths.
pub fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk(String::new(), Some(before), Some(after), &mut out);
    out
}

fn walk(path: String, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (before, after) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            for (k, v) in a {
                walk(child(&path, k), Some(v), b.get(k), out);
            }
            for (k, v) in b {
                if !a.contains_key(k) {
                    walk(child(&path, k), None, Some(v), out);
                }
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                walk(format!("{path}[{i}]"), Some(x), Some(y), out);
            }
        }
        (a, b) if a != b => out.push(FieldChange {
            path: if path.is_empty() { ".".into() } else { path },
            before: a.cloned(),
            after: b.cloned(),
        }),
        _ => {}
    }
}

fn child(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        format!("{path}.{key}")
    } else {
        format!("{path}[{}]", serde_json::to_string(key).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn drift_ignores_bookkeeping() {
        let live = json!({"kind": "ConfigMap", "metadata": {"name": "a", "resourceVersion": "1",
            "managedFields": [{}], "labels": {"x": "1"}}, "data": {"k": "v"}});
        let mut dry = live.clone();
        dry["metadata"]["resourceVersion"] = json!("2");
        dry["metadata"]["managedFields"] = json!([]);
        assert!(!drifted(&live, &dry));
        dry["data"]["k"] = json!("w");
        assert!(drifted(&live, &dry));
        let mut labelled = live.clone();
        labelled["metadata"]["labels"]["y"] = json!("2");
        assert!(drifted(&live, &labelled));
        let n = normalise(&live);
        assert!(n["metadata"].get("resourceVersion").is_none());
    }

    #[test]
    fn secrets_are_masked() {
        let mut before = json!({"apiVersion": "v1", "kind": "Secret",
            "data": {"same": "YQ==", "changed": "Yg==", "gone": "Yw=="}});
        let mut after = json!({"apiVersion": "v1", "kind": "Secret",
            "data": {"same": "YQ==", "changed": "ZA==", "new": "ZQ=="}});
        mask_secrets(Some(&mut before), Some(&mut after));
        assert_eq!(
            before["data"],
            json!({"same": "***", "changed": "*** (before)", "gone": "***"})
        );
        assert_eq!(
            after["data"],
            json!({"same": "***", "changed": "*** (after)", "new": "***"})
        );
        let mut created =
            json!({"apiVersion": "v1", "kind": "Secret", "stringData": {"p": "hunter2"}});
        mask_secrets(None, Some(&mut created));
        assert_eq!(created["stringData"]["p"], "***");
    }

    #[test]
    fn changes_by_path() {
        let a = json!({"spec": {"replicas": 1, "ports": [{"port": 80}]}, "metadata": {"labels": {"app.kubernetes.io/name": "x"}}});
        let b =
            json!({"spec": {"replicas": 2, "ports": [{"port": 81}]}, "metadata": {"labels": {}}});
        let paths: Vec<String> = field_changes(&a, &b).into_iter().map(|c| c.path).collect();
        assert_eq!(
            paths,
            [
                ".spec.replicas",
                ".spec.ports[0].port",
                ".metadata.labels[\"app.kubernetes.io/name\"]"
            ]
        );
    }
}
