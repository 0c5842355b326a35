#pragma once

#include <QLineF>
#include <QList>
#include <QRectF>

#include <optional>

namespace SocketScope {

// Where a bubble's tail or pointer leaves `box` towards `tip`: the nearest point of the box
// kept `inset` from its corners.
QPointF pointerBase(const QRectF& box, const QPointF& tip, qreal inset);

// The place for a box of `size` inside `area` that touches none of `obstacles` (kept
// `clearance` away from them) and whose centre is nearest `wanted`, tried on a grid of
// `step`; none when the area is full. With a `tip`, the straight line from the box to it
// (pointerBase) must cross no obstacle either, but those the tip lies in.
std::optional<QRectF> freeSpot(const QSizeF& size, const QPointF& wanted, const QRectF& area,
                               const QList<QRectF>& obstacles, qreal clearance, qreal step,
                               const std::optional<QPointF>& tip = std::nullopt, qreal inset = 0);

} // namespace SocketScope
