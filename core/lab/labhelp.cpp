#include "lab/labcommand.h"
#include "lab/labmessage.h"
#include "lab/laboptions.h"

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
QString noteFor(const LabCommandSpec& command)
{
    switch (command.verb) {
    case LabVerb::Options:
        return Tr::tr("Note: socklab's option nodelay sets O_NONBLOCK (fcntl), not TCP_NODELAY. "
                      "The lab keeps nodelay as socklab's, so that its scripts work: nodelay and "
                      "nonblock are O_NONBLOCK, tcpnodelay is TCP_NODELAY.");
    case LabVerb::Status:
        return Tr::tr("Note: socklab prints garbage in the row of an IPv6 UDP socket; the lab "
                      "prints it right.");
    case LabVerb::Urecv:
        return Tr::tr("Note: urecv is recv -oob: it reads one urgent byte, [nb] is not used.");
    case LabVerb::Mbind:
        return Tr::tr("Note: socklab reads mbind's port from the word after it; the lab takes "
                      "the port where the usage puts it. mbind binds any address (*), not the "
                      "loopback: a group's datagrams are not addressed to 127.0.0.1, and the "
                      "socket can be reached from other machines.");
    case LabVerb::Mjoin:
    case LabVerb::Mleave:
        return Tr::tr("Note: socklab ignores [local] and always joins on INADDR_ANY (the "
                      "interface of the route to 224.0.0.0/4); the lab joins on the interface "
                      "whose IPv4 address [local] is (127.0.0.1 or . for the loopback), "
                      "INADDR_ANY without it.");
    case LabVerb::Send:
    case LabVerb::SendTo:
    case LabVerb::Usend:
        return Tr::tr("Note: -loop sends again until a call fails or Ctrl+C; a send that "
                      "would block waits, and Ctrl+C ends it. The lab stops after %1 sends, "
                      "since every call stays in its log.")
            .arg(labLoopSendLimit);
    case LabVerb::GetAddrInfo:
        return Tr::tr("Every command that takes a host resolves a name with getaddrinfo(), "
                      "shown in the calls; socklab asks for the host again when it fails, and "
                      "so does the lab.");
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
        // socklab udp's socket takes no protocol: its sockets are UDP.
        if (!command.arguments.contains(LabArgument::Protocol))
            return {};
        return Tr::tr("The lab's addition: socket unix makes an AF_UNIX stream socket, socket "
                      "unixdgram an AF_UNIX datagram socket. For them bind, connect and sendto "
                      "take a path instead of a host and a port: bind . ./lab.sock, sendto . "
                      "./peer.sock hello. A relative path starts from the folder SocketScope "
                      "was started in, as a program's.");
    case LabVerb::Bind:
        return Tr::tr("Note: bind of an AF_UNIX socket creates its file, and close does not "
                      "remove it: a second bind to the same path fails with EADDRINUSE until "
                      "the file is removed (rm path in a shell; a program calls unlink()).");
    case LabVerb::Listen:
    case LabVerb::Accept:
    case LabVerb::Connect:
    case LabVerb::Close:
    case LabVerb::Shutdown:
    case LabVerb::Read:
    case LabVerb::Recv:
    case LabVerb::RecvFrom:
    case LabVerb::Write:
    case LabVerb::Help:
    case LabVerb::Quit:
    case LabVerb::Exit:
    case LabVerb::Passive:
    case LabVerb::Passive6:
    case LabVerb::Connect6:
    case LabVerb::Msocket:
    case LabVerb::Mrecvfrom:
    case LabVerb::Select:
    case LabVerb::Poll:
    case LabVerb::GetSockName:
    case LabVerb::GetPeerName:
        return {};
    }
    return {};
}

// The forms of a message beyond socklab's text, for the commands that send one.
QString messageFormsNote()
{
    return Tr::tr("A message is socklab's text (two blanks are CR LF, a blank at the end LF, #n "
                  "is n bytes '*'); with -hex it is hexadecimal bytes (0d 0a); with -esc it is "
                  "text with C's escapes, blanks as they are: \\n \\r \\t \\0 \\\\ \\\" "
                  "\\' \\a \\b \\f \\v and \\xHH (two hexadecimal digits). In the "
                  "console the quotes group words, and \\\" is a quote in a word (socklab has "
                  "no way to type one): with -esc it sends \".");
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
    if (const QString note = noteFor(command); !note.isEmpty())
        lines += note;
    if (command.flags.testFlag(LabFlag::Escapes))
        lines += messageFormsNote();
    if (command.verb == LabVerb::Options)
        lines += labOptionsHelp();
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
        // Commands that share a note (send, sendto) list it once.
        if (const QString note = noteFor(command); !note.isEmpty() && !notes.contains(note))
            notes += note;
    }
    lines += notes;
    lines += messageFormsNote();
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
        case LabLineError::Kind::TwoPayloads:
        case LabLineError::Kind::InvalidCommand:
            lines += Tr::tr("*** %1: invalid command").arg(word);
            break;
        }
    }
    return lines;
}

} // namespace SocketScope
