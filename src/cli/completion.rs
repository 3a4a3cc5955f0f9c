//! `kzr completion SHELL`: print a shell completion script.

use clap::Args;
use clap_complete::Shell;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    about = "Print a shell completion script",
    after_help = "Examples:\n  kzr completion bash > /etc/bash_completion.d/kzr\n  kzr completion zsh > \"${fpath[1]}/_kzr\""
)]
pub struct CompletionArgs {
    /// Shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> String {
    let mut cmd = super::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "kzr", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

pub fn run(args: &CompletionArgs) -> anyhow::Result<ExitCode> {
    super::print_data(&completion_script(args.shell))?;
    Ok(ExitCode::SUCCESS)
}
