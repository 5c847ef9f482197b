/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TCP_BUFFER_AUTOTUNING_H
#define TCP_ENCAP_TCP_BUFFER_AUTOTUNING_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/sequence-number.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket.h"
#include "ns3/traced-value.h"

#include <cstdint>

namespace ns3
{

class Packet;
class TcpHeader;
class TcpSocketBase;

/**
 * \ingroup tcp-encap
 * \brief Sizes one ns-3 TCP socket's send and receive buffers as Linux 6.1 autotunes them,
 * instead of ns-3's fixed 128 KiB.
 *
 * The reference is Linux 6.1 (the LTS kernel of Debian 12), net/ipv4/tcp_input.c, with the
 * default sysctls: tcp_wmem = 4096 16384 4194304, tcp_rmem = 4096 131072 6291456,
 * tcp_moderate_rcvbuf = 1, tcp_adv_win_scale = 1 (kernels from 6.6 on replace the last by a
 * measured scaling_ratio; not modelled). Linux counts both buffers in bytes of memory
 * ("truesize": payload plus sk_buff overhead); ns-3's SndBufSize and RcvBufSize count payload.
 * This class keeps Linux's numbers (GetSndBuf, GetRcvBuf) and gives the socket their payload
 * translation (GetSndBufPayload, GetRcvBufPayload), as below.
 *
 * Constants (x86-64, as the formulas use them): MAX_TCP_HEADER = 320,
 * SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) = 320, SKB_DATA_ALIGN(sizeof(struct
 * sk_buff)) = 256, TCP_INIT_CWND = 10.
 *
 * **Send side** (tcp_sndbuf_expand, tcp_should_expand_sndbuf, tcp_new_space). The buffer
 * starts at tcp_wmem[1]. When the connection is established, and then on every ACK that
 * acknowledges new data while the application could not write (Linux: SOCK_NOSPACE; here:
 * less than one segment of room left, which is what an application that fills the socket
 * leaves) and the congestion window is not filled (less than one segment of it unused), it
 * grows to
 *
 *     sndmem = factor x max(TCP_INIT_CWND, cwnd, reordering + 1) x per_mss
 *     per_mss = roundup_pow_of_two(mss + MAX_TCP_HEADER + 320) + 256  (4352 for mss 1460)
 *
 * capped at tcp_wmem[2]; it never shrinks (memory pressure is not modelled). factor is 2
 * (3 with BBR, whose sndbuf_expand hook asks for it); cwnd is in segments, reordering is the
 * socket's ReTxThreshold (Linux's tp->reordering, 3), mss is the segment size plus the 12-byte
 * timestamp option when timestamps are on (the MSS a Linux peer announces). The check runs when
 * the ACK arrives (the socket's Rx trace), on the state the previous ACK left: Linux checks
 * after the ACK and its transmissions, before the application refills the buffer; both see
 * the buffer full and the window not filled when the buffer is what limits the sender.
 *
 * Payload (SndMemoryModel): `skb-per-segment` (default) charges per_mss of memory for every
 * segment of payload, the worst case tcp_sndbuf_expand itself assumes (one sk_buff per
 * segment, head rounded to a power of two): payload = sndbuf x segment size / per_mss, so the
 * buffer holds 2 x max(10, cwnd) segments (Cubic's 1.7 x cwnd for fast recovery, rounded up,
 * as the kernel comment says). `gso` takes payload = sndbuf: 64 KiB GSO packets with their
 * payload in page fragments cost little more than their payload (3 times the other model's
 * payload). A real sender lies between the two, depending on its write sizes and TSO
 * autosizing.
 *
 * **Receive side** (tcp_rcv_space_adjust, dynamic right-sizing). The buffer starts at
 * tcp_rmem[1]; ns-3 is given the window Linux advertises from it, tcp_win_from_space(rcvbuf)
 * = rcvbuf - rcvbuf / 2^tcp_adv_win_scale (half the buffer with the default 1: 65536 bytes
 * from 131072). Once per receiver RTT, when data arrives: copied = bytes the application read
 * since the last measurement (Linux: copied_seq - rcvq_space.seq; here NextRxSequence minus
 * the bytes not yet read). If copied exceeds the last measurement (rcvq_space.space, first
 * min(window, 10 x advmss)):
 *
 *     rcvwin = 2 x copied + 16 x advmss
 *     rcvwin += 2 x rcvwin x (copied - space) / space      (the sender may double per RTT)
 *     rcvmem = SKB_TRUESIZE(advmss + MAX_TCP_HEADER), + 128 until
 *              tcp_win_from_space(rcvmem) >= advmss          (2984 for advmss 1448)
 *     rcvbuf = min(rcvwin / advmss x rcvmem, tcp_rmem[2])
 *
 * and if that is larger the buffer grows to it and the window clamp follows
 * (tcp_win_from_space(rcvbuf), given to ns-3 as RcvBufSize: at most 3 MiB). advmss is the
 * segment size. ns-3 advertises RcvBufSize minus the bytes not yet read, as Linux advertises
 * the free space within the clamp; Linux's rcv_ssthresh, which opens the advertised window
 * step by step as segments arrive, is not modelled (the sender's slow start limits it more).
 * The adjustment runs when a data segment arrives (the socket's Rx trace), with the bytes the
 * application had read by then; Linux runs it when the application reads.
 *
 * **Receiver RTT.** ns-3's own estimator samples only what its socket sent: on a receiver that
 * sends no data it holds one sample, the handshake's (SYN to SYN-ACK on the connecting side,
 * SYN-ACK to ACK on the accepting side: ns-3 keeps them in its RTT history), and never another,
 * so it misses the queueing that builds up later (100 ms against 115 ms in the 100 ms test).
 * The tuner keeps its own estimate, as Linux does (rcv_rtt_est): from timestamps, one sample
 * per new TSecr on a segment of at least rcv_mss bytes, now - TSecr in ms (ns-3's timestamp
 * clock is in milliseconds, like Linux 6.1's; 0 counts as 1 ms), smoothed with gain 1/8
 * (tcp_rcv_rtt_measure_ts; the sender echoes the TSval of the ACK that released the segment,
 * so the sample is a full round trip, queueing included); and the time to receive one
 * advertised window of in-order data, which may only lower it (tcp_rcv_rtt_measure, the DRS
 * method for peers without timestamps). Right-sizing waits for the first sample, as Linux's.
 *
 * **Window scale.** ns-3 derives the window-scale option from RcvBufSize when it sends the SYN
 * or SYN-ACK (the smallest shift that fits the buffer in 16 bits); Linux derives it from
 * tcp_rmem[2] (shift 7 for 6 MiB) so that a grown buffer can be advertised. So until the
 * handshake is over the socket's RcvBufSize is tcp_rmem[2] (6291456: ns-3 then computes the
 * same shift 7), and at ESTABLISHED it drops to the default window. SYN and SYN-ACK windows
 * are not scaled and ns-3 caps them at 65535, as Linux does. Call AttachBeforeConnect before
 * Connect (the drop happens in the State trace, before the handshake's ACK leaves), and
 * PrepareListener on a listening socket, whose accepted sockets copy its buffers and send
 * their SYN-ACK with it, then AttachAccepted from the accept callback.
 *
 * Applying: the socket's own buffer objects get the limits its SndBufSize and RcvBufSize
 * attributes set (TcpTxBuffer / TcpRxBuffer::SetMaxBufferSize: all TcpSocketBase::SetSndBufSize
 * does in ns-3.48, and what SetRcvBufSize does besides sending an ACK at once when the buffer
 * grows, which would repeat the last ACK: a duplicate to a sender without SACK; the ACK of the
 * segment arriving carries the new window). Reading the attributes gives the values set; no
 * attribute value is allocated per ACK. The sizes for the handshake (window scale) go through
 * the attributes. The tuner aggregates itself to its socket
 * (socket->GetObject<TcpBufferAutotuning>() finds it) and lives as long as it.
 *
 * Not modelled: memory pressure (tcp_mem, tcp_wmem[0] and tcp_rmem[0] only matter there),
 * rcv_ssthresh, tcp_notsent_lowat, receive-queue collapsing.
 */
class TcpBufferAutotuning : public Object
{
  public:
    /** How send-buffer memory translates into payload (see the class description). */
    enum SndMemoryModel
    {
        SKB_PER_SEGMENT, //!< per_mss bytes of memory per segment (tcp_sndbuf_expand's worst case)
        GSO,             //!< payload = memory (large GSO packets)
    };

    /** Linux's MAX_TCP_HEADER on x86-64, bytes. */
    static constexpr uint32_t MAX_TCP_HEADER = 320;
    /** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)), bytes. */
    static constexpr uint32_t SKB_SHARED_INFO = 320;
    /** SKB_DATA_ALIGN(sizeof(struct sk_buff)), bytes. */
    static constexpr uint32_t SK_BUFF = 256;
    /** TCP_INIT_CWND, segments. */
    static constexpr uint32_t INIT_CWND = 10;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpBufferAutotuning();
    ~TcpBufferAutotuning() override;

    /**
     * \brief Tune a socket that has not connected yet; call before Connect. Its SYN carries
     * Linux's window scale; the buffers are sized from ESTABLISHED on.
     * \param socket a TcpSocketBase; the tuner aggregates itself to it
     */
    void AttachBeforeConnect(Ptr<Socket> socket);

    /**
     * \brief Tune a socket an accept callback just delivered (ESTABLISHED); its listener should
     * have gone through PrepareListener.
     * \param socket a TcpSocketBase; the tuner aggregates itself to it
     */
    void AttachAccepted(Ptr<Socket> socket);

    /**
     * \brief Give a listening socket the buffers Linux's new sockets start with (the sockets it
     * accepts copy them): send tcp_wmem[1], receive tcp_rmem[2] for the window scale. The
     * listener is not tuned itself.
     * \param listener a TcpSocketBase, before any SYN arrives
     */
    void PrepareListener(Ptr<Socket> listener) const;

    /** \return Linux's sk_sndbuf, bytes of memory */
    uint32_t GetSndBuf() const;
    /** \return the send buffer given to ns-3 (SndBufSize), payload bytes */
    uint32_t GetSndBufPayload() const;
    /** \return Linux's sk_rcvbuf, bytes of memory */
    uint32_t GetRcvBuf() const;
    /** \return the receive buffer given to ns-3 (RcvBufSize, Linux's window clamp), bytes */
    uint32_t GetRcvBufPayload() const;
    /** \return the receiver's RTT estimate (zero before the first sample) */
    Time GetReceiverRtt() const;
    /** \return how often the send buffer grew */
    uint32_t GetSndExpansions() const;
    /** \return how often the receive buffer grew */
    uint32_t GetRcvExpansions() const;

    /**
     * \param mss the MSS as Linux sees it (segment size plus options announced)
     * \return memory charged per segment on the send side (per_mss of tcp_sndbuf_expand)
     */
    static uint32_t GetSndMemPerSegment(uint32_t mss);

    /**
     * \param space bytes of memory
     * \param advWinScale tcp_adv_win_scale
     * \return the window Linux advertises from that much buffer (tcp_win_from_space)
     */
    static uint32_t WinFromSpace(uint64_t space, int32_t advWinScale);

    /**
     * \param advmss the segment size advertised (payload per segment)
     * \param advWinScale tcp_adv_win_scale
     * \return memory per received segment as tcp_rcv_space_adjust counts it (rcvmem)
     */
    static uint32_t GetRcvMemPerSegment(uint32_t advmss, int32_t advWinScale);

    /**
     * \param cwndSegments congestion window, segments
     * \return the send buffer tcp_sndbuf_expand asks for, bytes of memory, capped at
     * tcp_wmem[2] (needs an attached socket for mss, factor and reordering)
     */
    uint32_t GetSndBufTarget(uint32_t cwndSegments) const;

    /**
     * \param copied bytes read in the last receiver RTT
     * \param space the previous measurement (rcvq_space.space)
     * \return the receive buffer tcp_rcv_space_adjust asks for, bytes of memory, capped at
     * tcp_rmem[2] (needs an attached socket for advmss)
     */
    uint32_t GetRcvBufTarget(uint32_t copied, uint32_t space) const;

    /**
     * \param memory send buffer, bytes of memory
     * \return the payload it holds under SndMemoryModel (needs an attached socket)
     */
    uint32_t SndMemoryToPayload(uint32_t memory) const;

  protected:
    void DoDispose() override;

  private:
    /**
     * \param socket the socket to tune
     * \param established whether its handshake is over
     */
    void Attach(Ptr<Socket> socket, bool established);
    /** \brief The handshake is over: Linux's tcp_init_buffer_space. */
    void Established();
    /** \param oldState previous \param newState new TCP state */
    void StateChanged(TcpSocket::TcpStates_t oldState, TcpSocket::TcpStates_t newState);
    /** \param oldCwnd previous \param newCwnd new congestion window, bytes */
    void CwndChanged(uint32_t oldCwnd, uint32_t newCwnd);
    /** \param p payload \param h header \param s socket (segment as it arrives) */
    void Rx(Ptr<const Packet> p, const TcpHeader& h, Ptr<const TcpSocketBase> s);
    /** \param h header of a segment acknowledging new data */
    void CheckSndBuf(const TcpHeader& h);
    /** \param p payload \param h header of a data segment */
    void ReceiveData(Ptr<const Packet> p, const TcpHeader& h);
    /**
     * \brief Linux's tcp_rcv_rtt_update.
     * \param sampleUs RTT sample, microseconds
     * \param windowBased true: a per-window sample (keep the minimum), false: a timestamp one
     */
    void UpdateReceiverRtt(uint64_t sampleUs, bool windowBased);
    /** \brief Linux's tcp_rcv_space_adjust. */
    void AdjustRcvSpace();
    /** \param memory new sk_sndbuf, applied to the socket */
    void SetSndBuf(uint32_t memory);
    /** \param memory new sk_rcvbuf, applied to the socket */
    void SetRcvBuf(uint32_t memory);
    /** \return the bytes the application has read so far, as a sequence number (copied_seq) */
    SequenceNumber32 CopiedSeq() const;

    // Attributes
    uint32_t m_wmemMin;              //!< tcp_wmem[0]
    uint32_t m_wmemDefault;          //!< tcp_wmem[1]
    uint32_t m_wmemMax;              //!< tcp_wmem[2]
    uint32_t m_rmemMin;              //!< tcp_rmem[0]
    uint32_t m_rmemDefault;          //!< tcp_rmem[1]
    uint32_t m_rmemMax;              //!< tcp_rmem[2]
    int32_t m_advWinScale;           //!< tcp_adv_win_scale
    SndMemoryModel m_sndMemoryModel; //!< payload per byte of send memory
    bool m_tuneSend;                 //!< false: SndBufSize left alone (SO_SNDBUF set)
    bool m_tuneReceive;              //!< false: RcvBufSize left alone (SO_RCVBUF set)

    // The socket (aggregated: a raw pointer, no reference cycle)
    TcpSocketBase* m_socket{nullptr}; //!< the tuned socket
    uint32_t m_segmentSize{0};        //!< its segment size (mss_cache, advmss)
    uint32_t m_mssForMemory{0};       //!< max(mss_clamp, mss_cache) as Linux sees it
    uint32_t m_perMss{0};             //!< send memory per segment
    uint32_t m_rcvMem{0};             //!< receive memory per segment
    uint32_t m_sndFactor{2};          //!< 2, or 3 with BBR
    uint32_t m_reordering{3};         //!< tp->reordering
    uint32_t m_initialCwnd{10};       //!< initial window, segments
    bool m_established{false};        //!< handshake over, sizing active
    uint32_t m_cwnd{0};               //!< congestion window, bytes (0: unknown)

    // Receiver RTT (rcv_rtt_est) and right-sizing (rcvq_space)
    uint64_t m_rcvRtt8Us{0};          //!< RTT estimate x 8, microseconds (0: none)
    bool m_winMeasure{false};         //!< a per-window measurement is running
    SequenceNumber32 m_winMeasureSeq; //!< it ends when RCV.NXT passes this
    Time m_winMeasureStart;           //!< and started then
    bool m_anyTsecr{false};           //!< m_lastTsecr valid
    uint32_t m_lastTsecr{0};          //!< last TSecr sampled (one sample per TSecr)
    uint32_t m_rcvMss{536};           //!< guess of the peer's MSS (icsk_ack.rcv_mss)
    uint32_t m_rcvqSpace{0};          //!< bytes read in the last measured RTT
    SequenceNumber32 m_rcvqSeq;       //!< copied_seq at the measurement's start
    Time m_rcvqTime;                  //!< its start
    uint32_t m_sndExpansions{0};      //!< send buffer growths
    uint32_t m_rcvExpansions{0};      //!< receive buffer growths

    TracedValue<uint32_t> m_sndBuf{0};        //!< sk_sndbuf, memory
    TracedValue<uint32_t> m_sndBufPayload{0}; //!< SndBufSize given to ns-3
    TracedValue<uint32_t> m_rcvBuf{0};        //!< sk_rcvbuf, memory
    TracedValue<uint32_t> m_rcvBufPayload{0}; //!< RcvBufSize given to ns-3 (window clamp)
    TracedValue<Time> m_receiverRtt;          //!< receiver RTT estimate
};

} // namespace ns3

#endif /* TCP_ENCAP_TCP_BUFFER_AUTOTUNING_H */
