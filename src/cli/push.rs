//! `kzr push artifact`: build, pack and upload an artifact.

use super::registry_flags::RegistryFlags;
use super::sources::SourceArgs;
use super::{print_data, GlobalArgs, OutputFormat};
use crate::artifact;
use crate::output;
use crate::registry::{block_on, Registry, Target};
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum PushCommand {
    /// Build manifests and push them as an OCI artifact (kustomizer's format)
    #[command(
        after_help = "Examples:\n  kzr push artifact oci://ghcr.io/org/app:1.0.0 -k overlays/prod\n  kzr push artifact oci://localhost:5000/app:dev -f app.yaml --created 2024-01-01T00:00:00Z -o json"
    )]
    Artifact(PushArgs),
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// Destination, oci://REGISTRY/REPOSITORY:TAG
    #[arg(value_name = "URL")]
    pub url: String,
    #[command(flatten)]
    pub sources: SourceArgs,
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
    #[command(flatten)]
    pub registry: RegistryFlags,
}

pub fn run(cmd: &PushCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let PushCommand::Artifact(args) = cmd;
    let target = Target::parse(&args.url)?;
    let objects = args.sources.build(None, global.quiet)?.objects;
    let content = output::objects_to_yaml(&objects).map_err(crate::error::Error::from)?;
    let created = artifact::created_time(args.created.as_deref()).map_err(anyhow::Error::msg)?;
    let meta = artifact::metadata_for(
        &content,
        created,
        args.source.clone(),
        args.revision.clone(),
    );
    let recipients = match &args.age_recipients {
        None => Vec::new(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            artifact::encryption::parse_recipients(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
    };
    let packed = artifact::pack(&content, &meta, &recipients)?;
    if !global.quiet {
        let how = if recipients.is_empty() {
            ""
        } else {
            "encrypted "
        };
        eprintln!("pushing {how}{target}");
    }
    let registry = Registry::new(&[&target], &args.registry.options())?;
    let digest = block_on(registry.push(&target, &packed))?;
    let url = target.digest_url(&digest);
    let out = match global.output {
        Some(OutputFormat::Json) => {
            let v = serde_json::json!({
                "url": url,
                "tag": target.reference.tag().unwrap_or("latest"),
                "digest": digest,
                "checksum": meta.checksum,
                "size": packed.layer.len(),
                "objects": objects.len(),
            });
            format!("{}\n", serde_json::to_string_pretty(&v)?)
        }
        _ => format!("{url}\n"),
    };
    print_data(&out)?;
    Ok(ExitCode::SUCCESS)
}
