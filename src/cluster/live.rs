//! Reading the live objects of many targets at once: one LIST per (kind, namespace) shared
//! by several targets, instead of a GET per object (docs/deploy.md, "The no-op fast path").

use super::api::{ApiError, ResourceRef};
use super::{ClusterError, PreparedObject, Session};
use futures::stream::{self, StreamExt};
use serde_json::Value;
use std::collections::HashMap;

/// A LIST is only worth it when a collection holds not many more objects than the targets
/// in it: one request reads at most this many times the targets (plus a margin); a larger
/// collection is read object by object instead.
const LIST_FACTOR: usize = 4;
const LIST_MARGIN: usize = 100;

/// What is known of one target's live object before examining it.
pub(super) enum LiveState {
    /// Not read yet: GET it.
    Unknown,
    /// Read by a LIST: the object, or `None` when the collection does not hold it.
    Known(Option<Value>),
}

/// Live objects of the collections that were listed, by collection and name.
#[derive(Default)]
pub(super) struct LiveObjects {
    listed: HashMap<(ResourceRef, String), HashMap<String, Value>>,
}

impl LiveObjects {
    pub(super) fn state(&self, t: &PreparedObject) -> LiveState {
        let Some(r) = &t.resource else {
            return LiveState::Unknown;
        };
        match self.listed.get(&(r.clone(), t.id.namespace.clone())) {
            Some(objects) => LiveState::Known(objects.get(&t.id.name).cloned()),
            None => LiveState::Unknown,
        }
    }
}

impl Session {
    /// Lists every collection that two or more targets share. A collection that is too large
    /// is left out, and its targets are read one by one.
    pub(super) async fn list_live(
        &self,
        targets: &[&PreparedObject],
    ) -> Result<LiveObjects, ClusterError> {
        let mut shared: HashMap<(ResourceRef, String), Vec<&PreparedObject>> = HashMap::new();
        for t in targets {
            if let Some(r) = &t.resource {
                shared
                    .entry((r.clone(), t.id.namespace.clone()))
                    .or_default()
                    .push(t);
            }
        }
        let lists = stream::iter(shared.into_iter().filter(|(_, m)| m.len() >= 2))
            .map(|((r, namespace), members)| async move {
                let id = &members[0].id;
                let limit = members.len() * LIST_FACTOR + LIST_MARGIN;
                let listed = self
                    .api
                    .list_at_most(&r, &namespace, (&id.api_version(), &id.kind), limit)
                    .await;
                match listed {
                    Ok(items) => Ok(items.map(|items| ((r, namespace), items))),
                    // Allowed to get but not to list (RBAC): read the objects one by one.
                    Err(ApiError::Status { .. }) => Ok(None),
                    Err(e) => Err(ClusterError::api(id, "list")(e)),
                }
            })
            .buffer_unordered(self.concurrency)
            .collect::<Vec<_>>()
            .await;
        let mut live = LiveObjects::default();
        for listed in lists {
            if let Some((collection, items)) = listed? {
                let by_name = items
                    .into_iter()
                    .filter_map(|o| Some((o["metadata"]["name"].as_str()?.to_string(), o)))
                    .collect();
                live.listed.insert(collection, by_name);
            }
        }
        Ok(live)
    }
}
