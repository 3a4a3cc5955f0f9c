//! The Kustomization file, decoded the way kustomize decodes it: YAML 1.1 scalars (go-yaml
//! v2), then JSON into strict Go structs, so field names match case-insensitively, unknown
//! fields are errors, a number where a string belongs is an error, and a repeated key keeps
//! its last value.

use crate::yaml::{self, ReadOptions};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Map, Value};

pub type StringMap = IndexMap<String, String>;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Kustomization {
    pub api_version: Option<String>,
    pub kind: Option<String>,
    pub metadata: Option<Value>,
    #[serde(default)]
    pub resources: Vec<String>,
    #[serde(default)]
    pub bases: Vec<String>,
    #[serde(default)]
    pub components: Vec<String>,
    #[serde(default)]
    pub crds: Vec<String>,
    pub namespace: Option<String>,
    pub name_prefix: Option<String>,
    pub name_suffix: Option<String>,
    pub common_labels: Option<StringMap>,
    #[serde(default)]
    pub labels: Vec<Label>,
    pub common_annotations: Option<StringMap>,
    #[serde(default)]
    pub images: Vec<Image>,
    #[serde(default)]
    pub image_tags: Vec<Image>,
    #[serde(default)]
    pub replicas: Vec<Replica>,
    #[serde(default)]
    pub patches: Vec<Patch>,
    #[serde(default)]
    pub patches_strategic_merge: Vec<String>,
    #[serde(default)]
    pub patches_json6902: Vec<Patch>,
    #[serde(default)]
    pub config_map_generator: Vec<GeneratorArgs>,
    #[serde(default)]
    pub secret_generator: Vec<GeneratorArgs>,
    pub generator_options: Option<GeneratorOptions>,
    pub sort_options: Option<SortOptions>,
    #[serde(default)]
    pub vars: Vec<Var>,
    #[serde(default)]
    pub replacements: Vec<ReplacementField>,
    #[serde(default)]
    pub configurations: Vec<String>,
    pub openapi: Option<Value>,
    #[serde(default)]
    pub generators: Vec<String>,
    #[serde(default)]
    pub transformers: Vec<String>,
    #[serde(default)]
    pub validators: Vec<String>,
    #[serde(default)]
    pub build_metadata: Vec<String>,
    #[serde(default)]
    pub helm_charts: Vec<HelmChart>,
    pub helm_globals: Option<HelmGlobals>,
    /// The deprecated spelling of `helmCharts`, folded into it by `parse`.
    #[serde(default)]
    pub helm_chart_inflation_generator: Vec<HelmChartArgs>,
    /// Deprecated fields present in the file (even empty), in alphabetical order.
    #[serde(skip)]
    pub deprecated_fields: Vec<&'static str>,
}

/// Deprecated fields and what replaces them, alphabetically (kustomize's warning order).
const DEPRECATED: [(&str, &str); 6] = [
    ("bases", "resources"),
    ("commonLabels", "labels"),
    ("imageTags", "images"),
    ("patchesJson6902", "patches"),
    ("patchesStrategicMerge", "patches"),
    ("vars", "replacements"),
];

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Label {
    #[serde(default)]
    pub pairs: StringMap,
    #[serde(default)]
    pub include_selectors: bool,
    #[serde(default)]
    pub include_templates: bool,
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
}

#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldSpec {
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub create: bool,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Image {
    #[serde(default)]
    pub name: String,
    pub new_name: Option<String>,
    pub new_tag: Option<String>,
    pub digest: Option<String>,
    pub tag_suffix: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Replica {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub count: i64,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Patch {
    pub path: Option<String>,
    pub patch: Option<String>,
    pub target: Option<Selector>,
    pub options: Option<PatchOptions>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PatchOptions {
    #[serde(default)]
    pub allow_name_change: bool,
    #[serde(default)]
    pub allow_kind_change: bool,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Selector {
    pub group: Option<String>,
    pub version: Option<String>,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub namespace: Option<String>,
    pub label_selector: Option<String>,
    pub annotation_selector: Option<String>,
}

/// One `replacements` entry: inline (`source` and `targets`) or a `path` to a file holding
/// one replacement or a list of them.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReplacementField {
    pub path: Option<String>,
    pub source: Option<SourceSelector>,
    /// `None` when absent or null (kustomize refuses that); `Some(vec![])` is accepted.
    pub targets: Option<Vec<TargetSelector>>,
}

/// Where a replacement reads its value: a resource id (exact match) and a field path.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceSelector {
    pub group: Option<String>,
    pub version: Option<String>,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub namespace: Option<String>,
    pub field_path: Option<String>,
    pub options: Option<FieldOptions>,
}

/// Where a replacement writes its value.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetSelector {
    pub select: Option<Selector>,
    #[serde(default)]
    pub reject: Vec<Selector>,
    #[serde(default)]
    pub field_paths: Vec<String>,
    pub options: Option<FieldOptions>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldOptions {
    pub delimiter: Option<String>,
    #[serde(default)]
    pub index: i64,
    pub encoding: Option<String>,
    #[serde(default)]
    pub create: bool,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GeneratorArgs {
    #[serde(default)]
    pub name: String,
    pub namespace: Option<String>,
    pub behavior: Option<String>,
    #[serde(default)]
    pub files: Vec<String>,
    #[serde(default)]
    pub literals: Vec<String>,
    #[serde(default)]
    pub envs: Vec<String>,
    pub env: Option<String>,
    pub options: Option<GeneratorOptions>,
    /// Secrets only.
    #[serde(rename = "type")]
    pub type_: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GeneratorOptions {
    pub labels: Option<StringMap>,
    pub annotations: Option<StringMap>,
    pub disable_name_suffix_hash: Option<bool>,
    pub immutable: Option<bool>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SortOptions {
    pub order: Option<String>,
    pub legacy_sort_options: Option<LegacySortOptions>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LegacySortOptions {
    #[serde(default)]
    pub order_first: Vec<String>,
    #[serde(default)]
    pub order_last: Vec<String>,
}

/// A legacy `vars` entry: `$(name)` is replaced by the value at `fieldref.fieldPath` of the
/// object `objref` names (by its name before any prefix, suffix or hash).
#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Var {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub objref: VarTarget,
    #[serde(default)]
    pub fieldref: VarFieldRef,
}

#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VarTarget {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub namespace: String,
}

#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VarFieldRef {
    #[serde(default)]
    pub field_path: String,
}

/// Where charts live and helm keeps its configuration (kustomize's `HelmGlobals`).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HelmGlobals {
    #[serde(default)]
    pub chart_home: String,
    #[serde(default)]
    pub config_home: String,
}

/// One `helmCharts` entry (kustomize's `HelmChart`).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HelmChart {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub repo: String,
    #[serde(default)]
    pub release_name: String,
    #[serde(default)]
    pub namespace: String,
    #[serde(default)]
    pub additional_values_files: Vec<String>,
    #[serde(default)]
    pub values_file: String,
    #[serde(default)]
    pub values_inline: Map<String, Value>,
    #[serde(default)]
    pub values_merge: String,
    #[serde(default, rename = "includeCRDs")]
    pub include_crds: bool,
    #[serde(default)]
    pub skip_hooks: bool,
    #[serde(default)]
    pub api_versions: Vec<String>,
    #[serde(default)]
    pub kube_version: String,
    #[serde(default)]
    pub name_template: String,
    #[serde(default)]
    pub skip_tests: bool,
    #[serde(default)]
    pub debug: bool,
}

/// A deprecated `helmChartInflationGenerator` entry (kustomize's `HelmChartArgs`).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HelmChartArgs {
    #[serde(default)]
    pub chart_name: String,
    #[serde(default)]
    pub chart_version: String,
    #[serde(default)]
    pub chart_repo_url: String,
    #[serde(default)]
    pub chart_home: String,
    #[serde(default)]
    pub chart_repo_name: String,
    #[serde(default)]
    pub helm_bin: String,
    #[serde(default)]
    pub helm_home: String,
    #[serde(default)]
    pub values: String,
    #[serde(default)]
    pub values_local: Map<String, Value>,
    #[serde(default)]
    pub values_merge: String,
    #[serde(default)]
    pub release_name: String,
    #[serde(default)]
    pub release_namespace: String,
    #[serde(default)]
    pub extra_args: Vec<String>,
}

/// The shape of the Go structs, so keys can be matched case-insensitively (as Go's
/// encoding/json does) before strict decoding. Maps of strings and free-form values are left
/// alone.
pub(super) enum Shape {
    Struct(&'static [(&'static str, Shape)]),
    ListOf(&'static Shape),
    Opaque,
}

pub(super) use Shape::{ListOf, Opaque, Struct};

pub(super) const FIELD_SPEC: Shape = Struct(&[
    ("group", Opaque),
    ("version", Opaque),
    ("kind", Opaque),
    ("path", Opaque),
    ("create", Opaque),
]);
pub(super) const SELECTOR: Shape = Struct(&[
    ("group", Opaque),
    ("version", Opaque),
    ("kind", Opaque),
    ("name", Opaque),
    ("namespace", Opaque),
    ("labelSelector", Opaque),
    ("annotationSelector", Opaque),
]);
pub(super) const PATCH: Shape = Struct(&[
    ("path", Opaque),
    ("patch", Opaque),
    ("target", SELECTOR),
    (
        "options",
        Struct(&[("allowNameChange", Opaque), ("allowKindChange", Opaque)]),
    ),
]);
pub(super) const IMAGE: Shape = Struct(&[
    ("name", Opaque),
    ("newName", Opaque),
    ("newTag", Opaque),
    ("digest", Opaque),
    ("tagSuffix", Opaque),
]);
const FIELD_OPTIONS: Shape = Struct(&[
    ("delimiter", Opaque),
    ("index", Opaque),
    ("encoding", Opaque),
    ("create", Opaque),
]);
const REPLACEMENT_SOURCE: Shape = Struct(&[
    ("group", Opaque),
    ("version", Opaque),
    ("kind", Opaque),
    ("name", Opaque),
    ("namespace", Opaque),
    ("fieldPath", Opaque),
    ("options", FIELD_OPTIONS),
]);
const REPLACEMENT_TARGETS: Shape = ListOf(&Struct(&[
    ("select", SELECTOR),
    ("reject", ListOf(&SELECTOR)),
    ("fieldPaths", Opaque),
    ("options", FIELD_OPTIONS),
]));
/// A replacement as a file holds it (no `path`).
const REPLACEMENT: Shape = Struct(&[
    ("source", REPLACEMENT_SOURCE),
    ("targets", REPLACEMENT_TARGETS),
]);
pub(super) const REPLACEMENT_FIELD: Shape = Struct(&[
    ("path", Opaque),
    ("source", REPLACEMENT_SOURCE),
    ("targets", REPLACEMENT_TARGETS),
]);
pub(super) const REPLICA: Shape = Struct(&[("name", Opaque), ("count", Opaque)]);
const VAR: Shape = Struct(&[
    ("name", Opaque),
    (
        "objref",
        Struct(&[
            ("apiVersion", Opaque),
            ("group", Opaque),
            ("version", Opaque),
            ("kind", Opaque),
            ("name", Opaque),
            ("namespace", Opaque),
        ]),
    ),
    ("fieldref", Struct(&[("fieldPath", Opaque)])),
]);
pub(super) const HELM_GLOBALS: Shape = Struct(&[("chartHome", Opaque), ("configHome", Opaque)]);
pub(super) const HELM_CHART: Shape = Struct(&[
    ("name", Opaque),
    ("version", Opaque),
    ("repo", Opaque),
    ("releaseName", Opaque),
    ("namespace", Opaque),
    ("additionalValuesFiles", Opaque),
    ("valuesFile", Opaque),
    ("valuesInline", Opaque),
    ("valuesMerge", Opaque),
    ("includeCRDs", Opaque),
    ("skipHooks", Opaque),
    ("apiVersions", Opaque),
    ("kubeVersion", Opaque),
    ("nameTemplate", Opaque),
    ("skipTests", Opaque),
    ("debug", Opaque),
]);
const HELM_CHART_ARGS: Shape = Struct(&[
    ("chartName", Opaque),
    ("chartVersion", Opaque),
    ("chartRepoUrl", Opaque),
    ("chartHome", Opaque),
    ("chartRepoName", Opaque),
    ("helmBin", Opaque),
    ("helmHome", Opaque),
    ("values", Opaque),
    ("valuesLocal", Opaque),
    ("valuesMerge", Opaque),
    ("releaseName", Opaque),
    ("releaseNamespace", Opaque),
    ("extraArgs", Opaque),
]);
const GENERATOR_OPTIONS: Shape = Struct(&[
    ("labels", Opaque),
    ("annotations", Opaque),
    ("disableNameSuffixHash", Opaque),
    ("immutable", Opaque),
]);
pub(super) const GENERATOR: Shape = Struct(&[
    ("name", Opaque),
    ("namespace", Opaque),
    ("behavior", Opaque),
    ("files", Opaque),
    ("literals", Opaque),
    ("envs", Opaque),
    ("env", Opaque),
    ("options", GENERATOR_OPTIONS),
    ("type", Opaque),
]);
const KUSTOMIZATION: Shape = Struct(&[
    ("apiVersion", Opaque),
    ("kind", Opaque),
    ("metadata", Opaque),
    ("resources", Opaque),
    ("bases", Opaque),
    ("components", Opaque),
    ("crds", Opaque),
    ("namespace", Opaque),
    ("namePrefix", Opaque),
    ("nameSuffix", Opaque),
    ("commonLabels", Opaque),
    (
        "labels",
        ListOf(&Struct(&[
            ("pairs", Opaque),
            ("includeSelectors", Opaque),
            ("includeTemplates", Opaque),
            ("fields", ListOf(&FIELD_SPEC)),
        ])),
    ),
    ("commonAnnotations", Opaque),
    ("images", ListOf(&IMAGE)),
    ("imageTags", ListOf(&IMAGE)),
    ("replicas", ListOf(&REPLICA)),
    ("patches", ListOf(&PATCH)),
    ("patchesStrategicMerge", Opaque),
    ("patchesJson6902", ListOf(&PATCH)),
    ("configMapGenerator", ListOf(&GENERATOR)),
    ("secretGenerator", ListOf(&GENERATOR)),
    ("generatorOptions", GENERATOR_OPTIONS),
    (
        "sortOptions",
        Struct(&[
            ("order", Opaque),
            (
                "legacySortOptions",
                Struct(&[("orderFirst", Opaque), ("orderLast", Opaque)]),
            ),
        ]),
    ),
    ("vars", ListOf(&VAR)),
    ("replacements", ListOf(&REPLACEMENT_FIELD)),
    ("configurations", Opaque),
    ("openapi", Opaque),
    ("generators", Opaque),
    ("transformers", Opaque),
    ("validators", Opaque),
    ("buildMetadata", Opaque),
    ("helmCharts", ListOf(&HELM_CHART)),
    ("helmGlobals", HELM_GLOBALS),
    ("helmChartInflationGenerator", ListOf(&HELM_CHART_ARGS)),
]);

/// Renames keys to their canonical spelling where they match a field case-insensitively.
/// An exact match wins over a case-insensitive one; the last of several spellings wins, as
/// with repeated keys.
fn canonicalize(value: &mut Value, shape: &Shape) {
    match (value, shape) {
        (Value::Object(map), Struct(fields)) => {
            let old = std::mem::take(map);
            let mut out = Map::new();
            for (k, mut v) in old {
                let field = fields.iter().find(|(name, _)| *name == k).or_else(|| {
                    fields
                        .iter()
                        .find(|(name, _)| name.eq_ignore_ascii_case(&k))
                });
                match field {
                    Some((name, inner)) => {
                        canonicalize(&mut v, inner);
                        out.shift_remove(*name);
                        out.insert((*name).to_string(), v);
                    }
                    None => {
                        out.insert(k, v);
                    }
                }
            }
            *map = out;
        }
        (Value::Array(items), ListOf(inner)) => {
            for item in items {
                canonicalize(item, inner);
            }
        }
        _ => {}
    }
}

/// Drops keys the shape does not know, recursively: the non-strict decoding kustomize uses
/// for files its plugins read (after `canonicalize`).
fn prune_unknown(value: &mut Value, shape: &Shape) {
    match (value, shape) {
        (Value::Object(map), Struct(fields)) => {
            map.retain(|k, _| fields.iter().any(|(name, _)| name == k));
            for (name, inner) in fields.iter() {
                if let Some(v) = map.get_mut(*name) {
                    prune_unknown(v, inner);
                }
            }
        }
        (Value::Array(items), ListOf(inner)) => {
            for item in items {
                prune_unknown(item, inner);
            }
        }
        _ => {}
    }
}

/// Drops null values from mappings, recursively: Go's JSON decoding leaves a field at its
/// zero value for `null`.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// Decodes a value the way kustomize decodes a plugin config (sigs.k8s.io/yaml into a Go
/// struct): keys match case-insensitively, unknown keys are ignored, null is the zero value.
pub(super) fn decode_lenient<T: serde::de::DeserializeOwned>(
    mut value: Value,
    shape: &Shape,
) -> Result<T, String> {
    drop_nulls(&mut value);
    canonicalize(&mut value, shape);
    prune_unknown(&mut value, shape);
    serde_json::from_value(value).map_err(|e| serde_message(&e))
}

/// Decodes a `replacements` `path` file: one replacement (a mapping) or a list of them,
/// decoded leniently (unknown fields ignored) as kustomize's ReplacementTransformer does.
pub fn parse_replacement_file(text: &str) -> Result<Vec<ReplacementField>, String> {
    let docs = yaml::parse_documents_with(text, ReadOptions::CONFIG).map_err(|e| e.to_string())?;
    let value = docs.into_iter().next().map(|d| d.value).unwrap_or_default();
    let decode = |mut v: Value| -> Result<ReplacementField, String> {
        canonicalize(&mut v, &REPLACEMENT);
        prune_unknown(&mut v, &REPLACEMENT);
        serde_json::from_value(v).map_err(|e| serde_message(&e))
    };
    match value {
        Value::Array(items) => items.into_iter().map(decode).collect(),
        v @ Value::Object(_) => Ok(vec![decode(v)?]),
        other => {
            let kind = match other {
                Value::String(_) => "string",
                Value::Number(_) => "float64",
                Value::Bool(_) => "bool",
                _ => "invalid",
            };
            Err(format!(
                "unsupported replacement type encountered within replacement path: {kind}"
            ))
        }
    }
}

/// Decodes a kustomization file's text. Errors are plain messages; the caller adds the file.
pub fn parse(text: &str) -> Result<Kustomization, String> {
    let docs = yaml::parse_documents_with(text, ReadOptions::CONFIG).map_err(|e| e.to_string())?;
    let mut value = match docs.len() {
        0 => return Ok(Kustomization::default()),
        1 => docs.into_iter().next().map(|d| d.value).unwrap_or_default(),
        _ => return Err("a kustomization must be a single YAML document".into()),
    };
    if !value.is_object() {
        return Err("a kustomization must be a mapping".into());
    }
    canonicalize(&mut value, &KUSTOMIZATION);
    let present: Vec<&'static str> = DEPRECATED
        .iter()
        .map(|(field, _)| *field)
        .filter(|field| value.get(field).is_some())
        .collect();
    let mut k: Kustomization = serde_json::from_value(value)
        .map_err(|e| format!("invalid Kustomization: {}", serde_message(&e)))?;
    check_type(&k)?;
    k.deprecated_fields = present;
    // kustomize folds the deprecated spellings into their successors.
    k.resources.append(&mut k.bases);
    k.images.append(&mut k.image_tags);
    fold_helm_chart_args(&mut k);
    Ok(k)
}

/// kustomize's `SplitHelmParameters`: deprecated `helmChartInflationGenerator` entries
/// become `helmCharts`; their homes become `helmGlobals` when none are set (the last
/// non-empty one wins).
fn fold_helm_chart_args(k: &mut Kustomization) {
    let old = std::mem::take(&mut k.helm_chart_inflation_generator);
    if old.is_empty() {
        return;
    }
    let mut globals = HelmGlobals::default();
    for args in old {
        if !args.helm_home.is_empty() {
            globals.config_home = args.helm_home.clone();
        }
        if !args.chart_home.is_empty() {
            globals.chart_home = args.chart_home.clone();
        }
        k.helm_charts.push(HelmChart {
            name: args.chart_name,
            version: args.chart_version,
            repo: args.chart_repo_url,
            values_file: args.values,
            values_inline: args.values_local,
            values_merge: args.values_merge,
            release_name: args.release_name,
            ..HelmChart::default()
        });
    }
    if k.helm_globals.is_none()
        && (!globals.chart_home.is_empty() || !globals.config_home.is_empty())
    {
        k.helm_globals = Some(globals);
    }
}

/// serde's message without its list of every accepted field, with quotes as Go prints them.
fn serde_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = text.split(", expected one of").next().unwrap_or(&text);
    text.replace('`', "\"")
}

pub const KUSTOMIZATION_API_VERSION: &str = "kustomize.config.k8s.io/v1beta1";
pub const COMPONENT_API_VERSION: &str = "kustomize.config.k8s.io/v1alpha1";

fn check_type(k: &Kustomization) -> Result<(), String> {
    match k.kind.as_deref().unwrap_or("Kustomization") {
        "Kustomization" | "" => match k.api_version.as_deref() {
            None | Some("") | Some(KUSTOMIZATION_API_VERSION) => Ok(()),
            Some(_) => Err(format!(
                "apiVersion for Kustomization should be {KUSTOMIZATION_API_VERSION}"
            )),
        },
        "Component" => match k.api_version.as_deref() {
            None | Some("") | Some(COMPONENT_API_VERSION) => Ok(()),
            Some(_) => Err(format!(
                "apiVersion for Component should be {COMPONENT_API_VERSION}"
            )),
        },
        other => Err(format!(
            "kind should be Kustomization or Component, not {other:?}"
        )),
    }
}

impl Kustomization {
    /// The warnings kustomize prints for this file's deprecated fields.
    pub fn deprecation_warnings(&self) -> Vec<String> {
        self.deprecated_fields
            .iter()
            .filter_map(|field| DEPRECATED.iter().find(|(f, _)| f == field))
            .map(|(field, new)| {
                let experimental = if *field == "vars" { " [EXPERIMENTAL]" } else { "" };
                format!("# Warning: '{field}' is deprecated. Please use '{new}' instead.{experimental} Run 'kustomize edit fix' to update your Kustomization automatically.")
            })
            .collect()
    }

    pub fn is_component(&self) -> bool {
        self.kind.as_deref() == Some("Component")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_like_kustomize() {
        let k = parse("NamePrefix: x-\nnameprefix: y-\nimages:\n- name: a\n  NewTag: \"1.0\"\nbases: [../b]\nresources: [a.yaml]\n").unwrap();
        assert_eq!(k.name_prefix.as_deref(), Some("y-"));
        assert_eq!(k.images[0].new_tag.as_deref(), Some("1.0"));
        assert_eq!(k.resources, vec!["a.yaml", "../b"]);
        assert!(parse("commonLabels:\n  a: 1\n")
            .unwrap_err()
            .contains("invalid Kustomization"));
        assert!(parse("commonLabels:\n  a: yes\n").is_err());
        assert!(parse("commonLabels:\n  a: \"yes\"\n").is_ok());
        assert!(parse("foo: 1\n")
            .unwrap_err()
            .ends_with("unknown field \"foo\""));
        assert!(parse("apiVersion: foo/v1\n")
            .unwrap_err()
            .contains("should be"));
        assert!(
            parse("kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n")
                .unwrap()
                .is_component()
        );
    }
}
