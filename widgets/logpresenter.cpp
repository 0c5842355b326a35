#include "logpresenter.h"

#include "byteorderview.h"
#include "calldetailsview.h"
#include "calllogmodel.h"
#include "log/narrationtext.h"
#include "log/sessionsockets.h"
#include "logcursor.h"
#include "packetpanel.h"
#include "stageactors.h"
#include "stagestate.h"
#include "stageview.h"
#include "statusline.h"
#include "tuplecardsview.h"

#include <QLabel>
#include <QTableView>

namespace SocketScope {

namespace {

// A scenario step with "$port_without_htons" stored the port as it is: the bytes panel shows
// what the program stored, not a conversion it never made.
ByteOrderView::PortWriting portWriting(const EventLog& log, const CallEvent* call)
{
    const QList<ScenarioStep>& steps = log.scenario().steps;
    const bool forgot = call && call->step >= 0 && call->step < steps.size() &&
                        steps.at(call->step).portWithoutHtons;
    return forgot ? ByteOrderView::PortWriting::WithoutHtons : ByteOrderView::PortWriting::Htons;
}

} // namespace

LogPresenter::LogPresenter(const Views& views, QObject* parent)
    : QObject(parent)
    , m_views(views)
    , m_cursor(new LogCursor(this))
    , m_callModel(new CallLogModel(this))
{
    m_views.calls->setModel(m_callModel);
    connect(m_cursor, &LogCursor::positionChanged, this, &LogPresenter::onCursorMoved);
    m_followUpdate.setSingleShot(true);
    connect(&m_followUpdate, &QTimer::timeout, this, &LogPresenter::showCursor);
    connect(m_cursor, &LogCursor::countChanged, this, &LogPresenter::controlsChanged);
    connect(m_views.packets, &PacketPanel::packetClicked, this, &LogPresenter::showPacket);
    connect(m_views.calls->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                showCall(m_callModel->data(current, CallLogModel::SeqRole).toLongLong());
            });
    connect(&m_clock, &QTimer::timeout, this, &LogPresenter::tick);
    m_clock.start(100);
}

void LogPresenter::setSource(EventSource* source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    if (log())
        disconnect(log(), nullptr, this, nullptr);
    m_source = source;
    m_usedActors.clear();
    m_callModel->setLog(log());
    // The cursor follows a reset of the log before the views are drawn again.
    m_cursor->setLog(log());
    if (m_source) {
        const EventLog* events = log();
        connect(m_source, &EventSource::stateChanged, this, [this] {
            if (m_followUpdate.isActive())
                showCursor(); // a run that ends or pauses shows its last call at once
            showPackets();
            Q_EMIT controlsChanged();
        });
        connect(m_source, &EventSource::canStepChanged, this, &LogPresenter::controlsChanged);
        connect(events, &EventLog::wasReset, this, &LogPresenter::onReset);
        connect(events, &EventLog::noteAppended, this, [this] {
            if (m_cursor->isLive())
                m_views.narration->setText(narrationAt(m_cursor->position()));
            Q_EMIT controlsChanged();
        });
        connect(events, &EventLog::callStarted, this,
                [this](const CallStart& start) { onCallBy(start.actor); });
        connect(events, &EventLog::callAppended, this, [this](const CallEvent& event) {
            // A child holds what it inherited before its first call of its own.
            if (!event.childActor.isEmpty())
                onCallBy(event.childActor);
            onCallBy(event.actor);
        });
        connect(events, &EventLog::processEndAppended, this, [this] {
            if (m_cursor->isLive())
                showLiveEnd(); // its sockets are drawn closed
        });
        connect(events, &EventLog::callBlocked, this, [this] {
            m_callModel->refreshInProgress(m_source->nowNs());
            showLiveEnd(); // the blocked call is drawn as waiting at the live end
        });
        connect(events, &EventLog::packetsChanged, this, &LogPresenter::showPackets);
        connect(events, &EventLog::captureStatusChanged, this, &LogPresenter::showPackets);
        connect(events, &EventLog::noticeChanged, this, &LogPresenter::showOutcome);
        connect(events, &EventLog::outcomeChanged, this, &LogPresenter::showOutcome);
    }
    onReset();
    Q_EMIT sourceChanged(m_source);
}

void LogPresenter::setLanguage(const QString& language)
{
    if (m_language == language)
        return;
    m_language = language;
    onReset();
}

LogPresenter::Actors LogPresenter::actors() const
{
    Actors actors;
    if (const EventLog* events = log()) {
        const QList<ScenarioActor>& all = events->scenario().actors;
        for (const qsizetype i : shownActors(all, m_usedActors)) {
            actors.ids << all[i].id;
            actors.names << all[i].name.text(m_language);
        }
    }
    return actors;
}

void LogPresenter::showActor(const QString& actor)
{
    onCallBy(actor);
}

// A call of an actor not yet drawn gives it its column, once: the views are told again only
// when the actors shown change. At the live end of a run going on by itself, within a frame
// as any call is: a server that forks a child per client makes a new actor of each client.
void LogPresenter::onCallBy(const QString& actor)
{
    if (m_usedActors.contains(actor))
        return;
    m_usedActors.insert(actor);
    showActors();
    if (m_cursor->isLive())
        showLiveEnd();
    else
        showCursor();
}

QHash<QString, QString> LogPresenter::Actors::namesById() const
{
    QHash<QString, QString> byId;
    for (qsizetype i = 0; i < ids.size(); ++i)
        byId.insert(ids[i], names.value(i));
    return byId;
}

void LogPresenter::onReset()
{
    m_stageProjection.clear();
    if (const EventLog* events = log()) {
        for (const CallEvent& event : events->calls()) {
            m_usedActors.insert(event.actor);
            if (!event.childActor.isEmpty())
                m_usedActors.insert(event.childActor);
        }
        for (const CallStart& start : events->callsInProgress())
            m_usedActors.insert(start.actor);
    }
    showActors();
    showOutcome();
    showCursor();
}

void LogPresenter::showActors()
{
    const Actors shown = actors();
    m_views.stage->setActors(shown.ids, shown.names);
    m_views.tuples->setActors(shown.ids, shown.names);
    // The call list and the diagram's captions name the actors in the views' language too.
    m_callModel->setActorNames(shown.namesById());
    m_views.packets->setActorNames(shown.namesById());
}

StageState LogPresenter::stageAtCursor() const
{
    const EventLog* events = log();
    if (!events)
        return {};
    const QList<CallEvent>& calls = events->calls();
    const int position = qMin(m_cursor->position(), int(calls.size()));
    const bool live = m_cursor->isLive();
    return m_stageProjection.project(calls, position,
                                     live ? events->callsInProgress() : QList<CallStart>(),
                                     live ? m_source->nowNs() : 0, events->processEnds());
}

const CallEvent* LogPresenter::callAtCursor() const
{
    const EventLog* events = log();
    if (!events)
        return nullptr;
    const int position = qMin(m_cursor->position(), int(events->calls().size()));
    return position > 0 ? &events->calls().at(position - 1) : nullptr;
}

qint64 LogPresenter::packetTimeOrigin() const
{
    const EventLog* events = log();
    return !events || events->notes().isEmpty() ? 0 : events->notes().constFirst().tNs;
}

QString LogPresenter::narrationAt(int position) const
{
    const EventLog* events = log();
    if (!events)
        return {};
    const Scenario& scenario = events->scenario();
    const StepNote* shown = events->noteAt(position);
    if (!shown)
        return scenario.summary.text(m_language);
    // A replayed session's file was checked: its steps belong to its scenario. The numbers
    // are this run's, as the log holds them at the cursor.
    const QString narration =
        shown->step < scenario.steps.size()
            ? fillNarration(scenario, shown->step, m_language, events->calls(), position).text
            : shown->narration;
    return tr("Step %1 of %2: %3").arg(shown->step + 1).arg(scenario.steps.size()).arg(narration);
}

void LogPresenter::onCursorMoved()
{
    if (m_cursor->isFollowingLog())
        showLiveEnd();
    else
        showCursor();
}

void LogPresenter::showLiveEnd()
{
    // Stepped with Next, each call is shown as it returns; running free, at most once a frame.
    const bool runningFree = m_source && m_source->state() == EventSource::State::Running;
    const qint64 frameMs = qMax(followFrameMs, 2 * m_lastShowMs);
    const qint64 sinceShownMs = m_lastShown.isValid() ? m_lastShown.elapsed() : frameMs;
    if (runningFree && sinceShownMs < frameMs) {
        if (!m_followUpdate.isActive())
            m_followUpdate.start(int(frameMs - sinceShownMs));
        return;
    }
    showCursor();
}

void LogPresenter::showCursor()
{
    QElapsedTimer cost;
    cost.start();
    m_followUpdate.stop();
    const EventLog* events = log();
    if (!events)
        return;
    const StageState state = stageAtCursor();
    m_views.stage->setState(state);
    m_views.tuples->setState(state);
    const CallEvent* current = callAtCursor();
    m_views.bytes->setCall(current ? std::optional<CallEvent>(*current) : std::nullopt,
                           portWriting(*events, current));
    m_views.narration->setText(
        narrationAt(qMin(m_cursor->position(), int(events->calls().size()))));
    m_views.tuples->setHighlighted({});
    showPackets();
    m_views.packets->highlightCall(current ? current->seq : -1);
    if (m_views.callDetails)
        m_views.callDetails->setCall(current, current ? actors().namesById().value(current->actor)
                                                      : QString());
    const int row = current ? m_callModel->rowOf(current->seq) : -1;
    if (row >= 0) {
        m_views.calls->selectRow(row);
        m_views.calls->scrollTo(m_callModel->index(row, 0));
    } else {
        m_views.calls->clearSelection();
    }
    Q_EMIT controlsChanged();
    // A frame counted from now: views slower to feed than a frame still leave the event loop
    // a frame between two updates.
    m_lastShowMs = cost.elapsed();
    m_lastShown.start();
}

void LogPresenter::showPackets()
{
    const EventLog* events = log();
    if (!events)
        return;
    m_views.packets->setPackets(events->packets(), events->packetsVisibleAt(m_cursor->position()),
                                packetTimeOrigin());
    m_views.packets->setLocalOnly(sessionIsLocalOnly(*events));
    const CaptureStatus& capture = events->captureStatus();
    m_views.packets->setSource(capture.kind == CaptureStatus::Kind::Starting,
                               capture.kind == CaptureStatus::Kind::Captured, capture.reason,
                               capture.enableCommand);
    m_views.packets->setCapturedInterfaces(capture.interfaces, capture.refusedInterfaces);
}

void LogPresenter::showOutcome()
{
    const EventLog* events = log();
    if (!events)
        return;
    const std::optional<Outcome>& outcome = events->outcome();
    if (!outcome) {
        m_views.outcome->setFullText(events->notice());
        return;
    }
    m_views.outcome->setFullText(
        outcome->passed
            ? tr("Expected outcome: %1").arg(events->scenario().outcome.text(m_language))
            : tr("The expected outcome did not happen: %1")
                  .arg(outcome->failures.join(QLatin1String("; "))));
}

void LogPresenter::showPacket(qint64 packetSeq)
{
    const EventLog* events = log();
    const PacketEvent* packet = events ? events->packet(packetSeq) : nullptr;
    if (!packet)
        return;
    const int causeIndex = events->callIndex(packet->cause);
    if (causeIndex >= 0)
        m_cursor->setPosition(causeIndex + 1);
    m_views.packets->selectPacket(packetSeq);
    m_views.tuples->setHighlighted({packet->sender, packet->receiver});
    const CallEvent* cause = causeIndex >= 0 ? &events->calls().at(causeIndex) : nullptr;
    m_views.bytes->setPacket(*packet, cause ? std::optional<CallEvent>(*cause) : std::nullopt,
                             portWriting(*events, cause));
}

void LogPresenter::showCall(qint64 callSeq)
{
    const int index = log() ? log()->callIndex(callSeq) : -1;
    if (index >= 0)
        m_cursor->setPosition(index + 1);
    // A process's end: where it happened, after the calls returned by then.
    else if (const ProcessEnd* end = log() ? log()->processEnd(callSeq) : nullptr)
        m_cursor->setPosition(end->callsReturned);
}

void LogPresenter::tick()
{
    if (!m_source)
        return;
    const qint64 now = m_source->nowNs();
    m_callModel->refreshInProgress(now);
    if (m_cursor->isLive())
        m_views.stage->setTime(now);
}

} // namespace SocketScope
