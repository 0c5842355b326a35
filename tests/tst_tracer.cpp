#include "testtracer.h"
#include "trace/tracedecoders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <csignal>
#include <cstring>
#include <netinet/in.h>
#include <unistd.h>

using namespace TracerTest;

namespace {

QString kindOf(const QJsonObject& message)
{
    return message[QStringLiteral("kind")].toString();
}

// The first line the program printed: the port the tracer_server was given.
QString firstLine(QProcess& process)
{
    while (!process.canReadLine()) {
        if (!process.waitForReadyRead(30000))
            return {};
    }
    return QString::fromLatin1(process.readLine()).trimmed();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What strace -f recorded of `command`, run to its end.
QByteArray straceRecord(const QStringList& command)
{
    QTemporaryDir dir;
    QProcess strace;
    startStrace(strace, dir.filePath(QStringLiteral("out")), command);
    if (!strace.waitForFinished(60000))
        return {};
    return readFile(dir.filePath(QStringLiteral("out")));
}

} // namespace

class TestTracer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The course's client against a server, both traced, then both under strace -f: the
    // same calls with the same results, in each process's order.
    void serverAndClientMatchStrace()
    {
        TracerRun server({peer("tracer_server")});
        const QString port = firstLine(server.process);
        QVERIFY(!port.isEmpty());
        TracerRun client({QStringLiteral(PEER_TP_CLIENT_TCP), QStringLiteral("127.0.0.1"), port});
        client.input("bonjour\n");
        QCOMPARE(client.finish(), 0);
        QCOMPARE(server.finish(), 0);

        QTemporaryDir dir;
        QProcess straceServer;
        QProcess straceClient;
        startStrace(straceServer, dir.filePath(QStringLiteral("server")), {peer("tracer_server")});
        const QString stracedPort = firstLine(straceServer);
        startStrace(straceClient, dir.filePath(QStringLiteral("client")),
                    {QStringLiteral(PEER_TP_CLIENT_TCP), QStringLiteral("127.0.0.1"), stracedPort});
        straceClient.write("bonjour\n");
        straceClient.waitForBytesWritten(30000);
        straceClient.closeWriteChannel();
        QVERIFY(straceClient.waitForFinished(60000));
        QVERIFY(straceServer.waitForFinished(60000));

        const CallLists tracedServer = tracedCalls(server.messages);
        const CallLists tracedClient = tracedCalls(client.messages);
        QVERIFY(!tracedServer.isEmpty() && !tracedClient.isEmpty());
        QCOMPARE(tracedServer, straceCalls(readFile(dir.filePath(QStringLiteral("server")))));
        QCOMPARE(tracedClient, straceCalls(readFile(dir.filePath(QStringLiteral("client")))));

        // The bytes the client wrote are those the server read.
        QByteArray written;
        for (const QJsonObject& call : client.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = call[QStringLiteral("event")].toObject();
            if (event[QStringLiteral("call")] == QStringLiteral("write"))
                written =
                    QByteArray::fromHex(event[QStringLiteral("data_hex")].toString().toLatin1());
        }
        QByteArray read;
        for (const QJsonObject& call : server.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = call[QStringLiteral("event")].toObject();
            if (event[QStringLiteral("call")] == QStringLiteral("read"))
                read = QByteArray::fromHex(event[QStringLiteral("data_hex")].toString().toLatin1());
        }
        QCOMPARE(read, written);
        QVERIFY(!written.isEmpty());
    }

    // The course's own server and client, both traced: the server binds port 0, and the
    // port it got is read from its listen() call's state, as the stage would show it.
    void courseServerAndClientBothTraced()
    {
        TracerRun server({QStringLiteral(PEER_TP_SERVEUR_TCP), QStringLiteral("0")});
        const auto listened = server.waitFor([](const QJsonObject& m) {
            return kindOf(m) == QStringLiteral("call") &&
                   m[QStringLiteral("event")][QStringLiteral("call")] == QStringLiteral("listen");
        });
        QVERIFY(listened);
        const QByteArray local = QByteArray::fromHex(
            (*listened)[QStringLiteral("event")][QStringLiteral("after")][QStringLiteral("local")]
                .toString()
                .toLatin1());
        QVERIFY(local.size() >= int(sizeof(sockaddr_in)));
        sockaddr_in address{};
        std::memcpy(&address, local.constData(), sizeof(address));
        QCOMPARE(int(address.sin_family), AF_INET);
        QVERIFY(address.sin_port != 0);

        TracerRun client({QStringLiteral(PEER_TP_CLIENT_TCP), QStringLiteral("127.0.0.1"),
                          QString::number(ntohs(address.sin_port))});
        client.input("bonjour\n");
        QCOMPARE(client.finish(), 0);
        QCOMPARE(server.finish(), 0);
        const auto dataOf = [](const TracerRun& run, const QString& call) {
            QByteArray bytes;
            for (const QJsonObject& message : run.ofKind(QStringLiteral("call"))) {
                const QJsonObject event = message[QStringLiteral("event")].toObject();
                if (event[QStringLiteral("call")] == call)
                    bytes += QByteArray::fromHex(
                        event[QStringLiteral("data_hex")].toString().toLatin1());
            }
            return bytes;
        };
        QCOMPARE(dataOf(server, QStringLiteral("read")), dataOf(client, QStringLiteral("write")));
        QCOMPARE(dataOf(client, QStringLiteral("read")), dataOf(server, QStringLiteral("write")));
        QVERIFY(!dataOf(client, QStringLiteral("read")).isEmpty());
        // The server's accepted descriptor is a TCP socket like the one it listened on.
        for (const QJsonObject& message : server.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = message[QStringLiteral("event")].toObject();
            if (event[QStringLiteral("call")] == QStringLiteral("accept")) {
                QCOMPARE(event[QStringLiteral("family")].toString(), QStringLiteral("AF_INET"));
                QCOMPARE(event[QStringLiteral("after")][QStringLiteral("tcp_state")].toString(),
                         QStringLiteral("ESTABLISHED"));
            }
        }
    }

    // fork() and a thread: each new process or thread is announced before its calls, its
    // calls carry its own ID, its end is reported, and the lists match strace -f.
    void followsForksAndThreads_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<bool>("thread");
        QTest::newRow("fork over a socketpair") << QStringList{peer("tracer_fork")} << false;
        QTest::newRow("the same, statically linked")
            << QStringList{peer("tracer_fork_static")} << false;
        // Debian's interpreter, not a wrapper script found first in the PATH.
        QTest::newRow("the same, in Python")
            << QStringList{QStringLiteral("/usr/bin/python3"), QStringLiteral(PEER_PYTHON_FORK)}
            << false;
        QTest::newRow("a thread makes a socket") << QStringList{peer("tracer_thread")} << true;
    }

    // UDP letters, with sendto/recvfrom and sendmsg/recvmsg: the calls match strace, and the
    // bytes and the sender's address arrive whole in the events.
    void udpLettersMatchStrace()
    {
        const QStringList command{peer("tracer_udp")};
        TracerRun run(command);
        QCOMPARE(run.finish(), 0);
        QCOMPARE(tracedCalls(run.messages), straceCalls(straceRecord(command)));
        QByteArray sent;
        QByteArray received;
        for (const QJsonObject& message : run.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = message[QStringLiteral("event")].toObject();
            const QString call = event[QStringLiteral("call")].toString();
            const QByteArray data =
                QByteArray::fromHex(event[QStringLiteral("data_hex")].toString().toLatin1());
            if (call == QStringLiteral("sendmsg"))
                sent = data;
            if (call == QStringLiteral("recvmsg")) {
                received = data;
                QVERIFY(argumentsOf(event).contains(QStringLiteral("127.0.0.1")));
            }
        }
        QVERIFY(!sent.isEmpty());
        QCOMPARE(received, sent);
    }

    // sendmmsg and recvmmsg: each message that went, its sender and bytes, as strace writes
    // them (the ports the system chose differ from run to run).
    void multipleMessagesMatchStrace()
    {
        const QStringList command{peer("tracer_udp")};
        TracerRun run(command);
        QCOMPARE(run.finish(), 0);
        static const QRegularExpression port(QStringLiteral(R"(htons\(\d+\))"));
        // strace -yy's "<UDP:[...]>" after each descriptor is its own.
        static const QRegularExpression decoration(QStringLiteral(R"(<UDP:\[[^\]]*\]>)"));
        QString recorded = QString::fromUtf8(straceRecord(command));
        recorded.remove(decoration);
        recorded.replace(port, QStringLiteral("htons(P)"));
        QByteArray received;
        QStringList seen;
        for (const QJsonObject& message : run.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = message[QStringLiteral("event")].toObject();
            const QString call = event[QStringLiteral("call")].toString();
            if (call != QStringLiteral("sendmmsg") && call != QStringLiteral("recvmmsg"))
                continue;
            seen << call;
            QString written =
                call + QLatin1Char('(') + argumentsOf(event) + QStringLiteral(") = 3");
            written.replace(port, QStringLiteral("htons(P)"));
            QVERIFY2(recorded.contains(written),
                     qPrintable(written + QLatin1Char('\n') + recorded));
            if (call == QStringLiteral("recvmmsg"))
                received =
                    QByteArray::fromHex(event[QStringLiteral("data_hex")].toString().toLatin1());
        }
        QCOMPARE(seen, (QStringList{QStringLiteral("sendmmsg"), QStringLiteral("recvmmsg")}));
        QCOMPARE(received, QByteArray("bonjoursalut!"));
    }

    // fcntl, the dup family, ioctl, readv/writev, poll, ppoll, select, epoll on sockets: the
    // same calls as strace -f (none of those on a pipe), each written as strace writes it.
    void descriptorAndWaitingCallsMatchStrace()
    {
        const QStringList command{peer("tracer_multiplex")};
        TracerRun run(command);
        QCOMPARE(run.finish(), 0);
        const QByteArray recorded = straceRecord(command);
        const CallLists traced = tracedCalls(run.messages);
        QCOMPARE(traced, straceCalls(recorded));

        // strace -yy's "<TCP:[...]>" after each descriptor is its own; the rest must match.
        static const QRegularExpression decoration(
            QStringLiteral(R"(<(?:TCP|UDP|UNIX|pipe|anon_inode|socket):\[[^\]]*\]>)"));
        QStringList straceArguments;
        for (const QByteArray& line : recorded.split('\n')) {
            QString text = QString::fromUtf8(line);
            text.remove(decoration);
            straceArguments << text;
        }
        const QStringList compared{QStringLiteral("fcntl"),        QStringLiteral("dup"),
                                   QStringLiteral("dup2"),         QStringLiteral("dup3"),
                                   QStringLiteral("writev"),       QStringLiteral("readv"),
                                   QStringLiteral("poll"),         QStringLiteral("ppoll"),
                                   QStringLiteral("ioctl"),        QStringLiteral("epoll_ctl"),
                                   QStringLiteral("epoll_wait"),   QStringLiteral("epoll_create1"),
                                   QStringLiteral("epoll_create"), QStringLiteral("epoll_pwait")};
        QSet<QString> seen;
        for (const QJsonObject& message : run.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = message[QStringLiteral("event")].toObject();
            const QString call = event[QStringLiteral("call")].toString();
            if (!compared.contains(call))
                continue;
            seen << call;
            const QString written = call + QLatin1Char('(') + argumentsOf(event) + QLatin1Char(')');
            const bool found =
                std::any_of(straceArguments.cbegin(), straceArguments.cend(),
                            [&](const QString& line) { return line.contains(written); });
            if (!found)
                qWarning().noquote() << "not in strace's record:" << written;
            QVERIFY(found);
        }
        QCOMPARE(seen.size(), compared.size());

        // What moved: readv's bytes, FIONREAD's count, the descriptors ready.
        for (const QJsonObject& message : run.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = message[QStringLiteral("event")].toObject();
            const QString call = event[QStringLiteral("call")].toString();
            if (call == QStringLiteral("readv"))
                QCOMPARE(
                    QByteArray::fromHex(event[QStringLiteral("data_hex")].toString().toLatin1()),
                    QByteArray("bonjour"));
            if (call == QStringLiteral("dup"))
                QCOMPARE(event[QStringLiteral("family")].toString(), QStringLiteral("AF_INET"));
        }
    }

    // Bad pointers: the calls fail as they do untraced, the tracer reads what it can.
    void badPointersAreShownNotFollowed()
    {
        const QStringList command{peer("tracer_badpointers")};
        TracerRun run(command);
        QCOMPARE(run.finish(), 0);
        const CallLists traced = tracedCalls(run.messages);
        QCOMPARE(traced, straceCalls(straceRecord(command)));
        QVERIFY(traced.value(0).contains(QStringLiteral("connect=-1 EFAULT")));
        // The write's length stays exact though none of its bytes could be read.
        for (const QJsonObject& call : run.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = call[QStringLiteral("event")].toObject();
            if (event[QStringLiteral("call")] == QStringLiteral("write"))
                QVERIFY(argumentsOf(event).endsWith(QStringLiteral("100000")));
        }
    }
    // With --hold-new-addresses (the app captures packets): each address the program binds is
    // told, and a call sending to an address for the first time is told and held before the
    // kernel sees it, until the app releases it. sendmmsg's letters to an address told already
    // go at once.
    void holdsCallsToNewAddressesUntilReleased()
    {
        TracerRun run({peer("tracer_udp")}, false, {QStringLiteral("--hold-new-addresses")});
        QList<QJsonObject> reaches;
        QSet<qint64> held;
        int holds = 0;
        while (const auto message = run.next()) {
            const QString kind = kindOf(*message);
            const qint64 id = (*message)[QStringLiteral("id")].toInteger();
            // A held call was not made: it starts once released.
            if (kind == QStringLiteral("start"))
                QVERIFY(!held.contains(id));
            if (kind == QStringLiteral("reach"))
                reaches << *message;
            if (kind != QStringLiteral("hold"))
                continue;
            ++holds;
            held << id;
            QVERIFY(!reaches.isEmpty());
            QVERIFY(!reaches.constLast()[QStringLiteral("bound")].toBool());
            // Stopped by the tracer: a release of another call, or a malformed one, changes
            // nothing.
            run.send("release 424242");
            run.send("release me");
            const QString stat =
                QStringLiteral("/proc/%1/stat").arg((*message)[QStringLiteral("pid")].toInteger());
            QCOMPARE(SocketScope::Trace::procStatState(readFile(stat)), std::optional<char>('t'));
            run.send("release " + QByteArray::number(id));
            held.remove(id);
        }
        QCOMPARE(run.finish(), 0);
        QCOMPARE(holds, 2);
        QStringList bound;
        QStringList reached;
        for (const QJsonObject& reach : std::as_const(reaches))
            (reach[QStringLiteral("bound")].toBool() ? bound : reached)
                << reach[QStringLiteral("address")].toString();
        QStringList binds;
        QStringList destinations;
        for (const QJsonObject& message : run.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = message[QStringLiteral("event")].toObject();
            const auto call =
                SocketScope::Calls::fromName(event[QStringLiteral("call")].toString());
            if (call == SocketScope::Call::Bind)
                binds << event[QStringLiteral("after")][QStringLiteral("local")].toString();
            if (call == SocketScope::Call::SendTo || call == SocketScope::Call::SendMsg)
                destinations
                    << event[QStringLiteral("arguments")][QStringLiteral("address")].toString();
        }
        QCOMPARE(bound, binds);
        QCOMPARE(reached, destinations);
        QCOMPARE(bound.size(), 2);
    }
    void followsForksAndThreads()
    {
        QFETCH(QStringList, command);
        QFETCH(bool, thread);
        TracerRun run(command);
        QCOMPARE(run.finish(), 0);
        const QList<QJsonObject> processes = run.ofKind(QStringLiteral("process"));
        QCOMPARE(processes.size(), 2);
        const qint64 root = processes[0][QStringLiteral("pid")].toInteger();
        QCOMPARE(processes[0][QStringLiteral("parent")].toInteger(), 0);
        QCOMPARE(processes[1][QStringLiteral("parent")].toInteger(), root);
        QCOMPARE(processes[1][QStringLiteral("thread")].toBool(), thread);
        const qint64 second = processes[1][QStringLiteral("pid")].toInteger();
        // Announced before any of its calls; both ends reported.
        const qsizetype announced = run.messages.indexOf(processes[1]);
        for (qsizetype i = 0; i < announced; ++i)
            QVERIFY(run.messages[i][QStringLiteral("pid")].toInteger() != second);
        QCOMPARE(run.ofKind(QStringLiteral("exit")).size(), 2);

        const CallLists traced = tracedCalls(run.messages);
        QCOMPARE(traced.size(), 2);
        QCOMPARE(traced, straceCalls(straceRecord(command)));
    }

    // A traced program that execs another is announced again, under the same PID.
    void execIsFollowed()
    {
        TracerRun run({QStringLiteral("env"), peer("tracer_crash")});
        QCOMPARE(run.finish(), 128 + SIGSEGV);
        const QList<QJsonObject> processes = run.ofKind(QStringLiteral("process"));
        const QList<QJsonObject> execs = run.ofKind(QStringLiteral("exec"));
        QCOMPARE(processes.size(), 1);
        QCOMPARE(execs.size(), 1);
        QCOMPARE(execs[0][QStringLiteral("pid")], processes[0][QStringLiteral("pid")]);
        QCOMPARE(execs[0][QStringLiteral("program")].toString(), peer("tracer_crash"));
        QCOMPARE(execs[0][QStringLiteral("argv")].toArray().first().toString(),
                 peer("tracer_crash"));
        QVERIFY(run.messages.indexOf(execs[0]) <
                run.messages.indexOf(run.ofKind(QStringLiteral("start")).value(0)));
    }

    // exec closes the sockets made with SOCK_CLOEXEC: the exec message lists them; the new
    // program still has the other one, and its call on it is reported.
    void execSaysWhichSocketsItClosed()
    {
        TracerRun run({peer("tracer_exec")});
        QCOMPARE(run.finish(), 0);
        const QList<QJsonObject> execs = run.ofKind(QStringLiteral("exec"));
        QCOMPARE(execs.size(), 1);
        QList<qint64> sockets;
        qint64 asked = -1;
        for (const QJsonObject& message : run.ofKind(QStringLiteral("call"))) {
            const QJsonObject event = message[QStringLiteral("event")].toObject();
            const auto call =
                SocketScope::Calls::fromName(event[QStringLiteral("call")].toString());
            if (call == SocketScope::Call::Socket)
                sockets << event[QStringLiteral("ret")].toInteger();
            if (call == SocketScope::Call::GetSockName)
                asked = event[QStringLiteral("arguments")][QStringLiteral("fd")].toInteger();
        }
        QCOMPARE(sockets.size(), 2);
        QCOMPARE(execs[0][QStringLiteral("closed")].toArray(), QJsonArray{sockets[1]});
        QVERIFY(execs[0][QStringLiteral("tNs")].toInteger() > 0);
        QCOMPARE(asked, sockets[0]);
    }

    // The course's client when no server listens: connect() fails with ECONNREFUSED and the
    // tracer exits with the client's status.
    void failingConnectIsShown()
    {
        TracerTest::RefusingPort refusing;
        const QStringList command{QStringLiteral(PEER_TP_CLIENT_TCP), QStringLiteral("127.0.0.1"),
                                  QString::number(refusing.port)};
        TracerRun run(command);
        run.process.closeWriteChannel();
        const int status = run.finish();
        QTemporaryDir dir;
        QProcess strace;
        startStrace(strace, dir.filePath(QStringLiteral("out")), command);
        strace.closeWriteChannel();
        QVERIFY(strace.waitForFinished(60000));
        const CallLists traced = tracedCalls(run.messages);
        QCOMPARE(traced, straceCalls(readFile(dir.filePath(QStringLiteral("out")))));
        QVERIFY(traced.value(0).contains(QStringLiteral("connect=-1 ECONNREFUSED")));
        QCOMPARE(status, strace.exitCode());
    }

    void unstartableProgramIsRefused_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<int>("error");
        QTest::newRow("no such file")
            << QStringLiteral("/nonexistent/socketscope-program") << ENOENT;
        QTest::newRow("not in PATH") << QStringLiteral("socketscope-no-such-program") << ENOENT;
        QTest::newRow("not executable")
            << QStringLiteral(SOCKETSCOPE_SOURCE_DIR "/README.md") << EACCES;
    }
    void unstartableProgramIsRefused()
    {
        QFETCH(QString, program);
        QFETCH(int, error);
        TracerRun run({program});
        QCOMPARE(run.finish(), 127);
        const QList<QJsonObject> refused = run.ofKind(QStringLiteral("refused"));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused[0][QStringLiteral("what")].toString(), QStringLiteral("exec"));
        QCOMPARE(refused[0][QStringLiteral("errno")].toInt(), error);
        QVERIFY(run.ofKind(QStringLiteral("process")).isEmpty());
    }

    void crashIsShownAsKilled()
    {
        TracerRun run({peer("tracer_crash")});
        QCOMPARE(run.finish(), 128 + SIGSEGV);
        const QList<QJsonObject> killed = run.ofKind(QStringLiteral("killed"));
        QCOMPARE(killed.size(), 1);
        QCOMPARE(killed[0][QStringLiteral("signal")].toInt(), SIGSEGV);
        QCOMPARE(run.ofKind(QStringLiteral("call")).size(), 1);
    }

    // --step: each call waits for next; run lets the rest go without pausing.
    void stepsWithNextAndRun()
    {
        // One call at a time: main's clone3, the thread's two, then main's two and its
        // exit_group once it has joined it.
        TracerRun run({peer("tracer_thread")}, true);
        const auto first = run.waitForKind(QStringLiteral("paused"));
        QVERIFY(first);
        const QJsonValue firstId = (*first)[QStringLiteral("id")];
        run.send("next");
        const auto returned = run.waitFor([](const QJsonObject& m) {
            return kindOf(m) == QStringLiteral("call") || kindOf(m) == QStringLiteral("paused");
        });
        QVERIFY(returned);
        QCOMPARE(kindOf(*returned), QStringLiteral("call"));
        QCOMPARE((*returned)[QStringLiteral("id")], firstId);
        const auto second = run.waitForKind(QStringLiteral("paused"));
        QVERIFY(second);
        run.send("run");
        QCOMPARE(run.finish(), 0);
        QCOMPARE(run.ofKind(QStringLiteral("paused")).size(), 2);
        // Every call that started returned, each after its start.
        const QList<QJsonObject> starts = run.ofKind(QStringLiteral("start"));
        QCOMPARE(run.ofKind(QStringLiteral("call")).size(), starts.size());
        QCOMPARE(starts.size(), 6);
    }

    // A blocked accept() is reported as such; then kill, or the app's end of the channel
    // closing, ends the whole tree: no process is left.
    void endingTheChannelKillsTheTree_data()
    {
        QTest::addColumn<bool>("closeChannel");
        QTest::newRow("kill command") << false;
        QTest::newRow("end of file on the channel") << true;
    }
    void endingTheChannelKillsTheTree()
    {
        QFETCH(bool, closeChannel);
        TracerRun run({peer("tracer_server")});
        const auto process = run.waitForKind(QStringLiteral("process"));
        QVERIFY(process);
        const qint64 pid = (*process)[QStringLiteral("pid")].toInteger();
        const auto accepting = run.waitFor([](const QJsonObject& m) {
            return kindOf(m) == QStringLiteral("start") &&
                   m[QStringLiteral("call")] == QStringLiteral("accept");
        });
        QVERIFY(accepting);
        const auto blocked = run.waitForKind(QStringLiteral("blocked"));
        QVERIFY(blocked);
        QCOMPARE((*blocked)[QStringLiteral("id")], (*accepting)[QStringLiteral("id")]);
        QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(pid)));
        if (closeChannel) {
            run.closeChannel();
        } else {
            run.send("kill");
        }
        QCOMPARE(run.finish(), 128 + SIGKILL);
        if (!closeChannel) {
            const QList<QJsonObject> killed = run.ofKind(QStringLiteral("killed"));
            QCOMPARE(killed.size(), 1);
            QCOMPARE(killed[0][QStringLiteral("pid")].toInteger(), pid);
        }
        QVERIFY(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)));
    }
};

QTEST_GUILESS_MAIN(TestTracer)
#include "tst_tracer.moc"
