//! The integration tests, in one binary (one link of the shared helpers in `common/`, the
//! test API server among them). Each module holds the tests of one area; `cargo test
//! cluster::` runs one of them.

mod common;

mod apiserver_kubectl;
mod artifacts;
mod build_cli;
mod cluster;
mod config_cli;
mod deploy_jobs;
mod fast_path;
mod generated_docs;
mod kustomize_helm;
mod kustomize_oracle;
mod layouts;
mod messages;
mod outage;
mod runner_jobs;
mod safety;
mod signing;
mod yaml_oracle;
