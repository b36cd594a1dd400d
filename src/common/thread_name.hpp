// Names of the server's own threads, as `top -H`, `ps -L` and /proc/PID/task/TID/comm show them.
#pragma once

#include <string>
#include <string_view>

namespace lb {

// Names the calling thread `name` (Linux keeps the first 15 bytes). Best effort: a name the
// system refuses leaves the thread as it was.
void NameThisThread(std::string_view name);

// The calling thread's name ("" when it cannot be read).
[[nodiscard]] std::string ThisThreadName();

}  // namespace lb
