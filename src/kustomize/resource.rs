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
    /// Made by a ConfigMap or Secret generator (kustomize marks it with its behavior).
    pub generated: bool,
    /// The legacy `vars` whose `objref` names this resource.
    pub ref_vars: Vec<String>,
    /// Map entries that are one YAML node in kustomize. A labels or annotations transformer
    /// (kyaml's `SetEntry`) makes one node per key and appends that same node wherever it
    /// creates the key, and later writes to an existing entry overwrite the node in place,
    /// so a write at one of these paths is seen at all of them. Each group has two or more
    /// paths.
    pub aliases: Vec<Vec<FieldPath>>,
    /// A replacement wrote text that does not fit a typed field (at this path): kustomize
    /// fails with this error when it writes the resource out, unless a patch replaced the
    /// node by then.
    pub undecodable: Option<(String, FieldPath)>,
    /// Scalars kustomize rewrote as untagged nodes (the images transformer): a replacement's
    /// text written there takes the type it reads as (`80` becomes a number), where a tagged
    /// string field would keep it a string.
    pub untagged: Vec<FieldPath>,
    /// Mappings (JSON pointers) that were null in the source and became mappings while
    /// building: kyaml keeps such a node tagged null, so a strategic merge that walks it
    /// makes it null again.
    pub null_maps: Vec<String>,
}

/// One step into an object: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A concrete path to a value inside an object.
pub type FieldPath = Vec<Step>;

/// The value at `path`, if there is one.
pub fn value_at<'a>(v: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(v, |cur, step| match step {
        Step::Key(k) => cur.as_object()?.get(k),
        Step::Index(i) => cur.as_array()?.get(*i),
    })
}

/// The value at `path`, if there is one, to change.
pub fn value_at_mut<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |cur, step| match step {
        Step::Key(k) => cur.as_object_mut()?.get_mut(k),
        Step::Index(i) => cur.as_array_mut()?.get_mut(*i),
    })
}

/// A node's scalar text (kyaml's `Value`); mappings and lists have none.
pub fn node_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_string(),
        Value::Object(_) | Value::Array(_) => String::new(),
    }
}

/// kustomize's `config.kubernetes.io/local-config` annotation is set to anything but
/// `"false"` (`Factory.DropLocalNodes`).
pub fn is_local_config(value: &Value) -> bool {
    value
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(LOCAL_CONFIG_ANNOTATION))
        .is_some_and(|v| crate::object::scalar_text(v).unwrap_or_default() != "false")
}

const LOCAL_CONFIG_ANNOTATION: &str = "config.kubernetes.io/local-config";

/// The values of each alias group before an edit, to see what it changed.
pub struct AliasSnapshot(Vec<Vec<Option<Value>>>);

/// After an in-place write of `path` (whose value was `old`), the other paths that share
/// its node and still hold `old` take the new value.
pub fn propagate_write(v: &mut Value, aliases: &[Vec<FieldPath>], path: &[Step], old: &Value) {
    let Some(new) = value_at(v, path).cloned() else {
        return;
    };
    for group in aliases.iter().filter(|g| g.iter().any(|p| p == path)) {
        for other in group.iter().filter(|p| p.as_slice() != path) {
            if let Some(slot) = value_at_mut(v, other).filter(|slot| **slot == *old) {
                *slot = new.clone();
            }
        }
    }
}

thread_local! {
    /// The OpenAPI schema in force for the build on this thread: like kyaml's global
    /// schema, a custom one decides the scope of the kinds it lists. This is the only place
    /// the schema is kept: the build sets it as kustomizations name one, its worker threads
    /// copy it (see `par`), and a kustomization's strategic merge patches borrow the one in
    /// force when its transformers start.
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

#[cfg(test)]
impl Resource {
    /// A resource from a value, as if read from `res.yaml` (for unit tests).
    pub fn for_test(v: Value) -> Resource {
        let origin = crate::object::Origin {
            file: "res.yaml".into(),
            line: 1,
        };
        Resource::from_object(Object::new(v, origin).expect("a test object"))
    }
}

impl Resource {
    pub fn from_object(mut object: Object) -> Self {
        // kustomize's reader gives every resource its own annotations while it builds, so an
        // `annotations: null` is a map from the start (removed again at the end when empty).
        let mut null_maps = Vec::new();
        if object
            .as_value()
            .pointer("/metadata/annotations")
            .is_some_and(Value::is_null)
        {
            let _ = object.edit(|v| {
                v["metadata"]["annotations"] = Value::Object(Default::default());
                Ok(())
            });
            null_maps.push("/metadata/annotations".to_string());
        }
        Resource {
            object,
            previous: Vec::new(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
            needs_hash: false,
            generated: false,
            ref_vars: Vec::new(),
            aliases: Vec::new(),
            undecodable: None,
            untagged: Vec::new(),
            null_maps,
        }
    }

    /// The values at the aliased paths, before an edit that may write one of them in place
    /// (strategic merge, replacements, vars); `None` without aliases.
    pub fn alias_snapshot(&self) -> Option<AliasSnapshot> {
        if self.aliases.is_empty() {
            return None;
        }
        let v = self.object.as_value();
        Some(AliasSnapshot(
            self.aliases
                .iter()
                .map(|g| g.iter().map(|p| value_at(v, p).cloned()).collect())
                .collect(),
        ))
    }

    /// After an edit: a value changed at one aliased path is written at the others of its
    /// group that still hold the old value; paths whose entry is gone leave their group.
    pub fn propagate_aliases(&mut self, snapshot: Option<AliasSnapshot>) {
        let Some(AliasSnapshot(before)) = snapshot else {
            return;
        };
        let mut aliases = std::mem::take(&mut self.aliases);
        let _ = self.object.edit(|v| {
            for (group, old) in aliases.iter_mut().zip(before) {
                let changed = group
                    .iter()
                    .zip(&old)
                    .find_map(|(p, o)| match (value_at(v, p), o) {
                        (Some(now), Some(o)) if now != o => Some(now.clone()),
                        _ => None,
                    });
                if let Some(new) = changed {
                    for (p, o) in group.iter().zip(&old) {
                        if let (Some(slot), Some(o)) = (value_at_mut(v, p), o) {
                            if slot == o {
                                *slot = new.clone();
                            }
                        }
                    }
                }
                group.retain(|p| value_at(v, p).is_some());
            }
            Ok(())
        });
        aliases.retain(|g| g.len() >= 2);
        self.aliases = aliases;
    }

    /// kustomize wrote the annotations back as a new map (`SetAnnotations`): no alias
    /// reaches into them, and they are no longer a null node filled in place.
    pub fn annotations_rewritten(&mut self) {
        self.forget_aliases_under(&["metadata", "annotations"]);
        self.null_maps.retain(|p| p != "/metadata/annotations");
    }

    /// Forgets the aliases of entries under `prefix`, which kustomize rebuilt (it writes
    /// `metadata.annotations` whenever it records a previous id).
    pub fn forget_aliases_under(&mut self, prefix: &[&str]) {
        if self.aliases.is_empty() {
            return;
        }
        let under = |p: &FieldPath| {
            p.len() > prefix.len()
                && p.iter()
                    .zip(prefix)
                    .all(|(s, k)| matches!(s, Step::Key(x) if x == k))
        };
        for group in &mut self.aliases {
            group.retain(|p| !under(p));
        }
        self.aliases.retain(|g| g.len() >= 2);
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

    /// kustomize keeps build annotations on this resource (its generator behavior, earlier
    /// ids), so its `metadata.annotations` is a mapping during the build even when the
    /// output has none.
    pub fn has_build_annotations(&self) -> bool {
        self.generated || !self.previous.is_empty()
    }

    /// Records the current id before a transformation that may rename.
    pub fn store_previous_id(&mut self) {
        // kustomize sets the previous-id annotations one by one into the node it has
        // (`SetAnnotation`), so a null node filled in place stays one.
        self.forget_aliases_under(&["metadata", "annotations"]);
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
