#pragma once

#include "packets/packetflow.h"
#include "sources/eventsource.h"
#include "sources/tracecapturefollower.h"
#include "trace/tracedtuples.h"
#include "trace/tracerprocess.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace SocketScope {

struct TraceOptions {
    QList<TracedProgram> programs; // to start, or running, to attach to
    QString workingDirectory;
    bool pauseAtEachCall = false;
    QString language = QStringLiteral("en");
    QString helperPath; // empty: socketscope-tracer next to SocketScope
    // Real packets when the capture helper may capture; the programs start once it does.
    CaptureMode capture = CaptureMode::InferOnly;
    QString captureHelper; // empty: socketscope-capture next to SocketScope
    // The programs' input and output through programOutput() and writeInput() (the window's
    // terminal panel) rather than SocketScope's own terminal (headless).
    bool ownTerminal = false;
};

// Programs run under socketscope-tracer (the student's own server and client): each socket
// call they make becomes a step and a call of the log, made by the actor of the process or
// thread that made it. With pauseAtEachCall the programs stop before each call and Next lets
// one go on; Run lets them run free. Reset ends every program and starts them again.
class TraceSource : public EventSource {
    Q_OBJECT
public:
    explicit TraceSource(TraceOptions options, QObject* parent = nullptr);
    ~TraceSource() override;

    bool canStep() const override;
    int stepsLeft() const override;
    qint64 nowNs() const override;
    void setIntervalMs(int intervalMs) override;

    // The first program's exit status once finished (128 + N when signal N ended it, as a
    // shell says); 127 when it could not be started; 120 when tracing was refused.
    int exitStatus() const { return m_exitStatus; }
    // "SIGSEGV", as strace names the signal that ended a process.
    static QString signalName(int signal);
    int programCount() const { return int(m_options.programs.size()); }
    QString programName(int program) const
    {
        return m_options.programs.value(program).words.value(0);
    }
    // What the user types for program `program` (its index in the options), and the end of
    // its input.
    void writeInput(int program, const QByteArray& bytes);
    void closeInput(int program);

    // While stepping: the calls the programs wait to make, oldest first. Next lets the oldest
    // go; stepCall() lets the user choose among the programs, so that the client may try
    // connect() before the server listens. Within one program (its forks and threads), the
    // calls go in the order they paused: only its oldest may be chosen.
    struct PausedCall {
        QString actor;
        Call call = Call::Socket;
        int fd = -1; // -1 for a call without a descriptor
        bool choosable = false;
    };
    QList<PausedCall> pausedCalls() const;
    // The capture takes packets to and from `port` now (a port the programs bound or dialled).
    bool capturesPort(quint16 port) const { return m_following.capturesPort(port); }
    bool stepCall(int paused);

public Q_SLOTS:
    bool step() override;
    void run() override;
    void pause() override;
    void reset() override;

Q_SIGNALS:
    // A traced process or thread ended: its status, or the signal that ended it (0 if none).
    void processEnded(const QString& actor, int status, int signal);
    // With ownTerminal: what program `program` wrote on its standard output or error.
    void programOutput(int program, const QByteArray& bytes);

private:
    struct Tracer {
        std::unique_ptr<TracerProcess> process;
        bool finished = false;
    };
    struct CallInFlight {
        qint64 seq = 0;
        int step = -1;
        bool blocked = false;
        qint64 pid = 0;
    };

    // m_inFlight's and m_waiting's key: the tracer in the high bits, its call id below.
    static qint64 keyOf(int tracer, qint64 id) { return (qint64(tracer) << 48) | id; }
    static int tracerOf(qint64 key) { return int(key >> 48); }

    void onPacketFlowReady();
    void startRun();
    void finishRun();
    void startPrograms();
    // The process to attach to is still the one the user chose, not one that reuses its PID.
    bool stillRunning(const TracedProgram& program);
    void stopPrograms();
    // What the helpers tell (tracesource_messages.cpp).
    void onMessage(int tracer, const TraceMessage& message);
    // The helper could not start its program, or trace it: why, in the log's notice.
    void onRefused(int tracer, const TraceMessage& message);
    void onCallFinished(int tracer, const TraceMessage& message);
    // A process or thread exited, or a signal killed it.
    void onEnd(int tracer, const TraceMessage& message);
    void onTracerFinished(int tracer);
    QString actorOf(qint64 pid, const QString& program, bool thread);
    void beginWaitingCall(int tracer, qint64 id);
    // The process ended inside the call: it goes in the log as never returned.
    void endNeverReturned(const CallInFlight& flight);
    void endProcess(const ProcessEnd& end);
    void endUntoldProcesses(int tracer);
    // Calls that will never return (their process or their helper ended): in the log as never
    // returned, and Next no longer waits for them.
    void
    endCallsInFlight(const std::function<bool(qint64 key, const CallInFlight& flight)>& ending);
    // Paused calls of `tracer` (of its process `pid` only, if given) that will never be let go.
    void forgetPausedCalls(int tracer, std::optional<qint64> pid);
    CallInFlight beginCall(const QString& actor, Call call, int fd, qint64 tNs);
    void say(const QString& notice);

    TraceOptions m_options;
    std::vector<Tracer> m_tracers;
    std::shared_ptr<std::atomic<qint64>> m_sequence;
    QHash<qint64, QString> m_actors;        // by pid (tid for a thread)
    QHash<qint64, CallInFlight> m_inFlight; // by the tracer's id, tracer in the high bits
    QList<std::pair<int, qint64>> m_paused; // tracer and call id, oldest first
    QHash<qint64, TraceMessage> m_waiting;  // calls entered, not let go yet: their start
    QSet<qint64> m_threads;
    TracedTuples m_tuples;
    QHash<qint64, int> m_liveProcesses; // not threads: their tracer, until their end is told
    qint64 m_firstPid = 0;
    int m_exitStatus = -1;
    QStringList m_notices;
    PacketFlow m_flow;
    TraceCaptureFollower m_following;
    QTimer m_relinkTimer;
    struct Input {
        QByteArray bytes;
        bool closed = false;
    };
    QHash<int, Input> m_inputBeforeStart; // by program, while the capture starts
    bool m_runWhenReady = false;
    bool m_toldInputGoesElsewhere = false;
    bool m_draining = false;
    quint64 m_generation = 0;
};

} // namespace SocketScope
