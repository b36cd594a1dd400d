// libFuzzer target for the /collect payload parser (issue 3): any bytes must give a whole-body
// error or an answer (accepted or rejected) for every event, never a crash, leak or UB.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "tracking/payload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > lb::tracking::kMaxCollectBodyBytes) return -1;  // the HTTP layer refuses these
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const lb::Timestamp received_at = lb::FromEpochMillis(1'767'225'600'000);
    auto payload = lb::tracking::ParseCollectBody(body, received_at);
    if (!payload) {
        if (payload.error().message.empty()) std::abort();
        return 0;
    }
    std::vector<int> answers(payload->events.size() + payload->rejections.size(), 0);
    for (const auto& event : payload->events) {
        if (event.index >= answers.size() || ++answers[event.index] != 1) std::abort();
        if (event.occurred_at > received_at + lb::tracking::kMaxFutureSkew) std::abort();
        const auto touchpoint = lb::tracking::ToTouchpoint(event);
        if (touchpoint.type != event.type) std::abort();
    }
    for (const auto& rejection : payload->rejections) {
        if (rejection.index >= answers.size() || ++answers[rejection.index] != 1) std::abort();
        if (rejection.reason.empty()) std::abort();
    }
    return 0;
}
