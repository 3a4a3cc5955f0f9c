//! OCI registries: `oci://` references, connecting (plain HTTP for loopback hosts or
//! `--plain-http`, TLS otherwise), credentials, retries on transient failures, and the
//! operations the artifact verbs need, over kzr's own small distribution-API client
//! (`transport`, `auth`). Credentials never appear in errors or logs.
//!
//! One file per operation, as Flux's `oci/client` has them: `push`, `pull`, `manifest`,
//! `tag`, `copy` and `list` are methods of the one client in `client`. `artifact_ref` parses
//! the references they take, `disk` serves `oci-layout:` and `oci-archive:` ones (over
//! `layout`), and `registry_error` holds the error they return. Below them, `transport` and
//! `auth` speak HTTP and fail with `error`'s `HttpError`; `links` reads the URLs in the
//! registry's answers.

mod artifact_ref;
mod auth;
mod client;
mod copy;
pub mod credentials;
mod disk;
mod error;
pub mod layout;
mod links;
mod list;
mod manifest;
mod progress;
mod pull;
mod push;
pub mod reference;
mod registry_error;
mod tag;
mod transport;

pub use artifact_ref::{with_scheme, ArtifactRef, Location, ARCHIVE_SCHEME, LAYOUT_SCHEME};
pub use client::{block_on, Options, Registry};
pub use copy::copy_between;
pub use pull::Pulled;
pub use reference::Reference;
pub use registry_error::RegistryError;
