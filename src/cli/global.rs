//! The global options every command takes, and their value types.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::jq::Expression;

/// `--jq EXPR`: an expression that does not parse is a usage error before anything is sent.
fn jq_expression(code: &str) -> Result<Expression, String> {
    Expression::parse(code).map_err(|problem| format!("not a jq expression: {problem}"))
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use this stored context instead of the current one
    #[arg(
        long,
        global = true,
        value_name = "CONTEXT",
        env = "ROCKETCTL_CONTEXT",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub context: Option<String>,

    /// Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env:
    /// ROCKETCHAT_URL]
    // Not `env = …`: the environment ranks below a stored context named by --context, which
    // `settings.rs` decides; the note only documents it.
    #[arg(long, global = true, value_name = "URL", help_heading = "Global options")]
    pub server: Option<String>,

    /// Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "ROCKETCTL_CONFIG",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,

    /// Output format for data on stdout
    #[arg(
        short = 'o',
        long,
        global = true,
        value_name = "FORMAT",
        default_value = "table",
        help_heading = "Global options"
    )]
    pub output: OutputFormat,

    /// Same as `--output json`
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,

    /// Filter the JSON output through a jq expression (implies -o json); each result on its
    /// own line, strings without quotes
    #[arg(
        long,
        global = true,
        value_name = "EXPR",
        value_parser = jq_expression,
        help_heading = "Global options"
    )]
    pub jq: Option<Expression>,

    /// Never prompt; fail when a secret or code is missing
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_input: bool,

    /// Print only data and errors
    #[arg(
        short = 'q',
        long,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Global options"
    )]
    pub quiet: bool,

    /// Trace HTTP requests and responses on stderr, secrets redacted
    #[arg(short = 'v', long, global = true, help_heading = "Global options")]
    pub verbose: bool,

    /// Seconds to wait for the server before giving up
    #[arg(long, global = true, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600), help_heading = "Global options")]
    pub timeout: u64,

    /// Extra trusted root certificate (PEM) for a private CA
    #[arg(long, global = true, value_name = "FILE", help_heading = "Global options")]
    pub ca_cert: Option<PathBuf>,

    /// Skip TLS certificate verification (insecure; warns on every run)
    #[arg(long, global = true, help_heading = "Global options")]
    pub insecure: bool,

    /// Longest total wait, in seconds, for rate limits in one command before exit code 8
    #[arg(
        long,
        global = true,
        value_name = "SECS",
        default_value_t = 90,
        help_heading = "Global options"
    )]
    pub max_wait: u64,

    /// When to use colour (stderr labels, bold table headers)
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        default_value = "auto",
        help_heading = "Global options"
    )]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable table
    Table,
    /// One JSON document
    Json,
}

/// Where `login` keeps the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreChoice {
    /// The system keyring when one answers, else the config file (saying so)
    Auto,
    /// The system keyring (Secret Service), or fail
    Keyring,
    /// The config file (mode 0600)
    File,
}

impl From<StoreChoice> for crate::credentials::StoreChoice {
    fn from(choice: StoreChoice) -> Self {
        match choice {
            StoreChoice::Auto => Self::Auto,
            StoreChoice::Keyring => Self::Keyring,
            StoreChoice::File => Self::File,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour (and bold table headers) on a terminal when NO_COLOR is not set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}
