// Name resolution through the C library: getaddrinfo and getnameinfo, which read
// /etc/hosts, /etc/services and the DNS, and report EAI_* codes rather than errno.
#include "calls/crender.h"
#include "engine/syscalllayer.h"

#include <netdb.h>

namespace SocketScope {

void SyscallLayer::doGetAddrInfo(const CallRequest&, CallEvent& e)
{
    CallArguments& a = e.arguments;
    addrinfo hints{};
    hints.ai_family = a.domain;
    hints.ai_socktype = a.type;
    hints.ai_flags = a.flags;
    addrinfo* results = nullptr;
    a.buffer = CRender::addressOf(&results);
    const QByteArray host = a.host.toUtf8();
    const QByteArray service = a.service.toUtf8();
    const int ret =
        ::getaddrinfo(a.host.isEmpty() ? nullptr : host.constData(),
                      a.service.isEmpty() ? nullptr : service.constData(), &hints, &results);
    e.ret = ret;
    e.error = ret;
    if (ret != 0)
        return;
    for (const addrinfo* p = results; p; p = p->ai_next)
        e.results.resolved << SocketAddress(p->ai_addr, p->ai_addrlen);
    freeaddrinfo(results);
    if (!e.results.resolved.isEmpty())
        e.results.returnedAddress = e.results.resolved.first();
}

void SyscallLayer::doGetNameInfo(const CallRequest& r, CallEvent& e)
{
    const CallArguments& a = r.arguments;
    char host[NI_MAXHOST] = {};
    char service[NI_MAXSERV] = {};
    e.arguments.buffer = CRender::addressOf(host);
    e.arguments.addressBuffer = CRender::addressOf(service);
    const int ret = ::getnameinfo(a.address.data(), a.address.length(), host, sizeof(host), service,
                                  sizeof(service), a.flags);
    e.ret = ret;
    e.error = ret;
    if (ret != 0)
        return;
    e.results.resolvedHost = QString::fromUtf8(host);
    e.results.resolvedService = QString::fromUtf8(service);
}

} // namespace SocketScope
