//! Turning built objects into apply targets: scope from discovery, namespace defaulting for
//! namespaced kinds only, owner labels, the HPA replicas fix, and apply order.

use super::api::ResourceRef;
use super::{ClusterError, Session};
use crate::inventory::set_owner_labels;
use crate::object::{apply_rank, compute_id, ObjectId};
use futures::future::try_join_all;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One object to apply.
#[derive(Debug, Clone)]
pub struct PreparedObject {
    pub id: ObjectId,
    pub object: Value,
    /// `None` while the kind is defined by a CRD of the same set that is not served yet.
    pub resource: Option<ResourceRef>,
}

/// The objects of one apply, in apply order (kind rank, group, kind, namespace, name).
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub targets: Vec<PreparedObject>,
}

impl Prepared {
    pub fn ids(&self) -> Vec<ObjectId> {
        self.targets.iter().map(|t| t.id.clone()).collect()
    }
}

/// Kinds defined by CRDs in the set: (group, kind) → namespaced.
fn crd_kinds(objects: &[Value]) -> HashMap<(String, String), bool> {
    objects
        .iter()
        .filter(|o| {
            o["kind"].as_str() == Some("CustomResourceDefinition")
                && o["apiVersion"]
                    .as_str()
                    .is_some_and(|a| a.starts_with("apiextensions.k8s.io/"))
        })
        .filter_map(|crd| {
            let spec = &crd["spec"];
            Some((
                (
                    spec["group"].as_str()?.to_string(),
                    spec["names"]["kind"].as_str()?.to_string(),
                ),
                spec["scope"].as_str() != Some("Cluster"),
            ))
        })
        .collect()
}

/// Workloads targeted by a HorizontalPodAutoscaler of the set: (namespace, kind, name).
fn hpa_targets(objects: &[Value], default_namespace: &str) -> HashSet<(String, String, String)> {
    objects
        .iter()
        .filter(|o| {
            o["kind"].as_str() == Some("HorizontalPodAutoscaler")
                && o["apiVersion"]
                    .as_str()
                    .is_some_and(|a| a.starts_with("autoscaling/"))
        })
        .filter_map(|hpa| {
            let target = &hpa["spec"]["scaleTargetRef"];
            let ns = hpa["metadata"]["namespace"]
                .as_str()
                .unwrap_or(default_namespace);
            Some((
                ns.to_string(),
                target["kind"].as_str()?.to_string(),
                target["name"].as_str()?.to_string(),
            ))
        })
        .collect()
}

impl Session {
    /// Resolves, defaults and labels the objects. `namespace` is the default namespace for
    /// namespaced objects that carry none; `inventory` is (name, namespace) for owner labels.
    pub async fn prepare(
        &self,
        objects: Vec<Value>,
        namespace: &str,
        inventory: (&str, &str),
    ) -> Result<Prepared, ClusterError> {
        let versions: BTreeSet<(String, String)> = objects
            .iter()
            .map(|o| {
                (
                    o["apiVersion"].as_str().unwrap_or("").to_string(),
                    o["kind"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        let resolved = try_join_all(versions.iter().map(|(api_version, kind)| async move {
            self.discovery
                .resolve(&self.api, api_version, kind)
                .await
                .map(|r| ((api_version.clone(), kind.clone()), r))
                .map_err(ClusterError::api(
                    format!("discovery of {kind} in {api_version}"),
                    "discovery",
                ))
        }))
        .await?;
        let resolved: HashMap<(String, String), Option<ResourceRef>> =
            resolved.into_iter().collect();
        let crds = crd_kinds(&objects);
        let hpa = hpa_targets(&objects, namespace);

        let mut targets = Vec::with_capacity(objects.len());
        let mut seen = HashSet::new();
        for mut object in objects {
            let id = compute_id(&object);
            let key = (id.api_version(), id.kind.clone());
            let resource = resolved.get(&key).cloned().flatten();
            let namespaced = match (&resource, crds.get(&(id.group.clone(), id.kind.clone()))) {
                (Some(r), _) => r.namespaced,
                (None, Some(namespaced)) => *namespaced,
                (None, None) => {
                    return Err(ClusterError::UnknownKind {
                        id: id.to_string(),
                        api_version: id.api_version(),
                        kind: id.kind,
                    })
                }
            };
            let meta = &mut object["metadata"];
            if namespaced {
                if id.namespace.is_empty() {
                    meta["namespace"] = Value::String(namespace.to_string());
                }
            } else if let Some(m) = meta.as_object_mut() {
                m.remove("namespace");
            }
            set_owner_labels(&mut object, inventory.0, inventory.1);
            let id = compute_id(&object);
            if hpa.contains(&(id.namespace.clone(), id.kind.clone(), id.name.clone())) {
                if let Some(spec) = object["spec"].as_object_mut() {
                    spec.remove("replicas");
                }
            }
            if !seen.insert((
                id.group.clone(),
                id.kind.clone(),
                id.namespace.clone(),
                id.name.clone(),
            )) {
                return Err(ClusterError::Duplicate(id.to_string()));
            }
            targets.push(PreparedObject {
                id,
                object,
                resource,
            });
        }
        targets.sort_by(|a, b| order_key(&a.id).cmp(&order_key(&b.id)));
        Ok(Prepared { targets })
    }

    /// Resolves kinds that were waiting for their CRD, asking discovery again.
    pub(super) async fn resolve_deferred(
        &self,
        targets: &mut [PreparedObject],
    ) -> Result<(), ClusterError> {
        for t in targets.iter_mut().filter(|t| t.resource.is_none()) {
            let api_version = t.id.api_version();
            self.discovery.forget(&api_version);
            let r = self
                .discovery
                .resolve(&self.api, &api_version, &t.id.kind)
                .await
                .map_err(ClusterError::api(&t.id, "discovery"))?;
            t.resource = Some(r.ok_or_else(|| ClusterError::UnknownKind {
                id: t.id.to_string(),
                api_version,
                kind: t.id.kind.clone(),
            })?);
        }
        Ok(())
    }

    /// The resource of an inventory entry (`None` when the cluster no longer serves the kind,
    /// e.g. its CRD is gone, which means the object is gone too).
    pub(super) async fn resource_of(
        &self,
        id: &ObjectId,
    ) -> Result<Option<ResourceRef>, ClusterError> {
        self.discovery
            .resolve(&self.api, &id.api_version(), &id.kind)
            .await
            .map_err(ClusterError::api(id, "discovery"))
    }
}

/// Apply order: kind rank, group, kind, namespace, name.
pub fn order_key(id: &ObjectId) -> (i32, &str, &str, &str, &str) {
    (
        apply_rank(&id.kind),
        &id.group,
        &id.kind,
        &id.namespace,
        &id.name,
    )
}
