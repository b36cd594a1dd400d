// TrainedModel::ToJson / FromJson: the versioned document a trained model is stored as.
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "scoring/predictive/detail/base64.hpp"
#include "scoring/predictive/trained_model.hpp"

namespace lb::scoring::predictive {
namespace {

using nlohmann::json;

constexpr const char* kFormatName = "leadbase-predictive";

json ColumnToJson(const ColumnEncoding& column) {
    json out{{"name", column.name},
             {"kind", column.kind == ColumnKind::kNumeric ? "numeric" : "categorical"}};
    if (column.kind == ColumnKind::kNumeric) {
        out["median"] = column.median;
        out["missing_indicator"] = column.has_missing_indicator;
    } else {
        out["levels"] = column.levels;
    }
    return out;
}

json LogisticToJson(const LogisticModel& model) {
    return json{{"bias", model.bias},
                {"weights", model.weights},
                {"means", model.means},
                {"scales", model.scales}};
}

// Rebuilds the spec; first_feature and feature_count follow from the column order.
FeatureSpec SpecFromJson(const json& in) {
    FeatureSpec spec;
    spec.missing_values = in.at("missing_values").get<std::vector<std::string>>();
    for (const json& column_json : in.at("columns")) {
        ColumnEncoding column;
        column.name = column_json.at("name").get<std::string>();
        const std::string kind = column_json.at("kind").get<std::string>();
        if (kind != "numeric" && kind != "categorical") {
            throw std::invalid_argument("unknown column kind '" + kind + "'");
        }
        column.kind = kind == "numeric" ? ColumnKind::kNumeric : ColumnKind::kCategorical;
        column.first_feature = spec.feature_count;
        if (column.kind == ColumnKind::kNumeric) {
            column.median = column_json.at("median").get<double>();
            column.has_missing_indicator = column_json.at("missing_indicator").get<bool>();
            spec.feature_count += column.has_missing_indicator ? 2 : 1;
        } else {
            column.levels = column_json.at("levels").get<std::vector<std::string>>();
            spec.feature_count += column.levels.size() + 2;
        }
        spec.columns.push_back(std::move(column));
    }
    return spec;
}

LogisticModel LogisticFromJson(const json& in, std::size_t feature_count) {
    LogisticModel model{.bias = in.at("bias").get<double>(),
                        .weights = in.at("weights").get<std::vector<double>>(),
                        .means = in.at("means").get<std::vector<double>>(),
                        .scales = in.at("scales").get<std::vector<double>>()};
    if (model.weights.size() != feature_count || model.means.size() != feature_count ||
        model.scales.size() != feature_count) {
        throw std::invalid_argument("logistic weights do not match the features");
    }
    return model;
}

float AbsentLevelFromJson(const std::string& name) {
    if (name == "zero") return 0.0F;
    if (name == "missing") return std::numeric_limits<float>::quiet_NaN();
    throw std::invalid_argument("absent_level '" + name + "' is neither zero nor missing");
}

}  // namespace

Result<std::string> TrainedModel::ToJson() const {
    json columns = json::array();
    for (const ColumnEncoding& column : spec_.columns) columns.push_back(ColumnToJson(column));
    json document{{"format", kFormatName},
                  {"version", kModelFormatVersion},
                  {"kind", ModelKindName(kind_)},
                  {"target", target_},
                  {"features", {{"missing_values", spec_.missing_values}, {"columns", columns}}},
                  {"absent_level", std::isnan(absent_level_) ? "missing" : "zero"}};
    if (kind_ == ModelKind::kLogistic) {
        document["logistic"] = LogisticToJson(logistic_);
    } else {
        LB_ASSIGN_OR_RETURN(const std::string bytes, boosted_->SaveBytes());
        document["booster_ubj_base64"] = detail::Base64Encode(bytes);
    }
    return document.dump();
}

Result<TrainedModel> TrainedModel::FromJson(std::string_view text) {
    TrainedModel model;
    std::string booster;
    try {
        const json document = json::parse(text);
        if (document.at("format").get<std::string>() != kFormatName) {
            return Fail(InvalidArgument("not a leadbase predictive model"));
        }
        const int version = document.at("version").get<int>();
        if (version != kModelFormatVersion) {
            return Fail(InvalidArgument("model format version " + std::to_string(version) +
                                        " is not supported (this build reads version " +
                                        std::to_string(kModelFormatVersion) + ")"));
        }
        LB_ASSIGN_OR_RETURN(model.kind_, ParseModelKind(document.at("kind").get<std::string>()));
        model.target_ = document.at("target").get<std::string>();
        model.spec_ = SpecFromJson(document.at("features"));
        model.absent_level_ = AbsentLevelFromJson(document.value("absent_level", "zero"));
        if (model.kind_ == ModelKind::kLogistic) {
            model.logistic_ = LogisticFromJson(document.at("logistic"), model.spec_.feature_count);
        } else {
            booster = document.at("booster_ubj_base64").get<std::string>();
        }
    } catch (const std::exception& error) {
        return Fail(InvalidArgument(std::string("malformed model: ") + error.what()));
    }
    if (model.kind_ == ModelKind::kLogistic) return model;
    const std::optional<std::string> bytes = detail::Base64Decode(booster);
    if (!bytes) return Fail(InvalidArgument("malformed model: booster is not base64"));
    LB_ASSIGN_OR_RETURN(BoostedModel boosted, BoostedModel::FromBytes(*bytes));
    model.boosted_ = std::move(boosted);
    return model;
}

}  // namespace lb::scoring::predictive
