//! Field sets like sigs.k8s.io/structured-merge-diff: paths of path elements, the FieldsV1
//! encoding, the schema facts that matter (list types, map keys), `ToFieldSet` and `Compare`.

use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathElement {
    Field(String),
    /// Associative list item: key fields sorted by name.
    Key(Vec<(String, Value)>),
    /// Set item.
    Value(Value),
    Index(usize),
}

fn type_rank(v: &Value) -> u8 {
    match v {
        Value::Number(n) if n.is_f64() => 0,
        Value::Number(_) => 1,
        Value::String(_) => 2,
        Value::Bool(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
        Value::Null => 6,
    }
}

/// `value.Compare` of structured-merge-diff (close enough for keys and set items).
pub fn compare_values(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if let (Some(x), Some(y)) = (x.as_i64(), y.as_i64()) {
                x.cmp(&y)
            } else {
                x.as_f64()
                    .unwrap_or(0.0)
                    .partial_cmp(&y.as_f64().unwrap_or(0.0))
                    .unwrap_or(Ordering::Equal)
            }
        }
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => {
            for (p, q) in x.iter().zip(y) {
                let c = compare_values(p, q);
                if c != Ordering::Equal {
                    return c;
                }
            }
            x.len().cmp(&y.len())
        }
        (Value::Object(x), Value::Object(y)) => {
            let mut xk: Vec<&String> = x.keys().collect();
            let mut yk: Vec<&String> = y.keys().collect();
            xk.sort();
            yk.sort();
            for (p, q) in xk.iter().zip(&yk) {
                let c = p.cmp(q).then_with(|| compare_values(&x[*p], &y[*q]));
                if c != Ordering::Equal {
                    return c;
                }
            }
            xk.len().cmp(&yk.len())
        }
        _ => type_rank(a).cmp(&type_rank(b)),
    }
}

impl Ord for PathElement {
    fn cmp(&self, other: &Self) -> Ordering {
        use PathElement::*;
        match (self, other) {
            (Field(a), Field(b)) => a.cmp(b),
            (Field(_), _) => Ordering::Less,
            (_, Field(_)) => Ordering::Greater,
            (Key(a), Key(b)) => {
                for ((an, av), (bn, bv)) in a.iter().zip(b) {
                    let c = an.cmp(bn).then_with(|| compare_values(av, bv));
                    if c != Ordering::Equal {
                        return c;
                    }
                }
                a.len().cmp(&b.len())
            }
            (Key(_), _) => Ordering::Less,
            (_, Key(_)) => Ordering::Greater,
            (Value(a), Value(b)) => compare_values(a, b),
            (Value(_), _) => Ordering::Less,
            (_, Value(_)) => Ordering::Greater,
            (Index(a), Index(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for PathElement {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

pub type Path = Vec<PathElement>;

fn key_json(k: &[(String, Value)]) -> String {
    let mut m = Map::new();
    for (n, v) in k {
        m.insert(n.clone(), v.clone());
    }
    serde_json::to_string(&Value::Object(m)).unwrap()
}

impl PathElement {
    /// The FieldsV1 key: `f:name`, `k:{...}`, `v:...`, `i:N`.
    pub fn encode(&self) -> String {
        match self {
            PathElement::Field(n) => format!("f:{n}"),
            PathElement::Key(k) => format!("k:{}", key_json(k)),
            PathElement::Value(v) => format!("v:{}", serde_json::to_string(v).unwrap()),
            PathElement::Index(i) => format!("i:{i}"),
        }
    }

    pub fn decode(s: &str) -> Option<PathElement> {
        let (t, rest) = s.split_once(':')?;
        Some(match t {
            "f" => PathElement::Field(rest.to_string()),
            "k" => {
                let v: Value = serde_json::from_str(rest).ok()?;
                let mut k: Vec<(String, Value)> = v
                    .as_object()?
                    .iter()
                    .map(|(a, b)| (a.clone(), b.clone()))
                    .collect();
                k.sort_by(|a, b| a.0.cmp(&b.0));
                PathElement::Key(k)
            }
            "v" => PathElement::Value(serde_json::from_str(rest).ok()?),
            "i" => PathElement::Index(rest.parse().ok()?),
            _ => return None,
        })
    }

    /// `fieldpath.PathElement.String()`, used in conflict messages.
    pub fn display(&self) -> String {
        match self {
            PathElement::Field(n) => format!(".{n}"),
            PathElement::Key(k) => format!(
                "[{}]",
                k.iter()
                    .map(|(n, v)| format!("{n}={}", serde_json::to_string(v).unwrap()))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            PathElement::Value(v) => format!("[={}]", serde_json::to_string(v).unwrap()),
            PathElement::Index(i) => format!("[{i}]"),
        }
    }
}

pub fn path_string(p: &[PathElement]) -> String {
    p.iter().map(PathElement::display).collect()
}

/// A set of paths (every path is a member; children are implied by longer paths).
pub type FieldSet = BTreeSet<Path>;

/// Encodes a set as FieldsV1 JSON.
pub fn encode_fields(set: &FieldSet) -> Value {
    fn insert(node: &mut Map<String, Value>, path: &[PathElement]) {
        let key = path[0].encode();
        let child = node
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
            .unwrap();
        if path.len() > 1 {
            insert(child, &path[1..]);
        } else {
            child.insert(".".into(), Value::Bool(true));
        }
    }
    // Build the tree with a marker for members, then fix up: "." only when a member also
    // has children; leaves are `{}`.
    let mut root = Map::new();
    for p in set {
        if !p.is_empty() {
            insert(&mut root, p);
        }
    }
    fn finish(node: &mut Map<String, Value>) -> Map<String, Value> {
        let member = node.shift_remove(".").is_some();
        let mut out = Map::new();
        if member && !node.is_empty() {
            out.insert(".".into(), Value::Object(Map::new()));
        }
        // Children in path-element order.
        let mut entries: Vec<(PathElement, String, Value)> = node
            .iter_mut()
            .map(|(k, v)| {
                (
                    PathElement::decode(k).unwrap(),
                    k.clone(),
                    Value::Object(finish(v.as_object_mut().unwrap())),
                )
            })
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, k, v) in entries {
            out.insert(k, v);
        }
        out
    }
    Value::Object(finish(&mut root))
}

/// Decodes FieldsV1 JSON into a set.
pub fn decode_fields(v: &Value) -> Option<FieldSet> {
    fn walk(node: &Map<String, Value>, prefix: &mut Path, out: &mut FieldSet) -> Option<()> {
        for (k, child) in node {
            if k == "." {
                out.insert(prefix.clone());
                continue;
            }
            let pe = PathElement::decode(k)?;
            prefix.push(pe);
            let c = child.as_object()?;
            if c.is_empty() {
                out.insert(prefix.clone());
            } else {
                walk(c, prefix, out)?;
            }
            prefix.pop();
        }
        Some(())
    }
    let mut out = FieldSet::new();
    walk(v.as_object()?, &mut Vec::new(), &mut out)?;
    Some(out)
}

/// Adds every prefix of a member that ends in a named field (`EnsureNamedFieldsAreMembers`).
pub fn with_named_parents(set: &FieldSet) -> FieldSet {
    let mut out = set.clone();
    for p in set {
        for i in 1..p.len() {
            if matches!(p[i - 1], PathElement::Field(_)) {
                out.insert(p[..i].to_vec());
            }
        }
    }
    out
}

/// Paths of `a` that are neither in `b` nor below a member of `b`.
pub fn recursive_difference(a: &FieldSet, b: &FieldSet) -> FieldSet {
    a.iter()
        .filter(|p| !(0..=p.len()).any(|i| b.contains(&p[..i].to_vec())))
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------
// Schema facts.

#[derive(Debug, Clone, PartialEq)]
pub enum ListType {
    Atomic,
    Set,
    Map(Vec<(String, Option<Value>)>),
}

/// What the server knows about a kind's structure: built-in list semantics, or a CRD's
/// structural schema.
#[derive(Clone)]
pub struct Schema {
    pub kind: String,
    pub group: String,
    /// `openAPIV3Schema` of the served version, for custom resources.
    pub crd: Option<Value>,
}

fn names(path: &[PathElement]) -> Vec<Option<&str>> {
    path.iter()
        .map(|p| match p {
            PathElement::Field(n) => Some(n.as_str()),
            _ => None,
        })
        .collect()
}

fn key(names: &[&str]) -> ListType {
    ListType::Map(names.iter().map(|n| (n.to_string(), None)).collect())
}

impl Schema {
    /// The CRD schema node for a path (properties / items / additionalProperties).
    fn crd_node(&self, path: &[PathElement]) -> Option<&Value> {
        let mut node = self.crd.as_ref()?;
        for pe in path {
            node = match pe {
                PathElement::Field(n) => node
                    .get("properties")
                    .and_then(|p| p.get(n))
                    .or_else(|| node.get("additionalProperties").filter(|a| a.is_object()))?,
                _ => node.get("items")?,
            };
        }
        Some(node)
    }

    fn is_metadata(path: &[PathElement]) -> bool {
        matches!(path.first(), Some(PathElement::Field(f)) if f == "metadata")
    }

    pub fn list_type(&self, path: &[PathElement]) -> ListType {
        let n = names(path);
        let len = n.len();
        let Some(Some(last)) = n.last().copied() else {
            return ListType::Atomic;
        };
        if Self::is_metadata(path) && len == 2 {
            return match last {
                "finalizers" => ListType::Set,
                "ownerReferences" => key(&["uid"]),
                _ => ListType::Atomic,
            };
        }
        if self.crd.is_some() && !Self::is_metadata(path) {
            let Some(node) = self.crd_node(path) else {
                return ListType::Atomic;
            };
            return match node.get("x-kubernetes-list-type").and_then(Value::as_str) {
                Some("set") => ListType::Set,
                Some("map") => {
                    let keys = node
                        .get("x-kubernetes-list-map-keys")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default();
                    let item = node.get("items");
                    ListType::Map(
                        keys.iter()
                            .filter_map(Value::as_str)
                            .map(|k| {
                                let def = item
                                    .and_then(|i| i.get("properties"))
                                    .and_then(|p| p.get(k))
                                    .and_then(|p| p.get("default"))
                                    .cloned();
                                (k.to_string(), def)
                            })
                            .collect(),
                    )
                }
                _ => ListType::Atomic,
            };
        }
        // The field holding the list item this list is in (e.g. "containers" for env).
        let parent_list = if len >= 3 && n[len - 2].is_none() {
            n[len - 3]
        } else {
            None
        };
        let in_container = matches!(
            parent_list,
            Some("containers" | "initContainers" | "ephemeralContainers")
        );
        let top = |p: &[&str]| len == p.len() && n.iter().zip(p).all(|(a, b)| *a == Some(*b));
        match last {
            "containers" | "initContainers" | "ephemeralContainers" => key(&["name"]),
            "env" if in_container => key(&["name"]),
            "ports" if in_container => ListType::Map(vec![
                ("containerPort".into(), None),
                ("protocol".into(), Some(Value::String("TCP".into()))),
            ]),
            "ports" if self.kind == "Service" && top(&["spec", "ports"]) => ListType::Map(vec![
                ("port".into(), None),
                ("protocol".into(), Some(Value::String("TCP".into()))),
            ]),
            "volumeMounts" if in_container => key(&["mountPath"]),
            "volumeDevices" if in_container => key(&["devicePath"]),
            "resizePolicy" if in_container => key(&["resourceName"]),
            "volumes" if self.kind != "PersistentVolume" => key(&["name"]),
            "imagePullSecrets" if self.kind != "ServiceAccount" => key(&["name"]),
            "secrets" if self.kind == "ServiceAccount" => key(&["name"]),
            "hostAliases" => key(&["ip"]),
            "topologySpreadConstraints" => key(&["topologyKey", "whenUnsatisfiable"]),
            "resourceClaims" => key(&["name"]),
            "claims" if n.get(len.wrapping_sub(2)).copied().flatten() == Some("resources") => {
                key(&["name"])
            }
            "schedulingGates" => key(&["name"]),
            "conditions" => key(&["type"]),
            "webhooks"
                if self.kind == "MutatingWebhookConfiguration"
                    || self.kind == "ValidatingWebhookConfiguration" =>
            {
                key(&["name"])
            }
            _ => ListType::Atomic,
        }
    }

    /// Whether the map at `path` is atomic (`x-kubernetes-map-type: atomic`, or a struct
    /// marked `+structType=atomic` such as LabelSelector and the key/object references).
    pub fn map_atomic(&self, path: &[PathElement]) -> bool {
        let n = names(path);
        let len = n.len();
        if Self::is_metadata(path) {
            // Owner references are atomic structs in a list keyed by uid.
            return len == 3 && n[1] == Some("ownerReferences") && n[2].is_none();
        }
        if self.crd.is_some() {
            return self
                .crd_node(path)
                .and_then(|node| node.get("x-kubernetes-map-type"))
                .and_then(Value::as_str)
                == Some("atomic");
        }
        let last = n.last().copied().flatten();
        let parent = if len >= 2 { n[len - 2] } else { None };
        match last {
            Some(
                "selector" | "podSelector" | "namespaceSelector" | "objectSelector"
                | "labelSelector" | "nodeSelector" | "secretKeyRef" | "configMapKeyRef"
                | "fieldRef" | "resourceFieldRef" | "roleRef" | "dataSource",
            ) => true,
            Some("requiredDuringSchedulingIgnoredDuringExecution") => {
                parent == Some("nodeAffinity")
            }
            None => {
                // Items of lists of references.
                let list = if len >= 2 { n[len - 2] } else { None };
                matches!(list, Some("imagePullSecrets"))
                    || (self.kind == "ServiceAccount" && list == Some("secrets"))
            }
            _ => false,
        }
    }

    /// Whether `key` of the map at `path` is a declared (struct) field rather than a map
    /// entry. Built-in types: always, except entries of known string maps (which are leaves
    /// anyway). Custom resources: when the schema declares it.
    pub fn is_named_field(&self, path: &[PathElement], key: &str) -> bool {
        if self.crd.is_none() || Self::is_metadata(path) || path.is_empty() {
            return true;
        }
        match self.crd_node(path) {
            Some(node) => node.get("properties").and_then(|p| p.get(key)).is_some(),
            None => false,
        }
    }

    /// Whether a custom resource's structural schema allows `key` in the map at `path`
    /// (built-in types: not checked).
    pub fn declares(&self, path: &[PathElement], key: &str) -> bool {
        if self.crd.is_none() || Self::is_metadata(path) {
            return true;
        }
        if path.is_empty() && matches!(key, "apiVersion" | "kind" | "metadata") {
            return true;
        }
        let Some(node) = self.crd_node(path) else {
            // Below a preserve-unknown-fields node (or an untyped one).
            return true;
        };
        if node.get("x-kubernetes-preserve-unknown-fields") == Some(&Value::Bool(true))
            || node
                .get("additionalProperties")
                .is_some_and(|a| a.is_object() || a == &Value::Bool(true))
        {
            return true;
        }
        match node.get("properties").and_then(Value::as_object) {
            Some(p) => p.contains_key(key),
            None => node.get("type").and_then(Value::as_str) != Some("object"),
        }
    }

    /// The path element of a list item, or an error message like structured-merge-diff's.
    pub fn item_element(
        &self,
        lt: &ListType,
        item: &Value,
        index: usize,
    ) -> Result<Option<PathElement>, String> {
        match lt {
            ListType::Atomic => Ok(None),
            ListType::Set => Ok(Some(PathElement::Value(item.clone()))),
            ListType::Map(keys) => {
                let Some(m) = item.as_object() else {
                    return Err(format!(
                        "element {index}: associative list with keys may only contain maps"
                    ));
                };
                let mut k = Vec::new();
                for (name, def) in keys {
                    match m.get(name).filter(|v| !v.is_null()) {
                        Some(v) => k.push((name.clone(), v.clone())),
                        None => match def {
                            Some(d) => k.push((name.clone(), d.clone())),
                            None => {
                                return Err(format!(
                                    "element {index}: associative list with keys has an element that omits key field {} (and doesn't have default value)",
                                    super::util::go_quote(name)
                                ))
                            }
                        },
                    }
                }
                k.sort_by(|a, b| a.0.cmp(&b.0));
                Ok(Some(PathElement::Key(k)))
            }
        }
    }
}

/// Indexes a list's items by path element (first occurrence wins; duplicates reported).
pub fn index_list(
    schema: &Schema,
    lt: &ListType,
    list: &[Value],
    path: &[PathElement],
) -> Result<Vec<PathElement>, String> {
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        match schema.item_element(lt, item, i) {
            Ok(Some(pe)) => out.push(pe),
            Ok(None) => out.push(PathElement::Index(i)),
            Err(e) => return Err(format!("{}: {e}", path_string(path))),
        }
    }
    Ok(out)
}

/// `TypedValue.ToFieldSet()` of an applied configuration.
pub fn to_field_set(schema: &Schema, v: &Value) -> Result<FieldSet, String> {
    let mut out = FieldSet::new();
    let mut path = Vec::new();
    walk_set(schema, v, &mut path, &mut out)?;
    Ok(out)
}

fn walk_set(schema: &Schema, v: &Value, path: &mut Path, out: &mut FieldSet) -> Result<(), String> {
    match v {
        Value::Object(_) if schema.map_atomic(path) => {
            out.insert(path.clone());
        }
        Value::Object(m) => {
            for (k, child) in m {
                if !schema.declares(path, k) {
                    let mut p = path.clone();
                    p.push(PathElement::Field(k.clone()));
                    return Err(format!("{}: field not declared in schema", path_string(&p)));
                }
                path.push(PathElement::Field(k.clone()));
                walk_set(schema, child, path, out)?;
                let empty_map = child.as_object().is_some_and(Map::is_empty);
                if child.is_null()
                    || empty_map
                    || (child.is_object() && !schema.is_named_field(&path[..path.len() - 1], k))
                {
                    out.insert(path.clone());
                }
                path.pop();
            }
        }
        Value::Array(a) => {
            let lt = schema.list_type(path);
            if lt == ListType::Atomic {
                out.insert(path.clone());
                return Ok(());
            }
            let pes = index_list(schema, &lt, a, path)?;
            let mut seen = BTreeSet::new();
            for (item, pe) in a.iter().zip(pes) {
                if !seen.insert(pe.clone()) {
                    return Err(format!(
                        "{}: duplicate entries for key {}",
                        path_string(path),
                        pe.display()
                    ));
                }
                path.push(pe);
                if matches!(lt, ListType::Map(_)) {
                    walk_set(schema, item, path, out)?;
                }
                out.insert(path.clone());
                path.pop();
            }
        }
        _ => {
            out.insert(path.clone());
        }
    }
    Ok(())
}

/// Fields of a custom resource its schema does not declare, as strict decoding names them
/// (`spec.bogus`).
pub fn undeclared_fields(schema: &Schema, v: &Value) -> Vec<String> {
    fn walk(schema: &Schema, v: &Value, path: &mut Path, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    if !schema.declares(path, k) {
                        let mut p: Vec<String> = path
                            .iter()
                            .filter_map(|e| match e {
                                PathElement::Field(f) => Some(f.clone()),
                                _ => None,
                            })
                            .collect();
                        p.push(k.clone());
                        out.push(p.join("."));
                        continue;
                    }
                    if path.is_empty() && k == "metadata" {
                        continue;
                    }
                    path.push(PathElement::Field(k.clone()));
                    walk(schema, child, path, out);
                    path.pop();
                }
            }
            Value::Array(a) => {
                for (i, item) in a.iter().enumerate() {
                    path.push(PathElement::Index(i));
                    walk(schema, item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if schema.crd.is_some() {
        walk(schema, v, &mut Vec::new(), &mut out);
    }
    out
}

/// What changed between two objects (`TypedValue.Compare`).
#[derive(Debug, Default)]
pub struct Comparison {
    pub added: FieldSet,
    pub removed: FieldSet,
    pub modified: FieldSet,
}

pub fn compare(schema: &Schema, old: &Value, new: &Value) -> Comparison {
    let mut c = Comparison::default();
    let mut path = Vec::new();
    walk_compare(schema, Some(old), Some(new), &mut path, &mut c);
    c
}

fn is_atomic_value(schema: &Schema, v: &Value, path: &[PathElement]) -> bool {
    match v {
        Value::Object(_) => schema.map_atomic(path),
        Value::Array(_) => schema.list_type(path) == ListType::Atomic,
        _ => true,
    }
}

fn walk_compare(
    schema: &Schema,
    l: Option<&Value>,
    r: Option<&Value>,
    path: &mut Path,
    c: &mut Comparison,
) {
    // A null that is present (a nil slice or map of a zero Go struct) is empty, but the
    // node exists: it is not Added when it gets content.
    let (l_present, r_present) = (l.is_some(), r.is_some());
    let l = l.filter(|v| !v.is_null());
    let r = r.filter(|v| !v.is_null());
    let leaf = match (l, r) {
        (None, None) => return,
        (Some(a), Some(b)) => {
            std::mem::discriminant(a) != std::mem::discriminant(b)
                || is_atomic_value(schema, a, path)
        }
        (Some(a), None) | (None, Some(a)) => is_atomic_value(schema, a, path),
    };
    if leaf {
        match (l, r) {
            (None, Some(_)) => {
                c.added.insert(path.clone());
            }
            (Some(_), None) => {
                c.removed.insert(path.clone());
            }
            (Some(a), Some(b)) if a != b => {
                c.modified.insert(path.clone());
            }
            _ => {}
        }
        return;
    }
    match (l.or(r)).unwrap() {
        Value::Object(_) => {
            let empty = Map::new();
            let lm = l.and_then(Value::as_object).unwrap_or(&empty);
            let rm = r.and_then(Value::as_object).unwrap_or(&empty);
            if !(lm.is_empty() && rm.is_empty()) {
                let mut keys: Vec<&String> = lm.keys().collect();
                for k in rm.keys() {
                    if !lm.contains_key(k) {
                        keys.push(k);
                    }
                }
                for k in keys {
                    path.push(PathElement::Field(k.clone()));
                    walk_compare(schema, lm.get(k), rm.get(k), path, c);
                    path.pop();
                }
            }
        }
        Value::Array(_) => {
            let lt = schema.list_type(path);
            let empty = Vec::new();
            let la = l.and_then(Value::as_array).unwrap_or(&empty);
            let ra = r.and_then(Value::as_array).unwrap_or(&empty);
            if !(la.is_empty() && ra.is_empty()) {
                let lpe = index_list(schema, &lt, la, path).unwrap_or_default();
                let rpe = index_list(schema, &lt, ra, path).unwrap_or_default();
                let mut all: Vec<PathElement> = Vec::new();
                for pe in lpe.iter().chain(rpe.iter()) {
                    if !all.contains(pe) {
                        all.push(pe.clone());
                    }
                }
                for pe in all {
                    let li = lpe.iter().position(|p| *p == pe).map(|i| &la[i]);
                    let ri = rpe.iter().position(|p| *p == pe).map(|i| &ra[i]);
                    path.push(pe);
                    if matches!(lt, ListType::Set) {
                        match (li, ri) {
                            (None, Some(_)) => {
                                c.added.insert(path.clone());
                            }
                            (Some(_), None) => {
                                c.removed.insert(path.clone());
                            }
                            _ => {}
                        }
                    } else {
                        walk_compare(schema, li, ri, path, c);
                    }
                    path.pop();
                }
            }
        }
        _ => {}
    }
    if !l_present {
        c.added.insert(path.clone());
    } else if !r_present {
        c.removed.insert(path.clone());
    }
}

/// Removes the node at `path` from `v` (a map field, a map entry or a list item).
pub fn remove_path(schema: &Schema, v: &mut Value, path: &[PathElement]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    let Some(container) = get_path_mut(schema, v, parent) else {
        return;
    };
    match (last, container) {
        (PathElement::Field(n), Value::Object(m)) => {
            m.shift_remove(n);
        }
        (pe, Value::Array(a)) => {
            let lt = schema.list_type(parent);
            if let Ok(pes) = index_list(schema, &lt, a, parent) {
                if let Some(i) = pes.iter().position(|p| p == pe) {
                    a.remove(i);
                }
            }
        }
        _ => {}
    }
}

pub fn get_path_mut<'a>(
    schema: &Schema,
    v: &'a mut Value,
    path: &[PathElement],
) -> Option<&'a mut Value> {
    let mut cur = v;
    for (i, pe) in path.iter().enumerate() {
        cur = match pe {
            PathElement::Field(n) => cur.as_object_mut()?.get_mut(n)?,
            _ => {
                let lt = schema.list_type(&path[..i]);
                let arr = cur.as_array_mut()?;
                let pes = index_list(schema, &lt, arr, &path[..i]).ok()?;
                let idx = pes.iter().position(|p| p == pe)?;
                &mut arr[idx]
            }
        };
    }
    Some(cur)
}
