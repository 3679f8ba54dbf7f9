//! The password of a new account nobody is meant to know (`--random-password`, a file's
//! `password = "random"` or none): 32 characters from the operating system's CSPRNG that meet
//! every rule a server's password policy can switch on (`Accounts_Password_Policy_*`): at least
//! one lowercase letter, uppercase letter, digit and special character, and no character three
//! times in a row.

use rand::seq::SliceRandom as _;
use rand::{Rng, RngExt as _};

use crate::secret::Secret;

/// docs/cli.md: `--random-password` is 32 characters (every policy's maximum allows it).
const LENGTH: usize = 32;

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &[u8] = b"0123456789";
/// Special characters no shell, file or URL form mangles.
const SPECIAL: &[u8] = b"-_.,:+=@%^~";

pub fn random_password() -> Secret {
    let mut rng = rand::rng();
    loop {
        let candidate = draw(&mut rng);
        if meets_every_rule(&candidate) {
            return Secret::new(String::from_utf8(candidate).unwrap_or_default());
        }
    }
}

/// One character of each class, the rest from all of them, shuffled.
fn draw(rng: &mut impl Rng) -> Vec<u8> {
    let all: Vec<u8> = [LOWER, UPPER, DIGITS, SPECIAL].concat();
    let mut chars: Vec<u8> =
        [LOWER, UPPER, DIGITS, SPECIAL].iter().map(|class| pick(rng, class)).collect();
    chars.extend((chars.len()..LENGTH).map(|_| pick(rng, &all)));
    chars.shuffle(rng);
    chars
}

fn pick(rng: &mut impl Rng, class: &[u8]) -> u8 {
    class[rng.random_range(0..class.len())]
}

fn meets_every_rule(password: &[u8]) -> bool {
    let has = |class: &[u8]| password.iter().any(|c| class.contains(c));
    let repeats = password.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
    password.len() == LENGTH && has(LOWER) && has(UPPER) && has(DIGITS) && has(SPECIAL) && !repeats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_password_meets_every_policy_rule() {
        for _ in 0..2_000 {
            let password = random_password();
            assert!(meets_every_rule(password.expose().as_bytes()), "{}", password.expose().len());
        }
    }

    #[test]
    fn the_rules_refuse_what_they_should() {
        assert!(!meets_every_rule(b"aaaBBB111---aaaBBB111---aaaBBB11"), "three in a row");
        assert!(!meets_every_rule(b"abcdefghABCDEFGH0123456789abcdef"), "no special character");
    }
}
