//! OCI registries: `oci://` references, connecting (plain HTTP for loopback hosts or
//! `--plain-http`, TLS otherwise), credentials, retries on transient failures, and the
//! operations the artifact verbs need, over kzr's own small distribution-API client
//! (`transport`, `auth`). Credentials never appear in errors or logs.

mod auth;
pub mod credentials;
mod error;
pub mod layout;
mod progress;
pub mod reference;
mod transport;

pub use reference::Reference;

use crate::artifact::{self, ArtifactError, Manifest, Packed, DOCKER_MANIFEST, OCI_MANIFEST};
use crate::deadline::Deadline;
use crate::net::Problem;
use auth::Scope;
use bytes::Bytes;
use credentials::Credentials;
use error::HttpError;
use layout::{Layout, LayoutError, ReadError};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, LINK, LOCATION};
use reqwest::{Method, Url};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;
use transport::{Request, Transport};

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

impl crate::error::Hint for RegistryError {
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

/// Where an artifact reference points: a registry (`oci://`), an OCI image layout directory
/// (`oci-layout:`) or the same layout in one tar file (`oci-archive:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Registry,
    Layout(PathBuf),
    Archive(PathBuf),
}

/// A parsed artifact reference: `oci://HOST/REPOSITORY[:TAG][@DIGEST]`,
/// `oci-layout:DIR[:TAG|@DIGEST]` or `oci-archive:FILE[:TAG|@DIGEST]`. For the layout kinds
/// the reference's registry is empty and its repository is the path; a layout reference
/// without tag or digest names the layout's only manifest.
#[derive(Debug, Clone)]
pub struct ArtifactRef {
    pub reference: Reference,
    location: Location,
}

/// The prefix of layout directory references.
pub const LAYOUT_SCHEME: &str = "oci-layout:";
/// The prefix of layout archive references.
pub const ARCHIVE_SCHEME: &str = "oci-archive:";

impl ArtifactRef {
    /// Parses an artifact reference. `oci://[host[:port]/]path[:tag][@algorithm:hex]`: a
    /// missing host is Docker Hub (one-segment paths get `library/`), a missing tag and
    /// digest is `latest`; with a digest, the digest is what is fetched. `oci-layout:DIR` and
    /// `oci-archive:FILE` take an optional `:TAG` (after the last `/`) or `@DIGEST`.
    pub fn parse(url: &str) -> Result<Self, RegistryError> {
        let bad = |reason: &str| RegistryError::InvalidReference {
            url: reference::without_userinfo(url),
            reason: reason.to_string(),
        };
        if let Some(rest) = url.strip_prefix(LAYOUT_SCHEME) {
            return Self::parse_layout(url, rest, false);
        }
        if let Some(rest) = url.strip_prefix(ARCHIVE_SCHEME) {
            return Self::parse_layout(url, rest, true);
        }
        let rest = url
            .strip_prefix("oci://")
            .ok_or_else(|| bad("must start with oci://, oci-layout: or oci-archive:"))?;
        let reference = Reference::parse(rest).map_err(bad)?;
        Ok(ArtifactRef {
            reference,
            location: Location::Registry,
        })
    }

    /// `PATH[:TAG][@DIGEST]` of a layout or archive reference.
    fn parse_layout(url: &str, rest: &str, archive: bool) -> Result<Self, RegistryError> {
        let bad = |reason: &str| RegistryError::InvalidReference {
            url: url.to_string(),
            reason: reason.to_string(),
        };
        let (path_tag, digest) = match rest.rsplit_once('@') {
            Some((p, d)) if d.contains(':') => {
                if !reference::valid_digest(d) {
                    return Err(bad("invalid digest (expected sha256:<64 hex digits>)"));
                }
                (p, Some(d.to_string()))
            }
            _ => (rest, None),
        };
        let (path, tag) = match path_tag.rsplit_once(':') {
            Some((p, t)) if !t.contains('/') => {
                if !reference::valid_tag(t) {
                    return Err(bad("invalid tag"));
                }
                (p, Some(t.to_string()))
            }
            _ => (path_tag, None),
        };
        if path.is_empty() {
            return Err(bad(if archive {
                "give the archive file: oci-archive:FILE.tar[:TAG]"
            } else {
                "give the layout directory: oci-layout:DIR[:TAG|@DIGEST]"
            }));
        }
        let location = if archive {
            Location::Archive(PathBuf::from(path))
        } else {
            Location::Layout(PathBuf::from(path))
        };
        Ok(ArtifactRef {
            reference: Reference::new("", path, tag, digest),
            location,
        })
    }

    /// Parses `oci://[host[:port]/]repository`: a repository, refusing a tag or digest (what
    /// `list artifacts` takes); or a layout or archive without tag or digest.
    pub fn parse_repository(url: &str) -> Result<Self, RegistryError> {
        let artifact = ArtifactRef::parse(url)?;
        let versioned = match artifact.location {
            Location::Registry => {
                let last = url.rsplit('/').next().unwrap_or_default();
                last.contains(':') || last.contains('@')
            }
            _ => artifact.reference.tag().is_some() || artifact.reference.digest().is_some(),
        };
        if versioned {
            return Err(RegistryError::InvalidReference {
                url: reference::without_userinfo(url),
                reason: "give a repository, without a tag or digest".into(),
            });
        }
        Ok(artifact)
    }

    /// Where the reference points.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Whether it names a registry (not a layout or archive on disk).
    pub fn is_registry(&self) -> bool {
        self.location == Location::Registry
    }

    /// The manifest media types to pack an artifact with for this destination: Docker
    /// schema 2 for registries (kustomizer's format), OCI for layouts (whose `index.json`
    /// OCI tools expect to list OCI manifests).
    pub fn media_types(&self) -> artifact::MediaTypes {
        match self.location {
            Location::Registry => artifact::MediaTypes::Docker,
            _ => artifact::MediaTypes::Oci,
        }
    }

    /// `host/repository` as printed in URLs (`oci-layout:DIR`, `oci-archive:FILE`).
    pub fn repository_url(&self) -> String {
        match &self.location {
            Location::Registry => format!(
                "{}/{}",
                self.reference.registry(),
                self.reference.repository()
            ),
            Location::Layout(_) => format!("{LAYOUT_SCHEME}{}", self.reference.repository()),
            Location::Archive(_) => format!("{ARCHIVE_SCHEME}{}", self.reference.repository()),
        }
    }

    /// The same repository with another tag (and no digest).
    pub fn with_tag(&self, tag: &str) -> ArtifactRef {
        ArtifactRef {
            reference: Reference::new(
                self.reference.registry(),
                self.reference.repository(),
                Some(tag.to_string()),
                None,
            ),
            location: self.location.clone(),
        }
    }

    /// The same repository at a digest.
    pub fn with_digest(&self, digest: &str) -> ArtifactRef {
        ArtifactRef {
            reference: Reference::new(
                self.reference.registry(),
                self.reference.repository(),
                None,
                Some(digest.to_string()),
            ),
            location: self.location.clone(),
        }
    }

    /// `host/repository@sha256:…`.
    pub fn digest_url(&self, digest: &str) -> String {
        format!("{}@{digest}", self.repository_url())
    }

    fn host(&self) -> &str {
        self.reference.resolve_registry()
    }

    fn repository(&self) -> &str {
        self.reference.repository()
    }
}

impl std::fmt::Display for ArtifactRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_registry() {
            return write!(f, "{}", self.reference.whole());
        }
        write!(f, "{}", self.repository_url())?;
        if let Some(t) = self.reference.tag() {
            write!(f, ":{t}")?;
        }
        if let Some(d) = self.reference.digest() {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// Statuses a successful write may answer with.
const WRITTEN: &[u16] = &[200, 201, 202, 204];
/// Manifests larger than this are refused (registries cap them at 4 MiB).
const MANIFEST_LIMIT: u64 = 8 * 1024 * 1024;
/// A bound on tag-list pages, against a registry whose `Link` headers loop.
const MAX_TAG_PAGES: usize = 10_000;

/// A client for one or more registries with one set of credentials.
pub struct Registry {
    http: Transport,
    progress: bool,
    /// `oci-archive:` files unpacked for this client, by archive path: reads and writes go
    /// to the unpacked layout, and each manifest written repacks the archive.
    archives: std::sync::Mutex<HashMap<PathBuf, crate::tempdir::TempDir>>,
}

/// What a cross-repository mount did.
enum Mount {
    Mounted,
    /// The registry started an upload instead (202): upload to this URL.
    Upload(Url),
    Failed,
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
                    format!("{}: {}", path.display(), crate::error::io_words(&e)),
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

    /// The directory holding the layout of an `oci-archive:` file: unpacked on first use (an
    /// empty one for an archive that does not exist yet, unless `must_exist`).
    fn archive_dir(&self, file: &Path, must_exist: bool) -> Result<PathBuf, RegistryError> {
        let mut archives = self
            .archives
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(dir) = archives.get(file) {
            return Ok(dir.path().to_path_buf());
        }
        let dir = crate::tempdir::TempDir::new("kzr-oci-archive").map_err(|e| LayoutError::Io {
            path: std::env::temp_dir().display().to_string(),
            message: crate::error::io_words(&e),
        })?;
        if file.is_dir() {
            return Err(LayoutError::NotALayout {
                path: file.display().to_string(),
                reason: "a directory, not a tar file (use oci-layout:DIR for a layout directory)"
                    .into(),
            }
            .into());
        }
        if file.exists() {
            layout::unpack_archive(file, dir.path())?;
        } else if must_exist {
            return Err(LayoutError::NotALayout {
                path: file.display().to_string(),
                reason: "no such file".into(),
            }
            .into());
        }
        let path = dir.path().to_path_buf();
        archives.insert(file.to_path_buf(), dir);
        Ok(path)
    }

    /// The layout of a layout or archive artifact, for reading. Errors name the archive, not
    /// the directory it was unpacked to.
    fn layout_to_read(&self, artifact: &ArtifactRef) -> Result<Layout, RegistryError> {
        match artifact.location() {
            Location::Layout(dir) => Ok(Layout::open(dir)?),
            Location::Archive(file) => {
                let dir = self.archive_dir(file, true)?;
                Layout::open(&dir).map_err(|e| relabel(e, &dir, file).into())
            }
            Location::Registry => Err(RegistryError::Transport {
                reference: artifact.to_string(),
                message: "not a layout".into(),
            }),
        }
    }

    /// The layout of a layout or archive artifact, for writing: created when missing.
    fn layout_to_write(&self, artifact: &ArtifactRef) -> Result<Layout, RegistryError> {
        match artifact.location() {
            Location::Layout(dir) => Ok(Layout::create(dir)?),
            Location::Archive(file) => {
                let dir = self.archive_dir(file, false)?;
                Layout::create(&dir).map_err(|e| relabel(e, &dir, file).into())
            }
            Location::Registry => Err(RegistryError::Transport {
                reference: artifact.to_string(),
                message: "not a layout".into(),
            }),
        }
    }

    /// A layout read's failure as a registry error: a missing tag or digest is `NotFound`
    /// (as for a registry), a blob that does not match its digest an integrity error.
    fn layout_error(&self, artifact: &ArtifactRef, layout: &Layout, e: ReadError) -> RegistryError {
        match e {
            ReadError::NotFound => RegistryError::NotFound(artifact.to_string()),
            ReadError::Integrity(error) => RegistryError::Artifact {
                reference: artifact.to_string(),
                error,
            },
            ReadError::Layout(e) => match artifact.location() {
                Location::Archive(file) => relabel(e, layout.root(), file).into(),
                _ => e.into(),
            },
        }
    }

    /// The manifest of a layout or archive artifact (bytes and digest).
    fn layout_manifest(&self, artifact: &ArtifactRef) -> Result<(Vec<u8>, String), RegistryError> {
        let layout = self.layout_to_read(artifact)?;
        let read = || -> Result<Vec<u8>, ReadError> {
            let d = layout.resolve(
                &artifact.to_string(),
                artifact.reference.tag(),
                artifact.reference.digest(),
            )?;
            if d.size > MANIFEST_LIMIT {
                return Err(ReadError::Integrity(ArtifactError::TooLarge(
                    MANIFEST_LIMIT,
                )));
            }
            layout.read_blob(&d.digest, Some(d.size))
        };
        let bytes = read().map_err(|e| self.layout_error(artifact, &layout, e))?;
        let digest = artifact::digest_of(&bytes);
        Ok((bytes, digest))
    }

    /// Writes a manifest into a layout or archive under the artifact's tag (untagged for a
    /// digest reference); an archive is repacked.
    fn layout_put_manifest(
        &self,
        artifact: &ArtifactRef,
        bytes: &[u8],
        media_type: &str,
    ) -> Result<(), RegistryError> {
        let layout = self.layout_to_write(artifact)?;
        let relabelled = |e: LayoutError| -> RegistryError {
            match artifact.location() {
                Location::Archive(file) => relabel(e, layout.root(), file).into(),
                _ => e.into(),
            }
        };
        layout
            .put_manifest(bytes, media_type, artifact.reference.tag())
            .map_err(relabelled)?;
        if let Location::Archive(file) = artifact.location() {
            layout::pack_archive(layout.root(), file)?;
        }
        Ok(())
    }

    fn map_error(&self, artifact: &ArtifactRef, e: HttpError) -> RegistryError {
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

    fn url(&self, artifact: &ArtifactRef, path: &str) -> Result<Url, RegistryError> {
        self.http
            .url(
                artifact.host(),
                &format!("{}/{path}", artifact.repository()),
            )
            .map_err(|e| self.map_error(artifact, e))
    }

    /// `…/manifests/<digest or tag>`; the tag is checked here too, since `with_tag` takes
    /// it from the command line and it goes into the URL path.
    fn manifest_url(&self, artifact: &ArtifactRef) -> Result<Url, RegistryError> {
        let name = artifact.reference.manifest_reference();
        if !(reference::valid_digest(name) || reference::valid_tag(name)) {
            return Err(RegistryError::InvalidReference {
                url: artifact.to_string(),
                reason: "invalid tag".into(),
            });
        }
        self.url(artifact, &format!("manifests/{name}"))
    }

    fn checked_digest<'a>(
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

    /// Whether the repository has the blob (`HEAD`). Errors other than refused access count
    /// as "absent": the upload that follows reports what is wrong.
    async fn blob_exists(
        &self,
        artifact: &ArtifactRef,
        scope: &Scope,
        digest: &str,
    ) -> Result<bool, RegistryError> {
        let url = self.url(artifact, &format!("blobs/{digest}"))?;
        let request = Request::new(Method::HEAD, url, artifact.host(), scope);
        match self.http.send(&request, &[200, 404]).await {
            Ok(response) => Ok(response.status().is_success()),
            Err(e @ (HttpError::Unauthorized | HttpError::Denied)) => {
                Err(self.map_error(artifact, e))
            }
            Err(_) => Ok(false),
        }
    }

    /// A monolithic upload: `POST` for a session (unless `session` is one already), then
    /// `PUT ?digest=` with the whole blob. A failed attempt starts a new session, since a
    /// broken `PUT` may leave part of the blob in the old one.
    async fn upload(
        &self,
        artifact: &ArtifactRef,
        scope: &Scope,
        data: Bytes,
        digest: &str,
        session: Option<Url>,
    ) -> Result<(), RegistryError> {
        let start = self.url(artifact, "blobs/uploads/")?;
        let bar = progress::bar(self.progress, "push", digest, data.len() as u64);
        let result = transport::with_retries(&self.http.deadline, "upload", |attempt| {
            let session = session.clone().filter(|_| attempt == 1);
            let start = start.clone();
            let data = data.clone();
            let bar = bar.as_ref();
            async move {
                let location = match session {
                    Some(url) => url,
                    None => {
                        let request = Request::new(Method::POST, start, artifact.host(), scope)
                            .header(reqwest::header::CONTENT_LENGTH, HeaderValue::from(0));
                        let response = self.http.send_once(&request, &[202], None).await?;
                        upload_location(&request.url, response.headers())?
                    }
                };
                let mut url = location;
                url.query_pairs_mut().append_pair("digest", digest);
                let request = Request::new(Method::PUT, url, artifact.host(), scope)
                    .header(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/octet-stream"),
                    )
                    .body(data);
                self.http.send_once(&request, &[201, 204], bar).await?;
                Ok(())
            }
        })
        .await;
        progress::finish(bar.as_ref());
        result.map_err(|e| self.map_error(artifact, e))
    }

    /// Uploads a blob unless the registry already has it.
    async fn ensure_blob(
        &self,
        artifact: &ArtifactRef,
        scope: &Scope,
        data: &[u8],
    ) -> Result<(), RegistryError> {
        if !artifact.is_registry() {
            let layout = self.layout_to_write(artifact)?;
            layout
                .write_blob(data)
                .map_err(|e| match artifact.location() {
                    Location::Archive(file) => relabel(e, layout.root(), file).into(),
                    _ => RegistryError::from(e),
                })?;
            return Ok(());
        }
        let digest = artifact::digest_of(data);
        if !self.blob_exists(artifact, scope, &digest).await? {
            self.upload(artifact, scope, Bytes::copy_from_slice(data), &digest, None)
                .await?;
        }
        Ok(())
    }

    /// Pushes a packed artifact; returns the manifest digest.
    pub async fn push(
        &self,
        artifact: &ArtifactRef,
        packed: &Packed,
    ) -> Result<String, RegistryError> {
        let blobs = [packed.layer.as_slice(), packed.config.as_slice()];
        self.push_raw(artifact, &packed.manifest, &packed.media_type, &blobs)
            .await
    }

    /// Uploads the blobs the registry lacks, then the manifest's exact bytes; returns the
    /// manifest digest.
    pub async fn push_raw(
        &self,
        artifact: &ArtifactRef,
        manifest: &[u8],
        media_type: &str,
        blobs: &[&[u8]],
    ) -> Result<String, RegistryError> {
        let scope = Scope::push(artifact.repository());
        for blob in blobs {
            self.ensure_blob(artifact, &scope, blob).await?;
        }
        self.push_manifest(artifact, &scope, manifest, media_type)
            .await?;
        Ok(artifact::digest_of(manifest))
    }

    async fn push_manifest(
        &self,
        artifact: &ArtifactRef,
        scope: &Scope,
        bytes: &[u8],
        media_type: &str,
    ) -> Result<(), RegistryError> {
        if !artifact.is_registry() {
            return self.layout_put_manifest(artifact, bytes, media_type);
        }
        let content_type =
            HeaderValue::from_str(media_type).map_err(|_| RegistryError::Transport {
                reference: artifact.to_string(),
                message: format!("invalid manifest media type {media_type:?}"),
            })?;
        let url = self.manifest_url(artifact)?;
        let request = Request::new(Method::PUT, url, artifact.host(), scope)
            .header(CONTENT_TYPE, content_type)
            .body(Bytes::copy_from_slice(bytes));
        self.http
            .send(&request, WRITTEN)
            .await
            .map_err(|e| self.map_error(artifact, e))?;
        Ok(())
    }

    /// The manifest's exact bytes and digest, checked against the digest in the reference.
    pub async fn manifest(
        &self,
        artifact: &ArtifactRef,
    ) -> Result<(Vec<u8>, String), RegistryError> {
        self.manifest_in(artifact, &Scope::pull(artifact.repository()))
            .await
    }

    /// [`Registry::manifest`] with the token scope of the whole operation (so that a tag or
    /// copy needs one token, not one for reading and one for writing).
    async fn manifest_in(
        &self,
        artifact: &ArtifactRef,
        scope: &Scope,
    ) -> Result<(Vec<u8>, String), RegistryError> {
        if !artifact.is_registry() {
            return self.layout_manifest(artifact);
        }
        let url = self.manifest_url(artifact)?;
        let accept =
            HeaderValue::from_str(&format!("{DOCKER_MANIFEST}, {OCI_MANIFEST}")).map_err(|_| {
                RegistryError::Transport {
                    reference: artifact.to_string(),
                    message: "invalid Accept header".into(),
                }
            })?;
        let request = Request::new(Method::GET, url, artifact.host(), scope).header(ACCEPT, accept);
        let bytes = transport::with_retries(&self.http.deadline, "GET", |_| async {
            let response = self.http.send_once(&request, &[200], None).await?;
            transport::read_body(response, MANIFEST_LIMIT, None).await
        })
        .await
        .map_err(|e| self.map_error(artifact, e))?;
        let digest = artifact::digest_of(&bytes);
        if let Some(expected) = artifact.reference.digest() {
            if expected != digest {
                return Err(RegistryError::ManifestDigest {
                    reference: artifact.to_string(),
                    expected: expected.to_string(),
                    actual: digest,
                });
            }
        }
        Ok((bytes, digest))
    }

    /// Downloads a blob and checks its digest and size.
    pub async fn blob(
        &self,
        artifact: &ArtifactRef,
        layer: &artifact::Layer,
    ) -> Result<Vec<u8>, RegistryError> {
        self.blob_in(artifact, &Scope::pull(artifact.repository()), layer)
            .await
    }

    async fn blob_in(
        &self,
        artifact: &ArtifactRef,
        scope: &Scope,
        layer: &artifact::Layer,
    ) -> Result<Vec<u8>, RegistryError> {
        let digest = Self::checked_digest(artifact, &layer.digest)?;
        if !artifact.is_registry() {
            let layout = self.layout_to_read(artifact)?;
            return layout
                .read_blob(digest, Some(layer.size))
                .map_err(|e| self.layout_error(artifact, &layout, e));
        }
        let url = self.url(artifact, &format!("blobs/{digest}"))?;
        let request = Request::new(Method::GET, url, artifact.host(), scope);
        let bar = progress::bar(self.progress, "pull", digest, layer.size);
        let data = transport::with_retries(&self.http.deadline, "GET", |_| async {
            let response = self.http.send_once(&request, &[200], None).await?;
            transport::read_body(response, layer.size, bar.as_ref()).await
        })
        .await;
        progress::finish(bar.as_ref());
        let data = data.map_err(|e| match e {
            HttpError::TooLarge { limit } => RegistryError::Artifact {
                reference: artifact.to_string(),
                error: ArtifactError::Integrity {
                    digest: layer.digest.clone(),
                    expected: format!("{limit} bytes"),
                    actual: "more".into(),
                },
            },
            e => self.map_error(artifact, e),
        })?;
        artifact::verify_blob(&data, &layer.digest, layer.size).map_err(|source| {
            RegistryError::Artifact {
                reference: artifact.to_string(),
                error: source,
            }
        })?;
        Ok(data)
    }

    /// Pulls and decodes an artifact: its manifest, metadata and YAML content (decrypted with
    /// `identities` when encrypted).
    pub async fn pull(
        &self,
        artifact: &ArtifactRef,
        max_size: u64,
        identities: &[artifact::encryption::Identity],
    ) -> Result<Pulled, RegistryError> {
        let (bytes, digest) = self.manifest(artifact).await?;
        let wrap = |source| RegistryError::Artifact {
            reference: artifact.to_string(),
            error: source,
        };
        let manifest = artifact::parse_manifest(&bytes).map_err(wrap)?;
        let mut layers = Vec::new();
        for layer in &manifest.layers {
            layers.push(self.blob(artifact, layer).await?);
        }
        let content = artifact::content(&manifest, &layers, max_size, identities).map_err(wrap)?;
        Ok(Pulled {
            digest,
            manifest,
            content,
        })
    }

    /// Puts the manifest of `source` under `tag` in the same repository.
    pub async fn tag(
        &self,
        source: &ArtifactRef,
        tag: &str,
    ) -> Result<(ArtifactRef, String), RegistryError> {
        if !reference::valid_tag(tag) {
            return Err(RegistryError::InvalidReference {
                url: tag.to_string(),
                reason: "invalid tag".into(),
            });
        }
        let scope = Scope::push(source.repository());
        let (bytes, digest) = self.manifest_in(source, &scope).await?;
        let media_type = manifest_media_type(&bytes);
        let dest = source.with_tag(tag);
        self.push_manifest(&dest, &scope, &bytes, &media_type)
            .await?;
        Ok((dest, digest))
    }

    /// `POST /v2/<dest>/blobs/uploads/?mount=<digest>&from=<source>`.
    async fn mount(
        &self,
        source: &ArtifactRef,
        dest: &ArtifactRef,
        scope: &Scope,
        digest: &str,
    ) -> Mount {
        let Ok(mut url) = self.url(dest, "blobs/uploads/") else {
            return Mount::Failed;
        };
        url.query_pairs_mut()
            .append_pair("mount", digest)
            .append_pair("from", source.repository());
        let request = Request::new(Method::POST, url, dest.host(), scope)
            .header(reqwest::header::CONTENT_LENGTH, HeaderValue::from(0));
        match self.http.send(&request, &[201, 202]).await {
            Ok(r) if r.status().as_u16() == 201 => Mount::Mounted,
            Ok(r) => match upload_location(&request.url, r.headers()) {
                Ok(url) => Mount::Upload(url),
                Err(_) => Mount::Failed,
            },
            Err(e) => {
                tracing::debug!("{dest}: mounting {digest} from {source} failed: {e}");
                Mount::Failed
            }
        }
    }

    /// Copies an artifact without repacking (same digest): blobs the destination lacks are
    /// mounted from the source repository on the same registry, else uploaded.
    pub async fn copy(
        &self,
        source: &ArtifactRef,
        dest: &ArtifactRef,
    ) -> Result<String, RegistryError> {
        if !(source.is_registry() && dest.is_registry()) {
            return copy_between(self, source, self, dest).await;
        }
        let same_registry = source.host() == dest.host();
        // On one registry, one token covers reading the source and writing the destination.
        let (source_scope, dest_scope) = if same_registry {
            let s = Scope::mount(dest.repository(), source.repository());
            (s.clone(), s)
        } else {
            (
                Scope::pull(source.repository()),
                Scope::push(dest.repository()),
            )
        };
        let (bytes, digest) = self.manifest_in(source, &source_scope).await?;
        let v: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| RegistryError::Artifact {
                reference: source.to_string(),
                error: ArtifactError::BadManifest(e.to_string()),
            })?;
        let mut descriptors = Vec::new();
        if let Some(c) = v.get("config") {
            descriptors.push(c.clone());
        }
        descriptors.extend(
            v.get("layers")
                .and_then(|l| l.as_array())
                .cloned()
                .unwrap_or_default(),
        );
        for d in descriptors {
            let layer = artifact::Layer {
                media_type: d
                    .get("mediaType")
                    .and_then(|m| m.as_str())
                    .unwrap_or("")
                    .to_string(),
                digest: d
                    .get("digest")
                    .and_then(|m| m.as_str())
                    .unwrap_or("")
                    .to_string(),
                size: d.get("size").and_then(|s| s.as_u64()).unwrap_or(0),
                title: None,
            };
            let digest = Self::checked_digest(source, &layer.digest)?;
            if self.blob_exists(dest, &dest_scope, digest).await? {
                continue;
            }
            let session = if same_registry && source.repository() != dest.repository() {
                match self.mount(source, dest, &dest_scope, digest).await {
                    Mount::Mounted => continue,
                    Mount::Upload(url) => Some(url),
                    Mount::Failed => None,
                }
            } else {
                None
            };
            let data = self.blob_in(source, &source_scope, &layer).await?;
            self.upload(dest, &dest_scope, Bytes::from(data), digest, session)
                .await?;
        }
        self.push_manifest(dest, &dest_scope, &bytes, &manifest_media_type(&bytes))
            .await?;
        Ok(digest)
    }

    /// The tags of a repository, following `Link` pagination.
    pub async fn tags(&self, artifact: &ArtifactRef) -> Result<Vec<String>, RegistryError> {
        if !artifact.is_registry() {
            let layout = self.layout_to_read(artifact)?;
            return layout.tags().map_err(|e| match artifact.location() {
                Location::Archive(file) => relabel(e, layout.root(), file).into(),
                _ => RegistryError::from(e),
            });
        }
        let scope = Scope::pull(artifact.repository());
        let mut url = self.url(artifact, "tags/list")?;
        let mut tags = Vec::new();
        for _ in 0..MAX_TAG_PAGES {
            let request = Request::new(Method::GET, url.clone(), artifact.host(), &scope);
            let (body, next) = transport::with_retries(&self.http.deadline, "GET", |_| async {
                let response = self.http.send_once(&request, &[200], None).await?;
                let next = next_link(&request.url, response.headers());
                let body = transport::read_body(response, MANIFEST_LIMIT, None).await?;
                Ok((body, next))
            })
            .await
            .map_err(|e| match e {
                HttpError::NotFound => RegistryError::RepositoryNotFound(artifact.repository_url()),
                e => self.map_error(artifact, e),
            })?;
            let v: serde_json::Value =
                serde_json::from_slice(&body).map_err(|e| RegistryError::Transport {
                    reference: artifact.to_string(),
                    message: format!("invalid tag list: {e}"),
                })?;
            tags.extend(
                v.get("tags")
                    .and_then(|t| t.as_array())
                    .into_iter()
                    .flatten()
                    .filter_map(|t| t.as_str().map(str::to_string)),
            );
            match next {
                Some(n) => url = n,
                None => return Ok(tags),
            }
        }
        Err(RegistryError::Transport {
            reference: artifact.to_string(),
            message: format!("more than {MAX_TAG_PAGES} pages of tags"),
        })
    }
}

/// A printed artifact URL (`host/repository@digest`, as `digest_url` gives it) with its
/// scheme: `oci://` for registries; layout and archive URLs carry theirs already.
pub fn with_scheme(url: &str) -> String {
    if url.starts_with(LAYOUT_SCHEME) || url.starts_with(ARCHIVE_SCHEME) {
        url.to_string()
    } else {
        format!("oci://{url}")
    }
}

/// A layout error about the directory an archive was unpacked to, naming the archive.
fn relabel(e: LayoutError, dir: &Path, file: &Path) -> LayoutError {
    let dir = dir.display().to_string();
    let file = file.display().to_string();
    let fix = |p: String| match p.strip_prefix(&dir) {
        Some(rest) => format!("{file}{rest}"),
        None => p,
    };
    match e {
        LayoutError::NotALayout { path, reason } => LayoutError::NotALayout {
            path: fix(path),
            reason,
        },
        LayoutError::BadIndex { path, reason } => LayoutError::BadIndex {
            path: fix(path),
            reason,
        },
        LayoutError::Io { path, message } => LayoutError::Io {
            path: fix(path),
            message,
        },
        other => other,
    }
}

/// Copies an artifact between two clients (or within one, between a registry and a layout,
/// or two layouts): the manifest and every blob are read from `source` (verified) and
/// written to `dest`, so the manifest bytes and digest are unchanged.
pub async fn copy_between(
    src_registry: &Registry,
    source: &ArtifactRef,
    dst_registry: &Registry,
    dest: &ArtifactRef,
) -> Result<String, RegistryError> {
    let (bytes, digest) = src_registry.manifest(source).await?;
    let bad = |m: String| RegistryError::Artifact {
        reference: source.to_string(),
        error: ArtifactError::BadManifest(m),
    };
    let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
    let media_type = v
        .get("mediaType")
        .and_then(|m| m.as_str())
        .unwrap_or(OCI_MANIFEST)
        .to_string();
    let mut descriptors: Vec<&serde_json::Value> = Vec::new();
    if let Some(c) = v.get("config") {
        descriptors.push(c);
    }
    if let Some(layers) = v.get("layers").and_then(|l| l.as_array()) {
        descriptors.extend(layers);
    }
    let mut blobs = Vec::new();
    for d in descriptors {
        let field = |k: &str| d.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let layer = artifact::Layer {
            media_type: field("mediaType"),
            digest: field("digest"),
            size: d.get("size").and_then(|s| s.as_u64()).unwrap_or(0),
            title: None,
        };
        if layer.digest.is_empty() {
            return Err(bad("a descriptor has no digest".into()));
        }
        blobs.push(src_registry.blob(source, &layer).await?);
    }
    let refs: Vec<&[u8]> = blobs.iter().map(Vec::as_slice).collect();
    dst_registry
        .push_raw(dest, &bytes, &media_type, &refs)
        .await?;
    Ok(digest)
}

/// The upload session URL of a `202 Accepted`: `Location`, relative or absolute, possibly
/// with a query (the registry's upload state), resolved against the request URL.
fn upload_location(request: &Url, headers: &HeaderMap) -> Result<Url, HttpError> {
    let location = headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| HttpError::Protocol("the registry sent no upload Location".into()))?;
    request
        .join(location)
        .map_err(|_| HttpError::Protocol("the registry sent an invalid upload Location".into()))
}

/// The next page of a paginated list: `Link: <URL>; rel="next"`, resolved against `request`.
fn next_link(request: &Url, headers: &HeaderMap) -> Option<Url> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find_map(|link| {
            let (target, params) = link.split_once(';')?;
            let is_next = params.split(';').any(|p| {
                p.trim()
                    .strip_prefix("rel=")
                    .is_some_and(|r| r.trim_matches('"') == "next")
            });
            let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
            if is_next {
                request.join(target).ok()
            } else {
                None
            }
        })
}

fn manifest_media_type(bytes: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| {
            v.get("mediaType")
                .and_then(|m| m.as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| OCI_MANIFEST.to_string())
}

/// A pulled artifact.
pub struct Pulled {
    pub digest: String,
    pub manifest: Manifest,
    pub content: String,
}

/// Runs a registry operation to completion on a small runtime (the CLI is synchronous).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime can be created")
        .block_on(f)
}

#[cfg(test)]
mod tests {
    use super::reference::is_loopback;
    use super::*;

    #[test]
    fn references() {
        let t = ArtifactRef::parse("oci://localhost:5000/team/app:v1").unwrap();
        assert_eq!(t.repository_url(), "localhost:5000/team/app");
        assert_eq!(t.reference.tag(), Some("v1"));
        let t = ArtifactRef::parse("oci://ghcr.io/org/app@sha256:0123456789012345678901234567890123456789012345678901234567890123").unwrap();
        assert!(t.reference.digest().is_some());
        let hub = ArtifactRef::parse("oci://nginx").unwrap();
        assert_eq!(hub.repository_url(), "docker.io/library/nginx");
        assert!(ArtifactRef::parse("ghcr.io/x").is_err());
        let both = ArtifactRef::parse("oci://ghcr.io/a/b:v1@sha256:0123456789012345678901234567890123456789012345678901234567890123").unwrap();
        assert_eq!(both.reference.tag(), Some("v1"));
        assert!(both.reference.digest().is_some());
        assert_eq!(
            ArtifactRef::parse("oci://localhost/x")
                .unwrap()
                .reference
                .registry(),
            "localhost"
        );
        assert!(ArtifactRef::parse("oci://ghcr.io/a:b:c").is_err());
        assert!(ArtifactRef::parse("oci://ghcr.io/a@sha256:xyz").is_err());
        assert!(ArtifactRef::parse("oci://ghcr.io/a/").is_err());
        assert!(ArtifactRef::parse("oci://").is_err());
        assert!(ArtifactRef::parse("oci://UPPER/Case").is_err());
        let l = ArtifactRef::parse("oci-layout:./bundle:v1").unwrap();
        assert_eq!(l.location(), &Location::Layout(PathBuf::from("./bundle")));
        assert_eq!(l.reference.tag(), Some("v1"));
        assert_eq!(l.to_string(), "oci-layout:./bundle:v1");
        assert_eq!(l.repository_url(), "oci-layout:./bundle");
        let d = "sha256:0123456789012345678901234567890123456789012345678901234567890123";
        let l = ArtifactRef::parse(&format!("oci-layout:/a/b.c@{d}")).unwrap();
        assert_eq!(l.reference.digest(), Some(d));
        assert_eq!(l.reference.tag(), None);
        assert_eq!(l.digest_url(d), format!("oci-layout:/a/b.c@{d}"));
        let untagged = ArtifactRef::parse("oci-layout:/a/v1:x/dir").unwrap();
        assert_eq!(untagged.reference.tag(), None);
        assert_eq!(untagged.reference.repository(), "/a/v1:x/dir");
        let a = ArtifactRef::parse("oci-archive:app.tar:1.0.0").unwrap();
        assert_eq!(a.location(), &Location::Archive(PathBuf::from("app.tar")));
        assert_eq!(a.with_tag("sig").to_string(), "oci-archive:app.tar:sig");
        assert_eq!(a.media_types(), artifact::MediaTypes::Oci);
        assert!(ArtifactRef::parse("oci-layout:").is_err());
        assert!(ArtifactRef::parse("oci-layout::v1").is_err());
        assert!(ArtifactRef::parse("oci-layout:d:bad/").is_ok());
        assert!(ArtifactRef::parse("oci-layout:d:.bad").is_err());
        assert!(ArtifactRef::parse("oci-archive:a.tar@sha256:xyz").is_err());
        assert!(ArtifactRef::parse_repository("oci-layout:d").is_ok());
        assert!(ArtifactRef::parse_repository("oci-layout:d:v1").is_err());
        assert!(ArtifactRef::parse("docker://x/y").is_err());
        assert!(
            is_loopback("localhost:5000") && is_loopback("127.0.0.1:39") && !is_loopback("ghcr.io")
        );
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_str(v).unwrap());
        }
        map
    }

    #[test]
    fn upload_locations() {
        let post = Url::parse("https://r.example/v2/a/b/blobs/uploads/").unwrap();
        let relative = headers(&[("location", "/v2/a/b/blobs/uploads/u1?_state=xyz")]);
        assert_eq!(
            upload_location(&post, &relative).unwrap().as_str(),
            "https://r.example/v2/a/b/blobs/uploads/u1?_state=xyz"
        );
        let absolute = headers(&[("location", "https://store.example/up/u2?sig=1")]);
        let mut url = upload_location(&post, &absolute).unwrap();
        url.query_pairs_mut().append_pair("digest", "sha256:ab");
        assert_eq!(
            url.as_str(),
            "https://store.example/up/u2?sig=1&digest=sha256%3Aab"
        );
        assert!(upload_location(&post, &HeaderMap::new()).is_err());
    }

    #[test]
    fn tag_pages() {
        let list = Url::parse("http://127.0.0.1:5000/v2/a/tags/list").unwrap();
        let next = headers(&[("link", r#"</v2/a/tags/list?last=v9&n=100>; rel="next""#)]);
        assert_eq!(
            next_link(&list, &next).unwrap().as_str(),
            "http://127.0.0.1:5000/v2/a/tags/list?last=v9&n=100"
        );
        let other = headers(&[("link", r#"<https://docs.example/>; rel="help""#)]);
        assert_eq!(next_link(&list, &other), None);
        assert_eq!(next_link(&list, &HeaderMap::new()), None);
    }
}
