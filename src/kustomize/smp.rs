//! Strategic merge patches as kustomize v5 applies them (kyaml's `merge2` walker):
//!
//! - mappings merge field by field; a `null` in the patch deletes the field;
//! - `$patch: delete` deletes the mapping (or list element), `$patch: replace` replaces it;
//! - a list whose schema has a merge key (one field, or several such as container ports by
//!   `containerPort` and `protocol`) follows kyaml's algorithm (`merge_keyed`): new
//!   elements first, then the target's elements in their order, merged in place; an
//!   element of the patch without the key deletes the target's keyed elements; a `$patch:
//!   replace` element replaces the whole list;
//! - a list of scalars with the `merge` strategy becomes the union, patch values first;
//! - every other list (and every list of a kind without a schema, such as a custom resource)
//!   is replaced by the patch's list;
//! - other `$`-directives (`$setElementOrder`, `$retainKeys`…) are not interpreted, as in
//!   kyaml: they stay in the object as ordinary fields.

use super::resource::Step;
use super::schema::SchemaRef;
use crate::yaml::{resolve_plain, Resolved, Schema};
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

/// kyaml's merge walks the whole target, also where the patch says nothing: each list that
/// merges by key is rebuilt from its keyed elements as in a merge with an empty patch (a
/// null element goes, an element repeating a key is merged into the first, an element
/// without the key removes the keyed elements after it), and the walk goes on into its
/// elements and into every mapping.
fn walk_target(v: &mut Value, schema: Option<SchemaRef<'_>>, path: &str) -> Result<(), String> {
    walk_target_at(v, schema, &mut path.to_string())
}

/// [`walk_target`] with the path (for messages) grown and shrunk in place: this walk goes
/// over every node of every patched resource.
fn walk_target_at(
    v: &mut Value,
    schema: Option<SchemaRef<'_>>,
    path: &mut String,
) -> Result<(), String> {
    match v {
        Value::Object(m) => {
            settle_marks(m, None);
            for (key, x) in m.iter_mut() {
                if !(x.is_object() || x.is_array()) {
                    continue;
                }
                let len = path.len();
                path.push('.');
                path.push_str(key);
                walk_target_at(x, schema.and_then(|s| s.field(key)), path)?;
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            let Some(schema) = schema else {
                return Ok(());
            };
            let Some(key) = schema.merge_key() else {
                return Ok(());
            };
            let keys: Vec<&str> = key.split(',').collect();
            if is_plain_keyed_list(items, &keys) {
                for (i, x) in items.iter_mut().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk_target_at(x, schema.items(), path)?;
                    path.truncate(len);
                }
            } else {
                let list = std::mem::take(items);
                *v = merge_keyed(list, &[], &keys, schema.items(), path)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Every element is a mapping with a value for each key, and no two share them: walking
/// the list with an empty patch leaves it as it is.
fn is_plain_keyed_list(items: &[Value], keys: &[&str]) -> bool {
    let mut seen = std::collections::HashSet::new();
    items.iter().all(|e| {
        e.as_object()
            .is_some_and(|m| keys.iter().all(|k| m.get(*k).is_some_and(|v| !v.is_null())))
            && seen.insert(key_values(e, keys))
    })
}

/// Stands, during one merge, for a mapping value the source wrote as nothing (`key:`):
/// kyaml's walker drops such a value from every mapping it walks, where it keeps a written
/// `null`. No YAML text gives a string with NUL characters without escapes.
const EMPTY_MARK: &str = "\u{0}kzr: empty\u{0}";

/// Stands, during one merge, for a mapping that was null in the source and was filled while
/// building (kyaml keeps such a node tagged null): the walker makes it null again. The
/// number after the prefix indexes the saved mappings.
const NULL_MAP_MARK: &str = "\u{0}kzr: null map ";

fn is_empty_mark(v: &Value) -> bool {
    v.as_str() == Some(EMPTY_MARK)
}

fn is_null_map_mark(v: &Value) -> bool {
    v.as_str().is_some_and(|s| s.starts_with(NULL_MAP_MARK))
}

/// What the walker makes of a marked value in a mapping it walks: nothing (`None`), or null.
fn walked_mark(v: &Value) -> Option<Option<Value>> {
    if is_empty_mark(v) {
        Some(None)
    } else if is_null_map_mark(v) {
        Some(Some(Value::Null))
    } else {
        None
    }
}

/// Applies [`walked_mark`] to the values of a walked mapping (except `keep`'s keys).
fn settle_marks(m: &mut Map<String, Value>, keep: Option<&Map<String, Value>>) {
    if !m.values().any(|v| walked_mark(v).is_some()) {
        return;
    }
    m.retain(|k, v| {
        if keep.is_some_and(|p| p.contains_key(k)) {
            return true;
        }
        match walked_mark(v) {
            Some(None) => false,
            Some(Some(null)) => {
                *v = null;
                true
            }
            None => true,
        }
    });
}

/// Values a strategic merge treats as kyaml would, marked before and restored after it.
#[derive(Default)]
pub struct Marks {
    null_maps: Vec<Value>,
    any: bool,
}

impl Marks {
    /// Marks the values at `empty` that are still empty (null, or the empty text an
    /// annotation read as) and the mappings at `null_maps`.
    pub fn set(target: &mut Value, empty: &[String], null_maps: &[String]) -> Marks {
        let mut marks = Marks::default();
        for p in empty {
            if let Some(v) = target.pointer_mut(p) {
                if v.is_null() || v.as_str() == Some("") {
                    *v = Value::String(EMPTY_MARK.to_string());
                    marks.any = true;
                }
            }
        }
        for p in null_maps {
            if let Some(v) = target.pointer_mut(p).filter(|v| v.is_object()) {
                let mark = Value::String(format!("{NULL_MAP_MARK}{}", marks.null_maps.len()));
                marks.null_maps.push(std::mem::replace(v, mark));
                marks.any = true;
            }
        }
        marks
    }

    /// Puts back the marked values the merge did not reach (an empty annotation as empty
    /// text, any other empty value as null, a mapping as it was) and returns their pointers:
    /// (empty values, null mappings).
    pub fn restore(mut self, target: &mut Value) -> (Vec<String>, Vec<String>) {
        let mut out = (Vec::new(), Vec::new());
        if self.any {
            self.walk(target, &mut String::new(), &mut out);
        }
        out
    }

    fn walk(&mut self, v: &mut Value, pointer: &mut String, out: &mut (Vec<String>, Vec<String>)) {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    self.walk(x, pointer, out);
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, x) in items.iter_mut().enumerate() {
                    let len = pointer.len();
                    pointer.push_str(&format!("/{i}"));
                    self.walk(x, pointer, out);
                    pointer.truncate(len);
                }
            }
            x if is_empty_mark(x) => {
                *x = if pointer.starts_with("/metadata/annotations/") {
                    Value::String(String::new())
                } else {
                    Value::Null
                };
                out.0.push(pointer.clone());
            }
            x if is_null_map_mark(x) => {
                let index = x
                    .as_str()
                    .and_then(|s| s[NULL_MAP_MARK.len()..].parse::<usize>().ok());
                if let Some(saved) = index.and_then(|i| self.null_maps.get_mut(i)) {
                    *x = std::mem::take(saved);
                }
                out.1.push(pointer.clone());
            }
            _ => {}
        }
    }
}

/// How far kyaml's merge walker goes along a path in the merged target.
#[derive(PartialEq, Eq)]
enum Reach {
    /// To the end: it walks every mapping field, and the elements of a list that merges by
    /// key, the first element with each key value.
    Walked,
    /// Not past a keyed list's element it keeps as it was (one without the key, or
    /// repeating one): no patch writes there.
    KeptElement,
    /// Not past a list of another kind (which a patch replaces whole), or the path is not
    /// in the target.
    Stopped,
}

fn reach(target: &Value, path: &[Step], schema: Option<SchemaRef<'_>>) -> Reach {
    let mut node = target;
    let mut schema = schema;
    for step in path {
        match (step, node) {
            (Step::Key(k), Value::Object(m)) => {
                schema = schema.and_then(|s| s.field(k));
                match m.get(k) {
                    Some(next) => node = next,
                    None => return Reach::Stopped,
                }
            }
            (Step::Index(i), Value::Array(items)) => {
                let Some(keys) = schema.and_then(|s| s.merge_key()) else {
                    return Reach::Stopped;
                };
                let keys: Vec<&str> = keys.split(',').collect();
                let Some(element) = items.get(*i) else {
                    return Reach::Stopped;
                };
                let has_keys = element
                    .as_object()
                    .is_some_and(|m| keys.iter().all(|k| m.get(*k).is_some_and(|v| !v.is_null())));
                let values = key_values(element, &keys);
                if !has_keys || items[..*i].iter().any(|x| key_values(x, &keys) == values) {
                    return Reach::KeptElement;
                }
                schema = schema.and_then(SchemaRef::items);
                node = element;
            }
            _ => return Reach::Stopped,
        }
    }
    Reach::Walked
}

/// Whether kyaml's merge walker visits the mapping that holds the value at `path` in the
/// merged `target` (see [`Reach`]).
pub fn walks_to(target: &Value, path: &[Step], schema: Option<SchemaRef<'_>>) -> bool {
    reach(target, path, schema) == Reach::Walked
}

/// Where the node at `path` of the target `before` a merge sits in the merged `after`. An
/// element of a list merged by key is followed by its key values (the n-th element with
/// them stays the n-th: a patch can put its own elements before it); an element of any
/// other list by its index.
pub fn moved_path(
    before: &Value,
    after: &Value,
    path: &[Step],
    schema: Option<SchemaRef<'_>>,
) -> Option<Vec<Step>> {
    let (mut old, mut new, mut schema) = (before, after, schema);
    let mut out = Vec::with_capacity(path.len());
    for step in path {
        match step {
            Step::Key(k) => {
                old = old.get(k)?;
                new = new.get(k)?;
                schema = schema.and_then(|s| s.field(k));
                out.push(step.clone());
            }
            Step::Index(i) => {
                let at = match schema.and_then(|s| s.merge_key()) {
                    Some(keys) => {
                        let keys: Vec<&str> = keys.split(',').collect();
                        let (olds, news) = (old.as_array()?, new.as_array()?);
                        let values = key_values(olds.get(*i)?, &keys);
                        let rank = olds[..*i]
                            .iter()
                            .filter(|x| key_values(x, &keys) == values)
                            .count();
                        news.iter()
                            .enumerate()
                            .filter(|(_, x)| key_values(x, &keys) == values)
                            .nth(rank)?
                            .0
                    }
                    None => *i,
                };
                old = old.get(*i)?;
                new = new.get(at)?;
                schema = schema.and_then(SchemaRef::items);
                out.push(Step::Index(at));
            }
        }
    }
    Some(out)
}

/// Whether a strategic-merge `patch` writes the node at `path` of the merged `target`: the
/// patch holds the path's keys down to the field, going into a list merged by key through
/// the patch element with the same key values, or it holds a list of another kind on the
/// way (which it replaces whole, so its items are the patch's).
pub fn patch_writes(
    target: &Value,
    patch: &Value,
    path: &[Step],
    schema: Option<SchemaRef<'_>>,
) -> bool {
    let mut node = patch;
    let mut dest = Some(target);
    let mut schema = schema;
    for step in path {
        match (step, node) {
            (Step::Key(k), Value::Object(m)) => {
                let Some(next) = m.get(k) else {
                    return false;
                };
                node = next;
                dest = dest.and_then(|d| d.get(k));
                schema = schema.and_then(|s| s.field(k));
            }
            (Step::Index(i), Value::Array(items)) => {
                let keys = schema.and_then(|s| s.merge_key());
                let (Some(keys), Some(element)) = (keys, dest.and_then(|d| d.get(*i))) else {
                    // An empty list merges nothing in (and a list it replaces no longer
                    // has the element, which the caller sees from the value).
                    return !items.is_empty();
                };
                let keys: Vec<&str> = keys.split(',').collect();
                let values = key_values(element, &keys);
                let Some(same) = items.iter().find(|x| key_values(x, &keys) == values) else {
                    return false;
                };
                node = same;
                dest = Some(element);
                schema = schema.and_then(SchemaRef::items);
            }
            _ => return false,
        }
    }
    true
}

/// Whether the value at `path` sits in a keyed-list element the walker keeps as it was, so
/// that no patch writes it.
pub fn in_kept_element(target: &Value, path: &[Step], schema: Option<SchemaRef<'_>>) -> bool {
    reach(target, path, schema) == Reach::KeptElement
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
    if walked_mark(target).is_some() {
        *target = Value::Null;
    }
    match (&mut *target, patch) {
        (_, Value::Null) => Ok(Outcome::Delete),
        (Value::Object(t), Value::Object(p)) => merge_maps(t, p, schema, path),
        // kyaml adds a patch value the target lacks and then walks it as both sources, so
        // its nulls and directives are processed too (a null field goes, an element with
        // `$patch: delete` leaves its list).
        (Value::Null, Value::Object(p)) => match directive(patch) {
            Some("delete") => Ok(Outcome::Delete),
            _ => {
                let mut copy = p.clone();
                let outcome = merge_maps(&mut copy, p, schema, path)?;
                *target = Value::Object(copy);
                Ok(outcome)
            }
        },
        (Value::Array(t), Value::Array(p)) => {
            let old = std::mem::take(t);
            *target = merge_lists(old, p, schema, path)?;
            Ok(Outcome::Keep)
        }
        (Value::Null, Value::Array(p)) => {
            *target = merge_lists(p.clone(), p, schema, path)?;
            Ok(Outcome::Keep)
        }
        (t, p) if !t.is_null() && kind(t) != kind(p) => Err(format!(
            "{}: cannot merge a {} into a {}",
            if path.is_empty() { "." } else { path },
            kind(p),
            kind(t)
        )),
        // The merged node keeps the target's quoting style: a string that had to be quoted
        // (it reads as a number or boolean) quotes the patch's number or boolean too. A
        // string written plain cannot be told from one quoted without need, so only the
        // first kind is known to have had quotes.
        (Value::String(t), p @ (Value::Number(_) | Value::Bool(_)))
            if !matches!(resolve_plain(t, Schema::V3), Resolved::Str) =>
        {
            *target = Value::String(super::resource::node_text(p));
            Ok(Outcome::Keep)
        }
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
    settle_marks(target, Some(patch));
    let mut child = path.to_string();
    for (key, tv) in target.iter_mut().filter(|(k, _)| !patch.contains_key(*k)) {
        if !(tv.is_object() || tv.is_array()) {
            continue;
        }
        let len = child.len();
        child.push('.');
        child.push_str(key);
        walk_target_at(tv, schema.and_then(|s| s.field(key)), &mut child)?;
        child.truncate(len);
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
        let keys: Vec<&str> = key.split(',').collect();
        return merge_keyed(target, &patch, &keys, schema.items(), path);
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

/// A list element's key values as kyaml's `ElementValuesList` reads them: the scalar text
/// of each key field, empty when the field is missing or empty.
fn key_values(element: &Value, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| match element.get(*k) {
            None | Some(Value::Null) => String::new(),
            Some(v) => crate::object::scalar_text(v).unwrap_or_default(),
        })
        .collect()
}

/// How a key value is compared with an element's field.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    /// kyaml's `ElementSetter` (`FieldMatcher` with a string value): an empty value matches
    /// any present field.
    EmptyIsAny,
    /// kyaml's `ElementMatcher` (`MatchField`): the field's text must be equal, even when
    /// the value is empty.
    Exact,
}

/// Whether `element` has the key values. Keys past the end of `values` reuse the last
/// result, as kyaml's `ElementSetter` does.
fn element_matches(element: &Value, keys: &[&str], values: &[String], how: Match) -> bool {
    let Some(map) = element.as_object() else {
        return false;
    };
    let mut last = false;
    for (j, key) in keys.iter().enumerate() {
        if let Some(want) = values.get(j) {
            last = match map.get(*key) {
                None => false,
                Some(_) if want.is_empty() && how == Match::EmptyIsAny => true,
                Some(Value::Null) => want.is_empty(),
                Some(v) => crate::object::scalar_text(v).as_deref() == Some(want.as_str()),
            };
        }
        if !last {
            return false;
        }
    }
    true
}

fn is_empty_element(v: &Value) -> bool {
    v.is_null() || v.as_object().is_some_and(Map::is_empty)
}

/// kyaml's `ElementSetter` on a list: every element matching `keys`/`values` is replaced by
/// `element` (or removed when it is `None`), empty elements are dropped, and a new element
/// is appended when none matched.
fn set_element(list: &mut Vec<Value>, element: Option<&Value>, keys: &[&str], values: &[String]) {
    let mut found = false;
    let old = std::mem::take(list);
    for item in old {
        if is_empty_element(&item) {
            continue;
        }
        if !item.is_object() {
            list.push(item);
            continue;
        }
        if !element_matches(&item, keys, values, Match::EmptyIsAny) {
            if !values.is_empty() {
                list.push(item);
            }
            continue;
        }
        found = true;
        if let Some(e) = element {
            list.push(e.clone());
        }
    }
    if let Some(e) = element.filter(|e| !e.is_null()) {
        if !found {
            list.push(e.clone());
        }
    }
}

/// kyaml's `validateKeys`: the keys some element gives a value for (all keys when none
/// does), with this element's values for them.
fn valid_keys<'k>(
    all: &[Vec<String>],
    values: &[String],
    keys: &[&'k str],
) -> (Vec<&'k str>, Vec<String>) {
    let used: Vec<bool> = (0..keys.len())
        .map(|i| all.iter().any(|v| !v[i].is_empty()))
        .collect();
    if !used.iter().any(|u| *u) {
        return (keys.to_vec(), values.to_vec());
    }
    let valid_keys = keys
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .map(|(k, _)| *k)
        .collect();
    let valid_values = values
        .iter()
        .zip(&used)
        .filter(|(v, u)| !v.is_empty() || **u)
        .map(|(v, _)| v.clone())
        .collect();
    (valid_keys, valid_values)
}

/// kyaml's `mergeValues`: key tuples that agree wherever both have a value are the same
/// element (a port without `protocol` matches the same port with one).
fn merge_key_tuples(mut all: Vec<Vec<String>>) -> Vec<Vec<String>> {
    for i in 0..all.len() {
        let first = all[i].clone();
        for j in 0..all.len() {
            let second = &all[j];
            let mut common = false;
            let mut merged = Vec::with_capacity(first.len());
            let mut compatible = true;
            for (a, b) in first.iter().zip(second) {
                if a == b {
                    common = true;
                    merged.push(a.clone());
                } else if !a.is_empty() && !b.is_empty() {
                    compatible = false;
                    break;
                } else {
                    merged.push(if a.is_empty() { b.clone() } else { a.clone() });
                }
            }
            if compatible && common {
                all[i] = merged.clone();
                all[j] = merged;
            }
        }
    }
    all
}

/// A list that merges by key (one field, or several such as ports by containerPort and
/// protocol), merged as kyaml's `setAssociativeSequenceElements` and `appendListNode` do
/// with kustomize's prepend option. An element without a key is not merged: the patch's
/// deletes every target element that has the key field, the target's stays as it was.
fn merge_keyed(
    mut target: Vec<Value>,
    patch: &[&Value],
    keys: &[&str],
    items: Option<SchemaRef<'_>>,
    path: &str,
) -> Result<Value, String> {
    let mut tuples: Vec<Vec<String>> = Vec::new();
    for element in patch.iter().copied().chain(target.iter()) {
        let t = key_values(element, keys);
        if !tuples.contains(&t) {
            tuples.push(t);
        }
    }
    let tuples = merge_key_tuples(tuples);
    let mut added: Vec<Value> = Vec::new();
    let mut last_keys: Vec<&str> = keys.to_vec();
    for values in &tuples {
        let (valid_keys, valid_values) = valid_keys(&tuples, values, keys);
        // The sources' elements are looked up with only the keys this tuple has values for.
        let (lookup_keys, lookup_values) = valid_keys_of_one(values, keys);
        let found = |e: &Value| element_matches(e, &lookup_keys, &lookup_values, Match::Exact);
        let in_target = target.iter().position(found);
        let in_patch = patch.iter().copied().find(|e| found(e));
        let element_path = format!("{path}[{}]", values.join(","));
        let merged = match (in_target, in_patch) {
            (Some(i), Some(p)) => {
                if merge_value(&mut target[i], p, items, &element_path)? == Outcome::Delete {
                    target[i] = Value::Null;
                }
                target[i].clone()
            }
            (Some(i), None) => {
                walk_target(&mut target[i], items, &element_path)?;
                target[i].clone()
            }
            (None, Some(p)) => {
                let mut element = Value::Null;
                if merge_value(&mut element, p, items, &element_path)? == Outcome::Delete {
                    element = Value::Null;
                }
                element
            }
            (None, None) => Value::Null,
        };
        last_keys = valid_keys.clone();
        if is_empty_element(&merged) {
            set_element(&mut target, None, &valid_keys, &valid_values);
            continue;
        }
        let mut merged = merged;
        if let Value::Object(map) = &mut merged {
            for (key, value) in valid_keys.iter().zip(&valid_values) {
                if !map.contains_key(*key) && !value.is_empty() {
                    map.insert(
                        key.to_string(),
                        crate::yaml::scalar::plain_value_or_text(value),
                    );
                }
            }
        }
        set_element(&mut added, Some(&merged), &valid_keys, &valid_values);
    }
    if tuples.is_empty() {
        return Ok(Value::Array(target));
    }
    // The target's elements (merged in place) go after the new ones. A null element still
    // there (its key values were merged into another element's) empties the list so far.
    for element in &target {
        let mut values = Vec::new();
        for key in &last_keys {
            match element.get(*key) {
                Some(v) if !v.is_null() => {
                    values.push(crate::object::scalar_text(v).unwrap_or_default())
                }
                _ => added.push(element.clone()),
            }
        }
        if last_keys.len() > 1 {
            set_element(&mut added, None, &last_keys, &values);
        }
        set_element(&mut added, Some(element), &last_keys, &values);
    }
    Ok(Value::Array(added))
}

/// `validateKeys` applied to one tuple alone (kyaml's `elementValueList`).
fn valid_keys_of_one<'k>(values: &[String], keys: &[&'k str]) -> (Vec<&'k str>, Vec<String>) {
    valid_keys(std::slice::from_ref(&values.to_vec()), values, keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deployment_schema() -> Option<SchemaRef<'static>> {
        SchemaRef::for_kind("apps", "v1", "Deployment")
    }

    #[test]
    fn a_patch_writes_a_path_through_its_keys_its_keyed_elements_or_a_replaced_list() {
        let schema = deployment_schema();
        let key = |k: &str| Step::Key(k.into());
        let target = json!({"metadata": {"labels": {"a": "1", "b": "2"}},
            "spec": {"template": {"spec": {
                "containers": [{"name": "app", "image": "x"}, {"name": "side", "image": "y"}],
                "args": ["a"]}}}});
        let patch = json!({"metadata": {"labels": {"a": "1"}},
            "spec": {"template": {"spec": {
                "containers": [{"name": "side", "image": "z"}, {"name": "new"}],
                "args": ["b"]}}}});
        let w = |path: &[Step]| patch_writes(&target, &patch, path, schema);
        assert!(w(&[key("metadata"), key("labels"), key("a")]));
        assert!(!w(&[key("metadata"), key("labels"), key("b")]));
        assert!(!w(&[key("metadata"), key("name")]));
        assert!(w(&[]));
        let spec = [key("spec"), key("template"), key("spec")];
        let image = |i| {
            [
                &spec[..],
                &[key("containers"), Step::Index(i), key("image")],
            ]
            .concat()
        };
        // A keyed element the patch does not name keeps its nodes; the one it names takes the
        // patch's image.
        assert!(!w(&image(0)));
        assert!(w(&image(1)));
        // A list of another kind is the patch's whole.
        assert!(w(&[&spec[..], &[key("args"), Step::Index(0)]].concat()));
        // A scalar where the path goes on does not reach below it.
        let labels_a = [key("metadata"), key("labels"), key("a")];
        assert!(!patch_writes(
            &target,
            &json!({"metadata": "x"}),
            &labels_a,
            schema
        ));
    }

    #[test]
    fn the_walker_visits_only_keyed_elements_of_keyed_lists() {
        let d = json!({"spec": {"template": {"spec": {
            "containers": [{"image": 80}, {"name": "a", "image": 80}, {"name": "a", "image": 1}],
            "volumes": [{"name": "v"}]
        }}}});
        let at = |steps: &[Step]| walks_to(&d, steps, deployment_schema());
        let key = |k: &str| Step::Key(k.into());
        let containers = [key("spec"), key("template"), key("spec"), key("containers")];
        let element = |i| [&containers[..], &[Step::Index(i)]].concat();
        assert!(at(&containers));
        // kubectl kustomize v5.5.0 leaves the image of an unnamed container untagged.
        assert!(!at(&element(0)));
        assert!(at(&element(1)));
        // Only the first element with a key value is walked.
        assert!(!at(&element(2)));
    }

    /// Merges `patch` into `target` with the Deployment schema; the merged value.
    fn merged(mut target: Value, patch: Value) -> Value {
        assert!(merge_into(&mut target, &patch, deployment_schema()).unwrap());
        target
    }

    fn pod_spec(spec: Value) -> Value {
        json!({"spec": {"template": {"spec": spec}}})
    }

    #[test]
    fn containers_merge_by_name_and_keep_unpatched_fields() {
        let target = pod_spec(json!({"containers": [
            {"name": "app", "image": "app:1", "args": ["x", "y"],
             "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
            {"name": "other", "image": "other:1"}
        ]}));
        let patch = pod_spec(json!({"containers": [
            {"name": "app", "image": "app:2", "args": ["z"],
             "env": [{"name": "B", "$patch": "delete"}, {"name": "C", "value": "3"}]},
            {"name": "sidecar", "image": "side:1"}
        ]}));
        // The patch's elements first, in its order, then the target's others; `args` has no
        // merge key, so the patch's list replaces it.
        assert_eq!(
            merged(target, patch),
            pod_spec(json!({"containers": [
                {"name": "app", "image": "app:2", "args": ["z"],
                 "env": [{"name": "C", "value": "3"}, {"name": "A", "value": "1"}]},
                {"name": "sidecar", "image": "side:1"},
                {"name": "other", "image": "other:1"}
            ]}))
        );
    }

    #[test]
    fn null_deletes_a_field_and_adds_nothing_where_the_target_has_none() {
        let target = json!({"spec": {"replicas": 1, "strategy": {
            "type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}}});
        let patch = json!({"spec": {"replicas": null, "strategy": {
            "rollingUpdate": null, "newField": null}}});
        assert_eq!(
            merged(target, patch),
            json!({"spec": {"strategy": {"type": "RollingUpdate"}}})
        );
    }

    #[test]
    fn patch_delete_removes_a_list_element_or_the_whole_object() {
        let target = pod_spec(json!({"volumes": [
            {"name": "v1", "emptyDir": {}}, {"name": "v2", "emptyDir": {}}
        ]}));
        let patch = pod_spec(json!({"volumes": [{"name": "v2", "$patch": "delete"}]}));
        assert_eq!(
            merged(target.clone(), patch),
            pod_spec(json!({"volumes": [{"name": "v1", "emptyDir": {}}]}))
        );
        let mut whole = target;
        let kept = merge_into(
            &mut whole,
            &json!({"$patch": "delete"}),
            deployment_schema(),
        );
        assert!(!kept.unwrap());
    }

    #[test]
    fn patch_replace_replaces_a_mapping_or_a_keyed_list() {
        let target = pod_spec(json!({
            "securityContext": {"fsGroup": 2, "runAsGroup": 3},
            "volumes": [{"name": "v1", "emptyDir": {}}, {"name": "v2", "emptyDir": {}}]
        }));
        let patch = pod_spec(json!({
            "securityContext": {"$patch": "replace", "runAsUser": 5},
            "volumes": [{"$patch": "replace"}, {"name": "v3", "emptyDir": {}}]
        }));
        assert_eq!(
            merged(target, patch),
            pod_spec(json!({
                "securityContext": {"runAsUser": 5},
                "volumes": [{"name": "v3", "emptyDir": {}}]
            }))
        );
    }

    #[test]
    fn other_directives_stay_as_ordinary_fields() {
        // kyaml does not interpret $retainKeys, $setElementOrder or $deleteFromPrimitiveList.
        let target = json!({
            "metadata": {"name": "web", "finalizers": ["a", "b"]},
            "spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}},
                     "template": {"spec": {"containers": [
                         {"name": "app", "image": "app:1"}, {"name": "other", "image": "o:1"}
                     ]}}}
        });
        let patch = json!({
            "metadata": {"$deleteFromPrimitiveList/finalizers": ["a"]},
            "spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"},
                     "template": {"spec": {
                         "$setElementOrder/containers": [{"name": "other"}, {"name": "app"}],
                         "containers": [{"name": "app", "image": "app:2"}]
                     }}}
        });
        assert_eq!(
            merged(target, patch),
            json!({
                "metadata": {"name": "web", "finalizers": ["a", "b"],
                             "$deleteFromPrimitiveList/finalizers": ["a"]},
                "spec": {"strategy": {"type": "Recreate", "rollingUpdate": {"maxSurge": 1},
                                      "$retainKeys": ["type"]},
                         "template": {"spec": {"containers": [
                             {"name": "app", "image": "app:2"}, {"name": "other", "image": "o:1"}
                         ], "$setElementOrder/containers": [{"name": "other"}, {"name": "app"}]}}}
            })
        );
    }

    #[test]
    fn merge_strategy_scalar_lists_become_the_union_with_patch_values_first() {
        let target = json!({"metadata": {"finalizers": ["a", "b"]}});
        let patch = json!({"metadata": {"finalizers": ["c", "a"]}});
        assert_eq!(
            merged(target, patch),
            json!({"metadata": {"finalizers": ["c", "a", "b"]}})
        );
    }

    #[test]
    fn lists_of_a_kind_without_a_schema_are_replaced_and_mappings_still_merge() {
        let mut target = json!({"spec": {
            "items": [{"name": "a", "x": 1}, {"name": "b"}],
            "settings": {"keep": 1}
        }});
        let patch = json!({"spec": {"items": [{"name": "a", "y": 2}], "settings": {"add": 2}}});
        assert!(merge_into(&mut target, &patch, None).unwrap());
        assert_eq!(
            target,
            json!({"spec": {"items": [{"name": "a", "y": 2}], "settings": {"keep": 1, "add": 2}}})
        );
    }

    #[test]
    fn ports_keyed_by_port_and_protocol_follow_kyaml() {
        let target = pod_spec(json!({"containers": [{"name": "app", "ports": [
            {"containerPort": 80, "protocol": "TCP", "name": "http"}
        ]}]}));
        // A port without a protocol is the same element as that port with one (and kyaml
        // keeps the target's element); a new port comes first.
        let patch = pod_spec(json!({"containers": [{"name": "app", "ports": [
            {"containerPort": 80, "name": "web"}, {"containerPort": 443, "protocol": "TCP"}
        ]}]}));
        assert_eq!(
            merged(target.clone(), patch),
            pod_spec(json!({"containers": [{"name": "app", "ports": [
                {"containerPort": 443, "protocol": "TCP"},
                {"containerPort": 80, "protocol": "TCP", "name": "http"}
            ]}]}))
        );
        // The same port with another protocol is another element.
        let patch = pod_spec(json!({"containers": [{"name": "app", "ports": [
            {"containerPort": 80, "protocol": "UDP", "name": "dns"}
        ]}]}));
        assert_eq!(
            merged(target, patch),
            pod_spec(json!({"containers": [{"name": "app", "ports": [
                {"containerPort": 80, "protocol": "UDP", "name": "dns"},
                {"containerPort": 80, "protocol": "TCP", "name": "http"}
            ]}]}))
        );
    }

    #[test]
    fn a_mapping_cannot_merge_into_a_scalar_and_unknown_directives_fail() {
        let mut target = json!({"spec": {"replicas": 1}});
        let err = merge_into(
            &mut target,
            &json!({"spec": {"replicas": {"a": 1}}}),
            deployment_schema(),
        )
        .unwrap_err();
        assert_eq!(err, ".spec.replicas: cannot merge a mapping into a scalar");
        let err = merge_into(
            &mut target,
            &json!({"spec": {"$patch": "bogus"}}),
            deployment_schema(),
        )
        .unwrap_err();
        assert_eq!(err, ".spec: unknown $patch directive \"bogus\"");
    }
}
