//! Server settings by id: which ones are sensitive, reading one, a new value typed as the
//! current one is, and changing one (two-factor protected, answered by the one driver), with
//! the re-read that decides what is reported. `admin setting …` and `apply`'s `[settings]` go
//! through here.

use anyhow::Result;
use serde_json::{Number, Value};

use crate::accounts::second_factor::{Answers, Challenge, Sent};
use crate::accounts::users::permission;
use crate::api::{self, Client};
use crate::exit::{Exit, Failure};
use crate::output::escape;

/// What a sensitive value reads as wherever a value would be shown.
pub const SENSITIVE: &str = "(sensitive)";

const VIEW: &str = "view-privileged-setting";
const EDIT: &str = "edit-privileged-setting";

/// A setting whose value is a secret: its id contains `password`, `secret`, `token` or `key`,
/// in any case. A false positive only hides a value.
pub fn is_sensitive(id: &str) -> bool {
    let id = id.to_lowercase();
    ["password", "secret", "token", "key"].iter().any(|word| id.contains(word))
}

/// An id that cannot name a setting is refused before anything is sent (exit 2): empty, a
/// path step (`.`, `..`), or with control characters or spaces.
pub fn check_id(id: &str) -> Result<(), Failure> {
    let odd = |c: char| c.is_control() || c.is_whitespace();
    if id.is_empty() || id == "." || id == ".." || id.chars().any(odd) {
        return Err(Failure::usage(format!("`{}` is not a setting id", escape(id)))
            .hint("setting ids look like `Site_Name` or `Accounts_AllowUserAvatarChange`"));
    }
    Ok(())
}

/// The current value of setting `id`; `None` when the server shows no such setting. A
/// sensitive text value is registered as a secret at once: it is never printed, even echoed.
pub fn read(client: &Client, id: &str) -> Result<Option<Value>> {
    let sensitive = is_sensitive(id);
    let value = api::setting(client, id, sensitive).map_err(|err| permission(err, VIEW))?;
    if sensitive && let Some(Value::String(text)) = &value {
        crate::scrub::register(text);
    }
    Ok(value)
}

/// The current value, or exit 5 for a setting the server does not show (before a change).
pub fn read_known(client: &Client, id: &str) -> Result<Value> {
    read(client, id)?.ok_or_else(|| {
        Failure::new(
            Exit::Refused,
            format!("the server has no setting {} (or hides it); nothing was sent", escape(id)),
        )
        .hint("setting ids are case-sensitive: `rocketctl admin setting show ID` reads one")
        .into()
    })
}

/// `text` as a value of the current value's type: `true`/`false` for a boolean, an integer or
/// decimal number for a number, JSON text of the same kind for an array or an object, and the
/// text itself for a string or a setting without a value. Anything else is exit 2.
pub fn typed(current: &Value, text: &str) -> Result<Value, Failure> {
    let wrong = |what: &str| {
        Failure::usage(format!("the setting holds {what}; the value given is not one"))
    };
    match current {
        Value::Bool(_) => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(wrong("a boolean (`true` or `false`)")),
        },
        Value::Number(_) => number(text).ok_or_else(|| wrong("a number")),
        Value::Array(_) => match serde_json::from_str(text) {
            Ok(Value::Array(items)) => Ok(Value::Array(items)),
            _ => Err(wrong("a JSON array")),
        },
        Value::Object(_) => match serde_json::from_str(text) {
            Ok(Value::Object(members)) => Ok(Value::Object(members)),
            _ => Err(wrong("a JSON object")),
        },
        Value::String(_) | Value::Null => Ok(Value::String(text.to_owned())),
    }
}

/// An integer when the text is one, else a finite decimal number.
fn number(text: &str) -> Option<Value> {
    if let Ok(integer) = text.parse::<i64>() {
        return Some(Value::Number(integer.into()));
    }
    let decimal = text.parse::<f64>().ok().filter(|n| n.is_finite())?;
    // `1e3` and `inf` are refused by the check above or read as what they mean; JSON has no
    // other numbers.
    Number::from_f64(decimal).map(Value::Number)
}

/// The same value: numbers compare by what they are (`50` and `50.0`), everything else exactly.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// The value as a table cell or a summary shows it: text as it is, anything else as JSON, a
/// sensitive value as [`SENSITIVE`].
pub fn shown(id: &str, value: &Value) -> String {
    match value {
        _ if is_sensitive(id) => SENSITIVE.to_owned(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The value in JSON output: a sensitive value as [`SENSITIVE`].
pub fn json_value(id: &str, value: &Value) -> Value {
    if is_sensitive(id) { Value::String(SENSITIVE.to_owned()) } else { value.clone() }
}

/// Change the setting (two-factor protected: the administrator's own second factor when the
/// server asks) and read it again: the value the server holds afterwards. A setting the server
/// will not change (read-only through `SETTINGS_BLOCKED`), and a value it answered but did not
/// store, are exit 5.
pub fn set(client: &Client, id: &str, value: &Value, answers: &mut Answers<'_>) -> Result<Value> {
    let sensitive = is_sensitive(id);
    let id_shown = escape(id);
    let change = crate::interrupt::changing(
        format!("the new value of the setting `{id_shown}`"),
        format!(
            "check with `rocketctl admin setting show {id_shown}` before running the command again"
        ),
    );
    let sent = Challenge::new(answers)
        .send(|proof| api::set_setting(client, id, value, sensitive, proof.header()));
    drop(change);
    match sent {
        Ok(Sent::Done(true)) => {}
        Ok(Sent::Done(false)) => return Err(blocked(id).into()),
        Ok(Sent::Refused(err)) if err.outcome_unknown() => return settle(client, id, value, &err),
        Ok(Sent::Refused(err)) => return Err(permission(err, EDIT)),
        Err(err) => return Err(err),
    }
    let after = read_known(client, id)?;
    if !same(&after, value) {
        return Err(Failure::new(
            Exit::Refused,
            format!("the server answered, but {} still holds {}", escape(id), shown(id, &after)),
        )
        .into());
    }
    Ok(after)
}

/// The answer was lost: the setting read again says whether the change was made.
fn settle(client: &Client, id: &str, value: &Value, err: &api::ApiError) -> Result<Value> {
    match read(client, id) {
        Ok(Some(after)) if same(&after, value) => Ok(after),
        Ok(Some(_)) => {
            Err(Failure::new(Exit::Failure, format!("{} was not changed: {err}", escape(id)))
                .into())
        }
        _ => Err(Failure::new(
            Exit::OutcomeUnknown,
            format!("it is not known whether {} was changed: {err}", escape(id)),
        )
        .hint(format!("run `rocketctl admin setting show {}` to see", escape(id)))
        .into()),
    }
}

fn blocked(id: &str) -> Failure {
    Failure::new(
        Exit::Refused,
        format!(
            "the server refused to change {}: it is read-only on this server (the server's \
             SETTINGS_BLOCKED environment variable names it, or it was hidden since it was read)",
            escape(id)
        ),
    )
    .hint("change it where the server is deployed, or remove it from SETTINGS_BLOCKED")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sensitive_ids_are_found_in_any_case() {
        for id in
            ["SMTP_Password", "Push_gateway_TOKEN", "Accounts_OAuth_Custom-x-secret", "E2E_Key"]
        {
            assert!(is_sensitive(id), "{id}");
        }
        for id in ["Site_Name", "Accounts_AllowUserAvatarChange", "FileUpload_MaxFileSize"] {
            assert!(!is_sensitive(id), "{id}");
        }
    }

    #[test]
    fn a_value_is_typed_as_the_current_one_is() {
        assert_eq!(typed(&json!(false), "true").unwrap(), json!(true));
        assert_eq!(typed(&json!(50), "75").unwrap(), json!(75));
        assert_eq!(typed(&json!(50), "-1").unwrap(), json!(-1));
        assert_eq!(typed(&json!(0.5), "0.25").unwrap(), json!(0.25));
        assert_eq!(typed(&json!(["a"]), r#"["b", 1]"#).unwrap(), json!(["b", 1]));
        assert_eq!(typed(&json!({"a": 1}), r#"{"b": 2}"#).unwrap(), json!({"b": 2}));
        assert_eq!(typed(&json!("x"), "42").unwrap(), json!("42"));
        assert_eq!(typed(&Value::Null, "true").unwrap(), json!("true"));
        for (current, text) in [
            (json!(true), "yes"),
            (json!(true), "True"),
            (json!(1), "one"),
            (json!(1), "NaN"),
            (json!(1), "inf"),
            (json!([]), "{}"),
            (json!({}), "[]"),
            (json!({}), "not json"),
        ] {
            assert_eq!(typed(&current, text).unwrap_err().exit, Exit::Usage, "{current} {text}");
        }
    }

    #[test]
    fn numbers_are_the_same_by_value_and_sensitive_values_never_shown() {
        assert!(same(&json!(50), &json!(50.0)));
        assert!(!same(&json!(50), &json!("50")));
        assert_eq!(shown("SMTP_Password", &json!("hunter22")), SENSITIVE);
        assert_eq!(json_value("SMTP_Password", &json!("hunter22")), json!(SENSITIVE));
        assert_eq!(shown("Site_Name", &json!("Chat")), "Chat");
        assert_eq!(shown("API_Default_Count", &json!(50)), "50");
    }

    #[test]
    fn ids_that_cannot_name_a_setting_are_usage_errors() {
        for id in ["", ".", "..", "Site Name", "a\u{7}"] {
            assert_eq!(check_id(id).unwrap_err().exit, Exit::Usage, "{id:?}");
        }
        assert!(check_id("Accounts_OAuth_Custom-gitlab-url").is_ok());
    }
}
