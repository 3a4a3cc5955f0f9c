//! Artifact references, parsed into [`ArtifactRef`]s: `oci://HOST/REPOSITORY[:TAG][@DIGEST]`
//! (a registry), `oci-layout:DIR[:TAG|@DIGEST]` (an OCI image layout directory) and
//! `oci-archive:FILE[:TAG|@DIGEST]` (the same layout in one tar file), and the URLs printed
//! for them. The rules for tags, digests and hosts are `reference`'s.

use super::reference::{self, Reference};
use super::registry_error::RegistryError;
use crate::artifact;
use std::path::PathBuf;

/// Where an artifact reference points: a registry (`oci://`), an OCI image layout directory
/// (`oci-layout:`) or the same layout in one tar file (`oci-archive:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Registry,
    Layout(PathBuf),
    Archive(PathBuf),
}

/// A parsed artifact reference: `oci://HOST/REPOSITORY[:TAG][@DIGEST]`,
/// `oci-layout:DIR[:TAG|@DIGEST]` or `oci-archive:FILE[:TAG|@DIGEST]`. For the layout kinds
/// the reference's registry is empty and its repository is the path; a layout reference
/// without tag or digest names the layout's only manifest.
#[derive(Debug, Clone)]
pub struct ArtifactRef {
    pub reference: Reference,
    location: Location,
}

/// The prefix of layout directory references.
pub const LAYOUT_SCHEME: &str = "oci-layout:";

/// The prefix of layout archive references.
pub const ARCHIVE_SCHEME: &str = "oci-archive:";

impl ArtifactRef {
    /// Parses an artifact reference. `oci://[host[:port]/]path[:tag][@algorithm:hex]`: a
    /// missing host is Docker Hub (one-segment paths get `library/`), a missing tag and
    /// digest is `latest`; with a digest, the digest is what is fetched. `oci-layout:DIR` and
    /// `oci-archive:FILE` take an optional `:TAG` (after the last `/`) or `@DIGEST`.
    pub fn parse(url: &str) -> Result<Self, RegistryError> {
        let bad = |reason: &str| RegistryError::InvalidReference {
            url: reference::without_userinfo(url),
            reason: reason.to_string(),
        };
        if let Some(rest) = url.strip_prefix(LAYOUT_SCHEME) {
            return Self::parse_layout(url, rest, false);
        }
        if let Some(rest) = url.strip_prefix(ARCHIVE_SCHEME) {
            return Self::parse_layout(url, rest, true);
        }
        let rest = url
            .strip_prefix("oci://")
            .ok_or_else(|| bad("must start with oci://, oci-layout: or oci-archive:"))?;
        let reference = Reference::parse(rest).map_err(bad)?;
        Ok(ArtifactRef {
            reference,
            location: Location::Registry,
        })
    }

    /// `PATH[:TAG][@DIGEST]` of a layout or archive reference.
    fn parse_layout(url: &str, rest: &str, archive: bool) -> Result<Self, RegistryError> {
        let bad = |reason: &str| RegistryError::InvalidReference {
            url: url.to_string(),
            reason: reason.to_string(),
        };
        let (path_tag, digest) = match rest.rsplit_once('@') {
            Some((p, d)) if d.contains(':') => {
                if !reference::valid_digest(d) {
                    return Err(bad("invalid digest (expected sha256:<64 hex digits>)"));
                }
                (p, Some(d.to_string()))
            }
            _ => (rest, None),
        };
        let (path, tag) = match path_tag.rsplit_once(':') {
            Some((p, t)) if !t.contains('/') => {
                if !reference::valid_tag(t) {
                    return Err(bad("invalid tag"));
                }
                (p, Some(t.to_string()))
            }
            _ => (path_tag, None),
        };
        if path.is_empty() {
            return Err(bad(if archive {
                "give the archive file: oci-archive:FILE.tar[:TAG]"
            } else {
                "give the layout directory: oci-layout:DIR[:TAG|@DIGEST]"
            }));
        }
        let location = if archive {
            Location::Archive(PathBuf::from(path))
        } else {
            Location::Layout(PathBuf::from(path))
        };
        Ok(ArtifactRef {
            reference: Reference::new("", path, tag, digest),
            location,
        })
    }

    /// Parses `oci://[host[:port]/]repository`: a repository, refusing a tag or digest (what
    /// `list artifacts` takes); or a layout or archive without tag or digest.
    pub fn parse_repository(url: &str) -> Result<Self, RegistryError> {
        let artifact = ArtifactRef::parse(url)?;
        let versioned = match artifact.location {
            Location::Registry => {
                let last = url.rsplit('/').next().unwrap_or_default();
                last.contains(':') || last.contains('@')
            }
            _ => artifact.reference.tag().is_some() || artifact.reference.digest().is_some(),
        };
        if versioned {
            return Err(RegistryError::InvalidReference {
                url: reference::without_userinfo(url),
                reason: "give a repository, without a tag or digest".into(),
            });
        }
        Ok(artifact)
    }

    /// Where the reference points.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Whether it names a registry (not a layout or archive on disk).
    pub fn is_registry(&self) -> bool {
        self.location == Location::Registry
    }

    /// The manifest media types to pack an artifact with for this destination: Docker
    /// schema 2 for registries (kustomizer's format), OCI for layouts (whose `index.json`
    /// OCI tools expect to list OCI manifests).
    pub fn media_types(&self) -> artifact::MediaTypes {
        match self.location {
            Location::Registry => artifact::MediaTypes::Docker,
            _ => artifact::MediaTypes::Oci,
        }
    }

    /// `host/repository` as printed in URLs (`oci-layout:DIR`, `oci-archive:FILE`).
    pub fn repository_url(&self) -> String {
        match &self.location {
            Location::Registry => format!(
                "{}/{}",
                self.reference.registry(),
                self.reference.repository()
            ),
            Location::Layout(_) => format!("{LAYOUT_SCHEME}{}", self.reference.repository()),
            Location::Archive(_) => format!("{ARCHIVE_SCHEME}{}", self.reference.repository()),
        }
    }

    /// The same repository with another tag (and no digest).
    pub fn with_tag(&self, tag: &str) -> ArtifactRef {
        ArtifactRef {
            reference: Reference::new(
                self.reference.registry(),
                self.reference.repository(),
                Some(tag.to_string()),
                None,
            ),
            location: self.location.clone(),
        }
    }

    /// The same repository at a digest.
    pub fn with_digest(&self, digest: &str) -> ArtifactRef {
        ArtifactRef {
            reference: Reference::new(
                self.reference.registry(),
                self.reference.repository(),
                None,
                Some(digest.to_string()),
            ),
            location: self.location.clone(),
        }
    }

    /// `host/repository@sha256:…`.
    pub fn digest_url(&self, digest: &str) -> String {
        format!("{}@{digest}", self.repository_url())
    }

    pub(super) fn host(&self) -> &str {
        self.reference.resolve_registry()
    }

    pub(super) fn repository(&self) -> &str {
        self.reference.repository()
    }
}

impl std::fmt::Display for ArtifactRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_registry() {
            return write!(f, "{}", self.reference.whole());
        }
        write!(f, "{}", self.repository_url())?;
        if let Some(t) = self.reference.tag() {
            write!(f, ":{t}")?;
        }
        if let Some(d) = self.reference.digest() {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// A printed artifact URL (`host/repository@digest`, as `digest_url` gives it) with its
/// scheme: `oci://` for registries; layout and archive URLs carry theirs already.
pub fn with_scheme(url: &str) -> String {
    if url.starts_with(LAYOUT_SCHEME) || url.starts_with(ARCHIVE_SCHEME) {
        url.to_string()
    } else {
        format!("oci://{url}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        let t = ArtifactRef::parse("oci://localhost:5000/team/app:v1").unwrap();
        assert_eq!(t.repository_url(), "localhost:5000/team/app");
        assert_eq!(t.reference.tag(), Some("v1"));
        let t = ArtifactRef::parse("oci://ghcr.io/org/app@sha256:0123456789012345678901234567890123456789012345678901234567890123").unwrap();
        assert!(t.reference.digest().is_some());
        let hub = ArtifactRef::parse("oci://nginx").unwrap();
        assert_eq!(hub.repository_url(), "docker.io/library/nginx");
        assert!(ArtifactRef::parse("ghcr.io/x").is_err());
        let both = ArtifactRef::parse("oci://ghcr.io/a/b:v1@sha256:0123456789012345678901234567890123456789012345678901234567890123").unwrap();
        assert_eq!(both.reference.tag(), Some("v1"));
        assert!(both.reference.digest().is_some());
        assert_eq!(
            ArtifactRef::parse("oci://localhost/x")
                .unwrap()
                .reference
                .registry(),
            "localhost"
        );
        assert!(ArtifactRef::parse("oci://ghcr.io/a:b:c").is_err());
        assert!(ArtifactRef::parse("oci://ghcr.io/a@sha256:xyz").is_err());
        assert!(ArtifactRef::parse("oci://ghcr.io/a/").is_err());
        assert!(ArtifactRef::parse("oci://").is_err());
        assert!(ArtifactRef::parse("oci://UPPER/Case").is_err());
        let l = ArtifactRef::parse("oci-layout:./bundle:v1").unwrap();
        assert_eq!(l.location(), &Location::Layout(PathBuf::from("./bundle")));
        assert_eq!(l.reference.tag(), Some("v1"));
        assert_eq!(l.to_string(), "oci-layout:./bundle:v1");
        assert_eq!(l.repository_url(), "oci-layout:./bundle");
        let d = "sha256:0123456789012345678901234567890123456789012345678901234567890123";
        let l = ArtifactRef::parse(&format!("oci-layout:/a/b.c@{d}")).unwrap();
        assert_eq!(l.reference.digest(), Some(d));
        assert_eq!(l.reference.tag(), None);
        assert_eq!(l.digest_url(d), format!("oci-layout:/a/b.c@{d}"));
        let untagged = ArtifactRef::parse("oci-layout:/a/v1:x/dir").unwrap();
        assert_eq!(untagged.reference.tag(), None);
        assert_eq!(untagged.reference.repository(), "/a/v1:x/dir");
        let a = ArtifactRef::parse("oci-archive:app.tar:1.0.0").unwrap();
        assert_eq!(a.location(), &Location::Archive(PathBuf::from("app.tar")));
        assert_eq!(a.with_tag("sig").to_string(), "oci-archive:app.tar:sig");
        assert_eq!(a.media_types(), artifact::MediaTypes::Oci);
        assert!(ArtifactRef::parse("oci-layout:").is_err());
        assert!(ArtifactRef::parse("oci-layout::v1").is_err());
        assert!(ArtifactRef::parse("oci-layout:d:bad/").is_ok());
        assert!(ArtifactRef::parse("oci-layout:d:.bad").is_err());
        assert!(ArtifactRef::parse("oci-archive:a.tar@sha256:xyz").is_err());
        assert!(ArtifactRef::parse_repository("oci-layout:d").is_ok());
        assert!(ArtifactRef::parse_repository("oci-layout:d:v1").is_err());
        assert!(ArtifactRef::parse("docker://x/y").is_err());
    }
}
