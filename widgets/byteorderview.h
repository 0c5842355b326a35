#pragma once

#include "calls/callevent.h"
#include "packets/packetevent.h"

#include <QTextBrowser>

#include <optional>

namespace SocketScope {

// The bytes of the sockaddr the selected call passed (bind, connect, sendto) or received
// (accept, recvfrom, getsockname, getpeername), offset by offset and coloured by field; the
// port and address in host and network order with the conversion that produced them; this
// machine's endianness; and the port a peer would see had the program forgotten htons().
class ByteOrderView : public QTextBrowser {
    Q_OBJECT
public:
    explicit ByteOrderView(QWidget* parent = nullptr);

    void setCall(const std::optional<CallEvent>& call);
    // A packet's header bytes, its ports matched to the sockaddr of the call that caused it.
    void setPacket(const PacketEvent& packet, const std::optional<CallEvent>& cause);
    static QString html(const std::optional<CallEvent>& call);
};

} // namespace SocketScope
