//! kustomize's `replacements`: copy one field of a source resource into fields of target
//! resources (kustomize's `ReplacementTransformer` and its `replacement` filter).
//!
//! The source is selected by exact group/version/kind/name/namespace (current or previous
//! id) and read with kyaml's `PathGetter` rules; targets are selected the same way plus label
//! and annotation selectors, minus `reject`, and written with kyaml's `PathMatcher` rules
//! (`[key=regex]` list entries, `*` over list elements, numeric indexes, `create`).
//!
//! kustomize keeps YAML nodes with tags; here resources are JSON values, so the tag rules are
//! reproduced on values: a scalar target keeps its type and takes the source's text (a text
//! that does not fit that type is kustomize's decode error), a created scalar resolves its
//! text as a plain YAML scalar, and a mapping or list target takes the source value whole.

use super::fieldpath::split_dotted;
use super::kustomization::{
    FieldOptions, ReplacementField, Selector, SourceSelector, TargetSelector,
};
use super::resid::resid_string;
use super::resource::{effective_namespace, node_text, Resource, Step};
use super::selector::LabelSelector;
use crate::object::ObjectId;
use crate::yaml::{resolve_plain, Resolved, Schema};
use regex::Regex;
use serde_json::{Map, Value};
use thiserror::Error;

/// The field a source reads and a target writes when no field path is given.
const DEFAULT_FIELD_PATH: &str = "metadata.name";

/// A replacement that cannot be carried out; messages are kustomize's.
#[derive(Debug, Error, PartialEq)]
pub enum ReplacementError {
    #[error("replacements must specify a source and at least one target")]
    Incomplete,
    #[error("nothing selected by {0}")]
    NoSource(String),
    #[error("multiple matches for selector {0}")]
    SeveralSources(String),
    #[error("error looking up replacement source: {0}")]
    SourceLookup(PathError),
    #[error("fieldPath `{path}` is missing for replacement source {id}")]
    SourceMissing { path: String, id: String },
    #[error("delimiter option can only be used with scalar nodes")]
    DelimiterOnNonScalar,
    #[error("options.index {index} is out of bounds for value {value}")]
    IndexOutOfBounds { index: i64, value: String },
    #[error("target must specify resources to select")]
    NoSelect,
    #[error("{}", retrieval_message(path, *create))]
    TargetMissing { path: String, create: bool },
    #[error("{}: {source}", retrieval_message(path, *create))]
    TargetPath {
        path: String,
        create: bool,
        source: PathError,
    },
    #[error("map[string]interface {{}}(nil): yaml: cannot decode {found} `{text}` as a {tag}")]
    TypeMismatch {
        found: &'static str,
        text: String,
        tag: &'static str,
    },
    #[error("{0}")]
    Selector(String),
    #[error("{id}: {message}")]
    Object { id: String, message: String },
}

/// A field path that cannot be followed in a resource.
#[derive(Debug, Error, PartialEq)]
pub enum PathError {
    #[error("wrong node kind: expected {expected} but got {found}")]
    WrongKind {
        expected: &'static str,
        found: &'static str,
    },
    #[error("list path element must contain fieldName=fieldValue for element to match")]
    BadListElement,
    #[error("array index {0} cannot be negative")]
    NegativeIndex(i64),
    #[error("index {index} specified but only {len} elements found")]
    IndexMissing { index: usize, len: usize },
    #[error("error parsing regexp: {0}")]
    Regex(String),
}

fn retrieval_message(path: &str, create: bool) -> String {
    if create {
        format!("unable to find or create field {path:?} in replacement target")
    } else {
        format!("unable to find field {path:?} in replacement target")
    }
}

/// Applies `replacements` (path entries already loaded) to `resources`, in order.
pub fn apply(
    resources: &mut [Resource],
    replacements: &[ReplacementField],
) -> Result<(), ReplacementError> {
    for r in replacements {
        let (Some(source), Some(targets)) = (&r.source, &r.targets) else {
            return Err(ReplacementError::Incomplete);
        };
        let (index, mut value) = source_value(resources, source)?;
        // Without a delimiter kustomize's value is the source node itself, so a target that
        // writes that node changes the value the later targets get.
        let live = delimiter(source.options.as_ref())
            .is_none()
            .then_some(Live {
                index,
                path: split_dotted(source_field_path(source)),
            });
        for target in targets {
            apply_target(resources, &mut value, target, live.as_ref())?;
        }
    }
    Ok(())
}

// ---- ids and selection ----------------------------------------------------------------

fn text(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn source_id(s: &SourceSelector) -> ObjectId {
    ObjectId {
        group: text(&s.group),
        version: text(&s.version),
        kind: text(&s.kind),
        name: text(&s.name),
        namespace: text(&s.namespace),
    }
}

fn selector_id(s: &Selector) -> ObjectId {
    ObjectId {
        group: text(&s.group),
        version: text(&s.version),
        kind: text(&s.kind),
        name: text(&s.name),
        namespace: text(&s.namespace),
    }
}

fn is_empty_id(id: &ObjectId) -> bool {
    id.group.is_empty()
        && id.version.is_empty()
        && id.kind.is_empty()
        && id.name.is_empty()
        && id.namespace.is_empty()
}

fn options_string(o: &FieldOptions) -> String {
    format!(
        "{}({}), create={}",
        o.delimiter.as_deref().unwrap_or(""),
        o.index,
        o.create
    )
}

/// kustomize's `SourceSelector.String()`.
fn source_string(s: &SourceSelector) -> String {
    let mut parts = vec![resid_string(&source_id(s))];
    if let Some(path) = s.field_path.as_deref().filter(|p| !p.is_empty()) {
        parts.push(path.to_string());
    }
    if let Some(o) = &s.options {
        parts.push(options_string(o));
    }
    parts.join(":")
}

/// kustomize's `ResId.IsSelectedBy`: exact matches, namespaces compared as effective
/// namespaces.
fn is_selected_by(id: &ObjectId, sel: &ObjectId) -> bool {
    let field = |want: &str, have: &str| want.is_empty() || want == have;
    field(&sel.name, &id.name)
        && (sel.namespace.is_empty() || effective_namespace(sel) == effective_namespace(id))
        && field(&sel.group, &id.group)
        && field(&sel.version, &id.version)
        && field(&sel.kind, &id.kind)
}

/// The resource's current id, then the ids it had before renames.
fn ids(r: &Resource) -> impl Iterator<Item = &ObjectId> {
    std::iter::once(r.object().id()).chain(r.previous_ids().iter())
}

// ---- the source ---------------------------------------------------------------------

/// Where a replacement's value lives, when it is the source node itself.
struct Live {
    index: usize,
    path: Vec<String>,
}

fn source_field_path(s: &SourceSelector) -> &str {
    s.field_path
        .as_deref()
        .filter(|p| !p.is_empty())
        .unwrap_or(DEFAULT_FIELD_PATH)
}

/// The source resource's index and the value a replacement copies.
fn source_value(
    resources: &[Resource],
    s: &SourceSelector,
) -> Result<(usize, Value), ReplacementError> {
    let wanted = source_id(s);
    let mut found: Option<(usize, &Resource)> = None;
    for (i, r) in resources.iter().enumerate() {
        if ids(r).any(|id| is_selected_by(id, &wanted)) {
            if found.is_some() {
                return Err(ReplacementError::SeveralSources(source_string(s)));
            }
            found = Some((i, r));
        }
    }
    let (index, r) = found.ok_or_else(|| ReplacementError::NoSource(source_string(s)))?;
    let field_path = source_field_path(s);
    let node = lookup(r.object().as_value(), &split_dotted(field_path))
        .map_err(ReplacementError::SourceLookup)?;
    let node =
        node.filter(|n| !is_nil_or_empty(n))
            .ok_or_else(|| ReplacementError::SourceMissing {
                path: field_path.to_string(),
                id: resid_string(&wanted),
            })?;
    Ok((index, refine(s.options.as_ref(), node)?))
}

fn is_nil_or_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn delimiter(options: Option<&FieldOptions>) -> Option<&str> {
    options
        .and_then(|o| o.delimiter.as_deref())
        .filter(|d| !d.is_empty())
}

/// The source's `options.delimiter`/`options.index`: one part of the delimited value, with
/// the source's type.
fn refine(options: Option<&FieldOptions>, node: &Value) -> Result<Value, ReplacementError> {
    let (Some(delim), Some(o)) = (delimiter(options), options) else {
        return Ok(node.clone());
    };
    if !is_scalar(node) {
        return Err(ReplacementError::DelimiterOnNonScalar);
    }
    let whole = node_text(node);
    let parts: Vec<&str> = whole.split(delim).collect();
    let part = usize::try_from(o.index)
        .ok()
        .and_then(|i| parts.get(i))
        .ok_or_else(|| ReplacementError::IndexOutOfBounds {
            index: o.index,
            value: whole.clone(),
        })?;
    retyped(node, part)
}

// ---- field paths --------------------------------------------------------------------

fn is_list_index(part: &str) -> bool {
    part.starts_with('[') && part.ends_with(']')
}

/// Go's `strconv.Atoi`.
fn atoi(part: &str) -> Option<i64> {
    part.parse().ok()
}

fn index_number(part: &str) -> Option<usize> {
    atoi(part).and_then(|i| usize::try_from(i).ok())
}

/// `[name=value]` into (`name`, `value`); `[=value]` has an empty name.
fn split_index(part: &str) -> Result<(&str, &str), PathError> {
    let inner = part.strip_suffix(']').unwrap_or(part);
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    inner.split_once('=').ok_or(PathError::BadListElement)
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "MappingNode",
        Value::Array(_) => "SequenceNode",
        _ => "ScalarNode",
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}

fn elements(v: &Value) -> Result<&[Value], PathError> {
    match v {
        Value::Array(items) => Ok(items),
        Value::Null => Ok(&[]),
        other => Err(PathError::WrongKind {
            expected: "SequenceNode",
            found: kind_name(other),
        }),
    }
}

/// kyaml's `PathGetter` without create: the source's field path.
fn lookup<'a>(root: &'a Value, path: &[String]) -> Result<Option<&'a Value>, PathError> {
    let mut cur = root;
    for part in path.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let next = if let Some(i) = atoi(part) {
            let i = usize::try_from(i).map_err(|_| PathError::NegativeIndex(i))?;
            elements(cur)?.get(i)
        } else if part == "-" {
            elements(cur)?.last()
        } else if is_list_index(part) {
            let (key, value) = split_index(part)?;
            let items = elements(cur)?;
            if key.is_empty() {
                items.iter().find(|e| node_text(e) == value)
            } else {
                items.iter().find(|e| {
                    e.as_object()
                        .and_then(|m| m.get(key))
                        .is_some_and(|f| node_text(f) == value)
                })
            }
        } else {
            match cur {
                Value::Null => None,
                Value::Object(m) => m.get(part),
                other => {
                    return Err(PathError::WrongKind {
                        expected: "MappingNode",
                        found: kind_name(other),
                    })
                }
            }
        };
        match next {
            Some(n) => cur = n,
            None => return Ok(None),
        }
    }
    Ok(Some(cur))
}

/// The kind of node `create` makes for a missing path part.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Scalar,
    Mapping,
    Sequence,
}

fn kind_of(v: &Value) -> Kind {
    match v {
        Value::Object(_) => Kind::Mapping,
        Value::Array(_) => Kind::Sequence,
        _ => Kind::Scalar,
    }
}

/// The node created for a missing part, given the part after it.
fn created_node(next: Option<&String>, create: Kind) -> Value {
    let kind = match next {
        None => create,
        Some(p) if is_list_index(p) || index_number(p).is_some() => Kind::Sequence,
        Some(_) => Kind::Mapping,
    };
    match kind {
        Kind::Scalar => Value::Null,
        Kind::Mapping => Value::Object(Map::new()),
        Kind::Sequence => Value::Array(Vec::new()),
    }
}

/// A matched target field: where it is, and whether `create` just made it (an untagged
/// scalar in kyaml, whose type comes from the text written into it).
struct Leaf {
    steps: Vec<Step>,
    created: bool,
}

/// kyaml's `PathMatcher`: every field `path` matches under `node`, creating missing parts
/// when `create` is set. A null node behaves as an empty container whose changes are lost
/// (matches under it count, but nothing is written), as in kyaml.
struct Matcher {
    create: Option<Kind>,
    leaves: Vec<Leaf>,
    /// Matches under null nodes: found, but not written.
    detached: usize,
}

impl Matcher {
    fn found(&self) -> usize {
        self.leaves.len() + self.detached
    }

    fn walk(
        &mut self,
        node: &mut Value,
        path: &[String],
        trail: &mut Vec<Step>,
        detached: bool,
        created: bool,
    ) -> Result<(), PathError> {
        let Some(part) = path.first() else {
            if detached {
                self.detached += 1;
            } else {
                self.leaves.push(Leaf {
                    steps: trail.clone(),
                    created,
                });
            }
            return Ok(());
        };
        if node.is_null() {
            let mut scratch = if index_number(part).is_some() || is_list_index(part) || part == "*"
            {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            };
            return self.walk(&mut scratch, path, trail, true, false);
        }
        if let Some(i) = index_number(part) {
            self.index(node, i, path, trail, detached)
        } else if is_list_index(part) {
            self.list_entries(node, part, path, trail, detached)
        } else if part == "*" {
            self.every(node, path, trail, detached)
        } else {
            self.field(node, part, path, trail, detached)
        }
    }

    fn descend(
        &mut self,
        child: &mut Value,
        step: Step,
        rest: &[String],
        trail: &mut Vec<Step>,
        detached: bool,
        created: bool,
    ) -> Result<(), PathError> {
        trail.push(step);
        let out = self.walk(child, rest, trail, detached, created);
        trail.pop();
        out
    }

    fn field(
        &mut self,
        node: &mut Value,
        part: &str,
        path: &[String],
        trail: &mut Vec<Step>,
        detached: bool,
    ) -> Result<(), PathError> {
        if part.is_empty() {
            // kyaml matches an empty field name against scalars only.
            return match node {
                Value::Object(_) | Value::Array(_) => Err(PathError::WrongKind {
                    expected: "ScalarNode",
                    found: kind_name(node),
                }),
                _ => Ok(()),
            };
        }
        let Value::Object(map) = node else {
            return Err(PathError::WrongKind {
                expected: "MappingNode",
                found: kind_name(node),
            });
        };
        let mut created = false;
        if !map.contains_key(part) {
            let Some(create) = self.create else {
                return Ok(());
            };
            map.insert(part.to_string(), created_node(path.get(1), create));
            created = path.len() == 1;
        }
        match map.get_mut(part) {
            Some(child) => self.descend(
                child,
                Step::Key(part.to_string()),
                &path[1..],
                trail,
                detached,
                created,
            ),
            None => Ok(()),
        }
    }

    fn index(
        &mut self,
        node: &mut Value,
        i: usize,
        path: &[String],
        trail: &mut Vec<Step>,
        detached: bool,
    ) -> Result<(), PathError> {
        let Value::Array(items) = node else {
            return Err(PathError::WrongKind {
                expected: "SequenceNode",
                found: kind_name(node),
            });
        };
        let mut created = false;
        if let (true, Some(create)) = (items.len() == i, self.create) {
            items.push(created_node(path.get(1), create));
            created = path.len() == 1;
        }
        let len = items.len();
        match items.get_mut(i) {
            Some(child) => {
                self.descend(child, Step::Index(i), &path[1..], trail, detached, created)
            }
            None => Err(PathError::IndexMissing { index: i, len }),
        }
    }

    fn every(
        &mut self,
        node: &mut Value,
        path: &[String],
        trail: &mut Vec<Step>,
        detached: bool,
    ) -> Result<(), PathError> {
        let Value::Array(items) = node else {
            return Err(PathError::WrongKind {
                expected: "SequenceNode",
                found: kind_name(node),
            });
        };
        for (i, child) in items.iter_mut().enumerate() {
            self.descend(child, Step::Index(i), &path[1..], trail, detached, false)?;
        }
        Ok(())
    }

    /// `[key=regex]` (mapping elements whose `key` matches, unanchored) or `[=regex]`
    /// (scalar elements), appending a matching element when none matches and `create` is set.
    fn list_entries(
        &mut self,
        node: &mut Value,
        part: &str,
        path: &[String],
        trail: &mut Vec<Step>,
        detached: bool,
    ) -> Result<(), PathError> {
        let (key, pattern) = split_index(part)?;
        let Value::Array(items) = node else {
            return Err(PathError::WrongKind {
                expected: "SequenceNode",
                found: kind_name(node),
            });
        };
        let re = Regex::new(pattern).map_err(|e| PathError::Regex(e.to_string()))?;
        let matching = |items: &[Value]| -> Vec<usize> {
            items
                .iter()
                .enumerate()
                .filter(|(_, e)| entry_matches(e, key, &re))
                .map(|(i, _)| i)
                .collect()
        };
        let mut found = matching(items);
        let mut created = false;
        if found.is_empty() && self.create.is_some() {
            let value = untagged(pattern).unwrap_or_else(|_| Value::String(pattern.to_string()));
            if key.is_empty() {
                items.push(value);
            } else {
                let mut m = Map::new();
                m.insert(key.to_string(), value);
                items.push(Value::Object(m));
            }
            found = matching(items);
            created = key.is_empty() && path.len() == 1;
        }
        for i in found {
            if let Some(child) = items.get_mut(i) {
                self.descend(child, Step::Index(i), &path[1..], trail, detached, created)?;
            }
        }
        Ok(())
    }
}

/// Whether a list element matches `[key=re]` (kyaml compares the element's, or its field's,
/// YAML text with an unanchored regular expression).
fn entry_matches(elem: &Value, key: &str, re: &Regex) -> bool {
    if key.is_empty() {
        return is_scalar(elem) && re.is_match(&node_text(elem));
    }
    elem.as_object()
        .and_then(|m| m.get(key))
        .is_some_and(|f| is_scalar(f) && re.is_match(&node_text(f)))
}

fn leaf_mut<'a>(root: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    steps.iter().try_fold(root, |cur, step| match step {
        Step::Key(k) => cur.as_object_mut()?.get_mut(k),
        Step::Index(i) => cur.as_array_mut()?.get_mut(*i),
    })
}

// ---- targets ------------------------------------------------------------------------

fn compile(selector: &Option<String>) -> Result<Option<LabelSelector>, ReplacementError> {
    selector
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(LabelSelector::parse)
        .transpose()
        .map_err(ReplacementError::Selector)
}

/// A `select` or `reject` entry's label and annotation selectors.
struct MetaSelector {
    labels: Option<LabelSelector>,
    annotations: Option<LabelSelector>,
}

impl MetaSelector {
    fn new(s: &Selector) -> Result<Self, ReplacementError> {
        Ok(MetaSelector {
            labels: compile(&s.label_selector)?,
            annotations: compile(&s.annotation_selector)?,
        })
    }

    fn is_empty(&self) -> bool {
        self.labels.is_none() && self.annotations.is_none()
    }

    fn matches(&self, r: &Resource) -> bool {
        let meta = r.object().as_value().get("metadata");
        let map_of = |field: &str| meta.and_then(|m| m.get(field));
        self.labels
            .as_ref()
            .is_none_or(|s| s.matches(map_of("labels")))
            && self
                .annotations
                .as_ref()
                .is_none_or(|s| s.matches(map_of("annotations")))
    }
}

fn apply_target(
    resources: &mut [Resource],
    value: &mut Value,
    target: &TargetSelector,
    live: Option<&Live>,
) -> Result<(), ReplacementError> {
    let select = target.select.as_ref().ok_or(ReplacementError::NoSelect)?;
    let select_id = selector_id(select);
    let select_meta = MetaSelector::new(select)?;
    let rejects = target
        .reject
        .iter()
        .map(|r| Ok((selector_id(r), MetaSelector::new(r)?)))
        .collect::<Result<Vec<_>, ReplacementError>>()?;
    let default_paths = [DEFAULT_FIELD_PATH.to_string()];
    let field_paths: &[String] = if target.field_paths.is_empty() {
        &default_paths
    } else {
        &target.field_paths
    };
    for (i, r) in resources.iter_mut().enumerate() {
        let rejected_by_meta = rejects
            .iter()
            .any(|(_, meta)| !meta.is_empty() && meta.matches(r));
        if !select_meta.matches(r) || rejected_by_meta {
            continue;
        }
        let rejected_id = |id: &ObjectId| {
            rejects
                .iter()
                .any(|(rid, _)| !is_empty_id(rid) && is_selected_by(id, rid))
        };
        // Selected by any of its ids (current or earlier), rejected by any of them.
        if !ids(r).any(|id| is_selected_by(id, &select_id)) || ids(r).any(rejected_id) {
            continue;
        }
        let source_path = live.filter(|l| l.index == i).map(|l| l.path.as_slice());
        copy_to_target(r, value, field_paths, target.options.as_ref(), source_path)?;
    }
    Ok(())
}

/// Writes `value` to the fields `field_paths` name in `r`. When `r` holds the source node
/// (`source_path`), the value is read again after each write, as kustomize's value is that
/// node: a target that is the source itself changes what the next field path gets.
fn copy_to_target(
    r: &mut Resource,
    value: &mut Value,
    field_paths: &[String],
    options: Option<&FieldOptions>,
    source_path: Option<&[String]>,
) -> Result<(), ReplacementError> {
    let create = options.is_some_and(|o| o.create);
    let mut object = r.object().as_value().clone();
    for fp in field_paths {
        let mut matcher = Matcher {
            create: create.then(|| kind_of(value)),
            leaves: Vec::new(),
            detached: 0,
        };
        matcher
            .walk(
                &mut object,
                &split_dotted(fp),
                &mut Vec::new(),
                false,
                false,
            )
            .map_err(|source| ReplacementError::TargetPath {
                path: fp.clone(),
                create,
                source,
            })?;
        if matcher.found() == 0 {
            return Err(ReplacementError::TargetMissing {
                path: fp.clone(),
                create,
            });
        }
        for leaf in &matcher.leaves {
            if let Some(field) = leaf_mut(&mut object, &leaf.steps) {
                let untagged = r.untagged.contains(&leaf.steps);
                if let Some(e) = set_field(field, value, options, leaf.created, untagged)? {
                    // kustomize writes the text into the typed node and fails only when it
                    // decodes the resource, at the output (so not for a resource that is
                    // dropped as local config).
                    r.undecodable
                        .get_or_insert_with(|| (e.to_string(), leaf.steps.clone()));
                }
                // A scalar `create` made has no tag: later vars read it as a string.
                if leaf.created && is_scalar(field) && !untagged {
                    r.untagged.push(leaf.steps.clone());
                }
            }
            if let Some(Ok(Some(node))) = source_path.map(|p| lookup(&object, p)) {
                *value = node.clone();
            }
        }
    }
    let id = resid_string(r.object().id());
    let snapshot = r.alias_snapshot();
    r.object_mut()
        .edit(|v| {
            *v = object;
            Ok(())
        })
        .map_err(|message| ReplacementError::Object { id, message })?;
    r.propagate_aliases(snapshot);
    Ok(())
}

/// kustomize's `setFieldValue`: a scalar target keeps its type and takes the value's text
/// (with the target's `options.delimiter`/`options.index` applied); a mapping or list target
/// becomes the value.
/// Returns the decoding error kustomize will meet when the text does not fit the target's
/// type (the text is written as a string then).
fn set_field(
    field: &mut Value,
    value: &Value,
    options: Option<&FieldOptions>,
    created: bool,
    untagged_node: bool,
) -> Result<Option<ReplacementError>, ReplacementError> {
    let mut joined = None;
    if let (Some(delim), Some(o)) = (delimiter(options), options) {
        if !is_scalar(field) {
            return Err(ReplacementError::DelimiterOnNonScalar);
        }
        let current = if created {
            String::new()
        } else {
            node_text(field)
        };
        let mut parts: Vec<String> = current.split(delim).map(str::to_string).collect();
        let v = node_text(value);
        match usize::try_from(o.index) {
            Err(_) => parts.insert(0, v),
            Ok(i) if i >= parts.len() => parts.push(v),
            Ok(i) => parts[i] = v,
        }
        joined = Some(parts.join(delim));
    }
    if !is_scalar(field) {
        *field = value.clone();
        return Ok(None);
    }
    let text = joined.unwrap_or_else(|| node_text(value));
    if created || untagged_node {
        *field = untagged(&text)?;
        return Ok(None);
    }
    match retyped(field, &text) {
        Ok(v) => {
            *field = v;
            Ok(None)
        }
        Err(e) => {
            *field = Value::String(text);
            Ok(Some(e))
        }
    }
}

// ---- scalar types -------------------------------------------------------------------

fn tag_name(r: &Resolved) -> &'static str {
    match r {
        Resolved::Null => "!!null",
        Resolved::Bool(_) => "!!bool",
        Resolved::Int(_) | Resolved::Uint(_) => "!!int",
        Resolved::Float(_) => "!!float",
        Resolved::Timestamp(_) => "!!timestamp",
        Resolved::Merge => "!!merge",
        Resolved::Str => "!!str",
    }
}

/// A scalar with no tag taking `text` (a field `create` made): its type is what the text
/// resolves to as a plain YAML scalar.
fn untagged(text: &str) -> Result<Value, ReplacementError> {
    crate::yaml::scalar::plain_value(text).ok_or_else(|| ReplacementError::TypeMismatch {
        found: "!!float",
        text: text.to_string(),
        tag: "a finite number",
    })
}

/// A scalar of `like`'s type taking `text`: a string stays a string; a number, boolean or
/// null must read back as that type (kustomize fails to decode it otherwise).
fn retyped(like: &Value, text: &str) -> Result<Value, ReplacementError> {
    let resolved = resolve_plain(text, Schema::V3);
    let mismatch = |tag: &'static str| ReplacementError::TypeMismatch {
        found: tag_name(&resolved),
        text: text.to_string(),
        tag,
    };
    let fits = match like {
        Value::String(_) | Value::Object(_) | Value::Array(_) => {
            return Ok(Value::String(text.to_string()))
        }
        Value::Number(n) if n.is_f64() => matches!(
            resolved,
            Resolved::Int(_) | Resolved::Uint(_) | Resolved::Float(_)
        )
        .then_some(())
        .ok_or_else(|| mismatch("!!float")),
        Value::Number(_) => matches!(resolved, Resolved::Int(_) | Resolved::Uint(_))
            .then_some(())
            .ok_or_else(|| mismatch("!!int")),
        Value::Bool(_) => matches!(resolved, Resolved::Bool(_))
            .then_some(())
            .ok_or_else(|| mismatch("!!bool")),
        Value::Null => matches!(resolved, Resolved::Null)
            .then_some(())
            .ok_or_else(|| mismatch("!!null")),
    };
    fits?;
    untagged(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalar_targets_keep_their_type() {
        assert_eq!(retyped(&json!("x"), "5").unwrap(), json!("5"));
        assert_eq!(retyped(&json!(1), "5").unwrap(), json!(5));
        assert_eq!(retyped(&json!(false), "true").unwrap(), json!(true));
        assert_eq!(
            retyped(&json!(1), "a.b.c").unwrap_err().to_string(),
            "map[string]interface {}(nil): yaml: cannot decode !!str `a.b.c` as a !!int"
        );
        assert_eq!(untagged("5").unwrap(), json!(5));
        assert_eq!(untagged("abc").unwrap(), json!("abc"));
    }

    #[test]
    fn matcher_creates_and_matches_unanchored() {
        let mut v = json!({"spec": {"containers": [{"name": "app"}, {"name": "myapp2"}]}});
        let mut m = Matcher {
            create: None,
            leaves: Vec::new(),
            detached: 0,
        };
        let path = split_dotted("spec.containers.[name=app].image");
        m.walk(&mut v, &path, &mut Vec::new(), false, false)
            .unwrap();
        assert_eq!(m.found(), 0);
        m.create = Some(Kind::Scalar);
        m.walk(&mut v, &path, &mut Vec::new(), false, false)
            .unwrap();
        assert_eq!(m.found(), 2);
        let err = m
            .walk(
                &mut v,
                &split_dotted("spec.containers.image"),
                &mut Vec::new(),
                false,
                false,
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "wrong node kind: expected MappingNode but got SequenceNode"
        );
    }
}
