//! The committed `completions/` and `man/` (commands in `man1/`, the desired-state file in
//! `man5/`) are exactly what the binary generates, and the bash script works.

use std::path::Path;

use crate::common::{TestEnv, run};
use crate::support::Mode;

const REGENERATE: &str = "cargo run -- generate --completions completions --man man";

/// Every file under `dir`, by path relative to it (man pages sit in `man/man1/` and `man/man5/`).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display())) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            files.extend(files_in(&entry.path(), &name));
        } else {
            files.push((name, std::fs::read(entry.path()).unwrap()));
        }
    }
    files.sort();
    files
}

fn files_in(dir: &Path, prefix: &str) -> Vec<(String, Vec<u8>)> {
    files(dir).into_iter().map(|(name, bytes)| (format!("{prefix}/{name}"), bytes)).collect()
}

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let env = TestEnv::new(Mode::V8);
    let out = env.home.path();
    let ran = run(env
        .cmd()
        .args(["generate", "--completions"])
        .arg(out.join("completions"))
        .arg("--man")
        .arg(out.join("man")));
    assert_eq!(ran.code, 0, "{ran:?}");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        out.join("man/man5/rocketctl-desired-state.5").is_file(),
        "the file format's page is generated"
    );
    for folder in ["completions", "man"] {
        let committed = files(&repo.join(folder));
        let fresh = files(&out.join(folder));
        let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&committed), names(&fresh), "{folder}/ is stale; run `{REGENERATE}`");
        for ((name, old), (_, new)) in committed.iter().zip(&fresh) {
            assert!(old == new, "{folder}/{name} is stale; run `{REGENERATE}`");
        }
    }
    for (name, expected) in [
        ("bash", "rocketctl.bash"),
        ("zsh", "_rocketctl"),
        ("fish", "rocketctl.fish"),
        ("powershell", "_rocketctl.ps1"),
        ("elvish", "rocketctl.elv"),
    ] {
        let ran = run(env.cmd().args(["completions", name]));
        assert_eq!(ran.code, 0);
        assert_eq!(
            ran.stdout.as_bytes(),
            std::fs::read(repo.join("completions").join(expected)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn man_pages_document_environment_files_exit_codes_and_examples() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for page in ["rocketctl.1", "rocketctl-profile-set-email.1", "rocketctl-login.1"] {
        let text = std::fs::read_to_string(repo.join("man/man1").join(page)).unwrap();
        for needle in [
            ".SH ENVIRONMENT",
            "ROCKETCHAT_AUTH_TOKEN",
            ".SH FILES",
            ".SH \"EXIT STATUS\"",
            "outcome unknown",
            ".SH EXAMPLES",
            ".SH \"SEE ALSO\"",
            ".nh",
        ] {
            assert!(text.contains(needle), "{page} lacks {needle}");
        }
    }
}

/// Source the committed bash script and complete like bash would.
fn bash_complete(env: &TestEnv, line: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/rocketctl.bash");
    let words: Vec<&str> = line.split(' ').collect();
    let program = format!(
        "source {script}; COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{line}'; COMP_POINT={point}; _rocketctl_with_contexts rocketctl '{cur}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script = script.display(),
        words = words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" "),
        cword = words.len() - 1,
        point = line.len(),
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let bin = assert_cmd::cargo::cargo_bin("rocketctl");
    let output = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .env("PATH", format!("{}:/usr/bin:/bin", bin.parent().unwrap().display()))
        .env("HOME", env.home.path())
        .env("XDG_CONFIG_HOME", env.home.path().join(".config"))
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn bash_completes_commands_and_context_names() {
    let env = TestEnv::new(Mode::V8);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/rocketctl.bash");
    assert!(std::process::Command::new("bash").arg("-n").arg(&script).status().unwrap().success());
    assert_eq!(bash_complete(&env, "rocketctl pro").trim(), "profile");
    assert!(bash_complete(&env, "rocketctl profile set-").contains("set-email"));
    env.login_as("jane", crate::common::PASSWORD, "prod");
    env.login_as("jane", crate::common::PASSWORD, "staging");
    assert_eq!(bash_complete(&env, "rocketctl --context st").trim(), "staging");
    assert_eq!(bash_complete(&env, "rocketctl context use p").trim(), "prod");
}

#[test]
fn help_topics_and_every_command_have_examples() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env.cmd().args(["help", "environment"]));
    assert_eq!(ran.code, 0);
    assert!(
        ran.stdout.contains("ROCKETCHAT_AUTH_TOKEN") && ran.stdout.contains("highest first"),
        "{ran:?}"
    );
    let ran = run(env.cmd().args(["help", "exit-codes"]));
    assert!(ran.stdout.contains("outcome unknown") && ran.stdout.contains("130"), "{ran:?}");
    let commands: &[&[&str]] = &[
        &[],
        &["login"],
        &["logout"],
        &["status"],
        &["context"],
        &["context", "list"],
        &["context", "use"],
        &["context", "remove"],
        &["profile"],
        &["profile", "show"],
        &["profile", "set-email"],
        &["profile", "set-password"],
        &["profile", "update"],
        &["completions"],
        &["help"],
    ];
    for path in commands {
        let ran = run(env.cmd().args(*path).arg("--help"));
        assert_eq!(ran.code, 0, "{path:?}");
        assert!(ran.stdout.contains("Examples:"), "{path:?} has no examples");
        let via_help = run(env.cmd().arg("help").args(*path));
        assert_eq!(via_help.stdout, ran.stdout, "`rocketctl help {}`", path.join(" "));
    }
    let ran = run(env.cmd().arg("--version"));
    assert_eq!(ran.stdout.trim(), format!("rocketctl {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = crate::common::logged_in(Mode::V8);
    let bin = assert_cmd::cargo::cargo_bin("rocketctl");
    for command in
        ["profile show | head -1", "completions bash | head -1", "help environment | head -1"]
    {
        let output = std::process::Command::new("bash")
            .args([
                "-c",
                &format!("set -o pipefail; {} {command}", bin.display()).replacen(
                    &format!("{} ", bin.display()),
                    &format!("{} ", bin.display()),
                    1,
                ),
            ])
            .env("HOME", env.home.path())
            .env("XDG_CONFIG_HOME", env.home.path().join(".config"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{command}: {stderr}");
        assert!(!stderr.contains("error") && !stderr.contains("panicked"), "{command}: {stderr}");
    }
}

#[test]
fn colour_follows_the_flag_and_no_color_and_is_never_the_only_signal() {
    let env = TestEnv::new(Mode::V8);
    let ran = run(env.cmd().env_remove("NO_COLOR").args(["--color", "always", "profile", "show"]));
    assert_eq!(ran.code, 3);
    assert!(ran.stderr.contains("\u{1b}[") && ran.stderr.contains("error:"), "{ran:?}");
    let ran = run(env.cmd().args(["--color", "always", "profile", "show"]));
    assert!(ran.stderr.contains("\u{1b}["), "the flag beats NO_COLOR: {ran:?}");
    let ran = run(env.cmd().args(["profile", "show"]));
    assert!(
        !ran.stderr.contains('\u{1b}')
            && ran.stderr.contains("error:")
            && ran.stderr.contains("hint:"),
        "{ran:?}"
    );
    let ran = run(env.cmd().env_remove("NO_COLOR").args(["--color", "never", "profile", "show"]));
    assert!(!ran.stderr.contains('\u{1b}'), "{ran:?}");
}

#[test]
#[ignore = "needs zsh; .ci/run installs it and runs it"]
fn zsh_script_parses() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let zsh = std::process::Command::new("zsh")
        .arg("-n")
        .arg(repo.join("completions/_rocketctl"))
        .status()
        .expect("zsh runs");
    assert!(zsh.success());
}

#[test]
#[ignore = "needs fish; .ci/run installs it and runs it"]
fn fish_script_parses_and_completes() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/rocketctl.fish");
    let check = std::process::Command::new("fish").arg("-n").arg(&script).status().expect("fish");
    assert!(check.success());
    let program = format!("source {}; complete -C 'rocketctl pro'", script.display());
    let output =
        std::process::Command::new("fish").args(["--no-config", "-c", &program]).output().unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("profile"), "{output:?}");
}

#[test]
fn the_desired_state_page_lists_every_key_and_the_commands_point_to_it() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(repo.join("man/man5/rocketctl-desired-state.5")).unwrap();
    assert!(page.starts_with(".TH ROCKETCTL-DESIRED-STATE 5 "), "{page}");
    for needle in [
        ".SH NAME",
        ".SH EXAMPLE",
        ".SH PROFILE",
        ".SH USERS",
        "\\fBrequire_password_change\\fR",
        "\\fBcustom_fields\\fR",
        "\\fBtoken\\fR",
        "\\fBrocketctl\\-apply\\fR(1)",
    ] {
        assert!(page.contains(needle), "rocketctl-desired-state.5 lacks {needle}");
    }
    for command in ["export", "diff", "apply"] {
        let text =
            std::fs::read_to_string(repo.join(format!("man/man1/rocketctl-{command}.1"))).unwrap();
        let see_also = text.split(".SH \"SEE ALSO\"").nth(1).unwrap_or_default();
        assert!(
            see_also.contains("\\fBrocketctl\\-desired\\-state\\fR(5)"),
            "{command}: {see_also}"
        );
    }
}
