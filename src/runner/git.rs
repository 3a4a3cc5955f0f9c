//! Fetching a build's `git_source` with the system `git`: a shallow clone of a branch or tag,
//! or init + fetch of one commit when the ref is a commit id. Git never prompts (no
//! terminal), and its messages are redacted: a URL may carry a token.

use super::plan::GitSource;
use super::{RunnerError, Secrets};
use std::path::Path;
use std::process::{Command, Stdio};

/// A full commit id (SHA-1 or SHA-256).
fn is_commit(r: &str) -> bool {
    (r.len() == 40 || r.len() == 64) && r.chars().all(|c| c.is_ascii_hexdigit())
}

fn git(dir: Option<&Path>, args: &[&str], secrets: &Secrets) -> Result<String, String> {
    let mut cmd = Command::new("git");
    if let Some(d) = dir {
        cmd.arg("-C").arg(d);
    }
    let out = cmd
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_ASKPASS", "true")
        .env("SSH_ASKPASS", "true")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e} (is git installed?)"))?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The last meaningful line says what went wrong ("fatal: …").
    let line = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .rfind(|l| l.starts_with("fatal:") || l.starts_with("error:"))
        .or_else(|| stderr.lines().map(str::trim).rfind(|l| !l.is_empty()))
        .unwrap_or("git failed")
        .to_string();
    Err(secrets.redact(&line))
}

/// Clones `source` into `dest` (an empty directory); returns the commit checked out.
pub fn fetch(source: &GitSource, dest: &Path, secrets: &Secrets) -> Result<String, RunnerError> {
    let shown = secrets.redact(&source.url);
    let reference = source.reference.trim();
    let fail = |what: &str, message: String| {
        RunnerError::Git(format!(
            "git_source: cannot {what} {shown}{}: {message}",
            if reference.is_empty() {
                String::new()
            } else {
                format!(" at {reference:?}")
            }
        ))
    };
    let dest_str = dest.to_string_lossy().into_owned();
    if is_commit(reference) {
        git(None, &["init", "-q", &dest_str], secrets).map_err(|m| fail("fetch", m))?;
        let shallow = git(
            Some(dest),
            &["fetch", "-q", "--depth", "1", "--", &source.url, reference],
            secrets,
        );
        if shallow.is_err() {
            // Servers that refuse unadvertised commits: fetch everything, then pick it.
            git(
                Some(dest),
                &[
                    "fetch",
                    "-q",
                    "--",
                    &source.url,
                    "+refs/heads/*:refs/remotes/origin/*",
                    "+refs/tags/*:refs/tags/*",
                ],
                secrets,
            )
            .map_err(|m| fail("fetch", m))?;
            git(
                Some(dest),
                &["checkout", "-q", "--detach", reference],
                secrets,
            )
            .map_err(|m| fail("check out", m))?;
        } else {
            git(
                Some(dest),
                &["checkout", "-q", "--detach", "FETCH_HEAD"],
                secrets,
            )
            .map_err(|m| fail("check out", m))?;
        }
    } else {
        let mut args = vec!["clone", "-q", "--depth", "1"];
        if !reference.is_empty() {
            args.extend(["--branch", reference]);
        }
        args.extend(["--", &source.url, &dest_str]);
        git(None, &args, secrets).map_err(|m| fail("clone", m))?;
    }
    if source.recurse_submodules {
        git(
            Some(dest),
            &[
                "submodule",
                "update",
                "-q",
                "--init",
                "--recursive",
                "--depth",
                "1",
            ],
            secrets,
        )
        .map_err(|m| fail("fetch the submodules of", m))?;
    }
    git(Some(dest), &["rev-parse", "HEAD"], secrets).map_err(|m| fail("read the commit of", m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commits() {
        assert!(is_commit(&"a".repeat(40)));
        assert!(!is_commit("main"));
        assert!(!is_commit("abc1234"));
    }
}
