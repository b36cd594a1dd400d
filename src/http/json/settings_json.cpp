#include "http/json/settings_json.hpp"

namespace lb::http::json {

Result<service::WorkspacePatch> ParseWorkspacePatch(std::string_view body) {
    return ParseObject<service::WorkspacePatch>(
        body, [](ObjectReader& reader, service::WorkspacePatch& patch) -> Status {
            LB_TRY(reader.Read("name", patch.name));
            LB_TRY(reader.Read("currency", patch.currency));
            LB_TRY(reader.Read("timezone", patch.timezone));
            LB_TRY(reader.Read("mql_threshold", patch.mql_threshold));
            return reader.Read("sql_deadline_days", patch.sql_deadline_days);
        });
}

Json WorkspaceToJson(const domain::Workspace& workspace) {
    return {{"id", workspace.id.value},
            {"name", workspace.name},
            {"currency", workspace.currency},
            {"timezone", workspace.timezone},
            {"tracking_key", workspace.tracking_key},
            {"mql_threshold", workspace.mql_threshold},
            {"sql_deadline_days", workspace.sql_deadline_days},
            {"created_at", TimeText(workspace.created_at)}};
}

Result<service::BusinessAreaInput> ParseBusinessAreaInput(std::string_view body) {
    return ParseObject<service::BusinessAreaInput>(
        body, [](ObjectReader& reader, service::BusinessAreaInput& input) -> Status {
            LB_TRY(reader.Read("key", input.key));
            LB_TRY(reader.Read("name", input.name));
            return reader.Read("average_deal_value", input.average_deal_value);
        });
}

Json BusinessAreaToJson(const domain::BusinessArea& area) {
    return {{"id", area.id.value},
            {"key", area.key},
            {"name", area.name},
            {"average_deal_value", domain::ToMajor(area.average_deal_value)}};
}

Result<service::ChannelInput> ParseChannelInput(std::string_view body) {
    return ParseObject<service::ChannelInput>(
        body, [](ObjectReader& reader, service::ChannelInput& input) -> Status {
            LB_TRY(reader.Read("key", input.key));
            LB_TRY(reader.Read("name", input.name));
            return reader.Read("kind", input.kind);
        });
}

Json ChannelToJson(const domain::Channel& channel) {
    return {{"id", channel.id.value},
            {"key", channel.key},
            {"name", channel.name},
            {"kind", domain::ToString(channel.kind)}};
}

}  // namespace lb::http::json
