//! OCI registries: `oci://` references, connecting (plain HTTP for loopback hosts or
//! `--plain-http`, TLS otherwise), credentials, retries on transient failures, and the
//! operations the artifact verbs need. Credentials never appear in errors or logs.

pub mod credentials;

use crate::artifact::{self, ArtifactError, Manifest, Packed, DOCKER_MANIFEST, OCI_MANIFEST};
use oci_client::client::{ClientConfig, ClientProtocol};
use oci_client::errors::OciDistributionError;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, Reference};
use std::time::Duration;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum RegistryError {
    #[error("invalid artifact reference {url:?}: {reason}")]
    InvalidReference { url: String, reason: String },
    #[error("artifact not found: {0}")]
    NotFound(String),
    #[error("authentication required for {0}")]
    Unauthorized(String),
    #[error("access denied to {0}")]
    Denied(String),
    #[error("{reference}: {message}")]
    Transport { reference: String, message: String },
    #[error("{reference}: {source}")]
    Artifact {
        reference: String,
        source: ArtifactError,
    },
    #[error("{reference}: manifest digest is {actual}, not the {expected} asked for")]
    ManifestDigest {
        reference: String,
        expected: String,
        actual: String,
    },
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
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("plain_http", &self.plain_http)
            .field("creds", &self.creds.as_ref().map(|_| "***"))
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

/// A parsed `oci://` reference.
#[derive(Debug, Clone)]
pub struct Target {
    pub reference: Reference,
}

impl Target {
    /// Parses `oci://[host[:port]/]path[:tag][@algorithm:hex]`. A missing host is Docker
    /// Hub (one-segment paths get `library/`), a missing tag and digest is `latest`; with a
    /// digest, the digest is what is fetched.
    pub fn parse(url: &str) -> Result<Self, RegistryError> {
        let bad = |reason: &str| RegistryError::InvalidReference {
            url: url.to_string(),
            reason: reason.to_string(),
        };
        let rest = url
            .strip_prefix("oci://")
            .ok_or_else(|| bad("must start with oci://"))?;
        let (name_tag, digest) = match rest.split_once('@') {
            Some((n, d)) => (n, Some(d)),
            None => (rest, None),
        };
        if let Some(d) = digest {
            let valid = d.split_once(':').is_some_and(|(alg, hex)| {
                !alg.is_empty()
                    && alg
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+._-".contains(c))
                    && hex.len() >= 32
                    && hex
                        .chars()
                        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            });
            if !valid {
                return Err(bad("invalid digest (expected sha256:<64 hex digits>)"));
            }
        }
        let last_slash = name_tag.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match name_tag[last_slash..].rfind(':') {
            Some(i) => (
                &name_tag[..last_slash + i],
                Some(&name_tag[last_slash + i + 1..]),
            ),
            None => (name_tag, None),
        };
        if let Some(t) = tag {
            let valid = !t.is_empty()
                && t.len() <= 128
                && t.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
            if !valid {
                return Err(bad("invalid tag"));
            }
        }
        let (registry, path) = match name.split_once('/') {
            Some((first, rest))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (first.to_string(), rest.to_string())
            }
            _ => ("docker.io".to_string(), name.to_string()),
        };
        let path = if registry == "docker.io" && !path.contains('/') {
            format!("library/{path}")
        } else {
            path
        };
        let component_ok = |c: &str| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "._-".contains(ch))
                && c.chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_alphanumeric())
                && c.chars()
                    .last()
                    .is_some_and(|ch| ch.is_ascii_alphanumeric())
        };
        if path.is_empty() || !path.split('/').all(component_ok) {
            return Err(bad(
                "repository must be lowercase letters, digits and . _ - separated by /",
            ));
        }
        let reference = match (tag, digest) {
            (Some(t), Some(d)) => {
                Reference::with_tag_and_digest(registry, path, t.into(), d.into())
            }
            (None, Some(d)) => Reference::with_digest(registry, path, d.into()),
            (t, None) => Reference::with_tag(registry, path, t.unwrap_or("latest").into()),
        };
        Ok(Target { reference })
    }

    /// `host/repository` as printed in URLs.
    pub fn repository_url(&self) -> String {
        format!(
            "{}/{}",
            self.reference.registry(),
            self.reference.repository()
        )
    }

    /// The same repository with another tag (and no digest).
    pub fn with_tag(&self, tag: &str) -> Target {
        Target {
            reference: Reference::with_tag(
                self.reference.registry().to_string(),
                self.reference.repository().to_string(),
                tag.to_string(),
            ),
        }
    }

    /// The same repository at a digest.
    pub fn with_digest(&self, digest: &str) -> Target {
        Target {
            reference: Reference::with_digest(
                self.reference.registry().to_string(),
                self.reference.repository().to_string(),
                digest.to_string(),
            ),
        }
    }

    /// `host/repository@sha256:…`.
    pub fn digest_url(&self, digest: &str) -> String {
        format!("{}@{digest}", self.repository_url())
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.reference.whole())
    }
}

fn is_loopback(registry: &str) -> bool {
    let host = registry.rsplit_once(':').map_or(registry, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            registry
        }
    });
    host == "localhost" || host.starts_with("127.") || host == "[::1]"
}

/// A client for one or more registries with one set of credentials.
pub struct Registry {
    client: Client,
    auth: RegistryAuth,
}

const ATTEMPTS: u32 = 4;

fn transient(e: &OciDistributionError) -> bool {
    match e {
        OciDistributionError::ServerError { code, .. } => *code == 429 || *code >= 500,
        OciDistributionError::RequestError(e) => e.is_connect() || e.is_timeout() || e.is_request(),
        OciDistributionError::RegistryError { envelope, .. } => envelope
            .errors
            .iter()
            .any(|e| matches!(e.code, oci_client::errors::OciErrorCode::Toomanyrequests)),
        _ => false,
    }
}

impl Registry {
    /// A client for the registries of `targets`.
    pub fn new(targets: &[&Target], options: &Options) -> Result<Self, RegistryError> {
        // One TLS provider for the whole process (kube and oci-client must agree).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let plain: Vec<String> = targets
            .iter()
            .map(|t| t.reference.resolve_registry().to_string())
            .filter(|r| options.plain_http || (is_loopback(r) && options.ca_file.is_none()))
            .collect();
        let protocol = if plain.is_empty() {
            ClientProtocol::Https
        } else {
            ClientProtocol::HttpsExcept(plain)
        };
        let mut extra_root_certificates = Vec::new();
        if let Some(path) = &options.ca_file {
            let data = std::fs::read(path).map_err(|e| RegistryError::InvalidReference {
                url: "--ca-file".into(),
                reason: format!("{}: {e}", path.display()),
            })?;
            extra_root_certificates.push(oci_client::client::Certificate {
                encoding: oci_client::client::CertificateEncoding::Pem,
                data,
            });
        }
        let config = ClientConfig {
            protocol,
            use_monolithic_push: true,
            extra_root_certificates,
            ..Default::default()
        };
        let auth = match options.creds.as_deref() {
            Some(c) => {
                let (user, pass) =
                    c.split_once(':')
                        .ok_or_else(|| RegistryError::InvalidReference {
                            url: "--creds".into(),
                            reason: "credentials must be user:password".into(),
                        })?;
                RegistryAuth::Basic(user.to_string(), pass.to_string())
            }
            None => {
                let registry = targets
                    .first()
                    .map(|t| t.reference.resolve_registry().to_string())
                    .unwrap_or_default();
                let found = credentials::from_docker_config(&registry).map_err(|message| {
                    RegistryError::Transport {
                        reference: registry.clone(),
                        message,
                    }
                })?;
                match found {
                    Some(c) => RegistryAuth::Basic(c.username, c.secret),
                    None => RegistryAuth::Anonymous,
                }
            }
        };
        Ok(Registry {
            client: Client::new(config),
            auth,
        })
    }

    fn map_error(target: &Target, e: OciDistributionError) -> RegistryError {
        let reference = target.to_string();
        match e {
            OciDistributionError::ImageManifestNotFoundError(_) => {
                RegistryError::NotFound(reference)
            }
            OciDistributionError::AuthenticationFailure(_)
            | OciDistributionError::UnauthorizedError { .. } => {
                RegistryError::Unauthorized(target.repository_url())
            }
            OciDistributionError::ServerError { code: 404, .. } => {
                RegistryError::NotFound(reference)
            }
            OciDistributionError::ServerError { code: 401, .. } => {
                RegistryError::Unauthorized(target.repository_url())
            }
            OciDistributionError::ServerError { code: 403, .. } => {
                RegistryError::Denied(target.repository_url())
            }
            OciDistributionError::RegistryError { envelope, .. } => {
                use oci_client::errors::OciErrorCode as C;
                let codes: Vec<&C> = envelope.errors.iter().map(|e| &e.code).collect();
                if codes
                    .iter()
                    .any(|c| matches!(c, C::ManifestUnknown | C::NameUnknown | C::BlobUnknown))
                {
                    RegistryError::NotFound(reference)
                } else if codes.iter().any(|c| matches!(c, C::Unauthorized)) {
                    RegistryError::Unauthorized(target.repository_url())
                } else if codes.iter().any(|c| matches!(c, C::Denied)) {
                    RegistryError::Denied(target.repository_url())
                } else {
                    let messages: Vec<String> =
                        envelope.errors.iter().map(|e| e.message.clone()).collect();
                    RegistryError::Transport {
                        reference,
                        message: messages.join("; "),
                    }
                }
            }
            other => RegistryError::Transport {
                reference,
                message: other.to_string(),
            },
        }
    }

    /// Runs `op`, retrying transient failures (connection errors, 429, 5xx) with backoff.
    async fn retry<T, F, Fut>(&self, target: &Target, op: F) -> Result<T, RegistryError>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T, OciDistributionError>>,
    {
        let mut delay = Duration::from_millis(200);
        for attempt in 1..=ATTEMPTS {
            match op().await {
                Ok(v) => return Ok(v),
                Err(e) if attempt < ATTEMPTS && transient(&e) => {
                    tracing::info!("{target}: transient error, retrying in {delay:?}: {e}");
                    tokio::time::sleep(delay).await;
                    delay *= 2;
                }
                Err(e) => return Err(Self::map_error(target, e)),
            }
        }
        unreachable!("the last attempt returns")
    }

    /// Uploads a blob unless the registry already has it.
    async fn ensure_blob(
        &self,
        target: &Target,
        data: &[u8],
        digest: &str,
    ) -> Result<(), RegistryError> {
        let exists = self
            .retry(target, || {
                self.client.blob_exists(&target.reference, digest)
            })
            .await
            .unwrap_or(false);
        if !exists {
            self.retry(target, || {
                self.client
                    .push_blob(&target.reference, data.to_vec(), digest)
            })
            .await?;
        }
        Ok(())
    }

    /// Pushes a packed artifact; returns the manifest digest.
    pub async fn push(&self, target: &Target, packed: &Packed) -> Result<String, RegistryError> {
        let blobs = [packed.layer.as_slice(), packed.config.as_slice()];
        self.push_raw(target, &packed.manifest, DOCKER_MANIFEST, &blobs)
            .await
    }

    /// Uploads the blobs the registry lacks, then the manifest's exact bytes; returns the
    /// manifest digest.
    pub async fn push_raw(
        &self,
        target: &Target,
        manifest: &[u8],
        media_type: &str,
        blobs: &[&[u8]],
    ) -> Result<String, RegistryError> {
        self.client
            .store_auth_if_needed(target.reference.resolve_registry(), &self.auth)
            .await;
        for blob in blobs {
            self.ensure_blob(target, blob, &artifact::digest_of(blob))
                .await?;
        }
        self.push_manifest(target, manifest, media_type).await?;
        Ok(artifact::digest_of(manifest))
    }

    async fn push_manifest(
        &self,
        target: &Target,
        bytes: &[u8],
        media_type: &str,
    ) -> Result<(), RegistryError> {
        let content_type: http::HeaderValue =
            media_type.parse().map_err(|_| RegistryError::Transport {
                reference: target.to_string(),
                message: format!("invalid manifest media type {media_type:?}"),
            })?;
        self.retry(target, || {
            self.client
                .push_manifest_raw(&target.reference, bytes.to_vec(), content_type.clone())
        })
        .await?;
        Ok(())
    }

    /// The manifest's exact bytes and digest, checked against the digest in the reference.
    pub async fn manifest(&self, target: &Target) -> Result<(Vec<u8>, String), RegistryError> {
        self.client
            .store_auth_if_needed(target.reference.resolve_registry(), &self.auth)
            .await;
        let (bytes, _) = self
            .retry(target, || {
                self.client.pull_manifest_raw(
                    &target.reference,
                    &self.auth,
                    &[DOCKER_MANIFEST, OCI_MANIFEST],
                )
            })
            .await?;
        let digest = artifact::digest_of(&bytes);
        if let Some(expected) = target.reference.digest() {
            if expected != digest {
                return Err(RegistryError::ManifestDigest {
                    reference: target.to_string(),
                    expected: expected.to_string(),
                    actual: digest,
                });
            }
        }
        Ok((bytes.to_vec(), digest))
    }

    /// Downloads a blob and checks its digest and size.
    pub async fn blob(
        &self,
        target: &Target,
        layer: &artifact::Layer,
    ) -> Result<Vec<u8>, RegistryError> {
        let descriptor = oci_client::manifest::OciDescriptor {
            media_type: layer.media_type.clone(),
            digest: layer.digest.clone(),
            size: layer.size as i64,
            ..Default::default()
        };
        let data = self
            .retry(target, || async {
                let mut buf = Vec::new();
                self.client
                    .pull_blob(&target.reference, &descriptor, &mut buf)
                    .await?;
                Ok(buf)
            })
            .await?;
        artifact::verify_blob(&data, &layer.digest, layer.size).map_err(|source| {
            RegistryError::Artifact {
                reference: target.to_string(),
                source,
            }
        })?;
        Ok(data)
    }

    /// Pulls and decodes an artifact: its manifest, metadata and YAML content (decrypted with
    /// `identities` when encrypted).
    pub async fn pull(
        &self,
        target: &Target,
        max_size: u64,
        identities: &[artifact::encryption::Identity],
    ) -> Result<Pulled, RegistryError> {
        let (bytes, digest) = self.manifest(target).await?;
        let wrap = |source| RegistryError::Artifact {
            reference: target.to_string(),
            source,
        };
        let manifest = artifact::parse_manifest(&bytes).map_err(wrap)?;
        let mut layers = Vec::new();
        for layer in &manifest.layers {
            layers.push(self.blob(target, layer).await?);
        }
        let content = artifact::content(&manifest, &layers, max_size, identities).map_err(wrap)?;
        Ok(Pulled {
            digest,
            manifest,
            content,
        })
    }

    /// Puts the manifest of `source` under `tag` in the same repository.
    pub async fn tag(&self, source: &Target, tag: &str) -> Result<(Target, String), RegistryError> {
        let (bytes, digest) = self.manifest(source).await?;
        let media_type = manifest_media_type(&bytes);
        let dest = source.with_tag(tag);
        self.push_manifest(&dest, &bytes, &media_type).await?;
        Ok((dest, digest))
    }

    /// Copies an artifact without repacking (same digest): blobs the destination lacks are
    /// mounted from the source repository on the same registry, else uploaded.
    pub async fn copy(&self, source: &Target, dest: &Target) -> Result<String, RegistryError> {
        let (bytes, digest) = self.manifest(source).await?;
        let v: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| RegistryError::Artifact {
                reference: source.to_string(),
                source: ArtifactError::BadManifest(e.to_string()),
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
        let same_registry =
            source.reference.resolve_registry() == dest.reference.resolve_registry();
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
            let present = self
                .retry(dest, || {
                    self.client.blob_exists(&dest.reference, &layer.digest)
                })
                .await
                .unwrap_or(false);
            if present {
                continue;
            }
            let mounted = same_registry
                && self
                    .client
                    .mount_blob(&dest.reference, &source.reference, &layer.digest)
                    .await
                    .is_ok()
                && self
                    .retry(dest, || {
                        self.client.blob_exists(&dest.reference, &layer.digest)
                    })
                    .await
                    .unwrap_or(false);
            if !mounted {
                let data = self.blob(source, &layer).await?;
                self.retry(dest, || {
                    self.client
                        .push_blob(&dest.reference, data.clone(), &layer.digest)
                })
                .await?;
            }
        }
        self.push_manifest(dest, &bytes, &manifest_media_type(&bytes))
            .await?;
        Ok(digest)
    }

    /// The tags of a repository.
    pub async fn tags(&self, target: &Target) -> Result<Vec<String>, RegistryError> {
        self.client
            .store_auth_if_needed(target.reference.resolve_registry(), &self.auth)
            .await;
        let response = self
            .retry(target, || {
                self.client
                    .list_tags(&target.reference, &self.auth, None, None)
            })
            .await?;
        Ok(response.tags)
    }
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
    use super::*;

    #[test]
    fn references() {
        let t = Target::parse("oci://localhost:5000/team/app:v1").unwrap();
        assert_eq!(t.repository_url(), "localhost:5000/team/app");
        assert_eq!(t.reference.tag(), Some("v1"));
        let t = Target::parse("oci://ghcr.io/org/app@sha256:0123456789012345678901234567890123456789012345678901234567890123").unwrap();
        assert!(t.reference.digest().is_some());
        let hub = Target::parse("oci://nginx").unwrap();
        assert_eq!(hub.repository_url(), "docker.io/library/nginx");
        assert!(Target::parse("ghcr.io/x").is_err());
        let both = Target::parse("oci://ghcr.io/a/b:v1@sha256:0123456789012345678901234567890123456789012345678901234567890123").unwrap();
        assert_eq!(both.reference.tag(), Some("v1"));
        assert!(both.reference.digest().is_some());
        assert_eq!(
            Target::parse("oci://localhost/x")
                .unwrap()
                .reference
                .registry(),
            "localhost"
        );
        assert!(Target::parse("oci://ghcr.io/a:b:c").is_err());
        assert!(Target::parse("oci://ghcr.io/a@sha256:xyz").is_err());
        assert!(Target::parse("oci://ghcr.io/a/").is_err());
        assert!(Target::parse("oci://").is_err());
        assert!(Target::parse("oci://UPPER/Case").is_err());
        assert!(
            is_loopback("localhost:5000") && is_loopback("127.0.0.1:39") && !is_loopback("ghcr.io")
        );
    }
}
