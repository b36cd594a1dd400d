// Implementation of scoring/population.hpp (being written).
