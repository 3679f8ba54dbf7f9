//! What a changing command asked of an account (`profile update`, `admin user update`), checked
//! locally before anything is sent, and handed to the planning engine as a desired state.

use crate::exit::Failure;
use crate::fields::{TextField, Texts};
use crate::plan::DesiredAccount;
use crate::plan::state::CustomFields;

/// The changes a command asked for.
#[derive(Debug, Default)]
pub struct Requested {
    pub email: Option<String>,
    pub username: Option<String>,
    pub texts: Texts<Option<String>>,
    pub set_fields: Vec<(String, String)>,
    pub unset_fields: Vec<String>,
    pub new_password: bool,
}

impl Requested {
    /// The same request as a desired state for the planning engine: custom fields merged.
    pub fn desired(&self) -> DesiredAccount {
        DesiredAccount {
            email: self.email.clone(),
            username: self.username.clone(),
            texts: self.texts.clone(),
            custom_fields: if self.set_fields.is_empty() && self.unset_fields.is_empty() {
                CustomFields::Keep
            } else {
                CustomFields::Merge {
                    set: self.set_fields.iter().cloned().collect(),
                    unset: self.unset_fields.iter().cloned().collect(),
                }
            },
            new_password: self.new_password,
            ..DesiredAccount::default()
        }
    }

    /// Local checks that need no server: email syntax, field syntax, lengths, name characters.
    pub fn validate(&self) -> Result<(), Failure> {
        if let Some(email) = &self.email
            && !looks_like_email(email)
        {
            return Err(Failure::usage(format!("`{email}` is not an email address")));
        }
        if let Some(name) = self.texts.get(TextField::Name) {
            if name.trim().is_empty() {
                return Err(Failure::usage("the name must not be empty"));
            }
            if name.contains(['<', '>', '\\', '/']) {
                return Err(Failure::usage("the name must not contain <, >, \\ or /"));
            }
        }
        if self.username.as_deref().is_some_and(str::is_empty) {
            return Err(Failure::usage("the username must not be empty"));
        }
        check_lengths(&self.texts)?;
        if let Some((key, _)) =
            self.set_fields.iter().find(|(key, _)| self.unset_fields.contains(key))
        {
            return Err(Failure::usage(format!(
                "custom field `{key}` is both set (--field) and removed (--unset-field)"
            )));
        }
        for key in self.set_fields.iter().map(|(key, _)| key).chain(&self.unset_fields) {
            if key.is_empty() {
                return Err(Failure::usage("a custom field name must not be empty"));
            }
        }
        Ok(())
    }

    /// Email and password changes need the current password or a second factor.
    pub fn needs_verification(&self) -> bool {
        self.email.is_some() || self.new_password
    }
}

/// The server's length limits (`src/fields.rs`), refused here rather than there: counted as the
/// server counts them, in UTF-16 code units of the value as sent (JavaScript's `.length`).
pub fn check_lengths(texts: &Texts<Option<String>>) -> Result<(), Failure> {
    for (field, value) in texts.given() {
        let Some(max) = field.max_units() else { continue };
        if value.encode_utf16().count() > max {
            return Err(Failure::usage(format!(
                "the {} is longer than {max} characters (the server's limit)",
                field.label()
            )));
        }
    }
    Ok(())
}

/// `KEY=VALUE` of `--field`.
pub fn parse_field(text: &str) -> Result<(String, String), Failure> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(Failure::usage(format!("`--field {text}` must look like KEY=VALUE"))),
    }
}

/// The server's own check and no stricter (docs/server.md, "Account rules"): trimmed, one `@`
/// with something on either side (`^[^@]+@[^@]+$`). `bot@localhost` and `odd@host-2`, as bot
/// accounts often have, pass; the server applies its own rules (domain lists) on top.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.trim().split_once('@') else {
        return false;
    };
    !local.is_empty() && !domain.is_empty() && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_syntax() {
        let good = ["a@b.co", "jane.doe+x@example.com", "bot@localhost", "odd@host-2", " j@x "];
        for good in good {
            assert!(looks_like_email(good), "{good}");
        }
        for bad in ["", "jane", "@example.com", "jane@", "jane@@example.com", "a@b@c", " @x"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn fields_parse_as_key_value() {
        assert_eq!(parse_field("team=R&D=1").unwrap(), ("team".into(), "R&D=1".into()));
        assert_eq!(parse_field("empty=").unwrap(), ("empty".into(), String::new()));
        assert!(parse_field("novalue").is_err());
        assert!(parse_field("=x").is_err());
    }

    #[test]
    fn lengths_are_the_servers() {
        let bio = Texts::one(TextField::Bio, "b".repeat(261));
        assert!(check_lengths(&bio).is_err());
        assert!(check_lengths(&Texts::one(TextField::Bio, "b".repeat(260))).is_ok());
        assert!(check_lengths(&Texts::one(TextField::Nickname, "n".repeat(121))).is_err());
        // Counted as the server counts: an emoji is two UTF-16 units.
        assert!(check_lengths(&Texts::one(TextField::Bio, "😀".repeat(130))).is_ok());
        assert!(check_lengths(&Texts::one(TextField::Bio, "😀".repeat(131))).is_err());
    }
}
