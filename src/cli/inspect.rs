//! `kzr inspect artifact`: metadata, objects and container images of an artifact.

use super::registry_flags::{pull_all_verified, ReadFlags, RegistryFlags, TimeoutFlag};
use super::{print_result, GlobalArgs};
use crate::artifact;
use crate::object;
use crate::signature::Verified;
use clap::{Args, Subcommand};
use std::fmt::Write;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum InspectCommand {
    /// Show an artifact's metadata, objects and container images
    #[command(
        after_help = "Examples:\n  kzr inspect artifact oci://ghcr.io/org/app:1.0.0\n  kzr inspect artifact oci://ghcr.io/org/app:1.0.0 --verify --cosign-key cosign.pub"
    )]
    Artifact(InspectArgs),
    /// Show an inventory: when and from what it was applied, and the objects it lists
    #[command(after_help = "Example:\n  kzr inspect inventory my-app -n prod")]
    Inventory(InspectInventoryArgs),
}

#[derive(Debug, Args)]
pub struct InspectInventoryArgs {
    /// Inventory name
    #[arg(value_name = "NAME")]
    pub name: String,
    #[command(flatten)]
    pub cluster: super::cluster_flags::ClusterFlags,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// oci://REGISTRY/REPOSITORY[:TAG][@DIGEST], oci-layout:DIR[:TAG|@DIGEST] or
    /// oci-archive:FILE.tar[:TAG]
    #[arg(value_name = "URL")]
    pub url: String,
    #[command(flatten)]
    pub read: ReadFlags,
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[command(flatten)]
    pub timeout: TimeoutFlag,
}

pub fn run(cmd: &InspectCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let args = match cmd {
        InspectCommand::Artifact(args) => args,
        InspectCommand::Inventory(args) => return inventory(args, global),
    };
    let (artifact, pulled, verified) = pull_all_verified(
        &[&args.url],
        &args.read,
        &args.registry.options(args.timeout.deadline()),
    )?
    .pop()
    .ok_or_else(|| anyhow::anyhow!("nothing pulled"))?;
    let fingerprint = verified.as_ref().and_then(|v| v.key_fingerprint.clone());
    let objects = object::read_objects(&pulled.content, &artifact.to_string())
        .map_err(crate::error::Error::from)?;
    let ids: Vec<String> = objects.iter().map(|o| o.id().to_string()).collect();
    let images = artifact::container_images(&objects);
    let url = artifact.digest_url(&pulled.digest);
    let annotations = &pulled.manifest.annotations;
    let mut value = serde_json::json!({
        "url": url,
        "digest": pulled.digest,
        "format": format!("{:?}", pulled.manifest.format).to_lowercase(),
        "annotations": annotations,
        "layers": artifact::describe_layers(&pulled.manifest),
        "objects": ids,
        "images": images,
    });
    if verified.is_some() {
        value["verifiedBy"] = serde_json::json!(Verified::BY);
        value["keyFingerprint"] = serde_json::json!(fingerprint);
    }
    print_result(global, &value, || {
        let mut s = format!("Artifact: {}\n", crate::registry::with_scheme(&url));
        let rows = [
            ("BuiltBy", artifact::VERSION_ANNOTATION, "kzr/v"),
            ("CreatedAt", artifact::CREATED_ANNOTATION, ""),
            ("Checksum", artifact::CHECKSUM_ANNOTATION, ""),
            ("Source", artifact::SOURCE_ANNOTATION, ""),
            ("Revision", artifact::REVISION_ANNOTATION, ""),
        ];
        for (label, key, prefix) in rows {
            if let Some(v) = annotations.get(key) {
                let _ = writeln!(s, "{label}: {prefix}{v}");
            }
            // kustomizer prints VerifiedBy right after BuiltBy.
            if label == "BuiltBy" && verified.is_some() {
                let _ = writeln!(s, "VerifiedBy: {}", Verified::BY);
                if let Some(f) = &fingerprint {
                    let _ = writeln!(s, "KeyFingerprint: {f}");
                }
            }
        }
        let _ = writeln!(s, "Resources:");
        for id in &ids {
            let _ = writeln!(s, "- {id}");
        }
        if !images.is_empty() {
            let _ = writeln!(s, "Images:");
            for i in &images {
                let _ = writeln!(s, "- {i}");
            }
        }
        s
    })?;
    Ok(ExitCode::SUCCESS)
}

fn inventory(args: &InspectInventoryArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    use super::cluster_flags::run_async;
    let inv = run_async(async {
        let session = args.cluster.connect().await?;
        let (_, namespace) = args.cluster.namespaces(&session);
        session
            .read_inventory(&args.name, &namespace)
            .await?
            .ok_or_else(|| {
                anyhow::Error::new(crate::cluster::ClusterError::InventoryNotFound {
                    namespace,
                    name: args.name.clone(),
                })
            })
    })?;
    let ids: Vec<String> = inv.entries.iter().map(|e| e.to_string()).collect();
    let p = &inv.provenance;
    let value = serde_json::json!({"name": inv.name, "namespace": inv.namespace,
        "lastAppliedTime": p.last_applied_time, "source": p.source, "revision": p.revision,
        "artifact": p.artifact, "checksum": p.checksum, "resources": ids});
    print_result(global, &value, || {
        let mut s = format!("Inventory: {}/{}\n", inv.namespace, inv.name);
        for (label, value) in [
            ("LastAppliedAt", &p.last_applied_time),
            ("Source", &p.source),
            ("Revision", &p.revision),
            ("Checksum", &p.checksum),
        ] {
            if !value.is_empty() {
                let _ = writeln!(s, "{label}: {value}");
            }
        }
        if !p.artifact.is_empty() {
            s.push_str("Artifacts:\n");
            for a in p.artifact.split(',') {
                let _ = writeln!(s, "- {}", crate::registry::with_scheme(a));
            }
        }
        s.push_str("Resources:\n");
        for id in &ids {
            let _ = writeln!(s, "- {id}");
        }
        s
    })?;
    Ok(ExitCode::SUCCESS)
}
