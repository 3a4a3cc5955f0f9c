//! Reading and writing inventories and namespaces on the cluster. Inventory writes carry the
//! resourceVersion last seen, so two runs racing on one inventory cannot corrupt it.

use super::api::ResourceRef;
use super::{ClusterError, Session};
use crate::inventory::{configmap_name, Inventory, COMPONENT_SELECTOR};
use serde_json::{json, Value};

fn configmaps() -> ResourceRef {
    ResourceRef {
        group: String::new(),
        version: "v1".into(),
        plural: "configmaps".into(),
        namespaced: true,
    }
}

fn namespaces() -> ResourceRef {
    ResourceRef {
        group: String::new(),
        version: "v1".into(),
        plural: "namespaces".into(),
        namespaced: false,
    }
}

fn inventory_id(namespace: &str, name: &str) -> String {
    format!("ConfigMap/{namespace}/{}", configmap_name(name))
}

impl Session {
    /// The stored inventory, or `None` when there is none.
    pub async fn read_inventory(
        &self,
        name: &str,
        namespace: &str,
    ) -> Result<Option<Inventory>, ClusterError> {
        let cm = self
            .api
            .get(&configmaps(), namespace, &configmap_name(name))
            .await
            .map_err(ClusterError::api(inventory_id(namespace, name), "get"))?;
        cm.map(|cm| Inventory::from_configmap(&cm).map_err(ClusterError::from))
            .transpose()
    }

    /// Inventories in a namespace, or in all namespaces when `namespace` is empty.
    pub async fn list_inventories(&self, namespace: &str) -> Result<Vec<Inventory>, ClusterError> {
        let items = self
            .api
            .list(&configmaps(), namespace, COMPONENT_SELECTOR)
            .await
            .map_err(ClusterError::api("inventories", "list"))?;
        let mut out: Vec<Inventory> = items
            .iter()
            .filter(|cm| {
                cm["metadata"]["name"]
                    .as_str()
                    .is_some_and(|n| n.starts_with("inv-"))
            })
            .filter_map(|cm| Inventory::from_configmap(cm).ok())
            .collect();
        out.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
        Ok(out)
    }

    /// Stores the inventory: created when new (refused if someone created it meanwhile),
    /// otherwise applied with the resourceVersion last seen. Updates `resource_version`.
    pub(super) async fn write_inventory(&self, inv: &mut Inventory) -> Result<(), ClusterError> {
        let id = inventory_id(&inv.namespace, &inv.name);
        let body = inv.to_configmap();
        let result = match &inv.resource_version {
            None => {
                self.api
                    .create(&configmaps(), &inv.namespace, &body, &self.field_manager)
                    .await
            }
            Some(_) => {
                self.api
                    .apply(
                        &configmaps(),
                        &inv.namespace,
                        &configmap_name(&inv.name),
                        &body,
                        &self.field_manager,
                        false,
                    )
                    .await
            }
        };
        let stored = match result {
            Ok(v) => v,
            Err(e) if e.code() == Some(409) => {
                return Err(ClusterError::InventoryConflict {
                    namespace: inv.namespace.clone(),
                    name: inv.name.clone(),
                })
            }
            Err(e) if e.is_not_found() => {
                return Err(ClusterError::NamespaceMissing {
                    namespace: inv.namespace.clone(),
                    needed_by: format!("the inventory {id}"),
                })
            }
            Err(e) => return Err(ClusterError::api(id, "write")(e)),
        };
        inv.resource_version = stored["metadata"]["resourceVersion"]
            .as_str()
            .map(str::to_string);
        Ok(())
    }

    /// Deletes the inventory, unless it changed since it was read.
    pub(super) async fn delete_inventory(&self, inv: &Inventory) -> Result<(), ClusterError> {
        let id = inventory_id(&inv.namespace, &inv.name);
        match self
            .api
            .delete(
                &configmaps(),
                &inv.namespace,
                &configmap_name(&inv.name),
                inv.resource_version.as_deref(),
            )
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if e.code() == Some(409) => Err(ClusterError::InventoryConflict {
                namespace: inv.namespace.clone(),
                name: inv.name.clone(),
            }),
            Err(e) => Err(ClusterError::api(id, "delete")(e)),
        }
    }

    /// Whether the namespace exists; a namespace being deleted is an error (nothing can be
    /// created in it, and waiting would not help).
    pub(super) async fn namespace_exists(
        &self,
        namespace: &str,
        needed_by: &str,
    ) -> Result<bool, ClusterError> {
        let live = self
            .api
            .get(&namespaces(), "", namespace)
            .await
            .map_err(ClusterError::api(format!("Namespace/{namespace}"), "get"))?;
        match live {
            Some(ns) if ns["status"]["phase"] == "Terminating" => {
                Err(ClusterError::NamespaceTerminating {
                    namespace: namespace.to_string(),
                    needed_by: needed_by.to_string(),
                })
            }
            live => Ok(live.is_some()),
        }
    }

    /// Creates a namespace (server-side apply, so an existing one is left as it is).
    pub(super) async fn create_namespace(&self, namespace: &str) -> Result<(), ClusterError> {
        let body = json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": namespace, "labels": {"app.kubernetes.io/created-by": "kzr"}}});
        self.api
            .apply(
                &namespaces(),
                "",
                namespace,
                &body,
                &self.field_manager,
                false,
            )
            .await
            .map(|_: Value| ())
            .map_err(ClusterError::api(
                format!("Namespace/{namespace}"),
                "create",
            ))
    }
}
