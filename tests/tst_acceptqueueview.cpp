#include "acceptqueueview.h"
#include "theme.h"

#include <QImage>
#include <QPaintEvent>
#include <QSignalSpy>
#include <QTest>

using namespace SocketScope;

namespace {

AcceptQueue queueOf(quint32 backlog, quint32 waitingCount, const QStringList& waiting = {})
{
    AcceptQueue queue;
    queue.listener = QStringLiteral("127.0.0.1:5000");
    queue.backlog = backlog;
    queue.waitingCount = waitingCount;
    queue.waiting = waiting;
    return queue;
}

QStringList peers(int count)
{
    QStringList peers;
    for (int i = 0; i < count; ++i)
        peers << QStringLiteral("127.0.0.1:%1").arg(40000 + i);
    return peers;
}

// Inside a slot, away from its border and from the text in its middle.
QColor insideColour(const QImage& image, const QRectF& slot)
{
    return image.pixelColor(qRound(slot.left() + 3), qRound(slot.top() + 3));
}

int pixelsOf(const QImage& image, const QColor& colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y) == colour)
                ++count;
        }
    }
    return count;
}

// Remembers what the last paint event covered.
class PaintRecorder : public QObject {
public:
    int paints = 0;
    QRegion lastRegion;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
            lastRegion = static_cast<QPaintEvent*>(event)->region();
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

class TestAcceptQueueView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void slotCounts_data()
    {
        QTest::addColumn<quint32>("backlog");
        QTest::addColumn<quint32>("waiting");
        QTest::addColumn<int>("drawn");
        QTest::addColumn<bool>("full");
        QTest::addColumn<QString>("caption");
        QTest::newRow("backlog 4, none waiting: backlog + 1 empty slots")
            << 4u << 0u << 5 << false << QStringLiteral("0 of 5 waiting to be accepted");
        QTest::newRow("backlog 4, two waiting")
            << 4u << 2u << 5 << false << QStringLiteral("2 of 5 waiting to be accepted");
        QTest::newRow("backlog 4, four waiting: one more still gets through")
            << 4u << 4u << 5 << false << QStringLiteral("4 of 5 waiting to be accepted");
        QTest::newRow("backlog 4, five waiting: full")
            << 4u << 5u << 5 << true << QStringLiteral("5 of 5 waiting to be accepted");
        QTest::newRow("more waiting than the kernel should let: a slot each")
            << 4u << 7u << 7 << true << QStringLiteral("7 of 7 waiting to be accepted");
        QTest::newRow("backlog 0 lets one wait")
            << 0u << 1u << 1 << true << QStringLiteral("1 of 1 waiting to be accepted");
        QTest::newRow("backlog 31: the most slots")
            << 31u << 3u << 32 << false << QStringLiteral("3 of 32 waiting to be accepted");
    }
    void slotCounts()
    {
        QFETCH(quint32, backlog);
        QFETCH(quint32, waiting);
        QFETCH(int, drawn);
        QFETCH(bool, full);
        QFETCH(QString, caption);
        AcceptQueueView view;
        view.resize(view.sizeHint());
        view.setQueue(queueOf(backlog, waiting));
        QVERIFY(!view.showsBar());
        QVERIFY(view.barRect().isNull());
        QCOMPARE(view.drawnSlots(), drawn);
        QCOMPARE(view.filledSlots(), int(waiting));
        QCOMPARE(view.isFull(), full);
        QCOMPARE(view.caption(), caption);
        const QRectF area = QRectF(view.rect()).adjusted(-0.01, -0.01, 0.01, 0.01);
        for (int i = 0; i < drawn; ++i) {
            QVERIFY(area.contains(view.slotRect(i)));
            if (i > 0)
                QVERIFY(view.slotRect(i).left() > view.slotRect(i - 1).right());
        }
    }

    void largeBacklogIsABar()
    {
        AcceptQueueView view;
        view.resize(view.sizeHint());
        view.setQueue(queueOf(4096, 2100, peers(3)));
        QVERIFY(view.showsBar());
        QVERIFY(!view.isFull());
        QCOMPARE(view.drawnSlots(), AcceptQueueView::barSlots);
        QCOMPARE(view.filledSlots(), AcceptQueueView::barSlots);
        QCOMPARE(view.caption(), QStringLiteral("2100 of 4097 waiting to be accepted"));
        QVERIFY(!view.slotText(0).isEmpty());
        QCOMPARE(view.slotText(5), QString()); // a caller whose address is not known

        // About half the bar is filled: 2100 of 4097.
        const QRectF bar = view.barRect();
        QVERIFY(bar.isValid());
        QVERIFY(bar.bottom() < view.slotRect(0).top());
        const QImage image = view.grab().toImage();
        const QColor highlight = view.palette().color(QPalette::Highlight);
        const int y = qRound(bar.center().y());
        QCOMPARE(image.pixelColor(qRound(bar.left() + 0.4 * bar.width()), y), highlight);
        QCOMPARE(image.pixelColor(qRound(bar.left() + 0.6 * bar.width()), y),
                 view.palette().color(QPalette::Base));

        view.setQueue(queueOf(4096, 3));
        QCOMPARE(view.drawnSlots(), 3);
        view.setQueue(queueOf(32, 0));
        QVERIFY(view.showsBar());
        QCOMPARE(view.drawnSlots(), 0);
        view.setQueue(queueOf(4096, 4097));
        QVERIFY(view.isFull());
    }

    void peersInTheSlots()
    {
        AcceptQueueView view;
        view.resize(1000, 140);
        const QString wide = QStringLiteral("[2001:db8::1234:5678:9abc]:40001");
        const QString narrow = QStringLiteral("10.0.0.2:80");
        view.setQueue(queueOf(4, 3, {narrow, wide}));
        QCOMPARE(view.filledSlots(), 3);
        QCOMPARE(view.slotText(0), narrow);
        QCOMPARE(view.slotText(1), QStringLiteral("40001")); // the port when the peer is too long
        QCOMPARE(view.slotText(2), QString());               // known to wait, address not known
        QCOMPARE(view.slotText(3), QString());               // an empty slot

        // More peers known than counted: each is drawn.
        view.setQueue(queueOf(4, 1, peers(3)));
        QCOMPARE(view.waitingTotal(), 3u);
        QCOMPARE(view.filledSlots(), 3);

        // Slots too narrow even for a port stay blank.
        view.resize(240, 120);
        view.setQueue(queueOf(31, 2, peers(2)));
        QCOMPARE(view.slotText(0), QString());
    }

    void filledSlotsStandOut()
    {
        AcceptQueueView view;
        view.resize(view.sizeHint());
        view.setQueue(queueOf(4, 2, peers(2)));
        QImage image = view.grab().toImage();
        const QColor highlight = view.palette().color(QPalette::Highlight);
        const QColor base = view.palette().color(QPalette::Base);
        QVERIFY(highlight != base);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(insideColour(image, view.slotRect(i)), highlight);
        for (int i = 2; i < 5; ++i)
            QCOMPARE(insideColour(image, view.slotRect(i)), base);
        // The outline of an empty slot is drawn over the background.
        const QRectF empty = view.slotRect(4);
        QVERIFY(image.pixelColor(qRound(empty.center().x()), qRound(empty.top())) != base);

        // Full: the warning colour, not the highlight.
        view.setQueue(queueOf(4, 5, peers(5)));
        image = view.grab().toImage();
        const QColor warning = Theme::current().error;
        for (int i = 0; i < 5; ++i)
            QCOMPARE(insideColour(image, view.slotRect(i)), warning);
        QCOMPARE(pixelsOf(image, highlight), 0);
    }

    void handshakesInTheirOwnRow()
    {
        AcceptQueueView view;
        view.resize(view.sizeHint());
        AcceptQueue queue = queueOf(4, 1, peers(1));
        queue.halfOpen = {QStringLiteral("127.0.0.1:50001"), QStringLiteral("127.0.0.1:50002")};
        view.setQueue(queue);
        QCOMPARE(view.drawnHalfOpen(), 2);
        QCOMPARE(view.filledSlots(), 1); // a handshake in progress does not wait for accept()
        queue.halfOpen = peers(40);
        view.setQueue(queue);
        QVERIFY(view.drawnHalfOpen() > 0);
        QVERIFY(view.drawnHalfOpen() < 40);
    }

    void emptyStateSaysWhatToDo()
    {
        AcceptQueueView view;
        view.resize(view.sizeHint());
        QCOMPARE(view.drawnSlots(), 0);
        QCOMPARE(view.filledSlots(), 0);
        QCOMPARE(view.drawnHalfOpen(), 0);
        QVERIFY(!view.isFull());
        QVERIFY(!view.showsBar());
        QCOMPARE(view.caption(), QString());
        QVERIFY(view.toolTip().isEmpty());
        const QImage image = view.grab().toImage();
        QCOMPARE(pixelsOf(image, view.palette().color(QPalette::Highlight)), 0);
        const int written =
            image.width() * image.height() - pixelsOf(image, view.palette().color(QPalette::Base));
        QVERIFY(written > 20);
        QVERIFY(written < image.width() * image.height() / 20); // a message only

        // Queues without a listener are the empty state too.
        view.setQueue(queueOf(4, 2));
        QCOMPARE(view.drawnSlots(), 5);
        QVERIFY(view.toolTip().contains(QLatin1String("5")));
        AcceptQueue nameless = queueOf(4, 2);
        nameless.listener.clear();
        view.setQueue(nameless);
        QCOMPARE(view.drawnSlots(), 0);
    }

    void setterSignalsAndRepaintsOnlyChanges()
    {
        AcceptQueueView view;
        view.resize(view.sizeHint());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        PaintRecorder recorder;
        view.installEventFilter(&recorder);
        QSignalSpy spy(&view, &AcceptQueueView::queueChanged);

        view.setQueue(AcceptQueue());
        QCOMPARE(spy.size(), 0);
        view.setQueue(queueOf(4, 2));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<AcceptQueue>(), queueOf(4, 2));
        QTRY_VERIFY(recorder.paints > 0);
        QCOMPARE(recorder.lastRegion, QRegion(view.rect()));

        // The same queue again asks for no repaint: the next paint covers only a pixel.
        const int paints = recorder.paints;
        view.setQueue(queueOf(4, 2));
        view.update(0, 0, 1, 1);
        QTRY_VERIFY(recorder.paints > paints);
        QCOMPARE(recorder.lastRegion, QRegion(0, 0, 1, 1));
        QCOMPARE(spy.size(), 1);

        QVERIFY(view.setProperty("queue", QVariant::fromValue(queueOf(8, 1))));
        QCOMPARE(view.queue(), queueOf(8, 1));
        QCOMPARE(spy.size(), 2);
    }
};

QTEST_MAIN(TestAcceptQueueView)
#include "tst_acceptqueueview.moc"
