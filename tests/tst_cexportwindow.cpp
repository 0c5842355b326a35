#include "lab/labsession.h"
#include "mainwindow.h"
#include "scenarios/scenariocatalog.h"

#include <QAction>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SocketScope;

namespace {

bool type(LabSession& lab, const QString& line)
{
    QSignalSpy ready(&lab, &LabSession::readyForInput);
    lab.feed(line);
    return ready.wait(10'000) || !ready.isEmpty();
}

// The File menu's entry with this text, or none.
QAction* fileAction(MainWindow& window, const QString& text)
{
    const QList<QAction*> menus = window.menuBar()->actions();
    if (menus.isEmpty() || !menus.first()->menu())
        return nullptr;
    for (QAction* action : menus.first()->menu()->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace

// File > Export as C… and File > Save lab as scenario… in the window.
class TestCExportWindow : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

private Q_SLOTS:
    // The scenario on show, as its programs; the lab's entry only while the lab is open.
    void scenarioOnShowExportsItsPrograms()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        QVERIFY(window.selectScenario(QStringLiteral("tcp-concurrent-fork")));
        QVERIFY(fileAction(window, QStringLiteral("Export as C…")));
        QAction* saveLab = fileAction(window, QStringLiteral("Save lab as scenario…"));
        QVERIFY(saveLab);
        QVERIFY(!saveLab->isEnabled());
        QTemporaryDir folder;
        QString error;
        const QStringList names = window.exportC(folder.path(), &error);
        QCOMPARE(names, (QStringList{QStringLiteral("server.c"), QStringLiteral("client1.c"),
                                     QStringLiteral("client2.c")}));
        window.openLab(LabMode::Standard);
        QVERIFY(saveLab->isEnabled());
    }

    // The lab's calls as a program and as a scenario file the catalogue loads.
    void labExportsAndSaves()
    {
        MainWindow window(m_catalog, QStringLiteral("en"), 0, CaptureMode::InferOnly);
        window.openLab(LabMode::Standard);
        QVERIFY(window.lab());
        QVERIFY(type(*window.lab(), QStringLiteral("socket udp")));
        QVERIFY(type(*window.lab(), QStringLiteral("bind . 127.0.0.1 0")));
        QTemporaryDir folder;
        QString error;
        QCOMPARE(window.exportC(folder.path(), &error), QStringList{QStringLiteral("lab.c")});
        QVERIFY2(window.saveLabScenario(folder.filePath(QStringLiteral("udp-lab.json")), &error),
                 qPrintable(error));
        ScenarioCatalog catalog;
        catalog.loadFolder(folder.path());
        QVERIFY(catalog.errors().isEmpty());
        const Scenario* saved = catalog.find(QStringLiteral("udp-lab"));
        QVERIFY(saved);
        QCOMPARE(saved->steps.size(), 2);
        QVERIFY(saved->steps.at(1).usesServicePort);
    }
};

QTEST_MAIN(TestCExportWindow)
#include "tst_cexportwindow.moc"
