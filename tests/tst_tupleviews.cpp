#include "byteconverter.h"
#include "byteorderview.h"
#include "calls/byteorder.h"
#include "sources/session.h"
#include "stagestate.h"
#include "testlog.h"
#include "testscenarios.h"
#include "tuplecardsview.h"

#include <QTest>

#include <netinet/in.h>

using namespace SocketScope;
using namespace SocketScope::TestLog;

class TestTupleViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cardsFillInWithTheirProvenance()
    {
        Session session;
        QVERIFY(
            TestScenarios::runToEnd(session, TestScenarios::builtIn(QStringLiteral("tcp-echo"))));
        const QList<CallEvent>& calls = session.log().calls();
        TupleCardsView cards;
        cards.setActors({QStringLiteral("server"), QStringLiteral("client")},
                        {QStringLiteral("Server"), QStringLiteral("Client")});
        cards.show();

        cards.setState(projectStage(calls, 0));
        QVERIFY(cards.toPlainText().contains(QLatin1String("No descriptor yet")));

        cards.setState(projectStage(calls, positionAfter(calls, u"server", Call::Bind)));
        QString text = cards.toPlainText();
        // The system chose the port at bind(): the card shows it with where it came from.
        QVERIFY2(text.contains(QLatin1String("bind() to port 0: chosen by the system")),
                 qPrintable(text));
        QVERIFY2(text.contains(QString::number(session.servicePort())), qPrintable(text));

        cards.setState(projectStage(calls, positionAfter(calls, u"client", Call::Write)));
        text = cards.toPlainText();
        QVERIFY(text.contains(QLatin1String("bind() to port 0: chosen by the system")));
        QVERIFY(text.contains(QLatin1String("connect(): chosen by the system")));
        QVERIFY(text.contains(QLatin1String("accept()")));
        // The listening card and the accepted one stand side by side, in that order.
        const qsizetype listening = text.indexOf(QLatin1String("listening"));
        const qsizetype accepted = text.indexOf(QLatin1String("accepted from descriptor"));
        const qsizetype client = text.indexOf(QStringLiteral("Client \u00b7"));
        QVERIFY2(listening >= 0 && listening < accepted && accepted < client, qPrintable(text));
        QVERIFY(!cards.grab().isNull());
    }

    void wildcardAndDatagramSlots()
    {
        TupleCardsView cards;
        StageState state;
        StageEndpoint v6;
        v6.actor = QStringLiteral("server");
        v6.fd = 3;
        v6.family = AF_INET6;
        v6.tuple.protocol = {QStringLiteral("TCP"), Call::Socket, 1, false};
        v6.tuple.localAddress = {QStringLiteral("*"), Call::Bind, 2, false};
        StageEndpoint udp;
        udp.actor = QStringLiteral("client");
        udp.fd = 4;
        udp.family = AF_INET;
        udp.datagram = true;
        udp.tuple.perDatagram = true;
        udp.tuple.localAddress = {QStringLiteral("*"), Call::SendTo, 5, true};
        state.endpoints = {v6, udp};
        cards.setState(state);
        const QString text = cards.toPlainText();
        QVERIFY(text.contains(QLatin1String("in6addr_any")));
        QVERIFY(text.contains(QLatin1String("INADDR_ANY")));
        QVERIFY(text.contains(QLatin1String("each datagram carries its address")));
        QCOMPARE(cards.provenance({QStringLiteral("1"), Call::GetSockName, 7, true}),
                 QStringLiteral("chosen by the system, read back with getsockname()"));
    }

    // A traced server with many clients: the cards stay few, and the ones that matter now are
    // among them (the selected packet's ends, the listener, the latest open sockets); the
    // view says how many it leaves out.
    void manyDescriptorsShowTheOnesThatMatter()
    {
        StageState state;
        StageEndpoint listener;
        listener.actor = QStringLiteral("server");
        listener.fd = 3;
        listener.family = AF_INET;
        listener.phase = StageEndpoint::Phase::Listening;
        state.endpoints.append(listener);
        constexpr int handsets = 1000;
        for (int i = 0; i < handsets; ++i) {
            StageEndpoint handset;
            handset.actor = QStringLiteral("child-%1").arg(i);
            handset.fd = 4;
            handset.family = AF_INET;
            handset.phase =
                i < handsets - 5 ? StageEndpoint::Phase::Closed : StageEndpoint::Phase::Connected;
            state.endpoints.append(handset);
        }
        TupleCardsView cards;
        cards.setActors({QStringLiteral("server")}, {QStringLiteral("Server")});
        const PacketEnd old{QStringLiteral("child-7"), 4};
        cards.setHighlighted({old});
        cards.setState(state);
        const QString html = cards.cardsHtml();
        const QString text = cards.toPlainText();
        const qsizetype shown = text.count(QLatin1String("descriptor 4"));
        QVERIFY2(shown > 5 && shown < 40, qPrintable(QString::number(shown)));
        QVERIFY2(text.contains(QStringLiteral("%1 of %2 descriptors (995 of them closed)")
                                   .arg(shown + 1)
                                   .arg(handsets + 1)),
                 qPrintable(text.left(300)));
        QVERIFY(text.contains(QLatin1String("listening")));
        QVERIFY(html.contains(QStringLiteral("child-7 \u00b7")));
        QVERIFY(html.contains(QLatin1String("an end of the selected packet")));
        // The five open ones, and the latest closed one, not the first ones.
        for (int i = handsets - 6; i < handsets; ++i)
            QVERIFY2(html.contains(QStringLiteral("child-%1 \u00b7").arg(i)),
                     qPrintable(QString::number(i)));
        QVERIFY(!html.contains(QStringLiteral("child-0 \u00b7")));

        // Few descriptors: every card, and no word about leaving any out.
        state.endpoints.resize(10);
        cards.setState(state);
        QCOMPARE(cards.toPlainText().count(QLatin1String("descriptor 4")), 9);
        QVERIFY(!cards.toPlainText().contains(QLatin1String("descriptors (")));
    }

    void bytesOfTheSockaddrPassedToBindAndConnect()
    {
        Session session;
        QVERIFY(
            TestScenarios::runToEnd(session, TestScenarios::builtIn(QStringLiteral("tcp-echo"))));
        const CallEvent& connect = *findCall(session.log(), u"client", Call::Connect);
        const quint16 port = connect.arguments.address.port();
        ByteOrderView view;
        view.setCall(connect);
        const QString text = view.toPlainText();
        QVERIFY(text.contains(
            QLatin1String("connect(): the sockaddr_in the program passed, 16 bytes")));
        QVERIFY(text.contains(QLatin1String("sin_port")) &&
                text.contains(QLatin1String("sin_zero")));
        QVERIFY(text.contains(QStringLiteral("htons(%1)").arg(port)));
        QVERIFY(text.contains(QLatin1String("7f 00 00 01"))); // 127.0.0.1, network order
        const quint16 forgotten = ByteOrder::portWithoutHtons(port);
        if (forgotten != port)
            QVERIFY(text.contains(
                QStringLiteral("read port %1 instead of %2").arg(forgotten).arg(port)));
        // The port's two bytes sit at sin_port's offset, high byte first.
        const QString portHex = QString::fromLatin1(
            QByteArray::fromHex(QByteArray::number(port, 16).rightJustified(4, '0')).toHex(' '));
        QVERIFY2(text.contains(portHex), qPrintable(portHex));

        view.setCall(*findCall(session.log(), u"server", Call::Accept));
        QVERIFY(view.toPlainText().contains(QLatin1String("the kernel filled in")));
        view.setCall(*findCall(session.log(), u"server", Call::Listen));
        QVERIFY(view.toPlainText().contains(QLatin1String("listen() passes no address")));
        view.setCall(std::nullopt);
        QVERIFY(view.toPlainText().contains(QLatin1String("endian")));
    }

    // forgot-htons: the lesson is the port the program stored as it is, and the port the
    // network reads; not a conversion htons(34835) that it never made.
    void bytesShowWhatAProgramWithoutHtonsStored()
    {
        if (!ByteOrder::hostIsLittleEndian())
            QSKIP("on a big-endian machine a forgotten htons() changes nothing");
        Session session;
        QVERIFY(TestScenarios::runToEnd(session,
                                        TestScenarios::builtIn(QStringLiteral("forgot-htons"))));
        const CallEvent& forgetful = *findCall(session.log(), u"forgetful", Call::Connect);
        const quint16 meant = session.servicePort();
        const quint16 read = forgetful.arguments.address.port();
        QCOMPARE(read, ByteOrder::portWithoutHtons(meant));
        const QString text =
            ByteOrderView::html(forgetful, ByteOrderView::PortWriting::WithoutHtons);
        QVERIFY2(text.contains(QStringLiteral("port %1 stored without htons()").arg(meant)),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("sin_port = %1").arg(meant)));
        QVERIFY(text.contains(QStringLiteral("the network reads port %1").arg(read)));
        QVERIFY(text.contains(QLatin1String("This program forgot htons()")));
        QVERIFY2(!text.contains(QStringLiteral("htons(%1)").arg(read)), qPrintable(text));
        // The bytes in memory are the port it meant, low byte first.
        const QByteArray stored(reinterpret_cast<const char*>(&meant), 2);
        QVERIFY(text.contains(QString::fromLatin1(stored.toHex(' '))));

        // The careful client's connect() is still shown as a conversion.
        const CallEvent& careful = *findCall(session.log(), u"careful", Call::Connect);
        const QString htons = ByteOrderView::html(careful);
        QVERIFY(htons.contains(QStringLiteral("htons(%1)").arg(meant)));
        QVERIFY(!htons.contains(QLatin1String("stored without htons()")));
    }

    void converterShowsBothOrdersAndSaysWhatIsWrong()
    {
        ByteConverter converter;
        converter.show();
        converter.setInput(0, QStringLiteral("325"));
        QVERIFY(converter.errorText().isEmpty());
        QVERIFY(converter.resultText().contains(QLatin1String("01 45"))); // network order
        if (ByteOrder::hostIsLittleEndian())
            QVERIFY(converter.resultText().contains(QLatin1String("17665")));
        converter.setInput(0, QStringLiteral("70000"));
        QVERIFY(converter.errorText().contains(QLatin1String("65535")));
        QVERIFY(converter.resultText().isEmpty());
        converter.setInput(2, QStringLiteral("::1"));
        QVERIFY(converter.resultText().contains(QLatin1String("00 01")));
        converter.setInput(2, QStringLiteral("1.2.3"));
        QVERIFY(converter.errorText().contains(QLatin1String("IPv4")));
        converter.setInput(1, QStringLiteral("0x7f000001"));
        QVERIFY(converter.resultText().contains(QLatin1String("7f 00 00 01")));
    }
};

QTEST_MAIN(TestTupleViews)
#include "tst_tupleviews.moc"
