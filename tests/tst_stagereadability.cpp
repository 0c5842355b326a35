#include "scenarios/scenariocatalog.h"
#include "sources/session.h"
#include "stagestate.h"
#include "stageview.h"
#include "testscenarios.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

#include <map>

using namespace SocketScope;
using namespace SocketScope::TestScenarios;

namespace {

// One scenario run for real, once: what the stage is projected from at every position.
struct Run {
    QString id;
    QStringList actorIds;
    QMap<QString, QStringList> actorNames; // by language
    QList<CallEvent> calls;
};

// The stage's size in pixels in the window at the sizes a class meets (measured with the
// longest narration of the catalogue, backlog-full's step 12, above it), and in presenter
// mode at 1280×720: full width, the narration above.
struct StageSize {
    const char* name;
    QSize size;
    qreal minimum; // the smallest text allowed there
    bool whole;    // every label drawn whole, none left to its tooltip
};
const StageSize stageSizes[] = {
    {"window 1024x768", {591, 223}, 13, false},
    {"window 1280x720", {744, 253}, 13, false},
    {"window 1920x1080", {1128, 409}, 13, true},
    {"presenter 1280x720", {1280, 590}, 18, true},
};

QString describeRect(const StageText& text)
{
    static const char* const kinds[] = {"header", "label", "badge", "bubble", "envelope"};
    const QRectF& r = text.rect;
    return QStringLiteral("%1 %2 \"%3\" at %4,%5 %6x%7")
        .arg(QLatin1String(kinds[int(text.kind)]))
        .arg(text.owner)
        .arg(text.whole.join(QLatin1Char('|')).left(40))
        .arg(r.x(), 0, 'f', 0)
        .arg(r.y(), 0, 'f', 0)
        .arg(r.width(), 0, 'f', 0)
        .arg(r.height(), 0, 'f', 0);
}

// A text shown whole: its drawn lines, put back together, are its words.
bool drawnWhole(const StageText& text)
{
    QString drawn;
    for (const StageTextLine& line : text.lines)
        drawn += line.text;
    drawn.remove(QLatin1Char(' '));
    QString whole = text.whole.join(QString());
    whole.remove(QLatin1Char(' '));
    return drawn == whole;
}

} // namespace

// At every position of every scenario of the catalogue, at the sizes a class meets, in both
// views: no two texts of the stage overlap (headings, labels, numbers on the icons, the
// bubble, the letter, the cross of a refused call), nor any icon, all lie on the stage, none is
// smaller than the size promised, and every label shows whole (on a cramped stage, its name and
// state at least, the rest in its tooltip).
class TestStageReadability : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();
    QList<Run> m_runs;
    QTranslator m_french;
    // By stage size and zoom: the smallest text seen, the layouts checked, and the labels
    // drawn shortened (their whole text in the tooltip).
    struct Measured {
        qreal smallest = 1e9;
        int layouts = 0;
        int shortened = 0;
    };
    std::map<QString, Measured> m_measured;

    // Returns the first problem of the scene, or an empty string.
    static QString problem(const StageScene& scene, qreal minimum, bool whole)
    {
        const QRectF stage(QPointF(0, 0), scene.size);
        QList<std::pair<QRectF, QString>> boxes;
        for (const StageText& text : scene.texts) {
            if (text.pixelSize < minimum)
                return QStringLiteral("%1 px: %2").arg(text.pixelSize).arg(describeRect(text));
            if ((whole || !text.shortened) && !drawnWhole(text))
                return QStringLiteral("not whole: ") + describeRect(text);
            boxes.append({text.rect, describeRect(text)});
        }
        for (const StageRefusal& refusal : scene.refusals)
            boxes.append(
                {refusal.mark, QStringLiteral("the cross of endpoint %1").arg(refusal.endpoint)});
        for (qsizetype i = 0; i < boxes.size(); ++i) {
            if (!stage.contains(boxes[i].first))
                return QStringLiteral("off stage: ") + boxes[i].second;
            for (qsizetype j = i + 1; j < boxes.size(); ++j) {
                if (boxes[i].first.intersects(boxes[j].first))
                    return QStringLiteral("overlap: %1 / %2").arg(boxes[i].second, boxes[j].second);
            }
        }
        // The icons and waiting lines too: none over a text (but its own number), nor over
        // another icon.
        for (qsizetype i = 0; i < scene.cells.size(); ++i) {
            const StageCell& cell = scene.cells[i];
            for (const QRectF& drawing : {cell.icon, cell.waitingLine}) {
                if (drawing.isNull())
                    continue;
                const QString name = QStringLiteral("the icon of endpoint %1").arg(i);
                if (!stage.contains(drawing))
                    return QStringLiteral("off stage: ") + name;
                for (qsizetype t = 0; t < scene.texts.size(); ++t) {
                    if (t != cell.badge && drawing.intersects(scene.texts[t].rect))
                        return QStringLiteral("overlap: %1 / %2")
                            .arg(name, describeRect(scene.texts[t]));
                }
                for (qsizetype j = i + 1; j < scene.cells.size(); ++j) {
                    if (drawing.intersects(scene.cells[j].icon))
                        return QStringLiteral("overlap: %1 / the icon of endpoint %2")
                            .arg(name)
                            .arg(j);
                }
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_french.load(QStringLiteral(SOCKETSCOPE_FRENCH_QM)));
        for (const Scenario& scenario : m_catalog.scenarios()) {
            Session session;
            QVERIFY2(runToEnd(session, scenario), qPrintable(scenario.id));
            Run run{scenario.id, {}, {}, session.log().calls()};
            for (const ScenarioActor& actor : scenario.actors) {
                run.actorIds << actor.id;
                run.actorNames[QStringLiteral("fr")] << actor.name.fr;
                run.actorNames[QStringLiteral("en")] << actor.name.en;
            }
            m_runs.append(run);
        }
    }

    void cleanupTestCase()
    {
        int layouts = 0;
        for (const auto& [size, measured] : m_measured) {
            qInfo("%s: %d layouts, smallest text %.0f px, %d labels shortened", qPrintable(size),
                  measured.layouts, measured.smallest, measured.shortened);
            layouts += measured.layouts;
        }
        qInfo("%d layouts checked (scenario × position × stage size × view × language)", layouts);
    }

    void everyPositionFits_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<qreal>("minimum");
        QTest::addColumn<qreal>("zoom");
        QTest::addColumn<bool>("whole");
        for (const char* language : {"fr", "en"}) {
            for (const StageSize& stage : stageSizes)
                QTest::addRow("%s %s", language, stage.name)
                    << QString::fromLatin1(language) << stage.size << stage.minimum << 1.0
                    << stage.whole;
            QTest::addRow("%s window 1920x1080 zoom 1.5", language)
                << QString::fromLatin1(language) << stageSizes[2].size << 13.0 << 1.5 << false;
        }
    }
    void everyPositionFits()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QFETCH(qreal, minimum);
        QFETCH(qreal, zoom);
        QFETCH(bool, whole);
        if (language == QLatin1String("fr"))
            QCoreApplication::installTranslator(&m_french);
        const auto untranslate =
            qScopeGuard([this] { QCoreApplication::removeTranslator(&m_french); });
        const QString sizeName =
            QStringLiteral("%1x%2 zoom %3").arg(size.width()).arg(size.height()).arg(zoom);
        Measured& measured = m_measured[sizeName];
        QStringList failures;
        for (const Run& run : std::as_const(m_runs)) {
            StageView view;
            view.setAnimationDuration(0);
            view.resize(size);
            view.setZoom(zoom);
            view.setActors(run.actorIds, run.actorNames.value(language));
            for (const auto mode : {StageView::ViewMode::Analogy, StageView::ViewMode::Protocol}) {
                view.setViewMode(mode);
                for (int position = 0; position <= run.calls.size(); ++position) {
                    view.setState(projectStage(run.calls, position));
                    const StageScene& scene = view.scene();
                    ++measured.layouts;
                    for (const StageText& text : scene.texts) {
                        measured.smallest = qMin(measured.smallest, text.pixelSize);
                        measured.shortened += text.shortened ? 1 : 0;
                    }
                    const QString found = problem(scene, minimum, whole);
                    if (!found.isEmpty() && failures.size() < 20)
                        failures << QStringLiteral("%1 %2 position %3: %4")
                                        .arg(run.id, mode == StageView::ViewMode::Analogy
                                                         ? QStringLiteral("analogy")
                                                         : QStringLiteral("protocol"))
                                        .arg(position)
                                        .arg(found);
                }
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestStageReadability)
#include "tst_stagereadability.moc"
