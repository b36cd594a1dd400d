#include "storage/store.hpp"

namespace lb::storage {

Result<LeadSort> ParseLeadSort(std::string_view text) {
    if (text.empty() || text == "-created_at") return LeadSort::kCreatedDesc;
    if (text == "created_at") return LeadSort::kCreatedAsc;
    if (text == "-updated_at") return LeadSort::kUpdatedDesc;
    if (text == "-score") return LeadSort::kScoreDesc;
    if (text == "score") return LeadSort::kScoreAsc;
    if (text == "last_name") return LeadSort::kNameAsc;
    return Fail(InvalidArgument("'" + std::string(text) +
                                    "' is not a sort; use -created_at, created_at, -updated_at, "
                                    "-score, score or last_name",
                                "sort"));
}

}  // namespace lb::storage
