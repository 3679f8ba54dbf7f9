//! The canary suite against hostile echoes (docs/security.md F2): a server, or a proxy in front
//! of it, that echoes every request back (headers, body, a JSON string holding the JSON body,
//! an HTML page) on every flow, `-v` included. No secret value may be printed, whatever the key.

use std::sync::Arc;

use crate::canary::{BACKUP_CODE, Canaries, NEW_PASSWORD, PASSWORD};
use crate::support::http::{HttpServer, Reply, Request, Response};
use crate::support::{Fault, Mode};

const UPDATE: &str = "users.updateOwnBasicInfo";
/// A code given at login: it travels in the login body, which an echo returns.
const LOGIN_CODE: &str = "CANARY-7f3a9c-LOGIN-CODE";

/// Each flow: the endpoint that echoes, and the command. A password change comes last: a 200
/// echo applies it.
fn flows(url: &str) -> Vec<(&'static str, Vec<String>)> {
    let args = |list: &[&str]| list.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    vec![
        (
            "login",
            args(&[
                "login",
                "--server",
                url,
                "--username",
                "jane",
                "--context",
                "echo",
                "--2fa-code",
                LOGIN_CODE,
            ]),
        ),
        ("me", args(&["--context", "jane", "profile", "show"])),
        ("me", args(&["--context", "jane", "status"])),
        (UPDATE, args(&["--context", "jane", "profile", "set-email", "echo@example.org"])),
        (UPDATE, args(&["--context", "jane", "profile", "update", "--nickname", "echo"])),
        (
            UPDATE,
            args(&[
                "--context",
                "tina",
                "profile",
                "update",
                "--nickname",
                "echo",
                "--2fa-code",
                BACKUP_CODE,
            ]),
        ),
        (UPDATE, args(&["--context", "jane", "profile", "set-password"])),
    ]
}

#[test]
fn no_secret_leaks_when_the_server_echoes_every_request() {
    let mut c = Canaries::new(Mode::V8);
    let url = c.env.server.url();
    c.run(
        "login",
        0,
        &["login", "--server", &url, "--username", "jane", "--context", "jane"],
        |_| {},
    );
    c.remember_token("jane");
    let tina = ["login", "--username", "tina", "--context", "tina", "--2fa-code", BACKUP_CODE];
    c.run("totp login", 0, &tina, |_| {});
    c.remember_token("tina");
    c.add_secret("login code", LOGIN_CODE);
    // A 200 echo last: it applies the changes.
    for (status, html) in [(400, false), (401, false), (500, true), (502, true), (200, false)] {
        for (endpoint, args) in flows(&url) {
            c.env.server.state().faults.clear();
            c.env.server.inject(endpoint, Fault::Echo { status, html }, 10);
            let label = format!("{status} echo of {endpoint}: {}", args.join(" "));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let code = c.run_unchecked(&label, &args, |cmd| {
                cmd.env("ROCKETCTL_TEST_RETRY_SLEEP_MS", "10");
            });
            let ran = &c.outputs.last().unwrap().1;
            assert_eq!(code == 0, status == 200, "`{label}`: {ran:?}");
            assert_ne!(code, 101, "`{label}` panicked: {ran:?}");
            assert!(
                ran.stderr.contains("[REDACTED]"),
                "`{label}`: the echo was not shown: {ran:?}"
            );
        }
    }
    c.assert_nothing_leaked();
}

const PROXY_PASSWORD: &str = "CANARY-7f3a9c-PROXY";

#[test]
fn no_secret_leaks_through_an_echoing_proxy() {
    let mut c = Canaries::new(Mode::V8);
    let url = c.env.server.url();
    c.run(
        "login",
        0,
        &["login", "--server", &url, "--username", "jane", "--context", "jane"],
        |_| {},
    );
    c.remember_token("jane");
    c.add_secret("proxy password", PROXY_PASSWORD);
    c.add_secret("proxy basic auth", &format!("proxy-user:{PROXY_PASSWORD}"));
    // A gateway's error page that shows the whole request, Proxy-Authorization included.
    let handler = Arc::new(|request: &Request| {
        let headers: Vec<String> =
            request.headers.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let page = format!(
            "<h1>502 Bad Gateway</h1><pre>{} {}\n{}\n\n{}</pre>",
            request.method,
            request.path,
            headers.join("\n"),
            request.body_text()
        );
        Reply::Send(Response::text(502, "text/html", &page))
    });
    let proxy = HttpServer::bind(0, handler).unwrap();
    let proxy_url = format!("http://proxy-user:{PROXY_PASSWORD}@{}", proxy.addr);
    let runs: [(&str, i32, Vec<&str>); 4] = [
        ("show", 1, vec!["--context", "jane", "profile", "show"]),
        ("set-password", 1, vec!["--context", "jane", "profile", "set-password"]),
        ("set-email", 1, vec!["--context", "jane", "profile", "set-email", "p@example.org"]),
        ("login", 1, vec!["login", "--server", &url, "--username", "jane", "--context", "p"]),
    ];
    for (label, code, args) in runs {
        c.run(label, code, &args, |cmd| {
            cmd.env("HTTP_PROXY", &proxy_url).env("ROCKETCTL_TEST_RETRY_SLEEP_MS", "10");
        });
        let ran = &c.outputs.last().unwrap().1;
        assert!(ran.stderr.contains("[REDACTED]"), "`{label}`: the echo was not shown: {ran:?}");
    }
    let _ = (NEW_PASSWORD, PASSWORD);
    c.assert_nothing_leaked();
}

/// A proxy that names the credentials it refused, in each form it has them: the password as the
/// URL writes it (percent-encoded), decoded, and the `Proxy-Authorization: Basic` value. Short
/// enough that the whole page is shown (an unexpected answer shows its first 200 characters).
#[test]
fn proxy_credentials_a_proxy_echoes_are_scrubbed_in_every_form() {
    use base64::Engine as _;
    let written = "CANARY%2Fpx%40pw";
    let decoded = "CANARY/px@pw";
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("us@er:{decoded}"));
    let handler = Arc::new(move |request: &Request| {
        let header = request.header("proxy-authorization").unwrap_or("none").to_owned();
        let page = format!("denied {header} for {decoded} ({written})");
        Reply::Send(Response::text(502, "text/plain", &page))
    });
    let proxy = HttpServer::bind(0, handler).unwrap();
    let mut c = Canaries::new(Mode::V8);
    let url = c.env.server.url();
    let proxy_url = format!("http://us%40er:{written}@{}", proxy.addr);
    c.run("login", 1, &["login", "--server", &url, "--username", "jane"], |cmd| {
        cmd.env("HTTP_PROXY", &proxy_url).env("ROCKETCTL_TEST_RETRY_SLEEP_MS", "10");
    });
    let ran = &c.outputs.last().unwrap().1;
    let shown = "denied Basic [REDACTED] for [REDACTED] ([REDACTED])";
    assert!(ran.stderr.contains(shown), "every form is scrubbed: {ran:?}");
    for secret in [written, decoded, basic.as_str()] {
        assert!(!ran.stderr.contains(secret) && !ran.stdout.contains(secret), "{ran:?}");
    }
    c.assert_nothing_leaked();
}

#[test]
fn g7_no_secret_leaks_from_an_api_answer_that_echoes_the_request() {
    let mut c = Canaries::new(Mode::V8);
    let url = c.env.server.url();
    c.run(
        "login",
        0,
        &["login", "--server", &url, "--username", "jane", "--context", "jane"],
        |_| {},
    );
    c.remember_token("jane");
    // The echo puts the request's headers, X-Auth-Token included, into the answer's body.
    let runs: [(&str, &[&str]); 4] = [
        ("me", &["api", "me"]),
        ("me", &["api", "-i", "me"]),
        ("me", &["-o", "json", "api", "me"]),
        (UPDATE, &["api", "users.updateOwnBasicInfo", "-F", "data[nickname]=echo"]),
    ];
    for (endpoint, args) in runs {
        c.env.server.state().faults.clear();
        c.env.server.inject(endpoint, Fault::Echo { status: 200, html: false }, 10);
        let label = format!("api echo: {}", args.join(" "));
        let args = [&["--context", "jane"], args].concat();
        c.run(&label, 0, &args, |_| {});
        let ran = &c.outputs.last().unwrap().1;
        assert!(ran.stdout.contains("[REDACTED]"), "`{label}`: the echo was not printed: {ran:?}");
    }
    c.assert_nothing_leaked();
}
