//! The command line, as clap derive types. Doc comments are the help text: the first line is the
//! short help, the rest the long help. Nothing here reads the environment or the config; that is
//! `settings.rs`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod admin;
mod api;
mod auth;
mod desired;
mod global;
mod inputs;
mod parse;
mod presence;
mod profile;
mod server_admin;
mod token;
mod two_factor;

pub use admin::{
    AdminCommand, AdminUpdateArgs, AdminUserCommand, CreateArgs, DeleteArgs, ListArgs, LogoutArgs,
    TargetArgs,
};
pub use api::{ApiArgs, HttpMethod};
pub use auth::{ContextCommand, LoginArgs};
pub use desired::{ApplyArgs, DiffArgs, ExportArgs};
pub use global::{ColorChoice, GlobalArgs, OutputFormat, StoreChoice};
pub use inputs::{CurrentPasswordArgs, NewPasswordArgs, TwoFactorArgs};
pub use parse::{UsageError, command, full_command, global_options, parse};
pub use presence::{PresenceCommand, PresenceSetArgs};
pub use profile::{AvatarCommand, AvatarSetArgs, ProfileCommand, UpdateArgs};
pub use server_admin::{
    GrantArgs, MembershipArgs, PermissionCommand, RoleCommand, SettingCommand, SettingSetArgs,
};
pub use token::{TokenCommand, TokenDestination};
pub use two_factor::{BackupCodesArgs, FactorCommand, TotpCommand, TwoFactorCommand};

/// Administer Rocket.Chat accounts from a terminal, a script or a CI job: your own profile,
/// password, tokens and presence, other users' accounts, and fleets kept in a desired state.
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

", "Run `rocketctl help environment` for environment variables, `rocketctl help exit-codes` for
exit codes and `rocketctl help desired-state` for the file export, diff and apply use."))]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
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
  rocketctl status -o json | jq -r .serverVersion")]
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

    /// Print the desired state of your account (or of others) as a file
    ///
    /// The file (TOML, or JSON with -o json) is what `diff` and `apply` read: applying it
    /// unchanged changes nothing. It is bound to the server (`server`) and, for your own
    /// account, to the account (`[profile] user_id`): `diff` and `apply` refuse it elsewhere.
    /// --settings and --permissions add those server-wide tables (a secret setting is written
    /// as `{ env = "ID" }`, never its value). Passwords and tokens are never exported (the
    /// server does not show them), nor avatars (images, not values).
    /// Every key of the file: `rocketctl help desired-state`.
    #[command(after_long_help = "Examples:
  rocketctl export > account.toml
  rocketctl export --user deploy-bot --user alert-bot > bots.toml
  rocketctl export --all-users --role bot > bots.toml
  rocketctl export --settings Accounts_AllowUserAvatarChange \\
      --permissions create-personal-access-tokens > server.toml
  rocketctl export -o json > account.json")]
    Export(ExportArgs),

    /// Show what `apply` would change to reach a desired-state file
    ///
    /// Reads the current state from the server and prints one line per change, settings and
    /// permissions first, then grouped by account: `+` added, `~` changed, `-` removed;
    /// secrets show as (sensitive). Nothing is changed. Every check `apply` makes before
    /// sending is made here too, with the same exit code. With --exit-code, exits 10 when
    /// changes are pending and 0 when none are. --out PLAN saves the plan for
    /// `apply --plan PLAN`. Every key of the file: `rocketctl help desired-state`.
    #[command(after_long_help = "Examples:
  rocketctl diff -f account.toml
  rocketctl diff -f account.toml --exit-code || echo \"changes pending\"
  rocketctl diff -f fleet.toml --out plan.json
  rocketctl export | rocketctl diff -f -
  rocketctl diff -f account.toml -o json | jq '.changes | length'")]
    Diff(DiffArgs),

    /// Change the server to match a desired-state file; safe to run again
    ///
    /// Prints the plan, then carries it out: settings, then permissions, then per account one
    /// profile request, then presence, avatar and token. Independent accounts run up to
    /// --parallel at a time. A changed e-mail address or setting needs the current password
    /// (or a two-factor code). When a change fails the others still run, and the exit code is
    /// the first failure's. With --plan PLAN (from `diff --out`) it carries out exactly that
    /// plan, or nothing with exit 11 when the server changed since it was made.
    /// Every key of the file: `rocketctl help desired-state`.
    #[command(after_long_help = "Examples:
  rocketctl apply -f account.toml
  rocketctl apply -f account.toml --dry-run --exit-code
  rocketctl apply --plan plan.json
  ROCKETCHAT_PASSWORD=... rocketctl apply -f account.toml --no-input -o json")]
    Apply(ApplyArgs),
    /// Administer other users' accounts, roles, permissions and settings
    ///
    /// For CI jobs that provision bot accounts: create a user with its token, change it,
    /// (de)activate, log out or delete it; give roles, grant permissions and change settings
    /// the server needs first. Needs an administrator's permissions; a refusal names the
    /// permission the server wants.
    #[command(subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl admin user show deploy-bot
  rocketctl admin permission grant create-personal-access-tokens bot
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

    /// Two-factor authentication of your own account: e-mail codes, authenticator app
    ///
    /// `status` shows what is on for you and on the server. `email enable|disable` turns codes
    /// by e-mail on or off; `totp enable` enrols an authenticator app from a terminal (a QR
    /// code to scan, then a code to confirm, then backup codes shown once) and `totp disable`
    /// removes it with a current code; `backup-codes` counts what is left or, with
    /// --regenerate, makes a new set. Servers from 8.8 take TOTP enrolment by REST; older ones
    /// by their DDP methods, which rocketctl calls through `method.call`.
    #[command(name = "2fa", subcommand)]
    #[command(after_long_help = "Examples:
  rocketctl 2fa status
  rocketctl 2fa totp enable
  rocketctl 2fa email disable --2fa-code 123456
  rocketctl 2fa backup-codes --regenerate")]
    TwoFactor(TwoFactorCommand),

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

    /// Show help for a command, or a topic: options, environment, exit-codes, desired-state
    ///
    /// `rocketctl help options` lists the global options every command accepts;
    /// `rocketctl help environment` lists the environment variables and the precedence of
    /// flags, environment and config; `rocketctl help exit-codes` lists the exit codes;
    /// `rocketctl help desired-state` describes every key of the file that `export` writes and
    /// `diff` and `apply` read.
    #[command(after_long_help = "Examples:
  rocketctl help options
  rocketctl help environment
  rocketctl help exit-codes
  rocketctl help desired-state
  rocketctl help profile set-email")]
    Help {
        /// A command path (`profile set-email`) or a topic (`options`, `environment`,
        /// `exit-codes`, `desired-state`)
        #[arg(value_name = "COMMAND|TOPIC")]
        topic: Vec<String>,
    },

    /// Print the stored context names, one a line (for shell completion)
    #[command(name = "__complete-contexts", hide = true)]
    CompleteContexts,

    /// Print a shell completion script
    ///
    /// Completes commands, flags, values and context names. Install it where your shell looks
    /// for completions, as the examples show (make the folder first if it is not there). For
    /// bash without the bash-completion package, load it from ~/.bashrc instead:
    /// `eval "$(rocketctl completions bash)"`.
    #[command(after_long_help = "Examples:
  mkdir -p ~/.local/share/bash-completion/completions
  rocketctl completions bash \\
      > ~/.local/share/bash-completion/completions/rocketctl
  eval \"$(rocketctl completions bash)\"
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
