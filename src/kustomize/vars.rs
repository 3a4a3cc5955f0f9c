//! Legacy `vars`: `$(NAME)` in the fields of the `varReference` table is replaced by a
//! field of the object a var names (kustomize's `ResAccumulator.MergeVars`/`ResolveVars` and
//! the refvar filter).
//!
//! A kustomization's vars are bound at the end of its accumulation to the one resource
//! whose current or earlier id matches `objref`; the values are read at the end of the
//! whole build (after name prefixes, hashes and name references), so `$(SVC)` gets the final
//! name.

use super::fieldpath::split_var_path;
use super::fieldspec::walk_paths;
use super::kustomization::{FieldSpec, Var};
use super::resource::{effective_namespace, node_text, FieldPath, Resource, Step};
use crate::object::ObjectId;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// The field a var reads when `fieldref` is empty.
const DEFAULT_FIELD_PATH: &str = "metadata.name";

/// The vars of an accumulation by name (kustomize's `VarSet`): a name may be declared once
/// in a build.
#[derive(Debug, Default, Clone)]
pub struct VarSet(BTreeMap<String, Var>);

impl VarSet {
    /// Adds vars, refusing a name already declared.
    pub fn merge(&mut self, incoming: impl IntoIterator<Item = Var>) -> Result<(), String> {
        for v in incoming {
            if self.0.contains_key(&v.name) {
                return Err(format!("var '{}' already encountered", v.name));
            }
            self.0.insert(v.name.clone(), defaulted(v));
        }
        Ok(())
    }

    pub fn into_vars(self) -> impl Iterator<Item = Var> {
        self.0.into_values()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// kustomize's `Var.Defaulting`: the default field path, and `objref.apiVersion` split into
/// group and version.
fn defaulted(mut v: Var) -> Var {
    if v.fieldref.field_path.is_empty() {
        v.fieldref.field_path = DEFAULT_FIELD_PATH.to_string();
    }
    let target = &mut v.objref;
    if !target.api_version.is_empty() {
        let parts: Vec<&str> = target.api_version.split('/').collect();
        match parts.as_slice() {
            [group, version] => {
                target.group = group.to_string();
                target.version = version.to_string();
            }
            [version] => target.version = version.to_string(),
            _ => {}
        }
    }
    v
}

fn describe(v: &Var) -> String {
    let t = &v.objref;
    let gvk = [t.group.as_str(), t.version.as_str(), t.kind.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/");
    let ns = if t.namespace.is_empty() {
        String::new()
    } else {
        format!("{}/", t.namespace)
    };
    let path = if v.fieldref.field_path.is_empty() {
        DEFAULT_FIELD_PATH
    } else {
        &v.fieldref.field_path
    };
    format!("var '{}' ({gvk} {ns}{}, {path})", v.name, t.name)
}

/// Binds a kustomization's vars to the resources they name and adds them to `set`
/// (kustomize's `MergeVars`, at the end of a kustomization's accumulation).
pub fn declare(
    resources: &mut [Resource],
    set: &mut VarSet,
    incoming: &[Var],
) -> Result<(), String> {
    for v in incoming {
        let target = defaulted(v.clone()).objref;
        let wanted = ObjectId {
            group: target.group,
            version: target.version,
            kind: target.kind,
            namespace: target.namespace,
            name: target.name,
        };
        // An empty namespace matches any namespace, unless the kind is cluster-scoped.
        let exact = !wanted.namespace.is_empty() || super::resource::is_cluster(&wanted);
        let matches = |id: &ObjectId| {
            id.group == wanted.group
                && id.version == wanted.version
                && id.kind == wanted.kind
                && id.name == wanted.name
                && (!exact || effective_namespace(id) == effective_namespace(&wanted))
        };
        let matched: Vec<usize> = resources
            .iter()
            .enumerate()
            .filter(|(_, r)| r.any_id(matches))
            .map(|(i, _)| i)
            .collect();
        match matched.as_slice() {
            [i] => resources[*i].ref_vars.push(v.name.clone()),
            [] => {}
            more => {
                return Err(format!(
                    "found {} resources matching {} (unable to disambiguate)",
                    more.len(),
                    describe(v)
                ))
            }
        }
    }
    set.merge(incoming.iter().cloned())
}

/// A var's value: what kustomize's `GetFieldValue` returns for a scalar.
#[derive(Debug, Clone, PartialEq)]
enum VarValue {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A mapping or sequence: kustomize logs it and leaves `$(NAME)` alone.
    Composite(String),
}

/// Replaces `$(NAME)` in the `specs` fields of every resource (kustomize's `ResolveVars`).
/// Returns the messages kustomize logs (vars never used, vars with composite values).
pub fn resolve(
    resources: &mut [Resource],
    set: &VarSet,
    specs: &[FieldSpec],
) -> Result<Vec<String>, String> {
    if set.is_empty() {
        return Ok(Vec::new());
    }
    let mut values = HashMap::new();
    for v in set.0.values() {
        let owner = resources
            .iter()
            .find(|r| r.ref_vars.contains(&v.name))
            .ok_or_else(|| {
                let hint = if v.objref.version.is_empty() {
                    " (objref has no apiVersion; the group and version must match exactly)"
                } else {
                    ""
                };
                format!(
                    "{} cannot be mapped to a field in the set of known resources{hint}",
                    describe(v)
                )
            })?;
        let value =
            field_value(owner.object().as_value(), &v.fieldref.field_path).ok_or_else(|| {
                format!(
                    "field specified in {} not found in its resource",
                    describe(v)
                )
            })?;
        values.insert(v.name.clone(), value);
    }
    let mut logs = Vec::new();
    let mut composite: Vec<&String> = values
        .iter()
        .filter(|(_, v)| matches!(v, VarValue::Composite(_)))
        .map(|(k, _)| k)
        .collect();
    composite.sort();
    for name in composite {
        if let Some(VarValue::Composite(text)) = values.get(name) {
            logs.push(format!(
                "var '{name}' has a mapping or sequence value ({text}); $({name}) is left as is"
            ));
        }
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    for r in resources.iter_mut() {
        let id = r.object().id().clone();
        let snapshot = r.alias_snapshot();
        let untagged = r.untagged.clone();
        let mut tagged = Vec::new();
        r.edit(|v| {
            for spec in specs.iter().filter(|s| s.selects(&id)) {
                let mut trail = Vec::new();
                walk_paths(v, spec, None, Some(&mut trail), &mut |node, path| {
                    let mut scope = Scope {
                        values: &values,
                        used: &mut used,
                        untagged: &untagged,
                        tagged: &mut tagged,
                    };
                    scope.substitute_node(node, path)
                })?;
            }
            Ok(())
        })?;
        r.untagged.retain(|p| !tagged.contains(p));
        r.propagate_aliases(snapshot);
    }
    let unused: Vec<&str> = set
        .0
        .keys()
        .filter(|k| !used.contains_key(*k))
        .map(String::as_str)
        .collect();
    if !unused.is_empty() {
        logs.push(format!(
            "well-defined vars that were never replaced: {}",
            unused.join(",")
        ));
    }
    Ok(logs)
}

/// What substituting vars in one resource needs: the values, the count of uses, and the
/// resource's untagged scalars (kustomize's refvar reads a scalar without a tag as a string,
/// and every scalar it writes gets one).
struct Scope<'a> {
    values: &'a HashMap<String, VarValue>,
    used: &'a mut HashMap<String, usize>,
    untagged: &'a [FieldPath],
    tagged: &'a mut Vec<FieldPath>,
}

impl Scope<'_> {
    /// kustomize's refvar `set`: a string scalar, the string values of a mapping, or the
    /// items of a sequence (which must all be strings).
    fn substitute_node(&mut self, node: &mut Value, path: &[Step]) -> Result<(), String> {
        match node {
            Value::Null => Ok(()),
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    let mut at = path.to_vec();
                    at.push(Step::Key(key.clone()));
                    if self.is_string(value, &at) {
                        self.substitute_scalar(value, at);
                    }
                }
                Ok(())
            }
            Value::Array(items) => {
                let at = |i: usize| {
                    let mut at = path.to_vec();
                    at.push(Step::Index(i));
                    at
                };
                if (0..items.len()).any(|i| !self.is_string(&items[i], &at(i))) {
                    return Err("invalid value type: expected a string".into());
                }
                for (i, item) in items.iter_mut().enumerate() {
                    self.substitute_scalar(item, at(i));
                }
                Ok(())
            }
            scalar => {
                if self.is_string(scalar, path) {
                    self.substitute_scalar(scalar, path.to_vec());
                }
                Ok(())
            }
        }
    }

    /// kustomize's `IsYNodeString`: a string, or any scalar without a tag.
    fn is_string(&self, v: &Value, path: &[Step]) -> bool {
        match v {
            Value::String(_) => true,
            Value::Object(_) | Value::Array(_) => false,
            _ => self.untagged.iter().any(|p| p == path),
        }
    }

    /// Expands a string scalar; the result is tagged with its type from then on.
    fn substitute_scalar(&mut self, s: &mut Value, path: FieldPath) {
        let text = node_text(s);
        *s = expand(&text, self.values, self.used);
        if self.untagged.contains(&path) {
            self.tagged.push(path);
        }
    }
}

/// kustomize's `DoReplacements`: `$(NAME)` becomes the var's value (keeping its type when
/// it is the whole string), `$$` becomes `$`, anything else is kept.
fn expand(
    input: &str,
    values: &HashMap<String, VarValue>,
    used: &mut HashMap<String, usize>,
) -> Value {
    let mut out = String::new();
    let mut checkpoint = 0;
    let mut cursor = 0;
    let bytes = input.as_bytes();
    while cursor < bytes.len() {
        if bytes[cursor] == b'$' && cursor + 1 < bytes.len() {
            out.push_str(&input[checkpoint..cursor]);
            let rest = &input[cursor + 1..];
            let advance = match rest.as_bytes()[0] {
                b'$' => {
                    out.push('$');
                    1
                }
                b'(' => match rest.find(')') {
                    Some(close) => {
                        let name = &rest[1..close];
                        let value = values
                            .get(name)
                            .filter(|v| !matches!(v, VarValue::Composite(_)));
                        if let Some(value) = value {
                            *used.entry(name.to_string()).or_default() += 1;
                            if input.len() == close + 2 && cursor == 0 {
                                return typed(value);
                            }
                            out.push_str(&text(value));
                        } else {
                            out.push_str(&input[cursor..cursor + close + 2]);
                        }
                        close + 1
                    }
                    None => {
                        out.push_str("$(");
                        1
                    }
                },
                _ => {
                    let len = rest.chars().next().map_or(1, char::len_utf8);
                    out.push('$');
                    out.push_str(&rest[..len]);
                    len
                }
            };
            cursor += advance;
            checkpoint = cursor + 1;
        }
        cursor += 1;
    }
    out.push_str(&input[checkpoint.min(input.len())..]);
    Value::String(out)
}

/// A var's value where it is the whole field: its own type.
fn typed(value: &VarValue) -> Value {
    match value {
        VarValue::Text(s) | VarValue::Composite(s) => Value::String(s.clone()),
        VarValue::Int(i) => Value::from(*i),
        VarValue::Bool(b) => Value::Bool(*b),
        VarValue::Float(f) => serde_json::Number::from_f64(*f)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(f.to_string())),
    }
}

/// A var's value inside a longer string (Go's `%v`).
fn text(value: &VarValue) -> String {
    match value {
        VarValue::Text(s) | VarValue::Composite(s) => s.clone(),
        VarValue::Int(i) => i.to_string(),
        VarValue::Bool(b) => b.to_string(),
        VarValue::Float(f) => go_float(*f),
    }
}

/// Go's `%v` for a float64: the shortest digits, in exponent form below 1e-4 or from 1e6.
fn go_float(f: f64) -> String {
    if f == 0.0 || !f.is_finite() {
        return f.to_string();
    }
    let exp = f.abs().log10().floor() as i32;
    if !(-4..6).contains(&exp) {
        let s = format!("{f:e}");
        match s.split_once('e') {
            Some((mantissa, e)) => {
                let n: i32 = e.parse().unwrap_or(0);
                format!("{mantissa}e{}{:02}", if n < 0 { '-' } else { '+' }, n.abs())
            }
            None => s,
        }
    } else {
        let s = f.to_string();
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    }
}

/// kustomize's `GetFieldValue`: a dotted path where `name[3]` indexes a list and a
/// `[key=value]` part selects a list element.
fn field_value(object: &Value, path: &str) -> Option<VarValue> {
    let mut node = object;
    for part in split_var_path(path) {
        node = match node {
            Value::Object(map) => map.get(&part)?,
            Value::Array(items) => {
                if let Ok(i) = part.parse::<usize>() {
                    items.get(i)?
                } else {
                    let (key, want) = part
                        .strip_prefix('[')
                        .and_then(|p| p.strip_suffix(']'))
                        .and_then(|p| p.split_once('='))?;
                    items
                        .iter()
                        .find(|item| item.get(key).map(scalar_string).as_deref() == Some(want))?
                }
            }
            _ => return None,
        };
    }
    Some(match node {
        Value::String(s) => VarValue::Text(s.clone()),
        Value::Bool(b) => VarValue::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => VarValue::Int(i),
            None => VarValue::Float(n.as_f64()?),
        },
        Value::Null => VarValue::Text("null".into()),
        composite => VarValue::Composite(composite.to_string()),
    })
}

fn scalar_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> HashMap<String, VarValue> {
        HashMap::from([
            ("SVC".to_string(), VarValue::Text("web".into())),
            ("PORT".to_string(), VarValue::Int(8080)),
            ("ON".to_string(), VarValue::Bool(true)),
        ])
    }

    fn run(input: &str) -> Value {
        expand(input, &vars(), &mut HashMap::new())
    }

    #[test]
    fn expands_like_kustomize() {
        assert_eq!(run("$(SVC)"), Value::String("web".into()));
        assert_eq!(run("$(PORT)"), Value::from(8080));
        assert_eq!(run("$(ON)"), Value::Bool(true));
        assert_eq!(
            run("http://$(SVC):$(PORT)/"),
            Value::String("http://web:8080/".into())
        );
        assert_eq!(run("$$(SVC)"), Value::String("$(SVC)".into()));
        assert_eq!(run("a$$b"), Value::String("a$b".into()));
        assert_eq!(run("$(NOPE)-$(SVC)"), Value::String("$(NOPE)-web".into()));
        assert_eq!(run("$"), Value::String("$".into()));
        assert_eq!(run("x$"), Value::String("x$".into()));
        assert_eq!(run("$(open"), Value::String("$(open".into()));
        assert_eq!(run("$é$(SVC)"), Value::String("$éweb".into()));
        assert_eq!(run("$x"), Value::String("$x".into()));
    }

    #[test]
    fn reads_field_paths() {
        let v = serde_json::json!({"spec": {"ports": [{"name": "a", "port": 80}], "on": false}});
        assert_eq!(
            field_value(&v, "spec.ports[0].port"),
            Some(VarValue::Int(80))
        );
        assert_eq!(
            field_value(&v, "spec.ports.[name=a].port"),
            Some(VarValue::Int(80))
        );
        assert_eq!(field_value(&v, "spec.on"), Some(VarValue::Bool(false)));
        assert_eq!(field_value(&v, "spec.nothere"), None);
        assert!(matches!(
            field_value(&v, "spec"),
            Some(VarValue::Composite(_))
        ));
        assert_eq!(go_float(1.5), "1.5");
        assert_eq!(go_float(1e21), "1e+21");
        assert_eq!(go_float(1234567.0), "1.234567e+06");
        assert_eq!(go_float(123456.5), "123456.5");
        assert_eq!(go_float(100.0), "100");
    }
}
