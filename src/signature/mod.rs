//! Signed artifacts, in cosign's format (see [`format`]) so that `cosign verify --key`
//! accepts kzr's signatures and kzr accepts cosign's: signing with a key file and verifying
//! with a public key are native (ECDSA P-256 / SHA-256, [`keys`]); keyless signing and
//! verification (Fulcio certificates, Rekor) run the `cosign` binary, as kustomizer does.
//!
//! Key-based verification consults no transparency log: a signature passes when it verifies
//! with the given public key and its payload names the artifact's manifest digest, as
//! `cosign verify --key … --insecure-ignore-tlog` decides.

pub mod format;
pub mod keys;

pub use keys::{KeyError, PrivateKey, PublicKey};

use crate::artifact::{ArtifactError, Layer};
use crate::deadline::Deadline;
use crate::registry::{ArtifactRef, Registry, RegistryError};
use base64::Engine;
use thiserror::Error;

/// Signature payloads larger than this are not fetched (cosign's are about 250 bytes).
const PAYLOAD_LIMIT: u64 = 64 * 1024;
/// Signature layers looked at, at most (cosign refuses more than 1000).
const MAX_SIGNATURES: usize = 1000;

#[derive(Debug, Error)]
pub enum SignatureError {
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// `reference` names the digest too (see [`describe`]).
    #[error("{reference} is not signed: the repository has no {tag}")]
    Unsigned { reference: String, tag: String },
    #[error("{reference}: no signature verifies with the key {fingerprint}: {reasons}")]
    NotVerified {
        reference: String,
        fingerprint: String,
        reasons: String,
    },
    #[error("{reference}: the signature manifest {tag} is unusable: {reason}")]
    BadSignatureManifest {
        reference: String,
        tag: String,
        reason: String,
    },
    #[error("{reference}: keyless {action} needs the cosign command, which is not on PATH: install cosign, or pass --cosign-key {key}")]
    CosignMissing {
        reference: String,
        action: &'static str,
        key: &'static str,
    },
    #[error("{reference}: keyless {action} runs cosign, which reads registries, not image layouts: pass --cosign-key {key}")]
    KeylessLayout {
        reference: String,
        action: &'static str,
        key: &'static str,
    },
    #[error("{reference}: cosign {action} failed: {message}")]
    Cosign {
        reference: String,
        action: &'static str,
        message: String,
    },
}

impl crate::explain::Hint for SignatureError {
    fn hint(&self) -> Option<&'static str> {
        match self {
            SignatureError::Key(e) => e.hint(),
            SignatureError::Registry(e) => e.hint(),
            SignatureError::Unsigned { .. } => Some(
                "sign it with kzr push artifact --sign --cosign-key KEY (or cosign sign --key KEY)",
            ),
            SignatureError::NotVerified { .. } => Some(
                "check that --cosign-key is the public key of the key the artifact was signed with",
            ),
            _ => None,
        }
    }
}

/// How to sign: with a private key, or keyless through the `cosign` binary.
#[derive(Debug)]
pub enum Signer {
    Key(PrivateKey),
    Cosign(CosignCommand),
}

/// How to verify: with a public key, or keyless through the `cosign` binary.
#[derive(Debug, Clone)]
pub enum Verifier {
    Key(PublicKey),
    Cosign(CosignCommand),
}

/// Running `cosign` for keyless signing and verification.
#[derive(Debug, Clone)]
pub struct CosignCommand {
    /// Let cosign talk plain HTTP to the registry (`--plain-http`).
    pub insecure_registry: bool,
    /// cosign gets the time left as its `--timeout`.
    pub deadline: Deadline,
}

/// What a signing did.
#[derive(Debug, Clone, PartialEq)]
pub struct Signed {
    /// `host/repository:sha256-HEX.sig`.
    pub signature: String,
    /// The signing key's fingerprint (none for keyless signing).
    pub key_fingerprint: Option<String>,
}

/// What a verification established.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// The artifact's manifest digest the signature vouches for: pull exactly this.
    pub digest: String,
    /// The public key's fingerprint (none for keyless verification, where cosign decided).
    pub key_fingerprint: Option<String>,
}

impl Verified {
    /// kustomizer's `VerifiedBy` value.
    pub const BY: &'static str = "cosign";
}

/// The `docker-reference` of the payload: the repository as go-containerregistry names it
/// (Docker Hub is `index.docker.io`).
fn docker_reference(artifact: &ArtifactRef) -> String {
    let registry = match artifact.reference.registry() {
        crate::registry::reference::DOCKER_HUB => "index.docker.io",
        other => other,
    };
    format!("{registry}/{}", artifact.reference.repository())
}

/// The artifact as named, with the digest it resolved to when the name has none.
fn describe(artifact: &ArtifactRef, digest: &str) -> String {
    if artifact.reference.digest() == Some(digest) {
        artifact.to_string()
    } else {
        format!("{artifact} ({digest})")
    }
}

fn tag_for(artifact: &ArtifactRef, digest: &str) -> Result<String, SignatureError> {
    format::signature_tag(digest).ok_or_else(|| SignatureError::BadSignatureManifest {
        reference: artifact.to_string(),
        tag: digest.to_string(),
        reason: "only sha256 manifest digests can be signed".into(),
    })
}

/// Signs the manifest `digest` of `artifact`'s repository: appends a signature to the `.sig`
/// manifest (creating it when absent).
pub async fn sign(
    registry: &Registry,
    artifact: &ArtifactRef,
    digest: &str,
    signer: &Signer,
) -> Result<Signed, SignatureError> {
    let tag = tag_for(artifact, digest)?;
    let sig_artifact = artifact.with_tag(&tag);
    let key = match signer {
        Signer::Cosign(cosign) => {
            keyless_supported(artifact, true)?;
            cosign.run("sign", &artifact.digest_url(digest), &artifact.to_string())?;
            return Ok(Signed {
                signature: sig_artifact.to_string(),
                key_fingerprint: None,
            });
        }
        Signer::Key(key) => key,
    };
    let existing = match registry.manifest(&sig_artifact).await {
        Ok((bytes, _)) => Some(bytes),
        Err(RegistryError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let payload = format::payload(&docker_reference(artifact), digest);
    let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(&payload));
    let manifest = format::append(existing.as_deref(), &payload, &signature).map_err(|reason| {
        SignatureError::BadSignatureManifest {
            reference: artifact.to_string(),
            tag: tag.clone(),
            reason,
        }
    })?;
    registry
        .push_raw(
            &sig_artifact,
            &manifest.manifest,
            &manifest.media_type,
            &[&payload, &manifest.config],
        )
        .await?;
    Ok(Signed {
        signature: sig_artifact.to_string(),
        key_fingerprint: Some(key.public().fingerprint()),
    })
}

/// Verifies `artifact`: resolves its manifest digest and checks that a signature of it
/// verifies. Pull the returned digest, not the tag, so that what was verified is what is
/// used even if the tag moves meanwhile.
pub async fn verify(
    registry: &Registry,
    artifact: &ArtifactRef,
    verifier: &Verifier,
) -> Result<Verified, SignatureError> {
    if let Verifier::Cosign(_) = verifier {
        keyless_supported(artifact, false)?;
    }
    let (_, digest) = registry.manifest(artifact).await?;
    let tag = tag_for(artifact, &digest)?;
    let key = match verifier {
        Verifier::Cosign(cosign) => {
            cosign.run(
                "verify",
                &artifact.digest_url(&digest),
                &artifact.to_string(),
            )?;
            return Ok(Verified {
                digest,
                key_fingerprint: None,
            });
        }
        Verifier::Key(key) => key,
    };
    let sig_artifact = artifact.with_tag(&tag);
    let bytes = match registry.manifest(&sig_artifact).await {
        Ok((bytes, _)) => bytes,
        Err(RegistryError::NotFound(_)) => {
            return Err(SignatureError::Unsigned {
                reference: describe(artifact, &digest),
                tag,
            })
        }
        Err(e) => return Err(e.into()),
    };
    let bad_manifest = |reason: String| SignatureError::BadSignatureManifest {
        reference: artifact.to_string(),
        tag: tag.clone(),
        reason,
    };
    let layers = format::signature_layers(&bytes).map_err(bad_manifest)?;
    let mut reasons = Vec::new();
    for (n, layer) in layers.iter().take(MAX_SIGNATURES).enumerate() {
        match check(registry, &sig_artifact, layer, key, &digest).await? {
            Ok(()) => {
                return Ok(Verified {
                    digest,
                    key_fingerprint: Some(key.fingerprint()),
                })
            }
            Err(reason) => reasons.push(format!("signature {}: {reason}", n + 1)),
        }
    }
    if reasons.is_empty() {
        reasons.push("the signature manifest holds no signature".into());
    }
    Err(SignatureError::NotVerified {
        reference: describe(artifact, &digest),
        fingerprint: key.fingerprint(),
        reasons: reasons.join("; "),
    })
}

/// One signature layer: `Ok(Ok(()))` when it verifies with `key` and vouches for `digest`,
/// `Ok(Err(why))` when it does not, `Err` when the registry failed.
async fn check(
    registry: &Registry,
    sig_artifact: &ArtifactRef,
    layer: &format::SignatureLayer,
    key: &PublicKey,
    digest: &str,
) -> Result<Result<(), String>, SignatureError> {
    if layer.media_type != format::SIMPLE_SIGNING {
        return Ok(Err(format!(
            "media type {:?} is not a simple-signing payload",
            layer.media_type
        )));
    }
    let Some(signature) = &layer.signature else {
        return Ok(Err(format!(
            "no {} annotation",
            format::SIGNATURE_ANNOTATION
        )));
    };
    let Ok(signature) = base64::engine::general_purpose::STANDARD.decode(signature.trim()) else {
        return Ok(Err("the signature annotation is not base64".into()));
    };
    if layer.size > PAYLOAD_LIMIT {
        return Ok(Err(format!(
            "the payload is larger than {PAYLOAD_LIMIT} bytes"
        )));
    }
    let blob = Layer {
        media_type: layer.media_type.clone(),
        digest: layer.digest.clone(),
        size: layer.size,
        title: None,
    };
    let payload = match registry.blob(sig_artifact, &blob).await {
        Ok(p) => p,
        // A payload whose bytes are not what the manifest says is a tampered signature, not a
        // registry failure.
        Err(RegistryError::Artifact {
            error: e @ (ArtifactError::Integrity { .. } | ArtifactError::BadManifest(_)),
            ..
        }) => {
            return Ok(Err(format!(
                "the payload does not match its descriptor: {e}"
            )))
        }
        Err(e) => return Err(e.into()),
    };
    if let Err(why) = key.verify(&payload, &signature) {
        return Ok(Err(why.to_string()));
    }
    match format::payload_digest(&payload) {
        Some(d) if d == digest => Ok(Ok(())),
        Some(d) => Ok(Err(format!("it signs {d}, another artifact"))),
        None => Ok(Err("the signed payload names no manifest digest".into())),
    }
}

/// Copies the signatures of `digest` from `source`'s repository to `dest`'s, unchanged (same
/// signature manifest digest), with one client (`src` and `dst` the same, blobs mounted) or
/// two. Returns the signature manifest's reference at the destination, or `None` when the
/// source has no signatures.
pub async fn copy(
    src: &Registry,
    source: &ArtifactRef,
    dst: &Registry,
    dest: &ArtifactRef,
    digest: &str,
) -> Result<Option<String>, SignatureError> {
    let tag = tag_for(source, digest)?;
    let (sig_source, sig_dest) = (source.with_tag(&tag), dest.with_tag(&tag));
    match src.manifest(&sig_source).await {
        Ok(_) => {}
        Err(RegistryError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    }
    if std::ptr::eq(src, dst) {
        src.copy(&sig_source, &sig_dest).await?;
    } else {
        crate::registry::copy_between(src, &sig_source, dst, &sig_dest).await?;
    }
    Ok(Some(sig_dest.to_string()))
}

impl CosignCommand {
    /// Refuses keyless signing or verification up front when `cosign` is not on PATH (before
    /// anything is pushed or pulled).
    pub fn check_installed(&self, reference: &str, signing: bool) -> Result<(), SignatureError> {
        if crate::command::on_path("cosign") {
            return Ok(());
        }
        Err(missing(reference, signing))
    }

    /// `cosign ACTION [--allow-insecure-registry] --timeout Ns [--yes] REF@DIGEST` with
    /// `COSIGN_EXPERIMENTAL=true` (kustomizer's keyless call). Its output is not passed on:
    /// stdout carries only kzr's data.
    fn run(
        &self,
        action: &'static str,
        digest_ref: &str,
        reference: &str,
    ) -> Result<(), SignatureError> {
        let mut cmd = std::process::Command::new("cosign");
        cmd.arg(action);
        if self.insecure_registry {
            cmd.arg("--allow-insecure-registry");
        }
        cmd.arg(format!(
            "--timeout={}s",
            self.deadline.remaining().as_secs().max(1)
        ));
        if action == "sign" {
            cmd.arg("--yes");
        }
        cmd.arg(digest_ref)
            .env("COSIGN_EXPERIMENTAL", "true")
            .stdin(std::process::Stdio::null());
        let out = cmd.output().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                missing(reference, action == "sign")
            } else {
                SignatureError::Cosign {
                    reference: reference.to_string(),
                    action,
                    message: e.to_string(),
                }
            }
        })?;
        if out.status.success() {
            return Ok(());
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or("no message")
            .to_string();
        Err(SignatureError::Cosign {
            reference: reference.to_string(),
            action,
            message: format!("{last} ({})", out.status),
        })
    }
}

/// Refuses keyless signing or verification of an artifact in an image layout or archive
/// (the cosign command reads registries only); key-based signatures work everywhere.
pub fn keyless_supported(artifact: &ArtifactRef, signing: bool) -> Result<(), SignatureError> {
    if artifact.is_registry() {
        return Ok(());
    }
    Err(SignatureError::KeylessLayout {
        reference: artifact.to_string(),
        action: if signing { "signing" } else { "verification" },
        key: if signing { "KEY" } else { "PUB" },
    })
}

fn missing(reference: &str, signing: bool) -> SignatureError {
    SignatureError::CosignMissing {
        reference: reference.to_string(),
        action: if signing { "signing" } else { "verification" },
        key: if signing { "KEY" } else { "PUB" },
    }
}
