//! The runner contract (docs/runner.md): the jobs a deployment runner shells out to kzr for.
//!
//! - Build job, `kzr push artifact --build-plan FILE`: the platform's `BuildPlan` with a
//!   `kubernetes_manifest_build_plan` (inline manifest, kustomize directory from a source
//!   tree or a git clone, or a pre-built OCI artifact) is built and pushed to `dst_registry`
//!   as `dst_tag` ([`build`]).
//! - Sync job, `kzr copy artifact --sync-plan FILE`: the platform's `SyncOCIPlan` copies
//!   `src_registry:src_tag` to `dst_registry:dst_tag`, digest-preserving ([`sync`]).
//! - Deploy jobs, `kzr plan|apply|teardown --deploy-plan FILE`: the platform's `DeployPlan`
//!   gives the cluster, the namespace and the content; the cluster work is docs/deploy.md's
//!   ([`deploy`]).
//!
//! Plans are read by [`plan`], which accepts the platform's Go JSON (PascalCase registry
//! structs, `null`s, unknown keys, case-insensitive keys) as well as the snake_case keys of
//! the design documents. Credentials (registry passwords, tokens in git URLs) never appear in
//! errors or logs: messages are built from plan keys, not values, URLs are redacted with
//! [`redact`], and the CLI passes every error through [`Secrets::scrub`] as a last guard.

pub mod build;
pub mod deploy;
mod git;
mod keys;
pub mod patches;
pub mod plan;
pub mod sync;

pub use build::{run_build, BuildJob, BuildOutcome};
pub use deploy::{DeployContent, DeployPlan, Fetched};
pub use plan::{BuildPlan, GitSource, OciAuth, PlanError, RegistryRepository, SyncPlan};
pub use sync::{run_sync, SyncOutcome};

use crate::registry::RegistryError;
pub use crate::tempdir::TempDir;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum RunnerError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// A problem with the source tree (paths, files), already naming what failed.
    #[error("{0}")]
    Source(String),
    #[error("{0}")]
    Git(String),
    #[error(transparent)]
    Kzr(#[from] crate::error::Error),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Signature(#[from] crate::signature::SignatureError),
}

impl RunnerError {
    /// The error, naming the plan file when it is about the plan's sources (build and
    /// registry errors name their own files and references).
    pub fn in_plan(self, kind: &str, file: &str) -> RunnerError {
        match self {
            RunnerError::Source(m) | RunnerError::Git(m) => {
                RunnerError::Source(format!("{kind} {file}: {m}"))
            }
            other => other,
        }
    }

    /// As an `anyhow` error whose inner type is the library's own error when there is one,
    /// so the CLI finds the same hints as for the other verbs.
    pub fn into_anyhow(self) -> anyhow::Error {
        match self {
            RunnerError::Kzr(e) => e.into(),
            RunnerError::Registry(e) => e.into(),
            RunnerError::Signature(e) => e.into(),
            other => other.into(),
        }
    }
}

/// Strings that must never be printed: registry passwords and tokens from a plan, and the
/// user info of URLs with credentials.
#[derive(Default)]
pub struct Secrets(Vec<String>);

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} hidden)", self.0.len())
    }
}

impl Secrets {
    pub fn add(&mut self, secret: &str) {
        // Very short strings would redact ordinary words; they are no real secret either.
        if secret.len() >= 4 && !self.0.iter().any(|s| s == secret) {
            self.0.push(secret.to_string());
            let decoded = percent_decode(secret);
            if decoded != secret && decoded.len() >= 4 {
                self.0.push(decoded);
            }
        }
    }

    /// Adds the user info of `url` (`user:password@`), if any.
    pub fn add_url(&mut self, url: &str) {
        if let Some((user, password)) = url_userinfo(url) {
            match password {
                Some(p) => self.add(p),
                // A user part alone is usually a token.
                None => self.add(user),
            }
        }
    }

    /// `text` with URL credentials and every known secret replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        let mut out = redact(text);
        for s in &self.0 {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), "***");
            }
        }
        out
    }

    /// The error unchanged when its message carries no secret (keeping its type, for hints),
    /// else a plain error with the redacted message.
    pub fn scrub(&self, e: anyhow::Error) -> anyhow::Error {
        let text = format!("{e:#}");
        let clean = self.redact(&text);
        if clean == text {
            e
        } else {
            anyhow::anyhow!(clean)
        }
    }
}

/// The user and password of a `scheme://user[:password]@host…` URL.
fn url_userinfo(url: &str) -> Option<(&str, Option<&str>)> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (info, _) = authority.rsplit_once('@')?;
    Some(match info.split_once(':') {
        Some((u, p)) => (u, Some(p)),
        None => (info, None),
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` with the user info of every `scheme://user:password@host` URL replaced by `***`.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (before, after) = rest.split_at(i + 3);
        out.push_str(before);
        // The authority ends at the first character a URL authority cannot contain.
        let end = after
            .find(|c: char| c.is_whitespace() || "/?#\"'()<>".contains(c))
            .unwrap_or(after.len());
        let authority = &after[..end];
        match authority.rfind('@') {
            Some(at) => {
                out.push_str("***");
                out.push_str(&authority[at..]);
            }
            None => out.push_str(authority),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// `path` (relative, from a plan) resolved under `root`, refusing absolute paths and paths
/// that leave `root` (after resolving symlinks). `key` names the plan key for messages.
pub fn resolve_under(root: &Path, path: &str, key: &str) -> Result<PathBuf, RunnerError> {
    let rel = Path::new(path);
    if rel.is_absolute() {
        return Err(RunnerError::Source(format!(
            "{key}: {path:?} must be relative to the source root"
        )));
    }
    let joined = root.join(rel);
    let resolved = joined.canonicalize().map_err(|e| {
        RunnerError::Source(format!(
            "{key}: {path:?} not found under the source root {}: {e}",
            root.display()
        ))
    })?;
    let root = root
        .canonicalize()
        .map_err(|e| RunnerError::Source(format!("source root {}: {e}", root.display())))?;
    if !resolved.starts_with(&root) {
        return Err(RunnerError::Source(format!(
            "{key}: {path:?} is outside the source root {}",
            root.display()
        )));
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_redacted() {
        assert_eq!(
            redact("fatal: https://x-access-token:ghs_abc@github.com/o/r.git not found"),
            "fatal: https://***@github.com/o/r.git not found"
        );
        assert_eq!(redact("oci://user:pw@host/x:v1"), "oci://***@host/x:v1");
        assert_eq!(redact("https://github.com/o/r"), "https://github.com/o/r");
        assert_eq!(redact("no url here"), "no url here");
        let mut s = Secrets::default();
        s.add_url("https://owner:t%2Bk3n@github.com/o/r.git");
        s.add("hunter2-password");
        assert_eq!(s.redact("t+k3n and hunter2-password"), "*** and ***");
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn paths_stay_under_the_root() {
        let dir = TempDir::new("kzr-test").unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        assert!(resolve_under(dir.path(), "a", "k").is_ok());
        assert!(resolve_under(dir.path(), "..", "k").is_err());
        assert!(resolve_under(dir.path(), "/etc", "k").is_err());
        assert!(resolve_under(dir.path(), "missing", "k").is_err());
        let p = dir.path().to_path_buf();
        drop(dir);
        assert!(!p.exists());
    }
}
