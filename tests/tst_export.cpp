#include "exportpanel.h"
#include "logpresenter.h"
#include "mainwindow.h"
#include "scenarios/scenariocatalog.h"
#include "sources/session.h"
#include "stageview.h"
#include "testprocess.h"
#include "testwindow.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace SocketScope;
using TestWindow::next;

Q_DECLARE_METATYPE(SocketScope::ExportPanel)

namespace {

// The text of every <text> element, or nothing when the file is not well-formed XML.
QStringList svgTexts(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QXmlStreamReader reader(&file);
    QStringList texts;
    bool svgRoot = false;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (reader.name() == QLatin1String("svg"))
            svgRoot = true;
        else if (reader.name() == QLatin1String("text"))
            texts << reader.readElementText(QXmlStreamReader::IncludeChildElements);
    }
    if (reader.hasError())
        *error = reader.errorString();
    else if (!svgRoot)
        *error = QStringLiteral("no <svg> element");
    return reader.hasError() ? QStringList() : texts;
}

// The share of pixels that differ from the top-left one, the background.
double inkedShare(const QImage& image)
{
    const QRgb background = image.pixel(0, 0);
    qint64 inked = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            inked += image.pixel(x, y) != background;
    }
    return double(inked) / (qint64(image.width()) * image.height());
}

using TestProcess::Run;

// The executable, without a display: an export must not need one.
Run runApp(const QStringList& arguments)
{
    return TestProcess::run(arguments, QStringLiteral(SOCKETSCOPE_BINARY),
                            TestProcess::withoutDisplay());
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

    // tcp-echo, run for real up to the connect() and the accept() it wakes.
    std::unique_ptr<MainWindow> connectedWindow(const QString& language)
    {
        auto window = std::make_unique<MainWindow>(m_catalog, language, 0, CaptureMode::InferOnly);
        if (!window->selectScenario(QStringLiteral("tcp-echo")))
            return nullptr;
        for (int step = 0; step < 6; ++step)
            next(*window);
        return window;
    }

private Q_SLOTS:
    void picturesOfEachPanel_data()
    {
        QTest::addColumn<ExportPanel>("panel");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QStringList>("labels");
        QTest::newRow("stage, slide size")
            << ExportPanel::Stage << "en" << QSize(1920, 1080)
            << QStringList{QStringLiteral("Server"), QStringLiteral("Client")};
        QTest::newRow("stage in French, small") << ExportPanel::Stage << "fr" << QSize(800, 450)
                                                << QStringList{QStringLiteral("Serveur")};
        QTest::newRow("diagram") << ExportPanel::Diagram << "en" << QSize(1440, 1080)
                                 << QStringList{QStringLiteral("SYN"), QStringLiteral("SYN, ACK")};
        QTest::newRow("diagram, wide and low") << ExportPanel::Diagram << "en" << QSize(1600, 400)
                                               << QStringList{QStringLiteral("SYN")};
        QTest::newRow("tuples") << ExportPanel::Tuples << "en" << QSize(1920, 1080)
                                << QStringList{QStringLiteral("TCP"), QStringLiteral("127.0.0.1")};
        QTest::newRow("bytes") << ExportPanel::Bytes << "en" << QSize(1920, 1080)
                               << QStringList{QStringLiteral("sin_port"),
                                              QStringLiteral("sin_addr")};
        QTest::newRow("states") << ExportPanel::States << "en" << QSize(1440, 1080)
                                << QStringList{QStringLiteral("LISTEN"),
                                               QStringLiteral("ESTABLISHED"),
                                               QStringLiteral("TIME-WAIT")};
    }
    // Each panel as PNG at the size asked, not blank; as SVG, well-formed with its labels as
    // text, so that they can be searched, copied and translated in the handout.
    void picturesOfEachPanel()
    {
        QFETCH(ExportPanel, panel);
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QFETCH(QStringList, labels);
        const std::unique_ptr<MainWindow> window = connectedWindow(language);
        QVERIFY(window);
        QTemporaryDir dir;

        const QString png = dir.filePath(QStringLiteral("panel.png"));
        QString error;
        QVERIFY2(window->exportPanel(panel, ExportFormat::Png, png, size, &error),
                 qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), size);
        QVERIFY2(inkedShare(image) > 0.01, qPrintable(QString::number(inkedShare(image))));
        QCOMPARE(QColor(image.pixel(0, image.height() - 1)).lightness(), 255); // light background

        const QString svg = dir.filePath(QStringLiteral("panel.svg"));
        QVERIFY2(window->exportPanel(panel, ExportFormat::Svg, svg, size, &error),
                 qPrintable(error));
        const QStringList texts = svgTexts(svg, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const QString& label : labels)
            QVERIFY2(!texts.filter(label).isEmpty(),
                     qPrintable(label + QStringLiteral(" not in ") + texts.join(QLatin1Char('|'))));
    }

    // The state machine says which socket it shows: the one the call at the cursor made or
    // acted on, with this run's addresses.
    void statesNameTheirSocket()
    {
        const std::unique_ptr<MainWindow> window = connectedWindow(QStringLiteral("en"));
        QVERIFY(window);
        const CallEvent* call = window->presenter()->callAtCursor();
        QVERIFY(call && call->after.tcpState);
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("states.svg"));
        QString error;
        QVERIFY2(window->exportPanel(ExportPanel::States, ExportFormat::Svg, svg, QSize(), &error),
                 qPrintable(error));
        const QStringList texts = svgTexts(svg, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(texts.filter(call->after.local.endpoint()).size() == 1,
                 qPrintable(texts.join(QLatin1Char('|'))));
    }

    // File > Export: one entry per panel and format, and the whole diagram as before.
    void exportMenu()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        QMenu* exportMenu = nullptr;
        for (QMenu* menu : window.menuBar()->findChildren<QMenu*>()) {
            if (menu->title() == QLatin1String("Export"))
                exportMenu = menu;
        }
        QVERIFY(exportMenu);
        QStringList entries;
        for (const QAction* action : exportMenu->actions()) {
            if (!action->isSeparator())
                entries << action->text();
        }
        QCOMPARE(entries.size(), int(std::size(exportPanels)) * 2 + 2);
        for (const ExportPanel panel : exportPanels) {
            QVERIFY(entries.contains(QStringLiteral("%1 as PNG…").arg(exportPanelTitle(panel))));
            QVERIFY(entries.contains(QStringLiteral("%1 as SVG…").arg(exportPanelTitle(panel))));
        }
    }

    void unwritableFileIsAnError()
    {
        const std::unique_ptr<MainWindow> window = connectedWindow(QStringLiteral("en"));
        QVERIFY(window);
        QString error;
        QVERIFY(!window->exportPanel(ExportPanel::Stage, ExportFormat::Png,
                                     QStringLiteral("/no/such/folder/stage.png"), QSize(), &error));
        QVERIFY2(error.contains(QLatin1String("/no/such/folder/stage.png")), qPrintable(error));
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("label");
        QTest::newRow("diagram as SVG, default size")
            << QStringList{QStringLiteral("--scenario"),  QStringLiteral("tcp-echo"),
                           QStringLiteral("--steps"),     QStringLiteral("7"),
                           QStringLiteral("--panel"),     QStringLiteral("diagram"),
                           QStringLiteral("--export-svg")}
            << "diagram.svg" << defaultExportSize(ExportPanel::Diagram) << "SYN";
        QTest::newRow("stage as PNG, --size")
            << QStringList{QStringLiteral("--scenario"),  QStringLiteral("tcp-echo"),
                           QStringLiteral("--steps"),     QStringLiteral("4"),
                           QStringLiteral("--size"),      QStringLiteral("1000x700"),
                           QStringLiteral("--export-png")}
            << "stage.png" << QSize(1000, 700) << QString();
    }
    // Exports from the command line, after real steps, with no display at all.
    void commandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, file);
        QFETCH(QSize, size);
        QFETCH(QString, label);
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        const Run run = runApp(QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                           QStringLiteral("--no-capture")}
                               << arguments << path);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        if (file.endsWith(QLatin1String(".png"))) {
            const QImage image(path);
            QCOMPARE(image.size(), size);
            QVERIFY(inkedShare(image) > 0.01);
            return;
        }
        QString error;
        const QStringList texts = svgTexts(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(texts.contains(label));
        QFile svg(path);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray head = svg.read(1000);
        QVERIFY(head.contains(QByteArray("viewBox=\"0 0 ") + QByteArray::number(size.width()) +
                              ' ' + QByteArray::number(size.height()) + '"'));
    }

    void badArgumentsExitWith2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        const QString png = QStringLiteral("/tmp/socketscope-never-written.png");
        const QStringList scenario{QStringLiteral("--scenario"), QStringLiteral("tcp-echo")};
        QTest::newRow("unknown panel")
            << (QStringList(scenario) << QStringLiteral("--panel") << QStringLiteral("calls")
                                      << QStringLiteral("--export-png") << png)
            << "--panel";
        QTest::newRow("missing folder")
            << (QStringList(scenario)
                << QStringLiteral("--export-svg") << QStringLiteral("/no/such/folder/x.svg"))
            << "/no/such/folder";
        QTest::newRow("panel of the window only")
            << (QStringList(scenario)
                << QStringLiteral("--panel") << QStringLiteral("packets")
                << QStringLiteral("--export-svg") << QStringLiteral("/tmp/x.svg"))
            << "stage, diagram, tuples, bytes or states";
        QTest::newRow("bad size") << (QStringList(scenario)
                                      << QStringLiteral("--size") << QStringLiteral("0x0")
                                      << QStringLiteral("--export-png") << png)
                                  << "--size";
        QTest::newRow("svg named png")
            << (QStringList(scenario) << QStringLiteral("--export-svg") << png) << ".svg";
        QTest::newRow("both formats")
            << (QStringList(scenario)
                << QStringLiteral("--export-svg") << QStringLiteral("/tmp/x.svg")
                << QStringLiteral("--export-png") << png)
            << "choose one";
        QTest::newRow("nothing to export")
            << QStringList{QStringLiteral("--export-png"), png} << "--scenario";
        QTest::newRow("with --headless")
            << (QStringList(scenario)
                << QStringLiteral("--headless") << QStringLiteral("--export-png") << png)
            << "--headless";
    }
    void badArgumentsExitWith2()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const Run run = runApp(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/socketscope-never-written.png")));
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
