//! Change sets and saved plans: what `plan`, `diff`, `apply` and `teardown` report, and the
//! file `kzr plan --out` writes for `kzr apply --from`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::Path;
use thiserror::Error;

/// What happens (or happened) to one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Unchanged,
    Delete,
    Recreate,
    /// Left alone: a stale or torn-down object that no longer carries our owner labels, or is
    /// annotated `kzr.dev/prune: disabled`.
    Skip,
}

impl Action {
    /// The action's name as in JSON output (`create`, `update`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
            Action::Delete => "delete",
            Action::Recreate => "recreate",
            Action::Skip => "skip",
        }
    }

    /// The word `kzr apply` and `kzr teardown` print after the object id.
    pub fn past_tense(self) -> &'static str {
        match self {
            Action::Create => "created",
            Action::Update => "configured",
            Action::Unchanged => "unchanged",
            Action::Delete => "deleted",
            Action::Recreate => "recreated",
            Action::Skip => "skipped",
        }
    }

    /// The word `kzr diff` prints (`drifted` for an update, as kustomizer does).
    pub fn diff_word(self) -> &'static str {
        match self {
            Action::Update | Action::Recreate => "drifted",
            other => other.past_tense(),
        }
    }

    pub fn is_change(self) -> bool {
        !matches!(self, Action::Unchanged | Action::Skip)
    }
}

/// One changed field, values masked for Secrets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One object in a change set.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Change {
    /// `Kind/namespace/name`.
    pub id: String,
    pub action: Action,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
    /// Why an object was skipped, or what is special about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Counts per action, for the summary line.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Summary {
    pub create: usize,
    pub update: usize,
    pub recreate: usize,
    pub delete: usize,
    pub unchanged: usize,
    pub skip: usize,
}

impl Summary {
    pub fn of(changes: &[Change]) -> Summary {
        let mut s = Summary::default();
        for c in changes {
            *match c.action {
                Action::Create => &mut s.create,
                Action::Update => &mut s.update,
                Action::Recreate => &mut s.recreate,
                Action::Delete => &mut s.delete,
                Action::Unchanged => &mut s.unchanged,
                Action::Skip => &mut s.skip,
            } += 1;
        }
        s
    }

    pub fn has_changes(&self) -> bool {
        self.create + self.update + self.recreate + self.delete > 0
    }

    /// `N to create, M to update, K to delete` (recreations count as updates).
    pub fn plan_line(&self) -> String {
        let mut line = format!(
            "{} to create, {} to update, {} to delete",
            self.create,
            self.update + self.recreate,
            self.delete
        );
        if self.recreate > 0 {
            line.push_str(&format!(" ({} recreated)", self.recreate));
        }
        if self.skip > 0 {
            line.push_str(&format!(", {} left alone", self.skip));
        }
        line
    }
}

/// The live state a plan was computed against: `None` when the object did not exist.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Observed {
    /// `Kind/namespace/name`.
    pub id: String,
    #[serde(rename = "resourceVersion")]
    pub resource_version: Option<String>,
}

/// The saved plan (`kzr plan --out`): everything `kzr apply --from` needs to apply exactly it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedPlan {
    pub api_version: String,
    pub kind: String,
    pub inventory: InventoryRef,
    /// The default namespace objects were given.
    pub namespace: String,
    pub field_manager: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub revision: String,
    #[serde(default)]
    pub artifact: String,
    #[serde(default)]
    pub checksum: String,
    pub prune: bool,
    pub force: bool,
    pub create_namespace: bool,
    #[serde(default)]
    pub allow_empty: bool,
    /// The objects to apply, with namespaces defaulted and owner labels set.
    pub objects: Vec<Value>,
    /// Every object's (and every stale object's) live resourceVersion when planned.
    pub observed: Vec<Observed>,
    pub changes: Vec<Change>,
    /// `sha256:<hex>` of the plan without this field (compact JSON): `apply --from` refuses a
    /// plan whose content no longer matches, so a reviewed plan is applied exactly or not at
    /// all. It guards against edits, not against someone who recomputes it (not a signature).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub digest: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct InventoryRef {
    pub name: String,
    pub namespace: String,
    pub resource_version: Option<String>,
}

pub const PLAN_API_VERSION: &str = "kzr.dev/v1";
pub const PLAN_KIND: &str = "Plan";

#[derive(Debug, Error)]
pub enum SavedPlanError {
    #[error("cannot read plan {path}: {}", crate::explain::io_words(error))]
    Read { path: String, error: std::io::Error },
    #[error("{path} is not a kzr plan: {reason}")]
    Invalid { path: String, reason: String },
    #[error("{path} was modified after kzr plan wrote it (its content no longer matches its digest {digest})")]
    Modified { path: String, digest: String },
}

impl crate::explain::Hint for SavedPlanError {
    fn hint(&self) -> Option<&'static str> {
        match self {
            SavedPlanError::Modified { .. } => {
                Some("a saved plan is applied exactly as reviewed: run kzr plan --out again")
            }
            _ => None,
        }
    }
}

impl SavedPlan {
    pub fn read(path: &Path) -> Result<SavedPlan, SavedPlanError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| SavedPlanError::Read {
            path: shown.clone(),
            error: source,
        })?;
        let plan: SavedPlan = serde_json::from_str(&text).map_err(|e| SavedPlanError::Invalid {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        let invalid = |reason: String| SavedPlanError::Invalid {
            path: shown.clone(),
            reason,
        };
        if plan.api_version != PLAN_API_VERSION || plan.kind != PLAN_KIND {
            return Err(invalid(format!(
                "expected apiVersion {PLAN_API_VERSION} and kind {PLAN_KIND}, found {} {}",
                plan.api_version, plan.kind
            )));
        }
        if plan.digest.is_empty() {
            return Err(invalid("it has no digest".into()));
        }
        if plan.content_digest() != plan.digest {
            return Err(SavedPlanError::Modified {
                path: shown,
                digest: plan.digest,
            });
        }
        for (i, object) in plan.objects.iter().enumerate() {
            let field = |path: &[&str]| {
                path.iter()
                    .try_fold(object, |v, k| v.get(k))
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.is_empty())
            };
            for (path, name) in [
                (&["apiVersion"][..], "apiVersion"),
                (&["kind"][..], "kind"),
                (&["metadata", "name"][..], "metadata.name"),
            ] {
                if !field(path) {
                    return Err(invalid(format!("objects[{i}] has no {name}")));
                }
            }
        }
        Ok(plan)
    }

    /// The digest of the plan's content: everything but the digest itself.
    fn content_digest(&self) -> String {
        let unsigned = SavedPlan {
            digest: String::new(),
            ..self.clone()
        };
        let compact = serde_json::to_string(&unsigned).unwrap_or_default();
        format!("sha256:{}", crate::artifact::sha256_hex(compact.as_bytes()))
    }

    /// The plan as written to disk, with its digest.
    pub fn to_json(&self) -> String {
        let sealed = SavedPlan {
            digest: self.content_digest(),
            ..self.clone()
        };
        let mut s = serde_json::to_string_pretty(&sealed).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn saved(dir: &Path, plan: &SavedPlan, edit: impl Fn(&str) -> String) -> PathBuf {
        let path = dir.join("plan.json");
        std::fs::write(&path, edit(&plan.to_json())).unwrap();
        path
    }

    #[test]
    fn a_saved_plan_reads_back_only_unmodified_and_with_named_objects() {
        let dir = tempfile::tempdir().unwrap();
        let mut plan = SavedPlan {
            api_version: PLAN_API_VERSION.into(),
            kind: PLAN_KIND.into(),
            inventory: InventoryRef {
                name: "app".into(),
                namespace: "default".into(),
                resource_version: None,
            },
            namespace: "default".into(),
            field_manager: "kzr".into(),
            source: String::new(),
            revision: String::new(),
            artifact: String::new(),
            checksum: String::new(),
            prune: true,
            force: false,
            create_namespace: false,
            allow_empty: false,
            objects: vec![serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": "a"}})],
            observed: vec![],
            changes: vec![],
            digest: String::new(),
        };
        let read = SavedPlan::read(&saved(dir.path(), &plan, str::to_string)).unwrap();
        assert_eq!(read.objects, plan.objects);
        // Whitespace does not change the content.
        assert!(SavedPlan::read(&saved(dir.path(), &plan, |s| s.replace("\n", "\n  "))).is_ok());
        let e = SavedPlan::read(&saved(dir.path(), &plan, |s| s.replace("\"a\"", "\"b\"")))
            .unwrap_err();
        assert!(matches!(e, SavedPlanError::Modified { .. }), "{e}");
        let e = SavedPlan::read(&saved(dir.path(), &plan, |s| {
            s.replace("\"prune\": true", "\"prune\": false")
        }))
        .unwrap_err();
        assert!(matches!(e, SavedPlanError::Modified { .. }), "{e}");
        // A plan made with a nameless object (digest and all) is still refused.
        plan.objects[0]["metadata"] = serde_json::json!({});
        let e = SavedPlan::read(&saved(dir.path(), &plan, str::to_string)).unwrap_err();
        assert!(
            e.to_string().contains("objects[0] has no metadata.name"),
            "{e}"
        );
    }

    #[test]
    fn summary_line() {
        let c = |action| Change {
            id: "ConfigMap/a/b".into(),
            action,
            changes: vec![],
            note: None,
        };
        let s = Summary::of(&[
            c(Action::Create),
            c(Action::Update),
            c(Action::Delete),
            c(Action::Unchanged),
        ]);
        assert_eq!(s.plan_line(), "1 to create, 1 to update, 1 to delete");
        assert!(s.has_changes());
        assert!(!Summary::of(&[c(Action::Unchanged)]).has_changes());
    }
}
