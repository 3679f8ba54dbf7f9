//! `profile`: show and change your own profile, email, password and avatar.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{CurrentPasswordArgs, NewPasswordArgs, TwoFactorArgs};

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Show your user record as a table or JSON
    ///
    /// JSON holds only documented fields (_id, username, name, nickname, bio, emails, status,
    /// statusText, active, roles, type, utcOffset, language, customFields, avatarUrl,
    /// requirePasswordChange, createdAt, lastLogin, _updatedAt). Password hashes and login
    /// tokens that some servers return are never printed.
    #[command(after_long_help = "Examples:
  rocketctl profile show
  rocketctl profile show -o json | jq -r '.emails[0].address'")]
    Show,

    /// Change your email address (needs your current password or a two-factor code)
    ///
    /// The new address is stored unverified and the server sends a confirmation e-mail. Setting
    /// the address you already have sends nothing and succeeds.
    #[command(after_long_help = "Examples:
  rocketctl profile set-email jane@example.com
  rocketctl profile set-email bot@example.com \\
      --password-file /run/secrets/rc-password --no-input
  rocketctl profile set-email jane@example.com --2fa-code 123456")]
    SetEmail(SetEmailArgs),

    /// Change your password (needs your current password or a two-factor code)
    ///
    /// On a terminal the new password is asked twice. Rocket.Chat signs out the account's other
    /// sessions; rocketctl keeps (or renews) the stored token so the next command still works.
    #[command(after_long_help = "Examples:
  rocketctl profile set-password
  rocketctl profile set-password --password-file old.txt \\
      --new-password-stdin < new.txt")]
    SetPassword(SetPasswordArgs),

    /// Change several profile fields in one request
    ///
    /// Servers allow one profile update a minute, so every change goes into one request. Fields
    /// already set to the requested value are left out; if nothing would change, nothing is sent.
    /// --field merges into your custom fields. Email and password changes need the current
    /// password or a two-factor code.
    #[command(after_long_help = "Examples:
  rocketctl profile update --name 'Jane Doe' --status-text 'On holiday'
  rocketctl profile update --field 'department=R&D' --unset-field team
  rocketctl profile update --email jane@example.com --change-password \\
      --dry-run")]
    Update(UpdateArgs),

    /// Set or reset your avatar
    ///
    /// `set FILE` uploads a PNG, JPEG, GIF, WebP or SVG image (the type is found from the file's
    /// contents; anything else is refused before anything is sent); nothing is sent when the
    /// server already has exactly these bytes. `set --url URL` makes the server fetch the image.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl profile avatar set bot.png
  rocketctl profile avatar set --url https://example.com/bot.png
  rocketctl profile avatar reset")]
    Avatar(AvatarCommand),
}

#[derive(Debug, Subcommand)]
pub enum AvatarCommand {
    /// Upload an image file, or have the server fetch one from a URL
    #[command(after_long_help = "Examples:
  rocketctl profile avatar set bot.png
  rocketctl profile avatar set --url https://example.com/bot.png --dry-run")]
    Set(AvatarSetArgs),

    /// Go back to the server's default avatar (your initials)
    #[command(after_long_help = "Examples:
  rocketctl profile avatar reset")]
    Reset {
        /// Print the planned request and send nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("avatar_source").required(true).args(["file", "url"])))]
pub struct AvatarSetArgs {
    /// The image: PNG, JPEG, GIF, WebP or SVG
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// An image URL for the server to fetch (it must be reachable from the server)
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Print the planned request and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct SetEmailArgs {
    /// The new email address
    #[arg(value_name = "EMAIL")]
    pub email: String,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// Print the planned request (secrets masked) and send no change
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct SetPasswordArgs {
    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub new_password: NewPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// Print the planned request (secrets masked) and send no change
    #[arg(long)]
    pub dry_run: bool,
}

/// The heading of `profile update`'s change flags, one of which is required.
pub(super) const CHANGES: &str = "Changes (at least one)";

#[derive(Debug, Args)]
#[command(override_usage = "rocketctl profile update <CHANGE>... [OPTIONS]")]
#[command(group(clap::ArgGroup::new("changes").required(true).multiple(true).args([
    "email", "name", "username", "nickname", "bio", "status_text", "fields", "unset_fields",
    "change_password", "new_password_stdin", "new_password_file",
])))]
pub struct UpdateArgs {
    /// New email address (stored unverified)
    #[arg(long, value_name = "EMAIL", help_heading = CHANGES)]
    pub email: Option<String>,

    /// New display name
    #[arg(long, value_name = "NAME", help_heading = CHANGES)]
    pub name: Option<String>,

    /// New username
    #[arg(long, value_name = "USERNAME", help_heading = CHANGES)]
    pub username: Option<String>,

    /// New nickname ('' clears it on 8.x servers)
    #[arg(long, value_name = "NICKNAME", help_heading = CHANGES)]
    pub nickname: Option<String>,

    /// New bio, up to 260 characters (Rocket.Chat 6.4 or later)
    #[arg(long, value_name = "BIO", help_heading = CHANGES)]
    pub bio: Option<String>,

    /// New status message
    #[arg(long, value_name = "TEXT", help_heading = CHANGES)]
    pub status_text: Option<String>,

    /// Set a custom field the server defines (repeatable); merged into your current ones
    #[arg(long = "field", value_name = "KEY=VALUE", help_heading = CHANGES)]
    pub fields: Vec<String>,

    /// Remove a custom field (repeatable)
    #[arg(long = "unset-field", value_name = "KEY", help_heading = CHANGES)]
    pub unset_fields: Vec<String>,

    /// Also change the password (new password from --new-password-* or a prompt)
    #[arg(long, help_heading = CHANGES)]
    pub change_password: bool,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub new_password: NewPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// Print the planned request (secrets masked) and send no change
    #[arg(long)]
    pub dry_run: bool,
}
