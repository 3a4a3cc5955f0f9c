//! Decoding platform input the way Go decodes it: the runner's plans (written by Go's
//! encoding/json), component configs (read by the platform with mapstructure) and
//! kustomizations and plugin configs (read by kustomize with sigs.k8s.io/yaml).
//!
//! Go matches an object's keys to a struct's fields ignoring case: a key names the field
//! spelled exactly like it, else the first field it folds to. [`Keys`] says how keys fold
//! ([`Fold`]), which of several keys naming one field counts ([`Pick`]) and whether a null
//! takes part ([`Nulls`]); each reader has its rule ([`Keys::ENCODING_JSON`],
//! [`Keys::MAPSTRUCTURE`], [`Keys::RUNNER`]). A [`Shape`] describes the Go struct, so keys can
//! be renamed to their canonical spelling before serde decodes them strictly, and so values
//! can be checked with errors naming the field path ([`ShapeError`]) and never the value,
//! which may be a secret.

use serde_json::{Map, Value};
use thiserror::Error;

/// How a key is compared with a field's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Spelled the same.
    Exact,
    /// The same but for ASCII case.
    AsciiCase,
    /// The same but for case, underscores and dashes (`DstTag`, `dst_tag`, `dst-tag`).
    Loose,
}

impl Fold {
    /// Whether `key` names the field `name`.
    pub fn same(self, key: &str, name: &str) -> bool {
        match self {
            Fold::Exact => key == name,
            Fold::AsciiCase => key.eq_ignore_ascii_case(name),
            Fold::Loose => loose(key) == loose(name),
        }
    }
}

fn loose(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which of several keys naming one field counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The last in byte order: sigs.k8s.io/yaml turns the YAML into a Go map, which
    /// encoding/json writes with its keys sorted, and then decodes every key in turn into
    /// its field.
    LastSorted,
    /// The key spelled exactly like the field, else the last other one.
    ExactElseLast,
    /// The key spelled exactly like the field, else the first other one (mapstructure).
    ExactElseFirst,
}

/// Whether a null takes part in matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nulls {
    /// A null key is passed over, as if absent, so another spelling of the field counts.
    Skip,
    /// A null key is matched like any other; the reader decides what a null field means.
    Keep,
}

/// The key rule of one reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keys {
    pub fold: Fold,
    pub pick: Pick,
    pub nulls: Nulls,
}

impl Keys {
    /// Go's encoding/json as kustomize uses it (through sigs.k8s.io/yaml): ASCII case
    /// ignored, the last key in byte order counts.
    pub const ENCODING_JSON: Keys = Keys {
        fold: Fold::AsciiCase,
        pick: Pick::LastSorted,
        nulls: Nulls::Keep,
    };
    /// mapstructure, which the platform decodes component configs with: ASCII case ignored,
    /// the exact key, else the first that matches.
    pub const MAPSTRUCTURE: Keys = Keys {
        fold: Fold::AsciiCase,
        pick: Pick::ExactElseFirst,
        nulls: Nulls::Keep,
    };
    /// Runner plans, whose keys come in Go's PascalCase, snake_case and the design documents'
    /// spellings: case, underscores and dashes ignored, nulls passed over, the exact key,
    /// else the last that matches.
    pub const RUNNER: Keys = Keys {
        fold: Fold::Loose,
        pick: Pick::ExactElseLast,
        nulls: Nulls::Skip,
    };
}

/// The field `key` names among `names`: the one spelled exactly like it, else the first it
/// folds to.
pub fn lookup(names: &[&str], key: &str, fold: Fold) -> Option<usize> {
    names
        .iter()
        .position(|n| *n == key)
        .or_else(|| names.iter().position(|n| fold.same(key, n)))
}

/// One key of an object, matched against a struct's fields.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry<K, V> {
    /// The key names the field at this index of the names.
    Field(usize, V),
    /// The key names no field.
    Unknown(K, V),
}

/// The keys of an object (`items`, in order) matched against the field `names` under
/// `keys`, in order, leaving out those that do not count: a later entry for a field replaces
/// an earlier one. Nulls are left out with [`Nulls::Skip`].
pub fn entries<K: AsRef<str>, V>(
    items: impl IntoIterator<Item = (K, V)>,
    names: &[&str],
    keys: Keys,
    is_null: impl Fn(&V) -> bool,
) -> Vec<Entry<K, V>> {
    let mut seen = vec![false; names.len()];
    let mut exact = vec![false; names.len()];
    let mut out = Vec::new();
    let mut items: Vec<(K, V)> = items.into_iter().collect();
    if keys.pick == Pick::LastSorted {
        items.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
    }
    for (key, value) in items {
        if keys.nulls == Nulls::Skip && is_null(&value) {
            continue;
        }
        let Some(i) = lookup(names, key.as_ref(), keys.fold) else {
            out.push(Entry::Unknown(key, value));
            continue;
        };
        let is_exact = key.as_ref() == names[i];
        let counts = is_exact
            || match keys.pick {
                Pick::LastSorted => true,
                Pick::ExactElseLast => !exact[i],
                Pick::ExactElseFirst => !seen[i],
            };
        if counts {
            seen[i] = true;
            exact[i] |= is_exact;
            out.push(Entry::Field(i, value));
        }
    }
    out
}

/// The value of the field `name` in `map` under `keys`; a null is absent.
pub fn get<'a>(map: &'a Map<String, Value>, name: &str, keys: Keys) -> Option<&'a Value> {
    entries(map.iter(), &[name], keys, |v| v.is_null())
        .into_iter()
        .rev()
        .find_map(|e| match e {
            Entry::Field(_, v) => Some(v),
            Entry::Unknown(..) => None,
        })
        .filter(|v| !v.is_null())
}

/// What a value must be: the shape of a Go type.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A Go `string`.
    Str,
    /// A Go `bool`.
    Bool,
    /// A Go slice.
    List(&'static Shape),
    /// A Go `map[string]string`: its keys are data, never renamed.
    StrMap,
    /// Any value, kept as written: numbers, free-form values, maps whose keys are data.
    Any,
    /// Accepted and dropped: a field the reader does not use.
    Ignored,
    /// A Go struct: its fields, by canonical name.
    Struct(&'static [(&'static str, Shape)]),
}

/// A Go `[]string`.
pub const STRINGS: Shape = Shape::List(&Shape::Str);

impl Shape {
    /// What the shape is called in messages.
    fn expected(&self) -> &'static str {
        match self {
            Shape::Str => "a string",
            Shape::Bool => "a boolean (true or false)",
            Shape::List(Shape::Str) => "a list of strings",
            Shape::List(_) => "a list",
            Shape::StrMap => "an object of strings",
            Shape::Any | Shape::Ignored => "any value",
            Shape::Struct(_) => "an object",
        }
    }
}

fn names(fields: &[(&'static str, Shape)]) -> Vec<&'static str> {
    fields.iter().map(|(n, _)| *n).collect()
}

/// A value that is not what its field's shape says, named by the field's path.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {message}")]
pub struct ShapeError {
    /// `dst_registry.OCIAuth`, `kustomize_config.patches[1]`, or `(top level)`.
    pub path: String,
    pub message: String,
}

/// The JSON type of a value, for messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `path.key`, or `key` at the top.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn wrong(path: &str, shape: &Shape, v: &Value) -> ShapeError {
    ShapeError {
        path: if path.is_empty() {
            "(top level)".into()
        } else {
            path.to_string()
        },
        message: format!("expected {}, found {}", shape.expected(), type_name(v)),
    }
}

/// Checks `value` against `shape` and renames every struct key to its field's canonical
/// spelling, under `keys`. Nulls (Go's nil: an absent value), unknown keys and
/// [`Shape::Ignored`] fields are dropped; every counted value is checked, so an error names
/// the path of the first wrong one. A null in a list or map of strings is wrong.
pub fn normalise(value: Value, shape: &Shape, keys: Keys) -> Result<Value, ShapeError> {
    check(value, shape, keys, "").map(|v| v.unwrap_or(Value::Null))
}

fn check(v: Value, shape: &Shape, keys: Keys, path: &str) -> Result<Option<Value>, ShapeError> {
    match (shape, v) {
        (Shape::Ignored, _) => Ok(None),
        (Shape::Any, v) => Ok(Some(v)),
        (Shape::Str, v @ Value::String(_)) | (Shape::Bool, v @ Value::Bool(_)) => Ok(Some(v)),
        (Shape::List(inner), Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                if let Some(item) = check(item, inner, keys, &format!("{path}[{i}]"))? {
                    out.push(item);
                }
            }
            Ok(Some(Value::Array(out)))
        }
        (Shape::StrMap, Value::Object(map)) => {
            let mut out = Map::new();
            for (k, item) in map {
                match item {
                    Value::Null => {}
                    Value::String(_) => {
                        out.insert(k, item);
                    }
                    other => return Err(wrong(&format!("{path}.{k}"), &Shape::Str, &other)),
                }
            }
            Ok(Some(Value::Object(out)))
        }
        (Shape::Struct(fields), Value::Object(map)) => {
            let names = names(fields);
            let mut out = Map::new();
            for entry in entries(map, &names, keys, Value::is_null) {
                let Entry::Field(i, v) = entry else { continue };
                if v.is_null() {
                    continue;
                }
                let (name, inner) = &fields[i];
                out.shift_remove(*name);
                if let Some(c) = check(v, inner, keys, &join(path, name))? {
                    out.insert((*name).to_string(), c);
                }
            }
            Ok(Some(Value::Object(out)))
        }
        (shape, v) => Err(wrong(path, shape, &v)),
    }
}

/// Renames every struct key of `value` that names a field of `shape` (under `keys`) to the
/// field's canonical spelling, leaving the values as they are and unknown keys in place, so
/// that serde can decode strictly, reporting unknown fields. Several keys naming one field
/// combine as encoding/json decodes them one after the other ([`decode_again`]).
pub fn canonicalise(value: &mut Value, shape: &Shape, keys: Keys) {
    match (value, shape) {
        (Value::Object(map), Shape::Struct(fields)) => {
            let names = names(fields);
            let mut out = Map::new();
            for entry in entries(std::mem::take(map), &names, keys, Value::is_null) {
                match entry {
                    Entry::Field(i, mut v) => {
                        let (name, inner) = &fields[i];
                        canonicalise(&mut v, inner, keys);
                        match out.get_mut(*name) {
                            Some(earlier) => decode_again(earlier, v, inner),
                            // A null string or bool is no value at all.
                            None if v.is_null() && matches!(inner, Shape::Str | Shape::Bool) => {}
                            None => {
                                out.insert((*name).to_string(), v);
                            }
                        }
                    }
                    Entry::Unknown(k, v) => {
                        out.insert(k, v);
                    }
                }
            }
            *map = out;
        }
        (Value::Array(items), Shape::List(inner)) => {
            for item in items {
                canonicalise(item, inner, keys);
            }
        }
        _ => {}
    }
}

/// encoding/json decoding `value` into a field that already holds `earlier`: a null leaves
/// a string or bool as it was and sets anything else to nil; a map takes the new keys
/// beside its own and a struct (behind a pointer) the new fields, each decoded again in
/// turn; any other value is replaced.
fn decode_again(earlier: &mut Value, value: Value, shape: &Shape) {
    match (shape, earlier, value) {
        (Shape::Str | Shape::Bool, _, Value::Null) => {}
        (Shape::StrMap, Value::Object(e), Value::Object(v)) => e.extend(v),
        (Shape::Struct(fields), Value::Object(e), Value::Object(v)) => {
            for (k, x) in v {
                let inner = fields.iter().find(|(name, _)| *name == k).map(|(_, s)| s);
                match (e.get_mut(&k), inner) {
                    (Some(old), Some(inner)) => decode_again(old, x, inner),
                    _ => {
                        e.insert(k, x);
                    }
                }
            }
        }
        (_, e, v) => *e = v,
    }
}

/// Drops the keys of canonical `value` that `shape` does not know, recursively: the lenient
/// decoding that ignores unknown fields.
pub fn prune_unknown(value: &mut Value, shape: &Shape) {
    match (value, shape) {
        (Value::Object(map), Shape::Struct(fields)) => {
            map.retain(|k, _| fields.iter().any(|(name, _)| name == k));
            for (name, inner) in fields.iter() {
                if let Some(v) = map.get_mut(*name) {
                    prune_unknown(v, inner);
                }
            }
        }
        (Value::Array(items), Shape::List(inner)) => {
            for item in items {
                prune_unknown(item, inner);
            }
        }
        _ => {}
    }
}

/// Takes the field `name` out of a normalised object and decodes it; absent is `None`.
pub fn take<T: serde::de::DeserializeOwned>(
    map: &mut Map<String, Value>,
    name: &str,
) -> Result<Option<T>, serde_json::Error> {
    map.shift_remove(name)
        .map(serde_json::from_value)
        .transpose()
}

#[cfg(test)]
mod tests;
