/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// WiresharkKeylogHelper: the rows of Wireshark's ESP SA and IKEv2 decryption tables, and that
// they follow the SAs of a tunnel as they appear (manual keys, Child SAs added later, IKEv2).
// test/wireshark/check-decryption.sh has tshark decrypt captures with these files.
#include "tunnel-test-scenario.h"

#include "ns3/ike-sa.h"
#include "ns3/ike-session.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/wireshark-keylog-helper.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;
using namespace ns3::tcpencaptest;

namespace
{

/**
 * \param name the test's name
 * \return a fresh, empty directory under the system's temporary directory
 */
std::string
FreshDirectory(const std::string& name)
{
    std::filesystem::path dir = std::filesystem::temp_directory_path()
                                / ("tcp-encap-keylog-" + name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    return dir.string();
}

/**
 * \param path a table file
 * \return its rows, comment lines left out
 */
std::vector<std::string>
ReadRows(const std::string& path)
{
    std::ifstream in(path);
    std::vector<std::string> rows;
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty() && line[0] != '#')
        {
            rows.push_back(line);
        }
    }
    return rows;
}

/**
 * \param first first byte
 * \param size number of bytes
 * \return first, first + 1, ...
 */
std::vector<uint8_t>
Counting(uint8_t first, std::size_t size)
{
    std::vector<uint8_t> bytes(size);
    for (std::size_t i = 0; i < size; ++i)
    {
        bytes[i] = static_cast<uint8_t>(first + i);
    }
    return bytes;
}

/**
 * \param bytes some bytes
 * \return lower-case hex
 */
std::string
Hex(const std::vector<uint8_t>& bytes)
{
    std::ostringstream os;
    for (uint8_t b : bytes)
    {
        os << std::hex << (b >> 4) << (b & 0xf);
    }
    return os.str();
}

/**
 * \param sa an SA
 * \return the esp_sa row Wireshark needs for it
 */
std::string
EspRow(const EspSaParams& sa)
{
    std::ostringstream spi;
    spi << std::hex;
    spi.width(8);
    spi.fill('0');
    spi << sa.spi;
    return "\"IPv4\",\"*\",\"*\",\"0x" + spi.str()
           + "\",\"AES-GCM with 16 octet ICV [RFC4106]\",\"0x" + Hex(sa.keyMaterial)
           + "\",\"NULL\",\"\"";
}

/** The exact rows, duplicates, and a directory left by an earlier run. */
class KeylogRowsTest : public TestCase
{
  public:
    KeylogRowsTest()
        : TestCase("esp_sa and ikev2_decryption_table rows, 128- and 256-bit keys")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = FreshDirectory("rows");
        // An earlier run's files: the tables start empty, its TLS key log goes.
        std::filesystem::create_directories(dir);
        std::ofstream(dir + "/esp_sa") << "\"IPv4\",\"*\",\"*\",\"0x00000999\",\"stale\"\n";
        std::ofstream(dir + "/tls-keylog.txt") << "CLIENT_RANDOM stale\n";

        Ptr<WiresharkKeylogHelper> keylog = Create<WiresharkKeylogHelper>();
        keylog->Open(dir);
        keylog->Open(dir); // again: no-op
        NS_TEST_ASSERT_MSG_EQ(ReadRows(dir + "/esp_sa").size(), 0, "esp_sa not emptied");
        NS_TEST_ASSERT_MSG_EQ(ReadRows(dir + "/ikev2_decryption_table").size(),
                              0,
                              "ikev2_decryption_table not empty");
        NS_TEST_ASSERT_MSG_EQ(
            std::filesystem::exists(dir + "/tls-keylog.txt"), false, "old TLS key log left");
        NS_TEST_ASSERT_MSG_EQ(keylog->GetTlsKeyLogPath(), dir + "/tls-keylog.txt", "path");

        EspSaParams a;
        a.spi = 0x01020304;
        a.keyMaterial = Counting(0x10, 20);
        EspSaParams b;
        b.spi = 0xfedcba98;
        b.cipher = EspCipher::AES_GCM_16_256;
        b.keyMaterial = Counting(0x80, 36);
        keylog->AddEspSa(a);
        keylog->AddEspSa(b);
        keylog->AddEspSa(a); // already written
        std::vector<std::string> esp = ReadRows(dir + "/esp_sa");
        NS_TEST_ASSERT_MSG_EQ(esp.size(), 2, "one row per SA");
        NS_TEST_ASSERT_MSG_EQ(keylog->GetEspSaCount(), 2, "count");
        NS_TEST_ASSERT_MSG_EQ(esp[0],
                              "\"IPv4\",\"*\",\"*\",\"0x01020304\",\"AES-GCM with 16 octet ICV "
                              "[RFC4106]\",\"0x101112131415161718191a1b1c1d1e1f20212223\","
                              "\"NULL\",\"\"",
                              "128-bit row");
        NS_TEST_ASSERT_MSG_EQ(esp[1], EspRow(b), "256-bit row");

        keylog->AddIkeSa(0x0123456789abcdef, 0x00000000000000ff, Counting(0, 20), Counting(1, 20));
        keylog->AddIkeSa(0x1111111111111111, 0x2222222222222222, Counting(2, 36), Counting(3, 36));
        keylog->AddIkeSa(0x0123456789abcdef, 0x00000000000000ff, Counting(0, 20), Counting(1, 20));
        std::vector<std::string> ike = ReadRows(dir + "/ikev2_decryption_table");
        NS_TEST_ASSERT_MSG_EQ(ike.size(), 2, "one row per IKE SA");
        NS_TEST_ASSERT_MSG_EQ(keylog->GetIkeSaCount(), 2, "count");
        NS_TEST_ASSERT_MSG_EQ(ike[0],
                              "0123456789abcdef,00000000000000ff,"
                              "000102030405060708090a0b0c0d0e0f10111213,"
                              "0102030405060708090a0b0c0d0e0f1011121314,"
                              "\"AES-GCM-128 with 16 octet ICV [RFC5282]\",,,\"NONE [RFC4306]\"",
                              "128-bit IKE row");
        NS_TEST_ASSERT_MSG_EQ(ike[1],
                              "1111111111111111,2222222222222222," + Hex(Counting(2, 36)) + ","
                                  + Hex(Counting(3, 36))
                                  + ",\"AES-GCM-256 with 16 octet ICV [RFC5282]\",,,\"NONE "
                                    "[RFC4306]\"",
                              "256-bit IKE row");
        std::filesystem::remove_all(dir);
    }
};

/** Enable on a manually keyed tunnel, then a Child SA pair added later. */
class KeylogManualTunnelTest : public TestCase
{
  public:
    KeylogManualTunnelTest()
        : TestCase("manual keys: the installed pair, then an added pair through the trace")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = FreshDirectory("manual") + "/nested/dir"; // created as needed
        TunnelScenario s{RemoteAccessTopologyParams()};
        s.Helper().SetKeying(IpsecTunnelHelper::MANUAL);
        s.Build();
        const IpsecTunnel& tunnel = s.Tunnel();
        Ptr<WiresharkKeylogHelper> keylog = Create<WiresharkKeylogHelper>();
        keylog->Enable(tunnel, dir);

        std::vector<std::string> want;
        for (const auto& endpoint : {tunnel.client, tunnel.gateway})
        {
            for (uint32_t spi : endpoint->GetSad().GetSpis())
            {
                want.push_back(EspRow(endpoint->GetSad().Find(spi)->GetParams()));
            }
        }
        NS_TEST_ASSERT_MSG_EQ(want.size(), 2, "a manual tunnel has one pair");
        std::vector<std::string> rows = ReadRows(dir + "/esp_sa");
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 2, "the installed pair");
        NS_TEST_ASSERT_MSG_EQ(rows[0], want[0], "the client's inbound SA");
        NS_TEST_ASSERT_MSG_EQ(rows[1], want[1], "the gateway's inbound SA");

        s.Helper().AddChildSa(tunnel, Ipv4Address("10.9.0.0"), Ipv4Mask("255.255.0.0"));
        rows = ReadRows(dir + "/esp_sa");
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 4, "the added pair is appended at once");
        NS_TEST_ASSERT_MSG_EQ(keylog->GetEspSaCount(), 4, "count");
        for (uint32_t spi : tunnel.client->GetSad().GetSpis())
        {
            std::string row = EspRow(tunnel.client->GetSad().Find(spi)->GetParams());
            NS_TEST_ASSERT_MSG_EQ((std::find(rows.begin(), rows.end(), row) != rows.end()),
                                  true,
                                  "client inbound SA " << spi << " missing");
        }
        NS_TEST_ASSERT_MSG_EQ(ReadRows(dir + "/ikev2_decryption_table").size(), 0, "no IKE");
        Simulator::Destroy();
        std::filesystem::remove_all(FreshDirectory("manual"));
    }
};

/** Enable on an IKEv2-keyed tunnel before the handshake: IKE SA and Child SAs as they come. */
class KeylogIkeTunnelTest : public TestCase
{
  public:
    KeylogIkeTunnelTest()
        : TestCase("IKEv2 keys: the IKE SA and the negotiated Child SA pair")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = FreshDirectory("ike");
        TunnelScenario s{RemoteAccessTopologyParams()};
        s.Helper().SetKeying(IpsecTunnelHelper::IKEV2);
        s.Build();
        const IpsecTunnel& tunnel = s.Tunnel();
        Ptr<WiresharkKeylogHelper> keylog = Create<WiresharkKeylogHelper>();
        keylog->Enable(tunnel, dir);
        NS_TEST_ASSERT_MSG_EQ(ReadRows(dir + "/esp_sa").size(), 0, "no SA before IKE");

        Simulator::Stop(Seconds(5));
        Simulator::Run();
        Ptr<IkeSession> ike = tunnel.client->GetIkeSession();
        NS_TEST_ASSERT_MSG_NE(ike->GetIkeSa(), nullptr, "the handshake completed");
        std::vector<std::string> esp = ReadRows(dir + "/esp_sa");
        NS_TEST_ASSERT_MSG_EQ(esp.size(), 2, "one negotiated pair");
        for (uint32_t spi : tunnel.client->GetSad().GetSpis())
        {
            std::string row = EspRow(tunnel.client->GetSad().Find(spi)->GetParams());
            NS_TEST_ASSERT_MSG_EQ((std::find(esp.begin(), esp.end(), row) != esp.end()),
                                  true,
                                  "client inbound SA " << spi << " missing");
        }
        std::vector<std::string> rows = ReadRows(dir + "/ikev2_decryption_table");
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 1, "one IKE SA");
        std::ostringstream spis;
        spis << std::hex;
        spis.fill('0');
        spis.width(16);
        spis << ike->GetIkeSa()->GetSpiI() << ",";
        spis.width(16);
        spis << ike->GetIkeSa()->GetSpiR() << ",";
        NS_TEST_ASSERT_MSG_EQ(rows[0].substr(0, spis.str().size()), spis.str(), "SPIs");
        Simulator::Destroy();
        std::filesystem::remove_all(dir);
    }
};

/** Rekeys while the helper watches: each new Child SA pair and IKE SA gets its row. */
class KeylogRekeyTest : public TestCase
{
  public:
    KeylogRekeyTest()
        : TestCase("IKEv2 rekeys: new Child SAs and IKE SAs are appended")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = FreshDirectory("rekey");
        TunnelScenario s{RemoteAccessTopologyParams()};
        s.Helper().SetKeying(IpsecTunnelHelper::IKEV2);
        s.Helper().SetIkeAttribute("ChildLifetime", TimeValue(Seconds(2)));
        s.Helper().SetIkeAttribute("IkeLifetime", TimeValue(Seconds(3)));
        s.Build();
        Ptr<WiresharkKeylogHelper> keylog = Create<WiresharkKeylogHelper>();
        keylog->Enable(s.Tunnel(), dir);
        Simulator::Stop(Seconds(7.5));
        Simulator::Run();
        // Child SAs every 2 s (the first at about 0.1 s), IKE SAs every 3 s.
        std::vector<std::string> esp = ReadRows(dir + "/esp_sa");
        std::vector<std::string> ike = ReadRows(dir + "/ikev2_decryption_table");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(esp.size(), 6, "the first pair and at least two rekeys");
        NS_TEST_ASSERT_MSG_EQ(esp.size() % 2, 0, "pairs");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(ike.size(), 2, "the first IKE SA and at least one rekey");
        NS_TEST_ASSERT_MSG_EQ(esp.size(), keylog->GetEspSaCount(), "rows = SAs");
        NS_TEST_ASSERT_MSG_EQ(ike.size(), keylog->GetIkeSaCount(), "rows = IKE SAs");
        // The SAs the client uses now are among the rows.
        for (uint32_t spi : s.Tunnel().client->GetSad().GetSpis())
        {
            std::string row = EspRow(s.Tunnel().client->GetSad().Find(spi)->GetParams());
            NS_TEST_ASSERT_MSG_EQ((std::find(esp.begin(), esp.end(), row) != esp.end()),
                                  true,
                                  "client inbound SA " << spi << " missing");
        }
        Simulator::Destroy();
        std::filesystem::remove_all(dir);
    }
};

/** The suite. */
class WiresharkKeylogTestSuite : public TestSuite
{
  public:
    WiresharkKeylogTestSuite()
        : TestSuite("tcp-encap-wireshark-keylog", Type::UNIT)
    {
        AddTestCase(new KeylogRowsTest, TestCase::Duration::QUICK);
        AddTestCase(new KeylogManualTunnelTest, TestCase::Duration::QUICK);
        AddTestCase(new KeylogIkeTunnelTest, TestCase::Duration::QUICK);
        AddTestCase(new KeylogRekeyTest, TestCase::Duration::QUICK);
    }
};

WiresharkKeylogTestSuite g_wiresharkKeylogTestSuite; //!< registers the suite

} // namespace
