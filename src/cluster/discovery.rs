//! API discovery, one group/version at a time: only the versions the objects use are asked
//! for, and a version can be forgotten so that kinds added by a new CRD become visible.

use super::api::{Api, ApiError, ResourceRef};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// `Some(resources)` when the group/version is served, `None` when the server has no such version.
type Served = Option<Arc<HashMap<String, ResourceRef>>>;

#[derive(Default)]
pub struct Discovery {
    cache: Mutex<HashMap<String, Served>>,
}

impl Discovery {
    /// The resource for `kind` in `api_version`, or `None` when the cluster does not serve it.
    pub async fn resolve(
        &self,
        api: &Api,
        api_version: &str,
        kind: &str,
    ) -> Result<Option<ResourceRef>, ApiError> {
        let served = self.group_version(api, api_version).await?;
        Ok(served.and_then(|kinds| kinds.get(kind).cloned()))
    }

    /// Drops what is known of a group/version; the next `resolve` asks the server again.
    pub fn forget(&self, api_version: &str) {
        self.lock().remove(api_version);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Served>> {
        // A panic elsewhere cannot leave the cache inconsistent: entries are replaced whole.
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn group_version(&self, api: &Api, api_version: &str) -> Result<Served, ApiError> {
        if let Some(served) = self.lock().get(api_version) {
            return Ok(served.clone());
        }
        let (group, version) = match api_version.split_once('/') {
            Some((g, v)) => (g, v),
            None => ("", api_version),
        };
        let path = if group.is_empty() {
            format!("/api/{version}")
        } else {
            format!("/apis/{group}/{version}")
        };
        let served = match api.get_path(&path).await {
            Ok(list) => Some(Arc::new(parse_resource_list(&list, group, version))),
            Err(e) if e.is_not_found() => None,
            Err(e) => return Err(e),
        };
        self.lock().insert(api_version.to_string(), served.clone());
        Ok(served)
    }
}

/// Kind → resource from an `APIResourceList` (subresources such as `deployments/status` skipped).
fn parse_resource_list(list: &Value, group: &str, version: &str) -> HashMap<String, ResourceRef> {
    let mut kinds = HashMap::new();
    let Some(Value::Array(resources)) = list.get("resources") else {
        return kinds;
    };
    for r in resources {
        let (Some(name), Some(kind)) = (
            r.get("name").and_then(Value::as_str),
            r.get("kind").and_then(Value::as_str),
        ) else {
            continue;
        };
        if name.contains('/') {
            continue;
        }
        kinds
            .entry(kind.to_string())
            .or_insert_with(|| ResourceRef {
                group: group.to_string(),
                version: version.to_string(),
                plural: name.to_string(),
                namespaced: r.get("namespaced").and_then(Value::as_bool).unwrap_or(true),
            });
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_list() {
        let list = serde_json::json!({"resources": [
            {"name": "deployments", "kind": "Deployment", "namespaced": true},
            {"name": "deployments/status", "kind": "Deployment", "namespaced": true},
            {"name": "namespaces", "kind": "Namespace", "namespaced": false},
        ]});
        let kinds = parse_resource_list(&list, "apps", "v1");
        assert_eq!(kinds["Deployment"].plural, "deployments");
        assert!(!kinds["Namespace"].namespaced);
        assert_eq!(kinds.len(), 2);
    }
}
