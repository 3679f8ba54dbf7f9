//! Custom fields (`validateCustomFields`, `saveCustomFields`, 6.x-8.x): every configured field is
//! validated against the object sent (a required or select field left out is refused); only
//! configured keys are stored. What a save does with keys not sent depends on the version
//! ([`CustomFieldsWrite`]): older servers replace the stored object with the keys sent, newer
//! ones (Rocket.Chat issue 37993 and its fix, `server/lib/users/saveCustomFieldsWithoutValidation.ts`
//! @8ace62ae) `$set` each key sent and keep the others; there `""` is stored as `""` and `null`
//! as `null`, so a key can be blanked but never removed.

use serde_json::{Map, Value};

use super::util::meteor_error;
use super::{CustomFieldsWrite, State};
use crate::support::http::Response;

/// The configured fields, None when `Accounts_CustomFields` is empty (nothing is validated or
/// stored then), or the error for a setting that is not a JSON object.
fn configuration(state: &State) -> Result<Option<Map<String, Value>>, Response> {
    match &state.settings.custom_fields {
        None => Ok(None),
        Some(Value::Object(config)) => Ok(Some(config.clone())),
        Some(_) => Err(meteor_error(
            "error-invalid-customfield-json",
            "Invalid JSON for Custom Fields",
            None,
        )),
    }
}

/// `validateCustomFields(fields)`: every configured field against the object given.
pub(super) fn validate(state: &State, fields: &Map<String, Value>) -> Result<(), Response> {
    let Some(config) = configuration(state)? else { return Ok(()) };
    let error =
        |message: String| meteor_error("error-user-registration-custom-field", &message, None);
    for (field, rules) in &config {
        let value = fields.get(field).and_then(Value::as_str).unwrap_or("").trim().to_owned();
        let length = value.encode_utf16().count() as u64;
        if rules.get("required").and_then(Value::as_bool) == Some(true) && value.is_empty() {
            return Err(error(format!("Field {field} is required")));
        }
        if rules.get("type").and_then(Value::as_str) == Some("select") {
            // `options.indexOf(fields[name])`: the value as sent, not trimmed; a field not sent
            // (undefined) or sent empty is not among the options either.
            let sent = fields.get(field);
            let offered = rules
                .get("options")
                .and_then(Value::as_array)
                .is_some_and(|options| sent.is_some_and(|sent| options.contains(sent)));
            if !offered {
                return Err(error(format!("Value for field {field} is invalid")));
            }
        }
        if let Some(max) = rules.get("maxLength").and_then(Value::as_u64).filter(|m| *m > 0)
            && length > max
        {
            return Err(error(format!("Max length of field {field} {max}")));
        }
        if let Some(min) = rules.get("minLength").and_then(Value::as_u64).filter(|m| *m > 0)
            && length > 0
            && length < min
        {
            return Err(error(format!("Min length of field {field} {min}")));
        }
    }
    Ok(())
}

/// `saveCustomFields`: validate, then store as the server's version does. Returns the new
/// stored object (None: nothing configured, the stored object is left alone).
pub(super) fn saved(
    state: &State,
    current: Option<&Map<String, Value>>,
    submitted: &Map<String, Value>,
) -> Result<Option<Map<String, Value>>, Response> {
    let Some(config) = configuration(state)? else { return Ok(None) };
    match state.custom_fields_write() {
        CustomFieldsWrite::Replace => {
            validate(state, submitted)?;
            let kept = config.keys().filter_map(|field| {
                let value = submitted.get(field)?.as_str().unwrap_or("").trim().to_owned();
                Some((field.clone(), Value::String(value)))
            });
            Ok(Some(kept.collect()))
        }
        CustomFieldsWrite::Merge => {
            // The fix kept `validateCustomFields(formData)`: every configured field is checked
            // against what was sent, so a required or select field left out is still refused.
            validate(state, submitted)?;
            let mut merged = current.cloned().unwrap_or_default();
            for field in config.keys() {
                if let Some(value) = submitted.get(field) {
                    merged.insert(field.clone(), value.clone());
                }
            }
            Ok(Some(merged))
        }
    }
}

/// `saveCustomFieldsWithoutValidation` on a new user: the configured keys sent, as sent.
pub(super) fn on_create(
    state: &State,
    submitted: &Map<String, Value>,
) -> Option<Map<String, Value>> {
    let config = configuration(state).ok()??;
    Some(
        config
            .keys()
            .filter_map(|field| Some((field.clone(), submitted.get(field)?.clone())))
            .collect(),
    )
}
