//! `kzr diff NAME`: what an apply would change on the cluster; `kzr diff artifact A B`: a
//! unified diff of two artifacts' contents. Exit status like `kubectl diff`: 0 no changes,
//! 1 changes, 2 errors.

use super::apply::ApplyFlags;
use super::cluster_flags::{run_async, ClusterFlags, DeploySources};
use super::deploy_plan::{DeployPlanFlags, Deployment};
use super::registry_flags::{pull_all, ReadFlags, RegistryFlags, TimeoutFlag};
use super::{print_data, GlobalArgs, OutputFormat};
use crate::plan::Action;
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    about = "Show what an apply would change (exit 0 no changes, 1 changes, 2 error)",
    long_about = "Show what an apply would change: a server-side dry-run of every object compared \
                  with the live object (managedFields, resourceVersion, generation, uid, \
                  creationTimestamp and status ignored), and the objects a prune would delete. \
                  Secret values are always masked. Exit status like `kubectl diff`: 0 no changes, \
                  1 changes, 2 error.",
    after_help = "Examples:\n  kzr diff my-app -k overlays/prod -n prod\n  kzr diff my-app -a oci://ghcr.io/org/app:1.2.0 -o json\n  kzr diff artifact oci://ghcr.io/org/app:1.0.0 oci://ghcr.io/org/app:1.1.0",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct DiffCmd {
    #[command(subcommand)]
    pub artifact: Option<DiffCommand>,
    /// Inventory name
    #[arg(value_name = "NAME", required = true)]
    pub name: Option<String>,
    #[command(flatten)]
    pub sources: DeploySources,
    #[command(flatten)]
    pub cluster: ClusterFlags,
    #[command(flatten)]
    pub apply: ApplyFlags,
}

pub fn run(cmd: &DiffCmd, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if let Some(artifact) = &cmd.artifact {
        return run_artifact(artifact, global);
    }
    let deployment = Deployment::resolve(
        cmd.name.as_deref(),
        &DeployPlanFlags::default(),
        &cmd.cluster,
    )?;
    let collected = deployment.collect(&cmd.sources, global.quiet)?;
    let (_, planned) = run_async(super::plan::compute(
        &deployment,
        collected,
        &cmd.cluster,
        &cmd.apply,
    ))?;
    let result = &planned.result;
    let changed = result.changes.iter().any(|c| c.action.is_change());
    if global.output == Some(OutputFormat::Json) {
        let items: Vec<_> = result
            .changes
            .iter()
            .filter(|c| c.action.is_change())
            .collect();
        print_data(&format!("{}\n", serde_json::to_string_pretty(&items)?))?;
    } else {
        let color = crate::output::decorations_enabled(global.quiet, global.no_color, false)
            && console::Term::stdout().is_term();
        let mut out = String::new();
        for (i, c) in result.changes.iter().enumerate() {
            if !c.action.is_change() {
                continue;
            }
            out.push_str(&format!("► {} {}\n", c.id, c.action.diff_word()));
            if matches!(c.action, Action::Update | Action::Recreate) {
                if let Some(ex) = result.examined.get(i) {
                    let (before, after) = ex.masked_pair();
                    out.push_str(&crate::output::object_diff(
                        before.as_ref(),
                        after.as_ref(),
                        color,
                    ));
                }
            }
        }
        print_data(&out)?;
    }
    Ok(if changed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

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
    #[command(flatten)]
    pub timeout: TimeoutFlag,
}

fn run_artifact(cmd: &DiffCommand, _global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let DiffCommand::Artifact(args) = cmd;
    let mut pulled = pull_all(
        &[&args.a, &args.b],
        &args.read,
        &args.registry.options(args.timeout.deadline()),
    )?
    .into_iter();
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
