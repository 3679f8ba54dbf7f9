//! `GET settings.public` (no authentication needed): the public settings rocketctl reads; and
//! one setting read and changed by id, `GET` / `POST settings/:_id` (`view-privileged-setting`,
//! `edit-privileged-setting`; the change is two-factor protected).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ApiError, Client, Method, Request, TwoFactor, decode};

const PUBLIC: &str = "api/v1/settings.public";
/// One setting: the id follows, as one path segment.
const ONE: &str = "api/v1/settings/";
/// Every byte but the unreserved ones of RFC 3986 is escaped in the id's path segment.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
/// A JSON text defining the custom fields the server stores (docs/server.md#settingspublic).
const CUSTOM_FIELDS: &str = "Accounts_CustomFields";

#[derive(Deserialize)]
struct Page {
    settings: Vec<Setting>,
}

#[derive(Deserialize)]
struct Setting {
    #[serde(rename = "_id")]
    id: String,
    #[serde(default)]
    value: Value,
}

/// The custom field names the server's administrator defined; empty when it defines none.
/// None when the server did not say (no such setting, or a text that is not a JSON object):
/// then the server decides, as it did before rocketctl read the setting.
pub fn custom_field_names(client: &Client) -> Result<Option<Vec<String>>, ApiError> {
    // `_id` filters from 7.0; older servers answer every public setting, so ask for a page
    // large enough to hold them all.
    let request = Request::get(PUBLIC).with_query("_id", CUSTOM_FIELDS).with_query("count", "500");
    let page: Page = decode(client, client.send(&request)?, "the settings answer has no list")?;
    let Some(setting) = page.settings.into_iter().find(|s| s.id == CUSTOM_FIELDS) else {
        return Ok(None);
    };
    let text = setting.value.as_str().unwrap_or_default().trim().to_owned();
    if text.is_empty() {
        return Ok(Some(Vec::new()));
    }
    Ok(serde_json::from_str::<serde_json::Map<String, Value>>(&text)
        .ok()
        .map(|fields| fields.keys().cloned().collect()))
}

/// The values of the public settings `ids` the server answers (`_id` filters from 7.0; older
/// servers answer every public setting, of which those named are kept). A setting the server
/// does not show is absent.
pub fn public_values(client: &Client, ids: &[&str]) -> Result<Vec<(String, Value)>, ApiError> {
    let request = Request::get(PUBLIC).with_query("_id", ids.join(",")).with_query("count", "500");
    let page: Page = decode(client, client.send(&request)?, "the settings answer has no list")?;
    Ok(page
        .settings
        .into_iter()
        .filter(|setting| ids.contains(&setting.id.as_str()))
        .map(|setting| (setting.id, setting.value))
        .collect())
}

fn one(method: Method, id: &str) -> Request<'static> {
    let segment = percent_encoding::utf8_percent_encode(id, SEGMENT);
    Request::new(method, format!("{ONE}{segment}"))
}

#[derive(Deserialize)]
struct OneAnswer {
    #[serde(default)]
    value: Value,
}

/// The value of setting `id` (`null` when the server sends none); `None` when the server has no
/// such setting to show (unknown or hidden: a bare refusal). `sensitive` masks the value in the
/// `-v` trace.
pub fn setting(client: &Client, id: &str, sensitive: bool) -> Result<Option<Value>, ApiError> {
    let mut request = one(Method::Get, id);
    if sensitive {
        request = request.masking("value");
    }
    match client.send(&request) {
        Ok(answer) => {
            let OneAnswer { value } = decode(client, answer, "the answer has no setting")?;
            Ok(Some(value))
        }
        Err(err) if err.is_bare() => Ok(None),
        Err(err) => Err(err),
    }
}

#[derive(Serialize)]
struct NewValue<'a> {
    value: &'a Value,
}

/// `POST settings/:_id {"value"}`; a sensitive value is masked wherever the request is shown.
pub fn set_setting_request<'a>(
    id: &str,
    value: &Value,
    sensitive: bool,
    two_factor: Option<&'a TwoFactor>,
) -> Result<Request<'a>, ApiError> {
    let mut request = one(Method::Post, id).with_body(&NewValue { value })?;
    if sensitive {
        request = request.masking("value");
    }
    Ok(request.with_two_factor(two_factor))
}

/// Change a setting (two-factor protected). `false` when the server refused without a word,
/// which for a setting it shows means it will not change it (read-only through
/// `SETTINGS_BLOCKED`, or gone since it was read).
pub fn set_setting(
    client: &Client,
    id: &str,
    value: &Value,
    sensitive: bool,
    two_factor: Option<&TwoFactor>,
) -> Result<bool, ApiError> {
    match client.send(&set_setting_request(id, value, sensitive, two_factor)?) {
        Ok(_) => Ok(true),
        Err(err) if err.is_bare() => Ok(false),
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_id_is_one_escaped_path_segment() {
        assert_eq!(one(Method::Get, "Site_Name").path, "api/v1/settings/Site_Name");
        assert_eq!(one(Method::Get, "a/b?c d").path, "api/v1/settings/a%2Fb%3Fc%20d");
        assert_eq!(one(Method::Get, "x-y.z").path, "api/v1/settings/x-y.z");
    }
}
