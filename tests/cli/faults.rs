//! Network faults (docs/security.md rows 35–62): the exit code, the message, what was retried and
//! what was never resent, in bounded time. Reads (GET) are retried; changes are not.

use std::time::Duration;

use crate::common::{ClosedPort, PASSWORD, TestEnv, logged_in, login_args_at, ran, run};
use crate::support::{Fault, Mode, StandIn, User};

fn respond(status: u16, body: &str, headers: &[(&str, &str)]) -> Fault {
    Fault::Respond {
        status,
        content_type: "application/json".into(),
        body: body.into(),
        headers: headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
    }
}

#[test]
fn row_35_an_unresolvable_host_is_exit_7_naming_it() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env
        .cmd()
        .args(login_args_at("https://rocketctl-test.invalid", "jane"))
        .args(["--password-stdin", "--timeout", "5"])
        .write_stdin(PASSWORD));
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("rocketctl-test.invalid"), "{ran:?}");
}

#[test]
fn row_36_a_refused_connection_is_retried_then_exit_7() {
    let env = TestEnv::new(Mode::V8);
    let closed = ClosedPort::new();
    let url = closed.url();
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_URL", &url)
        .env("ROCKETCHAT_USER_ID", "u1")
        .env("ROCKETCHAT_AUTH_TOKEN", "t1")
        .args(["profile", "show"]));
    assert_eq!(ran.code, 7, "{ran:?}");
    assert_eq!(ran.stderr.matches("note: retrying…").count(), 1, "said once: {ran:?}");
    assert_eq!(ran.stderr.matches("connection refused").count(), 1, "the cause once: {ran:?}");
    assert!(!ran.stderr.contains("client error"), "hyper's wrappers only under -v: {ran:?}");
}

#[test]
fn row_36_a_change_never_delivered_is_resent_when_the_server_comes_up() {
    let closed = ClosedPort::new();
    let env = TestEnv::new(Mode::V8);
    let mut child = env
        .process()
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .env("ROCKETCTL_TEST_RETRY_SLEEP_MS", "700")
        .args(login_args_at(&closed.url(), "jane"))
        .spawn()
        .unwrap();
    // Start the server only once the first attempt was refused and a retry is announced.
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    while !seen.contains("retrying") {
        let read = std::io::BufRead::read_line(&mut stderr, &mut seen).unwrap();
        assert!(read > 0, "rocketctl ended without retrying: {seen}");
    }
    let server = StandIn::try_start_with(crate::support::State::new(Mode::V8), closed.port())
        .expect("the held port can be listened on");
    drop(closed);
    server.add_user(User::new("jane", PASSWORD));
    std::io::Read::read_to_string(&mut stderr, &mut seen).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{seen}");
    assert_eq!(server.requests_to("login").len(), 1, "one POST delivered");
}

/// A listener whose accept queue is full: the kernel drops new SYNs, so connecting hangs the
/// way it does against a blackholed address (which tests may not use).
fn blackhole() -> (std::process::Child, u16) {
    let script = "import socket, time\n\
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(0)\n\
port = srv.getsockname()[1]\n\
fill = []\n\
for _ in range(8):\n    c = socket.socket(); c.setblocking(False)\n    try: c.connect(('127.0.0.1', port))\n    except BlockingIOError: pass\n    fill.append(c)\n\
print(port, flush=True)\n\
time.sleep(60)\n";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    (child, line.trim().parse().expect("a port"))
}

#[test]
fn row_37_a_connect_that_never_completes_times_out_as_not_sent() {
    let (mut hole, port) = blackhole();
    let env = TestEnv::new(Mode::V8);
    let url = format!("http://127.0.0.1:{port}");
    // A connect that never completes: only `--timeout` ends it (the harness's own timeout would
    // fail the test with another exit code and message).
    let ran = run(env
        .cmd()
        .env("ROCKETCHAT_URL", &url)
        .env("ROCKETCHAT_USER_ID", "u1")
        .env("ROCKETCHAT_AUTH_TOKEN", "t1")
        .env("ROCKETCHAT_PASSWORD", PASSWORD)
        .args(["profile", "set-email", "x@example.org", "--timeout", "2"]));
    assert_eq!(ran.code, 7, "a change never sent is not an unknown outcome: {ran:?}");
    assert!(ran.stderr.contains("timed out connecting to"), "{ran:?}");
    let _ = hole.kill();
}

#[test]
fn row_39_a_dropped_read_is_retried() {
    let env = logged_in(Mode::V8);
    env.server.inject("me", Fault::DropBeforeApply, 1);
    let ran = env.show(&[]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stderr.matches("retrying").count(), 1, "{ran:?}");
}

#[test]
fn row_40_a_server_that_never_answers_times_out() {
    let env = logged_in(Mode::V8);
    // Held for 20 s and then dropped: only `--timeout` makes this "timed out".
    env.server.inject("me", Fault::Hang(Duration::from_secs(20)), 5);
    let ran = env.show(&["--timeout", "2"]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("timed out"), "{ran:?}");
}

#[test]
fn row_40_a_change_that_never_gets_an_answer_is_settled() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::Hang(Duration::from_secs(20)), 1);
    let ran = env.profile(&["update", "--nickname", "slow", "--timeout", "2"]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("safe to run the command again"), "{ran:?}");
    assert_eq!(env.updates().len(), 1, "never resent");
}

#[test]
fn row_41_a_truncated_body_is_retried_for_reads_and_settled_for_changes() {
    let env = logged_in(Mode::V8);
    env.server.inject("me", Fault::Truncated, 1);
    let ran = env.show(&[]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("retrying"), "{ran:?}");

    env.server.inject("users.updateOwnBasicInfo", Fault::Truncated, 1);
    let ran = env.profile(&["update", "--nickname", "cut"]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert_eq!(env.updates().len(), 1);
}

#[test]
fn row_42_a_slow_drip_hits_the_total_timeout() {
    let env = logged_in(Mode::V8);
    // Every byte 0.4 s apart: the answer would come whole, late, without one deadline for the
    // whole call.
    env.server.inject("me", Fault::Drip(Duration::from_millis(400)), 5);
    let ran = env.show(&["--timeout", "2"]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("timed out"), "{ran:?}");
    assert!(ran.stdout.is_empty(), "{ran:?}");
}

#[test]
fn row_43_a_502_on_a_change_is_not_resent_and_is_settled() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::Html502, 1);
    let ran = env.profile(&["update", "--nickname", "gw"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("unexpected 502 response (text/html"), "{ran:?}");
    assert!(ran.stderr.contains("safe to run the command again"), "{ran:?}");
    assert!(!ran.stderr.contains("retrying"), "{ran:?}");
    assert_eq!(env.updates().len(), 1);
}

#[test]
fn row_44_a_captive_portal_on_a_change_is_settled() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::NonJson200, 1);
    let ran = env.profile(&["update", "--nickname", "portal"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("unexpected 200 response (text/html"), "{ran:?}");
    assert_eq!(env.updates().len(), 1);
}

#[test]
fn row_45_success_false_in_a_200_is_a_refusal() {
    let env = logged_in(Mode::V8);
    let body = r#"{"success":false,"error":"Not allowed [error-not-allowed]","errorType":"error-not-allowed"}"#;
    env.server.inject("users.updateOwnBasicInfo", respond(200, body, &[]), 1);
    let ran = env.profile(&["update", "--nickname", "x"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("does not allow changing your profile"), "{ran:?}");
}

#[test]
fn row_46_a_malformed_answer_is_exit_1_for_reads_and_settled_for_changes() {
    let env = logged_in(Mode::V8);
    env.server.inject("me", respond(200, "[1, 2, 3]", &[]), 1);
    let ran = env.show(&[]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("malformed response"), "{ran:?}");

    env.server.inject("users.updateOwnBasicInfo", respond(200, r#"{"success":true}"#, &[]), 1);
    let ran = env.profile(&["update", "--nickname", "nouser"]);
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("checking what the server has now"), "{ran:?}");
    assert_eq!(env.updates().len(), 1);
}

#[test]
#[allow(clippy::print_stderr)] // says what was not checked
fn row_47_a_huge_body_is_refused_with_bounded_memory() {
    let env = logged_in(Mode::V8);
    env.server.inject("me", Fault::Huge(100 * 1024 * 1024), 1);
    // /usr/bin/time reports the peak memory; without it the test still checks the refusal.
    let time = std::path::Path::new("/usr/bin/time");
    let ran = if time.exists() {
        let output = env
            .script_process(time)
            .args(["-f", "max-rss-kib=%M", "rocketctl", "profile", "show"])
            .stdout(std::process::Stdio::piped())
            .output()
            .unwrap();
        ran(&output)
    } else {
        env.show(&[])
    };
    assert_ne!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("response too large"), "{ran:?}");
    if let Some(kib) = ran.stderr.split("max-rss-kib=").nth(1) {
        let kib: u64 = kib.trim().parse().unwrap();
        assert!(kib < 50 * 1024, "peak memory {kib} KiB");
    } else {
        eprintln!("note: no /usr/bin/time here, so the peak memory was not checked");
    }
}

#[test]
fn row_48_control_characters_from_the_server_are_escaped() {
    let env = logged_in(Mode::V8);
    let body = "{\"success\":false,\"error\":\"evil \\u001b]52;c;ZXZpbA==\\u0007 \\u001b[2J\\rhidden\",\"errorType\":\"error-weird\"}";
    env.server.inject("users.updateOwnBasicInfo", respond(400, body, &[]), 1);
    let ran = env.profile(&["update", "--nickname", "x"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(
        !ran.stderr.contains('\u{1b}')
            && !ran.stderr.contains('\r')
            && !ran.stderr.contains('\u{7}'),
        "{ran:?}"
    );
    assert!(ran.stderr.contains("\\u{001b}]52"), "{ran:?}");
}

#[test]
fn row_49_a_401_is_exit_3_and_not_retried() {
    let env = logged_in(Mode::V8);
    let before = env.server.requests_to("me").len();
    env.server.state().users.iter_mut().for_each(|u| u.tokens.clear());
    let ran = env.show(&[]);
    assert_eq!(ran.code, 3, "{ran:?}");
    assert_eq!(env.server.requests_to("me").len(), before + 1);
}

#[test]
fn row_50_a_403_is_exit_5() {
    let env = logged_in(Mode::V8);
    env.server.inject(
        "users.updateOwnBasicInfo",
        respond(403, r#"{"success":false,"error":"unauthorized"}"#, &[]),
        1,
    );
    let ran = env.profile(&["update", "--nickname", "x"]);
    assert_eq!(ran.code, 5, "{ran:?}");
    assert!(ran.stderr.contains("403"), "{ran:?}");
}

const TOO_MANY: &str = r#"{"success":false,"error":"Error, too many requests. Please slow down. You must wait 1 seconds before trying this endpoint again. [error-too-many-requests]"}"#;

#[test]
fn row_51_a_429_with_retry_after_is_waited_out_for_reads_and_changes() {
    let env = logged_in(Mode::V8);
    env.server.inject("me", respond(429, TOO_MANY, &[("Retry-After", "1")]), 1);
    let reads = env.server.requests_to("me").len();
    let ran = env.show(&[]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("rate limited by") && ran.stderr.contains("waiting"), "{ran:?}");
    assert_eq!(env.server.requests_to("me").len(), reads + 2, "the refused read, then one more");

    env.server.inject(
        "users.updateOwnBasicInfo",
        respond(429, TOO_MANY, &[("Retry-After", "1")]),
        1,
    );
    let ran = env.profile(&["update", "--nickname", "patient"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.updates().len(), 2, "the refused one and the one that was applied");
    assert_eq!(env.server.user("jane").nickname.as_deref(), Some("patient"));
}

#[test]
fn row_53_a_429_far_in_the_future_is_exit_8_at_once() {
    let env = logged_in(Mode::V8);
    env.server.inject(
        "users.updateOwnBasicInfo",
        respond(429, TOO_MANY, &[("Retry-After", "3600")]),
        1,
    );
    let ran = env.profile(&["update", "--nickname", "x"]);
    assert_eq!(ran.code, 8, "{ran:?}");
    assert!(ran.stderr.contains("retry after") && ran.stderr.contains("UTC"), "{ran:?}");
    assert!(!ran.stderr.contains("waiting"), "not waited for: {ran:?}");
    assert_eq!(env.updates().len(), 1, "refused once, not sent again");
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(7200));
    env.server.inject("me", respond(429, TOO_MANY, &[("Retry-After", &date)]), 1);
    assert_eq!(env.show(&[]).code, 8);
}

#[test]
fn row_54_a_429_without_a_usable_time_falls_back_to_a_short_wait() {
    let env = logged_in(Mode::V8);
    let body = r#"{"success":false,"error":"slow down"}"#;
    env.server.inject("me", respond(429, body, &[("Retry-After", "soon")]), 1);
    let ran = env.show(&[]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("waiting 5s"), "{ran:?}");
}

#[test]
fn row_55_56_a_redirect_on_a_change_is_refused_and_the_other_server_gets_nothing() {
    let env = logged_in(Mode::V8);
    let evil = StandIn::start(Mode::V8);
    for status in [301, 302, 303, 307, 308] {
        let location = format!("{}/api/v1/users.updateOwnBasicInfo", evil.url());
        env.server.inject("users.updateOwnBasicInfo", Fault::Redirect { status, location }, 1);
        let ran = env.profile(&["set-email", "r@example.org"]);
        assert_eq!(ran.code, 7, "{status}: {ran:?}");
    }
    assert!(evil.requests().is_empty());
    // The login POST (with the password digest) is not forwarded either.
    env.server.inject(
        "login",
        Fault::Redirect { status: 307, location: format!("{}/api/v1/login", evil.url()) },
        1,
    );
    let ran = run(env
        .cmd()
        .args(["login", "--username", "jane", "--password-stdin"])
        .write_stdin(PASSWORD));
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(evil.requests().is_empty());
}

#[test]
fn row_60_a_dead_proxy_with_credentials_leaks_nothing() {
    let env = logged_in(Mode::V8);
    let closed = ClosedPort::new();
    let proxy = format!("http://user:CANARY-proxy-secret@127.0.0.1:{}", closed.port());
    let ran = run(env
        .cmd()
        .env("HTTP_PROXY", &proxy)
        .env("http_proxy", &proxy)
        .env("HTTPS_PROXY", &proxy)
        .args(["profile", "show"]));
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(!ran.stderr.contains("CANARY") && !ran.stdout.contains("CANARY"), "{ran:?}");
}

#[test]
fn row_62_a_slow_server_hits_the_timeout() {
    let env = logged_in(Mode::V8);
    // Each answer comes after 4 s: without `--timeout 1` the read would succeed.
    env.server.inject("me", Fault::Delay(Duration::from_secs(4)), 5);
    let ran = env.show(&["--timeout", "1"]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("timed out"), "{ran:?}");
    assert!(ran.stdout.is_empty(), "{ran:?}");
}

#[test]
fn r50_an_answer_lost_and_no_way_to_check_is_exit_9() {
    let env = logged_in(Mode::V8);
    env.server.inject("users.updateOwnBasicInfo", Fault::DropAfterApply, 1);
    env.server.inject_after("me", 1, Fault::Html502, 10);
    let ran = env.profile(&["set-email", "unknown@example.org"]);
    assert_eq!(ran.code, 9, "{ran:?}");
    assert!(ran.stderr.contains("may or may not have applied"), "{ran:?}");
    assert!(ran.stderr.contains("rocketctl profile show"), "{ran:?}");
    assert_eq!(env.updates().len(), 1);
}

#[test]
fn r54_the_user_agent_is_stable() {
    let env = logged_in(Mode::V8);
    let agent = env.server.requests()[0].header("user-agent").unwrap().to_owned();
    assert_eq!(agent, format!("rocketctl/{} (linux)", env!("CARGO_PKG_VERSION")));
}

#[test]
fn row_48_server_text_in_status_lines_is_escaped_too() {
    let server = StandIn::start(Mode::V8);
    server.add_user(User::new("evil\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}", PASSWORD));
    let env = TestEnv::with_server(server);
    let ran =
        run(env.login_cmd("evil\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}", &[]).write_stdin(PASSWORD));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("Logged in to"), "{ran:?}");
    assert!(!ran.stderr.contains('\u{1b}') && !ran.stderr.contains('\u{7}'), "{ran:?}");
    for args in [&["status"][..], &["context", "list"][..], &["profile", "show"][..]] {
        let ran = run(env.cmd().args(args));
        assert!(
            !ran.stdout.contains('\u{1b}') && !ran.stderr.contains('\u{1b}'),
            "{args:?}: {ran:?}"
        );
    }
}
