//! Pushing: blobs the destination lacks uploaded (one monolithic upload each, retried in a
//! new session) or written into a layout, then the manifest's exact bytes.

use super::artifact_ref::{ArtifactRef, Location};
use super::auth::Scope;
use super::client::Registry;
use super::disk::relabel;
use super::error::HttpError;
use super::links::upload_location;
use super::progress;
use super::registry_error::RegistryError;
use super::transport::{self, Request};
use crate::artifact::{self, Packed};
use bytes::Bytes;
use reqwest::header::{HeaderValue, CONTENT_TYPE};
use reqwest::{Method, Url};

/// Statuses a successful write may answer with.
const WRITTEN: &[u16] = &[200, 201, 202, 204];

impl Registry {
    /// Whether the repository has the blob (`HEAD`). Errors other than refused access count
    /// as "absent": the upload that follows reports what is wrong.
    pub(super) async fn blob_exists(
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
    pub(super) async fn upload(
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

    pub(super) async fn push_manifest(
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
}
