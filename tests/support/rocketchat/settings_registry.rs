//! The settings the stand-in knows, as the server registers them (`server/settings/accounts.ts`,
//! `email.ts` and friends): type, public, hidden, package value. A setting that changes what a route does
//! reads and writes a field of [`ServerSettings`](super::ServerSettings) (`settings_typed.rs`);
//! the others are only stored and read back (`ServerSettings::stored`).

use serde_json::Value;

use super::State;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Boolean,
    Int,
    Text,
    Code,
    Select,
    /// A number input with `minValue`/`maxValue` (`checkSettingValueBounds`).
    Range(i64, i64),
}

#[derive(Debug)]
pub struct Def {
    pub id: &'static str,
    pub kind: Kind,
    pub public: bool,
    pub hidden: bool,
    /// The package value, as JSON.
    pub package: &'static str,
}

const fn def(id: &'static str, kind: Kind, public: bool, package: &'static str) -> Def {
    Def { id, kind, public, hidden: false, package }
}

const fn hidden(id: &'static str, kind: Kind, package: &'static str) -> Def {
    Def { id, kind, public: false, hidden: true, package }
}

use Kind::{Boolean, Code, Int, Range, Select, Text};

/// Sorted by id, as `settings.public` and `settings` answer them.
const DEFS: &[Def] = &[
    def("API_Apply_permission_view-outside-room_on_users-list", Boolean, false, "false"),
    def("API_Default_Count", Int, false, "50"),
    def("API_Upper_Count_Limit", Int, false, "100"),
    def("Accounts_AllowAnonymousRead", Boolean, true, "false"),
    def("Accounts_AllowDeleteOwnAccount", Boolean, true, "false"),
    def("Accounts_AllowEmailChange", Boolean, true, "true"),
    def("Accounts_AllowInvisibleStatusOption", Boolean, true, "true"),
    def("Accounts_AllowPasswordChange", Boolean, true, "true"),
    def("Accounts_AllowRealNameChange", Boolean, true, "true"),
    def("Accounts_AllowUserAvatarChange", Boolean, true, "true"),
    def("Accounts_AllowUserProfileChange", Boolean, true, "true"),
    def("Accounts_AllowUserStatusMessageChange", Boolean, true, "true"),
    def("Accounts_AllowUsernameChange", Boolean, true, "true"),
    def("Accounts_AllowedDomainsList", Text, true, "\"\""),
    def("Accounts_AvatarBlockUnauthenticatedAccess", Boolean, true, "false"),
    def("Accounts_BlockedDomainsList", Text, false, "\"\""),
    def("Accounts_BlockedUsernameList", Text, false, "\"\""),
    def("Accounts_CustomFields", Code, true, "\"\""),
    def("Accounts_Default_User_Preferences_masterVolume", Range(0, 100), true, "100"),
    def("Accounts_Default_User_Preferences_notificationsSoundVolume", Range(0, 100), true, "100"),
    def("Accounts_PasswordReset", Boolean, true, "true"),
    def("Accounts_Password_Policy_AtLeastOneLowercase", Boolean, true, "true"),
    def("Accounts_Password_Policy_AtLeastOneNumber", Boolean, true, "true"),
    def("Accounts_Password_Policy_AtLeastOneSpecialCharacter", Boolean, true, "true"),
    def("Accounts_Password_Policy_AtLeastOneUppercase", Boolean, true, "true"),
    def("Accounts_Password_Policy_Enabled", Boolean, true, "false"),
    def("Accounts_Password_Policy_ForbidRepeatingCharacters", Boolean, true, "true"),
    def("Accounts_Password_Policy_ForbidRepeatingCharactersCount", Int, true, "3"),
    def("Accounts_Password_Policy_MaxLength", Int, true, "-1"),
    def("Accounts_Password_Policy_MinLength", Int, true, "7"),
    def("Accounts_RegistrationForm", Select, true, "\"Public\""),
    def("Accounts_Registration_Users_Default_Roles", Text, true, "\"user\""),
    def("Accounts_RequireNameForSignUp", Boolean, true, "true"),
    hidden("Accounts_SystemBlockedUsernameList", Text, "\"admin,administrator,system,user\""),
    def("Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In", Boolean, false, "true"),
    def("Accounts_TwoFactorAuthentication_By_Email_Enabled", Boolean, true, "true"),
    def("Accounts_TwoFactorAuthentication_By_TOTP_Enabled", Boolean, true, "true"),
    def("Accounts_TwoFactorAuthentication_Enabled", Boolean, true, "true"),
    def("Accounts_TwoFactorAuthentication_Enforce_Password_Fallback", Boolean, true, "true"),
    def("Accounts_TwoFactorAuthentication_RememberFor", Int, false, "1800"),
    def("E2E_Enable", Boolean, true, "false"),
    def("FileUpload_MaxFileSize", Int, true, "104857600"),
    def("From_Email", Text, false, "\"\""),
    def("LDAP_Enable", Boolean, true, "false"),
    hidden("Manual_Entry_User_Count", Int, "0"),
    def("SMTP_Host", Text, false, "\"\""),
    // A `password` setting: the route answers its value like any other.
    def("SMTP_Password", Text, false, "\"\""),
    def("SMTP_Username", Text, false, "\"\""),
    def("Site_Name", Text, true, "\"Rocket.Chat\""),
    def("Site_Url", Text, true, "\"http://localhost:3000\""),
    def("UTF8_User_Names_Validation", Text, false, "\"[0-9a-zA-Z-_.]+\""),
];

/// The registered setting `id`, hidden ones included.
pub fn definition(id: &str) -> Option<&'static Def> {
    DEFS.iter().find(|d| d.id == id)
}

/// Every registered setting that is not hidden.
pub fn visible() -> impl Iterator<Item = &'static Def> {
    DEFS.iter().filter(|d| !d.hidden)
}

impl Def {
    pub fn package_value(&self) -> Value {
        serde_json::from_str(self.package).expect("the package values are JSON")
    }
}

impl State {
    /// The current value of a registered setting (None for an unknown id).
    pub fn setting_value(&self, id: &str) -> Option<Value> {
        let def = definition(id)?;
        Some(
            super::settings_typed::read(self, id)
                .or_else(|| self.settings.stored.get(id).cloned())
                .unwrap_or_else(|| def.package_value()),
        )
    }

    /// A registered text setting's value ("" when it is not text).
    pub fn setting_text(&self, id: &str) -> String {
        self.setting_value(id).and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }

    /// A registered boolean setting, read as JavaScript would read the stored value.
    pub fn setting_flag(&self, id: &str) -> bool {
        self.setting_value(id).is_some_and(|v| truthy(&v))
    }

    /// Store `value` as the setting's value (no checks: the route makes them).
    pub fn write_setting(&mut self, id: &str, value: Value) {
        if !super::settings_typed::write(self, id, &value) {
            self.settings.stored.insert(id.to_owned(), value);
        }
    }
}

/// JavaScript truthiness, which is how the server's `settings.get(...)` guards read a value
/// stored with the wrong type.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0 && !n.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// JavaScript `Number(value)` for the values a setting can hold (None for NaN).
pub fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::Bool(flag) => Some(f64::from(u8::from(*flag))),
        Value::String(s) if s.trim().is_empty() => Some(0.0),
        Value::String(s) => s.trim().parse().ok(),
        Value::Null => Some(0.0),
        _ => None,
    }
}
