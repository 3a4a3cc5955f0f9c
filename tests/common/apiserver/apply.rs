//! Server-side apply and managedFields, after k8s.io/apimachinery's fieldmanager and
//! structured-merge-diff's Updater: merge, prune, conflicts, Update ownership, encoding.

use super::fields::{
    compare, index_list, path_string, recursive_difference, remove_path, to_field_set,
    with_named_parents, FieldSet, ListType, Path, PathElement, Schema,
};
use super::status::ApiError;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub const BEFORE_FIRST_APPLY: &str = "before-first-apply";

#[derive(Debug, Clone, PartialEq)]
pub struct Manager {
    pub manager: String,
    pub operation: String,
    pub api_version: String,
    pub subresource: String,
    pub time: Option<String>,
    pub fields: FieldSet,
}

impl Manager {
    pub fn new(manager: &str, operation: &str, api_version: &str, subresource: &str) -> Self {
        Manager {
            manager: manager.into(),
            operation: operation.into(),
            api_version: api_version.into(),
            subresource: subresource.into(),
            time: None,
            fields: FieldSet::new(),
        }
    }

    /// Two entries are the same manager when the identifier the fieldmanager builds (manager,
    /// operation, subresource, and apiVersion for updaters) is the same.
    pub fn same(&self, other: &Manager) -> bool {
        self.manager == other.manager
            && self.operation == other.operation
            && self.subresource == other.subresource
            && (self.operation == "Apply" || self.api_version == other.api_version)
    }

    /// `printManager` of the fieldmanager's conflict messages.
    pub fn describe(&self) -> String {
        let mut s = super::util::go_quote(&self.manager);
        if !self.subresource.is_empty() {
            s = format!(
                "{s} with subresource {}",
                super::util::go_quote(&self.subresource)
            );
        }
        if self.operation == "Update" {
            s = format!("{s} using {}", self.api_version);
        }
        s
    }

    /// The identifier string managers are sorted by in conflict messages (JSON of the entry
    /// without fields and time).
    fn identifier(&self) -> String {
        let mut m = Map::new();
        m.insert("manager".into(), json!(self.manager));
        m.insert("operation".into(), json!(self.operation));
        if self.operation != "Apply" {
            m.insert("apiVersion".into(), json!(self.api_version));
        }
        if !self.subresource.is_empty() {
            m.insert("subresource".into(), json!(self.subresource));
        }
        serde_json::to_string(&Value::Object(m)).unwrap()
    }
}

/// Decodes `metadata.managedFields`; `None` when absent or not decodable.
pub fn decode_managed(entries: Option<&Value>) -> Option<Vec<Manager>> {
    let arr = entries?.as_array()?;
    let mut out = Vec::new();
    for e in arr {
        let o = e.as_object()?;
        let s = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        if s("manager").is_empty() && s("operation").is_empty() {
            return None;
        }
        if !matches!(s("operation").as_str(), "Apply" | "Update") {
            return None;
        }
        if o.get("fieldsType").and_then(Value::as_str) != Some("FieldsV1") {
            return None;
        }
        let fields = super::fields::decode_fields(o.get("fieldsV1").unwrap_or(&json!({})))?;
        out.push(Manager {
            manager: s("manager"),
            operation: s("operation"),
            api_version: s("apiVersion"),
            subresource: s("subresource"),
            time: o.get("time").and_then(Value::as_str).map(String::from),
            fields,
        });
    }
    Some(out)
}

/// Encodes managers as `metadata.managedFields`, sorted like the fieldmanager sorts them.
pub fn encode_managed(managers: &[Manager]) -> Value {
    let mut ms: Vec<&Manager> = managers.iter().filter(|m| !m.fields.is_empty()).collect();
    ms.sort_by(|a, b| {
        a.operation
            .cmp(&b.operation)
            .then_with(|| {
                a.time
                    .as_deref()
                    .unwrap_or("")
                    .cmp(b.time.as_deref().unwrap_or(""))
            })
            .then_with(|| a.manager.cmp(&b.manager))
            .then_with(|| a.api_version.cmp(&b.api_version))
            .then_with(|| a.subresource.cmp(&b.subresource))
    });
    Value::Array(
        ms.iter()
            .map(|m| {
                let mut e = Map::new();
                e.insert("manager".into(), json!(m.manager));
                e.insert("operation".into(), json!(m.operation));
                e.insert("apiVersion".into(), json!(m.api_version));
                if let Some(t) = &m.time {
                    e.insert("time".into(), json!(t));
                }
                e.insert("fieldsType".into(), json!("FieldsV1"));
                e.insert("fieldsV1".into(), super::fields::encode_fields(&m.fields));
                if !m.subresource.is_empty() {
                    e.insert("subresource".into(), json!(m.subresource));
                }
                Value::Object(e)
            })
            .collect(),
    )
}

/// Where a write lands: the main resource (whose status is reset when the kind has a status
/// subresource) or the status subresource.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Main { status_subresource: bool },
    Status,
}

fn strip_meta(set: &FieldSet) -> FieldSet {
    let strip: Vec<Path> = [
        vec!["apiVersion"],
        vec!["kind"],
        vec!["metadata"],
        vec!["metadata", "name"],
        vec!["metadata", "namespace"],
        vec!["metadata", "creationTimestamp"],
        vec!["metadata", "selfLink"],
        vec!["metadata", "uid"],
        vec!["metadata", "clusterName"],
        vec!["metadata", "generation"],
        vec!["metadata", "managedFields"],
        vec!["metadata", "resourceVersion"],
    ]
    .iter()
    .map(|p| {
        p.iter()
            .map(|s| PathElement::Field(s.to_string()))
            .collect()
    })
    .collect();
    set.iter().filter(|p| !strip.contains(p)).cloned().collect()
}

/// The fields a write may own: system metadata stripped, reset fields removed.
pub fn ownable(set: &FieldSet, target: Target) -> FieldSet {
    without_reset(&strip_meta(set), target)
}

/// A set without the fields the target resets (status on the main resource of kinds with a
/// status subresource; everything but status on the status subresource).
pub fn without_reset(set: &FieldSet, target: Target) -> FieldSet {
    let s = set.clone();
    let status: FieldSet = [vec![PathElement::Field("status".into())]]
        .into_iter()
        .collect();
    match target {
        Target::Main {
            status_subresource: true,
        } => recursive_difference(&s, &status),
        Target::Main { .. } => s,
        Target::Status => s
            .into_iter()
            .filter(|p| matches!(p.first(), Some(PathElement::Field(f)) if f == "status"))
            .collect(),
    }
}

pub fn without_managed_fields(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        m.shift_remove("managedFields");
    }
    v
}

/// Records an Update by `me` that turned `old` into `new` (both without managedFields):
/// changed fields move to `me`, removed fields leave everyone (`FieldManager.Update`).
pub fn record_update(
    schema: &Schema,
    old: &Value,
    new: &Value,
    managers: &mut Vec<Manager>,
    me: Manager,
    target: Target,
    now: &str,
) {
    let c = compare(schema, old, new);
    let changed: FieldSet = c.added.union(&c.modified).cloned().collect();
    for m in managers.iter_mut() {
        m.fields = m
            .fields
            .difference(&changed)
            .filter(|p| !c.removed.contains(*p))
            .cloned()
            .collect();
    }
    let mine = ownable(&changed, target);
    if !mine.is_empty() {
        if let Some(prev) = managers.iter_mut().find(|m| m.same(&me)) {
            prev.fields.extend(mine);
            prev.time = Some(now.to_string());
            prev.api_version = me.api_version.clone();
        } else {
            let mut me = me;
            me.fields = mine;
            me.time = Some(now.to_string());
            managers.push(me);
        }
    }
    managers.retain(|m| !m.fields.is_empty());
}

pub enum ApplyError {
    Conflicts(Vec<(Manager, Path)>),
    Other(ApiError),
}

impl From<ApplyError> for ApiError {
    fn from(e: ApplyError) -> ApiError {
        match e {
            ApplyError::Conflicts(c) => conflict_error(c),
            ApplyError::Other(e) => e,
        }
    }
}

pub struct Applied {
    pub object: Value,
    pub managers: Vec<Manager>,
    pub changed: bool,
}

fn unknown(msg: String) -> ApiError {
    ApiError::new(500, "", &msg, None)
}

/// Server-side apply of `config` by `manager` onto `live` (without managedFields; `None` when
/// creating). `gvknn` names the object in typed-conversion errors.
#[allow(clippy::too_many_arguments)]
pub fn apply(
    schema: &Schema,
    live: Option<&Value>,
    mut managers: Vec<Manager>,
    config: &Value,
    manager: &str,
    api_version: &str,
    force: bool,
    target: Target,
    now: &str,
    gvknn: &str,
) -> Result<Applied, ApplyError> {
    let empty = json!({});
    let live = live.unwrap_or(&empty);
    if live != &empty && managers.is_empty() {
        record_update(
            schema,
            &empty,
            live,
            &mut managers,
            Manager::new(BEFORE_FIRST_APPLY, "Update", api_version, ""),
            target,
            now,
        );
    }
    let mut config = config.clone();
    if let Target::Main {
        status_subresource: true,
    } = target
    {
        if let Some(m) = config.as_object_mut() {
            m.shift_remove("status");
        }
    }
    let set = to_field_set(schema, &config).map_err(|e| {
        ApplyError::Other(unknown(format!(
            "failed to create typed patch object ({gvknn}): {e}"
        )))
    })?;
    let merged = merge(schema, live, &config, &mut Vec::new())
        .map_err(|e| ApplyError::Other(unknown(format!("failed to merge config: {e}"))))?;

    let me = Manager::new(
        manager,
        "Apply",
        api_version,
        match target {
            Target::Status => "status",
            _ => "",
        },
    );
    let idx = managers.iter().position(|m| m.same(&me));
    let last = idx.map(|i| managers[i].fields.clone());
    // Owned during the apply with metadata.name & co. (stripped only at the end, as the
    // strip-meta manager wraps the structured merge).
    let new_set = without_reset(&set, target);
    match idx {
        Some(i) => {
            managers[i].fields = new_set;
            managers[i].api_version = api_version.to_string();
        }
        None => {
            let mut m = me.clone();
            m.fields = new_set;
            managers.push(m);
        }
    }

    // Prune what this manager applied before, no longer applies, and nobody else owns.
    let mut pruned = merged;
    if let Some(last) = last.filter(|l| !l.is_empty()) {
        let mut owned = FieldSet::new();
        for m in &managers {
            owned.extend(m.fields.iter().cloned());
        }
        let owned = with_named_parents(&owned);
        let candidates: Vec<Path> = with_named_parents(&last)
            .difference(&owned)
            .cloned()
            .collect();
        // Deepest first, so indexes of list items stay valid while removing.
        for p in candidates.iter().rev() {
            remove_path(schema, &mut pruned, p);
        }
    }

    // Conflicts: fields of other managers this apply changes.
    let c = compare(schema, live, &pruned);
    let changed: FieldSet = c.added.union(&c.modified).cloned().collect();
    let mut conflicts: Vec<(Manager, Path)> = Vec::new();
    for m in &managers {
        if m.same(&me) {
            continue;
        }
        for p in m.fields.intersection(&changed) {
            conflicts.push((m.clone(), p.clone()));
        }
    }
    if !conflicts.is_empty() && !force {
        return Err(ApplyError::Conflicts(conflicts));
    }
    for m in managers.iter_mut() {
        if m.same(&me) {
            continue;
        }
        m.fields = m
            .fields
            .difference(&changed)
            .filter(|p| !c.removed.contains(*p))
            .cloned()
            .collect();
    }
    for m in managers.iter_mut() {
        if m.same(&me) {
            m.fields = ownable(&m.fields, target);
        }
    }
    managers.retain(|m| !m.fields.is_empty());
    let changed = &pruned != live;
    if changed {
        if let Some(m) = managers.iter_mut().find(|m| m.same(&me)) {
            m.time = Some(now.to_string());
        }
    }
    Ok(Applied {
        object: pruned,
        managers,
        changed,
    })
}

pub fn conflict_error(mut conflicts: Vec<(Manager, Path)>) -> ApiError {
    conflicts.sort_by(|a, b| {
        a.0.identifier()
            .cmp(&b.0.identifier())
            .then_with(|| a.1.cmp(&b.1))
    });
    let causes: Vec<Value> = conflicts
        .iter()
        .map(|(m, p)| {
            json!({
                "reason": "FieldManagerConflict",
                "message": format!("conflict with {}", m.describe()),
                "field": path_string(p),
            })
        })
        .collect();
    let message = if conflicts.len() == 1 {
        format!(
            "Apply failed with 1 conflict: conflict with {}: {}",
            conflicts[0].0.describe(),
            path_string(&conflicts[0].1)
        )
    } else {
        let mut by: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        for (m, p) in &conflicts {
            by.entry(m.identifier())
                .or_insert_with(|| (m.describe(), Vec::new()))
                .1
                .push(path_string(p));
        }
        let mut lines = Vec::new();
        for (_, (desc, paths)) in by {
            lines.push(format!("conflicts with {desc}:"));
            for p in paths {
                lines.push(format!("- {p}"));
            }
        }
        format!(
            "Apply failed with {} conflicts: {}",
            conflicts.len(),
            lines.join("\n")
        )
    };
    ApiError::new(409, "Conflict", &message, Some(json!({ "causes": causes })))
}

/// Merges an applied configuration into the live object (`TypedValue.Merge`).
pub fn merge(schema: &Schema, live: &Value, cfg: &Value, path: &mut Path) -> Result<Value, String> {
    match (live, cfg) {
        (Value::Object(_), Value::Object(_)) if schema.map_atomic(path) => Ok(cfg.clone()),
        (Value::Object(l), Value::Object(c)) => {
            let mut out = l.clone();
            for (k, cv) in c {
                path.push(PathElement::Field(k.clone()));
                let v = match l.get(k) {
                    Some(lv) if !cv.is_null() => merge(schema, lv, cv, path)?,
                    _ => cv.clone(),
                };
                path.pop();
                out.insert(k.clone(), v);
            }
            Ok(Value::Object(out))
        }
        (Value::Array(l), Value::Array(c)) => {
            let lt = schema.list_type(path);
            if lt == ListType::Atomic {
                return Ok(cfg.clone());
            }
            merge_list(schema, &lt, l, c, path).map(Value::Array)
        }
        _ => Ok(cfg.clone()),
    }
}

/// structured-merge-diff's `visitListItems` for merging: keeps the live order and places
/// applied items where the applied list puts them relative to shared items.
fn merge_list(
    schema: &Schema,
    lt: &ListType,
    lhs: &[Value],
    rhs: &[Value],
    path: &mut Path,
) -> Result<Vec<Value>, String> {
    let lpes = index_list(schema, lt, lhs, path)?;
    let rpes = index_list(schema, lt, rhs, path)?;
    for (i, pe) in rpes.iter().enumerate() {
        if rpes[..i].contains(pe) {
            return Err(format!(
                "{}: duplicate entries for key {}",
                path_string(path),
                pe.display()
            ));
        }
    }
    let get_l = |pe: &PathElement| lpes.iter().position(|p| p == pe).map(|i| &lhs[i]);
    let get_r = |pe: &PathElement| rpes.iter().position(|p| p == pe).map(|i| &rhs[i]);
    let mut shared: std::collections::VecDeque<&PathElement> =
        rpes.iter().filter(|pe| lpes.contains(pe)).collect();
    let mut next_shared = shared.pop_front();
    let mut merged_rhs: Vec<PathElement> = Vec::new();
    let mut out = Vec::new();
    let (mut li, mut ri) = (0, 0);
    let merge_item = |pe: &PathElement,
                      l: Option<&Value>,
                      r: Option<&Value>,
                      path: &mut Path|
     -> Result<Value, String> {
        path.push(pe.clone());
        let v = match (l, r) {
            (Some(l), Some(r)) => merge(schema, l, r, path)?,
            (Some(l), None) => l.clone(),
            (None, Some(r)) => r.clone(),
            (None, None) => Value::Null,
        };
        path.pop();
        Ok(v)
    };
    while li < lpes.len() || ri < rpes.len() {
        if li < lpes.len() && ri < rpes.len() {
            let pe = &lpes[li];
            if *pe == rpes[ri] {
                merged_rhs.push(pe.clone());
                out.push(merge_item(pe, get_l(pe), get_r(pe), path)?);
                li += 1;
                ri += 1;
                next_shared = shared.pop_front();
                continue;
            }
            if get_r(pe).is_some() && next_shared.is_some_and(|n| n != pe) {
                li += 1;
                continue;
            }
        }
        if li < lpes.len() {
            let pe = &lpes[li];
            if get_r(pe).is_none() {
                out.push(merge_item(pe, Some(&lhs[li]), None, path)?);
                li += 1;
                continue;
            } else if merged_rhs.contains(pe) {
                li += 1;
                continue;
            }
        }
        if ri < rpes.len() {
            let pe = &rpes[ri];
            merged_rhs.push(pe.clone());
            out.push(merge_item(pe, get_l(pe), get_r(pe), path)?);
            ri += 1;
            if next_shared.is_some_and(|n| n == pe) {
                next_shared = shared.pop_front();
            }
        }
    }
    Ok(out)
}
