#include "testfigures.h"
#include "testlivesource.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>

using namespace SocketScope;
using namespace SocketScope::TestLiveSource;

namespace {

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
            const CallEvent event = sendCall(10 + m_emitted, m_clock.nsecsElapsed());
            Q_EMIT callStarted(startOf(event));
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
        ViewsWindow window;
        LogPresenter presenter(window.views);
        LiveSource source;
        presenter.setSource(&source);
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
        qint64 longestNs = -1;
        qint64 longestAtNs = 0;
        qsizetype callsAtLongest = 0;
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 gap = sinceLastTurn.nsecsElapsed();
            if (gap > longestNs) {
                longestNs = gap;
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
