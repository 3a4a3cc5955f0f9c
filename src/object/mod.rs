//! Kubernetes objects as ordered JSON values: reading them from YAML/JSON streams,
//! identifying them, flattening lists, detecting duplicates and ordering them.

mod id;
mod order;
mod scope;

pub use id::{IdSet, InventoryIdError, ObjectId};
pub use order::{apply_rank, sort_for_apply, sort_legacy_kustomize, sort_legacy_kustomize_with};
pub use scope::is_cluster_scoped;

use crate::yaml::{self, ParseError};
use serde_json::{Map, Value};
use std::fmt;
use thiserror::Error;

/// Where an object came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One Kubernetes object: a JSON mapping that has at least `kind` and `metadata.name`.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// Always a `Value::Object`.
    value: Value,
    origin: Origin,
    /// Derived from `value`; recomputed whenever it changes.
    id: ObjectId,
    /// Where the source wrote a mapping value as nothing at all (see
    /// [`crate::yaml::Document::empty_nulls`]), as JSON pointers.
    empty_nulls: Vec<String>,
}

#[derive(Debug, Error, PartialEq)]
pub enum ObjectError {
    #[error("{file}: {error}")]
    Parse {
        file: String,
        error: ParseError,
        /// The text contains `{{`, as a Go or Helm template would.
        looks_templated: bool,
    },
    #[error("{origin}: document is not a mapping, so it is not a Kubernetes object")]
    NotAMapping { origin: Origin },
    #[error("{origin}: missing kind")]
    MissingKind { origin: Origin },
    #[error("{origin}: missing metadata.name in {kind}")]
    MissingName { origin: Origin, kind: String },
    #[error("{origin}: {field} must be a string")]
    NotAString { origin: Origin, field: &'static str },
    #[error("{origin}: expected a list in {kind}.items")]
    ItemsNotAList { origin: Origin, kind: String },
}

impl Object {
    /// Checks that `value` is an object (a mapping with `kind` and `metadata.name`).
    pub fn new(value: Value, origin: Origin) -> Result<Self, ObjectError> {
        check(&value, &origin)?;
        let id = compute_id(&value);
        Ok(Object {
            value,
            origin,
            id,
            empty_nulls: Vec::new(),
        })
    }

    /// The JSON pointers of the values the source wrote as nothing (`key:`).
    pub fn empty_nulls(&self) -> &[String] {
        &self.empty_nulls
    }

    pub fn set_empty_nulls(&mut self, pointers: Vec<String>) {
        self.empty_nulls = pointers;
    }

    /// Changes the object in place; it must still be an object afterwards.
    pub fn edit<T>(
        &mut self,
        f: impl FnOnce(&mut Value) -> Result<T, String>,
    ) -> Result<T, String> {
        let out = f(&mut self.value)?;
        check(&self.value, &self.origin).map_err(|e| e.to_string())?;
        self.id = compute_id(&self.value);
        Ok(out)
    }

    pub fn id(&self) -> &ObjectId {
        &self.id
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    pub fn as_value(&self) -> &Value {
        &self.value
    }

    pub fn into_value(self) -> Value {
        self.value
    }
}

/// The id of an object value (empty parts where fields are missing).
pub fn compute_id(value: &Value) -> ObjectId {
    let str_field = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or("");
    let api_version = str_field("apiVersion");
    let (group, version) = match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    };
    let meta = value.get("metadata");
    let meta_text = |k: &str| meta.and_then(|m| m.get(k)).and_then(scalar_text);
    ObjectId {
        group: group.to_string(),
        version: version.to_string(),
        kind: str_field("kind").to_string(),
        namespace: meta_text("namespace").unwrap_or_default(),
        name: meta_text("name").unwrap_or_default(),
    }
}

fn check(value: &Value, origin: &Origin) -> Result<(), ObjectError> {
    let Value::Object(map) = value else {
        return Err(ObjectError::NotAMapping {
            origin: origin.clone(),
        });
    };
    match map.get("kind") {
        Some(Value::String(k)) if !k.is_empty() => {}
        Some(Value::String(_)) | None | Some(Value::Null) => {
            return Err(ObjectError::MissingKind {
                origin: origin.clone(),
            })
        }
        Some(_) => {
            return Err(ObjectError::NotAString {
                origin: origin.clone(),
                field: "kind",
            })
        }
    }
    let has_name = map
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(scalar_text)
        .is_some_and(|n| !n.is_empty());
    if !has_name {
        let kind = map
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        return Err(ObjectError::MissingName {
            origin: origin.clone(),
            kind,
        });
    }
    Ok(())
}

/// The text of a scalar used as a name or namespace (kustomize accepts `name: 5`).
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads every object in a YAML or JSON stream. Empty documents (including `{}`) are skipped;
/// any kind ending in `List` that has `items` is replaced by its items, which are appended
/// after the other documents as kustomize does.
pub fn read_objects(text: &str, file: &str) -> Result<Vec<Object>, ObjectError> {
    let docs = yaml::parse_documents(text).map_err(|source| ObjectError::Parse {
        file: file.to_string(),
        error: source,
        looks_templated: text.contains("{{"),
    })?;
    let mut queue: std::collections::VecDeque<(Value, usize, Vec<String>)> = docs
        .into_iter()
        .map(|d| (d.value, d.line, d.empty_nulls))
        .collect();
    let mut out = Vec::with_capacity(queue.len());
    while let Some((value, line, empty_nulls)) = queue.pop_front() {
        let origin = Origin {
            file: file.to_string(),
            line,
        };
        if value.as_object().is_some_and(Map::is_empty) {
            continue;
        }
        if let Some(items) = list_items(&value, &origin)? {
            queue.extend(items.into_iter().map(|item| (item, line, Vec::new())));
            continue;
        }
        let mut object = Object::new(value, origin)?;
        object.set_empty_nulls(empty_nulls);
        out.push(object);
    }
    Ok(out)
}

fn list_items(value: &Value, origin: &Origin) -> Result<Option<Vec<Value>>, ObjectError> {
    let Some(kind) = value.get("kind").and_then(Value::as_str) else {
        return Ok(None);
    };
    if !kind.ends_with("List") {
        return Ok(None);
    }
    match value.get("items") {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(Vec::new())),
        Some(Value::Array(items)) => Ok(Some(items.clone())),
        Some(_) => Err(ObjectError::ItemsNotAList {
            origin: origin.clone(),
            kind: kind.to_string(),
        }),
    }
}

/// The first object whose id was already seen, with the origin of the earlier one.
pub fn find_duplicate(objects: &[Object]) -> Option<(ObjectId, Origin, Origin)> {
    let mut seen: std::collections::HashMap<ObjectId, &Origin> = Default::default();
    for o in objects {
        let id = o.id().clone();
        if let Some(first) = seen.get(&id) {
            return Some((id, (*first).clone(), o.origin.clone()));
        }
        seen.insert(id, &o.origin);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_flattens_lists() {
        let text = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: s}}\n---\n{}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: ns}\n";
        let objs = read_objects(text, "a.yaml").unwrap();
        let ids: Vec<String> = objs.iter().map(|o| o.id().to_string()).collect();
        assert_eq!(ids, vec!["Deployment/ns/d", "Service/s"]);
        assert_eq!(objs[1].origin().line, 1);
    }

    #[test]
    fn rejects_non_objects_with_location() {
        let e =
            read_objects("a: 1\n---\napiVersion: v1\nmetadata: {name: x}\n", "f.yaml").unwrap_err();
        assert_eq!(e.to_string(), "f.yaml:1: missing kind");
        let e = read_objects("kind: ConfigMap\nmetadata: {}\n", "f.yaml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.yaml:1: missing metadata.name in ConfigMap"
        );
        let e = read_objects("- 1\n", "f.yaml").unwrap_err();
        assert!(matches!(e, ObjectError::NotAMapping { .. }));
        let e = read_objects("a: [\n", "f.yaml").unwrap_err();
        assert!(e.to_string().starts_with("f.yaml: line 2"), "{e}");
    }

    #[test]
    fn duplicates_are_found() {
        let text = "kind: A\nmetadata: {name: x}\n---\nkind: A\nmetadata: {name: x}\n";
        let objs = read_objects(text, "f").unwrap();
        let (id, first, second) = find_duplicate(&objs).unwrap();
        assert_eq!(id.to_string(), "A/x");
        assert_eq!((first.line, second.line), (1, 4));
    }
}
