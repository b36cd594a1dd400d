// Tests of scoring/model_parser.hpp (being written).
