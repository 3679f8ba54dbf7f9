//! `rocketctl api`: any Rocket.Chat REST endpoint, with the stored credentials, the two-factor
//! dance, rate limits waited out and `services` removed from what is printed (docs/cli.md).

mod fields;
mod scrub;

use std::path::Path;

use anyhow::Result;
use serde_json::Value;

use self::fields::Field;
use crate::accounts::second_factor::{Answers, Challenge, Sent, given_code};
use crate::api::{self, ApiError, Call, Items, Method, Pager, Reply};
use crate::cli::{ApiArgs, HttpMethod};
use crate::client::Client;
use crate::commands::{logged_in_client, page_limits};
use crate::exit::{Exit, Failure};
use crate::input_file;
use crate::output::escape;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: ApiArgs) -> Result<()> {
    let call = prepare(&args)?;
    let code = given_code(args.two_factor.code)?;
    let password =
        settings.current_password_input(args.password.password_stdin, args.password.password_file);
    let (client, _target) = logged_in_client(settings)?;
    let answers = Answers::read(&settings.out, settings.can_prompt, password, code)?;
    let mut sender = Sender { client: &client, answers };
    let done = if args.paginate {
        paginate(settings, &mut sender, call, args.include)
    } else {
        sender.send(&call).and_then(|reply| {
            if args.include {
                print_head(settings, &reply)?;
            }
            print_body(settings, reply.body)
        })
    };
    done.map_err(|err| not_found(&args.endpoint, err))
}

/// A 404 for a name below the REST prefix may be a route outside it (`info` is `/api/info`).
fn not_found(endpoint: &str, err: anyhow::Error) -> anyhow::Error {
    let is_404 = matches!(err.downcast_ref(), Some(ApiError::Unexpected { status: 404, .. }));
    if !is_404 || endpoint.starts_with('/') {
        return err;
    }
    Failure::new(Exit::Failure, err.to_string()).hint(api::not_found_hint(endpoint)).into()
}

/// Everything read from the command line and local files, before any request: a bad field or
/// an unreadable file is a usage error with nothing sent.
fn prepare(args: &ApiArgs) -> Result<Call> {
    let input_is_stdin = args.input.as_deref() == Some(Path::new("-"));
    let readers = [input_is_stdin, args.password.password_stdin, reads_stdin(&args.fields)];
    if readers.iter().filter(|reads| **reads).count() > 1 {
        return Err(Failure::usage(
            "only one of --input -, --password-stdin and -F KEY=@- can read standard input",
        )
        .into());
    }
    let mut given: Vec<Field> = args.raw_fields.iter().map(Field::raw).collect();
    given.extend(args.fields.iter().map(Field::typed));
    let fields =
        fields::build(&given, &mut read_file).map_err(|err| Failure::usage(err.to_string()))?;
    let input = args.input.as_deref().map(read_input).transpose()?;
    let method = match args.method {
        Some(method) => method,
        None if input.is_some() || !given.is_empty() => HttpMethod::Post,
        None => HttpMethod::Get,
    };
    if args.paginate && method != HttpMethod::Get {
        let failure = Failure::usage("--paginate pages through GET answers only");
        // As in gh, fields make the request a POST unless -X says otherwise.
        let hinted = if args.method.is_none() && args.input.is_none() {
            failure.hint("-f and -F make the request a POST; add `-X GET` to send them as query parameters of every page")
        } else {
            failure
        };
        return Err(hinted.into());
    }
    let method = match method {
        HttpMethod::Get => Method::Get,
        HttpMethod::Post => Method::Post,
        HttpMethod::Put => Method::Put,
        HttpMethod::Delete => Method::Delete,
    };
    // As gh does: fields go in the query for a GET and beside an --input body.
    let (query, body) = match input {
        Some(body) => (fields::query_pairs(&fields), Some(body)),
        None if method == Method::Get => (fields::query_pairs(&fields), None),
        None if fields.is_empty() => (Vec::new(), None),
        None => (Vec::new(), Some(Value::Object(fields))),
    };
    Call::new(method, &args.endpoint, query, body)
        .map_err(|err| Failure::usage(escape(&err.to_string())).into())
}

fn reads_stdin(fields: &[String]) -> bool {
    fields.iter().any(|field| field.split_once('=').is_some_and(|(_, value)| value == "@-"))
}

/// The most `--input` or one `-F KEY=@FILE` reads (docs/cli.md#the-api-command).
const MAX_INPUT_BYTES: u64 = 16 * input_file::MIB;

/// `-F KEY=@FILE`: the file's bytes; `@-` reads standard input.
fn read_file(path: &str) -> std::io::Result<Vec<u8>> {
    input_file::read_file_or_stdin(Path::new(path), "file", MAX_INPUT_BYTES)
        .map_err(|err| std::io::Error::other(err.reason()))
}

/// `--input FILE|-`: a JSON document, checked here so a typo fails before anything is sent.
fn read_input(path: &Path) -> Result<Value> {
    let shown = path.display().to_string();
    let bytes =
        input_file::read_file_or_stdin(path, "--input file", MAX_INPUT_BYTES).map_err(|err| {
            Failure::usage(format!("cannot read --input `{shown}`: {}", err.reason()))
        })?;
    serde_json::from_slice(&bytes)
        .map_err(|err| Failure::usage(format!("--input `{shown}` is not JSON: {err}")).into())
}

/// Sends calls, answering a two-factor challenge through the one driver: a code given is used
/// by the first challenge (codes are one-time), the password when the server asks for it.
struct Sender<'a, 'o> {
    client: &'a Client,
    answers: Answers<'o>,
}

impl Sender<'_, '_> {
    /// A 429 is waited out by the client; a change is never resent after it may have reached
    /// the server.
    fn send(&mut self, call: &Call) -> Result<Reply> {
        let client = self.client;
        let sent = Challenge::new(&mut self.answers)
            .send(|proof| api::call(client, call, proof.header()))?;
        match sent {
            Sent::Done(reply) => Ok(reply),
            Sent::Refused(err) => Err(unsettled(call, err)),
        }
    }
}

/// A change sent with no answer back may or may not have been made: exit 9, not a retry. (An
/// odd answer did come back; it stays exit 1.)
fn unsettled(call: &Call, err: ApiError) -> anyhow::Error {
    if call.method == Method::Get || !matches!(err, ApiError::Transport { sent: true, .. }) {
        return err.into();
    }
    Failure::new(
        Exit::OutcomeUnknown,
        format!("{} {} may or may not have been carried out: {err}", call.method, call.path),
    )
    .hint("read the state back before sending it again")
    .into()
}

/// `--paginate`: each page once, checked and bounded by the pager (docs/cli.md), then one array
/// of every page's items.
fn paginate(
    settings: &Settings,
    sender: &mut Sender<'_, '_>,
    mut call: Call,
    include: bool,
) -> Result<()> {
    let mut pager = Pager::new(Items::OnlyArray, call.offset(), page_limits(settings));
    let mut items = Vec::new();
    // The first page is asked for as the user wrote it; the pager says where the others start.
    let mut first = true;
    while let Some(offset) = pager.next_offset() {
        if !std::mem::take(&mut first) {
            call.set_offset(offset);
        }
        let reply = sender.send(&call)?;
        if include {
            print_head(settings, &reply)?;
        }
        let page = pager.accept(reply.body).map_err(|err| {
            Failure::new(Exit::Failure, format!("cannot page through `{}`: {err}", call.path))
                .hint("drop --paginate to see the answer as it is")
        })?;
        items.extend(page);
    }
    print_body(settings, Value::Array(items))
}

/// `-i`: the status line and the headers, sorted by name as gh prints them, then a blank line.
fn print_head(settings: &Settings, reply: &Reply) -> Result<()> {
    let mut headers: Vec<&(String, String)> = reply.headers.iter().collect();
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = format!("{}\n", escape(&reply.status_line));
    for (name, value) in headers {
        text.push_str(&format!("{}: {}\n", escape(name), escape(value)));
    }
    text.push('\n');
    settings.out.text(&text)
}

fn print_body(settings: &Settings, mut body: Value) -> Result<()> {
    scrub::remove_services(&mut body);
    settings.out.answer_json(body)
}
