//! Deploying to a cluster (docs/deploy.md): staged server-side apply with an inventory,
//! drift-aware diff and plan, prune, kstatus wait and teardown.

pub mod api;
mod apply;
mod connect;
pub mod discovery;
mod drift;
mod examine;
mod failures;
mod inventory_store;
pub mod kstatus;
mod live;
mod prepare;
mod teardown;
pub mod unchanged;
mod wait;

pub use apply::{ApplyOptions, ApplyResult, PlanResult};
pub use drift::mask_secrets;
pub use examine::Examined;
pub use failures::{Failure, Failures};
pub use prepare::{Prepared, PreparedObject};
pub use teardown::TeardownOptions;

use crate::changeset::Change;
use api::{Api, ApiError, Problem};
use discovery::Discovery;
use std::path::PathBuf;
use std::time::Duration;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ClusterError {
    #[error("cannot connect to the cluster: {0}")]
    Connect(String),
    /// The server cannot be used at all (unreachable, not Kubernetes, no answer in time).
    #[error("{error} ({origin})")]
    Server { error: ApiError, origin: String },
    #[error("{id}: {verb} failed: {error}")]
    Api {
        id: String,
        verb: &'static str,
        error: Box<ApiError>,
    },
    #[error("{id}: the cluster has no kind {kind} in {api_version}")]
    UnknownKind {
        id: String,
        api_version: String,
        kind: String,
    },
    #[error("namespace {namespace} not found (needed by {needed_by})")]
    NamespaceMissing {
        namespace: String,
        needed_by: String,
    },
    #[error("namespace {namespace} is being deleted (Terminating), so {needed_by} cannot be applied in it")]
    NamespaceTerminating {
        namespace: String,
        needed_by: String,
    },
    #[error("{id}: field {field} is immutable and the change was refused")]
    Immutable { id: String, field: String },
    #[error("nothing to apply: the sources gave no objects, and applying none would prune everything inventory {inventory} lists")]
    NothingToApply { inventory: String },
    #[error("{0} appears twice in the objects to apply")]
    Duplicate(String),
    #[error("inventory ConfigMap/{namespace}/inv-{name} was changed by someone else while this run was using it")]
    InventoryConflict { namespace: String, name: String },
    #[error("inventory {name} not found in namespace {namespace}")]
    InventoryNotFound { namespace: String, name: String },
    #[error(transparent)]
    Inventory(#[from] crate::inventory::InventoryError),
    #[error("the cluster changed since the plan was made: {}", .0.join(", "))]
    PlanStale(Vec<String>),
    #[error("timed out after {after:?} waiting for: {}", .pending.join("; "))]
    Timeout {
        after: Duration,
        pending: Vec<String>,
    },
    #[error("{0}")]
    Failed(Failures),
}

impl ClusterError {
    fn api(id: impl ToString, verb: &'static str) -> impl FnOnce(ApiError) -> ClusterError {
        let id = id.to_string();
        move |error| ClusterError::Api {
            id,
            verb,
            error: Box::new(error),
        }
    }
}

impl crate::explain::Hint for ClusterError {
    fn hint(&self) -> Option<&'static str> {
        match self {
            ClusterError::Connect(_) => {
                Some("choose the cluster with --kubeconfig (or KUBECONFIG) and --context")
            }
            ClusterError::Server { error, .. } => match error {
                ApiError::NotKubernetes { .. } => {
                    Some("the kubeconfig's server address points at something else: check it")
                }
                ApiError::Transport {
                    problem: Problem::Certificate(_) | Problem::NotTls,
                    ..
                } => Some("check the cluster's certificate-authority data and server URL in the kubeconfig"),
                _ => Some(
                    "check that the API server is up, or choose another cluster with --kubeconfig / --context",
                ),
            },
            ClusterError::NamespaceTerminating { .. } => Some(
                "wait until the namespace is gone (its finalizers run), then apply again to recreate it",
            ),
            ClusterError::NamespaceMissing { .. } => {
                Some("create the namespace, add it to the objects, or pass --create-namespace")
            }
            ClusterError::Immutable { .. } => {
                Some("pass --force to delete and recreate objects whose immutable fields changed")
            }
            ClusterError::UnknownKind { .. } => {
                Some("install the CRD that defines the kind first, or include it in the objects")
            }
            ClusterError::InventoryConflict { .. } => {
                Some("another apply or teardown is running on this inventory; rerun when it has finished")
            }
            ClusterError::PlanStale(_) => Some("run kzr plan again and review the new plan"),
            ClusterError::NothingToApply { .. } => Some(
                "check the -k/-f/-a inputs; kzr teardown removes everything, or pass --allow-empty",
            ),
            ClusterError::Timeout { .. } => {
                Some("the objects were applied; raise --timeout or inspect them with kubectl describe")
            }
            _ => None,
        }
    }
}

/// How to reach the cluster: a kubeconfig (file, context) or the in-cluster service account.
#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    pub kubeconfig: Option<PathBuf>,
    /// A kubeconfig given as text (a deploy plan's `cluster_info.kube_config`).
    pub kubeconfig_text: Option<String>,
    pub context: Option<String>,
    /// The verb's time budget: every request and retry happens before it.
    pub deadline: crate::deadline::Deadline,
}

/// Things the library reports while it works; the CLI renders them.
pub trait Reporter: Send + Sync {
    /// An object's outcome, as soon as it is known.
    fn change(&self, change: &Change);
    /// A progress message (stderr).
    fn progress(&self, message: &str);
    /// Waiting: how many of `total` objects are ready.
    fn waiting(&self, ready: usize, total: usize);
}

/// A reporter that says nothing.
pub struct Silent;

impl Reporter for Silent {
    fn change(&self, _: &Change) {}
    fn progress(&self, _: &str) {}
    fn waiting(&self, _: usize, _: usize) {}
}

/// A connection to one cluster.
pub struct Session {
    api: Api,
    discovery: Discovery,
    /// The kubeconfig context's namespace, else `default`.
    pub context_namespace: String,
    pub field_manager: String,
    pub concurrency: usize,
}
