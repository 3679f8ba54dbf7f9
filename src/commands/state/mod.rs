//! `export`, `diff` and `apply` (docs/cli.md#desired-state): a file says how accounts
//! should be; the planning engine in `crate::plan` compares it with what the server has, and
//! `accounts` makes the changes.

mod all_users;
mod current;
mod report;
mod run;
mod steps;
mod users;

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::accounts::avatar::read_image;
use crate::accounts::custom_fields;
use crate::accounts::password::random_password;
use crate::accounts::second_factor::given_code;
use crate::accounts::token::check_new_file;
use crate::api::NewAvatar;
use crate::cli::{ApplyArgs, DiffArgs, ExportArgs};
use crate::client::Client;
use crate::exit::{Exit, Failure, Outcome};
use crate::input::{CURRENT_PASSWORD, NEW_PASSWORD};
use crate::output::escape;
use crate::plan::file::PasswordSource;
use crate::plan::state::AvatarTarget;
use crate::plan::{self, Plan, Target as PlanTarget, convert, read};
use crate::secret::Secret;
use crate::settings::{Settings, Target};

use super::{logged_in_client, page_limits};

/// Accounts read at a time by `diff` and `export` (`apply` takes `--parallel`).
const DEFAULT_PARALLEL: usize = 4;

pub fn export(settings: &Settings, args: &ExportArgs) -> Result<()> {
    if args.all_users {
        return all_users::export(settings, args);
    }
    let (client, _) = logged_in_client(settings)?;
    let file = if args.users.is_empty() {
        convert::export(Some(&current::own_for_export(&client)?), &[])
    } else {
        let mut found = current::users(&client, &args.users, DEFAULT_PARALLEL)?;
        let mut states = Vec::new();
        for name in &args.users {
            let Some(user) = found.remove(name) else {
                let message = format!("there is no user named {}", escape(name));
                return Err(Failure::new(Exit::Failure, message).into());
            };
            states.push(plan::AccountState::from(&user));
        }
        convert::export(None, &states)
    };
    if settings.out.is_json() {
        return settings.out.json(&file);
    }
    settings.out.text(&convert::to_toml(&file)?)
}

pub fn diff(settings: &Settings, args: &DiffArgs) -> Result<()> {
    let planned = plan_file(settings, &args.file, DEFAULT_PARALLEL)?;
    show(settings, &planned.plan)?;
    pending(args.exit_code, &planned.plan)
}

pub fn apply(settings: &Settings, args: ApplyArgs) -> Result<()> {
    if args.password.password_stdin && args.file == Path::new("-") {
        let message = "`-f -` and --password-stdin both read stdin; give the password with \
                       --password-file or ROCKETCHAT_PASSWORD";
        return Err(Failure::usage(message).into());
    }
    let code = given_code(args.two_factor.code)?;
    let own =
        settings.current_password_input(args.password.password_stdin, args.password.password_file);
    let planned = plan_file(settings, &args.file, usize::from(args.parallel))?;
    if args.dry_run {
        show(settings, &planned.plan)?;
        return pending(args.exit_code, &planned.plan);
    }
    if planned.plan.is_empty() {
        return report::nothing(settings, &planned.plan);
    }
    if !settings.out.is_json() {
        show(settings, &planned.plan)?;
    }
    let secrets = secrets(settings, &planned, own, code)?;
    let parallel = usize::from(args.parallel);
    let runs = run::carry_out(settings, &planned, &secrets, parallel);
    report::finish(settings, runs)
}

/// Secrets read before anything is sent: the administrator's own password (for a password
/// challenge, and the own account's e-mail change) and a code, and the passwords of the
/// accounts to create.
pub struct Secrets {
    pub own_password: Option<Secret>,
    pub code: Option<Secret>,
    pub new_passwords: BTreeMap<String, Secret>,
}

/// Every secret `apply` may need, read before anything is sent.
fn secrets(
    settings: &Settings,
    planned: &Planned,
    own: crate::input::SecretInput,
    code: Option<Secret>,
) -> Result<Secrets> {
    // An e-mail change of the own account needs the password or a code: without either, and
    // without a terminal to ask on, fail now rather than after other accounts changed.
    let verifies = planned
        .plan
        .for_target(&PlanTarget::Profile)
        .any(|change| matches!(change.field, Some(plan::Field::Email | plan::Field::Password)));
    let missing = verifies && code.is_none() && !settings.can_prompt;
    let own_password = if own.given() || missing {
        Some(CURRENT_PASSWORD.read(&own, false, &settings.out)?)
    } else {
        None
    };
    let new_passwords = read_new_accounts(settings, &planned.plan, &planned.desired)?;
    Ok(Secrets { own_password, code, new_passwords })
}

/// The passwords of the accounts the plan creates (exit 2 for one that cannot be read), and
/// their token files, which must be new.
fn read_new_accounts(
    settings: &Settings,
    plan: &Plan,
    desired: &plan::Desired,
) -> Result<BTreeMap<String, Secret>> {
    let mut passwords = BTreeMap::new();
    for change in plan.changes.iter().filter(|change| change.field.is_none()) {
        let PlanTarget::User(name) = &change.target else { continue };
        let Some(wanted) = desired.user(name) else { continue };
        if let Some(token) = &wanted.token {
            check_new_file(&token.file)?;
        }
        passwords.insert(name.clone(), password(settings, name, wanted.initial_password.as_ref())?);
    }
    Ok(passwords)
}

fn password(settings: &Settings, name: &str, source: Option<&PasswordSource>) -> Result<Secret> {
    Ok(match source {
        None | Some(PasswordSource::Random) => random_password(),
        Some(PasswordSource::File(path)) => {
            let input = settings.new_password_input(false, Some(path.clone()));
            NEW_PASSWORD.read(&input, false, &settings.out).with_context(|| {
                format!("users.{name}: cannot read `password` from {}", path.display())
            })?
        }
        Some(PasswordSource::Env(var)) => match std::env::var(var) {
            Ok(value) if !value.is_empty() => Secret::new(value),
            _ => {
                let message =
                    format!("users.{name}: `password` names {var}, which is not set or empty");
                return Err(Failure::usage(message).into());
            }
        },
    })
}

/// `--exit-code`: exit 10 while changes are pending, without calling that an error.
fn pending(exit_code: bool, plan: &Plan) -> Result<()> {
    if exit_code && !plan.is_empty() {
        return Err(Outcome(Exit::ChangesPending).into());
    }
    Ok(())
}

/// A plan and what it was made from.
struct Planned {
    client: Client,
    /// Where the credentials came from (a renamed own account updates its context).
    target: Target,
    desired: plan::Desired,
    read: current::Read,
    plan: Plan,
}

/// Read the file (a bad one fails before any request), then the server, then plan.
fn plan_file(settings: &Settings, path: &Path, parallel: usize) -> Result<Planned> {
    let usage = |err: &dyn std::fmt::Display| Failure::usage(err.to_string());
    // The parsed file is let go once it is the engine's: a fleet's file is held once, not twice.
    let mut desired = read::load(path).map_err(|err| usage(&err))?.into_desired();
    read_images(&mut desired)?;
    let (client, target) = logged_in_client(settings)?;
    let (read, plan) = current::read_and_plan(&client, &desired, parallel, page_limits(settings))?;
    custom_fields::check_defined(&client, custom_fields_set(&plan))?;
    Ok(Planned { client, target, desired, read, plan })
}

/// The custom fields the plan sets, on accounts that exist and on new ones: keys the server does
/// not define are refused before anything is sent, as `profile update --field` refuses them.
fn custom_fields_set(plan: &Plan) -> std::collections::BTreeSet<&str> {
    let mut keys: std::collections::BTreeSet<&str> = custom_fields::set_by(&plan.changes).collect();
    for change in plan.changes.iter().filter(|change| change.field.is_none()) {
        let Some(plan::Val::Record(entries)) = &change.after else { continue };
        for (key, value) in entries {
            if let (true, plan::Val::Record(fields)) = (key == "custom_fields", value) {
                keys.extend(fields.iter().map(|(name, _)| name.as_str()));
            }
        }
    }
    keys
}

/// Each avatar file is read once (bounded, regular files only) before anything is sent: one
/// that is not an image is refused as `profile avatar set` refuses it, and the same bytes give
/// the digest the plan compares with the server's avatar.
fn read_images(desired: &mut plan::Desired) -> Result<()> {
    let mut digests: HashMap<PathBuf, String> = HashMap::new();
    let accounts = desired.profile.iter_mut().chain(desired.users.iter_mut().map(|(_, user)| user));
    for avatar in accounts.filter_map(|account| account.avatar.as_mut()) {
        let AvatarTarget::File(path) = &avatar.source else { continue };
        if !digests.contains_key(path)
            && let NewAvatar::File { bytes, .. } = read_image(path)?
        {
            digests.insert(path.clone(), convert::sha256_hex(&bytes));
        }
        avatar.digest = digests.get(path).cloned();
    }
    Ok(())
}

/// The plan on stdout (its lines, or `{"changes": [...]}`), notices on stderr.
fn show(settings: &Settings, plan: &Plan) -> Result<()> {
    for notice in &plan.notices {
        writeln!(settings.out.note(), "{notice}")?;
    }
    if settings.out.is_json() {
        return settings.out.json(plan);
    }
    if plan.is_empty() {
        writeln!(settings.out.status(), "nothing to change: the server already has this state")?;
        return Ok(());
    }
    // Each line escaped on its own: server text cannot start a line of its own.
    let lines: Vec<String> = plan.lines().iter().map(|line| escape(line)).collect();
    settings.out.text(&lines.join("\n"))
}
