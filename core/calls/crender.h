#pragma once

#include <QByteArray>
#include <QString>

namespace SocketScope::CRender {

// How strace prints a buffer: a C string literal with escapes, cut after `limit` bytes
// with "..." after the closing quote (strace's default -s 32).
QString quotedBytes(const QByteArray& bytes, int limit = 32);
// Bytes as spaced hexadecimal, "48 65 6c"; past `limit` bytes, cut with " …".
QString hexBytes(const QByteArray& bytes, int limit = -1);
// A pointer the way strace prints one whose contents it does not show: "0x7ffd...", "NULL".
QString pointer(quint64 address);
quint64 addressOf(const void* pointer);
// "[16]" or, when the kernel changed it, "[128 => 16]".
QString lengthInOut(unsigned int in, unsigned int out);

} // namespace SocketScope::CRender
