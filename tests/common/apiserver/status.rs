//! `Status` bodies, built the way `k8s.io/apimachinery/pkg/api/errors` builds them.

use serde_json::{json, Map, Value};

/// A failed request: the HTTP code and its `Status` body.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: u16,
    pub body: Value,
}

pub type ApiResult<T> = Result<T, ApiError>;

/// `schema.GroupResource.String()`.
pub fn group_resource(group: &str, resource: &str) -> String {
    if group.is_empty() {
        resource.to_string()
    } else {
        format!("{resource}.{group}")
    }
}

/// `schema.GroupKind.String()`.
pub fn group_kind(group: &str, kind: &str) -> String {
    if group.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}.{group}")
    }
}

fn details(name: &str, group: &str, kind: &str) -> Value {
    let mut d = Map::new();
    if !name.is_empty() {
        d.insert("name".into(), json!(name));
    }
    if !group.is_empty() {
        d.insert("group".into(), json!(group));
    }
    if !kind.is_empty() {
        d.insert("kind".into(), json!(kind));
    }
    Value::Object(d)
}

pub fn status_body(code: u16, reason: &str, message: &str, details: Option<Value>) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), json!("Status"));
    m.insert("apiVersion".into(), json!("v1"));
    m.insert("metadata".into(), json!({}));
    m.insert("status".into(), json!("Failure"));
    if !message.is_empty() {
        m.insert("message".into(), json!(message));
    }
    if !reason.is_empty() {
        m.insert("reason".into(), json!(reason));
    }
    if let Some(d) = details {
        m.insert("details".into(), d);
    }
    m.insert("code".into(), json!(code));
    Value::Object(m)
}

/// One field validation error (`field.Error`).
#[derive(Debug, Clone)]
pub struct FieldError {
    pub kind: ErrKind,
    pub field: String,
    /// The bad value as Go would print it (already quoted/formatted), when shown.
    pub value: String,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ErrKind {
    Required,
    Invalid,
    Forbidden,
    NotSupported,
    Duplicate,
    TooLong,
}

impl ErrKind {
    fn cause_type(self) -> &'static str {
        match self {
            ErrKind::Required => "FieldValueRequired",
            ErrKind::Invalid => "FieldValueInvalid",
            ErrKind::Forbidden => "FieldValueForbidden",
            ErrKind::NotSupported => "FieldValueNotSupported",
            ErrKind::Duplicate => "FieldValueDuplicate",
            ErrKind::TooLong => "FieldValueTooLong",
        }
    }
    fn text(self) -> &'static str {
        match self {
            ErrKind::Required => "Required value",
            ErrKind::Invalid => "Invalid value",
            ErrKind::Forbidden => "Forbidden",
            ErrKind::NotSupported => "Unsupported value",
            ErrKind::Duplicate => "Duplicate value",
            ErrKind::TooLong => "Too long",
        }
    }
}

impl FieldError {
    pub fn required(field: &str, detail: &str) -> Self {
        FieldError {
            kind: ErrKind::Required,
            field: field.into(),
            value: String::new(),
            detail: detail.into(),
        }
    }
    /// `value` is the Go rendering of the bad value (use `go_quote` for strings).
    pub fn invalid(field: &str, value: String, detail: &str) -> Self {
        FieldError {
            kind: ErrKind::Invalid,
            field: field.into(),
            value,
            detail: detail.into(),
        }
    }
    pub fn forbidden(field: &str, detail: &str) -> Self {
        FieldError {
            kind: ErrKind::Forbidden,
            field: field.into(),
            value: String::new(),
            detail: detail.into(),
        }
    }
    pub fn not_supported(field: &str, value: String, valid: &[&str]) -> Self {
        let detail = if valid.is_empty() {
            String::new()
        } else {
            format!(
                "supported values: {}",
                valid
                    .iter()
                    .map(|v| super::util::go_quote(v))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        FieldError {
            kind: ErrKind::NotSupported,
            field: field.into(),
            value,
            detail,
        }
    }
    pub fn too_long(field: &str, max: usize) -> Self {
        FieldError {
            kind: ErrKind::TooLong,
            field: field.into(),
            value: String::new(),
            detail: format!("may not be more than {max} bytes"),
        }
    }

    /// `field.Error.ErrorBody()`.
    pub fn body(&self) -> String {
        let mut s = match self.kind {
            ErrKind::Required | ErrKind::Forbidden | ErrKind::TooLong => {
                self.kind.text().to_string()
            }
            _ => format!("{}: {}", self.kind.text(), self.value),
        };
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }

    pub fn error(&self) -> String {
        format!("{}: {}", self.field, self.body())
    }
}

impl ApiError {
    pub fn new(code: u16, reason: &str, message: &str, details: Option<Value>) -> Self {
        ApiError {
            code,
            body: status_body(code, reason, message, details),
        }
    }

    pub fn not_found(group: &str, resource: &str, name: &str) -> Self {
        Self::new(
            404,
            "NotFound",
            &format!(
                "{} {} not found",
                group_resource(group, resource),
                super::util::go_quote(name)
            ),
            Some(details(name, group, resource)),
        )
    }

    pub fn already_exists(group: &str, resource: &str, name: &str) -> Self {
        Self::new(
            409,
            "AlreadyExists",
            &format!(
                "{} {} already exists",
                group_resource(group, resource),
                super::util::go_quote(name)
            ),
            Some(details(name, group, resource)),
        )
    }

    pub fn conflict(group: &str, resource: &str, name: &str, err: &str) -> Self {
        Self::new(
            409,
            "Conflict",
            &format!(
                "Operation cannot be fulfilled on {} {}: {err}",
                group_resource(group, resource),
                super::util::go_quote(name)
            ),
            Some(details(name, group, resource)),
        )
    }

    pub fn optimistic_lock(group: &str, resource: &str, name: &str) -> Self {
        Self::conflict(
            group,
            resource,
            name,
            "the object has been modified; please apply your changes to the latest version and try again",
        )
    }

    pub fn forbidden(group: &str, resource: &str, name: &str, err: &str) -> Self {
        Self::new(
            403,
            "Forbidden",
            &format!(
                "{} {} is forbidden: {err}",
                group_resource(group, resource),
                super::util::go_quote(name)
            ),
            Some(details(name, group, resource)),
        )
    }

    /// `errors.NewInvalid(GroupKind{group, kind}, name, errs)`.
    pub fn invalid(group: &str, kind: &str, name: &str, errs: &[FieldError]) -> Self {
        let causes: Vec<Value> = errs
            .iter()
            .map(|e| json!({"reason": e.kind.cause_type(), "message": e.body(), "field": e.field}))
            .collect();
        // ToAggregate de-duplicates identical messages.
        let mut msgs: Vec<String> = Vec::new();
        for e in errs {
            let m = e.error();
            if !msgs.contains(&m) {
                msgs.push(m);
            }
        }
        let agg = match msgs.len() {
            0 => String::new(),
            1 => msgs[0].clone(),
            _ => format!("[{}]", msgs.join(", ")),
        };
        let qk = group_kind(group, kind);
        let message = if agg.is_empty() {
            format!("{qk} {} is invalid", super::util::go_quote(name))
        } else {
            format!("{qk} {} is invalid: {agg}", super::util::go_quote(name))
        };
        let mut d = details(name, group, kind);
        d.as_object_mut()
            .unwrap()
            .insert("causes".into(), Value::Array(causes));
        Self::new(422, "Invalid", &message, Some(d))
    }

    pub fn bad_request(message: &str) -> Self {
        Self::new(400, "BadRequest", message, None)
    }

    pub fn internal(message: &str) -> Self {
        Self::new(
            500,
            "InternalError",
            &format!("Internal error occurred: {message}"),
            Some(json!({"causes": [{"message": message}]})),
        )
    }

    pub fn method_not_supported(group: &str, resource: &str, action: &str) -> Self {
        Self::new(
            405,
            "MethodNotAllowed",
            &format!(
                "{action} is not supported on resources of kind {}",
                super::util::go_quote(&group_resource(group, resource))
            ),
            Some(details("", group, resource)),
        )
    }

    /// `errors.NewGenericServerResponse(code, "", GroupResource{}, "", msg, 0, false)`.
    pub fn generic(code: u16, server_message: &str) -> Self {
        let (reason, message) = match code {
            409 => ("Conflict", "the server reported a conflict".to_string()),
            404 => (
                "NotFound",
                "the server could not find the requested resource".to_string(),
            ),
            400 => (
                "BadRequest",
                "the server rejected our request for an unknown reason".to_string(),
            ),
            401 => (
                "Unauthorized",
                "the server has asked for the client to provide credentials".to_string(),
            ),
            403 => ("Forbidden", server_message.to_string()),
            405 => (
                "MethodNotAllowed",
                "the server does not allow this method on the requested resource".to_string(),
            ),
            406 => (
                "NotAcceptable",
                "the server was unable to respond with a content type that the client supports"
                    .to_string(),
            ),
            415 => ("UnsupportedMediaType", server_message.to_string()),
            422 => (
                "Invalid",
                "the server rejected our request due to an error in our request".to_string(),
            ),
            503 => (
                "ServiceUnavailable",
                "the server is currently unable to handle the request".to_string(),
            ),
            504 => (
                "Timeout",
                "the server was unable to return a response in the time allotted, but may still be processing the request"
                    .to_string(),
            ),
            429 => (
                "TooManyRequests",
                "the server has received too many requests and has asked us to try again later"
                    .to_string(),
            ),
            c if c >= 500 => (
                "InternalError",
                format!(
                    "an error on the server ({}) has prevented the request from succeeding",
                    super::util::go_quote(server_message)
                ),
            ),
            c => (
                "",
                format!("the server responded with the status code {c} but did not return more information"),
            ),
        };
        Self::new(code, reason, &message, Some(json!({})))
    }

    /// An injected fault of the given code: 500 is an InternalError like a failing storage
    /// layer produces; other codes get the generic body for that code.
    pub fn injected(code: u16) -> Self {
        match code {
            500 => Self::internal("injected fault"),
            429 => {
                let mut e = Self::new(
                    429,
                    "TooManyRequests",
                    "Too many requests, please try again later.",
                    Some(json!({"retryAfterSeconds": 1})),
                );
                e.code = 429;
                e
            }
            503 => Self::new(503, "ServiceUnavailable", "injected fault", None),
            c => Self::generic(c, "injected fault"),
        }
    }
}
