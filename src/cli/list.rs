//! `kzr list artifacts`: the tags of a repository.

use super::registry_flags::RegistryFlags;
use super::{print_data, GlobalArgs, OutputFormat};
use crate::registry::{block_on, Registry, Target};
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// List the tags of an artifact repository, newest-looking first
    #[command(after_help = "Example:\n  kzr list artifacts oci://ghcr.io/org/app")]
    Artifacts(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// oci://REGISTRY/REPOSITORY
    #[arg(value_name = "URL")]
    pub url: String,
    #[command(flatten)]
    pub registry: RegistryFlags,
}

pub fn run(cmd: &ListCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let ListCommand::Artifacts(args) = cmd;
    let target = Target::parse(&args.url)?;
    let registry = Registry::new(&[&target], &args.registry.options())?;
    let mut tags: Vec<String> = block_on(registry.tags(&target))?
        .into_iter()
        // cosign signatures are not artifacts.
        .filter(|t| !t.ends_with(".sig"))
        .collect();
    tags.sort_by(|a, b| b.cmp(a));
    let base = target.repository_url();
    let out = match global.output {
        Some(OutputFormat::Json) => {
            let items: Vec<serde_json::Value> = tags
                .iter()
                .map(|t| serde_json::json!({"tag": t, "url": format!("{base}:{t}")}))
                .collect();
            format!("{}\n", serde_json::to_string_pretty(&items)?)
        }
        _ => tags.iter().map(|t| format!("{base}:{t}\n")).collect(),
    };
    print_data(&out)?;
    Ok(ExitCode::SUCCESS)
}
