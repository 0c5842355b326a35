// Name resolution through the C library: getaddrinfo and getnameinfo, which read
// /etc/hosts, /etc/services and the DNS, and report EAI_* codes rather than errno.
#include "calls/callresult.h"
#include "calls/constants.h"
#include "calls/crender.h"
#include "engine/syscalllayer.h"

#include <QStringList>

#include <netdb.h>

namespace SocketScope {

void SyscallLayer::doGetAddrInfo(const CallRequest& r, CallEvent& e)
{
    addrinfo hints{};
    hints.ai_family = r.domain;
    hints.ai_socktype = r.type;
    hints.ai_flags = r.flags;
    addrinfo* results = nullptr;
    const QByteArray host = r.host.toUtf8();
    const QByteArray service = r.service.toUtf8();
    const int ret =
        ::getaddrinfo(r.host.isEmpty() ? nullptr : host.constData(),
                      r.service.isEmpty() ? nullptr : service.constData(), &hints, &results);
    const auto quotedOrNull = [](const QString& text, const QByteArray& bytes) {
        return text.isEmpty() ? QStringLiteral("NULL") : CRender::quotedBytes(bytes, 256);
    };
    const QString head =
        QStringLiteral("%1, %2, {ai_flags=%3, ai_family=%4, ai_socktype=%5}")
            .arg(quotedOrNull(r.host, host), quotedOrNull(r.service, service),
                 flagsText(ConstantKind::AddrInfoFlag, r.flags), familyName(r.domain),
                 r.type ? flagsText(ConstantKind::SocketType, r.type) : QStringLiteral("0"));
    if (ret != 0) {
        e.args = head + QStringLiteral(", %1").arg(CRender::pointer(&results));
        CallResult::setAddrInfoError(e, ret);
        return;
    }
    m_resolved.clear();
    QStringList items;
    for (const addrinfo* p = results; p; p = p->ai_next) {
        const SocketAddress address(p->ai_addr, p->ai_addrlen);
        m_resolved << address;
        items << address.straceText();
    }
    freeaddrinfo(results);
    if (!m_resolved.isEmpty())
        e.returnedAddress = m_resolved.first();
    e.args = head + QStringLiteral(", [%1]").arg(items.join(QStringLiteral(", ")));
    e.ret = 0;
}

void SyscallLayer::doGetNameInfo(const CallRequest& r, CallEvent& e)
{
    char host[NI_MAXHOST] = {};
    char service[NI_MAXSERV] = {};
    const int ret = ::getnameinfo(r.address.data(), r.address.length(), host, sizeof(host), service,
                                  sizeof(service), r.flags);
    e.address = r.address;
    const QString hostText = ret == 0 ? CRender::quotedBytes(host) : CRender::pointer(host);
    const QString serviceText =
        ret == 0 ? CRender::quotedBytes(service) : CRender::pointer(service);
    e.args = QStringLiteral("%1, %2, %3, %4, %5, %6, %7")
                 .arg(r.address.straceText())
                 .arg(r.address.length())
                 .arg(hostText)
                 .arg(sizeof(host))
                 .arg(serviceText)
                 .arg(sizeof(service))
                 .arg(flagsText(ConstantKind::NameInfoFlag, r.flags));
    if (ret != 0) {
        CallResult::setAddrInfoError(e, ret);
        return;
    }
    e.data = QByteArray(host) + ' ' + QByteArray(service);
    e.ret = 0;
}

} // namespace SocketScope
