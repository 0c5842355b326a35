// The channel from the tracing helper, flooded by a stand-in that writes as fast as it can:
// every line is handed on in order, the event loop turns between slices of them, finished()
// comes once after the last, and a line that is not the protocol's ends the helper.
#include "testpatience.h"
#include "trace/tracerprocess.h"

#include <QDir>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>

using namespace SocketScope;

namespace {

// What the window saw of one flooded channel.
struct Flood {
    qint64 received = 0;
    bool inOrder = true;
    int turnsWhileReceiving = 0;   // turns of the event loop between the first line and the last
    qint64 mostLinesInOneTurn = 0; // handed on between two turns of the loop
    int finished = 0;
    qint64 receivedAtFinish = -1;
    QStringList broken;
};

// `onFirstLine` runs in the receiver of the first line.
Flood flood(qint64 lines, qint64 badLine = 0,
            const std::function<void(TracerProcess&)>& onFirstLine = {})
{
    TracerProcess tracer;
    tracer.setHelperPath(QStringLiteral(PEER_TRACERCHANNEL_FLOOD));
    Flood seen;
    QEventLoop loop;
    qint64 sinceTurn = 0;
    QObject::connect(&tracer, &TracerProcess::messageReceived, [&](const TraceMessage& message) {
        ++seen.received;
        seen.mostLinesInOneTurn = std::max(seen.mostLinesInOneTurn, ++sinceTurn);
        seen.inOrder &= message.kind == TraceMessage::Kind::Exit && message.pid == seen.received;
        if (seen.received == 1 && onFirstLine)
            onFirstLine(tracer);
    });
    QObject::connect(&tracer, &TracerProcess::channelBroken,
                     [&](const QString& reason) { seen.broken << reason; });
    QObject::connect(&tracer, &TracerProcess::finished, [&] {
        ++seen.finished;
        seen.receivedAtFinish = seen.received;
        loop.quit();
    });
    QTimer turn; // a zero timer fires at each turn of the loop
    QObject::connect(&turn, &QTimer::timeout, [&] {
        if (seen.received > 0 && seen.received < lines)
            ++seen.turnsWhileReceiving;
        sinceTurn = 0;
    });
    turn.start(0);
    QStringList words{QString::number(lines)};
    if (badLine > 0)
        words << QString::number(badLine);
    QString error;
    if (!tracer.start(TracedProgram{words}, QDir::currentPath(), false, &error)) {
        qWarning("%s", qPrintable(error));
        return seen;
    }
    QTimer::singleShot(patience, &loop, &QEventLoop::quit);
    loop.exec();
    // Whatever was still queued for it has run: finished() came once.
    QCoreApplication::processEvents();
    return seen;
}

} // namespace

class TestTracerProcess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyLineInOrderWithTheLoopTurning()
    {
        // Far more than a slice of 8 ms can take in, on any machine: a line costs microseconds.
        constexpr qint64 lines = 200'000;
        const Flood seen = flood(lines);
        QCOMPARE(seen.received, lines);
        QVERIFY(seen.inOrder);
        QCOMPARE(seen.finished, 1);
        QCOMPARE(seen.receivedAtFinish, lines);
        QVERIFY(seen.broken.isEmpty());
        QVERIFY2(seen.turnsWhileReceiving > 0,
                 "the lines were taken in without a turn of the loop");
        // In slices: at a few microseconds a line, 8 ms take in some thousands, far fewer
        // than a quarter of them (a slower machine takes in fewer still).
        QVERIFY2(seen.mostLinesInOneTurn <= lines / 4,
                 qPrintable(QString::number(seen.mostLinesInOneTurn)));
    }

    void aLineNotOfTheProtocolEndsTheHelper()
    {
        constexpr qint64 badLine = 50'000;
        const Flood seen = flood(200'000, badLine);
        QCOMPARE(seen.received, badLine - 1);
        QVERIFY(seen.inOrder);
        QCOMPARE(seen.broken.size(), 1);
        QCOMPARE(seen.finished, 1);
    }

    void aLineNotOfTheProtocolAfterTheHelperEnded()
    {
        // The receiver of the first line waits there until the helper has ended, as a window
        // busy with a dialog would: the lines after it, the bad one among them, come once the
        // helper has gone, from inside that wait. Less than a socket's buffer: the helper
        // never waits for the window to read.
        constexpr qint64 badLine = 500;
        const Flood seen = flood(1'000, badLine, [](TracerProcess& tracer) {
            // On a loaded machine it may have ended already (waitForFinished() then says no).
            if (tracer.process().state() != QProcess::NotRunning)
                QVERIFY(tracer.process().waitForFinished(patience));
            QCOMPARE(tracer.process().state(), QProcess::NotRunning);
        });
        QCOMPARE(seen.received, badLine - 1);
        QVERIFY(seen.inOrder);
        QCOMPARE(seen.broken.size(), 1);
        QCOMPARE(seen.finished, 1);
    }
};

QTEST_MAIN(TestTracerProcess)
#include "tst_tracerprocess.moc"
