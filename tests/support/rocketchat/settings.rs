//! `GET /api/v1/settings.public` (no auth): the public settings, paged like every list and
//! sorted by `_id`. The `_id` filter (comma-separated ids) exists from 7.0; a 6.3 server ignores
//! it and answers every public setting.

use serde_json::{Value, json};

use super::settings_registry::visible;
use super::util::{check_schema, query, success};
use super::{Mode, State};
use crate::support::http::{Request, Response};

pub(super) fn public(state: &mut State, request: &Request) -> Response {
    let mut params = query(request);
    if state.mode != Mode::V6_3
        && state.mode != Mode::V2
        && let Err(response) = check_schema(state.mode, "settings.public", &mut params)
    {
        return response;
    }
    let wanted: Option<Vec<String>> = params
        .get("_id")
        .and_then(Value::as_str)
        .filter(|ids| !ids.is_empty() && state.mode != Mode::V6_3 && state.mode != Mode::V2)
        .map(|ids| ids.split(',').map(|id| id.trim().to_owned()).collect());
    let all: Vec<Value> = public_settings(state)
        .into_iter()
        .filter(|(id, _)| wanted.as_ref().is_none_or(|w| w.contains(id)))
        .map(|(id, value)| json!({"_id": id, "value": value, "enterprise": false}))
        .collect();
    page(state, &params, &all)
}

/// A page of `items` by the `offset` and `count` parameters (`API_Default_Count` and
/// `API_Upper_Count_Limit` apply), as `{settings, count, offset, total}`.
pub(super) fn page(state: &State, params: &Value, items: &[Value]) -> Response {
    let number = |key: &str, default: usize| {
        params
            .get(key)
            .and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
            .map_or(default, |n| n.max(0) as usize)
    };
    let offset = number("offset", 0);
    let count = number("count", state.settings.default_count).min(state.settings.max_count);
    let page: Vec<Value> = items.iter().skip(offset).take(count).cloned().collect();
    success(json!({"settings": page, "count": page.len(), "offset": offset, "total": items.len()}))
}

/// Every public setting with its current value, sorted by `_id` as the server sorts them.
pub fn public_settings(state: &State) -> Vec<(String, Value)> {
    let mut list: Vec<(String, Value)> = visible()
        .filter(|def| def.public)
        .filter_map(|def| Some((def.id.to_owned(), state.setting_value(def.id)?)))
        .collect();
    list.extend(state.settings.public_extra.iter().cloned());
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}
