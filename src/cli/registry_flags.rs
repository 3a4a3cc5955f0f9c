//! Flags shared by the verbs that talk to registries.

use crate::registry::Options;
use clap::Args;

#[derive(Debug, Args)]
pub struct RegistryFlags {
    /// Use plain HTTP (loopback registries always do)
    #[arg(long)]
    pub plain_http: bool,
    /// Registry credentials as user:password
    #[arg(
        long,
        env = "KZR_CREDS",
        hide_env_values = true,
        value_name = "USER:PASSWORD"
    )]
    pub creds: Option<String>,
}

impl RegistryFlags {
    pub fn options(&self) -> Options {
        Options {
            plain_http: self.plain_http,
            creds: self.creds.clone(),
        }
    }
}
