#pragma once

#include "calls/call.h"

#include <QString>

#include <optional>

namespace SocketScope {

// One slot of the quintuplet and where its value came from: the call that filled it (and
// its seq), and whether the system chose the value (an ephemeral port, the local address
// of a connect) rather than the program.
struct TupleField {
    QString value;              // "TCP", "127.0.0.1", "*", "5000", a path; empty while unknown
    std::optional<Call> source; // the call that filled it: socket, bind, connect, accept...
    qint64 seq = 0;             // the call event that filled it; 0 while empty
    bool chosenBySystem = false;

    bool isFilled() const { return !value.isEmpty(); }
    bool operator==(const TupleField&) const = default;
};

// The quintuplet {protocol, local address, local port, remote address, remote port} of a
// descriptor after a call. For an unconnected UDP socket the remote side exists only per
// datagram: `perDatagram` is set and the remote fields hold the last datagram's address.
struct SocketTuple {
    TupleField protocol;
    TupleField localAddress;
    TupleField localPort;
    TupleField remoteAddress;
    TupleField remotePort;
    bool perDatagram = false;

    bool operator==(const SocketTuple&) const = default;
};

} // namespace SocketScope
