//! RFC 6902 JSON patches (kustomize's `patchesJson6902` and list-shaped `patches`).

use serde_json::Value;

/// Applies `ops` (a JSON array of operations) to `doc`.
pub fn apply(doc: &mut Value, ops: &Value) -> Result<(), String> {
    let ops = ops
        .as_array()
        .ok_or("a JSON 6902 patch must be a list of operations")?;
    for (i, op) in ops.iter().enumerate() {
        apply_one(doc, op).map_err(|e| format!("operation {i}: {e}"))?;
    }
    Ok(())
}

fn field<'a>(op: &'a Value, name: &str) -> Result<&'a Value, String> {
    op.get(name).ok_or_else(|| format!("missing \"{name}\""))
}

fn str_field<'a>(op: &'a Value, name: &str) -> Result<&'a str, String> {
    field(op, name)?
        .as_str()
        .ok_or_else(|| format!("\"{name}\" must be a string"))
}

// The operations follow gopkg.in/evanphx/json-patch.v4 (v4.12.0), which kustomize uses: a
// missing or null intermediate value fails, `replace` of a missing object key sets it,
// negative list indices count from the end, and `add` to the whole document fails.
fn apply_one(doc: &mut Value, op: &Value) -> Result<(), String> {
    let path = str_field(op, "path")?;
    match str_field(op, "op")? {
        "add" => add(doc, path, op.get("value").cloned().unwrap_or(Value::Null)),
        "remove" => remove(doc, path).map(drop),
        "replace" => {
            let (con, key) = find_object(doc, path)?;
            let value = op.get("value").cloned().unwrap_or(Value::Null);
            match con {
                Value::Object(m) => {
                    m.insert(key, value);
                }
                Value::Array(a) => {
                    let i = get_index(a.len(), &key, path)?;
                    a[i] = value;
                }
                _ => return Err(format!("{path}: parent is not a mapping or list")),
            }
            Ok(())
        }
        "move" => {
            let from = str_field(op, "from")?;
            let v = remove(doc, from)?;
            add(doc, path, v)
        }
        "copy" => {
            let from = str_field(op, "from")?;
            let v = get(doc, from)?.cloned().unwrap_or(Value::Null);
            add(doc, path, v)
        }
        "test" => {
            let expected = op
                .get("value")
                .ok_or_else(|| format!("test failed at {path}: no value to compare"))?;
            let actual = get(doc, path)?.unwrap_or(&Value::Null);
            if actual == expected {
                Ok(())
            } else {
                Err(format!("test failed at {path}"))
            }
        }
        other => Err(format!("unknown op {other:?}")),
    }
}

fn decode_key(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// json-patch's `findObject`: the container that holds the path's last token, and that
/// token. The text before the first `/` is ignored; intermediate values must exist, not be
/// null, and be mappings or lists.
fn find_object<'a>(doc: &'a mut Value, path: &str) -> Result<(&'a mut Value, String), String> {
    let split: Vec<&str> = path.split('/').collect();
    if split.len() < 2 {
        return Err(format!("doc is missing path: {path:?}"));
    }
    let missing = || format!("doc is missing path: {path:?}");
    let mut cur = doc;
    for part in &split[1..split.len() - 1] {
        let next = match cur {
            Value::Object(m) => m.get_mut(&decode_key(part)),
            Value::Array(a) => match get_index(a.len(), part, path) {
                Ok(i) => a.get_mut(i),
                Err(_) => None,
            },
            _ => None,
        };
        cur = match next {
            Some(v @ (Value::Object(_) | Value::Array(_))) => v,
            _ => return Err(missing()),
        };
    }
    Ok((cur, decode_key(split[split.len() - 1])))
}

/// An index of an existing element; negative counts from the end.
fn get_index(len: usize, token: &str, path: &str) -> Result<usize, String> {
    let i: i64 = token
        .parse()
        .map_err(|_| format!("{path}: {token:?} is not a list index"))?;
    let len = len as i64;
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return Err(format!("{path}: index {token} out of range"));
    }
    Ok(i as usize)
}

/// The value at `path`: `None` for a missing (or null) object key.
fn get<'a>(doc: &'a mut Value, path: &str) -> Result<Option<&'a Value>, String> {
    if path.is_empty() {
        return Ok(Some(doc));
    }
    let (con, key) = find_object(doc, path)?;
    match con {
        Value::Object(m) => Ok(m.get(&key).filter(|v| !v.is_null())),
        Value::Array(a) => {
            let i = get_index(a.len(), &key, path)?;
            Ok(Some(&a[i]))
        }
        _ => Err(format!("{path}: parent is not a mapping or list")),
    }
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let (con, key) = find_object(doc, path)?;
    match con {
        Value::Object(m) => {
            m.insert(key, value);
            Ok(())
        }
        Value::Array(a) => {
            let i = if key == "-" {
                a.len()
            } else {
                let i: i64 = key
                    .parse()
                    .map_err(|_| format!("{path}: {key:?} is not a list index"))?;
                let size = a.len() as i64 + 1;
                let i = if i < 0 { i + size } else { i };
                if i < 0 || i >= size {
                    return Err(format!("{path}: index {key} out of range"));
                }
                i as usize
            };
            a.insert(i, value);
            Ok(())
        }
        _ => Err(format!("{path}: parent is not a mapping or list")),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<Value, String> {
    let (con, key) = find_object(doc, path)?;
    match con {
        Value::Object(m) => m
            .shift_remove(&key)
            .ok_or_else(|| format!("{path}: no field {key:?}")),
        Value::Array(a) => {
            let i = get_index(a.len(), &key, path)?;
            Ok(a.remove(i))
        }
        _ => Err(format!("{path}: parent is not a mapping or list")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operations() {
        let mut d = json!({"a": {"b": [1, 2]}, "x": "y"});
        apply(
            &mut d,
            &json!([
                {"op": "add", "path": "/a/b/-", "value": 3},
                {"op": "add", "path": "/a/b/0", "value": 0},
                {"op": "replace", "path": "/x", "value": "z"},
                {"op": "copy", "from": "/x", "path": "/c"},
                {"op": "move", "from": "/c", "path": "/a/d~1e"},
                {"op": "remove", "path": "/a/b/1"},
                {"op": "test", "path": "/x", "value": "z"}
            ]),
        )
        .unwrap();
        assert_eq!(d, json!({"a": {"b": [0, 2, 3], "d/e": "z"}, "x": "z"}));
        assert!(apply(&mut d, &json!([{"op": "remove", "path": "/nope"}])).is_err());
        assert!(apply(
            &mut d,
            &json!([{"op": "replace", "path": "/a/b/9", "value": 1}])
        )
        .is_err());
        // json-patch v4: replace sets a missing key, a missing or null parent fails,
        // negative indices count from the end.
        let mut d = json!({"a": {"n": null}, "l": [1, 2]});
        apply(
            &mut d,
            &json!([
                {"op": "replace", "path": "/a/x", "value": 1},
                {"op": "add", "path": "/l/-2", "value": 9},
                {"op": "remove", "path": "/l/-1"}
            ]),
        )
        .unwrap();
        assert_eq!(d, json!({"a": {"n": null, "x": 1}, "l": [1, 9]}));
        for bad in [
            json!({"op": "add", "path": "/b/c", "value": 1}),
            json!({"op": "add", "path": "/a/n/c", "value": 1}),
            json!({"op": "replace", "path": "/b/c", "value": 1}),
            json!({"op": "add", "path": "", "value": {}}),
            json!({"op": "test", "path": "/a/x"}),
        ] {
            assert!(apply(&mut d, &json!([bad])).is_err(), "{bad}");
        }
    }
}
