//! HTTPS: verification against the system roots, `--ca-cert`, `SSL_CERT_FILE`, `--insecure`,
//! a certificate for the wrong host, and no TLS key log.

use crate::common::{PASSWORD, TestEnv, run};
use crate::support::tls::{TestTls, test_tls};
use crate::support::{Mode, StandIn, User};

fn https_env(tls: &TestTls) -> (TestEnv, std::path::PathBuf) {
    let server = StandIn::start_tls(Mode::V8, tls);
    server.add_user(User::new("jane", PASSWORD));
    let env = TestEnv::with_server(server);
    let ca = env.home.path().join("ca.pem");
    std::fs::write(&ca, &tls.ca_pem).unwrap();
    (env, ca)
}

fn login(env: &TestEnv, extra: &[&str]) -> crate::common::Ran {
    run(env.login_cmd("jane", &[]).args(extra).write_stdin(PASSWORD))
}

#[test]
fn an_unknown_certificate_authority_is_refused_with_a_hint() {
    let (env, _) = https_env(&test_tls(&["127.0.0.1", "localhost"]));
    let ran = login(&env, &[]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(ran.stderr.contains("TLS handshake failed"), "{ran:?}");
    assert!(ran.stderr.contains("--ca-cert"), "{ran:?}");
    assert!(!ran.stderr.contains("retrying"), "a certificate error is not transient: {ran:?}");
    assert!(env.server.requests().is_empty());
}

#[test]
fn a_private_ca_is_trusted_with_ca_cert_and_remembered() {
    let (env, ca) = https_env(&test_tls(&["127.0.0.1", "localhost"]));
    let ran = login(&env, &["--ca-cert", ca.to_str().unwrap()]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(env.config_text().contains("ca_cert"), "{}", env.config_text());
    // Later commands use the context's CA without the flag.
    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
}

#[test]
fn ssl_cert_file_is_honoured() {
    let (env, ca) = https_env(&test_tls(&["127.0.0.1", "localhost"]));
    let ran = run(env
        .cmd()
        .env("SSL_CERT_FILE", &ca)
        .args(env.login_args("jane"))
        .args(["--password-stdin"])
        .write_stdin(PASSWORD));
    assert_eq!(ran.code, 0, "{ran:?}");
}

#[test]
fn a_certificate_for_another_host_is_refused() {
    let (env, ca) = https_env(&test_tls(&["chat.example.com"]));
    let ran = login(&env, &["--ca-cert", ca.to_str().unwrap()]);
    assert_eq!(ran.code, 7, "{ran:?}");
    assert!(env.server.requests().is_empty());
}

#[test]
fn insecure_skips_verification_and_warns_every_run() {
    let (env, _) = https_env(&test_tls(&["chat.example.com"]));
    let ran = login(&env, &["--insecure"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("TLS certificate verification is disabled"), "{ran:?}");
    let ran = run(env.cmd().args(["profile", "show"]));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stderr.contains("TLS certificate verification is disabled"), "{ran:?}");
}

#[test]
fn no_tls_key_log_is_written() {
    let (env, ca) = https_env(&test_tls(&["127.0.0.1"]));
    let keylog = env.home.path().join("keys.log");
    let ran = run(env
        .cmd()
        .env("SSLKEYLOGFILE", &keylog)
        .args(env.login_args("jane"))
        .args(["--password-stdin", "--ca-cert", ca.to_str().unwrap()])
        .write_stdin(PASSWORD));
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(!keylog.exists());
}

/// A plain HTTP server on a local port that answers whatever comes (a TLS ClientHello) with
/// `answer`, then closes, as nginx and Node do; `None` closes without a word.
fn plain_http_server(answer: Option<&'static [u8]>) -> std::net::SocketAddr {
    use std::io::{Read as _, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
    let addr = listener.local_addr().expect("bound");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut hello = [0u8; 4096];
            let _ = stream.read(&mut hello);
            if let Some(answer) = answer {
                let _ = stream.write_all(answer);
            }
        }
    });
    addr
}

const NGINX_400: &[u8] = b"HTTP/1.1 400 Bad Request\r\nServer: nginx/1.24.0\r\n\
Content-Type: text/html\r\nContent-Length: 184\r\nConnection: close\r\n\r\n\
<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n\
<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

#[test]
fn tls_to_any_plain_http_server_suggests_http_and_is_not_retried() {
    let cases: [(Option<&'static [u8]>, &str); 3] = [
        (Some(NGINX_400), "the server answered in plain HTTP, not TLS"),
        (Some(b"HTTP/1.1 400 Bad Request\r\n\r\n"), "the server answered in plain HTTP, not TLS"),
        (None, "the server closed the connection instead of answering in TLS"),
    ];
    for (answer, says) in cases {
        let env = TestEnv::new(Mode::V8);
        let https = format!("https://{}", plain_http_server(answer));
        let ran = run(env
            .cmd()
            .args(crate::common::login_args_at(&https, "jane"))
            .arg("--password-stdin")
            .write_stdin(PASSWORD));
        assert_eq!(ran.code, 7, "{ran:?}");
        assert!(
            ran.stderr.contains(&format!("TLS handshake failed with {https}: {says}")),
            "{ran:?}"
        );
        let hint =
            format!("hint: use `{}` if the server has no TLS", https.replace("https", "http"));
        assert!(ran.stderr.contains(&hint), "{ran:?}");
        assert!(!ran.stderr.contains("retrying"), "{ran:?}");
    }
}
