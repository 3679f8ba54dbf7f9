//! Saved plans (docs/cli.md#saved-plans): `diff --out PLAN` writes the plan with what it was
//! computed from, and `apply --plan PLAN` carries out exactly that plan, or nothing when the
//! server moved since (exit 11). The file holds the desired state with every path absolute and
//! secrets as the file's references, the changes, and the basis; never a secret's value.

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Planned;
use crate::accounts::token::check_new;
use crate::client::Client;
use crate::exit::{Exit, Failure};
use crate::input_file;
use crate::output::escape;
use crate::plan::basis::{basis, first_difference};
use crate::plan::file::DesiredFile;
use crate::plan::read::Loaded;
use crate::url::ServerUrl;

/// The only format there is.
const FORMAT_VERSION: u32 = 1;

/// A saved plan is the desired state and a few hundred bytes per change.
const MAX_PLAN_BYTES: u64 = 64 * input_file::MIB;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SavedPlan {
    format_version: u32,
    /// The server the plan was made for.
    server: String,
    /// The account whose context made it.
    user_id: String,
    changes: Value,
    basis: Value,
    /// The desired state, paths absolute, secrets as references.
    file: DesiredFile,
}

/// Refuse a `--out` file that exists (or cannot be made) before anything is read.
pub fn check_out(path: &Path) -> Result<()> {
    check_new(path, "the plan file")
}

/// Write the plan to a new file of mode 0600: written whole beside it, then moved into place
/// without replacing anything, so a failed run leaves no half-written plan.
pub fn write(path: &Path, planned: &Planned) -> Result<()> {
    let Some(file) = planned.file.clone() else {
        anyhow::bail!("the plan was made without keeping its file");
    };
    let saved = SavedPlan {
        format_version: FORMAT_VERSION,
        server: planned.client.server().to_string(),
        user_id: planned.client.user_id().unwrap_or_default().to_owned(),
        changes: serde_json::to_value(&planned.plan.changes)?,
        basis: basis(&planned.desired, &planned.read.current),
        file,
    };
    let mut text = serde_json::to_string_pretty(&saved)?;
    text.push('\n');
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let cannot = |err: &dyn std::fmt::Display| {
        Failure::new(Exit::Failure, format!("cannot write the plan to {}: {err}", path.display()))
    };
    // tempfile makes its files 0600.
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|err| cannot(&err))?;
    temp.write_all(text.as_bytes()).map_err(|err| cannot(&err))?;
    temp.as_file().sync_all().map_err(|err| cannot(&err))?;
    temp.persist_noclobber(path).map_err(|err| cannot(&err.error))?;
    Ok(())
}

/// A saved plan, read back: the desired state it was made from (as a loaded file) and what
/// must still hold for it to be carried out.
pub struct Saved {
    pub loaded: Loaded,
    server: String,
    user_id: String,
    changes: Value,
    basis: Value,
}

/// Read `--plan PLAN` (exit 2 for anything but a plan this rocketctl wrote).
pub fn read(path: &Path) -> Result<Saved> {
    let origin = path.display().to_string();
    let text = input_file::read_text(path, "saved plan", MAX_PLAN_BYTES)
        .map_err(|err| Failure::usage(format!("{origin}: {}", err.reason())))?;
    // serde_json's messages quote no value of the file beyond a key name.
    let saved: SavedPlan = serde_json::from_str(&text).map_err(|err| {
        Failure::usage(format!("{origin} is not a plan saved by `rocketctl diff --out`: {err}"))
    })?;
    if saved.format_version != FORMAT_VERSION {
        return Err(Failure::usage(format!(
            "{origin}: plan format {} is not one this rocketctl reads ({FORMAT_VERSION})",
            saved.format_version
        ))
        .into());
    }
    let loaded = Loaded { file: saved.file, origin, base: "/".into() };
    Ok(Saved {
        loaded,
        server: saved.server,
        user_id: saved.user_id,
        changes: saved.changes,
        basis: saved.basis,
    })
}

impl Saved {
    /// The plan was made for this server and this account (exit 2 otherwise), before anything
    /// is read from the server.
    pub fn check_binding(&self, client: &Client) -> Result<()> {
        let planned_for = ServerUrl::parse(&self.server)
            .map_err(|err| Failure::usage(format!("the plan's `server`: {err}")))?;
        if &planned_for != client.server() {
            return Err(Failure::usage(format!(
                "the plan was made for {planned_for}, and this context's server is {}; nothing \
                 was sent",
                client.server()
            ))
            .hint("apply it with a context for that server (`--context NAME`)")
            .into());
        }
        let me = client.user_id().unwrap_or_default();
        if self.user_id != me {
            return Err(Failure::usage(format!(
                "the plan was made by the account {}, and this context is {}; nothing was sent",
                escape(&self.user_id),
                escape(me)
            ))
            .hint("apply it with the context that made it, or make a new plan with `diff --out`")
            .into());
        }
        Ok(())
    }

    /// The server still holds what the plan was made from, and planning again gives exactly
    /// the saved changes: else exit 11, naming the first value that moved.
    pub fn check_still_holds(&self, planned: &Planned) -> Result<()> {
        let now = basis(&planned.desired, &planned.read.current);
        let moved = first_difference(&self.basis, &now).or_else(|| {
            let changes = serde_json::to_value(&planned.plan.changes).unwrap_or(Value::Null);
            (outline(&changes) != outline(&self.changes)).then(|| "the planned changes".to_owned())
        });
        let Some(moved) = moved else { return Ok(()) };
        Err(Failure::new(
            Exit::PlanStale,
            format!(
                "the saved plan no longer matches the server: {} changed since it was made; \
                 nothing was sent",
                escape(&moved)
            ),
        )
        .hint("make a new plan with `rocketctl diff --out PLAN` and review it again")
        .into())
    }
}

/// Each change's target, field and action: what a plan does, without the values it shows (an
/// avatar's path reads absolute once saved).
fn outline(changes: &Value) -> Vec<(Value, Value, Value)> {
    let key = |change: &Value, key: &str| change.get(key).cloned().unwrap_or(Value::Null);
    changes
        .as_array()
        .map(|changes| {
            changes
                .iter()
                .map(|change| (key(change, "target"), key(change, "field"), key(change, "action")))
                .collect()
        })
        .unwrap_or_default()
}
