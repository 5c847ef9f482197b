/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "csv.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace tcpencap
{

int
CsvTable::Column(const std::string& name) const
{
    for (std::size_t i = 0; i < header.size(); ++i)
    {
        if (header[i] == name)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::string
CsvLine(const std::vector<std::string>& fields)
{
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i)
    {
        if (i)
        {
            line += ',';
        }
        const std::string& f = fields[i];
        if (f.find_first_of(",\"\n\r") == std::string::npos)
        {
            line += f;
            continue;
        }
        line += '"';
        for (char ch : f)
        {
            line += ch;
            if (ch == '"')
            {
                line += '"';
            }
        }
        line += '"';
    }
    return line;
}

namespace
{

/** Split one CSV record, honouring quotes; false if a quote is not closed on the line. */
bool
SplitCsv(const std::string& line, std::vector<std::string>& out)
{
    out.clear();
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i)
    {
        char ch = line[i];
        if (quoted)
        {
            if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"')
            {
                cur += '"';
                ++i;
            }
            else if (ch == '"')
            {
                quoted = false;
            }
            else
            {
                cur += ch;
            }
        }
        else if (ch == '"')
        {
            quoted = true;
        }
        else if (ch == ',')
        {
            out.push_back(cur);
            cur.clear();
        }
        else if (ch != '\r')
        {
            cur += ch;
        }
    }
    out.push_back(cur);
    return !quoted;
}

} // namespace

bool
ReadCsv(const std::string& path, CsvTable& table, std::string& error)
{
    std::ifstream in(path);
    if (!in)
    {
        error = path + ": cannot open: " + std::strerror(errno);
        return false;
    }
    table = CsvTable();
    std::string line;
    std::vector<std::string> fields;
    std::size_t number = 0;
    while (std::getline(in, line))
    {
        ++number;
        if (line.empty())
        {
            continue;
        }
        if (!SplitCsv(line, fields))
        {
            error = path + ":" + std::to_string(number) + ": unterminated quote";
            return false;
        }
        if (table.header.empty())
        {
            table.header = fields;
        }
        else if (fields.size() != table.header.size())
        {
            error = path + ":" + std::to_string(number) + ": " + std::to_string(fields.size())
                    + " fields, the header has " + std::to_string(table.header.size());
            return false;
        }
        else
        {
            table.rows.push_back(fields);
        }
    }
    if (table.header.empty())
    {
        error = path + ": empty";
        return false;
    }
    return true;
}

std::string
ToCsv(const CsvTable& table)
{
    std::string out = CsvLine(table.header) + "\n";
    for (const auto& row : table.rows)
    {
        out += CsvLine(row) + "\n";
    }
    return out;
}

bool
WriteFileAtomically(const std::string& path, const std::string& content, std::string& error)
{
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f)
    {
        error = path + ": cannot write: " + std::strerror(errno);
        return false;
    }
    bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
    ok = (std::fflush(f) == 0) && ok;
    ok = (::fsync(::fileno(f)) == 0) && ok;
    ok = (std::fclose(f) == 0) && ok;
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0)
    {
        error = path + ": cannot write: " + std::strerror(errno);
        std::remove(tmp.c_str());
        return false;
    }
    return true;
}

bool
ParseNumber(const std::string& s, double& v)
{
    char* end = nullptr;
    v = std::strtod(s.c_str(), &end);
    return !s.empty() && end && *end == '\0' && std::isfinite(v);
}

} // namespace tcpencap
