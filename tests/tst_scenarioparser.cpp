#include "scenarios/scenario.h"
#include "scenarios/scenariocatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace SocketScope;

namespace {

QJsonObject narration()
{
    return QJsonObject{{QStringLiteral("fr"), QStringLiteral("texte")},
                       {QStringLiteral("en"), QStringLiteral("text")}};
}

// A small valid scenario that each broken row then damages in one place.
QJsonObject validScenario()
{
    const auto step = [](std::initializer_list<std::pair<const char*, QJsonValue>> fields) {
        QJsonObject object{{QStringLiteral("narration"), narration()}};
        for (const auto& [key, value] : fields)
            object.insert(QLatin1String(key), value);
        return object;
    };
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("small")},
        {QStringLiteral("title"), narration()},
        {QStringLiteral("summary"), narration()},
        {QStringLiteral("outcome"), narration()},
        {QStringLiteral("source"), QStringLiteral("test")},
        {QStringLiteral("port"), 5000},
        {QStringLiteral("actors"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("server")},
                                {QStringLiteral("name"), narration()}}}},
        {QStringLiteral("steps"), QJsonArray{step({{"actor", QStringLiteral("server")},
                                                   {"call", QStringLiteral("socket")},
                                                   {"domain", QStringLiteral("AF_INET")},
                                                   {"type", QStringLiteral("SOCK_STREAM")},
                                                   {"as", QStringLiteral("s")}}),
                                             step({{"actor", QStringLiteral("server")},
                                                   {"call", QStringLiteral("bind")},
                                                   {"fd", QStringLiteral("s")},
                                                   {"address", QStringLiteral("127.0.0.1")},
                                                   {"port", QStringLiteral("$port")}}),
                                             step({{"actor", QStringLiteral("server")},
                                                   {"call", QStringLiteral("close")},
                                                   {"fd", QStringLiteral("s")}})}},
    };
}

// What a traced program's saved session holds: calls of the whole vocabulary, descriptors by
// number, words that are not placeholders.
QJsonObject recordedScenario()
{
    QJsonObject scenario = validScenario();
    scenario.insert(QStringLiteral("recorded"), true);
    const auto step = [](const char* call, int fd) {
        QJsonObject object{
            {QStringLiteral("actor"), QStringLiteral("server")},
            {QStringLiteral("call"), QLatin1String(call)},
            {QStringLiteral("narration"),
             QJsonObject{{QStringLiteral("fr"), QStringLiteral("server appelle ${")},
                         {QStringLiteral("en"), QStringLiteral("server calls ${")}}}};
        if (fd >= 0)
            object.insert(QStringLiteral("fd"), fd);
        return object;
    };
    scenario.insert(QStringLiteral("steps"),
                    QJsonArray{step("socketpair", -1), step("epoll_wait", 5), step("read", 3)});
    return scenario;
}

QJsonObject withStepField(QJsonObject scenario, int step, const QString& field,
                          const QJsonValue& value)
{
    QJsonArray steps = scenario.value(QLatin1String("steps")).toArray();
    QJsonObject object = steps[step].toObject();
    if (value.isUndefined())
        object.remove(field);
    else
        object.insert(field, value);
    steps[step] = object;
    scenario.insert(QStringLiteral("steps"), steps);
    return scenario;
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson();
}

} // namespace

class TestScenarioParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtInScenariosLoad()
    {
        const ScenarioCatalog catalog = ScenarioCatalog::builtIn();
        for (const ScenarioError& error : catalog.errors())
            qWarning() << error.text();
        QVERIFY(catalog.errors().isEmpty());
        const Scenario* tcp = catalog.find(QStringLiteral("tcp-echo"));
        QVERIFY(tcp);
        QCOMPARE(tcp->defaultPort, quint16(5000));
        QCOMPARE(tcp->steps.first().call, Call::Socket);
        QCOMPARE(tcp->steps.last().call, Call::Close);
        QVERIFY(tcp->source.contains(QLatin1String("Caen")));
        const Scenario* udp = catalog.find(QStringLiteral("udp-echo"));
        QVERIFY(udp);
        for (const Scenario* scenario : {tcp, udp}) {
            for (const ScenarioStep& step : scenario->steps) {
                QVERIFY(!step.narration.fr.isEmpty());
                QVERIFY(!step.narration.en.isEmpty());
            }
        }
    }

    void validScenarioParses()
    {
        ScenarioError error;
        const auto scenario =
            ScenarioParser::parse(json(validScenario()), QStringLiteral("small.json"), &error);
        QVERIFY2(scenario, qPrintable(error.text()));
        QCOMPARE(scenario->steps.size(), 3);
        QVERIFY(scenario->steps[1].usesServicePort);
        QVERIFY(!scenario->steps[1].portWithoutHtons);
        QVERIFY(!scenario->steps[1].expectPrivileged);
    }

    // A traced program's calls: any call of the vocabulary, on descriptors by number, the
    // words kept as they are; shown, never checked.
    void recordedScenarioParses()
    {
        ScenarioError error;
        const auto scenario =
            ScenarioParser::parse(json(recordedScenario()), QStringLiteral("run.json"), &error);
        QVERIFY2(scenario, qPrintable(error.text()));
        QVERIFY(scenario->recorded);
        QCOMPARE(scenario->steps.size(), 3);
        QCOMPARE(scenario->steps[0].call, Call::Socketpair);
        QCOMPARE(scenario->steps[1].call, Call::EpollWait);
        QCOMPARE(scenario->steps[1].arguments.fd, 5);
        QCOMPARE(scenario->steps[2].arguments.fd, 3);
        QCOMPARE(scenario->steps[2].narration.en,
                 Narrations::words(QStringLiteral("server calls ${")));
        QVERIFY(scenario->steps[2].expect.mayFail);
    }

    // Placeholders are read once, into typed pieces that name the step defining each name;
    // the words around them stay as written, braces of C included.
    void narrationPlaceholdersParsedOnce()
    {
        const QJsonObject scenario = withStepField(
            validScenario(), 1, QStringLiteral("narration"),
            QJsonObject{{QStringLiteral("fr"), QStringLiteral("{s, POLLIN} : ${fd:s}")},
                        {QStringLiteral("en"),
                         QStringLiteral("bind(${fd:s}) to port ${port} (5000 in the course), "
                                        "${call_port}, ${port_without_htons}")}});
        ScenarioError error;
        const auto parsed =
            ScenarioParser::parse(json(scenario), QStringLiteral("small.json"), &error);
        QVERIFY2(parsed, qPrintable(error.text()));
        using Kind = NarrationPiece::Kind;
        const Narration expectedFr{{Kind::Text, QStringLiteral("{s, POLLIN} : "), -1},
                                   {Kind::Descriptor, QStringLiteral("s"), 0}};
        QCOMPARE(parsed->steps[1].narration.fr, expectedFr);
        const Narration expectedEn{{Kind::Text, QStringLiteral("bind("), -1},
                                   {Kind::Descriptor, QStringLiteral("s"), 0},
                                   {Kind::Text, QStringLiteral(") to port "), -1},
                                   {Kind::ServicePort, QString(), -1},
                                   {Kind::Text, QStringLiteral(" (5000 in the course), "), -1},
                                   {Kind::CallPort, QString(), 1},
                                   {Kind::Text, QStringLiteral(", "), -1},
                                   {Kind::PortWithoutHtons, QString(), -1}};
        QCOMPARE(parsed->steps[1].narration.en, expectedEn);
        QCOMPARE(parsed->steps[0].narration.en,
                 Narration({{Kind::Text, QStringLiteral("text"), -1}}));
    }

    // The forgot-htons and privileged-port scenarios' two fields.
    void portWithoutHtonsAndPrivilegedExpectation()
    {
        QJsonObject scenario = withStepField(validScenario(), 1, QStringLiteral("port"),
                                             QStringLiteral("$port_without_htons"));
        scenario = withStepField(scenario, 1, QStringLiteral("expect"),
                                 QJsonObject{{QStringLiteral("errno"), QStringLiteral("EACCES")}});
        scenario = withStepField(scenario, 1, QStringLiteral("expect_privileged"),
                                 QJsonObject{{QStringLiteral("ret"), 0}});
        ScenarioError error;
        const auto parsed = ScenarioParser::parse(json(scenario), QStringLiteral("x.json"), &error);
        QVERIFY2(parsed, qPrintable(error.text()));
        const ScenarioStep& bind = parsed->steps[1];
        QVERIFY(bind.usesServicePort);
        QVERIFY(bind.portWithoutHtons);
        QCOMPARE(bind.expect.error, EACCES);
        QVERIFY(bind.expectPrivileged);
        QCOMPARE(bind.expectPrivileged->ret, std::optional<qint64>(0));
    }

    void brokenFilesNamed_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("not json") << QByteArray("{ \"id\": ") << -1 << QString() << "JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << -1 << QString() << "object";
        QJsonObject noId = validScenario();
        noId.remove(QStringLiteral("id"));
        QTest::newRow("missing id") << json(noId) << -1 << "id"
                                    << "string";
        QJsonObject noFrenchTitle = validScenario();
        noFrenchTitle.insert(QStringLiteral("title"),
                             QJsonObject{{QStringLiteral("en"), QStringLiteral("x")}});
        QTest::newRow("missing French title") << json(noFrenchTitle) << -1 << "title.fr"
                                              << "French";
        QTest::newRow("unknown call")
            << json(withStepField(validScenario(), 2, QStringLiteral("call"),
                                  QStringLiteral("frobnicate")))
            << 2 << "call"
            << "frobnicate";
        QTest::newRow("unknown actor")
            << json(withStepField(validScenario(), 0, QStringLiteral("actor"),
                                  QStringLiteral("ghost")))
            << 0 << "actor"
            << "ghost";
        QTest::newRow("undefined descriptor")
            << json(withStepField(validScenario(), 1, QStringLiteral("fd"), QStringLiteral("nope")))
            << 1 << "fd"
            << "nope";
        QTest::newRow("port out of range")
            << json(withStepField(validScenario(), 1, QStringLiteral("port"), 70000)) << 1 << "port"
            << "65535";
        // Found by fuzz_scenario: a number no integer type holds was converted before its
        // range was checked.
        QJsonObject hugePort = validScenario();
        hugePort.insert(QStringLiteral("port"), 7.7e103);
        QTest::newRow("default port beyond any integer") << json(hugePort) << -1 << "port"
                                                         << "65535";
        QTest::newRow("step port beyond any integer")
            << json(withStepField(validScenario(), 1, QStringLiteral("port"), -1e300)) << 1
            << "port"
            << "65535";
        QTest::newRow("bad address")
            << json(withStepField(validScenario(), 1, QStringLiteral("address"),
                                  QStringLiteral("1.2.3")))
            << 1 << "address"
            << "IPv4";
        QTest::newRow("unknown family")
            << json(withStepField(validScenario(), 0, QStringLiteral("domain"),
                                  QStringLiteral("AF_APPLETALK")))
            << 0 << "domain"
            << "AF_INET";
        QTest::newRow("missing narration")
            << json(withStepField(validScenario(), 2, QStringLiteral("narration"),
                                  QJsonValue::Undefined))
            << 2 << "narration"
            << "fr";
        QTest::newRow("unknown errno")
            << json(withStepField(validScenario(), 1, QStringLiteral("expect"),
                                  QJsonObject{{QStringLiteral("errno"), QStringLiteral("EWHAT")}}))
            << 1 << "expect.errno"
            << "EWHAT";
        QTest::newRow("unknown privileged errno")
            << json(withStepField(validScenario(), 1, QStringLiteral("expect_privileged"),
                                  QJsonObject{{QStringLiteral("errno"), QStringLiteral("EWHAT")}}))
            << 1 << "expect_privileged.errno"
            << "EWHAT";
        QTest::newRow("unknown port variable")
            << json(withStepField(validScenario(), 1, QStringLiteral("port"),
                                  QStringLiteral("$port_reversed")))
            << 1 << "port"
            << "$port_without_htons";
        QJsonObject membership =
            withStepField(validScenario(), 2, QStringLiteral("call"), QStringLiteral("setsockopt"));
        membership = withStepField(membership, 2, QStringLiteral("option"),
                                   QStringLiteral("IP_ADD_MEMBERSHIP"));
        membership =
            withStepField(membership, 2, QStringLiteral("interface"), QStringLiteral("127.0.0.1"));
        QTest::newRow("membership of a unicast address")
            << json(withStepField(membership, 2, QStringLiteral("group"),
                                  QStringLiteral("127.0.0.1")))
            << 2 << "group"
            << "multicast";
        QTest::newRow("membership without a group") << json(membership) << 2 << "group"
                                                    << "string";
        const QJsonObject fcntl =
            withStepField(validScenario(), 2, QStringLiteral("call"), QStringLiteral("fcntl"));
        QTest::newRow("fcntl beyond F_GETFL and F_SETFL")
            << json(withStepField(fcntl, 2, QStringLiteral("command"), QStringLiteral("F_DUPFD")))
            << 2 << "command"
            << "F_SETFL";
        QTest::newRow("fcntl F_GETFL with flags")
            << json(withStepField(
                   withStepField(fcntl, 2, QStringLiteral("command"), QStringLiteral("F_GETFL")), 2,
                   QStringLiteral("flags"), QStringLiteral("O_NONBLOCK")))
            << 2 << "flags"
            << "F_SETFL";
        QTest::newRow("fcntl flag unknown")
            << json(withStepField(
                   withStepField(fcntl, 2, QStringLiteral("command"), QStringLiteral("F_SETFL")), 2,
                   QStringLiteral("flags"), QStringLiteral("O_FAST")))
            << 2 << "flags"
            << "O_FAST";
        QTest::newRow("session folder without a file name")
            << json(withStepField(withStepField(validScenario(), 1, QStringLiteral("address"),
                                                QJsonValue::Undefined),
                                  1, QStringLiteral("path"), QStringLiteral("$dir/a/b")))
            << 1 << "path"
            << "$dir/";
        QJsonObject forked =
            withStepField(validScenario(), 2, QStringLiteral("call"), QStringLiteral("fork"));
        QTest::newRow("fork into itself")
            << json(withStepField(forked, 2, QStringLiteral("child"), QStringLiteral("server")))
            << 2 << "child"
            << "another actor";
        QTest::newRow("fork without a child") << json(forked) << 2 << "child"
                                              << "string";
        const auto narrated = [](int step, const QString& fr, const QString& en) {
            return json(
                withStepField(validScenario(), step, QStringLiteral("narration"),
                              QJsonObject{{QStringLiteral("fr"), fr}, {QStringLiteral("en"), en}}));
        };
        QTest::newRow("unknown placeholder")
            << narrated(1, QStringLiteral("port ${port}"), QStringLiteral("the ${frob:s} socket"))
            << 1 << "narration.en"
            << "${frob:s}";
        QTest::newRow("placeholder of a descriptor nobody made")
            << narrated(1, QStringLiteral("le descripteur ${fd:nope}"), QStringLiteral("x")) << 1
            << "narration.fr"
            << "nope";
        QTest::newRow("placeholder of an address nobody kept")
            << narrated(2, QStringLiteral("x"), QStringLiteral("from ${address:client}")) << 2
            << "narration.en"
            << "client";
        QTest::newRow("unclosed placeholder")
            << narrated(1, QStringLiteral("x"), QStringLiteral("descriptor ${fd:s")) << 1
            << "narration.en"
            << "}";
        QTest::newRow("the run's port takes no name")
            << narrated(1, QStringLiteral("port ${port:s}"), QStringLiteral("x")) << 1
            << "narration.fr"
            << "${port}";
        QTest::newRow("port of the call in a call given no address")
            << narrated(2, QStringLiteral("x"), QStringLiteral("port ${call_port}")) << 2
            << "narration.en"
            << "bind";
        QTest::newRow("the run's port in a scenario without \"$port\"")
            << json(withStepField(
                   withStepField(validScenario(), 1, QStringLiteral("port"), 5001), 2,
                   QStringLiteral("narration"),
                   QJsonObject{{QStringLiteral("fr"), QStringLiteral("le port ${port}")},
                               {QStringLiteral("en"), QStringLiteral("port ${port}")}}))
            << 2 << "narration"
            << "$port";
        QJsonObject recordedNotBool = validScenario();
        recordedNotBool.insert(QStringLiteral("recorded"), 1);
        QTest::newRow("recorded is not true or false") << json(recordedNotBool) << -1 << "recorded"
                                                       << "true or false";
        QTest::newRow("recorded: unknown call")
            << json(withStepField(recordedScenario(), 1, QStringLiteral("call"),
                                  QStringLiteral("frobnicate")))
            << 1 << "call"
            << "frobnicate";
        QTest::newRow("recorded: negative descriptor")
            << json(withStepField(recordedScenario(), 2, QStringLiteral("fd"), -1)) << 2 << "fd"
            << "whole number";
        QTest::newRow("recorded: unknown actor")
            << json(withStepField(recordedScenario(), 0, QStringLiteral("actor"),
                                  QStringLiteral("ghost")))
            << 0 << "actor"
            << "ghost";
        QTest::newRow("as on a call that makes no descriptor")
            << json(withStepField(validScenario(), 1, QStringLiteral("as"), QStringLiteral("x")))
            << 1 << "as"
            << "address_as";
    }
    void brokenFilesNamed()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, step);
        QFETCH(QString, field);
        QFETCH(QString, mentions);
        ScenarioError error;
        QVERIFY(!ScenarioParser::parse(content, QStringLiteral("broken.json"), &error));
        QCOMPARE(error.fileName, QStringLiteral("broken.json"));
        QCOMPARE(error.step, step);
        QCOMPARE(error.field, field);
        QVERIFY2(error.message.contains(mentions), qPrintable(error.message));
        QVERIFY(error.text().startsWith(QLatin1String("broken.json")));
        if (step >= 0)
            QVERIFY2(error.text().contains(QStringLiteral("step %1").arg(step + 1)),
                     qPrintable(error.text()));
    }

    void catalogReportsBrokenFileAndKeepsTheRest()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile good(dir.filePath(QStringLiteral("good.json")));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write(json(validScenario()));
        good.close();
        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(json(withStepField(validScenario(), 1, QStringLiteral("port"), -3)));
        bad.close();

        ScenarioCatalog catalog;
        catalog.loadFolder(dir.path());
        QCOMPARE(catalog.scenarios().size(), 1);
        QCOMPARE(catalog.errors().size(), 1);
        QCOMPARE(catalog.errors().first().fileName, QStringLiteral("bad.json"));
        QCOMPARE(catalog.errors().first().step, 1);
    }

    // A traced program's record read as a scenario of the catalogue is refused: it has no
    // script a run could follow.
    void catalogRefusesARecord()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile record(dir.filePath(QStringLiteral("run.json")));
        QVERIFY(record.open(QIODevice::WriteOnly));
        record.write(json(recordedScenario()));
        record.close();
        ScenarioCatalog catalog;
        catalog.loadFolder(dir.path());
        QVERIFY(catalog.scenarios().isEmpty());
        QCOMPARE(catalog.errors().size(), 1);
        QCOMPARE(catalog.errors().first().field, QStringLiteral("recorded"));
        QVERIFY(catalog.errors().first().message.contains(QStringLiteral("saved session")));
    }
};

QTEST_GUILESS_MAIN(TestScenarioParser)
#include "tst_scenarioparser.moc"
