//! Object identity and its string forms (kustomizer's `Kind/ns/name` and the inventory id).

use std::fmt;
use thiserror::Error;

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectId {
    pub group: String,
    pub version: String,
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

#[derive(Debug, Error, PartialEq)]
#[error("invalid inventory id {id:?}: {reason}")]
pub struct InventoryIdError {
    pub id: String,
    pub reason: &'static str,
}

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";
const RBAC_KINDS: [&str; 4] = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

impl ObjectId {
    fn is_rbac(group: &str, kind: &str) -> bool {
        group == RBAC_GROUP && RBAC_KINDS.contains(&kind)
    }

    /// `apiVersion` as written in manifests: `group/version`, or `version` for the core group.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// The inventory entry id `<namespace>_<name>_<group>_<kind>` (cli-utils'
    /// `ObjMetadata.String()`); RBAC names write `:` as `__`.
    pub fn inventory_id(&self) -> String {
        let name = if Self::is_rbac(&self.group, &self.kind) {
            self.name.replace(':', "__")
        } else {
            self.name.clone()
        };
        format!("{}_{}_{}_{}", self.namespace, name, self.group, self.kind)
    }

    /// Parses an inventory entry id; the version comes from the entry's `ver` field.
    pub fn from_inventory_id(id: &str, version: &str) -> Result<Self, InventoryIdError> {
        let bad = |reason| InventoryIdError {
            id: id.to_string(),
            reason,
        };
        let (namespace, rest) = id.split_once('_').ok_or_else(|| bad("no '_' separators"))?;
        let (rest, kind) = rest.rsplit_once('_').ok_or_else(|| bad("missing kind"))?;
        let (name, group) = rest.rsplit_once('_').ok_or_else(|| bad("missing group"))?;
        let name = if Self::is_rbac(group, kind) {
            name.replace("__", ":")
        } else {
            name.to_string()
        };
        if name.contains('_') {
            return Err(bad("name contains '_'"));
        }
        if kind.is_empty() || name.is_empty() {
            return Err(bad("empty kind or name"));
        }
        Ok(ObjectId {
            group: group.to_string(),
            version: version.to_string(),
            kind: kind.to_string(),
            namespace: namespace.to_string(),
            name,
        })
    }
}

/// `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects.
impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            write!(f, "{}/{}", self.kind, self.name)
        } else {
            write!(f, "{}/{}/{}", self.kind, self.namespace, self.name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(g: &str, k: &str, ns: &str, n: &str) -> ObjectId {
        ObjectId {
            group: g.into(),
            version: "v1".into(),
            kind: k.into(),
            namespace: ns.into(),
            name: n.into(),
        }
    }

    #[test]
    fn string_forms_match_kustomizer() {
        assert_eq!(
            id("", "Namespace", "", "demo").inventory_id(),
            "_demo__Namespace"
        );
        assert_eq!(
            id("apps", "Deployment", "demo", "backend").inventory_id(),
            "demo_backend_apps_Deployment"
        );
        assert_eq!(
            id("apps", "Deployment", "demo", "b").to_string(),
            "Deployment/demo/b"
        );
        assert_eq!(
            id("", "Namespace", "", "demo").to_string(),
            "Namespace/demo"
        );
        let rbac = id(RBAC_GROUP, "ClusterRole", "", "system:x");
        assert_eq!(
            rbac.inventory_id(),
            "_system__x_rbac.authorization.k8s.io_ClusterRole"
        );
    }

    #[test]
    fn inventory_ids_round_trip() {
        for i in [
            id("", "Namespace", "", "demo"),
            id("apps", "Deployment", "demo", "backend"),
            id(RBAC_GROUP, "ClusterRole", "", "system:x"),
        ] {
            assert_eq!(
                ObjectId::from_inventory_id(&i.inventory_id(), "v1").unwrap(),
                i
            );
        }
        assert!(ObjectId::from_inventory_id("ns_a_b_c_apps_Deployment", "v1").is_err());
        assert!(ObjectId::from_inventory_id("nounderscore", "v1").is_err());
    }
}

/// A fast, deterministic hasher (FNV-1a) for sets of ids built on every transformation;
/// the ids come from the user's own manifests, so hash flooding is not a concern.
#[derive(Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A `HashSet` of ids with the fast hasher.
pub type IdSet = std::collections::HashSet<ObjectId, std::hash::BuildHasherDefault<IdHasher>>;
