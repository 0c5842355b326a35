#include "calls/tcpstate.h"

#include <QCoreApplication>

#include <array>

namespace SocketScope {

namespace {

struct StateNames {
    const char* kernel;
    const char* rfc;
};

// In the order of TcpState.
constexpr std::array<StateNames, tcpStateCount> stateNames{{
    {"CLOSE", "CLOSED"},
    {"LISTEN", "LISTEN"},
    {"SYN_SENT", "SYN-SENT"},
    {"SYN_RECV", "SYN-RECEIVED"},
    {"ESTABLISHED", "ESTABLISHED"},
    {"FIN_WAIT1", "FIN-WAIT-1"},
    {"FIN_WAIT2", "FIN-WAIT-2"},
    {"CLOSE_WAIT", "CLOSE-WAIT"},
    {"CLOSING", "CLOSING"},
    {"LAST_ACK", "LAST-ACK"},
    {"TIME_WAIT", "TIME-WAIT"},
}};

struct KnownTransition {
    TcpState from;
    TcpState to;
    const char* event;
    const char* action;
};

constexpr KnownTransition knownTransitions[] = {
    {TcpState::Closed, TcpState::Listen, QT_TRANSLATE_NOOP("TcpState", "listen()"), ""},
    {TcpState::Closed, TcpState::SynSent, QT_TRANSLATE_NOOP("TcpState", "connect()"),
     QT_TRANSLATE_NOOP("TcpState", "send SYN")},
    {TcpState::Listen, TcpState::SynReceived, QT_TRANSLATE_NOOP("TcpState", "receive SYN"),
     QT_TRANSLATE_NOOP("TcpState", "send SYN+ACK")},
    {TcpState::SynSent, TcpState::Established, QT_TRANSLATE_NOOP("TcpState", "receive SYN+ACK"),
     QT_TRANSLATE_NOOP("TcpState", "send ACK")},
    {TcpState::SynReceived, TcpState::Established, QT_TRANSLATE_NOOP("TcpState", "receive ACK"),
     ""},
    // Simultaneous open: both sides called connect() and their SYNs crossed.
    {TcpState::SynSent, TcpState::SynReceived, QT_TRANSLATE_NOOP("TcpState", "receive SYN"),
     QT_TRANSLATE_NOOP("TcpState", "send SYN+ACK")},
    {TcpState::Listen, TcpState::Closed, QT_TRANSLATE_NOOP("TcpState", "close()"), ""},
    {TcpState::SynSent, TcpState::Closed, QT_TRANSLATE_NOOP("TcpState", "close()"), ""},
    {TcpState::SynReceived, TcpState::FinWait1, QT_TRANSLATE_NOOP("TcpState", "close()"),
     QT_TRANSLATE_NOOP("TcpState", "send FIN")},
    {TcpState::Established, TcpState::FinWait1, QT_TRANSLATE_NOOP("TcpState", "close()"),
     QT_TRANSLATE_NOOP("TcpState", "send FIN")},
    {TcpState::Established, TcpState::CloseWait, QT_TRANSLATE_NOOP("TcpState", "receive FIN"),
     QT_TRANSLATE_NOOP("TcpState", "send ACK")},
    {TcpState::FinWait1, TcpState::FinWait2, QT_TRANSLATE_NOOP("TcpState", "receive ACK of FIN"),
     ""},
    {TcpState::FinWait1, TcpState::Closing, QT_TRANSLATE_NOOP("TcpState", "receive FIN"),
     QT_TRANSLATE_NOOP("TcpState", "send ACK")},
    {TcpState::FinWait2, TcpState::TimeWait, QT_TRANSLATE_NOOP("TcpState", "receive FIN"),
     QT_TRANSLATE_NOOP("TcpState", "send ACK")},
    {TcpState::Closing, TcpState::TimeWait, QT_TRANSLATE_NOOP("TcpState", "receive ACK of FIN"),
     ""},
    {TcpState::CloseWait, TcpState::LastAck, QT_TRANSLATE_NOOP("TcpState", "close()"),
     QT_TRANSLATE_NOOP("TcpState", "send FIN")},
    {TcpState::LastAck, TcpState::Closed, QT_TRANSLATE_NOOP("TcpState", "receive ACK of FIN"), ""},
    {TcpState::TimeWait, TcpState::Closed, QT_TRANSLATE_NOOP("TcpState", "timeout 2 MSL"), ""},
    // Not in the RFC's figure: the peer's FIN arrives with the ACK of ours.
    {TcpState::FinWait1, TcpState::TimeWait, QT_TRANSLATE_NOOP("TcpState", "receive FIN+ACK"),
     QT_TRANSLATE_NOOP("TcpState", "send ACK")},
};

QString translated(const char* text)
{
    return *text ? QCoreApplication::translate("TcpState", text) : QString();
}

} // namespace

std::optional<TcpState> tcpStateFromKernelName(QStringView name)
{
    for (int i = 0; i < tcpStateCount; ++i) {
        if (name == QLatin1String(stateNames[i].kernel))
            return TcpState(i);
    }
    if (name == QLatin1String("NEW_SYN_RECV"))
        return TcpState::SynReceived;
    if (name == QLatin1String("UNCONN"))
        return TcpState::Closed;
    return std::nullopt;
}

std::optional<TcpState> tcpStateFromKernelNumber(int number)
{
    // include/net/tcp_states.h
    switch (number) {
    case 1:
        return TcpState::Established;
    case 2:
        return TcpState::SynSent;
    case 3:
    case 12: // TCP_NEW_SYN_RECV: a request not yet a full socket
        return TcpState::SynReceived;
    case 4:
        return TcpState::FinWait1;
    case 5:
        return TcpState::FinWait2;
    case 6:
        return TcpState::TimeWait;
    case 7:
        return TcpState::Closed;
    case 8:
        return TcpState::CloseWait;
    case 9:
        return TcpState::LastAck;
    case 10:
        return TcpState::Listen;
    case 11:
        return TcpState::Closing;
    default:
        return std::nullopt;
    }
}

QString kernelName(TcpState state)
{
    return QString::fromLatin1(stateNames[int(state)].kernel);
}

QString rfcName(TcpState state)
{
    return QString::fromLatin1(stateNames[int(state)].rfc);
}

const QList<TcpTransition>& tcpTransitions()
{
    static const QList<TcpTransition> transitions = [] {
        QList<TcpTransition> list;
        for (const KnownTransition& known : knownTransitions)
            list.append({known.from, known.to, translated(known.event), translated(known.action)});
        return list;
    }();
    return transitions;
}

int tcpTransitionIndex(TcpState from, TcpState to)
{
    for (int i = 0; i < int(std::size(knownTransitions)); ++i) {
        if (knownTransitions[i].from == from && knownTransitions[i].to == to)
            return i;
    }
    return -1;
}

QList<TcpState> tcpPath(TcpState from, TcpState to)
{
    // Breadth first from `from`, remembering where each state was first reached from.
    std::array<int, tcpStateCount> previous;
    previous.fill(-1);
    previous[int(from)] = int(from);
    QList<TcpState> queue{from};
    for (qsizetype next = 0; next < queue.size() && previous[int(to)] < 0; ++next) {
        const TcpState state = queue.at(next);
        if (next > 0 && state == TcpState::Closed)
            continue;
        for (const KnownTransition& known : knownTransitions) {
            if (known.from == state && previous[int(known.to)] < 0) {
                previous[int(known.to)] = int(state);
                queue.append(known.to);
            }
        }
    }
    if (previous[int(to)] < 0)
        return {};
    QList<TcpState> path{to};
    while (path.first() != from)
        path.prepend(TcpState(previous[int(path.first())]));
    return path;
}

QString tcpStateExplanation(TcpState state)
{
    switch (state) {
    case TcpState::Closed:
        return QCoreApplication::translate(
            "TcpState", "No connection: the phone is not plugged in, or the call is over.");
    case TcpState::Listen:
        return QCoreApplication::translate(
            "TcpState",
            "Waiting for calls: the phone is plugged in and rings when a client connects.");
    case TcpState::SynSent:
        return QCoreApplication::translate(
            "TcpState",
            "Dialling: a SYN went out and the caller waits for the other side to pick up.");
    case TcpState::SynReceived:
        return QCoreApplication::translate(
            "TcpState", "Picking up: the SYN was answered with SYN+ACK and the caller's ACK, "
                        "the last step of the handshake, is awaited.");
    case TcpState::Established:
        return QCoreApplication::translate(
            "TcpState",
            "In conversation: the handshake is done and both sides may send and receive.");
    case TcpState::FinWait1:
        return QCoreApplication::translate(
            "TcpState", "Saying goodbye first: this side sent its FIN and waits for the peer "
                        "to acknowledge it.");
    case TcpState::FinWait2:
        return QCoreApplication::translate(
            "TcpState", "Goodbye acknowledged: this side has nothing more to say and waits for "
                        "the peer to hang up too (its FIN).");
    case TcpState::CloseWait:
        return QCoreApplication::translate(
            "TcpState", "The peer hung up (its FIN arrived): this side may still send, and "
                        "must call close() to hang up in turn.");
    case TcpState::Closing:
        return QCoreApplication::translate(
            "TcpState", "Both said goodbye at once: the FINs crossed, and each side waits for "
                        "the acknowledgement of its own.");
    case TcpState::LastAck:
        return QCoreApplication::translate(
            "TcpState", "Hung up last: this side sent its FIN after the peer's and waits for "
                        "the final ACK.");
    case TcpState::TimeWait:
        return QCoreApplication::translate(
            "TcpState", "Hung up first: the port is kept for twice the maximum segment "
                        "lifetime so that late packets of this call are not taken for a new "
                        "one.");
    }
    return {};
}

} // namespace SocketScope
