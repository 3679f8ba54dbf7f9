//! The exit-code table exists once, in the code: `help exit-codes` prints it, and the README's
//! table must say the same.

use crate::common::{TestEnv, run};
use crate::support::Mode;

/// `(code, meaning)` rows of `rocketctl help exit-codes`.
fn help_rows() -> Vec<(String, String)> {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env.cmd().args(["help", "exit-codes"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    // Long meanings wrap onto indented continuation lines at 80 columns.
    let mut rows: Vec<(String, String)> = Vec::new();
    for line in ran.stdout.lines().skip(2) {
        let trimmed = line.trim_start();
        match trimmed.split_once("  ") {
            Some((code, meaning)) if code.chars().all(|c| c.is_ascii_digit()) => {
                rows.push((code.to_owned(), meaning.trim().to_owned()));
            }
            _ if !trimmed.is_empty() => {
                let last = rows.last_mut().expect("a continuation follows a row");
                last.1.push(' ');
                last.1.push_str(trimmed);
            }
            _ => {}
        }
    }
    rows
}

/// `(code, meaning)` rows of the README's "Exit codes" table, backticks dropped.
fn readme_rows() -> Vec<(String, String)> {
    let readme = include_str!("../../README.md");
    let table = readme.split("## Exit codes").nth(1).expect("README has an exit-code section");
    table
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            Some((cells.first()?.trim().to_owned(), cells.get(1)?.trim().replace('`', "")))
        })
        .collect()
}

#[test]
fn the_readme_and_help_list_the_same_exit_codes() {
    let help = help_rows();
    let codes: Vec<&str> = help.iter().map(|(code, _)| code.as_str()).collect();
    assert_eq!(codes, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "130"]);
    assert_eq!(readme_rows(), help);
}
