//! The committed completions and man pages must match what the current CLI generates.
//! Regenerate with `scripts/gen-docs`.

use clap_complete::Shell;
use std::path::Path;

fn committed(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/gen-docs)", full.display()))
}

#[test]
fn completions_are_current() {
    for (shell, file) in [
        (Shell::Bash, "completions/kzr.bash"),
        (Shell::Zsh, "completions/_kzr"),
        (Shell::Fish, "completions/kzr.fish"),
        (Shell::PowerShell, "completions/_kzr.ps1"),
    ] {
        assert!(
            kzr::cli::completion_script(shell) == committed(file),
            "{file} is stale: run scripts/gen-docs"
        );
    }
}

#[test]
fn man_pages_are_current() {
    let pages = kzr::cli::man_pages();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("man/ exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = pages.iter().map(|(n, _)| n.clone()).collect();
    expected.sort();
    assert_eq!(
        on_disk, expected,
        "man/ has other pages than the CLI: run scripts/gen-docs"
    );
    for (name, text) in pages {
        assert!(
            text == committed(&format!("man/{name}")),
            "man/{name} is stale: run scripts/gen-docs"
        );
    }
    assert!(committed("man/kzr-build.1").contains("reorder"));
}

#[test]
fn man_pages_refer_only_to_pages_that_exist() {
    let pages = kzr::cli::man_pages();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for (name, text) in &pages {
        // References look like `kzr\-apply(1)` in roff.
        for (i, _) in text.match_indices("(1)") {
            let start = text[..i]
                .rfind(|c: char| c.is_whitespace() || c == '>')
                .map_or(0, |p| p + 1);
            let reference = text[start..i].replace("\\-", "-");
            if reference.starts_with("kzr") {
                assert!(
                    names.contains(&format!("{reference}.1").as_str()),
                    "{name} refers to {reference}(1), which is not written"
                );
            }
        }
    }
}
