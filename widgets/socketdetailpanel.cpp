#include "socketdetailpanel.h"

#include "acceptqueueview.h"
#include "tcpstatemachineview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace SocketScope {

namespace {

QString milliseconds(quint32 microseconds)
{
    return SocketDetailPanel::tr("%1 ms").arg(double(microseconds) / 1000.0, 0, 'f', 3);
}

QString ago(quint32 ms)
{
    return SocketDetailPanel::tr("%1 s ago").arg(double(ms) / 1000.0, 0, 'f', 1);
}

QList<TcpState> kernelTrace(const QList<StateChange>& history)
{
    QList<TcpState> trace;
    for (const StateChange& change : history) {
        if (const auto state = tcpStateFromKernelName(change.state))
            trace.append(*state);
        else if (change.state == QLatin1String("CLOSED"))
            trace.append(TcpState::Closed);
    }
    return trace;
}

} // namespace

QString tcpInfoHtml(const TcpInfo& info)
{
    const auto row = [](const QString& name, const QString& value) {
        return QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
            .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    using P = SocketDetailPanel;
    QString html = QStringLiteral("<table cellspacing=\"2\">");
    html +=
        row(P::tr("Round-trip time (rtt)"),
            P::tr("%1 (variation %2)").arg(milliseconds(info.rttUs), milliseconds(info.rttVarUs)));
    html += row(P::tr("Retransmission timeout"), milliseconds(info.rtoUs));
    html += row(P::tr("Congestion window (cwnd)"),
                P::tr("%n segment(s)", nullptr, int(info.congestionWindow)));
    html += row(P::tr("Slow-start threshold"),
                info.slowStartThresholdIsInfinite()
                    ? P::tr("none yet: still in slow start")
                    : P::tr("%n segment(s)", nullptr, int(info.slowStartThreshold)));
    html += row(P::tr("MSS"),
                P::tr("%1 bytes sent, %2 bytes received").arg(info.sendMss).arg(info.receiveMss));
    html += row(P::tr("Window scaling"), info.windowScaling
                                             ? P::tr("on: ours \u00d7%1, peer's \u00d7%2")
                                                   .arg(1u << info.receiveWindowScale)
                                                   .arg(1u << info.sendWindowScale)
                                             : P::tr("off"));
    html += row(P::tr("Retransmissions"),
                P::tr("%1 now, %2 in total").arg(info.retransmits).arg(info.totalRetransmits));
    html += row(P::tr("Bytes acknowledged / received"),
                QStringLiteral("%1 / %2").arg(info.bytesAcked).arg(info.bytesReceived));
    html += row(P::tr("Segments out / in"),
                QStringLiteral("%1 / %2").arg(info.segmentsOut).arg(info.segmentsIn));
    html +=
        row(P::tr("Last data sent / received"),
            QStringLiteral("%1 / %2").arg(ago(info.lastDataSentMs), ago(info.lastDataReceivedMs)));
    html += QStringLiteral("</table>");
    return html;
}

SocketDetailPanel::SocketDetailPanel(QWidget* parent)
    : QWidget(parent)
    , m_stateMachine(new TcpStateMachineView(this))
    , m_acceptQueue(new AcceptQueueView(this))
    , m_title(new QLabel(this))
    , m_source(new QLabel(this))
    , m_tcpInfo(new QLabel(this))
{
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_source->setWordWrap(true);
    m_tcpInfo->setTextFormat(Qt::RichText);
    m_tcpInfo->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* side = new QVBoxLayout;
    side->addWidget(m_title);
    side->addWidget(m_source);
    side->addWidget(m_tcpInfo);
    side->addWidget(m_acceptQueue);
    side->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_stateMachine, 3);
    layout->addLayout(side, 2);
    clear();
}

void SocketDetailPanel::clear()
{
    m_title->setText(tr("No socket selected."));
    m_source->clear();
    m_tcpInfo->clear();
    m_stateMachine->setCurrentState(std::nullopt);
    m_stateMachine->setSecondaryState(std::nullopt);
    m_stateMachine->setTrace({});
    m_acceptQueue->setQueue({});
    m_acceptQueue->hide();
}

void SocketDetailPanel::showSocket(const InspectorRow& row,
                                   const std::optional<QList<LoggedTcpState>>& logStates)
{
    const SocketRow& socket = row.socket;
    m_title->setText(
        QStringLiteral("<b>%1</b> %2 \u2194 %3")
            .arg(socket.protocol, socket.local.toHtmlEscaped(), socket.peer.toHtmlEscaped()));
    const std::optional<TcpState> kernelState = row.mark == RowMark::Closed
                                                    ? std::optional(TcpState::Closed)
                                                    : tcpStateFromKernelName(socket.state);
    if (!socket.isTcp()) {
        m_stateMachine->setCurrentState(std::nullopt);
        m_stateMachine->setSecondaryState(std::nullopt);
        m_stateMachine->setTrace({});
        m_source->setText(
            tr("%1 has no TCP states: the state machine is TCP's.").arg(socket.protocol.toUpper()));
    } else if (logStates && !logStates->isEmpty()) {
        QList<TcpState> trace;
        for (const LoggedTcpState& state : *logStates)
            trace.append(state.state);
        m_stateMachine->setCurrentState(trace.last());
        m_stateMachine->setTrace(
            trace.mid(qMax(0, int(trace.size()) - TcpStateMachineView::maximumTrace)));
        m_stateMachine->setSecondaryState(kernelState);
        m_stateMachine->setSecondaryCaption(tr("kernel now"));
        m_source->setText(tr("Lit: the state at the selected step of the session (%1). "
                             "Dashed: the kernel's state now.")
                              .arg(logStates->last().cause));
    } else {
        m_stateMachine->setCurrentState(kernelState);
        m_stateMachine->setSecondaryState(std::nullopt);
        m_stateMachine->setTrace(kernelTrace(row.history));
        m_source->setText(tr("As the kernel reports it, refreshed live; the trace shows the "
                             "states seen at each refresh."));
    }
    const bool listening = socket.isTcp() && socket.state == QLatin1String("LISTEN");
    // A listener carries no connection: its TCP_INFO is all zeros.
    m_tcpInfo->setText(socket.tcpInfo && !listening ? tcpInfoHtml(*socket.tcpInfo) : QString());
    m_acceptQueue->setVisible(listening);
    if (listening)
        m_acceptQueue->setQueue(AcceptQueue{socket.local, socket.sendQ, row.waitingPeers,
                                            row.halfOpenPeers, socket.recvQ});
}

QString SocketDetailPanel::tcpInfoText() const
{
    return m_tcpInfo->text();
}

} // namespace SocketScope
