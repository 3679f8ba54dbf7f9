//! `admin user list`: every page of `users.list` (checked and bounded by the pager), filtered
//! here (servers from 7.0 ignore the `query` parameter), as a table or one JSON array of
//! allow-listed records.

use anyhow::Result;
use serde_json::Value;

use super::permission;
use crate::api::{self, PagingError};
use crate::cli::ListArgs;
use crate::commands::{logged_in_client, page_limits};
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &ListArgs) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let mut users = Vec::new();
    let mut progress = None;
    let mut pages = api::users_list_pages(&client, page_limits(settings));
    while let Some(page) = pages.next() {
        let page = page.map_err(|err| match err {
            PagingError::Api(err) => permission(err, "view-d-room"),
            page => Failure::new(Exit::Failure, page.to_string()).into(),
        })?;
        // Only the allow-listed records that pass the filters are kept, so memory follows
        // what is printed, not what the server sends.
        users.extend(page.iter().map(api::public_user).filter(|user| matches(user, args)));
        let bar = progress
            .get_or_insert_with(|| settings.out.progress_bar(pages.total().unwrap_or_default()));
        bar.inc(page.len() as u64);
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if settings.out.is_json() {
        return settings.out.json(&users);
    }
    let rows: Vec<Vec<String>> = users.iter().map(row).collect();
    settings.out.table(&["USERNAME", "NAME", "EMAIL", "ROLES", "ACTIVE"], &rows)
}

fn text<'a>(user: &'a Value, field: &str) -> &'a str {
    user.get(field).and_then(Value::as_str).unwrap_or_default()
}

fn email(user: &Value) -> &str {
    user.pointer("/emails/0/address").and_then(Value::as_str).unwrap_or_default()
}

fn roles(user: &Value) -> Vec<&str> {
    user.get("roles")
        .and_then(Value::as_array)
        .map(|roles| roles.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// `--filter`: a case-insensitive substring of username, name or email; `--role`: one of the
/// user's roles.
fn matches(user: &Value, args: &ListArgs) -> bool {
    let by_text = args.filter.as_deref().is_none_or(|filter| {
        let filter = filter.to_lowercase();
        [text(user, "username"), text(user, "name"), email(user)]
            .iter()
            .any(|field| field.to_lowercase().contains(&filter))
    });
    let by_role = args.role.as_deref().is_none_or(|role| roles(user).contains(&role));
    by_text && by_role
}

fn row(user: &Value) -> Vec<String> {
    let active =
        user.get("active").and_then(Value::as_bool).map_or(String::new(), |a| a.to_string());
    vec![
        text(user, "username").to_owned(),
        text(user, "name").to_owned(),
        email(user).to_owned(),
        roles(user).join(","),
        active,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_are_case_insensitive_and_roles_exact() {
        let user = json!({"username": "Deploy-Bot", "name": "Deploy", "emails": [{"address": "d@x"}], "roles": ["bot"]});
        let args = |filter: Option<&str>, role: Option<&str>| ListArgs {
            filter: filter.map(str::to_owned),
            role: role.map(str::to_owned),
        };
        assert!(matches(&user, &args(Some("deploy-b"), None)));
        assert!(matches(&user, &args(Some("D@X"), Some("bot"))));
        assert!(!matches(&user, &args(None, Some("bo"))));
        assert!(!matches(&user, &args(Some("jane"), None)));
    }
}
