//! Objects that failed, grouped by cause: an outage that fails 2,400 objects is reported as
//! one cause with its count and a few ids, not as 2,400 messages. The whole list stays
//! available for `-o json`.

use super::api::ApiError;
use super::ClusterError;
use serde::Serialize;
use std::fmt;

/// How many ids a grouped cause names before "and N more".
const SHOWN_IDS: usize = 3;

/// One object's failure.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// `Kind/namespace/name`.
    pub id: String,
    /// The whole message.
    pub error: String,
    /// What objects failing the same way share (the message without the object).
    #[serde(skip)]
    cause: String,
}

/// Failures out of `total` objects attempted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Failures {
    pub total: usize,
    pub failed: Vec<Failure>,
}

impl Failures {
    pub fn new(total: usize) -> Self {
        Failures {
            total,
            failed: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.failed.is_empty()
    }

    pub fn len(&self) -> usize {
        self.failed.len()
    }

    /// Records `error` for object `id`.
    pub fn push(&mut self, id: impl ToString, error: &ClusterError) {
        let cause = match error {
            // The server's own answers name the object; transport problems do not.
            ClusterError::Api { verb, error, .. }
                if !matches!(**error, ApiError::Status { .. }) =>
            {
                format!("{verb} failed: {error}")
            }
            other => other.to_string(),
        };
        self.failed.push(Failure {
            id: id.to_string(),
            error: error.to_string(),
            cause,
        });
    }

    /// Records a failure given in words.
    pub fn push_message(&mut self, id: impl ToString, message: impl ToString) {
        let message = message.to_string();
        self.failed.push(Failure {
            id: id.to_string(),
            error: message.clone(),
            cause: message,
        });
    }

    /// The result of a step: `Ok` when nothing failed; the one error itself when one object
    /// failed; else all of them, grouped.
    pub fn into_result(mut self, mut single: Vec<ClusterError>) -> Result<(), ClusterError> {
        match (self.failed.len(), single.len()) {
            (0, _) => Ok(()),
            (1, 1) => Err(single.remove(0)),
            _ => {
                self.total = self.total.max(self.failed.len());
                Err(ClusterError::Failed(self))
            }
        }
    }

    /// Causes in order of first appearance, with their objects.
    fn groups(&self) -> Vec<(&str, Vec<&Failure>)> {
        let mut groups: Vec<(&str, Vec<&Failure>)> = Vec::new();
        for f in &self.failed {
            match groups.iter_mut().find(|(cause, _)| *cause == f.cause) {
                Some((_, members)) => members.push(f),
                None => groups.push((&f.cause, vec![f])),
            }
        }
        groups
    }
}

impl fmt::Display for Failures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} objects failed: ",
            self.failed.len(),
            self.total
        )?;
        for (i, (cause, members)) in self.groups().iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            if let [only] = members.as_slice() {
                f.write_str(&only.error)?;
                continue;
            }
            let ids: Vec<&str> = members
                .iter()
                .take(SHOWN_IDS)
                .map(|m| m.id.as_str())
                .collect();
            write!(f, "{cause} ({} objects: {}", members.len(), ids.join(", "))?;
            if members.len() > SHOWN_IDS {
                write!(f, " and {} more", members.len() - SHOWN_IDS)?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unreachable(id: &str) -> ClusterError {
        ClusterError::Api {
            id: id.into(),
            verb: "apply",
            error: Box::new(ApiError::Transport {
                server: "https://10.0.0.1:6443".into(),
                problem: super::super::api::Problem::Refused,
            }),
        }
    }

    #[test]
    fn an_outage_is_one_cause_with_a_count_and_a_few_ids() {
        let mut failures = Failures::new(2400);
        for i in 0..2398 {
            failures.push(
                format!("ConfigMap/ns/c{i}"),
                &unreachable(&format!("ConfigMap/ns/c{i}")),
            );
        }
        let immutable = ClusterError::Immutable {
            id: "Deployment/ns/web".into(),
            field: "spec.selector".into(),
        };
        failures.push("Deployment/ns/web", &immutable);
        failures.push_message("Job/ns/j", "Job/ns/j could not be pruned");
        let text = failures.to_string();
        assert_eq!(
            text,
            "2400 of 2400 objects failed: apply failed: cannot reach the API server at \
             https://10.0.0.1:6443: connection refused (2398 objects: ConfigMap/ns/c0, \
             ConfigMap/ns/c1, ConfigMap/ns/c2 and 2395 more); Deployment/ns/web: field \
             spec.selector is immutable and the change was refused; Job/ns/j could not be pruned"
        );
        assert!(text.len() < 400);
        let json = serde_json::to_value(&failures).unwrap();
        assert_eq!(json["failed"].as_array().unwrap().len(), 2400);
    }

    #[test]
    fn a_single_failure_is_returned_as_itself() {
        let mut failures = Failures::new(3);
        let e = unreachable("ConfigMap/ns/a");
        failures.push("ConfigMap/ns/a", &e);
        let err = failures.into_result(vec![e]).unwrap_err();
        assert!(matches!(err, ClusterError::Api { .. }));
    }
}
