//! `export`, `diff` and `apply` (docs/cli.md#desired-state-v2): a file says how accounts
//! should be; the planning engine in `crate::plan` compares it with what the server has.

mod current;
mod pool;
mod report;
mod run;

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::cli::{ApplyArgs, DiffArgs, ExportArgs};
use crate::client::Client;
use crate::exit::{Exit, Failure, Outcome};
use crate::output::escape;
use crate::plan::state::AvatarTarget;
use crate::plan::{self, Plan, convert, read};
use crate::settings::Settings;

use super::logged_in_client;
use super::profile;

pub fn export(settings: &Settings, _args: &ExportArgs) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let own = current::own_for_export(&client)?;
    let file = convert::export(Some(&own), &[]);
    if settings.out.is_json() {
        return settings.out.json(&file);
    }
    settings.out.text(&convert::to_toml(&file)?)
}

pub fn diff(settings: &Settings, args: &DiffArgs) -> Result<()> {
    let planned = plan_file(settings, &args.file)?;
    show(settings, &planned.plan)?;
    pending(args.exit_code, &planned.plan)
}

pub fn apply(settings: &Settings, args: ApplyArgs) -> Result<()> {
    let mut inputs = profile::inputs(settings, args.password, None, args.two_factor, args.dry_run)?;
    let planned = plan_file(settings, &args.file)?;
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
    let runs = run::carry_out(settings, &planned, &mut inputs, usize::from(args.parallel));
    report::finish(settings, &runs)
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
    desired: plan::Desired,
    read: current::Read,
    plan: Plan,
}

/// Read the file (a bad one fails before any request), then the server, then plan.
fn plan_file(settings: &Settings, path: &Path) -> Result<Planned> {
    let usage = |err: &dyn std::fmt::Display| Failure::usage(err.to_string());
    let loaded = read::load(path).map_err(|err| usage(&err))?;
    let desired = loaded.desired().map_err(|err| usage(&err))?;
    if !desired.users.is_empty() {
        let message = format!(
            "{}: `[[users]]` is not supported yet; only `[profile]` is planned",
            loaded.origin
        );
        return Err(Failure::usage(message).into());
    }
    check_images(&desired)?;
    let (client, _) = logged_in_client(settings)?;
    let read = current::read(&client, &desired)?;
    let plan = plan::plan(&desired, &read.current).map_err(|err| usage(&err))?;
    Ok(Planned { client, desired, read, plan })
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
    settings.out.text(&escape(&plan.lines().join("\n")))
}
