//! `kzr list artifacts`: the tags of a repository.

use super::registry_flags::{RegistryFlags, TimeoutFlag};
use super::{print_result, GlobalArgs};
use crate::registry::{block_on, ArtifactRef, Registry};
use crate::semver::Version;
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// List the tags of an artifact repository, newest-looking first
    #[command(
        long_about = "List the tags of an artifact repository, newest-looking first. With \
                      --semver, only tags that are semantic versions (v prefix allowed) \
                      matching the constraint, highest first; pre-releases only match a \
                      constraint that names one.",
        after_help = "Examples:\n  kzr list artifacts oci://ghcr.io/org/app\n  kzr list artifacts oci://ghcr.io/org/app --semver '>=1.0.0 <2.0.0'\n  kzr list artifacts oci://ghcr.io/org/app --semver '~1.2' -o json"
    )]
    Artifacts(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// oci://REGISTRY/REPOSITORY, or the tags of oci-layout:DIR or oci-archive:FILE.tar
    #[arg(value_name = "URL")]
    pub url: String,
    /// Only tags matching this semver constraint (>=1.0.0 <2.0.0, ~1.2, ^0.3, 1.x, 1.2 - 1.4,
    /// <1 || >=2), highest version first
    #[arg(long, value_name = "CONSTRAINT")]
    pub semver: Option<String>,
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[command(flatten)]
    pub timeout: TimeoutFlag,
}

pub fn run(cmd: &ListCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let ListCommand::Artifacts(args) = cmd;
    let constraint = args
        .semver
        .as_deref()
        .map(crate::semver::Constraint::parse)
        .transpose()?;
    let artifact = ArtifactRef::parse_repository(&args.url)?;
    let registry = Registry::new(
        &[&artifact],
        &args.registry.options(args.timeout.deadline()),
    )?;
    let mut tags: Vec<String> = block_on(registry.tags(&artifact))?
        .into_iter()
        // cosign signatures are not artifacts.
        .filter(|t| !t.ends_with(".sig"))
        .collect();
    match &constraint {
        None => tags.sort_by(|a, b| b.cmp(a)),
        Some(c) => {
            let mut versions: Vec<(Version, String)> = tags
                .into_iter()
                .filter_map(|t| Some((Version::parse(&t)?, t)))
                .filter(|(v, _)| c.matches(v))
                .collect();
            versions.sort_by(|a, b| b.cmp(a));
            tags = versions.into_iter().map(|(_, t)| t).collect();
        }
    }
    let base = artifact.repository_url();
    let items: Vec<serde_json::Value> = tags
        .iter()
        .map(|t| serde_json::json!({"tag": t, "url": format!("{base}:{t}")}))
        .collect();
    print_result(global, &serde_json::Value::Array(items), || {
        tags.iter().map(|t| format!("{base}:{t}\n")).collect()
    })?;
    Ok(ExitCode::SUCCESS)
}
