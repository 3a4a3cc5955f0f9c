//! The native kustomize engine. This first slice accumulates `resources` (files and
//! directories holding a kustomization), refuses files outside the kustomization root and
//! cycles between kustomizations, and orders the result like `kustomize build`.

use crate::object::{sort_legacy_kustomize, Object};
use crate::source::{self, SourceError};
use crate::yaml;
use serde_json::Value;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The file names kustomize looks for, in its order of preference.
pub const KUSTOMIZATION_FILES: [&str; 3] =
    ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// Fields of a Kustomization that later slices of the engine implement.
const NOT_YET_SUPPORTED: [&str; 30] = [
    "bases",
    "buildMetadata",
    "commonAnnotations",
    "commonLabels",
    "components",
    "configMapGenerator",
    "configurations",
    "crds",
    "generatorOptions",
    "generators",
    "helmChartInflationGenerator",
    "helmCharts",
    "helmGlobals",
    "images",
    "imageTags",
    "labels",
    "namePrefix",
    "nameSuffix",
    "namespace",
    "openapi",
    "patches",
    "patchesJson6902",
    "patchesStrategicMerge",
    "replacements",
    "replicas",
    "secretGenerator",
    "sortOptions",
    "transformers",
    "validators",
    "vars",
];
const ACCEPTED: [&str; 4] = ["apiVersion", "kind", "metadata", "resources"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reorder {
    /// kustomize's default: by kind (Namespace first, webhooks last), then id.
    #[default]
    Legacy,
    /// Keep the order resources were accumulated in.
    None,
}

#[derive(Debug, Error)]
pub enum BuildError {
    #[error("{dir}: no kustomization file (looked for {})", KUSTOMIZATION_FILES.join(", "))]
    NoKustomization { dir: String },
    #[error("{dir}: found more than one kustomization file ({})", found.join(", "))]
    SeveralKustomizations { dir: String, found: Vec<String> },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("{file}: field {field} is not supported by kzr yet")]
    Unsupported { file: String, field: String },
    #[error("{file}: resources: {entry}: remote resources are not supported")]
    Remote { file: String, entry: String },
    #[error("{file}: resources: {entry}: {source}")]
    Resource {
        file: String,
        entry: String,
        source: Box<BuildError>,
    },
    #[error("{file}: resources: {entry}: file is outside the kustomization root {root} (load restrictor LoadRestrictionsRootOnly)")]
    OutsideRoot {
        file: String,
        entry: String,
        root: String,
    },
    #[error("{dir}: kustomization cycle: it includes itself through {via}")]
    Cycle { dir: String, via: String },
    #[error(transparent)]
    Source(#[from] SourceError),
}

/// Builds the kustomization in `dir`, as `kubectl kustomize DIR` does.
pub fn build(dir: &Path, reorder: Reorder) -> Result<Vec<Object>, BuildError> {
    let mut stack = Vec::new();
    let mut objects = accumulate(dir, &mut stack)?;
    finish(&mut objects, reorder)?;
    Ok(objects)
}

/// Builds an implicit kustomization whose resources are `paths` (`kzr build -f`).
pub fn build_files(paths: &[PathBuf], reorder: Reorder) -> Result<Vec<Object>, BuildError> {
    let mut objects = source::read_paths(paths)?;
    finish(&mut objects, reorder)?;
    Ok(objects)
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

fn canonical(path: &Path) -> Result<PathBuf, BuildError> {
    path.canonicalize().map_err(|source| {
        BuildError::Source(SourceError::Io {
            path: path.display().to_string(),
            source,
        })
    })
}

fn accumulate(dir: &Path, stack: &mut Vec<PathBuf>) -> Result<Vec<Object>, BuildError> {
    let root = canonical(dir)?;
    if let Some(visited) = stack.iter().find(|v| v.starts_with(&root)) {
        return Err(BuildError::Cycle {
            dir: root.display().to_string(),
            via: visited.display().to_string(),
        });
    }
    let file = kustomization_file(dir)?;
    let file_name = file.display().to_string();
    let resources = read_kustomization(&file)?;
    stack.push(root.clone());
    let mut objects = Vec::new();
    for entry in resources {
        let wrap = |source: BuildError| BuildError::Resource {
            file: file_name.clone(),
            entry: entry.clone(),
            source: Box::new(source),
        };
        if is_remote(&entry) {
            return Err(BuildError::Remote {
                file: file_name,
                entry,
            });
        }
        let path = dir.join(&entry);
        if path.is_dir() {
            objects.extend(accumulate(&path, stack).map_err(wrap)?);
            continue;
        }
        let resolved = canonical(&path).map_err(wrap)?;
        if !resolved.starts_with(&root) {
            return Err(BuildError::OutsideRoot {
                file: file_name,
                entry,
                root: root.display().to_string(),
            });
        }
        objects.extend(source::read_path(&path).map_err(|e| wrap(e.into()))?);
    }
    stack.pop();
    source::ensure_unique(&objects)?;
    Ok(objects)
}

fn is_remote(entry: &str) -> bool {
    entry.contains("://") || entry.starts_with("git@") || entry.starts_with("github.com/")
}

/// Reads a kustomization file and returns its `resources`.
fn read_kustomization(file: &Path) -> Result<Vec<String>, BuildError> {
    let name = file.display().to_string();
    let invalid = |message: String| BuildError::Invalid {
        file: name.clone(),
        message,
    };
    let bytes = std::fs::read(file).map_err(|source| SourceError::Io {
        path: name.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
        path: name.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let docs = yaml::parse_documents(&text).map_err(|e| invalid(e.to_string()))?;
    let map = match docs.as_slice() {
        [] => return Ok(Vec::new()),
        [doc] => match &doc.value {
            Value::Object(m) => m.clone(),
            _ => return Err(invalid("a kustomization must be a mapping".into())),
        },
        _ => return Err(invalid("a kustomization must be a single document".into())),
    };
    for key in map.keys() {
        if NOT_YET_SUPPORTED.contains(&key.as_str()) {
            return Err(BuildError::Unsupported {
                file: name.clone(),
                field: key.clone(),
            });
        }
        if !ACCEPTED.contains(&key.as_str()) {
            return Err(invalid(format!("unknown field {key:?}")));
        }
    }
    if let Some(kind) = map.get("kind").and_then(Value::as_str) {
        if kind != "Kustomization" {
            return Err(invalid(format!(
                "kind {kind:?} is not supported here; expected Kustomization"
            )));
        }
    }
    match map.get("resources") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(invalid(format!("resources: entry {other} is not a string"))),
            })
            .collect(),
        Some(_) => Err(invalid("resources must be a list of paths".into())),
    }
}
