//! Artifact formats: writing kustomizer's format (one gzip tar layer holding `all.yaml`,
//! Docker schema-2 manifest, metadata in manifest annotations) reproducibly, and reading it
//! back safely (digests, sizes, checksum, decompression cap, only regular files, nothing
//! written to disk). docs/formats.md describes every format written and read.

pub mod encryption;

use encryption::{Identity, Recipient};
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use thiserror::Error;

pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
pub const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const FLUX_LAYER: &str = "application/vnd.cncf.flux.content.v1.tar+gzip";
pub const NUON_LAYER: &str = "application/vnd.nuon.archive.layer.v1.tar+gzip";

pub const VERSION_ANNOTATION: &str = "kustomizer.dev/version";
pub const CHECKSUM_ANNOTATION: &str = "kustomizer.dev/checksum";
pub const CREATED_ANNOTATION: &str = "kustomizer.dev/created";
pub const ENCRYPTED_ANNOTATION: &str = "kustomizer.dev/encrypted";
pub const SOURCE_ANNOTATION: &str = "org.opencontainers.image.source";
pub const REVISION_ANNOTATION: &str = "org.opencontainers.image.revision";

/// The version written in `kustomizer.dev/version`.
pub const FORMAT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Default cap on the decompressed size of a pulled artifact.
pub const DEFAULT_MAX_SIZE: u64 = 256 * 1024 * 1024;

#[derive(Debug, Error, PartialEq)]
pub enum ArtifactError {
    #[error("manifest is not valid JSON: {0}")]
    BadManifest(String),
    #[error("manifest has no layers")]
    NoLayers,
    #[error(
        "unknown artifact format (manifest media type {manifest:?}, layer media types {layers:?})"
    )]
    UnknownFormat {
        manifest: String,
        layers: Vec<String>,
    },
    #[error("missing annotation {0:?}")]
    MissingAnnotation(&'static str),
    #[error("blob {digest}: expected {expected}, got {actual}")]
    Integrity {
        digest: String,
        expected: String,
        actual: String,
    },
    #[error("content is larger than {0} bytes (raise --max-size if this is expected)")]
    TooLarge(u64),
    #[error("layer is not a valid gzip tar archive: {0}")]
    BadArchive(String),
    #[error("content is not valid UTF-8")]
    NotUtf8,
    #[error("checksum mismatch: the annotation says {expected}, the content hashes to {actual}")]
    ChecksumMismatch { expected: String, actual: String },
    #[error("encrypted artifact: pass --age-identities with a key it was encrypted to")]
    Encrypted,
    #[error("cannot decrypt: {0}")]
    Decrypt(String),
    #[error("cannot encrypt: {0}")]
    Encrypt(String),
}

/// The metadata kept in manifest annotations.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    pub version: String,
    pub checksum: String,
    pub created: String,
    pub encrypted: Option<String>,
    pub source: Option<String>,
    pub revision: Option<String>,
    /// Further annotations (kept and printed by `inspect`).
    pub extra: BTreeMap<String, String>,
}

impl Metadata {
    fn annotations(&self) -> BTreeMap<String, String> {
        let mut a = self.extra.clone();
        a.insert(VERSION_ANNOTATION.into(), self.version.clone());
        a.insert(CHECKSUM_ANNOTATION.into(), self.checksum.clone());
        a.insert(CREATED_ANNOTATION.into(), self.created.clone());
        for (k, v) in [
            (ENCRYPTED_ANNOTATION, &self.encrypted),
            (SOURCE_ANNOTATION, &self.source),
            (REVISION_ANNOTATION, &self.revision),
        ] {
            if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
                a.insert(k.into(), v.clone());
            }
        }
        a
    }
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

pub fn digest_of(data: &[u8]) -> String {
    format!("sha256:{}", sha256_hex(data))
}

/// The `created` time: the given RFC 3339 time, else `SOURCE_DATE_EPOCH`, else now; in
/// UTC with seconds precision.
pub fn created_time(flag: Option<&str>) -> Result<String, String> {
    if let Some(text) = flag {
        return crate::yaml::parse_timestamp(text)
            .filter(|_| text.contains('T') || text.contains('t'))
            .ok_or_else(|| {
                format!("--created {text:?} is not an RFC 3339 time (e.g. 2024-05-01T12:00:00Z)")
            });
    }
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds"))?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    };
    Ok(rfc3339_utc(secs))
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
pub fn rfc3339_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Metadata for new content.
pub fn metadata_for(
    content: &str,
    created: String,
    source: Option<String>,
    revision: Option<String>,
) -> Metadata {
    Metadata {
        version: FORMAT_VERSION.to_string(),
        checksum: sha256_hex(content.as_bytes()),
        created,
        encrypted: None,
        source,
        revision,
        extra: BTreeMap::new(),
    }
}

/// The container images objects use (pod specs, pod templates and job templates).
pub fn container_images(objects: &[crate::object::Object]) -> Vec<String> {
    let mut images = Vec::new();
    for o in objects {
        let v = o.as_value();
        for spec in [
            "/spec",
            "/spec/template/spec",
            "/spec/jobTemplate/spec/template/spec",
        ] {
            for list in ["initContainers", "containers"] {
                let pointer = format!("{spec}/{list}");
                for c in v
                    .pointer(&pointer)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(image) = c.get("image").and_then(Value::as_str) {
                        if !images.iter().any(|i| i == image) {
                            images.push(image.to_string());
                        }
                    }
                }
            }
        }
    }
    images
}

/// A packed artifact, ready to upload: the blobs and the manifest's exact bytes.
#[derive(Debug, Clone)]
pub struct Packed {
    pub manifest: Vec<u8>,
    /// The manifest's media type (Docker schema 2 or OCI).
    pub media_type: String,
    pub manifest_digest: String,
    pub config: Vec<u8>,
    pub config_digest: String,
    pub layer: Vec<u8>,
    pub layer_digest: String,
}

/// A tar with one regular file, no time, owner or host information.
fn tar_one_file(name: &str, data: &[u8]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_ustar();
    header.set_size(data.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(0);
    header.set_uid(0);
    header.set_gid(0);
    header.set_entry_type(tar::EntryType::Regular);
    // Writing into a Vec cannot fail; the name is a fixed short ASCII string.
    let _ = builder.append_data(&mut header, name, data);
    builder.into_inner().unwrap_or_default()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

/// Packs `content` (the multi-document YAML) in kustomizer's format, encrypted to
/// `recipients` when there are any (`all.yaml.age`, ASCII-armored age; the checksum stays
/// that of the plaintext). Without encryption the same content and metadata always give the
/// same bytes, so the same digest.
pub fn pack(
    content: &str,
    meta: &Metadata,
    recipients: &[Recipient],
) -> Result<Packed, ArtifactError> {
    pack_as(content, meta, recipients, MediaTypes::Docker)
}

/// The media types an artifact is packed with: Docker schema 2 (kustomizer's, what kzr
/// pushes to registries) or their OCI image-spec equivalents (what kzr writes into image
/// layouts, whose `index.json` OCI tools expect to list OCI manifests). The content,
/// annotations and blobs are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaTypes {
    Docker,
    Oci,
}

/// [`pack`] with the given media types.
pub fn pack_as(
    content: &str,
    meta: &Metadata,
    recipients: &[Recipient],
    media_types: MediaTypes,
) -> Result<Packed, ArtifactError> {
    let (manifest_type, config_type, layer_type) = match media_types {
        MediaTypes::Docker => (DOCKER_MANIFEST, DOCKER_CONFIG, DOCKER_LAYER),
        MediaTypes::Oci => (OCI_MANIFEST, OCI_CONFIG, OCI_LAYER),
    };
    let mut meta = meta.clone();
    let tar = if recipients.is_empty() {
        tar_one_file("all.yaml", content.as_bytes())
    } else {
        meta.encrypted = Some(encryption::AGE_FORMAT.to_string());
        let ct =
            encryption::encrypt(content.as_bytes(), recipients).map_err(ArtifactError::Encrypt)?;
        tar_one_file("all.yaml.age", &ct)
    };
    let layer = gzip(&tar);
    let config = serde_json::to_vec(&json!({
        "architecture": "",
        "created": "0001-01-01T00:00:00Z",
        "history": [{"created": "0001-01-01T00:00:00Z"}],
        "os": "",
        "rootfs": {"type": "layers", "diff_ids": [digest_of(&tar)]},
        "config": {}
    }))
    .unwrap_or_default();
    let (config_digest, layer_digest) = (digest_of(&config), digest_of(&layer));
    let meta = &meta;
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": manifest_type,
        "config": {"mediaType": config_type, "size": config.len(), "digest": config_digest},
        "layers": [{"mediaType": layer_type, "size": layer.len(), "digest": layer_digest}],
        "annotations": meta.annotations(),
    }))
    .unwrap_or_default();
    Ok(Packed {
        manifest_digest: digest_of(&manifest),
        media_type: manifest_type.to_string(),
        manifest,
        config,
        config_digest,
        layer,
        layer_digest,
    })
}

/// Which artifact layout a manifest describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Kustomizer,
    Flux,
    /// The platform's archive layer holding `manifest.yaml`.
    NuonArchive,
    /// The platform's older form: one layer per file.
    NuonFiles,
}

/// A parsed manifest: the layout, the layers to fetch and the metadata.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub format: Format,
    pub media_type: String,
    pub layers: Vec<Layer>,
    pub annotations: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    pub title: Option<String>,
}

pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, ArtifactError> {
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| ArtifactError::BadManifest(e.to_string()))?;
    let media_type = v
        .get("mediaType")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let annotations: BTreeMap<String, String> = v
        .get("annotations")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let layers: Vec<Layer> = v
        .get("layers")
        .and_then(Value::as_array)
        .map(|ls| {
            ls.iter()
                .map(|l| Layer {
                    media_type: l
                        .get("mediaType")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    digest: l
                        .get("digest")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    size: l.get("size").and_then(Value::as_u64).unwrap_or(0),
                    title: l
                        .pointer("/annotations/org.opencontainers.image.title")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default();
    if layers.is_empty() {
        return Err(ArtifactError::NoLayers);
    }
    let types: Vec<&str> = layers.iter().map(|l| l.media_type.as_str()).collect();
    let format = if annotations.contains_key(CHECKSUM_ANNOTATION) {
        Format::Kustomizer
    } else if types.contains(&FLUX_LAYER) {
        Format::Flux
    } else if types == [NUON_LAYER] {
        Format::NuonArchive
    } else if layers.iter().all(|l| l.title.is_some()) {
        Format::NuonFiles
    } else {
        return Err(ArtifactError::UnknownFormat {
            manifest: media_type,
            layers: types.iter().map(|s| s.to_string()).collect(),
        });
    };
    Ok(Manifest {
        format,
        media_type,
        layers,
        annotations,
    })
}

impl Manifest {
    /// kustomizer's metadata (required annotations present).
    pub fn metadata(&self) -> Result<Metadata, ArtifactError> {
        let get = |k: &'static str| {
            self.annotations
                .get(k)
                .cloned()
                .ok_or(ArtifactError::MissingAnnotation(k))
        };
        let opt = |k: &str| self.annotations.get(k).cloned();
        let known = [
            VERSION_ANNOTATION,
            CHECKSUM_ANNOTATION,
            CREATED_ANNOTATION,
            ENCRYPTED_ANNOTATION,
            SOURCE_ANNOTATION,
            REVISION_ANNOTATION,
        ];
        Ok(Metadata {
            version: get(VERSION_ANNOTATION)?,
            checksum: get(CHECKSUM_ANNOTATION)?,
            created: get(CREATED_ANNOTATION)?,
            encrypted: opt(ENCRYPTED_ANNOTATION),
            source: opt(SOURCE_ANNOTATION),
            revision: opt(REVISION_ANNOTATION),
            extra: self
                .annotations
                .iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        })
    }
}

/// Checks a downloaded blob against its descriptor.
pub fn verify_blob(data: &[u8], digest: &str, size: u64) -> Result<(), ArtifactError> {
    if data.len() as u64 != size {
        return Err(ArtifactError::Integrity {
            digest: digest.to_string(),
            expected: format!("{size} bytes"),
            actual: format!("{} bytes", data.len()),
        });
    }
    let actual = digest_of(data);
    if actual != digest {
        return Err(ArtifactError::Integrity {
            digest: digest.to_string(),
            expected: digest.to_string(),
            actual,
        });
    }
    Ok(())
}

/// The regular files of a (gzip) tar layer in archive order, with their paths. Other entry
/// types are skipped; entries with absolute or `..` paths are skipped; the total decompressed
/// size is capped.
pub fn layer_files(blob: &[u8], max_size: u64) -> Result<Vec<(String, Vec<u8>)>, ArtifactError> {
    let gz = blob.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::GzDecoder::new(blob))
    } else {
        Box::new(blob)
    };
    // One byte more than allowed tells "exactly at the cap" from "over it".
    let mut archive = tar::Archive::new(reader.take(max_size.saturating_add(1)));
    let mut files = Vec::new();
    let mut total: u64 = 0;
    let bad = |e: std::io::Error| ArtifactError::BadArchive(e.to_string());
    for entry in archive.entries().map_err(bad)? {
        let mut entry = entry.map_err(bad)?;
        total = total.saturating_add(entry.header().size().unwrap_or(0));
        if total > max_size {
            return Err(ArtifactError::TooLarge(max_size));
        }
        if entry.header().entry_type() != tar::EntryType::Regular {
            continue;
        }
        let path = entry.path().map_err(bad)?.to_string_lossy().into_owned();
        if path.starts_with('/') || path.split('/').any(|p| p == "..") {
            continue;
        }
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(|e| {
            if total >= max_size {
                ArtifactError::TooLarge(max_size)
            } else {
                ArtifactError::BadArchive(e.to_string())
            }
        })?;
        files.push((path, data));
    }
    Ok(files)
}

fn is_manifest_file(path: &str) -> bool {
    path.ends_with(".yaml") || path.ends_with(".yml") || path.ends_with(".json")
}

/// The YAML content of an artifact from its layers' data (in manifest order); encrypted
/// kustomizer artifacts are decrypted with `identities`.
pub fn content(
    manifest: &Manifest,
    layers: &[Vec<u8>],
    max_size: u64,
    identities: &[Identity],
) -> Result<String, ArtifactError> {
    let text = |b: Vec<u8>| String::from_utf8(b).map_err(|_| ArtifactError::NotUtf8);
    match manifest.format {
        Format::Kustomizer => {
            let meta = manifest.metadata()?;
            let files = layer_files(&layers[0], max_size)?;
            let mut data: Vec<u8> = files.into_iter().flat_map(|(_, d)| d).collect();
            if meta.encrypted.as_deref().is_some_and(|e| !e.is_empty()) {
                if identities.is_empty() {
                    return Err(ArtifactError::Encrypted);
                }
                data = encryption::decrypt(&data, identities).map_err(ArtifactError::Decrypt)?;
            }
            let content = text(data)?;
            let actual = sha256_hex(content.as_bytes());
            if actual != meta.checksum {
                return Err(ArtifactError::ChecksumMismatch {
                    expected: meta.checksum,
                    actual,
                });
            }
            Ok(content)
        }
        Format::Flux | Format::NuonArchive => {
            let mut files = Vec::new();
            for (layer, data) in manifest.layers.iter().zip(layers) {
                if layer.media_type == FLUX_LAYER || layer.media_type == NUON_LAYER {
                    files.extend(layer_files(data, max_size)?);
                }
            }
            if manifest.format == Format::NuonArchive {
                files.retain(|(p, _)| p.trim_start_matches("./") == "manifest.yaml");
            } else {
                files.retain(|(p, _)| is_manifest_file(p));
                files.sort_by(|a, b| a.0.cmp(&b.0));
            }
            join_documents(files.into_iter().map(|(_, d)| d), text)
        }
        Format::NuonFiles => {
            let docs = layers.iter().cloned();
            join_documents(docs, text)
        }
    }
}

fn join_documents(
    docs: impl Iterator<Item = Vec<u8>>,
    text: impl Fn(Vec<u8>) -> Result<String, ArtifactError>,
) -> Result<String, ArtifactError> {
    let mut out = String::new();
    for d in docs {
        let t = text(d)?;
        if !out.is_empty() {
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("---\n");
        }
        out.push_str(&t);
    }
    Ok(out)
}

/// A JSON summary of a manifest's layers, for `inspect -o json`.
pub fn describe_layers(manifest: &Manifest) -> Value {
    Value::Array(
        manifest
            .layers
            .iter()
            .map(|l| {
                let mut m = Map::new();
                m.insert("mediaType".into(), Value::String(l.media_type.clone()));
                m.insert("digest".into(), Value::String(l.digest.clone()));
                m.insert("size".into(), Value::from(l.size));
                Value::Object(m)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(content: &str) -> Metadata {
        Metadata {
            version: "0.1.0".into(),
            checksum: sha256_hex(content.as_bytes()),
            created: "2024-01-02T03:04:05Z".into(),
            ..Default::default()
        }
    }

    #[test]
    fn times() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(
            created_time(Some("2024-05-01T12:00:00Z")).unwrap(),
            "2024-05-01T12:00:00Z"
        );
        assert!(created_time(Some("yesterday")).is_err());
        assert!(created_time(Some("2024-05-01")).is_err());
    }

    #[test]
    fn pack_is_reproducible_and_readable() {
        let content = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";
        let a = pack(content, &meta(content), &[]).unwrap();
        let b = pack(content, &meta(content), &[]).unwrap();
        assert_eq!(a.manifest, b.manifest);
        assert_eq!(a.manifest_digest, b.manifest_digest);
        let m = parse_manifest(&a.manifest).unwrap();
        assert_eq!(m.format, Format::Kustomizer);
        assert_eq!(
            m.metadata().unwrap().checksum,
            sha256_hex(content.as_bytes())
        );
        verify_blob(&a.layer, &m.layers[0].digest, m.layers[0].size).unwrap();
        assert_eq!(content_of(&m, &a.layer), Ok(content.to_string()));
        let files = layer_files(&a.layer, DEFAULT_MAX_SIZE).unwrap();
        assert_eq!(files[0].0, "all.yaml");
    }

    fn content_of(m: &Manifest, layer: &[u8]) -> Result<String, ArtifactError> {
        content(m, &[layer.to_vec()], DEFAULT_MAX_SIZE, &[])
    }

    #[test]
    fn integrity_and_limits() {
        let content = "kind: A\n";
        let mut bad_meta = meta(content);
        bad_meta.checksum = "0".repeat(64);
        let p = pack(content, &bad_meta, &[]).unwrap();
        let m = parse_manifest(&p.manifest).unwrap();
        assert!(matches!(
            content_of(&m, &p.layer),
            Err(ArtifactError::ChecksumMismatch { .. })
        ));
        assert!(verify_blob(&p.layer, &p.config_digest, p.layer.len() as u64).is_err());
        // A gzip bomb: 64 MiB of zeros compress to about 64 KiB.
        let bomb = gzip(&tar_one_file("all.yaml", &vec![0u8; 64 << 20]));
        assert!(bomb.len() < 1 << 20);
        assert_eq!(
            layer_files(&bomb, 1 << 20),
            Err(ArtifactError::TooLarge(1 << 20))
        );
        assert!(matches!(
            layer_files(&bomb[..bomb.len() / 2], DEFAULT_MAX_SIZE),
            Err(ArtifactError::BadArchive(_))
        ));
        let no_layers = br#"{"schemaVersion":2,"layers":[]}"#;
        assert_eq!(
            parse_manifest(no_layers).unwrap_err(),
            ArtifactError::NoLayers
        );
        let unknown = br#"{"schemaVersion":2,"mediaType":"x","layers":[{"mediaType":"application/octet-stream","digest":"sha256:0","size":1}]}"#;
        assert!(matches!(
            parse_manifest(unknown).unwrap_err(),
            ArtifactError::UnknownFormat { .. }
        ));
    }

    #[test]
    fn encrypted_round_trip() {
        let plain = "kind: Secret\n";
        let id = Identity::generate();
        let p = pack(plain, &meta(plain), &[id.to_public()]).unwrap();
        let m = parse_manifest(&p.manifest).unwrap();
        assert_eq!(m.annotations[ENCRYPTED_ANNOTATION], "age-encryption.org/v1");
        assert_eq!(
            layer_files(&p.layer, DEFAULT_MAX_SIZE).unwrap()[0].0,
            "all.yaml.age"
        );
        assert_eq!(content_of(&m, &p.layer), Err(ArtifactError::Encrypted));
        assert_eq!(
            content(&m, std::slice::from_ref(&p.layer), DEFAULT_MAX_SIZE, &[id]).unwrap(),
            plain
        );
        assert!(matches!(
            content(
                &m,
                std::slice::from_ref(&p.layer),
                DEFAULT_MAX_SIZE,
                &[Identity::generate()]
            ),
            Err(ArtifactError::Decrypt(_))
        ));
    }

    #[test]
    fn hostile_tar_entries_are_skipped() {
        let mut builder = tar::Builder::new(Vec::new());
        for (name, kind) in [
            ("../escape.yaml", tar::EntryType::Regular),
            ("link", tar::EntryType::Symlink),
            ("ok.yaml", tar::EntryType::Regular),
        ] {
            let mut h = tar::Header::new_gnu();
            h.set_size(if kind == tar::EntryType::Regular {
                3
            } else {
                0
            });
            h.set_entry_type(kind);
            h.set_mode(0o644);
            {
                let raw = h.as_old_mut();
                raw.name[..name.len()].copy_from_slice(name.as_bytes());
            }
            h.set_cksum();
            let data: &[u8] = if kind == tar::EntryType::Regular {
                b"a: 1"
            } else {
                b""
            };
            builder
                .append(&h, &data[..h.size().unwrap() as usize])
                .unwrap();
        }
        let blob = gzip(&builder.into_inner().unwrap());
        let files = layer_files(&blob, DEFAULT_MAX_SIZE).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["ok.yaml"]);
    }
}
