//! The library's top-level error, and the hint the CLI prints under it.

use crate::config::ConfigError;
use crate::explain::Hint;
use crate::kustomize::BuildError;
use crate::object::ObjectError;
use crate::registry::RegistryError;
use crate::source::SourceError;
use crate::yaml::EmitError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Emit(#[from] EmitError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Config(#[from] ConfigError),
}

impl From<ObjectError> for Error {
    fn from(e: ObjectError) -> Self {
        Error::Source(e.into())
    }
}

impl Hint for Error {
    fn hint(&self) -> Option<&'static str> {
        match self {
            Error::Build(e) => build_hint(e),
            Error::Config(e) => e.hint(),
            Error::Source(e) => source_hint(e),
            Error::Registry(e) => e.hint(),
            _ => None,
        }
    }
}

/// The hint for a build error, looking through the entries (bases, components) it came
/// from.
fn build_hint(e: &BuildError) -> Option<&'static str> {
    match e {
        BuildError::NoKustomization { .. } => {
            Some("pass a directory with a kustomization.yaml, or use -f for plain manifests")
        }
        BuildError::Remote { .. } => {
            Some("vendor the remote base into the repository and refer to it by path")
        }
        BuildError::OutsideRoot { .. } => {
            Some("move the file under the kustomization directory, or refer to a directory with its own kustomization")
        }
        BuildError::HelmNotEnabled { .. } => {
            Some("pass --enable-helm, and --helm-command PATH when helm is not on PATH")
        }
        BuildError::Source(e) => source_hint(e),
        // A base without a kustomization is not fixed by `-f`.
        BuildError::Entry { cause, .. }
            if !matches!(**cause, BuildError::NoKustomization { .. }) =>
        {
            build_hint(cause)
        }
        _ => None,
    }
}

fn source_hint(e: &SourceError) -> Option<&'static str> {
    match e {
        SourceError::Object(ObjectError::Parse {
            looks_templated: true,
            ..
        }) => {
            Some("manifests are plain YAML: only the namespace of a deploy plan is templated, never manifest text")
        }
        SourceError::Duplicate(_) => Some("each object (kind, namespace, name) may appear only once"),
        _ => None,
    }
}

impl Hint for BuildError {
    fn hint(&self) -> Option<&'static str> {
        build_hint(self)
    }
}

impl Hint for SourceError {
    fn hint(&self) -> Option<&'static str> {
        source_hint(self)
    }
}

/// The hint for any error the CLI reports: that of the outermost error in its chain (seen
/// through any context added on the way) that is one of the library's error types. Inner
/// causes are not asked: the outer error knows whether their hint still applies.
pub fn hint_for(e: &anyhow::Error) -> Option<&'static str> {
    fn as_hint<'e>(cause: &'e (dyn std::error::Error + 'static)) -> Option<&'e dyn Hint> {
        macro_rules! first_of {
            ($($t:ty),*) => {
                None$(.or_else(|| cause.downcast_ref::<$t>().map(|h| h as &dyn Hint)))*
            };
        }
        first_of!(
            Error,
            BuildError,
            SourceError,
            ConfigError,
            RegistryError,
            crate::cluster::ClusterError,
            crate::changeset::SavedPlanError,
            crate::signature::SignatureError,
            crate::signature::KeyError
        )
    }
    e.chain().find_map(as_hint).and_then(Hint::hint)
}
