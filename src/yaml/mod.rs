//! YAML in and out, with kustomize's exact rules: go-yaml v3 resolution when reading,
//! go-yaml v2 (via JSON) formatting when writing.

mod emit;
mod folded;
mod keyorder;
mod number;
mod read;
pub(crate) mod scalar;

pub use emit::{to_yaml, EmitError};
pub use keyorder::compare_keys;
pub use number::{go_format_g, go_format_g32};
pub use read::{
    parse_documents, parse_documents_with, Document, ParseError, ReadOptions, MAX_ALIAS_NODES,
    MAX_DEPTH,
};
pub use scalar::{parse_timestamp, resolve_plain, Resolved, Schema};

use serde_json::Value;

/// Writes several documents the way kustomize does: each document's YAML, separated by
/// `---` lines, with no leading or trailing separator.
pub fn to_yaml_stream<'a>(
    values: impl IntoIterator<Item = &'a Value>,
) -> Result<String, EmitError> {
    let mut out = String::new();
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&to_yaml(v)?);
    }
    Ok(out)
}
