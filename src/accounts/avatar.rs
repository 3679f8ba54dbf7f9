//! Avatars: an image file read and typed from its first bytes (anything else is refused before
//! anything is sent), and the server's refusals in words. `profile avatar set` and `apply`'s
//! `avatar = { file }` read images here.

use std::path::Path;

use anyhow::Result;

use crate::api::{ApiError, ErrorType, NewAvatar};
use crate::exit::{Exit, Failure};
use crate::input_file;

/// Larger files are refused before they are read whole; servers limit uploads far below this.
const MAX_IMAGE_BYTES: u64 = 20 * input_file::MIB;

/// Read the file (a regular file of at most 20 MiB) and find its type from its first bytes;
/// anything else is exit 2.
pub fn read_image(path: &Path) -> Result<NewAvatar> {
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

/// The server's refusal of an avatar change, naming the setting.
pub fn refused(err: ApiError) -> anyhow::Error {
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
