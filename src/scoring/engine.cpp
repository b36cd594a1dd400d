// Implementation of scoring/engine.hpp (being written).
