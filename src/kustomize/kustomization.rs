//! The Kustomization file, decoded the way kustomize decodes it: YAML 1.1 scalars (go-yaml
//! v2), then JSON into strict Go structs, so field names match case-insensitively, unknown
//! fields are errors, a number where a string belongs is an error, and a repeated key keeps
//! its last value.

use crate::gojson::Shape::{Any, List, Str, StrMap, Struct};
use crate::gojson::{self, Keys, Shape, STRINGS};
use crate::yaml::{self, ReadOptions};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The file names kustomize looks for, in its order of preference.
pub const KUSTOMIZATION_FILES: [&str; 3] =
    ["kustomization.yaml", "kustomization.yml", "Kustomization"];

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

// The shapes of kustomize's Go structs, so keys can be matched as Go's encoding/json does
// (`gojson::Keys::ENCODING_JSON`) before strict decoding. Maps of strings and free-form values
// are left alone.

pub(super) const FIELD_SPEC: Shape = Struct(&[
    ("group", Str),
    ("version", Str),
    ("kind", Str),
    ("path", Str),
    ("create", Any),
]);
pub(super) const SELECTOR: Shape = Struct(&[
    ("group", Str),
    ("version", Str),
    ("kind", Str),
    ("name", Str),
    ("namespace", Str),
    ("labelSelector", Str),
    ("annotationSelector", Str),
]);
pub(super) const PATCH: Shape = Struct(&[
    ("path", Str),
    ("patch", Str),
    ("target", SELECTOR),
    (
        "options",
        Struct(&[("allowNameChange", Any), ("allowKindChange", Any)]),
    ),
]);
pub(super) const IMAGE: Shape = Struct(&[
    ("name", Str),
    ("newName", Str),
    ("newTag", Str),
    ("digest", Str),
    ("tagSuffix", Str),
]);
const FIELD_OPTIONS: Shape = Struct(&[
    ("delimiter", Str),
    ("index", Any),
    ("encoding", Str),
    ("create", Any),
]);
const REPLACEMENT_SOURCE: Shape = Struct(&[
    ("group", Str),
    ("version", Str),
    ("kind", Str),
    ("name", Str),
    ("namespace", Str),
    ("fieldPath", Str),
    ("options", FIELD_OPTIONS),
]);
const REPLACEMENT_TARGETS: Shape = List(&Struct(&[
    ("select", SELECTOR),
    ("reject", List(&SELECTOR)),
    ("fieldPaths", STRINGS),
    ("options", FIELD_OPTIONS),
]));
/// A replacement as a file holds it (no `path`).
const REPLACEMENT: Shape = Struct(&[
    ("source", REPLACEMENT_SOURCE),
    ("targets", REPLACEMENT_TARGETS),
]);
pub(super) const REPLACEMENT_FIELD: Shape = Struct(&[
    ("path", Str),
    ("source", REPLACEMENT_SOURCE),
    ("targets", REPLACEMENT_TARGETS),
]);
pub(super) const REPLICA: Shape = Struct(&[("name", Str), ("count", Any)]);
const VAR: Shape = Struct(&[
    ("name", Str),
    (
        "objref",
        Struct(&[
            ("apiVersion", Str),
            ("group", Str),
            ("version", Str),
            ("kind", Str),
            ("name", Str),
            ("namespace", Str),
        ]),
    ),
    ("fieldref", Struct(&[("fieldPath", Str)])),
]);
pub(super) const HELM_GLOBALS: Shape = Struct(&[("chartHome", Str), ("configHome", Str)]);
pub(super) const HELM_CHART: Shape = Struct(&[
    ("name", Str),
    ("version", Str),
    ("repo", Str),
    ("releaseName", Str),
    ("namespace", Str),
    ("additionalValuesFiles", STRINGS),
    ("valuesFile", Str),
    ("valuesInline", Any),
    ("valuesMerge", Str),
    ("includeCRDs", Any),
    ("skipHooks", Any),
    ("apiVersions", STRINGS),
    ("kubeVersion", Str),
    ("nameTemplate", Str),
    ("skipTests", Any),
    ("debug", Any),
]);
const HELM_CHART_ARGS: Shape = Struct(&[
    ("chartName", Str),
    ("chartVersion", Str),
    ("chartRepoUrl", Str),
    ("chartHome", Str),
    ("chartRepoName", Str),
    ("helmBin", Str),
    ("helmHome", Str),
    ("values", Str),
    ("valuesLocal", Any),
    ("valuesMerge", Str),
    ("releaseName", Str),
    ("releaseNamespace", Str),
    ("extraArgs", STRINGS),
]);
const GENERATOR_OPTIONS: Shape = Struct(&[
    ("labels", StrMap),
    ("annotations", StrMap),
    ("disableNameSuffixHash", Any),
    ("immutable", Any),
]);
pub(super) const GENERATOR: Shape = Struct(&[
    ("name", Str),
    ("namespace", Str),
    ("behavior", Str),
    ("files", STRINGS),
    ("literals", STRINGS),
    ("envs", STRINGS),
    ("env", Str),
    ("options", GENERATOR_OPTIONS),
    ("type", Str),
]);
const KUSTOMIZATION: Shape = Struct(&[
    ("apiVersion", Str),
    ("kind", Str),
    ("metadata", Any),
    ("resources", STRINGS),
    ("bases", STRINGS),
    ("components", STRINGS),
    ("crds", STRINGS),
    ("namespace", Str),
    ("namePrefix", Str),
    ("nameSuffix", Str),
    ("commonLabels", StrMap),
    (
        "labels",
        List(&Struct(&[
            ("pairs", Any),
            ("includeSelectors", Any),
            ("includeTemplates", Any),
            ("fields", List(&FIELD_SPEC)),
        ])),
    ),
    ("commonAnnotations", StrMap),
    ("images", List(&IMAGE)),
    ("imageTags", List(&IMAGE)),
    ("replicas", List(&REPLICA)),
    ("patches", List(&PATCH)),
    ("patchesStrategicMerge", STRINGS),
    ("patchesJson6902", List(&PATCH)),
    ("configMapGenerator", List(&GENERATOR)),
    ("secretGenerator", List(&GENERATOR)),
    ("generatorOptions", GENERATOR_OPTIONS),
    (
        "sortOptions",
        Struct(&[
            ("order", Str),
            (
                "legacySortOptions",
                Struct(&[("orderFirst", STRINGS), ("orderLast", STRINGS)]),
            ),
        ]),
    ),
    ("vars", List(&VAR)),
    ("replacements", List(&REPLACEMENT_FIELD)),
    ("configurations", STRINGS),
    ("openapi", StrMap),
    ("generators", STRINGS),
    ("transformers", STRINGS),
    ("validators", STRINGS),
    ("buildMetadata", STRINGS),
    ("helmCharts", List(&HELM_CHART)),
    ("helmGlobals", HELM_GLOBALS),
    ("helmChartInflationGenerator", List(&HELM_CHART_ARGS)),
]);

/// Prepares a value for decoding into the shape's Go types the way Go's encoding/json sees
/// it: a null struct field keeps its zero value (the field is dropped here), a null string
/// in a list or map is `""`, a null struct in a list is an empty one. With `coerce`, a number
/// or bool where a string belongs becomes its text, as sigs.k8s.io/yaml's `Unmarshal` (YAML
/// to JSON guided by the target type) does for plugin configs.
fn go_decode_prep(value: &mut Value, shape: &Shape, coerce: bool) {
    match (value, shape) {
        (Value::Object(map), Struct(fields)) => {
            map.retain(|_, v| !v.is_null());
            for (name, inner) in fields.iter() {
                if let Some(v) = map.get_mut(*name) {
                    go_decode_prep(v, inner, coerce);
                }
            }
        }
        (Value::Array(items), List(inner)) => {
            for item in items {
                if item.is_null() {
                    match inner {
                        Str => *item = Value::String(String::new()),
                        Struct(_) => *item = Value::Object(Map::new()),
                        _ => {}
                    }
                } else {
                    go_decode_prep(item, inner, coerce);
                }
            }
        }
        (Value::Object(map), StrMap) => {
            for v in map.values_mut() {
                if v.is_null() {
                    *v = Value::String(String::new());
                } else if coerce {
                    coerce_to_string(v);
                }
            }
        }
        (v, Str) if coerce => coerce_to_string(v),
        _ => {}
    }
}

/// sigs.k8s.io/yaml's conversion of a YAML number or bool decoded into a Go string.
fn coerce_to_string(v: &mut Value) {
    let text = match v {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) => yaml::go_format_g32(f),
            _ => return,
        },
        _ => return,
    };
    *v = Value::String(text);
}

/// Decodes a value the way kustomize decodes a plugin config (sigs.k8s.io/yaml into a Go
/// struct): keys match case-insensitively, unknown keys are ignored, null is the zero value,
/// numbers and bools where strings belong are their text.
pub(super) fn decode_lenient<T: serde::de::DeserializeOwned>(
    mut value: Value,
    shape: &Shape,
) -> Result<T, String> {
    gojson::canonicalise(&mut value, shape, Keys::ENCODING_JSON);
    gojson::prune_unknown(&mut value, shape);
    go_decode_prep(&mut value, shape, true);
    serde_json::from_value(value).map_err(|e| serde_message(&e))
}

/// Decodes a `replacements` `path` file: one replacement (a mapping) or a list of them,
/// decoded leniently (unknown fields ignored) as kustomize's ReplacementTransformer does.
pub fn parse_replacement_file(text: &str) -> Result<Vec<ReplacementField>, String> {
    let docs = yaml::parse_documents_with(text, ReadOptions::CONFIG).map_err(|e| e.to_string())?;
    let value = docs.into_iter().next().map(|d| d.value).unwrap_or_default();
    let decode = |mut v: Value| -> Result<ReplacementField, String> {
        gojson::canonicalise(&mut v, &REPLACEMENT, Keys::ENCODING_JSON);
        gojson::prune_unknown(&mut v, &REPLACEMENT);
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
        0 => Value::Object(Map::new()),
        1 => docs.into_iter().next().map(|d| d.value).unwrap_or_default(),
        _ => return Err("a kustomization must be a single YAML document".into()),
    };
    if value.is_null() {
        value = Value::Object(Map::new());
    }
    if !value.is_object() {
        return Err("a kustomization must be a mapping".into());
    }
    gojson::canonicalise(&mut value, &KUSTOMIZATION, Keys::ENCODING_JSON);
    go_decode_prep(&mut value, &KUSTOMIZATION, false);
    let present: Vec<&'static str> = DEPRECATED
        .iter()
        .map(|(field, _)| *field)
        .filter(|field| value.get(field).is_some())
        .collect();
    let empty = value.as_object().is_some_and(is_empty);
    let mut k: Kustomization = serde_json::from_value(value)
        .map_err(|e| format!("invalid Kustomization: {}", serde_message(&e)))?;
    if empty {
        return Err(EMPTY.into());
    }
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

/// kustomize's error for a kustomization that sets nothing.
pub const EMPTY: &str = "kustomization.yaml is empty";

/// kustomize's `CheckEmpty`: after `FixKustomization`, the decoded kustomization equals an
/// empty one with the same apiVersion and kind. Null fields and empty strings are zero; an
/// empty list or map is not (Go decodes it as non-nil), except the deprecated lists that
/// `FixKustomization` folds away (`bases: []` leaves `resources` nil).
fn is_empty(fields: &Map<String, Value>) -> bool {
    fields.iter().all(|(k, v)| match k.as_str() {
        "apiVersion" | "kind" => true,
        "namePrefix" | "nameSuffix" | "namespace" => v.as_str() == Some(""),
        "bases" | "imageTags" | "helmChartInflationGenerator" => {
            v.as_array().is_some_and(Vec::is_empty)
        }
        _ => false,
    })
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
    fn plugin_configs_take_scalars_as_strings() {
        let v = serde_json::json!({"name": "a", "newTag": 10, "digest": true, "newName": 1.50});
        let image: Image = decode_lenient(v, &IMAGE).unwrap();
        assert_eq!(image.new_tag.as_deref(), Some("10"));
        assert_eq!(image.digest.as_deref(), Some("true"));
        assert_eq!(image.new_name.as_deref(), Some("1.5"));
        let v = serde_json::json!({"name": "a", "count": "4"});
        assert!(decode_lenient::<Replica>(v, &REPLICA).is_err());
    }

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
        assert!(parse("apiVersion: foo/v1\nresources: []\n")
            .unwrap_err()
            .contains("should be"));
        // kustomize's CheckEmpty, before the apiVersion check.
        for empty in [
            "",
            "# c\n",
            "kind: Component\n",
            "resources:\nnamePrefix: ''\n",
        ] {
            assert_eq!(parse(empty).unwrap_err(), EMPTY, "{empty:?}");
        }
        for not_empty in [
            "resources: []\n",
            "commonLabels: {}\n",
            "metadata: {name: x}\n",
        ] {
            assert!(parse(not_empty).is_ok(), "{not_empty:?}");
        }
        // A null field is absent; a null string in a list or map is "".
        let k = parse(
            "images: null\npatches: ~\nnamePrefix:\ncommonLabels: {a: null}\nresources: [r.yaml]\n",
        )
        .unwrap();
        assert!(k.images.is_empty() && k.patches.is_empty() && k.name_prefix.is_none());
        assert_eq!(k.common_labels.unwrap()["a"], "");
        assert!(parse(
            "kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\nresources: []\n"
        )
        .unwrap()
        .is_component());
    }
}
