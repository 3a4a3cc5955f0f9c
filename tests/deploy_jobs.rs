//! The runner contract's deploy jobs (docs/runner.md): `kzr plan|apply|teardown --deploy-plan
//! FILE -o json`, end to end against a real registry (Debian's docker-registry on loopback)
//! and the test API server, with plans in the platform's Go JSON shape (PascalCase registry
//! struct, nulls, unknown keys) and in the design documents' shape
//! (`kubernetes_manifest_deploy_plan`). Every job's stdout and stderr are checked for the
//! fixtures' secrets.

use crate::common;
use common::apiserver::TestApiServer;
use common::plans::{fixtures, plan};
use common::registry::{TestRegistry, PASSWORD, USER};
use common::{kzr, kzr_env, text, APP};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Output;

/// Every secret in the deploy fixtures: the registry password, the install state's secret,
/// the cluster tokens (plan token, kubeconfig token, credential plugin output).
const SECRETS: &[&str] = &[
    PASSWORD,
    "StateSecret-777",
    "ClusterToken-999",
    "EksToken-4242",
    "test-token",
];

fn assert_no_secret(what: &str, out: &Output) {
    for stream in [text(&out.stdout), text(&out.stderr)] {
        for secret in SECRETS {
            assert!(
                !stream.contains(secret),
                "{what}: {secret:?} printed:\n{stream}"
            );
        }
    }
}

fn json_of(what: &str, out: &Output) -> Value {
    assert_no_secret(what, out);
    assert!(
        out.status.success(),
        "{what} failed ({:?})\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    let stdout = text(&out.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{what}: {e}: {stdout}"))
}

/// The one error line of a failed job.
fn failed(what: &str, out: &Output) -> String {
    assert_no_secret(what, out);
    assert_eq!(out.status.code(), Some(1), "{what}: {}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "{what}: nothing on stdout");
    let stderr = text(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_else(|| panic!("{what}: no error line in {stderr}"));
    line.to_string()
}

fn job(verb: &str, plan: &str, extra: &[&str]) -> Output {
    job_env(verb, plan, extra, &[])
}

fn job_env(verb: &str, plan: &str, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut args = vec![verb, "--deploy-plan", plan, "-o", "json"];
    if verb != "plan" {
        args.extend(["--timeout", "20s"]);
    }
    args.extend_from_slice(extra);
    kzr_env(&args, env)
}

fn namespace(server: &TestApiServer, name: &str) {
    server.insert(
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}),
        "kubectl-create",
        "Update",
    );
}

/// The test API server's kubeconfig as a JSON string (for `cluster_info.kube_config`).
fn kubeconfig_json(server: &TestApiServer) -> String {
    serde_json::to_string(&std::fs::read_to_string(server.kubeconfig()).unwrap()).unwrap()
}

/// Pushes `content` to `url`; returns the manifest digest.
fn push(dir: &Path, url: &str, content: &str, extra: &[&str]) -> String {
    let file = dir.join("app.yaml");
    std::fs::write(&file, content).unwrap();
    let mut args = vec![
        "push",
        "artifact",
        url,
        "-f",
        file.to_str().unwrap(),
        "-o",
        "json",
    ];
    args.extend_from_slice(extra);
    let v = json_of("push", &kzr(&args));
    v["digest"].as_str().unwrap().to_string()
}

fn ids(v: &Value) -> Vec<(String, String)> {
    let mut out: Vec<_> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn all(action: &str, ids: &[&str]) -> Vec<(String, String)> {
    let mut out: Vec<_> = ids
        .iter()
        .map(|i| (i.to_string(), action.to_string()))
        .collect();
    out.sort();
    out
}

const APP_IDS: [&str; 3] = [
    "ConfigMap/inst1-apps/settings",
    "Deployment/inst1-apps/web",
    "Service/inst1-apps/web",
];

#[test]
fn platform_plan_pulls_by_digest_and_runs_plan_apply_teardown() {
    let reg = TestRegistry::start_secure();
    let ca = reg.ca_file();
    let creds = format!("{USER}:{PASSWORD}");
    let dir = tempfile::tempdir().unwrap();
    let url = reg.url("inst1/web:dpl1");
    let digest = push(
        dir.path(),
        &url,
        APP,
        &["--ca-file", &ca, "--creds", &creds],
    );
    // The tag moves on; the plan's digest still names the first push.
    let moved = APP.replace("mode: fast", "mode: moved");
    push(
        dir.path(),
        &url,
        &moved,
        &["--ca-file", &ca, "--creds", &creds],
    );

    let server = TestApiServer::start();
    namespace(&server, "inst1-apps");
    let host = format!("127.0.0.1:{}", reg.port);
    let p = plan(
        dir.path(),
        "deploy-platform.json",
        &[
            ("REGISTRY", &host),
            ("USER", USER),
            ("PASSWORD", PASSWORD),
            ("DIGEST", &digest),
            ("KUBECONFIG", &kubeconfig_json(&server)),
        ],
    );
    let tls = ["--ca-file", ca.as_str()];

    let v = json_of("plan", &job("plan", &p, &tls));
    assert_eq!(
        v["inventory"],
        json!({"name": "cmp1", "namespace": "inst1-apps"})
    );
    assert_eq!(v["artifact"], json!(format!("{host}/inst1/web@{digest}")));
    assert_eq!(v["noop"], json!(false));
    assert_eq!(ids(&v), all("create", &APP_IDS));
    assert_eq!(server.writes(), 0, "a plan writes nothing");

    let v = json_of("apply", &job("apply", &p, &tls));
    assert_eq!(
        v["inventory"],
        json!({"name": "cmp1", "namespace": "inst1-apps"})
    );
    assert_eq!(ids(&v), all("create", &APP_IDS));
    let cm = server
        .object("v1", "ConfigMap", Some("inst1-apps"), "settings")
        .expect("applied");
    assert_eq!(
        cm["data"]["mode"], "fast",
        "the digest's content, not the tag's"
    );
    let inventory = server
        .object("v1", "ConfigMap", Some("inst1-apps"), "inv-cmp1")
        .expect("inventory");
    assert!(
        inventory["data"].to_string().contains("settings"),
        "{inventory}"
    );
    assert_eq!(cm["metadata"]["labels"]["kzr.dev/inventory-name"], "cmp1");

    // The second plan is a no-op, in the most verbose logging too.
    for flags in [&["-vvv"][..], &["-vvv", "--log-format", "json"][..]] {
        let mut args = tls.to_vec();
        args.extend_from_slice(flags);
        let out = job("plan", &p, &args);
        let v = json_of("second plan", &out);
        assert_eq!(v["noop"], json!(true));
        if flags.contains(&"json") {
            let stderr = text(&out.stderr);
            assert!(!stderr.is_empty());
            for line in stderr.lines() {
                let v: Value = serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("--log-format json: {e}: {line}"));
                assert!(v["level"].is_string(), "{line}");
            }
        }
        assert_eq!(ids(&v), all("unchanged", &APP_IDS));
    }

    let out = job("teardown", &p, &["--log-format", "json"]);
    let v = json_of("teardown", &out);
    assert_eq!(ids(&v), all("delete", &APP_IDS));
    let lines: Vec<Value> = text(&out.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["fields"]["message"] == "inventory inst1-apps/cmp1 deleted"),
        "{lines:?}"
    );
    assert!(server
        .object("v1", "ConfigMap", Some("inst1-apps"), "settings")
        .is_none());
    assert!(server
        .object("v1", "ConfigMap", Some("inst1-apps"), "inv-cmp1")
        .is_none());

    // Without the registry's credentials in the plan the pull fails, naming the repository.
    let anonymous = plan(
        dir.path(),
        "deploy-platform.json",
        &[
            ("REGISTRY", &host),
            ("USER", ""),
            ("PASSWORD", ""),
            ("DIGEST", &digest),
            ("KUBECONFIG", &kubeconfig_json(&server)),
        ],
    );
    let line = failed("anonymous pull", &job("plan", &anonymous, &tls));
    assert!(line.contains("authentication required"), "{line}");
    // A wrong password fails without printing it.
    let wrong = std::fs::read_to_string(&p)
        .unwrap()
        .replace(PASSWORD, "WrongPass-987");
    std::fs::write(&p, wrong).unwrap();
    let out = job("plan", &p, &tls);
    failed("wrong password", &out);
    assert!(!text(&out.stderr).contains("WrongPass-987"));
}

#[test]
fn seed_plan_connects_with_endpoint_and_token() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let digest = push(dir.path(), &reg.url("inst1/web:dpl1"), APP, &[]);
    let server = TestApiServer::start();
    server.require_token("ClusterToken-999");
    namespace(&server, "apps");
    let host = format!("127.0.0.1:{}", reg.port);
    let p = plan(
        dir.path(),
        "deploy-seed.json",
        &[("REGISTRY", &host), ("ENDPOINT", &server.url())],
    );
    // Plan and save, then apply exactly the saved plan.
    let saved = dir.path().join("saved-plan.json");
    let v = json_of(
        "plan --out",
        &job("plan", &p, &["--out", saved.to_str().unwrap()]),
    );
    assert_eq!(v["summary"]["create"], 3);
    let v = json_of(
        "apply --from",
        &job("apply", &p, &["--from", saved.to_str().unwrap()]),
    );
    assert_eq!(v["inventory"], json!({"name": "cmp2", "namespace": "apps"}));
    assert_eq!(v["artifact"], json!(format!("{host}/inst1/web@{digest}")));
    let ids_in_apps: Vec<String> = APP_IDS
        .iter()
        .map(|i| i.replace("inst1-apps", "apps"))
        .collect();
    let ids_in_apps: Vec<&str> = ids_in_apps.iter().map(String::as_str).collect();
    assert_eq!(ids(&v), all("create", &ids_in_apps));

    // The inventory name can be given on the command line instead.
    let v = json_of("plan", &job("plan", &p, &["other-inventory"]));
    assert_eq!(v["inventory"]["name"], "other-inventory");

    // Once applied, the saved plan is stale (the objects exist now): it is refused.
    let line = failed(
        "second apply --from",
        &job("apply", &p, &["--from", saved.to_str().unwrap()]),
    );
    assert!(
        line.contains("the cluster changed since the plan was made"),
        "{line}"
    );
    let v = json_of("plan --teardown", &job("plan", &p, &["--teardown"]));
    assert_eq!(ids(&v), all("delete", &ids_in_apps));
    assert_eq!(v["noop"], json!(false));
    let v = json_of("teardown", &job("teardown", &p, &[]));
    assert_eq!(ids(&v), all("delete", &ids_in_apps));

    // The API server refuses a wrong token; the error says so and prints no token.
    let wrong = std::fs::read_to_string(&p)
        .unwrap()
        .replace("ClusterToken-999", "Wrong-Token-1");
    std::fs::write(&p, wrong).unwrap();
    let line = failed("wrong token", &job("plan", &p, &[]));
    assert!(
        line.contains("Unauthorized") || line.contains("401"),
        "{line}"
    );
}

#[test]
fn an_inline_manifest_is_used_verbatim_and_nothing_is_pulled() {
    let server = TestApiServer::start();
    namespace(&server, "inst1-apps");
    namespace(&server, "other-apps");
    let dir = tempfile::tempdir().unwrap();
    // src_registry names a closed port: a pull would fail.
    let p = plan(
        dir.path(),
        "deploy-inline.json",
        &[("KUBECONFIG", &kubeconfig_json(&server))],
    );
    // The plan has no state: the namespace template cannot be rendered without one.
    let line = failed("no state", &job("plan", &p, &[]));
    assert!(line.contains("missing key .nuon.install.id"), "{line}");
    let state = dir.path().join("state.json");
    std::fs::write(&state, r#"{"install": {"id": "inst1"}}"#).unwrap();
    let with_state = ["--state", state.to_str().unwrap()];
    let v = json_of("apply", &job("apply", &p, &with_state));
    assert_eq!(v["artifact"], Value::Null);
    assert_eq!(
        ids(&v),
        all("create", &["ConfigMap/inst1-apps/inline-settings"])
    );
    let cm = server
        .object("v1", "ConfigMap", Some("inst1-apps"), "inline-settings")
        .unwrap();
    assert_eq!(
        cm["data"]["mode"], "{{ .nuon.install.id }}",
        "content is never rendered"
    );

    // Another state, another namespace.
    std::fs::write(&state, r#"{"install": {"id": "other"}}"#).unwrap();
    let v = json_of(
        "plan --state",
        &job("plan", &p, &["--state", state.to_str().unwrap()]),
    );
    assert_eq!(
        v["inventory"],
        json!({"name": "cmp3", "namespace": "other-apps"})
    );
    assert_eq!(
        ids(&v),
        all("create", &["ConfigMap/other-apps/inline-settings"])
    );
    std::fs::write(&state, "{not json").unwrap();
    let line = failed(
        "bad state",
        &job("plan", &p, &["--state", state.to_str().unwrap()]),
    );
    assert!(line.contains("not valid JSON"), "{line}");
}

#[test]
fn cloud_plans_get_their_token_from_the_credential_plugin() {
    let server = TestApiServer::start();
    server.require_token("EksToken-4242");
    namespace(&server, "apps");
    let dir = tempfile::tempdir().unwrap();
    let p = plan(
        dir.path(),
        "deploy-aws.json",
        &[("ENDPOINT", &server.url())],
    );
    // A stand-in for aws-iam-authenticator: checks its arguments and environment, prints an
    // ExecCredential with the token from env_vars.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let plugin = bin.join("aws-iam-authenticator");
    std::fs::write(
        &plugin,
        "#!/bin/sh\n\
         [ \"$*\" = 'token -i n-inst1' ] || { echo \"unexpected arguments: $*\" >&2; exit 1; }\n\
         [ \"$AWS_REGION\" = us-west-2 ] || { echo 'AWS_REGION is not set' >&2; exit 1; }\n\
         printf '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\"}}\\n' \"$FAKE_EKS_TOKEN\"\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&plugin, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let v = json_of(
        "apply with the plugin",
        &job_env("apply", &p, &["-vvv"], &[("PATH", &path)]),
    );
    assert_eq!(ids(&v), all("create", &["ConfigMap/apps/eks"]));

    let line = failed(
        "no plugin",
        &job_env("plan", &p, &[], &[("PATH", "/usr/bin:/bin")]),
    );
    assert!(
        line.contains(
            "kubernetes_manifest.cluster_info.aws_auth: aws-iam-authenticator is not on PATH"
        ),
        "{line}"
    );
}

const BAD_PLANS: &[(&str, &str)] = &[
    (
        "bad/deploy-null-cluster.json",
        "kubernetes_manifest.cluster_info: missing or null",
    ),
    (
        "bad/deploy-helm.json",
        "kubernetes_manifest: missing: this is a helm deploy",
    ),
    (
        "bad/deploy-wrong-type.json",
        "kubernetes_manifest.namespace: expected a string, found a number",
    ),
    (
        "bad/deploy-missing-state-key.json",
        "kubernetes_manifest.namespace: template \"{{ .nuon.install.nope }}\": missing key .nuon.install.nope",
    ),
    ("bad/deploy-secret-namespace.json", "kubernetes_manifest.namespace: "),
    (
        "bad/deploy-no-content.json",
        "kubernetes_manifest: nothing to deploy",
    ),
    ("bad/deploy-no-auth.json", "nothing to authenticate"),
    (
        "bad/deploy-bad-ca.json",
        "kubernetes_manifest.cluster_info.ca_data: not valid base64",
    ),
    ("bad/invalid.json", "not valid JSON"),
];

#[test]
fn bad_deploy_plans_fail_with_one_line_naming_the_key() {
    for verb in ["plan", "apply", "teardown"] {
        for (fixture, expected) in BAD_PLANS {
            let file = fixtures().join(fixture).display().to_string();
            for flags in [&[][..], &["-vvv", "--log-format", "json"][..]] {
                let out = job(verb, &file, flags);
                let what = format!("{verb} {fixture} {flags:?}");
                if flags.is_empty() {
                    let line = failed(&what, &out);
                    assert!(
                        line.contains(expected),
                        "{what}: {line}\n  should contain {expected}"
                    );
                    assert!(
                        line.starts_with(&format!("error: deploy plan {file}: ")),
                        "{what}: the plan file is named: {line}"
                    );
                } else {
                    assert_no_secret(&what, &out);
                    assert_eq!(out.status.code(), Some(1), "{what}");
                }
            }
        }
    }
    // A cluster that cannot be reached: a connection error, no token printed.
    let file = fixtures().join("bad/deploy-unreachable.json");
    let line = failed(
        "unreachable",
        &job("apply", file.to_str().unwrap(), &["-vvv"]),
    );
    assert!(
        line.contains("cannot reach the API server at https://127.0.0.1:9: connection refused"),
        "{line}"
    );
    // Flags that make no sense with a deploy plan are refused by the argument parser.
    let file = file.display().to_string();
    for extra in [
        &["-k", "."][..],
        &["-n", "x"],
        &["--kubeconfig", "k"],
        &["-a", "oci://r/a:b"],
    ] {
        let out = job("apply", &file, extra);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{extra:?}: {}",
            text(&out.stderr)
        );
    }
    let out = kzr(&["teardown", "--state", "s.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn artifacts_deploy_without_a_plan_too() {
    // `-a oci://…` is pulled before the cluster work starts (plan, diff and apply alike).
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let url = reg.url("vendor/web:v1");
    let digest = push(dir.path(), &url, APP, &[]);
    let server = TestApiServer::start();
    let kubeconfig = server.kubeconfig().display().to_string();
    let common = [
        "-a",
        url.as_str(),
        "--kubeconfig",
        kubeconfig.as_str(),
        "-o",
        "json",
    ];
    let run = |verb: &str| {
        let mut args = vec![verb, "web"];
        args.extend_from_slice(&common);
        kzr(&args)
    };
    let v = json_of("plan -a", &run("plan"));
    assert_eq!(v["summary"]["create"], 3);
    let diff = run("diff");
    assert_eq!(diff.status.code(), Some(1), "{}", text(&diff.stderr));
    let v = json_of("apply -a", &run("apply"));
    assert_eq!(
        v["artifact"],
        json!(format!("127.0.0.1:{}/vendor/web@{digest}", reg.port))
    );
    assert_eq!(v["summary"]["create"], 3);
    assert_eq!(run("diff").status.code(), Some(0));
}
