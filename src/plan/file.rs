//! The desired-state file (docs/cli.md#desired-state): TOML, or JSON of the same structure.
//! Typed serde structs refuse unknown keys; secret values are never accepted inline. Every
//! error names the line it is on, and never quotes the file's text: a misplaced secret would
//! be printed with it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::state::Presence;
use crate::fields::{TextField, Texts};

/// The only format version there is.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DesiredFile {
    #[serde(deserialize_with = "version_one")]
    pub version: u32,
    /// The server the file was exported from: `diff` and `apply` refuse another one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// Settings by id, each holding exactly this value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub settings: BTreeMap<String, SettingSpec>,
    /// Permissions by id, each held by exactly these roles.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub permissions: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<UserSpec>,
}

macro_rules! account_specs {
    ($($variant:ident $field:ident $wire:literal $label:literal $route:ident $in_create:literal $max:expr;)*) => {
        /// `[profile]`: the context's own account. One optional key per text field
        /// (`src/fields.rs`) between the e-mail address and the presence.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct ProfileSpec {
            /// The account the file was exported from: another account is refused.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub user_id: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub username: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email: Option<String>,
            $(
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<String>,
            )*
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub presence: Option<Presence>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub avatar: Option<AvatarSource>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub custom_fields: Option<BTreeMap<String, String>>,
        }

        /// One `[[users]]` entry: another account, through the admin endpoints. The username
        /// names the account; one optional key per text field follows the e-mail address.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct UserSpec {
            pub username: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email: Option<String>,
            $(
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<String>,
            )*
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub roles: Option<Vec<String>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub active: Option<bool>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub verified: Option<bool>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub require_password_change: Option<bool>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub custom_fields: Option<BTreeMap<String, String>>,
            // The rarely given parts are boxed: a fleet's file holds ten thousand entries.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub avatar: Option<AvatarSource>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub password: Option<Box<PasswordSource>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub token: Option<Box<TokenSpec>>,
        }

        impl ProfileSpec {
            pub fn texts(&self) -> Texts<Option<String>> {
                Texts::from_fn(|field| match field { $(TextField::$variant => self.$field.clone(),)* })
            }

            pub fn set_texts(&mut self, texts: Texts<Option<String>>) {
                $(self.$field = texts.get(TextField::$variant).clone();)*
            }
        }

        impl UserSpec {
            pub fn texts(&self) -> Texts<Option<String>> {
                Texts::from_fn(|field| match field { $(TextField::$variant => self.$field.clone(),)* })
            }

            pub fn set_texts(&mut self, texts: Texts<Option<String>>) {
                $(self.$field = texts.get(TextField::$variant).clone();)*
            }
        }
    };
}

crate::fields::with_text_fields!(account_specs);

/// `avatar = { file = "…" }` or `{ url = "…" }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AvatarSource {
    File(PathBuf),
    Url(String),
}

/// A `[settings]` value: the value itself (any JSON value a setting holds), or for a sensitive
/// setting where to read it, `{ env = "NAME" }` or `{ file = "PATH" }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingSpec {
    Value(serde_json::Value),
    Secret(SecretSource),
}

/// Where a secret value is read from: a file's text (less one trailing newline) or an
/// environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    File(PathBuf),
    Env(String),
}

impl SecretSource {
    /// `{ env = "NAME" }` or `{ file = "PATH" }`, and nothing else.
    fn from_value(value: &serde_json::Value) -> Option<Self> {
        let members = value.as_object().filter(|members| members.len() == 1)?;
        match members.iter().next()? {
            (key, serde_json::Value::String(name)) if key == "env" => Some(Self::Env(name.clone())),
            (key, serde_json::Value::String(path)) if key == "file" => {
                Some(Self::File(PathBuf::from(path)))
            }
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for SettingSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(SecretSource::from_value(&value).map_or(Self::Value(value), Self::Secret))
    }
}

impl Serialize for SettingSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => value.serialize(serializer),
            Self::Secret(source) => source.serialize(serializer),
        }
    }
}

impl Serialize for SecretSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Self::File(path) => map.serialize_entry("file", path)?,
            Self::Env(name) => map.serialize_entry("env", name)?,
        }
        map.end()
    }
}

/// `password = { file = "…" }`, `{ env = "NAME" }` or `"random"`: never the password itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordSource {
    File(PathBuf),
    Env(String),
    Random,
}

/// `token = { name, bypass_2fa, file }`: the token is written to `file`, never read from here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenSpec {
    pub name: String,
    pub bypass_2fa: bool,
    pub file: PathBuf,
}

fn version_one<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let version = u32::deserialize(deserializer)?;
    if version == VERSION {
        Ok(version)
    } else {
        // The number is not quoted: nothing of the file's text is (see the module's comment).
        Err(de::Error::custom(format!(
            "unsupported version: this rocketctl reads version {VERSION}"
        )))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AvatarTable {
    file: Option<PathBuf>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordTable {
    file: Option<PathBuf>,
    env: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenTable {
    name: String,
    #[serde(default)]
    bypass_2fa: bool,
    file: PathBuf,
}

/// What the visitors below expect, and how to refuse anything else. Every refusal is a custom
/// message: serde's own `invalid type` messages quote the value, which could be a secret.
trait Expecting {
    const EXPECTED: &'static str;
    /// The message for a plain value where only a table is allowed.
    const INLINE: &'static str;
}

struct SourceVisitor<T>(std::marker::PhantomData<T>);

macro_rules! refuse_inline {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method<E: de::Error>(self, _: $ty) -> Result<Self::Value, E> {
            Err(E::custom(T::INLINE))
        }
    )*};
}

impl<'de, T: Expecting + FromTable<'de>> Visitor<'de> for SourceVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::from_text(text).ok_or_else(|| E::custom(T::INLINE))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_table(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(de::Error::custom(T::INLINE))
    }

    refuse_inline!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64);
}

/// The two shapes a source value may have: a table, or (for `"random"`) a word.
trait FromTable<'de>: Sized {
    fn from_text(_text: &str) -> Option<Self> {
        None
    }
    fn from_table<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

impl Expecting for AvatarSource {
    const EXPECTED: &'static str = "`{ file = \"…\" }` or `{ url = \"…\" }`";
    const INLINE: &'static str = "`avatar` must be `{ file = \"…\" }` or `{ url = \"…\" }`";
}

impl<'de> FromTable<'de> for AvatarSource {
    fn from_table<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        match AvatarTable::deserialize(MapAccessDeserializer::new(map))? {
            AvatarTable { file: Some(file), url: None } => Ok(Self::File(file)),
            AvatarTable { file: None, url: Some(url) } => Ok(Self::Url(url)),
            _ => Err(de::Error::custom("`avatar` takes exactly one of `file` and `url`")),
        }
    }
}

impl Expecting for PasswordSource {
    const EXPECTED: &'static str = "`{ file = \"…\" }`, `{ env = \"NAME\" }` or `\"random\"`";
    const INLINE: &'static str = "a password is never written in the file: use \
        `password = { file = \"…\" }`, `{ env = \"NAME\" }` or `\"random\"`";
}

impl<'de> FromTable<'de> for PasswordSource {
    fn from_text(text: &str) -> Option<Self> {
        (text == "random").then_some(Self::Random)
    }

    fn from_table<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        match PasswordTable::deserialize(MapAccessDeserializer::new(map))? {
            PasswordTable { file: Some(file), env: None } => Ok(Self::File(file)),
            PasswordTable { file: None, env: Some(env) } => Ok(Self::Env(env)),
            _ => Err(de::Error::custom("`password` takes exactly one of `file` and `env`")),
        }
    }
}

impl Expecting for TokenSpec {
    const EXPECTED: &'static str = "`{ name = \"…\", bypass_2fa = …, file = \"…\" }`";
    const INLINE: &'static str = "a token is never written in the file: use \
        `token = { name = \"…\", bypass_2fa = …, file = \"…\" }` (the new token is written there)";
}

impl<'de> FromTable<'de> for TokenSpec {
    fn from_table<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let TokenTable { name, bypass_2fa, file } =
            TokenTable::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Self { name, bypass_2fa, file })
    }
}

macro_rules! deserialize_source {
    ($($ty:ty),*) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(SourceVisitor::<Self>(std::marker::PhantomData))
            }
        }
    )*};
}

deserialize_source!(AvatarSource, PasswordSource, TokenSpec);

impl Serialize for AvatarSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Self::File(file) => map.serialize_entry("file", file)?,
            Self::Url(url) => map.serialize_entry("url", url)?,
        }
        map.end()
    }
}

impl Serialize for PasswordSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (key, value) = match self {
            Self::Random => return serializer.serialize_str("random"),
            Self::File(file) => ("file", file.display().to_string()),
            Self::Env(name) => ("env", name.clone()),
        };
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(key, &value)?;
        map.end()
    }
}
