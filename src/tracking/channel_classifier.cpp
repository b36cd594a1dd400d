#include "tracking/channel_classifier.hpp"

#include <algorithm>
#include <array>

#include "common/text.hpp"
#include "domain/validation.hpp"
#include "tracking/detail/url_parts.hpp"

namespace lb::tracking {

namespace {

constexpr std::size_t kMaxRules = 500;

constexpr std::string_view kSocialSources =
    "facebook|fb|instagram|ig|linkedin|twitter|x|tiktok|pinterest|reddit|snapchat|youtube|xing|"
    "threads|bluesky";
constexpr std::string_view kSearchSources =
    "google|bing|duckduckgo|yahoo|ecosia|baidu|yandex|brave|qwant|startpage";
constexpr std::string_view kPaidMediums = "cpc|ppc|paid*|cpv|cpa";
constexpr std::string_view kSocialClickIds = "fbclid|li_fat_id|ttclid|twclid|rdt_cid|scclid";

struct DefaultRule {
    std::string_view channel;
    std::string_view utm_source;
    std::string_view utm_medium;
    std::string_view referrer_host;
    std::string_view click_id;
};

// The table documented at DefaultChannelRules() in the header; keep the two in step.
constexpr std::array<DefaultRule, 19> kDefaultRules = {{
    {"email-campaign", "", "email|e-mail|e_mail|newsletter|mail*|mailing", "", ""},
    {"display", "", "display|cpm|banner|programmatic", "", ""},
    {"display", "", "", "", "dclid"},
    {"paid-search", "", "", "", "gclid|gbraid|wbraid|msclkid"},
    {"paid-social", "", kPaidMediums, "", kSocialClickIds},
    {"paid-social",
     "",
     "paid-social|paidsocial|paid_social|social-paid|social_paid|socialpaid|paid-social-media",
     "",
     ""},
    {"paid-social", kSocialSources, kPaidMediums, "", ""},
    {"paid-search", "", "cpc|ppc|paid*|sem|cpv|cpa", "", ""},
    {"organic-social",
     "",
     "social|social-media|social_media|social-network|socialnetwork|sm|organic-social",
     "",
     ""},
    {"organic-social", "", "", "", kSocialClickIds},
    {"organic-search", "", "organic|seo", "", ""},
    {"event", "", "event|events|conference|fair|trade-show|tradeshow|exhibition", "", ""},
    {"partner", "", "partner|partners|affiliate|affiliates|reseller", "", ""},
    {"referral", "", "referral|referrer|referer|link", "", ""},
    {"organic-social", kSocialSources, "", "", ""},
    {"organic-search", kSearchSources, "", "", ""},
    {"email-campaign",
     "",
     "",
     "mail.google.com|mail.yahoo.com|outlook.live.com|outlook.office.com|outlook.office365.com|"
     "mail.proton.me|com.google.android.gm",
     ""},
    {"organic-search",
     "",
     "",
     "google.*|bing.com|duckduckgo.com|yahoo.*|yandex.*|baidu.com|ecosia.org|search.brave.com|"
     "startpage.com|qwant.com|ask.com|naver.com|seznam.cz|com.google.android.googlequicksearchbox",
     ""},
    {"organic-social",
     "",
     "",
     "facebook.com|fb.com|fb.me|instagram.com|linkedin.com|lnkd.in|com.linkedin.android|t.co|"
     "twitter.com|x.com|reddit.com|pinterest.*|youtube.com|youtu.be|tiktok.com|xing.com|"
     "threads.net|bsky.app|mastodon.social",
     ""},
}};

std::string WithoutWww(std::string host) {
    if (host.starts_with("www.")) host.erase(0, 4);
    return host;
}

// Reads a UTM value from context.campaign, or else from the page URL's query.
std::string UtmValue(std::string_view given, std::string_view page_url, std::string_view name) {
    const std::string_view trimmed = Trim(given);
    if (!trimmed.empty()) return std::string(trimmed);
    return std::string(Trim(detail::QueryParam(page_url, name)));
}

Result<std::optional<detail::Pattern>> OptionalPattern(std::string_view text,
                                                       const std::string& field) {
    if (Trim(text).empty()) return std::optional<detail::Pattern>();
    LB_ASSIGN_OR_RETURN(auto pattern, detail::Pattern::Parse(text, field));
    return std::optional<detail::Pattern>(std::move(pattern));
}

}  // namespace

ChannelRules DefaultChannelRules() {
    ChannelRules rules;
    for (const DefaultRule& preset : kDefaultRules) {
        rules.rules.push_back(ChannelRule{std::string(preset.channel),
                                          std::string(preset.utm_source),
                                          std::string(preset.utm_medium),
                                          std::string(preset.referrer_host),
                                          std::string(preset.click_id)});
    }
    return rules;
}

// Everything Classify derives from a TouchSource once, before trying the rules.
struct ChannelClassifier::Signals {
    std::string utm_source;  // lowercase
    std::string utm_medium;  // lowercase
    std::string campaign;    // as given
    std::string page_host;
    std::string referrer_host;
    std::vector<bool> has_click_id;  // by index into click_id_names_
    bool has_campaign_params = false;
};

Result<ChannelClassifier> ChannelClassifier::Create(const ChannelRules& rules) {
    if (rules.rules.size() > kMaxRules) {
        return Fail(
            InvalidArgument("has more than " + std::to_string(kMaxRules) + " rules", "rules"));
    }
    ChannelClassifier classifier;
    for (std::size_t rule_idx = 0; rule_idx < rules.rules.size(); ++rule_idx) {
        const ChannelRule& rule = rules.rules[rule_idx];
        const std::string prefix = "rules[" + std::to_string(rule_idx) + "].";
        LB_TRY(domain::ValidateKey(rule.channel, prefix + "channel"));
        CompiledRule compiled;
        compiled.channel = rule.channel;
        LB_ASSIGN_OR_RETURN(compiled.utm_source,
                            OptionalPattern(rule.utm_source, prefix + "utm_source"));
        LB_ASSIGN_OR_RETURN(compiled.utm_medium,
                            OptionalPattern(rule.utm_medium, prefix + "utm_medium"));
        LB_ASSIGN_OR_RETURN(compiled.referrer_host,
                            OptionalPattern(rule.referrer_host, prefix + "referrer_host"));
        LB_ASSIGN_OR_RETURN(const auto click_ids,
                            OptionalPattern(rule.click_id, prefix + "click_id"));
        if (click_ids.has_value()) {
            for (const std::string& name : click_ids->Alternatives()) {
                auto& names = classifier.click_id_names_;
                const auto found = std::find(names.begin(), names.end(), name);
                compiled.click_ids.push_back(static_cast<std::size_t>(found - names.begin()));
                if (found == names.end()) names.push_back(name);
            }
        }
        const bool has_condition = compiled.utm_source || compiled.utm_medium ||
                                   compiled.referrer_host || !compiled.click_ids.empty();
        if (!has_condition) {
            return Fail(InvalidArgument(
                "needs at least one of utm_source, utm_medium, referrer_host, click_id",
                prefix + "channel"));
        }
        classifier.rules_.push_back(std::move(compiled));
    }
    for (std::size_t domain_idx = 0; domain_idx < rules.own_domains.size(); ++domain_idx) {
        std::string domain = WithoutWww(ToLower(Trim(rules.own_domains[domain_idx])));
        if (domain.empty()) {
            return Fail(
                InvalidArgument("is empty", "own_domains[" + std::to_string(domain_idx) + "]"));
        }
        classifier.own_domains_.push_back(std::move(domain));
    }
    return classifier;
}

ChannelMatch ChannelClassifier::Classify(const TouchSource& source) const {
    Signals signals;
    signals.utm_source = ToLower(UtmValue(source.utm_source, source.page_url, "utm_source"));
    signals.utm_medium = ToLower(UtmValue(source.utm_medium, source.page_url, "utm_medium"));
    signals.campaign = UtmValue(source.utm_campaign, source.page_url, "utm_campaign");
    signals.page_host = WithoutWww(detail::HostOf(source.page_url));
    signals.referrer_host = WithoutWww(detail::HostOf(source.referrer));
    signals.has_click_id.reserve(click_id_names_.size());
    bool has_click_id = false;
    for (const std::string& name : click_id_names_) {
        const bool is_present = !detail::QueryParam(source.page_url, name).empty();
        signals.has_click_id.push_back(is_present);
        has_click_id = has_click_id || is_present;
    }
    signals.has_campaign_params = has_click_id || !signals.utm_source.empty() ||
                                  !signals.utm_medium.empty() || !signals.campaign.empty();

    ChannelMatch match;
    match.campaign = signals.campaign;
    if (!signals.has_campaign_params && IsInternal(signals)) {
        match.is_internal = true;
        return match;
    }
    for (std::size_t rule_idx = 0; rule_idx < rules_.size(); ++rule_idx) {
        if (!RuleMatches(rules_[rule_idx], signals)) continue;
        match.channel = rules_[rule_idx].channel;
        match.rule_index = static_cast<int>(rule_idx);
        return match;
    }
    const bool is_referred = !signals.referrer_host.empty() || !signals.utm_source.empty();
    match.channel = is_referred ? "referral" : "direct";
    return match;
}

bool ChannelClassifier::IsInternal(const Signals& signals) const {
    const std::string& referrer = signals.referrer_host;
    if (referrer.empty()) return false;
    if (detail::IsWithinDomain(referrer, signals.page_host) && !signals.page_host.empty())
        return true;
    return std::any_of(own_domains_.begin(), own_domains_.end(), [&](const std::string& domain) {
        return detail::IsWithinDomain(referrer, domain);
    });
}

bool ChannelClassifier::RuleMatches(const CompiledRule& rule, const Signals& signals) {
    // A condition never holds for an absent value, so "*" means "present", not "anything".
    const auto holds =
        [](const std::optional<detail::Pattern>& pattern, const std::string& value, bool is_host) {
            if (!pattern) return true;
            if (value.empty()) return false;
            return is_host ? pattern->MatchesHost(value) : pattern->Matches(value);
        };
    if (!holds(rule.utm_source, signals.utm_source, false)) return false;
    if (!holds(rule.utm_medium, signals.utm_medium, false)) return false;
    if (!holds(rule.referrer_host, signals.referrer_host, true)) return false;
    if (rule.click_ids.empty()) return true;
    return std::any_of(rule.click_ids.begin(), rule.click_ids.end(), [&](std::size_t idx) {
        return signals.has_click_id[idx];
    });
}

}  // namespace lb::tracking
