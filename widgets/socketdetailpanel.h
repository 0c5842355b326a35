#pragma once

#include "kernel/inspectorrow.h"
#include "log/tcpstatelog.h"

#include <QWidget>

class QLabel;

namespace SocketScope {

class AcceptQueueView;
class TcpStateMachineView;

// One socket in detail: its TCP state on the RFC 9293 state machine with the states it went
// through, TCP_INFO, and for a listener its accept queue.
class SocketDetailPanel : public QWidget {
    Q_OBJECT
public:
    explicit SocketDetailPanel(QWidget* parent = nullptr);

    // The kernel's view of the socket (live). For a socket of the session, `logStates` are
    // the states the event log gives at the selected step: then they are lit, and the
    // kernel's current state is drawn as the secondary one.
    void showSocket(const InspectorRow& row,
                    const std::optional<QList<LoggedTcpState>>& logStates = std::nullopt);
    void clear();

    TcpStateMachineView* stateMachine() const { return m_stateMachine; }
    AcceptQueueView* acceptQueue() const { return m_acceptQueue; }
    QString tcpInfoText() const;

private:
    TcpStateMachineView* m_stateMachine;
    AcceptQueueView* m_acceptQueue;
    QLabel* m_title;
    QLabel* m_source;
    QLabel* m_tcpInfo;
};

// TCP_INFO as an HTML table for a person: units, "slow start" for an unset threshold.
QString tcpInfoHtml(const TcpInfo& info);

} // namespace SocketScope
