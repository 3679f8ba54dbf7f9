//! A terminating signal at a prompt puts the terminal back (F11, G14), driven through a
//! pseudo-terminal by tests/pty_drive.py.

use serde_json::{Value, json};

use crate::common::{PASSWORD, TestEnv};
use crate::support::{Mode, User};

/// Run rocketctl `args` as the pty's own child, wait for its prompt (`wait`: `echo-off` for a
/// no-echo prompt, `reading` for one that echoes), take the `steps` (signals, waits), and
/// return the driver's report.
fn at_prompt(env: &TestEnv, args: &[&str], prompt: &str, wait: &str, steps: &[Value]) -> Value {
    let bin = assert_cmd::cargo::cargo_bin("rocketctl");
    let mut argv = vec![bin.to_str().unwrap()];
    argv.extend_from_slice(args);
    let mut all = vec![json!(["expect", prompt]), json!([wait])];
    all.extend_from_slice(steps);
    let spec = json!({
        "argv": argv,
        "env": {
            "HOME": env.home.path(),
            "XDG_CONFIG_HOME": env.home.path().join(".config"),
            "NO_COLOR": "1",
            "TERM": "xterm",
        },
        "steps": all,
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

fn signal_at_prompt(env: &TestEnv, args: &[&str], prompt: &str, signal: &str) -> Value {
    at_prompt(env, args, prompt, "echo-off", &[json!(["signal", signal])])
}

/// The prompts of a login and of a new password, and a file holding jane's password.
fn prompts(env: &TestEnv) -> Vec<(Vec<String>, &'static str)> {
    let url = env.server.url();
    let file = env.home.path().join("password");
    std::fs::write(&file, PASSWORD).unwrap();
    let owned = |args: &[&str]| args.iter().map(|arg| (*arg).to_owned()).collect::<Vec<_>>();
    vec![
        (
            owned(&["login", "--server", &url, "--username", "jane", "--context", "x"]),
            "Password for jane on ",
        ),
        (
            owned(&["profile", "set-password", "--password-file", file.to_str().unwrap()]),
            "New password for jane on ",
        ),
    ]
}

fn assert_restored(report: &Value, code: i64, what: &str) {
    assert_eq!(report["failed_step"], Value::Null, "{what}: {report}");
    assert_eq!(report["code"], code, "{what}: {report}");
    let restored = json!({ "echo": true, "icanon": true, "isig": true });
    assert_eq!(report["terminal"], restored, "{what}: {report}");
}

#[test]
fn f11_sigterm_sighup_and_sigquit_at_a_prompt_restore_the_terminal() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    for (args, prompt) in prompts(&env) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        for (signal, code) in [("TERM", -15), ("HUP", -1), ("QUIT", -3), ("INT", 130)] {
            let report = signal_at_prompt(&env, &args, prompt, signal);
            assert_restored(&report, code, &format!("{signal} {args:?}"));
        }
    }
    assert_eq!(env.updates().len(), 0, "nothing was sent");
}

/// Every other signal whose default action ends a process (a timer's, a user signal, a resource
/// limit's) puts the terminal back first, then ends the process as that default would.
#[test]
fn g14_every_signal_that_ends_a_process_at_a_prompt_restores_the_terminal() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let signals = [
        ("ALRM", -14),
        ("USR1", -10),
        ("USR2", -12),
        ("VTALRM", -26),
        ("PROF", -27),
        ("XCPU", -24),
        ("XFSZ", -25),
    ];
    for (args, prompt) in prompts(&env) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        for (signal, code) in signals {
            let report = signal_at_prompt(&env, &args, prompt, signal);
            assert_restored(&report, code, &format!("{signal} {args:?}"));
        }
    }
    assert_eq!(env.updates().len(), 0, "nothing was sent");
}

/// The two-factor code prompt echoes what is typed, but reads key by key: a signal there puts
/// the terminal back too.
#[test]
fn g14_a_signal_at_the_two_factor_code_prompt_restores_the_terminal() {
    let env = TestEnv::new(Mode::V8);
    env.server.add_user(User::new("totp", PASSWORD).with_totp(b"totp-secret-for-signals"));
    let file = env.home.path().join("password");
    std::fs::write(&file, PASSWORD).unwrap();
    let url = env.server.url();
    let args = ["login", "--server", &url, "--username", "totp", "--password-file"];
    let args: Vec<&str> = args.into_iter().chain([file.to_str().unwrap()]).collect();
    for (signal, code) in [("TERM", -15), ("ALRM", -14), ("USR1", -10), ("INT", 130)] {
        let steps = [json!(["signal", signal])];
        let report = at_prompt(&env, &args, "authenticator app", "reading", &steps);
        assert_restored(&report, code, signal);
    }
}

/// SIGPIPE does not end rocketctl (the Rust runtime ignores it: a closed pipe is an error a
/// write returns), so at a prompt it changes nothing: the prompt still waits, and a Ctrl-C
/// afterwards ends it with the terminal put back.
#[test]
fn g14_sigpipe_at_a_prompt_is_ignored() {
    let env = TestEnv::new(Mode::V8);
    env.login();
    let (args, prompt) = prompts(&env).remove(0);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let steps = [json!(["signal", "PIPE"]), json!(["reading"]), json!(["signal", "INT"])];
    let report = at_prompt(&env, &args, prompt, "echo-off", &steps);
    assert_restored(&report, 130, "PIPE, then INT");
}
