#include "packetrows.h"
#include "sequencediagramlayout.h"
#include "sequencediagrammodel.h"
#include "sequencediagramview.h"
#include "testpackets.h"

#include <QFile>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SocketScope;

namespace {

QStringList endpoints(const SequenceDiagramModel& model)
{
    QStringList names;
    for (const SequenceLifeline& lifeline : model.lifelines())
        names << lifeline.endpoint.endpoint();
    return names;
}

// How many pixels are close to a colour: antialiasing blends the edges of lines.
int pixelsNear(const QImage& image, const QColor& colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (qAbs(pixel.red() - colour.red()) + qAbs(pixel.green() - colour.green()) +
                    qAbs(pixel.blue() - colour.blue()) <
                40)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestSequenceDiagram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lifelinesStartWithTheFirstSender_data()
    {
        QTest::addColumn<QList<int>>("visible");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("rows");
        const QString client = TestPackets::client;
        const QString server = TestPackets::server;
        const QString udpFrom = QStringLiteral("127.0.0.1:6000");
        const QString udpTo = QStringLiteral("127.0.0.1:7000");
        QTest::newRow("whole session: the client sent SYN")
            << QList<int>{0, 1, 2, 3, 4, 5} << QStringList{client, server, udpFrom, udpTo} << 6;
        QTest::newRow("from SYN, ACK on: the server first")
            << QList<int>{1, 2, 3} << QStringList{server, client} << 3;
        QTest::newRow("the datagram alone") << QList<int>{5} << QStringList{udpFrom, udpTo} << 1;
        QTest::newRow("nothing visible") << QList<int>{} << QStringList{} << 0;
        QTest::newRow("indices out of range are ignored")
            << QList<int>{-1, 5, 99} << QStringList{udpFrom, udpTo} << 1;
    }
    void lifelinesStartWithTheFirstSender()
    {
        QFETCH(QList<int>, visible);
        QFETCH(QStringList, expected);
        QFETCH(int, rows);
        const SequenceDiagramModel model(TestPackets::echoSession(), visible, 0);
        QCOMPARE(endpoints(model), expected);
        QCOMPARE(model.rowCount(), rows);
    }

    void lifelinesNameTheirSocket()
    {
        const SequenceDiagramModel model(TestPackets::echoSession(), {0, 1}, 0);
        QCOMPARE(model.lifelines().at(0).actor, QStringLiteral("client"));
        QCOMPARE(model.lifelines().at(0).fd, 3);
        QCOMPARE(model.lifelines().at(1).actor, QStringLiteral("server"));
        QCOMPARE(model.lifelines().at(1).fd, 4);
    }

    // Captured packets can come before the calls that name their sockets (a traced
    // program's): linked again later, the rows already shown name their lifelines.
    void relinkedRowsNameTheirLifelines()
    {
        QList<PacketEvent> packets = TestPackets::echoSession();
        for (PacketEvent& packet : packets) {
            packet.sender = {};
            packet.receiver = {};
        }
        const QList<int> visible{0, 1, 2};
        SequenceDiagramModel model(packets, visible, 0);
        QVERIFY(model.lifelines().at(0).actor.isEmpty());
        const QList<PacketEvent> linked = TestPackets::echoSession();
        model.setPackets(linked, visible, 0);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.lifelines().at(0).actor, QStringLiteral("client"));
        QCOMPARE(model.lifelines().at(0).fd, 3);
        QCOMPARE(model.lifelines().at(1).actor, QStringLiteral("server"));
    }
    void rowsGoFromSenderToReceiver()
    {
        const SequenceDiagramModel model(TestPackets::echoSession(), TestPackets::indices(6),
                                         1'000'000);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(std::pair(model.from(0), model.to(0)), std::pair(0, 1));
        QCOMPARE(std::pair(model.from(1), model.to(1)), std::pair(1, 0));
        QCOMPARE(std::pair(model.from(5), model.to(5)), std::pair(2, 3));
        QCOMPARE(model.label(0), QStringLiteral("SYN"));
        QCOMPARE(model.label(1), QStringLiteral("SYN, ACK"));
        QCOMPARE(model.label(3), QStringLiteral("PSH, ACK len=14"));
        QCOMPARE(model.label(5), QStringLiteral("UDP len=5"));
        QCOMPARE(model.seq(3), 14);
        QCOMPARE(model.cause(3), 13);
        QCOMPARE(model.cause(1), -1);
        QVERIFY(model.isTcp(0));
        QVERIFY(!model.isTcp(5));
        for (int row = 0; row < 5; ++row)
            QVERIFY(!model.isInferred(row));
        QVERIFY(model.isInferred(5));
        QCOMPARE(model.time(0), QStringLiteral("+0.000 ms"));
        QCOMPARE(model.time(3), QStringLiteral("+1.500 ms"));
        QCOMPARE(model.rowOfPacket(14), 3);
        QCOMPARE(model.rowOfPacket(13), -1);
        QCOMPARE(model.rowsCausedBy(5), (QList<int>{0, 2}));
        QVERIFY(model.rowsCausedBy(-1).isEmpty());
    }

    void detailsInRelativeOrAbsoluteNumbers()
    {
        SequenceDiagramModel model(TestPackets::echoSession(), {3, 5}, 0);
        QVERIFY(model.relativeNumbers());
        QCOMPARE(model.details(0), QStringLiteral("seq=1 ack=1 win=512"));
        model.setRelativeNumbers(false);
        QCOMPARE(model.details(0), QStringLiteral("seq=1001 ack=2001 win=512"));
        QVERIFY(model.details(1).isEmpty()); // UDP has no numbers
    }

    void continuingEqualsBuildingAtOnce()
    {
        const QList<PacketEvent> packets = TestPackets::echoSession();
        SequenceDiagramModel model(packets, {1, 2}, 0);
        model.setPackets(packets, {1, 2, 3, 4, 5}, 0);
        const SequenceDiagramModel atOnce(packets, {1, 2, 3, 4, 5}, 0);
        QCOMPARE(endpoints(model), endpoints(atOnce));
        QCOMPARE(model.rowCount(), atOnce.rowCount());
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(std::pair(model.from(row), model.to(row)),
                     std::pair(atOnce.from(row), atOnce.to(row)));
            QCOMPARE(model.seq(row), atOnce.seq(row));
        }
        // Stepping back, or another session, starts again.
        model.setPackets(packets, {5}, 0);
        QCOMPARE(endpoints(model), endpoints(SequenceDiagramModel(packets, {5}, 0)));
        QList<PacketEvent> again = packets;
        std::swap(again[0].decoded.source, again[0].decoded.destination);
        again[0].tNs += 1;
        model.setPackets(again, {0, 1}, 0);
        QCOMPARE(endpoints(model), (QStringList{TestPackets::server, TestPackets::client}));
    }

    void timeText_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("expected");
        QTest::newRow("origin") << qint64(0) << QStringLiteral("+0.000 ms");
        QTest::newRow("microseconds round") << qint64(1'234'567) << QStringLiteral("+1.235 ms");
        QTest::newRow("before the origin") << qint64(-10'000) << QStringLiteral("-0.010 ms");
        QTest::newRow("seconds") << qint64(2'500'000'000) << QStringLiteral("+2.500 s");
    }
    void timeText()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, expected);
        QCOMPARE(PacketRows::timeText(ns), expected);
    }

    void lifelinesSpreadInsideTheWidth_data()
    {
        QTest::addColumn<int>("lifelines");
        QTest::addColumn<qreal>("width");
        QTest::newRow("client and server on a laptop") << 2 << qreal(1280);
        QTest::newRow("one endpoint") << 1 << qreal(800);
        QTest::newRow("six endpoints in a narrow window grow the width") << 6 << qreal(400);
    }
    void lifelinesSpreadInsideTheWidth()
    {
        QFETCH(int, lifelines);
        QFETCH(qreal, width);
        const SequenceDiagramMetrics metrics;
        const SequenceDiagramLayout layout(lifelines, 10, width, metrics);
        QVERIFY(layout.width() >= width);
        qreal previous = metrics.margin + metrics.timeColumnWidth;
        for (int i = 0; i < lifelines; ++i) {
            const qreal x = layout.lifelineX(i);
            QVERIFY2(x > previous, qPrintable(QStringLiteral("lifeline %1 at %2").arg(i).arg(x)));
            QVERIFY(x < layout.width() - metrics.margin);
            if (i > 0)
                QVERIFY(x - previous >= metrics.minimumSpacing - 1e-9);
            previous = x;
        }
    }

    void arrowsSpanTheirLifelines_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("left to right") << 0 << 2;
        QTest::newRow("right to left") << 2 << 1;
        QTest::newRow("a socket to itself") << 1 << 1;
    }
    // What the view scrolls into sight: from one lifeline to the other, in the row; a loop
    // right of its lifeline.
    void arrowsSpanTheirLifelines()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        const SequenceDiagramMetrics metrics;
        const SequenceDiagramLayout layout(3, 20, 900, metrics);
        const QRectF arrow = layout.arrowRect(7, from, to);
        QCOMPARE(arrow.top(), layout.rowTop(7));
        QCOMPARE(arrow.height(), layout.rowHeight());
        QCOMPARE(arrow.left(), qMin(layout.lifelineX(from), layout.lifelineX(to)));
        if (from == to)
            QVERIFY(arrow.right() > layout.lifelineX(to));
        else
            QCOMPARE(arrow.right(), qMax(layout.lifelineX(from), layout.lifelineX(to)));
        QVERIFY(arrow.right() <= layout.labelsRight());
        QVERIFY(arrow.left() >= layout.labelsLeft());
    }

    void rowLookupIsTheInverseOfRowTop()
    {
        const SequenceDiagramMetrics metrics;
        const int rows = 100'000;
        const SequenceDiagramLayout layout(2, rows, 1280, metrics);
        QCOMPARE(layout.height(), metrics.headerHeight + rows * metrics.rowHeight + metrics.margin);
        for (const int row : {0, 1, 500, rows - 1}) {
            QCOMPARE(layout.rowAt(layout.rowTop(row)), row);
            QCOMPARE(layout.rowAt(layout.rowTop(row) + metrics.rowHeight - 0.5), row);
            QCOMPARE(layout.rowRect(row).top(), layout.rowTop(row));
        }
        QCOMPARE(layout.rowAt(metrics.headerHeight - 1), -1);
        QCOMPARE(layout.rowAt(layout.rowTop(rows)), -1);
        QCOMPARE(layout.rowsBetween(layout.rowTop(10) + 1, layout.rowTop(20)), std::pair(10, 19));
        const auto [first, last] = layout.rowsBetween(0, metrics.headerHeight);
        QVERIFY(first > last);
        QCOMPARE(layout.rowsBetween(layout.rowTop(rows - 2), layout.height() + 500),
                 std::pair(rows - 2, rows - 1));
    }

    void clickingARowEmitsItsPacket()
    {
        SequenceDiagramView view;
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setPackets(TestPackets::echoSession(), TestPackets::indices(6), 1'000'000);
        QSignalSpy clicked(&view, &SequenceDiagramView::packetClicked);
        const QRect row = view.visualRowRect(3);
        // Anywhere on the row's height: here in the time column, far from the arrow.
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(4, row.bottom() - 1));
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.at(0).at(0).toLongLong(), 14);
        QCOMPARE(view.selectedPacket(), 14);
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(400, 5)); // the header
        QCOMPARE(clicked.size(), 1);

        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.selectedPacket(), 15);
        QTest::keyClick(&view, Qt::Key_Up);
        QTest::keyClick(&view, Qt::Key_Up);
        QCOMPARE(view.selectedPacket(), 12);
        QCOMPARE(clicked.size(), 4);
        QCOMPARE(clicked.last().at(0).toLongLong(), 12);
        view.selectPacket(10);
        QCOMPARE(view.selectedPacket(), 10);
        QCOMPARE(clicked.size(), 4);
    }

    void highlightCallMarksWhatItSent()
    {
        SequenceDiagramView view;
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setPackets(TestPackets::echoSession(), TestPackets::indices(6), 0);
        view.highlightCall(5);
        QCOMPARE(view.highlightedPackets(), (QList<qint64>{10, 12}));
        view.highlightCall(16);
        QCOMPARE(view.highlightedPackets(), (QList<qint64>{17}));
        view.highlightCall(-1);
        QVERIFY(view.highlightedPackets().isEmpty());

        // Far down a long diagram, the first packet of the call is scrolled into view.
        view.setPackets(TestPackets::conversation(2000), TestPackets::indices(2000), 0);
        view.verticalScrollBar()->setValue(0);
        view.highlightCall(2 * 1500);
        QCOMPARE(view.highlightedPackets(), (QList<qint64>{2 * 1500 + 1}));
        const QRect row = view.visualRowRect(1500);
        QVERIFY(row.top() >= int(view.diagramLayout().metrics().headerHeight));
        QVERIFY(row.bottom() <= view.viewport()->height());
    }

    void followsNewRowsOnlyFromTheBottom()
    {
        const QList<PacketEvent> packets = TestPackets::conversation(300);
        SequenceDiagramView view;
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QScrollBar* bar = view.verticalScrollBar();
        view.setPackets(packets, TestPackets::indices(200), 0);
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());
        view.setPackets(packets, TestPackets::indices(210), 0);
        QCOMPARE(bar->value(), bar->maximum());
        const QRect last = view.visualRowRect(209);
        QVERIFY(last.bottom() <= view.viewport()->height());

        bar->setValue(0);
        view.setPackets(packets, TestPackets::indices(300), 0);
        QCOMPARE(bar->value(), 0);
    }

    void relativeNumbersIsAProperty()
    {
        SequenceDiagramView view;
        view.setPackets(TestPackets::echoSession(), {3}, 0);
        QSignalSpy changed(&view, &SequenceDiagramView::relativeNumbersChanged);
        QVERIFY(view.setProperty("relativeNumbers", false));
        QVERIFY(view.setProperty("relativeNumbers", false));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(view.model().details(0), QStringLiteral("seq=1001 ack=2001 win=512"));
        // The choice survives new packets.
        view.setPackets(TestPackets::echoSession(), {3, 4}, 0);
        QVERIFY(!view.relativeNumbers());
    }

    void paintsArrowsInTheirProtocolsColours()
    {
        SequenceDiagramView view;
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage empty = view.viewport()->grab().toImage();
        const int background = pixelsNear(empty, view.palette().color(QPalette::Base));
        QVERIFY(background > 0);
        QVERIFY2(background < empty.width() * empty.height(), "the empty view says nothing");

        view.setPackets(TestPackets::echoSession(), TestPackets::indices(6), 0);
        const QImage image = view.viewport()->grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(pixelsNear(image, view.palette().color(QPalette::Link)) > 100);
        QVERIFY(pixelsNear(image, view.palette().color(QPalette::LinkVisited)) > 20);
        QVERIFY(pixelsNear(image, view.palette().color(QPalette::Text)) > 100);

        // A socket connected to itself: one lifeline, a loop back to it.
        const QString self = TestPackets::client;
        view.setPackets({TestPackets::tcp(1, 0, self, self, DecodedPacket::Syn, 0, 0)}, {0}, 0);
        QCOMPARE(view.model().lifelineCount(), 1);
        QCOMPARE(view.model().from(0), view.model().to(0));
        QVERIFY(pixelsNear(view.viewport()->grab().toImage(),
                           view.palette().color(QPalette::Link)) > 20);
    }

    void exportsPngOfTheWholeDiagram()
    {
        QTemporaryDir dir;
        SequenceDiagramView view;
        view.resize(900, 600);
        view.setPackets(TestPackets::conversation(300), TestPackets::indices(300), 0);
        const QString path = dir.filePath(QStringLiteral("diagram.png"));
        QString message = QStringLiteral("stale");
        QVERIFY(view.exportPng(path, &message));
        QVERIFY2(message.isEmpty(), qPrintable(message));
        const QImage image(path);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800);
        QVERIFY(image.height() >= 300 * view.diagramLayout().rowHeight());
        QVERIFY(image.height() <= SequenceDiagramView::exportPngMaxHeight);
    }

    void exportsSvgWithTheLabels()
    {
        QTemporaryDir dir;
        SequenceDiagramView view;
        view.setPackets(TestPackets::echoSession(), TestPackets::indices(6), 0);
        const QString path = dir.filePath(QStringLiteral("diagram.svg"));
        QString message;
        QVERIFY2(view.exportSvg(path, &message), qPrintable(message));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray svg = file.readAll();
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("PSH, ACK len=14"));
        QVERIFY(svg.contains("127.0.0.1:5000"));
        QVERIFY(svg.contains("inferred"));
    }

    void exportsOfHugeDiagramsAreCut_data()
    {
        QTest::addColumn<bool>("svg");
        QTest::addColumn<int>("packets");
        QTest::newRow("png, taller than an image can be") << false << 1000;
        QTest::newRow("svg, more rows than the limit")
            << true << SequenceDiagramView::exportRowLimit + 1;
    }
    void exportsOfHugeDiagramsAreCut()
    {
        QFETCH(bool, svg);
        QFETCH(int, packets);
        QTemporaryDir dir;
        SequenceDiagramView view;
        view.setPackets(TestPackets::conversation(packets), TestPackets::indices(packets), 0);
        const QString path = dir.filePath(svg ? QStringLiteral("d.svg") : QStringLiteral("d.png"));
        QString message;
        QVERIFY(svg ? view.exportSvg(path, &message) : view.exportPng(path, &message));
        QVERIFY2(message.contains(QString::number(packets)), qPrintable(message));
        QVERIFY(QFile::exists(path));
        if (!svg)
            QVERIFY(QImage(path).height() <= SequenceDiagramView::exportPngMaxHeight);
    }

    void exportToAnUnwritablePathFails_data()
    {
        QTest::addColumn<bool>("svg");
        QTest::newRow("png") << false;
        QTest::newRow("svg") << true;
    }
    void exportToAnUnwritablePathFails()
    {
        QFETCH(bool, svg);
        SequenceDiagramView view;
        view.setPackets(TestPackets::echoSession(), {0}, 0);
        const QString path = QStringLiteral("/nonexistent-directory/diagram") +
                             (svg ? QStringLiteral(".svg") : QStringLiteral(".png"));
        QString message;
        QVERIFY(!(svg ? view.exportSvg(path, &message) : view.exportPng(path, &message)));
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY(!QFile::exists(path));
    }

    void exportOfAnEmptyDiagramFails()
    {
        QTemporaryDir dir;
        SequenceDiagramView view;
        QString message;
        QVERIFY(!view.exportPng(dir.filePath(QStringLiteral("empty.png")), &message));
        QVERIFY(!message.isEmpty());
    }
};

QTEST_MAIN(TestSequenceDiagram)
#include "tst_sequencediagram.moc"
