#include "testprocess.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

using SocketScope::TestProcess::Run;

Run runApp(const QStringList& arguments,
           const QString& program = QStringLiteral(SOCKETSCOPE_BINARY))
{
    return SocketScope::TestProcess::run(arguments, program);
}

QList<QJsonObject> readTrace(const QString& path)
{
    QFile file(path);
    QList<QJsonObject> objects;
    if (!file.open(QIODevice::ReadOnly))
        return objects;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (!line.isEmpty())
            objects << QJsonDocument::fromJson(line).object();
    }
    return objects;
}

QList<QJsonObject> calls(const QList<QJsonObject>& trace)
{
    QList<QJsonObject> result;
    for (const QJsonObject& object : trace) {
        if (object[QLatin1String("kind")].toString() == QLatin1String("call"))
            result << object;
    }
    return result;
}

} // namespace

class TestHeadless : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsScenarios()
    {
        const Run run = runApp({QStringLiteral("--list-scenarios")});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 2);
        for (const QString& line : lines)
            QCOMPARE(line.count(QLatin1Char('\t')), 1);
        QVERIFY(run.out.contains(QLatin1String("tcp-echo\t")));
        QVERIFY(run.out.contains(QLatin1String("udp-echo\t")));
        const Run french = runApp(
            {QStringLiteral("--list-scenarios"), QStringLiteral("--lang"), QStringLiteral("fr")});
        QVERIFY(french.out.contains(QStringLiteral("udp-echo\t\u00c9change UDP")));
    }

    void tcpEchoTraceHasTheWholeSequence()
    {
        QTemporaryDir dir;
        const QString tracePath = dir.filePath(QStringLiteral("t.jsonl"));
        const Run run = runApp({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                                QStringLiteral("tcp-echo"), QStringLiteral("--port"),
                                QStringLiteral("0"), QStringLiteral("--trace"), tracePath});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<QJsonObject> trace = calls(readTrace(tracePath));
        QStringList sequence;
        for (const QJsonObject& call : trace)
            sequence << call[QLatin1String("actor")].toString() + QLatin1Char(':') +
                            call[QLatin1String("call")].toString();
        // accept() returns after connect() started: compare as sets per actor, in order.
        QCOMPARE(sequence.filter(QLatin1String("server:")),
                 QStringList({QStringLiteral("server:socket"), QStringLiteral("server:bind"),
                              QStringLiteral("server:listen"), QStringLiteral("server:accept"),
                              QStringLiteral("server:read"), QStringLiteral("server:write"),
                              QStringLiteral("server:close"), QStringLiteral("server:close")}));
        QCOMPARE(sequence.filter(QLatin1String("client:")),
                 QStringList({QStringLiteral("client:socket"), QStringLiteral("client:connect"),
                              QStringLiteral("client:write"), QStringLiteral("client:read"),
                              QStringLiteral("client:close")}));
        QJsonObject listen;
        QJsonObject connect;
        for (const QJsonObject& call : trace) {
            for (const char* field : {"seq", "t_ns", "duration_ns", "actor", "call", "fd", "args",
                                      "ret", "errno", "local", "peer", "tcp_state"})
                QVERIFY2(call.contains(QLatin1String(field)), field);
            QVERIFY(call[QLatin1String("errno")].isNull());
            if (call[QLatin1String("call")].toString() == QLatin1String("listen"))
                listen = call;
            if (call[QLatin1String("call")].toString() == QLatin1String("connect"))
                connect = call;
        }
        const QRegularExpression endpoint(QStringLiteral("^127\\.0\\.0\\.1:(\\d+)$"));
        const auto serverPort = endpoint.match(listen[QLatin1String("local")].toString());
        const auto clientPort = endpoint.match(connect[QLatin1String("local")].toString());
        QVERIFY(serverPort.hasMatch() && clientPort.hasMatch());
        QVERIFY(serverPort.captured(1) != clientPort.captured(1));
        QCOMPARE(connect[QLatin1String("peer")].toString(),
                 listen[QLatin1String("local")].toString());
        QVERIFY(connect[QLatin1String("args")].toString().contains(
            QStringLiteral("htons(%1)").arg(serverPort.captured(1))));
        QVERIFY(run.out.contains(QLatin1String("[client] write(")));
    }

    void exitCodes()
    {
        QCOMPARE(runApp({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                         QStringLiteral("udp-echo"), QStringLiteral("--port"), QStringLiteral("0")})
                     .exitCode,
                 0);
        const Run unknown = runApp(
            {QStringLiteral("--headless"), QStringLiteral("--scenario"), QStringLiteral("nope")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QLatin1String("nope")));
        const Run badPort =
            runApp({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                    QStringLiteral("tcp-echo"), QStringLiteral("--port"), QStringLiteral("99999")});
        QCOMPARE(badPort.exitCode, 2);
        QVERIFY(badPort.err.contains(QLatin1String("--port")));

        // A scenario whose expected outcome does not happen exits 1.
        const Run wrong =
            runApp({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                    QStringLiteral("wrong-expectation"), QStringLiteral("--scenario-folder"),
                    QStringLiteral(SOCKETSCOPE_TEST_DATA "/failing")});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY(wrong.err.contains(QLatin1String("EMFILE")));
    }

    // A session saved with --trace plays again with --replay, with no network: the same
    // calls, the same outcome, the same file when saved again; a broken file is named and
    // exits 2.
    void replayOfASavedRun()
    {
        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("saved.jsonl"));
        const Run run =
            runApp({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                    QStringLiteral("udp-echo"), QStringLiteral("--port"), QStringLiteral("0"),
                    QStringLiteral("--trace"), saved, QStringLiteral("--no-capture")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString again = dir.filePath(QStringLiteral("again.jsonl"));
        const Run replay = runApp({QStringLiteral("--headless"), QStringLiteral("--replay"), saved,
                                   QStringLiteral("--trace"), again});
        QVERIFY2(replay.exitCode == 0, qPrintable(replay.err));
        for (const QJsonObject& call : calls(readTrace(saved)))
            QVERIFY(replay.out.contains(call[QLatin1String("strace")].toString()));
        QFile first(saved);
        QFile second(again);
        QVERIFY(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
        QCOMPARE(second.readAll(), first.readAll());

        const QString picture = dir.filePath(QStringLiteral("replay.png"));
        const Run shot = runApp({QStringLiteral("--replay"), saved, QStringLiteral("--steps"),
                                 QStringLiteral("3"), QStringLiteral("--screenshot"), picture});
        QVERIFY2(shot.exitCode == 0, qPrintable(shot.err));
        QCOMPARE(QImage(picture).size(), QSize(1280, 720));

        QFile broken(dir.filePath(QStringLiteral("broken.jsonl")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        QFile source(saved);
        QVERIFY(source.open(QIODevice::ReadOnly));
        broken.write(source.readLine());
        broken.write("{\"kind\":\"call\",\"seq\":\"seven\"}\n");
        broken.close();
        for (const bool headless : {true, false}) {
            QStringList arguments{QStringLiteral("--replay"), broken.fileName()};
            if (headless)
                arguments << QStringLiteral("--headless");
            else
                arguments << QStringLiteral("--screenshot") << picture;
            const Run refused = runApp(arguments);
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains(QLatin1String("line 2")) &&
                         refused.err.contains(QLatin1String("\"seq\"")),
                     qPrintable(refused.err));
        }
        const Run mixed = runApp({QStringLiteral("--replay"), saved, QStringLiteral("--scenario"),
                                  QStringLiteral("tcp-echo")});
        QCOMPARE(mixed.exitCode, 2);
        QCOMPARE(
            runApp({QStringLiteral("--replay"), dir.filePath(QStringLiteral("none"))}).exitCode, 2);
    }

    void brokenScenarioFileIsNamedNotFatal()
    {
        const Run run =
            runApp({QStringLiteral("--list-scenarios"), QStringLiteral("--scenario-folder"),
                    QStringLiteral(SOCKETSCOPE_TEST_DATA "/broken")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QLatin1String("tcp-echo")));
        QVERIFY2(run.err.contains(QLatin1String("broken.json: step 2: field \"port\"")),
                 qPrintable(run.err));
    }

    void screenshotOfARealRun()
    {
        QTemporaryDir dir;
        const QString blocked = dir.filePath(QStringLiteral("accept.png"));
        const Run run =
            runApp({QStringLiteral("--scenario"), QStringLiteral("tcp-echo"),
                    QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--steps"),
                    QStringLiteral("4"), QStringLiteral("--screenshot"), blocked,
                    QStringLiteral("--size"), QStringLiteral("1024x600")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QImage image(blocked);
        QCOMPARE(image.size(), QSize(1024, 600));
        // The server's telephone is drawn in its colour.
        bool serverDrawn = false;
        for (int y = 0; y < image.height() && !serverDrawn; y += 2) {
            for (int x = 0; x < image.width() && !serverDrawn; x += 2)
                serverDrawn = image.pixel(x, y) == qRgb(0x1f, 0x5f, 0xbf);
        }
        QVERIFY(serverDrawn);

        // Past the end: the scenario runs to its end, and the picture is still taken.
        const QString end = dir.filePath(QStringLiteral("end.png"));
        QCOMPARE(runApp({QStringLiteral("--scenario"), QStringLiteral("udp-echo"),
                         QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--steps"),
                         QStringLiteral("999"), QStringLiteral("--screenshot"), end,
                         QStringLiteral("--lang"), QStringLiteral("fr")})
                     .exitCode,
                 0);
        QCOMPARE(QImage(end).size(), QSize(1280, 720));
    }

    void screenshotArgumentsValidated_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("size without x")
            << QStringList{QStringLiteral("--size"), QStringLiteral("1024")} << "--size";
        QTest::newRow("size too small")
            << QStringList{QStringLiteral("--size"), QStringLiteral("10x10")} << "320x240";
        QTest::newRow("not a png")
            << QStringList{QStringLiteral("--screenshot"), QStringLiteral("/tmp/x.jpg")} << ".png";
        QTest::newRow("missing folder")
            << QStringList{QStringLiteral("--screenshot"), QStringLiteral("/no/such/x.png")}
            << "/no/such";
        QTest::newRow("unknown panel")
            << QStringList{QStringLiteral("--panel"), QStringLiteral("packets")} << "--panel";
        QTest::newRow("negative steps")
            << QStringList{QStringLiteral("--steps"), QStringLiteral("-2")} << "--steps";
    }
    void screenshotArgumentsValidated()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const Run run = runApp(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    }

    // What the trace says the process did is what strace sees it do: the same network calls
    // with the same results, and each recorded call rendered as strace renders it. Besides
    // them strace sees SocketScope read each descriptor's state after a call (getsockname,
    // getpeername, getsockopt TCP_INFO), as docs/trace-format.md says, and nothing else.
    // A program run headless prints its calls as strace does, to its exit_group(): the
    // waiting and descriptor calls on its sockets, none of those on its pipe.
    void runProgramPrintsItsCalls()
    {
        const Run run = runApp({QStringLiteral("--headless"), QStringLiteral("--run"),
                                QStringLiteral(PEER_TRACER_MULTIPLEX)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const auto printed = [&](const QString& start) {
            return std::any_of(lines.cbegin(), lines.cend(),
                               [&](const QString& line) { return line.contains(start); });
        };
        QVERIFY2(printed(QStringLiteral("ioctl(5, FIONREAD, [7]) = 0")), qPrintable(run.out));
        QVERIFY2(printed(QStringLiteral("readv(5, [{iov_base=\"bon\", iov_len=3}, "
                                        "{iov_base=\"jour\", iov_len=16}], 2) = 7")),
                 qPrintable(run.out));
        QVERIFY2(printed(QStringLiteral("epoll_wait(")), qPrintable(run.out));
        QVERIFY2(!printed(QStringLiteral("fcntl(7")), qPrintable(run.out)); // the pipe
        const qsizetype exit =
            lines.indexOf(QRegularExpression(QStringLiteral(".*exit_group\\(0\\) = \\?$")));
        QVERIFY2(exit >= 0, qPrintable(run.out));
        QVERIFY2(lines.value(exit + 1).contains(QStringLiteral("+++ exited with 0 +++")),
                 qPrintable(run.out));
    }

    // A program that crashed, saved and replayed: the replay prints how it ended too.
    void replayedRunSaysHowTheProgramEnded()
    {
        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("crash.jsonl"));
        const Run run =
            runApp({QStringLiteral("--headless"), QStringLiteral("--run"),
                    QStringLiteral(PEER_TRACER_CRASH), QStringLiteral("--trace"), saved});
        QCOMPARE(run.exitCode, 128 + SIGSEGV);
        const QString killed = QStringLiteral("+++ killed by SIGSEGV +++");
        QVERIFY2(run.out.contains(killed), qPrintable(run.out));
        const Run replay =
            runApp({QStringLiteral("--headless"), QStringLiteral("--replay"), saved});
        QVERIFY2(replay.exitCode == 0, qPrintable(replay.err));
        QVERIFY2(replay.out.contains(killed), qPrintable(replay.out));
        QVERIFY(replay.out.indexOf(killed) > replay.out.indexOf(QStringLiteral("socket(")));
    }

    void traceMatchesStrace()
    {
        const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
        if (strace.isEmpty())
            QSKIP("strace is not installed");
        QTemporaryDir dir;
        const QString tracePath = dir.filePath(QStringLiteral("t.jsonl"));
        // --no-capture: the capture helper is a process of its own, with its own calls.
        const Run run = runApp(
            // LeakSanitizer cannot work under a tracer; the untraced runs check for leaks.
            {QStringLiteral("-ff"), QStringLiteral("-qq"), QStringLiteral("-E"),
             QStringLiteral("ASAN_OPTIONS=detect_leaks=0"), QStringLiteral("-e"),
             QStringLiteral("trace=%network,read,write,close"), QStringLiteral("-o"),
             dir.filePath(QStringLiteral("strace")), QStringLiteral(SOCKETSCOPE_BINARY),
             QStringLiteral("--headless"), QStringLiteral("--scenario"), QStringLiteral("tcp-echo"),
             QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--trace"), tracePath,
             QStringLiteral("--no-capture")},
            strace);
        if (run.exitCode != 0 && run.err.contains(QLatin1String("ptrace")))
            QSKIP("ptrace is not permitted here");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // One file per thread: no call is split by another thread's.
        QStringList straced;
        const QRegularExpression padding(QStringLiteral("\\)\\s+= "));
        for (const QString& name : QDir(dir.path()).entryList({QStringLiteral("strace.*")})) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const QByteArray& line : file.readAll().split('\n'))
                straced << QString::fromUtf8(line).replace(padding, QStringLiteral(") = "));
        }
        const QRegularExpression network(QStringLiteral(
            "^(socket|bind|listen|accept4?|connect|sendto|recvfrom|sendmsg|recvmsg|shutdown|"
            "getsockname|getpeername|getsockopt|setsockopt|socketpair)\\((\\d+)?.* = (-?\\d+)"));
        const QRegularExpression observation(QStringLiteral(
            "^(getsockname|getpeername)\\((\\d+), |^getsockopt\\((\\d+), SOL_TCP, TCP_INFO, "));
        QStringList seenNetwork;
        QSet<QString> observed;
        for (const QString& line : std::as_const(straced)) {
            const auto match = network.match(line);
            const auto looked = observation.match(line);
            if (looked.hasMatch())
                observed << looked.captured(2) + looked.captured(3);
            else if (match.hasMatch())
                seenNetwork << QStringLiteral("%1 %2").arg(match.captured(1), match.captured(3));
        }

        QStringList recordedNetwork;
        QSet<QString> recordedDescriptors;
        for (const QJsonObject& call : calls(readTrace(tracePath))) {
            recordedDescriptors << QString::number(call[QLatin1String("result_fd")].toInt(-1));
            const QString line = call[QLatin1String("strace")].toString();
            QVERIFY2(straced.contains(line),
                     qPrintable(QStringLiteral("strace never printed: ") + line));
            if (network.match(line).hasMatch())
                recordedNetwork << QStringLiteral("%1 %2")
                                       .arg(call[QLatin1String("call")].toString())
                                       .arg(call[QLatin1String("ret")].toInteger());
        }
        std::sort(seenNetwork.begin(), seenNetwork.end());
        std::sort(recordedNetwork.begin(), recordedNetwork.end());
        QCOMPARE(seenNetwork, recordedNetwork);
        QCOMPARE(recordedNetwork.size(), 6); // socket twice, bind, listen, accept, connect
        QVERIFY(!observed.isEmpty());
        QVERIFY2(recordedDescriptors.contains(observed),
                 "SocketScope looked at a descriptor no recorded call returned");
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
