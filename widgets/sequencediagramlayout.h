#pragma once

#include <QRectF>

#include <utility>

namespace SocketScope {

// The sizes the layout needs from the fonts; the view measures them, tests choose them.
struct SequenceDiagramMetrics {
    qreal margin = 12;           // around the whole diagram
    qreal headerHeight = 56;     // endpoint names, kept on screen while scrolling
    qreal rowHeight = 44;        // one packet: label, arrow, details
    qreal timeColumnWidth = 110; // "+1234.567 ms" left of the first lifeline
    qreal minimumSpacing = 120;  // between lifelines, so that an endpoint's name fits its box
};

// Where the sequence diagram goes, in document coordinates: the header on top, then one row
// of uniform height per packet, so that finding the rows on screen or under the mouse is
// O(1) whatever the number of packets. Lifelines share the width right of the time column.
class SequenceDiagramLayout {
public:
    SequenceDiagramLayout() = default;
    SequenceDiagramLayout(int lifelines, int rows, qreal width,
                          const SequenceDiagramMetrics& metrics);

    const SequenceDiagramMetrics& metrics() const { return m_metrics; }
    int lifelineCount() const { return m_lifelines; }
    int rowCount() const { return m_rows; }
    // At least the width asked for; wider when the lifelines need more room.
    qreal width() const { return m_width; }
    // Header, every row and the bottom margin.
    qreal height() const;

    qreal lifelineX(int lifeline) const;
    qreal rowTop(int row) const { return m_metrics.headerHeight + row * m_metrics.rowHeight; }
    qreal rowHeight() const { return m_metrics.rowHeight; }
    QRectF rowRect(int row) const { return {0, rowTop(row), m_width, m_metrics.rowHeight}; }
    QRectF timeRect(int row) const;
    // Where a row's arrow goes from one lifeline to another (a loop to itself, right of it).
    QRectF arrowRect(int row, int fromLifeline, int toLifeline) const;
    // Where a row's labels may spread: right of the time column, across every lifeline.
    qreal labelsLeft() const { return m_metrics.margin + m_metrics.timeColumnWidth; }
    qreal labelsRight() const { return m_width - m_metrics.margin; }
    // The row under a y, -1 in the header or below the last row.
    int rowAt(qreal y) const;
    // First and last rows meeting [top, bottom); first > last when none does.
    std::pair<int, int> rowsBetween(qreal top, qreal bottom) const;

private:
    SequenceDiagramMetrics m_metrics;
    int m_lifelines = 0;
    int m_rows = 0;
    qreal m_width = 0;
};

} // namespace SocketScope
