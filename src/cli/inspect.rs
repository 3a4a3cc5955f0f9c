//! `kzr inspect artifact`: metadata, objects and container images of an artifact.

use super::registry_flags::{pull_all, ReadFlags, RegistryFlags};
use super::{print_data, GlobalArgs, OutputFormat};
use crate::artifact;
use crate::object;
use clap::{Args, Subcommand};
use std::fmt::Write;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum InspectCommand {
    /// Show an artifact's metadata, objects and container images
    #[command(after_help = "Example:\n  kzr inspect artifact oci://ghcr.io/org/app:1.0.0")]
    Artifact(InspectArgs),
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// oci://REGISTRY/REPOSITORY[:TAG][@DIGEST]
    #[arg(value_name = "URL")]
    pub url: String,
    #[command(flatten)]
    pub read: ReadFlags,
    #[command(flatten)]
    pub registry: RegistryFlags,
}

pub fn run(cmd: &InspectCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let InspectCommand::Artifact(args) = cmd;
    let (target, pulled) = pull_all(&[&args.url], &args.read, &args.registry)?
        .pop()
        .ok_or_else(|| anyhow::anyhow!("nothing pulled"))?;
    let objects = object::read_objects(&pulled.content, &target.to_string())
        .map_err(crate::error::Error::from)?;
    let ids: Vec<String> = objects.iter().map(|o| o.id().to_string()).collect();
    let images = artifact::container_images(&objects);
    let url = target.digest_url(&pulled.digest);
    let annotations = &pulled.manifest.annotations;
    let out = match global.output {
        Some(OutputFormat::Json) => {
            let v = serde_json::json!({
                "url": url,
                "digest": pulled.digest,
                "format": format!("{:?}", pulled.manifest.format).to_lowercase(),
                "annotations": annotations,
                "layers": artifact::describe_layers(&pulled.manifest),
                "objects": ids,
                "images": images,
            });
            format!("{}\n", serde_json::to_string_pretty(&v)?)
        }
        _ => {
            let mut s = format!("Artifact: oci://{url}\n");
            let rows = [
                ("BuiltBy", artifact::VERSION_ANNOTATION, "kzr/v"),
                ("CreatedAt", artifact::CREATED_ANNOTATION, ""),
                ("Checksum", artifact::CHECKSUM_ANNOTATION, ""),
                ("Source", artifact::SOURCE_ANNOTATION, ""),
                ("Revision", artifact::REVISION_ANNOTATION, ""),
            ];
            for (label, key, prefix) in rows {
                if let Some(v) = annotations.get(key) {
                    let _ = writeln!(s, "{label}: {prefix}{v}");
                }
            }
            let _ = writeln!(s, "Resources:");
            for id in &ids {
                let _ = writeln!(s, "- {id}");
            }
            if !images.is_empty() {
                let _ = writeln!(s, "Images:");
                for i in &images {
                    let _ = writeln!(s, "- {i}");
                }
            }
            s
        }
    };
    print_data(&out)?;
    Ok(ExitCode::SUCCESS)
}
