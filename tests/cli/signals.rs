//! A terminating signal at a no-echo prompt puts the terminal back (issue 10: F11), driven
//! through a pseudo-terminal by tests/pty_drive.py.

use serde_json::{Value, json};

use crate::common::{PASSWORD, TestEnv};
use crate::support::Mode;

/// Run rocketctl `args` as the pty's own child, wait for its no-echo prompt, send `signal`,
/// and return the driver's report.
fn signal_at_prompt(env: &TestEnv, args: &[&str], prompt: &str, signal: &str) -> Value {
    let bin = assert_cmd::cargo::cargo_bin("rocketctl");
    let mut argv = vec![bin.to_str().unwrap()];
    argv.extend_from_slice(args);
    let spec = json!({
        "argv": argv,
        "env": {
            "HOME": env.home.path(),
            "XDG_CONFIG_HOME": env.home.path().join(".config"),
            "NO_COLOR": "1",
            "TERM": "xterm",
        },
        "steps": [["expect", prompt], ["echo-off"], ["signal", signal]],
        "timeout": 30,
    });
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pty_drive.py");
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg(spec.to_string())
        .output()
        .expect("python3 runs");
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("driver output: {}", String::from_utf8_lossy(&output.stderr)))
}

#[test]
fn f11_sigterm_sighup_and_sigquit_at_a_prompt_restore_the_terminal() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let url = env.server.url();
    let login = ["login", "--server", &url, "--username", "jane", "--context", "x"];
    let file = env.home.path().join("password");
    std::fs::write(&file, PASSWORD).unwrap();
    let set_password = ["profile", "set-password", "--password-file", file.to_str().unwrap()];
    for (args, prompt) in
        [(&login[..], "Password for jane on "), (&set_password[..], "New password for jane on ")]
    {
        for (signal, code) in [("TERM", -15), ("HUP", -1), ("QUIT", -3), ("INT", 130)] {
            let report = signal_at_prompt(&env, args, prompt, signal);
            assert_eq!(report["failed_step"], Value::Null, "{signal} {args:?}: {report}");
            assert_eq!(report["code"], code, "{signal} {args:?}: {report}");
            let terminal = &report["terminal"];
            assert_eq!(
                terminal,
                &json!({ "echo": true, "icanon": true, "isig": true }),
                "{signal} {args:?}: {report}"
            );
        }
    }
    assert_eq!(env.updates().len(), 0, "nothing was sent");
}
