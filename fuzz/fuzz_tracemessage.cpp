// The tracer's messages, which carry what a traced program passed to its calls.
#include "fuzzinput.h"
#include "trace/tracemessage.h"

using namespace SocketScope;

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    QString error;
    const auto message =
        parseTraceMessage(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), &error);
    FUZZ_CHECK(message || !error.isEmpty());
    return 0;
}
