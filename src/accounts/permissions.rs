//! Permissions and the roles that hold them: names checked against the server before anything
//! is sent, a grant or revoke planned as the permission's whole new role list (the server
//! replaces the list), and the check a new account's token step needs before the account is
//! created. `admin permission …`, `admin user create --token` and `apply` go through here.

use anyhow::Result;

use crate::accounts::users::permission;
use crate::api::{self, ApiError, Client, Permission, Role};
use crate::exit::{Exit, Failure};
use crate::output::escape;

/// What an account needs to make its own personal access token.
pub const CREATE_TOKENS: &str = "create-personal-access-tokens";
/// What changing a permission's roles (and reading a role's members) needs.
pub const ACCESS_PERMISSIONS: &str = "access-permissions";

/// Every permission of the server, sorted by id.
pub fn list(client: &Client) -> Result<Vec<Permission>> {
    Ok(api::list_permissions(client)?)
}

/// Every role of the server.
pub fn roles(client: &Client) -> Result<Vec<Role>> {
    Ok(api::list_roles(client)?)
}

/// The permission `id`; an unknown one is `exit` (5 before a change, 1 for a read).
pub fn find<'a>(permissions: &'a [Permission], id: &str, exit: Exit) -> Result<&'a Permission> {
    permissions.iter().find(|p| p.id == id).ok_or_else(|| {
        let sent = if exit == Exit::Refused { "; nothing was sent" } else { "" };
        Failure::new(exit, format!("the server has no permission named {}{sent}", escape(id)))
            .hint("`rocketctl admin permission list` lists them")
            .into()
    })
}

/// The role `given` names (by name or id); an unknown one is `exit` (5 before a change, 1 for a
/// read).
pub fn find_role<'a>(roles: &'a [Role], given: &str, exit: Exit) -> Result<&'a Role> {
    Role::named(roles, given).ok_or_else(|| {
        let sent = if exit == Exit::Refused { "; nothing was sent" } else { "" };
        Failure::new(exit, format!("the server has no role named {}{sent}", escape(given)))
            .hint("`rocketctl admin role list` lists them")
            .into()
    })
}

/// The ids of the roles given (the names a permission holds), each checked: every unknown one
/// is named, and nothing is sent (exit 5).
pub fn role_ids(roles: &[Role], given: &[String]) -> Result<Vec<String>> {
    let unknown: Vec<String> =
        given.iter().filter(|name| Role::named(roles, name).is_none()).map(|n| escape(n)).collect();
    if !unknown.is_empty() {
        let plural = if unknown.len() == 1 { "role" } else { "roles" };
        return Err(Failure::new(
            Exit::Refused,
            format!("the server has no {plural} named {}; nothing was sent", unknown.join(", ")),
        )
        .hint("`rocketctl admin role list` lists them")
        .into());
    }
    let mut ids: Vec<String> = Vec::new();
    for name in given {
        let id = Role::named(roles, name).map(|role| role.id.clone()).unwrap_or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The role list after granting `roles`: the current list, then each new one.
pub fn granted(current: &[String], roles: &[String]) -> Vec<String> {
    let mut list = current.to_vec();
    for role in roles {
        if !list.contains(role) {
            list.push(role.clone());
        }
    }
    list
}

/// The role list after revoking `roles`.
pub fn revoked(current: &[String], roles: &[String]) -> Vec<String> {
    current.iter().filter(|role| !roles.contains(role)).cloned().collect()
}

/// Replace the permission's role list with `roles` (one `permissions.update`). The roles it has
/// afterwards, as the server says; a lost answer is settled by reading the permission again.
pub fn set_roles(client: &Client, id: &str, roles: &[String]) -> Result<Vec<String>> {
    let id_shown = escape(id);
    let change = crate::interrupt::changing(
        format!("the new role list of the permission `{id_shown}`"),
        format!(
            "check with `rocketctl admin permission show {id_shown}` before running the command again"
        ),
    );
    let updated = api::update_permission(client, id, roles);
    drop(change);
    let err = match updated {
        Ok(Some(after)) => return Ok(after),
        Ok(None) => return reread(client, id),
        Err(err) => err,
    };
    if !err.outcome_unknown() {
        return Err(permission(err, ACCESS_PERMISSIONS));
    }
    reread(client, id).map_err(|_| unknown_outcome(id, &err))
}

fn reread(client: &Client, id: &str) -> Result<Vec<String>> {
    let permissions = list(client)?;
    Ok(find(&permissions, id, Exit::Failure)?.roles.clone())
}

fn unknown_outcome(id: &str, err: &ApiError) -> anyhow::Error {
    Failure::new(
        Exit::OutcomeUnknown,
        format!("it is not known whether the roles of {} were changed: {err}", escape(id)),
    )
    .hint(format!("run `rocketctl admin permission show {}` to see", escape(id)))
    .into()
}

/// A new account's token step will be refused when none of its roles holds
/// `create-personal-access-tokens`: say so before the account is created (exit 5, nothing
/// sent), naming the permission and both ways to grant it.
pub fn check_token_step(client: &Client, username: &str, roles: &[String]) -> Result<()> {
    let permissions = list(client)?;
    let holders = permissions.iter().find(|p| p.id == CREATE_TOKENS).map(|p| p.roles.as_slice());
    Ok(check_token_roles(username, roles, holders.unwrap_or_default())?)
}

/// [`check_token_step`] for roles and holders already known (a desired state plans the
/// holders a file will grant).
pub fn check_token_roles(
    username: &str,
    roles: &[String],
    holders: &[String],
) -> Result<(), Failure> {
    if roles.iter().any(|role| holders.contains(role)) {
        return Ok(());
    }
    Err(token_step_refused(username, roles, holders))
}

/// The permissions any of `roles` holds.
pub fn held(permissions: &[Permission], roles: &[String]) -> std::collections::BTreeSet<String> {
    permissions
        .iter()
        .filter(|permission| permission.roles.iter().any(|role| roles.contains(role)))
        .map(|permission| permission.id.clone())
        .collect()
}

fn token_step_refused(username: &str, roles: &[String], holders: &[String]) -> Failure {
    let shown: Vec<String> = roles.iter().map(|role| escape(role)).collect();
    let role = shown.first().cloned().unwrap_or_else(|| "ROLE".to_owned());
    let wanted: Vec<String> = granted(holders, &roles[..roles.len().min(1)])
        .iter()
        .map(|role| format!("\"{}\"", escape(role)))
        .collect();
    Failure::new(
        Exit::Refused,
        format!(
            "not creating {}: none of its roles ({}) holds the `{CREATE_TOKENS}` permission its \
             token step needs; nothing was sent",
            escape(username),
            shown.join(", ")
        ),
    )
    .hint(format!("grant it first: `rocketctl admin permission grant {CREATE_TOKENS} {role}`"))
    .hint(format!(
        "or grant it in a desired-state file for `rocketctl apply`: `[permissions]` with \
         {CREATE_TOKENS} = [{}]",
        wanted.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::Diagnose as _;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn a_grant_appends_and_a_revoke_removes_keeping_the_order() {
        let current = names(&["admin", "user"]);
        assert_eq!(granted(&current, &names(&["bot", "user"])), names(&["admin", "user", "bot"]));
        assert_eq!(revoked(&current, &names(&["admin", "bot"])), names(&["user"]));
        assert_eq!(granted(&current, &names(&["admin"])), current);
    }

    #[test]
    fn unknown_roles_are_named_together_and_known_ones_become_ids() {
        let roles: Vec<Role> = serde_json::from_value(serde_json::json!([
            {"_id": "bot", "name": "bot"}, {"_id": "x7Gh", "name": "auditor"}
        ]))
        .unwrap();
        assert_eq!(
            role_ids(&roles, &names(&["auditor", "bot", "x7Gh"])).unwrap(),
            names(&["x7Gh", "bot"])
        );
        let err = role_ids(&roles, &names(&["bott", "bot", "nobody"])).unwrap_err();
        assert_eq!(err.to_string(), "the server has no roles named bott, nobody; nothing was sent");
    }

    #[test]
    fn a_refused_token_step_names_the_permission_the_role_and_both_fixes() {
        let failure =
            token_step_refused("deploy-bot", &names(&["bot"]), &names(&["admin", "user"]));
        assert_eq!(failure.exit, Exit::Refused);
        assert_eq!(
            failure.hints(),
            [
                "grant it first: `rocketctl admin permission grant create-personal-access-tokens bot`",
                "or grant it in a desired-state file for `rocketctl apply`: `[permissions]` with \
                 create-personal-access-tokens = [\"admin\", \"user\", \"bot\"]",
            ]
        );
    }
}
