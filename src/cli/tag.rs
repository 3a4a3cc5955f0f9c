//! `kzr tag artifact`: give an artifact another tag.

use super::registry_flags::{RegistryFlags, TimeoutFlag};
use super::{print_result, GlobalArgs};
use crate::registry::{block_on, ArtifactRef, Registry};
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Put an artifact's manifest under another tag in the same repository
    #[command(after_help = "Example:\n  kzr tag artifact oci://ghcr.io/org/app:1.0.0 stable")]
    Artifact(TagArgs),
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// oci://REGISTRY/REPOSITORY[:TAG][@DIGEST], oci-layout:DIR[:TAG|@DIGEST] or
    /// oci-archive:FILE.tar[:TAG]
    #[arg(value_name = "URL")]
    pub url: String,
    /// The new tag
    pub tag: String,
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[command(flatten)]
    pub timeout: TimeoutFlag,
}

pub fn run(cmd: &TagCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let TagCommand::Artifact(args) = cmd;
    let source = ArtifactRef::parse(&args.url)?;
    let registry = Registry::new(&[&source], &args.registry.options(args.timeout.deadline()))?;
    let (dest, digest) = block_on(registry.tag(&source, &args.tag))?;
    if !global.quiet {
        crate::output::progress(&format!("tagged {dest}"));
    }
    let url = dest.digest_url(&digest);
    let value = serde_json::json!({"url": url, "tag": args.tag, "digest": digest});
    print_result(global, &value, || format!("{url}\n"))?;
    Ok(ExitCode::SUCCESS)
}
