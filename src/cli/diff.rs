//! `kzr diff artifact`: a unified diff of two artifacts' contents.

use super::registry_flags::{ReadFlags, RegistryFlags};
use super::{print_data, GlobalArgs};
use crate::registry::{block_on, Registry, Target};
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum DiffCommand {
    /// Show a unified diff of two artifacts (exit 0 when equal, 1 when different, 2 on error)
    #[command(
        after_help = "Example:\n  kzr diff artifact oci://ghcr.io/org/app:1.0.0 oci://ghcr.io/org/app:1.1.0"
    )]
    Artifact(DiffArgs),
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old artifact
    #[arg(value_name = "A")]
    pub a: String,
    /// The new artifact
    #[arg(value_name = "B")]
    pub b: String,
    #[command(flatten)]
    pub read: ReadFlags,
    #[command(flatten)]
    pub registry: RegistryFlags,
}

pub fn run(cmd: &DiffCommand, _global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let DiffCommand::Artifact(args) = cmd;
    let (a, b) = (Target::parse(&args.a)?, Target::parse(&args.b)?);
    let registry = Registry::new(&[&a, &b], &args.registry.options())?;
    let identities = args.read.identities()?;
    let max = args.read.max_size;
    let (old, new) = block_on(async {
        let old = registry.pull(&a, max, &identities).await?;
        let new = registry.pull(&b, max, &identities).await?;
        Ok::<_, crate::registry::RegistryError>((old, new))
    })?;
    if old.content == new.content {
        return Ok(ExitCode::SUCCESS);
    }
    let diff = similar::TextDiff::from_lines(&old.content, &new.content);
    let text = diff
        .unified_diff()
        .header(&a.to_string(), &b.to_string())
        .to_string();
    print_data(&text)?;
    Ok(ExitCode::from(1))
}
