//! Field specs: where in which kinds a transformer acts (kustomize's `FieldSpec`), the
//! builtin tables, and the walk that finds (and, when allowed, creates) those fields.

use super::fieldpath::next_slashed;
use super::kustomization::FieldSpec;
use super::resource::Step;
use crate::object::ObjectId;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// kustomize v5.5.0's built-in transformer field specs, copied as data from
/// `api/internal/konfig/builtinpluginconsts/` (commonlabels.go with metadatalabels.go,
/// commonannotations.go, nameprefix.go, namesuffix.go, namespace.go, images.go, replicas.go,
/// namereference.go, varreference.go), in source order. A backslash in a path (`...io\\/auth-secret`) escapes a
/// `/` inside one key. Stored as JSON so start-up parses it quickly.
const BUILTIN_JSON: &str = include_str!("builtin_fieldspecs.json");

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NameReference {
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub version: String,
    pub kind: String,
    pub field_specs: Vec<FieldSpec>,
}

/// Where the transformers act: kustomize's default configuration, extended by
/// `configurations` files and `crds` (and merged upward from sub-kustomizations). Missing
/// lists are empty.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TransformerConfig {
    pub common_labels: Vec<FieldSpec>,
    /// Where every `labels` entry also goes (a `labels` section of `configurations`).
    pub labels: Vec<FieldSpec>,
    /// Where `labels` with `includeTemplates` also go (pod template labels).
    pub template_labels: Vec<FieldSpec>,
    pub common_annotations: Vec<FieldSpec>,
    pub name_prefix: Vec<FieldSpec>,
    pub name_suffix: Vec<FieldSpec>,
    pub namespace: Vec<FieldSpec>,
    pub images: Vec<FieldSpec>,
    pub replicas: Vec<FieldSpec>,
    /// Where legacy `vars` are substituted.
    pub var_reference: Vec<FieldSpec>,
    pub name_reference: Vec<NameReference>,
}

/// kustomize's default configuration.
pub fn builtin() -> &'static TransformerConfig {
    static B: OnceLock<TransformerConfig> = OnceLock::new();
    B.get_or_init(|| {
        let mut config: TransformerConfig =
            serde_json::from_str(BUILTIN_JSON).expect("builtin_fieldspecs.json matches the schema");
        // kustomize's templateLabels table is its metadataLabels list: the commonLabels
        // entries from `metadata/labels` on (the ones that are not selectors).
        let start = config
            .common_labels
            .iter()
            .position(|f| f.path == "metadata/labels" && f.kind.is_empty())
            .unwrap_or(config.common_labels.len());
        config.template_labels = config.common_labels[start..].to_vec();
        config
    })
}

impl TransformerConfig {
    /// Adds `other`'s specs (kustomize's `TransformerConfig.Merge`): a spec already present is
    /// kept, the same spec with a different `create` is a conflict.
    pub fn merge(&mut self, other: &TransformerConfig) -> Result<(), String> {
        merge_specs(&mut self.common_labels, &other.common_labels)?;
        merge_specs(&mut self.labels, &other.labels)?;
        merge_specs(&mut self.template_labels, &other.template_labels)?;
        merge_specs(&mut self.common_annotations, &other.common_annotations)?;
        merge_specs(&mut self.name_prefix, &other.name_prefix)?;
        merge_specs(&mut self.name_suffix, &other.name_suffix)?;
        merge_specs(&mut self.namespace, &other.namespace)?;
        merge_specs(&mut self.images, &other.images)?;
        merge_specs(&mut self.replicas, &other.replicas)?;
        merge_specs(&mut self.var_reference, &other.var_reference)?;
        for backref in &other.name_reference {
            match self.name_reference.iter_mut().find(|b| {
                b.group == backref.group && b.version == backref.version && b.kind == backref.kind
            }) {
                Some(existing) => merge_specs(&mut existing.field_specs, &backref.field_specs)?,
                None => self.name_reference.push(backref.clone()),
            }
        }
        Ok(())
    }

    /// A `configurations:` file (kustomize's TransformerConfig YAML).
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        let docs = crate::yaml::parse_documents_with(text, crate::yaml::ReadOptions::CONFIG)
            .map_err(|e| e.to_string())?;
        match docs.into_iter().next() {
            None => Ok(Self::empty()),
            Some(d) => serde_json::from_value(d.value)
                .map_err(|e| format!("invalid transformer configuration: {e}")),
        }
    }

    /// An empty configuration, to collect additions before merging them.
    pub fn empty() -> Self {
        TransformerConfig {
            common_labels: Vec::new(),
            labels: Vec::new(),
            template_labels: Vec::new(),
            common_annotations: Vec::new(),
            name_prefix: Vec::new(),
            name_suffix: Vec::new(),
            namespace: Vec::new(),
            images: Vec::new(),
            replicas: Vec::new(),
            var_reference: Vec::new(),
            name_reference: Vec::new(),
        }
    }
}

impl Default for TransformerConfig {
    fn default() -> Self {
        Self::empty()
    }
}

/// kustomize's `FsSlice.MergeAll`: [`merge_one`] for each spec.
pub fn merge_specs(into: &mut Vec<FieldSpec>, add: &[FieldSpec]) -> Result<(), String> {
    add.iter().try_for_each(|spec| merge_one(into, spec))
}

/// kustomize's `FsSlice.MergeOne`: a spec is already there when one with the same path is
/// selected by the new spec's group, version and kind (empty parts select anything, so a
/// spec without a kind matches a kind-restricted one); it is then ignored, unless its
/// `create` differs, which is a conflict.
pub fn merge_one(into: &mut Vec<FieldSpec>, spec: &FieldSpec) -> Result<(), String> {
    let present = into.iter().find(|f| {
        f.path == spec.path
            && (spec.group.is_empty() || f.group == spec.group)
            && (spec.version.is_empty() || f.version == spec.version)
            && (spec.kind.is_empty() || f.kind == spec.kind)
    });
    match present {
        Some(existing) if existing.create != spec.create => Err(format!(
            "conflicting fieldspecs for path {} (kind {:?})",
            spec.path, spec.kind
        )),
        Some(_) => Ok(()),
        None => {
            into.push(spec.clone());
            Ok(())
        }
    }
}

impl FieldSpec {
    /// The spec applies to objects of this group, version and kind (empty parts match all).
    pub fn selects(&self, id: &ObjectId) -> bool {
        (self.group.is_empty() || self.group == id.group)
            && (self.version.is_empty() || self.version == id.version)
            && (self.kind.is_empty() || self.kind == id.kind)
    }
}

/// What a transformer creates when a spec with `create: true` names a missing field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CreateKind {
    Map,
    Scalar,
}

/// Walks `spec` in `object` and calls `set` on every field it reaches. `create` is the kind
/// of node the transformer creates for missing fields, or `None` for transformers that
/// never create (images, name references).
pub fn walk(
    object: &mut Value,
    spec: &FieldSpec,
    create: Option<CreateKind>,
    set: &mut dyn FnMut(&mut Value) -> Result<(), String>,
) -> Result<(), String> {
    walk_paths(object, spec, create, None, &mut |v, _| set(v))
}

/// What [`walk_paths`] calls on each field it reaches, with the field's path.
pub type SetAt<'a> = dyn FnMut(&mut Value, &[Step]) -> Result<(), String> + 'a;

/// [`walk`], also giving `set` the concrete path of each field reached when `trail` is
/// given (it must be empty; it is empty again afterwards).
pub fn walk_paths(
    object: &mut Value,
    spec: &FieldSpec,
    create: Option<CreateKind>,
    mut trail: Option<&mut Vec<Step>>,
    set: &mut SetAt<'_>,
) -> Result<(), String> {
    let create = create.filter(|_| spec.create);
    walk_node(object, &spec.path, create, &mut trail, set)
        .map_err(|e| format!("considering field '{}': {e}", spec.path))
}

fn walk_node(
    node: &mut Value,
    path: &str,
    create: Option<CreateKind>,
    trail: &mut Option<&mut Vec<Step>>,
    set: &mut SetAt<'_>,
) -> Result<(), String> {
    if path.is_empty() {
        return set(node, trail.as_deref().map_or(&[], Vec::as_slice));
    }
    match node {
        Value::Null => Ok(()),
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                if let Some(t) = trail.as_deref_mut() {
                    t.push(Step::Index(i));
                }
                let result = walk_node(item, path, create, trail, set);
                if let Some(t) = trail.as_deref_mut() {
                    t.pop();
                }
                result?;
            }
            Ok(())
        }
        Value::Object(map) => {
            let (first, rest) = next_slashed(path);
            let rest = rest.unwrap_or("");
            let (name, is_seq) = match first.strip_suffix("[]") {
                Some(n) => (n, true),
                None => (first.as_ref(), false),
            };
            if name.is_empty() {
                return Err("cannot set or create an empty field name".into());
            }
            let creating = create.is_some() && !is_seq;
            let new_kind = || -> Value {
                if is_seq {
                    Value::Array(Vec::new())
                } else if rest.is_empty() && create == Some(CreateKind::Scalar) {
                    Value::Null
                } else {
                    Value::Object(Map::new())
                }
            };
            let v = match map.get_mut(name) {
                Some(v) => {
                    if v.is_null() && (creating || is_seq) {
                        *v = new_kind();
                    }
                    v
                }
                None if creating => map.entry(name.to_string()).or_insert_with(new_kind),
                None => return Ok(()),
            };
            if let Some(t) = trail.as_deref_mut() {
                t.push(Step::Key(name.to_string()));
            }
            let result = walk_node(v, rest, create, trail, set);
            if let Some(t) = trail.as_deref_mut() {
                t.pop();
            }
            result
        }
        _ => Err("expected sequence or mapping node".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(path: &str, create: bool) -> FieldSpec {
        FieldSpec {
            path: path.into(),
            create,
            ..Default::default()
        }
    }

    #[test]
    fn builtin_tables_load() {
        let b = builtin();
        assert!(b.common_labels.len() > 20);
        assert!(b.name_reference.iter().any(|r| r.kind == "ConfigMap"));
        assert_eq!(b.template_labels[0].path, "metadata/labels");
    }

    #[test]
    fn walks_sequences_and_creates() {
        let mut v = json!({"spec": {"containers": [{"image": "a"}, {"image": "b"}]}});
        let mut seen = Vec::new();
        walk(
            &mut v,
            &spec("spec/containers[]/image", false),
            None,
            &mut |n| {
                seen.push(n.as_str().unwrap().to_string());
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, vec!["a", "b"]);
        let mut v = json!({"metadata": {}});
        walk(
            &mut v,
            &spec("metadata/labels", true),
            Some(CreateKind::Map),
            &mut |n| {
                n.as_object_mut().unwrap().insert("x".into(), json!("y"));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(v, json!({"metadata": {"labels": {"x": "y"}}}));
        let mut v = json!({"spec": {"containers": null}});
        walk(
            &mut v,
            &spec("spec/containers[]/image", true),
            None,
            &mut |_| Ok(()),
        )
        .unwrap();
        assert_eq!(v, json!({"spec": {"containers": []}}));
        let mut v = json!({"spec": "scalar"});
        assert!(walk(&mut v, &spec("spec/x", false), None, &mut |_| Ok(())).is_err());
    }
}
