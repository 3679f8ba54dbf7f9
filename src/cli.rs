//! The command line, as clap derive types. Doc comments are the help text: the first line is the
//! short help, the rest the long help. Nothing here reads the environment or the config; that is
//! `settings.rs`.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

mod admin;

pub use admin::{
    AdminCommand, AdminUpdateArgs, AdminUserCommand, CreateArgs, DeleteArgs, ListArgs, TargetArgs,
};

/// Administer your own Rocket.Chat account: log in, show and change your profile, email and
/// password, from a terminal, a script or a CI job.
///
/// Credentials are kept in named contexts in a config file (mode 0600), or taken from
/// ROCKETCHAT_URL, ROCKETCHAT_USER_ID and ROCKETCHAT_AUTH_TOKEN in CI. Secrets are never taken as
/// flag values: they come from stdin, a file, the environment or a no-echo prompt.
#[derive(Debug, Parser)]
#[command(name = "rocketctl", version, max_term_width = 100)]
#[command(disable_help_subcommand = true)]
#[command(after_long_help = concat!("Examples:
  rocketctl login --server https://chat.example.com --username jane
  rocketctl profile show -o json
  rocketctl profile set-email jane@example.com --password-file ~/.rc-password

", "Run `rocketctl help environment` for environment variables and `rocketctl help exit-codes` for
exit codes."))]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour (and bold table headers) on a terminal when NO_COLOR is not set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in to a Rocket.Chat server and store the credentials in a context
    ///
    /// With a username, the password is read (no echo, or from stdin, a file or
    /// ROCKETCHAT_PASSWORD), hashed with SHA-256 and only the digest is sent. A user with
    /// two-factor authentication is asked for a code, or passes --2fa-code. With --user-id and
    /// --token-stdin or --token-file, a personal access token is checked and stored instead.
    ///
    /// The context is named by --context (default: the server's host) and becomes current. The
    /// token goes into the system keyring when one answers, else into the config file (mode
    /// 0600), and login says which; --store keyring or --store file decide instead.
    ///
    /// At a terminal, a missing server, username or password is asked for, the server is
    /// checked before any password is, and a refused password is asked again (three tries).
    #[command(after_long_help = "Examples:
  rocketctl login --server https://chat.example.com --username jane
  rocketctl login --server chat.example.com --username jane --store keyring
  printf '%s' \"$RC_PASSWORD\" | rocketctl login --server chat.example.com \\
      --username bot --password-stdin --context ci
  rocketctl login --server https://chat.example.com \\
      --user-id aobEdbYhXfu5hkeqG --token-file ~/.rc-token")]
    Login(LoginArgs),

    /// Revoke the stored token on the server and remove it from the config
    ///
    /// The context keeps its server and username, so `rocketctl login` only asks for the
    /// password. If the server cannot be reached the token is still removed locally. Already
    /// logged out is no failure: a note, and exit 0.
    #[command(after_long_help = "Examples:
  rocketctl logout
  rocketctl logout --context ci")]
    Logout,

    /// Show the context, server, user and where each credential comes from
    ///
    /// Checks the token against the server and reads the server version. The token itself is
    /// never printed. Exits 3 when not logged in or when the token is rejected.
    #[command(after_long_help = "Examples:
  rocketctl status
  rocketctl status -o json | jq -r .server_version")]
    Status,

    /// List, switch and remove stored contexts
    ///
    /// A context is a named set of credentials in the config file: a server, a user id, a
    /// username and a token. `login` creates one (named by --context, default the server's host)
    /// and makes it current; --context or ROCKETCTL_CONTEXT pick another for one command.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl context list
  rocketctl context use prod
  rocketctl --context staging profile show")]
    Context(ContextCommand),

    /// Show and change your own profile
    ///
    /// Reads go to GET /api/v1/me; changes go to POST /api/v1/users.updateOwnBasicInfo, one
    /// request per command. Email and password changes need the current password (sent as its
    /// SHA-256 digest) or a two-factor code.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl profile show -o json
  rocketctl profile set-email jane@example.com
  rocketctl profile update --nickname JD --field team=core")]
    Profile(ProfileCommand),

    /// Print the desired state of your account (or others, with --user) as a file
    ///
    /// The file (TOML, or JSON with -o json) is what `diff` and `apply` read: applying it
    /// unchanged changes nothing. Edit it and keep it in version control. Passwords and tokens
    /// are never exported (the server does not show them), nor avatars (images, not values).
    #[command(after_long_help = "Examples:
  rocketctl export > account.toml
  rocketctl export --user deploy-bot --user alert-bot > bots.toml
  rocketctl export -o json > account.json")]
    Export(ExportArgs),

    /// Show what `apply` would change to reach a desired-state file
    ///
    /// Reads the current state from the server and prints one line per change, grouped by
    /// account: `+` added, `~` changed, `-` removed; secrets show as (sensitive). Nothing is
    /// changed. With --exit-code, exits 10 when changes are pending and 0 when none are.
    #[command(after_long_help = "Examples:
  rocketctl diff -f account.toml
  rocketctl diff -f account.toml --exit-code || echo \"changes pending\"
  rocketctl export | rocketctl diff -f -
  rocketctl diff -f account.toml -o json | jq '.changes | length'")]
    Diff(DiffArgs),

    /// Change accounts to match a desired-state file; safe to run again
    ///
    /// Prints the plan, then carries it out: per account one profile request, then presence,
    /// avatar and token. Independent accounts run up to --parallel at a time. A changed e-mail
    /// address needs the current password (or a two-factor code), as `profile set-email` does.
    /// When a change fails the others still run, and the exit code is the first failure's.
    #[command(after_long_help = "Examples:
  rocketctl apply -f account.toml
  rocketctl apply -f account.toml --dry-run --exit-code
  ROCKETCHAT_PASSWORD=... rocketctl apply -f account.toml --no-input -o json")]
    Apply(ApplyArgs),
    /// Administer other users' accounts (needs an administrator's permissions)
    ///
    /// For CI jobs that provision bot accounts: create a user with its token, change it,
    /// (de)activate or delete it. A refusal names the permission the server wants.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl admin user show deploy-bot
  rocketctl admin user create deploy-bot --email deploy-bot@example.com \\
      --name 'Deploy Bot' --role bot --random-password \\
      --token ci --token-file deploy-bot.token")]
    Admin(AdminCommand),

    /// Show and set your presence (online, away, busy, offline) and status message
    ///
    /// `show` reads GET /api/v1/users.getStatus and your record; `set` calls POST
    /// /api/v1/users.setStatus with only what changes. A message over 120 characters is refused
    /// here (the server would cut it silently). Servers allow 5 status changes a minute; a
    /// longer wait than --max-wait is exit 8.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl presence show
  rocketctl presence set busy --message 'Deploying'
  rocketctl presence set online --clear-message")]
    Presence(PresenceCommand),

    /// List, create, regenerate and delete your personal access tokens
    ///
    /// A personal access token does not expire: make one once for a CI job or a bot and keep it
    /// in a secret store. `create` and `regenerate` print the token once (alone on stdout, or
    /// in JSON), or write it to a new 0600 file with --save, or store it in the context with
    /// --login. The changing routes are two-factor protected: the server asks for your
    /// password (sent as its SHA-256 digest in a header) or a code.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl token list
  rocketctl token create ci --save ci-token.txt --password-file ~/.rc-password
  T=$(rocketctl token create deploy --2fa-code 123456)
  rocketctl token delete ci")]
    Token(TokenCommand),

    /// Call any Rocket.Chat REST endpoint with the stored credentials
    ///
    /// ENDPOINT is a name below /api/v1/ (`users.info`, `channels.list`) or a path that starts
    /// with /api/ (`/api/info`). The method is GET, or POST when -f, -F or --input is given;
    /// -X picks another. -f and -F build a JSON body as `gh api` does (KEY[SUB]=VALUE nests,
    /// KEY[]=VALUE appends to an array); for a GET, and beside --input, they are query
    /// parameters instead. The answer is printed as JSON, indented on a terminal and on one
    /// line otherwise, with every `services` object removed (it holds password and token
    /// hashes). A two-factor challenge is answered with --2fa-code or a prompt (or, when the
    /// server asks for the password instead, with the current password's SHA-256 digest), a
    /// rate limit is waited out (up to --max-wait), and an error answer exits with its exit
    /// code.
    #[command(after_long_help = "Examples:
  rocketctl api me
  rocketctl api -X GET users.info -f username=jane
  rocketctl api users.list --paginate | jq -r '.[].username'
  rocketctl api users.updateOwnBasicInfo -f 'data[nickname]=JD'
  rocketctl api users.update -f userId=aobEdbYhXfu5hkeqG -F 'data[active]=false' \\
      --2fa-code 123456
  rocketctl api chat.postMessage -f channel=#general -F text=@message.txt
  echo '{\"roomId\": \"GENERAL\", \"announcement\": \"hi\"}' \\
      | rocketctl api channels.setAnnouncement --input -
  rocketctl api -i /api/info")]
    Api(ApiArgs),

    /// Show help for a command, or a topic: options, environment, exit-codes
    ///
    /// `rocketctl help options` lists the global options every command accepts;
    /// `rocketctl help environment` lists the environment variables and the precedence of
    /// flags, environment and config; `rocketctl help exit-codes` lists the exit codes.
    #[command(after_long_help = "Examples:
  rocketctl help options
  rocketctl help environment
  rocketctl help exit-codes
  rocketctl help profile set-email")]
    Help {
        /// A command path (`profile set-email`) or a topic (`options`, `environment`,
        /// `exit-codes`)
        #[arg(value_name = "COMMAND|TOPIC")]
        topic: Vec<String>,
    },

    /// Print the stored context names, one a line (for shell completion)
    #[command(name = "__complete-contexts", hide = true)]
    CompleteContexts,

    /// Print a shell completion script
    ///
    /// Completes commands, flags, values and context names. Install it where your shell looks
    /// for completions, as the examples show.
    #[command(after_long_help = "Examples:
  rocketctl completions bash \\
      > ~/.local/share/bash-completion/completions/rocketctl
  rocketctl completions zsh > ~/.zfunc/_rocketctl
  rocketctl completions fish > ~/.config/fish/completions/rocketctl.fish")]
    Completions {
        /// The shell to generate for
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },

    /// Write completions and man pages into folders (for packagers and the repository)
    #[command(hide = true)]
    Generate {
        /// Folder for the five completion scripts
        #[arg(long, value_name = "DIR")]
        completions: Option<PathBuf>,
        /// Folder for the man pages
        #[arg(long, value_name = "DIR")]
        man: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export this account as `[[users]]` instead of your own (repeatable; admin endpoints)
    #[arg(long = "user", value_name = "USERNAME")]
    pub users: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The desired-state file (TOML, or JSON when it ends in .json); `-` reads stdin
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: PathBuf,

    /// Exit 10 when changes are pending, 0 when there are none
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The desired-state file (TOML, or JSON when it ends in .json); `-` reads stdin
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: PathBuf,

    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// With --dry-run: exit 10 when changes are pending, 0 when there are none
    #[arg(long, requires = "dry_run")]
    pub exit_code: bool,

    /// How many accounts to change at a time
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub parallel: u16,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Username or email address to log in as
    #[arg(long, value_name = "USERNAME", env = "ROCKETCHAT_USER", hide_env_values = true, conflicts_with_all = ["user_id"])]
    pub username: Option<String>,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// User id that owns the personal access token (with --token-stdin or --token-file)
    #[arg(long, value_name = "ID")]
    pub user_id: Option<String>,

    /// Read the access token from stdin
    #[arg(long, requires = "user_id", conflicts_with_all = ["password_stdin", "token_file"])]
    pub token_stdin: bool,

    /// Read the access token from a file
    #[arg(long, value_name = "FILE", requires = "user_id")]
    pub token_file: Option<PathBuf>,

    /// Where to keep the token: the system keyring, the config file, or auto (the keyring when
    /// one answers, else the file, saying which)
    #[arg(long, value_enum, value_name = "STORE", env = "ROCKETCTL_STORE", default_value = "auto")]
    pub store: StoreChoice,
}

/// Where the current password comes from (else ROCKETCHAT_PASSWORD, else a prompt).
#[derive(Debug, Args)]
pub struct CurrentPasswordArgs {
    /// Read the current password from stdin (one trailing newline is removed) [env:
    /// ROCKETCHAT_PASSWORD holds the password itself]
    #[arg(long, conflicts_with = "password_file")]
    pub password_stdin: bool,

    /// Read the current password from a file (one trailing newline is removed) [env:
    /// ROCKETCHAT_PASSWORD holds the password itself]
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

/// Where the new password comes from (else ROCKETCHAT_NEW_PASSWORD, else a prompt, asked twice).
#[derive(Debug, Args)]
pub struct NewPasswordArgs {
    /// Read the new password from stdin (one trailing newline is removed) [env:
    /// ROCKETCHAT_NEW_PASSWORD holds the password itself]
    #[arg(long, conflicts_with_all = ["new_password_file", "password_stdin"])]
    pub new_password_stdin: bool,

    /// Read the new password from a file (one trailing newline is removed) [env:
    /// ROCKETCHAT_NEW_PASSWORD holds the password itself]
    #[arg(long, value_name = "FILE")]
    pub new_password_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TwoFactorArgs {
    /// Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine
    #[arg(
        long = "2fa-code",
        value_name = "CODE",
        env = "ROCKETCHAT_2FA_CODE",
        hide_env_values = true
    )]
    pub code: Option<String>,
}

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
struct EndpointName;

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

#[derive(Debug, Subcommand)]
pub enum ContextCommand {
    /// List the stored contexts; the current one is marked
    #[command(after_long_help = "Examples:
  rocketctl context list
  rocketctl context list -o json | jq -r '.[].name'")]
    List,

    /// Make a stored context the current one
    #[command(after_long_help = "Examples:
  rocketctl context use prod")]
    Use {
        /// Context name, as `rocketctl context list` shows it
        #[arg(value_name = "CONTEXT")]
        name: String,
    },

    /// Remove a stored context (run `rocketctl logout` first to revoke its token)
    #[command(after_long_help = "Examples:
  rocketctl logout --context old && rocketctl context remove old")]
    Remove {
        /// Context name, as `rocketctl context list` shows it
        #[arg(value_name = "CONTEXT")]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Show your user record as a table or JSON
    ///
    /// JSON holds only documented fields (_id, username, name, nickname, bio, emails, status,
    /// statusText, active, roles, type, utcOffset, language, customFields, avatarUrl,
    /// requirePasswordChange, createdAt, lastLogin, _updatedAt). Password hashes and login
    /// tokens that some servers return are never printed.
    #[command(after_long_help = "Examples:
  rocketctl profile show
  rocketctl profile show -o json | jq -r '.emails[0].address'")]
    Show,

    /// Change your email address (needs your current password or a two-factor code)
    ///
    /// The new address is stored unverified and the server sends a confirmation e-mail. Setting
    /// the address you already have sends nothing and succeeds.
    #[command(after_long_help = "Examples:
  rocketctl profile set-email jane@example.com
  rocketctl profile set-email bot@example.com \\
      --password-file /run/secrets/rc-password --no-input
  rocketctl profile set-email jane@example.com --2fa-code 123456")]
    SetEmail(SetEmailArgs),

    /// Change your password (needs your current password or a two-factor code)
    ///
    /// On a terminal the new password is asked twice. Rocket.Chat signs out the account's other
    /// sessions; rocketctl keeps (or renews) the stored token so the next command still works.
    #[command(after_long_help = "Examples:
  rocketctl profile set-password
  rocketctl profile set-password --password-file old.txt \\
      --new-password-stdin < new.txt")]
    SetPassword(SetPasswordArgs),

    /// Change several profile fields in one request
    ///
    /// Servers allow one profile update a minute, so every change goes into one request. Fields
    /// already set to the requested value are left out; if nothing would change, nothing is sent.
    /// --field merges into your custom fields. Email and password changes need the current
    /// password or a two-factor code.
    #[command(after_long_help = "Examples:
  rocketctl profile update --name 'Jane Doe' --status-text 'On holiday'
  rocketctl profile update --field 'department=R&D' --unset-field team
  rocketctl profile update --email jane@example.com --change-password \\
      --dry-run")]
    Update(UpdateArgs),

    /// Set or reset your avatar
    ///
    /// `set FILE` uploads a PNG, JPEG, GIF, WebP or SVG image (the type is found from the file's
    /// contents; anything else is refused before anything is sent); nothing is sent when the
    /// server already has exactly these bytes. `set --url URL` makes the server fetch the image.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl profile avatar set bot.png
  rocketctl profile avatar set --url https://example.com/bot.png
  rocketctl profile avatar reset")]
    Avatar(AvatarCommand),
}

#[derive(Debug, Subcommand)]
pub enum AvatarCommand {
    /// Upload an image file, or have the server fetch one from a URL
    #[command(after_long_help = "Examples:
  rocketctl profile avatar set bot.png
  rocketctl profile avatar set --url https://example.com/bot.png --dry-run")]
    Set(AvatarSetArgs),

    /// Go back to the server's default avatar (your initials)
    #[command(after_long_help = "Examples:
  rocketctl profile avatar reset")]
    Reset {
        /// Print the planned request and send nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("avatar_source").required(true).args(["file", "url"])))]
pub struct AvatarSetArgs {
    /// The image: PNG, JPEG, GIF, WebP or SVG
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// An image URL for the server to fetch (it must be reachable from the server)
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Print the planned request and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum PresenceCommand {
    /// Show your presence, status message and connection status
    #[command(after_long_help = "Examples:
  rocketctl presence show
  rocketctl presence show -o json | jq -r .status")]
    Show,

    /// Set your presence and/or status message (nothing is sent when nothing changes)
    ///
    /// `offline` shows you as invisible; servers can disable it
    /// (Accounts_AllowInvisibleStatusOption), and can forbid status changes altogether
    /// (Accounts_AllowUserStatusMessageChange): both are exit 5.
    #[command(after_long_help = "Examples:
  rocketctl presence set busy --message 'Deploying to production'
  rocketctl presence set --clear-message
  rocketctl presence set away --dry-run")]
    Set(PresenceSetArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("presence_change").required(true).multiple(true).args([
    "state", "message", "clear_message",
])))]
pub struct PresenceSetArgs {
    /// The presence to show to others
    #[arg(value_name = "STATE")]
    pub state: Option<PresenceState>,

    /// The status message (at most 120 characters)
    #[arg(long, value_name = "TEXT", conflicts_with = "clear_message")]
    pub message: Option<String>,

    /// Remove the status message
    #[arg(long)]
    pub clear_message: bool,

    /// Print the planned request and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PresenceState {
    Online,
    Away,
    Busy,
    Offline,
}

impl PresenceState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Away => "away",
            Self::Busy => "busy",
            Self::Offline => "offline",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// List your personal access tokens; the one this command authenticated with is marked
    ///
    /// The server never shows a token again after it is made: the list has its name, when it
    /// was made, its last characters and whether it skips two-factor checks.
    #[command(after_long_help = "Examples:
  rocketctl token list
  rocketctl token list -o json | jq -r '.[].name'")]
    List,

    /// Make a personal access token and print it once
    ///
    /// The token goes alone to stdout (so `T=$(rocketctl token create ci)` works), or into a
    /// new file of mode 0600 with --save, or into the context's credentials with --login (the
    /// session it replaces is logged out). A name already taken is refused: use `regenerate`.
    #[command(after_long_help = "Examples:
  rocketctl token create ci --save ci-token.txt
  rocketctl token create deploy --bypass-2fa --password-stdin < pw.txt
  rocketctl token create laptop --login")]
    Create(TokenCreateArgs),

    /// Replace a personal access token by a new one and print it once
    ///
    /// The old token stops working at once. The new one keeps the old one's --bypass-2fa.
    #[command(after_long_help = "Examples:
  rocketctl token regenerate ci --save ci-token.txt
  rocketctl token regenerate laptop --login")]
    Regenerate(TokenRegenerateArgs),

    /// Revoke a personal access token (a name that does not exist is not an error)
    #[command(after_long_help = "Examples:
  rocketctl token delete ci
  rocketctl token delete old-ci --password-file ~/.rc-password")]
    Delete(TokenDeleteArgs),
}

/// Where a new token goes instead of stdout.
#[derive(Debug, Args)]
pub struct TokenDestination {
    /// Write the token to this new file (mode 0600; an existing file is refused)
    #[arg(long, value_name = "FILE", conflicts_with = "login")]
    pub save: Option<PathBuf>,

    /// Store the token as this context's credential and log out the session it replaces
    #[arg(long)]
    pub login: bool,
}

#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// A name for the token, unique among your tokens
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Let the token skip two-factor checks (for bots that cannot answer them)
    #[arg(long = "bypass-2fa")]
    pub bypass_two_factor: bool,

    #[command(flatten)]
    pub destination: TokenDestination,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}

#[derive(Debug, Args)]
pub struct TokenRegenerateArgs {
    /// The token's name, as `rocketctl token list` shows it
    #[arg(value_name = "NAME")]
    pub name: String,

    #[command(flatten)]
    pub destination: TokenDestination,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}

#[derive(Debug, Args)]
pub struct TokenDeleteArgs {
    /// The token's name, as `rocketctl token list` shows it
    #[arg(value_name = "NAME")]
    pub name: String,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,
}

#[derive(Debug, Args)]
pub struct SetEmailArgs {
    /// The new email address
    #[arg(value_name = "EMAIL")]
    pub email: String,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// Print the planned request (secrets masked) and send no change
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct SetPasswordArgs {
    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub new_password: NewPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// Print the planned request (secrets masked) and send no change
    #[arg(long)]
    pub dry_run: bool,
}

/// The heading of `profile update`'s change flags, one of which is required.
const CHANGES: &str = "Changes (at least one)";

#[derive(Debug, Args)]
#[command(override_usage = "rocketctl profile update <CHANGE>... [OPTIONS]")]
#[command(group(clap::ArgGroup::new("changes").required(true).multiple(true).args([
    "email", "name", "username", "nickname", "bio", "status_text", "fields", "unset_fields",
    "change_password", "new_password_stdin", "new_password_file",
])))]
pub struct UpdateArgs {
    /// New email address (stored unverified)
    #[arg(long, value_name = "EMAIL", help_heading = CHANGES)]
    pub email: Option<String>,

    /// New display name
    #[arg(long, value_name = "NAME", help_heading = CHANGES)]
    pub name: Option<String>,

    /// New username
    #[arg(long, value_name = "USERNAME", help_heading = CHANGES)]
    pub username: Option<String>,

    /// New nickname ('' clears it on 8.x servers)
    #[arg(long, value_name = "NICKNAME", help_heading = CHANGES)]
    pub nickname: Option<String>,

    /// New bio, up to 260 characters (Rocket.Chat 6.4 or later)
    #[arg(long, value_name = "BIO", help_heading = CHANGES)]
    pub bio: Option<String>,

    /// New status message
    #[arg(long, value_name = "TEXT", help_heading = CHANGES)]
    pub status_text: Option<String>,

    /// Set a custom field the server defines (repeatable); merged into your current ones
    #[arg(long = "field", value_name = "KEY=VALUE", help_heading = CHANGES)]
    pub fields: Vec<String>,

    /// Remove a custom field (repeatable)
    #[arg(long = "unset-field", value_name = "KEY", help_heading = CHANGES)]
    pub unset_fields: Vec<String>,

    /// Also change the password (new password from --new-password-* or a prompt)
    #[arg(long, help_heading = CHANGES)]
    pub change_password: bool,

    #[command(flatten)]
    pub password: CurrentPasswordArgs,

    #[command(flatten)]
    pub new_password: NewPasswordArgs,

    #[command(flatten)]
    pub two_factor: TwoFactorArgs,

    /// Print the planned request (secrets masked) and send no change
    #[arg(long)]
    pub dry_run: bool,
}

/// Every subcommand's help ends its options with this line instead of repeating the globals.
const GLOBAL_OPTIONS_LINE: &str =
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

/// Parse the command line. Bare `rocketctl` prints the help and succeeds, as gh does.
pub fn parse() -> Cli {
    let mut command = command();
    if std::env::args_os().len() <= 1 {
        // clap's own printer, as for `--help`; nothing else prints outside output.rs.
        let _ = command.print_help();
        std::process::exit(0);
    }
    let matches = command.try_get_matches_from_mut(std::env::args_os()).unwrap_or_else(|err| {
        let err = without_hidden_commands(err, &command);
        usage_error_as_json(&err);
        err.exit()
    });
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.format(&mut command).exit())
}

/// docs/cli.md: with `-o json` every failure is also a JSON object on stdout, usage errors
/// included. The arguments are not parsed (that is what failed), so the flag is looked for as
/// written: `--json`, `-o json`, `-ojson`, `--output json`, `--output=json`.
fn usage_error_as_json(err: &clap::Error) {
    use clap::error::ErrorKind;
    if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) || !wants_json() {
        return;
    }
    let rendered = err.render().to_string();
    let mut lines = rendered.lines().map(str::trim);
    let message = lines.next().unwrap_or_default().trim_start_matches("error: ").to_owned();
    let hints: Vec<String> =
        lines.filter_map(|line| line.strip_prefix("tip: ")).map(str::to_owned).collect();
    crate::output::Output::default().json_error(
        &message,
        u8::try_from(err.exit_code()).unwrap_or(2),
        &hints,
    );
}

fn wants_json() -> bool {
    let args: Vec<String> =
        std::env::args_os().skip(1).map(|arg| arg.to_string_lossy().into_owned()).collect();
    args.iter().enumerate().any(|(index, arg)| {
        matches!(arg.as_str(), "--json" | "-ojson" | "--output=json")
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
