#include "engine/kernelwaitwatch.h"

#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace SocketScope {

KernelWaitWatch::~KernelWaitWatch()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void KernelWaitWatch::begin(Observation waiting, Callback onWaiting)
{
    {
        std::lock_guard lock(m_mutex);
        m_waiting = std::move(waiting);
        m_onWaiting = std::move(onWaiting);
        m_watching = true;
        ++m_calls;
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
    }
    m_changed.notify_all();
}

void KernelWaitWatch::end()
{
    std::lock_guard lock(m_mutex);
    m_watching = false;
    m_waiting = {};
    m_onWaiting = {};
}

void KernelWaitWatch::run()
{
    using namespace std::chrono_literals;
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_changed.wait(lock, [this] { return m_stopping || m_watching; });
        const unsigned long call = m_calls;
        const auto over = [this, call] {
            return m_stopping || !m_watching || m_calls != call;
        };
        // Looked at again every few milliseconds while the call lasts; the callback runs with
        // the lock held, so end() waits for it and the call's event is not yet handed on.
        while (!m_changed.wait_for(lock, 10ms, over)) {
            if (m_waiting && m_waiting()) {
                m_onWaiting();
                m_changed.wait(lock, over);
                break;
            }
        }
    }
}

bool stillDialling(int fd)
{
    tcp_info info{};
    socklen_t length = sizeof(info);
    return ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) == 0 &&
           info.tcpi_state == TCP_SYN_SENT;
}

bool sendBufferFull(int fd)
{
    pollfd room{fd, POLLOUT, 0};
    return ::poll(&room, 1, 0) == 0;
}

} // namespace SocketScope
