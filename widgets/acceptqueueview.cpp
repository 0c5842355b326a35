#include "acceptqueueview.h"

#include "emptyviewmessage.h"

#include <QEvent>
#include <QPainter>

namespace SocketScope {

namespace {

constexpr qreal margin = 8;
constexpr qreal spacing = 4;
constexpr qreal smallestRow = 20;
constexpr qreal largestRow = 64;
constexpr qreal widestSlot = 120;
constexpr qreal pillPadding = 10;

// `count` slots from the left of `row`, each as wide as one of `columns` across it.
QList<QRectF> slotsIn(const QRectF& row, int count, int columns)
{
    const qreal gap = columns > 16 ? 2 : spacing;
    const qreal width = qMin(widestSlot, (row.width() - gap * (columns - 1)) / qMax(1, columns));
    QList<QRectF> rects;
    for (int i = 0; i < count; ++i)
        rects.append(QRectF(row.left() + i * (width + gap), row.top(), width, row.height()));
    return rects;
}

QFont smaller(const QFont& font)
{
    QFont result = font;
    if (font.pointSizeF() > 0)
        result.setPointSizeF(font.pointSizeF() * 0.85);
    else
        result.setPixelSize(qMax(9, qRound(font.pixelSize() * 0.85)));
    return result;
}

// The port of "addr:port" and "[v6]:port".
QString portOf(const QString& peer)
{
    return peer.mid(peer.lastIndexOf(QLatin1Char(':')) + 1);
}

// Slots for every connection Linux lets wait, and for any more the kernel reports.
quint64 capacityOf(const AcceptQueue& queue, quint32 waiting)
{
    return qMax(quint64(queue.backlog) + 1, quint64(waiting));
}

} // namespace

struct AcceptQueueView::Geometry {
    QRectF header;
    QRectF bar; // null unless the queue is too long for slots
    QList<QRectF> slotRects;
    QRectF caption;
    QRectF note; // the warning when full, the analogy otherwise
    QRectF halfOpenLabel;
    QString halfOpenText;
    QList<QRectF> pills; // one per half-open peer drawn
    QRectF more;         // after the pills, null when all fit
    QString moreText;
};

AcceptQueueView::AcceptQueueView(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Accept queue"));
}

void AcceptQueueView::setQueue(const AcceptQueue& queue)
{
    if (m_queue == queue)
        return;
    m_queue = queue;
    setToolTip(isEmpty() ? QString()
                         : tr("listen() was given a backlog of %1: Linux lets %2 established "
                              "connections wait for accept(), then drops new SYNs until one "
                              "is taken.")
                               .arg(m_queue.backlog)
                               .arg(quint64(m_queue.backlog) + 1));
    setAccessibleDescription(caption());
    update();
    Q_EMIT queueChanged(m_queue);
}

quint32 AcceptQueueView::waitingTotal() const
{
    return qMax(m_queue.waitingCount, quint32(m_queue.waiting.size()));
}

bool AcceptQueueView::isFull() const
{
    return !isEmpty() && waitingTotal() > m_queue.backlog;
}

bool AcceptQueueView::showsBar() const
{
    return !isEmpty() && capacityOf(m_queue, waitingTotal()) > quint64(maximumSlots);
}

QRectF AcceptQueueView::barRect() const
{
    return geometry().bar;
}

int AcceptQueueView::drawnSlots() const
{
    if (isEmpty())
        return 0;
    return showsBar() ? filledSlots() : int(capacityOf(m_queue, waitingTotal()));
}

int AcceptQueueView::filledSlots() const
{
    if (isEmpty())
        return 0;
    return showsBar() ? int(qMin(quint32(barSlots), waitingTotal())) : int(waitingTotal());
}

QRectF AcceptQueueView::slotRect(int index) const
{
    return geometry().slotRects.value(index);
}

QString AcceptQueueView::slotText(int index) const
{
    return textFor(index, slotRect(index).width());
}

QString AcceptQueueView::textFor(int index, qreal width) const
{
    if (index < 0 || index >= filledSlots() || index >= m_queue.waiting.size())
        return {};
    const QString& peer = m_queue.waiting.at(index);
    const qreal room = width - 6;
    const QFontMetricsF metrics(font());
    if (metrics.horizontalAdvance(peer) <= room)
        return peer;
    const QString port = portOf(peer);
    return metrics.horizontalAdvance(port) <= room ? port : QString();
}

QString AcceptQueueView::caption() const
{
    if (isEmpty())
        return {};
    return tr("%1 of %2 waiting to be accepted")
        .arg(waitingTotal())
        .arg(capacityOf(m_queue, waitingTotal()));
}

int AcceptQueueView::drawnHalfOpen() const
{
    return int(geometry().pills.size());
}

QSize AcceptQueueView::sizeHint() const
{
    return {420, 140};
}

QSize AcceptQueueView::minimumSizeHint() const
{
    return {240, 120};
}

AcceptQueueView::Geometry AcceptQueueView::geometry() const
{
    Geometry geometry;
    if (isEmpty())
        return geometry;
    const qreal line = QFontMetricsF(font()).height();
    const QRectF area = QRectF(rect()).adjusted(margin, margin, -margin, -margin);
    const qreal rowHeight =
        qBound(smallestRow, area.height() - 4 * line - 4 - 3 * spacing, largestRow);
    geometry.header = QRectF(area.left(), area.top(), area.width(), line);
    const QRectF row(area.left(), geometry.header.bottom() + spacing, area.width(), rowHeight);
    if (showsBar()) {
        // The bar shows how much of the backlog is used; the slots, the first callers listed.
        const qreal barHeight = qMax<qreal>(8, 0.35 * rowHeight);
        geometry.bar = QRectF(row.left(), row.top(), row.width(), barHeight);
        const QRectF peers(row.left(), geometry.bar.bottom() + spacing, row.width(),
                           row.height() - barHeight - spacing);
        geometry.slotRects = slotsIn(peers, filledSlots(), barSlots);
    } else {
        geometry.slotRects = slotsIn(row, drawnSlots(), drawnSlots());
    }
    geometry.caption = QRectF(area.left(), row.bottom() + spacing, area.width(), line);
    geometry.note = geometry.caption.translated(0, line);

    const QRectF halfOpen(area.left(), geometry.note.bottom() + spacing, area.width(), line + 4);
    const QFontMetricsF metrics(smaller(font()));
    geometry.halfOpenText = m_queue.halfOpen.isEmpty()
                                ? tr("No handshake in progress")
                                : tr("Handshake in progress (SYN received):");
    geometry.halfOpenLabel = halfOpen;
    geometry.halfOpenLabel.setWidth(
        qMin(halfOpen.width(), metrics.horizontalAdvance(geometry.halfOpenText)));
    qreal x = geometry.halfOpenLabel.right() + 2 * spacing;
    for (qsizetype i = 0; i < m_queue.halfOpen.size(); ++i) {
        const qreal width = metrics.horizontalAdvance(m_queue.halfOpen.at(i)) + pillPadding;
        const qsizetype left = m_queue.halfOpen.size() - i - 1;
        const qreal reserve =
            left > 0 ? metrics.horizontalAdvance(tr("+%n more", nullptr, int(left))) : 0;
        if (x + width + spacing + reserve > halfOpen.right()) {
            geometry.moreText = tr("+%n more", nullptr, int(m_queue.halfOpen.size() - i));
            geometry.more = QRectF(x, halfOpen.top(), halfOpen.right() - x, halfOpen.height());
            break;
        }
        geometry.pills.append(QRectF(x, halfOpen.top(), width, halfOpen.height()));
        x += width + spacing;
    }
    return geometry;
}

QColor AcceptQueueView::fillColour() const
{
    // The palette has no warning role: the red the stage and the call log use for errors.
    return isFull() ? m_theme.error : palette().color(QPalette::Highlight);
}

QString AcceptQueueView::note() const
{
    return isFull() ? tr("Queue full: new SYNs are dropped until accept() takes one")
                    : tr("Calls on hold until the server picks up with accept().");
}

void AcceptQueueView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        m_theme = Theme::current();
    QWidget::changeEvent(event);
}

void AcceptQueueView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (isEmpty()) {
        paintEmptyViewMessage(painter, *this,
                              tr("Select a listening socket to see its accept queue."));
        return;
    }
    painter.fillRect(rect(), palette().base());
    painter.setRenderHint(QPainter::Antialiasing);
    const Geometry geometry = this->geometry();
    paintHeader(painter, geometry);
    paintSlots(painter, geometry);
    paintCaption(painter, geometry);
    paintHalfOpen(painter, geometry);
}

void AcceptQueueView::paintHeader(QPainter& painter, const Geometry& geometry) const
{
    const QString backlog = tr("backlog %1").arg(m_queue.backlog);
    const qreal backlogWidth = QFontMetricsF(font()).horizontalAdvance(backlog);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(geometry.header, Qt::AlignRight | Qt::AlignVCenter, backlog);
    painter.save();
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    const QString title =
        QFontMetricsF(bold).elidedText(tr("Switchboard %1").arg(m_queue.listener), Qt::ElideRight,
                                       geometry.header.width() - backlogWidth - 2 * spacing);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(geometry.header, Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.restore();
}

void AcceptQueueView::paintSlots(QPainter& painter, const Geometry& geometry) const
{
    const QColor fill = fillColour();
    const QColor outline = palette().color(QPalette::PlaceholderText);
    if (!geometry.bar.isNull()) {
        painter.setPen(QPen(outline, 1));
        painter.setBrush(palette().color(QPalette::Base));
        painter.drawRoundedRect(geometry.bar, 3, 3);
        const quint32 waiting = waitingTotal();
        const qreal share = qMin(1.0, qreal(waiting) / qreal(capacityOf(m_queue, waiting)));
        // A few callers in a backlog of thousands still show.
        const qreal width = waiting > 0 ? qMax(3.0, share * geometry.bar.width()) : 0;
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawRoundedRect(
            QRectF(geometry.bar.topLeft(), QSizeF(width, geometry.bar.height())), 3, 3);
    }
    const QColor text = isFull() ? m_theme.onStrong : palette().color(QPalette::HighlightedText);
    const int filled = filledSlots();
    for (int i = 0; i < geometry.slotRects.size(); ++i) {
        const QRectF slot = geometry.slotRects.at(i);
        const qreal radius = qMin<qreal>(4, slot.width() / 4);
        if (i < filled) {
            painter.setPen(QPen(fill.darker(130), 1));
            painter.setBrush(fill);
        } else {
            painter.setPen(QPen(outline, 1));
            painter.setBrush(palette().color(QPalette::Base));
        }
        painter.drawRoundedRect(slot.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
        painter.setPen(text);
        painter.drawText(slot, Qt::AlignCenter, textFor(i, slot.width()));
    }
}

void AcceptQueueView::paintCaption(QPainter& painter, const Geometry& geometry) const
{
    const QFontMetricsF metrics(font());
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(geometry.caption, Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(caption(), Qt::ElideRight, geometry.caption.width()));
    painter.setPen(isFull() ? fillColour() : palette().color(QPalette::PlaceholderText));
    painter.drawText(geometry.note, Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(note(), Qt::ElideRight, geometry.note.width()));
}

void AcceptQueueView::paintHalfOpen(QPainter& painter, const Geometry& geometry) const
{
    painter.save();
    const QFont font = smaller(this->font());
    painter.setFont(font);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(geometry.halfOpenLabel, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetricsF(font).elidedText(geometry.halfOpenText, Qt::ElideRight,
                                                    geometry.halfOpenLabel.width()));
    // Dashed: the call is ringing, not yet on hold.
    const QColor highlight = palette().color(QPalette::Highlight);
    for (int i = 0; i < geometry.pills.size(); ++i) {
        const QRectF pill = geometry.pills.at(i).adjusted(0.5, 0.5, -0.5, -0.5);
        painter.setPen(QPen(highlight, 1, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(pill, Qt::AlignCenter, m_queue.halfOpen.at(i));
    }
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(geometry.more, Qt::AlignLeft | Qt::AlignVCenter, geometry.moreText);
    painter.restore();
}

} // namespace SocketScope
