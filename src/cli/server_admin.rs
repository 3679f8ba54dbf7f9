//! `admin role | permission | setting …`: the server-wide tables an administrator changes
//! before the first bot (docs/cli.md, "Roles, permissions and settings"). Role, permission and
//! setting names complete from the defaults of a Rocket.Chat server (`known_names.rs`); any
//! other name is accepted and checked against the server.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{CurrentPasswordArgs, TwoFactorArgs};

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// List the server's roles: ROLE, SCOPE, PROTECTED, DESCRIPTION
    ///
    /// A role of scope Users is held server-wide; Subscriptions roles (owner, moderator,
    /// leader) are held per room.
    #[command(after_long_help = "Examples:
  rocketctl admin role list
  rocketctl admin role list -o json | jq -r '.[].name'")]
    List,

    /// List the users who hold a role server-wide (every page; needs access-permissions)
    #[command(after_long_help = "Examples:
  rocketctl admin role members admin
  rocketctl admin role members bot -o json | jq -r '.[].username'")]
    Members {
        /// The role's name
        #[arg(value_name = "ROLE", value_parser = RoleName, hide_possible_values = true)]
        role: String,
    },

    /// Give users a role: one roles.addUserToRole per user who lacks it
    ///
    /// Every role and user is checked first: an unknown one is exit 5 and nothing is sent. A
    /// user who holds the role already sends nothing.
    #[command(after_long_help = "Examples:
  rocketctl admin role add bot deploy-bot alert-bot
  rocketctl admin role add admin jane --dry-run")]
    Add(MembershipArgs),

    /// Take a role from users: one roles.removeUserFromRole per user who holds it
    ///
    /// Every role and user is checked first: an unknown one is exit 5 and nothing is sent. The
    /// server refuses to take the admin role from the last administrator (exit 5).
    #[command(after_long_help = "Examples:
  rocketctl admin role remove admin old-admin
  rocketctl admin role remove bot deploy-bot --dry-run")]
    Remove(MembershipArgs),
}

#[derive(Debug, Args)]
pub struct MembershipArgs {
    /// The role's name
    #[arg(value_name = "ROLE", value_parser = RoleName, hide_possible_values = true)]
    pub role: String,

    /// The users' usernames
    #[arg(value_name = "USERNAME", required = true)]
    pub usernames: Vec<String>,

    /// Print the planned requests and send no change
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum PermissionCommand {
    /// List every permission and the roles that hold it: PERMISSION, ROLES
    #[command(after_long_help = "Examples:
  rocketctl admin permission list
  rocketctl admin permission list --role bot
  rocketctl admin permission list -o json | jq -r '.[] | select(.roles | index(\"bot\")) | .id'")]
    List {
        /// Only the permissions this role holds
        #[arg(long, value_name = "ROLE", value_parser = RoleName, hide_possible_values = true)]
        role: Option<String>,
    },

    /// Show the roles that hold one permission (exit 1 when there is no such permission)
    #[command(after_long_help = "Examples:
  rocketctl admin permission show create-personal-access-tokens")]
    Show {
        /// The permission's id
        #[arg(value_name = "PERMISSION", value_parser = PermissionName, hide_possible_values = true)]
        permission: String,
    },

    /// Give a permission to roles: one permissions.update with its whole new role list
    ///
    /// The permission and every role are checked first: an unknown one is exit 5 and nothing
    /// is sent. Roles that hold it already send nothing.
    #[command(after_long_help = "Examples:
  rocketctl admin permission grant create-personal-access-tokens bot
  rocketctl admin permission grant view-d-room bot app --dry-run")]
    Grant(GrantArgs),

    /// Take a permission from roles: one permissions.update with its whole new role list
    ///
    /// The permission and every role are checked first: an unknown one is exit 5 and nothing
    /// is sent. Roles that do not hold it send nothing.
    #[command(after_long_help = "Examples:
  rocketctl admin permission revoke create-personal-access-tokens user
  rocketctl admin permission revoke mention-all user --dry-run")]
    Revoke(GrantArgs),
}

#[derive(Debug, Args)]
pub struct GrantArgs {
    /// The permission's id
    #[arg(value_name = "PERMISSION", value_parser = PermissionName, hide_possible_values = true)]
    pub permission: String,

    /// The roles' names
    #[arg(value_name = "ROLE", required = true, value_parser = RoleName, hide_possible_values = true)]
    pub roles: Vec<String>,

    /// Print the planned request and send no change
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum SettingCommand {
    /// Show settings' values: ID, VALUE (exit 1 when one is unknown)
    ///
    /// Needs view-privileged-setting. A sensitive setting (its id contains password, secret,
    /// token or key, in any case) shows as (sensitive), never its value.
    #[command(after_long_help = "Examples:
  rocketctl admin setting show Site_Name Accounts_AllowUserAvatarChange
  rocketctl admin setting show API_Upper_Count_Limit -o json | jq .API_Upper_Count_Limit")]
    Show {
        /// The settings' ids (case-sensitive)
        #[arg(value_name = "ID", required = true, value_parser = SettingId, hide_possible_values = true)]
        ids: Vec<String>,
    },

    /// Change a setting, typed as its current value is
    ///
    /// VALUE is read as the current value's type: true or false, an integer or decimal number,
    /// JSON text for an array or an object, else text. Nothing is sent when the setting holds
    /// the value already. A sensitive setting's value comes only from --value-stdin or
    /// --value-file. The route is two-factor protected: your own password (as its SHA-256
    /// digest) or a code is asked for when the server wants one. Needs edit-privileged-setting.
    #[command(after_long_help = "Examples:
  rocketctl admin setting set Accounts_AllowUserAvatarChange false
  rocketctl admin setting set API_Upper_Count_Limit 200 --dry-run
  rocketctl admin setting set SMTP_Password --value-file /run/secrets/smtp-password")]
    #[command(allow_negative_numbers = true)]
    Set(SettingSetArgs),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("new_value").multiple(false))]
pub struct SettingSetArgs {
    /// The setting's id (case-sensitive)
    #[arg(value_name = "ID", value_parser = SettingId, hide_possible_values = true)]
    pub id: String,

    /// The new value (not for a sensitive setting)
    #[arg(value_name = "VALUE", group = "new_value")]
    pub value: Option<String>,

    /// Read the value from stdin (one trailing newline is removed)
    #[arg(long, group = "new_value", conflicts_with = "password_stdin")]
    pub value_stdin: bool,

    /// Read the value from a file (one trailing newline is removed)
    #[arg(long, value_name = "FILE", group = "new_value")]
    pub value_file: Option<PathBuf>,

    /// Your own password, for a server that checks it as the second factor
    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// Print the planned request (a sensitive value masked) and send no change
    #[arg(long)]
    pub dry_run: bool,
}

/// A parser that takes any name and offers `names` to shell completion.
macro_rules! completed_name {
    ($(#[$doc:meta])* $name:ident, $names:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub(super) struct $name;

        impl clap::builder::TypedValueParser for $name {
            type Value = String;

            fn parse_ref(
                &self,
                command: &clap::Command,
                arg: Option<&clap::Arg>,
                value: &std::ffi::OsStr,
            ) -> Result<String, clap::Error> {
                clap::builder::StringValueParser::new().parse_ref(command, arg, value)
            }

            fn possible_values(
                &self,
            ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
                Some(Box::new($names().map(clap::builder::PossibleValue::new)))
            }
        }
    };
}

completed_name!(
    /// A role name; the built-in roles are offered.
    RoleName,
    crate::known_names::roles
);
completed_name!(
    /// A permission id; a default server's permissions are offered.
    PermissionName,
    crate::known_names::permissions
);
completed_name!(
    /// A setting id; settings often set from scripts are offered.
    SettingId,
    crate::known_names::settings
);
