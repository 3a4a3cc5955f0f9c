//! The server's state: objects keyed by group/resource/namespace/name, the global
//! resourceVersion counter, the watch event log, and test knobs (faults, stalls, delays).

use super::discovery::{self, ResourceInfo};
use super::RequestRecord;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub group: String,
    pub resource: String,
    pub namespace: String,
    pub name: String,
}

impl Key {
    pub fn of(r: &ResourceInfo, ns: Option<&str>, name: &str) -> Key {
        Key {
            group: r.group.clone(),
            resource: r.plural.clone(),
            namespace: if r.namespaced {
                ns.unwrap_or("").to_string()
            } else {
                String::new()
            },
            name: name.to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Event {
    pub rv: u64,
    pub group: String,
    pub resource: String,
    pub kind: &'static str,
    pub object: Value,
}

#[derive(Debug, Clone)]
pub struct Fault {
    pub method: String,
    pub path_contains: String,
    pub remaining: usize,
    /// `None`: drop the connection.
    pub status: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct DelayRule {
    pub method: String,
    pub path_contains: String,
    pub delay: Duration,
}

pub struct State {
    pub objects: BTreeMap<Key, Value>,
    pub rv: u64,
    pub events: Vec<Event>,
    /// (kind, namespace, name) whose status the controller simulation never makes ready.
    pub stalled: HashSet<(String, String, String)>,
    pub crd_delay: Duration,
    pub crd_pending: Vec<(Key, Instant)>,
    pub faults: Vec<Fault>,
    pub delays: Vec<DelayRule>,
    pub requests: Vec<RequestRecord>,
    pub writes: usize,
    pub next_cluster_ip: u32,
    pub next_lb_ip: u32,
    pub addr: String,
    /// Added to every request: (reads and dry-runs, writes), like a real API server's
    /// admission and etcd round trips.
    pub latency: (Duration, Duration),
    /// When set, requests without `Authorization: Bearer TOKEN` get 401 Unauthorized.
    pub required_token: Option<String>,
    builtins: Vec<ResourceInfo>,
}

impl State {
    pub fn new(addr: String) -> State {
        State {
            objects: BTreeMap::new(),
            rv: 1000,
            events: Vec::new(),
            stalled: HashSet::new(),
            crd_delay: Duration::ZERO,
            crd_pending: Vec::new(),
            faults: Vec::new(),
            delays: Vec::new(),
            requests: Vec::new(),
            writes: 0,
            next_cluster_ip: 10,
            next_lb_ip: 10,
            addr,
            required_token: None,
            latency: (Duration::ZERO, Duration::ZERO),
            builtins: discovery::builtins(),
        }
    }

    /// Built-in resources and those of established CRDs.
    pub fn resources(&self) -> Vec<ResourceInfo> {
        let mut out = self.builtins.clone();
        for (k, crd) in &self.objects {
            if k.group == "apiextensions.k8s.io" && k.resource == "customresourcedefinitions" {
                out.extend(discovery::crd_resources(crd));
            }
        }
        out
    }

    pub fn is_builtin_group_version(&self, group: &str, version: &str) -> bool {
        self.builtins
            .iter()
            .any(|r| r.group == group && r.version == version)
    }

    pub fn find_resource(&self, group: &str, version: &str, plural: &str) -> Option<ResourceInfo> {
        self.resources()
            .into_iter()
            .find(|r| r.group == group && r.version == version && r.plural == plural)
    }

    pub fn find_kind(&self, api_version: &str, kind: &str) -> Option<ResourceInfo> {
        let (group, version) = match api_version.split_once('/') {
            Some((g, v)) => (g, v),
            None => ("", api_version),
        };
        self.resources()
            .into_iter()
            .find(|r| r.group == group && r.version == version && r.kind == kind)
    }

    /// A resource by kind only (any served version; first registered).
    pub fn find_kind_any_version(&self, kind: &str) -> Option<ResourceInfo> {
        self.resources().into_iter().find(|r| r.kind == kind)
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        self.objects.get(key)
    }

    pub fn namespace_exists(&self, ns: &str) -> bool {
        self.objects.contains_key(&Key {
            group: String::new(),
            resource: "namespaces".into(),
            namespace: String::new(),
            name: ns.to_string(),
        })
    }

    /// Stores an object with the next resourceVersion and logs the watch event.
    pub fn put(&mut self, key: Key, mut obj: Value) -> Value {
        self.rv += 1;
        let rv = self.rv;
        super::util::ensure_obj(&mut obj, &["metadata"])
            .insert("resourceVersion".into(), Value::String(rv.to_string()));
        let kind = if self.objects.contains_key(&key) {
            "MODIFIED"
        } else {
            "ADDED"
        };
        self.events.push(Event {
            rv,
            group: key.group.clone(),
            resource: key.resource.clone(),
            kind,
            object: obj.clone(),
        });
        self.objects.insert(key, obj.clone());
        obj
    }

    pub fn remove(&mut self, key: &Key) -> Option<Value> {
        let mut obj = self.objects.remove(key)?;
        self.rv += 1;
        let rv = self.rv;
        super::util::ensure_obj(&mut obj, &["metadata"])
            .insert("resourceVersion".into(), Value::String(rv.to_string()));
        self.events.push(Event {
            rv,
            group: key.group.clone(),
            resource: key.resource.clone(),
            kind: "DELETED",
            object: obj.clone(),
        });
        Some(obj)
    }

    /// Objects of a resource, in storage key order (namespace, name).
    pub fn list(&self, group: &str, resource: &str, ns: Option<&str>) -> Vec<(&Key, &Value)> {
        self.objects
            .iter()
            .filter(|(k, _)| {
                k.group == group && k.resource == resource && ns.is_none_or(|n| k.namespace == n)
            })
            .collect()
    }

    pub fn is_stalled(&self, kind: &str, ns: &str, name: &str) -> bool {
        self.stalled
            .contains(&(kind.to_string(), ns.to_string(), name.to_string()))
    }
}

/// An object as served at a given version (custom resources: apiVersion rewritten).
pub fn served(r: &ResourceInfo, obj: &Value) -> Value {
    let mut out = Map::new();
    let m = obj.as_object().cloned().unwrap_or_default();
    out.insert("kind".into(), Value::String(r.kind.clone()));
    out.insert("apiVersion".into(), Value::String(r.api_version()));
    if let Some(md) = m.get("metadata") {
        out.insert("metadata".into(), order_metadata(md));
    }
    let mut status = None;
    for (k, v) in m {
        match k.as_str() {
            "kind" | "apiVersion" | "metadata" => {}
            "status" => status = Some(v),
            _ => {
                out.insert(k, v);
            }
        }
    }
    if let Some(s) = status {
        out.insert("status".into(), s);
    }
    Value::Object(out)
}

const META_ORDER: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];

/// ObjectMeta in Go struct field order, labels and annotations sorted (Go map encoding).
pub fn order_metadata(md: &Value) -> Value {
    let Some(m) = md.as_object() else {
        return md.clone();
    };
    let mut out = Map::new();
    for k in META_ORDER {
        if let Some(v) = m.get(*k) {
            let v = if matches!(*k, "labels" | "annotations") {
                sorted_map(v)
            } else {
                v.clone()
            };
            out.insert(k.to_string(), v);
        }
    }
    for (k, v) in m {
        if !out.contains_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

pub fn sorted_map(v: &Value) -> Value {
    match v.as_object() {
        Some(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), m[k].clone()))
                    .collect(),
            )
        }
        None => v.clone(),
    }
}
