//! kustomize's three patch transformers: `patchesStrategicMerge`, `patches` and
//! `patchesJson6902`.

use super::kustomization::{Patch, Selector};
use super::resource::{
    effective_namespace, node_text, value_at, value_at_mut, FieldPath, Resource, Step,
};
use super::schema::OpenApi;
use super::selector::CompiledSelector;
use super::{json6902, par, smp};
use crate::object::ObjectId;
use crate::yaml::{self, ReadOptions};
use serde_json::Value;

/// A patch's text with the file it came from (for messages).
#[derive(Debug, Clone)]
pub struct PatchText {
    pub text: String,
    pub origin: String,
}

enum Parsed {
    Strategic(Vec<Value>),
    Json(Value),
}

/// A patch is JSON 6902 when it is a list, strategic merge when it is one or more mappings.
fn classify(p: &PatchText) -> Result<Parsed, String> {
    let docs = match yaml::parse_documents_with(&p.text, ReadOptions::PATCHES) {
        Ok(docs) => docs,
        // A list of operations whose values have keys that are not strings (`on:`): kyaml
        // cannot read it as a resource, sigs.k8s.io/yaml turns those keys into strings.
        Err(e) => match json_ops(&p.text) {
            Ok(ops) if ops.is_array() => return Ok(Parsed::Json(ops)),
            _ => return Err(format!("{}: {e}", p.origin)),
        },
    };
    match docs.as_slice() {
        [d] if d.value.is_array() => {
            Ok(Parsed::Json(json_ops(&p.text).map_err(|e| {
                format!("{}: unable to parse SM or JSON patch: {e}", p.origin)
            })?))
        }
        docs if !docs.is_empty() && docs.iter().all(|d| d.value.is_object()) => Ok(
            Parsed::Strategic(docs.iter().map(|d| d.value.clone()).collect()),
        ),
        _ => Err(format!("{}: unable to parse SM or JSON patch", p.origin)),
    }
}

/// The operations of a JSON 6902 patch as kustomize reads them: text starting with `[` is
/// JSON; anything else is YAML turned into JSON by sigs.k8s.io/yaml (go-yaml v2, so `on`
/// and `yes` are booleans).
fn json_ops(text: &str) -> Result<Value, String> {
    if text.starts_with('[') {
        return serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"));
    }
    let docs =
        yaml::parse_documents_with(text, ReadOptions::JSON_CONVERTED).map_err(|e| e.to_string())?;
    Ok(docs.into_iter().next().map(|d| d.value).unwrap_or_default())
}

fn gvk_of(v: &Value) -> (String, String, String) {
    let api = v.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let (g, ver) = api.split_once('/').unwrap_or(("", api));
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or("");
    (g.to_string(), ver.to_string(), kind.to_string())
}

fn meta_str<'a>(v: &'a Value, field: &str) -> &'a str {
    v.get("metadata")
        .and_then(|m| m.get(field))
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn effective_ns(group: &str, kind: &str, ns: &str) -> String {
    effective_namespace(&ObjectId {
        group: group.into(),
        kind: kind.into(),
        namespace: ns.into(),
        ..Default::default()
    })
    .to_string()
}

/// The resource a strategic merge patch names by its own apiVersion, kind, name and
/// namespace (matching current or original name and namespace), which must be unique.
fn find_by_patch_id(resources: &[Resource], patch: &Value) -> Result<usize, String> {
    let (g, v, k) = gvk_of(patch);
    let name = meta_str(patch, "name");
    let ns = effective_ns(&g, &k, meta_str(patch, "namespace"));
    let matches: Vec<usize> = resources
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.any_id(|id| {
                id.group == g
                    && id.version == v
                    && id.kind == k
                    && id.name == name
                    && effective_ns(&g, &k, &id.namespace) == ns
            })
        })
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [i] => Ok(*i),
        [] => Err(format!(
            "no resource matches the patch for {}",
            describe(&k, &ns, name)
        )),
        _ => Err(format!(
            "more than one resource matches the patch for {}",
            describe(&k, &ns, name)
        )),
    }
}

fn describe(kind: &str, ns: &str, name: &str) -> String {
    ObjectId {
        kind: kind.to_string(),
        namespace: ns.to_string(),
        name: name.to_string(),
        ..Default::default()
    }
    .to_string()
}

/// Applies a strategic merge patch to one resource, keeping its name, kind and namespace
/// unless the options allow a change. Returns false when the patch deleted the resource.
fn apply_strategic(
    r: &mut Resource,
    patch: &Value,
    allow_name: bool,
    allow_kind: bool,
    openapi: &OpenApi,
    retarget: bool,
) -> Result<bool, String> {
    openapi.check()?;
    if smp::directive(patch) == Some("delete") {
        return Ok(false);
    }
    let id = r.object().id().clone();
    let target_api_version = retarget.then(|| {
        r.object()
            .as_value()
            .get("apiVersion")
            .cloned()
            .unwrap_or(Value::Null)
    });
    let target_api_version = target_api_version.as_ref();
    // Through a target (kustomize's `resWrangler.ApplySmPatch`) the patch takes the
    // target's apiVersion, or an empty one that comes out as null.
    let retargeted;
    // Its labels and annotations are copied through kustomize's string maps first: each
    // value becomes its scalar text (null is "null"), and an empty map goes away.
    let patch = match target_api_version {
        Some(api) if patch.get("apiVersion") != Some(api) || has_meta_maps(patch) => {
            let mut p = patch.clone();
            if let Some(map) = p.as_object_mut() {
                map.insert("apiVersion".into(), api.clone());
            }
            stringify_meta_maps(&mut p);
            retargeted = p;
            &retargeted
        }
        _ => patch,
    };
    // kyaml's walker takes the schema of the first source whose kind has one: the target,
    // else the patch.
    let schema = openapi
        .for_kind(&id.group, &id.version, &id.kind)
        .or_else(|| {
            let (g, v, k) = gvk_of(patch);
            openapi.for_kind(&g, &v, &k)
        });
    if allow_name || allow_kind {
        r.store_previous_id();
    }
    let snapshot = r.alias_snapshot();
    let untagged_before: Vec<Option<Value>> = r
        .untagged
        .iter()
        .map(|p| value_at(r.object().as_value(), p).cloned())
        .collect();
    // Paths into keyed lists are followed through the merge by key (see `smp::moved_path`).
    let before =
        (!r.untagged.is_empty() || r.undecodable.is_some()).then(|| r.object().as_value().clone());
    let empty_nulls = r.object().empty_nulls().to_vec();
    let null_maps = std::mem::take(&mut r.null_maps);
    let mut unreached = (Vec::new(), Vec::new());
    let kept = r.object_mut().edit(|v| {
        let marks = smp::Marks::set(v, &empty_nulls, &null_maps);
        let kept = smp::merge_into(v, patch, schema)?;
        unreached = marks.restore(v);
        if !kept {
            return Ok(false);
        }
        let map = v
            .as_object_mut()
            .ok_or("the patch turned the object into a non-mapping")?;
        if target_api_version == Some(&Value::Null) {
            map.insert("apiVersion".into(), Value::Null);
        }
        if !allow_kind {
            map.insert("kind".into(), Value::String(id.kind.clone()));
        }
        let meta = map
            .entry("metadata")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Some(meta) = meta.as_object_mut() {
            if !allow_name {
                meta.insert("name".into(), Value::String(id.name.clone()));
            }
            if id.namespace.is_empty() {
                meta.shift_remove("namespace");
            } else {
                meta.insert("namespace".into(), Value::String(id.namespace.clone()));
            }
        }
        Ok(true)
    })?;
    if kept {
        let (undecodable, untagged_now) = {
            let after = r.object().as_value();
            let follow = |p: &FieldPath| match &before {
                Some(before) => {
                    smp::moved_path(before, after, p, schema).unwrap_or_else(|| p.clone())
                }
                None => p.clone(),
            };
            // A node the patch writes is the patch's, typed by it.
            let undecodable = r.undecodable.as_ref().and_then(|(message, p)| {
                let p = follow(p);
                (!smp::patch_writes(after, patch, &p, schema)
                    || smp::in_kept_element(after, &p, schema))
                .then(|| (message.clone(), p))
            });
            (
                undecodable,
                r.untagged.iter().map(follow).collect::<Vec<_>>(),
            )
        };
        r.undecodable = undecodable;
        let (still_empty, still_null_maps) = unreached;
        r.object_mut().set_empty_nulls(still_empty);
        r.null_maps = still_null_maps;
        r.propagate_aliases(snapshot);
        // kyaml's merge writes the patch's nodes, tagged, and leaves every other node as it
        // was: an untagged scalar the patch did not change stays untagged, except that a
        // mapping value it walks (`smp::walks_to`) is given double quotes when its text would read as a
        // number or boolean (so it is a string from then on).
        let after = r.object().as_value();
        let kept: Vec<FieldPath> = untagged_now
            .iter()
            .zip(untagged_before)
            .filter(|(p, before)| {
                (!smp::patch_writes(after, patch, p, schema)
                    || smp::in_kept_element(after, p, schema))
                    && value_at(after, p) == before.as_ref()
            })
            .map(|(p, _)| p.clone())
            .collect();
        let (quoted, still): (Vec<FieldPath>, Vec<FieldPath>) = kept.into_iter().partition(|p| {
            matches!(p.last(), Some(Step::Key(_)))
                && smp::walks_to(r.object().as_value(), &p[..p.len() - 1], schema)
                && value_at(r.object().as_value(), p)
                    .is_some_and(|v| v.is_number() || v.is_boolean())
        });
        if !quoted.is_empty() {
            r.object_mut().edit(|v| {
                for p in &quoted {
                    if let Some(field) = value_at_mut(v, p) {
                        *field = Value::String(node_text(field));
                    }
                }
                Ok(())
            })?;
        }
        r.untagged = still;
        // kustomize then sets the kind, name and namespace back with new untagged scalars.
        let mut reset = vec![vec![
            Step::Key("metadata".into()),
            Step::Key("namespace".into()),
        ]];
        if !allow_name {
            reset.push(vec![Step::Key("metadata".into()), Step::Key("name".into())]);
        }
        if !allow_kind {
            reset.push(vec![Step::Key("kind".into())]);
        }
        for p in reset {
            if value_at(r.object().as_value(), &p).is_some() && !r.untagged.contains(&p) {
                r.untagged.push(p);
            }
        }
    }
    Ok(kept)
}

/// The patch has `metadata.labels` or `metadata.annotations` (which kustomize copies as
/// string maps before a strategic merge through its resource map).
fn has_meta_maps(patch: &Value) -> bool {
    patch
        .get("metadata")
        .and_then(Value::as_object)
        .is_some_and(|m| m.contains_key("labels") || m.contains_key("annotations"))
}

/// kustomize's `CopyMergeMetaDataFieldsFrom` on the patch copy: labels and annotations
/// become maps of each value's text (`GetLabels` reads the node's text, so null is
/// "null"); an empty map (or a value that is not a map) is removed.
fn stringify_meta_maps(patch: &mut Value) {
    let Some(meta) = patch.get_mut("metadata").and_then(Value::as_object_mut) else {
        return;
    };
    for field in ["labels", "annotations"] {
        let Some(v) = meta.get_mut(field) else {
            continue;
        };
        let keep = match v {
            Value::Object(m) => {
                for value in m.values_mut() {
                    let text = match value {
                        Value::String(_) => continue,
                        Value::Null => "null".to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Number(n) => n.to_string(),
                        Value::Array(_) | Value::Object(_) => String::new(),
                    };
                    *value = Value::String(text);
                }
                !m.is_empty()
            }
            _ => false,
        };
        if !keep {
            meta.shift_remove(field);
        }
    }
}

fn remove_deleted(resources: &mut Vec<Resource>, keep: Vec<bool>) {
    let mut it = keep.into_iter();
    resources.retain(|_| it.next().unwrap_or(true));
}

/// `patchesStrategicMerge`: every patch names its target by its own id.
/// Like [`patches`], returns whether a strategic merge ran.
pub fn strategic_merge(
    resources: &mut Vec<Resource>,
    patches: &[PatchText],
    openapi: &OpenApi,
) -> Result<bool, String> {
    let mut merged = false;
    for p in patches {
        let Parsed::Strategic(docs) = classify(p)? else {
            return Err(format!(
                "{}: a JSON 6902 patch needs patchesJson6902 or patches with a target",
                p.origin
            ));
        };
        for doc in docs {
            let i = find_by_patch_id(resources, &doc).map_err(|e| format!("{}: {e}", p.origin))?;
            merged = true;
            if !apply_strategic(&mut resources[i], &doc, false, false, openapi, true)
                .map_err(|e| format!("{}: {e}", p.origin))?
            {
                resources.remove(i);
            }
        }
    }
    Ok(merged)
}

/// `patches`: strategic merge or JSON 6902, with an optional target selector. Returns
/// whether a strategic merge ran (kyaml loads its schema then, not for a strategic merge
/// patch whose target matches nothing nor for JSON 6902).
pub fn patches(
    resources: &mut Vec<Resource>,
    entries: &[(Patch, PatchText)],
    openapi: &OpenApi,
) -> Result<bool, String> {
    let mut merged = false;
    for (entry, p) in entries {
        let (allow_name, allow_kind) = entry.options.as_ref().map_or((false, false), |o| {
            (o.allow_name_change, o.allow_kind_change)
        });
        let parsed = classify(p)?;
        // An empty list reads as both kinds of patch (no objects, no operations): kustomize
        // refuses it as ambiguous.
        if matches!(&parsed, Parsed::Json(Value::Array(ops)) if ops.is_empty()) {
            return Err(format!(
                "{}: an empty list illegally qualifies as both a strategic-merge and a JSON 6902 patch",
                p.origin
            ));
        }
        match parsed {
            Parsed::Strategic(docs) => match &entry.target {
                Some(target) => {
                    if docs.len() > 1 {
                        return Err(format!("{}: multiple strategic merge patches in one patches entry cannot have a target", p.origin));
                    }
                    let sel = CompiledSelector::new(target)?;
                    let patch = &docs[0];
                    merged |= resources.iter().any(|r| sel.matches(r));
                    let keep = par::map(resources, |r| {
                        if !sel.matches(r) {
                            return Ok(true);
                        }
                        apply_strategic(r, patch, allow_name, allow_kind, openapi, true)
                            .map_err(|e| format!("{}: {e}", p.origin))
                    })?;
                    remove_deleted(resources, keep);
                }
                None => {
                    let mut deleted = false;
                    for doc in docs {
                        if deleted {
                            // kustomize leaves the deleted resource empty in its map, and
                            // the next lookup crashes on it (a nil pointer panic).
                            return Err(format!(
                                "{}: a strategic merge patch after a $patch: delete in the same \
                                 patches entry (kustomize crashes on this)",
                                p.origin
                            ));
                        }
                        let i = find_by_patch_id(resources, &doc)
                            .map_err(|e| format!("{}: {e}", p.origin))?;
                        merged = true;
                        if !apply_strategic(
                            &mut resources[i],
                            &doc,
                            allow_name,
                            allow_kind,
                            openapi,
                            false,
                        )
                        .map_err(|e| format!("{}: {e}", p.origin))?
                        {
                            resources.remove(i);
                            deleted = true;
                        }
                    }
                }
            },
            Parsed::Json(ops) => {
                let target = entry
                    .target
                    .as_ref()
                    .ok_or_else(|| format!("{}: a JSON 6902 patch needs a target", p.origin))?;
                json_patch(resources, target, &ops, &p.origin, true)?;
            }
        }
    }
    Ok(merged)
}

/// `patchesJson6902`: always JSON 6902, always with a target.
pub fn json6902(resources: &mut [Resource], entries: &[(Patch, PatchText)]) -> Result<(), String> {
    for (entry, p) in entries {
        let target = entry
            .target
            .as_ref()
            .ok_or_else(|| format!("{}: patchesJson6902 entries need a target", p.origin))?;
        let ops = match classify(p)? {
            Parsed::Json(ops) => ops,
            Parsed::Strategic(_) => {
                return Err(format!(
                    "{}: not a JSON 6902 patch (a list of operations)",
                    p.origin
                ))
            }
        };
        json_patch(resources, target, &ops, &p.origin, false)?;
    }
    Ok(())
}

/// Applies JSON 6902 operations to the selected resources. `patches` records each
/// target's id first, so name references follow a rename; the legacy `patchesJson6902`
/// does not (kustomize's PatchJson6902Transformer never calls `StorePreviousId`).
fn json_patch(
    resources: &mut [Resource],
    target: &Selector,
    ops: &Value,
    origin: &str,
    store_previous_id: bool,
) -> Result<(), String> {
    let sel = CompiledSelector::new(target)?;
    par::map(resources, |r| {
        if !sel.matches(r) {
            return Ok(());
        }
        if store_previous_id {
            r.store_previous_id();
        }
        // kustomize rebuilds the object from JSON: no node is shared any more.
        r.aliases.clear();
        r.untagged.clear();
        let id = r.object().id().clone();
        let build_annotations = r.has_build_annotations();
        // A failed operation leaves the build failing, so editing in place is safe.
        r.object_mut()
            .edit(|v| {
                // A resource with kustomize's build annotations (an earlier id, a generator
                // behavior; `patches` records the id first) has a `metadata.annotations`
                // mapping the patch can add to.
                if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
                    if build_annotations
                        && matches!(meta.get("annotations"), None | Some(Value::Null))
                    {
                        meta.insert("annotations".into(), Value::Object(Default::default()));
                    }
                }
                json6902::apply(v, ops)?;
                // kustomize then writes the annotations back (SetAnnotations): an empty map
                // goes.
                if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
                    if meta
                        .get("annotations")
                        .is_some_and(|a| a.is_null() || a.as_object().is_some_and(|a| a.is_empty()))
                    {
                        meta.shift_remove("annotations");
                    }
                }
                Ok(())
            })
            .map_err(|e| format!("{origin}: {id}: {e}"))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kustomize::kustomization::PatchOptions;
    use serde_json::json;

    fn text(t: &str) -> PatchText {
        PatchText {
            text: t.to_string(),
            origin: "patch.yaml".into(),
        }
    }

    fn targeted(kind: Option<&str>, group: Option<&str>, t: &str) -> (Patch, PatchText) {
        let entry = Patch {
            target: Some(Selector {
                kind: kind.map(str::to_string),
                group: group.map(str::to_string),
                ..Default::default()
            }),
            ..Default::default()
        };
        (entry, text(t))
    }

    fn values(resources: &[Resource]) -> Vec<Value> {
        resources
            .iter()
            .map(|r| r.object().as_value().clone())
            .collect()
    }

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    #[test]
    fn a_targeted_patch_keeps_each_target_id_and_writes_labels_as_strings() {
        let mut resources = vec![
            Resource::for_test(json!({"apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": {"name": "web", "labels": {"keep": "yes"}}, "spec": {"replicas": 1}})),
            Resource::for_test(json!({"apiVersion": "apps/v1", "kind": "StatefulSet",
                "metadata": {"name": "db"}, "spec": {"replicas": 1}})),
            Resource::for_test(json!({"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": "cfg"}, "data": {"a": "b"}})),
        ];
        let entries = [targeted(
            None,
            Some("apps"),
            "apiVersion: v9\nkind: Anything\nmetadata:\n  name: ignored\n  labels:\n    n: 1\n    \
             t: true\n    z: null\nspec:\n  replicas: 3",
        )];
        patches(&mut resources, &entries, &OpenApi::Builtin).unwrap();
        let labels = json!({"n": "1", "t": "true", "z": "null"});
        assert_eq!(
            values(&resources),
            [
                json!({"apiVersion": "apps/v1", "kind": "Deployment",
                    "metadata": {"name": "web", "labels": {"keep": "yes", "n": "1", "t": "true",
                                                           "z": "null"}},
                    "spec": {"replicas": 3}}),
                json!({"apiVersion": "apps/v1", "kind": "StatefulSet",
                    "metadata": {"name": "db", "labels": labels}, "spec": {"replicas": 3}}),
                json!({"apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": "cfg"}, "data": {"a": "b"}}),
            ]
        );
    }

    #[test]
    fn a_delete_patch_removes_every_resource_it_targets() {
        let mut resources = vec![
            Resource::for_test(
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}),
            ),
            Resource::for_test(
                json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}}),
            ),
            Resource::for_test(
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}),
            ),
        ];
        let entries = [targeted(
            Some("ConfigMap"),
            None,
            "$patch: delete\nkind: X\nmetadata:\n  name: x",
        )];
        patches(&mut resources, &entries, &OpenApi::Builtin).unwrap();
        let ids: Vec<String> = resources
            .iter()
            .map(|r| r.object().id().to_string())
            .collect();
        assert_eq!(ids, ["Secret/s"]);
        let mut resources = vec![Resource::for_test(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}),
        )];
        let delete =
            text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n$patch: delete\n");
        strategic_merge(&mut resources, &[delete], &OpenApi::Builtin).unwrap();
        assert!(resources.is_empty());
    }

    #[test]
    fn an_untargeted_patch_finds_its_resource_by_id_in_the_effective_namespace() {
        let cfg = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"},
                         "data": {"a": "b"}});
        let mut resources = vec![Resource::for_test(cfg)];
        // `namespace: default` names the resource without a namespace, which keeps none.
        let entries = [(
            Patch::default(),
            text(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: default\n\
                 data:\n  c: d",
            ),
        )];
        patches(&mut resources, &entries, &OpenApi::Builtin).unwrap();
        assert_eq!(
            values(&resources),
            [
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"},
                    "data": {"a": "b", "c": "d"}})
            ]
        );
        let missing = [(
            Patch::default(),
            text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nothere"),
        )];
        let err = patches(&mut resources, &missing, &OpenApi::Builtin).unwrap_err();
        assert!(
            err.starts_with("patch.yaml: no resource matches the patch"),
            "{err}"
        );
    }

    #[test]
    fn allow_name_change_renames_and_records_the_previous_id() {
        let mut resources = vec![Resource::for_test(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "namespace": "a"}}),
        )];
        let (mut entry, patch) = targeted(
            Some("ConfigMap"),
            None,
            "kind: ConfigMap\nmetadata:\n  name: cfg-renamed",
        );
        entry.options = Some(PatchOptions {
            allow_name_change: true,
            allow_kind_change: false,
        });
        patches(&mut resources, &[(entry, patch)], &OpenApi::Builtin).unwrap();
        let r = &resources[0];
        assert_eq!(r.object().id().to_string(), "ConfigMap/a/cfg-renamed");
        let previous: Vec<&str> = r.previous_ids().iter().map(|i| i.name.as_str()).collect();
        assert_eq!(previous, ["cfg"]);
    }

    #[test]
    fn an_untagged_number_the_patch_passes_by_becomes_a_string() {
        // A replacement created `data.from` and `data.other` as untagged 80s; a strategic
        // merge that writes only `other` leaves `from` quoted ("80") and `other` as written.
        let from = vec![key("data"), key("from")];
        let other = vec![key("data"), key("other")];
        let mut r = Resource::for_test(json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "local-settings"}, "data": {"from": 80, "other": 80}}));
        r.untagged = vec![from.clone(), other.clone()];
        let mut resources = vec![r];
        let patch = text(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local-settings\ndata:\n  other: 81\n",
        );
        strategic_merge(&mut resources, &[patch], &OpenApi::Builtin).unwrap();
        let r = &resources[0];
        assert_eq!(
            r.object().as_value()["data"],
            json!({"from": "80", "other": 81})
        );
        assert!(!r.untagged.contains(&from) && !r.untagged.contains(&other));
        // kustomize sets the kind and name back as new untagged scalars.
        assert!(r.untagged.contains(&vec![key("kind")]));
        assert!(r.untagged.contains(&vec![key("metadata"), key("name")]));
    }

    #[test]
    fn yaml_json_patches_read_values_as_go_yaml_v2_does() {
        let mut resources = vec![Resource::for_test(
            json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                   "spec": {"replicas": 1}}),
        )];
        let entries = [targeted(
            Some("Deployment"),
            None,
            "- op: add\n  path: /spec/paused\n  value: yes\n- op: add\n  path: /metadata/labels\n  \
             value: {x: on, w: \"on\", z: 0x10}",
        )];
        patches(&mut resources, &entries, &OpenApi::Builtin).unwrap();
        assert_eq!(
            values(&resources),
            [json!({"apiVersion": "apps/v1", "kind": "Deployment",
                    "metadata": {"name": "web", "labels": {"x": true, "w": "on", "z": 16}},
                    "spec": {"replicas": 1, "paused": true}})]
        );
    }

    #[test]
    fn patches_that_cannot_apply_are_refused() {
        let mut resources = vec![Resource::for_test(
            json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}}),
        )];
        let doc = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";
        let two = [targeted(
            Some("Deployment"),
            None,
            &format!("{doc}---\n{doc}"),
        )];
        let err = patches(&mut resources, &two, &OpenApi::Builtin).unwrap_err();
        assert!(err.contains("multiple strategic merge patches"), "{err}");
        let json_ops = text("- op: add\n  path: /spec/paused\n  value: true\n");
        let err = strategic_merge(&mut resources, &[json_ops], &OpenApi::Builtin).unwrap_err();
        assert!(err.contains("a JSON 6902 patch needs"), "{err}");
        let untargeted = [(Patch::default(), text("- op: remove\n  path: /spec\n"))];
        let err = patches(&mut resources, &untargeted, &OpenApi::Builtin).unwrap_err();
        assert!(err.contains("a JSON 6902 patch needs a target"), "{err}");
    }
}
