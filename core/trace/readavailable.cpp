#include "trace/readavailable.h"

#include <cerrno>
#include <unistd.h>

namespace SocketScope {

ReadEnd readAvailable(int fd, qsizetype budget,
                      const std::function<void(QByteArrayView chunk)>& received)
{
    char buffer[65536];
    for (qsizetype read = 0; read < budget;) {
        const ssize_t count = ::read(fd, buffer, sizeof(buffer));
        if (count > 0) {
            read += count;
            received(QByteArrayView(buffer, count));
            continue;
        }
        if (count < 0 && errno == EINTR)
            continue;
        return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? ReadEnd::Drained
                                                                      : ReadEnd::Closed;
    }
    return ReadEnd::Budget;
}

} // namespace SocketScope
