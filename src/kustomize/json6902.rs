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

fn apply_one(doc: &mut Value, op: &Value) -> Result<(), String> {
    let path = str_field(op, "path")?;
    match str_field(op, "op")? {
        "add" => add(doc, path, field(op, "value")?.clone()),
        "remove" => remove(doc, path).map(drop),
        "replace" => {
            let target = get_mut(doc, path)?;
            *target = field(op, "value")?.clone();
            Ok(())
        }
        "move" => {
            let from = str_field(op, "from")?;
            let v = remove(doc, from)?;
            add(doc, path, v)
        }
        "copy" => {
            let from = str_field(op, "from")?;
            let v = get_mut(doc, from)?.clone();
            add(doc, path, v)
        }
        "test" => {
            let actual = get_mut(doc, path)?;
            if actual == field(op, "value")? {
                Ok(())
            } else {
                Err(format!("test failed at {path}"))
            }
        }
        other => Err(format!("unknown op {other:?}")),
    }
}

fn tokens(path: &str) -> Result<Vec<String>, String> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    let rest = path
        .strip_prefix('/')
        .ok_or_else(|| format!("path {path:?} must start with /"))?;
    Ok(rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect())
}

fn index(len: usize, token: &str, path: &str, allow_end: bool) -> Result<usize, String> {
    if allow_end && token == "-" {
        return Ok(len);
    }
    let i: usize = token
        .parse()
        .map_err(|_| format!("{path}: {token:?} is not a list index"))?;
    let max = if allow_end {
        len
    } else {
        len.saturating_sub(1)
    };
    if i > max || (!allow_end && len == 0) {
        return Err(format!("{path}: index {i} out of range"));
    }
    Ok(i)
}

fn get_mut<'a>(doc: &'a mut Value, path: &str) -> Result<&'a mut Value, String> {
    let mut cur = doc;
    for t in tokens(path)? {
        cur = match cur {
            Value::Object(m) => m
                .get_mut(&t)
                .ok_or_else(|| format!("{path}: no field {t:?}"))?,
            Value::Array(a) => {
                let i = index(a.len(), &t, path, false)?;
                &mut a[i]
            }
            _ => return Err(format!("{path}: cannot descend into a scalar")),
        };
    }
    Ok(cur)
}

fn split_parent(path: &str) -> Result<(String, String), String> {
    let toks = tokens(path)?;
    let last = toks
        .last()
        .cloned()
        .ok_or_else(|| "the whole document cannot be the target".to_string())?;
    let parent = path[..path.rfind('/').unwrap_or(0)].to_string();
    Ok((parent, last))
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    if path.is_empty() {
        *doc = value;
        return Ok(());
    }
    let (parent, last) = split_parent(path)?;
    match get_mut(doc, &parent)? {
        Value::Object(m) => {
            m.insert(last, value);
            Ok(())
        }
        Value::Array(a) => {
            let i = index(a.len(), &last, path, true)?;
            a.insert(i, value);
            Ok(())
        }
        _ => Err(format!("{path}: parent is not a mapping or list")),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<Value, String> {
    let (parent, last) = split_parent(path)?;
    match get_mut(doc, &parent)? {
        Value::Object(m) => m
            .shift_remove(&last)
            .ok_or_else(|| format!("{path}: no field {last:?}")),
        Value::Array(a) => {
            let i = index(a.len(), &last, path, false)?;
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
    }
}
