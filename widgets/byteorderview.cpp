#include "byteorderview.h"

#include "calls/byteorder.h"
#include "calls/crender.h"
#include "packetheaderhtml.h"

#include <QCoreApplication>
#include <QEvent>

#include <arpa/inet.h>
#include <cstring>
#include <sys/socket.h>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(SocketScope::ByteOrderView)
};

using Kind = ByteOrder::SockaddrField::Kind;

QString colourOf(Kind kind, const Theme& theme)
{
    switch (kind) {
    case Kind::Family:
        return theme.byteFamily.name();
    case Kind::Port:
        return theme.bytePort.name();
    case Kind::Address:
    case Kind::Path:
        return theme.byteAddress.name();
    case Kind::FlowInfo:
    case Kind::ScopeId:
        return theme.byteExtra.name();
    case Kind::Padding:
        return theme.byteOther.name();
    }
    return {};
}

QString endiannessText()
{
    return ByteOrder::hostIsLittleEndian()
               ? Tr::tr("This machine is little-endian: it stores the least significant byte "
                        "first. The network order is big-endian.")
               : Tr::tr("This machine is big-endian, like the network order: htons() changes "
                        "nothing here, but the program must still call it to run everywhere.");
}

// The row of bytes with their offsets, and the field names under them.
QString byteTable(const SocketAddress& address, const QList<ByteOrder::SockaddrField>& fields,
                  const Theme& theme)
{
    const QString ink = theme.ink.name();
    const QByteArray bytes(reinterpret_cast<const char*>(address.data()), address.length());
    QString offsets;
    QString cells;
    QString names;
    for (const auto& field : fields) {
        // A long AF_UNIX path is shown up to its end, not over all 108 bytes.
        const int shown = field.kind == Kind::Path
                              ? int(qMin<qsizetype>(field.size, bytes.size() - field.offset))
                              : field.size;
        if (shown <= 0)
            continue;
        for (int i = 0; i < shown; ++i) {
            const int offset = field.offset + i;
            offsets += QStringLiteral("<td align='center'><small>%1</small></td>").arg(offset);
            cells +=
                QStringLiteral("<td align='center' style='background:%1; color:%2'><tt>%3"
                               "</tt></td>")
                    .arg(colourOf(field.kind, theme), ink,
                         offset < bytes.size() ? QString::fromLatin1(bytes.mid(offset, 1).toHex())
                                               : QStringLiteral("··"));
        }
        names += QStringLiteral("<td colspan='%1' align='center' style='background:%2; color:%3'>"
                                "<small>%4</small></td>")
                     .arg(shown)
                     .arg(colourOf(field.kind, theme), ink, field.name);
    }
    return QStringLiteral("<table cellspacing='1' cellpadding='3'><tr><td><small>%1</small></td>%2"
                          "</tr><tr><td>%3</td>%4</tr><tr><td></td>%5</tr></table>")
        .arg(Tr::tr("offset"), offsets, Tr::tr("bytes"), cells, names);
}

using PortWriting = ByteOrderView::PortWriting;

QString conversions(const SocketAddress& address, PortWriting writing)
{
    QString rows;
    const auto row = [&rows](const QString& what, const QString& host, const QString& network,
                             const QString& how) {
        rows += QStringLiteral("<tr><td><b>%1</b></td><td><tt>%2</tt></td><td><tt>%3</tt></td>"
                               "<td>%4</td></tr>")
                    .arg(what, host, network, how);
    };
    const quint16 port = address.port();
    switch (writing) {
    case PortWriting::Htons: {
        const auto portBytes = ByteOrder::convertNumber(QString::number(port), 16, nullptr);
        row(Tr::tr("port %1").arg(port), CRender::hexBytes(portBytes->hostBytes),
            CRender::hexBytes(portBytes->networkBytes), QStringLiteral("htons(%1)").arg(port));
        break;
    }
    case PortWriting::WithoutHtons: {
        // What the program stored is the port it meant, in this machine's order; the same
        // bytes travel, and the network reads them as `port`.
        const quint16 stored = ByteOrder::portWithoutHtons(port);
        const auto storedBytes = ByteOrder::convertNumber(QString::number(stored), 16, nullptr);
        row(Tr::tr("port %1 stored without htons()").arg(stored),
            CRender::hexBytes(storedBytes->hostBytes), CRender::hexBytes(storedBytes->hostBytes),
            Tr::tr("none: sin_port = %1, the bytes travel as they are and the network reads "
                   "port %2")
                .arg(stored)
                .arg(port));
        break;
    }
    }
    int family = 0;
    const auto addressBytes = ByteOrder::convertAddress(address.host(), &family, nullptr);
    if (addressBytes && family == AF_INET) {
        quint32 networkValue = 0;
        std::memcpy(&networkValue, addressBytes->constData(), sizeof(networkValue));
        const quint32 value = ntohl(networkValue);
        const auto host = ByteOrder::convertNumber(QString::number(value), 32, nullptr);
        row(Tr::tr("address %1").arg(address.host()), CRender::hexBytes(host->hostBytes),
            CRender::hexBytes(*addressBytes),
            QStringLiteral("inet_pton(AF_INET, \"%1\", ...) = htonl(0x%2)")
                .arg(address.host())
                .arg(value, 8, 16, QLatin1Char('0')));
    } else if (addressBytes) {
        row(Tr::tr("address %1").arg(address.host()), QStringLiteral("—"),
            CRender::hexBytes(*addressBytes),
            QStringLiteral("inet_pton(AF_INET6, \"%1\", ...)").arg(address.host()));
    }
    const quint16 family16 = quint16(address.family());
    row(Tr::tr("family %1").arg(familyName(address.family())),
        CRender::hexBytes(QByteArray(reinterpret_cast<const char*>(&family16), 2)),
        QStringLiteral("—"), Tr::tr("sa_family stays in host order: only port and address travel"));
    return QStringLiteral("<table cellspacing='0' cellpadding='4' border='1'><tr><th></th><th>%1"
                          "</th><th>%2</th><th>%3</th></tr>%4</table>")
        .arg(Tr::tr("host order (memory)"), Tr::tr("network order (wire)"), Tr::tr("conversion"),
             rows);
}

} // namespace

ByteOrderView::ByteOrderView(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setAccessibleName(tr("Bytes"));
    setCall(std::nullopt);
}

void ByteOrderView::setCall(const std::optional<CallEvent>& call, PortWriting writing)
{
    m_packet.reset();
    m_call = call;
    m_writing = writing;
    rebuild();
}

void ByteOrderView::setPacket(const PacketEvent& packet, const std::optional<CallEvent>& cause,
                              PortWriting writing)
{
    m_packet = packet;
    m_call = cause;
    m_writing = writing;
    rebuild();
}

void ByteOrderView::rebuild()
{
    // A packet's bytes come first, the call's sockaddr after, so that both are seen together.
    setHtml((m_packet ? packetHeaderHtml(*m_packet, m_call, m_theme) : QString()) +
            html(m_call, m_writing, m_theme));
}

void ByteOrderView::changeEvent(QEvent* event)
{
    // Another theme: the colours are in the HTML, so it is written again.
    if (event->type() == QEvent::PaletteChange && !(m_theme == Theme::current())) {
        m_theme = Theme::current();
        rebuild();
    }
    QTextBrowser::changeEvent(event);
}

QString ByteOrderView::html(const std::optional<CallEvent>& call, PortWriting writing,
                            const Theme& theme)
{
    QString html = QStringLiteral("<p>%1</p>").arg(endiannessText());
    if (!call)
        return html;
    const bool passed = call->arguments.address.isValid();
    const SocketAddress& address = passed ? call->arguments.address : call->results.returnedAddress;
    const QString name = Calls::name(call->call);
    if (!address.isValid() || address.family() == AF_UNSPEC) {
        return html +
               QStringLiteral("<p><i>%1</i></p>").arg(Tr::tr("%1() passes no address.").arg(name));
    }
    const QString structure = ByteOrder::structName(address.family());
    html += QStringLiteral("<h3>%1</h3>")
                .arg(passed ? Tr::tr("%1(): the %2 the program passed, %3 bytes")
                                  .arg(name, structure)
                                  .arg(address.length())
                            : Tr::tr("%1(): the %2 the kernel filled in, %3 bytes")
                                  .arg(name, structure)
                                  .arg(address.length()));
    html += byteTable(address, ByteOrder::layout(address.family()), theme);
    if (address.family() == AF_UNIX)
        return html + QStringLiteral("<p>%1</p>")
                          .arg(Tr::tr("An AF_UNIX address is a path: no port, no byte order."));
    // Only a port the program passed can have been written without htons().
    const PortWriting written = passed ? writing : PortWriting::Htons;
    html += QStringLiteral("<p>") + conversions(address, written) + QStringLiteral("</p>");
    const quint16 port = address.port();
    const quint16 forgotten = ByteOrder::portWithoutHtons(port);
    if (written == PortWriting::WithoutHtons) {
        return html + QStringLiteral("<p><b>%1</b> %2</p>")
                          .arg(Tr::tr("This program forgot htons():"),
                               Tr::tr("it stored %1 as it is, bytes %2 in memory, low byte "
                                      "first; the network reads them in big-endian order: "
                                      "port %3.")
                                   .arg(forgotten)
                                   .arg(CRender::hexBytes(
                                       QByteArray(reinterpret_cast<const char*>(&forgotten), 2)))
                                   .arg(port));
    }
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(Tr::tr("If you forgot htons():"),
                     forgotten == port
                         ? Tr::tr("on this machine nothing would change for port %1, but the "
                                  "program would break on a little-endian one.")
                               .arg(port)
                         : Tr::tr("the bytes in memory would be %1, and the peer would read "
                                  "port %2 instead of %3.")
                               .arg(CRender::hexBytes(
                                   QByteArray(reinterpret_cast<const char*>(&port), 2)))
                               .arg(forgotten)
                               .arg(port));
    return html;
}

} // namespace SocketScope
