//! Signing and verification keys as cosign and openssl write them: cosign's encrypted private
//! keys (`ENCRYPTED SIGSTORE PRIVATE KEY` / `ENCRYPTED COSIGN PRIVATE KEY`: a JSON envelope
//! with scrypt parameters, a salt and a NaCl secretbox holding PKCS#8), plain PKCS#8
//! (`PRIVATE KEY`) and SEC1 (`EC PRIVATE KEY`) keys, and PKIX (`PUBLIC KEY`) public keys. Only
//! ECDSA P-256 keys, cosign's default; the key material never appears in errors.

use base64::Engine;
use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::XSalsa20Poly1305;
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{DerSignature, Signature, SigningKey, VerifyingKey};
use p256::pkcs8::der::pem;
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The PEM labels of cosign's encrypted keys (SIGSTORE is what cosign writes today).
const ENCRYPTED_LABELS: [&str; 2] = [
    "ENCRYPTED SIGSTORE PRIVATE KEY",
    "ENCRYPTED COSIGN PRIVATE KEY",
];
/// scrypt work factors past these are refused rather than computed: cosign writes N = 2^15,
/// r = 8, p = 1, and a hostile file could otherwise ask for gigabytes of memory.
const MAX_LOG_N: u8 = 20;
const MAX_R: u32 = 32;
const MAX_P: u32 = 16;

#[derive(Debug, Error)]
pub enum KeyError {
    #[error("cosign key {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("cosign key {path}: no PEM block (expected an ENCRYPTED SIGSTORE/COSIGN PRIVATE KEY, PRIVATE KEY or EC PRIVATE KEY)")]
    NotPem { path: PathBuf },
    #[error("cosign key {path}: a {label} block is not a private key kzr can sign with (cosign encrypted, PKCS#8 or SEC1 EC P-256)")]
    UnsupportedPrivate { path: PathBuf, label: String },
    #[error("cosign key {path}: not a PUBLIC KEY (PKIX PEM) file")]
    NotPublic { path: PathBuf },
    #[error("cosign key {path}: not an ECDSA P-256 key (kzr signs and verifies with P-256, cosign's default)")]
    NotP256 { path: PathBuf },
    #[error("cosign key {path}: corrupt key file: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("cosign key {path}: wrong password (or a corrupt key file)")]
    WrongPassword { path: PathBuf },
    #[error("cosign key {path} is encrypted: set COSIGN_PASSWORD, or run on a terminal to be asked for the password")]
    NoPassword { path: PathBuf },
}

impl crate::explain::Hint for KeyError {
    fn hint(&self) -> Option<&'static str> {
        match self {
            KeyError::WrongPassword { .. } => {
                Some("set COSIGN_PASSWORD to the password the key was generated with")
            }
            KeyError::NotPublic { .. } => Some(
                "verification takes the public key (cosign.pub); signing takes the private key",
            ),
            KeyError::UnsupportedPrivate { .. } => Some(
                "signing takes the private key (cosign.key); verification takes the public key",
            ),
            _ => None,
        }
    }
}

/// A private key to sign with.
pub struct PrivateKey {
    key: SigningKey,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateKey")
            .field("fingerprint", &self.public().fingerprint())
            .finish()
    }
}

impl PrivateKey {
    /// Reads a private key file; `password` is asked for only when the key is encrypted.
    pub fn load(
        path: &Path,
        password: impl FnOnce() -> Option<String>,
    ) -> Result<PrivateKey, KeyError> {
        let text = read(path)?;
        Self::parse(&text, path, password)
    }

    fn parse(
        text: &str,
        path: &Path,
        password: impl FnOnce() -> Option<String>,
    ) -> Result<PrivateKey, KeyError> {
        let blocks = pem_blocks(text, path)?;
        let not_p256 = || KeyError::NotP256 {
            path: path.to_path_buf(),
        };
        // The first private key block: openssl puts `EC PARAMETERS` before a SEC1 key.
        for (label, der) in &blocks {
            let key = match label.as_str() {
                l if ENCRYPTED_LABELS.contains(&l) => {
                    let password = password().ok_or_else(|| KeyError::NoPassword {
                        path: path.to_path_buf(),
                    })?;
                    let pkcs8 = decrypt(der, password.as_bytes(), path)?;
                    p256::SecretKey::from_pkcs8_der(&pkcs8).map_err(|_| not_p256())?
                }
                "PRIVATE KEY" => p256::SecretKey::from_pkcs8_der(der).map_err(|_| not_p256())?,
                "EC PRIVATE KEY" => p256::SecretKey::from_sec1_der(der).map_err(|_| not_p256())?,
                "EC PARAMETERS" => continue,
                other => {
                    return Err(KeyError::UnsupportedPrivate {
                        path: path.to_path_buf(),
                        label: other.to_string(),
                    })
                }
            };
            return Ok(PrivateKey {
                key: SigningKey::from(key),
            });
        }
        Err(KeyError::NotPem {
            path: path.to_path_buf(),
        })
    }

    /// An ECDSA P-256 / SHA-256 signature of `message`, ASN.1 DER (RFC 6979 nonces, so the
    /// same key and message always give the same signature).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let signature: DerSignature = self.key.sign(message);
        signature.as_bytes().to_vec()
    }

    pub fn public(&self) -> PublicKey {
        PublicKey {
            key: *self.key.verifying_key(),
        }
    }
}

/// A public key to verify with.
#[derive(Debug, Clone)]
pub struct PublicKey {
    key: VerifyingKey,
}

impl PublicKey {
    /// Reads a PKIX `PUBLIC KEY` PEM file (`cosign.pub`, `openssl ec -pubout`).
    pub fn load(path: &Path) -> Result<PublicKey, KeyError> {
        let text = read(path)?;
        Self::parse(&text, path)
    }

    fn parse(text: &str, path: &Path) -> Result<PublicKey, KeyError> {
        let blocks = pem_blocks(text, path)?;
        let (_, der) = blocks
            .iter()
            .find(|(label, _)| label == "PUBLIC KEY")
            .ok_or_else(|| KeyError::NotPublic {
                path: path.to_path_buf(),
            })?;
        let key = p256::PublicKey::from_public_key_der(der).map_err(|_| KeyError::NotP256 {
            path: path.to_path_buf(),
        })?;
        Ok(PublicKey {
            key: VerifyingKey::from(key),
        })
    }

    /// Whether `signature` (ASN.1 DER) is this key's ECDSA P-256 / SHA-256 signature of
    /// `message`; `Err` says why not.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), &'static str> {
        let signature =
            Signature::from_der(signature).map_err(|_| "the signature is not ASN.1 DER ECDSA")?;
        self.key
            .verify(message, &signature)
            .map_err(|_| "the signature does not verify with the key")
    }

    /// The key's fingerprint: the SHA-256 of its DER SubjectPublicKeyInfo, in hex (what
    /// `openssl pkey -pubin -in cosign.pub -outform DER | sha256sum` prints).
    pub fn fingerprint(&self) -> String {
        let der = p256::PublicKey::from(&self.key)
            .to_public_key_der()
            .map(|d| d.as_bytes().to_vec())
            .unwrap_or_default();
        crate::artifact::sha256_hex(&der)
    }
}

/// The password of an encrypted key: `COSIGN_PASSWORD` when set (even empty, as cosign reads
/// it), else a prompt when stdin and stderr are terminals, else none.
pub fn password_from_env_or_terminal() -> Option<String> {
    if let Some(p) = std::env::var_os("COSIGN_PASSWORD") {
        return Some(p.to_string_lossy().into_owned());
    }
    use std::io::IsTerminal;
    let term = console::Term::stderr();
    if !(std::io::stdin().is_terminal() && term.is_term()) {
        return None;
    }
    term.write_str("Enter password for private key: ").ok()?;
    term.read_secure_line().ok()
}

fn read(path: &Path) -> Result<String, KeyError> {
    let bytes = std::fs::read(path).map_err(|e| KeyError::Read {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|_| KeyError::NotPem {
        path: path.to_path_buf(),
    })
}

/// The PEM blocks of a file, in order: (label, decoded bytes).
fn pem_blocks(text: &str, path: &Path) -> Result<Vec<(String, Vec<u8>)>, KeyError> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block = &rest[start..];
        let label_end = block["-----BEGIN ".len()..]
            .find("-----")
            .map(|i| i + "-----BEGIN ".len());
        let Some(label_end) = label_end else { break };
        let label = &block["-----BEGIN ".len()..label_end];
        let end_line = format!("-----END {label}-----");
        let Some(end) = block.find(&end_line) else {
            return Err(KeyError::Corrupt {
                path: path.to_path_buf(),
                reason: format!("the {label} block has no END line"),
            });
        };
        let whole = &block[..end + end_line.len()];
        let (_, der) = pem::decode_vec(whole.as_bytes()).map_err(|e| KeyError::Corrupt {
            path: path.to_path_buf(),
            reason: format!("the {label} block is not valid PEM: {e}"),
        })?;
        blocks.push((label.to_string(), der));
        rest = &block[whole.len()..];
    }
    if blocks.is_empty() {
        return Err(KeyError::NotPem {
            path: path.to_path_buf(),
        });
    }
    Ok(blocks)
}

/// Opens cosign's encrypted key envelope (go-securesystemslib's `encrypted` format):
/// `{"kdf":{"name":"scrypt","params":{"N","r","p"},"salt"},"cipher":{"name":"nacl/secretbox",
/// "nonce"},"ciphertext"}`, salt, nonce and ciphertext in standard base64; the secretbox key
/// is scrypt(password, salt, N, r, p) of 32 bytes.
fn decrypt(envelope: &[u8], password: &[u8], path: &Path) -> Result<Vec<u8>, KeyError> {
    let corrupt = |reason: &str| KeyError::Corrupt {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let v: serde_json::Value =
        serde_json::from_slice(envelope).map_err(|_| corrupt("the envelope is not JSON"))?;
    let text = |pointer: &str| v.pointer(pointer).and_then(|x| x.as_str());
    let number = |pointer: &str| v.pointer(pointer).and_then(|x| x.as_u64());
    let b64 = |pointer: &str, what: &str| {
        text(pointer)
            .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
            .ok_or_else(|| corrupt(&format!("no base64 {what}")))
    };
    if text("/kdf/name") != Some("scrypt") {
        return Err(corrupt("the key derivation is not scrypt"));
    }
    if text("/cipher/name") != Some("nacl/secretbox") {
        return Err(corrupt("the cipher is not nacl/secretbox"));
    }
    let (Some(n), Some(r), Some(p)) = (
        number("/kdf/params/N"),
        number("/kdf/params/r"),
        number("/kdf/params/p"),
    ) else {
        return Err(corrupt("scrypt parameters N, r and p are missing"));
    };
    let log_n = u8::try_from(n.trailing_zeros()).unwrap_or(u8::MAX);
    let (Ok(r), Ok(p)) = (u32::try_from(r), u32::try_from(p)) else {
        return Err(corrupt("scrypt parameters out of range"));
    };
    if !n.is_power_of_two() || log_n == 0 || log_n > MAX_LOG_N || r > MAX_R || p > MAX_P {
        return Err(corrupt(&format!(
            "scrypt parameters N={n} r={r} p={p} are not allowed (N a power of two up to 2^{MAX_LOG_N}, r up to {MAX_R}, p up to {MAX_P})"
        )));
    }
    let salt = b64("/kdf/salt", "salt")?;
    let nonce = b64("/cipher/nonce", "nonce")?;
    let ciphertext = b64("/ciphertext", "ciphertext")?;
    if nonce.len() != 24 {
        return Err(corrupt("the nonce is not 24 bytes"));
    }
    let params = scrypt::Params::new(log_n, r, p, 32)
        .map_err(|_| corrupt("scrypt parameters out of range"))?;
    let mut key = [0u8; 32];
    scrypt::scrypt(password, &salt, &params, &mut key)
        .map_err(|_| corrupt("scrypt parameters out of range"))?;
    let cipher = XSalsa20Poly1305::new(&key.into());
    cipher
        .decrypt(nonce.as_slice().into(), ciphertext.as_slice())
        .map_err(|_| KeyError::WrongPassword {
            path: path.to_path_buf(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// cosign's own test key (pkg/cosign/keys_test.go, `pemsigstorekey`, password "hello").
    const SIGSTORE_KEY: &str = include_str!("../../tests/fixtures/signing/cosign.key");
    const SIGSTORE_PUB: &str = include_str!("../../tests/fixtures/signing/cosign.pub");

    fn path() -> &'static Path {
        Path::new("k.pem")
    }

    #[test]
    fn cosign_encrypted_key() {
        let key = PrivateKey::parse(SIGSTORE_KEY, path(), || Some("hello".into())).unwrap();
        let public = key.public();
        let sig = key.sign(b"payload");
        assert_eq!(public.verify(b"payload", &sig), Ok(()));
        assert!(public.verify(b"other", &sig).is_err());
        // `openssl pkey -pubin -in cosign.pub -outform DER | sha256sum`
        let fixture = PublicKey::parse(SIGSTORE_PUB, path()).unwrap();
        assert_eq!(
            fixture.fingerprint(),
            "f1057bf3c114d5486f0bdb3c702596d6154158248980d4be49f6c61fdc62c591"
        );
        assert_eq!(public.fingerprint(), fixture.fingerprint());
        assert_eq!(fixture.verify(b"payload", &sig), Ok(()));
        assert!(matches!(
            PrivateKey::parse(SIGSTORE_KEY, path(), || Some("wrong".into())),
            Err(KeyError::WrongPassword { .. })
        ));
        assert!(matches!(
            PrivateKey::parse(SIGSTORE_KEY, path(), || None),
            Err(KeyError::NoPassword { .. })
        ));
    }

    #[test]
    fn hostile_scrypt_parameters_are_refused() {
        let envelope = |n: u64| {
            let json = format!(
                r#"{{"kdf":{{"name":"scrypt","params":{{"N":{n},"r":8,"p":1}},"salt":"AAAA"}},"cipher":{{"name":"nacl/secretbox","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}},"ciphertext":"AAAA"}}"#
            );
            json.into_bytes()
        };
        for n in [1 << 30, 3, 0] {
            assert!(matches!(
                decrypt(&envelope(n), b"", path()),
                Err(KeyError::Corrupt { .. })
            ));
        }
        assert!(matches!(
            decrypt(&envelope(16), b"", path()),
            Err(KeyError::WrongPassword { .. })
        ));
        assert!(matches!(
            decrypt(b"not json", b"", path()),
            Err(KeyError::Corrupt { .. })
        ));
    }

    #[test]
    fn pem_files() {
        assert!(matches!(
            PrivateKey::parse("hello", path(), || None),
            Err(KeyError::NotPem { .. })
        ));
        assert!(matches!(
            PrivateKey::parse("-----BEGIN PRIVATE KEY-----\nAAAA\n", path(), || None),
            Err(KeyError::Corrupt { .. })
        ));
        let public = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEUG5jCLy+p6rJk2exjKEJSlfVdmJf\nDiKOFKte8vgoSZ1+VYgwmRBcsz42ZxES+PE/L6oWPJ3RiD99Sj3OviBA4Q==\n-----END PUBLIC KEY-----\n";
        assert!(matches!(
            PrivateKey::parse(public, path(), || None),
            Err(KeyError::UnsupportedPrivate { .. })
        ));
        assert!(PublicKey::parse(public, path()).is_ok());
        assert!(matches!(
            PublicKey::parse(SIGSTORE_KEY, path()),
            Err(KeyError::NotPublic { .. })
        ));
    }
}
