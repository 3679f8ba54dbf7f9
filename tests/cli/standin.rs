//! The stand-in server's account and admin routes, spoken to directly over HTTP: what the CLI
//! tests built on them may rely on (status codes, error bodies, stored state).

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{Mode, StandIn, User};

const PASSWORD: &str = "Stand-in-pw-1";

/// One logged-in caller.
struct Caller {
    url: String,
    user_id: String,
    token: String,
    http: reqwest::blocking::Client,
}

impl Caller {
    fn new(server: &StandIn, username: &str) -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        Self {
            url: server.url(),
            user_id: server.user(username).id,
            token: server.token_for(username),
            http: reqwest::blocking::Client::new(),
        }
    }

    fn send(&self, request: reqwest::blocking::RequestBuilder) -> (u16, Value) {
        let response = request
            .header("X-User-Id", &self.user_id)
            .header("X-Auth-Token", &self.token)
            .send()
            .expect("the stand-in answers");
        let status = response.status().as_u16();
        (status, response.json().unwrap_or(Value::Null))
    }

    fn get(&self, endpoint: &str) -> (u16, Value) {
        self.send(self.http.get(format!("{}/api/v1/{endpoint}", self.url)))
    }

    fn post(&self, endpoint: &str, body: &Value) -> (u16, Value) {
        self.post_2fa(endpoint, body, None)
    }

    /// POST with `X-2fa-Method: password` and the digest when `password` is given.
    fn post_2fa(&self, endpoint: &str, body: &Value, password: Option<&str>) -> (u16, Value) {
        let mut request = self.http.post(format!("{}/api/v1/{endpoint}", self.url)).json(body);
        if let Some(password) = password {
            request = request
                .header("X-2fa-Method", "password")
                .header("X-2fa-Code", crate::common::sha256(password));
        }
        self.send(request)
    }
}

fn server_with(mode: Mode, users: &[User]) -> StandIn {
    let server = StandIn::start(mode);
    for user in users {
        server.add_user(user.clone());
    }
    server
}

#[test]
fn a_personal_access_token_lives_through_its_whole_cycle() {
    let server = server_with(Mode::V8, &[User::new("jane", PASSWORD)]);
    let jane = Caller::new(&server, "jane");
    let name = json!({"tokenName": "ci"});

    let (status, body) = jane.post("users.generatePersonalAccessToken", &name);
    assert_eq!((status, &body["errorType"]), (400, &json!("totp-required")), "{body}");
    assert_eq!(body["details"]["method"], "password");
    assert_eq!(body["error"], "TOTP Required [totp-required]");

    let (status, body) = jane.post_2fa("users.generatePersonalAccessToken", &name, Some("wrong"));
    assert_eq!((status, &body["errorType"]), (400, &json!("totp-invalid")), "{body}");

    let (status, body) = jane.post_2fa("users.generatePersonalAccessToken", &name, Some(PASSWORD));
    assert_eq!(status, 200, "{body}");
    let pat = body["token"].as_str().unwrap().to_owned();
    let stored = server.personal_tokens("jane");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].last_token_part, pat[pat.len() - 6..]);
    assert!(!server.user("jane").tokens.contains(&pat), "stored hashed");

    let (_, list) = jane.get("users.getPersonalAccessTokens");
    let listed = &list["tokens"][0];
    assert_eq!((&listed["name"], &listed["bypassTwoFactor"]), (&json!("ci"), &json!(false)));
    assert!(listed["createdAt"].as_str().unwrap().ends_with('Z'), "{list}");

    let as_pat = Caller { token: pat.clone(), ..Caller::new(&server, "jane") };
    assert_eq!(as_pat.get("me").0, 200, "a PAT authenticates");

    // Remembered for this user agent and address: no code needed now.
    let (_, body) = jane.post("users.generatePersonalAccessToken", &name);
    assert_eq!(body["error"], "A token with this name already exists [error-token-already-exists]");

    let (status, body) = jane.post("users.regeneratePersonalAccessToken", &name);
    assert_eq!(status, 200, "{body}");
    assert_eq!(as_pat.get("me").0, 401, "the old secret is dead");
    assert_eq!(jane.post("users.removePersonalAccessToken", &name).0, 200);
    assert!(server.personal_tokens("jane").is_empty());
    let (_, body) = jane.post("users.removePersonalAccessToken", &name);
    assert_eq!(body["errorType"], "error-token-does-not-exists", "{body}");
}

#[test]
fn a_bypass_token_and_a_new_account_skip_the_second_factor() {
    let server = server_with(
        Mode::V8,
        &[User::new("jane", PASSWORD), User::new("fresh", PASSWORD).created_now()],
    );
    server.state().settings.two_factor_remember_for = Duration::ZERO;
    let fresh = Caller::new(&server, "fresh");
    // Inside RememberFor after the account was created; RememberFor 0 ends it at once.
    assert_eq!(fresh.post("users.generatePersonalAccessToken", &json!({"tokenName": "a"})).0, 400);
    server.state().settings.two_factor_remember_for = Duration::from_secs(1800);
    assert_eq!(fresh.post("users.generatePersonalAccessToken", &json!({"tokenName": "a"})).0, 200);
    server.state().settings.two_factor_remember_for = Duration::ZERO;

    let jane = Caller::new(&server, "jane");
    let body = json!({"tokenName": "bypass", "bypassTwoFactor": true});
    let (_, made) = jane.post_2fa("users.generatePersonalAccessToken", &body, Some(PASSWORD));
    let bypass = Caller { token: made["token"].as_str().unwrap().into(), ..jane };
    let (status, body) =
        bypass.post("users.generatePersonalAccessToken", &json!({"tokenName": "b"}));
    assert_eq!(status, 200, "{body}");
    let (status, _) = Caller::new(&server, "jane")
        .post("users.generatePersonalAccessToken", &json!({"tokenName": "c"}));
    assert_eq!(status, 400, "a session token is still challenged");

    // A password change ends the other sessions but not the personal access tokens.
    let other_session = Caller::new(&server, "jane");
    let digest = crate::common::sha256(PASSWORD);
    let change = json!({"data": {"currentPassword": digest, "newPassword": "Another-pw-2"}});
    assert_eq!(Caller::new(&server, "jane").post("users.updateOwnBasicInfo", &change).0, 200);
    assert_eq!((other_session.get("me").0, bypass.get("me").0), (401, 200));
}

#[test]
fn the_bot_role_cannot_make_tokens_until_granted() {
    let server = server_with(Mode::V8, &[User::new("bot", PASSWORD).with_roles(&["bot"])]);
    let bot = Caller::new(&server, "bot");
    let body = json!({"tokenName": "ci"});
    let (status, answer) = bot.post_2fa("users.generatePersonalAccessToken", &body, Some(PASSWORD));
    assert_eq!(status, 400);
    assert_eq!(answer["error"], "Not Authorized [not-authorized]");
    assert_eq!(answer["details"]["method"], "personalAccessTokens:generateToken");
    assert_eq!(bot.get("users.getPersonalAccessTokens").0, 403);

    server.grant("create-personal-access-tokens", "bot");
    assert_eq!(bot.post_2fa("users.generatePersonalAccessToken", &body, Some(PASSWORD)).0, 200);
}

#[test]
fn token_bodies_are_checked_as_each_version_does() {
    let v7 = server_with(Mode::V7, &[User::new("jane", PASSWORD)]);
    let (_, body) = Caller::new(&v7, "jane").post("users.generatePersonalAccessToken", &json!({}));
    assert_eq!(body, json!({"success": false, "error": "The 'tokenName' param is required"}));
    let v8 = server_with(Mode::V8, &[User::new("jane", PASSWORD)]);
    let extra = json!({"tokenName": "x", "userId": "other"});
    let (_, body) = Caller::new(&v8, "jane").post("users.generatePersonalAccessToken", &extra);
    assert_eq!(body["error"], "must NOT have additional properties");
    assert_eq!(body["errorType"], "invalid-params");
}

#[test]
fn set_status_cuts_the_message_and_has_its_own_limit() {
    let server = server_with(Mode::V8, &[User::new("jane", PASSWORD)]);
    server.state().settings.status_rate_limit = Some((5, Duration::from_secs(60)));
    let jane = Caller::new(&server, "jane");
    let long = format!("  {}  ", "x".repeat(130));
    assert_eq!(jane.post("users.setStatus", &json!({"message": long, "status": "busy"})).0, 200);
    let stored = server.user("jane");
    assert_eq!((stored.status_text.unwrap().len(), stored.status.as_str()), (120, "busy"));

    // 61 emoji are 122 UTF-16 units: 60 are kept.
    assert_eq!(jane.post("users.setStatus", &json!({"message": "😀".repeat(61)})).0, 200);
    assert_eq!(server.user("jane").status_text.unwrap().chars().count(), 60);

    server.state().settings.allow_invisible_status = false;
    let (_, body) = jane.post("users.setStatus", &json!({"status": "offline", "message": "away"}));
    assert_eq!(body["error"], "Invisible status is disabled [error-status-not-allowed]");
    assert_eq!(server.user("jane").status_text.as_deref(), Some("away"), "written first");

    let (_, status) = jane.get("users.getStatus");
    assert_eq!(
        (&status["status"], &status["connectionStatus"]),
        (&json!("busy"), &json!("online"))
    );
    assert_eq!(jane.post("users.setStatus", &json!({"status": "away"})).0, 200);
    assert_eq!(jane.post("users.setStatus", &json!({"status": "busy"})).0, 200, "the fifth");
    let response = jane
        .http
        .post(format!("{}/api/v1/users.setStatus", jane.url))
        .header("X-User-Id", &jane.user_id)
        .header("X-Auth-Token", &jane.token)
        .json(&json!({"status": "online"}))
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert_eq!(response.headers()["x-ratelimit-limit"], "5");
    assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
    let body: Value = response.json().unwrap();
    assert!(body["error"].as_str().unwrap().starts_with("Error, too many requests."), "{body}");
}

#[test]
fn users_list_pages_like_the_server() {
    let admin = User::new("root", PASSWORD).with_roles(&["admin"]);
    let server = server_with(Mode::V8, &[admin]);
    for n in 0..250 {
        server.add_user(User::new(&format!("bot{n:03}"), "x"));
    }
    let root = Caller::new(&server, "root");
    let (_, page) = root.get("users.list");
    assert_eq!((page["count"].as_u64(), page["total"].as_u64()), (Some(50), Some(251)));
    assert_eq!(page["users"][0]["username"], "bot000", "sorted by username");
    let (_, page) = root.get("users.list?count=500&offset=200");
    let asked = server.requests_to("users.list").pop().unwrap();
    assert_eq!(
        (asked.param("offset"), asked.param("count")),
        (Some("200".into()), Some("500".into()))
    );
    assert_eq!((page["count"].as_u64(), page["offset"].as_u64()), (Some(51), Some(200)));
    let (_, page) = root.get("users.list?count=100&sort=%7B%22username%22%3A-1%7D");
    assert_eq!(
        (page["count"].as_u64(), &page["users"][0]["username"]),
        (Some(100), &json!("root"))
    );
    assert!(page["users"].as_array().unwrap().iter().all(|u| u.get("services").is_none()));
}

#[test]
fn users_create_keeps_the_defaults_that_trap_bots() {
    let server = server_with(
        Mode::V8,
        &[User::new("root", PASSWORD).with_roles(&["admin"]), User::new("jane", PASSWORD)],
    );
    let root = Caller::new(&server, "root");
    let new = json!({"username": "ci-bot", "email": "ci@example.com", "name": "CI",
        "password": "bot-pw-1", "roles": ["bot"]});
    let (status, body) = root.post("users.create", &new);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["emails"][0]["verified"], false);
    assert!(body["user"].get("services").is_none());
    let bot = server.user("ci-bot");
    assert_eq!(
        (bot.rooms, bot.email2fa, bot.roles),
        (vec!["GENERAL".into()], true, vec!["bot".into()])
    );

    let (status, body) = root.post("users.create", &new);
    assert_eq!(status, 400);
    assert_eq!(body["error"], "ci-bot is already in use :( [error-field-unavailable]");
    let refused = json!({"username": "x", "email": "x@example.com", "name": "X", "password": "p"});
    let (_, body) = Caller::new(&server, "jane").post("users.create", &refused);
    assert_eq!(body["error"], "Adding user is not allowed [error-action-not-allowed]");
    assert!(server.state().find_by_username("x").is_none());
    let (_, body) = root.post("users.create", &json!({"username": "y"}));
    assert_eq!(body["error"], "must have required property 'email'");

    // A verified address with the e-mail opt-in: every password login needs a mailed code.
    let verified = json!({"username": "v", "email": "v@example.com", "name": "V",
        "password": "v-pw-1", "verified": true, "joinDefaultChannels": false});
    assert_eq!(root.post("users.create", &verified).0, 200);
    assert!(server.user("v").rooms.is_empty());
    let login = root.http.post(format!("{}/api/v1/login", root.url));
    let answer = login.json(&json!({"user": "v", "password": "v-pw-1"})).send().unwrap();
    assert_eq!(answer.status().as_u16(), 401);
    assert_eq!(answer.json::<Value>().unwrap()["details"]["method"], "email");
}

#[test]
fn the_default_limiter_spares_api_bypass_rate_limit() {
    let server = server_with(
        Mode::V8,
        &[User::new("root", PASSWORD).with_roles(&["admin"]), User::new("jane", PASSWORD)],
    );
    server.state().settings.rate_limit = Some((1, Duration::from_secs(60)));
    let (root, jane) = (Caller::new(&server, "root"), Caller::new(&server, "jane"));
    assert_eq!((root.get("me").0, root.get("me").0), (200, 200));
    assert_eq!((jane.get("users.getStatus").0, jane.get("users.getStatus").0), (200, 429));
    server.grant("api-bypass-rate-limit", "user");
    assert_eq!(jane.get("users.getStatus").0, 200);
}

#[test]
fn users_update_is_two_factor_protected_and_drops_a_password_silently() {
    let server = server_with(
        Mode::V8,
        &[User::new("root", PASSWORD).with_roles(&["admin"]), User::new("jane", PASSWORD)],
    );
    server.revoke("edit-other-user-password", "admin");
    let root = Caller::new(&server, "root");
    let jane_id = server.user("jane").id;
    let change = json!({"userId": jane_id, "data": {"nickname": "JD", "password": "new-pw-1"}});
    assert_eq!(root.post("users.update", &change).1["errorType"], "totp-required");
    let (status, body) = root.post_2fa("users.update", &change, Some(PASSWORD));
    assert_eq!(status, 200, "{body}");
    let jane = server.user("jane");
    assert!(jane.password_is(PASSWORD) && jane.nickname.as_deref() == Some("JD"));

    let off = json!({"userId": jane_id, "activeStatus": false});
    assert_eq!(root.post("users.setActiveStatus", &off).1["user"]["active"], false);
    assert!(server.user("jane").tokens.is_empty(), "deactivation revokes every token");
    let (_, body) = root.post("users.delete", &json!({"username": "jane"}));
    assert_eq!(body, json!({"deletedRooms": [], "success": true}));
}

#[test]
fn the_raw_documents_switch_reaches_every_route() {
    let server = server_with(Mode::V8, &[User::new("root", PASSWORD).with_roles(&["admin"])]);
    let root = Caller::new(&server, "root");
    assert!(root.get("users.info?username=root").1["user"]["services"]["password"] == true);
    assert!(root.get("me").1["services"]["password"].get("bcrypt").is_none());
    server.raw_documents();
    assert!(root.get("me").1["services"]["password"]["bcrypt"].is_string());
    assert!(root.get("users.info?username=root").1["user"]["services"]["resume"].is_object());
    assert!(root.get("users.list").1["users"][0]["services"].is_object());
    let new = json!({"username": "b", "email": "b@example.com", "name": "B", "password": "p"});
    assert!(root.post("users.create", &new).1["user"]["services"].is_object());
}

fn multipart(content_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let mut body =
        b"--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a\"\r\n".to_vec();
    body.extend(format!("Content-Type: {content_type}\r\n\r\n").as_bytes());
    body.extend(bytes);
    body.extend(b"\r\n--XyZ--\r\n");
    ("multipart/form-data; boundary=XyZ".into(), body)
}

#[test]
fn an_avatar_is_uploaded_served_and_reset() {
    let server = server_with(Mode::V8, &[User::new("jane", PASSWORD)]);
    let jane = Caller::new(&server, "jane");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-stand-in".to_vec();
    let upload = |kind: &str| {
        let (content_type, body) = multipart(kind, &png);
        let url = format!("{}/api/v1/users.setAvatar", jane.url);
        jane.send(jane.http.post(url).header("Content-Type", content_type).body(body))
    };
    assert_eq!(upload("text/plain").1["errorType"], "error-invalid-file-type");
    assert_eq!(upload("image/png").0, 200);
    let sent = server.requests_to("users.setAvatar").pop().unwrap().part("image").unwrap();
    assert_eq!((sent.content_type.as_deref(), &sent.bytes), (Some("image/png"), &png));
    let served = jane.http.get(format!("{}/avatar/jane", jane.url)).send().unwrap();
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().unwrap().to_vec(), png);
    assert!(jane.get("me").1["avatarETag"].is_string());

    let local = json!({"avatarUrl": "http://127.0.0.1/a.png"});
    assert_eq!(jane.post("users.setAvatar", &local).1["errorType"], "error-avatar-url-handling");
    server.serve_remote_avatar("https://img.example/a.gif", 200, "image/gif", b"GIF89a");
    assert_eq!(
        jane.post("users.setAvatar", &json!({"avatarUrl": "https://img.example/a.gif"})).0,
        200
    );
    assert_eq!(server.user("jane").avatar.unwrap().bytes, b"GIF89a");

    server.state().settings.avatar_block_unauthenticated = true;
    let anonymous = jane.http.get(format!("{}/avatar/jane", jane.url)).send().unwrap();
    assert_eq!(anonymous.headers()["content-type"], "image/svg+xml", "the initials instead");
    let cookies = format!("rc_uid={}; rc_token={}", jane.user_id, jane.token);
    let signed = jane.http.get(format!("{}/avatar/jane", jane.url)).header("Cookie", cookies);
    assert_eq!(signed.send().unwrap().bytes().unwrap().to_vec(), b"GIF89a");

    let (_, body) = jane.post("users.resetAvatar", &json!({}));
    assert_eq!(body["errorType"], "error-user-param-not-provided");
    assert_eq!(jane.post("users.resetAvatar", &json!({"username": "jane"})).0, 200);
    assert!(server.user("jane").avatar.is_none());
    server.state().settings.allow_user_avatar_change = false;
    assert_eq!(upload("image/png").1["error"], "Change avatar is not allowed [error-not-allowed]");
}

#[test]
fn public_settings_are_filtered_by_id_from_7_0() {
    for (mode, filtered) in [(Mode::V8, true), (Mode::V7, true), (Mode::V6_3, false)] {
        let server = StandIn::start(mode);
        server.state().settings.custom_fields = Some(json!({"team": {"type": "text"}}));
        let url = format!(
            "{}/api/v1/settings.public?_id=Accounts_CustomFields,FileUpload_MaxFileSize",
            server.url()
        );
        let _ = rustls::crypto::ring::default_provider().install_default();
        let body: Value = reqwest::blocking::get(url).unwrap().json().unwrap();
        let settings = body["settings"].as_array().unwrap();
        assert_eq!(settings.len() == 2, filtered, "{mode:?}: {body}");
        let custom = settings.iter().find(|s| s["_id"] == "Accounts_CustomFields").unwrap();
        let defined: Value = serde_json::from_str(custom["value"].as_str().unwrap()).unwrap();
        assert_eq!(defined["team"]["type"], "text");
    }
}

#[test]
fn a_hold_makes_concurrent_requests_visible_in_the_log() {
    let server = server_with(Mode::V8, &[User::new("jane", PASSWORD)]);
    server.hold_until_in_flight("me", 3);
    let caller = Caller::new(&server, "jane");
    std::thread::scope(|scope| {
        let calls: Vec<_> = (0..3).map(|_| scope.spawn(|| caller.get("me").0)).collect();
        for call in calls {
            assert_eq!(call.join().unwrap(), 200);
        }
    });
    let seen: Vec<usize> = server.requests_to("me").iter().map(|r| r.in_flight).collect();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen.iter().max(), Some(&3), "the three were held until all were in: {seen:?}");
    assert_eq!(caller.get("users.getStatus").0, 200);
    assert_eq!(server.requests().last().unwrap().in_flight, 1, "one alone is one in flight");
}

#[test]
fn the_hand_run_server_names_its_rate_limits_and_how_to_turn_them_off() {
    let limited = crate::support::demo::banner("http://127.0.0.1:3000", Mode::V8, true);
    for needle in [
        "admin      password admin-password-1",
        "one profile update a minute",
        "five status changes a minute",
        "Start it with --no-rate-limit for a demo without these waits.",
        "--context admin admin user list",
    ] {
        assert!(limited.contains(needle), "{needle}: {limited}");
    }
    let demo = crate::support::demo::banner("http://127.0.0.1:3000", Mode::V8, false);
    assert!(demo.contains("Rate limits: off (--no-rate-limit)."), "{demo}");
    assert!(!demo.contains("one profile update a minute"), "{demo}");
    let older = crate::support::demo::banner("http://127.0.0.1:3000", Mode::V7, true);
    assert!(older.contains("one e-mail change a minute"), "{older}");
}

#[test]
fn users_list_holds_the_lists_fields_only_and_hides_addresses_and_roles_from_a_plain_user() {
    let mut bot = User::new("deploy-bot", PASSWORD).with_roles(&["bot"]);
    bot.nickname = Some("deploy".into());
    bot.bio = Some("ships".into());
    bot.status_text = Some("up".into());
    bot.custom_fields = json!({"team": "infra"}).as_object().cloned();
    bot.require_password_change_stored = true;
    let server = server_with(
        Mode::V8,
        &[User::new("root", PASSWORD).with_roles(&["admin"]), User::new("jane", PASSWORD), bot],
    );
    let listed = |caller: &Caller, query: &str| {
        let (status, body) = caller.get(&format!("users.list?count=100{query}"));
        assert_eq!(status, 200, "{body}");
        let users = body["users"].as_array().unwrap().clone();
        users.into_iter().find(|u| u["username"] == "deploy-bot").unwrap()
    };
    let root = Caller::new(&server, "root");
    let record = listed(&root, "");
    let mut members: Vec<&str> = record.as_object().unwrap().keys().map(String::as_str).collect();
    members.sort_unstable();
    assert_eq!(
        members,
        [
            "_id",
            "active",
            "emails",
            "lastLogin",
            "name",
            "nameInsensitive",
            "roles",
            "status",
            "type",
            "username"
        ]
    );
    assert_eq!(record["emails"][0]["verified"], true);
    // The deprecated `fields` adds what the caller may see.
    let nickname = listed(&root, "&fields=%7B%22nickname%22%3A1%2C%22services%22%3A1%7D");
    assert_eq!((&nickname["nickname"], nickname.get("services")), (&json!("deploy"), None));
    let (_, invalid) = root.get("users.list?fields=nickname");
    assert_eq!(invalid["errorType"], "error-invalid-fields");
    let jane = Caller::new(&server, "jane");
    let plain = listed(&jane, "&fields=%7B%22roles%22%3A1%7D");
    assert!(plain.get("emails").is_none() && plain.get("roles").is_none(), "{plain}");
    assert_eq!(plain["name"], "deploy-bot");
}

#[test]
fn the_limiter_counts_a_fixed_window_and_says_so_on_every_answer_it_counts() {
    let server = server_with(
        Mode::V8,
        &[User::new("root", PASSWORD).with_roles(&["admin"]), User::new("jane", PASSWORD)],
    );
    server.state().settings.rate_limit = Some((3, Duration::from_secs(60)));
    let headers = |caller: &Caller| {
        let answer = caller
            .http
            .get(format!("{}/api/v1/users.getStatus", caller.url))
            .header("X-User-Id", &caller.user_id)
            .header("X-Auth-Token", &caller.token)
            .send()
            .unwrap();
        let header =
            |name: &str| answer.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
        let said = (header("x-ratelimit-limit"), header("x-ratelimit-remaining"));
        (answer.status().as_u16(), said, header("x-ratelimit-reset"))
    };
    let jane = Caller::new(&server, "jane");
    let answers: Vec<_> = (0..5).map(|_| headers(&jane)).collect();
    let counted: Vec<(u16, Option<String>)> =
        answers.iter().map(|(status, (_, left), _)| (*status, left.clone())).collect();
    let left = |n: &str| Some(n.to_owned());
    assert_eq!(
        counted,
        [(200, left("2")), (200, left("1")), (200, left("0")), (429, left("0")), (429, left("0"))]
    );
    assert!(answers.iter().all(|(_, (limit, _), _)| limit.as_deref() == Some("3")));
    let resets: Vec<&Option<String>> = answers.iter().map(|(_, _, reset)| reset).collect();
    assert!(resets.iter().all(|reset| *reset == resets[0] && reset.is_some()), "{resets:?}");
    assert_eq!(server.state().too_many, ["/api/v1/users.getStatus"; 2]);
    // The administrator skips the limiter, and its answers say nothing of it.
    assert_eq!(headers(&Caller::new(&server, "root")), (200, (None, None), None));
}
