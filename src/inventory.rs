//! The inventory: which objects an apply owns, stored as a ConfigMap `inv-NAME` in kustomizer's
//! format, so inventories written by kustomizer are read as is (docs/formats.md, "Inventory
//! ConfigMap"; how apply and prune use it: docs/deploy.md, "Inventories and pruning").

use crate::object::ObjectId;
use serde_json::{json, Map, Value};
use thiserror::Error;

pub const OWNER_NAME_LABEL: &str = "kzr.dev/inventory-name";
pub const OWNER_NAMESPACE_LABEL: &str = "kzr.dev/inventory-namespace";
/// kustomizer's owner labels: objects it applied count as ours when adopting its inventory.
const KUSTOMIZER_NAME_LABEL: &str = "inventory.kustomizer.dev/name";
const KUSTOMIZER_NAMESPACE_LABEL: &str = "inventory.kustomizer.dev/namespace";
pub const PRUNE_ANNOTATION: &str = "kzr.dev/prune";
pub const COMPONENT_SELECTOR: &str = "app.kubernetes.io/component=inventory";

#[derive(Debug, Error)]
pub enum InventoryError {
    #[error("inventory ConfigMap/{namespace}/{name}: {reason}")]
    Corrupt {
        namespace: String,
        name: String,
        reason: String,
    },
}

/// What the inventory says about the last apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    pub source: String,
    pub revision: String,
    pub artifact: String,
    pub checksum: String,
    pub last_applied_time: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Inventory {
    pub name: String,
    pub namespace: String,
    /// Entries in apply order.
    pub entries: Vec<ObjectId>,
    pub provenance: Provenance,
    /// The ConfigMap's resourceVersion when read; `None` for an inventory not stored yet.
    pub resource_version: Option<String>,
}

pub fn configmap_name(name: &str) -> String {
    format!("inv-{name}")
}

impl Inventory {
    pub fn new(name: &str, namespace: &str) -> Self {
        Inventory {
            name: name.to_string(),
            namespace: namespace.to_string(),
            entries: Vec::new(),
            provenance: Provenance::default(),
            resource_version: None,
        }
    }

    /// Reads an inventory ConfigMap (kzr's or kustomizer's).
    pub fn from_configmap(cm: &Value) -> Result<Self, InventoryError> {
        let meta = &cm["metadata"];
        let cm_name = meta["name"].as_str().unwrap_or("");
        let namespace = meta["namespace"].as_str().unwrap_or("").to_string();
        let corrupt = |reason: String| InventoryError::Corrupt {
            namespace: namespace.clone(),
            name: cm_name.to_string(),
            reason,
        };
        let name = cm_name.strip_prefix("inv-").unwrap_or(cm_name).to_string();
        let text = cm["data"]["resources"]
            .as_str()
            .ok_or_else(|| corrupt("inventory data not found (data.resources)".into()))?;
        let raw: Vec<Value> = serde_json::from_str(text)
            .map_err(|e| corrupt(format!("data.resources is not a JSON array: {e}")))?;
        let mut entries = Vec::with_capacity(raw.len());
        for (i, e) in raw.iter().enumerate() {
            let id = e["id"].as_str();
            // kustomizer writes `ver`; Flux and timoni write `v`.
            let ver = e["ver"].as_str().or_else(|| e["v"].as_str());
            let (Some(id), Some(ver)) = (id, ver) else {
                return Err(corrupt(format!("data.resources[{i}] needs id and ver")));
            };
            entries.push(
                ObjectId::from_inventory_id(id, ver)
                    .map_err(|e| corrupt(format!("data.resources[{i}]: {e}")))?,
            );
        }
        let annotation = |key: &str| {
            let ours = meta["annotations"][format!("kzr.dev/{key}")].as_str();
            let theirs = meta["annotations"][format!("inventory.kustomizer.dev/{key}")].as_str();
            ours.or(theirs).unwrap_or("").to_string()
        };
        let artifact = match annotation("artifact") {
            a if a.is_empty() => cm["data"]["artifacts"]
                .as_str()
                .and_then(|t| serde_json::from_str::<Vec<String>>(t).ok())
                .map(|a| a.join(","))
                .unwrap_or_default(),
            a => a,
        };
        Ok(Inventory {
            name,
            namespace,
            entries,
            provenance: Provenance {
                source: annotation("source"),
                revision: annotation("revision"),
                artifact,
                checksum: annotation("checksum"),
                last_applied_time: annotation("last-applied-time"),
            },
            resource_version: meta["resourceVersion"].as_str().map(str::to_string),
        })
    }

    /// The ConfigMap to store; `resourceVersion` is set when known so the server refuses the
    /// write if someone else changed the inventory in the meantime.
    pub fn to_configmap(&self) -> Value {
        let resources: Vec<Value> = self
            .entries
            .iter()
            .map(|id| json!({"id": id.inventory_id(), "ver": id.version}))
            .collect();
        let mut annotations = Map::new();
        let p = &self.provenance;
        for (key, value) in [
            ("last-applied-time", &p.last_applied_time),
            ("source", &p.source),
            ("revision", &p.revision),
            ("artifact", &p.artifact),
            ("checksum", &p.checksum),
        ] {
            if !value.is_empty() {
                annotations.insert(format!("kzr.dev/{key}"), Value::String(value.clone()));
            }
        }
        let mut metadata = json!({
            "name": configmap_name(&self.name),
            "namespace": self.namespace,
            "labels": {
                "app.kubernetes.io/name": self.name,
                "app.kubernetes.io/component": "inventory",
                "app.kubernetes.io/created-by": "kzr",
            },
            "annotations": annotations,
        });
        if let Some(rv) = &self.resource_version {
            metadata["resourceVersion"] = Value::String(rv.clone());
        }
        json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": metadata,
            "data": {"resources": serde_json::to_string(&resources).unwrap_or_default()},
        })
    }

    /// Whether the inventory lists an object (the version is not part of identity).
    pub fn contains(&self, id: &ObjectId) -> bool {
        self.entries.iter().any(|e| same_object(e, id))
    }

    /// Entries of `self` that `next` no longer lists.
    pub fn stale(&self, next: &[ObjectId]) -> Vec<ObjectId> {
        self.entries
            .iter()
            .filter(|e| !next.iter().any(|n| same_object(n, e)))
            .cloned()
            .collect()
    }
}

/// Same object regardless of the API version it is addressed by.
pub fn same_object(a: &ObjectId, b: &ObjectId) -> bool {
    a.group == b.group && a.kind == b.kind && a.namespace == b.namespace && a.name == b.name
}

/// Sets our owner labels on an object about to be applied.
pub fn set_owner_labels(obj: &mut Value, name: &str, namespace: &str) {
    if !obj["metadata"]["labels"].is_object() {
        obj["metadata"]["labels"] = json!({});
    }
    let labels = &mut obj["metadata"]["labels"];
    labels[OWNER_NAME_LABEL] = Value::String(name.to_string());
    labels[OWNER_NAMESPACE_LABEL] = Value::String(namespace.to_string());
}

/// Whether a live object still belongs to this inventory: it carries our owner labels (or
/// kustomizer's, for adopted inventories) naming it.
pub fn is_owned(live: &Value, name: &str, namespace: &str) -> bool {
    let labels = &live["metadata"]["labels"];
    let matches = |name_key: &str, ns_key: &str| {
        labels[name_key].as_str() == Some(name) && labels[ns_key].as_str() == Some(namespace)
    };
    matches(OWNER_NAME_LABEL, OWNER_NAMESPACE_LABEL)
        || matches(KUSTOMIZER_NAME_LABEL, KUSTOMIZER_NAMESPACE_LABEL)
}

/// Whether an object opted out of pruning.
pub fn prune_disabled(live: &Value) -> bool {
    live["metadata"]["annotations"][PRUNE_ANNOTATION].as_str() == Some("disabled")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kustomizer_inventory() {
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "inv-app", "namespace": "default", "resourceVersion": "7",
                "annotations": {"inventory.kustomizer.dev/source": "oci://x", "inventory.kustomizer.dev/last-applied-time": "t"}},
            "data": {"resources": "[{\"id\":\"_demo__Namespace\",\"ver\":\"v1\"},{\"id\":\"demo_backend_apps_Deployment\",\"ver\":\"v1\"}]",
                     "artifacts": "[\"ghcr.io/a@sha256:1\"]"}});
        let inv = Inventory::from_configmap(&cm).unwrap();
        assert_eq!(inv.name, "app");
        assert_eq!(inv.entries.len(), 2);
        assert_eq!(inv.entries[1].to_string(), "Deployment/demo/backend");
        assert_eq!(inv.provenance.source, "oci://x");
        assert_eq!(inv.provenance.artifact, "ghcr.io/a@sha256:1");
        assert_eq!(inv.resource_version.as_deref(), Some("7"));
        let back = Inventory::from_configmap(&inv.to_configmap()).unwrap();
        assert_eq!(back.entries, inv.entries);
        assert_eq!(
            inv.to_configmap()["data"]["resources"],
            "[{\"id\":\"_demo__Namespace\",\"ver\":\"v1\"},{\"id\":\"demo_backend_apps_Deployment\",\"ver\":\"v1\"}]"
        );
    }

    #[test]
    fn corrupt_inventories_are_named() {
        let cm = json!({"metadata": {"name": "inv-a", "namespace": "n"}, "data": {}});
        let e = Inventory::from_configmap(&cm).unwrap_err().to_string();
        assert!(e.contains("ConfigMap/n/inv-a"), "{e}");
    }

    #[test]
    fn ownership() {
        let mut obj = json!({"metadata": {"name": "x"}});
        set_owner_labels(&mut obj, "app", "ns");
        assert!(is_owned(&obj, "app", "ns"));
        assert!(!is_owned(&obj, "other", "ns"));
        let theirs = json!({"metadata": {"labels": {"inventory.kustomizer.dev/name": "app", "inventory.kustomizer.dev/namespace": "ns"}}});
        assert!(is_owned(&theirs, "app", "ns"));
    }
}
