//! `export`, `diff` and `apply`: the desired-state commands.

use std::path::PathBuf;

use clap::Args;

use super::{CurrentPasswordArgs, TwoFactorArgs};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export this account as `[[users]]` instead of your own (repeatable; admin endpoints)
    #[arg(long = "user", value_name = "USERNAME")]
    pub users: Vec<String>,

    /// Add these settings as `[settings]` (repeatable, or comma-separated)
    #[arg(long = "settings", value_name = "ID", value_delimiter = ',')]
    pub settings: Vec<String>,

    /// Add these permissions and their roles as `[permissions]` (repeatable, or comma-separated)
    #[arg(long = "permissions", value_name = "ID", value_delimiter = ',')]
    pub permissions: Vec<String>,

    /// Export every account you can see except your own as `[[users]]` (to adopt a server)
    #[arg(long, conflicts_with_all = ["users", "settings", "permissions"])]
    pub all_users: bool,

    /// With --all-users: only the accounts that hold this role
    #[arg(long, value_name = "ROLE", requires = "all_users")]
    pub role: Option<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The desired-state file (TOML, or JSON when it ends in .json); `-` reads stdin
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: PathBuf,

    /// Exit 10 when changes are pending, 0 when there are none
    #[arg(long)]
    pub exit_code: bool,

    /// Also save the plan to PLAN (a new file, mode 0600) for `apply --plan PLAN`
    #[arg(long, value_name = "PLAN")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The desired-state file (TOML, or JSON when it ends in .json); `-` reads stdin
    #[arg(short = 'f', long = "file", value_name = "FILE", required_unless_present = "plan")]
    pub file: Option<PathBuf>,

    /// Carry out a plan saved by `diff --out`, exactly; exit 11 and nothing sent when the
    /// server changed since it was made
    #[arg(long, value_name = "PLAN", conflicts_with = "file")]
    pub plan: Option<PathBuf>,

    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// With --dry-run: exit 10 when changes are pending, 0 when there are none
    #[arg(long, requires = "dry_run")]
    pub exit_code: bool,

    /// How many accounts to change at a time
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub parallel: u16,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}
