//! `admin setting show | set` (docs/cli.md, "Roles, permissions and settings"): a new value is
//! typed as the current one is, nothing is sent when it would not change, and a sensitive
//! setting's value is read like a secret, never printed and masked wherever a request is shown.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::accounts::second_factor::{Answers, given_code};
use crate::accounts::settings::{self as server_settings, is_sensitive, json_value, same};
use crate::api;
use crate::cli::{SettingCommand, SettingSetArgs};
use crate::commands::{dry_run, logged_in_client};
use crate::exit::{Exit, Failure};
use crate::input::{SETTING_VALUE, SecretInput, strip_one_line_ending};
use crate::output::escape;
use crate::secret::Secret;
use crate::settings::Settings;

/// Largest value read from stdin or a file for a setting that is not sensitive.
const MAX_VALUE_BYTES: u64 = 1024 * 1024;

pub fn run(settings: &Settings, command: SettingCommand) -> Result<()> {
    match command {
        SettingCommand::Show { ids } => show(settings, &ids),
        SettingCommand::Set(args) => set(settings, args),
    }
}

fn show(settings: &Settings, ids: &[String]) -> Result<()> {
    for id in ids {
        server_settings::check_id(id)?;
    }
    let (client, _) = logged_in_client(settings)?;
    let (mut values, mut unknown): (Vec<(&str, Value)>, Vec<String>) = (Vec::new(), Vec::new());
    for id in ids {
        if values.iter().any(|(seen, _)| seen == id) || unknown.contains(id) {
            continue;
        }
        match server_settings::read(&client, id)? {
            Some(value) => values.push((id, value)),
            None => unknown.push(escape(id)),
        }
    }
    if !unknown.is_empty() {
        let plural = if unknown.len() == 1 { "setting" } else { "settings" };
        return Err(Failure::new(
            Exit::Failure,
            format!("the server has no {plural} {} (or hides it)", unknown.join(", ")),
        )
        .hint("setting ids are case-sensitive, as Administration > Settings shows them")
        .into());
    }
    if settings.out.is_json() {
        let object: Map<String, Value> =
            values.iter().map(|(id, value)| ((*id).to_owned(), json_value(id, value))).collect();
        return settings.out.json(&object);
    }
    let rows: Vec<Vec<String>> = values
        .iter()
        .map(|(id, value)| vec![(*id).to_owned(), server_settings::shown(id, value)])
        .collect();
    settings.out.table(&["ID", "VALUE"], &rows)
}

/// `-o json` of `set` (and of its dry run, beside the request).
#[derive(Serialize)]
struct Changed<'a> {
    changed: bool,
    id: &'a str,
    value: Value,
}

#[derive(Serialize)]
struct Planned<'a> {
    id: &'a str,
    value: Value,
}

fn set(settings: &Settings, args: SettingSetArgs) -> Result<()> {
    let id = args.id.as_str();
    server_settings::check_id(id)?;
    let sensitive = is_sensitive(id);
    if sensitive && args.value.is_some() {
        return Err(Failure::usage(format!(
            "{} is sensitive: its value is never taken from the command line",
            escape(id)
        ))
        .hint("pass it with `--value-stdin` or `--value-file FILE`")
        .into());
    }
    let text = new_text(settings, &args, sensitive)?;
    let code = given_code(args.two_factor.code)?;
    let own =
        settings.current_password_input(args.password.password_stdin, args.password.password_file);
    let (client, _) = logged_in_client(settings)?;
    let current = server_settings::read_known(&client, id)?;
    let value = typed(&current, text, sensitive)?;
    if same(&current, &value) {
        let held = summary(id, &current);
        writeln!(settings.out.status(), "nothing to change: {} already holds {held}", escape(id))?;
        return print(settings, &Changed { changed: false, id, value: json_value(id, &current) });
    }
    if args.dry_run {
        let request = api::set_setting_request(id, &value, sensitive, None)?;
        let what = format!("set {} to {}", escape(id), summary(id, &value));
        let planned = Planned { id, value: json_value(id, &value) };
        return dry_run::print(settings, &client, &what, &request, planned);
    }
    let mut answers = Answers::read(&settings.out, settings.can_prompt, own, code)?;
    let after = server_settings::set(&client, id, &value, &mut answers)?;
    let line = if sensitive {
        format!("Changed {} {}", escape(id), server_settings::SENSITIVE)
    } else {
        format!("Changed {} from {} to {}", escape(id), summary(id, &current), summary(id, &after))
    };
    writeln!(settings.out.status(), "{line}")?;
    print(settings, &Changed { changed: true, id, value: json_value(id, &after) })
}

/// The new value's text, before anything is sent: the argument, or what stdin or the file
/// holds (one line ending removed). A sensitive one is read like a secret (bounded, a file
/// readable by others warned about, empty refused) and registered once its type is known.
fn new_text(
    settings: &Settings,
    args: &SettingSetArgs,
    sensitive: bool,
) -> Result<Zeroizing<String>> {
    if let Some(value) = &args.value {
        return Ok(Zeroizing::new(value.clone()));
    }
    if !args.value_stdin && args.value_file.is_none() {
        let ways = if sensitive { "" } else { "VALUE, " };
        return Err(Failure::usage("no new value given")
            .hint(format!("give it as {ways}`--value-stdin` or `--value-file FILE`"))
            .into());
    }
    let input = SecretInput {
        stdin: args.value_stdin,
        file: args.value_file.clone(),
        ..SecretInput::default()
    };
    if sensitive {
        return SETTING_VALUE.read_unregistered(&input, &settings.out);
    }
    let bytes = match &input.file {
        Some(path) => crate::input_file::read(path, "setting value file", MAX_VALUE_BYTES),
        None => crate::input_file::read_stdin("setting value", MAX_VALUE_BYTES),
    }
    .map_err(|err| Failure::usage(err.to_string()))?;
    let mut text = String::from_utf8(bytes)
        .map_err(|_| Failure::usage("the setting value is not valid UTF-8"))?;
    strip_one_line_ending(&mut text);
    Ok(Zeroizing::new(text))
}

/// The text typed as the current value is. A sensitive text value becomes a [`Secret`] here, so
/// no later line of output can hold it.
fn typed(current: &Value, mut text: Zeroizing<String>, sensitive: bool) -> Result<Value> {
    let value = server_settings::typed(current, &text)?;
    if sensitive && value.is_string() {
        let secret = Secret::new(std::mem::take(&mut *text));
        return Ok(Value::String(secret.expose().to_owned()));
    }
    Ok(value)
}

/// A value in a summary line: JSON (text in quotes), or `(sensitive)`.
fn summary(id: &str, value: &Value) -> String {
    if is_sensitive(id) {
        server_settings::SENSITIVE.to_owned()
    } else {
        escape(&value.to_string())
    }
}

fn print(settings: &Settings, view: &Changed<'_>) -> Result<()> {
    if settings.out.is_json() {
        return settings.out.json(view);
    }
    Ok(())
}
