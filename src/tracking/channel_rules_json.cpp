#include "tracking/channel_rules_json.hpp"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

namespace lb::tracking {

namespace {

using Json = nlohmann::json;

// The API's condition names and the ChannelRule members they fill.
struct Condition {
    std::string_view api_name;
    std::string ChannelRule::*member;
    std::string_view classifier_name;  // the name ChannelClassifier::Create's errors use
};

const std::array<Condition, 4> kConditions = {{
    {"utm_source", &ChannelRule::utm_source, "utm_source"},
    {"utm_medium", &ChannelRule::utm_medium, "utm_medium"},
    {"click_id", &ChannelRule::click_id, "click_id"},
    {"referrer_domain", &ChannelRule::referrer_host, "referrer_host"},
}};

Status ReadMatch(const Json& match, const std::string& prefix, ChannelRule& rule) {
    if (!match.is_object())
        return Fail(InvalidArgument("must be an object of conditions", prefix + "match"));
    for (const auto& [name, value] : match.items()) {
        const Condition* condition = nullptr;
        for (const Condition& known : kConditions)
            if (known.api_name == name) condition = &known;
        if (condition == nullptr)
            return Fail(
                InvalidArgument("unknown condition '" + name +
                                    "' (known: utm_source, utm_medium, click_id, referrer_domain)",
                                prefix + "match." + name));
        if (value.is_null()) continue;
        if (!value.is_string())
            return Fail(InvalidArgument("must be a string pattern", prefix + "match." + name));
        rule.*(condition->member) = value.get<std::string>();
    }
    return Ok();
}

Result<ChannelRule> ReadRule(const Json& item, std::size_t rule_idx) {
    const std::string prefix = "rules[" + std::to_string(rule_idx) + "].";
    if (!item.is_object())
        return Fail(InvalidArgument("must be an object {channel, match}",
                                    "rules[" + std::to_string(rule_idx) + "]"));
    ChannelRule rule;
    for (const auto& [name, value] : item.items()) {
        if (name == "channel") {
            if (!value.is_string())
                return Fail(InvalidArgument("must be a channel key", prefix + "channel"));
            rule.channel = value.get<std::string>();
        } else if (name == "match") {
            LB_TRY(ReadMatch(value, prefix, rule));
        } else {
            return Fail(InvalidArgument("unknown field '" + name + "'", prefix + name));
        }
    }
    if (rule.channel.empty()) return Fail(InvalidArgument("is required", prefix + "channel"));
    return rule;
}

// ChannelClassifier::Create names fields "rules[N].utm_source"; the API says
// "rules[N].match.utm_source" (and referrer_domain for referrer_host).
Error InApiTerms(Error error) {
    const std::size_t dot = error.field.find("].");
    if (dot == std::string::npos) return error;
    const std::string head = error.field.substr(0, dot + 2);
    const std::string tail = error.field.substr(dot + 2);
    if (tail == "channel" && error.message.starts_with("needs at least one")) {
        error.message =
            "needs at least one condition: utm_source, utm_medium, click_id, referrer_domain";
        error.field = head + "match";
        return error;
    }
    for (const Condition& condition : kConditions)
        if (tail == condition.classifier_name)
            error.field = head + "match." + std::string(condition.api_name);
    return error;
}

}  // namespace

Result<ChannelRules> ParseChannelRulesJson(std::string_view json) {
    const Json document = Json::parse(json, nullptr, false);
    if (document.is_discarded()) return Fail(InvalidArgument("malformed JSON", ""));
    if (!document.is_object() || !document.contains("rules"))
        return Fail(InvalidArgument("the body must be an object {\"rules\": [...]}", "rules"));
    for (const auto& [name, value] : document.items())
        if (name != "rules") return Fail(InvalidArgument("unknown field '" + name + "'", name));
    const Json& list = document["rules"];
    if (!list.is_array()) return Fail(InvalidArgument("must be an array", "rules"));
    if (list.size() > kMaxWorkspaceChannelRules)
        return Fail(InvalidArgument(
            "has more than " + std::to_string(kMaxWorkspaceChannelRules) + " rules", "rules"));
    ChannelRules rules;
    for (std::size_t rule_idx = 0; rule_idx < list.size(); ++rule_idx) {
        LB_ASSIGN_OR_RETURN(ChannelRule rule, ReadRule(list[rule_idx], rule_idx));
        rules.rules.push_back(std::move(rule));
    }
    auto compiled = ChannelClassifier::Create(rules);
    if (!compiled) return Fail(InApiTerms(compiled.error()));
    return rules;
}

std::string ChannelRulesToJson(const ChannelRules& rules) {
    Json list = Json::array();
    for (const ChannelRule& rule : rules.rules) {
        Json match = Json::object();
        for (const Condition& condition : kConditions) {
            const std::string& value = rule.*(condition.member);
            if (!value.empty()) match[std::string(condition.api_name)] = value;
        }
        list.push_back({{"channel", rule.channel}, {"match", std::move(match)}});
    }
    return Json{{"rules", std::move(list)}}.dump();
}

ChannelRules WithDefaultRules(const ChannelRules& own) {
    ChannelRules combined = DefaultChannelRules();
    combined.rules.insert(combined.rules.begin(), own.rules.begin(), own.rules.end());
    combined.own_domains.insert(
        combined.own_domains.end(), own.own_domains.begin(), own.own_domains.end());
    return combined;
}

}  // namespace lb::tracking
