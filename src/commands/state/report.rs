//! What `apply` prints once the plan has run: the summary on stderr, or one JSON object with
//! each change's result, the number of failed changes and the first failure's error; and the
//! exit code of that first failure.

use std::io::Write as _;

use anyhow::Result;
use serde_json::{Value, json};

use super::run::{AccountRun, Fate};
use crate::errors::diagnose;
use crate::exit::Outcome;
use crate::plan::Plan;
use crate::settings::Settings;

/// A plan with nothing to do.
pub fn nothing(settings: &Settings, plan: &Plan) -> Result<()> {
    for notice in &plan.notices {
        writeln!(settings.out.note(), "{notice}")?;
    }
    if settings.out.is_json() {
        return settings.out.json(&json!({"changed": false, "changes": [], "failed": 0}));
    }
    writeln!(settings.out.status(), "nothing to change: the server already has this state")?;
    Ok(())
}

pub fn finish(settings: &Settings, runs: &[AccountRun]) -> Result<()> {
    let count =
        |fate: Fate| runs.iter().flat_map(|run| &run.changes).filter(|(_, f)| *f == fate).count();
    let (applied, failed, skipped) =
        (count(Fate::Applied), count(Fate::Failed), count(Fate::Skipped));
    let first = runs.iter().find_map(|run| run.error.as_ref());
    let report = first.and_then(diagnose);
    if settings.out.is_json() {
        let mut object = json!({
            "changed": applied > 0,
            "changes": runs.iter().flat_map(|run| &run.changes).map(|(change, fate)| {
                let mut value = serde_json::to_value(change).unwrap_or(Value::Null);
                value["result"] = json!(fate);
                value
            }).collect::<Vec<_>>(),
            "failed": failed,
        });
        if let Some(report) = &report {
            object["error"] = json!({
                "message": report.message,
                "exitCode": report.exit.code(),
                "hints": report.hints,
            });
        }
        settings.out.json(&object)?;
    } else {
        // Settings and permissions are changes, not accounts.
        let accounts = runs.iter().filter(|run| !run.failed() && run.target.is_account()).count();
        let mut summary =
            format!("Applied {} to {}", counted(applied, "change"), counted(accounts, "account"));
        if failed > 0 {
            let failing = runs.iter().filter(|run| run.failed()).count();
            let (changes, accounts) = (counted(failed, "change"), counted(failing, "account"));
            summary.push_str(&format!("; {changes} failed on {accounts}"));
        }
        if skipped > 0 {
            summary.push_str(&format!("; {skipped} skipped"));
        }
        writeln!(settings.out.status(), "{summary}")?;
    }
    let Some(report) = report else { return Ok(()) };
    settings.out.error(&report.message, &report.causes, &report.hints);
    Err(Outcome(report.exit).into())
}

/// "1 change", "3 changes".
fn counted(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}
