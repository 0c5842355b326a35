#include "calls/tcpstate.h"
#include "tcpstatemachinelayout.h"
#include "tcpstatemachineview.h"

#include <QHelpEvent>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <optional>

using namespace SocketScope;
using S = TcpState;
using Step = TcpStateMachineView::TraceStep;

namespace {

QList<TcpState> allStates()
{
    QList<TcpState> states;
    for (int i = 0; i < tcpStateCount; ++i)
        states.append(TcpState(i));
    return states;
}

// The share of a rectangle's pixels, its border left out, close to a colour.
qreal shareNear(const QImage& image, const QRectF& rect, const QColor& colour)
{
    const QRect inside = rect.toAlignedRect().adjusted(4, 4, -4, -4);
    int near = 0;
    for (int y = inside.top(); y <= inside.bottom(); ++y) {
        for (int x = inside.left(); x <= inside.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (qAbs(pixel.red() - colour.red()) + qAbs(pixel.green() - colour.green()) +
                    qAbs(pixel.blue() - colour.blue()) <
                40)
                ++near;
        }
    }
    return qreal(near) / (inside.width() * inside.height());
}

int pixelsNear(const QImage& image, const QColor& colour)
{
    return qRound(
        shareNear(image, QRectF(QPointF(-4, -4), QSizeF(image.size()) + QSizeF(8, 8)), colour) *
        image.width() * image.height());
}

// Sharing more than rounding errors: neighbours computed apart may touch by 1e-13.
bool overlaps(const QRectF& a, const QRectF& b)
{
    const QRectF common = a.intersected(b);
    return common.width() > 0.01 && common.height() > 0.01;
}

bool touches(const QRectF& rect, const QPointF& point)
{
    const bool onVertical =
        (qAbs(point.x() - rect.left()) < 0.01 || qAbs(point.x() - rect.right()) < 0.01) &&
        point.y() >= rect.top() && point.y() <= rect.bottom();
    const bool onHorizontal =
        (qAbs(point.y() - rect.top()) < 0.01 || qAbs(point.y() - rect.bottom()) < 0.01) &&
        point.x() >= rect.left() && point.x() <= rect.right();
    return onVertical || onHorizontal;
}

QList<QRectF> rooms(const TcpEdgeGeometry& edge)
{
    QList<QRectF> rooms;
    for (const QRectF& room : {edge.labelRoom, edge.actionRoom}) {
        if (room.isValid())
            rooms.append(room);
    }
    return rooms;
}

} // namespace

class TestTcpStateMachine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kernelNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<std::optional<TcpState>>("state");
        const auto row = [](const char* name, std::optional<TcpState> state) {
            QTest::newRow(name) << QString::fromLatin1(name) << state;
        };
        row("ESTABLISHED", S::Established);
        row("SYN_SENT", S::SynSent);
        row("SYN_RECV", S::SynReceived);
        row("NEW_SYN_RECV", S::SynReceived);
        row("FIN_WAIT1", S::FinWait1);
        row("FIN_WAIT2", S::FinWait2);
        row("TIME_WAIT", S::TimeWait);
        row("CLOSE", S::Closed);
        row("UNCONN", S::Closed);
        row("CLOSE_WAIT", S::CloseWait);
        row("LAST_ACK", S::LastAck);
        row("LISTEN", S::Listen);
        row("CLOSING", S::Closing);
        QTest::newRow("empty, as for UDP") << QString() << std::optional<TcpState>();
        QTest::newRow("the RFC's spelling is not the kernel's")
            << QStringLiteral("SYN-SENT") << std::optional<TcpState>();
    }
    void kernelNames()
    {
        QFETCH(QString, name);
        QFETCH(std::optional<TcpState>, state);
        QCOMPARE(tcpStateFromKernelName(name), state);
    }

    void namesGoBothWays()
    {
        for (const TcpState state : allStates())
            QCOMPARE(tcpStateFromKernelName(kernelName(state)), state);
        QCOMPARE(kernelName(S::Closed), QStringLiteral("CLOSE"));
        QCOMPARE(kernelName(S::SynReceived), QStringLiteral("SYN_RECV"));
        QStringList rfc;
        for (const TcpState state : allStates())
            rfc << rfcName(state);
        QCOMPARE(rfc, (QStringList{QStringLiteral("CLOSED"), QStringLiteral("LISTEN"),
                                   QStringLiteral("SYN-SENT"), QStringLiteral("SYN-RECEIVED"),
                                   QStringLiteral("ESTABLISHED"), QStringLiteral("FIN-WAIT-1"),
                                   QStringLiteral("FIN-WAIT-2"), QStringLiteral("CLOSE-WAIT"),
                                   QStringLiteral("CLOSING"), QStringLiteral("LAST-ACK"),
                                   QStringLiteral("TIME-WAIT")}));
        for (const TcpState state : allStates())
            QVERIFY(!tcpStateExplanation(state).isEmpty());
    }

    void transitionsJoinKnownStates()
    {
        const QList<TcpTransition>& transitions = tcpTransitions();
        QCOMPARE(transitions.size(), 19);
        QList<TcpState> reached;
        for (int i = 0; i < transitions.size(); ++i) {
            const TcpTransition& transition = transitions.at(i);
            QVERIFY(allStates().contains(transition.from));
            QVERIFY(allStates().contains(transition.to));
            QVERIFY(transition.from != transition.to);
            QVERIFY(!transition.event.isEmpty());
            // One arrow per pair of states, so that the index finds it.
            QCOMPARE(tcpTransitionIndex(transition.from, transition.to), i);
            reached << transition.from << transition.to;
        }
        for (const TcpState state : allStates())
            QVERIFY2(reached.contains(state), qPrintable(rfcName(state)));
        const TcpTransition& connect = transitions.at(tcpTransitionIndex(S::Closed, S::SynSent));
        QCOMPARE(connect.event, QStringLiteral("connect()"));
        QCOMPARE(connect.action, QStringLiteral("send SYN"));
        QVERIFY(transitions.at(tcpTransitionIndex(S::Closed, S::Listen)).action.isEmpty());
        QCOMPARE(tcpTransitionIndex(S::Established, S::Listen), -1);
    }

    void paths_data()
    {
        QTest::addColumn<TcpState>("from");
        QTest::addColumn<TcpState>("to");
        QTest::addColumn<QList<TcpState>>("path");
        QTest::newRow("same state")
            << S::Established << S::Established << QList<TcpState>{S::Established};
        QTest::newRow("one arrow")
            << S::Closed << S::SynSent << QList<TcpState>{S::Closed, S::SynSent};
        QTest::newRow("ESTABLISHED to TIME-WAIT: FIN and ACK together from FIN-WAIT-1")
            << S::Established << S::TimeWait
            << QList<TcpState>{S::Established, S::FinWait1, S::TimeWait};
        QTest::newRow("LISTEN to ESTABLISHED through SYN-RECEIVED")
            << S::Listen << S::Established
            << QList<TcpState>{S::Listen, S::SynReceived, S::Established};
        QTest::newRow("CLOSED to ESTABLISHED: connect() is shorter")
            << S::Closed << S::Established
            << QList<TcpState>{S::Closed, S::SynSent, S::Established};
        QTest::newRow("ESTABLISHED to CLOSED: the active close wins the tie")
            << S::Established << S::Closed
            << QList<TcpState>{S::Established, S::FinWait1, S::TimeWait, S::Closed};
        QTest::newRow("CLOSE-WAIT to CLOSED")
            << S::CloseWait << S::Closed << QList<TcpState>{S::CloseWait, S::LastAck, S::Closed};
        QTest::newRow("backwards: ESTABLISHED never returns to LISTEN")
            << S::Established << S::Listen << QList<TcpState>{};
        QTest::newRow("not through CLOSED: TIME-WAIT to SYN-SENT is another connection")
            << S::TimeWait << S::SynSent << QList<TcpState>{};
    }
    void paths()
    {
        QFETCH(TcpState, from);
        QFETCH(TcpState, to);
        QFETCH(QList<TcpState>, path);
        QCOMPARE(tcpPath(from, to), path);
    }

    void layoutFitsAndSeparates_data()
    {
        QTest::addColumn<QSizeF>("size");
        QTest::newRow("minimum 320x280") << QSizeF(320, 280);
        QTest::newRow("small 320x300") << QSizeF(320, 300);
        QTest::newRow("size hint 560x460") << QSizeF(560, 460);
        QTest::newRow("medium 640x520") << QSizeF(640, 520);
        QTest::newRow("large 1200x900") << QSizeF(1200, 900);
        QTest::newRow("wide 1000x320") << QSizeF(1000, 320);
        QTest::newRow("tall 340x900") << QSizeF(340, 900);
    }
    void layoutFitsAndSeparates()
    {
        QFETCH(QSizeF, size);
        const TcpStateMachineLayout layout(size);
        const QRectF area(QPointF(), size);
        const QList<TcpStateBox>& boxes = layout.boxes();
        QCOMPARE(boxes.size(), tcpStateCount + 1);
        for (int i = 0; i < boxes.size(); ++i) {
            const QRectF rect = boxes.at(i).rect;
            QVERIFY2(area.contains(rect), qPrintable(rfcName(boxes.at(i).state)));
            QCOMPARE(layout.boxAt(rect.center()), i);
            for (int j = i + 1; j < boxes.size(); ++j)
                QVERIFY2(!overlaps(rect, boxes.at(j).rect),
                         qPrintable(rfcName(boxes.at(i).state) + rfcName(boxes.at(j).state)));
        }
        QCOMPARE(boxes.at(TcpStateMachineLayout::secondClosedBox).state, S::Closed);
        QCOMPARE(layout.boxAt(QPointF(-1, -1)), -1);

        QCOMPARE(layout.edges().size(), tcpTransitions().size());
        for (int i = 0; i < layout.edges().size(); ++i) {
            const TcpEdgeGeometry& edge = layout.edges().at(i);
            const TcpTransition& transition = tcpTransitions().at(i);
            const QString name =
                rfcName(transition.from) + QStringLiteral(" to ") + rfcName(transition.to);
            QCOMPARE(boxes.at(edge.fromBox).state, transition.from);
            QCOMPARE(boxes.at(edge.toBox).state, transition.to);
            QVERIFY(edge.path.size() >= 2);
            QVERIFY2(touches(boxes.at(edge.fromBox).rect, edge.path.first()), qPrintable(name));
            QVERIFY2(touches(boxes.at(edge.toBox).rect, edge.path.last()), qPrintable(name));
            // Arrows go straight across or down, and through no box.
            for (qsizetype p = 1; p < edge.path.size(); ++p) {
                const QLineF segment(edge.path.at(p - 1), edge.path.at(p));
                QVERIFY2(segment.dx() == 0 || segment.dy() == 0, qPrintable(name));
                for (qreal t = 0.02; t < 1; t += 0.02) {
                    for (const TcpStateBox& box : boxes)
                        QVERIFY2(
                            !box.rect.adjusted(0.5, 0.5, -0.5, -0.5).contains(segment.pointAt(t)),
                            qPrintable(name + QStringLiteral(" crosses ") + rfcName(box.state)));
                }
            }
            // Where labels may go, they cover no box and no other label.
            for (const QRectF& room : rooms(edge)) {
                QVERIFY2(area.contains(room), qPrintable(name));
                for (const TcpStateBox& box : boxes)
                    QVERIFY2(!overlaps(room, box.rect), qPrintable(name));
                for (int j = i + 1; j < layout.edges().size(); ++j) {
                    for (const QRectF& other : rooms(layout.edges().at(j)))
                        QVERIFY2(!overlaps(room, other),
                                 qPrintable(name + QStringLiteral(" and ") +
                                            rfcName(tcpTransitions().at(j).from)));
                }
            }
        }
    }

    void layoutFollowsTheRfcFigure()
    {
        const TcpStateMachineLayout layout(QSizeF(640, 520));
        const auto centre = [&layout](TcpState state) {
            return layout.stateRect(state).center();
        };
        QCOMPARE(centre(S::Closed).x(), 320);
        QCOMPARE(centre(S::Listen).x(), 320);
        QVERIFY(centre(S::Closed).y() < centre(S::Listen).y());
        QVERIFY(centre(S::SynReceived).x() < centre(S::Established).x());
        QVERIFY(centre(S::SynSent).x() > centre(S::Established).x());
        QVERIFY(centre(S::Listen).y() < centre(S::SynSent).y());
        QVERIFY(centre(S::SynSent).y() < centre(S::Established).y());
        QVERIFY(centre(S::FinWait1).x() < centre(S::Established).x());
        QVERIFY(centre(S::FinWait1).y() < centre(S::FinWait2).y());
        QVERIFY(centre(S::CloseWait).x() > centre(S::Established).x());
        QVERIFY(centre(S::CloseWait).y() < centre(S::LastAck).y());
        QVERIFY(centre(S::TimeWait).y() > centre(S::Closing).y());
        // The closing arrows end in the second CLOSED, at the bottom right.
        const int second = TcpStateMachineLayout::secondClosedBox;
        QCOMPARE(layout.edges().at(tcpTransitionIndex(S::TimeWait, S::Closed)).toBox, second);
        QCOMPARE(layout.edges().at(tcpTransitionIndex(S::LastAck, S::Closed)).toBox, second);
        QCOMPARE(layout.edges().at(tcpTransitionIndex(S::Listen, S::Closed)).toBox, int(S::Closed));
        QVERIFY(layout.boxes().at(second).rect.center().y() > centre(S::LastAck).y());
    }

    void boxesScaleWithTheSize()
    {
        const TcpStateMachineLayout small(QSizeF(320, 300));
        const TcpStateMachineLayout medium(QSizeF(640, 520));
        const TcpStateMachineLayout large(QSizeF(1200, 900));
        for (int i = 0; i < small.boxes().size(); ++i) {
            const QSizeF a = small.boxes().at(i).rect.size();
            const QSizeF b = medium.boxes().at(i).rect.size();
            const QSizeF c = large.boxes().at(i).rect.size();
            QVERIFY(a.width() < b.width() && b.width() < c.width());
            QVERIFY(a.height() < b.height() && b.height() < c.height());
        }
    }

    void traceFollowsTheArrows_data()
    {
        QTest::addColumn<QList<TcpState>>("states");
        QTest::addColumn<QList<TcpState>>("kept");
        QTest::addColumn<QList<Step>>("steps");
        const auto step = [](TcpState from, TcpState to, bool skipped) {
            return Step{tcpTransitionIndex(from, to), skipped};
        };
        QTest::newRow("connect seen at each step")
            << QList<TcpState>{S::Closed, S::SynSent, S::Established}
            << QList<TcpState>{S::Closed, S::SynSent, S::Established}
            << QList<Step>{step(S::Closed, S::SynSent, false),
                           step(S::SynSent, S::Established, false)};
        QTest::newRow("repeated samples count once")
            << QList<TcpState>{S::Established, S::Established, S::CloseWait, S::CloseWait}
            << QList<TcpState>{S::Established, S::CloseWait}
            << QList<Step>{step(S::Established, S::CloseWait, false)};
        QTest::newRow("a jump is traced through the states it skipped")
            << QList<TcpState>{S::Established, S::TimeWait}
            << QList<TcpState>{S::Established, S::TimeWait}
            << QList<Step>{step(S::Established, S::FinWait1, true),
                           step(S::FinWait1, S::TimeWait, true)};
        QTest::newRow("an impossible jump draws no arrow")
            << QList<TcpState>{S::TimeWait, S::SynSent} << QList<TcpState>{S::TimeWait, S::SynSent}
            << QList<Step>{};
        QTest::newRow("only the last states are kept")
            << QList<TcpState>{S::Closed,    S::Listen,  S::SynReceived, S::Established,
                               S::CloseWait, S::LastAck, S::Closed}
            << QList<TcpState>{S::Listen,    S::SynReceived, S::Established,
                               S::CloseWait, S::LastAck,     S::Closed}
            << QList<Step>{step(S::Listen, S::SynReceived, false),
                           step(S::SynReceived, S::Established, false),
                           step(S::Established, S::CloseWait, false),
                           step(S::CloseWait, S::LastAck, false),
                           step(S::LastAck, S::Closed, false)};
    }
    void traceFollowsTheArrows()
    {
        QFETCH(QList<TcpState>, states);
        QFETCH(QList<TcpState>, kept);
        QFETCH(QList<Step>, steps);
        TcpStateMachineView view;
        view.setTrace(states);
        QCOMPARE(view.trace(), kept);
        QCOMPARE(view.traceSteps(), steps);
    }

    void litStateIsHighlighted_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("minimum") << QSize(320, 280);
        QTest::newRow("size hint") << QSize(560, 460);
        QTest::newRow("large") << QSize(1200, 900);
    }
    void litStateIsHighlighted()
    {
        QFETCH(QSize, size);
        TcpStateMachineView view;
        view.resize(size);
        view.setTrace({S::Closed, S::SynSent, S::Established});
        view.setCurrentState(S::Established);
        const QImage image = view.grab().toImage();
        const QColor highlight = view.palette().color(QPalette::Highlight);
        const QRectF lit = view.stateBoxRect(S::Established);
        QCOMPARE(lit, TcpStateMachineLayout(QSizeF(size)).stateRect(S::Established));
        QCOMPARE(image.pixelColor(lit.toAlignedRect().left() + 3, qRound(lit.center().y())),
                 highlight);
        QVERIFY(shareNear(image, lit, highlight) > 0.5);
        for (const TcpState state : {S::Listen, S::SynSent, S::Closed, S::TimeWait})
            QVERIFY2(shareNear(image, view.stateBoxRect(state), highlight) < 0.05,
                     qPrintable(rfcName(state)));
        QCOMPARE(view.stateAt(lit.center().toPoint()), S::Established);
    }

    void closedAfterTheEndIsTheBottomBox()
    {
        TcpStateMachineView view;
        view.resize(640, 520);
        const TcpStateMachineLayout layout(QSizeF(640, 520));
        const QRectF top = layout.stateRect(S::Closed);
        const QRectF bottom = layout.boxes().at(TcpStateMachineLayout::secondClosedBox).rect;
        view.setCurrentState(S::Closed);
        QCOMPARE(view.stateBoxRect(S::Closed), top);
        view.setTrace({S::Established, S::FinWait2, S::TimeWait, S::Closed});
        QCOMPARE(view.stateBoxRect(S::Closed), bottom);
        const QImage image = view.grab().toImage();
        const QColor highlight = view.palette().color(QPalette::Highlight);
        QVERIFY(shareNear(image, bottom, highlight) > 0.5);
        QVERIFY(shareNear(image, top, highlight) < 0.05);
        QCOMPARE(view.stateAt(bottom.center().toPoint()), S::Closed);
        // A connect() that failed goes back up.
        view.setTrace({S::Closed, S::SynSent, S::Closed});
        QCOMPARE(view.stateBoxRect(S::Closed), top);
    }

    void secondaryStateIsOutlinedOnly()
    {
        TcpStateMachineView view;
        view.resize(640, 520);
        view.setSecondaryState(S::Listen);
        view.setSecondaryCaption(QStringLiteral("kernel now"));
        const QImage image = view.grab().toImage();
        QCOMPARE(pixelsNear(image, view.palette().color(QPalette::Highlight)), 0);
        // A dashed line a few pixels over the box: dark in some columns, not in all.
        const QRect box = view.stateBoxRect(S::Listen).toAlignedRect();
        int dark = 0;
        for (int x = box.left() + 8; x < box.right() - 8; ++x) {
            for (int y = box.top() - 6; y <= box.top() - 2; ++y) {
                if (image.pixelColor(x, y).lightness() < 128) {
                    ++dark;
                    break;
                }
            }
        }
        const int columns = box.width() - 16;
        QVERIFY2(dark > columns / 4 && dark < columns * 9 / 10, qPrintable(QString::number(dark)));
    }

    void emptyViewSaysWhatToDo()
    {
        TcpStateMachineView view;
        view.resize(560, 460);
        const QImage image = view.grab().toImage();
        const QColor base = view.palette().color(QPalette::Base);
        QCOMPARE(pixelsNear(image, view.palette().color(QPalette::Highlight)), 0);
        const int written = image.width() * image.height() - pixelsNear(image, base);
        QVERIFY(written > 20);
        QVERIFY(written < image.width() * image.height() / 50); // a message, not the diagram
        QCOMPARE(view.stateAt(QPoint(280, 20)), std::nullopt);

        view.setCurrentState(S::Listen);
        QVERIFY(pixelsNear(view.grab().toImage(), view.palette().color(QPalette::Highlight)) > 100);
    }

    void labelsOnlyWhereTheyAllFit_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("shown");
        QTest::newRow("minimum: names only") << QSize(320, 280) << false;
        QTest::newRow("size hint") << QSize(560, 460) << true;
        QTest::newRow("large") << QSize(1200, 900) << true;
    }
    void labelsOnlyWhereTheyAllFit()
    {
        QFETCH(QSize, size);
        QFETCH(bool, shown);
        TcpStateMachineView view;
        view.resize(size);
        QCOMPARE(view.labelsShown(), shown);
    }

    void settersSignalOnlyChanges()
    {
        TcpStateMachineView view;
        QSignalSpy current(&view, &TcpStateMachineView::currentStateChanged);
        QSignalSpy secondary(&view, &TcpStateMachineView::secondaryStateChanged);
        QSignalSpy caption(&view, &TcpStateMachineView::secondaryCaptionChanged);
        QSignalSpy trace(&view, &TcpStateMachineView::traceChanged);
        view.setCurrentState(S::Listen);
        view.setCurrentState(S::Listen);
        view.setCurrentState(std::nullopt);
        QCOMPARE(current.size(), 2);
        view.setSecondaryState(S::Listen);
        view.setSecondaryState(S::Listen);
        QCOMPARE(secondary.size(), 1);
        view.setSecondaryCaption(QStringLiteral("now"));
        view.setSecondaryCaption(QStringLiteral("now"));
        QCOMPARE(caption.size(), 1);
        view.setTrace({S::Listen, S::SynReceived});
        view.setTrace({S::Listen, S::Listen, S::SynReceived}); // the same once repeats go
        QCOMPARE(trace.size(), 1);
        QVERIFY(view.setProperty("currentState",
                                 QVariant::fromValue(std::optional<TcpState>(S::Closing))));
        QCOMPARE(view.currentState(), S::Closing);
        QCOMPARE(current.size(), 3);
    }

    void tooltipExplainsTheState()
    {
        TcpStateMachineView view;
        view.resize(640, 520);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCurrentState(S::Listen);
        const QPoint centre = view.stateBoxRect(S::TimeWait).center().toPoint();
        QHelpEvent help(QEvent::ToolTip, centre, view.mapToGlobal(centre));
        QVERIFY(QCoreApplication::sendEvent(&view, &help));
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(QStringLiteral("TIME-WAIT")));
        QVERIFY(QToolTip::text().contains(tcpStateExplanation(S::TimeWait).toHtmlEscaped()));
    }
};

QTEST_MAIN(TestTcpStateMachine)
#include "tst_tcpstatemachine.moc"
