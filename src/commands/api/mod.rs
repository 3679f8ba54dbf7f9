//! `rocketctl api`: any Rocket.Chat REST endpoint, with the stored credentials, the two-factor
//! dance, rate limits waited out and `services` removed from what is printed (docs/cli.md).

mod fields;
mod paginate;
mod scrub;

use std::io::Read as _;
use std::path::Path;

use anyhow::{Context as _, Result};
use serde_json::Value;

use self::fields::Field;
use self::paginate::{Next, Pages};
use crate::api::{self, ApiError, Call, ErrorType, Method, Reply, TwoFactor, TwoFactorMethod};
use crate::cli::{ApiArgs, HttpMethod};
use crate::client::Client;
use crate::commands::logged_in_client;
use crate::commands::two_factor::{ask_for_code, given_code, method_asked};
use crate::exit::{Exit, Failure};
use crate::input::{CURRENT_PASSWORD, SecretInput};
use crate::output::escape;
use crate::secret::Secret;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: ApiArgs) -> Result<()> {
    let call = prepare(&args)?;
    let mut code = given_code(args.two_factor.code)?;
    let password =
        settings.current_password_input(args.password.password_stdin, args.password.password_file);
    let (client, _target) = logged_in_client(settings)?;
    let mut sender = Sender { settings, client: &client, code: &mut code, password: &password };
    if args.paginate {
        return paginate(settings, &mut sender, call, args.include);
    }
    let reply = sender.send(&call)?;
    if args.include {
        print_head(settings, &reply)?;
    }
    print_body(settings, reply.body)
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
        return Err(Failure::usage("--paginate pages through GET answers only").into());
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
    Ok(Call::new(method, &args.endpoint, query, body))
}

fn reads_stdin(fields: &[String]) -> bool {
    fields.iter().any(|field| field.split_once('=').is_some_and(|(_, value)| value == "@-"))
}

/// `-F KEY=@FILE`: the file's bytes; `@-` reads standard input.
fn read_file(path: &str) -> std::io::Result<Vec<u8>> {
    read_path(Path::new(path))
}

/// A file's bytes; `-` is standard input.
fn read_path(path: &Path) -> std::io::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    std::fs::read(path)
}

/// `--input FILE|-`: a JSON document, checked here so a typo fails before anything is sent.
fn read_input(path: &Path) -> Result<Value> {
    let shown = path.display().to_string();
    let bytes = read_path(path)
        .with_context(|| format!("cannot read --input `{shown}`"))
        .map_err(|err| Failure::usage(format!("{err:#}")))?;
    serde_json::from_slice(&bytes)
        .map_err(|err| Failure::usage(format!("--input `{shown}` is not JSON: {err}")).into())
}

/// Sends calls, answering a two-factor challenge once per call.
struct Sender<'a> {
    settings: &'a Settings,
    client: &'a Client,
    /// `--2fa-code`: used by the first challenge, then gone (codes are one-time).
    code: &'a mut Option<Secret>,
    password: &'a SecretInput,
}

impl Sender<'_> {
    /// Send; on `totp-required`, get the factor the server names and send once more. A 429 is
    /// waited out by the client; a change is never resent after it may have reached the server.
    fn send(&mut self, call: &Call) -> Result<Reply> {
        let err = match api::call(self.client, call, None) {
            Ok(reply) => return Ok(reply),
            Err(err) => err,
        };
        if err.error_type() != Some(&ErrorType::TotpRequired) {
            return Err(unsettled(call, err));
        }
        let two_factor = self.factor_for(&err)?;
        api::call(self.client, call, Some(&two_factor)).map_err(|err| unsettled(call, err))
    }

    fn factor_for(&mut self, err: &ApiError) -> Result<TwoFactor> {
        let method = method_asked(err)?;
        if method == TwoFactorMethod::Password {
            return self.password_factor(method);
        }
        let (method, code) = match self.code.take() {
            Some(code) => (method, code),
            None => ask_for_code(self.settings, err)?,
        };
        Ok(TwoFactor::new(method, code)?)
    }

    /// No second factor set up: the server takes the current password's digest instead. Asked
    /// for only after a request, so a missing password is exit 4 (docs/cli.md), not 2.
    fn password_factor(&self, method: TwoFactorMethod) -> Result<TwoFactor> {
        let (settings, input) = (self.settings, self.password);
        let given = input.stdin || input.file.is_some() || input.env.borrow().is_some();
        if !given && !settings.can_prompt {
            return Err(Failure::new(
                Exit::VerificationFailed,
                "the server asks for your current password to confirm this request",
            )
            .hint("pass --password-stdin or --password-file FILE, or set ROCKETCHAT_PASSWORD")
            .into());
        }
        let password = CURRENT_PASSWORD.read(input, settings.can_prompt, &settings.out)?;
        Ok(TwoFactor::new(method, password.sha256_hex())?)
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

/// `--paginate`: each page once, then one array of every page's items.
fn paginate(
    settings: &Settings,
    sender: &mut Sender<'_>,
    mut call: Call,
    include: bool,
) -> Result<()> {
    let mut pages = Pages::new();
    loop {
        let reply = sender.send(&call)?;
        if include {
            print_head(settings, &reply)?;
        }
        let next = pages.add(reply.body).map_err(|err| {
            Failure::new(Exit::Failure, format!("cannot page through `{}`: {err}", call.path))
                .hint("drop --paginate to see the answer as it is")
        })?;
        match next {
            Next::Fetch(offset) => paginate::set_offset(&mut call.query, offset),
            Next::Done => return print_body(settings, pages.into_items()),
        }
    }
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
    settings.out.answer_json(&body)
}
