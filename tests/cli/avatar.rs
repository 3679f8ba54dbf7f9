//! `profile avatar set | reset` against the stand-in, on 8.x and 7.x servers answering raw
//! user documents, with avatars readable only with the session cookies.

use crate::common::{Ran, TestEnv, json_out, run};
use crate::support::Mode;

const SET_AVATAR: &str = "users.setAvatar";
const MODES: [Mode; 2] = [Mode::V8, Mode::V7];
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-not-a-real-image-but-png-magic";

fn env_for(mode: Mode) -> TestEnv {
    let env = TestEnv::new(mode);
    env.login();
    env.server.raw_documents();
    env.server.state().settings.avatar_block_unauthenticated = true;
    env
}

fn avatar(env: &TestEnv, args: &[&str]) -> Ran {
    let ran = run(env.cmd().args(["profile", "avatar"]).args(args));
    assert!(!ran.stdout.contains("services") && !ran.stderr.contains("services"), "{ran:?}");
    ran
}

#[test]
fn a_png_is_uploaded_once_and_the_same_file_again_sends_nothing() {
    for mode in MODES {
        let env = env_for(mode);
        let path = env.home.path().join("bot.png");
        std::fs::write(&path, PNG).unwrap();
        let ran = avatar(&env, &["set", path.to_str().unwrap(), "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(json_out(&ran), serde_json::json!({"changed": true}));
        let sent = env.server.requests_to(SET_AVATAR);
        assert_eq!(sent.len(), 1);
        let image = sent[0].part("image").expect("a multipart image part");
        assert_eq!(
            (image.content_type.as_deref(), image.bytes.as_slice()),
            (Some("image/png"), PNG)
        );
        assert_eq!(env.server.user("jane").avatar.unwrap().bytes, PNG);

        let ran = avatar(&env, &["set", path.to_str().unwrap(), "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(json_out(&ran), serde_json::json!({"changed": false}));
        assert_eq!(env.server.requests_to(SET_AVATAR).len(), 1, "nothing sent");
        // The avatar was read with cookies, never with the token in the URL.
        let reads: Vec<_> =
            env.server.requests().into_iter().filter(|r| r.path.starts_with("/avatar/")).collect();
        assert!(!reads.is_empty());
        for read in reads {
            assert!(read.query.is_empty(), "{read:?}");
            assert!(read.header("cookie").is_some_and(|c| c.contains("rc_token=")), "{read:?}");
        }
    }
}

#[test]
fn a_text_file_is_refused_before_anything_is_sent() {
    for mode in MODES {
        let env = env_for(mode);
        let path = env.home.path().join("notes.txt");
        std::fs::write(&path, "hello, not an image").unwrap();
        let ran = avatar(&env, &["set", path.to_str().unwrap()]);
        assert_eq!(ran.code, 2, "{ran:?}");
        assert!(ran.stderr.contains("not a PNG"), "{ran:?}");
        assert!(env.server.requests().iter().all(|r| !r.path.ends_with(SET_AVATAR)));
    }
}

#[test]
fn a_url_is_sent_for_the_server_to_fetch_and_reset_goes_back() {
    for mode in MODES {
        let env = env_for(mode);
        let url = "https://images.example.com/bot.png";
        env.server.serve_remote_avatar(url, 200, "image/png", PNG);
        let ran = avatar(&env, &["set", "--url", url, "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(json_out(&ran)["changed"], true);
        let sent = env.server.requests_to(SET_AVATAR);
        assert_eq!(sent[0].json(), serde_json::json!({"avatarUrl": url}));
        assert_eq!(env.server.user("jane").avatar.unwrap().origin, "url");

        let ran = avatar(&env, &["reset", "-o", "json"]);
        assert_eq!(ran.code, 0, "{ran:?}");
        assert_eq!(json_out(&ran)["changed"], true);
        assert!(env.server.user("jane").avatar.is_none());
    }
}

#[test]
fn the_setting_off_is_exit_5_naming_it() {
    for mode in MODES {
        let env = env_for(mode);
        env.server.state().settings.allow_user_avatar_change = false;
        let path = env.home.path().join("bot.png");
        std::fs::write(&path, PNG).unwrap();
        let ran = avatar(&env, &["set", path.to_str().unwrap()]);
        assert_eq!(ran.code, 5, "{ran:?}");
        assert!(ran.stderr.contains("Accounts_AllowUserAvatarChange"), "{ran:?}");
        assert!(env.server.user("jane").avatar.is_none());
    }
}

#[test]
fn dry_run_sends_nothing() {
    let env = env_for(Mode::V8);
    let path = env.home.path().join("bot.png");
    std::fs::write(&path, PNG).unwrap();
    let ran = avatar(&env, &["set", path.to_str().unwrap(), "--dry-run"]);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(ran.stdout.contains("users.setAvatar") && ran.stdout.contains("image/png"), "{ran:?}");
    assert!(env.server.requests_to(SET_AVATAR).is_empty());
}
