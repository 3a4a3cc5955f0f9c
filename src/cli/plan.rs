//! `kzr plan`: what an apply (or a teardown) would change, without changing anything.

use super::apply::ApplyFlags;
use super::cluster_flags::{run_async, CliReporter, ClusterFlags, Collected, DeploySources};
use super::deploy_plan::{DeployPlanFlags, Deployment};
use super::{print_data, GlobalArgs};
use crate::changeset::{
    Action, Change, InventoryRef, SavedPlan, Summary, PLAN_API_VERSION, PLAN_KIND,
};
use crate::cluster::{
    ApplyOptions, PlanResult, Prepared, Reporter, Session, Silent, TeardownOptions,
};
use crate::inventory::Provenance;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    about = "Show what an apply would change, and optionally save it for `kzr apply --from`",
    long_about = "Show what an apply would change: every object with its action (create, update \
                  with field-level changes, unchanged, recreate, delete), Secret values masked, \
                  and a summary. Nothing on the cluster changes. --out saves the plan; `kzr apply \
                  --from` applies exactly it and refuses if the cluster changed since.",
    after_help = "Examples:\n  kzr plan my-app -k overlays/prod -n prod\n  kzr plan my-app -k overlays/prod --out plan.json\n  kzr plan --teardown my-app\n  kzr plan --deploy-plan deploy.json -o json",
    group = clap::ArgGroup::new("plan_sources").args(["kustomize", "files", "artifacts"])
        .multiple(true).conflicts_with("deploy_plan")
)]
pub struct PlanArgs {
    /// Inventory name (with --deploy-plan: default the plan's component_id)
    #[arg(value_name = "NAME", required_unless_present = "deploy_plan")]
    pub name: Option<String>,
    /// Preview a teardown of the inventory instead
    #[arg(long, conflicts_with_all = ["out", "artifacts", "kustomize", "files"])]
    pub teardown: bool,
    /// Save the plan to this file
    #[arg(long, value_name = "PLAN.json")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub apply: ApplyFlags,
    #[command(flatten)]
    pub sources: DeploySources,
    #[command(flatten)]
    pub cluster: ClusterFlags,
    #[command(flatten)]
    pub deploy: DeployPlanFlags,
}

/// A computed plan and what it was computed from.
pub struct Planned {
    pub result: PlanResult,
    pub prepared: Prepared,
    pub opts: ApplyOptions,
}

/// Connects and plans the `collected` objects (shared by `plan` and `diff`).
pub async fn compute(
    deployment: &Deployment,
    collected: Collected,
    apply: &ApplyFlags,
) -> anyhow::Result<(Session, Planned)> {
    let session = deployment.connect(&apply.write).await?;
    let (namespace, inventory_namespace) = deployment.namespaces(&session);
    let opts = ApplyOptions {
        inventory_name: deployment.name.clone(),
        inventory_namespace,
        namespace,
        prune: apply.prune,
        wait: false,
        force: apply.force,
        create_namespace: apply.create_namespace,
        allow_empty: apply.allow_empty,
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
    let result = session.plan(&prepared, &opts).await?;
    Ok((
        session,
        Planned {
            result,
            prepared,
            opts,
        },
    ))
}

pub fn run(args: &PlanArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let deployment = Deployment::resolve(args.name.as_deref(), &args.deploy, &args.cluster)?;
    run_planned(args, global, &deployment).map_err(|e| deployment.scrub(e))
}

fn run_planned(
    args: &PlanArgs,
    global: &GlobalArgs,
    deployment: &Deployment,
) -> anyhow::Result<ExitCode> {
    let (changes, inventory_namespace, artifact) = if args.teardown {
        run_async(async {
            let session = deployment.connect(&args.apply.write).await?;
            let (_, inventory_namespace) = deployment.namespaces(&session);
            let opts = TeardownOptions {
                inventory_name: deployment.name.clone(),
                inventory_namespace,
                wait: false,
                dry_run: true,
            };
            let changes = session.teardown(&opts, &Silent).await?;
            Ok((changes, opts.inventory_namespace, String::new()))
        })?
    } else {
        let collected = deployment.collect(&args.sources, global.quiet)?;
        let (_, planned) = run_async(compute(deployment, collected, &args.apply))?;
        if let Some(out) = &args.out {
            save(out, &planned, &args.apply.write.field_manager)?;
        }
        let artifact = planned.opts.provenance.artifact.clone();
        (
            planned.result.changes,
            planned.opts.inventory_namespace,
            artifact,
        )
    };
    let summary = Summary::of(&changes);
    if super::structured(global) {
        let v = serde_json::json!({
            "inventory": {"name": deployment.name, "namespace": inventory_namespace},
            "artifact": (!artifact.is_empty()).then_some(artifact),
            "changes": changes,
            "summary": summary,
            "noop": !summary.has_changes(),
        });
        super::print_result(global, &v, String::new)?;
    } else {
        print_data(&render_text(&changes))?;
        if let Some(out) = &args.out {
            CliReporter::new(global).progress(&format!("plan saved to {}", out.display()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line per changed object with its field changes, then the summary line.
fn render_text(changes: &[Change]) -> String {
    let mut out = String::new();
    for c in changes.iter().filter(|c| c.action != Action::Unchanged) {
        let mark = match c.action {
            Action::Create => "+",
            Action::Update => "~",
            Action::Recreate => "-/+",
            Action::Delete => "-",
            Action::Skip => "!",
            Action::Unchanged => "=",
        };
        out.push_str(&format!("{mark} {} ({})", c.id, c.action.as_str()));
        if let Some(note) = &c.note {
            out.push_str(&format!(": {note}"));
        }
        out.push('\n');
        for f in &c.changes {
            let show = |v: &Option<serde_json::Value>| match v {
                None => "(none)".to_string(),
                Some(v) => serde_json::to_string(v).unwrap_or_default(),
            };
            out.push_str(&format!(
                "    {}: {} → {}\n",
                f.path,
                show(&f.before),
                show(&f.after)
            ));
        }
    }
    out.push_str(&format!("Plan: {}\n", Summary::of(changes).plan_line()));
    out
}

/// Writes the plan file atomically (a temporary file renamed into place).
fn save(path: &Path, planned: &Planned, field_manager: &str) -> anyhow::Result<()> {
    let opts = &planned.opts;
    let plan = SavedPlan {
        api_version: PLAN_API_VERSION.into(),
        kind: PLAN_KIND.into(),
        inventory: InventoryRef {
            name: opts.inventory_name.clone(),
            namespace: opts.inventory_namespace.clone(),
            resource_version: planned
                .result
                .previous
                .as_ref()
                .and_then(|p| p.resource_version.clone()),
        },
        namespace: opts.namespace.clone(),
        field_manager: field_manager.to_string(),
        source: opts.provenance.source.clone(),
        revision: opts.provenance.revision.clone(),
        artifact: opts.provenance.artifact.clone(),
        checksum: opts.provenance.checksum.clone(),
        prune: opts.prune,
        force: opts.force,
        create_namespace: opts.create_namespace,
        allow_empty: opts.allow_empty,
        objects: planned
            .prepared
            .targets
            .iter()
            .map(|t| t.object.clone())
            .collect(),
        observed: planned.result.observed.clone(),
        changes: planned.result.changes.clone(),
        digest: String::new(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("plan")
    ));
    std::fs::write(&tmp, plan.to_json())
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            anyhow::anyhow!("cannot write plan {}: {e}", path.display())
        })
}
