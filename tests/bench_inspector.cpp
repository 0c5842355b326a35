#include "inspectorwindow.h"
#include "sockettablemodel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace SocketScope;

namespace {

constexpr int clients = 5000;
constexpr rlim_t descriptorsNeeded = 10'300;

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

// The live inspector's GUI target: refreshing a table of 10,000 sockets must not stall the
// event loop more than 16 ms. The snapshot, the diff, the filter and the sort run on the
// watcher's thread; the figures below are the GUI thread's share, printed for the report.
class BenchInspector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &m_originalLimit), 0);
        if (m_originalLimit.rlim_max != RLIM_INFINITY &&
            m_originalLimit.rlim_max < descriptorsNeeded)
            QSKIP("The hard limit of open files is too low for 10,000 sockets.");
        rlimit raised = m_originalLimit;
        raised.rlim_cur = m_originalLimit.rlim_max;
        QVERIFY2(::setrlimit(RLIMIT_NOFILE, &raised) == 0, std::strerror(errno));
        m_limitRaised = true;
        const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        m_descriptors.push_back(listener);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        auto* generic = reinterpret_cast<sockaddr*>(&address);
        QCOMPARE(::bind(listener, generic, length), 0);
        QCOMPARE(::listen(listener, clients), 0);
        QCOMPARE(::getsockname(listener, generic, &length), 0);
        for (int i = 0; i < clients; ++i) {
            const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            m_descriptors.push_back(client);
            QVERIFY2(::connect(client, generic, length) == 0, std::strerror(errno));
            const int served = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            QVERIFY2(served >= 0, std::strerror(errno));
            m_descriptors.push_back(served);
        }
    }

    void cleanupTestCase()
    {
        const linger abortive{1, 0}; // no ten thousand TIME_WAIT rows left for the next tests
        for (const int fd : m_descriptors) {
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof(abortive));
            ::close(fd);
        }
        if (m_limitRaised)
            ::setrlimit(RLIMIT_NOFILE, &m_originalLimit);
    }

    void refreshingTenThousandRows()
    {
        InspectorWindow inspector(nullptr, nullptr);
        inspector.resize(1280, 800);
        inspector.show();
        inspector.intervalPicker()->setCurrentIndex(0); // every 0.25 s
        QTRY_VERIFY_WITH_TIMEOUT(inspector.model()->rowCount() >= 2 * clients, 30'000);

        // The longest the event loop went without turning while the table refreshed: a
        // zero-interval timer fires at every turn of the loop.
        qint64 longestGapNs = 0;
        QElapsedTimer sinceLastTurn;
        QTimer probe;
        probe.setInterval(0);
        connect(&probe, &QTimer::timeout, this, [&] {
            longestGapNs = qMax(longestGapNs, sinceLastTurn.nsecsElapsed());
            sinceLastTurn.restart();
        });
        int refreshes = 0;
        connect(&inspector, &InspectorWindow::refreshed, this, [&] { ++refreshes; });
        sinceLastTurn.start();
        probe.start();
        QTRY_VERIFY_WITH_TIMEOUT(refreshes >= 12, 60'000);
        probe.stop();

        // The GUI thread's share of one refresh, measured directly: swapping the rows into
        // the model, then painting the visible part of the table.
        QList<double> swapMs;
        QList<double> paintMs;
        SocketTableUpdate update = inspector.model()->currentUpdate();
        for (int i = 0; i < 15; ++i) {
            update.generation += 1'000'000; // newer than anything the watcher sends
            QElapsedTimer timer;
            timer.start();
            inspector.model()->setUpdate(update);
            swapMs.append(double(timer.nsecsElapsed()) / 1e6);
            timer.restart();
            inspector.table()->viewport()->repaint();
            paintMs.append(double(timer.nsecsElapsed()) / 1e6);
        }
        qInfo().noquote() << QStringLiteral(
                                 "Inspector, %1 rows, %2 live refreshes: longest event-loop "
                                 "gap %3 ms; model swap median %4 ms; table paint median %5 ms")
                                 .arg(inspector.model()->rowCount())
                                 .arg(refreshes)
                                 .arg(double(longestGapNs) / 1e6, 0, 'f', 2)
                                 .arg(median(swapMs), 0, 'f', 2)
                                 .arg(median(paintMs), 0, 'f', 2);
        QVERIFY(inspector.model()->rowCount() >= 2 * clients);
    }

private:
    rlimit m_originalLimit{};
    bool m_limitRaised = false;
    std::vector<int> m_descriptors;
};

QTEST_MAIN(BenchInspector)
#include "bench_inspector.moc"
