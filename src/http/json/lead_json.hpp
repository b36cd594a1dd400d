// JSON mapping of leads: the strict lead input of POST/PATCH /api/v1/leads and the lead output of
// API.md, plus a lead's history entries and timeline touchpoints.
#pragma once

#include <string_view>

#include "domain/entities.hpp"
#include "domain/lead_input.hpp"
#include "http/json/json_io.hpp"
#include "service/services.hpp"

namespace lb::http::json {

// Parses a lead body: the lead fields of API.md (null clears), "company" (an object; null is
// rejected because a company cannot be detached yet), "custom_fields" (string values; null
// removes one) and "reason" (why the stage changes). kInvalidArgument naming the field for
// malformed JSON, wrong types and unknown fields.
[[nodiscard]] Result<domain::LeadInput> ParseLeadInput(std::string_view body);

// The lead as API.md shows it: empty strings as null, money in major units, the owner's e-mail.
[[nodiscard]] Json LeadToJson(const service::LeadView& view);

// {id, kind, from, to, reason, actor, at}.
[[nodiscard]] Json HistoryEntryToJson(const domain::LeadHistoryEntry& entry);

// {id, type, name, url, channel, campaign, anonymous_id, properties, filtered_reason,
// occurred_at}; `properties` is the stored JSON object.
[[nodiscard]] Json TouchpointToJson(const domain::Touchpoint& touchpoint);

}  // namespace lb::http::json
