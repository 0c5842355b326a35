#include "kernel/diaganswer.h"

#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <limits>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace SocketScope;

namespace {

template <typename T> QByteArray bytesOf(const T& value)
{
    return QByteArray(reinterpret_cast<const char*>(&value), sizeof(value));
}

QByteArray padded(QByteArray bytes)
{
    bytes.append(QByteArray(NLMSG_ALIGN(bytes.size()) - bytes.size(), '\0'));
    return bytes;
}

// One netlink message as the kernel frames it: header, body, padding to 4 bytes.
QByteArray message(quint16 type, quint32 sequence, const QByteArray& body, quint16 flags = 0)
{
    nlmsghdr header{};
    header.nlmsg_len = NLMSG_HDRLEN + body.size();
    header.nlmsg_type = type;
    header.nlmsg_flags = flags;
    header.nlmsg_seq = sequence;
    return padded(bytesOf(header) + body);
}

QByteArray attribute(quint16 type, const QByteArray& payload)
{
    rtattr header{};
    header.rta_len = RTA_LENGTH(payload.size());
    header.rta_type = type;
    QByteArray bytes = bytesOf(header) + payload;
    bytes.append(QByteArray(RTA_ALIGN(bytes.size()) - bytes.size(), '\0'));
    return bytes;
}

QByteArray listeningTcp4(quint16 port)
{
    inet_diag_msg body{};
    body.idiag_family = AF_INET;
    body.idiag_state = 10; // LISTEN
    body.id.idiag_sport = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &body.id.idiag_src);
    body.idiag_rqueue = 2;
    body.idiag_wqueue = 128;
    body.idiag_inode = 4242;
    return bytesOf(body);
}

QByteArray unixStream(quint32 inode)
{
    unix_diag_msg body{};
    body.udiag_family = AF_UNIX;
    body.udiag_type = SOCK_STREAM;
    body.udiag_state = 1; // ESTABLISHED
    body.udiag_ino = inode;
    return bytesOf(body);
}

} // namespace

class TestDiagAnswer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void datagramKeepsOnlyTheRequestsMessages()
    {
        const QByteArray datagram = message(SOCK_DIAG_BY_FAMILY, 6, listeningTcp4(1)) +
                                    message(SOCK_DIAG_BY_FAMILY, 7, listeningTcp4(2)) +
                                    message(NLMSG_NOOP, 7, {}) +
                                    message(SOCK_DIAG_BY_FAMILY, 7, listeningTcp4(3));
        const DiagDatagram read = readDiagDatagram(datagram, 7);
        QCOMPARE(read.messages.size(), 2);
        QCOMPARE(inetRowFromMessage(read.messages[0], AF_INET, IPPROTO_TCP)->local,
                 QStringLiteral("127.0.0.1:2"));
        QCOMPARE(inetRowFromMessage(read.messages[1], AF_INET, IPPROTO_TCP)->local,
                 QStringLiteral("127.0.0.1:3"));
        QVERIFY(!read.done);
        QCOMPARE(read.error, 0);
        QVERIFY(!read.interrupted);
    }

    void doneErrorAndInterruption()
    {
        const DiagDatagram done =
            readDiagDatagram(message(SOCK_DIAG_BY_FAMILY, 1, listeningTcp4(1), NLM_F_DUMP_INTR) +
                                 message(NLMSG_DONE, 1, QByteArray(4, '\0')) +
                                 message(SOCK_DIAG_BY_FAMILY, 1, listeningTcp4(2)),
                             1);
        QVERIFY(done.done);
        QVERIFY(done.interrupted);
        QCOMPARE(done.messages.size(), 1); // nothing after NLMSG_DONE

        nlmsgerr failure{};
        failure.error = -ENOENT;
        QCOMPARE(readDiagDatagram(message(NLMSG_ERROR, 1, bytesOf(failure)), 1).error, ENOENT);
        // A number no kernel errno can be (INT_MIN cannot even be negated) reads as malformed.
        failure.error = std::numeric_limits<int>::min();
        QCOMPARE(readDiagDatagram(message(NLMSG_ERROR, 1, bytesOf(failure)), 1).error, EPROTO);
        failure.error = -5000;
        QCOMPARE(readDiagDatagram(message(NLMSG_ERROR, 1, bytesOf(failure)), 1).error, EPROTO);
        // An error message too short to hold its errno still ends the dump.
        QCOMPARE(readDiagDatagram(message(NLMSG_ERROR, 1, QByteArray(2, '\0')), 1).error, EPROTO);
    }

    void lengthsPastTheBytesAreNeverRead()
    {
        QByteArray datagram = message(SOCK_DIAG_BY_FAMILY, 1, listeningTcp4(1));
        const QByteArray whole = datagram + message(SOCK_DIAG_BY_FAMILY, 1, listeningTcp4(2));
        // The second message says it is longer than what arrived.
        QCOMPARE(readDiagDatagram(whole.chopped(4), 1).messages.size(), 1);
        // A length shorter than a header ends the walk instead of looping on it.
        reinterpret_cast<nlmsghdr*>(datagram.data())->nlmsg_len = 3;
        QVERIFY(readDiagDatagram(datagram, 1).messages.isEmpty());
        QVERIFY(readDiagDatagram(QByteArray(7, '\xff'), 1).messages.isEmpty());
        QVERIFY(readDiagDatagram({}, 1).messages.isEmpty());
    }

    void inetRowAsSsShowsIt()
    {
        tcp_info info{};
        info.tcpi_rtt = 321;
        info.tcpi_snd_cwnd = 10;
        const auto row = inetRowFromMessage(
            listeningTcp4(5000) + attribute(INET_DIAG_INFO, bytesOf(info)), AF_INET, IPPROTO_TCP);
        QVERIFY(row);
        QCOMPARE(row->protocol, QStringLiteral("tcp"));
        QCOMPARE(row->state, QStringLiteral("LISTEN"));
        QCOMPARE(row->local, QStringLiteral("127.0.0.1:5000"));
        QCOMPARE(row->peer, QStringLiteral("0.0.0.0:*"));
        QVERIFY(!row->peerAddress.isValid());
        QCOMPARE(row->recvQ, 2u);
        QCOMPARE(row->sendQ, 128u);
        QCOMPARE(row->inode, 4242u);
        QVERIFY(row->tcpInfo);
        QCOMPARE(row->tcpInfo->rttUs, 321u);
        QCOMPARE(row->tcpInfo->congestionWindow, 10u);
        // An older kernel's shorter tcp_info: what it lacks stays zero.
        const auto older = inetRowFromMessage(listeningTcp4(5000) +
                                                  attribute(INET_DIAG_INFO, bytesOf(info).first(8)),
                                              AF_INET, IPPROTO_TCP);
        QCOMPARE(older->tcpInfo->rttUs, 0u);
        QVERIFY(!inetRowFromMessage(listeningTcp4(5000).chopped(1), AF_INET, IPPROTO_TCP));
    }

    void attributeLongerThanTheMessageIsIgnored()
    {
        QByteArray bytes = listeningTcp4(5000) + attribute(INET_DIAG_INFO, QByteArray(16, 'x'));
        reinterpret_cast<rtattr*>(bytes.data() + sizeof(inet_diag_msg))->rta_len = 400;
        const auto row = inetRowFromMessage(bytes, AF_INET, IPPROTO_TCP);
        QVERIFY(row);
        QVERIFY(!row->tcpInfo);
    }

    void unixRowNamesAndPeer()
    {
        const quint32 peer = 77;
        unix_diag_rqlen queues{3, 9};
        const QByteArray named =
            unixStream(5) + attribute(UNIX_DIAG_NAME, QByteArray("/tmp/sock\0", 10)) +
            attribute(UNIX_DIAG_PEER, bytesOf(peer)) + attribute(UNIX_DIAG_RQLEN, bytesOf(queues));
        const auto row = unixRowFromMessage(named);
        QVERIFY(row);
        QCOMPARE(row->protocol, QStringLiteral("unix"));
        QCOMPARE(row->socketType, QStringLiteral("stream"));
        QCOMPARE(row->local, QStringLiteral("/tmp/sock"));
        QCOMPARE(row->peer, QStringLiteral("inode 77"));
        QCOMPARE(row->recvQ, 3u);
        QCOMPARE(row->sendQ, 9u);
        QCOMPARE(unixPeerFromMessage(named), 77u);

        const QByteArray abstractName("\0hidden", 7);
        QCOMPARE(unixRowFromMessage(unixStream(6) + attribute(UNIX_DIAG_NAME, abstractName))->local,
                 QStringLiteral("@hidden"));
        QCOMPARE(unixRowFromMessage(unixStream(7))->local, QStringLiteral("*"));
        // A peer attribute too short for its inode names no peer.
        QCOMPARE(unixPeerFromMessage(unixStream(8) + attribute(UNIX_DIAG_PEER, QByteArray("ab"))),
                 0u);
        QVERIFY(!unixRowFromMessage(unixStream(9).first(4)));
    }
};

QTEST_GUILESS_MAIN(TestDiagAnswer)
#include "tst_diaganswer.moc"
