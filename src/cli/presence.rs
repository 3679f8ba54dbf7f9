//! `presence show | set`.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum PresenceCommand {
    /// Show your presence, status message and connection status
    #[command(after_long_help = "Examples:
  rocketctl presence show
  rocketctl presence show -o json | jq -r .status")]
    Show,

    /// Set your presence and/or status message (nothing is sent when nothing changes)
    ///
    /// `offline` shows you as invisible; servers can disable it
    /// (Accounts_AllowInvisibleStatusOption), and can forbid status changes altogether
    /// (Accounts_AllowUserStatusMessageChange): both are exit 5.
    #[command(after_long_help = "Examples:
  rocketctl presence set busy --message 'Deploying to production'
  rocketctl presence set --clear-message
  rocketctl presence set away --dry-run")]
    Set(PresenceSetArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("presence_change").required(true).multiple(true).args([
    "state", "message", "clear_message",
])))]
pub struct PresenceSetArgs {
    /// The presence to show to others
    #[arg(value_name = "STATE")]
    pub state: Option<PresenceState>,

    /// The status message (at most 120 characters)
    #[arg(long, value_name = "TEXT", conflicts_with = "clear_message")]
    pub message: Option<String>,

    /// Remove the status message
    #[arg(long)]
    pub clear_message: bool,

    /// Print the planned request and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PresenceState {
    Online,
    Away,
    Busy,
    Offline,
}

impl PresenceState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Away => "away",
            Self::Busy => "busy",
            Self::Offline => "offline",
        }
    }
}
