/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_PARAMETER_H
#define TCP_ENCAP_EXPERIMENTS_PARAMETER_H

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tcpencap
{

class RunParams;

/**
 * \brief The kinds of value a scenario parameter takes. The kind decides how a value is read
 * (command line, INI file), checked (with an error that shows the accepted form), written to
 * a result row, and what the help says about its form.
 */
enum class ParamKind
{
    CHOICE,             //!< one of `choices`, or of the values the model's attribute accepts
    TIME,               //!< an ns-3 time with its unit ("25ms", "2s"); a bare number is refused
    RATE,               //!< an ns-3 data rate with its unit ("10Mbps")
    COUNT,              //!< a whole number in [min, max]
    REAL,               //!< a number in [min, max]
    PROBABILITY,        //!< a number in [min, max], or a percentage ("1%")
    BYTES,              //!< a byte count in [min, max], with an optional unit (64KiB, 1MB)
    FLAG,               //!< 1/0, true/false, yes/no, on/off
    CONGESTION_CONTROL, //!< an ns-3 TcpCongestionOps without its "Tcp" prefix (Cubic)
    MIX,                //!< modes with client counts joined by '+' (udp=8+tcp=2), or empty
};

/** How a parameter's value is written in its result column. */
enum class ColumnForm
{
    NORMAL,  //!< as read: times and rates as given, numbers normalised, bytes as a count
    SECONDS, //!< a time as a number of seconds (the column's form before times had units)
};

/**
 * \brief One parameter of the scenario: everything the program knows about it, in one row of
 * the table (Parameters()). The command line option, the INI key, the value check, the result
 * column, the sweep's test of which runs it changes and the figures' axis label all come from
 * here.
 */
struct Parameter
{
    std::string name;         //!< option name, words joined by '-' (the column joins by '_')
    std::string defaultValue; //!< in the form the kind reads
    ParamKind kind;           //!< how values are read and checked
    std::string help;         //!< what it sets; the form of its values is added from the kind
    /// CHOICE: the allowed values; RATE, BYTES: words accepted besides a value ("auto", "0")
    std::vector<std::string> choices{};
    /// CHOICE: "ns3::Type::Attribute" whose checker lists and checks the values (the model's
    /// own enum names) instead of `choices`
    std::string attribute{};
    double min{0};            //!< COUNT, REAL, PROBABILITY, BYTES: smallest value
    double max{4294967295.0}; //!< largest value
    bool maxExclusive{false}; //!< REAL, PROBABILITY: the value must stay below max
    std::string label{};      //!< figures: axis and legend name ("Bottleneck loss")
    std::string unit{};       //!< figures: unit after scaling ("%", "ms")
    double displayScale{1};   //!< figures: the value times this is shown
    std::function<bool(const RunParams&)> applies{}; //!< whether it changes the simulation
    std::string appliesTo{};               //!< where it applies, in words ("--mode tcp or tls")
    bool blankWhenIgnored{false};          //!< its column is empty in runs it does not apply to
    ColumnForm column{ColumnForm::NORMAL}; //!< how the column shows the value
    /// the column's value when not simply the value (e.g. a port chosen by the mode)
    std::function<std::string(const RunParams&)> columnValue{};

    /** \return the result column name: the option name with '_' for '-' */
    std::string Column() const;
    /** \return the accepted form of a value, for help and errors ("a time with its unit ...") */
    std::string Form() const;
    /**
     * \param value a value as the user gave it
     * \param[out] error when it is not accepted: names the option, the value and the form
     * \return whether it is accepted
     */
    bool Check(const std::string& value, std::string& error) const;
};

/** \return every scenario parameter, in column order (parameter-table.cc) */
const std::vector<Parameter>& Parameters();

/**
 * \param name an option name or a column name (outer-initial-cwnd, outer_initial_cwnd)
 * \return the parameter, or nullptr
 */
const Parameter* FindParameter(std::string_view name);

/**
 * \param word what the user typed
 * \param candidates the valid names
 * \return the candidate closest to it (edit distance, ignoring '-' vs '_'), or empty when none
 *         is close enough to be a likely typo
 */
std::string ClosestName(const std::string& word, const std::vector<std::string>& candidates);

/**
 * \param what "option", "metric", ...
 * \param word what the user typed
 * \param candidates the valid names
 * \return "unknown <what> 'word'" with a suggestion, or the list of valid names
 */
std::string UnknownName(const std::string& what,
                        const std::string& word,
                        const std::vector<std::string>& candidates);

/** Parsing of the kinds' values, for the parameters' users. */
namespace values
{
/** \param s "25ms" \param[out] seconds \return whether it is a non-negative time with a unit */
bool ParseTime(const std::string& s, double& seconds);
/** \param s "10Mbps" \param[out] bps \return whether it is a data rate with a unit */
bool ParseRate(const std::string& s, double& bps);
/** \param s "64KiB", "1500" \param[out] bytes \return whether it is a byte count */
bool ParseBytes(const std::string& s, uint64_t& bytes);
/** \param s "1%", "0.01" \param[out] p \return whether it is a number or a percentage */
bool ParseProbability(const std::string& s, double& p);
/** \param s "yes", "0" \param[out] b \return whether it is a flag */
bool ParseFlag(const std::string& s, bool& b);
/** \param s a number \param[out] v \return whether it is one */
bool ParseReal(const std::string& s, double& v);
} // namespace values

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_PARAMETER_H */
