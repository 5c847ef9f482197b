/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TEST_APPS_H
#define TCP_ENCAP_TEST_APPS_H

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{

/**
 * \param offset position in the stream
 * \return the byte the pattern puts there (not periodic at any small period)
 */
uint8_t PatternByte(uint64_t offset);

/**
 * \brief Sends a fixed number of pattern bytes over one TCP connection, as fast as the socket
 * takes them.
 */
class PatternSource : public Application
{
  public:
    /**
     * \param remote address of the PatternSink
     * \param port its port
     * \param totalBytes how much to send
     * \param segmentSize TCP MSS of the connection, bytes
     */
    PatternSource(Ipv4Address remote, uint16_t port, uint64_t totalBytes, uint32_t segmentSize);

    /** \return bytes handed to the socket */
    uint64_t GetSent() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /** \param socket the socket \param available free space in its buffer */
    void Fill(Ptr<Socket> socket, uint32_t available);
    /**
     * \brief Connect callback: starts filling the socket.
     * \param socket the connected socket
     */
    void Connected(Ptr<Socket> socket);

    Ipv4Address m_remote;       //!< sink address
    uint16_t m_port;            //!< sink port
    uint64_t m_total;           //!< bytes to send
    uint32_t m_segmentSize;     //!< TCP MSS
    uint64_t m_sent{0};         //!< bytes sent
    Ptr<Socket> m_socket;       //!< the connection
    std::vector<uint8_t> m_buf; //!< chunk buffer
};

/**
 * \brief Accepts TCP connections and checks that every byte is the pattern byte for its offset.
 */
class PatternSink : public Application
{
  public:
    /** \param port the port to listen on */
    explicit PatternSink(uint16_t port);

    /** \return bytes received */
    uint64_t GetReceived() const;
    /** \return bytes that differed from the pattern */
    uint64_t GetMismatches() const;
    /** \return time the last byte arrived */
    Time GetLastRx() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /** \param socket the new connection \param from its peer */
    void Accept(Ptr<Socket> socket, const Address& from);
    /** \param socket a socket with data */
    void Read(Ptr<Socket> socket);

    uint16_t m_port;                     //!< listening port
    Ptr<Socket> m_listener;              //!< listening socket
    std::vector<Ptr<Socket>> m_accepted; //!< accepted connections
    uint64_t m_received{0};              //!< bytes received
    uint64_t m_mismatches{0};            //!< wrong bytes
    Time m_lastRx;                       //!< time of the last byte
    std::vector<uint8_t> m_buf;          //!< read buffer
};

/**
 * \brief A plain TCP client that writes chosen bytes at chosen times: it plays a peer that
 * sends garbage, or a client without the IKETCP prefix, and notes whether it was closed on.
 */
class RawStreamClient : public Application
{
  public:
    /**
     * \param remote server address
     * \param port server port
     */
    RawStreamClient(Ipv4Address remote, uint16_t port);

    /**
     * \param delay after the connection is up
     * \param bytes what to write then
     */
    void AddWrite(Time delay, const std::vector<uint8_t>& bytes);

    /** \return whether the peer closed the connection (FIN or RST) */
    bool WasClosedByPeer() const;

    /** \return whether the connection came up */
    bool WasConnected() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /**
     * \brief Connect callback: notes the connection and schedules the writes.
     * \param socket the connected socket
     */
    void Connected(Ptr<Socket> socket);
    /**
     * \brief Normal and error close callback: notes that the peer closed the connection.
     * \param socket the socket
     */
    void ClosedByPeer(Ptr<Socket> socket);
    /**
     * \brief Receive callback: reads and discards everything.
     * \param socket a socket with data
     */
    static void Discard(Ptr<Socket> socket);
    /**
     * \brief Writes bytes to a socket (a scheduled write).
     * \param socket the connection
     * \param bytes what to write
     */
    static void Write(Ptr<Socket> socket, std::vector<uint8_t> bytes);

    Ipv4Address m_remote;                                        //!< server
    uint16_t m_port;                                             //!< its port
    Ptr<Socket> m_socket;                                        //!< the connection
    std::vector<std::pair<Time, std::vector<uint8_t>>> m_writes; //!< scheduled writes
    bool m_connected{false};                                     //!< came up
    bool m_closedByPeer{false};                                  //!< closed on us
};

} // namespace tcpencaptest
} // namespace ns3

#endif /* TCP_ENCAP_TEST_APPS_H */
