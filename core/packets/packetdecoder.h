#pragma once

#include "calls/socketaddress.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace SocketScope {

// A TCP or UDP packet as the sequence diagram shows it, decoded from the captured frame.
struct DecodedPacket {
    enum class Transport { Unknown, Tcp, Udp };
    // TCP flag bits as they are in the header.
    enum TcpFlag : quint8 {
        Fin = 0x01,
        Syn = 0x02,
        Rst = 0x04,
        Psh = 0x08,
        Ack = 0x10,
        Urg = 0x20
    };

    int ipVersion = 0;
    Transport transport = Transport::Unknown;
    SocketAddress source; // the IP header's addresses with the TCP/UDP header's ports
    SocketAddress destination;
    int networkOffset = -1;   // where the IP header starts in the frame
    int transportOffset = -1; // where the TCP/UDP header starts in the frame (its port bytes)
    quint8 tcpFlags = 0;
    quint32 sequenceNumber = 0;
    quint32 acknowledgementNumber = 0;
    quint16 window = 0;
    std::optional<quint16> mss;
    bool sackPermitted = false;
    std::optional<quint8> windowScale;
    std::optional<std::pair<quint32, quint32>> timestamps; // TSval, TSecr
    QByteArray payload;
    QString error; // why the frame could not be decoded entirely; empty when it could

    bool isValid() const { return error.isEmpty() && transport != Transport::Unknown; }
    bool operator==(const DecodedPacket&) const = default;
    QString flagsText() const; // "SYN", "SYN, ACK", "FIN, ACK", "" for UDP
    // "127.0.0.1:5000", "[::1]:5000"; "127.0.0.1:?" for an inferred packet whose port the
    // kernel no longer tells (no packet on the wire has port 0).
    static QString endpointText(const SocketAddress& address);
};

// Link types of pcap (the values libpcap's DLT_* have in files).
namespace LinkType {
constexpr int Null = 0;       // BSD loopback: a 4-byte family
constexpr int Ethernet = 1;   // Linux "lo" too: an all-zero Ethernet header
constexpr int Raw = 101;      // the IP header directly
constexpr int LinuxSll = 113; // the "any" pseudo-interface
constexpr int LinuxSll2 = 276;
} // namespace LinkType

// Decodes one captured frame. A truncated or malformed frame gives a packet with `error`
// set and whatever was read before the problem: never a crash, never a read out of bounds.
DecodedPacket decodeFrame(int linkType, const QByteArray& frame);

} // namespace SocketScope
