#include "stagelayout.h"

#include "stagestate.h"

namespace SocketScope {

QSizeF StageLayout::sceneFor(const QSizeF& widgetSize)
{
    const qreal aspect =
        widgetSize.height() > 0 ? widgetSize.width() / widgetSize.height() : 16.0 / 9;
    return {sceneHeight * qBound(1.2, aspect, 4.0), sceneHeight};
}

StageLayout::StageLayout(const QSizeF& sceneSize, const QStringList& actors,
                         const StageState& state)
{
    const qsizetype columns = qMax<qsizetype>(1, actors.size());
    const qreal columnWidth = (sceneSize.width() - 2 * margin) / qreal(columns);
    for (qsizetype i = 0; i < columns; ++i) {
        m_columns.append(QRectF(margin + qreal(i) * columnWidth, margin, columnWidth,
                                sceneSize.height() - 2 * margin));
    }
    m_cells.resize(state.endpoints.size());
    for (qsizetype column = 0; column < columns; ++column) {
        QList<int> members;
        for (qsizetype i = 0; i < state.endpoints.size(); ++i) {
            if (actors.value(column) == state.endpoints[i].actor)
                members.append(int(i));
        }
        if (members.isEmpty())
            continue;
        const QRectF area = m_columns[column].adjusted(gap / 2, headerHeight, -gap / 2, 0);
        const qreal height = qMin(maxCellHeight, (area.height() - gap * qreal(members.size() - 1)) /
                                                     qreal(members.size()));
        for (qsizetype row = 0; row < members.size(); ++row) {
            const bool handset = state.endpoints[members[row]].parentFd >= 0;
            const qreal indent = handset ? qMin(handsetIndent, area.width() * 0.1) : 0;
            m_cells[members[row]] =
                QRectF(area.left() + indent, area.top() + qreal(row) * (height + gap),
                       area.width() - indent, height);
        }
    }
}

QRectF StageLayout::header(int actor) const
{
    const QRectF column = m_columns.value(actor);
    return QRectF(column.left(), column.top(), column.width(), headerHeight - gap / 2);
}

QRectF StageLayout::iconRect(int endpoint) const
{
    const QRectF cell = m_cells.value(endpoint);
    const qreal side = qMin(cell.height() * 0.5, cell.width() * 0.3);
    const qreal offset = qMin(gap, cell.height() * 0.1);
    return QRectF(cell.left() + offset, cell.top() + offset, side * 1.3, side);
}

QPointF StageLayout::anchor(int endpoint) const
{
    return iconRect(endpoint).center();
}

} // namespace SocketScope
