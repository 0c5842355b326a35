#include "stagepainter.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace SocketScope::StagePainter {

namespace {

void drawBadge(QPainter& painter, const QPointF& center, int fd, const QColor& color,
               const QFont& font)
{
    QFont badgeFont = font;
    badgeFont.setBold(true);
    const QString text = QString::number(fd);
    const QFontMetricsF metrics(badgeFont);
    const qreal side = qMax(metrics.height(), metrics.horizontalAdvance(text) + 10);
    const QRectF badge(center.x() - side / 2, center.y() - side / 2, side, side);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::white);
    painter.drawEllipse(badge);
    painter.setPen(QPen(color, 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(badge);
    painter.setFont(badgeFont);
    painter.drawText(badge, Qt::AlignCenter, text);
}

} // namespace

void drawPhone(QPainter& painter, const QRectF& r, const QColor& color, bool offHook, bool ringing,
               int fd, const QFont& font)
{
    painter.save();
    // The body: a trapezoid with a dial.
    const QRectF body(r.left() + r.width() * 0.1, r.top() + r.height() * 0.4, r.width() * 0.8,
                      r.height() * 0.6);
    QPainterPath bodyPath;
    bodyPath.moveTo(body.left() + body.width() * 0.15, body.top());
    bodyPath.lineTo(body.right() - body.width() * 0.15, body.top());
    bodyPath.lineTo(body.right(), body.bottom());
    bodyPath.lineTo(body.left(), body.bottom());
    bodyPath.closeSubpath();
    painter.setPen(QPen(color.darker(130), 2));
    painter.setBrush(color);
    painter.drawPath(bodyPath);

    // The handset: on its cradle, or lifted and tilted when the line is open.
    const QRectF handset(r.left(), r.top() + r.height() * 0.18, r.width(), r.height() * 0.2);
    painter.save();
    if (offHook) {
        painter.translate(handset.center());
        painter.rotate(-18);
        painter.translate(-handset.center() + QPointF(-r.width() * 0.12, -r.height() * 0.22));
    }
    painter.drawRoundedRect(handset, handset.height() / 2, handset.height() / 2);
    painter.restore();

    if (ringing) {
        painter.setPen(QPen(color, 3, Qt::SolidLine, Qt::RoundCap));
        painter.setBrush(Qt::NoBrush);
        for (int wave = 1; wave <= 3; ++wave) {
            const qreal radius = r.height() * 0.15 * wave;
            const QRectF arc(r.right() - radius * 0.2, r.top() + r.height() * 0.3 - radius,
                             radius * 2, radius * 2);
            painter.drawArc(arc, -40 * 16, 80 * 16);
        }
    }
    drawBadge(painter, body.center() + QPointF(0, body.height() * 0.1), fd, color, font);
    painter.restore();
}

void drawMailbox(QPainter& painter, const QRectF& r, const QColor& color, int letters, int fd,
                 const QFont& font)
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
    painter.setPen(QPen(color.darker(130), 2));
    painter.setBrush(color);
    painter.drawPath(path);
    // The slot.
    painter.setBrush(color.darker(160));
    painter.drawRect(QRectF(box.left() + box.width() * 0.2, box.top() + box.height() * 0.45,
                            box.width() * 0.6, box.height() * 0.08));
    // The post.
    painter.setBrush(color.darker(130));
    painter.drawRect(QRectF(box.center().x() - r.width() * 0.04, box.bottom(), r.width() * 0.08,
                            r.bottom() - box.bottom()));
    // The flag is up when mail waits inside.
    painter.setBrush(letters > 0 ? QColor(0xd3, 0x2f, 0x2f) : color.lighter(140));
    const qreal flagTop = letters > 0 ? box.top() : box.top() + box.height() * 0.35;
    painter.drawRect(QRectF(box.right(), flagTop, r.width() * 0.06, box.height() * 0.5));
    painter.drawRect(QRectF(box.right(), flagTop, r.width() * 0.18, box.height() * 0.15));
    drawBadge(painter, box.center() + QPointF(0, box.height() * 0.22), fd, color, font);
    painter.restore();
}

void drawSocketBox(QPainter& painter, const QRectF& r, const QColor& color, const QString& kind,
                   int fd, const QFont& font)
{
    painter.save();
    painter.setPen(QPen(color, 3));
    painter.setBrush(color.lighter(185));
    painter.drawRoundedRect(r, 8, 8);
    QFont bold = font;
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(color.darker(140));
    painter.drawText(r, Qt::AlignCenter, QStringLiteral("fd %1\n%2").arg(fd).arg(kind));
    painter.restore();
}

void drawBubble(QPainter& painter, const QPointF& tip, const QStringList& lines, const Theme& theme,
                const QFont& font)
{
    painter.save();
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    qreal width = 0;
    for (const QString& line : lines)
        width = qMax(width, metrics.horizontalAdvance(line));
    const qreal padding = metrics.height() * 0.4;
    const QSizeF size(width + 2 * padding, metrics.height() * qreal(lines.size()) + 2 * padding);
    const QRectF box(tip.x() - size.width() / 2, tip.y() - size.height() - 18, size.width(),
                     size.height());
    QPainterPath path;
    path.addRoundedRect(box, padding, padding);
    QPainterPath tail;
    tail.moveTo(tip);
    tail.lineTo(box.center().x() - 12, box.bottom() - 1);
    tail.lineTo(box.center().x() + 12, box.bottom() - 1);
    tail.closeSubpath();
    path = path.united(tail);
    painter.setPen(QPen(theme.ink, 2));
    painter.setBrush(theme.bubble);
    painter.drawPath(path);
    painter.setPen(theme.ink);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        painter.drawText(QPointF(box.left() + padding, box.top() + padding + metrics.ascent() +
                                                           metrics.height() * qreal(i)),
                         lines[i]);
    }
    painter.restore();
}

void drawEnvelope(QPainter& painter, const QPointF& center, const QStringList& lines,
                  const Theme& theme, const QFont& font)
{
    painter.save();
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    qreal textWidth = 0;
    for (const QString& line : lines)
        textWidth = qMax(textWidth, metrics.horizontalAdvance(line));
    const qreal width = qMax(textWidth + 24, 160.0);
    const qreal flap = metrics.height() * 0.9;
    const qreal height = flap + metrics.height() * (qreal(lines.size()) + 0.4);
    const QRectF envelope(center.x() - width / 2, center.y() - height / 2, width, height);
    painter.setPen(QPen(theme.ink, 2));
    painter.setBrush(theme.paper);
    painter.drawRect(envelope);
    QPainterPath flapPath;
    flapPath.moveTo(envelope.topLeft());
    flapPath.lineTo(envelope.center().x(), envelope.top() + flap);
    flapPath.lineTo(envelope.topRight());
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(flapPath);
    painter.drawText(envelope.adjusted(8, flap, -8, -4), Qt::AlignCenter,
                     lines.join(QLatin1Char('\n')));
    painter.restore();
}

void drawWaitingLine(QPainter& painter, const QRectF& r, int capacity, int used, const Theme& theme)
{
    painter.save();
    const int places = qBound(1, capacity, 8);
    const qreal side = qMin(r.height(), r.width() / qreal(places) - 6);
    for (int i = 0; i < places; ++i) {
        const QRectF place(r.left() + qreal(i) * (side + 6), r.top(), side, side);
        painter.setPen(QPen(theme.muted, 2));
        painter.setBrush(i < used ? theme.client : Qt::white);
        painter.drawRoundedRect(place, 4, 4);
    }
    painter.restore();
}

} // namespace SocketScope::StagePainter
