#pragma once

#include "sources/eventsource.h"
#include "stageprojectioncache.h"
#include "stagestate.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

class QLabel;
class QTableView;

namespace SocketScope {

class ByteOrderView;
class CallDetailsView;
class CallLogModel;
class LogCursor;
class PacketPanel;
class StatusLine;
class StageView;
class TupleCardsView;

// Follows the cursor over the log of the current source and feeds every view its
// projection: the stage, the 5-tuple cards, the bytes, the packets, the call list's
// selection, the narration and the outcome line. The one place where views are updated;
// whichever source fills the log (a scenario run, a replayed session), the views cannot
// tell.
class LogPresenter : public QObject {
    Q_OBJECT
public:
    struct Views {
        StageView* stage = nullptr;
        TupleCardsView* tuples = nullptr;
        ByteOrderView* bytes = nullptr;
        PacketPanel* packets = nullptr;
        QTableView* calls = nullptr;
        QLabel* narration = nullptr;
        StatusLine* outcome = nullptr;
        CallDetailsView* callDetails = nullptr; // optional: the call at the cursor in full
    };

    explicit LogPresenter(const Views& views, QObject* parent = nullptr);

    // The language the views speak ("fr" or "en"): the narration and the actors' names are
    // taken from the scenario in it, whatever language the session was recorded in.
    void setLanguage(const QString& language);

    void setSource(EventSource* source);
    EventSource* source() const { return m_source; }
    const EventLog* log() const { return m_source ? &m_source->log() : nullptr; }
    LogCursor* cursor() const { return m_cursor; }
    CallLogModel* callModel() const { return m_callModel; }

    // "Step 3 of 13: ..." for the call at this position; the summary before the first step.
    QString narrationAt(int position) const;

    // What the views are fed at the cursor, also for pictures of them made elsewhere (the
    // exports): the actors in the views' language, the stage (with the calls in progress at
    // the live end), the call that returned last and the packets' time origin.
    struct Actors {
        QStringList ids;
        QStringList names;
        QHash<QString, QString> namesById() const;
    };
    Actors actors() const;
    StageState stageAtCursor() const;
    const CallEvent* callAtCursor() const;
    qint64 packetTimeOrigin() const;

public Q_SLOTS:
    // A packet picked in the diagram or the list: every view goes to the call that caused
    // it, the cards of its two ends are marked and the bytes panel shows its header.
    void showPacket(qint64 packetSeq);
    // A call picked in the list: every view goes to the moment it returned.
    void showCall(qint64 callSeq);
    // An actor shown on demand is used (the lab made its terminal current): its column is
    // drawn from now on, for this source.
    void showActor(const QString& actor);

Q_SIGNALS:
    // The source or the cursor moved: what Next, Back and Forward may do has changed.
    void controlsChanged();
    void sourceChanged(SocketScope::EventSource* source);

private:
    void onReset();
    // The actors shown, told to the views that name or draw them.
    void showActors();
    void onCallBy(const QString& actor);
    void onCursorMoved();
    // The live end changed (a call returned, blocked, a process ended): shown now, or within
    // a frame while a run goes on by itself.
    void showLiveEnd();
    void showCursor();
    void showPackets();
    void showOutcome();
    void tick();

    Views m_views;
    QString m_language = QStringLiteral("en");
    QPointer<EventSource> m_source;
    LogCursor* m_cursor;
    CallLogModel* m_callModel;
    QTimer m_clock; // ages the "blocked for ..." texts at the live end
    // The stage at the live end: each new call applied to what was projected before.
    mutable StageProjectionCache m_stageProjection;
    // A run going on by itself, thousands of calls a second, is followed at most once a frame,
    // its last call always shown: when the views were last fed, and the update to come. Views
    // slow to feed (a traced server's thousand children) wait twice as long as feeding them
    // took, so that the run keeps most of the event loop (their painting, which follows, is
    // not counted).
    static constexpr qint64 followFrameMs = 16;
    QElapsedTimer m_lastShown;
    qint64 m_lastShowMs = 0;
    QTimer m_followUpdate;
    // The actors that made a call or were made current: on-demand actors among them are shown.
    QSet<QString> m_usedActors;
};

} // namespace SocketScope
