//! The config file is never lost: concurrent writers, a reader during writes, a process killed
//! mid-write, symlinks, a read-only filesystem, a full disk, umask 000, lock waits.

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::common::{PASSWORD, TestEnv, logged_in, run, wait_until};
use crate::support::Mode;

/// Whether another process holds the flock on `path` (probing takes it for a moment if free).
fn lock_is_held(path: &std::path::Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else { return false };
    matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock))
}

fn mode_of(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".config.toml."))
        .collect()
}

#[test]
fn twenty_concurrent_logins_with_a_reader_never_lose_or_tear_the_file() {
    let env = TestEnv::new(Mode::V8);
    env.login_as("jane", PASSWORD, "seed");
    let stop = Arc::new(AtomicBool::new(false));
    let path = env.config_path();
    let reader = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(Ordering::SeqCst) {
                let text = std::fs::read_to_string(&path).expect("the config is always there");
                toml::from_str::<toml::Table>(&text)
                    .unwrap_or_else(|err| panic!("torn read: {err}\n{text}"));
                reads += 1;
            }
            reads
        })
    };
    env.concurrent_logins(20);
    stop.store(true, Ordering::SeqCst);
    let reads = reader.join().expect("the reader never saw a torn file");
    assert!(reads > 0);
    let config = env.config();
    for i in 0..20 {
        assert!(config["contexts"].get(format!("c{i}")).is_some(), "c{i} lost");
    }
    assert!(config["contexts"].get("seed").is_some());
    assert_eq!(env.config_mode(), 0o600);
    assert!(leftovers(env.config_path().parent().unwrap()).is_empty());
}

#[test]
fn a_failed_write_leaves_the_original_byte_identical() {
    let env = logged_in(Mode::V8);
    let before = std::fs::read(env.config_path()).unwrap();
    for step in ["after-write", "before-rename", "disk-full"] {
        let ran =
            run(env.cmd().env("ROCKETCTL_TEST_FAIL_AT", step).args(["context", "remove", "test"]));
        assert_eq!(ran.code, 6, "{step}: {ran:?}");
        assert_eq!(std::fs::read(env.config_path()).unwrap(), before, "{step}");
        assert!(leftovers(env.config_path().parent().unwrap()).is_empty(), "{step}");
    }
}

#[test]
fn a_process_killed_mid_write_leaves_the_old_file_and_no_stale_lock() {
    let env = logged_in(Mode::V8);
    let before = std::fs::read(env.config_path()).unwrap();
    let mut child = env
        .process()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCTL_TEST_FAIL_AT", "hang-before-rename")
        .args(["login", "--username", "jane", "--context", "killed"])
        .spawn()
        .unwrap();
    let dir = env.config_path().parent().unwrap().to_owned();
    let reached = wait_until(Duration::from_secs(20), || !leftovers(&dir).is_empty());
    assert!(reached, "the writer reached the rename");
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    assert_eq!(std::fs::read(env.config_path()).unwrap(), before, "old file intact");

    // The lock died with the process: the next writer does not wait, and tidies the temp file.
    let ran = run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args([
        "login",
        "--username",
        "jane",
        "--context",
        "after",
    ]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stderr.contains("waiting for lock"), "{ran:?}");
    assert!(leftovers(&dir).is_empty(), "stale temp files are removed under the lock");
    assert!(env.config()["contexts"].get("test").is_some());
}

#[test]
fn a_stale_lock_file_has_no_effect() {
    let env = logged_in(Mode::V8);
    let lock = env.config_path().with_extension("toml.lock");
    std::fs::write(&lock, "left by someone").unwrap();
    let ran = run(env.cmd().args(["context", "use", "test"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!ran.stderr.contains("waiting"), "{ran:?}");
}

#[test]
fn a_held_lock_is_waited_for_and_times_out() {
    let env = logged_in(Mode::V8);
    let holder = env
        .process()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCTL_TEST_FAIL_AT", "hold-lock")
        .args(["context", "use", "test"])
        .spawn()
        .unwrap();
    let lock = env.config_path().with_extension("toml.lock");
    assert!(
        wait_until(Duration::from_secs(20), || lock_is_held(&lock)),
        "the holder took the lock"
    );
    let ran = run(env
        .cmd()
        .env("ROCKETCTL_TEST_LOCK_TIMEOUT_MS", "300")
        .args(["context", "use", "test"]));
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(ran.stderr.contains("waiting for lock"), "{ran:?}");
    assert!(ran.stderr.contains("timed out waiting for lock"), "{ran:?}");
    // With the default timeout the second writer waits and then succeeds.
    let ran = run(env.cmd().args(["context", "use", "test"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(holder.wait_with_output().unwrap().status.success());
}

#[test]
fn a_symlinked_config_is_written_through_and_the_link_kept() {
    for kind in ["absolute", "relative", "dangling"] {
        let env = TestEnv::new(Mode::V8);
        let dotfiles = env.home.path().join("dotfiles");
        std::fs::create_dir_all(&dotfiles).unwrap();
        std::fs::set_permissions(&dotfiles, std::fs::Permissions::from_mode(0o700)).unwrap();
        let target = dotfiles.join("rocketctl.toml");
        if kind != "dangling" {
            std::fs::write(&target, "current = \"none\"\n").unwrap();
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let link = env.config_path();
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::fs::set_permissions(link.parent().unwrap(), std::fs::Permissions::from_mode(0o700))
            .unwrap();
        let pointing = if kind == "relative" {
            std::path::PathBuf::from("../../dotfiles/rocketctl.toml")
        } else {
            target.clone()
        };
        std::os::unix::fs::symlink(&pointing, &link).unwrap();

        env.login();
        assert!(
            std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "{kind}: the link is kept"
        );
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.contains("[contexts.test]"), "{kind}: {text}");
        assert_eq!(mode_of(&target), 0o600);
    }
}

#[test]
fn umask_000_still_gives_0700_and_0600() {
    let env = TestEnv::new(Mode::V8);
    let script =
        format!("umask 000; exec rocketctl login --server {} --username jane", env.server.url());
    let output = env
        .script_process("sh".as_ref())
        .args(["-c", &script])
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let config = env.config_path();
    assert_eq!(mode_of(&config), 0o600);
    assert_eq!(mode_of(config.parent().unwrap()), 0o700);
    assert_eq!(mode_of(&config.with_extension("toml.lock")), 0o600);
}

#[test]
fn a_config_that_is_a_fifo_or_a_directory_is_refused_at_once() {
    let env = TestEnv::new(Mode::V8);
    let fifo = env.home.path().join("fifo.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let dir = env.home.path().join("dir.toml");
    std::fs::create_dir(&dir).unwrap();
    for path in [&fifo, &dir] {
        // A FIFO opened for reading would block until the harness's timeout ends the test.
        let ran = run(env.cmd().args(["--config", path.to_str().unwrap(), "context", "list"]));
        assert_eq!(ran.code, 6, "{ran:?}");
        assert!(ran.stderr.contains("not a regular file"), "{ran:?}");
    }
}

#[test]
fn a_huge_config_is_refused() {
    let env = TestEnv::new(Mode::V8);
    let big = env.home.path().join("big.toml");
    std::fs::write(&big, "# x\n".repeat(300_000)).unwrap();
    std::fs::set_permissions(&big, std::fs::Permissions::from_mode(0o600)).unwrap();
    let ran = run(env.cmd().args(["--config", big.to_str().unwrap(), "context", "list"]));
    assert_eq!(ran.code, 6, "{ran:?}");
    assert!(ran.stderr.contains("larger than 1 MiB"), "{ran:?}");
}

#[test]
fn unknown_keys_warn_and_survive_a_rewrite() {
    let env = logged_in(Mode::V8);
    let text = env.config_text().replace("[contexts.test]", "tokne = \"typo\"\n\n[contexts.test]");
    std::fs::write(env.config_path(), text).unwrap();
    let ran = run(env.cmd().args(["context", "use", "test"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("unknown keys") && ran.stderr.contains("tokne"), "{ran:?}");
    assert!(env.config_text().contains("tokne = \"typo\""));
}

/// Run a shell script in a private mount namespace (`unshare -m`, which needs root).
fn in_private_mount(script: &str, env: &TestEnv) -> std::process::Output {
    let mut inside = env.script_process("unshare".as_ref());
    let path = inside.get_envs().find(|(name, _)| *name == "PATH").and_then(|(_, value)| value);
    let path = format!("{}:/usr/sbin:/sbin", path.unwrap_or_default().display());
    let output = inside
        .args(["-m", "sh", "-c", script])
        .env("PATH", path)
        .stdout(Stdio::piped())
        .output()
        .expect("unshare runs");
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("unshare failed"),
        "a private mount namespace needs root: {output:?}"
    );
    output
}

/// Without mount rights (a developer's unprivileged machine) the disk-full hook in
/// `a_failed_write_leaves_the_original_byte_identical` covers the same path.
#[test]
#[ignore = "needs root for a private mount namespace; .ci/run runs it"]
fn a_read_only_filesystem_or_a_full_disk_leaves_the_original_intact() {
    let env = logged_in(Mode::V8);
    let original = env.config_path();
    let mount = env.home.path().join("mnt");
    std::fs::create_dir(&mount).unwrap();
    let common = format!(
        "set -e; mount -t tmpfs -o size=64k,mode=0700 tmpfs {m}; cp -p {o} {m}/config.toml; sum() {{ sha256sum {m}/config.toml | cut -c1-64; }}; before=$(sum)",
        m = mount.display(),
        o = original.display()
    );
    let ro = format!(
        "{common}; mount -o remount,ro {m}; set +e; rocketctl --config {m}/config.toml context use test 2>&1; echo \"exit=$?\"; [ \"$(sum)\" = \"$before\" ] && echo intact",
        m = mount.display()
    );
    let full = format!(
        "{common}; dd if=/dev/zero of={m}/fill bs=1k count=200 2>/dev/null || true; set +e; rocketctl --config {m}/config.toml context use test 2>&1; echo \"exit=$?\"; [ \"$(sum)\" = \"$before\" ] && echo intact; ls -a {m}",
        m = mount.display()
    );
    let read_only = in_private_mount(&ro, &env);
    let text = String::from_utf8_lossy(&read_only.stdout);
    assert!(text.contains("exit=6") && text.contains("intact"), "read-only: {text}");
    let full = in_private_mount(&full, &env);
    let text = String::from_utf8_lossy(&full.stdout);
    assert!(text.contains("exit=6") && text.contains("intact"), "full disk: {text}");
    let listing = text.split("intact").nth(1).unwrap_or_default();
    assert!(!listing.contains(".config.toml."), "no temp file left: {text}");
}

#[test]
fn row_34_logout_racing_login_keeps_both_changes() {
    let env = logged_in(Mode::V8);
    for round in 0..5 {
        let login = env
            .process()
            .env("ROCKETCHAT_PASSWORD", PASSWORD)
            .args(env.login_args("jane"))
            .args(["--context", &format!("new{round}")])
            .spawn()
            .unwrap();
        let logout = env
            .process()
            .env("ROCKETCHAT_PASSWORD", PASSWORD)
            .args(["--context", "test", "logout"])
            .spawn()
            .unwrap();
        assert!(login.wait_with_output().unwrap().status.success());
        assert!(logout.wait_with_output().unwrap().status.success());
        let config = env.config();
        assert!(config["contexts"].get(format!("new{round}")).is_some(), "round {round}");
        assert!(config["contexts"]["test"].get("auth_token").is_none(), "round {round}");
        env.login();
    }
}
