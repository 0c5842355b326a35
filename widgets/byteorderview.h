#pragma once

#include "calls/callevent.h"
#include "packets/packetevent.h"
#include "theme.h"

#include <QTextBrowser>

#include <optional>

namespace SocketScope {

// The bytes of the sockaddr the selected call passed (bind, connect, sendto) or received
// (accept, recvfrom, getsockname, getpeername), offset by offset and coloured by field; the
// port and address in host and network order with the conversion that produced them; this
// machine's endianness; and the port a peer would see had the program forgotten htons(), or,
// when it did forget it, the port it stored and the one the network reads.
class ByteOrderView : public QTextBrowser {
    Q_OBJECT
public:
    // How the program filled sin_port: with htons(), or with the port as it is (the
    // "$port_without_htons" of a scenario).
    enum class PortWriting { Htons, WithoutHtons };

    explicit ByteOrderView(QWidget* parent = nullptr);

    void setCall(const std::optional<CallEvent>& call, PortWriting writing = PortWriting::Htons);
    // A packet's header bytes, its ports matched to the sockaddr of the call that caused it.
    void setPacket(const PacketEvent& packet, const std::optional<CallEvent>& cause,
                   PortWriting writing = PortWriting::Htons);
    static QString html(const std::optional<CallEvent>& call,
                        PortWriting writing = PortWriting::Htons,
                        const Theme& theme = Theme::current());

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    std::optional<CallEvent> m_call;
    std::optional<PacketEvent> m_packet;
    PortWriting m_writing = PortWriting::Htons;
    Theme m_theme = Theme::current();
};

} // namespace SocketScope
