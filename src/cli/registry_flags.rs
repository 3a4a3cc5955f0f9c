//! Flags shared by the verbs that talk to registries.

use crate::artifact::encryption::{self, Identity};
use crate::deadline::{parse_duration, Deadline};
use crate::registry::{block_on, ArtifactRef, Options, Pulled, Registry};
use crate::signature::{self, CosignCommand, PublicKey, Verified, Verifier};
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
#[command(next_help_heading = "Registry")]
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
#[command(next_help_heading = "Artifact content")]
pub struct ReadFlags {
    /// age identities file (AGE-SECRET-KEY-1… lines) to decrypt encrypted artifacts
    #[arg(long, value_name = "FILE")]
    pub age_identities: Option<PathBuf>,
    /// Refuse artifacts that decompress to more than this many bytes
    #[arg(long, default_value_t = crate::artifact::DEFAULT_MAX_SIZE, value_name = "BYTES")]
    pub max_size: u64,
    /// Verify the artifact's cosign signature before using it (keyless, through the cosign
    /// command, unless --cosign-key is given)
    #[arg(long)]
    pub verify: bool,
    /// cosign public key (PEM) to verify signatures with, natively; implies --verify
    #[arg(long, value_name = "PUB")]
    pub cosign_key: Option<PathBuf>,
}

impl ReadFlags {
    /// How to verify signatures, when asked to: the public key is read here, before anything
    /// is fetched, so that a bad key file fails first.
    pub fn verifier(&self, options: &Options) -> anyhow::Result<Option<Verifier>> {
        if let Some(path) = &self.cosign_key {
            return Ok(Some(Verifier::Key(PublicKey::load(path).map_err(|e| {
                anyhow::Error::new(signature::SignatureError::from(e))
            })?)));
        }
        Ok(self.verify.then_some({
            Verifier::Cosign(CosignCommand {
                insecure_registry: options.plain_http,
                deadline: options.deadline,
            })
        }))
    }

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
) -> anyhow::Result<Vec<(ArtifactRef, Pulled)>> {
    Ok(pull_all_verified(urls, read, options)?
        .into_iter()
        .map(|(artifact, pulled, _)| (artifact, pulled))
        .collect())
}

/// [`pull_all`], with what signature verification (`--verify`, `--cosign-key`) established.
/// Every artifact is verified before any is pulled, and a verified one is pulled by the
/// digest its signature vouches for.
pub fn pull_all_verified(
    urls: &[&str],
    read: &ReadFlags,
    options: &Options,
) -> anyhow::Result<Vec<(ArtifactRef, Pulled, Option<Verified>)>> {
    let artifacts: Vec<ArtifactRef> = urls
        .iter()
        .map(|u| ArtifactRef::parse(u))
        .collect::<Result<_, _>>()?;
    let verifier = read.verifier(options)?;
    let identities = read.identities()?;
    let refs: Vec<&ArtifactRef> = artifacts.iter().collect();
    let client = Registry::new(&refs, options)?;
    if let Some(Verifier::Cosign(cosign)) = &verifier {
        let first = artifacts
            .first()
            .map(ArtifactRef::to_string)
            .unwrap_or_default();
        for artifact in &artifacts {
            signature::keyless_supported(artifact, false)?;
        }
        cosign.check_installed(&first, false)?;
    }
    let mut verified = Vec::new();
    for artifact in &artifacts {
        verified.push(match &verifier {
            Some(v) => Some(block_on(signature::verify(&client, artifact, v))?),
            None => None,
        });
    }
    let mut out = Vec::new();
    for (artifact, verified) in artifacts.into_iter().zip(verified) {
        let pinned = match &verified {
            Some(v) => artifact.with_digest(&v.digest),
            None => artifact.clone(),
        };
        let pulled = block_on(client.pull(&pinned, read.max_size, &identities))?;
        out.push((artifact, pulled, verified));
    }
    Ok(out)
}
