//! The native kustomize engine: builds a kustomization directory the way `kustomize build`
//! (v5.5.0) does, with byte-identical output.
//!
//! The pipeline for one kustomization (kustomize's `KustTarget.accumulateTarget`):
//! accumulate `resources`, run the generators, apply `components`, then run the builtin
//! transformers in kustomize's fixed order, then the builtin plugin configs of
//! `transformers:` and `validators:` (`generators:` run after the builtin generators). After
//! the top-level kustomization, generated names get their content hash, name references are
//! re-pointed, `buildMetadata` is finished, and the result is sorted.
//!
//! This module holds the public API and the end of the build; `target` loads and runs one
//! kustomization, `loader` reads the files it names, `resset` accumulates its resources,
//! and `plugin` runs the builtin generators and transformers.

mod buildmeta;
mod crds;
mod error;
mod fieldpath;
mod fieldspec;
mod files;
mod generator;
mod gopath;
mod hash;
mod helm;
mod json6902;
pub mod kustomization;
mod loader;
mod nameref;
mod par;
mod patch;
mod plugin;
mod replacement;
mod resid;
mod resource;
mod resset;
mod schema;
mod selector;
mod smp;
mod target;
mod transform;
mod valueadd;
mod vars;

pub use error::BuildError;
pub use helm::HelmOptions;
pub use kustomization::KUSTOMIZATION_FILES;
pub use loader::{kustomization_file, LoadRestrictor};
pub use resource::Resource;

use crate::object::{sort_legacy_kustomize, sort_legacy_kustomize_with, Object};
use crate::source;
use resset::ResSet;
use std::path::{Path, PathBuf};
use target::{run_target, Ctx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reorder {
    /// kustomize's default: by kind (Namespace first, webhooks last), then id.
    #[default]
    Legacy,
    /// Keep the order resources were accumulated in.
    None,
}

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub reorder: Reorder,
    pub load_restrictor: LoadRestrictor,
    /// `helmCharts` are inflated with these options; `None` refuses them, as kustomize does
    /// without `--enable-helm`.
    pub helm: Option<HelmOptions>,
}

/// The result of a build: the objects, and the warnings kustomize would print on stderr
/// (deprecated fields).
#[derive(Debug)]
pub struct Build {
    pub objects: Vec<Object>,
    pub warnings: Vec<String>,
}

/// Annotations kustomize uses for its own bookkeeping and removes from the output
/// (`resource.BuildAnnotations`: its build annotations and kyaml's reader annotations, with
/// their legacy spellings). Other `internal.config.kubernetes.io/` keys are kept.
const BUILD_ANNOTATIONS: [&str; 18] = [
    "internal.config.kubernetes.io/previousKinds",
    "internal.config.kubernetes.io/previousNames",
    "internal.config.kubernetes.io/prefixes",
    "internal.config.kubernetes.io/suffixes",
    "internal.config.kubernetes.io/previousNamespaces",
    "internal.config.kubernetes.io/allowNameChange",
    "internal.config.kubernetes.io/allowKindChange",
    "internal.config.kubernetes.io/refBy",
    "internal.config.kubernetes.io/generatorBehavior",
    "internal.config.kubernetes.io/needsHashSuffix",
    "internal.config.kubernetes.io/path",
    "internal.config.kubernetes.io/index",
    "internal.config.kubernetes.io/seqindent",
    "internal.config.kubernetes.io/id",
    "internal.config.kubernetes.io/annotations-migration-resource-id",
    "config.kubernetes.io/path",
    "config.kubernetes.io/index",
    "config.k8s.io/id",
];

/// Builds the kustomization in `dir`, as `kubectl kustomize DIR` does.
pub fn build(dir: &Path, options: &BuildOptions) -> Result<Build, BuildError> {
    build_with_managed_by_label(dir, options, false)
}

/// [`build`]; with `managed_by_label`, as `kubectl kustomize --enable-managedby-label DIR`
/// (a deprecated hidden flag): every resource gets the `app.kubernetes.io/managed-by`
/// label, as with `buildMetadata: [managedByLabel]` but without origin tracking.
pub fn build_with_managed_by_label(
    dir: &Path,
    options: &BuildOptions,
    managed_by_label: bool,
) -> Result<Build, BuildError> {
    let reorder = options.reorder;
    let mut ctx = Ctx::new(options.load_restrictor, options.helm.clone());
    // The thread's schema is the builtin one until a kustomization sets another, and is
    // reset when the build ends, however it ends.
    let _schema = SchemaGuard::new();
    let mut top = ctx.load(dir)?;
    // Only the top-level kustomization's buildMetadata counts: kustomize hands it down to
    // every kustomization the build reaches.
    ctx.build_metadata = top.k.build_metadata.clone();
    if !ctx.build_metadata.is_empty() {
        top.origin = Some(String::new());
    }
    let sort_options = top.k.sort_options.clone();
    ctx.enter(&top.ldr.root)?;
    let mut set = ResSet::default();
    run_target(&top, &mut set, &mut ctx)?;
    let config = set.config;
    let mut resources = set.items;
    hash::hash_names(&mut resources);
    nameref::fix(&mut resources, &config).map_err(|message| BuildError::Transform {
        file: top.ldr.file.clone(),
        field: "name references",
        message,
    })?;
    let var_logs =
        vars::resolve(&mut resources, &set.vars, &config.var_reference).map_err(|message| {
            BuildError::Transform {
                file: top.ldr.file.clone(),
                field: "vars",
                message,
            }
        })?;
    ctx.warnings.extend(var_logs);
    // kustomize's IgnoreLocal, once, for the top-level kustomization: local-config resources
    // served as name-reference, replacement and var sources, and go now.
    resources.retain(|r| !resource::is_local_config(r.object().as_value()));
    if let Some((message, _)) = resources.iter().find_map(|r| r.undecodable.clone()) {
        return Err(BuildError::Transform {
            file: top.ldr.file.clone(),
            field: "replacements",
            message,
        });
    }
    if !ctx.build_metadata.is_empty() {
        buildmeta::finish(&mut resources, &ctx.build_metadata).map_err(|message| {
            BuildError::Transform {
                file: top.ldr.file.clone(),
                field: "buildMetadata",
                message,
            }
        })?;
    }
    if managed_by_label
        && !ctx
            .build_metadata
            .iter()
            .any(|o| o == buildmeta::MANAGED_BY_OPTION)
    {
        buildmeta::add_managed_by_label(&mut resources).map_err(|message| {
            BuildError::Transform {
                file: top.ldr.file.clone(),
                field: "managed-by label",
                message,
            }
        })?;
    }
    let mut objects: Vec<Object> = resources
        .into_iter()
        .map(|r| strip_build_annotations(r.into_object()))
        .collect();
    source::ensure_unique(&objects)?;
    match sort_options {
        None => finish(&mut objects, reorder)?,
        Some(options) => match options.order.as_deref() {
            Some("fifo") if options.legacy_sort_options.is_some() => {
                return Err(BuildError::Invalid {
                    file: top.ldr.file.clone(),
                    message: "the field 'sortOptions.legacySortOptions' is set but the selected \
                              sort order is 'fifo', not 'legacy'"
                        .into(),
                })
            }
            Some("fifo") => {}
            Some("legacy") => match options.legacy_sort_options {
                Some(l) => sort_legacy_kustomize_with(&mut objects, &l.order_first, &l.order_last),
                None => sort_legacy_kustomize(&mut objects),
            },
            other => {
                return Err(BuildError::Invalid {
                    file: top.ldr.file.clone(),
                    message: format!(
                        "the field 'sortOptions.order' must be one of [fifo, legacy], not {:?}",
                        other.unwrap_or("")
                    ),
                })
            }
        },
    }
    Ok(Build {
        objects,
        warnings: ctx.warnings,
    })
}

/// Resets the thread's schema in force to the builtin one when created and when dropped.
struct SchemaGuard;

impl SchemaGuard {
    fn new() -> Self {
        resource::set_schema(schema::OpenApi::Builtin);
        SchemaGuard
    }
}

impl Drop for SchemaGuard {
    fn drop(&mut self) {
        resource::set_schema(schema::OpenApi::Builtin);
    }
}

/// Removes kustomize's build annotations and writes the other annotation values back as
/// strings, as kustomize does when it rewrites `metadata.annotations` at the end of a build
/// (`a: 5` comes out as `a: "5"`). An annotations field left empty (or null, or empty in the
/// input) is removed: during the build it always holds kyaml's reader annotations, and
/// clearing them removes the field.
fn strip_build_annotations(object: Object) -> Object {
    let needs_rewrite = match object.as_value().pointer("/metadata/annotations") {
        None => false,
        Some(serde_json::Value::Object(a)) => {
            a.is_empty()
                || a.iter().any(|(k, v)| {
                    BUILD_ANNOTATIONS.contains(&k.as_str())
                        || matches!(
                            v,
                            serde_json::Value::Number(_)
                                | serde_json::Value::Bool(_)
                                | serde_json::Value::Null
                        )
                })
        }
        Some(serde_json::Value::Null) => true,
        Some(_) => false,
    };
    if !needs_rewrite {
        return object;
    }
    let origin = object.origin().clone();
    let mut v = object.into_value();
    if let Some(meta) = v
        .get_mut("metadata")
        .and_then(serde_json::Value::as_object_mut)
    {
        if let Some(a) = meta
            .get_mut("annotations")
            .and_then(serde_json::Value::as_object_mut)
        {
            a.retain(|k, _| !BUILD_ANNOTATIONS.contains(&k.as_str()));
            for value in a.values_mut() {
                let text = match value {
                    serde_json::Value::Number(n) => n.to_string(),
                    serde_json::Value::Bool(b) => b.to_string(),
                    serde_json::Value::Null => "null".to_string(),
                    _ => continue,
                };
                *value = serde_json::Value::String(text);
            }
        }
        if meta
            .get("annotations")
            .is_some_and(|a| a.is_null() || a.as_object().is_some_and(|a| a.is_empty()))
        {
            meta.shift_remove("annotations");
        }
    }
    Object::new(v, origin).expect("removing annotations keeps an object valid")
}

/// Builds an implicit kustomization whose resources are `paths` (`kzr build -f`).
pub fn build_files(paths: &[PathBuf], reorder: Reorder) -> Result<Build, BuildError> {
    let mut objects = source::read_paths(paths)?;
    finish(&mut objects, reorder)?;
    Ok(Build {
        objects,
        warnings: Vec::new(),
    })
}

fn finish(objects: &mut Vec<Object>, reorder: Reorder) -> Result<(), BuildError> {
    source::ensure_unique(objects)?;
    if reorder == Reorder::Legacy {
        sort_legacy_kustomize(objects);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::Origin;
    use serde_json::{json, Value};

    /// Writes `files` (path, content) under `dir`, creating directories.
    fn write(dir: &Path, files: &[(&str, &str)]) {
        for (path, content) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
    }

    fn values(build: &Build) -> Vec<Value> {
        build.objects.iter().map(|o| o.as_value().clone()).collect()
    }

    fn build_error(dir: &Path, options: &BuildOptions) -> BuildError {
        build(dir, options).unwrap_err()
    }

    const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        envFrom:
        - configMapRef:
            name: cfg
        - secretRef:
            name: sec
";

    #[test]
    fn a_build_prefixes_hashes_generated_names_and_follows_them() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                ("dep.yaml", DEPLOYMENT),
                (
                    "kustomization.yaml",
                    "namePrefix: p-\nresources: [dep.yaml]\nconfigMapGenerator:\n- name: cfg\n  \
                     literals: [a=1]\nsecretGenerator:\n- name: sec\n  literals: [b=2]\n",
                ),
            ],
        );
        let build = build(dir.path(), &BuildOptions::default()).unwrap();
        assert!(build.warnings.is_empty(), "{:?}", build.warnings);
        assert_eq!(
            values(&build),
            [
                json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "1"},
                       "metadata": {"name": "p-cfg-h29d89cmmt"}}),
                json!({"apiVersion": "v1", "kind": "Secret", "data": {"b": "Mg=="},
                       "metadata": {"name": "p-sec-6dg6bbh8f9"}, "type": "Opaque"}),
                json!({"apiVersion": "apps/v1", "kind": "Deployment",
                       "metadata": {"name": "p-web"},
                       "spec": {"template": {"spec": {"containers": [{"name": "app",
                           "envFrom": [{"configMapRef": {"name": "p-cfg-h29d89cmmt"}},
                                       {"secretRef": {"name": "p-sec-6dg6bbh8f9"}}]}]}}}}),
            ]
        );
    }

    const MIXED: &str = "apiVersion: v1
kind: Service
metadata:
  name: svc
  annotations:
    n: 5
    b: true
    z: null
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: local
  annotations:
    config.kubernetes.io/local-config: \"true\"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: notlocal
  annotations:
    config.kubernetes.io/local-config: \"false\"
---
apiVersion: v1
kind: Namespace
metadata:
  name: ns
";

    fn kinds(build: &Build) -> Vec<&str> {
        build.objects.iter().map(|o| o.id().kind.as_str()).collect()
    }

    #[test]
    fn local_config_is_dropped_and_annotations_come_out_as_strings() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                ("res.yaml", MIXED),
                ("kustomization.yaml", "resources: [res.yaml]\n"),
            ],
        );
        let build = build(dir.path(), &BuildOptions::default()).unwrap();
        assert_eq!(
            values(&build),
            [
                json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ns"}}),
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "notlocal",
                       "annotations": {"config.kubernetes.io/local-config": "false"}}}),
                json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "svc",
                       "annotations": {"n": "5", "b": "true", "z": "null"}}}),
            ]
        );
    }

    #[test]
    fn sort_options_choose_the_output_order() {
        let dir = tempfile::tempdir().unwrap();
        let options = BuildOptions::default();
        let with_sort = |sort: &str| {
            write(
                dir.path(),
                &[
                    ("res.yaml", MIXED),
                    (
                        "kustomization.yaml",
                        &format!("resources: [res.yaml]\nsortOptions:\n{sort}"),
                    ),
                ],
            );
        };
        with_sort("  order: fifo\n");
        let fifo = build(dir.path(), &options).unwrap();
        assert_eq!(kinds(&fifo), ["Service", "ConfigMap", "Namespace"]);
        with_sort(
            "  order: legacy\n  legacySortOptions:\n    orderFirst: [Service]\n    \
             orderLast: [Namespace]\n",
        );
        let legacy = build(dir.path(), &options).unwrap();
        assert_eq!(kinds(&legacy), ["Service", "ConfigMap", "Namespace"]);
        with_sort("  order: fifo\n  legacySortOptions:\n    orderFirst: [Service]\n");
        let err = build_error(dir.path(), &options).to_string();
        assert!(
            err.ends_with("the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'"),
            "{err}"
        );
        with_sort("  order: random\n");
        let err = build_error(dir.path(), &options).to_string();
        assert!(
            err.contains("the field 'sortOptions.order' must be one of [fifo, legacy]"),
            "{err}"
        );
    }

    #[test]
    fn a_directory_needs_exactly_one_kustomization_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            kustomization_file(dir.path()),
            Err(BuildError::NoKustomization { .. })
        ));
        write(dir.path(), &[("Kustomization", "resources: []\n")]);
        assert_eq!(
            kustomization_file(dir.path()).unwrap(),
            dir.path().join("Kustomization")
        );
        write(dir.path(), &[("kustomization.yaml", "resources: []\n")]);
        let err = build_error(dir.path(), &BuildOptions::default());
        assert_eq!(
            err.to_string(),
            format!(
                "{}: found more than one kustomization file (kustomization.yaml, Kustomization)",
                dir.path().display()
            )
        );
    }

    #[test]
    fn an_error_in_a_base_names_its_entry_and_the_kustomizations_above() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                ("kustomization.yaml", "resources: [base]\n"),
                ("base/kustomization.yaml", "resources: [missing.yaml]\n"),
            ],
        );
        let err = build_error(dir.path(), &BuildOptions::default()).to_string();
        let top = dir.path().display();
        assert!(
            err.starts_with(&format!(
                "{top}/base/kustomization.yaml: resources: missing.yaml: {top}/base/missing.yaml: "
            )),
            "{err}"
        );
        assert!(
            err.ends_with(&format!(" (via {top}/kustomization.yaml)")),
            "{err}"
        );
    }

    #[test]
    fn a_base_that_includes_its_parent_is_a_cycle() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                ("kustomization.yaml", "resources: [base]\n"),
                ("base/kustomization.yaml", "resources: [..]\n"),
            ],
        );
        let BuildError::Entry {
            field,
            entry,
            cause,
            ..
        } = build_error(dir.path(), &BuildOptions::default())
        else {
            panic!("expected an entry error");
        };
        assert_eq!((field, entry.as_str()), ("resources", "base"));
        let BuildError::Entry { entry, cause, .. } = *cause else {
            panic!("expected the base's entry error");
        };
        assert_eq!(entry, "..");
        assert!(matches!(*cause, BuildError::Cycle { .. }), "{cause}");
    }

    #[test]
    fn a_file_outside_the_root_needs_load_restrictions_none() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                (
                    "outside.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\n",
                ),
                ("app/kustomization.yaml", "resources: [../outside.yaml]\n"),
            ],
        );
        let app = dir.path().join("app");
        let err = build_error(&app, &BuildOptions::default());
        let BuildError::Entry { cause, .. } = &err else {
            panic!("expected an entry error: {err}");
        };
        assert!(
            matches!(&**cause, BuildError::OutsideRoot { field: "resources", entry, .. } if entry == "../outside.yaml"),
            "{err}"
        );
        // The cause names the kustomization file, so it is shown once.
        assert_eq!(
            err.to_string(),
            format!(
                "{0}/kustomization.yaml: resources: ../outside.yaml: file is outside the \
                 kustomization root {0} (load restrictor LoadRestrictionsRootOnly)",
                app.display()
            )
        );
        let options = BuildOptions {
            load_restrictor: LoadRestrictor::parse("LoadRestrictionsNone").unwrap(),
            ..BuildOptions::default()
        };
        let build = build(&app, &options).unwrap();
        assert_eq!(
            values(&build),
            [json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "outside"}})]
        );
        assert_eq!(LoadRestrictor::parse("none"), Some(LoadRestrictor::None));
        assert_eq!(
            LoadRestrictor::parse("rootOnly"),
            Some(LoadRestrictor::RootOnly)
        );
        assert_eq!(LoadRestrictor::parse("RootOnly"), None);
    }

    #[test]
    fn strip_build_annotations_removes_bookkeeping_and_writes_text() {
        let origin = Origin {
            file: "res.yaml".into(),
            line: 1,
        };
        let object = |annotations: Value| {
            Object::new(
                json!({"apiVersion": "v1", "kind": "ConfigMap",
                       "metadata": {"name": "c", "annotations": annotations}}),
                origin.clone(),
            )
            .unwrap()
        };
        let stripped = strip_build_annotations(object(json!({
            "internal.config.kubernetes.io/previousNames": "a",
            "config.kubernetes.io/index": "0",
            "internal.config.kubernetes.io/other": "kept",
            "n": 5, "b": false, "z": null, "s": "x"
        })));
        assert_eq!(
            stripped.as_value()["metadata"]["annotations"],
            json!({"internal.config.kubernetes.io/other": "kept",
                   "n": "5", "b": "false", "z": "null", "s": "x"})
        );
        for only_bookkeeping in [
            json!({"internal.config.kubernetes.io/generatorBehavior": "unspecified"}),
            json!({}),
            Value::Null,
        ] {
            let stripped = strip_build_annotations(object(only_bookkeeping));
            assert_eq!(stripped.as_value()["metadata"], json!({"name": "c"}));
        }
    }
}
