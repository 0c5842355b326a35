#pragma once

#include "calls/callvalues.h"

#include <QByteArray>

namespace SocketScope {

// The bytes one message of sendmmsg or recvmmsg carried, as the log kept them: its buffers'
// bytes in order, as far as its length.
QByteArray messageBytes(const MultiMessage& message);

} // namespace SocketScope
