//! The HTTP side of the distribution API: one `reqwest` client, the scheme per registry
//! (plain HTTP for loopback hosts unless a CA file is given, or for `--plain-http`), retries
//! with backoff honouring `Retry-After`, and authentication learned from the registry's own
//! 401 answers.
//!
//! Why no `GET /v2/` probe: requests go out anonymously until a registry answers 401; its
//! challenge then says how to authenticate (Basic, or a token from a realm), and that is
//! remembered per registry, tokens per (registry, scope). An anonymous registry therefore
//! costs no extra request at all, and an authenticated one one exchange per scope.

use super::auth::{self, Scheme, Scope};
use super::credentials::Credentials;
use super::error::HttpError;
use crate::deadline::Deadline;
use bytes::Bytes;
use indicatif::ProgressBar;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, WWW_AUTHENTICATE};
use reqwest::{Method, Response, Url};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// Attempts per operation (the first and three retries).
pub const ATTEMPTS: u32 = 4;
/// The first backoff delay; it doubles after each failed attempt.
const FIRST_DELAY: Duration = Duration::from_millis(200);
/// A `Retry-After` longer than this is not waited for: the error is reported instead.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Upload chunk size when a progress bar follows the body.
const UPLOAD_CHUNK: usize = 64 * 1024;

/// Runs `op` (given the attempt number, from 1) until it succeeds, fails for good, or
/// [`ATTEMPTS`] are used up, all within `deadline`. Between attempts it waits what the
/// registry's `Retry-After` says, else 200 ms doubling; a retry that cannot start before the
/// deadline is not made (the last error is returned).
pub async fn with_retries<T, F, Fut>(
    deadline: &Deadline,
    what: &str,
    mut op: F,
) -> Result<T, HttpError>
where
    F: FnMut(u32) -> Fut,
    Fut: std::future::Future<Output = Result<T, HttpError>>,
{
    let mut delay = FIRST_DELAY;
    let mut attempt = 1;
    let timed_out = |e: crate::deadline::Expired| HttpError::TimedOut { limit: e.limit };
    loop {
        match deadline.run(op(attempt)).await.map_err(timed_out)? {
            Err(e) if attempt < ATTEMPTS && e.is_transient() => {
                let retry_after = match &e {
                    HttpError::Status { retry_after, .. } => *retry_after,
                    _ => None,
                };
                let wait = match retry_after {
                    Some(after) if after > MAX_RETRY_AFTER => return Err(too_long(e, after)),
                    Some(after) => after,
                    None => delay,
                };
                tracing::info!("{what}: {e}; retrying in {wait:?}");
                if deadline.sleep(wait).await.is_err() {
                    return Err(e);
                }
                delay *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}

fn too_long(e: HttpError, after: Duration) -> HttpError {
    match e {
        HttpError::Status {
            status,
            retry_after,
            message,
        } => HttpError::Status {
            status,
            retry_after,
            message: format!(
                "{message} (the registry asks to retry after {} s)",
                after.as_secs()
            ),
        },
        other => other,
    }
}

/// One request to a registry, kept so it can be sent again (retries, re-authentication).
pub struct Request {
    pub method: Method,
    pub url: Url,
    /// The registry host (and port) the request is for: credentials and tokens are only
    /// attached when the URL points at it.
    pub registry: String,
    pub scope: Scope,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Option<Bytes>,
}

impl Request {
    pub fn new(method: Method, url: Url, registry: &str, scope: &Scope) -> Self {
        Request {
            method,
            url,
            registry: registry.to_string(),
            scope: scope.clone(),
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    pub fn body(mut self, body: Bytes) -> Self {
        self.body = Some(body);
        self
    }
}

#[derive(Default)]
struct AuthState {
    /// How each registry authenticates; absent until it answered 401.
    schemes: HashMap<String, Scheme>,
    /// Bearer tokens by (registry, scope key).
    tokens: HashMap<(String, String), String>,
}

/// The HTTP client for the registries of one `Registry`.
pub struct Transport {
    client: reqwest::Client,
    plain_http: bool,
    ca_file: bool,
    /// `--creds` (for every registry), else each registry's from Docker's configuration.
    credentials: HashMap<String, Credentials>,
    state: Mutex<AuthState>,
    /// Every request and retry of the verb happens before this.
    pub deadline: Deadline,
}

impl Transport {
    pub fn new(
        client: reqwest::Client,
        plain_http: bool,
        ca_file: bool,
        credentials: HashMap<String, Credentials>,
        deadline: Deadline,
    ) -> Self {
        Transport {
            client,
            plain_http,
            ca_file,
            credentials,
            state: Mutex::new(AuthState::default()),
            deadline,
        }
    }

    /// Whether requests to `registry` use plain HTTP.
    pub fn plain_http(&self, registry: &str) -> bool {
        self.plain_http || (super::reference::is_loopback(registry) && !self.ca_file)
    }

    /// The user whose credentials go to `registry`, if any.
    pub fn user(&self, registry: &str) -> Option<&str> {
        self.credentials.get(registry).map(|c| c.username.as_str())
    }

    /// `http(s)://REGISTRY/v2/PATH`.
    pub fn url(&self, registry: &str, path: &str) -> Result<Url, HttpError> {
        let scheme = if self.plain_http(registry) {
            "http"
        } else {
            "https"
        };
        Url::parse(&format!("{scheme}://{registry}/v2/{path}"))
            .map_err(|e| HttpError::Protocol(format!("invalid registry URL: {e}")))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, AuthState> {
        // The state is plain maps: a panic elsewhere cannot leave them inconsistent.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The `Authorization` value for a request, fetching a token when the registry wants
    /// one and none is cached for the scope.
    async fn authorization(&self, request: &Request) -> Result<Option<HeaderValue>, HttpError> {
        if !same_authority(&request.url, &request.registry) {
            return Ok(None);
        }
        let scheme = self.state().schemes.get(&request.registry).cloned();
        let creds = self.credentials.get(&request.registry);
        match scheme {
            None => Ok(None),
            Some(Scheme::Basic) => creds.map(auth::basic_header).transpose(),
            Some(Scheme::Bearer { realm, service }) => {
                let key = (request.registry.clone(), request.scope.key());
                if let Some(token) = self.state().tokens.get(&key) {
                    return auth::bearer_header(token).map(Some);
                }
                let token = with_retries(&self.deadline, "token", |_| {
                    auth::fetch_token(
                        &self.client,
                        &realm,
                        service.as_deref(),
                        &request.scope,
                        creds,
                    )
                })
                .await?;
                let header = auth::bearer_header(&token)?;
                self.state().tokens.insert(key, token);
                Ok(Some(header))
            }
        }
    }

    /// Sends a request once (plus one re-send after learning how to authenticate). Answers
    /// with a status in `accept` are returned; others become errors.
    pub async fn send_once(
        &self,
        request: &Request,
        accept: &[u16],
        bar: Option<&ProgressBar>,
    ) -> Result<Response, HttpError> {
        let mut authenticated = false;
        loop {
            let mut builder = self
                .client
                .request(request.method.clone(), request.url.clone());
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            if let Some(value) = self.authorization(request).await? {
                builder = builder.header(AUTHORIZATION, value);
            }
            if let Some(body) = &request.body {
                builder = match bar {
                    Some(bar) => builder
                        .header(CONTENT_LENGTH, body.len())
                        .body(progress_body(body, bar)),
                    None => builder.body(body.clone()),
                };
            }
            let response = builder.send().await.map_err(HttpError::from_reqwest)?;
            let status = response.status().as_u16();
            if status == 401 && !authenticated && same_authority(&request.url, &request.registry) {
                authenticated = true;
                if self.learn(request, &response) {
                    continue;
                }
            }
            return match status {
                s if accept.contains(&s) => Ok(response),
                401 => Err(HttpError::Unauthorized),
                403 => Err(HttpError::Denied),
                _ => Err(HttpError::from_status(response, request.method.as_str()).await),
            };
        }
    }

    /// Records a 401's challenge; whether sending again can help.
    fn learn(&self, request: &Request, response: &Response) -> bool {
        let Some(scheme) = response
            .headers()
            .get(WWW_AUTHENTICATE)
            .and_then(|v| v.to_str().ok())
            .and_then(auth::parse_challenge)
        else {
            return false;
        };
        let has_creds = self.credentials.contains_key(&request.registry);
        let mut state = self.state();
        // A cached token was refused (expired, or too narrow): fetch a new one.
        state
            .tokens
            .remove(&(request.registry.clone(), request.scope.key()));
        let useful = match &scheme {
            Scheme::Basic => has_creds,
            // Anonymous tokens are how public repositories are read.
            Scheme::Bearer { .. } => true,
        };
        tracing::debug!(
            "{} asks for {} authentication",
            request.registry,
            match scheme {
                Scheme::Basic => "basic",
                Scheme::Bearer { .. } => "token",
            }
        );
        state.schemes.insert(request.registry.clone(), scheme);
        useful
    }

    /// Sends with retries (see [`with_retries`]).
    pub async fn send(&self, request: &Request, accept: &[u16]) -> Result<Response, HttpError> {
        with_retries(&self.deadline, request.method.as_str(), |_| {
            self.send_once(request, accept, None)
        })
        .await
    }
}

/// Whether `url` is on the registry's host and port (a `Location` may point elsewhere, such
/// as storage with a signed URL: credentials are not sent there).
fn same_authority(url: &Url, registry: &str) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    // `ghcr.io` is `ghcr.io:443` for https (`url.port()` is `None` on the default port).
    (registry == host && url.port().is_none())
        || url
            .port_or_known_default()
            .is_some_and(|p| registry == format!("{host}:{p}"))
}

/// The body as 64 KiB chunks that advance `bar` as they are handed to the connection.
fn progress_body(body: &Bytes, bar: &ProgressBar) -> reqwest::Body {
    bar.set_position(0);
    let bar = bar.clone();
    let chunks: Vec<Bytes> = (0..body.len())
        .step_by(UPLOAD_CHUNK)
        .map(|start| body.slice(start..body.len().min(start + UPLOAD_CHUNK)))
        .collect();
    reqwest::Body::wrap_stream(futures::stream::iter(chunks.into_iter().map(
        move |chunk| {
            bar.inc(chunk.len() as u64);
            Ok::<_, std::io::Error>(chunk)
        },
    )))
}

/// Reads a body of at most `limit` bytes, advancing `bar`.
pub async fn read_body(
    mut response: Response,
    limit: u64,
    bar: Option<&ProgressBar>,
) -> Result<Vec<u8>, HttpError> {
    if let Some(bar) = bar {
        bar.set_position(0);
    }
    let capacity = response.content_length().unwrap_or(0).min(limit);
    let mut data = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(HttpError::from_reqwest)? {
        if (data.len() + chunk.len()) as u64 > limit {
            return Err(HttpError::TooLarge { limit });
        }
        data.extend_from_slice(&chunk);
        if let Some(bar) = bar {
            bar.inc(chunk.len() as u64);
        }
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorities() {
        let u = Url::parse("https://ghcr.io/v2/x").unwrap();
        assert!(same_authority(&u, "ghcr.io") && same_authority(&u, "ghcr.io:443"));
        let u = Url::parse("http://127.0.0.1:5000/v2/x").unwrap();
        assert!(same_authority(&u, "127.0.0.1:5000") && !same_authority(&u, "127.0.0.1"));
        let u = Url::parse("https://storage.example/blob?sig=1").unwrap();
        assert!(!same_authority(&u, "ghcr.io"));
    }
}
