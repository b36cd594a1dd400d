#include "tracking/detail/url_parts.hpp"

#include <string>

#include <gtest/gtest.h>

namespace lb::tracking::detail {
namespace {

struct HostCase {
    std::string url;
    std::string host;
};

class HostOfTable : public testing::TestWithParam<HostCase> {};

TEST_P(HostOfTable, ReadsTheLowercaseHost) {
    EXPECT_EQ(HostOf(GetParam().url), GetParam().host) << GetParam().url;
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    HostOfTable,
    testing::Values(HostCase{"https://Www.Google.com/search?q=x", "www.google.com"},
                    HostCase{"http://user:pw@acme.dk:8080/path", "acme.dk"},
                    HostCase{"//cdn.acme.dk/x", "cdn.acme.dk"},
                    HostCase{"https://acme.dk.", "acme.dk"},
                    HostCase{"https://acme.dk?x=1", "acme.dk"},
                    HostCase{"https://acme.dk#top", "acme.dk"},
                    HostCase{"android-app://com.google.android.gm/", "com.google.android.gm"},
                    HostCase{"https://[2001:db8::1]/", ""},
                    HostCase{"/relative/path", ""},
                    HostCase{"mailto:ann@acme.dk", ""},
                    HostCase{"://nohost", ""},
                    HostCase{"not a url", ""},
                    HostCase{"", ""}));

struct QueryCase {
    std::string url;
    std::string name;
    std::string value;
};

class QueryParamTable : public testing::TestWithParam<QueryCase> {};

TEST_P(QueryParamTable, ReadsTheDecodedValue) {
    EXPECT_EQ(QueryParam(GetParam().url, GetParam().name), GetParam().value) << GetParam().url;
}

INSTANTIATE_TEST_SUITE_P(Table,
                         QueryParamTable,
                         testing::Values(QueryCase{"https://a.dk/?utm_source=google&utm_medium=cpc",
                                                   "utm_medium",
                                                   "cpc"},
                                         QueryCase{"https://a.dk/?UTM_SOURCE=x", "utm_source", "x"},
                                         QueryCase{
                                             "https://a.dk/?c=Spring+Sale%21", "c", "Spring Sale!"},
                                         QueryCase{"https://a.dk/?c=%zz%4", "c", "%zz%4"},
                                         QueryCase{"https://a.dk/?a=1&a=2", "a", "1"},
                                         QueryCase{"https://a.dk/?flag&x=1", "flag", ""},
                                         QueryCase{"https://a.dk/#x?a=1", "a", ""},
                                         QueryCase{"https://a.dk/?a=1#b=2", "b", ""},
                                         QueryCase{"https://a.dk/?gclid", "gclid", ""},
                                         QueryCase{"https://a.dk/", "a", ""}));

TEST(IsWithinDomain, HostOrSubdomainOnly) {
    EXPECT_TRUE(IsWithinDomain("acme.dk", "acme.dk"));
    EXPECT_TRUE(IsWithinDomain("blog.acme.dk", "acme.dk"));
    EXPECT_FALSE(IsWithinDomain("notacme.dk", "acme.dk"));
    EXPECT_FALSE(IsWithinDomain("acme.dk", ""));
    EXPECT_FALSE(IsWithinDomain("dk", "acme.dk"));
}

}  // namespace
}  // namespace lb::tracking::detail
