//! The text fields of an account in request bodies, keyed by their wire names (`statusText`):
//! each body takes the fields its route carries (`src/fields.rs`), and only those that are set.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::fields::{Route, TextField, Texts};

/// The fields of the account's profile request (`users.updateOwnBasicInfo`'s or
/// `users.update`'s `data`).
#[derive(Debug, Clone, Copy)]
pub struct ProfileTexts<'a>(pub &'a Texts<Option<String>>);

/// The fields `users.create` takes.
#[derive(Debug, Clone, Copy)]
pub struct CreateTexts<'a>(pub &'a Texts<Option<String>>);

pub(super) fn serialize_where<S: Serializer>(
    texts: &Texts<Option<String>>,
    carried: impl Fn(TextField) -> bool,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    for (field, value) in texts.given().filter(|(field, _)| carried(*field)) {
        map.serialize_entry(field.wire(), value)?;
    }
    map.end()
}

impl Serialize for ProfileTexts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_where(self.0, |field| field.route() == Route::Profile, serializer)
    }
}

impl Serialize for CreateTexts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_where(self.0, TextField::in_create, serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_body_takes_the_fields_its_route_carries() {
        let texts = Texts::from_fn(|field| Some(field.key().to_owned()));
        assert_eq!(
            serde_json::to_value(ProfileTexts(&texts)).unwrap(),
            json!({"name": "name", "nickname": "nickname", "bio": "bio", "statusText": "status_text"})
        );
        assert_eq!(
            serde_json::to_value(CreateTexts(&texts)).unwrap(),
            json!({"name": "name", "nickname": "nickname", "bio": "bio"})
        );
    }
}
