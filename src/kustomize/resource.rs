//! A resource in a kustomize build: the object plus the bookkeeping kustomize keeps about it.

use crate::object::Object;

#[derive(Debug, Clone)]
pub struct Resource {
    object: Object,
    /// The name the object was loaded or generated with. Name references in other objects
    /// are written against it and re-pointed to the final name at the end of the build.
    pub original_name: String,
    /// The namespace it was loaded or generated with.
    pub original_namespace: String,
}

impl Resource {
    pub fn from_object(object: Object) -> Self {
        let id = object.id();
        Resource {
            object,
            original_name: id.name,
            original_namespace: id.namespace,
        }
    }

    pub fn object(&self) -> &Object {
        &self.object
    }

    pub fn object_mut(&mut self) -> &mut Object {
        &mut self.object
    }

    pub fn into_object(self) -> Object {
        self.object
    }
}
