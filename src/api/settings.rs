//! `GET settings.public` (no authentication needed): the public settings rocketctl reads.

use serde::Deserialize;
use serde_json::Value;

use super::{ApiError, Client, Request, decode};

const PUBLIC: &str = "api/v1/settings.public";
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
