//! Misbehaving servers on loopback for the safety tests: one that accepts connections and
//! never answers, and a web server that is not Kubernetes.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Accepts every connection and never sends a byte (the connections stay open until the
/// test ends).
pub struct BlackHole {
    pub port: u16,
    _held: Arc<Mutex<Vec<TcpStream>>>,
}

impl BlackHole {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let held = Arc::new(Mutex::new(Vec::new()));
        let keep = held.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                keep.lock().unwrap().push(stream);
            }
        });
        BlackHole { port, _held: held }
    }
}

/// Answers every request with `404 Not Found` and an HTML page, like a web server or a proxy's
/// error page.
pub struct WebPage {
    pub port: u16,
}

pub const PAGE: &str = "<html><body><h1>404 Not Found</h1>nginx</body></html>";

impl WebPage {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                std::thread::spawn(move || {
                    let mut buf = [0u8; 65536];
                    // One request per connection: read the head (and whatever body came with it).
                    let _ = stream.read(&mut buf);
                    let reply = format!(
                        "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{PAGE}",
                        PAGE.len()
                    );
                    let _ = stream.write_all(reply.as_bytes());
                });
            }
        });
        WebPage { port }
    }
}

/// A kubeconfig for `server` (no credentials; TLS not verified for https).
pub fn kubeconfig(dir: &Path, server: &str) -> PathBuf {
    let path = dir.join("kubeconfig");
    std::fs::write(
        &path,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: {server}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user: {{}}\ncontexts:\n- name: x\n  context: {{cluster: c, user: u}}\ncurrent-context: x\n"
        ),
    )
    .unwrap();
    path
}
