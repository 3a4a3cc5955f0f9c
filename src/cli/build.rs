//! `kzr build`: print the objects a kustomization (or a set of files) produces.

use super::{print_data, GlobalArgs, OutputFormat};
use crate::kustomize::{self, BuildOptions, LoadRestrictor, Reorder};
use crate::output;
use anyhow::bail;
use clap::{Args, ValueEnum};
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
    /// Kustomization directory (same as DIR)
    #[arg(
        short = 'k',
        long = "kustomize",
        value_name = "DIR",
        conflicts_with = "files"
    )]
    pub kustomize: Option<PathBuf>,
    /// Manifest file or directory; repeatable; - reads stdin
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// Output order: kustomize's legacy kind order, or the order resources were listed
    #[arg(long, value_enum, default_value_t = ReorderArg::Legacy)]
    pub reorder: ReorderArg,
    /// Whether a kustomization may read files outside its own directory
    #[arg(long, value_enum, default_value_t = LoadRestrictorArg::LoadRestrictionsRootOnly)]
    pub load_restrictor: LoadRestrictorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "verbatim")]
pub enum LoadRestrictorArg {
    LoadRestrictionsRootOnly,
    LoadRestrictionsNone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReorderArg {
    Legacy,
    None,
}

pub fn run(args: &BuildArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let reorder = match args.reorder {
        ReorderArg::Legacy => Reorder::Legacy,
        ReorderArg::None => Reorder::None,
    };
    let options = BuildOptions {
        reorder,
        load_restrictor: match args.load_restrictor {
            LoadRestrictorArg::LoadRestrictionsRootOnly => LoadRestrictor::RootOnly,
            LoadRestrictorArg::LoadRestrictionsNone => LoadRestrictor::None,
        },
    };
    let build = match (args.dir.as_ref().or(args.kustomize.as_ref()), &args.files) {
        (Some(dir), _) => kustomize::build(dir, &options).map_err(crate::error::Error::from)?,
        (None, files) if !files.is_empty() => {
            kustomize::build_files(files, reorder).map_err(crate::error::Error::from)?
        }
        _ => bail!("nothing to build: give a kustomization DIR, -k DIR, or -f PATH"),
    };
    if !global.quiet {
        for w in &build.warnings {
            eprintln!("{w}");
        }
    }
    let objects = build.objects;
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
