#include "order.h"

namespace SocketScope::Tracer {

std::optional<Order> parseOrder(QByteArrayView line)
{
    if (line == "next")
        return Order{Command::Next};
    if (line == "run")
        return Order{Command::Run};
    if (line == "step")
        return Order{Command::Step};
    if (line == "kill")
        return Order{Command::Kill};
    if (line.startsWith("release ")) {
        bool ok = false;
        const qint64 id = line.sliced(8).toLongLong(&ok);
        if (ok && id > 0)
            return Order{Command::Release, id};
    }
    return std::nullopt;
}

} // namespace SocketScope::Tracer
