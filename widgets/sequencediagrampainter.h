#pragma once

#include "sequencediagramlayout.h"

#include <QCoreApplication>
#include <QFont>
#include <QPalette>

class QPainter;

namespace SocketScope {

class SequenceDiagramModel;

// Draws the sequence diagram with any QPainter: the view's viewport and the PNG and SVG
// exports share it, so that what is exported is what is on screen. Colours come from the
// palette, which the theme sets (TCP arrows in Link, UDP ones in LinkVisited), and sizes
// from the font, so that a larger font or a dark theme just works.
class SequenceDiagramPainter {
    Q_DECLARE_TR_FUNCTIONS(SocketScope::SequenceDiagramView)
public:
    SequenceDiagramPainter(const SequenceDiagramModel& model, const SequenceDiagramLayout& layout,
                           const QFont& font, const QPalette& palette);

    // Sizes derived from the font: rows fit a label, an arrow and a line of details.
    static SequenceDiagramMetrics metricsFor(const QFont& font);
    static QFont smallFont(const QFont& font);
    // An inferred packet differs from a captured one by more than colour: its arrow is
    // dashed and the word "inferred" follows its label.
    static Qt::PenStyle lineStyle(bool inferred);
    static QString inferredMark(bool inferred);

    // Tinted rows; no call or packet is marked by default (exports).
    void setMarks(qint64 selectedPacket, qint64 highlightedCall);

    // Paints the rows meeting `area` (document coordinates) with their lifelines, then the
    // header at `headerTop`: the top of the area keeps it on screen while scrolling.
    void paint(QPainter& painter, const QRectF& area, qreal headerTop) const;
    // A line of text across the width, e.g. what an export left out.
    void paintNote(QPainter& painter, const QRectF& rect, const QString& text) const;
    // `message`, or when empty the sentence that says where the packets will appear.
    static void paintEmpty(QPainter& painter, const QRectF& rect, const QPalette& palette,
                           const QString& message = {});

private:
    void paintRowBackground(QPainter& painter, int row) const;
    void paintArrow(QPainter& painter, int row) const;
    void paintRowTexts(QPainter& painter, int row) const;
    // The lifelines' titles between `left` and `right`.
    void paintHeader(QPainter& painter, qreal top, qreal left, qreal right) const;

    const SequenceDiagramModel& m_model;
    const SequenceDiagramLayout& m_layout;
    QFont m_font;
    QFont m_small;
    QPalette m_palette;
    qint64 m_selectedPacket = -1;
    qint64 m_highlightedCall = -1;
};

} // namespace SocketScope
