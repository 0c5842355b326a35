#include "sources/session.h"
#include "stagestate.h"
#include "stageview.h"
#include "testscenarios.h"

#include <QCoreApplication>
#include <QHelpEvent>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QTranslator>

#include <algorithm>

using namespace SocketScope;
using namespace SocketScope::TestScenarios;
using Run = SocketScope::TestScenarios::FinishedRun;

namespace {

void show(StageView& view, const Run& run, int position, const QSize& size)
{
    view.setAnimationDuration(0);
    view.resize(size);
    view.setActors(run.actorIds, run.actorNames);
    view.setState(projectStage(run.calls, position));
}

// The position just after the first call `call` of the log.
int after(const Run& run, Call call)
{
    for (qsizetype i = 0; i < run.calls.size(); ++i) {
        if (run.calls[i].call == call)
            return int(i + 1);
    }
    return -1;
}

// What the stage draws of one text, its lines put together.
QString drawn(const StageText& text)
{
    QString all;
    for (const StageTextLine& line : text.lines)
        all += line.text;
    return all;
}

} // namespace

// The stage as a widget: its zoom, its tooltips and pinned descriptions, its words.
class TestStageView : public QObject {
    Q_OBJECT
private:
    Run m_tcpEcho = runFor(QStringLiteral("tcp-echo"));

private Q_SLOTS:
    void zoomMultipliesTheText()
    {
        StageView view;
        QCOMPARE(view.zoom(), 1.0);
        QSignalSpy changed(&view, &StageView::zoomChanged);
        view.setZoom(1.0);
        QCOMPARE(changed.size(), 0); // unchanged: nothing happens
        show(view, m_tcpEcho, after(m_tcpEcho, Call::Listen), QSize(1128, 520));
        const qreal plain = view.scene().textPixels;
        QVERIFY(view.setProperty("zoom", 1.5));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toReal(), 1.5);
        QCOMPARE(view.zoom(), 1.5);
        QVERIFY2(view.scene().textPixels >= plain * 1.4,
                 qPrintable(QStringLiteral("%1 px at zoom 1.5, %2 px at 1")
                                .arg(view.scene().textPixels)
                                .arg(plain)));
        QVERIFY(view.scene().fits);
    }

    // Hovering a descriptor shows its whole text, even where the stage draws it shortened.
    void hoverShowsTheWholeText()
    {
        const Run fork = runFor(QStringLiteral("tcp-concurrent-fork"));
        StageView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // The first position where the cramped stage leaves part of a label to the tooltip.
        const auto shortened = [&view] {
            const StageScene& scene = view.scene();
            return std::any_of(scene.texts.cbegin(), scene.texts.cend(),
                               [](const StageText& text) { return text.shortened; });
        };
        int position = 0;
        for (; position <= fork.calls.size(); ++position) {
            show(view, fork, position, QSize(591, 223));
            if (shortened())
                break;
        }
        QVERIFY(position <= fork.calls.size());
        const StageScene& scene = view.scene();
        for (qsizetype i = 0; i < scene.cells.size(); ++i) {
            const QPoint at = scene.cells[i].body.center().toPoint();
            QHelpEvent help(QEvent::ToolTip, at, view.mapToGlobal(at));
            QCoreApplication::sendEvent(&view, &help);
            QTRY_VERIFY(QToolTip::isVisible());
            QCOMPARE(QToolTip::text(), view.describe(int(i)).join(QLatin1Char('\n')));
        }
        QToolTip::hideText();
    }

    // A click pins the whole description beside the descriptor; a second click, or Escape,
    // takes it away.
    void clickPinsTheWholeText()
    {
        StageView view;
        show(view, m_tcpEcho, after(m_tcpEcho, Call::Accept), QSize(744, 253));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QPoint icon = view.scene().cells[0].body.center().toPoint();
        QTest::mouseClick(&view, Qt::LeftButton, {}, icon);
        QCOMPARE(view.pinnedEndpoint(), 0);
        auto* note = view.findChild<QLabel*>(QStringLiteral("pinnedDescription"));
        QVERIFY(note);
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(), view.describe(0).join(QLatin1Char('\n')));
        QVERIFY(view.rect().contains(note->geometry()));
        // Next: the same descriptor, as it is now.
        view.setState(projectStage(m_tcpEcho.calls, int(m_tcpEcho.calls.size())));
        QCOMPARE(note->text(), view.describe(0).join(QLatin1Char('\n')));
        QTest::mouseClick(&view, Qt::LeftButton, {}, icon);
        QCOMPARE(view.pinnedEndpoint(), -1);
        QVERIFY(!note->isVisible());
        QTest::mouseClick(&view, Qt::LeftButton, {}, icon);
        QVERIFY(note->isVisible());
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(!note->isVisible());
    }

    // One line says the telephone has no number yet; a closed mailbox is closed, in mailbox
    // words (feminine in French), not hung up.
    void wordsFitWhatTheyName()
    {
        StageView view;
        show(view, m_tcpEcho, after(m_tcpEcho, Call::Socket), QSize(744, 253));
        const QString fresh = view.describe(0).join(QLatin1Char('\n'));
        QCOMPARE(fresh.count(QLatin1String("no number yet")), 1);
        QVERIFY2(!fresh.contains(QLatin1String("installed")), qPrintable(fresh));

        const Run udp = runFor(QStringLiteral("udp-echo"));
        show(view, udp, int(udp.calls.size()), QSize(744, 253));
        QTranslator french;
        QVERIFY(french.load(QStringLiteral(SOCKETSCOPE_FRENCH_QM)));
        for (const bool inFrench : {false, true}) {
            if (inFrench)
                QCoreApplication::installTranslator(&french);
            for (qsizetype i = 0; i < view.state().endpoints.size(); ++i) {
                QCOMPARE(view.state().endpoints[i].phase, StageEndpoint::Phase::Closed);
                const QString closed = view.describe(int(i)).join(QLatin1Char('\n'));
                QVERIFY2(closed.contains(inFrench ? QStringLiteral("boîte fermée")
                                                  : QStringLiteral("mailbox closed")),
                         qPrintable(closed));
                QVERIFY(!closed.contains(inFrench ? QStringLiteral("raccroch")
                                                  : QStringLiteral("hung up")));
                QVERIFY(!closed.contains(inFrench ? QStringLiteral("numéro")
                                                  : QStringLiteral("number")));
            }
        }
        QCoreApplication::removeTranslator(&french);
    }

    // The language changes while a lesson runs: the stage is worded and laid out again.
    void followsALanguageChange()
    {
        StageView view;
        show(view, m_tcpEcho, after(m_tcpEcho, Call::Listen), QSize(1280, 590));
        const auto label = [&view] {
            const StageScene& scene = view.scene();
            return drawn(scene.texts[scene.cells[0].label]);
        };
        QVERIFY2(label().startsWith(QLatin1String("telephone")), qPrintable(label()));
        QTranslator french;
        QVERIFY(french.load(QStringLiteral(SOCKETSCOPE_FRENCH_QM)));
        QCoreApplication::installTranslator(&french);
        QCoreApplication::processEvents();
        QVERIFY2(label().startsWith(QStringLiteral("téléphone")), qPrintable(label()));
        QCoreApplication::removeTranslator(&french);
        QCoreApplication::processEvents();
        QVERIFY2(label().startsWith(QLatin1String("telephone")), qPrintable(label()));
    }

    // forgot-htons is about the port the client dialled: the stage draws it whole, in the
    // window and in presenter mode at 1280×720.
    void forgotHtonsShowsThePortItDialled_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("window 1280x720") << QSize(744, 253);
        QTest::newRow("presenter 1280x720") << QSize(1280, 590);
    }
    void forgotHtonsShowsThePortItDialled()
    {
        QFETCH(QSize, size);
        const Run run = runFor(QStringLiteral("forgot-htons"));
        StageView view;
        show(view, run, after(run, Call::Connect), size);
        const StageScene& scene = view.scene();
        int shown = 0;
        for (qsizetype i = 0; i < view.state().endpoints.size(); ++i) {
            const StageEndpoint& endpoint = view.state().endpoints[i];
            if (endpoint.failedCall != Call::Connect)
                continue;
            const QString port = QString::number(endpoint.failedTarget.port());
            QVERIFY(drawn(scene.texts[scene.cells[i].label]).contains(port));
            ++shown;
        }
        QCOMPARE(shown, 1);
    }

    // The AF_UNIX socket's name is a path: drawn whole, broken after its slashes if need be.
    void afUnixShowsItsPath_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("window 1024x768") << QSize(591, 223);
        QTest::newRow("window 1280x720") << QSize(744, 253);
        QTest::newRow("presenter 1280x720") << QSize(1280, 590);
    }
    void afUnixShowsItsPath()
    {
        QFETCH(QSize, size);
        const Run run = runFor(QStringLiteral("af-unix"));
        StageView view;
        show(view, run, after(run, Call::Listen), size);
        const StageEndpoint& server = view.state().endpoints.at(0);
        QVERIFY(server.local.isValid());
        const QString path = server.local.endpoint();
        QVERIFY(path.startsWith(QLatin1Char('/')));
        QVERIFY2(drawn(view.scene().texts[view.scene().cells[0].label]).contains(path),
                 qPrintable(path));
    }
};

QTEST_MAIN(TestStageView)
#include "tst_stageview.moc"
