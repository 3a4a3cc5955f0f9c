//! `--deploy-plan FILE` of `plan`, `apply` and `teardown` (a runner's deploy job, see
//! docs/runner.md), and what every cluster verb resolves its flags to: the inventory, the
//! connection, the namespaces and the objects.

use super::cluster_flags::{ClusterFlags, Collected, DeploySources, WriteFlags};
use crate::cluster::{ConnectOptions, Session};
use crate::deadline::Deadline;
use crate::object::read_objects;
use crate::runner::{DeployPlan, Secrets};
use clap::Args;
use serde_json::Value;
use std::path::PathBuf;

#[derive(Debug, Default, Args)]
#[command(next_help_heading = "Deploy plan")]
pub struct DeployPlanFlags {
    /// Run a runner's deploy job: cluster, namespace, inventory name and objects come from
    /// this deploy plan (JSON, see docs/runner.md)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["kubeconfig", "context", "namespace"])]
    pub deploy_plan: Option<PathBuf>,
    /// With --deploy-plan: the install state (JSON) the namespace template reads, instead of
    /// the plan's `state`
    #[arg(long, value_name = "FILE", requires = "deploy_plan")]
    pub state: Option<PathBuf>,
}

/// What a cluster verb works on, from its flags or from a deploy plan.
pub struct Deployment {
    /// The inventory's name.
    pub name: String,
    connect: ConnectOptions,
    namespace: Option<String>,
    inventory_namespace: Option<String>,
    plan: Option<DeployPlan>,
    /// Strings that must not be printed (a deploy plan's tokens, passwords and secrets).
    pub secrets: Secrets,
    /// The verb's time budget (`--timeout`), counted from when the flags were resolved.
    pub deadline: Deadline,
}

impl Deployment {
    /// From the command line: `name` (required without a deploy plan, an override with one)
    /// and the cluster flags, or the deploy plan.
    pub fn resolve(
        name: Option<&str>,
        deploy: &DeployPlanFlags,
        cluster: &ClusterFlags,
    ) -> anyhow::Result<Deployment> {
        let deadline = cluster.timeout.deadline();
        let Some(file) = &deploy.deploy_plan else {
            return Ok(Deployment {
                name: name.unwrap_or_default().to_string(),
                connect: cluster.connect_options(deadline),
                namespace: cluster.namespace.clone(),
                inventory_namespace: cluster.inventory_namespace.clone(),
                plan: None,
                secrets: Secrets::default(),
                deadline,
            });
        };
        let plan = DeployPlan::load(file)?;
        let state = match &deploy.state {
            None => None,
            Some(path) => Some(read_state(path)?),
        };
        let secrets = plan.secrets(state.as_ref());
        let scrub = |e: crate::runner::PlanError| secrets.scrub(e.into());
        let namespace = plan.namespace(state.as_ref()).map_err(scrub)?;
        let name = match name {
            Some(n) => n.to_string(),
            None => plan.inventory_name().map_err(scrub)?,
        };
        Ok(Deployment {
            name,
            connect: ConnectOptions {
                deadline,
                ..plan.connect_options().map_err(scrub)?
            },
            inventory_namespace: cluster.inventory_namespace.clone(),
            namespace: Some(namespace),
            plan: Some(plan),
            secrets,
            deadline,
        })
    }

    pub async fn connect(&self, write: &WriteFlags) -> anyhow::Result<Session> {
        Ok(Session::connect(&self.connect, &write.field_manager, write.concurrency).await?)
    }

    /// (default namespace, inventory namespace): the flags' or plan's, else the context's.
    pub fn namespaces(&self, session: &Session) -> (String, String) {
        super::cluster_flags::namespaces(
            self.namespace.as_deref(),
            self.inventory_namespace.as_deref(),
            session,
        )
    }

    /// The objects to deploy: the deploy plan's content, else the sources on the command
    /// line. Pulls artifacts, so it runs before the cluster work's runtime starts.
    pub fn collect(&self, sources: &DeploySources, quiet: bool) -> anyhow::Result<Collected> {
        let Some(plan) = &self.plan else {
            return sources.collect(quiet, self.deadline);
        };
        let options = sources.registry.options(self.deadline);
        let verifier = sources.read.verifier(&options)?;
        let fetched = plan
            .fetch(
                &options,
                sources.read.max_size,
                &sources.read.identities()?,
                verifier.as_ref(),
                !quiet,
            )
            // The library's own error types, so that the CLI finds their hints.
            .map_err(crate::runner::RunnerError::into_anyhow)?;
        let objects =
            read_objects(&fetched.content, &fetched.source).map_err(crate::error::Error::from)?;
        Collected::new(objects, fetched.source, fetched.artifact)
    }

    /// The error with every known secret redacted.
    pub fn scrub(&self, e: anyhow::Error) -> anyhow::Error {
        self.secrets.scrub(e)
    }
}

fn read_state(path: &std::path::Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| super::file_error("--state", path, &e))?;
    // serde's message quotes no value for syntax errors, only the position.
    serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("state {}: not valid JSON: {e}", path.display()))
}
