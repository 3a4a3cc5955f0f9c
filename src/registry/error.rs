//! What goes wrong talking to a registry over HTTP, and reading it from the registry's
//! answers: status, error bodies (the distribution API's error envelope) and `Retry-After`.
//! The transport and authentication both return it, so it lives apart from either.

use crate::net::Problem;
use reqwest::header::RETRY_AFTER;
use reqwest::Response;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use thiserror::Error;

/// Bytes of an error body read to find the registry's error codes.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// What went wrong talking to a registry; the caller adds the reference.
#[derive(Debug, Error)]
pub enum HttpError {
    #[error("authentication required")]
    Unauthorized,
    #[error("access denied")]
    Denied,
    #[error("not found")]
    NotFound,
    /// An unexpected status; 429 and 5xx are retried.
    #[error("{message}")]
    Status {
        status: u16,
        retry_after: Option<Duration>,
        message: String,
    },
    /// The connection failed or broke (retried unless TLS refused it).
    #[error("{0}")]
    Connection(Problem),
    /// An answer kzr cannot use (not retried).
    #[error("{0}")]
    Protocol(String),
    /// A body longer than the descriptor (or the manifest limit) said.
    #[error("the registry sent more than the expected {limit} bytes")]
    TooLarge { limit: u64 },
    /// The verb's deadline passed while waiting for the registry.
    #[error("no answer within {}", crate::deadline::human(*limit))]
    TimedOut { limit: Duration },
}

impl HttpError {
    /// A `reqwest` error without its URL (upload URLs carry registry state) and with its
    /// causes, which say what actually failed (refused, reset, certificate…).
    pub fn from_reqwest(e: reqwest::Error) -> Self {
        let e = e.without_url();
        if e.is_connect() || e.is_timeout() || e.is_request() || e.is_body() {
            HttpError::Connection(Problem::of(&e))
        } else {
            HttpError::Protocol(Problem::of(&e).to_string())
        }
    }

    /// The error for an unexpected answer, from its status and the registry's error codes.
    pub async fn from_status(mut response: Response, what: &str) -> Self {
        let status = response.status();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let mut body = Vec::new();
        while body.len() < ERROR_BODY_LIMIT {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                _ => break,
            }
        }
        // Go's TLS server answers a plain HTTP request with this 400.
        if status.as_u16() == 400
            && String::from_utf8_lossy(&body).contains("HTTP request to an HTTPS server")
        {
            return HttpError::Connection(Problem::NeedsTls);
        }
        let errors = error_envelope(&body);
        let has = |code: &str| errors.iter().any(|(c, _)| c == code);
        if has("BLOB_UPLOAD_UNKNOWN") {
            // A 404 for an upload session is not a missing artifact.
        } else if status.as_u16() == 404
            || has("MANIFEST_UNKNOWN")
            || has("NAME_UNKNOWN")
            || has("BLOB_UNKNOWN")
        {
            return HttpError::NotFound;
        } else if status.as_u16() == 401 || has("UNAUTHORIZED") {
            return HttpError::Unauthorized;
        } else if status.as_u16() == 403 || has("DENIED") {
            return HttpError::Denied;
        }
        let mut message = format!("{what}: HTTP {status}");
        for (code, text) in &errors {
            message.push_str(&format!("; {code}: {text}"));
        }
        HttpError::Status {
            status: status.as_u16(),
            retry_after,
            message,
        }
    }

    /// Connection failures, 429 and 5xx; never 401/403/404 or other client errors.
    pub fn is_transient(&self) -> bool {
        match self {
            HttpError::Connection(problem) => problem.is_transient(),
            HttpError::Status { status, .. } => *status == 429 || *status >= 500,
            _ => false,
        }
    }
}

/// `(code, message)` pairs of a distribution error body `{"errors":[{"code","message"}]}`.
fn error_envelope(body: &[u8]) -> Vec<(String, String)> {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Vec::new();
    };
    v.get("errors")
        .and_then(|e| e.as_array())
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let field = |k: &str| {
                        e.get(k)
                            .and_then(|v| v.as_str())
                            .unwrap_or_default()
                            .to_string()
                    };
                    (field("code"), field("message"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `Retry-After`: delay-seconds or an HTTP date (IMF-fixdate); a date in the past is now.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = parse_http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` (the only format RFC 9110 lets senders use).
fn parse_http_date(value: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let day: i64 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    let year: i64 = year.parse().ok().filter(|y| *y >= 1970)?;
    let hms: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    if *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    // Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + m * 60 + s;
    Some(UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_values() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_770); // Sun, 06 Nov 1994 08:49:30 GMT
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(UNIX_EPOCH)
        );
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(UNIX_EPOCH + Duration::from_secs(951_825_600))
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 UTC", now),
            None
        );
    }

    #[test]
    fn error_bodies() {
        let body = br#"{"errors":[{"code":"DIGEST_INVALID","message":"bad","detail":{}}]}"#;
        assert_eq!(
            error_envelope(body),
            vec![("DIGEST_INVALID".to_string(), "bad".to_string())]
        );
        assert!(error_envelope(b"<html>").is_empty());
    }
}
