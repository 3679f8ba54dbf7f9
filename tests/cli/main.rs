//! The one integration test binary: the real `rocketctl` binary against the stand-in
//! Rocket.Chat server over real HTTP, each test in a clean environment and temp HOME.

#[path = "../support/mod.rs"]
mod support;

mod common;

mod admin;
mod api;
mod auth;
mod avatar;
mod canary;
mod canary_hostile;
mod ci_recipes;
mod completion;
mod config_file;
mod config_safety;
mod conformance;
mod custom_fields;
mod defects;
mod desired;
mod desired_text;
mod desired_users;
mod desired_v3;
mod dry_runs;
mod durability;
mod exit_codes;
mod faults;
mod fleets;
mod generated;
mod help;
mod hints;
mod hostile;
mod inputs;
mod interrupted;
mod jq;
mod keyring;
mod language;
mod local_files;
mod manual;
mod max_wait;
mod network;
mod paging;
mod permissions;
mod pipes;
mod presence;
mod profile;
mod prompts;
mod readme;
mod readme_blocks;
mod release_hooks;
mod rendered;
mod roles;
mod server_settings;
mod show;
mod signals;
mod standin;
mod stored_context;
mod terminal;
mod tls;
mod tokens;
mod two_factor;
mod user_logout;

/// With `autotests = false`, a file here that is not declared above would never be compiled
/// or run, and nothing would say so.
#[test]
fn every_test_file_is_a_module_of_this_binary() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("main.rs is readable");
    let forgotten: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/cli is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .filter(|name| name != "main" && !main.lines().any(|line| line == format!("mod {name};")))
        .collect();
    assert!(forgotten.is_empty(), "add `mod NAME;` to tests/cli/main.rs for: {forgotten:?}");
}
