//! Go's `path/filepath` rules that kustomize's output depends on (origin paths, file path
//! insertion).

/// Go's `filepath.Join`: the non-empty elements joined with `/`, then cleaned; all empty
/// gives an empty string.
pub fn join<S: AsRef<str>>(parts: &[S]) -> String {
    let joined = parts
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("/");
    if joined.is_empty() {
        String::new()
    } else {
        clean(&joined)
    }
}

/// Go's `filepath.Clean`: the shortest equivalent path, by lexical processing (`.` and
/// `dir/..` removed, `..` above the root dropped).
pub fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for element in path.split('/') {
        match element {
            "" | "." => {}
            ".." => match out.last() {
                Some(&last) if last != ".." => {
                    out.pop();
                }
                _ if rooted => {}
                _ => out.push(".."),
            },
            e => out.push(e),
        }
    }
    let body = out.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".to_string(),
        (false, false) => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_and_joins_like_go() {
        assert_eq!(clean("../a/./b/.."), "../a");
        assert_eq!(clean("/../a"), "/a");
        assert_eq!(clean(""), ".");
        assert_eq!(join(&["a", "", "b/../c"]), "a/c");
        assert_eq!(join::<&str>(&[]), "");
    }
}
