//! Rocket.Chat's own API test cases (apps/meteor/tests/end-to-end/api/*.ts), replayed against
//! the stand-in over real HTTP: one test per original `it()` whose subject is an endpoint
//! rocketctl calls or will call (docs/server.md#conformance-cases lists every case, the ones
//! skipped and why). Written afresh in Rust from the originals' set-up, request and
//! assertions; each test names the file, `describe` and title it replays.

#[path = "../support/mod.rs"]
mod support;

mod harness;

mod misc;
mod older;
mod permissions;
mod roles;
mod settings;
mod source_checks;
mod two_factor;
mod users_admin;
mod users_avatar;
mod users_basic_info;
mod users_create;
mod users_info;
mod users_list;
mod users_status;
mod users_tokens;
mod users_update;
mod users_update_fields;

/// Where the cases come from. No tagged 8.x release could be brought onto this machine (the
/// repository's snapshot is over the size limit), so the newest copies stored are cited by
/// commit: users.ts from a fork whose `apps/meteor/package.json` says `8.7.0-develop`, the
/// others from RocketChat/Rocket.Chat's develop branch.
pub const USERS: &str = "users.ts @ AlgoArtist06/Rocket.Chat 2c2f0a9d (8.7.0-develop)";
pub const USERS_OLDER: &str =
    "users.ts @ RocketChat/Rocket.Chat 028925b2 (develop, users.update not yet typed)";
pub const MISC: &str = "miscellaneous.ts @ RocketChat/Rocket.Chat 0037f042 (develop)";
pub const SETTINGS: &str = "settings.ts @ RocketChat/Rocket.Chat 0085ab5e (develop)";
pub const PERMISSIONS: &str = "permissions.ts @ RocketChat/Rocket.Chat 435e88b9 (develop)";
pub const ROLES: &str = "roles.ts @ RocketChat/Rocket.Chat 0165805f (develop)";
pub const TWO_FACTOR_ENABLE: &str =
    "methods/2fa-enable.ts @ RocketChat/Rocket.Chat 2d48aabf (develop)";

/// With `autotests = false`, a file here that is not declared above would never be compiled
/// or run, and nothing would say so.
#[test]
fn every_file_is_a_module_of_this_binary() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("main.rs is readable");
    let forgotten: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/conformance is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .filter(|name| name != "main" && !main.lines().any(|line| line == format!("mod {name};")))
        .collect();
    assert!(
        forgotten.is_empty(),
        "add `mod NAME;` to tests/conformance/main.rs for: {forgotten:?}"
    );
}
