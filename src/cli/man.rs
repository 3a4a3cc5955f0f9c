//! `kzr man`: print or write the man pages.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    about = "Print the kzr(1) man page, or write every page to a directory",
    after_help = "Examples:\n  kzr man | man -l -\n  kzr man --dir /usr/local/share/man/man1"
)]
pub struct ManArgs {
    /// Write kzr.1 and one kzr-VERB.1 per verb into this directory
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Every man page as (file name, roff text): kzr.1 first, then kzr-VERB.1.
pub fn man_pages() -> Vec<(String, String)> {
    // No `help` pages are written, so no page may refer to one.
    let mut cmd = without_help_subcommand(super::command());
    cmd.build();
    let mut pages = vec![("kzr.1".to_string(), render(cmd.clone()))];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("kzr-{}", sub.get_name());
        pages.push((format!("{name}.1"), render(sub.clone().name(name.clone()))));
        // Verbs with an object (`push artifact`) get a page per object too.
        for nested in sub.get_subcommands().filter(|s| s.get_name() != "help") {
            let nested_name = format!("{name}-{}", nested.get_name());
            pages.push((
                format!("{nested_name}.1"),
                render(nested.clone().name(nested_name.clone())),
            ));
        }
    }
    pages
}

fn without_help_subcommand(cmd: clap::Command) -> clap::Command {
    cmd.disable_help_subcommand(true)
        .mut_subcommands(without_help_subcommand)
}

fn render(cmd: clap::Command) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd).render(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

pub fn run(args: &ManArgs) -> anyhow::Result<ExitCode> {
    let pages = man_pages();
    match &args.dir {
        None => super::print_data(&pages[0].1)?,
        Some(dir) => {
            let fail = |e: std::io::Error| super::file_error("--dir", dir, &e);
            std::fs::create_dir_all(dir).map_err(fail)?;
            for (name, text) in &pages {
                std::fs::write(dir.join(name), text).map_err(fail)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
