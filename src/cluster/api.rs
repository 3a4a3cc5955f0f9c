//! Raw Kubernetes API calls on JSON values: get, list, server-side apply (and its dry-run),
//! JSON patch, create and delete. Paths are built from discovery's resource names.

use crate::deadline::{Backoff, Deadline};
pub use crate::net::Problem;
use kube::Client;
use serde_json::Value;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Where a kind lives in the API: its group/version, plural resource name and scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResourceRef {
    pub group: String,
    pub version: String,
    pub plural: String,
    pub namespaced: bool,
}

impl ResourceRef {
    fn collection_path(&self, namespace: &str) -> String {
        let mut path = if self.group.is_empty() {
            format!("/api/{}", self.version)
        } else {
            format!("/apis/{}/{}", self.group, self.version)
        };
        if self.namespaced && !namespace.is_empty() {
            path.push_str("/namespaces/");
            path.push_str(&encode(namespace));
        }
        path.push('/');
        path.push_str(&self.plural);
        path
    }

    fn object_path(&self, namespace: &str, name: &str) -> String {
        format!("{}/{}", self.collection_path(namespace), encode(name))
    }
}

/// A failed API call: the server's `Status`, a server that is not Kubernetes, or a transport
/// problem. Messages are in words and name the server; no library type names.
#[derive(Debug, Clone)]
pub enum ApiError {
    Status {
        code: u16,
        reason: String,
        message: String,
        /// `(field, message)` pairs from `details.causes`.
        causes: Vec<(String, String)>,
        /// What the server's `Retry-After` asked for (429, 503).
        retry_after: Option<Duration>,
    },
    /// The request did not get an answer.
    Transport { server: String, problem: Problem },
    /// The verb's deadline passed before the server answered.
    NoAnswer { server: String, limit: Duration },
    /// The answer does not come from a Kubernetes API server (HTML, a 404 page…).
    NotKubernetes {
        server: String,
        request: String,
        status: u16,
        content_type: String,
    },
}

impl ApiError {
    pub fn code(&self) -> Option<u16> {
        match self {
            ApiError::Status { code, .. } => Some(*code),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.code() == Some(404)
    }

    /// Whether the request may be sent again: the server was unreachable or said to retry
    /// (429, 500, 503, 504, an etcd leader change). `create` (POST) is only retried when
    /// it surely did not reach the server. Semantic 4xx answers and TLS failures never are.
    fn is_retryable(&self, method: &http::Method) -> bool {
        let idempotent = method != http::Method::POST;
        match self {
            ApiError::Transport { problem, .. } => {
                problem.never_sent() || (idempotent && problem.is_transient())
            }
            ApiError::Status { code, message, .. } => match code {
                429 | 503 => true,
                // A webhook that cannot be called fails the same way every time.
                500 if message.contains("failed calling webhook") => false,
                500 | 504 => idempotent || message.contains("leader changed"),
                _ => false,
            },
            ApiError::NoAnswer { .. } | ApiError::NotKubernetes { .. } => false,
        }
    }

    /// The cause in a few words, for the "retrying" line and for grouping failures.
    pub fn cause(&self) -> String {
        match self {
            ApiError::Status { code, reason, .. } if !reason.is_empty() => {
                format!("HTTP {code} {reason}")
            }
            ApiError::Status { code, .. } => format!("HTTP {code}"),
            ApiError::Transport { problem, .. } => problem.to_string(),
            ApiError::NoAnswer { limit, .. } => {
                format!("no answer within {}", crate::deadline::human(*limit))
            }
            ApiError::NotKubernetes { .. } => "not a Kubernetes API server".into(),
        }
    }

    /// A rejected change to an immutable field: 422 whose message or causes say so.
    pub fn immutable_field(&self) -> Option<String> {
        let ApiError::Status {
            code: 422,
            message,
            causes,
            ..
        } = self
        else {
            return None;
        };
        let immutable = |m: &str| m.contains("immutable");
        if let Some((field, _)) = causes.iter().find(|(_, m)| immutable(m)) {
            return Some(field.clone());
        }
        immutable(message).then(|| {
            // "Kind \"x\" is invalid: spec.selector: Invalid value: …: field is immutable"
            message
                .split(": ")
                .nth(1)
                .unwrap_or("(unknown field)")
                .to_string()
        })
    }

    /// The error for a non-2xx answer whose body is a `Status` (or not).
    fn from_answer(code: u16, retry_after: Option<Duration>, body: &[u8]) -> ApiError {
        let status: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
        let causes = status["details"]["causes"]
            .as_array()
            .map(|causes| {
                causes
                    .iter()
                    .map(|c| (text(&c["field"]), text(&c["message"])))
                    .collect()
            })
            .unwrap_or_default();
        ApiError::Status {
            code,
            reason: text(&status["reason"]),
            message: text(&status["message"]),
            causes,
            retry_after,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Status { code, message, .. } if message.is_empty() => {
                write!(f, "the server answered HTTP {code}")
            }
            ApiError::Status { message, .. } => f.write_str(message),
            ApiError::Transport {
                server,
                problem:
                    problem @ (Problem::Tls(_)
                    | Problem::Certificate(_)
                    | Problem::NotTls
                    | Problem::NeedsTls),
            } => write!(f, "cannot talk to the API server at {server}: {problem}"),
            ApiError::Transport { server, problem } => {
                write!(f, "cannot reach the API server at {server}: {problem}")
            }
            ApiError::NoAnswer { server, limit } => write!(
                f,
                "the API server at {server} did not answer within {}",
                crate::deadline::human(*limit)
            ),
            ApiError::NotKubernetes {
                server,
                request,
                status,
                content_type,
            } => write!(
                f,
                "{server}: not a Kubernetes API server ({request} answered {status}{}{content_type})",
                if content_type.is_empty() { "" } else { " " }
            ),
        }
    }
}

impl std::error::Error for ApiError {}

/// Percent-encodes a path segment or query value (names are DNS-like, selectors are not).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b':' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The API client on JSON values. Every call happens within the verb's deadline; calls that
/// fail for a transient reason are retried with capped exponential backoff and jitter until it.
#[derive(Clone)]
pub struct Api {
    client: Client,
    /// The API server's address, for messages.
    server: String,
    deadline: Deadline,
    /// Set once the "retrying" line was printed, so an outage is announced once.
    announced: Arc<AtomicBool>,
}

const APPLY_PATCH: &str = "application/apply-patch+yaml";
const JSON_PATCH: &str = "application/json-patch+json";
/// Backoff between retries: 100 ms doubling, at most 5 s apart.
const FIRST_DELAY: Duration = Duration::from_millis(100);
const MAX_DELAY: Duration = Duration::from_secs(5);
/// How long a server that does not answer at all is retried before the verb gives up.
const FIRST_CONTACT: Duration = Duration::from_secs(10);

impl Api {
    pub fn new(client: Client, server: String, deadline: Deadline) -> Self {
        Api {
            client,
            server,
            deadline,
            announced: Arc::new(AtomicBool::new(false)),
        }
    }

    pub fn server(&self) -> &str {
        &self.server
    }

    pub fn deadline(&self) -> Deadline {
        self.deadline
    }

    /// One API call, retried while the failure is transient and the deadline allows.
    async fn call(
        &self,
        method: http::Method,
        uri: String,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<Value, ApiError> {
        self.call_within(&self.deadline, method, uri, content_type, body)
            .await
    }

    async fn call_within(
        &self,
        deadline: &Deadline,
        method: http::Method,
        uri: String,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<Value, ApiError> {
        let mut backoff = Backoff::new(FIRST_DELAY, MAX_DELAY);
        loop {
            let answer = deadline
                .run(self.call_once(method.clone(), &uri, content_type, body.clone()))
                .await
                .map_err(|e| ApiError::NoAnswer {
                    server: self.server.clone(),
                    limit: e.limit,
                })?;
            match answer {
                Err(e) if e.is_retryable(&method) => {
                    let wait = match &e {
                        ApiError::Status {
                            retry_after: Some(after),
                            ..
                        } => *after,
                        _ => backoff.delay(),
                    };
                    if !self.announced.swap(true, Ordering::Relaxed) {
                        tracing::warn!("API server unreachable ({}), retrying…", e.cause());
                    }
                    tracing::debug!("{method} {uri}: {e}; retrying in {wait:?}");
                    if deadline.sleep(wait).await.is_err() {
                        return Err(e);
                    }
                }
                other => return other,
            }
        }
    }

    async fn call_once(
        &self,
        method: http::Method,
        uri: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<Value, ApiError> {
        let mut request = http::Request::builder()
            .method(method.clone())
            .uri(uri)
            .header(http::header::ACCEPT, "application/json");
        if let Some(ct) = content_type {
            request = request.header(http::header::CONTENT_TYPE, ct);
        }
        let transport = |e: &(dyn std::error::Error + 'static)| ApiError::Transport {
            server: self.server.clone(),
            problem: Problem::of(e),
        };
        let request = request
            .body(kube::client::Body::from(body))
            .map_err(|e| transport(&e))?;
        let response = self.client.send(request).await.map_err(|e| transport(&e))?;
        let code = response.status().as_u16();
        // One line per request at -vv (scripts/bench-cluster counts them).
        tracing::debug!("request: {method} {uri} {code}");
        let header = |name: http::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        let media_type = header(http::header::CONTENT_TYPE);
        let retry_after = header(http::header::RETRY_AFTER).trim().parse().ok();
        let bytes = response
            .into_body()
            .collect_bytes()
            .await
            .map_err(|e| transport(&e))?;
        let not_kubernetes = || ApiError::NotKubernetes {
            server: self.server.clone(),
            request: format!("{method} {}", uri.split('?').next().unwrap_or(uri)),
            status: code,
            content_type: match media_type.split(';').next().unwrap_or_default() {
                "" => "without a content type".to_string(),
                m => m.to_string(),
            },
        };
        // kube-apiserver answers JSON, or plain text for paths it does not serve; a web page
        // comes from something else (a proxy's error page, a web server).
        let json = media_type.starts_with("application/json");
        if !bytes.is_empty() && media_type.starts_with("text/html") {
            return Err(not_kubernetes());
        }
        if !(200..300).contains(&code) {
            return Err(ApiError::from_answer(
                code,
                retry_after.map(Duration::from_secs),
                if json { &bytes } else { &[] },
            ));
        }
        if !json && !bytes.is_empty() {
            return Err(not_kubernetes());
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&bytes).map_err(|_| not_kubernetes())
    }

    /// Checks that the server is a Kubernetes API server: `GET /api` lists API versions.
    /// Anything else (a web page, a 404, JSON of another shape) is reported as such, so no
    /// verb goes on to misread a stranger's answers as "not found". A server that cannot be
    /// reached at the start is given [`FIRST_CONTACT`], not the whole deadline: a wrong
    /// address fails fast, while an outage once the verb is under way is waited out.
    pub async fn check_kubernetes(&self) -> Result<(), ApiError> {
        let first_contact = if self.deadline.remaining() <= FIRST_CONTACT {
            self.deadline
        } else {
            Deadline::after(FIRST_CONTACT)
        };
        let not_kubernetes = |status: u16, content_type: &str| ApiError::NotKubernetes {
            server: self.server.clone(),
            request: "GET /api".into(),
            status,
            content_type: content_type.into(),
        };
        let answer = self
            .call_within(
                &first_contact,
                http::Method::GET,
                "/api".into(),
                None,
                Vec::new(),
            )
            .await;
        match answer {
            Ok(v) if v.get("versions").is_some_and(Value::is_array) => Ok(()),
            Ok(_) => Err(not_kubernetes(200, "JSON that is not an API version list")),
            Err(ApiError::Status { code, .. }) => Err(not_kubernetes(code, "")),
            Err(e) => Err(e),
        }
    }

    /// GET a raw path (discovery).
    pub async fn get_path(&self, path: &str) -> Result<Value, ApiError> {
        self.call(http::Method::GET, path.to_string(), None, Vec::new())
            .await
    }

    /// The live object, or `None` when it does not exist.
    pub async fn get(
        &self,
        r: &ResourceRef,
        namespace: &str,
        name: &str,
    ) -> Result<Option<Value>, ApiError> {
        match self.get_path(&r.object_path(namespace, name)).await {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Lists objects (all namespaces when `namespace` is empty), filtered by a label selector.
    pub async fn list(
        &self,
        r: &ResourceRef,
        namespace: &str,
        label_selector: &str,
    ) -> Result<Vec<Value>, ApiError> {
        let mut path = r.collection_path(namespace);
        if !label_selector.is_empty() {
            path.push_str("?labelSelector=");
            path.push_str(&encode(label_selector));
        }
        let list = self.get_path(&path).await?;
        Ok(match list.get("items") {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        })
    }

    /// Lists a whole collection in one request of at most `limit` objects; `None` when it
    /// holds more. Items carry `apiVersion` and `kind` (a list leaves them out of its items).
    pub async fn list_at_most(
        &self,
        r: &ResourceRef,
        namespace: &str,
        (api_version, kind): (&str, &str),
        limit: usize,
    ) -> Result<Option<Vec<Value>>, ApiError> {
        let path = format!("{}?limit={limit}", r.collection_path(namespace));
        let mut list = self.get_path(&path).await?;
        let more = list["metadata"]["continue"]
            .as_str()
            .is_some_and(|c| !c.is_empty());
        let items = match list.get_mut("items").map(Value::take) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        if more || items.len() > limit {
            // Checked as well, for a server that does not honour `limit`.
            return Ok(None);
        }
        Ok(Some(
            items
                .into_iter()
                .map(|mut item| {
                    if let Some(m) = item.as_object_mut() {
                        m.insert("apiVersion".into(), Value::String(api_version.to_string()));
                        m.insert("kind".into(), Value::String(kind.to_string()));
                    }
                    item
                })
                .collect(),
        ))
    }

    /// Server-side apply with forced ownership; `dry_run` asks for the result without storing it.
    pub async fn apply(
        &self,
        r: &ResourceRef,
        namespace: &str,
        name: &str,
        object: &Value,
        field_manager: &str,
        dry_run: bool,
    ) -> Result<Value, ApiError> {
        let dry = if dry_run { "dryRun=All&" } else { "" };
        let uri = format!(
            "{}?{dry}fieldManager={}&force=true",
            r.object_path(namespace, name),
            encode(field_manager)
        );
        let body = serde_json::to_vec(object).unwrap_or_default();
        self.call(http::Method::PATCH, uri, Some(APPLY_PATCH), body)
            .await
    }

    /// A JSON patch (RFC 6902).
    pub async fn json_patch(
        &self,
        r: &ResourceRef,
        namespace: &str,
        name: &str,
        patch: &Value,
        field_manager: &str,
    ) -> Result<Value, ApiError> {
        let uri = format!(
            "{}?fieldManager={}",
            r.object_path(namespace, name),
            encode(field_manager)
        );
        let body = serde_json::to_vec(patch).unwrap_or_default();
        self.call(http::Method::PATCH, uri, Some(JSON_PATCH), body)
            .await
    }

    /// Creates an object; fails with 409 when it already exists.
    pub async fn create(
        &self,
        r: &ResourceRef,
        namespace: &str,
        object: &Value,
        field_manager: &str,
    ) -> Result<Value, ApiError> {
        let uri = format!(
            "{}?fieldManager={}",
            r.collection_path(namespace),
            encode(field_manager)
        );
        let body = serde_json::to_vec(object).unwrap_or_default();
        self.call(http::Method::POST, uri, Some("application/json"), body)
            .await
    }

    /// Deletes with background propagation; `false` when it was already gone. With
    /// `resource_version`, the server refuses (409) if the object changed since.
    pub async fn delete(
        &self,
        r: &ResourceRef,
        namespace: &str,
        name: &str,
        resource_version: Option<&str>,
    ) -> Result<bool, ApiError> {
        let mut options = serde_json::json!({"kind": "DeleteOptions", "apiVersion": "v1",
            "propagationPolicy": "Background"});
        if let Some(rv) = resource_version {
            options["preconditions"] = serde_json::json!({"resourceVersion": rv});
        }
        match self
            .call(
                http::Method::DELETE,
                r.object_path(namespace, name),
                Some("application/json"),
                options.to_string().into_bytes(),
            )
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if e.is_not_found() => Ok(false),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let cm = ResourceRef {
            group: String::new(),
            version: "v1".into(),
            plural: "configmaps".into(),
            namespaced: true,
        };
        assert_eq!(
            cm.object_path("ns", "x"),
            "/api/v1/namespaces/ns/configmaps/x"
        );
        assert_eq!(cm.collection_path(""), "/api/v1/configmaps");
        let cr = ResourceRef {
            group: "rbac.authorization.k8s.io".into(),
            version: "v1".into(),
            plural: "clusterroles".into(),
            namespaced: false,
        };
        assert_eq!(
            cr.object_path("ignored", "system:x"),
            "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:x"
        );
        assert_eq!(encode("a=b,c/d"), "a%3Db%2Cc%2Fd");
    }

    #[test]
    fn immutable_field_from_status() {
        let e = ApiError::Status {
            code: 422,
            reason: "Invalid".into(),
            message: "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{}: field is immutable".into(),
            causes: vec![],
            retry_after: None,
        };
        assert_eq!(e.immutable_field().as_deref(), Some("spec.selector"));
        let e = ApiError::Status {
            code: 422,
            reason: "Invalid".into(),
            message: "x".into(),
            causes: vec![(
                "data".into(),
                "field is immutable when `immutable` is set".into(),
            )],
            retry_after: None,
        };
        assert_eq!(e.immutable_field().as_deref(), Some("data"));
    }
}
