//! age encryption of artifact content, as kustomizer does it: X25519 recipients and
//! identities, ASCII armor, interoperable with the `age` command line tool.

use std::io::{Read, Write};
use std::str::FromStr;

pub use age::x25519::{Identity, Recipient};

/// The `kustomizer.dev/encrypted` value.
pub const AGE_FORMAT: &str = "age-encryption.org/v1";

fn key_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// A recipients file: one `age1…` key per line; `#` comments and blank lines ignored.
pub fn parse_recipients(text: &str) -> Result<Vec<Recipient>, String> {
    let keys: Vec<Recipient> = key_lines(text)
        .map(|(n, l)| {
            Recipient::from_str(l).map_err(|_| format!("malformed recipient at line {n}"))
        })
        .collect::<Result<_, _>>()?;
    if keys.is_empty() {
        return Err("no recipients found".into());
    }
    Ok(keys)
}

/// An identities file: `AGE-SECRET-KEY-1…` lines (age-keygen's output).
pub fn parse_identities(text: &str) -> Result<Vec<Identity>, String> {
    let keys: Vec<Identity> = key_lines(text)
        .map(|(n, l)| {
            Identity::from_str(l).map_err(|_| format!("malformed secret key at line {n}"))
        })
        .collect::<Result<_, _>>()?;
    if keys.is_empty() {
        return Err("no secret keys found".into());
    }
    Ok(keys)
}

/// Encrypts to every recipient, ASCII-armored.
pub fn encrypt(plaintext: &[u8], recipients: &[Recipient]) -> Result<Vec<u8>, String> {
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| format!("age: {e}"))?;
    let io = |e: std::io::Error| format!("age: {e}");
    let armored =
        age::armor::ArmoredWriter::wrap_output(Vec::new(), age::armor::Format::AsciiArmor)
            .map_err(io)?;
    let mut writer = encryptor.wrap_output(armored).map_err(io)?;
    writer.write_all(plaintext).map_err(io)?;
    writer.finish().and_then(|armor| armor.finish()).map_err(io)
}

/// Decrypts armored (or binary) age data with any of the identities.
pub fn decrypt(ciphertext: &[u8], identities: &[Identity]) -> Result<Vec<u8>, String> {
    let decryptor = age::Decryptor::new(age::armor::ArmoredReader::new(ciphertext))
        .map_err(|e| format!("age: {e}"))?;
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i as &dyn age::Identity))
        .map_err(|e| format!("age: {e}"))?;
    let mut out = Vec::new();
    reader
        .read_to_end(&mut out)
        .map_err(|e| format!("age: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_key_files() {
        let id = Identity::generate();
        let recipients = parse_recipients(&format!("# team key\n\n{}\n", id.to_public())).unwrap();
        let ct = encrypt(b"secret: yes\n", &recipients).unwrap();
        assert!(ct.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
        assert_eq!(decrypt(&ct, &[id]).unwrap(), b"secret: yes\n");
        assert!(decrypt(&ct, &[Identity::generate()]).is_err());
        assert_eq!(
            parse_recipients("# only comments\n").unwrap_err(),
            "no recipients found"
        );
        assert_eq!(
            parse_recipients("age1nope\n").unwrap_err(),
            "malformed recipient at line 1"
        );
        assert_eq!(
            parse_identities("\n").err().as_deref(),
            Some("no secret keys found")
        );
    }
}
