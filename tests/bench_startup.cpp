#include "testfigures.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <unistd.h>

namespace {

// A process's resident memory from /proc/PID/status, in bytes; -1 when unreadable.
qint64 residentBytes(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

// The CPU time a process has used so far, in clock ticks (utime + stime); -1 when unreadable.
qint64 cpuTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the command's closing parenthesis: the 12th and 13th are utime and stime.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 12 ? fields[11].toLongLong() + fields[12].toLongLong() : -1;
}

} // namespace

// SocketScope started as a user starts it, with its window (offscreen): the time from the
// program's start to its first painted frame, and its memory once it is at rest.
class BenchStartup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startToFirstFrame()
    {
        constexpr int runs = 5;
        QList<double> startMs;
        QList<double> restMb;
        for (int run = 0; run < runs; ++run) {
            QTemporaryDir home;
            QVERIFY(home.isValid());
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                               QStringLiteral("socketscope.startup.info=true"));
            // Settings of its own: none remembered, none left behind.
            environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
            QProcess socketscope;
            socketscope.setProcessEnvironment(environment);
            socketscope.setProcessChannelMode(QProcess::SeparateChannels);
            socketscope.setReadChannel(QProcess::StandardError); // where the log goes
            QElapsedTimer timer;
            timer.start();
            socketscope.start(QStringLiteral(SOCKETSCOPE_BINARY), {});
            QVERIFY(socketscope.waitForStarted());
            QByteArray messages;
            const QDeadlineTimer patience(60'000);
            while (!messages.contains("first frame painted")) {
                QVERIFY2(socketscope.state() == QProcess::Running, messages.constData());
                QVERIFY2(!patience.hasExpired(), "no first frame within a minute");
                socketscope.waitForReadyRead(1000);
                messages += socketscope.readAll();
            }
            startMs.append(double(timer.nsecsElapsed()) / 1e6);

            // At rest: its CPU time no longer grows over half a second.
            const qint64 pid = socketscope.processId();
            qint64 ticks = cpuTicks(pid);
            for (int check = 0; check < 40; ++check) {
                QTest::qWait(500);
                const qint64 now = cpuTicks(pid);
                if (now == ticks)
                    break;
                ticks = now;
            }
            const qint64 resident = residentBytes(pid);
            QVERIFY(resident > 0);
            restMb.append(double(resident) / 1e6);
            socketscope.terminate();
            QVERIFY(socketscope.waitForFinished(10'000));
        }
        std::sort(startMs.begin(), startMs.end());
        std::sort(restMb.begin(), restMb.end());
        qInfo("start-up to the first painted frame: median %.0f ms (%.0f to %.0f); memory at "
              "rest: median %.1f MB (%.1f to %.1f)",
              startMs[runs / 2], startMs.first(), startMs.last(), restMb[runs / 2], restMb.first(),
              restMb.last());
        TestFigures::report("startup.first_frame", startMs[runs / 2], "ms");
        TestFigures::report("startup.memory_at_rest", restMb[runs / 2], "MB");
    }
};

QTEST_GUILESS_MAIN(BenchStartup)
#include "bench_startup.moc"
