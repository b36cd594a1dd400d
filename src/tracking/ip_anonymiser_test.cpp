#include "tracking/ip_anonymiser.hpp"

#include <string>

#include <gtest/gtest.h>

namespace lb::tracking {
namespace {

struct IpCase {
    std::string input;
    std::string expected;
};

class AnonymiseIpTable : public testing::TestWithParam<IpCase> {};

TEST_P(AnonymiseIpTable, ZeroesTheHostPartOrReturnsEmpty) {
    EXPECT_EQ(AnonymiseIp(GetParam().input), GetParam().expected) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(Ipv4,
                         AnonymiseIpTable,
                         testing::Values(IpCase{"203.0.113.77", "203.0.113.0"},
                                         IpCase{"10.0.0.0", "10.0.0.0"},
                                         IpCase{"255.255.255.255", "255.255.255.0"},
                                         IpCase{" 192.168.1.20\t", "192.168.1.0"},
                                         IpCase{"::ffff:203.0.113.77", "203.0.113.0"},
                                         IpCase{"::FFFF:cb00:714d", "203.0.113.0"}));

INSTANTIATE_TEST_SUITE_P(
    Ipv6,
    AnonymiseIpTable,
    testing::Values(IpCase{"2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"},
                    IpCase{"2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::"},
                    IpCase{"2a00:1450:4001:81c::200e", "2a00:1450:4001::"},
                    IpCase{"::1", "::"},
                    IpCase{"fe80::1", "fe80::"},
                    IpCase{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff::"}));

INSTANTIATE_TEST_SUITE_P(Invalid,
                         AnonymiseIpTable,
                         testing::Values(IpCase{"", ""},
                                         IpCase{"   ", ""},
                                         IpCase{"example.com", ""},
                                         IpCase{"256.1.1.1", ""},
                                         IpCase{"1.2.3", ""},
                                         IpCase{"1.2.3.4.5", ""},
                                         IpCase{"01.2.3.4", ""},
                                         IpCase{"1.2.3.4:8080", ""},
                                         IpCase{"10.0.0.0/8", ""},
                                         IpCase{"[2001:db8::1]", ""},
                                         IpCase{"fe80::1%eth0", ""},
                                         IpCase{"2001:db8:::1", ""},
                                         IpCase{"1:2:3:4:5:6:7:8:9", ""},
                                         IpCase{std::string("1.2.3.4\0junk", 11), ""},
                                         IpCase{std::string(200, '1'), ""}));

TEST(AnonymiseIp, TwoHostsOfOneNetworkBecomeTheSameAddress) {
    EXPECT_EQ(AnonymiseIp("198.51.100.1"), AnonymiseIp("198.51.100.254"));
    EXPECT_EQ(AnonymiseIp("2001:db8:1::a"), AnonymiseIp("2001:db8:1:ffff::b"));
    EXPECT_NE(AnonymiseIp("2001:db8:1::a"), AnonymiseIp("2001:db8:2::a"));
}

}  // namespace
}  // namespace lb::tracking
