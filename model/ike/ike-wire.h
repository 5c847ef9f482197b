/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_WIRE_H
#define TCP_ENCAP_IKE_WIRE_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Reads network-order fields from a byte range, never past its end: every read says
 * whether the bytes were there, and a failed read leaves the position unchanged.
 */
class IkeReader
{
  public:
    /**
     * \param data first byte
     * \param size bytes readable
     */
    IkeReader(const uint8_t* data, std::size_t size)
        : m_data(data)
        , m_size(size)
        , m_pos(0)
    {
    }

    /** \return bytes left */
    std::size_t
    GetRemaining() const
    {
        return m_size - m_pos;
    }

    /** \return bytes read so far */
    std::size_t
    GetOffset() const
    {
        return m_pos;
    }

    /** \return the next unread byte (valid while GetRemaining() > 0) */
    const uint8_t*
    GetCurrent() const
    {
        return m_data + m_pos;
    }

    /**
     * \param[out] v the byte
     * \return whether it was there
     */
    bool
    ReadU8(uint8_t& v)
    {
        if (GetRemaining() < 1)
        {
            return false;
        }
        v = m_data[m_pos++];
        return true;
    }

    /**
     * \param[out] v the 16-bit value
     * \return whether it was there
     */
    bool
    ReadU16(uint16_t& v)
    {
        uint64_t w = 0;
        bool ok = ReadN(2, w);
        v = static_cast<uint16_t>(w);
        return ok;
    }

    /**
     * \param[out] v the 32-bit value
     * \return whether it was there
     */
    bool
    ReadU32(uint32_t& v)
    {
        uint64_t w = 0;
        bool ok = ReadN(4, w);
        v = static_cast<uint32_t>(w);
        return ok;
    }

    /**
     * \param[out] v the 64-bit value
     * \return whether it was there
     */
    bool
    ReadU64(uint64_t& v)
    {
        return ReadN(8, v);
    }

    /**
     * \param n how many
     * \param[out] v the bytes
     * \return whether they were there
     */
    bool
    ReadBytes(std::size_t n, std::vector<uint8_t>& v)
    {
        if (GetRemaining() < n)
        {
            return false;
        }
        v.assign(m_data + m_pos, m_data + m_pos + n);
        m_pos += n;
        return true;
    }

    /**
     * \param n how many
     * \return whether they were there to skip
     */
    bool
    Skip(std::size_t n)
    {
        if (GetRemaining() < n)
        {
            return false;
        }
        m_pos += n;
        return true;
    }

  private:
    /**
     * \param n field size, 1 to 8
     * \param[out] v its value
     * \return whether it was there
     */
    bool
    ReadN(std::size_t n, uint64_t& v)
    {
        if (GetRemaining() < n)
        {
            return false;
        }
        v = 0;
        for (std::size_t i = 0; i < n; ++i)
        {
            v = v << 8 | m_data[m_pos + i];
        }
        m_pos += n;
        return true;
    }

    const uint8_t* m_data; //!< first byte
    std::size_t m_size;    //!< bytes readable
    std::size_t m_pos;     //!< next byte to read
};

/**
 * \ingroup tcp-encap
 * \brief Appends network-order fields to a byte vector; lengths are patched once known.
 */
class IkeWriter
{
  public:
    /** \param out the vector appended to */
    explicit IkeWriter(std::vector<uint8_t>& out)
        : m_out(out)
    {
    }

    /** \param v byte to append */
    void
    WriteU8(uint8_t v)
    {
        m_out.push_back(v);
    }

    /** \param v value to append, 2 bytes */
    void
    WriteU16(uint16_t v)
    {
        WriteN(2, v);
    }

    /** \param v value to append, 4 bytes */
    void
    WriteU32(uint32_t v)
    {
        WriteN(4, v);
    }

    /** \param v value to append, 8 bytes */
    void
    WriteU64(uint64_t v)
    {
        WriteN(8, v);
    }

    /** \param v bytes to append */
    void
    WriteBytes(const std::vector<uint8_t>& v)
    {
        m_out.insert(m_out.end(), v.begin(), v.end());
    }

    /** \return the current size: where the next byte goes */
    std::size_t
    GetPosition() const
    {
        return m_out.size();
    }

    /**
     * \param pos where a 16-bit field was written
     * \param v its value
     */
    void
    PatchU16(std::size_t pos, uint16_t v)
    {
        m_out[pos] = static_cast<uint8_t>(v >> 8);
        m_out[pos + 1] = static_cast<uint8_t>(v);
    }

    /**
     * \param pos where a 32-bit field was written
     * \param v its value
     */
    void
    PatchU32(std::size_t pos, uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
        {
            m_out[pos + i] = static_cast<uint8_t>(v >> (24 - 8 * i));
        }
    }

  private:
    /**
     * \param n field size
     * \param v value
     */
    void
    WriteN(std::size_t n, uint64_t v)
    {
        for (std::size_t i = n; i > 0; --i)
        {
            m_out.push_back(static_cast<uint8_t>(v >> (8 * (i - 1))));
        }
    }

    std::vector<uint8_t>& m_out; //!< appended to
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_WIRE_H */
