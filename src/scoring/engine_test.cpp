// Tests of scoring/engine.hpp (being written).
