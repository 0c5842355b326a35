#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QStringList>

namespace SocketScope {

struct StageState;

// Where everything goes on the stage, in the stage's logical coordinates: one column per
// actor (the first, usually the server, on the left), each descriptor in a cell of its
// actor's column, accepted handsets indented under their listener. Cells shrink to fit
// rather than overlap, so many clients and handsets stay readable.
class StageLayout {
public:
    // The stage is drawn in logical units: 600 high, as wide as the widget's shape allows.
    static constexpr qreal sceneHeight = 600;
    static QSizeF sceneFor(const QSizeF& widgetSize);
    static constexpr qreal margin = 24;
    static constexpr qreal headerHeight = 64;
    static constexpr qreal maxCellHeight = 190;
    static constexpr qreal gap = 16;
    static constexpr qreal handsetIndent = 36;

    StageLayout(const QSizeF& scene, const QStringList& actors, const StageState& state);

    int actorCount() const { return int(m_columns.size()); }
    QRectF column(int actor) const { return m_columns.value(actor); }
    QRectF header(int actor) const;
    QRectF cell(int endpoint) const { return m_cells.value(endpoint); }
    // Where a telephone line or a letter leaves and arrives: the middle of the icon.
    QPointF anchor(int endpoint) const;
    QRectF iconRect(int endpoint) const;

private:
    QList<QRectF> m_columns;
    QList<QRectF> m_cells;
};

} // namespace SocketScope
