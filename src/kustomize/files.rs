//! Reading the files a kustomization names, with few system calls: the common case (an
//! entry naming a regular file, reached through real directories, inside the root) costs
//! one `open`, the `read`s and one `close`.
//!
//! The load restrictor's check works on canonical paths. Instead of canonicalising every
//! entry (a `readlink` per path component), an entry is resolved lexically from the
//! kustomization's canonical root: each directory it passes through is checked once per
//! build to be a real directory (not a symlink), and the file itself is opened with
//! `O_NOFOLLOW`, so a symlink anywhere is *met*, never silently followed. Whatever is not
//! this plain case (a symlink, a path outside the root, a trailing slash, any error) is
//! left to the caller's canonicalising path, which keeps kustomize's exact behaviour and
//! messages.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// Directories of this build found to be real (canonical) directories, so each is checked
/// once however many entries pass through it.
pub(super) type RealDirs = Rc<RefCell<HashSet<PathBuf>>>;

/// Smallest buffer a file is read into.
const MIN_BUFFER: usize = 16 * 1024;

/// A read buffer reused from file to file: its length is its initialised storage, so
/// growing it is the only time memory is cleared.
#[derive(Default)]
pub(super) struct ReadBuf {
    storage: Vec<u8>,
}

/// What the plain case found at an entry.
pub(super) enum Found {
    /// A regular file (not a symlink) at this canonical path, inside the root when the root
    /// is enforced; its bytes are the first `len` of the buffer.
    File { len: usize },
    /// A directory (not a symlink).
    Dir,
}

impl ReadBuf {
    /// The bytes of the last file read.
    pub fn bytes(&self, len: usize) -> &[u8] {
        &self.storage[..len.min(self.storage.len())]
    }

    /// Takes the first `len` bytes as an owned vector (the buffer starts again empty).
    pub fn take(mut self, len: usize) -> Vec<u8> {
        self.storage.truncate(len);
        self.storage
    }
}

/// The canonical path `entry` names, relative to the canonical `root`, when it is reached
/// through real directories only (each checked once per build); `None` for anything else:
/// absolute or empty entries, a trailing slash, a final `.` or `..`, a directory on the way
/// that is a symlink or is missing.
pub(super) fn resolve(root: &Path, entry: &str, real_dirs: &RealDirs) -> Option<PathBuf> {
    if entry.is_empty() || entry.ends_with('/') || entry.contains('\0') {
        return None;
    }
    let path = Path::new(entry);
    if path.is_absolute() {
        return None;
    }
    let mut components = path.components();
    let last = components.next_back()?;
    let mut at = root.to_path_buf();
    for c in components {
        match c {
            Component::CurDir => {}
            // `at` is canonical (no symlinks), so its parent is lexical.
            Component::ParentDir => {
                if !at.pop() {
                    return None;
                }
            }
            Component::Normal(name) => {
                at.push(name);
                if !is_real_dir(&at, real_dirs) {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    let Component::Normal(name) = last else {
        return None;
    };
    at.push(name);
    Some(at)
}

fn is_real_dir(path: &Path, real_dirs: &RealDirs) -> bool {
    if real_dirs.borrow().contains(path) {
        return true;
    }
    // symlink_metadata does not follow a final symlink: a symlinked directory is not real.
    let real = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir());
    if real {
        real_dirs.borrow_mut().insert(path.to_path_buf());
    }
    real
}

/// Opens `path` without following a final symlink and reads it into `buf`: one `open`, the
/// `read`s, one `close`. `None` when it is a symlink or anything fails.
#[cfg(unix)]
pub(super) fn read_plain(path: &Path, buf: &mut ReadBuf) -> Option<Found> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .ok()?;
    if buf.storage.len() < MIN_BUFFER {
        buf.storage.resize(MIN_BUFFER, 0);
    }
    let mut len = 0;
    loop {
        if len == buf.storage.len() {
            // A large file: ask for its size once rather than doubling the buffer repeatedly.
            let size = file.metadata().ok()?.len();
            let want = usize::try_from(size)
                .ok()?
                .saturating_add(1)
                .max(len.saturating_mul(2));
            buf.storage.resize(want, 0);
        }
        match file.read(&mut buf.storage[len..]) {
            Ok(0) => return Some(Found::File { len }),
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if e.raw_os_error() == Some(libc::EISDIR) && len == 0 => {
                return Some(Found::Dir)
            }
            Err(_) => return None,
        }
    }
}

/// Without `O_NOFOLLOW`, every entry takes the canonicalising path.
#[cfg(not(unix))]
pub(super) fn read_plain(_path: &Path, _buf: &mut ReadBuf) -> Option<Found> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real_dirs() -> RealDirs {
        Rc::new(RefCell::new(HashSet::new()))
    }

    #[test]
    fn resolves_through_real_directories_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("k/sub")).unwrap();
        std::fs::write(root.join("k/sub/a.yaml"), "a: 1\n").unwrap();
        let k = root.join("k");
        let dirs = real_dirs();
        assert_eq!(resolve(&k, "sub/a.yaml", &dirs), Some(k.join("sub/a.yaml")));
        assert_eq!(
            resolve(&k, "./sub/../a.yaml", &dirs),
            Some(k.join("a.yaml"))
        );
        assert_eq!(resolve(&k, "../x.yaml", &dirs), Some(root.join("x.yaml")));
        assert_eq!(resolve(&k, "missing/a.yaml", &dirs), None);
        assert_eq!(resolve(&k, "sub/", &dirs), None);
        assert_eq!(resolve(&k, "sub/..", &dirs), None);
        assert_eq!(resolve(&k, "/etc/passwd", &dirs), None);
        assert_eq!(resolve(&k, "", &dirs), None);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_met_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("k")).unwrap();
        std::fs::create_dir_all(root.join("out")).unwrap();
        std::fs::write(root.join("out/secret.yaml"), "s: 1\n").unwrap();
        std::os::unix::fs::symlink(root.join("out"), root.join("k/dir")).unwrap();
        std::os::unix::fs::symlink(root.join("out/secret.yaml"), root.join("k/f.yaml")).unwrap();
        let k = root.join("k");
        let dirs = real_dirs();
        // A symlinked directory on the way is not resolved lexically.
        assert_eq!(resolve(&k, "dir/secret.yaml", &dirs), None);
        // A symlinked file is refused by O_NOFOLLOW.
        let path = resolve(&k, "f.yaml", &dirs).unwrap();
        let mut buf = ReadBuf::default();
        assert!(read_plain(&path, &mut buf).is_none());
        // A plain file is read; a directory is reported as one.
        match read_plain(&root.join("out/secret.yaml"), &mut buf) {
            Some(Found::File { len }) => assert_eq!(buf.bytes(len), b"s: 1\n"),
            _ => panic!("not read"),
        }
        assert!(matches!(read_plain(&k, &mut buf), Some(Found::Dir)));
    }

    #[cfg(unix)]
    #[test]
    fn large_files_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        let text: String = (0..20_000).map(|i| format!("k{i}: v\n")).collect();
        std::fs::write(&path, &text).unwrap();
        let mut buf = ReadBuf::default();
        match read_plain(&path, &mut buf) {
            Some(Found::File { len }) => assert_eq!(buf.bytes(len), text.as_bytes()),
            _ => panic!("not read"),
        }
        // Reused for a small one.
        std::fs::write(&path, "x: 1\n").unwrap();
        match read_plain(&path, &mut buf) {
            Some(Found::File { len }) => assert_eq!(buf.bytes(len), b"x: 1\n"),
            _ => panic!("not read"),
        }
    }
}
