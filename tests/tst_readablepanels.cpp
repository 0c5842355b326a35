#include "calldetailsview.h"
#include "calllogmodel.h"
#include "logcursor.h"
#include "logpresenter.h"
#include "mainwindow.h"
#include "packetlistmodel.h"
#include "packetpanel.h"
#include "scenarios/scenariocatalog.h"
#include "sequencediagramview.h"
#include "sources/session.h"
#include "stageview.h"
#include "testwindow.h"

#include <QHeaderView>
#include <QTableView>
#include <QTest>

using namespace SocketScope;
using TestWindow::next;

// The packets and the call list in the main window at the sizes of classroom projectors: the
// highlighted packets in view, the packet list's rows and columns whole, the calls and their
// errors readable.
class TestReadablePanels : public QObject {
    Q_OBJECT
private:
    ScenarioCatalog m_catalog = ScenarioCatalog::builtIn();

    // A window of that size, run for real (packets inferred) `steps` steps into a scenario.
    std::unique_ptr<MainWindow> runWindow(const QString& scenario, int steps, QSize size,
                                          const QString& language = QStringLiteral("en"))
    {
        auto window = std::make_unique<MainWindow>(m_catalog, language, 0, CaptureMode::InferOnly);
        if (!window->selectScenario(scenario))
            return nullptr;
        window->resize(size);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        for (int step = 0; step < steps; ++step)
            next(*window);
        return window;
    }

    static void addSizes(const char* name, const QString& scenario, int steps)
    {
        for (const QSize size : {QSize(1024, 768), QSize(1280, 720)}) {
            QTest::addRow("%s, %dx%d", name, size.width(), size.height())
                << scenario << steps << size;
        }
    }

private Q_SLOTS:
    void highlightedArrowsInView_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("steps");
        QTest::addColumn<QSize>("size");
        addSizes("tcp-echo, two lifelines", QStringLiteral("tcp-echo"), 13);
        addSizes("tcp-concurrent-fork, three lifelines", QStringLiteral("tcp-concurrent-fork"), 16);
        addSizes("tcp-concurrent-threads", QStringLiteral("tcp-concurrent-threads"), 16);
    }
    // At every call that sent packets, each of its arrows lies inside the diagram's viewport.
    void highlightedArrowsInView()
    {
        QFETCH(QString, scenario);
        QFETCH(int, steps);
        QFETCH(QSize, size);
        const std::unique_ptr<MainWindow> window = runWindow(scenario, steps, size);
        QVERIFY(window);
        SequenceDiagramView* diagram = window->packets()->diagram();
        const QList<CallEvent>& calls = window->session()->log().calls();
        int checked = 0;
        for (int position = 1; position <= calls.size(); ++position) {
            window->cursor()->setPosition(position);
            const QList<int> rows = diagram->model().rowsCausedBy(calls.at(position - 1).seq);
            if (rows.isEmpty())
                continue;
            QCOMPARE(diagram->highlightedCall(), calls.at(position - 1).seq);
            const QRect viewport = diagram->viewport()->rect();
            const QRect arrow = diagram->visualArrowRect(rows.first());
            QVERIFY2(viewport.contains(arrow),
                     qPrintable(QStringLiteral("position %1: arrow %2,%3 %4x%5 outside %6x%7")
                                    .arg(position)
                                    .arg(arrow.x())
                                    .arg(arrow.y())
                                    .arg(arrow.width())
                                    .arg(arrow.height())
                                    .arg(viewport.width())
                                    .arg(viewport.height())));
            QVERIFY(arrow.top() >= diagram->diagramLayout().metrics().headerHeight);
            ++checked;
        }
        QVERIFY(checked >= 3);
    }

    void packetListReadable_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("steps");
        QTest::addColumn<QSize>("size");
        addSizes("tcp-echo handshake", QStringLiteral("tcp-echo"), 6);
        addSizes("connect-econnrefused, two packets", QStringLiteral("connect-econnrefused"), 6);
        addSizes("tcp-concurrent-fork", QStringLiteral("tcp-concurrent-fork"), 16);
    }
    // Several rows in view, and no column narrower than its header or (Info aside, which
    // takes what is left and has a tooltip) than its contents.
    void packetListReadable()
    {
        QFETCH(QString, scenario);
        QFETCH(int, steps);
        QFETCH(QSize, size);
        const std::unique_ptr<MainWindow> window = runWindow(scenario, steps, size);
        QVERIFY(window);
        QTableView* list = window->packets()->list();
        QVERIFY(list->model()->rowCount() >= 2);
        QCoreApplication::processEvents();
        QVERIFY2(list->viewport()->height() >=
                     PacketPanel::listRowsShown * list->verticalHeader()->defaultSectionSize(),
                 qPrintable(QString::number(list->viewport()->height())));
        const QHeaderView* header = list->horizontalHeader();
        const QAbstractItemView* cells = list; // sizeHintForColumn() is public here
        for (int column = 0; column < PacketListModel::ColumnCount; ++column) {
            const QString title = list->model()->headerData(column, Qt::Horizontal).toString();
            const int width = header->sectionSize(column);
            QVERIFY2(width >= header->fontMetrics().horizontalAdvance(title),
                     qPrintable(title + QStringLiteral(": ") + QString::number(width)));
            if (column != PacketListModel::InfoColumn)
                QVERIFY2(width >= cells->sizeHintForColumn(column),
                         qPrintable(title + QStringLiteral(" cut: ") + QString::number(width)));
        }
    }

    void callListReadable_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("steps");
        QTest::addColumn<QSize>("size");
        addSizes("tcp-echo bind", QStringLiteral("tcp-echo"), 2);
        addSizes("connect-econnrefused", QStringLiteral("connect-econnrefused"), 6);
    }
    // The call at the cursor: its port in the call column, its whole text in the tooltip and
    // below the list, with its errno's whole explanation, not cut.
    void callListReadable()
    {
        QFETCH(QString, scenario);
        QFETCH(int, steps);
        QFETCH(QSize, size);
        const std::unique_ptr<MainWindow> window = runWindow(scenario, steps, size);
        QVERIFY(window);
        const CallEvent* call = window->presenter()->callAtCursor();
        QVERIFY(call && call->arguments.address.isValid());

        QTableView* calls = window->calls();
        const int row = window->presenter()->callModel()->rowOf(call->seq);
        const QModelIndex cell = calls->model()->index(row, CallLogModel::CallColumn);
        const QString text = cell.data().toString();
        const QString port = QStringLiteral("htons(%1)").arg(call->arguments.address.port());
        QVERIFY(text.contains(port));
        const int portEnd = int(text.indexOf(port) + port.size());
        QVERIFY2(calls->fontMetrics().horizontalAdvance(text.left(portEnd)) <
                     calls->columnWidth(CallLogModel::CallColumn),
                 qPrintable(text));
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), call->straceLine());

        CallDetailsView* details = window->callDetails();
        QVERIFY(details->text().contains(call->straceLine().toHtmlEscaped()));
        if (call->error != 0)
            QVERIFY(details->text().contains(call->errorInfo().explanation.toHtmlEscaped()));
        // Laid out at the next turn of the event loop, as the user sees it.
        QTRY_VERIFY2(details->height() >= details->heightForWidth(details->width()),
                     qPrintable(details->text()));
        QVERIFY(details->isVisible());
    }
};

QTEST_MAIN(TestReadablePanels)
#include "tst_readablepanels.moc"
