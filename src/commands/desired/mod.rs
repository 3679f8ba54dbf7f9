//! `export`, `diff` and `apply` (docs/cli.md#desired-state-v2): a file says how accounts
//! should be; the planning engine in `crate::plan` compares it with what the server has.

mod current;

use std::io::Write as _;

use anyhow::Result;

use crate::cli::{DiffArgs, ExportArgs};
use crate::exit::{Exit, Failure, Outcome};
use crate::output::escape;
use crate::plan::{self, Plan, convert, read};
use crate::settings::Settings;

use super::logged_in_client;

pub fn export(settings: &Settings, _args: &ExportArgs) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let own = current::own(&client)?;
    let file = convert::export(Some(&own), &[]);
    if settings.out.is_json() {
        return settings.out.json(&file);
    }
    settings.out.text(&convert::to_toml(&file)?)
}

pub fn diff(settings: &Settings, args: &DiffArgs) -> Result<()> {
    let (_, plan) = plan_file(settings, &args.file)?;
    show(settings, &plan)?;
    if args.exit_code && !plan.is_empty() {
        return Err(Outcome(Exit::ChangesPending).into());
    }
    Ok(())
}

/// Read the file (a bad one fails before any request), then the server, then plan.
fn plan_file(settings: &Settings, path: &std::path::Path) -> Result<(plan::Desired, Plan)> {
    let loaded = read::load(path).map_err(|err| Failure::usage(err.to_string()))?;
    let mut desired = loaded.desired().map_err(|err| Failure::usage(err.to_string()))?;
    if !desired.users.is_empty() {
        return Err(Failure::usage(format!(
            "{}: `[[users]]` is not supported yet; only `[profile]` is planned",
            loaded.origin
        ))
        .into());
    }
    if let Some(profile) = &mut desired.profile
        && (profile.presence.take().is_some() | profile.avatar.take().is_some())
    {
        settings
            .out
            .warn("`presence` and `avatar` are not compared yet: they are left out of the plan");
    }
    let (client, _) = logged_in_client(settings)?;
    let current = current::read(&client, &desired)?;
    let plan = plan::plan(&desired, &current).map_err(|err| Failure::usage(err.to_string()))?;
    Ok((desired, plan))
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
