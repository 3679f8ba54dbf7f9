//! User documents as each version answers them (6.3, 7.x, 8.x): raw (services and all), through
//! `getUserInfo` (sanitized `services`), or the admin routes' projections. With
//! `settings.raw_documents` every route answers the raw document instead.

use serde_json::{Value, json};

use super::util::{iso, sha256_hex};
use super::{Mode, State, User};
use crate::support::http::Response;

pub(super) fn me(state: &State, user_id: &str) -> Response {
    let user = state.users.iter().find(|u| u.id == user_id).expect("authenticated");
    let mut body = if state.settings.raw_me || state.settings.raw_documents {
        let mut doc = raw_user(user);
        doc["e2e"] = json!({"private_key": "stand-in-e2e-private-key", "public_key": "stand-in-e2e-public-key"});
        doc
    } else {
        user_info(state, user, true)
    };
    body["success"] = Value::Bool(true);
    Response::json(200, &body)
}

/// The user document as 3.x–7.x store and return it: services with the bcrypt hash and
/// login-token hashes included.
pub(super) fn raw_user(user: &User) -> Value {
    let mut doc = base_fields(user);
    let tokens: Vec<Value> = user
        .tokens
        .iter()
        .map(|hashed| json!({"when": iso(user.updated_at), "hashedToken": hashed}))
        .collect();
    let mut services = json!({"resume": {"loginTokens": tokens}});
    if let Some(digest) = &user.password_digest {
        services["password"] =
            json!({"bcrypt": format!("$2b$10${}", &digest[..53.min(digest.len())])});
    }
    if !user.password_history.is_empty() {
        services["passwordHistory"] = json!(user.password_history);
    }
    if user.totp_secret.is_some() {
        let hashed: Vec<String> = user.backup_codes.iter().map(|code| sha256_hex(code)).collect();
        services["totp"] =
            json!({"enabled": true, "hashedBackup": hashed, "secret": "STANDINSECRET"});
    }
    if user.email2fa {
        services["email2fa"] = json!({"enabled": true, "changedAt": iso(user.updated_at)});
    }
    doc["services"] = services;
    doc["__rooms"] = json!(["GENERAL"]);
    doc
}

pub(super) fn base_fields(user: &User) -> Value {
    let mut doc = json!({
        "_id": user.id,
        "createdAt": iso(user.created_at),
        "username": user.username,
        "emails": user.emails.iter().map(|(a, v)| json!({"address": a, "verified": v})).collect::<Vec<_>>(),
        "type": "user",
        "status": user.status,
        "active": user.active,
        "_updatedAt": iso(user.updated_at),
        "roles": user.roles,
        "name": user.name,
        "lastLogin": iso(user.updated_at),
        "statusConnection": "offline",
        "utcOffset": 0,
    });
    if let Some(nickname) = &user.nickname {
        doc["nickname"] = json!(nickname);
    }
    if let Some(avatar) = &user.avatar {
        doc["avatarETag"] = json!(avatar.etag);
        doc["avatarOrigin"] = json!(avatar.origin);
    }
    if user.status_default != "online" {
        doc["statusDefault"] = json!(user.status_default);
    }
    if let Some(bio) = &user.bio {
        doc["bio"] = json!(bio);
    }
    if let Some(text) = &user.status_text {
        doc["statusText"] = json!(text);
    }
    if let Some(language) = &user.language {
        doc["language"] = json!(language);
    }
    if let Some(fields) = &user.custom_fields {
        doc["customFields"] = Value::Object(fields.clone());
    }
    if user.require_password_change || user.require_password_change_stored {
        doc["requirePasswordChange"] = json!(user.require_password_change);
    }
    if let Some(reason) = &user.require_password_change_reason {
        doc["requirePasswordChangeReason"] = json!(reason);
    }
    doc
}

/// `getUserInfo`: the document with `services` replaced by what a client may know.
pub(super) fn user_info(state: &State, user: &User, preferences: bool) -> Value {
    let mut doc = base_fields(user);
    if state.mode == Mode::V6_3 || state.mode == Mode::V2 {
        return doc;
    }
    let mut services = json!({"password": {"exists": user.password_digest.is_some()}});
    if user.totp_secret.is_some() {
        services["totp"] = json!({"enabled": true});
    }
    if user.email2fa {
        services["email2fa"] = json!({"enabled": true});
    }
    doc["services"] = services;
    if let Some((address, true)) = user.emails.first() {
        doc["email"] = json!(address);
    }
    doc["avatarUrl"] = json!(format!("http://localhost{}/avatar/{}", state.prefix, user.username));
    doc["isOAuthUser"] = json!(false);
    doc["settings"] = if preferences {
        json!({"profile": {}, "preferences": default_preferences()})
    } else {
        json!({"profile": {}, "calendar": {}})
    };
    doc
}

/// What `users.info`, `users.list` and the admin writes answer about `user` to `caller`.
/// Real servers strip `services` there, except `users.info` about yourself (6.x-8.x), which
/// carries `services.password: true` and, before 8.x, the login-token hashes.
pub(super) fn admin_view(state: &State, user: &User, caller: &str, info: bool) -> Value {
    if state.settings.raw_documents {
        return raw_user(user);
    }
    let mut doc = base_fields(user);
    if caller != user.id && !state.has_permission(caller, "view-full-other-user-info") {
        let keep = [
            "_id",
            "type",
            "status",
            "active",
            "name",
            "username",
            "nickname",
            "bio",
            "statusText",
            "roles",
            "utcOffset",
            "avatarETag",
        ];
        if let Some(map) = doc.as_object_mut() {
            map.retain(|k, _| keep.contains(&k.as_str()));
        }
        return doc;
    }
    if info && caller == user.id {
        let mut services = json!({"password": user.password_digest.is_some()});
        if user.email2fa {
            services["email2fa"] = json!({"enabled": true, "changedAt": iso(user.updated_at)});
        }
        if user.totp_secret.is_some() {
            services["totp"] = json!({"enabled": true});
        }
        if state.mode != Mode::V8 {
            services["resume"] = raw_user(user)["services"]["resume"].clone();
        }
        doc["services"] = services;
    }
    doc
}

/// The user document a route answers, raw when `settings.raw_documents` is on.
pub(super) fn answer_doc(state: &State, user: &User, sanitized: Value) -> Value {
    if state.settings.raw_documents { raw_user(user) } else { sanitized }
}

/// `getUserPreference` defaults as `/me` overlays them (the `Accounts_Default_User_Preferences_*`
/// package values; `miscellaneous.ts` lists exactly these keys for a new user).
fn default_preferences() -> Value {
    json!({
        "alsoSendThreadToChannel": "default", "newRoomNotification": "door",
        "newMessageNotification": "chime", "showThreadsInMainChannel": false, "useEmojis": true,
        "convertAsciiEmoji": true, "saveMobileBandwidth": true, "collapseMediaByDefault": false,
        "autoImageLoad": true, "emailNotificationMode": "mentions", "unreadAlert": true,
        "notificationsSoundVolume": 100, "omnichannelTranscriptEmail": false,
        "desktopNotifications": "all", "pushNotifications": "all", "enableAutoAway": true,
        "desktopNotificationRequireInteraction": false, "hideUsernames": false, "hideRoles": false,
        "displayAvatars": true, "hideFlexTab": false, "sendOnEnter": "normal", "idleTimeLimit": 300,
        "sidebarShowFavorites": true, "sidebarShowUnread": false, "themeAppearence": "auto",
        "sidebarSortby": "activity", "sidebarViewMode": "medium", "sidebarDisplayAvatar": true,
        "sidebarGroupByType": true,
        "sidebarSectionsOrder": ["Incoming_Calls", "Incoming_Livechats", "Open_Livechats", "On_Hold_Chats", "Unread", "Drafts", "Favorites", "Teams", "Discussions", "Channels", "Direct_Messages", "Conversations"],
        "muteFocusedConversations": true, "notifyCalendarEvents": true, "enableMobileRinging": true,
        "featuresPreview": [],
    })
}
