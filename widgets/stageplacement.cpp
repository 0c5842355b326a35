#include "stageplacement.h"

namespace SocketScope {

namespace {

qreal squaredDistance(const QPointF& a, const QPointF& b)
{
    const QPointF d = a - b;
    return d.x() * d.x() + d.y() * d.y();
}

// Positions from `low` to `high` every `step`, the exact ends included.
QList<qreal> positions(qreal low, qreal high, qreal step)
{
    QList<qreal> result;
    for (qreal p = low; p < high; p += step)
        result << p;
    result << high;
    return result;
}

bool crosses(const QLineF& line, const QRectF& rect)
{
    if (rect.contains(line.p1()) || rect.contains(line.p2()))
        return true;
    const QLineF edges[] = {{rect.topLeft(), rect.topRight()},
                            {rect.topRight(), rect.bottomRight()},
                            {rect.bottomRight(), rect.bottomLeft()},
                            {rect.bottomLeft(), rect.topLeft()}};
    for (const QLineF& edge : edges) {
        if (line.intersects(edge, nullptr) == QLineF::BoundedIntersection)
            return true;
    }
    return false;
}

} // namespace

QPointF pointerBase(const QRectF& box, const QPointF& tip, qreal inset)
{
    return {qBound(box.left() + inset, tip.x(), box.right() - inset),
            qBound(box.top() + inset, tip.y(), box.bottom() - inset)};
}

std::optional<QRectF> freeSpot(const QSizeF& size, const QPointF& wanted, const QRectF& area,
                               const QList<QRectF>& obstacles, qreal clearance, qreal step,
                               const std::optional<QPointF>& tip, qreal inset)
{
    if (size.width() > area.width() || size.height() > area.height() || step <= 0)
        return std::nullopt;
    QList<QRectF> crossable; // what the pointer must not cross
    for (const QRectF& obstacle : obstacles) {
        if (tip && !obstacle.contains(*tip))
            crossable << obstacle;
    }
    const auto isFree = [&](const QRectF& box) {
        const QRectF kept = box.adjusted(-clearance, -clearance, clearance, clearance);
        for (const QRectF& obstacle : obstacles) {
            if (kept.intersects(obstacle))
                return false;
        }
        if (!tip || box.contains(*tip))
            return true;
        const QLineF pointer(pointerBase(box, *tip, inset), *tip);
        for (const QRectF& obstacle : std::as_const(crossable)) {
            if (crosses(pointer, obstacle))
                return false;
        }
        return true;
    };
    // Right at the wanted place when it is free: the usual case on an uncrowded stage.
    const QPointF corner(
        qBound(area.left(), wanted.x() - size.width() / 2, area.right() - size.width()),
        qBound(area.top(), wanted.y() - size.height() / 2, area.bottom() - size.height()));
    if (const QRectF exact(corner, size); isFree(exact))
        return exact;

    std::optional<QRectF> best;
    qreal bestScore = 0;
    const QList<qreal> xs = positions(area.left(), area.right() - size.width(), step);
    const QList<qreal> ys = positions(area.top(), area.bottom() - size.height(), step);
    for (const qreal y : ys) {
        for (const qreal x : xs) {
            const QRectF box(QPointF(x, y), size);
            const qreal score = squaredDistance(box.center(), wanted);
            if ((!best || score < bestScore) && isFree(box)) {
                best = box;
                bestScore = score;
            }
        }
    }
    return best;
}

} // namespace SocketScope
