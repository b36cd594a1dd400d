// Reading the fields of one /collect event out of parsed JSON, with the limits of payload.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "tracking/payload.hpp"

namespace lb::tracking::detail {

// The string at `key` of `object` (an object), trimmed; empty when absent or null.
// kInvalidArgument (field `field`) when it is not a string or longer than `max_bytes`.
[[nodiscard]] Result<std::string> ReadString(const nlohmann::json& object,
                                             std::string_view key,
                                             std::string_view field,
                                             std::size_t max_bytes);

// The ISO 8601 time at `key`; nullopt when absent or null. kInvalidArgument when it is not a
// string in ParseIso8601's forms or is before 2000-01-01.
[[nodiscard]] Result<std::optional<Timestamp>> ReadTime(const nlohmann::json& object,
                                                        std::string_view key,
                                                        std::string_view field);

// Reads one event (any JSON value) received at `received_at`; `batch_sent_at` is the sentAt of
// the enclosing batch, used when the event has none. kInvalidArgument naming the field of the
// event's first problem (empty field: the event is not an object).
[[nodiscard]] Result<TrackedEvent> ReadEvent(const nlohmann::json& event,
                                             std::optional<Timestamp> batch_sent_at,
                                             Timestamp received_at);

}  // namespace lb::tracking::detail
