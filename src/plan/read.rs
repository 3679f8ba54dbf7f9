//! Reading a desired-state file: picking TOML or JSON, and turning a parse error into a usage
//! error that names the file, the line and the key, without quoting the text (which may hold a
//! secret written where it does not belong).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::file::DesiredFile;
use crate::input_file;

/// A desired-state file that cannot be used: exit 2, with its line when it has one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}{}: {message}", line.map(|line| format!(", line {line}")).unwrap_or_default())]
pub struct FileError {
    /// The path as given, or `stdin`.
    pub origin: String,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    /// A name ending in `.json` is JSON. Text without a name (stdin) is JSON when it starts with
    /// `{`, which no TOML document can.
    pub fn detect(name: Option<&Path>, text: &str) -> Self {
        match name {
            Some(path) if path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json")) => {
                Self::Json
            }
            None if text.trim_start().starts_with('{') => Self::Json,
            _ => Self::Toml,
        }
    }
}

/// A parsed file and the directory its relative paths are relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub file: DesiredFile,
    pub origin: String,
    pub base: PathBuf,
}

/// The largest desired-state file read (a few thousand accounts fit in well under 1 MiB).
pub const MAX_FILE_BYTES: u64 = 16 * input_file::MIB;

/// Read `-f FILE`, or stdin for `-`: a regular file or standard input, at most
/// [`MAX_FILE_BYTES`] (docs/cli.md#desired-state).
pub fn load(arg: &Path) -> Result<Loaded, FileError> {
    let stdin = arg == Path::new("-");
    let origin = if stdin { "stdin".to_owned() } else { arg.display().to_string() };
    let text = input_file::read_text(arg, "desired-state file", MAX_FILE_BYTES)
        .map_err(|err| FileError { origin: origin.clone(), line: None, message: err.reason() })?;
    let (name, base) = if stdin {
        (None, PathBuf::from("."))
    } else {
        (Some(arg), arg.parent().map(Path::to_path_buf).unwrap_or_default())
    };
    let file = parse(&text, Format::detect(name, &text), &origin)?;
    Ok(Loaded { file, origin, base })
}

/// Parse and check a file's text.
pub fn parse(text: &str, format: Format, origin: &str) -> Result<DesiredFile, FileError> {
    let error = |line, message: String| FileError { origin: origin.to_owned(), line, message };
    let file: DesiredFile = match format {
        // A long file is read an entry at a time when it can be, to keep memory small.
        Format::Toml if let Some(file) = super::pieces::parse(text) => file,
        Format::Toml => toml::from_str(text).map_err(|err| {
            let line = err.span().map(|span| line_of(text, span.start));
            error(line, without_file_text(err.message().trim_end()))
        })?,
        Format::Json => serde_json::from_str(text).map_err(|err| {
            let suffix = format!(" at line {} column {}", err.line(), err.column());
            let message = err.to_string();
            let message = message.strip_suffix(&suffix).unwrap_or(&message);
            error((err.line() > 0).then_some(err.line()), without_file_text(message))
        })?,
    };
    check(&file).map_err(|message| error(None, message))?;
    Ok(file)
}

/// A parser's message without the file's text in it. serde quotes the value it did not expect
/// (`invalid type: string "…", expected a boolean`) and the key it does not know, and either
/// could be a secret written in the wrong place: keep what was expected, and the keys or values
/// that are allowed (from rocketctl's own types, never from the file). The other messages
/// (syntax errors, rocketctl's own refusals, a missing field) carry no text of the file.
/// The longest unknown key an error shows.
const MAX_KEY_CHARS: usize = 60;

fn without_file_text(message: &str) -> String {
    // The expected part comes last and is rocketctl's own text, so split at its last mention:
    // the file's text before it may say anything, `, expected` included.
    let expected = message.rsplit_once(", expected ").map(|(_, expected)| expected);
    let allowed = || expected.map(names).unwrap_or_default();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // The contract names an unknown key (docs/cli.md): shown escaped and cut, so a key
        // cannot drive the terminal or flood it; a value is never quoted.
        let key = rest.rsplit_once("`, expected").map_or(rest, |(key, _)| key);
        let key = key.trim_end_matches('`');
        let shown: String = crate::output::escape(key).chars().take(MAX_KEY_CHARS).collect();
        return match allowed().as_str() {
            "" => format!("unknown key `{shown}`; no keys are allowed here"),
            keys => format!("unknown key `{shown}`; the keys here are: {keys}"),
        };
    }
    if message.starts_with("unknown variant ") {
        return format!("unknown value; the values here are: {}", allowed());
    }
    if message.starts_with("duplicate field ") {
        return "duplicate key".to_owned();
    }
    let quotes_a_value = ["invalid type: ", "invalid value: ", "invalid length "]
        .iter()
        .any(|start| message.starts_with(start));
    match expected {
        Some(expected) if quotes_a_value => format!("expected {}", kind(expected)),
        None if quotes_a_value => "a value of the wrong type".to_owned(),
        _ => message.to_owned(),
    }
}

/// serde's list of names (`one of `a`, `b``, `` `a` or `b` ``) as `a, b`.
fn names(expected: &str) -> String {
    expected.split('`').skip(1).step_by(2).collect::<Vec<_>>().join(", ")
}

/// serde's name of a type, in the file's words.
fn kind(expected: &str) -> &str {
    match expected {
        "a sequence" => "an array",
        "a map" => "a table",
        _ if expected.starts_with("struct ") => "a table",
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" => "a whole number",
        _ => expected,
    }
}

fn not_blank(target: &str, values: &[&Option<String>; 3]) -> Result<(), String> {
    for (key, value) in ["name", "username", "email"].iter().zip(values) {
        if value.as_ref().is_some_and(|value| value.trim().is_empty()) {
            return Err(format!("{target}: `{key}` must not be empty"));
        }
    }
    Ok(())
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&byte| byte == b'\n').count() + 1
}

/// What serde cannot say: each user once, and no blank name, username or e-mail (the server
/// ignores a blank one, so it could never be reached).
fn check(file: &DesiredFile) -> Result<(), String> {
    if let Some(profile) = &file.profile {
        not_blank("profile", &[&profile.name, &profile.username, &profile.email])?;
    }
    let mut seen = BTreeSet::new();
    for user in &file.users {
        if user.username.trim().is_empty() {
            return Err("`users[].username` must not be empty".into());
        }
        let target = format!("users.{}", user.username);
        not_blank(&target, &[&user.name, &Some(user.username.clone()), &user.email])?;
        if !seen.insert(user.username.as_str()) {
            return Err(format!("`users` lists `{}` more than once", user.username));
        }
        if user.token.as_ref().is_some_and(|token| token.name.is_empty()) {
            return Err(format!("users.{}: `token.name` must not be empty", user.username));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::file::{AvatarSource, PasswordSource};
    use crate::plan::state::Presence;

    fn toml(text: &str) -> Result<DesiredFile, FileError> {
        parse(text, Format::Toml, "bots.toml")
    }

    const FULL: &str = r#"version = 1

[profile]
name = "Release Bot"
presence = "online"
avatar = { file = "avatars/release-bot.png" }
[profile.custom_fields]
team = "release"

[[users]]
username = "deploy-bot"
roles = ["bot"]
active = true
custom_fields = { team = "infra" }
avatar = { url = "https://example.com/a.png" }
password = { env = "DEPLOY_PW" }
token = { name = "ci", bypass_2fa = true, file = "secrets/deploy-bot.token" }

[[users]]
username = "alert-bot"
password = "random"
"#;

    #[test]
    fn the_documented_example_parses() {
        let file = toml(FULL).unwrap();
        let profile = file.profile.unwrap();
        assert_eq!(profile.presence, Some(Presence::Online));
        assert_eq!(profile.avatar, Some(AvatarSource::File("avatars/release-bot.png".into())));
        assert_eq!(profile.custom_fields.unwrap()["team"], "release");
        let deploy = &file.users[0];
        assert_eq!(deploy.password.as_deref(), Some(&PasswordSource::Env("DEPLOY_PW".into())));
        let token = deploy.token.as_ref().unwrap();
        assert!(token.bypass_2fa);
        assert_eq!(file.users[1].password.as_deref(), Some(&PasswordSource::Random));
    }

    #[test]
    fn json_of_the_same_structure_parses_the_same() {
        let file = toml(FULL).unwrap();
        let json = serde_json::to_string_pretty(&file).unwrap();
        assert_eq!(Format::detect(None, &json), Format::Json);
        assert_eq!(parse(&json, Format::Json, "stdin").unwrap(), file);
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let err = toml("version = 1\n[profile]\nname = \"x\"\ncolour = \"red\"\n").unwrap_err();
        assert_eq!(err.line, Some(4));
        let keys = "user_id, username, email, name, nickname, bio, status_text, language, presence, avatar, \
                    custom_fields";
        assert_eq!(err.message, format!("unknown key `colour`; the keys here are: {keys}"));
        assert!(err.to_string().starts_with("bots.toml, line 4: "), "{err}");
        let json = "{\"version\": 1,\n \"users\": [{\"username\": \"a\",\n \"rols\": []}]}";
        let err = parse(json, Format::Json, "bots.json").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(
            err.message.starts_with("unknown key `rols`; the keys here are: username, email,"),
            "{err}"
        );
    }

    #[test]
    fn an_inline_secret_is_refused_with_its_line_and_never_quoted() {
        for value in ["\"hunter2-secret\"", "123456789", "[\"hunter2-secret\"]", "true"] {
            let text = format!("version = 1\n\n[[users]]\nusername = \"a\"\npassword = {value}\n");
            let err = toml(&text).unwrap_err();
            assert_eq!(err.line, Some(5), "{value}: {err}");
            assert!(err.message.contains("never written in the file"), "{err}");
            assert!(!err.to_string().contains("hunter2") && !err.to_string().contains("1234"));
        }
        let json =
            "{\"version\": 1, \"users\": [\n{\"username\": \"a\",\n\"password\": \"hunter2\"}]}";
        let err = parse(json, Format::Json, "bots.json").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(!err.to_string().contains("hunter2"), "{err}");
        let err =
            toml("version = 1\n[[users]]\nusername = \"a\"\ntoken = \"tok-abc\"\n").unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(!err.to_string().contains("tok-abc"), "{err}");
    }

    #[test]
    fn no_value_or_unknown_key_of_the_file_is_quoted() {
        let head = "version = 1\n[[users]]\nusername = \"a\"\n";
        let cases = [
            (
                "token = { name = \"ci\", file = \"t\", bypass_2fa = \"Hunter2\" }",
                "expected a boolean",
            ),
            ("active = \"Hunter2\"", "expected a boolean"),
            ("roles = \"Hunter2\"", "expected an array"),
            ("nickname = 12345678", "expected a string"),
            ("Hidden = \"Hunter2\"", "unknown key `Hidden`; the keys here are: username, email,"),
            (
                "avatar = { file = \"a\", Hidden = \"Hunter2\" }",
                "unknown key `Hidden`; the keys here are: file, url",
            ),
            (
                "avatar = { Hidden = \"Hunter2, expected `secret`\" }",
                "unknown key `Hidden`; the keys here are: file, url",
            ),
        ];
        for (line, says) in cases {
            let err = toml(&format!("{head}{line}\n")).unwrap_err();
            assert_eq!(err.line, Some(4), "{line}: {err}");
            assert!(err.message.starts_with(says), "{line}: {err}");
            assert!(!err.message.contains("Hunter2") && !err.message.contains("1234"), "{err}");
        }
        for text in ["version = \"Hunter2\"\n", "version = 99\n"] {
            let err = toml(text).unwrap_err();
            assert!(!err.message.contains("Hunter2") && !err.message.contains("99"), "{err}");
        }
        let presence = toml("version = 1\n[profile]\npresence = \"Hunter2\"\n").unwrap_err();
        assert_eq!(
            presence.message,
            "unknown value; the values here are: online, away, busy, offline"
        );
        let json = "{\"version\": 1, \"users\": [{\"username\": \"a\", \"active\": \"Hunter2\"}]}";
        assert_eq!(parse(json, Format::Json, "x.json").unwrap_err().message, "expected a boolean");
        let twice = "{\"version\": 1, \"profile\": {\"name\": \"a\", \"name\": \"Hunter2\"}}";
        assert_eq!(parse(twice, Format::Json, "x.json").unwrap_err().message, "duplicate key");
    }

    #[test]
    fn sources_take_exactly_one_key() {
        let both = "version = 1\n[profile]\navatar = { file = \"a\", url = \"b\" }\n";
        assert!(toml(both).unwrap_err().message.contains("exactly one"));
        let none = "version = 1\n[[users]]\nusername = \"a\"\npassword = {}\n";
        assert!(toml(none).unwrap_err().message.contains("exactly one"));
        let extra = "version = 1\n[[users]]\nusername = \"a\"\npassword = { value = \"x\" }\n";
        let err = toml(extra).unwrap_err();
        assert_eq!(err.message, "unknown key `value`; the keys here are: file, env");
    }

    #[test]
    fn version_users_and_presence_are_checked() {
        assert_eq!(toml("version = 2\n").unwrap_err().line, Some(1));
        assert!(toml("[profile]\nname = \"x\"\n").unwrap_err().message.contains("version"));
        assert!(toml("version = 1\n[profile]\npresence = \"asleep\"\n").is_err());
        let twice = "version = 1\n[[users]]\nusername = \"a\"\n[[users]]\nusername = \"a\"\n";
        assert!(toml(twice).unwrap_err().message.contains("more than once"));
        assert!(
            toml("version = 1\n[[users]]\nname = \"x\"\n")
                .unwrap_err()
                .message
                .contains("username")
        );
    }

    #[test]
    fn format_follows_the_name_or_the_first_character() {
        assert_eq!(Format::detect(Some(Path::new("a/B.JSON")), "version = 1"), Format::Json);
        assert_eq!(Format::detect(Some(Path::new("a.toml")), "{}"), Format::Toml);
        assert_eq!(Format::detect(None, "  \n{\"version\": 1}"), Format::Json);
        assert_eq!(Format::detect(None, "version = 1"), Format::Toml);
    }
}
