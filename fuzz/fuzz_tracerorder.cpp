// The orders the app sends the tracer on its channel, one line each (docs/tracer-protocol.md).
// An order that parses carries an id exactly when it releases a held call, and written back
// as the app writes it (TracerProcess::send and release), it parses back to itself.
#include "fuzzinput.h"
#include "order.h"

#include <QByteArray>

using namespace SocketScope::Tracer;

namespace {

QByteArray appLine(const Order& order)
{
    switch (order.command) {
    case Command::Next:
        return "next";
    case Command::Run:
        return "run";
    case Command::Step:
        return "step";
    case Command::Kill:
        return "kill";
    case Command::Release:
        return "release " + QByteArray::number(order.id);
    }
    return {};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    const QByteArrayView line(reinterpret_cast<const char*>(data), qsizetype(size));
    const std::optional<Order> order = parseOrder(line);
    if (!order)
        return 0;
    FUZZ_CHECK(order->command == Command::Release ? order->id > 0 : order->id == 0);
    FUZZ_CHECK(parseOrder(appLine(*order)) == order);
    return 0;
}
