//! Strategic-merge knowledge of built-in kinds: which lists merge by which key. The table is
//! generated from the Kubernetes API types' patch strategies (see `smp_schema.tsv`).

use crate::yaml::{self, ReadOptions};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

const SCHEMA_TSV: &str = include_str!("smp_schema.tsv");
const KINDS_TSV: &str = include_str!("smp_kinds.tsv");

/// A field's declared type: an object type, a list, a map, or a scalar.
#[derive(Debug)]
pub enum TypeExpr {
    Object(String),
    List(Box<TypeExpr>),
    Map(Box<TypeExpr>),
    Scalar,
}

impl TypeExpr {
    fn parse(s: &str) -> TypeExpr {
        if let Some(inner) = s.strip_prefix("[]") {
            TypeExpr::List(Box::new(TypeExpr::parse(inner)))
        } else if let Some(inner) = s.strip_prefix("map[string]") {
            TypeExpr::Map(Box::new(TypeExpr::parse(inner)))
        } else if s.contains('.') {
            TypeExpr::Object(s.to_string())
        } else {
            TypeExpr::Scalar
        }
    }
}

#[derive(Debug)]
pub struct Slot {
    ty: TypeExpr,
    /// `merge`, `merge,retainKeys`, `replace` or empty.
    strategy: String,
    merge_key: Option<String>,
}

#[derive(Default)]
struct Table {
    fields: HashMap<String, HashMap<String, Slot>>,
    kinds: HashMap<(String, String, String), String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table::default();
        for line in SCHEMA_TSV.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [ty, field, field_ty, strategy, key] = cols[..] {
                let slot = Slot {
                    ty: TypeExpr::parse(field_ty),
                    strategy: if strategy == "-" {
                        String::new()
                    } else {
                        strategy.to_string()
                    },
                    merge_key: (key != "-" && !key.is_empty()).then(|| key.to_string()),
                };
                t.fields
                    .entry(ty.to_string())
                    .or_default()
                    .insert(field.to_string(), slot);
            }
        }
        for line in KINDS_TSV.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [group, version, kind, ty] = cols[..] {
                t.kinds
                    .insert((group.into(), version.into(), kind.into()), ty.to_string());
            }
        }
        t
    })
}

/// The OpenAPI knowledge strategic merge patches use: kustomize's builtin Kubernetes schema,
/// or the custom schema of a kustomization's `openapi: {path: …}`, which replaces it
/// entirely (builtin kinds then merge only as that schema says).
#[derive(Clone, Default)]
pub enum OpenApi {
    #[default]
    Builtin,
    /// A custom schema; `over_builtin` when kyaml had already loaded the builtin schema
    /// before the custom one was set, so that the custom definitions are added to it.
    Custom {
        schema: Arc<CustomSchema>,
        over_builtin: bool,
    },
    /// A custom schema that does not parse. Like kyaml, which reads a schema file only
    /// when it first needs it, the build fails only if the schema is used.
    Invalid(Arc<str>),
}

impl OpenApi {
    /// The schema of a kind, or `None` for kinds the schema does not know, whose lists are
    /// then replaced rather than merged.
    pub fn for_kind(&self, group: &str, version: &str, kind: &str) -> Option<SchemaRef<'_>> {
        match self {
            OpenApi::Builtin => SchemaRef::for_kind(group, version, kind),
            OpenApi::Invalid(_) => None,
            OpenApi::Custom {
                schema,
                over_builtin,
            } => schema.for_kind(group, version, kind).or_else(|| {
                over_builtin
                    .then(|| SchemaRef::for_kind(group, version, kind))
                    .flatten()
            }),
        }
    }
}

/// `group/version`, or the version alone for the core group (kyaml's `Gvk.ApiVersion`).
fn api_version_of(group: &str, version: &str) -> String {
    if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    }
}

impl OpenApi {
    /// Whether objects of this kind are cluster-scoped, as kyaml decides it
    /// (`IsCertainlyClusterScoped`): kinds in its precomputed table keep their builtin
    /// scope; for other kinds a custom schema's API paths decide, and a kind it does not
    /// list is namespaced (unless the custom schema was added to the builtin one).
    pub fn cluster_scoped(&self, group: &str, version: &str, kind: &str) -> bool {
        let api_version = api_version_of(group, version);
        let precomputed = || PRECOMPUTED_CLUSTER_SCOPED.contains(&(api_version.as_str(), kind));
        let OpenApi::Custom {
            schema,
            over_builtin,
        } = self
        else {
            // The builtin schema: exactly kyaml's precomputed table, by apiVersion and kind
            // (every other kind counts as namespaced).
            return precomputed();
        };
        if !loads_schema(&api_version, kind) {
            return precomputed();
        }
        match schema
            .namespaced
            .get(&(api_version.clone(), kind.to_string()))
        {
            Some(namespaced) => !namespaced,
            // Added to the builtin schema, whose API paths know more kinds.
            None => *over_builtin && crate::object::is_cluster_scoped(group, kind),
        }
    }

    /// Fails when the schema in force is a custom one that does not parse.
    pub fn check(&self) -> Result<(), String> {
        match self {
            OpenApi::Invalid(message) => Err(message.to_string()),
            _ => Ok(()),
        }
    }
}

/// The builtin schema versions kustomize v5.5.0 carries (`openapi: {version: …}`).
pub const BUILTIN_VERSIONS: [&str; 1] = ["v1.21.2"];

/// The cluster-scoped entries of kyaml's `precomputedIsNamespaceScoped` (kyaml v0.18.1),
/// as (apiVersion, kind).
const PRECOMPUTED_CLUSTER_SCOPED: &[(&str, &str)] = &[
    (
        "admissionregistration.k8s.io/v1",
        "MutatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1",
        "ValidatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1beta1",
        "MutatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1beta1",
        "ValidatingWebhookConfiguration",
    ),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"),
    ("apiregistration.k8s.io/v1", "APIService"),
    ("apiregistration.k8s.io/v1beta1", "APIService"),
    ("certificates.k8s.io/v1", "CertificateSigningRequest"),
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequest"),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema"),
    (
        "flowcontrol.apiserver.k8s.io/v1beta1",
        "PriorityLevelConfiguration",
    ),
    ("networking.k8s.io/v1", "IngressClass"),
    ("networking.k8s.io/v1beta1", "IngressClass"),
    ("node.k8s.io/v1", "RuntimeClass"),
    ("node.k8s.io/v1beta1", "RuntimeClass"),
    ("policy/v1beta1", "PodSecurityPolicy"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding"),
    ("scheduling.k8s.io/v1", "PriorityClass"),
    ("scheduling.k8s.io/v1beta1", "PriorityClass"),
    ("storage.k8s.io/v1", "CSIDriver"),
    ("storage.k8s.io/v1", "CSINode"),
    ("storage.k8s.io/v1", "StorageClass"),
    ("storage.k8s.io/v1", "VolumeAttachment"),
    ("storage.k8s.io/v1beta1", "CSIDriver"),
    ("storage.k8s.io/v1beta1", "CSINode"),
    ("storage.k8s.io/v1beta1", "StorageClass"),
    ("storage.k8s.io/v1beta1", "VolumeAttachment"),
    ("v1", "ComponentStatus"),
    ("v1", "Namespace"),
    ("v1", "Node"),
    ("v1", "NodeProxyOptions"),
    ("v1", "PersistentVolume"),
];

/// The kinds whose scope kyaml knows without reading its schema
/// (`precomputedIsNamespaceScoped`). Reading a resource of any other kind makes kyaml load
/// the schema in force, which matters when a custom schema is set later: it is then added to
/// the builtin one instead of replacing it.
const PRECOMPUTED_KINDS: &[(&str, &str)] = &[
    (
        "admissionregistration.k8s.io/v1",
        "MutatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1",
        "ValidatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1beta1",
        "MutatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1beta1",
        "ValidatingWebhookConfiguration",
    ),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"),
    ("apiregistration.k8s.io/v1", "APIService"),
    ("apiregistration.k8s.io/v1beta1", "APIService"),
    ("apps/v1", "ControllerRevision"),
    ("apps/v1", "DaemonSet"),
    ("apps/v1", "Deployment"),
    ("apps/v1", "ReplicaSet"),
    ("apps/v1", "StatefulSet"),
    ("autoscaling/v1", "HorizontalPodAutoscaler"),
    ("autoscaling/v1", "Scale"),
    ("autoscaling/v2beta1", "HorizontalPodAutoscaler"),
    ("autoscaling/v2beta2", "HorizontalPodAutoscaler"),
    ("batch/v1", "CronJob"),
    ("batch/v1", "Job"),
    ("batch/v1beta1", "CronJob"),
    ("certificates.k8s.io/v1", "CertificateSigningRequest"),
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequest"),
    ("coordination.k8s.io/v1", "Lease"),
    ("coordination.k8s.io/v1beta1", "Lease"),
    ("discovery.k8s.io/v1", "EndpointSlice"),
    ("discovery.k8s.io/v1beta1", "EndpointSlice"),
    ("events.k8s.io/v1", "Event"),
    ("events.k8s.io/v1beta1", "Event"),
    ("extensions/v1beta1", "Ingress"),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema"),
    (
        "flowcontrol.apiserver.k8s.io/v1beta1",
        "PriorityLevelConfiguration",
    ),
    ("networking.k8s.io/v1", "Ingress"),
    ("networking.k8s.io/v1", "IngressClass"),
    ("networking.k8s.io/v1", "NetworkPolicy"),
    ("networking.k8s.io/v1beta1", "Ingress"),
    ("networking.k8s.io/v1beta1", "IngressClass"),
    ("node.k8s.io/v1", "RuntimeClass"),
    ("node.k8s.io/v1beta1", "RuntimeClass"),
    ("policy/v1", "PodDisruptionBudget"),
    ("policy/v1beta1", "PodDisruptionBudget"),
    ("policy/v1beta1", "PodSecurityPolicy"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "Role"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1beta1", "Role"),
    ("rbac.authorization.k8s.io/v1beta1", "RoleBinding"),
    ("scheduling.k8s.io/v1", "PriorityClass"),
    ("scheduling.k8s.io/v1beta1", "PriorityClass"),
    ("storage.k8s.io/v1", "CSIDriver"),
    ("storage.k8s.io/v1", "CSINode"),
    ("storage.k8s.io/v1", "StorageClass"),
    ("storage.k8s.io/v1", "VolumeAttachment"),
    ("storage.k8s.io/v1beta1", "CSIDriver"),
    ("storage.k8s.io/v1beta1", "CSINode"),
    ("storage.k8s.io/v1beta1", "CSIStorageCapacity"),
    ("storage.k8s.io/v1beta1", "StorageClass"),
    ("storage.k8s.io/v1beta1", "VolumeAttachment"),
    ("v1", "ComponentStatus"),
    ("v1", "ConfigMap"),
    ("v1", "Endpoints"),
    ("v1", "Event"),
    ("v1", "LimitRange"),
    ("v1", "Namespace"),
    ("v1", "Node"),
    ("v1", "NodeProxyOptions"),
    ("v1", "PersistentVolume"),
    ("v1", "PersistentVolumeClaim"),
    ("v1", "Pod"),
    ("v1", "PodAttachOptions"),
    ("v1", "PodExecOptions"),
    ("v1", "PodPortForwardOptions"),
    ("v1", "PodProxyOptions"),
    ("v1", "PodTemplate"),
    ("v1", "ReplicationController"),
    ("v1", "ResourceQuota"),
    ("v1", "Secret"),
    ("v1", "Service"),
    ("v1", "ServiceAccount"),
    ("v1", "ServiceProxyOptions"),
];

/// Reading a resource of this kind makes kyaml load its schema (see [`PRECOMPUTED_KINDS`]).
pub fn loads_schema(api_version: &str, kind: &str) -> bool {
    !PRECOMPUTED_KINDS.contains(&(api_version, kind))
}

/// A custom OpenAPI document (Swagger 2, JSON or YAML): its `definitions`, and the
/// definition of each kind named by an `x-kubernetes-group-version-kind` extension.
pub struct CustomSchema {
    definitions: Map<String, Value>,
    /// (apiVersion, kind) → definition name.
    kinds: HashMap<(String, String), String>,
    /// (apiVersion, kind) → namespaced, from the API paths (kyaml's
    /// `findNamespaceability`): a kind with a path under `{namespace}` is namespaced, a kind
    /// with only other paths is cluster-scoped.
    namespaced: HashMap<(String, String), bool>,
}

impl CustomSchema {
    /// Parses a schema file as kyaml does: a document whose `definitions` are schemas.
    /// OpenAPI v3 `components.schemas` are not read (kyaml reads only Swagger 2).
    pub fn parse(content: &[u8]) -> Result<CustomSchema, String> {
        let text = std::str::from_utf8(content).map_err(|_| "not valid UTF-8".to_string())?;
        let docs = yaml::parse_documents_with(text, ReadOptions::CONFIG)
            .map_err(|e| format!("invalid schema file: {e}"))?;
        let doc = match docs.into_iter().next().map(|d| d.value) {
            Some(Value::Object(m)) => m,
            None => return Err("invalid schema file: empty document".into()),
            Some(_) => return Err("invalid schema file: expected a mapping".into()),
        };
        let definitions = match doc.get("definitions") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(m)) => m.clone(),
            Some(_) => return Err("invalid schema file: `definitions` must be a mapping".into()),
        };
        let mut kinds = HashMap::new();
        for (name, def) in &definitions {
            if !def.is_object() {
                return Err(format!(
                    "invalid schema file: definition {name} must be a mapping"
                ));
            }
            let Some(Value::Array(gvks)) = def.get("x-kubernetes-group-version-kind") else {
                continue;
            };
            for gvk in gvks {
                let text = |k: &str| gvk.get(k).and_then(Value::as_str).unwrap_or("");
                let api_version = api_version_of(text("group"), text("version"));
                kinds.insert((api_version, text("kind").to_string()), name.clone());
            }
        }
        let mut namespaced: HashMap<(String, String), bool> = HashMap::new();
        if let Some(Value::Object(paths)) = doc.get("paths") {
            for (path, info) in paths {
                let Some(gvk) = info
                    .get("get")
                    .and_then(|g| g.get("x-kubernetes-group-version-kind"))
                else {
                    continue;
                };
                let text = |k: &str| gvk.get(k).and_then(Value::as_str).unwrap_or("");
                let key = (
                    api_version_of(text("group"), text("version")),
                    text("kind").to_string(),
                );
                if path.contains("{namespace}") {
                    namespaced.insert(key, true);
                } else {
                    namespaced.entry(key).or_insert(false);
                }
            }
        }
        Ok(CustomSchema {
            definitions,
            kinds,
            namespaced,
        })
    }

    fn for_kind(&self, group: &str, version: &str, kind: &str) -> Option<SchemaRef<'_>> {
        let name = self
            .kinds
            .get(&(api_version_of(group, version), kind.to_string()))?;
        Some(SchemaRef::Custom {
            node: self.definitions.get(name)?,
            schema: self,
        })
    }

    /// Follows `$ref`s (`#/definitions/NAME`) to the schema they name; `None` when one does
    /// not resolve.
    fn resolve<'a>(&'a self, mut node: &'a Value) -> Option<&'a Value> {
        // kyaml would loop forever on a cycle of references; kzr gives up.
        for _ in 0..64 {
            let Some(reference) = node.get("$ref") else {
                return Some(node);
            };
            let name = reference.as_str()?.strip_prefix("#/definitions/")?;
            let name = name.replace("~1", "/").replace("~0", "~");
            node = self.definitions.get(&name)?;
        }
        None
    }
}

/// A position in the schema: the root of a kind, a field, or a list's elements.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    Builtin {
        ty: &'static TypeExpr,
        slot: Option<&'static Slot>,
    },
    Custom {
        node: &'a Value,
        schema: &'a CustomSchema,
    },
}

static ROOT_TYPES: OnceLock<HashMap<String, TypeExpr>> = OnceLock::new();

impl<'a> SchemaRef<'a> {
    /// The schema of a built-in kind, or `None` for kinds the table does not know (custom
    /// resources), whose lists are then replaced rather than merged.
    pub fn for_kind(group: &str, version: &str, kind: &str) -> Option<SchemaRef<'static>> {
        let name =
            table()
                .kinds
                .get(&(group.to_string(), version.to_string(), kind.to_string()))?;
        let roots = ROOT_TYPES.get_or_init(|| {
            table()
                .kinds
                .values()
                .map(|n| (n.clone(), TypeExpr::Object(n.clone())))
                .collect()
        });
        Some(SchemaRef::Builtin {
            ty: roots.get(name)?,
            slot: None,
        })
    }

    /// The schema of a field of this mapping.
    pub fn field(self, name: &str) -> Option<SchemaRef<'a>> {
        match self {
            SchemaRef::Builtin { ty, .. } => match ty {
                TypeExpr::Object(type_name) => {
                    let slot = table().fields.get(type_name)?.get(name)?;
                    Some(SchemaRef::Builtin {
                        ty: &slot.ty,
                        slot: Some(slot),
                    })
                }
                TypeExpr::Map(inner) => Some(SchemaRef::Builtin {
                    ty: inner,
                    slot: None,
                }),
                _ => None,
            },
            SchemaRef::Custom { node, schema } => {
                let child = match node.get("properties").and_then(|p| p.get(name)) {
                    Some(child) => child,
                    // A map: every value has the schema of `additionalProperties`.
                    None => node.get("additionalProperties").filter(|a| a.is_object())?,
                };
                Some(SchemaRef::Custom {
                    node: schema.resolve(child)?,
                    schema,
                })
            }
        }
    }

    /// The schema of this list's elements.
    pub fn items(self) -> Option<SchemaRef<'a>> {
        match self {
            SchemaRef::Builtin { ty, .. } => match ty {
                TypeExpr::List(inner) => Some(SchemaRef::Builtin {
                    ty: inner,
                    slot: None,
                }),
                _ => None,
            },
            SchemaRef::Custom { node, schema } => {
                let is_array = match node.get("type") {
                    Some(Value::String(t)) => t == "array",
                    Some(Value::Array(t)) => t.len() == 1 && t[0] == "array",
                    _ => false,
                };
                let items = node.get("items").filter(|i| i.is_object())?;
                if !is_array {
                    return None;
                }
                Some(SchemaRef::Custom {
                    node: schema.resolve(items)?,
                    schema,
                })
            }
        }
    }

    /// `x-kubernetes-patch-strategy` includes `merge` (kyaml then merges the list rather than
    /// replacing it; `replace` and `retainKeys` alone do not).
    fn merges(self) -> bool {
        let strategy = match self {
            SchemaRef::Builtin { slot, .. } => slot.map(|s| s.strategy.as_str()),
            SchemaRef::Custom { node, .. } => node
                .get("x-kubernetes-patch-strategy")
                .and_then(Value::as_str),
        };
        strategy.is_some_and(|s| s.split(',').any(|x| x == "merge"))
    }

    /// The merge key of this list, when it merges by key (several keys joined by commas,
    /// from `x-kubernetes-list-map-keys`).
    pub fn merge_key(self) -> Option<String> {
        if !self.merges() {
            return None;
        }
        match self {
            SchemaRef::Builtin { slot, .. } => slot?.merge_key.clone(),
            SchemaRef::Custom { node, .. } => {
                if let Some(Value::Array(keys)) = node.get("x-kubernetes-list-map-keys") {
                    let keys: Vec<&str> = keys.iter().filter_map(Value::as_str).collect();
                    return (!keys.is_empty()).then(|| keys.join(","));
                }
                node.get("x-kubernetes-patch-merge-key")
                    .and_then(Value::as_str)
                    .filter(|k| !k.is_empty())
                    .map(str::to_string)
            }
        }
    }

    /// This is a list of scalars that merges as a set (e.g. `metadata.finalizers`).
    pub fn merges_scalars(self) -> bool {
        match self {
            SchemaRef::Builtin { ty, .. } => {
                matches!(ty, TypeExpr::List(inner) if matches!(**inner, TypeExpr::Scalar))
                    && self.merges()
            }
            // kyaml merges a list with the `merge` strategy and no key as a set of values.
            SchemaRef::Custom { .. } => self.merges() && self.merge_key().is_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = r##"{"definitions": {
      "a.v1.Thing": {
        "x-kubernetes-group-version-kind": [{"group": "a", "version": "v1", "kind": "Thing"}],
        "properties": {
          "spec": {"$ref": "#/definitions/a.v1.Spec"},
          "labels": {"type": "object", "additionalProperties": {"$ref": "#/definitions/a.v1.Item"}}
        }
      },
      "a.v1.Spec": {"properties": {
        "items": {"type": "array", "items": {"$ref": "#/definitions/a.v1.Item"},
                  "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name"},
        "ports": {"type": "array", "items": {"type": "object"},
                  "x-kubernetes-patch-strategy": "merge",
                  "x-kubernetes-list-map-keys": ["port", "protocol"]},
        "tags": {"type": "array", "items": {"type": "string"}, "x-kubernetes-patch-strategy": "merge"},
        "fixed": {"type": "array", "items": {"type": "object"},
                  "x-kubernetes-patch-strategy": "replace", "x-kubernetes-patch-merge-key": "name"}
      }},
      "a.v1.Item": {"properties": {"name": {"type": "string"}}}
    }}"##;

    #[test]
    fn custom_schema_gives_merge_keys_through_refs() {
        let custom = CustomSchema::parse(SCHEMA.as_bytes()).unwrap();
        let openapi = OpenApi::Custom {
            schema: Arc::new(custom),
            over_builtin: false,
        };
        assert!(openapi.for_kind("a", "v2", "Thing").is_none());
        // Builtin kinds are unknown unless the builtin schema was loaded first.
        assert!(openapi.for_kind("apps", "v1", "Deployment").is_none());
        let root = openapi.for_kind("a", "v1", "Thing").unwrap();
        let spec = root.field("spec").unwrap();
        let items = spec.field("items").unwrap();
        assert_eq!(items.merge_key().as_deref(), Some("name"));
        assert!(items.items().unwrap().field("name").is_some());
        assert_eq!(
            spec.field("ports").unwrap().merge_key().as_deref(),
            Some("port,protocol")
        );
        let tags = spec.field("tags").unwrap();
        assert!(tags.merge_key().is_none() && tags.merges_scalars());
        let fixed = spec.field("fixed").unwrap();
        assert!(fixed.merge_key().is_none() && !fixed.merges_scalars());
        assert!(root.field("labels").unwrap().field("any").is_some());
    }

    #[test]
    fn builtin_schema_stays_under_a_late_custom_schema() {
        let openapi = OpenApi::Custom {
            schema: Arc::new(CustomSchema::parse(SCHEMA.as_bytes()).unwrap()),
            over_builtin: true,
        };
        assert!(openapi.for_kind("apps", "v1", "Deployment").is_some());
        assert!(openapi.for_kind("a", "v1", "Thing").is_some());
    }

    #[test]
    fn invalid_schemas_are_refused() {
        for bad in ["{\"definitions\": [", "{\"definitions\": [1]}", "[]", ""] {
            assert!(CustomSchema::parse(bad.as_bytes()).is_err(), "{bad}");
        }
        assert!(CustomSchema::parse(b"openapi: 3.0.0\ncomponents: {schemas: {}}\n").is_ok());
        assert!(loads_schema("a/v1", "Thing") && !loads_schema("apps/v1", "Deployment"));
    }
}
