// A workspace's own channel rules as JSON, the form GET/PUT /api/v1/channel-rules show and the
// store keeps: {"rules": [{"channel": "partner", "match": {"utm_source": "acme-*",
// "utm_medium": "...", "click_id": "...", "referrer_domain": "..."}}, ...]}. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "tracking/channel_classifier.hpp"

namespace lb::tracking {

// A workspace may have at most this many rules of its own (the defaults come on top).
inline constexpr std::size_t kMaxWorkspaceChannelRules = 200;

// Reads the JSON above (own_domains stay empty). Every rule needs a channel and at least one
// match condition; patterns are ChannelRule's ('|'-separated case-insensitive globs).
// kInvalidArgument naming the place: "rules", "rules[2].channel", "rules[0].match.utm_source",
// "rules[1].match" (no condition, or an unknown key) for malformed JSON, wrong types, unknown
// fields, an invalid pattern or channel key, or more than kMaxWorkspaceChannelRules rules.
// Whether the channel exists in the workspace is the caller's check (it needs the store).
[[nodiscard]] Result<ChannelRules> ParseChannelRulesJson(std::string_view json);

// The JSON of `rules` (own_domains are not written). ParseChannelRulesJson reads it back.
[[nodiscard]] std::string ChannelRulesToJson(const ChannelRules& rules);

// The rules a workspace classifies with: its own, in order, then DefaultChannelRules().
[[nodiscard]] ChannelRules WithDefaultRules(const ChannelRules& own);

}  // namespace lb::tracking
