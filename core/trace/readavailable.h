#pragma once

#include <QByteArrayView>

#include <functional>

namespace SocketScope {

// How reading a non-blocking descriptor to what it holds now ended.
enum class ReadEnd {
    Drained, // nothing more for now (EAGAIN): more may come
    Budget,  // the budget was read: the rest waits for the next turn of the event loop
    Closed,  // end of file, or the other end gone (EIO on a terminal): nothing more comes
};

// Reads `fd` until it holds nothing more, handing each chunk to `received`, at most `budget`
// bytes so that a fast writer cannot hold the event loop (a level-triggered notifier calls
// again for the rest). EINTR is retried.
ReadEnd readAvailable(int fd, qsizetype budget,
                      const std::function<void(QByteArrayView chunk)>& received);

} // namespace SocketScope
