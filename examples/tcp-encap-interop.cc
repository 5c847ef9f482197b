/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The model's IKEv2/ESP endpoint against a real IPsec implementation (strongSwan's charon,
// doc/interop.md): one ns-3 node, in real time, whose FdNetDevice is a Linux TAP device. The
// node runs IpsecEndpoint + IkeSession over ESP-in-UDP (RFC 3948, port 4500 from the first
// message) and a TCP server on its inner address that checks every byte it receives and then
// sends as many pattern bytes back. Prints one result block (key=value lines between
// "interop-result-begin" and "interop-result-end") and exits non-zero when the tunnel did not
// come up, an ICV failed, or the bulk transfer did not verify.
//
//   [ns-3 node: outer 192.0.2.2, inner 10.10.1.1] --tap-- [Linux: 192.0.2.1, charon, 10.10.2.1]
//
// test/interop/strongswan-interop.sh makes the TAP (in a network namespace) and runs it; by hand:
//   ip tuntap add dev tapi0 mode tap && ip link set tapi0 up && ip addr add 192.0.2.1/24 dev tapi0
//   tcp-encap-interop --tap=tapi0 --role=initiator --auth=psk --psk=secret
//   tcp-encap-interop --auth=cert --exportCert=model.der      (writes the certificate, exits)
#include "ns3/core-module.h"
#include "ns3/fd-net-device-module.h"
#include "ns3/internet-module.h"
#include "ns3/tcp-encap-module.h"

#include <fcntl.h>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("TcpEncapInterop");

namespace
{

/**
 * \param offset position in a stream
 * \return the pattern byte there (the same formula as the driver's Python client)
 */
uint8_t
PatternByte(uint64_t offset)
{
    return static_cast<uint8_t>((offset * 131) ^ (offset >> 9) ^ (offset >> 17));
}

/**
 * \param bytes some bytes
 * \return them as lower-case hex
 */
std::string
Hex(const std::vector<uint8_t>& bytes)
{
    std::ostringstream os;
    for (uint8_t b : bytes)
    {
        os << std::hex << std::setw(2) << std::setfill('0') << unsigned(b);
    }
    return os.str();
}

/**
 * \brief Accepts one TCP connection, checks that its bytes are the pattern, and when the
 * expected number has arrived sends as many pattern bytes back and closes.
 */
class VerifiedBulkServer : public Application
{
  public:
    /**
     * \param local address to listen on
     * \param port port to listen on
     * \param bytes bytes expected, and sent back
     */
    VerifiedBulkServer(Ipv4Address local, uint16_t port, uint64_t bytes)
        : m_local(local)
        , m_port(port)
        , m_total(bytes)
    {
    }

    /** \param cb called once every byte is received and sent back */
    void
    SetDoneCallback(Callback<void> cb)
    {
        m_done = cb;
    }

    uint64_t received{0};   //!< bytes received
    uint64_t mismatches{0}; //!< received bytes that were not the pattern (or beyond the total)
    uint64_t sent{0};       //!< bytes handed to the socket
    bool finished{false};   //!< all received and all sent
    Time firstRx;           //!< first byte in
    Time lastRx;            //!< last byte in

  private:
    void
    StartApplication() override
    {
        m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        m_listener->Bind(InetSocketAddress(m_local, m_port));
        m_listener->Listen();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeCallback(&VerifiedBulkServer::Accept, this));
    }

    void
    StopApplication() override
    {
        if (m_listener)
        {
            m_listener->Close();
        }
        if (m_conn)
        {
            m_conn->Close();
        }
    }

    /** \param s the new connection \param from its peer */
    void
    Accept(Ptr<Socket> s, const Address& from)
    {
        NS_LOG_INFO("bulk connection from " << InetSocketAddress::ConvertFrom(from).GetIpv4());
        if (m_conn)
        {
            s->Close(); // one transfer per run
            return;
        }
        m_conn = s;
        s->SetRecvCallback(MakeCallback(&VerifiedBulkServer::Read, this));
        s->SetSendCallback(MakeCallback(&VerifiedBulkServer::Fill, this));
    }

    /** \param s a socket with data */
    void
    Read(Ptr<Socket> s)
    {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            if (received == 0)
            {
                firstRx = Simulator::Now();
            }
            lastRx = Simulator::Now();
            m_buf.resize(p->GetSize());
            p->CopyData(m_buf.data(), m_buf.size());
            for (std::size_t i = 0; i < m_buf.size(); ++i)
            {
                uint64_t at = received + i;
                mismatches += at >= m_total || m_buf[i] != PatternByte(at);
            }
            received += m_buf.size();
        }
        if (received >= m_total && !m_sending)
        {
            m_sending = true;
            Fill(s, s->GetTxAvailable());
        }
    }

    /** \param s the socket \param available free space in its send buffer */
    void
    Fill(Ptr<Socket> s, uint32_t available)
    {
        while (m_sending && sent < m_total && available > 0)
        {
            uint32_t n = std::min<uint64_t>({available, m_total - sent, 16384});
            m_buf.resize(n);
            for (uint32_t i = 0; i < n; ++i)
            {
                m_buf[i] = PatternByte(sent + i);
            }
            int taken = s->Send(m_buf.data(), n, 0);
            if (taken <= 0)
            {
                return;
            }
            sent += taken;
            available -= taken;
        }
        if (m_sending && sent == m_total && !finished)
        {
            finished = true;
            s->Close(); // FIN after the buffered bytes
            if (!m_done.IsNull())
            {
                m_done();
            }
        }
    }

    Ipv4Address m_local;        //!< listening address
    uint16_t m_port;            //!< listening port
    uint64_t m_total;           //!< bytes each way
    bool m_sending{false};      //!< everything received: sending back
    Ptr<Socket> m_listener;     //!< listening socket
    Ptr<Socket> m_conn;         //!< the transfer's connection
    Callback<void> m_done;      //!< finished
    std::vector<uint8_t> m_buf; //!< work buffer
};

/**
 * \param name an existing TAP device (ip tuntap add dev NAME mode tap)
 * \return a file descriptor reading and writing its Ethernet frames, or -1
 */
int
OpenTap(const std::string& name)
{
    int fd = open("/dev/net/tun", O_RDWR);
    if (fd < 0)
    {
        std::cerr << "error: cannot open /dev/net/tun: " << std::strerror(errno) << "\n";
        return -1;
    }
    ifreq ifr{};
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0)
    {
        std::cerr << "error: TUNSETIFF " << name << ": " << std::strerror(errno) << "\n";
        close(fd);
        return -1;
    }
    return fd;
}

/**
 * \param path a file
 * \param[out] bytes its content
 * \return whether it could be read
 */
bool
ReadFile(const std::string& path, std::vector<uint8_t>& bytes)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        return false;
    }
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !bytes.empty();
}

/** What the run observed, printed at the end. */
struct Observed
{
    bool established{false};           //!< reached ESTABLISHED
    Time handshake;                    //!< its duration
    Time establishedAt;                //!< when
    uint64_t livenessAnswered{0};      //!< our liveness checks answered
    uint64_t livenessFailed{0};        //!< not answered
    uint64_t peerEmptyInfo{0};         //!< the peer's empty INFORMATIONAL requests (DPD) we got
    uint64_t peerInfo{0};              //!< all the peer's INFORMATIONAL requests
    uint64_t peerCreateChild{0};       //!< the peer's CREATE_CHILD_SA requests
    bool deleteSent{false};            //!< we called Delete()
    bool closed{false};                //!< ended CLOSED
    std::vector<std::string> ikeSas;   //!< key=value lines per IKE SA
    std::vector<std::string> childSas; //!< key=value lines per Child SA pair
    std::vector<std::string> events;   //!< what happened when
};

Observed g_obs;               //!< the run's observations
Time g_peerCreateChildAt{-1}; //!< when the peer's last CREATE_CHILD_SA request came
bool g_initiator = true;      //!< the model's IKE role
Ptr<IkeSession> g_ike;        //!< the model's IKE session
uint32_t g_ikeSaCount = 0;    //!< IKE SAs keyed
uint32_t g_childSaCount = 0;  //!< Child SA pairs installed

/** \param what an event, stamped with the time since the start */
void
Note(const std::string& what)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << "s " << what;
    g_obs.events.push_back(os.str());
    std::cerr << "interop: " << os.str() << "\n";
}

/** \param from old state \param to new state */
void
StateChanged(IkeSession::State from, IkeSession::State to)
{
    Note(std::string("state ") + ToString(from) + " -> " + ToString(to));
    if (to == IkeSession::CLOSED)
    {
        g_obs.closed = true;
        Simulator::Schedule(Seconds(1), &Simulator::Stop);
    }
    if (to == IkeSession::FAILED)
    {
        Simulator::Schedule(Seconds(1), &Simulator::Stop);
    }
}

/**
 * \param first whether the SA comes from the IKE_SA_INIT/IKE_AUTH handshake
 * \return who started the exchange that keyed it: "model" or "peer" (an SA keyed in the same
 * event as the peer's CREATE_CHILD_SA request is the peer's)
 */
std::string
StartedBy(bool first)
{
    if (first)
    {
        return g_initiator ? "model" : "peer";
    }
    return g_peerCreateChildAt == Simulator::Now() ? "peer" : "model";
}

/** \param n the IKE SA's number \param spiI its initiator SPI */
void
RecordIkeSaKeys(uint32_t n, uint64_t spiI)
{
    Ptr<IkeSa> sa = g_ike->GetIkeSa();
    if (!sa || sa->GetSpiI() != spiI || !sa->HasKeys())
    {
        Note("IKE SA " + std::to_string(n) + ": keys beyond SK_ei/SK_er not reachable");
        return;
    }
    const IkeSaKeys& k = sa->GetKeys();
    std::string p = "ike_sa." + std::to_string(n) + ".";
    g_obs.ikeSas.push_back(p + "sk_d=" + Hex(k.skD));
    g_obs.ikeSas.push_back(p + "sk_ai=" + Hex(k.skAi));
    g_obs.ikeSas.push_back(p + "sk_ar=" + Hex(k.skAr));
    g_obs.ikeSas.push_back(p + "sk_pi=" + Hex(k.skPi));
    g_obs.ikeSas.push_back(p + "sk_pr=" + Hex(k.skPr));
}

/** IkeSaKeys trace: SPIs, SK_ei, SK_er; the other keys are read once the SA is current. */
void
IkeSaKeysTraced(uint64_t spiI,
                uint64_t spiR,
                const std::vector<uint8_t>& skEi,
                const std::vector<uint8_t>& skEr)
{
    uint32_t n = ++g_ikeSaCount;
    std::ostringstream spis;
    spis << std::hex << std::setw(16) << std::setfill('0') << spiI << " " << std::setw(16) << spiR;
    std::string p = "ike_sa." + std::to_string(n) + ".";
    g_obs.ikeSas.push_back(p + "spis=" + spis.str());
    g_obs.ikeSas.push_back(p + "by=" + StartedBy(n == 1));
    g_obs.ikeSas.push_back(p + "sk_ei=" + Hex(skEi));
    g_obs.ikeSas.push_back(p + "sk_er=" + Hex(skEr));
    Note("IKE SA " + std::to_string(n) + " keyed, SPIs " + spis.str());
    // The rekeyed SA becomes current within the same event: read it right after.
    Simulator::ScheduleNow(&RecordIkeSaKeys, n, spiI);
}

/** ChildSaAdded trace: \param out outbound SA \param in inbound SA */
void
ChildSaAdded(const EspSaParams& out, const EspSaParams& in)
{
    uint32_t n = ++g_childSaCount;
    std::ostringstream spis;
    spis << std::hex << std::setw(8) << std::setfill('0') << out.spi << " " << std::setw(8)
         << in.spi;
    std::string p = "child_sa." + std::to_string(n) + ".";
    g_obs.childSas.push_back(p + "spis=" + spis.str()); // outbound inbound
    g_obs.childSas.push_back(p + "by=" + StartedBy(n == 1));
    g_obs.childSas.push_back(p + "out_key=" + Hex(out.keyMaterial));
    g_obs.childSas.push_back(p + "in_key=" + Hex(in.keyMaterial));
    Note("Child SA " + std::to_string(n) + " installed, SPIs out/in " + spis.str());
}

/** Established trace: \param d the handshake's duration */
void
Established(Time d)
{
    if (!g_obs.established)
    {
        g_obs.established = true;
        g_obs.handshake = d;
        g_obs.establishedAt = Simulator::Now();
    }
}

/** Liveness trace: \param alive answered? \param rtt time to the answer */
void
Liveness(bool alive, Time rtt)
{
    (alive ? g_obs.livenessAnswered : g_obs.livenessFailed)++;
    Note(std::string("liveness check ") + (alive ? "answered" : "unanswered") + " in "
         + std::to_string(rtt.GetMilliSeconds()) + " ms");
}

/** MessageRx trace: \param exchange type \param response whether \param size bytes */
void
MessageRx(uint8_t exchange, bool response, uint32_t size)
{
    if (response)
    {
        return;
    }
    if (exchange == ike::INFORMATIONAL)
    {
        ++g_obs.peerInfo;
        // HDR(28) + SK header(4) + IV(8) + ICV(16) + pad length and at most 7 padding bytes:
        // nothing fits inside but padding, so the request carried no payload (a DPD).
        if (size <= 64)
        {
            ++g_obs.peerEmptyInfo;
            Note("peer's empty INFORMATIONAL (liveness check) received");
        }
    }
    if (exchange == ike::CREATE_CHILD_SA)
    {
        ++g_obs.peerCreateChild;
        g_peerCreateChildAt = Simulator::Now();
        Note("peer's CREATE_CHILD_SA request received");
    }
}

/** \brief The model starts a Child SA rekey. */
void
DoChildRekey()
{
    Note("model starts a Child SA rekey");
    g_ike->RekeyChildSa();
}

/** \brief The model starts an IKE SA rekey. */
void
DoIkeRekey()
{
    Note("model starts an IKE SA rekey");
    g_ike->RekeyIkeSa();
}

/** \brief The model deletes the IKE SA. */
void
DoDelete()
{
    Note("model sends DELETE");
    g_obs.deleteSent = true;
    g_ike->Delete();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string role = "initiator";
    std::string auth = "psk";
    std::string transport = "udp";
    std::string tap = "tapi0";
    std::string mac = "02:00:00:00:00:02";
    Ipv4Address localOuter("192.0.2.2");
    Ipv4Address peerOuter("192.0.2.1");
    uint32_t outerPrefix = 24;
    Ipv4Address localInner("10.10.1.1");
    Ipv4Address peerInner("10.10.2.1");
    std::string localId = "model.tcp-encap.example";
    std::string peerId = "strongswan.tcp-encap.example";
    std::string psk = "tcp-encap interop key";
    std::string peerCert;
    std::string exportCert;
    std::string certCn = "model.tcp-encap.example";
    Time childRekeyAt = Seconds(0);
    Time ikeRekeyAt = Seconds(0);
    Time liveness = Seconds(0);
    Time deleteAfterBulk = Seconds(0);
    Time duration = Seconds(60);
    uint64_t bulkBytes = 0;
    uint16_t bulkPort = 5201;
    uint32_t seed = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("role", "initiator or responder (IKE)", role);
    cmd.AddValue("auth", "psk or cert (ECDSA P-256, RFC 7427)", auth);
    cmd.AddValue("transport",
                 "udp (ESP-in-UDP, RFC 3948) or tcp (ESP-in-TCP, RFC 9329), port 4500",
                 transport);
    cmd.AddValue("tap", "the TAP device to attach to (must exist)", tap);
    cmd.AddValue("mac", "the node's MAC address on the TAP", mac);
    cmd.AddValue("localOuter", "the node's outer address", localOuter);
    cmd.AddValue("peerOuter", "the peer's outer address", peerOuter);
    cmd.AddValue("outerPrefix", "prefix length of the outer network", outerPrefix);
    cmd.AddValue("localInner", "the node's inner address (its traffic selector)", localInner);
    cmd.AddValue("peerInner", "the peer's inner address (its traffic selector)", peerInner);
    cmd.AddValue("localId", "PSK: this side's FQDN identity", localId);
    cmd.AddValue("peerId", "PSK: the peer's FQDN identity (empty: any)", peerId);
    // A callback gets the whole value: CommandLine reads a std::string up to the first space.
    cmd.AddValue("psk",
                 "the pre-shared key (may contain spaces)",
                 MakeBoundCallback(
                     +[](std::string* out, const std::string& value)
                     {
                         *out = value;
                         return true;
                     },
                     &psk));
    cmd.AddValue("peerCert", "cert: the peer's certificate, DER (pinned)", peerCert);
    cmd.AddValue(
        "exportCert", "cert: write this side's certificate (DER) there and exit", exportCert);
    cmd.AddValue("certCn", "cert: the CN of this side's self-signed certificate", certCn);
    cmd.AddValue("childRekeyAt",
                 "model starts a Child SA rekey this long after the IKE SA is up (0: never)",
                 childRekeyAt);
    cmd.AddValue("ikeRekeyAt",
                 "model starts an IKE SA rekey this long after the IKE SA is up (0: never)",
                 ikeRekeyAt);
    cmd.AddValue("liveness", "IkeSession LivenessInterval (0: off)", liveness);
    cmd.AddValue("deleteAfterBulk",
                 "model sends DELETE this long after the bulk transfer (0: the peer deletes)",
                 deleteAfterBulk);
    cmd.AddValue("duration", "give up after this long (wall clock = simulated time)", duration);
    cmd.AddValue("bulkBytes",
                 "bytes the peer sends to the node's TCP server, and gets back (0: no server)",
                 bulkBytes);
    cmd.AddValue("bulkPort", "port of the node's TCP server", bulkPort);
    cmd.AddValue("seed", "RNG seed (keys, SPIs, nonces; the certificate)", seed);
    cmd.Parse(argc, argv);
    if ((role != "initiator" && role != "responder") || (auth != "psk" && auth != "cert")
        || (transport != "udp" && transport != "tcp"))
    {
        std::cerr << "error: --role must be initiator or responder, --auth psk or cert, "
                     "--transport udp or tcp\n";
        return 2;
    }
    RngSeedManager::SetSeed(seed);

    // This side's certificate: the same seed gives the same key and certificate, so that a
    // first run with --exportCert hands the peer the certificate the real run presents.
    Ptr<IkeCredential> credential;
    if (auth == "cert")
    {
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(50);
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> bytes;
        for (auto& b : bytes)
        {
            b = static_cast<uint8_t>(rng->GetInteger(0, 255));
        }
        credential = IkeCredential::Generate(
            IkeKeyType::ECDSA_P256, certCn, Create<DeterministicRandom>(bytes));
        if (!exportCert.empty())
        {
            std::ofstream out(exportCert, std::ios::binary);
            const std::vector<uint8_t>& der = credential->GetCertificateDer();
            out.write(reinterpret_cast<const char*>(der.data()), der.size());
            if (!out)
            {
                std::cerr << "error: cannot write " << exportCert << "\n";
                return 1;
            }
            std::cout << "certificate written to " << exportCert << "\n";
            return 0;
        }
    }
    std::vector<uint8_t> peerCertDer;
    if (auth == "cert" && !ReadFile(peerCert, peerCertDer))
    {
        std::cerr << "error: --auth=cert needs --peerCert=FILE (DER): cannot read '" << peerCert
                  << "'\n";
        return 2;
    }

    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpCubic::GetTypeId()));
    // Inner segments that fit the peer's tunnel MTU too (charon's ipsec0: 1400 bytes).
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1300));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(1 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(1 << 20));

    int fd = OpenTap(tap);
    if (fd < 0)
    {
        return 1;
    }
    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper().Install(node);
    FdNetDeviceHelper fdHelper;
    Ptr<FdNetDevice> device = DynamicCast<FdNetDevice>(fdHelper.Install(node).Get(0));
    device->SetFileDescriptor(fd);
    device->SetAddress(Mac48Address(mac.c_str()));
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    uint32_t outerIf = ipv4->AddInterface(device);
    ipv4->AddAddress(outerIf,
                     Ipv4InterfaceAddress(localOuter, Ipv4Mask(~0U << (32 - outerPrefix))));
    ipv4->SetUp(outerIf);

    // The endpoint: tun device, ESP-in-UDP on 4500 both ways, the IKE session.
    Ptr<VirtualNetDevice> tun = CreateObject<VirtualNetDevice>();
    tun->SetAddress(Mac48Address::Allocate());
    tun->SetNeedsArp(false);
    node->AddDevice(tun);
    bool initiator = role == "initiator";
    g_initiator = initiator;
    Ptr<EncapTransport> encap;
    if (transport == "udp")
    {
        encap = CreateObject<UdpEncapTransport>();
        encap->SetAttribute("LocalPort", UintegerValue(4500));
    }
    else
    {
        encap = CreateObject<TcpEncapTransport>(); // the IKETCP prefix, 16-bit length framing
    }
    encap->SetAttribute("PeerAddress", Ipv4AddressValue(peerOuter));
    encap->SetAttribute("PeerPort", UintegerValue(4500));
    encap->SetAttribute(
        "Role", EnumValue(initiator ? EncapTransport::INITIATOR : EncapTransport::RESPONDER));
    Ptr<IpsecEndpoint> endpoint = CreateObject<IpsecEndpoint>();
    endpoint->SetTunDevice(tun);
    endpoint->SetTransport(encap);
    node->AddApplication(endpoint);
    uint32_t tunIf = ipv4->AddInterface(tun);
    ipv4->AddAddress(tunIf, Ipv4InterfaceAddress(localInner, Ipv4Mask::GetOnes()));
    ipv4->SetUp(tunIf);
    Ipv4StaticRoutingHelper().GetStaticRouting(ipv4)->AddHostRouteTo(peerInner, tunIf);

    Ptr<IkeSession> ike = CreateObject<IkeSession>();
    g_ike = ike;
    ike->SetEndpoint(endpoint);
    ike->SetTrafficSelector({localInner, Ipv4Mask::GetOnes(), peerInner, Ipv4Mask::GetOnes()});
    ike->SetChildSaSuite(ChildSaSuite{});
    ike->SetAttribute("PreSharedKey", StringValue(psk));
    ike->SetAttribute("LocalId", StringValue(localId));
    ike->SetAttribute("PeerId", StringValue(peerId));
    ike->SetAttribute("LivenessInterval", TimeValue(liveness));
    ike->SetAttribute("RetransmitPolicy", EnumValue(IkeRetransmitPolicy::STRONGSWAN));
    if (auth == "cert")
    {
        ike->SetAttribute("Authentication", EnumValue(IkeSession::CERTIFICATE));
        ike->SetCredentials(credential, peerCertDer);
    }
    ike->AssignStreams(10);
    endpoint->SetIkeSession(ike);

    ike->TraceConnectWithoutContext("State", MakeCallback(&StateChanged));
    ike->TraceConnectWithoutContext("IkeSaKeys", MakeCallback(&IkeSaKeysTraced));
    ike->TraceConnectWithoutContext("Established", MakeCallback(&Established));
    ike->TraceConnectWithoutContext("Liveness", MakeCallback(&Liveness));
    ike->TraceConnectWithoutContext("MessageRx", MakeCallback(&MessageRx));
    endpoint->TraceConnectWithoutContext("ChildSaAdded", MakeCallback(&ChildSaAdded));
    bool rekeysScheduled = false;
    ike->TraceConnectWithoutContext("Established",
                                    MakeCallback(+[](bool* done, Time childAt, Time ikeAt, Time)
                                                 {
                                                     if (*done)
                                                     {
                                                         return;
                                                     }
                                                     *done = true;
                                                     if (childAt.IsStrictlyPositive())
                                                     {
                                                         Simulator::Schedule(childAt,
                                                                             &DoChildRekey);
                                                     }
                                                     if (ikeAt.IsStrictlyPositive())
                                                     {
                                                         Simulator::Schedule(ikeAt, &DoIkeRekey);
                                                     }
                                                 })
                                        .Bind(&rekeysScheduled, childRekeyAt, ikeRekeyAt));

    Ptr<VerifiedBulkServer> server;
    if (bulkBytes > 0)
    {
        server = CreateObject<VerifiedBulkServer>(localInner, bulkPort, bulkBytes);
        node->AddApplication(server);
        server->SetStartTime(Seconds(0));
        if (deleteAfterBulk.IsStrictlyPositive())
        {
            server->SetDoneCallback(MakeCallback(+[](Time after)
                                                 {
                                                     Note("bulk transfer done");
                                                     Simulator::Schedule(after, &DoDelete);
                                                 })
                                        .Bind(deleteAfterBulk));
        }
        else
        {
            server->SetDoneCallback(MakeCallback(+[]()
                                                 {
                                                     Note("bulk transfer done");
                                                 }));
        }
    }
    endpoint->SetStartTime(Seconds(0));

    Simulator::Stop(duration);
    Note(std::string("start: ") + role + ", " + auth + ", " + transport + ", tap " + tap);
    Simulator::Run();

    const EspCounters& tx = endpoint->GetTxCounters();
    const EspCounters& rx = endpoint->GetRxCounters();
    bool bulkOk = bulkBytes == 0
                  || (server->finished && server->received == bulkBytes && server->mismatches == 0);
    uint64_t espIcv = rx.Get(EspStatus::ICV_FAILURE);
    bool ok = g_obs.established && espIcv == 0 && ike->GetIcvFailures() == 0 && bulkOk;

    std::cout << "interop-result-begin\n";
    auto kv = [](const std::string& k, auto v)
    {
        std::cout << k << "=" << v << "\n";
    };
    kv("role", role);
    kv("auth", auth);
    kv("transport", transport);
    kv("ok", ok ? 1 : 0);
    kv("state", ToString(ike->GetState()));
    kv("established", g_obs.established ? 1 : 0);
    kv("handshake_ms", g_obs.handshake.GetMicroSeconds() / 1000.0);
    kv("failure_notify", ike->GetFailureNotify());
    kv("child_rekeys", ike->GetChildRekeys());
    kv("ike_rekeys", ike->GetIkeRekeys());
    kv("peer_create_child_requests", g_obs.peerCreateChild);
    kv("ike_sas_keyed", g_ikeSaCount);
    kv("child_sas_installed", g_childSaCount);
    kv("ike_messages_tx", ike->GetMessagesSent());
    kv("ike_messages_rx", ike->GetMessagesReceived());
    kv("ike_retransmissions", ike->GetRetransmissions());
    kv("ike_drops", ike->GetDrops());
    kv("ike_icv_failures", ike->GetIcvFailures());
    kv("esp_tx_ok", tx.Get(EspStatus::OK));
    kv("esp_tx_drops", tx.GetDrops());
    kv("esp_rx_ok", rx.Get(EspStatus::OK));
    kv("esp_rx_drops", rx.GetDrops());
    kv("esp_rx_icv_failures", espIcv);
    kv("esp_rx_replay", rx.Get(EspStatus::REPLAY));
    kv("esp_rx_unknown_spi", rx.Get(EspStatus::UNKNOWN_SPI));
    kv("bulk_bytes", bulkBytes);
    kv("bulk_received", server ? server->received : 0);
    kv("bulk_verified", server ? server->received - server->mismatches : 0);
    kv("bulk_mismatches", server ? server->mismatches : 0);
    kv("bulk_sent_back", server ? server->sent : 0);
    kv("bulk_ok", bulkOk ? 1 : 0);
    kv("liveness_answered", g_obs.livenessAnswered);
    kv("liveness_unanswered", g_obs.livenessFailed);
    kv("peer_liveness_checks", g_obs.peerEmptyInfo);
    kv("peer_informational_requests", g_obs.peerInfo);
    kv("delete_sent", g_obs.deleteSent ? 1 : 0);
    kv("delete_received", g_obs.closed && !g_obs.deleteSent ? 1 : 0);
    kv("closed", g_obs.closed ? 1 : 0);
    for (const auto& line : g_obs.ikeSas)
    {
        std::cout << line << "\n";
    }
    for (const auto& line : g_obs.childSas)
    {
        std::cout << line << "\n";
    }
    std::cout << "interop-result-end\n";
    std::cerr << "interop: events:\n";
    for (const auto& e : g_obs.events)
    {
        std::cerr << "  " << e << "\n";
    }
    g_ike = nullptr;
    Simulator::Destroy();
    return ok ? 0 : 1;
}
