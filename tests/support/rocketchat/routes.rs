//! The route table: which endpoints exist, whether they need auth, and their rate limits.
//! Order on an authenticated route (7.x/8.x ApiClass): auth → rate limit → the handler, which
//! validates the body, then checks permissions, then two-factor.

use serde_json::json;

use super::auth::{authenticate, login, logout, users_logout};
use super::docs::me;
use super::limits::limited;
use super::profile::update_own_basic_info;
use super::two_factor::send_email_code;
use super::{
    State, admin, admin_writes, avatar, email_two_factor, method_call, permission_routes,
    preferences, presence, roles, settings, settings_admin, tokens, totp_routes, user_update,
};
use crate::support::http::{Request, Response};

type Handler = fn(&mut State, &Request, &str) -> Response;

/// Which route limit applies beside the default one.
#[derive(Clone, Copy)]
enum Limit {
    Default,
    Profile,
    Status,
}

const AUTHENTICATED: &[(&str, &str, Limit, Handler)] = &[
    ("GET", "me", Limit::Default, |s, _, id| me(s, id)),
    ("POST", "logout", Limit::Default, logout),
    ("GET", "logout", Limit::Default, logout),
    ("POST", "users.updateOwnBasicInfo", Limit::Profile, update_own_basic_info),
    ("GET", "users.getPersonalAccessTokens", Limit::Default, tokens::list),
    ("POST", "users.generatePersonalAccessToken", Limit::Default, tokens::generate),
    ("POST", "users.regeneratePersonalAccessToken", Limit::Default, tokens::regenerate),
    ("POST", "users.removePersonalAccessToken", Limit::Default, tokens::remove),
    ("POST", "users.setAvatar", Limit::Default, avatar::set_avatar),
    ("POST", "users.resetAvatar", Limit::Default, avatar::reset_avatar),
    ("POST", "users.setStatus", Limit::Status, presence::set_status),
    ("GET", "users.getStatus", Limit::Default, presence::get_status),
    ("POST", "users.setPreferences", Limit::Default, preferences::set_preferences),
    ("GET", "users.info", Limit::Default, admin::info),
    ("GET", "users.list", Limit::Default, admin::list),
    ("POST", "users.create", Limit::Default, admin_writes::create),
    ("POST", "users.update", Limit::Default, user_update::update),
    ("POST", "users.setActiveStatus", Limit::Default, admin_writes::set_active_status),
    ("POST", "users.delete", Limit::Default, admin_writes::delete),
    ("POST", "users.logout", Limit::Default, users_logout),
    ("GET", "settings", Limit::Default, settings_admin::list),
    ("GET", "permissions.listAll", Limit::Default, permission_routes::list_all),
    ("POST", "permissions.update", Limit::Default, permission_routes::update),
    ("GET", "roles.list", Limit::Default, roles::list),
    ("GET", "roles.getUsersInRole", Limit::Default, roles::get_users_in_role),
    ("POST", "roles.addUserToRole", Limit::Default, roles::add_user_to_role),
    ("POST", "roles.removeUserFromRole", Limit::Default, roles::remove_user_from_role),
    ("POST", "roles.update", Limit::Default, roles::update),
    ("POST", "users.2fa.enableEmail", Limit::Default, email_two_factor::enable_email),
    ("POST", "users.2fa.disableEmail", Limit::Default, email_two_factor::disable_email),
    ("POST", "users.enableTotp", Limit::Default, totp_routes::enable_totp),
    ("POST", "users.validateTotp", Limit::Default, totp_routes::validate_totp),
    ("POST", "users.disableTotp", Limit::Default, totp_routes::disable_totp),
    ("POST", "users.regenerateTotpCodes", Limit::Default, totp_routes::regenerate_totp_codes),
    ("GET", "users.totpCodesRemaining", Limit::Default, totp_routes::totp_codes_remaining),
];

pub(super) fn route(state: &mut State, request: &Request) -> Response {
    // Meteor's webapp strips ROOT_URL's path prefix; anything outside it is unknown.
    let Some(path) = request.path.strip_prefix(&state.prefix).filter(|p| p.starts_with('/')) else {
        return Response::text(404, "text/plain", "Unknown path");
    };
    let path = path.to_owned();
    match (request.method.as_str(), path.as_str()) {
        ("GET", "/api/info") => info(state, request),
        ("POST", "/api/v1/login") => {
            limited(state, request, &path, None, |state| login(state, request))
        }
        ("POST", "/api/v1/users.2fa.sendEmailCode") => send_email_code(state, request),
        ("GET", "/api/v1/settings.public") => {
            limited(state, request, &path, None, |state| settings::public(state, request))
        }
        ("GET", avatar) if avatar.starts_with("/avatar/") => {
            avatar::serve(state, request, &avatar["/avatar/".len()..])
        }
        (_, endpoint) if endpoint.starts_with("/api/v1/") => {
            authenticated(state, request, endpoint)
        }
        _ => Response::text(404, "text/plain", "Unknown path"),
    }
}

fn authenticated(state: &mut State, request: &Request, endpoint: &str) -> Response {
    let Some(user_id) = authenticate(state, request) else {
        let message = "You must be logged in to do this.";
        let body = if state.mode.has_success_on_401() {
            json!({"success": false, "error": message, "status": "error", "message": message})
        } else {
            json!({"status": "error", "message": message})
        };
        return Response::json(401, &body);
    };
    let name = &endpoint["/api/v1/".len()..];
    if let Some(id) = name.strip_prefix("settings/") {
        let id = id.to_owned();
        return match request.method.as_str() {
            "GET" => limited(state, request, endpoint, None, |state| {
                settings_admin::get_one(state, request, &user_id, &id)
            }),
            "POST" => limited(state, request, endpoint, None, |state| {
                settings_admin::set_one(state, request, &user_id, &id)
            }),
            _ => Response::json(404, &json!({"success": false, "error": "Resource not found"})),
        };
    }
    // `rateLimiterOptions: false`: no route limit (methods have limits of their own).
    if name.starts_with("method.call/") && request.method == "POST" {
        return method_call::method_call(state, request, &user_id);
    }
    let Some((_, _, limit, handler)) = AUTHENTICATED
        .iter()
        .find(|(method, route, ..)| *method == request.method && *route == name)
    else {
        return Response::json(404, &json!({"success": false, "error": "Resource not found"}));
    };
    let specific = match limit {
        Limit::Default => None,
        Limit::Profile => state.settings.profile_rate_limit,
        Limit::Status => state.settings.status_rate_limit,
    };
    limited(state, request, endpoint, specific, |state| handler(state, request, &user_id))
}

/// `GET /api/info`: major and minor version for anyone; a caller with `view-statistics` also
/// gets the full version and build information (`getServerInfo`).
fn info(state: &State, request: &Request) -> Response {
    let mut body = json!({"version": state.version(), "success": true});
    if let Some(user_id) = authenticate(state, request)
        && state.has_permission(&user_id, "view-statistics")
    {
        let version = format!("{}.0", state.version());
        body["info"] = json!({
            "version": version,
            "build": {"date": "2026-01-01T00:00:00.000Z", "nodeVersion": "v22.16.0", "arch": "x64", "platform": "linux", "osRelease": "6.1.0", "totalMemory": 0, "freeMemory": 0, "cpus": 2},
            "commit": {"hash": "0000000", "date": "2026-01-01", "author": "stand-in", "subject": "stand-in", "tag": version, "branch": "HEAD"},
            "marketplaceApiVersion": "1.61.0",
        });
    }
    Response::json(200, &body)
}
