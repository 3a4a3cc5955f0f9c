//! Raw Kubernetes API calls on JSON values: get, list, server-side apply (and its dry-run),
//! JSON patch, create and delete. Paths are built from discovery's resource names.

use kube::Client;
use serde_json::Value;
use std::fmt;

/// Where a kind lives in the API: its group/version, plural resource name and scope.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// A failed API call: the server's `Status`, or a transport problem.
#[derive(Debug, Clone)]
pub enum ApiError {
    Status {
        code: u16,
        reason: String,
        message: String,
        /// `(field, message)` pairs from `details.causes`.
        causes: Vec<(String, String)>,
    },
    Transport(String),
}

impl ApiError {
    pub fn code(&self) -> Option<u16> {
        match self {
            ApiError::Status { code, .. } => Some(*code),
            ApiError::Transport(_) => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.code() == Some(404)
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
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Status { code, message, .. } if message.is_empty() => {
                write!(f, "the server answered HTTP {code}")
            }
            ApiError::Status { message, .. } => f.write_str(message),
            ApiError::Transport(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ApiError {}

impl From<kube::Error> for ApiError {
    fn from(e: kube::Error) -> Self {
        match e {
            kube::Error::Api(status) => ApiError::Status {
                code: status.code,
                reason: status.reason.clone(),
                message: status.message.clone(),
                causes: status
                    .details
                    .as_ref()
                    .map(|d| {
                        d.causes
                            .iter()
                            .map(|c| (c.field.clone(), c.message.clone()))
                            .collect()
                    })
                    .unwrap_or_default(),
            },
            other => ApiError::Transport(error_chain(&other)),
        }
    }
}

/// An error and its causes in one line (kube's transport errors nest the useful part).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    text
}

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

/// The API client on JSON values.
#[derive(Clone)]
pub struct Api {
    client: Client,
}

/// Tries per call when the connection fails.
const ATTEMPTS: u32 = 3;
const APPLY_PATCH: &str = "application/apply-patch+yaml";
const JSON_PATCH: &str = "application/json-patch+json";

impl Api {
    pub fn new(client: Client) -> Self {
        Api { client }
    }

    /// One API call. Calls that are safe to repeat (all but POST) are retried when the
    /// connection fails; the server's answers (errors included) are never retried here.
    async fn call(
        &self,
        method: http::Method,
        uri: String,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<Value, ApiError> {
        let attempts = if method == http::Method::POST {
            1
        } else {
            ATTEMPTS
        };
        let mut delay = std::time::Duration::from_millis(100);
        let mut attempt = 1;
        loop {
            match self
                .call_once(method.clone(), &uri, content_type, body.clone())
                .await
            {
                Err(ApiError::Transport(m)) if attempt < attempts => {
                    tracing::debug!("{method} {uri}: {m}; retrying");
                    tokio::time::sleep(delay).await;
                    delay *= 2;
                    attempt += 1;
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
            .method(method)
            .uri(uri)
            .header(http::header::ACCEPT, "application/json");
        if let Some(ct) = content_type {
            request = request.header(http::header::CONTENT_TYPE, ct);
        }
        let request = request
            .body(body)
            .map_err(|e| ApiError::Transport(format!("bad request {uri}: {e}")))?;
        let text = self.client.request_text(request).await?;
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&text).map_err(|e| {
            ApiError::Transport(format!("the server's answer to {uri} is not JSON: {e}"))
        })
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
        };
        assert_eq!(e.immutable_field().as_deref(), Some("data"));
    }
}
