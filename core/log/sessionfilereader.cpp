#include "calls/callcodec.h"
#include "calls/jsonfields.h"
#include "log/sessionfile.h"
#include "logging.h"
#include "packets/packetcodec.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <limits>

// Reading a saved session (docs/trace-format.md): every line checked, nothing trusted.
namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(SessionFile)
};

// A line holds at most one call's 16 MiB of data in hexadecimal and its description.
constexpr qint64 maxLineBytes = 40 << 20;
// A lecture's session has hundreds of events; a long lab, thousands.
constexpr qint64 maxLines = 250'000;

// What every entry but a call names: its place in the numbering, its moment, its actor.
struct Stamp {
    qint64 seq = 0;
    qint64 tNs = 0;
    QString actor;
};

Stamp readStamp(JsonFields& fields)
{
    return {fields.requiredInteger("seq", 1, qint64(1) << 61),
            fields.requiredInteger("t_ns", 0, qint64(1) << 61),
            fields.requiredString("actor", 256)};
}

// Lines of at most `max` bytes, read in chunks: a line too long is refused once that many
// bytes are seen, whatever its length, and short lines cost no more than their size.
class LineReader {
public:
    enum class Result { Line, TooLong, End };

    LineReader(QIODevice& device, qint64 max)
        : m_device(device)
        , m_max(max)
    {
    }

    // A line with its newline; the last one may have none (a file cut short).
    Result next(QByteArray* line)
    {
        for (;;) {
            const qsizetype newline = m_buffer.indexOf('\n', m_start);
            if (newline >= 0) {
                if (newline - m_start > m_max)
                    return Result::TooLong;
                *line = m_buffer.mid(m_start, newline + 1 - m_start);
                m_start = newline + 1;
                return Result::Line;
            }
            if (m_buffer.size() - m_start > m_max)
                return Result::TooLong;
            m_buffer.remove(0, m_start); // what is left is the start of one line
            m_start = 0;
            const QByteArray chunk = m_device.read(64 * 1024);
            if (chunk.isEmpty()) {
                if (m_buffer.isEmpty())
                    return Result::End;
                *line = std::exchange(m_buffer, {});
                return Result::Line;
            }
            m_buffer += chunk;
        }
    }

private:
    QIODevice& m_device;
    qint64 m_max;
    QByteArray m_buffer;
    qsizetype m_start = 0;
};

// Reads the lines of a saved session one at a time, keeping what each one says.
class Reader {
public:
    explicit Reader(SessionFileError* error)
        : m_error(error)
    {
    }

    std::optional<SavedSession> read(QIODevice& device);

private:
    bool fail(const QString& message, qint64 line = -1)
    {
        if (m_error)
            *m_error = SessionFileError{line < 0 ? m_line : line, message};
        return false;
    }
    bool readHeader(const QJsonObject& object);
    bool readLine(const QJsonObject& object);
    bool readStep(const QJsonObject& object);
    bool readCall(const QJsonObject& object);
    bool readCallStart(const QJsonObject& object);
    bool readProcessEnd(const QJsonObject& object);
    bool readOutcome(const QJsonObject& object);
    bool claimSeq(qint64 seq);
    bool knownActor(const QString& actor);
    std::optional<SavedSession> finish();

    SessionFileError* m_error;
    qint64 m_line = 0;
    SavedSession m_session;
    bool m_haveHeader = false;
    QSet<qint64> m_seqs;
    QList<std::pair<qint64, CallEvent>> m_returned; // recorded position, call
};

std::optional<SavedSession> Reader::read(QIODevice& device)
{
    LineReader lines(device, maxLineBytes);
    QByteArray line;
    for (;;) {
        const LineReader::Result result = lines.next(&line);
        if (result == LineReader::Result::End)
            break;
        ++m_line;
        if (m_line > maxLines) {
            fail(Tr::tr("the file has more than %1 lines; SocketScope replays sessions of up "
                        "to %1 events")
                     .arg(maxLines));
            return std::nullopt;
        }
        if (result == LineReader::Result::TooLong) {
            fail(Tr::tr("the line is longer than %1 MiB").arg(maxLineBytes >> 20));
            return std::nullopt;
        }
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            const bool cut = !line.endsWith('\n') && line.trimmed().startsWith('{');
            fail(cut ? Tr::tr("the line stops in the middle: the file was cut short")
                     : Tr::tr("not valid JSON at character %1: %2")
                           .arg(parseError.offset + 1)
                           .arg(parseError.errorString()));
            return std::nullopt;
        }
        if (!document.isObject()) {
            fail(Tr::tr("each line is a JSON object"));
            return std::nullopt;
        }
        if (!(m_haveHeader ? readLine(document.object()) : readHeader(document.object())))
            return std::nullopt;
    }
    if (!m_haveHeader) {
        fail(Tr::tr("the file is empty: it holds no saved session"), 0);
        return std::nullopt;
    }
    return finish();
}

bool Reader::readHeader(const QJsonObject& object)
{
    if (object.value(QLatin1String("kind")).toString() != QLatin1String("session"))
        return fail(Tr::tr("not a SocketScope session: the first line must be its header "
                           "(\"kind\": \"session\"). A trace saved by SocketScope before "
                           "sessions could be replayed has none."));
    QString fieldError;
    JsonFields fields(object, QString(), &fieldError);
    const qint64 version = fields.requiredInteger("format", 1, std::numeric_limits<int>::max());
    if (!fields.ok())
        return fail(fieldError);
    if (version > SessionFile::formatVersion)
        return fail(Tr::tr("this session was saved by a newer SocketScope (format %1); this "
                           "version reads format %2 and older")
                        .arg(version)
                        .arg(SessionFile::formatVersion));
    m_session.language = fields.string("language", 8);
    if (m_session.language != QLatin1String("fr") && m_session.language != QLatin1String("en"))
        fields.fail("language", Tr::tr("must be \"fr\" or \"en\""));
    const QString capture = fields.string("capture", 16);
    if (capture == QLatin1String("captured"))
        m_session.capture.kind = CaptureStatus::Kind::Captured;
    else if (capture == QLatin1String("inferred") || capture == QLatin1String("starting"))
        m_session.capture.kind = CaptureStatus::Kind::Inferred;
    else
        fields.fail("capture", Tr::tr("must be \"captured\" or \"inferred\""));
    m_session.capture.reason = fields.string("capture_reason", 4096);
    m_session.capture.interfaces =
        fields.string("capture_interfaces", 4096).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_session.notice = fields.string("notice", 4096);
    const QJsonObject definition = fields.object("scenario");
    if (!fields.ok())
        return fail(fieldError);
    ScenarioError scenarioError;
    const auto scenario =
        ScenarioParser::parse(definition, Tr::tr("the saved scenario"), &scenarioError);
    if (!scenario)
        return fail(scenarioError.text());
    m_session.scenario = *scenario;
    m_haveHeader = true;
    return true;
}

bool Reader::claimSeq(qint64 seq)
{
    if (m_seqs.contains(seq))
        return fail(Tr::tr("seq %1 appears twice").arg(seq));
    m_seqs.insert(seq);
    return true;
}

bool Reader::knownActor(const QString& actor)
{
    if (m_session.scenario.actor(actor))
        return true;
    return fail(Tr::tr("\"%1\" is not one of the scenario's actors").arg(actor));
}

bool Reader::readLine(const QJsonObject& object)
{
    const QString kind = object.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("step"))
        return readStep(object);
    if (kind == QLatin1String("call"))
        return readCall(object);
    if (kind == QLatin1String("call_start"))
        return readCallStart(object);
    if (kind == QLatin1String("packet")) {
        QString error;
        const auto packet = PacketCodec::fromJson(object, &error);
        if (!packet)
            return fail(error);
        if (!claimSeq(packet->seq))
            return false;
        m_session.packets.append(*packet);
        return true;
    }
    if (kind == QLatin1String("process_end"))
        return readProcessEnd(object);
    if (kind == QLatin1String("outcome"))
        return readOutcome(object);
    if (kind == QLatin1String("session"))
        return fail(Tr::tr("a second header: one file holds one session"));
    return fail(Tr::tr("\"kind\" must be \"step\", \"call\", \"call_start\", \"packet\", "
                       "\"process_end\" or \"outcome\""));
}

bool Reader::readStep(const QJsonObject& object)
{
    QString error;
    JsonFields fields(object, QString(), &error);
    StepNote note;
    const Stamp stamp = readStamp(fields);
    note.seq = stamp.seq;
    note.tNs = stamp.tNs;
    note.actor = stamp.actor;
    note.step = int(fields.requiredInteger("step", 0, m_session.scenario.steps.size() - 1));
    note.narration = fields.string("narration", 1 << 16);
    note.callsReturned = int(fields.integer("calls_returned", 0, 0, maxLines));
    if (!fields.ok())
        return fail(error);
    if (!knownActor(note.actor) || !claimSeq(note.seq))
        return false;
    m_session.notes.append(note);
    return true;
}

bool Reader::readCall(const QJsonObject& object)
{
    QString error;
    auto event = CallCodec::eventFromJson(object, &error);
    if (!event)
        return fail(error);
    JsonFields fields(object, QString(), &error);
    const qint64 returned = fields.requiredInteger("returned", 0, maxLines);
    if (event->seq < 1)
        fields.fail("seq", Tr::tr("must be a whole number from 1"));
    if (event->step >= m_session.scenario.steps.size())
        fields.fail("step",
                    Tr::tr("the scenario has %1 steps").arg(m_session.scenario.steps.size()));
    if (!fields.ok())
        return fail(error);
    if (!knownActor(event->actor) || !claimSeq(event->seq))
        return false;
    if (!event->childActor.isEmpty() && !knownActor(event->childActor))
        return false;
    m_returned.append({returned, *event});
    return true;
}

bool Reader::readCallStart(const QJsonObject& object)
{
    QString error;
    JsonFields fields(object, QString(), &error);
    CallStart start;
    const Stamp stamp = readStamp(fields);
    start.seq = stamp.seq;
    start.tNs = stamp.tNs;
    start.actor = stamp.actor;
    start.step = int(fields.integer("step", -1, -1, m_session.scenario.steps.size() - 1));
    const QString name = fields.requiredString("call", 32);
    const auto call = Calls::fromName(name);
    if (!call)
        fields.fail("call", Tr::tr("\"%1\" is not a call SocketScope knows").arg(name));
    start.call = call.value_or(Call::Socket);
    start.fd = int(fields.integer("fd", -1, -1, 1 << 20));
    start.blocked = fields.boolean("blocked", false);
    if (!fields.ok())
        return fail(error);
    if (!knownActor(start.actor) || !claimSeq(start.seq))
        return false;
    m_session.unfinished.append(start);
    return true;
}

bool Reader::readProcessEnd(const QJsonObject& object)
{
    QString error;
    JsonFields fields(object, QString(), &error);
    ProcessEnd end;
    const Stamp stamp = readStamp(fields);
    end.seq = stamp.seq;
    end.tNs = stamp.tNs;
    end.actor = stamp.actor;
    end.signal = int(fields.integer("signal", 0, 1, 64));
    end.status = int(fields.integer("status", 0, 0, 255));
    end.callsReturned = int(fields.requiredInteger("calls_returned", 0, maxLines));
    end.exec = fields.boolean("exec", false);
    const bool signalled = object.contains(QLatin1String("signal"));
    const bool status = object.contains(QLatin1String("status"));
    if (fields.ok() && signalled && status)
        fields.fail("status", Tr::tr("a process killed by a signal has no exit status"));
    if (fields.ok() && end.exec && (signalled || status))
        fields.fail("exec", Tr::tr("a process that runs another program goes on: it has no "
                                   "exit status nor signal"));
    if (fields.ok() && !end.exec && object.contains(QLatin1String("closed")))
        fields.fail("closed", Tr::tr("only an exec closes some sockets and not the others"));
    if (fields.ok() && end.exec) {
        end.closed = fields.descriptors("closed", CallCodec::maxListItems);
        if (fields.ok() && end.closed.isEmpty())
            fields.fail("closed", Tr::tr("must list the sockets the exec closed"));
    }
    if (!fields.ok())
        return fail(error);
    if (!knownActor(end.actor) || !claimSeq(end.seq))
        return false;
    m_session.processEnds.append(end);
    return true;
}

bool Reader::readOutcome(const QJsonObject& object)
{
    QString error;
    JsonFields fields(object, QString(), &error);
    Outcome outcome;
    outcome.passed = fields.boolean("passed", false);
    outcome.failures = fields.strings("failures", 4096);
    if (!fields.ok())
        return fail(error);
    m_session.outcome = outcome;
    return true;
}

std::optional<SavedSession> Reader::finish()
{
    // Calls are saved by seq and replayed in the order they returned.
    std::stable_sort(m_returned.begin(), m_returned.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (qsizetype i = 1; i < m_returned.size(); ++i) {
        if (m_returned[i].first == m_returned[i - 1].first) {
            fail(Tr::tr("two calls (seq %1 and %2) say they returned in the same place")
                     .arg(m_returned[i - 1].second.seq)
                     .arg(m_returned[i].second.seq),
                 0);
            return std::nullopt;
        }
    }
    QList<qint64> positions;
    for (const auto& [position, call] : std::as_const(m_returned)) {
        positions.append(position);
        m_session.calls.append(call);
    }
    std::sort(m_session.notes.begin(), m_session.notes.end(),
              [](const StepNote& a, const StepNote& b) { return a.seq < b.seq; });
    // A file cut short lacks some calls: a step note or a process's end counts the calls
    // actually there.
    const auto present = [&positions](int callsReturned) {
        return int(std::lower_bound(positions.cbegin(), positions.cend(), qint64(callsReturned)) -
                   positions.cbegin());
    };
    for (StepNote& note : m_session.notes)
        note.callsReturned = present(note.callsReturned);
    // In their places among the calls, as the replay and the stage take them.
    std::sort(m_session.processEnds.begin(), m_session.processEnds.end(),
              [](const ProcessEnd& a, const ProcessEnd& b) {
                  return std::pair(a.callsReturned, a.seq) < std::pair(b.callsReturned, b.seq);
              });
    for (ProcessEnd& end : m_session.processEnds)
        end.callsReturned = present(end.callsReturned);
    std::stable_sort(m_session.packets.begin(), m_session.packets.end(),
                     [](const PacketEvent& a, const PacketEvent& b) { return a.tNs < b.tNs; });
    return m_session;
}

} // namespace

QString SessionFileError::text() const
{
    if (line <= 0)
        return message;
    return Tr::tr("line %1: %2").arg(line).arg(message);
}

namespace SessionFile {

std::optional<SavedSession> read(QIODevice& device, SessionFileError* error)
{
    return Reader(error).read(device);
}

std::optional<SavedSession> load(const QString& path, SessionFileError* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error =
                SessionFileError{0, Tr::tr("cannot open %1: %2").arg(path, file.errorString())};
        return std::nullopt;
    }
    qCDebug(lcSession) << "reading the saved session" << path;
    return read(file, error);
}

} // namespace SessionFile

} // namespace SocketScope
