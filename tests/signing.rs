//! Signed artifacts against a real registry: kzr's signatures are checked with openssl over
//! payloads fetched by skopeo (not kzr), cosign's encrypted key format round-trips, foreign
//! (openssl-made) signatures in cosign's layout verify, every bad input is refused with one
//! line and nothing written, signatures travel with copies, and a deploy refuses before
//! touching the cluster.

use crate::common;
use common::apiserver::TestApiServer;
use common::plans::plan;
use common::registry::TestRegistry;
use common::*;
use kzr::registry::{block_on, ArtifactRef, Options, Registry};
use kzr::signature::format;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/signing")
        .join(name)
        .display()
        .to_string()
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    text(&out.stdout)
}

/// An openssl-made P-256 key pair: (PKCS#8 private key, PKIX public key).
fn openssl_keys(dir: &Path, name: &str) -> (String, String) {
    let key = dir.join(format!("{name}.key"));
    let public = dir.join(format!("{name}.pub"));
    let sh = format!(
        "openssl ecparam -name prime256v1 -genkey | openssl pkcs8 -topk8 -nocrypt -out {} && openssl pkey -in {} -pubout -out {}",
        key.display(),
        key.display(),
        public.display()
    );
    run_tool("sh", &["-c", &sh]);
    (key.display().to_string(), public.display().to_string())
}

/// The SHA-256 of the public key's DER, by openssl: what kzr calls its fingerprint.
fn openssl_fingerprint(public: &str) -> String {
    let der = run_tool(
        "openssl",
        &["pkey", "-pubin", "-in", public, "-outform", "DER"],
    )
    .stdout;
    kzr::artifact::sha256_hex(&der)
}

fn app_file(dir: &Path, mode: &str) -> String {
    let file = dir.join(format!("app-{mode}.yaml"));
    std::fs::write(&file, APP.replace("mode: fast", &format!("mode: {mode}"))).unwrap();
    file.display().to_string()
}

/// A fixed creation time, so that pushing the same content gives the same digest.
const CREATED: &str = "2024-01-02T03:04:05Z";

/// Pushes (and signs, with `extra`); returns the manifest digest.
fn push(url: &str, file: &str, extra: &[&str], env: &[(&str, &str)]) -> String {
    let mut args = vec![
        "push",
        "artifact",
        url,
        "-f",
        file,
        "--created",
        CREATED,
        "-o",
        "json",
    ];
    args.extend_from_slice(extra);
    let v: Value = serde_json::from_str(&ok(&kzr_env(&args, env))).unwrap();
    v["digest"].as_str().unwrap().to_string()
}

fn sig_tag(digest: &str) -> String {
    format!("sha256-{}.sig", digest.trim_start_matches("sha256:"))
}

/// The signature manifest and its payload blobs, copied out of the registry by skopeo.
struct Fetched {
    manifest: Value,
    dir: tempfile::TempDir,
}

impl Fetched {
    fn get(reg: &TestRegistry, repo: &str, digest: &str) -> Fetched {
        let dir = tempfile::tempdir().unwrap();
        let src = format!(
            "docker://{}",
            reg.host_path(&format!("{repo}:{}", sig_tag(digest)))
        );
        let dst = format!("dir:{}", dir.path().join("sig").display());
        run_tool("skopeo", &["copy", "--src-tls-verify=false", &src, &dst]);
        let manifest =
            serde_json::from_slice(&std::fs::read(dir.path().join("sig/manifest.json")).unwrap())
                .unwrap();
        Fetched { manifest, dir }
    }

    fn blob(&self, digest: &str) -> PathBuf {
        self.dir
            .path()
            .join("sig")
            .join(digest.trim_start_matches("sha256:"))
    }

    fn layers(&self) -> Vec<Value> {
        self.manifest["layers"].as_array().unwrap().clone()
    }
}

/// Checks a signature layer with openssl alone: writes the DER signature next to the payload
/// and runs `openssl dgst -sha256 -verify PUB -signature SIG PAYLOAD`.
fn openssl_verifies(fetched: &Fetched, layer: &Value, public: &str) -> bool {
    use base64::Engine;
    let payload = fetched.blob(layer["digest"].as_str().unwrap());
    let sig = base64::engine::general_purpose::STANDARD
        .decode(
            layer["annotations"]["dev.cosignproject.cosign/signature"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
    let sig_file = fetched.dir.path().join("sig.der");
    std::fs::write(&sig_file, sig).unwrap();
    let out = Command::new("openssl")
        .args([
            "dgst",
            "-sha256",
            "-verify",
            public,
            "-signature",
            sig_file.to_str().unwrap(),
            payload.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    out.status.success() && text(&out.stdout).contains("Verified OK")
}

#[test]
fn signatures_are_cosigns_and_openssl_checks_them() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let (key, public) = openssl_keys(dir.path(), "a");
    let file = app_file(dir.path(), "fast");
    let url = reg.url("team/app:v1");
    let out = ok(&kzr(&[
        "push",
        "artifact",
        &url,
        "-f",
        &file,
        "--sign",
        "--cosign-key",
        &key,
        "--created",
        CREATED,
        "-o",
        "json",
    ]));
    let v: Value = serde_json::from_str(&out).unwrap();
    let digest = v["digest"].as_str().unwrap().to_string();
    assert_eq!(
        v["signature"],
        reg.host_path(&format!("team/app:{}", sig_tag(&digest)))
    );
    assert_eq!(v["keyFingerprint"], openssl_fingerprint(&public));

    // The signature manifest, as skopeo fetches it: cosign's media types and layout.
    let fetched = Fetched::get(&reg, "team/app", &digest);
    let m = &fetched.manifest;
    assert_eq!(m["mediaType"], "application/vnd.oci.image.manifest.v1+json");
    assert_eq!(
        m["config"]["mediaType"],
        "application/vnd.oci.image.config.v1+json"
    );
    let layers = fetched.layers();
    assert_eq!(layers.len(), 1);
    assert_eq!(
        layers[0]["mediaType"],
        "application/vnd.dev.cosign.simplesigning.v1+json"
    );
    let payload: Value = serde_json::from_slice(
        &std::fs::read(fetched.blob(layers[0]["digest"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    assert_eq!(
        payload,
        serde_json::json!({"critical": {
            "identity": {"docker-reference": reg.host_path("team/app")},
            "image": {"docker-manifest-digest": digest},
            "type": "cosign container image signature"},
         "optional": null})
    );
    assert!(
        openssl_verifies(&fetched, &layers[0], &public),
        "openssl rejects kzr's signature"
    );

    // kzr verifies it, pulls exactly what was pushed, and shows who verified.
    let pulled = ok(&kzr(&[
        "pull",
        "artifact",
        &url,
        "--verify",
        "--cosign-key",
        &public,
    ]));
    assert_eq!(pulled, ok(&kzr(&["pull", "artifact", &url])));
    let inspect = ok(&kzr(&[
        "inspect",
        "artifact",
        &url,
        "--cosign-key",
        &public,
    ]));
    assert!(inspect.contains("VerifiedBy: cosign\n"), "{inspect}");
    assert!(
        inspect.contains(&format!(
            "KeyFingerprint: {}\n",
            openssl_fingerprint(&public)
        )),
        "{inspect}"
    );
    let json: Value = serde_json::from_str(&ok(&kzr(&[
        "inspect",
        "artifact",
        &url,
        "--verify",
        "--cosign-key",
        &public,
        "-o",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["verifiedBy"], "cosign");
    assert_eq!(json["keyFingerprint"], openssl_fingerprint(&public));
    let plain: Value =
        serde_json::from_str(&ok(&kzr(&["inspect", "artifact", &url, "-o", "json"]))).unwrap();
    assert!(plain.get("verifiedBy").is_none(), "{plain}");

    // Signing again with another key (SEC1, after openssl's EC PARAMETERS block) appends a
    // layer; either key verifies; the same key again adds nothing.
    let sec1 = dir.path().join("b.pem");
    let public_b = dir.path().join("b.pub").display().to_string();
    run_tool(
        "sh",
        &[
            "-c",
            &format!(
                "openssl ecparam -name prime256v1 -genkey -out {0} && openssl ec -in {0} -pubout -out {1}",
                sec1.display(),
                public_b
            ),
        ],
    );
    let again = push(&url, &file, &["--cosign-key", sec1.to_str().unwrap()], &[]);
    assert_eq!(again, digest, "same content, same digest");
    push(&url, &file, &["--cosign-key", &key], &[]);
    let fetched = Fetched::get(&reg, "team/app", &digest);
    let layers = fetched.layers();
    assert_eq!(layers.len(), 2, "{}", fetched.manifest);
    assert!(openssl_verifies(&fetched, &layers[0], &public));
    assert!(openssl_verifies(&fetched, &layers[1], &public_b));
    assert_eq!(
        fetched.manifest["config"]["size"].as_u64().unwrap(),
        std::fs::metadata(fetched.blob(fetched.manifest["config"]["digest"].as_str().unwrap()))
            .unwrap()
            .len()
    );
    for k in [&public, &public_b] {
        ok(&kzr(&["pull", "artifact", &url, "--cosign-key", k]));
    }

    // `list artifacts` hides the signature tag.
    assert_eq!(
        ok(&kzr(&["list", "artifacts", &reg.url("team/app")])),
        format!("{}:v1\n", reg.host_path("team/app"))
    );
}

#[test]
fn a_cosign_encrypted_key_round_trips_and_bad_keys_are_refused() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let file = app_file(dir.path(), "fast");
    let key = fixture("cosign.key");
    let public = fixture("cosign.pub");
    let url = reg.url("enc/app:v1");
    let digest = push(
        &url,
        &file,
        &["--sign", "--cosign-key", &key],
        &[("COSIGN_PASSWORD", "hello")],
    );
    let inspect = ok(&kzr(&[
        "inspect",
        "artifact",
        &url,
        "--cosign-key",
        &public,
    ]));
    assert!(
        inspect.contains(&format!("KeyFingerprint: {}", openssl_fingerprint(&public))),
        "{inspect}"
    );
    let fetched = Fetched::get(&reg, "enc/app", &digest);
    assert!(openssl_verifies(&fetched, &fetched.layers()[0], &public));

    // A wrong password, no password without a terminal, a corrupt or truncated key file,
    // a public key given to sign: refused before anything is pushed.
    let corrupt = dir.path().join("corrupt.key");
    let text_key = std::fs::read_to_string(&key).unwrap();
    std::fs::write(
        &corrupt,
        text_key.replace("eyJrZGYiOnsibmFtZSI6", "eyJrZGYiOnsibmFtZSI7"),
    )
    .unwrap();
    let truncated = dir.path().join("truncated.key");
    std::fs::write(&truncated, &text_key[..200]).unwrap();
    let garbage = dir.path().join("garbage.key");
    std::fs::write(&garbage, "not a key\n").unwrap();
    let other = reg.url("enc/other:v1");
    let cases: [(&str, Env, &str); 5] = [
        (
            key.as_str(),
            &[("COSIGN_PASSWORD", "wrong")],
            "wrong password",
        ),
        (key.as_str(), &[], "set COSIGN_PASSWORD"),
        (
            corrupt.to_str().unwrap(),
            &[("COSIGN_PASSWORD", "hello")],
            "corrupt key file",
        ),
        (
            truncated.to_str().unwrap(),
            &[("COSIGN_PASSWORD", "hello")],
            "no END line",
        ),
        (garbage.to_str().unwrap(), &[], "no PEM block"),
    ];
    for (k, env, why) in cases {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kzr"));
        cmd.args(["push", "artifact", &other, "-f", &file, "--cosign-key", k])
            .env("NO_COLOR", "1")
            .env_remove("COSIGN_PASSWORD")
            .envs(env.iter().copied());
        let err = refused(&cmd.output().unwrap());
        assert!(err.contains(why), "{k} {env:?}: {err}");
        assert!(err.contains(k), "names the key file: {err}");
        assert!(!err.contains("hello"), "no password printed: {err}");
    }
    let err = refused(&kzr(&[
        "push",
        "artifact",
        &other,
        "-f",
        &file,
        "--cosign-key",
        &public,
    ]));
    assert!(err.contains("not a private key"), "{err}");
    let listed = kzr(&["list", "artifacts", &reg.url("enc/other")]);
    assert!(!listed.status.success(), "nothing was pushed");
    // A private key given to verify.
    let err = refused(&kzr(&["pull", "artifact", &url, "--cosign-key", &key]));
    assert!(err.contains("not a PUBLIC KEY"), "{err}");
}

/// Environment variables for one kzr run.
type Env<'a> = &'a [(&'a str, &'a str)];

/// Pushes a signature manifest under `digest`'s `.sig` tag through kzr's library (as another
/// tool would): each (payload, base64 signature) a layer.
fn put_signatures(reg: &TestRegistry, repo: &str, digest: &str, sigs: &[(Vec<u8>, String)]) {
    let artifact = ArtifactRef::parse(&reg.url(&format!("{repo}:{}", sig_tag(digest)))).unwrap();
    let registry = Registry::new(&[&artifact], &Options::default()).unwrap();
    let mut manifest: Option<format::SignatureManifest> = None;
    let mut blobs = Vec::new();
    for (payload, sig) in sigs {
        let m = format::append(
            manifest.as_ref().map(|m| m.manifest.as_slice()),
            payload,
            sig,
        )
        .unwrap();
        blobs.push(payload.clone());
        manifest = Some(m);
    }
    let m = manifest.unwrap();
    blobs.push(m.config.clone());
    let refs: Vec<&[u8]> = blobs.iter().map(Vec::as_slice).collect();
    block_on(registry.push_raw(&artifact, &m.manifest, &m.media_type, &refs)).unwrap();
}

/// An openssl signature (DER, base64) of `payload` with `key`.
fn openssl_sign(dir: &Path, key: &str, payload: &[u8]) -> String {
    use base64::Engine;
    let file = dir.join("payload");
    std::fs::write(&file, payload).unwrap();
    let sig = run_tool(
        "openssl",
        &["dgst", "-sha256", "-sign", key, file.to_str().unwrap()],
    )
    .stdout;
    base64::engine::general_purpose::STANDARD.encode(sig)
}

#[test]
fn foreign_signatures_verify_and_bad_ones_are_refused() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let (key, public) = openssl_keys(dir.path(), "a");
    let (_, wrong) = openssl_keys(dir.path(), "b");
    let a = reg.url("bad/app:a");
    let b = reg.url("bad/app:b");
    let digest_a = push(&a, &app_file(dir.path(), "a"), &[], &[]);
    let digest_b = push(&b, &app_file(dir.path(), "b"), &[], &[]);
    let repo = reg.host_path("bad/app");

    // Unsigned.
    let err = refused(&kzr(&["pull", "artifact", &a, "--cosign-key", &public]));
    assert!(
        err.contains("bad/app:a")
            && err.contains("is not signed")
            && err.contains(&sig_tag(&digest_a)),
        "{err}"
    );

    // A signature made by openssl, not kzr, in cosign's layout: accepted (over many
    // signatures, some with a high S, which Go's and openssl's verifiers accept too).
    let payload_a = format::payload(&repo, &digest_a);
    let sigs: Vec<(Vec<u8>, String)> = (0..4)
        .map(|_| {
            (
                payload_a.clone(),
                openssl_sign(dir.path(), &key, &payload_a),
            )
        })
        .collect();
    put_signatures(&reg, "bad/app", &digest_a, &sigs);
    ok(&kzr(&["pull", "artifact", &a, "--cosign-key", &public]));

    // The wrong key.
    let err = refused(&kzr(&[
        "pull",
        "artifact",
        &a,
        "--verify",
        "--cosign-key",
        &wrong,
    ]));
    assert!(
        err.contains("bad/app:a") && err.contains("does not verify with the key"),
        "{err}"
    );
    assert!(err.contains(&openssl_fingerprint(&wrong)), "{err}");

    // A tampered payload (the signature of the original over other bytes).
    let tampered = String::from_utf8(payload_a.clone())
        .unwrap()
        .replace("bad/app", "bad/evil")
        .into_bytes();
    put_signatures(&reg, "bad/app", &digest_a, &[(tampered, sigs[0].1.clone())]);
    let err = refused(&kzr(&["inspect", "artifact", &a, "--cosign-key", &public]));
    assert!(err.contains("does not verify with the key"), "{err}");

    // A valid signature of another artifact, put under b's tag.
    put_signatures(&reg, "bad/app", &digest_b, &[sigs[0].clone()]);
    let err = refused(&kzr(&["pull", "artifact", &b, "--cosign-key", &public]));
    assert!(
        err.contains("bad/app:b")
            && err.contains(&format!("it signs {digest_a}, another artifact")),
        "{err}"
    );

    // A signature that is not base64, and a corrupt public key file.
    put_signatures(
        &reg,
        "bad/app",
        &digest_b,
        &[(payload_a.clone(), "%%%".into())],
    );
    let err = refused(&kzr(&["pull", "artifact", &b, "--cosign-key", &public]));
    assert!(err.contains("not base64"), "{err}");
    let corrupt = dir.path().join("corrupt.pub");
    std::fs::write(
        &corrupt,
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZI\n-----END PUBLIC KEY-----\n",
    )
    .unwrap();
    let err = refused(&kzr(&[
        "pull",
        "artifact",
        &a,
        "--cosign-key",
        corrupt.to_str().unwrap(),
    ]));
    assert!(err.contains(corrupt.to_str().unwrap()), "{err}");

    // `diff artifact` verifies too.
    let out = kzr(&["diff", "artifact", &a, &b, "--cosign-key", &public]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
}

#[test]
fn copies_keep_signatures_verifiable() {
    let reg = TestRegistry::start();
    let other = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let (key, public) = openssl_keys(dir.path(), "a");
    let src = reg.url("src/app:v1");
    let digest = push(
        &src,
        &app_file(dir.path(), "fast"),
        &["--cosign-key", &key],
        &[],
    );
    let sig_digest = |url: &str| {
        let t = ArtifactRef::parse(url).unwrap();
        let r = Registry::new(&[&t], &Options::default()).unwrap();
        block_on(r.manifest(&t)).unwrap().1
    };
    let original = sig_digest(&reg.url(&format!("src/app:{}", sig_tag(&digest))));
    for dest in [reg.url("mirror/app:v1"), other.url("mirror/app:v1")] {
        let out = ok(&kzr(&["copy", "artifact", &src, &dest]));
        assert!(out.trim().ends_with(&digest), "{out}");
        ok(&kzr(&[
            "pull",
            "artifact",
            &dest,
            "--verify",
            "--cosign-key",
            &public,
        ]));
        let copied = dest.replace(":v1", &format!(":{}", sig_tag(&digest)));
        assert_eq!(
            sig_digest(&copied),
            original,
            "the signature manifest is unchanged"
        );
    }
    // An unsigned artifact copies as before.
    let plain = reg.url("src/plain:v1");
    push(&plain, &app_file(dir.path(), "plain"), &[], &[]);
    ok(&kzr(&[
        "copy",
        "artifact",
        &plain,
        &other.url("mirror/plain:v1"),
    ]));

    // The sync job copies signatures too, across registries (two clients).
    let built = push(
        &reg.url("org1/app1:bld1"),
        &app_file(dir.path(), "built"),
        &["--cosign-key", &key],
        &[],
    );
    let host = |r: &TestRegistry| format!("127.0.0.1:{}", r.port);
    let p = plan(
        dir.path(),
        "sync-platform.json",
        &[
            ("SRC_REGISTRY", &host(&reg)),
            ("DST_REGISTRY", &host(&other)),
            ("USER", "user"),
            ("PASSWORD", "password"),
        ],
    );
    let out = kzr(&["copy", "artifact", "--sync-plan", &p, "-o", "json"]);
    let v: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(v["digest"], built);
    assert!(
        v["signature"].as_str().unwrap().ends_with(&sig_tag(&built)),
        "{v}"
    );
    ok(&kzr(&[
        "pull",
        "artifact",
        &other.url("inst1/web:dpl1"),
        "--cosign-key",
        &public,
    ]));
}

#[test]
fn keyless_runs_cosign_or_says_what_to_install() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let url = reg.url("kl/app:v1");
    let digest = push(&url, &app_file(dir.path(), "fast"), &[], &[]);
    // No cosign on PATH.
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    for args in [
        &["pull", "artifact", url.as_str(), "--verify"][..],
        &[
            "push",
            "artifact",
            url.as_str(),
            "-f",
            "/dev/null",
            "--allow-empty",
            "--sign",
        ][..],
    ] {
        let err = refused(&kzr_env(args, &[("PATH", path)]));
        assert!(
            err.contains("kl/app:v1") && err.contains("install cosign, or pass --cosign-key"),
            "{err}"
        );
    }
    // A stand-in cosign that records its arguments, then answers as told.
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("args");
    let script = bin.path().join("cosign");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$COSIGN_EXPERIMENTAL $*\" >> {}\necho '[{{\"critical\":{{}}}}]'\nif [ -n \"$FAIL\" ]; then echo 'Error: no matching signatures' >&2; exit 1; fi\n",
            log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    let pulled = ok(&kzr_env(
        &["pull", "artifact", &url, "--verify"],
        &[("PATH", &path)],
    ));
    assert!(
        pulled.starts_with("apiVersion"),
        "cosign's output is not passed on: {pulled}"
    );
    let args = std::fs::read_to_string(&log).unwrap();
    assert!(
        args.starts_with("true verify --timeout=")
            && args
                .trim_end()
                .ends_with(&format!("{}@{digest}", reg.host_path("kl/app"))),
        "{args}"
    );
    let err = refused(&kzr_env(
        &["inspect", "artifact", &url, "--verify"],
        &[("PATH", &path), ("FAIL", "1")],
    ));
    assert!(
        err.contains("cosign verify failed: Error: no matching signatures"),
        "{err}"
    );
}

#[test]
fn apply_and_deploy_jobs_verify_before_touching_the_cluster() {
    let reg = TestRegistry::start();
    let dir = tempfile::tempdir().unwrap();
    let (key, public) = openssl_keys(dir.path(), "a");
    let (_, wrong) = openssl_keys(dir.path(), "b");
    let url = reg.url("inst1/web:dpl1");
    let digest = push(
        &url,
        &app_file(dir.path(), "fast"),
        &["--cosign-key", &key],
        &[],
    );
    let server = TestApiServer::start();
    let kubeconfig = server.kubeconfig();
    let kubeconfig = kubeconfig.to_str().unwrap();
    for verb in ["apply", "plan", "diff"] {
        let mut args = vec![
            verb,
            "app",
            "-a",
            url.as_str(),
            "--cosign-key",
            wrong.as_str(),
            "--kubeconfig",
            kubeconfig,
        ];
        if verb == "apply" {
            args.push("--wait=false");
        }
        let out = kzr(&args);
        let err = text(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{verb}: {err}");
        assert!(out.stdout.is_empty(), "{verb}: {}", text(&out.stdout));
        assert!(
            err.contains("does not verify with the key"),
            "{verb}: {err}"
        );
    }
    assert_eq!(server.writes(), 0, "a refused deploy wrote to the cluster");
    let err = refused(&kzr(&[
        "apply",
        "app",
        "-f",
        "/dev/null",
        "--verify",
        "--kubeconfig",
        kubeconfig,
    ]));
    assert!(err.contains("give one with -a"), "{err}");
    assert_eq!(server.writes(), 0);

    // A deploy job: the plan's artifact, verified with --cosign-key.
    server.insert(
        serde_json::json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "inst1-apps"}}),
        "kubectl-create",
        "Update",
    );
    let writes = server.writes();
    let kubeconfig_json =
        serde_json::to_string(&std::fs::read_to_string(server.kubeconfig()).unwrap()).unwrap();
    let p = plan(
        dir.path(),
        "deploy-platform.json",
        &[
            ("REGISTRY", &format!("127.0.0.1:{}", reg.port)),
            ("USER", "user"),
            ("PASSWORD", "password"),
            ("DIGEST", &digest),
            ("KUBECONFIG", &kubeconfig_json),
        ],
    );
    let job = |key: &str| {
        kzr(&[
            "apply",
            "--deploy-plan",
            &p,
            "--cosign-key",
            key,
            "-o",
            "json",
            "--wait=false",
        ])
    };
    let out = job(&wrong);
    let err = refused(&out);
    assert!(err.contains("does not verify with the key"), "{err}");
    assert!(
        text(&out.stderr).contains("hint: check that --cosign-key is the public key"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(server.writes(), writes, "a refused deploy job wrote");
    ok(&job(&public));
    assert!(server
        .object("v1", "ConfigMap", Some("inst1-apps"), "settings")
        .is_some());
}
