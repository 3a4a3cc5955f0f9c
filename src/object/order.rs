//! The two orders objects are put in: kustomize's legacy build order (`--reorder legacy`) and
//! the apply order (fluxcd/pkg/ssa's current `ReconcileOrder`; docs/deploy.md, "Apply order").

use super::{Object, ObjectId};

/// kustomize's `defaultOrderFirst`/`defaultOrderLast` (SortOrderTransformer, legacy order).
const LEGACY_FIRST: [&str; 22] = [
    "Namespace",
    "ResourceQuota",
    "StorageClass",
    "CustomResourceDefinition",
    "ServiceAccount",
    "PodSecurityPolicy",
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "ConfigMap",
    "Secret",
    "Endpoints",
    "Service",
    "LimitRange",
    "PriorityClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "Deployment",
    "StatefulSet",
    "CronJob",
    "PodDisruptionBudget",
];
const WEBHOOKS_LAST: [&str; 2] = [
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// The apply order's first kinds (docs/deploy.md, "Apply order").
const APPLY_FIRST: [&str; 23] = [
    "CustomResourceDefinition",
    "Namespace",
    "ClusterRole",
    "ClusterClass",
    "RuntimeClass",
    "PriorityClass",
    "StorageClass",
    "VolumeSnapshotClass",
    "IngressClass",
    "GatewayClass",
    "ClusterRoleBinding",
    "ResourceQuota",
    "ServiceAccount",
    "Role",
    "RoleBinding",
    "ConfigMap",
    "Secret",
    "Service",
    "LimitRange",
    "Deployment",
    "StatefulSet",
    "CronJob",
    "PodDisruptionBudget",
];

/// Rank by kind: listed-first kinds are negative in list order, unlisted kinds 0, listed-last
/// kinds positive in list order.
fn rank<S: AsRef<str>>(first: &[S], last: &[S], kind: &str) -> i32 {
    if let Some(i) = first.iter().position(|k| k.as_ref() == kind) {
        return i as i32 - first.len() as i32;
    }
    match last.iter().position(|k| k.as_ref() == kind) {
        Some(i) => 1 + i as i32,
        None => 0,
    }
}

/// The apply rank of a kind (lower goes first; deletion uses the reverse order).
pub fn apply_rank(kind: &str) -> i32 {
    rank(&APPLY_FIRST, &WEBHOOKS_LAST, kind)
}

/// Sorts for applying: kind rank, then group, kind, namespace, name.
pub fn sort_for_apply(objects: &mut [Object]) {
    objects.sort_by_cached_key(|o| {
        let id = o.id().clone();
        (
            apply_rank(&id.kind),
            id.group,
            id.kind,
            id.namespace,
            id.name,
        )
    });
}

fn or_placeholder<'a>(s: &'a str, placeholder: &'a str) -> &'a str {
    if s.is_empty() {
        placeholder
    } else {
        s
    }
}

/// kustomize's `legacyGVKSortString` and `legacyResIDSortString` keys.
fn legacy_key<S: AsRef<str>>(id: &ObjectId, first: &[S], last: &[S]) -> (i32, String, String) {
    let gvk = format!(
        "{}_{}_{}",
        or_placeholder(&id.group, "~G"),
        or_placeholder(&id.version, "~V"),
        or_placeholder(&id.kind, "~K")
    );
    let ns_name = format!(
        "{}|{}",
        or_placeholder(&id.namespace, "~X"),
        or_placeholder(&id.name, "~N")
    );
    (rank(first, last, &id.kind), gvk, ns_name)
}

/// kustomize's default (legacy) output order.
pub fn sort_legacy_kustomize(objects: &mut Vec<Object>) {
    sort_legacy_kustomize_with(objects, &LEGACY_FIRST, &WEBHOOKS_LAST);
}

/// kustomize's legacy order with custom first and last kinds (`sortOptions`).
pub fn sort_legacy_kustomize_with<S: AsRef<str>>(
    objects: &mut Vec<Object>,
    first: &[S],
    last: &[S],
) {
    let mut keyed: Vec<((i32, String, String), Object)> = objects
        .drain(..)
        .map(|o| (legacy_key(o.id(), first, last), o))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    objects.extend(keyed.into_iter().map(|(_, o)| o));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::read_objects;

    fn kinds(objs: &[Object]) -> Vec<String> {
        objs.iter().map(|o| o.id().to_string()).collect()
    }

    const MIX: &str = "kind: ValidatingWebhookConfiguration\nmetadata: {name: w}\n---\nkind: Widget\napiVersion: x.io/v1\nmetadata: {name: w}\n---\nkind: Deployment\napiVersion: apps/v1\nmetadata: {name: d, namespace: b}\n---\nkind: Deployment\napiVersion: apps/v1\nmetadata: {name: d, namespace: a}\n---\nkind: Namespace\napiVersion: v1\nmetadata: {name: a}\n---\nkind: CustomResourceDefinition\napiVersion: apiextensions.k8s.io/v1\nmetadata: {name: c}\n";

    #[test]
    fn legacy_order() {
        let mut objs = read_objects(MIX, "f").unwrap();
        sort_legacy_kustomize(&mut objs);
        assert_eq!(
            kinds(&objs),
            vec![
                "Namespace/a",
                "CustomResourceDefinition/c",
                "Deployment/a/d",
                "Deployment/b/d",
                "Widget/w",
                "ValidatingWebhookConfiguration/w"
            ]
        );
    }

    #[test]
    fn apply_order() {
        let mut objs = read_objects(MIX, "f").unwrap();
        sort_for_apply(&mut objs);
        assert_eq!(
            kinds(&objs),
            vec![
                "CustomResourceDefinition/c",
                "Namespace/a",
                "Deployment/a/d",
                "Deployment/b/d",
                "Widget/w",
                "ValidatingWebhookConfiguration/w"
            ]
        );
        assert!(apply_rank("ClusterRole") < apply_rank("ServiceAccount"));
        assert_eq!(apply_rank("HorizontalPodAutoscaler"), 0);
    }
}
