//! The errors of a build: each names the kustomization file and the field it is about.

use super::gopath;
use super::kustomization::KUSTOMIZATION_FILES;
use crate::object::ObjectId;
use crate::source::SourceError;
use thiserror::Error;

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
