#include "stagepainter.h"

#include "stageplacement.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace SocketScope::StagePainter {

namespace {

QFont fontFor(const QFont& family, qreal pixelSize, bool bold)
{
    QFont font = family;
    font.setPixelSize(qMax(1, int(pixelSize)));
    font.setBold(bold);
    return font;
}

void drawLines(QPainter& painter, const StageText& text, const Theme& theme, const QFont& family,
               const QColor& color = QColor())
{
    const QFont regular = fontFor(family, text.pixelSize, false);
    const QFont bold = fontFor(family, text.pixelSize, true);
    const qreal ascent = QFontMetricsF(regular).ascent();
    for (const StageTextLine& line : text.lines) {
        painter.setFont(line.bold ? bold : regular);
        painter.setPen(color.isValid() ? color : inkColour(theme, line.ink));
        painter.drawText(QPointF(line.rect.left(), line.rect.top() + ascent), line.text);
    }
}

// Diagonal bands of `colour` over `shape`, `width` wide.
void drawStripes(QPainter& painter, const QPainterPath& shape, const QColor& colour, qreal width)
{
    painter.save();
    painter.setClipPath(shape, Qt::IntersectClip);
    painter.setPen(QPen(colour, width, Qt::SolidLine, Qt::FlatCap));
    const QRectF r = shape.boundingRect();
    for (qreal x = r.left() - r.height(); x < r.right(); x += width * 2.5)
        painter.drawLine(QPointF(x, r.bottom()), QPointF(x + r.height(), r.top()));
    painter.restore();
}

} // namespace

IconFill iconFill(int actorIndex)
{
    return actorIndex == 0 ? IconFill::Plain : IconFill::Striped;
}

QColor inkColour(const Theme& theme, StageInk role)
{
    switch (role) {
    case StageInk::Ink:
        return theme.ink;
    case StageInk::Muted:
        return theme.muted;
    case StageInk::Alert:
        return theme.error;
    case StageInk::Server:
        return theme.server;
    case StageInk::Client:
        return theme.client;
    }
    return theme.ink;
}

void drawPhone(QPainter& painter, const QRectF& r, const QColor& color, bool offHook, bool ringing,
               IconFill fill, const Theme& theme)
{
    painter.save();
    const qreal stroke = qMax(1.0, r.height() / 30);
    // The body: a trapezoid.
    const QRectF body(r.left() + r.width() * 0.1, r.top() + r.height() * 0.4, r.width() * 0.8,
                      r.height() * 0.6);
    QPainterPath bodyPath;
    bodyPath.moveTo(body.left() + body.width() * 0.15, body.top());
    bodyPath.lineTo(body.right() - body.width() * 0.15, body.top());
    bodyPath.lineTo(body.right(), body.bottom());
    bodyPath.lineTo(body.left(), body.bottom());
    bodyPath.closeSubpath();
    painter.setPen(QPen(color.darker(130), stroke));
    painter.setBrush(color);
    painter.drawPath(bodyPath);
    if (fill == IconFill::Striped)
        drawStripes(painter, bodyPath, theme.tint(color, 0.5), body.height() / 8);

    // The handset: on its cradle, or lifted and tilted when the line is open.
    const QRectF handset(r.left(), r.top() + r.height() * 0.18, r.width(), r.height() * 0.2);
    painter.save();
    if (offHook) {
        painter.translate(handset.center());
        painter.rotate(-15);
        painter.translate(-handset.center() + QPointF(-r.width() * 0.06, 0));
    }
    painter.drawRoundedRect(handset, handset.height() / 2, handset.height() / 2);
    painter.restore();

    if (ringing) {
        painter.setPen(QPen(color, stroke * 1.5, Qt::SolidLine, Qt::RoundCap));
        painter.setBrush(Qt::NoBrush);
        const QPointF centre(r.right() + r.height() * 0.02, r.top() + r.height() * 0.3);
        for (int wave = 1; wave <= 3; ++wave) {
            const qreal radius = r.height() * 0.14 * wave;
            painter.drawArc(
                QRectF(centre.x() - radius, centre.y() - radius, radius * 2, radius * 2), -40 * 16,
                80 * 16);
        }
    }
    painter.restore();
}

void drawMailbox(QPainter& painter, const QRectF& r, const QColor& color, int letters,
                 IconFill fill, const Theme& theme)
{
    painter.save();
    const QRectF box(r.left() + r.width() * 0.1, r.top() + r.height() * 0.15, r.width() * 0.7,
                     r.height() * 0.6);
    QPainterPath path;
    path.moveTo(box.bottomLeft());
    path.lineTo(box.left(), box.top() + box.height() * 0.3);
    path.arcTo(QRectF(box.left(), box.top(), box.width(), box.height() * 0.6), 180, -180);
    path.lineTo(box.bottomRight());
    path.closeSubpath();
    painter.setPen(QPen(color.darker(130), qMax(1.0, r.height() / 30)));
    painter.setBrush(color);
    painter.drawPath(path);
    if (fill == IconFill::Striped)
        drawStripes(painter, path, theme.tint(color, 0.5), box.height() / 8);
    // The slot.
    painter.setBrush(color.darker(160));
    painter.drawRect(QRectF(box.left() + box.width() * 0.2, box.top() + box.height() * 0.45,
                            box.width() * 0.6, box.height() * 0.08));
    // The post.
    painter.setBrush(color.darker(130));
    painter.drawRect(QRectF(box.center().x() - r.width() * 0.04, box.bottom(), r.width() * 0.08,
                            r.bottom() - box.bottom()));
    // The flag is up when mail waits inside.
    painter.setBrush(letters > 0 ? theme.flag : theme.tint(color, 0.5));
    const qreal flagTop = letters > 0 ? box.top() : box.top() + box.height() * 0.35;
    painter.drawRect(QRectF(box.right(), flagTop, r.width() * 0.06, box.height() * 0.5));
    painter.drawRect(QRectF(box.right(), flagTop, r.width() * 0.18, box.height() * 0.15));
    painter.restore();
}

void drawSocketBox(QPainter& painter, const QRectF& r, const QColor& color, IconFill fill,
                   const Theme& theme)
{
    painter.save();
    painter.setPen(QPen(color, qMax(2.0, r.height() / 25)));
    painter.setBrush(theme.tint(color));
    painter.drawRoundedRect(r, r.height() / 10, r.height() / 10);
    // Faint bands: the label written over them keeps its contrast.
    if (fill == IconFill::Striped) {
        QPainterPath box;
        box.addRoundedRect(r, r.height() / 10, r.height() / 10);
        drawStripes(painter, box, theme.tint(color, 0.3), r.height() / 8);
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(r, r.height() / 10, r.height() / 10);
    }
    painter.restore();
}

void drawBadge(QPainter& painter, const StageText& badge, const QColor& color, bool round,
               const Theme& theme, const QFont& family)
{
    painter.save();
    if (round) {
        painter.setPen(QPen(color, qMax(1.5, badge.rect.height() / 14)));
        painter.setBrush(theme.background);
        painter.drawEllipse(badge.rect);
    }
    // On the round badge the number is in the actor's colour; in the protocol's box, on its
    // tint, in ink (the same contrast in both themes).
    drawLines(painter, badge, theme, family, round ? color : theme.ink);
    painter.restore();
}

void drawText(QPainter& painter, const StageText& text, const Theme& theme, const QFont& family,
              const QColor& halo)
{
    painter.save();
    if (halo.isValid()) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(halo);
        for (const StageTextLine& line : text.lines)
            painter.drawRect(line.rect);
    }
    drawLines(painter, text, theme, family);
    painter.restore();
}

namespace {

// Far from its tip, a bubble points at it with a thin line rather than a wide tail across
// other words.
bool pointsFromAfar(const StageText& bubble, const QPointF& tip)
{
    const QPointF base = pointerBase(bubble.rect, tip, bubble.pixelSize * 0.8);
    return !bubble.rect.contains(tip) && QLineF(base, tip).length() > bubble.pixelSize * 3;
}

} // namespace

void drawBubblePointer(QPainter& painter, const StageText& bubble, const QPointF& tip,
                       const Theme& theme)
{
    if (!pointsFromAfar(bubble, tip))
        return;
    painter.save();
    painter.setPen(QPen(theme.ink, qMax(1.5, bubble.pixelSize / 10)));
    painter.drawLine(QLineF(pointerBase(bubble.rect, tip, bubble.pixelSize * 0.8), tip));
    painter.setBrush(theme.ink);
    painter.drawEllipse(tip, bubble.pixelSize * 0.2, bubble.pixelSize * 0.2);
    painter.restore();
}

void drawBubble(QPainter& painter, const StageText& bubble, const QPointF& tip, const Theme& theme,
                const QFont& family)
{
    painter.save();
    const QRectF box = bubble.rect;
    const qreal radius = bubble.pixelSize * 0.4;
    QPainterPath path;
    path.addRoundedRect(box, radius, radius);
    // Near its tip, a tail from the side of the bubble that faces it.
    if (!box.contains(tip) && !pointsFromAfar(bubble, tip)) {
        const QPointF base = pointerBase(box, tip, radius * 2);
        const QLineF towards(base, tip);
        const QPointF normal = QPointF(-towards.dy(), towards.dx()) / qMax(1.0, towards.length()) *
                               bubble.pixelSize * 0.5;
        QPainterPath tail;
        tail.moveTo(tip);
        tail.lineTo(base + normal);
        tail.lineTo(base - normal);
        tail.closeSubpath();
        path = path.united(tail);
    }
    painter.setPen(QPen(theme.ink, qMax(1.5, bubble.pixelSize / 10)));
    painter.setBrush(theme.bubble);
    painter.drawPath(path);
    drawLines(painter, bubble, theme, family);
    painter.restore();
}

void drawEnvelope(QPainter& painter, const StageText& envelope, const Theme& theme,
                  const QFont& family)
{
    painter.save();
    const QRectF r = envelope.rect;
    const qreal flap =
        envelope.lines.isEmpty() ? r.height() / 3 : envelope.lines.first().rect.top() - r.top();
    painter.setPen(QPen(theme.ink, qMax(1.5, envelope.pixelSize / 10)));
    painter.setBrush(theme.paper);
    painter.drawRect(r);
    QPainterPath flapPath;
    flapPath.moveTo(r.topLeft());
    flapPath.lineTo(r.center().x(), r.top() + flap);
    flapPath.lineTo(r.topRight());
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(flapPath);
    drawLines(painter, envelope, theme, family);
    painter.restore();
}

void drawWaitingLine(QPainter& painter, const QRectF& r, int capacity, int used, const Theme& theme)
{
    painter.save();
    const int places = qBound(1, capacity, 8);
    const qreal side = r.height();
    for (int i = 0; i < places; ++i) {
        const QRectF place(r.left() + qreal(i) * side * 1.25, r.top(), side, side);
        painter.setPen(QPen(theme.muted, qMax(1.0, side / 10)));
        painter.setBrush(i < used ? theme.client : theme.background);
        painter.drawRoundedRect(place, side / 5, side / 5);
    }
    painter.restore();
}

void drawCross(QPainter& painter, const QRectF& mark, const Theme& theme)
{
    painter.save();
    const qreal inset = mark.width() * 0.15;
    const QRectF r = mark.adjusted(inset, inset, -inset, -inset);
    painter.setPen(QPen(theme.error, qMax(2.0, mark.width() / 6), Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(r.topLeft(), r.bottomRight());
    painter.drawLine(r.bottomLeft(), r.topRight());
    painter.restore();
}

} // namespace SocketScope::StagePainter
