//! Name references: after renames (prefix, suffix, hash, namespace), every field that
//! kustomize's nameReference table lists is re-pointed from the old name to the new one.
//! This follows kustomize's `nameref` filter: which objects a referrer can see, and the
//! sequence of sieves that picks the one referral.

use super::fieldspec::{walk, NameReference, TransformerConfig};
use super::kustomization::FieldSpec;
use super::resource::effective_namespace;
use super::{par, Resource};
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
                    super::replacement::resid_string(id)
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
