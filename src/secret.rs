//! Secrets: a newtype that never prints itself, registers itself for scrubbing and zeroes its
//! bytes when dropped, and the SHA-256 digest Rocket.Chat expects. Reading one from the user is
//! `input.rs`.

use std::fmt;

use zeroize::Zeroizing;

/// A password, digest, token or two-factor code. It has no `Display`, its `Debug` is redacted,
/// it is not `Serialize` (the wire and the config file take [`Secret::expose`] where they mean
/// to), its bytes are zeroed when it is dropped (zeroize), and it cannot be cloned: a secret
/// moves, so fewer copies of it exist; the one deliberate copy is [`Secret::duplicate`].
/// Buffers it passed through (reqwest's request, serde's and TOML's strings, the terminal
/// reader) are not zeroed.
#[derive(PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Every secret is registered for scrubbing as it is made (`src/scrub.rs`): whatever a
    /// server echoes back, its value is never printed.
    pub fn new(value: impl Into<String>) -> Self {
        let value = Zeroizing::new(value.into());
        crate::scrub::register(&value);
        Self(value)
    }

    /// A stand-in for a secret a dry run shows masked (`[REDACTED]`): not registered for
    /// scrubbing, since it is no secret and output must still be able to say it.
    pub fn masked(marker: &str) -> Self {
        Self(Zeroizing::new(marker.to_owned()))
    }

    /// The plain value: call this only where the secret goes on the wire or into the config's
    /// token field.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A second secret holding the same value, for the one place that must keep it while this
    /// one moves on (a worker thread, a store that takes it by value). Both zero their own
    /// bytes when dropped.
    #[must_use]
    pub fn duplicate(&self) -> Self {
        Self(Zeroizing::new(self.0.as_str().to_owned()))
    }

    /// Lowercase hex SHA-256 of the exact UTF-8 bytes: no trimming, no Unicode normalisation.
    /// The digest is password-equivalent for Rocket.Chat, so it is a secret too.
    pub fn sha256_hex(&self) -> Self {
        Self::new(crate::text::sha256_hex(self.0.as_bytes()))
    }
}

/// Read through [`Secret::new`], so a token from the config or a login answer is registered.
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

/// Keep secrets out of core dumps and away from other processes of the same user reading our
/// memory (`PR_SET_DUMPABLE` 0 also blocks ptrace attach by non-root processes).
pub fn protect_process() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(text: &str) -> String {
        Secret::new(text).sha256_hex().expose().to_owned()
    }

    #[test]
    fn sha256_known_vectors() {
        assert_eq!(digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            digest("password"),
            "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"
        );
        assert_eq!(
            digest("p\u{e4}ssw\u{f6}rd"),
            "46970bef70aced8123f0d5d094717e2a5cd412041e03b26376049fe65b2834a4"
        );
    }

    #[test]
    fn nfc_and_nfd_spellings_give_different_digests() {
        let nfc = "p\u{e4}ssw\u{f6}rd";
        let nfd = "pa\u{308}sswo\u{308}rd";
        assert_ne!(digest(nfc), digest(nfd));
    }

    /// Compiles only while `Secret` is not `Serialize`: with both impls below applying, the
    /// call would be ambiguous.
    #[test]
    fn a_secret_is_not_serialize() {
        trait AmbiguousIfSerialize<A> {
            fn check() {}
        }
        impl<T: ?Sized> AmbiguousIfSerialize<()> for T {}
        impl<T: ?Sized + serde::Serialize> AmbiguousIfSerialize<u8> for T {}
        <Secret as AmbiguousIfSerialize<_>>::check();
    }

    #[test]
    fn a_duplicate_is_its_own_secret() {
        let first = Secret::new("CANARY-duplicated");
        let second = first.duplicate();
        drop(first);
        assert_eq!(second.expose(), "CANARY-duplicated");
    }

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::new("CANARY-secret-value");
        assert_eq!(format!("{secret:?}"), "Secret([REDACTED])");
        assert!(!format!("{secret:#?}").contains("CANARY"));
    }
}
