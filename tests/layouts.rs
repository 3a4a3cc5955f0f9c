//! Artifacts through OCI image layouts (`oci-layout:DIR`) and archives (`oci-archive:FILE`),
//! differential against skopeo's `oci:` and `oci-archive:` transports and a real registry
//! (Debian's docker-registry on loopback).

use crate::common;
use common::apiserver::TestApiServer;
use common::registry::TestRegistry;
use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

const CREATED: &str = "2024-01-02T03:04:05Z";

fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/kustomize/overlays/prod")
        .display()
        .to_string()
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    text(&out.stdout)
}

fn skopeo_copy(src: &str, dst: &str, extra: &[&str]) {
    let mut args = vec!["copy", "--src-tls-verify=false", "--dest-tls-verify=false"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[src, dst]);
    run_tool("skopeo", &args);
}

/// The digest of the manifest skopeo reads at `reference` (any transport).
fn skopeo_digest(reference: &str) -> String {
    let out = run_tool(
        "skopeo",
        &["inspect", "--raw", "--tls-verify=false", reference],
    );
    kzr::artifact::digest_of(&out.stdout)
}

fn push(url: &str, extra: &[&str]) -> String {
    let example = example();
    let mut args = vec![
        "push",
        "artifact",
        url,
        "-k",
        &example,
        "--created",
        CREATED,
        "-o",
        "json",
    ];
    args.extend_from_slice(extra);
    let v: Value = serde_json::from_str(&ok(&kzr(&args))).unwrap();
    v["digest"].as_str().unwrap().to_string()
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&ok(out)).unwrap()
}

#[test]
fn a_layout_written_by_kzr_is_copied_by_skopeo_with_the_same_digest() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("bundle");
    let l = layout.display().to_string();
    let built = ok(&kzr(&["build", &example()]));

    let v1 = push(&format!("oci-layout:{l}:v1"), &[]);
    // A second tag into the same layout keeps the first.
    let v2 = push(&format!("oci-layout:{l}:v2"), &["--source", "git@x:y"]);
    assert_ne!(v1, v2);
    let tags = json(&kzr(&[
        "list",
        "artifacts",
        &format!("oci-layout:{l}"),
        "-o",
        "json",
    ]));
    let tags: Vec<&str> = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["v2", "v1"]);
    assert_eq!(
        ok(&kzr(&["pull", "artifact", &format!("oci-layout:{l}:v1")])),
        built
    );

    // skopeo reads kzr's layout and copies it to a registry unchanged.
    assert_eq!(skopeo_digest(&format!("oci:{l}:v1")), v1);
    skopeo_copy(
        &format!("oci:{l}:v1"),
        &format!("docker://{}", reg.host_path("from/layout:v1")),
        &[],
    );
    assert_eq!(
        skopeo_digest(&format!("docker://{}", reg.host_path("from/layout:v1"))),
        v1
    );
    assert_eq!(
        ok(&kzr(&["pull", "artifact", &reg.url("from/layout:v1")])),
        built
    );

    // The same for an archive written by kzr.
    let archive = dir.path().join("bundle.tar").display().to_string();
    let a1 = push(&format!("oci-archive:{archive}:v1"), &[]);
    assert_eq!(a1, v1, "layouts and archives pack alike");
    push(
        &format!("oci-archive:{archive}:v2"),
        &["--source", "git@x:y"],
    );
    assert_eq!(skopeo_digest(&format!("oci-archive:{archive}:v1")), v1);
    assert_eq!(skopeo_digest(&format!("oci-archive:{archive}:v2")), v2);
    skopeo_copy(
        &format!("oci-archive:{archive}:v2"),
        &format!("docker://{}", reg.host_path("from/archive:v2")),
        &[],
    );
    assert_eq!(
        skopeo_digest(&format!("docker://{}", reg.host_path("from/archive:v2"))),
        v2
    );
    // inspect and diff read layouts and archives like registries.
    let inspected = json(&kzr(&[
        "inspect",
        "artifact",
        &format!("oci-archive:{archive}:v1"),
        "-o",
        "json",
    ]));
    assert_eq!(inspected["digest"], v1.as_str());
    assert_eq!(inspected["url"], format!("oci-archive:{archive}@{v1}"));
    let same = kzr(&[
        "diff",
        "artifact",
        &format!("oci-layout:{l}:v1"),
        &format!("oci-archive:{archive}:v1"),
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
    let same = kzr(&[
        "diff",
        "artifact",
        &format!("oci-layout:{l}:v1"),
        &reg.url("from/layout:v1"),
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
}

#[test]
fn layouts_and_archives_written_by_skopeo_are_read_by_kzr() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let digest = push(&reg.url("team/app:1.0.0"), &[]);
    let built = ok(&kzr(&["build", &example()]));
    let src = format!("docker://{}", reg.host_path("team/app:1.0.0"));
    let layout = dir.path().join("skopeo-layout").display().to_string();
    let archive = dir.path().join("skopeo.tar").display().to_string();
    // --preserve-digests: the manifest as pushed (a converting copy drops its annotations).
    skopeo_copy(
        &src,
        &format!("oci:{layout}:1.0.0"),
        &["--preserve-digests"],
    );
    skopeo_copy(
        &src,
        &format!("oci-archive:{archive}:1.0.0"),
        &["--preserve-digests"],
    );
    for reference in [
        format!("oci-layout:{layout}:1.0.0"),
        format!("oci-archive:{archive}:1.0.0"),
        // One manifest: no tag needed.
        format!("oci-layout:{layout}"),
        format!("oci-layout:{layout}@{digest}"),
    ] {
        assert_eq!(
            ok(&kzr(&["pull", "artifact", &reference])),
            built,
            "{reference}"
        );
        let v = json(&kzr(&["inspect", "artifact", &reference, "-o", "json"]));
        assert_eq!(v["digest"], digest.as_str(), "{reference}");
    }
    let tags = ok(&kzr(&[
        "list",
        "artifacts",
        &format!("oci-archive:{archive}"),
    ]));
    assert_eq!(tags, format!("oci-archive:{archive}:1.0.0\n"));

    // A second image written by skopeo into the same layout: kzr keeps both tags when it
    // writes a third.
    push(&reg.url("team/app:1.1.0"), &["--source", "other"]);
    skopeo_copy(
        &format!("docker://{}", reg.host_path("team/app:1.1.0")),
        &format!("oci:{layout}:1.1.0"),
        &["--preserve-digests"],
    );
    ok(&kzr(&[
        "copy",
        "artifact",
        &reg.url("team/app:1.0.0"),
        &format!("oci-layout:{layout}:stable"),
    ]));
    let mut tags: Vec<String> = ok(&kzr(&[
        "list",
        "artifacts",
        &format!("oci-layout:{layout}"),
    ]))
    .lines()
    .map(str::to_string)
    .collect();
    tags.sort();
    assert_eq!(
        tags,
        ["1.0.0", "1.1.0", "stable"].map(|t| format!("oci-layout:{layout}:{t}"))
    );
    let digest_of = |reference: &str| {
        json(&kzr(&["inspect", "artifact", reference, "-o", "json"]))["digest"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        digest_of(&format!("oci-layout:{layout}:1.1.0")),
        digest_of(&reg.url("team/app:1.1.0"))
    );
    assert_eq!(digest_of(&format!("oci-layout:{layout}:stable")), digest);
}

/// An openssl-made P-256 key pair: (PKCS#8 private key, PKIX public key).
fn openssl_keys(dir: &Path) -> (String, String) {
    let key = dir.join("cosign.key");
    let public = dir.join("cosign.pub");
    let sh = format!(
        "openssl ecparam -name prime256v1 -genkey | openssl pkcs8 -topk8 -nocrypt -out {} && openssl pkey -in {} -pubout -out {}",
        key.display(),
        key.display(),
        public.display()
    );
    run_tool("sh", &["-c", &sh]);
    (key.display().to_string(), public.display().to_string())
}

#[test]
fn registry_to_layout_to_registry_keeps_the_digest_and_the_signatures() {
    let reg = TestRegistry::start();
    let inner = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let (key, public) = openssl_keys(dir.path());
    let src = reg.url("vendor/app:1.0.0");
    let digest = push(&src, &["--cosign-key", &key]);
    let sig_tag = format!("sha256-{}.sig", digest.trim_start_matches("sha256:"));
    let sig_digest = skopeo_digest(&format!(
        "docker://{}",
        reg.host_path(&format!("vendor/app:{sig_tag}"))
    ));
    let layout = format!("oci-layout:{}", dir.path().join("carry").display());
    let archive = format!("oci-archive:{}", dir.path().join("carry.tar").display());

    // The air-gapped flow: registry → archive (carried over) → inner registry.
    let started = std::time::Instant::now();
    let out = ok(&kzr(&[
        "copy",
        "artifact",
        &src,
        &format!("{archive}:1.0.0"),
    ]));
    assert_eq!(out.trim(), format!("{archive}@{digest}"));
    ok(&kzr(&[
        "copy",
        "artifact",
        &format!("{archive}:1.0.0"),
        &inner.url("mirror/app:1.0.0"),
    ]));
    eprintln!("registry → archive → registry: {:?}", started.elapsed());
    assert_eq!(
        skopeo_digest(&format!("docker://{}", inner.host_path("mirror/app:1.0.0"))),
        digest
    );
    assert_eq!(
        skopeo_digest(&format!(
            "docker://{}",
            inner.host_path(&format!("mirror/app:{sig_tag}"))
        )),
        sig_digest,
        "the signature manifest travels unchanged"
    );
    for verified in [inner.url("mirror/app:1.0.0"), format!("{archive}:1.0.0")] {
        ok(&kzr(&[
            "pull",
            "artifact",
            &verified,
            "--cosign-key",
            &public,
        ]));
    }

    // Signed straight into a layout, verified there and after a copy out.
    let signed = format!("oci-layout:{}:v1", dir.path().join("signed").display());
    let d = push(&signed, &["--cosign-key", &key]);
    ok(&kzr(&[
        "pull",
        "artifact",
        &signed,
        "--cosign-key",
        &public,
    ]));
    ok(&kzr(&[
        "copy",
        "artifact",
        &signed,
        &inner.url("signed/app:v1"),
    ]));
    let v = json(&kzr(&[
        "inspect",
        "artifact",
        &inner.url("signed/app:v1"),
        "--cosign-key",
        &public,
        "-o",
        "json",
    ]));
    assert_eq!(v["digest"], d.as_str());
    assert_eq!(v["verifiedBy"], "cosign");

    // registry → layout → layout → registry, the same.
    ok(&kzr(&[
        "copy",
        "artifact",
        &src,
        &format!("{layout}:1.0.0"),
    ]));
    let copy2 = format!("oci-layout:{}:again", dir.path().join("carry2").display());
    ok(&kzr(&[
        "copy",
        "artifact",
        &format!("{layout}:1.0.0"),
        &copy2,
    ]));
    ok(&kzr(&[
        "copy",
        "artifact",
        &copy2,
        &inner.url("mirror/again:1.0.0"),
    ]));
    assert_eq!(
        skopeo_digest(&format!(
            "docker://{}",
            inner.host_path("mirror/again:1.0.0")
        )),
        digest
    );
    ok(&kzr(&[
        "pull",
        "artifact",
        &inner.url("mirror/again:1.0.0"),
        "--cosign-key",
        &public,
    ]));
    // Signatures are not listed as artifacts.
    let tags = ok(&kzr(&["list", "artifacts", &layout]));
    assert_eq!(tags, format!("{layout}:1.0.0\n"));
}

#[test]
fn apply_plan_and_diff_deploy_from_a_layout() {
    let dir = tempfile::tempdir().unwrap();
    let archive = format!("oci-archive:{}:v1", dir.path().join("app.tar").display());
    let layout = format!("oci-layout:{}:v1", dir.path().join("app").display());
    push(&archive, &[]);
    push(&layout, &[]);
    let server = TestApiServer::start();
    let kubeconfig = server.kubeconfig();
    let kubeconfig = kubeconfig.to_str().unwrap();
    let plan = kzr(&["plan", "app", "-a", &archive, "--kubeconfig", kubeconfig]);
    assert!(plan.status.success(), "{}", text(&plan.stderr));
    ok(&kzr(&[
        "apply",
        "app",
        "-a",
        &layout,
        "--kubeconfig",
        kubeconfig,
        "--create-namespace",
        "--wait=false",
    ]));
    assert!(server
        .object("apps/v1", "Deployment", Some("demo"), "web")
        .is_some());
    let diff = kzr(&["diff", "app", "-a", &archive, "--kubeconfig", kubeconfig]);
    assert_eq!(diff.status.code(), Some(0), "{}", text(&diff.stderr));
}

#[test]
fn bad_layouts_fail_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).display().to_string();
    std::fs::create_dir(d("plain")).unwrap();
    std::fs::write(dir.path().join("plain/notes.txt"), "hello").unwrap();

    // A directory that is not a layout: read or written, refused and left alone.
    let err = refused(&kzr(&[
        "pull",
        "artifact",
        &format!("oci-layout:{}:v1", d("plain")),
    ]));
    assert!(
        err.contains("is not an OCI image layout: no oci-layout file"),
        "{err}"
    );
    let out = kzr(&[
        "push",
        "artifact",
        &format!("oci-layout:{}:v1", d("plain")),
        "-k",
        &example(),
    ]);
    let err = refused(&out);
    assert!(err.contains("is not an OCI image layout"), "{err}");
    assert!(
        text(&out.stderr).contains("hint: "),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("plain/index.json").exists());

    // A missing tag.
    let l = d("layout");
    push(&format!("oci-layout:{l}:v1"), &[]);
    let err = refused(&kzr(&["pull", "artifact", &format!("oci-layout:{l}:v9")]));
    assert_eq!(err, format!("error: artifact not found: oci-layout:{l}:v9"));

    // Several manifests and no tag.
    push(&format!("oci-layout:{l}:v2"), &["--source", "other"]);
    let out = kzr(&["inspect", "artifact", &format!("oci-layout:{l}")]);
    let err = refused(&out);
    assert!(
        err.contains("holds 2 manifests and the reference names none"),
        "{err}"
    );
    assert!(text(&out.stderr).contains("hint: name one with"));

    // A blob whose content does not match its digest.
    let index: Value =
        serde_json::from_slice(&std::fs::read(Path::new(&l).join("index.json")).unwrap()).unwrap();
    let manifest_digest = index["manifests"][0]["digest"].as_str().unwrap();
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(&l)
                .join("blobs/sha256")
                .join(manifest_digest.trim_start_matches("sha256:")),
        )
        .unwrap(),
    )
    .unwrap();
    let layer = manifest["layers"][0]["digest"].as_str().unwrap();
    let layer_path = Path::new(&l)
        .join("blobs/sha256")
        .join(layer.trim_start_matches("sha256:"));
    let mut bytes = std::fs::read(&layer_path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&layer_path, bytes).unwrap();
    let err = refused(&kzr(&["pull", "artifact", &format!("oci-layout:{l}:v1")]));
    assert!(
        err.contains(&format!("blob {layer}: expected {layer}, got sha256:")),
        "{err}"
    );
    let err = refused(&kzr(&[
        "copy",
        "artifact",
        &format!("oci-layout:{l}:v1"),
        &format!("oci-layout:{}:v1", d("copy")),
    ]));
    assert!(err.contains("expected"), "{err}");

    // Archives: missing, and not a tar.
    let err = refused(&kzr(&[
        "pull",
        "artifact",
        &format!("oci-archive:{}", d("absent.tar")),
    ]));
    assert!(
        err.contains("absent.tar is not an OCI image layout: no such file"),
        "{err}"
    );
    std::fs::write(dir.path().join("junk.tar"), "junk").unwrap();
    let err = refused(&kzr(&[
        "pull",
        "artifact",
        &format!("oci-archive:{}", d("junk.tar")),
    ]));
    assert!(err.contains("junk.tar"), "{err}");
    let err = refused(&kzr(&["list", "artifacts", &format!("oci-archive:{l}")]));
    assert!(err.contains("not a tar file (use oci-layout:DIR"), "{err}");
    // An archive of something else is not a layout, and says which archive.
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_ustar();
    h.set_size(5);
    h.set_entry_type(tar::EntryType::Regular);
    b.append_data(&mut h, "notes.txt", &b"hello"[..]).unwrap();
    std::fs::write(dir.path().join("other.tar"), b.into_inner().unwrap()).unwrap();
    let err = refused(&kzr(&[
        "pull",
        "artifact",
        &format!("oci-archive:{}", d("other.tar")),
    ]));
    assert!(
        err.contains(&format!(
            "{} is not an OCI image layout: no oci-layout file",
            d("other.tar")
        )),
        "{err}"
    );

    // Keyless signing and verification run cosign, which reads registries only: refused
    // before anything is written.
    let err = refused(&kzr(&[
        "pull",
        "artifact",
        &format!("oci-layout:{l}:v2"),
        "--verify",
    ]));
    assert!(err.contains("pass --cosign-key PUB"), "{err}");
    let err = refused(&kzr(&[
        "push",
        "artifact",
        &format!("oci-layout:{}:v1", d("unsigned")),
        "-k",
        &example(),
        "--sign",
    ]));
    assert!(err.contains("pass --cosign-key KEY"), "{err}");
    assert!(!dir.path().join("unsigned").exists());

    // References that do not parse.
    let err = refused(&kzr(&["pull", "artifact", "oci-layout:"]));
    assert!(err.contains("give the layout directory"), "{err}");
    let err = refused(&kzr(&["pull", "artifact", "docker://x/y:v1"]));
    assert!(err.contains("oci-layout:"), "{err}");
}

#[test]
fn build_jobs_copy_a_prebuilt_artifact_out_of_an_archive() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let archive = format!("oci-archive:{}", dir.path().join("vendor.tar").display());
    let digest = push(&format!("{archive}:v1"), &[]);
    let plan = dir.path().join("plan.json");
    let write_plan = |url: &str, tag: &str, pinned: &str| {
        let v = serde_json::json!({
            "component_id": "cmp3",
            "component_build_id": "bld5",
            "git_source": null,
            "dst_registry": {"Repository": "org1/byoa", "LoginServer": format!("127.0.0.1:{}", reg.port), "OCIAuth": null},
            "dst_tag": "bld5",
            "kubernetes_manifest_build_plan": {
                "labels": {"component_id": "cmp3"},
                "source_type": "oci_artifact",
                "oci_artifact_source": {"url": url, "tag": tag, "digest": pinned, "credentials_ref": ""}
            }
        });
        std::fs::write(&plan, v.to_string()).unwrap();
    };
    for (tag, pinned) in [("v1", ""), ("", digest.as_str())] {
        write_plan(&archive, tag, pinned);
        let result = json(&kzr(&[
            "push",
            "artifact",
            "--build-plan",
            plan.to_str().unwrap(),
            "-o",
            "json",
        ]));
        assert_eq!(result["digest"], digest.as_str(), "digest preserved");
        assert_eq!(
            skopeo_digest(&format!("docker://{}", reg.host_path("org1/byoa:bld5"))),
            digest
        );
    }
    // A tag both in the URL and in the plan's tag field is refused, as for registries.
    write_plan(&format!("{archive}:v1"), "v1", "");
    let out = kzr(&["push", "artifact", "--build-plan", plan.to_str().unwrap()]);
    let err = refused(&out);
    assert!(err.contains("names a tag or digest"), "{err}");
}

#[test]
fn deploy_jobs_deploy_from_a_layout() {
    let dir = tempfile::tempdir().unwrap();
    let layout = format!("oci-layout:{}", dir.path().join("release").display());
    let digest = push(&format!("{layout}:dpl1"), &[]);
    let server = TestApiServer::start();
    server.insert(
        serde_json::json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "apps"}}),
        "kubectl-create",
        "Update",
    );
    let plan = dir.path().join("deploy.json");
    let v = serde_json::json!({
        "component_id": "cmp2",
        "kubernetes_manifest_deploy_plan": {
            "cluster_info": {"endpoint": server.url(), "ca_data": "", "token": "ClusterToken-999"},
            "namespace": "apps",
            "oci_artifact": {"url": layout, "tag": "dpl1"}
        }
    });
    std::fs::write(&plan, v.to_string()).unwrap();
    let out = json(&kzr(&[
        "apply",
        "--deploy-plan",
        plan.to_str().unwrap(),
        "-o",
        "json",
        "--wait=false",
    ]));
    assert_eq!(out["artifact"], format!("{layout}@{digest}"));
    // The example sets its own namespace.
    assert!(
        server
            .object("apps/v1", "Deployment", Some("demo"), "web")
            .is_some(),
        "{out}"
    );
}
