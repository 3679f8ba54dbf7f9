//! `admin permission list | show | grant | revoke` (docs/cli.md, "Roles, permissions and
//! settings"): a change reads the permission and the roles first, and sends the permission's
//! whole new role list in one `permissions.update`, or nothing when it would not change.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::accounts::permissions;
use crate::api::{self, Permission};
use crate::cli::{GrantArgs, PermissionCommand};
use crate::commands::{dry_run, logged_in_client};
use crate::exit::{Exit, Failure};
use crate::output::escape;
use crate::settings::Settings;

pub fn run(settings: &Settings, command: PermissionCommand) -> Result<()> {
    match command {
        PermissionCommand::List { role } => list(settings, role.as_deref()),
        PermissionCommand::Show { permission } => show(settings, &permission),
        PermissionCommand::Grant(args) => change(settings, &args, Direction::Grant),
        PermissionCommand::Revoke(args) => change(settings, &args, Direction::Revoke),
    }
}

/// A permission in `-o json`.
#[derive(Serialize)]
struct PermissionView<'a> {
    id: &'a str,
    roles: &'a [String],
}

impl<'a> From<&'a Permission> for PermissionView<'a> {
    fn from(permission: &'a Permission) -> Self {
        Self { id: &permission.id, roles: &permission.roles }
    }
}

fn list(settings: &Settings, role: Option<&str>) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let all = permissions::list(&client)?;
    let held_by = match role {
        Some(name) => {
            let roles = permissions::roles(&client)?;
            Some(permissions::find_role(&roles, name, Exit::Failure)?.id.clone())
        }
        None => None,
    };
    let shown: Vec<&Permission> = all
        .iter()
        .filter(|permission| held_by.as_ref().is_none_or(|id| permission.roles.contains(id)))
        .collect();
    print(settings, &shown)
}

fn show(settings: &Settings, id: &str) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let all = permissions::list(&client)?;
    let permission = permissions::find(&all, id, Exit::Failure)?;
    if settings.out.is_json() {
        return settings.out.json(&PermissionView::from(permission));
    }
    print(settings, &[permission])
}

fn print(settings: &Settings, shown: &[&Permission]) -> Result<()> {
    if settings.out.is_json() {
        let views: Vec<PermissionView<'_>> =
            shown.iter().map(|p| PermissionView::from(*p)).collect();
        return settings.out.json(&views);
    }
    let rows: Vec<Vec<String>> =
        shown.iter().map(|p| vec![p.id.clone(), p.roles.join(",")]).collect();
    settings.out.table(&["PERMISSION", "ROLES"], &rows)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Grant,
    Revoke,
}

/// `-o json` of `grant` / `revoke`: whether anything changed, and [`Roles`].
#[derive(Serialize)]
struct Changed<'a> {
    changed: bool,
    #[serde(flatten)]
    roles: Roles<'a>,
}

/// The permission's roles afterwards, and the roles that gain it (`granted`) or lose it
/// (`revoked`); a dry run shows it beside the request.
#[derive(Serialize)]
struct Roles<'a> {
    permission: &'a str,
    roles: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    granted: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revoked: Option<&'a [String]>,
}

impl Direction {
    fn roles<'a>(self, id: &'a str, roles: &'a [String], changed: &'a [String]) -> Roles<'a> {
        let (granted, revoked) = match self {
            Self::Grant => (Some(changed), None),
            Self::Revoke => (None, Some(changed)),
        };
        Roles { permission: id, roles, granted, revoked }
    }

    fn view<'a>(self, id: &'a str, roles: &'a [String], changed: &'a [String]) -> Changed<'a> {
        Changed { changed: !changed.is_empty(), roles: self.roles(id, roles, changed) }
    }

    /// The role list after the change.
    fn apply(self, current: &[String], roles: &[String]) -> Vec<String> {
        match self {
            Self::Grant => permissions::granted(current, roles),
            Self::Revoke => permissions::revoked(current, roles),
        }
    }

    /// `grant P to a, b` / `revoke P from a, b`, or as the summary line (`Granted P to a, b`).
    fn phrase(self, id: &str, roles: &[String], past: bool) -> String {
        let roles = roles.iter().map(|role| escape(role)).collect::<Vec<_>>().join(", ");
        let (verb, preposition) = match (self, past) {
            (Self::Grant, false) => ("grant", "to"),
            (Self::Grant, true) => ("Granted", "to"),
            (Self::Revoke, false) => ("revoke", "from"),
            (Self::Revoke, true) => ("Revoked", "from"),
        };
        format!("{verb} {} {preposition} {roles}", escape(id))
    }
}

fn change(settings: &Settings, args: &GrantArgs, direction: Direction) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let all = permissions::list(&client)?;
    let permission = permissions::find(&all, &args.permission, Exit::Refused)?;
    let roles = permissions::roles(&client)?;
    let asked = permissions::role_ids(&roles, &args.roles)?;
    let id = permission.id.as_str();
    let current = &permission.roles;
    let wanted = direction.apply(current, &asked);
    let changing: Vec<String> = asked
        .iter()
        .filter(|role| current.contains(role) == (direction == Direction::Revoke))
        .cloned()
        .collect();
    if changing.is_empty() {
        let state = match (direction, asked.len()) {
            (Direction::Grant, 1) => "holds",
            (Direction::Grant, _) => "hold",
            (Direction::Revoke, 1) => "lacks",
            (Direction::Revoke, _) => "lack",
        };
        let names = asked.iter().map(|role| escape(role)).collect::<Vec<_>>().join(", ");
        writeln!(
            settings.out.status(),
            "nothing to change: {names} already {state} {}",
            escape(id)
        )?;
        return print_changed(settings, &direction.view(id, current, &[]));
    }
    if args.dry_run {
        let request = api::update_permission_request(id, &wanted)?;
        let what = direction.phrase(id, &changing, false);
        let planned = direction.roles(id, &wanted, &changing);
        return dry_run::print(settings, &client, &what, &request, planned);
    }
    let after = permissions::set_roles(&client, id, &wanted)?;
    let missing: Vec<&String> = changing
        .iter()
        .filter(|role| after.contains(role) != (direction == Direction::Grant))
        .collect();
    if !missing.is_empty() {
        return Err(Failure::new(
            Exit::Refused,
            format!("the server answered, but the roles of {} are {}", escape(id), after.join(",")),
        )
        .into());
    }
    let done = direction.phrase(id, &changing, true);
    writeln!(settings.out.status(), "{done}")?;
    print_changed(settings, &direction.view(id, &after, &changing))
}

fn print_changed(settings: &Settings, view: &Changed<'_>) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(view);
    }
    Ok(())
}
