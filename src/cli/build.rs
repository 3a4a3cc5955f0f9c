//! `kzr build`: print the objects a kustomization (or a set of files) produces.

use super::sources::SourceArgs;
use super::{print_data, GlobalArgs, OutputFormat};
use crate::output;
use anyhow::bail;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    about = "Build a kustomization or a set of manifests and print the objects",
    long_about = "Build a kustomization or a set of manifests and print the objects.\n\n\
                  For a kustomization directory the output is byte-identical to \
                  `kubectl kustomize DIR`. `-f` paths (files, directories walked in name order \
                  for .yaml/.yml/.json, or - for stdin) are built as an implicit kustomization \
                  whose resources are those files.",
    after_help = "Examples:\n  kzr build examples/kustomize/overlays/prod\n  kzr build -f examples/plain/\n  cat app.yaml | kzr build -f - -o json"
)]
pub struct BuildArgs {
    /// Kustomization directory
    #[arg(value_name = "DIR", conflicts_with_all = ["kustomize", "files"])]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
}

pub fn run(args: &BuildArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let objects = args.sources.build(args.dir.as_ref(), global.quiet)?.objects;
    let text = match global.output {
        None | Some(OutputFormat::Yaml) => {
            output::objects_to_yaml(&objects).map_err(crate::error::Error::from)?
        }
        Some(OutputFormat::Json) => output::objects_to_json_list(&objects),
        Some(OutputFormat::Text) => bail!("kzr build prints -o yaml or -o json, not text"),
    };
    print_data(&text)?;
    Ok(ExitCode::SUCCESS)
}
