#include "log/tcpstatelog.h"

#include <QCoreApplication>

#include <algorithm>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(TcpStateLog)
};

// A listener, an unconnected socket: no peer of its own.
SocketAddress peerOf(const SocketAddress& peer)
{
    return peer.isValid() && peer.port() != 0 ? peer.unmapped() : SocketAddress();
}

// A descriptor of one process, and the connection it holds (local, peer or none).
using Descriptor = std::pair<qint64, int>;
using Connection = std::pair<SocketAddress, SocketAddress>;

// Follows one end through the RFC 9293 transitions the packets make.
class Follower {
public:
    Follower(const SocketAddress& local, const SocketAddress& peer)
        : m_local(local.unmapped())
        , m_peer(peerOf(peer))
        , m_listener(!m_peer.isValid())
    {
    }

    void onCall(const CallEvent& call, QHash<Descriptor, Connection>& connectionOf)
    {
        const Descriptor descriptor{call.pid, call.fd()};
        if (Calls::has(call.call, CallTrait::ReleasesDescriptor) && !call.failed()) {
            // A listener or an unanswered connect sends nothing when closed: no packet says so.
            if (connectionOf.value(descriptor) == Connection{m_local, m_peer} && m_state &&
                (*m_state == TcpState::Listen || *m_state == TcpState::SynSent))
                enter(TcpState::Closed, call.tNs + call.durationNs, Tr::tr("close()"));
            connectionOf.remove(descriptor);
            return;
        }
        if (call.resultFd() < 0 || !call.after.local.isValid())
            return;
        const Connection connection{call.after.local.unmapped(), peerOf(call.after.peer)};
        connectionOf.insert({call.pid, call.resultFd()}, connection);
        if (connection != Connection{m_local, m_peer} || !call.after.tcpState)
            return;
        enter(*call.after.tcpState, call.tNs + call.durationNs,
              Calls::name(call.call) + QStringLiteral("()"));
    }

    void onPacket(const PacketEvent& packet)
    {
        if (m_listener || !packet.isTcp())
            return;
        const DecodedPacket& p = packet.decoded;
        const bool sent = p.source == m_local && p.destination == m_peer;
        const bool received = p.source == m_peer && p.destination == m_local;
        if (!sent && !received)
            return;
        const quint8 flags = p.tcpFlags;
        const bool syn = flags & DecodedPacket::Syn;
        const bool ack = flags & DecodedPacket::Ack;
        const bool fin = flags & DecodedPacket::Fin;
        const QString what = p.flagsText();
        const QString cause = sent ? Tr::tr("%1 sent").arg(what) : Tr::tr("%1 received").arg(what);
        const qint64 t = packet.tNs;
        const TcpState now = m_state.value_or(TcpState::Closed);
        if (flags & DecodedPacket::Rst) {
            enter(TcpState::Closed, t, cause);
        } else if (sent) {
            if (syn && !ack)
                enter(TcpState::SynSent, t, cause);
            else if (syn)
                enter(TcpState::SynReceived, t, cause);
            else if (fin) {
                m_finEnd = p.sequenceNumber + quint32(packet.payloadLength()) + 1;
                if (now == TcpState::CloseWait)
                    enter(TcpState::LastAck, t, cause);
                else if (now == TcpState::Established || now == TcpState::SynReceived)
                    enter(TcpState::FinWait1, t, cause);
            }
        } else {
            const bool acksOurFin =
                ack && m_finEnd && (packet.inferred || p.acknowledgementNumber == *m_finEnd);
            if (syn && !ack && (now == TcpState::Closed || now == TcpState::Listen))
                enter(TcpState::Listen, t, Tr::tr("listening socket"));
            else if (syn && ack && now == TcpState::SynSent)
                enter(TcpState::Established, t, cause);
            else if (!syn && ack && now == TcpState::SynReceived)
                enter(TcpState::Established, t, cause);
            if (fin) {
                if (now == TcpState::Established || now == TcpState::SynReceived)
                    enter(TcpState::CloseWait, t, cause);
                else if (now == TcpState::FinWait2 || (now == TcpState::FinWait1 && acksOurFin))
                    enter(TcpState::TimeWait, t, cause);
                else if (now == TcpState::FinWait1)
                    enter(TcpState::Closing, t, cause);
            } else if (acksOurFin) {
                if (now == TcpState::FinWait1)
                    enter(TcpState::FinWait2, t, cause);
                else if (now == TcpState::Closing)
                    enter(TcpState::TimeWait, t, cause);
                else if (now == TcpState::LastAck)
                    enter(TcpState::Closed, t, cause);
            }
        }
    }

    const QList<LoggedTcpState>& states() const { return m_states; }

private:
    void enter(TcpState state, qint64 tNs, const QString& cause)
    {
        if (m_state == state)
            return;
        m_state = state;
        m_states.append(LoggedTcpState{state, tNs, cause});
    }

    SocketAddress m_local;
    SocketAddress m_peer; // invalid for a listener
    bool m_listener;
    std::optional<TcpState> m_state;
    std::optional<quint32> m_finEnd;
    QList<LoggedTcpState> m_states;
};

} // namespace

QList<LoggedTcpState> tcpStatesFromLog(const EventLog& log, int callCount,
                                       const SocketAddress& local, const SocketAddress& peer)
{
    const int calls = std::clamp(callCount, 0, int(log.calls().size()));
    // Calls count when they return (the state is the kernel's after the call), packets
    // when they crossed; at equal times the packet first, since the call returned after it.
    struct Moment {
        qint64 tNs;
        int order;
        int index;
    };
    QList<Moment> moments;
    for (int i = 0; i < calls; ++i) {
        const CallEvent& call = log.calls().at(i);
        moments.append(Moment{call.tNs + call.durationNs, 1, i});
    }
    for (const int i : log.packetsVisibleAt(calls))
        moments.append(Moment{log.packets().at(i).tNs, 0, i});
    std::stable_sort(moments.begin(), moments.end(), [](const Moment& a, const Moment& b) {
        return a.tNs != b.tNs ? a.tNs < b.tNs : a.order < b.order;
    });
    Follower follower(local, peer);
    QHash<Descriptor, Connection> connectionOf;
    for (const Moment& moment : moments) {
        if (moment.order == 1)
            follower.onCall(log.calls().at(moment.index), connectionOf);
        else
            follower.onPacket(log.packets().at(moment.index));
    }
    return follower.states();
}

} // namespace SocketScope
