#pragma once

#include "kernel/socketrow.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

// The kernel's sock_diag answers read from their bytes: every length the kernel gives (a
// message's, an attribute's) is checked against the bytes received before anything is read,
// and nothing here touches a socket, so the readers can be tested and fuzzed on bytes.
namespace SocketScope {

// One datagram of netlink's answer to the request numbered `sequence`.
struct DiagDatagram {
    // The bodies of its SOCK_DIAG_BY_FAMILY messages (an inet_diag_msg or a unix_diag_msg
    // and its attributes), in order. They point into the datagram's bytes.
    QList<QByteArrayView> messages;
    bool done = false; // NLMSG_DONE: the dump is over
    int error = 0;     // NLMSG_ERROR's errno; EPROTO when it is cut short or names none (an ack)
    bool interrupted = false; // NLM_F_DUMP_INTR: sockets came and went during the dump
};
// Messages of other requests (left from a dump that ended in an error) are skipped; a
// message whose length runs past the datagram ends it.
DiagDatagram readDiagDatagram(QByteArrayView datagram, quint32 sequence);

// A TCP or UDP socket from an inet_diag_msg of the dump of `family` and `protocol`; nullopt
// when the message is shorter than the structure.
std::optional<SocketRow> inetRowFromMessage(QByteArrayView message, int family, int protocol);
// A UNIX socket from a unix_diag_msg and the attributes the dump asked for.
std::optional<SocketRow> unixRowFromMessage(QByteArrayView message);
// The inode of the peer a unix_diag_msg names (UNIX_DIAG_PEER); 0 for none.
quint64 unixPeerFromMessage(QByteArrayView message);

} // namespace SocketScope
