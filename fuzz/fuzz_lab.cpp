// The lab's console: socklab's command lines in its three modes, the message syntaxes (text,
// -hex, -esc) and socket option words, as a student types them.
#include "fuzzinput.h"
#include "lab/labcommand.h"
#include "lab/labmessage.h"
#include "lab/laboptions.h"

#include <sys/socket.h>

using namespace SocketScope;

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    FuzzInput input(data, size);
    const auto choice = input.take<quint8>();
    const QString line = QString::fromUtf8(input.rest());
    for (const LabMode mode : {LabMode::Standard, LabMode::Tcp, LabMode::Udp})
        parseLabLine(line, mode);
    for (const LabPayload payload : {LabPayload::Text, LabPayload::Hex, LabPayload::Escapes}) {
        QString error;
        const auto bytes = decodeLabMessage(line, payload, &error);
        FUZZ_CHECK(bytes || !error.isEmpty());
    }
    const int domain = (choice & 1) ? AF_INET6 : (choice & 2) ? AF_UNIX : AF_INET;
    const int type = (choice & 4) ? SOCK_DGRAM : SOCK_STREAM;
    QString error;
    const auto options =
        parseLabOptionWords(line.split(QLatin1Char(' '), Qt::SkipEmptyParts), domain, type, &error);
    FUZZ_CHECK(options || !error.isEmpty());
    return 0;
}
