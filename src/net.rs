//! What went wrong on the wire, in words. The registry client (reqwest) and the cluster
//! client (kube) both wrap hyper, which wraps the I/O or TLS error that says what happened;
//! this walks the chain once for both, so no message shows a library's type names
//! (`ServiceError`, `client error (Connect)`, `os error 111`, `CaUsedAsEndEntity`).

use std::fmt;

/// Why a request got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Refused,
    Reset,
    TimedOut,
    /// The host name does not resolve.
    Dns,
    /// kzr spoke TLS and the server answered something else (a plain HTTP server).
    NotTls,
    /// kzr spoke plain HTTP to a server that requires TLS.
    NeedsTls,
    /// The server's certificate was refused, in words.
    Certificate(String),
    /// Another TLS failure, in words.
    Tls(String),
    Other(String),
}

impl Problem {
    /// From an error and its causes.
    pub fn of(e: &(dyn std::error::Error + 'static)) -> Problem {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
        let mut innermost = e.to_string();
        while let Some(s) = source {
            if let Some(tls) = s.downcast_ref::<rustls::Error>() {
                return Problem::from_tls(tls);
            }
            if let Some(io) = s.downcast_ref::<std::io::Error>() {
                if let Some(problem) = Problem::from_io(io) {
                    return problem;
                }
            }
            if let Some(h) = s.downcast_ref::<hyper::Error>() {
                if h.is_incomplete_message() || h.is_closed() || h.is_canceled() {
                    return Problem::Reset;
                }
                if h.is_timeout() {
                    return Problem::TimedOut;
                }
            }
            innermost = s.to_string();
            source = s.source();
        }
        let lower = innermost.to_lowercase();
        if lower.contains("dns error")
            || lower.contains("failed to lookup address")
            || lower.contains("name or service not known")
        {
            Problem::Dns
        } else if lower.contains("timed out") || lower.contains("elapsed") {
            Problem::TimedOut
        } else if lower.contains("certificate") {
            Problem::Certificate("the server's certificate was refused".into())
        } else {
            Problem::Other(without_os_code(&innermost))
        }
    }

    /// An I/O error's kind, or the TLS error it wraps (connectors nest I/O errors whose
    /// `source()` skips the wrapped error, so the wrapping is unpacked here).
    fn from_io(io: &std::io::Error) -> Option<Problem> {
        use std::io::ErrorKind::*;
        match io.kind() {
            ConnectionRefused => return Some(Problem::Refused),
            ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => {
                return Some(Problem::Reset)
            }
            TimedOut => return Some(Problem::TimedOut),
            _ => {}
        }
        let inner = io.get_ref()?;
        if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
            return Some(Problem::from_tls(tls));
        }
        inner
            .downcast_ref::<std::io::Error>()
            .and_then(Problem::from_io)
    }

    fn from_tls(e: &rustls::Error) -> Problem {
        use rustls::{CertificateError, Error as E};
        let refused = |words: &str| Problem::Certificate(words.into());
        match e {
            E::InvalidCertificate(c) => match c {
                CertificateError::UnknownIssuer => {
                    refused("the server's certificate is signed by an unknown authority")
                }
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                    refused("the server's certificate has expired")
                }
                CertificateError::NotValidForName
                | CertificateError::NotValidForNameContext { .. } => {
                    refused("the server's certificate is not valid for this host name")
                }
                // webpki reports it as an opaque error whose debug form names it.
                other if format!("{other:?}").contains("CaUsedAsEndEntity") => {
                    refused("the server presents a CA certificate as its own certificate")
                }
                _ => refused("the server's certificate was refused"),
            },
            E::InvalidMessage(_) | E::InappropriateMessage { .. } => Problem::NotTls,
            E::AlertReceived(alert) => {
                Problem::Tls(format!("the server refused the TLS handshake ({alert:?})"))
            }
            _ => Problem::Tls("the TLS handshake failed".into()),
        }
    }

    /// Whether trying again may help: the network, not the configuration.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Problem::Refused | Problem::Reset | Problem::TimedOut | Problem::Dns
        )
    }

    /// Whether the request surely did not reach the server (safe to repeat even a POST).
    pub fn never_sent(&self) -> bool {
        matches!(self, Problem::Refused | Problem::Dns)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Refused => f.write_str("connection refused"),
            Problem::Reset => f.write_str("the connection was closed or reset"),
            Problem::TimedOut => f.write_str("no answer in time"),
            Problem::Dns => f.write_str("the host name does not resolve"),
            Problem::NotTls => f.write_str("the server does not speak TLS (plain HTTP?)"),
            Problem::NeedsTls => f.write_str("the server requires TLS, and plain HTTP was used"),
            Problem::Certificate(m) | Problem::Tls(m) | Problem::Other(m) => f.write_str(m),
        }
    }
}

/// `… (os error 111)` without the code.
fn without_os_code(s: &str) -> String {
    match s.find(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_in_words() {
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(Problem::of(&refused), Problem::Refused);
        assert_eq!(Problem::of(&refused).to_string(), "connection refused");
        let other = std::io::Error::other("strange (os error 99)");
        assert_eq!(Problem::of(&other).to_string(), "strange");
        let tls = std::io::Error::other(rustls::Error::InvalidCertificate(
            rustls::CertificateError::UnknownIssuer,
        ));
        assert!(matches!(Problem::of(&tls), Problem::Certificate(_)));
        assert!(!Problem::of(&tls).is_transient());
    }
}
