//! The exit-code table exists once, in the code: `help exit-codes` prints it, and the README's
//! table must say the same.

use crate::common::{Env, run};
use crate::support::Mode;

/// `(code, meaning)` rows of `rocketctl help exit-codes`.
fn help_rows() -> Vec<(String, String)> {
    let env = Env::new(Mode::V8);
    let ran = run(env.cmd().args(["help", "exit-codes"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    ran.stdout
        .lines()
        .skip(2)
        .filter_map(|line| line.trim_start().split_once("  "))
        .map(|(code, meaning)| (code.to_owned(), meaning.trim().to_owned()))
        .collect()
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
    assert_eq!(codes, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "130"]);
    assert_eq!(readme_rows(), help);
}
