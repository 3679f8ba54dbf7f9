//! A QR code drawn with block characters, two modules a character, light modules as blocks (as
//! `qrencode -t UTF8` draws them): a terminal's light text on its dark background shows the
//! code the right way round, with its quiet zone.

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

/// The code of `text`; None when it is too long for one.
pub fn draw(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_becomes_lines_of_blocks_of_one_width() {
        let drawn = draw("otpauth://totp/Rocket.Chat%3Ajane?secret=JBSWY3DPEHPK3PXP").unwrap();
        let widths: Vec<usize> = drawn.lines().map(|line| line.chars().count()).collect();
        assert!(widths.len() > 10, "{drawn}");
        assert!(widths.iter().all(|width| *width == widths[0]), "{drawn}");
        assert!(drawn.chars().all(|c| " \u{2580}\u{2584}\u{2588}\n".contains(c)), "{drawn}");
        assert!(!drawn.contains("JBSWY3DPEHPK3PXP"));
    }
}
