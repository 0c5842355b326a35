// StageView's painting: it draws the scene StageLayout computed, and animates the last call.
#include "stagepainter.h"
#include "stageview.h"

#include <QPainter>

namespace SocketScope {

namespace {

QPointF lerp(const QPointF& a, const QPointF& b, qreal t)
{
    return a + (b - a) * t;
}

} // namespace

QColor StageView::actorColor(const QString& actor) const
{
    return m_actorIds.indexOf(actor) == 0 ? m_theme.server : m_theme.client;
}

void StageView::paintEvent(QPaintEvent*)
{
    const Theme& theme = m_theme;
    QPainter painter(this);
    painter.fillRect(rect(), theme.background);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const StageScene& stage = scene();
    if (m_state.endpoints.isEmpty()) {
        for (const StageText& text : stage.texts)
            StagePainter::drawText(painter, text, theme, font());
        return;
    }
    paintLines(painter, stage);
    if (stage.bubble >= 0) {
        painter.save();
        painter.setOpacity(m_transition);
        StagePainter::drawBubblePointer(painter, stage.texts[stage.bubble], stage.bubbleTip, theme);
        painter.restore();
    }
    for (qsizetype i = 0; i < m_state.endpoints.size(); ++i)
        paintEndpoint(painter, stage, int(i));
    // Outside programs in neither actor's colour: SocketScope does not run them.
    for (const StageOutsider& outsider : stage.outsiders) {
        const StagePainter::IconFill fill = StagePainter::iconFill(0);
        if (m_viewMode == ViewMode::Protocol)
            StagePainter::drawSocketBox(painter, outsider.icon, theme.muted, fill, theme);
        else
            StagePainter::drawPhone(painter, outsider.icon, theme.muted, true, false, fill, theme);
        StagePainter::drawText(painter, stage.texts[outsider.label], theme, font());
    }
    for (const StageText& text : stage.texts) {
        if (text.kind == StageText::Kind::Header)
            StagePainter::drawText(painter, text, theme, font());
    }
    paintExchange(painter, stage);
    paintCrowdNote(painter);
}

void StageView::paintCrowdNote(QPainter& painter) const
{
    const qreal strip = crowdStripHeight();
    if (strip <= 0)
        return;
    painter.save();
    QFont note = font();
    note.setPixelSize(int(crowdNotePixels()));
    note.setItalic(true);
    painter.setFont(note);
    painter.setPen(m_theme.muted);
    const qreal margin = crowdNotePixels() / 2;
    painter.drawText(QRectF(margin, height() - strip, width() - 2 * margin, strip),
                     Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, m_crowdNote);
    painter.restore();
}

void StageView::paintLines(QPainter& painter, const StageScene& stage) const
{
    const Theme& theme = m_theme;
    painter.save();
    const qreal width = qMax(2.0, stage.textPixels * 0.2);
    for (const StageLine& line : m_state.lines) {
        const bool dialling =
            m_state.last.kind == StageExchange::Kind::Dial && m_state.last.from == line.from;
        const bool pickingUp =
            m_state.last.kind == StageExchange::Kind::PickUp && m_state.last.to == line.to;
        const qreal reach = (dialling || pickingUp) ? m_transition : 1.0;
        const QPointF from = stage.anchor(line.from);
        QPointF to = stage.anchor(line.to);
        const QRectF queue = stage.cells.value(line.to).waitingLine;
        if (line.queued && !queue.isNull()) // the caller waits in the listener's waiting line
            to = QPointF(queue.right(), queue.center().y());
        QPen pen(line.hungUp ? theme.muted : theme.ink, width, Qt::SolidLine, Qt::RoundCap);
        if (line.queued || line.hungUp)
            pen.setStyle(Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(from, lerp(from, to, reach));
    }
    // A refused call: the line goes out and nobody answers.
    for (const StageRefusal& refusal : stage.refusals) {
        const bool fresh = m_state.last.kind == StageExchange::Kind::Failure &&
                           m_state.last.from == refusal.endpoint;
        const qreal reach = fresh ? m_transition : 1.0;
        const QPointF from = stage.anchor(refusal.endpoint);
        painter.setPen(QPen(theme.error, width, Qt::DashLine, Qt::RoundCap));
        painter.drawLine(from, lerp(from, refusal.mark.center(), reach));
        if (reach >= 1.0)
            StagePainter::drawCross(painter, refusal.mark, theme);
    }
    // A program outside SocketScope: the line to its telephone, cut off once it hung up.
    for (const StageOutsider& outsider : stage.outsiders) {
        const bool hungUp = m_state.endpoints[outsider.endpoint].peerHungUp;
        QPen pen(hungUp ? theme.muted : theme.ink, width, Qt::SolidLine, Qt::RoundCap);
        if (hungUp)
            pen.setStyle(Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(outsider.line);
    }
    painter.restore();
}

void StageView::paintEndpoint(QPainter& painter, const StageScene& stage, int index) const
{
    const Theme& theme = m_theme;
    const StageEndpoint& endpoint = m_state.endpoints[index];
    const StageCell& cell = stage.cells.value(index);
    const bool closed = endpoint.phase == StageEndpoint::Phase::Closed;
    const bool appearing =
        (m_state.last.kind == StageExchange::Kind::None && m_state.last.from == index) ||
        (m_state.last.kind == StageExchange::Kind::PickUp && m_state.last.to == index);
    painter.save();
    painter.setOpacity(appearing ? m_transition : 1.0);
    const QColor color = closed ? theme.muted : actorColor(endpoint.actor);
    const auto fill = StagePainter::iconFill(int(m_actorIds.indexOf(endpoint.actor)));
    const bool protocol = m_viewMode == ViewMode::Protocol;
    if (protocol) {
        StagePainter::drawSocketBox(painter, cell.body, color, fill, theme);
    } else if (endpoint.datagram) {
        StagePainter::drawMailbox(painter, cell.body, color, int(endpoint.mailbox.size()), fill,
                                  theme);
    } else {
        const bool offHook = endpoint.phase == StageEndpoint::Phase::Connected;
        const bool ringing = endpoint.phase == StageEndpoint::Phase::Listening;
        StagePainter::drawPhone(painter, cell.body, color, offHook, ringing, fill, theme);
    }
    if (cell.badge >= 0)
        StagePainter::drawBadge(painter, stage.texts[cell.badge], color, !protocol, theme, font());
    if (cell.label >= 0) {
        QColor halo = theme.background;
        halo.setAlphaF(0.85);
        StagePainter::drawText(painter, stage.texts[cell.label], theme, font(), halo);
    }
    if (!cell.waitingLine.isNull())
        StagePainter::drawWaitingLine(painter, cell.waitingLine, endpoint.backlog,
                                      endpoint.queuedCallers, theme);
    painter.restore();
}

void StageView::paintExchange(QPainter& painter, const StageScene& stage) const
{
    const Theme& theme = m_theme;
    painter.save();
    if (stage.bubble >= 0) {
        // The words appear between the two telephones.
        painter.setOpacity(m_transition);
        StagePainter::drawBubble(painter, stage.texts[stage.bubble], stage.bubbleTip, theme,
                                 font());
    }
    if (stage.envelope >= 0) {
        // The letter travels from the mailbox it left (or is taken out of) to its place.
        const StageText& envelope = stage.texts[stage.envelope];
        painter.translate((stage.envelopeFrom - envelope.rect.center()) * (1 - m_transition));
        StagePainter::drawEnvelope(painter, envelope, theme, font());
    }
    painter.restore();
}

} // namespace SocketScope
