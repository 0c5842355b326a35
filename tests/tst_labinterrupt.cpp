#include "lab/labsession.h"
#include "labconsoleview.h"
#include "mainwindow.h"
#include "stagestate.h"
#include "testfullqueue.h"
#include "testlabconsole.h"
#include "testscenarios.h"

#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <sys/ioctl.h>

using namespace SocketScope;
using namespace SocketScope::TestFullQueue;
using SocketScope::TestLabConsole::Console;
using SocketScope::TestLabConsole::labOptions;

namespace {

// The lab's current socket waits inside connect(): its handshake is in SYN_SENT.
bool dialling(const LabSession& lab)
{
    return QTest::qWaitFor(
        [&] { return lab.currentId() >= 0 && tcpState(lab.currentId()) == TCP_SYN_SENT; }, 10'000);
}

// Some socket of the machine, another process's too, dials 127.0.0.1:port in SYN_SENT.
bool someoneDials(quint16 port)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return false;
    const QString remote = QStringLiteral("0100007F:%1").arg(port, 4, 16, QLatin1Char('0'));
    for (const QByteArray& line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 3 &&
            QString::fromLatin1(fields[2]).compare(remote, Qt::CaseInsensitive) == 0 &&
            fields[3] == "02")
            return true;
    }
    return false;
}

std::optional<StageEndpoint> endpointOf(LabSession& lab, int fd)
{
    const QList<CallEvent>& calls = lab.session().log().calls();
    const StageState stage = projectStage(calls, int(calls.size()), {}, 0);
    for (const StageEndpoint& endpoint : stage.endpoints) {
        if (endpoint.fd == fd && endpoint.phase != StageEndpoint::Phase::Closed)
            return endpoint;
    }
    return std::nullopt;
}

} // namespace

class TestLabInterrupt : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    // Ctrl+C on a connect() that nobody answers (the listener's queue is full): the call
    // returns -1 EINTR, the console says so, and the kernel goes on with the handshake: once
    // the listener has room the socket connects, as the stage then shows.
    void connectInterruptedGoesOnInTheKernel()
    {
        FullListener listener;
        QVERIFY(listener.isFull());
        LabSession lab(LabMode::Tcp, labOptions());
        Console console(lab);
        QVERIFY(console.typeBlocking(QStringLiteral("connect 127.0.0.1 %1").arg(listener.port)));
        QVERIFY(lab.isBusy());
        const int fd = lab.currentId();
        QCOMPARE(tcpState(fd), int(TCP_SYN_SENT));
        // Drawn waiting while the call is in the kernel, as a call waiting in poll() is.
        const EventLog& log = lab.session().log();
        const StageState waiting =
            projectStage(log.calls(), int(log.calls().size()), log.callsInProgress(), 0);
        QVERIFY(std::any_of(waiting.endpoints.cbegin(), waiting.endpoints.cend(),
                            [fd](const StageEndpoint& endpoint) {
                                return endpoint.fd == fd && endpoint.waitingCall == Call::Connect;
                            }));
        lab.interrupt();
        QVERIFY(console.waitReady());
        const CallEvent connect = lab.session().log().calls().last();
        QCOMPARE(connect.call, Call::Connect);
        QCOMPARE(connect.error, EINTR);
        QVERIFY(!connect.cancelled);
        QCOMPARE(console.errors,
                 (QStringList{QStringLiteral("connect(): Interrupted system call"),
                              QStringLiteral("    EINTR: A signal interrupted the call before "
                                             "it could finish."),
                              QStringLiteral("*** interrupted: the kernel goes on with the "
                                             "handshake, status shows whether the socket "
                                             "connects")}));
        // What the kernel said after the call: still dialling, and drawn so.
        QVERIFY(endpointOf(lab, fd).value().waitingCall == Call::Connect);

        listener.acceptOne();
        QVERIFY(QTest::qWaitFor([&] { return tcpState(fd) == TCP_ESTABLISHED; }, 30'000));
        QVERIFY(console.type(QStringLiteral("write . hello")));
        QCOMPARE(console.results.last(), QStringLiteral("Sent 5 bytes"));
        const StageEndpoint after = endpointOf(lab, fd).value();
        QVERIFY(!after.waitingCall);
        QCOMPARE(after.phase, StageEndpoint::Phase::Connected);
        QVERIFY(console.type(QStringLiteral("close .")));
    }

    // Ctrl+C on a write of a megabyte to a peer that does not read: the write returns the
    // bytes it had written, the console says how many of them went, the peer reads those.
    void largeWriteInterruptedSaysWhatWasSent()
    {
        quint16 port = 0;
        const int server = TestSockets::boundSocket(AF_INET, SOCK_STREAM, &port);
        const int small = 64 * 1024;
        ::setsockopt(server, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("s tcp")));
        ::setsockopt(lab.currentId(), SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
        QVERIFY(console.type(QStringLiteral("c . . %1").arg(port)));
        const int peer = ::accept(server, nullptr, nullptr);
        QVERIFY(peer >= 0);
        const int fd = lab.currentId();
        // Said blocked once the buffer has no room left: the write waits in the kernel.
        QVERIFY(console.typeBlocking(QStringLiteral("write . #1000000")));
        int queued = 0;
        QVERIFY(::ioctl(fd, TIOCOUTQ, &queued) == 0 && queued > 0);
        lab.interrupt();
        QVERIFY(console.waitReady());
        const CallEvent write = lab.session().log().calls().last();
        QCOMPARE(write.call, Call::Write);
        QVERIFY2(write.ret > 0 && write.ret < 1000000, qPrintable(write.straceLine()));
        QCOMPARE(console.results.last(), QStringLiteral("Sent %1 bytes").arg(write.ret));
        QCOMPARE(console.errors.last(),
                 QStringLiteral("*** interrupted: %1 of the 1000000 bytes were sent, the rest "
                                "was not")
                     .arg(write.ret));
        QVERIFY(console.type(QStringLiteral("close .")));
        qint64 received = 0;
        char buffer[65536];
        ssize_t count = 0;
        while ((count = ::read(peer, buffer, sizeof(buffer))) > 0)
            received += count;
        QCOMPARE(received, write.ret);
        ::close(peer);
        ::close(server);
    }

    // socketscope --lab: the first Ctrl+C (SIGINT) wakes the connect() waiting in the kernel,
    // the lab says so on standard error and goes on.
    void headlessCtrlCWakesConnect()
    {
        FullListener listener;
        QVERIFY(listener.isFull());
        QProcess lab;
        lab.start(QStringLiteral(SOCKETSCOPE_BINARY),
                  {QStringLiteral("--lab"), QStringLiteral("tcp"), QStringLiteral("--no-capture")});
        QVERIFY(lab.waitForStarted());
        lab.write(QStringLiteral("connect 127.0.0.1 %1\n").arg(listener.port).toUtf8());
        QVERIFY(QTest::qWaitFor([&] { return someoneDials(listener.port); }, 10'000));
        ::kill(pid_t(lab.processId()), SIGINT);
        QByteArray errors;
        QVERIFY(QTest::qWaitFor(
            [&] {
                errors += lab.readAllStandardError();
                return errors.contains("*** interrupted");
            },
            10'000));
        QVERIFY2(errors.contains("connect(): Interrupted system call\n    EINTR: "),
                 errors.constData());
        lab.write("status\nquit\n");
        lab.closeWriteChannel();
        QVERIFY(lab.waitForFinished(10'000));
        QCOMPARE(lab.exitStatus(), QProcess::NormalExit);
        QCOMPARE(lab.exitCode(), 0);
        QVERIFY(lab.readAllStandardOutput().contains("TCP"));
    }

    // From the window: the Interrupt button, Escape and Ctrl+C in the console each wake a
    // connect() waiting inside the kernel.
    void connectInterruptedFromTheWindow_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("the Interrupt button") << "button";
        QTest::newRow("Escape") << "escape";
        QTest::newRow("Ctrl+C") << "ctrl+c";
    }
    void connectInterruptedFromTheWindow()
    {
        QFETCH(QString, how);
        FullListener listener;
        QVERIFY(listener.isFull());
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.openLab(LabMode::Tcp);
        QSignalSpy ready(window.lab(), &LabSession::readyForInput);
        QSignalSpy blocked(&window.lab()->session().log(), &EventLog::callBlocked);
        QLineEdit* input = window.labConsole()->input();
        input->setText(QStringLiteral("connect 127.0.0.1 %1").arg(listener.port));
        QTest::keyClick(input, Qt::Key_Return);
        QVERIFY(dialling(*window.lab()));
        QVERIFY(!blocked.isEmpty() || blocked.wait(10'000));
        if (how == QLatin1String("button")) {
            QPushButton* interrupt = nullptr;
            for (QPushButton* button : window.labConsole()->findChildren<QPushButton*>()) {
                if (button->text() == QLatin1String("Interrupt"))
                    interrupt = button;
            }
            QVERIFY(interrupt && interrupt->isEnabled());
            QTest::mouseClick(interrupt, Qt::LeftButton);
        } else if (how == QLatin1String("escape")) {
            QTest::keyClick(input, Qt::Key_Escape);
        } else {
            QTest::keyClick(input, Qt::Key_C, Qt::ControlModifier);
        }
        QVERIFY(ready.wait(5'000));
        QCOMPARE(window.lab()->session().log().calls().last().error, EINTR);
        QVERIFY(window.labConsole()->output()->toPlainText().contains(
            QStringLiteral("connect(): Interrupted system call")));
    }
};

QTEST_MAIN(TestLabInterrupt)
#include "tst_labinterrupt.moc"
