//! Where the secrets a command needs may come from: flags for stdin and files (environment
//! variables and prompts are resolved in `settings.rs`), and a two-factor code.

use std::path::PathBuf;

use clap::Args;

/// Where the current password comes from (else ROCKETCHAT_PASSWORD, else a prompt).
#[derive(Debug, Args)]
pub struct CurrentPasswordArgs {
    /// Read the current password from stdin (one trailing newline is removed) [env:
    /// ROCKETCHAT_PASSWORD holds the password itself]
    #[arg(long, conflicts_with = "password_file")]
    pub password_stdin: bool,

    /// Read the current password from a file (one trailing newline is removed) [env:
    /// ROCKETCHAT_PASSWORD holds the password itself]
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

/// Where the new password comes from (else ROCKETCHAT_NEW_PASSWORD, else a prompt, asked twice).
#[derive(Debug, Args)]
pub struct NewPasswordArgs {
    /// Read the new password from stdin (one trailing newline is removed) [env:
    /// ROCKETCHAT_NEW_PASSWORD holds the password itself]
    #[arg(long, conflicts_with_all = ["new_password_file", "password_stdin"])]
    pub new_password_stdin: bool,

    /// Read the new password from a file (one trailing newline is removed) [env:
    /// ROCKETCHAT_NEW_PASSWORD holds the password itself]
    #[arg(long, value_name = "FILE")]
    pub new_password_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TwoFactorArgs {
    /// Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine
    #[arg(
        long = "2fa-code",
        value_name = "CODE",
        env = "ROCKETCHAT_2FA_CODE",
        hide_env_values = true
    )]
    pub code: Option<String>,
}
