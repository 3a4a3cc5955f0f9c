//! `kzr config`: component configuration (docs/config.md): validate a `kubernetes_manifest`
//! component file, print its JSON Schema, print the build plan a component gets.

use super::{print_data, GlobalArgs, OutputFormat};
use crate::config::{self, ConfigError};
use anyhow::bail;
use clap::builder::NonEmptyStringValueParser;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate a kubernetes_manifest component config (YAML or TOML)
    #[command(
        long_about = "Validate a kubernetes_manifest component config (YAML or TOML).\n\n\
                      The file is TOML when its name ends in .toml, else YAML. It is one \
                      component (`name`, `type = \"kubernetes_manifest\"` and the block's keys, or \
                      a `kubernetes_manifest` block, or just the block) or an app file with a \
                      `components` list. Each kubernetes_manifest component needs a `namespace` \
                      and exactly one of `manifest`, `kustomize` (with `path`) and \
                      `oci_artifact` (with `url` and a `tag` or `digest`); components of other \
                      types are skipped. The first problem is reported on one line naming the \
                      file, the component and the field, and the exit code is 1. With -o json \
                      the result is also printed on stdout.",
        after_help = "Examples:\n  kzr config validate components/web.toml\n  kzr config validate nuon.yaml -o json"
    )]
    Validate(ValidateArgs),
    /// Print the JSON Schema (draft 2020-12) of the kubernetes_manifest block
    #[command(after_help = "Example:\n  kzr config schema > kubernetes_manifest.schema.json")]
    Schema,
    /// Print the kubernetes_manifest_build_plan a component's build job receives
    #[command(
        long_about = "Print the kubernetes_manifest_build_plan a component's build job receives \
                      (labels component_id and component_build_id, source_type inline, kustomize \
                      or oci_artifact, and that source's settings), as JSON. The file is \
                      validated first. A manifest given as a file path is inlined.",
        after_help = "Examples:\n  kzr config build-plan components/web.toml --component-id cmp123 --build-id bld456\n  kzr config build-plan nuon.yaml --component my-app --component-id cmp123 --build-id bld456"
    )]
    BuildPlan(BuildPlanArgs),
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Component or app config file (.toml, or YAML/JSON)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Download manifests given as URLs and validate their content (as build-plan --fetch)
    #[arg(long)]
    pub fetch: bool,
}

#[derive(Debug, Args)]
pub struct BuildPlanArgs {
    /// Component or app config file (.toml, or YAML/JSON)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The component's id (label component_id)
    #[arg(long, value_name = "ID", value_parser = NonEmptyStringValueParser::new())]
    pub component_id: String,
    /// The build's id (label component_build_id)
    #[arg(long, value_name = "ID", value_parser = NonEmptyStringValueParser::new())]
    pub build_id: String,
    /// Which component, when the file has several
    #[arg(long, value_name = "NAME")]
    pub component: Option<String>,
    /// Download a manifest given as a URL (https://, or http:// on this machine; at most
    /// 16 MiB, within 60s) and embed it, recording its URL and sha256 in the plan
    #[arg(long)]
    pub fetch: bool,
}

pub fn run(cmd: &ConfigCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    match cmd {
        ConfigCommand::Validate(args) => validate(args, global),
        ConfigCommand::Schema => {
            let schema: Value = serde_json::from_str(config::SCHEMA)?;
            print_value(&schema, global, "kzr config schema")
        }
        ConfigCommand::BuildPlan(args) => {
            let options = config::LoadOptions { fetch: args.fetch };
            let file = config::load_with(&args.file, options).map_err(crate::error::Error::from)?;
            let component = file
                .component(args.component.as_deref())
                .map_err(crate::error::Error::from)?;
            let plan = config::build_plan(component, &args.component_id, &args.build_id);
            print_value(
                &serde_json::to_value(plan)?,
                global,
                "kzr config build-plan",
            )
        }
    }
}

fn validate(args: &ValidateArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let json_out = super::structured(global);
    let label = args.file.display().to_string();
    match config::load_with(&args.file, config::LoadOptions { fetch: args.fetch }) {
        Ok(file) => {
            let names: Vec<&str> = file.components.iter().map(|c| c.name.as_str()).collect();
            if json_out {
                let mut out = json!({"valid": true, "file": label, "components": names});
                if !file.other_components.is_empty() {
                    out["skipped"] = json!(file.other_components);
                }
                super::print_result(global, &out, String::new)?;
            }
            if !global.quiet {
                let skipped = match file.other_components.len() {
                    0 => String::new(),
                    n => format!("; skipped {n} of other types"),
                };
                let noun = if names.len() == 1 {
                    "component"
                } else {
                    "components"
                };
                crate::output::progress(&format!(
                    "{label}: ok ({} kubernetes_manifest {noun}: {}{skipped})",
                    names.len(),
                    names.join(", ")
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if json_out {
                super::print_result(global, &invalid_json(&label, &e), String::new)?;
            }
            Err(crate::error::Error::from(e).into())
        }
    }
}

fn invalid_json(label: &str, e: &ConfigError) -> Value {
    let mut v = json!({
        "valid": false,
        "file": label,
        "component": e.component(),
        "field": e.field(),
        "error": e.to_string(),
    });
    if let Some(actions) = e.template_actions() {
        v["templateActions"] = actions
            .iter()
            .map(|a| json!({"line": a.line, "action": a.text}))
            .collect();
    }
    v
}

fn print_value(value: &Value, global: &GlobalArgs, verb: &str) -> anyhow::Result<ExitCode> {
    let text = match global.output {
        None | Some(OutputFormat::Json) => format!("{}\n", serde_json::to_string_pretty(value)?),
        Some(OutputFormat::Yaml) => {
            crate::yaml::to_yaml(value).map_err(crate::error::Error::from)?
        }
        Some(OutputFormat::Text) => bail!("{verb} prints -o json or -o yaml, not text"),
    };
    print_data(&text)?;
    Ok(ExitCode::SUCCESS)
}
