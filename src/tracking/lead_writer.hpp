// Creating and updating leads from any source (API, form, CSV import): identity matching by
// external_id then e-mail, company resolution by domain, owner lookup, history. The one place
// that turns a LeadInput into stored rows.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/lead_input.hpp"
#include "storage/store.hpp"

namespace lb::tracking {

enum class UpsertMode {
    kCreateOnly,      // kAlreadyExists (field email/external_id) when a lead matches
    kUpdateOnly,      // updates lead `target`; kNotFound when it does not exist
    kCreateOrUpdate,  // matches by external_id, then e-mail; creates when neither matches
};

// How unknown channel and business-area keys are handled.
enum class UnknownKeys {
    kReject,  // kInvalidArgument naming the field and the known keys (API)
    kCreate,  // creates the channel/area from the given text, keyed by its slug (import)
};

struct UpsertOptions {
    UpsertMode mode = UpsertMode::kCreateOrUpdate;
    UnknownKeys unknown_keys = UnknownKeys::kReject;
    LeadId target;             // for kUpdateOnly
    std::string actor;         // written to history: "apikey:3", "user:ann@x.dk", "import"
    std::string field_prefix;  // prefixed to error fields, e.g. "line 7: "
    // When set (sales principals), a lead may only be updated if it is owned by this user.
    UserId restrict_to_owner;
};

struct UpsertOutcome {
    domain::Lead lead;
    bool is_created = false;
    int channels_created = 0;
    int business_areas_created = 0;
};

// Writes `input` inside `tx` as described by `options`:
// - the company: `input.company.domain` (or, without one, the e-mail's domain unless it is a
//   free-mail domain) finds or creates the company; a company object without a domain updates
//   the lead's current company or creates one;
// - channel and business_area keys must exist (or are created, see UnknownKeys);
// - owner is a user's e-mail in the workspace (kInvalidArgument "owner" if unknown);
// - appends history: "created" on create, "stage" on a stage change, "owner" on an owner change.
// Errors: kInvalidArgument (field named), kAlreadyExists, kNotFound, kPermissionDenied
// (restrict_to_owner), storage errors. On error nothing should be committed: the caller's
// transaction is rolled back by Store::Write.
[[nodiscard]] Result<UpsertOutcome> UpsertLead(storage::Transaction& tx,
                                               WorkspaceId workspace,
                                               const domain::LeadInput& input,
                                               Timestamp now,
                                               const UpsertOptions& options);

}  // namespace lb::tracking
