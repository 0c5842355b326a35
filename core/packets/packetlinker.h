#pragma once

#include "calls/callevent.h"
#include "packets/packetevent.h"

#include <QList>

#include <memory>

namespace SocketScope {

// Links each packet to the call that made the kernel send it and to the session's
// descriptors at both ends, from the calls of the log (any order) alone:
// - SYN: the connect() of that socket; SYN/ACK: the connect() of the SYN it answers;
// - data and UDP datagrams: the latest write/send/sendto of the sending descriptor;
// - FIN: the latest close/shutdown of the sending descriptor;
// - RST: the close in progress on the sender (SO_LINGER 0), else the cause of what it answers;
// - a bare ACK: the cause of the segment it acknowledges (the handshake's last ACK is
//   connect()'s, the ACK of data is the write's, the ACK of a FIN is the close's).
// Captured packets keep their time; inferred packets keep the cause they were made with.
// Relative seq/ack count from each direction's first sequence number. `packets` are in time
// order and linked in place; those with neither end in the session keep both ends unknown.
void linkPackets(const QList<CallEvent>& calls, QList<PacketEvent>& packets);

// The same links for a log that grows: each link() gives the same result as linkPackets()
// over the whole log, but links again only the packets that what was added since the last
// one may change: those between endpoints whose descriptors got calls (from the calls'
// times on) or other addresses, and those after a packet put among them. A call that started
// before the last one linked makes the descriptors fold again from a checkpoint before it,
// so that a call costs about the same in a long log as in a short one.
class PacketLinker {
public:
    PacketLinker();
    ~PacketLinker();
    PacketLinker(const PacketLinker&) = delete;
    PacketLinker& operator=(const PacketLinker&) = delete;

    // Forgets everything linked: the next link() links the whole log.
    void clear();
    // `calls` only grew since the last link(); `packets` are unchanged before `changedFrom`.
    void link(const QList<CallEvent>& calls, QList<PacketEvent>& packets, qsizetype changedFrom);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace SocketScope
