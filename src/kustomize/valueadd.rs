//! kustomize's builtin ValueAddTransformer: puts one value at a field path of the selected
//! resources, creating the path, or inserts it as one part of a file path held there.

use super::fieldpath::split_slashed;
use super::gopath;
use super::kustomization::Selector;
use super::resource::Resource;
use super::selector::CompiledSelector;
use crate::yaml::scalar::plain_value_or_text;
use serde::Deserialize;
use serde_json::{Map, Value};

/// One `targets` entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub selector: Option<Selector>,
    #[serde(default)]
    pub field_path: String,
    /// With a value above 0, the field holds a file path and the value becomes its part at
    /// this (1-based) position.
    #[serde(default)]
    pub file_path_position: i64,
}

/// The ValueAddTransformer: `value` at each target.
pub fn apply(resources: &mut [Resource], value: &str, targets: &[Target]) -> Result<(), String> {
    for target in targets {
        // No selector selects every resource.
        let selector = target
            .selector
            .as_ref()
            .map(CompiledSelector::new)
            .transpose()?;
        let fields = split_slashed(&target.field_path);
        let selected = |r: &&mut Resource| selector.as_ref().is_none_or(|s| s.matches(r));
        for r in resources.iter_mut().filter(selected) {
            r.edit(|v| {
                let field = lookup_create(v, &fields)
                    .map_err(|e| format!("fieldPath {:?}: {e}", target.field_path))?;
                let new_text = if target.file_path_position > 0 {
                    let current = match &*field {
                        Value::String(s) => s.clone(),
                        Value::Null => String::new(),
                        other => crate::object::scalar_text(other).unwrap_or_default(),
                    };
                    insert_path_part(&current, target.file_path_position - 1, value)
                } else {
                    value.to_string()
                };
                *field = plain_value_or_text(&new_text);
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// kyaml's `LookupCreate(ScalarNode, …)`: walks the fields, creating mappings (and list
/// elements for `[key=value]`) on the way, and returns the scalar at the end.
fn lookup_create<'a>(node: &'a mut Value, fields: &[String]) -> Result<&'a mut Value, String> {
    let Some((field, rest)) = fields.split_first() else {
        return match node {
            Value::Object(_) | Value::Array(_) => Err(format!(
                "expected a scalar, found a {}",
                if node.is_object() {
                    "mapping"
                } else {
                    "sequence"
                }
            )),
            scalar => Ok(scalar),
        };
    };
    if node.is_null() {
        *node = Value::Object(Map::new());
    }
    let element = field
        .strip_prefix('[')
        .and_then(|f| f.strip_suffix(']'))
        .and_then(|f| f.split_once('='));
    match (node, element) {
        (Value::Array(items), Some((key, want))) => {
            let position = items.iter().position(|item| {
                item.get(key)
                    .and_then(crate::object::scalar_text)
                    .is_some_and(|v| v == want)
            });
            let index = match position {
                Some(i) => i,
                None => {
                    let mut element = Map::new();
                    element.insert(key.to_string(), plain_value_or_text(want));
                    items.push(Value::Object(element));
                    items.len() - 1
                }
            };
            lookup_create(&mut items[index], rest)
        }
        (Value::Array(items), None) => {
            let index: usize = field
                .parse()
                .map_err(|_| format!("{field:?} does not index a sequence"))?;
            let item = items
                .get_mut(index)
                .ok_or_else(|| format!("index {index} is past the end of the sequence"))?;
            lookup_create(item, rest)
        }
        (Value::Object(map), None) => {
            let next = map.entry(field.clone()).or_insert(if rest.is_empty() {
                Value::String(String::new())
            } else {
                Value::Object(Map::new())
            });
            lookup_create(next, rest)
        }
        (Value::Object(_), Some(_)) => Err(format!("{field} selects a list element in a mapping")),
        _ => Err(format!("cannot look up {field:?} in a scalar")),
    }
}

/// kustomize's `filesys.InsertPathPart`: `part` becomes the path's element at `pos`
/// (0-based; past the end appends). An absolute path stays absolute.
fn insert_path_part(path: &str, pos: i64, part: &str) -> String {
    if part.is_empty() {
        return path.to_string();
    }
    let parts = path_split(path);
    let mut pos = pos.clamp(0, parts.len() as i64) as usize;
    if parts.first().is_some_and(String::is_empty) && pos < parts.len() {
        pos += 1;
    }
    let mut result: Vec<String> = parts[..pos].to_vec();
    result.push(part.to_string());
    result.extend_from_slice(&parts[pos..]);
    path_join(&result)
}

/// kustomize's `PathSplit`: an absolute path starts with an empty element.
fn path_split(path: &str) -> Vec<String> {
    if path.is_empty() {
        return Vec::new();
    }
    let (dir, file) = match path.rfind('/') {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("", path),
    };
    if dir == "/" {
        return if file.is_empty() {
            vec![String::new()]
        } else {
            vec![String::new(), file.to_string()]
        };
    }
    let dir = dir.strip_suffix('/').unwrap_or(dir);
    if dir.is_empty() {
        return vec![file.to_string()];
    }
    let mut out = path_split(dir);
    out.push(file.to_string());
    out
}

/// kustomize's `PathJoin`: Go's `filepath.Join`, absolute when the first element is empty.
fn path_join(parts: &[String]) -> String {
    match parts.split_first() {
        None => String::new(),
        Some((first, rest)) if first.is_empty() => format!("/{}", gopath::join(rest)),
        Some(_) => gopath::join(parts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_path_parts_like_kustomize() {
        let cases = [
            ("", 5, "PEACH"),
            ("/", 5, "/PEACH"),
            ("pie", 0, "PEACH/pie"),
            ("/pie", 0, "/PEACH/pie"),
            ("raw", 1, "raw/PEACH"),
            ("/raw", 9, "/raw/PEACH"),
            ("a/nice/warm/pie", 3, "a/nice/warm/PEACH/pie"),
            ("/a/nice/warm/pie", 3, "/a/nice/warm/PEACH/pie"),
            ("a//b/../c", 1, "a/PEACH/c"),
        ];
        for (path, pos, want) in cases {
            assert_eq!(
                insert_path_part(path, pos, "PEACH"),
                want,
                "{path} at {pos}"
            );
        }
        assert_eq!(insert_path_part("a/b", 1, ""), "a/b");
    }

    #[test]
    fn creates_fields_on_the_way() {
        let mut v = serde_json::json!({"spec": {"containers": [{"name": "c"}]}});
        let fields = split_slashed("spec/containers/[name=d]/image");
        *lookup_create(&mut v, &fields).unwrap() = Value::String("x".into());
        assert_eq!(
            v["spec"]["containers"][1],
            serde_json::json!({"name": "d", "image": "x"})
        );
        assert!(lookup_create(&mut v, &split_slashed("spec")).is_err());
        assert_eq!(plain_value_or_text("5"), Value::from(5));
        assert_eq!(plain_value_or_text("web"), Value::String("web".into()));
    }
}
