//! Registry credentials from Docker's configuration (`$DOCKER_CONFIG/config.json`, else
//! `~/.docker/config.json`): `auths` entries (`auth` or `username`/`password`),
//! `credHelpers` per registry and `credsStore`, run as `docker-credential-NAME get`.
//! Secrets are returned to the caller only; nothing here logs them.

use base64::Engine;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The user name Docker stores with an `identitytoken`: the secret is then an OAuth2
/// refresh token (see `auth::fetch_token`).
pub const IDENTITY_TOKEN_USER: &str = "<token>";

/// A user name and secret for a registry.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub secret: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Credentials {{ username: {:?}, secret: *** }}",
            self.username
        )
    }
}

fn config_path() -> Option<PathBuf> {
    match std::env::var_os("DOCKER_CONFIG") {
        Some(dir) => Some(PathBuf::from(dir).join("config.json")),
        None => dirs_home().map(|h| h.join(".docker").join("config.json")),
    }
}

fn dirs_home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

/// Keys Docker uses for a registry host (Docker Hub has its historical URL).
fn server_keys(registry: &str) -> Vec<String> {
    if matches!(
        registry,
        "docker.io" | "index.docker.io" | "registry-1.docker.io"
    ) {
        return vec![
            "https://index.docker.io/v1/".into(),
            "index.docker.io".into(),
            "docker.io".into(),
        ];
    }
    vec![
        registry.to_string(),
        format!("https://{registry}"),
        format!("http://{registry}"),
    ]
}

/// Credentials for `registry` from Docker's configuration, if any.
pub fn from_docker_config(registry: &str) -> Result<Option<Credentials>, String> {
    let Some(path) = config_path() else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let config: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let keys = server_keys(registry);
    if let Some(helper) = keys
        .iter()
        .find_map(|k| {
            config.pointer(&format!(
                "/credHelpers/{}",
                k.replace('~', "~0").replace('/', "~1")
            ))
        })
        .and_then(Value::as_str)
    {
        return run_helper(helper, &keys[0]);
    }
    let auths = config.get("auths").and_then(Value::as_object);
    if let Some(entry) = auths.and_then(|a| keys.iter().find_map(|k| a.get(k))) {
        if let Some(encoded) = entry
            .get("auth")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .map_err(|_| {
                    format!(
                        "{}: auths entry for {registry} is not valid base64",
                        path.display()
                    )
                })?;
            let text = String::from_utf8(decoded).map_err(|_| {
                format!(
                    "{}: auths entry for {registry} is not UTF-8",
                    path.display()
                )
            })?;
            let (username, secret) = text.split_once(':').ok_or_else(|| {
                format!(
                    "{}: auths entry for {registry} is not user:password",
                    path.display()
                )
            })?;
            return Ok(Some(Credentials {
                username: username.into(),
                secret: secret.into(),
            }));
        }
        let field = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_string);
        if let (Some(username), Some(secret)) = (field("username"), field("password")) {
            return Ok(Some(Credentials { username, secret }));
        }
        if let Some(token) = field("identitytoken") {
            // An identity token is a refresh token for the registry's OAuth2 endpoint;
            // registries without one accept it as the password of the "<token>" user.
            return Ok(Some(Credentials {
                username: IDENTITY_TOKEN_USER.into(),
                secret: token,
            }));
        }
    }
    match config.get("credsStore").and_then(Value::as_str) {
        Some(store) if !store.is_empty() => run_helper(store, &keys[0]),
        _ => Ok(None),
    }
}

/// `docker-credential-NAME get` with the server on stdin; "not found" is no credentials.
fn run_helper(name: &str, server: &str) -> Result<Option<Credentials>, String> {
    let program = format!("docker-credential-{name}");
    let mut child = Command::new(&program)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("credential helper {program}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(server.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("credential helper {program}: {e}"))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stdout).to_lowercase()
            + &String::from_utf8_lossy(&out.stderr).to_lowercase();
        if msg.contains("not found") {
            return Ok(None);
        }
        return Err(format!("credential helper {program} failed for {server}"));
    }
    let v: Value = serde_json::from_slice(&out.stdout)
        .map_err(|_| format!("credential helper {program} printed invalid JSON"))?;
    let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    Ok(Some(Credentials {
        username: field("Username"),
        secret: field("Secret"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_not_printed() {
        let c = Credentials {
            username: "u".into(),
            secret: "hunter2".into(),
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
