// GenerateDemoWorkspace: fills a workspace with a realistic, deterministic B2B demo (a Danish media
// seller): sales users, channels, business areas, companies, leads with their funnel history, and
// touchpoints. WriteDemoLeadsCsv: the same leads as an import file.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/result.hpp"
#include "demo/demo_generator.hpp"
#include "storage/store.hpp"

namespace lb::demo {

struct DemoSummary {
    std::int64_t users_created = 0;
    std::int64_t channels_created = 0;
    std::int64_t business_areas_created = 0;
    std::int64_t companies = 0;
    std::int64_t leads = 0;
    std::int64_t touchpoints = 0;
    std::int64_t history_entries = 0;
};

// Writes the demo data of `options` into `workspace`, options.batch_leads leads (with their
// history and touchpoints) per transaction. Channels and business areas are created when their
// key is missing; sales users (e-mails at nordlys-media.dk, no password) are created or reused
// when options.owners is empty. Errors: kInvalidArgument (field named) for options out of range
// (leads or events below 0 or above 100,000,000, batch_leads below 1, months not 1-60, an owner
// that is not a user of the workspace), kAlreadyExists when a generated e-mail is already taken
// (the workspace is not empty), and the store's errors. Transactions committed before an error
// stay. Requires: `workspace` exists.
[[nodiscard]] Result<DemoSummary> GenerateDemoWorkspace(storage::Store& store,
                                                        WorkspaceId workspace,
                                                        const DemoOptions& options,
                                                        Timestamp now);

// Writes the leads of `options` (touchpoints are not generated) as CSV with a header whose
// column names are import fields (email, company.name, channel, stage, ...), so that
// `leadbase import leads` maps them without --map. Owners are left out. Errors: kInvalidArgument
// as for GenerateDemoWorkspace, kUnavailable when the stream fails.
[[nodiscard]] Status WriteDemoLeadsCsv(std::ostream& out,
                                       const DemoOptions& options,
                                       Timestamp now);

}  // namespace lb::demo
