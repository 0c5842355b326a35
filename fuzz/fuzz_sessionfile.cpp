// Saved sessions (docs/trace-format.md): files a student mails to a teacher, possibly cut
// short or edited by hand.
#include "fuzzinput.h"
#include "log/sessionfile.h"

#include <QBuffer>

using namespace SocketScope;

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    QByteArray file(reinterpret_cast<const char*>(data), qsizetype(size));
    QBuffer device(&file);
    device.open(QIODevice::ReadOnly);
    SessionFileError error;
    const auto session = SessionFile::read(device, &error);
    FUZZ_CHECK(session || !error.text().isEmpty());
    return 0;
}
