//! Listing: the tags of a repository, following the registry's `Link` pagination, or of a
//! layout's `index.json`.

use super::artifact_ref::{ArtifactRef, Location};
use super::auth::Scope;
use super::client::{Registry, MANIFEST_LIMIT};
use super::disk::relabel;
use super::error::HttpError;
use super::links::next_link;
use super::registry_error::RegistryError;
use super::transport::{self, Request};
use reqwest::Method;

/// A bound on tag-list pages, against a registry whose `Link` headers loop.
const MAX_TAG_PAGES: usize = 10_000;

impl Registry {
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
