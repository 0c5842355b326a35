#include "log/tcpstatelog.h"
#include "testlog.h"
#include "testscenarios.h"

#include <QTest>

using namespace SocketScope;
using namespace SocketScope::TestLog;
using namespace SocketScope::TestScenarios;

namespace {

QList<TcpState> statesOf(const QList<LoggedTcpState>& logged)
{
    QList<TcpState> states;
    for (const LoggedTcpState& state : logged)
        states.append(state.state);
    return states;
}

// The first call of `name` by `actor` that succeeded.

} // namespace

// The TCP states of the session's sockets as the event log tells them at any cursor: the
// kernel's state after each call and the RFC 9293 transitions the packets make between them.
class TestTcpStateLog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // tcp-echo: the client hangs up first (active close), the server's connection second.
    void tcpEchoFromBothEnds_data()
    {
        QTest::addColumn<int>("capture");
        QTest::newRow("inferred") << int(CaptureMode::InferOnly);
        QTest::newRow("captured where permitted") << int(CaptureMode::CaptureIfPermitted);
    }

    void tcpEchoFromBothEnds()
    {
        QFETCH(int, capture);
        Session session;
        SessionOptions options = onFreePort();
        options.capture = CaptureMode(capture);
        QVERIFY(runToEnd(session, builtIn(QStringLiteral("tcp-echo")), options));
        const EventLog& log = session.log();
        const CallEvent* connect = findCall(log, QStringLiteral("client"), Call::Connect);
        const CallEvent* listen = findCall(log, QStringLiteral("server"), Call::Listen);
        QVERIFY(connect && listen);
        const SocketAddress client = connect->after.local;
        const SocketAddress server = connect->after.peer;
        const int end = int(log.calls().size());

        // The client said goodbye first. Its peer's ACK of that FIN comes alone (FIN-WAIT-2)
        // or, when the peer closes within the delayed-ACK time, with the peer's own FIN.
        const QList<TcpState> active = statesOf(tcpStatesFromLog(log, end, client, server));
        QVERIFY(active ==
                    QList<TcpState>({TcpState::SynSent, TcpState::Established, TcpState::FinWait1,
                                     TcpState::FinWait2, TcpState::TimeWait}) ||
                active == QList<TcpState>({TcpState::SynSent, TcpState::Established,
                                           TcpState::FinWait1, TcpState::TimeWait}));
        for (qsizetype i = 1; i < active.size(); ++i)
            QVERIFY(tcpTransitionIndex(active[i - 1], active[i]) >= 0);
        QCOMPARE(statesOf(tcpStatesFromLog(log, end, server, client)),
                 QList<TcpState>({TcpState::Listen, TcpState::SynReceived, TcpState::Established,
                                  TcpState::CloseWait, TcpState::LastAck, TcpState::Closed}));
        // Bound, the listening socket is CLOSED until listen().
        QCOMPARE(statesOf(tcpStatesFromLog(log, end, listen->after.local, SocketAddress())),
                 QList<TcpState>({TcpState::Closed, TcpState::Listen, TcpState::Closed}));

        // At the step after connect() the client is in conversation, and was never further.
        const int afterConnect = int(connect - log.calls().constData()) + 1;
        const QList<LoggedTcpState> then = tcpStatesFromLog(log, afterConnect, client, server);
        QCOMPARE(then.last().state, TcpState::Established);
        QCOMPARE(then.size(), 2);
        // Before the client's socket existed, the log knows nothing of it.
        QVERIFY(tcpStatesFromLog(log, 0, client, server).isEmpty());
        // A socket the session never had.
        QVERIFY(tcpStatesFromLog(log, end, *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 1),
                                 *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 2))
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTcpStateLog)
#include "tst_tcpstatelog.moc"
