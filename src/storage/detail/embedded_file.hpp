// A text file compiled into the binary by cmake's lb_embed_files (migrations).
#pragma once

#include <string_view>
#include <vector>

namespace lb::storage::detail {

// One embedded file: its base name and its whole content; both live for the whole program.
struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
};

// The numbered migrations of each backend ("0001_init.sql", ...), in file order.
[[nodiscard]] std::vector<EmbeddedFile> SqliteMigrations();
[[nodiscard]] std::vector<EmbeddedFile> PostgresMigrations();

}  // namespace lb::storage::detail
