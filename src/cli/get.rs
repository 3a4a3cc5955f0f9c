//! `kzr get inventories`: the inventories in a namespace or in all of them.

use super::cluster_flags::{run_async, ClusterFlags};
use super::{print_result, GlobalArgs};
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum GetCommand {
    /// List inventories (kzr's and kustomizer's)
    #[command(
        visible_alias = "inventory",
        after_help = "Examples:\n  kzr get inventories -n prod\n  kzr get inventories -A -o json"
    )]
    Inventories(GetInventoriesArgs),
}

#[derive(Debug, Args)]
pub struct GetInventoriesArgs {
    /// List inventories in every namespace
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,
    #[command(flatten)]
    pub cluster: ClusterFlags,
}

pub fn run(cmd: &GetCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let GetCommand::Inventories(args) = cmd;
    let inventories = run_async(async {
        let session = args.cluster.connect().await?;
        let (_, namespace) = args.cluster.namespaces(&session);
        let scope = if args.all_namespaces {
            String::new()
        } else {
            namespace
        };
        Ok(session.list_inventories(&scope).await?)
    })?;
    let items: Vec<_> = inventories
        .iter()
        .map(|i| {
            serde_json::json!({"name": i.name, "namespace": i.namespace,
                "entries": i.entries.len(), "source": i.provenance.source,
                "revision": i.provenance.revision, "lastAppliedTime": i.provenance.last_applied_time})
        })
        .collect();
    print_result(global, &serde_json::Value::Array(items), || {
        let mut rows = vec![[
            "NAMESPACE".to_string(),
            "NAME".into(),
            "ENTRIES".into(),
            "SOURCE".into(),
            "LAST APPLIED".into(),
        ]];
        for i in &inventories {
            rows.push([
                i.namespace.clone(),
                i.name.clone(),
                i.entries.len().to_string(),
                i.provenance.source.clone(),
                i.provenance.last_applied_time.clone(),
            ]);
        }
        table(&rows)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Left-aligned columns separated by three spaces, like kubectl's tables.
fn table(rows: &[[String; 5]]) -> String {
    let mut widths = [0usize; 5];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, w)| format!("{cell:w$}"))
            .collect();
        out.push_str(line.join("   ").trim_end());
        out.push('\n');
    }
    out
}
