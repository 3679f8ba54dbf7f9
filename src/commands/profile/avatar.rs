//! `profile avatar set FILE | --url URL` and `profile avatar reset` (docs/cli.md, "Own
//! account: avatar and presence").

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use crate::api::{self, ApiError, ErrorType, NewAvatar, Request};
use crate::cli::{AvatarCommand, AvatarSetArgs};
use crate::client::Client;
use crate::commands::logged_in_client;
use crate::exit::{Exit, Failure};
use crate::input_file;
use crate::settings::Settings;

/// Larger files are refused before they are read whole; servers limit uploads far below this.
const MAX_IMAGE_BYTES: u64 = 20 * input_file::MIB;

pub fn run(settings: &Settings, command: AvatarCommand) -> Result<()> {
    match command {
        AvatarCommand::Set(args) => set(settings, args),
        AvatarCommand::Reset { dry_run } => reset(settings, dry_run),
    }
}

#[derive(Serialize)]
struct Changed {
    changed: bool,
}

fn set(settings: &Settings, args: AvatarSetArgs) -> Result<()> {
    // The file is checked before anything is sent.
    let avatar = match (args.file, args.url) {
        (Some(path), _) => read_image(&path)?,
        (None, Some(url)) => NewAvatar::Url(url),
        (None, None) => return Err(Failure::usage("give an image FILE or --url URL").into()),
    };
    let (client, _) = logged_in_client(settings)?;
    if let NewAvatar::File { bytes, .. } = &avatar {
        let me = api::me(&client)?;
        let username = api::username(&me).unwrap_or_default();
        // Not knowing the current avatar only means it is sent.
        if let Ok((_, current)) = api::current_avatar(&client, username)
            && current == *bytes
        {
            writeln!(settings.out.status(), "nothing to change: the server has this avatar")?;
            return print(settings, false);
        }
    }
    let request = api::set_avatar_request(avatar)?;
    if args.dry_run {
        return dry_run(settings, &client, &request);
    }
    api::set_avatar(&client, &request).map_err(explain)?;
    writeln!(settings.out.status(), "Changed avatar")?;
    print(settings, true)
}

fn reset(settings: &Settings, dry_run: bool) -> Result<()> {
    let (client, _) = logged_in_client(settings)?;
    let me = api::me(&client)?;
    let username = api::username(&me).unwrap_or_default().to_owned();
    if dry_run {
        return self::dry_run(settings, &client, &api::reset_avatar_request(&username)?);
    }
    api::reset_avatar(&client, &username).map_err(explain)?;
    writeln!(settings.out.status(), "Reset avatar to the server's default")?;
    print(settings, true)
}

fn print(settings: &Settings, changed: bool) -> Result<()> {
    if settings.out.is_json() {
        settings.out.json(&Changed { changed })?;
    }
    Ok(())
}

fn dry_run(settings: &Settings, client: &Client, request: &Request<'_>) -> Result<()> {
    let described = client.describe(request);
    writeln!(settings.out.status(), "dry run: would change the avatar; nothing was sent")?;
    if settings.out.is_json() {
        let request = serde_json::json!({
            "method": described.method.to_string(),
            "url": described.url,
            "body": described.body,
        });
        return settings
            .out
            .json(&serde_json::json!({"changed": false, "dryRun": true, "request": request}));
    }
    let mut text = format!("{} {}\n", described.method, described.url);
    for (name, value) in &described.headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    text.push('\n');
    text.push_str(&serde_json::to_string_pretty(&described.body)?);
    settings.out.text(&text)
}

/// Read the file (a regular file of at most 20 MiB) and find its type from its first bytes;
/// anything else is exit 2.
pub(crate) fn read_image(path: &Path) -> Result<NewAvatar> {
    let bytes = input_file::read(path, "image", MAX_IMAGE_BYTES)
        .map_err(|err| Failure::usage(err.to_string()))?;
    let Some((content_type, extension)) = image_type(&bytes) else {
        return Err(Failure::usage(format!(
            "`{}` is not a PNG, JPEG, GIF, WebP or SVG image",
            path.display()
        ))
        .into());
    };
    Ok(NewAvatar::File { bytes, content_type, extension })
}

/// The content type and file extension from magic bytes (SVG by its text).
fn image_type(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(("image/png", "png")),
        [0xFF, 0xD8, 0xFF, ..] => Some(("image/jpeg", "jpg")),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some(("image/gif", "gif")),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => {
            Some(("image/webp", "webp"))
        }
        _ if is_svg(bytes) => Some(("image/svg+xml", "svg")),
        _ => None,
    }
}

/// Text that starts with markup and has an `<svg` element near its start.
fn is_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = text.chars().take(4096).collect();
    text.starts_with('<') && head.contains("<svg")
}

pub(crate) fn explain(err: ApiError) -> anyhow::Error {
    match err.error_type() {
        Some(ErrorType::NotAllowed) => Failure::new(
            Exit::Refused,
            "the server does not allow changing the avatar (setting \
             Accounts_AllowUserAvatarChange is off)",
        )
        .into(),
        _ => err.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_first_bytes() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\nrest").unwrap().0, "image/png");
        assert_eq!(image_type(b"\xff\xd8\xff\xe0").unwrap().0, "image/jpeg");
        assert_eq!(image_type(b"GIF89a..").unwrap().0, "image/gif");
        assert_eq!(image_type(b"RIFF\0\0\0\0WEBPVP8 ").unwrap().0, "image/webp");
        let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(image_type(svg).unwrap().0, "image/svg+xml");
        assert_eq!(image_type(b"hello, not an image"), None);
        assert_eq!(image_type(b"<html><body></body></html>"), None);
    }
}
