// pcap streams from the capture helper, read as they arrive. The same bytes fed in chunks
// of any size give the same records as fed whole, and each record's frame is decoded.
#include "fuzzinput.h"
#include "packets/packetdecoder.h"
#include "packets/pcapformat.h"

using namespace SocketScope;

namespace {

bool sameRecords(const QList<PcapRecord>& a, const QList<PcapRecord>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i].timeNs != b[i].timeNs || a[i].originalLength != b[i].originalLength ||
            a[i].data != b[i].data)
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    FuzzInput input(data, size);
    const qsizetype chunk = 1 + input.take<quint8>();
    const QByteArray stream = input.rest().toByteArray();

    PcapReader whole;
    whole.feed(stream);
    const QList<PcapRecord> records = whole.takeRecords();

    PcapReader pieces;
    QList<PcapRecord> pieceRecords;
    for (qsizetype offset = 0; offset < stream.size(); offset += chunk) {
        pieces.feed(stream.mid(offset, chunk));
        pieceRecords += pieces.takeRecords();
    }
    FUZZ_CHECK(whole.error() == pieces.error());
    FUZZ_CHECK(sameRecords(records, pieceRecords));
    for (const PcapRecord& record : records)
        decodeFrame(whole.linkType(), record.data);
    return 0;
}
