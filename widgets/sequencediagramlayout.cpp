#include "sequencediagramlayout.h"

#include <QtMath>

namespace SocketScope {

SequenceDiagramLayout::SequenceDiagramLayout(int lifelines, int rows, qreal width,
                                             const SequenceDiagramMetrics& metrics)
    : m_metrics(metrics)
    , m_lifelines(qMax(0, lifelines))
    , m_rows(qMax(0, rows))
{
    const qreal needed =
        2 * metrics.margin + metrics.timeColumnWidth + m_lifelines * metrics.minimumSpacing;
    m_width = qMax(width, needed);
}

qreal SequenceDiagramLayout::height() const
{
    return m_metrics.headerHeight + m_rows * m_metrics.rowHeight + m_metrics.margin;
}

qreal SequenceDiagramLayout::lifelineX(int lifeline) const
{
    const qreal left = m_metrics.margin + m_metrics.timeColumnWidth;
    const qreal spacing = (m_width - m_metrics.margin - left) / qMax(1, m_lifelines);
    return left + spacing * (lifeline + 0.5);
}

QRectF SequenceDiagramLayout::timeRect(int row) const
{
    return {m_metrics.margin, rowTop(row), m_metrics.timeColumnWidth, m_metrics.rowHeight};
}

QRectF SequenceDiagramLayout::arrowRect(int row, int fromLifeline, int toLifeline) const
{
    const qreal from = lifelineX(fromLifeline);
    const qreal to = lifelineX(toLifeline);
    // A loop goes right of its lifeline, about three quarters of the row's height.
    const qreal right =
        fromLifeline == toLifeline ? to + m_metrics.rowHeight * 0.75 : qMax(from, to);
    return {qMin(from, to), rowTop(row), right - qMin(from, to), m_metrics.rowHeight};
}

int SequenceDiagramLayout::rowAt(qreal y) const
{
    const qreal offset = y - m_metrics.headerHeight;
    if (offset < 0)
        return -1;
    const int row = qFloor(offset / m_metrics.rowHeight);
    return row < m_rows ? row : -1;
}

std::pair<int, int> SequenceDiagramLayout::rowsBetween(qreal top, qreal bottom) const
{
    const qreal header = m_metrics.headerHeight;
    const int first = qMax(0, qFloor((top - header) / m_metrics.rowHeight));
    const int last = qMin(m_rows, qCeil((bottom - header) / m_metrics.rowHeight)) - 1;
    return {first, last};
}

} // namespace SocketScope
