// Anonymising IP addresses before they are stored: the host part is zeroed so that an address
// names a network, not a machine (issue 3: "IP addresses anonymised before storage by default").
#pragma once

#include <string>
#include <string_view>

namespace lb::tracking {

// Returns `ip` with its host part zeroed, in canonical text form:
// - IPv4 "203.0.113.77" -> "203.0.113.0" (last octet zeroed);
// - IPv6 "2001:db8:85a3:8d3:1319:8a2e:370:7348" -> "2001:db8:85a3::" (last 80 bits zeroed,
//   keeping the /48 prefix), written as RFC 5952 text;
// - IPv4-mapped IPv6 "::ffff:203.0.113.77" -> "203.0.113.0" (treated as the IPv4 address it is;
//   zeroing 80 bits would keep nothing of it).
// Surrounding spaces are ignored. Returns an empty string for anything that is not one plain
// address: host names, ports, CIDR suffixes, IPv6 zone ids ("fe80::1%eth0"), brackets, leading
// zeros in IPv4 octets. Pure; thread-safe.
[[nodiscard]] std::string AnonymiseIp(std::string_view ip);

}  // namespace lb::tracking
