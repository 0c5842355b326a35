#pragma once

#include <QByteArrayView>

#include <optional>

namespace SocketScope::Tracer {

// What the app asks, one line each (docs/tracer-protocol.md).
enum class Command : quint8 { Next, Run, Step, Kill, Release };
struct Order {
    Command command = Command::Next;
    qint64 id = 0; // Release: the held call
    bool operator==(const Order&) const = default;
};

// One line from the app, without its newline; nullopt for anything but an order.
std::optional<Order> parseOrder(QByteArrayView line);

} // namespace SocketScope::Tracer
