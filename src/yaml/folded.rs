//! A folded block scalar (`>`) in a resource as kustomize outputs it.
//!
//! kustomize turns each resource into JSON by writing its YAML node tree back as text and
//! reading that text again (kyaml's `RNode.MarshalJSON`). A string read from a folded block
//! keeps the folded style, so go-yaml v3 writes it folded, and its folded writer decides
//! whether a line break needs an extra empty line by looking at the first character of the
//! whole string instead of the next line. Before a more-indented line that extra line is
//! wrong: read back, `x\n  y` becomes `x\n\n  y`. [`as_kustomize_outputs`] writes the string
//! as go-yaml does and reads it back.

use super::emit::{analyze, chomping_hint, is_blank, is_break};
use super::read::parse_documents_with;
use super::ReadOptions;
use serde_json::Value;

/// The indentation the written block gets (go-yaml's default).
const INDENT: usize = 2;

/// The string a folded block scalar holding `value` comes out as from kustomize.
pub fn as_kustomize_outputs(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    // go-yaml writes a folded scalar in double quotes where a block cannot hold it, and
    // handles only `\n` breaks the way emulated here.
    if !analyze(&chars).block_allowed || chars.iter().any(|c| is_break(*c) && *c != '\n') {
        return value.to_string();
    }
    let text = write_folded(&chars);
    match parse_documents_with(&text, ReadOptions::CONFIG) {
        Ok(docs) => match docs.first().and_then(|d| d.value.get("k")) {
            Some(Value::String(s)) => s.clone(),
            _ => value.to_string(),
        },
        Err(_) => value.to_string(),
    }
}

/// `k: >…` as go-yaml v3's `yaml_emitter_write_folded_scalar` writes it (v3 does not
/// break long lines).
fn write_folded(value: &[char]) -> String {
    let mut out = String::from("k: >");
    if value.first().is_some_and(|c| *c == ' ' || is_break(*c)) {
        out.push_str(&INDENT.to_string());
    }
    if let Some(hint) = chomping_hint(value) {
        out.push_str(hint);
    }
    // The character go-yaml looks at for every line break (it means to look at the next
    // line): the first that is not a break.
    let first = value.iter().find(|c| !is_break(**c));
    let extra_breaks = first.is_some_and(|c| !is_blank(*c));
    // The header line ends here (go-yaml's line-comment step puts the break).
    out.push('\n');
    let mut at_line_start = true;
    let mut breaks = true;
    let mut leading_spaces = true;
    let mut i = 0;
    while i < value.len() {
        let c = value[i];
        if is_break(c) {
            if !breaks && !leading_spaces && extra_breaks {
                out.push('\n');
            }
            out.push('\n');
            at_line_start = true;
            breaks = true;
            i += 1;
            continue;
        }
        if breaks {
            if !at_line_start {
                out.push('\n');
            }
            out.push_str(&" ".repeat(INDENT));
            at_line_start = false;
            leading_spaces = is_blank(c);
        }
        out.push(c);
        breaks = false;
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each expectation is what `kubectl kustomize` (v5.5.0) printed for a ConfigMap value
    /// written as a folded block holding the spec's reading of the input.
    #[test]
    fn a_more_indented_line_after_a_text_line_gains_an_empty_line() {
        assert_eq!(as_kustomize_outputs("x y\n  z\nw\n"), "x y\n\n  z\nw\n");
        assert_eq!(as_kustomize_outputs("x\n\n  z\nw\n"), "x\n\n\n  z\nw\n");
        assert_eq!(
            as_kustomize_outputs("x\n  z\n  q\nw\n"),
            "x\n\n  z\n  q\nw\n"
        );
        assert_eq!(as_kustomize_outputs("x\n  z\n"), "x\n\n  z\n");
    }

    #[test]
    fn text_lines_and_strings_a_block_cannot_hold_are_unchanged() {
        assert_eq!(as_kustomize_outputs("x y\nw\n"), "x y\nw\n");
        assert_eq!(as_kustomize_outputs("x\n \ny\n"), "x\n \ny\n");
        assert_eq!(as_kustomize_outputs("x\n  z\n  \nw\n"), "x\n  z\n  \nw\n");
        assert_eq!(as_kustomize_outputs("one line"), "one line");
    }
}
