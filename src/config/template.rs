//! Namespace templating (docs/config.md, "Namespace templating"): the small subset of Go's
//! `text/template` that namespaces use. Only actions that are a field path
//! (`{{ .nuon.install.id }}`) are supported, with Go's `{{-` / `-}}` whitespace trimming and
//! `{{/* comments */}}`; pipelines, functions, variables and control structures are refused
//! with an error naming the action. The data is `{"nuon": STATE}`, so `.nuon.install.id` reads
//! `STATE.install.id` (a STATE that already has a top-level `nuon` key is used as it is, like
//! the platform).
//!
//! Values print as Go's `fmt` prints the value `encoding/json` decoded (`%v`): strings as
//! they are, booleans `true`/`false`, numbers as float64 (`5432`, `1.5`, `1e+06`). A missing
//! key, a null, a map or a list is an error naming the full path (Go's `missingkey=error`).

use crate::yaml::go_format_g;
use serde_json::{Map, Value};
use thiserror::Error;

/// What went wrong parsing or rendering a template. Messages quote the template (never a
/// state value other than the rendered namespace).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    #[error("template {template:?}: unclosed action {action:?} (missing \"}}}}\")")]
    Unclosed { template: String, action: String },
    #[error("template {template:?}: unclosed comment {action:?} (a comment is {{{{/* ... */}}}})")]
    UnclosedComment { template: String, action: String },
    #[error(
        "template {template:?}: unsupported action {action:?}: {reason}; only field paths such \
         as {{{{ .nuon.install.id }}}} are supported"
    )]
    Unsupported {
        template: String,
        action: String,
        reason: &'static str,
    },
    #[error("template {template:?}: missing key {path}: {parent} has no key {key:?}")]
    MissingKey {
        template: String,
        /// The full path of the action, e.g. `.nuon.install.id`.
        path: String,
        /// The path whose map lacks `key` (`the data` at the top).
        parent: String,
        key: String,
    },
    #[error("template {template:?}: can't evaluate {path}: {parent} is {kind}, not a map")]
    NotAMap {
        template: String,
        path: String,
        parent: String,
        kind: &'static str,
    },
    #[error("template {template:?}: {path} is {kind}; only strings, numbers and booleans can be rendered")]
    NotRenderable {
        template: String,
        path: String,
        kind: &'static str,
    },
    #[error(
        "namespace {namespace:?}{} is not a valid namespace name: {reason} (an RFC 1123 label: \
         at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit)",
        rendered_from(template, namespace)
    )]
    InvalidNamespace {
        namespace: String,
        template: String,
        reason: &'static str,
    },
}

fn rendered_from(template: &str, namespace: &str) -> String {
    if template == namespace {
        String::new()
    } else {
        format!(" (rendered from {template:?})")
    }
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    source: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    /// A field path; empty for `{{ . }}`.
    Field(Vec<String>),
}

/// Whitespace as Go's template lexer sees it.
const SPACE: &[char] = &[' ', '\t', '\r', '\n'];

fn is_space(c: char) -> bool {
    SPACE.contains(&c)
}

/// `-` followed by a space: Go's trim marker after `{{`.
fn has_left_trim(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next() == Some('-') && chars.next().is_some_and(is_space)
}

impl Template {
    /// Parses `source`. Text without `{{` is one literal part.
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = source;
        // Set by a `-}}`: the next text loses its leading whitespace.
        let mut trim_next = false;
        while let Some(open) = rest.find("{{") {
            let mut text = &rest[..open];
            if trim_next {
                text = text.trim_start_matches(SPACE);
            }
            let after_open = &rest[open + 2..];
            let trim_left = has_left_trim(after_open);
            if trim_left {
                text = text.trim_end_matches(SPACE);
            }
            if !text.is_empty() {
                parts.push(Part::Text(text.to_string()));
            }
            // The action's content, after `{{` and a left trim marker (`-` plus one space).
            let body_start = if trim_left {
                2 + 1 + after_open[1..].chars().next().map_or(0, char::len_utf8)
            } else {
                2
            };
            let body = &rest[open + body_start..];
            let (field, trim_right, consumed) = if body.starts_with("/*") {
                let (trim_right, consumed) = parse_comment(source, &rest[open..], body)?;
                (None, trim_right, consumed)
            } else {
                let Some(close) = body.find("}}") else {
                    return Err(TemplateError::Unclosed {
                        template: source.to_string(),
                        action: rest[open..].to_string(),
                    });
                };
                let mut inner = &body[..close];
                let trim_right = inner.strip_suffix('-').is_some_and(|s| s.ends_with(SPACE));
                if trim_right {
                    inner = &inner[..inner.len() - 1];
                }
                let action = &rest[open..open + body_start + close + 2];
                let path = parse_action(source, action, inner.trim_matches(SPACE))?;
                (Some(path), trim_right, body_start + close + 2)
            };
            if let Some(path) = field {
                parts.push(Part::Field(path));
            }
            trim_next = trim_right;
            rest = &rest[open + consumed..];
        }
        let text = if trim_next {
            rest.trim_start_matches(SPACE)
        } else {
            rest
        };
        if !text.is_empty() {
            parts.push(Part::Text(text.to_string()));
        }
        Ok(Template {
            source: source.to_string(),
            parts,
        })
    }

    /// The template text as given.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The field paths the template reads, as written (`.nuon.install.id`).
    pub fn fields(&self) -> Vec<String> {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Field(path) => Some(path_text(path)),
                Part::Text(_) => None,
            })
            .collect()
    }

    /// Renders with `data` as dot.
    pub fn render(&self, data: &Value) -> Result<String, TemplateError> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Field(path) => out.push_str(&self.lookup(path, data)?),
            }
        }
        Ok(out)
    }

    fn lookup(&self, path: &[String], data: &Value) -> Result<String, TemplateError> {
        let mut value = data;
        for (i, key) in path.iter().enumerate() {
            let parent = if i == 0 {
                "the data".to_string()
            } else {
                path_text(&path[..i])
            };
            value = match value {
                Value::Object(map) => map.get(key).ok_or_else(|| TemplateError::MissingKey {
                    template: self.source.clone(),
                    path: path_text(path),
                    parent,
                    key: key.clone(),
                })?,
                other => {
                    return Err(TemplateError::NotAMap {
                        template: self.source.clone(),
                        path: path_text(path),
                        parent,
                        kind: kind_of(other),
                    })
                }
            };
        }
        match value {
            Value::String(s) => Ok(s.clone()),
            Value::Bool(b) => Ok(b.to_string()),
            // Go decodes JSON numbers as float64 and fmt prints them with %g (shortest).
            Value::Number(n) => Ok(go_format_g(n.as_f64().unwrap_or_default())),
            other => Err(TemplateError::NotRenderable {
                template: self.source.clone(),
                path: path_text(path),
                kind: kind_of(other),
            }),
        }
    }
}

/// Parses a comment action; returns whether it trims the text after it and how many bytes
/// of `from_open` (which starts at `{{`) it spans.
fn parse_comment(
    source: &str,
    from_open: &str,
    body: &str,
) -> Result<(bool, usize), TemplateError> {
    let unclosed = || TemplateError::UnclosedComment {
        template: source.to_string(),
        action: from_open.to_string(),
    };
    let end = body[2..].find("*/").ok_or_else(unclosed)? + 4;
    let after = &body[end..];
    let body_offset = from_open.len() - body.len();
    if after.starts_with("}}") {
        return Ok((false, body_offset + end + 2));
    }
    let mut chars = after.chars();
    if chars.next().is_some_and(is_space) && chars.as_str().starts_with("-}}") {
        let space = after.chars().next().map_or(0, char::len_utf8);
        return Ok((true, body_offset + end + space + 3));
    }
    Err(unclosed())
}

/// Parses the trimmed content of an action into a field path.
fn parse_action(source: &str, action: &str, content: &str) -> Result<Vec<String>, TemplateError> {
    let unsupported = |reason| TemplateError::Unsupported {
        template: source.to_string(),
        action: action.to_string(),
        reason,
    };
    if content.is_empty() {
        return Err(unsupported("the action is empty"));
    }
    if content.contains('|') {
        return Err(unsupported("pipelines are not supported"));
    }
    if content.starts_with('$') {
        return Err(unsupported("variables are not supported"));
    }
    let first_word = content.split(SPACE).next().unwrap_or_default();
    const KEYWORDS: &[&str] = &[
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
    ];
    if KEYWORDS.contains(&first_word) {
        return Err(unsupported("control structures are not supported"));
    }
    if content.starts_with(['"', '`', '\'']) || content.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(unsupported("literals are not supported"));
    }
    if !content.starts_with('.') {
        return Err(unsupported("functions are not supported"));
    }
    if content.contains(SPACE) || content.contains('(') {
        return Err(unsupported(
            "arguments and function calls are not supported",
        ));
    }
    if content == "." {
        return Ok(Vec::new());
    }
    let mut path = Vec::new();
    for segment in content[1..].split('.') {
        let valid = segment
            .chars()
            .next()
            .is_some_and(|c| c == '_' || c.is_alphabetic())
            && segment.chars().all(|c| c == '_' || c.is_alphanumeric());
        if !valid {
            return Err(unsupported(
                "a field path is dot-separated names of letters, digits and '_' (a key with \
                 other characters would need `index`, which is not supported)",
            ));
        }
        path.push(segment.to_string());
    }
    Ok(path)
}

fn path_text(path: &[String]) -> String {
    if path.is_empty() {
        ".".to_string()
    } else {
        path.iter().map(|k| format!(".{k}")).collect()
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a map",
    }
}

/// Renders `text` with `data` as dot. Text without `{{` is returned untouched.
pub fn render(text: &str, data: &Value) -> Result<String, TemplateError> {
    if !text.contains("{{") {
        return Ok(text.to_string());
    }
    Template::parse(text)?.render(data)
}

/// The data a namespace template sees: `{"nuon": state}`. A state that already has a
/// top-level `nuon` key is used as it is (the platform's `EnsurePrefix`).
pub fn namespace_data(state: &Value) -> Value {
    if state.get("nuon").is_some() {
        return state.clone();
    }
    let mut map = Map::new();
    map.insert("nuon".to_string(), state.clone());
    Value::Object(map)
}

/// Renders a namespace template with the install state (`{{ .nuon.install.id }}` reads
/// `state.install.id`) and checks the result is a valid namespace name (RFC 1123 label).
/// Text without `{{` is not rendered, only checked.
pub fn render_namespace(template: &str, state: &Value) -> Result<String, TemplateError> {
    let namespace = if template.contains("{{") {
        Template::parse(template)?.render(&namespace_data(state))?
    } else {
        template.to_string()
    };
    check_namespace(&namespace, template)?;
    Ok(namespace)
}

/// Checks `namespace` is an RFC 1123 label; `template` is what it was rendered from.
pub fn check_namespace(namespace: &str, template: &str) -> Result<(), TemplateError> {
    label_problem(namespace).map_or(Ok(()), |reason| {
        Err(TemplateError::InvalidNamespace {
            namespace: namespace.to_string(),
            template: template.to_string(),
            reason,
        })
    })
}

/// Why `s` is not an RFC 1123 label, if it is not one.
pub fn label_problem(s: &str) -> Option<&'static str> {
    if s.is_empty() {
        Some("it is empty")
    } else if s.len() > 63 {
        Some("it is longer than 63 characters")
    } else if !s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Some("it has characters other than lowercase letters, digits and '-'")
    } else if s.starts_with('-') || s.ends_with('-') {
        Some("it starts or ends with '-'")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn state() -> Value {
        json!({
            "install": {"id": "inst0123abcd", "name": "Demo", "empty": "", "nothing": null,
                        "inputs": {"replicas": 3}},
            "app": {"variables": {"port": 5432, "ratio": 1.5, "big": 1000000, "tiny": 0.00001,
                                   "on": true, "off": false, "list": ["a"], "huge": 1e21}},
            "components": {"db": {"outputs": {"name": "pg-main"}}},
        })
    }

    fn r(t: &str) -> Result<String, TemplateError> {
        render(t, &namespace_data(&state()))
    }

    #[test]
    fn renders_dotted_paths() {
        assert_eq!(r("{{.nuon.install.id}}").unwrap(), "inst0123abcd");
        assert_eq!(r("{{ .nuon.install.id }}-dne").unwrap(), "inst0123abcd-dne");
        assert_eq!(
            r("ns-{{ .nuon.components.db.outputs.name }}").unwrap(),
            "ns-pg-main"
        );
        assert_eq!(
            r("{{.nuon.install.id}}{{.nuon.install.id}}").unwrap(),
            "inst0123abcdinst0123abcd"
        );
        // Actions may span lines.
        assert_eq!(r("{{\n  .nuon.install.id\n}}").unwrap(), "inst0123abcd");
        assert_eq!(r("{{ .nuon.install.empty }}x").unwrap(), "x");
    }

    #[test]
    fn text_without_actions_is_untouched() {
        for t in [
            "",
            "  spaced  ",
            "Not_A_Label",
            "a }} b",
            "{ {x} }",
            "-}} x",
        ] {
            assert_eq!(r(t).unwrap(), t);
        }
        assert_eq!(render("{x}", &Value::Null).unwrap(), "{x}");
    }

    #[test]
    fn trims_whitespace_like_go() {
        assert_eq!(
            r("a  {{- .nuon.install.id }}  b").unwrap(),
            "ainst0123abcd  b"
        );
        assert_eq!(
            r("a  {{ .nuon.install.id -}}  b").unwrap(),
            "a  inst0123abcdb"
        );
        assert_eq!(
            r("a \t\n{{- .nuon.install.id -}}\r\n b").unwrap(),
            "ainst0123abcdb"
        );
        assert_eq!(r("x {{- /* note */ -}} y").unwrap(), "xy");
        assert_eq!(r("x {{/* note */}} y").unwrap(), "x  y");
        assert_eq!(r("{{- .nuon.install.id -}}").unwrap(), "inst0123abcd");
        // Trimming applies to the text between two actions from both sides.
        assert_eq!(
            r("{{ .nuon.install.id -}} - {{- .nuon.install.id }}").unwrap(),
            "inst0123abcd-inst0123abcd"
        );
        // `-` without a space is not a trim marker.
        assert!(matches!(
            r("{{-.nuon.install.id}}"),
            Err(TemplateError::Unsupported { .. })
        ));
    }

    #[test]
    fn values_print_like_go_fmt() {
        assert_eq!(r("{{.nuon.app.variables.port}}").unwrap(), "5432");
        assert_eq!(r("{{.nuon.install.inputs.replicas}}").unwrap(), "3");
        assert_eq!(r("{{.nuon.app.variables.ratio}}").unwrap(), "1.5");
        assert_eq!(r("{{.nuon.app.variables.big}}").unwrap(), "1e+06");
        assert_eq!(r("{{.nuon.app.variables.tiny}}").unwrap(), "1e-05");
        assert_eq!(r("{{.nuon.app.variables.huge}}").unwrap(), "1e+21");
        assert_eq!(r("{{.nuon.app.variables.on}}").unwrap(), "true");
        assert_eq!(r("{{.nuon.app.variables.off}}").unwrap(), "false");
    }

    #[test]
    fn missing_keys_name_the_full_path() {
        let e = r("{{ .nuon.install.uid }}").unwrap_err();
        assert!(
            matches!(&e, TemplateError::MissingKey { path, key, .. } if path == ".nuon.install.uid" && key == "uid")
        );
        assert!(
            e.to_string().contains("missing key .nuon.install.uid"),
            "{e}"
        );
        let e = r("{{ .nuon.sandbox.outputs.x }}").unwrap_err();
        assert!(
            e.to_string()
                .contains("missing key .nuon.sandbox.outputs.x: .nuon has no key \"sandbox\""),
            "{e}"
        );
        let e = r("{{ .install.id }}").unwrap_err();
        assert!(
            e.to_string().contains("the data has no key \"install\""),
            "{e}"
        );
        let e = r("{{ .nuon.install.id.x }}").unwrap_err();
        assert!(
            e.to_string().contains(
                "can't evaluate .nuon.install.id.x: .nuon.install.id is a string, not a map"
            ),
            "{e}"
        );
        let e = r("{{ .nuon.install.nothing.x }}").unwrap_err();
        assert!(
            e.to_string()
                .contains(".nuon.install.nothing is null, not a map"),
            "{e}"
        );
    }

    #[test]
    fn maps_lists_and_nulls_are_errors() {
        for (t, kind) in [
            ("{{ .nuon.install }}", "a map"),
            ("{{ . }}", "a map"),
            ("{{ .nuon.app.variables.list }}", "a list"),
            ("{{ .nuon.install.nothing }}", "null"),
        ] {
            let e = r(t).unwrap_err();
            assert!(
                matches!(&e, TemplateError::NotRenderable { kind: k, .. } if *k == kind),
                "{t}: {e}"
            );
        }
        let e = r("{{ .nuon.install }}").unwrap_err();
        assert!(
            e.to_string()
                .contains(".nuon.install is a map; only strings"),
            "{e}"
        );
    }

    #[test]
    fn unsupported_actions_are_named() {
        for (t, reason) in [
            ("{{ .nuon.install.id | upper }}", "pipelines"),
            ("{{ upper .nuon.install.id }}", "functions"),
            ("{{ if .nuon.install.id }}x{{ end }}", "control structures"),
            ("{{ range .nuon.x }}{{ end }}", "control structures"),
            ("{{ $x := 1 }}", "variables"),
            ("{{ \"lit\" }}", "literals"),
            ("{{ 3 }}", "literals"),
            ("{{ .nuon.install .id }}", "arguments"),
            ("{{ .nuon.components.ch-ui.x }}", "field path"),
            ("{{ }}", "empty"),
            ("{{ .nuon..x }}", "field path"),
        ] {
            let e = r(t).unwrap_err();
            let TemplateError::Unsupported {
                action,
                reason: got,
                ..
            } = &e
            else {
                panic!("{t}: {e:?}");
            };
            assert!(got.contains(reason), "{t}: {got}");
            assert!(t.starts_with(action.as_str()), "{t}: {action}");
            assert!(e.to_string().contains("unsupported action"), "{e}");
        }
        let e = r("{{ .nuon.install.id | upper }}").unwrap_err();
        assert!(
            e.to_string().contains("\"{{ .nuon.install.id | upper }}\""),
            "{e}"
        );
    }

    #[test]
    fn unclosed_actions_and_comments() {
        assert!(matches!(
            r("ns-{{ .nuon.install.id"),
            Err(TemplateError::Unclosed { .. })
        ));
        assert!(matches!(
            r("{{/* x }}"),
            Err(TemplateError::UnclosedComment { .. })
        ));
        assert!(matches!(
            r("{{/* x */ .a }}"),
            Err(TemplateError::UnclosedComment { .. })
        ));
    }

    #[test]
    fn fields_lists_paths() {
        let t = Template::parse("{{.nuon.install.id}}-{{ .nuon.x -}} {{/* c */}}").unwrap();
        assert_eq!(t.fields(), vec![".nuon.install.id", ".nuon.x"]);
        assert_eq!(
            t.source(),
            "{{.nuon.install.id}}-{{ .nuon.x -}} {{/* c */}}"
        );
    }

    #[test]
    fn namespaces_must_be_rfc1123_labels() {
        let s = state();
        assert_eq!(
            render_namespace("{{.nuon.install.id}}-dne", &s).unwrap(),
            "inst0123abcd-dne"
        );
        assert_eq!(render_namespace("kube-system", &s).unwrap(), "kube-system");
        assert_eq!(render_namespace("0abc", &s).unwrap(), "0abc");
        assert_eq!(
            render_namespace(&"a".repeat(63), &s).unwrap(),
            "a".repeat(63)
        );
        let e = render_namespace("{{.nuon.install.name}}", &s).unwrap_err();
        assert_eq!(
            e.to_string(),
            "namespace \"Demo\" (rendered from \"{{.nuon.install.name}}\") is not a valid namespace \
             name: it has characters other than lowercase letters, digits and '-' (an RFC 1123 \
             label: at most 63 lowercase letters, digits or '-', starting and ending with a \
             letter or digit)"
        );
        for (ns, reason) in [
            ("", "empty"),
            ("-a", "starts or ends"),
            ("a-", "starts or ends"),
            ("a.b", "characters"),
            ("a_b", "characters"),
            (" a", "characters"),
        ] {
            let e = render_namespace(ns, &s).unwrap_err();
            assert!(
                matches!(&e, TemplateError::InvalidNamespace { reason: r, .. } if r.contains(reason)),
                "{ns:?}: {e}"
            );
            assert!(!e.to_string().contains("rendered from"), "{e}");
        }
        let e = render_namespace(&"a".repeat(64), &s).unwrap_err();
        assert!(e.to_string().contains("longer than 63"), "{e}");
        let e = render_namespace("{{.nuon.install.empty}}", &s).unwrap_err();
        assert!(
            e.to_string().contains("namespace \"\" (rendered from"),
            "{e}"
        );
        // A state that is already wrapped is not wrapped again.
        let wrapped = json!({"nuon": {"install": {"id": "abc"}}});
        assert_eq!(
            render_namespace("{{.nuon.install.id}}", &wrapped).unwrap(),
            "abc"
        );
        // A state that is not a map.
        let e = render_namespace("{{.nuon.install.id}}", &json!("x")).unwrap_err();
        assert!(
            e.to_string().contains(".nuon is a string, not a map"),
            "{e}"
        );
    }
}
