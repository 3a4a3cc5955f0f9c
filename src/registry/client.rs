//! [`Registry`], the one client for artifact references, and what its operations share: the
//! [`Options`] it is built from (TLS, credentials, deadline), request URLs, the mapping of
//! HTTP failures to [`RegistryError`]s naming the reference, and [`block_on`] for the
//! synchronous CLI. The operations are in `push`, `pull`, `manifest`, `tag`, `copy` and
//! `list`; layouts and archives on disk in `disk`.

use super::artifact_ref::ArtifactRef;
use super::credentials::{self, Credentials};
use super::error::HttpError;
use super::reference;
use super::registry_error::RegistryError;
use super::transport::Transport;
use crate::artifact::ArtifactError;
use crate::deadline::Deadline;
use reqwest::Url;
use std::collections::HashMap;
use std::path::PathBuf;

/// Manifests larger than this are refused (registries cap them at 4 MiB).
pub(super) const MANIFEST_LIMIT: u64 = 8 * 1024 * 1024;

/// How to reach registries.
#[derive(Clone, Default)]
pub struct Options {
    /// Use plain HTTP for every registry (loopback hosts use it unless a CA file is given).
    pub plain_http: bool,
    /// `user:password`; when absent, Docker's configuration is consulted, else anonymous.
    pub creds: Option<String>,
    /// A PEM file with extra CA certificates to trust (implies TLS, also on loopback).
    pub ca_file: Option<std::path::PathBuf>,
    /// Show progress bars for blob transfers on stderr (the CLI sets it only for a terminal
    /// without `--quiet`, `NO_COLOR` or `-o json`).
    pub progress: bool,
    /// When the verb must be done: requests and retries stop there.
    pub deadline: Deadline,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("plain_http", &self.plain_http)
            .field("creds", &self.creds.as_ref().map(|_| "***"))
            .field("ca_file", &self.ca_file)
            .field("progress", &self.progress)
            .field("deadline", &self.deadline)
            .finish()
    }
}

/// A client for one or more registries with one set of credentials.
pub struct Registry {
    pub(super) http: Transport,
    pub(super) progress: bool,
    /// `oci-archive:` files unpacked for this client, by archive path: reads and writes go
    /// to the unpacked layout, and each manifest written repacks the archive.
    pub(super) archives: std::sync::Mutex<HashMap<PathBuf, crate::tempdir::TempDir>>,
}

impl Registry {
    /// A client for the registries of `artifacts`.
    pub fn new(artifacts: &[&ArtifactRef], options: &Options) -> Result<Self, RegistryError> {
        // One TLS provider for the whole process (kube and reqwest must agree).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let bad_flag = |flag: &'static str, reason: String| RegistryError::Flag { flag, reason };
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("kzr/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(std::time::Duration::from_secs(30))
            .read_timeout(std::time::Duration::from_secs(300));
        if let Some(path) = &options.ca_file {
            let data = std::fs::read(path).map_err(|e| {
                bad_flag(
                    "--ca-file",
                    format!("{}: {}", path.display(), crate::explain::io_words(&e)),
                )
            })?;
            let certificates = reqwest::Certificate::from_pem_bundle(&data)
                .ok()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| {
                    bad_flag(
                        "--ca-file",
                        format!("{}: no PEM certificates", path.display()),
                    )
                })?;
            builder = builder.tls_certs_merge(certificates);
        }
        let client = builder.build().map_err(|e| RegistryError::Transport {
            reference: "registry client".into(),
            message: HttpError::from_reqwest(e).to_string(),
        })?;
        // `--creds` apply to every registry; otherwise each registry gets its own entry from
        // Docker's configuration (never one registry's secret for another).
        let explicit = match options.creds.as_deref() {
            Some(c) => {
                let (user, pass) = c.split_once(':').ok_or_else(|| {
                    bad_flag("--creds", "credentials must be user:password".into())
                })?;
                Some(Credentials {
                    username: user.to_string(),
                    secret: pass.to_string(),
                })
            }
            None => None,
        };
        let mut credentials = HashMap::new();
        for artifact in artifacts.iter().filter(|t| t.is_registry()) {
            let host = artifact.host().to_string();
            if credentials.contains_key(&host) {
                continue;
            }
            let found = match &explicit {
                Some(c) => Some(c.clone()),
                None => credentials::from_docker_config(&host).map_err(|message| {
                    RegistryError::Transport {
                        reference: host.clone(),
                        message,
                    }
                })?,
            };
            if let Some(c) = found {
                credentials.insert(host, c);
            }
        }
        Ok(Registry {
            http: Transport::new(
                client,
                options.plain_http,
                options.ca_file.is_some(),
                credentials,
                options.deadline,
            ),
            progress: options.progress,
            archives: std::sync::Mutex::new(HashMap::new()),
        })
    }

    pub(super) fn map_error(&self, artifact: &ArtifactRef, e: HttpError) -> RegistryError {
        match e {
            HttpError::NotFound => RegistryError::NotFound(artifact.to_string()),
            HttpError::Unauthorized => match self.http.user(artifact.host()) {
                Some(user) => RegistryError::CredentialsRejected {
                    user: user.to_string(),
                    registry: artifact.reference.registry().to_string(),
                },
                None => RegistryError::Unauthorized(artifact.repository_url()),
            },
            HttpError::Connection(problem) => RegistryError::Unreachable {
                reference: artifact.to_string(),
                registry: artifact.reference.registry().to_string(),
                plain_http: self.http.plain_http(artifact.host()),
                problem,
            },
            HttpError::Denied => RegistryError::Denied(artifact.repository_url()),
            HttpError::TimedOut { limit } => RegistryError::Timeout {
                reference: artifact.to_string(),
                registry: artifact.host().to_string(),
                after: limit,
            },
            other => RegistryError::Transport {
                reference: artifact.to_string(),
                message: other.to_string(),
            },
        }
    }

    pub(super) fn url(&self, artifact: &ArtifactRef, path: &str) -> Result<Url, RegistryError> {
        self.http
            .url(
                artifact.host(),
                &format!("{}/{path}", artifact.repository()),
            )
            .map_err(|e| self.map_error(artifact, e))
    }

    /// `…/manifests/<digest or tag>`; the tag is checked here too, since `with_tag` takes
    /// it from the command line and it goes into the URL path.
    pub(super) fn manifest_url(&self, artifact: &ArtifactRef) -> Result<Url, RegistryError> {
        let name = artifact.reference.manifest_reference();
        if !(reference::valid_digest(name) || reference::valid_tag(name)) {
            return Err(RegistryError::InvalidReference {
                url: artifact.to_string(),
                reason: "invalid tag".into(),
            });
        }
        self.url(artifact, &format!("manifests/{name}"))
    }

    pub(super) fn checked_digest<'a>(
        artifact: &ArtifactRef,
        digest: &'a str,
    ) -> Result<&'a str, RegistryError> {
        if reference::valid_digest(digest) {
            Ok(digest)
        } else {
            Err(RegistryError::Artifact {
                reference: artifact.to_string(),
                error: ArtifactError::BadManifest(format!("invalid digest {digest:?}")),
            })
        }
    }
}

/// Runs a registry operation to completion on a small runtime (the CLI is synchronous).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime can be created")
        .block_on(f)
}
