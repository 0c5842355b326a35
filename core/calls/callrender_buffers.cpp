#include "calls/callrender_buffers.h"

#include "calls/constants.h"
#include "calls/crender.h"
#include "calls/displaytext.h"

#include <QStringList>

namespace SocketScope::CallTexts {

namespace {

// Text that may hold the program's bytes is substituted in the same arg() call as what
// follows it: a later arg() would replace a "%1" inside it.

using CRender::lengthInOut;
using CRender::pointer;

QString number(qint64 value)
{
    return QString::number(value);
}

QString receivedBytes(const CallEvent& e, BytesText style)
{
    return e.ret >= 0 && !e.cancelled ? bytes(e.results.data, style) + notKept(e, style)
                                      : pointer(e.arguments.buffer);
}

} // namespace

QString bytes(const QByteArray& data, BytesText style)
{
    switch (style) {
    case BytesText::Strace:
        return CRender::quotedBytes(data);
    case BytesText::Display:
        return DisplayText::quoted(data);
    }
    return {};
}

QString notKept(const CallEvent& e, BytesText style)
{
    if (e.bytesNotKept <= 0)
        return {};
    // After the bytes shown (cut with "..." when long, as strace -s does): how many the log
    // did not keep.
    switch (style) {
    case BytesText::Strace:
        return QStringLiteral(" /* %1 bytes not kept */").arg(e.bytesNotKept);
    case BytesText::Display:
        return QStringLiteral(" (%1)").arg(DisplayText::notKept(e.bytesNotKept));
    }
    return {};
}

QString ioVector(const QList<IoBuffer>& buffers, bool withContents, BytesText style)
{
    QStringList items;
    for (const IoBuffer& buffer : buffers) {
        items << QStringLiteral("{iov_base=%1, iov_len=%2}")
                     .arg(withContents ? bytes(buffer.bytes, style) : QStringLiteral("..."),
                          number(buffer.length));
    }
    return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString messageHeader(const CallEvent& e, bool received, BytesText style)
{
    const CallArguments& a = e.arguments;
    const SocketAddress& name = received ? e.results.returnedAddress : a.address;
    const QString nameText = name.isValid() ? name.straceText() : QStringLiteral("NULL");
    const socklen_t nameLength = received ? e.results.returnedLength : name.length();
    return QStringLiteral("{msg_name=%1, msg_namelen=%2, msg_iov=%3, msg_iovlen=%4, "
                          "msg_controllen=0, msg_flags=0}")
        .arg(nameText, number(nameLength),
             ioVector(a.vector, !received || !e.failed(), style) + notKept(e, style),
             number(a.vector.size()));
}

QString multiMessages(const CallEvent& e, BytesText style)
{
    if (e.failed() || e.ret < 0)
        return pointer(e.arguments.buffer);
    const bool received = e.call == Call::RecvMmsg;
    QStringList items;
    for (const MultiMessage& message : e.arguments.messages) {
        const QString name =
            message.address.isValid() ? message.address.straceText() : QStringLiteral("NULL");
        const socklen_t nameLength = received ? message.addressLength : message.address.length();
        items << QStringLiteral("{msg_hdr={msg_name=%1, msg_namelen=%2, msg_iov=%3, "
                                "msg_iovlen=%4, msg_controllen=0, msg_flags=0}, msg_len=%5}")
                     .arg(name, number(nameLength), ioVector(message.vector, true, style),
                          number(message.vector.size()), number(message.length));
    }
    return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']') +
           notKept(e, style);
}

QString receiveArguments(const CallEvent& e, BytesText style)
{
    const CallArguments& a = e.arguments;
    QString text =
        QStringLiteral("%1, %2, %3").arg(number(a.fd), receivedBytes(e, style), number(a.count));
    if (e.call == Call::Read)
        return text;
    text += QStringLiteral(", ") + flagsText(ConstantKind::MessageFlag, a.flags);
    if (e.call != Call::RecvFrom)
        return text;
    if (e.cancelled)
        return text + QStringLiteral(", NULL, [%1]").arg(a.addressCapacity);
    // A connected or stream socket may leave the address empty (length 0).
    const bool filled = e.ret >= 0 && e.results.returnedAddress.isValid();
    return text +
           QStringLiteral(", %1, %2")
               .arg(filled ? e.results.returnedAddress.straceText() : pointer(a.addressBuffer),
                    lengthInOut(a.addressCapacity,
                                e.ret >= 0 ? e.results.returnedLength : a.addressCapacity));
}

QString sendArguments(const CallEvent& e, BytesText style)
{
    const CallArguments& a = e.arguments;
    QString text = QStringLiteral("%1, %2, %3")
                       .arg(number(a.fd), bytes(a.payload, style) + notKept(e, style),
                            number(a.payload.size() + e.bytesNotKept));
    if (e.call == Call::Write)
        return text;
    text += QStringLiteral(", ") + flagsText(ConstantKind::MessageFlag, a.flags);
    if (e.call == Call::SendTo)
        text += QStringLiteral(", %1, %2").arg(a.address.straceText(), number(a.address.length()));
    return text;
}

} // namespace SocketScope::CallTexts
