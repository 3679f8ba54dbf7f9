//! `export`, `diff` and `apply` (docs/cli.md#desired-state): a file says how accounts
//! should be; the planning engine in `crate::plan` compares it with what the server has.

mod current;
mod pool;
mod report;
mod run;
mod users;

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::cli::{ApplyArgs, DiffArgs, ExportArgs};
use crate::client::Client;
use crate::exit::{Exit, Failure, Outcome};
use crate::output::escape;
use crate::plan::state::AvatarTarget;
use crate::plan::{self, Plan, convert, read};
use crate::settings::{Settings, Target};

use super::logged_in_client;
use super::profile::SecretSources;
use crate::input::CURRENT_PASSWORD;
use crate::secret::Secret;
use users::Secrets;
pub(crate) use users::update_data;

/// Accounts read at a time by `diff` (`apply` takes `--parallel`).
const DEFAULT_PARALLEL: usize = 4;
use super::profile;

pub fn export(settings: &Settings, args: &ExportArgs) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let file = if args.users.is_empty() {
        convert::export(Some(&current::own_for_export(&client)?), &[])
    } else {
        let (mut found, _) = users::read(&client, &args.users, DEFAULT_PARALLEL)?;
        let mut states = Vec::new();
        for name in &args.users {
            let Some(state) = found.remove(name) else {
                let message = format!("there is no user named {}", escape(name));
                return Err(Failure::new(Exit::Failure, message).into());
            };
            states.push(state);
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
    let mut inputs = profile::inputs(settings, args.password, None, args.two_factor, args.dry_run)?;
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
    let secrets = secrets(settings, &planned, &mut inputs)?;
    let parallel = usize::from(args.parallel);
    let runs = run::carry_out(settings, &planned, &mut inputs, &secrets, parallel);
    report::finish(settings, &runs)
}

/// Every secret `apply` may need, read before anything is sent: the own password when one was
/// given (read once, whatever asks for it), the code, and the new accounts' passwords.
fn secrets(settings: &Settings, planned: &Planned, inputs: &mut SecretSources) -> Result<Secrets> {
    // An e-mail change of the own account needs the password or a code: without either, and
    // without a terminal to ask on, fail now rather than after other accounts changed.
    let verifies = planned
        .plan
        .for_target(&plan::Target::Profile)
        .any(|change| matches!(change.field, Some(plan::Field::Email | plan::Field::Password)));
    let missing = verifies && inputs.code.is_none() && !settings.can_prompt;
    let own_password = if inputs.current.given() || missing {
        Some(CURRENT_PASSWORD.read(&inputs.current, false, &settings.out)?)
    } else {
        None
    };
    let code = inputs.code.as_ref().map(|code| Secret::new(code.expose().to_owned()));
    let new_passwords = users::read_new_accounts(settings, &planned.plan, &planned.desired)?;
    Ok(Secrets { own_password, code, new_passwords })
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
    let loaded = read::load(path).map_err(|err| usage(&err))?;
    let desired = loaded.desired().map_err(|err| usage(&err))?;
    check_images(&desired)?;
    let (client, target) = logged_in_client(settings)?;
    let read = current::read(&client, &desired, parallel)?;
    let plan = plan::plan(&desired, &read.current).map_err(|err| usage(&err))?;
    Ok(Planned { client, target, desired, read, plan })
}

/// An avatar file that is not an image is refused before anything is sent, as `profile avatar
/// set` refuses it.
fn check_images(desired: &plan::Desired) -> Result<()> {
    let accounts = desired.profile.iter().chain(desired.users.iter().map(|(_, user)| user));
    for avatar in accounts.filter_map(|account| account.avatar.as_ref()) {
        if let AvatarTarget::File(path) = &avatar.source {
            profile::read_image(path)?;
        }
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
