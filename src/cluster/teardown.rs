//! Teardown (docs/deploy.md, "Teardown"): delete what the inventory lists in reverse apply order,
//! leave alone what is no longer ours, and delete the inventory last, only when everything is gone.

use super::prepare::order_key;
use super::wait::Goal;
use super::{ClusterError, Failures, Reporter, Session};
use crate::inventory::is_owned;
use crate::object::{apply_rank, ObjectId};
use crate::plan::{Action, Change};
use futures::stream::{self, StreamExt};

#[derive(Debug, Clone)]
pub struct TeardownOptions {
    pub inventory_name: String,
    pub inventory_namespace: String,
    pub wait: bool,
    /// Report what would be deleted without deleting anything.
    pub dry_run: bool,
}

enum Outcome {
    Deleted(Change, Option<super::api::ResourceRef>),
    Skipped(Change),
}

impl Session {
    pub async fn teardown(
        &self,
        opts: &TeardownOptions,
        reporter: &dyn Reporter,
    ) -> Result<Vec<Change>, ClusterError> {
        let mut inventory = self
            .read_inventory(&opts.inventory_name, &opts.inventory_namespace)
            .await?
            .ok_or_else(|| ClusterError::InventoryNotFound {
                namespace: opts.inventory_namespace.clone(),
                name: opts.inventory_name.clone(),
            })?;
        let mut entries = inventory.entries.clone();
        entries.sort_by(|a, b| order_key(b).cmp(&order_key(a)));
        reporter.progress(&format!("deleting {} object(s)", entries.len()));

        let mut groups: Vec<Vec<ObjectId>> = Vec::new();
        for id in entries {
            match groups.last_mut() {
                Some(g) if apply_rank(&g[0].kind) == apply_rank(&id.kind) => g.push(id),
                _ => groups.push(vec![id]),
            }
        }
        let mut changes = Vec::new();
        let mut failed: Vec<ObjectId> = Vec::new();
        let mut failures = Failures::new(inventory.entries.len());
        let mut errors = Vec::new();
        let mut deleted = Vec::new();
        for group in groups {
            let mut results = stream::iter(group.iter())
                .map(|id| self.teardown_one(id, opts))
                .buffered(self.concurrency);
            let mut i = 0;
            while let Some(r) = results.next().await {
                match r {
                    Ok(Outcome::Deleted(c, r)) => {
                        reporter.change(&c);
                        if let Some(r) = r {
                            deleted.push((group[i].clone(), r));
                        }
                        changes.push(c);
                    }
                    Ok(Outcome::Skipped(c)) => {
                        reporter.change(&c);
                        changes.push(c);
                    }
                    Err(e) => {
                        failures.push(&group[i], &e);
                        errors.push(e);
                        failed.push(group[i].clone());
                    }
                }
                i += 1;
            }
        }
        if opts.dry_run {
            return Ok(changes);
        }
        if !failed.is_empty() {
            inventory.entries.retain(|e| failed.contains(e));
            self.write_inventory(&mut inventory).await?;
            failures.into_result(errors)?;
        }
        if opts.wait && !deleted.is_empty() {
            reporter.progress("waiting for objects to be gone");
            self.wait_for(&deleted, Goal::Gone, reporter).await?;
        }
        self.delete_inventory(&inventory).await?;
        reporter.progress(&format!(
            "inventory {}/{} deleted",
            opts.inventory_namespace, opts.inventory_name
        ));
        Ok(changes)
    }

    async fn teardown_one(
        &self,
        id: &ObjectId,
        opts: &TeardownOptions,
    ) -> Result<Outcome, ClusterError> {
        let gone = || {
            let mut c = Change {
                id: id.to_string(),
                action: Action::Delete,
                changes: Vec::new(),
                note: Some("already gone".into()),
            };
            if opts.dry_run {
                c.action = Action::Unchanged;
            }
            Ok(Outcome::Deleted(c, None))
        };
        let Some(r) = self.resource_of(id).await? else {
            return gone();
        };
        let Some(live) = self
            .api
            .get(&r, &id.namespace, &id.name)
            .await
            .map_err(ClusterError::api(id, "get"))?
        else {
            return gone();
        };
        if !is_owned(&live, &opts.inventory_name, &opts.inventory_namespace) {
            return Ok(Outcome::Skipped(Change {
                id: id.to_string(),
                action: Action::Skip,
                changes: Vec::new(),
                note: Some("no longer carries this inventory's owner labels; left alone".into()),
            }));
        }
        let c = Change {
            id: id.to_string(),
            action: Action::Delete,
            changes: Vec::new(),
            note: None,
        };
        if opts.dry_run {
            return Ok(Outcome::Deleted(c, None));
        }
        self.api
            .delete(&r, &id.namespace, &id.name, None)
            .await
            .map_err(ClusterError::api(id, "delete"))?;
        Ok(Outcome::Deleted(c, Some(r)))
    }
}
