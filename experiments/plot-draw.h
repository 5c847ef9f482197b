/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Drawing: one figure from prepared series, through gnuplot. What the series are and how they
// are labelled is decided before (plot-series.h); here only how a figure looks.
#ifndef TCP_ENCAP_EXPERIMENTS_PLOT_DRAW_H
#define TCP_ENCAP_EXPERIMENTS_PLOT_DRAW_H

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace tcpencap
{

/** One point of a line, in display units; lo and hi are the error bar (NaN: none); a NaN y
 * breaks the line there. */
struct PlotPoint
{
    double x;                                            //!< x value
    double y;                                            //!< y value
    double lo{std::numeric_limits<double>::quiet_NaN()}; //!< bottom of the error bar
    double hi{std::numeric_limits<double>::quiet_NaN()}; //!< top of the error bar
};

/** How a line is drawn. */
enum class LineKind
{
    MEASURED, //!< points joined by lines, with error bars when the points have them
    MODEL,    //!< a dashed line without points (an analytic model)
    STEPS,    //!< a step function without points (an empirical CDF)
    TRACE,    //!< a thin line without points (a time series)
};

/** One line of a figure and its legend entry. */
struct PlotSeries
{
    std::string title;                 //!< legend entry
    std::vector<PlotPoint> points;     //!< sorted by x for lines and steps
    LineKind kind{LineKind::MEASURED}; //!< how it is drawn
    int colour{-1}; //!< palette index, the same for a mode in every figure (-1 : next free)
};

/** What a figure shows: axes, lines, marks; everything in display units. */
struct Figure
{
    std::string name;          //!< file name without extension ("goodput_mbps-vs-udp")
    std::string title;         //!< first line of the title
    std::string subtitle;      //!< the fixed scenario and what the error bars are (smaller)
    std::string xlabel;        //!< with its unit
    std::string ylabel;        //!< with its unit
    bool logX{false};          //!< logarithmic x axis
    std::vector<double> xTics; //!< x tics at these values, the axis just around them (log axes)
    bool logY{false};          //!< logarithmic y axis
    bool yFromZero{false};     //!< linear y axis starting at 0
    double yMin{std::numeric_limits<double>::quiet_NaN()}; //!< fixed bottom of the y axis
    double yMax{std::numeric_limits<double>::quiet_NaN()}; //!< fixed top of the y axis
    std::vector<std::pair<double, std::string>> markX;     //!< vertical lines (x, label)
    std::vector<double> markY;                             //!< horizontal lines
    std::vector<PlotSeries> series;                        //!< the lines, in legend order
};

/** How every figure of one command looks (its options). */
struct FigureStyle
{
    std::string title;      //!< replaces each figure's title ("" : keep it)
    int width{1280};        //!< PNG and SVG width in pixels (PDF: 1/160 inch each)
    int height{800};        //!< PNG and SVG height in pixels
    int fontSize{17};       //!< PNG and SVG font size in points (PDF: 0.6 of it)
    bool pdf{false};        //!< also write a PDF (pdfcairo)
    bool keepScript{false}; //!< keep <name>.gp, the data and commands, next to the figure
};

/** \return the line colours, none repeated; beyond them lines change dash type */
const std::vector<std::string>& Palette();

/**
 * \brief The gnuplot script of one figure: the data inline, then one plot per output format
 * (PNG, SVG, and PDF when asked), each written to `<figure.name>.<ext>` in gnuplot's current
 * directory.
 * \param figure what to draw (series without points are left out)
 * \param style sizes, fonts, title, formats
 * \return the script
 */
std::string GnuplotScript(const Figure& figure, const FigureStyle& style);

/**
 * \brief Draw one figure into dir/<name>.png, .svg (and .pdf): run gnuplot on its script with
 * its messages captured, so that its warnings ("empty y range") stay out of the terminal.
 * \param figure what to draw \param style how \param dir an existing directory
 * \param[out] error gnuplot's error messages when it failed
 * \return whether every file was written
 */
bool DrawFigure(const Figure& figure,
                const FigureStyle& style,
                const std::string& dir,
                std::string& error);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_PLOT_DRAW_H */
