//! `admin user …`: other accounts, with an administrator's credentials; `admin role |
//! permission | setting` are in `server_admin.rs`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::server_admin::RoleName;
use super::{CurrentPasswordArgs, PermissionCommand, RoleCommand, SettingCommand, TwoFactorArgs};

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Show, list, create, change, (de)activate, log out and delete user accounts
    ///
    /// Reads use users.info and users.list; changes users.create, users.update,
    /// users.setActiveStatus and users.delete. Every record printed is the allow-listed record
    /// of `profile show`.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl admin user list --role bot
  rocketctl admin user create deploy-bot --email deploy-bot@example.com \\
      --name 'Deploy Bot' --role bot --random-password \\
      --token ci --token-file deploy-bot.token
  rocketctl admin user deactivate old-bot")]
    User(AdminUserCommand),

    /// List roles and their members, give users a role and take it away
    ///
    /// Reads use roles.list and roles.getUsersInRole; changes roles.addUserToRole and
    /// roles.removeUserFromRole, one request per user whose membership changes.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl admin role list
  rocketctl admin role members admin
  rocketctl admin role add bot deploy-bot")]
    Role(RoleCommand),

    /// List permissions and the roles that hold them, grant and revoke them
    ///
    /// Reads use permissions.listAll; a change reads the permission first and sends one
    /// permissions.update with its whole new role list (the server replaces the list). A
    /// default server does not let the bot role make personal access tokens: grant
    /// create-personal-access-tokens to it before `admin user create --role bot --token`.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl admin permission grant create-personal-access-tokens bot
  rocketctl admin permission list --role bot
  rocketctl admin permission show create-personal-access-tokens")]
    Permission(PermissionCommand),

    /// Show and change server settings by id
    ///
    /// Reads use GET settings/ID, changes POST settings/ID (two-factor protected). A setting
    /// whose id contains password, secret, token or key (in any case) is sensitive: never
    /// printed, and set only from --value-stdin or --value-file.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl admin setting show Site_Name
  rocketctl admin setting set Accounts_AllowUserAvatarChange false
  printf '%s' \"$SMTP_PASSWORD\" | rocketctl admin setting set SMTP_Password --value-stdin")]
    Setting(SettingCommand),
}

#[derive(Debug, Subcommand)]
pub enum AdminUserCommand {
    /// Show a user's record as a table or JSON (exit 1 when there is no such user)
    #[command(after_long_help = "Examples:
  rocketctl admin user show deploy-bot
  rocketctl admin user show deploy-bot -o json | jq .roles")]
    Show {
        /// The user's username
        #[arg(value_name = "USERNAME")]
        username: String,
    },

    /// List every user (all pages), optionally filtered
    ///
    /// A table USERNAME, NAME, EMAIL, ROLES, ACTIVE, or with -o json an array of records.
    /// Filters apply locally: servers from 7.0 ignore users.list's query.
    #[command(after_long_help = "Examples:
  rocketctl admin user list
  rocketctl admin user list --role bot -o json | jq -r '.[].username'")]
    List(ListArgs),

    /// Create a user with provisioning defaults, and optionally its access token
    ///
    /// Defaults: roles [user] unless --role is given, no default channels, an unverified
    /// address (a verified one opts the account into e-mailed login codes), no forced password
    /// change. The password comes from --new-password-stdin, --new-password-file,
    /// ROCKETCHAT_NEW_PASSWORD or a prompt, or --random-password (never printed or stored).
    /// With --token and --token-file, rocketctl logs in as the new user, makes a personal
    /// access token, writes it to a new file (mode 0600) and logs that session out.
    #[command(after_long_help = "Examples:
  rocketctl admin user create deploy-bot --email deploy-bot@example.com \\
      --name 'Deploy Bot' --role bot --random-password \\
      --token ci --token-file deploy-bot.token --token-bypass-2fa
  rocketctl admin user create alice --email alice@example.com --name Alice \\
      --new-password-file alice.pw")]
    Create(CreateArgs),

    /// Change a user: only what differs is sent, in one users.update
    ///
    /// --role replaces the roles with those given; --field and --unset-field merge into the
    /// custom fields. users.update is two-factor protected: the administrator's own code is
    /// asked for when the server wants one.
    #[command(after_long_help = "Examples:
  rocketctl admin user update deploy-bot --name 'Deploy Bot' --role bot --role user
  rocketctl admin user update deploy-bot --field team=infra --dry-run")]
    Update(AdminUpdateArgs),

    /// Activate a user (nothing is sent when it is already active)
    #[command(after_long_help = "Examples:
  rocketctl admin user activate deploy-bot")]
    Activate(TargetArgs),

    /// Deactivate a user; its tokens stop working (nothing is sent when already inactive)
    #[command(after_long_help = "Examples:
  rocketctl admin user deactivate deploy-bot")]
    Deactivate(TargetArgs),

    /// Delete a user for good (asks on a terminal; --yes otherwise)
    ///
    /// A user that does not exist is not an error: nothing is sent and the exit code is 0.
    #[command(after_long_help = "Examples:
  rocketctl admin user delete old-bot
  rocketctl admin user delete old-bot --yes")]
    Delete(DeleteArgs),

    /// End every session of a user and revoke its personal access tokens
    ///
    /// Calls users.logout: the server keeps sessions and personal access tokens alike, so every
    /// token the user has stops working (a bot's CI token too). Asks on a terminal; --yes
    /// otherwise. Needs logout-other-user.
    #[command(after_long_help = "Examples:
  rocketctl admin user logout deploy-bot
  rocketctl admin user logout deploy-bot --yes
  rocketctl admin user logout deploy-bot --dry-run")]
    Logout(LogoutArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only users whose username, name or email contains TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,

    /// Only users with this role
    #[arg(long, value_name = "ROLE", value_parser = RoleName, hide_possible_values = true)]
    pub role: Option<String>,
}

#[derive(Debug, Args)]
pub struct TargetArgs {
    /// The user's username
    #[arg(value_name = "USERNAME")]
    pub username: String,

    /// Print the planned request and send no change
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The user's username
    #[arg(value_name = "USERNAME")]
    pub username: String,

    /// Delete without asking (required when there is no terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Print the planned request and send no change
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// The user's username
    #[arg(value_name = "USERNAME")]
    pub username: String,

    /// Log out without asking (required when there is no terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Print the planned request and send no change
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The new user's username
    #[arg(value_name = "USERNAME")]
    pub username: String,

    /// The new user's email address
    #[arg(long, value_name = "EMAIL")]
    pub email: String,

    /// The new user's display name
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// A role (repeatable) [default: user]
    #[arg(long = "role", value_name = "ROLE", value_parser = RoleName, hide_possible_values = true)]
    pub roles: Vec<String>,

    /// Join the server's default channels
    #[arg(long)]
    pub join_default_channels: bool,

    /// Mark the address verified (opts the account into e-mailed login codes)
    #[arg(long)]
    pub verified: bool,

    /// Make the user change the password at the next login
    #[arg(long)]
    pub require_password_change: bool,

    /// Nickname
    #[arg(long, value_name = "NICKNAME")]
    pub nickname: Option<String>,

    /// Bio
    #[arg(long, value_name = "BIO")]
    pub bio: Option<String>,

    /// Status message (sent in a follow-up users.update)
    #[arg(long, value_name = "TEXT")]
    pub status_text: Option<String>,

    /// Set a custom field (repeatable)
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,

    /// 32 random characters as the password, never printed or stored
    #[arg(long, conflicts_with_all = ["new_password_stdin", "new_password_file"])]
    pub random_password: bool,

    /// Read the new user's password from stdin (one trailing newline is removed) [env:
    /// ROCKETCHAT_NEW_PASSWORD holds the password itself]
    #[arg(long, conflicts_with = "new_password_file")]
    pub new_password_stdin: bool,

    /// Read the new user's password from a file (one trailing newline is removed)
    #[arg(long, value_name = "FILE")]
    pub new_password_file: Option<PathBuf>,

    /// Make a personal access token NAME for the new user (needs --token-file)
    #[arg(long, value_name = "NAME", requires = "token_file")]
    pub token: Option<String>,

    /// New file (mode 0600) for the token
    #[arg(long, value_name = "FILE", requires = "token")]
    pub token_file: Option<PathBuf>,

    /// The token skips two-factor checks
    #[arg(long, requires = "token")]
    pub token_bypass_2fa: bool,

    /// Your own password, for a server that checks it as the second factor (--status-text)
    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// Print the planned request (password masked) and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct AdminUpdateArgs {
    /// The user's username
    #[arg(value_name = "USERNAME")]
    pub user: String,

    /// New email address
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,

    /// New display name
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// New username
    #[arg(long, value_name = "USERNAME")]
    pub username: Option<String>,

    /// New nickname
    #[arg(long, value_name = "NICKNAME")]
    pub nickname: Option<String>,

    /// New bio
    #[arg(long, value_name = "BIO")]
    pub bio: Option<String>,

    /// New status message
    #[arg(long, value_name = "TEXT")]
    pub status_text: Option<String>,

    /// The roles, replacing the current ones (repeatable)
    #[arg(long = "role", value_name = "ROLE", value_parser = RoleName, hide_possible_values = true)]
    pub roles: Vec<String>,

    /// Set a custom field (repeatable); merged into the current custom fields
    #[arg(long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,

    /// Remove a custom field (repeatable)
    #[arg(long = "unset-field", value_name = "KEY")]
    pub unset_fields: Vec<String>,

    /// Set a new password for the user (from --new-password-*, ROCKETCHAT_NEW_PASSWORD or a
    /// prompt); needs the `edit-other-user-password` permission
    #[arg(long)]
    pub change_password: bool,

    /// Read the user's new password from stdin (one trailing newline is removed)
    #[arg(long, conflicts_with_all = ["new_password_file", "password_stdin"])]
    pub new_password_stdin: bool,

    /// Read the user's new password from a file (one trailing newline is removed)
    #[arg(long, value_name = "FILE")]
    pub new_password_file: Option<PathBuf>,

    /// Whether the e-mail address counts as verified
    #[arg(long, value_name = "BOOL", action = clap::ArgAction::Set)]
    pub verified: Option<bool>,

    /// Whether the user must change the password at the next login
    #[arg(long, value_name = "BOOL", action = clap::ArgAction::Set)]
    pub require_password_change: Option<bool>,

    /// Your own password, for a server that checks it as the second factor
    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// Print the planned request and send no change
    #[arg(long)]
    pub dry_run: bool,
}
