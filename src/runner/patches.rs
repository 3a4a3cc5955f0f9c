//! Patch files applied to an already built set of objects (a build plan's
//! `kustomize_config.patches`; docs/runner.md, "Patches"), with the kustomize engine itself: the
//! objects become the one resource of a generated kustomization that carries the patch.
//!
//! A patch file is either kustomization-shaped (`kind: Kustomization`, or a mapping without
//! `kind` and `metadata`) and then its `patches`, `patchesStrategicMerge`,
//! `patchesJson6902`, `images`, `namespace`, `namePrefix`, `nameSuffix`, `commonLabels` and
//! `commonAnnotations` are applied; or it is a plain patch (strategic-merge objects, matched
//! by their own ids). Files a patch file names are read relative to it and must stay under
//! the source root unless the load restrictor is `none`. An entry with a line break is the
//! patch text itself rather than a file name.

use super::{RunnerError, TempDir};
use crate::kustomize::kustomization::{self, Kustomization, Patch, Selector};
use crate::kustomize::{self, BuildOptions, LoadRestrictor, Reorder};
use crate::object::Object;
use crate::yaml::{self, ReadOptions};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

/// The kustomization fields a patch file may use.
pub const PATCH_FIELDS: [&str; 9] = [
    "patches",
    "patchesStrategicMerge",
    "patchesJson6902",
    "images",
    "namespace",
    "namePrefix",
    "nameSuffix",
    "commonLabels",
    "commonAnnotations",
];

/// The result of applying patch files: the objects, and kustomize's warnings.
pub struct Patched {
    pub objects: Vec<Object>,
    pub warnings: Vec<String>,
}

/// One patch entry: where it came from (for messages), its text, and the directory files it
/// names are relative to.
struct Entry {
    origin: String,
    text: String,
    dir: PathBuf,
}

fn error(origin: &str, message: impl std::fmt::Display) -> RunnerError {
    RunnerError::Source(format!("{origin}: {message}"))
}

/// Applies `entries` (file names relative to `root`, or patch text) in order to `objects`.
/// `key` names the plan key the entries come from.
pub fn apply(
    objects: Vec<Object>,
    entries: &[String],
    root: &Path,
    restrictor: LoadRestrictor,
    key: &str,
) -> Result<Patched, RunnerError> {
    let root = root
        .canonicalize()
        .map_err(|e| error(&root.display().to_string(), e))?;
    let mut objects = objects;
    let mut warnings = Vec::new();
    for (i, raw) in entries.iter().enumerate() {
        let here = format!("{key}[{i}]");
        let entry = if raw.contains('\n') {
            Entry {
                origin: format!("{here} (inline)"),
                text: raw.clone(),
                dir: root.clone(),
            }
        } else {
            let path = resolve(&root, &root, raw, restrictor, &here)?;
            let text = std::fs::read_to_string(&path).map_err(|e| error(&here, e))?;
            Entry {
                origin: format!("{here} ({raw})"),
                text,
                dir: path
                    .parent()
                    .map_or_else(|| root.clone(), Path::to_path_buf),
            }
        };
        let kustomization = generated_kustomization(&entry, &root, restrictor)?;
        let patched = build_with(&objects, &kustomization, &entry.origin)?;
        objects = patched.objects;
        warnings.extend(patched.warnings);
    }
    Ok(Patched { objects, warnings })
}

/// `name` relative to `dir`, canonical, and under `root` unless the restrictor is `none`.
fn resolve(
    root: &Path,
    dir: &Path,
    name: &str,
    restrictor: LoadRestrictor,
    origin: &str,
) -> Result<PathBuf, RunnerError> {
    if name.contains("://") {
        return Err(error(
            origin,
            format!("{name}: remote files are not supported"),
        ));
    }
    let path = dir.join(name);
    let resolved = path
        .canonicalize()
        .map_err(|e| error(origin, format!("{name}: {e}")))?;
    if restrictor == LoadRestrictor::RootOnly && !resolved.starts_with(root) {
        return Err(error(
            origin,
            format!(
                "{name}: file is outside the source root {} (load restrictor rootOnly)",
                root.display()
            ),
        ));
    }
    if !resolved.is_file() {
        return Err(error(origin, format!("{name}: not a file")));
    }
    Ok(resolved)
}

/// Whether a patch file's single document is kustomization-shaped.
fn is_kustomization(doc: &Value) -> bool {
    let Some(map) = doc.as_object() else {
        return false;
    };
    let kind = map.get("kind").and_then(Value::as_str);
    if matches!(kind, Some("Kustomization")) {
        return true;
    }
    // A strategic-merge patch names its target by kind and metadata; without them the
    // mapping can only be a kustomization.
    kind.is_none() && !map.contains_key("metadata")
}

/// The kustomization that applies one patch entry to `base.yaml`.
fn generated_kustomization(
    entry: &Entry,
    root: &Path,
    restrictor: LoadRestrictor,
) -> Result<Value, RunnerError> {
    let docs = yaml::parse_documents_with(&entry.text, ReadOptions::CONFIG)
        .map_err(|e| error(&entry.origin, e))?;
    let mut out = Map::new();
    out.insert("resources".into(), json!(["base.yaml"]));
    let shaped = docs.len() == 1 && is_kustomization(&docs[0].value);
    if !shaped {
        if docs.is_empty() {
            return Err(error(&entry.origin, "empty patch"));
        }
        out.insert("patches".into(), json!([{"patch": entry.text}]));
        return Ok(Value::Object(out));
    }
    let k = kustomization::parse(&entry.text).map_err(|e| error(&entry.origin, e))?;
    refuse_other_fields(&k, &entry.origin)?;
    let read = |name: &str| -> Result<String, RunnerError> {
        let path = resolve(root, &entry.dir, name, restrictor, &entry.origin)?;
        std::fs::read_to_string(&path).map_err(|e| error(&entry.origin, format!("{name}: {e}")))
    };
    let patch_entries = |list: &[Patch]| -> Result<Vec<Value>, RunnerError> {
        list.iter()
            .map(|p| {
                let text = match (&p.path, &p.patch) {
                    (Some(path), None) => read(path)?,
                    (None, Some(text)) => text.clone(),
                    _ => {
                        return Err(error(
                            &entry.origin,
                            "each patch needs exactly one of path and patch",
                        ))
                    }
                };
                let mut m = Map::new();
                m.insert("patch".into(), Value::String(text));
                if let Some(t) = &p.target {
                    m.insert("target".into(), selector(t));
                }
                if let Some(o) = &p.options {
                    m.insert(
                        "options".into(),
                        json!({
                            "allowNameChange": o.allow_name_change,
                            "allowKindChange": o.allow_kind_change,
                        }),
                    );
                }
                Ok(Value::Object(m))
            })
            .collect()
    };
    if !k.patches.is_empty() {
        out.insert("patches".into(), Value::Array(patch_entries(&k.patches)?));
    }
    if !k.patches_json6902.is_empty() {
        out.insert(
            "patchesJson6902".into(),
            Value::Array(patch_entries(&k.patches_json6902)?),
        );
    }
    if !k.patches_strategic_merge.is_empty() {
        let mut list = Vec::new();
        for e in &k.patches_strategic_merge {
            // An entry is inline YAML when it parses as objects, else a file name (as kustomize).
            let inline = yaml::parse_documents(e)
                .is_ok_and(|docs| !docs.is_empty() && docs.iter().all(|d| d.value.is_object()));
            list.push(Value::String(if inline { e.clone() } else { read(e)? }));
        }
        out.insert("patchesStrategicMerge".into(), Value::Array(list));
    }
    if !k.images.is_empty() {
        let images = k
            .images
            .iter()
            .map(|i| {
                let mut m = Map::new();
                m.insert("name".into(), Value::String(i.name.clone()));
                for (key, v) in [
                    ("newName", &i.new_name),
                    ("newTag", &i.new_tag),
                    ("digest", &i.digest),
                    ("tagSuffix", &i.tag_suffix),
                ] {
                    if let Some(v) = v {
                        m.insert(key.into(), Value::String(v.clone()));
                    }
                }
                Value::Object(m)
            })
            .collect();
        out.insert("images".into(), Value::Array(images));
    }
    for (key, v) in [
        ("namespace", &k.namespace),
        ("namePrefix", &k.name_prefix),
        ("nameSuffix", &k.name_suffix),
    ] {
        if let Some(v) = v {
            out.insert(key.into(), Value::String(v.clone()));
        }
    }
    for (key, v) in [
        ("commonLabels", &k.common_labels),
        ("commonAnnotations", &k.common_annotations),
    ] {
        if let Some(v) = v {
            out.insert(key.into(), json!(v));
        }
    }
    Ok(Value::Object(out))
}

fn selector(s: &Selector) -> Value {
    let mut m = Map::new();
    for (key, v) in [
        ("group", &s.group),
        ("version", &s.version),
        ("kind", &s.kind),
        ("name", &s.name),
        ("namespace", &s.namespace),
        ("labelSelector", &s.label_selector),
        ("annotationSelector", &s.annotation_selector),
    ] {
        if let Some(v) = v {
            m.insert(key.into(), Value::String(v.clone()));
        }
    }
    Value::Object(m)
}

fn refuse_other_fields(k: &Kustomization, origin: &str) -> Result<(), RunnerError> {
    let present: &[(&str, bool)] = &[
        ("resources", !k.resources.is_empty()),
        ("components", !k.components.is_empty()),
        ("crds", !k.crds.is_empty()),
        ("labels", !k.labels.is_empty()),
        ("replicas", !k.replicas.is_empty()),
        ("configMapGenerator", !k.config_map_generator.is_empty()),
        ("secretGenerator", !k.secret_generator.is_empty()),
        ("generatorOptions", k.generator_options.is_some()),
        ("sortOptions", k.sort_options.is_some()),
        ("vars", !k.vars.is_empty()),
        ("replacements", !k.replacements.is_empty()),
        ("configurations", !k.configurations.is_empty()),
        ("openapi", k.openapi.is_some()),
        ("generators", !k.generators.is_empty()),
        ("transformers", !k.transformers.is_empty()),
        ("validators", !k.validators.is_empty()),
        ("buildMetadata", !k.build_metadata.is_empty()),
        (
            "helmCharts",
            !k.helm_charts.is_empty()
                || k.helm_globals.is_some()
                || !k.helm_chart_inflation_generator.is_empty(),
        ),
    ];
    match present.iter().find(|(_, set)| *set) {
        Some((field, _)) => Err(error(
            origin,
            format!(
                "{field} is not applied from a patch file (a patch file may use {})",
                PATCH_FIELDS.join(", ")
            ),
        )),
        None => Ok(()),
    }
}

/// Builds `objects` as `base.yaml` through `kustomization` in a temporary directory, keeping
/// the objects' order.
fn build_with(
    objects: &[Object],
    kustomization: &Value,
    origin: &str,
) -> Result<Patched, RunnerError> {
    let dir = TempDir::new("kzr-patch").map_err(|e| error(origin, e))?;
    let base = crate::output::objects_to_yaml(objects).map_err(crate::error::Error::from)?;
    let k_text = serde_json::to_string_pretty(kustomization).map_err(|e| error(origin, e))?;
    std::fs::write(dir.path().join("base.yaml"), base).map_err(|e| error(origin, e))?;
    std::fs::write(dir.path().join("kustomization.yaml"), k_text).map_err(|e| error(origin, e))?;
    let options = BuildOptions {
        reorder: Reorder::None,
        load_restrictor: LoadRestrictor::RootOnly,
        helm: None,
    };
    let built = kustomize::build(dir.path(), &options).map_err(|e| {
        // Name the patch entry rather than the generated files.
        let message = e.to_string();
        let shown = dir.path().display().to_string();
        let message = message
            .replace(&format!("{shown}/kustomization.yaml"), "patch")
            .replace(&format!("{shown}/base.yaml"), "built objects")
            .replace(&shown, "patch");
        error(origin, message)
    })?;
    Ok(Patched {
        objects: built.objects,
        warnings: built.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects(text: &str) -> Vec<Object> {
        crate::object::read_objects(text, "test").unwrap()
    }

    const BASE: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.0\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n";

    #[test]
    fn plain_kustomization_shaped_and_json6902_patches() {
        let root = TempDir::new("kzr-patch-test").unwrap();
        let r = root.path();
        std::fs::write(
            r.join("replicas.yaml"),
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n",
        )
        .unwrap();
        std::fs::create_dir(r.join("p")).unwrap();
        std::fs::write(
            r.join("p/kustomization.yaml"),
            "namePrefix: prod-\nimages:\n- name: nginx\n  newTag: \"2.0\"\npatches:\n- path: ops.yaml\n  target:\n    kind: ConfigMap\n",
        )
        .unwrap();
        std::fs::write(
            r.join("p/ops.yaml"),
            "- op: add\n  path: /data/c\n  value: d\n",
        )
        .unwrap();
        let out = apply(
            objects(BASE),
            &[
                "replicas.yaml".into(),
                "p/kustomization.yaml".into(),
                "commonLabels:\n  team: a\n".into(),
            ],
            r,
            LoadRestrictor::RootOnly,
            "patches",
        )
        .unwrap();
        let yaml = crate::output::objects_to_yaml(&out.objects).unwrap();
        assert!(yaml.contains("replicas: 3"), "{yaml}");
        assert!(yaml.contains("name: prod-web"), "{yaml}");
        assert!(yaml.contains("image: nginx:2.0"), "{yaml}");
        assert!(yaml.contains("c: d"), "{yaml}");
        assert!(yaml.contains("team: a"), "{yaml}");
        // Order is kept: the Deployment stays first.
        assert_eq!(out.objects[0].id().kind, "Deployment");
    }

    #[test]
    fn escapes_and_bad_patches_are_refused() {
        let root = TempDir::new("kzr-patch-test").unwrap();
        let r = root.path();
        std::fs::create_dir(r.join("src")).unwrap();
        std::fs::write(
            r.join("outside.yaml"),
            "kind: ConfigMap\nmetadata:\n  name: cfg\n",
        )
        .unwrap();
        std::fs::write(r.join("src/k.yaml"), "patches:\n- path: ../outside.yaml\n").unwrap();
        std::fs::write(r.join("src/res.yaml"), "resources:\n- x.yaml\n").unwrap();
        std::fs::write(
            r.join("src/json.yaml"),
            "- op: add\n  path: /a\n  value: 1\n",
        )
        .unwrap();
        let src = r.join("src");
        let run = |e: &str| {
            apply(
                objects(BASE),
                &[e.to_string()],
                &src,
                LoadRestrictor::RootOnly,
                "kustomize_config.patches",
            )
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
        };
        assert!(run("../outside.yaml").contains("outside the source root"));
        assert!(run("k.yaml").contains("outside the source root"));
        assert!(run("res.yaml").contains("resources is not applied from a patch file"));
        let json = run("json.yaml");
        assert!(
            json.starts_with("kustomize_config.patches[0] (json.yaml): "),
            "{json}"
        );
        assert!(json.contains("needs a target"), "{json}");
        assert!(!json.contains("kzr-patch-"), "{json}");
        assert!(run("missing.yaml").contains("missing.yaml"));
    }
}
