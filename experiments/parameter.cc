/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "parameter.h"

#include "client-mix.h"

#include "ns3/attribute.h"
#include "ns3/data-rate.h"
#include "ns3/object-factory.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace tcpencap
{

namespace
{

/** \param v a number \return it as a short decimal ("1", "0.5", "4294967295") */
std::string
Number(double v)
{
    std::ostringstream os;
    os.precision(12);
    os << v;
    return os.str();
}

/** \param s text \return s split where letters start: (number part, unit part) */
std::pair<std::string, std::string>
SplitUnit(const std::string& s)
{
    std::size_t i = 0;
    while (i < s.size()
           && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == 'e'
               || s[i] == 'E' || s[i] == '+' || s[i] == '-'))
    {
        // an 'e' is an exponent only when a digit or sign follows
        if ((s[i] == 'e' || s[i] == 'E')
            && !(i + 1 < s.size()
                 && (std::isdigit(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '-'
                     || s[i + 1] == '+')))
        {
            break;
        }
        ++i;
    }
    return {s.substr(0, i), s.substr(i)};
}

/**
 * \param choiceAttribute "ns3::Type::Attribute"
 * \return the names its enum checker accepts (empty if it is not an enum attribute)
 */
std::vector<std::string>
AttributeChoices(const std::string& choiceAttribute)
{
    std::size_t sep = choiceAttribute.rfind("::");
    ns3::TypeId tid;
    ns3::TypeId::AttributeInformation info;
    if (sep == std::string::npos
        || !ns3::TypeId::LookupByNameFailSafe(choiceAttribute.substr(0, sep), &tid)
        || !tid.LookupAttributeByName(choiceAttribute.substr(sep + 2), &info)
        || !info.checker->HasUnderlyingTypeInformation())
    {
        return {};
    }
    std::vector<std::string> names;
    std::stringstream ss(info.checker->GetUnderlyingTypeInformation()); // "a|b|c"
    std::string name;
    while (std::getline(ss, name, '|'))
    {
        names.push_back(name);
    }
    return names;
}

/** \param names words \return "a, b or c" */
std::string
Alternatives(const std::vector<std::string>& names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
    {
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    }
    return out;
}

bool
IsCongestionControl(const std::string& name)
{
    ns3::TypeId tid;
    if (name.empty() || !ns3::TypeId::LookupByNameFailSafe("ns3::Tcp" + name, &tid)
        || !tid.HasConstructor())
    {
        return false;
    }
    ns3::ObjectFactory factory;
    factory.SetTypeId(tid);
    return ns3::DynamicCast<ns3::TcpCongestionOps>(factory.Create()) != nullptr;
}

/** \param a \param b \return Levenshtein distance, '-' and '_' counted equal */
std::size_t
Distance(const std::string& a, const std::string& b)
{
    auto norm = [](char c)
    {
        return c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    };
    std::vector<std::size_t> prev(b.size() + 1);
    std::vector<std::size_t> cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
    {
        prev[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i)
    {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
        {
            std::size_t subst = prev[j - 1] + (norm(a[i - 1]) == norm(b[j - 1]) ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

} // namespace

namespace values
{

bool
ParseReal(const std::string& s, double& v)
{
    if (s.empty() || std::isspace(static_cast<unsigned char>(s[0])))
    {
        return false;
    }
    char* end = nullptr;
    v = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size() && std::isfinite(v);
}

bool
ParseTime(const std::string& s, double& seconds)
{
    auto [number, unit] = SplitUnit(s);
    double v = 0;
    if (!ParseReal(number, v) || v < 0)
    {
        return false;
    }
    static const std::vector<std::pair<std::string, double>> units = {
        {"s", 1},
        {"ms", 1e-3},
        {"us", 1e-6},
        {"ns", 1e-9},
        {"ps", 1e-12},
        {"fs", 1e-15},
        {"min", 60},
        {"h", 3600},
        {"d", 86400},
    };
    if (unit.empty())
    {
        seconds = 0;
        return v == 0; // zero needs no unit
    }
    for (const auto& [name, factor] : units)
    {
        if (unit == name)
        {
            seconds = v * factor;
            return true;
        }
    }
    return false;
}

bool
ParseRate(const std::string& s, double& bps)
{
    auto [number, unit] = SplitUnit(s);
    double v = 0;
    if (unit.empty() || !ParseReal(number, v) || v < 0)
    {
        return false; // a bare number has no unit (bps? Mbps?): refused
    }
    ns3::DataRate r;
    std::istringstream is(s);
    is >> r;
    bps = is.fail() ? 0 : static_cast<double>(r.GetBitRate());
    return !is.fail();
}

bool
ParseBytes(const std::string& s, uint64_t& bytes)
{
    auto [number, unit] = SplitUnit(s);
    double v = 0;
    if (!ParseReal(number, v) || v < 0)
    {
        return false;
    }
    static const std::vector<std::pair<std::string, double>> units = {
        {"", 1},
        {"B", 1},
        {"KB", 1e3},
        {"kB", 1e3},
        {"KiB", 1024},
        {"MB", 1e6},
        {"MiB", 1048576},
        {"GB", 1e9},
        {"GiB", 1073741824},
    };
    for (const auto& [name, factor] : units)
    {
        if (unit == name)
        {
            double b = v * factor;
            if (b != std::floor(b) || b > 1e18)
            {
                return false;
            }
            bytes = static_cast<uint64_t>(b);
            return true;
        }
    }
    return false;
}

bool
ParseProbability(const std::string& s, double& p)
{
    if (!s.empty() && s.back() == '%')
    {
        if (!ParseReal(s.substr(0, s.size() - 1), p))
        {
            return false;
        }
        p /= 100;
        return true;
    }
    return ParseReal(s, p);
}

bool
ParseFlag(const std::string& s, bool& b)
{
    static const std::vector<std::string> yes = {"1", "true", "yes", "on"};
    static const std::vector<std::string> no = {"0", "false", "no", "off"};
    if (std::find(yes.begin(), yes.end(), s) != yes.end())
    {
        b = true;
        return true;
    }
    b = false;
    return std::find(no.begin(), no.end(), s) != no.end();
}

} // namespace values

std::string
Parameter::Column() const
{
    std::string c = name;
    std::replace(c.begin(), c.end(), '-', '_');
    return c;
}

std::string
Parameter::Form() const
{
    auto words = [this](const std::string& form)
    {
        return choices.empty() ? form : Alternatives(choices) + ", or " + form;
    };
    std::string range = "from " + Number(min) + " to " + Number(max);
    std::string interval = "in [" + Number(min) + ", " + Number(max) + (maxExclusive ? ")" : "]");
    switch (kind)
    {
        case ParamKind::CHOICE:
            return Alternatives(attribute.empty() ? choices : AttributeChoices(attribute));
        case ParamKind::TIME:
            return "a time with its unit, such as 25ms or 2s (s, ms, us, ns, min, h; a bare number "
                   "other than 0 is refused)";
        case ParamKind::RATE:
            return words("a data rate with its unit, such as 10Mbps (bps, kbps, Mbps, Gbps)");
        case ParamKind::COUNT:
            return "a whole number " + range;
        case ParamKind::REAL:
            return "a number " + interval;
        case ParamKind::PROBABILITY:
            return "a probability " + interval + " or a percentage such as 1%";
        case ParamKind::BYTES:
            return words("a byte count " + range
                         + ", such as 65536 or 64KiB (B, KB, KiB, MB, MiB)");
        case ParamKind::FLAG:
            return "1 or 0 (or true/false, yes/no, on/off)";
        case ParamKind::CONGESTION_CONTROL:
            return "an ns-3 congestion control without its 'Tcp' prefix (NewReno, Cubic, Bbr, ...)";
        case ParamKind::MIX:
            return "modes with their client counts, mode=count joined by '+', such as udp=8+tcp=2 "
                   "(modes udp, tcp, tls; counts from 0 to 4096; one mode without a count takes "
                   "the rest), or empty";
    }
    return "";
}

bool
Parameter::Check(const std::string& value, std::string& error) const
{
    auto inRange = [this](double v)
    {
        return v >= min && (maxExclusive ? v < max : v <= max);
    };
    bool ok = false;
    if (std::find(choices.begin(), choices.end(), value) != choices.end())
    {
        ok = true; // a word: a CHOICE, or "auto", "udp", "0" beside a value
    }
    else
    {
        double v = 0;
        uint64_t bytes = 0;
        bool flag = false;
        switch (kind)
        {
            case ParamKind::CHOICE:
            {
                auto names = AttributeChoices(attribute);
                ok = !attribute.empty()
                     && std::find(names.begin(), names.end(), value) != names.end();
                break;
            }
            case ParamKind::TIME:
                ok = values::ParseTime(value, v);
                break;
            case ParamKind::RATE:
                ok = values::ParseRate(value, v) && v > 0;
                break;
            case ParamKind::COUNT:
                ok = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos
                     && value.size() < 15 && inRange(std::stod(value));
                break;
            case ParamKind::REAL:
                ok = values::ParseReal(value, v) && inRange(v);
                break;
            case ParamKind::PROBABILITY:
                ok = values::ParseProbability(value, v) && inRange(v);
                break;
            case ParamKind::BYTES:
                ok = values::ParseBytes(value, bytes) && inRange(static_cast<double>(bytes));
                break;
            case ParamKind::FLAG:
                ok = values::ParseFlag(value, flag);
                break;
            case ParamKind::CONGESTION_CONTROL:
                ok = IsCongestionControl(value);
                break;
            case ParamKind::MIX:
            {
                std::vector<MixEntry> mix;
                std::string why;
                ok = ParseMix(value, mix, why);
                if (!ok)
                {
                    error = "--" + name + " must be " + Form() + ", not '" + value + "': " + why;
                    return false;
                }
                break;
            }
        }
    }
    if (!ok)
    {
        error = "--" + name + " must be " + Form() + ", not '" + value + "'";
    }
    return ok;
}

const Parameter*
FindParameter(std::string_view name)
{
    std::string dashed(name);
    std::replace(dashed.begin(), dashed.end(), '_', '-');
    for (const Parameter& p : Parameters())
    {
        if (p.name == dashed)
        {
            return &p;
        }
    }
    return nullptr;
}

std::string
ClosestName(const std::string& word, const std::vector<std::string>& candidates)
{
    std::string best;
    std::size_t bestDistance = std::string::npos;
    for (const auto& c : candidates)
    {
        std::size_t d = Distance(word, c);
        if (d < bestDistance)
        {
            best = c;
            bestDistance = d;
        }
    }
    // a likely typo: a few edits, fewer than a third of the word
    return bestDistance <= std::max<std::size_t>(2, word.size() / 3) ? best : std::string();
}

std::string
UnknownName(const std::string& what,
            const std::string& word,
            const std::vector<std::string>& candidates)
{
    std::string closest = ClosestName(word, candidates);
    if (!closest.empty())
    {
        return "unknown " + what + " '" + word + "': did you mean '" + closest + "'?";
    }
    std::string list;
    for (const auto& c : candidates)
    {
        list += (list.empty() ? "" : ", ") + c;
    }
    return "unknown " + what + " '" + word + "'; valid: " + list;
}

} // namespace tcpencap
