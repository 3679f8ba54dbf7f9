//! The layer rules, checked against the source (as jj and uv keep theirs): every `crate::…`
//! path in non-test code under `src/` may only point down the table below, and command groups
//! do not import each other. README.md ("Architecture") describes the same table.

mod scan;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use scan::rust_files;
use scan::{arrows, module_path, production_files};

/// Top to bottom. A module may name modules on lower rows only; modules on one row are
/// siblings and do not name each other. A new module gets a row before it compiles in here.
const LAYERS: &[&[&str]] = &[
    &["main"],
    // `diagnostics` prints the final error report; nothing but `main` calls it.
    &["commands", "diagnostics"],
    &["accounts"],
    &["plan"],
    &["api"],
    &["settings"],
    &["cli"],
    &["credentials", "errors"],
    &["client", "config", "keyring_store", "input"],
    &["output"],
    &["secret", "interrupt"],
    &["scrub", "url"],
    &["exit", "text", "endpoints", "test_hooks", "fields", "input_file", "known_names", "jq"],
];

/// Command groups helpers any group may use: `commands/mod.rs` itself (`logged_in_client`, …)
/// and these.
const SHARED_COMMAND_MODULES: &[&str] = &["dry_run"];

/// The sideways imports between command groups that exist today, `(from, to)`. This list must
/// only shrink: shared account operations belong in `src/accounts/`, below the commands.
const SIDEWAYS_TODAY: &[(&str, &str)] = &[
    ("auth", "login_terminal"),
    ("login_terminal", "auth"),
    ("generate", "help"),
    ("token", "auth"),
];

#[test]
fn every_import_points_down_the_layers() {
    let src = src_dir();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for file in production_files(&src, &src) {
        let module = module_path(&src, &file);
        let from = module[0].clone();
        seen.insert(from.clone());
        let Some(from_level) = level(&from) else {
            problems.push(format!("{}: module `{from}` has no row in LAYERS", shown(&file)));
            continue;
        };
        for arrow in arrows(&module, &std::fs::read_to_string(&file).unwrap()) {
            let to = &arrow.path[0];
            if *to == from {
                continue;
            }
            match level(to) {
                Some(to_level) if to_level > from_level => {}
                Some(to_level) => problems.push(format!(
                    "{}:{}: `{from}` (row {}) names `{to}` (row {}): {}",
                    shown(&file),
                    arrow.line,
                    from_level + 1,
                    to_level + 1,
                    if to_level == from_level { "siblings" } else { "an arrow up" }
                )),
                None => problems.push(format!(
                    "{}:{}: `{to}` has no row in LAYERS",
                    shown(&file),
                    arrow.line
                )),
            }
        }
    }
    assert!(problems.is_empty(), "layer rules broken:\n{}", problems.join("\n"));
    assert!(seen.contains("commands") && seen.contains("exit"), "the scan found {seen:?}");
}

#[test]
fn command_groups_do_not_import_each_other() {
    let src = src_dir();
    let groups = command_groups(&src);
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for file in production_files(&src, &src.join("commands")) {
        let module = module_path(&src, &file);
        let Some(from) = module.get(1).filter(|group| groups.contains(*group)) else {
            continue; // commands/mod.rs
        };
        for arrow in arrows(&module, &std::fs::read_to_string(&file).unwrap()) {
            let Some(to) = arrow.path.get(1).filter(|_| arrow.path[0] == "commands") else {
                continue;
            };
            if to == from || !groups.contains(to) || SHARED_COMMAND_MODULES.contains(&&**to) {
                continue;
            }
            if SIDEWAYS_TODAY.contains(&(from.as_str(), to.as_str())) {
                used.insert((from.clone(), to.clone()));
                continue;
            }
            problems.push(format!(
                "{}:{}: command group `{from}` imports `{to}`",
                shown(&file),
                arrow.line
            ));
        }
    }
    for (from, to) in SIDEWAYS_TODAY {
        if !used.contains(&((*from).to_owned(), (*to).to_owned())) {
            problems.push(format!("({from:?}, {to:?}) is gone: remove it from SIDEWAYS_TODAY"));
        }
    }
    assert!(problems.is_empty(), "command groups:\n{}", problems.join("\n"));
}

#[test]
fn the_scanner_reads_paths_and_skips_comments_strings_and_tests() {
    let module = vec!["commands".to_owned(), "admin".to_owned(), "create".to_owned()];
    let text = "use crate::output::escape;\n// crate::diagnostics in a comment\n\
                let s = \"crate::settings in a string\";\nuse super::{permission, user_id};\n\
                fn f() { crate::interrupt::guard_terminal() }\nuse crate::{exit, url::ServerUrl};\n\
                #[cfg(test)]\nmod tests {\n    use crate::plan;\n}\n";
    let found: Vec<(usize, String)> =
        arrows(&module, text).into_iter().map(|a| (a.line, a.path.join("::"))).collect();
    assert_eq!(
        found,
        [
            (1, "output::escape".to_owned()),
            (4, "commands::admin::permission".to_owned()),
            (4, "commands::admin::user_id".to_owned()),
            (5, "interrupt::guard_terminal".to_owned()),
            (6, "exit".to_owned()),
            (6, "url::ServerUrl".to_owned()),
        ]
    );
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn shown(file: &Path) -> String {
    file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(file).display().to_string()
}

fn level(module: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&module))
}

/// The command groups: the modules directly under `src/commands/`.
fn command_groups(src: &Path) -> BTreeSet<String> {
    std::fs::read_dir(src.join("commands"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .filter(|name| name != "mod")
        .collect()
}
