//! The runner contract's build and sync jobs (docs/runner.md), end to end against real
//! registries (Debian's docker-registry on loopback) and real git repositories:
//! `kzr push artifact --build-plan FILE` and `kzr copy artifact --sync-plan FILE`, with plans
//! in the design documents' snake_case shape and in the platform's Go JSON shape (PascalCase
//! registry structs, nulls, unknown keys).

use crate::common;
use common::plans::{fixtures, plan};
use common::registry::{TestRegistry, PASSWORD, USER};
use common::*;
use kzr::artifact;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const CREATED: &str = "2024-01-02T03:04:05Z";

fn source_root() -> String {
    fixtures().join("source").display().to_string()
}

fn host(reg: &TestRegistry) -> String {
    format!("127.0.0.1:{}", reg.port)
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn json(out: &Output) -> Value {
    let stdout = ok(out);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// A failed job: non-zero exit, nothing on stdout, one `error:` line (and perhaps a hint).
fn failed(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "expected failure; stdout: {}",
        text(&out.stdout)
    );
    assert_eq!(text(&out.stdout), "", "no data on stdout for a failed job");
    let stderr = text(&out.stderr);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    errors[0].to_string()
}

fn build_plan(plan: &str, extra: &[&str]) -> Output {
    build_plan_env(plan, extra, &[])
}

fn build_plan_env(plan: &str, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut args = vec![
        "push",
        "artifact",
        "--build-plan",
        plan,
        "--created",
        CREATED,
        "-o",
        "json",
    ];
    args.extend_from_slice(extra);
    kzr_env(&args, env)
}

fn pull(url: &str, extra: &[&str]) -> String {
    let mut args = vec!["pull", "artifact", url];
    args.extend_from_slice(extra);
    ok(&kzr(&args))
}

fn inspect(url: &str, extra: &[&str]) -> Value {
    let mut args = vec!["inspect", "artifact", url, "-o", "json"];
    args.extend_from_slice(extra);
    json(&kzr(&args))
}

/// The result of a build job is consistent with what the registry holds: the artifact at
/// `url` pulls, by tag and by digest, to content whose SHA-256 is the reported checksum.
fn check_pushed(result: &Value, reg: &TestRegistry, repo: &str, tag: &str) -> String {
    let digest = result["digest"].as_str().unwrap();
    assert!(
        digest.starts_with("sha256:") && digest.len() == 71,
        "{result}"
    );
    assert_eq!(result["repository"], reg.host_path(repo));
    assert_eq!(result["url"], format!("{}@{digest}", reg.host_path(repo)));
    assert_eq!(result["tag"], tag);
    let content = pull(&reg.url(&format!("{repo}:{tag}")), &[]);
    assert_eq!(result["checksum"], artifact::sha256_hex(content.as_bytes()));
    assert_eq!(
        pull(&format!("{}@{digest}", reg.url(repo)), &[]),
        content,
        "by digest too"
    );
    content
}

const INLINE_EXPECTED: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n---\napiVersion: v1\ndata:\n  mode: '{{ .nuon.install.id }}'\nkind: ConfigMap\nmetadata:\n  name: settings\n";

#[test]
fn inline_build_plans_in_both_shapes() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let subs = [("REGISTRY", host(&reg))];
    let subs: Vec<(&str, &str)> = subs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut digests = Vec::new();
    for (fixture, repo, tag) in [
        ("inline-seed.json", "runner/inline-seed", "bld1"),
        ("inline-platform.json", "org1/inline-platform", "bld2"),
    ] {
        let p = plan(dir.path(), fixture, &subs);
        let out = build_plan(&p, &[]);
        let result = json(&out);
        assert_eq!(result["objects"], 2, "{fixture}");
        // Built as an implicit kustomization (sorted, Namespace first), never rendered.
        let content = check_pushed(&result, &reg, repo, tag);
        assert_eq!(content, INLINE_EXPECTED, "{fixture}");
        let info = inspect(&reg.url(&format!("{repo}:{tag}")), &[]);
        assert_eq!(info["format"], "kustomizer");
        assert_eq!(info["annotations"]["kzr.dev/label.component_id"], "cmp1");
        assert_eq!(info["annotations"]["kzr.dev/label.component_build_id"], tag);
        assert_eq!(info["annotations"]["kustomizer.dev/created"], CREATED);
        digests.push(result["digest"].as_str().unwrap().to_string());
    }
    // Text output without -o json: the pinned URL.
    let p = plan(dir.path(), "inline-seed.json", &subs);
    let out = kzr(&["push", "artifact", "--build-plan", &p, "--created", CREATED]);
    assert_eq!(
        ok(&out),
        format!("{}@{}\n", reg.host_path("runner/inline-seed"), digests[0])
    );
}

/// A bare git repository (file:// URL) holding the fixture source tree: commit one as in the
/// fixtures, commit two changing the generated ConfigMap's literal. Returns the URL and the
/// first commit.
fn git_repo(dir: &Path) -> (String, String) {
    let work = dir.join("work");
    let git = |args: &[&str], cwd: &Path| {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=kzr",
                "-c",
                "user.email=kzr@example.invalid",
            ])
            .args(args)
            .current_dir(cwd)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git must be installed");
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
        text(&out.stdout).trim().to_string()
    };
    std::fs::create_dir_all(&work).unwrap();
    copy_tree(&fixtures().join("source"), &work);
    git(&["init", "-q", "-b", "main"], &work);
    git(&["add", "."], &work);
    git(&["commit", "-q", "-m", "one"], &work);
    let first = git(&["rev-parse", "HEAD"], &work);
    let k = work.join("deploy/base/kustomization.yaml");
    let text = std::fs::read_to_string(&k).unwrap();
    std::fs::write(&k, text.replace("GREETING=hello", "GREETING=bye")).unwrap();
    git(&["commit", "-q", "-am", "two"], &work);
    let bare = dir.join("repo.git");
    git(
        &[
            "clone",
            "-q",
            "--bare",
            work.to_str().unwrap(),
            bare.to_str().unwrap(),
        ],
        dir,
    );
    (format!("file://{}", bare.display()), first)
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The facts the kustomize fixture's build and patches give.
fn check_kustomize_content(content: &str, greeting: &str) {
    let objects = kzr::object::read_objects(content, "pulled").unwrap();
    let kinds: Vec<&str> = objects.iter().map(|o| o.id().kind.as_str()).collect();
    assert_eq!(kinds, ["ConfigMap", "Service", "Deployment"], "{content}");
    let deployment = objects[2].as_value();
    let cm = objects[0].as_value();
    assert_eq!(deployment["metadata"]["namespace"], "prod");
    assert_eq!(deployment["spec"]["replicas"], 3, "patches/replicas.yaml");
    let container = &deployment["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container["image"], "nginx:1.27.3", "release.yaml images");
    // The generated ConfigMap's hashed name is referenced by the Deployment.
    let cm_name = cm["metadata"]["name"].as_str().unwrap();
    assert!(cm_name.starts_with("web-config-"), "{cm_name}");
    assert_eq!(container["envFrom"][0]["configMapRef"]["name"], cm_name);
    assert_eq!(cm["data"]["GREETING"], greeting);
    assert_eq!(objects[1].as_value()["spec"]["ports"][0]["port"], 8080);
    for o in &objects {
        assert_eq!(
            o.as_value()["metadata"]["annotations"]["example.com/release"],
            "r42",
            "release.yaml commonAnnotations"
        );
    }
}

#[test]
fn kustomize_build_plans_from_a_source_dir_and_from_git() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let registry = host(&reg);

    // --source-dir: the checkout; git_source.path and kustomize_path are under it.
    let p = plan(
        dir.path(),
        "kustomize-seed.json",
        &[("REGISTRY", &registry)],
    );
    let result = json(&build_plan(&p, &["--source-dir", &source_root()]));
    assert_eq!(result["objects"], 3);
    let from_dir = check_pushed(&result, &reg, "runner/kustomize", "bld3");
    check_kustomize_content(&from_dir, "hello");
    let info = inspect(&reg.url("runner/kustomize:bld3"), &[]);
    assert_eq!(
        info["annotations"]["org.opencontainers.image.source"],
        "https://github.com/example/app"
    );
    assert_eq!(
        info["annotations"]["org.opencontainers.image.revision"],
        "main"
    );
    assert_eq!(info["annotations"]["kzr.dev/label.component_id"], "cmp2");

    // A clone of git_source: the branch (second commit) and a pinned commit (the first).
    // Clones go to TMPDIR and are removed afterwards.
    let (url, first) = git_repo(dir.path());
    let tmp = tempfile::tempdir().unwrap();
    let tmp_env = [("TMPDIR", tmp.path().to_str().unwrap())];
    for (reference, greeting) in [("main", "bye"), (first.as_str(), "hello")] {
        let p = plan(
            dir.path(),
            "kustomize-git-platform.json",
            &[
                ("REGISTRY", &registry),
                ("GIT_URL", &url),
                ("GIT_REF", reference),
            ],
        );
        let out = build_plan_env(&p, &[], &tmp_env);
        let result = json(&out);
        let content = check_pushed(&result, &reg, "runner/kustomize-git", "bld4");
        check_kustomize_content(&content, greeting);
        if greeting == "hello" {
            assert_eq!(content, from_dir, "same tree as the fixture");
        }
        let info = inspect(&reg.url("runner/kustomize-git:bld4"), &[]);
        let revision = info["annotations"]["org.opencontainers.image.revision"]
            .as_str()
            .unwrap();
        if reference == "main" {
            assert!(revision.starts_with("main@sha1:"), "{revision}");
        } else {
            assert_eq!(revision, format!("sha1:{first}"));
        }
        assert_eq!(info["annotations"]["org.opencontainers.image.source"], url);
        assert!(
            text(&out.stderr).contains("cloning"),
            "{}",
            text(&out.stderr)
        );
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert!(left.is_empty(), "temporary files left: {left:?}");
    }

    // A ref that does not exist: one line naming git_source.
    let p = plan(
        dir.path(),
        "kustomize-git-platform.json",
        &[
            ("REGISTRY", &registry),
            ("GIT_URL", &url),
            ("GIT_REF", "no-such-branch"),
        ],
    );
    let line = failed(&build_plan(&p, &[]));
    assert!(line.contains("git_source: cannot clone"), "{line}");
    assert!(line.contains("no-such-branch"), "{line}");
}

/// Pushes the fixture overlay as a "vendor" artifact; returns (digest, checksum).
#[test]
fn kustomize_build_plans_inflate_helm_charts_when_enabled() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let registry = host(&reg);
    // The helm fixtures' overlay over a chart, as the source checkout; helm comes from PATH.
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kustomize-helm");
    let helm_dir = oracle::test_helm().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        helm_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let env = [("PATH", path.as_str())];
    let p = plan(
        dir.path(),
        "kustomize-helm.json",
        &[("REGISTRY", &registry), ("ENABLE_HELM", "true")],
    );
    let out = build_plan_env(&p, &["--source-dir", source.to_str().unwrap()], &env);
    let result = json(&out);
    let content = check_pushed(&result, &reg, "runner/helm", "bld5");
    let expected = kubectl_kustomize_args(
        &source.join("overlay/prod"),
        &[
            "--enable-helm",
            "--helm-command",
            oracle::test_helm().to_str().unwrap(),
        ],
    );
    assert_eq!(content, text(&expected.stdout));
    assert!(content.contains("name: prod-app-demo"), "{content}");

    // Without enable_helm the chart is refused, naming the kustomization and the chart.
    let p = plan(
        dir.path(),
        "kustomize-helm.json",
        &[("REGISTRY", &registry), ("ENABLE_HELM", "false")],
    );
    let line = failed(&build_plan_env(
        &p,
        &["--source-dir", source.to_str().unwrap()],
        &env,
    ));
    assert!(
        line.contains(
            "base/kustomization.yaml: helmCharts: chart \"demo\": must specify --enable-helm"
        ),
        "{line}"
    );
}

fn push_vendor(url: &str, extra: &[&str]) -> (String, String) {
    let overlay = fixtures().join("source/deploy/overlays/prod");
    let mut args = vec![
        "push",
        "artifact",
        url,
        "-k",
        overlay.to_str().unwrap(),
        "--created",
        CREATED,
        "-o",
        "json",
    ];
    args.extend_from_slice(extra);
    let v = json(&kzr(&args));
    (
        v["digest"].as_str().unwrap().to_string(),
        v["checksum"].as_str().unwrap().to_string(),
    )
}

#[test]
fn oci_artifact_build_plans_validate_and_copy_unchanged() {
    let reg = TestRegistry::start();
    let other = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let (digest, checksum) = push_vendor(&reg.url("vendor/app:v1"), &[]);
    let vendor_content = pull(&reg.url("vendor/app:v1"), &[]);

    // By tag, by digest, by both (the digest wins); same registry (mounted blobs) and
    // another registry (blobs copied).
    let cases = [
        (&reg, &reg, "v1", ""),
        (&reg, &reg, "", digest.as_str()),
        (&reg, &other, "no-such-tag", digest.as_str()),
    ];
    for (src, dst, tag, pinned) in cases {
        let p = plan(
            dir.path(),
            "oci-artifact.json",
            &[
                ("REGISTRY", &host(dst)),
                ("SRC_REGISTRY", &host(src)),
                ("SRC_TAG", tag),
                ("SRC_DIGEST", pinned),
            ],
        );
        let result = json(&build_plan(&p, &[]));
        assert_eq!(result["digest"], digest, "digest preserved");
        assert_eq!(result["checksum"], checksum);
        assert_eq!(result["objects"], 3);
        let content = check_pushed(&result, dst, "org1/byoa", "bld5");
        assert_eq!(content, vendor_content);
    }

    // A digest that is not there, and an artifact of a format kzr does not read.
    let missing = format!("sha256:{}", "0".repeat(64));
    let p = plan(
        dir.path(),
        "oci-artifact.json",
        &[
            ("REGISTRY", &host(&reg)),
            ("SRC_REGISTRY", &host(&reg)),
            ("SRC_TAG", ""),
            ("SRC_DIGEST", &missing),
        ],
    );
    let line = failed(&build_plan(&p, &[]));
    assert!(line.contains("not found"), "{line}");

    let layer = b"just some bytes".to_vec();
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": artifact::OCI_MANIFEST,
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "size": 2, "digest": artifact::digest_of(b"{}")},
        "layers": [{"mediaType": "application/octet-stream", "size": layer.len(), "digest": artifact::digest_of(&layer)}],
    }))
    .unwrap();
    let artifact = kzr::registry::ArtifactRef::parse(&reg.url("vendor/odd:v1")).unwrap();
    let client =
        kzr::registry::Registry::new(&[&artifact], &kzr::registry::Options::default()).unwrap();
    kzr::registry::block_on(client.push_raw(
        &artifact,
        &manifest,
        artifact::OCI_MANIFEST,
        &[&layer, b"{}"],
    ))
    .unwrap();
    let p = plan(
        dir.path(),
        "oci-artifact.json",
        &[
            ("REGISTRY", &host(&reg)),
            ("SRC_REGISTRY", &host(&reg)),
            ("SRC_TAG", "v1"),
            ("SRC_DIGEST", ""),
        ],
    );
    let p_text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("vendor/app", "vendor/odd");
    std::fs::write(&p, p_text).unwrap();
    let line = failed(&build_plan(&p, &[]));
    assert!(line.contains("unknown artifact format"), "{line}");
}

#[test]
fn sync_plans_copy_between_registries_with_their_own_credentials() {
    // Same registry, no auth, seed keys: blobs are mounted.
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let (digest, _) = push_vendor(&reg.url("org1/app1:bld1"), &[]);
    let p = plan(dir.path(), "sync-seed.json", &[("REGISTRY", &host(&reg))]);
    let out = kzr(&["copy", "artifact", "--sync-plan", &p, "-o", "json"]);
    let result = json(&out);
    assert_eq!(result["digest"], digest);
    assert_eq!(result["repository"], reg.host_path("inst2/web"));
    assert_eq!(result["tag"], "dpl2");
    assert_eq!(
        result["url"],
        format!("{}@{digest}", reg.host_path("inst2/web"))
    );
    assert_eq!(result["media_type"], artifact::DOCKER_MANIFEST);
    assert!(result["size"].as_u64().unwrap() > 0);
    assert!(result["annotations"]["kustomizer.dev/checksum"].is_string());
    assert_eq!(
        pull(&reg.url("inst2/web:dpl2"), &[]),
        pull(&reg.url("org1/app1:bld1"), &[])
    );

    // Two TLS registries with basic auth (OCIAuth on each side), one CA bundle.
    let a = TestRegistry::start_secure();
    let b = TestRegistry::start_secure();
    let bundle = dir.path().join("ca-bundle.pem");
    let pem = std::fs::read_to_string(a.ca_file()).unwrap()
        + &std::fs::read_to_string(b.ca_file()).unwrap();
    std::fs::write(&bundle, pem).unwrap();
    let ca = bundle.to_str().unwrap();
    let creds = format!("{USER}:{PASSWORD}");
    let (digest, _) = push_vendor(
        &a.url("org1/app1:bld1"),
        &["--ca-file", ca, "--creds", &creds],
    );
    let p = plan(
        dir.path(),
        "sync-platform.json",
        &[
            ("SRC_REGISTRY", &host(&a)),
            ("DST_REGISTRY", &host(&b)),
            ("USER", USER),
            ("PASSWORD", PASSWORD),
        ],
    );
    let out = kzr(&[
        "copy",
        "artifact",
        "--sync-plan",
        &p,
        "--ca-file",
        ca,
        "-o",
        "json",
    ]);
    let result = json(&out);
    assert_eq!(result["digest"], digest);
    assert_eq!(result["repository"], b.host_path("inst1/web"));
    let auth = ["--ca-file", ca, "--creds", creds.as_str()];
    assert_eq!(
        pull(&b.url("inst1/web:dpl1"), &auth),
        pull(&a.url("org1/app1:bld1"), &auth)
    );
    // Without the plan's credentials on the destination, the copy is refused there.
    let text_plan = std::fs::read_to_string(&p).unwrap();
    let (src_part, dst_part) = text_plan.split_at(text_plan.find("\"dst_registry\"").unwrap());
    let anonymous_dst = format!(
        "{src_part}{}",
        dst_part.replace(
            &format!(r#"{{"Username": "{USER}", "Password": "{PASSWORD}"}}"#),
            "null"
        )
    );
    std::fs::write(&p, anonymous_dst).unwrap();
    let line = failed(&kzr(&[
        "copy",
        "artifact",
        "--sync-plan",
        &p,
        "--ca-file",
        ca,
    ]));
    assert!(line.contains("authentication required"), "{line}");
    assert!(line.contains(&b.host_path("inst1/web")), "{line}");
}

#[test]
fn oci_auth_against_a_tls_registry() {
    let reg = TestRegistry::start_secure();
    let ca = reg.ca_file();
    let dir = tempfile::tempdir().unwrap();
    let p = plan(
        dir.path(),
        "secure-inline.json",
        &[
            ("REGISTRY", &host(&reg)),
            ("USER", USER),
            ("PASSWORD", PASSWORD),
        ],
    );
    let result = json(&build_plan(&p, &["--ca-file", &ca]));
    assert_eq!(result["objects"], 1);
    let creds = format!("{USER}:{PASSWORD}");
    let url = reg.url("org1/secure:bld6");
    let content = pull(&url, &["--ca-file", &ca, "--creds", &creds]);
    assert_eq!(result["checksum"], artifact::sha256_hex(content.as_bytes()));
    // The registry really wants credentials.
    let anonymous = kzr(&["pull", "artifact", &url, "--ca-file", &ca]);
    assert!(!anonymous.status.success());
    // --creds (or KZR_CREDS) wins over the plan's OCIAuth.
    let line = failed(&kzr_env(
        &["push", "artifact", "--build-plan", &p, "--ca-file", &ca],
        &[("KZR_CREDS", "deployer:WrongPass-987")],
    ));
    assert!(
        line.contains(&format!(
            "credentials rejected for deployer at {} (401)",
            host(&reg)
        )),
        "{line}"
    );
}

/// (fixture, extra args, text the one error line must contain)
const BAD_PLANS: &[(&str, &[&str], &str)] = &[
    ("bad/missing-dst-tag.json", &[], "dst_tag: missing"),
    (
        "bad/unknown-source-type.json",
        &[],
        "kubernetes_manifest_build_plan.source_type: unknown value \"helm\" (expected inline, kustomize or oci_artifact)",
    ),
    (
        "bad/wrong-type.json",
        &[],
        "kubernetes_manifest_build_plan.kustomize_config.enable_helm: expected a boolean (true or false), found a string",
    ),
    ("bad/invalid.json", &[], "not valid JSON"),
    (
        "bad/missing-build-plan.json",
        &[],
        "kubernetes_manifest_build_plan: missing: this is a helm_build_plan",
    ),
    ("bad/missing-repository.json", &[], "dst_registry.Repository: missing"),
    (
        "bad/oci-auth-string.json",
        &[],
        "dst_registry.OCIAuth: expected an object, found a string",
    ),
    ("bad/kustomize-no-git-source.json", &[], "git_source.url: missing"),
    ("bad/git-credentials.json", &[], "git_source: cannot clone https://***@127.0.0.1:9/owner/repo.git"),
    ("bad/templated-inline.json", &[], "kubernetes_manifest_build_plan.inline_manifest"),
    (
        "bad/path-escape.json",
        &["--source-dir", "tests/fixtures/runner/source"],
        "kubernetes_manifest_build_plan.kustomize_path: \"../../../..\" is outside the source root",
    ),
    (
        "bad/bad-digest.json",
        &[],
        "kubernetes_manifest_build_plan.oci_artifact_source.digest: invalid digest",
    ),
];

fn run_bad(fixture: &str, extra: &[&str]) -> Output {
    let path = fixtures().join(fixture).display().to_string();
    let mut args = if fixture.contains("sync") {
        vec!["copy", "artifact", "--sync-plan", path.as_str()]
    } else {
        vec!["push", "artifact", "--build-plan", path.as_str()]
    };
    args.extend_from_slice(extra);
    args.extend(["-o", "json"]);
    Command::new(env!("CARGO_BIN_EXE_kzr"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("KZR_CREDS")
        .output()
        .unwrap()
}

#[test]
fn bad_plans_fail_with_one_line_naming_the_key() {
    for (fixture, extra, expected) in BAD_PLANS {
        let out = run_bad(fixture, extra);
        let line = failed(&out);
        assert!(
            line.contains(expected),
            "{fixture}: {line}\n  should contain {expected}"
        );
        let file = fixtures().join(fixture).display().to_string();
        assert!(
            line.starts_with(&format!("error: build plan {file}: ")),
            "{fixture}: the plan file is named: {line}"
        );
    }
    let line = failed(&run_bad("bad/sync-missing-src-tag.json", &[]));
    assert!(line.contains("sync plan "), "{line}");
    assert!(line.ends_with("src_tag: missing"), "{line}");
    // The templated inline manifest gets the hint that only the namespace is templated.
    let out = run_bad("bad/templated-inline.json", &[]);
    assert!(
        text(&out.stderr).contains("hint: manifests are plain YAML"),
        "{}",
        text(&out.stderr)
    );
    // Flags that make no sense together are refused by the argument parser.
    let p = fixtures().join("inline-seed.json").display().to_string();
    let out = kzr(&[
        "push",
        "artifact",
        "oci://localhost:5000/a:b",
        "--build-plan",
        &p,
    ]);
    assert!(!out.status.success());
    let out = kzr(&["push", "artifact", "--build-plan", &p, "-f", "x.yaml"]);
    assert!(!out.status.success());
    let out = kzr(&["push", "artifact", "--source-dir", "."]);
    assert!(!out.status.success());
}

/// Every secret in the fixtures and tests: registry passwords, git tokens.
const SECRETS: &[&str] = &[
    PASSWORD,
    "TopSecret-123",
    "ghs_TOPSECRET42",
    "SyncSecret-555",
    "WrongPass-987",
];

#[test]
fn no_secret_is_ever_printed() {
    use base64::Engine;
    let reg = TestRegistry::start_secure();
    let ca = reg.ca_file();
    let dir = tempfile::tempdir().unwrap();
    let mut outputs: Vec<(String, Output)> = Vec::new();
    let good = plan(
        dir.path(),
        "secure-inline.json",
        &[
            ("REGISTRY", &host(&reg)),
            ("USER", USER),
            ("PASSWORD", PASSWORD),
        ],
    );
    let wrong = plan(
        dir.path(),
        "secure-inline.json",
        &[
            ("REGISTRY", &host(&reg)),
            ("USER", USER),
            ("PASSWORD", "WrongPass-987"),
        ],
    );
    // The most verbose logging, in both log formats.
    for verbosity in ["-vvv", "-v"] {
        for format in ["text", "json"] {
            let flags = ["--ca-file", ca.as_str(), verbosity, "--log-format", format];
            let out = build_plan(&good, &flags);
            ok(&out);
            outputs.push((format!("good {verbosity} {format}"), out));
            let out = build_plan(&wrong, &flags);
            assert!(!out.status.success());
            outputs.push((format!("wrong password {verbosity} {format}"), out));
        }
    }
    // Sync with credentials on both sides.
    let (_, _) = push_vendor(
        &reg.url("org1/app1:bld1"),
        &["--ca-file", &ca, "--creds", &format!("{USER}:{PASSWORD}")],
    );
    let sync = plan(
        dir.path(),
        "sync-platform.json",
        &[
            ("SRC_REGISTRY", &host(&reg)),
            ("DST_REGISTRY", &host(&reg)),
            ("USER", USER),
            ("PASSWORD", PASSWORD),
        ],
    );
    let out = kzr(&[
        "copy",
        "artifact",
        "--sync-plan",
        &sync,
        "--ca-file",
        &ca,
        "-vvv",
        "-o",
        "json",
    ]);
    ok(&out);
    outputs.push(("sync".into(), out));
    let wrong_sync = plan(
        dir.path(),
        "sync-platform.json",
        &[
            ("SRC_REGISTRY", &host(&reg)),
            ("DST_REGISTRY", &host(&reg)),
            ("USER", USER),
            ("PASSWORD", "WrongPass-987"),
        ],
    );
    let out = kzr(&[
        "copy",
        "artifact",
        "--sync-plan",
        &wrong_sync,
        "--ca-file",
        &ca,
        "-vvv",
    ]);
    assert!(!out.status.success());
    outputs.push(("sync, wrong password".into(), out));
    // Every bad plan, including the git URL with a token and the OCIAuth given as a string.
    for (fixture, extra, _) in BAD_PLANS {
        let mut args: Vec<&str> = extra.to_vec();
        args.push("-vvv");
        outputs.push((fixture.to_string(), run_bad(fixture, &args)));
    }
    outputs.push((
        "sync-missing-src-tag".into(),
        run_bad("bad/sync-missing-src-tag.json", &["-vvv"]),
    ));

    // Credentials written into references.
    for verb in [&["pull", "artifact"][..], &["inspect", "artifact"][..]] {
        let url = format!("oci://{USER}:UrlSecret-314@{}/org1/app1:bld1", host(&reg));
        let mut args = verb.to_vec();
        args.extend([url.as_str(), "-vvv"]);
        let out = kzr(&args);
        assert!(!out.status.success());
        outputs.push((format!("{verb:?} with credentials in the URL"), out));
    }

    let mut forbidden: Vec<String> = SECRETS.iter().map(|s| s.to_string()).collect();
    forbidden.push("UrlSecret-314".into());
    for password in [PASSWORD, "WrongPass-987"] {
        forbidden
            .push(base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{password}")));
    }
    forbidden.push("x-access-token:".into());
    for (what, out) in &outputs {
        for stream in [text(&out.stdout), text(&out.stderr)] {
            for secret in &forbidden {
                assert!(
                    !stream.contains(secret.as_str()),
                    "{what}: {secret:?} printed:\n{stream}"
                );
            }
        }
    }
}

#[test]
fn the_config_build_plan_is_what_a_build_job_reads() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config/inline.toml");
    let km = json(&kzr(&[
        "config",
        "build-plan",
        config.to_str().unwrap(),
        "--component-id",
        "cmp9",
        "--build-id",
        "bld9",
    ]));
    let plan_json = serde_json::json!({
        "component_id": "cmp9",
        "component_build_id": "bld9",
        "git_source": null,
        "dst_registry": {"Repository": "org9/app9", "LoginServer": host(&reg)},
        "dst_tag": "bld9",
        "kubernetes_manifest_build_plan": km,
    });
    let path = dir.path().join("plan.json");
    std::fs::write(&path, plan_json.to_string()).unwrap();
    let result = json(&build_plan(path.to_str().unwrap(), &[]));
    let content = check_pushed(&result, &reg, "org9/app9", "bld9");
    // The same objects `kzr build -f` gives for the manifest.
    let manifest = dir.path().join("manifest.yaml");
    std::fs::write(&manifest, km["inline_manifest"].as_str().unwrap()).unwrap();
    assert_eq!(
        content,
        ok(&kzr(&["build", "-f", manifest.to_str().unwrap()]))
    );
    let info = inspect(&reg.url("org9/app9:bld9"), &[]);
    assert_eq!(info["annotations"]["kzr.dev/label.component_id"], "cmp9");
}
