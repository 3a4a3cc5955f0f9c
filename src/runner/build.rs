//! The build job (docs/runner.md, "Build jobs"): a build plan's manifests built (inline or
//! kustomize) and pushed as a kustomizer-format artifact, or a pre-built artifact (`oci_artifact`)
//! validated and copied; either way to `dst_registry` as `dst_tag`.

use super::plan::{BuildPlan, SourceType};
use super::{git, patches, resolve_under, RunnerError, Secrets, TempDir};
use crate::artifact::{self, encryption::Recipient};
use crate::kustomize::{self, BuildOptions, Reorder};
use crate::object::{self, Object};
use crate::registry::{
    with_scheme, ArtifactRef, Options, Registry, RegistryError, ARCHIVE_SCHEME, LAYOUT_SCHEME,
};
use std::path::PathBuf;

/// Annotation prefix for the plan's labels.
pub const LABEL_ANNOTATION_PREFIX: &str = "kzr.dev/label.";

/// How to run a build plan.
#[derive(Debug, Default)]
pub struct BuildJob {
    /// The source root for kustomize builds; else `git_source` is cloned.
    pub source_dir: Option<PathBuf>,
    /// Registry options from the command line; the plan's `OCIAuth` is used when they carry
    /// no credentials.
    pub registry: Options,
    /// `--created`, else `SOURCE_DATE_EPOCH`, else now.
    pub created: Option<String>,
    /// `--source` / `--revision`, overriding what the plan's git source says.
    pub source: Option<String>,
    pub revision: Option<String>,
    pub recipients: Vec<Recipient>,
    /// Print progress and build warnings on stderr.
    pub verbose: bool,
}

/// What a build job did: the job's JSON result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOutcome {
    /// `host/repository`.
    pub repository: String,
    pub tag: String,
    pub digest: String,
    /// Hex SHA-256 of the YAML content.
    pub checksum: String,
    /// Number of objects; unknown for an encrypted pre-built artifact.
    pub objects: Option<usize>,
}

impl BuildOutcome {
    /// `host/repository@sha256:…`.
    pub fn url(&self) -> String {
        format!("{}@{}", self.repository, self.digest)
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "url": self.url(),
            "repository": self.repository,
            "tag": self.tag,
            "digest": self.digest,
            "checksum": self.checksum,
            "objects": self.objects,
        })
    }
}

/// Options for the destination registry: the command line's, with the plan's credentials
/// when the command line gave none.
pub fn with_credentials(base: &Options, plan_creds: Option<String>) -> Options {
    let mut o = base.clone();
    if o.creds.is_none() {
        o.creds = plan_creds;
    }
    o
}

/// Runs a build plan; `secrets` are the plan's (see [`BuildPlan::secrets`]).
pub fn run_build(
    plan: &BuildPlan,
    job: &BuildJob,
    secrets: &Secrets,
) -> Result<BuildOutcome, RunnerError> {
    build(plan, job, secrets).map_err(|e| e.in_plan("build plan", &plan.file))
}

fn build(plan: &BuildPlan, job: &BuildJob, secrets: &Secrets) -> Result<BuildOutcome, RunnerError> {
    let dest = plan.destination()?;
    let dest_options = with_credentials(&job.registry, plan.dst_registry.credentials());
    if plan.dst_registry.oci_auth.is_none()
        && job.registry.creds.is_none()
        && !plan.dst_registry.registry_type.is_empty()
    {
        tracing::info!(
            "dst_registry has no OCIAuth: using Docker credentials for {} (RegistryType {})",
            dest.reference.registry(),
            plan.dst_registry.registry_type
        );
    }
    match plan.source_type {
        SourceType::OciArtifact => copy_prebuilt(plan, job, &dest, &dest_options),
        SourceType::Inline => {
            let built = Built {
                objects: inline_objects(plan)?,
                source: None,
                revision: None,
            };
            push_objects(plan, job, &dest, &dest_options, built)
        }
        SourceType::Kustomize => {
            let built = kustomize_objects(plan, job, secrets)?;
            push_objects(plan, job, &dest, &dest_options, built)
        }
    }
}

/// The inline manifest, as the only resource of an implicit kustomization: parsed (never
/// rendered), duplicates refused, sorted in kustomize's legacy order.
fn inline_objects(plan: &BuildPlan) -> Result<Vec<Object>, RunnerError> {
    let km = &plan.kubernetes_manifest;
    let mut objects = object::read_objects(
        &km.inline_manifest,
        &format!(
            "build plan {}: kubernetes_manifest_build_plan.inline_manifest",
            plan.file
        ),
    )
    .map_err(crate::error::Error::from)?;
    if objects.is_empty() {
        return Err(plan
            .key_error(
                "kubernetes_manifest_build_plan.inline_manifest",
                "has no Kubernetes objects",
            )
            .into());
    }
    crate::source::ensure_unique(&objects).map_err(crate::error::Error::from)?;
    object::sort_legacy_kustomize(&mut objects);
    Ok(objects)
}

/// Built objects, with what the source and revision annotations say.
struct Built {
    objects: Vec<Object>,
    source: Option<String>,
    revision: Option<String>,
}

/// The kustomize build with the plan's patches; also the source and revision annotations.
fn kustomize_objects(
    plan: &BuildPlan,
    job: &BuildJob,
    secrets: &Secrets,
) -> Result<Built, RunnerError> {
    let km = &plan.kubernetes_manifest;
    let config = km.kustomize_config.as_ref();
    let git_source = plan.git_source.as_ref().filter(|g| !g.url.is_empty());
    let source_annotation =
        git_source.map(|g| crate::registry::reference::without_userinfo(&g.url));
    // Keeps the clone alive until the build is done.
    let mut _clone: Option<TempDir> = None;
    let (checkout, revision): (PathBuf, Option<String>) = match &job.source_dir {
        Some(dir) => {
            let rev = git_source
                .map(|g| g.reference.clone())
                .filter(|r| !r.is_empty());
            (dir.clone(), rev)
        }
        None => {
            let Some(g) = git_source else {
                return Err(plan
                    .key_error(
                        "git_source.url",
                        "missing (source_type kustomize needs a git source, or pass --source-dir)",
                    )
                    .into());
            };
            let tmp = TempDir::new("kzr-source").map_err(|e| {
                RunnerError::Source(format!("cannot create a temporary directory: {e}"))
            })?;
            let checkout = tmp.path().join("checkout");
            if job.verbose {
                let at = if g.reference.is_empty() {
                    String::new()
                } else {
                    format!(" at {}", g.reference)
                };
                crate::output::progress(&format!("cloning {}{at}", secrets.redact(&g.url)));
            }
            let commit = git::fetch(g, &checkout, secrets)?;
            let revision = if g.reference.is_empty() || g.reference == commit {
                format!("sha1:{commit}")
            } else {
                format!("{}@sha1:{commit}", g.reference)
            };
            _clone = Some(tmp);
            (checkout, Some(revision))
        }
    };
    if !checkout.is_dir() {
        return Err(RunnerError::Source(format!(
            "source root {} is not a directory",
            checkout.display()
        )));
    }
    // git_source.path (the repository's directory) applies to a clone and to --source-dir.
    let root = match plan.git_source.as_ref().map(|g| g.path.as_str()) {
        None | Some("") | Some(".") => checkout,
        Some(path) => resolve_under(&checkout, path, "git_source.path")?,
    };
    let dir = resolve_under(
        &root,
        &km.kustomize_path,
        "kubernetes_manifest_build_plan.kustomize_path",
    )?;
    let options = BuildOptions {
        reorder: Reorder::Legacy,
        load_restrictor: plan.load_restrictor,
        // kustomize_config.enable_helm: charts are inflated with `helm` from PATH.
        helm: config
            .is_some_and(|c| c.enable_helm)
            .then(kustomize::HelmOptions::default),
    };
    let built = kustomize::build(&dir, &options).map_err(crate::error::Error::from)?;
    let mut warnings = built.warnings;
    let mut objects = built.objects;
    if let Some(c) = config.filter(|c| !c.patches.is_empty()) {
        let patched = patches::apply(
            objects,
            &c.patches,
            &root,
            plan.load_restrictor,
            "kubernetes_manifest_build_plan.kustomize_config.patches",
        )?;
        objects = patched.objects;
        warnings.extend(patched.warnings);
    }
    if job.verbose {
        for w in &warnings {
            crate::output::warning(&w.to_string());
        }
    }
    Ok(Built {
        objects,
        source: source_annotation,
        revision,
    })
}

fn registry_for(artifact: &ArtifactRef, options: &Options) -> Result<Registry, RunnerError> {
    Ok(Registry::new(&[artifact], options)?)
}

fn push_objects(
    plan: &BuildPlan,
    job: &BuildJob,
    dest: &ArtifactRef,
    dest_options: &Options,
    built: Built,
) -> Result<BuildOutcome, RunnerError> {
    let Built {
        objects,
        source,
        revision,
    } = built;
    let content = crate::output::objects_to_yaml(&objects).map_err(crate::error::Error::from)?;
    let created = artifact::created_time(job.created.as_deref()).map_err(RunnerError::Source)?;
    let mut meta = artifact::metadata_for(
        &content,
        created,
        job.source.clone().or(source),
        job.revision.clone().or(revision),
    );
    for (k, v) in &plan.kubernetes_manifest.labels {
        meta.extra
            .insert(format!("{LABEL_ANNOTATION_PREFIX}{k}"), v.clone());
    }
    let packed = artifact::pack_as(&content, &meta, &job.recipients, dest.media_types())
        .map_err(|e| RunnerError::Source(e.to_string()))?;
    if job.verbose {
        crate::output::progress(&format!("pushing {dest} ({} objects)", objects.len()));
    }
    let registry = registry_for(dest, dest_options)?;
    let digest = crate::registry::block_on(registry.push(dest, &packed))?;
    Ok(BuildOutcome {
        repository: dest.repository_url(),
        tag: plan.dst_tag.clone(),
        digest,
        checksum: meta.checksum,
        objects: Some(objects.len()),
    })
}

/// The environment variable holding the credentials a `credentials_ref` names:
/// `KZR_CREDS_<REF>`, upper case, other characters as `_`.
pub fn credentials_env(reference: &str) -> String {
    let name: String = reference
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("KZR_CREDS_{name}")
}

/// The pre-built artifact a plan names: `url` with `digest` (which wins) or `tag`.
fn prebuilt_source(plan: &BuildPlan) -> Result<ArtifactRef, RunnerError> {
    let key = "kubernetes_manifest_build_plan.oci_artifact_source";
    let Some(o) = &plan.kubernetes_manifest.oci_artifact_source else {
        return Err(plan.key_error(key, "missing").into());
    };
    let url = if ["oci://", LAYOUT_SCHEME, ARCHIVE_SCHEME]
        .iter()
        .any(|s| o.url.starts_with(s))
    {
        o.url.clone()
    } else {
        format!("oci://{}", o.url.trim_start_matches("https://"))
    };
    let versioned =
        ArtifactRef::parse(&url).is_ok() && ArtifactRef::parse_repository(&url).is_err();
    if versioned && (!o.tag.is_empty() || !o.digest.is_empty()) {
        return Err(plan
            .key_error(
                format!("{key}.url"),
                "names a tag or digest; give them in tag and digest instead",
            )
            .into());
    }
    let bad = |e: RegistryError| -> RunnerError {
        let reason = match e {
            RegistryError::InvalidReference { reason, .. } => reason,
            other => other.to_string(),
        };
        plan.key_error(format!("{key}.url"), reason).into()
    };
    let base = ArtifactRef::parse(&url).map_err(bad)?;
    if !o.digest.is_empty() {
        return ArtifactRef::parse(&format!(
            "{}@{}",
            with_scheme(&base.repository_url()),
            o.digest
        ))
        .map_err(|e| match e {
            RegistryError::InvalidReference { reason, .. } => {
                plan.key_error(format!("{key}.digest"), reason).into()
            }
            other => other.into(),
        });
    }
    if !o.tag.is_empty() {
        return ArtifactRef::parse(&format!(
            "{}:{}",
            with_scheme(&base.repository_url()),
            o.tag
        ))
        .map_err(|e| match e {
            RegistryError::InvalidReference { reason, .. } => {
                plan.key_error(format!("{key}.tag"), reason).into()
            }
            other => other.into(),
        });
    }
    Ok(base)
}

/// Validates a pre-built artifact (format, blob digests, manifest digest, checksum, objects)
/// and copies it to the destination unchanged.
fn copy_prebuilt(
    plan: &BuildPlan,
    job: &BuildJob,
    dest: &ArtifactRef,
    dest_options: &Options,
) -> Result<BuildOutcome, RunnerError> {
    let source = prebuilt_source(plan)?;
    let o = plan
        .kubernetes_manifest
        .oci_artifact_source
        .as_ref()
        .ok_or_else(|| {
            plan.key_error(
                "kubernetes_manifest_build_plan.oci_artifact_source",
                "missing",
            )
        })?;
    let mut source_options = job.registry.clone();
    if source_options.creds.is_none() && !o.credentials_ref.is_empty() {
        let var = credentials_env(&o.credentials_ref);
        match std::env::var(&var) {
            Ok(c) if !c.is_empty() => source_options.creds = Some(c),
            _ => {
                return Err(plan
                    .key_error(
                        "kubernetes_manifest_build_plan.oci_artifact_source.credentials_ref",
                        format!(
                            "{:?}: set {var}=USER:PASSWORD (or pass --creds)",
                            o.credentials_ref
                        ),
                    )
                    .into())
            }
        }
    }
    if !job.recipients.is_empty() {
        return Err(RunnerError::Source(
            "--age-recipients cannot be used with source_type oci_artifact: the artifact is \
             copied unchanged"
                .into(),
        ));
    }
    if job.verbose {
        crate::output::progress(&format!("validating {source}"));
    }
    let src_registry = registry_for(&source, &source_options)?;
    let (validated, checksum, objects) =
        crate::registry::block_on(validate(&src_registry, &source))?;
    // Copy exactly what was validated, even if the tag moves meanwhile.
    let source = source.with_digest(&validated);
    if job.verbose {
        crate::output::progress(&format!("copying {source} to {dest}"));
    }
    let digest = if same_client(&source, &source_options, dest, dest_options) {
        crate::registry::block_on(src_registry.copy(&source, dest))?
    } else {
        let dst_registry = registry_for(dest, dest_options)?;
        crate::registry::block_on(copy_between(&src_registry, &source, &dst_registry, dest))?
    };
    Ok(BuildOutcome {
        repository: dest.repository_url(),
        tag: plan.dst_tag.clone(),
        digest,
        checksum,
        objects,
    })
}

/// Whether one client (one set of credentials) serves both sides of a copy, so blobs can be
/// mounted instead of downloaded and uploaded.
pub fn same_client(
    a: &ArtifactRef,
    a_options: &Options,
    b: &ArtifactRef,
    b_options: &Options,
) -> bool {
    a.reference.resolve_registry() == b.reference.resolve_registry()
        && a_options.creds == b_options.creds
}

/// Pulls and decodes an artifact: a format kzr reads, verified blobs and checksum, objects
/// that parse. Returns the manifest digest, the checksum and the number of objects (unknown
/// when encrypted).
async fn validate(
    registry: &Registry,
    source: &ArtifactRef,
) -> Result<(String, String, Option<usize>), RunnerError> {
    match registry.pull(source, artifact::DEFAULT_MAX_SIZE, &[]).await {
        Ok(pulled) => {
            let objects = object::read_objects(&pulled.content, &source.to_string())
                .map_err(crate::error::Error::from)?;
            let checksum = pulled
                .manifest
                .annotations
                .get(artifact::CHECKSUM_ANNOTATION)
                .cloned()
                .unwrap_or_else(|| artifact::sha256_hex(pulled.content.as_bytes()));
            Ok((pulled.digest, checksum, Some(objects.len())))
        }
        // Encrypted: blobs were verified before decryption was needed; the checksum is the
        // plaintext's and stays as annotated.
        Err(RegistryError::Artifact {
            error: artifact::ArtifactError::Encrypted,
            ..
        }) => {
            let (bytes, digest) = registry.manifest(source).await?;
            let manifest =
                artifact::parse_manifest(&bytes).map_err(|e| RegistryError::Artifact {
                    reference: source.to_string(),
                    error: e,
                })?;
            let checksum = manifest
                .annotations
                .get(artifact::CHECKSUM_ANNOTATION)
                .cloned()
                .unwrap_or_default();
            Ok((digest, checksum, None))
        }
        Err(e) => Err(e.into()),
    }
}

/// Copies an artifact between clients (see [`crate::registry::copy_between`]).
pub use crate::registry::copy_between;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_env_names() {
        assert_eq!(credentials_env("aws-ecr-creds"), "KZR_CREDS_AWS_ECR_CREDS");
    }

    #[test]
    fn command_line_credentials_win() {
        let base = Options {
            creds: Some("a:b".into()),
            ..Default::default()
        };
        assert_eq!(
            with_credentials(&base, Some("c:d".into())).creds.as_deref(),
            Some("a:b")
        );
        assert_eq!(
            with_credentials(&Options::default(), Some("c:d".into()))
                .creds
                .as_deref(),
            Some("c:d")
        );
    }
}
