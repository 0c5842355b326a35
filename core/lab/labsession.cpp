#include "lab/labsession.h"

#include "lab/labmessage.h"

#include <cerrno>
#include <utility>

namespace SocketScope {

namespace {

Scenario labScenario()
{
    Scenario lab;
    lab.id = QStringLiteral("lab");
    lab.title = {QStringLiteral("Laboratoire"), QStringLiteral("Lab")};
    lab.summary = {QStringLiteral("Des appels faits à la main."),
                   QStringLiteral("Calls made by hand.")};
    lab.outcome = lab.summary;
    lab.source = QStringLiteral("socklab");
    // Two terminals, like two socklab windows: the client and the server on one stage, the
    // second drawn once it is used.
    lab.actors = {
        {LabSession::terminalActor(1), {QStringLiteral("Labo 1"), QStringLiteral("Lab 1")}},
        {LabSession::terminalActor(2), {QStringLiteral("Labo 2"), QStringLiteral("Lab 2")}, true}};
    return lab;
}

// The line a command stands for, as the user would type it.
QString typedText(const LabLine& line)
{
    QStringList typed{QLatin1String(line.command->name)};
    for (const QString& word : line.words)
        typed << (word.contains(QLatin1Char(' ')) || word.isEmpty()
                      ? QLatin1Char('"') + word + QLatin1Char('"')
                      : word);
    for (quint32 bit = 1; bit <= quint32(lastLabFlag); bit <<= 1) {
        if (line.flags.testFlag(LabFlag(bit)))
            typed << QLatin1Char('-') + QLatin1String(labFlagName(LabFlag(bit)));
    }
    return typed.join(QLatin1Char(' '));
}

} // namespace

LabSession::LabSession(LabMode mode, const SessionOptions& options, QObject* parent)
    : QObject(parent)
    , m_mode(mode)
{
    SessionOptions open = options;
    open.openEnded = true;
    connect(&m_session.log(), &EventLog::callAppended, this, &LabSession::onCallAppended);
    // Reset starts the lab over: its sockets were closed with its actor.
    connect(&m_session.log(), &EventLog::wasReset, this, [this] {
        const bool wasBusy = isBusy() || m_asking;
        m_sockets.clear();
        m_current = -1;
        for (Parked& parked : m_parked)
            parked = {};
        m_plan.clear();
        m_awaitedStep = -1;
        m_asking = false;
        m_answer = {};
        if (wasBusy)
            Q_EMIT readyForInput();
    });
    m_session.load(labScenario(), open);
}

LabSession::~LabSession() = default;

QString LabSession::prompt() const
{
    if (m_asking && !m_answer && m_asked == LabArgument::Host && takesPath())
        return tr("Path? : ");
    if (m_asking)
        return m_answer ? m_question : labPrompt(m_asked, m_current);
    switch (m_mode) {
    case LabMode::Standard:
        return QStringLiteral("socklab> ");
    case LabMode::Tcp:
        return QStringLiteral("socklab-TCP> ");
    case LabMode::Udp:
        return QStringLiteral("socklab-UDP> ");
    }
    return {};
}

void LabSession::feed(const QString& line)
{
    if (isBusy()) {
        feedWhileBusy(line);
        return;
    }
    if (m_asking && m_answer) {
        const auto answer = m_answer; // kept whole while it runs
        if (!answer(line)) {
            print(prompt(), Output::Prompt);
            return;
        }
        m_asking = false;
        m_answer = {};
        runNext();
        return;
    }
    if (m_asking) {
        if (takeAnswer(line))
            askOrRun();
        return;
    }
    const auto parsed = parseLabLine(line, m_mode);
    if (const auto* error = std::get_if<LabLineError>(&parsed)) {
        if (error->kind != LabLineError::Kind::Empty) {
            print(error->text(), Output::Error);
            m_anyFailed = true;
        }
        Q_EMIT readyForInput();
        return;
    }
    startCommand(std::get<LabLine>(parsed));
}

bool LabSession::runLine(const LabLine& line)
{
    if (isBusy() || m_asking || !line.command)
        return false;
    Q_EMIT echoed(prompt() + typedText(line));
    startCommand(line);
    return true;
}

void LabSession::endOfInput()
{
    if (!m_asking)
        return;
    m_asking = false;
    m_answer = {};
    m_plan.clear();
    print(tr("*** end of input: %1 abandoned").arg(QLatin1String(m_line.command->name)),
          Output::Error);
    m_anyFailed = true;
    Q_EMIT readyForInput();
}

void LabSession::interrupt()
{
    if (m_asking) {
        m_asking = false;
        m_answer = {};
        m_plan.clear();
        Q_EMIT readyForInput();
        return;
    }
    m_loopStopped = true; // between two sends of -loop, no call is waiting
    m_interruptAsked = true;
    m_session.interruptBlockedCalls();
}

void LabSession::startCommand(const LabLine& line)
{
    m_line = line;
    m_words = line.words;
    m_wordsAfterHost.clear();
    // An AF_UNIX socket's path stands for the host and the port: the port's word is empty.
    if (takesPath() && m_words.size() > 2)
        m_words.insert(2, QString());
    askOrRun();
}

// socklab asks for each missing argument in turn, then makes the calls.
void LabSession::askOrRun()
{
    const QList<LabArgument>& arguments = m_line.command->arguments;
    for (qsizetype i = m_words.size(); i < arguments.size(); ++i) {
        const LabArgument argument = arguments[i];
        if (!labArgumentPrompted(argument))
            break; // the rest of the line: nothing more to ask
        if (argument == LabArgument::ByteCount && (m_line.flags & LabFlag::Oob))
            break; // one urgent byte: the count is not asked
        if (argument == LabArgument::Port && takesPath()) {
            m_words << QString();
            continue;
        }
        m_asking = true;
        m_asked = argument;
        print(prompt(), Output::Prompt);
        return;
    }
    m_asking = false;
    run();
}

// socklab asks again until the answer reads as what was asked.
bool LabSession::takeAnswer(const QString& answer)
{
    // The message keeps its spaces: they mean CR LF and LF.
    const QString word = m_asked == LabArgument::Message ? answer : answer.trimmed();
    QString error;
    bool valid = true;
    switch (m_asked) {
    case LabArgument::Id:
        valid = parseLabId(word, &error).has_value();
        break;
    case LabArgument::Host:
        valid = takesPath() ? parseLabPath(word, &error).has_value()
                            : parseLabHost(word, &error).has_value();
        break;
    case LabArgument::Port:
        valid = parseLabPort(word, &error).has_value();
        break;
    case LabArgument::Backlog:
    case LabArgument::ByteCount:
    case LabArgument::MessageCount:
        valid = parseLabCount(word, 1, labMessageLimit, &error).has_value();
        break;
    case LabArgument::Direction:
        valid = parseLabDirection(word, &error).has_value();
        break;
    case LabArgument::Protocol:
        valid = parseLabSocketProtocol(word, &error).has_value();
        break;
    case LabArgument::Message:
        valid = decodeLabMessage(word, labPayload(m_line.flags), &error).has_value();
        break;
    case LabArgument::Group:
        valid = parseLabGroup(word, &error).has_value();
        break;
    case LabArgument::Interface:
    case LabArgument::OptionNames:
    case LabArgument::Ids:
    case LabArgument::TimeoutMs:
    case LabArgument::Service:
    case LabArgument::CommandNames:
    case LabArgument::Terminal:
        break;
    }
    if (!valid) {
        print(error, Output::Error);
        print(prompt(), Output::Prompt);
        return false;
    }
    m_words << word;
    // A host asked again after getaddrinfo() failed: the words typed after it still hold.
    if (m_asked == LabArgument::Host)
        m_words << std::exchange(m_wordsAfterHost, {});
    return true;
}

void LabSession::run()
{
    QStringList typed = m_words;
    if (takesPath() && typed.size() > 2)
        typed.removeAt(2); // the port a path stands for
    m_commandText = typedText({m_line.command, typed, m_line.flags});
    m_resolved.reset();
    m_hostAgain = false;
    if (!plan()) {
        m_anyFailed = true;
        m_plan.clear();
        finishCommand();
        return;
    }
    if (m_line.flags & LabFlag::Loop)
        loopLastCall();
    runNext();
}

void LabSession::runNext()
{
    while (!m_plan.isEmpty() && !m_answer) {
        PlannedCall next = m_plan.takeFirst();
        const std::optional<ScenarioStep> step = next.make();
        if (!step) {
            m_anyFailed = true;
            m_plan.clear();
            break;
        }
        m_awaitedStep = int(m_session.scenario().steps.size());
        m_awaitedReport = std::move(next.report);
        m_awaitedFailureName = next.failureName;
        m_interruptAsked = false;
        m_session.appendStep(*step);
        if (m_session.step())
            return; // onCallAppended() goes on
        m_awaitedStep = -1;
        print(tr("*** the lab is not ready for calls"), Output::Error);
        m_anyFailed = true;
        m_plan.clear();
    }
    if (m_answer) {
        Q_EMIT readyForInput(); // the question's answer may come
        return;
    }
    if (m_hostAgain) {
        askHostAgain();
        return;
    }
    finishCommand();
}

void LabSession::onCallAppended(const CallEvent& event)
{
    if (event.step < 0 || (event.step != m_awaitedStep && !takenByParked(event)))
        return;
    if (event.step != m_awaitedStep)
        return; // a parked terminal's, reported
    m_awaitedStep = -1;
    m_lastEvent = event;
    const bool goOn = m_awaitedReport ? m_awaitedReport(event) : !event.failed();
    if (event.failed() || event.cancelled) {
        printFailure(event, m_awaitedFailureName);
        m_anyFailed = true;
    }
    if (!goOn)
        m_plan.clear();
    runNext();
}

void LabSession::ask(const QString& question, std::function<bool(const QString&)> answer)
{
    m_asking = true;
    m_question = question;
    m_answer = std::move(answer);
    print(question, Output::Prompt);
}

void LabSession::finishCommand()
{
    m_awaitedReport = {};
    if (m_inParked)
        m_parkedFinished = true; // said once the current terminal is back
    else
        Q_EMIT readyForInput();
}

void LabSession::print(const QString& text, Output kind)
{
    // What a terminal that is not current prints says whose it is.
    Q_EMIT printed(
        m_inParked ? QStringLiteral("[%1] %2").arg(terminalName(m_terminal), text) : text, kind);
}

// socklab's perror() line, and what socklab does not say: the errno's name and why.
void LabSession::printFailure(const CallEvent& event, const QString& name)
{
    if (event.cancelled) {
        print(tr("%1(): interrupted, the call was not completed").arg(Calls::name(event.call)),
              Output::Error);
        return;
    }
    const QString call = name.isEmpty() ? Calls::name(event.call) + QStringLiteral("()") : name;
    const ErrnoInfo error = event.errorInfo();
    print(QStringLiteral("%1: %2").arg(call, error.message), Output::Error);
    print(QStringLiteral("    %1: %2").arg(error.name, error.explanation), Output::Error);
    // Ctrl+C woke the call inside the kernel; a connect() goes on there all the same.
    if (event.error == EADDRINUSE && event.call == Call::Bind &&
        event.arguments.address.family() == AF_UNIX)
        print(tr("*** the file %1 exists: a program must unlink() it before bind(). Remove it "
                 "in a shell (rm %1) or bind another path.")
                  .arg(event.arguments.address.host()),
              Output::Error);
    else if (event.error == EINTR && event.call == Call::Connect)
        print(tr("*** interrupted: the kernel goes on with the handshake, status shows "
                 "whether the socket connects"),
              Output::Error);
    else if (event.error == EINTR)
        print(tr("*** interrupted: %1() returned before it was done").arg(Calls::name(event.call)),
              Output::Error);
}

} // namespace SocketScope
