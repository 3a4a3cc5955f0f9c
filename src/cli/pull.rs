//! `kzr pull artifact`: download an artifact and print its manifests.

use super::registry_flags::{pull_all, ReadFlags, RegistryFlags, TimeoutFlag};
use super::{print_data, GlobalArgs, OutputFormat};
use crate::object;
use crate::output;
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum PullCommand {
    /// Download an artifact and print its manifests (YAML, or a JSON List with -o json)
    #[command(
        after_help = "Examples:\n  kzr pull artifact oci://ghcr.io/org/app:1.0.0\n  kzr pull artifact oci://ghcr.io/org/app@sha256:… -o json\n  kzr pull artifact oci://ghcr.io/org/app:1.0.0 --verify --cosign-key cosign.pub\n  kzr pull artifact oci-layout:./bundle:1.0.0\n  kzr pull artifact oci-archive:bundle.tar:1.0.0"
    )]
    Artifact(PullArgs),
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// oci://REGISTRY/REPOSITORY[:TAG][@DIGEST], oci-layout:DIR[:TAG|@DIGEST] or
    /// oci-archive:FILE.tar[:TAG]
    #[arg(value_name = "URL")]
    pub url: String,
    #[command(flatten)]
    pub read: ReadFlags,
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[command(flatten)]
    pub timeout: TimeoutFlag,
}

pub fn run(cmd: &PullCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let PullCommand::Artifact(args) = cmd;
    let options = args.registry.options_for(global, args.timeout.deadline());
    let (artifact, pulled) = pull_all(&[&args.url], &args.read, &options)?
        .pop()
        .ok_or_else(|| anyhow::anyhow!("nothing pulled"))?;
    // Content that does not parse is refused, not printed: it could not be applied either.
    let objects = object::read_objects(&pulled.content, &artifact.to_string())
        .map_err(crate::error::Error::from)?;
    let out = match global.output {
        Some(OutputFormat::Json) => output::objects_to_json_list(&objects),
        _ => pulled.content,
    };
    print_data(&out)?;
    Ok(ExitCode::SUCCESS)
}
