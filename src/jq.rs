//! `--jq EXPR`: a jq expression checked when the command line is read and applied to the JSON
//! document a command prints (docs/cli.md#--jq-expr), with an embedded jq (jaq). A leaf: it
//! imports nothing of the crate; `output.rs` escapes and scrubs what it gives back.
//!
//! The language is jq's core and its standard definitions (paths, `.[]`, pipes, `select`,
//! `map`, object and array construction, comparisons, string interpolation, `length`, `keys`,
//! `sort_by`, …). Left out on purpose: reading the environment (`env`, `$ENV`) or other
//! inputs, and `halt`: a filter sees the document and nothing else, and cannot end the process.

use std::fmt;

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Cv, RunPtr, ValXs, Vars, compile, data, load, native};
use jaq_json::Val;

/// A jq expression that parses and compiles; what `--jq` holds.
#[derive(Clone, PartialEq, Eq)]
pub struct Expression(String);

impl fmt::Debug for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Expression({:?})", self.0)
    }
}

/// One result of an expression: a string (printed raw, as `jq -r` does), or any other value as
/// compact JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Json(String),
}

/// What an expression made of a document: its results, then the error that stopped it, if any
/// (jq prints the results before an error too).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub pieces: Vec<Piece>,
    pub error: Option<String>,
}

type Data = data::JustLut<Val>;

impl Expression {
    /// Parse and compile `code`; the error says what is wrong and where.
    pub fn parse(code: &str) -> Result<Self, String> {
        let arena = Arena::default();
        compiled(&arena, code)?;
        Ok(Self(code.to_owned()))
    }

    /// Apply the expression to a JSON document (its text, as serde_json writes it).
    pub fn apply(&self, document: &str) -> Outcome {
        let mut outcome = Outcome::default();
        let input = match jaq_json::read::parse_single(document.as_bytes()) {
            Ok(input) => input,
            Err(err) => {
                outcome.error = Some(format!("the output is not JSON: {err}"));
                return outcome;
            }
        };
        let arena = Arena::default();
        // Checked when it was made; compiling again cannot fail.
        let filter = match compiled(&arena, &self.0) {
            Ok(filter) => filter,
            Err(err) => {
                outcome.error = Some(err);
                return outcome;
            }
        };
        let ctx = Ctx::<Data>::new(&filter.lut, Vars::new([]));
        for result in filter.id.run((ctx, input)) {
            match result {
                Ok(Val::TStr(bytes)) => {
                    outcome.pieces.push(Piece::Text(String::from_utf8_lossy(&bytes).into_owned()));
                }
                Ok(value) => outcome.pieces.push(Piece::Json(value.to_string())),
                Err(exn) => {
                    outcome.error = Some(match exn.get_err() {
                        Ok(err) => err.to_string(),
                        Err(_) => "`halt` is not available in --jq".to_owned(),
                    });
                    break;
                }
            }
        }
        outcome
    }
}

/// Native filters the standard definitions name that are left out: the ones behind jaq-std's
/// features rocketctl does not build (regular expressions, dates, maths beyond rounding, the
/// `@base64`/`@uri`/`@html` formats, `debug` and `stderr`), and `halt`, which would end the
/// process from inside a filter. Each is there, so the definitions compile, and fails when it
/// runs. (`env`, `$ENV` and `input` are not defined at all: using them does not compile.)
const UNAVAILABLE: &[(&str, usize)] = &[
    ("halt", 1),
    ("copysign", 2),
    ("debug_empty", 0),
    ("decode_base64", 0),
    ("decode_uri", 0),
    ("encode_base64", 0),
    ("encode_uri", 0),
    ("escape_html", 0),
    ("fromdateiso8601", 0),
    ("ilogb", 0),
    ("matches", 2),
    ("nextafter", 2),
    ("pow", 2),
    ("remainder", 2),
    ("scalbln", 2),
    ("split_", 2),
    ("split_matches", 2),
    ("stderr_empty", 0),
    ("tgamma", 0),
    ("todateiso8601", 0),
    ("unescape_html", 0),
];

fn unavailable(_: Cv<'_, Data>) -> ValXs<'_, Val> {
    native::bome(Err(jaq_core::Error::str(
        "a filter that rocketctl's --jq does not provide (regular expressions, dates, \
         maths beyond rounding, @base64/@uri/@html, debug, stderr, halt)",
    )))
}

fn compiled<'a>(arena: &'a Arena, code: &'a str) -> Result<jaq_core::Filter<Data>, String> {
    let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs());
    let left_out = UNAVAILABLE.iter().map(|&(name, arity)| {
        native::run::<Data>((name, native::v(arity), unavailable as RunPtr<Data>))
    });
    let funs = jaq_core::funs()
        .chain(jaq_std::base_funs().filter(|(name, ..)| *name != "halt"))
        .chain(jaq_json::funs())
        .chain(left_out);
    let modules = Loader::new(defs)
        .load(arena, File { code, path: () })
        .map_err(|errors| describe_load(code, errors))?;
    Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errors| describe_compile(code, errors))
}

/// Where `part`, a slice of `code` (the rest of the input at a parse error, a name at a
/// compile error), starts: ` at character N`, counted from 1; nothing when it is not in `code`
/// (a name from the standard definitions).
fn position(code: &str, part: &str) -> String {
    let start = code.as_ptr() as usize;
    let offset = (part.as_ptr() as usize).wrapping_sub(start);
    match code.get(..offset) {
        Some(before) if offset <= code.len() => {
            format!(" at character {}", before.chars().count() + 1)
        }
        _ => String::new(),
    }
}

fn describe_load(code: &str, errors: load::Errors<&str, ()>) -> String {
    let mut said = Vec::new();
    for (_, error) in errors {
        match error {
            load::Error::Io(problems) => {
                said.extend(problems.into_iter().map(|(what, why)| format!("{what}: {why}")));
            }
            load::Error::Lex(problems) => {
                for (expect, at) in problems {
                    said.push(format!("expected {}{}", expect.as_str(), position(code, at)));
                }
            }
            load::Error::Parse(problems) => {
                for (expect, at) in problems {
                    let found = if at.is_empty() { "the end".to_owned() } else { quoted(at) };
                    let at = position(code, at);
                    said.push(format!("expected {}{at}, found {found}", expect.as_str()));
                }
            }
        }
    }
    said.join("; ")
}

fn describe_compile(code: &str, errors: compile::Errors<&str, ()>) -> String {
    let said: Vec<String> = errors
        .into_iter()
        .flat_map(|(_, problems)| problems)
        .map(|(name, undefined)| {
            format!("undefined {} `{name}`{}", undefined.as_str(), position(code, name))
        })
        .collect();
    said.join("; ")
}

/// The start of what was found, in backticks.
fn quoted(rest: &str) -> String {
    let shown: String = rest.chars().take(12).collect();
    let more = if rest.chars().count() > 12 { "…" } else { "" };
    format!("`{shown}{more}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(code: &str, document: &str) -> Outcome {
        Expression::parse(code).unwrap().apply(document)
    }

    fn texts(outcome: &Outcome) -> Vec<String> {
        outcome
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) | Piece::Json(text) => text.clone(),
            })
            .collect()
    }

    #[test]
    fn the_core_language_works() {
        let users = r#"[{"username":"jane","roles":["user"],"active":true},
                        {"username":"bot","roles":["bot"],"active":false}]"#;
        assert_eq!(texts(&run(".[].username", users)), ["jane", "bot"]);
        assert_eq!(texts(&run("map(select(.active)) | length", users)), ["1"]);
        assert_eq!(
            texts(&run(r#".[] | "\(.username): \(.roles | join(","))""#, users)),
            ["jane: user", "bot: bot"]
        );
        assert_eq!(
            texts(&run("[.[] | {name: .username}]", users)),
            [r#"[{"name":"jane"},{"name":"bot"}]"#]
        );
        assert_eq!(texts(&run(".[0].roles == [\"user\"]", users)), ["true"]);
        assert_eq!(texts(&run("sort_by(.username) | .[0].username", users)), ["bot"]);
        assert_eq!(
            texts(&run(r#".[] | [.username, .roles[0]] | join("\t")"#, users)),
            ["jane\tuser", "bot\tbot"]
        );
        assert_eq!(texts(&run("map(.roles[]) | unique | join(\",\")", users)), ["bot,user"]);
        assert_eq!(texts(&run("group_by(.active) | map(length)", users)), ["[1,1]"]);
        assert_eq!(texts(&run("reduce .[] as $u (0; . + 1)", users)), ["2"]);
        assert_eq!(texts(&run("[.. | .username? // empty]", users)), [r#"["jane","bot"]"#]);
        assert_eq!(
            texts(&run(".[0] | to_entries | map(.key) | add", users)),
            ["usernamerolesactive"]
        );
        assert_eq!(texts(&run(".[0] | has(\"roles\"), (keys | length)", users)), ["true", "3"]);
        assert_eq!(texts(&run(".[0].username | @json, @sh", users)), [r#""jane""#, "'jane'"]);
        assert_eq!(texts(&run("if .[1].active then \"on\" else \"off\" end", users)), ["off"]);
    }

    #[test]
    fn strings_are_raw_and_other_values_json() {
        let outcome = run(".a, .b, .c, .d", r#"{"a":"x y","b":1,"c":null,"d":{"e":"f"}}"#);
        assert_eq!(
            outcome.pieces,
            [
                Piece::Text("x y".into()),
                Piece::Json("1".into()),
                Piece::Json("null".into()),
                Piece::Json(r#"{"e":"f"}"#.into()),
            ]
        );
    }

    #[test]
    fn a_malformed_expression_says_what_and_where() {
        let err = Expression::parse(".[").unwrap_err();
        assert_eq!(err, "expected closing bracket at character 3");
        let err = Expression::parse(".a | $ENV").unwrap_err();
        assert_eq!(err, "undefined variable `$ENV` at character 6");
        let err = Expression::parse("map(").unwrap_err();
        assert!(err.contains("expected"), "{err}");
        let err = Expression::parse("nosuchfilter").unwrap_err();
        assert!(err.contains("undefined") && err.contains("nosuchfilter"), "{err}");
    }

    #[test]
    fn the_environment_and_halt_are_out_of_reach() {
        for code in ["env", "$ENV", "$ENV.HOME", "input", "inputs"] {
            assert!(Expression::parse(code).is_err(), "{code} compiled");
        }
        for code in ["halt", "halt_error", "debug", "stderr", "test(\"a\")", "@base64"] {
            let outcome = run(code, r#""a""#);
            assert!(outcome.pieces.is_empty() && outcome.error.is_some(), "{code}: {outcome:?}");
        }
    }

    #[test]
    fn an_error_stops_after_the_results_before_it() {
        let outcome = run(".[] | .a", r#"[{"a":1},2]"#);
        assert_eq!(texts(&outcome), ["1"]);
        assert!(outcome.error.is_some());
    }
}
