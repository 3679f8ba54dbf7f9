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
