//! OCI image layouts on disk (`oci-layout:DIR[:TAG|@DIGEST]`) and in one tar file
//! (`oci-archive:FILE[:TAG|@DIGEST]`), as the image-spec and skopeo's `oci:` and
//! `oci-archive:` transports write them: an `oci-layout` file, `index.json` (an image index
//! whose descriptors carry their tag in `org.opencontainers.image.ref.name`) and
//! `blobs/sha256/<hex>`. Blobs are verified against their digest when read and written
//! atomically (temporary file, then rename); `index.json` too. Writing a tag moves it to the
//! new manifest and keeps every other tag.

use crate::artifact::{self, ArtifactError};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The annotation holding a descriptor's tag in `index.json`.
pub const REF_NAME: &str = "org.opencontainers.image.ref.name";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const LAYOUT_FILE: &str = "oci-layout";
const INDEX_FILE: &str = "index.json";
const LAYOUT_VERSION: &str = "1.0.0";
/// `index.json` larger than this is refused.
const INDEX_LIMIT: u64 = 16 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum LayoutError {
    #[error("{path} is not an OCI image layout: {reason}")]
    NotALayout { path: String, reason: String },
    #[error("{path}: {reason}")]
    BadIndex { path: String, reason: String },
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{reference}: the layout holds {count} manifests and the reference names none")]
    Ambiguous { reference: String, count: usize },
    #[error("{path}: not a valid OCI archive: {reason}")]
    BadArchive { path: String, reason: String },
}

impl crate::explain::Hint for LayoutError {
    fn hint(&self) -> Option<&'static str> {
        match self {
            LayoutError::NotALayout { .. } => Some(
                "give a directory holding oci-layout and index.json (written by kzr or skopeo copy … oci:DIR:TAG); a new or empty directory is made one when written to",
            ),
            LayoutError::Ambiguous { .. } => Some(
                "name one with oci-layout:DIR:TAG or oci-layout:DIR@sha256:… (kzr list artifacts oci-layout:DIR shows the tags)",
            ),
            _ => None,
        }
    }
}

fn io(path: &Path, e: &std::io::Error) -> LayoutError {
    LayoutError::Io {
        path: path.display().to_string(),
        message: crate::explain::io_words(e),
    }
}

/// A manifest as `index.json` describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Descriptor {
    pub media_type: String,
    pub digest: String,
    pub size: u64,
}

/// An image layout directory.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

/// Why a layout read failed: the layout itself, or the thing asked for.
#[derive(Debug)]
pub enum ReadError {
    Layout(LayoutError),
    /// No manifest with that tag or digest.
    NotFound,
    /// A blob whose content does not match its digest or size.
    Integrity(ArtifactError),
}

impl From<LayoutError> for ReadError {
    fn from(e: LayoutError) -> Self {
        ReadError::Layout(e)
    }
}

impl Layout {
    /// An existing layout: the `oci-layout` file names version 1.x and `index.json` exists.
    pub fn open(root: &Path) -> Result<Layout, LayoutError> {
        let not = |reason: String| LayoutError::NotALayout {
            path: root.display().to_string(),
            reason,
        };
        match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(not("not a directory".into())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(not("no such directory".into()))
            }
            Err(e) => return Err(io(root, &e)),
        }
        let marker = root.join(LAYOUT_FILE);
        let text = match std::fs::read(&marker) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(not(format!("no {LAYOUT_FILE} file")))
            }
            Err(e) => return Err(io(&marker, &e)),
        };
        let version = serde_json::from_slice::<Value>(&text)
            .ok()
            .and_then(|v| {
                v.get("imageLayoutVersion")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .ok_or_else(|| not(format!("{LAYOUT_FILE} has no imageLayoutVersion")))?;
        if !version.starts_with("1.") {
            return Err(not(format!("unsupported imageLayoutVersion {version:?}")));
        }
        if !root.join(INDEX_FILE).is_file() {
            return Err(not(format!("no {INDEX_FILE}")));
        }
        Ok(Layout {
            root: root.to_path_buf(),
        })
    }

    /// A layout to write to: an existing one, or a new one in a missing or empty directory.
    /// A directory with other content is refused, never turned into a layout.
    pub fn create(root: &Path) -> Result<Layout, LayoutError> {
        let empty = match std::fs::read_dir(root) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(root).map_err(|e| io(root, &e))?;
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
                return Err(LayoutError::NotALayout {
                    path: root.display().to_string(),
                    reason: "not a directory".into(),
                })
            }
            Err(e) => return Err(io(root, &e)),
        };
        if !empty {
            return Layout::open(root);
        }
        let layout = Layout {
            root: root.to_path_buf(),
        };
        std::fs::create_dir_all(layout.blob_dir()).map_err(|e| io(&layout.blob_dir(), &e))?;
        layout.write_atomic(
            &root.join(LAYOUT_FILE),
            format!("{{\"imageLayoutVersion\": \"{LAYOUT_VERSION}\"}}").as_bytes(),
        )?;
        layout.write_index(&json!({"schemaVersion": 2, "manifests": []}))?;
        Ok(layout)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn blob_dir(&self) -> PathBuf {
        self.root.join("blobs").join("sha256")
    }

    /// The path of a blob; `None` for digests that are not sha256 with 64 hex digits (so
    /// nothing else ever reaches the file system).
    fn blob_path(&self, digest: &str) -> Option<PathBuf> {
        let hex = digest.strip_prefix("sha256:")?;
        (hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then(|| self.blob_dir().join(hex))
    }

    fn index_path(&self) -> PathBuf {
        self.root.join(INDEX_FILE)
    }

    fn bad_index(&self, reason: impl Into<String>) -> LayoutError {
        LayoutError::BadIndex {
            path: self.index_path().display().to_string(),
            reason: reason.into(),
        }
    }

    fn index(&self) -> Result<Value, LayoutError> {
        let path = self.index_path();
        let size = std::fs::metadata(&path).map_err(|e| io(&path, &e))?.len();
        if size > INDEX_LIMIT {
            return Err(self.bad_index(format!("larger than {INDEX_LIMIT} bytes")));
        }
        let bytes = std::fs::read(&path).map_err(|e| io(&path, &e))?;
        let v: Value =
            serde_json::from_slice(&bytes).map_err(|e| self.bad_index(format!("not JSON: {e}")))?;
        if !v.get("manifests").is_some_and(Value::is_array) {
            return Err(self.bad_index("no manifests list"));
        }
        Ok(v)
    }

    fn manifests(&self) -> Result<Vec<Value>, LayoutError> {
        Ok(self
            .index()?
            .get("manifests")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default())
    }

    fn descriptor(&self, d: &Value) -> Result<Descriptor, LayoutError> {
        let digest = d.get("digest").and_then(Value::as_str).unwrap_or_default();
        if self.blob_path(digest).is_none() {
            return Err(self.bad_index(format!("invalid digest {digest:?} in a descriptor")));
        }
        Ok(Descriptor {
            media_type: d
                .get("mediaType")
                .and_then(Value::as_str)
                .unwrap_or(artifact::OCI_MANIFEST)
                .to_string(),
            digest: digest.to_string(),
            size: d.get("size").and_then(Value::as_u64).unwrap_or(0),
        })
    }

    /// The tags in `index.json`, in index order.
    pub fn tags(&self) -> Result<Vec<String>, LayoutError> {
        Ok(self
            .manifests()?
            .iter()
            .filter_map(|d| {
                d.pointer(&format!("/annotations/{}", REF_NAME.replace('/', "~1")))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .collect())
    }

    /// The manifest a reference names: by digest, else by tag, else the only one.
    /// `reference` is for messages.
    pub fn resolve(
        &self,
        reference: &str,
        tag: Option<&str>,
        digest: Option<&str>,
    ) -> Result<Descriptor, ReadError> {
        let manifests = self.manifests()?;
        let tag_of = |d: &Value| {
            d.get("annotations")
                .and_then(|a| a.get(REF_NAME))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        if let Some(digest) = digest {
            if let Some(d) = manifests
                .iter()
                .find(|d| d.get("digest").and_then(Value::as_str) == Some(digest))
            {
                return Ok(self.descriptor(d)?);
            }
            // An untracked manifest blob (e.g. pinned by a digest seen before): its own
            // mediaType says what it is.
            let path = self.blob_path(digest).ok_or(ReadError::NotFound)?;
            let size = match std::fs::metadata(&path) {
                Ok(m) => m.len(),
                Err(_) => return Err(ReadError::NotFound),
            };
            let media_type = std::fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
                .and_then(|v| {
                    v.get("mediaType")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
                .unwrap_or_else(|| artifact::OCI_MANIFEST.to_string());
            return Ok(Descriptor {
                media_type,
                digest: digest.to_string(),
                size,
            });
        }
        match tag {
            Some(tag) => match manifests.iter().find(|d| tag_of(d).as_deref() == Some(tag)) {
                Some(d) => Ok(self.descriptor(d)?),
                None => Err(ReadError::NotFound),
            },
            None => match manifests.as_slice() {
                [] => Err(ReadError::NotFound),
                [one] => Ok(self.descriptor(one)?),
                more => Err(ReadError::Layout(LayoutError::Ambiguous {
                    reference: reference.to_string(),
                    count: more.len(),
                })),
            },
        }
    }

    /// A blob's bytes, checked against its digest (and `size` when known).
    pub fn read_blob(&self, digest: &str, size: Option<u64>) -> Result<Vec<u8>, ReadError> {
        let path = self.blob_path(digest).ok_or_else(|| {
            ReadError::Integrity(ArtifactError::BadManifest(format!(
                "invalid digest {digest:?}"
            )))
        })?;
        let data = match std::fs::read(&path) {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ReadError::Layout(LayoutError::Io {
                    path: path.display().to_string(),
                    message: format!("blob {digest} is missing from the layout"),
                }))
            }
            Err(e) => return Err(ReadError::Layout(io(&path, &e))),
        };
        let result = match size {
            Some(size) => artifact::verify_blob(&data, digest, size),
            None => artifact::verify_blob(&data, digest, data.len() as u64),
        };
        result.map_err(ReadError::Integrity)?;
        Ok(data)
    }

    /// Whether the layout has a blob of this digest (its content is checked when read).
    pub fn has_blob(&self, digest: &str) -> bool {
        self.blob_path(digest).is_some_and(|p| p.is_file())
    }

    /// Writes a blob under its digest unless it is there already; returns the digest.
    pub fn write_blob(&self, data: &[u8]) -> Result<String, LayoutError> {
        let digest = artifact::digest_of(data);
        let path = self
            .blob_path(&digest)
            .ok_or_else(|| self.bad_index("unexpected digest"))?;
        // A blob already present with the right size is kept (its content is checked on read).
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == data.len() as u64) {
            return Ok(digest);
        }
        std::fs::create_dir_all(self.blob_dir()).map_err(|e| io(&self.blob_dir(), &e))?;
        self.write_atomic(&path, data)?;
        Ok(digest)
    }

    /// Writes `data` to a temporary file beside `path`, syncs it, renames it into place.
    fn write_atomic(&self, path: &Path, data: &[u8]) -> Result<(), LayoutError> {
        use std::io::Write;
        let dir = path.parent().unwrap_or(&self.root);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("blob");
        let tmp = dir.join(temp_name(name));
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(data)?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io(path, &e)
        })
    }

    fn write_index(&self, index: &Value) -> Result<(), LayoutError> {
        let bytes = serde_json::to_vec(index).map_err(|e| self.bad_index(e.to_string()))?;
        self.write_atomic(&self.index_path(), &bytes)
    }

    /// Stores a manifest and records it in `index.json`: with a tag, the tag moves to it
    /// (other descriptors with that tag are dropped, all other tags kept); without one, it
    /// is added untagged unless the index lists that digest already.
    pub fn put_manifest(
        &self,
        bytes: &[u8],
        media_type: &str,
        tag: Option<&str>,
    ) -> Result<String, LayoutError> {
        let digest = self.write_blob(bytes)?;
        // Another kzr writing into the same layout waits: each reads the index the other
        // wrote (the lock is on `oci-layout`, which is never replaced).
        let marker = self.root.join(LAYOUT_FILE);
        let lock = std::fs::File::open(&marker).map_err(|e| io(&marker, &e))?;
        lock.lock().map_err(|e| io(&marker, &e))?;
        let mut index = self.index()?;
        let manifests = index
            .get_mut("manifests")
            .and_then(Value::as_array_mut)
            .ok_or_else(|| self.bad_index("no manifests list"))?;
        let mut descriptor = json!({
            "mediaType": media_type,
            "digest": digest,
            "size": bytes.len(),
        });
        match tag {
            Some(tag) => {
                manifests.retain(|d| {
                    d.get("annotations")
                        .and_then(|a| a.get(REF_NAME))
                        .and_then(Value::as_str)
                        != Some(tag)
                });
                descriptor["annotations"] = json!({ REF_NAME: tag });
                manifests.push(descriptor);
            }
            None => {
                let listed = manifests
                    .iter()
                    .any(|d| d.get("digest").and_then(Value::as_str) == Some(digest.as_str()));
                if !listed {
                    manifests.push(descriptor);
                }
            }
        }
        if index.get("mediaType").is_none() {
            index["mediaType"] = json!(OCI_INDEX);
        }
        self.write_index(&index)?;
        drop(lock);
        Ok(digest)
    }
}

/// A hidden temporary file name beside `name`, unique in this process and across processes.
fn temp_name(name: &str) -> String {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(".{name}.tmp-{}-{n}", std::process::id())
}

/// Unpacks an `oci-archive` tar into `dir`: only directories and regular files, only
/// relative paths without `..`.
pub fn unpack_archive(file: &Path, dir: &Path) -> Result<(), LayoutError> {
    let bad = |reason: String| LayoutError::BadArchive {
        path: file.display().to_string(),
        reason,
    };
    // tar's messages may quote the bytes it choked on: one short line is enough.
    let tar_error = |e: std::io::Error| {
        let text = e.to_string();
        let short: String = text.chars().take(100).collect();
        bad(if short.len() < text.len() {
            format!("{short}…")
        } else {
            short
        })
    };
    let f = std::fs::File::open(file).map_err(|e| io(file, &e))?;
    let mut archive = tar::Archive::new(std::io::BufReader::new(f));
    let entries = archive.entries().map_err(tar_error)?;
    for entry in entries {
        let mut entry = entry.map_err(tar_error)?;
        let path = entry.path().map_err(tar_error)?.into_owned();
        let safe = path.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
        if !safe {
            return Err(bad(format!("unsafe path {}", path.display())));
        }
        let dest = dir.join(&path);
        match entry.header().entry_type() {
            tar::EntryType::Directory => {
                std::fs::create_dir_all(&dest).map_err(|e| io(&dest, &e))?;
            }
            tar::EntryType::Regular | tar::EntryType::Continuous => {
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| io(parent, &e))?;
                }
                let mut out = std::fs::File::create(&dest).map_err(|e| io(&dest, &e))?;
                std::io::copy(&mut entry, &mut out).map_err(tar_error)?;
            }
            // pax global headers carry no file.
            tar::EntryType::XGlobalHeader => {}
            // Links and devices have no place in a layout.
            other => {
                return Err(bad(format!(
                    "{} is a {other:?} entry, not a file",
                    path.display()
                )))
            }
        }
    }
    Ok(())
}

/// Packs the layout in `dir` into `file` as skopeo's `oci-archive:` does (`oci-layout`,
/// `index.json`, `blobs/sha256/…`), through a temporary file renamed into place.
pub fn pack_archive(dir: &Path, file: &Path) -> Result<(), LayoutError> {
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("archive");
    let tmp = parent.join(temp_name(name));
    let result = (|| -> std::io::Result<()> {
        let out = std::fs::File::create(&tmp)?;
        let mut builder = tar::Builder::new(std::io::BufWriter::new(out));
        builder.mode(tar::HeaderMode::Deterministic);
        let mut blobs: Vec<PathBuf> = match std::fs::read_dir(dir.join("blobs/sha256")) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && !p
                            .file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with('.'))
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        blobs.sort();
        builder.append_dir("blobs", dir.join("blobs"))?;
        builder.append_dir("blobs/sha256", dir.join("blobs/sha256"))?;
        for blob in &blobs {
            if let Some(n) = blob.file_name() {
                builder.append_path_with_name(blob, Path::new("blobs/sha256").join(n))?;
            }
        }
        builder.append_path_with_name(dir.join(INDEX_FILE), INDEX_FILE)?;
        builder.append_path_with_name(dir.join(LAYOUT_FILE), LAYOUT_FILE)?;
        let out = builder.into_inner()?;
        let f = out.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(file, &e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::Hint;

    fn dir() -> crate::tempdir::TempDir {
        crate::tempdir::TempDir::new("kzr-layout-test").unwrap()
    }

    fn manifest(n: u8) -> Vec<u8> {
        format!(
            "{{\"schemaVersion\":2,\"mediaType\":\"{}\",\"n\":{n}}}",
            artifact::OCI_MANIFEST
        )
        .into_bytes()
    }

    #[test]
    fn a_new_layout_is_what_the_image_spec_describes() {
        let d = dir();
        let root = d.path().join("new");
        let layout = Layout::create(&root).unwrap();
        let marker: Value =
            serde_json::from_slice(&std::fs::read(root.join("oci-layout")).unwrap()).unwrap();
        assert_eq!(marker["imageLayoutVersion"], "1.0.0");
        let digest = layout
            .put_manifest(&manifest(1), artifact::OCI_MANIFEST, Some("v1"))
            .unwrap();
        let index: Value =
            serde_json::from_slice(&std::fs::read(root.join("index.json")).unwrap()).unwrap();
        assert_eq!(index["schemaVersion"], 2);
        assert_eq!(index["mediaType"], OCI_INDEX);
        assert_eq!(index["manifests"][0]["digest"], digest.as_str());
        assert_eq!(index["manifests"][0]["annotations"][REF_NAME], "v1");
        assert!(root
            .join("blobs/sha256")
            .join(digest.trim_start_matches("sha256:"))
            .is_file());
        // No temporary files are left behind.
        let leftovers: Vec<_> = std::fs::read_dir(root.join("blobs/sha256"))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn writing_a_tag_moves_it_and_keeps_the_others() {
        let d = dir();
        let layout = Layout::create(d.path()).unwrap();
        let one = layout
            .put_manifest(&manifest(1), artifact::OCI_MANIFEST, Some("v1"))
            .unwrap();
        let two = layout
            .put_manifest(&manifest(2), artifact::OCI_MANIFEST, Some("v2"))
            .unwrap();
        let moved = layout
            .put_manifest(&manifest(3), artifact::OCI_MANIFEST, Some("v1"))
            .unwrap();
        let mut tags = layout.tags().unwrap();
        tags.sort();
        assert_eq!(tags, ["v1", "v2"]);
        let r = |tag| layout.resolve("x", Some(tag), None).unwrap().digest;
        assert_eq!(r("v1"), moved);
        assert_eq!(r("v2"), two);
        assert_ne!(one, moved);
        // Reopened, the layout says the same.
        let again = Layout::open(d.path()).unwrap();
        assert_eq!(again.resolve("x", Some("v2"), None).unwrap().digest, two);
    }

    #[test]
    fn concurrent_writers_keep_every_tag() {
        let d = dir();
        let root = d.path().to_path_buf();
        Layout::create(&root).unwrap();
        let threads: Vec<_> = (0..8u8)
            .map(|n| {
                let root = root.clone();
                std::thread::spawn(move || {
                    let layout = Layout::open(&root).unwrap();
                    layout
                        .put_manifest(&manifest(n), artifact::OCI_MANIFEST, Some(&format!("t{n}")))
                        .unwrap();
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(Layout::open(&root).unwrap().tags().unwrap().len(), 8);
    }

    #[test]
    fn a_missing_tag_is_not_found() {
        let d = dir();
        let layout = Layout::create(d.path()).unwrap();
        layout
            .put_manifest(&manifest(1), artifact::OCI_MANIFEST, Some("v1"))
            .unwrap();
        assert!(matches!(
            layout.resolve("x", Some("v9"), None),
            Err(ReadError::NotFound)
        ));
        let absent = format!("sha256:{}", "0".repeat(64));
        assert!(matches!(
            layout.resolve("x", None, Some(&absent)),
            Err(ReadError::NotFound)
        ));
    }

    #[test]
    fn several_manifests_and_no_tag_is_ambiguous() {
        let d = dir();
        let layout = Layout::create(d.path()).unwrap();
        let one = layout
            .put_manifest(&manifest(1), artifact::OCI_MANIFEST, Some("v1"))
            .unwrap();
        assert_eq!(layout.resolve("x", None, None).unwrap().digest, one);
        layout
            .put_manifest(&manifest(2), artifact::OCI_MANIFEST, Some("v2"))
            .unwrap();
        match layout.resolve("oci-layout:d", None, None) {
            Err(ReadError::Layout(e @ LayoutError::Ambiguous { count: 2, .. })) => {
                assert_eq!(
                    e.to_string(),
                    "oci-layout:d: the layout holds 2 manifests and the reference names none"
                );
                assert!(e.hint().is_some());
            }
            other => panic!("{other:?}"),
        }
        // By digest it is not ambiguous.
        assert_eq!(layout.resolve("x", None, Some(&one)).unwrap().digest, one);
    }

    #[test]
    fn a_blob_that_does_not_match_its_digest_is_refused() {
        let d = dir();
        let layout = Layout::create(d.path()).unwrap();
        let digest = layout.write_blob(b"content").unwrap();
        assert_eq!(layout.read_blob(&digest, Some(7)).unwrap(), b"content");
        let path = d
            .path()
            .join("blobs/sha256")
            .join(digest.trim_start_matches("sha256:"));
        std::fs::write(&path, b"CONTENT").unwrap();
        match layout.read_blob(&digest, Some(7)) {
            Err(ReadError::Integrity(ArtifactError::Integrity { actual, .. })) => {
                assert_eq!(actual, artifact::digest_of(b"CONTENT"))
            }
            other => panic!("{other:?}"),
        }
        // A wrong size is refused too, and a digest that is no file name never is read.
        std::fs::write(&path, b"content!").unwrap();
        assert!(matches!(
            layout.read_blob(&digest, Some(7)),
            Err(ReadError::Integrity(_))
        ));
        assert!(matches!(
            layout.read_blob("sha256:../../etc/passwd", None),
            Err(ReadError::Integrity(_))
        ));
        std::fs::remove_file(&path).unwrap();
        match layout.read_blob(&digest, Some(7)) {
            Err(ReadError::Layout(e)) => assert!(e.to_string().contains("missing"), "{e}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_directory_that_is_not_a_layout_is_refused() {
        let d = dir();
        std::fs::write(d.path().join("notes.txt"), "hello").unwrap();
        for result in [Layout::open(d.path()), Layout::create(d.path())] {
            match result {
                Err(e @ LayoutError::NotALayout { .. }) => {
                    assert!(e.to_string().contains("no oci-layout file"), "{e}");
                    assert!(e.hint().is_some());
                }
                other => panic!("{other:?}"),
            }
        }
        // The directory was left alone.
        assert!(!d.path().join("index.json").exists());
        let missing = d.path().join("absent");
        let e = Layout::open(&missing).unwrap_err();
        assert!(e.to_string().contains("no such directory"), "{e}");
        std::fs::write(
            d.path().join("oci-layout"),
            "{\"imageLayoutVersion\":\"2.0.0\"}",
        )
        .unwrap();
        let e = Layout::open(d.path()).unwrap_err();
        assert!(e.to_string().contains("unsupported"), "{e}");
        let file = d.path().join("notes.txt");
        let e = Layout::open(&file).unwrap_err();
        assert!(e.to_string().contains("not a directory"), "{e}");
    }

    #[test]
    fn a_broken_index_is_one_error() {
        let d = dir();
        let layout = Layout::create(d.path()).unwrap();
        std::fs::write(d.path().join("index.json"), "{not json").unwrap();
        match layout.resolve("x", Some("v1"), None) {
            Err(ReadError::Layout(e @ LayoutError::BadIndex { .. })) => {
                assert!(e.to_string().contains("index.json: not JSON"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        std::fs::write(
            d.path().join("index.json"),
            r#"{"schemaVersion":2,"manifests":[{"digest":"sha256:../x","annotations":{"org.opencontainers.image.ref.name":"v1"}}]}"#,
        )
        .unwrap();
        assert!(matches!(
            layout.resolve("x", Some("v1"), None),
            Err(ReadError::Layout(LayoutError::BadIndex { .. }))
        ));
    }

    #[test]
    fn archives_round_trip_and_unsafe_entries_are_refused() {
        let d = dir();
        let src = d.path().join("src");
        let layout = Layout::create(&src).unwrap();
        let digest = layout
            .put_manifest(&manifest(1), artifact::OCI_MANIFEST, Some("v1"))
            .unwrap();
        let file = d.path().join("a.tar");
        pack_archive(&src, &file).unwrap();
        let out = d.path().join("out");
        std::fs::create_dir(&out).unwrap();
        unpack_archive(&file, &out).unwrap();
        let back = Layout::open(&out).unwrap();
        assert_eq!(back.resolve("x", Some("v1"), None).unwrap().digest, digest);
        // Packing twice gives the same bytes.
        let first = std::fs::read(&file).unwrap();
        pack_archive(&src, &file).unwrap();
        assert_eq!(first, std::fs::read(&file).unwrap());

        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(1);
        h.set_entry_type(tar::EntryType::Regular);
        let name = b"../escape";
        h.as_old_mut().name[..name.len()].copy_from_slice(name);
        h.set_cksum();
        b.append(&h, &b"x"[..]).unwrap();
        let evil = d.path().join("evil.tar");
        std::fs::write(&evil, b.into_inner().unwrap()).unwrap();
        let target = d.path().join("t");
        std::fs::create_dir(&target).unwrap();
        let e = unpack_archive(&evil, &target).unwrap_err();
        assert!(e.to_string().contains("unsafe path"), "{e}");
        assert!(!d.path().join("escape").exists());
        std::fs::write(
            &evil,
            b"not a tar at all, just some text that is long enough",
        )
        .unwrap();
        assert!(unpack_archive(&evil, &target).is_err());
    }
}
