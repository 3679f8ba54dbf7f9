//! Between the file and the engine's types: a loaded file becomes a [`Desired`] (relative paths
//! resolved against the file's directory, avatar files read and hashed), and what the server
//! holds becomes a file again for `export`.

use std::path::{Path, PathBuf};

use super::file::{
    AvatarSource, DesiredFile, PasswordSource, ProfileSpec, TokenSpec, UserSpec, VERSION,
};
use super::read::{FileError, Loaded};
use super::state::{
    AccountState, AvatarTarget, CustomFields, Desired, DesiredAccount, DesiredAvatar,
};

impl Loaded {
    /// The engine's view of the file. Reads the avatar files it names.
    pub fn desired(&self) -> Result<Desired, FileError> {
        let profile = self.file.profile.as_ref().map(|spec| self.profile(spec)).transpose()?;
        let users = self
            .file
            .users
            .iter()
            .map(|spec| Ok((spec.username.clone(), self.user(spec)?)))
            .collect::<Result<_, FileError>>()?;
        Ok(Desired { profile, users })
    }

    fn profile(&self, spec: &ProfileSpec) -> Result<DesiredAccount, FileError> {
        Ok(DesiredAccount {
            name: spec.name.clone(),
            username: spec.username.clone(),
            nickname: spec.nickname.clone(),
            bio: spec.bio.clone(),
            status_text: spec.status_text.clone(),
            email: spec.email.clone(),
            custom_fields: exactly(spec.custom_fields.as_ref()),
            presence: spec.presence,
            avatar: spec.avatar.as_ref().map(|avatar| self.avatar(avatar)).transpose()?,
            ..DesiredAccount::default()
        })
    }

    fn user(&self, spec: &UserSpec) -> Result<DesiredAccount, FileError> {
        let password = spec.password.as_ref().map(|password| match password {
            PasswordSource::File(path) => PasswordSource::File(self.resolve(path)),
            other => other.clone(),
        });
        let token = spec
            .token
            .as_ref()
            .map(|token| TokenSpec { file: self.resolve(&token.file), ..token.clone() });
        Ok(DesiredAccount {
            name: spec.name.clone(),
            nickname: spec.nickname.clone(),
            bio: spec.bio.clone(),
            status_text: spec.status_text.clone(),
            email: spec.email.clone(),
            roles: spec.roles.clone(),
            active: spec.active,
            verified: spec.verified,
            require_password_change: spec.require_password_change,
            custom_fields: exactly(spec.custom_fields.as_ref()),
            avatar: spec.avatar.as_ref().map(|avatar| self.avatar(avatar)).transpose()?,
            initial_password: password,
            token,
            ..DesiredAccount::default()
        })
    }

    fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() { path.to_path_buf() } else { self.base.join(path) }
    }

    fn avatar(&self, source: &AvatarSource) -> Result<DesiredAvatar, FileError> {
        Ok(match source {
            AvatarSource::File(path) => {
                let resolved = self.resolve(path);
                let bytes = std::fs::read(&resolved).map_err(|err| FileError {
                    origin: self.origin.clone(),
                    line: None,
                    message: format!("cannot read the avatar `{}`: {err}", resolved.display()),
                })?;
                DesiredAvatar {
                    label: path.display().to_string(),
                    source: AvatarTarget::File(resolved),
                    digest: Some(sha256_hex(&bytes)),
                }
            }
            AvatarSource::Url(url) => DesiredAvatar {
                label: url.clone(),
                source: AvatarTarget::Url(url.clone()),
                digest: None,
            },
        })
    }
}

fn exactly(fields: Option<&std::collections::BTreeMap<String, String>>) -> CustomFields {
    fields.map_or(CustomFields::Keep, |fields| CustomFields::Exactly(fields.clone()))
}

/// Lowercase hex SHA-256, the form [`AccountState::avatar_digest`] holds.
pub use crate::text::sha256_hex;

/// Text the server does not hold is left out: an absent key leaves the value as it is.
fn held(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// `[profile]` for the own account as the server holds it. The avatar is an image, not a
/// value the file can hold, so it is not exported.
pub fn export_profile(state: &AccountState) -> ProfileSpec {
    ProfileSpec {
        name: held(&state.name),
        username: held(&state.username),
        nickname: held(&state.nickname),
        bio: held(&state.bio),
        status_text: held(&state.status_text),
        email: held(&state.email),
        presence: state.presence,
        avatar: None,
        custom_fields: (!state.custom_fields.is_empty()).then(|| state.custom_fields.clone()),
    }
}

/// One `[[users]]` entry as the server holds it; no password or token (the server never shows
/// either).
pub fn export_user(state: &AccountState) -> UserSpec {
    UserSpec {
        username: state.username.clone(),
        name: held(&state.name),
        email: held(&state.email),
        roles: Some(state.roles.clone()),
        active: Some(state.active),
        nickname: held(&state.nickname),
        bio: held(&state.bio),
        status_text: held(&state.status_text),
        verified: Some(state.verified),
        require_password_change: Some(state.require_password_change),
        custom_fields: (!state.custom_fields.is_empty()).then(|| state.custom_fields.clone()),
        ..UserSpec::default()
    }
}

/// The file `export` prints.
pub fn export(profile: Option<&AccountState>, users: &[AccountState]) -> DesiredFile {
    DesiredFile {
        version: VERSION,
        profile: profile.map(export_profile),
        users: users.iter().map(export_user).collect(),
    }
}

/// TOML text of a file.
pub fn to_toml(file: &DesiredFile) -> Result<String, toml::ser::Error> {
    toml::to_string(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::read::{Format, parse};

    #[test]
    fn relative_paths_are_relative_to_the_file_and_avatars_are_hashed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("avatars")).unwrap();
        std::fs::write(dir.path().join("avatars/bot.png"), b"abc").unwrap();
        let text = "version = 1\n[profile]\navatar = { file = \"avatars/bot.png\" }\n\
                    [[users]]\nusername = \"a\"\npassword = { file = \"pw\" }\n\
                    token = { name = \"ci\", file = \"/abs/tok\" }\n";
        let file = parse(text, Format::Toml, "x.toml").unwrap();
        let loaded = Loaded { file, origin: "x.toml".into(), base: dir.path().to_path_buf() };
        let desired = loaded.desired().unwrap();
        let avatar = desired.profile.unwrap().avatar.unwrap();
        assert_eq!(avatar.label, "avatars/bot.png");
        assert_eq!(avatar.source, AvatarTarget::File(dir.path().join("avatars/bot.png")));
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(avatar.digest.as_deref(), Some(abc));
        let user = &desired.users[0].1;
        assert_eq!(user.initial_password, Some(PasswordSource::File(dir.path().join("pw"))));
        assert_eq!(user.token.as_ref().unwrap().file, PathBuf::from("/abs/tok"));
        assert!(!user.token.as_ref().unwrap().bypass_2fa);
    }

    #[test]
    fn a_missing_avatar_file_is_named() {
        let file =
            parse("version = 1\n[profile]\navatar = { file = \"no.png\" }\n", Format::Toml, "x")
                .unwrap();
        let loaded = Loaded { file, origin: "x".into(), base: PathBuf::from("/nonexistent") };
        assert!(loaded.desired().unwrap_err().message.contains("/nonexistent/no.png"));
    }

    #[test]
    fn export_writes_held_values_only() {
        let state = AccountState {
            username: "bot".into(),
            name: "Bot".into(),
            roles: vec!["bot".into()],
            active: true,
            ..AccountState::default()
        };
        let text = to_toml(&export(Some(&state), std::slice::from_ref(&state))).unwrap();
        assert!(text.starts_with("version = 1\n"), "{text}");
        assert!(text.contains("[profile]") && text.contains("[[users]]"), "{text}");
        assert!(!text.contains("nickname") && !text.contains("custom_fields"), "{text}");
        assert!(text.contains("verified = false"), "{text}");
    }
}
