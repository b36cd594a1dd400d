// The `leadbase` program: wires the concrete store, the clock and the command line.
#include <exception>
#include <iostream>

#include "app/store_opener.hpp"
#include "cli/cli.hpp"
#include "common/clock.hpp"
#include "common/log.hpp"

int main(int argc, char** argv) {
    lb::log::Configure("info");
    const lb::SystemClock clock;
    lb::cli::CliContext ctx;
    ctx.open_store = lb::app::OpenStore;
    ctx.clock = &clock;
    ctx.out = &std::cout;
    ctx.err = &std::cerr;
    try {
        return lb::cli::RunCli(argc, argv, ctx);
    } catch (const std::exception& error) {
        std::cerr << "leadbase: internal error: " << error.what() << '\n';
        return 1;
    }
}
