//! Component configuration (docs/config.md, "The kubernetes_manifest block" and "Validation"): the
//! `kubernetes_manifest` component block, read from YAML or TOML, validated with the platform's
//! rules and messages, described by a JSON Schema, and turned into the
//! `kubernetes_manifest_build_plan` a build job receives.
//!
//! A file is one of:
//! - a component in the platform's shape: `name`, `type = "kubernetes_manifest"` and the
//!   block's keys beside them (`namespace`, `manifest`, `[kustomize]`, …);
//! - a component whose block is nested: `name`, `type`, `kubernetes_manifest: {…}`;
//! - a bare block (`namespace`, `manifest`, …), named after the file;
//! - an app file with `components:` (a list, `[[components]]` in TOML) of components in either
//!   shape; components of other types are skipped.
//!
//! Keys match case-insensitively (the platform decodes with Go's mapstructure), a null is the
//! same as an absent key, and keys the platform has beside the block (`dependencies`,
//! `public_repo`, `max_auto_retries`, …) are ignored. Inside `kustomize` and `oci_artifact`
//! unknown keys are errors, so typos do not pass silently.
//!
//! A `manifest` that is a single line ending in `.yaml`, `.yml` or `.json` is a file reference,
//! read relative to the config file, as the platform's CLI does before it uploads the config.

mod plan;
pub mod template;

pub use plan::{build_plan, KubernetesManifestBuildPlan, KustomizeBuildConfig, OciArtifactSource};
pub use template::{render_namespace, TemplateError};

use crate::gojson::{self, Keys};
pub use crate::kustomize::LoadRestrictor;
use crate::object::{read_objects, ObjectError};
use crate::registry::ArtifactRef;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The JSON Schema (draft 2020-12) of the `kubernetes_manifest` block.
pub const SCHEMA: &str = include_str!("kubernetes_manifest.schema.json");

/// The component type this module reads.
pub const COMPONENT_TYPE: &str = "kubernetes_manifest";

/// What is wrong with one component. The first five messages are the platform's, verbatim.
#[derive(Debug, Error)]
pub enum Problem {
    #[error("one of 'manifest', 'kustomize', or 'oci_artifact' must be specified")]
    NoSource,
    #[error(
        "only one of 'manifest', 'kustomize', or 'oci_artifact' can be specified (found {})",
        found.join(", ")
    )]
    SeveralSources { found: Vec<&'static str> },
    #[error("kustomize.path is required")]
    KustomizePathRequired,
    #[error("oci_artifact.url is required")]
    OciUrlRequired,
    #[error("oci_artifact requires either tag or digest")]
    OciTagOrDigest,
    #[error("namespace is required")]
    NamespaceRequired,
    #[error("name is required")]
    NameRequired,
    #[error("type is required")]
    TypeRequired,
    #[error("type is {found:?}, not \"kubernetes_manifest\"")]
    WrongComponentType { found: String },
    #[error("the name is used by another component too")]
    DuplicateName,
    #[error("{field} must be {expected}, not {found}")]
    WrongType {
        field: String,
        expected: &'static str,
        found: &'static str,
    },
    #[error("unknown field {field} (expected one of: {known})")]
    UnknownField { field: String, known: String },
    #[error("kustomize.load_restrictor must be 'none' or 'rootOnly', not {value:?}")]
    LoadRestrictor { value: String },
    #[error(
        "has a kubernetes_manifest block and also top-level {}: put them in the block",
        fields.join(", ")
    )]
    Mixed { fields: Vec<String> },
    #[error("{}", namespace_message(.0))]
    Namespace(TemplateError),
    #[error(
        "namespace: template path {path} does not start with .nuon (the data is {{\"nuon\": \
         STATE}}, so the install id is .nuon.install.id)"
    )]
    NamespacePath { path: String },
    #[error("{field}: {reason}")]
    OciReference { field: &'static str, reason: String },
    #[error(
        "oci_artifact.url {url:?} must not include a tag or digest: set oci_artifact.tag or \
         oci_artifact.digest"
    )]
    OciUrlVersioned { url: String },
    #[error("{0}")]
    Manifest(ObjectError),
    #[error("manifest: no Kubernetes objects")]
    ManifestEmpty,
    #[error("manifest: cannot read {reference:?} ({}): {reason}", resolved.display())]
    ManifestFile {
        reference: String,
        resolved: PathBuf,
        reason: String,
    },
    #[error("manifest: {url:?} is a URL, and downloading was not asked for")]
    ManifestUrl { url: String },
    #[error("manifest: {0}")]
    ManifestFetch(crate::fetch::FetchError),
    #[error("{label}: {}", templated_message(actions))]
    ManifestTemplated {
        label: String,
        actions: Vec<TemplateAction>,
    },
}

/// A `{{ … }}` action found in manifest text, with the line it starts on (1-based, in the
/// manifest's text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateAction {
    pub line: usize,
    pub text: String,
}

/// How many actions a message lists before saying how many more there are.
const ACTIONS_LISTED: usize = 3;

fn templated_message(actions: &[TemplateAction]) -> String {
    let listed: Vec<String> = actions
        .iter()
        .take(ACTIONS_LISTED)
        .map(|a| format!("line {}: {}", a.line, shorten(&a.text, 70)))
        .collect();
    let more = match actions.len().saturating_sub(ACTIONS_LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!(
        "template actions in manifest text, which is not templated ({}{more}): they would be \
         applied as written",
        listed.join("; ")
    )
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// The `{{ … }}` actions in `text` (an action may span lines; one left open runs to the end).
pub fn template_actions(text: &str) -> Vec<TemplateAction> {
    let mut actions = Vec::new();
    let mut rest = text;
    let mut line = 1;
    while let Some(start) = rest.find("{{") {
        line += rest[..start].matches('\n').count();
        let after = &rest[start..];
        let end = after.find("}}").map_or(after.len(), |i| i + 2);
        let action = &after[..end];
        actions.push(TemplateAction {
            line,
            text: action.split_whitespace().collect::<Vec<_>>().join(" "),
        });
        line += action.matches('\n').count();
        rest = &after[end..];
    }
    actions
}

/// The actions that make a manifest a template the platform would have rendered: those that
/// read the platform's data (`.nuon…`), or, when the text is not YAML as written, all of them
/// (literal `{{ }}` in a ConfigMap, such as an alerting template, is left alone).
fn platform_template_actions(text: &str, parses: bool) -> Vec<TemplateAction> {
    let actions = template_actions(text);
    if parses {
        actions
            .into_iter()
            .filter(|a| a.text.contains(".nuon"))
            .collect()
    } else {
        actions
    }
}

fn namespace_message(e: &TemplateError) -> String {
    match e {
        TemplateError::InvalidNamespace { .. } => e.to_string(),
        _ => format!("namespace: {e}"),
    }
}

impl Problem {
    /// The field the problem is about (`kustomize.path`), for machine-readable output.
    pub fn field(&self) -> Option<String> {
        let f = match self {
            Problem::NoSource | Problem::SeveralSources { .. } => "manifest|kustomize|oci_artifact",
            Problem::KustomizePathRequired => "kustomize.path",
            Problem::OciUrlRequired | Problem::OciUrlVersioned { .. } => "oci_artifact.url",
            Problem::OciTagOrDigest => "oci_artifact.tag|oci_artifact.digest",
            Problem::NamespaceRequired | Problem::Namespace(_) | Problem::NamespacePath { .. } => {
                "namespace"
            }
            Problem::NameRequired | Problem::DuplicateName => "name",
            Problem::TypeRequired | Problem::WrongComponentType { .. } => "type",
            Problem::WrongType { field, .. } | Problem::UnknownField { field, .. } => {
                return Some(field.clone())
            }
            Problem::LoadRestrictor { .. } => "kustomize.load_restrictor",
            Problem::Mixed { .. } => "kubernetes_manifest",
            Problem::OciReference { field, .. } => field,
            Problem::Manifest(_)
            | Problem::ManifestEmpty
            | Problem::ManifestFile { .. }
            | Problem::ManifestUrl { .. }
            | Problem::ManifestFetch(_)
            | Problem::ManifestTemplated { .. } => "manifest",
        };
        Some(f.to_string())
    }

    /// A suggestion for fixing it, when there is a useful one.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Problem::NoSource => Some(
                "set manifest (inline YAML), kustomize.path, or oci_artifact.url with a tag or digest",
            ),
            Problem::SeveralSources { .. } => Some("a component has exactly one source: keep one"),
            Problem::OciTagOrDigest => {
                Some("pin the artifact: tag = \"v1.2.3\" or digest = \"sha256:<64 hex digits>\"")
            }
            Problem::Namespace(TemplateError::Unsupported { .. }) => Some(
                "namespaces take field paths only, e.g. \"{{ .nuon.install.id }}-app\"",
            ),
            Problem::Manifest(ObjectError::Parse {
                looks_templated: true,
                ..
            }) => Some(
                "manifests are plain YAML: only the namespace is templated, never manifest text",
            ),
            Problem::ManifestUrl { .. } => Some(
                "pass --fetch to download it (its URL and sha256 are recorded in the build plan), or save the file next to the config and refer to it by a relative path",
            ),
            Problem::ManifestTemplated { .. } => Some(
                "move per-install values into a kustomize overlay (kustomize.path, with patches or replacements per install), or into the namespace, the one templated field",
            ),
            _ => None,
        }
    }
}

/// Why a config file could not be read or is invalid. Every message names the file; problems
/// with a component also name the component and the field.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: {}", crate::explain::io_words(error))]
    Read { path: String, error: std::io::Error },
    #[error("{path}: invalid YAML at line {line}, column {column}: {message}")]
    Yaml {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: invalid TOML at line {line}, column {column}: {message}")]
    Toml {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Shape { path: String, message: String },
    #[error("{path}: {}: {problem}", who(component.as_deref(), *index))]
    Invalid {
        path: String,
        /// The component's name, when it has one.
        component: Option<String>,
        /// Its position in an app file's `components`.
        index: Option<usize>,
        problem: Box<Problem>,
    },
    #[error("{path}: no kubernetes_manifest component{}", others_note(others))]
    NoComponents { path: String, others: Vec<String> },
    #[error(
        "{path}: {} kubernetes_manifest components ({}): choose one with --component NAME",
        names.len(),
        names.join(", ")
    )]
    Ambiguous { path: String, names: Vec<String> },
    #[error(
        "{path}: no kubernetes_manifest component named {name:?} (components: {})",
        names.join(", ")
    )]
    NoSuchComponent {
        path: String,
        name: String,
        names: Vec<String>,
    },
}

fn who(component: Option<&str>, index: Option<usize>) -> String {
    match (component, index) {
        (Some(name), _) => format!("component {name:?}"),
        (None, Some(i)) => format!("components[{i}]"),
        (None, None) => "component".to_string(),
    }
}

fn others_note(others: &[String]) -> String {
    if others.is_empty() {
        String::new()
    } else {
        format!(" (other components: {})", others.join(", "))
    }
}

impl crate::explain::Hint for ConfigError {
    fn hint(&self) -> Option<&'static str> {
        match self {
            ConfigError::Invalid { problem, .. } => problem.hint(),
            _ => None,
        }
    }
}

impl ConfigError {
    /// Every template action found in a manifest, when that is the problem (messages list
    /// the first few).
    pub fn template_actions(&self) -> Option<&[TemplateAction]> {
        match self {
            ConfigError::Invalid { problem, .. } => match &**problem {
                Problem::ManifestTemplated { actions, .. } => Some(actions),
                _ => None,
            },
            _ => None,
        }
    }

    /// The component the error is about, if any.
    pub fn component(&self) -> Option<String> {
        match self {
            ConfigError::Invalid {
                component, index, ..
            } => component
                .clone()
                .or_else(|| index.map(|i| format!("components[{i}]"))),
            ConfigError::NoSuchComponent { name, .. } => Some(name.clone()),
            _ => None,
        }
    }

    /// The field the error is about, if any.
    pub fn field(&self) -> Option<String> {
        match self {
            ConfigError::Invalid { problem, .. } => problem.field(),
            _ => None,
        }
    }
}

/// The syntax of a config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

impl Format {
    /// TOML for `.toml` files, YAML (which includes JSON) otherwise.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("toml") => Format::Toml,
            _ => Format::Yaml,
        }
    }
}

/// A valid `kubernetes_manifest` component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub name: String,
    /// As written: possibly a template (docs/config.md, "Namespace templating"), rendered at
    /// deploy time.
    pub namespace: String,
    pub drift_schedule: Option<String>,
    pub source: Source,
    /// Where a manifest given as a URL was downloaded from (with `LoadOptions::fetch`).
    pub downloaded: Option<Downloaded>,
}

/// A manifest downloaded from a URL: the URL and the content's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Downloaded {
    pub url: String,
    /// `sha256:<hex>`.
    pub sha256: String,
}

/// Where a component's manifests come from: exactly one of three.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The manifest text (read from the referenced file when the config names one).
    Manifest(String),
    Kustomize(Kustomize),
    OciArtifact(OciArtifact),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kustomize {
    /// The kustomization directory, relative to the source root.
    pub path: String,
    pub patches: Vec<String>,
    pub enable_helm: bool,
    /// `None` when not set (the default is `rootOnly`).
    pub load_restrictor: Option<LoadRestrictor>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OciArtifact {
    pub url: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
    pub credentials_ref: Option<String>,
}

/// The `kubernetes_manifest` components of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFile {
    /// The path as given, for messages.
    pub path: String,
    pub components: Vec<Component>,
    /// Names of components of other types, which were skipped.
    pub other_components: Vec<String>,
}

impl ConfigFile {
    /// The component called `name`, or the only one when `name` is `None`.
    pub fn component(&self, name: Option<&str>) -> Result<&Component, ConfigError> {
        let names = || self.components.iter().map(|c| c.name.clone()).collect();
        match name {
            Some(n) => self.components.iter().find(|c| c.name == n).ok_or_else(|| {
                ConfigError::NoSuchComponent {
                    path: self.path.clone(),
                    name: n.to_string(),
                    names: names(),
                }
            }),
            None => match self.components.as_slice() {
                [only] => Ok(only),
                _ => Err(ConfigError::Ambiguous {
                    path: self.path.clone(),
                    names: names(),
                }),
            },
        }
    }
}

/// Reads and validates a config file (TOML when it ends in `.toml`, else YAML).
pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
    load_with(path, LoadOptions::default())
}

/// How a config file is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Download manifests given as URLs (`manifest = "https://…"`) instead of refusing them.
    pub fetch: bool,
}

/// [`load`] with options.
pub fn load_with(path: &Path, options: LoadOptions) -> Result<ConfigFile, ConfigError> {
    let label = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|error| ConfigError::Read { path: label, error })?;
    parse_with(&text, Format::from_path(path), path, options)
}

/// Parses and validates config text; `path` names it in messages, and manifest file
/// references are read relative to its directory.
pub fn parse(text: &str, format: Format, path: &Path) -> Result<ConfigFile, ConfigError> {
    parse_with(text, format, path, LoadOptions::default())
}

fn parse_with(
    text: &str,
    format: Format,
    path: &Path,
    options: LoadOptions,
) -> Result<ConfigFile, ConfigError> {
    let label = path.display().to_string();
    let root = match format {
        Format::Yaml => parse_yaml(text, &label)?,
        Format::Toml => parse_toml(text, &label)?,
    };
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Reader {
        label,
        base,
        options,
    }
    .read(&root)
}

fn parse_yaml(text: &str, label: &str) -> Result<Value, ConfigError> {
    let docs = crate::yaml::parse_documents(text).map_err(|e| ConfigError::Yaml {
        path: label.to_string(),
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    let shape = |message: String| ConfigError::Shape {
        path: label.to_string(),
        message,
    };
    match <[_; 1]>::try_from(docs) {
        Ok([doc]) => Ok(doc.value),
        Err(docs) if docs.is_empty() => Err(shape("the file is empty".into())),
        Err(docs) => Err(shape(format!(
            "has {} YAML documents (the second at line {}); a config file has one",
            docs.len(),
            docs[1].line
        ))),
    }
}

fn parse_toml(text: &str, label: &str) -> Result<Value, ConfigError> {
    let table = text.parse::<toml::Table>().map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start).min(text.len());
        let before = text.get(..offset).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ConfigError::Toml {
            path: label.to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    Ok(toml_to_json(toml::Value::Table(table)))
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map_or_else(|| Value::String(f.to_string()), Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// The keys of the block.
const BLOCK_KEYS: &[&str] = &[
    "namespace",
    "drift_schedule",
    "manifest",
    "kustomize",
    "oci_artifact",
];
const KUSTOMIZE_KEYS: &[&str] = &["path", "patches", "enable_helm", "load_restrictor"];
const OCI_KEYS: &[&str] = &["url", "tag", "digest", "credentials_ref"];

/// A key's value as the platform's mapstructure finds it: the exact key, else the first that
/// matches ignoring ASCII case; null is absent.
fn get<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    gojson::get(m, key, Keys::MAPSTRUCTURE)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "a mapping",
        v => gojson::type_name(v),
    }
}

fn wrong_type(field: &str, expected: &'static str, v: &Value) -> Problem {
    Problem::WrongType {
        field: field.to_string(),
        expected,
        found: kind_of(v),
    }
}

fn get_str<'a>(
    m: &'a Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<Option<&'a str>, Problem> {
    match get(m, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(wrong_type(field, "a string", v)),
    }
}

/// A string that counts only when non-empty, as Go's `!= ""`.
fn get_nonempty(m: &Map<String, Value>, key: &str, field: &str) -> Result<Option<String>, Problem> {
    Ok(get_str(m, key, field)?
        .filter(|s| !s.is_empty())
        .map(str::to_string))
}

fn get_table<'a>(
    m: &'a Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<Option<&'a Map<String, Value>>, Problem> {
    match get(m, key) {
        None => Ok(None),
        Some(Value::Object(t)) => Ok(Some(t)),
        Some(v) => Err(wrong_type(field, "a mapping", v)),
    }
}

fn check_keys(m: &Map<String, Value>, known: &[&str], block: &str) -> Result<(), Problem> {
    match m
        .keys()
        .find(|k| gojson::lookup(known, k, Keys::MAPSTRUCTURE.fold).is_none())
    {
        Some(k) => Err(Problem::UnknownField {
            field: format!("{block}.{k}"),
            known: known.join(", "),
        }),
        None => Ok(()),
    }
}

struct Reader<'a> {
    label: String,
    base: &'a Path,
    options: LoadOptions,
}

impl Reader<'_> {
    fn shape(&self, message: impl Into<String>) -> ConfigError {
        ConfigError::Shape {
            path: self.label.clone(),
            message: message.into(),
        }
    }

    fn invalid(
        &self,
        component: Option<&str>,
        index: Option<usize>,
        problem: Problem,
    ) -> ConfigError {
        ConfigError::Invalid {
            path: self.label.clone(),
            component: component.map(str::to_string),
            index,
            problem: Box::new(problem),
        }
    }

    fn read(&self, root: &Value) -> Result<ConfigFile, ConfigError> {
        let Value::Object(root) = root else {
            return Err(self.shape(format!(
                "expected a mapping at the top level, found {}",
                kind_of(root)
            )));
        };
        let mut file = ConfigFile {
            path: self.label.clone(),
            components: Vec::new(),
            other_components: Vec::new(),
        };
        match get(root, "components") {
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let Value::Object(item) = item else {
                        return Err(self.shape(format!(
                            "components[{i}] must be a mapping, not {}",
                            kind_of(item)
                        )));
                    };
                    self.app_component(item, i, &mut file)?;
                }
                if file.components.is_empty() {
                    return Err(ConfigError::NoComponents {
                        path: self.label.clone(),
                        others: file.other_components,
                    });
                }
            }
            Some(v) => {
                return Err(self.shape(format!("components must be a list, not {}", kind_of(v))))
            }
            None => {
                let name = match get(root, "name") {
                    Some(Value::String(s)) if !s.is_empty() => s.clone(),
                    Some(Value::String(_)) | None => {
                        Path::new(&self.label).file_stem().map_or_else(
                            || "component".to_string(),
                            |s| s.to_string_lossy().into_owned(),
                        )
                    }
                    Some(v) => {
                        return Err(self.invalid(None, None, wrong_type("name", "a string", v)))
                    }
                };
                let wrap = |p| self.invalid(Some(&name), None, p);
                match get(root, "type") {
                    None => {}
                    Some(Value::String(t)) if t == COMPONENT_TYPE => {}
                    Some(Value::String(t)) => {
                        return Err(wrap(Problem::WrongComponentType { found: t.clone() }))
                    }
                    Some(v) => return Err(wrap(wrong_type("type", "a string", v))),
                }
                let c = self.component(root, name.clone()).map_err(wrap)?;
                file.components.push(c);
            }
        }
        Ok(file)
    }

    fn app_component(
        &self,
        item: &Map<String, Value>,
        i: usize,
        file: &mut ConfigFile,
    ) -> Result<(), ConfigError> {
        let name = match get(item, "name") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::String(_)) | None => {
                return Err(self.invalid(None, Some(i), Problem::NameRequired))
            }
            Some(v) => return Err(self.invalid(None, Some(i), wrong_type("name", "a string", v))),
        };
        let wrap = |p| self.invalid(Some(&name), Some(i), p);
        let ty = match get(item, "type") {
            Some(Value::String(t)) if !t.is_empty() => t,
            Some(Value::String(_)) | None => return Err(wrap(Problem::TypeRequired)),
            Some(v) => return Err(wrap(wrong_type("type", "a string", v))),
        };
        let taken =
            file.components.iter().any(|c| c.name == name) || file.other_components.contains(&name);
        if taken {
            return Err(wrap(Problem::DuplicateName));
        }
        if ty != COMPONENT_TYPE {
            file.other_components.push(name);
            return Ok(());
        }
        let c = self.component(item, name.clone()).map_err(wrap)?;
        file.components.push(c);
        Ok(())
    }

    /// A component map: the block is its `kubernetes_manifest` key, else the map itself.
    fn component(&self, m: &Map<String, Value>, name: String) -> Result<Component, Problem> {
        let block = match get_table(m, COMPONENT_TYPE, COMPONENT_TYPE)? {
            Some(block) => {
                let beside: Vec<String> = BLOCK_KEYS
                    .iter()
                    .filter(|k| get(m, k).is_some())
                    .map(|k| k.to_string())
                    .collect();
                if !beside.is_empty() {
                    return Err(Problem::Mixed { fields: beside });
                }
                block
            }
            None => m,
        };
        self.block(block, name)
    }

    /// Validates the block, in the platform's order: required fields, then its `Validate()`.
    fn block(&self, m: &Map<String, Value>, name: String) -> Result<Component, Problem> {
        let namespace = get_nonempty(m, "namespace", "namespace")?;
        let drift_schedule = get_nonempty(m, "drift_schedule", "drift_schedule")?;
        let manifest = get_nonempty(m, "manifest", "manifest")?;
        let kustomize = get_table(m, "kustomize", "kustomize")?;
        let oci = get_table(m, "oci_artifact", "oci_artifact")?;
        let Some(namespace) = namespace else {
            return Err(Problem::NamespaceRequired);
        };

        let mut found = Vec::new();
        if manifest.is_some() {
            found.push("manifest");
        }
        if kustomize.is_some() {
            found.push("kustomize");
        }
        if oci.is_some() {
            found.push("oci_artifact");
        }
        if found.is_empty() {
            return Err(Problem::NoSource);
        }
        if found.len() > 1 {
            return Err(Problem::SeveralSources { found });
        }

        let source = match (kustomize, oci) {
            (Some(k), _) => Some(Source::Kustomize(kustomize_block(k)?)),
            (None, Some(o)) => Some(Source::OciArtifact(oci_block(o)?)),
            (None, None) => None,
        };
        check_namespace(&namespace)?;
        let mut downloaded = None;
        let source = match source {
            Some(s) => s,
            None => {
                let value = manifest.as_deref().unwrap_or_default();
                let (text, from) = self.manifest(value)?;
                downloaded = from;
                Source::Manifest(text)
            }
        };
        Ok(Component {
            name,
            namespace,
            drift_schedule,
            source,
            downloaded,
        })
    }

    /// The manifest's text (read from the file it names, or downloaded from the URL it names
    /// when the options say so), checked to be Kubernetes objects.
    fn manifest(&self, value: &str) -> Result<(String, Option<Downloaded>), Problem> {
        let mut downloaded = None;
        let (text, label) = match manifest_reference(value) {
            Some(Reference::Url(url)) if !self.options.fetch => {
                return Err(Problem::ManifestUrl { url })
            }
            Some(Reference::Url(url)) => {
                let fetched = crate::fetch::manifest(&url).map_err(Problem::ManifestFetch)?;
                downloaded = Some(Downloaded {
                    url: url.clone(),
                    sha256: fetched.sha256,
                });
                (fetched.text, format!("manifest ({url})"))
            }
            Some(Reference::Path(reference)) => {
                let resolved = self.base.join(&reference);
                let text =
                    std::fs::read_to_string(&resolved).map_err(|e| Problem::ManifestFile {
                        reference: reference.clone(),
                        resolved: resolved.clone(),
                        reason: e.to_string(),
                    })?;
                (text, format!("manifest ({reference})"))
            }
            None => (value.to_string(), "manifest".to_string()),
        };
        let objects = read_objects(&text, &label);
        let actions = platform_template_actions(&text, objects.is_ok());
        if !actions.is_empty() {
            return Err(Problem::ManifestTemplated { label, actions });
        }
        let objects = objects.map_err(Problem::Manifest)?;
        if objects.is_empty() {
            return Err(Problem::ManifestEmpty);
        }
        Ok((text, downloaded))
    }
}

enum Reference {
    Path(String),
    Url(String),
}

/// Whether a `manifest` value names a file or URL rather than holding YAML: one line, and a
/// URL or a name ending in `.yaml`, `.yml` or `.json`.
fn manifest_reference(value: &str) -> Option<Reference> {
    let v = value.trim();
    if v.is_empty() || v.contains('\n') {
        return None;
    }
    let lower = v.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || v.contains("::") {
        return Some(Reference::Url(v.to_string()));
    }
    let file_like = [".yaml", ".yml", ".json"]
        .iter()
        .any(|e| lower.ends_with(e));
    if file_like && !v.contains(": ") && !v.starts_with(['{', '[']) {
        return Some(Reference::Path(v.to_string()));
    }
    None
}

fn kustomize_block(k: &Map<String, Value>) -> Result<Kustomize, Problem> {
    check_keys(k, KUSTOMIZE_KEYS, "kustomize")?;
    let path = get_nonempty(k, "path", "kustomize.path")?.ok_or(Problem::KustomizePathRequired)?;
    let patches = match get(k, "patches") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, p)| match p {
                Value::String(s) => Ok(s.clone()),
                v => Err(wrong_type(
                    &format!("kustomize.patches[{i}]"),
                    "a string",
                    v,
                )),
            })
            .collect::<Result<_, _>>()?,
        Some(v) => return Err(wrong_type("kustomize.patches", "a list of strings", v)),
    };
    let enable_helm = match get(k, "enable_helm") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(v) => return Err(wrong_type("kustomize.enable_helm", "a boolean", v)),
    };
    let load_restrictor = match get_str(k, "load_restrictor", "kustomize.load_restrictor")? {
        None | Some("") => None,
        Some(r @ ("none" | "rootOnly")) => LoadRestrictor::parse(r),
        Some(other) => {
            return Err(Problem::LoadRestrictor {
                value: other.to_string(),
            })
        }
    };
    Ok(Kustomize {
        path,
        patches,
        enable_helm,
        load_restrictor,
    })
}

fn oci_block(o: &Map<String, Value>) -> Result<OciArtifact, Problem> {
    check_keys(o, OCI_KEYS, "oci_artifact")?;
    let url = get_nonempty(o, "url", "oci_artifact.url")?;
    let tag = get_nonempty(o, "tag", "oci_artifact.tag")?;
    let digest = get_nonempty(o, "digest", "oci_artifact.digest")?;
    let credentials_ref = get_nonempty(o, "credentials_ref", "oci_artifact.credentials_ref")?;
    let url = url.ok_or(Problem::OciUrlRequired)?;
    if tag.is_none() && digest.is_none() {
        return Err(Problem::OciTagOrDigest);
    }
    let reference = |field, text: &str| {
        ArtifactRef::parse(text)
            .map(|_| ())
            .map_err(|e| Problem::OciReference {
                field,
                reason: e.to_string(),
            })
    };
    reference("oci_artifact.url", &url)?;
    if ArtifactRef::parse_repository(&url).is_err() {
        return Err(Problem::OciUrlVersioned { url });
    }
    if let Some(t) = &tag {
        reference("oci_artifact.tag", &format!("{url}:{t}"))?;
    }
    if let Some(d) = &digest {
        reference("oci_artifact.digest", &format!("{url}@{d}"))?;
    }
    Ok(OciArtifact {
        url,
        tag,
        digest,
        credentials_ref,
    })
}

/// A literal namespace must be a valid name; a template must parse and read only `.nuon`.
fn check_namespace(namespace: &str) -> Result<(), Problem> {
    if !namespace.contains("{{") {
        return template::check_namespace(namespace, namespace).map_err(Problem::Namespace);
    }
    let t = template::Template::parse(namespace).map_err(Problem::Namespace)?;
    match t
        .fields()
        .into_iter()
        .find(|f| f != ".nuon" && !f.starts_with(".nuon."))
    {
        Some(path) => Err(Problem::NamespacePath { path }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
