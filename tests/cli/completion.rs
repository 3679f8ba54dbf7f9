//! Completion in the real shells: context names only where a context is expected, names with
//! `:` kept whole, subcommands before flags, hidden commands never offered, and names from a
//! hand-edited config treated as data (a `$(…)` in a name is never run).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::common::TestEnv;
use crate::support::Mode;

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("completions").join(name)
}

/// A hand-written config with a `host:port` name and two names that carry shell code which,
/// if evaluated, creates a marker file in HOME.
fn with_contexts() -> (TestEnv, Vec<PathBuf>) {
    let env = TestEnv::new(Mode::V8);
    let home = env.home.path();
    let markers = vec![home.join("PWNED-dollar"), home.join("PWNED-tick")];
    let config = format!(
        "current = \"prod\"\n\n[contexts.prod]\nserver = \"https://chat.example.com\"\n\n\
         [contexts.\"chat.example.com:8443\"]\nserver = \"https://chat.example.com:8443\"\n\n\
         [contexts.'evil$(touch$IFS{})']\nserver = \"https://evil.example\"\n\n\
         [contexts.'tick`touch {}`']\nserver = \"https://evil.example\"\n",
        markers[0].display(),
        markers[1].display()
    );
    std::fs::create_dir_all(home.join(".config/rocketctl")).unwrap();
    std::fs::write(env.config_path(), config).unwrap();
    std::fs::set_permissions(env.config_path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    (env, markers)
}

fn shell(env: &TestEnv, program: &str) -> Command {
    let bin = assert_cmd::cargo::cargo_bin("rocketctl");
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.parent().unwrap().display()))
        .env("HOME", env.home.path())
        .env("XDG_CONFIG_HOME", env.home.path().join(".config"))
        .current_dir(env.home.path());
    cmd
}

/// What bash's programmable completion would offer for `line` (completed at its end): the
/// words split as bash splits them (COMP_WORDBREAKS includes `:`), then the registered function.
fn bash(env: &TestEnv, line: &str) -> Vec<String> {
    let program = r#"
        source "$1"; COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
        COMP_WORDS=(); w=""
        for ((i = 0; i < ${#COMP_LINE}; i++)); do
            c="${COMP_LINE:i:1}"
            if [[ "$c" == " " ]]; then [[ -n "$w" ]] && COMP_WORDS+=("$w"); w=""
            elif [[ "$c" == ":" ]]; then [[ -n "$w" ]] && COMP_WORDS+=("$w"); COMP_WORDS+=(":"); w=""
            else w+="$c"; fi
        done
        COMP_WORDS+=("$w"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        fn=$(complete -p rocketctl | sed -E 's/.*-F ([^ ]+) .*/\1/')
        "$fn" rocketctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let output = shell(env, "bash")
        .args(["--norc", "-c", program, "bash"])
        .arg(script("rocketctl.bash"))
        .arg(line)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect()
}

#[test]
fn bash_completes_contexts_only_where_expected_and_past_a_colon() {
    let (env, markers) = with_contexts();
    assert_eq!(bash(&env, "rocketctl --context pr"), ["prod"]);
    assert_eq!(bash(&env, "rocketctl context use pr"), ["prod"]);
    assert_eq!(bash(&env, "rocketctl --context x context remove pr"), ["prod"]);
    // `chat.example.com:84` is three words to bash; the reply replaces only the last one.
    assert_eq!(bash(&env, "rocketctl context use chat.example.com:84"), ["8443"]);
    assert_eq!(bash(&env, "rocketctl --context chat"), ["chat.example.com:8443"]);
    let name = bash(&env, "rocketctl profile update --name pr");
    assert!(!name.contains(&"prod".to_owned()), "{name:?}");
    // Every name, payloads included, is offered quoted and nothing in it runs.
    let all = bash(&env, "rocketctl --context ");
    let expected = format!("evil\\$\\(touch\\$IFS{}\\)", escaped(&markers[0]));
    assert!(all.contains(&expected), "{all:?}");
    assert_eq!(all.len(), 4, "{all:?}");
    for marker in &markers {
        assert!(!marker.exists(), "completion ran code from a context name");
    }
    // Subcommands before flags; hidden commands never.
    assert_eq!(
        bash(&env, "rocketctl profile "),
        ["show", "set-email", "set-password", "update", "avatar"]
    );
    assert!(bash(&env, "rocketctl profile -").iter().all(|word| word.starts_with('-')));
    let top = bash(&env, "rocketctl ");
    assert!(
        top.contains(&"login".to_owned()) && !top.iter().any(|w| w.starts_with('-')),
        "{top:?}"
    );
    assert!(!top.iter().any(|w| w == "generate" || w == "__complete-contexts"), "{top:?}");
}

/// `printf %q` of a path made of letters, digits, `/`, `-` and `_` is the path itself.
fn escaped(path: &Path) -> String {
    path.display().to_string()
}

/// Type `line`, press Tab, then go to the start of the line and run it as `echo END …`: the
/// echoed text is the line as completion left it.
fn zsh(env: &TestEnv, line: &str) -> String {
    let dir = script("_rocketctl");
    let dir = dir.parent().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("rocketctl");
    let spec = json!({
        "argv": ["zsh", "-f", "-i"],
        "env": {
            "PATH": format!("{}:/usr/bin:/bin", bin.parent().unwrap().display()),
            "HOME": env.home.path(),
            "XDG_CONFIG_HOME": env.home.path().join(".config"),
            "TERM": "dumb",
            "PS1": "PROMPT> ",
        },
        "steps": [
            ["expect", "PROMPT> "],
            ["send", format!("cd {}; fpath=({} $fpath); autoload -U compinit; compinit -u -D\r", env.home.path().display(), dir.display())],
            ["expect", "PROMPT> "],
            ["send", format!("{line}\t")],
            ["send", "\u{1}echo END \r"],
            ["expect", "\nEND "],
            ["expect", "\n"],
            ["send", "exit\r"],
        ],
        "timeout": 20,
    });
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pty_drive.py");
    let output = Command::new("python3").arg(script).arg(spec.to_string()).output().unwrap();
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    let transcript = result["transcript"].as_str().unwrap().replace('\r', "");
    assert!(result["failed_step"].is_null(), "{transcript}");
    let echoed = transcript.rsplit("\nEND ").next().unwrap();
    echoed.lines().next().unwrap_or_default().trim_end().to_owned()
}

#[test]
#[ignore = "needs zsh; .ci/run installs it and runs it"]
fn zsh_completes_contexts_only_where_expected_and_keeps_colons() {
    let (env, markers) = with_contexts();
    assert_eq!(zsh(&env, "rocketctl --context chat"), "rocketctl --context chat.example.com:8443");
    assert_eq!(zsh(&env, "rocketctl context use pr"), "rocketctl context use prod");
    assert_eq!(
        zsh(&env, "rocketctl context remove chat"),
        "rocketctl context remove chat.example.com:8443"
    );
    assert_eq!(
        zsh(&env, "rocketctl profile update --name pr"),
        "rocketctl profile update --name pr"
    );
    assert_eq!(
        zsh(&env, "rocketctl --context ev"),
        "rocketctl --context evil$(touch$IFS".to_owned() + &markers[0].display().to_string() + ")"
    );
    assert_eq!(zsh(&env, "rocketctl gen"), "rocketctl gen");
    for marker in &markers {
        assert!(!marker.exists(), "completion ran code from a context name");
    }
}

fn fish(env: &TestEnv, line: &str) -> Vec<String> {
    let program = format!("source {}; complete -C '{line}'", script("rocketctl.fish").display());
    let output = shell(env, "fish").args(["--no-config", "-c", &program]).output().unwrap();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.split('\t').next().unwrap().to_owned())
        .collect()
}

#[test]
#[ignore = "needs fish; .ci/run installs it and runs it"]
fn fish_completes_contexts_only_where_expected() {
    let (env, markers) = with_contexts();
    assert_eq!(fish(&env, "rocketctl --context chat"), ["chat.example.com:8443"]);
    assert_eq!(fish(&env, "rocketctl context use pr"), ["prod"]);
    assert!(!fish(&env, "rocketctl profile update --name pr").contains(&"prod".to_owned()));
    assert_eq!(fish(&env, "rocketctl --context ").len(), 4);
    let top = fish(&env, "rocketctl ");
    assert!(top.contains(&"profile".to_owned()), "{top:?}");
    assert!(!top.iter().any(|w| w == "generate" || w == "__complete-contexts"), "{top:?}");
    for marker in &markers {
        assert!(!marker.exists(), "completion ran code from a context name");
    }
}

#[test]
fn api_endpoint_names_are_offered() {
    let (env, _) = with_contexts();
    assert_eq!(bash(&env, "rocketctl api users.updateOw"), ["users.updateOwnBasicInfo"]);
    let channels = bash(&env, "rocketctl api channels.li");
    assert_eq!(channels, ["channels.list", "channels.list.joined"]);
}

#[test]
#[ignore = "needs fish; .ci/run installs it and runs it"]
fn fish_offers_api_endpoint_names() {
    let (env, _) = with_contexts();
    assert_eq!(fish(&env, "rocketctl api users.updateOw"), ["users.updateOwnBasicInfo"]);
}

#[test]
fn role_permission_and_setting_names_are_offered() {
    let (env, _) = with_contexts();
    assert_eq!(bash(&env, "rocketctl admin role add bo"), ["bot"]);
    assert_eq!(bash(&env, "rocketctl admin user create --role livechat-m"), ["livechat-manager"]);
    let permission = bash(&env, "rocketctl admin permission grant create-personal-access-t");
    assert_eq!(permission, ["create-personal-access-tokens"]);
    assert_eq!(bash(&env, "rocketctl admin setting set SMTP_Pa"), ["SMTP_Password"]);
}

#[test]
#[ignore = "needs fish; .ci/run installs it and runs it"]
fn fish_offers_role_permission_and_setting_names_by_position() {
    let (env, _) = with_contexts();
    assert_eq!(fish(&env, "rocketctl admin role members bo"), ["bot"]);
    let first = fish(&env, "rocketctl admin permission grant create-personal-access-t");
    assert_eq!(first, ["create-personal-access-tokens"]);
    let roles = fish(&env, "rocketctl admin permission grant create-personal-access-tokens bo");
    assert_eq!(roles, ["bot"]);
    let setting = fish(&env, "rocketctl admin setting show Site_Na");
    assert_eq!(setting, ["Site_Name"]);
    assert!(fish(&env, "rocketctl admin setting set Site_Name Site_Na").is_empty());
}
