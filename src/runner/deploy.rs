//! Deploy jobs, `kzr plan|apply|teardown --deploy-plan FILE` (docs/runner.md, "Deploy jobs"): the
//! platform's `DeployPlan` (docs/runner.md, "DeployPlan" under "Plan JSON shapes") says which
//! cluster to connect to (`cluster_info`), the default namespace (possibly a template:
//! docs/config.md, "Namespace templating") and what to deploy (the rendered `manifest`, else the
//! artifact in `src_registry` at `src_digest`/`src_tag`, else `oci_artifact`). The design
//! documents' `kubernetes_manifest_deploy_plan` key is accepted for the platform's
//! `kubernetes_manifest`.
//!
//! The cluster work itself is the same as `kzr plan|apply|teardown NAME` (docs/deploy.md); this
//! module only turns the plan into a connection, a namespace, an inventory name and the content.

use super::keys::{DEPLOY_PLAN, OTHER_DEPLOY_PLANS};
use super::plan::{read, PlanError, RegistryRepository};
use super::{RunnerError, Secrets};
use crate::artifact::encryption::Identity;
use crate::cluster::ConnectOptions;
use crate::registry::{
    block_on, reference, ArtifactRef, Options, Registry, ARCHIVE_SCHEME, LAYOUT_SCHEME,
};
use crate::signature::Verifier;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

const KIND: &str = "deploy plan";
const KM: &str = "kubernetes_manifest";
const CI: &str = "kubernetes_manifest.cluster_info";

/// The Azure AD application id of AKS' API server, which `kubelogin --server-id` asks a token
/// for (the same constant the platform's runner uses).
const AKS_SERVER_ID: &str = "6dae42f8-4368-4678-94ff-3960e28e3630";
const EXEC_API_VERSION: &str = "client.authentication.k8s.io/v1beta1";

/// `kube.ClusterInfo`: how to reach the cluster. Tokens and the kubeconfig are never printed.
#[derive(Clone, Default, Deserialize)]
pub struct ClusterInfo {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub endpoint: String,
    /// Standard base64 of the PEM CA bundle.
    #[serde(default)]
    pub ca_data: String,
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub env_vars: BTreeMap<String, String>,
    #[serde(default)]
    pub kube_config: String,
    pub aws_auth: Option<Value>,
    pub azure_auth: Option<Value>,
    pub gcp_auth: Option<Value>,
    #[serde(default)]
    pub trusted_role_arn: String,
}

impl std::fmt::Debug for ClusterInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClusterInfo")
            .field("id", &self.id)
            .field("endpoint", &self.endpoint)
            .field(
                "kube_config",
                &(!self.kube_config.is_empty()).then_some("***"),
            )
            .field("token", &(!self.token.is_empty()).then_some("***"))
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct RawOciArtifactReference {
    #[serde(default)]
    url: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    digest: String,
}

#[derive(Deserialize)]
struct RawKubernetesManifestDeployPlan {
    cluster_info: Option<ClusterInfo>,
    #[serde(default)]
    namespace: String,
    #[serde(default)]
    manifest: String,
    oci_artifact: Option<RawOciArtifactReference>,
    state: Option<Value>,
}

#[derive(Deserialize)]
struct RawDeployPlan {
    #[serde(default)]
    install_id: String,
    #[serde(default)]
    component_id: String,
    #[serde(default)]
    component_name: String,
    src_registry: Option<RegistryRepository>,
    #[serde(default)]
    src_tag: String,
    #[serde(default)]
    src_digest: String,
    kubernetes_manifest: Option<RawKubernetesManifestDeployPlan>,
    kubernetes_manifest_deploy_plan: Option<RawKubernetesManifestDeployPlan>,
}

/// Where the objects of a deploy come from.
#[derive(Clone)]
pub enum DeployContent {
    /// `kubernetes_manifest.manifest`: already rendered by the platform, used verbatim.
    Manifest(String),
    /// An artifact, pinned by digest when the plan knows it; `credentials` are the
    /// `src_registry`'s `OCIAuth` (never printed: the type has no `Display`).
    Artifact {
        artifact: ArtifactRef,
        credentials: Option<String>,
    },
}

impl std::fmt::Debug for DeployContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeployContent::Manifest(m) => write!(f, "Manifest({} bytes)", m.len()),
            DeployContent::Artifact {
                artifact,
                credentials,
            } => f
                .debug_struct("Artifact")
                .field("artifact", &artifact.to_string())
                .field("credentials", &credentials.as_ref().map(|_| "***"))
                .finish(),
        }
    }
}

/// A validated deploy plan. Its `Debug` shows no credential and no install state.
#[derive(Clone)]
pub struct DeployPlan {
    pub file: String,
    pub install_id: String,
    pub component_id: String,
    pub component_name: String,
    pub cluster: ClusterInfo,
    /// The namespace as written in the plan (a template: docs/config.md, "Namespace templating").
    pub namespace_template: String,
    pub content: DeployContent,
    state: Option<Value>,
    src_registry: Option<RegistryRepository>,
}

impl std::fmt::Debug for DeployPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeployPlan")
            .field("file", &self.file)
            .field("install_id", &self.install_id)
            .field("component_id", &self.component_id)
            .field("cluster", &self.cluster)
            .field("namespace_template", &self.namespace_template)
            .field("content", &self.content)
            .field("state", &self.state.as_ref().map(|_| "***"))
            .finish_non_exhaustive()
    }
}

/// What a deploy plan's content turned out to be.
pub struct Fetched {
    pub content: String,
    /// Where it came from, for messages and the inventory (`plan.json#manifest`, or the
    /// artifact reference).
    pub source: String,
    /// The artifact's pinned URL (`host/repo@sha256:…`), empty for an inline manifest.
    pub artifact: String,
}

impl DeployPlan {
    /// Reads, normalises and validates the deploy plan in `path`.
    pub fn load(path: &Path) -> Result<DeployPlan, PlanError> {
        let mut plan = read(path, KIND, &DEPLOY_PLAN, &OTHER_DEPLOY_PLANS)?;
        let raw: RawDeployPlan = plan.decode()?;
        let key_error = |p: String, m: String| plan.error(p, m);
        let Some(km) = raw
            .kubernetes_manifest
            .or(raw.kubernetes_manifest_deploy_plan)
        else {
            let message = match plan.other {
                Some(k) => format!("missing: this is a {k} deploy, not a kubernetes_manifest one"),
                None => "missing".into(),
            };
            return Err(key_error(KM.into(), message));
        };
        let cluster = km.cluster_info.ok_or_else(|| {
            key_error(
                format!("{KM}.cluster_info"),
                "missing or null: the plan says nothing about the cluster to deploy to".into(),
            )
        })?;
        if cluster.kube_config.trim().is_empty() && cluster.endpoint.is_empty() {
            return Err(key_error(
                format!("{CI}.endpoint"),
                "missing (and no kube_config)".into(),
            ));
        }
        if km.namespace.trim().is_empty() {
            return Err(key_error(format!("{KM}.namespace"), "missing".into()));
        }
        for (key, digest) in [
            ("src_digest", raw.src_digest.as_str()),
            (
                "kubernetes_manifest.oci_artifact.digest",
                km.oci_artifact.as_ref().map_or("", |o| o.digest.as_str()),
            ),
        ] {
            if !digest.is_empty() && !reference::valid_digest(digest) {
                return Err(key_error(
                    key.into(),
                    format!("{digest:?} is not a digest (sha256: and 64 hex digits)"),
                ));
            }
        }
        let content = if !km.manifest.trim().is_empty() {
            DeployContent::Manifest(km.manifest)
        } else {
            artifact_content(
                raw.src_registry.as_ref(),
                &raw.src_tag,
                &raw.src_digest,
                km.oci_artifact.as_ref(),
            )
            .map_err(|(p, m)| key_error(p, m))?
        };
        Ok(DeployPlan {
            file: path.display().to_string(),
            install_id: raw.install_id,
            component_id: raw.component_id,
            component_name: raw.component_name,
            cluster,
            namespace_template: km.namespace,
            content,
            state: km.state,
            src_registry: raw.src_registry,
        })
    }

    fn key_error(&self, path: impl Into<String>, message: impl Into<String>) -> PlanError {
        PlanError::key(KIND, &self.file, path, message)
    }

    /// The inventory's name: the component id, else the install id.
    pub fn inventory_name(&self) -> Result<String, PlanError> {
        [&self.component_id, &self.install_id]
            .into_iter()
            .find(|s| !s.is_empty())
            .cloned()
            .ok_or_else(|| {
                self.key_error(
                    "component_id",
                    "missing (and no install_id): name the inventory on the command line",
                )
            })
    }

    /// The default (and inventory) namespace: the plan's `namespace` rendered with `state`
    /// (`--state FILE` when given, else the plan's `state`).
    pub fn namespace(&self, state: Option<&Value>) -> Result<String, PlanError> {
        let empty = json!({});
        let state = state.or(self.state.as_ref()).unwrap_or(&empty);
        crate::config::template::render_namespace(&self.namespace_template, state)
            .map_err(|e| self.key_error(format!("{KM}.namespace"), e.to_string()))
    }

    /// How to connect: `kube_config` when given, else a kubeconfig made from `endpoint` and
    /// `ca_data` with the `token`, or with the credential plugin the platform's runner uses
    /// for the plan's cloud (`aws-iam-authenticator`, `kubelogin`, `gke-gcloud-auth-plugin`).
    pub fn connect_options(&self) -> Result<ConnectOptions, PlanError> {
        let c = &self.cluster;
        let text = if !c.kube_config.trim().is_empty() {
            c.kube_config.clone()
        } else {
            self.generated_kubeconfig()?
        };
        Ok(ConnectOptions {
            kubeconfig: None,
            kubeconfig_text: Some(text),
            context: None,
            deadline: Default::default(),
        })
    }

    fn generated_kubeconfig(&self) -> Result<String, PlanError> {
        use base64::Engine;
        let c = &self.cluster;
        let mut cluster = json!({"server": c.endpoint});
        let ca = c.ca_data.trim();
        if !ca.is_empty() {
            let pem = base64::engine::general_purpose::STANDARD
                .decode(ca)
                .map_err(|_| self.key_error(format!("{CI}.ca_data"), "not valid base64"))?;
            if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
                return Err(self.key_error(
                    format!("{CI}.ca_data"),
                    "does not hold a PEM certificate once decoded",
                ));
            }
            cluster["certificate-authority-data"] = json!(ca);
        }
        let user = if !c.token.is_empty() {
            json!({"token": c.token})
        } else {
            let (key, exec) = self.credential_plugin()?;
            let command = exec["command"].as_str().unwrap_or_default();
            if !crate::command::on_path(command) {
                return Err(self.key_error(
                    format!("{CI}.{key}"),
                    format!(
                        "{command} is not on PATH (kzr runs it to get a token for the cluster)"
                    ),
                ));
            }
            json!({ "exec": exec })
        };
        let config = json!({
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": "deploy", "cluster": cluster}],
            "users": [{"name": "deploy", "user": user}],
            "contexts": [{"name": "deploy", "context": {"cluster": "deploy", "user": "deploy"}}],
            "current-context": "deploy",
        });
        // JSON is YAML, which is what a kubeconfig is read as.
        Ok(config.to_string())
    }

    /// The exec credential plugin for the plan's cloud, as the platform's runner runs it
    /// (docs/runner.md, "Cluster access"). kzr does not resolve the cloud auth configs itself: the
    /// plugin runs with the runner's ambient credentials and `env_vars`.
    /// Returns the plan key it comes from and the kubeconfig `exec` entry.
    fn credential_plugin(&self) -> Result<(&'static str, Value), PlanError> {
        let c = &self.cluster;
        let object = |v: &Option<Value>| v.as_ref().filter(|v| v.is_object()).cloned();
        let str_at = |v: &Value, path: &[&str]| {
            path.iter()
                .try_fold(v, |v, k| v.get(k))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let mut env: BTreeMap<String, String> = c.env_vars.clone();
        let (key, command, args) = if let Some(aws) = object(&c.aws_auth) {
            if c.id.is_empty() {
                return Err(self.key_error(
                    format!("{CI}.id"),
                    "missing (the EKS cluster name aws-iam-authenticator needs)",
                ));
            }
            let region = str_at(&aws, &["region"]);
            if !region.is_empty() {
                env.entry("AWS_REGION".into()).or_insert(region);
            }
            let mut args = vec!["token".to_string(), "-i".into(), c.id.clone()];
            if !c.trusted_role_arn.is_empty() {
                args.extend(["-r".into(), c.trusted_role_arn.clone()]);
            }
            ("aws_auth", "aws-iam-authenticator", args)
        } else if let Some(azure) = object(&c.azure_auth) {
            let msi = std::env::var("ARM_USE_MSI").is_ok_and(|v| v == "true");
            let mut args: Vec<String> = vec![
                "get-token".into(),
                "--login".into(),
                if msi { "msi" } else { "azurecli" }.into(),
                "--server-id".into(),
                AKS_SERVER_ID.into(),
            ];
            let tenant = str_at(&azure, &["service_principal", "subscription_tenant_id"]);
            if !tenant.is_empty() {
                args.extend(["--tenant-id".into(), tenant]);
            }
            let client = str_at(&azure, &["managed_identity_client_id"]);
            if msi && !client.is_empty() {
                args.extend(["--client-id".into(), client]);
            }
            ("azure_auth", "kubelogin", args)
        } else if let Some(gcp) = object(&c.gcp_auth) {
            let account = str_at(&gcp, &["impersonate_service_account"]);
            if !account.is_empty() {
                env.insert("CLOUDSDK_AUTH_IMPERSONATE_SERVICE_ACCOUNT".into(), account);
            }
            ("gcp_auth", "gke-gcloud-auth-plugin", Vec::new())
        } else {
            return Err(self.key_error(
                CI,
                "no kube_config, no token and no aws_auth, azure_auth or gcp_auth: nothing to \
                 authenticate to the cluster with",
            ));
        };
        let env: Vec<Value> = env
            .into_iter()
            .map(|(name, value)| json!({"name": name, "value": value}))
            .collect();
        Ok((
            key,
            json!({
                "apiVersion": EXEC_API_VERSION,
                "command": command,
                "args": args,
                "env": env,
                "interactiveMode": "Never",
            }),
        ))
    }

    /// Reads the content to deploy: the inline manifest, or the artifact pulled (and
    /// verified) with the command line's registry `options`, whose credentials win over the
    /// plan's.
    pub fn fetch(
        &self,
        options: &Options,
        max_size: u64,
        identities: &[Identity],
        verifier: Option<&Verifier>,
        verbose: bool,
    ) -> Result<Fetched, RunnerError> {
        match &self.content {
            DeployContent::Manifest(_) if verifier.is_some() => Err(RunnerError::Source(format!(
                "deploy plan {}: {KM} has an inline manifest, not an artifact: there is no signature to verify",
                self.file
            ))),
            DeployContent::Manifest(text) => Ok(Fetched {
                content: text.clone(),
                source: format!("{}#{KM}.manifest", self.file),
                artifact: String::new(),
            }),
            DeployContent::Artifact {
                artifact,
                credentials,
            } => {
                let options = super::build::with_credentials(options, credentials.clone());
                if verbose {
                    crate::output::progress(&format!("pulling {artifact}"));
                }
                let registry = Registry::new(&[artifact], &options)?;
                // Verified, the artifact is pulled by the digest its signature vouches for.
                let pinned = match verifier {
                    Some(v) => {
                        let verified = block_on(crate::signature::verify(&registry, artifact, v))?;
                        artifact.with_digest(&verified.digest)
                    }
                    None => artifact.clone(),
                };
                let pulled = block_on(registry.pull(&pinned, max_size, identities))?;
                Ok(Fetched {
                    content: pulled.content,
                    source: artifact.to_string(),
                    artifact: artifact.digest_url(&pulled.digest),
                })
            }
        }
    }

    /// Strings that must never be printed: cluster tokens and kubeconfig credentials, the
    /// credential plugin's environment, registry passwords and the install state's secrets.
    /// `state` is the `--state FILE` given instead of the plan's.
    pub fn secrets(&self, state: Option<&Value>) -> Secrets {
        let mut s = Secrets::default();
        s.add(&self.cluster.token);
        for v in self.cluster.env_vars.values() {
            s.add(v);
        }
        // Everything under `users` (tokens, passwords, client keys, auth provider and exec
        // settings), whether the kubeconfig is written as YAML or JSON.
        let kubeconfig =
            crate::yaml::parse_documents(&self.cluster.kube_config).unwrap_or_default();
        for doc in &kubeconfig {
            if let Some(users) = doc.value.get("users") {
                add_strings(users, &mut s);
            }
        }
        if let Some(r) = &self.src_registry {
            r.collect_secrets(&mut s);
        }
        let state = state.or(self.state.as_ref());
        if let Some(secrets) = state.and_then(|st| st.get("secrets")) {
            add_strings(secrets, &mut s);
        }
        s
    }
}

fn add_strings(v: &Value, secrets: &mut Secrets) {
    match v {
        Value::String(s) => secrets.add(s),
        Value::Array(items) => items.iter().for_each(|i| add_strings(i, secrets)),
        Value::Object(m) => m.values().for_each(|i| add_strings(i, secrets)),
        _ => {}
    }
}

/// The artifact a plan without an inline manifest deploys: `src_registry` at `src_digest`
/// (else `src_tag`), as the platform's runner pulls it; else `oci_artifact`. A digest in
/// `oci_artifact` pins the `src_registry` pull too when both name the same repository.
fn artifact_content(
    src_registry: Option<&RegistryRepository>,
    src_tag: &str,
    src_digest: &str,
    oci_artifact: Option<&RawOciArtifactReference>,
) -> Result<DeployContent, (String, String)> {
    let oci = oci_artifact.filter(|o| !o.url.is_empty());
    if let Some(registry) = src_registry.filter(|r| !r.repository.is_empty()) {
        let repository = registry.repository_url("src_registry")?;
        let digest = if !src_digest.is_empty() {
            src_digest
        } else {
            oci.filter(|o| reference::strip_scheme(&o.url).trim_end_matches('/') == repository)
                .map_or("", |o| o.digest.as_str())
        };
        if digest.is_empty() && src_tag.is_empty() {
            return Err(("src_tag".into(), "missing (and no src_digest)".into()));
        }
        let artifact = if digest.is_empty() {
            registry.artifact("src_registry", src_tag)?
        } else {
            registry
                .artifact("src_registry", "latest")?
                .with_digest(digest)
        };
        return Ok(DeployContent::Artifact {
            artifact,
            credentials: registry.credentials(),
        });
    }
    let Some(o) = oci else {
        return Err((
            KM.into(),
            "nothing to deploy: no manifest, no src_registry and no oci_artifact".into(),
        ));
    };
    let url = if o.url.starts_with(LAYOUT_SCHEME) || o.url.starts_with(ARCHIVE_SCHEME) {
        o.url.trim_end_matches('/').to_string()
    } else {
        format!(
            "oci://{}",
            reference::strip_scheme(&o.url).trim_end_matches('/')
        )
    };
    let reference = if !o.digest.is_empty() {
        format!("{url}@{}", o.digest)
    } else if !o.tag.is_empty() {
        format!("{url}:{}", o.tag)
    } else {
        return Err((
            format!("{KM}.oci_artifact"),
            "needs a tag or a digest".into(),
        ));
    };
    let artifact = ArtifactRef::parse(&reference).map_err(|e| {
        let reason = match e {
            crate::registry::RegistryError::InvalidReference { reason, .. } => reason,
            other => other.to_string(),
        };
        (format!("{KM}.oci_artifact.url"), reason)
    })?;
    Ok(DeployContent::Artifact {
        artifact,
        credentials: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<DeployPlan, PlanError> {
        let dir = super::super::TempDir::new("kzr-deploy-plan-test").unwrap();
        let path = dir.path().join("deploy.json");
        std::fs::write(&path, text).unwrap();
        DeployPlan::load(&path)
    }

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn platform_shape_pulls_from_src_registry_by_digest() {
        let plan = load(&format!(
            r#"{{"install_id":"inst1","component_id":"cmp1","src_registry":{{"Plugin":"oci",
            "RegistryType":"ecr","ECRAuth":{{"region":"us-west-2"}},"OCIAuth":{{"Username":"AWS",
            "Password":"pw-secret-1"}},"Repository":"reg.example.com/inst1","LoginServer":""}},
            "src_tag":"dpl1","helm":null,"kubernetes_manifest":{{"cluster_info":{{"id":"c1",
            "endpoint":"https://k.example.com","ca_data":"","kube_config":"","env_vars":null,
            "aws_auth":{{"region":"us-west-2"}},"azure_auth":null,"gcp_auth":false,"inline":false,
            "trusted_role_arn":""}},"namespace":"{{{{.nuon.install.id}}}}-ns",
            "oci_artifact":{{"url":"reg.example.com/inst1","tag":"dpl1","digest":"{DIGEST}"}},
            "state":{{"install":{{"id":"inst1"}},"secrets":{{"db":"state-secret-1"}}}}}},
            "apply_plan_contents":"","unknown":1}}"#
        ))
        .unwrap();
        let DeployContent::Artifact {
            artifact,
            credentials,
        } = &plan.content
        else {
            panic!("expected an artifact")
        };
        assert_eq!(
            artifact.to_string(),
            format!("reg.example.com/inst1@{DIGEST}")
        );
        assert_eq!(credentials.as_deref(), Some("AWS:pw-secret-1"));
        assert_eq!(plan.inventory_name().unwrap(), "cmp1");
        assert_eq!(plan.namespace(None).unwrap(), "inst1-ns");
        let secrets = plan.secrets(None);
        assert_eq!(secrets.redact("pw-secret-1 state-secret-1"), "*** ***");
        let (key, exec) = plan.credential_plugin().unwrap();
        assert_eq!(key, "aws_auth");
        assert_eq!(exec["command"], "aws-iam-authenticator");
        assert_eq!(exec["args"], json!(["token", "-i", "c1"]));
        assert_eq!(
            exec["env"],
            json!([{"name": "AWS_REGION", "value": "us-west-2"}])
        );
        let debug = format!("{plan:?}");
        assert!(
            !debug.contains("pw-secret-1") && !debug.contains("state-secret-1"),
            "{debug}"
        );
    }

    #[test]
    fn seed_shape_with_inline_manifest_and_token() {
        let plan = load(
            r#"{"component_id":"c","kubernetes_manifest_deploy_plan":{"namespace":"apps",
            "manifest":"kind: ConfigMap","cluster_info":{"endpoint":"https://k:6443",
            "ca_data":"bm90IGEgY2VydA==","token":"tok-secret-1"}}}"#,
        )
        .unwrap();
        assert!(matches!(plan.content, DeployContent::Manifest(_)));
        let e = plan.connect_options().unwrap_err().to_string();
        assert!(
            e.contains("kubernetes_manifest.cluster_info.ca_data"),
            "{e}"
        );
        assert_eq!(plan.secrets(None).redact("tok-secret-1"), "***");
        // Kubeconfig credentials are secrets however the kubeconfig is written.
        for kube_config in [
            r#""users:\n- name: u\n  user:\n    token: \"kc-token-1\"\n""#,
            r#""{\"users\":[{\"name\":\"u\",\"user\":{\"token\":\"kc-token-1\"}}]}""#,
        ] {
            let plan = load(&format!(
                r#"{{"component_id":"c","kubernetes_manifest":{{"namespace":"apps",
                "manifest":"x","cluster_info":{{"kube_config":{kube_config}}}}}}}"#
            ))
            .unwrap();
            assert_eq!(
                plan.secrets(None).redact("kc-token-1"),
                "***",
                "{kube_config}"
            );
        }
    }

    #[test]
    fn bad_plans_name_the_key() {
        let cases = [
            (
                r#"{"kubernetes_manifest":{"namespace":"a","manifest":"x"}}"#,
                "kubernetes_manifest.cluster_info: missing or null",
            ),
            (
                r#"{"kubernetes_manifest":{"cluster_info":null,"namespace":"a"}}"#,
                "kubernetes_manifest.cluster_info: missing or null",
            ),
            (
                r#"{"helm":{"x":1}}"#,
                "kubernetes_manifest: missing: this is a helm deploy",
            ),
            (
                r#"{"kubernetes_manifest":{"cluster_info":{"endpoint":"https://k"},"manifest":"x"}}"#,
                "kubernetes_manifest.namespace: missing",
            ),
            (
                r#"{"kubernetes_manifest":{"cluster_info":{"endpoint":"https://k"},"namespace":"a"}}"#,
                "nothing to deploy",
            ),
            (
                r#"{"src_registry":{"Repository":"r.io/a"},"kubernetes_manifest":{"cluster_info":{"endpoint":"https://k"},"namespace":"a"}}"#,
                "src_tag: missing",
            ),
            (
                r#"{"src_digest":"sha256:12","kubernetes_manifest":{"cluster_info":{"endpoint":"https://k"},"namespace":"a"}}"#,
                "src_digest: \"sha256:12\" is not a digest",
            ),
            (
                r#"{"kubernetes_manifest":{"cluster_info":{"endpoint":7},"namespace":"a"}}"#,
                "kubernetes_manifest.cluster_info.endpoint: expected a string, found a number",
            ),
            (
                r#"{"kubernetes_manifest":{"cluster_info":{},"namespace":"a"}}"#,
                "kubernetes_manifest.cluster_info.endpoint: missing",
            ),
        ];
        for (text, want) in cases {
            let e = load(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text}: {e}");
        }
        let plan = load(
            r#"{"kubernetes_manifest":{"cluster_info":{"endpoint":"https://k"},"namespace":"a","manifest":"x"}}"#,
        )
        .unwrap();
        let e = plan.connect_options().unwrap_err().to_string();
        assert!(e.contains("nothing to authenticate"), "{e}");
        assert!(plan
            .inventory_name()
            .unwrap_err()
            .to_string()
            .contains("component_id"));
        let plan = load(
            r#"{"component_id":"c","kubernetes_manifest":{"cluster_info":{"kube_config":"x"},"namespace":"{{.nuon.missing}}","manifest":"x"}}"#,
        )
        .unwrap();
        let e = plan.namespace(None).unwrap_err().to_string();
        assert!(
            e.contains("kubernetes_manifest.namespace") && e.contains("missing"),
            "{e}"
        );
    }
}
