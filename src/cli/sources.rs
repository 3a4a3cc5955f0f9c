//! The source flags shared by `build` and `push artifact`: the same flags give the same
//! objects, so what is pushed is exactly what `build` prints.

use crate::kustomize::{self, Build, BuildOptions, HelmOptions, LoadRestrictor, Reorder};
use anyhow::bail;
use clap::builder::TypedValueParser;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(next_help_heading = "Sources")]
pub struct SourceArgs {
    /// Kustomization directory
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
    #[arg(long, default_value = "LoadRestrictionsRootOnly", value_parser = load_restrictor())]
    pub load_restrictor: LoadRestrictor,
    /// Inflate the kustomization's helmCharts by running helm
    #[arg(long)]
    pub enable_helm: bool,
    /// The helm executable to run for helmCharts
    #[arg(long, value_name = "PATH", default_value = "helm")]
    pub helm_command: String,
    /// Kubernetes API versions for helm's Capabilities.APIVersions, for charts without their
    /// own apiVersions; repeatable or comma-separated
    #[arg(long, value_name = "GROUP/VERSION", value_delimiter = ',')]
    pub helm_api_versions: Vec<String>,
    /// Kubernetes version for helm's Capabilities.KubeVersion, for charts without their own
    /// kubeVersion
    #[arg(long, value_name = "VERSION")]
    pub helm_kube_version: Option<String>,
    /// Pass --debug to helm template
    #[arg(long)]
    pub helm_debug: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReorderArg {
    Legacy,
    None,
}

impl SourceArgs {
    /// Builds the objects; `dir` is a positional kustomization directory, when the verb has
    /// one. Build warnings are printed on stderr unless `quiet`.
    pub fn build(&self, dir: Option<&PathBuf>, quiet: bool) -> anyhow::Result<Build> {
        let options = BuildOptions {
            reorder: match self.reorder {
                ReorderArg::Legacy => Reorder::Legacy,
                ReorderArg::None => Reorder::None,
            },
            load_restrictor: self.load_restrictor,
            helm: self.enable_helm.then(|| HelmOptions {
                command: self.helm_command.clone(),
                api_versions: self.helm_api_versions.clone(),
                kube_version: self.helm_kube_version.clone(),
                debug: self.helm_debug,
            }),
        };
        let build = match (dir.or(self.kustomize.as_ref()), &self.files) {
            (Some(dir), _) => kustomize::build(dir, &options).map_err(crate::error::Error::from)?,
            (None, files) if !files.is_empty() => {
                kustomize::build_files(files, options.reorder).map_err(crate::error::Error::from)?
            }
            _ => bail!("nothing to build: give a kustomization DIR, -k DIR, or -f PATH"),
        };
        if !quiet {
            for w in &build.warnings {
                crate::output::warning(&w.to_string());
            }
        }
        Ok(build)
    }
}

/// `--load-restrictor` takes kustomize's flag values (listed in help and completions).
fn load_restrictor() -> impl TypedValueParser<Value = LoadRestrictor> {
    clap::builder::PossibleValuesParser::new([
        LoadRestrictor::RootOnly.as_flag(),
        LoadRestrictor::None.as_flag(),
    ])
    .map(|text| LoadRestrictor::parse(&text).unwrap_or_default())
}
