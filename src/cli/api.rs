//! `rocketctl api`: any REST endpoint.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{CurrentPasswordArgs, TwoFactorArgs};

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// The endpoint: a name below /api/v1/ (`users.info`) or a path starting with /api/
    #[arg(value_name = "ENDPOINT", value_parser = EndpointName, hide_possible_values = true)]
    pub endpoint: String,

    /// The HTTP method [default: GET, or POST with -f, -F or --input]
    #[arg(short = 'X', long, value_name = "METHOD", ignore_case = true)]
    pub method: Option<HttpMethod>,

    /// Add a string parameter: KEY=VALUE, KEY[SUB]=VALUE, KEY[]=VALUE (KEY[] alone: an empty
    /// array)
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE")]
    pub raw_fields: Vec<String>,

    /// Add a typed parameter: true, false, null and numbers are sent as JSON values, @FILE
    /// as the file's text (@- reads stdin)
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,

    /// Send the JSON in FILE as the body (- reads stdin); -f and -F become query parameters
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Fetch every page of a count/offset/total endpoint and print one array of the items
    #[arg(long)]
    pub paginate: bool,

    /// Print the status line and the response headers (secrets masked) before the body
    #[arg(short = 'i', long)]
    pub include: bool,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}

/// The methods `rocketctl api -X` sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HttpMethod {
    #[value(name = "GET")]
    Get,
    #[value(name = "POST")]
    Post,
    #[value(name = "PUT")]
    Put,
    #[value(name = "DELETE")]
    Delete,
}

/// Any endpoint is accepted; the documented ones are offered to shell completion.
#[derive(Debug, Clone, Copy)]
pub(super) struct EndpointName;

impl clap::builder::TypedValueParser for EndpointName {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(command, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(crate::endpoints::names().map(clap::builder::PossibleValue::new)))
    }
}
