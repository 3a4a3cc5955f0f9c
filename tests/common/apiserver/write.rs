//! Create, update, patch (JSON, merge, strategic, apply), delete: the request handlers'
//! pipeline from decoded body to stored object, in the real server's order.

use super::admission;
use super::apply::{self, Manager, Target};
use super::controller;
use super::discovery::{self, ResourceInfo};
use super::patch;
use super::status::{ApiError, ApiResult};
use super::store::{Key, State};
use super::util::{self, get, get_str, go_quote};
use serde_json::{json, Value};

pub struct Ctx {
    pub r: ResourceInfo,
    pub ns: Option<String>,
    pub name: Option<String>,
    pub status: bool,
    pub dry_run: bool,
    /// `fieldManager` query parameter.
    pub field_manager: Option<String>,
    /// The manager of non-apply writes: `fieldManager`, else the User-Agent's product.
    pub manager: String,
    pub force: Option<bool>,
    /// `fieldValidation` query parameter.
    pub field_validation: Option<String>,
}

impl Ctx {
    /// Strict field validation of a custom resource body (built-in kinds: no schema here).
    fn strict(&self, obj: &Value) -> ApiResult<()> {
        if self.field_validation.as_deref() != Some("Strict") || self.r.crd.is_none() {
            return Ok(());
        }
        let unknown = super::fields::undeclared_fields(&self.r.schema(), obj);
        if unknown.is_empty() {
            return Ok(());
        }
        Err(ApiError::bad_request(&format!(
            "strict decoding error: {}",
            unknown
                .iter()
                .map(|f| format!("unknown field {}", go_quote(f)))
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }

    fn target(&self) -> Target {
        if self.status {
            Target::Status
        } else {
            Target::Main {
                status_subresource: self.r.status_subresource,
            }
        }
    }

    fn key(&self, name: &str) -> Key {
        Key::of(&self.r, self.ns.as_deref(), name)
    }

    fn request_ns(&self) -> &str {
        if self.r.namespaced {
            self.ns.as_deref().unwrap_or("")
        } else {
            ""
        }
    }

    fn not_found(&self, name: &str) -> ApiError {
        ApiError::not_found(&self.r.group, &self.r.plural, name)
    }

    /// `objectGVKNN`: `namespace/name; group/version, Kind=Kind`.
    fn gvknn(&self, obj: &Value) -> String {
        let ns = get_str(obj, &["metadata", "namespace"])
            .filter(|n| !n.is_empty())
            .unwrap_or(self.request_ns());
        format!(
            "{ns}/{}; {}, Kind={}",
            get_str(obj, &["metadata", "name"]).unwrap_or(""),
            gv_string(&self.r),
            self.r.kind
        )
    }
}

/// `schema.GroupVersion.String()` as used in `GroupVersionKind.String()`.
fn gv_string(r: &ResourceInfo) -> String {
    format!("{}/{}", r.group, r.version)
}

/// The manager of a request that does not apply.
pub fn manager_from(field_manager: Option<&str>, user_agent: Option<&str>) -> String {
    if let Some(m) = field_manager.filter(|m| !m.is_empty()) {
        return m.to_string();
    }
    let ua = user_agent.unwrap_or("");
    if ua.chars().any(|c| c.is_control()) {
        return "unknown".into();
    }
    ua.split('/').next().unwrap_or("").to_string()
}

pub fn parse_body(body: &[u8], content_type: &str) -> ApiResult<Value> {
    let ct = content_type.split(';').next().unwrap_or("").trim();
    if !ct.is_empty() && !ct.contains("json") && !ct.contains("yaml") {
        // Protobuf (and CBOR) are not spoken here; kubectl's typed `create` subcommands send
        // protobuf and get this answer.
        return Err(ApiError::new(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
            None,
        ));
    }
    let text = std::str::from_utf8(body).map_err(|_| {
        ApiError::bad_request("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf")
    })?;
    if content_type.contains("yaml") {
        let options = kzr::yaml::ReadOptions {
            schema: kzr::yaml::Schema::V2,
            last_duplicate_wins: false,
            folded_as_kustomize_outputs: false,
            annotation_texts: false,
            keys_as_text: true,
        };
        let docs = kzr::yaml::parse_documents_with(text, options)
            .map_err(|e| ApiError::bad_request(&format!("error decoding YAML: {e}")))?;
        return Ok(docs
            .into_iter()
            .next()
            .map(|d| d.value)
            .unwrap_or(Value::Null));
    }
    serde_json::from_str(text).map_err(|e| {
        ApiError::bad_request(&format!("couldn't get version/kind; json parse error: {e}"))
    })
}

/// The decoder's checks of a request body's type against the URL.
fn check_type(ctx: &Ctx, obj: &Value) -> ApiResult<()> {
    if !obj.is_object() {
        return Err(ApiError::bad_request(
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
        ));
    }
    let av = get_str(obj, &["apiVersion"]).unwrap_or("");
    let want = ctx.r.api_version();
    if !av.is_empty() && av != want {
        return Err(ApiError::bad_request(&format!(
            "the API version in the data ({av}) does not match the expected API version ({want})"
        )));
    }
    let kind = get_str(obj, &["kind"]).unwrap_or("");
    if !kind.is_empty() && kind != ctx.r.kind {
        return Err(ApiError::bad_request(&format!(
            "the kind in the data ({kind}) does not match the expected kind ({})",
            ctx.r.kind
        )));
    }
    Ok(())
}

/// `rest.EnsureObjectNamespaceMatchesRequestNamespace`.
fn ensure_namespace(ctx: &Ctx, obj: &mut Value) -> ApiResult<()> {
    let want = ctx.request_ns();
    let have = get_str(obj, &["metadata", "namespace"])
        .unwrap_or("")
        .to_string();
    if have == want {
        return Ok(());
    }
    if have.is_empty() || want.is_empty() {
        let md = util::ensure_obj(obj, &["metadata"]);
        if want.is_empty() {
            md.shift_remove("namespace");
        } else {
            md.insert("namespace".into(), json!(want));
        }
        return Ok(());
    }
    Err(ApiError::bad_request(
        "the namespace of the provided object does not match the namespace sent on the request",
    ))
}

fn check_name(obj: &Value, name: &str) -> ApiResult<()> {
    let have = get_str(obj, &["metadata", "name"]).unwrap_or("");
    if have != name {
        return Err(ApiError::bad_request(&format!(
            "the name of the object ({have}) does not match the name on the URL ({name})"
        )));
    }
    Ok(())
}

/// NamespaceLifecycle admission.
fn check_namespace_exists(st: &State, ctx: &Ctx) -> ApiResult<()> {
    if ctx.r.namespaced {
        let ns = ctx.request_ns();
        if !st.namespace_exists(ns) {
            return Err(ApiError::not_found("", "namespaces", ns));
        }
    }
    Ok(())
}

fn rv_of(v: &Value) -> &str {
    get_str(v, &["metadata", "resourceVersion"]).unwrap_or("")
}

fn uid_of(v: &Value) -> &str {
    get_str(v, &["metadata", "uid"]).unwrap_or("")
}

/// How a write's managedFields come about.
enum Fields {
    /// An Update by this manager, starting from these managers.
    Update(Vec<Manager>),
    /// Already computed (server-side apply).
    Done(Vec<Manager>),
    /// The request cleared them (`managedFields: [{}]`).
    Strip,
}

/// The managers a non-apply write starts from: the request's when it sets any (and they
/// decode), else the live object's.
fn request_managers(req_obj: &Value, live: Option<&Value>) -> Fields {
    let entries = req_obj.pointer("/metadata/managedFields");
    if let Some(a) = entries.and_then(Value::as_array) {
        if a.len() == 1 && a[0].as_object().is_some_and(|m| m.is_empty()) {
            return Fields::Strip;
        }
        if !a.is_empty() {
            if let Some(ms) = apply::decode_managed(entries) {
                return Fields::Update(ms);
            }
        }
    }
    Fields::Update(
        live.and_then(|l| apply::decode_managed(l.pointer("/metadata/managedFields")))
            .unwrap_or_default(),
    )
}

fn set_managed(obj: &mut Value, managers: Option<&[Manager]>) {
    let md = util::ensure_obj(obj, &["metadata"]);
    match managers {
        Some(ms) if ms.iter().any(|m| !m.fields.is_empty()) => {
            md.insert("managedFields".into(), apply::encode_managed(ms));
        }
        _ => {
            md.shift_remove("managedFields");
        }
    }
}

fn allocate_service(st: &mut State, obj: &mut Value) {
    let typ = get_str(obj, &["spec", "type"])
        .unwrap_or("ClusterIP")
        .to_string();
    if typ == "ExternalName" {
        return;
    }
    let ip = get_str(obj, &["spec", "clusterIP"])
        .unwrap_or("")
        .to_string();
    let ip = if ip.is_empty() {
        st.next_cluster_ip += 1;
        let n = st.next_cluster_ip;
        let ip = format!("10.96.{}.{}", (n >> 8) & 0xFF, n & 0xFF);
        util::set(obj, &["spec", "clusterIP"], json!(ip));
        ip
    } else {
        ip
    };
    util::default_at(obj, &["spec", "clusterIPs"], json!([ip]));
    util::default_at(obj, &["spec", "ipFamilies"], json!(["IPv4"]));
    util::default_at(obj, &["spec", "ipFamilyPolicy"], json!("SingleStack"));
    if typ == "NodePort" || typ == "LoadBalancer" {
        if let Some(ports) = obj.pointer_mut("/spec/ports").and_then(Value::as_array_mut) {
            for p in ports.iter_mut().filter_map(Value::as_object_mut) {
                if !p.contains_key("nodePort") {
                    st.next_cluster_ip += 1;
                    p.insert(
                        "nodePort".into(),
                        json!(30000 + (st.next_cluster_ip % 2768)),
                    );
                }
            }
        }
    }
}

/// Allocated Service values a write left out stay as they were.
fn keep_allocated(old: &Value, new: &mut Value) {
    let empty = |v: &Value, p: &[&str]| get(v, p).is_none_or(|x| x.as_str() == Some(""));
    if get_str(new, &["spec", "type"]) == Some("ExternalName") {
        return;
    }
    if empty(new, &["spec", "clusterIP"]) {
        for k in ["clusterIP", "clusterIPs"] {
            if let Some(v) = get(old, &["spec", k]).cloned() {
                util::set(new, &["spec", k], v);
            }
        }
    } else if get(new, &["spec", "clusterIPs"]).is_none()
        && get(new, &["spec", "clusterIP"]) == get(old, &["spec", "clusterIP"])
    {
        if let Some(v) = get(old, &["spec", "clusterIPs"]).cloned() {
            util::set(new, &["spec", "clusterIPs"], v);
        }
    } else if get(new, &["spec", "clusterIP"]) != get(old, &["spec", "clusterIP"])
        && get(new, &["spec", "clusterIPs"]) == get(old, &["spec", "clusterIPs"])
    {
        util::set(new, &["spec", "clusterIPs"], json!([]));
    }
    for k in ["ipFamilies", "ipFamilyPolicy"] {
        if get(new, &["spec", k]).is_none() {
            if let Some(v) = get(old, &["spec", k]).cloned() {
                util::set(new, &["spec", k], v);
            }
        }
    }
    // Node ports of ports that kept their port number.
    let old_ports = get(old, &["spec", "ports"])
        .and_then(Value::as_array)
        .cloned();
    if let (Some(old_ports), Some(ports)) = (
        old_ports,
        new.pointer_mut("/spec/ports").and_then(Value::as_array_mut),
    ) {
        for p in ports.iter_mut().filter_map(Value::as_object_mut) {
            if p.contains_key("nodePort") {
                continue;
            }
            if let Some(np) = old_ports
                .iter()
                .find(|o| o.get("port") == p.get("port") && o.get("protocol") == p.get("protocol"))
                .and_then(|o| o.get("nodePort"))
            {
                p.insert("nodePort".into(), np.clone());
            }
        }
    }
}

fn without_times(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(a) = v
        .pointer_mut("/metadata/managedFields")
        .and_then(Value::as_array_mut)
    {
        for e in a.iter_mut().filter_map(Value::as_object_mut) {
            e.shift_remove("time");
        }
    }
    if let Some(m) = v.pointer_mut("/metadata").and_then(Value::as_object_mut) {
        m.shift_remove("resourceVersion");
    }
    v
}

/// Stores a new object: admission, defaulting, managed fields, strategy, validation.
fn commit_create(st: &mut State, ctx: &Ctx, mut obj: Value, fields: Fields) -> ApiResult<Value> {
    let r = &ctx.r;
    let name = get_str(&obj, &["metadata", "name"])
        .unwrap_or("")
        .to_string();
    check_namespace_exists(st, ctx)?;
    util::drop_nulls(&mut obj);
    admission::default_object(r, &mut obj);
    if r.kind == "Secret" && r.crd.is_none() {
        admission::convert_secret(&mut obj);
    }
    let now = util::now_rfc3339();
    let managers = match fields {
        Fields::Update(mut base) => {
            let me = Manager::new(&ctx.manager, "Update", &r.api_version(), "");
            apply::record_update(
                &r.schema(),
                &admission::zero_object(r),
                &obj,
                &mut base,
                me,
                ctx.target(),
                &now,
            );
            Some(base)
        }
        Fields::Done(m) => Some(m),
        Fields::Strip => None,
    };
    let uid = util::uuid();
    {
        let md = util::ensure_obj(&mut obj, &["metadata"]);
        md.insert("uid".into(), json!(uid));
        md.insert("creationTimestamp".into(), json!(now));
        md.shift_remove("deletionTimestamp");
        md.shift_remove("deletionGracePeriodSeconds");
        md.shift_remove("selfLink");
    }
    admission::prepare_create(r, &mut obj, &uid);
    if r.kind == "Service" && r.crd.is_none() {
        allocate_service(st, &mut obj);
    }
    admission::validate(r, &obj, None)?;
    let key = ctx.key(&name);
    if st.get(&key).is_some() {
        return Err(ApiError::already_exists(&r.group, &r.plural, &name));
    }
    set_managed(&mut obj, managers.as_deref());
    let obj = super::store::served(r, &obj);
    if ctx.dry_run {
        return Ok(obj);
    }
    let stored = st.put(key.clone(), obj);
    after_write(st, r, &key);
    Ok(stored)
}

/// Stores a changed object; a write that changes nothing returns the live object untouched.
fn commit_update(
    st: &mut State,
    ctx: &Ctx,
    old: &Value,
    mut new: Value,
    fields: Fields,
) -> ApiResult<Value> {
    let r = &ctx.r;
    let target = ctx.target();
    let old_s = apply::without_managed_fields(old);
    util::drop_nulls(&mut new);
    if ctx.status {
        admission::prepare_status_update(&old_s, &mut new);
    } else {
        admission::default_object(r, &mut new);
        if r.kind == "Secret" && r.crd.is_none() {
            admission::convert_secret(&mut new);
        }
        admission::prepare_update(r, &old_s, &mut new);
        if r.kind == "Service" && r.crd.is_none() {
            keep_allocated(&old_s, &mut new);
            allocate_service(st, &mut new);
        }
    }
    let now = util::now_rfc3339();
    let managers = match fields {
        Fields::Update(mut base) => {
            let me = Manager::new(
                &ctx.manager,
                "Update",
                &r.api_version(),
                if ctx.status { "status" } else { "" },
            );
            apply::record_update(&r.schema(), &old_s, &new, &mut base, me, target, &now);
            Some(base)
        }
        Fields::Done(m) => Some(m),
        Fields::Strip => None,
    };
    admission::validate(r, &new, Some(&old_s))?;
    set_managed(&mut new, managers.as_deref());
    util::ensure_obj(&mut new, &["metadata"]).insert("resourceVersion".into(), json!(rv_of(old)));
    let new = super::store::served(r, &new);
    if without_times(&new) == without_times(old) {
        return Ok(super::store::served(r, old));
    }
    if ctx.dry_run {
        return Ok(new);
    }
    let name = get_str(&new, &["metadata", "name"])
        .unwrap_or("")
        .to_string();
    let key = ctx.key(&name);
    let stored = st.put(key.clone(), new);
    after_write(st, r, &key);
    Ok(stored)
}

/// Controllers react to a stored object.
pub fn after_write(st: &mut State, r: &ResourceInfo, key: &Key) {
    if r.kind == "CustomResourceDefinition" && r.crd.is_none() {
        if let Some(crd) = st.get(key) {
            if !discovery::crd_established(crd) && !st.crd_pending.iter().any(|(k, _)| k == key) {
                let due = std::time::Instant::now() + st.crd_delay;
                st.crd_pending.push((key.clone(), due));
            }
        }
        tick(st);
        return;
    }
    reconcile(st, r, key);
}

/// Writes `status` through the status subresource as `manager`.
pub fn write_status(st: &mut State, r: &ResourceInfo, key: &Key, status: Value, manager: &str) {
    let Some(old) = st.get(key).cloned() else {
        return;
    };
    if old.get("status") == Some(&status) {
        return;
    }
    let old_s = apply::without_managed_fields(&old);
    let mut new = old_s.clone();
    new.as_object_mut().unwrap().insert("status".into(), status);
    let mut managers =
        apply::decode_managed(old.pointer("/metadata/managedFields")).unwrap_or_default();
    let now = util::now_rfc3339();
    apply::record_update(
        &r.schema(),
        &old_s,
        &new,
        &mut managers,
        Manager::new(manager, "Update", &r.api_version(), "status"),
        Target::Status,
        &now,
    );
    set_managed(&mut new, Some(&managers));
    let new = super::store::served(r, &new);
    st.put(key.clone(), new);
}

/// The controller simulation for one object.
pub fn reconcile(st: &mut State, r: &ResourceInfo, key: &Key) {
    let Some(obj) = st.get(key).cloned() else {
        return;
    };
    let stalled = st.is_stalled(&r.kind, &key.namespace, &key.name);
    let now = util::now_rfc3339();
    if let Some(status) = controller::desired_status(r, &obj, stalled, &now) {
        write_status(st, r, key, status, "kube-controller-manager");
    }
    if r.kind == "Service"
        && r.crd.is_none()
        && get_str(&obj, &["spec", "type"]) == Some("LoadBalancer")
        && !stalled
        && obj.pointer("/status/loadBalancer/ingress").is_none()
    {
        st.next_lb_ip += 1;
        let ip = format!("172.18.255.{}", st.next_lb_ip % 250 + 1);
        write_status(
            st,
            r,
            key,
            json!({"loadBalancer": {"ingress": [{"ip": ip, "ipMode": "VIP"}]}}),
            "kube-controller-manager",
        );
    }
}

/// Establishes CRDs whose delay has passed.
pub fn tick(st: &mut State) {
    let now = std::time::Instant::now();
    let due: Vec<Key> = st
        .crd_pending
        .iter()
        .filter(|(_, t)| *t <= now)
        .map(|(k, _)| k.clone())
        .collect();
    st.crd_pending.retain(|(_, t)| *t > now);
    let Some(r) = st.find_resource("apiextensions.k8s.io", "v1", "customresourcedefinitions")
    else {
        return;
    };
    for key in due {
        let Some(crd) = st.get(&key).cloned() else {
            continue;
        };
        if st.is_stalled("CustomResourceDefinition", "", &key.name) {
            continue;
        }
        let status = controller::established_status(&crd, &util::now_rfc3339());
        write_status(st, &r, &key, status, "kube-apiserver");
    }
}

// ---------------------------------------------------------------------------------------
// Verbs.

pub fn create(st: &mut State, ctx: &Ctx, body: &Value) -> ApiResult<(u16, Value)> {
    check_type(ctx, body)?;
    ctx.strict(body)?;
    let mut obj = body.clone();
    ensure_namespace(ctx, &mut obj)?;
    if get_str(&obj, &["metadata", "name"])
        .unwrap_or("")
        .is_empty()
    {
        if let Some(prefix) = get_str(&obj, &["metadata", "generateName"]).map(String::from) {
            if !prefix.is_empty() {
                util::set(
                    &mut obj,
                    &["metadata", "name"],
                    json!(format!("{prefix}{}", util::random_suffix(5))),
                );
            }
        }
    }
    if get_str(&obj, &["metadata", "name"])
        .unwrap_or("")
        .is_empty()
    {
        // Namespace admission comes first, then the strategy's validation.
        check_namespace_exists(st, ctx)?;
        return Err(ApiError::invalid(
            &ctx.r.group,
            &ctx.r.kind,
            "",
            &[super::status::FieldError::required(
                "metadata.name",
                "name or generateName is required",
            )],
        ));
    }
    if !rv_of(&obj).is_empty() {
        return Err(ApiError::new(
            500,
            "",
            "resourceVersion should not be set on objects to be created",
            None,
        ));
    }
    let fields = request_managers(&obj, None);
    let obj = apply::without_managed_fields(&obj);
    commit_create(st, ctx, obj, fields).map(|v| (201, v))
}

pub fn update(st: &mut State, ctx: &Ctx, body: &Value) -> ApiResult<(u16, Value)> {
    let name = ctx.name.clone().unwrap_or_default();
    check_type(ctx, body)?;
    ctx.strict(body)?;
    let mut obj = body.clone();
    check_name(&obj, &name)?;
    ensure_namespace(ctx, &mut obj)?;
    let Some(old) = st.get(&ctx.key(&name)).cloned() else {
        return Err(ctx.not_found(&name));
    };
    let uid = uid_of(&obj);
    if !uid.is_empty() && uid != uid_of(&old) {
        return Err(ApiError::conflict(
            &ctx.r.group,
            &ctx.r.plural,
            &name,
            &format!(
                "Precondition failed: UID in precondition: {uid}, UID in object meta: {}",
                uid_of(&old)
            ),
        ));
    }
    let rv = rv_of(&obj);
    if !rv.is_empty() && rv != rv_of(&old) {
        return Err(ApiError::optimistic_lock(
            &ctx.r.group,
            &ctx.r.plural,
            &name,
        ));
    }
    let fields = request_managers(&obj, Some(&old));
    let new = apply::without_managed_fields(&obj);
    commit_update(st, ctx, &old, new, fields).map(|v| (200, v))
}

const PATCH_TYPES: &[&str] = &[
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
    "application/apply-patch+yaml",
];

pub fn patch(
    st: &mut State,
    ctx: &Ctx,
    content_type: &str,
    body: &[u8],
) -> ApiResult<(u16, Value)> {
    let ct = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let accepted: Vec<&str> = PATCH_TYPES
        .iter()
        .copied()
        .filter(|t| ctx.r.crd.is_none() || !t.contains("strategic"))
        .collect();
    if !accepted.contains(&ct.as_str()) {
        return Err(ApiError::new(
            415,
            "UnsupportedMediaType",
            &format!(
                "the body of the request was in an unknown format - accepted media types include: {}",
                accepted.join(", ")
            ),
            None,
        ));
    }
    let apply = ct == "application/apply-patch+yaml";
    let mut errs = Vec::new();
    if apply {
        if ctx.field_manager.as_deref().unwrap_or("").is_empty() {
            errs.push(super::status::FieldError::required(
                "fieldManager",
                "is required for apply patch",
            ));
        }
    } else if ctx.force.is_some() {
        errs.push(super::status::FieldError::forbidden(
            "force",
            "may not be specified for non-apply patch",
        ));
    }
    if !errs.is_empty() {
        return Err(ApiError::invalid("meta.k8s.io", "PatchOptions", "", &errs));
    }
    let name = ctx.name.clone().unwrap_or_default();
    if apply {
        return apply_patch(st, ctx, &name, body);
    }
    let Some(old) = st.get(&ctx.key(&name)).cloned() else {
        return Err(ctx.not_found(&name));
    };
    let current = super::store::served(&ctx.r, &old);
    let patched = match ct.as_str() {
        "application/json-patch+json" => patch::json_patch(&current, body)?,
        "application/merge-patch+json" => {
            let p: Value =
                serde_json::from_slice(body).map_err(|e| ApiError::bad_request(&e.to_string()))?;
            patch::merge_patch(&current, &p)
        }
        _ => {
            let p: Value =
                serde_json::from_slice(body).map_err(|e| ApiError::bad_request(&e.to_string()))?;
            if !p.is_object() {
                return Err(ApiError::bad_request("invalid JSON document"));
            }
            patch::strategic_merge_patch(&ctx.r.schema(), &current, &p, &mut Vec::new())
        }
    };
    if !patched.is_object() {
        return Err(ApiError::bad_request("invalid JSON document"));
    }
    check_type(ctx, &patched)?;
    ctx.strict(&patched)?;
    check_name(&patched, &name)?;
    let mut patched = patched;
    ensure_namespace(ctx, &mut patched)?;
    let rv = rv_of(&patched);
    if !rv.is_empty() && rv != rv_of(&old) {
        return Err(ApiError::optimistic_lock(
            &ctx.r.group,
            &ctx.r.plural,
            &name,
        ));
    }
    if uid_of(&patched) != uid_of(&old) {
        return Err(ApiError::invalid(
            &ctx.r.group,
            &ctx.r.kind,
            &name,
            &[super::status::FieldError::invalid(
                "metadata.uid",
                go_quote(uid_of(&patched)),
                "field is immutable",
            )],
        ));
    }
    let fields = request_managers(&patched, Some(&old));
    let new = apply::without_managed_fields(&patched);
    commit_update(st, ctx, &old, new, fields).map(|v| (200, v))
}

fn apply_patch(st: &mut State, ctx: &Ctx, name: &str, body: &[u8]) -> ApiResult<(u16, Value)> {
    let r = &ctx.r;
    let text = String::from_utf8_lossy(body);
    // sigs.k8s.io/yaml reads YAML 1.1 (go-yaml v2).
    let options = kzr::yaml::ReadOptions {
        schema: kzr::yaml::Schema::V2,
        last_duplicate_wins: false,
        folded_as_kustomize_outputs: false,
        annotation_texts: false,
        keys_as_text: true,
    };
    let cfg = match kzr::yaml::parse_documents_with(&text, options) {
        Ok(docs) => docs
            .into_iter()
            .next()
            .map(|d| d.value)
            .unwrap_or(json!({})),
        Err(e) => {
            return Err(ApiError::bad_request(&format!("error decoding YAML: {e}")));
        }
    };
    if !cfg.is_object() {
        return Err(ApiError::bad_request(
            "error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal non-object into Go value of type map[string]interface {}",
        ));
    }
    let av = get_str(&cfg, &["apiVersion"]).unwrap_or("");
    if av != r.api_version() {
        return Err(ApiError::bad_request(&format!(
            "Incorrect version specified in apply patch. Specified patch version: {av}, expected: {}",
            r.api_version()
        )));
    }
    if cfg
        .pointer("/metadata/managedFields")
        .is_some_and(|m| !m.is_null())
    {
        return Err(ApiError::bad_request("metadata.managedFields must be nil"));
    }
    let kind = get_str(&cfg, &["kind"]).unwrap_or("");
    if kind != r.kind {
        return Err(ApiError::bad_request(&format!(
            "the kind in the data ({kind}) does not match the expected kind ({})",
            r.kind
        )));
    }
    let manager = ctx.field_manager.clone().unwrap_or_default();
    let force = ctx.force.unwrap_or(false);
    let now = util::now_rfc3339();
    let old = st.get(&ctx.key(name)).cloned();
    match old {
        None => {
            if ctx.status {
                return Err(ctx.not_found(name));
            }
            let uid = uid_of(&cfg);
            if !uid.is_empty() {
                return Err(ApiError::conflict(
                    &r.group,
                    &r.plural,
                    name,
                    &format!("uid mismatch: the provided object specified uid {uid}, and no existing object was found"),
                ));
            }
            let applied = apply::apply(
                &r.schema(),
                None,
                Vec::new(),
                &cfg,
                &manager,
                &r.api_version(),
                force,
                ctx.target(),
                &now,
                &ctx.gvknn(&cfg),
            )
            .map_err(ApiError::from)?;
            let mut obj = applied.object;
            if let Some(md) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
                for k in [
                    "creationTimestamp",
                    "uid",
                    "deletionTimestamp",
                    "deletionGracePeriodSeconds",
                    "selfLink",
                    "resourceVersion",
                ] {
                    md.shift_remove(k);
                }
            }
            ensure_namespace(ctx, &mut obj)?;
            check_name(&obj, name)?;
            commit_create(st, ctx, obj, Fields::Done(applied.managers)).map(|v| (201, v))
        }
        Some(old) => {
            let old_s = apply::without_managed_fields(&old);
            let managers =
                apply::decode_managed(old.pointer("/metadata/managedFields")).unwrap_or_default();
            let run = |force: bool| {
                apply::apply(
                    &r.schema(),
                    Some(&old_s),
                    managers.clone(),
                    &cfg,
                    &manager,
                    &r.api_version(),
                    force,
                    ctx.target(),
                    &now,
                    &ctx.gvknn(&cfg),
                )
            };
            let applied = match run(force) {
                Ok(a) => a,
                // kubectl's own server-side apply may take over what its client-side apply
                // recorded in the last-applied annotation (lastAppliedManager).
                Err(apply::ApplyError::Conflicts(conflicts)) if manager == "kubectl" => {
                    match allowed_from_last_applied(r, &old_s) {
                        Some(allowed) => {
                            let rest: Vec<_> = conflicts
                                .into_iter()
                                .filter(|(_, p)| !allowed.contains(p))
                                .collect();
                            if rest.is_empty() {
                                run(true).map_err(ApiError::from)?
                            } else {
                                return Err(apply::conflict_error(rest));
                            }
                        }
                        None => return Err(apply::conflict_error(conflicts)),
                    }
                }
                Err(e) => return Err(e.into()),
            };
            let mut new = applied.object;
            if manager == "kubectl" {
                update_last_applied(&mut new, &cfg);
            }
            if rv_of(&new) != rv_of(&old) {
                return Err(ApiError::optimistic_lock(&r.group, &r.plural, name));
            }
            if uid_of(&new) != uid_of(&old) {
                return Err(ApiError::invalid(
                    &r.group,
                    &r.kind,
                    name,
                    &[super::status::FieldError::invalid(
                        "metadata.uid",
                        go_quote(uid_of(&new)),
                        "field is immutable",
                    )],
                ));
            }
            ensure_namespace(ctx, &mut new)?;
            check_name(&new, name)?;
            commit_update(st, ctx, &old, new, Fields::Done(applied.managers)).map(|v| (200, v))
        }
    }
}

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// The fields of the last-applied annotation that still hold the live values.
fn allowed_from_last_applied(r: &ResourceInfo, live: &Value) -> Option<super::fields::FieldSet> {
    let text = live
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(LAST_APPLIED))
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())?;
    let last: Value = serde_json::from_str(text).ok()?;
    if get_str(&last, &["apiVersion"]) != Some(r.api_version().as_str()) {
        return None;
    }
    let schema = r.schema();
    let set = super::fields::to_field_set(&schema, &last).ok()?;
    let c = super::fields::compare(&schema, &last, live);
    Some(
        set.into_iter()
            .filter(|p| !c.modified.contains(p) && !c.added.contains(p) && !c.removed.contains(p))
            .collect(),
    )
}

/// kubectl's server-side apply keeps an existing last-applied annotation in step
/// (lastAppliedUpdater): the applied configuration without that annotation, as JSON.
fn update_last_applied(obj: &mut Value, cfg: &Value) {
    let has = obj
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(LAST_APPLIED))
        .is_some();
    if !has {
        return;
    }
    let mut cfg = cfg.clone();
    if let Some(a) = cfg
        .pointer_mut("/metadata/annotations")
        .and_then(Value::as_object_mut)
    {
        a.shift_remove(LAST_APPLIED);
    }
    let mut text = serde_json::to_string(&sort_keys(&cfg)).unwrap();
    text.push('\n');
    util::ensure_obj(obj, &["metadata", "annotations"]).insert(LAST_APPLIED.into(), json!(text));
}

/// Go's encoding of a map: keys sorted, recursively.
fn sort_keys(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sort_keys(&m[k])))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(sort_keys).collect()),
        other => other.clone(),
    }
}

/// Deletes an object now; dependents go with it (namespaces, CRDs, owner references).
pub fn delete(st: &mut State, ctx: &Ctx, body: &[u8]) -> ApiResult<(u16, Value)> {
    let r = &ctx.r;
    let name = ctx.name.clone().unwrap_or_default();
    let opts: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        serde_json::from_slice(body).map_err(|e| ApiError::bad_request(&e.to_string()))?
    };
    let dry_run = ctx.dry_run
        || opts
            .get("dryRun")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|v| v == "All"));
    let key = ctx.key(&name);
    let Some(old) = st.get(&key).cloned() else {
        return Err(ctx.not_found(&name));
    };
    if let Some(uid) = opts.pointer("/preconditions/uid").and_then(Value::as_str) {
        if uid != uid_of(&old) {
            return Err(ApiError::conflict(
                &r.group,
                &r.plural,
                &name,
                &format!(
                    "Precondition failed: UID in precondition: {uid}, UID in object meta: {}",
                    uid_of(&old)
                ),
            ));
        }
    }
    if let Some(rv) = opts
        .pointer("/preconditions/resourceVersion")
        .and_then(Value::as_str)
    {
        if rv != rv_of(&old) {
            return Err(ApiError::conflict(
                &r.group,
                &r.plural,
                &name,
                &format!(
                    "Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {}",
                    rv_of(&old)
                ),
            ));
        }
    }
    if r.crd.is_none()
        && r.kind == "Namespace"
        && ["default", "kube-system", "kube-public"].contains(&name.as_str())
    {
        return Err(ApiError::forbidden(
            "",
            "namespaces",
            &name,
            "this namespace may not be deleted",
        ));
    }
    let policy = opts
        .get("propagationPolicy")
        .and_then(Value::as_str)
        .map(String::from)
        .or_else(|| {
            opts.get("orphanDependents")
                .and_then(Value::as_bool)
                .map(|o| if o { "Orphan" } else { "Background" }.to_string())
        })
        .unwrap_or_else(|| "Background".into());
    if !["Orphan", "Background", "Foreground"].contains(&policy.as_str()) {
        return Err(ApiError::invalid(
            "meta.k8s.io",
            "DeleteOptions",
            "",
            &[super::status::FieldError::not_supported(
                "propagationPolicy",
                go_quote(&policy),
                &["Foreground", "Background", "Orphan", "nil"],
            )],
        ));
    }
    // What the response shows: objects that real clusters delete gracefully or through
    // finalizers come back as they are at that moment; others get a Success Status.
    let graceful = r.crd.is_none()
        && matches!(
            r.kind.as_str(),
            "Namespace" | "CustomResourceDefinition" | "Pod"
        );
    let returns_object =
        graceful || (r.crd.is_none() && r.kind == "Service") || policy == "Foreground";
    let mut shown = super::store::served(r, &old);
    if graceful || policy == "Foreground" {
        let md = util::ensure_obj(&mut shown, &["metadata"]);
        md.insert("deletionTimestamp".into(), json!(util::now_rfc3339()));
        let fin = match (r.kind.as_str(), policy.as_str()) {
            (_, "Foreground") => Some("foregroundDeletion"),
            ("CustomResourceDefinition", _) => Some("customresourcecleanup.apiextensions.k8s.io"),
            _ => None,
        };
        if let Some(f) = fin {
            let list = md
                .entry("finalizers")
                .or_insert_with(|| json!([]))
                .as_array_mut()
                .unwrap();
            if !list.contains(&json!(f)) {
                list.push(json!(f));
            }
        }
        if r.kind == "Namespace" {
            util::set(&mut shown, &["status", "phase"], json!("Terminating"));
        }
        if r.kind == "Pod" {
            util::ensure_obj(&mut shown, &["metadata"])
                .insert("deletionGracePeriodSeconds".into(), json!(30));
        }
    }
    if !dry_run {
        delete_cascade(st, r, &key, &policy);
    }
    let body = if returns_object {
        shown
    } else {
        let mut details = serde_json::Map::new();
        details.insert("name".into(), json!(name));
        if !r.group.is_empty() {
            details.insert("group".into(), json!(r.group));
        }
        details.insert("kind".into(), json!(r.plural));
        details.insert("uid".into(), json!(uid_of(&old)));
        json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Success",
            "details": details,
        })
    };
    Ok((200, body))
}

/// Removes an object and what depends on it.
pub fn delete_cascade(st: &mut State, r: &ResourceInfo, key: &Key, policy: &str) {
    let Some(removed) = st.remove(key) else {
        return;
    };
    let uid = uid_of(&removed).to_string();
    if r.crd.is_none() && r.kind == "Namespace" {
        let inside: Vec<Key> = st
            .objects
            .keys()
            .filter(|k| k.namespace == key.name)
            .cloned()
            .collect();
        for k in inside {
            st.remove(&k);
        }
    }
    if r.crd.is_none() && r.kind == "CustomResourceDefinition" {
        let group = get_str(&removed, &["spec", "group"])
            .unwrap_or("")
            .to_string();
        let plural = get_str(&removed, &["spec", "names", "plural"])
            .unwrap_or("")
            .to_string();
        let crs: Vec<Key> = st
            .objects
            .keys()
            .filter(|k| k.group == group && k.resource == plural)
            .cloned()
            .collect();
        for k in crs {
            st.remove(&k);
        }
        st.crd_pending.retain(|(k, _)| k != key);
    }
    // Garbage collection of dependents.
    let dependents: Vec<Key> = st
        .objects
        .iter()
        .filter(|(_, v)| {
            v.pointer("/metadata/ownerReferences")
                .and_then(Value::as_array)
                .is_some_and(|refs| refs.iter().any(|o| o.get("uid") == Some(&json!(uid))))
        })
        .map(|(k, _)| k.clone())
        .collect();
    for dk in dependents {
        let Some(dr) = st
            .resources()
            .into_iter()
            .find(|x| x.group == dk.group && x.plural == dk.resource)
        else {
            continue;
        };
        if policy == "Orphan" {
            if let Some(mut obj) = st.get(&dk).cloned() {
                if let Some(refs) = obj
                    .pointer_mut("/metadata/ownerReferences")
                    .and_then(Value::as_array_mut)
                {
                    refs.retain(|o| o.get("uid") != Some(&json!(uid)));
                    if refs.is_empty() {
                        util::remove(&mut obj, &["metadata", "ownerReferences"]);
                    }
                }
                st.put(dk, obj);
            }
        } else {
            delete_cascade(st, &dr, &dk, policy);
        }
    }
}
