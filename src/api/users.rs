//! `me`, `users.updateOwnBasicInfo` and `users.setPreferences`: the own record and the calls that
//! change it.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{ApiError, Client, ProfileTexts, Request, TwoFactor, User, decode, expose_some};
use crate::fields::{Route, Texts};
use crate::secret::Secret;

const ME: &str = "api/v1/me";
const UPDATE_OWN_BASIC_INFO: &str = "api/v1/users.updateOwnBasicInfo";
const SET_PREFERENCES: &str = "api/v1/users.setPreferences";
const SEND_EMAIL_CODE: &str = "api/v1/users.2fa.sendEmailCode";

/// The record of the user logged in.
pub fn me(client: &Client) -> Result<User, ApiError> {
    client.send(&Request::get(ME)).map(User::from_value)
}

/// The body of `users.updateOwnBasicInfo`: `customFields` beside `data`, never inside.
#[derive(Debug, Serialize)]
pub struct UpdateOwnBasicInfo<'a> {
    pub data: BasicInfo<'a>,
    /// The whole object: older servers replace it with what is sent.
    #[serde(rename = "customFields", skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<&'a Map<String, Value>>,
}

/// `data`: only the fields that change, and the secrets that verify the change.
#[derive(Debug, Serialize)]
pub struct BasicInfo<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<&'a str>,
    #[serde(flatten)]
    pub texts: ProfileTexts<'a>,
    /// The SHA-256 digest of the current password (users without a second factor).
    #[serde(
        rename = "currentPassword",
        skip_serializing_if = "Option::is_none",
        serialize_with = "expose_some"
    )]
    pub current_password: Option<&'a Secret>,
    #[serde(
        rename = "newPassword",
        skip_serializing_if = "Option::is_none",
        serialize_with = "expose_some"
    )]
    pub new_password: Option<&'a Secret>,
}

#[derive(serde::Deserialize)]
struct UpdatedUser {
    user: Value,
}

/// The request that changes the own profile, for sending or for a dry run to describe.
pub fn update_own_basic_info_request<'a>(
    body: &UpdateOwnBasicInfo<'_>,
    two_factor: Option<&'a TwoFactor>,
) -> Result<Request<'a>, ApiError> {
    Ok(Request::post(UPDATE_OWN_BASIC_INFO, body)?.with_two_factor(two_factor))
}

/// Change the own profile; the answer is the updated record.
pub fn update_own_basic_info(
    client: &Client,
    body: &UpdateOwnBasicInfo<'_>,
    two_factor: Option<&TwoFactor>,
) -> Result<User, ApiError> {
    let answer = client.send(&update_own_basic_info_request(body, two_factor)?)?;
    let UpdatedUser { user } = decode(client, answer, "the answer has no user")?;
    Ok(User::from_value(user))
}

/// The body of `users.setPreferences`: the preference fields that change, and the user whose
/// they are when it is not the caller (`edit-other-user-info`).
#[derive(Debug, Serialize)]
struct SetPreferences<'a> {
    #[serde(rename = "userId", skip_serializing_if = "Option::is_none")]
    user_id: Option<&'a str>,
    data: PreferenceTexts<'a>,
}

/// The fields `users.setPreferences` takes (those whose route it is), keyed by wire name.
#[derive(Debug)]
struct PreferenceTexts<'a>(&'a Texts<Option<String>>);

impl Serialize for PreferenceTexts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let carried = |field: crate::fields::TextField| field.route() == Route::Preferences;
        super::texts::serialize_where(self.0, carried, serializer)
    }
}

/// The request that sets the preference fields given in `texts` (`language`), of the caller or
/// of the user `user_id`.
pub fn set_preferences_request<'a>(
    user_id: Option<&str>,
    texts: &Texts<Option<String>>,
) -> Result<Request<'a>, ApiError> {
    Request::post(SET_PREFERENCES, &SetPreferences { user_id, data: PreferenceTexts(texts) })
}

pub fn set_preferences(
    client: &Client,
    user_id: Option<&str>,
    texts: &Texts<Option<String>>,
) -> Result<(), ApiError> {
    client.send(&set_preferences_request(user_id, texts)?).map(drop)
}

#[derive(Serialize)]
struct SendEmailCode<'a> {
    #[serde(rename = "emailOrUsername")]
    email_or_username: &'a str,
}

/// Ask the server to mail a two-factor code, through its own route so the one profile update
/// a minute is not spent on fetching it.
pub fn send_email_code(client: &Client, email_or_username: &str) -> Result<(), ApiError> {
    let request = Request::post(SEND_EMAIL_CODE, &SendEmailCode { email_or_username })?;
    client.send(&request.not_a_change()).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::TextField;
    use serde_json::json;

    #[test]
    fn the_body_leaves_out_what_does_not_change() {
        let texts = Texts::one(TextField::Nickname, "JD");
        let (digest, new) = (Secret::new("digest"), Secret::new("new"));
        let body = UpdateOwnBasicInfo {
            data: BasicInfo {
                email: Some("e@x"),
                username: None,
                texts: ProfileTexts(&texts),
                current_password: Some(&digest),
                new_password: Some(&new),
            },
            custom_fields: None,
        };
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(
            text,
            r#"{"data":{"email":"e@x","nickname":"JD","currentPassword":"digest","newPassword":"new"}}"#
        );
        let fields = Map::from_iter([("team".to_owned(), json!("core"))]);
        let empty = Texts::default();
        let body = UpdateOwnBasicInfo {
            data: BasicInfo {
                email: None,
                username: None,
                texts: ProfileTexts(&empty),
                current_password: None,
                new_password: None,
            },
            custom_fields: Some(&fields),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"data": {}, "customFields": {"team": "core"}})
        );
    }

    #[test]
    fn preferences_carry_only_preference_fields() {
        let mut texts = Texts::one(TextField::Language, "de");
        texts.set(TextField::Name, Some("not a preference".into()));
        let request = set_preferences_request(Some("u1"), &texts).unwrap();
        assert_eq!(request.body, Some(json!({"userId": "u1", "data": {"language": "de"}})));
    }
}
