// Strong id types: a LeadId cannot be passed where a CompanyId is wanted.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace lb {

// A 64-bit database id tagged with the type it identifies. 0 means "not assigned yet".
template <typename Tag>
struct Id {
    std::int64_t value = 0;

    constexpr Id() = default;
    constexpr explicit Id(std::int64_t v) : value(v) {}
    [[nodiscard]] constexpr bool IsSet() const { return value != 0; }
    friend constexpr auto operator<=>(Id, Id) = default;
};

using WorkspaceId = Id<struct WorkspaceTag>;
using CompanyId = Id<struct CompanyTag>;
using LeadId = Id<struct LeadTag>;
using UserId = Id<struct UserTag>;
using ApiKeyId = Id<struct ApiKeyTag>;
using BusinessAreaId = Id<struct BusinessAreaTag>;
using ChannelId = Id<struct ChannelTag>;
using CampaignId = Id<struct CampaignTag>;
using TouchpointId = Id<struct TouchpointTag>;

}  // namespace lb

template <typename Tag>
struct std::hash<lb::Id<Tag>> {
    std::size_t operator()(lb::Id<Tag> id) const noexcept {
        return std::hash<std::int64_t>{}(id.value);
    }
};
