//! The command line: one thin file per verb. Each parses its flags, calls the library and
//! renders the result; stdout carries data only, logs and errors go to stderr.

mod apply;
mod build;
mod cluster_flags;
mod completion;
mod config;
mod copy;
mod deploy_plan;
mod diff;
mod get;
mod inspect;
mod list;
mod man;
mod plan;
mod pull;
mod push;
mod registry_flags;
mod sources;
mod tag;
mod teardown;

pub use completion::completion_script;
pub use man::man_pages;

use crate::output::{self, LogFormat};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "kzr",
    version,
    about = "Build Kubernetes configuration, ship it as OCI artifacts, deploy it with server-side apply",
    long_about = "kzr builds kustomizations natively (byte-identical to `kubectl kustomize`), packages \
                  the result as versioned OCI artifacts, and deploys them with server-side apply.",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Output format (each verb accepts a subset)
    #[arg(
        short = 'o',
        long = "output",
        global = true,
        value_enum,
        help_heading = "Output"
    )]
    pub output: Option<OutputFormat>,
    /// Print only data and errors
    #[arg(short = 'q', long, global = true, help_heading = "Global options")]
    pub quiet: bool,
    /// More logging on stderr (-v info, -vv debug, -vvv trace)
    #[arg(short = 'v', long = "verbose", action = clap::ArgAction::Count, global = true, help_heading = "Global options")]
    pub verbose: u8,
    /// Never use colour (also when NO_COLOR is set)
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_color: bool,
    /// Log line format on stderr
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text, help_heading = "Global options")]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Yaml,
    Json,
    Text,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Build(build::BuildArgs),
    /// Push an artifact to a registry
    #[command(subcommand)]
    Push(push::PushCommand),
    /// Pull an artifact from a registry
    #[command(subcommand)]
    Pull(pull::PullCommand),
    /// Tag an artifact
    #[command(subcommand)]
    Tag(tag::TagCommand),
    /// Copy an artifact between repositories or registries
    #[command(subcommand)]
    Copy(copy::CopyCommand),
    /// List artifacts
    #[command(subcommand)]
    List(list::ListCommand),
    /// Inspect an artifact or an inventory
    #[command(subcommand)]
    Inspect(inspect::InspectCommand),
    Diff(diff::DiffCmd),
    Plan(plan::PlanArgs),
    Apply(apply::ApplyArgs),
    Teardown(teardown::TeardownArgs),
    /// List cluster resources kzr manages
    #[command(subcommand)]
    Get(get::GetCommand),
    /// Validate component configuration, print its JSON Schema or build plan
    #[command(subcommand)]
    Config(config::ConfigCommand),
    Completion(completion::CompletionArgs),
    Man(man::ManArgs),
}

/// The clap command tree (for completions and man pages).
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses arguments, runs the verb, prints errors, and returns the exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let g = &cli.global;
    let json = g.output == Some(OutputFormat::Json);
    let color = output::decorations_enabled(g.quiet, g.no_color, json);
    output::init_logging(g.verbose, g.quiet, g.log_format, color);
    let result = match &cli.command {
        Command::Build(args) => build::run(args, g),
        Command::Push(cmd) => push::run(cmd, g),
        Command::Pull(cmd) => pull::run(cmd, g),
        Command::Tag(cmd) => tag::run(cmd, g),
        Command::Copy(cmd) => copy::run(cmd, g),
        Command::List(cmd) => list::run(cmd, g),
        Command::Inspect(cmd) => inspect::run(cmd, g),
        Command::Diff(cmd) => diff::run(cmd, g),
        Command::Plan(args) => plan::run(args, g),
        Command::Apply(args) => apply::run(args, g),
        Command::Teardown(args) => teardown::run(args, g),
        Command::Get(cmd) => get::run(cmd, g),
        Command::Config(cmd) => config::run(cmd, g),
        Command::Completion(args) => completion::run(args),
        Command::Man(args) => man::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if json {
                print_failures(&e);
            }
            let code = report(&e, g.log_format);
            if e.downcast_ref::<cluster_flags::Interrupted>().is_some() {
                return ExitCode::from(130);
            }
            // Like `kubectl diff`: 1 means "different", so errors are 2.
            if matches!(cli.command, Command::Diff(_)) {
                ExitCode::from(2)
            } else {
                code
            }
        }
    }
}

/// Prints an error as one line (plus a hint line when there is one) and returns exit code 1.
fn report(e: &anyhow::Error, format: LogFormat) -> ExitCode {
    if is_broken_pipe(e) {
        return ExitCode::SUCCESS;
    }
    // Library errors already carry their causes in their message.
    let message = e.to_string().replace('\n', " ");
    let hint = crate::error::hint_for(e);
    let mut err = std::io::stderr().lock();
    let _ = match format {
        LogFormat::Json => writeln!(
            err,
            "{}",
            serde_json::json!({"level": "ERROR", "error": message, "hint": hint})
        ),
        LogFormat::Text => match hint {
            Some(h) => writeln!(err, "error: {message}\nhint: {h}"),
            None => writeln!(err, "error: {message}"),
        },
    };
    ExitCode::FAILURE
}

/// With `-o json`, a failure that concerns many objects also prints every one of them on
/// stdout (`{"error": …, "total": N, "failed": [{"id", "error"}]}`): the error line on stderr
/// names only a few.
fn print_failures(e: &anyhow::Error) {
    if let Some(crate::cluster::ClusterError::Failed(failures)) =
        e.downcast_ref::<crate::cluster::ClusterError>()
    {
        let v = serde_json::json!({
            "error": e.to_string(),
            "total": failures.total,
            "failed": failures.failed,
        });
        let _ = print_data(&format!(
            "{}\n",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        ));
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes data to stdout in one go.
fn print_data(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            // A closed pipe (`kzr build | head`) is not an error: see `is_broken_pipe`.
            std::io::ErrorKind::BrokenPipe => anyhow::Error::new(e),
            _ => anyhow::anyhow!(
                "cannot write to standard output: {}",
                crate::explain::io_words(&e)
            ),
        })
}

/// Whether the result is to be printed as data (`-o json` or `-o yaml`) rather than text.
fn structured(global: &GlobalArgs) -> bool {
    matches!(global.output, Some(OutputFormat::Json | OutputFormat::Yaml))
}

/// Prints a verb's result: `value` with `-o json` or `-o yaml` (the same document either way),
/// else `text()`.
fn print_result(
    global: &GlobalArgs,
    value: &serde_json::Value,
    text: impl FnOnce() -> String,
) -> anyhow::Result<()> {
    let out = match global.output {
        Some(OutputFormat::Json) => format!("{}\n", serde_json::to_string_pretty(value)?),
        Some(OutputFormat::Yaml) => {
            crate::yaml::to_yaml(value).map_err(crate::error::Error::from)?
        }
        None | Some(OutputFormat::Text) => text(),
    };
    print_data(&out)
}

/// A file named by a flag could not be read or written: `--flag FILE: reason`.
fn file_error(flag: &str, path: &std::path::Path, e: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!("{flag} {}: {}", path.display(), crate::explain::io_words(e))
}
