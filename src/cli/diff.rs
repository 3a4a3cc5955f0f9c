//! `kzr diff artifact`: a unified diff of two artifacts' contents.

use super::registry_flags::RegistryFlags;
use super::{print_data, GlobalArgs};
use crate::artifact::DEFAULT_MAX_SIZE;
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
    /// Refuse artifacts that decompress to more than this many bytes
    #[arg(long, default_value_t = DEFAULT_MAX_SIZE, value_name = "BYTES")]
    pub max_size: u64,
    #[command(flatten)]
    pub registry: RegistryFlags,
}

pub fn run(cmd: &DiffCommand, _global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let DiffCommand::Artifact(args) = cmd;
    let (a, b) = (Target::parse(&args.a)?, Target::parse(&args.b)?);
    let registry = Registry::new(&[&a, &b], &args.registry.options())?;
    let (old, new) = block_on(async {
        let old = registry.pull(&a, args.max_size).await?;
        let new = registry.pull(&b, args.max_size).await?;
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
