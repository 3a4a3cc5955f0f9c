//! The `kubernetes_manifest_build_plan` a build job receives (docs/config.md, "Build plans"),
//! derived from a component the way the platform's build planner does: labels with the component
//! and build ids, and the source type with its settings. Keys and `omitempty` behaviour follow the
//! platform's Go structs (`KubernetesManifestBuildPlan`, `KustomizeBuildConfig`,
//! `OCIArtifactSource`); map keys come out sorted, as Go's encoding/json writes them. A build
//! job reads the same types back from its plan (`runner::BuildPlan`), every key optional.

use super::{Component, Source};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KubernetesManifestBuildPlan {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// `inline`, `kustomize` or `oci_artifact`.
    pub source_type: String,
    /// The manifest as configured (not rendered).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub inline_manifest: String,
    /// The URL an inline manifest was downloaded from (`config build-plan --fetch`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub manifest_url: String,
    /// `sha256:<hex>` of the downloaded manifest.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub manifest_sha256: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kustomize_path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kustomize_config: Option<KustomizeBuildConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oci_artifact_source: Option<OciArtifactSource>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KustomizeBuildConfig {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub patches: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub enable_helm: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub load_restrictor: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OciArtifactSource {
    pub url: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tag: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub digest: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub credentials_ref: String,
}

/// The build plan for `component`, built as `build_id` of component `component_id`.
pub fn build_plan(
    component: &Component,
    component_id: &str,
    build_id: &str,
) -> KubernetesManifestBuildPlan {
    let labels = BTreeMap::from([
        ("component_id".to_string(), component_id.to_string()),
        ("component_build_id".to_string(), build_id.to_string()),
    ]);
    let mut plan = KubernetesManifestBuildPlan {
        labels,
        ..KubernetesManifestBuildPlan::default()
    };
    match &component.source {
        Source::Manifest(text) => {
            plan.source_type = "inline".into();
            plan.inline_manifest = text.clone();
            if let Some(d) = &component.downloaded {
                plan.manifest_url = d.url.clone();
                plan.manifest_sha256 = d.sha256.clone();
            }
        }
        Source::Kustomize(k) => {
            plan.source_type = "kustomize".into();
            plan.kustomize_path = k.path.clone();
            plan.kustomize_config = Some(KustomizeBuildConfig {
                patches: k.patches.clone(),
                enable_helm: k.enable_helm,
                load_restrictor: k
                    .load_restrictor
                    .map(|l| l.as_str().to_string())
                    .unwrap_or_default(),
            });
        }
        Source::OciArtifact(o) => {
            plan.source_type = "oci_artifact".into();
            plan.oci_artifact_source = Some(OciArtifactSource {
                url: o.url.clone(),
                tag: o.tag.clone().unwrap_or_default(),
                digest: o.digest.clone().unwrap_or_default(),
                credentials_ref: o.credentials_ref.clone().unwrap_or_default(),
            });
        }
    }
    plan
}
