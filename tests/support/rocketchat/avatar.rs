//! Avatars (8.7 `users.setAvatar`/`users.resetAvatar`, `server/routes/avatar/user.ts`): a
//! multipart `image` or a JSON `avatarUrl` the server fetches itself (loopback and private
//! hosts fail its SSRF check; what other URLs return is `State::remote_avatars`), the
//! `Accounts_AllowUserAvatarChange` and `FileUpload_MaxFileSize` checks, a new `avatarETag` per
//! upload, and `GET /avatar/<username>` serving the stored bytes (cookie or query auth when
//! `Accounts_AvatarBlockUnauthenticatedAccess` is on, else the initials SVG).

use serde_json::{Value, json};

use super::State;
use super::presence::target_user;
use super::user::Avatar;
use super::util::{
    check_schema, forbidden, hash_token, json_body, meteor_error, plain_failure, random_token,
    success,
};
use crate::support::http::{Request, Response};
use crate::support::multipart;

pub(super) fn set_avatar(state: &mut State, request: &Request, user_id: &str) -> Response {
    let content_type = request.header("content-type").unwrap_or("").to_owned();
    if !state.settings.allow_user_avatar_change
        && !state.has_permission(user_id, "edit-other-user-avatar")
    {
        return meteor_error(
            "error-not-allowed",
            "Change avatar is not allowed",
            Some(json!({"method": "users.setAvatar"})),
        );
    }
    let (fields, upload) = if multipart::boundary(&content_type).is_some() {
        let Some(parts) = multipart::parse(&content_type, &request.body).filter(|p| !p.is_empty())
        else {
            return bracketed("No file or fields were uploaded");
        };
        let mut fields = json!({});
        for part in parts.iter().filter(|p| p.filename.is_none()) {
            fields[&part.name] = json!(String::from_utf8_lossy(&part.bytes));
        }
        let image = parts.into_iter().find(|p| p.name == "image" && p.filename.is_some());
        let Some(image) = image else { return plain_failure("The 'image' param is required") };
        (fields, Some(image))
    } else {
        let mut body = json_body(request);
        if let Err(response) = check_schema(state.mode, "users.setAvatar", &mut body) {
            return response;
        }
        (body, None)
    };
    let target = match target_user(state, &fields, user_id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    if target != user_id && !state.has_permission(user_id, "edit-other-user-avatar") {
        // A user named in the form data is refused by the upload path, one in a JSON body by
        // the route (8.7 `users.setAvatar`).
        return if upload.is_some() {
            meteor_error("error-not-allowed", "Not allowed", None)
        } else {
            forbidden()
        };
    }
    let stored = match upload {
        Some(image) => {
            let kind = image.content_type.unwrap_or_default();
            check_upload(state, &kind, image.bytes.len()).map(|()| (kind, image.bytes, "upload"))
        }
        None => match fields.get("avatarUrl").and_then(Value::as_str) {
            Some(url) => fetch(state, url, &target),
            None => return plain_failure("The 'image' param is required"),
        },
    };
    match stored {
        Ok((content_type, bytes, origin)) => {
            let etag = random_token(&format!("etag{}", state.next_id))[..17].to_owned();
            state.next_id += 1;
            let avatar = Avatar { content_type, bytes, etag, origin: origin.to_owned() };
            state.user_mut(&target).avatar = Some(avatar);
            success(json!({}))
        }
        Err(response) => response,
    }
}

/// `validateAvatarUpload`: an image type within `FileUpload_MaxFileSize` (-1: no limit).
fn check_upload(state: &State, content_type: &str, size: usize) -> Result<(), Response> {
    let max = state.settings.max_file_size;
    if max >= 0 && size as i64 > max {
        return Err(bracketed("error-file-too-large"));
    }
    if !content_type.starts_with("image/") {
        return Err(meteor_error("error-invalid-file-type", "File type is not accepted", None));
    }
    Ok(())
}

/// `setUserAvatar(..., 'url')`: the server fetches the URL and wants 200 and `image/*`.
fn fetch(
    state: &State,
    url: &str,
    target: &str,
) -> Result<(String, Vec<u8>, &'static str), Response> {
    let username = state.users.iter().find(|u| u.id == target).map_or("", |u| u.username.as_str());
    let handling = || {
        meteor_error(
            "error-avatar-url-handling",
            &format!("Error while handling avatar setting from a URL ({url}) for {username}"),
            Some(json!({"function": "RocketChat.setUserAvatar", "url": url, "username": username})),
        )
    };
    let host = url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_owned));
    let Some(host) = host.filter(|h| !private_host(h)) else { return Err(handling()) };
    let _ = host;
    let Some((status, kind, bytes)) = state.remote_avatars.get(url).cloned() else {
        return Err(handling());
    };
    if status != 200 || !kind.starts_with("image/") {
        return Err(meteor_error(
            "error-avatar-invalid-url",
            &format!("Invalid avatar URL: {url}"),
            Some(json!({"function": "setUserAvatar", "url": url})),
        ));
    }
    check_upload(state, &kind, bytes.len())?;
    Ok((kind, bytes, "url"))
}

fn private_host(host: &str) -> bool {
    let host = host.trim_matches(['[', ']']);
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => {
            ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified()
        }
        Ok(std::net::IpAddr::V6(ip)) => ip.is_loopback() || ip.is_unspecified(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// A Meteor.Error with only a code: the message is `[code]`.
fn bracketed(code: &str) -> Response {
    Response::json(400, &json!({"success": false, "error": format!("[{code}]"), "errorType": code}))
}

pub(super) fn reset_avatar(state: &mut State, request: &Request, user_id: &str) -> Response {
    let mut body = json_body(request);
    if let Err(response) = check_schema(state.mode, "users.resetAvatar", &mut body) {
        return response;
    }
    let named = ["userId", "username", "user"].iter().any(|k| body.get(*k).is_some());
    if !named {
        return meteor_error(
            "error-user-param-not-provided",
            "The required \"userId\" or \"username\" param was not provided",
            None,
        );
    }
    let target = match target_user(state, &body, user_id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let own = target == user_id && state.settings.allow_user_avatar_change;
    let other = state.has_permission(user_id, "edit-other-user-avatar")
        || state.has_permission(user_id, "manage-moderation-actions");
    if !own && !other {
        return meteor_error(
            "error-not-allowed",
            "Reset avatar is not allowed",
            Some(json!({"method": "users.resetAvatar"})),
        );
    }
    state.user_mut(&target).avatar = None;
    success(json!({}))
}

/// `GET /avatar/<username>`: the stored upload, else an SVG of the initials.
pub(super) fn serve(state: &State, request: &Request, name: &str) -> Response {
    let name = url::form_urlencoded::parse(format!("n={name}").as_bytes())
        .next()
        .map_or_else(String::new, |(_, v)| v.into_owned());
    let allowed = !state.settings.avatar_block_unauthenticated || cookie_auth(state, request);
    let user = state.find_by_username(&name).filter(|_| allowed && !name.starts_with('@'));
    match user.and_then(|u| u.avatar.as_ref()) {
        Some(avatar) => Response {
            status: 200,
            headers: vec![
                ("Content-Type".into(), avatar.content_type.clone()),
                ("ETag".into(), format!("\"{}\"", avatar.etag)),
                ("Cache-Control".into(), "public, max-age=0".into()),
            ],
            body: avatar.bytes.clone(),
        },
        None => {
            let initial = name.trim_start_matches('@').chars().next().unwrap_or('?').to_uppercase();
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><rect width=\"100%\" height=\"100%\" fill=\"#1d74f5\"/><text x=\"50%\" y=\"50%\" dy=\"0.36em\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"128\">{initial}</text></svg>"
            );
            Response::text(200, "image/svg+xml", &svg)
        }
    }
}

/// `rc_uid` and `rc_token` from the cookies or the query string.
fn cookie_auth(state: &State, request: &Request) -> bool {
    let mut pairs: Vec<(String, String)> = request
        .header("cookie")
        .unwrap_or("")
        .split(';')
        .filter_map(|c| c.trim().split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect();
    let query = request.query.as_deref().unwrap_or("");
    pairs.extend(
        url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned())),
    );
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let (Some(uid), Some(token)) = (get("rc_uid"), get("rc_token")) else { return false };
    state.users.iter().any(|u| u.id == uid && u.tokens.contains(&hash_token(&token)))
}
