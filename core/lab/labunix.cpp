// AF_UNIX sockets in the lab, beyond socklab: `socket unix`, and a path where a host and a
// port would be.
#include "lab/labsession.h"

#include <sys/socket.h>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(LabConsole)
};

} // namespace

std::optional<LabSocketProtocol> parseLabSocketProtocol(QStringView word, QString* error)
{
    // socklab's get_choice: the first whose name the word begins; "u" is still udp.
    const std::initializer_list<std::pair<const char*, LabSocketProtocol>> choices = {
        {"tcp", {AF_UNSPEC, SOCK_STREAM}},
        {"udp", {AF_UNSPEC, SOCK_DGRAM}},
        {"unix", {AF_UNIX, SOCK_STREAM}},
        {"unixdgram", {AF_UNIX, SOCK_DGRAM}}};
    if (!word.isEmpty()) {
        for (const auto& [name, protocol] : choices) {
            if (QLatin1StringView(name).startsWith(word, Qt::CaseInsensitive))
                return protocol;
        }
    }
    if (error)
        *error = Tr::tr("\"%1\" is not a protocol: tcp, udp, unix (AF_UNIX stream) or unixdgram "
                        "(AF_UNIX datagram)")
                     .arg(word);
    return std::nullopt;
}

std::optional<SocketAddress> parseLabPath(QStringView word, QString* error)
{
    QString why;
    std::optional<SocketAddress> address = SocketAddress::fromUnixPath(word.toString(), &why);
    // In the lab's words: "*** " and no capital, as its other messages.
    if (!address && error && !why.isEmpty())
        *error = QStringLiteral("*** ") + why.front().toLower() + why.mid(1);
    return address;
}

// bind, connect, sendto on an AF_UNIX socket: the word after the id is a path, no port.
bool LabSession::takesPath() const
{
    const QList<LabArgument>& arguments = m_line.command->arguments;
    if (arguments.size() < 3 || arguments[0] != LabArgument::Id ||
        arguments[1] != LabArgument::Host || arguments[2] != LabArgument::Port || m_words.isEmpty())
        return false;
    const std::optional<LabId> id = parseLabId(m_words.first(), nullptr);
    if (!id)
        return false;
    const auto socket = m_sockets.constFind(id->current ? m_current : id->id);
    return socket != m_sockets.cend() && socket->domain == AF_UNIX &&
           socket->terminal == m_terminal;
}

} // namespace SocketScope
