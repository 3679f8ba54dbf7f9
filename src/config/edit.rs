//! Writing a config back the way its owner left it. The file's own text is edited in place
//! (toml_edit, as jj does for `jj config set`): comments, blank lines, the order of keys and
//! contexts, and keys this version does not know stay where they are; only what changed is
//! written, and a value that did not change keeps its spelling.

use std::collections::BTreeMap;

use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

use super::{ConfigFile, Context, TokenStore};

/// The keys of a context rocketctl knows, in the order a new context lists them.
const CONTEXT_KEYS: [&str; 7] =
    ["server", "user_id", "username", "auth_token", "ca_cert", "insecure", "token_store"];

impl ConfigFile {
    /// The text of the file holding this config: `before` (the file as it was read, empty for a
    /// new one) with this config's values written into it. The result reads back as exactly
    /// this config, or this is an error and nothing is to be written.
    pub fn edit(&self, before: &str) -> Result<String, String> {
        let before = before.strip_prefix('\u{feff}').unwrap_or(before);
        let mut doc: DocumentMut =
            before.parse().map_err(|_| "the file cannot be edited as TOML".to_owned())?;
        let root = doc.as_table_mut();
        put(root, "current", self.current.as_deref().map(Value::from));
        edit_contexts(root, &self.contexts)?;
        edit_unknown(root, &self.unknown, &["current", "contexts"])?;
        let text = doc.to_string();
        match Self::parse(&text) {
            Ok(back) if back == *self => Ok(text),
            _ => Err("the edited file would not read back as the config it holds".to_owned()),
        }
    }
}

fn edit_contexts(root: &mut Table, contexts: &BTreeMap<String, Context>) -> Result<(), String> {
    if contexts.is_empty() && !root.contains_key("contexts") {
        return Ok(());
    }
    if !root.get("contexts").is_some_and(Item::is_table_like) {
        root.insert("contexts", Item::Table(implicit_table()));
    }
    let Some(table) = root.get_mut("contexts").and_then(Item::as_table_like_mut) else {
        return Err("`contexts` is not a table".to_owned());
    };
    let gone: Vec<String> = table
        .iter()
        .map(|(name, _)| name.to_owned())
        .filter(|name| !contexts.contains_key(name))
        .collect();
    for name in gone {
        table.remove(&name);
    }
    for (name, context) in contexts {
        if !table.get(name).is_some_and(Item::is_table_like) {
            table.insert(name, Item::Table(Table::new()));
        }
        let Some(entry) = table.get_mut(name).and_then(Item::as_table_like_mut) else {
            return Err(format!("context `{name}` is not a table"));
        };
        edit_context(entry, context)?;
    }
    Ok(())
}

/// A table that shows no `[contexts]` header of its own, only its contexts' headers.
fn implicit_table() -> Table {
    let mut table = Table::new();
    table.set_implicit(true);
    table
}

fn edit_context(table: &mut dyn TableLike, context: &Context) -> Result<(), String> {
    let ca_cert =
        match &context.ca_cert {
            Some(path) => Some(path.to_str().ok_or_else(|| {
                format!("the CA certificate path `{}` is not UTF-8", path.display())
            })?),
            None => None,
        };
    let token_store = context.token_store.map(|store| match store {
        TokenStore::File => "file",
        TokenStore::Keyring => "keyring",
    });
    put(table, "server", Some(Value::from(context.server.as_str())));
    put(table, "user_id", context.user_id.as_deref().map(Value::from));
    put(table, "username", context.username.as_deref().map(Value::from));
    // The one place a token is written out in clear: the config file, mode 0600.
    put(table, "auth_token", context.auth_token.as_ref().map(|token| Value::from(token.expose())));
    put(table, "ca_cert", ca_cert.map(Value::from));
    put(table, "insecure", context.insecure.map(Value::from));
    put(table, "token_store", token_store.map(Value::from));
    edit_unknown(table, &context.unknown, &CONTEXT_KEYS)
}

/// Set `key` to `new`, or remove it when `new` is `None`. A value equal to the one there is left
/// as it is written (its quotes, its comment); another keeps the old value's comment.
fn put(table: &mut dyn TableLike, key: &str, new: Option<Value>) {
    let Some(mut new) = new else {
        table.remove(key);
        return;
    };
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) if same(old, &new) => {}
        Some(old) => {
            *new.decor_mut() = old.decor().clone();
            *old = new;
        }
        None => {
            table.insert(key, Item::Value(new));
        }
    }
}

fn same(old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::String(old), Value::String(new)) => old.value() == new.value(),
        (Value::Boolean(old), Value::Boolean(new)) => old.value() == new.value(),
        _ => false,
    }
}

/// Keys rocketctl does not know: those the config still holds stay as they are written (it never
/// changes one), new ones are added, and those it dropped are removed.
fn edit_unknown(
    table: &mut dyn TableLike,
    unknown: &toml::Table,
    known: &[&str],
) -> Result<(), String> {
    let dropped: Vec<String> = table
        .iter()
        .map(|(key, _)| key.to_owned())
        .filter(|key| !known.contains(&key.as_str()) && !unknown.contains_key(key))
        .collect();
    for key in dropped {
        table.remove(&key);
    }
    for (key, value) in unknown {
        if !table.contains_key(key) {
            let value: Value = value
                .to_string()
                .parse()
                .map_err(|_| format!("`{key}` cannot be written back as TOML"))?;
            table.insert(key, Item::Value(value));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    const HAND_WRITTEN: &str = "\
# rocketctl contexts, kept by hand
current = \"prod\" # the one I use

# Production: the company server.
[contexts.prod]
server = 'https://chat.example.com'
user_id = \"u1\"
# ca_cert = \"/etc/ssl/company.pem\"
colour = \"blue\"
auth_token = \"t1\"

# A test server.
[contexts.staging]
server = \"https://staging.example.com\"
";

    #[test]
    fn a_change_keeps_comments_order_spelling_and_unknown_keys() {
        let mut config = ConfigFile::parse(HAND_WRITTEN).unwrap();
        config.current = Some("staging".into());
        let staging = config.contexts.get_mut("staging").unwrap();
        staging.user_id = Some("u2".into());
        staging.auth_token = Some(Secret::new("t2"));
        let text = config.edit(HAND_WRITTEN).unwrap();
        assert_eq!(
            text,
            HAND_WRITTEN.replace("current = \"prod\" #", "current = \"staging\" #").replace(
                "server = \"https://staging.example.com\"\n",
                "server = \"https://staging.example.com\"\nuser_id = \"u2\"\nauth_token = \"t2\"\n"
            )
        );
    }

    #[test]
    fn nothing_changed_is_the_same_text() {
        let config = ConfigFile::parse(HAND_WRITTEN).unwrap();
        assert_eq!(config.edit(HAND_WRITTEN).unwrap(), HAND_WRITTEN);
    }

    /// The comments just above a context (or a key) are about it: they go with it.
    #[test]
    fn a_removed_context_goes_with_its_comment_and_a_new_one_comes_last() {
        let mut config = ConfigFile::parse(HAND_WRITTEN).unwrap();
        config.contexts.remove("prod");
        config.current = Some("dev".into());
        config.contexts.insert(
            "dev".into(),
            Context { server: "http://127.0.0.1:3000".into(), ..Context::default() },
        );
        let text = config.edit(HAND_WRITTEN).unwrap();
        assert!(!text.contains("prod") && !text.contains("Production"), "{text}");
        assert!(text.starts_with("# rocketctl contexts, kept by hand\n"), "{text}");
        let staging = text.find("[contexts.staging]").unwrap();
        assert!(
            text.find("[contexts.dev]\nserver = \"http://127.0.0.1:3000\"\n").unwrap() > staging
        );
    }

    #[test]
    fn a_new_file_lists_current_then_each_context() {
        let mut config = ConfigFile { current: Some("a".into()), ..ConfigFile::default() };
        config.contexts.insert(
            "a".into(),
            Context {
                server: "https://x".into(),
                insecure: Some(true),
                token_store: Some(TokenStore::Keyring),
                ..Context::default()
            },
        );
        assert_eq!(
            config.edit("").unwrap(),
            "current = \"a\"\n\n[contexts.a]\nserver = \"https://x\"\ninsecure = true\ntoken_store = \"keyring\"\n"
        );
    }

    #[test]
    fn inline_and_dotted_contexts_are_edited_where_they_are() {
        let inline = "contexts = { a = { server = \"https://x\" } }\n";
        let mut config = ConfigFile::parse(inline).unwrap();
        config.contexts.get_mut("a").unwrap().user_id = Some("u".into());
        let text = config.edit(inline).unwrap();
        assert_eq!(text.lines().count(), 1, "still one inline table: {text}");
        assert_eq!(ConfigFile::parse(&text).unwrap(), config, "{text}");
        let dotted = "contexts.a.server = \"https://x\"\n";
        let mut config = ConfigFile::parse(dotted).unwrap();
        config.current = Some("a".into());
        let text = config.edit(dotted).unwrap();
        assert_eq!(ConfigFile::parse(&text).unwrap(), config, "{text}");
    }
}
