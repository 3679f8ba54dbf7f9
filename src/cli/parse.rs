//! Building and parsing the command line: the short help of subcommands points to
//! `rocketctl help options` instead of repeating the global options, hidden commands never
//! show, and a usage error says what its JSON object under `-o json` holds. Nothing here
//! prints: `main` prints what [`parse`] gives back.

use clap::{CommandFactory, FromArgMatches};

use super::Cli;

/// Every subcommand's help ends its options with this line instead of repeating the globals.
pub(super) const GLOBAL_OPTIONS_LINE: &str =
    "Global options (--context, --server, -o, -q, -v, …): run `rocketctl help options`";

/// The command tree as parsed and shown by `--help`: the global options are hidden (they are
/// still accepted everywhere) and one line points to `rocketctl help options`, as kubectl does.
pub fn command() -> clap::Command {
    let command =
        Cli::command().mut_args(|arg| if arg.is_global_set() { arg.hide(true) } else { arg });
    point_to_global_options(command)
}

/// One help layout for `-h`, `--help` and `rocketctl help`: the full description and the
/// examples, with one line per option. (clap's long layout takes two to four lines an option,
/// which puts `profile update` well past a screen.)
fn point_to_global_options(command: clap::Command) -> clap::Command {
    let template = format!(
        "{{before-help}}{{usage-heading}} {{usage}}\n\n{{all-args}}\n\n{GLOBAL_OPTIONS_LINE}{{after-help}}"
    );
    let description = command.get_long_about().or_else(|| command.get_about()).cloned();
    let examples = command.get_after_long_help().or_else(|| command.get_after_help()).cloned();
    let help = clap::Arg::new("help")
        .short('h')
        .long("help")
        .action(clap::ArgAction::HelpShort)
        .help("Print help");
    let names: Vec<String> =
        command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    let command = command
        .help_template(template)
        .before_help(description.unwrap_or_default())
        .after_help(examples.unwrap_or_default())
        .disable_help_flag(true)
        .arg(help);
    names
        .iter()
        .fold(command, |command, name| command.mut_subcommand(name, point_to_global_options))
}

/// clap lists and suggests hidden subcommands in usage errors; leave them out.
fn without_hidden_commands(err: clap::Error, command: &clap::Command) -> clap::Error {
    use clap::error::ContextValue;
    let hidden: Vec<&str> = command
        .get_subcommands()
        .filter(|sub| sub.is_hide_set())
        .map(|sub| sub.get_name())
        .collect();
    let names_hidden = |value: &ContextValue| match value {
        ContextValue::String(name) => hidden.contains(&name.as_str()),
        ContextValue::Strings(names) => names.iter().any(|name| hidden.contains(&name.as_str())),
        _ => false,
    };
    if !err.context().any(|(_, value)| names_hidden(value)) {
        return err;
    }
    let mut clean = clap::Error::new(err.kind()).with_cmd(command);
    for (kind, value) in err.context() {
        let value = match value {
            ContextValue::String(name) if hidden.contains(&name.as_str()) => continue,
            ContextValue::Strings(names) => ContextValue::Strings(
                names.iter().filter(|name| !hidden.contains(&name.as_str())).cloned().collect(),
            ),
            other => other.clone(),
        };
        if !matches!(&value, ContextValue::Strings(names) if names.is_empty()) {
            clean.insert(kind, value);
        }
    }
    clean
}

/// The command tree with the global options visible, for the man page and completions.
pub fn full_command() -> clap::Command {
    Cli::command()
}

/// The global options alone, for `rocketctl help options`.
pub fn global_options() -> clap::Command {
    let globals = Cli::command()
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .cloned()
        .collect::<Vec<_>>();
    clap::Command::new("rocketctl")
        .max_term_width(80)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .args(globals.into_iter().map(|arg| arg.help_heading(None)))
        .help_template("The following options can be passed to any command:\n\n{options}")
}

/// Parse the command line. Bare `rocketctl` is `rocketctl --help`: the help, and success, as
/// gh does. An `Err` is clap's help, version or usage error, for `main` to print (clap prints
/// help to stdout and errors to stderr) and to exit with its code.
pub fn parse() -> Result<Cli, clap::Error> {
    let mut command = command();
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() <= 1 {
        args.push("--help".into());
    }
    let matches = command
        .try_get_matches_from_mut(args)
        .map_err(|err| without_hidden_commands(err, &command))?;
    Cli::from_arg_matches(&matches).map_err(|err| err.format(&mut command))
}

/// docs/cli.md: with `-o json` every failure is also a JSON object on stdout, usage errors
/// included. What that object says about a usage error: its message, exit code and tips; `None`
/// for help and version, and without `-o json`.
pub struct UsageError {
    pub message: String,
    pub exit_code: u8,
    pub hints: Vec<String>,
}

impl UsageError {
    /// The arguments are not parsed (that is what failed), so the flag is looked for as
    /// written: `--json`, `-o json`, `-ojson`, `--output json`, `--output=json`, and `--jq`
    /// (which implies JSON; its error object is never filtered).
    pub fn for_json(err: &clap::Error) -> Option<Self> {
        use clap::error::ErrorKind;
        if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) || !wants_json()
        {
            return None;
        }
        let rendered = err.render().to_string();
        let mut lines = rendered.lines().map(str::trim);
        let message = lines.next().unwrap_or_default().trim_start_matches("error: ").to_owned();
        let hints: Vec<String> =
            lines.filter_map(|line| line.strip_prefix("tip: ")).map(str::to_owned).collect();
        Some(Self { message, exit_code: u8::try_from(err.exit_code()).unwrap_or(2), hints })
    }
}

fn wants_json() -> bool {
    let args: Vec<String> =
        std::env::args_os().skip(1).map(|arg| arg.to_string_lossy().into_owned()).collect();
    args.iter().enumerate().any(|(index, arg)| {
        matches!(arg.as_str(), "--json" | "-ojson" | "--output=json" | "--jq")
            || arg.starts_with("--jq=")
            || (matches!(arg.as_str(), "-o" | "--output")
                && args.get(index + 1).map(String::as_str) == Some("json"))
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_tree_is_consistent() {
        super::Cli::command().debug_assert();
        super::command().debug_assert();
    }
}
