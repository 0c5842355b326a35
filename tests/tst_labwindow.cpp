#include "lab/labsession.h"
#include "labconsoleview.h"
#include "mainwindow.h"
#include "stageview.h"
#include "testscenarios.h"
#include "testsockets.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;

namespace {

// Types a command in the lab's console and presses Enter, then waits until it is done.
bool typeCommand(MainWindow& window, const QString& line)
{
    QSignalSpy ready(window.lab(), &LabSession::readyForInput);
    QLineEdit* input = window.labConsole()->input();
    input->setText(line);
    QTest::keyClick(input, Qt::Key_Return);
    return !ready.isEmpty() || ready.wait(10'000);
}

} // namespace

class TestLabWindow : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    // The lab in the window: commands typed in its console are real calls drawn on the stage
    // like a scenario's, the console shows socklab's answers, the status table the sockets;
    // a real client's call is accepted and drawn picked up.
    void typedCommandsAreDrawnOnTheStage()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.resize(1280, 720);
        window.show();
        window.openLab(LabMode::Tcp);
        QVERIFY(window.lab());
        QCOMPARE(window.source(), &window.lab()->session());
        QVERIFY(typeCommand(window, QStringLiteral("passive")));
        const QString created = window.labConsole()->output()->toPlainText();
        QVERIFY2(created.contains(QStringLiteral("TCP socket created: id=")), qPrintable(created));
        QTRY_COMPARE(window.labConsole()->status()->rowCount(), 1);
        window.stage()->skipAnimation();
        QTRY_COMPARE(window.stage()->state().endpoints.size(), 1);
        QCOMPARE(window.stage()->state().endpoints[0].phase, StageEndpoint::Phase::Listening);

        const quint16 port = window.stage()->state().endpoints[0].local.port();
        const int client = TestSockets::connectedTo(port);
        QVERIFY(typeCommand(window, QStringLiteral("accept .")));
        QVERIFY(window.labConsole()->output()->toPlainText().contains(
            QStringLiteral("Connection is established, with socket ID")));
        QTRY_COMPARE(window.labConsole()->status()->rowCount(), 2);
        QTRY_VERIFY(window.stage()->state().endpoints.size() == 2);
        QCOMPARE(window.stage()->state().endpoints[1].phase, StageEndpoint::Phase::Connected);
        ::close(client);
    }

    // Serving beyond loopback is the user's choice, said plainly in the status table and on
    // the stage; a socket on loopback says nothing of the kind.
    void aSocketBoundBeyondLoopbackIsSaidReachable_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("reachable");
        QTest::newRow("loopback") << QStringLiteral("127.0.0.1") << false;
        QTest::newRow("any address") << QStringLiteral("*") << true;
    }
    void aSocketBoundBeyondLoopbackIsSaidReachable()
    {
        QFETCH(QString, host);
        QFETCH(bool, reachable);
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        window.openLab(LabMode::Standard);
        QVERIFY(typeCommand(window, QStringLiteral("socket tcp")));
        QVERIFY(typeCommand(window, QStringLiteral("bind . %1 0").arg(host)));
        const QString said = QStringLiteral("reachable from other machines");
        QTRY_COMPARE(window.labConsole()->status()->rowCount(), 1);
        QCOMPARE(window.labConsole()->status()->item(0, 2)->text().contains(said), reachable);
        window.stage()->skipAnimation();
        QTRY_COMPARE(window.stage()->state().endpoints.size(), 1);
        QTRY_VERIFY(window.stage()->state().endpoints[0].local.port() != 0);
        QCOMPARE(window.stage()->describe(0).join(QLatin1Char(' ')).contains(said), reachable);
    }

    // Leaving the lab for a scenario closes its sockets and stops it: nothing leaks.
    void leavingTheLabClosesItsSockets()
    {
        const int before = TestScenarios::openDescriptors();
        {
            MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
            window.show();
            window.openLab(LabMode::Standard);
            QVERIFY(typeCommand(window, QStringLiteral("socket udp")));
            QVERIFY(typeCommand(window, QStringLiteral("quit")));
            QTRY_VERIFY(!window.lab());
            QCOMPARE(window.source(), window.session());
        }
        QCOMPARE(TestScenarios::openDescriptors(), before);
    }

    // options asks in the console as socklab does: the question is the prompt, the input
    // takes the answer, the option is set on the real socket.
    void optionsAskedInTheConsole()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.resize(1280, 720);
        window.show();
        window.openLab(LabMode::Standard);
        QVERIFY(typeCommand(window, QStringLiteral("socket tcp")));
        QVERIFY(typeCommand(window, QStringLiteral("options . reuseaddr")));
        QCOMPARE(window.lab()->prompt(), QStringLiteral("reuseaddr [y/N] : "));
        QVERIFY(!window.labConsole()->input()->isReadOnly());
        QVERIFY(typeCommand(window, QStringLiteral("y")));
        QVERIFY(!window.lab()->isAsking());
        int value = 0;
        socklen_t length = sizeof(value);
        QCOMPARE(::getsockopt(window.lab()->currentId(), SOL_SOCKET, SO_REUSEADDR, &value, &length),
                 0);
        QCOMPARE(value, 1);
        QVERIFY(window.labConsole()->output()->toPlainText().contains(
            QStringLiteral("reuseaddr [y/N] : y")));
        // The next question shows the kernel's value: the socket's receive buffer.
        QVERIFY(typeCommand(window, QStringLiteral("options . rcvb")));
        length = sizeof(value);
        ::getsockopt(window.lab()->currentId(), SOL_SOCKET, SO_RCVBUF, &value, &length);
        QCOMPARE(window.lab()->prompt(), QStringLiteral("rcvbuf [%1] : ").arg(value));
    }

    // A blocked accept() is interrupted from the window (the Interrupt button, Ctrl+C).
    void blockedCallInterruptedFromTheWindow()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        window.openLab(LabMode::Tcp);
        QVERIFY(typeCommand(window, QStringLiteral("passive")));
        QSignalSpy blocked(&window.lab()->session().log(), &EventLog::callBlocked);
        QSignalSpy ready(window.lab(), &LabSession::readyForInput);
        QLineEdit* input = window.labConsole()->input();
        input->setText(QStringLiteral("accept ."));
        QTest::keyClick(input, Qt::Key_Return);
        QVERIFY(blocked.wait(10'000));
        QTest::keyClick(input, Qt::Key_C, Qt::ControlModifier);
        QVERIFY(ready.wait(5'000));
        QVERIFY(window.labConsole()->output()->toPlainText().contains(
            QStringLiteral("accept(): interrupted")));
    }
};

QTEST_MAIN(TestLabWindow)
#include "tst_labwindow.moc"
