//! `admin role list | members | add | remove` (docs/cli.md, "Roles, permissions and settings"):
//! the role and every user are checked before anything is sent, and a membership that already
//! holds sends nothing.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::accounts::{permissions, roles};
use crate::api::{self, Client, Membership, Role, User};
use crate::cli::{MembershipArgs, RoleCommand};
use crate::commands::{dry_run, logged_in_client, page_limits};
use crate::exit::{Exit, Failure};
use crate::output::escape;
use crate::settings::Settings;

pub fn run(settings: &Settings, command: RoleCommand) -> Result<()> {
    match command {
        RoleCommand::List => list(settings),
        RoleCommand::Members { role } => members(settings, &role),
        RoleCommand::Add(args) => change(settings, &args, Direction::Add),
        RoleCommand::Remove(args) => change(settings, &args, Direction::Remove),
    }
}

/// A role in `-o json`.
#[derive(Serialize)]
struct RoleView<'a> {
    id: &'a str,
    name: &'a str,
    scope: &'a str,
    protected: bool,
    description: &'a str,
}

fn list(settings: &Settings) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let roles = permissions::roles(&client)?;
    if settings.out.is_json() {
        let views: Vec<RoleView<'_>> = roles
            .iter()
            .map(|role| RoleView {
                id: &role.id,
                name: &role.name,
                scope: &role.scope,
                protected: role.protected,
                description: &role.description,
            })
            .collect();
        return settings.out.json(&views);
    }
    let rows: Vec<Vec<String>> = roles
        .iter()
        .map(|role| {
            let protected = if role.protected { "yes" } else { "no" };
            vec![
                role.name.clone(),
                role.scope.clone(),
                protected.to_owned(),
                role.description.clone(),
            ]
        })
        .collect();
    settings.out.table(&["ROLE", "SCOPE", "PROTECTED", "DESCRIPTION"], &rows)
}

fn members(settings: &Settings, name: &str) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let roles = permissions::roles(&client)?;
    let role = permissions::find_role(&roles, name, Exit::Failure)?;
    let users = roles::members(&client, role, page_limits(settings))?;
    if settings.out.is_json() {
        return settings.out.json(&users);
    }
    let rows: Vec<Vec<String>> = users
        .iter()
        .map(|user| {
            let name = user.name.clone().unwrap_or_default();
            vec![user.username().to_owned(), name, user.email_address().to_owned()]
        })
        .collect();
    settings.out.table(&["USERNAME", "NAME", "EMAIL"], &rows)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Add,
    Remove,
}

/// `-o json` of `add` / `remove`: whether anything changed, and [`Members`].
#[derive(Serialize)]
struct Changed<'a> {
    changed: bool,
    #[serde(flatten)]
    members: Members<'a>,
}

/// The users whose membership changes (`added` or `removed`), and those that already are as
/// asked; a dry run shows it beside the requests.
#[derive(Serialize)]
struct Members<'a> {
    role: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    added: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    removed: Option<&'a [String]>,
    unchanged: &'a [String],
}

impl Direction {
    fn members<'a>(
        self,
        role: &'a Role,
        changed: &'a [String],
        unchanged: &'a [String],
    ) -> Members<'a> {
        let (added, removed) = match self {
            Self::Add => (Some(changed), None),
            Self::Remove => (None, Some(changed)),
        };
        Members { role: &role.name, added, removed, unchanged }
    }

    fn view<'a>(
        self,
        role: &'a Role,
        changed: &'a [String],
        unchanged: &'a [String],
    ) -> Changed<'a> {
        Changed { changed: !changed.is_empty(), members: self.members(role, changed, unchanged) }
    }

    /// What a user must not be for a request to be sent: holding the role, to be given it.
    fn done(self, user: &User, role: &Role) -> bool {
        roles::holds(user, role) == (self == Self::Add)
    }

    /// `give bot to a, b` / `take bot from a, b`, or in the past (`gave`, `took`).
    fn phrase(self, role: &Role, users: &[String], past: bool) -> String {
        let names = listed(users);
        let role = escape(&role.name);
        match (self, past) {
            (Self::Add, false) => format!("give {role} to {names}"),
            (Self::Add, true) => format!("gave {role} to {names}"),
            (Self::Remove, false) => format!("take {role} from {names}"),
            (Self::Remove, true) => format!("took {role} from {names}"),
        }
    }
}

fn listed(names: &[String]) -> String {
    names.iter().map(|name| escape(name)).collect::<Vec<_>>().join(", ")
}

fn change(settings: &Settings, args: &MembershipArgs, direction: Direction) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let roles = permissions::roles(&client)?;
    let role = permissions::find_role(&roles, &args.role, Exit::Refused)?;
    roles::check_global(role)?;
    let (pending, unchanged) = plan(&client, role, &args.usernames, direction)?;
    if pending.is_empty() {
        say_unchanged(settings, role, &unchanged, direction)?;
        return print(settings, &direction.view(role, &[], &unchanged));
    }
    if args.dry_run {
        let requests = pending
            .iter()
            .map(|name| match direction {
                Direction::Add => api::add_user_to_role_request(&role.id, name),
                Direction::Remove => api::remove_user_from_role_request(&role.id, name),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let what = direction.phrase(role, &pending, false);
        let members = direction.members(role, &pending, &unchanged);
        return dry_run::print_all(settings, &client, &what, &requests, members);
    }
    let (done, unchanged) = send(&client, role, pending, unchanged, direction)?;
    if done.is_empty() {
        // Every user changed meanwhile, as asked: the server said so.
        say_unchanged(settings, role, &unchanged, direction)?;
    } else {
        writeln!(settings.out.status(), "{}", capitalised(&direction.phrase(role, &done, true)))?;
    }
    print(settings, &direction.view(role, &done, &unchanged))
}

fn say_unchanged(
    settings: &Settings,
    role: &Role,
    unchanged: &[String],
    direction: Direction,
) -> Result<()> {
    let state = match (direction, unchanged.len()) {
        (Direction::Add, 1) => "holds",
        (Direction::Add, _) => "hold",
        (Direction::Remove, 1) => "lacks",
        (Direction::Remove, _) => "lack",
    };
    let (names, role) = (listed(unchanged), escape(&role.name));
    writeln!(settings.out.status(), "nothing to change: {names} already {state} {role}")?;
    Ok(())
}

/// The users whose membership would change, and those already as asked; every user is looked
/// up first, and unknown ones are exit 5 before anything is sent.
fn plan(
    client: &Client,
    role: &Role,
    usernames: &[String],
    direction: Direction,
) -> Result<(Vec<String>, Vec<String>)> {
    let (mut pending, mut unchanged, mut unknown) = (Vec::new(), Vec::new(), Vec::new());
    for name in usernames {
        if pending.contains(name) || unchanged.contains(name) || unknown.contains(name) {
            continue;
        }
        match api::user_info(client, name)? {
            None => unknown.push(name.clone()),
            Some(user) if direction.done(&user, role) => unchanged.push(name.clone()),
            Some(_) => pending.push(name.clone()),
        }
    }
    if !unknown.is_empty() {
        let none = if unknown.len() == 1 { "is no user" } else { "are no users" };
        return Err(Failure::new(
            Exit::Refused,
            format!("there {none} named {}; nothing was sent", listed(&unknown)),
        )
        .hint("`rocketctl admin user list` lists the users")
        .into());
    }
    Ok((pending, unchanged))
}

/// One request per user, in order; a failure says who was changed before it.
fn send(
    client: &Client,
    role: &Role,
    pending: Vec<String>,
    mut unchanged: Vec<String>,
    direction: Direction,
) -> Result<(Vec<String>, Vec<String>)> {
    let mut done = Vec::new();
    for name in pending {
        let sent = match direction {
            Direction::Add => roles::add(client, role, &name),
            Direction::Remove => roles::remove(client, role, &name),
        };
        match sent {
            Ok(Membership::Changed) => done.push(name),
            Ok(Membership::AlreadySo) => unchanged.push(name),
            Err(err) if done.is_empty() => return Err(err),
            Err(err) => {
                let before = format!("{} before this failed", direction.phrase(role, &done, true));
                return Err(err.context(before));
            }
        }
    }
    Ok((done, unchanged))
}

fn capitalised(phrase: &str) -> String {
    let mut chars = phrase.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn print(settings: &Settings, view: &Changed<'_>) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(view);
    }
    Ok(())
}
