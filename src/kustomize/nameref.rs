//! Name references: after renames (prefix, suffix, hash, namespace), every field that
//! kustomize's nameReference table lists is re-pointed from the old name to the new one.
//! This follows kustomize's `nameref` filter: which objects a referrer can see, and the
//! sequence of sieves that picks the one referral.

use super::fieldspec::{walk, NameReference, TransformerConfig};
use super::kustomization::FieldSpec;
use super::par;
use super::resource::{effective_namespace, Resource};
use crate::object::ObjectId;
use serde_json::Value;
use std::collections::HashMap;

/// What a referral candidate looks like (names do not change during this pass).
struct Candidate {
    current: ObjectId,
    original: ObjectId,
    previous: Vec<ObjectId>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
}

fn gvk_selects(sel_group: &str, sel_version: &str, sel_kind: &str, id: &ObjectId) -> bool {
    (sel_group.is_empty() || sel_group == id.group)
        && (sel_version.is_empty() || sel_version == id.version)
        && (sel_kind.is_empty() || sel_kind == id.kind)
}

fn same_ending(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return long.is_empty();
    }
    long.ends_with(short)
}

fn affixes_match(c: &Candidate, r: &Referrer, allow_empty: bool) -> bool {
    if allow_empty {
        (c.prefixes.is_empty() || r.prefixes.is_empty() || same_ending(&c.prefixes, &r.prefixes))
            && (c.suffixes.is_empty()
                || r.suffixes.is_empty()
                || same_ending(&c.suffixes, &r.suffixes))
    } else {
        same_ending(&c.prefixes, &r.prefixes) && same_ending(&c.suffixes, &r.suffixes)
    }
}

struct Referrer {
    id: ObjectId,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    /// Namespaces of a RoleBinding's ServiceAccount subjects.
    role_binding_namespaces: Vec<String>,
    /// `roleRef` apiGroup and kind.
    role_ref: Option<(String, String)>,
}

fn is_cluster(id: &ObjectId) -> bool {
    super::resource::is_cluster(id)
}

struct Pass<'a> {
    candidates: &'a [Candidate],
    by_previous_name: HashMap<&'a str, Vec<usize>>,
    /// Namespaced candidates by their original (effective) namespace.
    by_original_namespace: HashMap<&'a str, Vec<usize>>,
}

impl Pass<'_> {
    /// kustomize's `SubsetThatCouldBeReferencedByResource`.
    fn reachable(&self, r: &Referrer, c: &Candidate) -> bool {
        is_cluster(&r.id)
            || is_cluster(&c.current)
            || effective_namespace(&c.current) == effective_namespace(&r.id)
            || r.role_binding_namespaces.contains(&c.current.namespace)
    }

    /// kustomize's `selectReferral`: the candidate that used to be called `old_name`.
    fn select(
        &self,
        r: &Referrer,
        target: &(String, String, String),
        path: &str,
        old_name: &str,
        namespace_filter: Option<&str>,
        map_node: bool,
    ) -> Result<Option<usize>, String> {
        let Some(indices) = self.by_previous_name.get(old_name) else {
            return Ok(None);
        };
        let mut found: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|&i| self.reachable(r, &self.candidates[i]))
            .collect();
        if let Some(ns) = namespace_filter {
            // kustomize's filterMapCandidatesByNamespace: the candidates (of any name and
            // kind) whose original namespace is the field's, if there are any; else those
            // whose current namespace is. Cluster-scoped objects are in neither group.
            let any_original = self
                .by_original_namespace
                .get(ns)
                .is_some_and(|list| list.iter().any(|&i| self.reachable(r, &self.candidates[i])));
            let in_ns = |id: &ObjectId| !is_cluster(id) && effective_namespace(id) == ns;
            found.retain(|&i| {
                let c = &self.candidates[i];
                if any_original {
                    in_ns(&c.original)
                } else {
                    in_ns(&c.current)
                }
            });
        }
        let (tg, tv, tk) = target;
        found.retain(|&i| {
            self.candidates[i]
                .previous
                .iter()
                .any(|p| p.name == old_name)
        });
        found.retain(|&i| {
            self.candidates[i]
                .previous
                .iter()
                .any(|p| gvk_selects(tg, tv, tk, p))
        });
        if path.ends_with("roleRef/name") {
            if let Some((group, kind)) = &r.role_ref {
                found.retain(|&i| {
                    self.candidates[i]
                        .previous
                        .iter()
                        .any(|p| gvk_selects(group, "", kind, p))
                });
            }
        }
        found.retain(|&i| {
            let c = &self.candidates[i];
            is_cluster(&r.id)
                || is_cluster(&c.current)
                || c.current.kind == "ServiceAccount"
                || effective_namespace(&c.current) == effective_namespace(&r.id)
        });
        if found.len() == 1 {
            return Ok(Some(found[0]));
        }
        found.retain(|&i| affixes_match(&self.candidates[i], r, true));
        if found.len() == 1 {
            return Ok(Some(found[0]));
        }
        found.retain(|&i| affixes_match(&self.candidates[i], r, false));
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            [first, rest @ ..] => {
                let same = |i: &usize| {
                    let (a, b) = (
                        &self.candidates[*first].current,
                        &self.candidates[*i].current,
                    );
                    // A name-and-namespace mapping needs the same namespace too
                    // (allNamesAndNamespacesAreTheSame), a plain name only the name.
                    a.name == b.name && (!map_node || a.namespace == b.namespace)
                };
                if rest.iter().all(same) {
                    Ok(Some(*first))
                } else {
                    let ids: Vec<String> = found
                        .iter()
                        .map(|&i| self.candidates[i].current.to_string())
                        .collect();
                    Err(format!(
                        "found multiple possible referrals: {}",
                        ids.join(", ")
                    ))
                }
            }
        }
    }

    fn set(
        &self,
        r: &Referrer,
        target: &(String, String, String),
        path: &str,
        node: &mut Value,
    ) -> Result<(), String> {
        match node {
            Value::Null => Ok(()),
            Value::Array(items) => items.iter_mut().try_for_each(|item| match item {
                Value::Object(_) | Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                    self.set(r, target, path, item)
                }
                _ => Ok(()),
            }),
            Value::Object(map) => {
                let old = match map.get("name") {
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                    None => return Err("path config error; no 'name' field in node".into()),
                };
                let ns = map
                    .get("namespace")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let Some(i) = self.select(r, target, path, &old, ns.as_deref(), true)? else {
                    return Ok(());
                };
                let c = &self.candidates[i].current;
                if c.name == old && c.namespace.is_empty() {
                    return Ok(());
                }
                map.insert("name".into(), Value::String(c.name.clone()));
                if !c.namespace.is_empty() {
                    map.insert("namespace".into(), Value::String(c.namespace.clone()));
                }
                Ok(())
            }
            scalar => {
                let old = match &*scalar {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                if let Some(i) = self.select(r, target, path, &old, None, false)? {
                    let name = &self.candidates[i].current.name;
                    if *name != old {
                        *scalar = Value::String(name.clone());
                    }
                }
                Ok(())
            }
        }
    }
}

fn referrer_of(r: &Resource) -> Referrer {
    let v = r.object().as_value();
    let id = r.object().id().clone();
    let role_binding_namespaces = if id.kind == "RoleBinding" {
        v.get("subjects")
            .and_then(Value::as_array)
            .map(|subjects| {
                subjects
                    .iter()
                    .filter(|s| s.get("kind").and_then(Value::as_str) == Some("ServiceAccount"))
                    .filter_map(|s| {
                        s.get("namespace")
                            .and_then(Value::as_str)
                            .map(str::to_string)
                    })
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let role_ref = v.get("roleRef").map(|rr| {
        let s = |k: &str| rr.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        (s("apiGroup"), s("kind"))
    });
    Referrer {
        id,
        prefixes: r.prefixes.clone(),
        suffixes: r.suffixes.clone(),
        role_binding_namespaces,
        role_ref,
    }
}

/// kustomize's `getNamespacesForRoleBinding` (run for every RoleBinding during the name
/// reference pass): a ServiceAccount subject whose `namespace` is present but not a string
/// (left blank) is an error.
fn check_role_binding_subjects(resources: &[Resource]) -> Result<(), String> {
    for r in resources {
        let id = r.object().id();
        if id.kind != "RoleBinding" || is_cluster(id) {
            continue;
        }
        let subjects = r
            .object()
            .as_value()
            .get("subjects")
            .and_then(Value::as_array);
        for s in subjects.into_iter().flatten().filter_map(Value::as_object) {
            let blank = s.get("namespace").is_some_and(|ns| !ns.is_string());
            if blank && s.get("kind").and_then(Value::as_str) == Some("ServiceAccount") {
                return Err(format!(
                    "Invalid Input: namespace is blank for resource {:?}",
                    super::resid::resid_string(id)
                ));
            }
        }
    }
    Ok(())
}

/// Re-points every name reference in `resources` to the current names.
pub fn fix(resources: &mut [Resource], config: &TransformerConfig) -> Result<(), String> {
    check_role_binding_subjects(resources)?;
    let candidates: Vec<Candidate> = resources
        .iter()
        .map(|r| Candidate {
            current: r.object().id().clone(),
            original: r.original_id(),
            previous: r.previous_ids().to_vec(),
            prefixes: r.prefixes.clone(),
            suffixes: r.suffixes.clone(),
        })
        .collect();
    let mut by_previous_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        let mut names: Vec<&str> = c.previous.iter().map(|p| p.name.as_str()).collect();
        names.dedup();
        for n in names {
            let list = by_previous_name.entry(n).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    if by_previous_name.is_empty() {
        return Ok(());
    }
    let mut by_original_namespace: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if !is_cluster(&c.original) {
            by_original_namespace
                .entry(effective_namespace(&c.original))
                .or_default()
                .push(i);
        }
    }
    let pass = Pass {
        candidates: &candidates,
        by_previous_name,
        by_original_namespace,
    };
    par::map(resources, |r| {
        let original = r.original_id();
        let specs: Vec<(&NameReference, &FieldSpec)> = config
            .name_reference
            .iter()
            .flat_map(|b| b.field_specs.iter().map(move |s| (b, s)))
            .filter(|(_, s)| s.selects(&original))
            .collect();
        if specs.is_empty() {
            return Ok(());
        }
        let referrer = referrer_of(r);
        r.object_mut()
            .edit(|value| {
                for (backref, spec) in specs {
                    let target = (
                        backref.group.clone(),
                        backref.version.clone(),
                        backref.kind.clone(),
                    );
                    let spec = FieldSpec {
                        create: false,
                        ..spec.clone()
                    };
                    walk(value, &spec, None, &mut |node| {
                        pass.set(&referrer, &target, &spec.path, node)
                    })?;
                }
                Ok(())
            })
            .map_err(|e| format!("{}: {e}", referrer.id))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kustomize::fieldspec::builtin;
    use serde_json::json;

    /// Renames `r` as a transformer does: the current id becomes a previous one.
    fn rename(r: &mut Resource, name: &str, namespace: Option<&str>) {
        r.store_previous_id();
        r.edit(|v| {
            v["metadata"]["name"] = json!(name);
            if let Some(ns) = namespace {
                v["metadata"]["namespace"] = json!(ns);
            }
            Ok(())
        })
        .unwrap();
    }

    /// `namePrefix`: the prefix is recorded and the name changes.
    fn prefix(r: &mut Resource, p: &str) {
        let name = format!("{p}{}", r.object().id().name);
        r.prefixes.push(p.to_string());
        rename(r, &name, None);
    }

    fn config_map(name: &str, namespace: Option<&str>) -> Resource {
        let mut v = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}});
        if let Some(ns) = namespace {
            v["metadata"]["namespace"] = json!(ns);
        }
        Resource::for_test(v)
    }

    fn deployment(name: &str, namespace: Option<&str>, pod_spec: Value) -> Resource {
        let mut v = json!({"apiVersion": "apps/v1", "kind": "Deployment",
                           "metadata": {"name": name},
                           "spec": {"template": {"spec": pod_spec}}});
        if let Some(ns) = namespace {
            v["metadata"]["namespace"] = json!(ns);
        }
        Resource::for_test(v)
    }

    fn pod_spec_of(r: &Resource) -> &Value {
        &r.object().as_value()["spec"]["template"]["spec"]
    }

    fn volume_with(config_map: &str) -> Value {
        json!({"volumes": [{"name": "c", "configMap": {"name": config_map}}]})
    }

    #[test]
    fn a_prefixed_and_hashed_config_map_and_secret_are_followed_everywhere() {
        let pod_spec = json!({
            "containers": [{"name": "app",
                "envFrom": [{"configMapRef": {"name": "cfg"}}, {"secretRef": {"name": "sec"}}],
                "env": [
                    {"name": "K", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "a"}}},
                    {"name": "U", "valueFrom": {"configMapKeyRef": {"name": "unrelated", "key": "a"}}}
                ]}],
            "volumes": [{"name": "c", "configMap": {"name": "cfg"}},
                        {"name": "s", "secret": {"secretName": "sec"}}]
        });
        let mut cm = config_map("cfg", None);
        let mut secret = Resource::for_test(json!({"apiVersion": "v1", "kind": "Secret",
                                         "metadata": {"name": "sec"}, "type": "Opaque"}));
        let mut web = deployment("web", None, pod_spec);
        for r in [&mut cm, &mut secret, &mut web] {
            prefix(r, "p-");
        }
        rename(&mut cm, "p-cfg-h29d89cmmt", None);
        rename(&mut secret, "p-sec-6dg6bbh8f9", None);
        let mut resources = vec![cm, secret, web];
        fix(&mut resources, builtin()).unwrap();
        assert_eq!(
            pod_spec_of(&resources[2]),
            &json!({
                "containers": [{"name": "app",
                    "envFrom": [{"configMapRef": {"name": "p-cfg-h29d89cmmt"}},
                                {"secretRef": {"name": "p-sec-6dg6bbh8f9"}}],
                    "env": [
                        {"name": "K", "valueFrom": {"configMapKeyRef":
                            {"name": "p-cfg-h29d89cmmt", "key": "a"}}},
                        {"name": "U", "valueFrom": {"configMapKeyRef":
                            {"name": "unrelated", "key": "a"}}}
                    ]}],
                "volumes": [{"name": "c", "configMap": {"name": "p-cfg-h29d89cmmt"}},
                            {"name": "s", "secret": {"secretName": "p-sec-6dg6bbh8f9"}}]
            })
        );
    }

    #[test]
    fn a_reference_follows_only_the_kind_it_names() {
        let cm = config_map("cfg", None);
        let mut secret = Resource::for_test(json!({"apiVersion": "v1", "kind": "Secret",
                                         "metadata": {"name": "cfg"}}));
        rename(&mut secret, "secret-new", None);
        let rbac = |kind: &str| {
            Resource::for_test(
                json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
                            "metadata": {"name": "r"}}),
            )
        };
        let (mut role, mut cluster_role) = (rbac("Role"), rbac("ClusterRole"));
        rename(&mut role, "role-new", None);
        rename(&mut cluster_role, "clusterrole-new", None);
        let binding = Resource::for_test(json!({
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": {"name": "rb"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"},
            "subjects": [{"kind": "ServiceAccount", "name": "default"}]
        }));
        let web = deployment(
            "web",
            None,
            json!({"volumes": [{"name": "c", "configMap": {"name": "cfg"}},
                               {"name": "s", "secret": {"secretName": "cfg"}}]}),
        );
        let mut resources = vec![cm, secret, role, cluster_role, binding, web];
        fix(&mut resources, builtin()).unwrap();
        assert_eq!(
            resources[4].object().as_value()["roleRef"]["name"],
            json!("role-new")
        );
        assert_eq!(
            pod_spec_of(&resources[5]),
            &json!({"volumes": [{"name": "c", "configMap": {"name": "cfg"}},
                                {"name": "s", "secret": {"secretName": "secret-new"}}]})
        );
    }

    #[test]
    fn a_reference_does_not_reach_into_another_namespace() {
        let mut cm = config_map("cfg", Some("a"));
        rename(&mut cm, "cfg-renamed", None);
        let in_a = deployment("in-a", Some("a"), volume_with("cfg"));
        let in_b = deployment("in-b", Some("b"), volume_with("cfg"));
        let mut resources = vec![cm, in_a, in_b];
        fix(&mut resources, builtin()).unwrap();
        assert_eq!(pod_spec_of(&resources[1]), &volume_with("cfg-renamed"));
        assert_eq!(pod_spec_of(&resources[2]), &volume_with("cfg"));
    }

    #[test]
    fn a_name_and_namespace_reference_follows_both() {
        // `namespace: prod` then `namePrefix: p-`: a ClusterRoleBinding subject that named
        // the ServiceAccount in its original (default) namespace is re-pointed, one naming
        // another namespace is not.
        let mut sa = Resource::for_test(json!({"apiVersion": "v1", "kind": "ServiceAccount",
                                     "metadata": {"name": "sa"}}));
        rename(&mut sa, "sa", Some("prod"));
        prefix(&mut sa, "p-");
        let mut crb = Resource::for_test(json!({
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": {"name": "crb"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                        "name": "view"},
            "subjects": [
                {"kind": "ServiceAccount", "name": "sa", "namespace": "default"},
                {"kind": "ServiceAccount", "name": "sa", "namespace": "elsewhere"}
            ]
        }));
        rename(&mut crb, "crb", None);
        prefix(&mut crb, "p-");
        let mut resources = vec![sa, crb];
        fix(&mut resources, builtin()).unwrap();
        let crb = resources[1].object().as_value();
        assert_eq!(
            crb["subjects"],
            json!([
                {"kind": "ServiceAccount", "name": "p-sa", "namespace": "prod"},
                {"kind": "ServiceAccount", "name": "sa", "namespace": "elsewhere"}
            ])
        );
        assert_eq!(crb["roleRef"]["name"], json!("view"));
    }

    /// Two bases each generate `cfg` under their own prefix (`x-`, `y-`); the top-level
    /// kustomization holds a Deployment that names `cfg`, with `top` as its prefix.
    fn two_bases(top: Option<&str>) -> Vec<Resource> {
        let mut x = config_map("cfg", None);
        prefix(&mut x, "x-");
        let mut y = config_map("cfg", None);
        prefix(&mut y, "y-");
        let mut web = deployment("web", None, volume_with("cfg"));
        if let Some(p) = top {
            for r in [&mut x, &mut y, &mut web] {
                prefix(r, p);
            }
        }
        vec![x, y, web]
    }

    #[test]
    fn candidates_the_prefixes_cannot_tell_apart_are_ambiguous() {
        let mut resources = two_bases(Some("z-"));
        let err = fix(&mut resources, builtin()).unwrap_err();
        assert!(err.starts_with("Deployment/z-web: "), "{err}");
        assert!(
            err.ends_with(
                "found multiple possible referrals: ConfigMap/z-x-cfg, ConfigMap/z-y-cfg"
            ),
            "{err}"
        );
        // Without a prefix of its own the Deployment matches neither, and keeps the name.
        let mut resources = two_bases(None);
        fix(&mut resources, builtin()).unwrap();
        assert_eq!(pod_spec_of(&resources[2]), &volume_with("cfg"));
    }

    #[test]
    fn a_blank_service_account_namespace_in_a_role_binding_is_refused() {
        let mut cm = config_map("cfg", None);
        rename(&mut cm, "cfg-2", None);
        let binding = Resource::for_test(json!({
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": {"name": "rb"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"},
            "subjects": [{"kind": "ServiceAccount", "name": "sa", "namespace": null}]
        }));
        let mut resources = vec![cm, binding];
        assert_eq!(
            fix(&mut resources, builtin()).unwrap_err(),
            "Invalid Input: namespace is blank for resource \
             \"RoleBinding.v1.rbac.authorization.k8s.io/rb.[noNs]\""
        );
    }
}
