#pragma once

#include "log/eventlog.h"

#include <QString>

#include <optional>

class QIODevice;

namespace SocketScope {

// A saved session: everything the views need to show it again at every step, with no
// network and no capture.
struct SavedSession {
    Scenario scenario;
    QString language;
    QList<StepNote> notes;         // in the order the steps were handed out
    QList<CallEvent> calls;        // in the order they returned
    QList<CallStart> unfinished;   // calls in progress when the session was saved
    QList<ProcessEnd> processEnds; // in the order the traced processes ended
    QList<PacketEvent> packets;    // in the order they crossed, linked as recorded
    CaptureStatus capture;
    QString notice;
    std::optional<Outcome> outcome; // none when the run had not ended
};

// What went wrong with a file, for the user: which line and what.
struct SessionFileError {
    qint64 line = 0; // 0: the file as a whole
    QString message;
    QString text() const;
};

// The saved form of a session (docs/trace-format.md): JSON Lines, a header first (the format
// version, the scenario whole, the language, where the packets came from), then every step,
// call and packet ordered by seq, the outcome last. Captured packets carry their frames.
namespace SessionFile {

inline constexpr int formatVersion = 1;

bool write(const EventLog& log, QIODevice& device);
bool save(const EventLog& log, const QString& path, QString* error);

// Reads a saved session, checking every line: a broken, truncated, hostile or enormous file
// gives nullopt and *error names the line and what is wrong; it never crashes or hangs. A
// file that stops at a line's end (a run saved before it ended, a copy cut short) is read
// as far as it goes.
std::optional<SavedSession> read(QIODevice& device, SessionFileError* error);
std::optional<SavedSession> load(const QString& path, SessionFileError* error);

// The captured packets as a pcap file for tshark and Wireshark. Inferred packets are never
// written; with no captured packet at all, nothing is written and *error says why.
bool savePcap(const EventLog& log, const QString& path, QString* error);

} // namespace SessionFile

} // namespace SocketScope
