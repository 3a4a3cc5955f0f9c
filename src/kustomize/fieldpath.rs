//! Field paths, split as kustomize splits them. Two spellings exist: slashed paths
//! (`spec/template/metadata/labels`, in fieldSpecs and ValueAdd targets), where `\/` is a
//! slash inside one field, and dotted paths (`spec.containers.[name=app].image`, in
//! replacements and vars), where `\.` is a dot inside one field and `[a.b=c]` stays one
//! part.

use std::borrow::Cow;

/// The first field of a slashed path and what follows its separator (`None` when it was the
/// last field; `Some("")` after a trailing slash).
pub fn next_slashed(path: &str) -> (Cow<'_, str>, Option<&str>) {
    let mut search = 0;
    loop {
        match path[search..].find('/') {
            None => return (unescape_slash(path), None),
            Some(i) => {
                let at = search + i;
                if at > 0 && path.as_bytes()[at - 1] == b'\\' {
                    search = at + 1;
                    continue;
                }
                return (unescape_slash(&path[..at]), Some(&path[at + 1..]));
            }
        }
    }
}

fn unescape_slash(field: &str) -> Cow<'_, str> {
    if field.contains("\\/") {
        field.replace("\\/", "/").into()
    } else {
        field.into()
    }
}

/// Every field of a slashed path.
pub fn split_slashed(path: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut rest = Some(path);
    while let Some(r) = rest {
        let (field, next) = next_slashed(r);
        fields.push(field.into_owned());
        rest = next;
    }
    fields
}

/// kyaml's `SmarterPathSplitter` on `.`: `\.` escapes a dot, `[a.b=c]` stays one part,
/// `[a.b]` becomes the key `a.b`, a leading `.` is ignored.
pub fn split_dotted(path: &str) -> Vec<String> {
    let mut raw: Vec<&str> = path.split('.').collect();
    if raw.len() > 1 && raw[0].is_empty() {
        raw.remove(0);
    }
    let pieces = join_escaped_dots(raw);
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let elem = &pieces[i];
        if elem.starts_with('[') && !elem.ends_with(']') {
            let mut joined = elem.clone();
            while i + 1 < pieces.len() {
                i += 1;
                joined.push('.');
                joined.push_str(&pieces[i]);
                if pieces[i].ends_with(']') {
                    break;
                }
            }
            if joined.contains('=') {
                out.push(joined);
            } else {
                out.push(joined.trim_matches(|c| c == '[' || c == ']').to_string());
            }
        } else {
            out.push(elem.clone());
        }
        i += 1;
    }
    out
}

/// Rejoins the parts of a path split on `.` where a part ends with `\` (an escaped dot
/// inside one field).
fn join_escaped_dots(parts: Vec<&str>) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for part in parts {
        match fields.last_mut() {
            Some(last) if last.ends_with('\\') => {
                last.pop();
                last.push('.');
                last.push_str(part);
            }
            _ => fields.push(part.to_string()),
        }
    }
    fields
}

/// The dotted paths of legacy vars' `fieldref`: split on every dot, with `ports[0]`
/// becoming `ports` and `0` (no escapes: kustomize's var paths have none).
pub fn split_var_path(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let indexed = part.strip_suffix(']').and_then(|p| {
            let open = p.rfind('[')?;
            let index = &p[open + 1..];
            (!index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()))
                .then(|| (&p[..open], index))
        });
        match indexed {
            Some((name, index)) => {
                if !name.is_empty() {
                    out.push(name.to_string());
                }
                out.push(index.to_string());
            }
            None => out.push(part.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashed_paths_escape_slashes() {
        assert_eq!(next_slashed("a/b"), ("a".into(), Some("b")));
        assert_eq!(next_slashed("b\\/c/d"), ("b/c".into(), Some("d")));
        assert_eq!(next_slashed("d"), ("d".into(), None));
        assert_eq!(
            split_slashed(r"metadata/annotations/a\/b"),
            ["metadata", "annotations", "a/b"]
        );
        assert_eq!(split_slashed("a/"), ["a", ""]);
        assert_eq!(split_slashed(""), [""]);
        assert_eq!(split_slashed(r"a\\/b"), [r"a\/b"]);
        assert_eq!(
            split_slashed("spec/containers/[name=d]/image"),
            ["spec", "containers", "[name=d]", "image"]
        );
    }

    #[test]
    fn dotted_paths_like_kyaml() {
        assert_eq!(split_dotted("a.b.c"), ["a", "b", "c"]);
        assert_eq!(split_dotted(".a.b"), ["a", "b"]);
        assert_eq!(
            split_dotted(r"metadata.annotations.x\.y/z"),
            ["metadata", "annotations", "x.y/z"]
        );
        assert_eq!(
            split_dotted("spec.containers.[name=a.b].image"),
            ["spec", "containers", "[name=a.b]", "image"]
        );
        assert_eq!(
            split_dotted("metadata.annotations.[a.b/c]"),
            ["metadata", "annotations", "a.b/c"]
        );
    }

    #[test]
    fn var_paths_split_indices() {
        assert_eq!(
            split_var_path("spec.ports[0].port"),
            ["spec", "ports", "0", "port"]
        );
        assert_eq!(split_var_path("spec.[name=a]"), ["spec", "[name=a]"]);
        assert_eq!(split_var_path("a.[0]"), ["a", "0"]);
    }
}
