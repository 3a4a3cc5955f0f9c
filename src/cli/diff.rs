//! `kzr diff NAME`: what an apply would change on the cluster; `kzr diff artifact A B`: a
//! unified diff of two artifacts' contents. Exit status like `kubectl diff`: 0 no changes,
//! 1 changes, 2 errors.

use super::apply::ApplyFlags;
use super::cluster_flags::{run_async, ClusterFlags, DeploySources};
use super::deploy_plan::{DeployPlanFlags, Deployment};
use super::registry_flags::{pull_all, ReadFlags, RegistryFlags, TimeoutFlag};
use super::{print_data, GlobalArgs};
use crate::changeset::Action;
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
    pub apply: ApplyFlags,
    #[command(flatten)]
    pub sources: DeploySources,
    #[command(flatten)]
    pub cluster: ClusterFlags,
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
    let (_, planned) = run_async(super::plan::compute(&deployment, collected, &cmd.apply))?;
    let result = &planned.result;
    let changed = result.changes.iter().any(|c| c.action.is_change());
    if super::structured(global) {
        let items: Vec<_> = result
            .changes
            .iter()
            .filter(|c| c.action.is_change())
            .collect();
        super::print_result(global, &serde_json::to_value(items)?, String::new)?;
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

fn run_artifact(cmd: &DiffCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
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
    let pairs = object_pairs(&a.to_string(), &old.content, &b.to_string(), &new.content)?;
    let changed = !pairs.is_empty();
    if super::structured(global) {
        let changes: Vec<serde_json::Value> = pairs
            .iter()
            .map(|(id, before, after)| {
                let action = match (before, after) {
                    (None, _) => "create",
                    (_, None) => "delete",
                    _ => "update",
                };
                serde_json::json!({"id": id, "action": action})
            })
            .collect();
        let value = serde_json::json!({
            "a": a.digest_url(&old.digest),
            "b": b.digest_url(&new.digest),
            "identical": old.content == new.content,
            "changes": changes,
        });
        super::print_result(global, &value, String::new)?;
    } else {
        let color = crate::output::decorations_enabled(global.quiet, global.no_color, false)
            && console::Term::stdout().is_term();
        let mut out = String::new();
        for (id, mut before, mut after) in pairs {
            let word = match (&before, &after) {
                (None, _) => "created",
                (_, None) => "deleted",
                _ => "drifted",
            };
            out.push_str(&format!("► {id} {word}\n"));
            if before.is_some() && after.is_some() {
                crate::cluster::mask_secrets(before.as_mut(), after.as_mut());
                out.push_str(&crate::output::object_diff(
                    before.as_ref(),
                    after.as_ref(),
                    color,
                ));
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

/// The objects the second artifact adds, removes or changes: `(id, before, after)`, in the
/// second artifact's order, then the removed ones.
type ObjectPair = (String, Option<serde_json::Value>, Option<serde_json::Value>);

fn object_pairs(a_name: &str, a: &str, b_name: &str, b: &str) -> anyhow::Result<Vec<ObjectPair>> {
    let read = |text: &str, name: &str| -> anyhow::Result<Vec<(String, serde_json::Value)>> {
        Ok(crate::object::read_objects(text, name)
            .map_err(crate::error::Error::from)?
            .into_iter()
            .map(|o| (o.id().to_string(), o.into_value()))
            .collect())
    };
    let (old, new) = (read(a, a_name)?, read(b, b_name)?);
    let mut pairs = Vec::new();
    for (id, value) in &new {
        match old.iter().find(|(i, _)| i == id) {
            None => pairs.push((id.clone(), None, Some(value.clone()))),
            Some((_, before)) if before != value => {
                pairs.push((id.clone(), Some(before.clone()), Some(value.clone())))
            }
            Some(_) => {}
        }
    }
    for (id, before) in old.iter().filter(|(i, _)| !new.iter().any(|(n, _)| n == i)) {
        pairs.push((id.clone(), Some(before.clone()), None));
    }
    Ok(pairs)
}
