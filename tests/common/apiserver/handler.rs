//! Routing (like the apiserver's RequestInfo resolver), discovery and reads, and dispatch of
//! writes to `write`.

use super::discovery::{self, ResourceInfo};
use super::http::{path_decode, Request, Response};
use super::selector::{FieldSelector, LabelSelector};
use super::status::{ApiError, ApiResult};
use super::store::{served, Key, State};
use super::write::{self, Ctx};
use serde_json::{json, Map, Value};

pub enum Outcome {
    Respond(Response),
    Watch(Box<WatchSpec>),
}

pub struct WatchSpec {
    pub r: ResourceInfo,
    pub ns: Option<String>,
    pub labels: LabelSelector,
    pub fields: FieldSelector,
    /// Send the current objects first (no resourceVersion, "0", or sendInitialEvents).
    pub initial: bool,
    pub since: u64,
    pub bookmarks: bool,
    pub initial_end_bookmark: bool,
    pub timeout: std::time::Duration,
    /// Events carry Tables (`kubectl get -w`): `Some(includeObject)`.
    pub table: Option<String>,
}

fn not_found_text() -> Outcome {
    Outcome::Respond(Response::text(404, "404 page not found\n"))
}

fn err(e: ApiError) -> Outcome {
    Outcome::Respond(Response::json(e.code, &e.body))
}

fn ok(status: u16, v: &Value) -> Outcome {
    Outcome::Respond(Response::json(status, v))
}

pub fn handle(st: &mut State, req: &Request) -> Outcome {
    write::tick(st);
    if let Some(token) = &st.required_token {
        if req.header("authorization") != Some(format!("Bearer {token}").as_str()) {
            let body = super::status::status_body(401, "Unauthorized", "Unauthorized", None);
            return ok(401, &body);
        }
    }
    let path = path_decode(&req.path);
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let get = req.method == "GET" || req.method == "HEAD";
    let resources = st.resources();
    match segs.as_slice() {
        ["version"] if get => ok(200, &discovery::version_doc()),
        ["healthz" | "livez" | "readyz"] if get => Outcome::Respond(Response::text(200, "ok")),
        ["api"] if get => ok(200, &discovery::api_versions(&st.addr)),
        ["apis"] if get => ok(200, &discovery::api_group_list(&resources)),
        ["apis", g] if get => match discovery::api_group(&resources, g) {
            Some(d) => ok(200, &d),
            None => not_found_text(),
        },
        ["api", "v1"] if get => ok(
            200,
            &discovery::api_resource_list(&resources, "", "v1").unwrap(),
        ),
        ["apis", g, v] if get => match discovery::api_resource_list(&resources, g, v) {
            Some(d) => ok(200, &d),
            None => not_found_text(),
        },
        ["openapi", "v3"] if get => ok(200, &discovery::openapi_v3_root(&resources)),
        ["openapi", "v3", rest @ ..] if get => {
            let gv = match rest {
                ["api", v] => v.to_string(),
                ["apis", g, v] => format!("{g}/{v}"),
                _ => return not_found_text(),
            };
            match discovery::openapi_v3_doc(&resources, &gv) {
                Some(d) => ok(200, &d),
                None => not_found_text(),
            }
        }
        ["api", "v1", rest @ ..] => resource_request(st, req, "", "v1", rest),
        ["apis", g, v, rest @ ..] if !rest.is_empty() => resource_request(st, req, g, v, rest),
        ["api" | "apis" | "version", ..] => err(ApiError::generic(405, "")),
        _ => not_found_text(),
    }
}

fn resource_request(
    st: &mut State,
    req: &Request,
    group: &str,
    version: &str,
    rest: &[&str],
) -> Outcome {
    let builtin_gv = st.is_builtin_group_version(group, version);
    let resources = st.resources();
    if !resources
        .iter()
        .any(|r| r.group == group && r.version == version)
    {
        return not_found_text();
    }
    // RequestInfo: /namespaces/{ns}/{resource}/{name}/{subresource}
    let (ns, parts): (Option<&str>, &[&str]) = if rest[0] == "namespaces" && rest.len() > 1 {
        if rest.len() > 2 && !matches!(rest[2], "status" | "finalize") {
            (Some(rest[1]), &rest[2..])
        } else {
            (None, rest)
        }
    } else {
        (None, rest)
    };
    let plural = parts[0];
    let name = parts.get(1).copied();
    let sub = parts.get(2).copied();
    let unknown = || {
        if builtin_gv {
            err(ApiError::generic(404, ""))
        } else {
            not_found_text()
        }
    };
    if parts.len() > 3 {
        return unknown();
    }
    let Some(r) = resources
        .into_iter()
        .find(|r| r.group == group && r.version == version && r.plural == plural)
    else {
        return unknown();
    };
    if (r.namespaced && ns.is_none() && name.is_some()) || (!r.namespaced && ns.is_some()) {
        return unknown();
    }
    let status = match sub {
        None => false,
        Some("status") if r.status_subresource => true,
        Some(_) => return unknown(),
    };
    let dry_run_params = req.params("dryRun");
    if let Some(bad) = dry_run_params.iter().find(|v| *v != "All") {
        let kind = match req.method.as_str() {
            "POST" => "CreateOptions",
            "PUT" => "UpdateOptions",
            "PATCH" => "PatchOptions",
            _ => "DeleteOptions",
        };
        return err(ApiError::invalid(
            "meta.k8s.io",
            kind,
            "",
            &[super::status::FieldError::not_supported(
                "dryRun",
                format!("[]string{{{}}}", super::util::go_quote(bad)),
                &["All"],
            )],
        ));
    }
    let field_manager = req.param("fieldManager");
    let force = req.param("force").map(|f| f == "true" || f == "1");
    let ctx = Ctx {
        manager: write::manager_from(field_manager.as_deref(), req.header("user-agent")),
        r: r.clone(),
        ns: ns.map(String::from),
        name: name.map(String::from),
        status,
        dry_run: !dry_run_params.is_empty(),
        field_manager,
        force,
        field_validation: req.param("fieldValidation"),
    };
    let result: ApiResult<(u16, Value)> = match (req.method.as_str(), name) {
        ("GET" | "HEAD", Some(n)) => {
            let key = Key::of(&r, ns, n);
            match st.get(&key) {
                Some(obj) => {
                    let obj = served(&r, obj);
                    if wants_table(req) {
                        Ok((200, table(&[obj], st.rv, &include_param(req), true)))
                    } else {
                        Ok((200, obj))
                    }
                }
                None => Err(ApiError::not_found(&r.group, &r.plural, n)),
            }
        }
        ("GET" | "HEAD", None) => {
            let watch = req.param("watch").is_some_and(|w| w == "true" || w == "1");
            match list_or_watch(st, req, &r, ns, watch) {
                Ok(Some(v)) => Ok((200, v)),
                Ok(None) => {
                    return Outcome::Watch(Box::new(watch_spec(st, req, &r, ns)));
                }
                Err(e) => Err(e),
            }
        }
        ("POST", None) => {
            match write::parse_body(&req.body, req.header("content-type").unwrap_or("")) {
                Ok(body) => write::create(st, &ctx, &body),
                Err(e) => Err(e),
            }
        }
        ("PUT", Some(_)) => {
            match write::parse_body(&req.body, req.header("content-type").unwrap_or("")) {
                Ok(body) => write::update(st, &ctx, &body),
                Err(e) => Err(e),
            }
        }
        ("PATCH", Some(_)) => write::patch(
            st,
            &ctx,
            req.header("content-type").unwrap_or(""),
            &req.body,
        ),
        ("DELETE", Some(_)) if !status => write::delete(st, &ctx, &req.body),
        ("DELETE", None) if r.verbs.iter().any(|v| v == "deletecollection") => {
            delete_collection(st, req, &ctx)
        }
        _ => Err(ApiError::generic(405, "")),
    };
    match result {
        Ok((code, v)) => ok(code, &v),
        Err(e) => err(e),
    }
}

fn selectors(req: &Request) -> ApiResult<(LabelSelector, FieldSelector)> {
    Ok((
        LabelSelector::parse(&req.param("labelSelector").unwrap_or_default())?,
        FieldSelector::parse(&req.param("fieldSelector").unwrap_or_default())?,
    ))
}

/// `Ok(None)`: this is a watch.
fn list_or_watch(
    st: &State,
    req: &Request,
    r: &ResourceInfo,
    ns: Option<&str>,
    watch: bool,
) -> ApiResult<Option<Value>> {
    let (labels, fields) = selectors(req)?;
    if watch {
        return Ok(None);
    }
    let items: Vec<Value> = st
        .list(&r.group, &r.plural, ns)
        .into_iter()
        .map(|(_, v)| served(r, v))
        .filter(|v| labels.matches(v) && fields.matches(v))
        .collect();
    if wants_table(req) {
        return Ok(Some(table(&items, st.rv, &include_param(req), true)));
    }
    let items: Vec<Value> = items
        .into_iter()
        .map(|mut v| {
            if r.crd.is_none() {
                if let Some(m) = v.as_object_mut() {
                    m.shift_remove("kind");
                    m.shift_remove("apiVersion");
                }
            }
            v
        })
        .collect();
    Ok(Some(json!({
        "kind": format!("{}List", r.kind),
        "apiVersion": r.api_version(),
        "metadata": {"resourceVersion": st.rv.to_string()},
        "items": items,
    })))
}

fn watch_spec(st: &State, req: &Request, r: &ResourceInfo, ns: Option<&str>) -> WatchSpec {
    let (labels, fields) = selectors(req).unwrap_or_default();
    let rv = req.param("resourceVersion").unwrap_or_default();
    let send_initial = req.param("sendInitialEvents").as_deref() == Some("true");
    let initial = rv.is_empty() || rv == "0" || send_initial;
    let since = if initial {
        st.rv
    } else {
        rv.parse().unwrap_or(st.rv)
    };
    let timeout = req
        .param("timeoutSeconds")
        .and_then(|t| t.parse::<u64>().ok())
        .unwrap_or(1800);
    WatchSpec {
        r: r.clone(),
        ns: ns.map(String::from),
        labels,
        fields,
        initial,
        since,
        bookmarks: req.param("allowWatchBookmarks").as_deref() == Some("true"),
        initial_end_bookmark: send_initial,
        timeout: std::time::Duration::from_secs(timeout),
        table: wants_table(req).then(|| include_param(req)),
    }
}

/// The objects a watch starts with and the events after `since` that match it.
/// A watch event, its object as a Table when the watch asked for tables.
fn event(spec: &WatchSpec, kind: &str, obj: Value, rv: u64) -> Value {
    let object = match &spec.table {
        Some(include) => table(&[obj], rv, include, true),
        None => obj,
    };
    json!({"type": kind, "object": object})
}

pub fn watch_events(st: &State, spec: &WatchSpec, since: u64) -> Vec<Value> {
    let matches = |v: &Value| {
        spec.labels.matches(v)
            && spec.fields.matches(v)
            && spec
                .ns
                .as_deref()
                .is_none_or(|n| v.pointer("/metadata/namespace").and_then(Value::as_str) == Some(n))
    };
    st.events
        .iter()
        .filter(|e| e.rv > since && e.group == spec.r.group && e.resource == spec.r.plural)
        .map(|e| (e.kind, served(&spec.r, &e.object), e.rv))
        .filter(|(_, v, _)| matches(v))
        .map(|(k, v, rv)| event(spec, k, v, rv))
        .collect()
}

pub fn initial_events(st: &State, spec: &WatchSpec) -> Vec<Value> {
    st.list(&spec.r.group, &spec.r.plural, spec.ns.as_deref())
        .into_iter()
        .map(|(_, v)| served(&spec.r, v))
        .filter(|v| spec.labels.matches(v) && spec.fields.matches(v))
        .map(|v| event(spec, "ADDED", v, st.rv))
        .collect()
}

fn delete_collection(st: &mut State, req: &Request, ctx: &Ctx) -> ApiResult<(u16, Value)> {
    let (labels, fields) = selectors(req)?;
    let r = &ctx.r;
    let keys: Vec<(Key, Value)> = st
        .list(&r.group, &r.plural, ctx.ns.as_deref())
        .into_iter()
        .map(|(k, v)| (k.clone(), served(r, v)))
        .filter(|(_, v)| labels.matches(v) && fields.matches(v))
        .collect();
    let mut items = Vec::new();
    for (k, v) in keys {
        if !ctx.dry_run {
            write::delete_cascade(st, r, &k, "Background");
        }
        let mut v = v;
        if let Some(m) = v.as_object_mut() {
            if r.crd.is_none() {
                m.shift_remove("kind");
                m.shift_remove("apiVersion");
            }
        }
        items.push(v);
    }
    Ok((
        200,
        json!({
            "kind": format!("{}List", r.kind),
            "apiVersion": r.api_version(),
            "metadata": {"resourceVersion": st.rv.to_string()},
            "items": items,
        }),
    ))
}

fn wants_table(req: &Request) -> bool {
    req.header("accept").is_some_and(|a| a.contains("as=Table"))
}

/// Server-side printing with the columns of a custom resource without printer columns:
/// Name and Age (used for every kind here; built-in kinds have richer printers on real
/// servers).
pub fn table(items: &[Value], rv: u64, include: &str, columns: bool) -> Value {
    let rows: Vec<Value> = items
        .iter()
        .map(|v| {
            let md = v.get("metadata").cloned().unwrap_or(json!({}));
            let object = match include {
                "None" => Value::Null,
                "Object" => v.clone(),
                _ => json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": md}),
            };
            let mut row = Map::new();
            row.insert(
                "cells".into(),
                json!([
                    md.get("name").cloned().unwrap_or(json!("")),
                    super::util::human_age(
                        md.get("creationTimestamp").and_then(Value::as_str).unwrap_or("")
                    )
                ]),
            );
            if !object.is_null() {
                row.insert("object".into(), object);
            }
            Value::Object(row)
        })
        .collect();
    let mut t = json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {"resourceVersion": rv.to_string()},
        "columnDefinitions": [
            {"name": "Name", "type": "string", "format": "name", "description": "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", "priority": 0},
            {"name": "Age", "type": "date", "format": "", "description": "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata", "priority": 0}
        ],
        "rows": rows,
    });
    if !columns {
        t.as_object_mut().unwrap().shift_remove("columnDefinitions");
    }
    t
}

fn include_param(req: &Request) -> String {
    req.param("includeObject")
        .unwrap_or_else(|| "Metadata".into())
}
