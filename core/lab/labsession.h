#pragma once

#include "lab/labcommand.h"
#include "sources/session.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace SocketScope {

// One socket the lab made, by the id the user types: its descriptor number, as socklab.
struct LabSocket {
    QString name; // the actor's name for it
    int domain = 0;
    int type = 0;
    int terminal = 1; // the terminal whose actor created it: only it uses the socket
};

// A socket of socklab's status table as the lab knows it, without asking the kernel.
struct LabStatusSocket {
    int id = -1;
    bool current = false;
    int domain = 0;
    int type = 0;
};

// One row of socklab's status table, read from the kernel when asked.
struct LabStatusRow {
    int id = -1;
    bool current = false;
    bool stream = true;
    int domain = 0;
    SocketAddress local; // invalid: none
    SocketAddress peer;
    bool peerUnnamed = false; // AF_UNIX: connected to a socket bound to no path
    QString readiness;        // what select() with no timeout says: "RW.", "R..", ...
};

// The row of `socket` as the kernel says it now (getsockname, getpeername, a poll of no
// timeout): system calls, made by whichever thread asks.
LabStatusRow readLabStatusRow(const LabStatusSocket& socket);
// The table's protocol and family columns: "TCP", "UDP", "STREAM", "DGRAM"; "ipv4", "ipv6",
// "unix".
QString labProtocolColumn(const LabStatusRow& row);
QString labFamilyColumn(int domain);
// An AF_UNIX socket's local or remote address column: its path, "(no path)" for an end bound
// to none (a client's, the peer of an accepted one), "-" for none. nullopt for an end with a
// host and a port, which each view writes its own way.
std::optional<QString> labPathColumn(const LabStatusRow& row, bool peer);

// The lab: socklab's commands, typed or clicked, made as real calls by a lab actor of an
// open-ended Session, so that every view, Save and replay work on it as on a scenario. A
// line is a command, or the answer to the prompt for a missing argument; results are
// printed in socklab's words, errors with the errno's name and explanation. One command at a
// time: a call that blocks (accept, read) holds the console until it returns or interrupt().
class LabSession : public QObject {
    Q_OBJECT
public:
    enum class Output { Result, Error, Prompt };
    Q_ENUM(Output)

    LabSession(LabMode mode, const SessionOptions& options, QObject* parent = nullptr);
    ~LabSession() override;

    Session& session() { return m_session; }
    LabMode mode() const { return m_mode; }
    // socklab's prompt ("socklab-TCP> "), or the question for the argument awaited.
    QString prompt() const;
    bool isBusy() const { return !m_plan.isEmpty() || m_awaitedStep >= 0; }
    bool isAsking() const { return m_asking; }
    // The current socket of the current terminal; -1: none.
    int currentId() const { return m_current; }
    const QMap<int, LabSocket>& sockets() const { return m_sockets; }
    bool anyCommandFailed() const { return m_anyFailed; }
    // The current terminal's sockets, as socklab's status lists a terminal's.
    QList<LabStatusRow> statusRows() const;
    // The same sockets, for a reader of the kernel on another thread.
    QList<LabStatusSocket> statusSockets() const;

    // The lab's terminals, like two socklab windows: each is an actor of the session that
    // makes the calls typed while it is current, on the sockets it created.
    static constexpr int terminalCount = 2;
    int terminal() const { return m_terminal; } // 1..terminalCount
    static QString terminalName(int terminal);  // "Lab 2", in the user's language
    static QString terminalActor(int terminal); // the actor's id in the log: "lab", "lab2"
    // Makes `terminal` current, as `terminal N` does, even while the current one's command
    // runs: that command goes on (a blocked accept waits for the other terminal's connect)
    // and prints its results when they come. False: no such terminal.
    bool setTerminal(int terminal);

    // One line from the user. While a command runs (isBusy()), only `terminal N` is taken:
    // the other terminal goes on, as socklab's other window would.
    void feed(const QString& line);
    // A command built by a form: echoed() as the line it stands for, then run as if that line
    // had been typed. False (and nothing done) while a command runs or a question is open.
    bool runLine(const LabLine& line);
    // No more lines will come: a question left unanswered abandons its command.
    void endOfInput();
    // Ctrl+C: the call blocked now returns, cancelled; the lab goes on.
    void interrupt();

Q_SIGNALS:
    void printed(const QString& text, SocketScope::LabSession::Output kind);
    // A command that was not typed, with the prompt, as the console would have shown it.
    void echoed(const QString& line);
    void terminalChanged(int terminal);
    // The next line may come: the command is done, abandoned, or asks a question.
    void readyForInput();
    void quitRequested();

private:
    // One call of a command: made when the previous one returned, so that it can use its
    // result; report() prints it and says whether the command goes on.
    struct PlannedCall {
        PlannedCall() = default;
        PlannedCall(std::function<std::optional<ScenarioStep>()> makeStep,
                    std::function<bool(const CallEvent&)> reportEvent, QString nameInErrors = {})
            : make(std::move(makeStep))
            , report(std::move(reportEvent))
            , failureName(std::move(nameInErrors))
        {
        }
        std::function<std::optional<ScenarioStep>()> make;
        std::function<bool(const CallEvent&)> report;
        QString failureName; // how its error line names it ("setsockopt()-reuseaddr"); "call()"
    };
    struct OptionsRun;

    void startCommand(const LabLine& line);
    void askOrRun();
    bool takeAnswer(const QString& answer);
    void run();
    void runNext();
    void onCallAppended(const CallEvent& event);
    void finishCommand();
    void print(const QString& text, Output kind = Output::Result);
    void printFailure(const CallEvent& event, const QString& name);
    // A question in the middle of a command (options' prompts): the next line goes to
    // answer(), which says whether it was one (false: asked again).
    void ask(const QString& question, std::function<bool(const QString&)> answer);

    // Building the calls of a command (labplan.cpp).
    bool plan();
    std::optional<int> resolveId(const QString& word);
    std::optional<SocketAddress> addressOf(const QString& hostWord, const QString& portWord,
                                           int domain);
    ScenarioStep callStep(Call call) const;
    bool takesPath() const; // labunix.cpp
    QString nameOf(int id) const { return m_sockets.value(id).name; }
    void planSocket(int domain, int type, bool announce, bool dual = false);
    void planBind(int id, const SocketAddress& address, bool announcePort);
    void planListen(int id, int backlog);
    void planAccept(int id);
    void planConnect(int id, const SocketAddress& address);
    void planClose(int id);
    void planShutdown(int id, int how);
    void planReceive(Call call, int id, int count, int flags);
    void planSend(Call call, int id, const QByteArray& bytes, int flags,
                  const SocketAddress& to = {});
    void planSockName(Call call, int id);
    void planPoll(Call call, const QList<int>& ids, int timeoutMs);
    void planTcpShortcut(int domain, bool passive, const SocketAddress& peer);
    void planUdpSocket(int domain);
    int newSocketId() const;                  // of the socket the last call made
    bool switchTerminal(const QString& word); // labterminal.cpp
    // socklab's options: each shown, asked and set by real calls (labplanoptions.cpp).
    bool planOptions();
    void planNextOption(const std::shared_ptr<OptionsRun>& run);
    void planOptionSet(const std::shared_ptr<OptionsRun>& run, const OptionValue& value,
                       qint64 fileFlags);

    // socklab udp's multicast and broadcast commands (labmulticast.cpp).
    bool planMulticast(LabVerb verb);
    void planMembership(int id, bool join, const QString& group, const QString& interface);
    void planMulticastReceive(int id, int messages);

    // Host names, through a real getaddrinfo() (labresolve.cpp).
    SocketAddress planResolve(const QString& name, quint16 port, int domain);
    SocketAddress target(const SocketAddress& typed) const { return m_resolved.value_or(typed); }
    bool planAddrInfo();
    void askHostAgain();

    // send -loop (labsendloop.cpp).
    void loopLastCall();

    // Reports in socklab's words (labreport.cpp).
    QStringList statusTable() const;

    LabMode m_mode;
    Session m_session;
    QMap<int, LabSocket> m_sockets;
    int m_current = -1;
    int m_terminal = 1;
    int m_names = 0;
    bool m_anyFailed = false;

    LabLine m_line;        // the command being asked for or run
    QStringList m_words;   // its words, with the answers to its questions
    QString m_commandText; // the command with all its words, as the steps narrate it
    bool m_asking = false;
    LabArgument m_asked = LabArgument::Id;
    QList<PlannedCall> m_plan;
    int m_awaitedStep = -1; // the session step whose call is awaited
    std::function<bool(const CallEvent&)> m_awaitedReport;
    QString m_awaitedFailureName;
    QString m_question;
    std::function<bool(const QString&)> m_answer;
    CallEvent m_lastEvent;
    // The address getaddrinfo() gave for the command's host name; whether to ask it again.
    std::optional<SocketAddress> m_resolved;
    bool m_hostAgain = false;
    QStringList m_wordsAfterHost;
    // send -loop: the send made again, and whether Ctrl+C asked it to stop.
    PlannedCall m_loopCall;
    bool m_loopStopped = false;
    bool m_interruptAsked = false; // Ctrl+C since the current call began

    // A terminal that is not current: its command (going on, or none) and its current socket,
    // put back in the members above while it is current (labterminal.cpp).
    struct Parked {
        LabLine line;
        QStringList words;
        QString commandText;
        bool asking = false;
        LabArgument asked = LabArgument::Id;
        QList<PlannedCall> plan;
        int awaitedStep = -1;
        std::function<bool(const CallEvent&)> awaitedReport;
        CallEvent lastEvent;
        int current = -1;
        QString awaitedFailureName;
        QString question;
        std::function<bool(const QString&)> answer;
        std::optional<SocketAddress> resolved;
        bool hostAgain = false;
        QStringList wordsAfterHost;
        PlannedCall loopCall;
        bool loopStopped = false;
    };
    void park();
    void unpark(int terminal);
    bool takenByParked(const CallEvent& event);
    void feedWhileBusy(const QString& line);
    QList<Parked> m_parked = QList<Parked>(terminalCount);
    bool m_inParked = false;       // a parked terminal's call is being reported
    bool m_parkedFinished = false; // and its command ended
};

} // namespace SocketScope
