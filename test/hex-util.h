/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TEST_HEX_UTIL_H
#define TCP_ENCAP_TEST_HEX_UTIL_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{

/**
 * \param hex hexadecimal digits; spaces are skipped
 * \return the bytes they spell
 */
inline std::vector<uint8_t>
FromHex(const std::string& hex)
{
    auto nibble = [](char c) -> int
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        return c - 'A' + 10;
    };
    std::vector<uint8_t> out;
    int high = -1;
    for (char c : hex)
    {
        if (c == ' ')
        {
            continue;
        }
        if (high < 0)
        {
            high = nibble(c);
        }
        else
        {
            out.push_back(static_cast<uint8_t>(high << 4 | nibble(c)));
            high = -1;
        }
    }
    return out;
}

} // namespace tcpencaptest
} // namespace ns3

#endif /* TCP_ENCAP_TEST_HEX_UTIL_H */
