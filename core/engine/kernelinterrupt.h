#pragma once

#include <condition_variable>
#include <csignal>
#include <mutex>
#include <pthread.h>

namespace SocketScope {

// Wakes a thread that waits inside a system call (connect() waiting for the handshake, a
// write() on a full buffer) as Ctrl+C wakes a program: with a signal. The engine's own
// real-time signal has a handler that does nothing, installed without SA_RESTART, so the
// call returns what the kernel says of it: -1 EINTR, or the bytes it had already written.
//
// The signal reaches only the thread between enter() and leave(), and only there: it is
// blocked outside, and one sent just before leave() is taken back there, so it never falls
// on another call of that thread, on Qt's GUI thread or on any other thread.
class KernelInterrupt {
public:
    KernelInterrupt();
    KernelInterrupt(const KernelInterrupt&) = delete;
    KernelInterrupt& operator=(const KernelInterrupt&) = delete;

    // On the thread that makes the call, around it.
    void enter();
    void leave();

    // Any thread: wakes the call between enter() and leave(), if there is one, and returns
    // once its thread has left it (true), or once it has not after a while (false: the
    // kernel does not let that wait be interrupted).
    bool interrupt();

    static int signalNumber();

private:
    std::mutex m_mutex;
    std::condition_variable m_left;
    pthread_t m_thread{};
    bool m_inside = false;        // guarded by m_mutex
    unsigned long m_sections = 0; // ... how many sections began, to tell one from the next
    sigset_t m_savedMask{};       // the calling thread's own, between enter() and leave()
};

} // namespace SocketScope
