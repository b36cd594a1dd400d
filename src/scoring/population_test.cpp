// Tests of scoring/population.hpp (being written).
