//! `admin user list`: every page of `users.list` (checked and bounded by the pager), filtered
//! here (servers from 7.0 ignore the `query` parameter), as a table or one JSON array of
//! allow-listed records.

use std::io::Write as _;

use anyhow::Result;

use crate::accounts::users::permission;
use crate::api::{self, PagingError, User};
use crate::cli::ListArgs;
use crate::commands::{logged_in_client, page_limits};
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &ListArgs) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let mut users = Vec::new();
    let mut progress = None;
    let mut hidden = false;
    let mut pages = api::users_list_pages(&client, page_limits(settings));
    while let Some(page) = pages.next() {
        let page = page.map_err(|err| match err {
            PagingError::Api(err) => permission(err, "view-d-room"),
            page => Failure::new(Exit::Failure, page.to_string()).into(),
        })?;
        let fetched = page.len() as u64;
        // Only the allow-listed records that pass the filters are kept, so memory follows
        // what is printed, not what the server sends.
        let records = page.into_iter().map(User::from_value);
        for user in records {
            hidden |= user.id.as_deref() != client.user_id() && user.emails.is_none();
            if matches(&user, args) {
                users.push(user);
            }
        }
        let bar = progress
            .get_or_insert_with(|| settings.out.progress_bar(pages.total().unwrap_or_default()));
        bar.inc(fetched);
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if hidden {
        say_addresses_are_hidden(settings)?;
    }
    if settings.out.is_json() {
        return settings.out.json(&users);
    }
    if users.is_empty() {
        // A header alone reads as a failed listing.
        writeln!(settings.out.status(), "{}", nobody(args))?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = users.iter().map(row).collect();
    settings.out.table(&["USERNAME", "NAME", "EMAIL", "ROLES", "ACTIVE"], &rows)
}

/// A caller without `view-full-other-user-info` gets other users' records without their
/// addresses: say so, rather than print an empty column as if it were data.
fn say_addresses_are_hidden(settings: &Settings) -> Result<()> {
    writeln!(
        settings.out.note(),
        "the server does not show you other users' e-mail addresses (your roles lack the \
         `view-full-other-user-info` permission); they are left empty"
    )?;
    Ok(())
}

/// What an empty listing says: that no user matched the filters given, or that there are none.
fn nobody(args: &ListArgs) -> String {
    let filters: Vec<String> = [
        args.filter.as_deref().map(|text| format!("--filter {text}")),
        args.role.as_deref().map(|role| format!("--role {role}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if filters.is_empty() {
        "no users".to_owned()
    } else {
        format!("no user matches {}", filters.join(" and "))
    }
}

/// `--filter`: a case-insensitive substring of username, name or email; `--role`: one of the
/// user's roles.
fn matches(user: &User, args: &ListArgs) -> bool {
    let by_text = args.filter.as_deref().is_none_or(|filter| {
        let filter = filter.to_lowercase();
        [user.username(), user.name.as_deref().unwrap_or_default(), user.email_address()]
            .iter()
            .any(|field| field.to_lowercase().contains(&filter))
    });
    let by_role = args.role.as_deref().is_none_or(|role| user.roles().iter().any(|r| r == role));
    by_text && by_role
}

fn row(user: &User) -> Vec<String> {
    vec![
        user.username().to_owned(),
        user.name.clone().unwrap_or_default(),
        user.email_address().to_owned(),
        user.roles().join(","),
        user.active.map_or(String::new(), |active| active.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_are_case_insensitive_and_roles_exact() {
        let user = User::from_value(json!({"username": "Deploy-Bot", "name": "Deploy",
            "emails": [{"address": "d@x"}], "roles": ["bot"]}));
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
