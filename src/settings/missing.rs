//! "Not logged in", worded for where the user stands: a context that was logged out keeps its
//! server and username, so plain `rocketctl login` is enough; with no current context but
//! logged-in others, `context use` is the way back; with nothing stored, `login --server`.

use std::path::Path;

use super::{ENV_TOKEN, ENV_URL, ENV_USER_ID, Settings};
use crate::config::ConfigFile;
use crate::exit::{Exit, Failure};

impl Settings {
    /// The not-logged-in error for the context in use (`--context`, else the current one).
    pub fn not_logged_in(&self) -> anyhow::Result<Failure> {
        let (store, config) = self.load_config()?;
        Ok(not_logged_in(&store.path, &config, self.context_flag()))
    }
}

/// The error and the one hint that fits: `flagged` is the context `--context` named, if any.
pub fn not_logged_in(path: &Path, config: &ConfigFile, flagged: Option<&str>) -> Failure {
    let in_use = flagged.or(config.current.as_deref());
    if let Some(name) = in_use.filter(|name| config.contexts.contains_key(*name)) {
        let login = match flagged {
            Some(name) => format!("rocketctl login --context {name}"),
            None => "rocketctl login".to_owned(),
        };
        return Failure::new(Exit::NotAuthenticated, format!("not logged in (context `{name}`)"))
            .hint(format!("run `{login}`: the context keeps the server and username"));
    }
    let logged_in: Vec<&str> = config
        .contexts
        .iter()
        .filter(|(_, context)| context.auth_token.is_some())
        .map(|(name, _)| name.as_str())
        .collect();
    if let Some(first) = logged_in.first() {
        return Failure::new(Exit::NotAuthenticated, "no current context").hint(format!(
            "run `rocketctl context use {first}` (logged in: {})",
            logged_in.join(", ")
        ));
    }
    if let Some(first) = config.contexts.keys().next() {
        return Failure::new(Exit::NotAuthenticated, "no current context").hint(format!(
            "run `rocketctl login --context {first}` (stored: {})",
            config.contexts.keys().cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    Failure::new(Exit::NotAuthenticated, "not logged in").hint(format!(
        "run `rocketctl login --server URL` (config: `{}`), or set {ENV_URL}, {ENV_USER_ID} and {ENV_TOKEN}",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Context;
    use crate::exit::Diagnose as _;
    use crate::secret::Secret;

    fn config(current: Option<&str>, contexts: &[(&str, bool)]) -> ConfigFile {
        let mut config =
            ConfigFile { current: current.map(str::to_owned), ..ConfigFile::default() };
        for (name, logged_in) in contexts {
            let context = Context {
                server: "https://chat.example.com".into(),
                auth_token: logged_in.then(|| Secret::new("tok")),
                ..Context::default()
            };
            config.contexts.insert((*name).to_owned(), context);
        }
        config
    }

    fn hint(config: &ConfigFile, flagged: Option<&str>) -> String {
        not_logged_in(Path::new("/c.toml"), config, flagged).hints().join("\n")
    }

    #[test]
    fn the_hint_fits_where_the_user_stands() {
        let logged_out = config(Some("work"), &[("work", false)]);
        assert!(hint(&logged_out, None).starts_with("run `rocketctl login`:"));
        assert!(
            hint(&logged_out, Some("work")).starts_with("run `rocketctl login --context work`")
        );
        let no_current = config(None, &[("a", false), ("b", true)]);
        assert_eq!(hint(&no_current, None), "run `rocketctl context use b` (logged in: b)");
        let none_logged_in = config(None, &[("a", false)]);
        assert!(hint(&none_logged_in, None).starts_with("run `rocketctl login --context a`"));
        assert!(hint(&ConfigFile::default(), None).contains("--server URL"));
    }
}
