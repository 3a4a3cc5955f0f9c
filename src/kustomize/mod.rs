//! The native kustomize engine: builds a kustomization directory the way `kustomize build`
//! (v5.5.0) does, with byte-identical output.
//!
//! The pipeline for one kustomization (kustomize's `KustTarget.accumulateTarget`):
//! accumulate `resources`, run the generators, apply `components`, then run the builtin
//! transformers in kustomize's fixed order, then the builtin plugin configs of
//! `transformers:` and `validators:` (`generators:` run after the builtin generators). After
//! the top-level kustomization, generated names get their content hash, name references are
//! re-pointed, `buildMetadata` is finished, and the result is sorted.

mod buildmeta;
mod crds;
mod fieldpath;
mod fieldspec;
mod files;
mod generator;
mod gopath;
mod hash;
mod helm;
mod json6902;
pub mod kustomization;
mod nameref;
mod par;
mod patch;
mod plugin;
mod replacement;
mod resid;
mod resource;
mod schema;
mod selector;
mod smp;
mod transform;
mod valueadd;
mod vars;

pub use helm::HelmOptions;
pub use resource::Resource;

use crate::object::{sort_legacy_kustomize, sort_legacy_kustomize_with, IdSet, Object, ObjectId};
use crate::source::{self, SourceError};
use fieldspec::TransformerConfig;
use kustomization::Kustomization;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The file names kustomize looks for, in its order of preference.
pub const KUSTOMIZATION_FILES: [&str; 3] =
    ["kustomization.yaml", "kustomization.yml", "Kustomization"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reorder {
    /// kustomize's default: by kind (Namespace first, webhooks last), then id.
    #[default]
    Legacy,
    /// Keep the order resources were accumulated in.
    None,
}

/// kustomize's load restrictor: whether files outside a kustomization's directory may be
/// read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoadRestrictor {
    /// `LoadRestrictionsRootOnly` (the default): files must be in or below the kustomization
    /// directory, after resolving symlinks.
    #[default]
    RootOnly,
    /// `LoadRestrictionsNone`.
    None,
}

impl LoadRestrictor {
    /// The short spelling of component configs and runner plans: `none` or `rootOnly`.
    pub fn as_str(self) -> &'static str {
        match self {
            LoadRestrictor::None => "none",
            LoadRestrictor::RootOnly => "rootOnly",
        }
    }

    /// kustomize's flag spelling: `LoadRestrictionsNone` or `LoadRestrictionsRootOnly`.
    pub fn as_flag(self) -> &'static str {
        match self {
            LoadRestrictor::None => "LoadRestrictionsNone",
            LoadRestrictor::RootOnly => "LoadRestrictionsRootOnly",
        }
    }

    /// Either spelling (`none`, `rootOnly`, or kustomize's flag values).
    pub fn parse(text: &str) -> Option<Self> {
        [LoadRestrictor::None, LoadRestrictor::RootOnly]
            .into_iter()
            .find(|r| text == r.as_str() || text == r.as_flag())
    }
}

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub reorder: Reorder,
    pub load_restrictor: LoadRestrictor,
    /// `helmCharts` are inflated with these options; `None` refuses them, as kustomize does
    /// without `--enable-helm`.
    pub helm: Option<HelmOptions>,
}

#[derive(Debug, Error)]
pub enum BuildError {
    #[error("{dir}: no kustomization file (looked for {})", KUSTOMIZATION_FILES.join(", "))]
    NoKustomization { dir: String },
    #[error("{dir}: found more than one kustomization file ({})", found.join(", "))]
    SeveralKustomizations { dir: String, found: Vec<String> },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("{file}: {field}: {entry}: remote resources (git or http URLs) are not supported")]
    Remote {
        file: String,
        field: &'static str,
        entry: String,
    },
    /// An error in what a kustomization's entry (a base, a component, a file) led to. Shown
    /// as the cause once, then the kustomizations it was reached through.
    #[error("{}", entry_chain(self))]
    Entry {
        file: String,
        field: &'static str,
        entry: String,
        cause: Box<BuildError>,
    },
    #[error("{}: {field}: {entry}: file is outside the kustomization root {root} (load restrictor LoadRestrictionsRootOnly)", gopath::clean(file))]
    OutsideRoot {
        file: String,
        field: &'static str,
        entry: String,
        root: String,
    },
    #[error("{dir}: kustomization cycle: it includes itself through {via}")]
    Cycle { dir: String, via: String },
    #[error(
        "{file}: {id} is already defined (may not add a resource with an already registered id)"
    )]
    DuplicateId { file: String, id: Box<ObjectId> },
    #[error("{file}: {field}: chart {chart:?}: must specify --enable-helm (chart inflation runs the helm command, so it is off by default)")]
    HelmNotEnabled {
        file: String,
        field: &'static str,
        chart: String,
    },
    #[error("{file}: {field}: {message}")]
    Transform {
        file: String,
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Source(#[from] SourceError),
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
const NEEDS_HASH_ANNOTATION: &str = "internal.config.kubernetes.io/needsHashSuffix";

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
    let mut ctx = Ctx {
        load_restrictor: options.load_restrictor,
        helm: options.helm.clone(),
        ..Ctx::default()
    };
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
    ctx.enter(&top.root)?;
    let mut set = ResSet::default();
    run_target(&top, &mut set, &mut ctx)?;
    let config = set.config;
    let mut resources = set.items;
    hash_names(&mut resources);
    nameref::fix(&mut resources, &config).map_err(|message| BuildError::Transform {
        file: top.file.clone(),
        field: "name references",
        message,
    })?;
    let var_logs =
        vars::resolve(&mut resources, &set.vars, &config.var_reference).map_err(|message| {
            BuildError::Transform {
                file: top.file.clone(),
                field: "vars",
                message,
            }
        })?;
    ctx.warnings.extend(var_logs);
    // kustomize's IgnoreLocal, once, for the top-level kustomization: local-config resources
    // served as name-reference, replacement and var sources, and go now.
    resources.retain(|r| !is_local_config(r.object().as_value()));
    if let Some(message) = resources.iter().find_map(|r| r.undecodable.clone()) {
        return Err(BuildError::Transform {
            file: top.file.clone(),
            field: "replacements",
            message,
        });
    }
    if !ctx.build_metadata.is_empty() {
        buildmeta::finish(&mut resources, &ctx.build_metadata).map_err(|message| {
            BuildError::Transform {
                file: top.file.clone(),
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
                file: top.file.clone(),
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
                    file: top.file.clone(),
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
                    file: top.file.clone(),
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

/// kustomize's `config.kubernetes.io/local-config` annotation is set to anything but
/// `"false"` (`Factory.DropLocalNodes`).
pub(crate) fn is_local_config(value: &serde_json::Value) -> bool {
    value
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(LOCAL_CONFIG_ANNOTATION))
        .is_some_and(|v| crate::object::scalar_text(v).unwrap_or_default() != "false")
}

const LOCAL_CONFIG_ANNOTATION: &str = "config.kubernetes.io/local-config";

/// kustomize's HashTransformer: generated ConfigMaps and Secrets get `-<content hash>`.
fn hash_names(resources: &mut [Resource]) {
    for r in resources.iter_mut().filter(|r| r.needs_hash) {
        let suffix = hash::content_hash(r.object().as_value());
        r.store_previous_id();
        let name = format!("{}-{suffix}", r.object().id().name);
        let object = r.object_mut();
        set_name(object, &name);
    }
}

fn set_name(object: &mut Object, name: &str) {
    let mut v = object.as_value().clone();
    if let Some(meta) = v
        .get_mut("metadata")
        .and_then(serde_json::Value::as_object_mut)
    {
        meta.insert("name".into(), serde_json::Value::String(name.to_string()));
    }
    let origin = object.origin().clone();
    if let Ok(renamed) = Object::new(v, origin) {
        *object = renamed;
    }
}

fn finish(objects: &mut Vec<Object>, reorder: Reorder) -> Result<(), BuildError> {
    source::ensure_unique(objects)?;
    if reorder == Reorder::Legacy {
        sort_legacy_kustomize(objects);
    }
    Ok(())
}

/// Finds the kustomization file in `dir`.
pub fn kustomization_file(dir: &Path) -> Result<PathBuf, BuildError> {
    let found: Vec<&str> = KUSTOMIZATION_FILES
        .iter()
        .copied()
        .filter(|f| dir.join(f).is_file())
        .collect();
    match found.as_slice() {
        [one] => Ok(dir.join(one)),
        [] => Err(BuildError::NoKustomization {
            dir: dir.display().to_string(),
        }),
        _ => Err(BuildError::SeveralKustomizations {
            dir: dir.display().to_string(),
            found: found.iter().map(|s| s.to_string()).collect(),
        }),
    }
}

fn io_error(path: &Path, source: std::io::Error) -> BuildError {
    BuildError::Source(SourceError::Io {
        path: gopath::clean(&path.display().to_string()),
        error: source,
    })
}

fn canonical(path: &Path) -> Result<PathBuf, BuildError> {
    path.canonicalize().map_err(|e| io_error(path, e))
}

/// State of one build: the kustomizations being built (for cycle detection) and the
/// warnings kustomize would print.
#[derive(Default)]
struct Ctx {
    stack: Vec<PathBuf>,
    warnings: Vec<String>,
    load_restrictor: LoadRestrictor,
    /// The top-level kustomization's `buildMetadata`.
    build_metadata: Vec<String>,
    /// The OpenAPI schema in force (kustomize's global `openapi.SetSchema` state).
    openapi: schema::OpenApi,
    /// A kustomization has set the schema (a builtin version or a custom file); later ones
    /// cannot change it.
    openapi_set: bool,
    /// kyaml has loaded the schema in force (a resource of a kind outside its precomputed
    /// scope table was read, or a strategic merge patch applied): a custom schema set later
    /// is added to the builtin one.
    schema_loaded: bool,
    /// The top-level kustomization has been loaded.
    loaded_top: bool,
    /// How `helmCharts` are inflated, when enabled.
    helm: Option<HelmOptions>,
    /// Directories found to be real (not symlinks) during this build.
    real_dirs: files::RealDirs,
    /// The buffer resource files are read into.
    buf: files::ReadBuf,
}

impl Ctx {
    /// Loads a kustomization, recording its deprecation warnings.
    fn load(&mut self, dir: &Path) -> Result<KustTarget, BuildError> {
        let t = KustTarget::load(dir, self.load_restrictor, &self.real_dirs)?;
        self.warnings.extend(t.k.deprecation_warnings());
        let top = !std::mem::replace(&mut self.loaded_top, true);
        self.set_openapi(&t, top)?;
        Ok(t)
    }

    /// kustomize's `openapi.SetSchema` for a kustomization just loaded: the top-level one
    /// always sets the schema; a sub-kustomization only when none is set yet (its file is
    /// read, and must exist, either way).
    fn set_openapi(&mut self, t: &KustTarget, top: bool) -> Result<(), BuildError> {
        let result = self.choose_openapi(t, top);
        resource::set_schema(self.openapi.clone());
        result
    }

    fn choose_openapi(&mut self, t: &KustTarget, top: bool) -> Result<(), BuildError> {
        let Some(field) = t.k.openapi.as_ref().filter(|v| !v.is_null()) else {
            if top {
                self.openapi_set = false;
            }
            return Ok(());
        };
        let invalid = |message: String| BuildError::Invalid {
            file: t.file.clone(),
            message,
        };
        let map = field
            .as_object()
            .ok_or_else(|| invalid("openapi: expected a mapping".into()))?;
        let text = |key: &str| -> Result<Option<String>, BuildError> {
            match map.get(key) {
                None => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err(invalid(format!(
                    "openapi.{key}: expected a string, not {other}"
                ))),
            }
        };
        let (path, version) = (text("path")?, text("version")?);
        let bytes = match &path {
            Some(path) => Some(t.read_bytes("openapi", path)?),
            None => None,
        };
        if self.openapi_set && !top {
            return Ok(());
        }
        if let (Some(bytes), Some(path)) = (bytes, &path) {
            if version.is_some() {
                return Err(invalid(
                    "openapi: builtin version and custom schema provided, cannot use both".into(),
                ));
            }
            self.openapi = match schema::CustomSchema::parse(&bytes) {
                Ok(custom) => schema::OpenApi::Custom {
                    schema: std::sync::Arc::new(custom),
                    over_builtin: self.schema_loaded,
                },
                Err(message) => {
                    let error = t.entry_error(
                        "openapi",
                        path,
                        BuildError::Invalid {
                            file: t.dir.join(path).display().to_string(),
                            message,
                        },
                    );
                    schema::OpenApi::Invalid(error.to_string().into())
                }
            };
            self.openapi_set = true;
            return Ok(());
        }
        match version.as_deref().unwrap_or("") {
            "" => self.openapi_set = false,
            v if schema::BUILTIN_VERSIONS.contains(&v) => {
                self.openapi = schema::OpenApi::Builtin;
                self.openapi_set = true;
            }
            v => {
                return Err(invalid(format!(
                    "openapi.version: {v:?}: the specified OpenAPI version is not built in (kustomize has {})",
                    schema::BUILTIN_VERSIONS.join(", ")
                )))
            }
        }
        Ok(())
    }

    /// Refuses a kustomization directory that is, or contains, one already being built.
    fn enter(&mut self, root: &Path) -> Result<(), BuildError> {
        if let Some(visited) = self.stack.iter().find(|v| v.starts_with(root)) {
            return Err(BuildError::Cycle {
                dir: root.display().to_string(),
                via: visited.display().to_string(),
            });
        }
        self.stack.push(root.to_path_buf());
        Ok(())
    }
}

/// A loaded kustomization and where it lives.
struct KustTarget {
    dir: PathBuf,
    root: PathBuf,
    restrictor: LoadRestrictor,
    file: String,
    /// The kustomization file's name (`kustomization.yaml`, …).
    kust_name: String,
    /// With buildMetadata: this kustomization's directory relative to the top-level one
    /// (kustomize's `origin.path`).
    origin: Option<String>,
    k: Kustomization,
    real_dirs: files::RealDirs,
}

impl KustTarget {
    fn load(
        dir: &Path,
        restrictor: LoadRestrictor,
        real_dirs: &files::RealDirs,
    ) -> Result<Self, BuildError> {
        let root = canonical(dir)?;
        let path = kustomization_file(dir)?;
        let file = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
            path: file.clone(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        let k = kustomization::parse(&text).map_err(|message| BuildError::Invalid {
            file: file.clone(),
            message,
        })?;
        let kust_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let target = KustTarget {
            dir: dir.to_path_buf(),
            root,
            restrictor,
            file,
            kust_name,
            origin: None,
            k,
            real_dirs: real_dirs.clone(),
        };
        Ok(target)
    }

    /// The load restrictor lets this kustomization read `resolved` (a canonical path).
    fn allows(&self, resolved: &Path) -> bool {
        self.restrictor == LoadRestrictor::None || resolved.starts_with(&self.root)
    }

    /// The plain case of reading an entry (see [`files`]): a regular file or a directory,
    /// reached without symlinks, that the load restrictor allows, read into `buf`. `None`
    /// leaves the entry to the canonicalising path, which has kustomize's exact behaviour
    /// and messages for everything else.
    fn read_plain(&self, entry: &str, buf: &mut files::ReadBuf) -> Option<files::Found> {
        if is_remote(entry) {
            return None;
        }
        let resolved = files::resolve(&self.root, entry, &self.real_dirs)?;
        if !self.allows(&resolved) {
            return None;
        }
        files::read_plain(&resolved, buf)
    }

    /// Reads a file named in the kustomization as text, refusing files outside its root.
    fn read_file(&self, field: &'static str, entry: &str) -> Result<String, BuildError> {
        let bytes = self.read_bytes(field, entry)?;
        String::from_utf8(bytes).map_err(|e| {
            BuildError::Source(SourceError::NotUtf8 {
                path: self.dir.join(entry).display().to_string(),
                offset: e.utf8_error().valid_up_to(),
            })
        })
    }

    /// Reads a file named in the kustomization, refusing files outside its root.
    fn read_bytes(&self, field: &'static str, entry: &str) -> Result<Vec<u8>, BuildError> {
        if is_remote(entry) {
            return Err(BuildError::Remote {
                file: self.file.clone(),
                field,
                entry: entry.to_string(),
            });
        }
        let mut buf = files::ReadBuf::default();
        if let Some(files::Found::File { len }) = self.read_plain(entry, &mut buf) {
            return Ok(buf.take(len));
        }
        let path = self.dir.join(entry);
        let resolved = canonical(&path).map_err(|e| self.entry_error(field, entry, e))?;
        if !self.allows(&resolved) {
            return Err(BuildError::OutsideRoot {
                file: self.file.clone(),
                field,
                entry: entry.to_string(),
                root: self.root.display().to_string(),
            });
        }
        if path.is_dir() {
            return Err(self.entry_error(
                field,
                entry,
                BuildError::Invalid {
                    file: path.display().to_string(),
                    message: "must resolve to a file".into(),
                },
            ));
        }
        std::fs::read(&path).map_err(|e| self.entry_error(field, entry, io_error(&path, e)))
    }

    /// A `patchesStrategicMerge` entry is inline YAML when it parses as objects, else a path.
    fn strategic_merge_text(&self, entry: &str) -> Result<patch::PatchText, BuildError> {
        let inline = crate::yaml::parse_documents(entry)
            .is_ok_and(|docs| !docs.is_empty() && docs.iter().all(|d| d.value.is_object()));
        if inline {
            return Ok(patch::PatchText {
                text: entry.to_string(),
                origin: format!("{} (inline patch)", self.file),
            });
        }
        Ok(patch::PatchText {
            text: self.read_file("patchesStrategicMerge", entry)?,
            origin: self.dir.join(entry).display().to_string(),
        })
    }

    fn patch_entries(
        &self,
        entries: &[kustomization::Patch],
        field: &'static str,
    ) -> Result<Vec<(kustomization::Patch, patch::PatchText)>, BuildError> {
        let invalid = |message: &str| BuildError::Invalid {
            file: self.file.clone(),
            message: format!("{field}: {message}"),
        };
        entries
            .iter()
            .map(|e| {
                let text = match (&e.path, &e.patch) {
                    (Some(_), Some(_)) => {
                        return Err(invalid("patch and path can't be set at the same time"))
                    }
                    (None, None) => return Err(invalid("must specify one of patch and path")),
                    (Some(path), None) => patch::PatchText {
                        text: self.read_file(field, path)?,
                        origin: self.dir.join(path).display().to_string(),
                    },
                    // PatchTransformer trims an inline patch (the final line break of a
                    // block scalar at its end goes too); patchesJson6902 does not.
                    (None, Some(inline)) => patch::PatchText {
                        text: if field == "patches" {
                            inline.trim().to_string()
                        } else {
                            inline.clone()
                        },
                        origin: format!("{} (inline patch)", self.file),
                    },
                };
                Ok((e.clone(), text))
            })
            .collect()
    }

    /// Replacement entries with `path` entries replaced by the replacements their files
    /// hold (one or a list), read through the load restrictor.
    fn resolve_replacements(
        &self,
        entries: &[kustomization::ReplacementField],
        field: &'static str,
    ) -> Result<Vec<kustomization::ReplacementField>, BuildError> {
        let mut out = Vec::new();
        for entry in entries {
            let Some(path) = entry.path.as_deref().filter(|p| !p.is_empty()) else {
                out.push(entry.clone());
                continue;
            };
            if entry.source.is_some() || entry.targets.as_ref().is_some_and(|t| !t.is_empty()) {
                return Err(BuildError::Transform {
                    file: self.file.clone(),
                    field,
                    message: format!("{path}: cannot specify both path and inline replacement"),
                });
            }
            let text = self.read_file(field, path)?;
            let list = kustomization::parse_replacement_file(&text).map_err(|message| {
                let source = BuildError::Invalid {
                    file: self.dir.join(path).display().to_string(),
                    message,
                };
                self.entry_error(field, path, source)
            })?;
            out.extend(list);
        }
        Ok(out)
    }

    fn entry_error(&self, field: &'static str, entry: &str, source: BuildError) -> BuildError {
        // A remote entry's error already names the file, field and entry.
        if matches!(source, BuildError::Remote { .. }) {
            return source;
        }
        BuildError::Entry {
            file: self.file.clone(),
            field,
            entry: entry.to_string(),
            cause: Box::new(source),
        }
    }
}

/// `CAUSE (via a/kustomization.yaml → b/kustomization.yaml)`: the innermost entry and its
/// cause, then the kustomizations above it, top first, with paths cleaned. An inner error
/// that already names the innermost file is not prefixed with it again.
fn entry_chain(e: &BuildError) -> String {
    let mut frames = Vec::new();
    let mut at = e;
    while let BuildError::Entry {
        file,
        field,
        entry,
        cause,
    } = at
    {
        frames.push((gopath::clean(file), *field, entry.as_str()));
        at = cause;
    }
    let root = at.to_string();
    let Some((file, field, entry)) = frames.pop() else {
        return root;
    };
    let mut text = if root.starts_with(&file) {
        root
    } else {
        format!("{file}: {field}: {entry}: {root}")
    };
    if !frames.is_empty() {
        let via: Vec<&str> = frames.iter().map(|(f, _, _)| f.as_str()).collect();
        text.push_str(&format!(" (via {})", via.join(" → ")));
    }
    text
}

fn is_remote(entry: &str) -> bool {
    entry.contains("://") || entry.starts_with("git@") || entry.starts_with("github.com/")
}

/// Turns a `configurations` or `crds` file into transformer configuration.
type ConfigParser = fn(&[u8]) -> Result<TransformerConfig, String>;

/// Resources, generators, components, transformers: the body of one kustomization, applied
/// to `set` (which a component shares with its parent).
fn run_target(t: &KustTarget, set: &mut ResSet, ctx: &mut Ctx) -> Result<(), BuildError> {
    for entry in &t.k.resources {
        let loaded =
            load_resource_entry(t, entry, ctx).map_err(|e| t.entry_error("resources", entry, e))?;
        set.append(loaded.resources, &t.file)?;
        if let Some(config) = loaded.config {
            set.merge_config(&config, &t.file)?;
        }
        set.vars.merge(loaded.vars.into_vars()).map_err(|message| {
            let source = BuildError::Invalid {
                file: t.dir.join(entry).display().to_string(),
                message,
            };
            t.entry_error("resources", entry, source)
        })?;
    }
    let config_sources: [(&'static str, &Vec<String>, ConfigParser); 2] = [
        ("configurations", &t.k.configurations, |b| {
            TransformerConfig::from_yaml(std::str::from_utf8(b).map_err(|_| "not valid UTF-8")?)
        }),
        ("crds", &t.k.crds, crds::config_from_crds),
    ];
    for (field, entries, parse) in config_sources {
        for entry in entries {
            let config = parse(&t.read_bytes(field, entry)?).map_err(|message| {
                let source = BuildError::Invalid {
                    file: entry.clone(),
                    message,
                };
                t.entry_error(field, entry, source)
            })?;
            set.merge_config(&config, &t.file)?;
        }
    }
    let generators = plugin::load(t, plugin::Role::Generator, ctx)?;
    run_generators(t, set, ctx.helm.as_ref())?;
    for g in &generators {
        plugin::generate(t, set, g, ctx.helm.as_ref())?;
    }
    for entry in &t.k.components {
        apply_component(t, entry, set, ctx).map_err(|e| t.entry_error("components", entry, e))?;
    }
    let transformers = plugin::load(t, plugin::Role::Transformer, ctx)?;
    // The schema in force now: kustomize's is global, set by the first kustomization
    // loaded that names one.
    set.openapi = ctx.openapi.clone();
    run_transformers(t, set)?;
    if !t.k.patches.is_empty() || !t.k.patches_strategic_merge.is_empty() {
        ctx.schema_loaded = true;
    }
    for p in &transformers {
        plugin::transform(t, set, p, plugin::Role::Transformer)?;
    }
    for p in &plugin::load(t, plugin::Role::Validator, ctx)? {
        plugin::validate(t, set, p)?;
    }
    vars::declare(&mut set.items, &mut set.vars, &t.k.vars).map_err(|message| {
        BuildError::Transform {
            file: t.file.clone(),
            field: "vars",
            message,
        }
    })
}

/// With buildMetadata: what a builtin generator or transformer of `t` records.
fn builtin_origin(t: &KustTarget, kind: &str) -> Option<buildmeta::ConfiguredBy> {
    let dir = t.origin.as_ref()?;
    Some(buildmeta::ConfiguredBy {
        configured_in: buildmeta::join(dir, &t.kust_name),
        api_version: "builtin".into(),
        kind: kind.into(),
        ..Default::default()
    })
}

/// configMapGenerator then secretGenerator entries, absorbed with their `behavior`, then
/// the objects of `helmCharts`.
fn run_generators(
    t: &KustTarget,
    set: &mut ResSet,
    helm: Option<&HelmOptions>,
) -> Result<(), BuildError> {
    let load = |path: &str| t.read_bytes("generator", path).map_err(|e| e.to_string());
    let global = t.k.generator_options.as_ref();
    let kinds = [
        (
            generator::Kind::ConfigMap,
            &t.k.config_map_generator,
            "configMapGenerator",
            "ConfigMapGenerator",
        ),
        (
            generator::Kind::Secret,
            &t.k.secret_generator,
            "secretGenerator",
            "SecretGenerator",
        ),
    ];
    for (kind, entries, field, plugin_kind) in kinds {
        let by = builtin_origin(t, plugin_kind);
        for args in entries {
            let fail = |message: String| BuildError::Transform {
                file: t.file.clone(),
                field,
                message,
            };
            let mut generated =
                generator::generate(kind, args, global, &load, &t.file).map_err(fail)?;
            if let Some(by) = &by {
                buildmeta::set_generated(&mut generated.resource, by);
            }
            generator::absorb(&mut set.items, generated).map_err(fail)?;
        }
    }
    set.reindex(&t.file)?;
    // Each chart's objects are added as it is inflated, so a duplicate stops the build
    // before the next chart runs, as in kustomize.
    let by = builtin_origin(t, "HelmChartInflationGenerator");
    for chart in &t.k.helm_charts {
        let globals = t.k.helm_globals.as_ref();
        let resources = helm::inflate(t, "helmCharts", chart, globals, helm, by.as_ref())?;
        set.append(resources, &t.file)?;
    }
    Ok(())
}

/// The builtin transformers, in kustomize's order. With buildMetadata, each transformer
/// kustomize would configure is recorded on every resource after it ran.
fn run_transformers(t: &KustTarget, set: &mut ResSet) -> Result<(), BuildError> {
    let k = &t.k;
    let fail = |field: &'static str| {
        move |message: String| BuildError::Transform {
            file: t.file.clone(),
            field,
            message,
        }
    };
    let record = |set: &mut ResSet, kind: &str| {
        if let Some(by) = builtin_origin(t, kind) {
            buildmeta::record_transformer(&mut set.items, &by);
        }
    };
    if !k.patches_strategic_merge.is_empty() {
        let texts = k
            .patches_strategic_merge
            .iter()
            .map(|p| t.strategic_merge_text(p))
            .collect::<Result<Vec<_>, _>>()?;
        patch::strategic_merge(&mut set.items, &texts, &set.openapi)
            .map_err(fail("patchesStrategicMerge"))?;
        record(set, "PatchStrategicMergeTransformer");
    }
    if !k.patches.is_empty() {
        let entries = t.patch_entries(&k.patches, "patches")?;
        for entry in entries.chunks(1) {
            patch::patches(&mut set.items, entry, &set.openapi).map_err(fail("patches"))?;
            record(set, "PatchTransformer");
        }
    }
    if let Some(ns) = k.namespace.as_deref().filter(|n| !n.is_empty()) {
        transform::namespace(
            &mut set.items,
            ns,
            &set.config.namespace,
            false,
            transform::BindingSubjects::DefaultOnly,
        )
        .map_err(fail("namespace"))?;
        set.reindex(&t.file)?;
        record(set, "NamespaceTransformer");
    }
    if let Some(prefix) = k.name_prefix.as_deref().filter(|p| !p.is_empty()) {
        transform::affix(&mut set.items, prefix, "", &set.config.name_prefix)
            .map_err(fail("namePrefix"))?;
        record(set, "PrefixTransformer");
    }
    if let Some(suffix) = k.name_suffix.as_deref().filter(|s| !s.is_empty()) {
        transform::affix(&mut set.items, "", suffix, &set.config.name_suffix)
            .map_err(fail("nameSuffix"))?;
        record(set, "SuffixTransformer");
    }
    for label in &k.labels {
        transform::labels(&mut set.items, label, &set.config).map_err(fail("labels"))?;
        record(set, "LabelTransformer");
    }
    if !k.labels.is_empty() || k.common_labels.as_ref().is_some_and(|l| !l.is_empty()) {
        if let Some(labels) = &k.common_labels {
            transform::common_labels(&mut set.items, labels, &set.config)
                .map_err(fail("commonLabels"))?;
        }
        record(set, "LabelTransformer");
    }
    if let Some(annotations) = k.common_annotations.as_ref().filter(|a| !a.is_empty()) {
        transform::common_annotations(&mut set.items, annotations, &set.config)
            .map_err(fail("commonAnnotations"))?;
        record(set, "AnnotationsTransformer");
    }
    if !k.patches_json6902.is_empty() {
        let entries = t.patch_entries(&k.patches_json6902, "patchesJson6902")?;
        for entry in entries.chunks(1) {
            patch::json6902(&mut set.items, entry).map_err(fail("patchesJson6902"))?;
            record(set, "PatchJson6902Transformer");
        }
    }
    for replica in &k.replicas {
        transform::replicas(&mut set.items, replica, &set.config.replicas)
            .map_err(fail("replicas"))?;
        record(set, "ReplicaCountTransformer");
    }
    for image in &k.images {
        transform::images(&mut set.items, image, &set.config.images).map_err(fail("images"))?;
        record(set, "ImageTagTransformer");
    }
    if !k.replacements.is_empty() {
        let list = t.resolve_replacements(&k.replacements, "replacements")?;
        replacement::apply(&mut set.items, &list)
            .map_err(|e| fail("replacements")(e.to_string()))?;
        record(set, "ReplacementTransformer");
    }
    set.reindex(&t.file)
}

/// What a `resources` entry adds: its resources and, for a kustomization, its
/// transformer configuration and vars.
struct LoadedEntry {
    resources: Vec<Resource>,
    config: Option<TransformerConfig>,
    vars: vars::VarSet,
}

fn load_resource_entry(
    t: &KustTarget,
    entry: &str,
    ctx: &mut Ctx,
) -> Result<LoadedEntry, BuildError> {
    if is_remote(entry) {
        return Err(BuildError::Remote {
            file: t.file.clone(),
            field: "resources",
            entry: entry.to_string(),
        });
    }
    let path = t.dir.join(entry);
    match t.read_plain(entry, &mut ctx.buf) {
        Some(files::Found::File { len }) => {
            let objects =
                source::objects_from_bytes(ctx.buf.bytes(len), &path.display().to_string())?;
            resources_from_objects(t, entry, &path, objects, ctx)
        }
        Some(files::Found::Dir) => load_sub_kustomization(t, entry, &path, ctx),
        None if path.is_dir() => load_sub_kustomization(t, entry, &path, ctx),
        None => load_resource_file(t, entry, &path, ctx),
    }
}

/// A `resources` entry that is a directory: the kustomization in it, built.
fn load_sub_kustomization(
    t: &KustTarget,
    entry: &str,
    path: &Path,
    ctx: &mut Ctx,
) -> Result<LoadedEntry, BuildError> {
    let mut sub = ctx.load(path)?;
    sub.origin = t.origin.as_ref().map(|dir| buildmeta::join(dir, entry));
    if sub.k.is_component() {
        return Err(BuildError::Invalid {
            file: sub.file,
            message: "a Component can only be listed under components, not resources".into(),
        });
    }
    ctx.enter(&sub.root)?;
    let mut set = ResSet::default();
    run_target(&sub, &mut set, ctx)?;
    ctx.stack.pop();
    Ok(LoadedEntry {
        resources: set.items,
        config: Some(set.config),
        vars: set.vars,
    })
}

/// A `resources` entry that is a file, read through the canonicalising path.
fn load_resource_file(
    t: &KustTarget,
    entry: &str,
    path: &Path,
    ctx: &mut Ctx,
) -> Result<LoadedEntry, BuildError> {
    let resolved = canonical(path)?;
    if !t.allows(&resolved) {
        return Err(BuildError::OutsideRoot {
            file: t.file.clone(),
            field: "resources",
            entry: entry.to_string(),
            root: t.root.display().to_string(),
        });
    }
    let objects = source::read_path(path)?;
    resources_from_objects(t, entry, path, objects, ctx)
}

/// The objects of a resource file as resources of the build.
fn resources_from_objects(
    t: &KustTarget,
    entry: &str,
    path: &Path,
    objects: Vec<crate::object::Object>,
    ctx: &mut Ctx,
) -> Result<LoadedEntry, BuildError> {
    let origin = t.origin.as_ref().map(|dir| buildmeta::join(dir, entry));
    if objects.iter().any(|o| {
        let v = o.as_value();
        let text = |k: &str| v.get(k).and_then(serde_json::Value::as_str).unwrap_or("");
        schema::loads_schema(text("apiVersion"), text("kind"))
    }) {
        ctx.schema_loaded = true;
        // Reading this kind makes kyaml load the schema in force.
        ctx.openapi.check().map_err(|message| BuildError::Invalid {
            file: path.display().to_string(),
            message,
        })?;
    }
    let resources = objects
        .into_iter()
        .map(|o| {
            let wants_hash = o
                .as_value()
                .pointer("/metadata/annotations")
                .and_then(|a| a.get(NEEDS_HASH_ANNOTATION))
                .and_then(serde_json::Value::as_str)
                == Some("enabled");
            let mut r = Resource::from_object(o);
            r.needs_hash = wants_hash;
            if let Some(origin) = &origin {
                buildmeta::set_path(&mut r, origin);
            }
            r
        })
        .collect();
    Ok(LoadedEntry {
        resources,
        config: None,
        vars: vars::VarSet::default(),
    })
}

fn apply_component(
    parent: &KustTarget,
    entry: &str,
    set: &mut ResSet,
    ctx: &mut Ctx,
) -> Result<(), BuildError> {
    if is_remote(entry) {
        return Err(BuildError::Remote {
            file: parent.file.clone(),
            field: "components",
            entry: entry.to_string(),
        });
    }
    let mut c = ctx.load(&parent.dir.join(entry))?;
    c.origin = parent
        .origin
        .as_ref()
        .map(|dir| buildmeta::join(dir, entry));
    if !c.k.is_component() {
        return Err(BuildError::Invalid {
            file: c.file,
            message: "components must have kind: Component".into(),
        });
    }
    ctx.enter(&c.root)?;
    run_target(&c, set, ctx)?;
    ctx.stack.pop();
    Ok(())
}

/// What makes a resource unique in a build: kustomize compares ids by effective namespace,
/// so `namespace: default` and no namespace are the same place.
fn unique_key(id: &ObjectId) -> ObjectId {
    ObjectId {
        namespace: resource::effective_namespace(id).to_string(),
        ..id.clone()
    }
}

/// The resources of a kustomization being built (refusing duplicate ids), with the
/// transformer configuration in force for it.
struct ResSet {
    items: Vec<Resource>,
    ids: IdSet,
    config: TransformerConfig,
    /// The OpenAPI schema strategic merge patches use.
    openapi: schema::OpenApi,
    /// The legacy `vars` declared so far.
    vars: vars::VarSet,
}

impl Default for ResSet {
    fn default() -> Self {
        ResSet {
            items: Vec::new(),
            ids: IdSet::default(),
            config: fieldspec::builtin().clone(),
            openapi: schema::OpenApi::Builtin,
            vars: vars::VarSet::default(),
        }
    }
}

impl ResSet {
    fn merge_config(&mut self, other: &TransformerConfig, file: &str) -> Result<(), BuildError> {
        self.config
            .merge(other)
            .map_err(|message| BuildError::Invalid {
                file: file.to_string(),
                message,
            })
    }

    /// Rebuilds the id index after transformers renamed or removed resources, refusing
    /// collisions they created.
    fn reindex(&mut self, file: &str) -> Result<(), BuildError> {
        self.ids.clear();
        for r in &self.items {
            let id = r.object().id().clone();
            if !self.ids.insert(unique_key(&id)) {
                return Err(BuildError::DuplicateId {
                    file: file.to_string(),
                    id: Box::new(id),
                });
            }
        }
        Ok(())
    }

    fn append(&mut self, resources: Vec<Resource>, file: &str) -> Result<(), BuildError> {
        for r in resources {
            let id = r.object().id().clone();
            if !self.ids.insert(unique_key(&id)) {
                return Err(BuildError::DuplicateId {
                    file: file.to_string(),
                    id: Box::new(id),
                });
            }
            self.items.push(r);
        }
        Ok(())
    }
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
