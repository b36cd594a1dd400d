// Services: the workspace, its channels and business areas.
#include <array>

#include "common/rng.hpp"
#include "common/text.hpp"
#include "domain/validation.hpp"
#include "service/detail/run.hpp"
#include "service/services.hpp"

namespace lb::service {

namespace {

struct DefaultChannel {
    std::string_view key;
    std::string_view name;
    domain::ChannelKind kind;
};

// The channels a new workspace starts with (ARCHITECTURE.md and the tracking issue).
constexpr std::array<DefaultChannel, 14> kDefaultChannels = {{
    {"direct", "Direct", domain::ChannelKind::kOnline},
    {"organic-search", "Organic search", domain::ChannelKind::kOnline},
    {"paid-search", "Paid search", domain::ChannelKind::kOnline},
    {"organic-social", "Organic social", domain::ChannelKind::kOnline},
    {"paid-social", "Paid social", domain::ChannelKind::kOnline},
    {"email-campaign", "E-mail campaign", domain::ChannelKind::kOnline},
    {"referral", "Referral", domain::ChannelKind::kOnline},
    {"display", "Display", domain::ChannelKind::kOnline},
    {"cold-canvassing", "Cold canvassing", domain::ChannelKind::kOffline},
    {"event", "Event", domain::ChannelKind::kOffline},
    {"morning-meeting", "Morning / after-work meeting", domain::ChannelKind::kOffline},
    {"personal-relation", "Personal relation", domain::ChannelKind::kOffline},
    {"partner", "Partner", domain::ChannelKind::kOffline},
    {"website-form", "Website form", domain::ChannelKind::kOnline},
}};

Status ApplyText(std::string& target,
                 const domain::Update<std::string>& update,
                 const char* field) {
    if (!update.IsPresent()) return Ok();
    if (update.IsClear()) return Fail(InvalidArgument("may not be null", field));
    target = std::string(Trim(update.Value()));
    return Ok();
}

Status ApplyInt(int& target, const domain::Update<std::int64_t>& update, const char* field) {
    if (!update.IsPresent()) return Ok();
    if (update.IsClear()) return Fail(InvalidArgument("may not be null", field));
    if (update.Value() < -1'000'000 || update.Value() > 1'000'000)
        return Fail(InvalidArgument("is out of range", field));
    target = static_cast<int>(update.Value());
    return Ok();
}

Status ApplyAreaInput(domain::BusinessArea& area, const BusinessAreaInput& input) {
    LB_TRY(ApplyText(area.name, input.name, "name"));
    if (area.name.empty()) return Fail(InvalidArgument("a business area needs a name", "name"));
    if (area.name.size() > 200)
        return Fail(InvalidArgument("is longer than 200 characters", "name"));
    if (input.average_deal_value.IsPresent()) {
        if (input.average_deal_value.IsClear()) {
            area.average_deal_value = {};
        } else {
            LB_ASSIGN_OR_RETURN(
                area.average_deal_value,
                domain::MoneyFromMajor(input.average_deal_value.Value(), "average_deal_value"));
        }
    }
    return Ok();
}

Status ApplyChannelInput(domain::Channel& channel, const ChannelInput& input) {
    LB_TRY(ApplyText(channel.name, input.name, "name"));
    if (channel.name.empty()) return Fail(InvalidArgument("a channel needs a name", "name"));
    if (channel.name.size() > 200)
        return Fail(InvalidArgument("is longer than 200 characters", "name"));
    if (input.kind.IsPresent()) {
        if (input.kind.IsClear()) return Fail(InvalidArgument("may not be null", "kind"));
        LB_ASSIGN_OR_RETURN(channel.kind, domain::ParseChannelKind(input.kind.Value()));
    }
    return Ok();
}

// The key of a new channel or area: given explicitly, or made from the name.
Result<std::string> NewKey(const domain::Update<std::string>& key,
                           const domain::Update<std::string>& name) {
    std::string text;
    if (key.IsPresent() && !key.IsClear()) {
        text = std::string(Trim(key.Value()));
        LB_TRY(domain::ValidateKey(text, "key"));
        return text;
    }
    if (name.IsPresent() && !name.IsClear()) text = Slugify(name.Value());
    if (text.empty()) return Fail(InvalidArgument("give a key or a name to make it from", "key"));
    return text;
}

}  // namespace

Result<domain::Workspace> Services::EnsureDefaultWorkspace() {
    return detail::WriteValue<domain::Workspace>(
        store_, [&](storage::Transaction& tx) -> Result<domain::Workspace> {
            LB_ASSIGN_OR_RETURN(const auto existing, tx.ListWorkspaces());
            if (!existing.empty()) return existing.front();
            domain::Workspace workspace;
            workspace.name = "My workspace";
            workspace.tracking_key = "tk_" + SecureRandomHex(16);
            workspace.created_at = clock_.Now();
            LB_ASSIGN_OR_RETURN(workspace, tx.CreateWorkspace(workspace));
            for (const auto& preset : kDefaultChannels) {
                domain::Channel channel;
                channel.workspace_id = workspace.id;
                channel.key = std::string(preset.key);
                channel.name = std::string(preset.name);
                channel.kind = preset.kind;
                LB_TRY(tx.CreateChannel(std::move(channel)));
            }
            return workspace;
        });
}

Result<domain::Workspace> Services::GetWorkspace(const Principal& principal) {
    LB_TRY(Require(principal, Permission::kReadSettings));
    return detail::ReadValue<domain::Workspace>(
        store_, [&](storage::Transaction& tx) { return tx.GetWorkspace(principal.workspace); });
}

Result<domain::Workspace> Services::UpdateWorkspace(const Principal& principal,
                                                    const WorkspacePatch& patch) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    return detail::WriteValue<domain::Workspace>(
        store_, [&](storage::Transaction& tx) -> Result<domain::Workspace> {
            LB_ASSIGN_OR_RETURN(domain::Workspace workspace, tx.GetWorkspace(principal.workspace));
            LB_TRY(ApplyText(workspace.name, patch.name, "name"));
            LB_TRY(ApplyText(workspace.currency, patch.currency, "currency"));
            LB_TRY(ApplyText(workspace.timezone, patch.timezone, "timezone"));
            LB_TRY(ApplyInt(workspace.mql_threshold, patch.mql_threshold, "mql_threshold"));
            LB_TRY(ApplyInt(
                workspace.sql_deadline_days, patch.sql_deadline_days, "sql_deadline_days"));
            LB_TRY(domain::ValidateWorkspace(workspace));
            LB_TRY(tx.UpdateWorkspace(workspace));
            return workspace;
        });
}

Result<Principal> Services::AuthenticateTrackingKey(std::string_view tracking_key) {
    const auto now = std::chrono::steady_clock::now();
    std::string key(tracking_key);
    {
        const std::lock_guard lock(tracking_keys_mu_);
        const auto cached = tracking_keys_.find(key);
        if (cached != tracking_keys_.end() && now - cached->second.loaded_at < kTrackingKeyCacheTtl)
            return Principal{
                cached->second.workspace, domain::Role::kTracking, UserId{}, "tracking"};
    }
    LB_ASSIGN_OR_RETURN(
        const auto workspace,
        detail::ReadValue<std::optional<domain::Workspace>>(store_, [&](storage::Transaction& tx) {
            return tx.FindWorkspaceByTrackingKey(tracking_key);
        }));
    const std::lock_guard lock(tracking_keys_mu_);
    if (!workspace) {
        tracking_keys_.erase(key);
        return Fail(Unauthenticated("the tracking key is not valid"));
    }
    tracking_keys_.insert_or_assign(std::move(key), CachedTrackingKey{workspace->id, now});
    return Principal{workspace->id, domain::Role::kTracking, UserId{}, "tracking"};
}

Result<std::vector<domain::BusinessArea>> Services::ListBusinessAreas(const Principal& principal) {
    LB_TRY(Require(principal, Permission::kReadSettings));
    return detail::ReadValue<std::vector<domain::BusinessArea>>(
        store_,
        [&](storage::Transaction& tx) { return tx.ListBusinessAreas(principal.workspace); });
}

Result<domain::BusinessArea> Services::CreateBusinessArea(const Principal& principal,
                                                          const BusinessAreaInput& input) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    domain::BusinessArea area;
    area.workspace_id = principal.workspace;
    LB_ASSIGN_OR_RETURN(area.key, NewKey(input.key, input.name));
    LB_TRY(ApplyAreaInput(area, input));
    return detail::WriteValue<domain::BusinessArea>(
        store_, [&](storage::Transaction& tx) { return tx.CreateBusinessArea(area); });
}

Result<domain::BusinessArea> Services::UpdateBusinessArea(const Principal& principal,
                                                          std::string_view key,
                                                          const BusinessAreaInput& patch) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    if (patch.key.IsPresent()) return Fail(InvalidArgument("a key cannot be changed", "key"));
    return detail::WriteValue<domain::BusinessArea>(
        store_, [&](storage::Transaction& tx) -> Result<domain::BusinessArea> {
            LB_ASSIGN_OR_RETURN(auto area, tx.FindBusinessArea(principal.workspace, key));
            if (!area) return Fail(NotFound("business area '" + std::string(key) + "' not found"));
            LB_TRY(ApplyAreaInput(*area, patch));
            LB_TRY(tx.UpdateBusinessArea(*area));
            return *area;
        });
}

Result<std::vector<domain::Channel>> Services::ListChannels(const Principal& principal) {
    LB_TRY(Require(principal, Permission::kReadSettings));
    return detail::ReadValue<std::vector<domain::Channel>>(
        store_, [&](storage::Transaction& tx) { return tx.ListChannels(principal.workspace); });
}

Result<domain::Channel> Services::CreateChannel(const Principal& principal,
                                                const ChannelInput& input) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    domain::Channel channel;
    channel.workspace_id = principal.workspace;
    LB_ASSIGN_OR_RETURN(channel.key, NewKey(input.key, input.name));
    LB_TRY(ApplyChannelInput(channel, input));
    return detail::WriteValue<domain::Channel>(
        store_, [&](storage::Transaction& tx) { return tx.CreateChannel(channel); });
}

Result<domain::Channel> Services::UpdateChannel(const Principal& principal,
                                                std::string_view key,
                                                const ChannelInput& patch) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    if (patch.key.IsPresent()) return Fail(InvalidArgument("a key cannot be changed", "key"));
    return detail::WriteValue<domain::Channel>(
        store_, [&](storage::Transaction& tx) -> Result<domain::Channel> {
            LB_ASSIGN_OR_RETURN(auto channel, tx.FindChannel(principal.workspace, key));
            if (!channel) return Fail(NotFound("channel '" + std::string(key) + "' not found"));
            LB_TRY(ApplyChannelInput(*channel, patch));
            LB_TRY(tx.UpdateChannel(*channel));
            return *channel;
        });
}

}  // namespace lb::service
