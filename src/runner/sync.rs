//! The sync job (docs/runner.md, "Sync jobs"): `src_registry:src_tag` copied to
//! `dst_registry:dst_tag` without repacking (same digest), each side with its own `OCIAuth`.

use super::build::{copy_between, same_client, with_credentials};
use super::plan::SyncPlan;
use super::RunnerError;
use crate::registry::{block_on, Options, Registry};
use crate::signature;

/// What a sync job did: the job's JSON result. `media_type`, `size` and `annotations`
/// are what the platform records for the synced artifact (its `outputs.image`).
#[derive(Debug, Clone, PartialEq)]
pub struct SyncOutcome {
    /// `host/repository` of the destination.
    pub repository: String,
    pub tag: String,
    pub digest: String,
    pub media_type: String,
    /// Size of the manifest in bytes.
    pub size: usize,
    pub annotations: serde_json::Value,
    /// Where the artifact's cosign signatures were copied to, when it has any.
    pub signature: Option<String>,
}

impl SyncOutcome {
    pub fn url(&self) -> String {
        format!("{}@{}", self.repository, self.digest)
    }

    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "url": self.url(),
            "repository": self.repository,
            "tag": self.tag,
            "digest": self.digest,
            "media_type": self.media_type,
            "size": self.size,
            "annotations": self.annotations,
        });
        if let Some(s) = &self.signature {
            v["signature"] = serde_json::Value::from(s.as_str());
        }
        v
    }
}

/// Runs a sync plan with the command line's registry `options` (whose credentials, when
/// given, win over the plan's).
pub fn run_sync(
    plan: &SyncPlan,
    options: &Options,
    verbose: bool,
) -> Result<SyncOutcome, RunnerError> {
    let source = plan.source()?;
    let dest = plan.destination()?;
    let src_options = with_credentials(options, plan.src_registry.credentials());
    let dst_options = with_credentials(options, plan.dst_registry.credentials());
    if verbose {
        crate::output::progress(&format!("copying {source} to {dest}"));
    }
    let src_registry = Registry::new(&[&source], &src_options)?;
    let (manifest, digest) = block_on(src_registry.manifest(&source))?;
    // Copy exactly the manifest just read, even if the tag moves meanwhile.
    let source = source.with_digest(&digest);
    // cosign signatures travel with the artifact, unchanged.
    let (copied, signature) = if same_client(&source, &src_options, &dest, &dst_options) {
        let both = Registry::new(&[&source, &dest], &src_options)?;
        let copied = block_on(both.copy(&source, &dest))?;
        let signature = block_on(signature::copy(&both, &source, &both, &dest, &copied))?;
        (copied, signature)
    } else {
        let dst_registry = Registry::new(&[&dest], &dst_options)?;
        let copied = block_on(copy_between(&src_registry, &source, &dst_registry, &dest))?;
        let signature = block_on(signature::copy(
            &src_registry,
            &source,
            &dst_registry,
            &dest,
            &copied,
        ))?;
        (copied, signature)
    };
    let v: serde_json::Value = serde_json::from_slice(&manifest).unwrap_or_default();
    Ok(SyncOutcome {
        repository: dest.repository_url(),
        tag: plan.dst_tag.clone(),
        digest: copied,
        media_type: v
            .get("mediaType")
            .and_then(|m| m.as_str())
            .unwrap_or(crate::artifact::OCI_MANIFEST)
            .to_string(),
        size: manifest.len(),
        annotations: v
            .get("annotations")
            .cloned()
            .unwrap_or(serde_json::Value::Null),
        signature,
    })
}
