//! `context list | use NAME | remove NAME`.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::cli::ContextCommand;
use crate::exit::{Exit, Failure};
use crate::settings::Settings;

pub fn run(settings: &Settings, command: ContextCommand) -> Result<()> {
    match command {
        ContextCommand::List => list(settings),
        ContextCommand::Use { name } => use_context(settings, &name),
        ContextCommand::Remove { name } => remove(settings, &name),
    }
}

/// One row of `context list -o json`. The token itself is never here.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ContextView<'a> {
    name: &'a str,
    current: bool,
    server: &'a str,
    username: Option<&'a str>,
    logged_in: bool,
}

fn list(settings: &Settings) -> Result<()> {
    let (_, config) = settings.load_config()?;
    let current = config.current.as_deref();
    if settings.out.is_json() {
        let contexts: Vec<ContextView<'_>> = config
            .contexts
            .iter()
            .map(|(name, context)| ContextView {
                name,
                current: Some(name.as_str()) == current,
                server: &context.server,
                username: context.username.as_deref(),
                logged_in: context.logged_in(),
            })
            .collect();
        return settings.out.json(&contexts);
    }
    if config.contexts.is_empty() {
        writeln!(settings.out.status(), "no contexts yet; run `rocketctl login --server URL`")?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = config
        .contexts
        .iter()
        .map(|(name, context)| {
            vec![
                if Some(name.as_str()) == current { "*".into() } else { String::new() },
                name.clone(),
                context.server.clone(),
                context.username.clone().unwrap_or_default(),
                if context.logged_in() { "logged in".into() } else { "logged out".into() },
            ]
        })
        .collect();
    settings.out.table(&["CURRENT", "NAME", "SERVER", "USER", "STATE"], &rows)
}

fn unknown_context(name: &str) -> Failure {
    Failure::new(Exit::Usage, format!("no context named `{name}`"))
        .hint("run `rocketctl context list` to see the stored contexts")
}

fn use_context(settings: &Settings, name: &str) -> Result<()> {
    settings.store()?.update(&settings.out, |config| {
        if !config.contexts.contains_key(name) {
            return Err(unknown_context(name).into());
        }
        config.current = Some(name.to_owned());
        Ok(())
    })?;
    writeln!(settings.out.status(), "Switched to context `{name}`")?;
    Ok(())
}

fn remove(settings: &Settings, name: &str) -> Result<()> {
    let removed = settings.store()?.update(&settings.out, |config| {
        let removed = config.contexts.remove(name).ok_or_else(|| unknown_context(name))?;
        let was_current = config.current.as_deref() == Some(name);
        if was_current {
            config.current = None;
        }
        let others: Vec<String> = config.contexts.keys().cloned().collect();
        Ok((removed.logged_in(), removed.token_store, was_current, others))
    })?;
    let (had_token, token_store, was_current, others) = removed;
    settings.token_stores()?.forget(name, token_store)?;
    writeln!(settings.out.status(), "Removed context `{name}`")?;
    if had_token {
        writeln!(
            settings.out.note(),
            "its token was not revoked on the server; `rocketctl logout --context NAME` does that before removing"
        )?;
    }
    if was_current {
        // docs/cli.md: removing the current context leaves none current, says so, names the others.
        let next = match others.first() {
            Some(first) => {
                format!("; `rocketctl context use {first}` picks one of: {}", others.join(", "))
            }
            None => String::new(),
        };
        writeln!(settings.out.note(), "it was the current context; none is current now{next}")?;
    }
    Ok(())
}

/// Context names for shell completion: quiet, and empty rather than an error.
pub fn print_names(settings: &Settings) -> Result<()> {
    let Ok((_, config)) = settings.load_config() else { return Ok(()) };
    let names: Vec<&str> = config.contexts.keys().map(String::as_str).collect();
    if names.is_empty() {
        return Ok(());
    }
    settings.out.text(&names.join("\n"))
}
