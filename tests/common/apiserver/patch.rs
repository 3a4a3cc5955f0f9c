//! JSON patch (RFC 6902), JSON merge patch (RFC 7386) and strategic merge patch (merge keys
//! from the same schema facts server-side apply uses; `$patch: delete|replace` directives).

use super::fields::{ListType, PathElement, Schema};
use super::status::ApiError;
use serde_json::{Map, Value};

fn pointer_tokens(p: &str) -> Option<Vec<String>> {
    if p.is_empty() {
        return Some(Vec::new());
    }
    let rest = p.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

fn get_mut<'a>(v: &'a mut Value, tokens: &[String]) -> Option<&'a mut Value> {
    let mut cur = v;
    for t in tokens {
        cur = match cur {
            Value::Object(m) => m.get_mut(t)?,
            Value::Array(a) => a.get_mut(t.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn add(doc: &mut Value, tokens: &[String], value: Value) -> Option<()> {
    let Some((last, parent)) = tokens.split_last() else {
        *doc = value;
        return Some(());
    };
    match get_mut(doc, parent)? {
        Value::Object(m) => {
            m.insert(last.clone(), value);
        }
        Value::Array(a) => {
            if last == "-" {
                a.push(value);
            } else {
                let i: usize = last.parse().ok()?;
                if i > a.len() {
                    return None;
                }
                a.insert(i, value);
            }
        }
        _ => return None,
    }
    Some(())
}

fn remove(doc: &mut Value, tokens: &[String]) -> Option<Value> {
    let (last, parent) = tokens.split_last()?;
    match get_mut(doc, parent)? {
        Value::Object(m) => m.shift_remove(last),
        Value::Array(a) => {
            let i: usize = last.parse().ok()?;
            (i < a.len()).then(|| a.remove(i))
        }
        _ => None,
    }
}

/// Applies an RFC 6902 patch. Any failing operation is a 422 with the generic body, as the
/// patch handler reports it (`NewGenericServerResponse(422, ...)`).
pub fn json_patch(doc: &Value, patch: &[u8]) -> Result<Value, ApiError> {
    let ops: Value =
        serde_json::from_slice(patch).map_err(|e| ApiError::bad_request(&e.to_string()))?;
    let Some(ops) = ops.as_array() else {
        return Err(ApiError::bad_request(
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch",
        ));
    };
    let failed = || ApiError::generic(422, "");
    let mut doc = doc.clone();
    for op in ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).ok_or_else(failed)?;
        let tokens = pointer_tokens(path).ok_or_else(failed)?;
        let from = || {
            op.get("from")
                .and_then(Value::as_str)
                .and_then(pointer_tokens)
                .ok_or_else(failed)
        };
        match kind {
            "add" => {
                let v = op.get("value").cloned().ok_or_else(failed)?;
                add(&mut doc, &tokens, v).ok_or_else(failed)?;
            }
            "remove" => {
                remove(&mut doc, &tokens).ok_or_else(failed)?;
            }
            "replace" => {
                let v = op.get("value").cloned().ok_or_else(failed)?;
                let target = get_mut(&mut doc, &tokens).ok_or_else(failed)?;
                *target = v;
            }
            "test" => {
                let v = op.get("value").cloned().unwrap_or(Value::Null);
                let cur = get_mut(&mut doc, &tokens).ok_or_else(failed)?;
                if *cur != v {
                    return Err(failed());
                }
            }
            "move" => {
                let f = from()?;
                let v = remove(&mut doc, &f).ok_or_else(failed)?;
                add(&mut doc, &tokens, v).ok_or_else(failed)?;
            }
            "copy" => {
                let f = from()?;
                let v = get_mut(&mut doc, &f).ok_or_else(failed)?.clone();
                add(&mut doc, &tokens, v).ok_or_else(failed)?;
            }
            _ => return Err(failed()),
        }
    }
    Ok(doc)
}

/// RFC 7386.
pub fn merge_patch(doc: &Value, patch: &Value) -> Value {
    match patch {
        Value::Object(p) => {
            let mut out = match doc {
                Value::Object(m) => m.clone(),
                _ => Map::new(),
            };
            for (k, v) in p {
                if v.is_null() {
                    out.shift_remove(k);
                } else {
                    let cur = out.get(k).cloned().unwrap_or(Value::Null);
                    out.insert(k.clone(), merge_patch(&cur, v));
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// Strategic merge patch: maps merge; lists with a merge key merge by it (`$patch: delete`
/// removes an item, `$patch: replace` replaces the list); set-like lists union; other lists
/// are replaced.
pub fn strategic_merge_patch(
    schema: &Schema,
    doc: &Value,
    patch: &Value,
    path: &mut Vec<PathElement>,
) -> Value {
    match patch {
        Value::Object(p) => {
            match p.get("$patch").and_then(Value::as_str) {
                Some("replace") => {
                    let mut p = p.clone();
                    p.shift_remove("$patch");
                    return Value::Object(p);
                }
                Some("delete") => return Value::Null,
                _ => {}
            }
            let mut out = match doc {
                Value::Object(m) => m.clone(),
                _ => Map::new(),
            };
            for (k, v) in p {
                if k.starts_with('$') {
                    continue;
                }
                if v.is_null() {
                    out.shift_remove(k);
                    continue;
                }
                path.push(PathElement::Field(k.clone()));
                let cur = out.get(k).cloned().unwrap_or(Value::Null);
                let merged = strategic_merge_patch(schema, &cur, v, path);
                path.pop();
                if merged.is_null() {
                    out.shift_remove(k);
                } else {
                    out.insert(k.clone(), merged);
                }
            }
            Value::Object(out)
        }
        Value::Array(p) => {
            let Value::Array(d) = doc else {
                return Value::Array(
                    p.iter()
                        .filter(|i| i.get("$patch").is_none())
                        .cloned()
                        .collect(),
                );
            };
            match schema.list_type(path) {
                ListType::Map(keys) => {
                    let key = keys[0].0.clone();
                    if p.iter()
                        .any(|i| i.get("$patch").and_then(Value::as_str) == Some("replace"))
                    {
                        return Value::Array(
                            p.iter()
                                .filter(|i| i.get("$patch").is_none())
                                .cloned()
                                .collect(),
                        );
                    }
                    let mut out = d.clone();
                    for item in p {
                        let kv = item.get(&key).cloned();
                        let pos = kv
                            .as_ref()
                            .and_then(|kv| out.iter().position(|o| o.get(&key) == Some(kv)));
                        let delete = item.get("$patch").and_then(Value::as_str) == Some("delete");
                        match (pos, delete) {
                            (Some(i), true) => {
                                out.remove(i);
                            }
                            (None, true) => {}
                            (Some(i), false) => {
                                path.push(PathElement::Index(i));
                                out[i] = strategic_merge_patch(schema, &out[i], item, path);
                                path.pop();
                            }
                            (None, false) => out.push(item.clone()),
                        }
                    }
                    Value::Array(out)
                }
                ListType::Set => {
                    let mut out = d.clone();
                    for item in p {
                        if !out.contains(item) {
                            out.push(item.clone());
                        }
                    }
                    Value::Array(out)
                }
                ListType::Atomic => patch.clone(),
            }
        }
        other => other.clone(),
    }
}
