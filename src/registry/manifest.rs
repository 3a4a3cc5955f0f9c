//! Reading a manifest: its exact bytes and digest, from a registry (checked against the
//! digest in the reference) or from a layout, and the media type it declares.

use super::artifact_ref::ArtifactRef;
use super::auth::Scope;
use super::client::{Registry, MANIFEST_LIMIT};
use super::registry_error::RegistryError;
use super::transport::{self, Request};
use crate::artifact::{self, DOCKER_MANIFEST, OCI_MANIFEST};
use reqwest::header::{HeaderValue, ACCEPT};
use reqwest::Method;

impl Registry {
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
    pub(super) async fn manifest_in(
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
}

pub(super) fn manifest_media_type(bytes: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| {
            v.get("mediaType")
                .and_then(|m| m.as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| OCI_MANIFEST.to_string())
}
