//! The keys of the plans a runner hands to kzr, position by position, as Go's structs
//! spell them (docs/runner.md, "Plan JSON shapes"): the platform's registry struct
//! (`OCIRegistryRepository`) has no json tags, so its keys are PascalCase; everything else is
//! snake_case.

use crate::gojson::Shape::{self, Any, Bool, Ignored, Str, StrMap, Struct};
use crate::gojson::STRINGS;

const OCI_AUTH: &[(&str, Shape)] = &[("Username", Str), ("Password", Str)];

const REGISTRY: &[(&str, Shape)] = &[
    ("Plugin", Str),
    ("RegistryType", Str),
    ("Region", Str),
    ("ECRAuth", Ignored),
    ("ACRAuth", Ignored),
    ("OCIAuth", Struct(OCI_AUTH)),
    ("ServiceAccountEmail", Str),
    ("WorkloadIdentityProvider", Str),
    ("ACRAppRegistration", Ignored),
    ("Repository", Str),
    ("LoginServer", Str),
];

const GIT_SOURCE: &[(&str, Shape)] = &[
    ("url", Str),
    ("ref", Str),
    ("path", Str),
    ("recurse_submodules", Bool),
];

const KUSTOMIZE_CONFIG: &[(&str, Shape)] = &[
    ("patches", STRINGS),
    ("enable_helm", Bool),
    ("load_restrictor", Str),
];

const OCI_ARTIFACT_SOURCE: &[(&str, Shape)] = &[
    ("url", Str),
    ("tag", Str),
    ("digest", Str),
    ("credentials_ref", Str),
];

const KUBERNETES_MANIFEST_BUILD_PLAN: &[(&str, Shape)] = &[
    ("labels", StrMap),
    ("source_type", Str),
    ("inline_manifest", Str),
    ("manifest_url", Str),
    ("manifest_sha256", Str),
    ("kustomize_path", Str),
    ("kustomize_config", Struct(KUSTOMIZE_CONFIG)),
    ("oci_artifact_source", Struct(OCI_ARTIFACT_SOURCE)),
];

pub(super) const OTHER_BUILD_PLANS: [&str; 4] = [
    "helm_build_plan",
    "terraform_build_plan",
    "docker_build_plan",
    "container_image_pull_plan",
];

pub(super) const BUILD_PLAN: Shape = Struct(&[
    ("component_id", Str),
    ("component_build_id", Str),
    ("git_source", Struct(GIT_SOURCE)),
    ("dst_registry", Struct(REGISTRY)),
    ("dst_tag", Str),
    (
        "kubernetes_manifest_build_plan",
        Struct(KUBERNETES_MANIFEST_BUILD_PLAN),
    ),
    ("helm_build_plan", Ignored),
    ("terraform_build_plan", Ignored),
    ("docker_build_plan", Ignored),
    ("container_image_pull_plan", Ignored),
    ("sandbox_mode", Ignored),
]);

pub(super) const SYNC_PLAN: Shape = Struct(&[
    ("src_registry", Struct(REGISTRY)),
    ("src_tag", Str),
    ("dst_registry", Struct(REGISTRY)),
    ("dst_tag", Str),
    ("sandbox_mode", Ignored),
]);

const CLUSTER_INFO: &[(&str, Shape)] = &[
    ("id", Str),
    ("endpoint", Str),
    ("ca_data", Str),
    ("token", Str),
    ("env_vars", StrMap),
    ("kube_config", Str),
    ("aws_auth", Any),
    ("azure_auth", Any),
    ("gcp_auth", Any),
    ("inline", Bool),
    ("trusted_role_arn", Str),
];

const OCI_ARTIFACT_REFERENCE: &[(&str, Shape)] = &[
    ("url", Str),
    ("tag", Str),
    ("digest", Str),
    ("registry_type", Str),
];

const KUBERNETES_MANIFEST_DEPLOY_PLAN: &[(&str, Shape)] = &[
    ("cluster_info", Struct(CLUSTER_INFO)),
    ("aws_auth", Ignored),
    ("azure_auth", Ignored),
    ("gcp_auth", Ignored),
    ("namespace", Str),
    ("manifest", Str),
    ("oci_artifact", Struct(OCI_ARTIFACT_REFERENCE)),
    ("state", Any),
];

pub(super) const OTHER_DEPLOY_PLANS: [&str; 4] = ["helm", "terraform", "noop", "pulumi"];

pub(super) const DEPLOY_PLAN: Shape = Struct(&[
    ("install_id", Str),
    ("app_id", Str),
    ("app_config_id", Str),
    ("component_id", Str),
    ("component_name", Str),
    ("src_registry", Struct(REGISTRY)),
    ("src_tag", Str),
    ("src_digest", Str),
    (
        "kubernetes_manifest",
        Struct(KUBERNETES_MANIFEST_DEPLOY_PLAN),
    ),
    (
        "kubernetes_manifest_deploy_plan",
        Struct(KUBERNETES_MANIFEST_DEPLOY_PLAN),
    ),
    ("helm", Ignored),
    ("terraform", Ignored),
    ("noop", Ignored),
    ("pulumi", Ignored),
    ("apply_plan_contents", Ignored),
    ("apply_plan_display", Ignored),
    ("sandbox_mode", Ignored),
]);
