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

/// What happens to the patched value.
#[derive(PartialEq, Eq)]
enum Outcome {
    Keep,
    Delete,
}

/// The `$patch` directive of a patch mapping, if any.
pub fn directive(v: &Value) -> Option<&str> {
    v.get(DIRECTIVE).and_then(Value::as_str)
}

fn without_directive(m: &Map<String, Value>) -> Value {
    let mut m = m.clone();
    m.shift_remove(DIRECTIVE);
    Value::Object(m)
}

/// Merges `patch` into `target` in place. Returns false when the patch deletes the target.
pub fn merge_into(
    target: &mut Value,
    patch: &Value,
    schema: Option<SchemaRef<'_>>,
) -> Result<bool, String> {
    Ok(merge_value(target, patch, schema, "")? == Outcome::Keep)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "mapping",
        Value::Array(_) => "list",
        _ => "scalar",
    }
}

/// `target` is `Null` for a field the target does not have.
fn merge_value(
    target: &mut Value,
    patch: &Value,
    schema: Option<SchemaRef<'_>>,
    path: &str,
) -> Result<Outcome, String> {
    match (&mut *target, patch) {
        (_, Value::Null) => Ok(Outcome::Delete),
        (Value::Object(t), Value::Object(p)) => merge_maps(t, p, schema, path),
        (Value::Null, Value::Object(p)) => match directive(patch) {
            Some("delete") => Ok(Outcome::Delete),
            _ => {
                *target = without_directive(p);
                Ok(Outcome::Keep)
            }
        },
        (Value::Array(t), Value::Array(p)) => {
            let old = std::mem::take(t);
            *target = merge_lists(old, p, schema, path)?;
            Ok(Outcome::Keep)
        }
        (Value::Null, Value::Array(p)) => {
            *target = merge_lists(Vec::new(), p, schema, path)?;
            Ok(Outcome::Keep)
        }
        (t, p) if !t.is_null() && kind(t) != kind(p) => Err(format!(
            "{}: cannot merge a {} into a {}",
            if path.is_empty() { "." } else { path },
            kind(p),
            kind(t)
        )),
        (_, p) => {
            *target = p.clone();
            Ok(Outcome::Keep)
        }
    }
}

fn merge_maps(
    target: &mut Map<String, Value>,
    patch: &Map<String, Value>,
    schema: Option<SchemaRef<'_>>,
    path: &str,
) -> Result<Outcome, String> {
    match patch.get(DIRECTIVE).and_then(Value::as_str) {
        Some("delete") => return Ok(Outcome::Delete),
        Some("replace") => {
            *target = match without_directive(patch) {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            return Ok(Outcome::Keep);
        }
        Some("merge") | None => {}
        Some(other) => return Err(format!("{path}: unknown $patch directive {other:?}")),
    }
    for (key, pv) in patch {
        if key == DIRECTIVE {
            continue;
        }
        let child = schema.and_then(|s| s.field(key));
        let child_path = format!("{path}.{key}");
        let slot = target.entry(key.clone()).or_insert(Value::Null);
        let was_missing = slot.is_null();
        match merge_value(slot, pv, child, &child_path)? {
            Outcome::Keep if !(was_missing && slot.is_null()) => {}
            _ => {
                target.shift_remove(key);
            }
        }
    }
    Ok(Outcome::Keep)
}

fn merge_lists(
    target: Vec<Value>,
    patch: &[Value],
    schema: Option<SchemaRef<'_>>,
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
        return merge_keyed(target, &patch, &key, schema.items(), path);
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
    target: Vec<Value>,
    patch: &[&Value],
    key: &str,
    items: Option<SchemaRef<'_>>,
    path: &str,
) -> Result<Value, String> {
    let target_keys: Vec<Option<String>> = target.iter().map(|e| key_text(e, key)).collect();
    let mut target: Vec<Option<Value>> = target.into_iter().map(Some).collect();
    let mut order: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for k in patch
        .iter()
        .map(|e| key_text(e, key))
        .chain(target_keys.iter().cloned())
        .flatten()
    {
        if seen.insert(k.clone()) {
            order.push(k);
        }
    }
    let mut out = Vec::with_capacity(order.len());
    for k in order {
        let t = target_keys
            .iter()
            .position(|tk| tk.as_deref() == Some(k.as_str()))
            .and_then(|i| target[i].take());
        let p = patch
            .iter()
            .copied()
            .find(|e| key_text(e, key).as_deref() == Some(k.as_str()));
        match (t, p) {
            (t, Some(p)) => {
                let mut element = t.unwrap_or(Value::Null);
                let element_path = format!("{path}[{key}={}]", k.replace('\u{0}', ","));
                if merge_value(&mut element, p, items, &element_path)? == Outcome::Keep
                    && !element.is_null()
                {
                    out.push(element);
                }
            }
            (Some(t), None) => out.push(t),
            (None, None) => {}
        }
    }
    Ok(Value::Array(out))
}
