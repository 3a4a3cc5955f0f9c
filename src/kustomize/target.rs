//! One kustomization being built (kustomize's `KustTarget`): loading it, accumulating its
//! resources, bases and components, and running its generators and transformers.

use super::error::BuildError;
use super::fieldspec::TransformerConfig;
use super::helm::HelmOptions;
use super::kustomization::{self, Kustomization};
use super::loader::{self, is_remote, LoadRestrictor, Loader};
use super::plugin;
use super::resource::{self, Resource};
use super::resset::ResSet;
use super::{buildmeta, crds, files, schema, vars};
use crate::source::{self, SourceError};
use std::path::{Path, PathBuf};

const NEEDS_HASH_ANNOTATION: &str = "internal.config.kubernetes.io/needsHashSuffix";

/// State of one build: the kustomizations being built (for cycle detection) and the
/// warnings kustomize would print.
#[derive(Default)]
pub struct Ctx {
    stack: Vec<PathBuf>,
    pub warnings: Vec<String>,
    load_restrictor: LoadRestrictor,
    /// The top-level kustomization's `buildMetadata`.
    pub build_metadata: Vec<String>,
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
    pub fn new(load_restrictor: LoadRestrictor, helm: Option<HelmOptions>) -> Self {
        Ctx {
            load_restrictor,
            helm,
            ..Ctx::default()
        }
    }

    /// Loads a kustomization, recording its deprecation warnings.
    pub fn load(&mut self, dir: &Path) -> Result<KustTarget, BuildError> {
        let t = KustTarget::load(dir, self.load_restrictor, &self.real_dirs)?;
        self.warnings.extend(t.k.deprecation_warnings());
        let top = !std::mem::replace(&mut self.loaded_top, true);
        self.choose_openapi(&t, top)?;
        Ok(t)
    }

    /// kustomize's `openapi.SetSchema` for a kustomization just loaded: the top-level one
    /// always sets the schema in force (see [`resource::set_schema`]); a sub-kustomization
    /// only when none is set yet (its file is read, and must exist, either way).
    fn choose_openapi(&mut self, t: &KustTarget, top: bool) -> Result<(), BuildError> {
        let Some(field) = t.k.openapi.as_ref().filter(|v| !v.is_null()) else {
            if top {
                self.openapi_set = false;
            }
            return Ok(());
        };
        let invalid = |message: String| BuildError::Invalid {
            file: t.ldr.file.clone(),
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
            Some(path) => Some(t.ldr.read_bytes("openapi", path)?),
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
            resource::set_schema(match schema::CustomSchema::parse(&bytes) {
                Ok(custom) => schema::OpenApi::Custom {
                    schema: std::sync::Arc::new(custom),
                    over_builtin: self.schema_loaded,
                },
                Err(message) => {
                    let error = t.ldr.entry_error(
                        "openapi",
                        path,
                        BuildError::Invalid {
                            file: t.ldr.dir.join(path).display().to_string(),
                            message,
                        },
                    );
                    schema::OpenApi::Invalid(error.to_string().into())
                }
            });
            self.openapi_set = true;
            return Ok(());
        }
        match version.as_deref().unwrap_or("") {
            "" => self.openapi_set = false,
            v if schema::BUILTIN_VERSIONS.contains(&v) => {
                resource::set_schema(schema::OpenApi::Builtin);
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
    pub fn enter(&mut self, root: &Path) -> Result<(), BuildError> {
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
pub struct KustTarget {
    /// Reads the files the kustomization names.
    pub ldr: Loader,
    /// The kustomization file's name (`kustomization.yaml`, …).
    pub kust_name: String,
    /// With buildMetadata: this kustomization's directory relative to the top-level one
    /// (kustomize's `origin.path`).
    pub origin: Option<String>,
    pub k: Kustomization,
}

impl KustTarget {
    /// With buildMetadata: the kustomization file relative to the top-level directory, where
    /// the plugins its fields and inline entries configure are recorded as configured.
    fn configured_in(&self) -> Option<String> {
        let dir = self.origin.as_ref()?;
        Some(buildmeta::join(dir, &self.kust_name))
    }

    fn load(
        dir: &Path,
        restrictor: LoadRestrictor,
        real_dirs: &files::RealDirs,
    ) -> Result<Self, BuildError> {
        let root = loader::canonical(dir)?;
        let path = loader::kustomization_file(dir)?;
        let file = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|e| loader::io_error(&path, e))?;
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
            ldr: Loader {
                dir: dir.to_path_buf(),
                root,
                restrictor,
                file,
                real_dirs: real_dirs.clone(),
            },
            kust_name,
            origin: None,
            k,
        };
        Ok(target)
    }
}

/// Turns a `configurations` or `crds` file into transformer configuration.
type ConfigParser = fn(&[u8]) -> Result<TransformerConfig, String>;

/// Resources, generators, components, transformers: the body of one kustomization, applied
/// to `set` (which a component shares with its parent).
pub fn run_target(t: &KustTarget, set: &mut ResSet, ctx: &mut Ctx) -> Result<(), BuildError> {
    for entry in &t.k.resources {
        let loaded = load_resource_entry(t, entry, ctx)
            .map_err(|e| t.ldr.entry_error("resources", entry, e))?;
        set.append(loaded.resources, &t.ldr.file)?;
        if let Some(config) = loaded.config {
            set.merge_config(&config, &t.ldr.file)?;
        }
        set.vars.merge(loaded.vars.into_vars()).map_err(|message| {
            let source = BuildError::Invalid {
                file: t.ldr.dir.join(entry).display().to_string(),
                message,
            };
            t.ldr.entry_error("resources", entry, source)
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
            let config = parse(&t.ldr.read_bytes(field, entry)?).map_err(|message| {
                let source = BuildError::Invalid {
                    file: entry.clone(),
                    message,
                };
                t.ldr.entry_error(field, entry, source)
            })?;
            set.merge_config(&config, &t.ldr.file)?;
        }
    }
    let configured_in = t.configured_in();
    let configured_in = configured_in.as_deref();
    let generators = load_plugins(t, plugin::Role::Generator, ctx)?;
    plugin::run_builtin_generators(&t.ldr, &t.k, configured_in, set, ctx.helm.as_ref())?;
    for g in &generators {
        plugin::generate(&t.ldr, set, g, ctx.helm.as_ref())?;
        set.reindex(&t.ldr.file)?;
    }
    for entry in &t.k.components {
        apply_component(t, entry, set, ctx)
            .map_err(|e| t.ldr.entry_error("components", entry, e))?;
    }
    let transformers = load_plugins(t, plugin::Role::Transformer, ctx)?;
    // The schema strategic merge patches use: the one in force now (kustomize's is global,
    // set by the first kustomization loaded that names one), also for validators loaded
    // below.
    let openapi = resource::current_schema();
    plugin::run_builtin_transformers(&t.ldr, &t.k, configured_in, set, &openapi)?;
    for p in &transformers {
        plugin::transform(&t.ldr, set, p, &openapi)?;
        set.reindex(&t.ldr.file)?;
        plugin::record(set, p);
    }
    ctx.schema_loaded |= set.merged_strategically;
    for p in &load_plugins(t, plugin::Role::Validator, ctx)? {
        plugin::validate(&t.ldr, set, p, &openapi)?;
    }
    vars::declare(&mut set.items, &mut set.vars, &t.k.vars).map_err(|message| {
        BuildError::Transform {
            file: t.ldr.file.clone(),
            field: "vars",
            message,
        }
    })
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
            file: t.ldr.file.clone(),
            field: "resources",
            entry: entry.to_string(),
        });
    }
    let path = t.ldr.dir.join(entry);
    match t.ldr.read_plain(entry, &mut ctx.buf) {
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
            file: sub.ldr.file,
            message: "a Component can only be listed under components, not resources".into(),
        });
    }
    ctx.enter(&sub.ldr.root)?;
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
    let resolved = loader::canonical(path)?;
    if !t.ldr.allows(&resolved) {
        return Err(BuildError::OutsideRoot {
            file: t.ldr.file.clone(),
            field: "resources",
            entry: entry.to_string(),
            root: t.ldr.root.display().to_string(),
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
        resource::current_schema()
            .check()
            .map_err(|message| BuildError::Invalid {
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
            file: parent.ldr.file.clone(),
            field: "components",
            entry: entry.to_string(),
        });
    }
    let mut c = ctx.load(&parent.ldr.dir.join(entry))?;
    c.origin = parent
        .origin
        .as_ref()
        .map(|dir| buildmeta::join(dir, entry));
    if !c.k.is_component() {
        return Err(BuildError::Invalid {
            file: c.ldr.file,
            message: "components must have kind: Component".into(),
        });
    }
    ctx.enter(&c.ldr.root)?;
    run_target(&c, set, ctx)?;
    ctx.stack.pop();
    Ok(())
}

/// Loads the configs a `generators:`, `transformers:` or `validators:` list names: inline
/// entries first (in order), then files and directories (in order), as kustomize does.
fn load_plugins(
    t: &KustTarget,
    role: plugin::Role,
    ctx: &mut Ctx,
) -> Result<Vec<plugin::Loaded>, BuildError> {
    let entries = match role {
        plugin::Role::Generator => &t.k.generators,
        plugin::Role::Transformer => &t.k.transformers,
        plugin::Role::Validator => &t.k.validators,
    };
    let field = role.field();
    let mut set = ResSet::default();
    let mut paths = Vec::new();
    let inline_origin = t.configured_in();
    for entry in entries {
        match crate::object::read_objects(entry, &t.ldr.file) {
            Ok(objects) => {
                let resources = objects
                    .into_iter()
                    .map(|o| {
                        let mut r = Resource::from_object(o);
                        if let Some(path) = &inline_origin {
                            buildmeta::set_path(&mut r, path);
                        }
                        r
                    })
                    .collect();
                set.append(resources, &t.ldr.file)?;
            }
            // A multi-line entry is meant as inline YAML: say why it is not a config
            // rather than failing to open it as a file.
            Err(e) if entry.trim_end().contains('\n') => {
                return Err(BuildError::Transform {
                    file: t.ldr.file.clone(),
                    field,
                    message: format!("inline entry is not a plugin config: {e}"),
                })
            }
            Err(_) => paths.push(entry),
        }
    }
    for entry in paths {
        let loaded =
            load_resource_entry(t, entry, ctx).map_err(|e| t.ldr.entry_error(field, entry, e))?;
        set.append(loaded.resources, &t.ldr.file)?;
    }
    set.items
        .iter()
        .map(|r| {
            plugin::from_config(r, role).map_err(|message| BuildError::Transform {
                file: t.ldr.file.clone(),
                field,
                message,
            })
        })
        .collect()
}
