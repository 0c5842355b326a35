#include "sequencediagrampainter.h"

#include "sequencediagrammodel.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace SocketScope {

namespace {

// Between the top of a row and its label, and around the arrow.
constexpr qreal rowPadding = 3;
constexpr qreal arrowGap = 4;

QColor withAlpha(QColor colour, qreal alpha)
{
    colour.setAlphaF(float(alpha));
    return colour;
}

} // namespace

SequenceDiagramPainter::SequenceDiagramPainter(const SequenceDiagramModel& model,
                                               const SequenceDiagramLayout& layout,
                                               const QFont& font, const QPalette& palette)
    : m_model(model)
    , m_layout(layout)
    , m_font(font)
    , m_small(smallFont(font))
    , m_palette(palette)
{
}

QFont SequenceDiagramPainter::smallFont(const QFont& font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.85);
    else
        small.setPixelSize(qMax(8, qRound(font.pixelSize() * 0.85)));
    return small;
}

Qt::PenStyle SequenceDiagramPainter::lineStyle(bool inferred)
{
    return inferred ? Qt::DashLine : Qt::SolidLine;
}

QString SequenceDiagramPainter::inferredMark(bool inferred)
{
    return inferred ? tr("inferred") : QString();
}

SequenceDiagramMetrics SequenceDiagramPainter::metricsFor(const QFont& font)
{
    const QFontMetricsF metrics(font);
    const QFontMetricsF small(smallFont(font));
    SequenceDiagramMetrics result;
    result.margin = qRound(metrics.height() * 0.6);
    result.headerHeight = qCeil(metrics.height() + small.height() + 8 + result.margin);
    result.rowHeight = qCeil(2 * rowPadding + metrics.height() + 2 * arrowGap + small.height());
    result.timeColumnWidth = qCeil(small.horizontalAdvance(QStringLiteral("+000.000 ms")) + 12);
    // Room for a port in its box and a short label; a longer label spreads over the
    // neighbouring lifelines, a longer name goes on two lines (see paintHeader).
    QFont bold = font;
    bold.setBold(true);
    result.minimumSpacing =
        qCeil(qMax(QFontMetricsF(bold).horizontalAdvance(QStringLiteral(":65535")),
                   metrics.horizontalAdvance(QStringLiteral("SYN, ACK"))) +
              24);
    return result;
}

void SequenceDiagramPainter::setMarks(qint64 selectedPacket, qint64 highlightedCall)
{
    m_selectedPacket = selectedPacket;
    m_highlightedCall = highlightedCall;
}

void SequenceDiagramPainter::paint(QPainter& painter, const QRectF& area, qreal headerTop) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(area, m_palette.base());
    const auto [first, last] = m_layout.rowsBetween(area.top(), area.bottom());
    for (int row = first; row <= last; ++row)
        paintRowBackground(painter, row);
    const qreal top = qMax(area.top(), headerTop + m_layout.metrics().headerHeight);
    const qreal bottom = qMin(area.bottom(), m_layout.height() - m_layout.metrics().margin);
    painter.setPen(QPen(m_palette.color(QPalette::Mid), 1));
    for (int lifeline = 0; lifeline < m_layout.lifelineCount(); ++lifeline) {
        const qreal x = m_layout.lifelineX(lifeline);
        if (x >= area.left() - 1 && x <= area.right() + 1)
            painter.drawLine(QPointF(x, top), QPointF(x, bottom));
    }
    for (int row = first; row <= last; ++row) {
        paintArrow(painter, row);
        paintRowTexts(painter, row);
    }
    paintHeader(painter, headerTop, area.left(), area.right());
    painter.restore();
}

void SequenceDiagramPainter::paintRowBackground(QPainter& painter, int row) const
{
    const QRectF rect = m_layout.rowRect(row);
    const QColor highlight = m_palette.color(QPalette::Highlight);
    if (m_model.seq(row) == m_selectedPacket) {
        painter.fillRect(rect, withAlpha(highlight, 0.45));
    } else if (m_highlightedCall >= 0 && m_model.cause(row) == m_highlightedCall) {
        painter.fillRect(rect, withAlpha(highlight, 0.22));
    } else if (row % 2 == 1) {
        painter.fillRect(rect, m_palette.alternateBase());
    }
    // A bar in the margin marks what the selected call sent, visible even on a projector.
    if (m_highlightedCall >= 0 && m_model.cause(row) == m_highlightedCall)
        painter.fillRect(
            QRectF(rect.left(), rect.top(), m_layout.metrics().margin / 2, rect.height()),
            highlight);
}

void SequenceDiagramPainter::paintArrow(QPainter& painter, int row) const
{
    const QFontMetricsF metrics(m_font);
    // Whole pixels keep the arrow crisp, at any font size.
    const qreal y = qRound(m_layout.rowTop(row) + rowPadding + metrics.height() + arrowGap);
    const qreal head = metrics.height() * 0.45;
    const bool tcp = m_model.isTcp(row);
    const QColor colour = m_palette.color(tcp ? QPalette::Link : QPalette::LinkVisited);
    QPen pen(colour, qMax(2, qRound(metrics.height() / 9)));
    pen.setStyle(lineStyle(m_model.isInferred(row)));
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);

    qreal from = m_layout.lifelineX(m_model.from(row));
    const qreal to = m_layout.lifelineX(m_model.to(row));
    if (m_model.from(row) == m_model.to(row)) {
        // A socket talking to itself: a small loop right of its lifeline.
        from = to + 3 * head;
        QPainterPath loop(QPointF(to, y - head));
        loop.lineTo(from, y - head);
        loop.lineTo(from, y);
        painter.drawPath(loop);
    }
    const qreal direction = to > from ? 1 : -1;
    painter.drawLine(QPointF(from, y), QPointF(to - direction * head * 0.5, y));
    const QPointF tip(to, y);
    const QPointF upper(to - direction * head, y - head / 2);
    const QPointF lower(to - direction * head, y + head / 2);
    pen.setStyle(Qt::SolidLine);
    painter.setPen(pen);
    if (tcp) {
        // TCP: a filled head; UDP: an open one, like a letter posted without a receipt.
        painter.setBrush(colour);
        painter.drawPolygon(QPolygonF{tip, upper, lower});
    } else {
        painter.drawPolyline(QPolygonF{upper, tip, lower});
    }
}

void SequenceDiagramPainter::paintRowTexts(QPainter& painter, int row) const
{
    const QFontMetricsF metrics(m_font);
    const QFontMetricsF small(m_small);
    const qreal top = m_layout.rowTop(row);
    const qreal arrowY = top + rowPadding + metrics.height() + arrowGap;
    const qreal from = m_layout.lifelineX(m_model.from(row));
    const qreal to = m_layout.lifelineX(m_model.to(row));
    const bool loop = m_model.from(row) == m_model.to(row);
    const qreal centre = loop ? to + metrics.height() : (from + to) / 2;
    // Centred on the arrow, moved aside to stay whole right of the time column.
    const qreal roomLeft = m_layout.labelsLeft();
    const qreal roomRight = m_layout.labelsRight();
    const auto leftOf = [&](qreal width) {
        return qMax(roomLeft, qMin(centre - width / 2, roomRight - width));
    };
    painter.setPen(m_palette.color(QPalette::Text));

    const QRectF time = m_layout.timeRect(row);
    painter.setFont(m_small);
    painter.drawText(
        QRectF(time.left(), arrowY - small.height() / 2, time.width() - 8, small.height()),
        Qt::AlignRight | Qt::AlignVCenter, m_model.time(row));

    QFont italic = m_small;
    italic.setItalic(true);
    const QString inferred = inferredMark(m_model.isInferred(row));
    const qreal inferredWidth =
        inferred.isEmpty() ? 0 : QFontMetricsF(italic).horizontalAdvance(inferred) + 8;
    const QString label = metrics.elidedText(m_model.label(row), Qt::ElideRight,
                                             roomRight - roomLeft - inferredWidth);
    const qreal labelWidth = metrics.horizontalAdvance(label);
    const qreal left = leftOf(labelWidth + inferredWidth);
    painter.setFont(m_font);
    painter.drawText(QRectF(left, top + rowPadding, labelWidth + 1, metrics.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, label);
    if (!inferred.isEmpty()) {
        painter.setFont(italic);
        painter.drawText(
            QRectF(left + labelWidth + 8, top + rowPadding, inferredWidth, metrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter, inferred);
    }

    const QString details = m_model.details(row);
    if (details.isEmpty())
        return;
    painter.setFont(m_small);
    const QString shown = small.elidedText(details, Qt::ElideRight, roomRight - roomLeft);
    const qreal detailsWidth = small.horizontalAdvance(shown) + 1;
    painter.drawText(QRectF(leftOf(detailsWidth), arrowY + arrowGap, detailsWidth, small.height()),
                     Qt::AlignLeft | Qt::AlignTop, shown);
}

void SequenceDiagramPainter::paintHeader(QPainter& painter, qreal top, qreal left,
                                         qreal right) const
{
    const SequenceDiagramMetrics& sizes = m_layout.metrics();
    const QFontMetricsF metrics(m_font);
    const QFontMetricsF small(m_small);
    painter.fillRect(QRectF(0, top, m_layout.width(), sizes.headerHeight), m_palette.window());
    painter.setPen(QPen(m_palette.color(QPalette::Mid), 1));
    painter.drawLine(QPointF(0, top + sizes.headerHeight - 0.5),
                     QPointF(m_layout.width(), top + sizes.headerHeight - 0.5));
    painter.setPen(m_palette.color(QPalette::WindowText));
    painter.setFont(m_small);
    painter.drawText(QRectF(sizes.margin, top, sizes.timeColumnWidth - 8, sizes.headerHeight),
                     Qt::AlignRight | Qt::AlignBottom, tr("time"));

    QFont bold = m_font;
    bold.setBold(true);
    const QFontMetricsF boldMetrics(bold);
    const qreal boxTop = top + sizes.margin / 2;
    const qreal boxHeight = sizes.headerHeight - sizes.margin;
    const qreal maxWidth = (m_layout.lifelineX(1) - m_layout.lifelineX(0)) - 8;
    for (int i = 0; i < m_layout.lifelineCount(); ++i) {
        // Thousands of lifelines (a traced server's clients): only the visible are measured.
        const qreal x = m_layout.lifelineX(i);
        if (x + maxWidth / 2 < left || x - maxWidth / 2 > right)
            continue;
        const SequenceLifeline& lifeline = m_model.lifelines().at(i);
        QString title = lifeline.endpoint.isValid() ? DecodedPacket::endpointText(lifeline.endpoint)
                                                    : tr("unknown");
        QString subtitle =
            lifeline.fd >= 0
                ? tr("%1 · fd %2").arg(m_model.actorName(lifeline.actor)).arg(lifeline.fd)
                : QString();
        // Lifelines close together: the port, which tells them apart, on top; the address
        // below it, with the socket.
        if (boldMetrics.horizontalAdvance(title) + 16 > maxWidth && lifeline.endpoint.isValid() &&
            lifeline.endpoint.port() != 0) {
            title = QStringLiteral(":%1").arg(lifeline.endpoint.port());
            subtitle = subtitle.isEmpty() ? lifeline.endpoint.host()
                                          : tr("%1 · %2").arg(lifeline.endpoint.host(), subtitle);
        }
        const qreal textWidth =
            qMax(boldMetrics.horizontalAdvance(title), small.horizontalAdvance(subtitle));
        const qreal boxWidth = qMin(maxWidth, textWidth + 16);
        const QRectF box(m_layout.lifelineX(i) - boxWidth / 2, boxTop, boxWidth, boxHeight);
        painter.setPen(QPen(m_palette.color(QPalette::Mid), 1));
        painter.setBrush(m_palette.button());
        painter.drawRoundedRect(box, 4, 4);
        painter.setPen(m_palette.color(QPalette::ButtonText));
        painter.setFont(bold);
        painter.drawText(QRectF(box.left(), box.top() + 4, box.width(), metrics.height()),
                         Qt::AlignCenter,
                         boldMetrics.elidedText(title, Qt::ElideMiddle, box.width() - 8));
        painter.setFont(m_small);
        painter.drawText(
            QRectF(box.left(), box.top() + 4 + metrics.height(), box.width(), small.height()),
            Qt::AlignCenter, small.elidedText(subtitle, Qt::ElideRight, box.width() - 8));
    }
}

void SequenceDiagramPainter::paintNote(QPainter& painter, const QRectF& rect,
                                       const QString& text) const
{
    painter.save();
    painter.fillRect(rect, m_palette.window());
    QFont italic = m_small;
    italic.setItalic(true);
    painter.setFont(italic);
    painter.setPen(m_palette.color(QPalette::WindowText));
    painter.drawText(rect.adjusted(m_layout.metrics().margin, 0, 0, 0),
                     Qt::AlignLeft | Qt::AlignVCenter, text);
    painter.restore();
}

void SequenceDiagramPainter::paintEmpty(QPainter& painter, const QRectF& rect,
                                        const QPalette& palette, const QString& message)
{
    painter.fillRect(rect, palette.base());
    painter.setPen(palette.color(QPalette::PlaceholderText));
    painter.drawText(rect, Qt::AlignCenter | Qt::TextWordWrap,
                     !message.isEmpty()
                         ? message
                         : tr("No packets yet: each one appears here as an arrow between the two "
                              "endpoints, as soon as a call sends it."));
}

} // namespace SocketScope
