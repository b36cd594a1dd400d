#include "storage/store.hpp"

namespace lb::storage {

Result<LeadSort> ParseLeadSort(std::string_view text) {
    if (text.empty() || text == "-created_at") return LeadSort::kCreatedDesc;
    if (text == "created_at") return LeadSort::kCreatedAsc;
    if (text == "-updated_at") return LeadSort::kUpdatedDesc;
    if (text == "-score") return LeadSort::kScoreDesc;
    if (text == "score") return LeadSort::kScoreAsc;
    if (text == "last_name") return LeadSort::kNameAsc;
    if (text == "-predicted_conversion") return LeadSort::kPredictedDesc;
    if (text == "predicted_conversion") return LeadSort::kPredictedAsc;
    return Fail(InvalidArgument("'" + std::string(text) +
                                    "' is not a sort; use -created_at, created_at, -updated_at, "
                                    "-score, score, last_name, -predicted_conversion or "
                                    "predicted_conversion",
                                "sort"));
}

}  // namespace lb::storage
