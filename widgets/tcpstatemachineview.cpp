#include "tcpstatemachineview.h"

#include "emptyviewmessage.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace SocketScope {

namespace {

constexpr qreal smallestPointSize = 6.5;
constexpr qreal largestNameScale = 1.4;

QFont scaled(const QFont& font, qreal factor)
{
    QFont result = font;
    if (font.pointSizeF() > 0)
        result.setPointSizeF(qMax(smallestPointSize, font.pointSizeF() * factor));
    else
        result.setPixelSize(qMax(9, qRound(font.pixelSize() * factor)));
    return result;
}

void paintArrowHead(QPainter& painter, const QPolygonF& path, qreal size)
{
    const QLineF last(path.at(path.size() - 2), path.last());
    if (last.length() <= 0)
        return;
    const QPointF along = (last.p2() - last.p1()) / last.length() * size;
    const QPointF across(-along.y() / 2, along.x() / 2);
    const QPointF base = last.p2() - along;
    painter.drawPolygon(QPolygonF{last.p2(), base + across, base - across});
}

// Where the event and the action of an arrow go; the action in a quieter colour.
struct LabelPlacement {
    QRectF event;
    QRectF action;
    int flags = 0;
};

// Placed in its rooms, or nothing when it does not fit them.
std::optional<LabelPlacement> placeLabel(const QFontMetricsF& metrics, const TcpEdgeGeometry& edge,
                                         const TcpTransition& transition)
{
    const bool across = edge.actionRoom.isValid();
    const QRectF room = edge.labelRoom;
    if (!room.isValid())
        return std::nullopt;
    const int flags = int(edge.labelAlignment & Qt::AlignHorizontal_Mask) | Qt::TextWordWrap;
    const auto measure = [&](const QRectF& in, const QString& text) {
        return text.isEmpty()
                   ? QSizeF()
                   : metrics.boundingRect(QRectF(in.left(), 0, in.width(), 1e6), flags, text)
                         .size();
    };
    const QSizeF event = measure(room, transition.event);
    const QSizeF action = measure(across ? edge.actionRoom : room, transition.action);
    if (across) {
        if (event.width() > room.width() || event.height() > room.height() ||
            action.width() > edge.actionRoom.width() || action.height() > edge.actionRoom.height())
            return std::nullopt;
        return LabelPlacement{
            QRectF(room.left(), room.bottom() - event.height(), room.width(), event.height()),
            QRectF(edge.actionRoom.topLeft(), QSizeF(edge.actionRoom.width(), action.height())),
            flags};
    }
    const qreal height = event.height() + action.height();
    if (qMax(event.width(), action.width()) > room.width() || height > room.height())
        return std::nullopt;
    qreal top = room.center().y() - height / 2;
    if (edge.labelAlignment & Qt::AlignTop)
        top = room.top();
    else if (edge.labelAlignment & Qt::AlignBottom)
        top = room.bottom() - height;
    return LabelPlacement{QRectF(room.left(), top, room.width(), event.height()),
                          QRectF(room.left(), top + event.height(), room.width(), action.height()),
                          flags};
}

// Every label placed, or none when one does not fit: a diagram with some arrows unlabelled
// looks like it lacks them.
QList<LabelPlacement> placeLabels(const QFont& font, const TcpStateMachineLayout& layout)
{
    const QFontMetricsF metrics(font);
    QList<LabelPlacement> labels;
    for (int i = 0; i < layout.edges().size(); ++i) {
        const auto label = placeLabel(metrics, layout.edges().at(i), tcpTransitions().at(i));
        if (!label)
            return {};
        labels.append(*label);
    }
    return labels;
}

} // namespace

struct TcpStateMachineView::Fonts {
    QFont name;
    QFont lit;
    QFont label;
};

TcpStateMachineView::TcpStateMachineView(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("TCP state machine"));
}

void TcpStateMachineView::setCurrentState(std::optional<TcpState> state)
{
    if (m_current == state)
        return;
    m_current = state;
    update();
    Q_EMIT currentStateChanged(state);
}

void TcpStateMachineView::setSecondaryState(std::optional<TcpState> state)
{
    if (m_secondary == state)
        return;
    m_secondary = state;
    update();
    Q_EMIT secondaryStateChanged(state);
}

void TcpStateMachineView::setSecondaryCaption(const QString& caption)
{
    if (m_secondaryCaption == caption)
        return;
    m_secondaryCaption = caption;
    update();
    Q_EMIT secondaryCaptionChanged(caption);
}

void TcpStateMachineView::setTrace(const QList<TcpState>& states)
{
    QList<TcpState> kept;
    for (const TcpState state : states) {
        if (kept.isEmpty() || kept.last() != state)
            kept.append(state);
    }
    if (kept.size() > maximumTrace)
        kept.remove(0, kept.size() - maximumTrace);
    if (kept == m_trace)
        return;
    m_trace = kept;
    m_steps.clear();
    for (qsizetype i = 1; i < m_trace.size(); ++i) {
        const QList<TcpState> path = tcpPath(m_trace.at(i - 1), m_trace.at(i));
        for (qsizetype j = 1; j < path.size(); ++j)
            m_steps.append({tcpTransitionIndex(path.at(j - 1), path.at(j)), path.size() > 2});
    }
    update();
    Q_EMIT traceChanged(m_trace);
}

std::optional<TcpState> TcpStateMachineView::stateAt(const QPoint& point) const
{
    if (isEmpty())
        return std::nullopt;
    const TcpStateMachineLayout layout = currentLayout();
    const int box = layout.boxAt(point);
    if (box < 0)
        return std::nullopt;
    return layout.boxes().at(box).state;
}

QRectF TcpStateMachineView::stateBoxRect(TcpState state) const
{
    return currentLayout().boxes().at(boxOf(state)).rect;
}

QSize TcpStateMachineView::sizeHint() const
{
    return {560, 460};
}

QSize TcpStateMachineView::minimumSizeHint() const
{
    return {320, 280};
}

int TcpStateMachineView::boxOf(TcpState state) const
{
    // The trace that ended a connection arrives in the bottom CLOSED box: light that one.
    if (state == TcpState::Closed && !m_steps.isEmpty() && m_trace.last() == TcpState::Closed &&
        tcpTransitions().at(m_steps.last().transition).to == TcpState::Closed)
        return currentLayout().edges().at(m_steps.last().transition).toBox;
    return int(state);
}

bool TcpStateMachineView::labelsShown() const
{
    const TcpStateMachineLayout layout = currentLayout();
    return !placeLabels(fontsFor(layout).label, layout).isEmpty();
}

TcpStateMachineView::Fonts TcpStateMachineView::fontsFor(const TcpStateMachineLayout& layout) const
{
    // The names shrink to fit the boxes and grow a little in a large window; the labels
    // shrink with them but never grow, and vanish where they no longer fit.
    const QSizeF box = layout.stateRect(TcpState::Closed).size();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF metrics(bold);
    qreal widest = 0;
    for (int i = 0; i < tcpStateCount; ++i)
        widest = qMax(widest, metrics.horizontalAdvance(rfcName(TcpState(i))));
    const qreal factor = std::min(
        {largestNameScale, (box.width() - 8) / widest, 0.7 * box.height() / metrics.height()});
    return {scaled(font(), factor), scaled(bold, factor),
            scaled(font(), 0.9 * qMin<qreal>(1, factor))};
}

bool TcpStateMachineView::isEmpty() const
{
    return !m_current && !m_secondary && m_trace.isEmpty();
}

bool TcpStateMachineView::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const std::optional<TcpState> state = stateAt(help->pos());
    if (!state) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const QString rfc = rfcName(*state);
    const QString kernel = kernelName(*state);
    const QString title = rfc == kernel ? rfc : QStringLiteral("%1 (%2)").arg(rfc, kernel);
    QToolTip::showText(
        help->globalPos(),
        QStringLiteral("<b>%1</b><br>%2").arg(title, tcpStateExplanation(*state).toHtmlEscaped()),
        this, stateBoxRect(*state).toAlignedRect());
    return true;
}

void TcpStateMachineView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (isEmpty()) {
        paintEmptyViewMessage(painter, *this, tr("Select a TCP socket to see its state machine."));
        return;
    }
    painter.fillRect(rect(), palette().base());
    painter.setRenderHint(QPainter::Antialiasing);
    const TcpStateMachineLayout layout = currentLayout();
    const Fonts fonts = fontsFor(layout);
    painter.setFont(fonts.label);
    paintEdges(painter, layout);
    paintTrace(painter, layout);
    paintBoxes(painter, layout, fonts);
    paintSecondary(painter, layout, fonts);
}

void TcpStateMachineView::paintEdges(QPainter& painter, const TcpStateMachineLayout& layout) const
{
    const QColor colour = palette().color(QPalette::PlaceholderText);
    const qreal arrow = qBound<qreal>(5, 0.22 * layout.stateRect(TcpState::Closed).height(), 9);
    for (const TcpEdgeGeometry& edge : layout.edges()) {
        painter.setPen(QPen(colour, 1.2));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(edge.path);
        painter.setBrush(colour);
        paintArrowHead(painter, edge.path, arrow);
    }
    const QList<TcpTransition>& transitions = tcpTransitions();
    const QList<LabelPlacement> labels = placeLabels(painter.font(), layout);
    for (int i = 0; i < labels.size(); ++i) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(labels.at(i).event, labels.at(i).flags, transitions.at(i).event);
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(labels.at(i).action, labels.at(i).flags, transitions.at(i).action);
    }
}

void TcpStateMachineView::paintTrace(QPainter& painter, const TcpStateMachineLayout& layout) const
{
    const QColor colour = palette().color(QPalette::Highlight);
    const qreal height = layout.stateRect(TcpState::Closed).height();
    const qreal arrow = qBound<qreal>(7, 0.3 * height, 12);
    const qreal width = qBound<qreal>(2.5, 0.09 * height, 4);
    for (const TraceStep& step : m_steps) {
        const TcpEdgeGeometry& edge = layout.edges().at(step.transition);
        painter.setPen(QPen(colour, width, step.skipped ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap,
                            Qt::MiterJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(edge.path);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        paintArrowHead(painter, edge.path, arrow);
    }
    // The order of the steps, in small discs on the arrows, over any label.
    const QFontMetricsF metrics(painter.font());
    const qreal radius = 0.65 * metrics.height();
    for (int i = 0; i < m_steps.size(); ++i) {
        const QPointF centre = layout.edges().at(m_steps.at(i).transition).middle;
        const QRectF disc(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius);
        painter.setPen(QPen(palette().color(QPalette::Base), 1));
        painter.setBrush(colour);
        painter.drawEllipse(disc);
        painter.setPen(palette().color(QPalette::HighlightedText));
        painter.drawText(disc, Qt::AlignCenter, QString::number(i + 1));
    }
}

void TcpStateMachineView::paintBoxes(QPainter& painter, const TcpStateMachineLayout& layout,
                                     const Fonts& fonts) const
{
    QList<int> visited;
    for (const TraceStep& step : m_steps) {
        visited << layout.edges().at(step.transition).fromBox
                << layout.edges().at(step.transition).toBox;
    }
    const int lit = m_current ? boxOf(*m_current) : -1;
    const QList<TcpStateBox>& boxes = layout.boxes();
    for (int i = 0; i < boxes.size(); ++i) {
        const QRectF rect = boxes.at(i).rect;
        const qreal radius = qMin<qreal>(6, 0.25 * rect.height());
        if (i == lit) {
            painter.setPen(QPen(palette().color(QPalette::Highlight).darker(130), 2));
            painter.setBrush(palette().color(QPalette::Highlight));
        } else if (visited.contains(i)) {
            painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
            painter.setBrush(palette().color(QPalette::Button));
        } else {
            painter.setPen(QPen(palette().color(QPalette::PlaceholderText), 1));
            painter.setBrush(palette().color(QPalette::Button));
        }
        painter.drawRoundedRect(rect, radius, radius);
        painter.setFont(i == lit ? fonts.lit : fonts.name);
        painter.setPen(
            palette().color(i == lit ? QPalette::HighlightedText : QPalette::ButtonText));
        painter.drawText(rect, Qt::AlignCenter, rfcName(boxes.at(i).state));
    }
}

void TcpStateMachineView::paintSecondary(QPainter& painter, const TcpStateMachineLayout& layout,
                                         const Fonts& fonts) const
{
    if (!m_secondary)
        return;
    const QRectF rect = layout.boxes().at(boxOf(*m_secondary)).rect.adjusted(-4, -4, 4, 4);
    const qreal radius = qMin<qreal>(8, 0.25 * rect.height());
    painter.setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(rect, radius, radius);
    if (m_secondaryCaption.isEmpty())
        return;
    // Under the box, or over it at the bottom of the diagram; on the background colour so
    // that it reads over the arrows.
    painter.setFont(fonts.label);
    const QFontMetricsF metrics(fonts.label);
    QRectF caption = metrics.boundingRect(m_secondaryCaption).adjusted(-3, 0, 3, 0);
    caption.moveCenter(rect.center());
    if (rect.bottom() + caption.height() <= height())
        caption.moveTop(rect.bottom());
    else
        caption.moveBottom(rect.top());
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawRect(caption);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(caption, Qt::AlignCenter, m_secondaryCaption);
}

} // namespace SocketScope
