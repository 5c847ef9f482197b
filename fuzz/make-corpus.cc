/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Seed corpora for the fuzz targets, from short simulations: ESP-in-TCP (both framings) and
// ESP-in-TLS-in-TCP runs of the remote-access scenario with the fuzzers' fixed keys. It keeps
// what the client sent on its outer TCP connection (after IKETCP) and the ESP packets it
// sealed, and writes small files under OUT/<target>/:
//
//   tcp-encap-fuzz-make-corpus --out=fuzz/corpus
#include "fuzz-keys.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/tcp-encap-module.h"

#if __has_include("ns3/ike-message.h")
#    include "../test/ike-test-messages.h"
#    define TCP_ENCAP_HAVE_IKE 1
#endif

#include <fstream>
#include <map>
#include <sys/stat.h>

using namespace ns3;

namespace
{

/** What the client sent: outer TCP payload by sequence number, and sealed ESP packets. */
struct Capture
{
    uint16_t port{0};                                  //!< the gateway's TCP port
    std::map<uint32_t, std::vector<uint8_t>> segments; //!< payload by sequence number
    std::vector<std::vector<uint8_t>> esp;             //!< ESP packets sealed by the client

    /** \return the stream bytes in order (the run loses nothing) */
    std::vector<uint8_t>
    Stream() const
    {
        std::vector<uint8_t> s;
        for (const auto& [seq, bytes] : segments)
        {
            s.insert(s.end(), bytes.begin(), bytes.end());
        }
        return s;
    }
};

/** \param c the capture \param p an IPv4 packet the client sent */
void
OnIpTx(Capture* c, Ptr<const Packet> p, Ptr<Ipv4> /* ipv4 */, uint32_t /* interface */)
{
    Ptr<Packet> q = p->Copy();
    Ipv4Header ip;
    q->RemoveHeader(ip);
    if (ip.GetProtocol() != TcpL4Protocol::PROT_NUMBER)
    {
        return;
    }
    TcpHeader tcp;
    q->RemoveHeader(tcp);
    if (tcp.GetDestinationPort() != c->port || q->GetSize() == 0)
    {
        return;
    }
    std::vector<uint8_t> bytes(q->GetSize());
    q->CopyData(bytes.data(), bytes.size());
    c->segments[tcp.GetSequenceNumber().GetValue()] = bytes;
}

/** \param c the capture \param esp a packet the client sealed */
void
OnSeal(Capture* c, Ptr<const Packet> /* inner */, Ptr<const Packet> esp)
{
    if (c->esp.size() < 64)
    {
        std::vector<uint8_t> bytes(esp->GetSize());
        esp->CopyData(bytes.data(), bytes.size());
        c->esp.push_back(bytes);
    }
}

/**
 * \param mode "tcp" or "tls"
 * \param framing "rfc9329" or "draft-03"
 * \return what the client sent in 1.5 s of a bulk transfer
 */
Capture
Run(const std::string& mode, const std::string& framing)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    RemoteAccessTopologyParams params;
    RemoteAccessTopology topo(params);
    topo.Build();
    topo.AssignStreams(1);
    IpsecTunnelHelper helper;
    helper.AssignStreams(100);
    helper.SetManualKeys(tcpencapfuzz::ClientToGatewayKeys(), tcpencapfuzz::GatewayToClientKeys());
    helper.SetTransportType(mode == "tls" ? "ns3::TlsEncapTransport" : "ns3::TcpEncapTransport");
    helper.SetTransportAttribute("Framing", StringValue(framing));
    IpsecTunnel tunnel = helper.Install(topo.GetClient(),
                                        topo.GetClientAddress(),
                                        topo.GetGateway(),
                                        topo.GetGatewayAddress(),
                                        topo.GetProtectedNetwork(),
                                        topo.GetProtectedMask());
    Capture c;
    c.port = mode == "tls" ? 443 : 4500;
    tunnel.client->TraceConnectWithoutContext("EspSeal", MakeBoundCallback(&OnSeal, &c));
    topo.GetClient()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx", MakeBoundCallback(&OnIpTx, &c));

    uint32_t mss = RemoteAccessTopology::GetTcpSegmentSize(tunnel.client->GetTunnelMtu());
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(mss));
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 5001));
    sink.Install(topo.GetServer()).Start(Seconds(0));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(topo.GetServerAddress(), 5001));
    bulk.SetAttribute("MaxBytes", UintegerValue(200000));
    bulk.Install(topo.GetClient()).Start(Seconds(0.2));
    Simulator::Stop(Seconds(1.5));
    Simulator::Run();
    Simulator::Destroy();
    return c;
}

/** \param path a file \param bytes its content */
void
Write(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

/** \param head a prefix \param body bytes \return head | body */
std::vector<uint8_t>
Cat(std::vector<uint8_t> head, const std::vector<uint8_t>& body)
{
    head.insert(head.end(), body.begin(), body.end());
    return head;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string out = "fuzz/corpus";
    CommandLine cmd(__FILE__);
    cmd.AddValue("out", "corpus directory (one folder per target is written in it)", out);
    cmd.Parse(argc, argv);
    for (const char* d : {"", "/deframer", "/esp-open", "/tls-record", "/ike-message"})
    {
        ::mkdir((out + d).c_str(), 0755);
    }

    // Deframer: byte 0 framing (and maximum 65535), byte 1 number of chunk sizes, then the
    // stream after the IKETCP prefix; the first 3000 bytes, and a cut mid-stream.
    for (const char* framing : {"rfc9329", "draft-03"})
    {
        Capture c = Run("tcp", framing);
        std::vector<uint8_t> s = c.Stream();
        NS_ABORT_MSG_IF(s.size() < 6000, "too little captured");
        s.erase(s.begin(), s.begin() + IKETCP_PREFIX.size());
        uint8_t v = std::string(framing) == "draft-03" ? 1 : 0;
        std::string base = out + "/deframer/" + framing;
        Write(base + "-start", Cat({v, 0}, {s.begin(), s.begin() + 3000}));
        Write(base + "-chunks", Cat({v, 3, 1, 7, 200}, {s.begin(), s.begin() + 3000}));
        Write(base + "-mid", Cat({v, 1, 100}, {s.begin() + 2001, s.begin() + 5000}));
        if (v == 0)
        {
            // ESP: the client's first packets (pure ACKs, SYN) and full-sized ones.
            for (std::size_t i : {0, 1, 2, 10, 30})
            {
                Write(out + "/esp-open/sealed-" + std::to_string(i), Cat({0}, c.esp.at(i)));
            }
            Write(out + "/esp-open/mutate-one-byte", {1, 0x05, 0xDC, 0, 0, 20, 0x80});
            Write(out + "/esp-open/mutate-truncate", {1, 0x00, 0x28, 0, 0xFF, 40});
        }
    }

    // TLS: mode 0 with what the client sent (ClientHello, Finished, records), whole and in
    // small chunks; mode 1 with the records after the handshake; mode 2 mutations.
    Capture t = Run("tls", "rfc9329");
    std::vector<uint8_t> s = t.Stream();
    NS_ABORT_MSG_IF(s.size() < 3000, "too little captured");
    Write(out + "/tls-record/client-flight", Cat({0, 0}, {s.begin(), s.begin() + 2000}));
    Write(out + "/tls-record/client-flight-chunks", Cat({0, 5}, {s.begin(), s.begin() + 2000}));
    Write(out + "/tls-record/records", Cat({1, 0}, {s.end() - 2000, s.end()}));
    Write(out + "/tls-record/mutate", {2, 0, 200, 0, 1, 0x01});
    Write(out + "/tls-record/mutate-length", {2, 0, 10, 0, 3, 0x40});

#ifdef TCP_ENCAP_HAVE_IKE
    // IKE: the simulator does not run IKE yet (keys are manual); the messages of the codec's
    // tests, IKE_SA_INIT and IKE_AUTH requests, stand in until it does.
    Write(out + "/ike-message/sa-init-request", tcpencaptest::MakeSaInitRequest().Serialize());
    Write(out + "/ike-message/auth-request", tcpencaptest::MakeAuthRequest().Serialize());
#endif
    return 0;
}
