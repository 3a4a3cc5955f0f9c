//! The staged apply (docs/deploy.md, "Staged apply"), and the plan (the same computation
//! without writes; docs/deploy.md, "Plans").

use super::examine::{Examined, Purpose};
use super::live::LiveState;
use super::prepare::order_key;
use super::wait::Goal;
use super::{ClusterError, Failures, Prepared, PreparedObject, Reporter, Session};
use crate::changeset::{Action, Change, Observed};
use crate::inventory::{is_owned, prune_disabled, same_object, Inventory, Provenance};
use crate::object::{apply_rank, ObjectId};
use futures::stream::{self, StreamExt};
use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct ApplyOptions {
    pub inventory_name: String,
    pub inventory_namespace: String,
    /// The default namespace objects were given (created by `create_namespace` when missing).
    pub namespace: String,
    pub prune: bool,
    pub wait: bool,
    pub force: bool,
    pub create_namespace: bool,
    /// Apply even when there are no objects (which prunes everything the inventory lists).
    pub allow_empty: bool,
    pub provenance: Provenance,
}

/// What an apply did.
#[derive(Debug)]
pub struct ApplyResult {
    pub changes: Vec<Change>,
    pub inventory: Inventory,
}

/// What a plan found.
#[derive(Debug)]
pub struct PlanResult {
    pub changes: Vec<Change>,
    /// Per target, in the same order as `Prepared::targets`.
    pub examined: Vec<Examined>,
    pub previous: Option<Inventory>,
    pub observed: Vec<Observed>,
}

/// Stage one: kinds other objects depend on, applied and waited for first.
fn is_stage_one(id: &ObjectId) -> bool {
    matches!(
        (id.group.as_str(), id.kind.as_str()),
        ("apiextensions.k8s.io", "CustomResourceDefinition")
            | ("", "Namespace")
            | ("rbac.authorization.k8s.io", "ClusterRole")
    )
}

fn change(id: &ObjectId, action: Action) -> Change {
    Change {
        id: id.to_string(),
        action,
        changes: Vec::new(),
        note: None,
    }
}

/// Consecutive runs of targets with the same kind rank.
fn by_rank<'a>(targets: &[&'a PreparedObject]) -> Vec<Vec<&'a PreparedObject>> {
    let mut groups: Vec<Vec<&PreparedObject>> = Vec::new();
    for t in targets {
        match groups.last_mut() {
            Some(g) if apply_rank(&g[0].id.kind) == apply_rank(&t.id.kind) => g.push(t),
            _ => groups.push(vec![t]),
        }
    }
    groups
}

impl Session {
    /// Namespaces the objects and the inventory need that neither exist nor are created by
    /// this apply: created with `--create-namespace` (default and inventory namespace only),
    /// otherwise an error naming the first.
    async fn ensure_namespaces(
        &self,
        prepared: &Prepared,
        opts: &ApplyOptions,
        dry_run: bool,
    ) -> Result<Vec<String>, ClusterError> {
        let in_set: Vec<&str> = prepared
            .targets
            .iter()
            .filter(|t| t.id.group.is_empty() && t.id.kind == "Namespace")
            .map(|t| t.id.name.as_str())
            .collect();
        let mut needed: Vec<(String, String)> = vec![(
            opts.inventory_namespace.clone(),
            format!("the inventory {}", opts.inventory_name),
        )];
        for t in &prepared.targets {
            if !t.id.namespace.is_empty() && !needed.iter().any(|(n, _)| *n == t.id.namespace) {
                needed.push((t.id.namespace.clone(), t.id.to_string()));
            }
        }
        let mut to_create: Vec<String> = in_set.iter().map(|s| s.to_string()).collect();
        for (ns, needed_by) in needed {
            if self.namespace_exists(&ns, &needed_by).await? || in_set.contains(&ns.as_str()) {
                continue;
            }
            let creatable = ns == opts.namespace || ns == opts.inventory_namespace;
            if !(opts.create_namespace && creatable) {
                return Err(ClusterError::NamespaceMissing {
                    namespace: ns,
                    needed_by,
                });
            }
            if !dry_run {
                self.create_namespace(&ns).await?;
            }
            to_create.push(ns);
        }
        Ok(to_create)
    }

    /// Computes the change set without writing anything.
    pub async fn plan(
        &self,
        prepared: &Prepared,
        opts: &ApplyOptions,
    ) -> Result<PlanResult, ClusterError> {
        let previous = self
            .read_inventory(&opts.inventory_name, &opts.inventory_namespace)
            .await?;
        let to_create = self.ensure_namespaces(prepared, opts, true).await?;
        let all: Vec<&PreparedObject> = prepared.targets.iter().collect();
        let live = self.list_live(&all).await?;
        let examined: Vec<Examined> = stream::iter(prepared.targets.iter())
            .map(|t| self.examine(t, &to_create, live.state(t), Purpose::Plan))
            .buffered(self.concurrency)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .collect::<Result<_, _>>()?;
        let mut changes = Vec::new();
        let mut observed = Vec::new();
        for (t, ex) in prepared.targets.iter().zip(&examined) {
            observed.push(Observed {
                id: t.id.to_string(),
                resource_version: resource_version(ex.live.as_ref()),
            });
            let mut c = change(&t.id, ex.action);
            c.changes = ex.changes();
            if let Some(field) = &ex.immutable_field {
                c.note = Some(format!(
                    "{field} is immutable: the object is deleted and created again"
                ));
            }
            changes.push(c);
        }
        if let Some(prev) = &previous {
            for id in stale_in_delete_order(prev, &prepared.ids()) {
                let live = self.live(&id).await?;
                if let Some(live) = &live {
                    let (action, note) = prune_decision(live, opts);
                    let mut c = change(&id, action);
                    c.note = note;
                    changes.push(c);
                }
                observed.push(Observed {
                    id: id.to_string(),
                    resource_version: resource_version(live.as_ref()),
                });
            }
        }
        Ok(PlanResult {
            changes,
            examined,
            previous,
            observed,
        })
    }

    /// The live object of an inventory entry (`None` when gone or its kind is no longer served).
    async fn live(&self, id: &ObjectId) -> Result<Option<Value>, ClusterError> {
        let Some(r) = self.resource_of(id).await? else {
            return Ok(None);
        };
        self.api
            .get(&r, &id.namespace, &id.name)
            .await
            .map_err(ClusterError::api(id, "get"))
    }

    /// Refuses to go on when anything a plan observed has changed since.
    pub async fn check_observed(
        &self,
        opts: &ApplyOptions,
        inventory_version: &Option<String>,
        observed: &[Observed],
        prepared: &Prepared,
    ) -> Result<(), ClusterError> {
        let mut changed = Vec::new();
        let inventory = self
            .read_inventory(&opts.inventory_name, &opts.inventory_namespace)
            .await?;
        if resource_version_of_inventory(inventory.as_ref()) != *inventory_version {
            changed.push(format!(
                "inventory ConfigMap/{}/inv-{}",
                opts.inventory_namespace, opts.inventory_name
            ));
        }
        let mut ids: HashMap<String, ObjectId> = prepared
            .targets
            .iter()
            .map(|t| (t.id.to_string(), t.id.clone()))
            .collect();
        if let Some(inv) = &inventory {
            ids.extend(inv.entries.iter().map(|e| (e.to_string(), e.clone())));
        }
        let targets: HashMap<String, &PreparedObject> = prepared
            .targets
            .iter()
            .map(|t| (t.id.to_string(), t))
            .collect();
        let all: Vec<&PreparedObject> = targets.values().copied().collect();
        let listed = self.list_live(&all).await?;
        for o in observed {
            let known = targets.get(&o.id).map(|t| listed.state(t));
            let now = match (known, ids.get(&o.id)) {
                (Some(LiveState::Known(live)), _) => resource_version(live.as_ref()),
                (_, Some(id)) => resource_version(self.live(id).await?.as_ref()),
                (_, None) => None,
            };
            if now != o.resource_version {
                changed.push(o.id.clone());
            }
        }
        if changed.is_empty() {
            Ok(())
        } else {
            Err(ClusterError::PlanStale(changed))
        }
    }

    /// Applies the prepared objects: inventory first, then stage one (CRDs, Namespaces,
    /// ClusterRoles) and its wait, then the rest by kind rank, then prune, inventory and wait.
    pub async fn apply(
        &self,
        mut prepared: Prepared,
        opts: &ApplyOptions,
        reporter: &dyn Reporter,
    ) -> Result<ApplyResult, ClusterError> {
        if prepared.targets.is_empty() && !opts.allow_empty {
            return Err(ClusterError::NothingToApply {
                inventory: opts.inventory_name.clone(),
            });
        }
        let previous = self
            .read_inventory(&opts.inventory_name, &opts.inventory_namespace)
            .await?;
        self.ensure_namespaces(&prepared, opts, false).await?;
        let new_ids = prepared.ids();
        let stale = previous
            .as_ref()
            .map(|p| stale_in_delete_order(p, &new_ids))
            .unwrap_or_default();
        let mut inventory = Inventory {
            resource_version: previous.as_ref().and_then(|p| p.resource_version.clone()),
            ..Inventory::new(&opts.inventory_name, &opts.inventory_namespace)
        };
        inventory.provenance = Provenance {
            last_applied_time: crate::artifact::rfc3339_utc(now_secs()),
            ..opts.provenance.clone()
        };
        let mut changes = Vec::new();

        // The inventory's own namespace may be one of the objects: it goes first.
        let inv_ns_index = prepared.targets.iter().position(|t| {
            t.id.group.is_empty()
                && t.id.kind == "Namespace"
                && t.id.name == opts.inventory_namespace
        });
        if let Some(i) = inv_ns_index {
            let needed_by = format!("the inventory {}", opts.inventory_name);
            if !self
                .namespace_exists(&opts.inventory_namespace, &needed_by)
                .await?
            {
                let c = self
                    .apply_target(&prepared.targets[i], LiveState::Unknown, opts)
                    .await?;
                reporter.change(&c);
                changes.push(c);
            }
        }
        // Track everything that may exist before creating anything else.
        inventory.entries = union_in_order(&new_ids, &stale);
        reporter.progress(&format!(
            "recording inventory {}/{} ({} entries)",
            opts.inventory_namespace,
            opts.inventory_name,
            inventory.entries.len()
        ));
        self.write_inventory(&mut inventory).await?;

        let already: Vec<String> = changes.iter().map(|c| c.id.clone()).collect();
        let (first, rest): (Vec<&PreparedObject>, Vec<&PreparedObject>) = prepared
            .targets
            .iter()
            .filter(|t| !already.contains(&t.id.to_string()))
            .partition(|t| is_stage_one(&t.id));
        if !first.is_empty() {
            reporter.progress(&format!("applying {} cluster definition(s)", first.len()));
            changes.extend(self.apply_group(&first, opts, reporter).await?);
            let ids: Vec<_> = first
                .iter()
                .filter_map(|t| Some((t.id.clone(), t.resource.clone()?)))
                .collect();
            self.wait_for(&ids, Goal::Ready, reporter).await?;
        }
        let deferred = rest.iter().any(|t| t.resource.is_none());
        let rest: Vec<PreparedObject> = rest.into_iter().cloned().collect();
        let mut rest = rest;
        if deferred {
            self.resolve_deferred(&mut rest).await?;
        }
        reporter.progress(&format!("applying {} object(s)", rest.len()));
        let rest_refs: Vec<&PreparedObject> = rest.iter().collect();
        for group in by_rank(&rest_refs) {
            changes.extend(self.apply_group(&group, opts, reporter).await?);
        }
        // From here on the targets carry resolved resources.
        for t in prepared.targets.iter_mut() {
            if let Some(r) = rest.iter().find(|r| r.id == t.id) {
                t.resource = r.resource.clone();
            }
        }

        let mut kept = Vec::new();
        let mut deleted = Vec::new();
        let mut failures = Failures::new(stale.len());
        let mut errors = Vec::new();
        if opts.prune && !stale.is_empty() {
            reporter.progress(&format!("pruning {} stale object(s)", stale.len()));
            for id in &stale {
                match self.prune_one(id, opts).await {
                    Ok((c, r)) => {
                        reporter.change(&c);
                        if let (Action::Delete, Some(r)) = (c.action, r) {
                            deleted.push((id.clone(), r));
                        }
                        changes.push(c);
                    }
                    Err(e) => {
                        failures.push(id, &e);
                        errors.push(e);
                        kept.push(id.clone());
                    }
                }
            }
        }
        let final_entries = union_in_order(&new_ids, &kept);
        if final_entries != inventory.entries {
            inventory.entries = final_entries;
            self.write_inventory(&mut inventory).await?;
        }
        failures.into_result(errors)?;

        if opts.wait {
            reporter.progress("waiting for objects to become ready");
            let ids: Vec<_> = prepared
                .targets
                .iter()
                .filter_map(|t| Some((t.id.clone(), t.resource.clone()?)))
                .collect();
            self.wait_for(&ids, Goal::Ready, reporter).await?;
            if !deleted.is_empty() {
                self.wait_for(&deleted, Goal::Gone, reporter).await?;
            }
        }
        Ok(ApplyResult { changes, inventory })
    }

    /// Applies a group of same-rank objects concurrently; all are attempted, then any errors
    /// are returned together.
    async fn apply_group(
        &self,
        group: &[&PreparedObject],
        opts: &ApplyOptions,
        reporter: &dyn Reporter,
    ) -> Result<Vec<Change>, ClusterError> {
        let live = self.list_live(group).await?;
        let mut results = stream::iter(group.iter())
            .map(|t| self.apply_target(t, live.state(t), opts))
            .buffered(self.concurrency);
        let mut changes = Vec::new();
        let mut failures = Failures::new(group.len());
        let mut errors = Vec::new();
        for t in group {
            let Some(r) = results.next().await else { break };
            match r {
                Ok(c) => {
                    reporter.change(&c);
                    changes.push(c);
                }
                Err(e) => {
                    failures.push(&t.id, &e);
                    errors.push(e);
                }
            }
        }
        failures.into_result(errors).map(|()| changes)
    }

    /// Dry-run, drift check, takeover, and the real apply only when something changes.
    async fn apply_target(
        &self,
        t: &PreparedObject,
        known: LiveState,
        opts: &ApplyOptions,
    ) -> Result<Change, ClusterError> {
        let ex = self.examine(t, &[], known, Purpose::Apply).await?;
        let Some(r) = &t.resource else {
            return Err(ClusterError::UnknownKind {
                id: t.id.to_string(),
                api_version: t.id.api_version(),
                kind: t.id.kind.clone(),
            });
        };
        let (ns, name) = (&t.id.namespace, &t.id.name);
        let mut c = change(&t.id, ex.action);
        c.changes = ex.changes();
        match ex.action {
            Action::Unchanged => return Ok(c),
            Action::Recreate => {
                let field = ex.immutable_field.clone().unwrap_or_default();
                if !opts.force {
                    return Err(ClusterError::Immutable {
                        id: t.id.to_string(),
                        field,
                    });
                }
                self.api
                    .delete(r, ns, name, None)
                    .await
                    .map_err(ClusterError::api(&t.id, "delete"))?;
                self.wait_for(&[(t.id.clone(), r.clone())], Goal::Gone, &super::Silent)
                    .await?;
            }
            _ => {
                if let Some(patch) = &ex.takeover {
                    self.api
                        .json_patch(r, ns, name, patch, &self.field_manager)
                        .await
                        .map_err(ClusterError::api(&t.id, "managedFields takeover"))?;
                }
            }
        }
        self.api
            .apply(r, ns, name, &t.object, &self.field_manager, false)
            .await
            .map_err(ClusterError::api(&t.id, "apply"))?;
        Ok(c)
    }

    /// Deletes one stale object if it is still ours; returns the change and its resource.
    async fn prune_one(
        &self,
        id: &ObjectId,
        opts: &ApplyOptions,
    ) -> Result<(Change, Option<super::api::ResourceRef>), ClusterError> {
        let Some(r) = self.resource_of(id).await? else {
            return Ok((change(id, Action::Delete), None));
        };
        let live = self
            .api
            .get(&r, &id.namespace, &id.name)
            .await
            .map_err(ClusterError::api(id, "get"))?;
        let Some(live) = live else {
            return Ok((change(id, Action::Delete), None));
        };
        let (action, note) = prune_decision(&live, opts);
        let mut c = change(id, action);
        c.note = note;
        if action == Action::Delete {
            self.api
                .delete(&r, &id.namespace, &id.name, None)
                .await
                .map_err(ClusterError::api(id, "delete"))?;
            return Ok((c, Some(r)));
        }
        Ok((c, None))
    }
}

/// Whether a stale live object is pruned, and why not.
fn prune_decision(live: &Value, opts: &ApplyOptions) -> (Action, Option<String>) {
    if !opts.prune {
        return (
            Action::Skip,
            Some("not pruned (--prune=false); no longer tracked".into()),
        );
    }
    if !is_owned(live, &opts.inventory_name, &opts.inventory_namespace) {
        return (
            Action::Skip,
            Some("no longer carries this inventory's owner labels".into()),
        );
    }
    if prune_disabled(live) {
        return (
            Action::Skip,
            Some("annotated kzr.dev/prune: disabled".into()),
        );
    }
    (Action::Delete, None)
}

/// Previous entries the new set no longer has, in delete order (reverse apply order).
fn stale_in_delete_order(previous: &Inventory, new_ids: &[ObjectId]) -> Vec<ObjectId> {
    let mut stale = previous.stale(new_ids);
    stale.sort_by(|a, b| order_key(b).cmp(&order_key(a)));
    stale
}

/// `a` followed by the entries of `b` it lacks, sorted in apply order.
fn union_in_order(a: &[ObjectId], b: &[ObjectId]) -> Vec<ObjectId> {
    let mut all: Vec<ObjectId> = a.to_vec();
    all.extend(
        b.iter()
            .filter(|x| !a.iter().any(|y| same_object(x, y)))
            .cloned(),
    );
    all.sort_by(|x, y| order_key(x).cmp(&order_key(y)));
    all
}

fn resource_version(obj: Option<&Value>) -> Option<String> {
    obj.and_then(|o| o["metadata"]["resourceVersion"].as_str())
        .map(str::to_string)
}

fn resource_version_of_inventory(inv: Option<&Inventory>) -> Option<String> {
    inv.and_then(|i| i.resource_version.clone())
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
