#include "acceptqueueview.h"
#include "byteorderview.h"
#include "calllogmodel.h"
#include "logpresenter.h"
#include "mainwindow.h"
#include "sequencediagrampainter.h"
#include "sources/session.h"
#include "stagepainter.h"
#include "stagestate.h"
#include "stageview.h"
#include "testscenarios.h"
#include "theme.h"

#include <QAction>
#include <QActionGroup>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace SocketScope;
using namespace SocketScope::TestScenarios;
using Run = SocketScope::TestScenarios::FinishedRun;

namespace {

void show(StageView& view, const Run& run, const QSize& size = {1280, 720})
{
    view.setAnimationDuration(0);
    view.resize(size);
    view.setActors(run.actorIds, run.actorNames);
    view.setState(projectStage(run.calls, int(run.calls.size())));
}

QString drawn(const StageText& text)
{
    QStringList lines;
    for (const StageTextLine& line : text.lines)
        lines << line.text;
    return lines.join(QLatin1Char(' '));
}

// A palette as a desktop would give it: `window` behind `text`.
QPalette desktop(const QColor& window, const QColor& text)
{
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    return palette;
}

// The share of an image's pixels darker than a quarter of the way to white.
double darkShare(const QImage& image)
{
    qint64 dark = 0;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4)
            dark += image.pixelColor(x, y).lightnessF() < 0.25;
    }
    return double(dark) / (qint64((image.width() + 3) / 4) * ((image.height() + 3) / 4));
}

} // namespace

class TestTheme : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    void cleanup() { Theme::apply(Theme::light()); }

    // WCAG 2: text 4.5:1 against what it is drawn on; large shapes and lines 3:1.
    void contrast_data()
    {
        QTest::addColumn<QColor>("foreground");
        QTest::addColumn<QColor>("background");
        QTest::addColumn<double>("minimum");
        for (const Theme& theme : {Theme::light(), Theme::dark()}) {
            const QString name = theme.isDark ? QStringLiteral("dark") : QStringLiteral("light");
            const auto row = [&](const char* what, const QColor& fg, const QColor& bg,
                                 double minimum) {
                QTest::addRow("%s: %s", qPrintable(name), what) << fg << bg << minimum;
            };
            const QPalette p = theme.palette();
            row("ink on the background", theme.ink, theme.background, 4.5);
            row("ink on every other row", theme.ink, theme.alternate, 4.5);
            row("muted text on the background", theme.muted, theme.background, 4.5);
            row("server heading on the background", theme.server, theme.background, 4.5);
            row("client heading on the background", theme.client, theme.background, 4.5);
            row("error text on the background", theme.error, theme.background, 4.5);
            row("error text on every other row", theme.error, theme.alternate, 4.5);
            row("success text on the background", theme.success, theme.background, 4.5);
            row("ink in the bubble", theme.ink, theme.bubble, 4.5);
            row("ink on the letter", theme.ink, theme.paper, 4.5);
            row("ink on the message line", theme.ink, theme.message, 4.5);
            row("ink on the current call", theme.ink, theme.currentCall, 4.5);
            row("ink on the family bytes", theme.ink, theme.byteFamily, 4.5);
            row("ink on the port bytes", theme.ink, theme.bytePort, 4.5);
            row("ink on the address bytes", theme.ink, theme.byteAddress, 4.5);
            row("ink on the IPv6 extra bytes", theme.ink, theme.byteExtra, 4.5);
            row("ink on the other bytes", theme.ink, theme.byteOther, 4.5);
            row("ink on a new row", theme.ink, theme.markNew, 4.5);
            row("ink on a changed row", theme.ink, theme.markChanged, 4.5);
            row("ink on a closed row", theme.ink, theme.markClosed, 4.5);
            row("card heading on the server", theme.onStrong, theme.server, 4.5);
            row("card heading on a client", theme.onStrong, theme.client, 4.5);
            row("card heading closed", theme.onStrong, theme.muted, 4.5);
            row("full queue's text", theme.onStrong, theme.error, 4.5);
            row("selected text", theme.onStrong, theme.highlight, 4.5);
            row("server's number in its badge", theme.server, theme.background, 4.5);
            row("ink in the server's box", theme.ink, theme.tint(theme.server), 4.5);
            row("ink in a client's box", theme.ink, theme.tint(theme.client), 4.5);
            row("ink on a client box's stripes", theme.ink, theme.tint(theme.client, 0.3), 4.5);
            row("ink in a closed box", theme.ink, theme.tint(theme.muted), 4.5);
            row("TCP arrows", theme.tcp, theme.background, 3);
            row("UDP arrows", theme.udp, theme.background, 3);
            row("lifelines and frames", theme.rule, theme.background, 3);
            row("telephone lines", theme.ink, theme.background, 3);
            row("the server's telephone", theme.server, theme.background, 3);
            row("a client's telephone", theme.client, theme.background, 3);
            row("a client telephone's stripes", theme.tint(theme.client, 0.5), theme.client, 1.2);
            row("the refusal's cross", theme.error, theme.background, 3);
            row("a mailbox's flag", theme.flag, theme.background, 3);
            row("palette: text on base", p.color(QPalette::Text), p.color(QPalette::Base), 4.5);
            row("palette: window text", p.color(QPalette::WindowText), p.color(QPalette::Window),
                4.5);
            row("palette: buttons", p.color(QPalette::ButtonText), p.color(QPalette::Button), 4.5);
            row("palette: placeholder", p.color(QPalette::PlaceholderText), p.color(QPalette::Base),
                4.5);
            row("palette: selection", p.color(QPalette::HighlightedText),
                p.color(QPalette::Highlight), 4.5);
            row("palette: tooltips", p.color(QPalette::ToolTipText), p.color(QPalette::ToolTipBase),
                4.5);
            row("palette: links", p.color(QPalette::Link), p.color(QPalette::Base), 4.5);
        }
    }
    void contrast()
    {
        QFETCH(QColor, foreground);
        QFETCH(QColor, background);
        QFETCH(double, minimum);
        const double ratio = contrastRatio(foreground, background);
        QVERIFY2(ratio >= minimum, qPrintable(QStringLiteral("%1 on %2: %3:1")
                                                  .arg(foreground.name(), background.name())
                                                  .arg(ratio, 0, 'f', 2)));
    }

    void contrastRatioIsWcags()
    {
        QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
        QCOMPARE(contrastRatio(Qt::white, Qt::white), 1.0);
        // #767676 is the lightest grey with 4.5:1 on white.
        QVERIFY(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) >= 4.5);
        QVERIFY(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) < 4.5);
    }

    void choice_data()
    {
        QTest::addColumn<ThemeChoice>("choice");
        QTest::addColumn<QPalette>("desktop");
        QTest::addColumn<bool>("dark");
        const QPalette lightDesktop = desktop(QColor(0xef, 0xef, 0xef), Qt::black);
        const QPalette darkDesktop = desktop(QColor(0x2a, 0x2a, 0x2a), QColor(0xe0, 0xe0, 0xe0));
        QTest::newRow("system, light desktop") << ThemeChoice::System << lightDesktop << false;
        QTest::newRow("system, dark desktop") << ThemeChoice::System << darkDesktop << true;
        QTest::newRow("light on a dark desktop") << ThemeChoice::Light << darkDesktop << false;
        QTest::newRow("dark on a light desktop") << ThemeChoice::Dark << lightDesktop << true;
    }
    void choice()
    {
        QFETCH(ThemeChoice, choice);
        QFETCH(QPalette, desktop);
        QFETCH(bool, dark);
        const Theme theme = Theme::forChoice(choice, desktop);
        QCOMPARE(theme.isDark, dark);
        QCOMPARE(theme, dark ? Theme::dark() : Theme::light());
    }

    void choiceNames()
    {
        for (ThemeChoice choice : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark})
            QCOMPARE(themeChoiceNamed(themeChoiceName(choice)), choice);
        QCOMPARE(themeChoiceName(ThemeChoice::Dark), QStringLiteral("dark"));
        QVERIFY(!themeChoiceNamed(QStringLiteral("purple")));
        QVERIFY(!themeChoiceNamed(QString()));
    }

    void lightIsTheDefault()
    {
        QCOMPARE(AppSettings().theme, ThemeChoice::Light);
        QVERIFY(!Theme::current().isDark);
        QCOMPARE(Theme::current().background, QColor(Qt::white));
    }

    // Server and client: the column's heading names the actor, and the icons differ by
    // their fill as well as their colour.
    void serverAndClientByMoreThanColour()
    {
        QCOMPARE(StagePainter::iconFill(0), StagePainter::IconFill::Plain);
        QCOMPARE(StagePainter::iconFill(1), StagePainter::IconFill::Striped);
        QCOMPARE(StagePainter::iconFill(2), StagePainter::IconFill::Striped);

        const Run run = runFor(QStringLiteral("tcp-echo"));
        StageView view;
        show(view, run);
        QStringList headings;
        for (const StageText& text : view.scene().texts) {
            if (text.kind == StageText::Kind::Header)
                headings << drawn(text);
        }
        QCOMPARE(headings, run.actorNames);
        QCOMPARE(StagePainter::inkColour(view.theme(), StageInk::Server), view.theme().server);
        QCOMPARE(StagePainter::inkColour(view.theme(), StageInk::Client), view.theme().client);
    }

    // Captured and inferred packets: a dashed arrow and the word, not a colour.
    void inferredPacketsByLineAndWord()
    {
        QCOMPARE(SequenceDiagramPainter::lineStyle(true), Qt::DashLine);
        QCOMPARE(SequenceDiagramPainter::lineStyle(false), Qt::SolidLine);
        QCOMPARE(SequenceDiagramPainter::inferredMark(true), QStringLiteral("inferred"));
        QVERIFY(SequenceDiagramPainter::inferredMark(false).isEmpty());
    }

    // A refused call: a cross at the end of its line and the errno's name in words; in the
    // call list, a cross before the result.
    void errorsBySignAndWord()
    {
        const Run run = runFor(QStringLiteral("connect-econnrefused"));
        StageView view;
        show(view, run);
        QVERIFY(!view.scene().refusals.isEmpty());
        QStringList texts;
        for (const StageText& text : view.scene().texts)
            texts << drawn(text);
        QVERIFY2(texts.join(QLatin1Char(' ')).contains(QLatin1String("ECONNREFUSED")),
                 qPrintable(texts.join(QLatin1Char('|'))));

        Session session;
        CallLogModel model;
        model.setLog(&session.log());
        QVERIFY(runToEnd(session, builtIn(QStringLiteral("connect-econnrefused"))));
        int failed = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex result = model.index(row, CallLogModel::ResultColumn);
            const QString text = model.data(result).toString();
            if (model.data(result, CallLogModel::FailedRole).toBool()) {
                ++failed;
                QVERIFY2(text.startsWith(QStringLiteral("\u2717 ")), qPrintable(text));
                QVERIFY2(text.contains(QLatin1String("ECONNREFUSED")), qPrintable(text));
                QCOMPARE(model.data(result, Qt::ForegroundRole).value<QBrush>().color(),
                         Theme::current().error);
            } else {
                QVERIFY2(!text.contains(QStringLiteral("\u2717")), qPrintable(text));
            }
        }
        QVERIFY(failed > 0);
        model.setTheme(Theme::dark());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex result = model.index(row, CallLogModel::ResultColumn);
            if (model.data(result, CallLogModel::FailedRole).toBool())
                QCOMPARE(model.data(result, Qt::ForegroundRole).value<QBrush>().color(),
                         Theme::dark().error);
        }
    }

    void fullQueueSaysSo()
    {
        AcceptQueueView view;
        AcceptQueue queue;
        queue.listener = QStringLiteral("127.0.0.1:5000");
        queue.backlog = 2;
        queue.waitingCount = 1;
        view.setQueue(queue);
        QVERIFY(!view.isFull());
        QVERIFY(!view.note().contains(QLatin1String("full")));
        queue.waitingCount = 3;
        view.setQueue(queue);
        QVERIFY(view.isFull());
        QVERIFY(view.note().startsWith(QLatin1String("Queue full")));
    }

    // Dark is dark on screen: the stage's background, with its words still drawn in light ink.
    void darkStageIsDark()
    {
        const Run run = runFor(QStringLiteral("tcp-echo"));
        StageView view;
        show(view, run);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(darkShare(view.grab().toImage()) < 0.2);
        Theme::apply(Theme::dark());
        QCOMPARE(view.theme(), Theme::dark());
        const QImage dark = view.grab().toImage();
        QCOMPARE(dark.pixelColor(2, dark.height() - 3), Theme::dark().background);
        QVERIFY(darkShare(dark) > 0.8);
        int inked = 0;
        for (int y = 0; y < dark.height(); y += 2) {
            for (int x = 0; x < dark.width(); x += 2)
                inked += contrastRatio(dark.pixelColor(x, y), Theme::dark().background) >= 4.5;
        }
        QVERIFY(inked > 200);
    }

    // The bytes panel's colours are in its HTML: switching the theme writes it again.
    void htmlPanelsFollowTheTheme()
    {
        Session session;
        QVERIFY(runToEnd(session, builtIn(QStringLiteral("tcp-echo"))));
        std::optional<CallEvent> bind;
        for (const CallEvent& call : session.log().calls()) {
            if (call.call == Call::Bind)
                bind = call;
        }
        QVERIFY(bind);
        ByteOrderView view;
        view.setCall(bind);
        const auto shows = [&](const QColor& colour) {
            return view.toHtml().contains(colour.name(), Qt::CaseInsensitive);
        };
        QVERIFY(shows(Theme::light().bytePort));
        Theme::apply(Theme::dark());
        QVERIFY(shows(Theme::dark().bytePort));
        QVERIFY(!shows(Theme::light().bytePort));
        QVERIFY(ByteOrderView::html(bind, ByteOrderView::PortWriting::Htons, Theme::light())
                    .contains(Theme::light().byteAddress.name()));
    }

    // View > Theme: three exclusive choices, live, in the current language.
    void themeMenu()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.show();
        QMenu* view = nullptr;
        for (QAction* action : window.menuBar()->actions()) {
            if (action->text() == QLatin1String("&View"))
                view = action->menu();
        }
        QVERIFY(view);
        QMenu* themes = nullptr;
        for (QAction* action : view->actions()) {
            if (action->text() == QLatin1String("Theme"))
                themes = action->menu();
        }
        QVERIFY(themes);
        const QList<QAction*> choices = themes->actions();
        QCOMPARE(choices.size(), 3);
        QCOMPARE(choices[1]->text(), QStringLiteral("Light (high contrast)"));
        QVERIFY(choices[1]->isChecked());
        QVERIFY(choices[0]->actionGroup() && choices[0]->actionGroup()->isExclusive());

        choices[2]->trigger();
        QCOMPARE(window.themeChoice(), ThemeChoice::Dark);
        QVERIFY(Theme::current().isDark);
        QVERIFY(choices[2]->isChecked() && !choices[1]->isChecked());
        QCOMPARE(window.stage()->theme(), Theme::dark());
        QCOMPARE(window.palette().color(QPalette::Base), Theme::dark().background);
        QCOMPARE(window.settings().theme, ThemeChoice::Dark);

        choices[0]->trigger();
        QCOMPARE(window.themeChoice(), ThemeChoice::System);
        QCOMPARE(Theme::current(), Theme::forChoice(ThemeChoice::System, Theme::desktopPalette()));

        // --theme is for one run: shown and checked, not saved.
        window.useTheme(ThemeChoice::Dark);
        QVERIFY(choices[2]->isChecked());
        QCOMPARE(window.settings().theme, ThemeChoice::System);

        window.setLanguageChoice(QStringLiteral("fr"));
        // Qt posts the LanguageChange events: every widget has them at the next turn.
        QTRY_COMPARE(themes->title(), QStringLiteral("Thème"));
        QCOMPARE(choices[2]->text(), QStringLiteral("Sombre"));
        window.setLanguageChoice(QStringLiteral("en"));
        QTRY_COMPARE(choices[2]->text(), QStringLiteral("Dark"));
    }

    // --theme applies to exports too: a dark picture for --theme dark, a light one without.
    void exportsUseTheTheme_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<bool>("dark");
        QTest::newRow("default: light") << QStringList() << false;
        QTest::newRow("--theme dark")
            << QStringList{QStringLiteral("--theme"), QStringLiteral("dark")} << true;
        QTest::newRow("--theme light")
            << QStringList{QStringLiteral("--theme"), QStringLiteral("light")} << false;
    }
    void exportsUseTheTheme()
    {
        QFETCH(QStringList, extra);
        QFETCH(bool, dark);
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("stage.png"));
        QProcess process;
        process.start(QStringLiteral(SOCKETSCOPE_BINARY),
                      QStringList{QStringLiteral("--scenario"), QStringLiteral("tcp-echo"),
                                  QStringLiteral("--steps"), QStringLiteral("6"),
                                  QStringLiteral("--no-capture"), QStringLiteral("--size"),
                                  QStringLiteral("800x450"), QStringLiteral("--export-png"), path} +
                          extra);
        QVERIFY(process.waitForFinished(120'000));
        QCOMPARE(process.exitCode(), 0);
        const QImage image(path);
        QCOMPARE(image.size(), QSize(800, 450));
        const Theme theme = dark ? Theme::dark() : Theme::light();
        QCOMPARE(image.pixelColor(1, image.height() - 2), theme.background);
        QCOMPARE(darkShare(image) > 0.5, dark);
    }

    void unknownThemeIsAnError()
    {
        QProcess process;
        process.start(QStringLiteral(SOCKETSCOPE_BINARY),
                      {QStringLiteral("--theme"), QStringLiteral("purple")});
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(
            QString::fromUtf8(process.readAllStandardError()).contains(QLatin1String("--theme")));
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
