// JSON mapping of workspace settings: the workspace, business areas and channels (strict inputs
// and outputs).
#pragma once

#include <string_view>

#include "domain/entities.hpp"
#include "http/json/json_io.hpp"
#include "service/services.hpp"

namespace lb::http::json {

// {name, currency, timezone, mql_threshold, sql_deadline_days}; kInvalidArgument naming the field.
[[nodiscard]] Result<service::WorkspacePatch> ParseWorkspacePatch(std::string_view body);
// {id, name, currency, timezone, tracking_key, mql_threshold, sql_deadline_days, created_at}.
[[nodiscard]] Json WorkspaceToJson(const domain::Workspace& workspace);

// {key, name, average_deal_value (major units)}.
[[nodiscard]] Result<service::BusinessAreaInput> ParseBusinessAreaInput(std::string_view body);
// {id, key, name, average_deal_value}.
[[nodiscard]] Json BusinessAreaToJson(const domain::BusinessArea& area);

// {key, name, kind ("online" | "offline")}.
[[nodiscard]] Result<service::ChannelInput> ParseChannelInput(std::string_view body);
// {id, key, name, kind}.
[[nodiscard]] Json ChannelToJson(const domain::Channel& channel);

}  // namespace lb::http::json
