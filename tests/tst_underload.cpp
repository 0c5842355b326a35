#include "scenarios/scenariocatalog.h"
#include "sources/session.h"
#include "stagestate.h"
#include "testchurn.h"
#include "testscenarios.h"

#include <QTest>

#include <memory>

using namespace SocketScope;
using namespace SocketScope::TestScenarios;

namespace {

// What must hold of every run, whatever else the machine does: a successful connect()
// shows its local port and ESTABLISHED, an accept() its two addresses, and the stage draws
// no connected socket without a number and no caller still waiting once accepted.
QStringList falseStates(const EventLog& log)
{
    QStringList wrong;
    for (const CallEvent& call : log.calls()) {
        if (call.failed() || call.family == AF_UNIX || call.socketType != SOCK_STREAM)
            continue;
        const QString line = call.actor + QStringLiteral(": ") + call.straceLine();
        if (call.call == Call::Connect &&
            (call.after.local.port() == 0 || call.after.tcpState != TcpState::Established))
            wrong << line + QStringLiteral(" shows no local port or not ESTABLISHED");
        if (call.call == Call::Accept &&
            (!call.after.local.isValid() || !call.after.peer.isValid() ||
             !call.results.returnedAddress.isValid()))
            wrong << line + QStringLiteral(" shows no addresses");
    }
    for (int position = 0; position <= log.calls().size(); ++position) {
        const StageState stage = projectStage(log.calls(), position);
        for (const StageEndpoint& endpoint : stage.endpoints) {
            if (endpoint.phase == StageEndpoint::Phase::Connected && !endpoint.datagram &&
                endpoint.family != AF_UNIX && !endpoint.local.isValid())
                wrong << QStringLiteral("at %1: %2 fd %3 connected with no number")
                             .arg(position)
                             .arg(endpoint.actor)
                             .arg(endpoint.fd);
        }
    }
    const StageState end = projectStage(log.calls(), int(log.calls().size()));
    for (const StageEndpoint& endpoint : end.endpoints) {
        if (endpoint.queuedCallers != 0)
            wrong << QStringLiteral("at the end: %1 callers still in %2's waiting line")
                         .arg(endpoint.queuedCallers)
                         .arg(endpoint.actor);
    }
    return wrong;
}

} // namespace

// On a busy machine: another program opens and closes thousands of loopback sockets while
// the scenarios run, and every state drawn is still the true one.
class TestUnderLoad : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();
    std::unique_ptr<TestChurn::SocketChurn> m_churn;

private Q_SLOTS:
    void initTestCase()
    {
        m_churn = std::make_unique<TestChurn::SocketChurn>();
        QVERIFY(m_churn->isChurning());
    }
    void cleanupTestCase() { m_churn.reset(); }

    // 200 runs of the scenarios that drew false states on a busy machine.
    void twoHundredRunsUnderChurn()
    {
        const QStringList ids{QStringLiteral("tcp-echo"), QStringLiteral("select-multiplexing"),
                              QStringLiteral("tcp-concurrent-threads"),
                              QStringLiteral("tcp-iterative-server")};
        int connects = 0;
        int accepts = 0;
        for (int run = 0; run < 200; ++run) {
            const QString& id = ids[run % ids.size()];
            Session session;
            QVERIFY2(runToEnd(session, *m_catalog.find(id)), qPrintable(id));
            QVERIFY2(session.outcome()->passed,
                     qPrintable(id + QLatin1Char(' ') +
                                session.outcome()->failures.join(QLatin1Char('\n'))));
            const QStringList wrong = falseStates(session.log());
            QVERIFY2(wrong.isEmpty(), qPrintable(id + QLatin1Char('\n') + wrong.join(u'\n')));
            for (const CallEvent& call : session.log().calls()) {
                connects += call.call == Call::Connect && !call.failed();
                accepts += call.call == Call::Accept && !call.failed();
            }
        }
        QVERIFY(m_churn->isChurning());
        qInfo("checked %d connect() and %d accept() under churn", connects, accepts);
    }

    // The whole catalogue CATALOGUE_PASSES times in a row (20; fewer under the sanitizers,
    // which look for other faults), packets captured where permitted.
    void wholeCatalogueInARowUnderChurn_data()
    {
        QTest::addColumn<QString>("id");
        for (int pass = 1; pass <= CATALOGUE_PASSES; ++pass) {
            for (const Scenario& scenario : m_catalog.scenarios())
                QTest::addRow("pass %d: %s", pass, qPrintable(scenario.id)) << scenario.id;
        }
    }
    void wholeCatalogueInARowUnderChurn()
    {
        QFETCH(QString, id);
        QVERIFY(m_churn->isChurning());
        const QString wrong = wrongInCapturedRun(*m_catalog.find(id));
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    }

private:
    // What went wrong in one run of `scenario` with its packets captured where permitted;
    // nothing if all is true.
    QString wrongInCapturedRun(const Scenario& scenario)
    {
        SessionOptions options = onFreePort();
        options.capture = CaptureMode::CaptureIfPermitted;
        options.captureHelper = QStringLiteral(SOCKETSCOPE_CAPTURE_HELPER);
        Session session;
        if (!runToEnd(session, scenario, options))
            return QStringLiteral("did not finish");
        if (!session.outcome()->passed)
            return session.outcome()->failures.join(QLatin1Char('\n'));
        const QStringList wrong = falseStates(session.log());
        if (!wrong.isEmpty())
            return wrong.join(QLatin1Char('\n'));
        // Captured: the session's packets only, each one linked.
        for (const PacketEvent& packet : session.log().packets()) {
            if (!packet.inferred && !packet.isTheSessions())
                return QStringLiteral("another program's packet: ") +
                       packet.decoded.source.endpoint() + QLatin1String(" > ") +
                       packet.decoded.destination.endpoint();
        }
        return {};
    }
};

QTEST_GUILESS_MAIN(TestUnderLoad)
#include "tst_underload.moc"
