//! Runner plan fixtures (tests/fixtures/runner) with `@KEY@` placeholders.

use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/runner")
}

/// The fixture `name` with `@KEY@` placeholders replaced, written into `dir`.
pub fn plan(dir: &Path, name: &str, subs: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(fixtures().join(name)).unwrap();
    for (k, v) in subs {
        text = text.replace(&format!("@{k}@"), v);
    }
    let placeholder = text.split('@').enumerate().any(|(i, part)| {
        i % 2 == 1 && !part.is_empty() && part.chars().all(|c| c.is_ascii_uppercase() || c == '_')
    });
    assert!(!placeholder, "{name}: unreplaced placeholder in {text}");
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("{n}-{}", name.replace('/', "_")));
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}
