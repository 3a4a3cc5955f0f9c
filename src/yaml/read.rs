//! Reads YAML (and JSON, which is YAML) into ordered `serde_json::Value`s, resolving plain
//! scalars the way kustomize's reader (go-yaml v3) does: `yes` stays a string, `0755` is 493,
//! an unquoted date becomes an RFC 3339 timestamp string, and so on.
//!
//! Building is iterative (no recursion on input depth), nesting depth is capped, and alias
//! expansion is budgeted, so hostile input fails cleanly instead of exhausting the stack or
//! memory.

use super::scalar::{resolve_plain, Resolved, Schema};
use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use thiserror::Error;

/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 1000;
/// Most nodes that alias expansion may add to one stream (guards against "billion laughs").
pub const MAX_ALIAS_NODES: usize = 1_000_000;

#[derive(Debug, Error, PartialEq)]
#[error("line {line}, column {column}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One document of a stream, with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub value: Value,
    pub line: usize,
    /// JSON pointers to the mapping values written with nothing after the key (`key:`),
    /// which read as null: kyaml's strategic merge drops those, and keeps a written `null`.
    pub empty_nulls: Vec<String>,
}

/// How a stream is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Which go-yaml resolves plain scalars: v3 for resources (kyaml), v2 for kustomization
    /// files (sigs.k8s.io/yaml).
    pub schema: Schema,
    /// Whether a repeated mapping key is an error (v3) or the last one wins (kustomization
    /// files, decoded through JSON).
    pub last_duplicate_wins: bool,
    /// Whether a string read from a folded block scalar is taken as kustomize outputs it,
    /// after kyaml wrote it back as YAML (see `folded`).
    pub folded_as_kustomize_outputs: bool,
    /// Whether a resource's annotation that is not a string (`a:`, `~`, `0x10`) is read as
    /// its text, as kustomize outputs annotations (it writes them back from their texts).
    /// Not for patches, where a null annotation deletes one.
    pub annotation_texts: bool,
    /// Whether a boolean or number mapping key becomes its text (`on` → `"true"`, `0x10` →
    /// `"16"`), as sigs.k8s.io/yaml's `YAMLToJSON` does; otherwise such a key is an error.
    pub keys_as_text: bool,
}

impl ReadOptions {
    /// Kubernetes resources, as kustomize's resource reader sees them.
    pub const RESOURCES: ReadOptions = ReadOptions {
        schema: Schema::V3,
        last_duplicate_wins: false,
        folded_as_kustomize_outputs: true,
        annotation_texts: true,
        keys_as_text: false,
    };
    /// Patches to resources: read as resources, but a null is a null.
    pub const PATCHES: ReadOptions = ReadOptions {
        annotation_texts: false,
        ..ReadOptions::RESOURCES
    };
    /// Kustomization files and other kustomize configuration.
    pub const CONFIG: ReadOptions = ReadOptions {
        schema: Schema::V2,
        last_duplicate_wins: true,
        folded_as_kustomize_outputs: false,
        annotation_texts: false,
        keys_as_text: false,
    };
    /// YAML that kustomize turns into JSON text before reading it (JSON 6902 patches).
    pub const JSON_CONVERTED: ReadOptions = ReadOptions {
        keys_as_text: true,
        ..ReadOptions::CONFIG
    };
}

/// Parses every document in `text` as a Kubernetes resource stream. Empty and comment-only
/// documents are skipped.
pub fn parse_documents(text: &str) -> Result<Vec<Document>, ParseError> {
    parse_documents_with(text, ReadOptions::RESOURCES)
}

/// Streams larger than this are split at document markers and parsed in parallel.
const PARALLEL_THRESHOLD: usize = 1 << 17;

/// Parses every document in `text` with the given options.
pub fn parse_documents_with(text: &str, options: ReadOptions) -> Result<Vec<Document>, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let threads = crate::available_threads();
    if text.len() < PARALLEL_THRESHOLD || threads < 2 || text.starts_with('%') {
        return parse_part(text, options);
    }
    let parts = split_at_documents(text, threads);
    let results: Vec<Result<Vec<Document>, ParseError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter()
            .map(|(part, _)| scope.spawn(move || parse_part(part, options)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(ParseError {
                        line: 0,
                        column: 0,
                        message: "parser thread failed".into(),
                    })
                })
            })
            .collect()
    });
    let mut docs = Vec::new();
    for (result, (_, first_line)) in results.into_iter().zip(&parts) {
        let offset = first_line - 1;
        match result {
            Ok(part_docs) => docs.extend(part_docs.into_iter().map(|mut d| {
                d.line += offset;
                d
            })),
            Err(mut e) => {
                e.line += offset;
                return Err(e);
            }
        }
    }
    Ok(docs)
}

/// Splits a stream into about `n` parts, each starting at a `---` document marker (a marker
/// at the start of a line always begins a new document, even inside a block scalar). Each part
/// comes with the line it starts on.
fn split_at_documents(text: &str, n: usize) -> Vec<(&str, usize)> {
    let target = text.len() / n;
    let mut parts = Vec::new();
    let mut start = 0;
    let mut start_line = 1;
    let mut pos = 0;
    for (line, l) in (1..).zip(text.split_inclusive('\n')) {
        let is_marker = l.starts_with("---")
            && matches!(
                l.as_bytes().get(3),
                None | Some(b' ' | b'\t' | b'\n' | b'\r')
            );
        if is_marker && pos - start >= target && parts.len() + 1 < n {
            parts.push((&text[start..pos], start_line));
            start = pos;
            start_line = line;
        }
        pos += l.len();
    }
    parts.push((&text[start..], start_line));
    parts
}

fn parse_part(text: &str, options: ReadOptions) -> Result<Vec<Document>, ParseError> {
    if let Some(pos) = text.find('\0') {
        let (line, column) = line_col(text, pos);
        return Err(ParseError {
            line,
            column,
            message: "NUL byte in input".into(),
        });
    }
    let mut b = Builder {
        text,
        options: Some(options),
        ..Builder::default()
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| ParseError {
            line: e.marker().line(),
            column: e.marker().col() + 1,
            message: match e.info() {
                // saphyr caps flow-collection nesting itself.
                "recursion limit exceeded" => "nesting too deep".to_string(),
                info => info.to_string(),
            },
        })?;
        b.event(event, span)?;
    }
    Ok(b.documents)
}

fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

enum Frame {
    Seq {
        items: Vec<Value>,
        anchor: usize,
        flow: bool,
    },
    Map {
        map: Map<String, Value>,
        key: Option<Key>,
        merges: Vec<Map<String, Value>>,
        anchor: usize,
        flow: bool,
    },
}

impl Frame {
    fn is_flow(&self) -> bool {
        match self {
            Frame::Seq { flow, .. } | Frame::Map { flow, .. } => *flow,
        }
    }
}

enum Key {
    Name(String),
    Merge,
}

#[derive(Default)]
struct Builder<'t> {
    text: &'t str,
    options: Option<ReadOptions>,
    /// A (character index, byte index) pair that only moves forward, to find the character
    /// at an event's position without rescanning the text.
    cursor: (usize, usize),
    documents: Vec<Document>,
    stack: Vec<Frame>,
    /// Anchored values with their node counts.
    anchors: HashMap<usize, (Value, usize)>,
    /// Nodes in the value being built, per open frame (for anchor bookkeeping).
    counts: Vec<usize>,
    alias_nodes: usize,
    doc_line: usize,
    root: Option<Value>,
    /// The text's length in characters, once needed.
    text_chars: Option<usize>,
    /// The current document's empty mapping values (see [`Document::empty_nulls`]).
    empty_nulls: Vec<String>,
}

fn err(span: &Span, message: impl Into<String>) -> ParseError {
    ParseError {
        line: span.start.line(),
        column: span.start.col() + 1,
        message: message.into(),
    }
}

impl Builder<'_> {
    fn char_at(&mut self, char_index: usize) -> Option<char> {
        if char_index < self.cursor.0 {
            self.cursor = (0, 0);
        }
        let (mut ci, mut bi) = self.cursor;
        let mut chars = self.text[bi..].chars();
        while ci < char_index {
            bi += chars.next()?.len_utf8();
            ci += 1;
        }
        self.cursor = (ci, bi);
        self.text[bi..].chars().next()
    }

    /// A collection starting at `span` is in flow style (`{…}` or `[…]`).
    fn starts_flow(&mut self, span: &Span) -> bool {
        matches!(self.char_at(span.start.index()), Some('{' | '['))
    }

    /// A block scalar's last content line is the text's last line, which has no line break.
    fn block_scalar_ends_text(&mut self, span: &Span) -> bool {
        if self.text.ends_with(['\n', '\r']) {
            return false;
        }
        let last_line = self.text.rsplit(['\n', '\r']).next().unwrap_or("");
        if last_line.trim().is_empty() {
            return false;
        }
        let chars = *self
            .text_chars
            .get_or_insert_with(|| self.text.chars().count());
        span.end.index() >= chars
    }

    /// The JSON pointer of the next value when it is a mapping value (not a key).
    fn value_pointer(&self) -> Option<String> {
        let mut pointer = String::new();
        for frame in &self.stack {
            pointer.push('/');
            match frame {
                Frame::Map {
                    key: Some(Key::Name(k)),
                    ..
                } => pointer.push_str(&k.replace('~', "~0").replace('/', "~1")),
                Frame::Seq { items, .. } => pointer.push_str(&items.len().to_string()),
                Frame::Map { .. } => return None,
            }
        }
        matches!(self.stack.last(), Some(Frame::Map { .. })).then_some(pointer)
    }

    /// The next value goes into a document's `metadata.annotations`.
    fn at_annotation_value(&self) -> bool {
        let key_is = |frame: &Frame, name: &str| matches!(frame, Frame::Map { key: Some(Key::Name(k)), .. } if k == name);
        match self.stack.as_slice() {
            [root, meta, Frame::Map {
                key: Some(Key::Name(_)),
                ..
            }] => key_is(root, "metadata") && key_is(meta, "annotations"),
            _ => false,
        }
    }

    fn schema(&self) -> Schema {
        self.options.map_or(Schema::V3, |o| o.schema)
    }

    fn in_flow(&self) -> bool {
        self.stack.last().is_some_and(Frame::is_flow)
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), ParseError> {
        let starts_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        if starts_node && self.stack.is_empty() && self.root.is_none() {
            self.doc_line = span.start.line();
        }
        match event {
            Event::DocumentStart(_) => {
                self.root = None;
                self.anchors.clear();
                self.empty_nulls.clear();
            }
            Event::DocumentEnd => {
                if let Some(value) = self.root.take() {
                    if !value.is_null() {
                        self.documents.push(Document {
                            value,
                            line: self.doc_line,
                            empty_nulls: std::mem::take(&mut self.empty_nulls),
                        });
                    }
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                // go-yaml v3 leaves a plain scalar containing ':' inside a flow collection a
                // string (so `{t: 2001-12-14 10:00:00}` is not a timestamp).
                let style = if style == ScalarStyle::Plain && self.in_flow() && text.contains(':') {
                    ScalarStyle::SingleQuoted
                } else {
                    style
                };
                let mut value = scalar_value(&text, style, tag.as_deref(), &span, self.schema())?;
                if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded)
                    && self.block_scalar_ends_text(&span)
                {
                    // go-yaml keeps or clips only line breaks that are there: a block scalar
                    // whose last line ends the text without a line break has none at the end.
                    if let Value::String(s) = &mut value {
                        if s.ends_with('\n') {
                            s.pop();
                        }
                    }
                }
                if style == ScalarStyle::Folded
                    && self.options.is_some_and(|o| o.folded_as_kustomize_outputs)
                {
                    if let Value::String(s) = &mut value {
                        *s = super::folded::as_kustomize_outputs(s);
                    }
                }
                if style == ScalarStyle::Plain && text.is_empty() && value.is_null() {
                    if let Some(pointer) = self.value_pointer() {
                        self.empty_nulls.push(pointer);
                    }
                }
                if !value.is_string()
                    && self.options.is_some_and(|o| o.annotation_texts)
                    && self.at_annotation_value()
                {
                    value = Value::String(text.to_string());
                }
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), 1));
                }
                self.add_node(1);
                self.insert(value, &span, style == ScalarStyle::Plain && text == "<<")?;
            }
            Event::Alias(id) => {
                let (value, nodes) = self
                    .anchors
                    .get(&id)
                    .ok_or_else(|| err(&span, "alias refers to an unknown anchor"))?;
                self.alias_nodes += nodes;
                if self.alias_nodes > MAX_ALIAS_NODES {
                    return Err(err(
                        &span,
                        format!("aliases expand to more than {MAX_ALIAS_NODES} nodes"),
                    ));
                }
                let (value, nodes) = (value.clone(), *nodes);
                self.add_node(nodes);
                self.insert(value, &span, false)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open(&span)?;
                let flow = self.starts_flow(&span);
                self.stack.push(Frame::Seq {
                    items: Vec::new(),
                    anchor,
                    flow,
                });
            }
            Event::MappingStart(anchor, _) => {
                self.open(&span)?;
                let flow = self.starts_flow(&span);
                self.stack.push(Frame::Map {
                    map: Map::new(),
                    key: None,
                    merges: Vec::new(),
                    anchor,
                    flow,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let nodes = self.counts.pop().unwrap_or(1);
                let (value, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { items, anchor, .. }) => (Value::Array(items), anchor),
                    Some(Frame::Map {
                        mut map,
                        merges,
                        anchor,
                        ..
                    }) => {
                        for merged in merges {
                            for (k, v) in merged {
                                map.entry(k).or_insert(v);
                            }
                        }
                        (Value::Object(map), anchor)
                    }
                    None => return Err(err(&span, "unbalanced collection end")),
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), nodes));
                }
                self.add_node(nodes);
                self.insert(value, &span, false)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn open(&mut self, span: &Span) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(err(
                span,
                format!("nesting too deep (more than {MAX_DEPTH} levels)"),
            ));
        }
        self.counts.push(1);
        Ok(())
    }

    fn add_node(&mut self, nodes: usize) {
        if let Some(c) = self.counts.last_mut() {
            *c += nodes;
        }
    }

    /// Places a finished value into the collection being built (or as the document root).
    fn insert(&mut self, value: Value, span: &Span, merge_key: bool) -> Result<(), ParseError> {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map {
                map, key, merges, ..
            }) => match key.take() {
                None => {
                    *key = Some(if merge_key {
                        Key::Merge
                    } else {
                        let keys_as_text = self.options.is_some_and(|o| o.keys_as_text);
                        match value {
                            Value::String(s) => Key::Name(s),
                            other if keys_as_text && key_text(&other).is_some() => {
                                Key::Name(key_text(&other).unwrap_or_default())
                            }
                            other => {
                                return Err(err(
                                    span,
                                    format!(
                                        "mapping key {} is not a string (quote it)",
                                        short(&other)
                                    ),
                                ))
                            }
                        }
                    });
                }
                Some(Key::Name(name)) => {
                    let last_wins = self.options.is_some_and(|o| o.last_duplicate_wins);
                    if last_wins {
                        map.shift_remove(&name);
                        map.insert(name, value);
                    } else {
                        match map.entry(name) {
                            serde_json::map::Entry::Vacant(slot) => {
                                slot.insert(value);
                            }
                            serde_json::map::Entry::Occupied(slot) => {
                                return Err(err(
                                    span,
                                    format!("mapping key {:?} already defined", slot.key()),
                                ))
                            }
                        }
                    }
                }
                Some(Key::Merge) => match value {
                    Value::Object(m) => merges.push(m),
                    Value::Array(list) => {
                        for item in list {
                            match item {
                                Value::Object(m) => merges.push(m),
                                _ => {
                                    return Err(err(
                                        span,
                                        "merge key << needs a mapping or a list of mappings",
                                    ))
                                }
                            }
                        }
                    }
                    _ => {
                        return Err(err(
                            span,
                            "merge key << needs a mapping or a list of mappings",
                        ))
                    }
                },
            },
        }
        Ok(())
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

const CORE: &str = "tag:yaml.org,2002:";

fn scalar_value(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: &Span,
    schema: Schema,
) -> Result<Value, ParseError> {
    let core = tag.filter(|t| t.handle == CORE).map(|t| t.suffix.as_str());
    let resolved = match (core, tag) {
        (None, Some(_)) | (Some("str" | "binary"), _) => Resolved::Str,
        (None, None) if style != ScalarStyle::Plain => Resolved::Str,
        (None, None) => resolve_plain(text, schema),
        (Some(kind), _) => {
            let r = resolve_plain(text, schema);
            let fits = matches!(
                (kind, &r),
                ("int", Resolved::Int(_) | Resolved::Uint(_))
                    | (
                        "float",
                        Resolved::Float(_) | Resolved::Int(_) | Resolved::Uint(_)
                    )
                    | ("bool", Resolved::Bool(_))
                    | ("null", Resolved::Null)
                    | ("timestamp", Resolved::Timestamp(_))
            );
            if !fits {
                return Err(err(span, format!("cannot read {text:?} as !!{kind}")));
            }
            match (kind, r) {
                ("float", Resolved::Int(i)) => Resolved::Float(i as f64),
                ("float", Resolved::Uint(u)) => Resolved::Float(u as f64),
                (_, r) => r,
            }
        }
    };
    Ok(match resolved {
        Resolved::Null => Value::Null,
        Resolved::Bool(b) => Value::Bool(b),
        Resolved::Int(i) => Value::Number(i.into()),
        Resolved::Uint(u) => Value::Number(u.into()),
        Resolved::Float(f) => Value::Number(Number::from_f64(f).ok_or_else(|| {
            err(
                span,
                format!("{text} is not a finite number; JSON and Kubernetes cannot hold it"),
            )
        })?),
        // go-yaml v2 decodes timestamps into interface{} as their original text.
        Resolved::Timestamp(_) if schema == Schema::V2 => Value::String(text.to_string()),
        Resolved::Timestamp(t) => Value::String(t),
        Resolved::Merge | Resolved::Str => Value::String(text.to_string()),
    })
}

/// The text sigs.k8s.io/yaml gives a mapping key that is not a string: a boolean's word, an
/// int's decimal digits, a float as Go's `FormatFloat(f, 'g', -1, 32)`. Other keys (null, a
/// uint64 beyond int64, a collection) it rejects.
fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) if n.is_i64() => n.as_i64().map(|i| i.to_string()),
        Value::Number(n) if n.is_f64() => n.as_f64().map(super::go_format_g32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(s: &str) -> Value {
        let docs = parse_documents(s).unwrap();
        assert_eq!(docs.len(), 1);
        docs.into_iter().next().unwrap().value
    }

    #[test]
    fn resolves_like_go_yaml_v3() {
        let v = one(
            "a: yes\nb: 0755\nc: '0755'\nd: 2001-12-14\ne: ~\nf: 1.5\ng: !!str 12\nh: !!float 1\n",
        );
        assert_eq!(
            v,
            json!({"a": "yes", "b": 493, "c": "0755", "d": "2001-12-14T00:00:00Z", "e": null,
                   "f": 1.5, "g": "12", "h": 1.0})
        );
    }

    #[test]
    fn keys_become_text_as_sigs_k8s_io_yaml_writes_them() {
        let read = |text| {
            parse_documents_with(text, ReadOptions::JSON_CONVERTED).map(|d| d[0].value.clone())
        };
        assert_eq!(
            read(
                "on: 1
0x10: 2
1.5: 3
1234567.0: 4
x: 5
"
            )
            .unwrap(),
            json!({"true": 1, "16": 2, "1.5": 3, "1.234567e+06": 4, "x": 5})
        );
        assert!(read(
            "~: 1
"
        )
        .is_err());
        assert!(read(
            "18446744073709551615: 1
"
        )
        .is_err());
        assert!(parse_documents_with(
            "on: 1
",
            ReadOptions::CONFIG
        )
        .is_err());
    }

    #[test]
    fn block_scalar_at_end_of_text_without_line_break() {
        assert_eq!(one("a: |\n  x\n  y"), json!({"a": "x\ny"}));
        assert_eq!(one("a: >+\n  x"), json!({"a": "x"}));
        assert_eq!(one("a: |\n  x\n"), json!({"a": "x\n"}));
        assert_eq!(one("a: |\n  x\n# c"), json!({"a": "x\n"}));
        assert_eq!(one("a: |\n  x\nb: 1"), json!({"a": "x\n", "b": 1}));
    }

    #[test]
    fn skips_empty_documents_and_keeps_order() {
        let docs = parse_documents("---\n# c\n---\nz: 1\na: 2\n---\n").unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].line, 4);
        let keys: Vec<_> = docs[0].value.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, vec!["z", "a"]);
    }

    #[test]
    fn anchors_and_merge_keys() {
        let v = one("b: &b {x: 1}\nm:\n  <<: *b\n  x: 2\n  y: 3\n");
        assert_eq!(v, json!({"b": {"x": 1}, "m": {"x": 2, "y": 3}}));
    }

    #[test]
    fn hostile_input_fails_cleanly() {
        let dup = parse_documents("a: 1\na: 2\n").unwrap_err();
        assert_eq!(dup.line, 2);
        assert!(dup.message.contains("already defined"));
        assert!(parse_documents("1: a\n")
            .unwrap_err()
            .message
            .contains("not a string"));
        assert!(parse_documents("a: .inf\n").is_err());
        assert!(parse_documents("a: \"x\0\"")
            .unwrap_err()
            .message
            .contains("NUL"));
        let deep_flow = "[".repeat(MAX_DEPTH + 10) + &"]".repeat(MAX_DEPTH + 10);
        assert!(parse_documents(&deep_flow)
            .unwrap_err()
            .message
            .contains("nesting too deep"));
        let deep_block: String = (0..MAX_DEPTH + 10)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        assert!(parse_documents(&deep_block)
            .unwrap_err()
            .message
            .contains("nesting too deep"));
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i", "j"].iter())
        {
            bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse_documents(&bomb)
            .unwrap_err()
            .message
            .contains("aliases"));
    }

    #[test]
    fn large_streams_parse_in_parts_with_correct_lines() {
        let doc = "a: 1\nb: |\n  text\n  more\n";
        let text: String = (0..8_000).map(|i| format!("---\nn: {i}\n{doc}")).collect();
        assert!(text.len() > PARALLEL_THRESHOLD);
        let docs = parse_documents(&text).unwrap();
        assert_eq!(docs.len(), 8_000);
        assert_eq!(docs[7_999].line, 7_999 * 6 + 2);
        assert_eq!(docs[7_999].value["n"], 7_999);
        let broken = format!("{text}---\nx: [\n");
        assert_eq!(parse_documents(&broken).unwrap_err().line, 8_000 * 6 + 3);
    }

    #[test]
    fn hundred_levels_is_fine() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(parse_documents(&deep).is_ok());
        let block: String = (0..100).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(parse_documents(&block).is_ok());
    }
}
