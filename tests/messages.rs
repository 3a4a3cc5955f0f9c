//! Every error a user can provoke from the outside, swept: one `error:` line in words (no
//! library type names or OS error codes), naming the server, file or flag, and a hint only
//! where the hint is true.

use crate::common;
use common::registry::{TestRegistry, PASSWORD, USER};
use common::servers::kubeconfig;
use common::{kzr, text, tree, APP};
use std::process::Output;

/// Words that only a library's internals would print.
const FORBIDDEN: &[&str] = &[
    "ServiceError",
    "client error",
    "(Connect)",
    "SendRequest",
    "os error",
    "OtherError",
    "InvalidContentType",
    "CaUsedAsEndEntity",
    "hyper",
    "reqwest",
    "kube::",
    "Custom {",
    "panicked",
];

/// The error line and the hint line (if any) of a failed run.
fn failure(what: &str, out: &Output) -> (String, Option<String>) {
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{what}: succeeded: {err}");
    for word in FORBIDDEN {
        assert!(!err.contains(word), "{what}: {word:?} in {err}");
    }
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "{what}: {err}");
    assert!(
        err.lines()
            .all(|l| l.starts_with("error: ") || l.starts_with("hint: ") || l.contains("retrying")),
        "{what}: other lines on stderr: {err}"
    );
    let hint = err
        .lines()
        .find_map(|l| l.strip_prefix("hint: "))
        .map(str::to_string);
    (errors[0].to_string(), hint)
}

fn expect(what: &str, out: &Output, line_has: &[&str], hint_has: Option<&str>) {
    let (line, hint) = failure(what, out);
    for part in line_has {
        assert!(line.contains(part), "{what}: {part:?} not in {line}");
    }
    match (hint_has, &hint) {
        (Some(h), Some(hint)) => assert!(hint.contains(h), "{what}: hint {hint:?} lacks {h:?}"),
        (Some(h), None) => panic!("{what}: no hint, expected one with {h:?}"),
        (None, _) => {}
    }
    if !hint_has.is_some_and(|h| h.contains("--plain-http")) {
        assert!(
            !hint.as_deref().unwrap_or("").contains("--plain-http"),
            "{what}: a --plain-http hint where plain HTTP is not the problem: {hint:?}"
        );
    }
}

#[test]
fn registry_errors_are_words_with_true_hints() {
    let secure = TestRegistry::start_secure();
    let plain = TestRegistry::start();
    let ca = secure.ca_file();
    let url = secure.url("team/app:v1");
    let host = format!("127.0.0.1:{}", secure.port);
    let creds = format!("{USER}:{PASSWORD}");

    expect(
        "connection refused",
        &kzr(&["pull", "artifact", "oci://127.0.0.1:1/a/b:v1"]),
        &["cannot reach the registry at 127.0.0.1:1: connection refused"],
        Some("check the registry's host and port"),
    );
    expect(
        "a name that does not resolve",
        &kzr(&[
            "pull",
            "artifact",
            "oci://registry.invalid/a/b:v1",
            "--timeout",
            "20s",
        ]),
        &["registry.invalid", "does not resolve"],
        Some("host and port"),
    );
    // TLS with another CA than the registry's: not retried, and the hint is the CA, not
    // plain HTTP.
    let other = TestRegistry::start_secure();
    let start = std::time::Instant::now();
    expect(
        "unknown certificate authority",
        &kzr(&["pull", "artifact", &url, "--ca-file", &other.ca_file()]),
        &[
            &format!("cannot talk to the registry at {host}"),
            "certificate",
        ],
        Some("--ca-file"),
    );
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "a certificate failure was retried"
    );
    // TLS to a registry that serves plain HTTP: the one case for --plain-http.
    expect(
        "TLS to a plain HTTP registry",
        &kzr(&[
            "pull",
            "artifact",
            &plain.url("team/app:v1"),
            "--ca-file",
            &ca,
        ]),
        &["does not speak TLS"],
        Some("--plain-http"),
    );
    // Plain HTTP to a TLS registry (a loopback registry is plain HTTP by default).
    expect(
        "plain HTTP to a TLS registry",
        &kzr(&["pull", "artifact", &url]),
        &[&format!(
            "cannot talk to the registry at {host}: the server requires TLS"
        )],
        Some("--ca-file"),
    );
    // Credentials.
    expect(
        "no credentials",
        &kzr(&["pull", "artifact", &url, "--ca-file", &ca]),
        &["authentication required for"],
        Some("--creds"),
    );
    expect(
        "wrong password",
        &kzr(&[
            "pull",
            "artifact",
            &url,
            "--ca-file",
            &ca,
            "--creds",
            &format!("{USER}:wrong"),
        ]),
        &[&format!("credentials rejected for {USER} at {host} (401)")],
        Some("check the user and password"),
    );
    let out = kzr(&[
        "pull",
        "artifact",
        &secure.url("none/here:v1"),
        "--ca-file",
        &ca,
        "--creds",
        &creds,
    ]);
    expect("missing artifact", &out, &["artifact not found"], None);
    // A Docker config that does not parse: its file is named, no --plain-http hint.
    let docker = tree(&[("config.json", "{not json")]);
    let out = common::kzr_env(
        &[
            "pull",
            "artifact",
            &secure.url("team/app:v1"),
            "--ca-file",
            &ca,
        ],
        &[("DOCKER_CONFIG", docker.path().to_str().unwrap())],
    );
    expect("bad config.json", &out, &["config.json"], None);
    // Flags naming files.
    expect(
        "--ca-file missing",
        &kzr(&["pull", "artifact", &url, "--ca-file", "/nonexistent/ca.pem"]),
        &["--ca-file /nonexistent/ca.pem: no such file or directory"],
        None,
    );
    let dir = tree(&[("app.yaml", APP)]);
    let app = dir.path().join("app.yaml");
    expect(
        "--age-recipients missing",
        &kzr(&[
            "push",
            "artifact",
            &plain.url("a/b:v1"),
            "-f",
            app.to_str().unwrap(),
            "--age-recipients",
            "/nonexistent/r.txt",
        ]),
        &["--age-recipients /nonexistent/r.txt: no such file or directory"],
        None,
    );
}

#[test]
fn cluster_errors_are_words_naming_the_kubeconfig() {
    let dir = tree(&[("app.yaml", APP)]);
    let app = dir.path().join("app.yaml");
    let app = app.to_str().unwrap();
    let closed = kubeconfig(dir.path(), "https://127.0.0.1:1");
    let closed = closed.to_str().unwrap();
    expect(
        "closed port",
        &kzr(&["apply", "app", "-f", app, "--kubeconfig", closed, "--timeout", "2s"]),
        &[&format!("cannot reach the API server at https://127.0.0.1:1: connection refused (context x in {closed})")],
        Some("--kubeconfig"),
    );
    // The same object twice among the inputs: refused before the cluster is contacted,
    // naming both places, with the hint.
    expect(
        "duplicate inputs",
        &kzr(&["apply", "app", "-f", app, "-f", app, "--kubeconfig", closed]),
        &["is defined twice: at ", "app.yaml:"],
        Some("may appear only once"),
    );
    expect(
        "unknown context",
        &kzr(&[
            "apply",
            "app",
            "-f",
            app,
            "--kubeconfig",
            closed,
            "--context",
            "nope",
        ]),
        &[&format!("context nope not found in {closed} (it has: x)")],
        Some("--context"),
    );
    let exec = dir.path().join("exec-kubeconfig");
    std::fs::write(
        &exec,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"https://127.0.0.1:1\"}\nusers:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kzr-test-no-such-plugin\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n",
    )
    .unwrap();
    expect(
        "missing credential plugin",
        &kzr(&["get", "inventories", "--kubeconfig", exec.to_str().unwrap()]),
        &["the credential plugin kzr-test-no-such-plugin is not installed"],
        None,
    );
    expect(
        "missing kubeconfig",
        &kzr(&[
            "get",
            "inventories",
            "--kubeconfig",
            "/nonexistent/kubeconfig",
        ]),
        &["--kubeconfig /nonexistent/kubeconfig"],
        None,
    );
    // A TLS server whose certificate the kubeconfig does not trust (the secure registry
    // stands in for an API server with a private CA).
    let tls = TestRegistry::start_secure();
    let untrusted = tree(&[]);
    let config = untrusted.path().join("kubeconfig");
    std::fs::write(
        &config,
        format!("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: \"https://127.0.0.1:{}\"}}\nusers:\n- name: u\n  user: {{}}\ncontexts:\n- name: x\n  context: {{cluster: c, user: u}}\ncurrent-context: x\n", tls.port),
    )
    .unwrap();
    let start = std::time::Instant::now();
    expect(
        "untrusted API server certificate",
        &kzr(&[
            "get",
            "inventories",
            "--kubeconfig",
            config.to_str().unwrap(),
        ]),
        &[
            "cannot talk to the API server at https://127.0.0.1:",
            "certificate",
        ],
        Some("certificate-authority"),
    );
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "a certificate failure was retried"
    );
    expect(
        "apply without inputs",
        &kzr(&["apply", "app", "--kubeconfig", closed]),
        &["nothing to deploy: give -k DIR, -f PATH or -a oci://REF"],
        None,
    );
}

#[test]
fn local_errors_name_the_flag_and_file() {
    expect(
        "man --dir in a place that cannot exist",
        &kzr(&["man", "--dir", "/proc/kzr-man"]),
        &["--dir /proc/kzr-man:"],
        None,
    );
    let dir = tree(&[("app.yaml", APP)]);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kzr"))
        .args(["build", "-f", dir.path().join("app.yaml").to_str().unwrap()])
        .stdout(full)
        .output()
        .unwrap();
    expect(
        "a full disk",
        &out,
        &["cannot write to standard output: no space left on device"],
        None,
    );
}
