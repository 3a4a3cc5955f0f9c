//! `configMapGenerator` and `secretGenerator`: building the objects from literals, env files
//! and files, and absorbing them into the build with `behavior` create, merge or replace.

use super::kustomization::{GeneratorArgs, GeneratorOptions, StringMap};
use super::resource::{effective_namespace, Resource};
use crate::object::{Object, ObjectId, Origin};
use crate::yaml::{resolve_plain, Resolved, Schema};
use base64::Engine;
use serde_json::{Map, Value};

/// Reads a file named by a generator (relative to the kustomization, root-restricted).
pub type Loader<'a> = &'a dyn Fn(&str) -> Result<Vec<u8>, String>;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ConfigMap,
    Secret,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::ConfigMap => "ConfigMap",
            Kind::Secret => "Secret",
        }
    }
    fn noun(self) -> &'static str {
        match self {
            Kind::ConfigMap => "configmap",
            Kind::Secret => "secret",
        }
    }
}

/// One literal `KEY=VALUE`; one pair of matching surrounding quotes is removed.
fn literal(source: &str) -> Result<(String, Vec<u8>), String> {
    match source.split_once('=') {
        Some((k, v)) if !k.is_empty() => {
            let b = v.as_bytes();
            let unquoted =
                if b.len() >= 2 && b[0] == b[b.len() - 1] && (b[0] == b'"' || b[0] == b'\'') {
                    &v[1..v.len() - 1]
                } else {
                    v
                };
            Ok((k.to_string(), unquoted.as_bytes().to_vec()))
        }
        _ => Err(format!(
            "invalid literal source {source}, expected key=value"
        )),
    }
}

/// An env file: `KEY=value` lines; comments and blank lines skipped; values verbatim.
fn env_file(content: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut pairs = Vec::new();
    for (n, raw) in content.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let line = std::str::from_utf8(raw)
            .map_err(|_| format!("line {} has invalid utf8 bytes", n + 1))?;
        let line = if n == 0 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line.split_once('=').unwrap_or((line, ""));
        if k.is_empty() {
            continue;
        }
        pairs.push((k.to_string(), v.as_bytes().to_vec()));
    }
    Ok(pairs)
}

/// A `files:` entry: `path` (key = file name) or `key=path`.
fn file_source(source: &str, load: Loader) -> Result<(String, Vec<u8>), String> {
    let (key, path) = match source.split_once('=') {
        None => {
            let base = source.rsplit('/').next().unwrap_or(source);
            (base.to_string(), source)
        }
        Some(("", _)) => {
            return Err(format!(
                "missing key name for file path {:?} in source {source:?}",
                &source[1..]
            ))
        }
        Some((k, "")) => {
            return Err(format!(
                "missing file path for key name {k:?} in source {source:?}"
            ))
        }
        Some((k, p)) if p.contains('=') => {
            let _ = k;
            return Err(format!(
                "source {source:?} key name or file path contains '='"
            ));
        }
        Some((k, p)) => (k.to_string(), p),
    };
    Ok((key, load(path)?))
}

/// kustomize's `MergeGlobalOptionsIntoLocal`: an entry's options over the kustomization's
/// `generatorOptions`.
pub fn merge_options(
    local: Option<&GeneratorOptions>,
    global: Option<&GeneratorOptions>,
) -> GeneratorOptions {
    let merge_maps = |l: Option<&StringMap>, g: Option<&StringMap>| {
        let mut out = g.cloned().unwrap_or_default();
        for (k, v) in l.into_iter().flatten() {
            out.insert(k.clone(), v.clone());
        }
        (!out.is_empty()).then_some(out)
    };
    let flag = |f: fn(&GeneratorOptions) -> Option<bool>| {
        Some(local.and_then(f).unwrap_or(false) || global.and_then(f).unwrap_or(false))
    };
    GeneratorOptions {
        labels: merge_maps(
            local.and_then(|o| o.labels.as_ref()),
            global.and_then(|o| o.labels.as_ref()),
        ),
        annotations: merge_maps(
            local.and_then(|o| o.annotations.as_ref()),
            global.and_then(|o| o.annotations.as_ref()),
        ),
        disable_name_suffix_hash: flag(|o| o.disable_name_suffix_hash),
        immutable: flag(|o| o.immutable),
    }
}

/// Standard base64, split into 70-character lines each ending in a newline when longer
/// than 68 characters (kustomize's layout, which the hash sees).
fn encode_base64(data: &[u8]) -> String {
    let s = base64::engine::general_purpose::STANDARD.encode(data);
    if s.len() <= 68 {
        return s;
    }
    let mut out = String::with_capacity(s.len() + s.len() / 70 + 1);
    for chunk in s.as_bytes().chunks(70) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Behaviour of a generated object towards one already in the build.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Behavior {
    Create,
    Merge,
    Replace,
}

/// A generated object waiting to be absorbed.
pub struct Generated {
    pub resource: Resource,
    pub behavior: Behavior,
}

/// Builds the object one generator entry describes.
pub fn generate(
    kind: Kind,
    args: &GeneratorArgs,
    load: Loader,
    file: &str,
) -> Result<Generated, String> {
    if args.name.is_empty() {
        return Err(format!("a {} must have a name", kind.noun()));
    }
    // kustomize's NewGenerationBehavior: any other value is "unspecified", absorbed as
    // create is.
    let behavior = match args.behavior.as_deref().unwrap_or("") {
        "merge" => Behavior::Merge,
        "replace" => Behavior::Replace,
        _ => Behavior::Create,
    };
    let mut pairs: Vec<(String, Vec<u8>)> = Vec::new();
    for env in args.envs.iter().chain(args.env.iter()) {
        let content = load(env)?;
        pairs.extend(env_file(&content).map_err(|e| format!("env source files: [{env}]: {e}"))?);
    }
    for l in &args.literals {
        pairs.push(literal(l)?);
    }
    for f in &args.files {
        pairs.push(file_source(f, load).map_err(|e| format!("file sources: [{f}]: {e}"))?);
    }
    let mut seen = std::collections::HashSet::new();
    for (k, _) in &pairs {
        if !seen.insert(k.as_str()) {
            return Err(format!(
                "{} {} illegally repeats the key `{k}`",
                kind.noun(),
                args.name
            ));
        }
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    // kustomize writes data keys as plain YAML and reads them back: a key such as `9`, `true`
    // or `.inf` then is not a string, and its JSON conversion fails.
    if let Some((k, _)) = pairs.iter().find(|(k, _)| {
        !matches!(
            resolve_plain(k, Schema::V3),
            Resolved::Str | Resolved::Merge
        )
    }) {
        return Err(format!(
            "{} {}: data key {k:?} is read back as a non-string by kustomize; use another key",
            kind.noun(),
            args.name
        ));
    }
    let options = merge_options(args.options.as_ref(), None);

    let mut meta = Map::new();
    meta.insert("name".into(), Value::String(args.name.clone()));
    if let Some(ns) = args.namespace.as_deref().filter(|n| !n.is_empty()) {
        meta.insert("namespace".into(), Value::String(ns.to_string()));
    }
    let to_map = |m: &StringMap| {
        Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
        )
    };
    if let Some(labels) = &options.labels {
        meta.insert("labels".into(), to_map(labels));
    }
    if let Some(annotations) = &options.annotations {
        meta.insert("annotations".into(), to_map(annotations));
    }
    let mut obj = Map::new();
    obj.insert("apiVersion".into(), Value::String("v1".into()));
    obj.insert("kind".into(), Value::String(kind.name().into()));
    obj.insert("metadata".into(), Value::Object(meta));
    match kind {
        Kind::ConfigMap => {
            let mut data = Map::new();
            let mut binary = Map::new();
            for (k, v) in pairs {
                match String::from_utf8(v) {
                    Ok(s) => data.insert(k, Value::String(s)),
                    Err(e) => binary.insert(k, Value::String(encode_base64(e.as_bytes()))),
                };
            }
            if !data.is_empty() {
                obj.insert("data".into(), Value::Object(data));
            }
            if !binary.is_empty() {
                obj.insert("binaryData".into(), Value::Object(binary));
            }
        }
        Kind::Secret => {
            let data: Map<String, Value> = pairs
                .into_iter()
                .map(|(k, v)| (k, Value::String(encode_base64(&v))))
                .collect();
            obj.insert(
                "type".into(),
                Value::String(
                    args.type_
                        .clone()
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| "Opaque".into()),
                ),
            );
            obj.insert("data".into(), Value::Object(data));
        }
    }
    if options.immutable == Some(true) {
        obj.insert("immutable".into(), Value::Bool(true));
    }
    let origin = Origin {
        file: file.to_string(),
        line: 0,
    };
    let object = Object::new(Value::Object(obj), origin).map_err(|e| e.to_string())?;
    let mut resource = Resource::from_object(object);
    resource.needs_hash = options.disable_name_suffix_hash != Some(true);
    resource.generated = true;
    Ok(Generated { resource, behavior })
}

/// A map field as kustomize reads it when merging generated objects (`map[string]string`): a
/// number or boolean keeps its text, a null (a JSON patch's value-less `replace`) is empty.
fn string_map(v: Option<&Value>) -> Map<String, Value> {
    let mut map = v.and_then(Value::as_object).cloned().unwrap_or_default();
    for value in map.values_mut() {
        match value {
            Value::Null => *value = Value::String(String::new()),
            Value::Number(_) | Value::Bool(_) => {
                *value = Value::String(super::resource::node_text(value))
            }
            _ => {}
        }
    }
    map
}

/// kustomize's `ResId.Equals`: the same group, version, kind and name in the same effective
/// namespace.
fn same_place(a: &ObjectId, b: &ObjectId) -> bool {
    a.group == b.group
        && a.version == b.version
        && a.kind == b.kind
        && a.name == b.name
        && effective_namespace(a) == effective_namespace(b)
}

/// Adds a generated object to the build (kustomize's `appendReplaceOrMerge`).
pub fn absorb(resources: &mut Vec<Resource>, g: Generated) -> Result<(), String> {
    let new_id = g.resource.object().id().clone();
    let matches: Vec<usize> = resources
        .iter()
        .enumerate()
        .filter(|(_, r)| r.any_id(|id| same_place(id, &new_id)))
        .map(|(i, _)| i)
        .collect();
    let i = match (matches.as_slice(), g.behavior) {
        ([], Behavior::Create) => {
            resources.push(g.resource);
            return Ok(());
        }
        ([], _) => {
            return Err(format!(
                "id {new_id} does not exist; cannot merge or replace"
            ))
        }
        ([_], Behavior::Create) => {
            return Err(format!(
                "id {new_id} exists; behavior must be merge or replace"
            ))
        }
        ([i], _) => *i,
        _ => return Err(format!("id {new_id} matches more than one resource")),
    };
    let old = &resources[i];
    let old_value = old.object().as_value();
    let mut merged = g.resource.object().as_value().clone();
    let map = merged
        .as_object_mut()
        .ok_or("generated object is not a mapping")?;
    let mapping = |v: Option<&Value>| v.and_then(Value::as_object).cloned().unwrap_or_default();
    let old_meta = mapping(old_value.get("metadata"));
    let new_meta = mapping(map.get("metadata"));
    let mut meta = new_meta.clone();
    for field in ["labels", "annotations"] {
        let mut combined = string_map(old_meta.get(field));
        combined.extend(string_map(new_meta.get(field)));
        if combined.is_empty() {
            meta.shift_remove(field);
        } else {
            meta.insert(field.into(), Value::Object(combined));
        }
    }
    for field in ["name", "namespace"] {
        match old_meta.get(field) {
            Some(v) => meta.insert(field.into(), v.clone()),
            None => meta.shift_remove(field),
        };
    }
    if g.behavior == Behavior::Merge {
        // kustomize keeps the origin of the resource merged into.
        let origin = old_meta
            .get("annotations")
            .and_then(|a| a.get(super::buildmeta::ORIGIN_ANNOTATION));
        if let (Some(origin), Some(a)) = (
            origin,
            meta.get_mut("annotations").and_then(Value::as_object_mut),
        ) {
            a.insert(super::buildmeta::ORIGIN_ANNOTATION.into(), origin.clone());
        }
    }
    map.insert("metadata".into(), Value::Object(meta));
    if g.behavior == Behavior::Merge {
        for field in ["data", "binaryData"] {
            let mut combined = string_map(old_value.get(field));
            combined.extend(string_map(map.get(field)));
            if !combined.is_empty() {
                map.insert(field.into(), Value::Object(combined));
            }
        }
    }
    let needs_hash = old.needs_hash && g.resource.needs_hash;
    let origin = old.object().origin().clone();
    let object = Object::new(merged, origin).map_err(|e| e.to_string())?;
    // kustomize puts the result back by its current id: when the match was only through an
    // earlier id (a patch changed the kind), nothing has that id any more.
    if !same_place(object.id(), resources[i].object().id()) {
        return Err(format!(
            "cannot find resource with id {} to replace",
            object.id()
        ));
    }
    let target = &mut resources[i];
    target.replace_object(object);
    target.needs_hash = needs_hash;
    // The generated resource takes the old one's place: none of the old nodes remain.
    target.aliases.clear();
    target.undecodable = None;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kv_sources() {
        assert_eq!(literal("A=\"x\"").unwrap(), ("A".into(), b"x".to_vec()));
        assert_eq!(literal("A=\"x'").unwrap(), ("A".into(), b"\"x'".to_vec()));
        assert!(literal("=x").is_err());
        assert!(literal("x").is_err());
        let env = env_file(b"\xef\xbb\xbfA=1\n# c\n\n  B = 2 \nNOEQ\n=skip\nC=\"q\"\r\n").unwrap();
        let keys: Vec<&str> = env.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, vec!["A", "B ", "NOEQ", "C"]);
        assert_eq!(env[1].1, b" 2 ");
        assert_eq!(env[3].1, b"\"q\"");
        assert_eq!(encode_base64(&[b'x'; 120]).lines().count(), 3);
    }
}
