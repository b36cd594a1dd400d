// Principal: who is calling (workspace, role, user) and what each role may do (API.md roles).
#pragma once

#include <string>

#include "common/ids.hpp"
#include "common/result.hpp"
#include "domain/enums.hpp"

namespace lb::service {

// An authenticated caller. Plain value; one per request.
struct Principal {
    WorkspaceId workspace;
    domain::Role role = domain::Role::kTracking;
    UserId user;        // set for UI sessions and for API keys that act for a user
    std::string actor;  // for history: "apikey:3" or "user:ann@x.dk"
};

enum class Permission {
    kReadLeads,      // admin, marketing; sales only for leads they own
    kWriteLeads,     // admin, marketing; sales only for leads they own
    kReadSettings,   // workspace, channels, business areas: admin, marketing, sales
    kWriteSettings,  // admin, marketing
    kManageUsers,    // users and API keys: admin
    kReadAnalytics,  // admin, marketing, sales
    kTrack,          // every role (tracking keys only this)
};

// kPermissionDenied naming the role and the permission when `principal` may not do it.
[[nodiscard]] Status Require(const Principal& principal, Permission permission);

// True when the principal only sees the leads it owns (role sales).
[[nodiscard]] bool IsOwnerScoped(const Principal& principal);

}  // namespace lb::service
