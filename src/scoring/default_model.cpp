// The model a new workspace gets (docs/scoring.md explains each rule).
#include "scoring/model_parser.hpp"

namespace lb::scoring {

Model DefaultModel() {
    Model model;
    model.key = "default";
    model.name = "Default B2B model";
    return model;
}

}  // namespace lb::scoring
