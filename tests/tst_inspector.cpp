#include "acceptqueueview.h"
#include "inspectorwindow.h"
#include "logcursor.h"
#include "mainwindow.h"
#include "scenarios/scenariocatalog.h"
#include "socketdetailpanel.h"
#include "sockettablemodel.h"
#include "sources/session.h"
#include "stageview.h"
#include "tcpstatemachineview.h"
#include "testpatience.h"
#include "testsockets.h"
#include "tuplecardsview.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace SocketScope;
using namespace SocketScope::TestSockets;

namespace {

// Asks for a refresh and waits until the table shows it.
bool refreshed(InspectorWindow& inspector)
{
    const quint64 ticket = inspector.refreshNow();
    return QTest::qWaitFor([&] { return inspector.shownTicket() >= ticket; }, patience);
}

const InspectorRow* rowWithLocal(const SocketTableModel& model, const QString& local,
                                 const QString& state = {}, const QString& peer = {})
{
    for (int i = 0; i < model.rowCount(); ++i) {
        const InspectorRow* row = model.rowAt(i);
        if (row->socket.local == local && (state.isEmpty() || row->socket.state == state) &&
            (peer.isEmpty() || row->socket.peer == peer))
            return row;
    }
    return nullptr;
}

// Waits until the table shows rows filtered as the fields now ask.
bool filtered(const InspectorWindow& inspector)
{
    return QTest::qWaitFor(
        [&] { return inspector.model()->currentUpdate().filter == inspector.filter(); }, patience);
}

// The key of a row, empty when the table has none such (then selectKey() says false).
QString keyOf(const SocketTableModel& model, const QString& local, const QString& state = {})
{
    const InspectorRow* row = rowWithLocal(model, local, state);
    return row ? row->key : QString();
}

// What the table shows of one endpoint: the message of a failed wait.
QByteArray rowsOf(const SocketTableModel& model, const QString& endpoint)
{
    QStringList rows;
    for (int i = 0; i < model.rowCount(); ++i) {
        const InspectorRow* row = model.rowAt(i);
        if (row->socket.local == endpoint || row->socket.peer == endpoint)
            rows << QStringLiteral("%1 %2 %3 %4 session=%5")
                        .arg(row->socket.local, row->socket.peer, row->socket.state)
                        .arg(row->socket.inode)
                        .arg(bool(row->sessionEnd));
    }
    return rows.join(QStringLiteral("; ")).toLocal8Bit();
}

} // namespace

// The live inspector: the machine's sockets in a table that refreshes on a worker thread,
// colours what changed, filters, and draws the selected socket's state and queues.
class TestInspector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modelPassesTheTesterThroughRefreshes()
    {
        InspectorWindow inspector(nullptr, nullptr);
        QAbstractItemModelTester tester(inspector.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(refreshed(inspector));
        QString endpoint;
        const int listener = boundSocket(AF_INET, SOCK_STREAM, &endpoint);
        QVERIFY(refreshed(inspector));
        QVERIFY(inspector.selectKey(keyOf(*inspector.model(), endpoint)));
        const int client = connectedTo(endpoint);
        QVERIFY(refreshed(inspector));
        ::close(client);
        ::close(listener);
        QVERIFY(refreshed(inspector));
        inspector.stateFilter()->setCurrentIndex(
            inspector.stateFilter()->findData(QStringLiteral("LISTEN")));
        QVERIFY(refreshed(inspector));
        inspector.table()->sortByColumn(int(SocketColumn::Inode), Qt::DescendingOrder);
        QVERIFY(refreshed(inspector));
        QCOMPARE(inspector.model()->columnCount(), socketColumnCount);
    }

    // New rows green, changed rows yellow, closed rows red for a moment.
    void diffColouring()
    {
        InspectorWindow inspector(nullptr, nullptr);
        QVERIFY(refreshed(inspector));
        QString endpoint;
        const int listener = boundSocket(AF_INET, SOCK_STREAM, &endpoint);
        QVERIFY(refreshed(inspector));
        const SocketTableModel& model = *inspector.model();
        const auto background = [&](const QString& state = {}) {
            const InspectorRow* row = rowWithLocal(model, endpoint, state);
            return row ? model.data(model.index(model.rowOfKey(row->key), 0), Qt::BackgroundRole)
                       : QVariant();
        };
        QCOMPARE(background().value<QColor>(), markColour(RowMark::New, Theme::current()));

        const int client = connectedTo(endpoint); // waits in the accept queue: Recv-Q 1
        QVERIFY(refreshed(inspector));
        QCOMPARE(background(QStringLiteral("LISTEN")).value<QColor>(),
                 markColour(RowMark::Changed, Theme::current()));
        QCOMPARE(rowWithLocal(model, endpoint, QStringLiteral("LISTEN"))->socket.recvQ, 1u);

        ::close(client);
        ::close(listener);
        QVERIFY(refreshed(inspector));
        const InspectorRow* closed = rowWithLocal(model, endpoint, QStringLiteral("LISTEN"));
        QVERIFY(closed);
        QCOMPARE(closed->mark, RowMark::Closed);
        QCOMPARE(background(QStringLiteral("LISTEN")).value<QColor>(),
                 markColour(RowMark::Closed, Theme::current()));
        QVERIFY(model.data(model.index(model.rowOfKey(closed->key), int(SocketColumn::State)))
                    .toString()
                    .contains(QLatin1String("LISTEN")));
        // Unmarked rows are not painted.
        bool plainFound = false;
        for (int i = 0; i < model.rowCount() && !plainFound; ++i)
            plainFound = model.rowAt(i)->mark == RowMark::None &&
                         !model.data(model.index(i, 0), Qt::BackgroundRole).isValid();
        QVERIFY(plainFound);
    }

    void filtersFindAnySocket()
    {
        InspectorWindow inspector(nullptr, nullptr);
        QString endpoint;
        const int listener = boundSocket(AF_INET, SOCK_STREAM, &endpoint);
        QString endpoint6;
        const int listener6 = boundSocket(AF_INET6, SOCK_STREAM, &endpoint6);
        const int unixSocket = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QTemporaryDir dir;
        const QByteArray path = dir.filePath(QStringLiteral("inspected.sock")).toLocal8Bit();
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
        QCOMPARE(::bind(unixSocket, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        QCOMPARE(::listen(unixSocket, 1), 0);
        QVERIFY(refreshed(inspector));
        const SocketTableModel& model = *inspector.model();
        const int all = model.rowCount();

        const quint16 port = quint16(endpoint.section(QLatin1Char(':'), -1).toUInt());
        inspector.portFilter()->setText(QString::number(port));
        QVERIFY(filtered(inspector));
        QVERIFY(model.rowCount() >= 1 && model.rowCount() < all);
        for (int i = 0; i < model.rowCount(); ++i)
            QVERIFY(model.rowAt(i)->socket.local.endsWith(QStringLiteral(":%1").arg(port)) ||
                    model.rowAt(i)->socket.peer.endsWith(QStringLiteral(":%1").arg(port)));

        // A port that is no number: said so, and the other filters keep working.
        inspector.portFilter()->setText(QStringLiteral("70000"));
        // The whole path: another program (a second copy of the suite) may have a socket of
        // the same name in its own folder.
        inspector.textFilter()->setText(QString::fromLocal8Bit(path));
        QVERIFY(filtered(inspector));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowAt(0)->socket.protocol, QStringLiteral("unix"));
        QVERIFY(refreshed(inspector));
        QVERIFY(inspector.statusText().contains(QLatin1String("1 to 65535")));

        inspector.portFilter()->clear();
        inspector.textFilter()->setText(endpoint6);
        QVERIFY(filtered(inspector));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowAt(0)->socket.protocol, QStringLiteral("tcp6"));

        // By process: this test's PID finds its own sockets, with its name.
        inspector.textFilter()->clear();
        inspector.processFilter()->setText(QString::number(getpid()));
        QVERIFY(filtered(inspector));
        QVERIFY(rowWithLocal(model, endpoint) && model.rowCount() < all);
        QCOMPARE(rowWithLocal(model, endpoint)->socket.owners.first().fd, listener);
        inspector.processFilter()->clear();
        inspector.stateFilter()->setCurrentIndex(
            inspector.stateFilter()->findData(QStringLiteral("LISTEN")));
        QVERIFY(filtered(inspector));
        QVERIFY(model.rowCount() < all);
        for (int i = 0; i < model.rowCount(); ++i)
            QCOMPARE(model.rowAt(i)->socket.state, QStringLiteral("LISTEN"));
        for (const int fd : {listener, listener6, unixSocket})
            ::close(fd);
    }

    // A listener's accept queue is drawn with the peers that wait in it.
    void acceptQueueOfAListener()
    {
        InspectorWindow inspector(nullptr, nullptr);
        QString endpoint;
        const int listener = boundSocket(AF_INET, SOCK_STREAM, &endpoint, 3);
        const int first = connectedTo(endpoint);
        const int second = connectedTo(endpoint);
        QVERIFY(refreshed(inspector));
        QVERIFY(inspector.selectKey(keyOf(*inspector.model(), endpoint, QStringLiteral("LISTEN"))));
        AcceptQueueView* queue = inspector.details()->acceptQueue();
        QTRY_VERIFY_WITH_TIMEOUT(queue->isVisibleTo(inspector.details()), patience);
        QCOMPARE(queue->queue().backlog, 3u);
        QCOMPARE(queue->queue().waitingCount, 2u);
        QCOMPARE(queue->queue().waiting.size(), 2);
        QVERIFY(!queue->isFull());
        QCOMPARE(inspector.details()->stateMachine()->currentState(), TcpState::Listen);
        for (const int fd : {listener, first, second})
            ::close(fd);
    }

    void tcpInfoOfAConnection()
    {
        InspectorWindow inspector(nullptr, nullptr);
        QString endpoint;
        const int listener = boundSocket(AF_INET, SOCK_STREAM, &endpoint);
        const int client = connectedTo(endpoint);
        const int served = ::accept(listener, nullptr, nullptr);
        QCOMPARE(::write(client, "hello", 5), 5);
        QVERIFY(refreshed(inspector));
        const InspectorRow* row =
            rowWithLocal(*inspector.model(), endpoint, QStringLiteral("ESTABLISHED"));
        QVERIFY(row);
        QVERIFY(inspector.selectKey(row->key));
        QCOMPARE(inspector.details()->stateMachine()->currentState(), TcpState::Established);
        const QString info = inspector.details()->tcpInfoText();
        QVERIFY(info.contains(QLatin1String("Round-trip time")));
        QVERIFY(info.contains(QLatin1String("Congestion window")));
        for (const int fd : {listener, client, served})
            ::close(fd);
    }

    // A scenario's sockets go LISTEN, ESTABLISHED, then TIME_WAIT for who hung up first, on
    // the state machine; Back shows the state the log gives at an earlier step.
    void scenarioSocketsOnTheStateMachine()
    {
        const ScenarioCatalog catalog = ScenarioCatalog::builtIn();
        MainWindow window(catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-echo")));
        window.show();
        window.openInspector();
        InspectorWindow& inspector = *window.inspector();
        inspector.sessionOnly()->setChecked(true);
        Session& session = *window.session();
        const auto next = [&] {
            QVERIFY(QTest::qWaitFor([&] { return session.canStep(); }, patience));
            window.next();
            QVERIFY(QTest::qWaitFor(
                [&] { return session.canStep() || session.state() == Session::State::Finished; },
                patience));
        };
        for (int i = 0; i < 3; ++i) // socket, bind, listen
            next();
        const QString server = QStringLiteral("127.0.0.1:%1").arg(session.servicePort());
        QTRY_VERIFY_WITH_TIMEOUT(rowWithLocal(*inspector.model(), server, QStringLiteral("LISTEN")),
                                 patience);
        QVERIFY(inspector.selectKey(keyOf(*inspector.model(), server)));
        QCOMPARE(inspector.details()->stateMachine()->currentState(), TcpState::Listen);
        QVERIFY(inspector.model()
                    ->data(inspector.model()->index(inspector.table()->currentIndex().row(), 0),
                           SocketTableModel::SessionRole)
                    .toBool());

        for (int i = 0; i < 3; ++i) // accept (blocks), client socket, connect
            next();
        QTRY_VERIFY_WITH_TIMEOUT(
            rowWithLocal(*inspector.model(), server, QStringLiteral("ESTABLISHED")), patience);
        const QString connectionKey =
            rowWithLocal(*inspector.model(), server, QStringLiteral("ESTABLISHED"))->key;
        const QString clientEnd =
            rowWithLocal(*inspector.model(), server, QStringLiteral("ESTABLISHED"))->socket.peer;
        QVERIFY(inspector.selectKey(connectionKey));
        QCOMPARE(inspector.details()->stateMachine()->currentState(), TcpState::Established);
        QVERIFY(inspector.details()->stateMachine()->trace().contains(TcpState::SynReceived));

        // Choosing it finds its 5-tuple card in the main window.
        QVERIFY(!window.tupleCards()->highlighted().isEmpty());
        QCOMPARE(window.tupleCards()->highlighted().first().actor, QStringLiteral("server"));

        while (session.state() != Session::State::Finished)
            next();
        // The client hung up first: its end waits in TIME_WAIT, still marked as the session's.
        // (Towards the server: on a busy machine another connection from the same client port
        // to another server may be in TIME_WAIT too.)
        QTRY_VERIFY2_WITH_TIMEOUT(
            rowWithLocal(*inspector.model(), clientEnd, QStringLiteral("TIME_WAIT"), server),
            rowsOf(*inspector.model(), clientEnd).constData(), patience);
        const InspectorRow* waiting =
            rowWithLocal(*inspector.model(), clientEnd, QStringLiteral("TIME_WAIT"), server);
        QVERIFY(waiting->sessionEnd);
        QVERIFY(inspector.selectKey(waiting->key));
        TcpStateMachineView& machine = *inspector.details()->stateMachine();
        QTRY_COMPARE_WITH_TIMEOUT(machine.currentState(), TcpState::TimeWait, patience);
        QCOMPARE(machine.secondaryState(), TcpState::TimeWait);
        QVERIFY(machine.trace().contains(TcpState::FinWait1));

        // Back to the step after connect(): the log says ESTABLISHED; the kernel, TIME_WAIT.
        const QList<CallEvent>& calls = session.log().calls();
        int afterConnect = 0;
        for (int i = 0; i < calls.size(); ++i) {
            if (calls[i].call == Call::Connect)
                afterConnect = i + 1;
        }
        window.cursor()->setPosition(afterConnect);
        QTRY_COMPARE_WITH_TIMEOUT(machine.currentState(), TcpState::Established, patience);
        QCOMPARE(machine.secondaryState(), TcpState::TimeWait);
    }

    void closingWhileRefreshingIsClean()
    {
        auto* inspector = new InspectorWindow(nullptr, nullptr);
        inspector->intervalPicker()->setCurrentIndex(0);
        inspector->show();
        QSignalSpy spy(inspector, &InspectorWindow::refreshed);
        QVERIFY(spy.wait(10'000));
        inspector->refreshNow();
        delete inspector; // the worker thread stops, a refresh in progress or not
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
