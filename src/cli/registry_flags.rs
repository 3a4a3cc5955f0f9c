//! Flags shared by the verbs that talk to registries.

use crate::artifact::encryption::{self, Identity};
use crate::deadline::{parse_duration, Deadline};
use crate::registry::{block_on, Options, Pulled, Registry, Target};
use clap::Args;
use std::path::PathBuf;
use std::time::Duration;

/// `--timeout`: the time budget of a verb that talks to a registry or a cluster.
#[derive(Debug, Args)]
pub struct TimeoutFlag {
    /// Time limit for the whole verb: connecting, transfers, applying, pruning and waiting
    /// (e.g. 90s, 5m, 1h)
    #[arg(long, default_value = "5m", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Duration,
}

impl TimeoutFlag {
    /// The verb's deadline, counted from now.
    pub fn deadline(&self) -> Deadline {
        Deadline::after(self.timeout)
    }
}

#[derive(Debug, Args)]
pub struct RegistryFlags {
    /// Use plain HTTP (loopback registries do unless --ca-file is given)
    #[arg(long)]
    pub plain_http: bool,
    /// Registry credentials as user:password (default: Docker's config.json, else anonymous)
    #[arg(
        long,
        env = "KZR_CREDS",
        hide_env_values = true,
        value_name = "USER:PASSWORD"
    )]
    pub creds: Option<String>,
    /// Trust the CA certificates in this PEM file (TLS is then used for loopback hosts too)
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
}

impl RegistryFlags {
    pub fn options(&self, deadline: Deadline) -> Options {
        Options {
            plain_http: self.plain_http,
            creds: self.creds.clone(),
            ca_file: self.ca_file.clone(),
            progress: false,
            deadline,
        }
    }

    /// [`RegistryFlags::options`] with progress bars for blob transfers when stderr is a
    /// terminal and the global flags allow decorations (no `--quiet`, `NO_COLOR`, `-o json`).
    pub fn options_for(&self, global: &super::GlobalArgs, deadline: Deadline) -> Options {
        let json = global.output == Some(super::OutputFormat::Json);
        Options {
            progress: crate::output::decorations_enabled(global.quiet, global.no_color, json),
            ..self.options(deadline)
        }
    }
}

/// Flags of the verbs that read artifact content.
#[derive(Debug, Args)]
pub struct ReadFlags {
    /// age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts
    #[arg(long, value_name = "FILE")]
    pub age_identities: Option<PathBuf>,
    /// Refuse artifacts that decompress to more than this many bytes
    #[arg(long, default_value_t = crate::artifact::DEFAULT_MAX_SIZE, value_name = "BYTES")]
    pub max_size: u64,
}

impl ReadFlags {
    pub fn identities(&self) -> anyhow::Result<Vec<Identity>> {
        match &self.age_identities {
            None => Ok(Vec::new()),
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| super::file_error("--age-identities", path, &e))?;
                encryption::parse_identities(&text)
                    .map_err(|e| anyhow::anyhow!("--age-identities {}: {e}", path.display()))
            }
        }
    }
}

/// Pulls and decodes the artifacts at `urls` (one connection, same flags).
pub fn pull_all(
    urls: &[&str],
    read: &ReadFlags,
    options: &Options,
) -> anyhow::Result<Vec<(Target, Pulled)>> {
    let targets: Vec<Target> = urls
        .iter()
        .map(|u| Target::parse(u))
        .collect::<Result<_, _>>()?;
    let refs: Vec<&Target> = targets.iter().collect();
    let client = Registry::new(&refs, options)?;
    let identities = read.identities()?;
    let mut out = Vec::new();
    for target in targets {
        let pulled = block_on(client.pull(&target, read.max_size, &identities))?;
        out.push((target, pulled));
    }
    Ok(out)
}
