#include "engine/actor.h"
#include "testfigures.h"
#include "testmanysockets.h"
#include "testsockets.h"

#include <QElapsedTimer>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;

namespace {

constexpr int samples = 4000; // per call and per way of making it, interleaved
constexpr int drainEvery = 200;

ScenarioStep step(Call call, const QString& fdName = {})
{
    ScenarioStep s;
    s.actor = QStringLiteral("client");
    s.call = call;
    s.fdName = fdName;
    return s;
}

// Receives the actor's signals queued, as the session on the GUI thread does: posting them is
// the engine's cost; delivering them is the log's (bench_eventingest).
class Receiver : public QObject {
    Q_OBJECT
public:
    int finished = 0;
    qint64 firstResult = -1;
    int failures = 0;
public Q_SLOTS:
    void onStarted(const SocketScope::CallStart&) {}
    void onFinished(const SocketScope::CallEvent& event)
    {
        if (++finished == 1)
            firstResult = event.ret;
        failures += event.failed() ? 1 : 0;
    }
};

} // namespace

// The engine's own cost per call: an actor's step (resolving its names, the real call, the
// descriptor's state read back, the 5-tuple followed, both signals posted) against the same
// system call made directly, on the same connected socket, with 10 or 10,000 other sockets
// open on the machine.
class BenchEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void overheadPerCall_data()
    {
        QTest::addColumn<int>("otherSockets");
        QTest::newRow("10 other sockets") << 10;
        QTest::newRow("10,000 other sockets") << 10'000;
    }
    void overheadPerCall()
    {
        QFETCH(int, otherSockets);
        // Connections count two sockets each, plus the listener.
        TestSockets::ManyConnections others;
        bool tooFew = false;
        const QString error = others.open(otherSockets / 2, &tooFew);
        if (tooFew)
            QSKIP(qPrintable(error));
        QVERIFY2(error.isEmpty(), qPrintable(error));

        quint16 port = 0;
        const int listener = TestSockets::boundSocket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, &port);
        QVERIFY(listener >= 0 && port != 0);

        Actor actor(QStringLiteral("client"), std::make_shared<std::atomic<qint64>>(1));
        Receiver receiver;
        connect(&actor, &Actor::callStarted, &receiver, &Receiver::onStarted, Qt::QueuedConnection);
        connect(&actor, &Actor::callFinished, &receiver, &Receiver::onFinished,
                Qt::QueuedConnection);
        int index = 0;
        const auto perform = [&](const ScenarioStep& s) {
            actor.perform(StepCommand{index++, s, 0, {}});
        };
        ScenarioStep socket = step(Call::Socket);
        socket.arguments.domain = AF_INET;
        socket.arguments.type = SOCK_STREAM;
        socket.asName = QStringLiteral("fd");
        perform(socket);
        ScenarioStep connectStep = step(Call::Connect, QStringLiteral("fd"));
        connectStep.address = *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 0);
        connectStep.port = port;
        perform(connectStep);
        const int served = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        QVERIFY(served >= 0);
        QTRY_COMPARE(receiver.finished, 2);
        const int clientFd = int(receiver.firstResult); // what the actor's socket() returned
        QVERIFY(clientFd >= 0);

        ScenarioStep send = step(Call::Send, QStringLiteral("fd"));
        send.arguments.payload = QByteArrayLiteral("x");
        const ScenarioStep name = step(Call::GetSockName, QStringLiteral("fd"));
        QList<qint64> engineSendNs, rawSendNs, engineNameNs, rawNameNs;
        char drain[65536];
        QElapsedTimer timer;
        for (int i = 0; i < samples; ++i) {
            timer.start();
            perform(send);
            engineSendNs.append(timer.nsecsElapsed());
            timer.start();
            const ssize_t sent = ::send(clientFd, "x", 1, 0);
            rawSendNs.append(timer.nsecsElapsed());
            QCOMPARE(sent, ssize_t(1));
            timer.start();
            perform(name);
            engineNameNs.append(timer.nsecsElapsed());
            sockaddr_in own{};
            socklen_t ownLength = sizeof(own);
            timer.start();
            const int named =
                ::getsockname(clientFd, reinterpret_cast<sockaddr*>(&own), &ownLength);
            rawNameNs.append(timer.nsecsElapsed());
            QCOMPARE(named, 0);
            if (i % drainEvery == drainEvery - 1) {
                // Outside the measure: the events delivered, the bytes taken off the peer.
                QCoreApplication::processEvents();
                QCOMPARE(receiver.failures, 0);
                qint64 expected = 2 * drainEvery;
                while (expected > 0) {
                    const ssize_t got = ::recv(served, drain, sizeof(drain), 0);
                    QVERIFY(got > 0);
                    expected -= got;
                }
            }
        }
        QTRY_COMPARE(receiver.finished, 2 + 2 * samples);
        ::close(served);
        ::close(listener);

        const double sendOverheadUs =
            (TestFigures::median(engineSendNs) - TestFigures::median(rawSendNs)) / 1000.0;
        const double nameOverheadUs =
            (TestFigures::median(engineNameNs) - TestFigures::median(rawNameNs)) / 1000.0;
        qInfo("%d other sockets: send() %.2f us by the engine, %.2f us raw; getsockname() "
              "%.2f us by the engine, %.2f us raw",
              otherSockets, TestFigures::median(engineSendNs) / 1000.0,
              TestFigures::median(rawSendNs) / 1000.0, TestFigures::median(engineNameNs) / 1000.0,
              TestFigures::median(rawNameNs) / 1000.0);
        const QByteArray suffix = QByteArray::number(otherSockets);
        TestFigures::report(("engine.send_overhead_" + suffix).constData(), sendOverheadUs, "us");
        TestFigures::report(("engine.getsockname_overhead_" + suffix).constData(), nameOverheadUs,
                            "us");
    }
};

QTEST_GUILESS_MAIN(BenchEngine)
#include "bench_engine.moc"
