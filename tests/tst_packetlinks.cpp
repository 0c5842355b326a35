#include "packets/packetcodec.h"
#include "packets/packetinference.h"
#include "packets/packetlinker.h"
#include "sources/session.h"
#include "testlinking.h"
#include "testlog.h"
#include "testscenarios.h"

#include <QTest>

#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;
using namespace SocketScope::TestLog;
using namespace SocketScope::TestScenarios;
using SocketScope::TestLinking::call;
using SocketScope::TestLinking::segment;

namespace {

using F = DecodedPacket::TcpFlag;

} // namespace

class TestPacketLinks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Without capture, tcp-echo shows the course's picture, every packet labelled inferred
    // and carrying its call: the handshake for connect(), data and ACK for each write(), a
    // FIN and its ACK for each close().
    void inferredTcpEcho()
    {
        Session session;
        QVERIFY(runToEnd(session, builtIn(QStringLiteral("tcp-echo"))));
        QCOMPARE(session.log().captureStatus().kind, CaptureStatus::Kind::Inferred);
        const EventLog& log = session.log();
        const CallEvent* listen = findCall(log, QStringLiteral("server"), Call::Listen);
        const CallEvent* accept = findCall(log, QStringLiteral("server"), Call::Accept);
        const CallEvent* connect = findCall(log, QStringLiteral("client"), Call::Connect);
        const CallEvent* clientWrite = findCall(log, QStringLiteral("client"), Call::Write);
        const CallEvent* serverWrite = findCall(log, QStringLiteral("server"), Call::Write);
        const CallEvent* clientClose = findCall(log, QStringLiteral("client"), Call::Close);
        const CallEvent* serverClose = findCall(log, QStringLiteral("server"), Call::Close);
        QVERIFY(listen && accept && connect && clientWrite && serverWrite && clientClose &&
                serverClose);

        const QList<std::tuple<quint8, int, qint64>> expected{
            {F::Syn, 0, connect->seq},     {F::Syn | F::Ack, 0, connect->seq},
            {F::Ack, 0, connect->seq},     {F::Psh | F::Ack, 14, clientWrite->seq},
            {F::Ack, 0, clientWrite->seq}, {F::Psh | F::Ack, 3, serverWrite->seq},
            {F::Ack, 0, serverWrite->seq}, {F::Fin | F::Ack, 0, clientClose->seq},
            {F::Ack, 0, clientClose->seq}, {F::Fin | F::Ack, 0, serverClose->seq},
            {F::Ack, 0, serverClose->seq},
        };
        const QList<PacketEvent>& packets = log.packets();
        QCOMPARE(packets.size(), expected.size());
        for (int i = 0; i < packets.size(); ++i) {
            const auto [flags, length, cause] = expected[i];
            QVERIFY2(packets[i].inferred, qPrintable(QString::number(i)));
            QCOMPARE(packets[i].decoded.tcpFlags, flags);
            QCOMPARE(packets[i].payloadLength(), length);
            QCOMPARE(packets[i].cause, cause);
            QVERIFY(PacketCodec::toJson(packets[i])[QLatin1String("inferred")].toBool());
        }
        // The SYN goes from the client's descriptor to the listening one; data reaches the
        // descriptor accept() returned.
        QCOMPARE(packets[0].sender, (PacketEnd{QStringLiteral("client"), connect->fd()}));
        QCOMPARE(packets[0].receiver, (PacketEnd{QStringLiteral("server"), listen->fd()}));
        QCOMPARE(packets[3].receiver, (PacketEnd{QStringLiteral("server"), accept->resultFd()}));
        QCOMPARE(packets[3].decoded.payload, QByteArray("Hello world !\n"));
        QCOMPARE(packets[4].relativeAck, 15u);
        QCOMPARE(packets[7].relativeSeq, 15u);
    }

    // The views show the packets of the calls applied so far: at connect(), the handshake.
    void visibleAtTheCursor()
    {
        Session session;
        QVERIFY(runToEnd(session, builtIn(QStringLiteral("tcp-echo"))));
        const EventLog& log = session.log();
        int connectPosition = -1;
        for (int i = 0; i < log.calls().size(); ++i) {
            if (log.calls()[i].call == Call::Connect)
                connectPosition = i + 1;
        }
        QVERIFY(connectPosition > 0);
        const QList<int> atConnect = log.packetsVisibleAt(connectPosition);
        QVERIFY(atConnect.size() >= 3);
        for (int index : atConnect)
            QVERIFY(log.packets()[index].payloadLength() == 0);
        QVERIFY(log.packetsVisibleAt(0).isEmpty());
        QCOMPARE(log.packetsVisibleAt(int(log.calls().size())).size(), log.packets().size());
    }

    void inferredUdpEcho()
    {
        Session session;
        QVERIFY(runToEnd(session, builtIn(QStringLiteral("udp-echo"))));
        const EventLog& log = session.log();
        const QList<PacketEvent>& packets = log.packets();
        QCOMPARE(packets.size(), 2);
        const CallEvent* question = findCall(log, QStringLiteral("client"), Call::SendTo);
        const CallEvent* answer = findCall(log, QStringLiteral("server"), Call::SendTo);
        QVERIFY(question && answer);
        QCOMPARE(packets[0].cause, question->seq);
        QCOMPARE(packets[1].cause, answer->seq);
        QVERIFY(!packets[0].isTcp());
        QCOMPARE(packets[0].payloadLength(), int(question->ret));
        QVERIFY(packets[0].decoded.source == packets[1].decoded.destination);
        QVERIFY(packets[0].receiver.isKnown());
        QCOMPARE(packets[0].label(), QStringLiteral("UDP len=%1").arg(question->ret));
    }

    // Nobody listening: the SYN is answered by a RST, both connect()'s.
    void inferredRefusedConnect()
    {
        SessionOptions options;
        options.port = closedPort();
        Session session;
        QVERIFY(runToEnd(session, fromTestData(QStringLiteral("refused-expected")), options));
        const QList<PacketEvent>& packets = session.log().packets();
        QCOMPARE(packets.size(), 2);
        QCOMPARE(packets[0].decoded.tcpFlags, quint8(F::Syn));
        QCOMPARE(packets[1].decoded.tcpFlags, quint8(F::Rst | F::Ack));
        QCOMPARE(packets[1].cause, packets[0].cause);
        QCOMPARE(packets[0].decoded.destination.port(), *options.port);
    }

    // Closing with bytes not read aborts the connection: a RST, as the kernel does, and no
    // FIN from the other side afterwards.
    void inferredResetOnUnreadData()
    {
        Session session;
        QVERIFY(runToEnd(session, fromTestData(QStringLiteral("close-unread"))));
        const QList<PacketEvent>& packets = session.log().packets();
        QVERIFY(packets.size() >= 6);
        const PacketEvent& reset = packets[5];
        QCOMPARE(reset.decoded.tcpFlags, quint8(F::Rst | F::Ack));
        QCOMPARE(reset.sender.actor, QStringLiteral("server"));
        QCOMPARE(packets.size(), 6);
    }

    // A non-blocking connect() to a full waiting line: only the SYN at first; the rest of the
    // handshake once accept() has taken that connection, as the kernel does.
    void inferredHandshakeWaitsForAFullWaitingLine()
    {
        Session session;
        QVERIFY(runToEnd(session, builtIn(QStringLiteral("backlog-full"))));
        const EventLog& log = session.log();
        const CallEvent* connect = findCall(log, QStringLiteral("client3"), Call::Connect);
        QVERIFY(connect);
        QCOMPARE(connect->error, EINPROGRESS);
        QList<const PacketEvent*> handshake;
        for (const PacketEvent& packet : log.packets()) {
            if (packet.cause == connect->seq)
                handshake << &packet;
        }
        QCOMPARE(handshake.size(), 3);
        QCOMPARE(handshake[0]->decoded.tcpFlags, quint8(F::Syn));
        QCOMPARE(handshake[1]->decoded.tcpFlags, quint8(F::Syn | F::Ack));
        qint64 acceptedAt = -1; // the accept() that returned client 3's connection
        for (const CallEvent& call : log.calls()) {
            if (call.call == Call::Accept && call.after.peer == connect->after.local)
                acceptedAt = call.tNs;
        }
        QVERIFY(acceptedAt > 0);
        QVERIFY(handshake[1]->tNs >= acceptedAt);
    }

    // The linking rules on a crafted capture: handshake, data, the ACK of data, a RST that
    // answers, and a stranger's packet left out.
    void linkingRules()
    {
        const QString client = QStringLiteral("client");
        const QString me = QStringLiteral("127.0.0.1:40000");
        const QString server = QStringLiteral("127.0.0.1:5000");
        const QList<CallEvent> calls{
            call(1, client, Call::Socket, 3, 1000, 10),
            call(2, client, Call::Connect, 3, 2000, 500, me, server),
            call(3, client, Call::Write, 3, 200'000, 100, me, server),
            call(4, client, Call::Close, 3, 400'000, 100, {}, {}),
        };
        const QList<PacketEvent> packets{
            segment(2100, me, server, F::Syn, 1000, 0),
            segment(2200, server, me, F::Syn | F::Ack, 7000, 1001),
            segment(2300, me, server, F::Ack, 1001, 7001),
            segment(200'050, me, server, F::Psh | F::Ack, 1001, 7001, 5),
            segment(260'000, server, me, F::Ack, 7001, 1006), // a delayed ACK, after write
            segment(300'000, QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2"), F::Syn,
                    1, 0),
            segment(400'020, me, server, F::Fin | F::Ack, 1006, 7001),
            segment(400'040, server, me, F::Rst, 7001, 0),
        };
        QList<PacketEvent> linked = packets;
        linkPackets(calls, linked);
        QVERIFY(!linked[5].isTheSessions()); // the stranger's SYN
        linked.removeAt(5);
        const QList<qint64> causes{2, 2, 2, 3, 3, 4, 4};
        for (int i = 0; i < linked.size(); ++i) {
            QVERIFY(linked[i].isTheSessions());
            QCOMPARE(linked[i].cause, causes[i]);
        }
        QCOMPARE(linked[1].relativeAck, 1u);
        QCOMPARE(linked[3].relativeSeq, 1u);
        QCOMPARE(linked[4].relativeAck, 6u);
        QCOMPARE(linked[0].sender, (PacketEnd{QStringLiteral("client"), 3}));
    }

    // A program that ends without close(): exit_group() closes every socket of its process,
    // and the FINs the kernel sends are that call's, inferred or captured. Another process's
    // socket stays open.
    void exitGroupClosesTheProcesssSockets()
    {
        const QString client = QStringLiteral("client");
        const QString other = QStringLiteral("other");
        const QString server = QStringLiteral("127.0.0.1:5000");
        const QString first = QStringLiteral("127.0.0.1:40000");
        const QString second = QStringLiteral("127.0.0.1:40001");
        const QString others = QStringLiteral("127.0.0.1:40002");
        CallEvent exit = call(7, client, Call::ExitGroup, -1, 500'000, 1000);
        exit.neverReturned = true;
        QList<CallEvent> calls{
            call(1, client, Call::Socket, 3, 1000, 10),
            call(2, client, Call::Connect, 3, 2000, 500, first, server),
            call(3, client, Call::Socket, 4, 3000, 10),
            call(4, client, Call::Connect, 4, 4000, 500, second, server),
            call(5, other, Call::Socket, 3, 5000, 10),
            call(6, other, Call::Connect, 3, 6000, 500, others, server),
            exit,
        };
        for (CallEvent& each : calls) {
            if (each.call == Call::Connect)
                each.after.tcpState = TcpState::Established;
        }
        PacketInference inference;
        QList<PacketEvent> inferred;
        for (const CallEvent& each : std::as_const(calls))
            inferred << inference.packetsFor(each);
        QSet<QString> finished;
        for (const PacketEvent& packet : std::as_const(inferred)) {
            if (packet.decoded.tcpFlags & F::Fin) {
                QCOMPARE(packet.cause, exit.seq);
                QCOMPARE(packet.sender.actor, client);
                QCOMPARE(packet.sender.fd, packet.decoded.source.endpoint() == first ? 3 : 4);
                finished << packet.decoded.source.endpoint();
            }
        }
        QCOMPARE(finished, (QSet<QString>{first, second}));

        QList<PacketEvent> captured{
            segment(500'500, first, server, F::Fin | F::Ack, 1, 1),
            segment(500'600, second, server, F::Fin | F::Ack, 1, 1),
            segment(600'000, others, server, F::Fin | F::Ack, 1, 1),
        };
        linkPackets(calls, captured);
        QCOMPARE(captured[0].cause, exit.seq);
        QCOMPARE(captured[1].cause, exit.seq);
        QCOMPARE(captured[2].cause, qint64(-1)); // the other process never closed it
        QCOMPARE(captured[2].sender, (PacketEnd{other, 3}));
    }

    // Without a call of their own: an exec closes the close-on-exec sockets it lists, a
    // signal that kills the process closes them all. The kernel sends their FINs, caused by
    // no call.
    void processEndsCloseWithoutACall()
    {
        const QString client = QStringLiteral("client");
        const QString server = QStringLiteral("127.0.0.1:5000");
        const QString first = QStringLiteral("127.0.0.1:40000");
        const QString second = QStringLiteral("127.0.0.1:40001");
        QList<CallEvent> calls{
            call(1, client, Call::Socket, 3, 1000, 10),
            call(2, client, Call::Connect, 3, 2000, 500, first, server),
            call(3, client, Call::Socket, 4, 3000, 10),
            call(4, client, Call::Connect, 4, 4000, 500, second, server),
        };
        PacketInference inference;
        for (CallEvent& each : calls) {
            if (each.call == Call::Connect)
                each.after.tcpState = TcpState::Established;
            inference.packetsFor(each);
        }
        const auto finsOf = [](const QList<PacketEvent>& packets) {
            QStringList from;
            for (const PacketEvent& packet : packets) {
                if (packet.decoded.tcpFlags & F::Fin) {
                    from << packet.decoded.source.endpoint();
                    if (packet.cause != -1 || !packet.inferred)
                        from << QStringLiteral("(with a cause)");
                }
            }
            return from;
        };
        ProcessEnd exec{.seq = 10,
                        .tNs = 5000,
                        .actor = client,
                        .status = 0,
                        .signal = 0,
                        .exec = true,
                        .closed = {4},
                        .callsReturned = 4};
        QCOMPARE(finsOf(inference.packetsFor(exec)), QStringList{second});
        ProcessEnd killed{.seq = 11,
                          .tNs = 6000,
                          .actor = client,
                          .status = 0,
                          .signal = SIGKILL,
                          .exec = false,
                          .closed = {},
                          .callsReturned = 4};
        QCOMPARE(finsOf(inference.packetsFor(killed)), QStringList{first});
        QVERIFY(inference.packetsFor(killed).isEmpty()); // nothing left to close
    }
};

QTEST_GUILESS_MAIN(TestPacketLinks)
#include "tst_packetlinks.moc"
