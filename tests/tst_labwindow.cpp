#include "lab/labsession.h"
#include "labcallform.h"
#include "labconsoleview.h"
#include "logpresenter.h"
#include "mainwindow.h"
#include "stageview.h"
#include "testscenarios.h"
#include "testsockets.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <netinet/in.h>
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

// Clicks the form's button and waits until the lab is done with the command it made.
bool clickMake(MainWindow& window)
{
    QSignalSpy ready(window.lab(), &LabSession::readyForInput);
    auto* make = window.labConsole()->form()->findChild<QPushButton*>(QStringLiteral("make"));
    if (!make || !make->isEnabled())
        return false;
    QTest::mouseClick(make, Qt::LeftButton);
    return !ready.isEmpty() || ready.wait(10'000);
}

bool clickTerminal(MainWindow& window, int terminal)
{
    QAbstractButton* button = window.labConsole()->terminals()->button(terminal);
    QTest::mouseClick(button, Qt::LeftButton);
    return window.lab()->terminal() == terminal;
}

template <typename T> T* field(MainWindow& window, const char* name)
{
    return window.labConsole()->form()->findChild<T*>(QLatin1String(name));
}

quint16 localPort(int fd)
{
    sockaddr_in local{};
    socklen_t length = sizeof(local);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0)
        return 0;
    return ntohs(local.sin_port);
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
        // The table is read on its own thread: the row once it shows the port bind gave.
        const auto local = [&] {
            return window.labConsole()->status()->item(0, 2)->text();
        };
        QTRY_COMPARE(window.labConsole()->status()->rowCount(), 1);
        QTRY_VERIFY(local() != QLatin1String("-") && !local().endsWith(QLatin1String(":0")));
        QCOMPARE(local().contains(said), reachable);
        window.stage()->skipAnimation();
        QTRY_COMPARE(window.stage()->state().endpoints.size(), 1);
        QTRY_VERIFY(window.stage()->state().endpoints[0].local.port() != 0);
        QCOMPARE(window.stage()->describe(0).join(QLatin1Char(' ')).contains(said), reachable);
    }

    // The stage draws Lab 2's column once it is used, made current or calling, and keeps
    // it when Lab 1 is current again; a lab of one terminal has one column.
    void secondTerminalDrawnOnceUsed_data()
    {
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<int>("columns");
        QTest::newRow("only Lab 1") << QStringList{} << 1;
        QTest::newRow("Lab 2 made current")
            << QStringList{QStringLiteral("terminal 2"), QStringLiteral("terminal 1")} << 2;
        QTest::newRow("Lab 2 called")
            << QStringList{QStringLiteral("terminal 2"), QStringLiteral("socket udp"),
                           QStringLiteral("terminal 1")}
            << 2;
    }
    void secondTerminalDrawnOnceUsed()
    {
        QFETCH(QStringList, lines);
        QFETCH(int, columns);
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        window.openLab(LabMode::Standard);
        QVERIFY(typeCommand(window, QStringLiteral("socket tcp"))); // Lab 1's, on the stage
        QTRY_COMPARE(window.stage()->state().endpoints.size(), 1);
        QCOMPARE(window.stage()->scene().columns.size(), 1);
        for (const QString& line : std::as_const(lines))
            QVERIFY(typeCommand(window, line));
        QTRY_COMPARE(window.stage()->scene().columns.size(), columns);
        QCOMPARE(window.presenter()->actors().ids.size(), columns);
    }

    // The status table follows the kernel while nothing is typed: a letter arriving in the
    // lab's mailbox makes it readable (read on the table's own thread).
    void statusTableFollowsALetterArriving()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        window.openLab(LabMode::Udp);
        QVERIFY(typeCommand(window, QStringLiteral("socket")));
        QTableWidget* status = window.labConsole()->status();
        QTRY_COMPARE(status->rowCount(), 1);
        QTRY_COMPARE(status->item(0, 5)->text(), QStringLiteral(".W."));
        const int id = window.lab()->currentId();
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(localPort(id));
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const int sender = ::socket(AF_INET, SOCK_DGRAM, 0);
        QCOMPARE(::sendto(sender, "x", 1, 0, reinterpret_cast<sockaddr*>(&to), sizeof(to)),
                 ssize_t(1));
        QTRY_COMPARE(status->item(0, 5)->text(), QStringLiteral("RW."));
        ::close(sender);
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

    // The forms make real calls, each echoed in the console as its typed command: Lab 1
    // serves on the loopback, Lab 2 calls it and sends hex bytes, Lab 1 peeks at them; the
    // kernel and the log say what happened, each terminal's calls under its own actor.
    void formClicksMakeRealCalls()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.resize(1280, 800);
        window.show();
        window.openLab(LabMode::Standard);
        LabCallForm* form = window.labConsole()->form();
        const auto echoed = [&](const QString& line) {
            return window.labConsole()->output()->toPlainText().contains(
                QStringLiteral("socklab> ") + line);
        };

        form->setForm(LabCallForm::Form::Socket);
        QVERIFY(clickMake(window));
        const int server = window.lab()->currentId();
        QVERIFY(server >= 0);
        QVERIFY(echoed(QStringLiteral("socket tcp")));
        form->setForm(LabCallForm::Form::Bind);
        field<QLineEdit>(window, "host")->setText(QStringLiteral("127.0.0.1"));
        field<QLineEdit>(window, "port")->setText(QStringLiteral("0"));
        QVERIFY(clickMake(window));
        QVERIFY(echoed(QStringLiteral("bind %1 127.0.0.1 0").arg(server)));
        const quint16 port = localPort(server);
        QVERIFY(port != 0);
        form->setForm(LabCallForm::Form::Listen);
        QVERIFY(clickMake(window));
        int listening = 0;
        socklen_t length = sizeof(listening);
        ::getsockopt(server, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length);
        QCOMPARE(listening, 1);

        QVERIFY(clickTerminal(window, 2));
        QVERIFY(echoed(QStringLiteral("terminal 2")));
        form->setForm(LabCallForm::Form::Socket);
        QVERIFY(clickMake(window));
        const int client = window.lab()->currentId();
        QVERIFY(client != server);
        form->setForm(LabCallForm::Form::Connect);
        field<QLineEdit>(window, "port")->setText(QString::number(port));
        QVERIFY(clickMake(window));
        QVERIFY(echoed(QStringLiteral("connect %1 127.0.0.1 %2").arg(client).arg(port)));

        QVERIFY(clickTerminal(window, 1));
        form->setForm(LabCallForm::Form::Accept);
        QCOMPARE(field<QComboBox>(window, "socket")->currentData().toInt(), server);
        QVERIFY(clickMake(window));
        const int accepted = window.lab()->currentId();
        QVERIFY(accepted != server);

        QVERIFY(clickTerminal(window, 2));
        form->setForm(LabCallForm::Form::Send);
        field<QLineEdit>(window, "message")->setText(QStringLiteral("68 69 0a"));
        field<QComboBox>(window, "payload")
            ->setCurrentIndex(field<QComboBox>(window, "payload")->findData(int(LabPayload::Hex)));
        QVERIFY(clickMake(window));
        QVERIFY(echoed(QStringLiteral("send %1 \"68 69 0a\" -hex").arg(client)));

        QVERIFY(clickTerminal(window, 1));
        form->setForm(LabCallForm::Form::Receive);
        field<QLineEdit>(window, "size")->setText(QStringLiteral("10"));
        field<QCheckBox>(window, "MSG_PEEK")->setChecked(true);
        QVERIFY(clickMake(window));
        QVERIFY(echoed(QStringLiteral("recv %1 10 -peek").arg(accepted)));
        const CallEvent peeked = window.lab()->session().log().calls().last();
        QCOMPARE(peeked.call, Call::Recv);
        QCOMPARE(peeked.results.data, QByteArray("hi\n"));
        // Peeked, not taken: the bytes are still in the kernel's queue.
        char buffer[16];
        QCOMPARE(::recv(accepted, buffer, sizeof(buffer), MSG_DONTWAIT), ssize_t(3));

        QSet<QString> actors;
        for (const CallEvent& event : window.lab()->session().log().calls())
            actors << event.actor;
        QCOMPARE(actors,
                 (QSet<QString>{LabSession::terminalActor(1), LabSession::terminalActor(2)}));
        QCOMPARE(window.lab()->session().log().calls().size(), 8);
    }

    // A field that does not read says so beside it, and nothing is made or echoed.
    void formValidationMakesNoCall_data()
    {
        QTest::addColumn<LabCallForm::Form>("form");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        using F = LabCallForm::Form;
        QTest::newRow("address out of range") << F::Bind << "host"
                                              << "127.0.0.300";
        QTest::newRow("host name") << F::Connect << "host"
                                   << "example.org";
        QTest::newRow("IPv6 address, IPv4 socket") << F::Connect << "host"
                                                   << "::1";
        QTest::newRow("port out of range") << F::Bind << "port"
                                           << "70000";
        QTest::newRow("port not a number") << F::Connect << "port"
                                           << "5000x";
        QTest::newRow("odd hex") << F::Send << "message"
                                 << "6";
        QTest::newRow("size not a number") << F::Receive << "size"
                                           << "lots";
    }

    void formValidationMakesNoCall()
    {
        QFETCH(LabCallForm::Form, form);
        QFETCH(QString, name);
        QFETCH(QString, value);
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        window.openLab(LabMode::Standard);
        LabCallForm* forms = window.labConsole()->form();
        forms->setForm(LabCallForm::Form::Socket);
        QVERIFY(clickMake(window));
        const qsizetype calls = window.lab()->session().log().calls().size();
        const QString output = window.labConsole()->output()->toPlainText();

        forms->setForm(form);
        field<QComboBox>(window, "payload")
            ->setCurrentIndex(
                field<QComboBox>(window, "payload")
                    ->findData(
                        int(form == LabCallForm::Form::Send ? LabPayload::Hex : LabPayload::Text)));
        forms->findChild<QLineEdit*>(name)->setText(value);
        QSignalSpy made(forms, &LabCallForm::lineMade);
        QTest::mouseClick(forms->findChild<QPushButton*>(QStringLiteral("make")), Qt::LeftButton);
        QVERIFY(made.isEmpty());
        QCOMPARE(forms->errors().size(), 1);
        auto* error = forms->findChild<QLabel*>(name + QStringLiteral("Error"));
        QVERIFY(error && error->isVisible());
        QVERIFY(!error->text().isEmpty());
        QCOMPARE(window.lab()->session().log().calls().size(), calls);
        QCOMPARE(window.labConsole()->output()->toPlainText(), output);
    }

    // While the lab is open the scenario picker says so; leaving it shows the scenario again.
    void pickerShowsTheLab()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        const QList<QComboBox*> combos = window.findChildren<QComboBox*>();
        QComboBox* scenarios = nullptr;
        for (QComboBox* combo : combos) {
            if (combo->accessibleName() == QStringLiteral("Scenario"))
                scenarios = combo;
        }
        QVERIFY(scenarios);
        const QString before = scenarios->currentData().toString();
        QVERIFY(!before.isEmpty());
        window.openLab(LabMode::Standard);
        QCOMPARE(scenarios->currentIndex(), -1);
        QCOMPARE(scenarios->placeholderText(), QStringLiteral("Lab: calls made by hand"));
        QVERIFY(typeCommand(window, QStringLiteral("quit")));
        QTRY_VERIFY(!window.lab());
        QCOMPARE(scenarios->currentData().toString(), before);
        QCOMPARE(window.source(), window.session());
    }

    // Escape in the lab's dock wakes a blocked accept(), as Ctrl+C does.
    void escapeInterruptsABlockedCall()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.openLab(LabMode::Tcp);
        QVERIFY(typeCommand(window, QStringLiteral("passive")));
        QSignalSpy blocked(&window.lab()->session().log(), &EventLog::callBlocked);
        QSignalSpy ready(window.lab(), &LabSession::readyForInput);
        window.labConsole()->form()->setForm(LabCallForm::Form::Accept);
        QTest::mouseClick(field<QPushButton>(window, "make"), Qt::LeftButton);
        QVERIFY(blocked.wait(10'000));
        QVERIFY(!field<QPushButton>(window, "make")->isEnabled());
        QTest::keyClick(window.labConsole()->input(), Qt::Key_Escape);
        QVERIFY(ready.wait(5'000));
        QVERIFY(window.lab()->session().log().calls().last().cancelled);
    }
};

QTEST_MAIN(TestLabWindow)
#include "tst_labwindow.moc"
