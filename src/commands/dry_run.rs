//! `--dry-run`, the same for every command: a status line saying what would be done, then the
//! request as it would go on the wire with secrets masked (`client::Description`), or with
//! `-o json` one object: `{"changed": false, "dryRun": true, …what the command adds, "request":
//! {"method", "url", "headers", "body"}}`. A command that sends one request per item
//! (`admin role add`) shows them all, a blank line between two, or `"requests": [...]`.

use std::io::Write as _;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::client::{Client, Description, Request};
use crate::settings::Settings;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DryRunView<T> {
    changed: bool,
    dry_run: bool,
    #[serde(flatten)]
    extra: T,
    request: RequestView,
}

/// The planned request; headers as an object, as HTTP tools show them.
#[derive(Serialize)]
pub(super) struct RequestView {
    method: String,
    url: String,
    headers: Map<String, Value>,
    body: Option<Value>,
}

impl From<Description> for RequestView {
    fn from(described: Description) -> Self {
        let headers = described
            .headers
            .into_iter()
            .map(|(name, value)| (name.to_owned(), Value::String(value)))
            .collect();
        Self {
            method: described.method.to_string(),
            url: described.url,
            headers,
            body: described.body,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DryRunAllView<T> {
    changed: bool,
    dry_run: bool,
    #[serde(flatten)]
    extra: T,
    requests: Vec<RequestView>,
}

/// Nothing a command adds to the JSON of its dry run.
#[derive(Serialize)]
pub struct Nothing {}

/// Say what `request` would do (`would {what}`), and show it; nothing is sent. `extra` is what
/// the command's JSON holds besides (the current record, for a profile change).
pub fn print(
    settings: &Settings,
    client: &Client,
    what: &str,
    request: &Request<'_>,
    extra: impl Serialize,
) -> Result<()> {
    writeln!(settings.out.status(), "dry run: would {what}; nothing was sent")?;
    let described = client.describe(request);
    if settings.out.is_json() {
        let view = DryRunView { changed: false, dry_run: true, extra, request: described.into() };
        return settings.out.json(&view);
    }
    settings.out.text(&described.to_string())
}

/// [`print`] for several requests, in the order they would be sent.
pub fn print_all(
    settings: &Settings,
    client: &Client,
    what: &str,
    requests: &[Request<'_>],
    extra: impl Serialize,
) -> Result<()> {
    writeln!(settings.out.status(), "dry run: would {what}; nothing was sent")?;
    let described = requests.iter().map(|request| client.describe(request));
    if settings.out.is_json() {
        let requests = described.map(RequestView::from).collect();
        let view = DryRunAllView { changed: false, dry_run: true, extra, requests };
        return settings.out.json(&view);
    }
    let texts: Vec<String> = described.map(|described| described.to_string()).collect();
    settings.out.text(&texts.join("\n"))
}
