//! A real OCI registry for tests: Debian's `docker-registry`, started on a free loopback
//! port with a temporary storage directory, stopped when dropped.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct TestRegistry {
    child: Child,
    dir: tempfile::TempDir,
    pub port: u16,
}

/// User and password of the secure registry.
pub const USER: &str = "deployer";
pub const PASSWORD: &str = "s3cret-Pa55";

fn run(cmd: &str, args: &[&str], dir: &std::path::Path) {
    let out = Command::new(cmd)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA, a server certificate for 127.0.0.1 signed by it, and an htpasswd file (bcrypt).
fn secure_files(dir: &std::path::Path) {
    run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-subj",
            "/CN=kzr test CA",
            "-days",
            "2",
        ],
        dir,
    );
    run(
        "openssl",
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
        dir,
    );
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
        dir,
    );
    run("htpasswd", &["-Bbc", "htpasswd", USER, PASSWORD], dir);
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().unwrap().port()
}

fn v2_answers(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /v2/ HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut buf = [0u8; 32];
    matches!(s.read(&mut buf), Ok(n) if n > 12 && buf.starts_with(b"HTTP/1.") && &buf[9..12] == b"200")
}

impl TestRegistry {
    /// Starts a registry. Fails the test (never skips it) when the binary is missing:
    /// `.ci/run` installs Debian's `docker-registry` package.
    pub fn start() -> Self {
        Self::start_with(false)
    }

    /// A registry behind TLS (own CA, see `ca_file`) with htpasswd basic auth.
    pub fn start_secure() -> Self {
        Self::start_with(true)
    }

    pub fn ca_file(&self) -> String {
        self.dir.path().join("ca.crt").display().to_string()
    }

    fn start_with(secure: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        if secure {
            secure_files(dir.path());
        }
        for _ in 0..5 {
            let port = free_port();
            let config = dir.path().join("config.yml");
            let mut text = format!(
                "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n",
                dir.path().join("data").display()
            );
            if secure {
                let p = |f: &str| dir.path().join(f).display().to_string();
                text.push_str(&format!(
                    "  tls:\n    certificate: {}\n    key: {}\nauth:\n  htpasswd:\n    realm: kzr-test\n    path: {}\n",
                    p("server.crt"),
                    p("server.key"),
                    p("htpasswd")
                ));
            }
            std::fs::write(&config, text).unwrap();
            let mut child = Command::new("docker-registry")
                .arg("serve")
                .arg(&config)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("docker-registry must be installed (apt-get install docker-registry)");
            let deadline = Instant::now() + Duration::from_secs(15);
            while Instant::now() < deadline {
                let up = if secure {
                    TcpStream::connect(("127.0.0.1", port)).is_ok()
                } else {
                    v2_answers(port)
                };
                if up {
                    return TestRegistry { child, dir, port };
                }
                if let Ok(Some(_)) = child.try_wait() {
                    break; // port taken in the meantime: try another
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("docker-registry did not start");
    }

    /// `oci://127.0.0.1:PORT/<path>`.
    pub fn url(&self, path: &str) -> String {
        format!("oci://127.0.0.1:{}/{path}", self.port)
    }

    /// `127.0.0.1:PORT/<path>` (as printed in digest URLs).
    pub fn host_path(&self, path: &str) -> String {
        format!("127.0.0.1:{}/{path}", self.port)
    }
}

impl Drop for TestRegistry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
