// Waiting on several descriptors at once: poll and select.
#include "engine/syscalllayer.h"

#include <cerrno>
#include <sys/select.h>

namespace SocketScope {

void SyscallLayer::doPoll(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    const CallArguments& a = r.arguments;
    QList<pollfd> fds;
    for (const PollEntry& item : a.pollItems)
        fds.append(pollfd{item.fd, item.events, 0});
    // The program's own poll() runs once something is ready or its timeout has passed, so
    // it returns at once with the kernel's answer.
    const Wait wait = waitFor(fds, a.timeoutMs, onBlocked);
    if (wait == Wait::Cancelled) {
        e.cancelled = true;
        e.ret = -1;
        return;
    }
    const int ret =
        ::poll(fds.data(), nfds_t(fds.size()), wait == Wait::TimedOut ? 0 : a.timeoutMs);
    const int error = errno;
    for (const pollfd& p : std::as_const(fds)) {
        if (p.revents != 0)
            e.results.ready.append({p.fd, p.events, p.revents});
    }
    setResult(e, ret, error);
}

void SyscallLayer::doSelect(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    const CallArguments& a = r.arguments;
    QList<pollfd> waitSet;
    int maxFd = -1;
    fd_set readSet;
    fd_set writeSet;
    fd_set exceptSet;
    FD_ZERO(&readSet);
    FD_ZERO(&writeSet);
    FD_ZERO(&exceptSet);
    for (const PollEntry& item : a.pollItems) {
        if (item.fd < 0 || item.fd >= FD_SETSIZE)
            continue;
        if (item.events & POLLIN)
            FD_SET(item.fd, &readSet);
        if (item.events & POLLOUT)
            FD_SET(item.fd, &writeSet);
        if (item.events & POLLPRI)
            FD_SET(item.fd, &exceptSet);
        waitSet.append(pollfd{item.fd, item.events, 0});
        maxFd = std::max(maxFd, item.fd);
    }
    const Wait wait = waitFor(waitSet, a.timeoutMs, onBlocked);
    if (wait == Wait::Cancelled) {
        e.cancelled = true;
        e.ret = -1;
        return;
    }
    timeval timeout{};
    if (wait != Wait::TimedOut && a.timeoutMs >= 0) {
        timeout.tv_sec = a.timeoutMs / 1000;
        timeout.tv_usec = (a.timeoutMs % 1000) * 1000;
    }
    const bool forever = wait != Wait::TimedOut && a.timeoutMs < 0;
    const int ret =
        ::select(maxFd + 1, &readSet, &writeSet, &exceptSet, forever ? nullptr : &timeout);
    const int error = errno;
    if (ret > 0) {
        for (const pollfd& item : std::as_const(waitSet)) {
            short ready = 0;
            if ((item.events & POLLIN) && FD_ISSET(item.fd, &readSet))
                ready |= POLLIN;
            if ((item.events & POLLOUT) && FD_ISSET(item.fd, &writeSet))
                ready |= POLLOUT;
            if ((item.events & POLLPRI) && FD_ISSET(item.fd, &exceptSet))
                ready |= POLLPRI;
            if (ready)
                e.results.ready.append({item.fd, ready, ready});
        }
    }
    setResult(e, ret, error);
}

} // namespace SocketScope
