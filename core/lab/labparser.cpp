#include "lab/labcommand.h"

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(LabConsole)
};

// socklab's check_cmd: blanks separate words; a '"' starts a word (ending the one it is in)
// that runs to the next '"', blanks included. nullopt when a quote is left open. Beyond
// socklab, \" is a quote inside a word: both characters stay, for -esc to read as '"'.
std::optional<QStringList> splitWords(QStringView line)
{
    QStringList words;
    QString current;
    bool inWord = false;
    bool quoting = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'\\' && i + 1 < line.size() && line.at(i + 1) == u'"') {
            current += line.mid(i, 2);
            inWord = !quoting;
            ++i;
        } else if (quoting) {
            if (c == u'"') {
                words += current;
                current.clear();
                quoting = false;
            } else {
                current += c;
            }
        } else if (c == u'"') {
            if (inWord)
                words += current;
            current.clear();
            inWord = false;
            quoting = true;
        } else if (c.isSpace()) {
            if (inWord)
                words += current;
            current.clear();
            inWord = false;
        } else {
            current += c;
            inWord = true;
        }
    }
    if (quoting)
        return std::nullopt;
    if (inWord)
        words += current;
    return words;
}

// The first of the command's flags, in LabFlag's order (socklab's own first), that the word
// after its '-' is a prefix of.
std::optional<LabFlag> findFlag(QStringView afterDash, LabFlags accepted)
{
    if (afterDash.isEmpty())
        return std::nullopt;
    for (quint32 bit = 1; bit <= quint32(lastLabFlag); bit <<= 1) {
        const auto flag = LabFlag(bit);
        if (accepted.testFlag(flag) && QLatin1StringView(labFlagName(flag)).startsWith(afterDash))
            return flag;
    }
    return std::nullopt;
}

} // namespace

std::variant<const LabCommandSpec*, LabLineError> findLabCommand(QStringView word, LabMode mode)
{
    const QString lower = word.toString().toLower();
    const QList<LabCommandSpec>& commands = labCommands(mode);
    if (lower.size() == 1) {
        for (const LabCommandSpec& command : commands) {
            if (command.letter != 0 && lower.at(0) == QLatin1Char(command.letter))
                return &command;
        }
        return LabLineError{LabLineError::Kind::InvalidCommand, lower};
    }
    const LabCommandSpec* found = nullptr;
    int prefixes = 0;
    for (const LabCommandSpec& command : commands) {
        const QLatin1StringView name(command.name);
        if (lower == name)
            return &command;
        if (!lower.isEmpty() && name.startsWith(lower)) {
            found = &command;
            ++prefixes;
        }
    }
    if (prefixes == 1)
        return found;
    return LabLineError{prefixes == 0 ? LabLineError::Kind::InvalidCommand
                                      : LabLineError::Kind::AmbiguousCommand,
                        lower};
}

QString LabLineError::text() const
{
    switch (kind) {
    case Kind::Empty:
        return {};
    case Kind::InvalidQuoting:
        return Tr::tr("*** invalid quoting");
    case Kind::InvalidCommand:
        return Tr::tr("*** invalid command");
    case Kind::AmbiguousCommand:
        return Tr::tr("*** ambiguous command");
    case Kind::TwoPayloads:
        return Tr::tr("*** -hex and -esc: the message is read one way, choose one");
    }
    return {};
}

std::variant<LabLine, LabLineError> parseLabLine(QStringView line, LabMode mode)
{
    const std::optional<QStringList> words = splitWords(line);
    if (!words)
        return LabLineError{LabLineError::Kind::InvalidQuoting, {}};
    if (words->isEmpty())
        return LabLineError{LabLineError::Kind::Empty, {}};

    const auto found = findLabCommand(words->first(), mode);
    if (const auto* error = std::get_if<LabLineError>(&found))
        return *error;

    LabLine parsed;
    parsed.command = std::get<const LabCommandSpec*>(found);
    for (qsizetype i = 1; i < words->size(); ++i) {
        const QString& word = words->at(i);
        if (word.startsWith(u'-')) {
            if (const auto flag = findFlag(QStringView(word).mid(1), parsed.command->flags)) {
                parsed.flags |= *flag;
                continue;
            }
        }
        parsed.words += word;
    }
    if (parsed.flags.testFlag(LabFlag::Hex) && parsed.flags.testFlag(LabFlag::Escapes))
        return LabLineError{LabLineError::Kind::TwoPayloads, {}};
    return parsed;
}

QString labPrompt(LabArgument argument, int currentId)
{
    switch (argument) {
    case LabArgument::Protocol:
        return Tr::tr("Protocol? [tcp/udp] : ");
    case LabArgument::Id:
        if (currentId < 0)
            return Tr::tr("Id socket ?: ");
        return Tr::tr("Id. socket (%1) ?: ").arg(currentId);
    case LabArgument::Host:
        return Tr::tr("Host? : ");
    case LabArgument::Port:
        return Tr::tr("Port? : ");
    case LabArgument::Backlog:
        return Tr::tr("Nb of requests [5] : ");
    case LabArgument::ByteCount:
        return Tr::tr("Nb of bytes to read [100] : ");
    case LabArgument::MessageCount:
        return Tr::tr("Nb of messages to receive [1] : ");
    case LabArgument::Message:
        return Tr::tr("Message? : ");
    case LabArgument::Direction:
        return Tr::tr("Direction? [in/out/both] : ");
    case LabArgument::Group:
        return Tr::tr("Group address? : ");
    // The lab's own, in socklab's style.
    case LabArgument::OptionNames:
        return Tr::tr("Option names? : ");
    case LabArgument::Interface:
        return Tr::tr("Local interface address? : ");
    case LabArgument::Ids:
        return Tr::tr("Id. sockets? : ");
    case LabArgument::TimeoutMs:
        return Tr::tr("Timeout in ms [-1] : ");
    case LabArgument::Service:
        return Tr::tr("Service? : ");
    case LabArgument::CommandNames:
        return Tr::tr("Commands? : ");
    case LabArgument::Terminal:
        return Tr::tr("Terminal? [1/2] : ");
    }
    return {};
}

} // namespace SocketScope
