// The stage draws a program outside SocketScope at the far end of a lab connection, named
// from the kernel's rows.
#include "kernel/peerowner.h"
#include "lab/labsession.h"
#include "labpeer.h"
#include "stagelayout.h"
#include "stagestate.h"
#include "stageview.h"

#include <QTemporaryDir>

#include <memory>

using namespace SocketScope;
using namespace SocketScope::LabPeer;

class TestLabPeersStage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const QString missing = missingTool();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
    }
    // The stage draws a program outside SocketScope at the far end of a lab connection as
    // what it is: its own telephone, with its name and PID as the kernel gives them; a
    // connection between two of the lab's own sockets has none.
    void stageDrawsTheOutsideProgram_data()
    {
        QTest::addColumn<bool>("outside");
        QTest::addRow("nc -l, outside SocketScope") << true;
        QTest::addRow("the lab's own passive socket") << false;
    }
    void stageDrawsTheOutsideProgram()
    {
        QFETCH(bool, outside);
        quint16 port = 0;
        std::unique_ptr<Program> nc;
        QString listener; // the lab's passive socket's id
        QString ncName;
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("lab.jsonl"));
        auto lab = startLab(QStringLiteral("tcp"), trace);
        if (outside) {
            nc = startServer(
                QStringLiteral("nc"),
                [](quint16 p) {
                    return QStringList{QStringLiteral("-l"), QStringLiteral("127.0.0.1"),
                                       QString::number(p)};
                },
                false, &port, false);
            QVERIFY(nc);
            ncName = LabPeer::commandOf(nc->pid());
        } else {
            lab->type(QStringLiteral("passive"));
            QVERIFY(lab->waitFor(QStringLiteral("TCP socket created:")));
            listener = lab->lineStarting(QStringLiteral("TCP socket created:"))
                           .section(QStringLiteral("id="), 1)
                           .section(QLatin1Char(','), 0, 0);
            port = portIn(lab->lineStarting(QStringLiteral("TCP socket created:")));
        }
        lab->type(QStringLiteral("connect 127.0.0.1 %1").arg(port));
        QVERIFY2(lab->waitFor(QStringLiteral("Connection established.")), qPrintable(lab->err()));
        if (!outside) {
            lab->type(QStringLiteral("a %1").arg(listener));
            QVERIFY(lab->waitFor(QStringLiteral("Connection is established, with socket ID")));
        }
        lab->closeInput(); // the lab closes its sockets at its end: the stage before that
        QVERIFY(lab->waitForEnd());
        QCOMPARE(lab->exitCode(), 0);
        const auto saved = savedLab(trace);
        QVERIFY(saved);
        int connected = -1;
        for (qsizetype i = 0; i < saved->calls.size() && connected < 0; ++i) {
            if (saved->calls[i].call == Call::Connect)
                connected = int(i);
        }
        QVERIFY(connected >= 0);
        const int position = outside ? connected + 1 : connected + 2; // after the accept
        const StageState state = projectStage(saved->calls, position);
        const int caller =
            state.indexOf(saved->calls[connected].actor, saved->calls[connected].fd());
        QVERIFY(caller >= 0);
        QCOMPARE(state.endpoints[caller].outsidePeer, outside);

        StageView view;
        view.setAnimationDuration(0);
        view.resize(QSize(1000, 640));
        QStringList ids;
        for (const ScenarioActor& actor : saved->scenario.actors)
            ids << actor.id;
        view.setActors(ids, ids);
        view.setState(state);
        const StageScene& scene = view.scene();
        if (!outside) {
            QVERIFY(view.outsiderText(caller).isEmpty());
            QVERIFY(scene.outsiders.isEmpty());
            return;
        }
        const QStringList expected{QStringLiteral("%1 (PID %2)").arg(ncName).arg(nc->pid()),
                                   QStringLiteral("outside program"),
                                   QStringLiteral("127.0.0.1:%1").arg(port)};
        QCOMPARE(view.outsiderText(caller), expected);
        QCOMPARE(scene.outsiders.size(), 1);
        const StageOutsider& drawn = scene.outsiders.first();
        QCOMPARE(drawn.endpoint, caller);
        QVERIFY(QRectF(QPointF(0, 0), QSizeF(view.size())).contains(drawn.icon));
        const StageText& label = scene.texts[drawn.label];
        QCOMPARE(label.whole, expected);
        QVERIFY(QRectF(QPointF(0, 0), QSizeF(view.size())).contains(label.rect));
        // Nothing else stands where the outside program is drawn.
        for (qsizetype i = 0; i < scene.texts.size(); ++i) {
            if (i != drawn.label)
                QVERIFY(!scene.texts[i].rect.intersects(drawn.icon) &&
                        !scene.texts[i].rect.intersects(label.rect));
        }
        for (const StageCell& cell : scene.cells)
            QVERIFY(!cell.icon.intersects(drawn.icon) && !cell.icon.intersects(label.rect));
        // The line to it crosses no words (it leaves from the caller's telephone).
        QVERIFY(scene.cells[caller].icon.contains(drawn.line.p1()));
        QVERIFY(drawn.icon.contains(drawn.line.p2()));
        for (const StageText& text : scene.texts) {
            for (int step = 1; step < 100; ++step)
                QVERIFY(!text.rect.contains(drawn.line.pointAt(step / 100.0)));
        }
        // When the kernel would not say whose it is (another user's program), it is still an
        // outside program.
        StageState unnamed = state;
        unnamed.endpoints[caller].peerPid = 0;
        unnamed.endpoints[caller].peerCommand.clear();
        view.setState(unnamed);
        QCOMPARE(view.outsiderText(caller),
                 (QStringList{QStringLiteral("outside program"),
                              QStringLiteral("127.0.0.1:%1").arg(port)}));
        QCOMPARE(view.scene().outsiders.size(), 1);
    }

    // Whose the far end of a connection is, from the kernel's rows: the socket with the
    // addresses swapped; before accept(), the program listening there; never this process.
    void outsideOwnerIsChosenFromTheRows_data()
    {
        QTest::addColumn<QString>("farState");   // the far end's row, "" for none
        QTest::addColumn<qint64>("farOwner");    // its owner's PID, 0 for none readable
        QTest::addColumn<QString>("listenerAt"); // a listener's address, "" for none
        QTest::addColumn<qint64>("expected");    // the PID named, 0 for nobody
        QTest::addRow("accepted by nc") << QStringLiteral("ESTABLISHED") << qint64(4242)
                                        << QStringLiteral("127.0.0.1:5000") << qint64(4242);
        QTest::addRow("not accepted yet: the listener's program")
            << QStringLiteral("ESTABLISHED") << qint64(0) << QStringLiteral("127.0.0.1:5000")
            << qint64(4343);
        QTest::addRow("not accepted yet, listener on every address")
            << QString() << qint64(0) << QStringLiteral("0.0.0.0:5000") << qint64(4343);
        QTest::addRow("this process's own socket")
            << QStringLiteral("ESTABLISHED") << qint64(1) << QString() << qint64(0);
        QTest::addRow("another port listens: nobody")
            << QString() << qint64(0) << QStringLiteral("127.0.0.1:5001") << qint64(0);
        QTest::addRow("owner unreadable, no listener")
            << QStringLiteral("ESTABLISHED") << qint64(0) << QString() << qint64(0);
    }
    void outsideOwnerIsChosenFromTheRows()
    {
        QFETCH(QString, farState);
        QFETCH(qint64, farOwner);
        QFETCH(QString, listenerAt);
        QFETCH(qint64, expected);
        const qint64 self = 1;
        const SocketAddress local = *SocketAddress::fromEndpoint(QStringLiteral("127.0.0.1:40000"));
        const SocketAddress peer = *SocketAddress::fromEndpoint(QStringLiteral("127.0.0.1:5000"));
        QList<SocketRow> rows;
        SocketRow mine; // the lab's own end, always there
        mine.protocol = QStringLiteral("tcp");
        mine.state = QStringLiteral("ESTABLISHED");
        mine.localAddress = local;
        mine.peerAddress = peer;
        mine.owners = {{self, 8, QStringLiteral("socketscope")}};
        rows << mine;
        if (!farState.isEmpty()) {
            SocketRow far;
            far.protocol = QStringLiteral("tcp");
            far.state = farState;
            far.localAddress = peer;
            far.peerAddress = local;
            if (farOwner)
                far.owners = {{farOwner, 4, QStringLiteral("nc")}};
            rows << far;
        }
        if (!listenerAt.isEmpty()) {
            SocketRow listener;
            listener.protocol = QStringLiteral("tcp");
            listener.state = QStringLiteral("LISTEN");
            listener.localAddress = *SocketAddress::fromEndpoint(listenerAt);
            listener.owners = {{4343, 3, QStringLiteral("serveur")}};
            rows << listener;
        }
        const auto owner = outsidePeerOwner(rows, local, peer, false, self);
        QCOMPARE(owner ? owner->pid : 0, expected);
    }

    // Who sent a datagram, from the kernel's rows: the UDP socket bound at its return
    // address (at every address for a loopback sender), unless it is connected elsewhere;
    // never this process, never a guess for a sender on another machine.
    void datagramSenderIsChosenFromTheRows_data()
    {
        QTest::addColumn<QString>("sender");
        QTest::addColumn<QString>("boundAt"); // the sending socket's address
        QTest::addColumn<QString>("peerOf");  // its peer, "" when unconnected
        QTest::addColumn<qint64>("owner");
        QTest::addColumn<qint64>("expected");
        QTest::addRow("socat, connected to the lab")
            << QStringLiteral("127.0.0.1:5000") << QStringLiteral("127.0.0.1:5000")
            << QStringLiteral("127.0.0.1:40000") << qint64(4242) << qint64(4242);
        QTest::addRow("unconnected, bound to every address")
            << QStringLiteral("127.0.0.1:5000") << QStringLiteral("0.0.0.0:5000") << QString()
            << qint64(4242) << qint64(4242);
        QTest::addRow("connected to another port: not the sender")
            << QStringLiteral("127.0.0.1:5000") << QStringLiteral("127.0.0.1:5000")
            << QStringLiteral("127.0.0.1:40001") << qint64(4242) << qint64(0);
        QTest::addRow("this process's own socket")
            << QStringLiteral("127.0.0.1:5000") << QStringLiteral("127.0.0.1:5000") << QString()
            << qint64(1) << qint64(0);
        QTest::addRow("another port")
            << QStringLiteral("127.0.0.1:5000") << QStringLiteral("127.0.0.1:5001") << QString()
            << qint64(4242) << qint64(0);
        QTest::addRow("a sender on another machine, a wildcard socket here")
            << QStringLiteral("192.0.2.7:5000") << QStringLiteral("0.0.0.0:5000") << QString()
            << qint64(4242) << qint64(0);
    }
    void datagramSenderIsChosenFromTheRows()
    {
        QFETCH(QString, sender);
        QFETCH(QString, boundAt);
        QFETCH(QString, peerOf);
        QFETCH(qint64, owner);
        QFETCH(qint64, expected);
        SocketRow row;
        row.protocol = QStringLiteral("udp");
        row.localAddress = *SocketAddress::fromEndpoint(boundAt);
        if (!peerOf.isEmpty())
            row.peerAddress = *SocketAddress::fromEndpoint(peerOf);
        row.owners = {{owner, 5, QStringLiteral("socat")}};
        const SocketAddress receiver =
            *SocketAddress::fromEndpoint(QStringLiteral("127.0.0.1:40000"));
        const auto found =
            datagramSenderOwner({row}, *SocketAddress::fromEndpoint(sender), receiver, 1);
        QCOMPARE(found ? found->pid : 0, expected);
    }
};

QTEST_MAIN(TestLabPeersStage)
#include "tst_labpeersstage.moc"
