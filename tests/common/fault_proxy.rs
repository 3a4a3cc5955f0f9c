//! TEST-ONLY proxies in front of a real registry, stopped with the test.
//!
//! [`FaultProxy`] works on connections: the first `failures` connections get an HTTP 503
//! (odd ones) or are dropped without a reply (even ones); later connections are forwarded
//! unchanged. It counts connections.
//!
//! [`HttpProxy`] works on requests: it logs each one (so tests can assert the exact requests
//! an operation sends), can answer the first ones with an error and `Retry-After`, and can
//! play a registry that wants Bearer tokens.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub struct FaultProxy {
    pub port: u16,
    pub connections: Arc<AtomicUsize>,
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

impl FaultProxy {
    pub fn start(upstream_port: u16, failures: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut client) = stream else { break };
                let n = counter.fetch_add(1, Ordering::SeqCst);
                if n < failures {
                    let _ = client.set_read_timeout(Some(Duration::from_millis(500)));
                    let mut buf = [0u8; 4096];
                    let _ = client.read(&mut buf);
                    if n.is_multiple_of(2) {
                        let _ = client.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    }
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream_port)) else {
                    continue;
                };
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || pipe(client, server));
                std::thread::spawn(move || pipe(s2, c2));
            }
        });
        FaultProxy { port, connections }
    }

    pub fn url(&self, path: &str) -> String {
        format!("oci://127.0.0.1:{}/{path}", self.port)
    }
}

/// One request an [`HttpProxy`] saw, with the status it answered.
#[derive(Debug, Clone)]
pub struct Logged {
    pub method: String,
    /// Path and query, e.g. `/v2/team/app/blobs/uploads/?mount=…`.
    pub target: String,
    pub status: u16,
    /// When the request (head) arrived.
    pub at: std::time::Instant,
    pub authorization: Option<String>,
}

impl Logged {
    /// `METHOD /path` without the query.
    pub fn line(&self) -> String {
        let path = self.target.split('?').next().unwrap_or_default();
        format!("{} {path}", self.method)
    }
}

/// How an [`HttpProxy`] misbehaves.
#[derive(Debug, Clone, Default)]
pub struct HttpFaults {
    /// Answer the first `fail_first` requests with `fail_status` instead of forwarding.
    pub fail_first: usize,
    pub fail_status: u16,
    /// A `Retry-After` value for those answers.
    pub retry_after: Option<String>,
    /// Act as a registry that wants Bearer tokens: requests without a token issued by the
    /// proxy's `/token` realm get a 401 challenge. `Some((user, password))` makes the realm
    /// require those basic credentials; `Some(("", ""))` issues tokens to anyone.
    pub bearer: Option<(String, String)>,
    /// With `bearer`: the status a POST to the `/token` realm gets (a realm that does not
    /// speak OAuth2 answers 404 or 405).
    pub token_post_status: Option<u16>,
}

/// TEST-ONLY request-level HTTP/1.1 proxy in front of a real registry: it logs every request
/// (method, path, answer, arrival time), can answer the first requests with an error status
/// and `Retry-After`, and can play a token-authenticating registry. Keep-alive connections
/// are kept; bodies are forwarded as they come (Content-Length or chunked).
pub struct HttpProxy {
    pub port: u16,
    pub log: Arc<std::sync::Mutex<Vec<Logged>>>,
}

struct Head {
    first: String,
    headers: Vec<(String, String)>,
    raw: Vec<u8>,
}

impl Head {
    fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn read_head(r: &mut impl std::io::BufRead) -> Option<Head> {
    let mut raw = Vec::new();
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        match r.read_line(&mut line) {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        raw.extend_from_slice(line.as_bytes());
        let trimmed = line.trim_end_matches(['\r', '\n']).to_string();
        if trimmed.is_empty() {
            if lines.is_empty() {
                continue; // stray CRLF between requests
            }
            break;
        }
        lines.push(trimmed);
    }
    let first = lines.remove(0);
    let headers = lines
        .into_iter()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    Some(Head {
        first,
        headers,
        raw,
    })
}

/// Copies a message body from `r` to `w`: chunked, Content-Length, or (responses without
/// either) up to the end of the connection.
fn copy_body(
    r: &mut impl std::io::BufRead,
    w: &mut impl Write,
    head: &Head,
    to_eof: bool,
) -> std::io::Result<()> {
    if head
        .get("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        loop {
            let mut line = String::new();
            r.read_line(&mut line)?;
            w.write_all(line.as_bytes())?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or("0"), 16)
                .unwrap_or(0);
            if size == 0 {
                loop {
                    let mut trailer = String::new();
                    r.read_line(&mut trailer)?;
                    w.write_all(trailer.as_bytes())?;
                    if trailer.trim().is_empty() {
                        return Ok(());
                    }
                }
            }
            let mut chunk = vec![0u8; size + 2];
            r.read_exact(&mut chunk)?;
            w.write_all(&chunk)?;
        }
    }
    if let Some(n) = head
        .get("content-length")
        .and_then(|n| n.parse::<u64>().ok())
    {
        std::io::copy(&mut r.take(n), w)?;
        return Ok(());
    }
    if to_eof {
        std::io::copy(r, w)?;
    }
    Ok(())
}

fn respond(w: &mut impl Write, status: u16, headers: &[(&str, String)], body: &[u8]) {
    let mut text = format!(
        "HTTP/1.1 {status} Test\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    let _ = w.write_all(text.as_bytes());
    let _ = w.write_all(body);
    let _ = w.flush();
}

impl HttpProxy {
    pub fn start(upstream_port: u16, faults: HttpFaults) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = Arc::new(AtomicUsize::new(0));
        let faults = Arc::new(faults);
        let shared_log = log.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(client) = stream else { break };
                let (log, seen, faults) = (shared_log.clone(), seen.clone(), faults.clone());
                std::thread::spawn(move || {
                    serve(client, upstream_port, port, &faults, &seen, &log);
                });
            }
        });
        HttpProxy { port, log }
    }

    pub fn url(&self, path: &str) -> String {
        format!("oci://127.0.0.1:{}/{path}", self.port)
    }

    /// The requests so far, in arrival order.
    pub fn requests(&self) -> Vec<Logged> {
        self.log.lock().unwrap().clone()
    }

    /// Forgets the requests so far.
    pub fn clear(&self) {
        self.log.lock().unwrap().clear();
    }
}

fn serve(
    client: TcpStream,
    upstream_port: u16,
    own_port: u16,
    faults: &HttpFaults,
    seen: &AtomicUsize,
    log: &std::sync::Mutex<Vec<Logged>>,
) {
    let Ok(client_write) = client.try_clone() else {
        return;
    };
    let mut from_client = std::io::BufReader::new(client);
    let mut to_client = std::io::BufWriter::new(client_write);
    let mut upstream: Option<(std::io::BufReader<TcpStream>, TcpStream)> = None;
    while let Some(request) = read_head(&mut from_client) {
        let at = std::time::Instant::now();
        let mut parts = request.first.split_whitespace();
        let method = parts.next().unwrap_or_default().to_string();
        let target = parts.next().unwrap_or_default().to_string();
        let authorization = request.get("authorization").map(str::to_string);
        let record = |status: u16| {
            log.lock().unwrap().push(Logged {
                method: method.clone(),
                target: target.clone(),
                status,
                at,
                authorization: authorization.clone(),
            })
        };
        // The request body is read in full before answering, whatever the answer.
        let mut body = Vec::new();
        if copy_body(&mut from_client, &mut body, &request, false).is_err() {
            return;
        }
        let n = seen.fetch_add(1, Ordering::SeqCst);
        if n < faults.fail_first {
            let mut headers = Vec::new();
            if let Some(after) = &faults.retry_after {
                headers.push(("Retry-After", after.clone()));
            }
            respond(&mut to_client, faults.fail_status, &headers, b"");
            record(faults.fail_status);
            continue;
        }
        if let Some((user, password)) = &faults.bearer {
            if target.starts_with("/token") {
                let expected = format!(
                    "Basic {}",
                    base64::Engine::encode(
                        &base64::engine::general_purpose::STANDARD,
                        format!("{user}:{password}")
                    )
                );
                // An OAuth2 refresh-token grant (Docker's identity tokens): the password
                // plays the refresh token.
                if let Some(status) = faults.token_post_status.filter(|_| method == "POST") {
                    respond(&mut to_client, status, &[], b"");
                    record(status);
                    continue;
                }
                let form = String::from_utf8_lossy(&body).to_string();
                let refresh = method == "POST"
                    && form.contains("grant_type=refresh_token")
                    && form.contains(&format!("refresh_token={password}"));
                if refresh {
                    respond(
                        &mut to_client,
                        200,
                        &[("Content-Type", "application/json".into())],
                        br#"{"access_token":"kzr-test-token","expires_in":300}"#,
                    );
                    record(200);
                } else if !user.is_empty() && authorization.as_deref() != Some(expected.as_str()) {
                    respond(
                        &mut to_client,
                        401,
                        &[],
                        br#"{"details":"bad credentials"}"#,
                    );
                    record(401);
                } else {
                    respond(
                        &mut to_client,
                        200,
                        &[("Content-Type", "application/json".into())],
                        br#"{"token":"kzr-test-token","expires_in":300}"#,
                    );
                    record(200);
                }
                continue;
            }
            if authorization.as_deref() != Some("Bearer kzr-test-token") {
                let challenge = format!(
                    r#"Bearer realm="http://127.0.0.1:{own_port}/token",service="kzr-test""#
                );
                respond(
                    &mut to_client,
                    401,
                    &[("WWW-Authenticate", challenge)],
                    br#"{"errors":[{"code":"UNAUTHORIZED","message":"token required"}]}"#,
                );
                record(401);
                continue;
            }
        }
        if upstream.is_none() {
            let Ok(server) = TcpStream::connect(("127.0.0.1", upstream_port)) else {
                return;
            };
            let Ok(writer) = server.try_clone() else {
                return;
            };
            upstream = Some((std::io::BufReader::new(server), writer));
        }
        let Some((from_server, to_server)) = upstream.as_mut() else {
            return;
        };
        if to_server.write_all(&request.raw).is_err() || to_server.write_all(&body).is_err() {
            return;
        }
        let Some(response) = read_head(from_server) else {
            return;
        };
        let status: u16 = response
            .first
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        record(status);
        if to_client.write_all(&response.raw).is_err() {
            return;
        }
        let no_body = method == "HEAD" || status == 204 || status == 304 || status < 200;
        if !no_body && copy_body(from_server, &mut to_client, &response, true).is_err() {
            return;
        }
        if to_client.flush().is_err() {
            return;
        }
    }
}
