//! Resource ids as kustomize prints them (kyaml's `resid` package).

use crate::object::ObjectId;

/// kustomize's `ResId.String()`: `Kind.version.group/name.namespace` with placeholders.
pub fn resid_string(id: &ObjectId) -> String {
    let or = |s: &str, none: &str| {
        if s.is_empty() {
            none.to_string()
        } else {
            s.to_string()
        }
    };
    format!(
        "{}.{}.{}/{}.{}",
        or(&id.kind, "[noKind]"),
        or(&id.version, "[noVer]"),
        or(&id.group, "[noGrp]"),
        or(&id.name, "[noName]"),
        or(&id.namespace, "[noNs]")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resid_strings() {
        let id = ObjectId {
            kind: "ConfigMap".into(),
            name: "nope".into(),
            ..Default::default()
        };
        assert_eq!(resid_string(&id), "ConfigMap.[noVer].[noGrp]/nope.[noNs]");
    }
}
