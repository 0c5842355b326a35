// Captured frames of every link type the capture helper may hand over.
#include "fuzzinput.h"
#include "packets/packetdecoder.h"

using namespace SocketScope;

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    FuzzInput input(data, size);
    static constexpr int linkTypes[] = {LinkType::Null, LinkType::Ethernet, LinkType::Raw,
                                        LinkType::LinuxSll, LinkType::LinuxSll2};
    const int linkType = linkTypes[input.take<quint8>() % std::size(linkTypes)];
    const DecodedPacket packet = decodeFrame(linkType, input.rest().toByteArray());
    if (packet.isValid()) {
        packet.flagsText();
        DecodedPacket::endpointText(packet.source);
    }
    return 0;
}
