#include "byteorderview.h"
#include "calldetailsview.h"
#include "logpresenter.h"
#include "packetpanel.h"
#include "sources/eventsource.h"
#include "stageview.h"
#include "testfigures.h"
#include "testlinking.h"
#include "tuplecardsview.h"

#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QTableView>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>
#include <sys/socket.h>

using namespace SocketScope;

namespace {

const QString client = QStringLiteral("127.0.0.1:40000");
const QString server = QStringLiteral("127.0.0.1:5000");

// A lab's send loop as its actor reports it: send() calls of one byte on a connection, each
// started, then returned, as two queued signals from a worker thread.
class Producer : public QObject {
    Q_OBJECT
public:
    // Emits calls at `perSecond` (0: as fast as it can) until `total` have been emitted.
    Producer(int total, int perSecond)
        : m_total(total)
        , m_perSecond(perSecond)
    {
    }

public Q_SLOTS:
    void start()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_perSecond > 0 ? 2 : 0);
        connect(m_timer, &QTimer::timeout, this, &Producer::emitDue);
        m_clock.start();
        m_timer->start();
    }

Q_SIGNALS:
    void callStarted(const SocketScope::CallStart& start);
    void callFinished(const SocketScope::CallEvent& event);
    void done();

private:
    void emitDue()
    {
        // Paced by the clock, not by the timer's accuracy: what is due by now goes out now.
        const qint64 due =
            m_perSecond > 0
                ? qMin<qint64>(m_total, m_clock.nsecsElapsed() * m_perSecond / 1'000'000'000)
                : qMin(m_total, m_emitted + 1000);
        for (; m_emitted < due; ++m_emitted) {
            const qint64 seq = 10 + m_emitted;
            CallEvent event = TestLinking::call(seq, QStringLiteral("client"), Call::Send, 4,
                                                m_clock.nsecsElapsed(), 2000, client, server);
            event.arguments.payload = QByteArrayLiteral("x");
            event.family = AF_INET;
            event.ret = 1;
            Q_EMIT callStarted(CallStart{seq, -1, event.tNs, event.actor, event.call, 4, false});
            Q_EMIT callFinished(event);
        }
        if (m_emitted == m_total) {
            m_timer->stop();
            Q_EMIT done();
        }
    }

    const int m_total;
    const int m_perSecond;
    int m_emitted = 0;
    QElapsedTimer m_clock;
    QTimer* m_timer = nullptr;
};

// The log's side of a live source: what reaches the GUI thread goes into the log, as a
// scenario run's session does with its actors' signals.
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

public Q_SLOTS:
    void onCallStarted(const SocketScope::CallStart& start) { writableLog().startCall(start); }
    void onCallFinished(const SocketScope::CallEvent& event) { writableLog().appendCall(event); }
};

} // namespace

// How many events a second (a call's start, then its return) the log takes in while every
// view of the window follows it, and the longest the GUI thread then goes without turning its
// event loop: at 100,000 events/s, and as fast as a thread can post them.
class BenchEventIngest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ingest_data()
    {
        QTest::addColumn<int>("perSecond");
        QTest::addColumn<int>("total");
        // Two events a call: it started, it returned.
        QTest::newRow("paced at 100,000 events/s") << 50'000 << 300'000;
        QTest::newRow("as fast as they come") << 0 << 300'000;
    }
    void ingest()
    {
        QFETCH(int, perSecond);
        QFETCH(int, total);
        QWidget window;
        auto* layout = new QHBoxLayout(&window);
        auto* left = new QVBoxLayout;
        auto* right = new QVBoxLayout;
        layout->addLayout(left, 3);
        layout->addLayout(right, 2);
        LogPresenter::Views views;
        views.stage = new StageView(&window);
        views.tuples = new TupleCardsView(&window);
        views.bytes = new ByteOrderView(&window);
        views.packets = new PacketPanel(&window);
        views.calls = new QTableView(&window);
        views.narration = new QLabel(&window);
        views.outcome = new QLabel(&window);
        views.callDetails = new CallDetailsView(&window);
        left->addWidget(views.narration);
        left->addWidget(views.stage, 3);
        left->addWidget(views.tuples);
        left->addWidget(views.outcome);
        right->addWidget(views.calls, 2);
        right->addWidget(views.callDetails);
        right->addWidget(views.bytes);
        right->addWidget(views.packets, 2);
        LogPresenter presenter(views);
        LiveSource source;
        presenter.setSource(&source);
        window.resize(1600, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QThread thread;
        auto* producer = new Producer(total, perSecond);
        producer->moveToThread(&thread);
        connect(&thread, &QThread::finished, producer, &QObject::deleteLater);
        connect(producer, &Producer::callStarted, &source, &LiveSource::onCallStarted);
        connect(producer, &Producer::callFinished, &source, &LiveSource::onCallFinished);
        std::atomic<bool> produced{false};
        connect(producer, &Producer::done, this, [&] { produced = true; });

        // The longest the event loop went without turning: a zero-interval timer fires at
        // every turn.
        QList<qint64> gapsNs;
        QElapsedTimer elapsed;
        QElapsedTimer sinceLastTurn;
        QTimer probe;
        probe.setInterval(0);
        qint64 longestAtNs = 0;
        qsizetype callsAtLongest = 0;
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 gap = sinceLastTurn.nsecsElapsed();
            if (gapsNs.isEmpty() || gap > *std::max_element(gapsNs.cbegin(), gapsNs.cend())) {
                longestAtNs = elapsed.nsecsElapsed();
                callsAtLongest = source.log().calls().size();
            }
            gapsNs.append(gap);
            sinceLastTurn.restart();
        });
        const qsizetype callsBefore = source.log().calls().size();
        elapsed.start();
        sinceLastTurn.start();
        probe.start();
        thread.start();
        QMetaObject::invokeMethod(producer, &Producer::start, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(source.log().calls().size() == callsBefore + total, 600'000);
        const qint64 elapsedNs = elapsed.nsecsElapsed();
        probe.stop();
        thread.quit();
        thread.wait();
        QVERIFY(produced);

        std::sort(gapsNs.begin(), gapsNs.end());
        const double longestMs = gapsNs.isEmpty() ? 0 : double(gapsNs.last()) / 1e6;
        const double p99Ms =
            gapsNs.isEmpty() ? 0 : double(gapsNs.at(gapsNs.size() * 99 / 100)) / 1e6;
        const double rate = 2.0 * total / (double(elapsedNs) / 1e9); // events: two a call
        qInfo("%s: %d calls in %.2f s, %.0f events/s; event loop gaps: 99th percentile %.2f ms, "
              "longest %.2f ms (ending %.2f s in, %lld calls in the log)",
              QTest::currentDataTag(), total, double(elapsedNs) / 1e9, rate, p99Ms, longestMs,
              double(longestAtNs) / 1e9, qint64(callsAtLongest));
        const QByteArray mode = perSecond > 0 ? "paced" : "flood";
        TestFigures::report(("ingest." + mode + "_events_per_s").constData(), rate, "/s");
        TestFigures::report(("ingest." + mode + "_longest_stall").constData(), longestMs, "ms");
        TestFigures::report(("ingest." + mode + "_p99_stall").constData(), p99Ms, "ms");
        QCOMPARE(source.log().calls().last().seq, qint64(10 + total - 1));
    }
};

QTEST_MAIN(BenchEventIngest)
#include "bench_eventingest.moc"
