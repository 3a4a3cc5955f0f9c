//! Reading the files a kustomization names, through kustomize's load restrictor
//! (kustomize's `ifc.Loader` for one kustomization directory).

use super::error::BuildError;
use super::kustomization::{self, KUSTOMIZATION_FILES};
use super::{files, gopath, patch};
use crate::source::SourceError;
use std::path::{Path, PathBuf};

/// kustomize's load restrictor: whether files outside a kustomization's directory may be
/// read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoadRestrictor {
    /// `LoadRestrictionsRootOnly` (the default): files must be in or below the kustomization
    /// directory, after resolving symlinks.
    #[default]
    RootOnly,
    /// `LoadRestrictionsNone`.
    None,
}

impl LoadRestrictor {
    /// The short spelling of component configs and runner plans: `none` or `rootOnly`.
    pub fn as_str(self) -> &'static str {
        match self {
            LoadRestrictor::None => "none",
            LoadRestrictor::RootOnly => "rootOnly",
        }
    }

    /// kustomize's flag spelling: `LoadRestrictionsNone` or `LoadRestrictionsRootOnly`.
    pub fn as_flag(self) -> &'static str {
        match self {
            LoadRestrictor::None => "LoadRestrictionsNone",
            LoadRestrictor::RootOnly => "LoadRestrictionsRootOnly",
        }
    }

    /// Either spelling (`none`, `rootOnly`, or kustomize's flag values).
    pub fn parse(text: &str) -> Option<Self> {
        [LoadRestrictor::None, LoadRestrictor::RootOnly]
            .into_iter()
            .find(|r| text == r.as_str() || text == r.as_flag())
    }
}

/// Finds the kustomization file in `dir`.
pub fn kustomization_file(dir: &Path) -> Result<PathBuf, BuildError> {
    let found: Vec<&str> = KUSTOMIZATION_FILES
        .iter()
        .copied()
        .filter(|f| dir.join(f).is_file())
        .collect();
    match found.as_slice() {
        [one] => Ok(dir.join(one)),
        [] => Err(BuildError::NoKustomization {
            dir: dir.display().to_string(),
        }),
        _ => Err(BuildError::SeveralKustomizations {
            dir: dir.display().to_string(),
            found: found.iter().map(|s| s.to_string()).collect(),
        }),
    }
}

pub fn io_error(path: &Path, source: std::io::Error) -> BuildError {
    BuildError::Source(SourceError::Io {
        path: gopath::clean(&path.display().to_string()),
        error: source,
    })
}

pub fn canonical(path: &Path) -> Result<PathBuf, BuildError> {
    path.canonicalize().map_err(|e| io_error(path, e))
}

pub fn is_remote(entry: &str) -> bool {
    entry.contains("://") || entry.starts_with("git@") || entry.starts_with("github.com/")
}

/// Where one kustomization reads its files from, and what it may read.
pub struct Loader {
    /// The kustomization's directory as it was reached; entries are joined to it.
    pub dir: PathBuf,
    /// The same directory with symlinks resolved: what the load restrictor confines reads to.
    pub root: PathBuf,
    pub restrictor: LoadRestrictor,
    /// The kustomization file, as its errors name it.
    pub file: String,
    pub real_dirs: files::RealDirs,
}

impl Loader {
    /// The load restrictor lets this kustomization read `resolved` (a canonical path).
    pub fn allows(&self, resolved: &Path) -> bool {
        self.restrictor == LoadRestrictor::None || resolved.starts_with(&self.root)
    }

    /// The plain case of reading an entry (see [`files`]): a regular file or a directory,
    /// reached without symlinks, that the load restrictor allows, read into `buf`. `None`
    /// leaves the entry to the canonicalising path, which has kustomize's exact behaviour
    /// and messages for everything else.
    pub fn read_plain(&self, entry: &str, buf: &mut files::ReadBuf) -> Option<files::Found> {
        if is_remote(entry) {
            return None;
        }
        let resolved = files::resolve(&self.root, entry, &self.real_dirs)?;
        if !self.allows(&resolved) {
            return None;
        }
        files::read_plain(&resolved, buf)
    }

    /// Reads a file named in the kustomization as text, refusing files outside its root.
    pub fn read_file(&self, field: &'static str, entry: &str) -> Result<String, BuildError> {
        let bytes = self.read_bytes(field, entry)?;
        String::from_utf8(bytes).map_err(|e| {
            BuildError::Source(SourceError::NotUtf8 {
                path: self.dir.join(entry).display().to_string(),
                offset: e.utf8_error().valid_up_to(),
            })
        })
    }

    /// Reads a file named in the kustomization, refusing files outside its root.
    pub fn read_bytes(&self, field: &'static str, entry: &str) -> Result<Vec<u8>, BuildError> {
        if is_remote(entry) {
            return Err(BuildError::Remote {
                file: self.file.clone(),
                field,
                entry: entry.to_string(),
            });
        }
        let mut buf = files::ReadBuf::default();
        if let Some(files::Found::File { len }) = self.read_plain(entry, &mut buf) {
            return Ok(buf.take(len));
        }
        let path = self.dir.join(entry);
        let resolved = canonical(&path).map_err(|e| self.entry_error(field, entry, e))?;
        if !self.allows(&resolved) {
            return Err(BuildError::OutsideRoot {
                file: self.file.clone(),
                field,
                entry: entry.to_string(),
                root: self.root.display().to_string(),
            });
        }
        if path.is_dir() {
            return Err(self.entry_error(
                field,
                entry,
                BuildError::Invalid {
                    file: path.display().to_string(),
                    message: "must resolve to a file".into(),
                },
            ));
        }
        std::fs::read(&path).map_err(|e| self.entry_error(field, entry, io_error(&path, e)))
    }

    /// A `patchesStrategicMerge` entry is inline YAML when it parses as objects, else a path.
    pub fn strategic_merge_text(&self, entry: &str) -> Result<patch::PatchText, BuildError> {
        let inline = crate::yaml::parse_documents(entry)
            .is_ok_and(|docs| !docs.is_empty() && docs.iter().all(|d| d.value.is_object()));
        if inline {
            return Ok(patch::PatchText {
                text: entry.to_string(),
                origin: format!("{} (inline patch)", self.file),
            });
        }
        Ok(patch::PatchText {
            text: self.read_file("patchesStrategicMerge", entry)?,
            origin: self.dir.join(entry).display().to_string(),
        })
    }

    pub fn patch_entries(
        &self,
        entries: &[kustomization::Patch],
        field: &'static str,
    ) -> Result<Vec<(kustomization::Patch, patch::PatchText)>, BuildError> {
        let invalid = |message: &str| BuildError::Invalid {
            file: self.file.clone(),
            message: format!("{field}: {message}"),
        };
        entries
            .iter()
            .map(|e| {
                let text = match (&e.path, &e.patch) {
                    (Some(_), Some(_)) => {
                        return Err(invalid("patch and path can't be set at the same time"))
                    }
                    (None, None) => return Err(invalid("must specify one of patch and path")),
                    (Some(path), None) => patch::PatchText {
                        text: self.read_file(field, path)?,
                        origin: self.dir.join(path).display().to_string(),
                    },
                    // PatchTransformer trims an inline patch (the final line break of a
                    // block scalar at its end goes too); patchesJson6902 does not.
                    (None, Some(inline)) => patch::PatchText {
                        text: if field == "patches" {
                            inline.trim().to_string()
                        } else {
                            inline.clone()
                        },
                        origin: format!("{} (inline patch)", self.file),
                    },
                };
                Ok((e.clone(), text))
            })
            .collect()
    }

    /// Replacement entries with `path` entries replaced by the replacements their files
    /// hold (one or a list), read through the load restrictor.
    pub fn resolve_replacements(
        &self,
        entries: &[kustomization::ReplacementField],
        field: &'static str,
    ) -> Result<Vec<kustomization::ReplacementField>, BuildError> {
        let mut out = Vec::new();
        for entry in entries {
            let Some(path) = entry.path.as_deref().filter(|p| !p.is_empty()) else {
                out.push(entry.clone());
                continue;
            };
            if entry.source.is_some() || entry.targets.as_ref().is_some_and(|t| !t.is_empty()) {
                return Err(BuildError::Transform {
                    file: self.file.clone(),
                    field,
                    message: format!("{path}: cannot specify both path and inline replacement"),
                });
            }
            let text = self.read_file(field, path)?;
            let list = kustomization::parse_replacement_file(&text).map_err(|message| {
                let source = BuildError::Invalid {
                    file: self.dir.join(path).display().to_string(),
                    message,
                };
                self.entry_error(field, path, source)
            })?;
            out.extend(list);
        }
        Ok(out)
    }

    pub fn entry_error(&self, field: &'static str, entry: &str, source: BuildError) -> BuildError {
        // A remote entry's error already names the file, field and entry.
        if matches!(source, BuildError::Remote { .. }) {
            return source;
        }
        BuildError::Entry {
            file: self.file.clone(),
            field,
            entry: entry.to_string(),
            cause: Box::new(source),
        }
    }
}
