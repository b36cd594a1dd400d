// The body of `POST /forms/{form_key}`: an HTML form post (urlencoded) or JSON, read into the lead
// it names, the form touchpoint's details and its spam signals. Pure: no I/O, no store.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/lead_input.hpp"

namespace lb::tracking {

// Limits: the body (checked by the caller on the bytes), each value, and the custom fields.
inline constexpr std::size_t kMaxFormBodyBytes = 64 * 1024;
inline constexpr std::size_t kMaxFormValueBytes = 4096;
inline constexpr std::size_t kMaxFormFieldNameBytes = 64;
inline constexpr std::size_t kMaxFormCustomFields = 50;

// Reserved field names (the `_lb_` prefix is ours; an unknown `_lb_` field is an error).
inline constexpr std::string_view kFormAnonymousIdField = "_lb_anonymous_id";
inline constexpr std::string_view kFormRedirectField = "_lb_redirect";
inline constexpr std::string_view kFormPageField = "_lb_page";
inline constexpr std::string_view kFormReferrerField = "_lb_referrer";
inline constexpr std::string_view kFormMessageIdField = "_lb_message_id";
inline constexpr std::string_view kFormNameField = "form";

// The fields of a form body, by name (a repeated name keeps its last value).
using FormFields = std::map<std::string, std::string, std::less<>>;

// Reads `body` as `application/x-www-form-urlencoded` or `application/json` (an object whose
// values are strings, numbers, booleans or null; null is skipped), chosen by `content_type`
// (parameters such as "; charset=utf-8" ignored); without a content type, a body starting with
// '{' is JSON. kInvalidArgument: malformed JSON or escape (field: the field name when known),
// a nested value ("<name> must be text"), invalid UTF-8, a value over kMaxFormValueBytes, a
// name over kMaxFormFieldNameBytes; "content-type" for any other media type (multipart too).
[[nodiscard]] Result<FormFields> ParseFormBody(std::string_view content_type,
                                               std::string_view body);

// One form submission, read and validated.
struct FormSubmission {
    std::string form_name = "form";  // the `form` field; the touchpoint's name
    std::string email;               // normalised; empty for spam
    // The lead fields: email, first_name, last_name (or `name`, split at the first space),
    // phone, title, company (company.name), consent (custom field "consent"), and every other
    // field as a custom field. Unset for spam.
    std::optional<domain::LeadInput> lead;
    std::string anonymous_id;  // _lb_anonymous_id
    std::string redirect;      // _lb_redirect: an absolute http(s) URL; empty: none
    std::string page_url;      // _lb_page; empty: the caller uses the Referer header
    std::string referrer;      // _lb_referrer: the page's own referrer (for the channel)
    std::string message_id;    // _lb_message_id: idempotent retries
    std::string utm_source, utm_medium, utm_campaign, utm_term, utm_content;
    std::string properties_json = "{}";  // the touchpoint's properties: message, consent, fields
    std::string filtered_reason;         // noise_filter's spam reason; empty: a real submission
};

// Reads `fields` posted at `received_at`. Spam (honeypot `_lb_hp` filled; `_lb_started_at`
// less than kMinFormFillTime before `_lb_submitted_at`, or before `received_at` when the form
// does not send its submit time) is recognised first and returned with filtered_reason set and
// no lead, whatever else the fields hold, so that a bot learns nothing from errors.
// Otherwise kInvalidArgument naming the field: "email" missing or invalid, a field the lead
// rejects (phone, ...), "_lb_redirect" not an absolute http(s) URL, an unknown `_lb_` field,
// more than kMaxFormCustomFields other fields.
[[nodiscard]] Result<FormSubmission> ReadFormSubmission(const FormFields& fields,
                                                        Timestamp received_at);

}  // namespace lb::tracking
