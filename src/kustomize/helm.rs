//! `helmCharts`: charts inflated by running the `helm` command, as kustomize's builtin
//! HelmChartInflationGenerator does (`helm version`, `helm pull` for a chart not on disk,
//! then `helm template` with a values file kustomize's way).

use super::buildmeta::{self, ConfiguredBy};
use super::error::BuildError;
use super::kustomization::{HelmChart, HelmGlobals};
use super::loader::Loader;
use super::resource::{is_local_config, Resource};
use crate::object::{read_objects, Object};
use crate::tempdir::TempDir;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// kubectl kustomize's `--enable-helm` and the `--helm-*` flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelmOptions {
    /// The helm executable (`--helm-command`).
    pub command: String,
    /// `--helm-api-versions`: for charts without their own `apiVersions`.
    pub api_versions: Vec<String>,
    /// `--helm-kube-version`: for charts without their own `kubeVersion`.
    pub kube_version: Option<String>,
    /// `--helm-debug`: passes `--debug` to every chart.
    pub debug: bool,
}

impl Default for HelmOptions {
    fn default() -> Self {
        HelmOptions {
            command: "helm".into(),
            api_versions: Vec::new(),
            kube_version: None,
            debug: false,
        }
    }
}

/// The chart home when `helmGlobals.chartHome` is empty.
const DEFAULT_CHART_HOME: &str = "charts";
const MERGE_OPTIONS: [&str; 3] = ["merge", "override", "replace"];

/// A chart entry checked and completed with kustomize's defaults, ready to run.
struct Configured {
    chart: HelmChart,
    /// Where the chart directory is looked for (and pulled to).
    chart_home: PathBuf,
    values_file: String,
    additional_values_files: Vec<PathBuf>,
    config_home: PathBuf,
    command: String,
    /// Holds the default configuration home and the values file until the chart is built.
    tmp: TempDir,
}

/// A failure inflating a chart: a message about the chart, or an error reading one of its
/// files (which names the file itself).
enum Failure {
    Message(String),
    Read(BuildError),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Message(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure::Message(message.to_string())
    }
}

/// Inflates one chart of the kustomization `ldr` reads for into resources; `field` is where the chart is configured
/// (`helmCharts` or `generators`), `by` what buildMetadata records as their generator.
pub(super) fn inflate(
    ldr: &Loader,
    field: &'static str,
    chart: &HelmChart,
    globals: Option<&HelmGlobals>,
    options: Option<&HelmOptions>,
    by: Option<&ConfiguredBy>,
) -> Result<Vec<Resource>, BuildError> {
    let options = options.ok_or_else(|| BuildError::HelmNotEnabled {
        file: ldr.file.clone(),
        field,
        chart: chart.name.clone(),
    })?;
    let objects = run_chart(ldr, chart, globals, options).map_err(|f| match f {
        Failure::Read(e) => e,
        Failure::Message(message) => BuildError::Transform {
            file: ldr.file.clone(),
            field,
            message: format!("chart {:?}: {message}", chart.name),
        },
    })?;
    // The chart's output goes through `NewResMapFromRNodeSlice`, which drops local-config
    // resources right away.
    Ok(objects
        .into_iter()
        .filter(|object| !is_local_config(object.as_value()))
        .map(|object| {
            let mut r = Resource::from_object(object);
            if let Some(by) = by {
                buildmeta::set_generated(&mut r, by);
            }
            r
        })
        .collect())
}

fn run_chart(
    ldr: &Loader,
    chart: &HelmChart,
    globals: Option<&HelmGlobals>,
    options: &HelmOptions,
) -> Result<Vec<Object>, Failure> {
    let c = configure(ldr, chart, globals, options)?;
    check_version(&c)?;
    let chart_dir = c.chart_home.join(&c.chart.name);
    if !chart_dir.is_dir() {
        if c.chart.repo.is_empty() {
            return Err(format!(
                "no repo specified for pull, no chart found at '{}'",
                chart_dir.display()
            )
            .into());
        }
        run(&c, &pull_args(&c))?;
    }
    let values_file = write_values_file(ldr, &c)?;
    let stdout = run(&c, &template_args(&c, &values_file))?;
    Ok(parse_output(&stdout, &c)?)
}

/// kustomize's `Config` and `validateArgs`: fills in the defaults, and loads the additional values files through the load restrictor.
fn configure(
    ldr: &Loader,
    chart: &HelmChart,
    globals: Option<&HelmGlobals>,
    options: &HelmOptions,
) -> Result<Configured, Failure> {
    if options.command.is_empty() {
        return Err("must specify --helm-command".into());
    }
    // kustomize sets the command-line values first and then decodes the chart over them,
    // so a chart's own settings win.
    let mut chart = chart.clone();
    if chart.api_versions.is_empty() {
        chart.api_versions = options.api_versions.clone();
    }
    if chart.kube_version.is_empty() {
        chart.kube_version = options.kube_version.clone().unwrap_or_default();
    }
    chart.debug |= options.debug;
    if chart.name.is_empty() {
        return Err("chart name cannot be empty".into());
    }
    let globals = globals.cloned().unwrap_or_default();
    let home = if globals.chart_home.is_empty() {
        DEFAULT_CHART_HOME
    } else {
        &globals.chart_home
    };
    let mut chart_home = absolute(&ldr.dir.join(home));
    if !chart.version.is_empty() && !chart.repo.is_empty() {
        chart_home = chart_home.join(format!("{}-{}", chart.name, chart.version));
    }
    let values_file = if chart.values_file.is_empty() {
        chart_home
            .join(&chart.name)
            .join("values.yaml")
            .display()
            .to_string()
    } else {
        chart.values_file.clone()
    };
    let mut additional_values_files = Vec::new();
    for file in &chart.additional_values_files {
        ldr.read_bytes("helmCharts", file).map_err(Failure::Read)?;
        additional_values_files.push(absolute(&ldr.dir.join(file)));
    }
    if chart.values_merge.is_empty() {
        chart.values_merge = "override".into();
    } else if !MERGE_OPTIONS.contains(&chart.values_merge.as_str()) {
        return Err(format!(
            "valuesMerge must be one of [{}], not {:?}",
            MERGE_OPTIONS.join(" "),
            chart.values_merge
        )
        .into());
    }
    let tmp = TempDir::new("kzr-helm")
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let config_home = if globals.config_home.is_empty() {
        tmp.path().join("helm")
    } else {
        PathBuf::from(&globals.config_home)
    };
    Ok(Configured {
        chart,
        chart_home,
        values_file,
        additional_values_files,
        config_home,
        command: options.command.clone(),
        tmp,
    })
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Runs helm with kustomize's environment; returns stdout.
fn run(c: &Configured, args: &[String]) -> Result<Vec<u8>, String> {
    let env = [
        ("HELM_CONFIG_HOME", c.config_home.display().to_string()),
        (
            "HELM_CACHE_HOME",
            format!("{}/.cache", c.config_home.display()),
        ),
        (
            "HELM_DATA_HOME",
            format!("{}/.data", c.config_home.display()),
        ),
    ];
    let command_line = format!("{} {}", c.command, args.join(" "));
    let output = Command::new(&c.command)
        .args(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .map_err(|e| {
            format!(
                "unable to run '{command_line}' (is '{}' installed?): {e}",
                c.command
            )
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stderr = stderr.trim();
        return Err(format!(
            "'{command_line}' failed ({}){}{stderr}",
            output.status,
            if stderr.is_empty() { "" } else { ": " }
        ));
    }
    Ok(output.stdout)
}

/// kustomize accepts only helm 3; kzr also accepts helm 4, which renders the same way.
fn check_version(c: &Configured) -> Result<(), String> {
    let stdout = run(c, &["version".into(), "-c".into(), "--short".into()])?;
    let text = String::from_utf8_lossy(&stdout);
    let version = regex::Regex::new(r"v?\d+(\.\d+)+")
        .expect("valid pattern")
        .find(&text)
        .map(|m| m.as_str().trim_start_matches('v').to_string())
        .ok_or_else(|| format!("cannot find version string in {}", text.trim()))?;
    match version.split('.').next() {
        Some("3" | "4") => Ok(()),
        _ => Err(format!(
            "this plugin requires helm v3 or v4 but got v{version}"
        )),
    }
}

/// kustomize's `pullCommand`.
fn pull_args(c: &Configured) -> Vec<String> {
    let mut args: Vec<String> = vec![
        "pull".into(),
        "--untar".into(),
        "--untardir".into(),
        c.chart_home.display().to_string(),
    ];
    let chart = &c.chart;
    if chart.repo.starts_with("oci://") {
        args.push(format!(
            "{}/{}",
            chart.repo.trim_end_matches('/'),
            chart.name
        ));
    } else {
        args.extend(["--repo".into(), chart.repo.clone(), chart.name.clone()]);
    }
    if !chart.version.is_empty() {
        args.extend(["--version".into(), chart.version.clone()]);
    }
    args
}

/// kustomize's `HelmChart.AsHelmArgs`, in its order.
fn template_args(c: &Configured, values_file: &Path) -> Vec<String> {
    let chart = &c.chart;
    let mut args: Vec<String> = vec!["template".into()];
    if chart.release_name.is_empty() {
        args.push("--generate-name".into());
    } else {
        args.push(chart.release_name.clone());
    }
    args.push(c.chart_home.join(&chart.name).display().to_string());
    if !chart.namespace.is_empty() {
        args.extend(["--namespace".into(), chart.namespace.clone()]);
    }
    if !chart.name_template.is_empty() {
        args.extend(["--name-template".into(), chart.name_template.clone()]);
    }
    args.extend(["-f".into(), values_file.display().to_string()]);
    for file in &c.additional_values_files {
        args.extend(["-f".into(), file.display().to_string()]);
    }
    for v in &chart.api_versions {
        args.extend(["--api-versions".into(), v.clone()]);
    }
    if !chart.kube_version.is_empty() {
        args.extend(["--kube-version".into(), chart.kube_version.clone()]);
    }
    let flags = [
        (chart.include_crds, "--include-crds"),
        (chart.skip_tests, "--skip-tests"),
        (chart.skip_hooks, "--no-hooks"),
        (chart.debug, "--debug"),
    ];
    args.extend(
        flags
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, f)| f.to_string()),
    );
    args
}

/// The values file helm gets: the chart's (or `valuesFile`) as is, or merged with
/// `valuesInline` by `valuesMerge`. Written as JSON, which helm reads as YAML.
fn write_values_file(ldr: &Loader, c: &Configured) -> Result<PathBuf, Failure> {
    let bytes = ldr
        .read_bytes("helmCharts", &c.values_file)
        .map_err(Failure::Read)?;
    let chart = &c.chart;
    let out = if chart.values_inline.is_empty() {
        bytes
    } else {
        let inline = chart.values_inline.clone();
        let merged = match chart.values_merge.as_str() {
            "replace" => inline,
            mode => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| format!("{}: not valid UTF-8", c.values_file))?;
                let docs = crate::yaml::parse_documents(&text)
                    .map_err(|e| format!("{}: {e}", c.values_file))?;
                let file_values = match docs.into_iter().next().map(|d| d.value) {
                    Some(Value::Object(map)) => map,
                    None | Some(Value::Null) => Map::new(),
                    Some(_) => {
                        return Err(format!("{}: values must be a mapping", c.values_file).into())
                    }
                };
                if mode == "override" {
                    merge_values(file_values, &inline)
                } else {
                    merge_values(inline, &file_values)
                }
            }
        };
        serde_json::to_vec_pretty(&Value::Object(merged)).map_err(|e| e.to_string())?
    };
    let path = c
        .tmp
        .path()
        .join(format!("{}-kustomize-values.yaml", chart.name));
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// kyaml's `merge2.Merge(src, dest)` for values: mappings merge recursively, `src` wins
/// elsewhere (lists are replaced), and a null in `src` removes the key.
fn merge_values(mut dest: Map<String, Value>, src: &Map<String, Value>) -> Map<String, Value> {
    for (key, value) in src {
        match (dest.get_mut(key), value) {
            (_, Value::Null) => {
                dest.shift_remove(key);
            }
            (Some(Value::Object(d)), Value::Object(s)) => {
                let merged = merge_values(std::mem::take(d), s);
                *d = merged;
            }
            _ => {
                dest.insert(key.clone(), value.clone());
            }
        }
    }
    dest
}

/// The objects in helm's output. Like kustomize, a first document that is not an object
/// (helm printing a message before the manifests) is dropped.
fn parse_output(stdout: &[u8], c: &Configured) -> Result<Vec<Object>, String> {
    let text = String::from_utf8(stdout.to_vec())
        .map_err(|_| format!("helm output for chart {} is not valid UTF-8", c.chart.name))?;
    let label = format!("helm template {}", c.chart.name);
    match read_objects(&text, &label) {
        Ok(objects) => Ok(objects),
        Err(first) => match text.find("\n---") {
            Some(at) => read_objects(&text[at + 1..], &label).map_err(|e| e.to_string()),
            None => Err(first.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn merges_values_like_kyaml() {
        let chart = map(
            json!({"image": {"repository": "nginx", "tag": "1"}, "list": [1, 2], "gone": 1, "keep": true}),
        );
        let inline =
            map(json!({"image": {"tag": "2"}, "list": [3], "gone": null, "new": {"a": 1}}));
        assert_eq!(
            Value::Object(merge_values(chart.clone(), &inline)),
            json!({"image": {"repository": "nginx", "tag": "2"}, "list": [3], "keep": true, "new": {"a": 1}})
        );
        // merge: the chart's values win, the inline ones fill the gaps.
        assert_eq!(
            Value::Object(merge_values(inline, &chart)),
            json!({"image": {"tag": "1", "repository": "nginx"}, "list": [1, 2], "gone": 1, "new": {"a": 1}, "keep": true})
        );
    }
}
