//! The documented Rocket.Chat REST endpoints, offered by shell completion for `rocketctl api`.
//! A leaf: the command line reads it, and it reads nothing of the crate.
//!
//! Only a suggestion list: `rocketctl api` accepts any endpoint, including ones a newer server
//! adds and paths given in full (`/api/info`).

/// Endpoint names below `/api/v1/` by area, each area sorted, then the one path outside it.
const AREAS: &[(&str, &str)] = &[
    (
        "Accounts and sessions",
        "login logout me users.2fa.disableEmail users.2fa.enableEmail users.2fa.sendEmailCode \
         users.autocomplete users.create users.createToken users.deactivateIdle users.delete \
         users.deleteOwnAccount users.forgotPassword users.generatePersonalAccessToken \
         users.getAvatar users.getPersonalAccessTokens users.getPreferences users.getPresence \
         users.getStatus users.getUsernameSuggestion users.info users.list users.listTeams \
         users.logout users.logoutOtherClients users.presence \
         users.regeneratePersonalAccessToken users.register users.removeOtherTokens \
         users.removePersonalAccessToken users.requestDataDownload users.resetAvatar \
         users.resetE2EKey users.resetTOTP users.setActiveStatus users.setAvatar \
         users.setPreferences users.setStatus users.update users.updateOwnBasicInfo",
    ),
    (
        "Public channels",
        "channels.addAll channels.addLeader channels.addModerator channels.addOwner \
         channels.anonymousread channels.archive channels.close channels.convertToTeam \
         channels.counters channels.create channels.delete channels.files \
         channels.getAllUserMentionsByChannel channels.getIntegrations channels.history \
         channels.info channels.invite channels.join channels.kick channels.leave channels.list \
         channels.list.joined channels.members channels.messages channels.moderators \
         channels.online channels.open channels.removeLeader channels.removeModerator \
         channels.removeOwner channels.rename channels.roles channels.setAnnouncement \
         channels.setCustomFields channels.setDefault channels.setDescription \
         channels.setJoinCode channels.setPurpose channels.setReadOnly channels.setTopic \
         channels.setType channels.unarchive",
    ),
    (
        "Private groups",
        "groups.addAll groups.addLeader groups.addModerator groups.addOwner groups.archive \
         groups.close groups.convertToTeam groups.counters groups.create groups.delete \
         groups.files groups.getIntegrations groups.history groups.info groups.invite \
         groups.kick groups.leave groups.list groups.listAll groups.members groups.messages \
         groups.moderators groups.open groups.removeLeader groups.removeModerator \
         groups.removeOwner groups.rename groups.roles groups.setAnnouncement \
         groups.setCustomFields groups.setDescription groups.setEncrypted groups.setPurpose \
         groups.setReadOnly groups.setTopic groups.setType groups.unarchive",
    ),
    (
        "Direct messages",
        "im.close im.counters im.create im.delete im.files im.history im.list im.list.everyone \
         im.members im.messages im.messages.others im.open im.setTopic",
    ),
    (
        "Messages",
        "chat.delete chat.followMessage chat.getDeletedMessages chat.getDiscussions \
         chat.getMentionedMessages chat.getMessage chat.getMessageReadReceipts \
         chat.getPinnedMessages chat.getSnippetedMessageById chat.getSnippetedMessages \
         chat.getStarredMessages chat.getThreadMessages chat.getThreadsList chat.ignoreUser \
         chat.pinMessage chat.postMessage chat.react chat.reportMessage chat.search \
         chat.sendMessage chat.starMessage chat.syncMessages chat.syncThreadMessages \
         chat.syncThreadsList chat.unPinMessage chat.unStarMessage chat.unfollowMessage \
         chat.update",
    ),
    (
        "Rooms and subscriptions",
        "rooms.adminRooms rooms.adminRooms.getRoom rooms.autocomplete.adminRooms \
         rooms.autocomplete.channelAndPrivate rooms.changeArchivationState rooms.cleanHistory \
         rooms.createDiscussion rooms.delete rooms.export rooms.favorite rooms.get \
         rooms.getDiscussions rooms.info rooms.leave rooms.saveNotification \
         rooms.saveRoomSettings rooms.upload subscriptions.get subscriptions.getOne \
         subscriptions.read subscriptions.unread",
    ),
    (
        "Teams",
        "teams.addMembers teams.addRooms teams.autocomplete teams.convertToChannel teams.create \
         teams.delete teams.info teams.leave teams.list teams.listAll teams.listRooms \
         teams.listRoomsOfUser teams.members teams.removeMember teams.removeRoom teams.update \
         teams.updateMember teams.updateRoom",
    ),
    (
        "Roles and permissions",
        "permissions.listAll permissions.update roles.addUserToRole roles.create roles.delete \
         roles.getUsersInRole roles.list roles.removeUserFromRole roles.sync roles.update",
    ),
    (
        "Settings and administration",
        "assets.setAsset assets.unsetAsset banners banners.dismiss directory instances.get \
         ldap.syncNow ldap.testConnection ldap.testSearch licenses.add licenses.info \
         licenses.maxActiveUsers service.configurations settings settings.addCustomOAuth \
         settings.oauth settings.public spotlight statistics statistics.list",
    ),
    (
        "Integrations, commands and apps",
        "commands.get commands.list commands.preview commands.run integrations.create \
         integrations.get integrations.history integrations.list integrations.remove \
         integrations.update oauth-apps.create oauth-apps.delete oauth-apps.get oauth-apps.list \
         oauth-apps.update",
    ),
    (
        "Custom emoji, sounds and statuses",
        "custom-sounds.list custom-user-status.create custom-user-status.delete \
         custom-user-status.list custom-user-status.update emoji-custom.all emoji-custom.create \
         emoji-custom.delete emoji-custom.list emoji-custom.update",
    ),
    (
        "Invites, push and end-to-end encryption",
        "e2e.fetchMyKeys e2e.getUsersOfRoomWithoutKey e2e.setRoomKeyID \
         e2e.setUserPublicAndPrivateKeys e2e.updateGroupKey findOrCreateInvite listInvites \
         push.get push.info push.test push.token useInviteToken validateInviteToken",
    ),
    (
        "Video conferences",
        "video-conference.cancel video-conference.capabilities video-conference.info \
         video-conference.join video-conference.list video-conference.providers \
         video-conference.start",
    ),
    ("Outside /api/v1/: the server's version", "/api/info"),
];

/// Every endpoint name, area by area.
pub fn names() -> impl Iterator<Item = &'static str> {
    AREAS.iter().flat_map(|(_, names)| names.split_whitespace())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn names_are_unique_and_look_like_endpoints() {
        let mut seen = HashSet::new();
        for name in names() {
            assert!(seen.insert(name), "{name} is listed twice");
            let relative = name.strip_prefix("/api/").unwrap_or(name);
            assert!(!relative.is_empty() && !relative.starts_with('/'), "{name}");
            assert!(!relative.starts_with("v1/"), "{name}: written without /api/v1/");
            let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/');
            assert!(relative.chars().all(allowed), "{name}");
        }
    }

    #[test]
    fn each_area_is_sorted() {
        for (area, list) in AREAS {
            let names: Vec<&str> = list.split_whitespace().collect();
            assert!(names.is_sorted(), "{area}");
        }
    }

    #[test]
    fn the_endpoints_rocketctl_itself_calls_are_offered() {
        for name in ["me", "users.info", "users.list", "users.update", "users.updateOwnBasicInfo"] {
            assert!(names().any(|n| n == name), "{name}");
        }
    }
}
