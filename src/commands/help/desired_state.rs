//! `rocketctl help desired-state` and the man page `rocketctl-desired-state(5)`: the file that
//! `export` writes and `diff` and `apply` read. The keys are the ones the parser accepts (read
//! from its serde structs, so a new key shows up here at once, and a unit test fails until it
//! is described); the text fields' lines are made from `src/fields.rs`.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::fields::{Route, TextField};
use crate::plan::file::{DesiredFile, ProfileSpec, UserSpec};

/// One part of a section: prose, an example, or a list of keys with their meaning.
pub enum Part {
    Text(&'static str),
    Example(&'static str),
    Keys(Vec<(String, String)>),
}

pub struct Section {
    pub heading: &'static str,
    pub parts: Vec<Part>,
}

/// The one-line summary (the man page's NAME) and the sections.
pub const SUMMARY: &str =
    "the desired-state file that rocketctl export writes and diff and apply read";

const EXAMPLE: &str = r#"version = 1
server = "https://chat.example.com"   # refused elsewhere

[settings]                            # exactly these values
Accounts_AllowUserAvatarChange = true
SMTP_Password = { env = "SMTP_PASSWORD" }

[permissions]                         # held by exactly these roles
create-personal-access-tokens = ["admin", "user", "bot"]

[profile]                          # the context's own account
user_id = "aobEdbYhXfu5hkeqG"      # refused for another account
nickname = "relbot"
presence = "online"
[profile.custom_fields]
team = "release"

[[users]]                          # another account (admin endpoints)
username = "deploy-bot"
name = "Deploy Bot"
email = "deploy-bot@example.com"
roles = ["bot", "user"]
password = "random"
token = { name = "ci", bypass_2fa = true, file = "deploy-bot.token" }"#;

const INTRO: &str = "`rocketctl export` writes this file from what the server holds now; \
    `rocketctl diff -f FILE` shows what applying it would change; `rocketctl apply -f FILE` makes \
    the server match it, and applying it again changes nothing. It is TOML, or JSON of the same \
    structure (a name ending in .json, or JSON on stdin with -f -).";

const ABSENT: &str = "Every key is optional except `version` and each `[[users]]` entry's \
    `username`. A key that is absent leaves that value as the server has it: the file says only \
    what it wants to hold. An unknown key is an error (exit 2) naming the key, its line and the \
    keys allowed there; no error quotes a value from the file.";

const PROFILE: &str = "`[profile]` is the account of the context that runs `diff` or `apply`; \
    with `user_id` (which `export` writes) only that account may use it, else exit 2 before \
    anything is sent. Without it, it is whichever account the context is: check `rocketctl \
    status` first (a `username` here renames it).";

const BINDINGS: &str = "`export` binds the file to the server it read (`server`) and, for your \
    own account, to that account (`[profile] user_id`): `diff` and `apply` refuse the file \
    against another server or as another account (exit 2, nothing sent, naming both). Server \
    URLs compare with the scheme and host in lower case, without a default port or a trailing \
    slash. Remove the keys to use the file anywhere.";

const TABLES: &str = "`[settings]` and `[permissions]` are server-wide and applied first, in \
    that order, before any account: one file can grant the `bot` role a permission and create \
    a bot that needs it. A setting's value has the type the setting holds (exit 2 otherwise); \
    a secret setting (its id contains password, secret, token or key) is given as \
    { env = \"NAME\" } or { file = \"PATH\" }, never inline, and shows as (sensitive). A \
    permission's list is exact: the roles not named lose it. An unknown setting, permission or \
    role is exit 5 before anything is sent. Changing them needs edit-privileged-setting and \
    access-permissions; a setting's change needs your password or a two-factor code.";

const CHECKS: &str = "`diff`, `apply --dry-run` and `apply` check the same things before \
    anything is sent, with the same exit codes, so a pull-request check that runs `diff` fails \
    where the merge's `apply` would: unknown keys and inline secrets (2); bindings (2); secret \
    inputs that cannot be read (2); token files that exist or cannot be made (2); usernames the \
    server would refuse (2); custom fields the server does not define, unknown settings, \
    permissions and roles (5); and changes your roles may not make (5, naming the permission), \
    including a new account's token when none of its roles will hold \
    create-personal-access-tokens. `[[users]]` needs view-full-other-user-info: without it \
    the server hides what would be compared.";

const SAVED: &str = "`diff --out PLAN` also saves the plan (a new file, mode 0600, JSON): the \
    changes, the file with every path absolute and secrets as references (never their \
    values), and the basis, the values the plan was computed from. `apply --plan PLAN` reads \
    the basis again and carries out exactly that plan, or, if anything changed since, sends \
    nothing and exits 11.";

const USERS: &str = "`[[users]]` entries are other accounts, read and changed through the admin \
    endpoints (an administrator's context). An account that does not exist is created, as \
    `rocketctl admin user create` creates one: `email` and `name` are then required; roles \
    [\"user\"], an unverified address, no default channels and no forced password change, unless \
    the entry says otherwise; a random password unless `password` names one; then its token, if \
    `token` asks for one, after which the session opened to make it is logged out.";

const SECRETS: &str = "A password or token is never written in the file (exit 2, naming the \
    line). `password` is `{ file = \"PATH\" }` (the file's text, less one trailing newline), \
    `{ env = \"NAME\" }` (an environment variable) or `\"random\"` (32 random characters, never \
    printed or stored). A new token is written to the file `token` names, never read from it. \
    Both are used only when the account is created.";

const TOKEN: &str = "`token = { name = \"NAME\", bypass_2fa = true|false, file = \"PATH\" }`: \
    after creating the account, rocketctl logs in as it, makes the personal access token NAME \
    (`bypass_2fa`, default false, lets the token skip two-factor checks), writes it to PATH (a new \
    file of mode 0600: an existing file is refused before anything is sent) and logs that session \
    out. The account's roles need the create-personal-access-tokens permission (on a default \
    server the `user` role has it and `bot` does not).";

const CUSTOM_FIELDS: &str = "`custom_fields`, when present, is exact: these keys with these \
    values, and any other custom field the account has is removed. Every key must be a custom \
    field the server's administrator defined (setting Accounts_CustomFields), else exit 5 naming \
    the defined ones. `custom_fields = {}` cannot clear every field (the server ignores an empty \
    object): diff and apply say so instead of planning it. Leave `custom_fields` out to keep \
    whatever the account has.";

const PATHS: &str = "Paths (`avatar`, `password` and `token` files) are relative to the directory \
    of the desired-state file, or to the current directory when it comes from stdin (-f -).";

const SEE_ALSO: &str = "`rocketctl export --help`, `rocketctl diff --help`, \
    `rocketctl apply --help`; the plan's lines and JSON are described there.";

/// The page, in order. (The man page lists its SEE ALSO pages itself.)
pub fn sections() -> Vec<Section> {
    let section = |heading, parts| Section { heading, parts };
    vec![
        section("Description", vec![Part::Text(INTRO), Part::Text(ABSENT)]),
        section("Example", vec![Part::Example(EXAMPLE)]),
        section("Top-level keys", vec![Part::Keys(top_keys())]),
        section("Bindings", vec![Part::Text(BINDINGS)]),
        section("Settings and permissions", vec![Part::Text(TABLES)]),
        section("Profile", vec![Part::Text(PROFILE), Part::Keys(profile_keys())]),
        section("Users", vec![Part::Text(USERS), Part::Keys(user_keys())]),
        section("Secrets", vec![Part::Text(SECRETS)]),
        section("Tokens", vec![Part::Text(TOKEN)]),
        section("Custom fields", vec![Part::Text(CUSTOM_FIELDS)]),
        section("Paths", vec![Part::Text(PATHS)]),
        section("Checks before anything is sent", vec![Part::Text(CHECKS)]),
        section("Saved plans", vec![Part::Text(SAVED)]),
    ]
}

/// `rocketctl help desired-state`: the sections as text wrapped at 80 columns.
pub fn text() -> String {
    let mut text = String::from("The desired-state file\n");
    for section in sections() {
        text.push_str(&format!("\n{}\n", section.heading));
        for (index, part) in section.parts.iter().enumerate() {
            if index > 0 {
                text.push('\n');
            }
            match part {
                Part::Text(prose) => text.push_str(&super::wrap(prose, "  ")),
                Part::Example(lines) => {
                    for line in lines.lines() {
                        text.push_str(format!("    {line}").trim_end());
                        text.push('\n');
                    }
                }
                Part::Keys(keys) => {
                    for (key, meaning) in keys {
                        text.push_str(&format!("  {key}\n"));
                        text.push_str(&super::wrap(meaning, "      "));
                    }
                }
            }
        }
    }
    text.push_str(&format!("\nSee also\n{}", super::wrap(SEE_ALSO, "  ")));
    text
}

fn top_keys() -> Vec<(String, String)> {
    described(keys_of::<DesiredFile>(), |key| match key {
        "version" => Some("Required: 1, the only version there is.".into()),
        "server" => {
            Some("The server's base URL the file is for (see Bindings); export writes it.".into())
        }
        "settings" => Some(
            "A table, [settings]: setting ids and the value each holds (see Settings and \
             permissions)."
                .into(),
        ),
        "permissions" => Some(
            "A table, [permissions]: permission ids and the exact roles that hold each.".into(),
        ),
        "profile" => Some("A table: the context's own account.".into()),
        "users" => Some("An array of tables, [[users]]: other accounts, one each.".into()),
        _ => None,
    })
}

fn profile_keys() -> Vec<(String, String)> {
    described(keys_of::<ProfileSpec>(), |key| match key {
        "user_id" => Some(
            "Your account's id (see Bindings); export writes it, and another account is \
             refused."
                .into(),
        ),
        "username" => Some("Your username; a different one renames the account.".into()),
        "email" => Some(
            "Your e-mail address; a change needs the current password or a two-factor code, \
             as `rocketctl profile set-email` does, and leaves the address unverified."
                .into(),
        ),
        "presence" => Some("online, away, busy or offline.".into()),
        "avatar" => Some(AVATAR.into()),
        "custom_fields" => Some(CUSTOM_FIELDS_KEY.into()),
        other => text_field(other),
    })
}

fn user_keys() -> Vec<(String, String)> {
    described(keys_of::<UserSpec>(), |key| match key {
        "username" => Some("Required: the account this entry describes.".into()),
        "email" => Some("The e-mail address (required when the account is created).".into()),
        "roles" => Some(
            "The exact set of roles, replacing the account's (new accounts: [\"user\"]).".into(),
        ),
        "active" => Some(
            "false deactivates the account (which revokes its sessions and personal access \
             tokens; the plan says so), true activates it."
                .into(),
        ),
        "verified" => Some(
            "Whether the address counts as verified (new accounts: false); a verified address \
             opts the account into e-mailed login codes."
                .into(),
        ),
        "require_password_change" => {
            Some("Whether the next login must change the password (new accounts: false).".into())
        }
        "custom_fields" => Some(CUSTOM_FIELDS_KEY.into()),
        "avatar" => Some(AVATAR.into()),
        "password" => Some(
            "Used only when the account is created: { file = \"PATH\" }, { env = \"NAME\" } or \
             \"random\". Without it a new account gets a random password, as \
             --random-password makes."
                .into(),
        ),
        "token" => Some(
            "Made only when the account is created: { name, bypass_2fa, file } (see Tokens)."
                .into(),
        ),
        other => text_field(other),
    })
}

const AVATAR: &str = "{ file = \"PATH\" } (PNG, JPEG, GIF, WebP or SVG, by its contents; sent \
    only when the server's image differs) or { url = \"URL\" } (the server fetches it, on every \
    apply).";

const CUSTOM_FIELDS_KEY: &str =
    "A table of text values: exactly these custom fields (see Custom fields).";

/// A text field's line, from what `src/fields.rs` knows of it.
fn text_field(key: &str) -> Option<String> {
    let field = TextField::ALL.iter().find(|field| field.key() == key)?;
    let mut text = format!("Text: the {}", field.label());
    if let Some(max) = field.max_units() {
        text.push_str(&format!(", at most {max} characters"));
    }
    if field.route() == Route::Preferences {
        text.push_str(" (a preference of the account, set with users.setPreferences)");
    }
    text.push('.');
    if !field.in_create() {
        text.push_str(" A new account gets it right after it is created.");
    }
    Some(text)
}

/// Each key with its meaning; a key nobody described yet says so (a unit test keeps that from
/// being committed).
fn described(
    keys: &'static [&'static str],
    meaning: impl Fn(&str) -> Option<String>,
) -> Vec<(String, String)> {
    keys.iter()
        .map(|key| ((*key).to_owned(), meaning(key).unwrap_or_else(|| UNDESCRIBED.to_owned())))
        .collect()
}

const UNDESCRIBED: &str = "(not described yet)";

/// The keys `#[derive(Deserialize)]` accepts for `T`, in their declared order: what it hands to
/// `deserialize_struct`, caught by a deserializer that reads nothing else.
fn keys_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut keys = KeyCatcher(&[]);
    let _ = T::deserialize(&mut keys);
    keys.0
}

struct KeyCatcher(&'static [&'static str]);

#[derive(Debug)]
struct Caught;

impl std::fmt::Display for Caught {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("only the keys were wanted")
    }
}

impl std::error::Error for Caught {}

impl de::Error for Caught {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Self
    }
}

impl<'de> Deserializer<'de> for &mut KeyCatcher {
    type Error = Caught;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Caught> {
        Err(Caught)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Caught> {
        self.0 = fields;
        Err(Caught)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_the_parser_accepts_is_described() {
        for (keys, table) in
            [(top_keys(), "top"), (profile_keys(), "profile"), (user_keys(), "users")]
        {
            assert!(!keys.is_empty(), "{table}: no keys caught");
            for (key, meaning) in keys {
                assert_ne!(meaning, UNDESCRIBED, "{table}.{key}: describe it in this file");
            }
        }
    }

    #[test]
    fn the_keys_are_the_parsers_and_the_text_fields_come_from_fields_rs() {
        let users: Vec<String> = user_keys().into_iter().map(|(key, _)| key).collect();
        assert_eq!(users.first().map(String::as_str), Some("username"));
        assert!(users.iter().any(|key| key == "token") && users.iter().any(|key| key == "roles"));
        let profile: Vec<String> = profile_keys().into_iter().map(|(key, _)| key).collect();
        for field in TextField::ALL {
            assert!(profile.iter().any(|key| key == field.key()), "{}", field.key());
            assert!(users.iter().any(|key| key == field.key()), "{}", field.key());
        }
        assert!(!profile.iter().any(|key| key == "token"), "{profile:?}");
        let nickname = text_field("nickname").unwrap();
        assert!(nickname.contains("at most 120 characters"), "{nickname}");
        assert!(text_field("status_text").unwrap().contains("right after it is created"));
    }

    #[test]
    fn the_example_parses_as_a_desired_state_file() {
        let file = crate::plan::read::parse(EXAMPLE, crate::plan::read::Format::Toml, "example")
            .expect("the example is a valid file");
        assert_eq!(file.users.len(), 1);
        assert_eq!(file.settings.len(), 2);
        assert!(file.profile.unwrap().user_id.is_some());
    }
}
