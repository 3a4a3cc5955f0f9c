//! Waiting for objects to become ready (kstatus) or to be gone, by polling.

use super::api::ResourceRef;
use super::kstatus::{self, Status};
use super::{ClusterError, Reporter, Session};
use crate::object::ObjectId;
use futures::stream::{self, StreamExt};
use std::time::Duration;

/// Poll interval: quick at first, then steady.
fn interval(round: u32) -> Duration {
    Duration::from_millis(match round {
        0..=3 => 250,
        4..=10 => 1000,
        _ => 2000,
    })
}

pub(super) enum Goal {
    Ready,
    Gone,
}

impl Session {
    /// Polls until every object reaches the goal, or fails with what is pending and why.
    pub(super) async fn wait_for(
        &self,
        objects: &[(ObjectId, ResourceRef)],
        goal: Goal,
        reporter: &dyn Reporter,
    ) -> Result<(), ClusterError> {
        let deadline = self.api.deadline();
        let total = objects.len();
        let mut pending: Vec<&(ObjectId, ResourceRef)> = objects.iter().collect();
        let mut round = 0;
        // What was pending at the last complete round, for the report when time runs out.
        let mut reasons: Vec<String> = pending
            .iter()
            .map(|(id, _)| format!("{id} not checked yet"))
            .collect();
        let timed_out = |pending: Vec<String>| ClusterError::Timeout {
            after: deadline.limit(),
            pending,
        };
        loop {
            let checks: Vec<Result<Option<String>, ClusterError>> = stream::iter(pending.iter())
                .map(|(id, r)| self.check(id, r, &goal))
                .buffered(self.concurrency)
                .collect()
                .await;
            if deadline.expired() && checks.iter().any(Result::is_err) {
                return Err(timed_out(reasons));
            }
            let mut still = Vec::new();
            reasons = Vec::new();
            let mut all_failed = true;
            for (item, check) in pending.iter().zip(checks) {
                if let Some(reason) = check? {
                    all_failed &= reason.starts_with("status: Failed");
                    reasons.push(format!("{} {reason}", item.0));
                    still.push(*item);
                }
            }
            reporter.waiting(total - still.len(), total);
            if still.is_empty() {
                return Ok(());
            }
            if all_failed || deadline.expired() {
                return Err(timed_out(reasons));
            }
            pending = still;
            let nap = interval(round).min(deadline.remaining());
            tokio::time::sleep(nap).await;
            round += 1;
        }
    }

    /// `None` when the object reached the goal, else its status and why.
    async fn check(
        &self,
        id: &ObjectId,
        r: &ResourceRef,
        goal: &Goal,
    ) -> Result<Option<String>, ClusterError> {
        let live = self
            .api
            .get(r, &id.namespace, &id.name)
            .await
            .map_err(ClusterError::api(id, "get"))?;
        Ok(match (goal, live) {
            (Goal::Gone, None) => None,
            (Goal::Gone, Some(obj)) => Some(still_there(&obj)),
            (Goal::Ready, None) => Some(format!("status: {:?}", Status::NotFound)),
            (Goal::Ready, Some(obj)) => match kstatus::compute(&obj) {
                (Status::Current, _) => None,
                (status, why) => Some(format!("status: {status:?}: {why}")),
            },
        })
    }
}

/// Why an object that should be gone is still there: stuck Terminating on its finalizers,
/// or not deleted yet.
fn still_there(obj: &serde_json::Value) -> String {
    let meta = &obj["metadata"];
    if meta.get("deletionTimestamp").is_none() {
        return "status: still exists".into();
    }
    let finalizers: Vec<&str> = meta["finalizers"]
        .as_array()
        .map(|f| f.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    if finalizers.is_empty() {
        "status: Terminating".into()
    } else {
        format!(
            "status: Terminating, waiting for finalizers {}",
            finalizers.join(", ")
        )
    }
}
