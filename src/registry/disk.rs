//! The client's reads and writes of artifacts on disk: `oci-layout:` directories, and
//! `oci-archive:` files, unpacked once per client into a temporary layout and repacked after
//! each manifest written. Errors name the archive, not the directory it was unpacked to.

use super::artifact_ref::{ArtifactRef, Location};
use super::client::{Registry, MANIFEST_LIMIT};
use super::layout::{self, Layout, LayoutError, ReadError};
use super::registry_error::RegistryError;
use crate::artifact::{self, ArtifactError};
use std::path::{Path, PathBuf};

impl Registry {
    /// The directory holding the layout of an `oci-archive:` file: unpacked on first use (an
    /// empty one for an archive that does not exist yet, unless `must_exist`).
    fn archive_dir(&self, file: &Path, must_exist: bool) -> Result<PathBuf, RegistryError> {
        let mut archives = self
            .archives
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(dir) = archives.get(file) {
            return Ok(dir.path().to_path_buf());
        }
        let dir = crate::tempdir::TempDir::new("kzr-oci-archive").map_err(|e| LayoutError::Io {
            path: std::env::temp_dir().display().to_string(),
            message: crate::explain::io_words(&e),
        })?;
        if file.is_dir() {
            return Err(LayoutError::NotALayout {
                path: file.display().to_string(),
                reason: "a directory, not a tar file (use oci-layout:DIR for a layout directory)"
                    .into(),
            }
            .into());
        }
        if file.exists() {
            layout::unpack_archive(file, dir.path())?;
        } else if must_exist {
            return Err(LayoutError::NotALayout {
                path: file.display().to_string(),
                reason: "no such file".into(),
            }
            .into());
        }
        let path = dir.path().to_path_buf();
        archives.insert(file.to_path_buf(), dir);
        Ok(path)
    }

    /// The layout of a layout or archive artifact, for reading. Errors name the archive, not
    /// the directory it was unpacked to.
    pub(super) fn layout_to_read(&self, artifact: &ArtifactRef) -> Result<Layout, RegistryError> {
        match artifact.location() {
            Location::Layout(dir) => Ok(Layout::open(dir)?),
            Location::Archive(file) => {
                let dir = self.archive_dir(file, true)?;
                Layout::open(&dir).map_err(|e| relabel(e, &dir, file).into())
            }
            Location::Registry => Err(RegistryError::Transport {
                reference: artifact.to_string(),
                message: "not a layout".into(),
            }),
        }
    }

    /// The layout of a layout or archive artifact, for writing: created when missing.
    pub(super) fn layout_to_write(&self, artifact: &ArtifactRef) -> Result<Layout, RegistryError> {
        match artifact.location() {
            Location::Layout(dir) => Ok(Layout::create(dir)?),
            Location::Archive(file) => {
                let dir = self.archive_dir(file, false)?;
                Layout::create(&dir).map_err(|e| relabel(e, &dir, file).into())
            }
            Location::Registry => Err(RegistryError::Transport {
                reference: artifact.to_string(),
                message: "not a layout".into(),
            }),
        }
    }

    /// A layout read's failure as a registry error: a missing tag or digest is `NotFound`
    /// (as for a registry), a blob that does not match its digest an integrity error.
    pub(super) fn layout_error(
        &self,
        artifact: &ArtifactRef,
        layout: &Layout,
        e: ReadError,
    ) -> RegistryError {
        match e {
            ReadError::NotFound => RegistryError::NotFound(artifact.to_string()),
            ReadError::Integrity(error) => RegistryError::Artifact {
                reference: artifact.to_string(),
                error,
            },
            ReadError::Layout(e) => match artifact.location() {
                Location::Archive(file) => relabel(e, layout.root(), file).into(),
                _ => e.into(),
            },
        }
    }

    /// The manifest of a layout or archive artifact (bytes and digest).
    pub(super) fn layout_manifest(
        &self,
        artifact: &ArtifactRef,
    ) -> Result<(Vec<u8>, String), RegistryError> {
        let layout = self.layout_to_read(artifact)?;
        let read = || -> Result<Vec<u8>, ReadError> {
            let d = layout.resolve(
                &artifact.to_string(),
                artifact.reference.tag(),
                artifact.reference.digest(),
            )?;
            if d.size > MANIFEST_LIMIT {
                return Err(ReadError::Integrity(ArtifactError::TooLarge(
                    MANIFEST_LIMIT,
                )));
            }
            layout.read_blob(&d.digest, Some(d.size))
        };
        let bytes = read().map_err(|e| self.layout_error(artifact, &layout, e))?;
        let digest = artifact::digest_of(&bytes);
        Ok((bytes, digest))
    }

    /// Writes a manifest into a layout or archive under the artifact's tag (untagged for a
    /// digest reference); an archive is repacked.
    pub(super) fn layout_put_manifest(
        &self,
        artifact: &ArtifactRef,
        bytes: &[u8],
        media_type: &str,
    ) -> Result<(), RegistryError> {
        let layout = self.layout_to_write(artifact)?;
        let relabelled = |e: LayoutError| -> RegistryError {
            match artifact.location() {
                Location::Archive(file) => relabel(e, layout.root(), file).into(),
                _ => e.into(),
            }
        };
        layout
            .put_manifest(bytes, media_type, artifact.reference.tag())
            .map_err(relabelled)?;
        if let Location::Archive(file) = artifact.location() {
            layout::pack_archive(layout.root(), file)?;
        }
        Ok(())
    }
}

/// A layout error about the directory an archive was unpacked to, naming the archive.
pub(super) fn relabel(e: LayoutError, dir: &Path, file: &Path) -> LayoutError {
    let dir = dir.display().to_string();
    let file = file.display().to_string();
    let fix = |p: String| match p.strip_prefix(&dir) {
        Some(rest) => format!("{file}{rest}"),
        None => p,
    };
    match e {
        LayoutError::NotALayout { path, reason } => LayoutError::NotALayout {
            path: fix(path),
            reason,
        },
        LayoutError::BadIndex { path, reason } => LayoutError::BadIndex {
            path: fix(path),
            reason,
        },
        LayoutError::Io { path, message } => LayoutError::Io {
            path: fix(path),
            message,
        },
        other => other,
    }
}
