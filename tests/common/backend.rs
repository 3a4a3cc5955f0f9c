//! The two API servers the cluster tests run against: the in-process test double
//! (`apiserver`, with fault hooks) and a real kube-apiserver (the control plane `.ci/run` starts, named by
//! `KZR_TEST_KUBECONFIG`). One test body takes a `Backend` and runs on both.
//!
//! Each test works in a namespace of its own (created here, deleted afterwards on the real
//! server), so tests run in parallel against one real control plane.

use super::apiserver::TestApiServer;
use super::text;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub enum Backend {
    Double { server: TestApiServer, ns: String },
    Real { kubeconfig: PathBuf, ns: String },
}

/// Declares `mod NAME { test_api_server, real_api_server }` running the body `NAME(&Backend)`
/// against each back end.
#[macro_export]
macro_rules! on_both_servers {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn test_api_server() {
                super::$name(&$crate::common::backend::Backend::double(stringify!($name)));
            }
            #[test]
            fn real_api_server() {
                if let Some(b) = $crate::common::backend::Backend::real(stringify!($name)) {
                    super::$name(&b);
                }
            }
        }
    )*};
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A namespace name unique to this test run: `kzr-<test>-<pid>-<n>`, cut to 63 characters.
fn namespace_for(test: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let short: String = test.chars().take(30).collect::<String>().replace('_', "-");
    let ns = format!("kzr-{short}-{}-{n}", std::process::id());
    ns.trim_end_matches('-').chars().take(63).collect()
}

impl Backend {
    /// The test double, with the test's namespace created.
    pub fn double(test: &str) -> Backend {
        let server = TestApiServer::start();
        let ns = namespace_for(test);
        server.insert(
            serde_json::json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
            "test",
            "Update",
        );
        Backend::Double { server, ns }
    }

    /// The real API server named by `KZR_TEST_KUBECONFIG`, or `None` (the test says it was
    /// skipped) when it is not set. With `KZR_TEST_REQUIRE_CLUSTER=1` (CI) a missing server
    /// fails the test instead.
    pub fn real(test: &str) -> Option<Backend> {
        let Ok(kubeconfig) = std::env::var("KZR_TEST_KUBECONFIG") else {
            assert!(
                std::env::var_os("KZR_TEST_REQUIRE_CLUSTER").is_none(),
                "{test}: KZR_TEST_REQUIRE_CLUSTER is set but KZR_TEST_KUBECONFIG is not"
            );
            eprintln!("{test}: real API server skipped, KZR_TEST_KUBECONFIG is not set");
            return None;
        };
        let b = Backend::Real {
            kubeconfig: PathBuf::from(kubeconfig),
            ns: namespace_for(test),
        };
        b.kubectl_ok(&["create", "namespace", b.ns()]);
        Some(b)
    }

    pub fn is_real(&self) -> bool {
        matches!(self, Backend::Real { .. })
    }

    /// The double, for what only it can do (fault injection, request logs).
    pub fn double_server(&self) -> Option<&TestApiServer> {
        match self {
            Backend::Double { server, .. } => Some(server),
            Backend::Real { .. } => None,
        }
    }

    /// The test's namespace.
    pub fn ns(&self) -> &str {
        match self {
            Backend::Double { ns, .. } | Backend::Real { ns, .. } => ns,
        }
    }

    pub fn kubeconfig(&self) -> PathBuf {
        match self {
            Backend::Double { server, .. } => server.kubeconfig(),
            Backend::Real { kubeconfig, .. } => kubeconfig.clone(),
        }
    }

    /// `Kind/<test namespace>/name`.
    pub fn id(&self, kind: &str, name: &str) -> String {
        format!("{kind}/{}/{name}", self.ns())
    }

    /// kzr with `--kubeconfig`, and `-n <test namespace>` unless the args name a namespace,
    /// a saved plan or all namespaces.
    pub fn kzr(&self, args: &[&str]) -> Output {
        let kubeconfig = self.kubeconfig();
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--kubeconfig", kubeconfig.to_str().unwrap()]);
        let scoped = args
            .iter()
            .any(|a| ["-n", "--from", "-A", "--all-namespaces"].contains(a));
        if !scoped {
            all.extend(["-n", self.ns()]);
        }
        super::kzr(&all)
    }

    /// A spawned kzr (for races and signals), with the same flags as [`Backend::kzr`].
    pub fn spawn_kzr(&self, args: &[&str]) -> std::process::Child {
        Command::new(env!("CARGO_BIN_EXE_kzr"))
            .args(args)
            .arg("--kubeconfig")
            .arg(self.kubeconfig())
            .args(["-n", self.ns()])
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run kzr")
    }

    pub fn kubectl(&self, args: &[&str], stdin: Option<&str>) -> Output {
        use std::io::Write;
        let mut child = Command::new("kubectl")
            .arg("--kubeconfig")
            .arg(self.kubeconfig())
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("kubectl must be installed");
        let mut input = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            input.write_all(s.as_bytes()).unwrap();
        }
        drop(input);
        child.wait_with_output().unwrap()
    }

    fn kubectl_ok(&self, args: &[&str]) -> String {
        let out = self.kubectl(args, None);
        assert!(
            out.status.success(),
            "kubectl {args:?}: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// The live object (as a GET returns it), or `None`.
    pub fn object(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        name: &str,
    ) -> Option<Value> {
        match self {
            Backend::Double { server, .. } => server.object(api_version, kind, namespace, name),
            Backend::Real { .. } => {
                let resource = match api_version.split_once('/') {
                    Some((group, version)) => format!("{kind}.{version}.{group}"),
                    None => kind.to_string(),
                };
                let mut args = vec![
                    "get",
                    resource.as_str(),
                    name,
                    "-o",
                    "json",
                    "--show-managed-fields",
                ];
                if let Some(ns) = namespace {
                    args.extend(["-n", ns]);
                }
                let out = self.kubectl(&args, None);
                if !out.status.success() {
                    let err = text(&out.stderr);
                    assert!(err.contains("NotFound"), "kubectl {args:?}: {err}");
                    return None;
                }
                Some(serde_json::from_slice(&out.stdout).unwrap())
            }
        }
    }

    /// Writes an object as another client would: field manager `manager`, an Update (not an
    /// apply). `object` may come from [`Backend::object`] (managedFields are dropped).
    pub fn put(&self, mut object: Value, manager: &str) {
        if let Some(meta) = object["metadata"].as_object_mut() {
            meta.remove("managedFields");
        }
        match self {
            Backend::Double { server, .. } => server.insert(object, manager, "Update"),
            Backend::Real { .. } => {
                let exists = object["metadata"].get("resourceVersion").is_some();
                let verb = if exists { "replace" } else { "create" };
                let manager = format!("--field-manager={manager}");
                let out = self.kubectl(&[verb, &manager, "-f", "-"], Some(&object.to_string()));
                assert!(
                    out.status.success(),
                    "kubectl {verb}: {}",
                    text(&out.stderr)
                );
            }
        }
    }

    /// Applies YAML the way `kubectl apply` (client-side) does.
    pub fn kubectl_apply(&self, yaml: &str) {
        match self {
            Backend::Double { .. } => panic!("kubectl_apply is for the real server"),
            Backend::Real { .. } => {
                let out = self.kubectl(&["apply", "-n", self.ns(), "-f", "-"], Some(yaml));
                assert!(out.status.success(), "kubectl apply: {}", text(&out.stderr));
            }
        }
    }

    /// How many writes the server has seen (the double counts them; a real server does not).
    pub fn writes(&self) -> Option<usize> {
        self.double_server().map(TestApiServer::writes)
    }

    /// The inventory's entry ids, in order.
    pub fn inventory_ids(&self, ns: &str) -> Vec<String> {
        let cm = self
            .object("v1", "ConfigMap", Some(ns), "inv-app")
            .expect("inventory exists");
        let entries: Vec<Value> =
            serde_json::from_str(cm["data"]["resources"].as_str().unwrap()).unwrap();
        entries
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        if let Backend::Real { .. } = self {
            let selector = format!("kzr.dev/inventory-namespace={}", self.ns());
            let _ = self.kubectl(
                &[
                    "delete",
                    "clusterroles,customresourcedefinitions,validatingwebhookconfigurations,namespaces",
                    "-l",
                    &selector,
                    "--wait=false",
                    "--ignore-not-found",
                ],
                None,
            );
            let _ = self.kubectl(
                &[
                    "delete",
                    "namespace",
                    self.ns(),
                    "--wait=false",
                    "--ignore-not-found",
                ],
                None,
            );
        }
    }
}
