/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_CSV_H
#define TCP_ENCAP_EXPERIMENTS_CSV_H

#include <string>
#include <vector>

namespace tcpencap
{

/** A CSV table: a header and rows of the same width. */
struct CsvTable
{
    std::vector<std::string> header;            //!< column names
    std::vector<std::vector<std::string>> rows; //!< values

    /** \param name a column \return its index, or -1 */
    int Column(const std::string& name) const;
};

/**
 * \param fields values of one line
 * \return them as one CSV line (RFC 4180 quoting where needed), without newline
 */
std::string CsvLine(const std::vector<std::string>& fields);

/**
 * \param path a file
 * \param[out] table what it holds
 * \param[out] error why it could not be read
 * \return whether it was read: every row as wide as the header
 */
bool ReadCsv(const std::string& path, CsvTable& table, std::string& error);

/**
 * \brief Write a file so that readers see either the old content or the whole new one:
 * write a temporary file next to it, flush, rename.
 * \param path destination
 * \param content bytes
 * \param[out] error why it failed
 * \return whether it worked
 */
bool WriteFileAtomically(const std::string& path, const std::string& content, std::string& error);

/**
 * \param s a field
 * \param[out] v its value
 * \return whether the whole field is one finite number (empty, text, inf and nan are not)
 */
bool ParseNumber(const std::string& s, double& v);

/**
 * \param table a table
 * \return it as CSV text
 */
std::string ToCsv(const CsvTable& table);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_CSV_H */
