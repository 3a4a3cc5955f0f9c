//! The builtin generators and transformers, and the one dispatcher that runs them
//! ([`generate`], [`transform`]), whether a kustomization field configures them (kustomize's
//! `kusttarget_configplugin.go`: [`run_builtin_generators`], [`run_builtin_transformers`])
//! or a config named in `generators:`, `transformers:` or `validators:` does (kustomize's
//! `configureExternalGenerators`/`configureExternalTransformers` with the builtin plugin
//! loader: [`from_config`]).
//!
//! Such an entry is inline YAML (one or more configs), a file of configs, or a directory
//! whose kustomization builds the configs (target.rs reads them). A config is builtin when
//! its apiVersion is exactly `builtin` (group empty, version `builtin`); anything else is an
//! external plugin, which `kubectl kustomize` refuses without `--enable-alpha-plugins` and
//! kzr refuses always.

use super::buildmeta::{self, ConfiguredBy};
use super::error::BuildError;
use super::fieldspec::TransformerConfig;
use super::helm::{self, HelmOptions};
use super::kustomization::{
    self as k, decode_lenient, FieldSpec, GeneratorArgs, HelmChart, HelmGlobals, Image,
    Kustomization, Patch, ReplacementField, Replica, Selector, StringMap,
};
use super::loader::Loader;
use super::patch::PatchText;
use super::resid::resid_string;
use super::resource::Resource;
use super::resset::ResSet;
use super::schema::OpenApi;
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
    /// A patch and, for a kustomization's `patches` (all read before the first is applied),
    /// its text; a config's patch file is read when the patch runs.
    Patch {
        entry: Patch,
        text: Option<PatchText>,
    },
    StrategicMerge {
        paths: Vec<String>,
        patches: String,
    },
    Json6902 {
        entry: Patch,
        text: Option<PatchText>,
    },
    Replacements(Vec<ReplacementField>),
    Hash,
    ConfigMap(GeneratorArgs),
    Secret(GeneratorArgs),
    IamPolicy(IamPolicy),
    Helm {
        globals: Option<HelmGlobals>,
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

/// One configured builtin plugin: from a config resource in `generators:`,
/// `transformers:` or `validators:`, or from a kustomization field (see
/// [`builtin_generators`] and [`builtin_transformers`]).
pub struct Loaded {
    plugin: Plugin,
    /// The kustomization field its errors name.
    field: &'static str,
    /// A config resource's id, which its errors name too.
    id: Option<String>,
    /// With buildMetadata: where it was configured.
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
            Plugin::Patch {
                entry: c,
                text: None,
            }
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
            Plugin::Json6902 {
                entry: Patch {
                    path,
                    patch: op,
                    target: Some(target),
                    options: None,
                },
                text: None,
            }
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
            globals: Some(decode_lenient(value.clone(), &k::HELM_GLOBALS).map_err(fails)?),
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
        field: role.field(),
        id: Some(resid_string(id)),
        by,
    })
}

/// Runs a generator and adds what it makes: a ConfigMap or Secret is absorbed with its
/// behavior (the caller checks the ids), a chart's objects are appended.
pub fn generate(
    ldr: &Loader,
    set: &mut ResSet,
    g: &Loaded,
    helm: Option<&HelmOptions>,
) -> Result<(), BuildError> {
    let fail = |message: String| BuildError::Transform {
        file: ldr.file.clone(),
        field: g.field,
        message: match &g.id {
            Some(id) => format!("plugin {id}: {message}"),
            None => message,
        },
    };
    // A kustomization's configMapGenerator and secretGenerator name the files they read
    // as `generator`.
    let files_field = if g.id.is_some() { g.field } else { "generator" };
    let load = |path: &str| ldr.read_bytes(files_field, path).map_err(|e| e.to_string());
    let mut made = match &g.plugin {
        Plugin::ConfigMap(args) => {
            generator::generate(generator::Kind::ConfigMap, args, &load, &ldr.file).map_err(fail)?
        }
        Plugin::Secret(args) => {
            generator::generate(generator::Kind::Secret, args, &load, &ldr.file).map_err(fail)?
        }
        Plugin::IamPolicy(p) => iam_policy(p, &ldr.file).map_err(fail)?,
        Plugin::Helm { globals, chart } => {
            let resources =
                helm::inflate(ldr, g.field, chart, globals.as_ref(), helm, g.by.as_ref())?;
            return set.append(resources, &ldr.file);
        }
        _ => return Err(fail("not a generator".into())),
    };
    if let Some(by) = &g.by {
        buildmeta::set_generated(&mut made.resource, by);
    }
    generator::absorb(&mut set.items, made).map_err(fail)
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

/// Runs a transformer over the set (the caller checks the ids and records it).
pub fn transform(
    ldr: &Loader,
    set: &mut ResSet,
    p: &Loaded,
    openapi: &OpenApi,
) -> Result<(), BuildError> {
    let field = p.field;
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
        Plugin::Patch { entry, text } => {
            let entries = read_patch(ldr, entry, text, field)?;
            if patch::patches(items, &entries, openapi).map_err(fail)? {
                set.merged_strategically = true;
            }
        }
        Plugin::StrategicMerge { paths, patches } => {
            let mut texts = paths
                .iter()
                .map(|p| ldr.strategic_merge_text(p))
                .collect::<Result<Vec<_>, _>>()?;
            if !patches.is_empty() {
                texts.push(patch::PatchText {
                    text: patches.clone(),
                    origin: format!("{} ({})", ldr.file, p.id.as_deref().unwrap_or_default()),
                });
            }
            if patch::strategic_merge(items, &texts, openapi).map_err(fail)? {
                set.merged_strategically = true;
            }
        }
        Plugin::Json6902 { entry, text } => {
            let entries = read_patch(ldr, entry, text, field)?;
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
            return Err(fail(format!(
                "plugin {} not a transformer",
                p.id.as_deref().unwrap_or_default()
            )))
        }
    }
    Ok(())
}

/// A patch with its text: read already, or read now.
fn read_patch(
    ldr: &Loader,
    entry: &Patch,
    text: &Option<PatchText>,
    field: &'static str,
) -> Result<Vec<(Patch, PatchText)>, BuildError> {
    match text {
        Some(text) => Ok(vec![(entry.clone(), text.clone())]),
        None => ldr.patch_entries(std::slice::from_ref(entry), field),
    }
}

/// With buildMetadata, records a transformer that ran on every resource.
pub fn record(set: &mut ResSet, p: &Loaded) {
    if let Some(by) = &p.by {
        buildmeta::record_transformer(&mut set.items, by);
    }
}

// ---- a kustomization's fields as builtin plugins (kustomize's kusttarget_configplugin.go)

/// With buildMetadata: what a builtin plugin a kustomization field configures records;
/// `configured_in` is the kustomization file relative to the top-level directory.
fn builtin_by(configured_in: Option<&str>, kind: &str) -> Option<ConfiguredBy> {
    Some(ConfiguredBy {
        configured_in: configured_in?.to_string(),
        api_version: "builtin".into(),
        kind: kind.into(),
        ..Default::default()
    })
}

/// The builtin generators a kustomization's fields configure, in kustomize's order:
/// `configMapGenerator` and `secretGenerator` entries (with `generatorOptions` merged into
/// their own options), then `helmCharts`.
fn builtin_generators(k: &Kustomization, configured_in: Option<&str>) -> Vec<Loaded> {
    let with_options = |args: &GeneratorArgs| GeneratorArgs {
        options: Some(generator::merge_options(
            args.options.as_ref(),
            k.generator_options.as_ref(),
        )),
        ..args.clone()
    };
    let config_maps = k.config_map_generator.iter().map(|args| {
        let plugin = Plugin::ConfigMap(with_options(args));
        (plugin, "configMapGenerator", "ConfigMapGenerator")
    });
    let secrets = k.secret_generator.iter().map(|args| {
        let plugin = Plugin::Secret(with_options(args));
        (plugin, "secretGenerator", "SecretGenerator")
    });
    let charts = k.helm_charts.iter().map(|chart| {
        let plugin = Plugin::Helm {
            globals: k.helm_globals.clone(),
            chart: chart.clone(),
        };
        (plugin, "helmCharts", "HelmChartInflationGenerator")
    });
    config_maps
        .chain(secrets)
        .chain(charts)
        .map(|(plugin, field, kind)| Loaded {
            plugin,
            field,
            id: None,
            by: builtin_by(configured_in, kind),
        })
        .collect()
}

/// Runs the builtin generators a kustomization's fields configure.
pub fn run_builtin_generators(
    ldr: &Loader,
    k: &Kustomization,
    configured_in: Option<&str>,
    set: &mut ResSet,
    helm: Option<&HelmOptions>,
) -> Result<(), BuildError> {
    let (charts, absorbed): (Vec<Loaded>, Vec<Loaded>) = builtin_generators(k, configured_in)
        .into_iter()
        .partition(|g| matches!(g.plugin, Plugin::Helm { .. }));
    for g in &absorbed {
        generate(ldr, set, g, helm)?;
    }
    set.reindex(&ldr.file)?;
    // Each chart's objects are added as it is inflated, so a duplicate stops the build
    // before the next chart runs, as in kustomize.
    for g in &charts {
        generate(ldr, set, g, helm)?;
    }
    Ok(())
}

/// A builtin transformer a kustomization field configures: the plugin, the field and the
/// plugin's kind.
type FieldPlugin = (Plugin, &'static str, &'static str);

/// The builtin transformers a kustomization's fields configure, in kustomize's order, with
/// the field specs of `config`. A field whose configuration fails holds its error in its
/// place, so that the transformers before it run first. The patch files of `patches` and
/// `patchesJson6902` are read here: all of a field's, before the first of them is applied.
fn builtin_transformers(
    ldr: &Loader,
    k: &Kustomization,
    config: &TransformerConfig,
    configured_in: Option<&str>,
) -> Vec<Result<Loaded, BuildError>> {
    let mut out: Vec<Result<FieldPlugin, BuildError>> = Vec::new();
    let read_patches = |entries: &[Patch], field: &'static str, kind: &'static str| {
        let json6902 = field == "patchesJson6902";
        match ldr.patch_entries(entries, field) {
            Ok(entries) => entries
                .into_iter()
                .map(|(entry, text)| {
                    let text = Some(text);
                    let plugin = if json6902 {
                        Plugin::Json6902 { entry, text }
                    } else {
                        Plugin::Patch { entry, text }
                    };
                    Ok((plugin, field, kind))
                })
                .collect(),
            Err(e) => vec![Err(e)],
        }
    };
    if !k.patches_strategic_merge.is_empty() {
        let plugin = Plugin::StrategicMerge {
            paths: k.patches_strategic_merge.clone(),
            patches: String::new(),
        };
        out.push(Ok((
            plugin,
            "patchesStrategicMerge",
            "PatchStrategicMergeTransformer",
        )));
    }
    if !k.patches.is_empty() {
        out.extend(read_patches(&k.patches, "patches", "PatchTransformer"));
    }
    if let Some(ns) = k.namespace.as_deref().filter(|n| !n.is_empty()) {
        let plugin = Plugin::Namespace {
            namespace: ns.to_string(),
            specs: config.namespace.clone(),
            unset_only: false,
            subjects: BindingSubjects::DefaultOnly,
        };
        out.push(Ok((plugin, "namespace", "NamespaceTransformer")));
    }
    if let Some(prefix) = k.name_prefix.as_deref().filter(|p| !p.is_empty()) {
        let plugin = Plugin::Affix {
            prefix: prefix.to_string(),
            suffix: String::new(),
            specs: config.name_prefix.clone(),
        };
        out.push(Ok((plugin, "namePrefix", "PrefixTransformer")));
    }
    if let Some(suffix) = k.name_suffix.as_deref().filter(|s| !s.is_empty()) {
        let plugin = Plugin::Affix {
            prefix: String::new(),
            suffix: suffix.to_string(),
            specs: config.name_suffix.clone(),
        };
        out.push(Ok((plugin, "nameSuffix", "SuffixTransformer")));
    }
    for label in &k.labels {
        let configured = transform::label_specs(label, config)
            .map(|specs| {
                let pairs = label.pairs.clone();
                (
                    Plugin::Labels { pairs, specs },
                    "labels",
                    "LabelTransformer",
                )
            })
            .map_err(|message| BuildError::Transform {
                file: ldr.file.clone(),
                field: "labels",
                message,
            });
        out.push(configured);
    }
    // With `labels`, kustomize configures a LabelTransformer for `commonLabels` even when
    // there are none, which buildMetadata records.
    if !k.labels.is_empty() || k.common_labels.as_ref().is_some_and(|l| !l.is_empty()) {
        let plugin = Plugin::Labels {
            pairs: k.common_labels.clone().unwrap_or_default(),
            specs: config.common_labels.clone(),
        };
        out.push(Ok((plugin, "commonLabels", "LabelTransformer")));
    }
    if let Some(annotations) = k.common_annotations.as_ref().filter(|a| !a.is_empty()) {
        let plugin = Plugin::Annotations {
            pairs: annotations.clone(),
            specs: config.common_annotations.clone(),
        };
        out.push(Ok((plugin, "commonAnnotations", "AnnotationsTransformer")));
    }
    if !k.patches_json6902.is_empty() {
        out.extend(read_patches(
            &k.patches_json6902,
            "patchesJson6902",
            "PatchJson6902Transformer",
        ));
    }
    for replica in &k.replicas {
        let plugin = Plugin::Replicas {
            replica: replica.clone(),
            specs: config.replicas.clone(),
        };
        out.push(Ok((plugin, "replicas", "ReplicaCountTransformer")));
    }
    for image in &k.images {
        let plugin = Plugin::Image {
            image: image.clone(),
            specs: config.images.clone(),
        };
        out.push(Ok((plugin, "images", "ImageTagTransformer")));
    }
    if !k.replacements.is_empty() {
        let plugin = Plugin::Replacements(k.replacements.clone());
        out.push(Ok((plugin, "replacements", "ReplacementTransformer")));
    }
    out.into_iter()
        .map(|configured| {
            configured.map(|(plugin, field, kind)| Loaded {
                plugin,
                field,
                id: None,
                by: builtin_by(configured_in, kind),
            })
        })
        .collect()
}

/// Runs the builtin transformers a kustomization's fields configure. With buildMetadata,
/// each is recorded on every resource after it ran.
pub fn run_builtin_transformers(
    ldr: &Loader,
    k: &Kustomization,
    configured_in: Option<&str>,
    set: &mut ResSet,
    openapi: &OpenApi,
) -> Result<(), BuildError> {
    for p in builtin_transformers(ldr, k, &set.config, configured_in) {
        let p = p?;
        transform(ldr, set, &p, openapi)?;
        // Ids are checked right after the namespace is set, and after the last transformer.
        if matches!(p.plugin, Plugin::Namespace { .. }) {
            set.reindex(&ldr.file)?;
        }
        record(set, &p);
    }
    set.reindex(&ldr.file)
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
pub fn validate(
    ldr: &Loader,
    set: &mut ResSet,
    p: &Loaded,
    openapi: &OpenApi,
) -> Result<(), BuildError> {
    let before: Vec<Value> = set
        .items
        .iter()
        .map(|r| r.object().as_value().clone())
        .collect();
    transform(ldr, set, p, openapi)?;
    set.reindex(&ldr.file)?;
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
                p.id.as_deref().unwrap_or_default()
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
