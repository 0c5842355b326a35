#include "engine/syscalllayer.h"

#include "calls/constants.h"
#include "calls/crender.h"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/eventfd.h>
#include <sys/un.h>
#include <unistd.h>
#include <utility>

namespace SocketScope {

SyscallLayer::SyscallLayer()
    : m_cancelFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
}

SyscallLayer::~SyscallLayer()
{
    if (m_cancelFd >= 0)
        ::close(m_cancelFd);
}

void SyscallLayer::cancel()
{
    m_cancelled.store(true);
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t written = ::write(m_cancelFd, &one, sizeof(one));
    std::lock_guard lock(m_kernelMutex);
    if (m_inKernelFd >= 0)
        ::shutdown(m_inKernelFd, SHUT_RDWR);
}

// A call inside the kernel (connect waiting for an answer, a write to a full buffer) gets a
// signal rather than shutdown(), which would end the connection the user did not ask to end.
void SyscallLayer::interrupt()
{
    {
        std::lock_guard lock(m_kernelMutex);
        if (m_waiting) {
            m_interrupted = true;
            const quint64 one = 1;
            [[maybe_unused]] const ssize_t written = ::write(m_cancelFd, &one, sizeof(one));
            return;
        }
    }
    m_kernelSection.interrupt();
}

void SyscallLayer::enterKernel(int fd)
{
    std::lock_guard lock(m_kernelMutex);
    m_inKernelFd = fd;
    if (m_cancelled.load())
        ::shutdown(fd, SHUT_RDWR);
    m_kernelSection.enter();
}

void SyscallLayer::leaveKernel()
{
    m_kernelSection.leave();
    std::lock_guard lock(m_kernelMutex);
    m_inKernelFd = -1;
}

void SyscallLayer::setResult(CallEvent& event, qint64 ret, int error)
{
    event.ret = ret;
    event.error = ret < 0 ? error : 0;
}

SyscallLayer::Wait SyscallLayer::waitFor(QList<pollfd> fds, int timeoutMs,
                                         const BlockedCallback& onBlocked)
{
    if (m_cancelled.load())
        return Wait::Cancelled;
    // poll() ignores a negative descriptor: the call itself must run and fail with EBADF.
    if (fds.size() == 1 && fds.first().fd < 0)
        return Wait::Ready;
    int ready = ::poll(fds.data(), nfds_t(fds.size()), 0);
    if (ready > 0 || timeoutMs == 0)
        return ready > 0 ? Wait::Ready : Wait::TimedOut;
    // Waiting from here on, before anyone is told the call blocks: an interrupt() sent as
    // soon as it is told reaches this wait.
    {
        std::lock_guard lock(m_kernelMutex);
        m_waiting = true;
        m_interrupted = false;
    }
    if (onBlocked)
        onBlocked();
    fds.append(pollfd{m_cancelFd, POLLIN, 0});
    do {
        ready = ::poll(fds.data(), nfds_t(fds.size()), timeoutMs);
    } while (ready < 0 && errno == EINTR);
    bool interrupted = false;
    {
        std::lock_guard lock(m_kernelMutex);
        m_waiting = false;
        interrupted = std::exchange(m_interrupted, false);
        // The wake-up was for this call only: the next one waits again.
        if (interrupted && !m_cancelled.load()) {
            quint64 count = 0;
            [[maybe_unused]] const ssize_t drained = ::read(m_cancelFd, &count, sizeof(count));
        }
    }
    if (interrupted || fds.last().revents != 0 || m_cancelled.load())
        return Wait::Cancelled;
    return ready > 0 ? Wait::Ready : Wait::TimedOut;
}

SyscallLayer::Wait SyscallLayer::waitReadable(const CallRequest& request,
                                              const BlockedCallback& onBlocked)
{
    // A call that will not block needs no wait; MSG_OOB reads urgent data that poll reports
    // as POLLPRI, and must not wait for POLLIN.
    const int flags = request.call == Call::Read ? 0 : request.arguments.flags;
    if (request.descriptorIsNonBlocking() || (flags & MSG_DONTWAIT) || (flags & MSG_OOB))
        return Wait::Ready;
    return waitFor({pollfd{request.arguments.fd, POLLIN, 0}}, -1, onBlocked);
}

CallEvent SyscallLayer::perform(const CallRequest& request, const BlockedCallback& onBlocked)
{
    CallEvent event;
    event.call = request.call;
    event.arguments = request.arguments;
    event.tNs = monotonicNowNs();
    const auto blocked = [&event, &onBlocked] {
        event.blocked = true;
        if (onBlocked)
            onBlocked();
    };
    switch (request.call) {
    case Call::Socket:
        doSocket(request, event);
        break;
    case Call::Bind:
        doBind(request, event);
        break;
    case Call::Listen:
        doListen(request, event);
        break;
    case Call::Accept:
    case Call::Accept4:
        doAccept(request, event, blocked);
        break;
    case Call::Connect:
        doConnect(request, event, blocked);
        break;
    case Call::Read:
        doRead(request, event, blocked);
        break;
    case Call::Write:
        doWrite(request, event, blocked);
        break;
    case Call::Recv:
    case Call::RecvFrom:
        doRecv(request, event, blocked);
        break;
    case Call::Send:
    case Call::SendTo:
        doSend(request, event, blocked);
        break;
    case Call::Shutdown:
        doShutdown(request, event);
        break;
    case Call::Close:
        doClose(request, event);
        break;
    case Call::GetSockName:
    case Call::GetPeerName:
        doSockName(request, event);
        break;
    case Call::GetSockOpt:
        doGetSockOpt(request, event);
        break;
    case Call::SetSockOpt:
        doSetSockOpt(request, event);
        break;
    case Call::Fcntl:
        doFcntl(request, event);
        break;
    case Call::Poll:
        doPoll(request, event, blocked);
        break;
    case Call::Select:
        doSelect(request, event, blocked);
        break;
    case Call::GetAddrInfo:
        doGetAddrInfo(request, event);
        break;
    case Call::GetNameInfo:
        doGetNameInfo(request, event);
        break;
    // Seen in traced programs; the engine does not make them (fork and pthread_create are
    // the actor's own).
    case Call::Socketpair:
    case Call::Dup:
    case Call::Dup2:
    case Call::Dup3:
    case Call::Ioctl:
    case Call::Readv:
    case Call::Writev:
    case Call::SendMsg:
    case Call::RecvMsg:
    case Call::SendMmsg:
    case Call::RecvMmsg:
    case Call::PSelect6:
    case Call::PPoll:
    case Call::EpollCreate:
    case Call::EpollCreate1:
    case Call::EpollCtl:
    case Call::EpollWait:
    case Call::EpollPwait:
    case Call::Fork:
    case Call::Vfork:
    case Call::Clone:
    case Call::Clone3:
    case Call::Execve:
    case Call::ExitGroup:
    case Call::PthreadCreate:
        setResult(event, -1, ENOSYS);
        break;
    }
    event.durationNs = monotonicNowNs() - event.tNs;
    return event;
}

void SyscallLayer::doSocket(const CallRequest& r, CallEvent& e)
{
    const CallArguments& a = r.arguments;
    const int ret = ::socket(a.domain, a.type, a.protocol);
    setResult(e, ret, errno);
}

void SyscallLayer::doBind(const CallRequest& r, CallEvent& e)
{
    const CallArguments& a = r.arguments;
    const int ret = ::bind(a.fd, a.address.data(), a.address.length());
    setResult(e, ret, errno);
}

void SyscallLayer::doListen(const CallRequest& r, CallEvent& e)
{
    const int ret = ::listen(r.arguments.fd, r.arguments.backlog);
    setResult(e, ret, errno);
}

void SyscallLayer::doAccept(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    CallArguments& a = e.arguments;
    if (a.addressCapacity == 0)
        a.addressCapacity = sizeof(sockaddr_storage);
    if (!r.descriptorIsNonBlocking() &&
        waitFor({pollfd{a.fd, POLLIN, 0}}, -1, onBlocked) == Wait::Cancelled) {
        e.cancelled = true;
        e.ret = -1;
        return;
    }
    sockaddr_storage peer{};
    socklen_t length = a.addressCapacity;
    auto* peerAddress = reinterpret_cast<sockaddr*>(&peer);
    a.addressBuffer = CRender::addressOf(&peer);
    enterKernel(a.fd);
    const int ret = r.call == Call::Accept4 ? ::accept4(a.fd, peerAddress, &length, a.flags)
                                            : ::accept(a.fd, peerAddress, &length);
    const int error = errno;
    leaveKernel();
    if (ret >= 0) {
        e.results.returnedAddress = SocketAddress(peerAddress, std::min(length, a.addressCapacity));
        e.results.returnedLength = length;
    }
    setResult(e, ret, error);
}

void SyscallLayer::doConnect(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    const CallArguments& a = r.arguments;
    if (m_cancelled.load()) {
        e.cancelled = true;
        e.ret = -1;
        return;
    }
    // connect() waits inside the kernel for the handshake; cancel() wakes it with shutdown(),
    // interrupt() with a signal (EINTR), after which the kernel goes on with the handshake.
    const bool watched = m_watchesKernelWaits && !r.descriptorIsNonBlocking();
    if (watched)
        m_waitWatch.begin([fd = a.fd] { return stillDialling(fd); }, onBlocked);
    enterKernel(a.fd);
    const int ret = ::connect(a.fd, a.address.data(), a.address.length());
    const int error = errno;
    leaveKernel();
    if (watched)
        m_waitWatch.end();
    setResult(e, ret, error);
}

void SyscallLayer::doRead(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    CallArguments& a = e.arguments;
    QByteArray buffer(qMax<qint64>(a.count, 0), '\0');
    a.buffer = CRender::addressOf(buffer.data());
    if (waitReadable(r, onBlocked) == Wait::Cancelled) {
        e.cancelled = true;
        e.ret = -1;
        return;
    }
    enterKernel(a.fd);
    const ssize_t ret = ::read(a.fd, buffer.data(), size_t(buffer.size()));
    const int error = errno;
    leaveKernel();
    if (ret >= 0)
        e.results.data = buffer.left(ret);
    setResult(e, ret, error);
}

void SyscallLayer::doWrite(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    const CallArguments& a = r.arguments;
    if (!r.descriptorIsNonBlocking() &&
        waitFor({pollfd{a.fd, POLLOUT, 0}}, -1, onBlocked) == Wait::Cancelled) {
        e.cancelled = true;
        e.ret = -1;
        return;
    }
    const bool watched = m_watchesKernelWaits && !r.descriptorIsNonBlocking() && !e.blocked;
    if (watched)
        m_waitWatch.begin([fd = a.fd] { return sendBufferFull(fd); }, onBlocked);
    enterKernel(a.fd);
    const ssize_t ret = ::write(a.fd, a.payload.constData(), size_t(a.payload.size()));
    const int error = errno;
    leaveKernel();
    if (watched)
        m_waitWatch.end();
    setResult(e, ret, error);
}

void SyscallLayer::doRecv(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    CallArguments& a = e.arguments;
    const bool from = r.call == Call::RecvFrom;
    QByteArray buffer(qMax<qint64>(a.count, 0), '\0');
    a.buffer = CRender::addressOf(buffer.data());
    if (from && a.addressCapacity == 0)
        a.addressCapacity = sizeof(sockaddr_storage);
    if (waitReadable(r, onBlocked) == Wait::Cancelled) {
        e.cancelled = true;
        e.ret = -1;
        return;
    }
    sockaddr_storage sender{};
    socklen_t length = a.addressCapacity;
    auto* senderAddress = reinterpret_cast<sockaddr*>(&sender);
    if (from)
        a.addressBuffer = CRender::addressOf(&sender);
    enterKernel(a.fd);
    const ssize_t ret = from ? ::recvfrom(a.fd, buffer.data(), size_t(buffer.size()), a.flags,
                                          senderAddress, &length)
                             : ::recv(a.fd, buffer.data(), size_t(buffer.size()), a.flags);
    const int error = errno;
    leaveKernel();
    if (ret >= 0)
        e.results.data = buffer.left(qMin<qsizetype>(ret, buffer.size()));
    if (from && ret >= 0) {
        e.results.returnedLength = length;
        // A connected or stream socket may leave the address empty (length 0).
        if (length > 0 && length <= a.addressCapacity)
            e.results.returnedAddress = SocketAddress(senderAddress, length);
    }
    setResult(e, ret, error);
}

void SyscallLayer::doSend(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    const CallArguments& a = r.arguments;
    const bool to = r.call == Call::SendTo;
    const bool mayBlock = !r.descriptorIsNonBlocking() && !(a.flags & MSG_DONTWAIT);
    if (mayBlock && waitFor({pollfd{a.fd, POLLOUT, 0}}, -1, onBlocked) == Wait::Cancelled) {
        e.cancelled = true;
        e.ret = -1;
        return;
    }
    const bool watched = m_watchesKernelWaits && mayBlock && !e.blocked;
    if (watched)
        m_waitWatch.begin([fd = a.fd] { return sendBufferFull(fd); }, onBlocked);
    enterKernel(a.fd);
    const ssize_t ret = to ? ::sendto(a.fd, a.payload.constData(), size_t(a.payload.size()),
                                      a.flags, a.address.data(), a.address.length())
                           : ::send(a.fd, a.payload.constData(), size_t(a.payload.size()), a.flags);
    const int error = errno;
    leaveKernel();
    if (watched)
        m_waitWatch.end();
    setResult(e, ret, error);
}

void SyscallLayer::doShutdown(const CallRequest& r, CallEvent& e)
{
    const int ret = ::shutdown(r.arguments.fd, r.arguments.how);
    setResult(e, ret, errno);
}

void SyscallLayer::doClose(const CallRequest& r, CallEvent& e)
{
    const int ret = ::close(r.arguments.fd);
    setResult(e, ret, errno);
}

void SyscallLayer::doSockName(const CallRequest& r, CallEvent& e)
{
    CallArguments& a = e.arguments;
    if (a.addressCapacity == 0)
        a.addressCapacity = sizeof(sockaddr_storage);
    sockaddr_storage address{};
    socklen_t length = a.addressCapacity;
    auto* raw = reinterpret_cast<sockaddr*>(&address);
    a.addressBuffer = CRender::addressOf(&address);
    const int ret = r.call == Call::GetSockName ? ::getsockname(a.fd, raw, &length)
                                                : ::getpeername(a.fd, raw, &length);
    const int error = errno;
    if (ret == 0) {
        e.results.returnedAddress = SocketAddress(raw, std::min(length, a.addressCapacity));
        e.results.returnedLength = length;
    }
    setResult(e, ret, error);
}

} // namespace SocketScope
