#pragma once

#include "calls/socketaddress.h"
#include "kernel/socketrow.h"

#include <optional>

namespace SocketScope {

// The program outside this process at the far end of a TCP connection or a connected UDP
// socket: the owner of the socket whose address is `peer` and whose peer is `local`, as
// sock_diag and /proc tell it (what ss -p shows). A connection not accepted yet belongs to no
// descriptor: the program listening at `peer` is the one that will pick it up. Nothing when the
// far end is this process's own, or when the kernel would not say whose it is.
std::optional<SocketOwner> outsidePeerOwner(const SocketAddress& local, const SocketAddress& peer,
                                            bool datagram);

// The same choice among rows already read (for tests): `self` is this process's PID.
std::optional<SocketOwner> outsidePeerOwner(const QList<SocketRow>& rows,
                                            const SocketAddress& local, const SocketAddress& peer,
                                            bool datagram, qint64 self);

// The program outside this process that sent a datagram from `sender` to `receiver`: the
// owner of the UDP socket bound at `sender` (at any address of this machine for a loopback
// sender), unconnected or connected to `receiver`, as sock_diag and /proc tell it. Nothing for
// a sender on another machine, for this process's own socket, or when the kernel would not say.
std::optional<SocketOwner> datagramSenderOwner(const SocketAddress& sender,
                                               const SocketAddress& receiver);

// The same choice among rows already read (for tests).
std::optional<SocketOwner> datagramSenderOwner(const QList<SocketRow>& rows,
                                               const SocketAddress& sender,
                                               const SocketAddress& receiver, qint64 self);

} // namespace SocketScope
