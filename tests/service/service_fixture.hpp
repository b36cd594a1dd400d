// A Services instance on a fresh store of each backend, with a fake clock and ready principals.
#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "service/services.hpp"
#include "support/test_store.hpp"

namespace lb::service::testing {

class ServiceTest : public ::testing::TestWithParam<lb::testing::TestBackend> {
protected:
    void SetUp() override;

    // A principal of `role` acting for a new user `email` (created with that role).
    Principal UserPrincipal(domain::Role role, const std::string& email);
    domain::LeadInput LeadWithEmail(const std::string& email);

    FakeClock clock_{FromEpochMillis(1'790'000'000'000)};
    std::optional<lb::testing::TestStore> test_store_;
    std::unique_ptr<Services> services_;
    domain::Workspace workspace_;
    Principal admin_;
};

}  // namespace lb::service::testing
