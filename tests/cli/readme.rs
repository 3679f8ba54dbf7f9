//! README's CI recipe, run as printed with environment credentials: email and password change
//! together in one request.

use crate::common::{PASSWORD, TestEnv};
use crate::support::Mode;

/// The README line, with the password file and new password of this test.
const RECIPE: &str = "printf '%s' \"$NEW_PASSWORD\" | rocketctl profile update --email bot@example.com --change-password \\\n    --password-file /run/secrets/rc-password --new-password-stdin --no-input";

#[test]
fn readme_ci_recipe_changes_email_and_password_in_one_request() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains(RECIPE), "README's CI recipe changed; update this test with it");
    let env = TestEnv::new(Mode::V8);
    let secrets = env.home.path().join("rc-password");
    std::fs::write(&secrets, PASSWORD).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("rocketctl");
    let script = RECIPE.replace("/run/secrets/rc-password", &secrets.display().to_string());
    let output = std::process::Command::new("bash")
        .args(["--norc", "-c", &script])
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.parent().unwrap().display()))
        .env("HOME", env.home.path())
        .env("XDG_CONFIG_HOME", env.home.path().join(".config"))
        .env("ROCKETCHAT_URL", env.server.url())
        .env("ROCKETCHAT_USER_ID", env.server.user("jane").id)
        .env("ROCKETCHAT_AUTH_TOKEN", env.server.token_for("jane"))
        .env("NEW_PASSWORD", "CANARY-new-pw-2")
        .current_dir(env.home.path())
        .output()
        .unwrap();
    let ran = crate::common::Ran {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.updates().len(), 1, "one request");
    let jane = env.server.user("jane");
    assert_eq!(jane.email(), Some("bot@example.com"));
    assert!(jane.password_is("CANARY-new-pw-2"));
    assert!(!env.home.path().join(".config").exists(), "nothing may be written");
}
