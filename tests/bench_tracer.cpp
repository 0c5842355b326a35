// How much a traced socket call costs: 10,000 one-byte request/response round trips over
// loopback (a client and its forked echo server: 4 socket calls each), run untraced and under
// socketscope-tracer, the app's side of the channel read as the app would; and how much the
// tracer slows the calls that are not socket calls.

#include "testfigures.h"
#include "testtracer.h"

#include <QElapsedTimer>

#include <algorithm>
#include <optional>
#include <utility>

using namespace TracerTest;

namespace {

constexpr int rounds = 10000;
constexpr int runs = 5;
constexpr int otherCalls = 200000;

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
        TestFigures::report("tracer.traced_call_added", double(added) / double(calls) / 1e3, "us");
        TestFigures::report("tracer.strace_traced_call_added",
                            double(straceAdded) / double(calls) / 1e3, "us");
    }

    // Calls that are not socket calls: getppid() is never trapped (only the seccomp filter
    // runs), read() of /dev/zero is trapped because read may be on a socket, and let go
    // unreported. The program times its own calls, so that start-up does not count.
    void slowdownOfOtherCalls()
    {
        const QStringList command{peer("tracer_othercalls"), QString::number(otherCalls)};
        QList<qint64> untrappedPlain;
        QList<qint64> untrappedTraced;
        QList<qint64> trappedPlain;
        QList<qint64> trappedTraced;
        for (int run = 0; run < runs; ++run) {
            QProcess plain;
            plain.start(command[0], command.mid(1));
            QVERIFY(plain.waitForFinished(120000));
            QCOMPARE(plain.exitCode(), 0);
            const auto untraced = perCallNs(plain.readAllStandardOutput());
            QVERIFY(untraced);
            untrappedPlain << untraced->first;
            trappedPlain << untraced->second;

            TracerRun tracing(command);
            QCOMPARE(tracing.finish(), 0);
            const auto traced = perCallNs(tracing.process.readAllStandardOutput());
            QVERIFY(traced);
            untrappedTraced << traced->first;
            trappedTraced << traced->second;
            // Neither kind of call is a socket call: only the program's end is reported.
            for (const QJsonObject& call : tracing.ofKind(QStringLiteral("call")))
                QCOMPARE(call[QStringLiteral("event")][QStringLiteral("call")].toString(),
                         QStringLiteral("exit_group"));
        }
        qInfo("%d calls each, medians of %d runs, ns per call: getppid() untraced %.1f, traced "
              "%.1f (%+.1f); read() of /dev/zero untraced %.1f, traced %.1f (%+.1f, trapped and "
              "let go)",
              otherCalls, runs, median(untrappedPlain) / 10.0, median(untrappedTraced) / 10.0,
              (median(untrappedTraced) - median(untrappedPlain)) / 10.0,
              median(trappedPlain) / 10.0, median(trappedTraced) / 10.0,
              (median(trappedTraced) - median(trappedPlain)) / 10.0);
        TestFigures::report("tracer.untrapped_call_added",
                            (median(untrappedTraced) - median(untrappedPlain)) / 10.0, "ns");
        TestFigures::report("tracer.trapped_unreported_call_added",
                            (median(trappedTraced) - median(trappedPlain)) / 10.0 / 1e3, "us");
    }

private:
    // The program's two figures, in tenths of a nanosecond.
    static std::optional<std::pair<qint64, qint64>> perCallNs(const QByteArray& output)
    {
        const QList<QByteArray> words = output.trimmed().split(' ');
        bool ok1 = false;
        bool ok2 = false;
        const double untrapped = words.value(0).toDouble(&ok1);
        const double trapped = words.value(1).toDouble(&ok2);
        if (words.size() != 2 || !ok1 || !ok2)
            return std::nullopt;
        return std::pair{qRound64(untrapped * 10), qRound64(trapped * 10)};
    }
};

QTEST_GUILESS_MAIN(BenchTracer)
#include "bench_tracer.moc"
