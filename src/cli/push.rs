//! `kzr push artifact`: build, pack and upload an artifact.

use super::registry_flags::{RegistryFlags, TimeoutFlag};
use super::sources::SourceArgs;
use super::{print_result, GlobalArgs};
use crate::artifact;
use crate::output;
use crate::registry::{block_on, ArtifactRef, Options, Registry};
use crate::runner;
use crate::signature::{self, CosignCommand, PrivateKey, Signer};
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum PushCommand {
    /// Build manifests and push them as an OCI artifact (kustomizer's format)
    #[command(
        long_about = "Build manifests and push them as an OCI artifact (kustomizer's format).\n\n\
                      With --build-plan FILE (a runner's build job, see docs/runner.md) the \
                      destination and the source come from the platform's build plan JSON: \
                      dst_registry and dst_tag, and kubernetes_manifest_build_plan with \
                      source_type inline (the manifest, never template-rendered), kustomize \
                      (kustomize_path under git_source.path in --source-dir, else in a shallow \
                      clone of git_source; kustomize_config patches applied after the build) \
                      or oci_artifact (a pre-built artifact, validated and copied unchanged). \
                      The plan's OCIAuth \
                      is used unless --creds/KZR_CREDS is given; labels become annotations \
                      kzr.dev/label.<key>. With -o json the result is {url, repository, tag, \
                      digest, checksum, objects}.",
        after_help = "Examples:\n  kzr push artifact oci://ghcr.io/org/app:1.0.0 -k overlays/prod\n  kzr push artifact oci://localhost:5000/app:dev -f app.yaml --created 2024-01-01T00:00:00Z -o json\n  kzr push artifact --build-plan plan.json -o json\n  kzr push artifact --build-plan plan.json --source-dir ./checkout -o json\n  COSIGN_PASSWORD=… kzr push artifact oci://ghcr.io/org/app:1.0.0 -k overlays/prod --sign --cosign-key cosign.key"
    )]
    Artifact(PushArgs),
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// Destination: oci://REGISTRY/REPOSITORY:TAG, oci-layout:DIR[:TAG] or
    /// oci-archive:FILE.tar[:TAG]
    #[arg(value_name = "URL", required_unless_present = "build_plan")]
    pub url: Option<String>,
    /// Run a build job: read destination and source from this build plan (JSON)
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["url", "kustomize", "files"]
    )]
    pub build_plan: Option<std::path::PathBuf>,
    /// With --build-plan: a checkout of git_source to build from, instead of cloning it
    #[arg(long, value_name = "DIR", requires = "build_plan")]
    pub source_dir: Option<std::path::PathBuf>,
    /// Where the configuration came from (org.opencontainers.image.source)
    #[arg(long)]
    pub source: Option<String>,
    /// Its revision, e.g. main/1a2b3c (org.opencontainers.image.revision)
    #[arg(long)]
    pub revision: Option<String>,
    /// Creation time (RFC 3339); default SOURCE_DATE_EPOCH, else now
    #[arg(long, value_name = "TIME")]
    pub created: Option<String>,
    /// Encrypt the content with age to the recipients in this file (age1… lines)
    #[arg(long, value_name = "FILE")]
    pub age_recipients: Option<std::path::PathBuf>,
    /// Push even when the sources give no objects (an empty artifact)
    #[arg(long)]
    pub allow_empty: bool,
    /// Sign the pushed artifact in cosign's format (keyless, through the cosign command,
    /// unless --cosign-key is given)
    #[arg(long, conflicts_with = "build_plan")]
    pub sign: bool,
    /// cosign private key to sign with, natively: cosign's encrypted key (password from
    /// COSIGN_PASSWORD, else asked on a terminal), or a PKCS#8 or SEC1 EC P-256 PEM key;
    /// implies --sign
    #[arg(long, value_name = "KEY", conflicts_with = "build_plan")]
    pub cosign_key: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[command(flatten)]
    pub timeout: TimeoutFlag,
}

pub fn run(cmd: &PushCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let PushCommand::Artifact(args) = cmd;
    if let Some(plan) = &args.build_plan {
        return run_build_plan(args, plan, global);
    }
    let url = args
        .url
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("give the destination oci://REPOSITORY:TAG"))?;
    let dest = ArtifactRef::parse(url)?;
    let options = args.registry.options_for(global, args.timeout.deadline());
    // The key is read (and its password asked for) before anything is pushed: a wrong
    // password leaves no unsigned artifact behind.
    let signer = signer(args, &options)?;
    if let Some(Signer::Cosign(cosign)) = &signer {
        signature::keyless_supported(&dest, true)?;
        cosign.check_installed(&dest.to_string(), true)?;
    }
    let objects = args.sources.build(None, global.quiet)?.objects;
    if objects.is_empty() && !args.allow_empty {
        anyhow::bail!(
            "nothing to push to {dest}: the sources gave no objects (pass --allow-empty to push an empty artifact)"
        );
    }
    let content = output::objects_to_yaml(&objects).map_err(crate::error::Error::from)?;
    let created = artifact::created_time(args.created.as_deref()).map_err(anyhow::Error::msg)?;
    let meta = artifact::metadata_for(
        &content,
        created,
        args.source.clone(),
        args.revision.clone(),
    );
    let recipients = recipients(args)?;
    let packed = artifact::pack_as(&content, &meta, &recipients, dest.media_types())?;
    if !global.quiet {
        let how = if recipients.is_empty() {
            ""
        } else {
            "encrypted "
        };
        crate::output::progress(&format!("pushing {how}{dest}"));
    }
    let registry = Registry::new(&[&dest], &options)?;
    let digest = block_on(registry.push(&dest, &packed))?;
    let url = dest.digest_url(&digest);
    let signed = match &signer {
        Some(signer) => {
            let signed = block_on(signature::sign(&registry, &dest, &digest, signer))?;
            if !global.quiet {
                let with = match &signed.key_fingerprint {
                    Some(f) => format!("key {f}"),
                    None => "cosign (keyless)".into(),
                };
                crate::output::progress(&format!("signed {url} with {with}"));
            }
            Some(signed)
        }
        None => None,
    };
    let mut value = serde_json::json!({
        "url": url,
        "tag": dest.reference.tag(),
        "digest": digest,
        "checksum": meta.checksum,
        "size": packed.layer.len(),
        "objects": objects.len(),
    });
    if let Some(s) = &signed {
        value["signature"] = serde_json::json!(s.signature);
        value["keyFingerprint"] = serde_json::json!(s.key_fingerprint);
    }
    print_result(global, &value, || format!("{url}\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// How to sign, when asked to.
fn signer(args: &PushArgs, options: &Options) -> anyhow::Result<Option<Signer>> {
    if let Some(path) = &args.cosign_key {
        let key = PrivateKey::load(path, signature::keys::password_from_env_or_terminal)
            .map_err(signature::SignatureError::from)?;
        return Ok(Some(Signer::Key(key)));
    }
    Ok(args.sign.then_some({
        Signer::Cosign(CosignCommand {
            insecure_registry: options.plain_http,
            deadline: options.deadline,
        })
    }))
}

fn recipients(args: &PushArgs) -> anyhow::Result<Vec<artifact::encryption::Recipient>> {
    Ok(match &args.age_recipients {
        None => Vec::new(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| super::file_error("--age-recipients", path, &e))?;
            artifact::encryption::parse_recipients(&text)
                .map_err(|e| anyhow::anyhow!("--age-recipients {}: {e}", path.display()))?
        }
    })
}

/// The build job: `--build-plan FILE` (docs/runner.md).
fn run_build_plan(
    args: &PushArgs,
    plan_file: &std::path::Path,
    global: &GlobalArgs,
) -> anyhow::Result<ExitCode> {
    let plan = runner::BuildPlan::load(plan_file)?;
    let secrets = plan.secrets();
    let job = runner::BuildJob {
        source_dir: args.source_dir.clone(),
        registry: args.registry.options(args.timeout.deadline()),
        created: args.created.clone(),
        source: args.source.clone(),
        revision: args.revision.clone(),
        recipients: recipients(args)?,
        verbose: !global.quiet,
    };
    let outcome =
        runner::run_build(&plan, &job, &secrets).map_err(|e| secrets.scrub(e.into_anyhow()))?;
    print_result(global, &outcome.to_json(), || {
        format!("{}\n", outcome.url())
    })?;
    Ok(ExitCode::SUCCESS)
}
