//! The token in the system keyring (`login --store`, docs/cli.md "Credential storage";
//! docs/security.md R42–R45 and rows 63–69).
//!
//! The first tests need no keyring: no session bus, a bus that never answers, a context whose
//! keyring cannot be read. The `real_` tests talk to a real Secret Service: they are
//! `#[ignore]`d, and run under `scripts/with-secret-service` (which sets
//! ROCKETCTL_TEST_SECRET_SERVICE=1 and a private session bus with an unlocked, throw-away
//! gnome-keyring) with `--ignored`. `.ci/run` runs them that way, single-threaded as D-Bus
//! clients of one keyring.

use std::ffi::OsString;

use crate::common::{PASSWORD, Ran, TestEnv, run};
use crate::support::Mode;

/// `rocketctl login … --context CONTEXT --store STORE` for jane, with any extra environment.
fn login(env: &TestEnv, context: &str, store: &str, vars: &[(&str, &OsString)]) -> Ran {
    let mut cmd = env.login_cmd("jane", &["--context", context, "--store", store]);
    for (name, value) in vars {
        cmd.env(name, value);
    }
    run(cmd.write_stdin(format!("{PASSWORD}\n")))
}

/// A config whose context `work` keeps its token in the keyring.
fn keyring_context(env: &TestEnv) {
    let text = format!(
        "current = \"work\"\n[contexts.work]\nserver = \"{}\"\nuser_id = \"u1\"\nusername = \"jane\"\ntoken_store = \"keyring\"\n",
        env.server.url()
    );
    std::fs::create_dir_all(env.config_path().parent().unwrap()).unwrap();
    std::fs::write(env.config_path(), text).unwrap();
    let mode = std::os::unix::fs::PermissionsExt::from_mode(0o600);
    std::fs::set_permissions(env.config_path(), mode).unwrap();
}

#[test]
#[cfg(feature = "keyring")]
fn auto_without_a_session_bus_says_so_before_it_writes_the_file() {
    let env = TestEnv::new(Mode::V8);
    let ran = login(&env, "work", "auto", &[]);
    assert_eq!(ran.code, 0, "{ran:?}");
    let warning = format!(
        "warning: no usable system keyring (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set); storing the token in `{}` (mode 0600)",
        env.config_path().display()
    );
    let said = ran.stderr.find(&warning).unwrap_or_else(|| panic!("{ran:?}"));
    assert!(said < ran.stderr.find("Logged in").unwrap(), "warned first: {ran:?}");
    assert!(!env.stored_token("work").is_empty());
    assert!(!env.config_text().contains("token_store"), "{}", env.config_text());
}

#[test]
fn store_file_from_the_environment_keeps_the_token_in_the_file_quietly() {
    let env = TestEnv::new(Mode::V8);
    let mut cmd = env.login_cmd("jane", &["--context", "work"]);
    let ran = run(cmd.env("ROCKETCTL_STORE", "file").write_stdin(format!("{PASSWORD}\n")));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stderr.contains("keyring"), "{ran:?}");
    assert!(!env.stored_token("work").is_empty());
}

#[test]
fn an_unknown_store_is_a_usage_error() {
    let env = TestEnv::new(Mode::V8);
    let ran = login(&env, "work", "memory", &[]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("[possible values: auto, keyring, file]"), "{ran:?}");
    assert!(env.server.requests_to("login").is_empty());
}

#[test]
#[cfg(feature = "keyring")]
fn store_keyring_without_a_session_bus_fails_before_anything_is_sent() {
    let env = TestEnv::new(Mode::V8);
    let ran = login(&env, "work", "keyring", &[]);
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(
        ran.stderr.contains(
            "error: cannot store the token of context \"work\" in the system keyring: no D-Bus session bus"
        ),
        "{ran:?}"
    );
    assert!(
        ran.stderr
            .contains("hint: log in with `--store file` to keep the token in the config file"),
        "{ran:?}"
    );
    assert!(env.server.requests_to("login").is_empty(), "no session was opened");
    assert!(!env.config_text().contains("auth_token"), "{}", env.config_text());
}

/// A private session bus (it starts no services itself), optionally with a gnome-keyring on it
/// that was never set up: no login keyring, nothing unlocked, no display for a prompt. Both are
/// stopped when this is dropped.
#[cfg(feature = "keyring")]
struct PrivateBus {
    daemons: Vec<std::process::Child>,
    address: OsString,
}

#[cfg(feature = "keyring")]
impl PrivateBus {
    fn start(dir: &std::path::Path, with_keyring: bool) -> Self {
        use std::io::BufRead as _;
        let config = dir.join("bus.conf");
        std::fs::write(
            &config,
            format!(
                "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" \
                 \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n\
                 <busconfig><type>session</type><listen>unix:path={}</listen>\
                 <auth>EXTERNAL</auth><policy context=\"default\">\
                 <allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>\
                 <allow own=\"*\"/></policy></busconfig>\n",
                dir.join("bus").display()
            ),
        )
        .unwrap();
        let mut bus = std::process::Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("dbus-daemon runs (Debian: dbus-daemon)");
        let mut line = String::new();
        std::io::BufReader::new(bus.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let address = OsString::from(line.trim());
        let mut started = Self { daemons: vec![bus], address };
        if with_keyring {
            started.start_keyring(dir);
        }
        started
    }

    fn start_keyring(&mut self, dir: &std::path::Path) {
        let home = dir.join("keyring-home");
        std::fs::create_dir_all(home.join("run")).unwrap();
        let mode = std::os::unix::fs::PermissionsExt::from_mode(0o700);
        std::fs::set_permissions(home.join("run"), mode).unwrap();
        let keyring = std::process::Command::new("gnome-keyring-daemon")
            .args(["--start", "--foreground", "--components=secrets"])
            .env_clear()
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env("HOME", &home)
            .env("XDG_RUNTIME_DIR", home.join("run"))
            .env("XDG_DATA_HOME", home.join("data"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon runs (Debian: gnome-keyring)");
        self.daemons.push(keyring);
        let owned = crate::common::wait_until(std::time::Duration::from_secs(20), || {
            std::process::Command::new("dbus-send")
                .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/"])
                .args(["org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"])
                .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
                .output()
                .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("boolean true"))
        });
        assert!(owned, "gnome-keyring-daemon never appeared on the bus");
    }
}

#[cfg(feature = "keyring")]
impl Drop for PrivateBus {
    fn drop(&mut self) {
        for daemon in self.daemons.iter_mut().rev() {
            let _ = daemon.kill();
            let _ = daemon.wait();
        }
    }
}

/// docs/security.md row 64: where nothing can store a token, `--store keyring` fails before
/// the login is sent, and `auto` keeps the token in the file, saying so. On a bus with a
/// gnome-keyring that was never set up, reading the context's entry finds nothing, as on a
/// working keyring; only storing fails, so only a store proves the keyring can keep a token.
#[test]
#[cfg(feature = "keyring")]
#[ignore = "needs dbus-daemon, dbus-send and gnome-keyring; .ci/run runs it with the keyring tests"]
fn keyring_where_nothing_can_store_fails_before_anything_is_sent() {
    for with_keyring in [false, true] {
        let env = TestEnv::new(Mode::V8);
        let bus = PrivateBus::start(env.home.path(), with_keyring);
        let vars = [("DBUS_SESSION_BUS_ADDRESS", &bus.address)];
        let ran = login(&env, "work", "keyring", &vars);
        assert_eq!(ran.code, 6, "{ran:?}");
        let cannot = "error: cannot store the token of context \"work\" in the system keyring: ";
        assert!(ran.stderr.starts_with(cannot), "{ran:?}");
        assert!(env.server.requests().is_empty(), "nothing sent: {ran:?}");
        assert!(!env.config_path().exists(), "nothing written");

        let ran = login(&env, "work", "auto", &vars);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert!(ran.stderr.contains("warning: no usable system keyring ("), "{ran:?}");
        assert!(!env.stored_token("work").is_empty());
    }
}

#[test]
#[cfg(feature = "keyring")]
fn a_session_bus_that_never_answers_does_not_hang_login() {
    let env = TestEnv::new(Mode::V8);
    // A socket that accepts connections and never says a word (docs/security.md row 65).
    let socket = env.home.path().join("silent-bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept() {
            held.push(stream);
        }
    });
    let bus = OsString::from(format!("unix:path={}", socket.display()));

    let ran = login(&env, "work", "auto", &[("DBUS_SESSION_BUS_ADDRESS", &bus)]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(
        ran.stderr.contains("warning: no usable system keyring (no answer within 3 s)"),
        "{ran:?}"
    );
    assert!(!env.stored_token("work").is_empty());

    let logins = env.server.requests_to("login").len();
    let ran = login(&env, "strict", "keyring", &[("DBUS_SESSION_BUS_ADDRESS", &bus)]);
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(ran.stderr.contains("no answer within 3 s"), "{ran:?}");
    assert_eq!(env.server.requests_to("login").len(), logins, "no session was opened");
}

#[test]
#[cfg(feature = "keyring")]
fn a_keyring_that_is_gone_later_is_exit_6_naming_the_context_and_the_fix() {
    let env = TestEnv::new(Mode::V8);
    keyring_context(&env);
    let ran = env.show(&[]);
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(
        ran.stderr.contains("error: cannot read the token of context \"work\" from the system keyring: no D-Bus session bus"),
        "{ran:?}"
    );
    assert!(
        ran.stderr.contains("hint: run `rocketctl login --context work` to log in again"),
        "{ran:?}"
    );
    assert!(env.server.requests_to("me").is_empty(), "nothing sent without a token");

    let ran = run(env.cmd().arg("status"));
    assert_eq!(ran.code, 6, "{ran:?}");
    let token_row = ran.stdout.lines().find(|l| l.starts_with("token")).unwrap_or_default();
    assert!(token_row.contains("unavailable"), "{ran:?}");
    assert!(token_row.contains("context work in the system keyring"), "{ran:?}");
}

#[test]
fn a_keyring_context_is_listed_as_logged_in() {
    let env = TestEnv::new(Mode::V8);
    keyring_context(&env);
    let ran = run(env.cmd().args(["context", "list"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    let row = ran.stdout.lines().find(|line| line.contains(" work ")).unwrap_or_default();
    assert!(row.ends_with("logged in"), "{ran:?}");
}

#[test]
fn logout_of_an_unreadable_keyring_context_still_forgets_it_locally() {
    let env = TestEnv::new(Mode::V8);
    keyring_context(&env);
    let ran = run(env.cmd().arg("logout"));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("warning: cannot read the token of context \"work\""), "{ran:?}");
    let config = env.config_text();
    assert!(!config.contains("token_store") && !config.contains("user_id"), "{config}");
    assert!(env.server.requests_to("logout").is_empty());
}

/// docs/security.md R42: the stores are named explicitly. On Linux the Secret Service through the
/// pure-Rust zbus client, in plain sessions; on macOS and Windows the keyring crate with exactly
/// its `v1` stores (the platform's real one), never `cli`, whose sample store keeps secrets in
/// memory; and nothing in the build links libdbus or another C keyring library.
#[test]
fn the_keyring_stores_are_named_explicitly_and_none_keeps_tokens_in_memory() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
    let target = |cfg: &str, name: &str| manifest["target"][cfg]["dependencies"][name].clone();
    let unix = target(r#"cfg(all(unix, not(target_os = "macos")))"#, "secret-service");
    assert_eq!(unix["default-features"].as_bool(), Some(false), "{unix}");
    let features: Vec<&str> =
        unix["features"].as_array().unwrap().iter().filter_map(|f| f.as_str()).collect();
    assert_eq!(features, ["rt-async-io-crypto-rust"]);
    let others = target(r#"cfg(not(all(unix, not(target_os = "macos"))))"#, "keyring");
    let looked_in_by_tests = manifest["dev-dependencies"]["keyring"].clone();
    for keyring in [others, looked_in_by_tests] {
        assert_eq!(keyring["default-features"].as_bool(), Some(false), "{keyring}");
        let features: Vec<&str> =
            keyring["features"].as_array().unwrap().iter().filter_map(|f| f.as_str()).collect();
        assert_eq!(features, ["v1"]);
    }
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
    for unwanted in ["libdbus-sys", "dbus-secret-service-keyring-store", "db-keystore"] {
        assert!(!lock.contains(&format!("name = \"{unwanted}\"")), "{unwanted} is in the build");
    }
}

/// A rocketctl built without the `keyring` feature (`.ci/run` runs these with
/// `--no-default-features`): `--store keyring` is a usage error before anything is sent, `auto`
/// is the file without a word, and a context that keeps its token in a keyring is exit 6
/// naming the missing feature.
#[test]
#[cfg(not(feature = "keyring"))]
fn built_without_keyring_store_keyring_is_a_usage_error() {
    let env = TestEnv::new(Mode::V8);
    let ran = login(&env, "work", "keyring", &[]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(
        ran.stderr.starts_with(
            "error: `--store keyring`: this rocketctl was built without keyring support\n"
        ),
        "{ran:?}"
    );
    assert!(ran.stderr.contains("hint: use `--store file`"), "{ran:?}");
    assert!(env.server.requests().is_empty(), "nothing sent");
}

#[test]
#[cfg(not(feature = "keyring"))]
fn built_without_keyring_auto_keeps_the_token_in_the_file_quietly() {
    let env = TestEnv::new(Mode::V8);
    let ran = login(&env, "work", "auto", &[]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stderr.contains("keyring") && !ran.stderr.contains("warning"), "{ran:?}");
    assert!(!env.stored_token("work").is_empty());
}

#[test]
#[cfg(not(feature = "keyring"))]
fn built_without_keyring_a_keyring_context_is_exit_6_naming_the_feature() {
    let env = TestEnv::new(Mode::V8);
    keyring_context(&env);
    let ran = env.show(&[]);
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(
        ran.stderr.contains(
            "error: cannot read the token of context \"work\" from the system keyring: this \
             rocketctl was built without keyring support (the `keyring` cargo feature)"
        ),
        "{ran:?}"
    );
    assert!(ran.stderr.contains("hint: run `rocketctl login --context work --store file`"));
    assert!(env.server.requests_to("me").is_empty(), "nothing sent without a token");
}

/// The bus of the real Secret Service `scripts/with-secret-service` started. The `real_` tests
/// are `#[ignore]`d elsewhere; run without it, they fail here saying how to run them.
#[cfg(feature = "keyring")]
fn secret_service() -> OsString {
    let wanted = std::env::var_os("ROCKETCTL_TEST_SECRET_SERVICE").is_some_and(|v| v == "1");
    match (wanted, std::env::var_os("DBUS_SESSION_BUS_ADDRESS")) {
        (true, Some(bus)) => bus,
        _ => panic!(
            "needs a real Secret Service: run `scripts/with-secret-service cargo test --locked \
             keyring -- --ignored --test-threads=1`"
        ),
    }
}

#[cfg(feature = "keyring")]
mod real;
