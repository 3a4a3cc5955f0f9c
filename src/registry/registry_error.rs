//! [`RegistryError`]: what goes wrong with an artifact reference or a registry operation, each
//! variant naming the reference it is about, and the hint the CLI shows for it. Failures of
//! one HTTP exchange are `error`'s `HttpError`s until the client adds the reference.

use super::layout::LayoutError;
use crate::artifact::ArtifactError;
use crate::net::Problem;
use thiserror::Error;

/// What went wrong with an artifact reference or a registry operation.
#[derive(Debug, Error)]
pub enum RegistryError {
    #[error("invalid artifact reference {url:?}: {reason}")]
    InvalidReference { url: String, reason: String },
    #[error("{flag} {reason}")]
    Flag { flag: &'static str, reason: String },
    #[error("artifact not found: {0}")]
    NotFound(String),
    #[error("repository not found: {0}")]
    RepositoryNotFound(String),
    #[error("authentication required for {0}")]
    Unauthorized(String),
    #[error("credentials rejected for {user} at {registry} (401)")]
    CredentialsRejected { user: String, registry: String },
    #[error("access denied to {0}")]
    Denied(String),
    #[error("{reference}: {} the registry at {registry}: {problem}", if problem.is_transient() { "cannot reach" } else { "cannot talk to" })]
    Unreachable {
        reference: String,
        registry: String,
        /// Whether kzr used plain HTTP (loopback, or --plain-http).
        plain_http: bool,
        problem: Problem,
    },
    #[error("{reference}: {message}")]
    Transport { reference: String, message: String },
    #[error("{reference}: {error}")]
    Artifact {
        reference: String,
        error: ArtifactError,
    },
    #[error("{reference}: the registry at {registry} did not answer within {}", crate::deadline::human(*after))]
    Timeout {
        reference: String,
        registry: String,
        after: std::time::Duration,
    },
    #[error(transparent)]
    Layout(#[from] LayoutError),
    #[error("{reference}: manifest digest is {actual}, not the {expected} asked for")]
    ManifestDigest {
        reference: String,
        expected: String,
        actual: String,
    },
}

impl crate::explain::Hint for RegistryError {
    fn hint(&self) -> Option<&'static str> {
        match self {
            RegistryError::InvalidReference { reason, .. } if reason.contains("credentials") => {
                Some("pass credentials with --creds USER:PASSWORD (or KZR_CREDS), a Docker config.json, or a plan's OCIAuth")
            }
            RegistryError::Unauthorized(_) => Some(
                "pass --creds USER:PASSWORD (or set KZR_CREDS), or log in with docker login",
            ),
            RegistryError::CredentialsRejected { .. } => Some(
                "check the user and password (--creds, KZR_CREDS, Docker's config.json or the plan's OCIAuth)",
            ),
            RegistryError::Unreachable {
                problem, plain_http, ..
            } => match problem {
                Problem::NotTls => Some("the registry serves plain HTTP: pass --plain-http"),
                Problem::Certificate(_) => {
                    Some("pass --ca-file with the CA certificate that signed the registry's certificate")
                }
                Problem::NeedsTls => Some(
                    "pass --ca-file with the registry's CA certificate (loopback registries are reached over plain HTTP otherwise)",
                ),
                Problem::Reset if *plain_http => Some(
                    "if the registry serves TLS, pass --ca-file with its CA (loopback registries are reached over plain HTTP otherwise)",
                ),
                Problem::Refused | Problem::Dns => Some("check the registry's host and port"),
                _ => None,
            },
            RegistryError::Timeout { .. } => {
                Some("check that the registry is up and reachable, or raise --timeout")
            }
            RegistryError::Layout(e) => e.hint(),
            RegistryError::Artifact {
                error: ArtifactError::UnknownFormat { .. },
                ..
            } => Some(
                "a copy that converts the manifest (skopeo copy without --preserve-digests) drops the annotations kzr reads: copy it unchanged",
            ),
            _ => None,
        }
    }
}
