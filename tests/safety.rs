//! Safety at the edges: servers that never answer or are not what they seem, references that
//! mean something else, an empty apply, and an edited plan. Each refusal is one line, in
//! bounded time, with nothing written.

use crate::common;
use common::apiserver::TestApiServer;
use common::registry::TestRegistry;
use common::servers::{kubeconfig, BlackHole, WebPage, PAGE};
use common::{kzr, text, tree, APP};
use std::process::Output;
use std::time::{Duration, Instant};

/// Runs kzr, checking that it ends within `limit`.
fn kzr_within(limit: Duration, args: &[&str]) -> Output {
    let start = Instant::now();
    let out = kzr(args);
    let took = start.elapsed();
    assert!(
        took < limit,
        "kzr {args:?} took {took:?} (limit {limit:?}): {}",
        text(&out.stderr)
    );
    out
}

/// A failure reported as one `error:` line (plus an optional hint), nothing on stdout.
fn one_error(out: &Output) -> String {
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(out.stdout.is_empty(), "stdout: {}", text(&out.stdout));
    let errors = err.lines().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(errors, 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn a_registry_that_never_answers_ends_each_verb_at_its_timeout() {
    let hole = BlackHole::start();
    let url = |path: &str| format!("oci://127.0.0.1:{}/{path}", hole.port);
    let dir = tree(&[("app.yaml", APP)]);
    let app = dir.path().join("app.yaml");
    let verbs: Vec<Vec<String>> = vec![
        vec!["pull".into(), "artifact".into(), url("demo/app:v1")],
        vec!["inspect".into(), "artifact".into(), url("demo/app:v1")],
        vec!["list".into(), "artifacts".into(), url("demo/app")],
        vec![
            "tag".into(),
            "artifact".into(),
            url("demo/app:v1"),
            "v2".into(),
        ],
        vec![
            "copy".into(),
            "artifact".into(),
            url("demo/app:v1"),
            url("demo/copy:v1"),
        ],
        vec![
            "push".into(),
            "artifact".into(),
            url("demo/app:v1"),
            "-f".into(),
            app.display().to_string(),
        ],
        vec![
            "diff".into(),
            "artifact".into(),
            url("demo/app:v1"),
            url("demo/app:v2"),
        ],
    ];
    let runs: Vec<_> = verbs
        .into_iter()
        .map(|verb| {
            std::thread::spawn(move || {
                let mut args: Vec<&str> = verb.iter().map(String::as_str).collect();
                args.extend(["--timeout", "2s"]);
                (verb.join(" "), kzr_within(Duration::from_secs(10), &args))
            })
        })
        .collect();
    for run in runs {
        let (verb, out) = run.join().unwrap();
        let err = one_error(&out);
        assert!(
            err.contains(&format!(
                "the registry at 127.0.0.1:{} did not answer within 2s",
                hole.port
            )),
            "{verb}: {err}"
        );
    }
}

#[test]
fn an_api_server_that_never_answers_ends_each_verb_at_its_timeout() {
    let hole = BlackHole::start();
    let dir = tree(&[("app.yaml", APP)]);
    let server = format!("https://127.0.0.1:{}", hole.port);
    let config = kubeconfig(dir.path(), &server);
    let config = config.to_str().unwrap();
    let app = dir.path().join("app.yaml");
    let app = app.to_str().unwrap();
    let runs: Vec<_> = [
        vec!["apply", "app", "-f", app],
        vec!["diff", "app", "-f", app],
        vec!["plan", "app", "-f", app],
        vec!["teardown", "app"],
        vec!["get", "inventories"],
        vec!["inspect", "inventory", "app"],
    ]
    .into_iter()
    .map(|verb| {
        let mut args: Vec<String> = verb.iter().map(|s| s.to_string()).collect();
        args.extend(["--kubeconfig".into(), config.into()]);
        args.extend(["--timeout".into(), "2s".into()]);
        std::thread::spawn(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            (args.join(" "), kzr_within(Duration::from_secs(10), &args))
        })
    })
    .collect();
    for run in runs {
        let (verb, out) = run.join().unwrap();
        let err = one_error(&out);
        assert!(
            err.contains(&format!(
                "the API server at {server} did not answer within 2s"
            )),
            "{verb}: {err}"
        );
    }
}

#[test]
fn a_web_server_is_not_taken_for_a_kubernetes_api_server() {
    let web = WebPage::start();
    let dir = tree(&[("app.yaml", APP)]);
    let server = format!("http://127.0.0.1:{}", web.port);
    let config = kubeconfig(dir.path(), &server);
    let config = config.to_str().unwrap();
    let app = dir.path().join("app.yaml");
    let app = app.to_str().unwrap();
    for verb in [
        vec!["apply", "app", "-f", app],
        vec!["diff", "app", "-f", app],
        vec!["teardown", "app"],
        vec!["get", "inventories", "-A"],
    ] {
        let mut args = verb.clone();
        args.extend(["--kubeconfig", config]);
        let out = kzr_within(Duration::from_secs(20), &args);
        let err = one_error(&out);
        assert!(
            err.contains(&format!(
                "{server}: not a Kubernetes API server (GET /api answered 404 text/html)"
            )),
            "{verb:?}: {err}"
        );
        assert!(!err.contains(PAGE) && !err.contains("<html"), "{err}");
        assert!(!err.contains("install the CRD"), "{err}");
        assert!(!err.contains("not found in namespace"), "{err}");
    }
}

#[test]
fn references_that_would_mean_something_else_are_refused() {
    let reg = TestRegistry::start();
    // A registry without a repository is not a Docker Hub image named after the host.
    for bare in [
        "oci://localhost:55123",
        "oci://127.0.0.1:5000",
        "oci://ghcr.io",
    ] {
        let out = kzr_within(Duration::from_secs(5), &["pull", "artifact", bare]);
        let err = one_error(&out);
        assert!(err.contains("no repository"), "{err}");
        assert!(!err.contains("docker.io"), "{err}");
    }
    // A missing repository is not an artifact tagged latest.
    let out = kzr(&["list", "artifacts", &reg.url("nothing/here")]);
    let err = one_error(&out);
    assert!(err.contains("repository not found"), "{err}");
    assert!(!err.contains(":latest"), "{err}");
    let out = kzr(&["list", "artifacts", &reg.url("nothing/here:v1")]);
    assert!(one_error(&out).contains("without a tag"));
}

#[test]
fn credentials_in_references_are_refused_and_never_printed() {
    const SECRET: &str = "UrlSecret-314";
    let reg = TestRegistry::start();
    let with_creds = format!("oci://user:{SECRET}@127.0.0.1:{}/demo/app:v1", reg.port);
    let dir = tree(&[
        ("app.yaml", APP),
        (
            "component.yaml",
            &format!("namespace: demo\noci_artifact:\n  url: oci://user:{SECRET}@reg.example.com/app\n  tag: v1\n"),
        ),
    ]);
    let app = dir.path().join("app.yaml");
    let app = app.to_str().unwrap();
    let component = dir.path().join("component.yaml");
    for args in [
        vec!["pull", "artifact", &with_creds],
        vec!["inspect", "artifact", &with_creds],
        vec!["push", "artifact", &with_creds, "-f", app],
        vec!["copy", "artifact", &with_creds, &with_creds],
        vec!["apply", "app", "-a", &with_creds],
        vec!["config", "validate", component.to_str().unwrap()],
    ] {
        let out = kzr(&args);
        let err = one_error(&out);
        assert!(!err.contains(SECRET), "{args:?}: {err}");
        assert!(err.contains("credentials"), "{args:?}: {err}");
        if args[0] != "config" {
            assert!(err.contains("hint: pass credentials with --creds"), "{err}");
        }
    }
}

#[test]
fn an_empty_apply_or_push_is_refused_unless_allowed() {
    let server = TestApiServer::start();
    let kubeconfig = server.kubeconfig();
    let kubeconfig = kubeconfig.to_str().unwrap();
    let dir = tree(&[("app.yaml", APP), ("empty.yaml", "")]);
    let app = dir.path().join("app.yaml");
    let empty = dir.path().join("empty.yaml");
    let apply = |file: &std::path::Path, extra: &[&str]| {
        let mut args = vec![
            "apply",
            "app",
            "-f",
            file.to_str().unwrap(),
            "--kubeconfig",
            kubeconfig,
            "--wait=false",
        ];
        args.extend(extra);
        kzr(&args)
    };
    assert!(apply(&app, &[]).status.success());
    let writes = server.writes();
    for source in [empty.as_path(), std::path::Path::new("/dev/null")] {
        let err = one_error(&apply(source, &[]));
        assert!(err.contains("nothing to apply"), "{err}");
        assert!(err.contains("--allow-empty"), "{err}");
    }
    assert_eq!(
        server.writes(),
        writes,
        "an empty apply wrote to the cluster"
    );
    assert!(server
        .object("apps/v1", "Deployment", Some("default"), "web")
        .is_some());
    // Asked for, it prunes what the inventory lists.
    let out = apply(&empty, &["--allow-empty"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Deployment/default/web deleted"));

    let reg = TestRegistry::start();
    let err = one_error(&kzr(&[
        "push",
        "artifact",
        &reg.url("demo/empty:v1"),
        "-f",
        empty.to_str().unwrap(),
    ]));
    assert!(err.contains("no objects"), "{err}");
    let out = kzr(&[
        "push",
        "artifact",
        &reg.url("demo/empty:v1"),
        "-f",
        empty.to_str().unwrap(),
        "--allow-empty",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn an_edited_plan_is_refused_and_nothing_is_applied() {
    let server = TestApiServer::start();
    let kubeconfig = server.kubeconfig();
    let kubeconfig = kubeconfig.to_str().unwrap();
    let dir = tree(&[("app.yaml", APP)]);
    let plan = dir.path().join("plan.json");
    let out = kzr(&[
        "plan",
        "app",
        "-f",
        dir.path().join("app.yaml").to_str().unwrap(),
        "--out",
        plan.to_str().unwrap(),
        "--kubeconfig",
        kubeconfig,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let saved = std::fs::read_to_string(&plan).unwrap();
    assert!(saved.contains("\"digest\": \"sha256:"), "{saved}");
    let writes = server.writes();

    // A renamed object.
    let edited = dir.path().join("edited.json");
    std::fs::write(
        &edited,
        saved.replace("\"name\": \"web\"", "\"name\": \"evil\""),
    )
    .unwrap();
    let apply_from = |file: &std::path::Path| {
        kzr(&[
            "apply",
            "--from",
            file.to_str().unwrap(),
            "--kubeconfig",
            kubeconfig,
        ])
    };
    let err = one_error(&apply_from(&edited));
    assert!(
        err.contains(&format!("{} was modified", edited.display())),
        "{err}"
    );
    // The digest removed.
    let mut v: serde_json::Value = serde_json::from_str(&saved).unwrap();
    v.as_object_mut().unwrap().remove("digest");
    std::fs::write(&edited, v.to_string()).unwrap();
    assert!(one_error(&apply_from(&edited)).contains("no digest"));
    assert_eq!(server.writes(), writes);
    assert!(server
        .object("apps/v1", "Deployment", Some("default"), "evil")
        .is_none());
    // The untouched plan applies.
    let out = apply_from(&plan);
    assert!(out.status.success(), "{}", text(&out.stderr));
}
