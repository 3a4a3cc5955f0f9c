//! Flags and plumbing shared by the cluster verbs (`plan`, `diff`, `apply`, `teardown`, `get`,
//! `inspect inventory`): connection, namespaces, sources, and the terminal reporter.

use super::registry_flags::{pull_all, ReadFlags, RegistryFlags, TimeoutFlag};
use super::sources::SourceArgs;
use super::{GlobalArgs, OutputFormat};
use crate::changeset::Change;
use crate::cluster::{ConnectOptions, Reporter, Session};
use crate::deadline::Deadline;
use crate::object::{read_objects, Object};
use clap::Args;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Mutex;

/// Which cluster, and the verb's time budget.
#[derive(Debug, Args)]
#[command(next_help_heading = "Cluster")]
pub struct ClusterFlags {
    /// Default namespace for namespaced objects that carry none, and the inventory's namespace
    /// unless --inventory-namespace is given (default: the context's namespace, else default)
    #[arg(short = 'n', long, value_name = "NAMESPACE")]
    pub namespace: Option<String>,
    /// Namespace of the inventory ConfigMap
    #[arg(long, value_name = "NAMESPACE")]
    pub inventory_namespace: Option<String>,
    /// kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
    /// kubeconfig context to use
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,
    #[command(flatten)]
    pub timeout: TimeoutFlag,
}

/// How the verbs that write (or predict writes) talk to the cluster (listed with the verb's
/// own options).
#[derive(Debug, Args)]
pub struct WriteFlags {
    /// Server-side apply field manager
    #[arg(long, default_value = WriteFlags::FIELD_MANAGER, value_name = "NAME")]
    pub field_manager: String,
    /// How many objects of the same kind rank are handled at once
    #[arg(long, default_value_t = WriteFlags::CONCURRENCY, value_name = "N")]
    pub concurrency: usize,
}

impl WriteFlags {
    const FIELD_MANAGER: &'static str = "kzr";
    const CONCURRENCY: usize = 8;
}

impl Default for WriteFlags {
    fn default() -> Self {
        WriteFlags {
            field_manager: WriteFlags::FIELD_MANAGER.into(),
            concurrency: WriteFlags::CONCURRENCY,
        }
    }
}

impl ClusterFlags {
    pub fn connect_options(&self, deadline: Deadline) -> ConnectOptions {
        ConnectOptions {
            kubeconfig: self.kubeconfig.clone(),
            kubeconfig_text: None,
            context: self.context.clone(),
            deadline,
        }
    }

    /// A session for reading (`get`, `inspect inventory`).
    pub async fn connect(&self) -> anyhow::Result<Session> {
        let write = WriteFlags::default();
        Ok(Session::connect(
            &self.connect_options(self.timeout.deadline()),
            &write.field_manager,
            write.concurrency,
        )
        .await?)
    }

    /// (default namespace, inventory namespace).
    pub fn namespaces(&self, session: &Session) -> (String, String) {
        namespaces(
            self.namespace.as_deref(),
            self.inventory_namespace.as_deref(),
            session,
        )
    }
}

/// (default namespace, inventory namespace): the given ones, else the context's namespace
/// for both.
pub fn namespaces(
    namespace: Option<&str>,
    inventory_namespace: Option<&str>,
    session: &Session,
) -> (String, String) {
    let ns = namespace.unwrap_or(&session.context_namespace).to_string();
    let inv = inventory_namespace.unwrap_or(&ns).to_string();
    (ns, inv)
}

/// Where the objects to deploy come from: `-k`/`-f` like `build`, then `-a` artifacts.
#[derive(Debug, Args)]
#[command(next_help_heading = "Sources")]
pub struct DeploySources {
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Artifact to deploy (oci://…, oci-layout:DIR[:TAG], oci-archive:FILE.tar[:TAG]);
    /// repeatable, objects are added after -k/-f
    #[arg(short = 'a', long = "artifact", value_name = "URL")]
    pub artifacts: Vec<String>,
    #[command(flatten)]
    pub read: ReadFlags,
    #[command(flatten)]
    pub registry: RegistryFlags,
}

/// The objects and where they came from (for the inventory's annotations).
pub struct Collected {
    pub objects: Vec<Value>,
    pub source: String,
    pub artifact: String,
    pub checksum: String,
}

impl DeploySources {
    pub fn collect(&self, quiet: bool, deadline: Deadline) -> anyhow::Result<Collected> {
        let local = self.sources.kustomize.is_some() || !self.sources.files.is_empty();
        if !local && self.artifacts.is_empty() {
            anyhow::bail!(
                "nothing to deploy: give -k DIR, -f PATH or -a oci://REF (or --deploy-plan FILE)"
            );
        }
        let mut objects: Vec<Object> = Vec::new();
        let mut source = Vec::new();
        if local || self.artifacts.is_empty() {
            objects = self.sources.build(None, quiet)?.objects;
            if let Some(k) = &self.sources.kustomize {
                source.push(k.display().to_string());
            }
            source.extend(self.sources.files.iter().map(|f| f.display().to_string()));
        }
        let mut digests = Vec::new();
        if self.artifacts.is_empty() && (self.read.verify || self.read.cosign_key.is_some()) {
            anyhow::bail!(
                "--verify and --cosign-key check signed artifacts: give one with -a oci://…"
            );
        }
        if !self.artifacts.is_empty() {
            let urls: Vec<&str> = self.artifacts.iter().map(String::as_str).collect();
            for (artifact, pulled) in pull_all(&urls, &self.read, &self.registry.options(deadline))?
            {
                objects.extend(
                    read_objects(&pulled.content, &artifact.to_string())
                        .map_err(crate::error::Error::from)?,
                );
                source.push(artifact.to_string());
                digests.push(artifact.digest_url(&pulled.digest));
            }
        }
        Collected::new(objects, source.join(","), digests.join(","))
    }
}

impl Collected {
    /// Refuses duplicates and computes the checksum of the objects' YAML.
    pub fn new(objects: Vec<Object>, source: String, artifact: String) -> anyhow::Result<Self> {
        crate::source::ensure_unique(&objects).map_err(crate::error::Error::from)?;
        let text = crate::output::objects_to_yaml(&objects).map_err(crate::error::Error::from)?;
        Ok(Collected {
            objects: objects.into_iter().map(Object::into_value).collect(),
            source,
            artifact,
            checksum: crate::artifact::sha256_hex(text.as_bytes()),
        })
    }
}

/// Runs a cluster operation on a small runtime; Ctrl-C stops it with exit status 130.
pub fn run_async<T>(
    fut: impl std::future::Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async {
        tokio::select! {
            r = fut => r,
            _ = tokio::signal::ctrl_c() => Err(anyhow::Error::new(Interrupted)),
        }
    })
}

#[derive(Debug, thiserror::Error)]
#[error(
    "interrupted; the inventory lists every object that may have been created, rerun to converge"
)]
pub struct Interrupted;

/// Prints changes as lines on stdout (text output) and progress on stderr, with a progress
/// bar while waiting on a terminal.
pub struct CliReporter {
    lines: bool,
    progress: bool,
    bar: Mutex<Option<indicatif::ProgressBar>>,
    decorate: bool,
}

impl CliReporter {
    pub fn new(global: &GlobalArgs) -> Self {
        let json = global.output == Some(OutputFormat::Json);
        CliReporter {
            lines: !super::structured(global),
            progress: !global.quiet,
            bar: Mutex::new(None),
            decorate: crate::output::decorations_enabled(global.quiet, global.no_color, json),
        }
    }

    fn finish_bar(&self) {
        if let Some(bar) = self.bar.lock().ok().and_then(|mut b| b.take()) {
            bar.finish_and_clear();
        }
    }
}

impl Drop for CliReporter {
    fn drop(&mut self) {
        self.finish_bar();
    }
}

impl Reporter for CliReporter {
    fn change(&self, change: &Change) {
        if self.lines {
            let mut line = format!("{} {}", change.id, change.action.past_tense());
            if let Some(note) = &change.note {
                line.push_str(&format!(" ({note})"));
            }
            println!("{line}");
        }
    }

    fn progress(&self, message: &str) {
        self.finish_bar();
        if self.progress {
            crate::output::progress(message);
        }
    }

    fn waiting(&self, ready: usize, total: usize) {
        if !self.decorate {
            return;
        }
        let Ok(mut bar) = self.bar.lock() else {
            return;
        };
        let bar = bar.get_or_insert_with(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {pos}/{len} ready [{bar:30}] {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
        bar.set_length(total as u64);
        bar.set_position(ready as u64);
    }
}
