//! Readiness by kstatus rules (docs/deploy.md, "Readiness (kstatus)"): whether an object has
//! reached its desired state, and if not, why.

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub enum Status {
    Current,
    InProgress,
    Failed,
    Terminating,
    NotFound,
}

/// The status of an object and a short reason when it is not `Current`.
pub fn compute(obj: &Value) -> (Status, String) {
    let meta = &obj["metadata"];
    if !meta["deletionTimestamp"].is_null() {
        return (Status::Terminating, "being deleted".into());
    }
    let status = &obj["status"];
    if let (Some(gen), Some(observed)) = (
        meta["generation"].as_i64(),
        status["observedGeneration"].as_i64(),
    ) {
        if gen != observed {
            return (
                Status::InProgress,
                format!("generation {gen} not yet observed (at {observed})"),
            );
        }
    }
    if condition(status, "Reconciling").is_some_and(|c| c.status == "True") {
        return (Status::InProgress, condition_text(status, "Reconciling"));
    }
    if condition(status, "Stalled").is_some_and(|c| c.status == "True") {
        return (Status::Failed, condition_text(status, "Stalled"));
    }
    let group = obj["apiVersion"]
        .as_str()
        .and_then(|a| a.split_once('/').map(|(g, _)| g))
        .unwrap_or("");
    match (group, obj["kind"].as_str().unwrap_or("")) {
        ("apps", "Deployment") => deployment(obj),
        ("apps", "StatefulSet") => statefulset(obj),
        ("apps", "DaemonSet") => daemonset(obj),
        ("apps", "ReplicaSet") => replicaset(obj),
        ("", "Pod") => pod(obj),
        ("", "PersistentVolumeClaim") => match status["phase"].as_str() {
            Some("Bound") => current(),
            phase => (
                Status::InProgress,
                format!("phase {}", phase.unwrap_or("unknown")),
            ),
        },
        ("", "Service") => {
            let lb = obj["spec"]["type"].as_str() == Some("LoadBalancer");
            let no_ip = obj["spec"]["clusterIP"].as_str().unwrap_or("").is_empty();
            if lb && no_ip {
                (Status::InProgress, "cluster IP not allocated".into())
            } else {
                current()
            }
        }
        ("batch", "Job") => job(obj),
        ("apiextensions.k8s.io", "CustomResourceDefinition") => crd(obj),
        ("", "ConfigMap") | ("", "Secret") | ("batch", "CronJob") | ("policy", _) => current(),
        _ => generic(obj),
    }
}

fn current() -> (Status, String) {
    (Status::Current, String::new())
}

struct Condition<'a> {
    status: &'a str,
    reason: &'a str,
    message: &'a str,
}

fn condition<'a>(status: &'a Value, kind: &str) -> Option<Condition<'a>> {
    status["conditions"].as_array()?.iter().find_map(|c| {
        (c["type"].as_str() == Some(kind)).then(|| Condition {
            status: c["status"].as_str().unwrap_or(""),
            reason: c["reason"].as_str().unwrap_or(""),
            message: c["message"].as_str().unwrap_or(""),
        })
    })
}

fn condition_text(status: &Value, kind: &str) -> String {
    match condition(status, kind) {
        Some(c) if !c.message.is_empty() => format!("{kind}: {}", c.message),
        Some(c) if !c.reason.is_empty() => format!("{kind}: {}", c.reason),
        _ => kind.to_string(),
    }
}

fn int(v: &Value) -> i64 {
    v.as_i64().unwrap_or(0)
}

fn deployment(obj: &Value) -> (Status, String) {
    let (spec, status) = (&obj["spec"], &obj["status"]);
    if condition(status, "Progressing").is_some_and(|c| c.reason == "ProgressDeadlineExceeded") {
        return (Status::Failed, "progress deadline exceeded".into());
    }
    let want = spec["replicas"].as_i64().unwrap_or(1);
    let (replicas, updated, ready, available) = (
        int(&status["replicas"]),
        int(&status["updatedReplicas"]),
        int(&status["readyReplicas"]),
        int(&status["availableReplicas"]),
    );
    if updated < want {
        return (
            Status::InProgress,
            format!("{updated} of {want} replicas updated"),
        );
    }
    if replicas > updated {
        return (
            Status::InProgress,
            format!("{} old replicas pending termination", replicas - updated),
        );
    }
    if available < updated {
        return (
            Status::InProgress,
            format!("{available} of {updated} updated replicas available"),
        );
    }
    if ready < want {
        return (
            Status::InProgress,
            format!("{ready} of {want} replicas ready"),
        );
    }
    let progressing_done = spec["progressDeadlineSeconds"].is_null()
        || condition(status, "Progressing")
            .is_some_and(|c| c.reason == "NewReplicaSetAvailable" || c.status == "True");
    let available_ok = condition(status, "Available").is_some_and(|c| c.status == "True");
    if !(progressing_done && available_ok) {
        return (Status::InProgress, "rollout not finished".into());
    }
    current()
}

fn statefulset(obj: &Value) -> (Status, String) {
    let (spec, status) = (&obj["spec"], &obj["status"]);
    if spec["updateStrategy"]["type"].as_str() == Some("OnDelete") {
        return current();
    }
    let want = spec["replicas"].as_i64().unwrap_or(1);
    let ready = int(&status["readyReplicas"]);
    if ready < want {
        return (
            Status::InProgress,
            format!("{ready} of {want} replicas ready"),
        );
    }
    let partition = int(&spec["updateStrategy"]["rollingUpdate"]["partition"]);
    if partition == 0 {
        let current_rev = status["currentRevision"].as_str().unwrap_or("");
        let update_rev = status["updateRevision"].as_str().unwrap_or("");
        if current_rev != update_rev {
            return (Status::InProgress, "rolling update in progress".into());
        }
    } else if int(&status["updatedReplicas"]) < want - partition {
        return (Status::InProgress, "partitioned rollout in progress".into());
    }
    current()
}

fn daemonset(obj: &Value) -> (Status, String) {
    let status = &obj["status"];
    let desired = int(&status["desiredNumberScheduled"]);
    for (field, what) in [
        ("currentNumberScheduled", "scheduled"),
        ("updatedNumberScheduled", "updated"),
        ("numberAvailable", "available"),
        ("numberReady", "ready"),
    ] {
        let n = int(&status[field]);
        if n < desired {
            return (Status::InProgress, format!("{n} of {desired} pods {what}"));
        }
    }
    current()
}

fn replicaset(obj: &Value) -> (Status, String) {
    let status = &obj["status"];
    if condition(status, "ReplicaFailure").is_some_and(|c| c.status == "True") {
        return (Status::InProgress, condition_text(status, "ReplicaFailure"));
    }
    let want = obj["spec"]["replicas"].as_i64().unwrap_or(1);
    let ready = int(&status["readyReplicas"]);
    let available = int(&status["availableReplicas"]);
    if ready < want || available < want {
        return (
            Status::InProgress,
            format!("{ready} of {want} replicas ready"),
        );
    }
    current()
}

fn pod(obj: &Value) -> (Status, String) {
    let status = &obj["status"];
    match status["phase"].as_str() {
        Some("Succeeded") | Some("Failed") => current(),
        Some("Running") if condition(status, "Ready").is_some_and(|c| c.status == "True") => {
            current()
        }
        phase => {
            let crashing = status["containerStatuses"].as_array().is_some_and(|cs| {
                cs.iter()
                    .any(|c| c["state"]["waiting"]["reason"].as_str() == Some("CrashLoopBackOff"))
            });
            if crashing {
                (Status::Failed, "container in CrashLoopBackOff".into())
            } else {
                (
                    Status::InProgress,
                    format!("phase {}", phase.unwrap_or("Pending")),
                )
            }
        }
    }
}

fn job(obj: &Value) -> (Status, String) {
    let status = &obj["status"];
    if condition(status, "Complete").is_some_and(|c| c.status == "True") {
        return current();
    }
    if condition(status, "Failed").is_some_and(|c| c.status == "True") {
        return (Status::Failed, condition_text(status, "Failed"));
    }
    if status["startTime"].is_null() {
        return (Status::InProgress, "job not started".into());
    }
    current()
}

fn crd(obj: &Value) -> (Status, String) {
    let status = &obj["status"];
    if condition(status, "NamesAccepted").is_some_and(|c| c.status == "False") {
        return (Status::Failed, condition_text(status, "NamesAccepted"));
    }
    if condition(status, "Established").is_some_and(|c| c.status == "True") {
        return current();
    }
    (Status::InProgress, "not established yet".into())
}

fn generic(obj: &Value) -> (Status, String) {
    let status = &obj["status"];
    if obj["kind"].as_str() == Some("Namespace") {
        return match status["phase"].as_str() {
            Some("Terminating") => (Status::Terminating, "namespace terminating".into()),
            _ => current(),
        };
    }
    match condition(status, "Ready") {
        Some(c) if c.status == "True" => current(),
        Some(_) => (Status::InProgress, condition_text(status, "Ready")),
        None => current(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn deployment_rules() {
        let ready = json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"generation": 2}, "spec": {"replicas": 2, "progressDeadlineSeconds": 600},
            "status": {"observedGeneration": 2, "replicas": 2, "updatedReplicas": 2,
                "readyReplicas": 2, "availableReplicas": 2, "conditions": [
                {"type": "Available", "status": "True"},
                {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}});
        assert_eq!(compute(&ready).0, Status::Current);
        let mut stale = ready.clone();
        stale["status"]["observedGeneration"] = json!(1);
        assert_eq!(compute(&stale).0, Status::InProgress);
        let mut short = ready.clone();
        short["status"]["readyReplicas"] = json!(1);
        let (s, why) = compute(&short);
        assert_eq!(s, Status::InProgress);
        assert_eq!(why, "1 of 2 replicas ready");
        let mut failed = ready;
        failed["status"]["conditions"][1]["reason"] = json!("ProgressDeadlineExceeded");
        assert_eq!(compute(&failed).0, Status::Failed);
    }

    #[test]
    fn other_kinds() {
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}});
        assert_eq!(compute(&cm).0, Status::Current);
        let crd = json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {}, "status": {"conditions": [{"type": "Established", "status": "False"}]}});
        assert_eq!(compute(&crd).0, Status::InProgress);
        let deleting = json!({"kind": "Secret", "metadata": {"deletionTimestamp": "x"}});
        assert_eq!(compute(&deleting).0, Status::Terminating);
        let custom = json!({"apiVersion": "x.io/v1", "kind": "Thing", "metadata": {},
            "status": {"conditions": [{"type": "Ready", "status": "False", "message": "waiting for db"}]}});
        assert_eq!(
            compute(&custom),
            (Status::InProgress, "Ready: waiting for db".into())
        );
        let job = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {},
            "status": {"conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}]}});
        assert_eq!(compute(&job).0, Status::Failed);
        let pvc = json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {}, "status": {"phase": "Pending"}});
        assert_eq!(compute(&pvc).0, Status::InProgress);
    }
}
