//! A resource in a kustomize build: the object plus the bookkeeping kustomize keeps about it
//! (the ids it had before renames, the prefixes and suffixes applied, whether its name gets
//! a content hash).

use super::schema::OpenApi;
use crate::object::{Object, ObjectId};
use serde_json::Value;
use std::cell::RefCell;

#[derive(Debug, Clone)]
pub struct Resource {
    object: Object,
    /// Ids this resource had before it was renamed, oldest first (kustomize's
    /// `previousNames`, `previousNamespaces`, `previousKinds`).
    previous: Vec<ObjectId>,
    pub prefixes: Vec<String>,
    pub suffixes: Vec<String>,
    /// A generated ConfigMap or Secret whose name gets `-<hash>` at the end of the build.
    pub needs_hash: bool,
    /// The legacy `vars` whose `objref` names this resource.
    pub ref_vars: Vec<String>,
}

thread_local! {
    /// The OpenAPI schema in force for the build on this thread: like kyaml's global
    /// schema, a custom one decides the scope of the kinds it lists.
    static SCHEMA: RefCell<OpenApi> = const { RefCell::new(OpenApi::Builtin) };
}

/// Makes `schema` the one in force on this thread (see [`is_cluster`]).
pub fn set_schema(schema: OpenApi) {
    SCHEMA.with(|s| *s.borrow_mut() = schema);
}

/// The schema in force on this thread, for worker threads of the same build.
pub fn current_schema() -> OpenApi {
    SCHEMA.with(|s| s.borrow().clone())
}

/// The kind of `id` is cluster-scoped, by the schema in force.
pub fn is_cluster(id: &ObjectId) -> bool {
    SCHEMA.with(|s| s.borrow().cluster_scoped(&id.group, &id.version, &id.kind))
}

/// kustomize's "effective namespace": none for cluster-scoped kinds, `default` for
/// namespaced objects without one.
pub fn effective_namespace(id: &ObjectId) -> &str {
    if is_cluster(id) {
        ""
    } else if id.namespace.is_empty() {
        "default"
    } else {
        &id.namespace
    }
}

impl Resource {
    pub fn from_object(object: Object) -> Self {
        Resource {
            object,
            previous: Vec::new(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
            needs_hash: false,
            ref_vars: Vec::new(),
        }
    }

    pub fn object(&self) -> &Object {
        &self.object
    }

    pub fn object_mut(&mut self) -> &mut Object {
        &mut self.object
    }

    /// Edits the object's value in place (its id follows); errors name the object.
    pub fn edit<T>(
        &mut self,
        f: impl FnOnce(&mut Value) -> Result<T, String>,
    ) -> Result<T, String> {
        let id = self.object.id().clone();
        self.object.edit(f).map_err(|e| format!("{id}: {e}"))
    }

    /// Replaces the object (after a transformation), keeping the bookkeeping.
    pub fn replace_object(&mut self, object: Object) {
        self.object = object;
    }

    pub fn into_object(self) -> Object {
        self.object
    }

    /// Records the current id before a transformation that may rename.
    pub fn store_previous_id(&mut self) {
        self.previous.push(self.object.id().clone());
    }

    /// The id the resource was loaded or generated with.
    pub fn original_id(&self) -> ObjectId {
        self.previous
            .first()
            .cloned()
            .unwrap_or_else(|| self.object.id().clone())
    }

    pub fn previous_ids(&self) -> &[ObjectId] {
        &self.previous
    }

    /// The current id or any earlier one satisfies `pred`.
    pub fn any_id(&self, pred: impl Fn(&ObjectId) -> bool) -> bool {
        pred(self.object.id()) || self.previous.iter().any(pred)
    }
}
