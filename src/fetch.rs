//! Downloading a manifest named by URL (`manifest = "https://…/crds.yaml"` in a component
//! config), once, when the user asks for it: HTTPS only (plain HTTP only to this machine,
//! also after redirects), a size cap, a time limit, UTF-8 text. The caller records the URL
//! and the content's SHA-256 beside the content.

use crate::net::Problem;
use crate::registry::reference::is_loopback;
use sha2::{Digest, Sha256};
use std::time::Duration;
use thiserror::Error;

/// The most a manifest may weigh (the largest CRD bundles are a few MiB).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// How long the whole download may take.
pub const TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("{url}: only https:// URLs are downloaded (plain http:// only from this machine)")]
    Insecure { url: String },
    #[error("{url}: not a URL ({reason})")]
    BadUrl { url: String, reason: String },
    #[error("cannot download {url}: {problem}")]
    Unreachable { url: String, problem: Problem },
    #[error("cannot download {url}: the server answered {status}")]
    Status { url: String, status: u16 },
    #[error("cannot download {url}: larger than {} MiB", MAX_BYTES / 1024 / 1024)]
    TooLarge { url: String },
    #[error("cannot download {url}: the content is not UTF-8 text")]
    NotText { url: String },
    #[error("cannot download {url}: no answer within {}s", TIMEOUT.as_secs())]
    TimedOut { url: String },
}

/// A downloaded manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub text: String,
    /// `sha256:<hex>` of the content.
    pub sha256: String,
}

/// Whether kzr may download from `url`: HTTPS, or plain HTTP to a loopback host.
fn allowed(url: &reqwest::Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => url
            .host_str()
            .is_some_and(|h| is_loopback(h) || h == "[::1]"),
        _ => false,
    }
}

/// Downloads `url` (blocking; it runs its own small runtime).
pub fn manifest(url: &str) -> Result<Fetched, FetchError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| FetchError::BadUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    if !allowed(&parsed) {
        return Err(FetchError::Insecure {
            url: url.to_string(),
        });
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| FetchError::Unreachable {
            url: url.to_string(),
            problem: Problem::Other(e.to_string()),
        })?;
    runtime.block_on(async {
        match tokio::time::timeout(TIMEOUT, download(parsed, url)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::TimedOut {
                url: url.to_string(),
            }),
        }
    })
}

async fn download(parsed: reqwest::Url, url: &str) -> Result<Fetched, FetchError> {
    let unreachable = |e: reqwest::Error| FetchError::Unreachable {
        url: url.to_string(),
        problem: Problem::of(&e.without_url()),
    };
    let policy = reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() >= 10 {
            attempt.error("too many redirects")
        } else if allowed(attempt.url()) {
            attempt.follow()
        } else {
            attempt.error("redirected to a URL that is not https://")
        }
    });
    let client = reqwest::Client::builder()
        .user_agent(concat!("kzr/", env!("CARGO_PKG_VERSION")))
        .redirect(policy)
        .build()
        .map_err(unreachable)?;
    let mut response = client.get(parsed).send().await.map_err(unreachable)?;
    if !response.status().is_success() {
        return Err(FetchError::Status {
            url: url.to_string(),
            status: response.status().as_u16(),
        });
    }
    let too_large = || FetchError::TooLarge {
        url: url.to_string(),
    };
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BYTES as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(unreachable)? {
        if body.len() + chunk.len() > MAX_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    let sha256 = format!("sha256:{}", hex::encode(Sha256::digest(&body)));
    let text = String::from_utf8(body).map_err(|_| FetchError::NotText {
        url: url.to_string(),
    })?;
    Ok(Fetched { text, sha256 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http() {
        let ok = |u: &str| allowed(&reqwest::Url::parse(u).unwrap());
        assert!(ok("https://example.com/crds.yaml"));
        assert!(ok("http://127.0.0.1:8080/x.yaml"));
        assert!(ok("http://localhost/x.yaml"));
        assert!(ok("http://[::1]:80/x.yaml"));
        assert!(!ok("http://example.com/crds.yaml"));
        assert!(!ok("ftp://example.com/crds.yaml"));
        assert!(!ok("file:///etc/passwd"));
        assert_eq!(
            manifest("http://example.com/crds.yaml"),
            Err(FetchError::Insecure {
                url: "http://example.com/crds.yaml".into()
            })
        );
    }
}
