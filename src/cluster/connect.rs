//! Connecting: which kubeconfig and context (or the in-cluster service account) a verb uses,
//! the errors a user meets there in words (a context that does not exist lists those that do,
//! a missing credential plugin is named), and the first contact with the API server.

use super::api::Api;
use super::discovery::Discovery;
use super::{ClusterError, ConnectOptions, Session};
use kube::config::{KubeConfigOptions, Kubeconfig};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A server that does not answer a request within this time is treated as gone.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Where the connection settings came from, as messages name it.
fn origin(context: &str, file: &str) -> String {
    format!("context {context} in {file}")
}

impl Session {
    pub async fn connect(
        options: &ConnectOptions,
        field_manager: &str,
        concurrency: usize,
    ) -> Result<Session, ClusterError> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let (mut config, origin) = load(options).await?;
        config.read_timeout = Some(REQUEST_TIMEOUT);
        config.reset_reader_on_write = true;
        let context_namespace = config.default_namespace.clone();
        let server = config
            .cluster_url
            .to_string()
            .trim_end_matches('/')
            .to_string();
        let client = kube::Client::try_from(config)
            .map_err(|e| ClusterError::Connect(format!("{origin}: {}", words(&e))))?;
        let api = Api::new(client, server, options.deadline);
        api.check_kubernetes()
            .await
            .map_err(|error| ClusterError::Server { error, origin })?;
        Ok(Session {
            api,
            discovery: Discovery::default(),
            context_namespace,
            field_manager: field_manager.to_string(),
            concurrency: concurrency.max(1),
        })
    }
}

/// The client configuration and where it came from.
async fn load(options: &ConnectOptions) -> Result<(kube::Config, String), ClusterError> {
    let fail = |what: String| ClusterError::Connect(what);
    let (kubeconfig, file) = if let Some(text) = &options.kubeconfig_text {
        let kc = Kubeconfig::from_yaml(text)
            .map_err(|e| fail(format!("the deploy plan's kube_config: {}", words(&e))))?;
        (kc, "the deploy plan's kube_config".to_string())
    } else if let Some(path) = &options.kubeconfig {
        (read(path)?, path.display().to_string())
    } else if let Some(paths) = std::env::var_os("KUBECONFIG").filter(|v| !v.is_empty()) {
        let shown = format!("KUBECONFIG ({})", paths.to_string_lossy());
        let kc = Kubeconfig::read().map_err(|e| fail(format!("{shown}: {}", words(&e))))?;
        (kc, shown)
    } else {
        match dirs_home().map(|h| h.join(".kube").join("config")) {
            Some(path) if path.exists() => (read(&path)?, path.display().to_string()),
            _ if options.context.is_none() => {
                let config = kube::Config::incluster().map_err(|e| {
                    fail(format!(
                        "no kubeconfig (--kubeconfig, KUBECONFIG, ~/.kube/config) and not in a cluster: {}",
                        words(&e)
                    ))
                })?;
                return Ok((config, "the in-cluster service account".to_string()));
            }
            _ => {
                return Err(fail(
                    "--context needs a kubeconfig (--kubeconfig, KUBECONFIG or ~/.kube/config)"
                        .into(),
                ))
            }
        }
    };
    let context = match options
        .context
        .clone()
        .or(kubeconfig.current_context.clone())
    {
        Some(c) => c,
        None => {
            return Err(fail(format!(
                "{file} names no current context: pass --context"
            )))
        }
    };
    let Some(named) = kubeconfig.contexts.iter().find(|c| c.name == context) else {
        let known: Vec<&str> = kubeconfig
            .contexts
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        return Err(fail(format!(
            "context {context} not found in {file} (it has: {})",
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        )));
    };
    let origin = origin(&context, &file);
    if let Some(command) = exec_command(&kubeconfig, named) {
        if !crate::command::on_path(&command) {
            return Err(fail(format!(
                "{origin}: the credential plugin {command} is not installed (not found on PATH)"
            )));
        }
    }
    let kube_options = KubeConfigOptions {
        context: Some(context.clone()),
        ..Default::default()
    };
    let config = kube::Config::from_custom_kubeconfig(kubeconfig, &kube_options)
        .await
        .map_err(|e| fail(format!("{origin}: {}", words(&e))))?;
    Ok((config, origin))
}

fn read(path: &Path) -> Result<Kubeconfig, ClusterError> {
    Kubeconfig::read_from(path).map_err(|e| {
        ClusterError::Connect(format!("--kubeconfig {}: {}", path.display(), words(&e)))
    })
}

/// The credential plugin command of the context's user, if it has one.
fn exec_command(kubeconfig: &Kubeconfig, context: &kube::config::NamedContext) -> Option<String> {
    let user = context.context.as_ref()?.user.as_ref()?;
    let auth = kubeconfig.auth_infos.iter().find(|a| &a.name == user)?;
    auth.auth_info.as_ref()?.exec.as_ref()?.command.clone()
}

fn dirs_home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

/// A kube configuration error and its causes in one line, without OS error codes.
fn words(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    match text.find(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
