//! `token`: personal access tokens.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{CurrentPasswordArgs, TwoFactorArgs};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// List your personal access tokens; the one this command authenticated with is marked
    ///
    /// The server never shows a token again after it is made: the list has its name, when it
    /// was made, its last characters and whether it skips two-factor checks.
    #[command(after_long_help = "Examples:
  rocketctl token list
  rocketctl token list -o json | jq -r '.[].name'")]
    List,

    /// Make a personal access token and print it once
    ///
    /// The token goes alone to stdout (so `T=$(rocketctl token create ci)` works), or into a
    /// new file of mode 0600 with --save, or into the context's credentials with --login (the
    /// session it replaces is logged out). A name already taken is refused: use `regenerate`.
    #[command(after_long_help = "Examples:
  rocketctl token create ci --save ci-token.txt
  rocketctl token create deploy --bypass-2fa --password-stdin < pw.txt
  rocketctl token create laptop --login")]
    Create(TokenCreateArgs),

    /// Replace a personal access token by a new one and print it once
    ///
    /// The old token stops working at once. The new one keeps the old one's --bypass-2fa.
    #[command(after_long_help = "Examples:
  rocketctl token regenerate ci --save ci-token.txt
  rocketctl token regenerate laptop --login")]
    Regenerate(TokenRegenerateArgs),

    /// Revoke a personal access token (a name that does not exist is not an error)
    #[command(after_long_help = "Examples:
  rocketctl token delete ci
  rocketctl token delete old-ci --password-file ~/.rc-password")]
    Delete(TokenDeleteArgs),
}

/// Where a new token goes instead of stdout.
#[derive(Debug, Args)]
pub struct TokenDestination {
    /// Write the token to this new file (mode 0600; an existing file is refused)
    #[arg(long, value_name = "FILE", conflicts_with = "login")]
    pub save: Option<PathBuf>,

    /// Store the token as this context's credential and log out the session it replaces
    #[arg(long)]
    pub login: bool,
}

#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// A name for the token, unique among your tokens
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Let the token skip two-factor checks (for bots that cannot answer them)
    #[arg(long = "bypass-2fa")]
    pub bypass_two_factor: bool,

    #[command(flatten)]
    pub destination: TokenDestination,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}

#[derive(Debug, Args)]
pub struct TokenRegenerateArgs {
    /// The token's name, as `rocketctl token list` shows it
    #[arg(value_name = "NAME")]
    pub name: String,

    #[command(flatten)]
    pub destination: TokenDestination,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}

#[derive(Debug, Args)]
pub struct TokenDeleteArgs {
    /// The token's name, as `rocketctl token list` shows it
    #[arg(value_name = "NAME")]
    pub name: String,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}
