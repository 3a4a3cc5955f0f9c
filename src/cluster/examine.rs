//! Looking at one object before writing it: live state, server-side dry-run, drift, and the
//! managedFields takeover of `kubectl` and `before-first-apply` (docs/deploy.md, "Taking over
//! fields from kubectl").

use super::drift::{drifted, field_changes, mask_secrets, normalise};
use super::live::LiveState;
use super::unchanged::provably_unchanged;
use super::{ClusterError, PreparedObject, Session};
use crate::changeset::{Action, FieldChange};
use serde_json::{json, Map, Value};

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// What applying one object would do.
#[derive(Debug, Clone)]
pub struct Examined {
    pub live: Option<Value>,
    /// The server-side dry-run result; `None` when it could not be made yet (the kind's CRD or
    /// the object's namespace is created by the same apply).
    pub dry_run: Option<Value>,
    pub action: Action,
    /// JSON patch taking over other managers' fields, when the live object needs one.
    pub takeover: Option<Value>,
    /// For `Recreate`: the immutable field the change touches.
    pub immutable_field: Option<String>,
}

impl Examined {
    /// Normalised, Secret-masked before/after objects for showing a diff.
    pub fn masked_pair(&self) -> (Option<Value>, Option<Value>) {
        let mut before = self.live.as_ref().map(normalise);
        let mut after = self.dry_run.as_ref().map(normalise);
        mask_secrets(before.as_mut(), after.as_mut());
        (before, after)
    }

    /// Field-level changes, Secret values masked.
    pub fn changes(&self) -> Vec<FieldChange> {
        if !self.action.is_change() {
            return Vec::new();
        }
        let (before, after) = self.masked_pair();
        match (before, after) {
            (Some(b), Some(a)) => field_changes(&b, &a),
            _ => Vec::new(),
        }
    }
}

fn is_namespace_not_found(e: &super::api::ApiError) -> bool {
    matches!(e, super::api::ApiError::Status { code: 404, message, .. } if message.starts_with("namespaces "))
}

/// Why a target is examined: a plan shows what creating an object would store (a dry-run),
/// an apply creates it straight away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    Plan,
    Apply,
}

impl Session {
    /// Examines a target. `namespaces_to_create` are namespaces this run creates, so a dry-run
    /// failing because one is missing means "create", not an error. `known` is the live
    /// object when a LIST already read it. The server-side dry-run is skipped when the live
    /// object provably stays as it is ([`provably_unchanged`]), and for an object an apply
    /// creates.
    pub(super) async fn examine(
        &self,
        t: &PreparedObject,
        namespaces_to_create: &[String],
        known: LiveState,
        purpose: Purpose,
    ) -> Result<Examined, ClusterError> {
        let unresolved = || Examined {
            live: None,
            dry_run: None,
            action: Action::Create,
            takeover: None,
            immutable_field: None,
        };
        let Some(resource) = &t.resource else {
            return Ok(unresolved());
        };
        let (ns, name) = (&t.id.namespace, &t.id.name);
        let live = match known {
            LiveState::Known(live) => live,
            LiveState::Unknown => self
                .api
                .get(resource, ns, name)
                .await
                .map_err(ClusterError::api(&t.id, "get"))?,
        };
        let takeover = live
            .as_ref()
            .and_then(|l| takeover_patch(l, &self.field_manager));
        match &live {
            Some(l)
                if takeover.is_none() && provably_unchanged(&t.object, l, &self.field_manager) =>
            {
                return Ok(Examined {
                    dry_run: live.clone(),
                    live,
                    action: Action::Unchanged,
                    takeover: None,
                    immutable_field: None,
                });
            }
            None if purpose == Purpose::Apply => return Ok(unresolved()),
            _ => {}
        }
        let dry_run = self
            .api
            .apply(resource, ns, name, &t.object, &self.field_manager, true)
            .await;
        let dry_run = match dry_run {
            Ok(v) => v,
            Err(e)
                if live.is_none()
                    && is_namespace_not_found(&e)
                    && namespaces_to_create.contains(ns) =>
            {
                return Ok(unresolved());
            }
            Err(e) => match (e.immutable_field(), &live) {
                (Some(field), Some(_)) => {
                    return Ok(Examined {
                        live,
                        dry_run: Some(t.object.clone()),
                        action: Action::Recreate,
                        takeover: None,
                        immutable_field: Some(field),
                    })
                }
                _ => return Err(ClusterError::api(&t.id, "dry-run apply")(e)),
            },
        };
        let action = match &live {
            None => Action::Create,
            Some(l) if takeover.is_some() || drifted(l, &dry_run) => Action::Update,
            Some(_) => Action::Unchanged,
        };
        Ok(Examined {
            live,
            dry_run: Some(dry_run),
            action,
            takeover,
            immutable_field: None,
        })
    }
}

/// Whether a managedFields entry belongs to a manager whose fields we take over.
fn taken_over(entry: &Value) -> bool {
    if entry
        .get("subresource")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty())
    {
        return false;
    }
    let manager = entry["manager"].as_str().unwrap_or("");
    let operation = entry["operation"].as_str().unwrap_or("");
    (manager.starts_with("kubectl") && (operation == "Apply" || operation == "Update"))
        || (manager.starts_with("before-first-apply") && operation == "Update")
}

/// Set union of two `fieldsV1` trees.
fn union(into: &mut Value, from: &Value) {
    let (Value::Object(a), Value::Object(b)) = (into, from) else {
        return;
    };
    for (k, v) in b {
        match a.get_mut(k) {
            Some(existing) => union(existing, v),
            None => {
                a.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The JSON patch that hands `kubectl`'s and `before-first-apply`'s fields to `manager` and
/// removes the client-side apply annotation; `None` when there is nothing to take over.
pub(super) fn takeover_patch(live: &Value, manager: &str) -> Option<Value> {
    let entries = live["metadata"]["managedFields"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let has_annotation = live["metadata"]["annotations"].get(LAST_APPLIED).is_some();
    if !entries.iter().any(taken_over) && !has_annotation {
        return None;
    }
    let mut kept: Vec<Value> = Vec::new();
    let mut taken = Value::Object(Map::new());
    for e in &entries {
        if taken_over(e) {
            union(&mut taken, &e["fieldsV1"]);
        } else {
            kept.push(e.clone());
        }
    }
    let ours = kept.iter_mut().find(|e| {
        e["manager"].as_str() == Some(manager)
            && e["operation"].as_str() == Some("Apply")
            && e.get("subresource").is_none()
    });
    match ours {
        Some(entry) => union(&mut entry["fieldsV1"], &taken),
        None if taken.as_object().is_some_and(|m| !m.is_empty()) => {
            let first = entries
                .iter()
                .find(|e| taken_over(e))
                .cloned()
                .unwrap_or_default();
            let mut entry = first;
            entry["manager"] = json!(manager);
            entry["operation"] = json!("Apply");
            entry["fieldsV1"] = taken;
            kept.push(entry);
        }
        None => {}
    }
    let mut ops = vec![json!({"op": "test", "path": "/metadata/resourceVersion",
        "value": live["metadata"]["resourceVersion"]})];
    if kept != entries {
        ops.push(json!({"op": "replace", "path": "/metadata/managedFields", "value": kept}));
    }
    if has_annotation {
        ops.push(json!({"op": "remove",
            "path": format!("/metadata/annotations/{}", LAST_APPLIED.replace('~', "~0").replace('/', "~1"))}));
    }
    Some(Value::Array(ops))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_over_kubectl_fields() {
        let live = json!({"metadata": {"resourceVersion": "5",
            "annotations": {LAST_APPLIED: "{}"},
            "managedFields": [
                {"manager": "kubectl-client-side-apply", "operation": "Update", "fieldsV1": {"f:data": {"f:a": {}}}},
                {"manager": "kube-controller-manager", "operation": "Update", "subresource": "status", "fieldsV1": {"f:status": {}}},
                {"manager": "kzr", "operation": "Apply", "fieldsV1": {"f:data": {"f:b": {}}}}]}});
        let patch = takeover_patch(&live, "kzr").unwrap();
        let ops = patch.as_array().unwrap();
        assert_eq!(ops[0]["op"], "test");
        let fields = &ops[1]["value"];
        assert_eq!(fields.as_array().unwrap().len(), 2);
        assert_eq!(
            fields[1]["fieldsV1"],
            json!({"f:data": {"f:b": {}, "f:a": {}}})
        );
        assert_eq!(
            ops[2]["path"],
            "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration"
        );
        let clean =
            json!({"metadata": {"managedFields": [{"manager": "kzr", "operation": "Apply"}]}});
        assert!(takeover_patch(&clean, "kzr").is_none());
    }

    #[test]
    fn first_kubectl_entry_becomes_ours() {
        let live = json!({"metadata": {"resourceVersion": "1", "managedFields": [
            {"manager": "kubectl", "operation": "Apply", "apiVersion": "v1", "fieldsV1": {"f:data": {}}}]}});
        let patch = takeover_patch(&live, "kzr").unwrap();
        assert_eq!(
            patch[1]["value"],
            json!([{"manager": "kzr", "operation": "Apply", "apiVersion": "v1", "fieldsV1": {"f:data": {}}}])
        );
    }
}
