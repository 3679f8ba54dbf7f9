//! Paging is checked and bounded (docs/security.md G1, G2): `admin user list` and
//! `api --paginate` against hostile `users.list` servers that ignore `offset`, answer the same
//! page again, claim a total of 10^12, or keep promising more than they give. Each ends with
//! exit 1 naming what the server did, after a bounded number of requests.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::common::{Ran, TestEnv, run};
use crate::support::http::{HttpServer, Reply, Request, Response};
use crate::support::{Mode, StandIn};

/// How a hostile server answers the page asked for at `offset`: its offset, users and total.
type Answer = fn(u64) -> (u64, Vec<Value>, u64);

/// A server whose `users.list` (and `things.list`, for `api`) answers with `answer`; every
/// request's offset is recorded.
struct Hostile {
    server: HttpServer,
    asked: Arc<Mutex<Vec<u64>>>,
}

impl Hostile {
    fn start(answer: Answer) -> Self {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&asked);
        let handler = Arc::new(move |request: &Request| {
            let query = request.query.as_deref().unwrap_or_default();
            let offset = url::form_urlencoded::parse(query.as_bytes())
                .find(|(name, _)| name == "offset")
                .and_then(|(_, value)| value.parse().ok())
                .unwrap_or(0);
            log.lock().unwrap().push(offset);
            let (answered, users, total) = answer(offset);
            let body = json!({
                "users": users, "count": users.len(), "offset": answered, "total": total,
                "success": true,
            });
            Reply::Send(Response::json(200, &body))
        });
        Self { server: HttpServer::bind(0, handler).expect("the server binds"), asked }
    }

    /// `rocketctl ARGS` with environment credentials for this server.
    fn run(&self, args: &[&str], limits: Option<&str>) -> Ran {
        // The stand-in only provides the environment; nothing is sent to it.
        let env = TestEnv::with_server(StandIn::start(Mode::V8));
        let mut cmd = env.cmd();
        cmd.env("ROCKETCHAT_URL", format!("http://{}", self.server.addr))
            .env("ROCKETCHAT_USER_ID", "u1")
            .env("ROCKETCHAT_AUTH_TOKEN", "token-1")
            .args(args);
        if let Some(limits) = limits {
            cmd.env("ROCKETCTL_TEST_PAGE_LIMITS", limits);
        }
        let ran = run(&mut cmd);
        assert!(env.server.requests().is_empty());
        ran
    }

    /// The offsets asked for since the last call, forgotten.
    fn asked(&self) -> Vec<u64> {
        std::mem::take(&mut *self.asked.lock().unwrap())
    }
}

fn users(from: u64, count: u64) -> Vec<Value> {
    (from..from + count).map(|i| json!({"username": format!("u{i:05}"), "bio": "x"})).collect()
}

const COMMANDS: [&[&str]; 2] = [&["admin", "user", "list"], &["api", "users.list", "--paginate"]];

/// Each command exits 1 saying `says`, after asking for exactly the offsets `asked`.
fn ends(server: &Hostile, limits: Option<&str>, says: &str, asked: &[u64]) {
    for args in COMMANDS {
        let ran = server.run(args, limits);
        assert_eq!(ran.code, 1, "{args:?}: {ran:?}");
        assert!(ran.stderr.contains(says), "{args:?} should say {says:?}: {ran:?}");
        assert_eq!(ran.stdout, "", "{args:?}: nothing is printed of a partial list");
        assert_eq!(server.asked(), asked, "{args:?}");
    }
}

#[test]
fn g1_a_server_that_ignores_offset_is_caught_on_the_second_page() {
    let server = Hostile::start(|_| (0, users(0, 100), 300));
    let says =
        "the server ignores `offset`: asked for the page at offset 100, it answered offset 0";
    ends(&server, None, says, &[0, 100]);
}

#[test]
fn g1_the_same_page_again_under_the_offset_asked_for_is_caught() {
    let server = Hostile::start(|offset| (offset, users(0, 100), 300));
    let says =
        "the server ignores `offset`: asked for offset 100, it answered the page before again";
    ends(&server, None, says, &[0, 100]);
}

#[test]
fn g2_a_total_of_a_trillion_is_refused_with_the_first_page() {
    let server = Hostile::start(|offset| (offset, users(offset, 1), 1_000_000_000_000));
    let says = "the server says there are 1000000000000 items from offset 0, more than the 100000 \
                rocketctl reads";
    ends(&server, None, says, &[0]);
}

#[test]
fn g2_a_total_that_keeps_running_ahead_ends_at_the_page_and_byte_limits() {
    // Honest offsets, one user a page, and always two more promised.
    let server = Hostile::start(|offset| (offset, users(offset, 1), offset + 2));
    let says = "stopped after 5 pages, and the server's `total` (6) promises more";
    ends(&server, Some("5,100000,67108864"), says, &[0, 1, 2, 3, 4]);
    // Each page's items are 33 bytes of JSON: the second reaches 64.
    let says = "stopped after 64 bytes of items, and the server's `total` (3) promises more";
    ends(&server, Some("2000,100000,64"), says, &[0, 1]);
}

#[test]
fn g2_limits_that_are_not_reached_change_nothing() {
    let server = Hostile::start(|offset| (offset, users(offset, 100.min(250 - offset)), 250));
    for args in COMMANDS {
        let ran = server.run(&[args, &["-o", "json"]].concat(), Some("3,250,1048576"));
        assert_eq!(ran.code, 0, "{args:?}: {ran:?}");
        let listed: Value = serde_json::from_str(&ran.stdout).expect("JSON");
        assert_eq!(listed.as_array().map(Vec::len), Some(250), "{args:?}");
        assert_eq!(server.asked(), [0, 100, 200], "{args:?}");
    }
}
