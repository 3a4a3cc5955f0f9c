//! How errors explain themselves: the [`Hint`] every library error implements (asked in one
//! place, `error::hint_for`), and I/O errors in words. A leaf module: the error types of
//! every other module use it, and it uses none of them.

/// An error that can suggest what to do next. Every error type the library returns
/// implements it, and `error::hint_for` is the one place that asks.
pub trait Hint {
    /// A suggestion for what to do next, when there is a useful one.
    fn hint(&self) -> Option<&'static str>;
}

/// An I/O error in words, without the OS error code (`no such file or directory`).
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        AlreadyExists => "it already exists".into(),
        StorageFull => "no space left on device".into(),
        NotADirectory => "not a directory".into(),
        IsADirectory => "is a directory".into(),
        ReadOnlyFilesystem => "read-only file system".into(),
        InvalidData => "not valid UTF-8 text".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error ") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}
