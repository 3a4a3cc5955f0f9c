//! Copying an artifact without repacking (same manifest bytes and digest): within one
//! registry, mounting blobs across repositories where it can, and between any two of
//! registries, layouts and archives by reading every blob and writing it back.

use super::artifact_ref::ArtifactRef;
use super::auth::Scope;
use super::client::Registry;
use super::links::upload_location;
use super::manifest::manifest_media_type;
use super::registry_error::RegistryError;
use super::transport::Request;
use crate::artifact::{self, ArtifactError, OCI_MANIFEST};
use bytes::Bytes;
use reqwest::header::HeaderValue;
use reqwest::{Method, Url};

/// What a cross-repository mount did.
enum Mount {
    Mounted,
    /// The registry started an upload instead (202): upload to this URL.
    Upload(Url),
    Failed,
}

impl Registry {
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
