//! `kzr teardown`: delete everything an inventory lists, then the inventory.

use super::apply::summary_line;
use super::cluster_flags::{run_async, CliReporter, ClusterFlags, WriteFlags};
use super::deploy_plan::{DeployPlanFlags, Deployment};
use super::GlobalArgs;
use crate::changeset::Summary;
use crate::cluster::{Reporter, TeardownOptions};
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    about = "Delete every object an inventory lists, then the inventory",
    long_about = "Delete every object an inventory lists, in reverse apply order (webhooks first, \
                  Namespaces and CRDs last), with background propagation. Objects that no longer \
                  carry the inventory's owner labels are left alone and reported. The inventory \
                  is deleted last, and only when every delete succeeded, so a rerun finishes an \
                  interrupted teardown.",
    after_help = "Examples:\n  kzr teardown my-app -n prod\n  kzr teardown my-app --dry-run\n  kzr teardown --deploy-plan deploy.json -o json"
)]
pub struct TeardownArgs {
    /// Inventory name (with --deploy-plan: default the plan's component_id)
    #[arg(value_name = "NAME", required_unless_present = "deploy_plan")]
    pub name: Option<String>,
    /// Wait until the deleted objects are gone
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1,
          require_equals = true, default_missing_value = "true", value_name = "BOOL")]
    pub wait: bool,
    /// Show what would be deleted without deleting anything
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub write: WriteFlags,
    #[command(flatten)]
    pub deploy: DeployPlanFlags,
    #[command(flatten)]
    pub cluster: ClusterFlags,
}

pub fn run(args: &TeardownArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let deployment = Deployment::resolve(args.name.as_deref(), &args.deploy, &args.cluster)?;
    run_deployment(args, global, &deployment).map_err(|e| deployment.scrub(e))
}

fn run_deployment(
    args: &TeardownArgs,
    global: &GlobalArgs,
    deployment: &Deployment,
) -> anyhow::Result<ExitCode> {
    let reporter = CliReporter::new(global);
    let (changes, inventory_namespace) = run_async(async {
        let session = deployment.connect(&args.write).await?;
        let (_, inventory_namespace) = deployment.namespaces(&session);
        let opts = TeardownOptions {
            inventory_name: deployment.name.clone(),
            inventory_namespace,
            wait: args.wait,
            dry_run: args.dry_run,
        };
        let changes = session.teardown(&opts, &reporter).await?;
        Ok((changes, opts.inventory_namespace))
    })?;
    if super::structured(global) {
        let v = serde_json::json!({
            "inventory": {"name": deployment.name, "namespace": inventory_namespace},
            "changes": changes,
            "summary": Summary::of(&changes),
            "dryRun": args.dry_run,
        });
        super::print_result(global, &v, String::new)?;
    } else {
        reporter.progress(&summary_line(&changes));
    }
    Ok(ExitCode::SUCCESS)
}
