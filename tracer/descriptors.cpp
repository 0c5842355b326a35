#include "descriptors.h"

#include "calls/callcodec.h"
#include "kernel/descriptorstate.h"
#include "trace/tracedecoders.h"

#include <QByteArray>

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace SocketScope::Tracer {

DescriptorTable::~DescriptorTable()
{
    for (const Process& entry : std::as_const(m_processes)) {
        if (entry.pidfd >= 0)
            close(entry.pidfd);
    }
}

DescriptorTable::Process& DescriptorTable::process(pid_t pid)
{
    Process& entry = m_processes[pid];
    if (entry.pidfd < 0)
        entry.pidfd = int(syscall(SYS_pidfd_open, pid, 0));
    return entry;
}

int DescriptorTable::copy(pid_t pid, int fd)
{
    const int pidfd = process(pid).pidfd;
    return pidfd < 0 ? -1 : int(syscall(SYS_pidfd_getfd, pidfd, fd, 0));
}

DescriptorInfo DescriptorTable::lookup(pid_t pid, int fd)
{
    Process& entry = process(pid);
    if (const auto known = entry.fds.constFind(fd); known != entry.fds.constEnd())
        return *known;
    DescriptorInfo info;
    char link[64];
    const QByteArray path = "/proc/" + QByteArray::number(pid) + "/fd/" + QByteArray::number(fd);
    const ssize_t length = fd >= 0 ? readlink(path.constData(), link, sizeof(link)) : -1;
    if (length > 0 && Trace::socketInode(QByteArrayView(link, length))) {
        info.socket = true;
        const int local = copy(pid, fd);
        if (local >= 0) {
            socklen_t size = sizeof(int);
            getsockopt(local, SOL_SOCKET, SO_DOMAIN, &info.family, &size);
            size = sizeof(int);
            getsockopt(local, SOL_SOCKET, SO_TYPE, &info.type, &size);
            close(local);
        }
    }
    // An fd that is not open now gives no entry: it may be opened later.
    if (length > 0)
        entry.fds.insert(fd, info);
    return info;
}

void DescriptorTable::remember(pid_t pid, int fd, DescriptorInfo info)
{
    process(pid).fds.insert(fd, info);
}

void DescriptorTable::forget(pid_t pid, int fd)
{
    if (const auto found = m_processes.find(pid); found != m_processes.end())
        found->fds.remove(fd);
}

void DescriptorTable::forgetRange(pid_t pid, unsigned first, unsigned last)
{
    const auto found = m_processes.find(pid);
    if (found == m_processes.end())
        return;
    found->fds.removeIf([&](const auto& item) {
        return item.key() >= 0 && unsigned(item.key()) >= first && unsigned(item.key()) <= last;
    });
}

void DescriptorTable::forgetProcess(pid_t pid)
{
    const auto found = m_processes.find(pid);
    if (found == m_processes.end())
        return;
    if (found->pidfd >= 0)
        close(found->pidfd);
    m_processes.erase(found);
}

std::vector<int> DescriptorTable::closedByExec(pid_t pid)
{
    std::vector<int> closed;
    const auto found = m_processes.find(pid);
    if (found == m_processes.end())
        return closed;
    const QByteArray folder = "/proc/" + QByteArray::number(pid) + "/fd/";
    for (auto fd = found->fds.begin(); fd != found->fds.end();) {
        // Only "no such descriptor" is a close: an exec that made the process non-dumpable
        // makes its fd folder unreadable (EACCES), and the sockets are still there.
        char target[64];
        const QByteArray link = folder + QByteArray::number(fd.key());
        if (readlink(link.constData(), target, sizeof(target)) >= 0 || errno != ENOENT) {
            ++fd;
            continue;
        }
        if (fd->socket)
            closed.push_back(fd.key());
        fd = found->fds.erase(fd);
    }
    std::sort(closed.begin(), closed.end());
    // What a message may list (CallCodec::maxListItems): beyond, they are drawn open still.
    if (closed.size() > size_t(CallCodec::maxListItems))
        closed.resize(size_t(CallCodec::maxListItems));
    return closed;
}

void DescriptorTable::copyProcess(pid_t parent, pid_t child)
{
    const auto found = m_processes.constFind(parent);
    if (found == m_processes.cend())
        return;
    // A copy first: adding the child's entry may move the parent's.
    const QHash<int, DescriptorInfo> inherited = found->fds;
    process(child).fds = inherited;
}

DescriptorState DescriptorTable::state(pid_t pid, int fd, const DescriptorInfo& info)
{
    const int local = info.socket ? copy(pid, fd) : -1;
    if (local < 0)
        return {};
    const DescriptorState state = readDescriptorState(local, info.family, info.type);
    close(local);
    return state;
}

} // namespace SocketScope::Tracer
