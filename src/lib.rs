//! kzr: build Kubernetes configuration (a native kustomize engine), ship it as OCI artifacts,
//! and deploy it with server-side apply. The `kzr` binary is a thin layer over this library.

pub mod artifact;
pub mod changeset;
pub mod cli;
pub mod cluster;
pub mod command;
pub mod config;
pub mod deadline;
pub mod error;
pub mod explain;
pub mod fetch;
pub mod gojson;
pub mod inventory;
pub mod kustomize;
pub mod net;
pub mod object;
pub mod output;
pub mod registry;
pub mod runner;
pub mod semver;
pub mod signature;
pub mod source;
pub mod tempdir;
pub mod yaml;

/// The number of threads worth running, queried once per process: the standard library
/// asks the kernel (and reads the cgroup quota files) on every call.
pub fn available_threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
