//! The route table: which endpoints exist, whether they need auth, and their rate limits.
//! Order on an authenticated route (7.x/8.x ApiClass): auth → rate limit → the handler, which
//! validates the body, then checks permissions, then two-factor.

use serde_json::json;

use super::auth::{authenticate, login, logout};
use super::docs::me;
use super::limits::limited;
use super::profile::update_own_basic_info;
use super::two_factor::send_email_code;
use super::{State, admin, admin_writes, avatar, preferences, presence, settings, tokens};
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
    ("POST", "users.update", Limit::Default, admin_writes::update),
    ("POST", "users.setActiveStatus", Limit::Default, admin_writes::set_active_status),
    ("POST", "users.delete", Limit::Default, admin_writes::delete),
];

pub(super) fn route(state: &mut State, request: &Request) -> Response {
    // Meteor's webapp strips ROOT_URL's path prefix; anything outside it is unknown.
    let Some(path) = request.path.strip_prefix(&state.prefix).filter(|p| p.starts_with('/')) else {
        return Response::text(404, "text/plain", "Unknown path");
    };
    let path = path.to_owned();
    match (request.method.as_str(), path.as_str()) {
        ("GET", "/api/info") => {
            Response::json(200, &json!({"version": state.mode.version(), "success": true}))
        }
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
