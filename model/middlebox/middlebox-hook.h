/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_MIDDLEBOX_HOOK_H
#define TCP_ENCAP_MIDDLEBOX_HOOK_H

#include "ns3/callback.h"
#include "ns3/error-model.h"
#include "ns3/ipv4-header.h"
#include "ns3/net-device.h"
#include "ns3/packet.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Where the router's middleboxes (PacketFirewall, NaptMiddlebox) see, rewrite and drop the
 * packets a point-to-point device receives, before IPv4 sees them.
 *
 * ns-3 3.37 has no netfilter-like hook in Ipv4L3Protocol: its "Rx" trace sees a const packet
 * and cannot drop it, and a device's receive callback cannot be wrapped. What can is the
 * device's ReceiveErrorModel: PointToPointNetDevice::Receive hands the received copy of each
 * frame (PPP header first) to ErrorModel::IsCorrupt before its traces and before passing it up;
 * true drops the frame (PhyRxDrop trace), and changes made to the packet stay in what IPv4
 * receives. So this class is an ErrorModel that runs, in order:
 *
 *  1. the error model the device had before (the link's loss: a packet lost on the wire never
 *     reaches a middlebox), kept as the "link error model";
 *  2. the stages added by middleboxes, by increasing priority (equal priorities in the order
 *     they were added), on the IPv4 packet with the PPP header taken off and put back after;
 *     the first stage that returns true drops the packet and the later ones do not see it.
 *
 * The priorities mirror Linux netfilter: destination NAT on arrival (PRIORITY_DNAT, before
 * routing), then the forwarding filter (PRIORITY_FILTER), then source NAT (PRIORITY_SNAT;
 * Linux does it on the way out, here on the way in, which only matters to routes that depend
 * on the source address: ns-3's static routing has none). Frames that are not IPv4 pass the
 * stages untouched.
 *
 * One hook per device: GetOrInstall wraps whatever error model the device has and returns the
 * existing hook when called again. Setting the device's ReceiveErrorModel afterwards replaces
 * the hook (the middleboxes are bypassed until it is set back); to change the link's loss
 * under the middleboxes use SetLinkErrorModel. Disable() turns the whole hook off, link loss
 * included, as for any ErrorModel; to turn off only the loss, disable the link error model.
 */
class MiddleboxHook : public ErrorModel
{
  public:
    /**
     * \brief A middlebox stage: gets the IPv4 packet (from the IPv4 header on), may rewrite it
     * in place, and returns true to drop it.
     */
    using Stage = Callback<bool, Ptr<Packet>>;

    static constexpr int32_t PRIORITY_DNAT = -100; //!< NAT of arriving packets (PREROUTING)
    static constexpr int32_t PRIORITY_FILTER = 0;  //!< the firewall (FORWARD)
    static constexpr int32_t PRIORITY_SNAT = 100;  //!< NAT of leaving packets (POSTROUTING)
    static constexpr uint16_t PPP_IPV4 = 0x0021;   //!< PPP protocol number of IPv4 (RFC 1332)

    /**
     * \brief What the middleboxes read of an IPv4 packet, bounds-checked.
     */
    struct Flow
    {
        Ipv4Header ip;               //!< the IPv4 header
        bool hasPorts{false};        //!< a whole UDP or TCP header follows (first fragment)
        uint16_t sourcePort{0};      //!< UDP or TCP source port, if hasPorts
        uint16_t destinationPort{0}; //!< UDP or TCP destination port, if hasPorts
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MiddleboxHook();
    ~MiddleboxHook() override;

    /**
     * \brief The hook of a device, installed on first use.
     * \param device a PointToPointNetDevice (anything else aborts)
     * \return its hook, which wraps the error model the device had
     */
    static Ptr<MiddleboxHook> GetOrInstall(Ptr<NetDevice> device);

    /**
     * \brief Parse the headers a middlebox decides on. Never reads past the packet.
     * \param ipPacket a packet that starts with an IPv4 header
     * \param flow filled in
     * \return false if it holds no whole IPv4 header (then flow is meaningless)
     */
    static bool ParseFlow(Ptr<const Packet> ipPacket, Flow& flow);

    /**
     * \param priority lower runs first (PRIORITY_DNAT, PRIORITY_FILTER, PRIORITY_SNAT)
     * \param stage the stage
     */
    void AddStage(int32_t priority, Stage stage);

    /** \return number of stages */
    uint32_t GetNStages() const;

    /** \return the error model that runs first (the link's loss), or null */
    Ptr<ErrorModel> GetLinkErrorModel() const;

    /** \param em the error model to run first (null: none) */
    void SetLinkErrorModel(Ptr<ErrorModel> em);

  protected:
    void DoDispose() override;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    /** A stage with its place in the order. */
    struct Entry
    {
        int32_t priority; //!< lower first
        Stage stage;      //!< the callback
    };

    Ptr<ErrorModel> m_link;      //!< runs first
    std::vector<Entry> m_stages; //!< sorted by priority, stable
};

} // namespace ns3

#endif /* TCP_ENCAP_MIDDLEBOX_HOOK_H */
