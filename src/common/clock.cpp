#include "common/clock.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace lb {

std::string FormatIso8601(Timestamp t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss<std::chrono::milliseconds> time{t - day};
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(),
                  buffer.size(),
                  "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()),
                  static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()),
                  static_cast<int>(time.subseconds().count()));
    return buffer.data();
}

namespace {

// Reads exactly `width` digits at `pos`; advances `pos`.
bool ReadDigits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
    if (pos + width > text.size()) return false;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += width;
    out = value;
    return true;
}

bool Expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

Result<Timestamp> ParseIso8601(std::string_view text) {
    const auto bad = [&] {
        return Fail(InvalidArgument("'" + std::string(text) +
                                    "' is not an ISO 8601 time (e.g. 2026-11-22 or "
                                    "2026-11-22T07:37:45Z)"));
    };
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    if (!ReadDigits(text, pos, 4, year) || !Expect(text, pos, '-') ||
        !ReadDigits(text, pos, 2, month) || !Expect(text, pos, '-') ||
        !ReadDigits(text, pos, 2, day))
        return bad();
    const std::chrono::year_month_day ymd{std::chrono::year(year),
                                          std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok()) return bad();
    int offset_minutes = 0;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != ' ') return bad();
        ++pos;
        if (!ReadDigits(text, pos, 2, hour) || !Expect(text, pos, ':') ||
            !ReadDigits(text, pos, 2, minute))
            return bad();
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            if (!ReadDigits(text, pos, 2, second)) return bad();
            if (pos < text.size() && text[pos] == '.') {
                ++pos;
                const std::size_t start = pos;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
                if (pos == start) return bad();
                std::string frac(text.substr(start, std::min<std::size_t>(pos - start, 3)));
                frac.resize(3, '0');
                std::from_chars(frac.data(), frac.data() + 3, millis);
            }
        }
        if (hour > 23 || minute > 59 || second > 60) return bad();
        if (pos < text.size()) {
            if (text[pos] == 'Z') {
                ++pos;
            } else if (text[pos] == '+' || text[pos] == '-') {
                const int sign = text[pos] == '-' ? -1 : 1;
                ++pos;
                int off_h = 0, off_m = 0;
                if (!ReadDigits(text, pos, 2, off_h)) return bad();
                Expect(text, pos, ':');
                if (!ReadDigits(text, pos, 2, off_m)) return bad();
                offset_minutes = sign * (off_h * 60 + off_m);
            }
        }
    }
    if (pos != text.size()) return bad();
    const auto days = std::chrono::sys_days(ymd);
    return Timestamp(days) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           std::chrono::seconds(second) + std::chrono::milliseconds(millis) -
           std::chrono::minutes(offset_minutes);
}

Timestamp SystemClock::Now() const {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

Timestamp FakeClock::Now() const {
    const std::lock_guard lock(mu_);
    return now_;
}

void FakeClock::Set(Timestamp t) {
    const std::lock_guard lock(mu_);
    now_ = t;
}

void FakeClock::Advance(std::chrono::milliseconds by) {
    const std::lock_guard lock(mu_);
    now_ += by;
}

}  // namespace lb
