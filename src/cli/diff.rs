//! `kzr diff artifact`: a unified diff of two artifacts' contents.

use super::registry_flags::{pull_all, ReadFlags, RegistryFlags};
use super::{print_data, GlobalArgs};
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
    let mut pulled = pull_all(&[&args.a, &args.b], &args.read, &args.registry)?.into_iter();
    let (Some((a, old)), Some((b, new))) = (pulled.next(), pulled.next()) else {
        anyhow::bail!("nothing pulled");
    };
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
