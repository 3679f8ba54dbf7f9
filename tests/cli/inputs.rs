//! Secret and URL inputs (docs/security.md R1–R4, R8, R30, R31, R57; rows 1–13).

use std::os::unix::fs::PermissionsExt;

use crate::common::{PASSWORD, TestEnv, json_out, logged_in, login_args_at, run, sha256};
use crate::support::{Mode, StandIn, User};

#[test]
fn r1_help_offers_no_flag_that_takes_a_secret_value() {
    let env = TestEnv::new(Mode::V8);
    for args in [
        &["login", "--help"][..],
        &["profile", "set-password", "--help"][..],
        &["profile", "update", "--help"][..],
    ] {
        let ran = run(env.cmd().args(args));
        assert_eq!(ran.code, 0);
        for line in ran.stdout.lines().map(str::trim_start) {
            assert!(
                !line.starts_with("--password ")
                    && !line.starts_with("--token ")
                    && !line.starts_with("--new-password "),
                "{line}"
            );
        }
        assert!(ran.stdout.contains("--password-stdin") || ran.stdout.contains("--token-stdin"));
    }
}

#[test]
fn r2_two_stdin_secrets_conflict() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    let ran = run(env
        .cmd()
        .args(["profile", "set-password", "--password-stdin", "--new-password-stdin"])
        .write_stdin("x\ny\n"));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(
        ran.stderr.contains("--password-stdin") && ran.stderr.contains("--new-password-stdin"),
        "{ran:?}"
    );
    let ran = run(env.cmd().args(["login", "--user-id", "u", "--token-stdin", "--password-stdin"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert_eq!(env.server.requests().len(), before);
}

#[test]
fn r3_row_9_spaces_are_kept_and_one_newline_removed() {
    let server = StandIn::start(Mode::V8);
    server.add_user(User::new("spacey", " pass word "));
    let env = TestEnv::with_server(server);
    let ran = run(env.login_cmd("spacey", &[]).write_stdin(" pass word \n"));
    assert_eq!(ran.code, 0, "{ran:?}");
    let digest = env.server.requests_to("login")[0].json()["password"]["digest"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(digest, "50486a3658d0ac16ded7b4ed64e477cb4813df7ab0d09d3ab21c0991d505216c");
    assert_eq!(digest, sha256(" pass word "));
}

#[test]
fn r4_row_13_no_terminal_means_no_prompt_and_a_fast_failure() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    for args in [&["profile", "set-email", "a@example.org"][..], &["profile", "set-password"][..]] {
        // A prompt here would wait on stdin until the harness's timeout ends the test.
        let ran = run(env.cmd().args(args));
        assert_eq!(ran.code, 2, "{ran:?}");
        assert!(ran.stderr.contains("stdin is not a terminal"), "{ran:?}");
    }
    // Only the account is read (an unchanged address needs no password); nothing is sent.
    let sent: Vec<String> = env.server.requests()[before..]
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(
        sent.iter().all(|r| r == "GET /api/v1/me"),
        "refused before anything is sent: {sent:?}"
    );
    // --no-input refuses even where a prompt would be possible; a code alone is not a password
    // for a password user, so the flags are named.
    let ran =
        run(env.cmd().args(["--no-input", "profile", "set-password", "--2fa-code", "123456"]));
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(env.updates().is_empty());
}

#[test]
fn r8_row_11_secret_files_are_checked() {
    let env = logged_in(Mode::V8);
    let home = env.home.path();
    let readable = home.join("readable.txt");
    std::fs::write(&readable, format!("{PASSWORD}\n")).unwrap();
    std::fs::set_permissions(&readable, std::fs::Permissions::from_mode(0o644)).unwrap();
    let ran = run(env.cmd().args([
        "profile",
        "set-email",
        "f@example.org",
        "--password-file",
        readable.to_str().unwrap(),
    ]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("readable by other users"), "{ran:?}");

    let big = home.join("big.txt");
    std::fs::write(&big, vec![b'a'; 70 * 1024]).unwrap();
    let fifo = home.join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let before = env.server.requests().len();
    for path in [
        big.to_str().unwrap(),
        home.to_str().unwrap(),
        fifo.to_str().unwrap(),
        "/dev/zero",
        "/nonexistent/pw",
    ] {
        // A FIFO opened for reading would block until the harness's timeout ends the test.
        let ran =
            run(env.cmd().args(["profile", "set-email", "g@example.org", "--password-file", path]));
        assert_eq!(ran.code, 2, "{path}: {ran:?}");
        assert!(!ran.stderr.contains("aaaa"), "the file is never echoed");
    }
    assert_eq!(env.server.requests().len(), before, "nothing sent");
}

#[test]
fn row_7_8_r31_tokens_are_checked_before_anything_is_sent() {
    let env = TestEnv::new(Mode::V8);
    let token = env.server.token_for("jane");
    let id = env.server.user("jane").id;
    let login = |input: String| {
        run(env
            .cmd()
            .args(["login", "--server", &env.server.url(), "--user-id", &id, "--token-stdin"])
            .write_stdin(input))
    };
    let before = env.server.requests().len();
    for bad in ["", "\n", "   ", "abc\r\nX-Evil: 1", "ab c", "a\0b"] {
        let ran = login(bad.to_owned());
        assert_eq!(ran.code, 2, "{bad:?}: {ran:?}");
    }
    assert_eq!(env.server.requests().len(), before, "the server saw nothing");
    assert_eq!(login(format!("{token}\r\n")).code, 0);
}

#[test]
fn rows_1_to_5_server_urls_are_validated_before_any_request() {
    let env = TestEnv::new(Mode::V8);
    for bad in [
        "https://user:CANARY-url-pw@chat.example.com",
        "https://chat.example.com/?x=1",
        "https://chat.example.com/#f",
        "https://chat example.com",
        "ftp://chat.example.com",
    ] {
        let ran = run(env
            .cmd()
            .args(login_args_at(bad, "jane"))
            .args(["--password-stdin"])
            .write_stdin(PASSWORD));
        assert_eq!(ran.code, 2, "{bad}: {ran:?}");
        assert!(!ran.stderr.contains("CANARY-url-pw"), "{ran:?}");
    }
    // A bare host means https; the error names it.
    let ran = run(env
        .cmd()
        .args(login_args_at("rocketctl-test.invalid", "jane"))
        .args(["--password-stdin", "--timeout", "3"])
        .write_stdin(PASSWORD));
    assert!(ran.stderr.contains("https://rocketctl-test.invalid"), "{ran:?}");
    // Upper case and a trailing slash are normalised before storing.
    let upper = env.server.url().replace("127.0.0.1", "LOCALHOST") + "/";
    let ran = run(env
        .cmd()
        .args(login_args_at(&upper, "jane"))
        .args(["--password-stdin", "--context", "n"])
        .write_stdin(PASSWORD));
    assert_eq!(ran.code, 0, "{ran:?}");
    let stored = env.config()["contexts"]["n"]["server"].as_str().unwrap().to_owned();
    assert!(stored.starts_with("http://localhost:") && !stored.ends_with('/'), "{stored}");
    assert!(!ran.stderr.contains("unencrypted"), "loopback does not warn: {ran:?}");
}

#[test]
fn row_2_plain_http_to_another_host_warns() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env
        .cmd()
        .args(login_args_at("http://rocketctl-test.invalid", "jane"))
        .args(["--password-stdin", "--timeout", "2"])
        .write_stdin(PASSWORD));
    // Said before anything is sent (here nothing ever is: the host does not resolve), so it
    // claims nothing was.
    assert!(
        ran.stderr.contains(
            "warning: rocketctl-test.invalid is plain http: credentials sent to it travel unencrypted"
        ),
        "{ran:?}"
    );
    assert!(!ran.stderr.contains("sending credentials"), "{ran:?}");
}

#[test]
fn r57_json_stays_valid_when_warnings_fire() {
    let env = logged_in(Mode::V8);
    std::fs::set_permissions(env.config_path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    for args in [
        &["profile", "show", "-o", "json"][..],
        &["status", "-o", "json"][..],
        &["context", "list", "-o", "json"][..],
    ] {
        let ran = run(env.cmd().args(args));
        assert_eq!(ran.code, 0, "{ran:?}");
        assert!(ran.stderr.contains("warning:"), "{ran:?}");
        let _ = json_out(&ran);
    }
    let ran = run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args([
        "profile",
        "update",
        "--nickname",
        "j",
        "-o",
        "json",
    ]));
    assert_eq!(json_out(&ran)["changed"], true);
}

#[test]
fn r58_password_history_and_same_password_are_refusals() {
    let env = logged_in(Mode::V8);
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", PASSWORD)
        .args(["profile", "set-password"]));
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("the same as the current one"), "{ran:?}");
    env.server.state().users[0].password_history.push(sha256("CANARY-old-Pw-0"));
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCHAT_NEW_PASSWORD", "CANARY-old-Pw-0")
        .args(["profile", "set-password"]));
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("used before"), "{ran:?}");
}

#[test]
fn quiet_prints_only_data_and_errors() {
    let env = logged_in(Mode::V8);
    let ran = run(env.cmd().env("ROCKETCHAT_PASSWORD", PASSWORD).args([
        "-q",
        "profile",
        "update",
        "--nickname",
        "q",
    ]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.is_empty(), "{ran:?}");
    assert!(ran.stdout.is_empty(), "a change prints no record in table mode: {ran:?}");
    let ran = run(env.cmd().args(["-q", "profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.is_empty(), "{ran:?}");
    assert!(ran.stdout.contains("nickname"), "{ran:?}");
}

#[test]
fn update_without_any_change_is_a_usage_error() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests().len();
    let ran = env.profile(&["update"]);
    assert_eq!(ran.code, 2, "{ran:?}");
    assert!(ran.stderr.contains("--email") && ran.stderr.contains("--field"), "{ran:?}");
    assert_eq!(env.server.requests().len(), before);
}
