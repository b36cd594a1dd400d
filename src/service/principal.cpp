#include "service/principal.hpp"

#include <string>

namespace lb::service {

namespace {

using domain::Role;

bool IsAllowed(Role role, Permission permission) {
    switch (permission) {
        case Permission::kReadLeads:
        case Permission::kWriteLeads:
        case Permission::kReadSettings:
        case Permission::kReadAnalytics:
            return role != Role::kTracking;
        case Permission::kWriteSettings:
            return role == Role::kAdmin || role == Role::kMarketing;
        case Permission::kManageUsers:
            return role == Role::kAdmin;
        case Permission::kTrack:
            return true;
    }
    return false;
}

std::string_view PermissionName(Permission permission) {
    switch (permission) {
        case Permission::kReadLeads:
            return "read leads";
        case Permission::kWriteLeads:
            return "change leads";
        case Permission::kReadSettings:
            return "read settings";
        case Permission::kWriteSettings:
            return "change settings";
        case Permission::kManageUsers:
            return "manage users and API keys";
        case Permission::kReadAnalytics:
            return "read analytics";
        case Permission::kTrack:
            return "send tracking events";
    }
    return "do this";
}

}  // namespace

Status Require(const Principal& principal, Permission permission) {
    if (IsAllowed(principal.role, permission)) return Ok();
    return Fail(PermissionDenied("the role '" + std::string(domain::ToString(principal.role)) +
                                 "' may not " + std::string(PermissionName(permission))));
}

bool IsOwnerScoped(const Principal& principal) {
    return principal.role == domain::Role::kSales;
}

}  // namespace lb::service
