// The lab's two terminals, like two socklab windows: whose sockets, whose calls, one waiting
// while the other calls.
#include "lab/labsession.h"
#include "testlabconsole.h"

#include <QHash>
#include <QSignalSpy>
#include <QTest>

using namespace SocketScope;
using namespace SocketScope::TestLabConsole;

class TestLabTerminals : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Two terminals, like two socklab windows: Lab 1 serves, Lab 2 calls it; each uses only
    // the sockets it created, "." is each one's current socket, and each terminal's calls are
    // its own actor's in the log.
    void terminalsOwnTheirSockets()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QCOMPARE(lab.terminal(), 1);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int server = lab.currentId();
        QVERIFY(console.type(QStringLiteral("bind . 127.0.0.1 0")));
        QVERIFY(console.type(QStringLiteral("listen . 5")));
        const quint16 port = localPort(server);
        QVERIFY(port != 0);

        QSignalSpy switched(&lab, &LabSession::terminalChanged);
        QVERIFY(console.type(QStringLiteral("terminal 2")));
        QCOMPARE(lab.terminal(), 2);
        QCOMPARE(switched.size(), 1);
        QCOMPARE(console.results.last(), QStringLiteral("Terminal 2 (Lab 2) makes the calls."));
        QCOMPARE(lab.currentId(), -1);
        QVERIFY(lab.statusRows().isEmpty());
        QVERIFY(console.type(QStringLiteral("=")));
        QCOMPARE(console.results.last(), QStringLiteral("No socket has been created yet."));

        const qsizetype callsBefore = lab.session().log().calls().size();
        QVERIFY(console.type(QStringLiteral("accept %1").arg(server)));
        QCOMPARE(console.errors.last(),
                 QStringLiteral("*** socket %1 is Lab 1's: type terminal 1 to use it").arg(server));
        QCOMPARE(lab.session().log().calls().size(), callsBefore);

        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int client = lab.currentId();
        QVERIFY(client != server);
        QVERIFY(console.type(QStringLiteral("connect . 127.0.0.1 %1").arg(port)));
        QCOMPARE(console.results.last(), QStringLiteral("Connection established."));

        QVERIFY(console.type(QStringLiteral("terminal 1")));
        QCOMPARE(lab.currentId(), server);
        QVERIFY(console.type(QStringLiteral("accept .")));
        const int accepted = lab.currentId();
        QCOMPARE(lab.sockets().value(accepted).terminal, 1);
        QCOMPARE(lab.sockets().value(client).terminal, 2);
        QCOMPARE(lab.statusRows().size(), 2); // the listener and the accepted socket

        QHash<QString, QStringList> byActor;
        for (const CallEvent& event : lab.session().log().calls())
            byActor[event.actor] << Calls::name(event.call);
        QCOMPARE(byActor.value(LabSession::terminalActor(1)),
                 (QStringList{QStringLiteral("socket"), QStringLiteral("bind"),
                              QStringLiteral("listen"), QStringLiteral("accept")}));
        QCOMPARE(byActor.value(LabSession::terminalActor(2)),
                 (QStringList{QStringLiteral("socket"), QStringLiteral("connect")}));
        QCOMPARE(console.errors.size(), 1);
    }

    // socklab's two windows: Lab 1 waits in accept() while Lab 2 calls it; the accepted socket
    // is Lab 1's, its answer says whose it is, and Lab 2 stays current.
    void oneTerminalWaitsWhileTheOtherCalls()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int server = lab.currentId();
        QVERIFY(console.type(QStringLiteral("bind . 127.0.0.1 0")));
        QVERIFY(console.type(QStringLiteral("listen . 5")));
        QVERIFY2(console.typeBlocking(QStringLiteral("accept .")),
                 qPrintable(console.errors.join(QLatin1Char('\n'))));
        QVERIFY(lab.isBusy());
        QVERIFY(lab.setTerminal(2));
        QVERIFY(!lab.isBusy());
        QVERIFY(console.type(QStringLiteral("socket tcp")));
        const int client = lab.currentId();
        QVERIFY(console.type(QStringLiteral("connect . 127.0.0.1 %1").arg(localPort(server))));
        QTRY_COMPARE(lab.sockets().size(), 3);
        QCOMPARE(lab.terminal(), 2);
        QCOMPARE(lab.currentId(), client);
        // Lab 1's accept() and Lab 2's connect() return in either order.
        QTRY_VERIFY(
            console.results.join(QLatin1Char('\n'))
                .contains(QStringLiteral("[Lab 1] Connection is established, with socket ID")));
        QVERIFY(console.type(QStringLiteral("terminal 1")));
        QVERIFY(!lab.isBusy());
        const int accepted = lab.currentId();
        QVERIFY(accepted != server && accepted != client);
        QCOMPARE(lab.sockets().value(accepted).terminal, 1);
        QVERIFY(console.errors.isEmpty());
    }

    // `terminal` alone says which one makes the calls; a terminal the lab lacks is refused.
    void terminalWords_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("alone says which") << QStringLiteral("terminal") << true;
        QTest::newRow("prefix") << QStringLiteral("term 2") << true;
        QTest::newRow("no third") << QStringLiteral("terminal 3") << false;
        QTest::newRow("not a number") << QStringLiteral("terminal deux") << false;
    }

    void terminalWords()
    {
        QFETCH(QString, line);
        QFETCH(bool, accepted);
        LabSession lab(LabMode::Tcp, labOptions());
        Console console(lab);
        QVERIFY(console.type(line));
        QCOMPARE(console.errors.isEmpty(), accepted);
        QCOMPARE(lab.terminal(), line.endsWith(QLatin1Char('2')) ? 2 : 1);
    }
};

QTEST_GUILESS_MAIN(TestLabTerminals)
#include "tst_labterminals.moc"
