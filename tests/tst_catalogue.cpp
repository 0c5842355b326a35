#include "mainwindow.h"
#include "scenarios/scenariocatalog.h"
#include "sources/session.h"
#include "stageview.h"
#include "testscenarios.h"

#include <QDir>
#include <QSet>
#include <QTest>

#include <unistd.h>

using namespace SocketScope;
using namespace SocketScope::TestScenarios;

namespace {

QString failures(const Session& session)
{
    return session.outcome().value_or(Outcome{}).failures.join(QLatin1Char('\n'));
}

bool putsPacketsOnTheWire(const EventLog& log)
{
    return std::any_of(log.calls().cbegin(), log.calls().cend(), [](const CallEvent& call) {
        return (call.family == AF_INET || call.family == AF_INET6) && !call.failed() &&
               (call.call == Call::Connect || call.call == Call::SendTo);
    });
}

} // namespace

// Every scenario of the catalogue, run for real: headless with packets captured and inferred,
// and clicked through in the window, each reaching its expected outcome.
class TestCatalogue : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    void everyScenarioHeadless_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("capture");
        for (const Scenario& scenario : m_catalog.scenarios()) {
            QTest::addRow("%s inferred", qPrintable(scenario.id)) << scenario.id << false;
            QTest::addRow("%s captured", qPrintable(scenario.id)) << scenario.id << true;
        }
    }
    void everyScenarioHeadless()
    {
        QFETCH(QString, id);
        QFETCH(bool, capture);
        SessionOptions options = onFreePort();
        if (capture) {
            options.capture = CaptureMode::CaptureIfPermitted;
            options.captureHelper = QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER);
        }
        Session session;
        QVERIFY(runToEnd(session, *m_catalog.find(id), options));
        QVERIFY2(session.outcome()->passed, qPrintable(failures(session)));
        const bool captured = session.log().captureStatus().kind == CaptureStatus::Kind::Captured;
        if (capture && !captured)
            QSKIP("capture is not permitted here");
        const EventLog& log = session.log();
        if (putsPacketsOnTheWire(log))
            QVERIFY2(!log.packets().isEmpty(), "calls that send, and no packet");
        for (const PacketEvent& packet : log.packets())
            QCOMPARE(packet.inferred, !captured);
    }

    // fork() for real: each child's calls are made by another process, the one fork()
    // returned, and the parent keeps no descriptor of the scenario afterwards.
    void forkRunsRealChildProcesses()
    {
        const int before = openDescriptors();
        {
            Session session;
            QVERIFY(runToEnd(session, *m_catalog.find(QStringLiteral("tcp-concurrent-fork"))));
            QVERIFY2(session.outcome()->passed, qPrintable(failures(session)));
            QHash<QString, qint64> childPid;
            for (const CallEvent& call : session.log().calls()) {
                if (call.call == Call::Fork) {
                    QVERIFY(call.ret > 0);
                    QCOMPARE(call.pid, qint64(getpid()));
                    childPid.insert(call.childActor, call.ret);
                }
            }
            QCOMPARE(childPid.size(), 2);
            int childCalls = 0;
            for (const CallEvent& call : session.log().calls()) {
                if (childPid.contains(call.actor)) {
                    QCOMPARE(call.pid, childPid.value(call.actor));
                    QVERIFY(call.pid != getpid());
                    ++childCalls;
                } else {
                    QCOMPARE(call.pid, qint64(getpid()));
                }
            }
            QVERIFY(childCalls >= 8);
            // Packets: the parent closing its copy sends nothing; the data reaches the
            // children's descriptors; the FINs are the children's.
            QHash<qint64, const CallEvent*> bySeq;
            for (const CallEvent& call : session.log().calls())
                bySeq.insert(call.seq, &call);
            int data = 0;
            for (const PacketEvent& packet : session.log().packets()) {
                const CallEvent* cause = bySeq.value(packet.cause);
                QVERIFY(cause);
                if (packet.decoded.tcpFlags & DecodedPacket::Fin)
                    QVERIFY2(cause->actor != QLatin1String("server"), qPrintable(packet.label()));
                if (packet.payloadLength() == 14) {
                    QVERIFY(childPid.contains(packet.receiver.actor));
                    ++data;
                }
            }
            QCOMPARE(data, 2);
        }
        QTRY_COMPARE(openDescriptors(), before);
    }

    // pthread_create(): threads of this very process sharing its descriptors; the thread
    // that closes a dialogue socket closes it for all, so the FIN is that thread's.
    void threadsShareTheDescriptorTable()
    {
        const int before = openDescriptors();
        {
            Session session;
            QVERIFY(runToEnd(session, *m_catalog.find(QStringLiteral("tcp-concurrent-threads"))));
            QVERIFY2(session.outcome()->passed, qPrintable(failures(session)));
            const QSet<QString> threads{QStringLiteral("thread1"), QStringLiteral("thread2")};
            QHash<qint64, const CallEvent*> bySeq;
            int threadCalls = 0;
            for (const CallEvent& call : session.log().calls()) {
                bySeq.insert(call.seq, &call);
                QCOMPARE(call.pid, qint64(getpid()));
                threadCalls += threads.contains(call.actor);
            }
            QVERIFY(threadCalls >= 8);
            int fins = 0;
            for (const PacketEvent& packet : session.log().packets()) {
                const CallEvent* cause = bySeq.value(packet.cause);
                QVERIFY(cause);
                if (packet.payloadLength() == 14)
                    QVERIFY(threads.contains(packet.receiver.actor));
                if ((packet.decoded.tcpFlags & DecodedPacket::Fin) &&
                    packet.sender.actor != QLatin1String("client1") &&
                    packet.sender.actor != QLatin1String("client2")) {
                    QVERIFY(threads.contains(cause->actor));
                    ++fins;
                }
            }
            QCOMPARE(fins, 2);
        }
        QTRY_COMPARE(openDescriptors(), before);
    }

    // Next pressed until the end, as a teacher clicks through it.
    void everyScenarioInTheWindow_data()
    {
        QTest::addColumn<QString>("id");
        for (const Scenario& scenario : m_catalog.scenarios())
            QTest::addRow("%s", qPrintable(scenario.id)) << scenario.id;
    }
    void everyScenarioInTheWindow()
    {
        QFETCH(QString, id);
        MainWindow window(m_catalog, QStringLiteral("fr"), 0, CaptureMode::InferOnly);
        QVERIFY(window.selectScenario(id));
        window.show();
        Session* session = window.session();
        int presses = 0;
        while (session->state() != Session::State::Finished) {
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             return session->canStep() ||
                                    session->state() == Session::State::Finished;
                         },
                         20'000),
                     "Next never became possible again");
            if (session->state() == Session::State::Finished)
                break;
            window.next();
            window.stage()->skipAnimation();
            QVERIFY(++presses <= session->scenario().steps.size());
        }
        QCOMPARE(presses, int(session->scenario().steps.size()));
        QVERIFY2(session->outcome()->passed, qPrintable(failures(*session)));
    }
};

QTEST_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
