#include "scoring/predictive/boosted.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <sstream>
#include <thread>

#include <xgboost/c_api.h>

namespace lb::scoring::predictive {
namespace {

struct DMatrixFree {
    void operator()(void* handle) const noexcept { XGDMatrixFree(handle); }
};
using DMatrixPtr = std::unique_ptr<void, DMatrixFree>;

// Turns an XGBoost return code into a Status carrying XGBoost's last error message.
Status Check(int return_code, const char* what) {
    if (return_code == 0) return Ok();
    return Fail(Internal(std::string("xgboost ") + what + ": " + XGBGetLastError()));
}

Result<DMatrixPtr> MakeDMatrix(const FeatureMatrix& features) {
    DMatrixHandle handle = nullptr;
    LB_TRY(Check(XGDMatrixCreateFromMat(features.data(),
                                        static_cast<bst_ulong>(features.rows()),
                                        static_cast<bst_ulong>(features.cols()),
                                        std::numeric_limits<float>::quiet_NaN(),
                                        &handle),
                 "XGDMatrixCreateFromMat"));
    return DMatrixPtr(handle);
}

int ThreadCount(int requested) {
    if (requested > 0) return requested;
    return static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

std::string Number(double value) {
    std::ostringstream text;
    text.precision(17);
    text << value;
    return text.str();
}

Status SetParams(BoosterHandle booster, const BoostedOptions& options) {
    const std::pair<const char*, std::string> params[] = {
        {"objective", "binary:logistic"},
        {"tree_method", "hist"},
        {"eval_metric", "logloss"},
        {"nthread", std::to_string(ThreadCount(options.threads))},
        {"max_bin", std::to_string(options.max_bin)},
        {"seed", std::to_string(options.seed)},
        {"eta", Number(options.learning_rate)},
        {"max_depth", std::to_string(options.max_depth)},
        {"min_child_weight", Number(options.min_child_weight)},
        {"subsample", Number(options.subsample)},
        {"colsample_bytree", Number(options.colsample_bytree)},
        {"lambda", Number(options.l2)},
        {"verbosity", "0"},
    };
    for (const auto& [name, value] : params) {
        LB_TRY(Check(XGBoosterSetParam(booster, name, value.c_str()), "XGBoosterSetParam"));
    }
    return Ok();
}

// Runs a prediction of `type` (0 probability, 2 contributions) and copies the result out.
Result<std::vector<float>> RunPredict(void* booster, const FeatureMatrix& features, int type) {
    LB_ASSIGN_OR_RETURN(DMatrixPtr matrix, MakeDMatrix(features));
    const std::string config = "{\"type\": " + std::to_string(type) +
                               ", \"training\": false, \"iteration_begin\": 0, "
                               "\"iteration_end\": 0, \"strict_shape\": false}";
    const bst_ulong* shape = nullptr;
    bst_ulong dims = 0;
    const float* result = nullptr;
    LB_TRY(Check(
        XGBoosterPredictFromDMatrix(booster, matrix.get(), config.c_str(), &shape, &dims, &result),
        "XGBoosterPredictFromDMatrix"));
    std::size_t size = 1;
    for (bst_ulong dim = 0; dim < dims; ++dim) size *= static_cast<std::size_t>(shape[dim]);
    return std::vector<float>(result, result + size);
}

}  // namespace

void detail::BoosterFree::operator()(void* handle) const noexcept {
    XGBoosterFree(handle);
}

Result<BoostedModel> BoostedModel::Fit(const FeatureMatrix& features,
                                       std::span<const std::uint8_t> labels,
                                       const BoostedOptions& options) {
    if (features.rows() == 0) return Fail(InvalidArgument("no training rows"));
    if (static_cast<std::size_t>(features.rows()) != labels.size()) {
        return Fail(InvalidArgument("label count differs from the row count"));
    }
    LB_ASSIGN_OR_RETURN(DMatrixPtr train, MakeDMatrix(features));
    std::vector<float> label_values(labels.begin(), labels.end());
    LB_TRY(Check(
        XGDMatrixSetFloatInfo(
            train.get(), "label", label_values.data(), static_cast<bst_ulong>(label_values.size())),
        "XGDMatrixSetFloatInfo"));
    DMatrixHandle train_handles[] = {train.get()};
    BoosterHandle handle = nullptr;
    LB_TRY(Check(XGBoosterCreate(train_handles, 1, &handle), "XGBoosterCreate"));
    BoostedModel model(handle);
    LB_TRY(SetParams(handle, options));
    for (int round = 0; round < options.rounds; ++round) {
        LB_TRY(Check(XGBoosterUpdateOneIter(handle, round, train.get()), "XGBoosterUpdateOneIter"));
    }
    LB_TRY(model.LoadTrees());
    return model;
}

Result<BoostedModel> BoostedModel::FromBytes(const std::string& bytes, int threads) {
    BoosterHandle handle = nullptr;
    LB_TRY(Check(XGBoosterCreate(nullptr, 0, &handle), "XGBoosterCreate"));
    BoostedModel model(handle);
    if (XGBoosterLoadModelFromBuffer(handle, bytes.data(), static_cast<bst_ulong>(bytes.size())) !=
        0) {
        return Fail(InvalidArgument(std::string("not an XGBoost model: ") + XGBGetLastError()));
    }
    LB_TRY(Check(XGBoosterSetParam(handle, "nthread", std::to_string(threads).c_str()),
                 "XGBoosterSetParam"));
    LB_TRY(model.LoadTrees());
    return model;
}

Status BoostedModel::LoadTrees() {
    bst_ulong length = 0;
    const char* data = nullptr;
    LB_TRY(
        Check(XGBoosterSaveModelToBuffer(booster_.get(), "{\"format\": \"json\"}", &length, &data),
              "XGBoosterSaveModelToBuffer"));
    Result<TreeEnsemble> trees =
        TreeEnsemble::FromXgboostJson(std::string_view(data, static_cast<std::size_t>(length)));
    if (!trees) return Fail(Internal(trees.error().message));
    trees_ = std::move(*trees);
    return Ok();
}

Result<std::vector<double>> BoostedModel::Predict(const FeatureMatrix& features) const {
    if (static_cast<std::size_t>(features.cols()) < trees_.FeatureCount()) {
        return Fail(InvalidArgument("the rows have " + std::to_string(features.cols()) +
                                    " features, the model " +
                                    std::to_string(trees_.FeatureCount())));
    }
    return trees_.Predict(features);
}

Result<std::vector<double>> BoostedModel::PredictWithXgboost(const FeatureMatrix& features) const {
    if (features.rows() == 0) return std::vector<double>{};
    // In-place prediction reads the matrix where it is (no DMatrix copy); the array interface
    // passes its address as an integer.
    const std::string array =
        "{\"data\": [" + std::to_string(reinterpret_cast<std::uintptr_t>(features.data())) +
        ", true], \"shape\": [" + std::to_string(features.rows()) + ", " +
        std::to_string(features.cols()) + "], \"typestr\": \"<f4\", \"version\": 3}";
    const char* config =
        "{\"type\": 0, \"training\": false, \"iteration_begin\": 0, \"iteration_end\": 0, "
        "\"strict_shape\": false, \"missing\": NaN, \"cache_id\": 0}";
    const bst_ulong* shape = nullptr;
    bst_ulong dims = 0;
    const float* result = nullptr;
    LB_TRY(Check(XGBoosterPredictFromDense(
                     booster_.get(), array.c_str(), config, nullptr, &shape, &dims, &result),
                 "XGBoosterPredictFromDense"));
    return std::vector<double>(result, result + features.rows());
}

Result<std::vector<float>> BoostedModel::Contributions(const FeatureMatrix& features) const {
    return RunPredict(booster_.get(), features, 2);
}

Result<std::string> BoostedModel::SaveBytes() const {
    bst_ulong length = 0;
    const char* data = nullptr;
    LB_TRY(
        Check(XGBoosterSaveModelToBuffer(booster_.get(), "{\"format\": \"ubj\"}", &length, &data),
              "XGBoosterSaveModelToBuffer"));
    return std::string(data, static_cast<std::size_t>(length));
}

}  // namespace lb::scoring::predictive
