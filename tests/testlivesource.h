#pragma once

// A live source fed by hand and a window of every view the presenter feeds: for following a
// live log, in tst_livefollow and bench_eventingest.

#include "byteorderview.h"
#include "calldetailsview.h"
#include "logpresenter.h"
#include "packetpanel.h"
#include "sources/eventsource.h"
#include "stageview.h"
#include "statusline.h"
#include "testlinking.h"
#include "tuplecardsview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <sys/socket.h>

namespace SocketScope::TestLiveSource {

inline const QString client = QStringLiteral("127.0.0.1:40000");
inline const QString server = QStringLiteral("127.0.0.1:5000");

// The n-th send() of one byte on the client's connection, as its actor reports it.
inline CallEvent sendCall(qint64 seq, qint64 tNs)
{
    CallEvent event =
        TestLinking::call(seq, QStringLiteral("client"), Call::Send, 4, tNs, 2000, client, server);
    event.arguments.payload = QByteArrayLiteral("x");
    event.family = AF_INET;
    event.ret = 1;
    return event;
}

inline CallStart startOf(const CallEvent& event)
{
    return CallStart{event.seq, event.step, event.tNs, event.actor, event.call, event.fd(), false};
}

// The log's side of a live source: what reaches the GUI thread goes into the log, as a
// scenario run's session does with its actors' signals. It starts running, its client
// connected.
class LiveSource : public EventSource {
    Q_OBJECT
public:
    LiveSource()
    {
        Scenario scenario;
        scenario.id = QStringLiteral("lab");
        scenario.actors = {ScenarioActor{QStringLiteral("client"), {}, false},
                           ScenarioActor{QStringLiteral("server"), {}, false}};
        scenario.actors[0].name = {QStringLiteral("client"), QStringLiteral("client")};
        scenario.actors[1].name = {QStringLiteral("serveur"), QStringLiteral("server")};
        writableLog().reset(scenario, QStringLiteral("en"));
        writableLog().appendCall(
            TestLinking::call(1, QStringLiteral("client"), Call::Socket, 4, 0, 1000));
        writableLog().appendCall(TestLinking::call(2, QStringLiteral("client"), Call::Connect, 4,
                                                   10, 1000, client, server));
        setState(State::Running);
    }
    bool canStep() const override { return false; }
    int stepsLeft() const override { return 0; }
    qint64 nowNs() const override { return monotonicNowNs(); }
    void setIntervalMs(int) override {}
    bool step() override { return false; }
    void run() override {}
    void pause() override {}
    void reset() override {}
    // What a real source's run, pause or end would make it.
    void become(State state) { setState(state); }

public Q_SLOTS:
    void onCallStarted(const SocketScope::CallStart& start) { writableLog().startCall(start); }
    void onCallFinished(const SocketScope::CallEvent& event) { writableLog().appendCall(event); }
};

// The main window's views, laid out as it lays them out, for a presenter to feed.
class ViewsWindow : public QWidget {
public:
    ViewsWindow()
    {
        auto* layout = new QHBoxLayout(this);
        auto* left = new QVBoxLayout;
        auto* right = new QVBoxLayout;
        layout->addLayout(left, 3);
        layout->addLayout(right, 2);
        views.stage = new StageView(this);
        views.tuples = new TupleCardsView(this);
        views.bytes = new ByteOrderView(this);
        views.packets = new PacketPanel(this);
        views.calls = new QTableView(this);
        views.narration = new QLabel(this);
        views.outcome = new StatusLine(this);
        views.callDetails = new CallDetailsView(this);
        left->addWidget(views.narration);
        left->addWidget(views.stage, 3);
        left->addWidget(views.tuples);
        left->addWidget(views.outcome);
        right->addWidget(views.calls, 2);
        right->addWidget(views.callDetails);
        right->addWidget(views.bytes);
        right->addWidget(views.packets, 2);
        resize(1600, 900);
    }

    LogPresenter::Views views;
};

} // namespace SocketScope::TestLiveSource
