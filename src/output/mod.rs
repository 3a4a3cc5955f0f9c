//! Rendering results for people and programs: object streams, logging setup.

use crate::object::Object;
use crate::yaml::{self, EmitError};
use serde_json::Value;

/// Objects as a YAML stream, byte-identical to `kubectl kustomize` output. Large sets are
/// written on several threads.
pub fn objects_to_yaml(objects: &[Object]) -> Result<String, EmitError> {
    let threads = crate::available_threads();
    if objects.len() < 256 || threads < 2 {
        return yaml::to_yaml_stream(objects.iter().map(Object::as_value));
    }
    let chunk = objects.len().div_ceil(threads);
    let parts: Vec<Result<String, EmitError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = objects
            .chunks(chunk)
            .map(|c| scope.spawn(move || yaml::to_yaml_stream(c.iter().map(Object::as_value))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("YAML writer thread"))
            .collect()
    });
    let mut out = String::new();
    for part in parts {
        let part = part?;
        if !out.is_empty() && !part.is_empty() {
            out.push_str("---\n");
        }
        out.push_str(&part);
    }
    Ok(out)
}

/// Objects as `{"apiVersion":"v1","kind":"List","items":[…]}`, pretty-printed.
pub fn objects_to_json_list(objects: &[Object]) -> String {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct List<'a> {
        api_version: &'static str,
        kind: &'static str,
        items: Vec<&'a Value>,
    }
    let list = List {
        api_version: "v1",
        kind: "List",
        items: objects.iter().map(Object::as_value).collect(),
    };
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
    s.push('\n');
    s
}

/// Whether colour and progress bars may be used on stderr.
pub fn decorations_enabled(quiet: bool, no_color: bool, json_output: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !(quiet || no_color || json_output || no_color_env) && console::Term::stderr().is_term()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// The log format chosen at start-up, for the progress and warning lines printed outside
/// `tracing` (they stay visible without `-v`).
static LINE_FORMAT: std::sync::OnceLock<LogFormat> = std::sync::OnceLock::new();

/// One stderr line in the chosen log format: plain text, or with `--log-format json` an
/// object shaped like the JSON log lines (`{"level": …, "fields": {"message": …}}`).
fn stderr_line(level: &str, message: &str) {
    match LINE_FORMAT.get() {
        Some(LogFormat::Json) => eprintln!(
            "{}",
            serde_json::json!({"level": level, "fields": {"message": message}})
        ),
        _ => eprintln!("{message}"),
    }
}

/// A progress line on stderr (`pushing …`, `applying 3 object(s)`).
pub fn progress(message: &str) {
    stderr_line("INFO", message);
}

/// A warning line on stderr (kustomize's warnings).
pub fn warning(message: &str) {
    stderr_line("WARN", message);
}

/// Logs go to stderr: `-v` raises the level (warn, info, debug, trace); `RUST_LOG` overrides.
pub fn init_logging(verbosity: u8, quiet: bool, format: LogFormat, color: bool) {
    let _ = LINE_FORMAT.set(format);
    // Below -v only kzr's own lines reach stderr: the libraries' (rustls, hyper, kube) are
    // off, since kzr reports their failures itself, in one line and in words. kube's client
    // logs every transport error, so it stays off until -vv.
    let directives = match (quiet, verbosity) {
        (true, _) => "off,kzr=error",
        (false, 0) => "off,kzr=warn",
        (false, 1) => "info,kube_client=off",
        (false, 2) => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(directives));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.with_ansi(color).without_time().try_init(),
    };
    // Libraries that log through the `log` crate (rustls' certificate verifier logs every
    // refused certificate at ERROR) bypass the filter above; silence them below -v.
    if quiet || verbosity == 0 {
        log::set_max_level(log::LevelFilter::Off);
    }
}

/// A unified diff of two objects as YAML (no header lines), coloured on request: removed lines
/// red, added green, hunk headers cyan. A missing side diffs against nothing.
pub fn object_diff(before: Option<&Value>, after: Option<&Value>, color: bool) -> String {
    let yaml_of = |v: Option<&Value>| {
        v.map(|v| yaml::to_yaml_stream(std::iter::once(v)).unwrap_or_default())
            .unwrap_or_default()
    };
    let (old, new) = (yaml_of(before), yaml_of(after));
    let diff = similar::TextDiff::from_lines(&old, &new);
    let mut out = String::new();
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        let text = hunk.to_string();
        for line in text.lines() {
            let style = match line.chars().next() {
                Some('-') => console::Style::new().red(),
                Some('+') => console::Style::new().green(),
                Some('@') => console::Style::new().cyan(),
                _ => console::Style::new(),
            };
            if color {
                out.push_str(&style.force_styling(true).apply_to(line).to_string());
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
    }
    out
}
