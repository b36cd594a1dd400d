// Seeding the demo workspace: demo users (one admin, several sales reps) and the generated data.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.hpp"
#include "service/services.hpp"

namespace lb::service {

inline constexpr std::string_view kDemoAdminEmail = "admin@demo.leadbase.dk";
inline constexpr std::string_view kDemoPassword = "demo-password";
inline constexpr int kDemoSalesUsers = 6;  // sales1@demo.leadbase.dk ... sales6@

struct DemoSeedOptions {
    std::int64_t leads = 10'000;
    std::int64_t touchpoints = 300'000;
    std::uint64_t seed = 42;
};

struct DemoSeedSummary {
    bool is_created = false;  // false: the store already had leads; nothing was written
    std::int64_t leads = 0;
    std::int64_t touchpoints = 0;
};

// Fills the default workspace with the demo users and data when it has no leads yet; does nothing
// when it has (so `serve --demo` can be run again on the same file).
[[nodiscard]] Result<DemoSeedSummary> SeedDemoWorkspace(Services& services,
                                                        const DemoSeedOptions& options);

}  // namespace lb::service
