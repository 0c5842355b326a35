#include "log/bytebudget.h"
#include "testfigures.h"
#include "testkeptstream.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <unistd.h>

using namespace SocketScope;

namespace {

// The process's resident set, from /proc/self/statm (pages).
qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1 << 20), 'f', 1) + QStringLiteral(" MiB");
}

} // namespace

// A peer streams 1 GB into a lab socket read with 1 MiB reads: the process's memory stays
// bounded, because the log keeps a sample of each call and of each socket (ByteBudget), and
// the thread the lab reports to (no window here) keeps turning its event loop, measured by a
// zero-interval timer. Prints the figures for the report; fails only when memory grows with
// the stream.
class BenchKeptBytes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aGigabyteStreamKeepsMemoryBounded()
    {
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("AddressSanitizer keeps freed memory in quarantine: the RSS says nothing here");
#endif
        constexpr qint64 total = qint64(1) << 30;
        const qint64 before = residentBytes();
        QList<qint64> gapsNs;
        QElapsedTimer sinceLastTurn;
        QTimer probe;
        probe.setInterval(0);
        connect(&probe, &QTimer::timeout, this, [&] {
            gapsNs.append(sinceLastTurn.nsecsElapsed());
            sinceLastTurn.restart();
        });
        sinceLastTurn.start();
        probe.start();
        TestKeptStream::Result result = TestKeptStream::run(total, 1 << 20);
        probe.stop();
        if (!gapsNs.isEmpty())
            gapsNs.removeFirst(); // the lab being set up, before the stream
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        const qint64 after = residentBytes();
        const EventLog& log = result.lab->session().log();
        qInfo("streamed %s in %lld calls; RSS before %s, after %s; the log keeps %s",
              qPrintable(mebibytes(result.received)), qlonglong(log.calls().size()),
              qPrintable(mebibytes(before)), qPrintable(mebibytes(after)),
              qPrintable(mebibytes(log.keptBytes())));
        TestFigures::report("keptbytes.rss_growth_1gb", double(after - before) / (1 << 20), "MiB");
        std::sort(gapsNs.begin(), gapsNs.end());
        if (!gapsNs.isEmpty()) {
            const double p99Ms = double(gapsNs.at(gapsNs.size() * 99 / 100)) / 1e6;
            const double longestMs = double(gapsNs.last()) / 1e6;
            qInfo("event loop gaps while streaming: 99th percentile %.2f ms, longest %.2f ms",
                  p99Ms, longestMs);
            TestFigures::report("keptbytes.p99_stall_1gb", p99Ms, "ms");
            TestFigures::report("keptbytes.longest_stall_1gb", longestMs, "ms");
        }
        QVERIFY(log.keptBytes() <= KeptBytes::perSocket);
        QVERIFY2(after - before < 256 << 20, "memory grew with the stream");
    }
};

QTEST_GUILESS_MAIN(BenchKeptBytes)
#include "bench_keptbytes.moc"
