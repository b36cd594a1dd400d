// The integration fixture: a real HttpServer on an ephemeral port over a fresh store of each
// backend, a fake clock, and an API key for every role (the sales key acts for a sales user).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "domain/enums.hpp"
#include "http/server.hpp"
#include "http_client.hpp"
#include "service/scoring_service.hpp"
#include "service/services.hpp"
#include "service/tracking_service.hpp"
#include "storage/event_writer.hpp"
#include "support/test_store.hpp"

namespace lb::testing {

class ApiTest : public ::testing::TestWithParam<TestBackend> {
protected:
    static constexpr const char* kSalesEmail = "sam@seller.test";
    static constexpr const char* kOtherSalesEmail = "sia@seller.test";
    static constexpr const char* kAdminEmail = "ann@admin.test";
    static constexpr const char* kAdminPassword = "correct horse battery";

    void SetUp() override;
    void TearDown() override;
    // Subclasses change limits or the UI directory here.
    virtual void Configure(http::HttpOptions& options) { static_cast<void>(options); }

    [[nodiscard]] std::uint16_t Port() const { return server_->Port(); }
    [[nodiscard]] const std::string& KeyFor(domain::Role role) const;
    [[nodiscard]] static Headers Bearer(const std::string& key);

    // One request with `key` (the admin key when empty) on a new connection.
    HttpReply Call(std::string_view method,
                   std::string_view target,
                   std::string body = {},
                   const std::string& key = {});
    // POSTs a lead as admin; fails the test unless 201. Returns the lead JSON.
    nlohmann::json CreateLead(const nlohmann::json& body, const std::string& key = {});
    // Stores decided lead number `idx` (with its company) created at `created_at`: even numbers
    // won, odd lost; typically (four in six) won leads work at "Media" companies and lost ones at
    // "Retail", the other two the other way round. Returns the lead; `is_typical` tells which.
    Result<domain::Lead> SeedDecidedLead(storage::Transaction& tx,
                                         int idx,
                                         Timestamp created_at,
                                         bool* is_typical = nullptr);

    FakeClock clock_{FromEpochMillis(1'790'000'000'000)};
    std::optional<TestStore> test_store_;
    std::unique_ptr<service::Services> services_;
    std::unique_ptr<storage::EventWriter> event_writer_;
    std::unique_ptr<service::TrackingService> tracking_;
    std::unique_ptr<service::ScoringService> scoring_;  // the score hook; worker not started
    std::unique_ptr<http::HttpServer> server_;
    domain::Workspace workspace_;
    std::string admin_key_, marketing_key_, sales_key_, other_sales_key_, tracking_key_;
};

// Checks an API.md error: `status` and {"error": {"code", "message", "field"}}.
void ExpectError(const HttpReply& reply,
                 unsigned status,
                 const std::string& code,
                 const std::string& field);

}  // namespace lb::testing
