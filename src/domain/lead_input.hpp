// LeadInput and CompanyInput: the fields a caller (API, form, CSV row) wants to set on a lead, with
// "absent", "clear" and "set" told apart, and the pure functions that apply them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/result.hpp"
#include "domain/entities.hpp"

namespace lb::domain {

// One field of a partial update: absent (leave as is), null (clear) or a value (set).
template <typename T>
class Update {
public:
    Update() = default;
    static Update Clear() {
        Update u;
        u.is_present_ = true;
        return u;
    }
    static Update Set(T value) {
        Update u;
        u.is_present_ = true;
        u.value_ = std::move(value);
        return u;
    }
    [[nodiscard]] bool IsPresent() const { return is_present_; }
    [[nodiscard]] bool IsClear() const { return is_present_ && !value_; }
    // Requires: IsPresent() && !IsClear().
    [[nodiscard]] const T& Value() const { return *value_; }

private:
    bool is_present_ = false;
    std::optional<T> value_;
};

// Company fields as text or numbers straight from the caller; parsed and checked by Apply.
struct CompanyInput {
    Update<std::string> name, domain, industry, country, customer_status;
    Update<std::int64_t> employees;
    Update<double> annual_revenue;  // major units of the workspace currency
};

// Lead fields as given by the caller. Enum-like fields are text ("hot", "A", "now") so that their
// errors can name the field and the allowed values.
struct LeadInput {
    Update<std::string> external_id, email, first_name, last_name, title, phone;
    Update<std::string> channel, campaign, business_area;  // keys
    Update<std::string> rating, horizon, expected_month, potential, stage;
    Update<std::string> owner;  // a user's e-mail
    Update<std::int64_t> probability;
    Update<bool> do_not_email, do_not_call;
    Update<double> deal_value;  // major units
    std::optional<CompanyInput> company;
    // Custom fields to set (value) or remove (nullopt); others are kept.
    std::map<std::string, std::optional<std::string>> custom_fields;
    std::string stage_reason;  // why the stage changes (history); optional
};

// Applies every present field of `input` except owner, company, channel and business_area
// (which need the store) to `lead`, normalising the e-mail and parsing enums, then validates the
// whole lead. kInvalidArgument names the field, prefixed with `field_prefix` ("line 7: ").
[[nodiscard]] Status ApplyLeadInput(Lead& lead,
                                    const LeadInput& input,
                                    std::string_view field_prefix = "");

// Applies the present fields of `input` to `company` and validates it; fields are named
// "company.<name>" after `field_prefix`.
[[nodiscard]] Status ApplyCompanyInput(Company& company,
                                       const CompanyInput& input,
                                       std::string_view field_prefix = "");

}  // namespace lb::domain
