#include "common/thread_name.hpp"

#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace lb {
namespace {

// The name a new thread reads back after naming itself `name`.
std::string NameAfterNaming(const std::string& name) {
    std::string seen;
    std::thread([&] {
        NameThisThread(name);
        seen = ThisThreadName();
    }).join();
    return seen;
}

TEST(ThreadName, AThreadCarriesTheNameItGaveItself) {
    EXPECT_EQ(NameAfterNaming("lb-writer"), "lb-writer");
}

TEST(ThreadName, ALongNameIsCutToWhatLinuxKeeps) {
    EXPECT_EQ(NameAfterNaming("lb-a-name-longer-than-fifteen"), "lb-a-name-longe");
}

}  // namespace
}  // namespace lb
