#include "packetlistmodel.h"
#include "sequencediagrammodel.h"
#include "sequencediagramview.h"
#include "testfigures.h"
#include "testpackets.h"

#include <QElapsedTimer>
#include <QImage>
#include <QScrollBar>
#include <QTest>

#include <algorithm>
#include <malloc.h>

using namespace SocketScope;

namespace {

// The bytes malloc has handed out and not taken back: what a structure built between two
// readings holds, to the byte, whatever the pages around it.
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd); // hblkhd: the blocks given their own mapping
}

// The median and the slowest of 30 paints of one screen of these packets, scrolled to
// `position` (0 the top, 1 the bottom), after one paint not counted.
std::pair<double, double> paintTimesMs(const QList<PacketEvent>& packets, const QList<int>& visible,
                                       double position)
{
    SequenceDiagramView view;
    view.resize(1280, 800);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return {-1, -1};
    view.setPackets(packets, visible, 0);
    QScrollBar* bar = view.verticalScrollBar();
    bar->setValue(int(bar->maximum() * position));
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    view.viewport()->render(&image);
    QList<double> paintMs;
    for (int i = 0; i < 30; ++i) {
        QElapsedTimer timer;
        timer.start();
        view.viewport()->render(&image);
        paintMs.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(paintMs.begin(), paintMs.end());
    return {paintMs[paintMs.size() / 2], paintMs.last()};
}

} // namespace

// How the packet views cope with a long session: 100,000 packets.
class BenchSequenceDiagram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_packets = TestPackets::conversation(count);
        m_visible = TestPackets::indices(count);
    }

    void buildModel()
    {
        QBENCHMARK
        {
            const SequenceDiagramModel model(m_packets, m_visible, 0);
            QCOMPARE(model.rowCount(), count);
        }
    }

    // A full rebuild, as after a step back or a new session: here the origin moves.
    void setPacketsOnTheView()
    {
        SequenceDiagramView view;
        view.resize(1280, 800);
        qint64 originNs = 0;
        QBENCHMARK
        {
            view.setPackets(m_packets, m_visible, ++originNs);
        }
    }

    // A running session: one packet more each time, from 50,000 on.
    void appendToTheView()
    {
        SequenceDiagramView view;
        view.resize(1280, 800);
        int shown = count / 2;
        view.setPackets(m_packets, m_visible.first(shown), 0);
        QBENCHMARK
        {
            shown = qMin(shown + 1, count);
            view.setPackets(m_packets, m_visible.first(shown), 0);
        }
    }

    // One packet more, then one less: what a running session and a step back cost.
    void appendToThePacketList()
    {
        PacketListModel model;
        const QList<int> fewer = m_visible.first(count - 1);
        model.setPackets(m_packets, fewer, 0);
        QBENCHMARK
        {
            model.setPackets(m_packets, m_visible, 0);
            model.setPackets(m_packets, fewer, 0);
        }
    }

    void paintViewport_data()
    {
        QTest::addColumn<double>("position");
        QTest::newRow("top") << 0.0;
        QTest::newRow("middle") << 0.5;
        QTest::newRow("bottom") << 1.0;
    }
    void paintViewport()
    {
        QFETCH(double, position);
        const auto [median, slowest] = paintTimesMs(m_packets, m_visible, position);
        QVERIFY2(median >= 0, "the view was never shown");
        qInfo("one screen of %d packets painted at %s: median %.2f ms, slowest %.2f ms", count,
              QTest::currentDataTag(), median, slowest);
        const QByteArray figure = QByteArray("diagram.paint_100k_") + QTest::currentDataTag();
        TestFigures::report(figure.constData(), median, "ms");
    }

    // A session ten times longer: 1,000,000 packets, the screen in the middle. What the
    // diagram holds of its own per packet (the packets are the log's, shared), and what the
    // log holds per packet besides its bytes (the conversation's packets share one payload),
    // are read from malloc's count of bytes in use.
    void millionPackets()
    {
        constexpr int million = 1'000'000;
        const qint64 heapBefore = heapInUse();
        const QList<PacketEvent> packets = TestPackets::conversation(million);
        const qint64 heapWithPackets = heapInUse();
        const QList<int> visible = TestPackets::indices(million);
        const qint64 heapBeforeModel = heapInUse();
        double diagramBytesPerPacket = 0;
        {
            const SequenceDiagramModel model(packets, visible, 0);
            QCOMPARE(model.rowCount(), million);
            diagramBytesPerPacket = double(heapInUse() - heapBeforeModel) / million;
        }
        const double logBytesPerPacket = double(heapWithPackets - heapBefore) / million;

        const auto [median, slowest] = paintTimesMs(packets, visible, 0.5);
        QVERIFY2(median >= 0, "the view was never shown");
        qInfo("one screen of %d packets painted in the middle: median %.2f ms, slowest %.2f ms; "
              "the diagram holds %.1f bytes per packet, the log %.0f bytes per packet besides "
              "its payload and frame",
              million, median, slowest, diagramBytesPerPacket, logBytesPerPacket);
        TestFigures::report("diagram.paint_1m_middle", median, "ms");
        TestFigures::report("diagram.bytes_per_packet", diagramBytesPerPacket, "bytes");
        TestFigures::report("log.bytes_per_packet", logBytesPerPacket, "bytes");
    }

private:
    static constexpr int count = 100'000;
    QList<PacketEvent> m_packets;
    QList<int> m_visible;
};

QTEST_MAIN(BenchSequenceDiagram)
#include "bench_sequencediagram.moc"
