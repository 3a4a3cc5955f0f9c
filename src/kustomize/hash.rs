//! The content hash kustomize appends to generated ConfigMap and Secret names (its
//! HashTransformer).

use super::resource::Resource;
use crate::object::Object;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Go's `json.Marshal` of a value: compact, map keys sorted bytewise, HTML-safe escaping.
fn go_json(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                go_json_string(k, out);
                out.push(':');
                go_json(&m[*k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                go_json(item, out);
            }
            out.push(']');
        }
        Value::String(s) => go_json_string(s, out),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => out.push_str(&i.to_string()),
            (_, Some(u), _) => out.push_str(&u.to_string()),
            (_, _, Some(f)) => out.push_str(&format!("{f}")),
            _ => out.push('0'),
        },
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push_str("null"),
    }
}

fn go_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// kustomize's hash of a ConfigMap or Secret: sha256 of a JSON summary (kind, data, and for
/// Secrets the type; the name is always empty), first ten hex digits with `0 1 3 a e`
/// replaced by `g h k m t`.
pub fn content_hash(object: &Value) -> String {
    let kind = object.get("kind").and_then(Value::as_str).unwrap_or("");
    let data = object
        .get("data")
        .cloned()
        .unwrap_or(Value::String(String::new()));
    let mut summary = serde_json::Map::new();
    summary.insert("kind".into(), Value::String(kind.into()));
    summary.insert("name".into(), Value::String(String::new()));
    summary.insert("data".into(), data);
    let optional = if kind == "Secret" {
        let t = object
            .get("type")
            .cloned()
            .unwrap_or(Value::String(String::new()));
        summary.insert("type".into(), t);
        "stringData"
    } else {
        "binaryData"
    };
    if let Some(m @ Value::Object(_)) = object.get(optional) {
        summary.insert(optional.into(), m.clone());
    }
    let mut json = String::new();
    go_json(&Value::Object(summary), &mut json);
    let digest = hex::encode(Sha256::digest(json.as_bytes()));
    digest[..10]
        .chars()
        .map(|c| match c {
            '0' => 'g',
            '1' => 'h',
            '3' => 'k',
            'a' => 'm',
            'e' => 't',
            c => c,
        })
        .collect()
}

/// kustomize's HashTransformer: generated ConfigMaps and Secrets get `-<content hash>`.
pub fn hash_names(resources: &mut [Resource]) {
    for r in resources.iter_mut().filter(|r| r.needs_hash) {
        let suffix = content_hash(r.object().as_value());
        r.store_previous_id();
        let name = format!("{}-{suffix}", r.object().id().name);
        let object = r.object_mut();
        set_name(object, &name);
    }
}

fn set_name(object: &mut Object, name: &str) {
    let mut v = object.as_value().clone();
    if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.insert("name".into(), Value::String(name.to_string()));
    }
    let origin = object.origin().clone();
    if let Ok(renamed) = Object::new(v, origin) {
        *object = renamed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn matches_kubectl_suffixes() {
        let cm = json!({"kind": "ConfigMap", "data": {"FOO": "bar", "BAZ": "qux"}});
        assert_eq!(content_hash(&cm), "h4ht67tbfh");
        let empty = json!({"kind": "ConfigMap"});
        assert_eq!(content_hash(&empty), "6ct58987ht");
        let secret = json!({"kind": "Secret", "type": "Opaque", "data": {"k": "dg=="}});
        assert_eq!(content_hash(&secret), "ftgtgc4t9f");
    }
}
