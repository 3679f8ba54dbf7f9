//! How a change is named in the one line a changing command prints (docs/cli.md "Output"):
//! `Changed email to jane.doe@example.com (unverified until you confirm it), nickname to relbot`.

use crate::plan::{Action, Change, Field, Val};

/// A change as a person names it ("status text", "custom field team (removed)").
pub fn label(change: &Change) -> String {
    match (&change.field, change.action) {
        (Some(Field::Custom(key)), Action::Remove) => format!("custom field {key} (removed)"),
        (Some(field), _) => field.label(),
        (None, _) => "account".to_owned(),
    }
}

/// `Changed …`: each change with its new value; a secret is only "changed".
pub fn summary(changes: &[Change]) -> String {
    let changes: Vec<String> = changes.iter().map(describe).collect();
    format!("Changed {}", changes.join(", "))
}

fn describe(change: &Change) -> String {
    let value = match &change.after {
        Some(Val::Text(text)) if change.action != Action::Remove => Some(text.as_str()),
        _ => None,
    };
    match (&change.field, value) {
        (Some(Field::Email), Some(email)) => {
            format!("email to {} (unverified until you confirm it)", shown(email))
        }
        (Some(Field::Password), _) => {
            "password (Rocket.Chat signs out this account's other sessions)".to_owned()
        }
        (_, Some(value)) => format!("{} to {}", label(change), shown(value)),
        (_, None) => label(change),
    }
}

/// A value as the summary shows it: bare when it is one word, quoted when it has spaces, and
/// "(empty)" when cleared.
pub fn shown(value: &str) -> String {
    if value.is_empty() {
        "(empty)".to_owned()
    } else if value.contains(char::is_whitespace) || value.contains(',') {
        format!("\"{value}\"")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::TextField;
    use crate::plan::Target;

    fn change(field: Field, action: Action, after: Option<&str>) -> Change {
        let after = after.map(|text| Val::Text(text.to_owned()));
        Change { target: Target::Profile, field: Some(field), action, before: None, after }
    }

    #[test]
    fn values_read_as_written() {
        assert_eq!(shown("relbot"), "relbot");
        assert_eq!(shown("Release Bot"), "\"Release Bot\"");
        assert_eq!(shown("a,b"), "\"a,b\"");
        assert_eq!(shown(""), "(empty)");
    }

    #[test]
    fn a_summary_names_each_new_value() {
        let changes = [
            change(Field::Email, Action::Update, Some("j@x.io")),
            change(Field::Text(TextField::StatusText), Action::Update, Some("On holiday")),
            change(Field::Custom("floor".into()), Action::Remove, None),
            change(Field::Password, Action::Update, None),
        ];
        assert_eq!(
            summary(&changes),
            "Changed email to j@x.io (unverified until you confirm it), status text to \
             \"On holiday\", custom field floor (removed), password (Rocket.Chat signs out this \
             account's other sessions)"
        );
    }
}
