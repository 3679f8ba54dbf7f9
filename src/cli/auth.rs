//! `login` and `context`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{CurrentPasswordArgs, StoreChoice, TwoFactorArgs};

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Username or email address to log in as
    #[arg(long, value_name = "USERNAME", env = "ROCKETCHAT_USER", hide_env_values = true, conflicts_with_all = ["user_id"])]
    pub username: Option<String>,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// User id that owns the personal access token (with --token-stdin or --token-file)
    #[arg(long, value_name = "ID")]
    pub user_id: Option<String>,

    /// Read the access token from stdin
    #[arg(long, requires = "user_id", conflicts_with_all = ["password_stdin", "token_file"])]
    pub token_stdin: bool,

    /// Read the access token from a file
    #[arg(long, value_name = "FILE", requires = "user_id")]
    pub token_file: Option<PathBuf>,

    /// Where to keep the token: the system keyring, the config file, or auto (the keyring when
    /// one answers, else the file, saying which)
    #[arg(long, value_enum, value_name = "STORE", env = "ROCKETCTL_STORE", default_value = "auto")]
    pub store: StoreChoice,
}

#[derive(Debug, Subcommand)]
pub enum ContextCommand {
    /// List the stored contexts; the current one is marked
    #[command(after_long_help = "Examples:
  rocketctl context list
  rocketctl context list -o json | jq -r '.[].name'")]
    List,

    /// Make a stored context the current one
    #[command(after_long_help = "Examples:
  rocketctl context use prod")]
    Use {
        /// Context name, as `rocketctl context list` shows it
        #[arg(value_name = "CONTEXT")]
        name: String,
    },

    /// Remove a stored context (run `rocketctl logout` first to revoke its token)
    #[command(after_long_help = "Examples:
  rocketctl logout --context old && rocketctl context remove old")]
    Remove {
        /// Context name, as `rocketctl context list` shows it
        #[arg(value_name = "CONTEXT")]
        name: String,
    },
}
