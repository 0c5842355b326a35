#include "calllogmodel.h"
#include "sources/session.h"
#include "testscenarios.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace SocketScope;

class TestCallLogModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void followsTheSessionLikeStrace()
    {
        Session session;
        CallLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLog(&session.log());
        QSignalSpy blocked(&session.log(), &EventLog::callBlocked);
        session.load(TestScenarios::builtIn(QStringLiteral("tcp-echo")),
                     TestScenarios::onFreePort());
        QVERIFY(TestScenarios::stepTimes(session, 4));
        QTRY_COMPARE(blocked.size(), 1);
        QCOMPARE(model.rowCount(), 4);
        const QModelIndex acceptRow = model.index(3, CallLogModel::ResultColumn);
        QVERIFY(model.data(acceptRow, CallLogModel::InProgressRole).toBool());
        model.refreshInProgress(monotonicNowNs() + 2'500'000'000);
        QVERIFY2(model.data(acceptRow).toString().contains(QLatin1String("blocked for")),
                 qPrintable(model.data(acceptRow).toString()));
        QCOMPARE(model.data(model.index(3, CallLogModel::CallColumn)).toString().left(7),
                 QStringLiteral("accept("));

        QSignalSpy finished(&session, &Session::finished);
        session.run();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(model.rowCount(), session.log().calls().size());
        // Rows stay in the order calls started, even though accept returned after connect.
        QCOMPARE(model.data(model.index(3, CallLogModel::CallColumn)).toString().left(7),
                 QStringLiteral("accept("));
        QVERIFY(!model.data(model.index(3, 0), CallLogModel::InProgressRole).toBool());
        const QString written = model.data(model.index(6, CallLogModel::CallColumn)).toString();
        QVERIFY2(written.startsWith(QLatin1String("write(")) &&
                     written.contains(QLatin1String("\"Hello world !\\n\"")),
                 qPrintable(written));

        session.reset();
        QCOMPARE(model.rowCount(), 0);
        // Every row is the log's own call: the model keeps its seq only.
        QVERIFY(
            TestScenarios::runToEnd(session, TestScenarios::builtIn(QStringLiteral("tcp-echo"))));
        for (int row = 0; row < model.rowCount(); ++row) {
            const qint64 seq = model.data(model.index(row, 0), CallLogModel::SeqRole).toLongLong();
            QCOMPARE(model.rowOf(seq), row);
            QCOMPARE(model.data(model.index(row, CallLogModel::CallColumn)).toString(),
                     session.log().call(seq)->straceLine().section(QStringLiteral(" = "), 0, 0));
        }
    }

    // A traced process's end and exec have their row where they happened, as strace prints
    // "+++ killed by SIGSEGV +++"; choosing the row shows the log there.
    void processEndsHaveTheirRow()
    {
        EventLog log;
        CallLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLog(&log);
        CallEvent socket;
        socket.seq = 1;
        socket.actor = QStringLiteral("server 42");
        socket.call = Call::Socket;
        socket.ret = 3;
        log.appendCall(socket);
        log.appendProcessEnd({.seq = 2,
                              .tNs = 10,
                              .actor = socket.actor,
                              .status = 0,
                              .signal = 0,
                              .exec = true,
                              .closed = {3},
                              .callsReturned = 1});
        log.appendProcessEnd({.seq = 3,
                              .tNs = 20,
                              .actor = socket.actor,
                              .status = 0,
                              .signal = SIGSEGV,
                              .exec = false,
                              .closed = {},
                              .callsReturned = 1});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(1, CallLogModel::CallColumn)).toString(),
                 QStringLiteral("exec: the kernel closed 3 (close-on-exec)"));
        QCOMPARE(model.data(model.index(2, CallLogModel::CallColumn)).toString(),
                 QStringLiteral("+++ killed by SIGSEGV +++"));
        QCOMPARE(model.data(model.index(2, CallLogModel::ActorColumn)).toString(), socket.actor);
        QCOMPARE(model.data(model.index(2, 0), CallLogModel::SeqRole).toLongLong(), 3);
        QVERIFY(!model.data(model.index(2, 0), CallLogModel::FailedRole).toBool());
        QVERIFY(model.data(model.index(2, CallLogModel::ExplanationColumn))
                    .toString()
                    .contains(QLatin1String("every descriptor")));
        QCOMPARE(model.rowOf(3), 2);
    }

    void failedCallsShowErrnoAndExplanation()
    {
        Session session;
        CallLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLog(&session.log());
        QVERIFY(TestScenarios::runToEnd(
            session, TestScenarios::fromTestData(QStringLiteral("refused-expected"))));
        const QModelIndex result = model.index(1, CallLogModel::ResultColumn);
        QVERIFY(model.data(result, CallLogModel::FailedRole).toBool());
        QCOMPARE(model.data(result).toString(),
                 QStringLiteral("\u2717 -1 ECONNREFUSED (Connection refused)"));
        QVERIFY(model.data(result, Qt::ForegroundRole).isValid());
        QVERIFY(model.data(result, CallLogModel::ExplanationRole)
                    .toString()
                    .contains(QLatin1String("RST")));
        const QModelIndex explanation = model.index(1, CallLogModel::ExplanationColumn);
        QVERIFY(model.data(explanation).toString().contains(QLatin1String("RST")));
        QVERIFY(model.data(explanation, Qt::ForegroundRole).isValid());
        QVERIFY(model.data(model.index(0, CallLogModel::ExplanationColumn)).toString().isEmpty());
    }
};

QTEST_MAIN(TestCallLogModel)
#include "tst_calllogmodel.moc"
