//! Builtin plugin configs named in `generators:`, `transformers:` and `validators:`
//! (kustomize's `configureExternalGenerators`/`configureExternalTransformers` with the
//! builtin plugin loader).
//!
//! An entry is inline YAML (one or more configs), a file of configs, or a directory whose
//! kustomization builds the configs. A config is builtin when its apiVersion is exactly
//! `builtin` (group empty, version `builtin`); anything else is an external plugin, which
//! `kubectl kustomize` refuses without `--enable-alpha-plugins` and kzr refuses always. Each
//! builtin runs through the same transformer code as the kustomization field it backs, with
//! the field specs and options the config gives.

use super::buildmeta::{self, ConfiguredBy};
use super::error::BuildError;
use super::helm::{self, HelmOptions};
use super::kustomization::{
    self as k, decode_lenient, FieldSpec, GeneratorArgs, HelmChart, HelmGlobals, Image, Patch,
    ReplacementField, Replica, Selector, StringMap,
};
use super::loader::Loader;
use super::resid::resid_string;
use super::resource::Resource;
use super::resset::ResSet;
use super::transform::{self, BindingSubjects};
use super::{generator, hash, patch, replacement, valueadd};
use crate::gojson::Shape::{self, Any, List, Str, StrMap, Struct};
use crate::gojson::STRINGS;
use crate::object;
use serde::Deserialize;
use serde_json::Value;

/// Where a list of plugin configs is named.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Generator,
    Transformer,
    Validator,
}

impl Role {
    pub fn field(self) -> &'static str {
        match self {
            Role::Generator => "generators",
            Role::Transformer => "transformers",
            Role::Validator => "validators",
        }
    }
}

/// A decoded builtin plugin config.
#[derive(Debug)]
enum Plugin {
    Affix {
        prefix: String,
        suffix: String,
        specs: Vec<FieldSpec>,
    },
    Labels {
        pairs: StringMap,
        specs: Vec<FieldSpec>,
    },
    Annotations {
        pairs: StringMap,
        specs: Vec<FieldSpec>,
    },
    Namespace {
        namespace: String,
        specs: Vec<FieldSpec>,
        unset_only: bool,
        subjects: BindingSubjects,
    },
    Image {
        image: Image,
        specs: Vec<FieldSpec>,
    },
    Replicas {
        replica: Replica,
        specs: Vec<FieldSpec>,
    },
    Patch(Patch),
    StrategicMerge {
        paths: Vec<String>,
        patches: String,
    },
    Json6902(Patch),
    Replacements(Vec<ReplacementField>),
    Hash,
    ConfigMap(GeneratorArgs),
    Secret(GeneratorArgs),
    IamPolicy(IamPolicy),
    Helm {
        globals: HelmGlobals,
        chart: HelmChart,
    },
    ValueAdd(ValueAddConfig),
}

impl Plugin {
    fn is_generator(&self) -> bool {
        matches!(
            self,
            Plugin::ConfigMap(_) | Plugin::Secret(_) | Plugin::IamPolicy(_) | Plugin::Helm { .. }
        )
    }
}

/// One loaded config: the plugin, the config's id (for messages) and, with buildMetadata,
/// where it was configured.
pub struct Loaded {
    plugin: Plugin,
    id: String,
    by: Option<ConfiguredBy>,
}

const SPECS: Shape = List(&k::FIELD_SPEC);
const AFFIX: Shape = Struct(&[("prefix", Str), ("suffix", Str), ("fieldSpecs", SPECS)]);
const LABELS: Shape = Struct(&[("labels", StrMap), ("fieldSpecs", SPECS)]);
const ANNOTATIONS: Shape = Struct(&[("annotations", StrMap), ("fieldSpecs", SPECS)]);
const META: Shape = Struct(&[("name", Str), ("namespace", Str)]);
const NAMESPACE: Shape = Struct(&[
    ("metadata", META),
    ("fieldSpecs", SPECS),
    ("unsetOnly", Any),
    ("setRoleBindingSubjects", Str),
]);
const IMAGE_TAG: Shape = Struct(&[("imageTag", k::IMAGE), ("fieldSpecs", SPECS)]);
const REPLICA_COUNT: Shape = Struct(&[("replica", k::REPLICA), ("fieldSpecs", SPECS)]);
const STRATEGIC_MERGE: Shape = Struct(&[("paths", STRINGS), ("patches", Str)]);
const JSON6902: Shape = Struct(&[("target", k::SELECTOR), ("path", Str), ("jsonOp", Str)]);
const REPLACEMENTS: Shape = Struct(&[("replacements", List(&k::REPLACEMENT_FIELD))]);
const META_ONLY: Shape = Struct(&[("metadata", META)]);
const VALUE_ADD_TARGETS: Shape = List(&Struct(&[
    ("selector", k::SELECTOR),
    ("fieldPath", Str),
    ("filePathPosition", Any),
]));
const VALUE_ADD: Shape = Struct(&[
    ("value", Str),
    ("targets", VALUE_ADD_TARGETS),
    ("targetFilePath", Str),
]);
const TARGETS_FILE: Shape = Struct(&[("targets", VALUE_ADD_TARGETS)]);

/// ValueAddTransformer's config; `targetFilePath` names a file with more `targets`.
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ValueAddConfig {
    #[serde(default)]
    value: String,
    #[serde(default)]
    targets: Vec<valueadd::ValueAddTarget>,
    #[serde(default)]
    target_file_path: String,
}

const IAM: Shape = Struct(&[
    ("cloud", Str),
    (
        "kubernetesService",
        Struct(&[("namespace", Str), ("name", Str)]),
    ),
    (
        "serviceAccount",
        Struct(&[("name", Str), ("projectId", Str)]),
    ),
]);

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AffixConfig {
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    field_specs: Option<Vec<FieldSpec>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct PairsConfig {
    #[serde(default, alias = "annotations")]
    labels: StringMap,
    #[serde(default)]
    field_specs: Vec<FieldSpec>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Meta {
    #[serde(default)]
    name: String,
    #[serde(default)]
    namespace: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct NamespaceConfig {
    #[serde(default)]
    metadata: Meta,
    #[serde(default)]
    field_specs: Vec<FieldSpec>,
    #[serde(default)]
    unset_only: bool,
    #[serde(default)]
    set_role_binding_subjects: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ImageTagConfig {
    #[serde(default)]
    image_tag: Image,
    #[serde(default)]
    field_specs: Vec<FieldSpec>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ReplicaCountConfig {
    #[serde(default)]
    replica: Replica,
    #[serde(default)]
    field_specs: Vec<FieldSpec>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct StrategicMergeConfig {
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    patches: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Json6902Config {
    target: Option<Selector>,
    #[serde(default)]
    path: String,
    #[serde(default)]
    json_op: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ReplacementConfig {
    #[serde(default)]
    replacements: Vec<ReplacementField>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct MetaConfig {
    #[serde(default)]
    metadata: Meta,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct IamPolicy {
    #[serde(default)]
    cloud: String,
    #[serde(default)]
    kubernetes_service: IamService,
    #[serde(default)]
    service_account: IamAccount,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct IamService {
    #[serde(default)]
    namespace: String,
    #[serde(default)]
    name: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct IamAccount {
    #[serde(default)]
    name: String,
    #[serde(default)]
    project_id: String,
}

const GENERATOR_KINDS: [&str; 4] = [
    "ConfigMapGenerator",
    "SecretGenerator",
    "IAMPolicyGenerator",
    "HelmChartInflationGenerator",
];

/// Decodes one config resource into a builtin plugin, refusing external plugins and kinds
/// kzr does not implement.
fn decode(r: &Resource, role: Role) -> Result<Plugin, String> {
    let id = r.object().id();
    let value = r.object().as_value().clone();
    let kind = id.kind.as_str();
    if !(id.group.is_empty() && id.version == "builtin") {
        let function = value
            .pointer("/metadata/annotations")
            .and_then(|a| a.get("config.kubernetes.io/function"))
            .is_some();
        if function {
            return Err(format!(
                "{kind} is a KRM function plugin (config.kubernetes.io/function); kzr does not run \
                 exec or container functions: run the function yourself and vendor its output \
                 into the kustomization (kubectl kustomize refuses it too without \
                 --enable-alpha-plugins)"
            ));
        }
        return Err(format!(
            "external plugins disabled; unable to load external plugin '{kind}' (kzr supports only \
             builtin plugin configs, apiVersion: builtin)"
        ));
    }
    let full_id = resid_string(id);
    let gvk = format!("{kind}.builtin.[noGrp]");
    match kind {
        "SortOrderTransformer" | "LegacyOrderTransformer" | "VaultSecretGenerator" => {
            return Err(format!("unable to load builtin {gvk}"))
        }
        _ => {}
    }
    let is_generator_kind = GENERATOR_KINDS.contains(&kind);
    let known = is_generator_kind
        || matches!(
            kind,
            "PrefixSuffixTransformer"
                | "PrefixTransformer"
                | "SuffixTransformer"
                | "LabelTransformer"
                | "AnnotationsTransformer"
                | "NamespaceTransformer"
                | "ImageTagTransformer"
                | "ReplicaCountTransformer"
                | "PatchTransformer"
                | "PatchStrategicMergeTransformer"
                | "PatchJson6902Transformer"
                | "ReplacementTransformer"
                | "HashTransformer"
                | "ValueAddTransformer"
        );
    if !known {
        return Err(format!("unable to load builtin {gvk}"));
    }
    let fails = |message: String| format!("plugin {full_id} fails configuration: {message}");
    let plugin = match kind {
        "PrefixSuffixTransformer" | "PrefixTransformer" | "SuffixTransformer" => {
            let c: AffixConfig = decode_lenient(value, &AFFIX).map_err(fails)?;
            let specs = c
                .field_specs
                .ok_or_else(|| fails("fieldSpecs is not expected to be nil".into()))?;
            Plugin::Affix {
                prefix: if kind == "SuffixTransformer" {
                    String::new()
                } else {
                    c.prefix
                },
                suffix: if kind == "PrefixTransformer" {
                    String::new()
                } else {
                    c.suffix
                },
                specs,
            }
        }
        "LabelTransformer" => {
            let c: PairsConfig = decode_lenient(value, &LABELS).map_err(fails)?;
            Plugin::Labels {
                pairs: c.labels,
                specs: c.field_specs,
            }
        }
        "AnnotationsTransformer" => {
            let c: PairsConfig = decode_lenient(value, &ANNOTATIONS).map_err(fails)?;
            Plugin::Annotations {
                pairs: c.labels,
                specs: c.field_specs,
            }
        }
        "NamespaceTransformer" => {
            let c: NamespaceConfig = decode_lenient(value, &NAMESPACE).map_err(fails)?;
            let subjects = match c.set_role_binding_subjects.as_str() {
                "" | "defaultOnly" => BindingSubjects::DefaultOnly,
                "allServiceAccounts" => BindingSubjects::AllServiceAccounts,
                "none" => BindingSubjects::None,
                other => {
                    return Err(fails(format!(
                        "invalid value {other:?} for setRoleBindingSubjects: must be one of \
                         \"defaultOnly\", \"none\" or \"allServiceAccounts\""
                    )))
                }
            };
            Plugin::Namespace {
                namespace: c.metadata.namespace,
                specs: c.field_specs,
                unset_only: c.unset_only,
                subjects,
            }
        }
        "ImageTagTransformer" => {
            let c: ImageTagConfig = decode_lenient(value, &IMAGE_TAG).map_err(fails)?;
            Plugin::Image {
                image: c.image_tag,
                specs: c.field_specs,
            }
        }
        "ReplicaCountTransformer" => {
            let c: ReplicaCountConfig = decode_lenient(value, &REPLICA_COUNT).map_err(fails)?;
            Plugin::Replicas {
                replica: c.replica,
                specs: c.field_specs,
            }
        }
        "PatchTransformer" => {
            let mut c: Patch = decode_lenient(value.clone(), &k::PATCH).map_err(fails)?;
            c.patch = c
                .patch
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty());
            c.path = c.path.filter(|p| !p.is_empty());
            let yaml = crate::yaml::to_yaml(&value).unwrap_or_default();
            match (&c.patch, &c.path) {
                (None, None) => {
                    return Err(fails(format!(
                        "must specify one of patch and path in\n{yaml}"
                    )))
                }
                (Some(_), Some(_)) => {
                    return Err(fails(format!(
                        "patch and path can't be set at the same time\n{yaml}"
                    )))
                }
                _ => {}
            }
            Plugin::Patch(c)
        }
        "PatchStrategicMergeTransformer" => {
            let c: StrategicMergeConfig = decode_lenient(value, &STRATEGIC_MERGE).map_err(fails)?;
            if c.paths.is_empty() && c.patches.is_empty() {
                return Err(fails("empty file path and empty patch content".into()));
            }
            Plugin::StrategicMerge {
                paths: c.paths,
                patches: c.patches,
            }
        }
        "PatchJson6902Transformer" => {
            let c: Json6902Config = decode_lenient(value, &JSON6902).map_err(fails)?;
            let target = c
                .target
                .filter(|t| t.name.as_deref().is_some_and(|n| !n.is_empty()))
                .ok_or_else(|| fails("must specify the target name".into()))?;
            let (path, op) = match (c.path.is_empty(), c.json_op.is_empty()) {
                (true, true) => return Err(fails("empty file path and empty jsonOp".into())),
                (false, false) => {
                    return Err(fails("must specify a file path or jsonOp, not both".into()))
                }
                (false, true) => (Some(c.path), None),
                (true, false) => (None, Some(c.json_op)),
            };
            Plugin::Json6902(Patch {
                path,
                patch: op,
                target: Some(target),
                options: None,
            })
        }
        "ReplacementTransformer" => {
            let c: ReplacementConfig = decode_lenient(value, &REPLACEMENTS).map_err(fails)?;
            Plugin::Replacements(c.replacements)
        }
        "HashTransformer" => Plugin::Hash,
        "ConfigMapGenerator" | "SecretGenerator" => {
            let meta: MetaConfig = decode_lenient(value.clone(), &META_ONLY).map_err(fails)?;
            let mut args: GeneratorArgs = decode_lenient(value, &k::GENERATOR).map_err(fails)?;
            if args.name.is_empty() {
                args.name = meta.metadata.name;
            }
            if args.namespace.as_deref().unwrap_or("").is_empty() {
                args.namespace = Some(meta.metadata.namespace).filter(|n| !n.is_empty());
            }
            if kind == "ConfigMapGenerator" {
                args.type_ = None;
                Plugin::ConfigMap(args)
            } else {
                Plugin::Secret(args)
            }
        }
        "IAMPolicyGenerator" => Plugin::IamPolicy(decode_lenient(value, &IAM).map_err(fails)?),
        "ValueAddTransformer" => {
            let c: ValueAddConfig = decode_lenient(value, &VALUE_ADD).map_err(fails)?;
            if c.targets.is_empty() && c.target_file_path.is_empty() {
                return Err(fails("must specify at least one target".into()));
            }
            Plugin::ValueAdd(c)
        }
        // The config holds kustomize's HelmGlobals and HelmChart fields side by side.
        "HelmChartInflationGenerator" => Plugin::Helm {
            globals: decode_lenient(value.clone(), &k::HELM_GLOBALS).map_err(fails)?,
            chart: decode_lenient(value, &k::HELM_CHART).map_err(fails)?,
        },
        _ => return Err(format!("unable to load builtin {gvk}")),
    };
    match (role, plugin.is_generator()) {
        (Role::Generator, false) => Err(format!(
            "loading generator plugins: failed to load generator: plugin {full_id} not a generator"
        )),
        (Role::Transformer | Role::Validator, true) => {
            Err(format!("plugin {full_id} not a transformer"))
        }
        _ => Ok(plugin),
    }
}

/// A config resource read from a `generators:`, `transformers:` or `validators:` entry as
/// the builtin plugin it configures.
pub fn from_config(r: &Resource, role: Role) -> Result<Loaded, String> {
    let plugin = decode(r, role)?;
    let id = r.object().id();
    let by = buildmeta::path_of(r).map(|configured_in| ConfiguredBy {
        configured_in,
        api_version: "builtin".into(),
        kind: id.kind.clone(),
        name: id.name.clone(),
        namespace: id.namespace.clone(),
    });
    Ok(Loaded {
        plugin,
        id: resid_string(id),
        by,
    })
}

/// Runs a generator config and absorbs what it makes.
pub fn generate(
    ldr: &Loader,
    set: &mut ResSet,
    g: &Loaded,
    helm: Option<&HelmOptions>,
) -> Result<(), BuildError> {
    let fail = |message: String| BuildError::Transform {
        file: ldr.file.clone(),
        field: "generators",
        message: format!("plugin {}: {message}", g.id),
    };
    let load = |path: &str| {
        ldr.read_bytes("generators", path)
            .map_err(|e| e.to_string())
    };
    let mut made = match &g.plugin {
        Plugin::ConfigMap(args) => {
            generator::generate(generator::Kind::ConfigMap, args, None, &load, &ldr.file)
                .map_err(fail)?
        }
        Plugin::Secret(args) => {
            generator::generate(generator::Kind::Secret, args, None, &load, &ldr.file)
                .map_err(fail)?
        }
        Plugin::IamPolicy(p) => iam_policy(p, &ldr.file).map_err(fail)?,
        Plugin::Helm { globals, chart } => {
            let resources =
                helm::inflate(ldr, "generators", chart, Some(globals), helm, g.by.as_ref())?;
            return set.append(resources, &ldr.file);
        }
        _ => return Err(fail("not a generator".into())),
    };
    if let Some(by) = &g.by {
        buildmeta::set_generated(&mut made.resource, by);
    }
    generator::absorb(&mut set.items, made).map_err(fail)?;
    set.reindex(&ldr.file)
}

/// kustomize's IAMPolicyGenerator: a ServiceAccount annotated for GKE workload identity.
fn iam_policy(p: &IamPolicy, file: &str) -> Result<generator::Generated, String> {
    if p.cloud != "gke" {
        return Err(format!("cloud provider {} not supported yet", p.cloud));
    }
    let mut text = format!(
        "\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  annotations:\n    iam.gke.io/gcp-service-account: {}@{}.iam.gserviceaccount.com\n  name: {}\n",
        p.service_account.name, p.service_account.project_id, p.kubernetes_service.name
    );
    if !p.kubernetes_service.namespace.is_empty() {
        text.push_str(&format!(
            "\n  namespace: {}",
            p.kubernetes_service.namespace
        ));
    }
    let mut objects = object::read_objects(&text, file).map_err(|e| e.to_string())?;
    let object = objects
        .pop()
        .filter(|_| objects.is_empty())
        .ok_or("the IAMPolicyGenerator made no ServiceAccount")?;
    Ok(generator::Generated {
        resource: Resource::from_object(object),
        behavior: generator::Behavior::Create,
    })
}

/// Runs a transformer config over the set.
pub fn transform(ldr: &Loader, set: &mut ResSet, p: &Loaded, role: Role) -> Result<(), BuildError> {
    let field = role.field();
    let fail = |message: String| BuildError::Transform {
        file: ldr.file.clone(),
        field,
        message,
    };
    let items = &mut set.items;
    match &p.plugin {
        Plugin::Affix {
            prefix,
            suffix,
            specs,
        } => transform::affix(items, prefix, suffix, specs).map_err(fail)?,
        Plugin::Labels { pairs, specs } | Plugin::Annotations { pairs, specs } => {
            transform::set_entries(items, pairs, specs).map_err(fail)?
        }
        Plugin::Namespace {
            namespace,
            specs,
            unset_only,
            subjects,
        } => {
            if !namespace.is_empty() {
                transform::namespace(items, namespace, specs, *unset_only, *subjects)
                    .map_err(fail)?;
            }
        }
        Plugin::Image { image, specs } => transform::images(items, image, specs).map_err(fail)?,
        Plugin::Replicas { replica, specs } => {
            transform::replicas(items, replica, specs).map_err(fail)?
        }
        Plugin::Patch(entry) => {
            let entries = ldr.patch_entries(std::slice::from_ref(entry), field)?;
            patch::patches(items, &entries, &set.openapi).map_err(fail)?;
        }
        Plugin::StrategicMerge { paths, patches } => {
            let mut texts = paths
                .iter()
                .map(|p| ldr.strategic_merge_text(p))
                .collect::<Result<Vec<_>, _>>()?;
            if !patches.is_empty() {
                texts.push(patch::PatchText {
                    text: patches.clone(),
                    origin: format!("{} ({})", ldr.file, p.id),
                });
            }
            patch::strategic_merge(items, &texts, &set.openapi).map_err(fail)?;
        }
        Plugin::Json6902(entry) => {
            let entries = ldr.patch_entries(std::slice::from_ref(entry), field)?;
            patch::json6902(items, &entries).map_err(fail)?;
        }
        Plugin::Replacements(list) => {
            let list = ldr.resolve_replacements(list, field)?;
            replacement::apply(items, &list).map_err(|e| fail(e.to_string()))?;
        }
        Plugin::Hash => hash::hash_names(items),
        Plugin::ValueAdd(c) => {
            // An empty value defaults to the name of the kustomization's directory.
            let value = match c.value.trim() {
                "" => ldr
                    .root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                v => v.to_string(),
            };
            let mut targets = c.targets.clone();
            if !c.target_file_path.is_empty() {
                let text = ldr.read_file(field, &c.target_file_path)?;
                let docs =
                    crate::yaml::parse_documents_with(&text, crate::yaml::ReadOptions::CONFIG)
                        .map_err(|e| fail(format!("{}: {e}", c.target_file_path)))?;
                let file: ValueAddConfig = match docs.into_iter().next() {
                    Some(d) => decode_lenient(d.value, &TARGETS_FILE)
                        .map_err(|e| fail(format!("{}: {e}", c.target_file_path)))?,
                    None => ValueAddConfig::default(),
                };
                targets.extend(file.targets);
            }
            valueadd::apply(items, &value, &targets).map_err(fail)?
        }
        Plugin::ConfigMap(_) | Plugin::Secret(_) | Plugin::IamPolicy(_) | Plugin::Helm { .. } => {
            return Err(fail(format!("plugin {} not a transformer", p.id)))
        }
    }
    set.reindex(&ldr.file)?;
    if role == Role::Transformer {
        if let Some(by) = &p.by {
            buildmeta::record_transformer(&mut set.items, by);
        }
    }
    Ok(())
}

const VALIDATED_BY_LABEL: &str = "validated-by";

fn without_validated_by(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        if let Some(labels) = meta.get_mut("labels").and_then(Value::as_object_mut) {
            labels.shift_remove(VALIDATED_BY_LABEL);
            if labels.is_empty() {
                meta.shift_remove("labels");
            }
        }
    }
    v
}

/// Runs a validator config: a transformer that must leave the resources as they were
/// (apart from a `validated-by` label).
pub fn validate(ldr: &Loader, set: &mut ResSet, p: &Loaded) -> Result<(), BuildError> {
    let before: Vec<Value> = set
        .items
        .iter()
        .map(|r| r.object().as_value().clone())
        .collect();
    transform(ldr, set, p, Role::Validator)?;
    let unchanged = before.len() == set.items.len()
        && before
            .iter()
            .zip(&set.items)
            .all(|(b, r)| *b == without_validated_by(r.object().as_value()));
    if unchanged {
        Ok(())
    } else {
        Err(BuildError::Transform {
            file: ldr.file.clone(),
            field: "validators",
            message: format!(
                "validator shouldn't modify the resource map (plugin {})",
                p.id
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Resource {
        let mut objects = object::read_objects(text, "t").unwrap();
        Resource::from_object(objects.remove(0))
    }

    #[test]
    fn decodes_builtin_configs_leniently() {
        let r = config(
            "apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata: {name: p}\nPrefix: a-\nunknown: 1\nfieldSpecs:\n- path: metadata/name\n  extra: x\n",
        );
        match decode(&r, Role::Transformer).unwrap() {
            Plugin::Affix { prefix, specs, .. } => {
                assert_eq!(prefix, "a-");
                assert_eq!(specs[0].path, "metadata/name");
            }
            _ => panic!("not an affix"),
        }
        let r = config("apiVersion: builtin\nkind: SecretGenerator\nmetadata: {name: s, namespace: n}\nliterals: [a=b]\n");
        match decode(&r, Role::Generator).unwrap() {
            Plugin::Secret(args) => {
                assert_eq!(args.name, "s");
                assert_eq!(args.namespace.as_deref(), Some("n"));
            }
            _ => panic!("not a secret"),
        }
    }

    #[test]
    fn refuses_external_plugins_and_functions() {
        let r = config("apiVersion: builtin/v1\nkind: LabelTransformer\nmetadata: {name: l}\n");
        assert!(decode(&r, Role::Transformer)
            .unwrap_err()
            .contains("external plugins disabled"));
        let r = config("apiVersion: fn.example/v1\nkind: Fn\nmetadata:\n  name: f\n  annotations:\n    config.kubernetes.io/function: 'exec: {path: ./f}'\n");
        assert!(decode(&r, Role::Transformer)
            .unwrap_err()
            .contains("KRM function"));
        let r = config("apiVersion: builtin\nkind: SortOrderTransformer\nmetadata: {name: s}\n");
        assert!(decode(&r, Role::Transformer)
            .unwrap_err()
            .starts_with("unable to load builtin"));
        let r = config("apiVersion: builtin\nkind: HashTransformer\nmetadata: {name: h}\n");
        assert!(decode(&r, Role::Generator)
            .unwrap_err()
            .contains("not a generator"));
    }
}
