// The fixture of the storage contract suite: one fresh store per case, on each backend, with a
// workspace to work in and builders for valid domain values.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "support/test_store.hpp"

namespace lb::storage {

// Fails the test with the error's message unless `expr` (a Result/Status) is Ok.
#define LB_ASSERT_OK(expr)                                                          \
    do {                                                                            \
        const auto& lb_ok_ = (expr);                                                \
        ASSERT_TRUE(lb_ok_.has_value()) << #expr << ": " << lb_ok_.error().message; \
    } while (false)

class StoreContract : public ::testing::TestWithParam<testing::TestBackend> {
protected:
    void SetUp() override;

    [[nodiscard]] Store& TheStore() { return *test_store_.store; }
    [[nodiscard]] testing::TestStore& Test() { return test_store_; }

    // Runs `fn` in a Write and returns its Status.
    Status InWrite(const std::function<Status(Transaction&)>& fn) { return TheStore().Write(fn); }

    // A lead with every field set; `n` makes e-mail and external_id unique.
    [[nodiscard]] domain::Lead FullLead(int n) const;
    // A lead with only the required fields.
    [[nodiscard]] domain::Lead BareLead() const;
    // Creates a lead in its own Write; returns it with its id.
    domain::Lead Create(domain::Lead lead);
    [[nodiscard]] domain::User MakeUser(std::string email) const;
    [[nodiscard]] domain::Company MakeCompany(std::string name, std::string domain = {}) const;

    WorkspaceId ws_;

private:
    testing::TestStore test_store_;
};

// Milliseconds since the epoch as a Timestamp, for readable fixtures.
[[nodiscard]] inline Timestamp At(std::int64_t ms) {
    return FromEpochMillis(ms);
}

// The Status of a Result, dropping its value.
template <typename T>
[[nodiscard]] Status AsStatus(const Result<T>& result) {
    if (!result) return Fail(result.error());
    return Ok();
}

// Every field of `got` equals `want`'s (the breakdown by rule and points), as gtest expectations.
void ExpectSameLead(const domain::Lead& got, const domain::Lead& want);

// A workspace value (not stored).
[[nodiscard]] domain::Workspace MakeWorkspace(std::string name, std::string tracking_key);

}  // namespace lb::storage
