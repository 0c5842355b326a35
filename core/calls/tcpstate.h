#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace SocketScope {

// The states of a TCP connection as RFC 9293 names them.
enum class TcpState {
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait
};
inline constexpr int tcpStateCount = int(TcpState::TimeWait) + 1;

// The names Linux gives the states (/proc/net/tcp, sock_diag): "SYN_RECV" and
// "NEW_SYN_RECV" are SYN-RECEIVED, "CLOSE" and "UNCONN" are CLOSED.
std::optional<TcpState> tcpStateFromKernelName(QStringView name);
QString kernelName(TcpState state); // "SYN_RECV", "CLOSE": what /proc/net shows
// The state of a kernel state number (tcpi_state, sock_diag's idiag_state).
std::optional<TcpState> tcpStateFromKernelNumber(int number);
QString rfcName(TcpState state); // "SYN-RECEIVED", "CLOSED": the RFC's spelling

// One arrow of RFC 9293 figure 5, with the event and the action said in terms of the sockets
// API ("connect()" rather than "active OPEN"), translated.
struct TcpTransition {
    TcpState from;
    TcpState to;
    QString event;
    QString action; // empty when the transition sends nothing
};

// The figure's arrows, plus FIN-WAIT-1 to TIME-WAIT on a FIN that acknowledges ours, which
// Linux takes in one step. Translated on the first call, so after the translators are set.
const QList<TcpTransition>& tcpTransitions();
// The index in tcpTransitions() of the arrow from one state to the other, -1 when none.
int tcpTransitionIndex(TcpState from, TcpState to);
// The states along the shortest chain of transitions, both ends included; {from} when the
// states are equal, empty when `to` cannot be reached. The chain never goes through CLOSED,
// because what follows CLOSED is another connection. Between chains of equal length, the
// arrows listed first in tcpTransitions() win (ESTABLISHED to CLOSED: the active close).
QList<TcpState> tcpPath(TcpState from, TcpState to);

// What the state means, in one translated sentence.
QString tcpStateExplanation(TcpState state);

} // namespace SocketScope
