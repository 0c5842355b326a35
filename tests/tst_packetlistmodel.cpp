#include "packetlistmodel.h"
#include "testpackets.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace SocketScope;

class TestPacketListModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void columnsDescribeEachPacket()
    {
        PacketListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPackets(TestPackets::echoSession(), TestPackets::indices(6), 1'000'000);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.columnCount(), int(PacketListModel::ColumnCount));
        const auto text = [&](int row, int column) {
            return model.data(model.index(row, column)).toString();
        };
        QCOMPARE(text(3, PacketListModel::SeqColumn), QStringLiteral("14"));
        QCOMPARE(text(3, PacketListModel::TimeColumn), QStringLiteral("+1.500 ms"));
        QCOMPARE(text(3, PacketListModel::SourceColumn), TestPackets::client);
        QCOMPARE(text(3, PacketListModel::DestinationColumn), TestPackets::server);
        QCOMPARE(text(3, PacketListModel::ProtocolColumn), QStringLiteral("TCP"));
        QCOMPARE(text(3, PacketListModel::InfoColumn),
                 QStringLiteral("PSH, ACK len=14  seq=1 ack=1 win=512"));
        QCOMPARE(text(3, PacketListModel::CauseColumn), QStringLiteral("13"));
        QCOMPARE(text(3, PacketListModel::OriginColumn), QStringLiteral("captured"));
        // The kernel's answer was caused by no call of this session.
        QVERIFY(!model.data(model.index(1, PacketListModel::CauseColumn)).isValid());

        QCOMPARE(text(5, PacketListModel::ProtocolColumn), QStringLiteral("UDP"));
        QCOMPARE(text(5, PacketListModel::InfoColumn), QStringLiteral("UDP len=5"));
        QCOMPARE(text(5, PacketListModel::OriginColumn), QStringLiteral("inferred"));
        QCOMPARE(model.headerData(PacketListModel::SeqColumn, Qt::Horizontal).toString(),
                 QStringLiteral("No."));
        QCOMPARE(model.headerData(PacketListModel::OriginColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Origin"));
    }

    void rolesGiveTheSeqAndTheOrigin()
    {
        PacketListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPackets(TestPackets::echoSession(), {0, 5}, 0);
        const QModelIndex captured = model.index(0, PacketListModel::InfoColumn);
        const QModelIndex inferred = model.index(1, PacketListModel::InfoColumn);
        QCOMPARE(model.data(captured, Qt::UserRole).toLongLong(), 10);
        QCOMPARE(model.data(inferred, PacketListModel::PacketSeqRole).toLongLong(), 17);
        QVERIFY(!model.data(captured, PacketListModel::InferredRole).toBool());
        QVERIFY(model.data(inferred, PacketListModel::InferredRole).toBool());
        QVERIFY(model.data(inferred, Qt::FontRole).value<QFont>().italic());
        QVERIFY(!model.data(captured, Qt::FontRole).isValid());
        QCOMPARE(model.rowOfPacket(17), 1);
        QCOMPARE(model.rowOfPacket(14), -1);
        QCOMPARE(model.packet(1).seq, 17);
    }

    void appendingInsertsAndSteppingBackRemoves()
    {
        const QList<PacketEvent> packets = TestPackets::echoSession();
        PacketListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setPackets(packets, TestPackets::indices(3), 0);
        model.setPackets(packets, TestPackets::indices(6), 0);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.last().at(1).toInt(), 3);
        QCOMPARE(inserted.last().at(2).toInt(), 5);
        model.setPackets(packets, TestPackets::indices(6), 0);
        QCOMPARE(inserted.size(), 2);

        model.setPackets(packets, TestPackets::indices(2), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.last().at(1).toInt(), 2);
        QCOMPARE(removed.last().at(2).toInt(), 5);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(reset.size(), 0);

        // A new run reuses sequence numbers at other times: every row changes.
        QList<PacketEvent> again = packets;
        for (PacketEvent& packet : again)
            packet.tNs += 1'000'000'000;
        model.setPackets(again, TestPackets::indices(4), 0);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 4);
        model.setPackets(again, TestPackets::indices(4), 500);
        QCOMPARE(reset.size(), 2);
    }

    void relativeNumbersChangeTheInfoColumn()
    {
        PacketListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPackets(TestPackets::echoSession(), {3}, 0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setRelativeNumbers(false);
        model.setRelativeNumbers(false);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.data(model.index(0, PacketListModel::InfoColumn)).toString(),
                 QStringLiteral("PSH, ACK len=14  seq=1001 ack=2001 win=512"));
    }
};

QTEST_MAIN(TestPacketListModel)
#include "tst_packetlistmodel.moc"
