//! Strategic merge patches as kustomize v5 applies them (kyaml's `merge2` walker):
//!
//! - mappings merge field by field; a `null` in the patch deletes the field;
//! - `$patch: delete` deletes the mapping (or list element), `$patch: replace` replaces it;
//! - a list whose schema has a merge key merges elements by that key: the patch's elements
//!   come first in patch order, then the target's other elements in their order; a `$patch:
//!   replace` element replaces the whole list;
//! - a list of scalars with the `merge` strategy becomes the union, patch values first;
//! - every other list (and every list of a kind without a schema, such as a custom resource)
//!   is replaced by the patch's list;
//! - other `$`-directives (`$setElementOrder`, `$retainKeys`…) are not interpreted, as in
//!   kyaml: they stay in the object as ordinary fields.

use super::schema::SchemaRef;
use serde_json::{Map, Value};

const DIRECTIVE: &str = "$patch";

/// What to do with the patched value.
enum Outcome {
    Set(Value),
    Delete,
}

/// Merges `patch` into `target`. Returns `None` when the patch deletes the whole object.
pub fn merge(
    target: &Value,
    patch: &Value,
    schema: Option<SchemaRef>,
) -> Result<Option<Value>, String> {
    match merge_value(Some(target), patch, schema, "")? {
        Outcome::Set(v) => Ok(Some(v)),
        Outcome::Delete => Ok(None),
    }
}

fn directive(v: &Value) -> Option<&str> {
    v.get(DIRECTIVE).and_then(Value::as_str)
}

fn without_directive(m: &Map<String, Value>) -> Map<String, Value> {
    let mut m = m.clone();
    m.shift_remove(DIRECTIVE);
    m
}

fn merge_value(
    target: Option<&Value>,
    patch: &Value,
    schema: Option<SchemaRef>,
    path: &str,
) -> Result<Outcome, String> {
    let target = target.filter(|t| !t.is_null());
    match (target, patch) {
        (_, Value::Null) => Ok(Outcome::Delete),
        (Some(Value::Object(t)), Value::Object(p)) => merge_maps(t, p, schema, path),
        (None, Value::Object(p)) => match directive(patch) {
            Some("delete") => Ok(Outcome::Delete),
            _ => Ok(Outcome::Set(Value::Object(without_directive(p)))),
        },
        (Some(Value::Array(t)), Value::Array(p)) => {
            merge_lists(t, p, schema, path).map(Outcome::Set)
        }
        (None, Value::Array(p)) => merge_lists(&[], p, schema, path).map(Outcome::Set),
        (Some(t), p) if kind(t) != kind(p) && !p.is_null() => Err(format!(
            "{}: cannot merge a {} into a {}",
            if path.is_empty() { "." } else { path },
            kind(p),
            kind(t)
        )),
        (_, p) => Ok(Outcome::Set(p.clone())),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "mapping",
        Value::Array(_) => "list",
        _ => "scalar",
    }
}

fn merge_maps(
    target: &Map<String, Value>,
    patch: &Map<String, Value>,
    schema: Option<SchemaRef>,
    path: &str,
) -> Result<Outcome, String> {
    match patch.get(DIRECTIVE).and_then(Value::as_str) {
        Some("delete") => return Ok(Outcome::Delete),
        Some("replace") => return Ok(Outcome::Set(Value::Object(without_directive(patch)))),
        Some("merge") | None => {}
        Some(other) => return Err(format!("{path}: unknown $patch directive {other:?}")),
    }
    let mut out = target.clone();
    for (key, pv) in patch {
        if key == DIRECTIVE {
            continue;
        }
        let child = schema.and_then(|s| s.field(key));
        let child_path = format!("{path}.{key}");
        match merge_value(target.get(key), pv, child, &child_path)? {
            Outcome::Set(v) => {
                out.insert(key.clone(), v);
            }
            Outcome::Delete => {
                out.shift_remove(key);
            }
        }
    }
    Ok(Outcome::Set(Value::Object(out)))
}

fn merge_lists(
    target: &[Value],
    patch: &[Value],
    schema: Option<SchemaRef>,
    path: &str,
) -> Result<Value, String> {
    let replace = patch.iter().any(|e| directive(e) == Some("replace"));
    let patch: Vec<&Value> = patch
        .iter()
        .filter(|e| directive(e) != Some("replace"))
        .collect();
    if replace {
        return Ok(Value::Array(patch.into_iter().cloned().collect()));
    }
    let Some(schema) = schema else {
        return Ok(Value::Array(patch.into_iter().cloned().collect()));
    };
    if let Some(key) = schema.merge_key() {
        return merge_keyed(target, &patch, key, schema.items(), path);
    }
    if schema.merges_scalars() {
        let mut out: Vec<Value> = Vec::new();
        for v in patch.iter().copied().chain(target.iter()) {
            if !out.contains(v) {
                out.push(v.clone());
            }
        }
        return Ok(Value::Array(out));
    }
    Ok(Value::Array(patch.into_iter().cloned().collect()))
}

/// The merge key's value as kyaml compares it: the text of each key field (several for
/// lists keyed by more than one field, such as ports by containerPort and protocol). An
/// element without the first key field has no key.
fn key_text(element: &Value, key: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (i, field) in key.split(',').enumerate() {
        match element.get(field) {
            Some(Value::String(s)) => parts.push(s.clone()),
            Some(Value::Null) | None if i == 0 => return None,
            Some(Value::Null) | None => parts.push(String::new()),
            Some(other) => parts.push(other.to_string()),
        }
    }
    Some(parts.join("\u{0}"))
}

fn merge_keyed(
    target: &[Value],
    patch: &[&Value],
    key: &str,
    items: Option<SchemaRef>,
    path: &str,
) -> Result<Value, String> {
    let mut order: Vec<String> = Vec::new();
    for e in patch.iter().copied().chain(target.iter()) {
        if let Some(k) = key_text(e, key) {
            if !order.contains(&k) {
                order.push(k);
            }
        }
    }
    let with_key = |e: &&Value, k: &str| key_text(e, key).as_deref() == Some(k);
    let mut out = Vec::new();
    for k in order {
        let t = target.iter().find(|e| with_key(e, &k)).cloned();
        let p = patch.iter().copied().find(|e| with_key(e, &k)).cloned();
        let element_path = format!("{path}[{key}={}]", k.replace('\u{0}', ","));
        let merged = match (t, p) {
            (t, Some(p)) => merge_value(t.as_ref(), &p, items, &element_path)?,
            (Some(t), None) => Outcome::Set(t),
            (None, None) => continue,
        };
        if let Outcome::Set(v) = merged {
            out.push(v);
        }
    }
    Ok(Value::Array(out))
}
