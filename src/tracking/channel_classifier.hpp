// Channel classification of a web touch: which channel (paid search, organic social, e-mail
// campaign, ...) and campaign brought a visitor, from UTM parameters, click ids and the referrer,
// by a per-workspace rule table with sensible defaults.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "tracking/detail/pattern.hpp"

namespace lb::tracking {

// One line of a workspace's channel table: when every non-empty condition holds, the touch
// belongs to `channel`. Conditions are patterns: '|'-separated alternatives, each a
// case-insensitive glob where '*' is any run of characters ("cpc|ppc|paid*"). A condition never
// holds when its value is absent: utm_medium "*" means "has some utm_medium".
struct ChannelRule {
    std::string channel;        // channel key, e.g. "paid-search"
    std::string utm_source;     // pattern on utm_source; empty: any
    std::string utm_medium;     // pattern on utm_medium; empty: any
    std::string referrer_host;  // pattern on the referrer's host or a parent domain; empty: any
    std::string click_id;       // names of page URL parameters, one must be present; empty: any
};

// A workspace's channel table. Plain value; what the settings API stores and edits.
struct ChannelRules {
    std::vector<ChannelRule> rules;  // tried in order; the first match wins
    // Domains whose pages are the workspace's own site ("acme.dk" covers "www.acme.dk"). A
    // referrer within one of them, or on the page's own host, is internal navigation.
    std::vector<std::string> own_domains;
};

// The default table a workspace starts with (DefaultChannelRules()), first match wins:
//
//  channel         utm_source           utm_medium                        referrer / click id
//  email-campaign                       email|e-mail|newsletter|mail*...
//  display                              display|cpm|banner|programmatic
//  display                                                                click id dclid
//  paid-search                                                            click id gclid|gbraid|
//                                                                           wbraid|msclkid
//  paid-social                          cpc|ppc|paid*|cpv|cpa             click id
//  fbclid|li_fat_id|
//                                                                           ttclid|twclid|...
//  paid-social                          paid-social|paidsocial|...
//  paid-social     <social networks>    cpc|ppc|paid*|cpv|cpa
//  paid-search                          cpc|ppc|paid*|sem|cpv|cpa
//  organic-social                       social|social-media|sm|...
//  organic-social                                                         click id
//  fbclid|li_fat_id|
//                                                                           ttclid|twclid|...
//  organic-search                       organic|seo
//  event                                event|events|conference|fair|trade-show|exhibition
//  partner                              partner|affiliate|reseller
//  referral                             referral|referrer|link
//  organic-social  <social networks>
//  organic-search  <search engines>
//  email-campaign                                                         host mail.google.com|
//                                                                           outlook.live.com|...
//  organic-search                                                         host google.*|bing.com|
//                                                                           duckduckgo.com|...
//  organic-social                                                         host facebook.com|t.co|
//                                                                           linkedin.com|...
//
// <social networks>: facebook|fb|instagram|ig|linkedin|twitter|x|tiktok|pinterest|reddit|
// snapchat|youtube|xing|threads|bluesky. <search engines>: google|bing|duckduckgo|yahoo|ecosia|
// baidu|yandex|brave|qwant|startpage. The exact lists are in channel_classifier.cpp.
// After the rules (fixed, not configurable): a touch with no UTM parameter and no click id
// whose referrer is internal is internal (no new touch); any other referrer or UTM source ->
// "referral"; nothing at all -> "direct". own_domains is empty by default (the page's own host
// still counts as internal).
[[nodiscard]] ChannelRules DefaultChannelRules();

// What is known about where a touch came from. Views; the caller keeps the text alive.
struct TouchSource {
    std::string_view page_url;    // the landing page; click ids, and UTM parameters missing below,
                                  // are read from its query
    std::string_view referrer;    // full URL of the previous page; empty when none
    std::string_view utm_source;  // from context.campaign; empty: read from page_url
    std::string_view utm_medium;
    std::string_view utm_campaign;
};

struct ChannelMatch {
    std::string channel;       // channel key; empty exactly when is_internal
    std::string campaign;      // utm_campaign as given (trimmed); empty when none
    bool is_internal = false;  // navigation within the own site: no new touch
    int rule_index = -1;       // index of the rule that decided; -1 for the fixed fallbacks
};

// A compiled ChannelRules. Immutable after Create; thread-safe to share between requests.
class ChannelClassifier final {
public:
    // Compiles `rules`. kInvalidArgument with field "rules[N].FIELD" (or "own_domains[N]") for
    // a channel that is not a key (a-z, 0-9, '-'), a rule without any condition, an empty
    // alternative in a pattern, an empty own domain, or more than 500 rules.
    [[nodiscard]] static Result<ChannelClassifier> Create(const ChannelRules& rules);

    // Classifies one touch. Never fails: unknown input falls to "referral" or "direct".
    [[nodiscard]] ChannelMatch Classify(const TouchSource& source) const;

private:
    ChannelClassifier() = default;

    struct CompiledRule {
        std::string channel;
        std::optional<detail::Pattern> utm_source;  // nullopt: any
        std::optional<detail::Pattern> utm_medium;
        std::optional<detail::Pattern> referrer_host;
        std::vector<std::size_t> click_ids;  // indexes into click_id_names_; empty: any
    };
    struct Signals;

    [[nodiscard]] bool IsInternal(const Signals& signals) const;
    [[nodiscard]] static bool RuleMatches(const CompiledRule& rule, const Signals& signals);

    std::vector<CompiledRule> rules_;
    std::vector<std::string> click_id_names_;  // every click id any rule names, once
    std::vector<std::string> own_domains_;
};

}  // namespace lb::tracking
