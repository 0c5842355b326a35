#pragma once

#include "calls/callvalues.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace SocketScope {

// The options of the lab's `options` command: socklab's twelve, in its order, then what it
// lacks. socklab's nodelay is O_NONBLOCK (fcntl), as in socklab; TCP_NODELAY is tcpnodelay.
enum class LabOption {
    Broadcast,
    Debug,
    DontRoute,
    KeepAlive,
    OobInline,
    ReuseAddr,
    Asynchrone, // O_ASYNC: refused, the lab does not catch SIGIO
    NoDelay,    // socklab's: O_NONBLOCK
    RcvBuf,
    SndBuf,
    RcvTimeo,
    SndTimeo,
    // beyond socklab
    NonBlock, // O_NONBLOCK under its own name
    TcpNoDelay,
    Linger,
    ReusePort,
    V6Only,
    Ttl,
    // named only: `options id` does not walk them
    RcvLowat,
    Error, // read only
    Type,  // read only
    TcpMaxSeg,
    TcpKeepIdle,
    TcpKeepIntvl,
    TcpKeepCnt,
    Tos,
    MulticastTtl,
    MulticastLoop,
};

// How an option's value is typed, read and set.
enum class LabOptionKind {
    Flag,     // an int option, 0 or 1: [y/N]
    Integer,  // an int option: [cur]
    Seconds,  // a struct timeval, in seconds to the millisecond
    Linger,   // struct linger: on or off, then seconds
    NonBlock, // O_NONBLOCK, by fcntl F_GETFL and F_SETFL
    Refused,  // named, but the lab does not make it
};

struct LabOptionSpec {
    LabOption option;
    const char* name; // as typed: "reuseaddr"
    LabOptionKind kind;
    int level = 0; // for an IPv4 socket (ttl is IPV6_UNICAST_HOPS on an IPv6 one)
    int number = 0;
    bool walked = true;   // `options id` shows it (nonblock is nodelay again)
    bool settable = true; // false: getsockopt only (SO_ERROR, SO_TYPE)
};

const QList<LabOptionSpec>& labOptionSpecs();

// The level and option number of a socket option for a socket of this family.
std::pair<int, int> labOptionTarget(const LabOptionSpec& spec, int domain);

// The C name of the option for a socket of this family: "SO_REUSEADDR", "O_NONBLOCK".
QString labOptionCName(const LabOptionSpec& spec, int domain);

// Whether `options id` shows the option for a socket of this family and type.
bool labOptionApplies(const LabOptionSpec& spec, int domain, int type);

// One word of `options id word...`: a name (every option it prefixes is shown and asked),
// or name=value (one option, set at once).
struct LabOptionItem {
    const LabOptionSpec* spec = nullptr;
    std::optional<OptionValue> value; // none: show it and ask
};

// The words typed, as options to show or set; nullopt and *error (in the user's language)
// at the first that is no option, names several for a value, or has a bad value: then
// nothing is done. No word: every walked option that applies to the socket.
std::optional<QList<LabOptionItem>> parseLabOptionWords(const QStringList& words, int domain,
                                                        int type, QString* error);

// A value typed for the option, at the prompt or after '='. An empty answer is no value
// (the prompt keeps the current one): the caller checks it first.
std::optional<OptionValue> parseLabOptionValue(const LabOptionSpec& spec, QStringView text,
                                               QString* error);

// The value as name=value takes it: "1", "131072", "0.5", "1,5".
QString labOptionValueText(const LabOptionSpec& spec, const OptionValue& value);
// Whether setting wanted changes what the kernel said (a flag is on when not 0).
bool labOptionChanges(const LabOptionSpec& spec, const OptionValue& current,
                      const OptionValue& wanted);

// A value read and shown, not asked (options -get, an option that cannot be set):
// "reuseaddr = 1 (SO_REUSEADDR)", "type = 1 (SO_TYPE: SOCK_STREAM)".
QString labOptionShown(const LabOptionSpec& spec, int domain, const OptionValue& value);

// socklab's question with the current value: "reuseaddr [y/N] : ", "rcvbuf [131072] : ".
QString labOptionPrompt(const LabOptionSpec& spec, const OptionValue& current);

// The lines `help options` adds: the names, what each is, the one-line form.
QStringList labOptionsHelp();

} // namespace SocketScope
