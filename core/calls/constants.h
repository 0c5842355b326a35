#pragma once

#include "calls/callvalues.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace SocketScope {

// The symbolic constants of the socket API, so that scenarios can name them and events can
// render them the way strace does.
enum class ConstantKind {
    Family,       // AF_INET
    SocketType,   // SOCK_STREAM (SOCK_NONBLOCK and SOCK_CLOEXEC are flags of it)
    Protocol,     // IPPROTO_TCP
    MessageFlag,  // MSG_PEEK
    ShutdownHow,  // SHUT_WR
    OptionLevel,  // SOL_SOCKET
    SocketOption, // SO_REUSEADDR, TCP_NODELAY, IPV6_V6ONLY
    PollEvent,    // POLLIN
    AddrInfoFlag, // AI_PASSIVE
    NameInfoFlag, // NI_NUMERICHOST
    FcntlCommand, // F_GETFL
    FileFlag,     // O_NONBLOCK
    IoctlRequest, // FIONREAD
    EpollControl, // EPOLL_CTL_ADD
    EpollFlag,    // EPOLLIN
    CloneFlag,    // CLONE_VM
};

std::optional<int> constantValue(ConstantKind kind, const QString& name);
QString constantName(ConstantKind kind, int value);
// "MSG_PEEK|MSG_WAITALL", "0" for no flag; unknown bits are written in hex.
QString flagsText(ConstantKind kind, int value);
// Parses "MSG_PEEK|MSG_WAITALL" or a list of names; nullopt names the first unknown in *bad.
std::optional<int> flagsValue(ConstantKind kind, const QStringList& names, QString* bad = nullptr);
// The option's level, so that a scenario can write just the option name.
std::optional<int> optionLevel(const QString& optionName);
// Option numbers repeat across levels (SO_DEBUG and TCP_NODELAY are both 1).
QString socketOptionName(int level, int option);
// What type of value the option takes; Bytes for an option SocketScope does not know.
OptionValue::Kind optionValueKind(int level, int option);
// The options SocketScope knows, as {level, option} pairs, for the lab's lists.
QList<std::pair<int, int>> knownSocketOptions();
QStringList constantNames(ConstantKind kind);

} // namespace SocketScope
