// GET/PUT /api/v1/channel-rules: each workspace's own channel rules, stored as JSON (migration
// 0003) and cached compiled by the collector until they change.
#include <algorithm>
#include <utility>

#include "service/detail/run.hpp"
#include "service/tracking_service.hpp"
#include "tracking/channel_rules_json.hpp"

namespace lb::service {

namespace {

Status CheckChannelsExist(storage::Transaction& tx,
                          WorkspaceId ws,
                          const tracking::ChannelRules& rules) {
    LB_ASSIGN_OR_RETURN(const auto channels, tx.ListChannels(ws));
    for (std::size_t rule_idx = 0; rule_idx < rules.rules.size(); ++rule_idx) {
        const std::string& key = rules.rules[rule_idx].channel;
        const bool is_known = std::any_of(
            channels.begin(), channels.end(), [&](const auto& c) { return c.key == key; });
        if (is_known) continue;
        std::string known;
        for (const domain::Channel& channel : channels)
            known += (known.empty() ? "" : ", ") + channel.key;
        return Fail(InvalidArgument("unknown channel '" + key + "' (known: " + known + ")",
                                    "rules[" + std::to_string(rule_idx) + "].channel"));
    }
    return Ok();
}

}  // namespace

Result<tracking::ChannelRules> LoadChannelRules(storage::Store& store, WorkspaceId ws) {
    return detail::ReadValue<tracking::ChannelRules>(
        store, [&](storage::Transaction& tx) -> Result<tracking::ChannelRules> {
            LB_ASSIGN_OR_RETURN(const std::string json, tx.GetChannelRulesJson(ws));
            if (json.empty()) return tracking::ChannelRules{};
            return tracking::ParseChannelRulesJson(json);
        });
}

Result<tracking::ChannelRules> TrackingService::GetChannelRules(const Principal& principal) {
    LB_TRY(Require(principal, Permission::kReadSettings));
    return LoadChannelRules(services_.Store(), principal.workspace);
}

Result<tracking::ChannelRules> TrackingService::SetChannelRules(const Principal& principal,
                                                                std::string_view document) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    LB_ASSIGN_OR_RETURN(tracking::ChannelRules rules, tracking::ParseChannelRulesJson(document));
    const WorkspaceId ws = principal.workspace;
    const Status saved = services_.Store().Write([&](storage::Transaction& tx) -> Status {
        LB_TRY(CheckChannelsExist(tx, ws, rules));
        return tx.SaveChannelRulesJson(
            ws, tracking::ChannelRulesToJson(rules), services_.Time().Now());
    });
    if (!saved) return Fail(saved.error());
    collector_.InvalidateChannelRules(ws);
    return rules;
}

}  // namespace lb::service
