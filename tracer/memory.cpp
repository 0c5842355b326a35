#include "memory.h"

#include <sys/uio.h>

namespace SocketScope::Tracer {

QByteArray readMemory(pid_t tid, quint64 address, qint64 length)
{
    if (address == 0 || length <= 0)
        return {};
    QByteArray bytes(length, Qt::Uninitialized);
    iovec local{bytes.data(), size_t(length)};
    iovec remote{reinterpret_cast<void*>(address), size_t(length)};
    const ssize_t read = process_vm_readv(tid, &local, 1, &remote, 1, 0);
    bytes.truncate(read > 0 ? qsizetype(read) : 0);
    return bytes;
}

} // namespace SocketScope::Tracer
