#pragma once

#include "calls/socketaddress.h"
#include "lab/labmessage.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace SocketScope {

// The three command sets of socklab: `socklab`, `socklab tcp`, `socklab udp`.
enum class LabMode { Standard, Tcp, Udp };

// Every command of the lab's console: socklab's, in the three modes, and what it lacks.
enum class LabVerb {
    // socklab's standard mode
    Socket,
    Socket6,
    Bind,
    Listen,
    Accept,
    Connect,
    Close,
    Shutdown,
    Options,
    Read,
    Recv,
    RecvFrom,
    Write,
    Send,
    SendTo,
    Help,
    Status,
    Quit,
    Exit,
    // socklab tcp
    Passive,
    Passive6,
    Connect6,
    Urecv,
    Usend,
    // socklab udp (its `socket`, `socket6`: a socket bound to a free port)
    Msocket,
    Mjoin,
    Mleave,
    Mbind,
    Mrecvfrom,
    Msendto,
    Bsend,
    // beyond socklab
    Select,
    Poll,
    GetSockName,
    GetPeerName,
    GetAddrInfo,
    Terminal, // which of the lab's two terminals makes the next calls
};

// What one positional argument is: how it is prompted for and parsed.
enum class LabArgument {
    Protocol,     // tcp | udp
    Id,           // a socket id, "." (or nothing at the prompt) for the current one
    Host,         // "*", ".", a numeric address or a name
    Port,         // 0..65535 or a service name
    Backlog,      // listen's; default 5
    ByteCount,    // read/recv's size; default 100
    MessageCount, // mrecvfrom's; default 1
    Message,      // socklab's message syntax (labmessage.h)
    Direction,    // in | out | both
    OptionNames,  // the rest of the line: option names, each a unique prefix
    Group,        // a multicast group address
    Interface,    // a local interface address for multicast
    Ids,          // select/poll: the line's words but the last when there are two or more
    TimeoutMs,    // select/poll: the last word of two or more; milliseconds, -1 waits forever
    Service,      // getaddrinfo's service
    CommandNames, // help's: the rest of the line, command names or prefixes
    Terminal,     // 1 or 2; nothing: say which one is current
};

// Whether a missing argument is asked for. socklab never asks for mjoin's [local] (it uses
// INADDR_ANY), and the rest-of-the-line arguments are simply empty when nothing is typed.
bool labArgumentPrompted(LabArgument argument);

// Flags a command accepts after a '-', each a unique prefix: -o is -oob.
enum class LabFlag : quint32 {
    Oob = 1 << 0,
    Peek = 1 << 1,
    DontRoute = 1 << 2,
    Loop = 1 << 3,
    // beyond socklab
    WaitAll = 1 << 4,
    DontWait = 1 << 5,
    NoSignal = 1 << 6,
    Hex = 1 << 7,     // the message is hexadecimal digits
    Dual = 1 << 8,    // socket6: IPv4 too (IPV6_V6ONLY off), where socklab's is IPv6 only
    Escapes = 1 << 9, // the message is text with C's escapes: \n \r \t \0 \xHH...
    Get = 1 << 10,    // options: show the values, ask for none
};
inline constexpr LabFlag lastLabFlag = LabFlag::Get;
Q_DECLARE_FLAGS(LabFlags, LabFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(LabFlags)

// One command as a mode defines it: socklab's name, letter and usage text.
struct LabCommandSpec {
    LabVerb verb;
    const char* name;  // "socket"
    char letter;       // 's'; 0 when it has none
    const char* usage; // socklab's usage string, verbatim: "[tcp|udp]"
    // In the order the words come. socklab's quirks that the session applies, not the parser:
    // recv/recvfrom -oob and urecv force the byte count to 1 (one urgent byte: the count word
    // is then ignored, not asked); bsend asks host, port and message as sendto does.
    QList<LabArgument> arguments;
    LabFlags flags; // the flags it accepts
};

// The commands of a mode, in socklab's order (then the lab's own).
const QList<LabCommandSpec>& labCommands(LabMode mode);
const LabCommandSpec* labCommand(LabMode mode, LabVerb verb);

// The flag's name as typed after '-': "oob".
const char* labFlagName(LabFlag flag);

// A line split into its command and words, before the words are typed.
struct LabLine {
    const LabCommandSpec* command = nullptr;
    QStringList words; // positional, in order, quotes removed
    LabFlags flags;
};

struct LabLineError {
    enum class Kind {
        Empty,            // nothing but blanks: not an error, nothing to do
        InvalidQuoting,   // "*** invalid quoting"
        InvalidCommand,   // "*** invalid command"
        AmbiguousCommand, // "*** ambiguous command"
        TwoPayloads       // -hex and -esc together: the lab's own
    };
    Kind kind = Kind::Empty;
    QString word;         // the command word, lowercased (empty for Empty and InvalidQuoting)
    QString text() const; // socklab's message, in the user's language; empty for Empty
};

// The command a word names in the mode, as socklab's check_cmd finds it (see below).
std::variant<const LabCommandSpec*, LabLineError> findLabCommand(QStringView word, LabMode mode);

// Splits a line as socklab does: whitespace, "..." quoting; a one-letter word matches only
// a letter, a longer one a name exactly or by unique prefix, case-insensitively; '-' words
// that prefix one of the command's flags are flags (case-sensitively, as socklab compares
// them; "-" alone is no flag), others stay positional: "select 3 -1" has the words 3 and -1.
// A '"' starts a new word even inside one: `a"b c"d` is a, "b c", d.
std::variant<LabLine, LabLineError> parseLabLine(QStringView line, LabMode mode);

// socklab's prompt for a missing argument ("Host? : ", "Id. socket (3) ?: "); currentId < 0
// when there is no current socket.
QString labPrompt(LabArgument argument, int currentId);

// A socket id: a number, or "." / nothing for the current one.
struct LabId {
    bool current = false;
    int id = -1;
};

// How a host word reads: "*" any address, "." the loopback, a numeric address, or a name
// for getaddrinfo to resolve.
struct LabHost {
    enum class Kind { Any, Loopback, Numeric, Name };
    Kind kind = Kind::Any;
    QString text;
};

// Typed values of one word each; std::nullopt and *error (in the user's language) when it
// is not one. Nothing here makes a system call but getservbyname() for a service name.
// Hosts: numeric addresses are typed Numeric with their canonical text ("::0:1" -> "::1");
// a Name is a DNS name (letters, digits, '-' and '.', labels of 1 to 63 characters, 253 at
// most) whose last label is not all digits ("1.2.3" is no address and no name).
// Counts: decimal digits, the empty word is defaultValue. Protocol and direction: a prefix of
// one of their words, the first that matches as socklab's get_choice does ("b" is both).
std::optional<LabId> parseLabId(QStringView word, QString* error);
std::optional<LabHost> parseLabHost(QStringView word, QString* error);
std::optional<quint16> parseLabPort(QStringView word, QString* error);
std::optional<int> parseLabCount(QStringView word, int defaultValue, qint64 maximum,
                                 QString* error);
std::optional<int> parseLabDirection(QStringView word, QString* error); // SHUT_RD/WR/RDWR
std::optional<int> parseLabProtocol(QStringView word, QString* error);  // SOCK_STREAM/DGRAM
std::optional<int> parseLabTimeout(QStringView word, QString* error);   // -1 or 0.. ms
// socket's protocol word, beyond socklab's tcp|udp: unix and unixdgram are AF_UNIX sockets
// (labunix.cpp). domain is AF_UNSPEC for tcp and udp: the command's own family.
struct LabSocketProtocol {
    int domain = 0;
    int type = 0;
};
std::optional<LabSocketProtocol> parseLabSocketProtocol(QStringView word, QString* error);
// An AF_UNIX socket's address: a path of 1 to 107 bytes (sun_path with its NUL), relative to
// the lab's working directory as a program's would be.
std::optional<SocketAddress> parseLabPath(QStringView word, QString* error);
// How the message's text is read, for the flags typed (-hex, -esc; never both: the parser
// refuses the line).
LabPayload labPayload(LabFlags flags);
// The MSG_* flags a send or receive passes for the flags typed (-oob is MSG_OOB).
int labMessageFlags(LabFlags flags);
// A multicast group: a numeric IPv4 address from 224.0.0.0 to 239.255.255.255.
std::optional<QString> parseLabGroup(QStringView word, QString* error);

// `help [cmd]...` as socklab prints it ("usage: <name> <usage>"), with the lab's notes where
// socklab is wrong; in the user's language. No names: every command of the mode, one a line,
// then the notes. A name that is no command: socklab's "*** word: invalid command" line.
QStringList labHelp(LabMode mode, const QStringList& commands);

} // namespace SocketScope
