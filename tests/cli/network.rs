//! Redirects, proxies' HTML pages, non-JSON answers: clean errors, the right exit codes, and
//! nothing sent where it should not go.

use crate::common::{TestEnv, login_args_at, run};
use crate::support::{Fault, Mode, StandIn};

#[test]
fn a_redirect_to_a_second_server_is_refused_and_it_receives_nothing() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let evil = StandIn::start(Mode::V8);
    for status in [301, 302, 303, 307, 308] {
        env.server.inject(
            "me",
            Fault::Redirect { status, location: format!("{}/api/v1/me?steal=1", evil.url()) },
            1,
        );
        let ran = run(env.cmd().args(["profile", "show"]));
        assert_eq!(ran.code, 7, "{status}: {ran:?}");
        assert!(ran.stderr.contains("redirected to"), "{ran:?}");
        assert!(ran.stderr.contains(&evil.url()), "{ran:?}");
        assert!(!ran.stderr.contains("steal"), "the query is not shown: {ran:?}");
    }
    assert!(evil.requests().is_empty(), "the other server got {:?}", evil.requests());

    // Same origin is not followed either.
    env.server.inject("me", Fault::Redirect { status: 302, location: "/api/v1/me".into() }, 1);
    assert_eq!(run(env.cmd().args(["profile", "show"])).code, 7);
}

#[test]
fn an_html_502_is_a_clean_error_after_retries() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    env.server.inject("me", Fault::Html502, 10);
    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("unexpected 502 response (text/html"), "{ran:?}");
    assert!(ran.stderr.contains("Bad Gateway"), "{ran:?}");
    assert!(!ran.stderr.contains("panicked"), "{ran:?}");
    assert_eq!(ran.stderr.matches("note: retrying…").count(), 1, "said once: {ran:?}");
    assert_eq!(ran.stderr.matches("unexpected 502 response").count(), 1, "the cause once: {ran:?}");
    assert_eq!(env.server.requests_to("me").len(), 4);
}

#[test]
fn a_get_recovers_after_a_transient_502() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    env.server.inject("me", Fault::Html502, 2);
    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stderr.matches("retrying").count(), 1, "{ran:?}");
    assert_eq!(env.server.requests_to("me").len(), 3);
}

#[test]
fn a_non_json_200_is_a_clean_error() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    env.server.inject("me", Fault::NonJson200, 1);
    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 1, "{ran:?}");
    assert!(ran.stderr.contains("unexpected 200 response (text/html"), "{ran:?}");
    assert!(!ran.stderr.contains("panicked"), "{ran:?}");
}

#[test]
fn a_refused_connection_is_exit_7() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env
        .cmd()
        .args(login_args_at("http://127.0.0.1:9", "jane"))
        .args(["--password-stdin"])
        .write_stdin(crate::common::PASSWORD));
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("cannot connect to http://127.0.0.1:9"), "{ran:?}");
}
