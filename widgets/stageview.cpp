#include "stageview.h"

#include "calls/crender.h"
#include "calls/displaytext.h"
#include "calls/reach.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QStyle>

#include <cmath>

namespace SocketScope {

namespace {

// The note under a crowded stage: two lines, as it wraps on a narrow stage.
qreal noteStripHeight(qreal pixels)
{
    return std::ceil(3 * pixels);
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
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
}

StageView::~StageView() = default;

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
    // The names of a crowd's processes are alike (a server's children): the longest word is
    // measured once, not a thousand names at each update.
    m_longestActorWord.clear();
    for (const QString& name : names) {
        for (const QString& word : name.split(QLatin1Char(' '))) {
            if (word.size() > m_longestActorWord.size())
                m_longestActorWord = word;
        }
    }
    invalidateScene();
}

void StageView::setState(const StageState& state)
{
    const bool changed = state.lastSeq != m_state.lastSeq || state.cursor != m_state.cursor;
    m_given = state;
    refold();
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
    m_scene.reset();
    update();
    updatePinned();
}

void StageView::setTime(qint64 nowNs)
{
    if (nowNs <= m_state.timeNs)
        return;
    bool waiting = false;
    for (const StageEndpoint& endpoint : std::as_const(m_state.endpoints))
        waiting |= endpoint.waitingCall.has_value();
    m_state.timeNs = nowNs;
    m_given.timeNs = nowNs;
    if (waiting) {
        invalidateScene();
        updatePinned();
    }
}

void StageView::setViewMode(ViewMode mode)
{
    if (m_viewMode == mode)
        return;
    m_viewMode = mode;
    invalidateScene();
    updatePinned();
    Q_EMIT viewModeChanged(mode);
}

void StageView::setZoom(qreal zoom)
{
    zoom = qBound(0.5, zoom, 3.0);
    if (qFuzzyCompare(m_zoom, zoom))
        return;
    m_zoom = zoom;
    invalidateScene();
    Q_EMIT zoomChanged(zoom);
}

void StageView::setTextFloor(int pixels)
{
    if (m_textFloor == pixels)
        return;
    m_textFloor = pixels;
    invalidateScene();
}

void StageView::refold()
{
    StageCrowd crowd = foldCrowd(m_given, m_actorIds, crowdBounds());
    m_crowdNote = crowd.folded() ? crowdNoteFor(crowd) : QString();
    m_state = std::move(crowd.state);
    m_drawnGiven = std::move(crowd.given);
    m_drawnActorIds = std::move(crowd.actorIds);
    // The pinned descriptor keeps its pin while it is drawn, wherever it is drawn.
    m_pinned = int(m_drawnGiven.indexOf(m_pinnedGiven));
    if (m_pinned < 0)
        m_pinnedGiven = -1;
}

StageCrowdBounds StageView::crowdBounds() const
{
    const qreal pixels = crowdNotePixels();
    QFont heading = font();
    heading.setPixelSize(int(pixels));
    heading.setBold(true);
    // A column holds its heading, and an icon with a word of its label ("telephone,") beside
    // or under it: about six times the text's size.
    const qreal column =
        qMax(QFontMetricsF(heading).horizontalAdvance(m_longestActorWord), 6 * pixels) + 2 * pixels;
    const qreal cells = height() - noteStripHeight(pixels) - 3 * pixels /* the heading */;
    return {qMax<qsizetype>(1, qsizetype(width() / column)),
            qMax<qsizetype>(1, qsizetype(cells / (3 * pixels)))};
}

QString StageView::crowdNoteFor(const StageCrowd& crowd) const
{
    const auto actorsLeft = int(crowd.actors - crowd.actorIds.size());
    const auto endpointsLeft = int(crowd.endpoints - crowd.state.endpoints.size());
    const QString processes = tr("%n of %1 processes", nullptr, actorsLeft).arg(crowd.actors);
    const QString descriptors =
        tr("%n of %1 descriptors", nullptr, endpointsLeft).arg(crowd.endpoints);
    if (actorsLeft > 0 && endpointsLeft > 0)
        return tr("Not drawn, to keep the stage readable: %1 and %2. The Calls list has every "
                  "call.")
            .arg(processes, descriptors);
    return tr("Not drawn, to keep the stage readable: %1. The Calls list has every call.")
        .arg(actorsLeft > 0 ? processes : descriptors);
}

qreal StageView::crowdNotePixels() const
{
    return qMax(StageLayout::minimumTextPixels(size(), m_zoom), qreal(m_textFloor));
}

qreal StageView::crowdStripHeight() const
{
    return m_crowdNote.isEmpty() ? 0 : noteStripHeight(crowdNotePixels());
}

void StageView::invalidateScene()
{
    // What a crowd leaves out depends on the state, the size and the text.
    refold();
    m_scene.reset();
    update();
}

void StageView::changeEvent(QEvent* event)
{
    // Other words or another font: the layout is made again.
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) {
        invalidateScene();
        updatePinned();
    }
    // Theme::apply() changed the application's palette: the theme's colours with it.
    if (event->type() == QEvent::PaletteChange) {
        m_theme = Theme::current();
        updatePinned();
        update();
    }
    QWidget::changeEvent(event);
}

void StageView::resizeEvent(QResizeEvent* event)
{
    invalidateScene();
    updatePinned();
    QWidget::resizeEvent(event);
}

const StageScene& StageView::scene() const
{
    if (!m_scene) {
        StageLayoutInput input;
        input.size = QSizeF(width(), qMax(0.0, height() - crowdStripHeight()));
        input.zoom = m_zoom;
        input.textFloor = m_textFloor;
        input.protocol = m_viewMode == ViewMode::Protocol;
        input.font = font();
        input.actorIds = m_drawnActorIds;
        for (const QString& id : m_drawnActorIds)
            input.actorNames << m_actorNames.value(m_actorIds.indexOf(id), id);
        for (qsizetype i = 0; i < m_state.endpoints.size(); ++i) {
            input.labels << label(int(i));
            input.outsiders << outsiderText(int(i));
        }
        input.exchange = exchangeText();
        input.placeholder = tr("Press Next to perform the first call.");
        input.lastFit = m_lastFit;
        m_scene = StageLayout::compute(input, m_state);
        m_lastFit = m_scene->fit;
    }
    return *m_scene;
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
        return protocol ? tr("closed") : endpoint.datagram ? tr("mailbox closed") : tr("hung up");
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
        // Without one, the line above says "no number yet" already.
        return endpoint.local.isValid() ? tr("address chosen by the system at the first send")
                                        : QString();
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
    const QString call = QString::fromLatin1(Calls::name(*endpoint.failedCall));
    switch (endpoint.failureKind) {
    case StageEndpoint::FailureKind::Cancelled:
        return tr("%1() failed: %2").arg(call, tr("cancelled"));
    case StageEndpoint::FailureKind::NeverReturned:
        return tr("%1() never returned: the process ended").arg(call);
    case StageEndpoint::FailureKind::Errno:
        break;
    }
    return tr("%1() failed: %2").arg(call, endpoint.failure.name);
}

QStringList StageView::describe(int index) const
{
    return label(index).lines;
}

QStringList StageView::outsiderText(int endpoint) const
{
    const StageEndpoint& socket = m_state.endpoints.at(endpoint);
    if (!socket.outsidePeer || socket.phase != StageEndpoint::Phase::Connected ||
        !socket.peer.isValid())
        return {};
    QStringList lines;
    if (socket.peerPid > 0)
        lines << tr("%1 (PID %2)").arg(socket.peerCommand).arg(socket.peerPid);
    lines << tr("outside program");
    lines << socket.peer.endpoint();
    return lines;
}

StageLabel StageView::label(int index) const
{
    const StageEndpoint& endpoint = m_state.endpoints.at(index);
    const bool protocol = m_viewMode == ViewMode::Protocol;
    QStringList lines;
    QList<int> brevity;
    // A line a cramped stage may leave to the tooltip (StageLabel::brevity).
    const auto leavesAt = [&](int level) {
        brevity.resize(lines.size());
        brevity.last() = level;
    };
    if (protocol) {
        lines << tr("fd %1 · %2")
                     .arg(endpoint.fd)
                     .arg(endpoint.datagram ? QStringLiteral("UDP") : QStringLiteral("TCP"));
        lines << tr("local %1")
                     .arg(endpoint.local.isValid() ? endpoint.local.endpoint()
                                                   : QStringLiteral("—"));
        if (endpoint.peer.isValid()) {
            lines << tr("peer %1").arg(endpoint.peer.endpoint());
            leavesAt(2); // the line to the peer shows it
        }
    } else {
        if (endpoint.datagram)
            lines << tr("mailbox, descriptor %1").arg(endpoint.fd);
        else if (endpoint.parentFd >= 0)
            lines << tr("new handset, descriptor %1").arg(endpoint.fd);
        else
            lines << tr("telephone, descriptor %1").arg(endpoint.fd);
        if (endpoint.datagram)
            lines << (endpoint.local.isValid() ? tr("address %1").arg(endpoint.local.endpoint())
                                               : tr("no address yet"));
        else
            lines << (endpoint.local.isValid() ? tr("number %1").arg(endpoint.local.endpoint())
                                               : tr("no number yet"));
        if (endpoint.peer.isValid() && !endpoint.datagram) {
            lines << tr("talking with %1").arg(endpoint.peer.endpoint());
            leavesAt(2); // the line to the peer shows it
        }
    }
    if (endpoint.phase != StageEndpoint::Phase::Closed &&
        reachableFromOtherMachines(endpoint.local))
        lines << tr("reachable from other machines");
    const QString status = statusText(endpoint);
    if (!status.isEmpty())
        lines << status;
    const qsizetype statusLine = status.isEmpty() ? -1 : lines.size() - 1;
    if (endpoint.phase == StageEndpoint::Phase::Listening) {
        lines << (protocol ? tr("accept queue %1/%2") : tr("waiting line %1/%2"))
                     .arg(endpoint.queuedCallers)
                     .arg(endpoint.backlog);
        leavesAt(2); // the waiting line is drawn
    }
    if (!endpoint.unread.isEmpty()) {
        lines << (protocol ? tr("receive queue %1 bytes").arg(endpoint.unread.size())
                           : tr("not heard yet: %1")
                                 .arg(DisplayText::quoted(endpoint.unread.leadingBytes(), 24)));
        if (endpoint.unread.notKept() > 0)
            lines << DisplayText::notKept(endpoint.unread.notKept());
    }
    if (!endpoint.mailbox.isEmpty()) {
        lines << (protocol ? tr("datagrams in the receive queue: %1").arg(endpoint.mailbox.size())
                           : tr("letters waiting: %1").arg(endpoint.mailbox.size()));
    }
    const QString failure = failureText(endpoint);
    if (!failure.isEmpty())
        lines << failure;
    StageLabel result;
    result.lines = lines;
    result.brevity = brevity;
    result.brevity.resize(lines.size());
    result.alertLine = failure.isEmpty() ? -1 : int(lines.size() - 1);
    result.muted = endpoint.phase == StageEndpoint::Phase::Closed;
    // Its name and its state stay; closed, they say enough, and go last. The protocol's
    // box writes its name ("fd 3 · TCP") too.
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i == 0 && protocol)
            result.brevity[i] = result.muted ? 4 : 3;
        else if (i == 0)
            result.brevity[i] = result.muted ? 4 : 0;
        else if (i == statusLine)
            result.brevity[i] = result.muted ? 4 : 5;
        else if (result.muted)
            result.brevity[i] = 1;
        else if (result.brevity[i] == 0)
            result.brevity[i] = 3;
    }
    if (!protocol) {
        result.shortTitle = endpoint.datagram        ? tr("mailbox")
                            : endpoint.parentFd >= 0 ? tr("new handset")
                                                     : tr("telephone");
    }
    return result;
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
            lines.prepend(
                last.kind == StageExchange::Kind::Speech
                    ? tr("bytes sent: %1").arg(last.bytes.size() + last.bytesNotKept)
                    : tr("bytes received: %1").arg(last.bytes.size() + last.bytesNotKept));
        else if (last.kind == StageExchange::Kind::Heard)
            lines.prepend(tr("heard:"));
        break;
    case StageExchange::Kind::Posted:
    case StageExchange::Kind::Collected:
        lines << (last.kind == StageExchange::Kind::Posted
                      ? tr("to %1").arg(last.envelope.endpoint())
                      : tr("from %1").arg(last.envelope.endpoint()));
        if (last.kind == StageExchange::Kind::Collected && last.senderPid > 0)
            lines << tr("%1 (PID %2)").arg(last.senderCommand).arg(last.senderPid);
        lines << DisplayText::quoted(last.bytes, 24);
        if (m_viewMode == ViewMode::Protocol || !DisplayText::isAsciiText(last.bytes))
            lines << CRender::hexBytes(last.bytes, 16);
        break;
    default:
        break;
    }
    if (last.bytesNotKept > 0)
        lines << DisplayText::notKept(last.bytesNotKept);
    return lines;
}

} // namespace SocketScope
