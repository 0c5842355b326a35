#pragma once

#include <QList>
#include <QRectF>

#include <optional>

namespace SocketScope {

// The place for a box of `size` inside `area` that touches none of `obstacles` (kept
// `clearance` away from them) and whose centre is nearest `wanted`, tried on a grid of
// `step`; none when the area is full.
std::optional<QRectF> freeSpot(const QSizeF& size, const QPointF& wanted, const QRectF& area,
                               const QList<QRectF>& obstacles, qreal clearance, qreal step);

} // namespace SocketScope
