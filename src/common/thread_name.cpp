#include "common/thread_name.hpp"

#include <array>

#include <pthread.h>

namespace lb {

namespace {

constexpr std::size_t kMaxNameBytes = 15;  // Linux: 16 with the terminating zero

}  // namespace

void NameThisThread(std::string_view name) {
    const std::string kept(name.substr(0, kMaxNameBytes));
    static_cast<void>(pthread_setname_np(pthread_self(), kept.c_str()));
}

std::string ThisThreadName() {
    std::array<char, kMaxNameBytes + 1> name{};
    if (pthread_getname_np(pthread_self(), name.data(), name.size()) != 0) return {};
    return name.data();
}

}  // namespace lb
