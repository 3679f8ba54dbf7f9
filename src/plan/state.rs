//! The two sides the engine compares, both typed and independent of HTTP: what an account looks
//! like now ([`AccountState`], filled by the commands from the API) and what it should look like
//! ([`DesiredAccount`], from the desired-state file or from a command's flags).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::file::{PasswordSource, SecretSource, TokenSpec};
use crate::api::User;
use crate::fields::Texts;

/// The four states `users.setStatus` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    Online,
    Away,
    Busy,
    Offline,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Away => "away",
            Self::Busy => "busy",
            Self::Offline => "offline",
        }
    }
}

/// An account as the server has it now. Text the server leaves out is `""`: a user clearing a
/// field and a field never set look the same to everyone, so they compare equal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountState {
    pub username: String,
    /// The first address (`emails[0]`).
    pub email: String,
    pub texts: Texts<String>,
    pub roles: Vec<String>,
    pub active: bool,
    pub verified: bool,
    pub require_password_change: bool,
    /// A value that is not text is kept as its JSON text.
    pub custom_fields: BTreeMap<String, String>,
    /// Read for the own account only (`users.getStatus`).
    pub presence: Option<Presence>,
    /// Lowercase hex SHA-256 of the avatar image the server serves; `None` when not read.
    pub avatar_digest: Option<String>,
    /// Names of the account's personal access tokens.
    pub tokens: Vec<String>,
}

impl From<&User> for AccountState {
    /// The fields of a user record; presence, avatar and tokens are read separately.
    fn from(user: &User) -> Self {
        Self {
            username: user.username().to_owned(),
            email: user.email_address().to_owned(),
            texts: Texts::from_fn(|field| user.text(field).unwrap_or_default().to_owned()),
            roles: user.roles().to_vec(),
            active: user.active == Some(true),
            verified: user.email_verified(),
            require_password_change: user.require_password_change == Some(true),
            custom_fields: user.custom_field_texts(),
            ..Self::default()
        }
    }
}

/// What a command or the file wants of `custom_fields`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CustomFields {
    /// Not mentioned: leave them as they are.
    #[default]
    Keep,
    /// The file's `custom_fields`: exactly these keys, others removed.
    Exactly(BTreeMap<String, String>),
    /// `--field` / `--unset-field`: these keys set or removed, the others kept.
    Merge { set: BTreeMap<String, String>, unset: BTreeSet<String> },
}

/// The avatar an account should have, with the digest of its bytes when they are known here
/// (a file is read and hashed; a URL is fetched by the server, so its digest may be unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesiredAvatar {
    /// As the file or the flag wrote it, for the plan's lines.
    pub label: String,
    pub source: AvatarTarget,
    pub digest: Option<String>,
}

/// Where the desired avatar comes from, with a file's path already resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AvatarTarget {
    File(PathBuf),
    Url(String),
}

/// How an account should be. `None` (or [`CustomFields::Keep`]) leaves a value as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DesiredAccount {
    /// A rename. For `[[users]]` the username names the account instead and this stays `None`.
    pub username: Option<String>,
    pub email: Option<String>,
    pub texts: Texts<Option<String>>,
    pub roles: Option<Vec<String>>,
    pub active: Option<bool>,
    pub verified: Option<bool>,
    pub require_password_change: Option<bool>,
    pub custom_fields: CustomFields,
    pub presence: Option<Presence>,
    // The rarely given parts are boxed: a fleet's file holds ten thousand of these.
    pub avatar: Option<Box<DesiredAvatar>>,
    /// The password of an account that is created; ignored for accounts that exist.
    pub initial_password: Option<Box<PasswordSource>>,
    /// A password change that is always planned (a record never shows a password).
    pub new_password: bool,
    /// A personal access token made right after the account is created.
    pub token: Option<Box<TokenSpec>>,
}

/// What a file wants of one setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DesiredSetting {
    Value(serde_json::Value),
    /// A value read from a file (path resolved) or the environment: compared, never shown.
    Secret(SecretSource),
}

/// A setting as the server has it now, as far as the plan may know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingNow {
    Value(serde_json::Value),
    /// A secret setting: only whether it already holds the wanted value.
    Sensitive {
        holds_wanted: bool,
    },
}

/// Where and whose a file is: `diff` and `apply` refuse another server or account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bindings {
    pub server: Option<String>,
    /// `[profile] user_id`.
    pub user_id: Option<String>,
}

/// Everything a file speaks of, in the file's order (settings and permissions by id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Desired {
    pub bindings: Bindings,
    pub settings: Vec<(String, DesiredSetting)>,
    /// Each permission with the exact roles that should hold it.
    pub permissions: Vec<(String, Vec<String>)>,
    pub profile: Option<DesiredAccount>,
    /// Username and desired state of each `[[users]]` entry.
    pub users: Vec<(String, DesiredAccount)>,
}

impl Desired {
    /// The desired state of the `[[users]]` entry named `username`.
    pub fn user(&self, username: &str) -> Option<&DesiredAccount> {
        self.users.iter().find(|(name, _)| name == username).map(|(_, wanted)| wanted)
    }
}

/// What the server has for everything a [`Desired`] names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Current {
    /// The settings the file names, by id.
    pub settings: BTreeMap<String, SettingNow>,
    /// The roles that hold each permission the file names.
    pub permissions: BTreeMap<String, Vec<String>>,
    pub profile: Option<AccountState>,
    /// Accounts that exist, by username; a username missing here does not exist.
    pub users: BTreeMap<String, AccountState>,
}
