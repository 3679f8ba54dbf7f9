//! Every example in README.md runs, as printed, against the stand-in server with its demo
//! accounts (tests/support/demo.rs): each ```console and ```sh block in a fresh environment (a
//! new server, a temp HOME), its commands in order, each exit code and every output the README
//! shows checked. The convention is in tests/cli/readme_blocks.rs.
//!
//! Everything a block may rely on beyond the README's own commands is listed here, in one
//! place: [`ENVIRONMENT`], [`FILES`] and [`REWRITES`] for every block, [`SETUPS`] for the blocks
//! that name them (`<!-- setup: admin, deploy-bot -->`; a block that names none gets `jane`).
//! A new example that needs more adds a setup here, with a line saying what it stands for.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::common::{PASSWORD, TestEnv, run};
use crate::readme_blocks::{Block, Step, blocks, normalise, prompt, shows};
use crate::support::demo::{self, ADMIN_PASSWORD, DEMO_PASSWORD};
use crate::support::{Mode, StandIn, State, User};

/// Set for every command. The README shows what the file store prints (`login` says nothing
/// more); what the keyring adds is shown in its own section, which cannot run here.
const ENVIRONMENT: &[(&str, &str)] = &[
    ("ROCKETCTL_STORE", "file"),
    // `printf '%s' "$NEW_PASSWORD" | …` in the CI recipe.
    ("NEW_PASSWORD", NEW_PASSWORD),
];

/// The new password a `New password for …` prompt is answered with (and `$NEW_PASSWORD`).
const NEW_PASSWORD: &str = "new-demo-password-2";

/// Files every block finds in its HOME (its working directory), as a reader would have made
/// them: `(path, contents)`, mode 0600. `~/.rc-password` holds the logged-in account's password
/// (the `admin` setup rewrites it).
const FILES: &[(&str, &[u8])] = &[
    (".rc-password", DEMO_PASSWORD.as_bytes()),
    // /run/secrets/ of the CI recipes (see REWRITES).
    ("run/secrets/rc-password", DEMO_PASSWORD.as_bytes()),
    ("secrets/deploy.pw", b"deploy-password-1\n"),
    ("bot.png", PNG),
    ("deploy-bot.png", PNG),
];

/// The first bytes of a PNG: enough for rocketctl and the stand-in to take it as one.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-readme-example-image";

/// The avatar URL the README's `--url` example names, served to the stand-in's fetch.
const REMOTE_AVATAR: &str = "https://example.com/bot.png";

/// How a command is changed before it runs: `URL` is the stand-in's base URL, `HOST` its
/// `127.0.0.1:PORT` (which is also the name `login` gives a context by default).
const REWRITES: &[(&str, &str)] = &[
    ("https://chat.example.com", "URL"),
    // A bare host means https; the stand-in speaks http.
    ("--server chat.example.com", "--server URL"),
    // Context names: `login` names one after the server's host.
    ("chat.example.com", "HOST"),
    ("/run/secrets/", "$HOME/run/secrets/"),
];

/// A block's world: the stand-in, a HOME, and what its commands get besides [`ENVIRONMENT`].
struct World {
    env: TestEnv,
    vars: Vars,
    /// Each account's password, for the prompts a ```console block shows.
    passwords: BTreeMap<String, String>,
}

type Setup = fn(&mut World);

/// Environment variables for one command.
type Vars = Vec<(String, String)>;

/// The setups a block can name above it: `(name, what it stands for, how)`.
const SETUPS: &[(&str, &str, Setup)] = &[
    ("jane", "jane logged in (context `chat.example.com`, current): the default", |w| {
        w.login("jane", &[]);
    }),
    ("fresh", "nobody logged in, no config", |_| {}),
    (
        "admin",
        "the administrator logged in (context `admin`, current); ~/.rc-password holds its password",
        |w| {
            w.login("admin", &["--context", "admin"]);
            w.write(".rc-password", ADMIN_PASSWORD.as_bytes());
        },
    ),
    ("ci-env", "jane's id and a token of hers in ROCKETCHAT_URL/_USER_ID/_AUTH_TOKEN", |w| {
        let token = w.env.server.token_for("jane");
        w.vars.push(("ROCKETCHAT_URL".into(), w.env.server.url()));
        w.vars.push(("ROCKETCHAT_USER_ID".into(), demo::JANE_ID.into()));
        w.vars.push(("ROCKETCHAT_AUTH_TOKEN".into(), token));
    }),
    ("jane-token", "~/.rc-token holds a token of jane's", |w| {
        let token = w.env.server.token_for("jane");
        w.write(".rc-token", token.as_bytes());
    }),
    ("release-bot", "an account release-bot (roles bot and user: it may make tokens)", |w| {
        let bot = User::new("release-bot", "release-password-1").with_roles(&["bot", "user"]);
        w.env.server.add_user(bot);
        w.passwords.insert("release-bot".into(), "release-password-1".into());
    }),
    ("deploy-bot", "deploy-bot exists (role bot), its token in deploy-bot.token", |w| {
        let bot = User::new("deploy-bot", "deploy-password-1").with_roles(&["bot"]);
        w.env.server.add_user(bot);
        let token = w.env.server.token_for("deploy-bot");
        w.write("deploy-bot.token", token.as_bytes());
    }),
];

impl World {
    fn new(saved: &[(String, String)]) -> Self {
        let mut state = State::new(Mode::V8);
        demo::seed(&mut state);
        let env = TestEnv::with_server(StandIn::start_with(state, 0));
        env.server.serve_remote_avatar(REMOTE_AVATAR, 200, "image/png", PNG);
        let passwords = demo::ACCOUNTS
            .iter()
            .map(|(user, pw)| ((*user).to_owned(), (*pw).to_owned()))
            .collect();
        let world = Self { env, vars: Vec::new(), passwords };
        for (path, contents) in FILES {
            world.write(path, contents);
        }
        for (path, contents) in saved {
            world.write(path, contents.as_bytes());
        }
        world
    }

    fn write(&self, path: &str, contents: &[u8]) {
        let path = self.env.home.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    fn login(&self, username: &str, extra: &[&str]) {
        let ran = run(self
            .env
            .cmd()
            .envs(ENVIRONMENT.iter().copied())
            .args(["login", "--server", &self.env.server.url(), "--username", username])
            .arg("--password-stdin")
            .args(extra)
            .write_stdin(self.passwords[username].clone()));
        assert_eq!(ran.code, 0, "setup: login as {username}: {ran:?}");
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.env.server.port())
    }

    /// The command as it runs here (see [`REWRITES`]).
    fn rewrite(&self, command: &str) -> String {
        let mut command = command.to_owned();
        for (from, to) in REWRITES {
            let to = to.replace("URL", &self.env.server.url()).replace("HOST", &self.host());
            command = command.replace(from, &to);
        }
        command
    }

    /// Output as the README shows it: the stand-in's URL and host as chat.example.com's, HOME
    /// as `~`, then [`normalise`]d.
    fn as_shown(&self, output: &str) -> Vec<String> {
        let home = self.env.home.path().display().to_string();
        let text = output
            .replace(&self.env.server.url(), "https://chat.example.com")
            .replace(&self.host(), "chat.example.com")
            .replace(&home, "~");
        text.lines().map(normalise).collect()
    }

    /// Run one step: `bash -o pipefail` in HOME, stderr into stdout as a terminal shows them,
    /// no terminal on stdin, the prompts the README shows answered from the environment.
    fn run(&mut self, step: &Step) -> Result<(), String> {
        if step.command.contains("jq ") && !on_path("jq") {
            return Err(format!(
                "{step}\n  pipes into jq, which is not installed (apt-get install jq)"
            ));
        }
        let (answers, shown) = self.answer_prompts(step)?;
        let script = format!("exec 2>&1\n{}", self.rewrite(&step.command));
        let mut command = self.env.script_process(Path::new("bash"));
        command
            .stdout(Stdio::piped())
            .args(["--norc", "--noprofile", "-o", "pipefail", "-c", &script])
            .envs(ENVIRONMENT.iter().copied())
            .envs(self.vars.iter().cloned())
            .envs(answers);
        let output = assert_cmd::Command::from_std(command)
            .timeout(Duration::from_secs(60))
            .output()
            .map_err(|err| format!("{step}: cannot run: {err}"))?;
        let printed = String::from_utf8_lossy(&output.stdout).into_owned();
        let code = output.status.code().unwrap_or(-1);
        if code != step.exit {
            return Err(format!("{step}\n  exit {code}, the README says {}\n{printed}", step.exit));
        }
        if let Some(shown) = shown {
            let expected: Vec<String> = shown.iter().map(|line| normalise(line)).collect();
            let actual = self.as_shown(&printed);
            if !shows(&expected, &actual) {
                return Err(format!(
                    "{step}\n--- the README shows\n{}\n--- it printed (normalised)\n{}",
                    expected.join("\n"),
                    actual.join("\n")
                ));
            }
        }
        Ok(())
    }

    /// The environment that answers the password prompts a ```console step shows, and what it
    /// shows without them (no terminal, no prompt).
    fn answer_prompts(&mut self, step: &Step) -> Result<(Vars, Option<Vec<String>>), String> {
        let Some(shown) = &step.shown else { return Ok((Vec::new(), None)) };
        let mut answers = Vec::new();
        let mut rest = Vec::new();
        for line in shown {
            let Some((kind, user)) = prompt(line) else {
                rest.push(line.clone());
                continue;
            };
            let password = self.passwords.get(user).cloned().ok_or_else(|| {
                format!("{step}: a prompt for `{user}`, who has no password here (add a setup)")
            })?;
            match kind {
                "Password" | "Current password" => {
                    answers.push(("ROCKETCHAT_PASSWORD".to_owned(), password));
                }
                _ => {
                    answers.push(("ROCKETCHAT_NEW_PASSWORD".to_owned(), NEW_PASSWORD.to_owned()));
                    self.passwords.insert(user.to_owned(), NEW_PASSWORD.to_owned());
                }
            }
        }
        Ok((answers, Some(rest)))
    }
}

/// Whether `program` is on the PATH the commands get.
fn on_path(program: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// Run one block in a world of its own; the world is handed back for more checks.
fn run_block(block: &Block, saved: &[(String, String)]) -> Result<World, String> {
    let mut world = World::new(saved);
    let names = block.setups.clone().unwrap_or_else(|| vec!["jane".to_owned()]);
    for name in &names {
        let (_, _, setup) = SETUPS.iter().find(|(known, _, _)| known == name).ok_or_else(|| {
            format!("README.md line {}: no setup `{name}` in tests/cli/readme.rs", block.line)
        })?;
        setup(&mut world);
    }
    let steps = block.steps();
    if steps.is_empty() {
        return Err(format!("README.md line {}: a block with no command", block.line));
    }
    for step in &steps {
        world.run(step)?;
    }
    Ok(world)
}

/// How many ```console and ```sh blocks may be `<!-- not run: … -->`: today the two commands
/// CI runs itself, the hand-run server, installing, the development checks, the man pages'
/// install, the keyring's output and the api's channel examples. Raising it is a decision.
const MAX_NOT_RUN: usize = 7;

#[test]
fn every_readme_example_runs_as_shown() {
    let blocks = blocks(&readme()).unwrap_or_else(|err| panic!("{err}"));
    let mut saved: Vec<(String, String)> = Vec::new();
    let (mut ran, mut skipped, mut failures) = (0, 0, Vec::new());
    for block in &blocks {
        if block.runs() {
            ran += 1;
            if let Err(failure) = run_block(block, &saved) {
                failures.push(failure);
            }
        } else if block.not_run.is_some() {
            skipped += 1;
        }
        if let Some(name) = &block.file {
            saved.push((name.clone(), format!("{}\n", block.text)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} README example(s) fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(ran >= 15, "the README's examples were not found: {ran} ran");
    assert!(skipped <= MAX_NOT_RUN, "keep opt-outs rare: {skipped} blocks are not run");
}

/// README's "Provisioning a bot account" starts from a default server, where the `bot` role may
/// not make personal access tokens: its first block grants that, then creates the bot with its
/// token. What the server recorded is checked beyond the printed output.
#[test]
fn readme_provisioning_works_on_a_default_server() {
    const GRANT: [&str; 2] = ["create-personal-access-tokens", "bot"];
    let default = World::new(&[]);
    let holders = default.env.server.state().permissions["create-personal-access-tokens"].clone();
    assert!(!holders.contains(&"bot".to_owned()), "a default server: {holders:?}");

    let blocks = blocks(&readme()).unwrap();
    let block = blocks
        .iter()
        .find(|block| block.runs() && block.text.contains("admin permission grant"))
        .expect("README grants the token permission before creating the bot");
    let steps = block.steps();
    let grant = format!("rocketctl admin permission grant {}", GRANT.join(" "));
    assert_eq!(steps[0].command, grant, "README.md line {}", block.line);
    let world = run_block(block, &[]).unwrap_or_else(|err| panic!("{err}"));
    let server = &world.env.server;
    assert_eq!(server.requests_to("permissions.update").len(), 1);
    assert_eq!(server.requests_to("users.create").len(), 1);
    let bot = server.user("deploy-bot");
    assert_eq!(bot.roles, ["bot"]);
    let file = world.env.home.path().join("deploy-bot.token");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let token = std::fs::read_to_string(&file).unwrap();
    assert!(bot.has_token(token.trim_end()), "the written token is the bot's");

    // Run again, the grant sends nothing.
    let again = run(world.env.cmd().args(["admin", "permission", "grant"]).args(GRANT));
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(server.requests_to("permissions.update").len(), 1);
}

#[test]
fn readme_completion_lines_install_where_each_shell_loads_them() {
    let blocks = blocks(&readme()).unwrap();
    let world = run_block(completion_block(&blocks), &[]).unwrap_or_else(|err| panic!("{err}"));
    let home = world.env.home.path();
    let in_shell = |shell: &str, args: &[&str]| in_shell(&world, shell, args);
    // bash-completion loads ~/.local/share/bash-completion/completions/rocketctl by itself;
    // here the file is sourced as its loader would, and completes.
    let installed = home.join(".local/share/bash-completion/completions/rocketctl");
    let program = format!("source {}; complete -p rocketctl", installed.display());
    assert!(in_shell("bash", &["--norc", "-c", &program]).unwrap().contains("rocketctl"));
    // Without bash-completion: the eval line alone.
    let eval = "eval \"$(rocketctl completions bash)\"; complete -p rocketctl";
    assert!(in_shell("bash", &["--norc", "-c", eval]).unwrap().contains("_rocketctl"));
}

#[test]
#[ignore = "needs zsh and fish; .ci/run installs them and runs this test"]
fn readme_completion_lines_install_where_zsh_and_fish_load_them() {
    let blocks = blocks(&readme()).unwrap();
    let block = completion_block(&blocks);
    let world = run_block(block, &[]).unwrap_or_else(|err| panic!("{err}"));
    let zsh = "fpath+=(~/.zfunc); autoload -U compinit; compinit -u; whence -w _rocketctl";
    let out = in_shell(&world, "zsh", &["-f", "-c", zsh]).expect("zsh runs");
    assert!(out.contains("function"), "zsh does not find _rocketctl in ~/.zfunc: {out}");
    let out = in_shell(&world, "fish", &["-c", "complete -C 'rocketctl pro'"]).expect("fish runs");
    assert!(out.starts_with("profile"), "fish does not load ~/.config/fish/completions: {out}");
}

fn completion_block(blocks: &[Block]) -> &Block {
    blocks
        .iter()
        .find(|block| block.runs() && block.text.contains("completions bash >"))
        .expect("README shows how to install the completions")
}

/// `shell ARGS…` in the world's environment (its HOME), stdout as text.
fn in_shell(world: &World, shell: &str, args: &[&str]) -> std::io::Result<String> {
    let output =
        world.env.script_process(Path::new(shell)).stdout(Stdio::piped()).args(args).output()?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// README's CI recipe, run as printed with environment credentials: email and password change
/// together in one request.
const RECIPE: &str = "printf '%s' \"$NEW_PASSWORD\" | rocketctl profile update --email bot@example.com --change-password \\\n    --password-file /run/secrets/rc-password --new-password-stdin --no-input";

#[test]
fn readme_ci_recipe_changes_email_and_password_in_one_request() {
    assert!(readme().contains(RECIPE), "README's CI recipe changed; update this test with it");
    let env = TestEnv::new(Mode::V8);
    let secrets = env.home.path().join("rc-password");
    std::fs::write(&secrets, PASSWORD).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("rocketctl");
    let script = RECIPE.replace("/run/secrets/rc-password", &secrets.display().to_string());
    let output = std::process::Command::new("bash")
        .args(["--norc", "-c", &script])
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.parent().unwrap().display()))
        .env("HOME", env.home.path())
        .env("XDG_CONFIG_HOME", env.home.path().join(".config"))
        .env("ROCKETCHAT_URL", env.server.url())
        .env("ROCKETCHAT_USER_ID", env.server.user("jane").id)
        .env("ROCKETCHAT_AUTH_TOKEN", env.server.token_for("jane"))
        .env("NEW_PASSWORD", "CANARY-new-pw-2")
        .current_dir(env.home.path())
        .output()
        .unwrap();
    let ran = crate::common::ran(&output);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(env.updates().len(), 1, "one request");
    let jane = env.server.user("jane");
    assert_eq!(jane.email(), Some("bot@example.com"));
    assert!(jane.password_is("CANARY-new-pw-2"));
    assert!(!env.home.path().join(".config").exists(), "nothing may be written");
}

/// GitHub's anchor for a heading: lower case, spaces to `-`, other punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn the_first_screen_says_what_rocketctl_is_for_and_every_link_lands() {
    let readme = readme();
    let first_screen: String = readme.lines().take(30).collect::<Vec<_>>().join("\n");
    for needle in
        ["your own account", "bot accounts", "desired state", "`rocketctl api`", "**Contents:**"]
    {
        assert!(first_screen.contains(needle), "the first screen lacks {needle}");
    }
    let anchors: Vec<String> = readme
        .lines()
        .filter_map(|line| line.strip_prefix("## ").or_else(|| line.strip_prefix("### ")))
        .map(anchor)
        .collect();
    let links: Vec<&str> =
        readme.split("](#").skip(1).filter_map(|rest| rest.split(')').next()).collect();
    assert!(links.len() >= 20, "the table of contents: {links:?}");
    for link in links {
        assert!(anchors.iter().any(|anchor| anchor == link), "#{link} is no heading: {anchors:?}");
    }
    // Every section is reached from the table of contents.
    let contents = readme.split("**Contents:**").nth(1).unwrap().split("\n\n").next().unwrap();
    for heading in readme.lines().filter_map(|line| line.strip_prefix("## ")) {
        assert!(
            contents.contains(&format!("(#{})", anchor(heading))),
            "{heading} is not in Contents"
        );
    }
}
