//! Names a default Rocket.Chat server has: its roles, its permissions and settings rocketctl's
//! users often change, offered by shell completion for `admin role | permission | setting`.
//! A leaf, like `endpoints.rs`: the command line reads it, and it reads nothing of the crate.
//!
//! Only suggestions: the commands take any name and check it against the server, which may have
//! roles of its own (Enterprise), permissions of its apps (`change-setting-*`) and thousands of
//! settings.

/// The built-in roles (docs/server.md, "Settings, permissions and roles").
const ROLES: &str =
    "admin anonymous app bot guest leader livechat-agent livechat-manager moderator owner user";

/// The permissions of a default Community server (docs/server.md, "Permissions by role").
const PERMISSIONS: &str = "access-mailer access-marketplace access-permissions access-setting-permissions \
     add-oauth-service add-team-member add-user-to-any-c-room add-user-to-any-p-room \
     add-user-to-joined-room api-bypass-rate-limit archive-room assign-admin-role assign-roles \
     ban-user bulk-register-user bypass-time-limit-edit-and-delete call-management \
     change-livechat-room-visitor clean-channel-history close-livechat-room \
     close-others-livechat-room create-c create-d create-invite-links create-p \
     create-personal-access-tokens create-team create-user delete-c delete-d delete-message \
     delete-own-message delete-p delete-team delete-user edit-message \
     edit-other-user-active-status edit-other-user-avatar edit-other-user-e2ee \
     edit-other-user-info edit-other-user-password edit-other-user-totp edit-privileged-setting \
     edit-room edit-room-avatar edit-room-retention-policy edit-team edit-team-member \
     force-delete-message get-server-info join-without-join-code kick-user-from-any-c-room \
     kick-user-from-any-p-room leave-c leave-p logout-other-user mail-messages manage-apps \
     manage-assets manage-cloud manage-email-inbox manage-emoji manage-incoming-integrations \
     manage-livechat-agents manage-livechat-managers manage-moderation-actions \
     manage-oauth-apps manage-outgoing-integrations manage-own-incoming-integrations \
     manage-own-outgoing-integrations manage-selected-settings manage-sounds manage-user-status \
     mention-all mention-here message-impersonate mute-user pin-message post-readonly \
     preview-c-room remove-user restart-server run-import run-migration send-mail \
     send-many-messages set-leader set-moderator set-owner set-readonly start-discussion \
     start-discussion-other-user sync-auth-services-users test-admin-options \
     toggle-room-e2e-encryption transfer-livechat-guest unarchive-room \
     user-generate-access-token view-all-team-channels view-all-teams \
     view-broadcast-member-list view-c-room view-d-room view-engagement-dashboard \
     view-full-other-user-info view-import-operations view-join-code view-joined-room \
     view-l-room view-livechat-manager view-livechat-queue view-livechat-rooms view-logs \
     view-moderation-console view-omnichannel-contact-center view-other-user-channels \
     view-outside-room view-p-room view-privileged-setting view-room-administration \
     view-statistics view-user-administration";

/// Settings an administrator commonly sets from a script.
const SETTINGS: &str = "API_Apply_permission_view-outside-room_on_users-list API_Default_Count \
     API_Enable_Rate_Limiter API_Enable_Rate_Limiter_Dev \
     API_Enable_Rate_Limiter_Limit_Calls_Default API_Enable_Rate_Limiter_Limit_Time_Default \
     API_Upper_Count_Limit Accounts_AllowAnonymousRead Accounts_AllowDeleteOwnAccount \
     Accounts_AllowEmailChange Accounts_AllowInvisibleStatusOption Accounts_AllowPasswordChange \
     Accounts_AllowRealNameChange Accounts_AllowUserAvatarChange \
     Accounts_AllowUserProfileChange Accounts_AllowUserStatusMessageChange \
     Accounts_AllowUsernameChange Accounts_AllowedDomainsList \
     Accounts_AvatarBlockUnauthenticatedAccess Accounts_BlockedDomainsList \
     Accounts_BlockedUsernameList Accounts_CustomFields \
     Accounts_Default_User_Preferences_masterVolume \
     Accounts_Default_User_Preferences_notificationsSoundVolume Accounts_PasswordReset \
     Accounts_Password_Policy_AtLeastOneLowercase Accounts_Password_Policy_AtLeastOneNumber \
     Accounts_Password_Policy_AtLeastOneSpecialCharacter \
     Accounts_Password_Policy_AtLeastOneUppercase Accounts_Password_Policy_Enabled \
     Accounts_Password_Policy_ForbidRepeatingCharacters \
     Accounts_Password_Policy_ForbidRepeatingCharactersCount Accounts_Password_Policy_MaxLength \
     Accounts_Password_Policy_MinLength Accounts_RegistrationForm \
     Accounts_Registration_Users_Default_Roles Accounts_RequireNameForSignUp \
     Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In \
     Accounts_TwoFactorAuthentication_By_Email_Enabled \
     Accounts_TwoFactorAuthentication_By_TOTP_Enabled Accounts_TwoFactorAuthentication_Enabled \
     Accounts_TwoFactorAuthentication_Enforce_Password_Fallback \
     Accounts_TwoFactorAuthentication_RememberFor E2E_Enable FileUpload_MaxFileSize From_Email \
     LDAP_Enable SMTP_Host SMTP_Password SMTP_Username Site_Name Site_Url \
     UTF8_User_Names_Validation";

pub fn roles() -> impl Iterator<Item = &'static str> {
    ROLES.split_whitespace()
}

pub fn permissions() -> impl Iterator<Item = &'static str> {
    PERMISSIONS.split_whitespace()
}

pub fn settings() -> impl Iterator<Item = &'static str> {
    SETTINGS.split_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_is_sorted_and_without_repeats() {
        for list in [ROLES, PERMISSIONS, SETTINGS] {
            let names: Vec<&str> = list.split_whitespace().collect();
            assert!(names.windows(2).all(|pair| pair[0] < pair[1]), "{names:?}");
        }
    }

    #[test]
    fn the_names_rocketctl_itself_uses_are_offered() {
        assert!(roles().any(|role| role == "bot"));
        assert!(permissions().any(|p| p == "create-personal-access-tokens"));
        assert!(settings().any(|s| s == "Accounts_AllowUserAvatarChange"));
    }
}
