#include "stagestate.h"
#include "stageview.h"

#include <QTest>

#include <sys/socket.h>

using namespace SocketScope;

namespace {

using Phase = StageEndpoint::Phase;

StageEndpoint endpoint(Phase phase, bool datagram)
{
    StageEndpoint e;
    e.actor = QStringLiteral("server");
    e.fd = 5;
    e.family = AF_INET;
    e.datagram = datagram;
    e.phase = phase;
    return e;
}

QString cellOf(const StageEndpoint& e)
{
    StageView view;
    view.setActors({QStringLiteral("server")}, {QStringLiteral("Server")});
    StageState state;
    state.endpoints = {e};
    view.setState(state);
    return view.describe(0).join(QLatin1Char('\n'));
}

} // namespace

// The text of a descriptor's cell on the stage: what it holds, in words that fit it.
class TestStageText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Bytes not heard yet read as the text they are: French in UTF-8, not octal escapes.
    void unreadBytesReadAsText_data()
    {
        QTest::addColumn<QByteArray>("unread");
        QTest::addColumn<QString>("shown");
        QTest::newRow("course message") << QByteArray("Hello world !\n")
                                        << QStringLiteral("not heard yet: \"Hello world !\\n\"");
        QTest::newRow("French") << QByteArray("Votre \xc3\xa2ge est 22.")
                                << QStringLiteral("not heard yet: \"Votre âge est 22.\"");
        QTest::newRow("cut after 24 characters, not 24 bytes")
            << QByteArray("Quel est votre \xc3\xa2ge ? R\xc3\xa9pondez")
            << QStringLiteral("not heard yet: \"Quel est votre âge ? Rép\"…");
        QTest::newRow("binary") << QByteArray("\x01\xff", 2)
                                << QStringLiteral("not heard yet: \"\\x01\\xff\"");
    }
    void unreadBytesReadAsText()
    {
        QFETCH(QByteArray, unread);
        QFETCH(QString, shown);
        StageEndpoint handset = endpoint(Phase::Connected, false);
        handset.unread = unread;
        const QString cell = cellOf(handset);
        QVERIFY2(cell.contains(shown), qPrintable(cell));
        QVERIFY(!cell.contains(QLatin1String("\\303")));
    }

    // A long stream's bytes waiting: the count is exact, the bytes shown are those the log
    // kept, and the cell says how many it did not keep.
    void unreadBytesNotKeptAreSaid()
    {
        StageEndpoint handset = endpoint(Phase::Connected, false);
        handset.unread = StreamBytes(QByteArray("GET "), 5000);
        const QString cell = cellOf(handset);
        QVERIFY2(cell.contains(QLatin1String("\"GET \"")), qPrintable(cell));
        QVERIFY2(cell.contains(QLatin1String("5000 bytes not kept")), qPrintable(cell));
    }

    // A socket bound beyond loopback says so; one on loopback does not.
    void reachableFromOtherMachinesIsSaid_data()
    {
        QTest::addColumn<QString>("local");
        QTest::addColumn<bool>("said");
        QTest::newRow("loopback") << QStringLiteral("127.0.0.1:5000") << false;
        QTest::newRow("any address") << QStringLiteral("0.0.0.0:5000") << true;
        QTest::newRow("a LAN address") << QStringLiteral("192.168.1.10:5000") << true;
    }
    void reachableFromOtherMachinesIsSaid()
    {
        QFETCH(QString, local);
        QFETCH(bool, said);
        StageEndpoint listening = endpoint(Phase::Listening, false);
        listening.local = *SocketAddress::fromEndpoint(local);
        const QString cell = cellOf(listening);
        QCOMPARE(cell.contains(QLatin1String("reachable from other machines")), said);
    }

    // "no number yet" once, not twice with "installed, no number yet".
    void noNumberSaidOnce()
    {
        const QString cell = cellOf(endpoint(Phase::Created, false));
        QCOMPARE(cell.count(QLatin1String("no number yet")), 1);
        StageEndpoint bound = endpoint(Phase::Bound, false);
        bound.local = *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), 5000);
        QVERIFY(cellOf(bound).contains(QLatin1String("number 127.0.0.1:5000")));
    }

    // A closed mailbox is closed; only a telephone hangs up.
    void closedMailboxIsClosed()
    {
        const QString mailbox = cellOf(endpoint(Phase::Closed, true));
        QVERIFY2(mailbox.contains(QLatin1String("mailbox closed")), qPrintable(mailbox));
        QVERIFY(!mailbox.contains(QLatin1String("hung up")));
        QVERIFY(cellOf(endpoint(Phase::Closed, false)).contains(QLatin1String("hung up")));
    }
};

QTEST_MAIN(TestStageText)
#include "tst_stagetext.moc"
