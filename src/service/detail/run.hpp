// Helpers that run a transaction and hand back the value it produced.
#pragma once

#include <optional>
#include <utility>

#include "common/result.hpp"
#include "storage/store.hpp"

namespace lb::service::detail {

// Runs `fn(tx)` (returning Result<T>) in a read transaction and returns its value.
template <typename T, typename Fn>
Result<T> ReadValue(storage::Store& store, Fn&& fn) {
    std::optional<T> out;
    LB_TRY(store.Read([&](storage::Transaction& tx) -> Status {
        auto value = fn(tx);
        if (!value) return Fail(std::move(value).error());
        out.emplace(std::move(*value));
        return Ok();
    }));
    return std::move(*out);
}

// Runs `fn(tx)` (returning Result<T>) in a write transaction; commits only when it succeeds.
template <typename T, typename Fn>
Result<T> WriteValue(storage::Store& store, Fn&& fn) {
    std::optional<T> out;
    LB_TRY(store.Write([&](storage::Transaction& tx) -> Status {
        auto value = fn(tx);
        if (!value) return Fail(std::move(value).error());
        out.emplace(std::move(*value));
        return Ok();
    }));
    return std::move(*out);
}

}  // namespace lb::service::detail
