#pragma once

#include <QPainter>
#include <QWidget>

namespace SocketScope {

// What a drawing view shows before it has anything to draw: a quiet, centred sentence.
inline void paintEmptyViewMessage(QPainter& painter, const QWidget& view, const QString& message)
{
    painter.fillRect(view.rect(), view.palette().base());
    painter.setPen(view.palette().color(QPalette::PlaceholderText));
    painter.drawText(QRectF(view.rect()).adjusted(12, 12, -12, -12),
                     Qt::AlignCenter | Qt::TextWordWrap, message);
}

} // namespace SocketScope
