#include "scoring/predictive/tree_ensemble.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

namespace lb::scoring::predictive {
namespace {

using nlohmann::json;

// Rows evaluated together: each tree's nodes are walked for the whole block while they are in
// cache, and kLanes rows step through a tree in lockstep so their loads overlap.
constexpr std::size_t kBlockRows = 64;
constexpr std::size_t kLanes = 8;
// Feature indexes share a word with the missing-goes-right bit.
constexpr std::size_t kMaxFeatures = (std::size_t{1} << 31) - 1;

// One tree of XGBoost's JSON model, as its parallel arrays (node i = element i).
struct JsonTree {
    std::vector<std::int64_t> left, right, split_index, default_left;
    std::vector<float> split_condition;
};

JsonTree ReadTree(const json& tree, std::size_t feature_count) {
    JsonTree out{.left = tree.at("left_children").get<std::vector<std::int64_t>>(),
                 .right = tree.at("right_children").get<std::vector<std::int64_t>>(),
                 .split_index = tree.at("split_indices").get<std::vector<std::int64_t>>(),
                 .default_left = tree.at("default_left").get<std::vector<std::int64_t>>(),
                 .split_condition = tree.at("split_conditions").get<std::vector<float>>()};
    const std::size_t nodes = out.left.size();
    if (nodes == 0 || out.right.size() != nodes || out.split_index.size() != nodes ||
        out.default_left.size() != nodes || out.split_condition.size() != nodes) {
        throw std::invalid_argument("a tree's node arrays differ in length");
    }
    const auto split_types = tree.at("split_type").get<std::vector<std::int64_t>>();
    if (std::ranges::any_of(split_types, [](std::int64_t type) { return type != 0; })) {
        throw std::invalid_argument("categorical splits are not supported");
    }
    for (std::size_t node = 0; node < nodes; ++node) {
        const bool is_leaf = out.left[node] == -1;
        const auto in_range = [nodes](std::int64_t child) {
            return child > 0 && static_cast<std::size_t>(child) < nodes;
        };
        if (!is_leaf &&
            (!in_range(out.left[node]) || !in_range(out.right[node]) || out.split_index[node] < 0 ||
             static_cast<std::size_t>(out.split_index[node]) >= feature_count)) {
            throw std::invalid_argument("a tree node points outside its tree or features");
        }
    }
    return out;
}

// XGBoost's ProbToMargin for binary:logistic, in float as XGBoost computes it.
float BaseMargin(const std::string& base_score) {
    const float probability = std::stof(base_score);
    if (!(probability > 0.0F && probability < 1.0F)) {
        throw std::invalid_argument("base_score is not a probability");
    }
    return -std::log(1.0F / probability - 1.0F);
}

void CheckModelKind(const json& learner) {
    const std::string objective = learner.at("objective").at("name").get<std::string>();
    if (objective != "binary:logistic") {
        throw std::invalid_argument("objective '" + objective + "' is not binary:logistic");
    }
    const std::string booster = learner.at("gradient_booster").at("name").get<std::string>();
    if (booster != "gbtree") throw std::invalid_argument("booster '" + booster + "' is not gbtree");
    const json& params = learner.at("learner_model_param");
    if (std::stoll(params.at("num_class").get<std::string>()) > 1 ||
        std::stoll(params.value("num_target", std::string("1"))) != 1) {
        throw std::invalid_argument("the model predicts more than one output");
    }
}

float Sigmoid(float margin) {
    return 1.0F / (1.0F + std::exp(-margin));
}

}  // namespace

// Appends XGBoost trees to an ensemble, laying each out breadth first with siblings adjacent.
class TreeEnsembleBuilder final {
public:
    explicit TreeEnsembleBuilder(TreeEnsemble& ensemble) : ensemble_(ensemble) {}

    void Append(const JsonTree& tree) {
        const auto root = static_cast<std::uint32_t>(ensemble_.split_feature_.size());
        ensemble_.tree_root_.push_back(root);
        AddNode();
        // (source node, its slot, its depth), in breadth-first order.
        std::deque<std::tuple<std::size_t, std::uint32_t, std::uint32_t>> pending{{0, root, 0}};
        std::uint32_t depth = 0;
        std::size_t visited = 0;
        while (!pending.empty()) {
            const auto [source, slot, level] = pending.front();
            pending.pop_front();
            if (++visited > tree.left.size()) throw std::invalid_argument("a tree has a cycle");
            depth = std::max(depth, level);
            if (tree.left[source] == -1) {
                SetLeaf(slot, tree.split_condition[source]);
                continue;
            }
            const std::uint32_t left_slot = AddNode();
            AddNode();
            SetSplit(slot, tree, source, left_slot);
            pending.emplace_back(static_cast<std::size_t>(tree.left[source]), left_slot, level + 1);
            pending.emplace_back(
                static_cast<std::size_t>(tree.right[source]), left_slot + 1, level + 1);
        }
        ensemble_.tree_depth_.push_back(depth);
    }

private:
    std::uint32_t AddNode() {
        const auto slot = static_cast<std::uint32_t>(ensemble_.split_feature_.size());
        ensemble_.split_feature_.push_back(0);
        ensemble_.split_value_.push_back(std::numeric_limits<float>::quiet_NaN());
        ensemble_.left_child_.push_back(slot);
        ensemble_.leaf_value_.push_back(0);
        return slot;
    }
    void SetLeaf(std::uint32_t slot, float value) { ensemble_.leaf_value_[slot] = value; }
    void SetSplit(std::uint32_t slot,
                  const JsonTree& tree,
                  std::size_t source,
                  std::uint32_t left_slot) {
        ensemble_.split_feature_[slot] =
            static_cast<std::uint32_t>(tree.split_index[source]) |
            (tree.default_left[source] == 0 ? TreeEnsemble::kMissingGoesRight : 0U);
        ensemble_.split_value_[slot] = tree.split_condition[source];
        ensemble_.left_child_[slot] = left_slot;
    }

    TreeEnsemble& ensemble_;
};

Result<TreeEnsemble> TreeEnsemble::FromXgboostJson(std::string_view text) {
    TreeEnsemble ensemble;
    try {
        const json document = json::parse(text);
        const json& learner = document.at("learner");
        CheckModelKind(learner);
        const json& params = learner.at("learner_model_param");
        ensemble.feature_count_ =
            static_cast<std::size_t>(std::stoull(params.at("num_feature").get<std::string>()));
        ensemble.base_margin_ = BaseMargin(params.at("base_score").get<std::string>());
        const json& model = learner.at("gradient_booster").at("model");
        TreeEnsembleBuilder builder(ensemble);
        for (const json& tree : model.at("trees")) {
            const json& tree_param = tree.at("tree_param");
            if (tree_param.value("size_leaf_vector", std::string("0")) != "0") {
                throw std::invalid_argument("vector leaves are not supported");
            }
            builder.Append(ReadTree(tree, ensemble.feature_count_));
        }
    } catch (const std::exception& error) {
        return Fail(InvalidArgument(std::string("not a usable XGBoost model: ") + error.what()));
    }
    return ensemble;
}

void TreeEnsemble::AddMargins(const float* rows,
                              std::size_t row_width,
                              std::size_t row_count,
                              float* margins) const {
    for (std::size_t tree = 0; tree < tree_root_.size(); ++tree) {
        for (std::size_t lane_begin = 0; lane_begin < row_count; lane_begin += kLanes) {
            // Always kLanes lanes, so the loops unroll and `node` stays in registers; lanes past
            // the last row walk the last row again and are not added.
            const float* lane_rows[kLanes];
            for (std::size_t lane = 0; lane < kLanes; ++lane) {
                lane_rows[lane] = rows + std::min(lane_begin + lane, row_count - 1) * row_width;
            }
            std::uint32_t node[kLanes];
            std::fill_n(node, kLanes, tree_root_[tree]);
            for (std::uint32_t step = 0; step < tree_depth_[tree]; ++step) {
                // -O2 does not unroll on its own; unrolled, `node` lives in registers.
#pragma GCC unroll 8
                for (std::size_t lane = 0; lane < kLanes; ++lane) {
                    const std::uint32_t at = node[lane];
                    const std::uint32_t split = split_feature_[at];
                    const float value = lane_rows[lane][split & ~kMissingGoesRight];
                    // Bitwise, not short-circuit: no branch to mispredict.
                    const auto goes_right =
                        static_cast<std::uint32_t>(value >= split_value_[at]) |
                        (static_cast<std::uint32_t>(std::isnan(value)) & (split >> 31));
                    node[lane] = left_child_[at] + goes_right;
                }
            }
            const std::size_t lanes = std::min(kLanes, row_count - lane_begin);
            for (std::size_t lane = 0; lane < lanes; ++lane) {
                margins[lane_begin + lane] += leaf_value_[node[lane]];
            }
        }
    }
}

void TreeEnsemble::Predict(std::span<const float> rows,
                           std::size_t row_width,
                           std::span<double> probabilities) const {
    float margins[kBlockRows];
    for (std::size_t begin = 0; begin < probabilities.size(); begin += kBlockRows) {
        const std::size_t count = std::min(kBlockRows, probabilities.size() - begin);
        std::fill_n(margins, count, base_margin_);
        AddMargins(rows.data() + begin * row_width, row_width, count, margins);
        for (std::size_t row = 0; row < count; ++row) {
            probabilities[begin + row] = Sigmoid(margins[row]);
        }
    }
}

std::vector<double> TreeEnsemble::Predict(const FeatureMatrix& features) const {
    std::vector<double> probabilities(static_cast<std::size_t>(features.rows()));
    Predict(std::span<const float>(features.data(), static_cast<std::size_t>(features.size())),
            static_cast<std::size_t>(features.cols()),
            probabilities);
    return probabilities;
}

}  // namespace lb::scoring::predictive
