#include "calls/constants.h"
#include "export/cstatements.h"

#include <QCoreApplication>

#include <poll.h>

// The calls that ask the kernel or the C library: options, poll() and select(), name lookups.
namespace SocketScope::CProgram::Detail {

namespace {

QString levelName(int level)
{
    return level == SOL_SOCKET ? QStringLiteral("SOL_SOCKET")
                               : constantName(ConstantKind::Protocol, level);
}

// Declares and fills the address the step passes; returns "pointer, length" for the call.
QString eventsText(short events)
{
    return flagsText(ConstantKind::PollEvent, events);
}

} // namespace

void writeOption(const ScenarioStep& step, int index, FunctionNeeds& needs, Lines& out)
{
    const CallArguments& a = step.arguments;
    const QString fd = identifier(step.fdName);
    const QString option = socketOptionName(a.level, a.option);
    const QString value = QStringLiteral("value%1").arg(index + 1);
    const bool set = step.call == Call::SetSockOpt;
    const OptionValue::Kind kind = set ? a.value.kind : optionValueKind(a.level, a.option);
    QStringList shown;
    switch (kind) {
    case OptionValue::Kind::None:
    case OptionValue::Kind::Integer:
        out.add(QStringLiteral("int %1 = %2;").arg(value).arg(set ? a.value.integer : 0));
        shown << say(words(QT_TRANSLATE_NOOP("CProgram", "getsockopt(%1): %d")).arg(option),
                     QStringLiteral(", ") + value);
        break;
    case OptionValue::Kind::Linger:
        out.add(QStringLiteral("struct linger %1 = {%2, %3};")
                    .arg(value)
                    .arg(set ? a.value.integer : 0)
                    .arg(set ? a.value.lingerSeconds : 0));
        shown << say(words(QT_TRANSLATE_NOOP("CProgram", "getsockopt(%1): l_onoff %d, l_linger %d"))
                         .arg(option),
                     QStringLiteral(", %1.l_onoff, %1.l_linger").arg(value));
        break;
    case OptionValue::Kind::Timeval:
        out.add(QStringLiteral("struct timeval %1 = {%2, %3};")
                    .arg(value)
                    .arg(a.value.microseconds / 1'000'000)
                    .arg(a.value.microseconds % 1'000'000));
        shown << say(
            words(QT_TRANSLATE_NOOP("CProgram", "getsockopt(%1): %ld s %ld µs")).arg(option),
            QStringLiteral(", (long) %1.tv_sec, (long) %1.tv_usec").arg(value));
        break;
    case OptionValue::Kind::MulticastRequest:
        out.add(QStringLiteral("struct ip_mreq %1;").arg(value));
        out.add(QStringLiteral("memset(&%1, 0, sizeof %1);").arg(value));
        if (set) {
            for (const auto& [field, text] :
                 {std::pair{QStringLiteral("imr_multiaddr"), a.value.group},
                  std::pair{QStringLiteral("imr_interface"), a.value.interface}}) {
                out.open(QStringLiteral("if (inet_pton(AF_INET, %1, &%2.%3) != 1) {")
                             .arg(textLiteral(text), value, field));
                out.add(QStringLiteral("fprintf(stderr, \"inet_pton: %s\\n\", %1);")
                            .arg(textLiteral(text)));
                out.add(QStringLiteral("exit(EXIT_FAILURE);"));
                out.close();
            }
        }
        break;
    case OptionValue::Kind::InterfaceAddress:
        out.add(QStringLiteral("struct in_addr %1;").arg(value));
        out.add(QStringLiteral("memset(&%1, 0, sizeof %1);").arg(value));
        if (set) {
            out.open(QStringLiteral("if (inet_pton(AF_INET, %1, &%2) != 1) {")
                         .arg(textLiteral(a.value.interface), value));
            out.add(QStringLiteral("fprintf(stderr, \"inet_pton: %s\\n\", %1);")
                        .arg(textLiteral(a.value.interface)));
            out.add(QStringLiteral("exit(EXIT_FAILURE);"));
            out.close();
        }
        break;
    case OptionValue::Kind::Bytes:
        out.add(QStringLiteral("unsigned char %1[64];").arg(value));
        out.add(QStringLiteral("memset(%1, 0, sizeof %1);").arg(value));
        break;
    }
    const QString pointer = kind == OptionValue::Kind::Bytes ? value : QLatin1Char('&') + value;
    needs.result = true;
    if (set) {
        out.add(QStringLiteral("result = setsockopt(%1, %2, %3, %4, sizeof %5);")
                    .arg(fd, levelName(a.level), option, pointer, value));
        checked(out, step, QStringLiteral("result < 0"),
                {say(words(QT_TRANSLATE_NOOP("CProgram", "setsockopt(%1): done")).arg(option))});
        return;
    }
    out.add(QStringLiteral("socklen_t %1Length = sizeof %1;").arg(value));
    out.add(QStringLiteral("result = getsockopt(%1, %2, %3, %4, &%5Length);")
                .arg(fd, levelName(a.level), option, pointer, value));
    checked(out, step, QStringLiteral("result < 0"), shown);
}

void writePoll(const ScenarioStep& step, int index, FunctionNeeds& needs, Lines& out)
{
    needs.result = true;
    const QString set = QStringLiteral("fds%1").arg(index + 1);
    const qsizetype count = step.pollTargets.size();
    QStringList ready;
    if (step.call == Call::Poll) {
        out.open(QStringLiteral("struct pollfd %1[%2] = {").arg(set).arg(count));
        for (const ScenarioStep::PollTarget& target : step.pollTargets)
            out.add(QStringLiteral("{%1, %2, 0},")
                        .arg(identifier(target.fdName), eventsText(target.events)));
        out.close(QStringLiteral("};"));
        out.add(QStringLiteral("result = poll(%1, %2, %3);")
                    .arg(set)
                    .arg(count)
                    .arg(step.arguments.timeoutMs));
        ready << say(words(QT_TRANSLATE_NOOP("CProgram", "poll(): %d ready")),
                     QStringLiteral(", result"));
        for (qsizetype i = 0; i < count; ++i)
            ready << say(
                QStringLiteral("  %1: revents 0x%x").arg(identifier(step.pollTargets.at(i).fdName)),
                QStringLiteral(", (unsigned) %1[%2].revents").arg(set).arg(i));
        checked(out, step, QStringLiteral("result < 0"), ready);
        return;
    }
    const QString highest = QStringLiteral("highest%1").arg(index + 1);
    out.add(QStringLiteral("fd_set %1Read, %1Write, %1Except;").arg(set));
    out.add(QStringLiteral("FD_ZERO(&%1Read);").arg(set));
    out.add(QStringLiteral("FD_ZERO(&%1Write);").arg(set));
    out.add(QStringLiteral("FD_ZERO(&%1Except);").arg(set));
    out.add(QStringLiteral("int %1 = -1;").arg(highest));
    for (const ScenarioStep::PollTarget& target : step.pollTargets) {
        const QString fd = identifier(target.fdName);
        if (target.events & POLLIN)
            out.add(QStringLiteral("FD_SET(%1, &%2Read);").arg(fd, set));
        if (target.events & POLLOUT)
            out.add(QStringLiteral("FD_SET(%1, &%2Write);").arg(fd, set));
        if (target.events & POLLPRI)
            out.add(QStringLiteral("FD_SET(%1, &%2Except);").arg(fd, set));
        out.add(QStringLiteral("%1 = %2 > %1 ? %2 : %1;").arg(highest, fd));
    }
    QString timeout = QStringLiteral("NULL");
    if (step.arguments.timeoutMs >= 0) {
        out.add(QStringLiteral("struct timeval timeout%1 = {%2, %3};")
                    .arg(index + 1)
                    .arg(step.arguments.timeoutMs / 1000)
                    .arg((step.arguments.timeoutMs % 1000) * 1000));
        timeout = QStringLiteral("&timeout%1").arg(index + 1);
    }
    out.add(QStringLiteral("result = select(%1 + 1, &%2Read, &%2Write, &%2Except, %3);")
                .arg(highest, set, timeout));
    ready << say(words(QT_TRANSLATE_NOOP("CProgram", "select(): %d ready")),
                 QStringLiteral(", result"));
    for (const ScenarioStep::PollTarget& target : step.pollTargets)
        ready << say(QStringLiteral("  %1: %s%s%s").arg(identifier(target.fdName)),
                     QStringLiteral(", FD_ISSET(%1, &%2Read) ? \"R\" : \".\", FD_ISSET(%1, "
                                    "&%2Write) ? \"W\" : \".\", FD_ISSET(%1, &%2Except) ? \"X\" : "
                                    "\".\"")
                         .arg(identifier(target.fdName), set));
    checked(out, step, QStringLiteral("result < 0"), ready);
}

void writeAddrInfo(const ScenarioStep& step, int index, Program& program, FunctionNeeds& needs,
                   Lines& out)
{
    const CallArguments& a = step.arguments;
    needs.result = true;
    const QString hints = QStringLiteral("hints%1").arg(index + 1);
    const QString list = QStringLiteral("list%1").arg(index + 1);
    out.add(QStringLiteral("struct addrinfo %1;").arg(hints));
    out.add(QStringLiteral("struct addrinfo* %1 = NULL;").arg(list));
    out.add(QStringLiteral("memset(&%1, 0, sizeof %1);").arg(hints));
    out.add(QStringLiteral("%1.ai_family = %2;")
                .arg(hints, constantName(ConstantKind::Family, a.domain)));
    out.add(QStringLiteral("%1.ai_socktype = %2;")
                .arg(hints,
                     a.type ? flagsText(ConstantKind::SocketType, a.type) : QStringLiteral("0")));
    out.add(QStringLiteral("%1.ai_flags = %2;")
                .arg(hints, flagsText(ConstantKind::AddrInfoFlag, a.flags)));
    const QString host = a.host.isEmpty() ? QStringLiteral("NULL") : textLiteral(a.host);
    const QString service = a.service.isEmpty() ? QStringLiteral("NULL") : textLiteral(a.service);
    out.add(
        QStringLiteral("result = getaddrinfo(%1, %2, &%3, &%4);").arg(host, service, hints, list));
    QStringList success;
    if (!step.addressAs.isEmpty()) {
        const QString kept = identifier(step.addressAs);
        success << QStringLiteral("/* %1 */")
                       .arg(words(QT_TRANSLATE_NOOP("CProgram", "the first answer is kept")));
        success << QStringLiteral("memcpy(&%1, %2->ai_addr, %2->ai_addrlen);").arg(kept, list);
        success << QStringLiteral("%1Length = %2->ai_addrlen;").arg(kept, list);
        success << printKept(step, words(QT_TRANSLATE_NOOP("CProgram", "getaddrinfo():")), program);
    }
    success << QStringLiteral("freeaddrinfo(%1);").arg(list);
    checked(out, step, QStringLiteral("result != 0"), success,
            QStringLiteral("fprintf(stderr, \"getaddrinfo: %s\\n\", gai_strerror(result));"));
}

void writeNameInfo(const ScenarioStep& step, int index, Program& program, FunctionNeeds& needs,
                   Lines& out)
{
    needs.result = true;
    const QString address = writeAddress(step, index, program, out);
    const QString host = QStringLiteral("host%1").arg(index + 1);
    const QString service = QStringLiteral("service%1").arg(index + 1);
    out.add(QStringLiteral("char %1[NI_MAXHOST], %2[NI_MAXSERV];").arg(host, service));
    out.add(QStringLiteral("result = getnameinfo(%1, %2, sizeof %2, %3, sizeof %3, %4);")
                .arg(address, host, service,
                     flagsText(ConstantKind::NameInfoFlag, step.arguments.flags)));
    checked(out, step, QStringLiteral("result != 0"),
            {say(words(QT_TRANSLATE_NOOP("CProgram", "getnameinfo(): %s %s")),
                 QStringLiteral(", %1, %2").arg(host, service))},
            QStringLiteral("fprintf(stderr, \"getnameinfo: %s\\n\", gai_strerror(result));"));
}

} // namespace SocketScope::CProgram::Detail
