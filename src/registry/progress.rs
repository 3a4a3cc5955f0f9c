//! Progress bars for blob transfers, on stderr, only when the caller allows decorations
//! (a terminal, no `--quiet`, `NO_COLOR` or `-o json`; see `Options::progress`).

use indicatif::{ProgressBar, ProgressStyle};

/// A bar for moving `total` bytes of the blob `digest`, or none when bars are off. The bar
/// is cleared when done so the verbs' stderr lines stay as they are.
pub fn bar(enabled: bool, verb: &str, digest: &str, total: u64) -> Option<ProgressBar> {
    if !enabled {
        return None;
    }
    let short = digest
        .split_once(':')
        .map_or(digest, |(_, hex)| hex.get(..12).unwrap_or(hex));
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(format!("{verb} {short}"));
    Some(bar)
}

/// Clears a bar (if any) from the terminal.
pub fn finish(bar: Option<&ProgressBar>) {
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn off_means_no_bar() {
        assert!(super::bar(false, "push", "sha256:abc", 10).is_none());
        let bar = super::bar(true, "push", "sha256:0123456789abcdef", 10);
        assert!(bar.is_some());
        super::finish(bar.as_ref());
    }
}
