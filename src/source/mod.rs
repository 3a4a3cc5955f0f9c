//! Turning `-f` paths (files, directories, `-` for stdin) into objects. `kzr build -f A -f B`
//! is the same as building an implicit kustomization whose `resources` are A and B.

use crate::object::{self, find_duplicate, Object, ObjectError, ObjectId, Origin};
use std::io::Read;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum SourceError {
    #[error("{path}: {}", crate::explain::io_words(error))]
    Io { path: String, error: std::io::Error },
    #[error("{path}: not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error(transparent)]
    Object(#[from] ObjectError),
    #[error("{} is defined twice: at {} and at {}", .0.id, .0.first, .0.second)]
    Duplicate(Box<Duplicate>),
}

/// The same object id found in two places.
#[derive(Debug)]
pub struct Duplicate {
    pub id: ObjectId,
    pub first: Origin,
    pub second: Origin,
}

/// How `-` is named in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a file (or stdin for `-`) and returns the objects in it.
pub fn read_path(path: &Path) -> Result<Vec<Object>, SourceError> {
    let name = path.display().to_string();
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|source| SourceError::Io {
                path: STDIN_NAME.into(),
                error: source,
            })?;
        buf
    } else {
        std::fs::read(path).map_err(|source| SourceError::Io {
            path: name.clone(),
            error: source,
        })?
    };
    let display = if path == Path::new("-") {
        STDIN_NAME.to_string()
    } else {
        name
    };
    objects_from_bytes(&bytes, &display)
}

/// The objects in the bytes of a file, named `display` in messages.
pub fn objects_from_bytes(bytes: &[u8], display: &str) -> Result<Vec<Object>, SourceError> {
    let text = std::str::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
        path: display.to_string(),
        offset: e.valid_up_to(),
    })?;
    Ok(object::read_objects(text, display)?)
}

/// Expands `-f` arguments: files are taken as given, directories are walked recursively in
/// name order for `.yaml`, `.yml` and `.json` files.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, SourceError> {
    let mut out = Vec::new();
    for p in paths {
        if p != Path::new("-") && p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SourceError> {
    let io = |source| SourceError::Io {
        path: dir.display().to_string(),
        error: source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json")
        ) {
            out.push(p);
        }
    }
    Ok(())
}

/// Objects from `-f` arguments, in argument order, refusing duplicate ids.
pub fn read_paths(paths: &[PathBuf]) -> Result<Vec<Object>, SourceError> {
    let mut objects = Vec::new();
    for p in expand_paths(paths)? {
        objects.extend(read_path(&p)?);
    }
    ensure_unique(&objects)?;
    Ok(objects)
}

/// Fails on the first id defined twice.
pub fn ensure_unique(objects: &[Object]) -> Result<(), SourceError> {
    match find_duplicate(objects) {
        Some((id, first, second)) => Err(SourceError::Duplicate(Box::new(Duplicate {
            id,
            first,
            second,
        }))),
        None => Ok(()),
    }
}
