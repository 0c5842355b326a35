#pragma once

#include "packets/packetevent.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;

namespace SocketScope {

class PacketListModel;
class SequenceDiagramView;

// The session's packets: where they come from (captured, or inferred and why, with the
// command that enables capture), the sequence diagram, and the packet list below it. A
// packet picked in either is shown in both and reported by packetClicked().
class PacketPanel : public QWidget {
    Q_OBJECT
public:
    explicit PacketPanel(QWidget* parent = nullptr);

    // captured: real packets; otherwise `reason` says why they are inferred (empty when the
    // user chose it) and `enableCommand` how to capture.
    void setSource(bool starting, bool captured, const QString& reason,
                   const QString& enableCommand);
    // Captured beyond loopback too (eth0...), and the interfaces the helper would not take.
    void setCapturedInterfaces(const QStringList& interfaces, const QString& refused);
    // Only AF_UNIX sockets: nothing goes on a wire, which the panel says instead of
    // promising packets.
    void setLocalOnly(bool localOnly);
    void setPackets(const QList<PacketEvent>& packets, const QList<int>& visible, qint64 originNs);
    void setActorNames(const QHash<QString, QString>& names);
    void highlightCall(qint64 callSeq);
    void selectPacket(qint64 packetSeq);

    // Rows of the packet list that stay visible however small the panel.
    static constexpr int listRowsShown = 4;

    SequenceDiagramView* diagram() const { return m_diagram; }
    QTableView* list() const { return m_list; }
    QString sourceText() const;

Q_SIGNALS:
    void packetClicked(qint64 packetSeq);

protected:
    void changeEvent(QEvent* event) override;

private:
    // Room for listRowsShown rows, and for the Info header, in the current font.
    void fitListToFont();

    void showSource();
    static QString refusedText(const QString& refused);

    struct Source {
        bool starting = false;
        bool captured = false;
        QString reason;
        QString enableCommand;
        QStringList interfaces;
        QString refusedInterfaces;
        bool localOnly = false;
    };
    Source m_sourceState;
    QLabel* m_source = nullptr;
    QCheckBox* m_relative = nullptr;
    SequenceDiagramView* m_diagram = nullptr;
    PacketListModel* m_model = nullptr;
    QTableView* m_list = nullptr;
    bool m_selecting = false;
};

} // namespace SocketScope
