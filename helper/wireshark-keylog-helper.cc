/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "wireshark-keylog-helper.h"

#include "ns3/abort.h"
#include "ns3/ike-session.h"
#include "ns3/log.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <system_error>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WiresharkKeylogHelper");

namespace
{

/**
 * \param bytes some bytes
 * \return them as lower-case hexadecimal digits
 */
std::string
ToHex(const std::vector<uint8_t>& bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (uint8_t b : bytes)
    {
        out += digits[b >> 4];
        out += digits[b & 0x0f];
    }
    return out;
}

/**
 * \param skE SK_e of an IKE SA: key | 4-byte salt
 * \return Wireshark's name of its AES-GCM-16 transform (RFC 5282), or empty when the size
 * fits none
 */
std::string
IkeEncryptionName(std::size_t skE)
{
    switch (skE)
    {
        case 16 + 4:
            return "AES-GCM-128 with 16 octet ICV [RFC5282]";
        case 32 + 4:
            return "AES-GCM-256 with 16 octet ICV [RFC5282]";
        default:
            return "";
    }
}

} // namespace

WiresharkKeylogHelper::WiresharkKeylogHelper() = default;

void
WiresharkKeylogHelper::Open(const std::string& dir)
{
    NS_LOG_FUNCTION(this << dir);
    NS_ABORT_MSG_IF(dir.empty(), "WiresharkKeylogHelper: empty directory name");
    if (!m_dir.empty())
    {
        NS_ABORT_MSG_IF(dir != m_dir,
                        "WiresharkKeylogHelper writes to " << m_dir << " already, not " << dir);
        return;
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    NS_ABORT_MSG_IF(ec, "cannot create the key log directory " << dir << ": " << ec.message());
    m_dir = dir;
    OpenTable(ESP_SA_FILE, m_esp);
    OpenTable(IKE_SA_FILE, m_ike);
    // The TLS transport appends: keys of an earlier run would pile up.
    std::string tls = GetTlsKeyLogPath();
    errno = 0;
    NS_ABORT_MSG_IF(std::remove(tls.c_str()) != 0 && errno != ENOENT,
                    "cannot remove the old TLS key log " << tls << ": " << std::strerror(errno));
}

void
WiresharkKeylogHelper::OpenTable(const std::string& name, std::ofstream& file)
{
    NS_LOG_FUNCTION(this << name);
    std::string path = m_dir + "/" + name;
    errno = 0;
    file.open(path, std::ios::out | std::ios::trunc);
    NS_ABORT_MSG_UNLESS(file.is_open(),
                        "cannot write the Wireshark table "
                            << path << ": " << (errno ? std::strerror(errno) : "open failed"));
    // '#' lines are comments in Wireshark's tables.
    WriteRow(file, name, "# Written by ns-3 tcp-encap's WiresharkKeylogHelper");
}

void
WiresharkKeylogHelper::WriteRow(std::ofstream& file,
                                const std::string& name,
                                const std::string& row)
{
    NS_LOG_FUNCTION(this << name << row);
    errno = 0;
    file << row << '\n';
    file.flush();
    NS_ABORT_MSG_UNLESS(file.good(),
                        "cannot write to " << m_dir << "/" << name << ": "
                                           << (errno ? std::strerror(errno) : "write failed"));
}

void
WiresharkKeylogHelper::Enable(const IpsecTunnel& tunnel, const std::string& dir)
{
    NS_LOG_FUNCTION(this << dir);
    NS_ABORT_MSG_UNLESS(tunnel.client && tunnel.gateway,
                        "WiresharkKeylogHelper::Enable needs an installed tunnel");
    Open(dir);
    // The pairs installed so far: each endpoint's inbound SAs are the other's outbound ones.
    for (const auto& endpoint : {tunnel.client, tunnel.gateway})
    {
        const IpsecSad& sad = endpoint->GetSad();
        for (uint32_t spi : sad.GetSpis())
        {
            AddEspSa(sad.Find(spi)->GetParams());
        }
    }
    // Later pairs (more Child SAs, rekeying): the client sees both directions of each.
    bool connected = tunnel.client->TraceConnectWithoutContext(
        "ChildSaAdded",
        MakeCallback(&WiresharkKeylogHelper::ChildSaAdded, Ptr<WiresharkKeylogHelper>(this)));
    NS_ABORT_MSG_UNLESS(connected, "IpsecEndpoint has no ChildSaAdded trace source");
    // IKEv2 keying: the client's session reports each IKE SA, the first and the rekeyed ones.
    if (Ptr<IkeSession> ike = tunnel.client->GetIkeSession())
    {
        connected = ike->TraceConnectWithoutContext(
            "IkeSaKeys",
            MakeCallback(&WiresharkKeylogHelper::AddIkeSa, Ptr<WiresharkKeylogHelper>(this)));
        NS_ABORT_MSG_UNLESS(connected, "IkeSession has no IkeSaKeys trace source");
    }
}

void
WiresharkKeylogHelper::ChildSaAdded(const EspSaParams& outbound, const EspSaParams& inbound)
{
    NS_LOG_FUNCTION(this);
    AddEspSa(outbound);
    AddEspSa(inbound);
}

void
WiresharkKeylogHelper::AddEspSa(const EspSaParams& sa)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_dir.empty(), "WiresharkKeylogHelper: call Open or Enable first");
    NS_ABORT_MSG_UNLESS(sa.keyMaterial.size() == GetKeyMaterialSize(sa.cipher),
                        "ESP SA 0x" << std::hex << sa.spi << std::dec << ": key material of "
                                    << sa.keyMaterial.size() << " bytes for its transform");
    if (!m_espRows.insert({sa.spi, sa.keyMaterial}).second)
    {
        return;
    }
    if (sa.esn)
    {
        // Wireshark 4.0's ESP SA table has no sequence number high bits: GCM's AAD of an ESN
        // SA includes them, so its ICV checks fail there.
        NS_LOG_WARN("ESP SA 0x" << std::hex << sa.spi << " uses ESN: Wireshark cannot check it");
    }
    std::ostringstream row;
    // Protocol, source, destination, SPI, encryption, key, authentication, authentication key.
    // AES-GCM authenticates by itself: no separate authentication algorithm.
    row << "\"IPv4\",\"*\",\"*\",\"0x" << std::hex << std::setw(8) << std::setfill('0') << sa.spi
        << "\",\"" << ESP_AES_GCM_16 << "\",\"0x" << ToHex(sa.keyMaterial) << "\",\"NULL\",\"\"";
    WriteRow(m_esp, ESP_SA_FILE, row.str());
}

void
WiresharkKeylogHelper::AddIkeSa(uint64_t spiI,
                                uint64_t spiR,
                                const std::vector<uint8_t>& skEi,
                                const std::vector<uint8_t>& skEr)
{
    NS_LOG_FUNCTION(this << spiI << spiR);
    NS_ABORT_MSG_IF(m_dir.empty(), "WiresharkKeylogHelper: call Open or Enable first");
    std::string algorithm = IkeEncryptionName(skEi.size());
    NS_ABORT_MSG_IF(algorithm.empty() || skEr.size() != skEi.size(),
                    "IKE SA keys of " << skEi.size() << " and " << skEr.size()
                                      << " bytes: AES-GCM-16 takes key | salt of 20 or 36");
    if (!m_ikeRows.insert({spiI, spiR}).second)
    {
        return;
    }
    std::ostringstream row;
    // SPIi, SPIr, SK_ei, SK_er, encryption, SK_ai, SK_ar, integrity: hex without 0x.
    row << std::hex << std::setfill('0') << std::setw(16) << spiI << "," << std::setw(16) << spiR
        << "," << ToHex(skEi) << "," << ToHex(skEr) << ",\"" << algorithm
        << "\",,,\"NONE [RFC4306]\"";
    WriteRow(m_ike, IKE_SA_FILE, row.str());
}

const std::string&
WiresharkKeylogHelper::GetDirectory() const
{
    return m_dir;
}

std::string
WiresharkKeylogHelper::GetTlsKeyLogPath() const
{
    NS_ABORT_MSG_IF(m_dir.empty(), "WiresharkKeylogHelper: call Open or Enable first");
    return m_dir + "/" + TLS_KEY_LOG_FILE;
}

uint32_t
WiresharkKeylogHelper::GetEspSaCount() const
{
    return static_cast<uint32_t>(m_espRows.size());
}

uint32_t
WiresharkKeylogHelper::GetIkeSaCount() const
{
    return static_cast<uint32_t>(m_ikeRows.size());
}

} // namespace ns3
