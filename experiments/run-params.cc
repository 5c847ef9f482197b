/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "run-params.h"

#include "client-mix.h"

#include "ns3/abort.h"

#include <sstream>

namespace po = boost::program_options;

namespace tcpencap
{

RunParams::RunParams()
{
    for (const Parameter& p : Parameters())
    {
        m_values.push_back(p.defaultValue);
    }
    m_set.assign(m_values.size(), false);
}

std::size_t
RunParams::Index(std::string_view name) const
{
    const Parameter* p = FindParameter(name);
    NS_ABORT_MSG_UNLESS(p, "no scenario parameter '" << name << "' in Parameters()");
    return static_cast<std::size_t>(p - Parameters().data());
}

std::string
RunParams::Set(std::string_view name, const std::string& value)
{
    const Parameter* p = FindParameter(name);
    if (!p)
    {
        std::vector<std::string> names;
        for (const Parameter& q : Parameters())
        {
            names.push_back(q.name);
        }
        return UnknownName("option", std::string(name), names);
    }
    std::string error;
    if (!p->Check(value, error))
    {
        return error;
    }
    std::size_t i = p - Parameters().data();
    m_values[i] = value;
    m_set[i] = true;
    return "";
}

const std::string&
RunParams::Get(std::string_view name) const
{
    return m_values[Index(name)];
}

bool
RunParams::IsSet(std::string_view name) const
{
    return m_set[Index(name)];
}

ns3::Time
RunParams::GetTime(std::string_view name) const
{
    const std::string& v = Get(name);
    return v == "0" ? ns3::Time(0) : ns3::Time(v);
}

double
RunParams::Seconds(std::string_view name) const
{
    double s = 0;
    values::ParseTime(Get(name), s);
    return s;
}

uint32_t
RunParams::Count(std::string_view name) const
{
    return static_cast<uint32_t>(std::stoul(Get(name)));
}

double
RunParams::Real(std::string_view name) const
{
    double v = 0;
    values::ParseProbability(Get(name), v); // a REAL is a PROBABILITY without the '%'
    return v;
}

bool
RunParams::Flag(std::string_view name) const
{
    bool b = false;
    values::ParseFlag(Get(name), b);
    return b;
}

uint64_t
RunParams::Bytes(std::string_view name) const
{
    uint64_t b = 0;
    return values::ParseBytes(Get(name), b) ? b : 0;
}

double
RunParams::Rate(std::string_view name) const
{
    double bps = 0;
    return values::ParseRate(Get(name), bps) ? bps : 0;
}

const std::string&
RunParams::Mode() const
{
    return Get("mode");
}

bool
RunParams::IsStream() const
{
    return UsesMode("tcp") || UsesMode("tls");
}

bool
RunParams::UsesIke() const
{
    return HasTunnel() && Get("keying") == "ike";
}

bool
RunParams::HasTunnel() const
{
    return !Get("mix").empty() || Mode() != "plain";
}

bool
RunParams::UsesMode(std::string_view mode) const
{
    std::vector<MixEntry> mix;
    std::string error;
    if (Get("mix").empty() || !ParseMix(Get("mix"), mix, error)
        || !ResolveMix(mix, Count("clients"), error))
    {
        return Mode() == mode;
    }
    for (const MixEntry& e : mix)
    {
        if (e.mode == mode && e.clients > 0)
        {
            return true;
        }
    }
    return false;
}

bool
RunParams::ManyClients() const
{
    return Count("clients") > 1 || !Get("mix").empty();
}

std::vector<std::string>
RunParams::ClientModes() const
{
    std::vector<MixEntry> mix;
    std::string error;
    if (!Get("mix").empty() && ParseMix(Get("mix"), mix, error)
        && ResolveMix(mix, Count("clients"), error))
    {
        return AssignModes(mix);
    }
    return std::vector<std::string>(Count("clients"), Mode());
}

po::options_description
ScenarioOptions(RunParams& p)
{
    po::options_description d("Scenario");
    for (const Parameter& param : Parameters())
    {
        std::string name = param.name;
        auto set = [&p, name](const std::string& value)
        {
            if (std::string error = p.Set(name, value); !error.empty())
            {
                throw po::error(error);
            }
        };
        // No Boost default: the notifier runs only for values the user gave (IsSet).
        std::string help
            = param.help + ". Value: " + param.Form() + ". Default: " + param.defaultValue + ".";
        d.add_options()(name.c_str(), po::value<std::string>()->notifier(set), help.c_str());
    }
    return d;
}

namespace
{

/** \param p parameters \return what is wrong with the many-client options, or empty */
std::string
ValidateClients(const RunParams& p)
{
    uint32_t clients = p.Count("clients");
    std::vector<MixEntry> mix;
    std::string error;
    ParseMix(p.Get("mix"), mix, error); // accepted when set
    if (!mix.empty() && !ResolveMix(mix, clients, error))
    {
        return "--mix '" + p.Get("mix") + "': " + error;
    }
    if (!p.ManyClients())
    {
        return "";
    }
    if (uint64_t{clients} * p.Count("flows") > 40000)
    {
        return "--clients times --flows must be at most 40000 (each flow has its own server "
               "port)";
    }
    if (!p.HasTunnel())
    {
        return "";
    }
    if (p.Get("keying") != "ike")
    {
        return "--clients above 1 and --mix need --keying ike: the gateway makes each client's "
               "SAs when its IKE_SA_INIT arrives";
    }
    if (p.Get("fallback") != "none")
    {
        return "--fallback is for one client: give --clients 1 and no --mix";
    }
    if (p.Count("port") != 0)
    {
        return "--port must be 0 with several clients: the gateway listens on 4500 (udp, tcp) "
               "and 443 (tls)";
    }
    return "";
}

} // namespace

std::string
Validate(const RunParams& p)
{
    const std::string& fallback = p.Get("fallback");
    if (fallback != "none" && !(p.IsStream() && p.UsesIke()))
    {
        return "--fallback needs --keying ike and --mode tcp or tls (the stream to fall back to)";
    }
    double duration = p.Seconds("duration");
    if (duration <= 0 || p.Seconds("warmup") >= duration)
    {
        return "--duration must be positive and --warmup shorter than it";
    }
    if (p.Seconds("udp-block-start") + p.Seconds("udp-block-length") > duration)
    {
        return "--udp-block-start and --udp-block-length must end within --duration";
    }
    if (p.Seconds("outage-start") + p.Seconds("outage-length") > duration)
    {
        return "--outage-start and --outage-length must end within --duration";
    }
    if (p.Count("rr-request") > 0 && p.GetTime("rr-interval").IsZero())
    {
        return "--rr-interval must be a positive time";
    }
    if (p.Count("flows") == 0 && p.Get("cbr-rate") == "0" && p.Count("rr-request") == 0)
    {
        return "no inner traffic: give --flows, --cbr-rate or --rr-request";
    }
    return ValidateClients(p);
}

std::vector<std::string>
IgnoredParameters(const RunParams& p)
{
    std::vector<std::string> lines;
    for (const Parameter& param : Parameters())
    {
        if (p.IsSet(param.name) && param.applies && !param.applies(p))
        {
            lines.push_back("--" + param.name + " has no effect here: it applies to "
                            + param.appliesTo);
        }
    }
    return lines;
}

namespace
{

/** \param v a number \return it as result rows have always shown it (ostream's default) */
std::string
Number(double v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

/** \param param a parameter \param p the run \return its column's value */
std::string
ColumnValue(const Parameter& param, const RunParams& p)
{
    if (param.blankWhenIgnored && param.applies && !param.applies(p))
    {
        return "";
    }
    if (param.columnValue)
    {
        return param.columnValue(p);
    }
    const std::string& v = p.Get(param.name);
    switch (param.kind)
    {
        case ParamKind::TIME:
            return param.column == ColumnForm::SECONDS ? Number(p.Seconds(param.name)) : v;
        case ParamKind::COUNT:
            return std::to_string(p.Count(param.name));
        case ParamKind::REAL:
        case ParamKind::PROBABILITY:
            return Number(p.Real(param.name));
        case ParamKind::FLAG:
            return p.Flag(param.name) ? "1" : "0";
        case ParamKind::BYTES:
        {
            bool word
                = std::find(param.choices.begin(), param.choices.end(), v) != param.choices.end();
            return word ? v : std::to_string(p.Bytes(param.name));
        }
        default:
            return v;
    }
}

} // namespace

std::vector<std::pair<std::string, std::string>>
ParameterColumns(const RunParams& p)
{
    std::vector<std::pair<std::string, std::string>> columns;
    for (const Parameter& param : Parameters())
    {
        columns.emplace_back(param.Column(), ColumnValue(param, p));
    }
    return columns;
}

std::string
SimulationKey(const RunParams& p)
{
    std::string key;
    for (const Parameter& param : Parameters())
    {
        if (!param.applies || param.applies(p))
        {
            // the normalised column value, whatever the column shows for ignored ones
            Parameter shown = param;
            shown.blankWhenIgnored = false;
            key += param.name + "=" + ColumnValue(shown, p) + "\n";
        }
    }
    return key;
}

std::string
ParseArguments(const std::vector<std::string>& args, RunParams& p)
{
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0)
        {
            return "unexpected argument '" + a + "'";
        }
        std::size_t eq = a.find('=');
        std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        std::string value;
        if (eq != std::string::npos)
        {
            value = a.substr(eq + 1);
        }
        else if (i + 1 < args.size())
        {
            value = args[++i];
        }
        else
        {
            return "--" + name + " needs a value";
        }
        if (std::string error = p.Set(name, value); !error.empty())
        {
            return error;
        }
    }
    return "";
}

bool
ParseRate(const std::string& s, double& bps)
{
    return values::ParseRate(s, bps);
}

} // namespace tcpencap
