//! Pulling: blobs downloaded (with a progress bar) or read from a layout, checked against
//! their digest and size, and whole artifacts decoded into their YAML content.

use super::artifact_ref::ArtifactRef;
use super::auth::Scope;
use super::client::Registry;
use super::error::HttpError;
use super::progress;
use super::registry_error::RegistryError;
use super::transport::{self, Request};
use crate::artifact::{self, ArtifactError, Manifest};
use reqwest::Method;

/// A pulled artifact.
pub struct Pulled {
    pub digest: String,
    pub manifest: Manifest,
    pub content: String,
}

impl Registry {
    /// Downloads a blob and checks its digest and size.
    pub async fn blob(
        &self,
        artifact: &ArtifactRef,
        layer: &artifact::Layer,
    ) -> Result<Vec<u8>, RegistryError> {
        self.blob_in(artifact, &Scope::pull(artifact.repository()), layer)
            .await
    }

    pub(super) async fn blob_in(
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
}
