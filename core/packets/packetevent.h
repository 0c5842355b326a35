#pragma once

#include "packets/packetdecoder.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace SocketScope {

// A session descriptor at one end of a packet: which actor's socket sent or received it.
struct PacketEnd {
    QString actor;
    int fd = -1;

    bool isKnown() const { return fd >= 0; }
    bool operator==(const PacketEnd&) const = default;
};

// One TCP segment or UDP datagram of the session, captured on the wire or inferred from the
// calls when capture is not permitted. Kept by the event log, which links it to the calls
// (cause, sender, receiver, relative numbers). The JSON form ("kind":"packet") is documented
// in docs/trace-format.md.
struct PacketEvent {
    qint64 seq = 0;           // numbered with the calls, in the order packets arrived
    qint64 tNs = 0;           // CLOCK_MONOTONIC, comparable with the calls' times
    qint64 captureTimeNs = 0; // the capture's own timestamp (since the epoch); 0 if inferred
    bool inferred = false;    // made up from the calls, never put on a pcap file
    int linkType = -1;        // of `frame`; -1 when inferred
    QByteArray frame;         // the captured bytes; empty when inferred
    quint32 originalLength = 0;
    DecodedPacket decoded;
    // Payload bytes the log did not keep (a long stream keeps a sample; log/bytebudget.h):
    // cut from the end of decoded.payload and of `frame`.
    qint64 payloadNotKept = 0;
    qint64 cause = -1; // seq of the call that made the kernel send it; -1 when unknown
    PacketEnd sender;
    PacketEnd receiver;
    bool sentByCaller = false; // inferred: `sender` is the descriptor of the call that made it
    // seq/ack relative to the first sequence number of each direction (as Wireshark does).
    quint32 relativeSeq = 0;
    quint32 relativeAck = 0;

    bool isTcp() const { return decoded.transport == DecodedPacket::Transport::Tcp; }
    // One of the session's packets: inferred from its calls, or captured with at least one
    // end linked to one of its descriptors (the capture may see other programs' too).
    bool isTheSessions() const { return inferred || sender.isKnown() || receiver.isKnown(); }
    QString protocolName() const; // "TCP" or "UDP"
    // Kept or not: the length on the wire.
    int payloadLength() const { return int(decoded.payload.size() + payloadNotKept); }
    // "SYN", "PSH, ACK len=14", "UDP len=14": the arrow's label.
    QString label() const;
    // "seq=1 ack=15 win=512 MSS=65495 SACK_PERM TS=123/0 WS=7": the row's details, with
    // relative (default) or absolute numbers.
    QString details(bool relative = true) const;
    bool operator==(const PacketEvent&) const = default;
};

// Where a session's packets come from: the capture helper, or inference from the calls (and
// why).
struct CaptureStatus {
    enum class Kind { Starting, Captured, Inferred };
    Kind kind = Kind::Inferred;
    QString reason;            // why they are inferred; empty when the user chose it
    QString enableCommand;     // the one command that lets this user capture, when that is why
    QStringList interfaces;    // captured beyond loopback (eth0...), as the system names them
    QString refusedInterfaces; // those the helper would not capture on, and why
    bool operator==(const CaptureStatus&) const = default;
};

} // namespace SocketScope

// As CallEvent: Qt containers, addresses and plain values, moved with their list's block.
Q_DECLARE_TYPEINFO(SocketScope::PacketEvent, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(SocketScope::PacketEvent)
