//! `buildMetadata`: the `config.kubernetes.io/origin` and
//! `alpha.config.kubernetes.io/transformations` annotations and the managed-by label.
//!
//! As in kustomize, the annotations are written on the resources while the build runs
//! (whenever the top-level kustomization lists any `buildMetadata` option) and removed at
//! the end unless asked for. Paths are relative to the top-level kustomization directory.

use super::par;
use super::resource::Resource;
use crate::yaml::{resolve_plain, Resolved, Schema};
use serde_json::{Map, Value};

pub const ORIGIN_ANNOTATION: &str = "config.kubernetes.io/origin";
pub const TRANSFORMATIONS_ANNOTATION: &str = "alpha.config.kubernetes.io/transformations";
pub const MANAGED_BY_LABEL: &str = "app.kubernetes.io/managed-by";
/// What `kubectl kustomize` (kustomize v5.5.0 vendored in kubectl) writes as its version.
pub const MANAGED_BY_VALUE: &str = "kustomize-(devel)";

pub const ORIGIN_OPTION: &str = "originAnnotations";
pub const TRANSFORMER_OPTION: &str = "transformerAnnotations";
pub const MANAGED_BY_OPTION: &str = "managedByLabel";

/// Which generator or transformer config made or changed a resource (kustomize's
/// `resource.Origin` without a path).
#[derive(Debug, Clone, Default)]
pub struct ConfiguredBy {
    pub configured_in: String,
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub namespace: String,
}

/// `filepath.Join(dir, path)`: joined and cleaned (`.` and `dir/..` removed).
pub fn join(dir: &str, path: &str) -> String {
    match super::gopath::join(&[dir, path]) {
        joined if joined.is_empty() => ".".into(),
        joined => joined,
    }
}

/// A scalar as kyaml writes it: plain when that reads back as the same string.
fn scalar(s: &str) -> String {
    let plain_ok = !s.is_empty()
        && matches!(resolve_plain(s, Schema::V3), Resolved::Str)
        && !s.starts_with(|c: char| " -?:,[]{}#&*!|>'\"%@`".contains(c))
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains(['\n', '\t']);
    if plain_ok {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

/// The YAML lines of an origin, without indentation.
fn lines(path: Option<&str>, by: Option<&ConfiguredBy>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(p) = path.filter(|p| !p.is_empty()) {
        out.push(format!("path: {}", scalar(p)));
    }
    if let Some(b) = by {
        if !b.configured_in.is_empty() {
            out.push(format!("configuredIn: {}", scalar(&b.configured_in)));
        }
        out.push("configuredBy:".into());
        for (k, v) in [
            ("apiVersion", &b.api_version),
            ("kind", &b.kind),
            ("name", &b.name),
            ("namespace", &b.namespace),
        ] {
            if !v.is_empty() {
                out.push(format!("  {k}: {}", scalar(v)));
            }
        }
    }
    out
}

fn block(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn list_item(lines: &[String]) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("- {l}\n")
            } else {
                format!("  {l}\n")
            }
        })
        .collect()
}

fn annotations_mut(v: &mut Value) -> Option<&mut Map<String, Value>> {
    let meta = v.as_object_mut()?.get_mut("metadata")?.as_object_mut()?;
    let a = meta
        .entry("annotations")
        .or_insert_with(|| Value::Object(Map::new()));
    if !a.is_object() {
        *a = Value::Object(Map::new());
    }
    a.as_object_mut()
}

fn has_origin(r: &Resource) -> bool {
    r.object()
        .as_value()
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(ORIGIN_ANNOTATION))
        .is_some()
}

fn set_annotation(r: &mut Resource, key: &str, value: String, append: bool) {
    // kustomize rewrites the whole annotations map (SetAnnotations).
    r.annotations_rewritten();
    let _ = r.object_mut().edit(|v| {
        if let Some(a) = annotations_mut(v) {
            let text = match (append, a.get(key).and_then(Value::as_str)) {
                (true, Some(old)) => format!("{old}{value}"),
                _ => value,
            };
            a.insert(key.to_string(), Value::String(text));
        }
        Ok(())
    });
}

/// Records that a resource was read from `path`.
pub fn set_path(r: &mut Resource, path: &str) {
    set_annotation(r, ORIGIN_ANNOTATION, block(&lines(Some(path), None)), false);
}

/// Records the generator that made a resource, unless it already has an origin.
pub fn set_generated(r: &mut Resource, by: &ConfiguredBy) {
    if !has_origin(r) {
        set_annotation(r, ORIGIN_ANNOTATION, block(&lines(None, Some(by))), false);
    }
}

/// The origin annotation of a resource.
fn origin_of(r: &Resource) -> Option<Value> {
    r.object()
        .as_value()
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(ORIGIN_ANNOTATION))
        .cloned()
}

/// The `path` a resource was read from (its origin annotation), for plugin configs.
pub fn path_of(r: &Resource) -> Option<String> {
    let text = origin_of(r)?;
    let line = text.as_str()?.lines().find(|l| l.starts_with("path: "))?;
    let raw = &line["path: ".len()..];
    Some(serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.to_string()))
}

/// kustomize's `AddTransformerAnnotation`: after a transformer ran, every resource records
/// it (or takes it as its origin when it has none).
pub fn record_transformer(resources: &mut [Resource], by: &ConfiguredBy) {
    let item = list_item(&lines(None, Some(by)));
    let origin = block(&lines(None, Some(by)));
    let _ = par::map(resources, |r| -> Result<(), String> {
        if has_origin(r) {
            set_annotation(r, TRANSFORMATIONS_ANNOTATION, item.clone(), true);
        } else {
            set_annotation(r, ORIGIN_ANNOTATION, origin.clone(), false);
        }
        Ok(())
    });
}

/// The end of a build: drops the annotations not asked for and adds the managed-by label.
pub fn finish(resources: &mut [Resource], options: &[String]) -> Result<(), String> {
    let wants = |o: &str| options.iter().any(|x| x == o);
    let mut drop: Vec<&str> = Vec::new();
    if !wants(ORIGIN_OPTION) {
        drop.push(ORIGIN_ANNOTATION);
    }
    if !wants(TRANSFORMER_OPTION) {
        drop.push(TRANSFORMATIONS_ANNOTATION);
    }
    if !drop.is_empty() {
        par::map(resources, |r| {
            r.object_mut().edit(|v| {
                let Some(meta) = v
                    .as_object_mut()
                    .and_then(|m| m.get_mut("metadata"))
                    .and_then(Value::as_object_mut)
                else {
                    return Ok(());
                };
                if let Some(a) = meta.get_mut("annotations").and_then(Value::as_object_mut) {
                    for key in &drop {
                        a.shift_remove(*key);
                    }
                    if a.is_empty() {
                        meta.shift_remove("annotations");
                    }
                }
                Ok(())
            })
        })?;
    }
    if wants(MANAGED_BY_OPTION) {
        add_managed_by_label(resources)?;
    }
    Ok(())
}

/// Sets `app.kubernetes.io/managed-by: kustomize-(devel)` on every resource's labels, as
/// kustomize's LabelTransformer at the end of a build.
pub fn add_managed_by_label(resources: &mut [Resource]) -> Result<(), String> {
    let mut pairs = super::kustomization::StringMap::new();
    pairs.insert(MANAGED_BY_LABEL.into(), MANAGED_BY_VALUE.into());
    let spec = super::kustomization::FieldSpec {
        path: "metadata/labels".into(),
        create: true,
        ..Default::default()
    };
    super::transform::set_entries(resources, &pairs, &[spec])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_go() {
        assert_eq!(join("", "a.yaml"), "a.yaml");
        assert_eq!(join("base", "cm.yaml"), "base/cm.yaml");
        assert_eq!(join("base", "../x/y.yaml"), "x/y.yaml");
        assert_eq!(join("", "../x.yaml"), "../x.yaml");
        assert_eq!(join("a/./b", "./c"), "a/b/c");
        assert_eq!(join("a", ".."), ".");
    }

    #[test]
    fn writes_origins_as_kyaml() {
        let by = ConfiguredBy {
            configured_in: "kustomization.yaml".into(),
            api_version: "builtin".into(),
            kind: "LabelTransformer".into(),
            name: "lt".into(),
            ..Default::default()
        };
        assert_eq!(
            list_item(&lines(None, Some(&by))),
            "- configuredIn: kustomization.yaml\n  configuredBy:\n    apiVersion: builtin\n    kind: LabelTransformer\n    name: lt\n"
        );
        assert_eq!(block(&lines(Some("a b.yaml"), None)), "path: a b.yaml\n");
        assert_eq!(scalar("true"), "\"true\"");
    }
}
