//! The served resources (built-ins and established CRDs) and the discovery documents:
//! `/version`, `/api`, `/api/v1`, `/apis`, `/apis/G`, `/apis/G/V`, and a minimal OpenAPI v3.

use serde_json::{json, Map, Value};

#[derive(Debug, Clone)]
pub struct ResourceInfo {
    pub group: String,
    pub version: String,
    pub plural: String,
    pub singular: String,
    pub kind: String,
    pub namespaced: bool,
    pub short_names: Vec<String>,
    pub categories: Vec<String>,
    pub verbs: Vec<String>,
    pub status_subresource: bool,
    pub has_generation: bool,
    /// For custom resources: the CRD's name and the served version's schema.
    pub crd: Option<String>,
    pub schema: Option<Value>,
}

impl ResourceInfo {
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    pub fn schema(&self) -> super::fields::Schema {
        super::fields::Schema {
            kind: self.kind.clone(),
            group: self.group.clone(),
            crd: self.schema.clone(),
        }
    }

    /// Collection path for a namespace (`None`: cluster-scoped, or all namespaces).
    pub fn collection_path(&self, ns: Option<&str>) -> String {
        let base = if self.group.is_empty() {
            format!("/api/{}", self.version)
        } else {
            format!("/apis/{}/{}", self.group, self.version)
        };
        match ns {
            Some(ns) if self.namespaced => format!("{base}/namespaces/{ns}/{}", self.plural),
            _ => format!("{base}/{}", self.plural),
        }
    }
}

const VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

/// (group/version, plural, kind, namespaced, short names, categories, status subresource,
///  generation)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static [&'static str],
    &'static [&'static str],
    bool,
    bool,
);

#[rustfmt::skip]
const BUILTIN: &[Row] = &[
    ("v1", "configmaps", "ConfigMap", true, &["cm"], &[], false, false),
    ("v1", "events", "Event", true, &["ev"], &[], false, false),
    ("v1", "limitranges", "LimitRange", true, &["limits"], &[], false, false),
    ("v1", "namespaces", "Namespace", false, &["ns"], &[], true, false),
    ("v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, &["pvc"], &[], true, false),
    ("v1", "pods", "Pod", true, &["po"], &["all"], true, false),
    ("v1", "resourcequotas", "ResourceQuota", true, &["quota"], &[], true, false),
    ("v1", "secrets", "Secret", true, &[], &[], false, false),
    ("v1", "serviceaccounts", "ServiceAccount", true, &["sa"], &[], false, false),
    ("v1", "services", "Service", true, &["svc"], &["all"], true, false),
    ("admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false, &[], &["api-extensions"], false, true),
    ("admissionregistration.k8s.io/v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false, &[], &["api-extensions"], false, true),
    ("apiextensions.k8s.io/v1", "customresourcedefinitions", "CustomResourceDefinition", false, &["crd", "crds"], &["api-extensions"], true, true),
    ("apps/v1", "daemonsets", "DaemonSet", true, &["ds"], &["all"], true, true),
    ("apps/v1", "deployments", "Deployment", true, &["deploy"], &["all"], true, true),
    ("apps/v1", "replicasets", "ReplicaSet", true, &["rs"], &["all"], true, true),
    ("apps/v1", "statefulsets", "StatefulSet", true, &["sts"], &["all"], true, true),
    ("autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, &["hpa"], &["all"], true, true),
    ("batch/v1", "cronjobs", "CronJob", true, &["cj"], &["all"], true, true),
    ("batch/v1", "jobs", "Job", true, &[], &["all"], true, true),
    ("networking.k8s.io/v1", "ingressclasses", "IngressClass", false, &[], &[], false, true),
    ("networking.k8s.io/v1", "ingresses", "Ingress", true, &["ing"], &[], true, true),
    ("networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", true, &["netpol"], &[], false, true),
    ("policy/v1", "poddisruptionbudgets", "PodDisruptionBudget", true, &["pdb"], &[], true, true),
    ("rbac.authorization.k8s.io/v1", "clusterrolebindings", "ClusterRoleBinding", false, &[], &[], false, false),
    ("rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", false, &[], &[], false, false),
    ("rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", true, &[], &[], false, false),
    ("rbac.authorization.k8s.io/v1", "roles", "Role", true, &[], &[], false, false),
    ("scheduling.k8s.io/v1", "priorityclasses", "PriorityClass", false, &["pc"], &[], false, false),
    ("storage.k8s.io/v1", "storageclasses", "StorageClass", false, &["sc"], &[], false, false),
];

pub fn builtins() -> Vec<ResourceInfo> {
    BUILTIN
        .iter()
        .map(
            |(gv, plural, kind, namespaced, short, cats, status, generation)| {
                let (group, version) = match gv.split_once('/') {
                    Some((g, v)) => (g.to_string(), v.to_string()),
                    None => (String::new(), gv.to_string()),
                };
                let verbs: Vec<String> = if *plural == "namespaces" {
                    VERBS
                        .iter()
                        .filter(|v| **v != "deletecollection")
                        .map(|v| v.to_string())
                        .collect()
                } else {
                    VERBS.iter().map(|v| v.to_string()).collect()
                };
                ResourceInfo {
                    group,
                    version,
                    plural: plural.to_string(),
                    singular: kind.to_lowercase(),
                    kind: kind.to_string(),
                    namespaced: *namespaced,
                    short_names: short.iter().map(|s| s.to_string()).collect(),
                    categories: cats.iter().map(|s| s.to_string()).collect(),
                    verbs,
                    status_subresource: *status,
                    has_generation: *generation,
                    crd: None,
                    schema: None,
                }
            },
        )
        .collect()
}

fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a CRD's Established condition is True.
pub fn crd_established(crd: &Value) -> bool {
    crd.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|c| {
            c.iter().any(|c| {
                c.get("type").and_then(Value::as_str) == Some("Established")
                    && c.get("status").and_then(Value::as_str) == Some("True")
            })
        })
}

/// The resources an established CRD serves (one per served version).
pub fn crd_resources(crd: &Value) -> Vec<ResourceInfo> {
    if !crd_established(crd) {
        return Vec::new();
    }
    let spec = &crd["spec"];
    let names = crd
        .pointer("/status/acceptedNames")
        .filter(|n| n.get("plural").is_some())
        .unwrap_or(&spec["names"]);
    let group = spec["group"].as_str().unwrap_or("").to_string();
    let kind = names["kind"].as_str().unwrap_or("").to_string();
    let plural = names["plural"].as_str().unwrap_or("").to_string();
    let singular = names["singular"]
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| kind.to_lowercase());
    let namespaced = spec["scope"].as_str() != Some("Cluster");
    let mut out = Vec::new();
    for v in spec["versions"].as_array().into_iter().flatten() {
        if v["served"].as_bool() != Some(true) {
            continue;
        }
        out.push(ResourceInfo {
            group: group.clone(),
            version: v["name"].as_str().unwrap_or("").to_string(),
            plural: plural.clone(),
            singular: singular.clone(),
            kind: kind.clone(),
            namespaced,
            short_names: strs(names.get("shortNames")),
            categories: strs(names.get("categories")),
            verbs: VERBS.iter().map(|v| v.to_string()).collect(),
            status_subresource: v.pointer("/subresources/status").is_some(),
            has_generation: true,
            crd: crd
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .map(String::from),
            schema: v.pointer("/schema/openAPIV3Schema").cloned(),
        });
    }
    out
}

/// Kube-aware version priority (v1 > v1beta1 > v1alpha1 > other), as discovery sorts.
pub fn version_priority(v: &str) -> (u8, i64, i64, String) {
    let parse = |s: &str| -> Option<(u8, i64, i64)> {
        let rest = s.strip_prefix('v')?;
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            return None;
        }
        let major: i64 = digits.parse().ok()?;
        let tail = &rest[digits.len()..];
        if tail.is_empty() {
            return Some((0, -major, 0));
        }
        for (i, pre) in ["beta", "alpha"].iter().enumerate() {
            if let Some(n) = tail.strip_prefix(pre) {
                let minor: i64 = n.parse().ok()?;
                return Some((1 + i as u8, -major, -minor));
            }
        }
        None
    };
    match parse(v) {
        Some((a, b, c)) => (a, b, c, String::new()),
        None => (3, 0, 0, v.to_string()),
    }
}

pub fn version_doc() -> Value {
    json!({
        "major": "1",
        "minor": "33",
        "emulationMajor": "1",
        "emulationMinor": "33",
        "minCompatibilityMajor": "1",
        "minCompatibilityMinor": "32",
        "gitVersion": "v1.33.0",
        "gitCommit": "60a317eadfcb839692a5551a25d0d1e0e3b4d9b1",
        "gitTreeState": "clean",
        "buildDate": "2025-04-23T13:00:05Z",
        "goVersion": "go1.24.2",
        "compiler": "gc",
        "platform": "linux/amd64"
    })
}

pub fn api_versions(addr: &str) -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": addr}]
    })
}

/// Groups (other than core) with their versions, preferred first.
pub fn groups(resources: &[ResourceInfo]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for r in resources.iter().filter(|r| !r.group.is_empty()) {
        match out.iter_mut().find(|(g, _)| *g == r.group) {
            Some((_, vs)) => {
                if !vs.contains(&r.version) {
                    vs.push(r.version.clone());
                }
            }
            None => out.push((r.group.clone(), vec![r.version.clone()])),
        }
    }
    for (_, vs) in out.iter_mut() {
        vs.sort_by_key(|v| version_priority(v));
    }
    out
}

fn group_doc(group: &str, versions: &[String]) -> Value {
    let gv = |v: &str| json!({"groupVersion": format!("{group}/{v}"), "version": v});
    json!({
        "name": group,
        "versions": versions.iter().map(|v| gv(v)).collect::<Vec<_>>(),
        "preferredVersion": gv(&versions[0]),
    })
}

pub fn api_group_list(resources: &[ResourceInfo]) -> Value {
    json!({
        "kind": "APIGroupList",
        "apiVersion": "v1",
        "groups": groups(resources).iter().map(|(g, vs)| group_doc(g, vs)).collect::<Vec<_>>(),
    })
}

pub fn api_group(resources: &[ResourceInfo], group: &str) -> Option<Value> {
    let (g, vs) = groups(resources).into_iter().find(|(g, _)| g == group)?;
    let mut d = group_doc(&g, &vs);
    let m = d.as_object_mut().unwrap();
    let mut out = Map::new();
    out.insert("kind".into(), json!("APIGroup"));
    out.insert("apiVersion".into(), json!("v1"));
    for (k, v) in std::mem::take(m) {
        out.insert(k, v);
    }
    Some(Value::Object(out))
}

pub fn api_resource_list(resources: &[ResourceInfo], group: &str, version: &str) -> Option<Value> {
    let rs: Vec<&ResourceInfo> = resources
        .iter()
        .filter(|r| r.group == group && r.version == version)
        .collect();
    if rs.is_empty() {
        return None;
    }
    let mut list = Vec::new();
    let mut sorted = rs.clone();
    sorted.sort_by(|a, b| a.plural.cmp(&b.plural));
    for r in sorted {
        let mut e = Map::new();
        e.insert("name".into(), json!(r.plural));
        e.insert("singularName".into(), json!(r.singular));
        e.insert("namespaced".into(), json!(r.namespaced));
        e.insert("kind".into(), json!(r.kind));
        e.insert("verbs".into(), json!(r.verbs));
        if !r.short_names.is_empty() {
            e.insert("shortNames".into(), json!(r.short_names));
        }
        if !r.categories.is_empty() {
            e.insert("categories".into(), json!(r.categories));
        }
        list.push(Value::Object(e));
        if r.status_subresource {
            list.push(json!({
                "name": format!("{}/status", r.plural),
                "singularName": "",
                "namespaced": r.namespaced,
                "kind": r.kind,
                "verbs": ["get", "patch", "update"],
            }));
        }
    }
    let gv = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    Some(json!({
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": gv,
        "resources": list,
    }))
}

// ---------------------------------------------------------------------------------------
// OpenAPI v3: kubectl checks that PATCH accepts `fieldValidation` before it relies on
// server-side field validation; it reads nothing else for apply, diff, get or delete.

fn openapi_path_key(gv: &str) -> String {
    if gv.contains('/') {
        format!("apis/{gv}")
    } else {
        format!("api/{gv}")
    }
}

fn gv_of(r: &ResourceInfo) -> String {
    r.api_version()
}

pub fn openapi_v3_doc(resources: &[ResourceInfo], gv: &str) -> Option<Value> {
    let rs: Vec<&ResourceInfo> = resources.iter().filter(|r| gv_of(r) == gv).collect();
    if rs.is_empty() {
        return None;
    }
    let mut paths = Map::new();
    let param = |name: &str, desc: &str| json!({"name": name, "in": "query", "description": desc, "schema": {"type": "string", "uniqueItems": true}});
    for r in rs {
        let item_path = if r.namespaced {
            format!("{}/{{name}}", r.collection_path(Some("{namespace}")))
        } else {
            format!("{}/{{name}}", r.collection_path(None))
        };
        let gvk = json!({"group": r.group, "version": r.version, "kind": r.kind});
        let op = |verb: &str, action: &str| {
            json!({
                "description": format!("{verb} the specified {}", r.kind),
                "operationId": format!("{verb}{}", r.kind),
                "parameters": [
                    param("dryRun", "When present, indicates that modifications should not be persisted."),
                    param("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."),
                    param("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields."),
                    {"name": "force", "in": "query", "schema": {"type": "boolean", "uniqueItems": true}},
                ],
                "responses": {"200": {"description": "OK"}},
                "x-kubernetes-action": action,
                "x-kubernetes-group-version-kind": gvk,
            })
        };
        paths.insert(
            item_path,
            json!({
                "get": {
                    "operationId": format!("read{}", r.kind),
                    "responses": {"200": {"description": "OK"}},
                    "x-kubernetes-action": "get",
                    "x-kubernetes-group-version-kind": gvk,
                },
                "put": op("replace", "put"),
                "patch": op("patch", "patch"),
                "parameters": [
                    {"name": "name", "in": "path", "required": true, "schema": {"type": "string", "uniqueItems": true}},
                ],
            }),
        );
    }
    Some(json!({
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": "v1.33.0"},
        "paths": paths,
        "components": {"schemas": {}},
    }))
}

pub fn openapi_v3_root(resources: &[ResourceInfo]) -> Value {
    let mut gvs: Vec<String> = resources.iter().map(gv_of).collect();
    gvs.sort();
    gvs.dedup();
    let mut paths = Map::new();
    for gv in gvs {
        let doc = openapi_v3_doc(resources, &gv).unwrap();
        let hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            doc.to_string().hash(&mut h);
            format!("{:016X}", h.finish())
        };
        let key = openapi_path_key(&gv);
        paths.insert(
            key.clone(),
            json!({"serverRelativeURL": format!("/openapi/v3/{key}?hash={hash}")}),
        );
    }
    json!({ "paths": paths })
}
