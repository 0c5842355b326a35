#include "export/cprogram.h"

#include "export/cstatements.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace SocketScope::CProgram {

using namespace Detail;

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(CProgram)
};

struct Role {
    QString actor;
};

class Writer {
public:
    Writer(const Scenario& scenario, Program& program)
        : m_scenario(scenario)
        , m_program(program)
    {
    }

    // The steps of `actor` and of the children it forks, into `out`.
    void body(const QString& actor, FunctionNeeds& needs, Lines& out)
    {
        for (const ScenarioStep& step : m_scenario.steps) {
            if (step.actor != actor)
                continue;
            out.blank();
            const QString narration = narrationComment(step, m_program.language);
            if (!narration.isEmpty())
                out.comment(narration);
            switch (step.call) {
            case Call::Fork:
                writeFork(step, needs, out);
                break;
            case Call::PthreadCreate:
                writeThreadStart(step, needs, out);
                break;
            default:
                writeStep(step, m_program, needs, out);
                break;
            }
        }
    }

    bool forks() const { return m_forks; }
    const QStringList& threads() const { return m_threads; }
    const QStringList& threadFunctions() const { return m_functions; }
    const QStringList& argumentStructs() const { return m_argumentStructs; }
    const QStringList& mainLocals() const { return m_mainLocals; }

private:
    void writeFork(const ScenarioStep& step, FunctionNeeds& needs, Lines& out)
    {
        m_forks = true;
        out.add(QStringLiteral("pid = fork();"));
        out.open(QStringLiteral("if (pid < 0) {"));
        out.add(QStringLiteral("perror(\"fork\");"));
        out.add(QStringLiteral("exit(EXIT_FAILURE);"));
        out.close();
        out.open(QStringLiteral("if (pid == 0) {"));
        out.comment(
            words(QT_TRANSLATE_NOOP("CProgram",
                                    "The child process (%1): it has a copy of every descriptor."))
                .arg(actorName(step.childActor)));
        body(step.childActor, needs, out);
        out.blank();
        out.add(QStringLiteral("exit(EXIT_SUCCESS);"));
        out.close();
        out.add(QStringLiteral("printf(%1, (int) pid);")
                    .arg(textLiteral(
                        words(QT_TRANSLATE_NOOP("CProgram", "fork(): child process %d\n")))));
    }

    void writeThreadStart(const ScenarioStep& step, FunctionNeeds& needs, Lines& out)
    {
        const QString name = identifier(step.childActor);
        const QSet<QString> threadActors = actorsOf(step.childActor, m_scenario, false);
        const Names passed = passedTo(m_scenario, threadActors);
        const bool oneDescriptor = passed.fds.size() == 1 && passed.addresses.isEmpty();
        const bool nothing = passed.fds.isEmpty() && passed.addresses.isEmpty();
        const QString arguments = name + QStringLiteral("Arguments");
        m_threads << name;
        needs.result = true;
        QString argument = QStringLiteral("NULL");
        if (oneDescriptor) {
            out.comment(words(QT_TRANSLATE_NOOP(
                "CProgram", "The thread receives the descriptor as its argument, an integer "
                            "carried in a pointer.")));
            argument = QStringLiteral("(void*) (intptr_t) %1").arg(passed.fds.first());
        } else if (!nothing) {
            m_argumentStructs << threadArgumentsStruct(arguments, passed);
            m_mainLocals << QStringLiteral("struct %1 %1;").arg(arguments);
            for (const QString& fd : passed.fds)
                out.add(QStringLiteral("%1.%2 = %2;").arg(arguments, fd));
            for (const QString& address : passed.addresses) {
                out.add(QStringLiteral("%1.%2 = %2;").arg(arguments, address));
                out.add(QStringLiteral("%1.%2Length = %2Length;").arg(arguments, address));
            }
            argument = QLatin1Char('&') + arguments;
        }
        out.add(QStringLiteral("result = pthread_create(&%1Id, NULL, %1Thread, %2);")
                    .arg(name, argument));
        out.open(QStringLiteral("if (result != 0) {"));
        out.add(QStringLiteral("errno = result; /* pthread_create returns the error */"));
        out.add(QStringLiteral("perror(\"pthread_create\");"));
        out.add(QStringLiteral("exit(EXIT_FAILURE);"));
        out.close();

        FunctionNeeds threadNeeds;
        Lines threadBody;
        threadBody.setDepth(1);
        body(step.childActor, threadNeeds, threadBody);
        Lines function;
        function.comment(
            words(QT_TRANSLATE_NOOP("CProgram",
                                    "The thread %1: it shares the process's descriptors; the "
                                    "ones it needs come through its argument."))
                .arg(actorName(step.childActor)));
        function.add(QStringLiteral("static void* %1Thread(void* argument)").arg(name));
        function.open(QStringLiteral("{"));
        if (oneDescriptor) {
            function.add(
                QStringLiteral("int %1 = (int) (intptr_t) argument;").arg(passed.fds.first()));
        } else if (nothing) {
            function.add(QStringLiteral("(void) argument;"));
        } else {
            function.add(QStringLiteral("const struct %1* shared = argument;").arg(arguments));
            for (const QString& fd : passed.fds)
                function.add(QStringLiteral("int %1 = shared->%1;").arg(fd));
            for (const QString& address : passed.addresses) {
                function.add(
                    QStringLiteral("struct sockaddr_storage %1 = shared->%1;").arg(address));
                function.add(QStringLiteral("socklen_t %1Length = shared->%1Length;").arg(address));
            }
        }
        for (const QString& line : declarations(namesOf(m_scenario, threadActors), passed))
            function.add(line);
        for (const QString& line : locals(threadNeeds))
            function.add(line);
        QString text = function.text() + threadBody.text();
        Lines end;
        end.setDepth(1);
        end.blank();
        end.add(QStringLiteral("return NULL;"));
        end.close();
        m_functions << text + end.text();
    }

    static QString threadArgumentsStruct(const QString& arguments, const Names& passed)
    {
        Lines lines;
        lines.blank();
        lines.open(QStringLiteral("struct %1 {").arg(arguments));
        for (const QString& fd : passed.fds)
            lines.add(QStringLiteral("int %1;").arg(fd));
        for (const QString& address : passed.addresses) {
            lines.add(QStringLiteral("struct sockaddr_storage %1;").arg(address));
            lines.add(QStringLiteral("socklen_t %1Length;").arg(address));
        }
        lines.close(QStringLiteral("};"));
        return lines.text();
    }

    QString actorName(const QString& id) const
    {
        const ScenarioActor* actor = m_scenario.actor(id);
        return actor ? actor->name.text(m_program.language) : id;
    }

    const Scenario& m_scenario;
    Program& m_program;
    bool m_forks = false;
    QStringList m_threads;
    QStringList m_functions;
    QStringList m_argumentStructs;
    QStringList m_mainLocals;

public:
    static QStringList locals(const FunctionNeeds& needs)
    {
        QStringList lines;
        if (needs.bufferSize > 0)
            lines << QStringLiteral("char buffer[%1];").arg(needs.bufferSize);
        if (needs.received)
            lines << QStringLiteral("ssize_t received;");
        if (needs.sent)
            lines << QStringLiteral("ssize_t sent;");
        if (needs.result)
            lines << QStringLiteral("int result;");
        return lines;
    }
};

const char* const includes =
    R"(#define _GNU_SOURCE /* POSIX, the BSD socket options and Linux's (POLLRDHUP) */
#include <stdio.h>
#include <stdlib.h> /* exit */
#include <string.h> /* memset, memcpy */
#include <errno.h>
#include <signal.h>
#include <unistd.h> /* close, read, write, fork */
#include <fcntl.h> /* fcntl, O_NONBLOCK */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h> /* struct sockaddr_un */
#include <sys/wait.h>
#include <sys/select.h>
#include <sys/time.h>
#include <poll.h>
#include <netdb.h> /* getaddrinfo */
#include <netinet/in.h> /* struct sockaddr_in, htons */
#include <netinet/tcp.h> /* TCP_NODELAY */
#include <arpa/inet.h> /* inet_pton, inet_ntop */
)";

const char* const portHelper = R"(
static int portArgument(const char* text)
{
    char* end = NULL;
    const long value = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < 0 || value > 65535) {
        fprintf(stderr, %1, text);
        exit(EXIT_FAILURE);
    }
    return (int) value;
}
)";

const char* const addressHelper = R"(
static void printAddress(const char* label, const struct sockaddr_storage* address,
                         socklen_t length)
{
    char text[INET6_ADDRSTRLEN];
    if (length < sizeof address->ss_family) {
        printf("%s -\n", label);
    } else if (address->ss_family == AF_INET) {
        const struct sockaddr_in* in = (const struct sockaddr_in*) address;
        if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text) == NULL) {
            perror("inet_ntop");
            return;
        }
        printf("%s %s:%d\n", label, text, ntohs(in->sin_port));
    } else if (address->ss_family == AF_INET6) {
        const struct sockaddr_in6* in6 = (const struct sockaddr_in6*) address;
        if (inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text) == NULL) {
            perror("inet_ntop");
            return;
        }
        printf("%s [%s]:%d\n", label, text, ntohs(in6->sin6_port));
    } else if (address->ss_family == AF_UNIX) {
        const struct sockaddr_un* un = (const struct sockaddr_un*) address;
        printf("%s %s\n", label, un->sun_path[0] != '\0' ? un->sun_path : "-");
    } else {
        printf("%s %d\n", label, (int) address->ss_family);
    }
}
)";

QList<Role> rolesOf(const Scenario& scenario)
{
    QHash<QString, QString> parentOf;
    for (const ScenarioStep& step : scenario.steps) {
        if (Calls::has(step.call, CallTrait::StartsActor) && !step.childActor.isEmpty()) {
            parentOf.insert(step.childActor, step.actor);
        }
    }
    QList<Role> roles;
    for (const ScenarioActor& actor : scenario.actors) {
        const bool hasSteps =
            std::any_of(scenario.steps.cbegin(), scenario.steps.cend(),
                        [&actor](const ScenarioStep& step) { return step.actor == actor.id; });
        if (parentOf.contains(actor.id) || !hasSteps)
            continue;
        roles << Role{actor.id};
    }
    return roles;
}

Program programOf(const Scenario& scenario, const QSet<QString>& actors, const QString& language)
{
    Program program;
    program.scenario = &scenario;
    program.language = language;
    program.defaultPort = scenario.defaultPort != 0 ? scenario.defaultPort : 5000;
    for (const ScenarioStep& step : scenario.steps) {
        if (!actors.contains(step.actor) || !step.usesServicePort)
            continue;
        if (step.call == Call::Bind) {
            program.takesPort = true;
        } else if (!program.takesHost) {
            program.takesHost = true;
            program.defaultHost = step.address.host();
        }
    }
    return program;
}

QString usage(const QString& executable, const Program& program)
{
    if (program.takesPort && program.takesHost)
        return QStringLiteral("./%1 [port [host]]").arg(executable);
    if (program.takesPort)
        return QStringLiteral("./%1 [port]").arg(executable);
    if (program.takesHost)
        return QStringLiteral("./%1 [host [port]]").arg(executable);
    return QStringLiteral("./%1").arg(executable);
}

QStringList argumentLines(const Program& program)
{
    QStringList lines;
    const QString port = QString::number(program.defaultPort);
    const QString host = textLiteral(program.defaultHost);
    if (program.takesPort) {
        lines << QStringLiteral("int port = argc > 1 ? portArgument(argv[1]) : %1;").arg(port);
        if (program.takesHost)
            lines << QStringLiteral("const char* host = argc > 2 ? argv[2] : %1;").arg(host);
    } else if (program.takesHost) {
        lines << QStringLiteral("const char* host = argc > 1 ? argv[1] : %1;").arg(host);
        lines << QStringLiteral("int port = argc > 2 ? portArgument(argv[2]) : %1;").arg(port);
    }
    return lines;
}

SourceFile programFile(const Scenario& scenario, const Role& role, const QString& language)
{
    const QSet<QString> actors = actorsOf(role.actor, scenario, true);
    Program program = programOf(scenario, actors, language);
    const QString executable = identifier(role.actor);
    SourceFile file;
    file.fileName = executable + QStringLiteral(".c");
    file.actor = role.actor;
    file.takesPort = program.takesPort;
    file.takesHost = program.takesHost;
    file.defaultHost = program.defaultHost;

    Writer writer(scenario, program);
    FunctionNeeds needs;
    Lines body;
    body.setDepth(1);
    writer.body(role.actor, needs, body);
    const bool threaded = !writer.threads().isEmpty();
    program.usesPortHelper = program.takesPort || program.takesHost;

    Lines head;
    const ScenarioActor* actor = scenario.actor(role.actor);
    file.compileCommand =
        QStringLiteral("gcc -std=c11 -Wall -Wextra -Werror%1 -o %2 %3")
            .arg(threaded ? QStringLiteral(" -pthread") : QString(), executable, file.fileName);
    head.add(QStringLiteral("/* %1 */").arg(file.compileCommand));
    head.comment(words(QT_TRANSLATE_NOOP(
                           "CProgram",
                           "%1: %2 of the scenario \"%3\" (%4), exported by SocketScope. Run: %5"))
                     .arg(file.fileName, actor ? actor->name.text(language) : role.actor,
                          scenario.title.text(language), scenario.id, usage(executable, program)));
    head.comment(words(QT_TRANSLATE_NOOP(
        "CProgram", "Each program runs on its own: the order between programs that the "
                    "scenario shows is the order you start them and type in them.")));
    QString text = head.text() + QString::fromLatin1(includes);
    if (threaded)
        text += QStringLiteral("#include <pthread.h>\n#include <stdint.h> /* intptr_t */\n");
    if (program.usesPortHelper)
        text += QString::fromLatin1(portHelper)
                    .arg(textLiteral(
                        words(QT_TRANSLATE_NOOP("CProgram", "%s: not a port (0 to 65535)\n"))));
    if (program.printsAddresses)
        text += QString::fromLatin1(addressHelper);
    if (threaded) {
        Lines ids;
        ids.blank();
        for (const QString& thread : writer.threads())
            ids.add(QStringLiteral("static pthread_t %1Id;").arg(thread));
        text += ids.text();
    }
    for (const QString& arguments : writer.argumentStructs())
        text += arguments;
    for (const QString& function : writer.threadFunctions())
        text += QLatin1Char('\n') + function;

    Lines mainFunction;
    mainFunction.blank();
    mainFunction.add(program.usesPortHelper ? QStringLiteral("int main(int argc, char* argv[])")
                                            : QStringLiteral("int main(void)"));
    mainFunction.open(QStringLiteral("{"));
    for (const QString& line : argumentLines(program))
        mainFunction.add(line);
    for (const QString& line :
         declarations(namesOf(scenario, actorsOf(role.actor, scenario, false))))
        mainFunction.add(line);
    for (const QString& line : writer.mainLocals())
        mainFunction.add(line);
    if (writer.forks())
        mainFunction.add(QStringLiteral("pid_t pid;"));
    for (const QString& line : Writer::locals(needs))
        mainFunction.add(line);
    mainFunction.blank();
    mainFunction.comment(words(QT_TRANSLATE_NOOP(
        "CProgram", "Not a step of the scenario: each message leaves at once, even "
                    "through a pipe, and a fork() child does not repeat it.")));
    mainFunction.open(QStringLiteral("if (setvbuf(stdout, NULL, _IOLBF, 0) != 0) {"));
    mainFunction.add(QStringLiteral("perror(\"setvbuf\");"));
    mainFunction.add(QStringLiteral("exit(EXIT_FAILURE);"));
    mainFunction.close();
    if (program.ignoresSigpipe) {
        mainFunction.comment(words(QT_TRANSLATE_NOOP(
            "CProgram", "Not a step of the scenario: SocketScope ignores SIGPIPE, so "
                        "that a write on a connection the peer closed fails with "
                        "EPIPE; without this line, SIGPIPE ends the program there.")));
        mainFunction.open(QStringLiteral("if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) {"));
        mainFunction.add(QStringLiteral("perror(\"signal\");"));
        mainFunction.add(QStringLiteral("exit(EXIT_FAILURE);"));
        mainFunction.close();
    }
    text += mainFunction.text() + body.text();

    Lines end;
    end.setDepth(1);
    for (const QString& thread : writer.threads()) {
        end.blank();
        end.comment(words(QT_TRANSLATE_NOOP(
            "CProgram", "Not a step of the scenario: main() waits for the thread, whose "
                        "calls would otherwise end with the process.")));
        end.add(QStringLiteral("result = pthread_join(%1Id, NULL);").arg(thread));
        end.open(QStringLiteral("if (result != 0) {"));
        end.add(QStringLiteral("errno = result;"));
        end.add(QStringLiteral("perror(\"pthread_join\");"));
        end.close();
    }
    if (writer.forks()) {
        end.blank();
        end.comment(words(QT_TRANSLATE_NOOP(
            "CProgram", "Not a step of the scenario: the parent waits for its children, "
                        "so that none is left a zombie.")));
        end.open(QStringLiteral("while (wait(NULL) > 0) {"));
        end.close();
    }
    end.blank();
    end.add(QStringLiteral("return EXIT_SUCCESS;"));
    end.close();
    file.text = text + end.text();
    return file;
}

} // namespace

QList<SourceFile> programs(const Scenario& scenario, const QString& language)
{
    const WordsLanguage speaking(language);
    QList<SourceFile> files;
    for (const Role& role : rolesOf(scenario))
        files << programFile(scenario, role, language);
    return files;
}

bool writeFiles(const QList<SourceFile>& files, const QString& folder, QString* error)
{
    if (!QDir().mkpath(folder)) {
        *error = Tr::tr("cannot make the folder %1").arg(folder);
        return false;
    }
    for (const SourceFile& file : files) {
        QSaveFile out(QDir(folder).filePath(file.fileName));
        if (!out.open(QIODevice::WriteOnly) || out.write(file.text.toUtf8()) < 0 || !out.commit()) {
            *error = Tr::tr("cannot write %1: %2").arg(out.fileName(), out.errorString());
            return false;
        }
    }
    return true;
}

} // namespace SocketScope::CProgram
