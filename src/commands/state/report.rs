//! What `apply` prints once the plan has run: the summary on stderr, or one JSON object with
//! each change's result, the number of failed changes and the first failure's error; and the
//! exit code of that first failure.
//!
//! Accounts are told as they finish (`run.rs`); here they are only counted, into a [`Tally`]
//! that keeps no account but the first failure's error, so a fleet's report takes the same
//! memory whatever its size. Only `-o json`, whose document lists every change, keeps them.

use std::collections::BTreeMap;
use std::io::Write as _;

use anyhow::Result;
use serde_json::{Value, json};

use super::run::{AccountRun, Fate};
use crate::errors::diagnose;
use crate::exit::Outcome;
use crate::plan::{Change, Plan};
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

/// The counts of a run, the first failure (in plan order) and, for `-o json`, every change's
/// result.
#[derive(Default)]
pub struct Tally {
    applied: usize,
    failed: usize,
    skipped: usize,
    /// Accounts with at least one change applied, and accounts with a failure: an account
    /// whose first changes were applied before one failed is both.
    changed_accounts: usize,
    failed_accounts: usize,
    /// Accounts the file names that needed nothing.
    unchanged_accounts: usize,
    /// The place in the plan of the account that failed first, and its error.
    first_error: Option<(usize, anyhow::Error)>,
    /// By the account's place in the plan; `None` unless the report is JSON.
    results: Option<BTreeMap<usize, Vec<(Change, Fate)>>>,
}

impl Tally {
    /// `json`: keep every change's result for the JSON document.
    pub fn new(json: bool, unchanged_accounts: usize) -> Self {
        Self { unchanged_accounts, results: json.then(BTreeMap::new), ..Self::default() }
    }

    /// Count the account at `place` in the plan, and let it go.
    pub fn add(&mut self, place: usize, run: AccountRun) {
        let count = |fate: Fate| run.changes.iter().filter(|(_, f)| *f == fate).count();
        let applied = count(Fate::Applied);
        self.applied += applied;
        self.failed += count(Fate::Failed);
        self.skipped += count(Fate::Skipped);
        // Settings and permissions are changes, not accounts.
        let account = run.target.is_account();
        self.changed_accounts += usize::from(applied > 0 && account);
        if let Some(err) = run.error {
            self.failed_accounts += usize::from(account);
            if self.first_error.as_ref().is_none_or(|(first, _)| place < *first) {
                self.first_error = Some((place, err));
            }
        }
        if let Some(results) = &mut self.results {
            results.insert(place, run.changes);
        }
    }

    /// "Applied 3 changes to 2 accounts; 1 change failed on 1 account; 2 skipped; 96 accounts
    /// unchanged".
    fn summary(&self) -> String {
        let mut summary = format!(
            "Applied {} to {}",
            counted(self.applied, "change"),
            counted(self.changed_accounts, "account")
        );
        if self.failed > 0 || self.failed_accounts > 0 {
            summary.push_str(&format!("; {} failed", counted(self.failed, "change")));
            if self.failed_accounts > 0 {
                summary.push_str(&format!(" on {}", counted(self.failed_accounts, "account")));
            }
        }
        if self.skipped > 0 {
            summary.push_str(&format!("; {} skipped", self.skipped));
        }
        if self.unchanged_accounts > 0 {
            summary
                .push_str(&format!("; {} unchanged", counted(self.unchanged_accounts, "account")));
        }
        summary
    }
}

pub fn finish(settings: &Settings, tally: Tally) -> Result<()> {
    let report = tally.first_error.as_ref().and_then(|(_, err)| diagnose(err));
    if let Some(results) = &tally.results {
        let changes: Vec<Value> = results
            .values()
            .flatten()
            .map(|(change, fate)| {
                let mut value = serde_json::to_value(change).unwrap_or(Value::Null);
                value["result"] = json!(fate);
                value
            })
            .collect();
        let mut object =
            json!({"changed": tally.applied > 0, "changes": changes, "failed": tally.failed});
        if let Some(report) = &report {
            object["error"] = json!({
                "message": report.message,
                "exitCode": report.exit.code(),
                "hints": report.hints,
            });
        }
        settings.out.json(&object)?;
    } else {
        writeln!(settings.out.status(), "{}", tally.summary())?;
    }
    let Some(report) = report else { return Ok(()) };
    settings.out.error(&report.message, &report.causes, &report.hints);
    Err(Outcome(report.exit).into())
}

/// "1 change", "3 changes".
fn counted(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Action, Field, Target};

    fn change(name: &str, field: Field) -> Change {
        Change {
            target: Target::User(name.into()),
            field: Some(field),
            action: Action::Update,
            before: None,
            after: None,
        }
    }

    fn run(name: &str, fates: &[Fate], error: Option<&str>) -> AccountRun {
        let mut run = AccountRun::new(Target::User(name.into()));
        run.changes = fates.iter().map(|fate| (change(name, Field::Active), *fate)).collect();
        run.error = error.map(|text| anyhow::anyhow!(text.to_owned()));
        run
    }

    #[test]
    fn every_account_is_counted_where_it_belongs() {
        let mut tally = Tally::new(false, 7);
        tally.add(2, run("c", &[Fate::Applied], None));
        // Two of its changes went through before the third failed: changed, and failed.
        tally.add(0, run("a", &[Fate::Applied, Fate::Applied, Fate::Failed], Some("second")));
        tally.add(1, run("b", &[Fate::Failed, Fate::Skipped], Some("first in time")));
        assert_eq!(
            tally.summary(),
            "Applied 3 changes to 2 accounts; 2 changes failed on 2 accounts; 1 skipped; \
             7 accounts unchanged"
        );
        let first = tally.first_error.as_ref().map(|(place, err)| (*place, err.to_string()));
        assert_eq!(first, Some((0, "second".to_owned())), "the first in plan order");
        assert!(tally.results.is_none(), "a text report keeps no change");
    }

    #[test]
    fn a_change_to_the_own_account_counts_that_account() {
        let mut tally = Tally::new(false, 0);
        let mut own = AccountRun::new(Target::Profile);
        let name = Change { target: Target::Profile, ..change("x", Field::Active) };
        own.changes.push((name, Fate::Applied));
        tally.add(0, own);
        assert_eq!(tally.summary(), "Applied 1 change to 1 account");
        let mut json = Tally::new(true, 1);
        json.add(1, run("b", &[Fate::Applied], None));
        json.add(0, run("a", &[Fate::Skipped], None));
        let places: Vec<usize> = json.results.as_ref().unwrap().keys().copied().collect();
        assert_eq!(places, [0, 1]);
        assert_eq!(json.summary(), "Applied 1 change to 1 account; 1 skipped; 1 account unchanged");
    }
}
