#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace SocketScope {

// Tells that a call waits inside the kernel (connect() in SYN_SENT, a write with no room
// left), which its own thread, being in the call, cannot: a thread of the watch looks at the
// socket a moment after the call began and, while the call is still there, once the kernel
// shows the wait, says so. Its thread starts with the first watched call and ends with the
// watch.
class KernelWaitWatch {
public:
    using Observation = std::function<bool()>; // true when the kernel shows the call waiting
    using Callback = std::function<void()>;

    KernelWaitWatch() = default;
    ~KernelWaitWatch();
    KernelWaitWatch(const KernelWaitWatch&) = delete;
    KernelWaitWatch& operator=(const KernelWaitWatch&) = delete;

    // On the calling thread, around the call; onWaiting is called from the watch's thread,
    // at most once, and never after end() has returned.
    void begin(Observation waiting, Callback onWaiting);
    void end();

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::thread m_thread;
    bool m_stopping = false;
    bool m_watching = false;
    unsigned long m_calls = 0;
    Observation m_waiting;
    Callback m_onWaiting;
};

// What the kernel shows of a socket whose call waits: a TCP socket still in SYN_SENT, one with
// no room left in its send buffer.
bool stillDialling(int fd);
bool sendBufferFull(int fd);

} // namespace SocketScope
