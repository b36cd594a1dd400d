// JSON mapping of users, API keys and sign-in bodies.
#pragma once

#include <string>
#include <string_view>

#include "domain/entities.hpp"
#include "domain/enums.hpp"
#include "http/json/json_io.hpp"
#include "service/services.hpp"

namespace lb::http::json {

struct SignInBody {
    std::string email, password;
};
// {email, password}, both required.
[[nodiscard]] Result<SignInBody> ParseSignIn(std::string_view body);

struct NewUserBody {
    std::string email, name, password;
    domain::Role role = domain::Role::kSales;
};
// {email, name, role, password}; email and role required, name and password optional.
[[nodiscard]] Result<NewUserBody> ParseNewUser(std::string_view body);
// {id, email, name, role, created_at}; never the password hash.
[[nodiscard]] Json UserToJson(const domain::User& user);

struct NewApiKeyBody {
    std::string name, user_email;
    domain::Role role = domain::Role::kAdmin;
};
// {role, name, user}: role required; user is the e-mail of the user a sales key acts for.
[[nodiscard]] Result<NewApiKeyBody> ParseNewApiKey(std::string_view body);
// {id, name, role, user_id, prefix, created_at, revoked_at}; never the hash.
[[nodiscard]] Json ApiKeyToJson(const domain::ApiKey& key);

}  // namespace lb::http::json
