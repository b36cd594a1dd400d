#include <array>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "demo/demo_workspace.hpp"
#include "domain/money.hpp"

namespace lb::demo {
namespace {

constexpr std::string_view kHeader =
    "external_id,email,first_name,last_name,title,phone,company.name,company.domain,"
    "company.industry,company.employees,company.country,channel,campaign,business_area,rating,"
    "horizon,expected_month,potential,probability,stage,deal_value,do_not_email,do_not_call\n";

// RFC 4180: quoted only when needed.
void WriteField(std::ostream& out, std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out << value;
        return;
    }
    out << '"';
    for (const char c : value) {
        if (c == '"') out << '"';
        out << c;
    }
    out << '"';
}

template <typename Enum>
std::string_view OptionalText(const std::optional<Enum>& value) {
    return value ? domain::ToString(*value) : std::string_view();
}

void WriteLead(std::ostream& out, const domain::Lead& lead, const domain::Company& company) {
    const std::string employees = company.employees ? std::to_string(*company.employees) : "";
    const std::string probability = lead.probability ? std::to_string(*lead.probability) : "";
    const std::string deal_value = lead.deal_value ? domain::FormatMoney(*lead.deal_value) : "";
    const std::array<std::string_view, 23> fields = {lead.external_id,
                                                     lead.email,
                                                     lead.first_name,
                                                     lead.last_name,
                                                     lead.title,
                                                     lead.phone,
                                                     company.name,
                                                     company.domain,
                                                     company.industry,
                                                     employees,
                                                     company.country,
                                                     lead.channel,
                                                     lead.campaign,
                                                     lead.business_area,
                                                     OptionalText(lead.rating),
                                                     OptionalText(lead.horizon),
                                                     lead.expected_month,
                                                     OptionalText(lead.potential),
                                                     probability,
                                                     lead.stage,
                                                     deal_value,
                                                     lead.do_not_email ? "yes" : "no",
                                                     lead.do_not_call ? "yes" : "no"};
    for (std::size_t field_idx = 0; field_idx < fields.size(); ++field_idx) {
        if (field_idx > 0) out << ',';
        WriteField(out, fields[field_idx]);
    }
    out << '\n';
}

}  // namespace

Status WriteDemoLeadsCsv(std::ostream& out, const DemoOptions& options, Timestamp now) {
    if (options.leads < 0 || options.leads > 100'000'000) {
        return Fail(InvalidArgument("must be between 0 and 100000000", "leads"));
    }
    if (options.batch_leads < 1) return Fail(InvalidArgument("must be at least 1", "batch_leads"));
    DemoOptions leads_only = options;
    leads_only.events = 0;
    DemoGenerator generator(leads_only, now);
    out << kHeader;
    while (true) {
        const std::vector<DemoLead> batch = generator.NextLeads(options.batch_leads);
        if (batch.empty()) break;
        for (const DemoLead& demo : batch) {
            WriteLead(out, demo.lead, generator.Companies()[demo.company_index]);
        }
        if (!out) return Fail(Unavailable("could not write the CSV output"));
    }
    out.flush();
    if (!out) return Fail(Unavailable("could not write the CSV output"));
    return Ok();
}

}  // namespace lb::demo
