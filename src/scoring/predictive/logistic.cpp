#include "scoring/predictive/logistic.hpp"

#include <cmath>
#include <string>

#include <Eigen/Cholesky>

namespace lb::scoring::predictive {
namespace {

double Sigmoid(double z) {
    return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
}

// Penalised loss of parameters `beta` (bias first) on the design matrix `x` (bias column first).
double PenalisedLoss(const Eigen::MatrixXd& x,
                     const Eigen::VectorXd& y,
                     const Eigen::VectorXd& beta,
                     double l2) {
    const Eigen::VectorXd z = x * beta;
    double loss = 0;
    for (Eigen::Index row = 0; row < z.size(); ++row) {
        // log(1 + e^z) - y z, computed without overflow.
        const double zi = z(row);
        loss += (zi > 0 ? zi + std::log1p(std::exp(-zi)) : std::log1p(std::exp(zi))) - y(row) * zi;
    }
    return loss + l2 / 2 * beta.tail(beta.size() - 1).squaredNorm();
}

// The design matrix: a bias column, then standardised features.
Eigen::MatrixXd Design(const FeatureMatrix& features, const LogisticModel& model) {
    Eigen::MatrixXd x(features.rows(), features.cols() + 1);
    x.col(0).setOnes();
    for (Eigen::Index col = 0; col < features.cols(); ++col) {
        const auto j = static_cast<std::size_t>(col);
        x.col(col + 1) =
            (features.col(col).cast<double>().array() - model.means[j]) / model.scales[j];
    }
    return x;
}

void SetScaling(const FeatureMatrix& features, bool standardise, LogisticModel& model) {
    const auto n = static_cast<double>(features.rows());
    for (Eigen::Index col = 0; col < features.cols(); ++col) {
        const Eigen::ArrayXd values = features.col(col).cast<double>().array();
        const double mean = standardise ? values.mean() : 0.0;
        const double variance = (values - mean).square().sum() / n;
        // A constant feature keeps scale 1: its standardised value is 0 and its weight stays 0.
        const double scale = standardise && variance > 1e-24 ? std::sqrt(variance) : 1.0;
        model.means.push_back(mean);
        model.scales.push_back(scale);
    }
}

// One damped Newton step; returns the largest absolute change.
double NewtonStep(const Eigen::MatrixXd& x,
                  const Eigen::VectorXd& y,
                  double l2,
                  Eigen::VectorXd& beta) {
    const Eigen::VectorXd z = x * beta;
    Eigen::VectorXd p(z.size());
    Eigen::VectorXd w(z.size());
    for (Eigen::Index row = 0; row < z.size(); ++row) {
        p(row) = Sigmoid(z(row));
        w(row) = std::max(p(row) * (1 - p(row)), 1e-12);
    }
    Eigen::VectorXd penalty = Eigen::VectorXd::Constant(beta.size(), l2);
    penalty(0) = 1e-10;  // the bias is not penalised; a tiny ridge keeps the Hessian definite
    Eigen::VectorXd gradient = x.transpose() * (p - y) + (penalty.array() * beta.array()).matrix();
    gradient(0) -= penalty(0) * beta(0);
    // X^T W X as (sqrt(W) X)^T (sqrt(W) X), one symmetric rank update: a third of a general
    // product.
    const Eigen::MatrixXd weighted = x.array().colwise() * w.array().sqrt();
    Eigen::MatrixXd hessian = Eigen::MatrixXd::Zero(x.cols(), x.cols());
    hessian.selfadjointView<Eigen::Lower>().rankUpdate(weighted.transpose());
    hessian.diagonal() += penalty;
    const Eigen::VectorXd step = hessian.selfadjointView<Eigen::Lower>().ldlt().solve(gradient);
    // Halve the step until the loss does not rise (plain Newton can overshoot on separable data).
    const double loss = PenalisedLoss(x, y, beta, l2);
    double factor = 1;
    for (int halving = 0; halving < 30; ++halving, factor /= 2) {
        if (PenalisedLoss(x, y, beta - factor * step, l2) <= loss + 1e-12) break;
    }
    beta -= factor * step;
    return (factor * step).cwiseAbs().maxCoeff();
}

}  // namespace

std::vector<double> LogisticModel::LogOdds(const FeatureMatrix& features) const {
    Eigen::VectorXd coef(static_cast<Eigen::Index>(weights.size()));
    double offset = bias;
    for (std::size_t j = 0; j < weights.size(); ++j) {
        coef(static_cast<Eigen::Index>(j)) = weights[j] / scales[j];
        offset -= weights[j] * means[j] / scales[j];
    }
    const Eigen::VectorXd z = features.cast<double>() * coef;
    std::vector<double> log_odds(static_cast<std::size_t>(z.size()));
    for (Eigen::Index row = 0; row < z.size(); ++row) {
        log_odds[static_cast<std::size_t>(row)] = z(row) + offset;
    }
    return log_odds;
}

std::vector<double> LogisticModel::Predict(const FeatureMatrix& features) const {
    std::vector<double> probabilities = LogOdds(features);
    for (double& value : probabilities) value = Sigmoid(value);
    return probabilities;
}

double LogisticModel::RawCoefficient(std::size_t feature) const {
    return weights[feature] / scales[feature];
}

std::vector<double> LogisticModel::Terms(const FeatureMatrix& features, Eigen::Index row) const {
    std::vector<double> terms(weights.size());
    for (std::size_t j = 0; j < weights.size(); ++j) {
        terms[j] =
            weights[j] * (features(row, static_cast<Eigen::Index>(j)) - means[j]) / scales[j];
    }
    return terms;
}

Result<LogisticModel> FitLogistic(const FeatureMatrix& features,
                                  std::span<const std::uint8_t> labels,
                                  const LogisticOptions& options) {
    if (features.rows() == 0) return Fail(InvalidArgument("no training rows"));
    if (static_cast<std::size_t>(features.rows()) != labels.size()) {
        return Fail(InvalidArgument("label count differs from the row count"));
    }
    LogisticModel model;
    SetScaling(features, options.standardise, model);
    const Eigen::MatrixXd x = Design(features, model);
    Eigen::VectorXd y(x.rows());
    for (Eigen::Index row = 0; row < y.size(); ++row) {
        y(row) = labels[static_cast<std::size_t>(row)] != 0 ? 1.0 : 0.0;
    }
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(x.cols());
    for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
        if (NewtonStep(x, y, options.l2, beta) < options.tolerance) {
            model.bias = beta(0);
            model.weights.assign(beta.data() + 1, beta.data() + beta.size());
            return model;
        }
    }
    return Fail(Internal("logistic regression did not converge in " +
                         std::to_string(options.max_iterations) + " Newton steps"));
}

}  // namespace lb::scoring::predictive
