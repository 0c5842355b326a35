#include "lab/labcommand.h"

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(LabConsole)
};

QString usageLine(const LabCommandSpec& command)
{
    return QStringLiteral("usage: %1 %2")
        .arg(QLatin1StringView(command.name), QLatin1StringView(command.usage))
        .trimmed();
}

// The flags the lab accepts beyond those socklab's usage string names.
QStringList extraFlags(const LabCommandSpec& command)
{
    QStringList names;
    const QLatin1StringView usage(command.usage);
    for (quint32 bit = 1; bit <= quint32(lastLabFlag); bit <<= 1) {
        const auto flag = LabFlag(bit);
        const QString name = QLatin1Char('-') + QLatin1StringView(labFlagName(flag));
        if (command.flags.testFlag(flag) && !usage.contains(name))
            names += name;
    }
    return names;
}

// Where socklab is wrong or surprising, said plainly; empty when nothing is to be said.
QString noteFor(LabVerb verb)
{
    switch (verb) {
    case LabVerb::Options:
        return Tr::tr("Note: socklab's option nodelay sets O_NONBLOCK, not TCP_NODELAY. In the "
                      "lab, nodelay is TCP_NODELAY and nonblock is O_NONBLOCK.");
    case LabVerb::Status:
        return Tr::tr("Note: socklab prints garbage in the row of an IPv6 UDP socket; the lab "
                      "prints it right.");
    case LabVerb::Urecv:
        return Tr::tr("Note: urecv is recv -oob: it reads one urgent byte, [nb] is not used.");
    case LabVerb::Mbind:
        return Tr::tr("Note: socklab reads mbind's port from the word after it; the lab takes "
                      "the port where the usage puts it.");
    case LabVerb::Msendto:
        return Tr::tr("Note: socklab's usage says [local], but msendto asks for the group, the "
                      "port and the message: msendto [id] [group] [port] [mesg].");
    case LabVerb::Bsend:
        return Tr::tr("Note: bsend turns SO_BROADCAST on, then asks for the host, the port and "
                      "the message as sendto does.");
    case LabVerb::Terminal:
        return Tr::tr("Note: the lab has two terminals, like two socklab windows, so that one "
                      "can be the server and the other the client: terminal 2 makes the next "
                      "calls from Lab 2. A terminal uses only the sockets it created.");
    case LabVerb::Socket6:
        return Tr::tr("Note: socket6 -dual makes an IPv6 socket that takes IPv4 too "
                      "(IPV6_V6ONLY off); socklab's socket6 is IPv6 only.");
    case LabVerb::Socket:
    case LabVerb::Bind:
    case LabVerb::Listen:
    case LabVerb::Accept:
    case LabVerb::Connect:
    case LabVerb::Close:
    case LabVerb::Shutdown:
    case LabVerb::Read:
    case LabVerb::Recv:
    case LabVerb::RecvFrom:
    case LabVerb::Write:
    case LabVerb::Send:
    case LabVerb::SendTo:
    case LabVerb::Help:
    case LabVerb::Quit:
    case LabVerb::Exit:
    case LabVerb::Passive:
    case LabVerb::Passive6:
    case LabVerb::Connect6:
    case LabVerb::Usend:
    case LabVerb::Msocket:
    case LabVerb::Mjoin:
    case LabVerb::Mleave:
    case LabVerb::Mrecvfrom:
    case LabVerb::Select:
    case LabVerb::Poll:
    case LabVerb::GetSockName:
    case LabVerb::GetPeerName:
    case LabVerb::GetAddrInfo:
        return {};
    }
    return {};
}

QString promptsNote()
{
    return Tr::tr("Note: socklab's number prompts loop forever at the end of the input; the lab "
                  "stops there.");
}

QStringList commandHelp(const LabCommandSpec& command)
{
    QStringList lines{usageLine(command)};
    if (const QStringList flags = extraFlags(command); !flags.isEmpty())
        lines += Tr::tr("The lab also accepts: %1").arg(flags.join(QLatin1Char(' ')));
    if (const QString note = noteFor(command.verb); !note.isEmpty())
        lines += note;
    return lines;
}

QStringList allCommands(LabMode mode)
{
    QStringList lines{Tr::tr("AVAILABLE COMMANDS:")};
    QStringList notes;
    for (const LabCommandSpec& command : labCommands(mode)) {
        const QChar letter = command.letter ? QLatin1Char(command.letter) : QLatin1Char(' ');
        QString line = QStringLiteral("  %1  %2 %3")
                           .arg(letter)
                           .arg(QLatin1StringView(command.name), -11)
                           .arg(QLatin1StringView(command.usage));
        while (line.endsWith(u' '))
            line.chop(1);
        lines += line;
        if (const QString note = noteFor(command.verb); !note.isEmpty())
            notes += note;
    }
    lines += notes;
    lines += promptsNote();
    lines += Tr::tr("help <command> shows its usage and the flags the lab adds to socklab's.");
    return lines;
}

} // namespace

QStringList labHelp(LabMode mode, const QStringList& commands)
{
    if (commands.isEmpty())
        return allCommands(mode);
    QStringList lines;
    for (const QString& word : commands) {
        const auto found = findLabCommand(word, mode);
        if (const auto* command = std::get_if<const LabCommandSpec*>(&found)) {
            lines += commandHelp(**command);
            continue;
        }
        switch (std::get<LabLineError>(found).kind) {
        case LabLineError::Kind::AmbiguousCommand:
            lines += Tr::tr("*** %1: ambiguous command").arg(word);
            break;
        case LabLineError::Kind::Empty:
        case LabLineError::Kind::InvalidQuoting:
        case LabLineError::Kind::InvalidCommand:
            lines += Tr::tr("*** %1: invalid command").arg(word);
            break;
        }
    }
    return lines;
}

} // namespace SocketScope
