//! Tagging: the manifest of an artifact put, byte for byte, under another tag of its
//! repository.

use super::artifact_ref::ArtifactRef;
use super::auth::Scope;
use super::client::Registry;
use super::manifest::manifest_media_type;
use super::reference;
use super::registry_error::RegistryError;

impl Registry {
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
}
