#include "sequencediagramview.h"

#include "sequencediagrampainter.h"

#include <QDir>
#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QSaveFile>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QtMath>

namespace SocketScope {

SequenceDiagramView::SequenceDiagramView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setAccessibleName(tr("Sequence diagram"));
    setFocusPolicy(Qt::StrongFocus);
    // paintEvent fills every pixel, and scrolling repaints all: the header stays on top.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    relayout();
}

QSize SequenceDiagramView::sizeHint() const
{
    return {800, 600};
}

void SequenceDiagramView::setPackets(const QList<PacketEvent>& packets, const QList<int>& visible,
                                     qint64 originNs)
{
    QScrollBar* bar = verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum();
    const int before = m_model.rowCount();
    m_model.setPackets(packets, visible, originNs);
    relayout();
    if (follow && m_model.rowCount() > before)
        bar->setValue(bar->maximum());
}

void SequenceDiagramView::setActorNames(const QHash<QString, QString>& names)
{
    m_model.setActorNames(names);
    viewport()->update();
}

void SequenceDiagramView::setEmptyText(const QString& text)
{
    if (m_emptyText == text)
        return;
    m_emptyText = text;
    viewport()->update();
}

void SequenceDiagramView::setRelativeNumbers(bool relative)
{
    if (m_model.relativeNumbers() == relative)
        return;
    m_model.setRelativeNumbers(relative);
    viewport()->update();
    Q_EMIT relativeNumbersChanged(relative);
}

void SequenceDiagramView::highlightCall(qint64 callSeq)
{
    m_highlightedCall = callSeq;
    const QList<int> rows = m_model.rowsCausedBy(callSeq);
    if (!rows.isEmpty())
        ensureRowVisible(rows.first());
    viewport()->update();
}

QList<qint64> SequenceDiagramView::highlightedPackets() const
{
    QList<qint64> packets;
    for (const int row : m_model.rowsCausedBy(m_highlightedCall))
        packets.append(m_model.seq(row));
    return packets;
}

void SequenceDiagramView::selectPacket(qint64 packetSeq)
{
    m_selectedPacket = packetSeq;
    ensureRowVisible(m_model.rowOfPacket(packetSeq));
    viewport()->update();
}

QRect SequenceDiagramView::visualRowRect(int row) const
{
    if (row < 0 || row >= m_model.rowCount())
        return {};
    const QPointF offset(horizontalScrollBar()->value(), verticalScrollBar()->value());
    return m_layout.rowRect(row).translated(-offset).toAlignedRect();
}

QRect SequenceDiagramView::visualArrowRect(int row) const
{
    if (row < 0 || row >= m_model.rowCount())
        return {};
    const QPointF offset(horizontalScrollBar()->value(), verticalScrollBar()->value());
    return m_layout.arrowRect(row, m_model.from(row), m_model.to(row))
        .translated(-offset)
        .toAlignedRect();
}

void SequenceDiagramView::relayout()
{
    m_layout =
        SequenceDiagramLayout(m_model.lifelineCount(), m_model.rowCount(), viewport()->width(),
                              SequenceDiagramPainter::metricsFor(font()));
    const QSize page = viewport()->size();
    QScrollBar* vertical = verticalScrollBar();
    vertical->setRange(0, qMax(0, qCeil(m_layout.height()) - page.height()));
    vertical->setPageStep(page.height());
    vertical->setSingleStep(qCeil(m_layout.rowHeight()));
    QScrollBar* horizontal = horizontalScrollBar();
    horizontal->setRange(0, qMax(0, qCeil(m_layout.width()) - page.width()));
    horizontal->setPageStep(page.width());
    horizontal->setSingleStep(qCeil(m_layout.rowHeight()));
    viewport()->update();
}

void SequenceDiagramView::ensureRowVisible(int row)
{
    if (row < 0)
        return;
    // Rows are visible below the header, which covers the top of the viewport.
    QScrollBar* bar = verticalScrollBar();
    const qreal top = m_layout.rowTop(row) - m_layout.metrics().headerHeight;
    const qreal bottom = m_layout.rowTop(row) + m_layout.rowHeight() - viewport()->height();
    if (bar->value() > top)
        bar->setValue(qFloor(top));
    else if (bar->value() < bottom)
        bar->setValue(qCeil(bottom));
    // Lifelines wider than the view: the arrow comes into view, from its start when it is
    // wider than the view.
    QScrollBar* across = horizontalScrollBar();
    const QRectF arrow = m_layout.arrowRect(row, m_model.from(row), m_model.to(row));
    const qreal margin = m_layout.metrics().margin;
    if (across->value() > arrow.left() - margin || arrow.width() + 2 * margin > viewport()->width())
        across->setValue(qFloor(arrow.left() - margin));
    else if (across->value() + viewport()->width() < arrow.right() + margin)
        across->setValue(qCeil(arrow.right() + margin - viewport()->width()));
}

void SequenceDiagramView::pickRow(int row)
{
    m_selectedPacket = m_model.seq(row);
    ensureRowVisible(row);
    viewport()->update();
    Q_EMIT packetClicked(m_selectedPacket);
}

void SequenceDiagramView::paintEvent(QPaintEvent* event)
{
    QPainter painter(viewport());
    if (m_model.isEmpty()) {
        SequenceDiagramPainter::paintEmpty(painter, viewport()->rect(), palette(), m_emptyText);
        return;
    }
    const QPointF offset(horizontalScrollBar()->value(), verticalScrollBar()->value());
    painter.translate(-offset);
    SequenceDiagramPainter diagram(m_model, m_layout, font(), palette());
    diagram.setMarks(m_selectedPacket, m_highlightedCall);
    diagram.paint(painter, QRectF(event->rect()).translated(offset), offset.y());
}

void SequenceDiagramView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
    // The call's packets stay in view when the panel changes size.
    const QList<int> rows =
        m_highlightedCall >= 0 ? m_model.rowsCausedBy(m_highlightedCall) : QList<int>();
    if (!rows.isEmpty())
        ensureRowVisible(rows.first());
}

void SequenceDiagramView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        relayout();
    else if (event->type() == QEvent::PaletteChange)
        viewport()->update();
}

void SequenceDiagramView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    // Scroll areas hand viewport events over in viewport coordinates; the header covers
    // the rows scrolled under it.
    const qreal y = event->position().y();
    const int row =
        y < m_layout.metrics().headerHeight ? -1 : m_layout.rowAt(y + verticalScrollBar()->value());
    if (row >= 0)
        pickRow(row);
    event->accept();
}

void SequenceDiagramView::keyPressEvent(QKeyEvent* event)
{
    const int key = event->key();
    if ((key != Qt::Key_Up && key != Qt::Key_Down) || m_model.isEmpty()) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    const int current = m_model.rowOfPacket(m_selectedPacket);
    const int step = key == Qt::Key_Down ? 1 : -1;
    const int next = current < 0 ? (step > 0 ? 0 : m_model.rowCount() - 1)
                                 : qBound(0, current + step, m_model.rowCount() - 1);
    if (next != current)
        pickRow(next);
    event->accept();
}

void SequenceDiagramView::scrollContentsBy(int, int)
{
    viewport()->update();
}

bool SequenceDiagramView::exportPng(const QString& path, QString* message) const
{
    return exportTo(path, Format::Png, message);
}

bool SequenceDiagramView::exportSvg(const QString& path, QString* message) const
{
    return exportTo(path, Format::Svg, message);
}

bool SequenceDiagramView::exportTo(const QString& path, Format format, QString* message) const
{
    const auto fail = [&](const QString& reason) {
        if (message)
            *message = reason;
        return false;
    };
    if (m_model.isEmpty())
        return fail(tr("There are no packets to export."));
    const SequenceDiagramMetrics metrics = SequenceDiagramPainter::metricsFor(font());
    const qreal noteHeight =
        QFontMetricsF(SequenceDiagramPainter::smallFont(font())).height() + metrics.margin;
    int rows = qMin(m_model.rowCount(), exportRowLimit);
    if (format == Format::Png) {
        const qreal room = exportPngMaxHeight - metrics.headerHeight - metrics.margin - noteHeight;
        rows = qMin(rows, int(room / metrics.rowHeight));
    }
    const SequenceDiagramLayout layout(m_model.lifelineCount(), rows,
                                       qMax(viewport()->width(), sizeHint().width()), metrics);
    const QString note =
        rows < m_model.rowCount()
            ? tr("Only the first %1 of %2 packets were exported.").arg(rows).arg(m_model.rowCount())
            : QString();
    const QSize size(qCeil(layout.width()),
                     qCeil(layout.height() + (note.isEmpty() ? 0 : noteHeight)));

    QSaveFile file(path);
    const auto writeFailed = [&] {
        return fail(
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly))
        return writeFailed();
    const SequenceDiagramPainter diagram(m_model, layout, font(), palette());
    const auto render = [&](QPainter& painter) {
        diagram.paint(painter, QRectF(0, 0, layout.width(), layout.height()), 0);
        if (!note.isEmpty())
            diagram.paintNote(painter, QRectF(0, layout.height(), layout.width(), noteHeight),
                              note);
    };
    if (format == Format::Png) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(palette().color(QPalette::Base));
        QPainter painter(&image);
        render(painter);
        painter.end();
        if (!image.save(&file, "PNG"))
            return writeFailed();
    } else {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(tr("Sequence diagram"));
        QPainter painter(&generator);
        render(painter);
    }
    if (!file.commit())
        return writeFailed();
    if (message)
        *message = note;
    return true;
}

} // namespace SocketScope
