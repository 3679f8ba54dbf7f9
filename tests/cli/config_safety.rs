//! Files a run reads or writes besides secrets (issue 10: F16, F17, F22): a CA certificate is a
//! bounded regular file, writes apply the read's directory rules, and a config that cannot be
//! rewritten faithfully is refused when read.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use crate::common::{PASSWORD, Ran, TestEnv, logged_in, run};
use crate::support::Mode;

fn chmod(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(made.success());
}

fn login(env: &TestEnv, extra: &[&str]) -> Ran {
    run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .args(["login", "--server", &env.server.url(), "--username", "jane"])
        .args(extra)
        .timeout(Duration::from_secs(20)))
}

#[test]
fn f16_a_ca_cert_that_is_a_fifo_a_device_or_huge_is_refused() {
    let env = TestEnv::new(Mode::V8);
    let fifo = env.home.path().join("ca.fifo");
    mkfifo(&fifo);
    let huge = env.home.path().join("huge.pem");
    std::fs::write(&huge, vec![b'a'; 1024 * 1024 + 1]).unwrap();
    for (path, says) in [
        (fifo.to_str().unwrap(), "not a regular file"),
        ("/dev/zero", "not a regular file"),
        (huge.to_str().unwrap(), "larger than 1 MiB"),
    ] {
        // Only https reads the certificate; nothing listens there, so no request is made.
        let ran = run(env
            .cmd()
            .env("ROCKETCHAT_PASSWORD", PASSWORD)
            .args(["login", "--server", "https://127.0.0.1:9", "--username", "jane"])
            .args(["--ca-cert", path])
            .timeout(Duration::from_secs(20)));
        assert_eq!(ran.code, 2, "{path}: {ran:?}");
        assert!(ran.stderr.contains(says), "{path}: {ran:?}");
    }

    // The same from a context's `ca_cert`.
    let config = env.config_path();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let text = format!(
        "current = \"a\"\n[contexts.a]\nserver = \"https://127.0.0.1:9\"\nuser_id = \"u1\"\nauth_token = \"t1\"\nca_cert = \"{}\"\n",
        fifo.display()
    );
    std::fs::write(&config, text).unwrap();
    chmod(&config, 0o600);
    let ran = run(env.cmd().args(["profile", "show"]).timeout(Duration::from_secs(20)));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("not a regular file"), "{ran:?}");
}

#[test]
fn f17_a_write_into_a_world_writable_directory_is_refused() {
    let env = TestEnv::new(Mode::V8);
    let shared = env.home.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    chmod(&shared, 0o777);
    let config = shared.join("config.toml");
    let ran = login(&env, &["--config", config.to_str().unwrap()]);
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(ran.stderr.contains("writable by other users"), "{ran:?}");
    assert!(!config.exists(), "the token was not written there");
}

#[test]
#[ignore = "needs root to give the link to another user; .ci/run runs it"]
fn f17_a_symlink_planted_by_another_user_in_a_shared_directory_is_not_followed() {
    let env = TestEnv::new(Mode::V8);
    let shared = env.home.path().join("shared");
    let attacker = env.home.path().join("attacker");
    std::fs::create_dir(&shared).unwrap();
    std::fs::create_dir(&attacker).unwrap();
    chmod(&shared, 0o1777); // sticky, like /tmp
    let link = shared.join("rc.toml");
    let stolen = attacker.join("stolen.toml");
    std::os::unix::fs::symlink(&stolen, &link).unwrap();
    std::os::unix::fs::lchown(&link, Some(65534), Some(65534))
        .expect("giving the link away needs root");
    let ran = login(&env, &["--config", link.to_str().unwrap()]);
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(ran.stderr.contains("symlink owned by another user"), "{ran:?}");
    assert!(!stolen.exists(), "nothing was written through the link");
}

#[test]
fn f22_a_deeply_nested_unknown_key_is_refused_when_read() {
    let env = logged_in(Mode::V8);
    let mut deep = "1".to_owned();
    for _ in 0..80 {
        deep = format!("{{ a = {deep} }}");
    }
    let text = format!("{}\nx = {deep}\n", env.config_text());
    std::fs::write(env.config_path(), &text).unwrap();
    for args in [&["context", "use", "test"][..], &["context", "list"][..]] {
        let ran = run(env.cmd().args(args));
        assert_eq!(ran.code, 6, "{args:?}: {ran:?}");
        assert!(ran.stderr.contains("`contexts.test.x` nests tables"), "{ran:?}");
        assert_eq!(env.config_text(), text, "never rewritten");
    }
}
