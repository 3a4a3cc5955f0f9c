//! `kzr apply`: staged server-side apply with an inventory, prune and wait.

use super::cluster_flags::{run_async, CliReporter, ClusterFlags, DeploySources, WriteFlags};
use super::deploy_plan::{DeployPlanFlags, Deployment};
use super::GlobalArgs;
use crate::changeset::{Change, SavedPlan, Summary};
use crate::cluster::{ApplyOptions, ApplyResult, Reporter};
use crate::inventory::Provenance;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    about = "Apply objects with server-side apply, record them in an inventory, prune and wait",
    long_about = "Apply objects with server-side apply, record them in an inventory, prune and wait.\n\n\
                  CRDs, Namespaces and ClusterRoles go first and are waited for; then the rest \
                  by kind rank, objects of one rank concurrently. Each object is dry-run first \
                  and only written when it drifted. Objects the previous apply recorded but this \
                  one no longer has are deleted (--prune) if they still carry the inventory's \
                  owner labels.",
    after_help = "Examples:\n  kzr apply my-app -k overlays/prod -n prod\n  kzr apply my-app -a oci://ghcr.io/org/app:1.2.0 --timeout 10m\n  kzr plan my-app -k overlays/prod --out plan.json && kzr apply --from plan.json\n  kzr apply --deploy-plan deploy.json -o json",
    group = clap::ArgGroup::new("apply_sources").args(["kustomize", "files", "artifacts"])
        .multiple(true).conflicts_with_all(["deploy_plan", "from"])
)]
pub struct ApplyArgs {
    /// Inventory name (with --deploy-plan: default the plan's component_id)
    #[arg(value_name = "NAME", required_unless_present_any = ["from", "deploy_plan"])]
    pub name: Option<String>,
    /// Apply exactly a plan saved by `kzr plan --out` (with --deploy-plan, on its cluster)
    #[arg(long, value_name = "PLAN.json", conflicts_with = "name")]
    pub from: Option<PathBuf>,
    /// Wait until applied objects are ready
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1,
          require_equals = true, default_missing_value = "true", value_name = "BOOL")]
    pub wait: bool,
    #[command(flatten)]
    pub apply: ApplyFlags,
    #[command(flatten)]
    pub deploy: DeployPlanFlags,
    #[command(flatten)]
    pub sources: DeploySources,
    #[command(flatten)]
    pub cluster: ClusterFlags,
}

/// The flags that decide what an apply does (shared with `kzr plan`, which predicts it).
#[derive(Debug, Args)]
pub struct ApplyFlags {
    /// Delete objects the previous apply recorded and this one no longer has
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1,
          require_equals = true, default_missing_value = "true", value_name = "BOOL")]
    pub prune: bool,
    /// Delete and recreate objects whose immutable fields changed
    #[arg(long)]
    pub force: bool,
    /// Create the default and inventory namespaces when missing
    #[arg(long)]
    pub create_namespace: bool,
    /// Go on when the sources give no objects (everything the inventory lists is pruned)
    #[arg(long)]
    pub allow_empty: bool,
    #[command(flatten)]
    pub write: WriteFlags,
}

pub fn run(args: &ApplyArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let deployment = Deployment::resolve(args.name.as_deref(), &args.deploy, &args.cluster)?;
    run_deployment(args, global, &deployment).map_err(|e| deployment.scrub(e))
}

fn run_deployment(
    args: &ApplyArgs,
    global: &GlobalArgs,
    deployment: &Deployment,
) -> anyhow::Result<ExitCode> {
    let reporter = CliReporter::new(global);
    // Artifacts are pulled before the cluster work starts (the registry client has its own
    // runtime); an apply of a saved plan needs none.
    let collected = match &args.from {
        Some(_) => None,
        None => Some(deployment.collect(&args.sources, global.quiet)?),
    };
    let result = run_async(async {
        let mut session = deployment.connect(&args.apply.write).await?;
        if let Some(path) = &args.from {
            let plan = SavedPlan::read(path)?;
            if !plan.field_manager.is_empty() {
                session.field_manager = plan.field_manager.clone();
            }
            let opts = ApplyOptions {
                inventory_name: plan.inventory.name.clone(),
                inventory_namespace: plan.inventory.namespace.clone(),
                namespace: plan.namespace.clone(),
                prune: plan.prune,
                wait: args.wait,
                force: plan.force,
                create_namespace: plan.create_namespace,
                allow_empty: plan.allow_empty,
                provenance: Provenance {
                    source: plan.source.clone(),
                    revision: plan.revision.clone(),
                    artifact: plan.artifact.clone(),
                    checksum: plan.checksum.clone(),
                    last_applied_time: String::new(),
                },
            };
            let inventory = (
                opts.inventory_name.as_str(),
                opts.inventory_namespace.as_str(),
            );
            let prepared = session
                .prepare(plan.objects.clone(), &opts.namespace, inventory)
                .await?;
            session
                .check_observed(
                    &opts,
                    &plan.inventory.resource_version,
                    &plan.observed,
                    &prepared,
                )
                .await?;
            reporter.progress(&format!("applying plan {}", path.display()));
            return Ok(session.apply(prepared, &opts, &reporter).await?);
        }
        let collected = collected.ok_or_else(|| anyhow::anyhow!("nothing to apply"))?;
        let (namespace, inventory_namespace) = deployment.namespaces(&session);
        let opts = ApplyOptions {
            inventory_name: deployment.name.clone(),
            inventory_namespace,
            namespace,
            prune: args.apply.prune,
            wait: args.wait,
            force: args.apply.force,
            create_namespace: args.apply.create_namespace,
            allow_empty: args.apply.allow_empty,
            provenance: Provenance {
                source: collected.source,
                revision: String::new(),
                artifact: collected.artifact,
                checksum: collected.checksum,
                last_applied_time: String::new(),
            },
        };
        let prepared = session
            .prepare(
                collected.objects,
                &opts.namespace,
                (&opts.inventory_name, &opts.inventory_namespace),
            )
            .await?;
        Ok(session.apply(prepared, &opts, &reporter).await?)
    })?;
    render(&result, global, &reporter)?;
    Ok(ExitCode::SUCCESS)
}

fn render(result: &ApplyResult, global: &GlobalArgs, reporter: &CliReporter) -> anyhow::Result<()> {
    let summary = Summary::of(&result.changes);
    if super::structured(global) {
        let v = serde_json::json!({
            "inventory": {"name": result.inventory.name, "namespace": result.inventory.namespace},
            "artifact": (!result.inventory.provenance.artifact.is_empty())
                .then_some(&result.inventory.provenance.artifact),
            "changes": result.changes,
            "summary": summary,
        });
        return super::print_result(global, &v, String::new);
    }
    reporter.progress(&summary_line(&result.changes));
    Ok(())
}

/// `applied N objects: 1 created, 2 configured, 3 unchanged, 1 deleted`.
pub fn summary_line(changes: &[Change]) -> String {
    let s = Summary::of(changes);
    let mut parts = Vec::new();
    for (n, word) in [
        (s.create, "created"),
        (s.update, "configured"),
        (s.recreate, "recreated"),
        (s.unchanged, "unchanged"),
        (s.delete, "deleted"),
        (s.skip, "skipped"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    if parts.is_empty() {
        "nothing to do".into()
    } else {
        parts.join(", ")
    }
}
