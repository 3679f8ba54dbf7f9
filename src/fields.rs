//! The plain text fields of an account, declared once. Everything that speaks of them — the user
//! record rocketctl reads, the desired-state file, the planning engine, the request bodies, the
//! summary a change prints — takes them from the list in [`with_text_fields!`], so a new field
//! is one line there (and, when the server changes it through a route of its own, that route).
//!
//! A leaf: it names each field's key in the desired-state file and its name on the wire, and
//! imports nothing of the crate. The fields that are more than text (the username that names an
//! account, the e-mail address that needs verifying, roles, flags, custom fields, secrets) are
//! declared where their rules live, in `plan/field.rs`.

/// Calls `$callback! { … }` with one entry per text field:
///
/// `Variant field_name "wireName" "summary label" Route in_create max_units;`
///
/// - `field_name` is the key in the desired-state file and the plan, and the member of
///   `api::User` that holds it;
/// - `"wireName"` is the name in the user record and in request bodies;
/// - [`Route`]: which request changes it;
/// - `in_create`: whether `users.create` takes it (if not, it follows the creation);
/// - `max_units`: the server's length limit in UTF-16 code units (it counts a JavaScript
///   string's `.length`), or `None`.
macro_rules! with_text_fields {
    ($callback:ident) => {
        $callback! {
            Name name "name" "name" Profile true None;
            Nickname nickname "nickname" "nickname" Profile true Some(120);
            Bio bio "bio" "bio" Profile true Some(260);
            StatusText status_text "statusText" "status text" Profile false None;
            Language language "language" "language" Preferences false None;
        }
    };
}
pub(crate) use with_text_fields;

/// The request that changes a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    /// The account's one profile request: `users.updateOwnBasicInfo` for one's own account,
    /// `users.update` for another.
    Profile,
    /// `users.setPreferences` (the field is a preference of the account's settings).
    Preferences,
}

macro_rules! declare_text_fields {
    ($($variant:ident $field:ident $wire:literal $label:literal $route:ident $in_create:literal $max:expr;)*) => {
        /// One plain text field of an account.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum TextField {
            $($variant,)*
        }

        impl TextField {
            /// Every text field, in the order files, plans and bodies list them.
            pub const ALL: &[Self] = &[$(Self::$variant,)*];

            /// The key in the desired-state file and the plan (`status_text`).
            pub fn key(self) -> &'static str {
                match self { $(Self::$variant => stringify!($field),)* }
            }

            /// The name in the user record and in request bodies (`statusText`).
            pub fn wire(self) -> &'static str {
                match self { $(Self::$variant => $wire,)* }
            }

            /// How a summary names it (`status text`).
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)* }
            }

            pub fn route(self) -> Route {
                match self { $(Self::$variant => Route::$route,)* }
            }

            /// Whether `users.create` takes it; if not, a new account gets it afterwards.
            pub fn in_create(self) -> bool {
                match self { $(Self::$variant => $in_create,)* }
            }

            /// The server's limit in UTF-16 code units.
            pub fn max_units(self) -> Option<usize> {
                match self { $(Self::$variant => $max,)* }
            }

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

with_text_fields!(declare_text_fields);

/// A value for each text field: `Texts<String>` for an account as the server has it,
/// `Texts<Option<String>>` for what a command or a file asks for (`None` leaves a field as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts<T>(Vec<T>);

impl<T: Default> Default for Texts<T> {
    fn default() -> Self {
        Self::from_fn(|_| T::default())
    }
}

impl<T> Texts<T> {
    pub fn from_fn(mut value: impl FnMut(TextField) -> T) -> Self {
        Self(TextField::ALL.iter().map(|field| value(*field)).collect())
    }

    pub fn get(&self, field: TextField) -> &T {
        &self.0[field.index()]
    }

    pub fn set(&mut self, field: TextField, value: T) {
        self.0[field.index()] = value;
    }

    /// Each field with its value, in [`TextField::ALL`]'s order.
    pub fn iter(&self) -> impl Iterator<Item = (TextField, &T)> {
        TextField::ALL.iter().copied().zip(&self.0)
    }
}

impl Texts<Option<String>> {
    /// Only `field` set.
    #[cfg(test)]
    pub fn one(field: TextField, value: impl Into<String>) -> Self {
        let mut texts = Self::default();
        texts.set(field, Some(value.into()));
        texts
    }

    /// This one set too (a builder for tests).
    #[cfg(test)]
    #[must_use]
    pub fn and(mut self, field: TextField, value: impl Into<String>) -> Self {
        self.set(field, Some(value.into()));
        self
    }

    /// The fields that are set.
    pub fn given(&self) -> impl Iterator<Item = (TextField, &str)> {
        self.iter().filter_map(|(field, value)| value.as_deref().map(|value| (field, value)))
    }

    pub fn is_empty(&self) -> bool {
        self.given().next().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_own_key_and_wire_name() {
        let keys: Vec<&str> = TextField::ALL.iter().map(|field| field.key()).collect();
        assert_eq!(keys, ["name", "nickname", "bio", "status_text", "language"]);
        assert_eq!(TextField::StatusText.wire(), "statusText");
        assert_eq!(TextField::Language.route(), Route::Preferences);
        assert!(TextField::Bio.in_create() && !TextField::StatusText.in_create());
    }

    #[test]
    fn texts_are_indexed_by_field() {
        let mut texts = Texts::one(TextField::Bio, "hello");
        texts.set(TextField::Name, Some("Jane".into()));
        let given: Vec<(TextField, &str)> = texts.given().collect();
        assert_eq!(given, [(TextField::Name, "Jane"), (TextField::Bio, "hello")]);
        assert!(Texts::<Option<String>>::default().is_empty());
    }
}
