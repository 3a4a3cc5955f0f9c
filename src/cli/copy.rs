//! `kzr copy artifact`: copy an artifact between repositories or registries, unchanged.

use super::registry_flags::RegistryFlags;
use super::{print_data, GlobalArgs};
use crate::registry::{block_on, Registry, Target};
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum CopyCommand {
    /// Copy an artifact without repacking it, so its digest is preserved
    #[command(
        after_help = "Example:\n  kzr copy artifact oci://ghcr.io/vendor/app:1.0.0 oci://registry.example.com/mirror/app:1.0.0"
    )]
    Artifact(CopyArgs),
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// Source, oci://REGISTRY/REPOSITORY[:TAG][@DIGEST]
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// Destination, oci://REGISTRY/REPOSITORY:TAG
    #[arg(value_name = "DESTINATION")]
    pub destination: String,
    #[command(flatten)]
    pub registry: RegistryFlags,
}

pub fn run(cmd: &CopyCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let CopyCommand::Artifact(args) = cmd;
    let source = Target::parse(&args.source)?;
    let dest = Target::parse(&args.destination)?;
    let registry = Registry::new(&[&source, &dest], &args.registry.options())?;
    let digest = block_on(registry.copy(&source, &dest))?;
    if !global.quiet {
        eprintln!("copied {source} to {dest}");
    }
    print_data(&format!("{}\n", dest.digest_url(&digest)))?;
    Ok(ExitCode::SUCCESS)
}
