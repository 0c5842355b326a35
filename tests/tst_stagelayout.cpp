#include "stagelayout.h"
#include "stagestate.h"

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
        QTest::newRow("many handsets") << 2 << 12;
        QTest::newRow("many clients") << 7 << 7;
        QTest::newRow("server alone") << 0 << 0;
    }
    void cellsNeverOverlapAndStayOnStage()
    {
        QFETCH(int, clients);
        QFETCH(int, handsets);
        QStringList actors{QStringLiteral("server")};
        QList<std::pair<QString, bool>> endpoints{{QStringLiteral("server"), false}};
        for (int i = 0; i < handsets; ++i)
            endpoints.append({QStringLiteral("server"), true});
        for (int i = 0; i < clients; ++i) {
            actors << QStringLiteral("client%1").arg(i);
            endpoints.append({actors.last(), false});
        }
        const StageState state = stateWith(endpoints);
        const QRectF scene(QPointF(0, 0), StageLayout::sceneFor(QSizeF(1280, 560)));
        const StageLayout layout(scene.size(), actors, state);
        QCOMPARE(layout.actorCount(), int(actors.size()));
        for (qsizetype i = 0; i < state.endpoints.size(); ++i) {
            const QRectF cell = layout.cell(int(i));
            QVERIFY(cell.width() > 0 && cell.height() > 0);
            QVERIFY2(scene.contains(cell), qPrintable(QStringLiteral("cell %1 off stage").arg(i)));
            QVERIFY(cell.contains(layout.iconRect(int(i))));
            for (qsizetype j = i + 1; j < state.endpoints.size(); ++j)
                QVERIFY2(!cell.intersects(layout.cell(int(j))),
                         qPrintable(QStringLiteral("cells %1 and %2 overlap").arg(i).arg(j)));
        }
        QCOMPARE(scene.height(), StageLayout::sceneHeight);
        for (int a = 0; a + 1 < layout.actorCount(); ++a)
            QVERIFY(layout.column(a).right() <= layout.column(a + 1).left() + 1e-9);
    }

    void handsetsIndentedUnderTheirListener()
    {
        const StageState state = stateWith({{QStringLiteral("server"), false},
                                            {QStringLiteral("server"), true},
                                            {QStringLiteral("client"), false}});
        const StageLayout layout(StageLayout::sceneFor(QSizeF(1280, 560)),
                                 {QStringLiteral("server"), QStringLiteral("client")}, state);
        QVERIFY(layout.cell(1).left() > layout.cell(0).left());
        QVERIFY(layout.cell(1).top() > layout.cell(0).bottom());
        QVERIFY(layout.cell(2).left() > layout.cell(0).right()); // the client on the right
        QCOMPARE(layout.anchor(0), layout.iconRect(0).center());
    }

    void cellsShrinkToFit()
    {
        QList<std::pair<QString, bool>> few{{QStringLiteral("server"), false}};
        QList<std::pair<QString, bool>> many = few;
        for (int i = 0; i < 10; ++i)
            many.append({QStringLiteral("server"), true});
        const QStringList actors{QStringLiteral("server")};
        const QSizeF scene = StageLayout::sceneFor(QSizeF(1920, 1080));
        const qreal roomy = StageLayout(scene, actors, stateWith(few)).cell(0).height();
        const qreal packed = StageLayout(scene, actors, stateWith(many)).cell(0).height();
        QCOMPARE(roomy, StageLayout::maxCellHeight);
        QVERIFY(packed < roomy);
    }
};

QTEST_GUILESS_MAIN(TestStageLayout)
#include "tst_stagelayout.moc"
