#include "export/cstatements.h"

#include "calls/constants.h"
#include "calls/crender.h"
#include "calls/errnoinfo.h"

#include <QCoreApplication>

#include <cerrno>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>

namespace SocketScope::CProgram::Detail {

namespace {

enum class Outcome { MustSucceed, MustFail, Shown };

Outcome outcomeOf(const ScenarioStep& step)
{
    if (step.expect.mayFail)
        return Outcome::Shown;
    return step.expect.error != 0 ? Outcome::MustFail : Outcome::MustSucceed;
}

} // namespace

// The call, checked: on failure perror() (or `report`), then exit unless the scenario
// expects the failure or only shows the result; on success the lines of `onSuccess`.
void checked(Lines& out, const ScenarioStep& step, const QString& failed,
             const QStringList& onSuccess, const QString& report)
{
    const QString name = QString(Calls::name(step.call));
    const QString perror = report.isEmpty() ? QStringLiteral("perror(\"%1\");").arg(name) : report;
    const Outcome outcome = outcomeOf(step);
    QStringList success = onSuccess;
    if (outcome == Outcome::MustFail) {
        const ErrnoInfo info = Calls::has(step.call, CallTrait::NameLookup)
                                   ? addrInfoErrorInfo(step.expect.error)
                                   : errnoInfo(step.expect.error);
        out.comment(
            words(QT_TRANSLATE_NOOP(
                      "CProgram",
                      "The scenario expects this call to fail with %1: the program goes on."))
                .arg(info.name));
        // The programs run on their own: the peer's move the failure waits for may come later.
        success.prepend(
            QStringLiteral("printf(%1);")
                .arg(textLiteral(
                    words(QT_TRANSLATE_NOOP("CProgram",
                                            "%1(): succeeded, where the scenario expects %2\n"))
                        .arg(name, info.name))));
    } else if (outcome == Outcome::Shown) {
        out.comment(words(QT_TRANSLATE_NOOP(
            "CProgram", "The session showed this call's result without expecting one: "
                        "the program goes on whatever it is.")));
    }
    out.open(QStringLiteral("if (%1) {").arg(failed));
    out.add(perror);
    if (outcome == Outcome::MustSucceed) {
        out.add(QStringLiteral("exit(EXIT_FAILURE);"));
        out.close();
        for (const QString& line : success)
            out.add(line);
        return;
    }
    if (success.isEmpty()) {
        out.close();
        return;
    }
    out.close(QStringLiteral("} else {"));
    out.setDepth(out.depth() + 1);
    for (const QString& line : success)
        out.add(line);
    out.close();
}

QString say(const QString& format, const QString& arguments)
{
    return QStringLiteral("printf(%1%2);").arg(textLiteral(format + QLatin1Char('\n')), arguments);
}

QString sockaddrCast(const QString& variable)
{
    return QStringLiteral("(struct sockaddr*) &%1").arg(variable);
}

QString writeAddress(const ScenarioStep& step, int index, Program& program, Lines& out)
{
    if (!step.addressName.isEmpty()) {
        const QString kept = identifier(step.addressName);
        return QStringLiteral("%1, %2Length").arg(sockaddrCast(kept), kept);
    }
    const QString name = QStringLiteral("address%1").arg(index + 1);
    if (!step.path.isEmpty()) {
        QString path = step.path;
        if (path.startsWith(QLatin1String("$dir/"))) {
            out.comment(words(QT_TRANSLATE_NOOP(
                "CProgram", "SocketScope keeps this file in a folder of its own; here it is "
                            "in the folder the program is started from.")));
            path = path.mid(5);
        }
        out.add(QStringLiteral("struct sockaddr_un %1;").arg(name));
        out.add(QStringLiteral("memset(&%1, 0, sizeof %1);").arg(name));
        out.add(QStringLiteral("%1.sun_family = AF_UNIX;").arg(name));
        out.add(QStringLiteral("strncpy(%1.sun_path, %2, sizeof %1.sun_path - 1);")
                    .arg(name, textLiteral(path)));
        if (step.call == Call::Bind) {
            out.comment(words(QT_TRANSLATE_NOOP(
                "CProgram", "Not a step of the scenario: the file a previous run left would "
                            "make bind() fail with EADDRINUSE.")));
            out.open(QStringLiteral("if (unlink(%1.sun_path) < 0 && errno != ENOENT) {").arg(name));
            out.add(QStringLiteral("perror(\"unlink\");"));
            out.close();
        }
        return QStringLiteral("%1, sizeof %2").arg(sockaddrCast(name), name);
    }
    if (!step.address.isValid())
        return QStringLiteral("NULL, 0");
    const bool v6 = step.address.family() == AF_INET6;
    const QString in = v6 ? QStringLiteral("sin6") : QStringLiteral("sin");
    out.add(QStringLiteral("struct sockaddr_%1 %2;")
                .arg(v6 ? QStringLiteral("in6") : QStringLiteral("in"), name));
    out.add(QStringLiteral("memset(&%1, 0, sizeof %1);").arg(name));
    out.add(QStringLiteral("%1.%2_family = %3;")
                .arg(name, in, v6 ? QStringLiteral("AF_INET6") : QStringLiteral("AF_INET")));
    QString port = QStringLiteral("htons(%1)").arg(step.port);
    if (step.usesServicePort && step.portWithoutHtons) {
        out.comment(words(QT_TRANSLATE_NOOP(
            "CProgram", "The scenario's mistake, on purpose: the port without htons().")));
        port = QStringLiteral("port");
    } else if (step.usesServicePort) {
        port = QStringLiteral("htons(port)");
    }
    out.add(QStringLiteral("%1.%2_port = %3;").arg(name, in, port));
    // The host typed replaces the one the scenario calls first, not its other ones.
    const bool typedHost = step.usesServicePort && program.takesHost && step.call != Call::Bind &&
                           step.address.host() == program.defaultHost;
    const QString host = typedHost ? QStringLiteral("host") : textLiteral(step.address.host());
    out.open(QStringLiteral("if (inet_pton(%1, %2, &%3.%4_addr) != 1) {")
                 .arg(v6 ? QStringLiteral("AF_INET6") : QStringLiteral("AF_INET"), host, name, in));
    out.add(QStringLiteral("fprintf(stderr, %1, %2);")
                .arg(textLiteral(
                         words(QT_TRANSLATE_NOOP("CProgram",
                                                 "inet_pton: \"%s\" is not a numeric %1 address\n"))
                             .arg(v6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4"))),
                     host));
    out.add(QStringLiteral("exit(EXIT_FAILURE);"));
    out.close();
    return QStringLiteral("%1, sizeof %2").arg(sockaddrCast(name), name);
}

// The address a call fills: the kept one ("address_as"), or none.
QString returnedAddress(const ScenarioStep& step, Lines& out)
{
    if (step.addressAs.isEmpty())
        return QStringLiteral("NULL, NULL");
    const QString kept = identifier(step.addressAs);
    out.add(QStringLiteral("%1Length = sizeof %1;").arg(kept));
    return QStringLiteral("%1, &%2Length").arg(sockaddrCast(kept), kept);
}

QString printKept(const ScenarioStep& step, const QString& label, Program& program)
{
    program.printsAddresses = true;
    return QStringLiteral("printAddress(%1, &%2, %2Length);")
        .arg(textLiteral(label), identifier(step.addressAs));
}

namespace {

void writeReceive(const ScenarioStep& step, Program& program, FunctionNeeds& needs, Lines& out)
{
    const CallArguments& a = step.arguments;
    needs.received = true;
    needs.bufferSize = std::max<qint64>(needs.bufferSize, std::max<qint64>(a.count, 1));
    const QString fd = identifier(step.fdName);
    const QString flags = flagsText(ConstantKind::MessageFlag, a.flags);
    QString call;
    switch (step.call) {
    case Call::Read:
        call = QStringLiteral("read(%1, buffer, %2)").arg(fd).arg(a.count);
        break;
    case Call::Recv:
        call = QStringLiteral("recv(%1, buffer, %2, %3)").arg(fd).arg(a.count).arg(flags);
        break;
    default: {
        const QString from = returnedAddress(step, out);
        call = QStringLiteral("recvfrom(%1, buffer, %2, %3, %4)")
                   .arg(fd)
                   .arg(a.count)
                   .arg(flags, from);
        break;
    }
    }
    out.add(QStringLiteral("received = %1;").arg(call));
    QStringList success{
        say(words(QT_TRANSLATE_NOOP("CProgram", "%1(): %zd bytes received: \"%.*s\""))
                .arg(Calls::name(step.call)),
            QStringLiteral(", received, (int) received, buffer"))};
    if (step.call == Call::RecvFrom && !step.addressAs.isEmpty())
        success << printKept(step, words(QT_TRANSLATE_NOOP("CProgram", "  from")), program);
    checked(out, step, QStringLiteral("received < 0"), success);
}

void writeSend(const ScenarioStep& step, int index, Program& program, FunctionNeeds& needs,
               Lines& out)
{
    const CallArguments& a = step.arguments;
    needs.sent = true;
    const QString fd = identifier(step.fdName);
    const QString bytes = bytesLiteral(a.payload);
    const QString flags = flagsText(ConstantKind::MessageFlag, a.flags);
    QString call;
    switch (step.call) {
    case Call::Write:
        call = QStringLiteral("write(%1, %2, %3)").arg(fd, bytes).arg(a.payload.size());
        break;
    case Call::Send:
        call =
            QStringLiteral("send(%1, %2, %3, %4)").arg(fd, bytes).arg(a.payload.size()).arg(flags);
        break;
    default: {
        const QString to = writeAddress(step, index, program, out);
        call = QStringLiteral("sendto(%1, %2, %3, %4, %5)")
                   .arg(fd, bytes)
                   .arg(a.payload.size())
                   .arg(flags, to);
        break;
    }
    }
    if (outcomeOf(step) == Outcome::MustFail && step.expect.error == EPIPE &&
        !(a.flags & MSG_NOSIGNAL))
        program.ignoresSigpipe = true;
    out.add(QStringLiteral("sent = %1;").arg(call));
    checked(out, step, QStringLiteral("sent < 0"),
            {say(words(QT_TRANSLATE_NOOP("CProgram", "%1(): %zd bytes sent"))
                     .arg(Calls::name(step.call)),
                 QStringLiteral(", sent"))});
}

// fcntl() F_GETFL / F_SETFL: the lab's nonblock option. F_SETFL writes the flags the session
// set, as C code usually does after reading them with F_GETFL.
void writeFileFlags(const ScenarioStep& step, FunctionNeeds& needs, Lines& out)
{
    const CallArguments& a = step.arguments;
    const QString fd = identifier(step.fdName);
    needs.result = true;
    if (a.command == F_GETFL) {
        out.add(QStringLiteral("result = fcntl(%1, F_GETFL);").arg(fd));
        checked(out, step, QStringLiteral("result < 0"),
                {say(words(QT_TRANSLATE_NOOP("CProgram", "fcntl(F_GETFL): flags %#x")),
                     QStringLiteral(", result"))});
        return;
    }
    out.add(QStringLiteral("result = fcntl(%1, F_SETFL, %2);")
                .arg(fd, flagsText(ConstantKind::FileFlag, int(a.commandArgument))));
    checked(out, step, QStringLiteral("result < 0"),
            {say(words(QT_TRANSLATE_NOOP("CProgram", "fcntl(F_SETFL): done")))});
}

} // namespace

void writeStep(const ScenarioStep& step, Program& program, FunctionNeeds& needs, Lines& out)
{
    const int index = int(&step - program.scenario->steps.constData());
    const CallArguments& a = step.arguments;
    const QString fd = identifier(step.fdName);
    if (step.expectPrivileged)
        out.comment(words(QT_TRANSLATE_NOOP(
            "CProgram", "Run with the privilege to bind ports below 1024 (root, "
                        "CAP_NET_BIND_SERVICE), this call has another outcome.")));
    switch (step.call) {
    case Call::Socket: {
        const QString made = identifier(step.asName);
        const QString protocol =
            a.protocol ? constantName(ConstantKind::Protocol, a.protocol) : QStringLiteral("0");
        out.add(QStringLiteral("%1 = socket(%2, %3, %4);")
                    .arg(made, constantName(ConstantKind::Family, a.domain),
                         flagsText(ConstantKind::SocketType, a.type), protocol));
        checked(out, step, made + QStringLiteral(" < 0"),
                {say(words(QT_TRANSLATE_NOOP("CProgram", "socket(): descriptor %d")),
                     QStringLiteral(", ") + made)});
        return;
    }
    case Call::Bind:
    case Call::Connect: {
        const QString address = writeAddress(step, index, program, out);
        const QString name = QString(Calls::name(step.call));
        needs.result = true;
        out.add(QStringLiteral("result = %1(%2, %3);").arg(name, fd, address));
        QStringList success;
        if (step.call == Call::Bind && step.usesServicePort && program.takesPort) {
            const QString bound = QStringLiteral("address%1").arg(index + 1);
            const bool v6 = step.address.family() == AF_INET6;
            const QString in = v6 ? QStringLiteral("sin6") : QStringLiteral("sin");
            success << QStringLiteral("if (port == 0) {");
            success << QStringLiteral("    /* %1 */")
                           .arg(words(QT_TRANSLATE_NOOP(
                               "CProgram", "Not a step of the scenario: with port 0 the system "
                                           "chose one; getsockname() tells which.")));
            success << QStringLiteral("    socklen_t %1Length = sizeof %1;").arg(bound);
            success << QStringLiteral("    if (getsockname(%1, %2, &%3Length) < 0) {")
                           .arg(fd, sockaddrCast(bound), bound);
            success << QStringLiteral("        perror(\"getsockname\");");
            success << QStringLiteral("        exit(EXIT_FAILURE);");
            success << QStringLiteral("    }");
            success << QStringLiteral("    port = ntohs(%1.%2_port);").arg(bound, in);
            success << QStringLiteral("}");
            success << say(words(QT_TRANSLATE_NOOP("CProgram", "bind(): port %d")),
                           QStringLiteral(", port"));
        } else {
            success << say(step.call == Call::Bind
                               ? words(QT_TRANSLATE_NOOP("CProgram", "bind(): done"))
                               : words(QT_TRANSLATE_NOOP("CProgram", "connect(): connected")));
        }
        checked(out, step, QStringLiteral("result < 0"), success);
        return;
    }
    case Call::Listen:
        needs.result = true;
        out.add(QStringLiteral("result = listen(%1, %2);").arg(fd).arg(a.backlog));
        checked(out, step, QStringLiteral("result < 0"),
                {say(words(QT_TRANSLATE_NOOP("CProgram", "listen(): waiting for calls")))});
        return;
    case Call::Accept: {
        const QString made = identifier(step.asName);
        const QString from = returnedAddress(step, out);
        out.add(QStringLiteral("%1 = accept(%2, %3);").arg(made, fd, from));
        QStringList success{say(words(QT_TRANSLATE_NOOP("CProgram", "accept(): descriptor %d")),
                                QStringLiteral(", ") + made)};
        if (!step.addressAs.isEmpty())
            success << printKept(step, words(QT_TRANSLATE_NOOP("CProgram", "  from")), program);
        checked(out, step, made + QStringLiteral(" < 0"), success);
        return;
    }
    case Call::Read:
    case Call::Recv:
    case Call::RecvFrom:
        writeReceive(step, program, needs, out);
        return;
    case Call::Write:
    case Call::Send:
    case Call::SendTo:
        writeSend(step, index, program, needs, out);
        return;
    case Call::Shutdown:
        needs.result = true;
        out.add(QStringLiteral("result = shutdown(%1, %2);")
                    .arg(fd, constantName(ConstantKind::ShutdownHow, a.how)));
        checked(out, step, QStringLiteral("result < 0"),
                {say(words(QT_TRANSLATE_NOOP("CProgram", "shutdown(): done")))});
        return;
    case Call::Close:
        needs.result = true;
        out.add(QStringLiteral("result = close(%1);").arg(fd));
        checked(out, step, QStringLiteral("result < 0"),
                {say(words(QT_TRANSLATE_NOOP("CProgram", "close(): done")))});
        return;
    case Call::GetSockName:
    case Call::GetPeerName: {
        needs.result = true;
        ScenarioStep kept = step;
        if (kept.addressAs.isEmpty()) {
            kept.addressAs = QStringLiteral("address%1").arg(index + 1);
            out.add(QStringLiteral("struct sockaddr_storage %1;").arg(kept.addressAs));
            out.add(QStringLiteral("socklen_t %1Length;").arg(kept.addressAs));
        }
        const QString into = returnedAddress(kept, out);
        out.add(QStringLiteral("result = %1(%2, %3);").arg(Calls::name(step.call), fd, into));
        checked(
            out, step, QStringLiteral("result < 0"),
            {printKept(kept, QString(Calls::name(step.call)) + QStringLiteral("():"), program)});
        return;
    }
    case Call::GetSockOpt:
    case Call::SetSockOpt:
        writeOption(step, index, needs, out);
        return;
    case Call::Poll:
    case Call::Select:
        writePoll(step, index, needs, out);
        return;
    case Call::GetAddrInfo:
        writeAddrInfo(step, index, program, needs, out);
        return;
    case Call::GetNameInfo:
        writeNameInfo(step, index, program, needs, out);
        return;
    case Call::Fcntl:
        if (a.command == F_GETFL || a.command == F_SETFL) {
            writeFileFlags(step, needs, out);
            return;
        }
        break;
    case Call::Fork:
    case Call::PthreadCreate:
    case Call::Socketpair:
    case Call::Accept4:
    case Call::Dup:
    case Call::Dup2:
    case Call::Dup3:
    case Call::Ioctl:
    case Call::Readv:
    case Call::Writev:
    case Call::SendMsg:
    case Call::RecvMsg:
    case Call::SendMmsg:
    case Call::RecvMmsg:
    case Call::PSelect6:
    case Call::PPoll:
    case Call::EpollCreate:
    case Call::EpollCreate1:
    case Call::EpollCtl:
    case Call::EpollWait:
    case Call::EpollPwait:
    case Call::Vfork:
    case Call::Clone:
    case Call::Clone3:
    case Call::Execve:
    case Call::ExitGroup:
        break;
    }
    out.comment(words(QT_TRANSLATE_NOOP(
                          "CProgram",
                          "%1(): this export does not write this call yet; the program leaves it "
                          "out."))
                    .arg(Calls::name(step.call)));
}

} // namespace SocketScope::CProgram::Detail
