//! Between the file and the engine's types: a loaded file becomes a [`Desired`] (relative paths
//! resolved against the file's directory), and what the server holds becomes a file again for
//! `export`.

use std::path::{Path, PathBuf};

use super::file::{
    AvatarSource, DesiredFile, PasswordSource, ProfileSpec, SecretSource, SettingSpec, TokenSpec,
    UserSpec, VERSION,
};
use super::read::Loaded;
use super::state::{
    AccountState, AvatarTarget, Bindings, CustomFields, Desired, DesiredAccount, DesiredAvatar,
    DesiredSetting,
};
use crate::fields::Texts;

impl Loaded {
    /// The engine's view of the file. It reads no other file: avatar digests are filled in by
    /// whoever reads the images.
    pub fn desired(&self) -> Desired {
        let file = &self.file;
        let bindings = Bindings {
            server: file.server.clone(),
            user_id: file.profile.as_ref().and_then(|profile| profile.user_id.clone()),
        };
        let settings =
            file.settings.iter().map(|(id, spec)| (id.clone(), self.setting(spec))).collect();
        let permissions =
            file.permissions.iter().map(|(id, roles)| (id.clone(), roles.clone())).collect();
        let profile = file.profile.as_ref().map(|spec| self.profile(spec));
        let users =
            file.users.iter().map(|spec| (spec.username.clone(), self.user(spec))).collect();
        Desired { bindings, settings, permissions, profile, users }
    }

    fn setting(&self, spec: &SettingSpec) -> DesiredSetting {
        match spec {
            SettingSpec::Value(value) => DesiredSetting::Value(value.clone()),
            SettingSpec::Secret(source) => DesiredSetting::Secret(self.secret(source)),
        }
    }

    fn secret(&self, source: &SecretSource) -> SecretSource {
        match source {
            SecretSource::File(path) => SecretSource::File(self.resolve(path)),
            env => env.clone(),
        }
    }

    /// The file with every path made absolute: what a saved plan keeps, to be read from
    /// anywhere later.
    pub fn absolute(&self) -> DesiredFile {
        let mut file = self.file.clone();
        for spec in file.settings.values_mut() {
            if let SettingSpec::Secret(SecretSource::File(path)) = spec {
                *path = self.absolute_path(path);
            }
        }
        let avatars = file.profile.iter_mut().map(|profile| &mut profile.avatar);
        let avatars = avatars.chain(file.users.iter_mut().map(|user| &mut user.avatar));
        for avatar in avatars.flatten() {
            if let AvatarSource::File(path) = avatar {
                *path = self.absolute_path(path);
            }
        }
        for user in &mut file.users {
            if let Some(PasswordSource::File(path)) = user.password.as_deref_mut() {
                *path = self.absolute_path(path);
            }
            if let Some(token) = &mut user.token {
                token.file = self.absolute_path(&token.file);
            }
        }
        file
    }

    /// [`Loaded::desired`], taking the file's accounts apart as they are converted, so a long
    /// file's entries and the engine's accounts are not held whole at once: the entries' list
    /// gives back its room a slice at a time as its entries are converted.
    pub fn into_desired(mut self) -> Desired {
        const SLICE: usize = 512;
        let mut specs = std::mem::take(&mut self.file.users);
        let mut desired = self.desired();
        desired.users.reserve_exact(specs.len());
        specs.reverse();
        while let Some(spec) = specs.pop() {
            desired.users.push((spec.username.clone(), self.user(&spec)));
            if specs.len().is_multiple_of(SLICE) {
                specs.shrink_to_fit();
            }
        }
        desired
    }

    fn profile(&self, spec: &ProfileSpec) -> DesiredAccount {
        DesiredAccount {
            username: spec.username.clone(),
            email: spec.email.clone(),
            texts: spec.texts(),
            custom_fields: exactly(spec.custom_fields.as_ref()),
            presence: spec.presence,
            avatar: spec.avatar.as_ref().map(|avatar| Box::new(self.avatar(avatar))),
            ..DesiredAccount::default()
        }
    }

    fn user(&self, spec: &UserSpec) -> DesiredAccount {
        let password = spec.password.as_deref().map(|password| match password {
            PasswordSource::File(path) => PasswordSource::File(self.resolve(path)),
            other => other.clone(),
        });
        let token = spec
            .token
            .as_ref()
            .map(|token| TokenSpec { file: self.resolve(&token.file), ..(**token).clone() });
        DesiredAccount {
            email: spec.email.clone(),
            texts: spec.texts(),
            roles: spec.roles.clone(),
            active: spec.active,
            verified: spec.verified,
            require_password_change: spec.require_password_change,
            custom_fields: exactly(spec.custom_fields.as_ref()),
            avatar: spec.avatar.as_ref().map(|avatar| Box::new(self.avatar(avatar))),
            initial_password: password.map(Box::new),
            token: token.map(Box::new),
            ..DesiredAccount::default()
        }
    }

    fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() { path.to_path_buf() } else { self.base.join(path) }
    }

    /// [`Self::resolve`], then made absolute against the current directory (a file from stdin
    /// is relative to it).
    fn absolute_path(&self, path: &Path) -> PathBuf {
        let resolved = self.resolve(path);
        std::path::absolute(&resolved).unwrap_or(resolved)
    }

    /// A file's bytes are not read here: the command reads each image once, checks it and
    /// fills in its digest ([`DesiredAvatar::digest`]) before planning.
    fn avatar(&self, source: &AvatarSource) -> DesiredAvatar {
        match source {
            AvatarSource::File(path) => DesiredAvatar {
                label: path.display().to_string(),
                source: AvatarTarget::File(self.resolve(path)),
                digest: None,
            },
            AvatarSource::Url(url) => DesiredAvatar {
                label: url.clone(),
                source: AvatarTarget::Url(url.clone()),
                digest: None,
            },
        }
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

/// The text fields the server holds: an absent key leaves the value as it is.
fn held_texts(state: &AccountState) -> Texts<Option<String>> {
    Texts::from_fn(|field| held(state.texts.get(field)))
}

/// `[profile]` for the own account as the server holds it, bound to it by its id. The avatar
/// is an image, not a value the file can hold, so it is not exported.
pub fn export_profile(state: &AccountState, user_id: &str) -> ProfileSpec {
    let mut spec = ProfileSpec {
        user_id: held(user_id),
        username: held(&state.username),
        email: held(&state.email),
        presence: state.presence,
        custom_fields: (!state.custom_fields.is_empty()).then(|| state.custom_fields.clone()),
        ..ProfileSpec::default()
    };
    spec.set_texts(held_texts(state));
    spec
}

/// One `[[users]]` entry as the server holds it; no password or token (the server never shows
/// either).
pub fn export_user(state: &AccountState) -> UserSpec {
    let mut spec = UserSpec {
        username: state.username.clone(),
        email: held(&state.email),
        roles: Some(state.roles.clone()),
        active: Some(state.active),
        verified: Some(state.verified),
        require_password_change: Some(state.require_password_change),
        custom_fields: (!state.custom_fields.is_empty()).then(|| state.custom_fields.clone()),
        ..UserSpec::default()
    };
    spec.set_texts(held_texts(state));
    spec
}

/// What `export` writes: the server it was read from, the settings and permissions asked for,
/// the own account (with its id) and other accounts.
#[derive(Debug, Default)]
pub struct Export<'a> {
    pub server: Option<String>,
    pub settings: Vec<(String, SettingSpec)>,
    pub permissions: Vec<(String, Vec<String>)>,
    /// The own account and its user id.
    pub profile: Option<(&'a AccountState, &'a str)>,
    pub users: &'a [AccountState],
}

/// The file `export` prints.
pub fn export(parts: Export<'_>) -> DesiredFile {
    DesiredFile {
        version: VERSION,
        server: parts.server,
        settings: parts.settings.into_iter().collect(),
        permissions: parts.permissions.into_iter().collect(),
        profile: parts.profile.map(|(state, id)| export_profile(state, id)),
        users: parts.users.iter().map(export_user).collect(),
    }
}

/// TOML text of a file, every string on one line with hidden characters escaped
/// ([`super::toml_text`]).
pub fn to_toml(file: &DesiredFile) -> Result<String, serde_json::Error> {
    let value = serde_json::to_value(file)?;
    Ok(value.as_object().map(super::toml_text::document).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::read::{Format, parse};

    #[test]
    fn relative_paths_are_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let text = "version = 1\n[profile]\navatar = { file = \"avatars/bot.png\" }\n\
                    [[users]]\nusername = \"a\"\npassword = { file = \"pw\" }\n\
                    token = { name = \"ci\", file = \"/abs/tok\" }\n";
        let file = parse(text, Format::Toml, "x.toml").unwrap();
        let loaded = Loaded { file, origin: "x.toml".into(), base: dir.path().to_path_buf() };
        let desired = loaded.desired();
        let avatar = desired.profile.unwrap().avatar.unwrap();
        assert_eq!(avatar.label, "avatars/bot.png");
        assert_eq!(avatar.source, AvatarTarget::File(dir.path().join("avatars/bot.png")));
        assert_eq!(avatar.digest, None, "the command reads and hashes the image");
        let user = &desired.users[0].1;
        assert_eq!(
            user.initial_password.as_deref(),
            Some(&PasswordSource::File(dir.path().join("pw")))
        );
        assert_eq!(user.token.as_ref().unwrap().file, PathBuf::from("/abs/tok"));
        assert!(!user.token.as_ref().unwrap().bypass_2fa);
    }

    #[test]
    fn sha256_of_abc() {
        // FIPS 180-2 appendix B.1.
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(sha256_hex(b"abc"), abc);
    }

    #[test]
    fn export_writes_held_values_only() {
        let state = AccountState {
            username: "bot".into(),
            texts: Texts::from_fn(|f| {
                if f == crate::fields::TextField::Name { "Bot".into() } else { String::new() }
            }),
            roles: vec!["bot".into()],
            active: true,
            ..AccountState::default()
        };
        let parts = Export {
            profile: Some((&state, "u1")),
            users: std::slice::from_ref(&state),
            ..Export::default()
        };
        let text = to_toml(&export(parts)).unwrap();
        assert!(text.starts_with("version = 1\n"), "{text}");
        assert!(text.contains("[profile]") && text.contains("[[users]]"), "{text}");
        assert!(!text.contains("nickname") && !text.contains("custom_fields"), "{text}");
        assert!(text.contains("verified = false"), "{text}");
    }
}
