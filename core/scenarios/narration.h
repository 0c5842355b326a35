#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace SocketScope {

// One piece of a step's narration: words as written, or a placeholder for a number of this
// run ("${fd:socketEcoute}", "${port}"), filled from the log when the narration is shown.
// The course's own numbers ("htons(5000) in the course") are words; what the screen shows
// is a placeholder, so that the narration and the stage name the same descriptor and port.
struct NarrationPiece {
    enum class Kind : quint8 {
        Text,             // the words, as written
        Descriptor,       // ${fd:name}: the descriptor the name holds
        LocalPort,        // ${local_port:name}: the port of the named socket
        PeerPort,         // ${peer_port:name}: the port of the other end
        LocalAddress,     // ${local:name}: "127.0.0.1:5000", "[::1]:8080" or a path
        PeerAddress,      // ${peer:name}
        KeptAddress,      // ${address:name}: an address an "address_as" kept
        KeptPort,         // ${address_port:name}: its port
        CallPort,         // ${call_port}: the port in the address this step's call passes
        ServicePort,      // ${port}: the server's port in this run ("$port")
        PortWithoutHtons, // ${port_without_htons}: that port's bytes read in network order
    };
    Kind kind = Kind::Text;
    QString text;       // Text: the words; a placeholder: the name it takes, if any
    int definedBy = -1; // the step whose call gives the name its value
    bool operator==(const NarrationPiece&) const = default;
};

using Narration = QList<NarrationPiece>;

struct LocalizedNarration {
    Narration fr;
    Narration en;
    const Narration& in(const QString& language) const
    {
        return language == QLatin1String("fr") ? fr : en;
    }
};

namespace Narrations {

// What one step's narration may name: where each name of its actor was given its value (the
// step index, by name), and the step itself, for ${call_port}.
struct Names {
    const QHash<QString, int>* descriptors = nullptr;
    const QHash<QString, int>* addresses = nullptr;
    int step = -1;
    bool passesAddress = false; // bind, connect, sendto...: the call is given an address
};

// Splits a narration into its pieces. Empty with *error set when a placeholder is unknown,
// unterminated or names nothing this step's actor has.
Narration parse(const QString& text, const Names& names, QString* error);

// Words as they are, without placeholders: what a traced program's step says.
Narration words(const QString& text);

// ${port} or ${port_without_htons}: the scenario must have a step that uses "$port".
bool usesServicePort(const Narration& narration);

} // namespace Narrations

} // namespace SocketScope
