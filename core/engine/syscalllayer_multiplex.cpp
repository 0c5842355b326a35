// Waiting on several descriptors at once: poll and select.
#include "calls/callresult.h"
#include "calls/constants.h"
#include "engine/syscalllayer.h"

#include <QStringList>

#include <cerrno>
#include <sys/select.h>

namespace SocketScope {

using CallResult::setCancelled;
using CallResult::setResult;

namespace {

QString pollSetText(const QList<pollfd>& fds, bool returned)
{
    QStringList items;
    for (const pollfd& p : fds) {
        if (returned && p.revents == 0)
            continue;
        items << QStringLiteral("{fd=%1, %2=%3}")
                     .arg(p.fd)
                     .arg(returned ? QStringLiteral("revents") : QStringLiteral("events"))
                     .arg(flagsText(ConstantKind::PollEvent, returned ? p.revents : p.events));
    }
    return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString fdSetText(const QList<int>& fds)
{
    if (fds.isEmpty())
        return QStringLiteral("NULL");
    QStringList items;
    for (int fd : fds)
        items << QString::number(fd);
    return QLatin1Char('[') + items.join(QLatin1Char(' ')) + QLatin1Char(']');
}

QString timeoutText(int timeoutMs)
{
    if (timeoutMs < 0)
        return QStringLiteral("NULL");
    return QStringLiteral("{tv_sec=%1, tv_usec=%2}")
        .arg(timeoutMs / 1000)
        .arg((timeoutMs % 1000) * 1000);
}

} // namespace

void SyscallLayer::doPoll(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    QList<pollfd> fds;
    for (const auto& item : r.pollItems)
        fds.append(pollfd{item.fd, item.events, 0});
    e.args =
        QStringLiteral("%1, %2, %3").arg(pollSetText(fds, false)).arg(fds.size()).arg(r.timeoutMs);
    // The program's own poll() runs once something is ready or its timeout has passed, so
    // it returns at once with the kernel's answer.
    const Wait wait = waitFor(fds, r.timeoutMs, onBlocked);
    if (wait == Wait::Cancelled) {
        setCancelled(e);
        return;
    }
    const int ret =
        ::poll(fds.data(), nfds_t(fds.size()), wait == Wait::TimedOut ? 0 : r.timeoutMs);
    const int error = errno;
    e.retDetail = ret > 0 ? QLatin1Char('(') + pollSetText(fds, true) + QLatin1Char(')')
                          : (ret == 0 ? QStringLiteral("(Timeout)") : QString());
    setResult(e, ret, error);
}

void SyscallLayer::doSelect(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    QList<int> readFds;
    QList<int> writeFds;
    QList<pollfd> waitSet;
    int maxFd = -1;
    fd_set readSet;
    fd_set writeSet;
    FD_ZERO(&readSet);
    FD_ZERO(&writeSet);
    for (const auto& item : r.pollItems) {
        if (item.fd < 0 || item.fd >= FD_SETSIZE)
            continue;
        if (item.events & POLLIN) {
            readFds << item.fd;
            FD_SET(item.fd, &readSet);
        }
        if (item.events & POLLOUT) {
            writeFds << item.fd;
            FD_SET(item.fd, &writeSet);
        }
        waitSet.append(pollfd{item.fd, item.events, 0});
        maxFd = std::max(maxFd, item.fd);
    }
    e.args = QStringLiteral("%1, %2, %3, NULL, %4")
                 .arg(maxFd + 1)
                 .arg(fdSetText(readFds), fdSetText(writeFds), timeoutText(r.timeoutMs));
    const Wait wait = waitFor(waitSet, r.timeoutMs, onBlocked);
    if (wait == Wait::Cancelled) {
        setCancelled(e);
        return;
    }
    timeval timeout{};
    if (wait != Wait::TimedOut && r.timeoutMs >= 0) {
        timeout.tv_sec = r.timeoutMs / 1000;
        timeout.tv_usec = (r.timeoutMs % 1000) * 1000;
    }
    const bool forever = wait != Wait::TimedOut && r.timeoutMs < 0;
    const int ret = ::select(maxFd + 1, &readSet, &writeSet, nullptr, forever ? nullptr : &timeout);
    const int error = errno;
    if (ret > 0) {
        QList<int> readyIn;
        QList<int> readyOut;
        for (int fd : readFds) {
            if (FD_ISSET(fd, &readSet))
                readyIn << fd;
        }
        for (int fd : writeFds) {
            if (FD_ISSET(fd, &writeSet))
                readyOut << fd;
        }
        QStringList parts;
        if (!readyIn.isEmpty())
            parts << QStringLiteral("in ") + fdSetText(readyIn);
        if (!readyOut.isEmpty())
            parts << QStringLiteral("out ") + fdSetText(readyOut);
        e.retDetail = QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    } else if (ret == 0) {
        e.retDetail = QStringLiteral("(Timeout)");
    }
    setResult(e, ret, error);
}

} // namespace SocketScope
