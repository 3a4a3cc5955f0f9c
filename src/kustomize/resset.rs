//! The resources accumulated for one kustomization (kustomize's `ResAccumulator`).

use super::error::BuildError;
use super::fieldspec::{self, TransformerConfig};
use super::resource::{self, Resource};
use super::vars;
use crate::object::{IdSet, ObjectId};

/// What makes a resource unique in a build: kustomize compares ids by effective namespace,
/// so `namespace: default` and no namespace are the same place.
fn unique_key(id: &ObjectId) -> ObjectId {
    ObjectId {
        namespace: resource::effective_namespace(id).to_string(),
        ..id.clone()
    }
}

/// The resources of a kustomization being built (refusing duplicate ids), with the
/// transformer configuration in force for it.
pub struct ResSet {
    pub items: Vec<Resource>,
    ids: IdSet,
    pub config: TransformerConfig,
    /// The legacy `vars` declared so far.
    pub vars: vars::VarSet,
    /// A strategic merge patch has been applied to these resources (kyaml then has its
    /// schema loaded).
    pub merged_strategically: bool,
}

impl Default for ResSet {
    fn default() -> Self {
        ResSet {
            items: Vec::new(),
            ids: IdSet::default(),
            config: fieldspec::builtin().clone(),
            vars: vars::VarSet::default(),
            merged_strategically: false,
        }
    }
}

impl ResSet {
    pub fn merge_config(
        &mut self,
        other: &TransformerConfig,
        file: &str,
    ) -> Result<(), BuildError> {
        self.config
            .merge(other)
            .map_err(|message| BuildError::Invalid {
                file: file.to_string(),
                message,
            })
    }

    /// Rebuilds the id index after transformers renamed or removed resources, refusing
    /// collisions they created.
    pub fn reindex(&mut self, file: &str) -> Result<(), BuildError> {
        self.ids.clear();
        for r in &self.items {
            let id = r.object().id().clone();
            if !self.ids.insert(unique_key(&id)) {
                return Err(BuildError::DuplicateId {
                    file: file.to_string(),
                    id: Box::new(id),
                });
            }
        }
        Ok(())
    }

    pub fn append(&mut self, resources: Vec<Resource>, file: &str) -> Result<(), BuildError> {
        for r in resources {
            let id = r.object().id().clone();
            if !self.ids.insert(unique_key(&id)) {
                return Err(BuildError::DuplicateId {
                    file: file.to_string(),
                    id: Box::new(id),
                });
            }
            self.items.push(r);
        }
        Ok(())
    }
}
