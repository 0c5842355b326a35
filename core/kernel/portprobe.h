#pragma once

#include <QtGlobal>

namespace SocketScope {

// Whether a server could bind 127.0.0.1:port over TCP and UDP right now. A port a previous
// run left in TIME_WAIT is busy for about a minute: the window then lets the system choose.
bool loopbackPortIsFree(quint16 port);

// For a client that forgot htons(): a free port from 1024 up whose byte-swapped twin (what
// that client dials) is free too, searched from `start` on and round; 0 if there is none.
quint16 freePortWithFreeSwappedTwin(quint16 start);

// A TCP socket bound to 127.0.0.1:port that never listens, while it lives: no other program
// can listen on that port meanwhile (on any address), and a connect() to it is refused, as to
// a port nobody uses. For the forgot-htons run, whose lesson needs that refusal on a busy
// machine where servers bound to port 0 can land on any ephemeral port.
class LoopbackPortHold {
public:
    LoopbackPortHold() = default;
    explicit LoopbackPortHold(quint16 port);
    ~LoopbackPortHold();
    LoopbackPortHold(LoopbackPortHold&& other) noexcept;
    LoopbackPortHold& operator=(LoopbackPortHold&& other) noexcept;
    LoopbackPortHold(const LoopbackPortHold&) = delete;
    LoopbackPortHold& operator=(const LoopbackPortHold&) = delete;

    bool isHeld() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

} // namespace SocketScope
