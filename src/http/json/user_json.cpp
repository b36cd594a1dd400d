#include "http/json/user_json.hpp"

namespace lb::http::json {

namespace {

Status ReadRole(ObjectReader& reader, domain::Role& role) {
    std::string text;
    LB_TRY(reader.ReadString("role", text, true));
    LB_ASSIGN_OR_RETURN(role, domain::ParseRole(text, "role"));
    return Ok();
}

}  // namespace

Result<SignInBody> ParseSignIn(std::string_view body) {
    return ParseObject<SignInBody>(body, [](ObjectReader& reader, SignInBody& sign_in) -> Status {
        LB_TRY(reader.ReadString("email", sign_in.email, true));
        return reader.ReadString("password", sign_in.password, true);
    });
}

Result<NewUserBody> ParseNewUser(std::string_view body) {
    return ParseObject<NewUserBody>(body, [](ObjectReader& reader, NewUserBody& user) -> Status {
        LB_TRY(reader.ReadString("email", user.email, true));
        LB_TRY(reader.ReadString("name", user.name, false));
        LB_TRY(reader.ReadString("password", user.password, false));
        return ReadRole(reader, user.role);
    });
}

Json UserToJson(const domain::User& user) {
    return {{"id", user.id.value},
            {"email", user.email},
            {"name", TextOrNull(user.name)},
            {"role", domain::ToString(user.role)},
            {"created_at", TimeText(user.created_at)}};
}

Result<NewApiKeyBody> ParseNewApiKey(std::string_view body) {
    return ParseObject<NewApiKeyBody>(body, [](ObjectReader& reader, NewApiKeyBody& key) -> Status {
        LB_TRY(reader.ReadString("name", key.name, false));
        LB_TRY(reader.ReadString("user", key.user_email, false));
        return ReadRole(reader, key.role);
    });
}

Json ApiKeyToJson(const domain::ApiKey& key) {
    return {{"id", key.id.value},
            {"name", TextOrNull(key.name)},
            {"role", domain::ToString(key.role)},
            {"user_id", key.user_id.IsSet() ? Json(key.user_id.value) : Json(nullptr)},
            {"prefix", key.prefix},
            {"created_at", TimeText(key.created_at)},
            {"revoked_at", key.revoked_at ? TimeText(*key.revoked_at) : Json(nullptr)}};
}

}  // namespace lb::http::json
