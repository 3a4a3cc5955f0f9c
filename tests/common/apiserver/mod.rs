//! TEST-ONLY in-process double of kube-apiserver (v1.33 behaviour) over plain HTTP/1.1 on
//! loopback: discovery, CRUD, list/watch, JSON/merge/strategic patches, server-side apply with
//! managedFields and conflicts, dry-run, defaulting, validation, immutable fields, a controller
//! simulation that makes workloads ready, CRD establishment, and fault injection.
//!
//! Everything is kept in memory behind one mutex; each connection gets a thread.

mod admission;
mod apply;
mod controller;
mod discovery;
mod fields;
mod handler;
mod http;
mod patch;
mod selector;
mod status;
mod store;
mod util;
mod write;

use serde_json::{json, Value};
use std::io::BufReader;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    pub query: String,
    pub dry_run: bool,
    /// The status sent; 0 when the connection was dropped without a reply.
    pub status: u16,
}

struct Shared {
    state: Mutex<store::State>,
    changed: Condvar,
    stop: AtomicBool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, store::State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub struct TestApiServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    kubeconfig: PathBuf,
    _dir: tempfile::TempDir,
}

fn is_write(method: &str) -> bool {
    matches!(method, "POST" | "PUT" | "PATCH" | "DELETE")
}

fn serve_connection(shared: Arc<Shared>, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        // Wait for the next request with a timeout (to notice the stop flag), then read it
        // without one.
        match std::io::BufRead::fill_buf(&mut reader) {
            Ok([]) => return,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(_) => return,
        }
        let _ = reader.get_ref().set_read_timeout(None);
        let req = match http::read_request(&mut reader, &mut writer) {
            Ok(Some(r)) => r,
            _ => return,
        };
        let _ = reader
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(500)));
        let keep_alive = req.keep_alive();
        let target = if req.query.is_empty() {
            req.path.clone()
        } else {
            format!("{}?{}", req.path, req.query)
        };
        let dry_run = req.params("dryRun").iter().any(|v| v == "All");
        let record = |status: u16| RequestRecord {
            method: req.method.clone(),
            path: req.path.clone(),
            query: req.query.clone(),
            dry_run,
            status,
        };
        // Latency and delays, then faults.
        let delay: Duration = {
            let st = shared.lock();
            let write = matches!(req.method.as_str(), "POST" | "PUT" | "PATCH" | "DELETE");
            let latency = if write && !dry_run {
                st.latency.1
            } else {
                st.latency.0
            };
            latency
                + st.delays
                    .iter()
                    .filter(|d| d.method == req.method && target.contains(&d.path_contains))
                    .map(|d| d.delay)
                    .sum::<Duration>()
        };
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
        let fault = {
            let mut st = shared.lock();
            let hit = st.faults.iter_mut().find(|f| {
                f.remaining > 0 && f.method == req.method && target.contains(&f.path_contains)
            });
            match hit {
                Some(f) => {
                    f.remaining -= 1;
                    let status = f.status;
                    st.requests.push(record(status.unwrap_or(0)));
                    Some(status)
                }
                None => None,
            }
        };
        match fault {
            Some(None) => {
                let _ = writer.shutdown(Shutdown::Both);
                return;
            }
            Some(Some(code)) => {
                let e = status::ApiError::injected(code);
                let resp = http::Response::json(code, &e.body);
                if http::write_response(&mut writer, &resp, keep_alive).is_err() || !keep_alive {
                    return;
                }
                continue;
            }
            None => {}
        }
        let outcome = {
            let mut st = shared.lock();
            let out = handler::handle(&mut st, &req);
            let code = match &out {
                handler::Outcome::Respond(r) => r.status,
                handler::Outcome::Watch(_) => 200,
            };
            st.requests.push(record(code));
            if (200..300).contains(&code) && is_write(&req.method) && !dry_run {
                st.writes += 1;
            }
            shared.changed.notify_all();
            out
        };
        match outcome {
            handler::Outcome::Respond(mut resp) => {
                if req.method == "HEAD" {
                    resp.body.clear();
                }
                if http::write_response(&mut writer, &resp, keep_alive).is_err() || !keep_alive {
                    return;
                }
            }
            handler::Outcome::Watch(spec) => {
                stream_watch(&shared, &mut writer, *spec);
                return;
            }
        }
    }
}

fn stream_watch(shared: &Shared, w: &mut TcpStream, spec: handler::WatchSpec) {
    if http::write_stream_head(w, "application/json").is_err() {
        return;
    }
    let deadline = Instant::now() + spec.timeout;
    let send = |w: &mut TcpStream, ev: &Value| {
        let mut line = serde_json::to_vec(ev).unwrap();
        line.push(b'\n');
        http::write_chunk(w, &line)
    };
    let mut cursor = {
        let st = shared.lock();
        if spec.initial {
            for ev in handler::initial_events(&st, &spec) {
                if send(w, &ev).is_err() {
                    return;
                }
            }
            if spec.initial_end_bookmark {
                let bm = json!({"type": "BOOKMARK", "object": {
                    "kind": spec.r.kind, "apiVersion": spec.r.api_version(),
                    "metadata": {"resourceVersion": st.rv.to_string(), "annotations": {"k8s.io/initial-events-end": "true"}}
                }});
                if send(w, &bm).is_err() {
                    return;
                }
            }
        }
        spec.since
    };
    loop {
        if shared.stop.load(Ordering::SeqCst) || Instant::now() >= deadline {
            break;
        }
        let events = {
            let st = shared.lock();
            let (st, _) = shared
                .changed
                .wait_timeout_while(st, Duration::from_millis(200), |s| s.rv <= cursor)
                .unwrap_or_else(|e| e.into_inner());
            let evs = handler::watch_events(&st, &spec, cursor);
            cursor = st.rv;
            evs
        };
        for ev in events {
            if send(w, &ev).is_err() {
                return;
            }
        }
    }
    let _ = http::write_last_chunk(w);
}

impl TestApiServer {
    /// Starts on 127.0.0.1 with a free port. The namespaces every cluster has (`default`,
    /// `kube-system`, `kube-public`, `kube-node-lease`) exist.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            state: Mutex::new(store::State::new(addr.to_string())),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let dir = tempfile::tempdir().unwrap();
        let kubeconfig = dir.path().join("kubeconfig");
        std::fs::write(
            &kubeconfig,
            format!(
                "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: http://{addr}\nusers:\n- name: test\n  user:\n    token: test-token\ncontexts:\n- name: test\n  context:\n    cluster: test\n    user: test\n    namespace: default\ncurrent-context: test\n"
            ),
        )
        .unwrap();
        let server = TestApiServer {
            shared: shared.clone(),
            addr,
            kubeconfig,
            _dir: dir,
        };
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            server.insert(
                json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
                "kube-apiserver",
                "Update",
            );
        }
        // Time-driven controllers (CRD establishment after its delay).
        let ticker = shared.clone();
        std::thread::spawn(move || {
            while !ticker.stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
                let mut st = ticker.lock();
                if !st.crd_pending.is_empty() {
                    let before = st.rv;
                    write::tick(&mut st);
                    if st.rv != before {
                        ticker.changed.notify_all();
                    }
                }
            }
        });
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = shared.clone();
                std::thread::spawn(move || serve_connection(shared, stream));
            }
        });
        server
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A kubeconfig for this server: cluster, user (token `test-token`) and context `test`,
    /// namespace `default`.
    pub fn kubeconfig(&self) -> PathBuf {
        self.kubeconfig.clone()
    }

    fn state(&self) -> MutexGuard<'_, store::State> {
        let mut st = self.shared.lock();
        write::tick(&mut st);
        st
    }

    fn resource(st: &store::State, api_version: &str, kind: &str) -> discovery::ResourceInfo {
        st.find_kind(api_version, kind)
            .unwrap_or_else(|| panic!("the test API server does not serve {api_version} {kind}"))
    }

    /// The stored object, as a GET would return it.
    pub fn object(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        name: &str,
    ) -> Option<Value> {
        let st = self.state();
        let r = st.find_kind(api_version, kind)?;
        let key = store::Key::of(&r, namespace, name);
        st.get(&key).map(|v| store::served(&r, v))
    }

    /// Every stored object of a kind, all namespaces, in storage order (with kind and
    /// apiVersion set).
    pub fn list(&self, api_version: &str, kind: &str) -> Vec<Value> {
        let st = self.state();
        let Some(r) = st.find_kind(api_version, kind) else {
            return Vec::new();
        };
        st.list(&r.group, &r.plural, None)
            .into_iter()
            .map(|(_, v)| store::served(&r, v))
            .collect()
    }

    /// Creates or replaces `obj` as if `manager` wrote it with `operation` "Update" (create or
    /// update) or "Apply" (server-side apply with force). Goes through defaulting, strategy,
    /// validation and the controller simulation like a request; panics if the server refuses.
    pub fn insert(&self, obj: Value, manager: &str, operation: &str) {
        let mut st = self.state();
        let api_version = obj["apiVersion"].as_str().unwrap_or("").to_string();
        let kind = obj["kind"].as_str().unwrap_or("").to_string();
        let r = Self::resource(&st, &api_version, &kind);
        let name = obj
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let ns = obj
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .map(String::from)
            .or_else(|| r.namespaced.then(|| "default".to_string()));
        let ctx = write::Ctx {
            r: r.clone(),
            ns: ns.clone(),
            name: Some(name.clone()),
            status: false,
            dry_run: false,
            field_manager: Some(manager.to_string()),
            manager: manager.to_string(),
            force: Some(true),
            field_validation: None,
        };
        let result = if operation == "Apply" {
            let body = serde_json::to_vec(&obj).unwrap();
            write::patch(&mut st, &ctx, "application/apply-patch+yaml", &body)
        } else {
            let exists = st.get(&store::Key::of(&r, ns.as_deref(), &name)).is_some();
            if exists {
                let ctx = write::Ctx { force: None, ..ctx };
                write::update(&mut st, &ctx, &obj)
            } else {
                let ctx = write::Ctx { force: None, ..ctx };
                write::create(&mut st, &ctx, &obj)
            }
        };
        if let Err(e) = result {
            panic!("insert {kind} {name} refused: {}", e.body);
        }
        self.shared.changed.notify_all();
    }

    /// Replaces an object's status through the status subresource, as a controller
    /// (`kube-controller-manager`) would. The controller simulation still runs on later
    /// writes of the object; use `stall` to keep a status from being made ready.
    pub fn set_status(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        name: &str,
        status: Value,
    ) {
        let mut st = self.state();
        let r = Self::resource(&st, api_version, kind);
        let key = store::Key::of(&r, namespace, name);
        assert!(
            st.get(&key).is_some(),
            "set_status: {kind} {namespace:?}/{name} does not exist"
        );
        write::write_status(&mut st, &r, &key, status, "kube-controller-manager");
        self.shared.changed.notify_all();
    }

    /// From now on the controller simulation never makes this object ready (a Deployment gets
    /// Available=False, a CRD is never established, others keep their status).
    pub fn stall(&self, kind: &str, namespace: Option<&str>, name: &str) {
        let mut st = self.state();
        st.stalled.insert((
            kind.to_string(),
            namespace.unwrap_or("").to_string(),
            name.to_string(),
        ));
        if let Some(r) = st.find_kind_any_version(kind) {
            let key = store::Key::of(&r, namespace, name);
            if st.get(&key).is_some() {
                write::reconcile(&mut st, &r, &key);
            }
        }
        self.shared.changed.notify_all();
    }

    /// From now on, answer requests that do not carry `Authorization: Bearer TOKEN` with 401
    /// Unauthorized, like an API server whose authenticators all reject the request.
    pub fn require_token(&self, token: &str) {
        self.state().required_token = Some(token.to_string());
    }

    /// How long a new CRD takes to be established (default 0: at once after its creation).
    pub fn set_crd_establish_delay(&self, d: Duration) {
        self.state().crd_delay = d;
    }

    /// The next `count` requests with this method whose path+query contains `path_contains`
    /// get a Status of that code (500: InternalError) instead of being handled.
    pub fn fail_next(&self, method: &str, path_contains: &str, count: usize, status: u16) {
        self.state().faults.push(store::Fault {
            method: method.to_string(),
            path_contains: path_contains.to_string(),
            remaining: count,
            status: Some(status),
        });
    }

    /// The next `count` matching requests are read, then the connection is closed without a
    /// reply.
    pub fn drop_next(&self, method: &str, path_contains: &str, count: usize) {
        self.state().faults.push(store::Fault {
            method: method.to_string(),
            path_contains: path_contains.to_string(),
            remaining: count,
            status: None,
        });
    }

    /// Forgets the faults still pending.
    pub fn clear_faults(&self) {
        self.state().faults.clear();
    }

    /// Every request waits before it is handled: `read` for reads and dry-runs, `write` for
    /// writes (a real API server spends most of a write in etcd).
    pub fn set_latency(&self, read: Duration, write: Duration) {
        self.state().latency = (read, write);
    }

    /// Every matching request waits `d` before it is handled.
    pub fn delay(&self, method: &str, path_contains: &str, d: Duration) {
        self.state().delays.push(store::DelayRule {
            method: method.to_string(),
            path_contains: path_contains.to_string(),
            delay: d,
        });
    }

    /// Every request so far, in order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.state().requests.clone()
    }

    /// Writes accepted so far: POST/PUT/PATCH/DELETE answered 2xx, not dry-run (a no-op apply
    /// counts: it was a write request the server accepted).
    pub fn writes(&self) -> usize {
        self.state().writes
    }
}

impl Drop for TestApiServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        // Wake the accept loop so its thread ends.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}
