#include "demo/detail/vocabulary.hpp"

#include <array>
#include <cctype>

namespace lb::demo::detail {
namespace {

using domain::ChannelKind;

// Referrals and personal relations convert far better than paid social (the demo's story).
constexpr std::array<ChannelProfile, 11> kChannels = {{
    {"organic-search", "Organic search", ChannelKind::kOnline, 0.22, 0.9},
    {"paid-search", "Paid search", ChannelKind::kOnline, 0.15, 0.7},
    {"paid-social", "Paid social", ChannelKind::kOnline, 0.13, 0.35},
    {"email-campaign", "E-mail campaign", ChannelKind::kOnline, 0.10, 1.0},
    {"direct", "Direct", ChannelKind::kOnline, 0.06, 1.1},
    {"cold-canvassing", "Cold canvassing", ChannelKind::kOffline, 0.10, 0.6},
    {"event", "Event", ChannelKind::kOffline, 0.08, 1.4},
    {"morning-meeting", "Morning / after-work meeting", ChannelKind::kOffline, 0.05, 1.3},
    {"personal-relation", "Personal relation", ChannelKind::kOffline, 0.04, 2.0},
    {"referral", "Referral", ChannelKind::kOnline, 0.04, 2.2},
    {"partner", "Partner", ChannelKind::kOffline, 0.03, 1.6},
}};

constexpr std::array<AreaProfile, 5> kAreas = {{
    {"radio", "Radio", 60'000, 0.22, 1.1, 1.0},
    {"web", "Web", 25'000, 0.32, 1.3, 0.7},
    {"tv", "TV", 250'000, 0.12, 0.7, 1.6},
    {"print", "Print", 10'000, 0.18, 0.8, 0.8},
    {"outdoor", "Outdoor", 90'000, 0.16, 0.9, 1.2},
}};

constexpr std::array<IndustryProfile, 12> kIndustries = {{
    {"Retail", 1.25},
    {"Media", 1.1},
    {"Manufacturing", 0.9},
    {"Finance", 1.0},
    {"IT", 1.15},
    {"Construction", 0.8},
    {"Transport", 0.85},
    {"Food & Beverage", 1.2},
    {"Healthcare", 0.9},
    {"Public sector", 0.6},
    {"Energy", 0.95},
    {"Hospitality", 1.05},
}};

constexpr std::array<TitleProfile, 14> kTitles = {{
    {"CEO", 4},
    {"CMO", 4},
    {"Marketing Director", 3},
    {"Sales Director", 3},
    {"Head of Marketing", 3},
    {"Head of Digital", 3},
    {"Marketing Manager", 2},
    {"Communications Manager", 2},
    {"Brand Manager", 2},
    {"Digital Specialist", 2},
    {"Marketing Coordinator", 1},
    {"Marketing Assistant", 1},
    {"Student Assistant", 1},
    {"Office Manager", 1},
}};

constexpr std::array<CountryProfile, 4> kCountries = {{
    {"DK", "dk", "+45", "A/S", 0.80},
    {"SE", "se", "+46", "AB", 0.08},
    {"NO", "no", "+47", "AS", 0.07},
    {"DE", "de", "+49", "GmbH", 0.05},
}};

constexpr std::array<std::string_view, 40> kFirstNames = {
    "Mette",   "Anne",      "Kirsten",  "Hanne",    "Camilla",   "Louise", "Maria",  "Sofie",
    "Ida",     "Line",      "Pernille", "Susanne",  "Charlotte", "Julie",  "Emma",   "Freja",
    "Helle",   "Lene",      "Tina",     "Marianne", "Lars",      "Jens",   "Søren",  "Peter",
    "Michael", "Henrik",    "Thomas",   "Anders",   "Martin",    "Rasmus", "Jesper", "Mads",
    "Niels",   "Christian", "Morten",   "Jakob",    "Frederik",  "Mikkel", "Bo",     "Kasper"};

constexpr std::array<std::string_view, 32> kLastNames = {
    "Jensen",      "Nielsen",      "Hansen",    "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen",    "Rasmussen",    "Jørgensen", "Petersen", "Madsen",   "Kristensen",  "Olsen",
    "Thomsen",     "Christiansen", "Poulsen",   "Johansen", "Møller",   "Mortensen",   "Knudsen",
    "Jakobsen",    "Mikkelsen",    "Lund",      "Holm",     "Schmidt",  "Eriksen",     "Bach",
    "Frederiksen", "Henriksen",    "Dahl",      "Skov"};

constexpr std::array<std::string_view, 24> kCompanyWords = {
    "Nordisk", "Dansk",  "Jysk",  "Fyns",  "Aarhus", "Vestjysk", "Øresund", "Sjællands",
    "Nord",    "Syd",    "Kyst",  "Fjord", "Skov",   "Bølge",    "Lyng",    "Hede",
    "Ny",      "Viking", "Polar", "Mølle", "Havne",  "Ådal",     "Bakke",   "Klint"};

constexpr std::array<std::string_view, 24> kCompanyNouns = {
    "Medie",  "Byg",      "Auto",   "Data",   "Energi", "Møbel", "Transport", "Fødevarer",
    "Finans", "Revision", "Tryk",   "Rejser", "Sko",    "Optik", "Bolig",     "Vin",
    "Cykler", "Logistik", "Teknik", "Design", "Pharma", "Foto",  "Sport",     "Have"};

constexpr std::array<std::string_view, 4> kFreeMail = {
    "gmail.com", "hotmail.com", "outlook.com", "yahoo.com"};

}  // namespace

std::span<const ChannelProfile> Channels() {
    return kChannels;
}
std::span<const AreaProfile> Areas() {
    return kAreas;
}
std::span<const IndustryProfile> Industries() {
    return kIndustries;
}
std::span<const TitleProfile> Titles() {
    return kTitles;
}
std::span<const CountryProfile> Countries() {
    return kCountries;
}
std::span<const std::string_view> FirstNames() {
    return kFirstNames;
}
std::span<const std::string_view> LastNames() {
    return kLastNames;
}
std::span<const std::string_view> CompanyWords() {
    return kCompanyWords;
}
std::span<const std::string_view> CompanyNouns() {
    return kCompanyNouns;
}
std::span<const std::string_view> FreeMailDomains() {
    return kFreeMail;
}

std::string AsciiFold(std::string_view text, char keep) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kFolds = {{
        {"æ", "ae"},
        {"Æ", "ae"},
        {"ø", "oe"},
        {"Ø", "oe"},
        {"å", "aa"},
        {"Å", "aa"},
        {"ö", "oe"},
        {"Ö", "oe"},
        {"ä", "ae"},
        {"Ä", "ae"},
        {"ü", "ue"},
        {"Ü", "ue"},
    }};
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        bool is_folded = false;
        for (const auto& [from, to] : kFolds) {
            if (text.substr(pos).starts_with(from)) {
                out += to;
                pos += from.size();
                is_folded = true;
                break;
            }
        }
        if (is_folded) continue;
        const auto c = static_cast<unsigned char>(text[pos++]);
        if (c < 0x80U && std::isalnum(c) != 0) {
            out.push_back(static_cast<char>(std::tolower(c)));
        } else if (keep != '\0' && c == static_cast<unsigned char>(keep)) {
            out.push_back(keep);
        }
    }
    return out;
}

}  // namespace lb::demo::detail
