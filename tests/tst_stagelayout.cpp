#include "stageactors.h"
#include "stageattempt.h"
#include "stagelayout.h"
#include "stageplacement.h"
#include "stagestate.h"
#include "stagetextwrap.h"

#include <QFontMetricsF>
#include <QTest>

using namespace SocketScope;

namespace {

StageState stateWith(const QList<std::pair<QString, bool>>& endpoints)
{
    StageState state;
    int fd = 3;
    for (const auto& [actor, accepted] : endpoints) {
        StageEndpoint endpoint;
        endpoint.actor = actor;
        endpoint.fd = fd++;
        endpoint.parentFd = accepted ? 3 : -1;
        state.endpoints.append(endpoint);
    }
    return state;
}

StageLayoutInput inputFor(const QSizeF& size, const QStringList& actors, const StageState& state)
{
    StageLayoutInput input;
    input.size = size;
    input.actorIds = actors;
    input.actorNames = actors;
    for (const StageEndpoint& endpoint : state.endpoints) {
        StageLabel label;
        label.lines = {QStringLiteral("telephone, descriptor %1").arg(endpoint.fd),
                       QStringLiteral("number 127.0.0.1:5000"), QStringLiteral("on the line")};
        label.brevity = {0, 0, 0};
        input.labels << label;
    }
    return input;
}

QStringList serverAndClients(int clients)
{
    QStringList actors{QStringLiteral("server")};
    for (int i = 0; i < clients; ++i)
        actors << QStringLiteral("client%1").arg(i);
    return actors;
}

// The server's listener and its handsets, then one descriptor for each client.
StageState serverWithHandsets(const QStringList& actors, int handsets)
{
    QList<std::pair<QString, bool>> endpoints{{actors.first(), false}};
    for (int i = 0; i < handsets; ++i)
        endpoints.append({actors.first(), true});
    for (qsizetype i = 1; i < actors.size(); ++i)
        endpoints.append({actors[i], false});
    return stateWith(endpoints);
}

} // namespace

class TestStageLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cellsNeverOverlapAndStayOnStage_data()
    {
        QTest::addColumn<int>("clients");
        QTest::addColumn<int>("handsets");
        QTest::newRow("tcp-echo") << 1 << 1;
        QTest::newRow("iterative server, three clients") << 3 << 3;
        QTest::newRow("four handsets, two clients") << 2 << 4;
        QTest::newRow("four clients, two handsets") << 4 << 2;
        QTest::newRow("server alone") << 0 << 0;
    }
    void cellsNeverOverlapAndStayOnStage()
    {
        QFETCH(int, clients);
        QFETCH(int, handsets);
        const QStringList actors = serverAndClients(clients);
        const StageState state = serverWithHandsets(actors, handsets);
        const QRectF stage(0, 0, 1280, 590);
        const StageScene scene = StageLayout::compute(inputFor(stage.size(), actors, state), state);
        QVERIFY(scene.fits);
        QCOMPARE(scene.columns.size(), actors.size());
        QCOMPARE(scene.cells.size(), state.endpoints.size());
        for (qsizetype i = 0; i < scene.cells.size(); ++i) {
            const StageCell& cell = scene.cells[i];
            QVERIFY(cell.cell.width() > 0 && cell.cell.height() > 0);
            QVERIFY2(stage.contains(cell.cell),
                     qPrintable(QStringLiteral("cell %1 off stage").arg(i)));
            QVERIFY(cell.cell.contains(cell.icon));
            QVERIFY(cell.icon.contains(cell.body));
            QVERIFY(cell.cell.contains(scene.texts[cell.label].rect));
            QVERIFY(cell.body.contains(scene.texts[cell.badge].rect));
            for (qsizetype j = i + 1; j < scene.cells.size(); ++j)
                QVERIFY2(!cell.cell.intersects(scene.cells[j].cell),
                         qPrintable(QStringLiteral("cells %1 and %2 overlap").arg(i).arg(j)));
        }
        for (qsizetype a = 0; a + 1 < scene.columns.size(); ++a)
            QVERIFY(scene.columns[a].right() <= scene.columns[a + 1].left() + 1e-9);
    }

    // A view lays its stage out again at every call: it starts where the last layout settled,
    // and finds what a search from scratch finds, whether the stage changed or not.
    void startingWhereTheLastLayoutSettledFindsTheSame_data()
    {
        QTest::addColumn<int>("clients");
        QTest::addColumn<int>("handsets");
        QTest::addColumn<QSizeF>("size");
        QTest::addColumn<bool>("cutShort");
        QTest::newRow("tcp-echo") << 1 << 1 << QSizeF(1280, 590) << false;
        QTest::newRow("three clients, small stage") << 3 << 3 << QSizeF(700, 420) << false;
        QTest::newRow("crowded: labels cut short") << 4 << 6 << QSizeF(640, 360) << true;
    }
    void startingWhereTheLastLayoutSettledFindsTheSame()
    {
        QFETCH(int, clients);
        QFETCH(int, handsets);
        QFETCH(QSizeF, size);
        QFETCH(bool, cutShort);
        const QStringList actors = serverAndClients(clients);
        const StageState state = serverWithHandsets(actors, handsets);
        StageLayoutInput input = inputFor(size, actors, state);
        for (StageLabel& label : input.labels)
            label.brevity = {0, 3, 2}; // the number goes before the state
        const StageScene fresh = StageLayout::compute(input, state);
        QVERIFY(fresh.fit.has_value());
        const StageFit settled = *fresh.fit;
        // Where it settled, and near it in every direction: a stage that grew or shrank.
        const QList<StageFit> hints{settled,
                                    {settled.brevity, settled.px + 3},
                                    {settled.brevity, settled.px - 1},
                                    {settled.brevity + 1, settled.px},
                                    {qMax(0, settled.brevity - 1), settled.px},
                                    {stageMaxBrevity + 1, settled.px}};
        QCOMPARE(settled.brevity > 0, cutShort);
        for (const StageFit& hint : hints) {
            input.lastFit = hint;
            QCOMPARE(StageLayout::compute(input, state), fresh);
        }
    }

    void handsetsIndentedUnderTheirListener()
    {
        const StageState state = stateWith({{QStringLiteral("server"), false},
                                            {QStringLiteral("server"), true},
                                            {QStringLiteral("client"), false}});
        const QStringList actors{QStringLiteral("server"), QStringLiteral("client")};
        const StageScene scene =
            StageLayout::compute(inputFor(QSizeF(1280, 560), actors, state), state);
        QVERIFY(scene.cells[1].cell.left() > scene.cells[0].cell.left());
        QVERIFY(scene.cells[1].cell.top() > scene.cells[0].cell.bottom());
        QVERIFY(scene.cells[2].cell.left() > scene.cells[0].cell.right()); // the client right
        QCOMPARE(scene.anchor(0), scene.cells[0].body.center());
    }

    // One size for every text, the largest that fits: fewer descriptors, larger text.
    void textShrinksToFitAndStaysOneSize()
    {
        const QStringList actors{QStringLiteral("server")};
        QList<std::pair<QString, bool>> few{{QStringLiteral("server"), false}};
        QList<std::pair<QString, bool>> many = few;
        for (int i = 0; i < 6; ++i)
            many.append({QStringLiteral("server"), true});
        const QSizeF size(1280, 590);
        const StageScene roomy =
            StageLayout::compute(inputFor(size, actors, stateWith(few)), stateWith(few));
        const StageScene packed =
            StageLayout::compute(inputFor(size, actors, stateWith(many)), stateWith(many));
        QVERIFY(packed.textPixels < roomy.textPixels);
        QVERIFY(packed.textPixels >= StageLayout::minimumTextPixels(size, 1));
        QCOMPARE(roomy.textPixels, StageLayout::maximumTextPixels(size, 1));
        for (const StageText& text : packed.texts)
            QCOMPARE(text.pixelSize, packed.textPixels);
    }

    void zoomMakesTheTextLarger()
    {
        const QStringList actors = serverAndClients(1);
        const StageState state =
            stateWith({{QStringLiteral("server"), false}, {QStringLiteral("client0"), false}});
        StageLayoutInput input = inputFor(QSizeF(1118, 520), actors, state);
        const StageScene plain = StageLayout::compute(input, state);
        input.zoom = 1.5;
        const StageScene zoomed = StageLayout::compute(input, state);
        QVERIFY(zoomed.fits);
        QVERIFY2(zoomed.textPixels > plain.textPixels,
                 qPrintable(QStringLiteral("%1 px zoomed, %2 px plain")
                                .arg(zoomed.textPixels)
                                .arg(plain.textPixels)));
    }

    void anEmptyStageSaysWhatToDo()
    {
        StageLayoutInput input = inputFor(QSizeF(744, 253), {QStringLiteral("server")}, {});
        input.placeholder = QStringLiteral("Press Next to perform the first call.");
        const StageScene scene = StageLayout::compute(input, StageState());
        QCOMPARE(scene.texts.size(), 1);
        const StageText& text = scene.texts.first();
        QCOMPARE(text.whole, QStringList{input.placeholder});
        QVERIFY(QRectF(QPointF(0, 0), input.size).contains(text.rect));
        QVERIFY(text.pixelSize >= StageLayout::minimumTextPixels(input.size, 1));
        QVERIFY(qAbs(text.rect.center().x() - input.size.width() / 2) < 1);
    }

    void minimumFollowsTheStageHeight_data()
    {
        QTest::addColumn<QSizeF>("size");
        QTest::addColumn<qreal>("zoom");
        QTest::addColumn<qreal>("minimum");
        QTest::newRow("window 1280x720") << QSizeF(745, 295) << 1.0 << 13.0;
        QTest::newRow("presenter 1280x720") << QSizeF(1280, 590) << 1.0 << 18.0;
        QTest::newRow("presenter 1920x1080") << QSizeF(1920, 910) << 1.0 << 28.0;
        QTest::newRow("window 1280x720, zoom 1.5") << QSizeF(745, 295) << 1.5 << 19.0;
    }
    void minimumFollowsTheStageHeight()
    {
        QFETCH(QSizeF, size);
        QFETCH(qreal, zoom);
        QFETCH(qreal, minimum);
        QCOMPARE(StageLayout::minimumTextPixels(size, zoom), minimum);
    }

    void wrapsBetweenWordsThenInsideLongOnes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qreal>("ems");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("fits") << QStringLiteral("on the line") << 20.0
                              << QStringList{QStringLiteral("on the line")};
        QTest::newRow("between words")
            << QStringLiteral("talking with 127.0.0.1:5000") << 10.0
            << QStringList{QStringLiteral("talking with"), QStringLiteral("127.0.0.1:5000")};
        QTest::newRow("a path after its slashes")
            << QStringLiteral("number /tmp/socketscope-pYppEn/serveur.sock") << 11.0
            << QStringList{QStringLiteral("number"), QStringLiteral("/tmp/socketscope-"),
                           QStringLiteral("pYppEn/"), QStringLiteral("serveur.sock")};
        QTest::newRow("an IPv6 address after a colon")
            << QStringLiteral("talking with [::ffff:127.0.0.1]:34580") << 8.0
            << QStringList{QStringLiteral("talking with"), QStringLiteral("[::ffff:"),
                           QStringLiteral("127.0.0.1]:"), QStringLiteral("34580")};
    }
    void wrapsBetweenWordsThenInsideLongOnes()
    {
        QFETCH(QString, text);
        QFETCH(qreal, ems);
        QFETCH(QStringList, lines);
        QFont font;
        font.setPixelSize(20);
        const QFontMetricsF metrics(font);
        const qreal width = metrics.horizontalAdvance(QLatin1Char('M')) * ems;
        TextMeasure measure(font);
        const QStringList wrapped = wrapText(text, measure, width);
        for (const QString& line : wrapped)
            QVERIFY2(metrics.horizontalAdvance(line) <= width, qPrintable(line));
        QCOMPARE(wrapped.join(QString()).remove(QLatin1Char(' ')),
                 QString(text).remove(QLatin1Char(' ')));
        QCOMPARE(wrapped.join(QLatin1Char('|')), lines.join(QLatin1Char('|')));
    }

    // The lab's second terminal gets its column once used, and keeps it; an actor that is
    // not on demand always has one.
    void onDemandActorShownOnceUsed_data()
    {
        QTest::addColumn<QStringList>("used");
        QTest::addColumn<QList<qsizetype>>("shown");
        QTest::newRow("nothing used: the first terminal and the server")
            << QStringList{} << QList<qsizetype>{0, 2};
        QTest::newRow("the first terminal called")
            << QStringList{QStringLiteral("lab")} << QList<qsizetype>{0, 2};
        QTest::newRow("the second terminal used")
            << QStringList{QStringLiteral("lab2")} << QList<qsizetype>{0, 1, 2};
        QTest::newRow("both used") << QStringList{QStringLiteral("lab"), QStringLiteral("lab2")}
                                   << QList<qsizetype>{0, 1, 2};
    }
    void onDemandActorShownOnceUsed()
    {
        QFETCH(QStringList, used);
        QFETCH(QList<qsizetype>, shown);
        const QList<ScenarioActor> actors{{QStringLiteral("lab"), {}, false},
                                          {QStringLiteral("lab2"), {}, true},
                                          {QStringLiteral("server"), {}, false}};
        QCOMPARE(shownActors(actors, QSet<QString>(used.cbegin(), used.cend())), shown);
    }

    void freeSpotIsTheNearestFreePlace()
    {
        const QRectF area(0, 0, 400, 300);
        const QList<QRectF> obstacles{QRectF(100, 100, 200, 100)};
        const auto spot = freeSpot(QSizeF(50, 50), QPointF(200, 150), area, obstacles, 0, 10);
        QVERIFY(spot);
        QVERIFY(!spot->intersects(obstacles.first()));
        QVERIFY(area.contains(*spot));
        QVERIFY(qAbs(spot->center().x() - 200) <= 10); // just above or below the obstacle
        QVERIFY(!freeSpot(QSizeF(50, 50), QPointF(200, 150), area, {area}, 0, 10));
        QVERIFY(!freeSpot(QSizeF(500, 50), QPointF(200, 150), area, {}, 0, 10));
    }
};

QTEST_MAIN(TestStageLayout)
#include "tst_stagelayout.moc"
