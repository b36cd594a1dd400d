// Touchpoints of the demo: a lead's journey (page views, downloads, webinars, demo bookings,
// calls, meetings, e-mail clicks) and anonymous visitors' page views, some of them bots.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/rng.hpp"
#include "domain/entities.hpp"

namespace lb::demo::detail {

// What shapes a lead's journey.
struct JourneyProfile {
    std::string_view channel;   // the lead's first-touch channel key
    std::string_view campaign;  // may be empty
    std::string_view area;      // business area key, for product and case pages
    double engagement = 1.0;    // > 1: more strategic pages, downloads, demo bookings
    bool is_offline = false;    // offline channels bring more calls and meetings
};

// Appends `count` touchpoints between `from` and `to` (the first one on the first-touch channel);
// lead_id is left unset for the writer.
void AddJourney(Rng& rng,
                const JourneyProfile& profile,
                std::int64_t count,
                Timestamp from,
                Timestamp to,
                const std::string& anonymous_id,
                std::vector<domain::Touchpoint>& out);

// One page view of anonymous visitor `visitor` at a random time in [from, to]; about one in five
// is a bot, kept with filtered_reason "bot".
[[nodiscard]] domain::Touchpoint MakeAnonymousVisit(Rng& rng,
                                                    std::int64_t visitor,
                                                    Timestamp from,
                                                    Timestamp to);

// A uniformly random index below `size`. Requires: size > 0.
[[nodiscard]] std::size_t PickIndex(Rng& rng, std::size_t size);

// A uniformly random time in [from, to]. Requires: from <= to.
[[nodiscard]] Timestamp RandomTime(Rng& rng, Timestamp from, Timestamp to);

}  // namespace lb::demo::detail
