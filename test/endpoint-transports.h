/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The transports of an endpoint, whether alone or inside a SwitchableEncapTransport, for the
// transport-selection and IKE conformance tests.
#ifndef TCP_ENCAP_TEST_ENDPOINT_TRANSPORTS_H
#define TCP_ENCAP_TEST_ENDPOINT_TRANSPORTS_H

#include "ns3/ipsec-endpoint.h"
#include "ns3/switchable-encap-transport.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/udp-encap-transport.h"

namespace ns3
{
namespace tcpencaptest
{

/** \param e an endpoint \return its SwitchableEncapTransport, or nullptr */
inline Ptr<SwitchableEncapTransport>
Switch(Ptr<IpsecEndpoint> e)
{
    return DynamicCast<SwitchableEncapTransport>(e->GetTransport());
}

/** \param e an endpoint \return its TCP or TLS transport (alone or in the switchable) */
inline Ptr<TcpEncapTransport>
Stream(Ptr<IpsecEndpoint> e)
{
    Ptr<SwitchableEncapTransport> sw = Switch(e);
    return DynamicCast<TcpEncapTransport>(sw ? sw->Get(SwitchableEncapTransport::STREAM)
                                             : e->GetTransport());
}

/** \param e an endpoint \return its UDP transport (alone or in the switchable) */
inline Ptr<UdpEncapTransport>
Datagram(Ptr<IpsecEndpoint> e)
{
    Ptr<SwitchableEncapTransport> sw = Switch(e);
    return DynamicCast<UdpEncapTransport>(sw ? sw->Get(SwitchableEncapTransport::DATAGRAM)
                                             : e->GetTransport());
}

} // namespace tcpencaptest
} // namespace ns3

#endif /* TCP_ENCAP_TEST_ENDPOINT_TRANSPORTS_H */
