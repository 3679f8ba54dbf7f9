//! Custom fields the server does not store are never reported as changed (docs/cli.md
//! "Output"; docs/security.md F10): undefined keys are refused before sending, the re-read
//! after a change decides, and the README's CI recipe is idempotent against the demo.

use serde_json::json;

use crate::common::{CUSTOM_FIELD_WRITES, json_out, logged_in};
use crate::support::Mode;

/// The README's line, as it is printed there.
const RECIPE: [&str; 7] =
    ["update", "--name", "Release Bot", "--nickname", "relbot", "--field", "team=release"];

/// The stand-in's demo defines `team` (tests/support/main.rs), as the README assumes.
fn demo_fields(env: &crate::common::TestEnv) {
    env.server.state().settings.custom_fields =
        Some(json!({"team": {"type": "text", "required": false, "maxLength": 30}}));
}

#[test]
fn f10_the_readme_ci_recipe_reruns_send_nothing() {
    for write in CUSTOM_FIELD_WRITES {
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        assert!(
            readme.contains(
                "rocketctl profile update --name 'Release Bot' --nickname relbot --field team=release"
            ),
            "README's CI line changed; update this test with it"
        );
        let env = logged_in(Mode::V8);
        env.custom_fields_stored_by(write);
        demo_fields(&env);
        let first = env.profile(&RECIPE);
        assert_eq!(first.code, 0, "{first:?}");
        assert_eq!(env.server.user("jane").custom_fields.unwrap()["team"], "release");
        let mut rerun = RECIPE.to_vec();
        rerun.extend(["-o", "json"]);
        let again = env.profile(&rerun);
        assert_eq!(again.code, 0, "{again:?}");
        assert_eq!(json_out(&again)["changed"], false, "{again:?}");
        assert_eq!(env.updates().len(), 1, "the rerun sent nothing");
    }
}

#[test]
fn f10_an_undefined_key_is_refused_before_anything_is_sent() {
    for write in CUSTOM_FIELD_WRITES {
        let env = logged_in(Mode::V8);
        env.custom_fields_stored_by(write);
        demo_fields(&env);
        let ran = env.profile(&["update", "--nickname", "x", "--field", "floor=2"]);
        assert_eq!(ran.code, 5, "{ran:?}");
        assert!(
            ran.stderr.contains("does not store the custom field `floor`; it defines `team`"),
            "{ran:?}"
        );
        assert!(env.updates().is_empty());
        // With none defined (Rocket.Chat's default), every key is refused.
        env.server.state().settings.custom_fields = None;
        let ran = env.profile(&["update", "--field", "team=core"]);
        assert_eq!(ran.code, 5, "{ran:?}");
        assert!(ran.stderr.contains("it defines none"), "{ran:?}");
        assert!(env.updates().is_empty());
    }
}

#[test]
fn f10_a_field_the_server_answered_for_but_dropped_is_exit_5() {
    for write in CUSTOM_FIELD_WRITES {
        let env = logged_in(Mode::V8);
        env.custom_fields_stored_by(write);
        demo_fields(&env);
        // A success answer while the store kept nothing (a definition changed between the read
        // and the write, or a server that ignores the key): the re-read decides.
        let answer = json!({"success": true, "user": {"_id": "x", "username": "jane"}});
        env.server.inject(
            "users.updateOwnBasicInfo",
            crate::support::Fault::Respond {
                status: 200,
                content_type: "application/json".into(),
                body: answer.to_string(),
                headers: Vec::new(),
            },
            1,
        );
        let ran = env.profile(&["update", "--field", "team=core", "-o", "json"]);
        assert_eq!(ran.code, 5, "{ran:?}");
        assert!(ran.stderr.contains("the server did not store custom field team"), "{ran:?}");
        assert!(!ran.stderr.contains("Changed"), "{ran:?}");
        assert!(!ran.stdout.contains("\"changed\": true"), "{ran:?}");
    }
}
