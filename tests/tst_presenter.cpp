#include "appsettings.h"
#include "languages.h"
#include "logcursor.h"
#include "mainwindow.h"
#include "scenarios/scenariocatalog.h"
#include "sources/session.h"
#include "stagescene.h"
#include "stageview.h"
#include "stepcontroller.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace SocketScope;

namespace {

bool settled(const MainWindow& window)
{
    const EventSource* source = window.source();
    return window.steps()->pendingSteps() == 0 &&
           (source->canStep() || source->state() == EventSource::State::Finished ||
            source->stepsLeft() == 0);
}

int handedOut(const MainWindow& window)
{
    return int(window.source()->log().notes().size());
}

void press(MainWindow& window, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(&window, key, modifiers);
}

} // namespace

// The window in front of a class: the keys of a slide show, none lost however fast; presenter
// mode; the zoom; the language switched live; the settings kept from one lecture to the next.
class TestPresenter : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/socketscope_fr.qm")));
        Languages::install(QStringLiteral("en"));
    }

    // A clicker sends its presses faster than a call returns (5 presses 12 ms apart used to
    // give 4 steps): each one is a step, with the capture starting or not.
    void burstOfKeyPressesGivesAsManySteps_data()
    {
        QTest::addColumn<CaptureMode>("capture");
        QTest::newRow("inferred") << CaptureMode::InferOnly;
        QTest::newRow("captured where permitted") << CaptureMode::CaptureIfPermitted;
    }
    void burstOfKeyPressesGivesAsManySteps()
    {
        QFETCH(CaptureMode, capture);
        MainWindow window(m_catalog, QStringLiteral("en"), 0, capture);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-iterative-server")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int i = 0; i < 20; ++i)
            press(window, Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(handedOut(window), 20, 20'000);
        QTRY_VERIFY(settled(window));
        QCOMPARE(handedOut(window), 20);
        QCOMPARE(window.steps()->shownStep(), 20);
    }

    void slideKeysMoveThroughTheRecordedSteps()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-echo")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int i = 0; i < 6; ++i)
            press(window, Qt::Key_PageDown);
        QTRY_COMPARE(handedOut(window), 6);
        QTRY_VERIFY(settled(window));
        LogCursor* cursor = window.cursor();
        const int live = cursor->position();
        QVERIFY(live > 0);

        press(window, Qt::Key_Left);
        QCOMPARE(cursor->position(), live - 1);
        // Next after Back shows the recorded call again; it makes no new one.
        press(window, Qt::Key_Right);
        QCOMPARE(cursor->position(), live);
        QCOMPARE(handedOut(window), 6);
        press(window, Qt::Key_Home);
        QCOMPARE(cursor->position(), 0);
        QCOMPARE(window.steps()->shownStep(), 0);
        press(window, Qt::Key_End);
        QVERIFY(cursor->isLive());

        // A number then Enter: a recorded step at once, a later one by making the calls.
        press(window, Qt::Key_2);
        QCOMPARE(window.typedStep(), QStringLiteral("2"));
        press(window, Qt::Key_Return);
        QCOMPARE(window.steps()->shownStep(), 2);
        QCOMPARE(handedOut(window), 6);
        press(window, Qt::Key_9);
        press(window, Qt::Key_Enter);
        QTRY_COMPARE(handedOut(window), 9);
        QTRY_VERIFY(settled(window));
        QCOMPARE(window.steps()->shownStep(), 9);
        // A step the scenario does not have: said inline, nothing modal, nothing made.
        press(window, Qt::Key_9);
        press(window, Qt::Key_9);
        press(window, Qt::Key_Return);
        QVERIFY(window.inlineMessage().contains(QLatin1String("99")));
        QCOMPARE(handedOut(window), 9);
        QVERIFY(!QApplication::activeModalWidget());
    }

    // A French keyboard types its top-row digits with Shift; a step whose call is still
    // blocked is reached, not refused; a message goes with the next move or Escape.
    void typedStepsAndMessages()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-echo")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int i = 0; i < 5; ++i)
            press(window, Qt::Key_Space);
        QTRY_COMPARE(handedOut(window), 5);
        QTRY_VERIFY(settled(window));
        // Step 4 is the accept(), waiting for the client that has not called yet.
        QVERIFY(!window.source()->log().callsInProgress().isEmpty());
        press(window, Qt::Key_4, Qt::ShiftModifier);
        QCOMPARE(window.typedStep(), QStringLiteral("4"));
        QVERIFY(window.inlineMessage().contains(QLatin1String("4")));
        press(window, Qt::Key_Return);
        QVERIFY2(window.inlineMessage().isEmpty(), qPrintable(window.inlineMessage()));
        QVERIFY(window.cursor()->isLive());
        QCOMPARE(handedOut(window), 5);

        press(window, Qt::Key_9);
        press(window, Qt::Key_9);
        press(window, Qt::Key_Return);
        QVERIFY(!window.inlineMessage().isEmpty());
        press(window, Qt::Key_Escape);
        QVERIFY(window.inlineMessage().isEmpty());
        press(window, Qt::Key_9);
        press(window, Qt::Key_9);
        press(window, Qt::Key_Return);
        QVERIFY(!window.inlineMessage().isEmpty());
        press(window, Qt::Key_Left);
        QVERIFY(window.inlineMessage().isEmpty());

        // On a blank screen, Next brings the picture back and makes no call.
        press(window, Qt::Key_B);
        QVERIFY(window.isBlanked());
        press(window, Qt::Key_Space);
        QVERIFY(!window.isBlanked());
        QCOMPARE(handedOut(window), 5);
    }

    // A press waiting its turn must not reach a session being reset: it would go to actors
    // that are gone.
    void noStepWhileTheSessionResets()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-echo")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int i = 0; i < 3; ++i)
            press(window, Qt::Key_Space);
        QTRY_COMPARE(handedOut(window), 3);
        QTRY_VERIFY(settled(window));
        bool steppableDuringReset = false;
        connect(&window.source()->log(), &EventLog::wasReset, this,
                [&] { steppableDuringReset |= window.source()->canStep(); });
        window.session()->reset();
        QVERIFY(!steppableDuringReset);
        QTRY_VERIFY(window.source()->canStep());
        press(window, Qt::Key_Space);
        QTRY_COMPARE(handedOut(window), 1);
    }

    void presenterModeHidesThePanelsAndBlanks()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* calls = window.findChild<QDockWidget*>(QStringLiteral("calls"));
        QVERIFY(calls->isVisible());
        press(window, Qt::Key_F5);
        QVERIFY(window.isPresenting());
        QVERIFY(window.windowState() & Qt::WindowFullScreen);
        QVERIFY(!calls->isVisible());
        QVERIFY(!window.menuBar()->isVisible());
        // The narration is read from the back of the room: larger than in the window.
        press(window, Qt::Key_B);
        QVERIFY(window.isBlanked());
        press(window, Qt::Key_B);
        QVERIFY(!window.isBlanked());
        press(window, Qt::Key_Escape);
        QVERIFY(!window.isPresenting());
        QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
        QVERIFY(calls->isVisible());
        QVERIFY(window.menuBar()->isVisible());

        press(window, Qt::Key_F11);
        QVERIFY(window.windowState() & Qt::WindowFullScreen);
        press(window, Qt::Key_F11);
        QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
    }

    void presenterModeTextIsLarge()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setPresenting(true, false);
        QCOMPARE(window.size(), QSize(1280, 720));
        int checked = 0;
        for (const QLabel* label : window.findChildren<QLabel*>()) {
            const QString name = label->accessibleName();
            if (name != QLatin1String("Narration") && name != QLatin1String("Current call"))
                continue;
            // Larger than the stage's smallest text, 2.5 % of the window's height.
            const int height = QFontMetrics(label->font()).height();
            QVERIFY2(height >= 720 * 0.025 * 1.2, qPrintable(QString::number(height)));
            ++checked;
        }
        QCOMPARE(checked, 2);
    }

    // The TCP lesson in French on a 1280x720 projector: at every step of every one of its
    // scenarios, no text of the stage under 2.5 % of the window's height (18 px), every label
    // whole, and the narration larger than the stage's text.
    void theTcpLessonReadsFromTheBackRow_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const char* id : {"tcp-echo", "tcp-iterative-server", "tcp-concurrent-fork",
                               "connect-econnrefused", "forgot-htons"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }
    void theTcpLessonReadsFromTheBackRow()
    {
        QFETCH(QString, scenario);
        MainWindow window(m_catalog, QStringLiteral("fr"), 0, CaptureMode::InferOnly);
        QVERIFY(window.selectScenario(scenario));
        window.resize(1280, 720);
        window.show();
        window.setPresenting(true, false);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.session()->setIntervalMs(0);
        window.session()->run();
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, 30'000);
        QLabel* narration = nullptr;
        for (QLabel* label : window.findChildren<QLabel*>()) {
            if (label->accessibleName() == QLatin1String("Narration"))
                narration = label;
        }
        QVERIFY(narration);
        const qreal floor = 720 * 0.025;
        LogCursor* cursor = window.cursor();
        int checked = 0;
        for (int position = 0; position <= cursor->count(); ++position) {
            cursor->setPosition(position);
            window.stage()->skipAnimation();
            const StageScene& scene = window.stage()->scene();
            for (const StageText& text : scene.texts) {
                const QString where = QStringLiteral("position %1: %2")
                                          .arg(position)
                                          .arg(text.whole.join(QLatin1Char(' ')));
                QVERIFY2(text.pixelSize >= floor, qPrintable(where));
                QVERIFY2(!text.shortened, qPrintable(where));
                ++checked;
            }
            QVERIFY(narration->font().pixelSize() > scene.textPixels ||
                    narration->font().pixelSize() >= int(720 * 0.03));
        }
        QVERIFY(checked > 0);
    }

    void zoomScalesTheText()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* calls = window.findChild<QTableView*>();
        const qreal before = calls->font().pointSizeF();
        press(window, Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(window.zoom() > 1.05);
        QVERIFY(calls->font().pointSizeF() > before);
        press(window, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(window.zoom(), 1.0);
        QCOMPARE(calls->font().pointSizeF(), before);
        press(window, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(window.zoom() < 0.95);
        for (int i = 0; i < 40; ++i)
            press(window, Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(window.zoom(), AppSettings::minZoom);
    }

    // From English to French and back without a restart: menus, panels, narration, the
    // actors' names and Qt's own buttons.
    void languageSwitchesLive()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-echo")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        press(window, Qt::Key_Space);
        QTRY_VERIFY(settled(window));
        const auto menuTitles = [&] {
            QStringList titles;
            for (const QAction* menu : window.menuBar()->actions())
                titles << menu->text();
            return titles;
        };
        const auto narrationText = [&] {
            for (const QLabel* label : window.findChildren<QLabel*>()) {
                if (label->accessibleName() == QLatin1String("Narration"))
                    return label->text();
            }
            return QString();
        };
        QVERIFY(menuTitles().contains(QStringLiteral("&File")));
        QVERIFY(narrationText().startsWith(QLatin1String("Step 1 of")));
        auto* calls = window.findChild<QTableView*>();
        const QString englishHeader =
            calls->model()->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString();

        window.setLanguageChoice(QStringLiteral("fr"));
        QCOMPARE(window.language(), QStringLiteral("fr"));
        // Qt posts the LanguageChange events: every widget has them at the next turn.
        QTRY_VERIFY2(menuTitles().contains(QStringLiteral("&Fichier")),
                     qPrintable(menuTitles().join(QLatin1Char(' '))));
        const QStringList frenchLabels = [&] {
            QStringList texts;
            for (const QLabel* label : window.findChildren<QLabel*>())
                texts << label->text();
            return texts;
        }();
        QVERIFY(frenchLabels.join(QLatin1Char('\n')).contains(QStringLiteral("Étape 1 sur")));
        QVERIFY(calls->model()->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString() !=
                englishHeader);
        QCOMPARE(window.findChild<QDockWidget*>(QStringLiteral("calls"))->windowTitle(),
                 QStringLiteral("Appels"));
        // The actors are named in French in the call list, not by the scenario's ids.
        QCOMPARE(calls->model()->index(0, 1).data().toString(), QStringLiteral("Serveur"));
        // Qt's own dialogs speak French too.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                 QStringLiteral("Annuler"));

        window.setLanguageChoice(QStringLiteral("en"));
        QTRY_VERIFY(menuTitles().contains(QStringLiteral("&File")));
        QCOMPARE(calls->model()->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(),
                 englishHeader);
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
        QCOMPARE(calls->model()->index(0, 1).data().toString(), QStringLiteral("Server"));
    }

    // The picker follows the course, chapter by chapter, with a search field; every shipped
    // scenario has its place in a chapter.
    void scenariosInTheCourseOrder()
    {
        const QList<CourseChapter> chapters = m_catalog.chapters();
        QStringList placed;
        for (const CourseChapter& chapter : chapters)
            placed << chapter.scenarioIds;
        QCOMPARE(placed.size(), m_catalog.scenarios().size());
        QCOMPARE(chapters.constFirst().id, QStringLiteral("tcp-first-steps"));
        QCOMPARE(placed.constFirst(), QStringLiteral("tcp-echo"));
        QVERIFY(!placed.contains(QStringLiteral("other")));

        MainWindow window(m_catalog, QStringLiteral("fr"), 0, CaptureMode::InferOnly);
        auto* picker = window.findChild<QComboBox*>();
        QVERIFY(picker);
        // The first entry is the chapter's title, which cannot be chosen; then tcp-echo.
        QCOMPARE(picker->itemText(0), QStringLiteral("Premiers pas en TCP"));
        QVERIFY(!(qobject_cast<QStandardItemModel*>(picker->model())->item(0)->flags() &
                  Qt::ItemIsEnabled));
        QCOMPARE(picker->currentData().toString(), QStringLiteral("tcp-echo"));
        QVERIFY(picker->itemData(picker->currentIndex(), Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Développement système")));
        QCOMPARE(window.source()->log().scenario().id, QStringLiteral("tcp-echo"));

        auto* search = window.findChild<QLineEdit*>();
        QVERIFY(search && search->completer());
        search->completer()->setCompletionPrefix(QStringLiteral("fork"));
        QCOMPARE(search->completer()->completionCount(), 1);
        Q_EMIT search->completer()->activated(search->completer()->currentCompletion());
        QCOMPARE(window.source()->log().scenario().id, QStringLiteral("tcp-concurrent-fork"));
    }

    void aFolderScenarioTheCourseDoesNotPlaceComesLast()
    {
        ScenarioCatalog catalog = ScenarioCatalog::builtIn();
        catalog.loadFolder(QStringLiteral(SOCKETSCOPE_TEST_DATA "/session"));
        const QList<CourseChapter> chapters = catalog.chapters();
        QCOMPARE(chapters.constLast().id, QStringLiteral("other"));
        QVERIFY(!chapters.constLast().scenarioIds.isEmpty());
        for (const QString& id : chapters.constLast().scenarioIds)
            QVERIFY(catalog.find(id));
    }

    void closedPanelsComeBackFromTheViewMenu()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* packets = window.findChild<QDockWidget*>(QStringLiteral("packets"));
        packets->close();
        QVERIFY(!packets->isVisible());
        packets->toggleViewAction()->trigger();
        QVERIFY(packets->isVisible());
        packets->close();
        window.resetLayout();
        QVERIFY(packets->isVisible());
    }

    void settingsRoundTrip()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString path = folder.filePath(QStringLiteral("socketscope.conf"));
        AppSettings chosen;
        {
            MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
            window.show();
            window.setZoom(1.5);
            window.setSpeed(2.0);
            QVERIFY(window.selectScenario(QStringLiteral("udp-echo")));
            window.setLanguageChoice(QStringLiteral("fr"));
            window.setThemeChoice(ThemeChoice::Dark);
            window.findChild<QDockWidget*>(QStringLiteral("bytes"))->close();
            chosen = window.settings();
            QSettings file(path, QSettings::IniFormat);
            chosen.save(file);
        }
        QSettings file(path, QSettings::IniFormat);
        const AppSettings loaded = AppSettings::load(file);
        QCOMPARE(loaded, chosen);
        QCOMPARE(loaded.language, QStringLiteral("fr"));
        QCOMPARE(loaded.zoom, 1.5);
        QCOMPARE(loaded.speed, 2.0);
        QCOMPARE(loaded.scenario, QStringLiteral("udp-echo"));
        QCOMPARE(loaded.theme, ThemeChoice::Dark);
        Theme::apply(Theme::light());

        MainWindow restored(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        restored.applySettings(loaded);
        restored.show();
        QCOMPARE(restored.zoom(), 1.5);
        QCOMPARE(restored.language(), QStringLiteral("fr"));
        QCOMPARE(restored.source()->log().scenario().id, QStringLiteral("udp-echo"));
        QVERIFY(!restored.findChild<QDockWidget*>(QStringLiteral("bytes"))->isVisible());
        QCOMPARE(restored.themeChoice(), ThemeChoice::Dark);
        QVERIFY(Theme::current().isDark);
        restored.setLanguageChoice(QStringLiteral("en"));
        restored.setThemeChoice(ThemeChoice::Light);
    }

    // A hand-edited or damaged file gives the defaults, never a broken window.
    void settingsOutOfRangeAreTheDefaults()
    {
        QTemporaryDir folder;
        QSettings file(folder.filePath(QStringLiteral("bad.conf")), QSettings::IniFormat);
        file.setValue(QStringLiteral("zoom"), 1000);
        file.setValue(QStringLiteral("speed"), QStringLiteral("fast"));
        file.setValue(QStringLiteral("language"), QStringLiteral("klingon"));
        file.setValue(QStringLiteral("theme"), QStringLiteral("purple"));
        const AppSettings loaded = AppSettings::load(file);
        QCOMPARE(loaded.theme, ThemeChoice::Light);
        QCOMPARE(loaded.zoom, 1.0);
        QCOMPARE(loaded.speed, 1.0);
        QVERIFY(loaded.language.isEmpty());
    }
};

QTEST_MAIN(TestPresenter)
#include "tst_presenter.moc"
