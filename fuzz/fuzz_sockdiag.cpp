// The kernel's sock_diag answers, read into the inspector's rows: every length in them is
// checked before it is read.
#include "fuzzinput.h"
#include "kernel/diaganswer.h"

#include <netinet/in.h>
#include <sys/socket.h>

using namespace SocketScope;

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    FuzzInput input(data, size);
    const auto choice = input.take<quint8>();
    const auto sequence = input.take<quint8>();
    const DiagDatagram datagram = readDiagDatagram(input.rest(), sequence);
    const int family = (choice & 1) ? AF_INET6 : AF_INET;
    const int protocol = (choice & 2) ? IPPROTO_UDP : IPPROTO_TCP;
    for (const QByteArrayView message : datagram.messages) {
        FUZZ_CHECK(message.data() >= input.rest().data() &&
                   message.data() + message.size() <= input.rest().data() + input.rest().size());
        if (choice & 4) {
            unixRowFromMessage(message);
            unixPeerFromMessage(message);
        } else if (const auto row = inetRowFromMessage(message, family, protocol)) {
            row->toJson();
        }
    }
    return 0;
}
