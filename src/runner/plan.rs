//! Reading the plans a runner hands to kzr: the platform's `BuildPlan`, `SyncOCIPlan` and
//! `DeployPlan`, written by Go's `encoding/json` (every key: docs/runner.md, "Plan JSON
//! shapes"; the reading rules: "Reading plans").
//!
//! Go matches keys case-insensitively and ignores unknown keys; its registry struct
//! (`OCIRegistryRepository`) has no json tags, so it arrives in PascalCase (`Repository`,
//! `LoginServer`, `OCIAuth {Username, Password}`) while everything else is snake_case, and
//! the design documents spell some keys differently again (`oci_auth`, `login_server`). So
//! before deserialising, every key of the parsed JSON is matched against the known keys of
//! its position (`runner/keys.rs`) ignoring case and underscores ([`gojson::Keys::RUNNER`]),
//! and renamed to the canonical spelling; `null`s are dropped (a Go nil is an absent value)
//! and so are unknown keys. The same walk checks every value's JSON type, so a wrong type is
//! reported with the JSON path of the key and never with the value (which may be a secret).

use super::keys::{BUILD_PLAN, OTHER_BUILD_PLANS, SYNC_PLAN};
use crate::config::KubernetesManifestBuildPlan;
use crate::gojson::{self, Keys, Shape};
use crate::registry::{reference, ArtifactRef};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::path::Path;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum PlanError {
    #[error("{kind} {file}: {message}")]
    Read {
        kind: &'static str,
        file: String,
        message: String,
    },
    #[error("{kind} {file}: not valid JSON: {message}")]
    Json {
        kind: &'static str,
        file: String,
        message: String,
    },
    #[error("{kind} {file}: {path}: {message}")]
    Key {
        kind: &'static str,
        file: String,
        path: String,
        message: String,
    },
}

impl PlanError {
    /// An error about the key at `path` of the plan `file`.
    pub fn key(
        kind: &'static str,
        file: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> PlanError {
        PlanError::Key {
            kind,
            file: file.to_string(),
            path: path.into(),
            message: message.into(),
        }
    }

    /// The JSON path of the offending key, when the error is about one.
    pub fn path(&self) -> Option<&str> {
        match self {
            PlanError::Key { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// `OCIAuth`: a user name and password (or token). The password is never printed.
#[derive(Clone, Default, Deserialize)]
pub struct OciAuth {
    #[serde(rename = "Username", default)]
    pub username: String,
    #[serde(rename = "Password", default)]
    pub password: String,
}

impl std::fmt::Debug for OciAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "OciAuth {{ username: {:?}, password: *** }}",
            self.username
        )
    }
}

/// The platform's `OCIRegistryRepository`, the keys kzr uses.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RegistryRepository {
    #[serde(rename = "RegistryType", default)]
    pub registry_type: String,
    #[serde(rename = "Region", default)]
    pub region: String,
    #[serde(rename = "OCIAuth", default)]
    pub oci_auth: Option<OciAuth>,
    #[serde(rename = "Repository", default)]
    pub repository: String,
    #[serde(rename = "LoginServer", default)]
    pub login_server: String,
}

impl RegistryRepository {
    /// `host/repository`: `Repository`, prefixed with `LoginServer` when it names no host;
    /// `key` is the plan key of this registry (for messages).
    pub fn repository_url(&self, key: &str) -> Result<String, (String, String)> {
        let repo = reference::strip_scheme(self.repository.trim()).trim_matches('/');
        if repo.is_empty() {
            return Err((format!("{key}.Repository"), "missing".into()));
        }
        if reference::names_host(repo) {
            return Ok(repo.to_string());
        }
        let server = reference::strip_scheme(self.login_server.trim()).trim_end_matches('/');
        if server.is_empty() {
            return Err((
                format!("{key}.LoginServer"),
                format!("missing (Repository {repo:?} names no registry host)"),
            ));
        }
        let repo = repo
            .strip_prefix(server)
            .map_or(repo, |r| r.trim_start_matches('/'));
        Ok(format!("{server}/{repo}"))
    }

    /// The artifact `tag` in this repository.
    pub fn artifact(&self, key: &str, tag: &str) -> Result<ArtifactRef, (String, String)> {
        let repo = self.repository_url(key)?;
        ArtifactRef::parse(&format!("oci://{repo}:{tag}")).map_err(|e| {
            let reason = match e {
                crate::registry::RegistryError::InvalidReference { reason, .. } => reason,
                other => other.to_string(),
            };
            (format!("{key}.Repository"), format!("{repo:?}: {reason}"))
        })
    }

    /// Credentials as `user:password` from `OCIAuth`, like the platform's runner: anonymous
    /// without a user name, except on GAR where a bare token goes with `oauth2accesstoken`.
    pub fn credentials(&self) -> Option<String> {
        let auth = self.oci_auth.as_ref()?;
        let user = if auth.username.is_empty() {
            if self.registry_type.eq_ignore_ascii_case("gar") && !auth.password.is_empty() {
                "oauth2accesstoken"
            } else {
                return None;
            }
        } else {
            auth.username.as_str()
        };
        Some(format!("{user}:{}", auth.password))
    }

    /// Adds the registry's password to `secrets`.
    pub fn collect_secrets(&self, secrets: &mut super::Secrets) {
        if let Some(a) = &self.oci_auth {
            secrets.add(&a.password);
        }
    }
}

/// `git_source`: where the kustomize source lives.
#[derive(Clone, Default, Deserialize)]
pub struct GitSource {
    #[serde(default)]
    pub url: String,
    #[serde(rename = "ref", default)]
    pub reference: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub recurse_submodules: bool,
}

impl std::fmt::Debug for GitSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitSource")
            .field("url", &super::redact(&self.url))
            .field("ref", &self.reference)
            .field("path", &self.path)
            .field("recurse_submodules", &self.recurse_submodules)
            .finish()
    }
}

/// Where a build's manifests come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceType {
    Inline,
    Kustomize,
    OciArtifact,
}

/// A validated build plan.
#[derive(Debug, Clone)]
pub struct BuildPlan {
    pub file: String,
    pub component_id: String,
    pub component_build_id: String,
    pub git_source: Option<GitSource>,
    pub dst_registry: RegistryRepository,
    pub dst_tag: String,
    pub source_type: SourceType,
    /// The `kubernetes_manifest_build_plan`, in the shape `kzr config build-plan` prints.
    pub kubernetes_manifest: KubernetesManifestBuildPlan,
    pub load_restrictor: crate::kustomize::LoadRestrictor,
}

/// A validated sync plan.
#[derive(Debug, Clone)]
pub struct SyncPlan {
    pub file: String,
    pub src_registry: RegistryRepository,
    pub src_tag: String,
    pub dst_registry: RegistryRepository,
    pub dst_tag: String,
}

/// A plan file read and normalised: its keys in their canonical spelling.
pub(super) struct Read {
    kind: &'static str,
    file: String,
    map: Map<String, Value>,
    /// The first key among the `others` given to [`read`] that the file sets (not null): the
    /// plan of another component type.
    pub other: Option<&'static str>,
}

impl Read {
    /// An error about the key at `path` of this plan.
    pub fn error(&self, path: impl Into<String>, message: impl Into<String>) -> PlanError {
        PlanError::key(self.kind, &self.file, path, message)
    }

    /// Takes the value of the (canonical) key `name` out of the plan; absent is `None`.
    pub fn take<T: serde::de::DeserializeOwned>(
        &mut self,
        name: &str,
    ) -> Result<Option<T>, PlanError> {
        // Types were checked while normalising, so this fails only on a model bug; serde's
        // message could quote a value, so it is not passed on.
        gojson::take(&mut self.map, name)
            .map_err(|_| self.error(name, "does not match the plan's model"))
    }

    /// The whole plan, deserialised.
    pub fn decode<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, PlanError> {
        serde_json::from_value(Value::Object(std::mem::take(&mut self.map)))
            .map_err(|_| self.error("(top level)", "does not match the plan's model"))
    }
}

/// Reads and normalises a plan file of `shape`; `others` are top-level keys of plans for
/// other component types.
pub(super) fn read(
    path: &Path,
    kind: &'static str,
    shape: &Shape,
    others: &[&'static str],
) -> Result<Read, PlanError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| PlanError::Read {
        kind,
        file: file.clone(),
        message: e.to_string(),
    })?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| PlanError::Json {
        kind,
        file: file.clone(),
        message: e.to_string(),
    })?;
    let other = match &value {
        Value::Object(m) => others
            .iter()
            .find(|k| gojson::get(m, k, Keys::RUNNER).is_some())
            .copied(),
        _ => None,
    };
    let map = match gojson::normalise(value, shape, Keys::RUNNER) {
        Ok(Value::Object(map)) => map,
        Ok(_) => Map::new(),
        Err(e) => return Err(PlanError::key(kind, &file, e.path, e.message)),
    };
    Ok(Read {
        kind,
        file,
        map,
        other,
    })
}

fn check_tag(tag: &str, key: &str) -> Result<(), (String, String)> {
    if tag.is_empty() {
        return Err((key.into(), "missing".into()));
    }
    if !reference::valid_tag(tag) {
        return Err((
            key.into(),
            format!(
                "{tag:?} is not a valid tag (letters, digits, _ . -, at most 128, not starting \
                 with . or -)"
            ),
        ));
    }
    Ok(())
}

const KM: &str = "kubernetes_manifest_build_plan";

impl BuildPlan {
    /// Reads, normalises and validates the build plan in `path`.
    pub fn load(path: &Path) -> Result<BuildPlan, PlanError> {
        let mut plan = read(path, "build plan", &BUILD_PLAN, &OTHER_BUILD_PLANS)?;
        let km: Option<KubernetesManifestBuildPlan> = plan.take(KM)?;
        let dst_registry: Option<RegistryRepository> = plan.take("dst_registry")?;
        let dst_tag: String = plan.take("dst_tag")?.unwrap_or_default();
        let git_source: Option<GitSource> = plan.take("git_source")?;
        let component_id: String = plan.take("component_id")?.unwrap_or_default();
        let component_build_id: String = plan.take("component_build_id")?.unwrap_or_default();
        let key_error = |p: String, m: String| plan.error(p, m);
        let err = |(p, m): (String, String)| key_error(p, m);
        let Some(km) = km else {
            let message = match plan.other {
                Some(k) => format!("missing: this is a {k}, not a kubernetes_manifest build"),
                None => "missing".into(),
            };
            return Err(key_error(KM.into(), message));
        };
        let dst_registry =
            dst_registry.ok_or_else(|| key_error("dst_registry".into(), "missing".into()))?;
        dst_registry.repository_url("dst_registry").map_err(err)?;
        check_tag(&dst_tag, "dst_tag").map_err(err)?;
        let source_type = match km.source_type.as_str() {
            "inline" => SourceType::Inline,
            "kustomize" => SourceType::Kustomize,
            "oci_artifact" => SourceType::OciArtifact,
            "" => return Err(key_error(format!("{KM}.source_type"), "missing".into())),
            other => {
                return Err(key_error(
                    format!("{KM}.source_type"),
                    format!("unknown value {other:?} (expected inline, kustomize or oci_artifact)"),
                ))
            }
        };
        let missing_for = |key: &str, st: &str| {
            key_error(
                format!("{KM}.{key}"),
                format!("missing (required for source_type {st})"),
            )
        };
        let mut load_restrictor = crate::kustomize::LoadRestrictor::RootOnly;
        match source_type {
            SourceType::Inline => {
                if km.inline_manifest.trim().is_empty() {
                    return Err(missing_for("inline_manifest", "inline"));
                }
                // A downloaded manifest is built only as it was downloaded.
                if !km.manifest_sha256.is_empty() {
                    use sha2::Digest;
                    let actual = format!(
                        "sha256:{}",
                        hex::encode(sha2::Sha256::digest(km.inline_manifest.as_bytes()))
                    );
                    if actual != km.manifest_sha256 {
                        return Err(key_error(
                            format!("{KM}.inline_manifest"),
                            format!(
                                "does not match manifest_sha256 {} (it is {actual})",
                                km.manifest_sha256
                            ),
                        ));
                    }
                }
            }
            SourceType::Kustomize => {
                if km.kustomize_path.is_empty() {
                    return Err(missing_for("kustomize_path", "kustomize"));
                }
                if let Some(c) = &km.kustomize_config {
                    load_restrictor = match c.load_restrictor.as_str() {
                        "" => crate::kustomize::LoadRestrictor::RootOnly,
                        other => {
                            crate::kustomize::LoadRestrictor::parse(other).ok_or_else(|| {
                                key_error(
                                    format!("{KM}.kustomize_config.load_restrictor"),
                                    format!("unknown value {other:?} (expected none or rootOnly)"),
                                )
                            })?
                        }
                    };
                }
            }
            SourceType::OciArtifact => {
                let Some(o) = &km.oci_artifact_source else {
                    return Err(missing_for("oci_artifact_source", "oci_artifact"));
                };
                if o.url.is_empty() {
                    return Err(missing_for("oci_artifact_source.url", "oci_artifact"));
                }
                if o.tag.is_empty() && o.digest.is_empty() {
                    return Err(key_error(
                        format!("{KM}.oci_artifact_source"),
                        "needs a tag or a digest".into(),
                    ));
                }
            }
        }
        Ok(BuildPlan {
            file: path.display().to_string(),
            component_id,
            component_build_id,
            git_source,
            dst_registry,
            dst_tag,
            source_type,
            kubernetes_manifest: km,
            load_restrictor,
        })
    }

    /// An error about `path` in this plan.
    pub fn key_error(&self, path: impl Into<String>, message: impl Into<String>) -> PlanError {
        PlanError::key("build plan", &self.file, path, message)
    }

    /// The destination artifact.
    pub fn destination(&self) -> Result<ArtifactRef, PlanError> {
        self.dst_registry
            .artifact("dst_registry", &self.dst_tag)
            .map_err(|(p, m)| self.key_error(p, m))
    }

    /// The secrets in this plan: the registry password and git URL credentials.
    pub fn secrets(&self) -> super::Secrets {
        let mut s = super::Secrets::default();
        self.dst_registry.collect_secrets(&mut s);
        if let Some(g) = &self.git_source {
            s.add_url(&g.url);
        }
        if let Some(o) = &self.kubernetes_manifest.oci_artifact_source {
            s.add_url(&o.url);
        }
        s
    }
}

impl SyncPlan {
    /// Reads, normalises and validates the sync plan in `path`.
    pub fn load(path: &Path) -> Result<SyncPlan, PlanError> {
        let mut plan = read(path, "sync plan", &SYNC_PLAN, &[])?;
        let src_registry: Option<RegistryRepository> = plan.take("src_registry")?;
        let src_tag: String = plan.take("src_tag")?.unwrap_or_default();
        let dst_registry: Option<RegistryRepository> = plan.take("dst_registry")?;
        let dst_tag: String = plan.take("dst_tag")?.unwrap_or_default();
        let missing = |key: &str| plan.error(key, "missing");
        let err = |(p, m): (String, String)| plan.error(p, m);
        let src_registry = src_registry.ok_or_else(|| missing("src_registry"))?;
        src_registry.repository_url("src_registry").map_err(err)?;
        check_tag(&src_tag, "src_tag").map_err(err)?;
        let dst_registry = dst_registry.ok_or_else(|| missing("dst_registry"))?;
        dst_registry.repository_url("dst_registry").map_err(err)?;
        check_tag(&dst_tag, "dst_tag").map_err(err)?;
        Ok(SyncPlan {
            file: path.display().to_string(),
            src_registry,
            src_tag,
            dst_registry,
            dst_tag,
        })
    }

    fn key_error(&self, (path, message): (String, String)) -> PlanError {
        PlanError::key("sync plan", &self.file, path, message)
    }

    pub fn source(&self) -> Result<ArtifactRef, PlanError> {
        self.src_registry
            .artifact("src_registry", &self.src_tag)
            .map_err(|e| self.key_error(e))
    }

    pub fn destination(&self) -> Result<ArtifactRef, PlanError> {
        self.dst_registry
            .artifact("dst_registry", &self.dst_tag)
            .map_err(|e| self.key_error(e))
    }

    pub fn secrets(&self) -> super::Secrets {
        let mut s = super::Secrets::default();
        self.src_registry.collect_secrets(&mut s);
        self.dst_registry.collect_secrets(&mut s);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (super::super::TempDir, std::path::PathBuf) {
        let dir = super::super::TempDir::new("kzr-plan-test").unwrap();
        let path = dir.path().join("plan.json");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn load(text: &str) -> Result<BuildPlan, PlanError> {
        let (_dir, path) = write(text);
        BuildPlan::load(&path)
    }

    #[test]
    fn platform_and_seed_shapes_parse_alike() {
        let platform = r#"{
          "component_id": "cmp1", "component_build_id": "bld1", "git_source": null,
          "dst_registry": {"Plugin": "oci", "RegistryType": "private_oci", "Region": "",
            "ECRAuth": null, "ACRAuth": null, "OCIAuth": {"Username": "u", "Password": "p4ss"},
            "ACRAppRegistration": null, "Repository": "org1/app1", "LoginServer": "reg.example.com"},
          "dst_tag": "bld1", "helm_build_plan": null, "future_key": {"x": 1},
          "kubernetes_manifest_build_plan": {"labels": {"component_id": "cmp1", "Mixed_Case": "v"},
            "source_type": "inline", "inline_manifest": "kind: ConfigMap\n",
            "kustomize_config": null, "oci_artifact_source": null}
        }"#;
        let seed = r#"{
          "component_id": "cmp1", "component_build_id": "bld1",
          "dst_registry": {"registry_type": "private_oci", "repository": "org1/app1",
            "login_server": "reg.example.com", "oci_auth": {"username": "u", "password": "p4ss"}},
          "DstTag": "bld1",
          "kubernetes_manifest_build_plan": {"labels": {"component_id": "cmp1", "Mixed_Case": "v"},
            "source_type": "inline", "inline_manifest": "kind: ConfigMap\n"}
        }"#;
        for text in [platform, seed] {
            let p = load(text).unwrap();
            assert_eq!(p.source_type, SourceType::Inline);
            assert_eq!(p.dst_tag, "bld1");
            assert_eq!(
                p.destination().unwrap().to_string(),
                "reg.example.com/org1/app1:bld1"
            );
            assert_eq!(p.dst_registry.credentials().as_deref(), Some("u:p4ss"));
            assert_eq!(p.kubernetes_manifest.labels["Mixed_Case"], "v");
            assert!(!format!("{p:?}").contains("p4ss"));
        }
    }

    #[test]
    fn bad_plans_name_the_key() {
        let base = |km: &str| {
            format!(
                r#"{{"dst_registry": {{"Repository": "localhost:5000/a"}}, "dst_tag": "t",
                "kubernetes_manifest_build_plan": {km}}}"#
            )
        };
        let cases = [
            (base(r#"{"source_type": "helm"}"#), "kubernetes_manifest_build_plan.source_type: unknown value \"helm\" (expected inline, kustomize or oci_artifact)"),
            (base(r#"{"source_type": 5}"#), "kubernetes_manifest_build_plan.source_type: expected a string, found a number"),
            (base(r#"{"source_type": "inline"}"#), "kubernetes_manifest_build_plan.inline_manifest: missing"),
            (base(r#"{"source_type": "kustomize", "kustomize_path": "k", "kustomize_config": {"patches": ["a", 1]}}"#), "kubernetes_manifest_build_plan.kustomize_config.patches[1]: expected a string"),
            (base(r#"{"source_type": "kustomize", "kustomize_path": "k", "kustomize_config": {"load_restrictor": "any"}}"#), "load_restrictor: unknown value"),
            (base(r#"{"source_type": "oci_artifact", "oci_artifact_source": {"url": "oci://x/y"}}"#), "oci_artifact_source: needs a tag or a digest"),
            (base(r#"{"labels": {"a": 1}, "source_type": "inline"}"#), "kubernetes_manifest_build_plan.labels.a: expected a string"),
            (base(r#"{"source_type": "inline", "inline_manifest": "kind: ConfigMap\n", "manifest_sha256": "sha256:00"}"#), "kubernetes_manifest_build_plan.inline_manifest: does not match manifest_sha256 sha256:00 (it is sha256:"),
            (r#"{"dst_registry": {"Repository": "localhost:5000/a"}, "kubernetes_manifest_build_plan": {"source_type": "inline", "inline_manifest": "a: 1"}}"#.into(), "dst_tag: missing"),
            (r#"{"dst_registry": {"Repository": "a/b"}, "dst_tag": "t", "kubernetes_manifest_build_plan": {}}"#.into(), "dst_registry.LoginServer: missing"),
            (r#"{"dst_registry": {"OCIAuth": "user:secretpw"}, "dst_tag": "t", "kubernetes_manifest_build_plan": {}}"#.into(), "dst_registry.OCIAuth: expected an object, found a string"),
            (r#"{"dst_tag": "t", "helm_build_plan": {}}"#.into(), "kubernetes_manifest_build_plan: missing: this is a helm_build_plan"),
            (r#"[1]"#.into(), "(top level): expected an object, found a list"),
        ];
        for (text, expected) in cases {
            let e = load(&text).unwrap_err().to_string();
            assert!(e.contains(expected), "{e}\n  does not contain {expected}");
            assert!(e.starts_with("build plan "), "{e}");
            assert!(!e.contains("secretpw"), "{e}");
        }
        let e = load("{not json").unwrap_err().to_string();
        assert!(e.contains("not valid JSON"), "{e}");
    }

    #[test]
    fn registries() {
        let r = |repo: &str, server: &str| RegistryRepository {
            repository: repo.into(),
            login_server: server.into(),
            ..Default::default()
        };
        assert_eq!(
            r("https://1.dkr.ecr.us-west-2.amazonaws.com/inst1", "").repository_url("k"),
            Ok("1.dkr.ecr.us-west-2.amazonaws.com/inst1".into())
        );
        assert_eq!(
            r("org/app", "https://reg.io/").repository_url("k"),
            Ok("reg.io/org/app".into())
        );
        assert_eq!(
            r("localhost:5000/x", "other.io").repository_url("k"),
            Ok("localhost:5000/x".into())
        );
        let gar = RegistryRepository {
            registry_type: "gar".into(),
            oci_auth: Some(OciAuth {
                username: String::new(),
                password: "tok3n".into(),
            }),
            ..Default::default()
        };
        assert_eq!(
            gar.credentials().as_deref(),
            Some("oauth2accesstoken:tok3n")
        );
        let anon = RegistryRepository {
            oci_auth: Some(OciAuth::default()),
            ..Default::default()
        };
        assert_eq!(anon.credentials(), None);
    }

    #[test]
    fn sync_plans() {
        let (_d, path) = write(
            r#"{"src_registry": {"RegistryType": "private_oci", "Repository": "org/app",
                "LoginServer": "localhost:5000", "OCIAuth": {"Username": "a", "Password": "b"}},
               "src_tag": "bld1", "dst_registry": {"repository": "localhost:5001/inst"},
               "dst_tag": "dpl1", "sandbox_mode": null}"#,
        );
        let p = SyncPlan::load(&path).unwrap();
        assert_eq!(
            p.source().unwrap().to_string(),
            "localhost:5000/org/app:bld1"
        );
        assert_eq!(
            p.destination().unwrap().to_string(),
            "localhost:5001/inst:dpl1"
        );
        let (_d, path) =
            write(r#"{"src_registry": {"Repository": "localhost:1/a"}, "src_tag": "x"}"#);
        let e = SyncPlan::load(&path).unwrap_err().to_string();
        assert!(e.ends_with("dst_registry: missing"), "{e}");
    }
}
