//! `export`, `diff` and `apply` (docs/cli.md#desired-state-v2): a file says how accounts
//! should be; the planning engine in `crate::plan` compares it with what the server has.

mod current;
mod pool;
mod report;
mod run;

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::api;
use crate::cli::{ApplyArgs, DiffArgs, ExportArgs};
use crate::client::Client;
use crate::exit::{Exit, Failure, Outcome};
use crate::output::escape;
use crate::plan::{self, Plan, convert, read};
use crate::settings::Settings;

use super::logged_in_client;
use super::profile;

pub fn export(settings: &Settings, _args: &ExportArgs) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let own = api::account_fields(&api::me(&client)?).into();
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
    let mut desired = loaded.desired().map_err(|err| usage(&err))?;
    if !desired.users.is_empty() {
        let message = format!(
            "{}: `[[users]]` is not supported yet; only `[profile]` is planned",
            loaded.origin
        );
        return Err(Failure::usage(message).into());
    }
    if let Some(profile) = &mut desired.profile
        && (profile.presence.take().is_some() | profile.avatar.take().is_some())
    {
        settings
            .out
            .warn("`presence` and `avatar` are not compared yet: they are left out of the plan");
    }
    let (client, _) = logged_in_client(settings)?;
    let read = current::read(&client, &desired)?;
    let plan = plan::plan(&desired, &read.current).map_err(|err| usage(&err))?;
    Ok(Planned { client, desired, read, plan })
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
