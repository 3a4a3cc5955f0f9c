//! Image references: `host[:port]/repository[:tag][@algorithm:hex]`, with Docker Hub's
//! normalisation (`docker.io`, `library/` for one-segment repositories).

use std::fmt;

/// The host name Docker Hub references carry (and print).
pub const DOCKER_HUB: &str = "docker.io";
/// The host Docker Hub's distribution API is served from.
const DOCKER_HUB_API: &str = "registry-1.docker.io";

/// A parsed reference. `registry` is as written (`docker.io` for Docker Hub); requests go to
/// [`Reference::resolve_registry`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    registry: String,
    repository: String,
    tag: Option<String>,
    digest: Option<String>,
}

impl Reference {
    /// A reference from parts the caller has validated.
    pub fn new(
        registry: impl Into<String>,
        repository: impl Into<String>,
        tag: Option<String>,
        digest: Option<String>,
    ) -> Self {
        Reference {
            registry: registry.into(),
            repository: repository.into(),
            tag,
            digest,
        }
    }

    /// Parses `[host[:port]/]path[:tag][@algorithm:hex]` (no scheme). A missing host is
    /// Docker Hub (one-segment paths get `library/`), a missing tag and digest is `latest`.
    /// The error is the reason, for the caller to wrap.
    pub fn parse(rest: &str) -> Result<Self, &'static str> {
        let authority = rest.split('/').next().unwrap_or_default();
        if authority.contains('@') && rest.contains('/') {
            return Err("credentials in a reference are not accepted");
        }
        let (name_tag, digest) = match rest.split_once('@') {
            Some((n, d)) => (n, Some(d)),
            None => (rest, None),
        };
        if let Some(d) = digest {
            if !valid_digest(d) {
                return Err("invalid digest (expected sha256:<64 hex digits>)");
            }
        }
        let last_slash = name_tag.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match name_tag[last_slash..].rfind(':') {
            Some(i) => (
                &name_tag[..last_slash + i],
                Some(&name_tag[last_slash + i + 1..]),
            ),
            None => (name_tag, None),
        };
        if let Some(t) = tag {
            if !valid_tag(t) {
                return Err("invalid tag");
            }
        }
        if !name.contains('/') && (name.contains('.') || name == "localhost") {
            return Err(
                "it names a registry but no repository (oci://HOST[:PORT]/REPOSITORY[:TAG])",
            );
        }
        let (registry, path) = match name.split_once('/') {
            Some((first, rest)) if is_host(first) => (first.to_string(), rest.to_string()),
            _ => (DOCKER_HUB.to_string(), name.to_string()),
        };
        let path = if registry == DOCKER_HUB && !path.contains('/') {
            format!("library/{path}")
        } else {
            path
        };
        let component_ok = |c: &str| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "._-".contains(ch))
                && c.chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_alphanumeric())
                && c.chars()
                    .last()
                    .is_some_and(|ch| ch.is_ascii_alphanumeric())
        };
        if path.is_empty() || !path.split('/').all(component_ok) {
            return Err("repository must be lowercase letters, digits and . _ - separated by /");
        }
        let tag = match (tag, digest) {
            (None, None) => Some("latest".to_string()),
            (t, _) => t.map(str::to_string),
        };
        Ok(Reference {
            registry,
            repository: path,
            tag,
            digest: digest.map(str::to_string),
        })
    }

    /// The registry as written (`docker.io` for Docker Hub).
    pub fn registry(&self) -> &str {
        &self.registry
    }

    /// The host (and port) requests go to: Docker Hub's API host for `docker.io`.
    pub fn resolve_registry(&self) -> &str {
        resolve_registry(&self.registry)
    }

    pub fn repository(&self) -> &str {
        &self.repository
    }

    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
    }

    /// What a manifest request names: the digest when there is one, else the tag.
    pub fn manifest_reference(&self) -> &str {
        self.digest
            .as_deref()
            .or(self.tag.as_deref())
            .unwrap_or("latest")
    }

    /// `registry/repository[:tag][@digest]`.
    pub fn whole(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// `url` with any `user:password@` removed from its host part, for messages: a reference is
/// never printed with the credentials someone put in it.
pub fn without_userinfo(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (format!("{s}://"), r),
        None => (String::new(), url),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        // Without a path, `@` starts a digest (`oci://app@sha256:…`), not credentials.
        Some((_, host)) if !path.is_empty() => format!("{scheme}{host}{path}"),
        _ => url.to_string(),
    }
}

/// The API host for a registry name (Docker Hub's names map to its API host).
pub fn resolve_registry(registry: &str) -> &str {
    match registry {
        DOCKER_HUB | "index.docker.io" => DOCKER_HUB_API,
        other => other,
    }
}

/// `algorithm:hex` as the distribution spec allows (lowercase hex, at least 32 digits).
/// Digests go into URL paths, so nothing else may pass.
pub fn valid_digest(d: &str) -> bool {
    d.split_once(':').is_some_and(|(alg, hex)| {
        !alg.is_empty()
            && alg
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+._-".contains(c))
            && hex.len() >= 32
            && hex
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    })
}

/// A tag as the distribution spec allows: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
pub fn valid_tag(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 128
        && t.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

/// Whether the first segment of a reference names a registry host rather than a repository
/// (Docker's rule: it has a `.` or a port, or is `localhost`).
pub fn is_host(segment: &str) -> bool {
    segment.contains('.') || segment.contains(':') || segment == "localhost"
}

/// Whether a repository (`host/path`) starts with a registry host.
pub fn names_host(repository: &str) -> bool {
    repository
        .split_once('/')
        .is_some_and(|(first, _)| is_host(first))
}

/// A URL or reference without its scheme (`https://`, `http://`, `oci://`), as plans and
/// configurations write registries either way.
pub fn strip_scheme(s: &str) -> &str {
    ["https://", "http://", "oci://"]
        .iter()
        .find_map(|scheme| s.strip_prefix(scheme))
        .unwrap_or(s)
}

/// Whether requests to `registry` stay on this machine (plain HTTP is then the default).
pub fn is_loopback(registry: &str) -> bool {
    let host = registry.rsplit_once(':').map_or(registry, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            registry
        }
    });
    host == "localhost" || host.starts_with("127.") || host == "[::1]"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let r = Reference::parse("localhost:5000/team/app").unwrap();
        assert_eq!(r.to_string(), "localhost:5000/team/app:latest");
        assert_eq!(r.manifest_reference(), "latest");
        let d = "sha256:0123456789012345678901234567890123456789012345678901234567890123";
        let r = Reference::parse(&format!("ghcr.io/a/b:v1@{d}")).unwrap();
        assert_eq!(r.to_string(), format!("ghcr.io/a/b:v1@{d}"));
        assert_eq!(r.manifest_reference(), d);
        let r = Reference::parse(&format!("ghcr.io/a/b@{d}")).unwrap();
        assert_eq!(r.tag(), None);
        let hub = Reference::parse("nginx:1.27").unwrap();
        assert_eq!(hub.to_string(), "docker.io/library/nginx:1.27");
        assert_eq!(hub.resolve_registry(), "registry-1.docker.io");
        assert_eq!(
            Reference::parse("docker.io/team/app")
                .unwrap()
                .resolve_registry(),
            "registry-1.docker.io"
        );
    }

    #[test]
    fn credentials_and_registries_without_repository_are_refused() {
        let creds = Reference::parse("user:pw@host.example/app:v1").unwrap_err();
        assert!(creds.contains("credentials"), "{creds}");
        assert_eq!(
            without_userinfo("oci://user:pw@host.example/app:v1"),
            "oci://host.example/app:v1"
        );
        assert_eq!(
            without_userinfo("oci://host/app@sha256:ab"),
            "oci://host/app@sha256:ab"
        );
        assert_eq!(
            without_userinfo("oci://app@sha256:ab"),
            "oci://app@sha256:ab"
        );
        assert_eq!(
            without_userinfo("https://owner:tok@github.com/o/r.git"),
            "https://github.com/o/r.git"
        );
        for bare in ["localhost:55123", "localhost", "ghcr.io", "127.0.0.1:5000"] {
            let e = Reference::parse(bare).unwrap_err();
            assert!(e.contains("no repository"), "{bare}: {e}");
        }
        assert_eq!(
            Reference::parse("nginx:1.27").unwrap().to_string(),
            "docker.io/library/nginx:1.27"
        );
    }

    #[test]
    fn digests_and_tags() {
        assert!(valid_digest(
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        ));
        assert!(!valid_digest("sha256:../../etc"));
        assert!(!valid_digest("sha256:ABCDEF0123456789ABCDEF0123456789"));
        assert!(valid_tag("v1.0_rc-1") && !valid_tag(".x") && !valid_tag("a/b"));
    }

    #[test]
    fn loopback_hosts() {
        assert!(
            is_loopback("localhost:5000") && is_loopback("127.0.0.1:39") && !is_loopback("ghcr.io")
        );
    }
}
