#include "engine/kernelinterrupt.h"

#include <cerrno>
#include <chrono>
#include <ctime>

namespace SocketScope {

namespace {

// Nothing to do: that the signal came is what makes the call return.
void wakeOnly(int)
{
}

// The first real-time signal nobody handles; glibc keeps its own below SIGRTMIN, and the two
// above it are left to libraries that take "SIGRTMIN" or "SIGRTMIN + 1" without asking.
int installHandler()
{
    for (int number = SIGRTMIN + 2; number <= SIGRTMAX; ++number) {
        struct sigaction current {};
        if (sigaction(number, nullptr, &current) != 0 || (current.sa_flags & SA_SIGINFO) ||
            current.sa_handler != SIG_DFL)
            continue;
        struct sigaction action {};
        action.sa_handler = wakeOnly;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0; // without SA_RESTART, the interrupted call returns
        if (sigaction(number, &action, nullptr) == 0)
            return number;
    }
    return -1;
}

sigset_t onlyTheSignal()
{
    sigset_t set;
    sigemptyset(&set);
    if (KernelInterrupt::signalNumber() > 0)
        sigaddset(&set, KernelInterrupt::signalNumber());
    return set;
}

} // namespace

int KernelInterrupt::signalNumber()
{
    static const int number = installHandler(); // once for the process, thread-safe
    return number;
}

KernelInterrupt::KernelInterrupt()
{
    signalNumber();
}

void KernelInterrupt::enter()
{
    {
        std::lock_guard lock(m_mutex);
        m_thread = pthread_self();
        m_inside = true;
        ++m_sections;
    }
    const sigset_t only = onlyTheSignal();
    pthread_sigmask(SIG_UNBLOCK, &only, &m_savedMask);
}

void KernelInterrupt::leave()
{
    const int callError = errno;
    const sigset_t only = onlyTheSignal();
    pthread_sigmask(SIG_BLOCK, &only, nullptr);
    {
        std::lock_guard lock(m_mutex);
        m_inside = false;
    }
    m_left.notify_all();
    // Sent before the thread left and still pending: taken back here, or it would wake the
    // thread's next call, which nobody interrupted.
    const timespec now{0, 0};
    int taken = 0;
    do {
        taken = sigtimedwait(&only, nullptr, &now);
    } while (taken > 0 || (taken < 0 && errno == EINTR));
    pthread_sigmask(SIG_SETMASK, &m_savedMask, nullptr);
    errno = callError;
}

bool KernelInterrupt::interrupt()
{
    using namespace std::chrono_literals;
    if (signalNumber() <= 0)
        return false;
    std::unique_lock lock(m_mutex);
    if (!m_inside)
        return false;
    const unsigned long section = m_sections;
    const auto left = [this, section] {
        return !m_inside || m_sections != section;
    };
    // A signal that lands after enter() but before the thread is inside the system call is
    // taken by the handler there, and the call then waits all the same. So it is sent again
    // each time the thread is seen still inside a moment later, until it leaves. (Blocking it
    // and unblocking it atomically with the wait, as ppoll() can, no other call offers.)
    for (int sent = 0; sent < 100; ++sent) {
        pthread_kill(m_thread, signalNumber());
        if (m_left.wait_for(lock, 5ms, left))
            return true;
    }
    return false;
}

} // namespace SocketScope
