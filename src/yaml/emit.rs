//! A YAML writer whose output is byte-identical to `kubectl kustomize`.
//!
//! kustomize prints each object by encoding it to JSON and converting the JSON to YAML with
//! go-yaml v2 (sigs.k8s.io/yaml). This module reproduces that pipeline's observable effects:
//! v2's key order, its choice of scalar style (plain, single-quoted, double-quoted, literal),
//! line folding at column 80, indentation (sequences at their parent key's indent), and the
//! two quirks of the JSON round trip (float formatting, and a raw U+0085 folding to a space).

use super::keyorder::compare_keys;
use super::number::kustomize_number;
use super::scalar::v2_needs_quotes;
use serde_json::Value;
use thiserror::Error;

const BEST_WIDTH: usize = 80;
const BEST_INDENT: i32 = 2;
/// go-yaml writes keys longer than this (in bytes) as explicit `? key` entries.
const MAX_SIMPLE_KEY_LEN: usize = 128;

#[derive(Debug, Error, PartialEq)]
pub enum EmitError {
    #[error("field {path}: control character U+{code:04X} cannot be written to YAML")]
    ControlCharacter { path: String, code: u32 },
    #[error("field {path}: a key containing U+0085 (next line) cannot be written to YAML")]
    NextLineInKey { path: String },
}

/// Writes one document (no `---` marker), ending with a newline.
pub fn to_yaml(value: &Value) -> Result<String, EmitError> {
    let mut e = Emitter {
        out: String::new(),
        column: 0,
        whitespace: true,
        indention: true,
        path: Vec::new(),
    };
    e.node(value, -1, false)?;
    e.write_indent(0);
    Ok(e.out)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Emitter {
    out: String,
    /// Characters (not bytes) written on the current line.
    column: usize,
    /// The last thing written was white space (or nothing).
    whitespace: bool,
    /// Only indentation has been written on the current line so far.
    indention: bool,
    /// The field path being written, for error messages.
    path: Vec<String>,
}

/// What go-yaml's `yaml_emitter_analyze_scalar` learns about a string.
pub(super) struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    pub(super) block_allowed: bool,
}

pub(super) fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

pub(super) fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        && c != '\u{FEFF}'
}

/// Characters go-yaml's reader rejects ("control characters are not allowed"). encoding/json
/// leaves them unescaped, so kustomize fails on them when converting its JSON to YAML.
fn is_rejected_by_reader(c: char) -> bool {
    !(matches!(
        c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{85}' | '\u{A0}'..='\u{D7FF}'
            | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}'
    ) || (c as u32) < 0x20)
}

pub(super) fn analyze(value: &[char]) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = false;
    let mut line_breaks = false;
    let mut special_characters = false;
    let (mut leading_space, mut leading_break) = (false, false);
    let (mut trailing_space, mut trailing_break) = (false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);

    let starts_with = |p: &str| value.len() >= 3 && value[..3].iter().copied().eq(p.chars());
    if starts_with("---") || starts_with("...") {
        block_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let n = value.len();
    for (i, &c) in value.iter().enumerate() {
        let followed_by_whitespace = i + 1 >= n || is_blank(value[i + 1]);
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special_characters = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank(c) || is_break(c) || c == '\0';
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// A raw U+0085 in the JSON kustomize produces is a line break to go-yaml v2's reader: inside
/// the double-quoted string it folds, with the spaces around it, into one space (or into n-1
/// newlines for n breaks).
fn fold_next_lines(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\u{85}') {
        return s.into();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' || chars[i] == '\u{85}' {
            let start = i;
            while i < chars.len() && (chars[i] == ' ' || chars[i] == '\u{85}') {
                i += 1;
            }
            let breaks = chars[start..i].iter().filter(|&&c| c == '\u{85}').count();
            match breaks {
                0 => out.extend(&chars[start..i]),
                1 => out.push(' '),
                k => out.extend(std::iter::repeat_n('\n', k - 1)),
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out.into()
}

impl Emitter {
    fn path_string(&self) -> String {
        if self.path.is_empty() {
            ".".into()
        } else {
            self.path.join(".")
        }
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
        self.indention = true;
    }

    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
            self.indention = true;
        }
    }

    fn write_indent(&mut self, indent: i32) {
        let indent = indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(&mut self, text: &str, need_ws: bool, is_ws: bool, is_indention: bool) {
        if need_ws && !self.whitespace {
            self.put(' ');
        }
        for c in text.chars() {
            self.put(c);
        }
        self.whitespace = is_ws;
        self.indention = self.indention && is_indention;
    }

    /// go-yaml's `yaml_emitter_increase_indent`.
    fn increase_indent(parent: i32, flow: bool, indentless: bool) -> i32 {
        if parent < 0 {
            if flow {
                BEST_INDENT
            } else {
                0
            }
        } else if indentless {
            parent
        } else {
            parent + BEST_INDENT
        }
    }

    fn node(&mut self, value: &Value, parent: i32, mapping_ctx: bool) -> Result<(), EmitError> {
        match value {
            Value::Object(m) if m.is_empty() => self.empty_flow("{}"),
            Value::Array(a) if a.is_empty() => self.empty_flow("[]"),
            Value::Object(m) => {
                let indent = Self::increase_indent(parent, false, false);
                let mut entries: Vec<(&String, &Value)> = m.iter().collect();
                entries.sort_by(|a, b| compare_keys(a.0, b.0));
                for (key, val) in entries {
                    self.path.push(key.clone());
                    self.mapping_entry(key, val, indent)?;
                    self.path.pop();
                }
            }
            Value::Array(items) => {
                let indentless = mapping_ctx && !self.indention;
                let indent = Self::increase_indent(parent, false, indentless);
                for (i, item) in items.iter().enumerate() {
                    self.path.push(i.to_string());
                    self.write_indent(indent);
                    self.write_indicator("-", true, false, true);
                    self.node(item, indent, false)?;
                    self.path.pop();
                }
            }
            Value::String(s) => self.string(s, parent, false)?,
            Value::Number(n) => self.plain_token(&kustomize_number(n), parent),
            Value::Bool(b) => self.plain_token(if *b { "true" } else { "false" }, parent),
            Value::Null => self.plain_token("null", parent),
        }
        Ok(())
    }

    fn empty_flow(&mut self, text: &str) {
        let (open, close) = text.split_at(1);
        self.write_indicator(open, true, true, false);
        self.write_indicator(close, false, false, false);
    }

    fn mapping_entry(&mut self, key: &str, val: &Value, indent: i32) -> Result<(), EmitError> {
        // In kustomize's JSON-to-YAML step a raw U+0085 is a line break, and a key cannot
        // span lines there.
        if key.contains('\u{85}') {
            return Err(EmitError::NextLineInKey {
                path: self.path_string(),
            });
        }
        self.write_indent(indent);
        let key = fold_next_lines(key);
        let chars: Vec<char> = key.chars().collect();
        let analysis = analyze(&chars);
        let simple = !analysis.multiline && key.len() <= MAX_SIMPLE_KEY_LEN;
        if simple {
            self.scalar(&chars, &analysis, request_for(&key), indent, true)?;
            self.write_indicator(":", false, false, false);
        } else {
            self.write_indicator("?", true, false, true);
            self.scalar(&chars, &analysis, request_for(&key), indent, false)?;
            self.write_indent(indent);
            self.write_indicator(":", true, false, true);
        }
        self.node(val, indent, true)
    }

    fn string(&mut self, s: &str, parent: i32, simple_key: bool) -> Result<(), EmitError> {
        let s = fold_next_lines(s);
        let chars: Vec<char> = s.chars().collect();
        let analysis = analyze(&chars);
        self.scalar(&chars, &analysis, request_for(&s), parent, simple_key)
    }

    /// Numbers, booleans and null: always plain, never folded.
    fn plain_token(&mut self, text: &str, parent: i32) {
        let chars: Vec<char> = text.chars().collect();
        let indent = Self::increase_indent(parent, true, false);
        self.write_plain(&chars, true, indent);
    }

    fn scalar(
        &mut self,
        value: &[char],
        analysis: &Analysis,
        requested: Style,
        parent: i32,
        simple_key: bool,
    ) -> Result<(), EmitError> {
        if let Some(&c) = value.iter().find(|&&c| is_rejected_by_reader(c)) {
            return Err(EmitError::ControlCharacter {
                path: self.path_string(),
                code: c as u32,
            });
        }
        let mut style = requested;
        if simple_key && analysis.multiline {
            style = Style::Double;
        }
        if style == Style::Plain {
            if !analysis.block_plain_allowed {
                style = Style::Single;
            }
            if value.is_empty() && simple_key {
                style = Style::Single;
            }
        }
        if style == Style::Single && !analysis.single_quoted_allowed {
            style = Style::Double;
        }
        if style == Style::Literal && (!analysis.block_allowed || simple_key) {
            style = Style::Double;
        }
        let indent = Self::increase_indent(parent, true, false);
        let allow_breaks = !simple_key;
        match style {
            Style::Plain => self.write_plain(value, allow_breaks, indent),
            Style::Single => self.write_single(value, allow_breaks, indent),
            Style::Double => self.write_double(value, allow_breaks, indent),
            Style::Literal => self.write_literal(value, indent),
        }
        Ok(())
    }

    fn write_plain(&mut self, value: &[char], allow_breaks: bool, indent: i32) {
        if !value.is_empty() && !self.whitespace {
            self.put(' ');
        }
        let mut spaces = false;
        let mut breaks = false;
        let mut i = 0;
        while i < value.len() {
            let c = value[i];
            if c == ' ' {
                let next_is_space = value.get(i + 1) == Some(&' ');
                if allow_breaks && !spaces && self.column > BEST_WIDTH && !next_is_space {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
            i += 1;
        }
        if !value.is_empty() {
            self.whitespace = false;
        }
        self.indention = false;
    }

    fn write_single(&mut self, value: &[char], allow_breaks: bool, indent: i32) {
        self.write_indicator("'", true, false, false);
        let mut spaces = false;
        let mut breaks = false;
        let n = value.len();
        for i in 0..n {
            let c = value[i];
            if c == ' ' {
                let next_is_space = value.get(i + 1) == Some(&' ');
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i < n - 1
                    && !next_is_space
                {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double(&mut self, value: &[char], allow_breaks: bool, indent: i32) {
        self.write_indicator("\"", true, false, false);
        let mut spaces = false;
        let n = value.len();
        // go-yaml's `is_bom` looks at the start of the string whatever the position, so a
        // string that starts with U+FEFF has every character escaped.
        let escape_all = value.first() == Some(&'\u{FEFF}');
        for i in 0..n {
            let c = value[i];
            if escape_all || !is_printable(c) || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let code = c as u32;
                let short = match c {
                    '\0' => Some('0'),
                    '\u{7}' => Some('a'),
                    '\u{8}' => Some('b'),
                    '\t' => Some('t'),
                    '\n' => Some('n'),
                    '\u{b}' => Some('v'),
                    '\u{c}' => Some('f'),
                    '\r' => Some('r'),
                    '\u{1b}' => Some('e'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '\u{85}' => Some('N'),
                    '\u{A0}' => Some('_'),
                    '\u{2028}' => Some('L'),
                    '\u{2029}' => Some('P'),
                    _ => None,
                };
                match short {
                    Some(s) => self.put(s),
                    None => {
                        let (letter, width) = if code <= 0xFF {
                            ('x', 2)
                        } else if code <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(letter);
                        for ch in format!("{code:0width$X}").chars() {
                            self.put(ch);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i < n - 1 {
                    self.write_indent(indent);
                    if value.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &[char], indent: i32) {
        self.write_indicator("|", true, false, false);
        if value.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.write_indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        if let Some(hint) = chomping_hint(value) {
            self.write_indicator(hint, false, false, false);
        }
        // go-yaml v2 breaks the line right after the header, so a leading newline in the
        // value shows as an empty first line.
        self.put_break();
        self.whitespace = true;
        let mut breaks = true;
        for &c in value {
            if is_break(c) {
                self.write_break(c);
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

/// `-` strips a missing final newline, none keeps exactly one, `+` keeps several.
pub(super) fn chomping_hint(value: &[char]) -> Option<&'static str> {
    match value {
        [] => Some("-"),
        [.., last] if !is_break(*last) => Some("-"),
        [_] => Some("+"),
        [.., before, _] if is_break(*before) => Some("+"),
        _ => None,
    }
}

/// The style go-yaml v2's encoder asks for: literal for multi-line text, plain when the text
/// reads back as the same string, double quotes otherwise.
fn request_for(s: &str) -> Style {
    if s.contains('\n') {
        Style::Literal
    } else if v2_needs_quotes(s) {
        Style::Double
    } else {
        Style::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn layout_matches_go_yaml_v2() {
        let v = json!({"kind": "K", "list": ["a", ["b", "c"], {"k": "v", "k2": "v2"}, {}, []],
                       "m": {"ml": "line1\nline2\n", "e": ""}});
        let expected = "kind: K\nlist:\n- a\n- - b\n  - c\n- k: v\n  k2: v2\n- {}\n- []\nm:\n  e: \"\"\n  ml: |\n    line1\n    line2\n";
        assert_eq!(to_yaml(&v).unwrap(), expected);
    }

    #[test]
    fn quoting_rules() {
        let v =
            json!({"a": "yes", "b": "a: b", "c": "x\u{1F600}", "d": "a\tb", "n": 1, "e": "it's"});
        let expected =
            "a: \"yes\"\nb: 'a: b'\nc: \"x\\U0001F600\"\nd: \"a\\tb\"\ne: it's\n\"n\": 1\n";
        assert_eq!(to_yaml(&v).unwrap(), expected);
    }

    #[test]
    fn next_line_folds_to_space() {
        assert_eq!(fold_next_lines("a\u{85}b"), "a b");
        assert_eq!(fold_next_lines("a \u{85}\u{85} b"), "a\nb");
    }

    #[test]
    fn control_characters_are_an_error() {
        assert!(matches!(
            to_yaml(&json!({"s": "a\u{7f}"})),
            Err(EmitError::ControlCharacter { .. })
        ));
    }
}
