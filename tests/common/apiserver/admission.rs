//! What happens to an object between decoding and storage: defaulting (as decoding does),
//! the registry strategies (PrepareForCreate/Update: status reset, generation, system
//! metadata), and validation with the real messages.

use super::discovery::ResourceInfo;
use super::status::{ApiError, FieldError};
use super::util::{self, default_at, ensure_obj, get, get_str, go_quote};
use base64::Engine;
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------------------
// Defaulting (runs on every decoded object, before managed fields are computed).

pub fn default_object(r: &ResourceInfo, obj: &mut Value) {
    if r.crd.is_some() {
        if let Some(schema) = &r.schema {
            crd_prune_and_default(schema, obj, true);
        }
        return;
    }
    let kind = r.kind.as_str();
    match kind {
        "Pod" => {
            if let Some(spec) = obj.get_mut("spec") {
                default_pod_spec(spec);
                default_at(spec, &["enableServiceLinks"], json!(true));
            }
        }
        "Deployment" => {
            default_at(obj, &["spec", "replicas"], json!(1));
            let strategy = ensure_obj(obj, &["spec", "strategy"]);
            if !strategy.contains_key("type") {
                strategy.insert("type".into(), json!("RollingUpdate"));
            }
            if strategy.get("type") == Some(&json!("RollingUpdate")) {
                let ru = strategy
                    .entry("rollingUpdate")
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .unwrap();
                ru.entry("maxUnavailable").or_insert(json!("25%"));
                ru.entry("maxSurge").or_insert(json!("25%"));
            }
            default_at(obj, &["spec", "revisionHistoryLimit"], json!(10));
            default_at(obj, &["spec", "progressDeadlineSeconds"], json!(600));
            default_template(obj, &["spec", "template"]);
        }
        "StatefulSet" => {
            default_at(obj, &["spec", "replicas"], json!(1));
            default_at(obj, &["spec", "podManagementPolicy"], json!("OrderedReady"));
            let us = ensure_obj(obj, &["spec", "updateStrategy"]);
            us.entry("type").or_insert(json!("RollingUpdate"));
            if us.get("type") == Some(&json!("RollingUpdate")) {
                us.entry("rollingUpdate")
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .unwrap()
                    .entry("partition")
                    .or_insert(json!(0));
            }
            default_at(obj, &["spec", "revisionHistoryLimit"], json!(10));
            default_at(
                obj,
                &["spec", "persistentVolumeClaimRetentionPolicy"],
                json!({"whenDeleted": "Retain", "whenScaled": "Retain"}),
            );
            default_template(obj, &["spec", "template"]);
        }
        "DaemonSet" => {
            let us = ensure_obj(obj, &["spec", "updateStrategy"]);
            us.entry("type").or_insert(json!("RollingUpdate"));
            if us.get("type") == Some(&json!("RollingUpdate")) {
                let ru = us
                    .entry("rollingUpdate")
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .unwrap();
                ru.entry("maxUnavailable").or_insert(json!(1));
                ru.entry("maxSurge").or_insert(json!(0));
            }
            default_at(obj, &["spec", "revisionHistoryLimit"], json!(10));
            default_template(obj, &["spec", "template"]);
        }
        "ReplicaSet" => {
            default_at(obj, &["spec", "replicas"], json!(1));
            default_template(obj, &["spec", "template"]);
        }
        "Job" => {
            default_job_spec(obj, &["spec"]);
        }
        "CronJob" => {
            default_at(obj, &["spec", "concurrencyPolicy"], json!("Allow"));
            default_at(obj, &["spec", "suspend"], json!(false));
            default_at(obj, &["spec", "successfulJobsHistoryLimit"], json!(3));
            default_at(obj, &["spec", "failedJobsHistoryLimit"], json!(1));
            if get(obj, &["spec", "jobTemplate", "spec"]).is_some() {
                default_job_spec(obj, &["spec", "jobTemplate", "spec"]);
            }
        }
        "Service" => default_service(obj),
        "Secret" => {
            default_at(obj, &["type"], json!("Opaque"));
        }
        "PersistentVolumeClaim" => {
            default_at(obj, &["spec", "volumeMode"], json!("Filesystem"));
        }
        "Namespace" => {
            if let Some(name) = get_str(obj, &["metadata", "name"]).map(String::from) {
                ensure_obj(obj, &["metadata", "labels"])
                    .insert("kubernetes.io/metadata.name".into(), json!(name));
            }
        }
        "RoleBinding" | "ClusterRoleBinding" => {
            if let Some(subjects) = obj.get_mut("subjects").and_then(Value::as_array_mut) {
                for s in subjects.iter_mut().filter_map(Value::as_object_mut) {
                    if !s.contains_key("apiGroup") {
                        let g = match s.get("kind").and_then(Value::as_str) {
                            Some("User" | "Group") => "rbac.authorization.k8s.io",
                            _ => "",
                        };
                        if !g.is_empty() {
                            s.insert("apiGroup".into(), json!(g));
                        }
                    }
                }
            }
        }
        "NetworkPolicy" => {
            if get(obj, &["spec", "policyTypes"]).is_none() {
                let mut types = vec![json!("Ingress")];
                if get(obj, &["spec", "egress"]).is_some() {
                    types.push(json!("Egress"));
                }
                util::set(obj, &["spec", "policyTypes"], Value::Array(types));
            }
            for dir in ["ingress", "egress"] {
                if let Some(rules) = obj
                    .pointer_mut(&format!("/spec/{dir}"))
                    .and_then(Value::as_array_mut)
                {
                    for rule in rules {
                        if let Some(ports) = rule.get_mut("ports").and_then(Value::as_array_mut) {
                            for p in ports.iter_mut().filter_map(Value::as_object_mut) {
                                p.entry("protocol").or_insert(json!("TCP"));
                            }
                        }
                    }
                }
            }
        }
        "MutatingWebhookConfiguration" | "ValidatingWebhookConfiguration" => {
            let mutating = kind == "MutatingWebhookConfiguration";
            if let Some(whs) = obj.get_mut("webhooks").and_then(Value::as_array_mut) {
                for wh in whs.iter_mut() {
                    default_at(wh, &["failurePolicy"], json!("Fail"));
                    default_at(wh, &["matchPolicy"], json!("Equivalent"));
                    default_at(wh, &["namespaceSelector"], json!({}));
                    default_at(wh, &["objectSelector"], json!({}));
                    default_at(wh, &["timeoutSeconds"], json!(10));
                    if mutating {
                        default_at(wh, &["reinvocationPolicy"], json!("Never"));
                    }
                    if get(wh, &["clientConfig", "service"]).is_some() {
                        default_at(wh, &["clientConfig", "service", "port"], json!(443));
                    }
                    if let Some(rules) = wh.get_mut("rules").and_then(Value::as_array_mut) {
                        for rule in rules {
                            default_at(rule, &["scope"], json!("*"));
                        }
                    }
                }
            }
        }
        "PriorityClass" => {
            default_at(obj, &["preemptionPolicy"], json!("PreemptLowerPriority"));
        }
        "StorageClass" => {
            default_at(obj, &["reclaimPolicy"], json!("Delete"));
            default_at(obj, &["volumeBindingMode"], json!("Immediate"));
        }
        "CustomResourceDefinition" => {
            default_at(obj, &["spec", "conversion"], json!({"strategy": "None"}));
            if let Some(kind) = get_str(obj, &["spec", "names", "kind"]).map(String::from) {
                default_at(
                    obj,
                    &["spec", "names", "singular"],
                    json!(kind.to_lowercase()),
                );
                default_at(
                    obj,
                    &["spec", "names", "listKind"],
                    json!(format!("{kind}List")),
                );
            }
        }
        "HorizontalPodAutoscaler" => {
            default_at(obj, &["spec", "minReplicas"], json!(1));
            if get(obj, &["spec", "metrics"]).is_none() {
                util::set(
                    obj,
                    &["spec", "metrics"],
                    json!([{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]),
                );
            }
            let b = ensure_obj(obj, &["spec", "behavior"]);
            b.entry("scaleUp").or_insert(json!({
                "stabilizationWindowSeconds": 0,
                "selectPolicy": "Max",
                "policies": [
                    {"type": "Pods", "value": 4, "periodSeconds": 15},
                    {"type": "Percent", "value": 100, "periodSeconds": 15}
                ]
            }));
            b.entry("scaleDown").or_insert(json!({
                "stabilizationWindowSeconds": 300,
                "selectPolicy": "Max",
                "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]
            }));
        }
        _ => {}
    }
}

fn default_job_spec(obj: &mut Value, spec: &[&str]) {
    let p = |k: &'static str| {
        let mut v = spec.to_vec();
        v.push(k);
        v
    };
    if get(obj, &p("completions")).is_none() && get(obj, &p("parallelism")).is_none() {
        util::set(obj, &p("completions"), json!(1));
    }
    default_at(obj, &p("parallelism"), json!(1));
    default_at(obj, &p("backoffLimit"), json!(6));
    default_at(obj, &p("completionMode"), json!("NonIndexed"));
    default_at(obj, &p("suspend"), json!(false));
    default_at(
        obj,
        &p("podReplacementPolicy"),
        json!("TerminatingOrFailed"),
    );
    default_template(obj, &p("template"));
}

fn default_template(obj: &mut Value, template: &[&str]) {
    let mut p = template.to_vec();
    p.push("spec");
    let mut cur = &mut *obj;
    for k in &p {
        match cur.get_mut(*k) {
            Some(v) => cur = v,
            None => return,
        }
    }
    default_pod_spec(cur);
}

fn default_pod_spec(spec: &mut Value) {
    default_at(spec, &["restartPolicy"], json!("Always"));
    default_at(spec, &["terminationGracePeriodSeconds"], json!(30));
    default_at(spec, &["dnsPolicy"], json!("ClusterFirst"));
    default_at(spec, &["securityContext"], json!({}));
    default_at(spec, &["schedulerName"], json!("default-scheduler"));
    for list in ["initContainers", "containers"] {
        if let Some(cs) = spec.get_mut(list).and_then(Value::as_array_mut) {
            for c in cs.iter_mut() {
                default_container(c);
            }
        }
    }
    if let Some(vols) = spec.get_mut("volumes").and_then(Value::as_array_mut) {
        for v in vols.iter_mut() {
            for src in ["configMap", "secret"] {
                if v.get(src).is_some() {
                    default_at(v, &[src, "defaultMode"], json!(420));
                }
            }
            if v.get("projected").is_some() {
                default_at(v, &["projected", "defaultMode"], json!(420));
            }
            let has_source = v.as_object().is_some_and(|m| m.keys().any(|k| k != "name"));
            if !has_source {
                util::set(v, &["emptyDir"], json!({}));
            }
        }
    }
}

fn default_container(c: &mut Value) {
    default_at(
        c,
        &["terminationMessagePath"],
        json!("/dev/termination-log"),
    );
    default_at(c, &["terminationMessagePolicy"], json!("File"));
    if get(c, &["imagePullPolicy"]).is_none() {
        let image = get_str(c, &["image"]).unwrap_or("");
        let last = image.rsplit('/').next().unwrap_or("");
        let tag = if image.contains('@') {
            Some("digest")
        } else {
            last.split_once(':').map(|(_, t)| t)
        };
        let policy = match tag {
            None | Some("latest") => "Always",
            _ => "IfNotPresent",
        };
        util::set(c, &["imagePullPolicy"], json!(policy));
    }
    default_at(c, &["resources"], json!({}));
    if let Some(ports) = c.get_mut("ports").and_then(Value::as_array_mut) {
        for p in ports.iter_mut().filter_map(Value::as_object_mut) {
            p.entry("protocol").or_insert(json!("TCP"));
        }
    }
    if let Some(env) = c.get_mut("env").and_then(Value::as_array_mut) {
        for e in env.iter_mut() {
            if get(e, &["valueFrom", "fieldRef"]).is_some() {
                default_at(e, &["valueFrom", "fieldRef", "apiVersion"], json!("v1"));
            }
        }
    }
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = c.get_mut(probe) {
            default_at(p, &["timeoutSeconds"], json!(1));
            default_at(p, &["periodSeconds"], json!(10));
            default_at(p, &["successThreshold"], json!(1));
            default_at(p, &["failureThreshold"], json!(3));
            if p.get("httpGet").is_some() {
                default_at(p, &["httpGet", "scheme"], json!("HTTP"));
            }
        }
    }
}

fn default_service(obj: &mut Value) {
    default_at(obj, &["spec", "type"], json!("ClusterIP"));
    let typ = get_str(obj, &["spec", "type"])
        .unwrap_or("ClusterIP")
        .to_string();
    default_at(obj, &["spec", "sessionAffinity"], json!("None"));
    if typ != "ExternalName" {
        default_at(obj, &["spec", "internalTrafficPolicy"], json!("Cluster"));
    }
    if typ == "NodePort" || typ == "LoadBalancer" {
        default_at(obj, &["spec", "externalTrafficPolicy"], json!("Cluster"));
    }
    if typ == "LoadBalancer" {
        default_at(obj, &["spec", "allocateLoadBalancerNodePorts"], json!(true));
    }
    if let Some(ports) = obj.pointer_mut("/spec/ports").and_then(Value::as_array_mut) {
        for p in ports.iter_mut().filter_map(Value::as_object_mut) {
            p.entry("protocol").or_insert(json!("TCP"));
            if !p.contains_key("targetPort") {
                if let Some(port) = p.get("port").cloned() {
                    p.insert("targetPort".into(), port);
                }
            }
        }
    }
}

/// Secret `stringData` is merged into `data` (base64) and dropped, as conversion does.
pub fn convert_secret(obj: &mut Value) {
    let Some(sd) = obj
        .as_object_mut()
        .and_then(|m| m.shift_remove("stringData"))
    else {
        return;
    };
    if let Some(sd) = sd.as_object() {
        let data = ensure_obj(obj, &["data"]);
        for (k, v) in sd {
            let s = util::scalar_string(v);
            data.insert(
                k.clone(),
                json!(base64::engine::general_purpose::STANDARD.encode(s.as_bytes())),
            );
        }
    }
}

/// Structural-schema pruning and defaulting of a custom resource.
pub fn crd_prune_and_default(schema: &Value, v: &mut Value, root: bool) {
    match v {
        Value::Object(m) => {
            let preserve = schema
                .get("x-kubernetes-preserve-unknown-fields")
                .and_then(Value::as_bool)
                == Some(true);
            let props = schema.get("properties").and_then(Value::as_object);
            let additional = schema.get("additionalProperties").filter(|a| a.is_object());
            if let Some(props) = props {
                for (k, ps) in props {
                    if root && matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                        continue;
                    }
                    if !m.contains_key(k) {
                        if let Some(d) = ps.get("default") {
                            m.insert(k.clone(), d.clone());
                        }
                    }
                }
            }
            let keys: Vec<String> = m.keys().cloned().collect();
            for k in keys {
                if root && matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                    continue;
                }
                let child_schema = props.and_then(|p| p.get(&k)).or(additional);
                match child_schema {
                    Some(cs) => crd_prune_and_default(cs, m.get_mut(&k).unwrap(), false),
                    None if preserve => {}
                    None => {
                        m.shift_remove(&k);
                    }
                }
            }
        }
        Value::Array(a) => {
            if let Some(items) = schema.get("items") {
                for i in a.iter_mut() {
                    crd_prune_and_default(items, i, false);
                }
            }
        }
        _ => {}
    }
}

/// The zero value of a built-in type as the field manager sees it when a write creates an
/// object: non-pointer struct fields are present (as empty maps), so a create's Update entry
/// has no `.` for them.
pub fn zero_object(r: &ResourceInfo) -> Value {
    if r.crd.is_some() {
        return json!({});
    }
    let template = json!({"metadata": {}, "spec": {"containers": null}});
    match r.kind.as_str() {
        "Deployment" => {
            json!({"metadata": {}, "spec": {"template": template, "strategy": {}}, "status": {}})
        }
        "StatefulSet" | "DaemonSet" => {
            json!({"metadata": {}, "spec": {"template": template, "updateStrategy": {}}, "status": {}})
        }
        "ReplicaSet" | "Job" => {
            json!({"metadata": {}, "spec": {"template": template}, "status": {}})
        }
        "CronJob" => {
            json!({"metadata": {}, "spec": {"jobTemplate": {"metadata": {}, "spec": {"template": template}}}, "status": {}})
        }
        "Pod" => json!({"metadata": {}, "spec": {"containers": null}, "status": {}}),
        "Namespace" => json!({"metadata": {}, "spec": {}, "status": {}}),
        "Role" | "ClusterRole" => json!({"metadata": {}, "rules": null}),
        "Service" | "Ingress" => {
            json!({"metadata": {}, "spec": {}, "status": {"loadBalancer": {}}})
        }
        "PersistentVolumeClaim" => json!({"metadata": {}, "spec": {"resources": {}}, "status": {}}),
        "NetworkPolicy" => json!({"metadata": {}, "spec": {"podSelector": {}}}),
        "HorizontalPodAutoscaler" => {
            json!({"metadata": {}, "spec": {"scaleTargetRef": {}}, "status": {}})
        }
        "PodDisruptionBudget" => json!({"metadata": {}, "spec": {}, "status": {}}),
        "RoleBinding" | "ClusterRoleBinding" => json!({"metadata": {}, "roleRef": {}}),
        "CustomResourceDefinition" => {
            json!({"metadata": {}, "spec": {"names": {}, "versions": null}, "status": {"acceptedNames": {}, "conditions": null, "storedVersions": null}})
        }
        "ResourceQuota" | "LimitRange" => json!({"metadata": {}, "spec": {}, "status": {}}),
        _ => json!({"metadata": {}}),
    }
}

// ---------------------------------------------------------------------------------------
// Strategies.

/// PrepareForCreate: status reset to its initial value, generation, kind specifics.
pub fn prepare_create(r: &ResourceInfo, obj: &mut Value, uid: &str) {
    let m = obj.as_object_mut().unwrap();
    if r.status_subresource {
        m.shift_remove("status");
    }
    if r.crd.is_none() && r.status_subresource {
        let initial = match r.kind.as_str() {
            "Namespace" => json!({"phase": "Active"}),
            "Service" => json!({"loadBalancer": {}}),
            "Pod" => json!({"phase": "Pending", "qosClass": "BestEffort"}),
            "PersistentVolumeClaim" => json!({"phase": "Pending"}),
            "Ingress" => json!({"loadBalancer": {}}),
            "CustomResourceDefinition" => {
                let storage = obj
                    .pointer("/spec/versions")
                    .and_then(Value::as_array)
                    .and_then(|vs| {
                        vs.iter()
                            .find(|v| v.get("storage") == Some(&json!(true)))
                            .and_then(|v| v.get("name"))
                            .cloned()
                    })
                    .map(|v| vec![v])
                    .unwrap_or_default();
                json!({"acceptedNames": {"kind": "", "plural": ""}, "storedVersions": storage})
            }
            _ => json!({}),
        };
        obj.as_object_mut()
            .unwrap()
            .insert("status".into(), initial);
    }
    if r.kind == "Namespace" && r.crd.is_none() {
        util::set(obj, &["spec", "finalizers"], json!(["kubernetes"]));
    }
    if r.has_generation {
        ensure_obj(obj, &["metadata"]).insert("generation".into(), json!(1));
    } else {
        ensure_obj(obj, &["metadata"]).shift_remove("generation");
    }
    if r.kind == "Job"
        && r.crd.is_none()
        && get(obj, &["spec", "manualSelector"]) != Some(&json!(true))
    {
        let name = get_str(obj, &["metadata", "name"])
            .unwrap_or("")
            .to_string();
        let labels = ensure_obj(obj, &["spec", "template", "metadata", "labels"]);
        labels.insert("batch.kubernetes.io/controller-uid".into(), json!(uid));
        labels.insert("batch.kubernetes.io/job-name".into(), json!(name));
        labels.insert("controller-uid".into(), json!(uid));
        labels.insert("job-name".into(), json!(name));
        if get(obj, &["spec", "selector"]).is_none() {
            util::set(
                obj,
                &["spec", "selector"],
                json!({"matchLabels": {"batch.kubernetes.io/controller-uid": uid}}),
            );
        }
    }
}

/// Everything except metadata (and status, for kinds whose status is a subresource).
fn content(r: &ResourceInfo, v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(m) = v.as_object_mut() {
        m.shift_remove("metadata");
        if r.status_subresource {
            m.shift_remove("status");
        }
    }
    v
}

/// PrepareForUpdate of the main resource: system metadata and status come from the old
/// object; generation moves when the content changed.
pub fn prepare_update(r: &ResourceInfo, old: &Value, new: &mut Value) {
    let old_md = old.get("metadata").cloned().unwrap_or(json!({}));
    {
        let md = ensure_obj(new, &["metadata"]);
        for k in [
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation",
            "name",
            "namespace",
        ] {
            match old_md.get(k) {
                Some(v) => {
                    md.insert(k.into(), v.clone());
                }
                None => {
                    md.shift_remove(k);
                }
            }
        }
        md.shift_remove("selfLink");
    }
    if r.status_subresource {
        let m = new.as_object_mut().unwrap();
        match old.get("status") {
            Some(s) => {
                m.insert("status".into(), s.clone());
            }
            None => {
                m.shift_remove("status");
            }
        }
    }
    if r.kind == "Namespace" && r.crd.is_none() {
        match get(old, &["spec", "finalizers"]) {
            Some(f) => util::set(new, &["spec", "finalizers"], f.clone()),
            None => {
                util::remove(new, &["spec", "finalizers"]);
            }
        }
    }
    if r.has_generation && content(r, old) != content(r, new) {
        let g = get(old, &["metadata", "generation"])
            .and_then(Value::as_i64)
            .unwrap_or(0);
        ensure_obj(new, &["metadata"]).insert("generation".into(), json!(g + 1));
    }
}

/// The status subresource: only status comes from the request.
pub fn prepare_status_update(old: &Value, new: &mut Value) {
    let status = new.get("status").cloned();
    let mut out = old.clone();
    let m = out.as_object_mut().unwrap();
    match status {
        Some(s) => {
            m.insert("status".into(), s);
        }
        None => {
            m.shift_remove("status");
        }
    }
    // managedFields of the request are handled by the caller.
    *new = out;
}

// ---------------------------------------------------------------------------------------
// Validation.

const DNS1123_SUBDOMAIN_ERR: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1123_LABEL_ERR: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_LABEL_ERR: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

fn is_label(s: &str, first_alpha: bool) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && (if first_alpha {
            b[0].is_ascii_lowercase()
        } else {
            b[0].is_ascii_alphanumeric()
        })
        && b[b.len() - 1].is_ascii_alphanumeric()
}

pub fn dns1123_subdomain(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    if !s.split('.').all(|l| is_label(l, false)) {
        errs.push(DNS1123_SUBDOMAIN_ERR.to_string());
    }
    errs
}

fn dns1123_label(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !is_label(s, false) {
        errs.push(DNS1123_LABEL_ERR.to_string());
    }
    errs
}

fn dns1035_label(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !is_label(s, true) {
        errs.push(DNS1035_LABEL_ERR.to_string());
    }
    errs
}

fn path_segment(s: &str) -> Vec<String> {
    if s == "." || s == ".." {
        return vec![format!("may not be '{s}'")];
    }
    let mut errs = Vec::new();
    for bad in ["/", "%"] {
        if s.contains(bad) {
            errs.push(format!("may not contain '{bad}'"));
        }
    }
    errs
}

const QUALIFIED_NAME_ERR: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_ERR: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

fn is_qualified_part(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
}

/// `validation.IsQualifiedName`.
fn qualified_name(s: &str) -> Vec<String> {
    let (prefix, name) = match s.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, s),
    };
    let mut errs = Vec::new();
    if let Some(p) = prefix {
        if p.is_empty() {
            errs.push("prefix part must be non-empty".into());
        } else {
            for e in dns1123_subdomain(p) {
                errs.push(format!("prefix part {e}"));
            }
        }
    }
    if name.is_empty() {
        errs.push("name part must be non-empty".into());
    } else {
        if name.len() > 63 {
            errs.push("name part must be no more than 63 characters".into());
        }
        if !is_qualified_part(name) {
            errs.push(QUALIFIED_NAME_ERR.into());
        }
    }
    errs
}

fn validate_meta(r: &ResourceInfo, obj: &Value, errs: &mut Vec<FieldError>) {
    let name = get_str(obj, &["metadata", "name"]).unwrap_or("");
    if name.is_empty() {
        errs.push(FieldError::required(
            "metadata.name",
            "name or generateName is required",
        ));
    } else {
        let msgs = match (r.crd.is_some(), r.kind.as_str()) {
            (false, "Namespace") => dns1123_label(name),
            (false, "Service") => dns1035_label(name),
            (false, "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding") => {
                path_segment(name)
            }
            (false, "CustomResourceDefinition") => {
                let want = format!(
                    "{}.{}",
                    get_str(obj, &["spec", "names", "plural"]).unwrap_or(""),
                    get_str(obj, &["spec", "group"]).unwrap_or("")
                );
                if name != want {
                    vec!["must be spec.names.plural+\".\"+spec.group".to_string()]
                } else {
                    Vec::new()
                }
            }
            _ => dns1123_subdomain(name),
        };
        for m in msgs {
            errs.push(FieldError::invalid("metadata.name", go_quote(name), &m));
        }
    }
    if let Some(labels) = get(obj, &["metadata", "labels"]).and_then(Value::as_object) {
        for (k, v) in labels {
            for m in qualified_name(k) {
                errs.push(FieldError::invalid("metadata.labels", go_quote(k), &m));
            }
            let v = util::scalar_string(v);
            let ok = v.is_empty() || (v.len() <= 63 && is_qualified_part(&v));
            if !ok {
                let m = if v.len() > 63 {
                    "must be no more than 63 characters"
                } else {
                    LABEL_VALUE_ERR
                };
                errs.push(FieldError::invalid("metadata.labels", go_quote(&v), m));
            }
        }
    }
    if let Some(ann) = get(obj, &["metadata", "annotations"]).and_then(Value::as_object) {
        for k in ann.keys() {
            for m in qualified_name(&k.to_lowercase()) {
                errs.push(FieldError::invalid("metadata.annotations", go_quote(k), &m));
            }
        }
    }
}

/// A pod template's containers.
fn validate_pod_spec(spec: Option<&Value>, path: &str, errs: &mut Vec<FieldError>) {
    let containers = spec
        .and_then(|s| s.get("containers"))
        .and_then(Value::as_array);
    match containers {
        None => errs.push(FieldError::required(&format!("{path}.containers"), "")),
        Some(cs) if cs.is_empty() => {
            errs.push(FieldError::required(&format!("{path}.containers"), ""))
        }
        Some(cs) => {
            for (i, c) in cs.iter().enumerate() {
                let p = format!("{path}.containers[{i}]");
                if get_str(c, &["name"]).unwrap_or("").is_empty() {
                    errs.push(FieldError::required(&format!("{p}.name"), ""));
                }
                if get_str(c, &["image"]).unwrap_or("").is_empty() {
                    errs.push(FieldError::required(&format!("{p}.image"), ""));
                }
            }
        }
    }
}

/// Whether a label selector (matchLabels / matchExpressions) matches a label map.
pub fn selector_matches(sel: &Value, labels: Option<&Value>) -> bool {
    let empty = Map::new();
    let labels = labels.and_then(Value::as_object).unwrap_or(&empty);
    let get_label = |k: &str| labels.get(k).map(util::scalar_string);
    if let Some(ml) = sel.get("matchLabels").and_then(Value::as_object) {
        for (k, v) in ml {
            if get_label(k) != Some(util::scalar_string(v)) {
                return false;
            }
        }
    }
    if let Some(exprs) = sel.get("matchExpressions").and_then(Value::as_array) {
        for e in exprs {
            let key = get_str(e, &["key"]).unwrap_or("");
            let values: Vec<String> = e
                .get("values")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(util::scalar_string).collect())
                .unwrap_or_default();
            let have = get_label(key);
            let ok = match get_str(e, &["operator"]).unwrap_or("") {
                "In" => have.is_some_and(|h| values.contains(&h)),
                "NotIn" => have.is_none_or(|h| !values.contains(&h)),
                "Exists" => have.is_some(),
                "DoesNotExist" => have.is_none(),
                _ => false,
            };
            if !ok {
                return false;
            }
        }
    }
    true
}

fn selector_is_empty(sel: &Value) -> bool {
    sel.get("matchLabels")
        .and_then(Value::as_object)
        .is_none_or(Map::is_empty)
        && sel
            .get("matchExpressions")
            .and_then(Value::as_array)
            .is_none_or(Vec::is_empty)
}

fn validate_workload(obj: &Value, errs: &mut Vec<FieldError>, deployment: bool) {
    let sel = get(obj, &["spec", "selector"]);
    match sel {
        None => errs.push(FieldError::required("spec.selector", "")),
        Some(s) if deployment && selector_is_empty(s) => errs.push(FieldError::invalid(
            "spec.selector",
            util::go_label_selector(s),
            "empty selector is invalid for deployment",
        )),
        _ => {}
    }
    let labels = get(obj, &["spec", "template", "metadata", "labels"]);
    let matches = match sel {
        None => false,
        Some(s) => selector_is_empty(s) || selector_matches(s, labels),
    };
    if !matches {
        errs.push(FieldError::invalid(
            "spec.template.metadata.labels",
            util::go_string_map(labels),
            "`selector` does not match template `labels`",
        ));
    }
    validate_pod_spec(
        get(obj, &["spec", "template", "spec"]),
        "spec.template.spec",
        errs,
    );
}

fn immutable(errs: &mut Vec<FieldError>, field: &str, value: String) {
    errs.push(FieldError::invalid(field, value, "field is immutable"));
}

/// Validation of a create (`old == None`) or an update; the error is the 422 the real
/// server returns.
pub fn validate(r: &ResourceInfo, obj: &Value, old: Option<&Value>) -> Result<(), ApiError> {
    let mut errs = Vec::new();
    let name = get_str(obj, &["metadata", "name"])
        .unwrap_or("")
        .to_string();
    if r.crd.is_some() {
        validate_meta(r, obj, &mut errs);
        return finish(r, &name, errs);
    }
    match r.kind.as_str() {
        "Deployment" | "ReplicaSet" | "DaemonSet" => {
            validate_workload(obj, &mut errs, r.kind == "Deployment");
        }
        "StatefulSet" => {
            validate_workload(obj, &mut errs, false);
        }
        "Job" => {
            validate_pod_spec(
                get(obj, &["spec", "template", "spec"]),
                "spec.template.spec",
                &mut errs,
            );
            let rp = get_str(obj, &["spec", "template", "spec", "restartPolicy"]).unwrap_or("");
            if rp != "Never" && rp != "OnFailure" {
                errs.push(FieldError::not_supported(
                    "spec.template.spec.restartPolicy",
                    go_quote(rp),
                    &["OnFailure", "Never"],
                ));
            }
        }
        "Pod" => validate_pod_spec(get(obj, &["spec"]), "spec", &mut errs),
        "Service" => {
            let typ = get_str(obj, &["spec", "type"]).unwrap_or("ClusterIP");
            let headless = get_str(obj, &["spec", "clusterIP"]) == Some("None");
            let ports = get(obj, &["spec", "ports"])
                .and_then(Value::as_array)
                .map(Vec::len)
                .unwrap_or(0);
            if typ != "ExternalName" && !headless && ports == 0 {
                errs.push(FieldError::required("spec.ports", ""));
            }
            if !["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"].contains(&typ) {
                errs.push(FieldError::not_supported(
                    "spec.type",
                    go_quote(typ),
                    &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
                ));
            }
        }
        "ConfigMap" | "Secret" => {
            for field in ["data", "binaryData"] {
                if let Some(d) = obj.get(field).and_then(Value::as_object) {
                    for k in d.keys() {
                        let ok = !k.is_empty()
                            && k.len() <= 253
                            && k.bytes().all(|c| {
                                c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.')
                            });
                        if !ok {
                            errs.push(FieldError::invalid(
                                &format!("{field}[{k}]"),
                                go_quote(k),
                                "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
                            ));
                        }
                    }
                }
            }
        }
        _ => {}
    }
    validate_meta(r, obj, &mut errs);
    if let Some(old) = old {
        validate_update(r, obj, old, &mut errs);
    }
    finish(r, &name, errs)
}

fn finish(r: &ResourceInfo, name: &str, errs: Vec<FieldError>) -> Result<(), ApiError> {
    if errs.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(&r.group, &r.kind, name, &errs))
    }
}

fn validate_update(r: &ResourceInfo, new: &Value, old: &Value, errs: &mut Vec<FieldError>) {
    let changed = |p: &[&str]| get(new, p) != get(old, p);
    match r.kind.as_str() {
        "Deployment" | "ReplicaSet" | "DaemonSet" if changed(&["spec", "selector"]) => {
            let v = get(new, &["spec", "selector"])
                .map(util::go_label_selector)
                .unwrap_or_else(|| "null".into());
            immutable(errs, "spec.selector", v);
        }
        "StatefulSet" => {
            let strip = |v: &Value| {
                let mut s = v.get("spec").cloned().unwrap_or(json!({}));
                if let Some(m) = s.as_object_mut() {
                    for k in [
                        "replicas",
                        "ordinals",
                        "template",
                        "updateStrategy",
                        "persistentVolumeClaimRetentionPolicy",
                        "minReadySeconds",
                    ] {
                        m.shift_remove(k);
                    }
                }
                s
            };
            if strip(new) != strip(old) {
                errs.push(FieldError::forbidden(
                    "spec",
                    "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
                ));
            }
        }
        "Job" => {
            if changed(&["spec", "selector"]) {
                let v = get(new, &["spec", "selector"])
                    .map(util::go_label_selector)
                    .unwrap_or_else(|| "null".into());
                immutable(errs, "spec.selector", v);
            }
            if changed(&["spec", "template"]) {
                immutable(
                    errs,
                    "spec.template",
                    "core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{...}, Spec:core.PodSpec{...}}"
                        .into(),
                );
            }
            if changed(&["spec", "completionMode"]) {
                let v = get_str(new, &["spec", "completionMode"]).unwrap_or("");
                immutable(errs, "spec.completionMode", go_quote(v));
            }
        }
        "Service" => {
            let ext = |v: &Value| get_str(v, &["spec", "type"]) == Some("ExternalName");
            let headless = |v: &Value| get_str(v, &["spec", "clusterIP"]) == Some("None");
            if !(ext(new) || ext(old) || (headless(new) && headless(old))) {
                let o = get(old, &["spec", "clusterIPs"])
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let n = get(new, &["spec", "clusterIPs"])
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let nv = util::go_string_slice(get(new, &["spec", "clusterIPs"]));
                if n.is_empty() && !o.is_empty() {
                    errs.push(FieldError::invalid(
                        "spec.clusterIPs[0]",
                        "[]string{}".into(),
                        "primary clusterIP can not be unset",
                    ));
                } else {
                    for (i, ip) in o.iter().enumerate() {
                        if n.get(i).is_some_and(|x| x != ip) {
                            errs.push(FieldError::invalid(
                                &format!("spec.clusterIPs[{i}]"),
                                nv.clone(),
                                "may not change once set",
                            ));
                        }
                    }
                }
            }
        }
        "ConfigMap" | "Secret" => {
            if get(old, &["immutable"]) == Some(&json!(true)) {
                if get(new, &["immutable"]) != Some(&json!(true)) {
                    errs.push(FieldError::forbidden(
                        "immutable",
                        "field is immutable when `immutable` is set",
                    ));
                }
                for f in ["data", "binaryData"] {
                    let norm = |v: Option<&Value>| {
                        v.filter(|x| x.as_object().is_some_and(|m| !m.is_empty()))
                            .cloned()
                    };
                    if norm(get(new, &[f])) != norm(get(old, &[f])) {
                        errs.push(FieldError::forbidden(
                            f,
                            "field is immutable when `immutable` is set",
                        ));
                    }
                }
            }
            if r.kind == "Secret" && changed(&["type"]) {
                immutable(
                    errs,
                    "type",
                    go_quote(get_str(new, &["type"]).unwrap_or("")),
                );
            }
        }
        "RoleBinding" | "ClusterRoleBinding" if changed(&["roleRef"]) => {
            let rr = get(new, &["roleRef"]).cloned().unwrap_or(json!({}));
            let s = |k: &str| go_quote(get_str(&rr, &[k]).unwrap_or(""));
            errs.push(FieldError::invalid(
                "roleRef",
                format!(
                    "rbac.RoleRef{{APIGroup:{}, Kind:{}, Name:{}}}",
                    s("apiGroup"),
                    s("kind"),
                    s("name")
                ),
                "cannot change roleRef",
            ));
        }
        "StorageClass" => {
            if changed(&["parameters"]) {
                errs.push(FieldError::forbidden(
                    "parameters",
                    "updates to parameters are forbidden.",
                ));
            }
            if changed(&["provisioner"]) {
                errs.push(FieldError::forbidden(
                    "provisioner",
                    "updates to provisioner are forbidden.",
                ));
            }
        }
        "CustomResourceDefinition" if changed(&["spec", "scope"]) => {
            immutable(
                errs,
                "spec.scope",
                go_quote(get_str(new, &["spec", "scope"]).unwrap_or("")),
            );
        }
        _ => {}
    }
}
