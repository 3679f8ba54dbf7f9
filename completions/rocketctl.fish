# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rocketctl_global_optspecs
    string join \n context= server= config= o/output= json jq= no-input q/quiet v/verbose timeout= ca-cert= insecure max-wait= color= h/help V/version
end

function __fish_rocketctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rocketctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rocketctl_using_subcommand
    set -l cmd (__fish_rocketctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rocketctl -n "__fish_rocketctl_needs_command" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_needs_command" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -s V -l version -d 'Print version'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "login" -d 'Log in to a Rocket.Chat server and store the credentials in a context'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "logout" -d 'Revoke the stored token on the server and remove it from the config'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "status" -d 'Show the context, server, user and where each credential comes from'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "context" -d 'List, switch and remove stored contexts'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "profile" -d 'Show and change your own profile'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "export" -d 'Print the desired state of your account (or of others) as a file'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "diff" -d 'Show what `apply` would change to reach a desired-state file'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "apply" -d 'Change the server to match a desired-state file; safe to run again'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "admin" -d 'Administer other users\' accounts, roles, permissions and settings'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "presence" -d 'Show and set your presence (online, away, busy, offline) and status message'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "token" -d 'List, create, regenerate and delete your personal access tokens'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "2fa" -d 'Two-factor authentication of your own account: e-mail codes, authenticator app'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "api" -d 'Call any Rocket.Chat REST endpoint with the stored credentials'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "help" -d 'Show help for a command, or a topic: options, environment, exit-codes, desired-state'
complete -c rocketctl -n "__fish_rocketctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l username -d 'Username or email address to log in as' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l user-id -d 'User id that owns the personal access token (with --token-stdin or --token-file)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l token-file -d 'Read the access token from a file' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l store -d 'Where to keep the token: the system keyring, the config file, or auto (the keyring when one answers, else the file, saying which)' -r -f -a "auto\t'The system keyring when one answers, else the config file (saying so)'
keyring\t'The system keyring (Secret Service), or fail'
file\t'The config file (mode 0600)'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l token-stdin -d 'Read the access token from stdin'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -f -a "list" -d 'List the stored contexts; the current one is marked'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -f -a "use" -d 'Make a stored context the current one'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and not __fish_seen_subcommand_from list use remove" -f -a "remove" -d 'Remove a stored context (run `rocketctl logout` first to revoke its token)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand context; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -f -a "show" -d 'Show your user record as a table or JSON'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -f -a "set-email" -d 'Change your email address (needs your current password or a two-factor code)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -f -a "set-password" -d 'Change your password (needs your current password or a two-factor code)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -f -a "update" -d 'Change several profile fields in one request'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and not __fish_seen_subcommand_from show set-email set-password update avatar" -f -a "avatar" -d 'Set or reset your avatar'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l dry-run -d 'Print the planned request (secrets masked) and send no change'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-email" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l new-password-file -d 'Read the new password from a file (one trailing newline is removed) [env: ROCKETCHAT_NEW_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l new-password-stdin -d 'Read the new password from stdin (one trailing newline is removed) [env: ROCKETCHAT_NEW_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l dry-run -d 'Print the planned request (secrets masked) and send no change'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from set-password" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l email -d 'New email address (stored unverified)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l name -d 'New display name' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l username -d 'New username' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l nickname -d 'New nickname (\'\' clears it on 8.x servers)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l bio -d 'New bio, up to 260 characters (Rocket.Chat 6.4 or later)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l status-text -d 'New status message' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l field -d 'Set a custom field the server defines (repeatable); merged into your current ones' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l unset-field -d 'Remove a custom field (repeatable)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l new-password-file -d 'Read the new password from a file (one trailing newline is removed) [env: ROCKETCHAT_NEW_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l change-password -d 'Also change the password (new password from --new-password-* or a prompt)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l new-password-stdin -d 'Read the new password from stdin (one trailing newline is removed) [env: ROCKETCHAT_NEW_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l dry-run -d 'Print the planned request (secrets masked) and send no change'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -f -a "set" -d 'Upload an image file, or have the server fetch one from a URL'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand profile; and __fish_seen_subcommand_from avatar" -f -a "reset" -d 'Go back to the server\'s default avatar (your initials)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l user -d 'Export this account as `[[users]]` instead of your own (repeatable; admin endpoints)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l settings -d 'Add these settings as `[settings]` (repeatable, or comma-separated)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l permissions -d 'Add these permissions and their roles as `[permissions]` (repeatable, or comma-separated)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l role -d 'With --all-users: only the accounts that hold this role' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l all-users -d 'Export every account you can see except your own as `[[users]]` (to adopt a server)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -s f -l file -d 'The desired-state file (TOML, or JSON when it ends in .json); `-` reads stdin' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l out -d 'Also save the plan to PLAN (a new file, mode 0600) for `apply --plan PLAN`' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l exit-code -d 'Exit 10 when changes are pending, 0 when there are none'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -s f -l file -d 'The desired-state file (TOML, or JSON when it ends in .json); `-` reads stdin' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l plan -d 'Carry out a plan saved by `diff --out`, exactly; exit 11 and nothing sent when the server changed since it was made' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l parallel -d 'How many accounts to change at a time' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l dry-run -d 'Print the plan and change nothing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l exit-code -d 'With --dry-run: exit 10 when changes are pending, 0 when there are none'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -f -a "user" -d 'Show, list, create, change, (de)activate, log out and delete user accounts'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -f -a "role" -d 'List roles and their members, give users a role and take it away'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -f -a "permission" -d 'List permissions and the roles that hold them, grant and revoke them'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and not __fish_seen_subcommand_from user role permission setting" -f -a "setting" -d 'Show and change server settings by id'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -f -a "show" -d 'Show a user\'s record as a table or JSON (exit 1 when there is no such user)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -f -a "list" -d 'List every user (all pages), optionally filtered'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -f -a "create" -d 'Create a user with provisioning defaults, and optionally its access token'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -f -a "update" -d 'Change a user: only what differs is sent, in one users.update'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -f -a "activate" -d 'Activate a user (nothing is sent when it is already active)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -f -a "deactivate" -d 'Deactivate a user; its tokens stop working (nothing is sent when already inactive)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -f -a "delete" -d 'Delete a user for good (asks on a terminal; --yes otherwise)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from user" -f -a "logout" -d 'End every session of a user and revoke its personal access tokens'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -f -a "list" -d 'List the server\'s roles: ROLE, SCOPE, PROTECTED, DESCRIPTION'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -f -a "members" -d 'List the users who hold a role server-wide (every page; needs access-permissions)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -f -a "add" -d 'Give users a role: one roles.addUserToRole per user who lacks it'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from role" -f -a "remove" -d 'Take a role from users: one roles.removeUserFromRole per user who holds it'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -f -a "list" -d 'List every permission and the roles that hold it: PERMISSION, ROLES'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -f -a "show" -d 'Show the roles that hold one permission (exit 1 when there is no such permission)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -f -a "grant" -d 'Give a permission to roles: one permissions.update with its whole new role list'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from permission" -f -a "revoke" -d 'Take a permission from roles: one permissions.update with its whole new role list'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -f -a "show" -d 'Show settings\' values: ID, VALUE (exit 1 when one is unknown)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand admin; and __fish_seen_subcommand_from setting" -f -a "set" -d 'Change a setting, typed as its current value is'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -f -a "show" -d 'Show your presence, status message and connection status'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and not __fish_seen_subcommand_from show set" -f -a "set" -d 'Set your presence and/or status message (nothing is sent when nothing changes)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l message -d 'The status message (at most 120 characters)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l clear-message -d 'Remove the status message'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l dry-run -d 'Print the planned request and send nothing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand presence; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -f -a "list" -d 'List your personal access tokens; the one this command authenticated with is marked'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -f -a "create" -d 'Make a personal access token and print it once'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -f -a "regenerate" -d 'Replace a personal access token by a new one and print it once'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and not __fish_seen_subcommand_from list create regenerate delete" -f -a "delete" -d 'Revoke a personal access token (a name that does not exist is not an error)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l save -d 'Write the token to this new file (mode 0600; an existing file is refused)' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l bypass-2fa -d 'Let the token skip two-factor checks (for bots that cannot answer them)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l login -d 'Store the token as this context\'s credential and log out the session it replaces'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l save -d 'Write the token to this new file (mode 0600; an existing file is refused)' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l login -d 'Store the token as this context\'s credential and log out the session it replaces'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand token; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -f -a "status" -d 'Show which second factors are on for your account and on the server'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -f -a "email" -d 'Turn codes by e-mail on or off for your account'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -f -a "totp" -d 'Enrol an authenticator app (TOTP) from a terminal, or remove it'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and not __fish_seen_subcommand_from status email totp backup-codes" -f -a "backup-codes" -d 'Show how many backup codes are left, or make a new set (shown once)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -f -a "enable" -d 'Turn codes by e-mail on: every address of the account must be verified'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from email" -f -a "disable" -d 'Turn codes by e-mail off: the server asks for a second factor first'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -f -a "enable" -d 'Enrol an authenticator app: scan the QR code, type a code, keep the backup codes'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from totp" -f -a "disable" -d 'Remove the authenticator app: needs a current code from it, or a backup code'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l regenerate -d 'Make twelve new backup codes (the old ones stop working) and print them once'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand 2fa; and __fish_seen_subcommand_from backup-codes" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -s X -l method -d 'The HTTP method [default: GET, or POST with -f, -F or --input]' -r -f -a "GET\t''
POST\t''
PUT\t''
DELETE\t''"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -s f -l raw-field -d 'Add a string parameter: KEY=VALUE, KEY[SUB]=VALUE, KEY[]=VALUE (KEY[] alone: an empty array)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -s F -l field -d 'Add a typed parameter: true, false, null and numbers are sent as JSON values, @FILE as the file\'s text (@- reads stdin)' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l input -d 'Send the JSON in FILE as the body (- reads stdin); -f and -F become query parameters' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l password-file -d 'Read the current password from a file (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l 2fa-code -d 'Two-factor code (authenticator app or e-mailed code); one-time, so a flag is fine' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l paginate -d 'Fetch every page of a count/offset/total endpoint and print one array of the items'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -s i -l include -d 'Print the status line and the response headers (secrets masked) before the body'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l password-stdin -d 'Read the current password from stdin (one trailing newline is removed) [env: ROCKETCHAT_PASSWORD holds the password itself]'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l context -d 'Use this stored context instead of the current one' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l server -d 'Rocket.Chat server URL, e.g. https://chat.example.com or https://host/chat [env: ROCKETCHAT_URL]' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/rocketctl/config.toml]' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -s o -l output -d 'Output format for data on stdout' -r -f -a "table\t'Human-readable table'
json\t'One JSON document'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l jq -d 'Filter the JSON output through a jq expression (implies -o json); each result on its own line, strings without quotes' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l timeout -d 'Seconds to wait for the server before giving up' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l ca-cert -d 'Extra trusted root certificate (PEM) for a private CA' -r -F
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l max-wait -d 'Longest total wait, in seconds, for rate limits in one command before exit code 8' -r
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l color -d 'When to use colour (stderr labels, bold table headers)' -r -f -a "auto\t'Colour (and bold table headers) on a terminal when NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l json -d 'Same as `--output json`'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l no-input -d 'Never prompt; fail when a secret or code is missing'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -s v -l verbose -d 'Trace HTTP requests and responses on stderr, secrets redacted'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -l insecure -d 'Skip TLS certificate verification (insecure; warns on every run)'
complete -c rocketctl -n "__fish_rocketctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'

# Context names for --context, `context use` and `context remove`.
complete -c rocketctl -l context -x -a '(rocketctl __complete-contexts 2>/dev/null)'
complete -c rocketctl -n "__fish_seen_subcommand_from context; and __fish_seen_subcommand_from use remove" -x -a '(rocketctl __complete-contexts 2>/dev/null)'

# Endpoint names for `rocketctl api`.
complete -c rocketctl -n "__fish_seen_subcommand_from api" -a 'login logout me users.2fa.disableEmail users.2fa.enableEmail users.2fa.sendEmailCode users.autocomplete users.create users.createToken users.deactivateIdle users.delete users.deleteOwnAccount users.forgotPassword users.generatePersonalAccessToken users.getAvatar users.getPersonalAccessTokens users.getPreferences users.getPresence users.getStatus users.getUsernameSuggestion users.info users.list users.listTeams users.logout users.logoutOtherClients users.presence users.regeneratePersonalAccessToken users.register users.removeOtherTokens users.removePersonalAccessToken users.requestDataDownload users.resetAvatar users.resetE2EKey users.resetTOTP users.setActiveStatus users.setAvatar users.setPreferences users.setStatus users.update users.updateOwnBasicInfo channels.addAll channels.addLeader channels.addModerator channels.addOwner channels.anonymousread channels.archive channels.close channels.convertToTeam channels.counters channels.create channels.delete channels.files channels.getAllUserMentionsByChannel channels.getIntegrations channels.history channels.info channels.invite channels.join channels.kick channels.leave channels.list channels.list.joined channels.members channels.messages channels.moderators channels.online channels.open channels.removeLeader channels.removeModerator channels.removeOwner channels.rename channels.roles channels.setAnnouncement channels.setCustomFields channels.setDefault channels.setDescription channels.setJoinCode channels.setPurpose channels.setReadOnly channels.setTopic channels.setType channels.unarchive groups.addAll groups.addLeader groups.addModerator groups.addOwner groups.archive groups.close groups.convertToTeam groups.counters groups.create groups.delete groups.files groups.getIntegrations groups.history groups.info groups.invite groups.kick groups.leave groups.list groups.listAll groups.members groups.messages groups.moderators groups.open groups.removeLeader groups.removeModerator groups.removeOwner groups.rename groups.roles groups.setAnnouncement groups.setCustomFields groups.setDescription groups.setEncrypted groups.setPurpose groups.setReadOnly groups.setTopic groups.setType groups.unarchive im.close im.counters im.create im.delete im.files im.history im.list im.list.everyone im.members im.messages im.messages.others im.open im.setTopic chat.delete chat.followMessage chat.getDeletedMessages chat.getDiscussions chat.getMentionedMessages chat.getMessage chat.getMessageReadReceipts chat.getPinnedMessages chat.getSnippetedMessageById chat.getSnippetedMessages chat.getStarredMessages chat.getThreadMessages chat.getThreadsList chat.ignoreUser chat.pinMessage chat.postMessage chat.react chat.reportMessage chat.search chat.sendMessage chat.starMessage chat.syncMessages chat.syncThreadMessages chat.syncThreadsList chat.unPinMessage chat.unStarMessage chat.unfollowMessage chat.update rooms.adminRooms rooms.adminRooms.getRoom rooms.autocomplete.adminRooms rooms.autocomplete.channelAndPrivate rooms.changeArchivationState rooms.cleanHistory rooms.createDiscussion rooms.delete rooms.export rooms.favorite rooms.get rooms.getDiscussions rooms.info rooms.leave rooms.saveNotification rooms.saveRoomSettings rooms.upload subscriptions.get subscriptions.getOne subscriptions.read subscriptions.unread teams.addMembers teams.addRooms teams.autocomplete teams.convertToChannel teams.create teams.delete teams.info teams.leave teams.list teams.listAll teams.listRooms teams.listRoomsOfUser teams.members teams.removeMember teams.removeRoom teams.update teams.updateMember teams.updateRoom permissions.listAll permissions.update roles.addUserToRole roles.create roles.delete roles.getUsersInRole roles.list roles.removeUserFromRole roles.sync roles.update assets.setAsset assets.unsetAsset banners banners.dismiss directory instances.get ldap.syncNow ldap.testConnection ldap.testSearch licenses.add licenses.info licenses.maxActiveUsers service.configurations settings settings.addCustomOAuth settings.oauth settings.public spotlight statistics statistics.list commands.get commands.list commands.preview commands.run integrations.create integrations.get integrations.history integrations.list integrations.remove integrations.update oauth-apps.create oauth-apps.delete oauth-apps.get oauth-apps.list oauth-apps.update custom-sounds.list custom-user-status.create custom-user-status.delete custom-user-status.list custom-user-status.update emoji-custom.all emoji-custom.create emoji-custom.delete emoji-custom.list emoji-custom.update e2e.fetchMyKeys e2e.getUsersOfRoomWithoutKey e2e.setRoomKeyID e2e.setUserPublicAndPrivateKeys e2e.updateGroupKey findOrCreateInvite listInvites push.get push.info push.test push.token useInviteToken validateInviteToken video-conference.cancel video-conference.capabilities video-conference.info video-conference.join video-conference.list video-conference.providers video-conference.start /api/info'

# Role, permission and setting names for `admin role | permission | setting`.
function __rocketctl_words_after --argument-names word
    set -l tokens (commandline -opc)
    set -l index (contains -i -- $word $tokens); or return 1
    math (count $tokens) - $index
end
complete -c rocketctl -n "__fish_seen_subcommand_from role; and __fish_seen_subcommand_from members add remove; and test (__rocketctl_words_after role) -eq 1" -f -a 'admin anonymous app bot guest leader livechat-agent livechat-manager moderator owner user'
complete -c rocketctl -n "__fish_seen_subcommand_from permission; and __fish_seen_subcommand_from show grant revoke; and test (__rocketctl_words_after permission) -eq 1" -f -a 'access-mailer access-marketplace access-permissions access-setting-permissions add-oauth-service add-team-member add-user-to-any-c-room add-user-to-any-p-room add-user-to-joined-room api-bypass-rate-limit archive-room assign-admin-role assign-roles ban-user bulk-register-user bypass-time-limit-edit-and-delete call-management change-livechat-room-visitor clean-channel-history close-livechat-room close-others-livechat-room create-c create-d create-invite-links create-p create-personal-access-tokens create-team create-user delete-c delete-d delete-message delete-own-message delete-p delete-team delete-user edit-message edit-other-user-active-status edit-other-user-avatar edit-other-user-e2ee edit-other-user-info edit-other-user-password edit-other-user-totp edit-privileged-setting edit-room edit-room-avatar edit-room-retention-policy edit-team edit-team-member force-delete-message get-server-info join-without-join-code kick-user-from-any-c-room kick-user-from-any-p-room leave-c leave-p logout-other-user mail-messages manage-apps manage-assets manage-cloud manage-email-inbox manage-emoji manage-incoming-integrations manage-livechat-agents manage-livechat-managers manage-moderation-actions manage-oauth-apps manage-outgoing-integrations manage-own-incoming-integrations manage-own-outgoing-integrations manage-selected-settings manage-sounds manage-user-status mention-all mention-here message-impersonate mute-user pin-message post-readonly preview-c-room remove-user restart-server run-import run-migration send-mail send-many-messages set-leader set-moderator set-owner set-readonly start-discussion start-discussion-other-user sync-auth-services-users test-admin-options toggle-room-e2e-encryption transfer-livechat-guest unarchive-room user-generate-access-token view-all-team-channels view-all-teams view-broadcast-member-list view-c-room view-d-room view-engagement-dashboard view-full-other-user-info view-import-operations view-join-code view-joined-room view-l-room view-livechat-manager view-livechat-queue view-livechat-rooms view-logs view-moderation-console view-omnichannel-contact-center view-other-user-channels view-outside-room view-p-room view-privileged-setting view-room-administration view-statistics view-user-administration'
complete -c rocketctl -n "__fish_seen_subcommand_from permission; and __fish_seen_subcommand_from grant revoke; and test (__rocketctl_words_after permission) -ge 2" -f -a 'admin anonymous app bot guest leader livechat-agent livechat-manager moderator owner user'
complete -c rocketctl -n "__fish_seen_subcommand_from setting; and __fish_seen_subcommand_from show; and test (__rocketctl_words_after setting) -ge 1" -f -a 'API_Apply_permission_view-outside-room_on_users-list API_Default_Count API_Enable_Rate_Limiter API_Enable_Rate_Limiter_Dev API_Enable_Rate_Limiter_Limit_Calls_Default API_Enable_Rate_Limiter_Limit_Time_Default API_Upper_Count_Limit Accounts_AllowAnonymousRead Accounts_AllowDeleteOwnAccount Accounts_AllowEmailChange Accounts_AllowInvisibleStatusOption Accounts_AllowPasswordChange Accounts_AllowRealNameChange Accounts_AllowUserAvatarChange Accounts_AllowUserProfileChange Accounts_AllowUserStatusMessageChange Accounts_AllowUsernameChange Accounts_AllowedDomainsList Accounts_AvatarBlockUnauthenticatedAccess Accounts_BlockedDomainsList Accounts_BlockedUsernameList Accounts_CustomFields Accounts_Default_User_Preferences_masterVolume Accounts_Default_User_Preferences_notificationsSoundVolume Accounts_PasswordReset Accounts_Password_Policy_AtLeastOneLowercase Accounts_Password_Policy_AtLeastOneNumber Accounts_Password_Policy_AtLeastOneSpecialCharacter Accounts_Password_Policy_AtLeastOneUppercase Accounts_Password_Policy_Enabled Accounts_Password_Policy_ForbidRepeatingCharacters Accounts_Password_Policy_ForbidRepeatingCharactersCount Accounts_Password_Policy_MaxLength Accounts_Password_Policy_MinLength Accounts_RegistrationForm Accounts_Registration_Users_Default_Roles Accounts_RequireNameForSignUp Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In Accounts_TwoFactorAuthentication_By_Email_Enabled Accounts_TwoFactorAuthentication_By_TOTP_Enabled Accounts_TwoFactorAuthentication_Enabled Accounts_TwoFactorAuthentication_Enforce_Password_Fallback Accounts_TwoFactorAuthentication_RememberFor E2E_Enable FileUpload_MaxFileSize From_Email LDAP_Enable SMTP_Host SMTP_Password SMTP_Username Site_Name Site_Url UTF8_User_Names_Validation'
complete -c rocketctl -n "__fish_seen_subcommand_from setting; and __fish_seen_subcommand_from set; and test (__rocketctl_words_after setting) -eq 1" -f -a 'API_Apply_permission_view-outside-room_on_users-list API_Default_Count API_Enable_Rate_Limiter API_Enable_Rate_Limiter_Dev API_Enable_Rate_Limiter_Limit_Calls_Default API_Enable_Rate_Limiter_Limit_Time_Default API_Upper_Count_Limit Accounts_AllowAnonymousRead Accounts_AllowDeleteOwnAccount Accounts_AllowEmailChange Accounts_AllowInvisibleStatusOption Accounts_AllowPasswordChange Accounts_AllowRealNameChange Accounts_AllowUserAvatarChange Accounts_AllowUserProfileChange Accounts_AllowUserStatusMessageChange Accounts_AllowUsernameChange Accounts_AllowedDomainsList Accounts_AvatarBlockUnauthenticatedAccess Accounts_BlockedDomainsList Accounts_BlockedUsernameList Accounts_CustomFields Accounts_Default_User_Preferences_masterVolume Accounts_Default_User_Preferences_notificationsSoundVolume Accounts_PasswordReset Accounts_Password_Policy_AtLeastOneLowercase Accounts_Password_Policy_AtLeastOneNumber Accounts_Password_Policy_AtLeastOneSpecialCharacter Accounts_Password_Policy_AtLeastOneUppercase Accounts_Password_Policy_Enabled Accounts_Password_Policy_ForbidRepeatingCharacters Accounts_Password_Policy_ForbidRepeatingCharactersCount Accounts_Password_Policy_MaxLength Accounts_Password_Policy_MinLength Accounts_RegistrationForm Accounts_Registration_Users_Default_Roles Accounts_RequireNameForSignUp Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In Accounts_TwoFactorAuthentication_By_Email_Enabled Accounts_TwoFactorAuthentication_By_TOTP_Enabled Accounts_TwoFactorAuthentication_Enabled Accounts_TwoFactorAuthentication_Enforce_Password_Fallback Accounts_TwoFactorAuthentication_RememberFor E2E_Enable FileUpload_MaxFileSize From_Email LDAP_Enable SMTP_Host SMTP_Password SMTP_Username Site_Name Site_Url UTF8_User_Names_Validation'
