//! `admin user list`: every page of `users.list`, filtered here (servers from 7.0 ignore the
//! `query` parameter), as a table or one JSON array of allow-listed records.

use std::io::Write as _;

use anyhow::Result;

use crate::accounts::users::permission;
use crate::api::{self, User};
use crate::cli::ListArgs;
use crate::commands::logged_in_client;
use crate::settings::Settings;

/// The most `users.list` hands out in one page by default (`API_Upper_Count_Limit`); a server
/// with a lower limit answers smaller pages, which the loop follows.
const PAGE: usize = 100;

pub fn run(settings: &Settings, args: &ListArgs) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let mut users = Vec::new();
    let mut progress = None;
    loop {
        let page = api::users_list(&client, users.len(), PAGE)
            .map_err(|err| permission(err, "view-d-room"))?;
        let fetched = page.users.len();
        let total = page.total;
        users.extend(page.users);
        let bar = progress.get_or_insert_with(|| settings.out.progress_bar(total as u64));
        bar.set_position(users.len() as u64);
        if fetched == 0 || users.len() >= total {
            break;
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    say_what_is_hidden(settings, &users, client.user_id())?;
    users.retain(|user| matches(user, args));
    if settings.out.is_json() {
        return settings.out.json(&users);
    }
    let rows: Vec<Vec<String>> = users.iter().map(row).collect();
    settings.out.table(&["USERNAME", "NAME", "EMAIL", "ROLES", "ACTIVE"], &rows)
}

/// A caller without `view-full-other-user-info` gets other users' records without their
/// addresses: say so, rather than print an empty column as if it were data.
fn say_what_is_hidden(settings: &Settings, users: &[User], caller: Option<&str>) -> Result<()> {
    let hidden = users.iter().any(|user| user.id.as_deref() != caller && user.emails.is_none());
    if hidden {
        writeln!(
            settings.out.note(),
            "the server does not show you other users' e-mail addresses (your roles lack the \
             `view-full-other-user-info` permission); they are left empty"
        )?;
    }
    Ok(())
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
