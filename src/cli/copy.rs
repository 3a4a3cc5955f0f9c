//! `kzr copy artifact`: copy an artifact between repositories or registries, unchanged.

use super::registry_flags::{RegistryFlags, TimeoutFlag};
use super::{print_result, GlobalArgs};
use crate::registry::{block_on, ArtifactRef, Registry};
use crate::runner;
use crate::signature;
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum CopyCommand {
    /// Copy an artifact without repacking it, so its digest is preserved
    #[command(
        long_about = "Copy an artifact without repacking it, so its digest is preserved. Its cosign \
                      signatures (the sha256-….sig tag) are copied along, unchanged.\n\n\
                      Source and destination may each be a registry (oci://), an OCI image \
                      layout directory (oci-layout:DIR[:TAG]) or a layout in a tar file \
                      (oci-archive:FILE.tar[:TAG]), as skopeo's oci: and oci-archive: \
                      transports read and write them: for air-gapped installs, copy into a \
                      layout or archive, carry it over, copy it into the inner registry. \
                      Writing into an existing layout moves the tag and keeps the others.\n\n\
                      With --sync-plan FILE (a runner's sync job, see docs/runner.md) source and \
                      destination come from the platform's sync plan JSON: src_registry and \
                      src_tag, dst_registry and dst_tag, each registry with its own OCIAuth \
                      (unless --creds/KZR_CREDS is given). With -o json the result is {url, \
                      repository, tag, digest, media_type, size, annotations}.",
        after_help = "Examples:\n  kzr copy artifact oci://ghcr.io/vendor/app:1.0.0 oci://registry.example.com/mirror/app:1.0.0\n  kzr copy artifact oci://ghcr.io/vendor/app:1.0.0 oci-archive:app.tar:1.0.0\n  kzr copy artifact oci-archive:app.tar:1.0.0 oci://registry.internal/app:1.0.0\n  kzr copy artifact --sync-plan sync.json -o json"
    )]
    Artifact(CopyArgs),
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// Source: oci://REGISTRY/REPOSITORY[:TAG][@DIGEST], oci-layout:DIR[:TAG|@DIGEST] or
    /// oci-archive:FILE.tar[:TAG]
    #[arg(value_name = "SOURCE", required_unless_present = "sync_plan")]
    pub source: Option<String>,
    /// Destination: oci://REGISTRY/REPOSITORY:TAG, oci-layout:DIR[:TAG] or
    /// oci-archive:FILE.tar[:TAG]
    #[arg(value_name = "DESTINATION", required_unless_present = "sync_plan")]
    pub destination: Option<String>,
    /// Run a sync job: read source and destination from this sync plan (JSON)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["source", "destination"])]
    pub sync_plan: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[command(flatten)]
    pub timeout: TimeoutFlag,
}

pub fn run(cmd: &CopyCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let CopyCommand::Artifact(args) = cmd;
    if let Some(plan) = &args.sync_plan {
        return run_sync_plan(args, plan, global);
    }
    let (Some(source), Some(destination)) = (&args.source, &args.destination) else {
        anyhow::bail!("give SOURCE and DESTINATION, or --sync-plan FILE");
    };
    let source = ArtifactRef::parse(source)?;
    let dest = ArtifactRef::parse(destination)?;
    let registry = Registry::new(
        &[&source, &dest],
        &args.registry.options_for(global, args.timeout.deadline()),
    )?;
    let digest = block_on(registry.copy(&source, &dest))?;
    // cosign signatures travel with the artifact (same tag scheme, unchanged).
    let signatures = block_on(signature::copy(
        &registry, &source, &registry, &dest, &digest,
    ))?;
    if !global.quiet {
        crate::output::progress(&format!("copied {source} to {dest}"));
        if let Some(s) = signatures {
            crate::output::progress(&format!("copied its signatures to {s}"));
        }
    }
    let url = dest.digest_url(&digest);
    let value = serde_json::json!({"source": source.to_string(), "url": url, "digest": digest});
    print_result(global, &value, || format!("{url}\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// The sync job: `--sync-plan FILE` (docs/runner.md).
fn run_sync_plan(
    args: &CopyArgs,
    plan_file: &std::path::Path,
    global: &GlobalArgs,
) -> anyhow::Result<ExitCode> {
    let plan = runner::SyncPlan::load(plan_file)?;
    let secrets = plan.secrets();
    let outcome = runner::run_sync(
        &plan,
        &args.registry.options(args.timeout.deadline()),
        !global.quiet,
    )
    .map_err(|e| secrets.scrub(e.into_anyhow()))?;
    print_result(global, &outcome.to_json(), || {
        format!("{}\n", outcome.url())
    })?;
    Ok(ExitCode::SUCCESS)
}
