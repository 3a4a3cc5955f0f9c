//! The artifact verbs against a real OCI registry (Debian's docker-registry on loopback).

use crate::common;
use common::registry::TestRegistry;
use common::*;
use kzr::artifact::{self, digest_of, FLUX_LAYER, NUON_LAYER, OCI_MANIFEST};
use kzr::registry::{block_on, ArtifactRef, Options, Registry};
use std::path::Path;

fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/kustomize/overlays/prod")
        .display()
        .to_string()
}

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    text(&out.stdout)
}

const CREATED: &str = "2024-01-02T03:04:05Z";

#[test]
fn push_then_pull_gives_exactly_what_build_prints() {
    let reg = TestRegistry::start();
    let url = reg.url("team/app:v1");
    let pushed = ok(&kzr(&[
        "push",
        "artifact",
        &url,
        "-k",
        &example(),
        "--created",
        CREATED,
        "-o",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&pushed).unwrap();
    let digest = v["digest"].as_str().unwrap().to_string();
    assert!(digest.starts_with("sha256:") && digest.len() == 71);
    assert_eq!(v["url"], format!("{}@{digest}", reg.host_path("team/app")));
    assert_eq!(v["tag"], "v1");
    assert_eq!(v["objects"], 4);
    let built = ok(&kzr(&["build", &example()]));
    assert_eq!(v["checksum"], artifact::sha256_hex(built.as_bytes()));
    assert_eq!(ok(&kzr(&["pull", "artifact", &url])), built);
    // By digest too, and as a JSON List.
    let by_digest = format!("{}@{digest}", reg.url("team/app"));
    assert_eq!(ok(&kzr(&["pull", "artifact", &by_digest])), built);
    let list: serde_json::Value =
        serde_json::from_str(&ok(&kzr(&["pull", "artifact", &url, "-o", "json"]))).unwrap();
    assert_eq!(list["kind"], "List");
    assert_eq!(list["items"].as_array().unwrap().len(), 4);
}

#[test]
fn same_inputs_and_created_time_give_the_same_digest() {
    let reg = TestRegistry::start();
    let push = |tag: &str, env: &[(&str, &str)], extra: &[&str]| {
        let url = reg.url(&format!("repro/app:{tag}"));
        let mut args = vec!["push", "artifact", url.as_str(), "-k"];
        let ex = example();
        args.push(&ex);
        args.extend_from_slice(extra);
        ok(&kzr_env(&args, env))
            .trim()
            .rsplit('@')
            .next()
            .unwrap()
            .to_string()
    };
    let a = push("a", &[], &["--created", CREATED]);
    let b = push("b", &[], &["--created", CREATED]);
    assert_eq!(a, b);
    let c = push("c", &[("SOURCE_DATE_EPOCH", "1704164645")], &[]);
    assert_eq!(a, c, "SOURCE_DATE_EPOCH 1704164645 is {CREATED}");
    let d = push("d", &[], &["--created", "2024-01-02T03:04:06Z"]);
    assert_ne!(a, d);
    let e = push(
        "e",
        &[],
        &[
            "--created",
            CREATED,
            "--source",
            "https://git.example.com/app",
            "--revision",
            "main/abc123",
        ],
    );
    assert_ne!(a, e);
    let inspect = ok(&kzr(&["inspect", "artifact", &reg.url("repro/app:e")]));
    assert!(
        inspect.contains("Source: https://git.example.com/app")
            && inspect.contains("Revision: main/abc123"),
        "{inspect}"
    );
}

#[test]
fn tag_list_inspect_copy_and_diff() {
    let reg = TestRegistry::start();
    let other = TestRegistry::start();
    let v1 = reg.url("shop/app:v1");
    let digest = ok(&kzr(&[
        "push",
        "artifact",
        &v1,
        "-k",
        &example(),
        "--created",
        CREATED,
    ]));
    ok(&kzr(&["tag", "artifact", &v1, "stable"]));
    let tags = ok(&kzr(&["list", "artifacts", &reg.url("shop/app")]));
    assert_eq!(
        tags,
        format!(
            "{}:v1\n{}:stable\n",
            reg.host_path("shop/app"),
            reg.host_path("shop/app")
        )
    );
    // --semver: only matching semantic-version tags, highest first (kustomizer's rules:
    // `v1` is version 1.0.0, `stable` is no version).
    for t in ["1.2.0", "v1.10.0", "2.0.0-rc.1", "0.9.0"] {
        ok(&kzr(&["tag", "artifact", &v1, t]));
    }
    let repo = reg.url("shop/app");
    let semver = |c: &str| ok(&kzr(&["list", "artifacts", &repo, "--semver", c]));
    let base = reg.host_path("shop/app");
    assert_eq!(
        semver(">=1.0.0 <3"),
        format!("{base}:v1.10.0\n{base}:1.2.0\n{base}:v1\n")
    );
    assert_eq!(semver("~1.2"), format!("{base}:1.2.0\n"));
    assert_eq!(semver(">=2.0.0-0"), format!("{base}:2.0.0-rc.1\n"));
    assert_eq!(semver("<0.1.0"), "");
    let bad = kzr(&["list", "artifacts", &repo, "--semver", ">=one"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("invalid semver constraint \">=one\""),
        "{}",
        text(&bad.stderr)
    );
    let inspect = ok(&kzr(&["inspect", "artifact", &reg.url("shop/app:stable")]));
    for line in [
        "Resources:",
        "- Deployment/demo/web",
        "- Namespace/demo",
        "Images:",
        "- nginx:1.27",
        CREATED,
    ] {
        assert!(inspect.contains(line), "missing {line:?} in\n{inspect}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&ok(&kzr(&["inspect", "artifact", &v1, "-o", "json"]))).unwrap();
    assert_eq!(json["format"], "kustomizer");
    assert_eq!(json["images"][0], "nginx:1.27");

    // Copy within a registry (cross-repository mount) and across registries: same digest.
    let same = ok(&kzr(&["copy", "artifact", &v1, &reg.url("mirror/app:v1")]));
    let across = ok(&kzr(&[
        "copy",
        "artifact",
        &v1,
        &other.url("mirror/app:v1"),
    ]));
    let digest_of_line = |s: &str| s.trim().rsplit('@').next().unwrap().to_string();
    assert_eq!(digest_of_line(&same), digest_of_line(&digest));
    assert_eq!(digest_of_line(&across), digest_of_line(&digest));
    assert_eq!(
        ok(&kzr(&["pull", "artifact", &other.url("mirror/app:v1")])),
        ok(&kzr(&["build", &example()]))
    );

    // diff: 0 when equal, 1 with a unified diff when not, 2 on errors.
    let same_diff = kzr(&["diff", "artifact", &v1, &reg.url("mirror/app:v1")]);
    assert_eq!(same_diff.status.code(), Some(0));
    assert!(same_diff.stdout.is_empty());
    let dir = tree(&[(
        "a.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: old\n",
    )]);
    ok(&kzr(&[
        "push",
        "artifact",
        &reg.url("d/app:1"),
        "-f",
        dir.path().join("a.yaml").to_str().unwrap(),
    ]));
    std::fs::write(
        dir.path().join("a.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: new\n",
    )
    .unwrap();
    ok(&kzr(&[
        "push",
        "artifact",
        &reg.url("d/app:2"),
        "-f",
        dir.path().join("a.yaml").to_str().unwrap(),
    ]));
    let changed = kzr(&["diff", "artifact", &reg.url("d/app:1"), &reg.url("d/app:2")]);
    assert_eq!(changed.status.code(), Some(1));
    let diff = text(&changed.stdout);
    assert!(
        diff.contains("-  k: old") && diff.contains("+  k: new"),
        "{diff}"
    );
    assert!(diff.contains("► ConfigMap/c drifted"), "{diff}");

    // -o json and -o yaml give the same document, for every verb that prints a result.
    for args in [
        vec!["diff", "artifact", &reg.url("d/app:1"), &reg.url("d/app:2")],
        vec![
            "copy",
            "artifact",
            &reg.url("d/app:1"),
            &reg.url("d/copy:1"),
        ],
        vec!["tag", "artifact", &reg.url("d/app:1"), "one"],
        vec!["inspect", "artifact", &reg.url("d/app:1")],
        vec!["list", "artifacts", &reg.url("d/app")],
    ] {
        let run = |format: &str| {
            let mut a = args.clone();
            a.extend(["-o", format]);
            text(&kzr(&a).stdout)
        };
        let json: serde_json::Value =
            serde_json::from_str(&run("json")).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        let yaml = run("yaml");
        assert!(
            !yaml.is_empty() && !yaml.trim_start().starts_with('{'),
            "{args:?}: {yaml}"
        );
        if args[0] == "diff" {
            assert_eq!(
                json["changes"],
                serde_json::json!([{"id": "ConfigMap/c", "action": "update"}])
            );
            assert!(yaml.contains("action: update"), "{yaml}");
        }
    }

    // Secret values never show in an artifact diff.
    let secret = |v: &str| {
        format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: {v}\n"
        )
    };
    for (tag, value) in [("s1", "hunter2-old"), ("s2", "hunter2-new")] {
        std::fs::write(dir.path().join("a.yaml"), secret(value)).unwrap();
        ok(&kzr(&[
            "push",
            "artifact",
            &reg.url(&format!("d/secret:{tag}")),
            "-f",
            dir.path().join("a.yaml").to_str().unwrap(),
        ]));
    }
    let shown = kzr(&[
        "diff",
        "artifact",
        &reg.url("d/secret:s1"),
        &reg.url("d/secret:s2"),
    ]);
    assert_eq!(shown.status.code(), Some(1));
    let shown = text(&shown.stdout);
    assert!(
        shown.contains("*** (before)") && shown.contains("*** (after)"),
        "{shown}"
    );
    assert!(!shown.contains("hunter2"), "{shown}");

    let missing = kzr(&[
        "diff",
        "artifact",
        &reg.url("d/app:1"),
        &reg.url("d/app:404"),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn skopeo_reads_the_manifest_as_docker_schema_2() {
    let reg = TestRegistry::start();
    ok(&kzr(&[
        "push",
        "artifact",
        &reg.url("s/app:v1"),
        "-k",
        &example(),
        "--created",
        CREATED,
    ]));
    let out = std::process::Command::new("skopeo")
        .args([
            "inspect",
            "--raw",
            "--tls-verify=false",
            &format!("docker://{}", reg.host_path("s/app:v1")),
        ])
        .output()
        .expect("skopeo must be installed (apt-get install skopeo)");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(m["schemaVersion"], 2);
    assert_eq!(
        m["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(m["layers"].as_array().unwrap().len(), 1);
    assert_eq!(
        m["layers"][0]["mediaType"],
        "application/vnd.docker.image.rootfs.diff.tar.gzip"
    );
    assert_eq!(m["annotations"]["kustomizer.dev/created"], CREATED);
    assert_eq!(
        m["annotations"]["kustomizer.dev/version"],
        env!("CARGO_PKG_VERSION")
    );
}

fn tar_gz(files: &[(&str, &str)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, body) in files {
        let mut h = tar::Header::new_ustar();
        h.set_size(body.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, name, body.as_bytes()).unwrap();
    }
    let tar = b.into_inner().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &tar).unwrap();
    gz.finish().unwrap()
}

/// Pushes a hand-made manifest with one config and the given layers.
fn push_layout(
    reg: &TestRegistry,
    path: &str,
    layers: &[(&str, Vec<u8>, Option<&str>)],
    annotations: serde_json::Value,
) -> String {
    let config = b"{}".to_vec();
    let descriptors: Vec<serde_json::Value> = layers
        .iter()
        .map(|(media, data, title)| {
            let mut d = serde_json::json!({"mediaType": media, "digest": digest_of(data), "size": data.len()});
            if let Some(t) = title {
                d["annotations"] = serde_json::json!({"org.opencontainers.image.title": t});
            }
            d
        })
        .collect();
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": digest_of(&config), "size": config.len()},
        "layers": descriptors,
        "annotations": annotations,
    }))
    .unwrap();
    let url = reg.url(path);
    let artifact = ArtifactRef::parse(&url).unwrap();
    let registry = Registry::new(&[&artifact], &Options::default()).unwrap();
    let mut blobs: Vec<&[u8]> = layers.iter().map(|(_, d, _)| d.as_slice()).collect();
    blobs.push(&config);
    block_on(registry.push_raw(&artifact, &manifest, OCI_MANIFEST, &blobs)).unwrap();
    url
}

#[test]
fn flux_and_platform_layouts_are_read() {
    let reg = TestRegistry::start();
    let cm = |n: &str| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {n}\n");
    let flux = push_layout(
        &reg,
        "flux/app:v1",
        &[(
            FLUX_LAYER,
            tar_gz(&[
                ("b/two.yaml", &cm("two")),
                ("README.md", "# no"),
                ("a/one.yml", &cm("one")),
            ]),
            None,
        )],
        serde_json::json!({}),
    );
    let pulled = ok(&kzr(&["pull", "artifact", &flux]));
    assert_eq!(pulled, format!("{}---\n{}", cm("one"), cm("two")));
    let archive = push_layout(
        &reg,
        "nuon/app:v1",
        &[(
            NUON_LAYER,
            tar_gz(&[("manifest.yaml", &cm("archived"))]),
            None,
        )],
        serde_json::json!({}),
    );
    assert_eq!(ok(&kzr(&["pull", "artifact", &archive])), cm("archived"));
    let files = push_layout(
        &reg,
        "nuon/files:v1",
        &[
            (
                "application/yaml",
                cm("first").into_bytes(),
                Some("first.yaml"),
            ),
            (
                "application/yaml",
                cm("second").into_bytes(),
                Some("second.yaml"),
            ),
        ],
        serde_json::json!({}),
    );
    assert_eq!(
        ok(&kzr(&["pull", "artifact", &files])),
        format!("{}---\n{}", cm("first"), cm("second"))
    );
    let unknown = push_layout(
        &reg,
        "odd/app:v1",
        &[("application/x-thing", b"data".to_vec(), None)],
        serde_json::json!({}),
    );
    let out = kzr(&["pull", "artifact", &unknown]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("application/x-thing"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn broken_artifacts_give_clear_errors() {
    let reg = TestRegistry::start();
    let one_error = |out: std::process::Output| {
        assert_eq!(out.status.code(), Some(1), "stdout: {}", text(&out.stdout));
        assert!(out.stdout.is_empty());
        let err = text(&out.stderr);
        assert!(
            err.starts_with("error: ") && !err.contains("panicked"),
            "{err}"
        );
        err
    };
    let err = one_error(kzr(&["pull", "artifact", &reg.url("none/app:v1")]));
    assert!(err.contains("artifact not found"), "{err}");

    // Checksum annotation that does not match the content.
    let content = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";
    let mut meta = artifact::metadata_for(content, CREATED.into(), None, None);
    meta.checksum = "0".repeat(64);
    let packed = artifact::pack(content, &meta, &[]).unwrap();
    let artifact = ArtifactRef::parse(&reg.url("bad/checksum:v1")).unwrap();
    let registry = Registry::new(&[&artifact], &Options::default()).unwrap();
    block_on(registry.push(&artifact, &packed)).unwrap();
    let err = one_error(kzr(&["pull", "artifact", &reg.url("bad/checksum:v1")]));
    assert!(err.contains("checksum mismatch"), "{err}");

    // Content that is not YAML is refused, not printed.
    let broken = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n";
    let meta = artifact::metadata_for(broken, CREATED.into(), None, None);
    let packed = artifact::pack(broken, &meta, &[]).unwrap();
    let artifact = ArtifactRef::parse(&reg.url("bad/yaml:v1")).unwrap();
    block_on(registry.push(&artifact, &packed)).unwrap();
    let err = one_error(kzr(&["pull", "artifact", &reg.url("bad/yaml:v1")]));
    assert!(err.contains("bad/yaml:v1"), "{err}");

    // A gzip bomb is cut off at --max-size.
    let big = "x".repeat(8 << 20);
    let meta = artifact::metadata_for(&big, CREATED.into(), None, None);
    let packed = artifact::pack(&big, &meta, &[]).unwrap();
    assert!(packed.layer.len() < 100_000);
    let artifact = ArtifactRef::parse(&reg.url("bad/bomb:v1")).unwrap();
    block_on(registry.push(&artifact, &packed)).unwrap();
    let err = one_error(kzr(&[
        "pull",
        "artifact",
        &reg.url("bad/bomb:v1"),
        "--max-size",
        "1048576",
    ]));
    assert!(err.contains("larger than 1048576 bytes"), "{err}");

    // Zero layers.
    let empty = push_layout(
        &reg,
        "bad/empty:v1",
        &[],
        serde_json::json!({"kustomizer.dev/checksum": "x"}),
    );
    let err = one_error(kzr(&["pull", "artifact", &empty]));
    assert!(err.contains("no layers"), "{err}");

    // A truncated gzip layer.
    let layer = artifact::pack(
        content,
        &artifact::metadata_for(content, CREATED.into(), None, None),
        &[],
    )
    .unwrap()
    .layer;
    let cut = layer[..layer.len() - 20].to_vec();
    let truncated = push_layout(
        &reg,
        "bad/cut:v1",
        &[(artifact::DOCKER_LAYER, cut, None)],
        serde_json::json!({
            "kustomizer.dev/version": "1", "kustomizer.dev/created": CREATED,
            "kustomizer.dev/checksum": artifact::sha256_hex(content.as_bytes())
        }),
    );
    let err = one_error(kzr(&["pull", "artifact", &truncated]));
    assert!(err.contains("gzip") || err.contains("archive"), "{err}");

    // Bad references and unreachable registries.
    let err = one_error(kzr(&["pull", "artifact", "ghcr.io/no/scheme:v1"]));
    assert!(err.contains("oci://"), "{err}");
    let err = one_error(kzr(&[
        "pull",
        "artifact",
        "oci://127.0.0.1:1/nothing/here:v1",
    ]));
    assert!(err.contains("127.0.0.1:1"), "{err}");
}

fn run_tool(cmd: &str, args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    let mut child = std::process::Command::new(cmd)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{cmd} must be installed (apt-get install age): {e}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.unwrap_or_default())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{cmd}: {}", text(&out.stderr));
    out.stdout
}

#[test]
fn age_encryption_interoperates_with_the_age_tool() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.txt");
    run_tool("age-keygen", &["-o", key.to_str().unwrap()], None);
    let recipient = text(&run_tool(
        "age-keygen",
        &["-y", key.to_str().unwrap()],
        None,
    ))
    .trim()
    .to_string();
    let recipients = dir.path().join("recipients.txt");
    std::fs::write(&recipients, format!("# deploy key\n{recipient}\n")).unwrap();
    let url = reg.url("secret/app:v1");
    let pushed = kzr(&[
        "push",
        "artifact",
        &url,
        "-k",
        &example(),
        "--age-recipients",
        recipients.to_str().unwrap(),
    ]);
    assert!(
        text(&pushed.stderr).contains("pushing encrypted"),
        "{}",
        text(&pushed.stderr)
    );
    ok(&pushed);
    let built = ok(&kzr(&["build", &example()]));

    // Without a key: a clear error; with it: the plaintext.
    let locked = kzr(&["pull", "artifact", &url]);
    assert!(!locked.status.success());
    assert!(
        text(&locked.stderr).contains("--age-identities"),
        "{}",
        text(&locked.stderr)
    );
    assert_eq!(
        ok(&kzr(&[
            "pull",
            "artifact",
            &url,
            "--age-identities",
            key.to_str().unwrap()
        ])),
        built
    );
    let other_key = dir.path().join("other.txt");
    run_tool("age-keygen", &["-o", other_key.to_str().unwrap()], None);
    let wrong = kzr(&[
        "pull",
        "artifact",
        &url,
        "--age-identities",
        other_key.to_str().unwrap(),
    ]);
    assert!(
        !wrong.status.success() && text(&wrong.stderr).contains("decrypt"),
        "{}",
        text(&wrong.stderr)
    );

    // The age tool decrypts kzr's layer.
    let artifact = ArtifactRef::parse(&url).unwrap();
    let registry = Registry::new(&[&artifact], &Options::default()).unwrap();
    let (bytes, _) = block_on(registry.manifest(&artifact)).unwrap();
    let manifest = artifact::parse_manifest(&bytes).unwrap();
    let layer = block_on(registry.blob(&artifact, &manifest.layers[0])).unwrap();
    let files = artifact::layer_files(&layer, artifact::DEFAULT_MAX_SIZE).unwrap();
    assert_eq!(files[0].0, "all.yaml.age");
    let plain = run_tool(
        "age",
        &["-d", "-i", key.to_str().unwrap()],
        Some(&files[0].1),
    );
    assert_eq!(text(&plain), built);

    // kzr decrypts what the age tool encrypted.
    let content = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-age\n";
    let armored = run_tool("age", &["-a", "-r", &recipient], Some(content.as_bytes()));
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_ustar();
    h.set_size(armored.len() as u64);
    h.set_mode(0o600);
    h.set_cksum();
    b.append_data(&mut h, "all.yaml.age", armored.as_slice())
        .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &b.into_inner().unwrap()).unwrap();
    let from_cli = push_layout(
        &reg,
        "secret/cli:v1",
        &[(artifact::DOCKER_LAYER, gz.finish().unwrap(), None)],
        serde_json::json!({
            "kustomizer.dev/version": "2.2.1", "kustomizer.dev/created": CREATED,
            "kustomizer.dev/checksum": artifact::sha256_hex(content.as_bytes()),
            "kustomizer.dev/encrypted": "age-encryption.org/v1"
        }),
    );
    assert_eq!(
        ok(&kzr(&[
            "pull",
            "artifact",
            &from_cli,
            "--age-identities",
            key.to_str().unwrap()
        ])),
        content
    );
}

#[test]
fn tls_basic_auth_docker_config_and_credential_helpers() {
    use common::registry::{PASSWORD, USER};
    let reg = TestRegistry::start_secure();
    let ca = reg.ca_file();
    let url = reg.url("private/app:v1");
    let creds = format!("{USER}:{PASSWORD}");
    let mut outputs = Vec::new();

    let pushed = kzr(&[
        "push",
        "artifact",
        &url,
        "-k",
        &example(),
        "--ca-file",
        &ca,
        "--creds",
        &creds,
    ]);
    outputs.push(pushed.clone());
    ok(&pushed);
    let built = ok(&kzr(&["build", &example()]));
    let pulled = kzr(&[
        "pull",
        "artifact",
        &url,
        "--ca-file",
        &ca,
        "--creds",
        &creds,
    ]);
    outputs.push(pulled.clone());
    assert_eq!(ok(&pulled), built);

    // No credentials, wrong credentials, untrusted certificate: clear one-line errors.
    let anonymous = kzr(&["pull", "artifact", &url, "--ca-file", &ca]);
    assert!(!anonymous.status.success());
    assert!(
        text(&anonymous.stderr).contains("authentication required"),
        "{}",
        text(&anonymous.stderr)
    );
    let wrong = kzr_env(
        &["pull", "artifact", &url, "--ca-file", &ca],
        &[("KZR_CREDS", "deployer:not-the-password")],
    );
    assert!(!wrong.status.success(), "{}", text(&wrong.stdout));
    let untrusted = kzr(&["pull", "artifact", &url, "--creds", &creds, "--plain-http"]);
    assert!(!untrusted.status.success());
    outputs.extend([anonymous, wrong, untrusted]);

    // Docker's config.json: auths entry.
    let docker = tempfile::tempdir().unwrap();
    let host = format!("127.0.0.1:{}", reg.port);
    use base64::Engine;
    let auth = base64::engine::general_purpose::STANDARD.encode(&creds);
    std::fs::write(
        docker.path().join("config.json"),
        format!(r#"{{"auths": {{"{host}": {{"auth": "{auth}"}}}}}}"#),
    )
    .unwrap();
    let docker_dir = docker.path().to_str().unwrap();
    let via_config = kzr_env(
        &["pull", "artifact", &url, "--ca-file", &ca],
        &[("DOCKER_CONFIG", docker_dir)],
    );
    outputs.push(via_config.clone());
    assert_eq!(ok(&via_config), built);

    // A credential helper named in credHelpers.
    let bin = tempfile::tempdir().unwrap();
    let helper = bin.path().join("docker-credential-kzrtest");
    std::fs::write(
        &helper,
        format!("#!/bin/sh\nread server\necho '{{\"ServerURL\":\"'$server'\",\"Username\":\"{USER}\",\"Secret\":\"{PASSWORD}\"}}'\n"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(
        docker.path().join("config.json"),
        format!(r#"{{"credHelpers": {{"{host}": "kzrtest"}}}}"#),
    )
    .unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let via_helper = kzr_env(
        &["pull", "artifact", &url, "--ca-file", &ca],
        &[("DOCKER_CONFIG", docker_dir), ("PATH", &path)],
    );
    outputs.push(via_helper.clone());
    assert_eq!(ok(&via_helper), built);

    // The password never appears in any output, success or failure.
    for out in outputs {
        assert!(!text(&out.stdout).contains(PASSWORD) && !text(&out.stderr).contains(PASSWORD));
        assert!(!text(&out.stderr).contains("not-the-password"));
    }
}

#[test]
fn transient_failures_are_retried_and_persistent_ones_reported() {
    use common::fault_proxy::FaultProxy;
    let reg = TestRegistry::start();
    let built = ok(&kzr(&["build", &example()]));
    // Two failing connections (a 503, then a dropped connection) before each operation's
    // requests get through: push and pull still succeed.
    let flaky = FaultProxy::start(reg.port, 2);
    ok(&kzr(&[
        "push",
        "artifact",
        &flaky.url("retry/app:v1"),
        "-k",
        &example(),
    ]));
    let flaky_pull = FaultProxy::start(reg.port, 2);
    assert_eq!(
        ok(&kzr(&["pull", "artifact", &flaky_pull.url("retry/app:v1")])),
        built
    );
    assert!(
        flaky_pull
            .connections
            .load(std::sync::atomic::Ordering::SeqCst)
            > 2
    );
    // A registry that never recovers: a clear error after a bounded number of attempts.
    let down = FaultProxy::start(reg.port, usize::MAX);
    let start = std::time::Instant::now();
    let out = kzr(&["pull", "artifact", &down.url("retry/app:v1")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: ") && err.contains("retry/app:v1"),
        "{err}"
    );
    // Guard against an endless retry loop, not a timing assertion.
    assert!(start.elapsed() < std::time::Duration::from_secs(60));
    assert!(
        down.connections.load(std::sync::atomic::Ordering::SeqCst) <= 8,
        "bounded attempts"
    );
}

fn request_lines(proxy: &common::fault_proxy::HttpProxy) -> Vec<String> {
    proxy
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.line(), r.status))
        .collect()
}

/// The blob digest a `HEAD …/blobs/<digest>` or `PUT …?digest=<digest>` names.
fn named_digest(target: &str) -> String {
    let start = target.find("sha256").unwrap_or(target.len());
    target[start..]
        .split('&')
        .next()
        .unwrap()
        .replace("%3A", ":")
}

#[test]
fn push_pull_tag_copy_send_only_the_requests_they_need() {
    use common::fault_proxy::{HttpFaults, HttpProxy};
    let reg = TestRegistry::start();
    let proxy = HttpProxy::start(reg.port, HttpFaults::default());
    let url = proxy.url("counts/app:v1");
    let built = ok(&kzr(&["build", &example()]));
    ok(&kzr(&[
        "push",
        "artifact",
        &url,
        "-k",
        &example(),
        "--created",
        CREATED,
    ]));
    // Per blob (layer, then config): HEAD (absent), POST (session), PUT ?digest= (the whole
    // blob); then the manifest. No `GET /v2/` probe: the registry never asked for auth.
    let lines = request_lines(&proxy);
    let blob = |verb: &str| format!("{verb} /v2/counts/app/blobs/");
    assert_eq!(lines.len(), 7, "{lines:#?}");
    for i in [0, 3] {
        assert!(
            lines[i].starts_with(&blob("HEAD")) && lines[i].ends_with(" 404"),
            "{lines:#?}"
        );
        assert_eq!(lines[i + 1], "POST /v2/counts/app/blobs/uploads/ 202");
        assert!(
            lines[i + 2].starts_with("PUT /v2/counts/app/blobs/uploads/")
                && lines[i + 2].ends_with(" 201"),
            "{lines:#?}"
        );
        let requests = proxy.requests();
        assert_eq!(
            named_digest(&requests[i].target),
            named_digest(&requests[i + 2].target),
            "the PUT names the blob the HEAD asked about"
        );
    }
    assert_eq!(lines[6], "PUT /v2/counts/app/manifests/v1 201");

    // The same content again under another tag: both blobs are there (HEAD), no upload.
    proxy.clear();
    ok(&kzr(&[
        "push",
        "artifact",
        &proxy.url("counts/app:v2"),
        "-k",
        &example(),
        "--created",
        CREATED,
    ]));
    let lines = request_lines(&proxy);
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[..2]
        .iter()
        .all(|l| l.starts_with(&blob("HEAD")) && l.ends_with(" 200")));
    assert_eq!(lines[2], "PUT /v2/counts/app/manifests/v2 201");

    // Pull: one manifest GET, one layer GET (the config is never read).
    proxy.clear();
    assert_eq!(ok(&kzr(&["pull", "artifact", &url])), built);
    let lines = request_lines(&proxy);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert_eq!(lines[0], "GET /v2/counts/app/manifests/v1 200");
    assert!(lines[1].starts_with(&blob("GET")) && lines[1].ends_with(" 200"));

    // Tag: the manifest read once and put once.
    proxy.clear();
    ok(&kzr(&["tag", "artifact", &url, "stable"]));
    assert_eq!(
        request_lines(&proxy),
        [
            "GET /v2/counts/app/manifests/v1 200",
            "PUT /v2/counts/app/manifests/stable 201"
        ]
    );

    // Copy to another repository of the same registry: blobs are mounted, never downloaded;
    // then one look for cosign signatures to copy along (none here).
    proxy.clear();
    let copied = ok(&kzr(&[
        "copy",
        "artifact",
        &url,
        &proxy.url("counts/mirror:v1"),
    ]));
    let lines = request_lines(&proxy);
    assert_eq!(lines.len(), 7, "{lines:#?}");
    let digest = copied.trim().rsplit('@').next().unwrap();
    assert_eq!(
        lines[6],
        format!(
            "GET /v2/counts/app/manifests/sha256-{}.sig 404",
            digest.trim_start_matches("sha256:")
        )
    );
    assert_eq!(lines[0], "GET /v2/counts/app/manifests/v1 200");
    for i in [1, 3] {
        assert!(
            lines[i].starts_with("HEAD /v2/counts/mirror/blobs/") && lines[i].ends_with(" 404")
        );
        assert_eq!(lines[i + 1], "POST /v2/counts/mirror/blobs/uploads/ 201");
        assert!(proxy.requests()[i + 1].target.contains("from=counts%2Fapp"));
    }
    assert_eq!(lines[5], "PUT /v2/counts/mirror/manifests/v1 201");
    assert_eq!(
        ok(&kzr(&["pull", "artifact", &proxy.url("counts/mirror:v1")])),
        built
    );

    // List: one request. A missing tag: one request, not retried.
    proxy.clear();
    ok(&kzr(&["list", "artifacts", &proxy.url("counts/app")]));
    assert_eq!(request_lines(&proxy), ["GET /v2/counts/app/tags/list 200"]);
    proxy.clear();
    let missing = kzr(&["pull", "artifact", &proxy.url("counts/app:nope")]);
    assert!(
        text(&missing.stderr).contains("artifact not found"),
        "{}",
        text(&missing.stderr)
    );
    assert_eq!(
        request_lines(&proxy),
        ["GET /v2/counts/app/manifests/nope 404"]
    );
}

#[test]
fn token_auth_takes_one_exchange_per_scope() {
    use common::fault_proxy::{HttpFaults, HttpProxy};
    use common::registry::{PASSWORD, USER};
    let reg = TestRegistry::start();
    let proxy = HttpProxy::start(
        reg.port,
        HttpFaults {
            bearer: Some((USER.into(), PASSWORD.into())),
            ..Default::default()
        },
    );
    let url = proxy.url("tok/app:v1");
    let creds = format!("{USER}:{PASSWORD}");
    let pushed = kzr(&[
        "push",
        "artifact",
        &url,
        "-k",
        &example(),
        "--creds",
        &creds,
    ]);
    ok(&pushed);
    let requests = proxy.requests();
    let lines = request_lines(&proxy);
    // The first request learns the challenge; one token serves the whole push.
    assert_eq!(lines.len(), 9, "{lines:#?}");
    assert!(lines[0].starts_with("HEAD /v2/tok/app/blobs/") && lines[0].ends_with(" 401"));
    assert_eq!(lines[1], "GET /token 200");
    assert!(requests[1]
        .target
        .contains("scope=repository%3Atok%2Fapp%3Apull%2Cpush"));
    assert!(requests[1].target.contains("service=kzr-test"));
    assert!(requests[1]
        .authorization
        .as_deref()
        .is_some_and(|a| a.starts_with("Basic ")));
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("GET /token")).count(),
        1
    );
    assert!(requests[2..]
        .iter()
        .all(|r| r.authorization.as_deref() == Some("Bearer kzr-test-token")));
    assert_eq!(lines[8], "PUT /v2/tok/app/manifests/v1 201");

    proxy.clear();
    let built = ok(&kzr(&["build", &example()]));
    let pulled = kzr(&["pull", "artifact", &url, "--creds", &creds]);
    assert_eq!(ok(&pulled), built);
    let lines = request_lines(&proxy);
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert_eq!(lines[0], "GET /v2/tok/app/manifests/v1 401");
    assert_eq!(lines[1], "GET /token 200");
    assert!(
        proxy.requests()[1]
            .target
            .contains("scope=repository%3Atok%2Fapp%3Apull&")
            || proxy.requests()[1]
                .target
                .ends_with("scope=repository%3Atok%2Fapp%3Apull")
    );

    // No or wrong credentials: the realm refuses, and the error says so, once.
    let anonymous = kzr(&["pull", "artifact", &url]);
    let err = text(&anonymous.stderr);
    assert!(
        err.contains(&format!(
            "authentication required for 127.0.0.1:{}/tok/app",
            proxy.port
        )),
        "{err}"
    );
    let wrong = kzr(&[
        "pull",
        "artifact",
        &url,
        "--creds",
        "deployer:not-the-password",
    ]);
    assert!(!wrong.status.success());
    for out in [&pushed, &pulled, &anonymous, &wrong] {
        assert!(
            !text(&out.stderr).contains(PASSWORD)
                && !text(&out.stderr).contains("not-the-password")
        );
    }

    // An identity token in Docker's config.json is used as an OAuth2 refresh token.
    let docker = tempfile::tempdir().unwrap();
    // Docker's config.json with the password as the identity token for a proxy port.
    let identity_config = |port: u16| {
        std::fs::write(
            docker.path().join("config.json"),
            format!(r#"{{"auths": {{"127.0.0.1:{port}": {{"identitytoken": "{PASSWORD}"}}}}}}"#),
        )
        .unwrap()
    };
    identity_config(proxy.port);
    proxy.clear();
    let via_identity = kzr_env(
        &["pull", "artifact", &url],
        &[("DOCKER_CONFIG", docker.path().to_str().unwrap())],
    );
    assert_eq!(ok(&via_identity), built);
    assert_eq!(request_lines(&proxy)[1], "POST /token 200");
    assert!(!text(&via_identity.stderr).contains(PASSWORD));

    // A realm without the OAuth2 grant (404 or 405 to the POST): the identity token goes as
    // a password with the `<token>` user instead.
    for status in [404, 405] {
        let plain = HttpProxy::start(
            reg.port,
            HttpFaults {
                bearer: Some(("<token>".into(), PASSWORD.into())),
                token_post_status: Some(status),
                ..Default::default()
            },
        );
        identity_config(plain.port);
        let out = kzr_env(
            &["pull", "artifact", &plain.url("tok/app:v1")],
            &[("DOCKER_CONFIG", docker.path().to_str().unwrap())],
        );
        assert_eq!(ok(&out), built);
        assert_eq!(
            request_lines(&plain)[1..3],
            [
                format!("POST /token {status}"),
                "GET /token 200".to_string()
            ]
        );
        assert!(!text(&out.stderr).contains(PASSWORD));
    }

    // A realm that gives anonymous tokens (public repositories): no credentials needed.
    let public = HttpProxy::start(
        reg.port,
        HttpFaults {
            bearer: Some((String::new(), String::new())),
            ..Default::default()
        },
    );
    assert_eq!(
        ok(&kzr(&["pull", "artifact", &public.url("tok/app:v1")])),
        built
    );
    assert!(public.requests()[1].authorization.is_none());
}

#[test]
fn retry_after_and_backoff() {
    use common::fault_proxy::{HttpFaults, HttpProxy};
    let reg = TestRegistry::start();
    let built = ok(&kzr(&["build", &example()]));
    ok(&kzr(&[
        "push",
        "artifact",
        &reg.url("later/app:v1"),
        "-k",
        &example(),
    ]));
    for status in [429, 503] {
        let proxy = HttpProxy::start(
            reg.port,
            HttpFaults {
                fail_first: 1,
                fail_status: status,
                retry_after: Some("1".into()),
                ..Default::default()
            },
        );
        assert_eq!(
            ok(&kzr(&["pull", "artifact", &proxy.url("later/app:v1")])),
            built
        );
        let requests = proxy.requests();
        assert_eq!(requests[0].status, status);
        assert_eq!(
            requests[1].line(),
            requests[0].line(),
            "the same request again"
        );
        let waited = requests[1].at - requests[0].at;
        assert!(
            waited >= std::time::Duration::from_millis(900),
            "{status} with Retry-After: 1 was retried after {waited:?}"
        );
    }
    // Retry-After as an HTTP date (here long past: retry at once).
    let dated = HttpProxy::start(
        reg.port,
        HttpFaults {
            fail_first: 1,
            fail_status: 503,
            retry_after: Some("Thu, 01 Jan 1970 00:00:00 GMT".into()),
            ..Default::default()
        },
    );
    ok(&kzr(&["pull", "artifact", &dated.url("later/app:v1")]));
    // A 500 without Retry-After: exponential backoff (200 ms, then 400 ms).
    let backoff = HttpProxy::start(
        reg.port,
        HttpFaults {
            fail_first: 2,
            fail_status: 500,
            ..Default::default()
        },
    );
    ok(&kzr(&[
        "push",
        "artifact",
        &backoff.url("later/app:v2"),
        "-k",
        &example(),
    ]));
    let requests = backoff.requests();
    assert_eq!((requests[0].status, requests[1].status), (500, 500));
    assert!(requests[1].at - requests[0].at >= std::time::Duration::from_millis(150));
    assert!(requests[2].at - requests[1].at >= std::time::Duration::from_millis(350));
    // A Retry-After beyond what kzr waits for: reported at once, not slept on.
    let limited = HttpProxy::start(
        reg.port,
        HttpFaults {
            fail_first: usize::MAX,
            fail_status: 429,
            retry_after: Some("3600".into()),
            ..Default::default()
        },
    );
    let out = kzr(&["pull", "artifact", &limited.url("later/app:v1")]);
    let err = text(&out.stderr);
    assert!(
        err.contains("429") && err.contains("retry after 3600 s"),
        "{err}"
    );
    // The proxy logs a request after answering it; give its thread a moment.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while limited.requests().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(limited.requests().len(), 1);
}

#[test]
fn progress_bars_only_on_a_terminal() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    // About 1 MB that gzip cannot shrink much, so that a bar has something to show.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let payload: String = (0..20_000)
        .map(|_| {
            (0..3)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    format!("{x:016x}")
                })
                .collect::<String>()
                + "\n"
        })
        .collect();
    std::fs::write(
        dir.path().join("cm.yaml"),
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  payload: |\n    {}\n", payload.trim_end().replace('\n', "\n    ")),
    )
    .unwrap();
    let manifests = dir.path().display().to_string();
    // Not a terminal (a pipe), colour allowed: no bar, whatever the output format.
    for extra in [&["-o", "json"][..], &[][..]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kzr"))
            .args([
                "push",
                "artifact",
                &reg.url("bars/app:v1"),
                "-f",
                &manifests,
            ])
            .args(extra)
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(
            !err.contains('\r') && !err.contains("\x1b[") && !err.contains("=>"),
            "{err:?}"
        );
    }
    // On a terminal (script(1) gives kzr a pseudo-terminal) the bars run, and the streamed
    // upload and the counted download still move the exact bytes.
    let out_dir = tempfile::tempdir().unwrap();
    let typescript = out_dir.path().join("typescript");
    let kzr_bin = env!("CARGO_BIN_EXE_kzr");
    let command = format!(
        "{kzr_bin} push artifact {} -f {manifests} && {kzr_bin} pull artifact {} > {}",
        reg.url("bars/app:tty"),
        reg.url("bars/app:tty"),
        out_dir.path().join("pulled.yaml").display()
    );
    let status = std::process::Command::new("script")
        .args(["-qec", &command])
        .arg(&typescript)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("script(1) (util-linux) must be installed");
    let session = String::from_utf8_lossy(&std::fs::read(&typescript).unwrap()).to_string();
    assert!(status.success(), "{session}");
    assert!(
        session.contains("pull ") && session.contains("KiB"),
        "a bar was drawn: {session}"
    );
    let pulled = std::fs::read_to_string(out_dir.path().join("pulled.yaml")).unwrap();
    assert_eq!(pulled, ok(&kzr(&["build", "-f", &manifests])));
    assert_eq!(
        ok(&kzr(&["pull", "artifact", &reg.url("bars/app:tty")])),
        pulled
    );
}
