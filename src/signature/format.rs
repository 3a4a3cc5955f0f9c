//! cosign's signature format, byte for byte (its SIGNATURE_SPEC and what `cosign sign`
//! writes): the signatures of an artifact whose manifest digest is `sha256:HEX` live in the
//! same repository under the tag `sha256-HEX.sig`, as an OCI image manifest whose layers are
//! simple-signing payloads (media type `application/vnd.dev.cosign.simplesigning.v1+json`),
//! each carrying its base64 signature in the layer annotation
//! `dev.cosignproject.cosign/signature`. The config is the one go-containerregistry writes for
//! an empty image with those layers appended.

use crate::artifact::{digest_of, DOCKER_CONFIG, DOCKER_MANIFEST, OCI_MANIFEST};
use serde_json::{json, Value};

pub const SIMPLE_SIGNING: &str = "application/vnd.dev.cosign.simplesigning.v1+json";
pub const SIGNATURE_ANNOTATION: &str = "dev.cosignproject.cosign/signature";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
/// `critical.type` of cosign's payloads.
pub const PAYLOAD_TYPE: &str = "cosign container image signature";
/// go-containerregistry's zero time, which cosign leaves in the config unless asked to
/// record a creation time.
const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// The tag holding the signatures of the manifest with this digest: `sha256-HEX.sig`.
pub fn signature_tag(digest: &str) -> Option<String> {
    let hex = digest.strip_prefix("sha256:")?;
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("sha256-{hex}.sig"))
}

/// The simple-signing payload cosign signs: the repository (`docker-reference`, which
/// verification ignores so that copies stay valid) and the manifest digest. Key order and
/// spacing are Go's `json.Marshal` of cosign's struct.
pub fn payload(docker_reference: &str, digest: &str) -> Vec<u8> {
    let v = json!({
        "critical": {
            "identity": {"docker-reference": docker_reference},
            "image": {"docker-manifest-digest": digest},
            "type": PAYLOAD_TYPE,
        },
        "optional": null,
    });
    serde_json::to_vec(&v).unwrap_or_default()
}

/// The manifest digest a payload vouches for (`critical.image.docker-manifest-digest`).
pub fn payload_digest(payload: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(payload).ok()?;
    v.pointer("/critical/image/docker-manifest-digest")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// One signature layer of a signature manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureLayer {
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    /// The base64 signature annotation, when there is one.
    pub signature: Option<String>,
}

/// The layers of a signature manifest.
pub fn signature_layers(manifest: &[u8]) -> Result<Vec<SignatureLayer>, String> {
    let v: Value =
        serde_json::from_slice(manifest).map_err(|e| format!("not a JSON manifest: {e}"))?;
    let layers = v
        .get("layers")
        .and_then(Value::as_array)
        .ok_or("the manifest has no layers")?;
    Ok(layers
        .iter()
        .map(|l| {
            let text = |k: &str| l.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            SignatureLayer {
                media_type: text("mediaType"),
                digest: text("digest"),
                size: l.get("size").and_then(Value::as_u64).unwrap_or(0),
                signature: l
                    .pointer(&format!(
                        "/annotations/{}",
                        SIGNATURE_ANNOTATION.replace('/', "~1")
                    ))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            }
        })
        .collect())
}

/// A signature manifest ready to push: its bytes and media type, and its config blob.
#[derive(Debug, Clone)]
pub struct SignatureManifest {
    pub manifest: Vec<u8>,
    pub media_type: String,
    pub config: Vec<u8>,
    /// How many signatures it holds.
    pub signatures: usize,
}

/// The signature manifest with one more signature: `existing` (a manifest already under the
/// `.sig` tag) keeps its layers, annotations included, and its media types (Docker ones when
/// cosign was run with `DOCKER_MEDIA_TYPES`); a layer with the same payload and signature is
/// not added twice.
pub fn append(
    existing: Option<&[u8]>,
    payload: &[u8],
    signature_b64: &str,
) -> Result<SignatureManifest, String> {
    let mut layers: Vec<Value> = Vec::new();
    let mut docker = false;
    if let Some(bytes) = existing {
        let v: Value = serde_json::from_slice(bytes)
            .map_err(|e| format!("the existing signature manifest is not JSON: {e}"))?;
        docker = v.get("mediaType").and_then(Value::as_str) == Some(DOCKER_MANIFEST);
        layers = v
            .get("layers")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
    }
    let digest = digest_of(payload);
    let mut annotations = serde_json::Map::new();
    annotations.insert(SIGNATURE_ANNOTATION.into(), Value::from(signature_b64));
    let layer = json!({
        "mediaType": SIMPLE_SIGNING,
        "size": payload.len(),
        "digest": digest,
        "annotations": annotations,
    });
    let duplicate = layers.iter().any(|l| {
        l.get("digest").and_then(Value::as_str) == Some(digest.as_str())
            && l.pointer(&format!(
                "/annotations/{}",
                SIGNATURE_ANNOTATION.replace('/', "~1")
            ))
            .and_then(Value::as_str)
                == Some(signature_b64)
    });
    if !duplicate {
        layers.push(layer);
    }
    let diff_ids: Vec<Value> = layers
        .iter()
        .map(|l| l.get("digest").cloned().unwrap_or(Value::Null))
        .collect();
    let history: Vec<Value> = layers
        .iter()
        .map(|_| json!({"created": ZERO_TIME}))
        .collect();
    let config = serde_json::to_vec(&json!({
        "architecture": "",
        "created": ZERO_TIME,
        "history": history,
        "os": "",
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "config": {},
    }))
    .unwrap_or_default();
    let (media_type, config_type) = if docker {
        (DOCKER_MANIFEST, DOCKER_CONFIG)
    } else {
        (OCI_MANIFEST, OCI_CONFIG)
    };
    let signatures = layers.len();
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": media_type,
        "config": {"mediaType": config_type, "size": config.len(), "digest": digest_of(&config)},
        "layers": layers,
    }))
    .unwrap_or_default();
    Ok(SignatureManifest {
        manifest,
        media_type: media_type.to_string(),
        config,
        signatures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_payloads() {
        let digest = format!("sha256:{}", "ab".repeat(32));
        assert_eq!(
            signature_tag(&digest).unwrap(),
            format!("sha256-{}.sig", "ab".repeat(32))
        );
        assert_eq!(signature_tag("sha256:xyz"), None);
        assert_eq!(signature_tag("sha512:ab"), None);
        let p = payload("127.0.0.1:5000/team/app", &digest);
        assert_eq!(
            String::from_utf8(p.clone()).unwrap(),
            format!(
                r#"{{"critical":{{"identity":{{"docker-reference":"127.0.0.1:5000/team/app"}},"image":{{"docker-manifest-digest":"{digest}"}},"type":"cosign container image signature"}},"optional":null}}"#
            )
        );
        assert_eq!(payload_digest(&p), Some(digest));
        assert_eq!(payload_digest(b"{}"), None);
    }

    /// What cosign v1.13 pushed for one signature (a registry log in a public issue): the
    /// manifest's bytes are go-containerregistry's, and ours must be the same.
    #[test]
    fn the_manifest_is_cosigns() {
        let payload = vec![b'x'; 252];
        let sig = "MEYCIQCPH7NJAIfrB6BZN91dV0o7l/i11muXrvrAh100jDMMhAIhAPsLH0oXb2OPITXRpWBMUd3vHtz5Ks5pql2Hr6t/IJXw";
        let m = append(None, &payload, sig).unwrap();
        let pd = digest_of(&payload);
        assert_eq!(
            String::from_utf8(m.config.clone()).unwrap(),
            format!(
                r#"{{"architecture":"","created":"0001-01-01T00:00:00Z","history":[{{"created":"0001-01-01T00:00:00Z"}}],"os":"","rootfs":{{"type":"layers","diff_ids":["{pd}"]}},"config":{{}}}}"#
            )
        );
        assert_eq!(
            String::from_utf8(m.manifest.clone()).unwrap(),
            format!(
                r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{{"mediaType":"application/vnd.oci.image.config.v1+json","size":{},"digest":"{}"}},"layers":[{{"mediaType":"application/vnd.dev.cosign.simplesigning.v1+json","size":252,"digest":"{pd}","annotations":{{"dev.cosignproject.cosign/signature":"{sig}"}}}}]}}"#,
                m.config.len(),
                digest_of(&m.config)
            )
        );
        assert_eq!(m.signatures, 1);
        // Signing again appends; the same signature again does not.
        let again = append(Some(&m.manifest), b"other", "c2ln").unwrap();
        assert_eq!(again.signatures, 2);
        let layers = signature_layers(&again.manifest).unwrap();
        assert_eq!(layers[0].signature.as_deref(), Some(sig));
        assert_eq!(layers[1].digest, digest_of(b"other"));
        assert_eq!(
            append(Some(&again.manifest), b"other", "c2ln")
                .unwrap()
                .signatures,
            2
        );
        let docker = br#"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","layers":[]}"#;
        let d = append(Some(docker), b"p", "c2ln").unwrap();
        assert_eq!(d.media_type, DOCKER_MANIFEST);
        assert!(append(Some(b"<html>"), b"p", "c2ln").is_err());
    }
}
