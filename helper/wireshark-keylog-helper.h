/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_WIRESHARK_KEYLOG_HELPER_H
#define TCP_ENCAP_WIRESHARK_KEYLOG_HELPER_H

#include "ns3/esp-sa.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Writes the keys of a run's SAs as Wireshark's decryption tables, so that a pcap of
 * the run opens decrypted (doc/wireshark.md).
 *
 * A directory gets two of Wireshark's "UAT" files, in the format of its personal
 * configuration directory: `esp_sa` (Preferences, Protocols, ESP, ESP SAs) and
 * `ikev2_decryption_table` (Protocols, ISAKMP, IKEv2 Decryption Table). ESP rows use the
 * wildcard "*" for both outer addresses, so they match ESP-in-UDP and ESP-in-TCP packets
 * whatever the addresses. Rows are appended and flushed as SAs appear: rekeyed and added Child
 * SAs are covered, and the files are usable while the simulation runs.
 *
 * Lifetime: create it with Create<WiresharkKeylogHelper>() and keep the Ptr as long as SAs
 * may be added (until Simulator::Destroy). The trace hook that Enable installs holds a
 * reference too, so the object lives at least as long as the endpoint it watches.
 */
class WiresharkKeylogHelper : public SimpleRefCount<WiresharkKeylogHelper>
{
  public:
    static constexpr const char* ESP_SA_FILE = "esp_sa";                 //!< ESP SA table
    static constexpr const char* IKE_SA_FILE = "ikev2_decryption_table"; //!< IKE SA table
    static constexpr const char* TLS_KEY_LOG_FILE = "tls-keylog.txt";    //!< NSS key log
    /** Wireshark's name of ESP's AES-GCM with a 16-byte ICV, for any key size */
    static constexpr const char* ESP_AES_GCM_16 = "AES-GCM with 16 octet ICV [RFC4106]";

    WiresharkKeylogHelper();

    /**
     * \brief Create the directory if needed and start both tables empty; removes a TLS key
     * log left there by an earlier run (a run's TLS transport appends to it). Enable calls
     * it; call it earlier when the directory must exist before the tunnel is installed (TLS
     * key log inside it). Aborts with the path and the system's reason when the directory
     * cannot be written.
     * \param dir the directory; opening it again is a no-op, another directory aborts
     */
    void Open(const std::string& dir);

    /**
     * \brief Write the SAs of an installed tunnel (both directions of every Child SA pair)
     * and those that the client endpoint adds later (its "ChildSaAdded" trace source:
     * IKEv2-negotiated, rekeyed and added pairs); with IKEv2 keying, the IKE SAs too (the
     * client IkeSession's "IkeSaKeys" trace source).
     * \param tunnel a tunnel installed by IpsecTunnelHelper
     * \param dir the directory (see Open)
     */
    void Enable(const IpsecTunnel& tunnel, const std::string& dir);

    /**
     * \brief Append one ESP SA to `esp_sa` (an SA already written is skipped).
     * \param sa the SA's SPI, transform and key material (key | salt)
     */
    void AddEspSa(const EspSaParams& sa);

    /**
     * \brief Append one IKE SA with AES-GCM-16 encryption to `ikev2_decryption_table` (an SA
     * already written, same SPIs, is skipped).
     * \param spiI the initiator's IKE SPI
     * \param spiR the responder's IKE SPI
     * \param skEi SK_ei: key | 4-byte salt (20 bytes: AES-GCM-128; 36: AES-GCM-256)
     * \param skEr SK_er, the same size
     */
    void AddIkeSa(uint64_t spiI,
                  uint64_t spiR,
                  const std::vector<uint8_t>& skEi,
                  const std::vector<uint8_t>& skEr);

    /** \return the directory, empty before Open */
    const std::string& GetDirectory() const;

    /** \return the path of the TLS key log in the directory (for the KeyLogFile attribute) */
    std::string GetTlsKeyLogPath() const;

    /** \return ESP SAs written */
    uint32_t GetEspSaCount() const;

    /** \return IKE SAs written */
    uint32_t GetIkeSaCount() const;

  private:
    /**
     * \param outbound the client's outbound SA
     * \param inbound the client's inbound SA
     */
    void ChildSaAdded(const EspSaParams& outbound, const EspSaParams& inbound);

    /**
     * \param name file name in the directory
     * \param[out] file the stream, truncated and open for writing
     */
    void OpenTable(const std::string& name, std::ofstream& file);

    /**
     * \param file a table
     * \param name its file name, for the message
     * \param row one line, without the newline
     */
    void WriteRow(std::ofstream& file, const std::string& name, const std::string& row);

    std::string m_dir;                                             //!< directory, or empty
    std::ofstream m_esp;                                           //!< esp_sa
    std::ofstream m_ike;                                           //!< ikev2_decryption_table
    std::set<std::pair<uint32_t, std::vector<uint8_t>>> m_espRows; //!< ESP SAs written
    std::set<std::pair<uint64_t, uint64_t>> m_ikeRows;             //!< IKE SAs written
};

} // namespace ns3

#endif /* TCP_ENCAP_WIRESHARK_KEYLOG_HELPER_H */
