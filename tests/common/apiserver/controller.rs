//! Controller simulation: the status the cluster's controllers would eventually write for a
//! workload (ready, or stuck when stalled), and CRD establishment.

use super::discovery::ResourceInfo;
use super::util::{get, get_str};
use serde_json::{json, Value};

fn hash_suffix(obj: &Value) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    obj.pointer("/spec/template")
        .map(|t| t.to_string())
        .hash(&mut h);
    let alpha = b"bcdfghjklmnpqrstvwxz2456789";
    let mut n = h.finish();
    (0..10)
        .map(|_| {
            let c = alpha[(n % alpha.len() as u64) as usize] as char;
            n /= alpha.len() as u64;
            c
        })
        .collect()
}

fn condition(typ: &str, status: &str, reason: &str, message: &str, now: &str) -> Value {
    json!({
        "type": typ,
        "status": status,
        "lastUpdateTime": now,
        "lastTransitionTime": now,
        "reason": reason,
        "message": message,
    })
}

/// Keeps a condition's timestamps when its status did not change (controllers only move
/// lastTransitionTime on transitions).
fn keep_times(old: Option<&Value>, mut new: Value) -> Value {
    let Some(old_conds) = old
        .and_then(|s| s.get("conditions"))
        .and_then(Value::as_array)
    else {
        return new;
    };
    if let Some(conds) = new.get_mut("conditions").and_then(Value::as_array_mut) {
        for c in conds.iter_mut() {
            let typ = c.get("type").cloned();
            if let Some(o) = old_conds.iter().find(|o| o.get("type") == typ.as_ref()) {
                let same_status = o.get("status") == c.get("status");
                let same = same_status
                    && o.get("reason") == c.get("reason")
                    && o.get("message") == c.get("message");
                if same_status {
                    if let Some(v) = o.get("lastTransitionTime") {
                        c["lastTransitionTime"] = v.clone();
                    }
                }
                if same {
                    for t in ["lastUpdateTime", "lastProbeTime"] {
                        if let (Some(v), true) = (o.get(t), c.get(t).is_some()) {
                            c[t] = v.clone();
                        }
                    }
                }
            }
        }
    }
    new
}

fn int(v: Option<&Value>, default: i64) -> i64 {
    v.and_then(Value::as_i64).unwrap_or(default)
}

/// The status controllers would converge to; `None` when no controller writes one.
pub fn desired_status(r: &ResourceInfo, obj: &Value, stalled: bool, now: &str) -> Option<Value> {
    if r.crd.is_some() {
        return None;
    }
    let name = get_str(obj, &["metadata", "name"]).unwrap_or("");
    let generation = int(get(obj, &["metadata", "generation"]), 1);
    let replicas = int(get(obj, &["spec", "replicas"]), 1);
    let old = obj.get("status");
    let status = match r.kind.as_str() {
        "Deployment" => {
            let rs = format!("{name}-{}", hash_suffix(obj));
            let mut s = serde_json::Map::new();
            s.insert("observedGeneration".into(), json!(generation));
            if replicas > 0 {
                s.insert("replicas".into(), json!(replicas));
                s.insert("updatedReplicas".into(), json!(replicas));
            }
            if stalled {
                if replicas > 0 {
                    s.insert("unavailableReplicas".into(), json!(replicas));
                }
                s.insert(
                    "conditions".into(),
                    json!([
                        condition(
                            "Available",
                            "False",
                            "MinimumReplicasUnavailable",
                            "Deployment does not have minimum availability.",
                            now
                        ),
                        condition(
                            "Progressing",
                            "True",
                            "ReplicaSetUpdated",
                            &format!("ReplicaSet \"{rs}\" is progressing."),
                            now
                        ),
                    ]),
                );
            } else {
                if replicas > 0 {
                    s.insert("readyReplicas".into(), json!(replicas));
                    s.insert("availableReplicas".into(), json!(replicas));
                }
                s.insert(
                    "conditions".into(),
                    json!([
                        condition(
                            "Available",
                            "True",
                            "MinimumReplicasAvailable",
                            "Deployment has minimum availability.",
                            now
                        ),
                        condition(
                            "Progressing",
                            "True",
                            "NewReplicaSetAvailable",
                            &format!("ReplicaSet \"{rs}\" has successfully progressed."),
                            now
                        ),
                    ]),
                );
            }
            Value::Object(s)
        }
        "StatefulSet" => {
            if stalled {
                return None;
            }
            let rev = format!("{name}-{}", &hash_suffix(obj)[..10]);
            json!({
                "observedGeneration": generation,
                "replicas": replicas,
                "readyReplicas": replicas,
                "currentReplicas": replicas,
                "updatedReplicas": replicas,
                "availableReplicas": replicas,
                "currentRevision": rev,
                "updateRevision": rev,
                "collisionCount": 0,
            })
        }
        "DaemonSet" => {
            if stalled {
                return None;
            }
            json!({
                "currentNumberScheduled": 1,
                "numberMisscheduled": 0,
                "desiredNumberScheduled": 1,
                "numberReady": 1,
                "observedGeneration": generation,
                "updatedNumberScheduled": 1,
                "numberAvailable": 1,
            })
        }
        "ReplicaSet" => {
            if stalled {
                return None;
            }
            json!({
                "replicas": replicas,
                "fullyLabeledReplicas": replicas,
                "readyReplicas": replicas,
                "availableReplicas": replicas,
                "observedGeneration": generation,
            })
        }
        "Job" => {
            if get(obj, &["spec", "suspend"]) == Some(&json!(true)) {
                return None;
            }
            if stalled {
                json!({"startTime": old.and_then(|o| o.get("startTime")).cloned().unwrap_or(json!(now)), "active": 1, "ready": 0, "terminating": 0, "uncountedTerminatedPods": {}})
            } else {
                let completions = int(get(obj, &["spec", "completions"]), 1);
                let start = old
                    .and_then(|o| o.get("startTime"))
                    .cloned()
                    .unwrap_or(json!(now));
                let cond = |t: &str, reason: &str, msg: &str| json!({"type": t, "status": "True", "lastProbeTime": now, "lastTransitionTime": now, "reason": reason, "message": msg});
                json!({
                    "conditions": [
                        cond("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"),
                        cond("Complete", "CompletionsReached", "Reached expected number of succeeded pods"),
                    ],
                    "startTime": start,
                    "completionTime": old.and_then(|o| o.get("completionTime")).cloned().unwrap_or(json!(now)),
                    "succeeded": completions,
                    "terminating": 0,
                    "uncountedTerminatedPods": {},
                    "ready": 0,
                })
            }
        }
        "PersistentVolumeClaim" => {
            if stalled {
                json!({"phase": "Pending"})
            } else {
                let mut s = json!({
                    "phase": "Bound",
                    "accessModes": get(obj, &["spec", "accessModes"]).cloned().unwrap_or(json!(["ReadWriteOnce"])),
                });
                if let Some(q) = get(obj, &["spec", "resources", "requests", "storage"]) {
                    s["capacity"] = json!({"storage": q});
                }
                s
            }
        }
        "Pod" => {
            if stalled {
                json!({"phase": "Pending", "qosClass": "BestEffort"})
            } else {
                let cond = |t: &str| json!({"type": t, "status": "True", "lastProbeTime": null, "lastTransitionTime": now});
                let statuses: Vec<Value> = obj
                    .pointer("/spec/containers")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|c| {
                        json!({
                            "name": c.get("name").cloned().unwrap_or(json!("")),
                            "state": {"running": {"startedAt": now}},
                            "ready": true,
                            "restartCount": 0,
                            "image": c.get("image").cloned().unwrap_or(json!("")),
                            "imageID": "",
                            "started": true,
                        })
                    })
                    .collect();
                json!({
                    "phase": "Running",
                    "conditions": [cond("PodReadyToStartContainers"), cond("Initialized"), cond("Ready"), cond("ContainersReady"), cond("PodScheduled")],
                    "hostIP": "172.18.0.2",
                    "podIP": "10.244.0.10",
                    "startTime": old.and_then(|o| o.get("startTime")).cloned().unwrap_or(json!(now)),
                    "containerStatuses": statuses,
                    "qosClass": "BestEffort",
                })
            }
        }
        "PodDisruptionBudget" => {
            if stalled {
                return None;
            }
            json!({
                "observedGeneration": generation,
                "disruptionsAllowed": 0,
                "currentHealthy": 0,
                "desiredHealthy": 0,
                "expectedPods": 0,
                "conditions": [{"type": "DisruptionAllowed", "status": "False", "observedGeneration": generation, "lastTransitionTime": now, "reason": "InsufficientPods", "message": ""}],
            })
        }
        _ => return None,
    };
    let mut status = keep_times(old, status);
    super::util::drop_nulls(&mut status);
    Some(status)
}

/// The status kube-apiserver's CRD controllers write once names are accepted.
pub fn established_status(crd: &Value, now: &str) -> Value {
    let names = crd.pointer("/spec/names").cloned().unwrap_or(json!({}));
    let stored = crd
        .pointer("/status/storedVersions")
        .cloned()
        .unwrap_or(json!([]));
    json!({
        "conditions": [
            {"type": "NamesAccepted", "status": "True", "lastTransitionTime": now, "reason": "NoConflicts", "message": "no conflicts found"},
            {"type": "Established", "status": "True", "lastTransitionTime": now, "reason": "InitialNamesAccepted", "message": "the initial names have been accepted"},
        ],
        "acceptedNames": names,
        "storedVersions": stored,
    })
}
