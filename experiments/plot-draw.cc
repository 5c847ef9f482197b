/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "plot-draw.h"

#include "csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <gnuplot-iostream.h>
#include <sstream>

namespace tcpencap
{

namespace
{

/** \param s text \return it for gnuplot's enhanced text mode: special characters escaped */
std::string
Escape(const std::string& s)
{
    std::string out;
    for (char c : s)
    {
        if (c == '\'')
        {
            out += "''"; // inside a single-quoted gnuplot string
            continue;
        }
        if (std::strchr("_^{}@&~\\", c))
        {
            out += '\\';
        }
        out += c;
    }
    return out;
}

/** \param s text \return a single-quoted gnuplot string that shows it as it is */
std::string
Quote(const std::string& s)
{
    return "'" + Escape(s) + "'";
}

/** \param s a file name \return a single-quoted gnuplot string of it, as it is (not text) */
std::string
QuoteFile(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
    {
        out += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return out + "'";
}

/** \param v a number \return it for gnuplot's data, 10 significant digits */
std::string
Number(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof(buf), "%.10g", v);
    return buf;
}

/**
 * \param text a subtitle: parts separated by ", "
 * \param width characters that fit on a line
 * \return it broken into lines at ", " where it is longer
 */
std::vector<std::string>
WrapParts(const std::string& text, std::size_t width)
{
    std::vector<std::string> lines = {""};
    std::size_t start = 0;
    while (start <= text.size())
    {
        std::size_t comma = text.find(", ", start);
        std::string part = text.substr(start, comma == std::string::npos ? comma : comma - start);
        std::string& line = lines.back();
        if (!line.empty() && line.size() + part.size() + 2 > width)
        {
            lines.back() += ",";
            lines.push_back(part);
        }
        else
        {
            line += (line.empty() ? "" : ", ") + part;
        }
        if (comma == std::string::npos)
        {
            break;
        }
        start = comma + 2;
    }
    return lines;
}

/** \return the title command: title, then the subtitle smaller, on as many lines as needed */
std::string
TitleCommand(const Figure& figure, const FigureStyle& style)
{
    std::string title = style.title.empty() ? figure.title : style.title;
    std::string command = "set title " + Quote(title);
    // About 0.56 of the font size per character of the subtitle's smaller font, in pixels.
    auto width = static_cast<std::size_t>(style.width / (style.fontSize * 0.58));
    for (const auto& line : WrapParts(figure.subtitle, std::max<std::size_t>(width, 40)))
    {
        if (!line.empty())
        {
            command += ".\"\\n\".'{/*0.75 " + Escape(line) + "}'";
        }
    }
    return command + " enhanced\n";
}

/** \return the bottom of error bars on a log axis: a third of the smallest positive value */
double
LogFloor(const Figure& figure)
{
    double smallest = INFINITY;
    for (const auto& s : figure.series)
    {
        for (const auto& p : s.points)
        {
            if (p.y > 0)
            {
                smallest = std::min(smallest, p.y);
            }
        }
    }
    return std::isfinite(smallest) ? smallest / 3 : 1e-3;
}

/** \return the data blocks ($d0, $d1, ...) of the series; on a log axis bars stop at floor */
std::string
DataBlocks(const Figure& figure, double floor)
{
    std::string text;
    for (std::size_t i = 0; i < figure.series.size(); ++i)
    {
        text += "$d" + std::to_string(i) + " << EOD\n";
        for (const auto& p : figure.series[i].points)
        {
            if (std::isnan(p.y))
            {
                text += "\n"; // a gap: the line breaks here
                continue;
            }
            if (figure.logY && p.y <= 0)
            {
                continue; // not on a log axis
            }
            double lo = std::isnan(p.lo) ? p.y : p.lo;
            double hi = std::isnan(p.hi) ? p.y : p.hi;
            if (figure.logY)
            {
                lo = std::max(lo, floor);
            }
            text += Number(p.x) + " " + Number(p.y) + " " + Number(lo) + " " + Number(hi) + "\n";
        }
        text += "EOD\n";
    }
    return text;
}

/**
 * \return a log y axis: from just below the lowest point or bar (the floor when bars were cut
 * there) to just above the highest, tics at 1, 2 and 5 times powers of ten (1 only beyond
 * three decades)
 */
std::string
LogYCommands(const Figure& figure, double floor, bool clipped)
{
    double lo = INFINITY;
    double hi = 0;
    for (const auto& s : figure.series)
    {
        for (const auto& p : s.points)
        {
            if (p.y > 0)
            {
                lo = std::min({lo, p.y, std::isnan(p.lo) ? p.y : std::max(p.lo, floor)});
                hi = std::max({hi, p.y, std::isnan(p.hi) ? p.y : p.hi});
            }
        }
    }
    if (!std::isfinite(lo))
    {
        return "set logscale y 10\n";
    }
    double bottom = !std::isnan(figure.yMin) ? figure.yMin : clipped ? floor : lo / 1.25;
    double top = !std::isnan(figure.yMax) ? figure.yMax : hi * 1.25;
    int first = static_cast<int>(std::floor(std::log10(bottom)));
    int last = static_cast<int>(std::ceil(std::log10(top)));
    std::vector<double> steps
        = last - first > 3 ? std::vector<double>{1} : std::vector<double>{1, 2, 5};
    std::string tics;
    for (int k = first; k <= last; ++k)
    {
        for (double m : steps)
        {
            double v = m * std::pow(10.0, k);
            if (v >= bottom && v <= top)
            {
                tics += (tics.empty() ? "" : ", ") + Number(v);
            }
        }
    }
    return "set logscale y 10\nset yrange [" + Number(bottom) + ":" + Number(top) + "]\n"
           + (tics.empty() ? "" : "set ytics (" + tics + ")\n");
}

/**
 * \return the key's rows: more than four entries in two columns when the longest fits twice
 * across the figure (gnuplot alone would often stack them in one tall column)
 */
std::string
KeyRows(const Figure& figure, const FigureStyle& style)
{
    std::size_t entries = 0;
    std::size_t longest = 0;
    for (const auto& s : figure.series)
    {
        if (!s.points.empty())
        {
            ++entries;
            longest = std::max(longest, s.title.size());
        }
    }
    double entryWidth = (longest + 10) * style.fontSize * 0.75; // as gnuplot estimates
    if (entries <= 4 || 2 * entryWidth > style.width * 0.95)
    {
        return "";
    }
    return "set key vertical maxrows " + std::to_string((entries + 1) / 2) + "\n";
}

/** \return the axes, grid, key and marks */
std::string
AxesCommands(const Figure& figure, const FigureStyle& style, double floor, bool clipped)
{
    std::ostringstream gp;
    gp << "set xlabel " << Quote(figure.xlabel) << "\nset ylabel " << Quote(figure.ylabel) << "\n";
    gp << "set border 3 lw 1.2\nset tics nomirror out\nset grid back lt 1 lc rgb '#e4e4e4' lw 1\n";
    // Below the plot, without a box (a box runs into the x label).
    gp << "set key outside below center horizontal Left reverse samplen 3 spacing 1.15 width 2 "
          "nobox height 0.5\n";
    gp << KeyRows(figure, style);
    gp << "set bars small\nset format y '%g'\nset format x '%g'\n";
    if (figure.logX)
    {
        gp << "set logscale x 10\n";
    }
    if (!figure.xTics.empty())
    {
        std::string tics;
        for (double x : figure.xTics)
        {
            tics += (tics.empty() ? "" : ", ") + Number(x);
        }
        double pad = figure.logX ? 1.15 : 1;
        gp << "set xtics (" << tics << ")\nset xrange [" << Number(figure.xTics.front() / pad)
           << ":" << Number(figure.xTics.back() * pad) << "]\n";
    }
    std::string lo = std::isnan(figure.yMin) ? "*" : Number(figure.yMin);
    std::string hi = std::isnan(figure.yMax) ? "*" : Number(figure.yMax);
    if (figure.logY)
    {
        gp << LogYCommands(figure, floor, clipped);
    }
    else
    {
        gp << "set yrange [" << (figure.yFromZero && lo == "*" ? "0" : lo) << ":" << hi << "]\n";
    }
    for (const auto& [x, label] : figure.markX)
    {
        gp << "set arrow from first " << Number(x) << ", graph 0 to first " << Number(x)
           << ", graph 1 nohead dt 3 lw 1.5 lc rgb 'gray40' front\n"
           << "set label " << Quote(label) << " at first " << Number(x)
           << ", graph 0.97 offset 0.6,0 tc rgb 'gray30' front\n";
    }
    for (double y : figure.markY)
    {
        gp << "set arrow from graph 0, first " << Number(y) << " to graph 1, first " << Number(y)
           << " nohead dt 2 lw 1.5 lc rgb 'gray40' front\n";
    }
    return gp.str();
}

/**
 * \return per series its colour (palette index; beyond the palette, the next dash type): the
 * series' own where set (a mode's), else the next one no other series of the figure uses
 */
std::vector<std::size_t>
ColourIndices(const Figure& figure)
{
    std::vector<bool> taken;
    auto take = [&](std::size_t c)
    {
        taken.resize(std::max(taken.size(), c + 1), false);
        taken[c] = true;
    };
    for (const auto& s : figure.series)
    {
        if (s.colour >= 0)
        {
            take(static_cast<std::size_t>(s.colour));
        }
    }
    std::vector<std::size_t> colours;
    std::size_t next = 0;
    for (const auto& s : figure.series)
    {
        while (s.colour < 0 && next < taken.size() && taken[next])
        {
            ++next;
        }
        colours.push_back(s.colour >= 0 ? static_cast<std::size_t>(s.colour) : next);
        if (s.colour < 0)
        {
            take(next);
        }
    }
    return colours;
}

/** \return the plot command of the series that have points */
std::string
PlotCommand(const Figure& figure)
{
    static const int pointTypes[] = {7, 5, 9, 11, 13, 15};
    const auto& palette = Palette();
    std::vector<std::size_t> colours = ColourIndices(figure);
    std::string command;
    for (std::size_t i = 0; i < figure.series.size(); ++i)
    {
        const PlotSeries& s = figure.series[i];
        if (s.points.empty())
        {
            continue;
        }
        bool bars = std::any_of(s.points.begin(),
                                s.points.end(),
                                [](const PlotPoint& p)
                                {
                                    return !std::isnan(p.lo);
                                });
        std::size_t round = colours[i] / palette.size();
        std::string style;
        switch (s.kind)
        {
            case LineKind::MEASURED:
                style = bars ? "using 1:2:3:4 with yerrorlines" : "using 1:2 with linespoints";
                style += " lw 2.5 ps 1.3 pt " + std::to_string(pointTypes[colours[i] % 6]);
                break;
            case LineKind::MODEL:
                style = "using 1:2 with lines lw 2.5";
                ++round; // dashed, unlike the measured lines
                break;
            case LineKind::STEPS:
                style = "using 1:2 with steps lw 2.5";
                break;
            case LineKind::TRACE:
                style = "using 1:2 with lines lw 1.5";
                break;
        }
        command += (command.empty() ? "plot " : ", \\\n     ") + std::string("$d")
                   + std::to_string(i) + " " + style + " lc rgb '"
                   + palette[colours[i] % palette.size()] + "' dt " + std::to_string(1 + round)
                   + " title " + Quote(s.title);
    }
    return command + "\n";
}

/** \param path a path \return it quoted for the shell */
std::string
ShellQuote(const std::string& path)
{
    std::string out = "'";
    for (char c : path)
    {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/** \param path a file \return its content, or "" */
std::string
ReadAll(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

const std::vector<std::string>&
Palette()
{
    // Okabe and Ito's colour-blind safe set, then four more that stay apart from them.
    static const std::vector<std::string> colours = {"#0072B2",
                                                     "#D55E00",
                                                     "#009E73",
                                                     "#CC79A7",
                                                     "#E69F00",
                                                     "#56B4E9",
                                                     "#000000",
                                                     "#8C564B",
                                                     "#7F3C8D",
                                                     "#B8B800"};
    return colours;
}

std::string
GnuplotScript(const Figure& figure, const FigureStyle& style)
{
    double floor = LogFloor(figure);
    bool clipped = false;
    for (const auto& s : figure.series)
    {
        for (const auto& p : s.points)
        {
            clipped = clipped || (figure.logY && p.y > 0 && !std::isnan(p.lo) && p.lo < floor);
        }
    }
    std::string font = "'Sans," + std::to_string(style.fontSize) + "'";
    std::vector<std::pair<std::string, std::string>> terminals
        = {{"pngcairo size " + std::to_string(style.width) + "," + std::to_string(style.height)
                + " enhanced font " + font,
            "png"},
           {"svg size " + std::to_string(style.width) + "," + std::to_string(style.height)
                + " enhanced font " + font + " background '#ffffff'",
            "svg"}};
    if (style.pdf)
    {
        terminals.emplace_back("pdfcairo size " + Number(style.width / 160.0) + "in,"
                                   + Number(style.height / 160.0) + "in enhanced font 'Sans,"
                                   + Number(style.fontSize * 0.6) + "'",
                               "pdf");
    }
    std::string script = "set encoding utf8\n" + DataBlocks(figure, floor)
                         + TitleCommand(figure, style)
                         + AxesCommands(figure, style, floor, clipped);
    std::string plot = PlotCommand(figure);
    for (const auto& [terminal, ext] : terminals)
    {
        script += "set terminal " + terminal + "\nset output " + QuoteFile(figure.name + "." + ext)
                  + "\n" + plot + "unset output\n";
    }
    return script;
}

bool
DrawFigure(const Figure& figure,
           const FigureStyle& style,
           const std::string& dir,
           std::string& error)
{
    std::string script = dir + "/" + figure.name + ".gp";
    std::string messages = std::filesystem::absolute(script + ".messages").string();
    std::string statusFile = std::filesystem::absolute(script + ".status").string();
    std::string text = GnuplotScript(figure, style);
    {
        // gnuplot-iostream pipes the script to gnuplot, which runs in dir (the script names
        // its outputs without a directory); its messages (warnings included) and its exit
        // status go to files, so nothing reaches the terminal and a failure is reported whole.
        gnuplotio::Gnuplot gp("cd " + ShellQuote(dir) + " && gnuplot > " + ShellQuote(messages)
                              + " 2>&1; echo $? > " + ShellQuote(statusFile));
        gp << text;
        gp.flush();
    }                                         // closing the pipe waits for gnuplot
    std::string status = ReadAll(statusFile); // empty: the shell never got to run gnuplot
    std::filesystem::remove(statusFile);
    bool ok = !status.empty() && std::atoi(status.c_str()) == 0;
    for (const char* ext : {"png", "svg", "pdf"})
    {
        std::error_code ec;
        std::string out = dir + "/" + figure.name + "." + ext;
        bool wanted = std::string(ext) != "pdf" || style.pdf;
        ok = ok
             && (!wanted
                 || (std::filesystem::exists(out, ec) && std::filesystem::file_size(out, ec) > 0));
    }
    if (!ok || style.keepScript)
    {
        std::string written;
        if (!WriteFileAtomically(script, text, written))
        {
            error = written;
            return false;
        }
    }
    if (!ok)
    {
        // Keep the script for a look; report what gnuplot said (its warnings included).
        error = "gnuplot failed to draw " + dir + "/" + figure.name + " (script kept: " + script
                + "):\n" + ReadAll(messages);
        std::filesystem::remove(messages);
        return false;
    }
    std::filesystem::remove(messages);
    return true;
}

} // namespace tcpencap
