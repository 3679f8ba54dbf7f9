//! The settings that change what a route does, read from and written to their fields of
//! [`ServerSettings`](super::ServerSettings), so a test that sets a field directly and a client
//! that posts `settings/:_id` see one value. A value of the wrong type is read the way the
//! server's `settings.get(...)` guards would read it (JavaScript truthiness, `Number(...)`).

use std::time::Duration;

use serde_json::{Map, Value, json};

use super::settings_registry::{number, truthy};
use super::{PasswordPolicy, ServerSettings, State};

type Flag = fn(&mut ServerSettings) -> &mut bool;

const FLAGS: &[(&str, Flag)] = &[
    ("Accounts_AllowUserProfileChange", |s| &mut s.allow_user_profile_change),
    ("Accounts_AllowUsernameChange", |s| &mut s.allow_username_change),
    ("Accounts_AllowRealNameChange", |s| &mut s.allow_real_name_change),
    ("Accounts_AllowEmailChange", |s| &mut s.allow_email_change),
    ("Accounts_AllowPasswordChange", |s| &mut s.allow_password_change),
    ("Accounts_AllowUserStatusMessageChange", |s| &mut s.allow_status_message_change),
    ("Accounts_AllowInvisibleStatusOption", |s| &mut s.allow_invisible_status),
    ("Accounts_AllowUserAvatarChange", |s| &mut s.allow_user_avatar_change),
    ("Accounts_RequireNameForSignUp", |s| &mut s.require_name),
    ("Accounts_AvatarBlockUnauthenticatedAccess", |s| &mut s.avatar_block_unauthenticated),
    ("Accounts_TwoFactorAuthentication_Enabled", |s| &mut s.two_factor_enabled),
    ("Accounts_TwoFactorAuthentication_By_TOTP_Enabled", |s| &mut s.two_factor_by_totp),
    ("Accounts_TwoFactorAuthentication_By_Email_Enabled", |s| &mut s.two_factor_by_email),
    ("Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In", |s| {
        &mut s.two_factor_email_auto_opt_in
    }),
    ("Accounts_TwoFactorAuthentication_Enforce_Password_Fallback", |s| {
        &mut s.enforce_password_fallback
    }),
];

const POLICY: &str = "Accounts_Password_Policy_";

/// The value of a setting backed by a field, or None when the setting is only stored.
pub(super) fn read(state: &State, id: &str) -> Option<Value> {
    let mut settings = state.settings.clone();
    if let Some((_, field)) = FLAGS.iter().find(|(name, _)| *name == id) {
        return Some(json!(*field(&mut settings)));
    }
    let s = &state.settings;
    match id {
        "Accounts_CustomFields" => Some(json!(custom_fields_text(s.custom_fields.as_ref()))),
        "Accounts_TwoFactorAuthentication_RememberFor" => {
            Some(json!(s.two_factor_remember_for.as_secs()))
        }
        "FileUpload_MaxFileSize" => Some(json!(s.max_file_size)),
        "API_Default_Count" => Some(json!(s.default_count)),
        "API_Upper_Count_Limit" => Some(json!(s.max_count)),
        _ if id.starts_with(POLICY) => policy_config(state).get(&id[POLICY.len()..]).cloned(),
        _ => None,
    }
}

/// Write a field-backed setting; false when the setting is only stored.
pub(super) fn write(state: &mut State, id: &str, value: &Value) -> bool {
    if let Some((_, field)) = FLAGS.iter().find(|(name, _)| *name == id) {
        *field(&mut state.settings) = truthy(value);
        return true;
    }
    let count = |v: &Value| number(v).map_or(0, |n| n.max(0.0) as usize);
    let s = &mut state.settings;
    match id {
        "Accounts_CustomFields" => s.custom_fields = parse_custom_fields(value),
        "Accounts_TwoFactorAuthentication_RememberFor" => {
            s.two_factor_remember_for = Duration::from_secs(count(value) as u64);
        }
        "FileUpload_MaxFileSize" => s.max_file_size = number(value).map_or(-1, |n| n as i64),
        "API_Default_Count" => s.default_count = count(value),
        "API_Upper_Count_Limit" => s.max_count = count(value),
        _ if id.starts_with(POLICY) => write_policy(state, &id[POLICY.len()..], value),
        _ => return false,
    }
    true
}

/// `Accounts_CustomFields` is JSON text; "" (or blank) means no custom fields.
fn parse_custom_fields(value: &Value) -> Option<Value> {
    let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
    if text.trim().is_empty() {
        return None;
    }
    // Text that is not JSON is kept as text: the custom-field routes then refuse it as the
    // server does (`error-invalid-customfield-json`).
    Some(serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

fn custom_fields_text(fields: Option<&Value>) -> String {
    match fields {
        None => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

/// The nine policy settings by suffix: the live policy when it is on, else what was stored.
fn policy_config(state: &State) -> Map<String, Value> {
    let stored = |suffix: &str| {
        let id = format!("{POLICY}{suffix}");
        state.settings.stored.get(&id).cloned().or_else(|| {
            super::settings_registry::definition(&id)
                .map(super::settings_registry::Def::package_value)
        })
    };
    let mut config: Map<String, Value> = [
        "Enabled",
        "MinLength",
        "MaxLength",
        "ForbidRepeatingCharacters",
        "ForbidRepeatingCharactersCount",
        "AtLeastOneLowercase",
        "AtLeastOneUppercase",
        "AtLeastOneNumber",
        "AtLeastOneSpecialCharacter",
    ]
    .iter()
    .filter_map(|suffix| Some(((*suffix).to_owned(), stored(suffix)?)))
    .collect();
    let Some(policy) = &state.settings.password_policy else {
        config.insert("Enabled".into(), json!(false));
        return config;
    };
    let length = |n: Option<usize>| n.map_or(json!(-1), |n| json!(n));
    config.insert("Enabled".into(), json!(true));
    config.insert("MinLength".into(), length(policy.min_length));
    config.insert("MaxLength".into(), length(policy.max_length));
    config.insert("ForbidRepeatingCharacters".into(), json!(policy.forbid_repeating.is_some()));
    if let Some(count) = policy.forbid_repeating {
        config.insert("ForbidRepeatingCharactersCount".into(), json!(count));
    }
    config.insert("AtLeastOneLowercase".into(), json!(policy.lowercase));
    config.insert("AtLeastOneUppercase".into(), json!(policy.uppercase));
    config.insert("AtLeastOneNumber".into(), json!(policy.number));
    config.insert("AtLeastOneSpecialCharacter".into(), json!(policy.special));
    config
}

/// Change one policy setting: every value is remembered, and the live policy exists only while
/// `Enabled` is on (`passwordPolicy.ts` watches each setting the same way).
fn write_policy(state: &mut State, suffix: &str, value: &Value) {
    let mut config = policy_config(state);
    config.insert(suffix.to_owned(), value.clone());
    for (key, value) in &config {
        state.settings.stored.insert(format!("{POLICY}{key}"), value.clone());
    }
    let flag = |key: &str| config.get(key).is_some_and(truthy);
    let length =
        |key: &str| config.get(key).and_then(number).filter(|n| *n >= 1.0).map(|n| n as usize);
    state.settings.password_policy = flag("Enabled").then(|| PasswordPolicy {
        min_length: length("MinLength"),
        max_length: length("MaxLength"),
        forbid_repeating: flag("ForbidRepeatingCharacters")
            .then(|| length("ForbidRepeatingCharactersCount").unwrap_or(3)),
        lowercase: flag("AtLeastOneLowercase"),
        uppercase: flag("AtLeastOneUppercase"),
        number: flag("AtLeastOneNumber"),
        special: flag("AtLeastOneSpecialCharacter"),
    });
}
