//! miscellaneous.ts: `API default › /info`, the `/login` cases and `/me`. (`/directory`,
//! `[/spotlight]`, `[/instances.get]`, `[/shield.svg]`, `/pw.*` and `[/stdout.queue]` are
//! listed as skipped in docs/server.md: rocketctl calls none of them.)

use serde_json::{Value, json};

use crate::MISC;
use crate::harness::{ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_USERNAME, Case, id_of, name_of};

const INFO: &str = "API default › /info";

#[test]
fn info_answers_version_build_commit_and_marketplace_api_version_when_logged_in() {
    let t = Case::new(
        MISC,
        INFO,
        "should return \"version\", \"build\", \"commit\" and \"marketplaceApiVersion\" when the user is logged in",
    );
    t.call("GET", "/api/info")
        .as_(&t.admin)
        .send()
        .expect(200)
        .check("version is a string", |b| b["version"].is_string())
        .check("info.version is a string", |b| b["info"]["version"].is_string())
        .check("info.build is an object", |b| b["info"]["build"].is_object())
        .check("info.commit is an object", |b| b["info"]["commit"].is_object())
        .check("info.marketplaceApiVersion is a string", |b| {
            b["info"]["marketplaceApiVersion"].is_string()
        });
}

#[test]
fn info_answers_only_the_version_without_patch_when_not_logged_in() {
    let t = Case::new(
        MISC,
        INFO,
        "should return only \"version\" and the version should not have patch info when the user is not logged in",
    );
    // The original takes `version` from the previous case's answer.
    let full = t.call("GET", "/api/info").as_(&t.admin).send().body["info"]["version"].clone();
    let full = full.as_str().unwrap_or_default().to_owned();
    let major_minor: String = full.splitn(3, '.').take(2).collect::<Vec<_>>().join(".");
    t.call("GET", "/api/info")
        .send()
        .expect(200)
        .has("version")
        .lacks("info")
        .prop("version", major_minor.as_str());
}

#[test]
fn login() {
    let t = Case::new(MISC, "miscellaneous", "/login");
    assert!(!t.admin.token.is_empty() && !t.admin.user_id.is_empty(), "{}: credentials", t.cite());
}

fn logs_in(title: &str, body: Value) {
    let t = Case::new(MISC, "miscellaneous", title);
    t.post("login")
        .json(body)
        .send()
        .expect(200)
        .prop("status", "success")
        .check("data is an object", |b| b["data"].is_object())
        .has("data.userId")
        .has("data.authToken")
        .has("data.me");
}

#[test]
fn login_wrapper_username() {
    logs_in(
        "/login (wrapper username)",
        json!({"user": {"username": ADMIN_USERNAME}, "password": ADMIN_PASSWORD}),
    );
}

#[test]
fn login_wrapper_email() {
    logs_in(
        "/login (wrapper email)",
        json!({"user": {"email": ADMIN_EMAIL}, "password": ADMIN_PASSWORD}),
    );
}

#[test]
fn login_by_user() {
    logs_in("/login by user", json!({"user": ADMIN_EMAIL, "password": ADMIN_PASSWORD}));
}

#[test]
fn login_by_username() {
    logs_in("/login by username", json!({"username": ADMIN_USERNAME, "password": ADMIN_PASSWORD}));
}

/// The preference keys `/me` answers on a Community server (the original adds
/// `omnichannelTranscriptPDF` on Enterprise ones).
const PREFERENCE_KEYS: &[&str] = &[
    "alsoSendThreadToChannel",
    "newRoomNotification",
    "newMessageNotification",
    "showThreadsInMainChannel",
    "useEmojis",
    "convertAsciiEmoji",
    "saveMobileBandwidth",
    "collapseMediaByDefault",
    "autoImageLoad",
    "emailNotificationMode",
    "unreadAlert",
    "notificationsSoundVolume",
    "omnichannelTranscriptEmail",
    "desktopNotifications",
    "pushNotifications",
    "enableAutoAway",
    "desktopNotificationRequireInteraction",
    "hideUsernames",
    "hideRoles",
    "displayAvatars",
    "hideFlexTab",
    "sendOnEnter",
    "idleTimeLimit",
    "sidebarShowFavorites",
    "sidebarShowUnread",
    "themeAppearence",
    "sidebarSortby",
    "sidebarViewMode",
    "sidebarDisplayAvatar",
    "sidebarGroupByType",
    "sidebarSectionsOrder",
    "muteFocusedConversations",
    "notifyCalendarEvents",
    "enableMobileRinging",
    "featuresPreview",
];

#[test]
fn me() {
    let t = Case::new(MISC, "miscellaneous", "/me");
    let (user, creds) = t.user_with_login(json!({}));
    let address = user["emails"][0]["address"].clone();
    t.get("me")
        .as_(&creds)
        .send()
        .expect(200)
        .prop("success", true)
        .prop("_id", id_of(&user))
        .prop("username", name_of(&user))
        .has("active")
        .has("name")
        .check("roles is an array", |b| b["roles"].is_array())
        .prop("emails[0].address", address)
        .check("settings.preferences has exactly the default keys", |b| {
            let Some(preferences) = b["settings"]["preferences"].as_object() else { return false };
            let mut keys: Vec<&str> = preferences.keys().map(String::as_str).collect();
            let mut wanted = PREFERENCE_KEYS.to_vec();
            keys.sort_unstable();
            wanted.sort_unstable();
            keys == wanted
        })
        .lacks("services.password.bcrypt");
}
