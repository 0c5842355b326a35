#include "stageview.h"

#include "calls/crender.h"
#include "calls/displaytext.h"
#include "stagelayout.h"
#include "stagepainter.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyle>

namespace SocketScope {

namespace {

const StagePainter::Theme theme;

QFont stageFont(qreal pixelSize, bool bold = false)
{
    QFont font;
    font.setPixelSize(int(pixelSize));
    font.setBold(bold);
    return font;
}

QPointF lerp(const QPointF& a, const QPointF& b, qreal t)
{
    return a + (b - a) * t;
}

} // namespace

StageView::StageView(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Stage"));
    m_animation.setStartValue(0.0);
    m_animation.setEndValue(1.0);
    m_animation.setEasingCurve(QEasingCurve::InOutCubic);
    connect(&m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant& value) { setTransition(value.toReal()); });
    connect(&m_animation, &QVariantAnimation::finished, this, &StageView::animationFinished);
}

QSize StageView::sizeHint() const
{
    return {960, 540};
}

QSize StageView::minimumSizeHint() const
{
    return {480, 270};
}

void StageView::setActors(const QStringList& ids, const QStringList& names)
{
    m_actorIds = ids;
    m_actorNames = names;
    update();
}

void StageView::setState(const StageState& state)
{
    const bool changed = state.lastSeq != m_state.lastSeq || state.cursor != m_state.cursor;
    m_state = state;
    if (changed && animationsEnabled() && state.lastSeq != 0) {
        m_animation.stop();
        m_animation.setDuration(m_animationDuration);
        m_transition = 0;
        m_animation.start();
    } else if (changed) {
        m_animation.stop();
        m_transition = 1;
        Q_EMIT animationFinished();
    }
    update();
}

void StageView::setTime(qint64 nowNs)
{
    if (nowNs <= m_state.timeNs)
        return;
    bool waiting = false;
    for (const StageEndpoint& endpoint : std::as_const(m_state.endpoints))
        waiting |= endpoint.waitingCall.has_value();
    m_state.timeNs = nowNs;
    if (waiting)
        update();
}

void StageView::setViewMode(ViewMode mode)
{
    if (m_viewMode == mode)
        return;
    m_viewMode = mode;
    update();
    Q_EMIT viewModeChanged(mode);
}

void StageView::setTransition(qreal transition)
{
    if (qFuzzyCompare(m_transition, transition))
        return;
    m_transition = transition;
    update();
}

void StageView::setAnimationDuration(int milliseconds)
{
    m_animationDuration = qMax(0, milliseconds);
}

bool StageView::animationsEnabled() const
{
    return m_animationDuration > 0 && style()->styleHint(QStyle::SH_Widget_Animate, nullptr, this);
}

bool StageView::isAnimationRunning() const
{
    return m_animation.state() == QAbstractAnimation::Running;
}

void StageView::skipAnimation()
{
    if (!isAnimationRunning())
        return;
    m_animation.stop();
    setTransition(1);
    Q_EMIT animationFinished();
}

QColor StageView::actorColor(const QString& actor) const
{
    return m_actorIds.indexOf(actor) == 0 ? theme.server : theme.client;
}

QString StageView::waitingText(const StageEndpoint& endpoint) const
{
    const double seconds = double(qMax<qint64>(0, m_state.timeNs - endpoint.waitingSinceNs)) / 1e9;
    const QString elapsed = QString::number(seconds, 'f', 1);
    const Call call = endpoint.waitingCall.value_or(Call::Read);
    const QString name = Calls::name(call);
    if (m_viewMode == ViewMode::Protocol)
        return tr("%1() blocked for %2 s").arg(name, elapsed);
    if (call == Call::Accept || call == Call::Accept4)
        return tr("waiting by the phone… %1 s").arg(elapsed);
    if (call == Call::Connect)
        return tr("dialling… %1 s").arg(elapsed);
    if (endpoint.datagram)
        return tr("waiting for the mail… %1 s").arg(elapsed);
    if (Calls::has(call, CallTrait::ReceivesData))
        return tr("listening to silence… %1 s").arg(elapsed);
    return tr("waiting in %1()… %2 s").arg(name, elapsed);
}

QString StageView::statusText(const StageEndpoint& endpoint) const
{
    using Phase = StageEndpoint::Phase;
    const bool protocol = m_viewMode == ViewMode::Protocol;
    if (endpoint.phase == Phase::Closed)
        return protocol ? tr("closed") : tr("hung up");
    if (endpoint.waitingCall && !protocol)
        return waitingText(endpoint);
    if (protocol) {
        QStringList parts;
        if (endpoint.tcpState)
            parts << kernelName(*endpoint.tcpState);
        if (endpoint.waitingCall)
            parts << waitingText(endpoint);
        QString state = parts.join(QStringLiteral(" · "));
        if (endpoint.writeShut || endpoint.readShut)
            state += QStringLiteral(" · shutdown(%1)")
                         .arg(endpoint.readShut && endpoint.writeShut ? QStringLiteral("SHUT_RDWR")
                              : endpoint.writeShut                    ? QStringLiteral("SHUT_WR")
                                                                      : QStringLiteral("SHUT_RD"));
        if (endpoint.peerHungUp)
            state += tr(" · read returned 0");
        return state;
    }
    if (endpoint.peerHungUp)
        return tr("the other side hung up (read returned 0)");
    if (endpoint.writeShut && endpoint.readShut)
        return tr("both directions hung up");
    if (endpoint.writeShut)
        return tr("mouthpiece hung up: it can still listen");
    if (endpoint.readShut)
        return tr("earpiece hung up: it can still talk");
    switch (endpoint.phase) {
    case Phase::Created:
        // sendto() or connect() without bind(): the system chose the address.
        if (endpoint.local.isValid())
            return tr("address chosen by the system at the first send");
        return endpoint.datagram ? tr("a mailbox, no address yet") : tr("installed, no number yet");
    case Phase::Bound:
        if (!endpoint.local.isValid())
            return tr("bound to port 0: the system chooses the port");
        return endpoint.datagram ? tr("mailbox open at this address") : tr("has a number");
    case Phase::Listening:
        return tr("ringer on");
    case Phase::Connected:
        if (endpoint.datagram)
            return tr("writes to one address only (connected UDP)");
        return endpoint.parentFd >= 0 ? tr("picked up: on the line") : tr("on the line");
    case Phase::Closed:
        break;
    }
    return {};
}

QString StageView::failureText(const StageEndpoint& endpoint) const
{
    if (!endpoint.failedCall)
        return {};
    if (m_viewMode == ViewMode::Analogy && endpoint.failedCall == Call::Connect &&
        endpoint.failure.value == ECONNREFUSED)
        return tr("nobody picks up at %1: the line is dead (ECONNREFUSED)")
            .arg(endpoint.failedTarget.endpoint());
    return tr("%1() failed: %2")
        .arg(Calls::name(*endpoint.failedCall),
             endpoint.failureCancelled ? tr("cancelled") : endpoint.failure.name);
}

QStringList StageView::describe(int index) const
{
    const StageEndpoint& endpoint = m_state.endpoints.at(index);
    const bool protocol = m_viewMode == ViewMode::Protocol;
    QStringList lines;
    if (protocol) {
        lines << tr("fd %1 · %2")
                     .arg(endpoint.fd)
                     .arg(endpoint.datagram ? QStringLiteral("UDP") : QStringLiteral("TCP"));
        lines << tr("local %1")
                     .arg(endpoint.local.isValid() ? endpoint.local.endpoint()
                                                   : QStringLiteral("—"));
        if (endpoint.peer.isValid())
            lines << tr("peer %1").arg(endpoint.peer.endpoint());
    } else {
        if (endpoint.datagram)
            lines << tr("mailbox, descriptor %1").arg(endpoint.fd);
        else if (endpoint.parentFd >= 0)
            lines << tr("new handset, descriptor %1").arg(endpoint.fd);
        else
            lines << tr("telephone, descriptor %1").arg(endpoint.fd);
        // Without a number the status says so ("installed, no number yet"): once is enough.
        if (endpoint.local.isValid())
            lines << tr("number %1").arg(endpoint.local.endpoint());
        if (endpoint.peer.isValid() && !endpoint.datagram)
            lines << tr("talking with %1").arg(endpoint.peer.endpoint());
    }
    // A mailbox is not hung up: it is taken down.
    const bool mailboxTakenDown =
        !protocol && endpoint.datagram && endpoint.phase == StageEndpoint::Phase::Closed;
    const QString status =
        mailboxTakenDown ? tr("closed: the mailbox is taken down") : statusText(endpoint);
    if (!status.isEmpty())
        lines << status;
    if (endpoint.phase == StageEndpoint::Phase::Listening) {
        lines << (protocol ? tr("accept queue %1/%2") : tr("waiting line %1/%2"))
                     .arg(endpoint.queuedCallers)
                     .arg(endpoint.backlog);
    }
    if (!endpoint.unread.isEmpty()) {
        lines << (protocol ? tr("receive queue %1 bytes").arg(endpoint.unread.size())
                           : tr("not heard yet: %1").arg(DisplayText::quoted(endpoint.unread, 24)));
    }
    if (!endpoint.mailbox.isEmpty()) {
        lines << (protocol ? tr("datagrams in the receive queue: %1").arg(endpoint.mailbox.size())
                           : tr("letters waiting: %1").arg(endpoint.mailbox.size()));
    }
    const QString failure = failureText(endpoint);
    if (!failure.isEmpty())
        lines << failure;
    return lines;
}

QStringList StageView::exchangeText() const
{
    const StageExchange& last = m_state.last;
    QStringList lines;
    switch (last.kind) {
    case StageExchange::Kind::Speech:
    case StageExchange::Kind::Heard:
        lines << DisplayText::quoted(last.bytes, 40);
        if (m_viewMode == ViewMode::Protocol || !DisplayText::isAsciiText(last.bytes))
            lines << CRender::hexBytes(last.bytes, 16);
        if (m_viewMode == ViewMode::Protocol)
            lines.prepend(last.kind == StageExchange::Kind::Speech
                              ? tr("bytes sent: %1").arg(last.bytes.size())
                              : tr("bytes received: %1").arg(last.bytes.size()));
        else if (last.kind == StageExchange::Kind::Heard)
            lines.prepend(tr("heard:"));
        break;
    case StageExchange::Kind::Posted:
    case StageExchange::Kind::Collected:
        lines << (last.kind == StageExchange::Kind::Posted
                      ? tr("to %1").arg(last.envelope.endpoint())
                      : tr("from %1").arg(last.envelope.endpoint()))
              << DisplayText::quoted(last.bytes, 24);
        if (m_viewMode == ViewMode::Protocol || !DisplayText::isAsciiText(last.bytes))
            lines << CRender::hexBytes(last.bytes, 16);
        break;
    default:
        break;
    }
    return lines;
}

void StageView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), theme.background);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QSizeF scene = StageLayout::sceneFor(size());
    const qreal scale = qMin(width() / scene.width(), height() / scene.height());
    painter.translate((width() - scene.width() * scale) / 2,
                      (height() - scene.height() * scale) / 2);
    painter.scale(scale, scale);

    if (m_state.endpoints.isEmpty()) {
        painter.setPen(theme.muted);
        painter.setFont(stageFont(28));
        painter.drawText(QRectF(QPointF(0, 0), scene), Qt::AlignCenter,
                         tr("Press Next to perform the first call."));
        return;
    }
    const StageLayout layout(scene, m_actorIds, m_state);
    painter.setFont(stageFont(26, true));
    for (int actor = 0; actor < layout.actorCount(); ++actor) {
        painter.setPen(actorColor(m_actorIds.value(actor)));
        painter.drawText(layout.header(actor), Qt::AlignHCenter | Qt::AlignVCenter,
                         m_actorNames.value(actor, m_actorIds.value(actor)));
    }
    paintLines(painter, layout, scene);
    for (qsizetype i = 0; i < m_state.endpoints.size(); ++i)
        paintEndpoint(painter, layout, int(i));
    paintExchange(painter, layout);
}

void StageView::paintLines(QPainter& painter, const StageLayout& layout, const QSizeF& scene) const
{
    painter.save();
    for (const StageLine& line : m_state.lines) {
        const bool dialling =
            m_state.last.kind == StageExchange::Kind::Dial && m_state.last.from == line.from;
        const bool pickingUp =
            m_state.last.kind == StageExchange::Kind::PickUp && m_state.last.to == line.to;
        const qreal reach = (dialling || pickingUp) ? m_transition : 1.0;
        const QPointF from = layout.anchor(line.from);
        QPointF to = layout.anchor(line.to);
        if (line.queued) // the caller waits in the listener's waiting line
            to = QPointF(layout.cell(line.to).left() + 40, layout.cell(line.to).bottom() - 30);
        QPen pen(line.hungUp ? theme.muted : theme.ink, 5, Qt::SolidLine, Qt::RoundCap);
        if (line.queued || line.hungUp)
            pen.setStyle(Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(from, lerp(from, to, reach));
    }
    // A refused call: the line goes out and nobody answers.
    for (qsizetype i = 0; i < m_state.endpoints.size(); ++i) {
        const StageEndpoint& endpoint = m_state.endpoints[i];
        if (endpoint.failedCall != Call::Connect)
            continue;
        const QPointF from = layout.anchor(int(i));
        const QPointF end = from + QPointF(from.x() > scene.width() / 2 ? -220 : 220, 0);
        const bool fresh =
            m_state.last.kind == StageExchange::Kind::Failure && m_state.last.from == i;
        const QPointF to = lerp(from, end, fresh ? m_transition : 1.0);
        painter.setPen(QPen(theme.error, 5, Qt::DashLine, Qt::RoundCap));
        painter.drawLine(from, to);
        painter.setPen(QPen(theme.error, 6, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(to + QPointF(-14, -14), to + QPointF(14, 14));
        painter.drawLine(to + QPointF(-14, 14), to + QPointF(14, -14));
    }
    painter.restore();
}

void StageView::paintEndpoint(QPainter& painter, const StageLayout& layout, int index) const
{
    const StageEndpoint& endpoint = m_state.endpoints[index];
    const QRectF cell = layout.cell(index);
    const QRectF icon = layout.iconRect(index);
    const bool closed = endpoint.phase == StageEndpoint::Phase::Closed;
    const bool appearing =
        (m_state.last.kind == StageExchange::Kind::None && m_state.last.from == index) ||
        (m_state.last.kind == StageExchange::Kind::PickUp && m_state.last.to == index);
    painter.save();
    painter.setOpacity(appearing ? m_transition : 1.0);
    const QColor color = closed ? theme.muted : actorColor(endpoint.actor);
    const QFont badgeFont = stageFont(qMax(14.0, icon.height() * 0.2));
    if (m_viewMode == ViewMode::Protocol) {
        StagePainter::drawSocketBox(
            painter, icon, color, endpoint.datagram ? QStringLiteral("UDP") : QStringLiteral("TCP"),
            endpoint.fd, badgeFont);
    } else if (endpoint.datagram) {
        StagePainter::drawMailbox(painter, icon, color, int(endpoint.mailbox.size()), endpoint.fd,
                                  badgeFont);
    } else {
        const bool offHook = endpoint.phase == StageEndpoint::Phase::Connected;
        const bool ringing = endpoint.phase == StageEndpoint::Phase::Listening;
        StagePainter::drawPhone(painter, icon, color, offHook, ringing, endpoint.fd, badgeFont);
    }

    const QStringList lines = describe(index);
    const qreal textSize = qBound(13.0, cell.height() / 8.5, 20.0);
    const QFont font = stageFont(textSize);
    const QFontMetricsF metrics(font);
    // Right of the icon and of its ringing waves.
    const qreal textLeft = icon.right() + icon.height() * 0.9;
    const QRectF text(textLeft, cell.top() + 6, cell.right() - textLeft - 6, cell.height() - 12);
    painter.setFont(font);
    qreal y = text.top() + metrics.ascent();
    for (qsizetype i = 0; i < lines.size() && y < text.bottom(); ++i) {
        const bool failure = endpoint.failedCall.has_value() && i == lines.size() - 1;
        painter.setFont(i == 0 ? stageFont(textSize, true) : font);
        painter.setPen(failure ? theme.error : (closed ? theme.muted : theme.ink));
        painter.drawText(QPointF(text.left(), y),
                         metrics.elidedText(lines[i], Qt::ElideRight, text.width()));
        y += metrics.height();
    }
    if (endpoint.phase == StageEndpoint::Phase::Listening) {
        const QRectF line(cell.left() + 8, qMin(cell.bottom() - 30, icon.bottom() + 10),
                          icon.width() + 10, 22);
        StagePainter::drawWaitingLine(painter, line, endpoint.backlog, endpoint.queuedCallers,
                                      theme);
    }
    painter.restore();
}

void StageView::paintExchange(QPainter& painter, const StageLayout& layout) const
{
    const StageExchange& last = m_state.last;
    const QStringList lines = exchangeText();
    if (lines.isEmpty() || (last.from < 0 && last.to < 0))
        return;
    const QFont font = stageFont(20);
    const QPointF from = layout.anchor(last.from >= 0 ? last.from : last.to);
    switch (last.kind) {
    case StageExchange::Kind::Speech: {
        // The words travel along the line and stay in its middle, between the two phones.
        const QPointF to = last.to >= 0 ? layout.anchor(last.to) : from + QPointF(200, 0);
        StagePainter::drawBubble(painter, lerp(from, to, 0.1 + 0.4 * m_transition), lines, theme,
                                 font);
        break;
    }
    case StageExchange::Kind::Heard: {
        const QPointF at = last.from >= 0 && last.to >= 0
                               ? lerp(layout.anchor(last.from), layout.anchor(last.to), 0.5)
                               : layout.anchor(last.to);
        painter.save();
        painter.setOpacity(m_transition);
        StagePainter::drawBubble(painter, at, lines, theme, font);
        painter.restore();
        break;
    }
    case StageExchange::Kind::Posted: {
        const QPointF to = last.to >= 0 ? layout.anchor(last.to) : from + QPointF(-300, 0);
        // The letter travels below the mailboxes, where no text stands.
        StagePainter::drawEnvelope(painter, lerp(from, to, m_transition) + QPointF(0, 80), lines,
                                   theme, font);
        break;
    }
    case StageExchange::Kind::Collected:
        // Taken out of the box: it rises from below the mailbox.
        StagePainter::drawEnvelope(painter, from + QPointF(60, 120 - 30 * m_transition), lines,
                                   theme, font);
        break;
    default:
        break;
    }
}

} // namespace SocketScope
