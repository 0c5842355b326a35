#include "calls/byteorder.h"
#include "log/narrationtext.h"
#include "scenarios/scenariocatalog.h"
#include "sources/session.h"
#include "testscenarios.h"

#include <QRegularExpression>
#include <QTest>

using namespace SocketScope;

namespace {

// The position of the cursor right after the call of scenario step `step`; 0 when none.
int positionAfterStep(const QList<CallEvent>& calls, int step)
{
    for (qsizetype i = 0; i < calls.size(); ++i) {
        if (calls[i].step == step)
            return int(i + 1);
    }
    return 0;
}

const CallEvent* eventOfStep(const QList<CallEvent>& calls, int step)
{
    const int position = positionAfterStep(calls, step);
    return position > 0 ? &calls[position - 1] : nullptr;
}

// The numbers of the narration, as whole numbers (not the digits of a longer one).
bool namesNumber(const QString& text, qint64 number)
{
    static const QRegularExpression numbers(QStringLiteral("\\d+"));
    for (auto it = numbers.globalMatch(text); it.hasNext();) {
        if (it.next().captured().toLongLong() == number)
            return true;
    }
    return false;
}

// What a narration must name, read from the log: a value of the call of `from`.
enum class Value { ResultFd, LocalPort, PeerPort, ServicePort, PortWithoutHtons };

} // namespace

Q_DECLARE_METATYPE(Value)

// The narration names this run's numbers, as the log holds them: placeholders filled at each
// step, the same descriptors and ports as the stage.
class TestNarration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyStepOfEveryScenarioIsFilled_data()
    {
        QTest::addColumn<QString>("id");
        const ScenarioCatalog catalog = ScenarioCatalog::builtIn();
        QVERIFY(catalog.errors().isEmpty());
        for (const Scenario& scenario : catalog.scenarios())
            QTest::newRow(qPrintable(scenario.id)) << scenario.id;
    }
    void everyStepOfEveryScenarioIsFilled()
    {
        QFETCH(QString, id);
        const Scenario scenario = TestScenarios::builtIn(id);
        Session session;
        QVERIFY(TestScenarios::runToEnd(session, scenario));
        const QList<CallEvent>& calls = session.log().calls();
        for (int step = 0; step < scenario.steps.size(); ++step) {
            const int position = positionAfterStep(calls, step);
            QVERIFY2(position > 0,
                     qPrintable(QStringLiteral("step %1 made no call").arg(step + 1)));
            for (const QString& language : {QStringLiteral("fr"), QStringLiteral("en")}) {
                const FilledNarration filled =
                    fillNarration(scenario, step, language, calls, position);
                const QString where =
                    QStringLiteral("step %1 (%2): %3").arg(step + 1).arg(language, filled.text);
                QVERIFY2(filled.unresolved == 0, qPrintable(where));
                QVERIFY2(!filled.text.contains(QLatin1String("${")), qPrintable(where));
            }
        }
    }

    void numbersAreThisRuns_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("step"); // counted from 1, as the window shows it
        QTest::addColumn<int>("from"); // the step whose call holds the value
        QTest::addColumn<Value>("value");
        const QString echo = QStringLiteral("tcp-echo");
        QTest::newRow("tcp-echo: socket() returns the listening descriptor")
            << echo << 1 << 1 << Value::ResultFd;
        QTest::newRow("tcp-echo: bind() names the run's port")
            << echo << 2 << 2 << Value::LocalPort;
        QTest::newRow("tcp-echo: the client's descriptor") << echo << 5 << 5 << Value::ResultFd;
        QTest::newRow("tcp-echo: connect() names the ephemeral port")
            << echo << 6 << 6 << Value::LocalPort;
        QTest::newRow("tcp-echo: read() on the dialogue descriptor")
            << echo << 8 << 4 << Value::ResultFd;
        QTest::newRow("tcp-echo: read() names the client's port")
            << echo << 8 << 6 << Value::LocalPort;
        QTest::newRow("tcp-echo: close() of the listening descriptor")
            << echo << 13 << 1 << Value::ResultFd;
        const QString fork = QStringLiteral("tcp-concurrent-fork");
        QTest::newRow("fork: the parent's listening descriptor")
            << fork << 1 << 1 << Value::ResultFd;
        QTest::newRow("fork: the dialogue descriptor") << fork << 6 << 6 << Value::ResultFd;
        QTest::newRow("fork: the parent closes the dialogue descriptor")
            << fork << 8 << 6 << Value::ResultFd;
        QTest::newRow("fork: the child closes its copy of the listening descriptor")
            << fork << 9 << 1 << Value::ResultFd;
        QTest::newRow("fork: the second dialogue descriptor")
            << fork << 12 << 12 << Value::ResultFd;
        QTest::newRow("fork: the first child's close") << fork << 26 << 6 << Value::ResultFd;
        QTest::newRow("fork: client 1's port") << fork << 5 << 5 << Value::LocalPort;
        QTest::newRow("fork: the run's port") << fork << 2 << 2 << Value::ServicePort;
        const QString htons = QStringLiteral("forgot-htons");
        QTest::newRow("forgot-htons: bind() names the run's port")
            << htons << 2 << 2 << Value::ServicePort;
        QTest::newRow("forgot-htons: the port the forgetful client meant")
            << htons << 4 << 2 << Value::ServicePort;
        QTest::newRow("forgot-htons: the port the network reads")
            << htons << 5 << 5 << Value::PortWithoutHtons;
        QTest::newRow("forgot-htons: the careful client dials the run's port")
            << htons << 8 << 8 << Value::ServicePort;
        QTest::newRow("forgot-htons: the dialogue descriptor")
            << htons << 9 << 9 << Value::ResultFd;
    }
    void numbersAreThisRuns()
    {
        QFETCH(QString, id);
        QFETCH(int, step);
        QFETCH(int, from);
        QFETCH(Value, value);
        Session session;
        QVERIFY(TestScenarios::runToEnd(session, TestScenarios::builtIn(id)));
        const QList<CallEvent>& calls = session.log().calls();
        const CallEvent* source = eventOfStep(calls, from - 1);
        QVERIFY(source);
        qint64 expected = -1;
        switch (value) {
        case Value::ResultFd:
            expected = source->resultFd();
            break;
        case Value::LocalPort:
            expected = source->after.local.port();
            break;
        case Value::PeerPort:
            expected = source->after.peer.port();
            break;
        case Value::ServicePort:
            expected = session.servicePort();
            break;
        case Value::PortWithoutHtons:
            // What connect() really dialled: the port field as the network reads it.
            expected = source->arguments.address.port();
            QCOMPARE(expected, qint64(ByteOrder::portWithoutHtons(session.servicePort())));
            break;
        }
        QVERIFY(expected > 0 || (value == Value::ResultFd && expected >= 0));
        const int position = positionAfterStep(calls, step - 1);
        for (const QString& language : {QStringLiteral("fr"), QStringLiteral("en")}) {
            const QString text =
                fillNarration(session.log().scenario(), step - 1, language, calls, position).text;
            QVERIFY2(namesNumber(text, expected),
                     qPrintable(QStringLiteral("%1 not in: %2").arg(expected).arg(text)));
        }
    }

    // At the live end, before a call returns, its descriptor is not known: "…", never the
    // value an earlier step gave the same name, nor the course's number.
    void notKnownYetIsAnEllipsis()
    {
        Session session;
        QVERIFY(TestScenarios::runToEnd(session,
                                        TestScenarios::builtIn(QStringLiteral("ipv6-dual-stack"))));
        const Scenario& scenario = session.log().scenario();
        const QList<CallEvent>& calls = session.log().calls();
        // Step 15 makes sockfd again; step 1 made it first.
        const int before = positionAfterStep(calls, 14) - 1;
        const FilledNarration early =
            fillNarration(scenario, 14, QStringLiteral("en"), calls, before);
        QCOMPARE(early.unresolved, 1);
        QVERIFY2(early.text.contains(QStringLiteral("descriptor …")), qPrintable(early.text));
        const FilledNarration done =
            fillNarration(scenario, 14, QStringLiteral("en"), calls, positionAfterStep(calls, 14));
        QCOMPARE(done.unresolved, 0);
        QVERIFY(namesNumber(done.text, eventOfStep(calls, 14)->resultFd()));
    }
};

QTEST_GUILESS_MAIN(TestNarration)
#include "tst_narration.moc"
