//! `crds:` — OpenAPI definitions of custom types whose `x-kubernetes-*` extensions tell
//! kustomize where their labels, annotations, identities and references to other objects
//! live (kustomize's `LoadConfigFromCRDs`).

use super::fieldspec::{NameReference, TransformerConfig};
use super::kustomization::FieldSpec;
use crate::yaml::{self, ReadOptions};
use serde_json::{Map, Value};

/// Definitions by type name (`group.version.Kind` in dot notation).
type Definitions = Map<String, Value>;

fn field<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    // The definitions are decoded into Go structs by encoding/json, which matches field
    // names case-insensitively (`Schema` or `schema`).
    v.as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn properties(def: &Value) -> Option<&Map<String, Value>> {
    field(def, "Schema")?.get("properties")?.as_object()
}

fn spec(kind: &str, path: &[&str]) -> FieldSpec {
    FieldSpec {
        kind: kind.to_string(),
        path: path.join("/"),
        create: false,
        ..Default::default()
    }
}

/// The configuration a `crds:` file adds.
pub fn config_from_crds(content: &[u8]) -> Result<TransformerConfig, String> {
    let text = std::str::from_utf8(content).map_err(|_| "not valid UTF-8".to_string())?;
    let docs = yaml::parse_documents_with(text, ReadOptions::CONFIG)
        .map_err(|e| format!("unable to parse open API definition: {e}"))?;
    let defs: Definitions = match docs.into_iter().next().map(|d| d.value) {
        Some(Value::Object(m)) => m,
        None => Map::new(),
        Some(_) => {
            return Err(
                "unable to parse open API definition: expected a mapping of type names".into(),
            )
        }
    };
    let mut config = TransformerConfig::empty();
    for (name, def) in &defs {
        let Some(props) = properties(def) else {
            continue;
        };
        if !["kind", "apiVersion", "metadata"]
            .iter()
            .all(|k| props.contains_key(*k))
        {
            continue;
        }
        if name.split('.').count() < 3 {
            return Err("`api` should be specified in dot notation: group.version.kind".into());
        }
        let kind = name.rsplit('.').next().unwrap_or(name);
        add_type(&mut config, kind, &defs, name, &mut Vec::new(), 0);
    }
    Ok(config)
}

fn add_type<'a>(
    config: &mut TransformerConfig,
    kind: &str,
    defs: &'a Definitions,
    type_name: &str,
    path: &mut Vec<&'a str>,
    depth: usize,
) {
    // References can be cyclic in a hand-written definition file; kustomize would recurse
    // forever, kzr stops.
    if depth > 32 {
        return;
    }
    let Some(props) = defs.get(type_name).and_then(properties) else {
        return;
    };
    for (prop, schema) in props {
        path.push(prop);
        let ext = |k: &str| schema.get(k).and_then(Value::as_str);
        if ext("x-kubernetes-annotation").is_some() {
            config.common_annotations.push(spec(kind, path));
        }
        if ext("x-kubernetes-label-selector").is_some() {
            config.common_labels.push(spec(kind, path));
        }
        if ext("x-kubernetes-identity").is_some() {
            config.name_prefix.push(spec(kind, path));
        }
        if let (Some(version), Some(target)) = (
            ext("x-kubernetes-object-ref-api-version"),
            ext("x-kubernetes-object-ref-kind"),
        ) {
            let name_key = ext("x-kubernetes-object-ref-name-key").unwrap_or("name");
            let mut full = path.clone();
            full.push(name_key);
            config.name_reference.push(NameReference {
                group: String::new(),
                version: version.to_string(),
                kind: target.to_string(),
                field_specs: vec![spec(kind, &full)],
            });
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            add_type(config, kind, defs, reference, path, depth + 1);
        }
        path.pop();
    }
}
