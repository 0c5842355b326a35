#include "kernel/socketdiag.h"
#include "testfigures.h"
#include "testmanysockets.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <netinet/in.h>
#include <optional>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace SocketScope;

namespace {

constexpr int clients = 5000;
constexpr int connectedSockets = 2 * clients;
constexpr int runs = 15;

struct Timings {
    double median = 0;
    double min = 0;
    double max = 0;
};

Timings summarise(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return {ms.at(ms.size() / 2), ms.first(), ms.last()};
}

QString format(const Timings& timings)
{
    return QStringLiteral("%1 / %2 / %3")
        .arg(timings.median, 0, 'f', 1)
        .arg(timings.min, 0, 'f', 1)
        .arg(timings.max, 0, 'f', 1);
}

// Milliseconds from start() to the end of a whole process whose output goes nowhere; nothing
// when it did not run to a clean exit.
std::optional<double> timeProcess(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForFinished(-1))
        return std::nullopt;
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return std::nullopt;
    return ms;
}

QByteArray outputOf(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(-1) || process.exitCode() != 0)
        return {};
    return process.readAllStandardOutput();
}

// Lines with a column that is exactly the endpoint, as ss and the text table print them.
int linesWith(const QByteArray& output, const QByteArray& endpoint)
{
    int count = 0;
    for (const QByteArray& line : output.split('\n')) {
        if (line.simplified().split(' ').contains(endpoint))
            ++count;
    }
    return count;
}

int rowsWith(const QList<SocketRow>& rows, const QString& endpoint)
{
    return int(std::count_if(rows.cbegin(), rows.cend(), [&endpoint](const SocketRow& row) {
        return row.isTcp() && (row.local == endpoint || row.peer == endpoint);
    }));
}

struct SnapshotTimings {
    double medianMs = 0;
    int fewestRows = 0; // with the endpoint, in any of the snapshots
};

SnapshotTimings timeSnapshots(const SnapshotOptions& options, const QString& endpoint)
{
    takeSocketSnapshot(options); // warm-up
    QList<double> ms;
    SnapshotTimings result{0, std::numeric_limits<int>::max()};
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const SocketSnapshot snapshot = takeSocketSnapshot(options);
        ms.append(double(timer.nsecsElapsed()) / 1e6);
        result.fewestRows = qMin(result.fewestRows, rowsWith(snapshot.rows, endpoint));
    }
    result.medianMs = summarise(ms).median;
    return result;
}

} // namespace

// The live inspector's speed target: a snapshot of 10,000 sockets takes no longer than
// `ss -tan` takes for the same sockets, both as whole processes, measured side by side. The
// figures are printed for the report; only the socket counts can fail the test, since
// timings on a loaded machine vary.
class BenchSocketSnapshot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_ss = QStandardPaths::findExecutable(QStringLiteral("ss"));
        if (m_ss.isEmpty())
            QSKIP("ss (iproute2) is not installed: nothing to compare with.");
        bool tooFew = false;
        const QString error = m_connections.open(clients, &tooFew);
        if (tooFew)
            QSKIP(qPrintable(error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_endpoint = m_connections.listenerEndpoint();
    }

    void bothSeeAllTheSockets()
    {
        const QString binary = QStringLiteral(SOCKETSCOPE_BINARY);
        const QByteArray endpoint = m_endpoint.toLatin1();
        const QByteArray json =
            outputOf(binary, {QStringLiteral("--list-sockets"), QStringLiteral("--json")});
        const QJsonArray rows = QJsonDocument::fromJson(json).array();
        int tcpRows = 0;
        for (const QJsonValue& value : rows) {
            const QJsonObject row = value.toObject();
            if (row[QLatin1String("protocol")].toString().startsWith(QLatin1String("tcp")) &&
                (row[QLatin1String("local")].toString() == m_endpoint ||
                 row[QLatin1String("peer")].toString() == m_endpoint))
                ++tcpRows;
        }
        const int tableLines =
            linesWith(outputOf(binary, {QStringLiteral("--list-sockets")}), endpoint);
        const int ssLines = linesWith(outputOf(m_ss, {QStringLiteral("-tan")}), endpoint);
        qInfo().noquote() << QStringLiteral("Sockets on %1: socketscope --json %2, socketscope "
                                            "table %3, ss -tan %4 (of %5 opened)")
                                 .arg(m_endpoint)
                                 .arg(tcpRows)
                                 .arg(tableLines)
                                 .arg(ssLines)
                                 .arg(m_connections.descriptorCount());
        QVERIFY2(tcpRows >= connectedSockets, qPrintable(QString::number(tcpRows)));
        QVERIFY2(tableLines >= connectedSockets, qPrintable(QString::number(tableLines)));
        QVERIFY2(ssLines >= connectedSockets, qPrintable(QString::number(ssLines)));
    }

    // Interleaved, each starting first every other round, so that a burst of load elsewhere
    // falls on both. Like for like: the sockets alone against ss -tan, and with their owning
    // processes (read under /proc) against ss -tanp.
    void wholeProcessesSideBySide_data()
    {
        QTest::addColumn<QStringList>("scopeArguments");
        QTest::addColumn<QStringList>("ssArguments");
        QTest::newRow("sockets") << QStringList{QStringLiteral("--list-sockets"),
                                                QStringLiteral("--no-processes")}
                                 << QStringList{QStringLiteral("-tan")};
        QTest::newRow("sockets and processes") << QStringList{QStringLiteral("--list-sockets")}
                                               << QStringList{QStringLiteral("-tanp")};
    }

    void wholeProcessesSideBySide()
    {
        QFETCH(QStringList, scopeArguments);
        QFETCH(QStringList, ssArguments);
        const QString binary = QStringLiteral(SOCKETSCOPE_BINARY);
        QVERIFY(timeProcess(binary, scopeArguments));
        QVERIFY(timeProcess(m_ss, ssArguments));
        QList<double> scope;
        QList<double> ss;
        for (int i = 0; i < runs; ++i) {
            const bool scopeFirst = i % 2 == 0;
            const std::optional<double> first =
                scopeFirst ? timeProcess(binary, scopeArguments) : timeProcess(m_ss, ssArguments);
            const std::optional<double> second =
                scopeFirst ? timeProcess(m_ss, ssArguments) : timeProcess(binary, scopeArguments);
            QVERIFY(first && second);
            scope.append(scopeFirst ? *first : *second);
            ss.append(scopeFirst ? *second : *first);
        }
        const Timings scopeTimings = summarise(scope);
        const Timings ssTimings = summarise(ss);
        qInfo().noquote() << QStringLiteral("%1 connected TCP sockets + 1 listener, %2 runs "
                                            "each, whole processes, ms (median / min / max):")
                                 .arg(connectedSockets)
                                 .arg(runs);
        qInfo().noquote() << QStringLiteral("  socketscope %1  %2")
                                 .arg(scopeArguments.join(QLatin1Char(' ')), -32)
                                 .arg(format(scopeTimings));
        qInfo().noquote() << QStringLiteral("  ss %1  %2")
                                 .arg(ssArguments.join(QLatin1Char(' ')), -41)
                                 .arg(format(ssTimings));
        qInfo().noquote() << QStringLiteral("  ratio of medians socketscope / ss: %1")
                                 .arg(scopeTimings.median / ssTimings.median, 0, 'f', 2);
        TestFigures::report(ssArguments.first() == QLatin1String("-tan") ? "snapshot.ratio_ss_tan"
                                                                         : "snapshot.ratio_ss_tanp",
                            scopeTimings.median / ssTimings.median, "x");
    }

    // Without the owners too: the scan of /proc reads this process's ten thousand descriptors.
    void inProcessSnapshot()
    {
        const SnapshotTimings plain = timeSnapshots({}, m_endpoint);
        SnapshotOptions withInfo;
        withInfo.tcpInfo = true;
        const SnapshotTimings info = timeSnapshots(withInfo, m_endpoint);
        SnapshotOptions withoutOwners;
        withoutOwners.owners = false;
        const SnapshotTimings bare = timeSnapshots(withoutOwners, m_endpoint);
        qInfo().noquote() << QStringLiteral("  takeSocketSnapshot() in process, median of %1: "
                                            "%2 ms; with TCP_INFO: %3 ms; without owners: %4 ms")
                                 .arg(runs)
                                 .arg(plain.medianMs, 0, 'f', 1)
                                 .arg(info.medianMs, 0, 'f', 1)
                                 .arg(bare.medianMs, 0, 'f', 1);
        for (const SnapshotTimings& timings : {plain, info, bare})
            QVERIFY2(timings.fewestRows >= connectedSockets,
                     qPrintable(QString::number(timings.fewestRows)));
    }

private:
    QString m_ss;
    TestSockets::ManyConnections m_connections;
    QString m_endpoint;
};

QTEST_GUILESS_MAIN(BenchSocketSnapshot)
#include "bench_socketsnapshot.moc"
