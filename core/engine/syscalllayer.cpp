#include "engine/syscalllayer.h"

#include "calls/callresult.h"
#include "calls/constants.h"
#include "calls/crender.h"

#include <QStringList>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace SocketScope {

using CallResult::setCancelled;
using CallResult::setResult;

namespace {

QString fdText(int fd)
{
    return QString::number(fd);
}

} // namespace

SyscallLayer::SyscallLayer()
    : m_cancelFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
}

SyscallLayer::~SyscallLayer()
{
    if (m_cancelFd >= 0)
        ::close(m_cancelFd);
}

QStringList SyscallLayer::supportedCalls()
{
    return {
        QStringLiteral("socket"),      QStringLiteral("bind"),        QStringLiteral("listen"),
        QStringLiteral("accept"),      QStringLiteral("accept4"),     QStringLiteral("connect"),
        QStringLiteral("read"),        QStringLiteral("write"),       QStringLiteral("send"),
        QStringLiteral("recv"),        QStringLiteral("sendto"),      QStringLiteral("recvfrom"),
        QStringLiteral("shutdown"),    QStringLiteral("close"),       QStringLiteral("getsockname"),
        QStringLiteral("getpeername"), QStringLiteral("getsockopt"),  QStringLiteral("setsockopt"),
        QStringLiteral("getaddrinfo"), QStringLiteral("getnameinfo"), QStringLiteral("poll"),
        QStringLiteral("select")};
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

void SyscallLayer::enterKernel(int fd)
{
    std::lock_guard lock(m_kernelMutex);
    m_inKernelFd = fd;
    if (m_cancelled.load())
        ::shutdown(fd, SHUT_RDWR);
}

void SyscallLayer::leaveKernel()
{
    std::lock_guard lock(m_kernelMutex);
    m_inKernelFd = -1;
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
    if (onBlocked)
        onBlocked();
    fds.append(pollfd{m_cancelFd, POLLIN, 0});
    do {
        ready = ::poll(fds.data(), nfds_t(fds.size()), timeoutMs);
    } while (ready < 0 && errno == EINTR);
    if (fds.last().revents != 0 || m_cancelled.load())
        return Wait::Cancelled;
    return ready > 0 ? Wait::Ready : Wait::TimedOut;
}

SyscallLayer::Wait SyscallLayer::waitReadable(const CallRequest& request, int flags,
                                              const BlockedCallback& onBlocked)
{
    // A call that will not block needs no wait; MSG_OOB reads urgent data that poll reports
    // as POLLPRI, and must not wait for POLLIN.
    if (request.descriptorIsNonBlocking || (flags & MSG_DONTWAIT) || (flags & MSG_OOB))
        return Wait::Ready;
    return waitFor({pollfd{request.fd, POLLIN, 0}}, -1, onBlocked);
}

CallEvent SyscallLayer::perform(const CallRequest& request, const BlockedCallback& onBlocked)
{
    CallEvent event;
    event.call = request.call;
    event.fd = request.fd;
    event.resultFd = request.fd;
    event.tNs = monotonicNowNs();
    const QString& call = request.call;
    if (call == QLatin1String("socket"))
        doSocket(request, event);
    else if (call == QLatin1String("bind"))
        doBind(request, event);
    else if (call == QLatin1String("listen"))
        doListen(request, event);
    else if (call == QLatin1String("accept") || call == QLatin1String("accept4"))
        doAccept(request, event, onBlocked);
    else if (call == QLatin1String("connect"))
        doConnect(request, event);
    else if (call == QLatin1String("read"))
        doRead(request, event, onBlocked);
    else if (call == QLatin1String("write"))
        doWrite(request, event, onBlocked);
    else if (call == QLatin1String("recv") || call == QLatin1String("recvfrom"))
        doRecv(request, event, onBlocked);
    else if (call == QLatin1String("send") || call == QLatin1String("sendto"))
        doSendTo(request, event, onBlocked);
    else if (call == QLatin1String("shutdown"))
        doShutdown(request, event);
    else if (call == QLatin1String("close"))
        doClose(request, event);
    else if (call == QLatin1String("getsockname") || call == QLatin1String("getpeername"))
        doSockName(request, event);
    else if (call == QLatin1String("getsockopt"))
        doGetSockOpt(request, event);
    else if (call == QLatin1String("setsockopt"))
        doSetSockOpt(request, event);
    else if (call == QLatin1String("poll"))
        doPoll(request, event, onBlocked);
    else if (call == QLatin1String("select"))
        doSelect(request, event, onBlocked);
    else if (call == QLatin1String("getaddrinfo"))
        doGetAddrInfo(request, event);
    else if (call == QLatin1String("getnameinfo"))
        doGetNameInfo(request, event);
    else
        setResult(event, -1, ENOSYS);
    event.durationNs = monotonicNowNs() - event.tNs;
    return event;
}

void SyscallLayer::doSocket(const CallRequest& r, CallEvent& e)
{
    const int ret = ::socket(r.domain, r.type, r.protocol);
    const int error = errno;
    const QString protocol = (r.domain == AF_INET || r.domain == AF_INET6)
                                 ? constantName(ConstantKind::Protocol, r.protocol)
                                 : QString::number(r.protocol);
    e.args = QStringLiteral("%1, %2, %3")
                 .arg(familyName(r.domain), flagsText(ConstantKind::SocketType, r.type), protocol);
    e.fd = e.resultFd = ret;
    setResult(e, ret, error);
}

void SyscallLayer::doBind(const CallRequest& r, CallEvent& e)
{
    const int ret = ::bind(r.fd, r.address.data(), r.address.length());
    const int error = errno;
    e.address = r.address;
    e.args = QStringLiteral("%1, %2, %3")
                 .arg(fdText(r.fd), r.address.straceText())
                 .arg(r.address.length());
    setResult(e, ret, error);
}

void SyscallLayer::doListen(const CallRequest& r, CallEvent& e)
{
    const int ret = ::listen(r.fd, r.backlog);
    const int error = errno;
    e.args = QStringLiteral("%1, %2").arg(r.fd).arg(r.backlog);
    setResult(e, ret, error);
}

void SyscallLayer::doAccept(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    const bool four = r.call == QLatin1String("accept4");
    const socklen_t capacity = r.addressCapacity ? r.addressCapacity : sizeof(sockaddr_storage);
    const QString tail =
        four ? QStringLiteral(", ") + flagsText(ConstantKind::SocketType, r.flags) : QString();
    if (!r.descriptorIsNonBlocking &&
        waitFor({pollfd{r.fd, POLLIN, 0}}, -1, onBlocked) == Wait::Cancelled) {
        e.args = QStringLiteral("%1, %2, [%3]%4")
                     .arg(fdText(r.fd), CRender::pointer(nullptr))
                     .arg(capacity)
                     .arg(tail);
        setCancelled(e);
        return;
    }
    sockaddr_storage peer{};
    socklen_t length = capacity;
    auto* peerAddress = reinterpret_cast<sockaddr*>(&peer);
    enterKernel(r.fd);
    const int ret = four ? ::accept4(r.fd, peerAddress, &length, r.flags)
                         : ::accept(r.fd, peerAddress, &length);
    const int error = errno;
    leaveKernel();
    if (ret >= 0)
        e.returnedAddress = SocketAddress(peerAddress, length);
    e.args =
        QStringLiteral("%1, %2, %3%4")
            .arg(fdText(r.fd), ret >= 0 ? e.returnedAddress.straceText() : CRender::pointer(&peer),
                 CRender::lengthInOut(capacity, ret >= 0 ? length : capacity), tail);
    e.resultFd = ret;
    setResult(e, ret, error);
}

void SyscallLayer::doConnect(const CallRequest& r, CallEvent& e)
{
    e.address = r.address;
    e.args = QStringLiteral("%1, %2, %3")
                 .arg(fdText(r.fd), r.address.straceText())
                 .arg(r.address.length());
    if (m_cancelled.load()) {
        setCancelled(e);
        return;
    }
    // connect() waits inside the kernel for the handshake; cancel() wakes it with shutdown().
    enterKernel(r.fd);
    const int ret = ::connect(r.fd, r.address.data(), r.address.length());
    const int error = errno;
    leaveKernel();
    setResult(e, ret, error);
}

void SyscallLayer::doRead(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    QByteArray buffer(qMax(r.count, 0), '\0');
    if (waitReadable(r, 0, onBlocked) == Wait::Cancelled) {
        e.args = QStringLiteral("%1, %2, %3")
                     .arg(fdText(r.fd), CRender::pointer(buffer.data()))
                     .arg(r.count);
        setCancelled(e);
        return;
    }
    enterKernel(r.fd);
    const ssize_t ret = ::read(r.fd, buffer.data(), size_t(buffer.size()));
    const int error = errno;
    leaveKernel();
    if (ret >= 0)
        e.data = buffer.left(ret);
    e.args = QStringLiteral("%1, %2, %3")
                 .arg(fdText(r.fd),
                      ret >= 0 ? CRender::quotedBytes(e.data) : CRender::pointer(buffer.data()))
                 .arg(r.count);
    setResult(e, ret, error);
}

void SyscallLayer::doWrite(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    e.data = r.payload;
    e.args = QStringLiteral("%1, %2, %3")
                 .arg(fdText(r.fd), CRender::quotedBytes(r.payload))
                 .arg(r.payload.size());
    if (!r.descriptorIsNonBlocking &&
        waitFor({pollfd{r.fd, POLLOUT, 0}}, -1, onBlocked) == Wait::Cancelled) {
        setCancelled(e);
        return;
    }
    enterKernel(r.fd);
    const ssize_t ret = ::write(r.fd, r.payload.constData(), size_t(r.payload.size()));
    const int error = errno;
    leaveKernel();
    setResult(e, ret, error);
}

void SyscallLayer::doRecv(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    const bool from = r.call == QLatin1String("recvfrom");
    QByteArray buffer(qMax(r.count, 0), '\0');
    const socklen_t capacity = r.addressCapacity ? r.addressCapacity : sizeof(sockaddr_storage);
    const QString flags = flagsText(ConstantKind::MessageFlag, r.flags);
    if (waitReadable(r, r.flags, onBlocked) == Wait::Cancelled) {
        e.args = QStringLiteral("%1, %2, %3, %4")
                     .arg(fdText(r.fd), CRender::pointer(buffer.data()))
                     .arg(r.count)
                     .arg(flags);
        if (from)
            e.args += QStringLiteral(", %1, [%2]").arg(CRender::pointer(nullptr)).arg(capacity);
        setCancelled(e);
        return;
    }
    sockaddr_storage sender{};
    socklen_t length = capacity;
    auto* senderAddress = reinterpret_cast<sockaddr*>(&sender);
    enterKernel(r.fd);
    const ssize_t ret = from ? ::recvfrom(r.fd, buffer.data(), size_t(buffer.size()), r.flags,
                                          senderAddress, &length)
                             : ::recv(r.fd, buffer.data(), size_t(buffer.size()), r.flags);
    const int error = errno;
    leaveKernel();
    if (ret >= 0)
        e.data = buffer.left(qMin<qsizetype>(ret, buffer.size()));
    e.args = QStringLiteral("%1, %2, %3, %4")
                 .arg(fdText(r.fd),
                      ret >= 0 ? CRender::quotedBytes(e.data) : CRender::pointer(buffer.data()))
                 .arg(r.count)
                 .arg(flags);
    if (from) {
        // A connected or stream socket may leave the address empty (length 0).
        const bool filled = ret >= 0 && length > 0 && length <= capacity;
        if (filled)
            e.returnedAddress = SocketAddress(senderAddress, length);
        e.args += QStringLiteral(", %1, %2")
                      .arg(filled ? e.returnedAddress.straceText() : CRender::pointer(&sender),
                           CRender::lengthInOut(capacity, ret >= 0 ? length : capacity));
    }
    setResult(e, ret, error);
}

void SyscallLayer::doSendTo(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked)
{
    const bool to = r.call == QLatin1String("sendto");
    e.data = r.payload;
    e.args = QStringLiteral("%1, %2, %3, %4")
                 .arg(fdText(r.fd), CRender::quotedBytes(r.payload))
                 .arg(r.payload.size())
                 .arg(flagsText(ConstantKind::MessageFlag, r.flags));
    if (to) {
        e.address = r.address;
        e.args += QStringLiteral(", %1, %2").arg(r.address.straceText()).arg(r.address.length());
    }
    const bool mayBlock = !r.descriptorIsNonBlocking && !(r.flags & MSG_DONTWAIT);
    if (mayBlock && waitFor({pollfd{r.fd, POLLOUT, 0}}, -1, onBlocked) == Wait::Cancelled) {
        setCancelled(e);
        return;
    }
    enterKernel(r.fd);
    const ssize_t ret = to ? ::sendto(r.fd, r.payload.constData(), size_t(r.payload.size()),
                                      r.flags, r.address.data(), r.address.length())
                           : ::send(r.fd, r.payload.constData(), size_t(r.payload.size()), r.flags);
    const int error = errno;
    leaveKernel();
    setResult(e, ret, error);
}

void SyscallLayer::doShutdown(const CallRequest& r, CallEvent& e)
{
    const int ret = ::shutdown(r.fd, r.how);
    const int error = errno;
    e.args =
        QStringLiteral("%1, %2").arg(fdText(r.fd), constantName(ConstantKind::ShutdownHow, r.how));
    setResult(e, ret, error);
}

void SyscallLayer::doClose(const CallRequest& r, CallEvent& e)
{
    const int ret = ::close(r.fd);
    const int error = errno;
    e.args = fdText(r.fd);
    setResult(e, ret, error);
}

void SyscallLayer::doSockName(const CallRequest& r, CallEvent& e)
{
    sockaddr_storage address{};
    const socklen_t capacity = r.addressCapacity ? r.addressCapacity : sizeof(sockaddr_storage);
    socklen_t length = capacity;
    auto* raw = reinterpret_cast<sockaddr*>(&address);
    const int ret = r.call == QLatin1String("getsockname") ? ::getsockname(r.fd, raw, &length)
                                                           : ::getpeername(r.fd, raw, &length);
    const int error = errno;
    if (ret == 0)
        e.returnedAddress = SocketAddress(raw, std::min(length, capacity));
    e.args = QStringLiteral("%1, %2, %3")
                 .arg(fdText(r.fd),
                      ret == 0 ? e.returnedAddress.straceText() : CRender::pointer(&address),
                      CRender::lengthInOut(capacity, ret == 0 ? length : capacity));
    setResult(e, ret, error);
}

void SyscallLayer::doGetSockOpt(const CallRequest& r, CallEvent& e)
{
    const QString head = QStringLiteral("%1, %2, %3")
                             .arg(fdText(r.fd), constantName(ConstantKind::OptionLevel, r.level),
                                  socketOptionName(r.level, r.option));
    if (r.level == SOL_SOCKET && r.option == SO_LINGER) {
        linger value{};
        socklen_t length = sizeof(value);
        const int ret = ::getsockopt(r.fd, r.level, r.option, &value, &length);
        const int error = errno;
        m_lastOptionValue = value.l_onoff ? value.l_linger : -1;
        e.args = head + QStringLiteral(", {l_onoff=%1, l_linger=%2}, [%3]")
                            .arg(value.l_onoff)
                            .arg(value.l_linger)
                            .arg(length);
        setResult(e, ret, error);
        return;
    }
    int value = 0;
    socklen_t length = sizeof(value);
    const int ret = ::getsockopt(r.fd, r.level, r.option, &value, &length);
    const int error = errno;
    if (ret == 0)
        m_lastOptionValue = value;
    e.args = head + QStringLiteral(", [%1], [%2]").arg(value).arg(length);
    setResult(e, ret, error);
}

void SyscallLayer::doSetSockOpt(const CallRequest& r, CallEvent& e)
{
    const QString head = QStringLiteral("%1, %2, %3")
                             .arg(fdText(r.fd), constantName(ConstantKind::OptionLevel, r.level),
                                  socketOptionName(r.level, r.option));
    if (r.level == SOL_SOCKET && r.option == SO_LINGER) {
        const linger value{r.optionValue, r.lingerSeconds};
        const int ret = ::setsockopt(r.fd, r.level, r.option, &value, sizeof(value));
        const int error = errno;
        e.args = head + QStringLiteral(", {l_onoff=%1, l_linger=%2}, %3")
                            .arg(value.l_onoff)
                            .arg(value.l_linger)
                            .arg(sizeof(value));
        setResult(e, ret, error);
        return;
    }
    if (r.level == IPPROTO_IP &&
        (r.option == IP_ADD_MEMBERSHIP || r.option == IP_DROP_MEMBERSHIP)) {
        ip_mreq membership{};
        inet_pton(AF_INET, r.group.toLatin1().constData(), &membership.imr_multiaddr);
        inet_pton(AF_INET, r.interfaceAddress.toLatin1().constData(), &membership.imr_interface);
        const int ret = ::setsockopt(r.fd, r.level, r.option, &membership, sizeof(membership));
        const int error = errno;
        e.args = head + QStringLiteral(", {imr_multiaddr=inet_addr(\"%1\"), "
                                       "imr_interface=inet_addr(\"%2\")}, %3")
                            .arg(r.group, r.interfaceAddress)
                            .arg(sizeof(membership));
        setResult(e, ret, error);
        return;
    }
    if (r.level == IPPROTO_IP && r.option == IP_MULTICAST_IF) {
        in_addr interface {
        };
        inet_pton(AF_INET, r.interfaceAddress.toLatin1().constData(), &interface);
        const int ret = ::setsockopt(r.fd, r.level, r.option, &interface, sizeof(interface));
        const int error = errno;
        e.args = head + QStringLiteral(", {s_addr=inet_addr(\"%1\")}, %2")
                            .arg(r.interfaceAddress)
                            .arg(sizeof(interface));
        setResult(e, ret, error);
        return;
    }
    const int value = r.optionValue;
    const int ret = ::setsockopt(r.fd, r.level, r.option, &value, sizeof(value));
    const int error = errno;
    e.args = head + QStringLiteral(", [%1], %2").arg(value).arg(sizeof(value));
    setResult(e, ret, error);
}

} // namespace SocketScope
