// How much a traced socket call costs: 10,000 one-byte request/response round trips over
// loopback (a client and its forked echo server: 4 socket calls each), run untraced and under
// socketscope-tracer, the app's side of the channel read as the app would.

#include "testtracer.h"

#include <QElapsedTimer>

#include <algorithm>

using namespace TracerTest;

namespace {

constexpr int rounds = 10000;
constexpr int runs = 5;

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

class BenchTracer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void addedCostPerTracedCall()
    {
        const QStringList command{peer("tracer_roundtrips"), QString::number(rounds)};
        QList<qint64> untraced;
        QList<qint64> traced;
        QList<qint64> straced;
        qint64 calls = 0;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer timer;
            QProcess plain;
            timer.start();
            plain.start(command[0], command.mid(1));
            QVERIFY(plain.waitForFinished(120000));
            untraced << timer.nsecsElapsed();
            QCOMPARE(plain.exitCode(), 0);

            timer.start();
            TracerRun tracing(command);
            QCOMPARE(tracing.finish(), 0);
            traced << timer.nsecsElapsed();
            calls = tracing.ofKind(QStringLiteral("call")).size();

            // strace with the same kind of filter, for scale on this machine.
            QProcess strace;
            timer.start();
            strace.start(QStringLiteral("strace"),
                         QStringList{QStringLiteral("-f"), QStringLiteral("--seccomp-bpf"),
                                     QStringLiteral("-e"),
                                     QStringLiteral("trace=network,read,write,close"),
                                     QStringLiteral("-o"), QStringLiteral("/dev/null")}
                             << command);
            QVERIFY(strace.waitForFinished(120000));
            straced << timer.nsecsElapsed();
        }
        // The client's and the server's send and recv, and a few calls to set up.
        QVERIFY(calls >= 4 * rounds);
        const qint64 added = median(traced) - median(untraced);
        const qint64 straceAdded = median(straced) - median(untraced);
        qInfo("%d round trips, %lld traced calls: untraced %.1f ms, traced %.1f ms, strace -f "
              "--seccomp-bpf %.1f ms (medians of %d runs); added cost per traced call %.2f us "
              "(strace: %.2f us)",
              rounds, calls, median(untraced) / 1e6, median(traced) / 1e6, median(straced) / 1e6,
              runs, double(added) / double(calls) / 1e3, double(straceAdded) / double(calls) / 1e3);
    }
};

QTEST_GUILESS_MAIN(BenchTracer)
#include "bench_tracer.moc"
