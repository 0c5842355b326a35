#pragma once

#include "calls/callevent.h"

// The arguments of the calls that carry the program's bytes (read, write, send, recv, their
// vectored forms), in either form of BytesText. For the call rendering only.
namespace SocketScope::CallTexts {

QString bytes(const QByteArray& data, BytesText style);
QString receiveArguments(const CallEvent& e, BytesText style);
QString sendArguments(const CallEvent& e, BytesText style);
// After bytes the log did not keep whole: the mark, with how many are missing; else empty.
QString notKept(const CallEvent& e, BytesText style);
QString ioVector(const QList<IoBuffer>& buffers, bool withContents, BytesText style);
QString messageHeader(const CallEvent& e, bool received, BytesText style);
// sendmmsg's and recvmmsg's messages that went, or the array's address if the call failed.
QString multiMessages(const CallEvent& e, BytesText style);

} // namespace SocketScope::CallTexts
